//! Checks across records: read records of a [`FactBase`] → problems.
//!
//! Ids are well-formed and unique, every reference resolves to a record of the right
//! collection, every citation names a known source, and date ranges run forwards.

use std::collections::HashMap;

use super::*;
use crate::diag::did_you_mean;

pub fn check(base: &FactBase, unreadable: &[&str], problems: &mut Vec<Problem>) {
    let mut c = Checker {
        base,
        unreadable,
        problems,
    };
    c.ids();
    for s in &base.sources {
        let at = |field: &str| format!("sources[{}].{field}", s.id.value);
        if let Some(file) = &s.file {
            c.relative_file(file, at("file"));
        }
        if let Some(url) = &s.url
            && !(url.value.starts_with("https://") || url.value.starts_with("http://"))
        {
            c.problems.push(
                Problem::error(format!("`{}` is not a web address", url.value))
                    .at(url.at.clone())
                    .field(at("url"))
                    .help("give the source's address starting with `https://` or `http://`"),
            );
        }
    }
    for country in &base.countries {
        c.cited(
            country,
            "country",
            format!("countries[{}].sources", country.id.value),
        );
    }
    for org in &base.organizations {
        let at = |field: &str| format!("organizations[{}].{field}", org.id.value);
        if let Some(parent) = &org.parent {
            c.reference(parent, Kind::Organization, at("parent"));
        }
        c.cited(org, "organization", at("sources"));
    }
    for person in &base.people {
        for (i, p) in person.positions.iter().enumerate() {
            let at =
                |field: &str| format!("people[{}].positions[{}].{field}", person.id.value, i + 1);
            c.reference(&p.party, Kind::Party, at("party"));
            c.date_order(p.from, p.until, &person.id, at("until"));
            c.cited(p, "position", at("sources"));
        }
        c.cited(
            person,
            "person",
            format!("people[{}].sources", person.id.value),
        );
    }
    for process in &base.processes {
        let at = |field: &str| format!("processes[{}].{field}", process.id.value);
        if let Some(initiator) = &process.initiator {
            c.reference(initiator, Kind::Party, at("initiator"));
        }
        c.cited(process, "process", at("sources"));
    }
    for event in &base.events {
        c.event(event);
    }
    c.sequences();
    for i in &base.initiatives {
        let at = |field: &str| format!("initiatives[{}].{field}", i.id.value);
        c.reference(&i.party, Kind::Party, at("party"));
        if let Some(event) = &i.event {
            c.reference(event, Kind::Event, at("event"));
        }
        c.date_order(i.from, i.until, &i.id, at("until"));
        c.cited(i, "initiative", at("sources"));
    }
    for a in &base.assessments {
        let at = |field: &str| format!("assessments[{}].{field}", a.id.value);
        c.reference(&a.about, Kind::Subject, at("about"));
        for (i, r) in a.rests_on.iter().enumerate() {
            c.reference(r, Kind::Subject, at(&format!("rests_on[{}]", i + 1)));
        }
    }
}

#[derive(Clone, Copy)]
pub(super) enum Kind {
    Source,
    Country,
    Organization,
    Party,
    Person,
    Process,
    Event,
    /// What an assessment can be about: a process, event, country or organisation.
    Subject,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Source => "source",
            Kind::Country => "country",
            Kind::Organization => "organization",
            Kind::Party => "country or organization",
            Kind::Person => "person",
            Kind::Process => "process",
            Kind::Event => "event",
            Kind::Subject => "process, event, country or organization",
        }
    }

    fn collection(self) -> &'static str {
        match self {
            Kind::Source => "sources",
            Kind::Country => "countries",
            Kind::Organization => "organizations",
            Kind::Party => "countries or organizations",
            Kind::Person => "people",
            Kind::Process => "processes",
            Kind::Event => "events",
            Kind::Subject => "processes, events, countries or organizations",
        }
    }
}

pub(super) struct Checker<'a> {
    pub(super) base: &'a FactBase,
    /// Collections that could not be read in full (their problem is reported already).
    pub(super) unreadable: &'a [&'a str],
    pub(super) problems: &'a mut Vec<Problem>,
}

impl Checker<'_> {
    fn ids(&mut self) {
        let b = self.base;
        self.unique("sources", b.sources.iter().map(|r| &r.id), false);
        self.unique("countries", b.countries.iter().map(|r| &r.id), true);
        self.unique(
            "organizations",
            b.organizations.iter().map(|r| &r.id),
            false,
        );
        self.unique("people", b.people.iter().map(|r| &r.id), false);
        self.unique("processes", b.processes.iter().map(|r| &r.id), false);
        self.unique("events", b.events.iter().map(|r| &r.id), false);
        self.unique("initiatives", b.initiatives.iter().map(|r| &r.id), false);
        self.unique("assessments", b.assessments.iter().map(|r| &r.id), false);
        for org in &b.organizations {
            if b.country(&org.id.value).is_some() {
                self.problems.push(
                    Problem::error(format!(
                        "organization id `{}` is also a country id",
                        org.id.value
                    ))
                    .at(org.id.at.clone())
                    .field(format!("organizations[{}].id", org.id.value))
                    .help("a party id must name one record: rename the organization"),
                );
            }
        }
    }

    fn unique<'r>(&mut self, collection: &str, ids: impl Iterator<Item = &'r Ref>, country: bool) {
        let mut seen: HashMap<&str, &Ref> = HashMap::new();
        for id in ids {
            let ok = if country {
                id.value.len() == 3 && id.value.bytes().all(|b| b.is_ascii_uppercase())
            } else {
                !id.value.is_empty()
                    && id
                        .value
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            if !ok {
                let rule = if country {
                    "a country id is an ISO 3166-1 alpha-3 code: three capital letters such as `KWT`"
                } else {
                    "ids use lowercase letters, digits and `-` only, such as `annual-meeting-2024`"
                };
                self.problems.push(
                    Problem::error(format!("`{}` is not a valid id in {collection}", id.value))
                        .at(id.at.clone())
                        .field(format!("{collection}[{}].id", id.value))
                        .help(rule),
                );
            }
            if let Some(first) = seen.get(id.value.as_str()) {
                self.problems.push(
                    Problem::error(format!("duplicate id `{}` in {collection}", id.value))
                        .at(id.at.clone())
                        .field(format!("{collection}[{}].id", id.value))
                        .help(format!(
                            "the id is first used at {}; give each record its own id",
                            first.at
                        )),
                );
            } else {
                seen.insert(&id.value, id);
            }
        }
    }

    fn exists(&self, id: &str, kind: Kind) -> bool {
        let b = self.base;
        match kind {
            Kind::Source => b.source(id).is_some(),
            Kind::Country => b.country(id).is_some(),
            Kind::Organization => b.organization(id).is_some(),
            Kind::Party => b.party(id).is_some(),
            Kind::Person => b.person(id).is_some(),
            Kind::Process => b.process(id).is_some(),
            Kind::Event => b.event(id).is_some(),
            Kind::Subject => {
                b.process(id).is_some() || b.event(id).is_some() || b.party(id).is_some()
            }
        }
    }

    fn ids_of(&self, kind: Kind) -> Vec<&str> {
        fn ids<T>(records: &[T], id: fn(&T) -> &Ref) -> impl Iterator<Item = &str> {
            records.iter().map(move |r| id(r).value.as_str())
        }
        let b = self.base;
        match kind {
            Kind::Source => ids(&b.sources, |r| &r.id).collect(),
            Kind::Country => ids(&b.countries, |r| &r.id).collect(),
            Kind::Organization => ids(&b.organizations, |r| &r.id).collect(),
            Kind::Party => ids(&b.countries, |r| &r.id)
                .chain(ids(&b.organizations, |r| &r.id))
                .collect(),
            Kind::Person => ids(&b.people, |r| &r.id).collect(),
            Kind::Process => ids(&b.processes, |r| &r.id).collect(),
            Kind::Event => ids(&b.events, |r| &r.id).collect(),
            Kind::Subject => ids(&b.processes, |r| &r.id)
                .chain(ids(&b.events, |r| &r.id))
                .chain(ids(&b.countries, |r| &r.id))
                .chain(ids(&b.organizations, |r| &r.id))
                .collect(),
        }
    }

    fn date_order(
        &mut self,
        from: Option<FuzzyDate>,
        until: Option<FuzzyDate>,
        id: &Ref,
        field: String,
    ) {
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            self.problems.push(
                Problem::error(format!(
                    "`{}` ends ({until}) before it starts ({from})",
                    id.value
                ))
                .at(id.at.clone())
                .field(field)
                .help("`until` must be on or after `from`"),
            );
        }
    }

    pub(super) fn reference(&mut self, r: &Ref, kind: Kind, field: String) {
        if self.exists(&r.value, kind) {
            return;
        }
        let incomplete = match kind {
            Kind::Party => {
                self.unreadable.contains(&"countries") || self.unreadable.contains(&"organizations")
            }
            _ => self.unreadable.contains(&kind.collection()),
        };
        if incomplete {
            return;
        }
        let noun = kind.noun();
        let candidates = self.ids_of(kind);
        let mut problem = Problem::error(format!("unknown {noun} `{}`", r.value))
            .at(r.at.clone())
            .field(field);
        if let Some(s) = did_you_mean(&r.value, candidates.iter().copied()) {
            problem = problem.label(format!("did you mean `{s}`?"));
        }
        let collection = kind.collection();
        self.problems.push(problem.help(format!(
            "use the id of a record in {collection}, or add a record with this id"
        )));
    }

    fn relative_file(&mut self, file: &Located<String>, field: String) {
        let path = Path::new(&file.value);
        let escapes = path.is_absolute()
            || path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)));
        if escapes || file.value.is_empty() {
            self.problems.push(
                Problem::error(format!(
                    "`{}` is not a file name inside the sources folder",
                    file.value
                ))
                .at(file.at.clone())
                .field(field)
                .help("give the file's path relative to the sources folder, without `..`"),
            );
        }
    }

    /// Two meetings of one process with the same `sequence` number.
    fn sequences(&mut self) {
        let mut seen: HashMap<(&str, u64), &Event> = HashMap::new();
        for e in &self.base.events {
            let (Some(process), Some(n)) = (&e.process, e.sequence) else {
                continue;
            };
            if let Some(first) = seen.insert((process.value.as_str(), n), e) {
                self.problems.push(
                    Problem::error(format!(
                        "events `{}` and `{}` are both meeting {n} of `{}`",
                        first.id.value, e.id.value, process.value
                    ))
                    .at(e.id.at.clone())
                    .field(format!("events[{}].sequence", e.id.value))
                    .help("give each meeting of a process its own `sequence` number"),
                );
            }
        }
    }

    fn event(&mut self, e: &Event) {
        let at = |field: &str| format!("events[{}].{field}", e.id.value);
        self.announced_facts(e);
        self.values_in_excerpts(e);
        self.names_in_excerpts(e);
        if let Some(p) = &e.process {
            self.reference(p, Kind::Process, at("process"));
        }
        if let Some(p) = &e.parent {
            self.reference(p, Kind::Event, at("parent"));
            if p.value == e.id.value {
                self.problems.push(
                    Problem::error(format!("event `{}` is its own parent", e.id.value))
                        .at(p.at.clone())
                        .field(at("parent")),
                );
            }
        }
        if let Some(end) = &e.end
            && end.value < e.start.value
        {
            self.problems.push(
                Problem::error(format!(
                    "event ends ({}) before it starts ({})",
                    end.value, e.start.value
                ))
                .at(end.at.clone())
                .field(at("end"))
                .help("`end` must be on or after `start`"),
            );
        }
        if let Some(country) = e.location.as_ref().and_then(|l| l.country.as_ref()) {
            self.reference(country, Kind::Country, at("location.country"));
        }
        for (name, parties) in [
            ("hosts", &e.hosts),
            ("organizers", &e.organizers),
            ("funders", &e.funders),
        ] {
            for party in parties {
                self.reference(party, Kind::Party, at(name));
            }
        }
        for (i, f) in e.figures.iter().enumerate() {
            self.cited(f, "figure", at(&format!("figures[{}].sources", i + 1)));
        }
        for (i, p) in e.participants.iter().enumerate() {
            self.reference(
                &p.party,
                Kind::Party,
                at(&format!("participants[{}].party", i + 1)),
            );
            if let Some(person) = &p.person {
                let field = if p.capacity == "led" {
                    "head"
                } else {
                    "person"
                };
                self.reference(
                    person,
                    Kind::Person,
                    at(&format!("participants[{}].{field}", i + 1)),
                );
            }
            self.cited(
                p,
                "participation",
                at(&format!("participants[{}].sources", i + 1)),
            );
        }
        for (i, s) in e.statements.iter().enumerate() {
            self.reference(
                &s.speaker,
                Kind::Person,
                at(&format!("statements[{}].speaker", i + 1)),
            );
            if let Some(party) = &s.on_behalf_of {
                self.reference(
                    party,
                    Kind::Party,
                    at(&format!("statements[{}].on_behalf_of", i + 1)),
                );
            }
            for (j, party) in s.about.iter().enumerate() {
                self.reference(
                    party,
                    Kind::Party,
                    at(&format!("statements[{}].about[{}]", i + 1, j + 1)),
                );
            }
            self.cited(
                s,
                "statement",
                at(&format!("statements[{}].sources", i + 1)),
            );
            if s.kind == "quote" {
                self.quote(s, at(&format!("statements[{}].text", i + 1)));
            }
        }
        for (i, d) in e.discussions.iter().enumerate() {
            self.cited(
                d,
                "discussion point",
                at(&format!("discussions[{}].sources", i + 1)),
            );
        }
        for (i, o) in e.outcomes.iter().enumerate() {
            self.cited(o, "outcome", at(&format!("outcomes[{}].sources", i + 1)));
        }
        for (i, c) in e.claims.iter().enumerate() {
            self.cited(c, "claim", at(&format!("claims[{}].sources", i + 1)));
        }
        self.cited(e, "event", at("sources"));
    }
}
