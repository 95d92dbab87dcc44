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

/// An event the fact base relates to the process (its topics name it) without making it a
/// meeting is printed as related to the process, on the timeline, never among the events
/// "that its sources do not link to the process".
#[test]
fn an_event_related_to_the_process_is_grouped_with_it() {
    let dir = scratch_copy(&fixture("minimal"));
    let sources = dir.path().join("sources.yaml");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str("- id: gazette-2022\n  title: A year of lake news\n  publisher: The Lakeside Gazette\n  published: 2022-06-01\n  kind: news\n");
    std::fs::write(&sources, text).unwrap();
    std::fs::write(
        dir.path().join("events/workshop.yaml"),
        "- id: lake-workshop-2022\n  title: Workshop on the Lake Dialogue's water data\n  kind: side-event\n  start: 2022-03-10\n  topics: [lake-dialogue]\n  sources: [gazette-2022]\n- id: harbour-fair-2022\n  title: Harbour Trade Fair\n  kind: other\n  start: 2022-05-01\n  sources: [gazette-2022]\n- id: lake-stand-2022\n  title: Lake Dialogue stand at the fair\n  kind: side-event\n  process: lake-dialogue\n  parent: harbour-fair-2022\n  start: 2022-05-01\n  sources: [gazette-2022]\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let ctx = context("process-history", data, &[]);
    let ids = |key: &str| -> Vec<String> {
        (ctx[key].as_array().unwrap().iter())
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    // Named by its topics, or part of an event outside the process but of the process.
    assert_eq!(ids("linked"), ["lake-workshop-2022", "lake-stand-2022"]);
    assert_eq!(ids("others"), ["harbour-fair-2022"]);
    let timeline: Vec<&str> = (ctx["timeline"].as_array().unwrap().iter())
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        timeline,
        [
            "lake-2020",
            "lake-2021",
            "lake-workshop-2022",
            "lake-stand-2022"
        ]
    );
    let text = pdf_of("process-history", data, &[]);
    let related = text
        .find("Related events")
        .expect("a section of related events");
    let others = text
        .find("Other events on record")
        .expect("a section of other events");
    // Each under its heading (both are on the timeline and in "What we do not know" too).
    let workshop = related
        + text[related..]
            .find("Workshop on the Lake Dialogue")
            .unwrap();
    let fair = others + text[others..].find("Harbour Trade Fair").unwrap();
    assert!(workshop < others, "{text}");
    assert!(
        !text[related..others].contains("Harbour Trade Fair"),
        "{text}"
    );
    assert!(fair > others, "{text}");
    assert_pdf_contains(
        &text,
        "Events that are not meetings of the Lake Dialogue but that the fact base relates to it.",
    );
}

/// An organisation summary tells what the organisation is and what it did, as a country
/// summary does; a person's long title is printed the first time only.
#[test]
fn an_organisation_summary_says_what_it_is_and_did() {
    let text = pdf_of(
        "organization-participation",
        "tests/fixtures/minimal",
        &["organization=lake-commission"],
    );
    for expected in [
        "ORGANISATION PARTICIPATION SUMMARY",
        "Participation in the Lake Dialogue",
        "Organisation Lake Basin Commission (LBC)",
        "Type Intergovernmental organisation",
        "Lake Basin Commission appears in one event on record",
        "Odile Marchand spoke for it",
        "The sources record one statement made for it",
        "The commission offered to host a shared monitoring station.",
    ] {
        assert_pdf_contains(&text, expected);
    }
    assert!(!text.contains("Country"), "{text}");
    // The shipped data: UNOCT's Under-Secretary-General is named with his title once.
    let text = pdf_of(
        "organization-participation",
        "data",
        &["organization=unoct"],
    );
    assert_pdf_contains(&text, "Type United Nations entity");
    assert_pdf_contains(&text, "Part of United Nations");
    assert!(text.matches("Vladimir Voronkov").count() >= 3, "{text}");
    let words = text
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let title = "Under Secretary General for Counter Terrorism";
    assert_eq!(words.matches(title).count(), 1, "{text}");
}

/// A country summary says in prose what matters: that the country launched the process, and
/// the headline figures and regions of the meetings it hosted (as announced, where only
/// sources from before say it hosted).
#[test]
fn a_country_summary_says_it_launched_the_process_and_what_it_hosted() {
    let text = pdf_of(
        "country-participation",
        "tests/fixtures/minimal",
        &["country=KAZ"],
    );
    assert_pdf_contains(&text, "Қазақстан launched the Lake Dialogue");
    assert_pdf_contains(
        &text,
        "First Lake Dialogue on Shared Waters, which it hosted",
    );
    assert_pdf_contains(&text, "60 participants");
    let text = pdf_of(
        "country-participation",
        "tests/fixtures/minimal",
        &["country=TUR"],
    );
    assert!(!text.contains("launched"), "{text}");
    assert_pdf_contains(&text, "which it hosted");
    assert_pdf_contains(&text, "about 120 participants");
    // The shipped data: Kuwait was announced to host the Kuwait Phase; its figures and
    // regions are in its summary.
    let text = pdf_of("country-participation", "data", &["country=KWT"]);
    assert_pdf_contains(&text, "Kuwait Phase, which it was announced to host");
    assert_pdf_contains(&text, "91 member states");
    assert_pdf_contains(&text, "Regions: League of Arab States");
}

/// A statement made for a party other than the speaker's own says so in the attribution,
/// as the shared Typst files write it (`speaking_for`); made for the speaker's own party,
/// it does not repeat it.
#[test]
fn a_statement_for_another_party_names_it() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "    - speaker: odile-marchand\n",
        "    - speaker: odile-marchand\n      on_behalf_of: TUR\n",
    );
    edit(
        &event,
        "    - speaker: aigerim-sadyk\n",
        "    - speaker: aigerim-sadyk\n      on_behalf_of: KAZ\n",
    );
    let data = dir.path().to_str().unwrap();
    let ctx = context("event-brief", data, &["event=lake-2021"]);
    let statements = ctx["event"]["statements"].as_array().unwrap();
    let by_speaker = |id: &str| {
        statements
            .iter()
            .find(|s| s["speakers"][0]["id"] == id)
            .unwrap()
    };
    assert_eq!(by_speaker("odile-marchand")["speaking_for"], "Türkiye");
    assert!(by_speaker("aigerim-sadyk")["speaking_for"].is_null());
    let text = pdf_of("event-brief", data, &["event=lake-2021"]);
    // Her title was printed in the participation table above: the name alone here.
    assert_pdf_contains(&text, "Odile Marchand, for Türkiye");
    assert!(!text.contains("for Қазақстан"), "{text}");
}
