//! Country and event briefings, and `--all`, on the shipped data and on a fixture.

use crate::support::*;

fn text_of(path: &std::path::Path) -> String {
    pdf_text(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn country_summaries_for_several_countries() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        (
            "TKM",
            &[
                "Turkmenistan",
                "Role in each event",
                "A. Gurbanov",
                "Rashid Meredov",
                "Turkmenistan–Kuwait foreign-ministry meeting",
                "International Year of Peace and Trust",
                "the defining feature of Turkmenistan’s foreign policy",
            ],
        ),
        (
            "TJK",
            &[
                "Tajikistan",
                "Dushanbe Process (initiator)",
                "Emomali Rahmon",
                "National Strategy and Action Plan on Countering Terrorism and Extremism",
                "Tajikistan–Türkiye meeting",
            ],
        ),
        (
            "UZB",
            &[
                "Uzbekistan",
                "Abdulaziz Kamilov",
                "Ashgabat peace conference",
            ],
        ),
    ];
    for (country, expected) in cases {
        let out = generate(
            dir.path(),
            &[
                "--template",
                "country-participation",
                "--param",
                &format!("country={country}"),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let text = text_of(
            &dir.path()
                .join(format!("country-participation-{country}.pdf")),
        );
        for e in expected {
            assert_pdf_contains(&text, e);
        }
    }
}

#[test]
fn event_briefs_for_several_events() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        (
            "kuwait-phase-2024",
            &[
                "Kuwait Phase",
                "4–5 November 2024",
                "over 500",
                "Side event on critical energy infrastructure",
                "meeting 4 of the Dushanbe Process",
            ],
        ),
        (
            "dushanbe-2018",
            &["Dushanbe Conference 2018", "3–4 May 2018", "OSCE"],
        ),
        (
            "tjk-tur-meeting-2022",
            &["Muzaffar Huseinzoda", "Emre Zeki Karagol", "8 October 2022"],
        ),
    ];
    for (event, expected) in cases {
        let out = generate(
            dir.path(),
            &[
                "--template",
                "event-brief",
                "--param",
                &format!("event={event}"),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let path = dir.path().join(format!("event-brief-{event}.pdf"));
        let pages = pdf(&std::fs::read(&path).unwrap()).get_pages().len();
        // Two pages, three for the densest (the Kuwait Phase: statements, positions, side
        // events and what is not known spill its sources list onto a third).
        assert!(
            pages <= 3,
            "{event}: an event brief should fit two or three pages, has {pages}"
        );
        let text = text_of(&path);
        for e in expected {
            assert_pdf_contains(&text, e);
        }
    }
}

#[test]
fn briefings_on_a_fixture_fact_base() {
    let dir = tempfile::tempdir().unwrap();
    let data = ["--data", "tests/fixtures/minimal"];
    let out = generate(
        dir.path(),
        &[
            &data[..],
            &[
                "--template",
                "country-participation",
                "--param",
                "country=TUR",
            ],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = text_of(&dir.path().join("country-participation-TUR.pdf"));
    assert_pdf_contains(&text, "Türkiye");
    assert_pdf_contains(&text, "Second Lake Dialogue — İstanbul Görüşmeleri");

    let out = generate(
        dir.path(),
        &[
            &data[..],
            &["--template", "event-brief", "--param", "event=lake-2021"],
        ]
        .concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = text_of(&dir.path().join("event-brief-lake-2021.pdf"));
    assert_pdf_contains(&text, "Су — өмір көзі.");
    assert_pdf_contains(&text, "meeting 2 of the Lake Dialogue");
}

#[test]
fn unknown_or_missing_parameter_values_list_the_choices() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "country-participation",
            "--param",
            "country=XXX",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("`XXX` is not a valid country"), "{err}");
    assert!(err.contains("TKM (Turkmenistan)"), "{err}");
    let out = generate(dir.path(), &["--template", "event-brief"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("kuwait-phase-2024"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn all_needs_an_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        &dir.path().join("one.pdf"),
        &["--template", "event-brief", "--all"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("must be a folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_makes_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path(), &["--template", "event-brief", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "{names:?}");
    assert!(names.contains(&"event-brief-kuwait-phase-2024.pdf".to_owned()));
    assert!(
        stderr(&out).contains("9 of 9 documents written"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn all_reports_a_failing_document_and_finishes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--templates",
            "tests/fixtures/templates-failing",
            "--data",
            "tests/fixtures/minimal",
            "--template",
            "fails-for-one",
            "--all",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("failed: TUR"), "{err}");
    assert!(err.contains("no_such_variable"), "{err}");
    assert!(err.contains("1 of 2 documents written"), "{err}");
    assert!(dir.path().join("fails-for-one-KAZ.pdf").exists());
    assert!(!dir.path().join("fails-for-one-TUR.pdf").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp files left"
    );
}

/// One naming rule with or without `--all`: a parameter names the file unless the fact base
/// has only one value for it.
#[test]
fn files_are_named_by_one_rule() {
    let one = tempfile::tempdir().unwrap();
    let out = generate(one.path(), &["--template", "process-history", "--all"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(one.path().join("process-history.pdf").is_file());
    let several = tempfile::tempdir().unwrap();
    let out = generate(
        several.path(),
        &[
            "--template",
            "process-history",
            "--all",
            "--data",
            "tests/fixtures/two-processes",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(several.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "process-history-lake-dialogue.pdf",
            "process-history-river-talks.pdf"
        ]
    );
}
