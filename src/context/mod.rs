//! Context: a validated [`FactBase`] and a document request → the typed [`Context`] a
//! template receives.
//!
//! Pure, no I/O. Every record a template can print has one struct here, built in one place,
//! so the types below *are* the documentation of `brief context` (the field reference in
//! `templates/README.md` follows them, and a test keeps the two in step). References are
//! expanded (an event's organizers become parties with names, not ids), records are sorted
//! chronologically, and what is a matter of preparing data rather than of layout is done
//! here: dates as a reader writes them (`dates`, `*_text`), a person's attribution with the
//! position held at the time (`Person::text`), an initiative's years when its title does not
//! already give them, the label and formatted value of a claim.
//!
//! Citations are *keys* (source ids): `cite: ["agency-2024-05-02"]`. They are numbered by the
//! shared Typst styling at first use, in the order the page prints them, and the sources list
//! follows that order, so a template's section order can never put notes out of sequence.
//! `sources` lists every source the context cites, for that list.
//!
//! What each parameter kind adds (`process`, `country`, `event`) is built in [`focus`].

mod builder;
mod country;
mod focus;
mod judgement;
mod records;
mod request;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::changes::{Change, Mark, Presence, RecordKind, Revision, Since};
use crate::facts::{Basis, FactBase};
use crate::templates::ParamKind;
use crate::words::Words;
use crate::yaml::Extra;

pub use country::{CountryFocus, OrganizationFocus};
pub use focus::{EventFocus, ProcessFocus};
pub use records::*;

use builder::{Builder, attribution, mark_runs};
pub use request::{Request, Settings, choices, request};

/// What every record a document prints carries besides its own fields.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The record's notes: source ids, numbered where the page first prints them.
    pub cite: Vec<String>,
    /// The records of the fact base it is made from (`ref`, e.g.
    /// `events[ID].figures[0]`), each with the fields used (`fields`, empty for the whole
    /// record): what `brief trace` follows from a note back to its citations.
    pub basis: Vec<Basis>,
    /// The curator's own fields (`extra:` in the fact base), untouched.
    pub extra: Extra,
    /// With `--since`: `new` or `changed` since then (absent otherwise, and when unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Mark>,
    /// A text field of the record prints in the fact base's language, for want of a
    /// translation into the briefing's (absent when false).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub untranslated: bool,
}

/// Everything a template receives. The focus of each parameter adds its fields at the top
/// level (`process`, `events`, … for a process; `country`, `roles`, … for a country;
/// `event`, `series`, … for an event).
#[derive(Debug, Clone, Serialize)]
pub struct Context {
    pub brief: Brief,
    #[serde(flatten)]
    pub process_focus: Option<ProcessFocus>,
    #[serde(flatten)]
    pub country_focus: Option<CountryFocus>,
    #[serde(flatten)]
    pub organization_focus: Option<OrganizationFocus>,
    #[serde(flatten)]
    pub event_focus: Option<EventFocus>,
    /// The analyst's judgements about the document's subject: printed apart from the facts,
    /// never with notes.
    pub assessments: Vec<judgement::AssessmentRecord>,
    /// What the sources leave open about the events the document covers.
    pub unknowns: Vec<judgement::Unknown>,
    /// Every source the context cites, in the order of first citation in the context. The
    /// printed list is ordered by the page instead (see `sources-list` in `brief.typ`).
    pub sources: Vec<Source>,
    /// With `--since`: the revision compared with (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<Revision>,
    /// With `--since`: what changed since then that this document concerns (absent
    /// otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<Change>>,
}

/// The document's settings.
#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub template: String,
    /// Parameter name → value.
    pub params: BTreeMap<String, String>,
    /// ISO date, `2026-11-24`.
    pub as_of: String,
    /// `24 November 2026`.
    pub as_of_text: String,
    pub paper: String,
    pub marking: Option<String>,
    pub office: Option<String>,
    /// Who prepared and cleared the briefing, how to reach them, its reference, who
    /// receives it and the office's address (`issuer.yaml`; each none when not given).
    pub prepared_by: Option<String>,
    pub contact: Option<String>,
    pub cleared_by: Option<String>,
    pub reference: Option<String>,
    pub distribution: Vec<String>,
    pub address: Option<String>,
    pub lang: String,
    /// The language's region (`GB`), if the tag gives one.
    pub region: Option<String>,
    /// The whole language tag (`ar-KW-u-nu-latn`).
    pub tag: String,
    /// Whether the language is written right to left.
    pub rtl: bool,
    /// The fact base translates none of its facts into the document's language: they print
    /// as it gives them (said once, under the sources).
    pub facts_untranslated: bool,
    /// Records left out as later than the "as of" date (sources published later and what
    /// only they give; assessments written later), and that said in words: none when none.
    pub left_out: usize,
    pub left_out_text: Option<String>,
    /// The issuer's logo as Typst finds it (`/data/logo.png`): none without one.
    pub logo: Option<String>,
}

/// The events a document for `request` covers, in the order they are told.
fn covered_events<'b>(base: &'b FactBase, request: &Request) -> Vec<&'b crate::facts::Event> {
    let mut covered: Vec<&crate::facts::Event> = base
        .events
        .iter()
        .filter(|e| {
            request.params.values().any(|(kind, v)| match kind {
                // A process history tells every event on record (others at its end).
                ParamKind::Process => base.process(v).is_some(),
                ParamKind::Country | ParamKind::Organization => !base.roles_in(v, e).is_empty(),
                ParamKind::Event => {
                    e.id.value == *v || base.anchor_of(e).is_some_and(|a| a.id.value == *v)
                }
            })
        })
        .collect();
    covered.sort_by_cached_key(|e| base.chronological(e));
    covered
}

/// The handling markings of what a document for `request` prints: its events' and the
/// assessments of its subject, each once.
pub fn content_markings(base: &FactBase, request: &Request) -> Vec<String> {
    let subjects: Vec<&str> = request.params.values().map(|(_, v)| v.as_str()).collect();
    let mut out: Vec<String> = Vec::new();
    let events = covered_events(base, request)
        .into_iter()
        .map(|e| &e.marking);
    let judgements = (base.assessments.iter())
        .filter(|a| subjects.contains(&a.about.value.as_str()))
        .map(|a| &a.marking);
    for m in events.chain(judgements).flatten() {
        if !out.contains(m) {
            out.push(m.clone());
        }
    }
    out
}

/// Builds the template context for `request`.
pub fn build(
    translated: &crate::facts::Translated,
    request: &Request,
    since: Option<&Since>,
    words: &Words,
) -> Context {
    let base = &translated.base;
    let mut b = Builder {
        base,
        cited: Vec::new(),
        diff: since.map(|s| &s.diff),
        words,
        untranslated: &translated.untranslated,
    };
    let mut ctx = Context {
        brief: Brief {
            template: request.template.clone(),
            params: request
                .params
                .iter()
                .map(|(k, (_, v))| (k.clone(), v.clone()))
                .collect(),
            as_of: request.as_of.format("%Y-%m-%d").to_string(),
            as_of_text: words.day(request.as_of),
            paper: request.paper.typst_name().to_owned(),
            marking: request.marking.clone(),
            office: request.office.clone(),
            prepared_by: request.issuer.as_ref().and_then(|i| i.prepared_by.clone()),
            contact: request.issuer.as_ref().and_then(|i| i.contact.clone()),
            cleared_by: request.issuer.as_ref().and_then(|i| i.cleared_by.clone()),
            reference: request.issuer.as_ref().and_then(|i| i.reference.clone()),
            distribution: (request.issuer.as_ref())
                .map(|i| i.distribution.clone())
                .unwrap_or_default(),
            address: request.issuer.as_ref().and_then(|i| i.address.clone()),
            lang: request.lang.clone(),
            region: request.region.clone(),
            tag: request.tag.clone(),
            rtl: words.tag.rtl(),
            facts_untranslated: translated.nothing_translated,
            left_out: request.left_out,
            logo: request.logo.clone(),
            left_out_text: (request.left_out > 0).then(|| {
                words.get(
                    "left-out",
                    &[("count", crate::words::Arg::from(request.left_out))],
                )
            }),
        },
        process_focus: None,
        country_focus: None,
        organization_focus: None,
        event_focus: None,
        assessments: Vec::new(),
        unknowns: Vec::new(),
        sources: Vec::new(),
        since: None,
        changes: None,
    };
    for (kind, value) in request.params.values() {
        match kind {
            ParamKind::Process => {
                if let Some(process) = base.process(value) {
                    ctx.process_focus = Some(b.process_focus(process));
                }
            }
            ParamKind::Country => {
                if let Some(country) = base.country(value) {
                    ctx.country_focus = Some(b.country_focus(country));
                }
            }
            ParamKind::Organization => {
                if let Some(org) = base.organization(value) {
                    ctx.organization_focus = Some(b.organization_focus(org));
                }
            }
            ParamKind::Event => {
                if let Some(event) = base.event(value) {
                    ctx.event_focus = Some(b.event_focus(event));
                }
            }
        }
    }
    // The analyst's view of the subject, and what the sources leave open about its events.
    let subjects: Vec<&str> = request.params.values().map(|(_, v)| v.as_str()).collect();
    ctx.assessments = b.assessments(&subjects);
    ctx.unknowns = b.unknowns(&covered_events(base, request));
    if let Some(since) = since {
        // Only what this document concerns; removed records cite nothing on the page.
        let relevant: Vec<Change> = since
            .diff
            .changes
            .iter()
            .filter(|c| concerns(&ctx, c))
            .map(|c| {
                let mut c = c.clone();
                if c.change == Presence::Removed {
                    c.sources.clear();
                }
                c.sources.retain(|s| base.source(s).is_some());
                // Values as this briefing writes them, in its language.
                for f in &mut c.fields {
                    f.old_text = crate::changes::printed_with(&f.old, |d| words.date(d));
                    f.new_text = crate::changes::printed_with(&f.new, |d| words.date(d));
                }
                c
            })
            .collect();
        for c in &relevant {
            for s in &c.sources {
                if !b.cited.contains(s) {
                    b.cited.push(s.clone());
                }
            }
        }
        let mut revision = since.revision.clone();
        if let Some(d) = crate::facts::FuzzyDate::parse(&revision.date) {
            revision.date_text = words.date(&d);
        }
        ctx.since = Some(revision);
        ctx.changes = Some(relevant);
    }
    ctx.sources = b.sources();
    ctx
}

/// Whether a change concerns the document: an event brief, its event and related events; a
/// country or organisation summary, what involves it; a process history, everything.
fn concerns(ctx: &Context, c: &Change) -> bool {
    if let Some(f) = &ctx.event_focus {
        return c.id == f.event.event.id || f.event.related.iter().any(|r| r.event.id == c.id);
    }
    if let Some(f) = &ctx.country_focus {
        return c.parties.contains(&f.country.id)
            || (c.kind == RecordKind::Country && c.id == f.country.id);
    }
    if let Some(f) = &ctx.organization_focus {
        return c.parties.contains(&f.organization.id)
            || (c.kind == RecordKind::Organization && c.id == f.organization.id);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::builder::claim_field_label;
    use super::*;
    use std::path::Path;

    fn request(kind: ParamKind, name: &str, value: &str) -> Request {
        Request {
            template: "t".into(),
            params: BTreeMap::from([(name.to_owned(), (kind, value.to_owned()))]),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            paper: crate::options::Paper::A4,
            marking: None,
            office: None,
            issuer: None,
            lang: "en".into(),
            region: None,
            tag: "en".into(),
            left_out: 0,
            logo: None,
        }
    }

    fn en() -> std::sync::Arc<Words> {
        crate::words::Catalogs::builtin().words("en").unwrap()
    }

    fn minimal() -> FactBase {
        crate::facts::load(Path::new("tests/fixtures/minimal")).unwrap()
    }

    #[test]
    fn sources_list_every_cited_source_once() {
        let base = minimal();
        let ctx = build(
            &crate::facts::Translated::same(base.clone()),
            &request(ParamKind::Process, "process", "lake-dialogue"),
            None,
            &en(),
        );
        let ids: Vec<&str> = ctx.sources.iter().map(|s| s.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        let json = serde_json::to_string(&ctx).unwrap();
        for id in &ids {
            assert!(
                json.contains(&format!("\"cite\":[\"{id}\""))
                    || json.contains(&format!(",\"{id}\"")),
                "{id}"
            );
        }
        assert!(!ids.is_empty());
    }

    #[test]
    fn dates_and_attributions_are_prepared_for_print() {
        let base = minimal();
        let ctx = build(
            &crate::facts::Translated::same(base.clone()),
            &request(ParamKind::Process, "process", "lake-dialogue"),
            None,
            &en(),
        );
        assert_eq!(ctx.brief.as_of_text, "24 November 2026");
        let focus = ctx.process_focus.unwrap();
        let first = &focus.events[0];
        assert!(!first.event.dates.is_empty());
        assert!(first.event.dates.chars().any(|c| c.is_ascii_digit()));
        for s in focus.events.iter().flat_map(|e| &e.statements) {
            assert!(s.by.starts_with(&s.speakers[0].name), "{}", s.by);
        }
    }

    #[test]
    fn a_title_that_names_the_party_gets_no_suffix() {
        let p = |label: &str| PartyRef {
            id: "X".into(),
            party_type: "country",
            name: label.into(),
            label: label.into(),
            extra: Extra::new(),
        };
        let speakers = vec![Person {
            id: "a".into(),
            name: "A".into(),
            title: Some("Minister".into()),
            party: Some(p("Xland")),
            text: "A, Minister (Xland)".into(),
            extra: Extra::new(),
        }];
        assert_eq!(attribution(&en(), &speakers, None), "A, Minister (Xland)");
        assert_eq!(
            attribution(&en(), &speakers, Some(&p("Xland"))),
            "A, Minister (Xland)"
        );
        let mut other = p("Yland");
        other.id = "Y".into();
        assert_eq!(
            attribution(&en(), &speakers, Some(&other)),
            "A, Minister (Xland), for Yland"
        );
    }

    #[test]
    fn claims_name_the_field_and_format_dates() {
        let en = en();
        assert_eq!(claim_field_label(&en, "start"), "the start date");
        assert_eq!(claim_field_label(&en, "organizers"), "the organisers");
        assert_eq!(claim_field_label(&en, "short_title"), "the short title");
        assert_eq!(claim_field_label(&en, "funders"), "the funders");
        let us = crate::words::Catalogs::builtin().words("en-US").unwrap();
        assert_eq!(claim_field_label(&us, "organizers"), "the organizers");
    }
}
