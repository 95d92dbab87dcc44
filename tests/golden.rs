//! Golden files: the Typst source each shipped template generates for the minimal fixture,
//! as `insta` snapshots in `tests/snapshots/`. A change to a template or to the context shows
//! up as a reviewable diff. After an intended change: `INSTA_UPDATE=always cargo test --test
//! golden` (or `cargo insta review`), then read the diff before committing.

mod common;

use common::*;

fn generated(template: &str, params: &[&str]) -> String {
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
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn process_history_source() {
    insta::assert_snapshot!("process-history-minimal", generated("process-history", &[]));
}

#[test]
fn country_participation_source() {
    insta::assert_snapshot!(
        "country-participation-minimal-KAZ",
        generated("country-participation", &["--param", "country=KAZ"])
    );
}

#[test]
fn event_brief_source() {
    insta::assert_snapshot!(
        "event-brief-minimal-lake-2021",
        generated("event-brief", &["--param", "event=lake-2021"])
    );
}
