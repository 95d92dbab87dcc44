//! `brief` turns a curated, source-cited fact base into print-ready briefings.
//!
//! The pipeline runs in one direction, one stage per module:
//!
//! ```text
//! data/*.yaml ─facts─▶ FactBase ─context─▶ JSON ─render─▶ Typst source ─compile─▶ PDF ─output─▶ file
//! ```
//!
//! [`run`] chains the stages for each subcommand and does nothing else.

pub mod cli;
pub mod compile;
pub mod context;
pub mod diag;
pub mod facts;
pub mod output;
pub mod render;
pub mod templates;
pub mod world;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;

use crate::cli::{CliCommand, GenerateConfig};
use crate::diag::{Problems, UsageError};
use crate::facts::FactBase;
use crate::world::Sandbox;

/// Runs one command. Messages for the user go to stderr; data (JSON, lists) to stdout.
pub fn run(command: CliCommand) -> anyhow::Result<()> {
    match command {
        CliCommand::Generate(args) => generate(&args.check()?),
        CliCommand::Check(args) => check(&args.data, args.sources.as_deref()),
        CliCommand::Templates(args) => list_templates(&args.templates),
        CliCommand::Context(args) => {
            let date = cli::as_of(args.date)?;
            let base = facts::load(&args.data)?;
            let manifest = templates::manifest(&args.templates, &args.template)?;
            let request = request(&manifest, &args.params, &base, date, &BTreeMap::new())?;
            let ctx = context::build(&base, &request);
            println!("{}", serde_json::to_string_pretty(&ctx)?);
            Ok(())
        }
    }
}

/// Checks the parameters and describes the document to make.
fn request(
    manifest: &templates::TemplateManifest,
    params: &[(String, String)],
    base: &FactBase,
    date: chrono::NaiveDate,
    settings: &BTreeMap<String, serde_json::Value>,
) -> Result<context::Request, UsageError> {
    let params = templates::resolve_params(manifest, params, base)?;
    let kinds = manifest
        .params
        .iter()
        .map(|p| (p.name.clone(), p.kind.clone()))
        .collect();
    Ok(context::Request {
        template: manifest.name.clone(),
        params,
        kinds,
        as_of: date,
        settings: settings.clone(),
    })
}

/// The project root (the working directory) and the folders Typst may read in it.
fn sandbox(templates: &Path, data: &Path) -> anyhow::Result<Sandbox> {
    let root = std::env::current_dir()
        .and_then(|d| d.canonicalize())
        .context("cannot determine the current folder")?;
    let templates_real = templates.canonicalize().map_err(|e| {
        Problems(vec![
            diag::Problem::error(format!(
                "the templates folder `{}` cannot be opened ({e})",
                templates.display()
            ))
            .help("run from the project root, or pass the folder with `--templates DIR`"),
        ])
    })?;
    if !templates_real.starts_with(&root) {
        return Err(UsageError::new(format!(
            "the templates folder `{}` is outside the project (`{}`)",
            templates.display(),
            root.display()
        ))
        .help("templates must live inside the project folder brief runs from")
        .into());
    }
    let mut readable = vec![templates_real];
    if let Ok(data_real) = data.canonicalize()
        && data_real.starts_with(&root)
    {
        readable.push(data_real);
    }
    Ok(Sandbox { root, readable })
}

fn generate(config: &GenerateConfig) -> anyhow::Result<()> {
    let manifest = templates::manifest(&config.templates, &config.template)?;
    let sandbox = sandbox(&config.templates, &config.data)?;
    let base = facts::load(&config.data)?;
    let mut settings = BTreeMap::new();
    settings.insert("paper".into(), config.paper.typst_name().into());
    settings.insert(
        "marking".into(),
        config
            .marking
            .clone()
            .map_or(serde_json::Value::Null, Into::into),
    );
    let request = request(&manifest, &config.params, &base, config.date, &settings)?;
    let ctx = context::build(&base, &request);

    let typst_dir = sandbox
        .typst_path(&sandbox.readable[0])
        .expect("templates are inside the root");
    let renderer = render::Renderer::new(&config.templates, &typst_dir)
        .with_context(|| format!("cannot open `{}`", config.templates.display()))?;
    let rendered = renderer.render(&manifest.name, &ctx)?;
    // Parameters chosen automatically (the only valid value) do not name the file.
    let named = config
        .params
        .iter()
        .filter_map(|(k, _)| request.params.get(k));
    let stem = output::stem(&manifest.name, named);

    let Some(format) = config.format else {
        let target = output::targets(&config.out, &stem, "typ", 1).remove(0);
        output::write_atomic(&target, rendered.source.as_bytes())?;
        eprintln!("wrote {}", target.display());
        return Ok(());
    };
    let origin = compile::Origin {
        generated_name: format!("{stem}.typ (generated)"),
        rendered: &rendered,
    };
    let export = compile::Export {
        format,
        date: config.date,
        ident: format!("brief/{stem}"),
        standards: config.standards.clone(),
        pixel_per_pt: 2.0,
    };
    let compiled = compile::compile(&sandbox, &export, &origin)?;
    for warning in &compiled.warnings {
        eprintln!("{}", warning.render().trim_end());
    }
    let ext = match format {
        compile::Format::Pdf => "pdf",
        compile::Format::Png => "png",
        compile::Format::Svg => "svg",
    };
    let targets = output::targets(&config.out, &stem, ext, compiled.files.len());
    for (target, bytes) in targets.iter().zip(&compiled.files) {
        output::write_atomic(target, bytes)?;
    }
    let size: usize = compiled.files.iter().map(Vec::len).sum();
    let pages = compiled.pages;
    let first = &targets[0];
    let shown = if targets.len() == 1 {
        first.display().to_string()
    } else {
        format!("{} … ({} files)", first.display(), targets.len())
    };
    eprintln!("wrote {shown} ({pages} pages, {} KB)", size.div_ceil(1024));
    Ok(())
}

fn check(data: &Path, sources: Option<&Path>) -> anyhow::Result<()> {
    let (base, mut problems) = facts::load_all(data);
    if let Some(dir) = sources {
        problems.extend(facts::verify_excerpts(&base, dir));
        facts::sort_problems(&mut problems);
    }
    if problems.iter().any(|p| p.severity == diag::Severity::Error) {
        return Err(Problems(problems).into());
    }
    for warning in &problems {
        eprintln!("{}", warning.render().trim_end());
    }
    let verified = match sources {
        Some(dir) => {
            let count = base
                .citations()
                .iter()
                .filter(|c| c.excerpt.is_some())
                .count();
            format!("; {count} excerpts found in `{}`", dir.display())
        }
        None => String::new(),
    };
    eprintln!(
        "ok: `{}` is valid ({} sources, {} countries, {} organizations, {} people, {} processes, {} events, {} initiatives){verified}",
        data.display(),
        base.sources.len(),
        base.countries.len(),
        base.organizations.len(),
        base.people.len(),
        base.processes.len(),
        base.events.len(),
        base.initiatives.len(),
    );
    Ok(())
}

fn list_templates(dir: &Path) -> anyhow::Result<()> {
    let manifests = templates::all(dir)?;
    for m in manifests {
        println!("{}", m.name);
        println!("    {}", m.description);
        for p in &m.params {
            let need = if p.required { "required" } else { "optional" };
            println!(
                "    --param {}=<{} id>  ({need}) {}",
                p.name, p.kind, p.description
            );
        }
        println!();
    }
    Ok(())
}
