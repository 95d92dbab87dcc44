//! Golden files: the Typst source each shipped template generates for the minimal fixture,
//! as `insta` snapshots in `tests/suite/snapshots/`. A change to a template or to the context
//! shows up as a reviewable diff. After an intended change: `INSTA_UPDATE=always cargo test
//! golden` (or `cargo insta review`), then read the diff before committing.

use crate::support::*;

/// `insta::assert_snapshot!` under the names the snapshots have had since they were made
/// (`golden__NAME`), whatever module of the test crate asks.
macro_rules! snapshot {
    ($name:expr, $value:expr $(,)?) => {
        insta::with_settings!({ prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("golden__{}", $name), $value)
        })
    };
}

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
    snapshot!("process-history-minimal", generated("process-history", &[]));
}

#[test]
fn country_participation_source() {
    snapshot!(
        "country-participation-minimal-KAZ",
        generated("country-participation", &["--param", "country=KAZ"])
    );
}

#[test]
fn organization_participation_source() {
    snapshot!(
        "organization-participation-minimal-lake-commission",
        generated(
            "organization-participation",
            &["--param", "organization=lake-commission"],
        )
    );
}

#[test]
fn event_brief_source() {
    snapshot!(
        "event-brief-minimal-lake-2021",
        generated("event-brief", &["--param", "event=lake-2021"])
    );
}

/// The three templates in each built-in language besides English: the words around the
/// facts, dates and numbers as each language writes them.
#[test]
fn every_template_in_every_language() {
    for lang in ["ru", "fr", "ar-KW"] {
        snapshot!(
            format!("process-history-minimal-{lang}"),
            generated("process-history", &["--lang", lang])
        );
        snapshot!(
            format!("country-participation-minimal-KAZ-{lang}"),
            generated(
                "country-participation",
                &["--param", "country=KAZ", "--lang", lang]
            )
        );
        snapshot!(
            format!("event-brief-minimal-lake-2021-{lang}"),
            generated(
                "event-brief",
                &["--param", "event=lake-2021", "--lang", lang]
            )
        );
    }
}
