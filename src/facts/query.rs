//! Questions about a loaded fact base that several stages ask: the position a person held on
//! a date, the roles a party had in an event, whether a statement was made for a party.
//! In: a [`FactBase`]. Out: answers; no I/O.

use super::*;

impl Person {
    /// The first position the person held in the year of `date` (positions without `from` or
    /// `until` are open on that side).
    pub fn position_at(&self, date: FuzzyDate) -> Option<&Position> {
        self.positions.iter().find(|p| {
            p.from.is_none_or(|f| f.year <= date.year)
                && p.until.is_none_or(|u| u.year >= date.year)
        })
    }
}

impl Event {
    /// A main event: a meeting of a process, or a conference.
    pub fn is_main(&self) -> bool {
        self.process.is_some() || self.kind == "conference"
    }
}

impl FactBase {
    /// Whether a statement was made for `party`: on its behalf, or, when no one is named, by
    /// someone holding a position of it at the time of the event.
    pub fn speaks_for(&self, s: &Statement, party: &str, e: &Event) -> bool {
        match &s.on_behalf_of {
            Some(p) => p.value == party,
            None => self
                .person(&s.speaker.value)
                .and_then(|person| person.position_at(e.start.value))
                .is_some_and(|p| p.party.value == party),
        }
    }

    /// The roles `party` had in `e`, in a fixed order: host, organizer, funder, delegation,
    /// speaker, observer, other; `venue` when the event was in the country and nothing else.
    pub fn roles_in(&self, party: &str, e: &Event) -> Vec<&'static str> {
        let listed = |list: &[Ref]| list.iter().any(|p| p.value == party);
        let as_participant = |role: &str| {
            e.participants
                .iter()
                .any(|p| p.party.value == party && p.role == role)
        };
        let mut roles = Vec::new();
        if listed(&e.hosts) || as_participant("host") {
            roles.push("host");
        }
        if listed(&e.organizers) || as_participant("organizer") {
            roles.push("organizer");
        }
        if listed(&e.funders) {
            roles.push("funder");
        }
        for role in ["delegation", "speaker", "observer", "other"] {
            if as_participant(role) {
                roles.push(role);
            }
        }
        if !roles.contains(&"speaker") && e.statements.iter().any(|s| self.speaks_for(s, party, e))
        {
            roles.push("speaker");
        }
        let venue = e
            .location
            .as_ref()
            .and_then(|l| l.country.as_ref())
            .is_some_and(|c| c.value == party);
        if venue && roles.is_empty() {
            roles.push("venue");
        }
        roles
    }

    /// The citations that say what `party` did at `e`: its participations, the statements
    /// made for it, and the event's sources where they support its hosting, organising,
    /// funding or (when that is its only role) being the venue. The event's other sources say nothing about the party.
    /// With them, the records (and fields) they were taken from.
    pub fn involvement<'e>(&self, party: &str, e: &'e Event) -> (Vec<&'e Citation>, Vec<Basis>) {
        let listed = |list: &[Ref]| list.iter().any(|p| p.value == party);
        let mut fields = Vec::new();
        for (field, list) in [
            ("hosts", &e.hosts),
            ("organizers", &e.organizers),
            ("funders", &e.funders),
        ] {
            if listed(list) {
                fields.push(field);
            }
        }
        let venue = e
            .location
            .as_ref()
            .and_then(|l| l.country.as_ref())
            .is_some_and(|c| c.value == party);
        // Being the venue is its role only when it had no other (see `roles_in`): a source on
        // the place says nothing of its organising or speaking.
        if venue && self.roles_in(party, e).contains(&"venue") {
            fields.push("location");
        }
        let id = &e.id.value;
        let mut basis = Vec::new();
        let mut out: Vec<&Citation> = e
            .sources
            .iter()
            .filter(|c| fields.iter().any(|f| c.supports(f)))
            .collect();
        for field in fields {
            basis.push(Basis {
                path: event_path(id),
                fields: vec![field],
            });
        }
        for (i, p) in e.participants.iter().enumerate() {
            if p.party.value == party {
                out.extend(&p.sources);
                basis.push(Basis::whole(item_path(id, "participants", i)));
            }
        }
        for (i, s) in e.statements.iter().enumerate() {
            if self.speaks_for(s, party, e) {
                out.extend(&s.sources);
                basis.push(Basis::whole(item_path(id, "statements", i)));
            }
        }
        (out, basis)
    }

    /// The fields of `e` that only sources published before it began support: they can only
    /// say these were to be, and briefings print them as announced. Empty for an event marked
    /// announced as a whole.
    pub fn announced_fields(&self, e: &Event) -> Vec<&'static str> {
        if e.announced {
            return Vec::new();
        }
        let before = |c: &Citation| {
            self.source(&c.source.value)
                .is_some_and(|s| s.published.is_before(&e.start.value))
        };
        e.fields()
            .into_iter()
            .filter(|(name, value)| {
                !value.is_empty() && supportable(name) && !fields::CURATORS_OWN.contains(name)
            })
            .filter(|(name, _)| {
                let mut supporting = e.sources.iter().filter(|c| c.supports(name)).peekable();
                supporting.peek().is_some() && supporting.all(before)
            })
            .map(|(name, _)| name)
            .collect()
    }

    /// The key events are told in order by: their start, except that an event that is part
    /// of another (a side event, a meeting during a conference; or, outside any process, an
    /// event its topics name) whose own date is vaguer and could be its parent's (`2024-11` for a side event of a conference held on 4–5 November
    /// 2024) comes right after its parent, as its sources place it.
    pub fn chronological(&self, e: &Event) -> (FuzzyDate, u8, String) {
        let own = e.start.value;
        if let Some(parent) = self.anchor_of(e) {
            let at = parent.start.value;
            let vaguer = (own.month.is_none() && own.year == at.year)
                || (own.day.is_none() && own.year == at.year && own.month == at.month);
            if vaguer {
                return (at, 1, e.id.value.clone());
            }
        }
        (own, 0, e.id.value.clone())
    }

    /// The event `e` belongs with: its parent, or (outside any process) an event its topics
    /// name.
    pub fn anchor_of(&self, e: &Event) -> Option<&Event> {
        match &e.parent {
            Some(p) => self.event(&p.value),
            None if e.process.is_none() => e.topics.iter().find_map(|t| self.event(t)),
            None => None,
        }
    }

    /// The process `e` is part of: its own, or that of the event it belongs with.
    pub fn process_of<'a>(&'a self, e: &'a Event) -> Option<&'a str> {
        e.process.as_ref().map(|p| p.value.as_str()).or_else(|| {
            self.anchor_of(e)?
                .process
                .as_ref()
                .map(|p| p.value.as_str())
        })
    }

    /// Whether every source of `citations` was published before `e` began: they can only
    /// have told what was to be (or, for words, said them before the event).
    pub fn told_ahead(&self, e: &Event, citations: &[Citation]) -> bool {
        !citations.is_empty()
            && citations.iter().all(|c| {
                self.source(&c.source.value)
                    .is_some_and(|s| s.published.is_before(&e.start.value))
            })
    }

    /// Whether `party` had any role in any event.
    pub fn took_part(&self, party: &str) -> bool {
        self.events
            .iter()
            .any(|e| !self.roles_in(party, e).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn a_country_named_only_through_a_speaker_counts_as_taking_part() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(
            d.join("sources.yaml"),
            "- { id: s, title: T, publisher: P, published: 2020, kind: news }\n",
        )
        .unwrap();
        std::fs::write(
            d.join("countries.yaml"),
            "- { id: AAA, name: A, sources: [s] }\n- { id: BBB, name: B, sources: [s] }\n- { id: CCC, name: C, sources: [s] }\n",
        )
        .unwrap();
        std::fs::write(
            d.join("people.yaml"),
            "- { id: p, name: P, positions: [{ title: Minister, party: BBB, sources: [s] }], sources: [s] }\n",
        )
        .unwrap();
        std::fs::write(
            d.join("events.yaml"),
            "- { id: e, title: E, kind: meeting, start: 2020, location: { country: AAA }, statements: [{ speaker: p, kind: summary, text: x, sources: [s] }], sources: [s] }\n",
        )
        .unwrap();
        let base = super::super::load(Path::new(d)).unwrap_or_else(|e| panic!("{e}"));
        let e = base.event("e").unwrap();
        assert_eq!(base.roles_in("AAA", e), vec!["venue"]);
        assert_eq!(base.roles_in("BBB", e), vec!["speaker"]);
        assert!(base.took_part("BBB"));
        assert!(!base.took_part("CCC"));
    }
}
