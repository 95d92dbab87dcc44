//! Changes: two fact bases (an earlier edition and now) → what changed, record by record.
//!
//! Pure, no I/O. Records are matched by id; within an event, its participants by party (and
//! head), figures by measure, statements by speaker and text, outcomes by title, discussion
//! points by text and claims by field and value. An item left over on both sides with the same
//! secondary key (a statement by the same speaker; the only outcome) is one item *changed*, so
//! a reworded statement is "changed", not "removed and added". Each change says what kind of
//! record, which one, what changed (old → new) and its sources. Changes only in citations or
//! excerpts are "sourcing changes", kept apart from the news.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

mod kinds;

use crate::facts::{Described, Event, FactBase};

/// The revision a comparison starts from.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// As the user gave it (`v2024-10`, `2024-11-01`, `HEAD~3`).
    pub name: String,
    /// The commit, abbreviated.
    pub commit: String,
    /// The commit's date, ISO (`2024-10-01`), and as printed (`1 October 2024`).
    pub date: String,
    pub date_text: String,
    /// The name to show readers: a tag or branch (`v2024-10`), never a hash or `HEAD~1`.
    pub edition: Option<String>,
}

/// Whether a revision's name means something to a reader (a tag or branch), rather than
/// being a commit hash or a relative name (`HEAD~1`, `main@{2}`).
pub fn readable_revision(name: &str) -> bool {
    let hex = name.len() >= 7 && name.chars().all(|c| c.is_ascii_hexdigit());
    let relative = name.contains(['~', '^', '@', ':']) || name.starts_with("HEAD");
    let date = name.len() == 10 && name.chars().filter(|c| *c == '-').count() == 2;
    !(hex || relative || date || name.is_empty())
}

/// An earlier edition and what changed since: read once, used by every document.
#[derive(Debug, Clone)]
pub struct Since {
    pub revision: Revision,
    pub diff: Diff,
}

/// What kind of record (or item of an event) a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    Source,
    Country,
    Organization,
    Person,
    Process,
    Initiative,
    Assessment,
    Event,
    Participant,
    Figure,
    Statement,
    Outcome,
    Discussion,
    Claim,
}

impl RecordKind {
    /// The kind as a word: `organization`.
    pub fn word(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Country => "country",
            RecordKind::Organization => "organization",
            RecordKind::Person => "person",
            RecordKind::Process => "process",
            RecordKind::Initiative => "initiative",
            RecordKind::Assessment => "assessment",
            RecordKind::Event => "event",
            RecordKind::Participant => "participant",
            RecordKind::Figure => "figure",
            RecordKind::Statement => "statement",
            RecordKind::Outcome => "outcome",
            RecordKind::Discussion => "discussion",
            RecordKind::Claim => "claim",
        }
    }

    /// The kind in the plural: `countries`.
    pub fn plural(self) -> &'static str {
        match self {
            RecordKind::Source => "sources",
            RecordKind::Country => "countries",
            RecordKind::Organization => "organizations",
            RecordKind::Person => "people",
            RecordKind::Process => "processes",
            RecordKind::Initiative => "initiatives",
            RecordKind::Assessment => "assessments",
            RecordKind::Event => "events",
            RecordKind::Participant => "participants",
            RecordKind::Figure => "figures",
            RecordKind::Statement => "statements",
            RecordKind::Outcome => "outcomes",
            RecordKind::Discussion => "discussions",
            RecordKind::Claim => "claims",
        }
    }
}

impl std::fmt::Display for RecordKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// Whether a record was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Added,
    Removed,
    Changed,
}

impl Presence {
    pub fn word(self) -> &'static str {
        match self {
            Presence::Added => "added",
            Presence::Removed => "removed",
            Presence::Changed => "changed",
        }
    }
}

/// How a record a document prints stands since the compared revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    New,
    Changed,
}

/// One difference between the editions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    pub kind: RecordKind,
    /// `added`, `removed` or `changed`.
    pub change: Presence,
    /// The record's id (for an item of an event: the event's id).
    pub id: String,
    /// The item's key within its event (the party, the measure, …), if it is one.
    pub key: Option<String>,
    /// What it is, as printed: `Annual Meeting: participant Norway`.
    pub label: String,
    /// For a changed record: each field that changed.
    pub fields: Vec<FieldChange>,
    /// The sources the record cites (now, or before if it was removed).
    pub sources: Vec<String>,
    /// The parties the change concerns (for a country's summary).
    pub parties: Vec<String>,
}

/// A value that changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: String,
    pub new: String,
    /// The field in words (`official name`), and the values as a briefing prints them
    /// (dates as `3 November 2024`).
    pub field_text: String,
    pub old_text: String,
    pub new_text: String,
}

/// A value as a briefing prints it: an ISO date in words, anything else as it is.
fn printed(value: &str) -> String {
    printed_with(value, |d| d.text())
}

/// A value as a briefing prints it, dates written by `date` (a document's language).
pub fn printed_with(value: &str, date: impl Fn(&crate::facts::FuzzyDate) -> String) -> String {
    let looks_like_date = value.len() >= 4
        && value.chars().all(|c| c.is_ascii_digit() || c == '-')
        && value.chars().next().is_some_and(|c| c.is_ascii_digit());
    match crate::facts::FuzzyDate::parse(value) {
        Some(d) if looks_like_date => date(&d),
        _ => value.to_owned(),
    }
}

/// What changed between two editions.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Diff {
    /// Added, removed and changed facts.
    pub changes: Vec<Change>,
    /// Changes only in citations or excerpts.
    pub sourcing: Vec<Change>,
}

impl Diff {
    /// The status of a record now, for marking it: new or changed.
    pub fn status(&self, kind: RecordKind, id: &str, key: Option<&str>) -> Option<Mark> {
        self.changes
            .iter()
            .find(|c| {
                c.kind == kind
                    && c.id == id
                    && c.key.as_deref() == key
                    && c.change != Presence::Removed
            })
            .map(|c| match c.change {
                Presence::Added => Mark::New,
                _ => Mark::Changed,
            })
    }
}

/// Which record (or item of an event) a change is about.
struct Subject {
    kind: RecordKind,
    id: String,
    key: Option<String>,
    label: String,
    parties: Vec<String>,
}

/// A record as named fields (display values) and its citations.
struct Fields {
    values: Vec<(&'static str, String)>,
    sources: Vec<String>,
    excerpts: Vec<String>,
}

impl Fields {
    fn of(record: &impl Described) -> Fields {
        let citations = record.citations();
        Fields {
            values: record.fields(),
            sources: citations.iter().map(|c| c.source.value.clone()).collect(),
            excerpts: citations
                .iter()
                .filter_map(|c| {
                    c.excerpt
                        .as_ref()
                        .map(|e| format!("{}: {}", c.source.value, e.value))
                })
                .collect(),
        }
    }
}

impl Diff {
    /// A record on one side only: added or removed.
    fn presence(&mut self, s: Subject, change: Presence, fields: Fields) {
        self.changes.push(Change {
            kind: s.kind,
            change,
            id: s.id,
            key: s.key,
            label: s.label,
            fields: Vec::new(),
            sources: fields.sources,
            parties: s.parties,
        });
    }

    /// A record on both sides: news when a value changed, a sourcing change when only its
    /// citations did, nothing otherwise.
    fn compared(&mut self, s: Subject, old: &Fields, new: Fields) {
        let changed: Vec<FieldChange> = old
            .values
            .iter()
            .zip(&new.values)
            .filter(|((_, a), (_, b))| a != b)
            .map(|((name, a), (_, b))| FieldChange {
                field: (*name).to_owned(),
                old: a.clone(),
                new: b.clone(),
                field_text: crate::facts::humanize(name),
                old_text: printed(a),
                new_text: printed(b),
            })
            .collect();
        let sourcing = old.sources != new.sources || old.excerpts != new.excerpts;
        if changed.is_empty() && !sourcing {
            return;
        }
        let change = Change {
            kind: s.kind,
            change: Presence::Changed,
            id: s.id,
            key: s.key,
            label: s.label,
            fields: changed,
            sources: new.sources.clone(),
            parties: s.parties,
        };
        if change.fields.is_empty() {
            // What changed in the sourcing, said as such: the sources cited, the excerpts.
            let mut change = change;
            let mut said = |field: &str, a: String, b: String| {
                change.fields.push(FieldChange {
                    field: field.to_owned(),
                    field_text: field.to_owned(),
                    old_text: printed(&a),
                    new_text: printed(&b),
                    old: a,
                    new: b,
                });
            };
            if old.sources != new.sources {
                said("sources", old.sources.join(", "), new.sources.join(", "));
            }
            if old.excerpts != new.excerpts {
                said("excerpts", old.excerpts.join("; "), new.excerpts.join("; "));
            }
            self.sourcing.push(change);
        } else {
            self.changes.push(change);
        }
    }
}

/// Names of parties and people, from the new edition or else the old one.
pub(crate) struct Names<'a> {
    old: &'a FactBase,
    new: &'a FactBase,
}

impl Names<'_> {
    /// A party's label (its short name, else its name), or its id when neither edition knows it.
    fn party(&self, id: &str) -> String {
        self.new
            .party(id)
            .or_else(|| self.old.party(id))
            .map_or_else(|| id.to_owned(), |p| p.label().to_owned())
    }
}

/// A record of a collection, matched across editions by id.
pub(crate) trait TopRecord: Described {
    const KIND: RecordKind;
    fn id(&self) -> &str;
    fn label(&self, names: &Names) -> String;
    fn parties(&self) -> Vec<String>;
}

/// Compares one collection: records matched by id.
fn records<T: TopRecord>(d: &mut Diff, old: &[T], new: &[T], names: &Names) {
    let before: BTreeMap<&str, &T> = old.iter().map(|r| (r.id(), r)).collect();
    let after: BTreeMap<&str, &T> = new.iter().map(|r| (r.id(), r)).collect();
    let subject = |id: &str, r: &T| Subject {
        kind: T::KIND,
        id: id.to_owned(),
        key: None,
        label: r.label(names),
        parties: r.parties(),
    };
    for (id, r) in &after {
        match before.get(id) {
            None => d.presence(subject(id, r), Presence::Added, Fields::of(*r)),
            Some(o) => d.compared(subject(id, r), &Fields::of(*o), Fields::of(*r)),
        }
    }
    for (id, r) in &before {
        if !after.contains_key(id) {
            d.presence(subject(id, r), Presence::Removed, Fields::of(*r));
        }
    }
}

/// Builds the diff of `old` → `new`.
pub fn diff(old: &FactBase, new: &FactBase) -> Diff {
    let mut d = Diff::default();
    let names = Names { old, new };
    records(&mut d, &old.sources, &new.sources, &names);
    records(&mut d, &old.countries, &new.countries, &names);
    records(&mut d, &old.organizations, &new.organizations, &names);
    records(&mut d, &old.people, &new.people, &names);
    records(&mut d, &old.processes, &new.processes, &names);
    records(&mut d, &old.initiatives, &new.initiatives, &names);
    records(&mut d, &old.assessments, &new.assessments, &names);
    records(&mut d, &old.events, &new.events, &names);
    // Within each event present in both editions: its items.
    for e in &new.events {
        let Some(o) = old.event(&e.id.value) else {
            continue;
        };
        let mut items = Items {
            diff: &mut d,
            names: &names,
            event: e,
        };
        items.compare(&o.participants, &e.participants);
        items.compare(&o.figures, &e.figures);
        items.compare(&o.statements, &e.statements);
        items.compare(&o.outcomes, &e.outcomes);
        items.compare(&o.discussions, &e.discussions);
        items.compare(&o.claims, &e.claims);
    }
    d
}

/// An item of an event (a participant, a figure, …), matched across editions by its key,
/// and then, among the items left over on both sides, by a secondary key.
pub(crate) trait EventItem: Described {
    const KIND: RecordKind;
    /// The item's key within its event.
    fn key(&self) -> String;
    /// What an item keeps when it is reworded (a statement's speaker), to pair it as changed.
    fn secondary(&self) -> String;
    /// What it is, after its kind: `Norway`, `by Name`.
    fn name(&self, names: &Names, event: &Event) -> String;
    fn parties(&self, names: &Names, event: &Event) -> Vec<String>;
}

/// Compares the items of one kind within one event.
struct Items<'d> {
    diff: &'d mut Diff,
    names: &'d Names<'d>,
    event: &'d Event,
}

impl Items<'_> {
    fn compare<T: EventItem>(&mut self, old: &[T], new: &[T]) {
        let mut used: Vec<bool> = vec![false; new.len()];
        let mut pairs: Vec<(&T, &T)> = Vec::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in new.iter().enumerate() {
            by_key.entry(n.key()).or_default().push(i);
        }
        let mut unmatched_old: Vec<&T> = Vec::new();
        for o in old {
            let found = by_key
                .get_mut(&o.key())
                .and_then(|list| (!list.is_empty()).then(|| list.remove(0)));
            match found {
                Some(i) => {
                    used[i] = true;
                    pairs.push((o, &new[i]));
                }
                None => unmatched_old.push(o),
            }
        }
        // Left over on both sides with the same secondary key: one item, changed.
        let mut still_old = Vec::new();
        for o in unmatched_old {
            let candidate =
                (0..new.len()).find(|&i| !used[i] && new[i].secondary() == o.secondary());
            match candidate {
                Some(i) => {
                    used[i] = true;
                    pairs.push((o, &new[i]));
                }
                None => still_old.push(o),
            }
        }
        let event = self.event;
        let names = self.names;
        let subject = |t: &T| Subject {
            kind: T::KIND,
            id: event.id.value.clone(),
            key: Some(t.key()),
            label: format!("{}: {} {}", event.label(), T::KIND, t.name(names, event)),
            parties: t.parties(names, event),
        };
        for (o, n) in pairs {
            self.diff
                .compared(subject(n), &Fields::of(o), Fields::of(n));
        }
        for (i, n) in new.iter().enumerate() {
            if !used[i] {
                self.diff
                    .presence(subject(n), Presence::Added, Fields::of(n));
            }
        }
        for o in still_old {
            self.diff
                .presence(subject(o), Presence::Removed, Fields::of(o));
        }
    }
}
