//! `brief trace`: every note of one document (or, with `--all`, of every document of the
//! template) in reading order, followed back to the fact base, for a reviewer to sign the
//! briefing off: text, or `--format json`. Exit status 1 when a note has an issue.

use crate::diag::Reported;
use crate::options::ReportFormat;
use crate::pipeline::{Generator, Prepared};
use crate::settings::{DocumentConfig, TraceConfig};
use crate::trace::{self, Trace};

pub fn run(config: &TraceConfig) -> anyhow::Result<()> {
    let generate = &config.generate;
    crate::memory::watch_memory(generate.max_memory);
    let prepared = Prepared::load(generate)?;
    let generators = prepared.generators(generate);
    let doc = &generate.document;
    // Every document asked for, in every language asked for.
    let mut traces = Vec::new();
    for generator in &generators {
        if config.all {
            let (param, values) = prepared.all_values(generate)?;
            for v in &values {
                traces.push(one(
                    &prepared,
                    generator,
                    doc,
                    &[(param.name.clone(), v.clone())],
                )?);
            }
        } else {
            traces.push(one(&prepared, generator, doc, &doc.params)?);
        }
    }
    match config.format {
        ReportFormat::Json if traces.len() > 1 || config.all => {
            crate::term::outln!("{}", serde_json::to_string_pretty(&traces)?)
        }
        ReportFormat::Json => {
            crate::term::outln!("{}", serde_json::to_string_pretty(&traces[0])?)
        }
        ReportFormat::Text => {
            let texts: Vec<String> = traces.iter().map(|t| t.text()).collect();
            crate::term::outln!("{}", texts.join("\n\n").trim_end())
        }
    }
    if traces.iter().any(|t| t.issues > 0) {
        return Err(Reported.into());
    }
    Ok(())
}

/// The trace of the document for `params`.
fn one(
    prepared: &Prepared,
    generator: &Generator<'_>,
    doc: &DocumentConfig,
    params: &[(String, String)],
) -> anyhow::Result<Trace> {
    let contexted = generator.context(params)?;
    let (_, compiled) = generator.compiled(&contexted)?;
    let (base, warnings) = prepared.facts();
    Ok(trace::trace(
        &trace::Document {
            template: &doc.template,
            params: &contexted.params,
            date: doc.date,
            sources_folder: doc.sources.as_deref(),
        },
        &compiled.notes,
        base,
        warnings,
    ))
}
