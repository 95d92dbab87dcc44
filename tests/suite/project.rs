//! An installed `brief` in an office's own project: run from folders outside this
//! repository, with nothing of it but the binary.

use std::path::Path;
use std::process::Output;

use crate::support::*;

/// Runs the binary in `dir` (anywhere), with a fixed date.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("SOURCE_DATE_EPOCH", "1764000000")
        .output()
        .expect("run brief");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

/// A new project made by `brief init` in a scratch folder outside the repository.
fn new_project() -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let out = run_in(scratch.path(), &["init", "office"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let project = scratch.path().join("office");
    (scratch, project)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    stderr(out)
}

#[test]
fn init_then_generate_every_built_in_template() {
    let (_s, project) = new_project();
    for file in [
        "brief.toml",
        "README.md",
        ".gitignore",
        "data/sources.yaml",
        "schema/events.schema.json",
    ] {
        assert!(project.join(file).is_file(), "{file}");
    }
    assert!(project.join("output").is_dir());
    ok(&run_in(&project, &["check", "--sources", "sources"]));
    ok(&run_in(
        &project,
        &["generate", "--template", "process-history"],
    ));
    let text = pdf_text(&std::fs::read(project.join("output/process-history.pdf")).unwrap());
    assert_pdf_contains(&text, "Harbour Safety Dialogue (example)");
    ok(&run_in(
        &project,
        &["generate", "--template", "event-brief", "--all"],
    ));
    ok(&run_in(
        &project,
        &["generate", "--template", "country-participation", "--all"],
    ));
    for file in [
        "event-brief-harbour-2023.pdf",
        "country-participation-NOR.pdf",
    ] {
        assert!(project.join("output").join(file).is_file(), "{file}");
    }
}

#[test]
fn a_sub_folder_run_uses_the_project_root() {
    let (_s, project) = new_project();
    let events = project.join("data/events");
    ok(&run_in(
        &events,
        &[
            "generate",
            "--template",
            "event-brief",
            "--param",
            "event=harbour-2024",
        ],
    ));
    assert!(
        project
            .join("output/event-brief-harbour-2024.pdf")
            .is_file()
    );
    assert!(!events.join("output").exists());
}

#[test]
fn a_project_file_overrides_the_built_in_one() {
    let (_s, project) = new_project();
    let err = ok(&run_in(&project, &["templates", "--copy", "event-brief"]));
    assert!(err.contains("event-brief.typ.j2"), "{err}");
    // Copying again would replace the project's own files: nothing is written.
    let again = run_in(&project, &["templates", "--copy", "event-brief"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing to copy"),
        "{}",
        stderr(&again)
    );
    // A second template beside it: its own files written, the shared ones kept (a
    // letterhead edited in brief.typ survives).
    let frame = project.join("templates/brief.typ");
    let edited = format!(
        "{}\n// our letterhead\n",
        std::fs::read_to_string(&frame).unwrap()
    );
    std::fs::write(&frame, &edited).unwrap();
    let err = ok(&run_in(
        &project,
        &["templates", "--copy", "process-history"],
    ));
    assert!(err.contains("process-history.typ.j2"), "{err}");
    assert!(
        err.contains("kept templates/brief.typ (the project's own)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&frame).unwrap(), edited);
    let template = project.join("templates/event-brief.typ.j2");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replace(
            "title: [{{ t(\"section-participants\") }}]",
            "title: [Who came]",
        ),
    )
    .unwrap();
    let list = run_in(&project, &["templates"]);
    let listing = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(
        listing.contains(
            "event-brief  (project: templates/event-brief.typ.j2, replaces the built-in one)"
        ),
        "{listing}"
    );
    assert!(
        listing.contains("country-participation  (built-in)"),
        "{listing}"
    );
    assert!(
        listing.contains("process-history  (project: templates/process-history.typ.j2"),
        "{listing}"
    );
    ok(&run_in(
        &project,
        &[
            "generate",
            "--template",
            "event-brief",
            "--param",
            "event=harbour-2024",
        ],
    ));
    let pdf =
        pdf_text(&std::fs::read(project.join("output/event-brief-harbour-2024.pdf")).unwrap());
    assert_pdf_contains(&pdf, "Who came");
    // Only the page frame replaced: every template, built-in ones too, uses the letterhead,
    // while the blocks and sections stay the built-in ones, file by file.
    std::fs::remove_file(&template).unwrap();
    let templates = project.join("templates");
    for other in ["brief.typ", "blocks.typ", "sections.typ"] {
        std::fs::remove_file(templates.join(other)).unwrap();
    }
    let frame = templates.join("frame.typ");
    let typ = std::fs::read_to_string(&frame).unwrap();
    assert!(typ.contains("upper(kind)"));
    std::fs::write(
        &frame,
        typ.replace("upper(kind)", "upper(kind + \" · Office letterhead\")"),
    )
    .unwrap();
    let list = run_in(&project, &["templates"]);
    let listing = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(
        listing.contains("frame.typ  (project: templates/frame.typ, replaces the built-in one)"),
        "{listing}"
    );
    assert!(!listing.contains("sections.typ  (project"), "{listing}");
    ok(&run_in(
        &project,
        &["generate", "--template", "process-history"],
    ));
    let pdf = pdf_text(&std::fs::read(project.join("output/process-history.pdf")).unwrap());
    assert_pdf_contains(&pdf, "OFFICE LETTERHEAD");
    assert_pdf_contains(&pdf, "Sources");
    // The project's own `brief.typ` imports `blocks.typ` and `sections.typ`, which it does
    // not have: the built-in ones are used, and its own `frame.typ`.
    let builtin = std::fs::read_to_string(repo().join("templates/brief.typ")).unwrap();
    std::fs::write(
        templates.join("brief.typ"),
        format!("// The office's copy.\n{builtin}"),
    )
    .unwrap();
    ok(&run_in(
        &project,
        &[
            "generate",
            "--template",
            "event-brief",
            "--param",
            "event=harbour-2024",
        ],
    ));
    let pdf =
        pdf_text(&std::fs::read(project.join("output/event-brief-harbour-2024.pdf")).unwrap());
    assert_pdf_contains(&pdf, "OFFICE LETTERHEAD");
    assert_pdf_contains(&pdf, "Participants");
}

#[test]
fn project_flag_chooses_the_project() {
    let (scratch, project) = new_project();
    ok(&run_in(
        scratch.path(),
        &[
            "--project",
            "office",
            "generate",
            "--template",
            "process-history",
        ],
    ));
    assert!(project.join("output/process-history.pdf").is_file());
    let missing = run_in(scratch.path(), &["--project", "nowhere", "check"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
}

#[test]
fn an_unknown_key_in_brief_toml_names_the_line_and_the_closest_key() {
    let (_s, project) = new_project();
    std::fs::write(
        project.join("brief.toml"),
        "[generate]\nmarking = \"X\"\npapr = \"a4\"\n",
    )
    .unwrap();
    let out = run_in(&project, &["generate", "--template", "process-history"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown key `papr`"), "{err}");
    assert!(err.contains("brief.toml:3:1"), "{err}");
    assert!(err.contains("did you mean `paper`?"), "{err}");
    assert!(!project.join("output/process-history.pdf").exists());
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("notes.txt"), "mine").unwrap();
    let out = run_in(scratch.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let entries: Vec<_> = std::fs::read_dir(scratch.path()).unwrap().collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        std::fs::read_to_string(scratch.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn brief_toml_defaults_apply_and_flags_override_them() {
    let (_s, project) = new_project();
    std::fs::write(
        project.join("brief.toml"),
        "[folders]\noutput = \"briefings\"\n[generate]\nmarking = \"RESTRICTED\"\npaper = \"us-letter\"\n",
    )
    .unwrap();
    ok(&run_in(
        &project,
        &["generate", "--template", "process-history"],
    ));
    let path = project.join("briefings/process-history.pdf");
    let text = pdf_text(&std::fs::read(&path).unwrap());
    assert_pdf_contains(&text, "RESTRICTED");
    let doc = lopdf::Document::load(&path).unwrap();
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let width = media[2].as_float().unwrap();
    assert!(
        (width - 612.0).abs() < 1.0,
        "US Letter from brief.toml, got width {width}"
    );
    ok(&run_in(
        &project,
        &[
            "generate",
            "--template",
            "process-history",
            "--marking",
            "UNCLASSIFIED",
            "--paper",
            "a4",
        ],
    ));
    let text = pdf_text(&std::fs::read(&path).unwrap());
    assert_pdf_contains(&text, "UNCLASSIFIED");
    assert!(!text.contains("RESTRICTED"));
    // `context` prints what the template receives: the same settings as `generate`.
    let context = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["context", "--template", "process-history"];
        args.extend_from_slice(extra);
        let out = run_in(&project, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let ctx = context(&[]);
    assert_eq!(ctx["brief"]["paper"], "us-letter");
    assert_eq!(ctx["brief"]["marking"], "RESTRICTED");
    let ctx = context(&["--paper", "a4", "--marking", "UNCLASSIFIED"]);
    assert_eq!(ctx["brief"]["paper"], "a4");
    assert_eq!(ctx["brief"]["marking"], "UNCLASSIFIED");
}

#[test]
fn check_prints_problems_as_json_for_editors() {
    let (_s, project) = new_project();
    ok(&run_in(&project, &["check", "--format", "json"]));
    let countries = project.join("data/countries.yaml");
    let text = std::fs::read_to_string(&countries).unwrap();
    std::fs::write(
        &countries,
        text.replace("  name: Iceland", "  nmae: Iceland"),
    )
    .unwrap();
    let out = run_in(&project, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["valid"], false);
    let problems = report["problems"].as_array().unwrap();
    let unknown = problems
        .iter()
        .find(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .contains("unknown field `nmae`")
        })
        .expect("the unknown field is reported");
    assert!(
        unknown["file"]
            .as_str()
            .unwrap()
            .ends_with("countries.yaml")
    );
    assert_eq!(unknown["line"], 7);
    assert_eq!(unknown["column"], 3);
    assert_eq!(unknown["severity"], "error");
}

#[test]
fn completions_and_man_page() {
    let scratch = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = run_in(scratch.path(), &["completions", shell]);
        ok(&out);
        // The script calls brief back to complete (`COMPLETE=SHELL brief -- …`).
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(
            script.contains("COMPLETE") && script.contains("brief"),
            "{shell}: {script}"
        );
    }
    let out = run_in(scratch.path(), &["man"]);
    ok(&out);
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
    assert!(page.contains("generate"));
    // Every command has its own page: the ones brief's page refers to exist.
    let out = run_in(scratch.path(), &["man", "generate"]);
    let page = ok_out(&out);
    assert!(page.contains(".TH brief-generate 1"), "{page}");
    assert!(page.contains("\\-\\-template"), "{page}");
    let out = run_in(scratch.path(), &["man", "genrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `generate`?"),
        "{}",
        stderr(&out)
    );
    let dir = scratch.path().join("man");
    ok(&run_in(
        scratch.path(),
        &["man", "--dir", dir.to_str().unwrap()],
    ));
    for name in [
        "brief.1",
        "brief-generate.1",
        "brief-trace.1",
        "brief-send.1",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.contains(".TH"), "{name}");
    }
}

fn ok_out(out: &Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every YAML file of a fact base with the file kind its schema applies to.
fn data_files(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let kind = path.file_name().unwrap().to_str().unwrap().to_owned();
            for f in std::fs::read_dir(&path).unwrap() {
                out.push((f.unwrap().path(), kind.clone()));
            }
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let kind = path.file_stem().unwrap().to_str().unwrap().to_owned();
            out.push((path, kind));
        }
    }
    out
}

fn validates(schema: &serde_json::Value, path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

#[test]
fn every_shipped_data_file_validates_against_the_schema() {
    let mut checked = 0;
    for dir in [
        "data",
        "starter/data",
        "tests/fixtures/minimal",
        "tests/fixtures/side-events",
    ] {
        for (path, kind) in data_files(&repo().join(dir)) {
            let schema = brief::harness::schema_of_kind(&kind).unwrap();
            validates(&schema, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            checked += 1;
        }
    }
    assert!(checked >= 25, "{checked}");
    // The schema `brief init` writes is the one `brief schema` prints.
    let (_s, project) = new_project();
    let written: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(project.join("schema/events.schema.json")).unwrap(),
    )
    .unwrap();
    let printed = run_in(&project, &["schema", "events"]);
    let printed: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    assert_eq!(written, printed);
}

#[test]
fn a_wrong_field_fails_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("countries.yaml");
    let text = std::fs::read_to_string(repo().join("data/countries.yaml")).unwrap();
    std::fs::write(&path, text.replacen("  name: ", "  nmae: ", 1)).unwrap();
    let err = validates(&brief::harness::schema_of_kind("countries").unwrap(), &path).unwrap_err();
    assert!(err.contains("nmae") || err.contains("name"), "{err}");
    std::fs::write(&path, text.replacen("id: TJK", "id: [TJK]", 1)).unwrap();
    assert!(validates(&brief::harness::schema_of_kind("countries").unwrap(), &path).is_err());
    // As strict as `check` where JSON Schema can say it: ids of the right form, no empty
    // `sources` (first-day friction, item 15, in part).
    let schema = brief::harness::schema_of_kind("countries").unwrap();
    for (from, to) in [("id: TJK", "id: tjk"), ("id: TJK", "id: TJKX")] {
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        assert!(validates(&schema, &path).is_err(), "{to}");
    }
    let sources = dir.path().join("sources.yaml");
    let schema = brief::harness::schema_of_kind("sources").unwrap();
    std::fs::write(
        &sources,
        "- { id: Bad_Id, title: t, publisher: p, published: 2024, kind: news }\n",
    )
    .unwrap();
    assert!(validates(&schema, &sources).is_err());
    std::fs::write(
        &sources,
        "- { id: good-id, title: t, publisher: p, published: 2024, kind: news }\n",
    )
    .unwrap();
    assert!(validates(&schema, &sources).is_ok());
    let events = dir.path().join("events.yaml");
    let schema = brief::harness::schema_of_kind("events").unwrap();
    std::fs::write(
        &events,
        "- { id: e, title: t, kind: meeting, start: 2024, sources: [] }\n",
    )
    .unwrap();
    assert!(validates(&schema, &events).is_err());
    std::fs::write(
        &events,
        "- { id: e, title: t, kind: meeting, start: 2024, sources: [s] }\n",
    )
    .unwrap();
    assert!(
        validates(&schema, &events).is_ok(),
        "{:?}",
        validates(&schema, &events)
    );
}

/// The `brief.toml` that `init` writes has every section, every key commented with its
/// default or an example — and uncommented, every one of them is a valid setting (first-day
/// friction, item 1).
#[test]
fn init_writes_every_setting_commented_and_each_is_valid() {
    let (_s, project) = new_project();
    let text = std::fs::read_to_string(project.join("brief.toml")).unwrap();
    for section in ["[folders]", "[generate]", "[email]", "[smtp]"] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    let uncommented: String = text
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|rest| rest.contains(" = "))
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n");
    for key in [
        "data", "sources", "paper", "marking", "from", "to", "host", "port", "tls",
    ] {
        assert!(
            uncommented
                .lines()
                .any(|l| l.starts_with(&format!("{key} = "))),
            "{key} is not in brief.toml:\n{text}"
        );
    }
    std::fs::write(project.join("brief.toml"), &uncommented).unwrap();
    let out = run_in(&project, &["check"]);
    assert!(out.status.success(), "{}\n{uncommented}", stderr(&out));
}

/// `init` inside an existing project warns, naming the outer `brief.toml`, and goes ahead
/// (first-day friction, item 4); a project of its own says nothing of the kind.
#[test]
fn init_inside_a_project_warns_and_proceeds() {
    let (_s, project) = new_project();
    let out = run_in(&project, &["init", "nested"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("the new project is inside another one"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}",
            project.canonicalize().unwrap().join("brief.toml").display()
        )),
        "{err}"
    );
    assert!(project.join("nested/brief.toml").is_file());
    let alone = tempfile::tempdir().unwrap();
    let out = run_in(alone.path(), &["init", "p"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("inside another"), "{}", stderr(&out));
}

/// `init` on a dangling symbolic link names it and exits 2, instead of "File exists"
/// (hostile round three, item 15).
#[test]
fn init_on_a_dangling_link_names_it() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("p")).unwrap();
    let out = run_in(dir.path(), &["init", "p"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("`p` is a symbolic link to something that does not exist"),
        "{err}"
    );
    assert!(!dir.path().join("nowhere").exists());
}

/// `templates --copy` writes only inside the project, as `generate` reads templates only
/// from there: a templates folder set outside it, or a link out of it, is refused and
/// nothing is written; a link where a copy would go counts as there (hostile round three,
/// item 14).
#[test]
fn templates_copy_writes_only_inside_the_project() {
    let (scratch, project) = new_project();
    let outside = scratch.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    let toml = project.join("brief.toml");
    let original = std::fs::read_to_string(&toml).unwrap();
    // A folder named outside the project in brief.toml.
    let text = if original.contains("[folders]") {
        original.replacen("[folders]", "[folders]\ntemplates = \"../outside\"", 1)
    } else {
        format!("{original}\n[folders]\ntemplates = \"../outside\"\n")
    };
    std::fs::write(&toml, &text).unwrap();
    let out = run_in(&project, &["templates", "--copy", "event-brief"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is outside the project"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    // A templates folder that is a link out of the project.
    std::fs::write(&toml, &original).unwrap();
    let templates = project.join("templates");
    if templates.exists() {
        std::fs::remove_dir_all(&templates).unwrap();
    }
    std::os::unix::fs::symlink(&outside, &templates).unwrap();
    let out = run_in(&project, &["templates", "--copy", "event-brief"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is outside the project"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
    // Inside: copied; a dangling link where a file would go is not written through.
    std::fs::remove_file(&templates).unwrap();
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(outside.join("planted.typ"), templates.join("brief.typ")).unwrap();
    let out = run_in(&project, &["templates", "--copy", "event-brief"]);
    let err = ok(&out);
    assert!(err.contains("kept templates/brief.typ"), "{err}");
    assert!(!outside.join("planted.typ").exists());
    assert!(templates.join("event-brief.typ.j2").is_file());
}

/// A `brief.toml` found by searching upward must be the user's own and not writable by
/// others (one planted in a shared folder could redirect output, add a recipient to every
/// draft or name the SMTP server): refused, with how to use it anyway (`--project`).
#[test]
fn a_project_file_others_can_change_is_not_used() {
    use std::os::unix::fs::PermissionsExt;
    let (_scratch, project) = new_project();
    let toml = project.join("brief.toml");
    let data = project.join("data");
    assert!(run_in(&data, &["check"]).status.success());
    let mode = std::fs::metadata(&toml).unwrap().permissions().mode();
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(mode | 0o002)).unwrap();
    for dir in [&data, &project] {
        let out = run_in(dir, &["check"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("can be changed by any user: it is not used"),
            "{err}"
        );
        assert!(err.contains("--project"), "{err}");
    }
    // Named, it is the user's choice.
    let out = run_in(&data, &["--project", project.to_str().unwrap(), "check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::set_permissions(&toml, std::fs::Permissions::from_mode(mode)).unwrap();
    // Another user's (where this test may give a file away: as root).
    let given = std::process::Command::new("chown")
        .args(["65534", toml.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if given {
        let out = run_in(&data, &["check"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("belongs to another user"),
            "{}",
            stderr(&out)
        );
    }
}

/// A bad value in brief.toml is reported where it is written (file, line and key), not as if
/// it came from a flag (hostile round three, item 10).
#[test]
fn a_bad_value_in_brief_toml_names_its_line_and_key() {
    let (_scratch, project) = new_project();
    let toml = project.join("brief.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    // Under the `[email]` that init writes (its keys commented out).
    let at = text
        .find("\n[email]")
        .expect("init writes an [email] section")
        + 1;
    let end = at + text[at..].find('\n').unwrap() + 1;
    let with = format!(
        "{}from = \"briefings@example.org\"\nto = [\"desk@example.org\", \"a..b@example.org\"]\n{}",
        &text[..end],
        &text[end..]
    );
    std::fs::write(&toml, &with).unwrap();
    let line = with.lines().position(|l| l.starts_with("to = ")).unwrap() + 1;
    let out = run_in(&project, &["generate", "-t", "event-brief", "--email"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("`brief.toml` line {line}, `to` under `[email]`")),
        "{err}"
    );
    assert!(err.contains("a..b@example.org"), "{err}");
    assert!(!err.contains("--to"), "{err}");
    // The flag, when given, is what is named.
    let out = run_in(
        &project,
        &[
            "generate",
            "-t",
            "event-brief",
            "--email",
            "--to",
            "x..y@example.org",
        ],
    );
    assert!(stderr(&out).contains("`--to`: "), "{}", stderr(&out));
    // A marking too long.
    let long = "X".repeat(81);
    let with = text.replacen(
        "\n[generate]",
        &format!("\n[generate]\nmarking = \"{long}\""),
        1,
    );
    assert_ne!(with, text);
    std::fs::write(&toml, &with).unwrap();
    let line = with
        .lines()
        .position(|l| l.starts_with("marking = "))
        .unwrap()
        + 1;
    let out = run_in(&project, &["generate", "-t", "event-brief"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "`brief.toml` line {line}, `marking` under `[generate]`"
        )),
        "{}",
        stderr(&out)
    );
}

/// A script no embedded font covers: a warning that names the script and the fonts folder;
/// the project's `fonts/` folder then supplies the font, embedded in the PDF.
#[test]
fn a_projects_fonts_folder_adds_fonts() {
    let (_s, project) = new_project();
    let event = project.join("data/events/2023-bergen.yaml");
    let text = std::fs::read_to_string(&event).unwrap();
    std::fs::write(
        &event,
        text.replace(
            "  topics: [harbour safety, search and rescue]",
            "  topics: [harbour safety, search and rescue, \"᚛ᚑᚌᚐᚋ᚜\"]",
        ),
    )
    .unwrap();
    let args = ["generate", "-t", "event-brief", "-p", "event=harbour-2023"];
    let before = run_in(&project, &args);
    let err = ok(&before);
    assert!(err.contains("Ogham characters"), "{err}");
    assert!(err.contains("`fonts/` folder"), "{err}");
    let folder = project.join("fonts");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/fonts/NotoSansOgham-Regular.ttf"),
        folder.join("NotoSansOgham-Regular.ttf"),
    )
    .unwrap();
    let after = run_in(&project, &args);
    let err = ok(&after);
    assert!(!err.contains("Ogham"), "{err}");
    let pdf_path = project.join("output/event-brief-harbour-2023.pdf");
    let doc = pdf(&std::fs::read(&pdf_path).unwrap());
    let names: Vec<String> = fonts(&doc).into_iter().map(|(n, _)| n).collect();
    assert!(
        names.iter().any(|n| n.contains("NotoSansOgham")),
        "{names:?}"
    );
    // A file that is not a font is refused by name, and nothing is written.
    std::fs::write(folder.join("broken.ttf"), "not a font").unwrap();
    std::fs::remove_file(&pdf_path).unwrap();
    let broken = run_in(&project, &args);
    assert_eq!(broken.status.code(), Some(1), "{}", stderr(&broken));
    assert!(
        stderr(&broken).contains("broken.ttf"),
        "{}",
        stderr(&broken)
    );
    assert!(!pdf_path.exists());
}

/// What the shell gets back when it asks brief to complete `words` (the last one being
/// completed), as bash asks.
fn completed(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("--")
        .arg("brief")
        .args(words)
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Completion knows the project: its templates, a template's parameters and the fact base's
/// values for them, and the languages.
#[test]
fn completion_offers_templates_parameters_and_their_values() {
    let (_s, project) = new_project();
    ok(&run_in(&project, &["templates", "--copy", "event-brief"]));
    std::fs::rename(
        project.join("templates/event-brief.typ.j2"),
        project.join("templates/harbour-brief.typ.j2"),
    )
    .unwrap();
    std::fs::rename(
        project.join("templates/event-brief.manifest.yaml"),
        project.join("templates/harbour-brief.manifest.yaml"),
    )
    .unwrap();
    let templates = completed(&project, &["generate", "--template", ""]);
    for t in [
        "process-history",
        "country-participation",
        "event-brief",
        "harbour-brief",
    ] {
        assert!(templates.iter().any(|c| c == t), "{t}: {templates:?}");
    }
    assert_eq!(
        completed(&project, &["generate", "-t", "harb"]),
        ["harbour-brief"]
    );
    assert_eq!(
        completed(
            &project,
            &["generate", "-t", "country-participation", "-p", ""]
        ),
        ["country="]
    );
    let countries = completed(
        &project,
        &["generate", "-t", "country-participation", "-p", "country="],
    );
    assert!(
        countries.iter().any(|c| c == "country=NOR"),
        "{countries:?}"
    );
    assert!(
        countries.iter().all(|c| c.starts_with("country=")),
        "{countries:?}"
    );
    let events = completed(
        &project,
        &[
            "generate",
            "-t",
            "event-brief",
            "--param",
            "event=harbour-2",
        ],
    );
    assert!(
        !events.is_empty() && events.iter().all(|e| e.starts_with("event=harbour-2")),
        "{events:?}"
    );
    assert_eq!(
        completed(
            &project,
            &["generate", "-t", "process-history", "--lang", "en,r"]
        ),
        ["en,ru"]
    );
    // Outside any project nothing is offered for values, and nothing fails.
    let scratch = tempfile::tempdir().unwrap();
    assert!(
        completed(
            scratch.path(),
            &["generate", "-t", "event-brief", "-p", "event="]
        )
        .is_empty()
    );
}

/// One change to one field of one record: what the schema and `check` should both refuse
/// (or both accept).
#[derive(Debug)]
struct Mutation {
    what: String,
    value: serde_json::Value,
}

/// Every single-field change to the records of `value` (a file's list of records): drop a
/// field, empty a list, change a value's type, break an id, add an unknown field.
fn mutations(value: &serde_json::Value) -> Vec<Mutation> {
    use serde_json::Value;
    let mut out = Vec::new();
    let Value::Array(records) = value else {
        return out;
    };
    for (i, record) in records.iter().enumerate() {
        let Value::Object(fields) = record else {
            continue;
        };
        let mut push = |what: String, changed: serde_json::Map<String, Value>| {
            let mut all = records.clone();
            all[i] = Value::Object(changed);
            out.push(Mutation {
                what,
                value: Value::Array(all),
            });
        };
        let mut unknown = fields.clone();
        unknown.insert("unknwn".into(), Value::from(1));
        push(format!("[{i}] add the field `unknwn`"), unknown);
        for (key, v) in fields {
            let mut dropped = fields.clone();
            dropped.remove(key);
            push(format!("[{i}] drop `{key}`"), dropped);
            let retyped = match v {
                Value::String(s) => Value::Array(vec![Value::String(s.clone())]),
                Value::Number(_) | Value::Bool(_) => Value::String("some text".into()),
                Value::Array(_) | Value::Object(_) => Value::String("some text".into()),
                Value::Null => Value::from(1),
            };
            let mut changed = fields.clone();
            changed.insert(key.clone(), retyped);
            push(format!("[{i}] change the type of `{key}`"), changed);
            if matches!(v, Value::Array(a) if !a.is_empty()) {
                let mut emptied = fields.clone();
                emptied.insert(key.clone(), Value::Array(Vec::new()));
                push(format!("[{i}] empty `{key}`"), emptied);
            }
            if key == "id" {
                let mut broken = fields.clone();
                broken.insert(key.clone(), Value::String("Not An Id!".into()));
                push(format!("[{i}] break `id`"), broken);
            }
        }
    }
    out
}

/// The schema and `check` agree on what is valid: every single-field change to every record
/// of a valid fact base is accepted by both or refused by both — except where `check`
/// refuses for a reason JSON Schema cannot express (a reference to a record of another
/// file, which the change broke), listed here as such.
#[test]
fn the_schema_and_check_agree_on_every_single_field_change() {
    let base = scratch_copy(&fixture("minimal"));
    let mut tried = 0;
    let mut disagreements = Vec::new();
    for (path, kind) in data_files(base.path()) {
        if kind == "issuer" {
            continue;
        }
        let original = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_saphyr::from_str(&original).unwrap();
        let schema = brief::harness::schema_of_kind(&kind).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for m in mutations(&value) {
            tried += 1;
            // JSON is YAML: the changed records, written as JSON.
            std::fs::write(&path, serde_json::to_string_pretty(&m.value).unwrap()).unwrap();
            let schema_ok = validator.is_valid(&m.value);
            let out = brief(&["check", "--data", &rel(base.path())]);
            let check_ok = out.status.success();
            if schema_ok != check_ok {
                let err = stderr(&out);
                // What only a whole fact base shows: a record another file refers to.
                let cross_file = !check_ok
                    && err.lines().filter(|l| l.starts_with("error: ")).all(|l| {
                        l.contains("unknown ")
                            || l.contains("no record")
                            || l.contains("is not cited")
                    });
                if !cross_file {
                    disagreements.push(format!(
                        "{} {}: schema {}, check {}\n{}",
                        path.file_name().unwrap().to_string_lossy(),
                        m.what,
                        if schema_ok { "accepts" } else { "refuses" },
                        if check_ok { "accepts" } else { "refuses" },
                        err.lines().find(|l| l.starts_with("error")).unwrap_or("")
                    ));
                }
            }
        }
        std::fs::write(&path, original).unwrap();
    }
    assert!(tried > 100, "{tried}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// A small PNG: a 4×2 navy rectangle.
fn tiny_png() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, 4, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[29, 53, 87].repeat(8)).unwrap();
    }
    out
}

/// The issuer's logo (`logo:` in issuer.yaml, an image in the fact base folder) is printed
/// in the title block of every template; a missing, misplaced or wrong file is refused at
/// its line.
#[test]
fn the_issuers_logo_prints_in_the_title_block() {
    let (_s, project) = new_project();
    let data = project.join("data");
    std::fs::write(data.join("crest.png"), tiny_png()).unwrap();
    let issuer = data.join("issuer.yaml");
    let text = std::fs::read_to_string(&issuer).unwrap();
    std::fs::write(&issuer, format!("{text}logo: crest.png\n")).unwrap();
    for template in ["process-history", "event-brief", "country-participation"] {
        let out = tempfile::tempdir().unwrap();
        let made = run_in(
            &project,
            &[
                "generate",
                "-t",
                template,
                "--all",
                "-o",
                out.path().to_str().unwrap(),
            ],
        );
        ok(&made);
        for entry in std::fs::read_dir(out.path()).unwrap() {
            let doc = pdf(&std::fs::read(entry.unwrap().path()).unwrap());
            let images = doc
                .objects
                .values()
                .filter(|o| {
                    o.as_stream()
                        .ok()
                        .and_then(|s| s.dict.get(b"Subtype").ok())
                        .and_then(|t| t.as_name().ok())
                        == Some(b"Image".as_slice())
                })
                .count();
            assert!(images >= 1, "{template}: no image in the PDF");
        }
    }
    for (logo, message) in [
        ("missing.png", "there is no logo file `missing.png`"),
        ("../brief.toml", "is not a PNG, JPEG or SVG file"),
        ("../outside.png", "is outside the fact base folder"),
    ] {
        std::fs::write(&issuer, format!("{text}logo: {logo}\n")).unwrap();
        let out = run_in(&project, &["check"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{logo}: {err}");
        assert!(err.contains(message), "{logo}: {err}");
        assert!(err.contains("issuer.yaml:"), "{logo}: {err}");
    }
}
