//! Fields: each record's fields by name, as text, in one fixed order — what `brief diff`
//! compares and reports (`title: old → new`), and the one list of a record's fields outside
//! its reader. A new field of a record is added here and in [`super::read`].

use super::*;
use crate::yaml::Extra;

/// The fields that are the curator's own words or data: no source needs to support them (a
/// source may still support a note or a short title). `extra` is never a source's.
pub const CURATORS_OWN: [&str; 8] = [
    "note",
    "description",
    "short_title",
    "in_text",
    "variants",
    "marking",
    "status",
    "extra",
];

/// Whether a source can support the field `name`: anything but the curator's `extra` and
/// `status` (whether the sources report a fact or only announce it is read from their dates).
pub fn supportable(name: &str) -> bool {
    name != "extra" && name != "status"
}

/// A record whose fields can be listed by name.
pub trait Described {
    /// Each field's name and value as text (`""` when absent); lists joined with `, `,
    /// references by id, the curator's `extra` as JSON. Citations are not fields.
    fn fields(&self) -> Vec<(&'static str, String)>;
    /// The citations of the record itself (not of the items inside it).
    fn citations(&self) -> &[Citation];
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn status(announced: bool) -> String {
    if announced {
        "announced".into()
    } else {
        String::new()
    }
}

fn id(r: &Option<Ref>) -> String {
    r.as_ref().map(|r| r.value.clone()).unwrap_or_default()
}

fn list<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(", ")
}

fn refs(items: &[Ref]) -> String {
    items
        .iter()
        .map(|r| r.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn extra(e: &Extra) -> String {
    if e.is_empty() {
        String::new()
    } else {
        serde_json::Value::Object(e.clone()).to_string()
    }
}

impl Described for SourceDoc {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("publisher", self.publisher.clone()),
            ("published", self.published.to_string()),
            ("kind", self.kind.clone()),
            ("language", opt(&self.language)),
            ("url", id(&self.url)),
            ("file", id(&self.file)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &[]
    }
}

impl Described for Country {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("official_name", opt(&self.official_name)),
            ("variants", list(&self.variants)),
            ("region", opt(&self.region)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Organization {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("short_name", opt(&self.short_name)),
            ("variants", list(&self.variants)),
            ("kind", self.kind.clone()),
            ("parent", id(&self.parent)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Person {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let positions = self
            .positions
            .iter()
            .map(|x| {
                let own = extra(&x.extra);
                format!(
                    "{} ({}, {}–{}){}{own}",
                    x.title,
                    x.party.value,
                    opt(&x.from),
                    opt(&x.until),
                    if own.is_empty() { "" } else { " " },
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            ("name", self.name.clone()),
            ("variants", list(&self.variants)),
            ("positions", positions),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Position {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("party", self.party.value.clone()),
            ("from", opt(&self.from)),
            ("until", opt(&self.until)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Process {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("summary", opt(&self.summary)),
            ("launched", opt(&self.launched)),
            ("initiator", id(&self.initiator)),
            ("themes", list(&self.themes)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Assessment {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.kind.clone()),
            ("about", self.about.value.clone()),
            ("text", self.text.clone()),
            ("author", self.author.clone()),
            ("date", self.date.value.to_string()),
            ("marking", opt(&self.marking)),
            ("confidence", opt(&self.confidence)),
            ("rests_on", refs(&self.rests_on)),
            ("extra", extra(&self.extra)),
        ]
    }
    /// The analyst's own words: never cited.
    fn citations(&self) -> &[Citation] {
        &[]
    }
}

impl Described for Initiative {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("party", self.party.value.clone()),
            ("kind", self.kind.clone()),
            ("title", self.title.clone()),
            ("summary", opt(&self.summary)),
            ("from", opt(&self.from)),
            ("until", opt(&self.until)),
            ("event", id(&self.event)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Event {
    fn fields(&self) -> Vec<(&'static str, String)> {
        let location = self
            .location
            .as_ref()
            .map(|l| format!("{}, {}", opt(&l.city), id(&l.country)))
            .unwrap_or_default();
        vec![
            (
                if self.described {
                    "description"
                } else {
                    "title"
                },
                self.title.clone(),
            ),
            ("marking", opt(&self.marking)),
            ("short_title", opt(&self.short_title)),
            ("in_text", opt(&self.in_text)),
            ("kind", self.kind.clone()),
            ("process", id(&self.process)),
            ("sequence", opt(&self.sequence)),
            ("parent", id(&self.parent)),
            ("start", self.start.value.to_string()),
            ("end", opt(&self.end.as_ref().map(|d| d.value))),
            ("location", location),
            ("hosts", refs(&self.hosts)),
            ("organizers", refs(&self.organizers)),
            ("funders", refs(&self.funders)),
            ("topics", list(&self.topics)),
            ("regions", list(&self.regions)),
            ("status", status(self.announced)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Participation {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("party", self.party.value.clone()),
            ("role", self.role.clone()),
            ("person", id(&self.person)),
            ("as", self.capacity.clone()),
            ("status", status(self.announced)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Figure {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("value", self.value.to_string()),
            ("qualifier", opt(&self.qualifier)),
            ("label", opt(&self.label)),
            ("status", status(self.announced)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Statement {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("text", self.text.clone()),
            ("kind", self.kind.clone()),
            ("on_behalf_of", id(&self.on_behalf_of)),
            ("about", refs(&self.about)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Outcome {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("title", self.title.clone()),
            ("kind", opt(&self.kind)),
            ("status", status(self.announced)),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Discussion {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![("text", self.text.clone()), ("extra", extra(&self.extra))]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}

impl Described for Claim {
    fn fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("field", self.field.clone()),
            ("value", self.value.clone()),
            ("note", opt(&self.note)),
            ("extra", extra(&self.extra)),
        ]
    }
    fn citations(&self) -> &[Citation] {
        &self.sources
    }
}
