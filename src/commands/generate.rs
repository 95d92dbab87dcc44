//! `brief generate`: one document, or one for every value of the template's parameter
//! (`--all`), written to the output folder.

use std::path::Path;

use crate::memory;
use crate::pipeline::{Prepared, batch};
use crate::settings::GenerateConfig;
use crate::term;

pub fn run(config: &GenerateConfig) -> anyhow::Result<()> {
    memory::watch_memory(config.max_memory);
    if let Some(recipients) = &config.email {
        warn_unsendable(recipients);
    }
    let prepared = Prepared::load(config)?;
    let generators = prepared.generators(config);
    if !config.all {
        let mut first = None;
        for generator in &generators {
            let written = generator.document(&config.document.params)?;
            term::info(format!("wrote {written}"));
            first.get_or_insert(written);
        }
        let written = first.expect("a run has at least one language");
        for generator in &generators {
            generator.warn_untranslated();
        }
        if let Some(table) = prepared.timings() {
            // Asked for: printed even with `--quiet`.
            term::err(table);
        }
        if config.open
            && let Some(path) = written.paths.first()
        {
            open_in_viewer(if generators.len() > 1 {
                &config.out
            } else {
                path
            });
        }
        return Ok(());
    }
    let (param, values) = prepared.all_values(config)?;
    crate::output::check_folder(&config.out)?;
    // Every value in every language: `VALUE` with one language, `VALUE (TAG)` with several.
    let mut jobs: Vec<String> = Vec::new();
    let mut made_by: std::collections::HashMap<String, (usize, String)> = Default::default();
    for (i, generator) in generators.iter().enumerate() {
        for value in &values {
            let label = match generator.language_suffix() {
                Some(tag) => format!("{value} ({tag})"),
                None => value.clone(),
            };
            made_by.insert(label.clone(), (i, value.clone()));
            jobs.push(label);
        }
    }
    let results = batch::run(&jobs, |label| {
        let (i, value) = &made_by[label];
        generators[*i].document(&[(param.name.clone(), value.clone())])
    });
    let finished = batch::finish(&results);
    for generator in &generators {
        generator.warn_untranslated();
    }
    if let Some(table) = prepared.timings() {
        term::err(table);
    }
    if config.open {
        open_in_viewer(&config.out);
    }
    finished
}

/// A draft without a sender or recipients can be opened in a mail program, but `brief send`
/// refuses it: say so once, before the drafts are made.
fn warn_unsendable(recipients: &crate::email::Recipients) {
    let warning = crate::diag::severity_word(crate::diag::Severity::Warning);
    if recipients.from.is_none() {
        crate::term::errln!(
            "{warning}: the email drafts have no From address, so `brief send` cannot send them\n  = help: give `--from ADDRESS`, or set `from` under `[email]` in brief.toml"
        );
    }
    if recipients.to.is_empty() && recipients.cc.is_empty() {
        crate::term::errln!(
            "{warning}: the email drafts have no recipients, so `brief send` cannot send them\n  = help: give `--to ADDRESS`, or set `to` under `[email]` in brief.toml"
        );
    }
}

/// Opens a written document (or the output folder) with the system's viewer; a viewer that
/// cannot be started is a warning: the document is written all the same.
fn open_in_viewer(path: &Path) {
    if let Err(err) = open::that_detached(path) {
        crate::term::errln!(
            "{}: cannot open `{}` in a viewer ({err}); it is written all the same",
            crate::diag::severity_word(crate::diag::Severity::Warning),
            path.display()
        );
    }
}
