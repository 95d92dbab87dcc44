//! `brief init`: a new or empty folder → a project that generates at once.
//!
//! In: a folder. Out: `brief.toml` with every setting commented, a small fictional example
//! fact base (marked as an example to replace), the source texts its excerpts come from,
//! `output/`, a `.gitignore` for output, a README for analysts, and the JSON Schema of each
//! fact-base file kind in `schema/` (the data files name theirs on their first line, for
//! editors). Nothing is written into a folder that has anything in it.

use std::path::Path;

use crate::diag::UsageError;
use crate::schema;

/// The files of a new project: path → text (from `starter/` in brief's repository).
const FILES: &[(&str, &str)] = &[
    ("brief.toml", include_str!("../../starter/brief.toml")),
    ("README.md", include_str!("../../starter/README.md")),
    (".gitignore", include_str!("../../starter/.gitignore")),
    (
        "data/issuer.yaml",
        include_str!("../../starter/data/issuer.yaml"),
    ),
    (
        "data/assessments.yaml",
        include_str!("../../starter/data/assessments.yaml"),
    ),
    (
        "data/sources.yaml",
        include_str!("../../starter/data/sources.yaml"),
    ),
    (
        "data/countries.yaml",
        include_str!("../../starter/data/countries.yaml"),
    ),
    (
        "data/organizations.yaml",
        include_str!("../../starter/data/organizations.yaml"),
    ),
    (
        "data/people.yaml",
        include_str!("../../starter/data/people.yaml"),
    ),
    (
        "data/processes.yaml",
        include_str!("../../starter/data/processes.yaml"),
    ),
    (
        "data/events/2023-bergen.yaml",
        include_str!("../../starter/data/events/2023-bergen.yaml"),
    ),
    (
        "data/events/2024-reykjavik.yaml",
        include_str!("../../starter/data/events/2024-reykjavik.yaml"),
    ),
    (
        "sources/harbour-bulletin-2023-09-05.txt",
        include_str!("../../starter/sources/harbour-bulletin-2023-09-05.txt"),
    ),
    (
        "sources/ministry-2024-10-02.txt",
        include_str!("../../starter/sources/ministry-2024-10-02.txt"),
    ),
];

/// The `brief.toml` of a project that `dir` (existing or not) would lie inside, if any.
fn enclosing_project(dir: &Path) -> Option<std::path::PathBuf> {
    let absolute = std::env::current_dir().ok()?.join(dir);
    // The nearest folder that exists: `dir` itself may not yet.
    let existing = absolute
        .ancestors()
        .find(|d| d.is_dir())?
        .canonicalize()
        .ok()?;
    let start = if existing == absolute.canonicalize().unwrap_or_default() {
        existing.parent()?.to_path_buf()
    } else {
        existing
    };
    crate::project::project_root(&start).map(|root| root.join(crate::project::PROJECT_FILE))
}

/// Creates a project in `dir` (created if missing); refuses a folder that is not empty.
pub fn create(dir: &Path) -> anyhow::Result<()> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(UsageError::new(format!(
                "`{}` is not empty: `brief init` makes a project in a new or empty folder",
                dir.display()
            ))
            .help("choose a new folder name, e.g. `brief init briefings-unit`")
            .into());
        }
    } else if dir.exists() {
        return Err(UsageError::new(format!("`{}` is not a folder", dir.display())).into());
    } else if std::fs::symlink_metadata(dir).is_ok() {
        return Err(UsageError::new(format!(
            "`{}` is a symbolic link to something that does not exist",
            dir.display()
        ))
        .help("remove the link, or give `brief init` a new folder name")
        .into());
    }
    if let Some(outer) = enclosing_project(dir) {
        crate::term::errln!(
            "{}: the new project is inside another one (`{}`); brief run in the new folder uses the new project's `brief.toml`",
            crate::diag::severity_word(crate::diag::Severity::Warning),
            outer.display()
        );
    }
    let write = |path: &str, text: &str| -> anyhow::Result<()> {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        crate::output::write_atomic(&target, text.as_bytes())
    };
    for (path, text) in FILES {
        write(path, text)?;
    }
    for kind in schema::kinds() {
        let schema = schema::of_kind(kind).expect("every kind has a schema");
        let text = serde_json::to_string_pretty(&schema)? + "\n";
        write(&format!("schema/{kind}.schema.json"), &text)?;
    }
    std::fs::create_dir_all(dir.join("output"))?;
    let shown = dir.display();
    crate::term::errln!(
        "created a brief project in `{shown}` with an example fact base (fictional: replace it)"
    );
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        format!("cd {shown} && ")
    };
    crate::term::info(format!(
        "next: {cd}brief generate --template process-history"
    ));
    Ok(())
}
