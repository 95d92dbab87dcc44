//! Context: a validated [`FactBase`] and a document request → the data a template receives.
//!
//! Pure, no I/O. References are expanded (an event's organizers become names, not ids),
//! records are sorted chronologically, and every citation is numbered per document: a source
//! gets the next number the first time a fact in the context cites it, in the order the
//! context lists facts (which is the order the shipped templates print them). `sources` lists
//! exactly the cited sources, by number, for a sources list at the end.
//!
//! What each parameter kind adds to the context (`process`, `country`, `event`) is built in
//! [`focus`].
//!
//! Dates stay ISO 8601 strings (`2024-11-04`, `2018-05`); templates format them with the
//! date filters of [`crate::render`].

mod focus;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

use crate::facts::{Citation, Event, FactBase, Initiative, Party, Person};

/// What document is being made: the template, its checked parameters and the "as of" date.
#[derive(Debug, Clone)]
pub struct Request {
    pub template: String,
    /// Parameter name → value, already checked against the fact base.
    pub params: BTreeMap<String, String>,
    /// The parameter kind of each parameter (`process`, `country`, `event`).
    pub kinds: BTreeMap<String, String>,
    pub as_of: chrono::NaiveDate,
    /// Presentation settings passed through to templates (`paper`, `marking`).
    pub settings: BTreeMap<String, Value>,
}

/// Builds the template context for `request`.
pub fn build(base: &FactBase, request: &Request) -> Value {
    let mut b = Builder {
        base,
        citations: Citations::default(),
    };
    let mut ctx = Map::new();
    let mut brief = json!({
        "template": request.template,
        "params": request.params,
        "as_of": request.as_of.format("%Y-%m-%d").to_string(),
    });
    for (key, value) in &request.settings {
        brief[key] = value.clone();
    }
    ctx.insert("brief".into(), brief);
    for (name, value) in &request.params {
        let kind = request.kinds.get(name).map(String::as_str);
        match kind {
            Some("process") => {
                if let Some(process) = base.process(value) {
                    b.process_focus(process, &mut ctx);
                }
            }
            Some("country") => {
                if let Some(country) = base.country(value) {
                    b.country_focus(country, &mut ctx);
                }
            }
            Some("event") => {
                if let Some(event) = base.event(value) {
                    b.event_focus(event, &mut ctx);
                }
            }
            _ => {}
        }
    }
    ctx.insert("sources".into(), b.citations.sources(base));
    Value::Object(ctx)
}

/// Numbers sources in the order facts first cite them.
#[derive(Default)]
struct Citations {
    order: Vec<String>,
    numbers: HashMap<String, usize>,
}

impl Citations {
    /// The citation list of a fact: `[{n, source, excerpt?}]`, one entry per distinct source.
    fn cite(&mut self, citations: &[Citation]) -> Value {
        let mut out: Vec<Value> = Vec::new();
        for c in citations {
            let id = &c.source.value;
            let n = *self.numbers.entry(id.clone()).or_insert_with(|| {
                self.order.push(id.clone());
                self.order.len()
            });
            if out.iter().any(|v| v["n"] == n) {
                continue;
            }
            let mut entry = json!({ "n": n, "source": id });
            if let Some(excerpt) = &c.excerpt {
                entry["excerpt"] = json!(excerpt.value);
            }
            out.push(entry);
        }
        out.sort_by_key(|v| v["n"].as_u64());
        Value::Array(out)
    }

    fn sources(&self, base: &FactBase) -> Value {
        let list = self
            .order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| {
                let s = base.source(id)?;
                Some(json!({
                    "n": i + 1,
                    "id": id,
                    "title": s.title,
                    "publisher": s.publisher,
                    "published": s.published.to_string(),
                    "kind": s.kind,
                    "language": s.language,
                    "url": s.url.as_ref().map(|u| &u.value),
                    "file": s.file.as_ref().map(|f| &f.value),
                }))
            })
            .collect();
        Value::Array(list)
    }
}

struct Builder<'a> {
    base: &'a FactBase,
    citations: Citations,
}

impl<'a> Builder<'a> {
    fn party(&mut self, id: &str) -> Value {
        match self.base.party(id) {
            Some(Party::Country(c)) => json!({
                "id": c.id.value,
                "type": "country",
                "name": c.name,
                "label": c.name,
                "official_name": c.official_name,
                "region": c.region,
            }),
            Some(Party::Organization(o)) => json!({
                "id": o.id.value,
                "type": "organization",
                "name": o.name,
                "label": o.short_name.as_deref().unwrap_or(&o.name),
                "short_name": o.short_name,
                "kind": o.kind,
            }),
            None => json!({ "id": id, "type": "unknown", "name": id, "label": id }),
        }
    }

    fn person(&mut self, person: &Person) -> Value {
        let positions: Vec<Value> = person
            .positions
            .iter()
            .map(|p| {
                json!({
                    "title": p.title,
                    "party": self.party(&p.party.value),
                    "from": p.from.map(|d| d.to_string()),
                    "until": p.until.map(|d| d.to_string()),
                })
            })
            .collect();
        json!({
            "id": person.id.value,
            "name": person.name,
            "positions": positions,
        })
    }

    /// A person as of an event: their positions, the first one held on the event's date.
    fn person_at(&mut self, id: &str, event: &Event) -> Value {
        let Some(person) = self.base.person(id) else {
            return json!({ "id": id, "name": id, "positions": [] });
        };
        let mut value = self.person(person);
        value["position"] = match person.position_at(event.start.value) {
            Some(p) => json!({
                "title": p.title,
                "party": self.party(&p.party.value),
            }),
            None => Value::Null,
        };
        value
    }

    fn event(&mut self, e: &Event) -> Value {
        let parties = |b: &mut Self, ids: &[crate::facts::Ref]| -> Value {
            Value::Array(ids.iter().map(|p| b.party(&p.value)).collect())
        };
        let mut value = json!({
            "id": e.id.value,
            "title": e.title,
            "short_title": e.short_title,
            "label": e.label(),
            "kind": e.kind,
            "sequence": e.sequence,
            "start": e.start.value.to_string(),
            "end": e.end_date().to_string(),
        });
        value["parent"] = match e.parent.as_ref().and_then(|p| self.base.event(&p.value)) {
            Some(p) => json!({
                "id": p.id.value,
                "title": p.title,
                "label": p.label(),
            }),
            None => Value::Null,
        };
        value["location"] = match &e.location {
            Some(place) => json!({
                "city": place.city,
                "country": place.country.as_ref().map(|c| self.party(&c.value)),
            }),
            None => Value::Null,
        };
        value["hosts"] = parties(self, &e.hosts);
        value["organizers"] = parties(self, &e.organizers);
        value["funders"] = parties(self, &e.funders);
        // Topics that name an event or a process link to it rather than describe it.
        let (links, topics): (Vec<&String>, Vec<&String>) = e
            .topics
            .iter()
            .partition(|t| self.base.event(t).is_some() || self.base.process(t).is_some());
        value["topics"] = json!(topics);
        let related_to: Vec<Value> = links
            .into_iter()
            .map(|id| match (self.base.event(id), self.base.process(id)) {
                (Some(ev), _) => json!({ "id": id, "label": ev.label() }),
                (None, Some(p)) => json!({ "id": id, "label": p.name }),
                _ => json!({ "id": id, "label": id }),
            })
            .collect();
        value["related_to"] = Value::Array(related_to);
        value["regions"] = json!(e.regions);
        value["cite"] = self.citations.cite(&e.sources);
        let figures: Vec<Value> = e
            .figures
            .iter()
            .map(|f| {
                json!({
                    "measure": f.measure,
                    "label": f.label.clone().unwrap_or_else(|| f.measure.replace(['-', '_'], " ")),
                    "value": f.value,
                    "qualifier": f.qualifier,
                    "note": f.note,
                    "cite": self.citations.cite(&f.sources),
                })
            })
            .collect();
        value["figures"] = Value::Array(figures);
        let participants: Vec<Value> = e
            .participants
            .iter()
            .map(|p| {
                json!({
                    "party": self.party(&p.party.value),
                    "role": p.role,
                    "head": p.head.as_ref().map(|h| self.person_at(&h.value, e)),
                    "note": p.note,
                    "cite": self.citations.cite(&p.sources),
                })
            })
            .collect();
        value["participants"] = Value::Array(participants);
        // Consecutive statements with the same text (several speakers said the same thing)
        // become one statement with several `speakers`.
        let mut statements: Vec<Value> = Vec::new();
        for st in &e.statements {
            let speaker = self.person_at(&st.speaker.value, e);
            let cite = self.citations.cite(&st.sources);
            if let Some(last) = statements.last_mut()
                && last["text"] == st.text.as_str()
                && last["kind"] == st.kind.as_str()
                && last["cite"] == cite
            {
                if let Some(list) = last["speakers"].as_array_mut() {
                    list.push(speaker);
                }
                continue;
            }
            statements.push(json!({
                "speaker": speaker.clone(),
                "speakers": [speaker],
                "on_behalf_of": st.on_behalf_of.as_ref().map(|p| self.party(&p.value)),
                "kind": st.kind,
                "text": st.text,
                "note": st.note,
                "cite": cite,
            }));
        }
        // Runs of statements by the same speakers: templates print the attribution once.
        for i in 0..statements.len() {
            let same =
                |a: &Value, b: &Value| a["speakers"] == b["speakers"] && a["kind"] == b["kind"];
            let continues = i > 0 && same(&statements[i - 1], &statements[i]);
            let continued = i + 1 < statements.len() && same(&statements[i], &statements[i + 1]);
            statements[i]["continues"] = json!(continues);
            statements[i]["continued"] = json!(continued);
        }
        value["statements"] = Value::Array(statements);
        let discussions: Vec<Value> = e
            .discussions
            .iter()
            .map(|d| json!({ "text": d.text, "cite": self.citations.cite(&d.sources) }))
            .collect();
        value["discussions"] = Value::Array(discussions);
        let outcomes: Vec<Value> = e
            .outcomes
            .iter()
            .map(|o| json!({ "title": o.title, "kind": o.kind, "note": o.note, "cite": self.citations.cite(&o.sources) }))
            .collect();
        value["outcomes"] = Value::Array(outcomes);
        let claims: Vec<Value> = e
            .claims
            .iter()
            .map(|c| {
                json!({
                    "field": c.field,
                    "value": c.value,
                    "note": c.note,
                    "cite": self.citations.cite(&c.sources),
                })
            })
            .collect();
        value["claims"] = Value::Array(claims);
        let initiatives: Vec<Value> = self
            .base
            .initiatives
            .iter()
            .filter(|i| i.event.as_ref().is_some_and(|ev| ev.value == e.id.value))
            .map(|i| self.initiative(i))
            .collect();
        value["initiatives"] = Value::Array(initiatives);
        value
    }

    fn initiative(&mut self, i: &Initiative) -> Value {
        json!({
            "id": i.id.value,
            "party": self.party(&i.party.value),
            "kind": i.kind,
            "title": i.title,
            "summary": i.summary,
            "from": i.from.map(|d| d.to_string()),
            "until": i.until.map(|d| d.to_string()),
            "cite": self.citations.cite(&i.sources),
        })
    }
}

/// Marks runs of statements that belong together (`same`): `continues` on all but the first
/// of a run, `continued` on all but the last, so templates print the attribution once.
pub(crate) fn mark_runs(statements: &mut [Value], same: impl Fn(&Value, &Value) -> bool) {
    for i in 0..statements.len() {
        let continues = i > 0 && same(&statements[i - 1], &statements[i]);
        let continued = i + 1 < statements.len() && same(&statements[i], &statements[i + 1]);
        statements[i]["continues"] = json!(continues);
        statements[i]["continued"] = json!(continued);
    }
}

/// Whether `e` belongs to the event `id`: a side event or meeting of it (`parent`), or one
/// that names it among its topics.
pub(crate) fn is_related(e: &Event, id: &str) -> bool {
    e.id.value != id
        && (e.parent.as_ref().is_some_and(|p| p.value == id) || e.topics.iter().any(|t| t == id))
}

fn timeline_entry(e: &Event, main: bool) -> Value {
    json!({
        "id": e.id.value,
        "label": e.label(),
        "kind": e.kind,
        "start": e.start.value.to_string(),
        "end": e.end_date().to_string(),
        "city": e.location.as_ref().and_then(|l| l.city.clone()),
        "main": main,
    })
}
