//! The filters, test and value formatter templates use: `typst` (a code literal), `call`,
//! `inline`, `humanize`; the test `contains`; and printing `{{ value }}` escaped for Typst
//! markup. The filters that write in the document's language are in `words.rs`.

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, Value};

use super::escape::{escape_markup, string_literal};
use crate::facts::humanize;

/// Adds the filters and the test to `env`.
pub(super) fn add(env: &mut Environment<'static>) {
    env.add_filter("typst", |v: Value| -> Result<Value, Error> {
        Ok(Value::from_safe_string(code_literal(&v)?))
    });
    // `x|call("and-list")` → `#and-list(x);`: a Typst function of the value, as markup to
    // pass into a message (`t("…", places=places|call("and-list"))`).
    env.add_filter(
        "call",
        |v: Value, function: String| -> Result<Value, Error> {
            let name_ok = !function.is_empty()
                && function
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !name_ok {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{function}` is not the name of a Typst function"),
                ));
            }
            Ok(Value::from_safe_string(format!(
                "#{function}({});",
                code_literal(&v)?
            )))
        },
    );
    env.add_filter("inline", |v: Value| -> Value {
        if v.is_safe() {
            return v;
        }
        Value::from_safe_string(escape_markup(&v.to_string(), true))
    });
    env.add_filter("humanize", |v: String| humanize(&v));
    env.add_test(
        "contains",
        |seq: Value, item: Value| -> Result<bool, Error> { Ok(seq.try_iter()?.any(|v| v == item)) },
    );
}

/// Prints a value into a template: escaped for Typst markup in `*.j2` templates.
pub(super) fn format_value(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "cannot print an undefined value",
        ));
    }
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == "typst" => {
            if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default())?;
            } else if value.is_none() {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    "cannot print `none`: the fact is absent; guard it with `{% if … %}`",
                ));
            } else {
                out.write_str(&escape_markup(&value.to_string(), false))?;
            }
            Ok(())
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Any template value as a Typst code literal.
fn code_literal(value: &Value) -> Result<String, Error> {
    Ok(match value.kind() {
        ValueKind::Undefined => {
            return Err(Error::new(
                ErrorKind::UndefinedError,
                "undefined value passed to `typst`",
            ));
        }
        ValueKind::None => "none".to_owned(),
        ValueKind::Bool => value.is_true().to_string(),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                i.to_string()
            } else {
                let f = f64::try_from(value.clone())?;
                if f.is_finite() {
                    format!("{f:?}")
                } else {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        "not a finite number",
                    ));
                }
            }
        }
        ValueKind::String => string_literal(value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            let items = value
                .try_iter()?
                .map(|v| code_literal(&v))
                .collect::<Result<Vec<_>, _>>()?;
            match items.len() {
                0 => "()".to_owned(),
                _ => format!("({},)", items.join(", ")),
            }
        }
        ValueKind::Map => {
            let mut entries = Vec::new();
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                entries.push(format!(
                    "{}: {}",
                    string_literal(&key.to_string()),
                    code_literal(&item)?
                ));
            }
            if entries.is_empty() {
                "(:)".to_owned()
            } else {
                format!("({})", entries.join(", "))
            }
        }
        _ => string_literal(&value.to_string()),
    })
}
