//! The records of a fact base, as the loader makes them, and finding them by id.

use std::collections::HashMap;

use super::{FuzzyDate, Ref};
use crate::yaml::{Extra, Located};

// The values of the fields that take one of a closed set of words.

pub const SOURCE_KINDS: &[&str] = &[
    "news",
    "press-release",
    "official-statement",
    "report",
    "other",
];
pub const ORGANIZATION_KINDS: &[&str] = &[
    "un-entity",
    "intergovernmental",
    "regional",
    "civil-society",
    "government-body",
    "other",
];
pub const EVENT_KINDS: &[&str] = &["conference", "side-event", "meeting", "visit", "other"];
pub const ROLES: &[&str] = &[
    "host",
    "organizer",
    "delegation",
    "speaker",
    "observer",
    "other",
];
/// `as`: what a participation's `person` did for the party — led its delegation, spoke for
/// it, received the other side, or represented it otherwise (`head: X` is `person: X` with
/// `as: led`).
pub const CAPACITIES: &[&str] = &["led", "spoke", "received", "represented"];
pub const STATEMENT_KINDS: &[&str] = &["quote", "summary"];
/// What an assessment is: the bottom line up front, a key judgement, a talking point, a next
/// step, or an open question.
pub const ASSESSMENT_KINDS: &[&str] = &[
    "bottom-line",
    "key-judgement",
    "talking-point",
    "next-step",
    "open-question",
];
/// How sure the analyst is of a judgement.
pub const CONFIDENCES: &[&str] = &["low", "moderate", "high"];
/// `status`: what the sources say of a fact — done (`reported`, the default), or said in
/// advance (`announced`).
pub const STATUSES: &[&str] = &["reported", "announced"];
/// The event fields a claim may be about.
pub const CLAIM_FIELDS: &[&str] = &[
    "title",
    "short_title",
    "kind",
    "sequence",
    "parent",
    "start",
    "end",
    "location",
    "hosts",
    "organizers",
    "funders",
    "topics",
    "regions",
    "figures",
    "participants",
    "statements",
    "discussions",
    "outcomes",
];

pub const INITIATIVE_KINDS: &[&str] = &["strategy", "proposal", "position", "initiative", "other"];

/// The text fields of a record in other languages: language tag (`ru`, `fr`, `ar`) → field
/// name → text (`translations:` in the fact base).
pub type Translations =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>;

/// A loaded, validated fact base.
#[derive(Debug, Default, Clone)]
pub struct FactBase {
    pub sources: Vec<SourceDoc>,
    pub countries: Vec<Country>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    pub processes: Vec<Process>,
    pub events: Vec<Event>,
    /// National positions and initiatives (a collection beyond DATA.md v1).
    pub initiatives: Vec<Initiative>,
    /// The analyst's own judgements: not facts, never cited (a collection beyond DATA.md v1).
    pub assessments: Vec<Assessment>,
    /// Who issues the briefings made from this fact base (`issuer.yaml`, optional).
    pub issuer: Option<Issuer>,
    index: Index,
}

/// The office that issues briefings from a fact base, printed in the title block and
/// recorded as the PDF's author.
#[derive(Debug, Clone)]
pub struct Issuer {
    pub office: String,
    /// The language of the briefings (BCP 47), `en` when absent.
    pub language: Option<String>,
    /// What a cover block needs, each printed only when given: who prepared the briefings,
    /// how to reach them, who cleared them, a reference number, who receives them, and the
    /// office's postal address.
    pub prepared_by: Option<String>,
    pub contact: Option<String>,
    pub cleared_by: Option<String>,
    pub reference: Option<String>,
    pub distribution: Vec<String>,
    pub address: Option<String>,
    /// The office's logo: an image file (PNG, JPEG or SVG) in the fact base folder, by its
    /// path from there (`logo.png`, `images/crest.svg`).
    pub logo: Option<Located<String>>,
}

/// The optional file naming the issuing office.
pub const ISSUER_FILE: &str = "issuer.yaml";

/// Positions of records by id, per collection.
#[derive(Debug, Default, Clone)]
struct Index {
    sources: HashMap<String, usize>,
    countries: HashMap<String, usize>,
    organizations: HashMap<String, usize>,
    people: HashMap<String, usize>,
    processes: HashMap<String, usize>,
    events: HashMap<String, usize>,
}

/// A citation: the source a fact comes from, optionally with a verbatim excerpt, and the
/// fields of its record the source supports (none listed: the whole record).
#[derive(Debug, Clone)]
pub struct Citation {
    pub source: Ref,
    pub excerpt: Option<Located<String>>,
    /// The fields of the record this source supports; empty when it supports the record as a
    /// whole.
    pub supports: Vec<Located<String>>,
}

impl Citation {
    /// Whether the source supports `field` of its record.
    pub fn supports(&self, field: &str) -> bool {
        self.supports.is_empty() || self.supports.iter().any(|s| s.value == field)
    }
}

/// A document facts are taken from.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub title: String,
    pub publisher: String,
    pub published: FuzzyDate,
    pub kind: String,
    pub language: Option<String>,
    pub url: Option<Located<String>>,
    pub file: Option<Located<String>>,
    /// A curator's note on the source, e.g. a second date it gives (optional, beyond DATA.md v1).
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Country {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    pub name: String,
    pub official_name: Option<String>,
    /// Other spellings its sources use (`Turkiye`), for finding it in excerpts.
    pub variants: Vec<String>,
    pub region: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    pub name: String,
    pub short_name: Option<String>,
    /// Other spellings its sources use (`UN OCT`), for finding it in excerpts.
    pub variants: Vec<String>,
    pub kind: String,
    pub parent: Option<Ref>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Person {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    pub name: String,
    /// Other spellings its sources use (`J. Smith`), for finding the person in excerpts.
    pub variants: Vec<String>,
    pub positions: Vec<Position>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Position {
    /// The curator's own fields (`extra:`), compared by `brief diff`.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub title: String,
    pub party: Ref,
    pub from: Option<FuzzyDate>,
    pub until: Option<FuzzyDate>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Process {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    pub name: String,
    pub summary: Option<String>,
    pub launched: Option<FuzzyDate>,
    pub initiator: Option<Ref>,
    pub themes: Vec<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    /// Its title as a source gives it — or, for an event no source names (`description:`
    /// in the fact base, `described`), the curator's words for it.
    pub title: String,
    /// The title is the curator's description, not a title any source gives.
    pub described: bool,
    /// A handling marking for what the record tells (`RESTRICTED`), if it needs one.
    pub marking: Option<String>,
    pub short_title: Option<String>,
    /// How running text names the event, article included (`the Kuwait Phase`); the short
    /// title otherwise.
    pub in_text: Option<String>,
    pub kind: String,
    pub process: Option<Ref>,
    pub sequence: Option<u64>,
    pub parent: Option<Ref>,
    pub start: Located<FuzzyDate>,
    pub end: Option<Located<FuzzyDate>>,
    pub location: Option<Place>,
    pub hosts: Vec<Ref>,
    pub organizers: Vec<Ref>,
    pub funders: Vec<Ref>,
    pub topics: Vec<String>,
    /// Regions the event brought in (an optional field beyond DATA.md v1).
    pub regions: Vec<String>,
    pub figures: Vec<Figure>,
    pub participants: Vec<Participation>,
    pub statements: Vec<Statement>,
    /// What was discussed or agreed, in the curator's words (optional, beyond DATA.md v1).
    pub discussions: Vec<Discussion>,
    pub outcomes: Vec<Outcome>,
    pub claims: Vec<Claim>,
    /// A curator's note qualifying the event record, e.g. that its date is the date of the
    /// report or that it was announced, not reported (optional, beyond DATA.md v1).
    /// Said in advance by a source published before the event (`status: announced`), not
    /// reported as done.
    pub announced: bool,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub city: Option<String>,
    pub country: Option<Ref>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub measure: String,
    /// How to print the measure (optional, beyond DATA.md v1): `UN entities`.
    pub label: Option<String>,
    pub value: u64,
    pub qualifier: Option<String>,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    /// Said in advance by a source published before the event (`status: announced`), not
    /// reported as done.
    pub announced: bool,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Participation {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub party: Ref,
    pub role: String,
    /// The person who acted for the party (`head`, or `person` with `as`).
    pub person: Option<Ref>,
    /// What the person did: one of [`CAPACITIES`] (`led` for `head`); empty without a person.
    pub capacity: String,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    /// Said in advance by a source published before the event (`status: announced`), not
    /// reported as done.
    pub announced: bool,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Statement {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub speaker: Ref,
    pub on_behalf_of: Option<Ref>,
    /// The parties it is about or addressed to ("thanked the Government of Norway"):
    /// a country summary shows what others said of the country.
    pub about: Vec<Ref>,
    pub kind: String,
    pub text: String,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

/// A point the sources report about an event's discussions, without a single speaker.
#[derive(Debug, Clone)]
pub struct Discussion {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub text: String,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub title: String,
    pub kind: Option<String>,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    /// Said in advance by a source published before the event (`status: announced`), not
    /// reported as done.
    pub announced: bool,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Claim {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub field: String,
    pub value: String,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

impl Event {
    /// The short title where there is one, else the title.
    pub fn label(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The last day: `end`, or `start` when absent.
    pub fn end_date(&self) -> FuzzyDate {
        self.end.as_ref().map_or(self.start.value, |d| d.value)
    }
}

/// A position or initiative of a party: a strategy, a proposal, a stated position.
/// An analyst's judgement about a process, event, country or organisation: prose of their
/// own, kept apart from the sourced facts and printed as such.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    /// One of [`ASSESSMENT_KINDS`].
    pub kind: String,
    /// The record it concerns: a process, event, country or organisation id.
    pub about: Ref,
    pub text: String,
    pub author: String,
    pub date: Located<FuzzyDate>,
    /// One of [`CONFIDENCES`].
    pub confidence: Option<String>,
    /// Events or processes whose facts it rests on (they carry their own notes).
    pub rests_on: Vec<Ref>,
    /// A handling marking for the judgement, if it needs one.
    pub marking: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Initiative {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    /// Its text fields in other languages: language tag → field → text.
    pub translations: Translations,
    pub id: Ref,
    pub party: Ref,
    pub kind: String,
    pub title: String,
    pub summary: Option<String>,
    pub from: Option<FuzzyDate>,
    pub until: Option<FuzzyDate>,
    /// The event at which the sources say it was stated.
    pub event: Option<Ref>,
    pub sources: Vec<Citation>,
}

/// A party: a country or an organization.
#[derive(Debug, Clone, Copy)]
pub enum Party<'a> {
    Country(&'a Country),
    Organization(&'a Organization),
}

impl Party<'_> {
    /// The short name where there is one, else the name.
    pub fn label(&self) -> &str {
        match self {
            Party::Country(c) => &c.name,
            Party::Organization(o) => o.short_name.as_deref().unwrap_or(&o.name),
        }
    }
}

impl FactBase {
    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.index.countries.get(id).map(|&i| &self.countries[i])
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.index
            .organizations
            .get(id)
            .map(|&i| &self.organizations[i])
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index.people.get(id).map(|&i| &self.people[i])
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.index.processes.get(id).map(|&i| &self.processes[i])
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index.events.get(id).map(|&i| &self.events[i])
    }

    pub fn party(&self, id: &str) -> Option<Party<'_>> {
        self.country(id)
            .map(Party::Country)
            .or_else(|| self.organization(id).map(Party::Organization))
    }

    /// Every citation in the fact base, in collection order.
    pub fn citations(&self) -> Vec<&Citation> {
        let mut out: Vec<&Citation> = Vec::new();
        out.extend(self.countries.iter().flat_map(|r| &r.sources));
        out.extend(self.organizations.iter().flat_map(|r| &r.sources));
        for p in &self.people {
            out.extend(p.positions.iter().flat_map(|pos| &pos.sources));
            out.extend(&p.sources);
        }
        out.extend(self.processes.iter().flat_map(|r| &r.sources));
        for e in &self.events {
            out.extend(e.figures.iter().flat_map(|f| &f.sources));
            out.extend(e.participants.iter().flat_map(|f| &f.sources));
            out.extend(e.statements.iter().flat_map(|f| &f.sources));
            out.extend(e.discussions.iter().flat_map(|f| &f.sources));
            out.extend(e.outcomes.iter().flat_map(|f| &f.sources));
            out.extend(e.claims.iter().flat_map(|f| &f.sources));
            out.extend(&e.sources);
        }
        out.extend(self.initiatives.iter().flat_map(|r| &r.sources));
        out
    }

    pub(super) fn build_index(&mut self) {
        fn positions<T>(records: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (i, r) in records.iter().enumerate() {
                map.entry(id(r).to_owned()).or_insert(i);
            }
            map
        }
        self.index = Index {
            sources: positions(&self.sources, |r| &r.id.value),
            countries: positions(&self.countries, |r| &r.id.value),
            organizations: positions(&self.organizations, |r| &r.id.value),
            people: positions(&self.people, |r| &r.id.value),
            processes: positions(&self.processes, |r| &r.id.value),
            events: positions(&self.events, |r| &r.id.value),
        };
    }
}
