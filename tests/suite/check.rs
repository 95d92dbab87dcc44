//! `brief check` on fixture fact bases with every kind of defect: each report names the
//! file, line and column, the field, and what is wrong.

use crate::support::*;

/// The `error:` lines and the `file:line:column` under each, in order.
fn reports(stderr: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let at = lines
            .peek()
            .and_then(|l| l.split("┌─ ").nth(1))
            .map(|s| s.trim().to_owned())
            .unwrap_or_default();
        out.push((at, message.to_owned()));
    }
    out
}

#[test]
fn every_defect_is_reported_with_file_line_and_message() {
    let out = brief(&[
        "check",
        "--data",
        "tests/fixtures/defects",
        "--sources",
        "tests/fixtures/defects-texts",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let d = "tests/fixtures/defects";
    let expected = [
        (
            "",
            "`tests/fixtures/defects/event.yaml` is not a collection of the fact base",
        ),
        ("countries.yaml:1:7", "`tj` is not a valid id in countries"),
        (
            "countries.yaml:3:12",
            "`sources` is empty: every fact must cite a source",
        ),
        (
            "countries.yaml:4:3",
            "a country is missing the required field `sources`",
        ),
        (
            "events.yaml:1:3",
            "an event is missing the required field `title`",
        ),
        ("events.yaml:2:3", "unknown field `titel` in an event"),
        ("events.yaml:3:9", "`conferense` is not a known value here"),
        (
            "events.yaml:5:8",
            "event ends (2024-11-04) before it starts (2024-11-05)",
        ),
        ("events.yaml:6:16", "unknown country or organization `KWTT`"),
        ("events.yaml:8:39", "expected a whole number, found text"),
        ("events.yaml:10:11", "unknown source `src-zz`"),
        (
            "events.yaml:12:16",
            "excerpt not found in the text of source `src-a`",
        ),
        (
            "sources.yaml:6:8",
            "`ftp://example.org/a` is not a web address",
        ),
        ("sources.yaml:8:7", "duplicate id `src-a` in sources"),
        ("sources.yaml:11:14", "`2024-13-01` is not a valid date"),
        ("sources.yaml:12:9", "`blog` is not a known value here"),
    ];
    let got = reports(&err);
    for (at, message) in expected {
        let at = if at.is_empty() {
            String::new()
        } else {
            format!("{d}/{at}")
        };
        assert!(
            got.iter().any(|(a, m)| a == &at && m == message),
            "missing report {at} {message:?}\n--- stderr ---\n{err}"
        );
    }
    // The excerpt whose spacing and quotes differ from the source still matches.
    assert!(
        !got.iter()
            .any(|(a, _)| a == &format!("{d}/events.yaml:14:16")),
        "{err}"
    );
    // Suggestions, fields and the offending line are shown.
    for hint in [
        "did you mean `title`?",
        "did you mean `conference`?",
        "did you mean `KWT`?",
        "did you mean `events.yaml`?",
        "field: events[ev-1].kind",
        "field: events[ev-1].hosts",
        "  hosts: [KWT, KWTT]",
        "help: use one of: conference, side-event, meeting, visit, other",
    ] {
        assert!(err.contains(hint), "missing {hint:?}\n{err}");
    }
    // A fact of an event cited only to sources from before it began (the fixture's sources
    // date from 2024-01-01): the event in 2025 and a figure of one in November 2024.
    assert!(
        err.contains("this event is cited only to sources published before the event began (1 January 2024, before 2025)"),
        "{err}"
    );
    assert!(
        err.contains(
            "the figure `participants` is cited only to sources published before the event began"
        ),
        "{err}"
    );
    assert!(err.contains("21 problems found"), "{err}");
}

#[test]
fn generate_refuses_an_invalid_fact_base() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "process-history",
            "--data",
            "tests/fixtures/defects",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("unknown field `titel`"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("- &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..40 {
        let p = i - 1;
        text.push_str(&format!(
            "- &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    std::fs::write(dir.path().join("sources.yaml"), text).unwrap();
    let out = brief(&["check", "--data", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("aliases that expand into too many copies"),
        "{}",
        stderr(&out)
    );
}

/// The shipped fact base against the seed documents, where they are beside the repository
/// (CI has them; a bare clone does not).
#[test]
fn shipped_excerpts_occur_in_the_seed_documents() {
    let seeds = repo().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no ../shared/seeds beside the repository");
        return;
    }
    let out = brief(&["check", "--sources", seeds.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The ten most common YAML mistakes, each said in words at the line it is on (or, for a
/// bracket never closed, where it opened), with what to write instead.
#[test]
fn the_common_yaml_mistakes_are_explained_where_they_are() {
    let cases: [(&str, &str, &str, &str); 11] = [
        (
            "unclosed bracket",
            "- id: KAZ\n  name: Kazakhstan\n  sources: [gazette-2021\n- id: TUR\n  name: Türkiye\n  sources: [gazette-2021]\n",
            "the `[` opened on line 3 is never closed",
            "countries.yaml:3:12",
        ),
        (
            "unclosed quote",
            "- id: KAZ\n  name: \"Kazakhstan\n  sources: [gazette-2021]\n",
            "unclosed quote",
            "countries.yaml:2:9",
        ),
        (
            "tab",
            "- id: KAZ\n\tname: Kazakhstan\n  sources: [gazette-2021]\n",
            "a tab character is used for indentation",
            "countries.yaml:2:1",
        ),
        (
            "no space after a colon",
            "- id: KAZ\n  name:Kazakhstan\n  sources: [gazette-2021]\n",
            "`name:` needs a space after the colon",
            "countries.yaml:2:7",
        ),
        (
            "indented too far",
            "- id: KAZ\n  name: Kazakhstan\n   sources: [gazette-2021]\n",
            "indented more than the field above it (3 spaces, not 2)",
            "countries.yaml:3:4",
        ),
        (
            "indented too little",
            "- id: KAZ\n  name: Kazakhstan\n sources: [gazette-2021]\n",
            "indented less than the field above it (1 space, not 2)",
            "countries.yaml:3:2",
        ),
        (
            "duplicate key",
            "- id: KAZ\n  name: Kazakhstan\n  name: Qazaqstan\n  sources: [gazette-2021]\n",
            "`name` is given twice in the same record",
            "countries.yaml:3:3",
        ),
        (
            "unquoted colon in a value",
            "- id: KAZ\n  name: Kazakhstan: the Republic\n  sources: [gazette-2021]\n",
            "the value of `name` contains `: `",
            "countries.yaml:2:9",
        ),
        (
            "stray dash",
            "- id: KAZ\n  name: Kazakhstan\n  - sources: [gazette-2021]\n",
            "a `-` starts a new list item here",
            "countries.yaml:3:3",
        ),
        (
            "a list where a mapping belongs",
            "- id: KAZ\n  name: Kazakhstan\n  sources: [gazette-2021]\n  extra: [a, b]\n",
            "expected a mapping of your own fields, found a list",
            "countries.yaml:4:10",
        ),
        (
            "a list where text belongs",
            "- id: KAZ\n  name: [Kazakhstan]\n  sources: [gazette-2021]\n",
            "expected text, found a list",
            "countries.yaml:2:9",
        ),
    ];
    for (what, yaml, message, at) in cases {
        let dir = scratch_copy(&fixture("minimal"));
        // TUR is used by the events: keep it, after the case's KAZ record.
        let text = if yaml.contains("TUR") {
            yaml.to_owned()
        } else {
            format!("{yaml}- id: TUR\n  name: Türkiye\n  sources: [gazette-2021]\n")
        };
        std::fs::write(dir.path().join("countries.yaml"), text).unwrap();
        let out = brief(&["check", "--data", &rel(dir.path())]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(message), "{what}: no `{message}` in\n{err}");
        assert!(err.contains(at), "{what}: no `{at}` in\n{err}");
    }
    // A file saved with a byte-order mark and Windows line ends reads as any other, and a
    // mistake in it is reported on its own line.
    let dir = scratch_copy(&fixture("minimal"));
    let crlf = "\u{feff}- id: KAZ\r\n  name: Kazakhstan\r\n  sources: [gazette-2021]\r\n- id: TUR\r\n  name: Türkiye\r\n  sources: [gazette-2021]\r\n";
    std::fs::write(dir.path().join("countries.yaml"), crlf).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(
        dir.path().join("countries.yaml"),
        crlf.replace("  name: Türkiye", "  name:Türkiye"),
    )
    .unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert!(
        stderr(&out).contains("countries.yaml:5:7"),
        "{}",
        stderr(&out)
    );
}

/// A field names its record by id, or by its place counted from 1 when it has none, and an
/// item of a list by its place from 1: `countries[2].id`, `events[ID].figures[1].value`.
#[test]
fn fields_name_records_by_id_and_count_items_from_one() {
    let dir = scratch_copy(&fixture("minimal"));
    std::fs::write(
        dir.path().join("countries.yaml"),
        "- id: KAZ\n  name: Kazakhstan\n  sources: [gazette-2021]\n- name: Türkiye\n  sources: [gazette-2021]\n",
    )
    .unwrap();
    edit(
        &dir.path().join("events/second.yaml"),
        "value: 120",
        "value: many",
    );
    let out = brief(&["check", "--data", &rel(dir.path())]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("field: countries[2].id"), "{err}");
    assert!(
        err.contains("field: events[lake-2021].figures[1].value"),
        "{err}"
    );
    assert!(!err.contains("[0]"), "{err}");
}
