//! Words in templates: the function `t("message-id", name=value, …)` (a message of the
//! document's catalog, see `crate::words`), `t_plain(…)` (the same as a plain string, for
//! `|typst` literals such as a document's description) and the filters that write dates, numbers and
//! lists in the document's language: `date`, `daterange(end)`, `year`, `number`, `andlist`.
//!
//! The language is the context's `brief.tag` (English without one). A message's text is
//! escaped as the template's output is (Typst markup, HTML, plain text); an argument marked
//! `|safe` (Typst markup a template built, e.g. `#and-list(…)`) is put in as it is. Numbers
//! select plural forms: `t("met-times", count=span.count)`.

use std::sync::Arc;

use minijinja::value::{Kwargs, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, HtmlEscape, State, Value};

use super::escape::escape_markup;
use crate::facts::FuzzyDate;
use crate::words::{Arg, Catalogs, Words};

/// The words of the document being rendered.
fn words_of(state: &State, catalogs: &Catalogs) -> Result<Arc<Words>, Error> {
    let tag = state
        .lookup("brief")
        .and_then(|b| b.get_attr("tag").ok())
        .filter(|v| v.kind() == ValueKind::String)
        .map(|v| v.to_string())
        .unwrap_or_else(|| "en".to_owned());
    catalogs.words(&tag).map_err(|problems| {
        let message = problems
            .0
            .first()
            .map(|p| p.message.clone())
            .unwrap_or_default();
        Error::new(ErrorKind::InvalidOperation, message)
    })
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidOperation, message.into())
}

/// Text escaped as the template's output is.
fn escaped(state: &State, text: &str) -> String {
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == "typst" => escape_markup(text, false),
        AutoEscape::Html => HtmlEscape(text).to_string(),
        _ => text.to_owned(),
    }
}

fn parse_date(text: &str) -> Result<FuzzyDate, Error> {
    FuzzyDate::parse(text).ok_or_else(|| invalid(format!("`{text}` is not an ISO 8601 date")))
}

/// The message `id` with the arguments `kwargs`; with `markup`, arguments marked safe stand
/// as markers in the text, to be put in after escaping (marker → markup).
fn message(
    state: &State,
    catalogs: &Catalogs,
    id: &str,
    kwargs: &Kwargs,
    markup: bool,
) -> Result<(String, Vec<(String, String)>), Error> {
    let words = words_of(state, catalogs)?;
    let mut args: Vec<(String, Arg)> = Vec::new();
    let mut raw: Vec<(String, String)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match value.kind() {
            ValueKind::Number => Arg::Number(
                f64::try_from(value.clone())
                    .map_err(|_| invalid(format!("`{name}` of `t(\"{id}\")` is not a number")))?,
            ),
            ValueKind::String if markup && value.is_safe() => {
                let marker = format!("\u{E000}{}\u{E001}", raw.len());
                raw.push((marker.clone(), value.to_string()));
                Arg::Text(marker)
            }
            // `true`/`false` (MiniJinja writes `True`), for a select: `[true] …`.
            ValueKind::Bool => Arg::Text(value.is_true().to_string()),
            ValueKind::String => Arg::Text(value.to_string()),
            ValueKind::None | ValueKind::Undefined => Arg::Text(String::new()),
            _ => {
                return Err(invalid(format!(
                    "`{name}` of `t(\"{id}\")` is a {}: give a text or a number (join lists first, e.g. with `|andlist`)",
                    value.kind()
                )));
            }
        };
        args.push((name.replace('_', "-"), arg));
    }
    kwargs.assert_all_used()?;
    let given: Vec<(&str, Arg)> = args.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
    let text = words.message(id, &given).ok_or_else(|| {
        invalid(format!(
            "no message `{id}` in the catalog of `{}` or the English one",
            words.tag.text
        ))
    })?;
    Ok((text, raw))
}

/// Adds `t`, `t_plain` and the language's filters to `env`.
pub(super) fn add(env: &mut Environment<'static>, catalogs: Arc<Catalogs>) {
    let c = catalogs.clone();
    env.add_function(
        "t",
        move |state: &State, id: String, kwargs: Kwargs| -> Result<Value, Error> {
            let (text, raw) = message(state, &c, &id, &kwargs, true)?;
            let mut out = escaped(state, &text);
            for (marker, markup) in &raw {
                out = out.replace(marker, markup);
            }
            Ok(Value::from_safe_string(out))
        },
    );
    let c = catalogs.clone();
    env.add_function(
        "t_plain",
        move |state: &State, id: String, kwargs: Kwargs| -> Result<Value, Error> {
            let (text, _) = message(state, &c, &id, &kwargs, false)?;
            Ok(Value::from(text))
        },
    );
    let c = catalogs.clone();
    env.add_filter(
        "date",
        move |state: &State, v: String| -> Result<String, Error> {
            Ok(words_of(state, &c)?.date(&parse_date(&v)?))
        },
    );
    let c = catalogs.clone();
    env.add_filter(
        "daterange",
        move |state: &State, start: String, end: Option<String>| -> Result<String, Error> {
            let start = parse_date(&start)?;
            let end = match end {
                Some(e) => parse_date(&e)?,
                None => start,
            };
            Ok(words_of(state, &c)?.range(&start, &end))
        },
    );
    let c = catalogs.clone();
    env.add_filter(
        "year",
        move |state: &State, v: String| -> Result<String, Error> {
            Ok(words_of(state, &c)?.number_plain(parse_date(&v)?.year))
        },
    );
    let c = catalogs.clone();
    env.add_filter(
        "number",
        move |state: &State, v: Value| -> Result<String, Error> {
            let words = words_of(state, &c)?;
            Ok(words.figure(&v.to_string()))
        },
    );
    let c = catalogs;
    env.add_filter(
        "andlist",
        move |state: &State, v: Value| -> Result<String, Error> {
            let items: Vec<String> = v.try_iter()?.map(|i| i.to_string()).collect();
            Ok(words_of(state, &c)?.and_list(&items))
        },
    );
}
