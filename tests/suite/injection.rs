//! No injection: random strings weighted towards Typst and MiniJinja syntax, put into every
//! kind of field of a fact base and rendered through every shipped template, come out of the
//! PDF exactly as written (whitespace aside). Had any of them run as code, the compile would
//! fail or the text would differ.

use std::path::Path;

use proptest::prelude::*;

/// A YAML double-quoted scalar holding exactly `s`.
fn yaml(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}') => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const FIELDS: usize = 19;

/// Writes a fact base in which every printed text field holds one of `s`.
fn write_fact_base(dir: &Path, s: &[String]) {
    let y: Vec<String> = s.iter().map(|x| yaml(x)).collect();
    let files = [
        (
            "sources.yaml",
            format!(
                "- {{ id: src-1, title: {}, publisher: {}, published: 2020-01-02, kind: news }}\n",
                y[0], y[1]
            ),
        ),
        (
            "countries.yaml",
            format!("- {{ id: XAA, name: {}, sources: [src-1] }}\n", y[2]),
        ),
        (
            "organizations.yaml",
            format!(
                "- {{ id: org-1, name: {}, kind: other, sources: [src-1] }}\n",
                y[3]
            ),
        ),
        (
            "people.yaml",
            format!(
                "- id: person-1\n  name: {}\n  positions:\n    - {{ title: {}, party: org-1, sources: [src-1] }}\n  sources: [src-1]\n",
                y[4], y[5]
            ),
        ),
        (
            "processes.yaml",
            format!(
                "- {{ id: proc-1, name: {}, summary: {}, themes: [{}], initiator: XAA, sources: [src-1] }}\n",
                y[6], y[7], y[8]
            ),
        ),
        (
            "events.yaml",
            format!(
                "- id: ev-1
  title: {}
  short_title: {}
  kind: conference
  process: proc-1
  sequence: 1
  start: 2020-01-01
  location: {{ city: {}, country: XAA }}
  hosts: [XAA]
  organizers: [org-1]
  topics: [{}]
  figures:
    - {{ measure: m, label: {}, value: 7, sources: [src-1] }}
  participants:
    - {{ party: org-1, role: speaker, head: person-1, note: {}, sources: [src-1] }}
  statements:
    - {{ speaker: person-1, kind: quote, text: {}, sources: [src-1] }}
  outcomes:
    - {{ title: {}, sources: [src-1] }}
  sources: [src-1]
",
                y[9], y[10], y[11], y[12], y[13], y[14], y[15], y[16]
            ),
        ),
        (
            "initiatives.yaml",
            format!(
                "- {{ id: in-1, party: XAA, kind: proposal, title: {}, summary: {}, event: ev-1, sources: [src-1] }}\n",
                y[17], y[18]
            ),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
}

/// Makes a PDF of `template` with `params` in-process and returns its text.
fn pdf_text_of(data: &Path, template: &str, params: &[(&str, &str)]) -> String {
    let repo = crate::support::repo();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut ctx = brief::harness::context(data, &repo.join("templates"), template, params, date)
        .unwrap_or_else(|e| panic!("{e}"));
    // One tall page: a field that spans a page break would have the running header and
    // footer inside it in the extracted text. This test is about escaping, not pagination.
    ctx["brief"]["paper"] = "a0".into();
    crate::support::pdf_text(&crate::support::render_pdf(&repo, template, &ctx))
}

/// Text with Typst, MiniJinja and YAML syntax in it, often at the start of a line.
fn hostile() -> impl Strategy<Value = String> {
    let body = "[#$*_`<>@\\[\\]~\"'=+/:;.,()0-9a-zA-ZДжиİığüşçö{}%&!? \\\\-]{1,20}";
    let start = "(= |- |\\+ |1\\. |/ |#|\\$|// |/\\*|```|<|@|\\{\\{ |\\{% |--- |\\.\\.\\.|~)";
    prop_oneof![
        3 => body.prop_map(|s| s),
        2 => (start, body).prop_map(|(a, b)| a + &b),
        1 => (body, start, body).prop_map(|(a, b, c)| format!("{a}\n{b}{c}")),
    ]
    .prop_filter("has visible text", |s| {
        s.chars().any(|c| !c.is_whitespace())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn data_prints_verbatim_in_every_template(strings in proptest::collection::vec(hostile(), FIELDS)) {
        let dir = tempfile::tempdir().unwrap();
        write_fact_base(dir.path(), &strings);

        let history = pdf_text_of(dir.path(), "process-history", &[]);
        for (i, s) in strings.iter().enumerate() {
            prop_assert!(crate::support::pdf_contains(&history, s), "process-history lacks field {i}: {s:?}\n{history}");
        }
        let brief = pdf_text_of(dir.path(), "event-brief", &[("event", "ev-1")]);
        for i in [0, 1, 2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] {
            let s = &strings[i];
            prop_assert!(crate::support::pdf_contains(&brief, s), "event-brief lacks field {i}: {s:?}\n{brief}");
        }
        let country = pdf_text_of(dir.path(), "country-participation", &[("country", "XAA")]);
        for i in [0, 1, 2, 6, 10, 17, 18] {
            let s = &strings[i];
            prop_assert!(crate::support::pdf_contains(&country, s), "country-participation lacks field {i}: {s:?}\n{country}");
        }
    }
}
