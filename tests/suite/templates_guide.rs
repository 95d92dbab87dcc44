//! What the page means, and the template author's guide: side events sit within their
//! parent, claims print in words, the comparison chart needs two meetings, and every field a
//! template can receive is documented in `templates/README.md`.

use crate::support::*;

fn context(template: &str, data: &str, params: &[&str]) -> serde_json::Value {
    let mut args = vec!["context", "--template", template, "--data", data];
    for p in params {
        args.extend_from_slice(&["--param", p]);
    }
    let out = brief(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn pdf_of(template: &str, data: &str, params: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    let mut args = vec!["--template", template, "--data", data];
    for p in params {
        args.extend_from_slice(&["--param", p]);
    }
    let out = generate(&path, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    pdf_text(&std::fs::read(&path).unwrap())
}

#[test]
fn a_side_event_that_names_the_process_is_not_a_meeting_of_it() {
    let ctx = context("process-history", "tests/fixtures/side-events", &[]);
    assert_eq!(ctx["span"]["count"], 2);
    let events = ctx["events"].as_array().unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["harbour-2023", "harbour-2024"]);
    assert_eq!(events[0]["related"][0]["id"], "harbour-2023-side");
    let text = pdf_of("process-history", "tests/fixtures/side-events", &[]);
    assert_pdf_contains(&text, "It has met 2 times");
    // Shown within its parent's section, before the next meeting.
    let side = text.find("Side event on pilotage").unwrap();
    let next = text.rfind("Second Harbour Talks").unwrap();
    assert!(side < next);
    // The event brief of the parent lists it among related events.
    let brief = pdf_of(
        "event-brief",
        "tests/fixtures/side-events",
        &["event=harbour-2023"],
    );
    assert_pdf_contains(&brief, "Related events");
    assert_pdf_contains(&brief, "Side event on pilotage");
}

#[test]
fn a_claim_prints_the_field_in_words_and_the_value_formatted() {
    let text = pdf_of("process-history", "tests/fixtures/side-events", &[]);
    assert_pdf_contains(&text, "One source gives the start date as 3 September 2023");
    assert_pdf_contains(&text, "the ministry dates the opening a day earlier");
}

#[test]
fn figures_reported_by_one_meeting_draw_no_comparison_chart() {
    // The shipped data: only one meeting reports figures.
    let ctx = context("process-history", "data", &[]);
    assert!(ctx["figures"].is_null(), "{}", ctx["figures"]);
    // The minimal fixture: two meetings report participants.
    let ctx = context("process-history", "tests/fixtures/minimal", &[]);
    let points = ctx["figures"]["measures"][0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 2);
}

/// Every object key in `value`.
fn keys(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.insert(k.clone());
                keys(v, out);
            }
        }
        serde_json::Value::Array(list) => list.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn the_template_guide_documents_every_context_field() {
    let guide = std::fs::read_to_string(repo().join("templates/README.md")).unwrap();
    let mut all = std::collections::BTreeSet::new();
    for (template, data, params) in [
        ("process-history", "data", vec![]),
        ("process-history", "tests/fixtures/side-events", vec![]),
        ("event-brief", "data", vec!["event=kuwait-phase-2024"]),
        (
            "event-brief",
            "tests/fixtures/side-events",
            vec!["event=harbour-2023"],
        ),
        ("country-participation", "data", vec!["country=TJK"]),
        ("country-participation", "data", vec!["country=TKM"]),
    ] {
        keys(&context(template, data, &params), &mut all);
    }
    // Parameter names and values appear as keys of `brief.params`.
    for param in ["process", "country", "event"] {
        all.remove(param);
    }
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| !guide.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "fields not documented in templates/README.md: {missing:?}"
    );
    assert!(all.len() > 60, "{all:?}");
}
