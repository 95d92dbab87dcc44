//! The analyst's view beside the facts: assessments are checked like every collection,
//! printed in their own block without notes, and "what we do not know" is derived from the
//! facts.

use crate::support::*;

fn check(dir: &std::path::Path) -> std::process::Output {
    brief(&["check", "--data", dir.to_str().unwrap()])
}

#[test]
fn assessments_are_checked_like_every_collection() {
    let dir = scratch_copy(&fixture("minimal"));
    let file = dir.path().join("assessments.yaml");
    std::fs::write(
        &file,
        "- id: lake-bottom-line\n  kind: bottom-line\n  about: lake-dialogue\n  text: The talks are settling into a yearly rhythm.\n  author: Desk officer\n  date: 2021-06-03\n  confidence: moderate\n  rests_on: [lake-2021]\n",
    )
    .unwrap();
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 assessment"), "{}", stderr(&out));
    std::fs::write(
        &file,
        "- id: x\n  kind: verdict\n  about: lake-dialog\n  text: t\n  author: a\n  date: 2021-13-01\n  confidence: certain\n  rests_on: [lake-2O21]\n",
    )
    .unwrap();
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "`verdict`",
        "bottom-line",
        "unknown process, event, country or organization `lake-dialog`",
        "did you mean `lake-dialogue`?",
        "assessments[x].rests_on[1]",
        "`certain`",
        "2021-13-01",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn the_analysts_view_prints_apart_and_without_notes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("h.pdf");
    let out = generate(&pdf_path, &["--template", "process-history"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(&pdf_path).unwrap());
    assert_pdf_contains(&text, "Assessment — the analyst’s view, not a sourced fact");
    assert_pdf_contains(
        &text,
        "Bottom line: The Dushanbe Process is moving beyond its founding region",
    );
    assert_pdf_contains(
        &text,
        "Key judgement: Tajikistan remains the process's driving force",
    );
    assert_pdf_contains(
        &text,
        "Open question: Whether the Kuwait Phase adopted an outcome document",
    );
    // No note sits on an assessment: they are not facts.
    let out = brief(&[
        "trace",
        "--template",
        "process-history",
        "--date",
        "2026-11-24",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let trace: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for note in trace["notes"].as_array().unwrap() {
        let sits_on = note["text"].as_str().unwrap();
        assert!(!sits_on.contains("driving force"), "{sits_on}");
        assert!(!sits_on.contains("founding region"), "{sits_on}");
    }
}

#[test]
fn what_we_do_not_know_is_derived_from_the_facts() {
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("h.pdf");
    let out = generate(
        &pdf_path,
        &[
            "--template",
            "event-brief",
            "--param",
            "event=harbour-2023",
            "--data",
            "tests/fixtures/side-events",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(&pdf_path).unwrap());
    assert_pdf_contains(&text, "What we do not know");
    assert_pdf_contains(&text, "First Harbour Talks: no source names who took part.");
    assert_pdf_contains(
        &text,
        "First Harbour Talks: the sources differ on the start date (one gives 3 September 2023).",
    );
    // On the shipped data: announced and never reported.
    let out = brief(&["context", "--template", "process-history"]);
    let context: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = context["unknowns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "announced-outcome",
        "announced-figure",
        "announced-participation",
        "no-participants",
    ] {
        assert!(kinds.contains(&kind), "{kind}: {kinds:?}");
    }
}
