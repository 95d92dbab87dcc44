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
    let generator = prepared.generator(config);
    if !config.all {
        let written = generator.document(&config.document.params)?;
        term::info(format!("wrote {written}"));
        if let Some(table) = prepared.timings() {
            // Asked for: printed even with `--quiet`.
            term::err(table);
        }
        if config.open
            && let Some(path) = written.paths.first()
        {
            open_in_viewer(path);
        }
        return Ok(());
    }
    let (param, values) = prepared.all_values(config)?;
    crate::output::check_folder(&config.out)?;
    let results = batch::run(&values, |value| {
        generator.document(&[(param.name.clone(), value.to_owned())])
    });
    let finished = batch::finish(&results);
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
