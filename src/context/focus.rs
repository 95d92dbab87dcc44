//! What each parameter kind adds to the template context.
//!
//! - `process`: the process, its events in order (each with its side events and meetings),
//!   a timeline, and the other events on record.
//! - `country`: the country's profile, its role in each event, heads of delegation, what
//!   its people said, its meetings and initiatives, and a timeline of its involvement.
//! - `event`: the event in full, its process, its related events, and its neighbours in the
//!   process (`series`: up to two meetings before and after, of `series_count`).

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::{Builder, is_related, mark_runs, timeline_entry};
use crate::facts::{Country, Event, Process};

impl<'a> Builder<'a> {
    /// `process`, its `events` (each with its `related` events), a `timeline`, and the
    /// `others`: events on record that are not linked to the process.
    pub(super) fn process_focus(&mut self, process: &'a Process, ctx: &mut Map<String, Value>) {
        let process_value = json!({
            "id": process.id.value,
            "name": process.name,
            "summary": process.summary,
            "launched": process.launched.map(|d| d.to_string()),
            "initiator": process.initiator.as_ref().map(|p| self.party(&p.value)),
            "themes": process.themes,
            "cite": self.citations.cite(&process.sources),
        });
        let mut members: Vec<&Event> = self
            .base
            .events
            .iter()
            .filter(|e| {
                e.process
                    .as_ref()
                    .is_some_and(|p| p.value == process.id.value)
            })
            .collect();
        members.sort_by_key(|e| (e.start.value, e.sequence, e.id.value.clone()));

        let mut timeline = Vec::new();
        let mut events = Vec::new();
        for event in &members {
            let mut value = self.event(event);
            timeline.push(timeline_entry(event, true));
            let mut related: Vec<&Event> = self
                .base
                .events
                .iter()
                .filter(|e| is_related(e, &event.id.value) && e.process.is_none())
                .collect();
            related.sort_by_key(|e| (e.start.value, e.id.value.clone()));
            let related: Vec<Value> = related
                .into_iter()
                .map(|r| {
                    timeline.push(timeline_entry(r, false));
                    self.event(r)
                })
                .collect();
            value["related"] = Value::Array(related);
            events.push(value);
        }
        timeline.sort_by(|a, b| a["start"].as_str().cmp(&b["start"].as_str()));

        // Everything else on record, so that the briefing leaves no recorded fact out.
        let shown: std::collections::HashSet<&str> =
            timeline.iter().filter_map(|t| t["id"].as_str()).collect();
        let mut rest: Vec<&Event> = self
            .base
            .events
            .iter()
            .filter(|e| !shown.contains(e.id.value.as_str()))
            .collect();
        rest.sort_by_key(|e| (e.start.value, e.id.value.clone()));
        let others: Vec<Value> = rest.into_iter().map(|e| self.event(e)).collect();

        let first = members.first().map(|e| e.start.value.to_string());
        let last = members
            .last()
            .map(|e| e.end.as_ref().unwrap_or(&e.start).value.to_string());
        ctx.insert("process".into(), process_value);
        ctx.insert(
            "span".into(),
            json!({ "first": first, "last": last, "count": members.len() }),
        );
        ctx.insert("events".into(), Value::Array(events));
        ctx.insert("timeline".into(), Value::Array(timeline));
        ctx.insert("others".into(), Value::Array(others));
        ctx.insert("figures".into(), figures_across(&members));
        ctx.insert("places".into(), places_of(self, &members));
    }

    pub(super) fn country_focus(&mut self, country: &'a Country, ctx: &mut Map<String, Value>) {
        let id = country.id.value.as_str();
        let profile = json!({
            "id": id,
            "name": country.name,
            "official_name": country.official_name,
            "region": country.region,
            "cite": self.citations.cite(&country.sources),
        });
        let mut involved: Vec<&Event> = self
            .base
            .events
            .iter()
            .filter(|e| !self.base.roles_in(id, e).is_empty())
            .collect();
        involved.sort_by_key(|e| (e.start.value, e.id.value.clone()));

        let mut roles = Vec::new();
        let mut heads = Vec::new();
        let mut statements = Vec::new();
        let mut events = Vec::new();
        let mut timeline = Vec::new();
        for e in &involved {
            let summary = self.event_summary(e);
            let mut cites = Vec::new();
            for p in e.participants.iter().filter(|p| p.party.value == id) {
                cites.extend(p.sources.iter().cloned());
                if let Some(head) = &p.head {
                    heads.push(json!({
                        "person": self.person_at(&head.value, e),
                        "event": summary.clone(),
                        "cite": self.citations.cite(&p.sources),
                    }));
                }
            }
            if cites.is_empty() {
                cites.extend(e.sources.iter().cloned());
            }
            let notes: Vec<&str> = e
                .participants
                .iter()
                .filter(|p| p.party.value == id)
                .filter_map(|p| p.note.as_deref())
                .collect();
            roles.push(json!({
                "event": summary.clone(),
                "roles": self.base.roles_in(id, e),
                "notes": notes,
                "head": e.participants.iter()
                    .find(|p| p.party.value == id && p.head.is_some())
                    .and_then(|p| p.head.as_ref())
                    .map(|h| self.person_at(&h.value, e)),
                "cite": self.citations.cite(&cites),
            }));
            let own: Vec<_> = e
                .statements
                .iter()
                .filter(|s| self.base.speaks_for(s, id, e))
                .collect();
            for s in own {
                statements.push(json!({
                    "event": summary.clone(),
                    "speaker": self.person_at(&s.speaker.value, e),
                    "kind": s.kind,
                    "text": s.text,
                    "note": s.note,
                    "cite": self.citations.cite(&s.sources),
                }));
            }
            timeline.push(timeline_entry(e, e.is_main()));
            events.push(self.event(e));
        }
        let meetings: Vec<Value> = events
            .iter()
            .filter(|e| e["kind"] == "meeting")
            .cloned()
            .collect();
        let initiatives: Vec<Value> = self
            .base
            .initiatives
            .iter()
            .filter(|i| i.party.value == id)
            .map(|i| self.initiative(i))
            .collect();
        let mut processes: Vec<Value> = Vec::new();
        let mut seen = HashSet::new();
        for p in &self.base.processes {
            let initiated = p.initiator.as_ref().is_some_and(|i| i.value == id);
            let took_part = involved
                .iter()
                .any(|e| e.process.as_ref().is_some_and(|x| x.value == p.id.value));
            if (initiated || took_part) && seen.insert(p.id.value.clone()) {
                processes.push(json!({
                    "id": p.id.value,
                    "name": p.name,
                    "initiator": initiated,
                    "cite": self.citations.cite(&p.sources),
                }));
            }
        }
        mark_runs(&mut statements, |a, b| {
            a["event"]["id"] == b["event"]["id"]
                && a["speaker"]["id"] == b["speaker"]["id"]
                && a["kind"] == b["kind"]
        });
        ctx.insert("country".into(), profile);
        ctx.insert("processes".into(), Value::Array(processes));
        ctx.insert("roles".into(), Value::Array(roles));
        ctx.insert("heads".into(), Value::Array(heads));
        ctx.insert("statements".into(), Value::Array(statements));
        ctx.insert("meetings".into(), Value::Array(meetings));
        ctx.insert("initiatives".into(), Value::Array(initiatives));
        ctx.insert("involvement".into(), involvement_by_year(&involved));
        ctx.insert("timeline".into(), Value::Array(timeline));
        ctx.insert("events".into(), Value::Array(events));
    }

    pub(super) fn event_focus(&mut self, event: &'a Event, ctx: &mut Map<String, Value>) {
        let process = event
            .process
            .as_ref()
            .and_then(|p| self.base.process(&p.value));
        let process_value = match process {
            Some(p) => json!({
                "id": p.id.value,
                "name": p.name,
                "summary": p.summary,
                "cite": self.citations.cite(&p.sources),
            }),
            None => Value::Null,
        };
        let value = self.event(event);
        let mut related: Vec<&Event> = self
            .base
            .events
            .iter()
            .filter(|e| is_related(e, &event.id.value))
            .collect();
        related.sort_by_key(|e| (e.start.value, e.id.value.clone()));
        let related: Vec<Value> = related.into_iter().map(|e| self.event(e)).collect();
        // The other meetings of the same process, for orientation.
        let mut series: Vec<&Event> = match process {
            Some(p) => self
                .base
                .events
                .iter()
                .filter(|e| e.process.as_ref().is_some_and(|x| x.value == p.id.value))
                .collect(),
            None => Vec::new(),
        };
        series.sort_by_key(|e| (e.start.value, e.sequence));
        let series_count = series.len();
        // The meetings just before and after this one, for orientation.
        let at = series
            .iter()
            .position(|e| e.id.value == event.id.value)
            .unwrap_or(0);
        let series: Vec<&Event> = if series_count <= 5 {
            series
        } else {
            series
                .into_iter()
                .skip(at.saturating_sub(2))
                .take(5)
                .collect()
        };
        let series: Vec<Value> = series
            .into_iter()
            .map(|e| {
                let mut s = self.event_summary(e);
                s["current"] = json!(e.id.value == event.id.value);
                s
            })
            .collect();
        ctx.insert("event".into(), value);
        ctx.insert("process".into(), process_value);
        ctx.insert("related".into(), Value::Array(related));
        ctx.insert("series".into(), Value::Array(series));
        ctx.insert("series_count".into(), json!(series_count));
    }

    /// A short reference to an event: ids, label, dates, place; no citations.
    fn event_summary(&mut self, e: &Event) -> Value {
        json!({
            "id": e.id.value,
            "title": e.title,
            "label": e.label(),
            "kind": e.kind,
            "sequence": e.sequence,
            "start": e.start.value.to_string(),
            "end": e.end_date().to_string(),
            "city": e.location.as_ref().and_then(|l| l.city.clone()),
            "country": e.location.as_ref().and_then(|l| l.country.as_ref()).map(|c| self.party(&c.value)),
        })
    }
}

/// Headline figures across a process's meetings: `measures`, one entry per measure that any
/// of them reports, with a point per meeting that reports it; and `unreported`, the meetings
/// for which no source gives any figure.
fn figures_across(members: &[&Event]) -> Value {
    let mut measures: Vec<(&str, String)> = Vec::new();
    for e in members {
        for f in &e.figures {
            if !measures.iter().any(|(m, _)| *m == f.measure) {
                let label = f
                    .label
                    .clone()
                    .unwrap_or_else(|| f.measure.replace(['-', '_'], " "));
                measures.push((&f.measure, label));
            }
        }
    }
    let list: Vec<Value> = measures
        .into_iter()
        .map(|(measure, label)| {
            let points: Vec<Value> = members
                .iter()
                .filter_map(|e| {
                    let f = e.figures.iter().find(|f| f.measure == measure)?;
                    Some(json!({
                        "event": e.label(),
                        "year": e.start.value.year,
                        "value": f.value,
                        "qualifier": f.qualifier,
                    }))
                })
                .collect();
            let max = points.iter().filter_map(|p| p["value"].as_u64()).max();
            json!({ "measure": measure, "label": label, "max": max, "points": points })
        })
        .collect();
    if list.is_empty() {
        return Value::Null;
    }
    let unreported: Vec<&str> = members
        .iter()
        .filter(|e| e.figures.is_empty())
        .map(|e| e.label())
        .collect();
    json!({ "measures": list, "unreported": unreported })
}

/// Where a process met, in order of first meeting: `[{label, years}]`; the label is the
/// city, else the country, else "a place not recorded".
fn places_of(b: &mut Builder, members: &[&Event]) -> Value {
    let mut places: Vec<(String, Vec<i32>)> = Vec::new();
    for e in members {
        let label = match &e.location {
            Some(l) => match (&l.city, &l.country) {
                (Some(city), _) => city.clone(),
                (None, Some(country)) => b.party(&country.value)["name"]
                    .as_str()
                    .unwrap_or(&country.value)
                    .to_owned(),
                (None, None) => "a place not recorded".to_owned(),
            },
            None => "a place not recorded".to_owned(),
        };
        let year = e.start.value.year;
        match places.iter_mut().find(|(l, _)| *l == label) {
            Some((_, years)) if !years.contains(&year) => years.push(year),
            Some(_) => {}
            None => places.push((label, vec![year])),
        }
    }
    Value::Array(
        places
            .into_iter()
            .map(|(label, years)| json!({ "label": label, "years": years }))
            .collect(),
    )
}

/// Events per year, from the first year of involvement to the last (years without any
/// included): `[{year, main, other}]`, `main` counting conferences and process meetings.
fn involvement_by_year(events: &[&Event]) -> Value {
    let years: Vec<i32> = events.iter().map(|e| e.start.value.year).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return Value::Array(Vec::new());
    };
    let list: Vec<Value> = (first..=last)
        .map(|year| {
            let of_year = events.iter().filter(|e| e.start.value.year == year);
            let main = of_year.clone().filter(|e| e.is_main()).count();
            let other = of_year.count() - main;
            json!({ "year": year, "main": main, "other": other })
        })
        .collect();
    Value::Array(list)
}
