//! Records: one struct per record a template can print, as `brief context` shows it. The
//! field reference in `templates/README.md` follows these types (a test keeps them in step).

use serde::Serialize;

use std::collections::BTreeMap;

use super::Meta;
use crate::yaml::Extra;

/// A country or an organisation, as named in the document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyRef {
    pub id: String,
    /// `country`, `organization`, or `unknown` (an id the fact base does not define).
    #[serde(rename = "type")]
    pub party_type: &'static str,
    pub name: String,
    /// The short name where there is one (`UNHCR`), else the name.
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
    /// The title a source gives, or (when `described`) the curator's description.
    pub title: String,
    /// No source names the event: `title` is the curator's description of it.
    pub described: bool,
    /// The short title where there is one, else the title.
    pub label: String,
    /// How running text names it (`the Kuwait Phase`): `in_text` in the fact base, else
    /// `label`.
    pub label_in_text: String,
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
    /// `Bergen, Norway`, or none.
    pub place: Option<String>,
    /// Said in advance by its sources, not reported as held (`status: announced`).
    pub announced: bool,
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
    /// The fields only sources from before the event support (`start`, `hosts`, …): they
    /// say these were to be, so they print as announced.
    pub announced_fields: Vec<&'static str>,
    /// Side events and meetings that belong to it, in full (filled for the events a document
    /// is about: each meeting of a process history, the event of an event brief).
    pub related: Vec<EventRecord>,
    /// Each field's notes: the sources that support that field (`cite_of.start`), for a row
    /// or sentence built from it. `cite` is every source of the record.
    pub cite_of: CiteOf,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A record's fields, each with the sources that support it.
pub type CiteOf = BTreeMap<&'static str, Vec<String>>;

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
    /// `Bergen, Norway`.
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
    /// Said in advance by its sources (`status: announced`), not reported as done.
    pub announced: bool,
    pub note: Option<String>,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A party taking part in an event.
#[derive(Debug, Clone, Serialize)]
pub struct Participant {
    pub party: PartyRef,
    /// `host`, `delegation`, `speaker`, …
    pub role: String,
    pub role_text: String,
    /// The head of its delegation: the person, when the sources say the person led it.
    pub head: Option<Person>,
    /// The person who acted for it, whatever the capacity (see `capacity`).
    pub person: Option<Person>,
    /// What `person` did: `led` (the delegation), `spoke` (for the party), `received` (the
    /// other side), `represented`; empty without a person.
    pub capacity: String,
    /// Said in advance by its sources (`status: announced`), not reported as done.
    pub announced: bool,
    pub note: Option<String>,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
}

/// What was said: a verbatim quote or a curator's summary. Consecutive statements with the
/// same text, kind and sources by several speakers become one with several `speakers`.
#[derive(Debug, Clone, Serialize)]
pub struct StatementRecord {
    /// `quote` or `summary`.
    pub kind: String,
    pub text: String,
    /// The language a quote is in: its first source's (`language:` of the source), as Typst
    /// takes it (`en`, `ru`); none for a summary or a source that does not say.
    pub lang: Option<String>,
    pub speakers: Vec<Person>,
    pub on_behalf_of: Option<PartyRef>,
    /// Who said it, as printed: the speakers' `text`, and `, for Party` when they spoke for
    /// a party other than the one of their position.
    pub by: String,
    /// The label of the party `by` names them as speaking for, or none (so a template that
    /// writes the speakers itself, as the shared Typst files do — a long title once per
    /// document — can say it too).
    pub speaking_for: Option<String>,
    pub note: Option<String>,
    /// Part of a run of statements by the same speakers: `continues` on all but the first,
    /// `continued` on all but the last (the attribution is printed once, at the end).
    pub continues: bool,
    pub continued: bool,
    /// The event it was made at (country summaries, which gather statements across events).
    pub event: Option<EventRef>,
    /// Its only sources were published before the event began (a press release quoting the
    /// speaker in advance): printed so, not as said at the event.
    pub ahead: bool,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A point made in a session, without a single speaker.
#[derive(Debug, Clone, Serialize)]
pub struct Discussion {
    pub text: String,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
}

/// What an event adopted or announced.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub title: String,
    pub kind: Option<String>,
    pub kind_text: Option<String>,
    /// Said in advance by its sources (`status: announced`), not reported as done.
    pub announced: bool,
    pub note: Option<String>,
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
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
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
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
    /// Its notes, the curator's own fields and its mark since a revision.
    #[serde(flatten)]
    pub meta: Meta,
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
    /// Each field's notes (see [`EventRecord::cite_of`]).
    pub cite_of: CiteOf,
    /// Its notes and the curator's own fields.
    #[serde(flatten)]
    pub meta: Meta,
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
