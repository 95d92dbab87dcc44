//! The reader of records: fields taken from a mapping by name, converted, and a problem
//! recorded for every missing, mistyped or unknown field instead of stopping at the first.

use std::sync::Arc;

use super::{Extra, Located, Node, Value, trace};
use crate::diag::{Location, Problem, SourceText, did_you_mean};

/// Collects problems for one file while its records are read.
pub struct Reader<'a> {
    pub file: &'a Arc<SourceText>,
    pub problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    pub fn location(&self, node: &Node) -> Location {
        Location {
            file: self.file.clone(),
            range: node.span.clone(),
        }
    }

    /// Records an error at `node` for the field at `path`.
    pub fn error(&mut self, node: &Node, path: &str, message: impl Into<String>) -> &mut Problem {
        let problem = Problem::error(message)
            .at(self.location(node))
            .field(path.to_owned());
        self.problems.push(problem);
        self.problems.last_mut().expect("just pushed")
    }

    /// Reads a scalar as text.
    pub fn text(&mut self, node: &Node, path: &str) -> Option<Located<String>> {
        trace::value(path, trace::Ty::Text);
        match &node.value {
            Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let value = node.value.scalar_text().unwrap_or_default();
                // Bidirectional controls the value opens are closed within it, so that
                // text joined after it (", Türkiye") keeps its own direction.
                let value = match crate::bidi::isolate_bidi(&value) {
                    std::borrow::Cow::Borrowed(_) => value,
                    std::borrow::Cow::Owned(closed) => closed,
                };
                Some(Located {
                    value,
                    at: self.location(node),
                })
            }
            other => {
                let found = other.describe();
                self.error(node, path, format!("expected text, found {found}"))
                    .help
                    .push("write a single value here, quoted if it contains `:` or `#`".into());
                None
            }
        }
    }

    /// Reads a non-negative whole number.
    pub fn count(&mut self, node: &Node, path: &str) -> Option<Located<u64>> {
        trace::value(path, trace::Ty::Count);
        match &node.value {
            Value::Int(i) if *i >= 0 => Some(Located {
                value: *i as u64,
                at: self.location(node),
            }),
            other => {
                let found = match other {
                    Value::Int(_) => "a negative number",
                    Value::Float(f) if f.fract() == 0.0 => "a number too large to count",
                    Value::Float(_) => "a fraction",
                    other => other.describe(),
                };
                self.error(
                    node,
                    path,
                    format!("expected a whole number, found {found}"),
                )
                .help
                .push("write a count such as `91`".into());
                None
            }
        }
    }

    /// Reads one of a fixed set of words.
    pub fn choice(
        &mut self,
        node: &Node,
        path: &str,
        allowed: &[&'static str],
    ) -> Option<Located<String>> {
        trace::value(path, trace::Ty::Choice(allowed.to_vec()));
        let text = self.text(node, path)?;
        if allowed.contains(&text.value.as_str()) {
            return Some(text);
        }
        let suggestion = did_you_mean(&text.value, allowed.iter().copied());
        let problem = self.error(
            node,
            path,
            format!("`{}` is not a known value here", text.value),
        );
        if let Some(s) = suggestion {
            problem.label = Some(format!("did you mean `{s}`?"));
        }
        problem
            .help
            .push(format!("use one of: {}", allowed.join(", ")));
        None
    }

    /// Reads a list, converting each item with `item`; a single value where a list is
    /// expected is an error (it is almost always a forgotten `[ ]`).
    pub fn list<T>(
        &mut self,
        node: &Node,
        path: &str,
        mut item: impl FnMut(&mut Self, &Node, &str) -> Option<T>,
    ) -> Vec<T> {
        trace::value(path, trace::Ty::List);
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                // Items counted as people count them: `[1]` is the first.
                .filter_map(|(i, n)| item(self, n, &format!("{path}[{}]", i + 1)))
                .collect(),
            Value::Null => Vec::new(),
            other => {
                let found = other.describe();
                self.error(node, path, format!("expected a list, found {found}"))
                    .help
                    .push("write a YAML list: `[a, b]` or one `- item` per line".into());
                Vec::new()
            }
        }
    }

    /// Opens a mapping for reading its fields; `what` names the record in messages.
    pub fn record<'n>(
        &mut self,
        node: &'n Node,
        path: &str,
        what: &'static str,
    ) -> Option<Record<'n>> {
        trace::record(path, what);
        match &node.value {
            Value::Map(entries) => {
                // A key given twice is reported here, and the record read on with its first
                // value: the file's other problems still show in the same run.
                let mut used = vec![false; entries.len()];
                for (i, (key, _)) in entries.iter().enumerate() {
                    let Value::Str(name) = &key.value else {
                        continue;
                    };
                    let earlier = entries[..i]
                        .iter()
                        .any(|(k, _)| matches!(&k.value, Value::Str(s) if s == name));
                    if earlier {
                        used[i] = true;
                        let field = if path.is_empty() {
                            name.clone()
                        } else {
                            format!("{path}.{name}")
                        };
                        repeated_key(self, key, &field, name);
                    }
                }
                Some(Record {
                    node,
                    entries,
                    used,
                    known: Vec::new(),
                    path: path.to_owned(),
                    what,
                })
            }
            other => {
                let found = other.describe();
                self.error(
                    node,
                    path,
                    format!("expected {what} (a mapping of fields), found {found}"),
                )
                .help
                .push("write `field: value` lines, indented under the `-` of the list item".into());
                None
            }
        }
    }
}

/// Reads the fields of one mapping by name. Fields never asked for are reported as unknown by
/// [`Record::finish`].
pub struct Record<'n> {
    pub node: &'n Node,
    entries: &'n [(Node, Node)],
    used: Vec<bool>,
    known: Vec<&'static str>,
    pub path: String,
    what: &'static str,
}

impl<'n> Record<'n> {
    /// The path of a field of this record.
    pub fn field_path(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of an optional field; `null` counts as absent.
    pub fn optional(&mut self, key: &'static str) -> Option<&'n Node> {
        self.known.push(key);
        trace::field(&self.path, key, false);
        let entries = self.entries;
        let index = entries
            .iter()
            .position(|(k, _)| matches!(&k.value, Value::Str(s) if s == key))?;
        self.used[index] = true;
        let node = &entries[index].1;
        (node.value != Value::Null).then_some(node)
    }

    /// The value of a required field, or a problem saying it is missing.
    pub fn required(&mut self, r: &mut Reader, key: &'static str) -> Option<&'n Node> {
        let node = self.optional(key);
        trace::field(&self.path, key, true);
        if node.is_none() {
            let what = self.what;
            let at = self.head_location(r);
            r.problems.push(
                Problem::error(format!("{what} is missing the required field `{key}`"))
                    .at(at)
                    .field(self.field_path(key))
                    .help(format!("add `{key}: …` here")),
            );
        }
        node
    }

    /// Where the record starts: its first line, for problems about the record as a whole.
    pub fn head_location(&self, r: &Reader) -> Location {
        let start = self
            .entries
            .first()
            .map_or(self.node.span.start, |(k, _)| k.span.start);
        let text = &r.file.text;
        let end = text[start.min(text.len())..]
            .find('\n')
            .map_or(text.len(), |i| start + i);
        Location {
            file: r.file.clone(),
            range: start..end,
        }
    }

    pub fn text(&mut self, r: &mut Reader, key: &'static str) -> Option<Located<String>> {
        let node = self.required(r, key)?;
        r.text(node, &self.field_path(key))
    }

    pub fn opt_text(&mut self, r: &mut Reader, key: &'static str) -> Option<Located<String>> {
        let node = self.optional(key)?;
        r.text(node, &self.field_path(key))
    }

    /// The curator's own fields, `extra:`: a mapping of any keys to any YAML values, passed
    /// to templates untouched. Anything but a mapping is an error.
    pub fn extra(&mut self, r: &mut Reader) -> Extra {
        let path = self.field_path("extra");
        let Some(node) = self.optional("extra") else {
            return Extra::new();
        };
        trace::value(&path, trace::Ty::Mapping);
        for key in node.repeated_keys() {
            let name = key.value.scalar_text().unwrap_or_default();
            repeated_key(r, key, &path, &name);
        }
        match &node.value {
            Value::Map(entries) => {
                let mut out = Extra::new();
                for (key, value) in entries {
                    match key.value.scalar_text() {
                        Some(k) => {
                            out.insert(k, value.to_json());
                        }
                        None => {
                            r.error(key, &path, "a key in `extra` must be a single word or text")
                                .help
                                .push("write `extra:` as `key: value` lines".into());
                        }
                    }
                }
                out
            }
            other => {
                let found = other.describe();
                r.error(node, &path, format!("expected a mapping of your own fields, found {found}"))
                    .help
                    .push("write `extra:` followed by indented `key: value` lines, e.g. `classification: internal`".into());
                Extra::new()
            }
        }
    }

    /// Reports every field of the mapping that was never asked for.
    pub fn finish(self, r: &mut Reader) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            let name = key.value.scalar_text().unwrap_or_else(|| "?".into());
            let what = self.what;
            let suggestion = did_you_mean(&name, self.known.iter().copied());
            let path = self.field_path(&name);
            let problem = r.error(key, &path, format!("unknown field `{name}` in {what}"));
            if let Some(s) = suggestion {
                problem.label = Some(format!("did you mean `{s}`?"));
            }
            problem
                .help
                .push(format!("known fields: {}", self.known.join(", ")));
            // `Extra:` is the field `extra` mistyped, not a field of one's own to put under it.
            let misspelt_known = self.known.iter().any(|k| k.eq_ignore_ascii_case(&name));
            if self.known.contains(&"extra") && !misspelt_known {
                problem.help.push(format!(
                    "a field of your own goes under `extra:` (e.g. `extra: {{ {name}: … }}`)"
                ));
            }
        }
    }
}

/// Reports `name` given a second time in one mapping.
fn repeated_key(r: &mut Reader, key: &Node, path: &str, name: &str) {
    r.error(
        key,
        path,
        format!("`{name}` is given twice in the same record"),
    )
    .help
    .push("keep one of them: a second value would silently replace the first".into());
}
