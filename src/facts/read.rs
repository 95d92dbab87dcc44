//! Reading records: YAML [`Node`]s of one collection file → typed records of the fact base.
//!
//! Every field is taken by name through [`Record`], so missing, mistyped and unknown fields
//! are all reported (with file, line and field path) and reading goes on with the next field.

use super::*;
use crate::yaml::{Node, Reader, Record, Value};

/// Reads the records of one file of `collection` into `base`. Returns false when the file is
/// not a list of records at all (reported), so that nothing of it could be read.
pub fn collection(r: &mut Reader, collection: &str, node: &Node, base: &mut FactBase) -> bool {
    crate::yaml::trace::value(collection, crate::yaml::trace::Ty::List);
    let Value::Seq(items) = &node.value else {
        if node.value != Value::Null {
            let found = node.value.describe();
            r.error(
                node,
                collection,
                format!("expected a list of records, found {found}"),
            )
            .help
            .push("a collection file is a YAML list: each record starts with `- id: …`".into());
            return false;
        }
        return true;
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("{collection}[{}]", i + 1);
        let before = r.problems.len();
        match collection {
            "sources" => base.sources.extend(source(r, item, &path)),
            "countries" => base.countries.extend(country(r, item, &path)),
            "organizations" => base.organizations.extend(organization(r, item, &path)),
            "people" => base.people.extend(person(r, item, &path)),
            "processes" => base.processes.extend(process(r, item, &path)),
            "events" => base.events.extend(event(r, item, &path)),
            "initiatives" => base.initiatives.extend(initiative(r, item, &path)),
            "assessments" => base.assessments.extend(assessment(r, item, &path)),
            other => unreachable!("unknown collection {other}"),
        }
        // A record with an id is named by it in its problems' fields (`events[ID].kind`),
        // as everywhere else; one without, by its position from 1.
        if let Value::Map(entries) = &item.value
            && let Some(id) = entries.iter().find_map(|(k, v)| {
                (k.value.scalar_text().as_deref() == Some("id"))
                    .then(|| v.value.scalar_text())
                    .flatten()
            })
            && !id.is_empty()
        {
            let named = format!("{collection}[{id}]");
            for p in &mut r.problems[before..] {
                if let Some(field) = &mut p.field
                    && field.starts_with(&path)
                    && field[path.len()..].chars().next().is_none_or(|c| c == '.')
                {
                    field.replace_range(..path.len(), &named);
                }
            }
        }
    }
    true
}

/// Reads `issuer.yaml`: a mapping with `office` and an optional `language`.
pub fn issuer(r: &mut Reader, node: &Node) -> Option<Issuer> {
    let mut rec = r.record(node, "issuer", "the issuer")?;
    let office = rec.text(r, "office");
    let language = rec.opt_text(r, "language");
    let prepared_by = rec.opt_text(r, "prepared_by");
    let contact = rec.opt_text(r, "contact");
    let cleared_by = rec.opt_text(r, "cleared_by");
    let reference = rec.opt_text(r, "reference");
    let distribution = texts(r, &mut rec, "distribution");
    let address = rec.opt_text(r, "address");
    let logo = rec.opt_text(r, "logo");
    if let Some(tag) = &language
        && crate::words::Tag::parse(&tag.value).is_err()
    {
        let node = rec.optional("language").expect("just read");
        r.error(
            node,
            "issuer.language",
            format!("`{}` is not a language tag brief can set the document in", tag.value),
        )
        .help
        .push("give a BCP 47 tag with a two- or three-letter language, e.g. `en`, `en-GB`, `fr`, `ru`, `zh-Hant`".into());
    }
    rec.finish(r);
    let value = |t: Option<Located<String>>| t.map(|t| t.value);
    Some(Issuer {
        office: office?.value,
        language: language.map(|l| l.value),
        prepared_by: value(prepared_by),
        contact: value(contact),
        cleared_by: value(cleared_by),
        reference: value(reference),
        distribution: distribution.into_iter().map(|d| d.value).collect(),
        address: value(address),
        logo,
    })
}

fn source(r: &mut Reader, node: &Node, path: &str) -> Option<SourceDoc> {
    let mut rec = r.record(node, path, "a source")?;
    let id = rec.text(r, "id");
    let title = rec.text(r, "title");
    let publisher = rec.text(r, "publisher");
    let published = date(r, &mut rec, "published", true);
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), SOURCE_KINDS));
    let language = rec.opt_text(r, "language");
    let url = rec.opt_text(r, "url");
    let file = rec.opt_text(r, "file");
    let note = rec.opt_text(r, "note");
    let extra = rec.extra(r);
    rec.finish(r);
    Some(SourceDoc {
        extra,
        id: id?,
        title: title.map(|v| v.value).unwrap_or_default(),
        publisher: publisher.map(|v| v.value).unwrap_or_default(),
        published: published.map_or(FuzzyDate::UNKNOWN, |d| d.value),
        kind: kind.map(|v| v.value).unwrap_or_default(),
        language: language.map(|l| l.value),
        url,
        file,
        note: note.map(|n| n.value),
    })
}

fn country(r: &mut Reader, node: &Node, path: &str) -> Option<Country> {
    let mut rec = r.record(node, path, "a country")?;
    let id = rec.text(r, "id");
    let name = rec.text(r, "name");
    let official_name = rec.opt_text(r, "official_name");
    let variants = texts(r, &mut rec, "variants");
    let region = rec.opt_text(r, "region");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["name", "official_name", "region"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Country {
        extra,
        translations,
        id: id?,
        name: name.map(|v| v.value).unwrap_or_default(),
        official_name: official_name.map(|v| v.value),
        variants: variants.into_iter().map(|v| v.value).collect(),
        region: region.map(|v| v.value),
        sources: sources.unwrap_or_default(),
    })
}

fn organization(r: &mut Reader, node: &Node, path: &str) -> Option<Organization> {
    let mut rec = r.record(node, path, "an organization")?;
    let id = rec.text(r, "id");
    let name = rec.text(r, "name");
    let short_name = rec.opt_text(r, "short_name");
    let variants = texts(r, &mut rec, "variants");
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), ORGANIZATION_KINDS));
    let parent = rec.opt_text(r, "parent");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["name", "short_name"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Organization {
        extra,
        translations,
        id: id?,
        name: name.map(|v| v.value).unwrap_or_default(),
        short_name: short_name.map(|v| v.value),
        variants: variants.into_iter().map(|v| v.value).collect(),
        kind: kind.map(|v| v.value).unwrap_or_default(),
        parent,
        sources: sources.unwrap_or_default(),
    })
}

fn person(r: &mut Reader, node: &Node, path: &str) -> Option<Person> {
    let mut rec = r.record(node, path, "a person")?;
    let id = rec.text(r, "id");
    let name = rec.text(r, "name");
    let variants = texts(r, &mut rec, "variants");
    let positions = rec
        .optional("positions")
        .map(|n| r.list(n, &rec.field_path("positions"), position))
        .unwrap_or_default();
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["name"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Person {
        extra,
        translations,
        id: id?,
        name: name.map(|v| v.value).unwrap_or_default(),
        variants: variants.into_iter().map(|v| v.value).collect(),
        positions,
        sources: sources.unwrap_or_default(),
    })
}

fn position(r: &mut Reader, node: &Node, path: &str) -> Option<Position> {
    let mut rec = r.record(node, path, "a position")?;
    let title = rec.text(r, "title");
    let party = rec.text(r, "party");
    let from = date(r, &mut rec, "from", false);
    let until = date(r, &mut rec, "until", false);
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["title"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Position {
        extra,
        translations,
        title: title.map(|v| v.value).unwrap_or_default(),
        party: party?,
        from: from.map(|d| d.value),
        until: until.map(|d| d.value),
        sources: sources.unwrap_or_default(),
    })
}

fn process(r: &mut Reader, node: &Node, path: &str) -> Option<Process> {
    let mut rec = r.record(node, path, "a process")?;
    let id = rec.text(r, "id");
    let name = rec.text(r, "name");
    let summary = rec.opt_text(r, "summary");
    let launched = date(r, &mut rec, "launched", false);
    let initiator = rec.opt_text(r, "initiator");
    let themes = texts(r, &mut rec, "themes");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["name", "summary"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Process {
        extra,
        translations,
        id: id?,
        name: name.map(|v| v.value).unwrap_or_default(),
        summary: summary.map(|v| v.value),
        launched: launched.map(|d| d.value),
        initiator,
        themes: themes.into_iter().map(|t| t.value).collect(),
        sources: sources.unwrap_or_default(),
    })
}

fn event(r: &mut Reader, node: &Node, path: &str) -> Option<Event> {
    let mut rec = r.record(node, path, "an event")?;
    let id = rec.text(r, "id");
    // `title` (a title a source gives) or `description` (the curator's words for an event
    // no source names): one of them.
    let title = rec.opt_text(r, "title");
    let description = rec.opt_text(r, "description");
    let described = title.is_none() && description.is_some();
    if title.is_some()
        && let Some(node) = rec.optional("description")
    {
        let path = rec.field_path("description");
        r.error(node, &path, "an event has a `title` or a `description`, not both")
            .help
            .push("keep `title` when a source gives the event's title; `description` is for your own words when none does".into());
    }
    if title.is_none() && description.is_none() {
        let at = rec.head_location(r);
        r.problems.push(
            Problem::error("an event is missing the required field `title`")
                .at(at)
                .field(rec.field_path("title"))
                .help("add `title: …` (the event's title as a source gives it), or `description: …` (your own words, when no source names the event)"),
        );
    }
    let title = title.or(description);
    let short_title = rec.opt_text(r, "short_title");
    let in_text = rec.opt_text(r, "in_text");
    let marking = rec.opt_text(r, "marking");
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), EVENT_KINDS));
    let process = rec.opt_text(r, "process");
    let sequence = rec
        .optional("sequence")
        .and_then(|n| r.count(n, &rec.field_path("sequence")));
    let parent = rec.opt_text(r, "parent");
    let start = date(r, &mut rec, "start", true);
    let end = date(r, &mut rec, "end", false);
    let location = rec
        .optional("location")
        .and_then(|n| place(r, n, &rec.field_path("location")));
    let hosts = texts(r, &mut rec, "hosts");
    let organizers = texts(r, &mut rec, "organizers");
    let funders = texts(r, &mut rec, "funders");
    let topics = texts(r, &mut rec, "topics");
    let regions = texts(r, &mut rec, "regions");
    let figures = items(r, &mut rec, "figures", figure);
    let participants = items(r, &mut rec, "participants", participation);
    let statements = items(r, &mut rec, "statements", statement);
    let discussions = items(r, &mut rec, "discussions", discussion);
    let outcomes = items(r, &mut rec, "outcomes", outcome);
    let claims = items(r, &mut rec, "claims", claim);
    let announced = status(r, &mut rec);
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let head = rec.head_location(r);
    let translations = translations(r, &mut rec, &["title", "short_title", "in_text", "note"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Event {
        announced,
        extra,
        translations,
        id: id?,
        title: title.map(|v| v.value).unwrap_or_default(),
        described,
        marking: marking.map(|m| m.value),
        short_title: short_title.map(|v| v.value),
        in_text: in_text.map(|v| v.value),
        kind: kind.map(|v| v.value).unwrap_or_default(),
        process,
        sequence: sequence.map(|s| s.value),
        parent,
        start: start.unwrap_or(Located {
            value: FuzzyDate::UNKNOWN,
            at: head,
        }),
        end,
        location,
        hosts,
        organizers,
        funders,
        topics: topics.into_iter().map(|t| t.value).collect(),
        regions: regions.into_iter().map(|t| t.value).collect(),
        figures,
        participants,
        statements,
        discussions,
        outcomes,
        claims,
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

fn initiative(r: &mut Reader, node: &Node, path: &str) -> Option<Initiative> {
    let mut rec = r.record(node, path, "an initiative")?;
    let id = rec.text(r, "id");
    let party = rec.text(r, "party");
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), INITIATIVE_KINDS));
    let title = rec.text(r, "title");
    let summary = rec.opt_text(r, "summary");
    let from = date(r, &mut rec, "from", false);
    let until = date(r, &mut rec, "until", false);
    let event = rec.opt_text(r, "event");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["title", "summary"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Initiative {
        extra,
        translations,
        id: id?,
        party: party?,
        kind: kind.map(|v| v.value).unwrap_or_default(),
        title: title.map(|v| v.value).unwrap_or_default(),
        summary: summary.map(|s| s.value),
        from: from.map(|d| d.value),
        until: until.map(|d| d.value),
        event,
        sources: sources.unwrap_or_default(),
    })
}

fn assessment(r: &mut Reader, node: &Node, path: &str) -> Option<Assessment> {
    let mut rec = r.record(node, path, "an assessment")?;
    let id = rec.text(r, "id");
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), ASSESSMENT_KINDS));
    let about = rec.text(r, "about");
    let text = rec.text(r, "text");
    let author = rec.text(r, "author");
    let date = date(r, &mut rec, "date", true);
    let confidence = rec
        .optional("confidence")
        .and_then(|n| r.choice(n, &rec.field_path("confidence"), CONFIDENCES));
    let rests_on = texts(r, &mut rec, "rests_on");
    let marking = rec.opt_text(r, "marking");
    let head = rec.head_location(r);
    let translations = translations(r, &mut rec, &["text"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Assessment {
        extra,
        translations,
        id: id?,
        kind: kind.map(|v| v.value).unwrap_or_default(),
        about: about?,
        text: text.map(|v| v.value).unwrap_or_default(),
        author: author.map(|v| v.value).unwrap_or_default(),
        date: date.unwrap_or(Located {
            value: FuzzyDate::UNKNOWN,
            at: head,
        }),
        confidence: confidence.map(|c| c.value),
        rests_on,
        marking: marking.map(|m| m.value),
    })
}

fn place(r: &mut Reader, node: &Node, path: &str) -> Option<Place> {
    let mut rec = r.record(node, path, "a location")?;
    let city = rec.opt_text(r, "city");
    let country = rec.opt_text(r, "country");
    rec.finish(r);
    Some(Place {
        city: city.map(|c| c.value),
        country,
    })
}

fn figure(r: &mut Reader, node: &Node, path: &str) -> Option<Figure> {
    let mut rec = r.record(node, path, "a figure")?;
    let measure = rec.text(r, "measure");
    let label = rec.opt_text(r, "label");
    let value = rec
        .required(r, "value")
        .and_then(|n| r.count(n, &rec.field_path("value")));
    let qualifier = rec.opt_text(r, "qualifier");
    let announced = status(r, &mut rec);
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["label", "note"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Figure {
        announced,
        extra,
        translations,
        measure: measure.map(|v| v.value).unwrap_or_default(),
        label: label.map(|l| l.value),
        value: value.map(|v| v.value).unwrap_or_default(),
        qualifier: qualifier.map(|q| q.value),
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

fn participation(r: &mut Reader, node: &Node, path: &str) -> Option<Participation> {
    let mut rec = r.record(node, path, "a participation")?;
    let party = rec.text(r, "party");
    let role = rec
        .required(r, "role")
        .and_then(|n| r.choice(n, &rec.field_path("role"), ROLES));
    let head = rec.opt_text(r, "head");
    let person_node = rec.optional("person");
    let person = rec.opt_text(r, "person");
    let capacity_node = rec.optional("as");
    let capacity = capacity_node.and_then(|n| r.choice(n, &rec.field_path("as"), CAPACITIES));
    let misuse = match (&head, person_node, capacity_node) {
        (Some(_), Some(node), _) => Some((
            node,
            "person",
            "a participation names its person once: `head` (who led the delegation) or `person` with `as`",
            "keep `head: ID` for the head of the delegation, or write `person: ID` and `as: spoke`, `received` or `represented`",
        )),
        (Some(_), None, Some(node)) => Some((
            node,
            "as",
            "`as` says what `person` did; with `head` the person led the delegation",
            "write `person: ID` with `as: …` instead of `head`, or remove `as`",
        )),
        (None, Some(node), None) => Some((
            node,
            "person",
            "`person` needs `as`: what the person did for the party",
            "add `as: led` (headed the delegation), `spoke` (spoke for it), `received` (received the other side) or `represented`",
        )),
        (None, None, Some(node)) => Some((
            node,
            "as",
            "`as` without `person`: whom does it describe?",
            "add `person: ID`, or remove `as`",
        )),
        _ => None,
    };
    if let Some((node, key, message, help)) = misuse {
        let path = rec.field_path(key);
        r.error(node, &path, message).help.push(help.to_owned());
    }
    let announced = status(r, &mut rec);
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["note"]);
    let extra = rec.extra(r);
    rec.finish(r);
    let capacity = match (&head, &capacity) {
        (Some(_), _) => "led".to_owned(),
        (None, Some(c)) => c.value.clone(),
        (None, None) => String::new(),
    };
    Some(Participation {
        announced,
        extra,
        translations,
        party: party?,
        role: role.map(|v| v.value).unwrap_or_default(),
        person: head.or(person),
        capacity,
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

fn statement(r: &mut Reader, node: &Node, path: &str) -> Option<Statement> {
    let mut rec = r.record(node, path, "a statement")?;
    let speaker = rec.text(r, "speaker");
    let on_behalf_of = rec.opt_text(r, "on_behalf_of");
    let about = texts(r, &mut rec, "about");
    let kind = rec
        .required(r, "kind")
        .and_then(|n| r.choice(n, &rec.field_path("kind"), STATEMENT_KINDS));
    let text = rec.text(r, "text");
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["text", "note"]);
    // A quote stays in its source's words, whatever the briefing's language.
    if kind.as_ref().is_some_and(|k| k.value == "quote")
        && let Some((lang, _)) = translations.iter().find(|(_, t)| t.contains_key("text"))
    {
        let at = rec.head_location(r);
        r.problems.push(
            Problem::error(format!(
                "a quote cannot be translated (`translations.{lang}.text`): it stays in the words of its source"
            ))
            .at(at)
            .field(rec.field_path("translations"))
            .help("translate a summary (`kind: summary`) instead, or leave the quote as the source gives it"),
        );
    }
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Statement {
        extra,
        translations,
        speaker: speaker?,
        on_behalf_of,
        about,
        kind: kind.map(|v| v.value).unwrap_or_default(),
        text: text.map(|v| v.value).unwrap_or_default(),
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

fn discussion(r: &mut Reader, node: &Node, path: &str) -> Option<Discussion> {
    let mut rec = r.record(node, path, "a discussion point")?;
    let text = rec.text(r, "text");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["text"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Discussion {
        extra,
        translations,
        text: text.map(|v| v.value).unwrap_or_default(),
        sources: sources.unwrap_or_default(),
    })
}

fn outcome(r: &mut Reader, node: &Node, path: &str) -> Option<Outcome> {
    let mut rec = r.record(node, path, "an outcome")?;
    let title = rec.text(r, "title");
    let kind = rec.opt_text(r, "kind");
    let announced = status(r, &mut rec);
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["title", "note"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Outcome {
        announced,
        extra,
        translations,
        title: title.map(|v| v.value).unwrap_or_default(),
        kind: kind.map(|k| k.value),
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

fn claim(r: &mut Reader, node: &Node, path: &str) -> Option<Claim> {
    let mut rec = r.record(node, path, "a claim")?;
    let field = rec
        .required(r, "field")
        .and_then(|n| r.choice(n, &rec.field_path("field"), CLAIM_FIELDS));
    let value = rec.text(r, "value");
    let note = rec.opt_text(r, "note");
    let sources = citations(r, &mut rec);
    let translations = translations(r, &mut rec, &["note"]);
    let extra = rec.extra(r);
    rec.finish(r);
    Some(Claim {
        extra,
        translations,
        field: field.map(|v| v.value).unwrap_or_default(),
        value: value.map(|v| v.value).unwrap_or_default(),
        note: note.map(|n| n.value),
        sources: sources.unwrap_or_default(),
    })
}

/// Reads a date field (`2024-11-04`, `2018-05`, `2018`).
fn date(
    r: &mut Reader,
    rec: &mut Record,
    key: &'static str,
    required: bool,
) -> Option<Located<FuzzyDate>> {
    let node = if required {
        rec.required(r, key)?
    } else {
        rec.optional(key)?
    };
    let path = rec.field_path(key);
    crate::yaml::trace::value(&path, crate::yaml::trace::Ty::Date);
    let text = r.text(node, &path)?;
    match FuzzyDate::parse(&text.value) {
        Some(value) => Some(Located { value, at: text.at }),
        None => {
            r.error(node, &path, format!("`{}` is not a valid date", text.value))
                .help
                .push("write an ISO 8601 date: `2024-11-04`, or `2018-05` / `2018` where only that much is known".into());
            None
        }
    }
}

/// Reads an optional list of texts (ids, topics, themes).
fn texts(r: &mut Reader, rec: &mut Record, key: &'static str) -> Vec<Located<String>> {
    let Some(node) = rec.optional(key) else {
        return Vec::new();
    };
    r.list(node, &rec.field_path(key), |r, n, p| r.text(n, p))
}

/// `status: announced` (said in advance) or `reported` (the default).
fn status(r: &mut Reader, rec: &mut Record) -> bool {
    rec.optional("status")
        .and_then(|n| r.choice(n, &rec.field_path("status"), STATUSES))
        .is_some_and(|s| s.value == "announced")
}

/// Reads an optional list of sub-records.
fn items<T>(
    r: &mut Reader,
    rec: &mut Record,
    key: &'static str,
    item: fn(&mut Reader, &Node, &str) -> Option<T>,
) -> Vec<T> {
    match rec.optional(key) {
        Some(node) => r.list(node, &rec.field_path(key), item),
        None => Vec::new(),
    }
}

/// Reads the required, non-empty `sources` list of a fact.
fn citations(r: &mut Reader, rec: &mut Record) -> Option<Vec<Citation>> {
    let node = rec.required(r, "sources")?;
    let path = rec.field_path("sources");
    let list = r.list(node, &path, citation);
    if list.is_empty() && matches!(&node.value, Value::Seq(items) if items.is_empty()) {
        r.error(
            node,
            &path,
            "`sources` is empty: every fact must cite a source",
        )
        .help
        .push(
            "add the id of the source this fact comes from, e.g. `sources: [agency-2024-05-02]`"
                .into(),
        );
        return None;
    }
    Some(list)
}

fn citation(r: &mut Reader, node: &Node, path: &str) -> Option<Citation> {
    if let Value::Map(_) = node.value {
        let mut rec = r.record(node, path, "a citation")?;
        let id = rec.text(r, "id");
        let excerpt = rec.opt_text(r, "excerpt");
        let supports = texts(r, &mut rec, "supports");
        rec.finish(r);
        return Some(Citation {
            source: id?,
            excerpt,
            supports,
        });
    }
    Some(Citation {
        source: r.text(node, path)?,
        excerpt: None,
        supports: Vec::new(),
    })
}

/// Reads `translations:`: a mapping of language tags (`ru`, `fr`, `ar-KW`) to mappings of the
/// record's text fields (`allowed`) to their text in that language.
fn translations(r: &mut Reader, rec: &mut Record, allowed: &[&'static str]) -> Translations {
    let path = rec.field_path("translations");
    let Some(node) = rec.optional("translations") else {
        return Translations::new();
    };
    crate::yaml::trace::value(&path, crate::yaml::trace::Ty::Mapping);
    let mut out = Translations::new();
    let Value::Map(languages) = &node.value else {
        let found = node.value.describe();
        r.error(node, &path, format!("expected a mapping of languages, found {found}"))
            .help
            .push("write `translations:` then, indented, a language and its fields: `ru: { name: Таджикистан }`".into());
        return out;
    };
    for (key, fields) in languages {
        let tag_text = key.value.scalar_text().unwrap_or_default();
        let tag = match crate::words::Tag::parse(&tag_text) {
            Ok(tag) => tag,
            Err(e) => {
                r.error(key, &path, e).help.push(
                    "a language is a BCP 47 tag, such as `ru`, `fr`, `ar` or `zh-Hans`".into(),
                );
                continue;
            }
        };
        let lang_path = format!("{path}.{}", tag.text);
        let Value::Map(entries) = &fields.value else {
            let found = fields.value.describe();
            r.error(
                fields,
                &lang_path,
                format!(
                    "expected the record's fields in `{}`, found {found}",
                    tag.text
                ),
            )
            .help
            .push(format!(
                "write the fields under the language: `{}: {{ {}: … }}`",
                tag.text,
                allowed.first().copied().unwrap_or("name")
            ));
            continue;
        };
        let mut texts = std::collections::BTreeMap::new();
        for (field_key, value) in entries {
            let field = field_key.value.scalar_text().unwrap_or_default();
            let field_path = format!("{lang_path}.{field}");
            if !allowed.contains(&field.as_str()) {
                let problem = r.error(
                    field_key,
                    &field_path,
                    format!("`{field}` cannot be translated here"),
                );
                if let Some(s) = crate::diag::did_you_mean(&field, allowed.iter().copied()) {
                    problem.label = Some(format!("did you mean `{s}`?"));
                }
                problem.help.push(format!(
                    "the fields a translation may give here: {}",
                    allowed.join(", ")
                ));
                continue;
            }
            if let Some(text) = r.text(value, &field_path) {
                texts.insert(field, text.value);
            }
        }
        out.insert(tag.text, texts);
    }
    out
}
