//! What each parameter kind adds to the template context.
//!
//! - `process` ([`ProcessFocus`]): the process, its meetings in order (each with the side
//!   events and meetings that belong to it), a timeline, headline figures across meetings,
//!   and the other events on record.
//! - `country` ([`CountryFocus`]): the country's profile, its role in each event, heads of
//!   delegation, what its people said, its meetings and initiatives, and its involvement by
//!   year.
//! - `event` ([`EventFocus`]): the event in full with its related events, its process, and
//!   its neighbours in the process (`series`).

use serde::Serialize;

use super::{Builder, EventRecord, EventRef, ProcessRecord};
use crate::facts::{Event, Process};

/// What a `process` parameter adds.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessFocus {
    pub process: ProcessRecord,
    pub span: Span,
    /// Where the process met, in order of first meeting.
    pub places: Vec<PlaceYears>,
    /// The meetings of the process in order, each with `related` filled. An event with a
    /// `parent` is not a meeting of its own: it is among its parent's `related`.
    pub events: Vec<EventRecord>,
    /// The meetings (`main: true`) and the events related to them, by date.
    pub timeline: Vec<TimelineEntry>,
    /// Measures that two or more meetings report, for a comparison chart; none when there
    /// is nothing to compare.
    pub figures: Option<FiguresAcross>,
    /// Events on record that are not meetings of the process nor part of one, but that
    /// their record relates to the process (`topics` naming it), by date: `others` would
    /// say the sources do not link them to it.
    pub linked: Vec<EventRecord>,
    /// Events on record that are not linked to the process, so that nothing is left out.
    pub others: Vec<EventRecord>,
}

/// When a process met.
#[derive(Debug, Clone, Serialize)]
pub struct Span {
    /// The number of meetings.
    pub count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub first_text: Option<String>,
    pub last_text: Option<String>,
    /// `2018–2024`, or `2018` when every meeting was in one year; none without meetings.
    pub years: Option<String>,
    /// The meetings the sources report as held (not only announced), and the span of those.
    pub held: usize,
    pub held_ids: Vec<String>,
    pub held_first: Option<String>,
    pub held_last: Option<String>,
    pub held_first_text: Option<String>,
    pub held_last_text: Option<String>,
}

/// A place a process met, and the years it met there.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceYears {
    /// The city, else the country, else `a place not recorded`.
    pub label: String,
    pub years: Vec<i32>,
    /// Only sources from before the meetings there give the place.
    pub announced: bool,
    /// `Geneva (2018, 2019, 2022)`; `Bergen (2024, as announced)`.
    pub text: String,
}

/// One entry of a timeline: an event's reference fields and whether it is a main event.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    #[serde(flatten)]
    pub event: EventRef,
    /// A meeting of the process or a conference (drawn filled), else a related event.
    pub main: bool,
    /// Announced, not reported: the event (or, in a country summary, the country's part in
    /// it) only sources from before it tell.
    pub announced: bool,
    /// Its dates only sources from before it give (or it is announced as a whole).
    pub dates_announced: bool,
    /// Its place only sources from before it give.
    pub place_announced: bool,
    /// The sources of its dates, and the record and fields they support.
    pub cite: Vec<String>,
    pub basis: Vec<crate::facts::Basis>,
}

impl Builder<'_> {
    /// `e` on a timeline, with the notes of its dates.
    pub(super) fn timeline_entry(&mut self, e: &Event, main: bool) -> TimelineEntry {
        let dated = e
            .sources
            .iter()
            .filter(|c| c.supports("start") || c.supports("end"));
        let ahead = self.base.announced_fields(e);
        TimelineEntry {
            event: self.event_ref(e),
            main,
            announced: e.announced,
            dates_announced: e.announced || ahead.contains(&"start"),
            place_announced: e.announced || ahead.contains(&"location"),
            cite: self.cite(dated),
            basis: vec![crate::facts::Basis {
                path: crate::facts::event_path(&e.id.value),
                fields: vec!["start", "end"],
            }],
        }
    }
}

/// Headline figures across the meetings of a process.
#[derive(Debug, Clone, Serialize)]
pub struct FiguresAcross {
    pub measures: Vec<Measure>,
    /// Labels of the meetings for which no source gives any figure.
    pub unreported: Vec<String>,
}

/// One measure across meetings.
#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub measure: String,
    pub label: String,
    /// The largest value, for scaling bars.
    pub max: u64,
    pub points: Vec<Point>,
}

/// One meeting's value of a measure.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    /// The meeting's label.
    pub event: String,
    pub year: i32,
    pub value: u64,
    pub qualifier: Option<String>,
    /// `more than 500 participants`.
    pub text: String,
}

/// What an `event` parameter adds.
#[derive(Debug, Clone, Serialize)]
pub struct EventFocus {
    /// The event in full, with its `related` events.
    pub event: EventRecord,
    /// The process it is a meeting of.
    pub process: Option<ProcessRecord>,
    /// Up to five meetings of the process around this one, by date.
    pub series: Vec<SeriesEntry>,
    /// The number of meetings of the process.
    pub series_count: usize,
}

/// A meeting of a process, near the event of an event brief.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesEntry {
    #[serde(flatten)]
    pub event: EventRef,
    /// Whether this is the event the brief is about.
    pub current: bool,
    /// Its dates only sources from before it give.
    pub dates_announced: bool,
    /// The sources that place it in the process and date it, and the record and fields.
    pub cite: Vec<String>,
    pub basis: Vec<crate::facts::Basis>,
}

/// Whether the record of an event that is neither a meeting of `process` nor part of one
/// relates it to the process: its `topics` name the process, or its `process` does (as
/// when it is part of an event outside the process).
fn relates_to(e: &Event, process: &str) -> bool {
    e.topics.iter().any(|t| t == process) || e.process.as_ref().is_some_and(|p| p.value == process)
}

/// The meetings of `process`: its events that are not part of another event.
pub(crate) fn meetings_of<'b>(events: &'b [Event], process: &str) -> Vec<&'b Event> {
    let mut members: Vec<&Event> = events
        .iter()
        .filter(|e| e.parent.is_none() && e.process.as_ref().is_some_and(|p| p.value == process))
        .collect();
    members.sort_by_key(|e| (e.start.value, e.sequence, e.id.value.clone()));
    members
}

impl<'a> Builder<'a> {
    pub(super) fn process_focus(&mut self, process: &'a Process) -> ProcessFocus {
        let process_record = self.process(process);
        let base = self.base;
        let members = meetings_of(&base.events, &process.id.value);
        let mut timeline = Vec::new();
        let mut events = Vec::new();
        for event in &members {
            let record = self.event_with_related(event);
            timeline.push(self.timeline_entry(event, true));
            for r in &record.related {
                if let Some(related) = base.event(&r.event.id) {
                    timeline.push(self.timeline_entry(related, false));
                }
            }
            events.push(record);
        }
        // Everything else on record, so that the briefing leaves no recorded fact out:
        // first what its record relates to the process (on the timeline too), then the rest.
        let shown: std::collections::HashSet<String> =
            timeline.iter().map(|t| t.event.id.clone()).collect();
        let mut rest: Vec<&Event> = base
            .events
            .iter()
            .filter(|e| !shown.contains(e.id.value.as_str()))
            .collect();
        rest.sort_by_cached_key(|e| base.chronological(e));
        let (linked, rest): (Vec<&Event>, Vec<&Event>) = rest
            .into_iter()
            .partition(|e| relates_to(e, &process.id.value));
        for e in &linked {
            timeline.push(self.timeline_entry(e, false));
        }
        timeline.sort_by_cached_key(|t| match base.event(&t.event.id) {
            Some(e) => base.chronological(e),
            None => (crate::facts::FuzzyDate::UNKNOWN, 0, t.event.id.clone()),
        });
        let linked = linked.into_iter().map(|e| self.event(e)).collect();
        let others = rest.into_iter().map(|e| self.event(e)).collect();

        let first = members.first().map(|e| e.start.value);
        let last = members.last().map(|e| e.end_date());
        // The meetings the sources report as held: not those only announced (so marked, or
        // told only by sources published before they began).
        let held: Vec<&&Event> = members
            .iter()
            .filter(|e| !e.announced && !base.told_ahead(e, &e.sources))
            .collect();
        let held_first = held.first().map(|e| e.start.value);
        let held_last = held.iter().map(|e| e.end_date()).max();
        let years = match (first, last) {
            (Some(f), Some(l)) if f.year != l.year => Some(format!(
                "{}–{}",
                self.words.number_plain(f.year),
                self.words.number_plain(l.year)
            )),
            (Some(f), _) => Some(self.words.number_plain(f.year)),
            _ => None,
        };
        ProcessFocus {
            process: process_record,
            span: Span {
                count: members.len(),
                first: first.map(|d| d.to_string()),
                last: last.map(|d| d.to_string()),
                first_text: first.map(|d| self.words.date(&d)),
                last_text: last.map(|d| self.words.date(&d)),
                years,
                held: held.len(),
                held_ids: held.iter().map(|e| e.id.value.clone()).collect(),
                held_first: held_first.map(|d| d.to_string()),
                held_last: held_last.map(|d| d.to_string()),
                held_first_text: held_first.map(|d| self.words.date(&d)),
                held_last_text: held_last.map(|d| self.words.date(&d)),
            },
            places: self.places_of(&members),
            events,
            timeline,
            figures: figures_across(self.words, &members),
            linked,
            others,
        }
    }

    pub(super) fn event_focus(&mut self, event: &'a Event) -> EventFocus {
        let base = self.base;
        let process = event.process.as_ref().and_then(|p| base.process(&p.value));
        let process_record = process.map(|p| self.process(p));
        let record = self.event_with_related(event);
        // The meetings just before and after this one, for orientation.
        let all = match process {
            Some(p) => meetings_of(&base.events, &p.id.value),
            None => Vec::new(),
        };
        let series_count = all.len();
        let at = all
            .iter()
            .position(|e| e.id.value == event.id.value)
            .unwrap_or(0);
        let nearest: Vec<&Event> = if series_count <= 5 {
            all
        } else {
            all.into_iter().skip(at.saturating_sub(2)).take(5).collect()
        };
        let series = nearest
            .into_iter()
            .map(|e| {
                let fields = ["process", "start", "end"];
                let placed = e
                    .sources
                    .iter()
                    .filter(|c| fields.iter().any(|f| c.supports(f)));
                SeriesEntry {
                    event: self.event_ref(e),
                    current: e.id.value == event.id.value,
                    dates_announced: e.announced
                        || self.base.announced_fields(e).contains(&"start"),
                    cite: self.cite(placed),
                    basis: vec![crate::facts::Basis {
                        path: crate::facts::event_path(&e.id.value),
                        fields: fields.to_vec(),
                    }],
                }
            })
            .collect();
        EventFocus {
            event: record,
            process: process_record,
            series,
            series_count,
        }
    }

    /// Where a process met, in order of first meeting.
    fn places_of(&self, members: &[&Event]) -> Vec<PlaceYears> {
        let mut places: Vec<(String, Vec<i32>, bool)> = Vec::new();
        for e in members {
            let ahead = e.announced || self.base.announced_fields(e).contains(&"location");
            let label = match &e.location {
                Some(l) => match (&l.city, &l.country) {
                    (Some(city), _) => city.clone(),
                    (None, Some(country)) => self.party(&country.value).name,
                    (None, None) => "a place not recorded".to_owned(),
                },
                None => "a place not recorded".to_owned(),
            };
            let year = e.start.value.year;
            match places.iter_mut().find(|(l, _, _)| *l == label) {
                Some((_, years, announced)) => {
                    *announced &= ahead;
                    if !years.contains(&year) {
                        years.push(year);
                    }
                }
                None => places.push((label, vec![year], ahead)),
            }
        }
        places
            .into_iter()
            .map(|(label, years, announced)| {
                let list: Vec<String> = years.iter().map(|y| self.words.number_plain(*y)).collect();
                PlaceYears {
                    text: self.words.get(
                        if announced {
                            "place-years-announced"
                        } else {
                            "place-years"
                        },
                        &[
                            ("place", label.clone().into()),
                            ("years", list.join(&self.words.comma()).into()),
                        ],
                    ),
                    label,
                    years,
                    announced,
                }
            })
            .collect()
    }
}

/// Headline figures across a process's meetings: the measures that two or more meetings
/// report (one alone compares nothing: it shows as the meeting's own figures), and the
/// meetings without any figure. None when no measure can be compared.
fn figures_across(words: &crate::words::Words, members: &[&Event]) -> Option<FiguresAcross> {
    let mut measures: Vec<Measure> = Vec::new();
    for e in members {
        for f in &e.figures {
            let label = words.measure(&f.measure, f.label.as_deref());
            let point = Point {
                event: e.label().to_owned(),
                year: e.start.value.year,
                value: f.value,
                qualifier: f.qualifier.clone(),
                text: words.figure_with_label(f),
            };
            match measures.iter_mut().find(|m| m.measure == f.measure) {
                Some(m) if !m.points.iter().any(|p| p.event == point.event) => {
                    m.max = m.max.max(f.value);
                    m.points.push(point);
                }
                Some(_) => {}
                None => measures.push(Measure {
                    measure: f.measure.clone(),
                    label,
                    max: f.value,
                    points: vec![point],
                }),
            }
        }
    }
    measures.retain(|m| m.points.len() >= 2);
    if measures.is_empty() {
        return None;
    }
    let unreported = members
        .iter()
        .filter(|e| e.figures.is_empty())
        .map(|e| e.label().to_owned())
        .collect();
    Some(FiguresAcross {
        measures,
        unreported,
    })
}
