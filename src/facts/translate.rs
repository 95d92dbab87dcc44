//! The fact base in another language: every text field a record translates
//! (`translations:`) replaced by its translation, and the records whose text stays in the
//! fact base's own language remembered, for templates to mark as untranslated.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::words::Tag;

/// A fact base in a briefing's language.
pub struct Translated {
    pub base: FactBase,
    /// The paths (`events[ID]`, `events[ID].statements[0]`, `countries[ID]`) of records with
    /// a text field printed in the fact base's language, for want of a translation.
    pub untranslated: BTreeSet<String>,
    /// The fact base translates nothing into the language: every fact is in its own
    /// language (said once, not marked record by record).
    pub nothing_translated: bool,
}

impl Translated {
    /// A fact base in its own language.
    pub fn same(base: FactBase) -> Self {
        Self {
            base,
            untranslated: BTreeSet::new(),
            nothing_translated: false,
        }
    }
}

/// The language the fact base is written in: the issuer's, else English.
fn base_language(base: &FactBase) -> String {
    base.issuer
        .as_ref()
        .and_then(|i| i.language.as_deref())
        .and_then(|t| Tag::parse(t).ok())
        .map_or_else(|| "en".to_owned(), |t| t.lang)
}

/// The translation of a record for `tag`: the tag itself, else its language and region,
/// else its language.
fn pick<'t>(t: &'t Translations, tag: &Tag) -> Option<&'t BTreeMap<String, String>> {
    t.get(&tag.text)
        .or_else(|| tag.with_region().and_then(|tr| t.get(&tr)))
        .or_else(|| t.get(&tag.lang))
}

/// A record's translation for the language, put into its fields; `missing` when a field
/// with text has none.
struct Fields<'a> {
    tr: Option<&'a BTreeMap<String, String>>,
    missing: bool,
}

impl Fields<'_> {
    fn text(&mut self, name: &str, value: &mut String) {
        match self.tr.and_then(|t| t.get(name)) {
            Some(t) => *value = t.clone(),
            None if !value.trim().is_empty() => self.missing = true,
            None => {}
        }
    }

    fn opt(&mut self, name: &str, value: &mut Option<String>) {
        if let Some(v) = value {
            self.text(name, v);
        }
    }
}

/// The record's translation for `tag`, remembering in `any` that the fact base has one.
fn fields<'a>(t: &'a Translations, tag: &Tag, any: &std::cell::Cell<bool>) -> Fields<'a> {
    let tr = pick(t, tag);
    any.set(any.get() || tr.is_some());
    Fields { tr, missing: false }
}

impl FactBase {
    /// The fact base in the language `tag`; as it is when that is its own language.
    pub fn in_language(&self, tag: &Tag) -> Translated {
        let mut base = self.clone();
        let mut untranslated = BTreeSet::new();
        if tag.lang == base_language(self) {
            return Translated::same(base);
        }
        // Whether the fact base translates anything into the language at all.
        let any = std::cell::Cell::new(false);
        let mut note = |missing: bool, path: String| {
            if missing {
                untranslated.insert(path);
            }
        };
        for c in &mut base.countries {
            let mut f = fields(&c.translations, tag, &any);
            f.text("name", &mut c.name);
            f.opt("official_name", &mut c.official_name);
            f.opt("region", &mut c.region);
            note(f.missing, record_path("countries", &c.id.value));
        }
        for o in &mut base.organizations {
            let mut f = fields(&o.translations, tag, &any);
            f.text("name", &mut o.name);
            f.opt("short_name", &mut o.short_name);
            note(f.missing, record_path("organizations", &o.id.value));
        }
        for p in &mut base.people {
            let mut f = fields(&p.translations, tag, &any);
            f.text("name", &mut p.name);
            let mut missing = f.missing;
            for position in &mut p.positions {
                let mut f = fields(&position.translations, tag, &any);
                f.text("title", &mut position.title);
                missing |= f.missing;
            }
            note(missing, record_path("people", &p.id.value));
        }
        for p in &mut base.processes {
            let mut f = fields(&p.translations, tag, &any);
            f.text("name", &mut p.name);
            f.opt("summary", &mut p.summary);
            note(f.missing, record_path("processes", &p.id.value));
        }
        for e in &mut base.events {
            let id = e.id.value.clone();
            let mut f = fields(&e.translations, tag, &any);
            f.text("title", &mut e.title);
            f.opt("short_title", &mut e.short_title);
            // How running text names the event is language-bound (an article, a case): an
            // untranslated one is dropped, and the label names it instead.
            if let Some(t) = f.tr.and_then(|t| t.get("in_text")) {
                e.in_text = Some(t.clone());
            } else {
                e.in_text = None;
            }
            f.opt("note", &mut e.note);
            note(f.missing, event_path(&id));
            for (i, x) in e.figures.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                f.opt("label", &mut x.label);
                f.opt("note", &mut x.note);
                note(f.missing, item_path(&id, "figures", i));
            }
            for (i, x) in e.participants.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                f.opt("note", &mut x.note);
                note(f.missing, item_path(&id, "participants", i));
            }
            for (i, x) in e.statements.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                // A quote stays in its source's words: not untranslated.
                if x.kind != "quote" {
                    f.text("text", &mut x.text);
                }
                f.opt("note", &mut x.note);
                note(f.missing, item_path(&id, "statements", i));
            }
            for (i, x) in e.discussions.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                f.text("text", &mut x.text);
                note(f.missing, item_path(&id, "discussions", i));
            }
            for (i, x) in e.outcomes.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                f.text("title", &mut x.title);
                f.opt("note", &mut x.note);
                note(f.missing, item_path(&id, "outcomes", i));
            }
            for (i, x) in e.claims.iter_mut().enumerate() {
                let mut f = fields(&x.translations, tag, &any);
                f.opt("note", &mut x.note);
                note(f.missing, item_path(&id, "claims", i));
            }
        }
        for x in &mut base.initiatives {
            let mut f = fields(&x.translations, tag, &any);
            f.text("title", &mut x.title);
            f.opt("summary", &mut x.summary);
            note(f.missing, record_path("initiatives", &x.id.value));
        }
        for x in &mut base.assessments {
            let mut f = fields(&x.translations, tag, &any);
            f.text("text", &mut x.text);
            note(f.missing, record_path("assessments", &x.id.value));
        }
        // Nothing translated: every fact is in the fact base's language, said once rather
        // than marked record by record.
        let nothing_translated = !any.get();
        if nothing_translated {
            untranslated.clear();
        }
        Translated {
            base,
            untranslated,
            nothing_translated,
        }
    }
}
