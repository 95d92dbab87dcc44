//! `brief context`: print, as JSON, exactly what a template receives — with the same
//! settings as `generate` (flags, else `brief.toml`).

use crate::pipeline::{context_for, languages, load_facts};
use crate::settings::DocumentConfig;
use crate::templates;

pub fn run(doc: &DocumentConfig) -> anyhow::Result<()> {
    let library = templates::Library::new(&doc.templates)?;
    let manifest = templates::manifest(&library, &doc.template)?;
    let (base, since, _) = load_facts(&doc.data, &doc.since, doc.sources.as_deref(), doc.date)?;
    let catalogs = crate::words::Catalogs::new(library.dir());
    let (base, left_out) = match base.as_of(doc.date) {
        Some(cut) => (cut.base, cut.left_out),
        None => (base, 0),
    };
    let words = languages(&catalogs, &doc.langs, &base)?;
    let translated = base.in_language(&words[0].tag);
    let (_, ctx) = context_for(
        &manifest,
        &doc.params,
        &translated,
        doc,
        since.as_ref(),
        &words[0],
        left_out,
    )?;
    crate::term::outln!("{}", serde_json::to_string_pretty(&ctx)?);
    Ok(())
}
