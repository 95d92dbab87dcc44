//! Print- and email-ready output: paper, marking, metadata, standards, reproducibility.

use crate::support::*;

fn make(extra: &[&str]) -> (tempfile::TempDir, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    let args = [&["--template", "process-history"][..], extra].concat();
    let out = generate(&path, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    (dir, bytes)
}

#[test]
fn a4_by_default_and_us_letter_on_request() {
    let (_d, a4) = make(&[]);
    for (w, h) in page_sizes(&pdf(&a4)) {
        assert!(
            (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
            "A4 page is {w}×{h}"
        );
    }
    let (_d, letter) = make(&["--paper", "us-letter"]);
    for (w, h) in page_sizes(&pdf(&letter)) {
        assert!(
            (w - 612.0).abs() < 0.5 && (h - 792.0).abs() < 0.5,
            "letter page is {w}×{h}"
        );
    }
}

#[test]
fn marking_and_page_numbers_on_every_page() {
    let (_d, bytes) = make(&["--marking", "RESTRICTED"]);
    let pages = pdf_pages_text(&bytes);
    assert!(pages.len() > 1);
    for (i, text) in pages.iter().enumerate() {
        // A banner at the top and at the bottom of every page: the page's first and last
        // lines (the header is laid out first, the footer last).
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines.first(),
            Some(&"RESTRICTED"),
            "page {}:\n{text}",
            i + 1
        );
        assert_eq!(lines.last(), Some(&"RESTRICTED"), "page {}:\n{text}", i + 1);
        assert_eq!(
            text.matches("RESTRICTED").count(),
            2,
            "page {}:\n{text}",
            i + 1
        );
        assert!(
            text.contains(&format!("Page {} of {}", i + 1, pages.len())),
            "page {} lacks its number:\n{text}",
            i + 1
        );
        assert!(
            text.contains("Dushanbe Process"),
            "page {} lacks the running title",
            i + 1
        );
    }
}

#[test]
fn metadata_fields_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lake.pdf");
    let out = generate(
        &path,
        &[
            "--template",
            "process-history",
            "--data",
            "tests/fixtures/minimal",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    let doc = pdf(&bytes);
    assert_eq!(info(&doc, "Title").as_deref(), Some("Lake Dialogue"));
    assert_eq!(
        info(&doc, "Author").as_deref(),
        Some("Office of Lake Affairs (fictional)")
    );
    assert_eq!(
        info(&doc, "Subject").as_deref(),
        Some("History of the Lake Dialogue, with sources")
    );
    assert!(
        info(&doc, "CreationDate")
            .unwrap()
            .starts_with("D:20261124")
    );
    let lang = catalog(&doc).get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en");
    // The issuing office is printed in the title block.
    assert_pdf_contains(&pdf_text(&bytes), "Office of Lake Affairs (fictional)");
}

#[test]
fn source_date_epoch_fixes_the_date_and_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let path = dir.path().join(name);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args([
                "generate",
                "--template",
                "process-history",
                "--out",
                path.to_str().unwrap(),
            ])
            .current_dir(repo())
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::read(path).unwrap()
    };
    let a = run("a.pdf");
    let b = run("b.pdf");
    assert_eq!(a, b, "same inputs and date must give identical bytes");
    assert!(
        info(&pdf(&a), "CreationDate")
            .unwrap()
            .starts_with("D:20231114")
    );
    assert_pdf_contains(&pdf_text(&a), "As of 14 November 2023");
}

#[test]
fn ua_1_output_is_tagged_and_a_2b_declares_pdf_a() {
    let (_d, ua) = make(&["--pdf-standard", "ua-1"]);
    let doc = pdf(&ua);
    assert!(
        catalog(&doc).has(b"StructTreeRoot"),
        "UA-1 output must be tagged"
    );
    let mark = catalog(&doc).get(b"MarkInfo").unwrap();
    let mark = match mark {
        lopdf::Object::Reference(id) => doc.get_object(*id).unwrap(),
        other => other,
    };
    assert!(
        mark.as_dict()
            .unwrap()
            .get(b"Marked")
            .unwrap()
            .as_bool()
            .unwrap()
    );
    assert!(
        xmp(&doc).contains("pdfuaid:part"),
        "UA-1 output must declare PDF/UA"
    );

    let (_d, a) = make(&["--pdf-standard", "a-2b"]);
    let meta = xmp(&pdf(&a));
    assert!(meta.contains("pdfaid:part") && meta.contains('2'), "{meta}");
    assert!(
        meta.contains("pdfaid:conformance") && meta.contains('B'),
        "{meta}"
    );

    let (_d, both) = make(&["--pdf-standard", "a-2b,ua-1"]);
    let meta = xmp(&pdf(&both));
    assert!(meta.contains("pdfaid:part") && meta.contains("pdfuaid:part"));
}

#[test]
fn an_unknown_pdf_standard_is_a_usage_error() {
    let out = brief(&[
        "generate",
        "--template",
        "process-history",
        "--pdf-standard",
        "a-9z",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("invalid value 'a-9z'"), "{err}");
    // The message lists what is accepted.
    assert!(
        err.contains("a-2b") && err.contains("ua-1") && err.contains("a-3u"),
        "{err}"
    );
}

#[test]
fn png_pages_are_images_of_the_page_size() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=dushanbe-2019",
            "--format",
            "png",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let png = std::fs::read(dir.path().join("event-brief-dushanbe-2019.png"))
        .or_else(|_| std::fs::read(dir.path().join("event-brief-dushanbe-2019-1.png")))
        .unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height at 2 pixels per point of an A4 page.
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), (1191, 1684));
}

#[test]
fn the_process_history_stays_mail_friendly() {
    let (_d, bytes) = make(&[]);
    assert!(bytes.len() < 400 * 1024, "{} bytes", bytes.len());
}

#[test]
fn charts_carry_alternative_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "process-history",
            "--data",
            "tests/fixtures/minimal",
            "--format",
            "typ",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let source = std::fs::read_to_string(dir.path().join("process-history.typ")).unwrap();
    // Two meetings report participants: the figures chart compares them. The timeline is a
    // chart too (`timeline-chart` wraps it in one).
    assert!(source.contains("figures-chart("), "{source}");
    assert_eq!(source.matches("#chart(").count(), 1, "{source}");
    assert_eq!(source.matches("#timeline-chart(").count(), 1, "{source}");
    assert!(
        source.contains("\"Headline figures: participants\""),
        "{source}"
    );
}

#[test]
fn a_template_may_give_a_default_marking_that_the_flag_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "generate",
            "--template",
            "marked",
            "--templates",
            "tests/fixtures/templates-marked",
            "--data",
            "tests/fixtures/minimal",
            "--format",
            "typ",
            "--out",
            dir.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = brief(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(dir.path().join("marked.typ")).unwrap()
    };
    assert_eq!(run(&[]).trim(), "= RESTRICTED");
    assert_eq!(run(&["--marking", "UNCLASSIFIED"]).trim(), "= UNCLASSIFIED");
}

/// The marking travels with the file and the covering note: in the PDF's title, subject and
/// keywords, and in the email's subject and at the top and bottom of both bodies.
#[test]
fn the_marking_travels_in_metadata_and_email() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=dushanbe-2018",
            "--marking",
            "RESTRICTED",
            "--email",
            "--from",
            "b@example.org",
            "--to",
            "d@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = pdf(&std::fs::read(dir.path().join("event-brief-dushanbe-2018.pdf")).unwrap());
    let title = info(&doc, "Title").unwrap();
    assert!(title.starts_with("RESTRICTED — "), "{title}");
    assert!(info(&doc, "Subject").unwrap().starts_with("RESTRICTED — "));
    let eml = std::fs::read(dir.path().join("event-brief-dushanbe-2018.eml")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert!(
        message.subject().unwrap().starts_with("[RESTRICTED] "),
        "{:?}",
        message.subject()
    );
    let text = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(text.starts_with("RESTRICTED\n"), "{text}");
    assert!(text.trim_end().ends_with("\nRESTRICTED"), "{text}");
    let html = message.body_html(0).unwrap();
    assert_eq!(html.matches(">RESTRICTED</div>").count(), 2, "{html}");
    // Without a marking, none of it.
    let plain = tempfile::tempdir().unwrap();
    let out = generate(
        plain.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=dushanbe-2018",
            "--email",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let eml = std::fs::read(plain.path().join("event-brief-dushanbe-2018.eml")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).unwrap();
    assert!(!message.subject().unwrap().starts_with('['));
}

/// Pages that read well: no contents list under three pages, figure notes that cannot be
/// read as powers, no chart or timeline that says less than a sentence.
#[test]
fn small_documents_stay_plain() {
    let dir = tempfile::tempdir().unwrap();
    let make = |args: &[&str], name: &str| -> String {
        let out = generate(dir.path(), args);
        assert!(out.status.success(), "{}", stderr(&out));
        pdf_text(&std::fs::read(dir.path().join(name)).unwrap())
    };
    // One page: no contents line.
    let one = make(
        &[
            "--template",
            "event-brief",
            "--param",
            "event=dushanbe-2018",
        ],
        "event-brief-dushanbe-2018.pdf",
    );
    assert!(!one.contains("Contents"), "{one}");
    // Three pages: a contents list.
    let three = make(
        &[
            "--template",
            "country-participation",
            "--param",
            "country=TJK",
        ],
        "country-participation-TJK.pdf",
    );
    assert!(three.contains("Contents"), "{three}");
    // Four years, one of them with two events: a chart says more than the timeline.
    assert!(three.contains("Events on record per year"), "{three}");
    // All its events in one year: the timeline says it all, no bar chart beside it.
    let one_year = make(
        &[
            "--template",
            "country-participation",
            "--param",
            "country=TKM",
        ],
        "country-participation-TKM.pdf",
    );
    assert!(one_year.contains("Involvement over time"), "{one_year}");
    assert!(
        !one_year.contains("Events on record per year"),
        "{one_year}"
    );
    // One event on record: no one-dot timeline.
    let qatar = make(
        &[
            "--template",
            "country-participation",
            "--param",
            "country=QAT",
        ],
        "country-participation-QAT.pdf",
    );
    assert!(!qatar.contains("Involvement over time"), "{qatar}");
    // The figure card's number stands alone; its notes follow the label.
    let kuwait = make(
        &[
            "--template",
            "event-brief",
            "--param",
            "event=kuwait-phase-2024",
        ],
        "event-brief-kuwait-phase-2024.pdf",
    );
    // Between the number and its label nothing is printed (a note there read as "33²").
    let at = kuwait
        .find("ministers and officials")
        .expect("the figure card");
    let before: String = kuwait[..at]
        .chars()
        .rev()
        .take_while(|c| !c.is_alphabetic())
        .collect();
    let digits: String = before
        .chars()
        .rev()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(digits, "33", "{kuwait}");
}

/// The issuer's cover block: each field printed when `issuer.yaml` gives it, in the PDF's
/// title block and at the close of the email drafts; nothing when absent.
#[test]
fn the_issuer_block_prints_what_issuer_yaml_gives() {
    let data = scratch_copy(&fixture("minimal"));
    std::fs::write(
        data.path().join("issuer.yaml"),
        "office: Office of Lake Affairs (fictional)\nprepared_by: Water Desk\ncontact: desk@example.org\ncleared_by: Head of Office\nreference: OLA/2021/7\ndistribution: [Minister's Office, Policy Planning]\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=lake-2021",
            "--data",
            data.path().to_str().unwrap(),
            "--email",
            "--from",
            "b@example.org",
            "--to",
            "d@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(dir.path().join("event-brief-lake-2021.pdf")).unwrap());
    for expected in [
        "Reference OLA/2021/7",
        "Prepared by Water Desk",
        "Cleared by Head of Office",
        "Contact desk@example.org",
        "Distribution Minister's Office; Policy Planning",
    ] {
        assert_pdf_contains(&text, expected);
    }
    assert!(!text.contains("Address"), "{text}");
    let eml = std::fs::read(dir.path().join("event-brief-lake-2021.eml")).unwrap();
    let message = mail_parser::MessageParser::default().parse(&eml).unwrap();
    let body = message.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        body.trim_end().ends_with(
            "--\nOffice of Lake Affairs (fictional)\nPrepared by Water Desk\nContact: desk@example.org\nRef. OLA/2021/7"
        ),
        "{body}"
    );
    let html = message.body_html(0).unwrap();
    assert!(html.contains("Prepared by Water Desk"), "{html}");
    // Without them: nothing of the block.
    let plain = tempfile::tempdir().unwrap();
    let out = generate(
        plain.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=lake-2021",
            "--data",
            "tests/fixtures/minimal",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(plain.path().join("event-brief-lake-2021.pdf")).unwrap());
    assert!(
        !text.contains("Prepared by") && !text.contains("Reference"),
        "{text}"
    );
}

/// Per-record markings: a briefing's banner is the highest marking of what it prints (by the
/// order `levels` sets in brief.toml), and a lower `--marking` is refused.
#[test]
fn a_briefing_is_marked_at_least_as_high_as_what_it_prints() {
    let project = tempfile::tempdir_in(scratch_root()).unwrap();
    let data = project.path().join("data");
    copy_dir(&fixture("minimal"), &data);
    edit(
        &data.join("events/second.yaml"),
        "  kind: conference\n",
        "  kind: conference\n  marking: RESTRICTED\n",
    );
    let toml = project.path().join("brief.toml");
    let root = project.path().to_str().unwrap().to_owned();
    let out_dir = project.path().join("output");
    let run = |args: &[&str]| {
        let mut all = vec!["--project", &root, "generate", "-t", "event-brief"];
        all.extend_from_slice(args);
        brief(&all)
    };
    std::fs::write(&toml, "").unwrap();
    let out = run(&["-p", "event=lake-2021"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("carry markings (RESTRICTED), but no order of markings is set"),
        "{}",
        stderr(&out)
    );
    std::fs::write(
        &toml,
        "[generate]\nlevels = [\"UNCLASSIFIED\", \"RESTRICTED\", \"SECRET\"]\n",
    )
    .unwrap();
    // Unmarked: the record's marking.
    let out = run(&["-p", "event=lake-2021"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(out_dir.join("event-brief-lake-2021.pdf")).unwrap());
    assert!(text.contains("RESTRICTED"), "{text}");
    // Lower: refused; higher: kept.
    let out = run(&["-p", "event=lake-2021", "--marking", "UNCLASSIFIED"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "`UNCLASSIFIED` is lower than what this briefing prints: it carries `RESTRICTED`"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(&["-p", "event=lake-2021", "--marking", "SECRET"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(out_dir.join("event-brief-lake-2021.pdf")).unwrap());
    assert!(
        text.contains("SECRET") && !text.contains("RESTRICTED"),
        "{text}"
    );
    // A briefing that prints nothing marked: no banner.
    let out = run(&["-p", "event=lake-2020"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(out_dir.join("event-brief-lake-2020.pdf")).unwrap());
    assert!(!text.contains("RESTRICTED"), "{text}");
}

/// Printed in black and white, what carries meaning stays legible: the caveats ("announced",
/// "by video message", "sources differ"), the notes and their numbers are never set in a pale
/// grey (lightness over 0.45 on a scale from black, 0, to white, 1).
#[test]
fn meaning_stays_legible_in_greyscale() {
    let mut checked = 0;
    for (template, params) in [
        ("process-history", vec![]),
        ("event-brief", vec![("event", "ashgabat-conference-2024")]),
        ("event-brief", vec![("event", "dushanbe-2022")]),
    ] {
        let context = brief::harness::context(
            &repo().join("data"),
            &repo().join("templates"),
            template,
            &params,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        )
        .unwrap();
        let (_, runs) = brief::harness::laid_out_text(&repo(), template, &context).unwrap();
        for r in &runs {
            let caveat = [
                "announced",
                "video message",
                "One source gives",
                "sources differ",
            ]
            .iter()
            .any(|w| r.text.contains(w));
            let note = r.size < 8.0
                && !r.text.is_empty()
                && r.text.chars().all(|c| c.is_ascii_digit() || c == ',');
            if caveat || note {
                checked += 1;
                assert!(
                    r.lightness <= 0.45,
                    "{template}: `{}` is printed too pale ({:.2}) to read in greyscale",
                    r.text,
                    r.lightness
                );
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

/// Pages read well, in every built-in template for every value of its parameter on the
/// shipped data: no heading is the last thing on its page (what it heads follows it there),
/// and no quote or statement starts on one page and ends on the next.
#[test]
fn headings_stay_with_what_follows_and_statements_are_whole() {
    let data = repo().join("data");
    let mut documents: Vec<(&str, Vec<(&str, String)>)> = vec![("process-history", vec![])];
    for (template, name) in [
        ("event-brief", "event"),
        ("country-participation", "country"),
        ("organization-participation", "organization"),
    ] {
        for id in brief::harness::choices(&data, name).unwrap() {
            documents.push((template, vec![(name, id)]));
        }
    }
    assert!(documents.len() > 20, "{}", documents.len());
    let (mut headings, mut statements) = (0, 0);
    for (template, params) in &documents {
        let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let what = format!("{template} {params:?}");
        let context = brief::harness::context(
            &data,
            &repo().join("templates"),
            template,
            &params,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        )
        .unwrap();
        let layout = brief::harness::laid_out(&repo(), template, &context).unwrap();
        // The body of a page ends where its footer ("Page 2 of 5") begins.
        let footer = |page: usize| {
            (layout.runs.iter())
                .filter(|r| r.page == page && r.text.starts_with("Page "))
                .map(|r| r.y - r.size)
                .fold(layout.height, f64::min)
        };
        let last_page = layout.runs.iter().map(|r| r.page).max().unwrap();
        for (i, h) in layout.headings.iter().enumerate() {
            headings += 1;
            // The heading's own lines: the runs from its top that are words of it.
            let bottom = (layout.runs.iter())
                .filter(|r| r.page == h.page && r.y >= h.y && r.y < h.y + 60.0)
                .filter(|r| !r.text.trim().is_empty() && h.text.contains(r.text.trim()))
                .map(|r| r.y)
                .fold(h.y, f64::max);
            let follows = (layout.runs.iter())
                .any(|r| r.page == h.page && r.y > bottom + 1.0 && r.y < footer(h.page));
            let last = i + 1 == layout.headings.len() && h.page == last_page;
            assert!(
                follows || last,
                "{what}: the heading `{}` is the last thing on page {}",
                h.text,
                h.page
            );
        }
        for (start, end) in &layout.kept {
            statements += 1;
            assert_eq!(
                start.page, end.page,
                "{what}: `{}…` starts on page {} and ends on page {}",
                start.text, start.page, end.page
            );
        }
    }
    assert!(headings > 100 && statements > 20, "{headings} {statements}");
}
