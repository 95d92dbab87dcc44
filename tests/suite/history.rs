//! "What changed since the last briefing": `brief diff` and `generate --since` on temporary
//! git repositories holding two or three editions of a fixture fact base.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::*;

/// Runs git in `dir` with a fixed identity and commit date.
fn git(dir: &Path, date: &str, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Curator",
            "-c",
            "user.email=curator@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00Z"))
        .env_remove("GIT_DIR")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A project in git: `v0` (no fact base), `v1` (the minimal fixture, 10 January 2024), a broken
/// edition `vbad`, and the working tree committed as the current edition (15 March 2024): a
/// figure changed, a statement reworded, an event added, an event removed, a citation given
/// an excerpt (sourcing only).
fn repository() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    git(&root, "2024-01-01", &["init", "-q"]);
    std::fs::write(root.join("README.md"), "briefings\n").unwrap();
    std::fs::write(root.join("brief.toml"), "").unwrap();
    git(&root, "2024-01-01", &["add", "-A"]);
    git(&root, "2024-01-01", &["commit", "-qm", "start"]);
    git(&root, "2024-01-01", &["tag", "v0"]);
    copy_dir(&fixture("minimal"), &root.join("data"));
    git(&root, "2024-01-10", &["add", "-A"]);
    git(&root, "2024-01-10", &["commit", "-qm", "first edition"]);
    git(&root, "2024-01-10", &["tag", "v1"]);
    let events = root.join("data/events");
    std::fs::write(events.join("broken.yaml"), "- id: [oops\n").unwrap();
    git(&root, "2024-02-01", &["add", "-A"]);
    git(&root, "2024-02-01", &["commit", "-qm", "broken"]);
    git(&root, "2024-02-01", &["tag", "vbad"]);
    std::fs::remove_file(events.join("broken.yaml")).unwrap();
    edit(
        &events.join("second.yaml"),
        "value: 120, qualifier: about",
        "value: 150, qualifier: about",
    );
    edit(
        &events.join("second.yaml"),
        "text: Су — өмір көзі.",
        "text: Су — өмір көзі, бірлік.",
    );
    std::fs::remove_file(events.join("first.yaml")).unwrap();
    std::fs::write(
        events.join("third.yaml"),
        "- id: lake-2022\n  title: Third Lake Dialogue\n  kind: conference\n  process: lake-dialogue\n  sequence: 3\n  start: 2022-05-04\n  location: { city: Алматы, country: KAZ }\n  hosts: [KAZ]\n  status: announced\n  sources: [gazette-2021]\n",
    )
    .unwrap();
    edit(
        &root.join("data/countries.yaml"),
        "name: Türkiye\n  sources: [gazette-2021]",
        "name: Türkiye\n  sources: [{ id: gazette-2021, excerpt: shore }]",
    );
    git(&root, "2024-03-15", &["add", "-A"]);
    git(&root, "2024-03-15", &["commit", "-qm", "second edition"]);
    (dir, root)
}

/// The text of the one PDF in `dir`.
fn only_pdf_text(dir: &Path) -> String {
    let mut files = std::fs::read_dir(dir).unwrap();
    let pdf = files.next().expect("a PDF").unwrap().path();
    assert!(
        files.next().is_none(),
        "more than one file in {}",
        dir.display()
    );
    pdf_text(&std::fs::read(pdf).unwrap())
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1735000000")
        .output()
        .unwrap();
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

fn diff_json(dir: &Path, rev: &str) -> serde_json::Value {
    let out = run(dir, &["diff", rev, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn find<'a>(
    changes: &'a serde_json::Value,
    kind: &str,
    change: &str,
) -> Vec<&'a serde_json::Value> {
    changes
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind && c["change"] == change)
        .collect()
}

#[test]
fn diff_finds_added_removed_and_changed_records() {
    let (_d, root) = repository();
    let report = diff_json(&root, "v1");
    assert_eq!(report["since"]["name"], "v1");
    assert_eq!(report["since"]["date"], "2024-01-10");
    let changes = &report["changes"];
    assert_eq!(find(changes, "event", "added")[0]["id"], "lake-2022");
    assert_eq!(find(changes, "event", "removed")[0]["id"], "lake-2020");
    let figure = find(changes, "figure", "changed");
    assert_eq!(figure.len(), 1);
    assert_eq!(figure[0]["fields"][0]["field"], "value");
    assert_eq!(figure[0]["fields"][0]["old"], "120");
    assert_eq!(figure[0]["fields"][0]["new"], "150");
    assert_eq!(figure[0]["sources"][0], "gazette-2021");
    // A reworded statement is one statement, changed.
    let statements: Vec<_> = changes
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "statement")
        .collect();
    assert_eq!(statements.len(), 1, "{statements:?}");
    assert_eq!(statements[0]["change"], "changed");
    assert_eq!(statements[0]["fields"][0]["new"], "Су — өмір көзі, бірлік.");
    // Only a citation changed: a sourcing change, not news.
    assert!(
        !changes
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "country")
    );
    let sourcing = report["sourcing"].as_array().unwrap();
    assert!(
        sourcing
            .iter()
            .any(|c| c["kind"] == "country" && c["id"] == "TUR"),
        "{sourcing:?}"
    );
    // For people too.
    let out = run(&root, &["diff", "v1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("value: 120 → 150"), "{text}");
    assert!(text.contains("sourcing changes"), "{text}");
    // Saying what changed in the sourcing.
    assert!(
        text.contains("excerpts: (none) → gazette-2021: shore"),
        "{text}"
    );
    let tur = sourcing.iter().find(|c| c["id"] == "TUR").unwrap();
    assert_eq!(tur["fields"][0]["field"], "excerpts", "{tur}");
}

#[test]
fn a_revision_can_be_a_date_a_tag_or_a_commit() {
    let (_d, root) = repository();
    let by_tag = diff_json(&root, "v1");
    let by_date = diff_json(&root, "2024-01-20");
    assert_eq!(by_date["since"]["commit"], by_tag["since"]["commit"]);
    assert_eq!(by_date["changes"], by_tag["changes"]);
    let head = diff_json(&root, "HEAD");
    assert_eq!(head["changes"].as_array().unwrap().len(), 0);
    let out = run(&root, &["diff", "2023-12-31"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn history_errors_are_clear() {
    let (_d, root) = repository();
    let out = run(&root, &["diff", "v9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown revision `v9`"),
        "{}",
        stderr(&out)
    );
    let out = run(&root, &["diff", "v0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did not exist yet at `v0`"),
        "{}",
        stderr(&out)
    );
    let out = run(&root, &["diff", "vbad"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("at `vbad`"), "{err}");
    assert!(err.contains("vbad:data/events/broken.yaml"), "{err}");
    // Not a repository.
    let plain = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), &plain.path().join("data"));
    let out = run(plain.path(), &["diff", "v1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not in a git repository"),
        "{}",
        stderr(&out)
    );
}

/// The number of pixels of `rgb` in a PNG.
fn pixels_of(png: &[u8], rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.line_size / info.width as usize;
    buf[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[..3] == rgb)
        .count()
}

#[test]
fn every_template_opens_with_what_is_new_and_marks_it() {
    let (_d, root) = repository();
    for (template, params, expected) in [
        ("process-history", vec![], "Value changed from 120 to 150."),
        (
            "event-brief",
            vec!["-p", "event=lake-2021"],
            "Value changed from 120 to 150.",
        ),
        // A country summary prints what concerns the country: its minister's statement.
        (
            "country-participation",
            vec!["-p", "country=KAZ"],
            "by Айгерім Садық",
        ),
    ] {
        let out_dir = tempfile::tempdir().unwrap();
        let mut args = vec![
            "generate",
            "-t",
            template,
            "--since",
            "v1",
            "-o",
            out_dir.path().to_str().unwrap(),
        ];
        args.extend_from_slice(&params);
        let out = run(&root, &args);
        assert!(out.status.success(), "{template}: {}", stderr(&out));
        let text = only_pdf_text(out_dir.path());
        assert_pdf_contains(&text, "What is new since the edition of 10 January 2024");
        // The edition by its date and tag, never by a commit hash.
        assert_pdf_contains(&text, "Compared with the edition of 10 January 2024 (v1).");
        assert_pdf_contains(&text, expected);
        assert_pdf_contains(&text, "Changed:");
        // The changed figure and statement carry an amber bar in the margin.
        let png_dir = tempfile::tempdir().unwrap();
        let mut png_args = args.clone();
        let at = png_args.iter().position(|a| *a == "-o").unwrap();
        png_args[at + 1] = png_dir.path().to_str().unwrap();
        png_args.extend_from_slice(&["-f", "png"]);
        assert!(run(&root, &png_args).status.success());
        let amber: usize = std::fs::read_dir(png_dir.path())
            .unwrap()
            .map(|p| {
                pixels_of(
                    &std::fs::read(p.unwrap().path()).unwrap(),
                    [0xe9, 0xa2, 0x3b],
                )
            })
            .sum();
        assert!(
            amber > 20,
            "{template}: no change bar drawn ({amber} pixels)"
        );
    }
    // Without --since: no section, no bars.
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(
        &root,
        &[
            "generate",
            "-t",
            "event-brief",
            "-p",
            "event=lake-2021",
            "-f",
            "png",
            "-o",
            out_dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    let amber: usize = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|p| {
            pixels_of(
                &std::fs::read(p.unwrap().path()).unwrap(),
                [0xe9, 0xa2, 0x3b],
            )
        })
        .sum();
    assert_eq!(amber, 0);
}

#[test]
fn since_works_with_all_and_email() {
    let (_d, root) = repository();
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(
        &root,
        &[
            "generate",
            "-t",
            "event-brief",
            "--all",
            "--since",
            "v1",
            "--email",
            "--to",
            "desk@example.org",
            "-o",
            out_dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let eml = std::fs::read(out_dir.path().join("event-brief-lake-2021.eml")).unwrap();
    let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
    let text = m.body_text(0).unwrap();
    let first_lines: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
    assert!(
        first_lines.contains("What is new since the edition of 10 January 2024"),
        "{text}"
    );
    assert!(
        m.body_html(0)
            .unwrap()
            .contains("What is new since the edition of 10 January 2024")
    );
    // The brief of the new event: all of it is new, and it says so.
    let pdf = std::fs::read(out_dir.path().join("event-brief-lake-2022.pdf")).unwrap();
    assert_pdf_contains(&pdf_text(&pdf), "New: Third Lake Dialogue");
}

/// A document as of a date cannot say what is new since a later edition.
#[test]
fn an_edition_later_than_the_documents_date_is_refused() {
    let (_d, root) = repository();
    let out = run(
        &root,
        &[
            "generate",
            "-t",
            "process-history",
            "--since",
            "v1",
            "--date",
            "2023-01-01",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("`--since v1` is the edition of 10 January 2024, later than the document's date (1 January 2023)"),
        "{err}"
    );
}

/// A shallow clone whose history ends before the edition asked for says so, and how to get
/// more history — not "object … could not be found" (hostile round three, item 13).
#[test]
fn a_shallow_clone_says_it_is_shallow() {
    let (_d, root) = repository();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", root.display());
    git(
        clones.path(),
        "2024-03-01",
        &["clone", "-q", "--depth", "1", &url, "c"],
    );
    let clone = clones.path().join("c");
    for rev in ["2024-01-05", "HEAD~2"] {
        let out = run(&clone, &["diff", rev]);
        assert_eq!(out.status.code(), Some(2), "{rev}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("the clone is shallow"), "{rev}: {err}");
        assert!(err.contains("git fetch --unshallow"), "{rev}: {err}");
        assert!(!err.contains("could not be found"), "{rev}: {err}");
    }
}

/// A repository whose edition `vbig` holds a 100 MB file (a comment: valid, but large).
fn repository_with_a_large_edition() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = repository();
    let big = root.join("data/events/big.yaml");
    let mut text = String::from("# ");
    text.push_str(&"x".repeat(100 << 20));
    text.push('\n');
    std::fs::write(&big, text).unwrap();
    git(&root, "2024-04-01", &["add", "-A"]);
    git(&root, "2024-04-01", &["commit", "-qm", "large"]);
    git(&root, "2024-04-01", &["tag", "vbig"]);
    std::fs::remove_file(&big).unwrap();
    git(&root, "2024-04-02", &["add", "-A"]);
    git(&root, "2024-04-02", &["commit", "-qm", "back"]);
    (dir, root)
}

/// `generate --since vbig` in `root`, its temporary folders in `tmp`.
fn reading_vbig(root: &Path, tmp: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command
        .args(["generate", "-t", "process-history", "--since", "vbig"])
        .args(["-f", "typ", "-o", "out.typ"])
        .current_dir(root)
        .env("TMPDIR", tmp);
    command
}

/// The memory watchdog stops a run reading a revision that is too large for the budget,
/// says so in those words, and leaves no temporary folder behind.
#[test]
fn a_revision_too_large_for_the_memory_budget_is_stopped_cleanly() {
    let (_dir, root) = repository_with_a_large_edition();
    let tmp = tempfile::tempdir().unwrap();
    let out = reading_vbig(&root, tmp.path())
        .args(["--max-memory", "80MiB"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("making the fact base at `vbig`"), "{err}");
    assert!(err.contains("a file of that revision is larger"), "{err}");
    assert!(!err.contains("looping"), "{err}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "a temporary folder is left"
    );
}

/// Interrupted while it reads a revision (Ctrl-C), a run removes its temporary folder.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_folder() {
    let (_dir, root) = repository_with_a_large_edition();
    let tmp = tempfile::tempdir().unwrap();
    let mut child = reading_vbig(&root, tmp.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the revision is being written out, then interrupt.
    let started = std::time::Instant::now();
    while std::fs::read_dir(tmp.path()).unwrap().count() == 0 {
        assert!(
            started.elapsed().as_secs() < 30,
            "no temporary folder appeared"
        );
        if child.try_wait().unwrap().is_some() {
            // Finished before it could be interrupted: nothing to check on this machine.
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    if status.success() {
        // The signal came after the reading was done: the folder is gone all the same.
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
        return;
    }
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "a temporary folder is left"
    );
}

/// "What is new" speaks the briefing's language: the edition's date and the changed values.
#[test]
fn what_is_new_is_in_the_briefings_language() {
    let (_dir, root) = repository();
    let out = tempfile::tempdir().unwrap();
    let made = run(
        &root,
        &[
            "generate",
            "-t",
            "process-history",
            "--since",
            "v1",
            "--lang",
            "ru",
            "-o",
            out.path().to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let text = only_pdf_text(out.path());
    assert_pdf_contains(&text, "Что нового после выпуска от 10 января 2024");
    assert!(!pdf_contains(&text, "10 January 2024"), "{text}");
}

/// An organisation summary's "What is new" holds what concerns the organisation: its own
/// record's change, not a country's statement or another country's sourcing.
#[test]
fn an_organisation_summary_says_what_changed_for_the_organisation() {
    let (_d, root) = repository();
    edit(
        &root.join("data/organizations.yaml"),
        "name: Lake Basin Commission",
        "name: Lake Basin Authority",
    );
    git(&root, "2024-04-01", &["add", "-A"]);
    git(&root, "2024-04-01", &["commit", "-qm", "renamed"]);
    let out_dir = tempfile::tempdir().unwrap();
    let out = run(
        &root,
        &[
            "generate",
            "-t",
            "organization-participation",
            "--since",
            "v1",
            "-o",
            out_dir.path().to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = only_pdf_text(out_dir.path());
    let new = &text[text
        .find("What is new since")
        .expect("a What is new section")..];
    let new = &new[..new.find("Summary").unwrap_or(new.len())];
    assert!(new.contains("Lake Basin Commission"), "{new}");
    assert!(!new.contains("Айгерім Садық"), "{new}");
    assert!(!new.contains("Türkiye"), "{new}");
}
