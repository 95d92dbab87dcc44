//! Trace: the notes of a laid-out document, followed back to the fact base — for each note
//! in reading order, the sentence or row it sits on, the records and fields it was made
//! from, and each of its sources with the citations that support it there and whether their
//! excerpts were verified.
//!
//! In: the notes [`crate::compile`] found in the document (each `src` call of the templates
//! records one), the [`FactBase`] and the problems its checks found. Out: a [`Trace`], for
//! people ([`Trace::text`]) or as JSON. Nothing here reads files or prints.

use serde::Serialize;

use crate::compile::NoteMark;
use crate::diag::{Location, Problem};
use crate::facts::{Citation, FactBase, FuzzyDate};

/// Every note of one document.
#[derive(Debug, Serialize)]
pub struct Trace {
    pub template: String,
    pub params: std::collections::BTreeMap<String, String>,
    /// The document's "as of" date (ISO).
    pub date: String,
    /// The folder of source texts excerpts were checked against, if any.
    pub sources_folder: Option<String>,
    pub notes: Vec<Note>,
    /// The number of notes with an issue.
    pub issues: usize,
}

/// One note: its numbers, what it is attached to, and where it comes from.
#[derive(Debug, Serialize)]
pub struct Note {
    pub page: usize,
    pub numbers: Vec<u64>,
    /// The sentence or row it sits on, as printed.
    pub text: String,
    pub records: Vec<TracedRecord>,
    pub sources: Vec<TracedSource>,
    /// What is wrong with it; empty when every source supports what the note sits on.
    pub issues: Vec<String>,
}

/// A record a note was made from.
#[derive(Debug, Serialize)]
pub struct TracedRecord {
    #[serde(rename = "ref")]
    pub path: String,
    /// What it is, in words.
    pub what: String,
    /// The fields used (empty: the record as a whole), each with its value.
    pub fields: Vec<FieldValue>,
    /// The start of the event it belongs to (ISO), if any.
    pub event_start: Option<String>,
    /// Whether it prints as announced: marked so, part of an announced event, or (for an
    /// event's own fields) told only by sources from before the event.
    pub announced: bool,
    /// Whether sources from before its event can only have announced it (an event, figure,
    /// participation or outcome).
    pub announceable: bool,
}

#[derive(Debug, Serialize)]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

/// A source of a note.
#[derive(Debug, Serialize)]
pub struct TracedSource {
    pub number: u64,
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// ISO (`2024-11-03`, `2024-11`, `2024`).
    pub published: String,
    /// Its citations by the note's records.
    pub citations: Vec<TracedCitation>,
}

/// A citation of a source by a record a note was made from.
#[derive(Debug, Serialize)]
pub struct TracedCitation {
    #[serde(rename = "ref")]
    pub path: String,
    /// Where it is written: `data/events.yaml:120:7`.
    pub at: String,
    /// The fields it says it supports; none: the record as a whole.
    pub supports: Option<Vec<String>>,
    /// Whether it supports every field the note uses of its record.
    pub supports_note: bool,
    pub excerpt: Option<String>,
    /// `verified` (found in the source's text, giving the values it is cited for),
    /// `unchecked` (no source text to check it against), `failed`, or `none` (no excerpt).
    pub excerpt_status: &'static str,
    /// The checks' messages on the excerpt, when it failed.
    pub excerpt_problems: Vec<String>,
}

/// What a trace is made for.
pub struct Document<'a> {
    pub template: &'a str,
    pub params: &'a [(String, String)],
    pub date: chrono::NaiveDate,
    pub sources_folder: Option<&'a std::path::Path>,
}

/// The note as its template recorded it (see `src` in `blocks.typ`).
#[derive(serde::Deserialize)]
struct Recorded {
    #[serde(default)]
    sources: Vec<RecordedSource>,
    #[serde(default)]
    basis: Vec<RecordedBasis>,
    #[serde(default)]
    text: String,
}

#[derive(serde::Deserialize)]
struct RecordedSource {
    id: String,
    number: u64,
}

#[derive(serde::Deserialize)]
struct RecordedBasis {
    #[serde(rename = "ref")]
    path: String,
    #[serde(default)]
    fields: Vec<String>,
}

/// Follows every note of a document back to the fact base.
pub fn trace(
    doc: &Document<'_>,
    marks: &[NoteMark],
    base: &FactBase,
    problems: &[Problem],
) -> Trace {
    let as_of = FuzzyDate::parse(&doc.date.to_string());
    let checked = doc.sources_folder.is_some();
    let notes: Vec<Note> = marks
        .iter()
        .map(|mark| {
            let recorded: Recorded =
                serde_json::from_value(mark.value.clone()).unwrap_or(Recorded {
                    sources: Vec::new(),
                    basis: Vec::new(),
                    text: String::new(),
                });
            note(mark.page, recorded, base, problems, as_of, checked)
        })
        .collect();
    Trace {
        template: doc.template.to_owned(),
        params: doc.params.iter().cloned().collect(),
        date: doc.date.to_string(),
        sources_folder: doc.sources_folder.map(|d| d.display().to_string()),
        issues: notes.iter().filter(|n| !n.issues.is_empty()).count(),
        notes,
    }
}

fn note(
    page: usize,
    recorded: Recorded,
    base: &FactBase,
    problems: &[Problem],
    as_of: Option<FuzzyDate>,
    checked: bool,
) -> Note {
    let mut issues = Vec::new();
    let found: Vec<_> = recorded
        .basis
        .iter()
        .map(|b| (b, base.record_at(&b.path)))
        .collect();
    let records: Vec<TracedRecord> = found
        .iter()
        .map(|(b, f)| match f {
            Some(f) => {
                let values = f.record.fields();
                TracedRecord {
                    path: b.path.clone(),
                    what: f.what.clone(),
                    fields: b
                        .fields
                        .iter()
                        .map(|name| FieldValue {
                            field: name.clone(),
                            value: values
                                .iter()
                                .find(|(n, _)| n == name)
                                .map(|(_, v)| v.clone())
                                .unwrap_or_default(),
                        })
                        .collect(),
                    event_start: f.event.map(|e| e.start.value.to_string()),
                    announced: f.announced
                        || f.event.is_some_and(|e| {
                            b.path == crate::facts::event_path(&e.id.value)
                                && !b.fields.is_empty()
                                && (b.fields.iter())
                                    .all(|x| base.announced_fields(e).contains(&x.as_str()))
                        }),
                    announceable: f.announceable,
                }
            }
            None => {
                issues.push(format!("no record `{}` in the fact base", b.path));
                TracedRecord {
                    path: b.path.clone(),
                    what: String::new(),
                    fields: Vec::new(),
                    event_start: None,
                    announced: false,
                    announceable: false,
                }
            }
        })
        .collect();
    if records.is_empty() {
        issues.push("the template did not say what this note is made from".into());
    }
    let mut sources = Vec::new();
    for s in &recorded.sources {
        let Some(doc) = base.source(&s.id) else {
            issues.push(format!("no source `{}` in the fact base", s.id));
            continue;
        };
        let mut citations = Vec::new();
        for (b, f) in &found {
            let Some(f) = f else { continue };
            for c in f
                .record
                .citations()
                .iter()
                .filter(|c| c.source.value == s.id)
            {
                citations.push(traced_citation(&b.path, &b.fields, c, problems, checked));
            }
        }
        // Only the citations that support the note, unless none does (then all, to show why).
        if citations.iter().any(|c| c.supports_note) {
            citations.retain(|c| c.supports_note);
        } else {
            issues.push(if citations.is_empty() {
                format!(
                    "`{}` is not cited by the records this note is made from",
                    s.id
                )
            } else {
                format!(
                    "`{}` does not support what this note sits on ({})",
                    s.id,
                    fields_text(&recorded.basis)
                )
            });
        }
        for c in citations.iter().filter(|c| c.excerpt_status == "failed") {
            issues.push(format!("the excerpt at {} failed its checks", c.at));
        }
        if let Some(as_of) = as_of
            && as_of.is_before(&doc.published)
        {
            issues.push(format!(
                "`{}` was published after the document's date ({})",
                s.id,
                doc.published.text()
            ));
        }
        sources.push(TracedSource {
            number: s.number,
            id: s.id.clone(),
            title: doc.title.clone(),
            publisher: doc.publisher.clone(),
            published: doc.published.to_string(),
            citations,
        });
    }
    // A fact told only by sources from before its event can only have been announced.
    for ((b, f), r) in found.iter().zip(&records) {
        let Some(f) = f else { continue };
        let Some(event) = f.event else { continue };
        let before: Vec<bool> = recorded
            .sources
            .iter()
            .filter_map(|s| base.source(&s.id))
            .filter(|s| {
                f.record
                    .citations()
                    .iter()
                    .any(|c| c.source.value == s.id.value && supports_any(c, &b.fields))
            })
            .map(|s| s.published.is_before(&event.start.value))
            .collect();
        // The curator's own words (a note) say themselves what they are.
        let own_words = !b.fields.is_empty()
            && (b.fields.iter()).all(|f| crate::facts::CURATORS_OWN.contains(&f.as_str()));
        if r.announceable
            && !r.announced
            && !own_words
            && !before.is_empty()
            && before.iter().all(|b| *b)
        {
            issues.push(format!(
                "{} is told only by sources published before the event began, yet not printed as announced",
                f.what
            ));
        }
    }
    Note {
        page,
        numbers: recorded.sources.iter().map(|s| s.number).collect(),
        text: recorded
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        records,
        sources,
        issues,
    }
}

/// Whether `c` supports what a note uses of its record: one of `fields` (a row or sentence
/// made of several fields carries the notes of each), or the record as a whole.
fn supports_any(c: &Citation, fields: &[String]) -> bool {
    fields.is_empty() || fields.iter().any(|f| c.supports(f))
}

fn fields_text(basis: &[RecordedBasis]) -> String {
    basis
        .iter()
        .map(|b| {
            if b.fields.is_empty() {
                b.path.clone()
            } else {
                format!("{}: {}", b.path, b.fields.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn same_place(a: &Location, b: &Location) -> bool {
    a.file.name == b.file.name && a.range == b.range
}

/// `checked`: whether excerpts were checked against source texts.
fn traced_citation(
    path: &str,
    fields: &[String],
    c: &Citation,
    problems: &[Problem],
    checked: bool,
) -> TracedCitation {
    let (status, excerpt_problems) = match &c.excerpt {
        None => ("none", Vec::new()),
        Some(excerpt) => {
            let about: Vec<&Problem> = problems
                .iter()
                .filter(|p| p.at.as_ref().is_some_and(|at| same_place(at, &excerpt.at)))
                .collect();
            let unverifiable = about
                .iter()
                .any(|p| p.message.contains("cannot be verified"));
            let failed: Vec<String> = about
                .iter()
                .filter(|p| !p.message.contains("cannot be verified"))
                .map(|p| p.message.clone())
                .collect();
            if !failed.is_empty() {
                ("failed", failed)
            } else if unverifiable || !checked {
                ("unchecked", Vec::new())
            } else {
                ("verified", Vec::new())
            }
        }
    };
    TracedCitation {
        path: path.to_owned(),
        at: c.source.at.to_string(),
        supports: (!c.supports.is_empty())
            .then(|| c.supports.iter().map(|s| s.value.clone()).collect()),
        supports_note: supports_any(c, fields),
        excerpt: c.excerpt.as_ref().map(|e| e.value.clone()),
        excerpt_status: status,
        excerpt_problems,
    }
}

impl Trace {
    /// The trace for people: one block per note.
    pub fn text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let _ = writeln!(
            out,
            "{}{} — {} notes, as of {}; excerpts {}.",
            self.template,
            if params.is_empty() {
                String::new()
            } else {
                format!(" ({})", params.join(", "))
            },
            self.notes.len(),
            self.date,
            match &self.sources_folder {
                Some(d) => format!("checked against the source texts in {d}"),
                None => "not checked against source texts (no sources folder)".into(),
            }
        );
        for n in &self.notes {
            let numbers: Vec<String> = n.numbers.iter().map(|x| x.to_string()).collect();
            let _ = writeln!(out, "\n[{}] page {}: {}", numbers.join(","), n.page, n.text);
            for r in &n.records {
                let fields: Vec<String> = r
                    .fields
                    .iter()
                    .map(|f| format!("{} = {}", f.field, f.value))
                    .collect();
                let _ = writeln!(
                    out,
                    "    from {}{}{}",
                    r.what,
                    if fields.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", fields.join("; "))
                    },
                    if r.announced { " (announced)" } else { "" }
                );
            }
            for s in &n.sources {
                let _ = writeln!(
                    out,
                    "    {}. {}, {} ({}) [{}]",
                    s.number, s.title, s.publisher, s.published, s.id
                );
                for c in &s.citations {
                    let supports = match &c.supports {
                        Some(list) => format!("supports {}", list.join(", ")),
                        None => "supports the whole record".into(),
                    };
                    let _ = writeln!(
                        out,
                        "       {} {}{}",
                        c.at,
                        supports,
                        if c.supports_note {
                            ""
                        } else {
                            " — not what the note uses"
                        }
                    );
                    if let Some(excerpt) = &c.excerpt {
                        let _ =
                            writeln!(out, "       excerpt ({}): “{}”", c.excerpt_status, excerpt);
                        for p in &c.excerpt_problems {
                            let _ = writeln!(out, "         {p}");
                        }
                    }
                }
            }
            for issue in &n.issues {
                let _ = writeln!(out, "    issue: {issue}");
            }
        }
        let _ = writeln!(
            out,
            "\n{} notes; {}.",
            self.notes.len(),
            match self.issues {
                0 => "every source supports what its note sits on".to_owned(),
                1 => "1 note has an issue".to_owned(),
                n => format!("{n} notes have issues"),
            }
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The minimal fixture with its gazette dated before the second talks opened, so that
    /// the talks' figure rests only on a source from before the event; `announced` marks it
    /// so (or not).
    fn base(announced: bool) -> (FactBase, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new("tests/fixtures/minimal");
        for entry in [
            "sources.yaml",
            "countries.yaml",
            "people.yaml",
            "processes.yaml",
            "issuer.yaml",
        ] {
            std::fs::copy(from.join(entry), dir.path().join(entry)).unwrap();
        }
        std::fs::create_dir(dir.path().join("events")).unwrap();
        for entry in ["first.yaml", "second.yaml"] {
            std::fs::copy(
                from.join("events").join(entry),
                dir.path().join("events").join(entry),
            )
            .unwrap();
        }
        let sources = dir.path().join("sources.yaml");
        let text = std::fs::read_to_string(&sources).unwrap();
        std::fs::write(
            &sources,
            text.replace("published: 2021-06-02", "published: 2021-05-01"),
        )
        .unwrap();
        if announced {
            let event = dir.path().join("events/second.yaml");
            let text = std::fs::read_to_string(&event).unwrap();
            std::fs::write(
                &event,
                text.replace(
                    "qualifier: about, sources",
                    "qualifier: about, status: announced, sources",
                ),
            )
            .unwrap();
        }
        crate::facts::load_all(dir.path())
    }

    fn figure_note() -> NoteMark {
        NoteMark {
            page: 1,
            value: serde_json::json!({
                "sources": [{"id": "gazette-2021", "number": 1}],
                "basis": [{"ref": "events[lake-2021].figures[1]", "fields": []}],
                "text": "participants: about 120",
            }),
        }
    }

    fn issues(announced: bool) -> Vec<String> {
        let (base, problems) = base(announced);
        let doc = Document {
            template: "event-brief",
            params: &[],
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            sources_folder: None,
        };
        let traced = trace(&doc, &[figure_note()], &base, &problems);
        assert_eq!(traced.notes.len(), 1);
        traced.notes[0].issues.clone()
    }

    #[test]
    fn a_fact_told_only_before_its_event_must_print_as_announced() {
        let unmarked = issues(false);
        assert!(
            unmarked
                .iter()
                .any(|i| i.contains("told only by sources published before the event began")),
            "{unmarked:?}"
        );
        assert!(issues(true).is_empty(), "{:?}", issues(true));
    }
}
