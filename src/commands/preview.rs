//! Preview: the briefing in a browser tab, rebuilt on every save, until Ctrl-C.
//!
//! In: a checked [`PreviewConfig`]. Out: the address on stdout (one line; `--json`: `{"url":
//! …}`), then one line per rebuild on stderr. It watches what `watch` watches and rebuilds
//! the same way (Typst warm between builds), but writes nothing: each build's pages (SVG, from
//! the same layout as the PDF) and PDF are served from memory by [`crate::preview`]. A failed
//! build keeps the last good pages on the page, under the list of its problems.

use std::time::Instant;

use crate::commands::watch::{PREVIEW_QUIET, Watcher, stop_on_ctrl_c};
use crate::diag::{Problem, Problems};
use crate::pipeline::Prepared;
use crate::preview::{Preview, ProblemView};
use crate::settings::PreviewConfig;
use crate::term;

/// Runs until interrupted.
pub fn run(config: &PreviewConfig) -> anyhow::Result<()> {
    let listener = crate::preview::bind(config.port)?;
    let stop = stop_on_ctrl_c()?;
    let mut watcher = Watcher::new(&config.watch, &stop, PREVIEW_QUIET)?;
    let preview = Preview::serve(listener)?;
    rebuild(config, &preview, "start");
    let url = preview.url();
    if config.json {
        println!("{}", serde_json::json!({ "url": url }));
    } else {
        println!("{url}");
    }
    term::info(format!(
        "previewing at {url} — watching {} (Ctrl-C to stop)",
        watcher.describe()
    ));
    if config.watch.generate.open
        && let Err(err) = open::that_detached(&url)
    {
        term::err(format!(
            "warning: cannot open a browser ({err}); open {url} yourself"
        ));
    }
    while let Some(change) = watcher.next_change(&stop) {
        rebuild(config, &preview, &change.what);
    }
    term::info("stopped the preview");
    Ok(())
}

/// One build, published to the page; errors are listed there and on stderr.
fn rebuild(config: &PreviewConfig, preview: &Preview, what: &str) {
    let started = Instant::now();
    let generate = &config.watch.generate;
    let result = (|| -> anyhow::Result<(usize, Option<String>)> {
        let prepared = Prepared::load(generate)?;
        let generators = prepared.generators(generate);
        if generators.len() > 1 {
            term::err(
                "warning: the preview shows the first language asked for; `generate --lang` makes the others",
            );
        }
        let Some(generator) = generators.into_iter().next() else {
            anyhow::bail!("no language to preview");
        };
        let generator = generator.with_svg_pages();
        let doc = generator.context(&generate.document.params)?;
        let (stem, compiled) = generator.compiled(&doc)?;
        let title = compiled.title.clone().unwrap_or_else(|| stem.clone());
        let pages = compiled.svgs.len();
        let pdf = compiled.later_pdf;
        let make = move || match &pdf {
            Some(pdf) => pdf.make(),
            None => Err("no PDF was laid out".to_owned()),
        };
        preview.publish(&title, &format!("{stem}.pdf"), make, compiled.svgs);
        Ok((pages, prepared.timings()))
    })();
    let ms = started.elapsed().as_millis();
    match result {
        Ok((pages, timings)) => term::info(format!(
            "[{what}] preview updated: {pages} page{} in {ms} ms{}",
            if pages == 1 { "" } else { "s" },
            timings.map(|t| format!("\n{t}")).unwrap_or_default()
        )),
        Err(err) => {
            let (text, _) = crate::diag::describe(&err);
            // Problems as `check` has them; any other error as the one line it printed.
            let problems: Vec<Problem> = match err.downcast_ref::<Problems>() {
                Some(list) => list.0.clone(),
                None => vec![Problem::error(err.to_string())],
            };
            let editor = config.editor_url.as_deref();
            preview.publish_failure(
                problems
                    .iter()
                    .map(|p| ProblemView::of(p, editor))
                    .collect(),
            );
            term::err(text);
            term::info(format!(
                "[{what}] not rebuilt; the page keeps the last good pages; waiting for the next save"
            ));
        }
    }
}
