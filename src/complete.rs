//! Shell completion that knows the project: template names, a template's parameters and
//! their values (event ids, country codes, process ids, each with its label), and languages.
//! The shell calls `brief` back with `COMPLETE=SHELL` set (clap_complete's dynamic
//! completion); `brief completions SHELL` prints the line that registers it.
//!
//! Completing reads the project's templates and fact base (no excerpt checks, no history):
//! tens of milliseconds on the shipped data. Anything that fails completes nothing.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use crate::project::Project;
use crate::templates;

/// The project the command line names (`--project DIR`), else the one found upward.
fn project(args: &[String]) -> Option<Project> {
    let explicit = flag_value(args, "--project", None).map(PathBuf::from);
    Project::discover(explicit.as_deref()).ok()
}

/// The command line being completed (the shell passes it after `--`).
fn command_line() -> Vec<String> {
    let all: Vec<String> = std::env::args().collect();
    match all.iter().position(|a| a == "--") {
        Some(i) => all[i + 1..].to_vec(),
        None => all,
    }
}

/// The value given to `--NAME` (or `-SHORT`) on the command line, if any.
fn flag_value(args: &[String], long: &str, short: Option<&str>) -> Option<String> {
    let long_eq = format!("{long}=");
    args.iter().enumerate().find_map(|(i, a)| {
        if a == long || Some(a.as_str()) == short {
            args.get(i + 1).cloned()
        } else {
            a.strip_prefix(&long_eq).map(str::to_owned)
        }
    })
}

/// The templates folder: `--templates DIR`, else the project's.
fn templates_dir(args: &[String], project: &Project) -> PathBuf {
    flag_value(args, "--templates", None)
        .map(PathBuf::from)
        .unwrap_or_else(|| project.templates())
}

/// `--template`: every template of the project and every built-in one, with its description.
pub fn template(current: &OsStr) -> Vec<CompletionCandidate> {
    let args = command_line();
    let Some(project) = project(&args) else {
        return Vec::new();
    };
    let Ok(library) = templates::Library::new(&templates_dir(&args, &project)) else {
        return Vec::new();
    };
    let prefix = current.to_string_lossy();
    let Ok(names) = library.names() else {
        return Vec::new();
    };
    names
        .into_iter()
        .filter(|n| n.starts_with(prefix.as_ref()))
        .map(|name| {
            let help = templates::manifest(&library, &name)
                .ok()
                .map(|m| m.description.clone());
            CompletionCandidate::new(name).help(help.map(Into::into))
        })
        .collect()
}

/// `--param`: the template's parameter names (`country=`), then, after `NAME=`, the values
/// the fact base has for it, each with its label.
pub fn param(current: &OsStr) -> Vec<CompletionCandidate> {
    let args = command_line();
    let (Some(project), Some(template)) =
        (project(&args), flag_value(&args, "--template", Some("-t")))
    else {
        return Vec::new();
    };
    let Ok(library) = templates::Library::new(&templates_dir(&args, &project)) else {
        return Vec::new();
    };
    let Ok(manifest) = templates::manifest(&library, &template) else {
        return Vec::new();
    };
    let current = current.to_string_lossy();
    let Some((name, typed)) = current.split_once('=') else {
        return manifest
            .params
            .iter()
            .filter(|p| p.name.starts_with(current.as_ref()))
            .map(|p| {
                CompletionCandidate::new(format!("{}=", p.name))
                    .help(Some(p.description.clone().into()))
            })
            .collect();
    };
    let Some(spec) = manifest.params.iter().find(|p| p.name == name) else {
        return Vec::new();
    };
    let data = flag_value(&args, "--data", None)
        .map(PathBuf::from)
        .unwrap_or_else(|| project.data());
    let (base, _) = crate::facts::load_all(&data);
    crate::context::choices(&base, spec.kind)
        .into_iter()
        .filter(|(id, _)| id.starts_with(typed))
        .map(|(id, label)| {
            CompletionCandidate::new(format!("{name}={id}")).help(Some(label.into()))
        })
        .collect()
}

/// `--lang`: the languages with a catalog (built in or the project's).
pub fn lang(current: &OsStr) -> Vec<CompletionCandidate> {
    let args = command_line();
    let dir = project(&args).map(|p| templates_dir(&args, &p));
    let catalogs = crate::words::Catalogs::new(dir.as_deref());
    let current = current.to_string_lossy();
    // A list (`en,r`): complete its last tag.
    let (done, last) = match current.rsplit_once(',') {
        Some((done, last)) => (format!("{done},"), last.to_owned()),
        None => (String::new(), current.to_string()),
    };
    catalogs
        .languages()
        .into_iter()
        .filter(|l| l.starts_with(&last))
        .map(|l| CompletionCandidate::new(format!("{done}{l}")))
        .collect()
}
