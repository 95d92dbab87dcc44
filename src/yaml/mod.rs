//! YAML with positions, and a checked reader for records.
//!
//! In: the text of one YAML file. Out: a [`Node`] tree in which every value knows its byte
//! range, and [`Record`], a reader that takes fields from a mapping by name, converts them,
//! and records a [`Problem`] for every missing, mistyped or unknown field instead of stopping
//! at the first. Parsing uses `serde-saphyr` with budgets (alias bombs and depth are refused
//! before they cost much); repeated keys are let through and reported by the reader, so that
//! one file shows all its problems.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diag::{Location, Problem, SourceText};

/// A YAML value with the byte range it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Range<usize>,
}

/// The shapes a YAML value can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// What the value is, for messages ("a list", "a number").
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar as text, as a curator would read it.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// The curator's own fields of a record (`extra:`), as JSON values.
pub type Extra = serde_json::Map<String, serde_json::Value>;

impl Node {
    /// The value as JSON (mapping keys as text).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.value.scalar_text().unwrap_or_default(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

impl Node {
    /// The keys of every mapping in this value (nested ones too) given a second time, for
    /// reporting: the parser lets them through so that one file shows all its problems.
    pub fn repeated_keys(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        match &self.value {
            Value::Seq(items) => items.iter().for_each(|i| out.extend(i.repeated_keys())),
            Value::Map(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    let name = key.value.scalar_text();
                    if name.is_some()
                        && entries[..i]
                            .iter()
                            .any(|(k, _)| k.value.scalar_text() == name)
                    {
                        out.push(key);
                    }
                    out.extend(value.repeated_keys());
                }
            }
            _ => {}
        }
        out
    }
}

/// Parses one YAML document (repeated keys pass through, for the reader to report). A syntax
/// error or an exceeded budget is returned as a problem located in `file`.
pub fn parse(file: &Arc<SourceText>) -> Result<Node, Box<Problem>> {
    let mut options = serde_saphyr::options::Options::default();
    options.with_snippet = false;
    // Sized for real fact bases (a 100 MB file of well-formed YAML loads); the limits on
    // aliases, anchors and their expansion, which stop alias bombs, stay as they are.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    budget.max_total_scalar_bytes = 256 << 20;
    budget.max_reader_input_bytes = Some(256 << 20);
    options.budget = Some(budget);
    // Repeated keys reach the reader, which reports each and reads on (a refusal here
    // would hide every other problem of the file).
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    match serde_saphyr::from_str_with_options::<Option<Node>>(&file.text, options) {
        Ok(Some(node)) => Ok(node),
        Ok(None) => Ok(Node {
            value: Value::Null,
            span: 0..0,
        }),
        Err(err) => {
            let offset = err
                .location()
                .map(|loc| byte_offset(&file.text, &loc))
                .unwrap_or(0);
            let message = err.without_snippet().to_string();
            let message = strip_location_suffix(&message);
            let (message, help, offset) = in_our_words(message, &file.text, offset);
            let problem = Problem::error(message)
                .at(Location {
                    file: file.clone(),
                    range: offset..offset,
                })
                .help(help);
            Err(Box::new(problem))
        }
    }
}

/// The YAML library's message, said in our words where we know it, with what to do and
/// where exactly (a tab is reported where the scanner started the token, not where the tab is).
fn in_our_words(message: &str, text: &str, offset: usize) -> (String, String, usize) {
    if message.contains("found a tab") {
        let at = text[offset.min(text.len())..]
            .find('\t')
            .map_or(offset, |i| offset + i);
        return (
            "a tab character is used for indentation".into(),
            "YAML indents with spaces: replace the tab with spaces".into(),
            at,
        );
    }
    if let Some(what) = message.strip_prefix("budget breached: ") {
        return (
            format!("the file is larger than brief reads in one file ({})", budget_words(what)),
            "split it into a folder of smaller files (e.g. `events/`, one file per event); repeated aliases (`*name`) count as copies".into(),
            offset,
        );
    }
    if message.contains("from_str_multiple") || message.contains("multiple documents") {
        return (
            "this file holds several YAML documents (separated by `---`): brief reads one per file"
                .into(),
            "remove the `---` lines inside the file, or put each document in a file of its own"
                .into(),
            offset,
        );
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return (
            format!("`{key}` is given twice in the same record"),
            "keep one of them: a second value would silently replace the first".into(),
            offset,
        );
    }
    if let Some(explained) = explain_syntax(message, text, offset) {
        return explained;
    }
    (
        format!("this file is not valid YAML: {message}"),
        "fix the YAML syntax at this point (indentation, quotes, a missing `:`)".into(),
        offset,
    )
}

/// The line of `text` holding `offset`: its start, its text and its number (from 1).
fn line_at(text: &str, offset: usize) -> (usize, &str, usize) {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let number = text[..start].matches('\n').count() + 1;
    (start, text[start..end].trim_end_matches('\r'), number)
}

/// How far a line is indented (spaces).
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The common syntax mistakes, said in words with where they are: a bracket or brace never
/// closed (where it opened), a field name without a space after its colon, a value with
/// `: ` in it unquoted, a line indented more or less than the fields beside it, a stray `-`
/// among a record's fields.
fn explain_syntax(message: &str, text: &str, offset: usize) -> Option<(String, String, usize)> {
    // A `[` or `{` still open where the error is: said where it was opened.
    if let Some((bracket, at)) = unclosed_bracket(text, offset) {
        let (_, _, line) = line_at(text, at);
        let help = if bracket == '[' {
            "close it with `]` at the end of the list on that line, e.g. `sources: [a, b]`"
        } else {
            "close it with `}` after the fields on that line, e.g. `location: { city: a, country: B }`"
        };
        return Some((
            format!("the `{bracket}` opened on line {line} is never closed"),
            help.to_owned(),
            at,
        ));
    }
    let (start, line, _) = line_at(text, offset);
    let body = line.trim_start();
    // `name:value`: a key glued to its value.
    if let Some(colon) = body.find(':') {
        let key = &body[..colon];
        let after = &body[colon + 1..];
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if is_key && !after.is_empty() && !after.starts_with([' ', '\t']) {
            return Some((
                format!("`{key}:` needs a space after the colon"),
                format!("write `{key}: {after}`"),
                start + indent(line) + colon,
            ));
        }
    }
    if message.contains("mapping values are not allowed") {
        // `name: Kazakhstan: the Republic`: a second `: ` inside an unquoted value.
        if let Some(first) = body.find(": ")
            && body[first + 2..].contains(": ")
            && !body[first + 2..].trim_start().starts_with(['"', '\''])
        {
            let key = &body[..first];
            let value = body[first + 2..].trim();
            return Some((
                format!("the value of `{key}` contains `: `, which YAML reads as a new field"),
                format!("put the value in quotes: `{key}: \"{value}\"`"),
                start + indent(line) + first + 2,
            ));
        }
    }
    let wrong_indent = message.contains("mapping values are not allowed")
        || message.contains("did not find expected key")
        || message.contains("did not find expected '-' indicator");
    if wrong_indent {
        // The field line before this one, for its indentation.
        let before = text[..start].trim_end_matches(['\n', '\r']);
        let previous = before
            .rsplit('\n')
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if let Some(previous) = previous {
            let (mine, theirs) = (indent(line), indent(previous));
            // Fields of a list item start after its `- `.
            let theirs = if previous.trim_start().starts_with("- ") {
                theirs + 2
            } else {
                theirs
            };
            if body.starts_with("- ") && mine == theirs {
                return Some((
                    "a `-` starts a new list item here, among the fields of a record".into(),
                    "remove the `-` (a field is `name: value` under the others), or indent the list under the field it belongs to".into(),
                    start + mine,
                ));
            }
            if mine != theirs {
                let how = if mine > theirs { "more" } else { "less" };
                return Some((
                    format!(
                        "this line is indented {how} than the field above it ({mine} {}, not {theirs})",
                        if mine == 1 { "space" } else { "spaces" }
                    ),
                    "fields of one record line up under each other: indent them alike, with spaces"
                        .into(),
                    start + mine,
                ));
            }
        }
    }
    None
}

/// The innermost `[` or `{` still open at `offset` (outside quotes and comments), with its
/// byte offset, when it was opened on an earlier line.
fn unclosed_bracket(text: &str, offset: usize) -> Option<(char, usize)> {
    let end = offset.min(text.len());
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut previous = '\n';
    for (i, c) in text[..end].char_indices() {
        if comment {
            if c == '\n' {
                comment = false;
            }
            previous = c;
            continue;
        }
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' if matches!(previous, ' ' | '[' | '{' | ',' | ':' | '\n') => {
                    quote = Some(c)
                }
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => open.push((c, i)),
                ']' | '}' => {
                    open.pop();
                }
                _ => {}
            },
        }
        previous = c;
    }
    let (c, at) = *open.last()?;
    let opened_line = text[..at].matches('\n').count();
    let error_line = text[..end].matches('\n').count();
    (opened_line < error_line).then_some((c, at))
}

/// `Nodes { nodes: 250001 }` → `20000001 values, limit 20000000`.
fn budget_words(what: &str) -> String {
    let number: String = what.chars().filter(char::is_ascii_digit).collect();
    let kind = what
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match kind.as_str() {
        "nodes" => format!("{number} values, limit 20000000"),
        "events" => format!("{number} parser events, limit 40000000"),
        "depth" => "nested deeper than 64 levels".into(),
        "aliases" | "anchors" => format!("{number} {kind}, limit 50000"),
        "recordedanchorevents" | "recordedanchorbytes" => {
            "aliases that expand into too many copies".into()
        }
        _ if number.is_empty() => kind,
        _ => format!("{kind}: {number}"),
    }
}

/// saphyr appends " at line X column Y" to messages; we print the position ourselves.
fn strip_location_suffix(message: &str) -> &str {
    let message = message.trim();
    match message.rfind(" at line ") {
        Some(i) => message[..i].trim_end_matches(','),
        None => message,
    }
}

fn byte_offset(text: &str, loc: &serde_saphyr::Location) -> usize {
    if let Some(offset) = loc.span().byte_offset() {
        return (offset as usize).min(text.len());
    }
    // Fall back to line/column (1-based, columns in characters).
    let line = loc.line().max(1) as usize;
    let col = loc.column().max(1) as usize;
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    text[line_start..]
        .char_indices()
        .nth(col - 1)
        .map_or(text.len(), |(i, _)| line_start + i)
}

fn span_of(loc: &serde_saphyr::Location) -> Range<usize> {
    let span = loc.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => start as usize..(start + len) as usize,
        _ => 0..0,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<ValueSeed>::deserialize(deserializer)?;
        Ok(Node {
            value: spanned.value.0,
            span: span_of(&spanned.referenced),
        })
    }
}

/// Deserialises a [`Value`] whose children are [`Node`]s.
struct ValueSeed(Value);

impl<'de> Deserialize<'de> for ValueSeed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(ValueSeed)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(node) = seq.next_element::<Node>()? {
            items.push(node);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

mod reader;
pub mod trace;

pub use reader::{Reader, Record};

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceText> {
        SourceText::new("test.yaml", text)
    }

    #[test]
    fn nodes_carry_byte_spans() {
        let f = file("- id: a\n  name: Бишкек\n- id: b\n");
        let node = parse(&f).unwrap();
        let Value::Seq(items) = &node.value else {
            panic!("not a list")
        };
        let Value::Map(entries) = &items[0].value else {
            panic!("not a map")
        };
        let (key, value) = &entries[1];
        assert_eq!(&f.text[key.span.clone()], "name");
        assert_eq!(value.value, Value::Str("Бишкек".into()));
        assert_eq!(&f.text[value.span.clone()], "Бишкек");
        assert_eq!(f.line_col(value.span.start), (2, 9));
    }

    #[test]
    fn scalars_keep_their_types() {
        let f = file("[2018, 2024-11-04, 'x', 1.5, true, ~]");
        let Value::Seq(items) = parse(&f).unwrap().value else {
            panic!()
        };
        let values: Vec<_> = items.into_iter().map(|n| n.value).collect();
        assert_eq!(
            values,
            vec![
                Value::Int(2018),
                Value::Str("2024-11-04".into()),
                Value::Str("x".into()),
                Value::Float(1.5),
                Value::Bool(true),
                Value::Null
            ]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let f = file("- id: a\n  name: [unclosed\n- id: b\n");
        let problem = parse(&f).unwrap_err();
        let at = problem.at.clone().expect("located");
        assert!(at.line_col().0 >= 2, "{}", problem.render());
        assert!(
            problem
                .message
                .contains("the `[` opened on line 2 is never closed"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn repeated_keys_reach_the_reader_to_be_reported() {
        let f = file("id: a\nid: b\nx: {k: 1, k: 2, j: [{m: 1, m: 1}]}\n");
        let node = parse(&f).expect("parsed: the reader reports repeated keys");
        let repeated: Vec<String> = node
            .repeated_keys()
            .iter()
            .map(|k| k.value.scalar_text().unwrap())
            .collect();
        assert_eq!(repeated, ["id", "k", "m"]);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let problem = parse(&file(&text)).unwrap_err();
        assert!(
            problem.message.contains("larger than brief reads"),
            "{}",
            problem.message
        );
        assert!(problem.help.iter().any(|h| h.contains("aliases")));
    }

    #[test]
    fn records_report_missing_unknown_and_mistyped_fields_together() {
        let f = file("id: a\ntitel: x\ncount: many\n");
        let node = parse(&f).unwrap();
        let mut problems = Vec::new();
        let mut r = Reader {
            file: &f,
            problems: &mut problems,
        };
        let mut rec = r.record(&node, "events[0]", "an event").unwrap();
        assert!(rec.text(&mut r, "id").is_some());
        assert!(rec.text(&mut r, "title").is_none());
        let count = rec.optional("count").unwrap();
        assert!(r.count(count, "events[0].count").is_none());
        rec.finish(&mut r);
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "an event is missing the required field `title`",
                "expected a whole number, found text",
                "unknown field `titel` in an event",
            ]
        );
        assert_eq!(problems[2].label.as_deref(), Some("did you mean `title`?"));
        assert_eq!(problems[1].at.as_ref().unwrap().line_col(), (3, 8));
    }
}
