//! Request: a template's manifest, the `--param` pairs and the document's settings, checked
//! against the fact base → the [`Request`] a context is built for.
//!
//! Every command that makes or shows a document (`generate`, `watch`, `context`) asks here,
//! so a parameter is checked, completed and named the same way everywhere.

use std::collections::BTreeMap;

use crate::diag::{UsageError, did_you_mean};
use crate::facts::FactBase;
use crate::options::Paper;
use crate::templates::{ParamKind, TemplateManifest};

/// What document is being made: the template, its checked parameters and the settings.
#[derive(Debug, Clone)]
pub struct Request {
    pub template: String,
    /// Parameter name → (kind, value), the value already checked against the fact base.
    pub params: BTreeMap<String, (ParamKind, String)>,
    pub as_of: chrono::NaiveDate,
    pub paper: Paper,
    /// The handling marking printed on every page, if any.
    pub marking: Option<String>,
    /// The issuing office (from `issuer.yaml`), if any.
    pub office: Option<String>,
    /// The issuer's cover-block fields (from `issuer.yaml`), if any.
    pub issuer: Option<crate::facts::Issuer>,
    /// The document language, a code Typst accepts (`en`).
    pub lang: String,
    /// The region of the language (`GB` for `en-GB`), if the tag gives one.
    pub region: Option<String>,
    /// The whole language tag (`ar-KW-u-nu-latn`).
    pub tag: String,
    /// Records of the fact base left out as later than the "as of" date.
    pub left_out: usize,
    /// The issuer's logo as Typst finds it (`/data/logo.png`), if any.
    pub logo: Option<String>,
}

/// The settings of a document that do not come from the fact base.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    pub as_of: chrono::NaiveDate,
    pub paper: Paper,
    /// The marking asked for; the template's default marking otherwise.
    pub marking: Option<&'a str>,
    /// The document's language.
    pub tag: &'a crate::words::Tag,
}

/// The request for `params` of the template `manifest`, checked against the fact base.
pub fn request(
    manifest: &TemplateManifest,
    params: &[(String, String)],
    base: &FactBase,
    settings: &Settings,
) -> Result<Request, UsageError> {
    let resolved = resolve_params(manifest, params, base)?;
    let issuer = base.issuer.as_ref();
    let (lang, region) = (settings.tag.lang.clone(), settings.tag.region.clone());
    Ok(Request {
        template: manifest.name.clone(),
        params: resolved,
        as_of: settings.as_of,
        paper: settings.paper,
        marking: settings
            .marking
            .or(manifest.marking.as_deref())
            .map(str::to_owned),
        office: issuer.map(|i| i.office.clone()),
        issuer: issuer.cloned(),
        lang,
        region,
        tag: settings.tag.text.clone(),
        left_out: 0,
        logo: None,
    })
}

/// The valid values of a parameter kind in `base`, with a label each.
pub fn choices(base: &FactBase, kind: ParamKind) -> Vec<(String, String)> {
    match kind {
        ParamKind::Process => base
            .processes
            .iter()
            .map(|p| (p.id.value.clone(), p.name.clone()))
            .collect(),
        // The short title and the dates: events that share a title (annual meetings) are
        // told apart.
        ParamKind::Event => base
            .events
            .iter()
            .map(|e| {
                let dates = e.start.value.range_text(&e.end_date());
                (e.id.value.clone(), format!("{}, {dates}", e.label()))
            })
            .collect(),
        ParamKind::Country => base
            .countries
            .iter()
            .filter(|c| base.took_part(&c.id.value))
            .map(|c| (c.id.value.clone(), c.name.clone()))
            .collect(),
        ParamKind::Organization => base
            .organizations
            .iter()
            .filter(|o| base.took_part(&o.id.value))
            .map(|o| (o.id.value.clone(), o.name.clone()))
            .collect(),
    }
}

/// Checks `--param` pairs against the manifest and the fact base. Returns name → value.
fn resolve_params(
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
                    "template `{}` needs `--param {}=…`: {}",
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
