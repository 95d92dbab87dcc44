//! The analyst's view and the gaps: the assessments a document's subject has (the analyst's
//! own words, never cited), and "what we do not know", derived from the facts of the events
//! the document covers — announced but never reported, no participants recorded, sources that
//! differ.

use serde::Serialize;

use super::records::Link;
use super::{Builder, EventRef};
use crate::changes::{Mark, RecordKind};
use crate::facts::{ASSESSMENT_KINDS, Event, FuzzyDate};
use crate::yaml::Extra;

/// An analyst's judgement, as a template prints it: apart from the facts, without notes.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentRecord {
    pub id: String,
    /// `bottom-line`, `key-judgement`, `talking-point`, `next-step`, `open-question`.
    pub kind: String,
    /// The kind in words: `key judgement`.
    pub kind_text: String,
    pub text: String,
    pub author: String,
    /// ISO, and as printed (`6 November 2024`).
    pub date: String,
    pub date_text: String,
    /// `low`, `moderate` or `high`, when given.
    pub confidence: Option<String>,
    /// The confidence in words (`moderate`), from the catalog.
    pub confidence_text: Option<String>,
    /// The events or processes it rests on (their facts carry their own notes).
    pub rests_on: Vec<Link>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Mark>,
}

/// Something the sources leave open about an event the document covers.
#[derive(Debug, Clone, Serialize)]
pub struct Unknown {
    /// `announced-event` (announced, not reported as held), `announced-facts` (some of the
    /// event's own facts, e.g. its dates or organisers, known only in advance), `announced-outcome`,
    /// `announced-figure`, `announced-participation` (announced, never reported),
    /// `no-participants` (nobody recorded as taking part), `sources-differ` (a claim).
    pub kind: &'static str,
    pub event: EventRef,
    /// What it concerns, as printed: the outcome's title, the figures (`participants over
    /// 500; member states 91`), the party's name, the field a claim is about (`the start
    /// date`); none for the event as a whole.
    pub what: Option<String>,
    /// More of it: the party's role (`speaker`), the value a claim gives (`3 September
    /// 2023`).
    pub detail: Option<String>,
}

impl Builder<'_> {
    /// The assessments about `subjects` (ids of processes, events, countries, organisations),
    /// by kind (bottom line first) and date.
    pub(super) fn assessments(&self, subjects: &[&str]) -> Vec<AssessmentRecord> {
        let base = self.base;
        let mut out: Vec<(usize, FuzzyDate, AssessmentRecord)> = base
            .assessments
            .iter()
            .filter(|a| subjects.contains(&a.about.value.as_str()))
            .map(|a| {
                let rank = ASSESSMENT_KINDS
                    .iter()
                    .position(|k| *k == a.kind)
                    .unwrap_or(ASSESSMENT_KINDS.len());
                let rests_on = a
                    .rests_on
                    .iter()
                    .map(|r| Link {
                        id: r.value.clone(),
                        label: base
                            .event(&r.value)
                            .map(|e| e.label().to_owned())
                            .or_else(|| base.process(&r.value).map(|p| p.name.clone()))
                            .or_else(|| base.party(&r.value).map(|p| p.label().to_owned()))
                            .unwrap_or_else(|| r.value.clone()),
                    })
                    .collect();
                let record = AssessmentRecord {
                    id: a.id.value.clone(),
                    kind: a.kind.clone(),
                    kind_text: self.words.term("assessment", &a.kind),
                    text: a.text.clone(),
                    author: a.author.clone(),
                    date: a.date.value.to_string(),
                    date_text: self.words.date(&a.date.value),
                    confidence: a.confidence.clone(),
                    confidence_text: (a.confidence.as_deref())
                        .map(|c| self.words.term("confidence", c)),
                    rests_on,
                    extra: a.extra.clone(),
                    change: self.change(RecordKind::Assessment, &a.id.value, None),
                };
                (rank, a.date.value, record)
            })
            .collect();
        out.sort_by_key(|a| (a.0, a.1));
        out.into_iter().map(|(_, _, r)| r).collect()
    }

    /// What the sources leave open about `events`, event by event.
    pub(super) fn unknowns(&self, events: &[&Event]) -> Vec<Unknown> {
        let mut out = Vec::new();
        for e in events {
            let event = self.event_ref(e);
            let mut add = |kind, what: Option<String>, detail: Option<String>| {
                out.push(Unknown {
                    kind,
                    event: event.clone(),
                    what,
                    detail,
                })
            };
            if e.announced {
                add("announced-event", None, None);
                continue;
            }
            // The event's own facts only a source from before it gives.
            let ahead: Vec<String> = (self.base.announced_fields(e).into_iter())
                .map(|f| {
                    let f = if f == "end" { "start" } else { f };
                    self.words.term("announced-field", f)
                })
                .fold(Vec::new(), |mut out, f| {
                    if !out.contains(&f) {
                        out.push(f);
                    }
                    out
                });
            if !ahead.is_empty() {
                add("announced-facts", Some(self.words.and_list(&ahead)), None);
            }
            for o in e.outcomes.iter().filter(|o| o.announced) {
                add("announced-outcome", Some(o.title.clone()), None);
            }
            // The figures given only in advance, together.
            let figures: Vec<String> = (e.figures.iter().filter(|f| f.announced))
                .map(|f| self.words.figure_with_label(f))
                .collect();
            if !figures.is_empty() {
                add(
                    "announced-figure",
                    Some(figures.join(&self.words.semicolon())),
                    None,
                );
            }
            for p in e.participants.iter().filter(|p| p.announced) {
                let name = self
                    .base
                    .party(&p.party.value)
                    .map(|x| x.label().to_owned())
                    .unwrap_or_else(|| p.party.value.clone());
                // "as host"; a delegation's part needs no word.
                let role = (p.role != "delegation").then(|| self.words.term("role", &p.role));
                add("announced-participation", Some(name), role);
            }
            if e.participants.is_empty() {
                add("no-participants", None, None);
            }
            for c in &e.claims {
                let value = match c.field.as_str() {
                    "start" | "end" => FuzzyDate::parse(&c.value)
                        .map(|d| self.words.date(&d))
                        .unwrap_or_else(|| c.value.clone()),
                    _ => c.value.clone(),
                };
                add(
                    "sources-differ",
                    Some(super::builder::claim_field_label(self.words, &c.field)),
                    Some(value),
                );
            }
        }
        out
    }
}
