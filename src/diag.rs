//! Diagnostics: problems found in user files, rendered for people.
//!
//! In: [`Problem`]s raised by any stage (a fact-base YAML file, a template, generated Typst),
//! each pointing at a byte range of a [`SourceText`]. Out: one plain-text block per problem
//! (`file:line:column`, what is wrong, the offending line, what to do), and the error types
//! that decide the process exit code (`2` for usage errors, `1` for everything else).

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::term::{is_control, visible};

/// A file whose text problems can point into.
#[derive(Debug)]
pub struct SourceText {
    /// The path as shown to the user (relative to the working directory where possible).
    pub name: String,
    pub text: String,
    /// Where each line starts, found once (on the first problem) for every later one.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceText {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A source text for display: control characters replaced by `?` (as many as their bytes,
/// so that byte ranges still point at the same places), line breaks and tabs kept.
fn displayable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_control(c) && c != '\n' && c != '\t' && c != '\r')
    {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if is_control(c) && c != '\n' && c != '\t' && c != '\r' {
                    "?".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// `error`/`warning`, in bold red/yellow when colour is on.
pub fn severity_word(severity: Severity) -> String {
    let (word, code) = match severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    if crate::term::color() {
        format!("\x1b[{code}m{word}\x1b[0m")
    } else {
        word.to_owned()
    }
}

/// Where in a file a problem is.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: Arc<SourceText>,
    /// Byte range in `file.text`.
    pub range: Range<usize>,
}

impl Location {
    pub fn line_col(&self) -> (usize, usize) {
        self.file.line_col(self.range.start)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}", self.file.name)
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a user's file: what is wrong, where, and what to do about it.
#[derive(Debug, Clone)]
pub struct Problem {
    pub severity: Severity,
    pub message: String,
    /// Where the problem is, when it is in a file.
    pub at: Option<Location>,
    /// The field concerned, as a path such as `events[ID].participants[1].party`: records by id, list items counted from 1.
    pub field: Option<String>,
    /// A short note under the offending line (e.g. "did you mean `title`?").
    pub label: Option<String>,
    /// What to do.
    pub help: Vec<String>,
}

impl Problem {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            at: None,
            field: None,
            label: None,
            help: Vec::new(),
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn at(mut self, at: Location) -> Self {
        self.at = Some(at);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Renders the problem as a plain-text block, ending in a newline.
    /// The problem as JSON for editors and CI: `severity`, `file`, `line`, `column`,
    /// `field`, `message`, `help` (absent values are `null`).
    pub fn to_json(&self) -> serde_json::Value {
        let (file, line, column) = match &self.at {
            Some(at) => {
                let (line, column) = at.line_col();
                (Some(at.file.name.clone()), Some(line), Some(column))
            }
            None => (None, None, None),
        };
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "file": file,
            "line": line,
            "column": column,
            "field": self.field,
            "message": self.message,
            "help": self.help,
        })
    }

    pub fn render(&self) -> String {
        let severity = match self.severity {
            Severity::Error => codespan_reporting::diagnostic::Severity::Error,
            Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        };
        let mut notes = Vec::new();
        if let Some(field) = &self.field {
            notes.push(format!("field: {}", visible(field)));
        }
        notes.extend(self.help.iter().map(|h| format!("help: {}", visible(h))));
        let message = visible(&self.message);
        let label_text = self.label.as_deref().map(visible);
        // A line too long to show (a 10 MB value) is named, not printed.
        let too_long = self.at.as_ref().is_some_and(|at| {
            let text = &at.file.text;
            let start = floor_char_boundary(text, at.range.start.min(text.len()));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            line_end - line_start > 1000
        });
        if too_long {
            return self.render_plain();
        }
        match &self.at {
            Some(at) => {
                let name = visible(&at.file.name);
                let shown = displayable(&at.file.text);
                let file = SimpleFile::new(name.as_str(), shown.as_ref());
                let range = clamp_range(&at.file.text, at.range.clone());
                let mut label = Label::primary((), range);
                if let Some(text) = &label_text {
                    label = label.with_message(text);
                }
                let diagnostic = Diagnostic::new(severity)
                    .with_message(&message)
                    .with_labels(vec![label])
                    .with_notes(notes);
                if crate::term::color() {
                    let mut painted = termcolor::Ansi::new(Vec::new());
                    if term::emit_to_write_style(
                        &mut painted,
                        &Config::default(),
                        &file,
                        &diagnostic,
                    )
                    .is_ok()
                    {
                        return String::from_utf8_lossy(&painted.into_inner()).into_owned();
                    }
                }
                let mut out = String::new();
                match term::emit_to_string(&mut out, &Config::default(), &file, &diagnostic) {
                    Ok(()) => out,
                    Err(_) => self.render_plain(),
                }
            }
            None => self.render_plain(),
        }
    }

    fn render_plain(&self) -> String {
        let word = severity_word(self.severity);
        let mut out = String::new();
        let message = visible(&self.message);
        match &self.at {
            Some(at) => out.push_str(&format!(
                "{word}: {message}\n  ┌─ {}\n",
                visible(&at.to_string())
            )),
            None => out.push_str(&format!("{word}: {message}\n")),
        }
        if let Some(label) = &self.label {
            out.push_str(&format!("  = {}\n", visible(label)));
        }
        if let Some(field) = &self.field {
            out.push_str(&format!("  = field: {}\n", visible(field)));
        }
        for help in &self.help {
            out.push_str(&format!("  = help: {}\n", visible(help)));
        }
        out
    }
}

fn clamp_range(text: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    start..end
}

/// A failure made of one or more problems in the user's files; exit status 1.
#[derive(Debug)]
pub struct Problems(pub Vec<Problem>);

/// How many problems of one kind (the same message but for the values in backticks) are
/// shown in full; the rest are counted.
pub const SHOWN_PER_KIND: usize = 20;

/// A problem's kind: its message with every `value` in backticks left out.
fn kind_of(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect()
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut first = true;
        for problem in &self.0 {
            let count = shown.entry(kind_of(&problem.message)).or_default();
            *count += 1;
            if *count > SHOWN_PER_KIND {
                continue;
            }
            if !first {
                writeln!(f)?;
            }
            first = false;
            f.write_str(problem.render().trim_end())?;
            writeln!(f)?;
        }
        let mut hidden: Vec<(&String, usize)> = shown
            .iter()
            .filter(|(_, n)| **n > SHOWN_PER_KIND)
            .map(|(k, n)| (k, n - SHOWN_PER_KIND))
            .collect();
        hidden.sort();
        for (kind, n) in hidden {
            write!(f, "\n… and {n} more like “{}”", visible(kind))?;
        }
        let errors = self
            .0
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        if errors > 1 {
            write!(f, "\n{errors} problems found")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A usage error (unknown template, missing or invalid parameter); exit status 2.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    pub help: Vec<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: Vec::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", visible(&self.message))?;
        for help in &self.help {
            write!(f, "\n  = help: {}", visible(help))?;
        }
        Ok(())
    }
}

impl std::error::Error for UsageError {}

/// An error already shown to the user (e.g. as JSON): exit status 1, nothing more printed.
#[derive(Debug)]
pub struct Reported;

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("problems were reported")
    }
}

impl std::error::Error for Reported {}

/// "Did you mean …?": the closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Names and ids are short; comparing a huge value with every candidate is what made
    // messages slow, and such a value is no typo of any of them.
    if word.len() > 128 {
        return None;
    }
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        // Optimal string alignment: a swap of two neighbours is one edit (`titel` → `title`).
        .map(|c| (strsim::osa_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= c.chars().count().div_ceil(3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// The message for an error and the exit status it calls for (`2` for usage errors).
pub fn describe(err: &anyhow::Error) -> (String, u8) {
    if let Some(problems) = err.downcast_ref::<Problems>() {
        return (problems.to_string().trim_end().to_owned(), 1);
    }
    if err.downcast_ref::<Reported>().is_some() {
        return (String::new(), 1);
    }
    if let Some(usage) = err.downcast_ref::<UsageError>() {
        return (format!("{}: {usage}", severity_word(Severity::Error)), 2);
    }
    let mut text = format!(
        "{}: {}",
        severity_word(Severity::Error),
        visible(&err.to_string())
    );
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {}", visible(&cause.to_string())));
    }
    (text, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let file = SourceText::new("a.yaml", "ab\nпривет: x\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        // "привет" is 12 bytes; the colon is the 7th character.
        assert_eq!(file.line_col(3 + 12), (2, 7));
    }

    #[test]
    fn rendered_problem_names_file_line_column_field_and_help() {
        let file = SourceText::new("data/events.yaml", "- id: x\n  titel: y\n");
        let problem = Problem::error("unknown field `titel`")
            .at(Location {
                file,
                range: 10..15,
            })
            .field("events[0].titel")
            .label("did you mean `title`?")
            .help("remove the field or correct its name");
        let text = problem.render();
        assert!(text.contains("error: unknown field `titel`"), "{text}");
        assert!(text.contains("data/events.yaml:2:3"), "{text}");
        assert!(text.contains("titel: y"), "{text}");
        assert!(text.contains("field: events[0].titel"), "{text}");
        assert!(text.contains("help: remove the field"), "{text}");
    }

    #[test]
    fn suggestions_are_close_matches_only() {
        let fields = ["title", "short_title", "start", "end"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("strat", fields), Some("start"));
        assert_eq!(
            did_you_mean("organisers", ["organizers", "hosts"]),
            Some("organizers")
        );
        assert_eq!(did_you_mean("colour", fields), None);
    }
}
