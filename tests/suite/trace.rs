//! `brief trace`: every note of every shipped document, followed back to the fact base, and
//! checked here from what the trace reports (not from its own verdict): each source supports
//! a field the note sits on, none is later than the document's date, a fact told only by
//! sources from before its event prints as announced, and no excerpt failed its checks.

use serde_json::Value;

use crate::support::*;

const DATE: &str = "2026-11-24";

/// `brief trace --all --format json` for `template` over `data` (extra arguments after).
fn traces(template: &str, data: &str, extra: &[&str]) -> (Vec<Value>, std::process::Output) {
    let mut args = vec![
        "trace",
        "--template",
        template,
        "--all",
        "--data",
        data,
        "--date",
        DATE,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = brief(&args);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{template}: {e}\n{}", stderr(&out)));
    (json.as_array().expect("an array of traces").clone(), out)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Every check the issue asks of a note, on the trace's own data. Returns what is wrong.
fn audit(doc: &str, note: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let text = note["text"].as_str().unwrap_or_default();
    let at = format!("{doc}, note {} “{text}”", note["numbers"]);
    let records = note["records"].as_array().unwrap();
    let sources = note["sources"].as_array().unwrap();
    if text.trim().is_empty() {
        wrong.push(format!("{at}: sits on no text"));
    }
    if records.is_empty() || sources.is_empty() {
        wrong.push(format!("{at}: no records or no sources"));
    }
    for s in sources {
        let id = s["id"].as_str().unwrap();
        let published = s["published"].as_str().unwrap();
        if published > DATE {
            wrong.push(format!("{at}: {id} published {published}, after {DATE}"));
        }
        let citations = s["citations"].as_array().unwrap();
        // Some citation of a record the note is made from names a field the note uses (or
        // the whole record).
        let supports = citations.iter().any(|c| {
            records
                .iter()
                .filter(|r| r["ref"] == c["ref"])
                .any(|record| {
                    let used: Vec<&str> = record["fields"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| f["field"].as_str().unwrap())
                        .collect();
                    c["supports"].is_null()
                        || used.is_empty()
                        || strings(&c["supports"])
                            .iter()
                            .any(|f| used.contains(&f.as_str()))
                })
        });
        if !supports {
            wrong.push(format!("{at}: {id} supports nothing it sits on"));
        }
        for c in citations {
            if c["excerpt_status"] == "failed" {
                wrong.push(format!("{at}: excerpt at {} failed", c["at"]));
            }
        }
    }
    // A fact of an event that only sources from before it support prints as announced.
    for r in records {
        let Some(start) = r["event_start"].as_str() else {
            continue;
        };
        if r["announced"] == true || r["announceable"] != true {
            continue;
        }
        // A curator's note says itself what it is ("announced in advance: …").
        let fields: Vec<&str> = (r["fields"].as_array().unwrap().iter())
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        if !fields.is_empty() && fields.iter().all(|f| *f == "note") {
            continue;
        }
        let dates: Vec<&str> = sources
            .iter()
            .filter(|s| {
                s["citations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["ref"] == r["ref"])
            })
            .map(|s| s["published"].as_str().unwrap())
            .collect();
        if !dates.is_empty() && dates.iter().all(|d| *d < start) {
            wrong.push(format!(
                "{at}: {} told only by sources from before {start}, not announced",
                r["ref"]
            ));
        }
    }
    wrong
}

#[test]
fn every_note_of_every_shipped_document_is_supported_by_its_sources() {
    let mut wrong = Vec::new();
    let mut notes = 0;
    for data in [
        "data",
        "tests/fixtures/minimal",
        "tests/fixtures/side-events",
    ] {
        for template in ["process-history", "event-brief", "country-participation"] {
            let (traces, out) = traces(template, data, &[]);
            assert!(
                out.status.success(),
                "{template} on {data}: {}",
                stderr(&out)
            );
            assert!(!traces.is_empty(), "{template} on {data}");
            for t in &traces {
                let doc = format!("{template} {} on {data}", t["params"]);
                assert_eq!(t["issues"], 0, "{doc}");
                let list = t["notes"].as_array().unwrap();
                assert!(!list.is_empty(), "{doc}: no notes");
                notes += list.len();
                for note in list {
                    wrong.extend(audit(&doc, note));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The shipped fact base alone prints hundreds of notes: the walk above saw them all.
    assert!(notes > 300, "{notes} notes");
}

/// The trace reads the notes back from the laid-out pages: numbers in reading order, the
/// sentence each sits on, and the record and fields it came from.
#[test]
fn a_trace_names_the_text_record_fields_and_excerpt_of_each_note() {
    let out = brief(&[
        "trace",
        "--template",
        "event-brief",
        "--param",
        "event=lake-2021",
        "--data",
        "tests/fixtures/minimal",
        "--date",
        DATE,
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{text}", stderr(&out));
    assert!(
        text.starts_with("event-brief (event=lake-2021) — "),
        "{text}"
    );
    assert!(
        text.contains("[1] page 1: Official title: Second Lake Dialogue — İstanbul Görüşmeleri"),
        "{text}"
    );
    assert!(
        text.contains("from event `lake-2021`: title = Second Lake Dialogue"),
        "{text}"
    );
    assert!(text.contains("Dates: 1–2 June 2021"), "{text}");
    assert!(
        text.contains("from the figure `participants` at event `lake-2021`"),
        "{text}"
    );
    assert!(
        text.contains("every source supports what its note sits on"),
        "{text}"
    );
    // JSON: the same notes, numbered 1, 2, … in reading order.
    let (traces, _) = traces("event-brief", "tests/fixtures/minimal", &[]);
    let numbers: Vec<u64> = traces[0]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|n| n["numbers"].as_array().unwrap().clone())
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(numbers.first(), Some(&1), "{numbers:?}");
    assert!(numbers.windows(2).all(|w| w[1] <= w[0] + 1), "{numbers:?}");
}

/// A template that prints a record's every source after a row made of some of its fields
/// (no field-level filtering) is caught: the trace names the source that does not support
/// the row and exits 1.
#[test]
fn a_note_whose_source_does_not_support_its_row_is_an_issue() {
    let project = tempfile::tempdir_in(scratch_root()).unwrap();
    let data = project.path().join("data");
    copy_dir(&fixture("minimal"), &data);
    let event = data.join("events/second.yaml");
    let templates = project.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let blocks = std::fs::read_to_string(repo().join("templates/blocks.typ")).unwrap();
    let unfiltered = blocks.replace(
        "for f in fields.pos() { keys += of.at(f, default: ()) }",
        "keys = r.at(\"cite\", default: ())",
    );
    assert_ne!(blocks, unfiltered, "field-notes changed shape");
    edit(
        &data.join("sources.yaml"),
        "- id: gazette-2021\n",
        "- id: bulletin-2021\n  title: Talks in İstanbul\n  publisher: The Water Bulletin\n  published: 2021-06-03\n  kind: news\n- id: gazette-2021\n",
    );
    edit(
        &event,
        "\n  sources: [gazette-2021]",
        "\n  sources:\n    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]\n    # Two sources: the gazette for everything but the hosts, a bulletin for the hosts.\n    - id: bulletin-2021\n      supports: [hosts]",
    );
    let root = project.path().to_str().unwrap().to_owned();
    let run = || {
        brief(&[
            "--project",
            &root,
            "trace",
            "--template",
            "event-brief",
            "--param",
            "event=lake-2021",
            "--date",
            DATE,
        ])
    };
    // With the shipped templates the fact base traces clean.
    let shipped = run();
    assert!(
        shipped.status.success(),
        "{}{}",
        stderr(&shipped),
        String::from_utf8_lossy(&shipped.stdout)
    );
    // With a `blocks.typ` whose `field-notes` gives every source of the record, it does not.
    std::fs::write(templates.join("blocks.typ"), unfiltered).unwrap();
    let out = run();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}{text}", stderr(&out));
    assert!(
        text.contains("issue: `bulletin-2021` does not support what this note sits on (events[lake-2021]: start, end)"),
        "{text}"
    );
}

/// A briefing made as of an earlier date (`--date`) leaves out what only later sources give
/// — it never cites what did not exist yet — and says how much it left out.
#[test]
fn a_briefing_as_of_an_earlier_date_leaves_out_what_later_sources_give() {
    let out = brief(&[
        "trace",
        "--template",
        "event-brief",
        "--param",
        "event=lake-2021",
        "--data",
        "tests/fixtures/minimal",
        "--date",
        "2021-06-01",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`lake-2021` is known only from sources published after 1 June 2021"),
        "{}",
        stderr(&out)
    );
    // The shipped process history as of the first day of the Kuwait Phase.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("as-of.pdf");
    let made = brief(&[
        "generate",
        "-t",
        "process-history",
        "--date",
        "2024-11-04",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    assert_pdf_contains(&text, "As of 4 November 2024 ·");
    assert_pdf_contains(&text, "records of a later date left out");
    // The Kuwait Phase opened that day: its sources of the day only announced it.
    assert_pdf_contains(
        &text,
        "It has met 3 times between 3 May 2018 and 19 October 2022",
    );
    assert_pdf_contains(
        &text,
        "The most recent meeting, the Kuwait Phase, was announced for 4–5 November 2024",
    );
    for later in [
        "Ashgabat peace conference",
        "nCa",
        "Ministry of Foreign Affairs of Turkmenistan",
    ] {
        assert!(
            !pdf_contains(&text, later),
            "`{later}` as of 4 November 2024:\n{text}"
        );
    }
    // Every note of it is supported, and none cites a source published later.
    let traced = brief(&["trace", "-t", "process-history", "--date", "2024-11-04"]);
    let report = String::from_utf8_lossy(&traced.stdout);
    assert!(traced.status.success(), "{report}");
    assert!(report.contains("as of 2024-11-04"), "{report}");
    assert!(
        !report.contains("published after the document's date"),
        "{report}"
    );
    assert!(!report.contains("[nca-2024-12-11]"), "{report}");
}

/// A row whose fields only a source from before the event supports is reported (and printed)
/// as announced; a row the later source supports is not.
#[test]
fn a_trace_says_which_rows_print_as_announced() {
    let dir = scratch_copy(&fixture("minimal"));
    edit(
        &dir.path().join("sources.yaml"),
        "- id: gazette-2021\n",
        "- id: bulletin-2021\n  title: Talks to open in İstanbul\n  publisher: The Water Bulletin\n  published: 2021-05-20\n  kind: news\n- id: gazette-2021\n",
    );
    edit(
        &dir.path().join("events/second.yaml"),
        "\n  sources: [gazette-2021]",
        "\n  sources:\n    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]\n    - id: bulletin-2021\n      supports: [hosts]",
    );
    let out = brief(&[
        "trace",
        "--template",
        "event-brief",
        "--param",
        "event=lake-2021",
        "--data",
        dir.path().to_str().unwrap(),
        "--date",
        DATE,
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let trace: Value = serde_json::from_slice(&out.stdout).unwrap();
    let record_of = |starts: &str| -> Value {
        let note = trace["notes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["text"].as_str().unwrap().starts_with(starts))
            .unwrap_or_else(|| panic!("no note on {starts}"));
        note["records"][0].clone()
    };
    assert_eq!(record_of("Hosted by")["announced"], true);
    assert_eq!(record_of("Dates")["announced"], false);
}

/// Each excerpt is reported as checked against its source's text (`verified`), or not
/// (`unchecked`: the source has no `file`, or there is no sources folder).
#[test]
fn a_trace_says_whether_each_excerpt_was_verified() {
    let (_scratch, project) = new_project();
    let statuses = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec![
            "--project",
            project.to_str().unwrap(),
            "trace",
            "--template",
            "process-history",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let out = brief(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let trace: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut found = Vec::new();
        for note in trace["notes"].as_array().unwrap() {
            for s in note["sources"].as_array().unwrap() {
                for c in s["citations"].as_array().unwrap() {
                    found.push((
                        s["id"].as_str().unwrap().to_owned(),
                        c["excerpt_status"].as_str().unwrap().to_owned(),
                    ));
                }
            }
        }
        assert!(!found.is_empty());
        found
    };
    // The project's sources folder holds every text: every excerpt is verified.
    let all = statuses(&[]);
    assert!(
        all.iter().all(|(_, s)| s == "verified" || s == "none"),
        "{all:?}"
    );
    assert!(all.iter().any(|(_, s)| s == "verified"), "{all:?}");
    // A source without `file`: its excerpts cannot be checked; the others still are.
    edit(
        &project.join("data/sources.yaml"),
        "  file: ministry-2024-10-02.txt\n",
        "",
    );
    let some = statuses(&[]);
    for (id, status) in &some {
        if id == "ministry-2024-10-02" {
            assert!(status == "unchecked" || status == "none", "{some:?}");
        } else {
            assert!(status == "verified" || status == "none", "{some:?}");
        }
    }
    assert!(
        some.iter()
            .any(|(id, s)| id == "ministry-2024-10-02" && s == "unchecked")
    );
    assert!(some.iter().any(|(_, s)| s == "verified"), "{some:?}");
    // No sources folder: nothing is checked.
    std::fs::rename(project.join("sources"), project.join("texts")).unwrap();
    let none = statuses(&[]);
    assert!(
        none.iter().all(|(_, s)| s == "unchecked" || s == "none"),
        "{none:?}"
    );
}
