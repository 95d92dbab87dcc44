//! What a country or organisation parameter adds to the context ([`CountryFocus`],
//! [`OrganizationFocus`]): the party's profile and, the same for both ([`PartyPart`]), its
//! role in each event, heads of delegation, what its people said, its meetings and
//! initiatives, and its involvement by year.

use serde::Serialize;

use super::focus::TimelineEntry;
use super::{Builder, EventRecord, EventRef, Person, StatementRecord, mark_runs};
use crate::changes::{EventItem, RecordKind};
use crate::facts::{
    Basis, Citation, Country, Event, FactBase, Organization, item_path, record_path,
};

/// What a `country` parameter adds.
#[derive(Debug, Clone, Serialize)]
pub struct CountryFocus {
    pub country: CountryRecord,
    #[serde(flatten)]
    pub part: PartyPart,
}

/// What an `organization` parameter adds.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationFocus {
    pub organization: OrganizationRecord,
    #[serde(flatten)]
    pub part: PartyPart,
}

/// What a party (a country or an organisation) did across the events on record.
#[derive(Debug, Clone, Serialize)]
pub struct PartyPart {
    /// The processes the country initiated or took part in.
    pub processes: Vec<ProcessRole>,
    /// The country's roles in each event it took part in, by date.
    pub roles: Vec<Role>,
    /// Each head of one of its delegations, with the event (reported, not announced).
    pub heads: Vec<Head>,
    /// Everyone who acted for it, with the event and the capacity: led, spoke, received,
    /// represented (announced ones included, marked `announced`).
    pub people: Vec<Head>,
    /// Everything said for it, by date, each with its `event`.
    pub statements: Vec<StatementRecord>,
    /// What others said of it or to it (statements whose `about` names it), by date, each
    /// with its `event`.
    pub said_of: Vec<StatementRecord>,
    /// Events of kind `meeting` it took part in (bilateral and other meetings), in full.
    pub meetings: Vec<EventRecord>,
    /// The events it hosted (or was announced to host), in full, each with `host_announced`:
    /// their headline figures and regions belong in its summary.
    pub hosted: Vec<HostedEvent>,
    /// Its initiatives and stated positions.
    pub initiatives: Vec<super::InitiativeRecord>,
    /// Events per year from its first year on record to its last.
    pub involvement: Vec<YearCount>,
    pub timeline: Vec<TimelineEntry>,
    /// A digest for the summary paragraph.
    pub summary: CountrySummary,
}

/// An event a party hosted.
#[derive(Debug, Clone, Serialize)]
pub struct HostedEvent {
    #[serde(flatten)]
    pub event: EventRecord,
    /// Only sources from before the event say it was the host.
    pub host_announced: bool,
}

/// A country's own record.
#[derive(Debug, Clone, Serialize)]
pub struct CountryRecord {
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: crate::yaml::Extra,
    pub id: String,
    pub name: String,
    pub official_name: Option<String>,
    pub region: Option<String>,
    pub cite: Vec<String>,
    /// Where its notes come from (see `basis` of any record).
    pub basis: Vec<Basis>,
}

/// An organisation's own record.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationRecord {
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: crate::yaml::Extra,
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    /// `un-entity`, `intergovernmental`, `regional`, `civil-society`, `government-body`,
    /// `other`; and in words (`UN entity`).
    pub kind: String,
    pub kind_text: String,
    /// The organisation it is part of (a party), if recorded.
    pub parent: Option<super::PartyRef>,
    pub cite: Vec<String>,
    /// Where its notes come from (see `basis` of any record).
    pub basis: Vec<Basis>,
}

/// A process a country took part in.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessRole {
    pub id: String,
    pub name: String,
    /// Whether the country initiated it.
    pub initiator: bool,
    /// Its part in every meeting of the process on record is only announced (and it did
    /// not initiate it).
    pub announced: bool,
    /// The sources that say it launched the process and what it did at its meetings.
    pub cite: Vec<String>,
    /// The records (and fields) those notes come from.
    pub basis: Vec<Basis>,
}

/// A country's roles in one event.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub event: EventRef,
    /// `host`, `organizer`, `funder`, `delegation`, `speaker`, `observer`, `other`, `venue`.
    pub roles: Vec<&'static str>,
    /// `host, delegation`.
    pub roles_text: String,
    /// Notes recorded on its participation.
    pub notes: Vec<String>,
    /// Whether all the sources say of its part is that it was to be (announced): its
    /// participations are announced and its hosting or organising only pre-event sources
    /// give.
    pub announced: bool,
    pub head: Option<Person>,
    /// The person who acted for it there, whatever the capacity, and the capacity.
    pub person: Option<Person>,
    pub capacity: String,
    /// The sources that say what it did there: its participation, what was said for it, the
    /// event's sources for its hosting, organising, funding or being the venue.
    pub cite: Vec<String>,
    /// The records (and fields) those notes come from.
    pub basis: Vec<Basis>,
}

/// A person who acted for the country at one event.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub person: Person,
    pub event: EventRef,
    /// `led`, `spoke`, `received` or `represented`.
    pub capacity: String,
    /// Only announced by the sources.
    pub announced: bool,
    pub cite: Vec<String>,
    /// The participation it is taken from.
    pub basis: Vec<Basis>,
}

/// People who acted for a country in one capacity.
#[derive(Debug, Clone, Serialize)]
pub struct PeopleGroup {
    pub capacity: String,
    pub names: Vec<String>,
    pub notes: Notes,
}

/// The notes of a statement compiled from several records: their sources, each once, and
/// the records (and fields) they come from.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Notes {
    pub cite: Vec<String>,
    pub basis: Vec<Basis>,
}

impl Notes {
    fn add(&mut self, cite: &[String], basis: &[Basis]) {
        for c in cite {
            if !self.cite.contains(c) {
                self.cite.push(c.clone());
            }
        }
        self.basis.extend(basis.iter().cloned());
    }
}

/// Events in one year.
#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub year: i32,
    /// Conferences and meetings of a process.
    pub main: usize,
    pub other: usize,
}

/// What the summary paragraph of a country says.
#[derive(Debug, Clone, Serialize)]
pub struct CountrySummary {
    /// The number of events on record it took part in (announced ones apart).
    pub events: usize,
    /// The labels of the events where its part is only announced by the sources (or the
    /// event itself is).
    pub announced_events: Vec<String>,
    /// Their notes.
    pub announced_notes: Notes,
    /// The people who acted for it other than as heads of delegation, by capacity
    /// (`spoke`, `received`, `represented`, then `announced`), each group with its notes.
    pub people: Vec<PeopleGroup>,
    /// `3 May 2018 – 5 November 2024`, or none.
    pub dates: Option<String>,
    /// Labels of the events it hosted.
    pub hosted: Vec<String>,
    /// Labels of the events it co-organised.
    pub organised: Vec<String>,
    /// The notes of what it did at each event (for "appears in N events").
    pub events_notes: Notes,
    /// The notes of the participations that name the heads.
    pub heads_notes: Notes,
    /// The notes of the statements made for it.
    pub statements_notes: Notes,
    /// Each head of its delegations with the events: `Jane Smith (Annual Meeting 2024)`.
    pub head_texts: Vec<String>,
    /// The number of reported events it took part in that belong to none of its processes.
    pub outside: usize,
    /// The names of the heads of its delegations, each once.
    pub head_names: Vec<String>,
    /// The number of statements made for it.
    pub statements: usize,
    /// The names of the processes it launched (their `initiator`), and the notes that say so.
    pub launched: Vec<String>,
    pub launched_notes: Notes,
}

impl<'a> Builder<'a> {
    pub(super) fn country_focus(&mut self, country: &'a Country) -> CountryFocus {
        let id = country.id.value.as_str();
        let record = CountryRecord {
            extra: country.extra.clone(),
            id: id.to_owned(),
            name: country.name.clone(),
            official_name: country.official_name.clone(),
            region: country.region.clone(),
            cite: self.cite(&country.sources),
            basis: vec![Basis::whole(record_path("countries", id))],
        };
        CountryFocus {
            country: record,
            part: self.party_part(id),
        }
    }

    pub(super) fn organization_focus(&mut self, org: &'a Organization) -> OrganizationFocus {
        let id = org.id.value.as_str();
        let record = OrganizationRecord {
            extra: org.extra.clone(),
            id: id.to_owned(),
            name: org.name.clone(),
            short_name: org.short_name.clone(),
            kind: org.kind.clone(),
            kind_text: self.words.term("org-kind", &org.kind),
            parent: org.parent.as_ref().map(|p| self.party(&p.value)),
            cite: self.cite(&org.sources),
            basis: vec![Basis::whole(record_path("organizations", id))],
        };
        OrganizationFocus {
            organization: record,
            part: self.party_part(id),
        }
    }

    /// What the party `id` did across the events on record.
    fn party_part(&mut self, id: &str) -> PartyPart {
        let base = self.base;
        let processes = self.country_processes(id);
        let mut involved: Vec<&Event> = base
            .events
            .iter()
            .filter(|e| !base.roles_in(id, e).is_empty())
            .collect();
        involved.sort_by_cached_key(|e| base.chronological(e));

        let mut roles = Vec::new();
        let mut heads = Vec::new();
        let mut people = Vec::new();
        let mut statements = Vec::new();
        let mut said_of = Vec::new();
        let mut meetings = Vec::new();
        let mut hosted = Vec::new();
        let mut timeline = Vec::new();
        for e in &involved {
            let event = self.event_ref(e);
            let own: Vec<_> = (e.participants.iter().enumerate())
                .filter(|(_, p)| p.party.value == id)
                .collect();
            let (citations, basis) = base.involvement(id, e);
            let mut head = None;
            let mut acting: Option<(Person, String)> = None;
            for (i, p) in &own {
                if let Some(h) = &p.person {
                    let person = self.person_at(&h.value, e.start.value);
                    if p.capacity == "led" {
                        head.get_or_insert_with(|| person.clone());
                    }
                    acting.get_or_insert_with(|| (person.clone(), p.capacity.clone()));
                    let entry = Head {
                        person,
                        event: event.clone(),
                        capacity: p.capacity.clone(),
                        announced: p.announced || e.announced,
                        cite: self.cite(&p.sources),
                        basis: vec![Basis::whole(item_path(&e.id.value, "participants", *i))],
                    };
                    if entry.capacity == "led" && !entry.announced {
                        heads.push(entry.clone());
                    }
                    people.push(entry);
                }
            }
            let event_roles = base.roles_in(id, e);
            let announced = part_announced(base, id, e);
            roles.push(Role {
                announced,
                event: event.clone(),
                roles_text: event_roles
                    .iter()
                    .map(|r| self.words.term("role", r))
                    .collect::<Vec<_>>()
                    .join(&self.words.comma()),
                roles: event_roles,
                notes: own.iter().filter_map(|(_, p)| p.note.clone()).collect(),
                head,
                capacity: acting.as_ref().map(|(_, c)| c.clone()).unwrap_or_default(),
                person: acting.map(|(p, _)| p),
                cite: self.cite(citations),
                basis,
            });
            statements.extend(self.country_statements(e, id, &event));
            said_of.extend(self.statements_about(e, id, &event));
            let mut entry = self.timeline_entry(e, e.is_main());
            entry.announced = announced;
            timeline.push(entry);
            if e.kind == "meeting" {
                meetings.push(self.event(e));
            }
            if e.hosts.iter().any(|h| h.value == id) {
                hosted.push(HostedEvent {
                    event: self.event(e),
                    host_announced: e.announced || base.announced_fields(e).contains(&"hosts"),
                });
            }
        }
        mark_runs(&mut statements, |a, b| {
            a.event.as_ref().map(|e| &e.id) == b.event.as_ref().map(|e| &e.id)
                && a.speakers == b.speakers
                && a.kind == b.kind
        });
        let initiatives = base
            .initiatives
            .iter()
            .filter(|i| i.party.value == id)
            .map(|i| self.initiative(i))
            .collect();
        // The events where its part is reported (not only announced).
        let held: Vec<&Event> = (involved.iter().zip(&roles))
            .filter(|(_, r)| !r.announced)
            .map(|(e, _)| *e)
            .collect();
        let mut summary = country_summary(
            self.words,
            &roles,
            base,
            &heads,
            &people,
            &involved,
            &statements,
        );
        // What it launched: only the sources that name the initiator.
        for p in
            (base.processes.iter()).filter(|p| p.initiator.as_ref().is_some_and(|i| i.value == id))
        {
            summary.launched.push(p.name.clone());
            let cited: Vec<&Citation> = p
                .sources
                .iter()
                .filter(|c| c.supports("initiator"))
                .collect();
            let cite = self.cite(cited);
            summary.launched_notes.add(
                &cite,
                &[Basis {
                    path: record_path("processes", &p.id.value),
                    fields: vec!["initiator"],
                }],
            );
        }
        PartyPart {
            hosted,
            processes,
            roles,
            heads,
            people,
            statements,
            said_of,
            meetings,
            initiatives,
            involvement: involvement_by_year(&held),
            timeline,
            summary,
        }
    }

    /// The statements made for a country at an event.
    fn country_statements(
        &mut self,
        e: &Event,
        id: &str,
        event: &EventRef,
    ) -> Vec<StatementRecord> {
        let base = self.base;
        // Said for it: the country goes without saying in the attribution.
        self.statements_at(e, event, false, |s| base.speaks_for(s, id, e))
    }

    /// What was said at `e` of or to a country (its `about`), by others than its own people.
    fn statements_about(&mut self, e: &Event, id: &str, event: &EventRef) -> Vec<StatementRecord> {
        let base = self.base;
        self.statements_at(e, event, true, |s| {
            s.about.iter().any(|p| p.value == id) && !base.speaks_for(s, id, e)
        })
    }

    /// The statements of `e` that `keep` takes, each with its event; `for_whom` names the
    /// party a speaker spoke for in the attribution.
    fn statements_at(
        &mut self,
        e: &Event,
        event: &EventRef,
        for_whom: bool,
        keep: impl Fn(&crate::facts::Statement) -> bool,
    ) -> Vec<StatementRecord> {
        let base = self.base;
        let mut out = Vec::new();
        for (i, s) in e.statements.iter().enumerate().filter(|(_, s)| keep(s)) {
            let speakers = vec![self.person_at(&s.speaker.value, e.start.value)];
            let on_behalf_of = for_whom
                .then(|| s.on_behalf_of.as_ref().map(|p| self.party(&p.value)))
                .flatten();
            out.push(StatementRecord {
                kind: s.kind.clone(),
                text: s.text.clone(),
                lang: self.quote_lang(s),
                by: super::attribution(self.words, &speakers, on_behalf_of.as_ref()),
                speaking_for: super::builder::speaking_for(&speakers, on_behalf_of.as_ref()),
                speakers,
                on_behalf_of,
                note: s.note.clone(),
                continues: false,
                continued: false,
                event: Some(event.clone()),
                ahead: base.told_ahead(e, &s.sources),
                meta: self.meta(
                    &s.sources,
                    item_path(&e.id.value, "statements", i),
                    &s.extra,
                    self.change(RecordKind::Statement, &e.id.value, Some(&s.key())),
                ),
            });
        }
        out
    }

    /// The processes a country launched or took part in.
    fn country_processes(&mut self, id: &str) -> Vec<ProcessRole> {
        let base = self.base;
        base.processes
            .iter()
            .filter_map(|p| {
                let initiator = p.initiator.as_ref().is_some_and(|i| i.value == id);
                let took_part = base.events.iter().any(|e| {
                    e.process.as_ref().is_some_and(|x| x.value == p.id.value)
                        && !base.roles_in(id, e).is_empty()
                });
                if !(initiator || took_part) {
                    return None;
                }
                // What the sources say of this country in this process: that it launched it,
                // and what it did at its meetings.
                let mut citations: Vec<&Citation> = Vec::new();
                let mut basis = Vec::new();
                if initiator {
                    citations.extend(p.sources.iter().filter(|c| c.supports("initiator")));
                    basis.push(Basis {
                        path: record_path("processes", &p.id.value),
                        fields: vec!["initiator"],
                    });
                }
                for e in base
                    .events
                    .iter()
                    .filter(|e| e.process.as_ref().is_some_and(|x| x.value == p.id.value))
                {
                    let (cited, from) = base.involvement(id, e);
                    citations.extend(cited);
                    basis.extend(from);
                }
                let announced = !initiator
                    && (base.events.iter())
                        .filter(|e| e.process.as_ref().is_some_and(|x| x.value == p.id.value))
                        .filter(|e| !base.roles_in(id, e).is_empty())
                        .all(|e| part_announced(base, id, e));
                Some(ProcessRole {
                    announced,
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    initiator,
                    cite: self.cite(citations),
                    basis,
                })
            })
            .collect()
    }
}

/// Whether all the sources say of `party`'s part in `e` is that it was to be: the event is
/// announced, or its participations are and its hosting, organising, funding or being the
/// venue only pre-event sources give (and nothing was said for it there).
fn part_announced(base: &FactBase, party: &str, e: &Event) -> bool {
    if e.announced {
        return true;
    }
    let ahead = base.announced_fields(e);
    // Being the venue of an event a later source places there is a reported part, whatever
    // else was only announced.
    let venue = (e.location.as_ref())
        .and_then(|l| l.country.as_ref())
        .is_some_and(|c| c.value == party);
    if venue && !ahead.contains(&"location") {
        return false;
    }
    let (_, basis) = base.involvement(party, e);
    let event = crate::facts::event_path(&e.id.value);
    !basis.is_empty()
        && basis.iter().all(|b| {
            if b.path == event {
                b.fields.iter().all(|f| ahead.contains(f))
            } else {
                (e.participants.iter().enumerate()).any(|(i, p)| {
                    p.announced && b.path == item_path(&e.id.value, "participants", i)
                })
            }
        })
}

/// The counts and names a country summary's opening sentences use.
fn country_summary(
    words: &crate::words::Words,
    roles: &[Role],
    base: &FactBase,
    heads: &[Head],
    people: &[Head],
    involved: &[&Event],
    said: &[StatementRecord],
) -> CountrySummary {
    // Hosting and organising as reported: not where only pre-event sources give the hosts
    // or organisers.
    let with_role = |role: &str, field: &str| -> Vec<String> {
        (roles.iter().zip(involved))
            .filter(|(r, e)| {
                !r.announced
                    && r.roles.contains(&role)
                    && !base.announced_fields(e).contains(&field)
            })
            .map(|(r, _)| r.event.label_in_text.clone())
            .collect()
    };
    let mut events_notes = Notes::default();
    for r in roles.iter().filter(|r| !r.announced) {
        events_notes.add(&r.cite, &r.basis);
    }
    let mut heads_notes = Notes::default();
    for h in heads {
        heads_notes.add(&h.cite, &h.basis);
    }
    let mut statements_notes = Notes::default();
    for s in said {
        statements_notes.add(&s.meta.cite, &s.meta.basis);
    }
    let mut head_names: Vec<String> = Vec::new();
    let mut head_events: Vec<Vec<String>> = Vec::new();
    for h in heads {
        match head_names.iter().position(|n| *n == h.person.name) {
            Some(i) => head_events[i].push(h.event.label.clone()),
            None => {
                head_names.push(h.person.name.clone());
                head_events.push(vec![h.event.label.clone()]);
            }
        }
    }
    let head_texts = head_names
        .iter()
        .zip(&head_events)
        .map(|(name, events)| format!("{name} ({})", words.and_list(events)))
        .collect();
    // What others did for it, by capacity; announced participations apart.
    let mut groups: Vec<PeopleGroup> = Vec::new();
    for h in people.iter().filter(|h| h.capacity != "led" || h.announced) {
        let capacity = if h.announced {
            "announced"
        } else {
            h.capacity.as_str()
        };
        let group = match groups.iter_mut().position(|g| g.capacity == capacity) {
            Some(i) => &mut groups[i],
            None => {
                groups.push(PeopleGroup {
                    capacity: capacity.to_owned(),
                    names: Vec::new(),
                    notes: Notes::default(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if !group.names.contains(&h.person.name) {
            group.names.push(h.person.name.clone());
        }
        group.notes.add(&h.cite, &h.basis);
    }
    let order = |c: &str| {
        ["spoke", "received", "represented", "announced"]
            .iter()
            .position(|x| *x == c)
    };
    groups.sort_by_key(|g| order(&g.capacity));
    // The people of a group by name, as the language sorts names.
    for g in &mut groups {
        g.names.sort_by(|a, b| words.compare(a, b));
    }
    let reported: Vec<&Role> = roles.iter().filter(|r| !r.announced).collect();
    // The events of `roles` (in the same order) where its part is reported.
    let held: Vec<&&Event> = (involved.iter().zip(roles))
        .filter(|(_, r)| !r.announced)
        .map(|(e, _)| e)
        .collect();
    let outside = held.iter().filter(|e| base.process_of(e).is_none()).count();
    let mut announced_notes = Notes::default();
    for r in roles.iter().filter(|r| r.announced) {
        announced_notes.add(&r.cite, &r.basis);
    }
    CountrySummary {
        events: reported.len(),
        announced_events: (roles.iter())
            .filter(|r| r.announced)
            .map(|r| r.event.label_in_text.clone())
            .collect(),
        announced_notes,
        people: groups,
        dates: match (held.first(), held.iter().max_by_key(|e| e.end_date())) {
            (Some(f), Some(l)) => Some(words.range(&f.start.value, &l.end_date())),
            _ => None,
        },
        hosted: with_role("host", "hosts"),
        organised: with_role("organizer", "organizers"),
        events_notes,
        heads_notes,
        statements_notes,
        head_names,
        head_texts,
        outside,
        // A run of statements by one speaker at one event is one statement.
        statements: said.iter().filter(|s| !s.continues).count(),
        launched: Vec::new(),
        launched_notes: Notes::default(),
    }
}

/// Events per year, from the first year of involvement to the last (years without any
/// included).
fn involvement_by_year(events: &[&Event]) -> Vec<YearCount> {
    let years: Vec<i32> = events.iter().map(|e| e.start.value.year).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|year| {
            let of_year = events.iter().filter(|e| e.start.value.year == year);
            let main = of_year.clone().filter(|e| e.is_main()).count();
            let other = of_year.count() - main;
            YearCount { year, main, other }
        })
        .collect()
}
