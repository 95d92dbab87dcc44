//! Context: a validated [`FactBase`] and a document request → the typed [`Context`] a
//! template receives.
//!
//! Pure, no I/O. Every record a template can print has one struct here, built in one place,
//! so the types below *are* the documentation of `brief context` (the field reference in
//! `templates/README.md` follows them, and a test keeps the two in step). References are
//! expanded (an event's organizers become parties with names, not ids), records are sorted
//! chronologically, and what is a matter of preparing data rather than of layout is done
//! here: dates as a reader writes them (`dates`, `*_text`), a person's attribution with the
//! position held at the time (`Person::text`), an initiative's years when its title does not
//! already give them, the label and formatted value of a claim.
//!
//! Citations are *keys* (source ids): `cite: ["kuna-2024-11-04"]`. They are numbered by the
//! shared Typst styling at first use, in the order the page prints them, and the sources list
//! follows that order, so a template's section order can never put notes out of sequence.
//! `sources` lists every source the context cites, for that list.
//!
//! What each parameter kind adds (`process`, `country`, `event`) is built in [`focus`].

mod focus;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::facts::{Citation, Event, FactBase, FuzzyDate, Initiative, Party, Process, Ref};
use crate::templates::ParamKind;
use crate::yaml::Extra;

pub use focus::{CountryFocus, EventFocus, ProcessFocus};

/// What document is being made: the template, its checked parameters and the settings.
#[derive(Debug, Clone)]
pub struct Request {
    pub template: String,
    /// Parameter name → (kind, value), the value already checked against the fact base.
    pub params: BTreeMap<String, (ParamKind, String)>,
    pub as_of: chrono::NaiveDate,
    /// Paper size as Typst names it (`a4`, `us-letter`).
    pub paper: String,
    /// The handling marking printed on every page, if any.
    pub marking: Option<String>,
    /// The issuing office (from `issuer.yaml`), if any.
    pub office: Option<String>,
    /// The document language, a code Typst accepts (`en`).
    pub lang: String,
    /// The region of the language (`GB` for `en-GB`), if the tag gives one.
    pub region: Option<String>,
}

/// Everything a template receives. The focus of each parameter adds its fields at the top
/// level (`process`, `events`, … for a process; `country`, `roles`, … for a country;
/// `event`, `series`, … for an event).
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub brief: Brief,
    #[serde(flatten)]
    pub process_focus: Option<ProcessFocus>,
    #[serde(flatten)]
    pub country_focus: Option<CountryFocus>,
    #[serde(flatten)]
    pub event_focus: Option<EventFocus>,
    /// Every source the context cites, in the order of first citation in the context. The
    /// printed list is ordered by the page instead (see `sources-list` in `brief.typ`).
    pub sources: Vec<Source>,
    /// With `--since`: the revision compared with (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<crate::history::Revision>,
    /// With `--since`: what changed since then that this document concerns (absent
    /// otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<crate::changes::Change>>,
}

/// The document's settings.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub template: String,
    /// Parameter name → value.
    pub params: BTreeMap<String, String>,
    /// ISO date, `2026-11-24`.
    pub as_of: String,
    /// `24 November 2026`.
    pub as_of_text: String,
    pub paper: String,
    pub marking: Option<String>,
    pub office: Option<String>,
    pub lang: String,
    /// The language's region (`GB`), if the issuer's tag gives one.
    pub region: Option<String>,
}

/// A country or an organisation, as named in the document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyRef {
    pub id: String,
    /// `country`, `organization`, or `unknown` (an id the fact base does not define).
    #[serde(rename = "type")]
    pub party_type: &'static str,
    pub name: String,
    /// The short name where there is one (`UNOCT`), else the name.
    pub label: String,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
}

/// A person as of an event: the position held at that date, if the fact base knows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// The position's title, e.g. `Minister for Foreign Affairs`.
    pub title: Option<String>,
    /// The party the position is held in.
    pub party: Option<PartyRef>,
    /// `Name, Title (Party)`; the party is left out when the title already names it.
    pub text: String,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
}

/// A short reference to an event, used wherever an event is named rather than told.
#[derive(Debug, Clone, Serialize)]
pub struct EventRef {
    pub id: String,
    pub title: String,
    /// The short title where there is one, else the title.
    pub label: String,
    /// `conference`, `meeting`, `side-event`, …
    pub kind: String,
    /// The kind as words: `side event`.
    pub kind_text: String,
    /// The meeting's number in its process, if recorded.
    pub sequence: Option<u64>,
    /// ISO dates (`end` equals `start` for a one-day event).
    pub start: String,
    pub end: String,
    /// `4–5 November 2024`.
    pub dates: String,
    pub year: i32,
    pub city: Option<String>,
    /// `Kuwait City, Kuwait`, or none.
    pub place: Option<String>,
}

/// An event in full: the fields of [`EventRef`] and everything recorded about it.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    #[serde(flatten)]
    pub event: EventRef,
    pub short_title: Option<String>,
    /// The event this one is part of (a conference, for a side event).
    pub parent: Option<Link>,
    /// The process it is a meeting of.
    pub process: Option<Link>,
    pub location: Option<Location>,
    pub hosts: Vec<PartyRef>,
    pub organizers: Vec<PartyRef>,
    pub funders: Vec<PartyRef>,
    /// Topics in words; topics that name an event or process are in `related_to`.
    pub topics: Vec<String>,
    pub related_to: Vec<Link>,
    pub regions: Vec<String>,
    pub figures: Vec<FigureRecord>,
    pub participants: Vec<Participant>,
    pub statements: Vec<StatementRecord>,
    pub discussions: Vec<Discussion>,
    pub outcomes: Vec<Outcome>,
    pub claims: Vec<ClaimRecord>,
    /// Positions and initiatives stated at the event.
    pub initiatives: Vec<InitiativeRecord>,
    /// A curator's note qualifying the record (an announced event, a date from a dateline).
    pub note: Option<String>,
    /// Side events and meetings that belong to it, in full (filled for the events a document
    /// is about: each meeting of a process history, the event of an event brief).
    pub related: Vec<EventRecord>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// An id with the label to print for it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub id: String,
    pub label: String,
}

/// Where an event took place.
#[derive(Debug, Clone, Serialize)]
pub struct Location {
    pub city: Option<String>,
    pub country: Option<PartyRef>,
    /// `Kuwait City, Kuwait`.
    pub text: String,
}

/// A headline figure: a number the sources give for an event.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRecord {
    pub measure: String,
    /// What is counted, in words: `participants`.
    pub label: String,
    pub value: u64,
    /// `more than`, `about`, …
    pub qualifier: Option<String>,
    /// The value as printed: `more than 500`.
    pub text: String,
    pub note: Option<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// A party taking part in an event.
#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub party: PartyRef,
    /// `host`, `delegation`, `speaker`, …
    pub role: String,
    pub role_text: String,
    pub head: Option<Person>,
    pub note: Option<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// What was said: a verbatim quote or a curator's summary. Consecutive statements with the
/// same text, kind and sources by several speakers become one with several `speakers`.
#[derive(Debug, Clone, Serialize)]
pub struct StatementRecord {
    /// `quote` or `summary`.
    pub kind: String,
    pub text: String,
    pub speakers: Vec<Person>,
    pub on_behalf_of: Option<PartyRef>,
    /// Who said it, as printed: the speakers' `text`, and `, for Party` when they spoke for
    /// a party other than the one of their position.
    pub by: String,
    pub note: Option<String>,
    /// Part of a run of statements by the same speakers: `continues` on all but the first,
    /// `continued` on all but the last (the attribution is printed once, at the end).
    pub continues: bool,
    pub continued: bool,
    /// The event it was made at (country summaries, which gather statements across events).
    pub event: Option<EventRef>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// A point made in a session, without a single speaker.
#[derive(Debug, Clone, Serialize)]
pub struct Discussion {
    pub text: String,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// What an event adopted or announced.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub title: String,
    pub kind: Option<String>,
    pub kind_text: Option<String>,
    pub note: Option<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// A source that gives a different value for a field of an event.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord {
    /// The event field, e.g. `start`.
    pub field: String,
    /// The field in words: `the start date`.
    pub field_label: String,
    pub value: String,
    /// The value as printed (dates formatted): `3 September 2023`.
    pub value_text: String,
    pub note: Option<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// A party's strategy, proposal, initiative or stated position.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeRecord {
    pub id: String,
    pub party: PartyRef,
    pub kind: String,
    pub kind_text: String,
    pub title: String,
    pub summary: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    /// `2021–2025`, unless the title already gives the years (then none).
    pub years: Option<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<&'static str>,
}

/// A process, as its own record.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessRecord {
    pub id: String,
    pub name: String,
    pub summary: Option<String>,
    pub launched: Option<String>,
    pub launched_text: Option<String>,
    pub initiator: Option<PartyRef>,
    pub themes: Vec<String>,
    pub cite: Vec<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
}

/// A source document, for the sources list.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The citation key `cite` lists use.
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: String,
    /// `4 November 2024`.
    pub published_text: String,
    pub kind: String,
    pub language: Option<String>,
    pub url: Option<String>,
    pub file: Option<String>,
    /// A curator's note on the source.
    pub note: Option<String>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
}

/// Builds the template context for `request`.
pub fn build(base: &FactBase, request: &Request, since: Option<&crate::history::Since>) -> Context {
    let mut b = Builder {
        base,
        cited: Vec::new(),
        diff: since.map(|s| &s.diff),
    };
    let mut ctx = Context {
        brief: Brief {
            template: request.template.clone(),
            params: request
                .params
                .iter()
                .map(|(k, (_, v))| (k.clone(), v.clone()))
                .collect(),
            as_of: request.as_of.format("%Y-%m-%d").to_string(),
            as_of_text: request.as_of.format("%-d %B %Y").to_string(),
            paper: request.paper.clone(),
            marking: request.marking.clone(),
            office: request.office.clone(),
            lang: request.lang.clone(),
            region: request.region.clone(),
        },
        process_focus: None,
        country_focus: None,
        event_focus: None,
        sources: Vec::new(),
        since: None,
        changes: None,
    };
    for (kind, value) in request.params.values() {
        match kind {
            ParamKind::Process => {
                if let Some(process) = base.process(value) {
                    ctx.process_focus = Some(b.process_focus(process));
                }
            }
            ParamKind::Country => {
                if let Some(country) = base.country(value) {
                    ctx.country_focus = Some(b.country_focus(country));
                }
            }
            ParamKind::Event => {
                if let Some(event) = base.event(value) {
                    ctx.event_focus = Some(b.event_focus(event));
                }
            }
        }
    }
    if let Some(since) = since {
        // Only what this document concerns; removed records cite nothing on the page.
        let relevant: Vec<crate::changes::Change> = since
            .diff
            .changes
            .iter()
            .filter(|c| concerns(&ctx, c))
            .map(|c| {
                let mut c = c.clone();
                if c.change == "removed" {
                    c.sources.clear();
                }
                c.sources.retain(|s| base.source(s).is_some());
                c
            })
            .collect();
        for c in &relevant {
            for s in &c.sources {
                if !b.cited.contains(s) {
                    b.cited.push(s.clone());
                }
            }
        }
        ctx.since = Some(since.revision.clone());
        ctx.changes = Some(relevant);
    }
    ctx.sources = b.sources();
    ctx
}

/// Whether a change concerns the document: an event brief, its event and related events; a
/// country summary, what involves the country; a process history, everything.
fn concerns(ctx: &Context, c: &crate::changes::Change) -> bool {
    if let Some(f) = &ctx.event_focus {
        return c.id == f.event.event.id || f.event.related.iter().any(|r| r.event.id == c.id);
    }
    if let Some(f) = &ctx.country_focus {
        return c.parties.contains(&f.country.id) || (c.kind == "country" && c.id == f.country.id);
    }
    true
}

/// Builds records from the fact base, remembering every source cited.
struct Builder<'a> {
    base: &'a FactBase,
    /// Sources cited so far, in order of first citation.
    cited: Vec<String>,
    /// With `--since`: what changed, for marking records.
    diff: Option<&'a crate::changes::Diff>,
}

/// Words for an id-like value: `side-event` → `side event`.
fn humanize(text: &str) -> String {
    text.replace(['-', '_'], " ")
}

/// The event fields a claim can be about, in words.
fn claim_field_label(field: &str) -> String {
    match field {
        "title" => "the official title".into(),
        "short_title" => "the short title".into(),
        "kind" => "the kind of event".into(),
        "sequence" => "the meeting's number".into(),
        "parent" => "the event it was part of".into(),
        "start" => "the start date".into(),
        "end" => "the end date".into(),
        "location" => "the place".into(),
        "organizers" => "the organisers".into(),
        other => format!("the {}", humanize(other)),
    }
}

impl<'a> Builder<'a> {
    /// `new` or `changed` since the compared revision, when there is one.
    fn change(&self, kind: &str, id: &str, key: Option<&str>) -> Option<&'static str> {
        self.diff.and_then(|d| d.status(kind, id, key))
    }

    /// The citation keys of a fact, each source once, remembering them for `sources`.
    fn cite(&mut self, citations: &[Citation]) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for c in citations {
            let id = &c.source.value;
            if !keys.contains(id) {
                keys.push(id.clone());
            }
            if !self.cited.contains(id) {
                self.cited.push(id.clone());
            }
        }
        keys
    }

    fn sources(&self) -> Vec<Source> {
        self.cited
            .iter()
            .filter_map(|id| {
                let s = self.base.source(id)?;
                Some(Source {
                    id: id.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    published: s.published.to_string(),
                    published_text: s.published.text(),
                    kind: s.kind.clone(),
                    language: s.language.clone(),
                    url: s.url.as_ref().map(|u| u.value.clone()),
                    file: s.file.as_ref().map(|f| f.value.clone()),
                    note: s.note.clone(),
                    extra: s.extra.clone(),
                })
            })
            .collect()
    }

    fn party(&self, id: &str) -> PartyRef {
        match self.base.party(id) {
            Some(Party::Country(c)) => PartyRef {
                id: id.to_owned(),
                party_type: "country",
                name: c.name.clone(),
                label: c.name.clone(),
                extra: c.extra.clone(),
            },
            Some(Party::Organization(o)) => PartyRef {
                id: id.to_owned(),
                party_type: "organization",
                name: o.name.clone(),
                label: o.short_name.clone().unwrap_or_else(|| o.name.clone()),
                extra: o.extra.clone(),
            },
            None => PartyRef {
                id: id.to_owned(),
                party_type: "unknown",
                name: id.to_owned(),
                label: id.to_owned(),
                extra: Extra::new(),
            },
        }
    }

    fn parties(&self, ids: &[Ref]) -> Vec<PartyRef> {
        ids.iter().map(|p| self.party(&p.value)).collect()
    }

    /// A person as of `date`: the first position held then.
    fn person_at(&self, id: &str, date: FuzzyDate) -> Person {
        let Some(person) = self.base.person(id) else {
            return Person {
                id: id.to_owned(),
                name: id.to_owned(),
                title: None,
                party: None,
                text: id.to_owned(),
                extra: Extra::new(),
            };
        };
        let position = person.position_at(date);
        let party = position.map(|p| self.party(&p.party.value));
        let mut text = person.name.clone();
        if let Some(p) = position {
            text.push_str(", ");
            text.push_str(&p.title);
            if let Some(party) = &party
                && !p.title.contains(&party.label)
                && !p.title.contains(&party.name)
            {
                text.push_str(&format!(" ({})", party.label));
            }
        }
        Person {
            id: id.to_owned(),
            name: person.name.clone(),
            title: position.map(|p| p.title.clone()),
            party,
            text,
            extra: person.extra.clone(),
        }
    }

    fn location(&self, e: &Event) -> Option<Location> {
        let place = e.location.as_ref()?;
        let country = place.country.as_ref().map(|c| self.party(&c.value));
        let text = [place.city.clone(), country.as_ref().map(|c| c.name.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        Some(Location {
            city: place.city.clone(),
            country,
            text,
        })
    }

    /// The short reference to an event.
    fn event_ref(&self, e: &Event) -> EventRef {
        let end = e.end_date();
        EventRef {
            id: e.id.value.clone(),
            title: e.title.clone(),
            label: e.label().to_owned(),
            kind: e.kind.clone(),
            kind_text: humanize(&e.kind),
            sequence: e.sequence,
            start: e.start.value.to_string(),
            end: end.to_string(),
            dates: e.start.value.range_text(&end),
            year: e.start.value.year,
            city: e.location.as_ref().and_then(|l| l.city.clone()),
            place: self.location(e).map(|l| l.text).filter(|t| !t.is_empty()),
        }
    }

    /// An event in full, without its related events (see [`Builder::related`]).
    fn event(&mut self, e: &Event) -> EventRecord {
        let date = e.start.value;
        let parent = e
            .parent
            .as_ref()
            .and_then(|p| self.base.event(&p.value))
            .map(|p| Link {
                id: p.id.value.clone(),
                label: p.label().to_owned(),
            });
        let process = e
            .process
            .as_ref()
            .and_then(|p| self.base.process(&p.value))
            .map(|p| Link {
                id: p.id.value.clone(),
                label: p.name.clone(),
            });
        // Topics that name an event or a process link to it rather than describe it.
        let mut topics = Vec::new();
        let mut related_to = Vec::new();
        for t in &e.topics {
            match (self.base.event(t), self.base.process(t)) {
                (Some(ev), _) => related_to.push(Link {
                    id: t.clone(),
                    label: ev.label().to_owned(),
                }),
                (None, Some(p)) => related_to.push(Link {
                    id: t.clone(),
                    label: p.name.clone(),
                }),
                (None, None) => topics.push(t.clone()),
            }
        }
        let cite = self.cite(&e.sources);
        let figures = e
            .figures
            .iter()
            .map(|f| FigureRecord {
                measure: f.measure.clone(),
                label: f.label.clone().unwrap_or_else(|| humanize(&f.measure)),
                value: f.value,
                qualifier: f.qualifier.clone(),
                text: match &f.qualifier {
                    Some(q) => format!("{q} {}", f.value),
                    None => f.value.to_string(),
                },
                note: f.note.clone(),
                extra: f.extra.clone(),
                change: self.change("figure", &e.id.value, Some(&f.measure)),
                cite: self.cite(&f.sources),
            })
            .collect();
        let participants = e
            .participants
            .iter()
            .map(|p| Participant {
                party: self.party(&p.party.value),
                role: p.role.clone(),
                role_text: humanize(&p.role),
                head: p.head.as_ref().map(|h| self.person_at(&h.value, date)),
                note: p.note.clone(),
                extra: p.extra.clone(),
                change: self.change(
                    "participant",
                    &e.id.value,
                    Some(&crate::changes::participant_key(p)),
                ),
                cite: self.cite(&p.sources),
            })
            .collect();
        let statements = self.statements(e);
        let discussions = e
            .discussions
            .iter()
            .map(|d| Discussion {
                text: d.text.clone(),
                extra: d.extra.clone(),
                change: self.change("discussion", &e.id.value, Some(&d.text)),
                cite: self.cite(&d.sources),
            })
            .collect();
        let outcomes = e
            .outcomes
            .iter()
            .map(|o| Outcome {
                title: o.title.clone(),
                kind: o.kind.clone(),
                kind_text: o.kind.as_deref().map(humanize),
                note: o.note.clone(),
                extra: o.extra.clone(),
                change: self.change("outcome", &e.id.value, Some(&o.title)),
                cite: self.cite(&o.sources),
            })
            .collect();
        let claims = e
            .claims
            .iter()
            .map(|c| ClaimRecord {
                field: c.field.clone(),
                field_label: claim_field_label(&c.field),
                value: c.value.clone(),
                value_text: match c.field.as_str() {
                    "start" | "end" => FuzzyDate::parse(&c.value)
                        .map(|d| d.text())
                        .unwrap_or_else(|| c.value.clone()),
                    _ => c.value.clone(),
                },
                note: c.note.clone(),
                extra: c.extra.clone(),
                change: self.change("claim", &e.id.value, Some(&crate::changes::claim_key(c))),
                cite: self.cite(&c.sources),
            })
            .collect();
        let base = self.base;
        let initiatives = base
            .initiatives
            .iter()
            .filter(|i| i.event.as_ref().is_some_and(|ev| ev.value == e.id.value))
            .map(|i| self.initiative(i))
            .collect();
        EventRecord {
            event: self.event_ref(e),
            short_title: e.short_title.clone(),
            parent,
            process,
            location: self.location(e),
            hosts: self.parties(&e.hosts),
            organizers: self.parties(&e.organizers),
            funders: self.parties(&e.funders),
            topics,
            related_to,
            regions: e.regions.clone(),
            figures,
            participants,
            statements,
            discussions,
            outcomes,
            claims,
            initiatives,
            note: e.note.clone(),
            extra: e.extra.clone(),
            change: self.change("event", &e.id.value, None),
            related: Vec::new(),
            cite,
        }
    }

    /// An event in full with the events that belong to it (see [`belongs_to`]).
    fn event_with_related(&mut self, e: &Event) -> EventRecord {
        let mut record = self.event(e);
        let base = self.base;
        let mut related: Vec<&Event> = base.events.iter().filter(|r| belongs_to(r, e)).collect();
        related.sort_by_key(|r| (r.start.value, r.id.value.clone()));
        record.related = related.into_iter().map(|r| self.event(r)).collect();
        record
    }

    /// The statements of an event, same-text runs merged and same-speaker runs marked.
    fn statements(&mut self, e: &Event) -> Vec<StatementRecord> {
        let date = e.start.value;
        let mut out: Vec<StatementRecord> = Vec::new();
        for st in &e.statements {
            let speaker = self.person_at(&st.speaker.value, date);
            let cite = self.cite(&st.sources);
            let on_behalf_of = st.on_behalf_of.as_ref().map(|p| self.party(&p.value));
            if let Some(last) = out.last_mut()
                && last.text == st.text
                && last.kind == st.kind
                && last.cite == cite
                && last.on_behalf_of == on_behalf_of
            {
                last.speakers.push(speaker);
                last.by = attribution(&last.speakers, last.on_behalf_of.as_ref());
                continue;
            }
            let speakers = vec![speaker];
            out.push(StatementRecord {
                kind: st.kind.clone(),
                text: st.text.clone(),
                by: attribution(&speakers, on_behalf_of.as_ref()),
                speakers,
                on_behalf_of,
                note: st.note.clone(),
                extra: st.extra.clone(),
                change: self.change(
                    "statement",
                    &e.id.value,
                    Some(&crate::changes::statement_key(st)),
                ),
                continues: false,
                continued: false,
                event: None,
                cite,
            });
        }
        mark_runs(&mut out, |a, b| {
            a.speakers == b.speakers && a.kind == b.kind
        });
        out
    }

    fn initiative(&mut self, i: &Initiative) -> InitiativeRecord {
        let years = i.from.and_then(|from| {
            let first = from.year.to_string();
            if i.title.contains(&first) {
                return None;
            }
            Some(match i.until {
                Some(until) if until.year != from.year => format!("{first}–{}", until.year),
                _ => first,
            })
        });
        InitiativeRecord {
            id: i.id.value.clone(),
            party: self.party(&i.party.value),
            kind: i.kind.clone(),
            kind_text: humanize(&i.kind),
            title: i.title.clone(),
            summary: i.summary.clone(),
            from: i.from.map(|d| d.to_string()),
            until: i.until.map(|d| d.to_string()),
            years,
            extra: i.extra.clone(),
            change: self.change("initiative", &i.id.value, None),
            cite: self.cite(&i.sources),
        }
    }

    fn process(&mut self, p: &Process) -> ProcessRecord {
        ProcessRecord {
            id: p.id.value.clone(),
            name: p.name.clone(),
            summary: p.summary.clone(),
            launched: p.launched.map(|d| d.to_string()),
            launched_text: p.launched.map(|d| d.text()),
            initiator: p.initiator.as_ref().map(|i| self.party(&i.value)),
            themes: p.themes.clone(),
            extra: p.extra.clone(),
            cite: self.cite(&p.sources),
        }
    }
}

/// Who made a statement: `A, Title (Party); B, Title`, and `, for Party` when they spoke for
/// a party other than the one of their position.
fn attribution(speakers: &[Person], on_behalf_of: Option<&PartyRef>) -> String {
    let mut text = speakers
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if let Some(party) = on_behalf_of
        && !speakers
            .iter()
            .all(|s| s.party.as_ref().is_some_and(|p| p.id == party.id))
    {
        text.push_str(&format!(", for {}", party.label));
    }
    text
}

/// Marks runs of statements that belong together (`same`): `continues` on all but the first
/// of a run, `continued` on all but the last, so templates print the attribution once.
fn mark_runs(
    statements: &mut [StatementRecord],
    same: impl Fn(&StatementRecord, &StatementRecord) -> bool,
) {
    for i in 0..statements.len() {
        let continues = i > 0 && same(&statements[i - 1], &statements[i]);
        let continued = i + 1 < statements.len() && same(&statements[i], &statements[i + 1]);
        statements[i].continues = continues;
        statements[i].continued = continued;
    }
}

/// Whether `e` belongs with `parent`: a side event or meeting of it (`parent`), or an event
/// outside any process that names it among its topics.
pub(crate) fn belongs_to(e: &Event, parent: &Event) -> bool {
    let id = &parent.id.value;
    if e.id.value == *id {
        return false;
    }
    match &e.parent {
        Some(p) => p.value == *id,
        None => e.process.is_none() && e.topics.iter().any(|t| t == id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn request(kind: ParamKind, name: &str, value: &str) -> Request {
        Request {
            template: "t".into(),
            params: BTreeMap::from([(name.to_owned(), (kind, value.to_owned()))]),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            paper: "a4".into(),
            marking: None,
            office: None,
            lang: "en".into(),
            region: None,
        }
    }

    fn minimal() -> FactBase {
        crate::facts::load(Path::new("tests/fixtures/minimal")).unwrap()
    }

    #[test]
    fn sources_list_every_cited_source_once() {
        let base = minimal();
        let ctx = build(
            &base,
            &request(ParamKind::Process, "process", "lake-dialogue"),
            None,
        );
        let ids: Vec<&str> = ctx.sources.iter().map(|s| s.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        let json = serde_json::to_string(&ctx).unwrap();
        for id in &ids {
            assert!(
                json.contains(&format!("\"cite\":[\"{id}\""))
                    || json.contains(&format!(",\"{id}\"")),
                "{id}"
            );
        }
        assert!(!ids.is_empty());
    }

    #[test]
    fn dates_and_attributions_are_prepared_for_print() {
        let base = minimal();
        let ctx = build(
            &base,
            &request(ParamKind::Process, "process", "lake-dialogue"),
            None,
        );
        assert_eq!(ctx.brief.as_of_text, "24 November 2026");
        let focus = ctx.process_focus.unwrap();
        let first = &focus.events[0];
        assert!(!first.event.dates.is_empty());
        assert!(first.event.dates.chars().any(|c| c.is_ascii_digit()));
        for s in focus.events.iter().flat_map(|e| &e.statements) {
            assert!(s.by.starts_with(&s.speakers[0].name), "{}", s.by);
        }
    }

    #[test]
    fn a_title_that_names_the_party_gets_no_suffix() {
        let p = |label: &str| PartyRef {
            id: "X".into(),
            party_type: "country",
            name: label.into(),
            label: label.into(),
            extra: Extra::new(),
        };
        let speakers = vec![Person {
            id: "a".into(),
            name: "A".into(),
            title: Some("Minister".into()),
            party: Some(p("Xland")),
            text: "A, Minister (Xland)".into(),
            extra: Extra::new(),
        }];
        assert_eq!(attribution(&speakers, None), "A, Minister (Xland)");
        assert_eq!(
            attribution(&speakers, Some(&p("Xland"))),
            "A, Minister (Xland)"
        );
        let mut other = p("Yland");
        other.id = "Y".into();
        assert_eq!(
            attribution(&speakers, Some(&other)),
            "A, Minister (Xland), for Yland"
        );
    }

    #[test]
    fn claims_name_the_field_and_format_dates() {
        assert_eq!(claim_field_label("start"), "the start date");
        assert_eq!(claim_field_label("organizers"), "the organisers");
        assert_eq!(claim_field_label("short_title"), "the short title");
    }
}
