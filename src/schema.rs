//! Schema: the fact-base loader's own field definitions → a JSON Schema (draft 2020-12) of
//! every fact-base file kind, for editors (VS Code's YAML extension) and CI.
//!
//! In: nothing but the loader. Out: JSON. The loader's record readers ask for each of their
//! fields by name, whether the field is there or not, and its converters say what they read
//! (text, a date, a count, one of a set of words, a list, a record). With tracing on
//! ([`crate::yaml::trace`]) the loader reads [`EXAMPLE`], a record of every kind with every
//! field filled in, and the schema is built from what it recorded: so it cannot drift from
//! what `brief check` accepts. A unit test fails when the loader asks for a field the example
//! does not fill in.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use crate::diag::{SourceText, UsageError, did_you_mean};
use crate::facts::{self, COLLECTIONS, FactBase};
use crate::yaml::trace::{self, Trace, Ty};
use crate::yaml::{self, Reader};

/// The file kinds: the collections, and `issuer` (a single record, `issuer.yaml`).
pub fn kinds() -> Vec<&'static str> {
    COLLECTIONS.iter().copied().chain(["issuer"]).collect()
}

/// A complete example of every record kind: every field the loader knows, filled in, and
/// every citation in both its forms (an id, or an id with an excerpt). Only its shape
/// matters; it is never validated as a fact base.
const EXAMPLE: &[(&str, &str)] = &[
    (
        "sources",
        "- {id: s, title: t, publisher: p, published: 2024-11-04, kind: news, language: en, url: 'https://e.org', file: f.txt, note: n, extra: {k: v}}",
    ),
    (
        "countries",
        "- {id: KWT, name: n, official_name: o, variants: [v], region: r, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {name: n}}, extra: {k: v}}",
    ),
    (
        "organizations",
        "- {id: o, name: n, short_name: s, variants: [v], kind: other, parent: p, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {name: n}}, extra: {k: v}}",
    ),
    (
        "people",
        "- {id: p, name: n, variants: [v], positions: [{title: t, party: KWT, from: 2020, until: 2024, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {title: t}}, extra: {k: v}}], sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {name: n}}, extra: {k: v}}",
    ),
    (
        "processes",
        "- {id: p, name: n, summary: s, launched: 2018, initiator: TJK, themes: [t], sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {name: n}}, extra: {k: v}}",
    ),
    (
        "events",
        "- {id: e2, description: d, kind: meeting, start: 2024, marking: RESTRICTED, sources: [s]}
- id: e
  title: t
  short_title: s
  in_text: the s
  kind: conference
  process: p
  sequence: 1
  parent: x
  start: 2024-11-04
  end: 2024-11-05
  location: {city: c, country: KWT}
  hosts: [KWT]
  organizers: [KWT]
  funders: [KWT]
  topics: [t]
  regions: [r]
  status: reported
  figures: [{measure: m, label: l, value: 1, qualifier: q, status: announced, note: n, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {label: l}}, extra: {k: v}}]
  participants: [{party: KWT, role: host, head: h, person: h, as: spoke, status: announced, note: n, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {note: n}}, extra: {k: v}}]
  statements: [{speaker: h, on_behalf_of: KWT, about: [KWT], kind: quote, text: t, note: n, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {note: n}}, extra: {k: v}}]
  discussions: [{text: t, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {text: t}}, extra: {k: v}}]
  outcomes: [{title: t, kind: k, status: announced, note: n, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {title: t}}, extra: {k: v}}]
  claims: [{field: start, value: v, note: n, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {note: n}}, extra: {k: v}}]
  note: n
  translations: {ru: {title: t}}
  extra: {k: [1, {two: 2}]}
  sources: [s, {id: s, excerpt: x, supports: [f]}]",
    ),
    (
        "initiatives",
        "- {id: i, party: TJK, kind: proposal, title: t, summary: s, from: 2021, until: 2025, event: e, sources: [s, {id: s, excerpt: x, supports: [f]}], translations: {ru: {title: t}}, extra: {k: v}}",
    ),
    (
        "assessments",
        "- {id: a, kind: key-judgement, about: p, text: t, author: a, date: 2024-11-06, confidence: moderate, rests_on: [e], marking: RESTRICTED, translations: {ru: {text: t}}, extra: {k: v}}",
    ),
    (
        "issuer",
        "{office: o, language: en, prepared_by: p, contact: c, cleared_by: c, reference: r, distribution: [d], address: a, logo: l.png}",
    ),
];

/// What the loader records while reading [`EXAMPLE`].
fn traced() -> Trace {
    trace::run(|| {
        for (kind, text) in EXAMPLE {
            let file = SourceText::new(format!("{kind}.yaml"), *text);
            let node = yaml::parse(&file).expect("the schema example is valid YAML");
            let mut problems = Vec::new();
            let mut reader = Reader {
                file: &file,
                problems: &mut problems,
            };
            if *kind == "issuer" {
                facts::read_issuer(&mut reader, &node);
            } else {
                facts::read_collection(&mut reader, kind, &node, &mut FactBase::default());
            }
        }
    })
}

/// The schema of every file kind, under `$defs`.
pub fn all() -> Value {
    let trace = traced();
    let defs: Map<String, Value> = kinds()
        .into_iter()
        .map(|k| (k.to_owned(), file_schema(&trace, k)))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "brief fact base",
        "description": "The files of a brief fact base, one definition per file kind (`sources.yaml` or `sources/*.yaml`, …, `issuer.yaml`).",
        "$defs": defs,
    })
}

/// The schema of one file kind (`events`, `issuer`, …), standing alone.
pub fn of_kind(kind: &str) -> Result<Value, UsageError> {
    let known = kinds();
    if !known.contains(&kind) {
        let mut err = UsageError::new(format!("`{kind}` is not a kind of fact-base file"));
        if let Some(s) = did_you_mean(kind, known.iter().copied()) {
            err = err.help(format!("did you mean `{s}`?"));
        }
        return Err(err.help(format!("kinds: {}", known.join(", "))));
    }
    let mut schema = file_schema(&traced(), kind);
    let object = schema.as_object_mut().expect("a schema is an object");
    object.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    Ok(schema)
}

/// A file of `kind`: a list of records, or (for `issuer`) one record.
fn file_schema(trace: &Trace, kind: &str) -> Value {
    let title = if kind == "issuer" {
        "issuer.yaml".to_owned()
    } else {
        format!("{kind}.yaml, or a file in {kind}/")
    };
    let mut schema = value_schema(trace, kind);
    let object = schema.as_object_mut().expect("a schema is an object");
    object.insert("title".into(), json!(title));
    schema
}

/// The schema of the value at a (normalised) path, from the types the loader read it as.
fn value_schema(trace: &Trace, path: &str) -> Value {
    let types: BTreeSet<Ty> = trace.types.get(path).cloned().unwrap_or_default();
    if types.contains(&Ty::List) {
        let mut items = types.clone();
        items.remove(&Ty::List);
        let mut list = json!({ "type": "array", "items": one_of(trace, path, &items) });
        // Every fact cites a source: a record's `sources` is never empty (as `check` says).
        if path.ends_with(".sources") {
            list["minItems"] = json!(1);
        }
        return list;
    }
    // A record's id, as `check` reads it: three capital letters for a country, lowercase
    // letters, digits and `-` otherwise.
    if let Some(collection) = path.strip_suffix(".id")
        && !collection.contains('.')
        && types.contains(&Ty::Text)
    {
        let pattern = if collection == "countries" {
            "^[A-Z]{3}$"
        } else {
            "^[a-z0-9-]+$"
        };
        let mut forms = vec![json!({ "type": "string", "pattern": pattern })];
        if collection != "countries" {
            // `2024` reads as a number and is a valid id.
            forms.push(json!({ "type": "integer", "minimum": 0 }));
        }
        return json!({
            "anyOf": forms,
            "description": if collection == "countries" {
                "an ISO 3166-1 alpha-3 code: three capital letters such as `NOR`"
            } else {
                "lowercase letters, digits and `-`, such as `annual-meeting-2024`"
            },
        });
    }
    one_of(trace, path, &types)
}

/// A value read as any of `types` (a citation is an id or a record).
fn one_of(trace: &Trace, path: &str, types: &BTreeSet<Ty>) -> Value {
    let mut options: Vec<Value> = Vec::new();
    if types.contains(&Ty::Record) {
        options.push(record_schema(trace, path));
    }
    let choice = types.iter().find_map(|t| match t {
        Ty::Choice(allowed) => Some(allowed.clone()),
        _ => None,
    });
    if let Some(allowed) = choice {
        options.push(json!({ "enum": allowed }));
    } else if types.contains(&Ty::Date) {
        options.push(json!({
            "anyOf": [
                { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" },
                { "type": "integer", "minimum": 1000, "maximum": 9999 },
            ],
            "description": "an ISO 8601 date: 2024-11-04, or 2024-11 or 2024 where only that much is known",
        }));
    } else if types.contains(&Ty::Mapping) {
        options.push(json!({
            "type": "object",
            "description": "your own fields (any keys, any values), passed to templates untouched",
        }));
    } else if types.contains(&Ty::Count) {
        options.push(json!({ "type": "integer", "minimum": 0 }));
    } else if types.contains(&Ty::Text) {
        options.push(json!({ "type": ["string", "number", "boolean"] }));
    }
    match options.len() {
        0 => json!({}),
        1 => options.remove(0),
        _ => json!({ "anyOf": options }),
    }
}

fn record_schema(trace: &Trace, path: &str) -> Value {
    let Some(record) = trace.records.get(path) else {
        return json!({ "type": "object" });
    };
    let properties: Map<String, Value> = record
        .fields
        .iter()
        .map(|(key, _)| {
            (
                (*key).to_owned(),
                value_schema(trace, &format!("{path}.{key}")),
            )
        })
        .collect();
    let required: Vec<&str> = record
        .fields
        .iter()
        .filter(|(_, required)| *required)
        .map(|(key, _)| *key)
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": record.what,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    // An event has a title a source gives, or the curator's description of it: one of the
    // two (the loader asks for `title` unless `description` is given).
    if path == "events" {
        schema["anyOf"] = json!([{ "required": ["title"] }, { "required": ["description"] }]);
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_fills_in_every_field_the_loader_asks_for() {
        let trace = traced();
        let mut missing = Vec::new();
        for (path, record) in &trace.records {
            for (key, _) in &record.fields {
                if !trace.types.contains_key(&format!("{path}.{key}")) {
                    missing.push(format!("{path}.{key}"));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "add these fields to schema::EXAMPLE: {missing:?}"
        );
        for kind in kinds() {
            assert!(trace.records.contains_key(kind), "{kind} was not read");
        }
        // Every citation list shows both forms, so the schema allows both.
        for (path, types) in &trace.types {
            if path.ends_with(".sources") {
                assert!(
                    types.contains(&Ty::Text) && types.contains(&Ty::Record),
                    "{path}: give the example `[s, {{id: s, excerpt: x, supports: [f]}}]`"
                );
            }
        }
    }

    #[test]
    fn the_schema_follows_the_loader() {
        let schema = all();
        let event = &schema["$defs"]["events"]["items"];
        assert_eq!(event["additionalProperties"], false);
        let required: Vec<&str> = event["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(required.contains(&"id") && required.contains(&"start"));
        assert!(!required.contains(&"end"));
        assert_eq!(
            event["properties"]["kind"]["enum"][0],
            crate::facts::EVENT_KINDS[0]
        );
        let participant = &event["properties"]["participants"]["items"];
        assert!(participant["properties"]["role"]["enum"].is_array());
        // A citation is an id or a record with an excerpt.
        let citation = &event["properties"]["sources"]["items"]["anyOf"];
        assert_eq!(citation.as_array().unwrap().len(), 2);
        assert_eq!(schema["$defs"]["issuer"]["type"], "object");
    }

    #[test]
    fn an_unknown_kind_is_a_usage_error() {
        assert!(of_kind("events").is_ok());
        let err = of_kind("event").unwrap_err();
        assert!(err.help.iter().any(|h| h.contains("events")));
    }
}
