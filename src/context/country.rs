//! What a country parameter adds to the context ([`CountryFocus`]): the country's profile,
//! its role in each event, heads of delegation, what its people said, its meetings and
//! initiatives, and its involvement by year.

use serde::Serialize;

use super::focus::TimelineEntry;
use super::{Builder, EventRecord, EventRef, Person, StatementRecord, mark_runs};
use crate::changes::{EventItem, RecordKind};
use crate::facts::{Citation, Country, Event};

/// What a `country` parameter adds.
#[derive(Debug, Clone, Serialize)]
pub struct CountryFocus {
    pub country: CountryRecord,
    /// The processes the country initiated or took part in.
    pub processes: Vec<ProcessRole>,
    /// The country's roles in each event it took part in, by date.
    pub roles: Vec<Role>,
    /// Each head of one of its delegations, with the event.
    pub heads: Vec<Head>,
    /// Everything said for it, by date, each with its `event`.
    pub statements: Vec<StatementRecord>,
    /// Events of kind `meeting` it took part in (bilateral and other meetings), in full.
    pub meetings: Vec<EventRecord>,
    /// Its initiatives and stated positions.
    pub initiatives: Vec<super::InitiativeRecord>,
    /// Events per year from its first year on record to its last.
    pub involvement: Vec<YearCount>,
    pub timeline: Vec<TimelineEntry>,
    /// A digest for the summary paragraph.
    pub summary: CountrySummary,
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
}

/// A process a country took part in.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessRole {
    pub id: String,
    pub name: String,
    /// Whether the country initiated it.
    pub initiator: bool,
    pub cite: Vec<String>,
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
    pub head: Option<Person>,
    pub cite: Vec<String>,
}

/// A head of delegation at one event.
#[derive(Debug, Clone, Serialize)]
pub struct Head {
    pub person: Person,
    pub event: EventRef,
    pub cite: Vec<String>,
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
    /// The number of events on record it took part in.
    pub events: usize,
    /// `3 May 2018 – 5 November 2024`, or none.
    pub dates: Option<String>,
    /// Labels of the events it hosted.
    pub hosted: Vec<String>,
    /// Labels of the events it co-organised.
    pub organised: Vec<String>,
    /// The names of the heads of its delegations, each once.
    pub head_names: Vec<String>,
    /// The number of statements made for it.
    pub statements: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn country_focus(&mut self, country: &'a Country) -> CountryFocus {
        let base = self.base;
        let id = country.id.value.as_str();
        let record = CountryRecord {
            extra: country.extra.clone(),
            id: id.to_owned(),
            name: country.name.clone(),
            official_name: country.official_name.clone(),
            region: country.region.clone(),
            cite: self.cite(&country.sources),
        };
        let processes = self.country_processes(id);
        let mut involved: Vec<&Event> = base
            .events
            .iter()
            .filter(|e| !base.roles_in(id, e).is_empty())
            .collect();
        involved.sort_by_key(|e| (e.start.value, e.id.value.clone()));

        let mut roles = Vec::new();
        let mut heads = Vec::new();
        let mut statements = Vec::new();
        let mut meetings = Vec::new();
        let mut timeline = Vec::new();
        for e in &involved {
            let event = self.event_ref(e);
            let own: Vec<_> = e
                .participants
                .iter()
                .filter(|p| p.party.value == id)
                .collect();
            let citations = base.involvement(id, e);
            let mut head = None;
            for p in &own {
                if let Some(h) = &p.head {
                    let person = self.person_at(&h.value, e.start.value);
                    head.get_or_insert_with(|| person.clone());
                    heads.push(Head {
                        person,
                        event: event.clone(),
                        cite: self.cite(&p.sources),
                    });
                }
            }
            let event_roles = base.roles_in(id, e);
            roles.push(Role {
                event: event.clone(),
                roles_text: event_roles
                    .iter()
                    .map(|r| crate::facts::humanize(r))
                    .collect::<Vec<_>>()
                    .join(", "),
                roles: event_roles,
                notes: own.iter().filter_map(|p| p.note.clone()).collect(),
                head,
                cite: self.cite(citations),
            });
            statements.extend(self.country_statements(e, id, &event));
            timeline.push(TimelineEntry {
                event: event.clone(),
                main: e.is_main(),
            });
            if e.kind == "meeting" {
                meetings.push(self.event(e));
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
        let summary = country_summary(&roles, &heads, &involved, statements.len());
        CountryFocus {
            country: record,
            processes,
            roles,
            heads,
            statements,
            meetings,
            initiatives,
            involvement: involvement_by_year(&involved),
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
        let mut statements = Vec::new();
        for s in e.statements.iter().filter(|s| base.speaks_for(s, id, e)) {
            let speaker = self.person_at(&s.speaker.value, e.start.value);
            let speakers = vec![speaker];
            statements.push(StatementRecord {
                kind: s.kind.clone(),
                text: s.text.clone(),
                by: super::attribution(&speakers, None),
                speakers,
                on_behalf_of: None,
                note: s.note.clone(),
                continues: false,
                continued: false,
                event: Some(event.clone()),
                meta: self.meta(
                    &s.sources,
                    &s.extra,
                    self.change(RecordKind::Statement, &e.id.value, Some(&s.key())),
                ),
            });
        }
        statements
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
                let mut citations: Vec<&Citation> = if initiator {
                    p.sources
                        .iter()
                        .filter(|c| c.supports("initiator"))
                        .collect()
                } else {
                    Vec::new()
                };
                for e in base
                    .events
                    .iter()
                    .filter(|e| e.process.as_ref().is_some_and(|x| x.value == p.id.value))
                {
                    citations.extend(base.involvement(id, e));
                }
                Some(ProcessRole {
                    id: p.id.value.clone(),
                    name: p.name.clone(),
                    initiator,
                    cite: self.cite(citations),
                })
            })
            .collect()
    }
}

/// The counts and names a country summary's opening sentences use.
fn country_summary(
    roles: &[Role],
    heads: &[Head],
    involved: &[&Event],
    statements: usize,
) -> CountrySummary {
    let with_role = |role: &str| -> Vec<String> {
        roles
            .iter()
            .filter(|r| r.roles.contains(&role))
            .map(|r| r.event.label.clone())
            .collect()
    };
    let mut head_names: Vec<String> = Vec::new();
    for h in heads {
        if !head_names.contains(&h.person.name) {
            head_names.push(h.person.name.clone());
        }
    }
    CountrySummary {
        events: roles.len(),
        dates: match (involved.first(), involved.last()) {
            (Some(f), Some(l)) => Some(f.start.value.range_text(&l.end_date())),
            _ => None,
        },
        hosted: with_role("host"),
        organised: with_role("organizer"),
        head_names,
        statements,
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
