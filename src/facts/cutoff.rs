//! The fact base as it stood on a day (`--date`): an edition remade as of an earlier date
//! leaves out what was not known then — sources published later, the events, facts and
//! initiatives only they give, and assessments written later. An event still to come is
//! kept when a source of the day announced it.

use chrono::Datelike;

use super::*;

/// The fact base as of a day, and how many records were left out.
pub struct CutOff {
    pub base: FactBase,
    /// Sources, events, facts of events, initiatives and assessments left out.
    pub left_out: usize,
    /// The ids of the events left out (known only from later sources).
    pub later_events: Vec<String>,
}

/// Which parts of an event only sources from before it tell.
struct Ahead {
    event: bool,
    participants: Vec<bool>,
    figures: Vec<bool>,
    outcomes: Vec<bool>,
}

/// Whether every day `d` could mean is after `day`.
fn after(d: &FuzzyDate, day: &FuzzyDate) -> bool {
    day.is_before(d)
}

impl FactBase {
    /// The fact base as it stood on `day`; none when nothing in it is later.
    pub fn as_of(&self, day: chrono::NaiveDate) -> Option<CutOff> {
        let day = FuzzyDate {
            year: day.year(),
            month: Some(day.month()),
            day: Some(day.day()),
        };
        let later: std::collections::HashSet<String> = self
            .sources
            .iter()
            .filter(|s| after(&s.published, &day))
            .map(|s| s.id.value.clone())
            .collect();
        let any_later =
            !later.is_empty() || self.assessments.iter().any(|a| after(&a.date.value, &day));
        if !any_later {
            return None;
        }
        let mut base = self.clone();
        let mut left_out = later.len();
        base.sources.retain(|s| !later.contains(&s.id.value));
        // A record's citations of later sources go; a fact with none left was not known.
        let keep = |c: &mut Vec<Citation>| -> bool {
            let had = !c.is_empty();
            c.retain(|x| !later.contains(&x.source.value));
            !had || !c.is_empty()
        };
        fn retain_counted<T>(
            items: &mut Vec<T>,
            left_out: &mut usize,
            mut keep: impl FnMut(&mut T) -> bool,
        ) {
            let before = items.len();
            items.retain_mut(|x| keep(x));
            *left_out += before - items.len();
        }
        for c in &mut base.countries {
            keep(&mut c.sources);
        }
        for o in &mut base.organizations {
            keep(&mut o.sources);
        }
        for p in &mut base.people {
            keep(&mut p.sources);
            for position in &mut p.positions {
                keep(&mut position.sources);
            }
        }
        for p in &mut base.processes {
            keep(&mut p.sources);
        }
        let mut later_events = Vec::new();
        retain_counted(&mut base.events, &mut left_out, |e| {
            let known = keep(&mut e.sources);
            if !known {
                later_events.push(e.id.value.clone());
            }
            known
        });
        for e in &mut base.events {
            retain_counted(&mut e.figures, &mut left_out, |x| keep(&mut x.sources));
            retain_counted(&mut e.participants, &mut left_out, |x| keep(&mut x.sources));
            retain_counted(&mut e.statements, &mut left_out, |x| keep(&mut x.sources));
            retain_counted(&mut e.discussions, &mut left_out, |x| keep(&mut x.sources));
            retain_counted(&mut e.outcomes, &mut left_out, |x| keep(&mut x.sources));
            retain_counted(&mut e.claims, &mut left_out, |x| keep(&mut x.sources));
        }
        retain_counted(&mut base.initiatives, &mut left_out, |i| {
            keep(&mut i.sources)
        });
        retain_counted(&mut base.assessments, &mut left_out, |a| {
            !after(&a.date.value, &day)
        });
        base.build_index();
        // What the day's sources only announced is printed as announced: an event (or a
        // participation, figure, outcome) none of whose remaining sources was published
        // after it began.
        let told_ahead = |e: &Event, c: &[Citation]| base.told_ahead(e, c);
        let ahead: Vec<Ahead> = base
            .events
            .iter()
            .map(|e| Ahead {
                event: told_ahead(e, &e.sources),
                participants: e
                    .participants
                    .iter()
                    .map(|x| told_ahead(e, &x.sources))
                    .collect(),
                figures: e
                    .figures
                    .iter()
                    .map(|x| told_ahead(e, &x.sources))
                    .collect(),
                outcomes: e
                    .outcomes
                    .iter()
                    .map(|x| told_ahead(e, &x.sources))
                    .collect(),
            })
            .collect();
        for (e, ahead) in base.events.iter_mut().zip(ahead) {
            e.announced |= ahead.event;
            for (x, a) in e.participants.iter_mut().zip(ahead.participants) {
                x.announced |= a;
            }
            for (x, a) in e.figures.iter_mut().zip(ahead.figures) {
                x.announced |= a;
            }
            for (x, a) in e.outcomes.iter_mut().zip(ahead.outcomes) {
                x.announced |= a;
            }
        }
        Some(CutOff {
            base,
            left_out,
            later_events,
        })
    }
}
