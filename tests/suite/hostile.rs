//! Hostile input, round two: broken pipes and full disks on stderr, files that are not
//! regular files, bidi and terminal controls in data, language tags, and floods of warnings.

use std::process::{Command, Stdio};

use crate::support::*;

/// A copy of the minimal fixture in a scratch folder inside the repository.
fn fixture_copy() -> tempfile::TempDir {
    scratch_copy(&fixture("minimal"))
}

#[test]
fn an_unwritable_stderr_never_stops_the_work() {
    let out_dir = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["generate", "-t", "event-brief", "--all", "-o"])
        .arg(out_dir.path())
        .current_dir(repo())
        .stderr(full)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 9);
    // stderr closed after the first bytes: every document is still written.
    let out_dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["generate", "-t", "event-brief", "--all", "-o"])
        .arg(out_dir.path())
        .current_dir(repo())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stderr.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stderr.take());
    assert!(child.wait().unwrap().success());
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 9);
}

#[test]
fn only_regular_files_inside_the_folders_are_read() {
    let dir = fixture_copy();
    let fifo = dir.path().join("events/b.yaml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("initiatives.yaml")).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("b.yaml` is not a regular file"), "{err}");
    assert!(err.contains("initiatives.yaml` leads outside"), "{err}");
    assert!(!err.contains("PATH="), "environment echoed: {err}");

    // Source texts: a path outside is refused and never read; a FIFO never hangs.
    let dir = fixture_copy();
    let texts = tempfile::tempdir_in(scratch_root()).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(texts.path().join("fifo.txt"))
            .status()
            .unwrap()
            .success()
    );
    edit(
        &dir.path().join("sources.yaml"),
        "kind: news",
        "kind: news\n  file: /etc/hostname",
    );
    std::fs::write(
        dir.path().join("sources.yaml"),
        std::fs::read_to_string(dir.path().join("sources.yaml")).unwrap()
            + "- { id: piped, title: t, publisher: p, published: 2021, kind: news, file: fifo.txt }\n",
    )
    .unwrap();
    let countries = dir.path().join("countries.yaml");
    edit(
        &countries,
        "sources: [gazette-2021]",
        "sources: [{ id: gazette-2021, excerpt: localhost }]",
    );
    edit(
        &countries,
        "sources: [gazette-2021]",
        "sources: [{ id: piped, excerpt: x }]",
    );
    let started = std::time::Instant::now();
    let out = brief(&[
        "check",
        "--data",
        &rel(dir.path()),
        "--sources",
        &rel(texts.path()),
    ]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let err = stderr(&out);
    assert!(
        err.contains("`/etc/hostname` is not a file name inside the sources folder"),
        "{err}"
    );
    assert!(
        !err.contains("excerpt not found"),
        "a rejected path was read: {err}"
    );
    assert!(err.contains("fifo.txt` is not a regular file"), "{err}");
}

#[test]
fn bidi_controls_stay_inside_their_value() {
    let dir = fixture_copy();
    edit(
        &dir.path().join("events/second.yaml"),
        "city: İstanbul",
        "city: \"İstanbul\\u202E\"",
    );
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("bidirectional control character (\\u{202e})"),
        "{}",
        stderr(&out)
    );
    let out_dir = tempfile::tempdir().unwrap();
    let typ = out_dir.path().join("x.typ");
    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "-p",
        "event=lake-2021",
        "--data",
        &rel(dir.path()),
        "-o",
        typ.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Closed (PDF, U+202C) right after, inside the same string.
    let source = std::fs::read_to_string(&typ).unwrap();
    assert!(
        source.contains("İstanbul\u{202E}\u{202C}\""),
        "override left open"
    );
    assert!(!source.contains("İstanbul\u{202E}\""));
    // And it is no "empty box": format characters print nothing by design.
    assert!(!stderr(&out).contains("empty box"), "{}", stderr(&out));
    // Joined with other values before it reaches the page ("City, Country" is made before
    // any template sees it), the override still ends with the city: the country after it
    // keeps its direction (it once printed "Place: Ærøby dnalørÆ ,").
    let out = brief(&[
        "context",
        "-t",
        "event-brief",
        "-p",
        "event=lake-2021",
        "--data",
        &rel(dir.path()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let context: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let place = context["event"]["location"]["text"].as_str().unwrap();
    assert_eq!(place, "İstanbul\u{202E}\u{202C}, Türkiye");
    assert_eq!(
        context["event"]["place"],
        "İstanbul\u{202E}\u{202C}, Türkiye"
    );
}

#[test]
fn control_characters_from_data_never_reach_the_terminal() {
    let dir = fixture_copy();
    edit(
        &dir.path().join("events/first.yaml"),
        "process: lake-dialogue",
        "process: \"\\e]0;PWNED\\a\\e[2Jproc-a\"",
    );
    let out = brief(&["check", "--data", &rel(dir.path())]);
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;PWNED"), "{err}");
}

#[test]
fn language_tags_are_read_as_typst_takes_them() {
    for (tag, ok) in [
        ("en-GB", true),
        ("zh-Hant", true),
        ("sr-Latn-RS", true),
        ("english", false),
    ] {
        let dir = fixture_copy();
        std::fs::write(
            dir.path().join("issuer.yaml"),
            format!("office: Desk\nlanguage: {tag}\n"),
        )
        .unwrap();
        let out_dir = tempfile::tempdir().unwrap();
        let out = brief(&[
            "generate",
            "-t",
            "process-history",
            "--data",
            &rel(dir.path()),
            "-o",
            out_dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.success(), ok, "{tag}: {}", stderr(&out));
        if !ok {
            assert!(
                stderr(&out).contains("issuer.yaml:2:11"),
                "{}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn a_flood_of_missing_glyphs_is_one_warning() {
    let dir = fixture_copy();
    let cjk: String = ('\u{4E00}'..'\u{4E40}').collect();
    edit(
        &dir.path().join("events/second.yaml"),
        "text: Су — өмір көзі.",
        &format!("text: \"{cjk}\""),
    );
    let out_dir = tempfile::tempdir().unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "-p",
        "event=lake-2021",
        "--data",
        &rel(dir.path()),
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings = err.lines().filter(|l| l.starts_with("warning")).count();
    assert_eq!(warnings, 1, "{err}");
    assert!(err.contains("no font has 64 Han characters"), "{err}");
    assert!(err.contains("`fonts/` folder"), "{err}");
}

#[test]
fn many_problems_are_reported_quickly_and_counted_past_a_screenful() {
    let dir = one_source_base();
    let mut countries = String::new();
    for i in 0..3000 {
        countries.push_str(&format!(
            "- id: X{}{}\n  sources: [s]\n",
            (b'A' + (i % 26) as u8) as char,
            (b'A' + (i / 26 % 26) as u8) as char
        ));
    }
    std::fs::write(dir.path().join("countries.yaml"), countries).unwrap();
    let started = std::time::Instant::now();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    let err = stderr(&out);
    let missing = err
        .lines()
        .filter(|l| l.starts_with("error: a country is missing the required field"))
        .count();
    assert_eq!(missing, 20, "{} lines", err.lines().count());
    assert!(
        err.contains("… and 2980 more like “a country is missing the required field …”"),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    // A huge value is neither compared for suggestions nor printed whole.
    let dir = fixture_copy();
    let huge = "z".repeat(100_000);
    edit(
        &dir.path().join("events/first.yaml"),
        "process: lake-dialogue",
        &format!("process: {huge}"),
    );
    let started = std::time::Instant::now();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    let err = stderr(&out);
    assert!(
        err.contains(" characters in all)"),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(err.len() < 60_000, "{} bytes of messages", err.len());
}

#[test]
fn a_large_valid_file_loads() {
    let dir = one_source_base();
    std::fs::write(
        dir.path().join("countries.yaml"),
        "- {id: KAZ, name: K, sources: [s]}\n",
    )
    .unwrap();
    // More values than the YAML library's default budget (250,000) allows.
    let mut events = String::new();
    for i in 0..5000 {
        events.push_str(&format!("- id: e{i}\n  title: Event {i}\n  kind: meeting\n  start: 2024-01-01\n  participants:\n"));
        for j in 0..8 {
            events.push_str(&format!(
                "    - {{party: KAZ, role: delegation, note: n{j}, sources: [s]}}\n"
            ));
        }
        events.push_str("  sources: [s]\n");
    }
    std::fs::write(dir.path().join("events.yaml"), events).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(
        out.status.success(),
        "{}",
        &stderr(&out)[..stderr(&out).len().min(500)]
    );
    assert!(stderr(&out).contains("5000 events"));
}

/// A scratch fact base inside the project holding one source, `s`.
fn one_source_base() -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(scratch_root()).unwrap();
    std::fs::write(
        dir.path().join("sources.yaml"),
        "- {id: s, title: t, publisher: p, published: 2024, kind: news}\n",
    )
    .unwrap();
    dir
}

fn templates_with(name: &str, body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(scratch_root()).unwrap();
    std::fs::write(dir.path().join(format!("{name}.typ.j2")), body).unwrap();
    std::fs::write(
        dir.path().join(format!("{name}.manifest.yaml")),
        "description: a test\nparams: []\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_document_over_the_memory_budget_stops_with_an_error() {
    // A loop that doubles a string to 2 GB; the budget stops it long before.
    let templates = templates_with(
        "hog",
        "#let s = \"x\"\n#for i in range(31) { s = s + s }\n#s.len()\n",
    );
    let out_dir = tempfile::tempdir().unwrap();
    let earlier = out_dir.path().join("hog.pdf");
    std::fs::write(&earlier, b"an earlier briefing").unwrap();
    let started = std::time::Instant::now();
    let out = brief(&[
        "generate",
        "-t",
        "hog",
        "--templates",
        &rel(templates.path()),
        "--max-memory",
        "300MiB",
        "-o",
        earlier.to_str().unwrap(),
    ]);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("stopped: making `hog`"), "{err}");
    assert!(err.contains("memory budget (300 MiB"), "{err}");
    assert_eq!(std::fs::read(&earlier).unwrap(), b"an earlier briefing");
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        1,
        "nothing else left behind"
    );
    // A budget too small to make anything is a usage error.
    let out = brief(&["generate", "-t", "process-history", "--max-memory", "1MiB"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_page_too_large_for_png_is_refused_before_rendering() {
    let templates = templates_with("huge", "#set page(width: 10000cm, height: 10000cm)\nbig\n");
    let out_dir = tempfile::tempdir().unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "huge",
        "--templates",
        &rel(templates.path()),
        "-f",
        "png",
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("too large to write as PNG"), "{err}");
    assert!(!err.contains("memory allocation"), "{err}");
    assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
}
