//! `brief templates`: list the templates (built-in and the project's), or copy a built-in
//! one into the project to customise it.

use std::path::Path;

use crate::diag::UsageError;
use crate::settings::TemplatesConfig;
use crate::templates::{self, TEMPLATE_SUFFIX};
use crate::term;

pub fn run(config: &TemplatesConfig) -> anyhow::Result<()> {
    match &config.copy {
        Some(name) => {
            inside_project(&config.dir, &config.root)?;
            copy_template(name, &config.dir)
        }
        None => list_templates(&config.dir),
    }
}

/// `dir` (which may not exist yet) resolves, symbolic links followed, to a folder inside the
/// project at `root`: `generate` reads templates only from there, so `--copy` writes only
/// there.
fn inside_project(dir: &Path, root: &Path) -> Result<(), UsageError> {
    let refuse = || {
        UsageError::new(format!(
            "the templates folder `{}` is outside the project (`{}`)",
            dir.display(),
            root.display()
        ))
        .help("templates must live inside the project folder: set `templates` in brief.toml to a folder in it, or give `--templates DIR` inside it")
    };
    let root = root.canonicalize().map_err(|e| {
        UsageError::new(format!(
            "cannot open the project folder `{}` ({e})",
            root.display()
        ))
    })?;
    let absolute = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| UsageError::new(format!("cannot read the current folder ({e})")))?
            .join(dir)
    };
    // The nearest part that exists, resolved; the rest is created below it as plain folders.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return Err(refuse());
        };
        if name == ".." {
            return Err(refuse());
        }
        rest.push(name.to_owned());
        existing = parent;
    }
    let real = existing.canonicalize().map_err(|_| refuse())?;
    if !real.starts_with(&root) || rest.iter().any(|p| p == "..") {
        return Err(refuse());
    }
    Ok(())
}

fn list_templates(dir: &Path) -> anyhow::Result<()> {
    let library = templates::Library::new(dir)?;
    for m in templates::all(&library)? {
        let file = format!("{}{}", m.name, TEMPLATE_SUFFIX);
        let origin = match library.origin_of_file(&file) {
            templates::Origin::BuiltIn => "built-in".to_owned(),
            templates::Origin::Project(path) if templates::builtin(&file).is_some() => {
                format!("project: {}, replaces the built-in one", path.display())
            }
            templates::Origin::Project(path) => format!("project: {}", path.display()),
        };
        crate::term::outln!("{}  ({origin})", m.name);
        crate::term::outln!("    {}", m.description);
        for p in &m.params {
            let need = if p.required { "required" } else { "optional" };
            crate::term::outln!(
                "    --param {}=<{} id>  ({need}) {}",
                p.name,
                p.kind,
                p.description
            );
        }
        crate::term::outln!();
    }
    // Shared files the project replaces (a letterhead in its own brief.typ).
    for shared in templates::SHARED_FILES {
        if let templates::Origin::Project(path) = library.origin_of_file(shared) {
            crate::term::outln!(
                "{shared}  (project: {}, replaces the built-in one)",
                path.display()
            );
        }
    }
    Ok(())
}

fn copy_template(name: &str, dir: &Path) -> anyhow::Result<()> {
    let copied = templates::Library::copy(name, dir)?;
    for path in &copied.written {
        term::info(format!("wrote {}", path.display()));
    }
    for path in &copied.kept {
        term::info(format!("kept {} (the project's own)", path.display()));
    }
    term::info(
        "the project's copies are used from now on: edit them, and `brief templates` shows them as the project's",
    );
    Ok(())
}
