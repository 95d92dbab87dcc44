//! Pipeline: a checked [`GenerateConfig`] → written documents, through every stage in turn.
//!
//! ```text
//! templates ─▶ facts (+ history) ─▶ context ─▶ render ─▶ compile ─▶ output (+ email draft)
//! ```
//!
//! [`Prepared::load`] does what every document of a run shares (the template library and
//! manifest, the Typst sandbox, the fact base, the `--since` comparison), once per run and
//! again on every save in `watch`; [`Generator`] then makes one document after another from
//! it. `generate` and `watch` call down into here and get results back; nothing here calls
//! up into a command. Many documents at once (`--all`) are in [`batch`].

pub mod batch;

use std::path::PathBuf;
use std::sync::Arc;

use crate::changes::Since;
use crate::context::{self, Request, Settings};
use crate::diag::{Problem, Problems, Severity, UsageError};
use crate::facts::FactBase;
use crate::options::Format;
use crate::output::{self, Written};
use crate::render::Renderer;
use crate::settings::GenerateConfig;
use crate::templates::{self, ParamSpec, TemplateManifest};
use crate::timings::{Stage, Timings};
use crate::words::{Catalogs, Words};
use crate::world::{self, Sandbox};
use crate::{compile, email, history, memory};

/// Everything the documents of a run share: loaded once per run (and again on every save
/// in `watch`).
pub struct Prepared {
    manifest: TemplateManifest,
    sandbox: Sandbox,
    base: FactBase,
    /// What `check` would warn of in the fact base (errors stop the run).
    warnings: Vec<Problem>,
    since: Option<Since>,
    renderer: Renderer,
    /// The words of each language asked for, in the order asked.
    words: Vec<Arc<Words>>,
    /// The fact base in each of those languages.
    translated: Vec<Arc<crate::facts::Translated>>,
    /// Records left out as later than the document's date.
    left_out: usize,
    /// The events among them (a parameter naming one is told why it is not there).
    later_events: Vec<String>,
    timings: Timings,
}

impl Prepared {
    pub fn load(config: &GenerateConfig) -> anyhow::Result<Prepared> {
        let doc = &config.document;
        let timings = Timings::new(config.timings);
        let started = std::time::Instant::now();
        let library = templates::Library::new(&doc.templates)?;
        let manifest = templates::manifest(&library, &doc.template)?;
        let sandbox = Sandbox::for_project(&doc.root, library.dir(), &doc.data)?
            .with_fonts(doc.fonts.as_deref())?;
        let typst_dir = library.dir().and_then(|d| sandbox.typst_path(d));
        let catalogs = Arc::new(Catalogs::new(library.dir()));
        let renderer = Renderer::new(library, typst_dir, catalogs.clone());
        if config.format != Format::Typ {
            // Typst's start-up work runs beside the loading of the facts below.
            let imports = renderer.shared_typst_files();
            // In the language asked for (English until the issuer's is known).
            let words = (doc.langs.first())
                .and_then(|tag| catalogs.words(tag).ok())
                .map(|w| typst::foundations::Bytes::new(w.typst_input()))
                .unwrap_or_else(world::english_words);
            world::warm_up(&sandbox, words, move |families| {
                crate::render::warm_up_source(&imports, families)
            });
        }
        timings.add(Stage::Templates, started.elapsed());
        let (base, since, warnings) = timings.time(Stage::Facts, || {
            load_facts(&doc.data, &doc.since, doc.sources.as_deref(), doc.date)
        })?;
        // As of the document's date: what later sources alone give is left out.
        let (base, left_out, later_events) = match base.as_of(doc.date) {
            Some(cut) => (cut.base, cut.left_out, cut.later_events),
            None => (base, 0, Vec::new()),
        };
        let words = languages(&catalogs, &doc.langs, &base)?;
        let translated = words
            .iter()
            .map(|w| Arc::new(base.in_language(&w.tag)))
            .collect();
        Ok(Prepared {
            manifest,
            sandbox,
            base,
            warnings,
            since,
            renderer,
            words,
            translated,
            left_out,
            later_events,
            timings,
        })
    }

    /// The fact base, and what `check` would warn of in it.
    pub fn facts(&self) -> (&FactBase, &[Problem]) {
        (&self.base, &self.warnings)
    }

    /// The `--timings` table of the run so far, when asked for.
    pub fn timings(&self) -> Option<String> {
        self.timings.report()
    }

    /// One generator per language asked for; with several, each document's file name ends
    /// in its language (`NAME.ru.pdf`).
    pub fn generators<'a>(&'a self, config: &'a GenerateConfig) -> Vec<Generator<'a>> {
        let several = self.words.len() > 1;
        self.words
            .iter()
            .zip(&self.translated)
            .map(|(words, translated)| Generator {
                config,
                prepared: self,
                words: words.clone(),
                translated: translated.clone(),
                suffix: several.then(|| words.tag.text.clone()),
                svg_pages: false,
            })
            .collect()
    }

    /// The parameter and values `--all` makes documents for.
    pub fn all_values(
        &self,
        config: &GenerateConfig,
    ) -> Result<(&ParamSpec, Vec<String>), UsageError> {
        batch::values(&self.manifest, &config.document.params, &self.base)
    }
}

/// The fact base in `data` (its excerpts checked against the texts in `sources`, when
/// given), what changed in it since `since` (read once, for every document of a batch), and
/// the warnings `check` would print.
pub fn load_facts(
    data: &std::path::Path,
    since: &Option<String>,
    sources: Option<&std::path::Path>,
    as_of: chrono::NaiveDate,
) -> anyhow::Result<(FactBase, Option<Since>, Vec<Problem>)> {
    let (base, mut problems) = crate::facts::load_all(data);
    if let Some(dir) = sources
        && !problems.iter().any(|p| p.severity == Severity::Error)
    {
        problems.extend(crate::facts::verify_excerpts(&base, dir));
        crate::facts::sort_problems(&mut problems);
    }
    // Warnings are `check`'s to show; errors stop the run.
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(Problems(problems).into());
    }
    let since = match since {
        Some(rev) => Some(history::since(data, rev, &base)?),
        None => None,
    };
    // A document as of a date cannot tell what is new since a later edition.
    if let Some(s) = &since
        && s.revision.date > as_of.format("%Y-%m-%d").to_string()
    {
        return Err(UsageError::new(format!(
            "`--since {}` is the edition of {}, later than the document's date ({})",
            s.revision.name,
            s.revision.date_text,
            crate::facts::day_text(as_of)
        ))
        .help("compare with an earlier edition, or give a later `--date`")
        .into());
    }
    Ok((base, since, problems))
}

/// What one document needs, shared by every document of a run.
pub struct Generator<'a> {
    config: &'a GenerateConfig,
    prepared: &'a Prepared,
    /// The words of the document's language.
    words: Arc<Words>,
    /// The fact base in that language.
    translated: Arc<crate::facts::Translated>,
    /// Added to file names when a run makes documents in several languages.
    suffix: Option<String>,
    /// Also lay every page out as SVG (`brief preview`).
    svg_pages: bool,
}

/// The words of each language `asked` (BCP 47 tags), or else of the issuer's language,
/// else English: every catalog read (and checked) before any document is made.
pub fn languages(
    catalogs: &Catalogs,
    asked: &[String],
    base: &FactBase,
) -> anyhow::Result<Vec<Arc<Words>>> {
    let tags: Vec<String> = if asked.is_empty() {
        let issuer = base.issuer.as_ref().and_then(|i| i.language.clone());
        match issuer {
            // The issuer's language without a catalog: English words, said once.
            Some(tag) if !catalogs.has_language(&tag) => {
                let lang = crate::words::Tag::parse(&tag).map_or(tag.clone(), |t| t.lang);
                let warning = Problem::warning(format!(
                    "there is no catalog of words for `{tag}` (the issuer's language): the briefing is in English"
                ))
                .help(format!(
                    "add `templates/{}/{lang}.ftl` to the project, or choose a language with `--lang`",
                    crate::words::WORDS_DIR
                ));
                crate::term::errln!("{}", warning.render().trim_end());
                vec!["en".to_owned()]
            }
            Some(tag) => vec![tag],
            None => vec!["en".to_owned()],
        }
    } else {
        asked.to_vec()
    };
    let mut out = Vec::new();
    for tag in tags {
        out.push(catalogs.words(&tag)?);
    }
    Ok(out)
}

/// A document's request and the context its template receives.
pub struct Contexted {
    pub params: Vec<(String, String)>,
    pub request: Request,
    pub context: serde_json::Value,
}

impl Generator<'_> {
    /// After the documents are made: says which words were printed in English because the
    /// language's catalog lacks them (once per run and language).
    pub fn warn_untranslated(&self) {
        let missing = self.words.missing();
        if missing.is_empty() {
            return;
        }
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        let tag = &self.words.tag.text;
        let warning = Problem::warning(format!(
            "the catalog of `{tag}` lacks {} these briefings print, so they are in English ({}{})",
            crate::output::plural(missing.len(), "message", "messages"),
            shown.join(", "),
            if missing.len() > shown.len() {
                ", …"
            } else {
                ""
            },
        ))
        .help(format!(
            "`brief check --lang {tag}` lists every message it lacks"
        ));
        crate::term::errln!("{}", warning.render().trim_end());
    }

    /// The language tag added to file names, when the run makes several languages.
    pub fn language_suffix(&self) -> Option<&str> {
        self.suffix.as_deref()
    }

    /// Makes one document: context, render, compile, write.
    pub fn document(&self, params: &[(String, String)]) -> anyhow::Result<Written> {
        let contexted = self.context(params)?;
        self.make(&contexted)
    }

    /// What the template receives for `params`, and the request it was built from.
    pub fn context(&self, params: &[(String, String)]) -> Result<Contexted, UsageError> {
        let p = self.prepared;
        // An event known only from sources later than the document's date is not in this
        // edition: said so, not "not a valid event".
        let event_param = |name: &str| {
            (p.manifest.params.iter())
                .any(|s| s.name == name && s.kind == templates::ParamKind::Event)
        };
        if let Some((_, id)) = params
            .iter()
            .find(|(name, v)| event_param(name) && p.later_events.contains(v))
        {
            return Err(UsageError::new(format!(
                "`{id}` is known only from sources published after {}, the document's date",
                crate::facts::day_text(self.config.document.date)
            ))
            .help(
                "give a later `--date`, or leave `--date` out to make the briefing as of today",
            ));
        }
        p.timings.time(Stage::Context, || {
            let (request, context) = context_for(
                &p.manifest,
                params,
                &self.translated,
                &self.config.document,
                p.since.as_ref(),
                &self.words,
                p.left_out,
            )?;
            Ok(Contexted {
                params: params.to_vec(),
                request,
                context,
            })
        })
    }

    /// The same generator, laying every page out as SVG too ([`compile::Compiled::svgs`]).
    pub fn with_svg_pages(mut self) -> Self {
        self.svg_pages = true;
        self
    }

    /// Renders and compiles one document from its context, without writing it: its file
    /// stem and what Typst made.
    pub fn compiled(&self, doc: &Contexted) -> anyhow::Result<(String, compile::Compiled)> {
        let (config, p) = (self.config, self.prepared);
        let label = std::iter::once(format!("`{}`", p.manifest.name))
            .chain(doc.params.iter().map(|(k, v)| format!("{k}={v}")))
            .collect::<Vec<_>>()
            .join(" ");
        let _making = memory::making(label);
        let rendered = p.timings.time(Stage::Render, || {
            let fonts = crate::world::Engine::shared().fonts(p.sandbox.fonts.as_deref())?;
            for warning in compile::glyph_warnings(&doc.context, &self.words.typst_words(), &fonts)
            {
                crate::term::errln!("{}", warning.render().trim_end());
            }
            p.renderer.render(&p.manifest.name, &doc.context)
        })?;
        // One rule, with or without `--all`: each parameter's value names the file, except a
        // parameter the fact base has only one value for (`process-history.pdf` when there
        // is one process, `process-history-ID.pdf` when there are several).
        let named = doc
            .request
            .params
            .values()
            .filter_map(|(kind, v)| (context::choices(&p.base, *kind).len() > 1).then_some(v));
        let mut stem = output::stem(&p.manifest.name, named);
        if let Some(tag) = &self.suffix {
            stem = format!("{stem}.{tag}");
        }
        let words = self.words.typst_input();
        let origin = compile::Origin {
            generated_name: format!("{stem}.typ (generated)"),
            rendered: &rendered,
            words: &words,
        };
        let export = compile::Export {
            format: config.format,
            date: config.document.date,
            ident: format!("brief/{stem}"),
            standards: config.standards.clone(),
            pixel_per_pt: 2.0,
            svg_pages: self.svg_pages,
        };
        let compiled = compile::compile(&p.sandbox, &export, &origin)?;
        p.timings.add(Stage::Typst, compiled.layout_time);
        p.timings.add(Stage::Export, compiled.export_time);
        for warning in &compiled.warnings {
            crate::term::errln!("{}", warning.render().trim_end());
        }
        Ok((stem, compiled))
    }

    /// Makes one document from its context: render, compile, write.
    pub fn make(&self, doc: &Contexted) -> anyhow::Result<Written> {
        let (config, p) = (self.config, self.prepared);
        let (stem, compiled) = self.compiled(doc)?;
        let writing = std::time::Instant::now();
        let mut written = output::write_document(
            &config.out,
            &stem,
            config.format.extension(),
            &compiled.files,
            compiled.pages,
            config.all || self.suffix.is_some(),
        )?;
        if let Some(recipients) = &config.email {
            let path: &PathBuf = &written.paths[0];
            let draft = email::compose(&email::Document {
                renderer: &p.renderer,
                manifest: &p.manifest,
                context: &doc.context,
                recipients,
                pdf: &compiled.files[0],
                pdf_name: &path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                pages: written.pages,
                date: config.document.date,
            })?;
            let draft_path = email::draft_path(path);
            output::write_atomic(&draft_path, &draft)?;
            written.draft = Some(draft_path);
        }
        p.timings.add(Stage::Write, writing.elapsed());
        Ok(written)
    }
}

/// What a template receives (the context `brief context` prints) for `params`, checked
/// against the fact base, and the request it was built from.
pub fn context_for(
    manifest: &TemplateManifest,
    params: &[(String, String)],
    translated: &crate::facts::Translated,
    doc: &crate::settings::DocumentConfig,
    since: Option<&Since>,
    words: &Words,
    left_out: usize,
) -> Result<(Request, serde_json::Value), UsageError> {
    let base = &translated.base;
    let settings = Settings {
        as_of: doc.date,
        paper: doc.paper,
        marking: doc.marking.as_deref(),
        tag: &words.tag,
    };
    let mut request = context::request(manifest, params, base, &settings)?;
    request.left_out = left_out;
    request.logo = logo_path(doc, base);
    request.marking = marking_for(&request, base, &doc.levels)?;
    let ctx = context::build(translated, &request, since, words);
    let mut json = serde_json::to_value(&ctx).expect("the context serialises to JSON");
    quote_marks(&mut json, words);
    Ok((request, json))
}

/// The issuer's logo as Typst finds it: its path from the project root (the fact base
/// folder is inside it; `check` made sure the file is in that folder).
fn logo_path(doc: &crate::settings::DocumentConfig, base: &FactBase) -> Option<String> {
    let logo = base.issuer.as_ref()?.logo.as_ref()?;
    let root = doc.root.canonicalize().ok()?;
    let file = doc.data.join(&logo.value).canonicalize().ok()?;
    world::typst_path_in(&root, &file)
}

/// The fields of the context that hold a fact's text (not ids, paths, dates or the
/// curator's `extra`): their straight double quotes become the language's quotation marks.
const TEXT_FIELDS: &[&str] = &[
    "title",
    "short_title",
    "label",
    "label_in_text",
    "text",
    "note",
    "summary",
    "name",
    "official_name",
    "by",
    "value_text",
    "what",
    "detail",
    "description",
];

fn quote_marks(value: &mut serde_json::Value, words: &Words) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if key == "extra" {
                    continue;
                }
                if let serde_json::Value::String(s) = v {
                    if TEXT_FIELDS.contains(&key.as_str()) && s.contains('"') {
                        *s = words.quotes(s).into_owned();
                    }
                } else {
                    quote_marks(v, words);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| quote_marks(v, words)),
        _ => {}
    }
}

/// The document's marking: the one asked for, or else the highest of what it prints; one
/// lower than what it prints is refused. Markings are ordered by `levels` (lowest first).
fn marking_for(
    request: &Request,
    base: &FactBase,
    levels: &[String],
) -> Result<Option<String>, UsageError> {
    let content = context::content_markings(base, request);
    let rank = |m: &str| levels.iter().position(|l| l == m);
    if !content.is_empty() && levels.is_empty() {
        return Err(UsageError::new(format!(
            "records this briefing prints carry markings ({}), but no order of markings is set",
            content.join(", ")
        ))
        .help("list them under `[generate]` in brief.toml, lowest first: `levels = [\"UNCLASSIFIED\", \"RESTRICTED\", …]`"));
    }
    for m in content.iter().chain(&request.marking) {
        if !levels.is_empty() && rank(m).is_none() {
            return Err(UsageError::new(format!(
                "the marking `{m}` is not one of the levels set in brief.toml ({})",
                levels.join(", ")
            ))
            .help("use one of the levels, or add it to `levels` under `[generate]`"));
        }
    }
    let highest = content.iter().max_by_key(|m| rank(m)).cloned();
    match (&request.marking, highest) {
        (Some(asked), Some(top)) if rank(asked) < rank(&top) => Err(UsageError::new(format!(
            "`{asked}` is lower than what this briefing prints: it carries `{top}`"
        ))
        .help(format!(
            "mark it `{top}` or higher, or leave the marking out to get `{top}`"
        ))),
        (Some(asked), _) => Ok(Some(asked.clone())),
        (None, top) => Ok(top),
    }
}
