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

use crate::facts::{
    Citation, Claim, Discussion, Event, FactBase, Figure, Outcome, Participation, Statement,
};

/// One difference between the editions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// `source`, `country`, `organization`, `person`, `process`, `initiative`, `event`,
    /// `participant`, `figure`, `statement`, `outcome`, `discussion`, `claim`.
    pub kind: &'static str,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    /// The record's id (for an item of an event: the event's id).
    pub id: String,
    /// The item's key within its event (the party, the measure, …), if it is one.
    pub key: Option<String>,
    /// What it is, as printed: `Kuwait Phase: participant Turkmenistan`.
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
    /// The status of a record now, for marking it: `new` or `changed`.
    pub fn status(&self, kind: &str, id: &str, key: Option<&str>) -> Option<&'static str> {
        self.changes
            .iter()
            .find(|c| {
                c.kind == kind && c.id == id && c.key.as_deref() == key && c.change != "removed"
            })
            .map(|c| {
                if c.change == "added" {
                    "new"
                } else {
                    "changed"
                }
            })
    }
}

/// Which record (or item of an event) a change is about.
struct Subject {
    kind: &'static str,
    id: String,
    key: Option<String>,
    label: String,
    parties: Vec<String>,
}

impl Diff {
    /// A record on one side only: `added` or `removed`.
    fn presence(&mut self, s: Subject, change: &'static str, fields: Fields) {
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
        let (changed, sourcing) = compare(old, &new);
        if changed.is_empty() && !sourcing {
            return;
        }
        let change = Change {
            kind: s.kind,
            change: "changed",
            id: s.id,
            key: s.key,
            label: s.label,
            fields: changed,
            sources: new.sources,
            parties: s.parties,
        };
        if change.fields.is_empty() {
            self.sourcing.push(change);
        } else {
            self.changes.push(change);
        }
    }
}

/// A record as named fields (display values) and its citations.
struct Fields {
    values: Vec<(&'static str, String)>,
    sources: Vec<String>,
    excerpts: Vec<String>,
}

fn cites(citations: &[Citation]) -> (Vec<String>, Vec<String>) {
    (
        citations.iter().map(|c| c.source.value.clone()).collect(),
        citations
            .iter()
            .filter_map(|c| {
                c.excerpt
                    .as_ref()
                    .map(|e| format!("{}: {}", c.source.value, e.value))
            })
            .collect(),
    )
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn list<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

fn refs(items: &[crate::facts::Ref]) -> String {
    items
        .iter()
        .map(|r| r.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn extra(e: &crate::yaml::Extra) -> String {
    if e.is_empty() {
        String::new()
    } else {
        serde_json::Value::Object(e.clone()).to_string()
    }
}

fn fields(values: Vec<(&'static str, String)>, citations: &[Citation]) -> Fields {
    let (sources, excerpts) = cites(citations);
    Fields {
        values,
        sources,
        excerpts,
    }
}

/// Compares two records' fields: the changed values, and whether only citations differ.
fn compare(old: &Fields, new: &Fields) -> (Vec<FieldChange>, bool) {
    let mut changed = Vec::new();
    for ((name, a), (_, b)) in old.values.iter().zip(&new.values) {
        if a != b {
            changed.push(FieldChange {
                field: (*name).to_owned(),
                old: a.clone(),
                new: b.clone(),
            });
        }
    }
    let sourcing =
        changed.is_empty() && (old.sources != new.sources || old.excerpts != new.excerpts);
    (changed, sourcing)
}

/// Builds the diff of `old` → `new`.
pub fn diff(old: &FactBase, new: &FactBase) -> Diff {
    let mut d = Diff::default();
    let name_of = |id: &str| -> String {
        new.party(id)
            .or_else(|| old.party(id))
            .map(|p| match p {
                crate::facts::Party::Country(c) => c.name.clone(),
                crate::facts::Party::Organization(o) => {
                    o.short_name.clone().unwrap_or_else(|| o.name.clone())
                }
            })
            .unwrap_or_else(|| id.to_owned())
    };

    macro_rules! records {
        ($kind:literal, $list:ident, $label:expr, $fields:expr, $parties:expr) => {{
            let before: BTreeMap<&str, _> =
                old.$list.iter().map(|r| (r.id.value.as_str(), r)).collect();
            let after: BTreeMap<&str, _> =
                new.$list.iter().map(|r| (r.id.value.as_str(), r)).collect();
            let subject = |id: &str, r| Subject {
                kind: $kind,
                id: id.to_owned(),
                key: None,
                label: $label(r),
                parties: $parties(r),
            };
            for (id, r) in &after {
                match before.get(id) {
                    None => d.presence(subject(id, *r), "added", $fields(*r)),
                    Some(o) => d.compared(subject(id, *r), &$fields(*o), $fields(*r)),
                }
            }
            for (id, r) in &before {
                if !after.contains_key(id) {
                    d.presence(subject(id, *r), "removed", $fields(*r));
                }
            }
        }};
    }

    records!(
        "source",
        sources,
        |s: &crate::facts::SourceDoc| format!("{}, “{}”", s.publisher, s.title),
        |s: &crate::facts::SourceDoc| fields(
            vec![
                ("title", s.title.clone()),
                ("publisher", s.publisher.clone()),
                ("published", s.published.to_string()),
                ("kind", s.kind.clone()),
                ("language", opt(&s.language)),
                (
                    "url",
                    s.url.as_ref().map(|u| u.value.clone()).unwrap_or_default()
                ),
                (
                    "file",
                    s.file.as_ref().map(|u| u.value.clone()).unwrap_or_default()
                ),
                ("note", opt(&s.note)),
                ("extra", extra(&s.extra)),
            ],
            &[]
        ),
        |_s: &crate::facts::SourceDoc| Vec::new()
    );
    records!(
        "country",
        countries,
        |c: &crate::facts::Country| c.name.clone(),
        |c: &crate::facts::Country| fields(
            vec![
                ("name", c.name.clone()),
                ("official_name", opt(&c.official_name)),
                ("region", opt(&c.region)),
                ("extra", extra(&c.extra)),
            ],
            &c.sources
        ),
        |c: &crate::facts::Country| vec![c.id.value.clone()]
    );
    records!(
        "organization",
        organizations,
        |o: &crate::facts::Organization| o.name.clone(),
        |o: &crate::facts::Organization| fields(
            vec![
                ("name", o.name.clone()),
                ("short_name", opt(&o.short_name)),
                ("kind", o.kind.clone()),
                (
                    "parent",
                    o.parent
                        .as_ref()
                        .map(|p| p.value.clone())
                        .unwrap_or_default()
                ),
                ("extra", extra(&o.extra)),
            ],
            &o.sources
        ),
        |o: &crate::facts::Organization| vec![o.id.value.clone()]
    );
    records!(
        "person",
        people,
        |p: &crate::facts::Person| p.name.clone(),
        |p: &crate::facts::Person| fields(
            vec![
                ("name", p.name.clone()),
                (
                    "positions",
                    p.positions
                        .iter()
                        .map(|x| format!(
                            "{} ({}, {}–{})",
                            x.title,
                            x.party.value,
                            opt(&x.from),
                            opt(&x.until)
                        ))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                ("extra", extra(&p.extra)),
            ],
            &p.sources
        ),
        |p: &crate::facts::Person| p.positions.iter().map(|x| x.party.value.clone()).collect()
    );
    records!(
        "process",
        processes,
        |p: &crate::facts::Process| p.name.clone(),
        |p: &crate::facts::Process| fields(
            vec![
                ("name", p.name.clone()),
                ("summary", opt(&p.summary)),
                ("launched", opt(&p.launched)),
                (
                    "initiator",
                    p.initiator
                        .as_ref()
                        .map(|i| i.value.clone())
                        .unwrap_or_default()
                ),
                ("themes", list(&p.themes)),
                ("extra", extra(&p.extra)),
            ],
            &p.sources
        ),
        |p: &crate::facts::Process| p.initiator.iter().map(|i| i.value.clone()).collect()
    );
    records!(
        "initiative",
        initiatives,
        |i: &crate::facts::Initiative| format!("{}: {}", name_of(&i.party.value), i.title),
        |i: &crate::facts::Initiative| fields(
            vec![
                ("party", i.party.value.clone()),
                ("kind", i.kind.clone()),
                ("title", i.title.clone()),
                ("summary", opt(&i.summary)),
                ("from", opt(&i.from)),
                ("until", opt(&i.until)),
                (
                    "event",
                    i.event
                        .as_ref()
                        .map(|e| e.value.clone())
                        .unwrap_or_default()
                ),
                ("extra", extra(&i.extra)),
            ],
            &i.sources
        ),
        |i: &crate::facts::Initiative| vec![i.party.value.clone()]
    );
    records!(
        "event",
        events,
        |e: &Event| e.label().to_owned(),
        event_fields,
        event_parties
    );

    // Within each event present in both editions: its items.
    for e in &new.events {
        let Some(o) = old.event(&e.id.value) else {
            continue;
        };
        let label = e.label().to_owned();
        let mut items = Items {
            diff: &mut d,
            event: &e.id.value,
            label: &label,
        };
        items.compare(
            "participant",
            &o.participants,
            &e.participants,
            participant_key,
            |p: &Participation| p.party.value.clone(),
            |p: &Participation| name_of(&p.party.value),
            |p: &Participation| {
                fields(
                    vec![
                        ("party", p.party.value.clone()),
                        ("role", p.role.clone()),
                        (
                            "head",
                            p.head.as_ref().map(|h| h.value.clone()).unwrap_or_default(),
                        ),
                        ("note", opt(&p.note)),
                        ("extra", extra(&p.extra)),
                    ],
                    &p.sources,
                )
            },
            |p: &Participation| vec![p.party.value.clone()],
        );
        items.compare(
            "figure",
            &o.figures,
            &e.figures,
            |f: &Figure| f.measure.clone(),
            |f: &Figure| f.measure.clone(),
            |f: &Figure| {
                f.label
                    .clone()
                    .unwrap_or_else(|| f.measure.replace(['-', '_'], " "))
            },
            |f: &Figure| {
                fields(
                    vec![
                        ("value", f.value.to_string()),
                        ("qualifier", opt(&f.qualifier)),
                        ("label", opt(&f.label)),
                        ("note", opt(&f.note)),
                        ("extra", extra(&f.extra)),
                    ],
                    &f.sources,
                )
            },
            |_f: &Figure| Vec::new(),
        );
        items.compare(
            "statement",
            &o.statements,
            &e.statements,
            statement_key,
            |s: &Statement| s.speaker.value.clone(),
            |s: &Statement| {
                format!(
                    "by {}",
                    new.person(&s.speaker.value)
                        .map_or(s.speaker.value.as_str(), |p| p.name.as_str())
                )
            },
            |s: &Statement| {
                fields(
                    vec![
                        ("text", s.text.clone()),
                        ("kind", s.kind.clone()),
                        (
                            "on_behalf_of",
                            s.on_behalf_of
                                .as_ref()
                                .map(|p| p.value.clone())
                                .unwrap_or_default(),
                        ),
                        ("note", opt(&s.note)),
                        ("extra", extra(&s.extra)),
                    ],
                    &s.sources,
                )
            },
            |s: &Statement| {
                let mut parties: Vec<String> =
                    s.on_behalf_of.iter().map(|p| p.value.clone()).collect();
                if let Some(p) = new
                    .person(&s.speaker.value)
                    .and_then(|p| p.position_at(e.start.value))
                {
                    parties.push(p.party.value.clone());
                }
                parties
            },
        );
        items.compare(
            "outcome",
            &o.outcomes,
            &e.outcomes,
            |x: &Outcome| x.title.clone(),
            |_x: &Outcome| String::new(),
            |x: &Outcome| x.title.clone(),
            |x: &Outcome| {
                fields(
                    vec![
                        ("title", x.title.clone()),
                        ("kind", opt(&x.kind)),
                        ("note", opt(&x.note)),
                        ("extra", extra(&x.extra)),
                    ],
                    &x.sources,
                )
            },
            |_x: &Outcome| Vec::new(),
        );
        items.compare(
            "discussion",
            &o.discussions,
            &e.discussions,
            |x: &Discussion| x.text.clone(),
            |_x: &Discussion| String::new(),
            |x: &Discussion| x.text.chars().take(60).collect(),
            |x: &Discussion| {
                fields(
                    vec![("text", x.text.clone()), ("extra", extra(&x.extra))],
                    &x.sources,
                )
            },
            |_x: &Discussion| Vec::new(),
        );
        items.compare(
            "claim",
            &o.claims,
            &e.claims,
            claim_key,
            |x: &Claim| x.field.clone(),
            |x: &Claim| format!("on {}", x.field),
            |x: &Claim| {
                fields(
                    vec![
                        ("field", x.field.clone()),
                        ("value", x.value.clone()),
                        ("note", opt(&x.note)),
                        ("extra", extra(&x.extra)),
                    ],
                    &x.sources,
                )
            },
            |_x: &Claim| Vec::new(),
        );
    }
    d
}

/// The key of a participant within its event: party and head.
pub fn participant_key(p: &Participation) -> String {
    format!(
        "{}|{}",
        p.party.value,
        p.head.as_ref().map(|h| h.value.as_str()).unwrap_or("")
    )
}

/// The key of a statement within its event: speaker and text.
pub fn statement_key(s: &Statement) -> String {
    format!("{}|{}", s.speaker.value, s.text)
}

/// The key of a claim within its event: field and value.
pub fn claim_key(c: &Claim) -> String {
    format!("{}|{}", c.field, c.value)
}

fn event_fields(e: &Event) -> Fields {
    fields(
        vec![
            ("title", e.title.clone()),
            ("short_title", opt(&e.short_title)),
            ("kind", e.kind.clone()),
            (
                "process",
                e.process
                    .as_ref()
                    .map(|p| p.value.clone())
                    .unwrap_or_default(),
            ),
            ("sequence", opt(&e.sequence)),
            (
                "parent",
                e.parent
                    .as_ref()
                    .map(|p| p.value.clone())
                    .unwrap_or_default(),
            ),
            ("start", e.start.value.to_string()),
            (
                "end",
                e.end
                    .as_ref()
                    .map(|d| d.value.to_string())
                    .unwrap_or_default(),
            ),
            (
                "location",
                e.location
                    .as_ref()
                    .map(|l| {
                        format!(
                            "{}, {}",
                            opt(&l.city),
                            l.country.as_ref().map(|c| c.value.as_str()).unwrap_or("")
                        )
                    })
                    .unwrap_or_default(),
            ),
            ("hosts", refs(&e.hosts)),
            ("organizers", refs(&e.organizers)),
            ("funders", refs(&e.funders)),
            ("topics", list(&e.topics)),
            ("regions", list(&e.regions)),
            ("note", opt(&e.note)),
            ("extra", extra(&e.extra)),
        ],
        &e.sources,
    )
}

fn event_parties(e: &Event) -> Vec<String> {
    let mut parties: Vec<String> = e
        .hosts
        .iter()
        .chain(&e.organizers)
        .chain(&e.funders)
        .map(|r| r.value.clone())
        .chain(e.participants.iter().map(|p| p.party.value.clone()))
        .collect();
    parties.sort();
    parties.dedup();
    parties
}

/// Compares the items of one kind within one event.
struct Items<'d> {
    diff: &'d mut Diff,
    event: &'d str,
    label: &'d str,
}

impl Items<'_> {
    #[allow(clippy::too_many_arguments)]
    fn compare<T>(
        &mut self,
        kind: &'static str,
        old: &[T],
        new: &[T],
        key: impl Fn(&T) -> String,
        secondary: impl Fn(&T) -> String,
        name: impl Fn(&T) -> String,
        fields_of: impl Fn(&T) -> Fields,
        parties: impl Fn(&T) -> Vec<String>,
    ) {
        let mut unmatched_old: Vec<&T> = Vec::new();
        let mut used: Vec<bool> = vec![false; new.len()];
        let mut pairs: Vec<(&T, &T)> = Vec::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in new.iter().enumerate() {
            by_key.entry(key(n)).or_default().push(i);
        }
        for o in old {
            let found = by_key
                .get_mut(&key(o))
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
            let candidates: Vec<usize> = (0..new.len())
                .filter(|&i| !used[i] && secondary(&new[i]) == secondary(o))
                .collect();
            match candidates.first() {
                Some(&i) => {
                    used[i] = true;
                    pairs.push((o, &new[i]));
                }
                None => still_old.push(o),
            }
        }
        let subject = |t: &T| Subject {
            kind,
            id: self.event.to_owned(),
            key: Some(key(t)),
            label: format!("{}: {kind} {}", self.label, name(t)),
            parties: parties(t),
        };
        for (o, n) in pairs {
            self.diff.compared(subject(n), &fields_of(o), fields_of(n));
        }
        for (i, n) in new.iter().enumerate() {
            if !used[i] {
                self.diff.presence(subject(n), "added", fields_of(n));
            }
        }
        for o in still_old {
            self.diff.presence(subject(o), "removed", fields_of(o));
        }
    }
}
