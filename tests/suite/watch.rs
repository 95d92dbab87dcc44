//! `brief watch`, spawned for real in a new project: rebuilds on a save, keeps the last good
//! PDF on an invalid one, rebuilds only the documents a change touches, stops on SIGTERM.

use std::path::Path;

use crate::support::watch::Watch;
use crate::support::*;

#[test]
fn a_save_rebuilds_an_invalid_one_keeps_the_last_pdf_and_sigterm_stops() {
    let (_s, dir) = new_project();
    let watch = Watch::start(
        Path::new(env!("CARGO_BIN_EXE_brief")),
        &dir,
        &["-t", "process-history"],
    );
    watch.wait_for("watching", 1);
    let pdf = dir.join("output/process-history.pdf");
    let first = std::fs::read(&pdf).unwrap();
    let events = dir.join("data/events/2024-reykjavik.yaml");
    // A change the sources still support (the value stands in its excerpt either way).
    edit(&events, "qualifier: more than", "qualifier: at least");
    watch.wait_for("[data/events/2024-reykjavik.yaml] wrote", 1);
    let second = std::fs::read(&pdf).unwrap();
    assert_ne!(first, second);
    assert_pdf_contains(&pdf_text(&second), "at least 150");
    // An invalid save: the error is printed, the last good PDF stays.
    std::fs::write(dir.join("data/events/bad.yaml"), "- id: [broken\n").unwrap();
    let log = watch.wait_for("not rebuilt", 1);
    assert!(log.contains("bad.yaml:1:7"), "{log}");
    assert_eq!(std::fs::read(&pdf).unwrap(), second);
    // The fix rebuilds.
    std::fs::remove_file(dir.join("data/events/bad.yaml")).unwrap();
    watch.wait_for("[data/events/bad.yaml] wrote", 1);
    let (code, log) = watch.terminate();
    assert_eq!(code, Some(0), "{log}");
    // One rebuild per save, not one per file event.
    assert_eq!(
        log.matches("wrote output/process-history.pdf").count(),
        3,
        "{log}"
    );
    let names: Vec<String> = std::fs::read_dir(dir.join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["process-history.pdf"],
        "temporary files left behind"
    );
}

#[test]
fn with_all_only_the_documents_a_change_touches_are_rebuilt() {
    let (_s, dir) = new_project();
    let watch = Watch::start(
        Path::new(env!("CARGO_BIN_EXE_brief")),
        &dir,
        &["-t", "event-brief", "--all"],
    );
    watch.wait_for("rebuilt 2 of 2 documents", 1);
    let before_2023 = std::fs::read(dir.join("output/event-brief-harbour-2023.pdf")).unwrap();
    edit(
        &dir.join("data/events/2024-reykjavik.yaml"),
        "qualifier: more than",
        "qualifier: at least",
    );
    watch.wait_for("rebuilt 1 of 2 documents", 1);
    assert_eq!(
        std::fs::read(dir.join("output/event-brief-harbour-2023.pdf")).unwrap(),
        before_2023
    );
    assert_pdf_contains(
        &pdf_text(&std::fs::read(dir.join("output/event-brief-harbour-2024.pdf")).unwrap()),
        "at least 150",
    );
    let (code, _) = watch.terminate();
    assert_eq!(code, Some(0));
}

/// Links under the watched folders are never followed out of the project or round a loop: a
/// link to `/` and two links to `..` once made the walk cover the whole file system or loop
/// until killed (hostile round three, item 11).
#[test]
fn links_out_of_the_project_or_in_a_loop_are_not_walked() {
    let (_s, dir) = new_project();
    let events = dir.join("data/events");
    std::os::unix::fs::symlink("/", events.join("root")).unwrap();
    std::os::unix::fs::symlink("..", events.join("up")).unwrap();
    std::os::unix::fs::symlink("../..", events.join("upup")).unwrap();
    let started = std::time::Instant::now();
    let watch = Watch::start(
        Path::new(env!("CARGO_BIN_EXE_brief")),
        &dir,
        &["-t", "process-history"],
    );
    watch.wait_for("watching", 1);
    // A save is still seen and rebuilt.
    let event = dir.join("data/events/2024-reykjavik.yaml");
    edit(&event, "qualifier: more than", "qualifier: at least");
    watch.wait_for("[data/events/2024-reykjavik.yaml] wrote", 1);
    let (code, log) = watch.terminate();
    assert_eq!(code, Some(0), "{log}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}\n{log}",
        started.elapsed()
    );
}

/// `watch` makes every language asked for, as `generate` does, and rebuilds each.
#[test]
fn every_language_asked_for_is_watched() {
    let (_s, dir) = new_project();
    let watch = Watch::start(
        Path::new(env!("CARGO_BIN_EXE_brief")),
        &dir,
        &["-t", "event-brief", "--all", "--lang", "en,ru"],
    );
    watch.wait_for("rebuilt 4 of 4 documents", 1);
    let ru = dir.join("output/event-brief-harbour-2024.ru.pdf");
    assert_pdf_contains(&pdf_text(&std::fs::read(&ru).unwrap()), "Источники");
    edit(
        &dir.join("data/events/2024-reykjavik.yaml"),
        "qualifier: more than",
        "qualifier: at least",
    );
    // The changed event in both languages, the other untouched.
    watch.wait_for("rebuilt 2 of 4 documents", 1);
    assert_pdf_contains(&pdf_text(&std::fs::read(&ru).unwrap()), "at least 150");
    let (code, _) = watch.terminate();
    assert_eq!(code, Some(0));
}
