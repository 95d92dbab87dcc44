//! Templates and their parameters: the templates folder → [`TemplateManifest`]s, and
//! `--param KEY=VALUE` pairs → parameters checked against the fact base.
//!
//! Each template `NAME.typ.j2` has a manifest `NAME.manifest.yaml` beside it:
//!
//! ```yaml
//! description: A history of one diplomatic process …
//! marking: UNCLASSIFIED      # optional: the default for `--marking`
//! params:
//!   - name: process
//!     kind: process          # process | country | event
//!     required: true
//!     description: the process to tell the history of
//! ```
//!
//! A required parameter that is not given takes the only valid value when there is exactly
//! one (a fact base with one process needs no `--param process=…`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Problem, Problems, SourceText, UsageError, did_you_mean};
use crate::facts::FactBase;
use crate::render::TEMPLATE_SUFFIX;
use crate::yaml::{self, Reader};

pub const MANIFEST_SUFFIX: &str = ".manifest.yaml";

/// What kind of record a template parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    Process,
    Country,
    Event,
}

impl ParamKind {
    pub const ALL: [ParamKind; 3] = [ParamKind::Process, ParamKind::Country, ParamKind::Event];

    /// The name used in manifests and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamKind::Process => "process",
            ParamKind::Country => "country",
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

/// The names of the templates in `dir`, sorted.
pub fn names(dir: &Path) -> Result<Vec<String>, Problems> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problems(vec![
            Problem::error(format!(
                "cannot read the templates folder `{}` ({e})",
                dir.display()
            ))
            .help("run from the project root, or pass the folder with `--templates DIR`"),
        ])
    })?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(TEMPLATE_SUFFIX)
                .filter(|n| is_template_name(n))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    Ok(names)
}

/// Loads the manifest of template `name`; an unknown name is a usage error listing the
/// templates there are.
pub fn manifest(dir: &Path, name: &str) -> anyhow::Result<TemplateManifest> {
    let known = names(dir)?;
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
        return Err(err
            .help(format!("templates in `{}`: {list}", dir.display()))
            .into());
    }
    Ok(read_manifest(dir, name)?)
}

fn read_manifest(dir: &Path, name: &str) -> Result<TemplateManifest, Problems> {
    let path = dir.join(format!("{name}{MANIFEST_SUFFIX}"));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Problems(vec![
            Problem::error(format!("cannot read the manifest `{}` ({e})", path.display()))
                .help(format!(
                    "every template needs a manifest beside it: `{name}{MANIFEST_SUFFIX}` with `description:` and `params:`"
                )),
        ])
    })?;
    let file = SourceText::new(path.display().to_string(), text);
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
            params,
        })
    })();
    match manifest {
        Some(m) if problems.is_empty() => Ok(m),
        _ => Err(Problems(problems)),
    }
}

/// All manifests in `dir`.
pub fn all(dir: &Path) -> Result<Vec<TemplateManifest>, Problems> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for name in names(dir)? {
        match read_manifest(dir, &name) {
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

/// The valid values of a parameter kind in `base`, with a label each.
pub fn choices(base: &FactBase, kind: ParamKind) -> Vec<(String, String)> {
    match kind {
        ParamKind::Process => base
            .processes
            .iter()
            .map(|p| (p.id.value.clone(), p.name.clone()))
            .collect(),
        ParamKind::Event => base
            .events
            .iter()
            .map(|e| (e.id.value.clone(), e.title.clone()))
            .collect(),
        ParamKind::Country => base
            .countries
            .iter()
            .filter(|c| base.took_part(&c.id.value))
            .map(|c| (c.id.value.clone(), c.name.clone()))
            .collect(),
    }
}

/// Checks `--param` pairs against the manifest and the fact base. Returns name → value.
pub fn resolve_params(
    manifest: &TemplateManifest,
    given: &[(String, String)],
    base: &FactBase,
) -> Result<BTreeMap<String, (ParamKind, String)>, UsageError> {
    let mut out = BTreeMap::new();
    for (key, value) in given {
        let Some(spec) = manifest.params.iter().find(|p| &p.name == key) else {
            let mut err = UsageError::new(format!(
                "template `{}` has no parameter `{key}`",
                manifest.name
            ));
            if let Some(s) = did_you_mean(key, manifest.params.iter().map(|p| p.name.as_str())) {
                err = err.help(format!("did you mean `{s}`?"));
            }
            let list: Vec<&str> = manifest.params.iter().map(|p| p.name.as_str()).collect();
            let list = if list.is_empty() {
                "none".to_owned()
            } else {
                list.join(", ")
            };
            return Err(err.help(format!("its parameters: {list}")));
        };
        let choices = choices(base, spec.kind);
        if !choices.iter().any(|(id, _)| id == value) {
            let mut err = UsageError::new(format!(
                "`{value}` is not a valid {} for `--param {key}`",
                spec.kind
            ));
            if let Some(s) = did_you_mean(value, choices.iter().map(|(id, _)| id.as_str())) {
                err = err.help(format!("did you mean `{s}`?"));
            }
            return Err(err.help(choice_list(&choices)));
        }
        if out
            .insert(key.clone(), (spec.kind, value.clone()))
            .is_some()
        {
            return Err(UsageError::new(format!(
                "`--param {key}` is given more than once"
            )));
        }
    }
    for spec in &manifest.params {
        if out.contains_key(&spec.name) || !spec.required {
            continue;
        }
        let choices = choices(base, spec.kind);
        match choices.as_slice() {
            [(only, _)] => {
                out.insert(spec.name.clone(), (spec.kind, only.clone()));
            }
            _ => {
                return Err(UsageError::new(format!(
                    "template `{}` needs `--param {}=…` ({})",
                    manifest.name, spec.name, spec.description
                ))
                .help(choice_list(&choices)));
            }
        }
    }
    Ok(out)
}

fn choice_list(choices: &[(String, String)]) -> String {
    if choices.is_empty() {
        return "the fact base has no valid values for it".to_owned();
    }
    let shown: Vec<String> = choices
        .iter()
        .take(40)
        .map(|(id, label)| format!("{id} ({label})"))
        .collect();
    let more = choices.len().saturating_sub(40);
    let mut text = format!("valid values: {}", shown.join(", "));
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Splits `KEY=VALUE`.
pub fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        }
        _ => Err(format!("expected KEY=VALUE, found `{text}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_cannot_be_paths() {
        assert!(is_template_name("process-history"));
        for bad in ["../x", "/etc/passwd", "a/b", "", ".hidden", "x.typ"] {
            assert!(!is_template_name(bad), "{bad}");
        }
    }

    #[test]
    fn params_split_on_the_first_equals_sign() {
        assert_eq!(
            parse_param("country=TKM").unwrap(),
            ("country".into(), "TKM".into())
        );
        assert_eq!(parse_param("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_param("country").is_err());
        assert!(parse_param("=x").is_err());
    }
}
