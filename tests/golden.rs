//! Golden files: the Typst source each shipped template generates for the minimal fixture.
//! A change to a template or to the context shows up here as a reviewable diff.
//! After an intended change, regenerate with `BRIEF_UPDATE_GOLDEN=1 cargo test --test golden`.

mod common;

use common::*;

fn golden(template: &str, params: &[&str], name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "generate",
        "--template",
        template,
        "--data",
        "tests/fixtures/minimal",
        "--format",
        "typ",
        "--date",
        "2026-11-24",
        "--out",
        dir.path().to_str().unwrap(),
    ];
    args.extend_from_slice(params);
    let out = brief(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let actual = std::fs::read_to_string(file).unwrap();
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("BRIEF_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with BRIEF_UPDATE_GOLDEN=1", path.display()));
    if actual != expected {
        let line = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .map_or(actual.lines().count().min(expected.lines().count()), |i| i);
        panic!(
            "{name} differs from the golden file at line {}:\n  got:      {:?}\n  expected: {:?}\n(regenerate with BRIEF_UPDATE_GOLDEN=1 if the change is intended)",
            line + 1,
            actual.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

#[test]
fn process_history_source() {
    golden("process-history", &[], "process-history-minimal.typ");
}

#[test]
fn country_participation_source() {
    golden(
        "country-participation",
        &["--param", "country=KAZ"],
        "country-participation-minimal-KAZ.typ",
    );
}

#[test]
fn event_brief_source() {
    golden(
        "event-brief",
        &["--param", "event=lake-2021"],
        "event-brief-minimal-lake-2021.typ",
    );
}
