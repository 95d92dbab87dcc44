//! Templates and their parameters: the templates folder → [`TemplateManifest`]s, and
//! `--param KEY=VALUE` pairs → parameters checked against the fact base.
//!
//! Each template `NAME.typ.j2` has a manifest `NAME.manifest.yaml` beside it:
//!
//! ```yaml
//! description: A history of one diplomatic process …
//! marking: UNCLASSIFIED      # optional: the default for `--marking`
//! subject: "Brief: {{ event.label }}"   # optional: the subject of email drafts
//! params:
//!   - name: process
//!     kind: process          # process | country | event
//!     required: true
//!     description: the process to tell the history of
//! ```
//!
//! A required parameter that is not given takes the only valid value when there is exactly
//! one (a fact base with one process needs no `--param process=…`).
//!
//! Templates come from a [`Library`]: the built-in templates (embedded in the binary) with the
//! project's `templates/` folder over them, file by file: a project file adds a template or
//! replaces the built-in file of the same name (an office can replace only `brief.typ` to put
//! its letterhead on every template).

use std::path::{Path, PathBuf};

use crate::diag::{Problem, Problems, SourceText, UsageError, did_you_mean};
use crate::yaml::{self, Reader};

pub const MANIFEST_SUFFIX: &str = ".manifest.yaml";

/// The file name ending of a document template (`NAME.typ.j2`).
pub const TEMPLATE_SUFFIX: &str = ".typ.j2";

/// Where the built-in Typst files appear inside the Typst world (a virtual folder, never a
/// real one: the world serves them from the binary, or the project's file of the same name).
pub const BUILTIN_TYPST_DIR: &str = "/brief-builtin";

/// What kind of record a template parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Process,
    Country,
    Organization,
    Event,
}

impl ParamKind {
    pub const ALL: [ParamKind; 4] = [
        ParamKind::Process,
        ParamKind::Country,
        ParamKind::Organization,
        ParamKind::Event,
    ];

    /// The name used in manifests and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Process => "process",
            ParamKind::Country => "country",
            ParamKind::Organization => "organization",
            ParamKind::Event => "event",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for ParamKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a template is for and which parameters it takes.
#[derive(Debug, Clone)]
pub struct TemplateManifest {
    pub name: String,
    pub description: String,
    /// The handling marking printed when `--marking` is not given.
    pub marking: Option<String>,
    /// The subject of the template's email drafts: a one-line template over the context.
    pub subject: Option<String>,
    pub params: Vec<ParamSpec>,
}

#[derive(Debug, Clone)]
pub struct ParamSpec {
    pub name: String,
    /// What kind of id the parameter takes.
    pub kind: ParamKind,
    pub required: bool,
    pub description: String,
}

/// Whether `name` can be a template name (no paths, no dots).
fn is_template_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The files of the built-in templates: name → text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("brief.typ", include_str!("../templates/brief.typ")),
    ("frame.typ", include_str!("../templates/frame.typ")),
    ("blocks.typ", include_str!("../templates/blocks.typ")),
    ("sections.typ", include_str!("../templates/sections.typ")),
    ("email.txt.j2", include_str!("../templates/email.txt.j2")),
    ("email.html.j2", include_str!("../templates/email.html.j2")),
    (
        "email-frame.html.j2",
        include_str!("../templates/email-frame.html.j2"),
    ),
    (
        "email-changes.txt.j2",
        include_str!("../templates/email-changes.txt.j2"),
    ),
    (
        "email-signature.txt.j2",
        include_str!("../templates/email-signature.txt.j2"),
    ),
    (
        "email-changes.html.j2",
        include_str!("../templates/email-changes.html.j2"),
    ),
    (
        "process-history.email.txt.j2",
        include_str!("../templates/process-history.email.txt.j2"),
    ),
    (
        "process-history.email.html.j2",
        include_str!("../templates/process-history.email.html.j2"),
    ),
    (
        "country-participation.email.txt.j2",
        include_str!("../templates/country-participation.email.txt.j2"),
    ),
    (
        "country-participation.email.html.j2",
        include_str!("../templates/country-participation.email.html.j2"),
    ),
    (
        "organization-participation.email.txt.j2",
        include_str!("../templates/organization-participation.email.txt.j2"),
    ),
    (
        "organization-participation.email.html.j2",
        include_str!("../templates/organization-participation.email.html.j2"),
    ),
    (
        "event-brief.email.txt.j2",
        include_str!("../templates/event-brief.email.txt.j2"),
    ),
    (
        "event-brief.email.html.j2",
        include_str!("../templates/event-brief.email.html.j2"),
    ),
    (
        "process-history.typ.j2",
        include_str!("../templates/process-history.typ.j2"),
    ),
    (
        "process-history.manifest.yaml",
        include_str!("../templates/process-history.manifest.yaml"),
    ),
    (
        "country-participation.typ.j2",
        include_str!("../templates/country-participation.typ.j2"),
    ),
    (
        "country-participation.manifest.yaml",
        include_str!("../templates/country-participation.manifest.yaml"),
    ),
    (
        "participation-sections.j2",
        include_str!("../templates/participation-sections.j2"),
    ),
    (
        "organization-participation.typ.j2",
        include_str!("../templates/organization-participation.typ.j2"),
    ),
    (
        "organization-participation.manifest.yaml",
        include_str!("../templates/organization-participation.manifest.yaml"),
    ),
    (
        "event-brief.typ.j2",
        include_str!("../templates/event-brief.typ.j2"),
    ),
    (
        "event-brief.manifest.yaml",
        include_str!("../templates/event-brief.manifest.yaml"),
    ),
];

/// The files every template shares (copied along with a template by `templates --copy`).
pub const SHARED_FILES: &[&str] = &[
    "brief.typ",
    "frame.typ",
    "blocks.typ",
    "sections.typ",
    "participation-sections.j2",
    "email-frame.html.j2",
    "email-changes.txt.j2",
    "email-changes.html.j2",
    "email-signature.txt.j2",
];

/// The email templates used when a template has none of its own.
pub const DEFAULT_EMAIL: [&str; 2] = ["email.txt.j2", "email.html.j2"];

/// The text of a built-in file.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Where a template file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    /// The project's file (its path as the user names it).
    Project(PathBuf),
}

/// The built-in templates with a project's templates folder over them.
#[derive(Debug, Clone)]
pub struct Library {
    /// The project's templates folder, canonical, when it exists.
    dir: Option<PathBuf>,
    /// The folder as the user names it (for messages).
    shown: PathBuf,
}

impl Library {
    /// The library of a project whose templates folder is `dir` (which need not exist).
    pub fn new(dir: &Path) -> Result<Library, Problems> {
        let real = match dir.canonicalize() {
            Ok(real) if real.is_dir() => Some(real),
            Ok(_) => {
                return Err(Problems(vec![Problem::error(format!(
                    "the templates folder `{}` is not a folder",
                    dir.display()
                ))]));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Problems(vec![Problem::error(format!(
                    "cannot open the templates folder `{}` ({e})",
                    dir.display()
                ))]));
            }
        };
        Ok(Library {
            dir: real,
            shown: dir.to_path_buf(),
        })
    }

    /// The project's templates folder, canonical, if it exists.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The folder as the user names it.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// The project's own file `name`, if it has one: a name inside the folder (no `..`, no
    /// absolute path, no hidden file) that does not lead outside it through a symlink.
    pub fn project_file(&self, name: &str) -> Result<Option<PathBuf>, String> {
        let Some(dir) = &self.dir else {
            return Ok(None);
        };
        if !is_safe_file_name(name) {
            return Ok(None);
        }
        let Ok(real) = dir.join(name).canonicalize() else {
            return Ok(None);
        };
        if !real.starts_with(dir) {
            return Err(format!(
                "template file `{name}` leads outside the templates folder (a symlink?)"
            ));
        }
        Ok(real.is_file().then_some(real))
    }

    /// The text of template file `name` and where it comes from: the project's file, else
    /// the built-in one.
    pub fn read(&self, name: &str) -> Result<Option<(String, Origin)>, String> {
        if let Some(path) = self.project_file(name)? {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read template file `{name}` ({e})"))?;
            return Ok(Some((text, Origin::Project(self.shown.join(name)))));
        }
        Ok(builtin(name).map(|text| (text.to_owned(), Origin::BuiltIn)))
    }

    /// Where template file `name` comes from.
    pub fn origin_of_file(&self, name: &str) -> Origin {
        match self.project_file(name) {
            Ok(Some(_)) => Origin::Project(self.shown.join(name)),
            _ => Origin::BuiltIn,
        }
    }

    /// The names of all templates, built-in and the project's, sorted.
    pub fn names(&self) -> Result<Vec<String>, Problems> {
        let mut names: Vec<String> = BUILTIN
            .iter()
            .filter_map(|(n, _)| n.strip_suffix(TEMPLATE_SUFFIX))
            .map(str::to_owned)
            .collect();
        if let Some(dir) = &self.dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                Problems(vec![Problem::error(format!(
                    "cannot read the templates folder `{}` ({e})",
                    self.shown.display()
                ))])
            })?;
            names.extend(entries.filter_map(Result::ok).filter_map(|e| {
                e.file_name()
                    .to_str()?
                    .strip_suffix(TEMPLATE_SUFFIX)
                    .filter(|n| is_template_name(n))
                    .map(str::to_owned)
            }));
        }
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Writes the built-in files of template `name`, and the shared files it uses, into the
    /// project's templates folder `into` (created if needed), to customise them. Files
    /// already there are the project's own and kept, so a second template can be copied
    /// beside a first one whose shared files were edited; nothing to write is an error.
    pub fn copy(name: &str, into: &Path) -> Result<Copied, UsageError> {
        // `words`: the built-in catalogs of words, to reword or translate.
        if name == crate::words::WORDS_DIR {
            let files = crate::words::BUILTIN_CATALOGS
                .iter()
                .map(|(f, text)| (format!("{}/{f}", crate::words::WORDS_DIR), *text))
                .collect();
            return Self::copy_files(name, files, into);
        }
        let own = [
            format!("{name}{TEMPLATE_SUFFIX}"),
            format!("{name}{MANIFEST_SUFFIX}"),
            format!("{name}.email.txt.j2"),
            format!("{name}.email.html.j2"),
        ];
        if builtin(&own[0]).is_none() {
            let known: Vec<&str> = BUILTIN
                .iter()
                .filter_map(|(n, _)| n.strip_suffix(TEMPLATE_SUFFIX))
                .collect();
            let mut err = UsageError::new(format!("there is no built-in template `{name}`"));
            if let Some(s) = did_you_mean(name, known.iter().copied()) {
                err = err.help(format!("did you mean `{s}`?"));
            }
            return Err(err.help(format!("built-in templates: {}", known.join(", "))));
        }
        let files: Vec<(String, &'static str)> = own
            .into_iter()
            .chain(SHARED_FILES.iter().map(|s| (*s).to_owned()))
            .filter_map(|f| builtin(&f).map(|text| (f, text)))
            .collect();
        Self::copy_files(name, files, into)
    }

    /// Writes `files` (name in the templates folder, text) into `into`, keeping those the
    /// project has already.
    fn copy_files(
        name: &str,
        files: Vec<(String, &'static str)>,
        into: &Path,
    ) -> Result<Copied, UsageError> {
        // A file already there is the project's own (perhaps edited): kept, never replaced.
        // A link counts as there (even one that leads nowhere): writing would follow it.
        let (kept, missing): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(f, _)| std::fs::symlink_metadata(into.join(f)).is_ok());
        if missing.is_empty() {
            return Err(UsageError::new(format!(
                "nothing to copy: every file of `{name}` is in `{}` already",
                into.display()
            ))
            .help(
                "the project's copies are used; move one aside to copy the built-in file again",
            ));
        }
        std::fs::create_dir_all(into)
            .map_err(|e| UsageError::new(format!("cannot create `{}` ({e})", into.display())))?;
        let mut written = Vec::new();
        for (f, text) in &missing {
            let path = into.join(f);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    UsageError::new(format!("cannot create `{}` ({e})", parent.display()))
                })?;
            }
            crate::output::write_atomic(&path, text.as_bytes())
                .map_err(|e| UsageError::new(format!("{e:#}")))?;
            written.push(path);
        }
        Ok(Copied {
            written,
            kept: kept.into_iter().map(|(f, _)| into.join(f)).collect(),
        })
    }
}

/// What `templates --copy` did: the files it wrote, and those already in the project that
/// it kept.
pub struct Copied {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// A file name inside the templates folder: no `..`, no absolute path, no hidden part.
pub fn is_safe_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains('\0')
        && name
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.starts_with('.'))
}

/// Loads the manifest of template `name`; an unknown name is a usage error listing the
/// templates there are.
pub fn manifest(lib: &Library, name: &str) -> anyhow::Result<TemplateManifest> {
    let known = lib.names()?;
    if !is_template_name(name) || !known.iter().any(|k| k == name) {
        let mut err = UsageError::new(format!("unknown template `{name}`"));
        if let Some(s) = did_you_mean(name, known.iter().map(String::as_str)) {
            err = err.help(format!("did you mean `{s}`?"));
        }
        let list = if known.is_empty() {
            "none".to_owned()
        } else {
            known.join(", ")
        };
        return Err(err.help(format!("templates: {list}")).into());
    }
    Ok(read_manifest(lib, name)?)
}

fn read_manifest(lib: &Library, name: &str) -> Result<TemplateManifest, Problems> {
    let file_name = format!("{name}{MANIFEST_SUFFIX}");
    let missing = |why: String| {
        Problems(vec![Problem::error(why).help(format!(
            "every template needs a manifest beside it: `{file_name}` with `description:` and `params:`"
        ))])
    };
    let (text, origin) = lib
        .read(&file_name)
        .map_err(missing)?
        .ok_or_else(|| missing(format!("template `{name}` has no manifest `{file_name}`")))?;
    let shown = match origin {
        Origin::Project(path) => path.display().to_string(),
        Origin::BuiltIn => format!("{file_name} (built-in)"),
    };
    let file = SourceText::new(shown, text);
    let node = yaml::parse(&file).map_err(|p| Problems(vec![*p]))?;
    let mut problems = Vec::new();
    let mut r = Reader {
        file: &file,
        problems: &mut problems,
    };
    let manifest = (|| {
        let mut rec = r.record(&node, "", "a template manifest")?;
        let description = rec.text(&mut r, "description");
        let marking = rec.opt_text(&mut r, "marking");
        let subject = rec.opt_text(&mut r, "subject");
        let params = rec
            .optional("params")
            .map(|n| {
                r.list(n, "params", |r, n, path| {
                    let mut p = r.record(n, path, "a parameter")?;
                    let name = p.text(r, "name");
                    let kind = p
                        .required(r, "kind")
                        .and_then(|k| {
                            let names = ParamKind::ALL.map(ParamKind::as_str);
                            r.choice(k, &p.field_path("kind"), &names)
                        })
                        .and_then(|k| ParamKind::from_name(&k.value));
                    let required = p
                        .optional("required")
                        .map(|n| n.value == yaml::Value::Bool(true));
                    let description = p.opt_text(r, "description");
                    p.finish(r);
                    Some(ParamSpec {
                        name: name?.value,
                        kind: kind?,
                        required: required.unwrap_or(true),
                        description: description.map(|d| d.value).unwrap_or_default(),
                    })
                })
            })
            .unwrap_or_default();
        rec.finish(&mut r);
        Some(TemplateManifest {
            name: name.to_owned(),
            description: description?.value,
            marking: marking.map(|m| m.value),
            subject: subject.map(|s| s.value),
            params,
        })
    })();
    match manifest {
        Some(m) if problems.is_empty() => Ok(m),
        _ => Err(Problems(problems)),
    }
}

/// All manifests in `dir`.
pub fn all(lib: &Library) -> Result<Vec<TemplateManifest>, Problems> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in lib.names()? {
        match read_manifest(lib, &name) {
            Ok(m) => out.push(m),
            Err(Problems(p)) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_stay_inside_the_templates_folder() {
        for good in ["brief.typ", "letterhead/seal.svg", "a-b_c.typ.j2"] {
            assert!(is_safe_file_name(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../brief.typ",
            "a/../../b",
            "./brief.typ",
            "a//b",
            ".hidden.typ",
            "a/.git/config",
            "a\\..\\b",
            "nul\0byte",
        ] {
            assert!(!is_safe_file_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn template_names_cannot_be_paths() {
        assert!(is_template_name("process-history"));
        for bad in ["../x", "/etc/passwd", "a/b", "", ".hidden", "x.typ"] {
            assert!(!is_template_name(bad), "{bad}");
        }
    }
}
