//! `brief diff`: what changed in the fact base since a revision of its git history, grouped
//! by kind for people (colour on a terminal), or JSON.

use crate::changes::{Presence, RecordKind, Since};
use crate::options::ReportFormat;
use crate::settings::DiffConfig;
use crate::term;
use crate::{facts, history};

pub fn run(config: &DiffConfig) -> anyhow::Result<()> {
    let base = facts::load(&config.data)?;
    let since = history::since(&config.data, &config.rev, &base)?;
    print_diff(&since, config.format)
}

/// Prints what changed: grouped by kind for people (colour on a terminal), or JSON.
fn print_diff(since: &Since, format: ReportFormat) -> anyhow::Result<()> {
    let diff = &since.diff;
    if format == ReportFormat::Json {
        let report = serde_json::json!({
            "since": since.revision,
            "changes": diff.changes,
            "sourcing": diff.sourcing,
        });
        crate::term::outln!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    let r = &since.revision;
    crate::term::outln!("Changes since {} ({}, {}):", r.name, r.commit, r.date_text);
    if diff.changes.is_empty() {
        crate::term::outln!("  none");
    }
    let paint = |text: &str, code: &str| term::paint(text, code);
    // Kinds in the order they first appear.
    let mut kinds: Vec<RecordKind> = Vec::new();
    for c in &diff.changes {
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
    }
    for kind in kinds {
        crate::term::outln!("\n{}", paint(kind.plural(), "1"));
        for c in diff.changes.iter().filter(|c| c.kind == kind) {
            let (mark, code) = match c.change {
                Presence::Added => ("+", "32"),
                Presence::Removed => ("-", "31"),
                Presence::Changed => ("~", "33"),
            };
            crate::term::outln!("  {} {} {}", paint(mark, code), c.change.word(), c.label);
            for f in &c.fields {
                crate::term::outln!("      {}: {} → {}", f.field, show(&f.old), show(&f.new));
            }
            if !c.sources.is_empty() {
                crate::term::outln!("      sources: {}", c.sources.join(", "));
            }
        }
    }
    if !diff.sourcing.is_empty() {
        crate::term::outln!(
            "\n{}",
            paint("sourcing changes (citations or excerpts only)", "1")
        );
        for c in &diff.sourcing {
            crate::term::outln!("  ~ {} {}", c.kind, c.label);
            for f in &c.fields {
                crate::term::outln!("      {}: {} → {}", f.field, show(&f.old), show(&f.new));
            }
        }
    }
    Ok(())
}

/// A value for a one-line diff: `(none)` when empty, long text shortened.
fn show(value: &str) -> String {
    if value.is_empty() {
        return "(none)".into();
    }
    let flat: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 100 {
        format!("{}…", flat.chars().take(100).collect::<String>())
    } else {
        flat
    }
}
