//! Builder: records of the fact base → the records a template receives, remembering every
//! source cited (for the sources list) and marking what changed since a revision.

use crate::changes::{Diff, EventItem, Mark, RecordKind};
use crate::facts::{
    Basis, Citation, Described, Event, FactBase, FuzzyDate, Initiative, Party, Process, Ref,
    event_path, humanize, item_path, record_path, supportable,
};
use crate::words::Words;
use crate::yaml::Extra;

use super::records::*;
use super::{Meta, Source};

/// Builds records from the fact base, remembering every source cited.
pub(super) struct Builder<'a> {
    pub(super) base: &'a FactBase,
    /// Sources cited so far, in order of first citation.
    pub(super) cited: Vec<String>,
    /// With `--since`: what changed, for marking records.
    pub(super) diff: Option<&'a Diff>,
    /// The document's language: dates, lists and the words of vocabularies.
    pub(super) words: &'a Words,
    /// The records with a text field left in the fact base's language (see
    /// `facts::Translated`).
    pub(super) untranslated: &'a std::collections::BTreeSet<String>,
}

/// The event fields a claim can be about, in words (`claim-field-…` messages; `the …` of
/// the field's name for others).
pub(super) fn claim_field_label(words: &Words, field: &str) -> String {
    words
        .message(&format!("claim-field-{}", field.replace('_', "-")), &[])
        .unwrap_or_else(|| words.get("claim-field", &[("field", humanize(field).into())]))
}

impl<'a> Builder<'a> {
    /// `new` or `changed` since the compared revision, when there is one.
    pub(super) fn change(&self, kind: RecordKind, id: &str, key: Option<&str>) -> Option<Mark> {
        self.diff.and_then(|d| d.status(kind, id, key))
    }

    /// For each field of `record` a source may support, the sources that support it.
    pub(super) fn cite_of(&mut self, record: &impl Described) -> CiteOf {
        let mut out = CiteOf::new();
        for (name, _) in record.fields() {
            if !supportable(name) {
                continue;
            }
            let supporting = record.citations().iter().filter(|c| c.supports(name));
            out.insert(name, self.cite(supporting));
        }
        out
    }

    /// A record's notes (remembering its sources for `sources`), its path in the fact base,
    /// its own fields and its mark.
    pub(super) fn meta(
        &mut self,
        citations: &[Citation],
        path: String,
        extra: &Extra,
        change: Option<Mark>,
    ) -> Meta {
        Meta {
            cite: self.cite(citations),
            untranslated: self.untranslated.contains(&path),
            basis: vec![Basis::whole(path)],
            extra: extra.clone(),
            change,
        }
    }

    /// The citation keys of a fact, each source once, remembering them for `sources`.
    pub(super) fn cite<'c>(
        &mut self,
        citations: impl IntoIterator<Item = &'c Citation>,
    ) -> Vec<String> {
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

    pub(super) fn sources(&self) -> Vec<Source> {
        self.cited
            .iter()
            .filter_map(|id| {
                let s = self.base.source(id)?;
                Some(Source {
                    id: id.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    published: s.published.to_string(),
                    published_text: self.words.date(&s.published),
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

    pub(super) fn party(&self, id: &str) -> PartyRef {
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

    pub(super) fn parties(&self, ids: &[Ref]) -> Vec<PartyRef> {
        ids.iter().map(|p| self.party(&p.value)).collect()
    }

    /// A person as of `date`: the first position held then.
    pub(super) fn person_at(&self, id: &str, date: FuzzyDate) -> Person {
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

    pub(super) fn location(&self, e: &Event) -> Option<Location> {
        let place = e.location.as_ref()?;
        let country = place.country.as_ref().map(|c| self.party(&c.value));
        let text = [place.city.clone(), country.as_ref().map(|c| c.name.clone())]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(&self.words.comma());
        Some(Location {
            city: place.city.clone(),
            country,
            text,
        })
    }

    /// The language of a quote: its first source's, as Typst takes it; none for a summary.
    pub(super) fn quote_lang(&self, st: &crate::facts::Statement) -> Option<String> {
        (st.kind == "quote")
            .then(|| st.sources.first())
            .flatten()
            .and_then(|c| self.base.source(&c.source.value))
            .and_then(|s| s.language.as_deref())
            .and_then(|tag| crate::words::Tag::parse(tag).ok())
            .map(|tag| tag.lang)
    }

    /// The short reference to an event.
    pub(super) fn event_ref(&self, e: &Event) -> EventRef {
        let end = e.end_date();
        EventRef {
            id: e.id.value.clone(),
            title: e.title.clone(),
            described: e.described,
            label: e.label().to_owned(),
            label_in_text: e.in_text.clone().unwrap_or_else(|| e.label().to_owned()),
            kind: e.kind.clone(),
            kind_text: self.words.term("kind", &e.kind),
            sequence: e.sequence,
            start: e.start.value.to_string(),
            end: end.to_string(),
            dates: self.words.range(&e.start.value, &end),
            year: e.start.value.year,
            city: e.location.as_ref().and_then(|l| l.city.clone()),
            place: self.location(e).map(|l| l.text).filter(|t| !t.is_empty()),
            announced: e.announced,
        }
    }

    /// An event in full, without its related events (see [`Builder::related`]).
    /// What an event belongs to and names: its parent event, its process, and its topics —
    /// in words, or as links where a topic names an event or a process.
    fn links(&self, e: &Event) -> (Option<Link>, Option<Link>, Vec<String>, Vec<Link>) {
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
        (parent, process, topics, related_to)
    }

    pub(super) fn event(&mut self, e: &Event) -> EventRecord {
        let date = e.start.value;
        let (parent, process, topics, related_to) = self.links(e);
        let cite = self.cite(&e.sources);
        let figures = (e.figures.iter().enumerate())
            .map(|(i, f)| self.figure(e, i, f))
            .collect();
        let id = &e.id.value;
        let participants = e
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| Participant {
                party: self.party(&p.party.value),
                role: p.role.clone(),
                role_text: self.words.term("role", &p.role),
                head: (p.capacity == "led")
                    .then_some(p.person.as_ref())
                    .flatten()
                    .map(|h| self.person_at(&h.value, date)),
                person: p.person.as_ref().map(|h| self.person_at(&h.value, date)),
                capacity: p.capacity.clone(),
                announced: p.announced,
                note: p.note.clone(),
                meta: self.meta(
                    &p.sources,
                    item_path(id, "participants", i),
                    &p.extra,
                    self.change(RecordKind::Participant, &e.id.value, Some(&p.key())),
                ),
            })
            .collect();
        let statements = self.statements(e);
        let discussions = e
            .discussions
            .iter()
            .enumerate()
            .map(|(i, d)| Discussion {
                text: d.text.clone(),
                meta: self.meta(
                    &d.sources,
                    item_path(id, "discussions", i),
                    &d.extra,
                    self.change(RecordKind::Discussion, &e.id.value, Some(&d.key())),
                ),
            })
            .collect();
        let outcomes = e
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| Outcome {
                title: o.title.clone(),
                kind: o.kind.clone(),
                kind_text: o.kind.as_deref().map(|k| self.words.term("outcome", k)),
                announced: o.announced,
                note: o.note.clone(),
                meta: self.meta(
                    &o.sources,
                    item_path(id, "outcomes", i),
                    &o.extra,
                    self.change(RecordKind::Outcome, &e.id.value, Some(&o.key())),
                ),
            })
            .collect();
        let claims = e
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimRecord {
                field: c.field.clone(),
                field_label: claim_field_label(self.words, &c.field),
                value: c.value.clone(),
                value_text: match c.field.as_str() {
                    "start" | "end" => FuzzyDate::parse(&c.value)
                        .map(|d| self.words.date(&d))
                        .unwrap_or_else(|| c.value.clone()),
                    _ => c.value.clone(),
                },
                note: c.note.clone(),
                meta: self.meta(
                    &c.sources,
                    item_path(id, "claims", i),
                    &c.extra,
                    self.change(RecordKind::Claim, &e.id.value, Some(&c.key())),
                ),
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
            announced_fields: base.announced_fields(e),
            related: Vec::new(),
            cite_of: self.cite_of(e),
            meta: Meta {
                cite,
                untranslated: self.untranslated.contains(&event_path(&e.id.value)),
                basis: vec![Basis::whole(event_path(&e.id.value))],
                extra: e.extra.clone(),
                change: self.change(RecordKind::Event, &e.id.value, None),
            },
        }
    }

    /// A headline figure of event `e`.
    fn figure(&mut self, e: &Event, i: usize, f: &crate::facts::Figure) -> FigureRecord {
        FigureRecord {
            measure: f.measure.clone(),
            label: self.words.measure(&f.measure, f.label.as_deref()),
            value: f.value,
            qualifier: f.qualifier.clone(),
            text: self.words.quantity(f.qualifier.as_deref(), f.value),
            announced: f.announced,
            note: f.note.clone(),
            meta: self.meta(
                &f.sources,
                item_path(&e.id.value, "figures", i),
                &f.extra,
                self.change(RecordKind::Figure, &e.id.value, Some(&f.key())),
            ),
        }
    }

    /// An event in full with the events that belong to it (see [`belongs_to`]).
    pub(super) fn event_with_related(&mut self, e: &Event) -> EventRecord {
        let mut record = self.event(e);
        let base = self.base;
        let mut related: Vec<&Event> = base.events.iter().filter(|r| belongs_to(r, e)).collect();
        related.sort_by_cached_key(|r| base.chronological(r));
        record.related = related.into_iter().map(|r| self.event(r)).collect();
        record
    }

    /// The statements of an event, same-text runs merged and same-speaker runs marked.
    pub(super) fn statements(&mut self, e: &Event) -> Vec<StatementRecord> {
        let date = e.start.value;
        let mut out: Vec<StatementRecord> = Vec::new();
        for (i, st) in e.statements.iter().enumerate() {
            let path = item_path(&e.id.value, "statements", i);
            let speaker = self.person_at(&st.speaker.value, date);
            let cite = self.cite(&st.sources);
            let on_behalf_of = st.on_behalf_of.as_ref().map(|p| self.party(&p.value));
            if let Some(last) = out.last_mut()
                && last.text == st.text
                && last.kind == st.kind
                && last.meta.cite == cite
                && last.on_behalf_of == on_behalf_of
            {
                last.speakers.push(speaker);
                last.meta.basis.push(Basis::whole(path));
                last.by = attribution(self.words, &last.speakers, last.on_behalf_of.as_ref());
                last.speaking_for = speaking_for(&last.speakers, last.on_behalf_of.as_ref());
                continue;
            }
            let speakers = vec![speaker];
            out.push(StatementRecord {
                kind: st.kind.clone(),
                text: st.text.clone(),
                lang: self.quote_lang(st),
                by: attribution(self.words, &speakers, on_behalf_of.as_ref()),
                speaking_for: speaking_for(&speakers, on_behalf_of.as_ref()),
                speakers,
                on_behalf_of,
                note: st.note.clone(),
                continues: false,
                continued: false,
                event: None,
                ahead: self.base.told_ahead(e, &st.sources),
                meta: Meta {
                    cite,
                    untranslated: self.untranslated.contains(&path),
                    basis: vec![Basis::whole(path)],
                    extra: st.extra.clone(),
                    change: self.change(RecordKind::Statement, &e.id.value, Some(&st.key())),
                },
            });
        }
        mark_runs(&mut out, |a, b| {
            a.speakers == b.speakers && a.kind == b.kind
        });
        out
    }

    pub(super) fn initiative(&mut self, i: &Initiative) -> InitiativeRecord {
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
            kind_text: self.words.term("initiative", &i.kind),
            title: i.title.clone(),
            summary: i.summary.clone(),
            from: i.from.map(|d| d.to_string()),
            until: i.until.map(|d| d.to_string()),
            years,
            meta: self.meta(
                &i.sources,
                record_path("initiatives", &i.id.value),
                &i.extra,
                self.change(RecordKind::Initiative, &i.id.value, None),
            ),
        }
    }

    pub(super) fn process(&mut self, p: &Process) -> ProcessRecord {
        ProcessRecord {
            id: p.id.value.clone(),
            name: p.name.clone(),
            summary: p.summary.clone(),
            launched: p.launched.map(|d| d.to_string()),
            launched_text: p.launched.map(|d| self.words.date(&d)),
            initiator: p.initiator.as_ref().map(|i| self.party(&i.value)),
            themes: p.themes.clone(),
            meta: self.meta(
                &p.sources,
                record_path("processes", &p.id.value),
                &p.extra,
                None,
            ),
            cite_of: self.cite_of(p),
        }
    }
}

/// Who made a statement: `A, Title (Party); B, Title`, and `, for Party` when they spoke for
/// a party other than the one of their position.
pub(super) fn attribution(
    words: &Words,
    speakers: &[Person],
    on_behalf_of: Option<&PartyRef>,
) -> String {
    let text = speakers
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(&words.semicolon());
    match speaking_for(speakers, on_behalf_of) {
        Some(party) => words.get(
            "label-speaking-for",
            &[("who", text.into()), ("party", party.into())],
        ),
        None => text,
    }
}

/// The label of the party an attribution names the speakers as speaking for: `on_behalf_of`,
/// unless every speaker holds a position in it.
pub(super) fn speaking_for(speakers: &[Person], on_behalf_of: Option<&PartyRef>) -> Option<String> {
    on_behalf_of
        .filter(|party| {
            !speakers
                .iter()
                .all(|s| s.party.as_ref().is_some_and(|p| p.id == party.id))
        })
        .map(|party| party.label.clone())
}

/// Marks runs of statements that belong together (`same`): `continues` on all but the first
/// of a run, `continued` on all but the last, so templates print the attribution once.
pub(super) fn mark_runs(
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
