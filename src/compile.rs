//! Compile: generated Typst source → PDF, PNG or SVG bytes, in-process.
//!
//! In: the Typst source made by [`crate::render`], the [`Sandbox`] it may read, and the
//! export settings. Out: the bytes of each output file (one PDF, or one image per page) and
//! the warnings Typst raised — or [`Problems`] pointing at the generated line, the Typst file
//! it came from, and, where it can be told, the template line that produced it.

use std::time::{Duration, Instant};

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diag::{Location, Problem, Problems, SourceText};
use crate::options::{Format, Standard};
use crate::render::Rendered;
use crate::world::{DocumentWorld, Engine, Sandbox};

/// The largest page brief renders as PNG, in pixels (an A0 page at 2 pixels per point is
/// about 19 million).
pub const MAX_PNG_PIXELS: u64 = 200_000_000;

/// Typst's name for a PDF standard.
fn pdf_standard(standard: Standard) -> PdfStandard {
    match standard {
        Standard::V1_4 => PdfStandard::V_1_4,
        Standard::V1_5 => PdfStandard::V_1_5,
        Standard::V1_6 => PdfStandard::V_1_6,
        Standard::V1_7 => PdfStandard::V_1_7,
        Standard::V2_0 => PdfStandard::V_2_0,
        Standard::A1b => PdfStandard::A_1b,
        Standard::A1a => PdfStandard::A_1a,
        Standard::A2b => PdfStandard::A_2b,
        Standard::A2u => PdfStandard::A_2u,
        Standard::A2a => PdfStandard::A_2a,
        Standard::A3b => PdfStandard::A_3b,
        Standard::A3u => PdfStandard::A_3u,
        Standard::A3a => PdfStandard::A_3a,
        Standard::A4 => PdfStandard::A_4,
        Standard::A4f => PdfStandard::A_4f,
        Standard::A4e => PdfStandard::A_4e,
        Standard::Ua1 => PdfStandard::Ua_1,
    }
}

/// Settings that shape the exported files.
#[derive(Debug, Clone)]
pub struct Export {
    pub format: Format,
    /// Fixes the document date, the PDF creation date and "today" inside Typst.
    pub date: chrono::NaiveDate,
    /// A stable identifier of the document (PDF `/ID`), so identical inputs give identical bytes.
    pub ident: String,
    pub standards: Vec<Standard>,
    /// Pixels per point for PNG output.
    pub pixel_per_pt: f32,
    /// Also each page as SVG, from the same layout (for `brief preview`), and the PDF only
    /// when asked for ([`Compiled::later_pdf`]) instead of in [`Compiled::files`].
    pub svg_pages: bool,
}

/// Where generated source came from, for pointing errors back at templates.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    /// How the generated file is named in messages (e.g. `process-history.typ (generated)`).
    pub generated_name: String,
    /// The rendered source with its template spans.
    pub rendered: &'a Rendered,
    /// The words of the document's language as Typst reads them (`words.json`, JSON).
    pub words: &'a [u8],
}

/// The exported files and the warnings raised while making them.
#[derive(Debug)]
pub struct Compiled {
    /// One PDF, or one image per page.
    pub files: Vec<Vec<u8>>,
    /// With [`Export::svg_pages`]: every page as SVG, with its size in points.
    pub svgs: Vec<SvgPage>,
    /// The document's title, as its metadata gives it.
    pub title: Option<String>,
    /// With [`Export::svg_pages`] and PDF output: the PDF, made when asked for.
    pub later_pdf: Option<LaterPdf>,
    pub pages: usize,
    pub warnings: Vec<Problem>,
    /// The notes the document prints, in reading order (see [`NOTE_LABEL`]).
    pub notes: Vec<NoteMark>,
    /// How long Typst's evaluation and layout took.
    pub layout_time: Duration,
    /// How long the export (and trimming Typst's cache afterwards) took.
    pub export_time: Duration,
}

/// A laid-out document whose PDF is made only when someone asks for it (the preview's
/// download link): exporting costs as much as drawing every page, on every save.
#[derive(Clone)]
pub struct LaterPdf {
    document: std::sync::Arc<PagedDocument>,
    export: Export,
    today: Datetime,
}

impl std::fmt::Debug for LaterPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LaterPdf({} pages)", self.document.pages().len())
    }
}

impl LaterPdf {
    /// The PDF, or why it cannot be made (a PDF standard the document does not meet).
    pub fn make(&self) -> Result<Vec<u8>, String> {
        pdf_of(&self.document, &self.export, self.today).map_err(|errors| {
            (errors.iter())
                .map(|d| format!("typst: {}", d.message))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }
}

/// The PDF of a laid-out document, or Typst's reasons it cannot be made.
fn pdf_of(
    document: &PagedDocument,
    export: &Export,
    today: Datetime,
) -> Result<Vec<u8>, Vec<SourceDiagnostic>> {
    let list: Vec<PdfStandard> = export.standards.iter().copied().map(pdf_standard).collect();
    let standards = PdfStandards::new(&list).map_err(|e| {
        vec![SourceDiagnostic::error(
            typst::syntax::Span::detached(),
            format!("invalid PDF standards: {}", e.message()),
        )]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(export.ident.clone()),
        creator: Smart::Custom(Some(format!(
            "brief {} (Typst 0.15)",
            env!("CARGO_PKG_VERSION")
        ))),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options)
        .map(|pdf| pdf.to_vec())
        .map_err(|e| e.to_vec())
}

/// A page as SVG, laid out as the PDF's.
#[derive(Debug, Clone)]
pub struct SvgPage {
    /// The laid-out page's hash (Typst's): the very same page has the same key, and is drawn
    /// the same.
    pub key: u128,
    /// Drawn when first asked for.
    pub svg: Drawing,
    pub width: f64,
    pub height: f64,
    /// The page's text in reading order, a line per line of type (the SVG draws glyphs as
    /// shapes, so a browser cannot read it there): for screen readers and searching.
    pub text: String,
}

/// A laid-out page's SVG, drawn when first asked for and then kept: a save changes a page or
/// two, and the page the reader looks at is wanted before the others (drawing one costs
/// about as much as laying the document out again).
#[derive(Clone)]
pub struct Drawing(std::sync::Arc<DrawingOf>);

struct DrawingOf {
    /// The page, until it is drawn.
    page: Option<typst_layout::Page>,
    svg: std::sync::OnceLock<std::sync::Arc<String>>,
}

impl Drawing {
    /// `page`, to be drawn when asked for.
    fn of(page: &typst_layout::Page) -> Drawing {
        Drawing(std::sync::Arc::new(DrawingOf {
            page: Some(page.clone()),
            svg: std::sync::OnceLock::new(),
        }))
    }

    /// A drawing already made.
    #[cfg(test)]
    pub fn drawn(svg: String) -> Drawing {
        Drawing(std::sync::Arc::new(DrawingOf {
            page: None,
            svg: std::sync::OnceLock::from(std::sync::Arc::new(svg)),
        }))
    }

    /// The page's SVG, with a path per run of glyphs ([`crate::svg`]); drawn now if it was
    /// not yet (a caller asking meanwhile waits for the same drawing).
    pub fn svg(&self) -> &std::sync::Arc<String> {
        self.0.svg.get_or_init(|| {
            let page = self
                .0
                .page
                .as_ref()
                .expect("a drawing not made has its page");
            std::sync::Arc::new(crate::svg::draw_page(page, &PIECES))
        })
    }
}

impl std::fmt::Debug for Drawing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.svg.get() {
            Some(svg) => write!(f, "Drawing({} bytes)", svg.len()),
            None => write!(f, "Drawing(not drawn yet)"),
        }
    }
}

/// Calls `f` with every run of text of a laid-out page and where it starts (from the page's
/// top-left corner), groups entered.
pub(crate) fn each_text(
    frame: &typst::layout::Frame,
    f: &mut dyn FnMut(typst::layout::Point, &typst::text::TextItem),
) {
    fn walk(
        frame: &typst::layout::Frame,
        at: typst::layout::Point,
        f: &mut dyn FnMut(typst::layout::Point, &typst::text::TextItem),
    ) {
        for (pos, item) in frame.items() {
            let here = at + *pos;
            match item {
                typst::layout::FrameItem::Group(group) => walk(&group.frame, here, f),
                typst::layout::FrameItem::Text(text) => f(here, text),
                _ => {}
            }
        }
    }
    walk(frame, typst::layout::Point::zero(), f);
}

/// The text of a laid-out page: its runs from top to bottom, left to right, a line per
/// baseline.
fn page_text(frame: &typst::layout::Frame) -> String {
    let mut runs: Vec<(f64, f64, String)> = Vec::new();
    each_text(frame, &mut |at, text| {
        runs.push((at.y.to_pt(), at.x.to_pt(), text.text.to_string()))
    });
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut text = String::new();
    let mut line: Option<f64> = None;
    for (y, _, run) in runs {
        match line {
            Some(l) if (y - l).abs() < 2.0 => text.push(' '),
            Some(_) => text.push('\n'),
            None => {}
        }
        line = Some(y);
        text.push_str(run.trim());
    }
    text
}

/// The label of the `metadata` each printed note carries (written by `src` in
/// `blocks.typ`): what the note's numbers are, what it is attached to and where it comes from.
pub const NOTE_LABEL: &str = "brief-note";

/// A note as the laid-out document has it: the page it is on and the value its template
/// recorded for it.
#[derive(Debug, Clone)]
pub struct NoteMark {
    pub page: usize,
    pub value: serde_json::Value,
}

/// The notes of a laid-out document, in reading order.
fn notes(document: &PagedDocument) -> Vec<NoteMark> {
    use typst::introspection::{Introspector, MetadataElem};
    let introspector = document.introspector();
    let label = typst::foundations::Label::new(typst::utils::PicoStr::intern(NOTE_LABEL))
        .expect("the note label is not empty");
    introspector
        .query(&typst::foundations::Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let value = &content.to_packed::<MetadataElem>()?.value;
            let page = content
                .location()
                .and_then(|at| Introspector::page(introspector.as_ref(), at))
                .map_or(0, |p| p.get());
            Some(NoteMark {
                page,
                value: serde_json::to_value(value).ok()?,
            })
        })
        .collect()
}

/// Compiles `source` and exports it. For [`Format::Typ`] nothing is compiled: the file is
/// the generated source itself.
pub fn compile(sandbox: &Sandbox, export: &Export, origin: &Origin) -> Result<Compiled, Problems> {
    if export.format == Format::Typ {
        return Ok(Compiled {
            files: vec![origin.rendered.source.clone().into_bytes()],
            svgs: Vec::new(),
            title: None,
            later_pdf: None,
            pages: 0,
            warnings: Vec::new(),
            notes: Vec::new(),
            layout_time: Duration::ZERO,
            export_time: Duration::ZERO,
        });
    }
    let date = export.date;
    let today = Datetime::from_ymd(
        chrono::Datelike::year(&date),
        chrono::Datelike::month(&date) as u8,
        chrono::Datelike::day(&date) as u8,
    )
    .ok_or_else(|| Problems(vec![Problem::error(format!("date {date} is out of range"))]))?;
    let source = origin.rendered.source.clone();
    let started = Instant::now();
    let fonts = Engine::shared().fonts(sandbox.fonts.as_deref())?;
    let mut world = DocumentWorld::new(Engine::shared(), sandbox, source, today)
        .with_fonts(fonts)
        .with_words(typst::foundations::Bytes::new(origin.words.to_vec()));
    if let Some(order) = layout_order(&world) {
        world = world.with_order(order);
    }
    let result = typst::compile::<PagedDocument>(&world);
    let laid_out = Instant::now();
    let warnings: Vec<Problem> = result
        .warnings
        .iter()
        .map(|d| problem(&world, d, origin))
        .collect();
    let document = result
        .output
        .map_err(|errors| Problems(errors.iter().map(|d| problem(&world, d, origin)).collect()))?;
    let pages = document.pages().len();
    let notes = notes(&document);
    let title = typst::model::Document::info(&document)
        .title
        .as_ref()
        .map(|t| t.to_string());
    let export_files = || -> Result<Vec<Vec<u8>>, Problems> {
        Ok(match export.format {
            // The preview makes its PDF when asked for.
            Format::Pdf if export.svg_pages => Vec::new(),
            Format::Pdf => {
                let pdf = pdf_of(&document, export, today).map_err(|errors| {
                    Problems(errors.iter().map(|d| problem(&world, d, origin)).collect())
                })?;
                vec![pdf]
            }
            Format::Png => {
                // Refused before anything is allocated: a huge page would take gigabytes.
                for (i, page) in document.pages().iter().enumerate() {
                    let size = page.frame.size();
                    let scale = f64::from(export.pixel_per_pt);
                    let (w, h) = (size.x.to_pt() * scale, size.y.to_pt() * scale);
                    if w * h > MAX_PNG_PIXELS as f64 || w > 100_000.0 || h > 100_000.0 {
                        return Err(Problems(vec![
                        Problem::error(format!(
                            "page {} is too large to write as PNG ({:.0} × {:.0} pixels; the limit is {} million pixels)",
                            i + 1,
                            w,
                            h,
                            MAX_PNG_PIXELS / 1_000_000
                        ))
                        .help("write it as PDF or SVG instead (`--format pdf`), or make the page smaller"),
                    ]));
                    }
                }
                let options = typst_render::RenderOptions {
                    pixel_per_pt: typst::utils::Scalar::new(f64::from(export.pixel_per_pt)),
                    ..Default::default()
                };
                document
                    .pages()
                    .iter()
                    .map(|page| {
                        typst_render::render(page, &options)
                            .encode_png()
                            .map_err(|e| {
                                Problems(vec![Problem::error(format!("cannot encode PNG ({e})"))])
                            })
                    })
                    .collect::<Result<_, _>>()?
            }
            Format::Svg => document
                .pages()
                .iter()
                .map(|page| typst_svg::svg(page, &typst_svg::SvgOptions::default()).into_bytes())
                .collect(),
            Format::Typ => vec![origin.rendered.source.clone().into_bytes()],
        })
    };
    let make_svgs = || {
        if export.svg_pages {
            svg_pages(&document)
        } else {
            Vec::new()
        }
    };
    // The pages for the preview (hashed, their text read; drawn later) beside the export.
    let (files, svgs) = rayon::join(export_files, make_svgs);
    let files = files?;
    // Keep the process-wide memo cache small between documents.
    typst::comemo::evict(2);
    let later_pdf = (export.svg_pages && export.format == Format::Pdf).then(|| LaterPdf {
        document: std::sync::Arc::new(document),
        export: export.clone(),
        today,
    });
    Ok(Compiled {
        files,
        svgs,
        title,
        later_pdf,
        pages,
        warnings,
        notes,
        layout_time: laid_out - started,
        export_time: laid_out.elapsed(),
    })
}

/// The label of the marks the shared Typst files put beside a note whose sources they cannot
/// number yet: the ids of those sources (`blocks.typ`, `src`).
pub const CITE_LABEL: &str = "brief-cite";

/// The label of the marks the shared Typst files put beside a person's name when they cannot
/// tell yet whether it is the first mention with that title: `person`, `title` (as Typst
/// writes it) and `key`, the mention (`blocks.typ`, `person`).
pub const NAMED_LABEL: &str = "brief-named";

/// What the shared Typst files would otherwise learn from the laid-out pages, read off the
/// evaluated document before layout, as the JSON object they read from
/// `sys.inputs.brief-order`: `sources`, the sources in the order the document first cites
/// them, and `named`, for each mention of a person, whether it is the first with that title
/// (which prints the title; later ones print the name alone). Asked of the laid-out pages,
/// each note and name is a `context` that Typst lays out again until the answers settle;
/// evaluating is a fraction of that. The content is in page order: Typst lays it out in the
/// order it is written. `None` when the document does not evaluate (the compile that follows
/// reports why) or has neither notes nor names.
pub(crate) fn layout_order(world: &DocumentWorld) -> Option<typst::foundations::Bytes> {
    use std::collections::{HashMap, HashSet};
    use std::ops::ControlFlow;
    use typst::comemo::Track;
    use typst::engine::{Route, Sink, Traced};
    use typst::foundations::Value;

    let source = world.source(world.main()).ok()?;
    let traced = Traced::default();
    let mut sink = Sink::new();
    let module = typst_eval::eval(
        (world as &dyn World).track(),
        world.library(),
        traced.track(),
        sink.track_mut(),
        Route::default().track(),
        &source,
    )
    .ok()?;
    let label = |name: &str| typst::foundations::Label::new(typst::utils::PicoStr::intern(name));
    let (cite, named) = (label(CITE_LABEL)?, label(NAMED_LABEL)?);
    let text = |dict: &typst::foundations::Dict, key: &str| match dict.get(key) {
        Ok(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let mut sources: Vec<String> = Vec::new();
    let mut cited = HashSet::new();
    // Each mention's key: whether it is the first with its title; each person's last title.
    let mut mentions: serde_json::Map<String, serde_json::Value> = serde_json::Map::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    let _ = module
        .content()
        .traverse(&mut |element| -> ControlFlow<()> {
            let (Some(at), Some(meta)) = (
                element.label(),
                element.to_packed::<typst::introspection::MetadataElem>(),
            ) else {
                return ControlFlow::Continue(());
            };
            match &meta.value {
                Value::Array(keys) if at == cite => {
                    for key in keys.iter() {
                        if let Value::Str(key) = key
                            && cited.insert(key.to_string())
                        {
                            sources.push(key.to_string());
                        }
                    }
                }
                Value::Dict(mention) if at == named => {
                    if let (Some(person), Some(title), Some(key)) = (
                        text(mention, "person"),
                        text(mention, "title"),
                        text(mention, "key"),
                    ) {
                        let first = titles.get(&person) != Some(&title);
                        titles.insert(person, title);
                        // A mention printed twice keeps what its first printing decided.
                        mentions.entry(key).or_insert(first.into());
                    }
                }
                _ => {}
            }
            ControlFlow::Continue(())
        });
    if sources.is_empty() && mentions.is_empty() {
        return None;
    }
    let order = serde_json::json!({ "sources": sources, "named": mentions });
    Some(typst::foundations::Bytes::from_string(order.to_string()))
}

/// The pieces of the pages drawn so far: a changed page is drawn again piece by piece, only
/// its new pieces drawn ([`crate::svg::draw_page`]).
static PIECES: std::sync::LazyLock<std::sync::Mutex<crate::svg::Pieces>> =
    std::sync::LazyLock::new(Default::default);

/// Every page as SVG, drawn when first asked for, with its layout's hash, size and text. The
/// preview keeps the drawing of a page whose layout it has seen before (by the hash).
fn svg_pages(document: &PagedDocument) -> Vec<SvgPage> {
    use rayon::prelude::*;
    (document.pages().par_iter())
        .map(|page| SvgPage {
            key: typst::utils::hash128(page),
            svg: Drawing::of(page),
            width: page.frame.width().to_pt(),
            height: page.frame.height().to_pt(),
            text: page_text(&page.frame),
        })
        .collect()
}

/// Turns a Typst diagnostic into a problem located in the generated or a project file.
fn problem(world: &DocumentWorld, diag: &SourceDiagnostic, origin: &Origin<'_>) -> Problem {
    let message = format!("typst: {}", diag.message);
    let mut p = match diag.severity {
        TypstSeverity::Error => Problem::error(message),
        TypstSeverity::Warning => Problem::warning(message),
    };
    if let Some(at) = locate(world, diag.span, origin) {
        if at.file.name == origin.generated_name
            && let Some((template, line)) = origin.rendered.origin_of(at.range.start)
        {
            p = p.help(format!("generated by `{template}` line {line}"));
        }
        if at.file.name == origin.generated_name && diag.severity == typst::diag::Severity::Error {
            p = p.help(
                "to read the generated Typst, write it instead of the PDF: add `--format typ`",
            );
        }
        p = p.at(at);
    }
    for hint in &diag.hints {
        let text = hint.v.as_str();
        if text.contains("--root") {
            p = p.help(
                "documents may read only files inside the project's templates and data folders",
            );
        } else {
            p = p.help(text.to_owned());
        }
    }
    for point in &diag.trace {
        if let Some(at) = locate(world, point.span, origin) {
            p = p.help(format!("{} at {at}", point.v));
        }
    }
    p
}

fn locate(
    world: &DocumentWorld,
    span: impl Into<typst::syntax::DiagSpan>,
    origin: &Origin<'_>,
) -> Option<Location> {
    let span: typst::syntax::DiagSpan = span.into();
    let id = span.id()?;
    let range = world.range(span)?;
    let source = world.source(id).ok()?;
    let name = if id == world.main() {
        origin.generated_name.clone()
    } else {
        world
            .host_path(id)
            .map(|p| relative_to_cwd(&p))
            .unwrap_or_else(|| id.vpath().get_with_slash().to_owned())
    };
    Some(Location {
        file: SourceText::new(name, source.text().to_owned()),
        range,
    })
}

fn relative_to_cwd(path: &std::path::Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}

/// Warnings for characters in the template context and the document's words (`words`,
/// JSON) that no font of `fonts` can show (they would print as empty boxes): one warning
/// per script, naming it, some of its characters and the fields they come from, and saying
/// how to add a font.
pub fn glyph_warnings(
    context: &serde_json::Value,
    words: &serde_json::Value,
    fonts: &typst_kit::fonts::FontStore,
) -> Vec<Problem> {
    use unicode_script::UnicodeScript;
    // Script → (characters, fields), in order of first appearance.
    let mut missing: Vec<(String, Vec<char>, Vec<String>)> = Vec::new();
    let mut known: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    let mut visit = |path: &str, text: &str| {
        for c in text.chars() {
            // Printable ASCII is in every embedded font; format characters (bidi controls,
            // zero-width joiners, soft hyphens) print nothing by design.
            if c.is_ascii_graphic() || c.is_whitespace() || c.is_control() || is_format(c) {
                continue;
            }
            if *known
                .entry(c)
                .or_insert_with(|| crate::world::has_glyph(fonts, c))
            {
                continue;
            }
            let script = match c.script() {
                unicode_script::Script::Common | unicode_script::Script::Inherited => {
                    "symbols".to_owned()
                }
                other => other.full_name().replace('_', " "),
            };
            let entry = match missing.iter().position(|(s, _, _)| *s == script) {
                Some(i) => &mut missing[i],
                None => {
                    missing.push((script, Vec::new(), Vec::new()));
                    missing.last_mut().expect("just pushed")
                }
            };
            if !entry.1.contains(&c) {
                entry.1.push(c);
            }
            if !entry.2.iter().any(|p| p == path) {
                entry.2.push(path.to_owned());
            }
        }
    };
    walk_strings(context, String::new(), &mut visit);
    walk_strings(words, "the catalog of words".to_owned(), &mut visit);
    missing
        .into_iter()
        .map(|(script, chars, paths)| {
            let sample: Vec<String> = chars
                .iter()
                .take(6)
                .map(|c| format!("`{c}` (U+{:04X})", *c as u32))
                .collect();
            let shown: Vec<&str> = paths.iter().take(3).map(String::as_str).collect();
            let more = paths.len().saturating_sub(3);
            let message = format!(
                "no font has {} {script} {}: {}{} will print as empty boxes — in {}{}",
                chars.len(),
                if chars.len() == 1 { "character" } else { "characters" },
                sample.join(", "),
                if chars.len() > sample.len() { ", …" } else { "" },
                shown.join(", "),
                if more > 0 { format!(" and {more} more") } else { String::new() }
            );
            let help = if script == "symbols" {
                "write the characters differently in the fact base, or leave them out".to_owned()
            } else {
                format!(
                    "add a font that covers {script} text: put its .ttf or .otf files in the project's `fonts/` folder (`fonts` under `[folders]` in brief.toml); for Chinese, Japanese or Korean, Noto Sans CJK or Noto Serif CJK"
                )
            };
            Problem::warning(message).help(help)
        })
        .collect()
}

/// Characters that print nothing by design (Unicode format characters).
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn walk_strings(value: &serde_json::Value, path: String, visit: &mut impl FnMut(&str, &str)) {
    match value {
        serde_json::Value::String(s) => visit(&path, s),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_strings(item, format!("{path}[{}]", i + 1), visit);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk_strings(item, path, visit);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A world over the repository with `body` after the shared files' import.
    fn world_of(body: &str) -> (Sandbox, String) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let sandbox =
            Sandbox::for_project(root, Some(&root.join("templates")), &root.join("data")).unwrap();
        let source = format!("#import \"/templates/brief.typ\": *\n{body}");
        (sandbox, source)
    }

    #[test]
    fn the_order_of_sources_and_names_is_read_off_the_document_before_layout() {
        let (sandbox, source) = world_of(concat!(
            "#src((\"b\", \"a\"))\n#context src((\"x\",))\n#block(src((\"c\", \"a\")))\n#src(())\n",
            "#let p = (id: \"p\", name: \"N\", text: \"N, T\", title: \"T\")\n",
            "#person(p, at: \"s1\") #person(p, at: \"s2\") #person(p + (title: \"U\"), at: \"s3\")\n",
            "#person(p, at: \"s4\") #person(p, at: \"s1\") #context person(p, at: \"s5\") #person(p)\n",
            // Marks of other kinds with the same shapes are not read.
            "#metadata((\"zz\",))<other> #metadata((person: \"q\", title: \"T\", key: \"k\"))<other>\n",
        ));
        let today = Datetime::from_ymd(2026, 1, 1).unwrap();
        let world = DocumentWorld::new(Engine::shared(), &sandbox, source, today);
        let order: serde_json::Value =
            serde_json::from_slice(layout_order(&world).expect("an order").as_slice()).unwrap();
        // First citations in the order written, each once; a note inside `context` cannot
        // be seen before layout.
        assert_eq!(order["sources"], serde_json::json!(["b", "a", "c"]));
        // The first mention with a title prints it; so does the first after the title
        // changed; a mention printed twice keeps its first answer; one inside `context` or
        // without `at` is left to the laid-out page.
        assert_eq!(
            order["named"],
            serde_json::json!({"p|\"T\"|s1": true, "p|\"T\"|s2": false, "p|\"U\"|s3": true, "p|\"T\"|s4": true})
        );
        // Notes alone, or names alone, are worth passing.
        for body in [
            "#src((\"a\",))\n",
            "#person((id: \"p\", name: \"N\", text: \"N\"), at: \"s\")\n",
        ] {
            let (sandbox, source) = world_of(body);
            let world = DocumentWorld::new(Engine::shared(), &sandbox, source, today);
            assert!(layout_order(&world).is_some(), "{body}");
        }
        // Nothing cited or named, nothing to pass.
        let (sandbox, source) = world_of("Nothing cited.\n");
        let world = DocumentWorld::new(Engine::shared(), &sandbox, source, today);
        assert!(layout_order(&world).is_none());
        // A document that does not evaluate: the compile reports why.
        let (sandbox, source) = world_of("#src(\n");
        let world = DocumentWorld::new(Engine::shared(), &sandbox, source, today);
        assert!(layout_order(&world).is_none());
    }

    #[test]
    fn notes_and_names_follow_the_order_and_the_rest_follows_the_page() {
        let (sandbox, source) = world_of(concat!(
            "#src((\"b\", \"a\"))\n\n#context src((\"x\", \"a\"))\n\n#src((\"c\",))\n",
            "#let p = (id: \"p\", name: \"Ann Lee\", text: \"Ann Lee, Envoy\", title: \"Envoy\")\n\n",
            "Met #person(p, at: \"s1\"). Saw #person(p, at: \"s2\"). ",
            "Heard #context person(p + (title: \"Chair\", text: \"Ann Lee, Chair\"), at: \"s3\"). ",
            "Thanked #person(p + (title: \"Chair\", text: \"Ann Lee, Chair\"), at: \"s4\"). End.\n\n",
            "#sources-list((\"a\", \"b\", \"c\", \"x\").map(id => (id: id, publisher: \"P\", ",
            "title: \"T\", published_text: \"2024\", note: none, url: none)))\n",
        ));
        let rendered = Rendered {
            source,
            spans: Vec::new(),
        };
        let export = Export {
            format: Format::Pdf,
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ident: "test".into(),
            standards: vec![],
            pixel_per_pt: 1.0,
            svg_pages: true,
        };
        let words = crate::world::english_words();
        let origin = Origin {
            generated_name: "test.typ".into(),
            rendered: &rendered,
            words: words.as_slice(),
        };
        let compiled = compile(&sandbox, &export, &origin).unwrap();
        let numbers: Vec<Vec<(String, u64)>> = compiled
            .notes
            .iter()
            .map(|n| {
                (n.value["sources"].as_array().unwrap().iter())
                    .map(|s| {
                        (
                            s["id"].as_str().unwrap().to_owned(),
                            s["number"].as_u64().unwrap(),
                        )
                    })
                    .collect()
            })
            .collect();
        let pairs = |v: &[(&str, u64)]| {
            v.iter()
                .map(|(k, n)| (k.to_string(), *n))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            numbers,
            vec![
                pairs(&[("b", 1), ("a", 2)]),
                // `x` was not seen before layout: numbered after the others.
                pairs(&[("x", 4), ("a", 2)]),
                pairs(&[("c", 3)]),
            ]
        );
        // The title with the first mention, and again when it changes — on the page too
        // for the mention inside `context`; brief could not see that one before layout, so
        // the next mention takes itself for the first with the new title.
        let text = compiled.svgs[0].text.replace('\n', " ").replace(" .", ".");
        assert!(
            text.contains(
                "Met Ann Lee, Envoy. Saw Ann Lee. Heard Ann Lee, Chair. Thanked Ann Lee, Chair. End."
            ),
            "{text}"
        );
    }

    #[test]
    fn a_page_is_drawn_when_first_asked_for_and_keyed_by_its_layout() {
        let (sandbox, _) = world_of("");
        let today = Datetime::from_ymd(2026, 1, 1).unwrap();
        let laid_out = |body: &str| {
            let world = DocumentWorld::new(Engine::shared(), &sandbox, body.to_owned(), today);
            svg_pages(&typst::compile::<PagedDocument>(&world).output.unwrap())
        };
        let pages = laid_out("One\n#pagebreak()\nTwo\n#pagebreak()\nThree");
        assert_eq!(pages.len(), 3);
        // The same layout: the same keys. The middle page changed: only its key.
        let keys = |p: &[SvgPage]| p.iter().map(|p| p.key).collect::<Vec<_>>();
        let again = laid_out("One\n#pagebreak()\nTwo\n#pagebreak()\nThree");
        assert_eq!(keys(&again), keys(&pages));
        let changed = laid_out("One\n#pagebreak()\nTwo, edited\n#pagebreak()\nThree");
        let same: Vec<bool> = (pages.iter().zip(&changed))
            .map(|(a, b)| a.key == b.key)
            .collect();
        assert_eq!(same, [true, false, true]);
        assert!(changed[1].text.contains("edited"), "{}", changed[1].text);
        // Drawn when asked for, once.
        assert!(format!("{:?}", changed[1].svg).contains("not drawn"));
        let svg = changed[1].svg.svg().clone();
        assert!(std::sync::Arc::ptr_eq(&svg, changed[1].svg.svg()));
        assert!(svg.starts_with("<svg"));
    }

    /// A page as its `<svg>` tag, its elements in order, and its definitions in any order.
    fn parts(svg: &str) -> (String, Vec<String>, Vec<String>) {
        let document = roxmltree::Document::parse(svg).unwrap();
        let root = document.root_element();
        let start = &svg[root.range().start..root.first_child().unwrap().range().start];
        let mut elements = Vec::new();
        let mut defs = Vec::new();
        for child in root.children() {
            if child.tag_name().name() == "defs" {
                defs.extend(child.children().map(|d| svg[d.range()].to_owned()));
            } else {
                elements.push(svg[child.range()].to_owned());
            }
        }
        defs.sort();
        (start.to_owned(), elements, defs)
    }

    /// Drawn piece by piece, a page has the very elements of the page drawn whole, and the
    /// same definitions; drawn again after an edit, only the new pieces are drawn.
    #[test]
    fn a_page_drawn_piece_by_piece_is_the_page_drawn_whole() {
        let (sandbox, _) = world_of("");
        let today = Datetime::from_ymd(2026, 1, 1).unwrap();
        let body = |word: &str| {
            format!(
                concat!(
                    "= Heading\nSome *bold* {} and #text(fill: red)[red] and a ",
                    "#link(\"https://example.org\")[link].\n\n",
                    // A link that looks like the marks between pieces: drawn as it is.
                    "#link(\"brief-piece:0\")[marked] #link(\"brief-piece:end\")[end]\n\n",
                    "#box(fill: gradient.linear(red, blue), clip: true, radius: 4pt, inset: 4pt)[Boxed]\n",
                    "#rect(stroke: 1pt + blue, width: 3cm)[In a rect]\n",
                    "#table(columns: 2, [a], [b], [c], [d])\n",
                    "#place(top + right, rotate(10deg)[Turned])\n",
                    "#lorem(150)\n#pagebreak()\nTwo ",
                    // Definitions of its own on the second page.
                    "#box(fill: gradient.linear(green, blue), clip: true, radius: 2pt)[Box two]"
                ),
                word
            )
        };
        let laid_out = |body: String| {
            let world = DocumentWorld::new(Engine::shared(), &sandbox, body, today);
            typst::compile::<PagedDocument>(&world).output.unwrap()
        };
        let kept = std::sync::Mutex::new(crate::svg::Pieces::default());
        let whole = |page: &typst_layout::Page| {
            crate::svg::merge_glyph_runs(&typst_svg::svg(page, &typst_svg::SvgOptions::default()))
        };
        let first = laid_out(body("text"));
        for (i, page) in first.pages().iter().enumerate() {
            let drawn = crate::svg::draw_page(page, &kept);
            let (start, elements, defs) = parts(&drawn);
            let (w_start, w_elements, w_defs) = parts(&whole(page));
            assert_eq!(start, w_start);
            assert_eq!(elements, w_elements);
            assert_eq!(defs, w_defs);
            // The first page's box: clipped, filled with a gradient.
            assert!(i > 0 || defs.len() >= 3, "{defs:?}");
        }
        let pieces = kept.lock().unwrap().count();
        assert!(pieces > 20, "{pieces}");
        // A word of the first line edited: the runs of that line drawn again (those after the
        // word moved), nothing else; the page the same as drawn whole.
        let edited = laid_out(body("words"));
        let page = &edited.pages()[0];
        let (before, _) = kept.lock().unwrap().bytes();
        let drawn = crate::svg::draw_page(page, &kept);
        assert_eq!(parts(&drawn), parts(&whole(page)));
        let new = kept.lock().unwrap().count() - pieces;
        assert!(
            (1..=8).contains(&new),
            "{new} of {pieces} pieces drawn again"
        );
        // Drawn again: a small part of the page (not a group holding the whole page).
        let (after, added) = kept.lock().unwrap().bytes();
        assert_eq!(after, added, "the bytes held are counted as they are");
        assert!(
            (after - before) * 8 < drawn.len(),
            "{} of {} bytes drawn again",
            after - before,
            drawn.len()
        );
        // Kept within their limit: past it, they are emptied before the next drawing (and
        // the pages are still drawn right).
        let pages: Vec<_> = edited.pages().iter().take(2).collect();
        let held = |limit: usize| {
            let kept = std::sync::Mutex::new(crate::svg::Pieces::with_limit(limit));
            let mut after = Vec::new();
            for page in &pages {
                let drawn = crate::svg::draw_page(page, &kept);
                assert_eq!(parts(&drawn), parts(&whole(page)));
                let kept = kept.lock().unwrap();
                let (bytes, added) = kept.bytes();
                assert_eq!(bytes, added);
                after.push((kept.count(), bytes));
            }
            after
        };
        let all = held(usize::MAX);
        let (first_count, first_bytes) = all[0];
        assert!(all[1].0 > first_count);
        assert_eq!(held(first_bytes), all, "at the limit: nothing let go");
        let past = held(first_bytes - 1);
        assert_eq!(past[0], all[0]);
        assert_eq!(
            past[1].0,
            all[1].0 - first_count,
            "emptied before the second page"
        );
    }

    #[test]
    fn pages_are_drawn_with_a_path_per_run_of_glyphs() {
        let (sandbox, _) = world_of("");
        let today = Datetime::from_ymd(2026, 1, 1).unwrap();
        let world = DocumentWorld::new(
            Engine::shared(),
            &sandbox,
            "Two runs: #text(fill: red)[red] and black.".into(),
            today,
        );
        let document = typst::compile::<PagedDocument>(&world).output.unwrap();
        let raw = typst_svg::svg(&document.pages()[0], &typst_svg::SvgOptions::default());
        let glyphs = raw.matches("<use").count();
        assert!(glyphs >= 15, "{raw}");
        let pages = svg_pages(&document);
        let svg = pages[0].svg.svg();
        assert!(!svg.contains("<use") && !svg.contains("<symbol"), "{svg}");
        // Every glyph is still drawn, each starting where it stood (`M`; the page's other
        // paths start as they did).
        let others = raw[..raw.find("<defs").unwrap()].matches('M').count();
        assert_eq!(svg.matches('M').count(), glyphs + others);
        // Three runs (black, red, black), each a path of its colour.
        assert_eq!(svg.matches("<path d=\"M").count(), 3, "{svg}");
        assert!(svg.contains("fill=\"#ff4136\""), "{svg}");
    }

    #[test]
    fn characters_without_a_glyph_are_reported_with_their_field() {
        let ctx = serde_json::json!({
            "events": [{"title": "Ақтау İstanbul", "text": "peace 🕊 and 中文"}],
        });
        let fonts = Engine::shared().fonts(None).unwrap();
        let words = serde_json::json!({"sources": "出典"});
        let warnings = glyph_warnings(&ctx, &words, &fonts);
        let messages: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("`🕊` (U+1F54A)") && m.contains("events[1].text")),
            "{messages:?}"
        );
        let han = warnings
            .iter()
            .find(|w| w.message.contains("Han"))
            .expect("a warning for Han text");
        assert!(han.message.contains("`中`"), "{}", han.message);
        assert!(
            han.message.contains("the catalog of words.sources"),
            "{}",
            han.message
        );
        assert!(han.help[0].contains("fonts/"), "{:?}", han.help);
        // Kazakh Cyrillic, Turkish Latin and Arabic have glyphs.
        let covered = serde_json::json!({"t": "Ақтау İstanbul الكويت"});
        assert!(
            glyph_warnings(&covered, &words, &fonts)
                .iter()
                .all(|w| !w.message.contains("Cyrillic") && !w.message.contains("Arabic"))
        );
        assert!(
            !messages.iter().any(|m| m.contains("events[1].title")),
            "{messages:?}"
        );
    }
}
