//! `brief` turns a curated, source-cited fact base into print-ready briefings.
//!
//! The pipeline runs in one direction, one stage per module:
//!
//! ```text
//! data/*.yaml ─facts─▶ FactBase ─context─▶ JSON ─render─▶ Typst source ─compile─▶ PDF ─output─▶ file
//! ```
//!
//! [`run`] chains the stages for each subcommand and does nothing else.

pub mod batch;
pub mod changes;
pub mod cli;
pub mod compile;
pub mod context;
pub mod diag;
pub mod email;
pub mod facts;
#[doc(hidden)]
pub mod fuzzing;
pub mod history;
pub mod init;
pub mod output;
pub mod project;
pub mod render;
pub mod schema;
pub mod templates;
pub mod timings;
pub mod watch;
pub mod world;
pub mod yaml;

use std::path::Path;

use crate::cli::{CheckFormat, Cli, CliCommand, GenerateConfig};
use crate::diag::{Problems, Reported, UsageError};
use crate::facts::FactBase;
use crate::output::plural;
use crate::project::Project;
use crate::timings::{Stage, Timings};
use crate::world::Sandbox;

/// The stack size of the threads that compile documents: Typst and MiniJinja recurse over
/// nested content, and a large fact base nests deeply. Address space only; untouched pages
/// cost no memory.
pub const STACK_SIZE: usize = 256 << 20;

/// The message for an error and the exit status it calls for (`2` for usage errors).
pub fn describe_error(err: &anyhow::Error) -> (String, u8) {
    if let Some(problems) = err.downcast_ref::<Problems>() {
        return (problems.to_string().trim_end().to_owned(), 1);
    }
    if err.downcast_ref::<Reported>().is_some() {
        return (String::new(), 1);
    }
    if let Some(usage) = err.downcast_ref::<UsageError>() {
        return (
            format!("{}: {usage}", diag::severity_word(diag::Severity::Error)),
            2,
        );
    }
    let mut text = format!(
        "{}: {}",
        diag::severity_word(diag::Severity::Error),
        diag::visible(&err.to_string())
    );
    for cause in err.chain().skip(1) {
        text.push_str(&format!(
            "\n  caused by: {}",
            diag::visible(&cause.to_string())
        ));
    }
    (text, 1)
}

/// Runs one command. Messages for the user go to stderr; data (JSON, lists) to stdout.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    diag::set_output(cli.color, cli.quiet);
    let project = || Project::discover(cli.project.as_deref());
    match cli.command {
        CliCommand::Generate(args) => generate(&args.check(&project()?)?),
        CliCommand::Watch(args) => {
            let project = project()?;
            watch::run(&args.check(&project)?, &project)
        }
        CliCommand::Check(args) => {
            let project = project()?;
            let data = args.data.clone().unwrap_or_else(|| project.data());
            check(&data, args.sources.as_deref(), args.format)
        }
        CliCommand::Templates(args) => {
            let project = project()?;
            let dir = args
                .templates
                .clone()
                .unwrap_or_else(|| project.templates());
            match &args.copy {
                Some(name) => copy_template(name, &dir),
                None => list_templates(&dir),
            }
        }
        CliCommand::Context(args) => {
            let project = project()?;
            let args = args.document;
            let date = cli::as_of(args.date)?;
            let library = templates::Library::new(&args.templates(&project))?;
            let manifest = templates::manifest(&library, &args.template)?;
            let base = facts::load(&args.data(&project))?;
            let since = match &args.since {
                Some(rev) => Some(history::Since::load(&args.data(&project), rev, &base)?),
                None => None,
            };
            let (_, ctx) = template_context(
                &manifest,
                &args.params,
                &base,
                date,
                cli::Paper::A4,
                None,
                since.as_ref(),
            )?;
            crate::outln!("{}", serde_json::to_string_pretty(&ctx)?);
            Ok(())
        }
        CliCommand::Init(args) => init::create(&args.dir),
        CliCommand::Schema(args) => {
            let schema = match &args.kind {
                Some(kind) => schema::of_kind(kind)?,
                None => schema::all(),
            };
            crate::outln!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(())
        }
        CliCommand::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut command, "brief", &mut script);
            diag::out_bytes(&script)?;
            Ok(())
        }
        CliCommand::Diff(args) => {
            let project = project()?;
            let data = args.data.clone().unwrap_or_else(|| project.data());
            let base = facts::load(&data)?;
            let since = history::Since::load(&data, &args.rev, &base)?;
            print_diff(&since, args.format)
        }
        CliCommand::Send(args) => {
            let project = project()?;
            let server = if args.dry_run {
                None
            } else {
                Some(email::Server::resolve(
                    &project.config.smtp,
                    args.smtp_host.as_deref(),
                    args.smtp_port,
                    args.smtp_tls,
                )?)
            };
            email::send(&args.files, server.as_ref(), args.dry_run)
        }
        CliCommand::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            diag::out_bytes(&page)?;
            Ok(())
        }
    }
}

/// What a template receives (the context `brief context` prints) for `params`, checked
/// against the fact base, and the request it was built from.
pub fn template_context(
    manifest: &templates::TemplateManifest,
    params: &[(String, String)],
    base: &FactBase,
    date: chrono::NaiveDate,
    paper: cli::Paper,
    marking: Option<&str>,
    since: Option<&history::Since>,
) -> Result<(context::Request, serde_json::Value), UsageError> {
    let resolved = templates::resolve_params(manifest, params, base)?;
    let issuer = base.issuer.as_ref();
    // A tag that passed `check` always has parts; `en` otherwise.
    let language = issuer
        .and_then(|i| i.language.as_deref())
        .and_then(facts::language_parts)
        .unwrap_or_else(|| ("en".to_owned(), None));
    let request = context::Request {
        template: manifest.name.clone(),
        params: resolved,
        as_of: date,
        paper: paper.typst_name().to_owned(),
        // The flag, else the template's default.
        marking: marking.or(manifest.marking.as_deref()).map(str::to_owned),
        office: issuer.map(|i| i.office.clone()),
        lang: language.0,
        region: language.1,
    };
    let ctx = context::build(base, &request, since);
    let json = serde_json::to_value(&ctx).expect("the context serialises to JSON");
    Ok((request, json))
}

/// Everything the documents of a run share: loaded once per run (and again on every save
/// in `watch`).
pub(crate) struct Prepared {
    manifest: templates::TemplateManifest,
    sandbox: Sandbox,
    base: FactBase,
    since: Option<history::Since>,
    renderer: render::Renderer,
    timings: Timings,
}

impl Prepared {
    pub(crate) fn load(config: &GenerateConfig) -> anyhow::Result<Prepared> {
        let timings = Timings::new(config.timings);
        let started = std::time::Instant::now();
        let library = templates::Library::new(&config.templates)?;
        let manifest = templates::manifest(&library, &config.template)?;
        let sandbox = Sandbox::for_project(&config.root, library.dir(), &config.data)?;
        let typst_dir = library.dir().and_then(|d| sandbox.typst_path(d));
        let renderer = render::Renderer::new(library, typst_dir);
        if config.format != compile::Format::Typ {
            // Typst's start-up work runs beside the loading of the facts below.
            world::warm_up(&sandbox, renderer.shared_typst_files());
        }
        timings.add(Stage::Templates, started.elapsed());
        let (base, since) = timings.time(Stage::Facts, || -> anyhow::Result<_> {
            let base = facts::load(&config.data)?;
            // The history is read once, for every document of a batch.
            let since = match &config.since {
                Some(rev) => Some(history::Since::load(&config.data, rev, &base)?),
                None => None,
            };
            Ok((base, since))
        })?;
        Ok(Prepared {
            manifest,
            sandbox,
            base,
            since,
            renderer,
            timings,
        })
    }

    /// The `--timings` table of the run so far, when asked for.
    pub(crate) fn timings(&self) -> Option<String> {
        self.timings.report()
    }

    pub(crate) fn generator<'a>(&'a self, config: &'a GenerateConfig) -> Generator<'a> {
        Generator {
            since: self.since.as_ref(),
            config,
            manifest: &self.manifest,
            base: &self.base,
            sandbox: &self.sandbox,
            renderer: &self.renderer,
            timings: &self.timings,
        }
    }

    /// The parameter and values `--all` makes documents for.
    pub(crate) fn all_values(
        &self,
        config: &GenerateConfig,
    ) -> anyhow::Result<(templates::ParamSpec, Vec<String>)> {
        let (param, values) = batch::values(&self.manifest, &config.params, &self.base)?;
        Ok((param.clone(), values))
    }
}

fn generate(config: &GenerateConfig) -> anyhow::Result<()> {
    batch::watch_memory(config.max_memory);
    let prepared = Prepared::load(config)?;
    let generator = prepared.generator(config);
    let manifest = &prepared.manifest;
    let base = &prepared.base;
    if !config.all {
        let written = generator.document(&config.params)?;
        diag::info(format!("wrote {written}"));
        if let Some(table) = prepared.timings() {
            // Asked for: printed even with `--quiet`.
            diag::err(table);
        }
        if config.open
            && let Some(path) = written.paths.first()
        {
            open_in_viewer(path);
        }
        return Ok(());
    }

    let (param, values) = batch::values(manifest, &config.params, base)?;
    output::check_folder(&config.out)?;
    let results = batch::run(&values, |value| {
        generator.document(&[(param.name.clone(), value.to_owned())])
    });
    let finished = batch::finish(&results);
    if let Some(table) = prepared.timings() {
        diag::err(table);
    }
    if config.open {
        open_in_viewer(&config.out);
    }
    finished
}

/// Opens a written document (or the output folder) with the system's viewer; a viewer that
/// cannot be started is a warning: the document is written all the same.
fn open_in_viewer(path: &Path) {
    if let Err(err) = open::that_detached(path) {
        crate::errln!(
            "{}: cannot open `{}` in a viewer ({err}); it is written all the same",
            diag::severity_word(diag::Severity::Warning),
            path.display()
        );
    }
}

/// What one document needs, shared by every document of a run.
pub(crate) struct Generator<'a> {
    config: &'a GenerateConfig,
    since: Option<&'a history::Since>,
    manifest: &'a templates::TemplateManifest,
    base: &'a FactBase,
    sandbox: &'a Sandbox,
    renderer: &'a render::Renderer,
    timings: &'a Timings,
}

impl Generator<'_> {
    /// Makes one document: context, render, compile, write.
    pub(crate) fn document(&self, params: &[(String, String)]) -> anyhow::Result<output::Written> {
        let (request, ctx) = self.context(params)?;
        self.make(params, &request, &ctx)
    }

    /// What the template receives for `params`, and the request it was built from.
    pub(crate) fn context(
        &self,
        params: &[(String, String)],
    ) -> Result<(context::Request, serde_json::Value), UsageError> {
        let config = self.config;
        self.timings.time(Stage::Context, || {
            template_context(
                self.manifest,
                params,
                self.base,
                config.date,
                config.paper,
                config.marking.as_deref(),
                self.since,
            )
        })
    }

    /// Makes one document from its context: render, compile, write.
    pub(crate) fn make(
        &self,
        params: &[(String, String)],
        request: &context::Request,
        ctx: &serde_json::Value,
    ) -> anyhow::Result<output::Written> {
        let config = self.config;
        let label = std::iter::once(format!("`{}`", self.manifest.name))
            .chain(params.iter().map(|(k, v)| format!("{k}={v}")))
            .collect::<Vec<_>>()
            .join(" ");
        let _making = batch::making(label);
        let rendered = self.timings.time(Stage::Render, || {
            for warning in compile::glyph_warnings(ctx) {
                crate::errln!("{}", warning.render().trim_end());
            }
            self.renderer.render(&self.manifest.name, ctx)
        })?;
        // Parameters chosen automatically (the only valid value) do not name the file.
        let named = params
            .iter()
            .filter_map(|(k, _)| request.params.get(k).map(|(_, v)| v));
        let stem = output::stem(&self.manifest.name, named);
        let origin = compile::Origin {
            generated_name: format!("{stem}.typ (generated)"),
            rendered: &rendered,
        };
        let export = compile::Export {
            format: config.format,
            date: config.date,
            ident: format!("brief/{stem}"),
            standards: config.standards.clone(),
            pixel_per_pt: 2.0,
        };
        let compiled = compile::compile(self.sandbox, &export, &origin)?;
        self.timings.add(Stage::Typst, compiled.layout_time);
        self.timings.add(Stage::Export, compiled.export_time);
        let writing = std::time::Instant::now();
        for warning in &compiled.warnings {
            crate::errln!("{}", warning.render().trim_end());
        }
        let written = output::write_document(
            &config.out,
            &stem,
            config.format.extension(),
            &compiled.files,
            compiled.pages,
            config.all,
        )?;
        if let Some(recipients) = &config.email {
            self.draft(recipients, ctx, &written, &compiled.files[0])?;
        }
        self.timings.add(Stage::Write, writing.elapsed());
        Ok(written)
    }

    /// Writes the email draft of a written PDF beside it.
    fn draft(
        &self,
        recipients: &email::Recipients,
        ctx: &serde_json::Value,
        written: &output::Written,
        pdf: &[u8],
    ) -> anyhow::Result<()> {
        let path = &written.paths[0];
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut ctx = ctx.clone();
        ctx["attachment"] = serde_json::json!({
            "name": name,
            "size": pdf.len(),
            "size_text": format!("{} KB", pdf.len().div_ceil(1024)),
            "pages": written.pages,
        });
        ctx["description"] = self.manifest.description.clone().into();
        let default_subject = "{{ brief.template|humanize|capitalize }}{% for k, v in brief.params|items %}: {{ v }}{% endfor %}";
        let subject = self.renderer.render_line(
            self.manifest.subject.as_deref().unwrap_or(default_subject),
            &ctx,
        )?;
        ctx["subject"] = subject.clone().into();
        let body = |kind: &str, default: &str| {
            let own = format!("{}.email.{kind}.j2", self.manifest.name);
            let file = if self.renderer.has_file(&own) {
                own
            } else {
                default.to_owned()
            };
            self.renderer.render_file(&file, &ctx)
        };
        let text = body("txt", templates::DEFAULT_EMAIL[0])?;
        let html = body("html", templates::DEFAULT_EMAIL[1])?;
        let date = self
            .config
            .date
            .and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp());
        let eml = email::build(&email::Draft {
            recipients,
            subject: &subject,
            text: &text,
            html: &html,
            attachment_name: &name,
            attachment: pdf,
            date,
        });
        output::write_atomic(&email::draft_path(path), &eml)
    }
}

fn check(data: &Path, sources: Option<&Path>, format: CheckFormat) -> anyhow::Result<()> {
    let (base, mut problems) = facts::load_all(data);
    if let Some(dir) = sources {
        problems.extend(facts::verify_excerpts(&base, dir));
        facts::sort_problems(&mut problems);
    }
    let failed = problems.iter().any(|p| p.severity == diag::Severity::Error);
    if format == CheckFormat::Json {
        let report = serde_json::json!({
            "valid": !failed,
            "data": data.display().to_string(),
            "problems": problems.iter().map(diag::Problem::to_json).collect::<Vec<_>>(),
        });
        crate::outln!("{}", serde_json::to_string_pretty(&report)?);
        return if failed { Err(Reported.into()) } else { Ok(()) };
    }
    if failed {
        return Err(Problems(problems).into());
    }
    for warning in &problems {
        crate::errln!("{}", warning.render().trim_end());
    }
    let verified = match sources {
        Some(dir) => {
            let count = base
                .citations()
                .iter()
                .filter(|c| c.excerpt.is_some())
                .count();
            format!(
                "; {} found in `{}`",
                plural(count, "excerpt", "excerpts"),
                dir.display()
            )
        }
        None => String::new(),
    };
    let counts = [
        plural(base.sources.len(), "source", "sources"),
        plural(base.countries.len(), "country", "countries"),
        plural(base.organizations.len(), "organization", "organizations"),
        plural(base.people.len(), "person", "people"),
        plural(base.processes.len(), "process", "processes"),
        plural(base.events.len(), "event", "events"),
        plural(base.initiatives.len(), "initiative", "initiatives"),
    ];
    diag::info(format!(
        "ok: `{}` is valid ({}){verified}",
        data.display(),
        counts.join(", ")
    ));
    Ok(())
}

fn list_templates(dir: &Path) -> anyhow::Result<()> {
    let library = templates::Library::new(dir)?;
    for m in templates::all(&library)? {
        let file = format!("{}{}", m.name, render::TEMPLATE_SUFFIX);
        let origin = match library.origin_of_file(&file) {
            templates::Origin::BuiltIn => "built-in".to_owned(),
            templates::Origin::Project(path) if templates::builtin(&file).is_some() => {
                format!("project: {}, replaces the built-in one", path.display())
            }
            templates::Origin::Project(path) => format!("project: {}", path.display()),
        };
        crate::outln!("{}  ({origin})", m.name);
        crate::outln!("    {}", m.description);
        for p in &m.params {
            let need = if p.required { "required" } else { "optional" };
            crate::outln!(
                "    --param {}=<{} id>  ({need}) {}",
                p.name,
                p.kind,
                p.description
            );
        }
        crate::outln!();
    }
    // Shared files the project replaces (a letterhead in its own brief.typ).
    for shared in templates::SHARED_FILES {
        if let templates::Origin::Project(path) = library.origin_of_file(shared) {
            crate::outln!(
                "{shared}  (project: {}, replaces the built-in one)",
                path.display()
            );
        }
    }
    Ok(())
}

/// Prints what changed: grouped by kind for people (colour on a terminal), or JSON.
fn print_diff(since: &history::Since, format: CheckFormat) -> anyhow::Result<()> {
    let diff = &since.diff;
    if format == CheckFormat::Json {
        let report = serde_json::json!({
            "since": since.revision,
            "changes": diff.changes,
            "sourcing": diff.sourcing,
        });
        crate::outln!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    let r = &since.revision;
    crate::outln!("Changes since {} ({}, {}):", r.name, r.commit, r.date_text);
    if diff.changes.is_empty() {
        crate::outln!("  none");
    }
    let paint = |text: &str, code: &str| diag::paint(text, code);
    // Kinds in the order they first appear.
    let mut kinds: Vec<&str> = Vec::new();
    for c in &diff.changes {
        if !kinds.contains(&c.kind) {
            kinds.push(c.kind);
        }
    }
    for kind in kinds {
        crate::outln!("\n{}", paint(&format!("{kind}s"), "1"));
        for c in diff.changes.iter().filter(|c| c.kind == kind) {
            let (mark, code) = match c.change {
                "added" => ("+", "32"),
                "removed" => ("-", "31"),
                _ => ("~", "33"),
            };
            crate::outln!("  {} {} {}", paint(mark, code), c.change, c.label);
            for f in &c.fields {
                crate::outln!("      {}: {} → {}", f.field, show(&f.old), show(&f.new));
            }
            if !c.sources.is_empty() {
                crate::outln!("      sources: {}", c.sources.join(", "));
            }
        }
    }
    if !diff.sourcing.is_empty() {
        crate::outln!(
            "\n{}",
            paint("sourcing changes (citations or excerpts only)", "1")
        );
        for c in &diff.sourcing {
            crate::outln!("  ~ {} {}", c.kind, c.label);
        }
    }
    Ok(())
}

/// A value for a one-line diff: `(none)` when empty, long text shortened.
fn show(value: &str) -> String {
    if value.is_empty() {
        return "(none)".into();
    }
    let flat: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 100 {
        format!("{}…", flat.chars().take(100).collect::<String>())
    } else {
        flat
    }
}

fn copy_template(name: &str, dir: &Path) -> anyhow::Result<()> {
    let written = templates::Library::copy(name, dir)?;
    for path in &written {
        diag::info(format!("wrote {}", path.display()));
    }
    diag::info(
        "the project's copies are used from now on: edit them, and `brief templates` shows them as the project's",
    );
    Ok(())
}
