//! The rough edges a new user hits (output paths, misleading errors, conventions, fields of
//! one's own): each as the user meets it, through the real binary.

use crate::support::*;

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// A copy of the shipped fact base in a scratch folder inside the repository.
fn data_copy() -> tempfile::TempDir {
    scratch_copy(&repo().join("data"))
}

fn errors(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("error")).count()
}

#[test]
fn the_file_extension_decides_the_format_and_a_foreign_file_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // Inferred from the extension.
    let png = dir.path().join("notes.png");
    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "-p",
        "event=dushanbe-2018",
        "-o",
        png.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    // A contradiction is refused, nothing written.
    let pdf = dir.path().join("x.pdf");
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "-f",
        "png",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(!pdf.exists());
    // A README is not replaced by a PDF.
    let readme = dir.path().join("README.md");
    std::fs::write(&readme, "# mine\n").unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "-o",
        readme.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(std::fs::read_to_string(&readme).unwrap(), "# mine\n");
    // Unless the user insists.
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "-o",
        readme.to_str().unwrap(),
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&readme).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_read_only_file_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("history.pdf");
    std::fs::write(&target, b"protected").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("permission denied"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"protected");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn a_batch_into_a_folder_that_cannot_be_written_fails_once() {
    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "--all",
        "-o",
        "/proc/brief-cannot-write",
    ]);
    assert_eq!(code(&out), Some(1));
    let err = stderr(&out);
    assert_eq!(errors(&err), 1, "{err}");
    assert!(
        err.contains("cannot write into the output folder `/proc/brief-cannot-write`"),
        "{err}"
    );
    assert!(!err.contains(".tmp"), "{err}");
}

#[test]
fn a_broken_collection_is_one_problem_not_a_cascade() {
    let dir = data_copy();
    let countries = dir.path().join("countries.yaml");
    let mut text = std::fs::read_to_string(&countries).unwrap();
    text.push_str("oops: [\n");
    std::fs::write(&countries, text).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert_eq!(code(&out), Some(1));
    let err = stderr(&out);
    assert_eq!(errors(&err), 1, "{err}");
    assert!(!err.contains("unknown country"), "{err}");

    // A file that is a mapping, not a list: one problem too.
    let dir = data_copy();
    std::fs::write(
        dir.path().join("countries.yaml"),
        "id: TJK\nname: Tajikistan\n",
    )
    .unwrap();
    let err = stderr(&brief(&["check", "--data", &rel(dir.path())]));
    assert_eq!(errors(&err), 1, "{err}");
    assert!(err.contains("expected a list of records"), "{err}");

    let dir = data_copy();
    std::fs::remove_file(dir.path().join("sources.yaml")).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    let err = stderr(&out);
    assert_eq!(errors(&err), 1, "{err}");
    assert!(err.contains("no `sources.yaml` or `sources/`"), "{err}");
}

#[test]
fn an_empty_data_folder_is_not_a_valid_fact_base() {
    let root = scratch_root();
    std::fs::create_dir_all(&root).unwrap();
    let dir = tempfile::tempdir_in(root).unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert_eq!(code(&out), Some(1));
    let err = stderr(&out);
    assert!(err.contains("holds no fact-base files"), "{err}");
    assert!(err.contains("sources.yaml"), "{err}");
}

#[test]
fn yaml_problems_are_in_our_words_at_the_right_line() {
    let dir = data_copy();
    let countries = dir.path().join("countries.yaml");
    std::fs::write(
        &countries,
        "- id: TJK\n\tname: Tajikistan\n  sources: [kuna-2024-11-04]\n",
    )
    .unwrap();
    let err = stderr(&brief(&["check", "--data", &rel(dir.path())]));
    assert!(
        err.contains("a tab character is used for indentation"),
        "{err}"
    );
    assert!(err.contains("countries.yaml:2:1"), "{err}");
    std::fs::write(
        &countries,
        "- id: TJK\n  name: A\n  name: B\n  sources: [kuna-2024-11-04]\n",
    )
    .unwrap();
    let err = stderr(&brief(&["check", "--data", &rel(dir.path())]));
    assert!(err.contains("`name` is given twice"), "{err}");
    assert!(!err.contains("DuplicateKeyPolicy"), "{err}");
    assert!(!err.contains("fix the YAML syntax"), "{err}");
    // A repeated key is reported and the file read on: its other problems show in the same
    // run (item 12), repeated keys inside `extra` too.
    std::fs::write(
        &countries,
        "- id: TJK\n  name: A\n  name: B\n  nmae: C\n  extra: { k: 1, k: 2 }\n  sources: [kuna-2024-11-04]\n",
    )
    .unwrap();
    let err = stderr(&brief(&["check", "--data", &rel(dir.path())]));
    assert!(err.contains("countries.yaml:3:3"), "{err}");
    assert!(err.contains("unknown field `nmae` in a country"), "{err}");
    assert!(
        err.contains("`k` is given twice in the same record"),
        "{err}"
    );
}

fn template_error(text: &str) -> String {
    let root = scratch_root();
    std::fs::create_dir_all(&root).unwrap();
    let dir = tempfile::tempdir_in(root).unwrap();
    std::fs::write(dir.path().join("t.typ.j2"), text).unwrap();
    std::fs::write(
        dir.path().join("t.manifest.yaml"),
        "description: a test\nparams: []\n",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "t",
        "--templates",
        &rel(dir.path()),
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn template_errors_point_at_the_tag_left_open() {
    let err = template_error("= A\n\nline 3\n{% if brief.marking \n= B\n{% endif %}\n");
    assert!(err.contains("this `{%` tag is not closed"), "{err}");
    assert!(err.contains("t.typ.j2:4:1"), "{err}");
    let err =
        template_error("= A\n{% if brief.marking %}\nx\n{% for e in [1] %}\ny\n{% endfor %}\nz\n");
    assert!(err.contains("this `{% if %}` is never closed"), "{err}");
    assert!(err.contains("t.typ.j2:2:1"), "{err}");
    assert!(err.contains("add `{% endif %}`"), "{err}");
    let err = template_error("= A\n#let x = (\n");
    assert!(err.contains("add `--format typ`"), "{err}");
}

#[test]
fn dates_are_four_digit_years_and_real_days() {
    for (date, says) in [
        ("25-01-01", "four-digit year"),
        ("2025-02-30", "not a day of the calendar"),
    ] {
        let out = brief(&["generate", "-t", "process-history", "--date", date]);
        assert_eq!(code(&out), Some(2), "{date}");
        assert!(stderr(&out).contains(says), "{date}: {}", stderr(&out));
    }
}

#[test]
fn usage_mistakes_are_usage_errors() {
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "--pdf-standard",
        "ua-1,ua-1",
    ]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    let out = brief(&["generate", "-t", "process-history", "-p", "process="]);
    assert_eq!(code(&out), Some(2));
    assert!(
        stderr(&out).contains("the value of `process` is empty"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn quiet_colour_and_open_follow_conventions() {
    let dir = tempfile::tempdir().unwrap();
    let out = brief(&[
        "-q",
        "generate",
        "-t",
        "process-history",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "");
    let out = brief(&["--color", "always", "generate", "-t", "nope"]);
    assert!(stderr(&out).contains("\u{1b}["), "{}", stderr(&out));
    let out = brief(&["--color", "never", "generate", "-t", "nope"]);
    assert!(!stderr(&out).contains("\u{1b}["));
    // Not a terminal here: `auto` gives no colour (`NO_COLOR` is covered by diag's unit test).
    let out = brief(&["generate", "-t", "nope"]);
    assert!(!stderr(&out).contains("\u{1b}["));
    // --open without any viewer: the document is written, with a warning.
    let target = dir.path().join("brief.pdf");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "generate",
            "-t",
            "event-brief",
            "-p",
            "event=dushanbe-2018",
            "--open",
            "-o",
        ])
        .arg(&target)
        .current_dir(repo())
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(target.is_file());
    assert!(stderr(&out).contains("cannot open"), "{}", stderr(&out));
}

#[test]
fn counts_read_as_english() {
    let out = brief(&["check"]);
    let err = stderr(&out);
    assert!(err.contains("1 process,"), "{err}");
    assert!(!err.contains("1 processes"));
    let dir = tempfile::tempdir().unwrap();
    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "-p",
        "event=dushanbe-2018",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(stderr(&out).contains("(1 page, "), "{}", stderr(&out));
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "-f",
        "typ",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert!(!err.contains("0 pages"), "{err}");
    assert!(err.trim_end().ends_with(" KB)"), "{err}");
    // A missing parameter: its description follows once, without doubled parentheses.
    let out = brief(&[
        "generate",
        "-t",
        "process-history",
        "--data",
        "tests/fixtures/two-processes",
    ]);
    assert_eq!(code(&out), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("needs `--param process=…`: the process"),
        "{err}"
    );
    assert!(!err.contains("))"), "{err}");
}

#[test]
fn fields_of_ones_own_go_under_extra() {
    let dir = data_copy();
    let countries = dir.path().join("countries.yaml");
    let text = std::fs::read_to_string(&countries).unwrap();
    std::fs::write(
        &countries,
        text.replacen("  name: Tajikistan\n", "  name: Tajikistan\n  extra:\n    classification: internal\n    desks: [Central Asia, 2]\n", 1),
    )
    .unwrap();
    let out = brief(&[
        "context",
        "-t",
        "country-participation",
        "-p",
        "country=TJK",
        "--data",
        &rel(dir.path()),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ctx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ctx["country"]["extra"]["classification"], "internal");
    assert_eq!(ctx["country"]["extra"]["desks"][1], 2);
    // Outside `extra`, an unknown field is still an error, with the way to keep it.
    std::fs::write(
        &countries,
        text.replacen(
            "  name: Tajikistan\n",
            "  name: Tajikistan\n  classification: internal\n",
            1,
        ),
    )
    .unwrap();
    let out = brief(&["check", "--data", &rel(dir.path())]);
    assert_eq!(code(&out), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown field `classification`"), "{err}");
    assert!(err.contains("under `extra:`"), "{err}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::io::Read;
    for args in [
        &["schema"][..],
        &["completions", "bash"],
        &["context", "-t", "process-history"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .current_dir(repo())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("internal error"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn an_impossible_source_date_epoch_is_a_usage_error() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args([
            "generate",
            "-t",
            "process-history",
            "-f",
            "typ",
            "-o",
            "/tmp/never-written.typ",
        ])
        .current_dir(repo())
        .env("SOURCE_DATE_EPOCH", "-99999999999")
        .output()
        .unwrap();
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("out of range"));
}

/// `--timings` prints every stage once, in pipeline order, with the run's wall time, and
/// the stages of a batch add up over its documents; without it nothing is printed.
#[test]
fn timings_name_every_stage_and_sum_over_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let stage_ms = |text: &str, stage: &str| -> f64 {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(stage))
            .unwrap_or_else(|| panic!("no {stage} in {text}"));
        line.trim_start()[stage.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let out = brief(&[
        "-q",
        "generate",
        "-t",
        "process-history",
        "-o",
        out_dir,
        "--timings",
    ]);
    assert!(out.status.success());
    let text = stderr(&out);
    let stages = [
        "templates",
        "facts",
        "context",
        "render",
        "typst layout",
        "typst export",
        "write",
        "run",
    ];
    let mut at = 0;
    for stage in stages {
        let found = text[at..]
            .find(&format!("  {stage} "))
            .unwrap_or_else(|| panic!("`{stage}` missing or out of order in:\n{text}"));
        at += found + 1;
    }
    assert!(stage_ms(&text, "typst layout") > 0.0, "{text}");
    let summed: f64 = stages[..7].iter().map(|s| stage_ms(&text, s)).sum();
    // Typst's warm-up runs beside the stages, so they cannot add up to more than the run
    // by much; they are most of it.
    let run = stage_ms(&text, "run");
    assert!(summed > 0.5 * run && summed < 1.5 * run, "{text}");

    let out = brief(&[
        "generate",
        "-t",
        "event-brief",
        "--all",
        "-o",
        out_dir,
        "--timings",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stderr(&out);
    // Nine events made on parallel threads: their Typst layout adds up beyond one document's.
    assert!(text.contains("9 of 9 documents written"), "{text}");
    assert!(stage_ms(&text, "typst layout") > 0.0, "{text}");

    let out = brief(&["generate", "-t", "event-brief", "--all", "-o", out_dir]);
    assert!(!stderr(&out).contains("timings"), "{}", stderr(&out));
}

/// Outside any project, with no fact base folder: say that no `brief.toml` was found and how
/// to start a project, not only that `data` does not exist.
#[test]
fn outside_a_project_brief_says_how_to_start_one() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["check"][..],
        &["generate", "--template", "process-history"][..],
        &["context", "--template", "process-history"][..],
    ] {
        let out = brief_in(dir.path(), args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("no `brief.toml` was found in"), "{err}");
        assert!(err.contains("`brief init`"), "{err}");
    }
    // With the fact base named, brief goes ahead as before.
    let out = brief_in(
        dir.path(),
        &["check", "--data", repo().join("data").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// `Extra:` (capitalised) is the field `extra` mistyped: suggest it, and do not suggest
/// putting `Extra` under `extra:` (item 14).
#[test]
fn a_capitalised_known_field_is_suggested_as_itself() {
    let dir = scratch_copy(&fixture("minimal"));
    edit(
        &dir.path().join("events/second.yaml"),
        "  kind: conference\n",
        "  kind: conference\n  Extra: { a: 1 }\n",
    );
    let out = brief(&["check", "--data", &rel(dir.path())]);
    let err = stderr(&out);
    assert_eq!(code(&out), Some(1), "{err}");
    assert!(err.contains("did you mean `extra`?"), "{err}");
    assert!(!err.contains("extra: { Extra"), "{err}");
}
