//! What each kind of record is to the differ: how it is named in a change, which parties it
//! concerns, and (for an event's items) how it is matched across editions.

use super::{EventItem, Names, RecordKind, TopRecord};
use crate::facts::{
    Assessment, Claim, Country, Discussion, Event, Figure, Initiative, Organization, Outcome,
    Participation, Person, Process, SourceDoc, Statement, humanize,
};

impl TopRecord for SourceDoc {
    const KIND: RecordKind = RecordKind::Source;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        format!("{}, “{}”", self.publisher, self.title)
    }
    fn parties(&self) -> Vec<String> {
        Vec::new()
    }
}

impl TopRecord for Country {
    const KIND: RecordKind = RecordKind::Country;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        self.name.clone()
    }
    fn parties(&self) -> Vec<String> {
        vec![self.id.value.clone()]
    }
}

impl TopRecord for Organization {
    const KIND: RecordKind = RecordKind::Organization;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        self.name.clone()
    }
    fn parties(&self) -> Vec<String> {
        vec![self.id.value.clone()]
    }
}

impl TopRecord for Person {
    const KIND: RecordKind = RecordKind::Person;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        self.name.clone()
    }
    fn parties(&self) -> Vec<String> {
        self.positions
            .iter()
            .map(|x| x.party.value.clone())
            .collect()
    }
}

impl TopRecord for Process {
    const KIND: RecordKind = RecordKind::Process;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        self.name.clone()
    }
    fn parties(&self) -> Vec<String> {
        self.initiator.iter().map(|i| i.value.clone()).collect()
    }
}

impl TopRecord for Initiative {
    const KIND: RecordKind = RecordKind::Initiative;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, names: &Names) -> String {
        format!("{}: {}", names.party(&self.party.value), self.title)
    }
    fn parties(&self) -> Vec<String> {
        vec![self.party.value.clone()]
    }
}

impl TopRecord for Assessment {
    const KIND: RecordKind = RecordKind::Assessment;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        format!("{} on `{}`", humanize(&self.kind), self.about.value)
    }
    fn parties(&self) -> Vec<String> {
        Vec::new()
    }
}

impl TopRecord for Event {
    const KIND: RecordKind = RecordKind::Event;
    fn id(&self) -> &str {
        &self.id.value
    }
    fn label(&self, _: &Names) -> String {
        self.label().to_owned()
    }
    fn parties(&self) -> Vec<String> {
        let mut parties: Vec<String> = self
            .hosts
            .iter()
            .chain(&self.organizers)
            .chain(&self.funders)
            .map(|r| r.value.clone())
            .chain(self.participants.iter().map(|p| p.party.value.clone()))
            .collect();
        parties.sort();
        parties.dedup();
        parties
    }
}

impl EventItem for Participation {
    const KIND: RecordKind = RecordKind::Participant;
    /// Party and head.
    fn key(&self) -> String {
        format!(
            "{}|{}",
            self.party.value,
            self.person.as_ref().map(|h| h.value.as_str()).unwrap_or("")
        )
    }
    fn secondary(&self) -> String {
        self.party.value.clone()
    }
    fn name(&self, names: &Names, _: &Event) -> String {
        names.party(&self.party.value)
    }
    fn parties(&self, _: &Names, _: &Event) -> Vec<String> {
        vec![self.party.value.clone()]
    }
}

impl EventItem for Figure {
    const KIND: RecordKind = RecordKind::Figure;
    fn key(&self) -> String {
        self.measure.clone()
    }
    fn secondary(&self) -> String {
        self.measure.clone()
    }
    fn name(&self, _: &Names, _: &Event) -> String {
        self.label
            .clone()
            .unwrap_or_else(|| humanize(&self.measure))
    }
    fn parties(&self, _: &Names, _: &Event) -> Vec<String> {
        Vec::new()
    }
}

impl EventItem for Statement {
    const KIND: RecordKind = RecordKind::Statement;
    /// Speaker and text.
    fn key(&self) -> String {
        format!("{}|{}", self.speaker.value, self.text)
    }
    fn secondary(&self) -> String {
        self.speaker.value.clone()
    }
    fn name(&self, names: &Names, _: &Event) -> String {
        let speaker = names
            .new
            .person(&self.speaker.value)
            .map_or(self.speaker.value.as_str(), |p| p.name.as_str());
        format!("by {speaker}")
    }
    fn parties(&self, names: &Names, event: &Event) -> Vec<String> {
        let mut parties: Vec<String> = self.on_behalf_of.iter().map(|p| p.value.clone()).collect();
        if let Some(p) = names
            .new
            .person(&self.speaker.value)
            .and_then(|p| p.position_at(event.start.value))
        {
            parties.push(p.party.value.clone());
        }
        parties
    }
}

impl EventItem for Outcome {
    const KIND: RecordKind = RecordKind::Outcome;
    fn key(&self) -> String {
        self.title.clone()
    }
    fn secondary(&self) -> String {
        String::new()
    }
    fn name(&self, _: &Names, _: &Event) -> String {
        self.title.clone()
    }
    fn parties(&self, _: &Names, _: &Event) -> Vec<String> {
        Vec::new()
    }
}

impl EventItem for Discussion {
    const KIND: RecordKind = RecordKind::Discussion;
    fn key(&self) -> String {
        self.text.clone()
    }
    fn secondary(&self) -> String {
        String::new()
    }
    fn name(&self, _: &Names, _: &Event) -> String {
        self.text.chars().take(60).collect()
    }
    fn parties(&self, _: &Names, _: &Event) -> Vec<String> {
        Vec::new()
    }
}

impl EventItem for Claim {
    const KIND: RecordKind = RecordKind::Claim;
    /// Field and value.
    fn key(&self) -> String {
        format!("{}|{}", self.field, self.value)
    }
    fn secondary(&self) -> String {
        self.field.clone()
    }
    fn name(&self, _: &Names, _: &Event) -> String {
        format!("on {}", self.field)
    }
    fn parties(&self, _: &Names, _: &Event) -> Vec<String> {
        Vec::new()
    }
}
