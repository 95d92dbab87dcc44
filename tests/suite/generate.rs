//! End-to-end: the real binary on the real `data/` and on fixture fact bases.

use crate::support::*;

/// `brief generate --template process-history --data DATA EXTRA… --out OUT --date …`
fn history(data: &str, out: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let args = [
        &["--template", "process-history", "--data", data][..],
        extra,
    ]
    .concat();
    generate(out, &args)
}

#[test]
fn default_briefing_from_the_shipped_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ph.pdf");
    let out = history("data", &path, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    let doc = pdf(&bytes);

    let pages = doc.get_pages().len();
    assert!((3..=12).contains(&pages), "unexpected page count {pages}");
    assert_eq!(info(&doc, "Title").as_deref(), Some("Dushanbe Process"));

    for (name, embedded) in fonts(&doc) {
        assert!(embedded, "font {name} is not embedded");
        assert!(
            ["Libertinus", "NewCM", "DejaVu"]
                .iter()
                .any(|f| name.contains(f)),
            "font {name} is not one of the embedded families"
        );
    }

    let text = pdf_text(&bytes);
    for expected in [
        "Dushanbe Process",
        "Summary",
        "Timeline",
        "3–4 May 2018",
        "16–17 May 2019",
        "18–19 October 2022",
        "4–5 November 2024",
        "Kuwait City, Kuwait",
        "Countering Terrorism and Preventing Violent Extremism",
        "Dushanbe Declaration on Border Security and Management Cooperation",
        "over 500",
        "member states",
        "This gathering reaffirms our collective commitment to multilateralism",
        "A. Gurbanov",
        "Sources",
        "Kuwait News Agency",
        "Page 1 of",
    ] {
        assert_pdf_contains(&text, expected);
    }
}

#[test]
fn a_small_fixture_fact_base_of_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let out = history("tests/fixtures/minimal", dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // `--out` is a folder: the file is named after the template.
    let bytes = std::fs::read(dir.path().join("process-history.pdf")).unwrap();
    let doc = pdf(&bytes);
    assert_eq!(info(&doc, "Title").as_deref(), Some("Lake Dialogue"));
    let text = pdf_text(&bytes);
    for expected in [
        "Lake Dialogue",
        "September 2020",
        "1–2 June 2021",
        "Ақтау, Қазақстан",
        "İstanbul, Türkiye",
        "about 120",
        "Су — өмір көзі.",
        "Айгерім Садық",
        "Şişli Communiqué on Shared Waters",
        "The Lakeside Gazette",
    ] {
        assert_pdf_contains(&text, expected);
    }
    assert!(!text.contains("Dushanbe"));
}

/// Every field of the hostile fixture is full of Typst and MiniJinja syntax: each must come
/// out of the PDF exactly as written, and none may run (`#panic` would fail the compile).
#[test]
fn hostile_text_in_every_field_prints_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.pdf");
    let out = history(
        "tests/fixtures/hostile",
        &path,
        &["--marking", "#RESTRICTED* $x$"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&path).unwrap();
    // Verbatim but for pairs of straight double quotes, which print as the language's
    // quotation marks (“…” in English).
    let text = pdf_text(&bytes).replace(['“', '”'], "\"");
    // The body without the running header and footer (they carry the marking), which land
    // inside any text that crosses a page break.
    // The header is the marking banner and then the running title; the footer the date and
    // page line and then the banner.
    let title = "#let x = 1 $x^2$ *bold* _em_ <label> @ref";
    let mut body_lines: Vec<&str> = Vec::new();
    let mut after_banner = false;
    for line in text.lines() {
        if line.contains("#RESTRICTED* $x$") {
            after_banner = true;
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let running_title = after_banner && line.trim() == title;
        after_banner = false;
        if running_title || (line.starts_with("As of ") && line.contains(" Page ")) {
            continue;
        }
        body_lines.push(line);
    }
    let body = body_lines.join("\n");
    assert_pdf_contains(&text, "#RESTRICTED* $x$");
    for expected in [
        "#let x = 1 $x^2$ *bold* _em_ <label> @ref",
        "= Heading - item + item 12. twelve / Term: desc #strong[no] ~ tilde",
        "a // c /* not a comment */ https://e.com -- --- ... ~ 'single' \"dbl\"",
        "back\\slash [brackets] `raw` #panic(\"injected\")",
        "back\\slash [brackets] `raw` #panic(\"injected\") #set page(fill: red)",
        "Привет #мир İğüşçö",
        "Привет #мир İğüşçö Ş — ½ <c>",
        "{{ not jinja }} {% raw %} {# c #} ${x}",
        "Zeynep \"Zee\" O'Brien-Şahin \\ #1",
        "Head of // division /* x */ -- chief ...",
        "{{ 7*7 }} and {{ brief }}",
        "<about> 7",
        "note with #emph[markup] and \\ backslash",
        "= Not a heading - not a list + not an enum 1. not numbered `code` $math$ #raw(\"x\") \\ end",
        "Outcome #1: *the* _declaration_ [final]",
        "2019-12-31 #wrong",
        "one source says @earlier",
    ] {
        assert_pdf_contains(&body, expected);
    }
    assert_eq!(
        info(&pdf(&bytes), "Title").as_deref(),
        Some("#RESTRICTED* $x$ — #let x = 1 $x^2$ *bold* _em_ <label> @ref")
    );
}

#[test]
fn typst_source_output_is_the_generated_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = history("data", dir.path(), &["--format", "typ"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let source = std::fs::read_to_string(dir.path().join("process-history.typ")).unwrap();
    assert!(
        source.starts_with("#import \"/templates/brief.typ\": *"),
        "{source}"
    );
    assert!(source.contains("#show: briefing.with("));
    assert!(!source.contains("{{"), "template syntax left in the output");
}

#[test]
fn identical_inputs_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.pdf");
    let b = dir.path().join("b.pdf");
    assert!(history("data", &a, &[]).status.success());
    assert!(history("data", &b, &[]).status.success());
    assert_eq!(std::fs::read(a).unwrap(), std::fs::read(b).unwrap());
}

#[test]
fn png_and_svg_give_one_file_per_page() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["png", "svg"] {
        let out = history("tests/fixtures/minimal", dir.path(), &["--format", format]);
        assert!(out.status.success(), "{}", stderr(&out));
        let first = std::fs::read(dir.path().join(format!("process-history-1.{format}"))).unwrap();
        match format {
            "png" => assert!(first.starts_with(b"\x89PNG")),
            _ => assert!(String::from_utf8_lossy(&first).contains("<svg")),
        }
    }
}

#[test]
fn the_process_parameter_is_needed_only_when_there_are_several() {
    let dir = tempfile::tempdir().unwrap();
    let out = history("tests/fixtures/two-processes", dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("--param process="), "{err}");
    assert!(
        err.contains("lake-dialogue") && err.contains("river-talks"),
        "{err}"
    );

    let out = history(
        "tests/fixtures/two-processes",
        dir.path(),
        &["--param", "process=lake-dialogue"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path()
            .join("process-history-lake-dialogue.pdf")
            .exists()
    );

    let out = history(
        "tests/fixtures/two-processes",
        dir.path(),
        &["--param", "process=lake-dialog"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `lake-dialogue`?"),
        "{}",
        stderr(&out)
    );
}

/// Runs a failing command against an output file that already exists, and checks that the
/// file is left exactly as it was and nothing else is written.
fn fails_without_touching_output(args: &[&str], code: i32) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("process-history.pdf");
    std::fs::write(&path, b"earlier briefing").unwrap();
    let mut full: Vec<&str> = args.to_vec();
    let out_dir = dir.path().to_str().unwrap();
    full.extend_from_slice(&["--out", out_dir, "--date", "2026-11-24"]);
    let out = brief(&full);
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert_eq!(std::fs::read(&path).unwrap(), b"earlier briefing");
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 1, "a failed run left files behind");
    stderr(&out)
}

#[test]
fn unreadable_yaml_names_file_and_line() {
    let err = fails_without_touching_output(
        &[
            "generate",
            "--template",
            "process-history",
            "--data",
            "tests/fixtures/invalid-yaml",
        ],
        1,
    );
    assert!(
        err.contains("the `{` opened on line 5 is never closed"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/invalid-yaml/events/broken.yaml:5:13"),
        "{err}"
    );
}

#[test]
fn a_dangling_id_names_file_line_and_suggests() {
    let err = fails_without_touching_output(
        &[
            "generate",
            "--template",
            "process-history",
            "--data",
            "tests/fixtures/dangling",
        ],
        1,
    );
    assert!(
        err.contains("unknown country or organization `XYZ`"),
        "{err}"
    );
    assert!(
        err.contains("tests/fixtures/dangling/events/e.yaml:6:"),
        "{err}"
    );
}

#[test]
fn an_unknown_template_is_a_usage_error() {
    let err = fails_without_touching_output(&["generate", "--template", "process-histroy"], 2);
    assert!(err.contains("unknown template `process-histroy`"), "{err}");
    assert!(err.contains("did you mean `process-history`?"), "{err}");
    let err = fails_without_touching_output(&["generate", "--template", "../templates/x"], 2);
    assert!(err.contains("unknown template"), "{err}");
}

#[test]
fn a_missing_data_folder_is_reported() {
    let err = fails_without_touching_output(
        &[
            "generate",
            "--template",
            "process-history",
            "--data",
            "no/such/folder",
        ],
        1,
    );
    assert!(err.contains("`no/such/folder` does not exist"), "{err}");
}

#[test]
fn check_passes_on_the_shipped_data_and_lists_every_problem_otherwise() {
    let out = brief(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = brief(&["check", "--data", "tests/fixtures/dangling"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn context_prints_what_the_template_receives() {
    let out = brief(&[
        "context",
        "--template",
        "process-history",
        "--data",
        "tests/fixtures/minimal",
        "--date",
        "2026-11-24",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ctx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ctx["brief"]["as_of"], "2026-11-24");
    assert_eq!(ctx["process"]["name"], "Lake Dialogue");
    assert_eq!(ctx["events"][1]["hosts"][0]["name"], "Türkiye");
    // Sources are cited by key; Typst numbers them on the page.
    let first = ctx["process"]["cite"][0].as_str().unwrap();
    assert_eq!(ctx["sources"][0]["id"], first);
    assert_eq!(ctx["events"][0]["cite"].as_array().unwrap().len(), 1);
}

#[test]
fn templates_lists_names_and_parameters() {
    let out = brief(&["templates"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("process-history"));
    assert!(text.contains("--param process="));
}
