//! Hostile and broken input: confinement, resource limits, nothing lost, clear errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// A scratch project folder inside the repository (Typst's root is the working directory).
fn scratch() -> tempfile::TempDir {
    let target = scratch_root();
    std::fs::create_dir_all(&target).unwrap();
    tempfile::Builder::new()
        .prefix("safety-")
        .tempdir_in(target)
        .unwrap()
}

/// A templates folder with one template `t` (taking no parameters) whose text is `body`.
fn templates_with(dir: &Path, body: &str) -> PathBuf {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("t.manifest.yaml"),
        "description: test template\n",
    )
    .unwrap();
    std::fs::write(templates.join("t.typ.j2"), body).unwrap();
    templates
}

/// Runs template `t` from `templates` on the minimal fixture; returns the output.
fn run_template(templates: &Path, out: &Path) -> std::process::Output {
    brief(&[
        "generate",
        "--template",
        "t",
        "--templates",
        &rel(templates),
        "--data",
        "tests/fixtures/minimal",
        "--out",
        out.to_str().unwrap(),
    ])
}

fn assert_fails(out: &std::process::Output, code: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    assert!(!err.contains("internal error"), "{err}");
}

#[test]
fn template_names_are_not_paths() {
    for name in [
        "../templates/process-history",
        "/etc/passwd",
        "templates/process-history",
        ".",
    ] {
        let out = brief(&[
            "generate",
            "--template",
            name,
            "--out",
            "/nonexistent/never",
        ]);
        assert_fails(&out, 2, "unknown template");
    }
}

#[test]
fn typst_cannot_read_outside_the_allowed_folders() {
    let dir = scratch();
    let out_pdf = dir.path().join("x.pdf");
    for (code, expected) in [
        (r#"#read("/etc/passwd")"#, "file not found"),
        (
            r#"#read("../../../../../../etc/passwd")"#,
            "would escape the project root",
        ),
        (
            r#"#read("/Cargo.toml")"#,
            "outside the folders documents may read",
        ),
        (r#"#image("/etc/hostname")"#, "file not found"),
        (
            r#"#import "@preview/cetz:0.3.0": *"#,
            "packages are not available",
        ),
    ] {
        let templates = templates_with(dir.path(), code);
        let out = run_template(&templates, &out_pdf);
        assert_fails(&out, 1, expected);
        assert!(!out_pdf.exists());
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_are_refused() {
    let dir = scratch();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    std::fs::write(outside.path().join("evil.typ.j2"), "= evil").unwrap();

    // A file the document reads through a symlink: refused when the template names it…
    let templates = templates_with(dir.path(), r#"#read({{ template_file("leak.txt") }})"#);
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        templates.join("leak.txt"),
    )
    .unwrap();
    let out = run_template(&templates, &dir.path().join("x.pdf"));
    assert_fails(&out, 1, "leads outside the templates folder");
    // … and by Typst when the document reads its path directly.
    let typst_path = format!("/{}/leak.txt", rel(&templates));
    std::fs::write(templates.join("t.typ.j2"), format!("#read({typst_path:?})")).unwrap();
    let out = run_template(&templates, &dir.path().join("x.pdf"));
    assert_fails(&out, 1, "outside the folders documents may read");

    // A template that is a symlink.
    std::fs::remove_file(templates.join("t.typ.j2")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("evil.typ.j2"),
        templates.join("t.typ.j2"),
    )
    .unwrap();
    let out = run_template(&templates, &dir.path().join("x.pdf"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the templates folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_templates_folder_outside_the_project_is_a_usage_error() {
    let outside = tempfile::tempdir().unwrap();
    templates_with(outside.path(), "= hello");
    let out = brief(&[
        "generate",
        "--template",
        "t",
        "--templates",
        outside.path().join("templates").to_str().unwrap(),
    ]);
    assert_fails(&out, 2, "outside the project");
}

#[test]
fn runaway_templates_and_typst_loops_stop_with_an_error() {
    let dir = scratch();
    let out_pdf = dir.path().join("x.pdf");
    for (code, expected) in [
        (
            "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
            "too much work",
        ),
        (
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
            "template error",
        ),
        (
            "#let i = 0\n#while i >= 0 { i += 1 }",
            "loop seems to be infinite",
        ),
        ("#let f(n) = f(n + 1)\n#f(0)", "maximum function call depth"),
    ] {
        let templates = templates_with(dir.path(), code);
        let out = run_template(&templates, &out_pdf);
        assert_fails(&out, 1, expected);
        assert!(!out_pdf.exists());
    }
}

#[test]
fn typst_errors_point_at_the_generated_line_and_the_template() {
    let dir = scratch();
    let templates = templates_with(dir.path(), "= Title\n\nSome text.\n#undefined-function()\n");
    let out = run_template(&templates, &dir.path().join("x.pdf"));
    assert_fails(&out, 1, "unknown variable: undefined-function");
    let err = stderr(&out);
    assert!(err.contains("t.typ (generated):4:"), "{err}");
    assert!(err.contains("t.typ.j2` line 4"), "{err}");
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let text = format!(
        "- id: x\n  name: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.path().join("countries.yaml"), text).unwrap();
    let out = brief(&["check", "--data", dir.path().to_str().unwrap()]);
    assert_fails(&out, 1, "not valid YAML");
}

#[test]
fn concurrent_runs_writing_the_same_file_leave_one_whole_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same.pdf");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_brief"))
            .args([
                "generate",
                "--template",
                "process-history",
                "--date",
                "2026-11-24",
                "--out",
            ])
            .arg(&path)
            .current_dir(repo())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Every run makes the same bytes (same inputs, same date): the file must be exactly one
    // whole run's output, not a mix.
    let reference = dir.path().join("reference").join("same.pdf");
    let out = generate(&reference, &["--template", "process-history"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = std::fs::read(&reference).unwrap();
    std::fs::remove_dir_all(dir.path().join("reference")).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), expected);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary files left behind"
    );
}

#[cfg(unix)]
#[test]
fn a_killed_run_leaves_earlier_files_intact_and_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("event-brief-kuwait-phase-2024.pdf");
    std::fs::write(&earlier, b"an earlier briefing").unwrap();
    // Kill runs at different moments: before, during and after writing.
    for delay_ms in [5, 20, 40, 60, 90, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args([
                "generate",
                "--template",
                "event-brief",
                "--all",
                "--date",
                "2026-11-24",
                "--out",
            ])
            .arg(dir.path())
            .current_dir(repo())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                !name.ends_with(".tmp") && !name.starts_with('.'),
                "left behind: {name}"
            );
            let bytes = std::fs::read(entry.path()).unwrap();
            let whole = bytes == b"an earlier briefing"
                || (bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
            assert!(whole, "{name} is partial");
        }
    }
}

#[test]
fn no_fixture_makes_brief_panic() {
    let fixtures = repo().join("tests/fixtures");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        let data = rel(&path);
        let out_dir = tempfile::tempdir().unwrap();
        for args in [
            vec!["check", "--data", &data],
            vec![
                "check",
                "--data",
                &data,
                "--sources",
                "tests/fixtures/defects-texts",
            ],
            vec!["context", "--template", "process-history", "--data", &data],
            vec![
                "generate",
                "--template",
                "process-history",
                "--data",
                &data,
                "--out",
                out_dir.path().to_str().unwrap(),
            ],
            vec![
                "generate",
                "--template",
                "country-participation",
                "--all",
                "--data",
                &data,
                "--out",
                out_dir.path().to_str().unwrap(),
            ],
        ] {
            let out = brief(&args); // asserts that no panic message was printed
            let err = stderr(&out);
            assert!(!err.contains("internal error"), "{args:?}:\n{err}");
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{args:?}: {:?}",
                out.status
            );
        }
    }
}

#[test]
fn a_reader_only_ever_sees_one_whole_run_of_concurrent_writers() {
    let dir = tempfile::tempdir().unwrap();
    let dates = ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"];
    // Each run's bytes, made apart first: every date gives a different file.
    let expected: Vec<Vec<u8>> = dates
        .iter()
        .map(|date| {
            let path = dir.path().join(format!("ref-{date}.pdf"));
            let out = brief(&[
                "generate",
                "-t",
                "process-history",
                "--date",
                date,
                "-o",
                path.to_str().unwrap(),
            ]);
            assert!(out.status.success(), "{}", stderr(&out));
            std::fs::read(&path).unwrap()
        })
        .collect();
    assert!(expected.windows(2).all(|w| w[0] != w[1]));
    let target = dir.path().join("shared.pdf");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (target, stop, expected) = (target.clone(), stop.clone(), expected.clone());
        std::thread::spawn(move || {
            let mut seen = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(bytes) = std::fs::read(&target) {
                    assert!(
                        expected.contains(&bytes),
                        "a reader saw {} bytes that are no run's whole output",
                        bytes.len()
                    );
                    seen += 1;
                }
            }
            seen
        })
    };
    for _round in 0..3 {
        let children: Vec<_> = dates
            .iter()
            .map(|date| {
                Command::new(env!("CARGO_BIN_EXE_brief"))
                    .args(["generate", "-t", "process-history", "--date", date, "-o"])
                    .arg(&target)
                    .current_dir(repo())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().success());
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.join().expect("the reader only saw whole files");
    assert!(seen > 0, "the reader never saw the file");
    assert!(expected.contains(&std::fs::read(&target).unwrap()));
}

#[test]
fn a_kill_during_the_write_of_a_large_output_leaves_the_old_file_or_the_whole_new_one() {
    // A fact base whose generated Typst source is many megabytes (no compile: the run is
    // mostly the write).
    let data = tempfile::tempdir_in(scratch_root()).unwrap();
    let text = "a long curated note about the meeting and its participants ".repeat(40);
    std::fs::write(
        data.path().join("sources.yaml"),
        "- {id: s, title: t, publisher: p, published: 2024, kind: news}\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("countries.yaml"),
        "- {id: KAZ, name: K, sources: [s]}\n",
    )
    .unwrap();
    std::fs::write(
        data.path().join("processes.yaml"),
        "- {id: p, name: P, sources: [s]}\n",
    )
    .unwrap();
    let mut events = String::new();
    for i in 0..1500 {
        events.push_str(&format!(
            "- id: e{i}\n  title: Event {i}\n  kind: conference\n  process: p\n  start: 2024-01-01\n  participants:\n    - {{party: KAZ, role: delegation, note: \"{text}\", sources: [s]}}\n  discussions:\n    - {{text: \"{text}\", sources: [s]}}\n  sources: [s]\n"
        ));
    }
    std::fs::write(data.path().join("events.yaml"), events).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("history.typ");
    let earlier = b"an earlier edition".to_vec();
    for _attempt in 0..3 {
        std::fs::write(&target, &earlier).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["generate", "-t", "process-history", "-f", "typ", "--data"])
            .arg(data.path().strip_prefix(repo()).unwrap())
            .arg("-o")
            .arg(&target)
            .current_dir(repo())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill the moment the target changes: a writer that writes into the target is
        // caught in the middle of its write; an atomic rename only ever shows the whole.
        let started = std::time::Instant::now();
        loop {
            let changed =
                std::fs::metadata(&target).map_or(true, |m| m.len() != earlier.len() as u64);
            if changed || child.try_wait().unwrap().is_some() {
                break;
            }
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "never wrote"
            );
        }
        let _ = child.kill();
        child.wait().unwrap();
        let bytes = std::fs::read(&target).unwrap_or_default();
        let whole = bytes == earlier
            || (bytes.starts_with(b"#import")
                && bytes.trim_ascii_end().ends_with(b"title: [Sources])"));
        assert!(
            whole,
            "a kill during the write left {} bytes of a partial file",
            bytes.len()
        );
        let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "temporary files left behind");
    }
}
