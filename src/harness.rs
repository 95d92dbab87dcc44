//! The library's one surface for what is not the command line: the integration tests,
//! the fuzz targets (`fuzz/`) and the benches. Not a stable interface.
//!
//! - [`context`], [`render_pdf`]: a template's context for a fact base, and a template
//!   rendered and compiled in-process (tests that read PDFs back without the binary).
//! - [`schema_of_kind`]: the JSON Schema of one kind of fact-base file.
//! - [`load_collection_text`], [`check_escaping`]: properties fuzzing checks on arbitrary
//!   text. `Ok` when the property holds, or a description of the failure; a panic anywhere
//!   below is a bug the fuzzer reports.

use std::path::Path;
use std::sync::Arc;

use typst::syntax::{SyntaxKind, SyntaxNode};

use crate::diag::{Problem, SourceText};
use crate::facts::{COLLECTIONS, FactBase};
use crate::options::{Format, Paper};
use crate::render::{Renderer, escape_markup, string_literal};
use crate::{compile, context, templates, world, yaml};

/// The context `template` (a built-in one, or the project's in `templates`) receives for the
/// fact base in `data`, on A4 with no marking, as of `date`, in English.
pub fn context(
    data: &Path,
    templates_dir: &Path,
    template: &str,
    params: &[(&str, &str)],
    date: chrono::NaiveDate,
) -> Result<serde_json::Value, String> {
    context_in(data, templates_dir, template, params, date, "en")
}

/// [`context`] in the language `lang` (a BCP 47 tag with a built-in catalog).
pub fn context_in(
    data: &Path,
    templates_dir: &Path,
    template: &str,
    params: &[(&str, &str)],
    date: chrono::NaiveDate,
    lang: &str,
) -> Result<serde_json::Value, String> {
    let base = crate::facts::load(data).map_err(|e| e.to_string())?;
    let library = templates::Library::new(templates_dir).map_err(|e| e.to_string())?;
    let manifest = templates::manifest(&library, template).map_err(|e| e.to_string())?;
    let given: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let settings = context::Settings {
        as_of: date,
        paper: Paper::A4,
        marking: None,
        tag: &crate::words::Tag::parse(lang)?,
    };
    let request =
        context::request(&manifest, &given, &base, &settings).map_err(|e| e.to_string())?;
    let words = crate::words::Catalogs::builtin()
        .words(lang)
        .map_err(|e| e.to_string())?;
    let translated = base.in_language(&words.tag);
    Ok(
        serde_json::to_value(context::build(&translated, &request, None, &words))
            .expect("serialisable"),
    )
}

/// The ids a parameter of `kind` (`process`, `country`, `organization`, `event`) may take
/// in the fact base in `data`, as `--param` accepts them.
pub fn choices(data: &Path, kind: &str) -> Result<Vec<String>, String> {
    let base = crate::facts::load(data).map_err(|e| e.to_string())?;
    let kind = templates::ParamKind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| format!("no parameter kind `{kind}`"))?;
    Ok(context::choices(&base, kind)
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// Renders `template` (from `root/templates`, over the built-in ones) with `context` and
/// compiles it to a PDF, with `root` as the project root. The error is the problems
/// reported, with the generated source when it did not compile.
pub fn render_pdf(
    root: &Path,
    template: &str,
    context: &serde_json::Value,
) -> Result<Vec<u8>, String> {
    let (sandbox, rendered, words) = rendered(root, template, context)?;
    let export = compile::Export {
        format: Format::Pdf,
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"),
        ident: "test".into(),
        standards: vec![],
        pixel_per_pt: 1.0,
        svg_pages: false,
    };
    let origin = compile::Origin {
        generated_name: "test.typ".into(),
        rendered: &rendered,
        words: &words,
    };
    let compiled = compile::compile(&sandbox, &export, &origin)
        .map_err(|e| format!("{e}\n--- source ---\n{}", rendered.source))?;
    Ok(compiled.files.into_iter().next().unwrap_or_default())
}

/// A run of text as laid out: its page (from 1), where it starts (points from the page's
/// top-left corner), its width and its text.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub text: String,
    /// The size of its font, in points.
    pub size: f64,
    /// The family of its font.
    pub font: String,
    /// How dark its colour prints in greyscale: 0 black … 1 white (1 for a gradient or
    /// tiling, which a briefing never uses for text).
    pub lightness: f64,
}

/// The page width and every run of text of `template` rendered with `context` (as
/// [`render_pdf`] does) and laid out by Typst: where text sits on the page.
pub fn laid_out_text(
    root: &Path,
    template: &str,
    context: &serde_json::Value,
) -> Result<(f64, Vec<TextRun>), String> {
    let layout = laid_out(root, template, context)?;
    Ok((layout.width, layout.runs))
}

/// A place in the laid-out document: its page (from 1), how far down (points from the
/// page's top) and what is there.
#[derive(Debug, Clone)]
pub struct Placed {
    pub page: usize,
    pub y: f64,
    pub text: String,
}

/// A document as laid out: its page size, every run of text, where each heading starts,
/// and where each block the shared Typst files keep together (a quote, a statement:
/// metadata `<brief-kept>` at its start and end) starts and ends.
#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub runs: Vec<TextRun>,
    pub headings: Vec<Placed>,
    pub kept: Vec<(Placed, Placed)>,
}

/// `template` rendered with `context` (as [`render_pdf`] does) and laid out by Typst.
pub fn laid_out(
    root: &Path,
    template: &str,
    context: &serde_json::Value,
) -> Result<Layout, String> {
    use typst::foundations::{Label, NativeElement, Selector};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::model::HeadingElem;
    use typst::utils::PicoStr;
    use typst_layout::PagedDocument;
    let (sandbox, rendered, words) = rendered(root, template, context)?;
    let today = typst::foundations::Datetime::from_ymd(2026, 1, 1).expect("a date");
    let world = world::DocumentWorld::new(
        world::Engine::shared(),
        &sandbox,
        rendered.source.clone(),
        today,
    )
    .with_words(typst::foundations::Bytes::new(words));
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| format!("{e:?}"))?;
    let mut runs = Vec::new();
    let (mut width, mut height) = (0.0, 0.0);
    for (i, page) in document.pages().iter().enumerate() {
        width = page.frame.width().to_pt();
        height = page.frame.height().to_pt();
        compile::each_text(&page.frame, &mut |here, text| {
            runs.push(TextRun {
                page: i + 1,
                x: here.x.to_pt(),
                y: here.y.to_pt(),
                width: text.width().to_pt(),
                text: text.text.to_string(),
                size: text.size.to_pt(),
                font: text.font.info().family.clone(),
                lightness: match &text.fill {
                    typst::visualize::Paint::Solid(color) => {
                        let rgb = color.to_rgb();
                        f64::from(0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue)
                    }
                    _ => 1.0,
                },
            })
        });
    }
    let introspector = document.introspector();
    let placed = |content: &typst::foundations::Content, text: String| {
        let at = content.location().and_then(|l| introspector.position(l))?;
        Some(Placed {
            page: at.page.get(),
            y: at.point.y.to_pt(),
            text,
        })
    };
    let headings = (introspector
        .query(&Selector::Elem(HeadingElem::ELEM, None))
        .iter())
    .filter_map(|h| {
        let body = h.to_packed::<HeadingElem>()?.body.plain_text().to_string();
        placed(h, body)
    })
    .collect();
    let label = Label::new(PicoStr::intern("brief-kept")).expect("a label");
    let marks: Vec<(String, Placed)> = (introspector.query(&Selector::Label(label)).iter())
        .filter_map(|m| {
            let value = m.to_packed::<MetadataElem>()?.value.clone();
            let text = match value {
                typst::foundations::Value::Str(s) => s.to_string(),
                other => format!("{other:?}"),
            };
            Some((text.clone(), placed(m, text)?))
        })
        .collect();
    // Each start with the end after it.
    let mut kept = Vec::new();
    let mut open: Option<Placed> = None;
    for (what, at) in marks {
        match (what.starts_with("end"), open.take()) {
            (false, _) => open = Some(at),
            (true, Some(start)) => kept.push((start, at)),
            (true, None) => {}
        }
    }
    Ok(Layout {
        width,
        height,
        runs,
        headings,
        kept,
    })
}

/// The sandbox, the rendered source and the words (as Typst reads them) of `template` with
/// `context` in the project at `root`.
/// The templates of the project at `root` (its `templates/` over the built-in ones) and
/// where Typst may read in it.
fn project(root: &Path) -> Result<(templates::Library, world::Sandbox), String> {
    let root = root.canonicalize().map_err(|e| e.to_string())?;
    let library = templates::Library::new(&root.join("templates")).map_err(|e| e.to_string())?;
    let sandbox = world::Sandbox::for_project(&root, library.dir(), &root.join("data"))
        .map_err(|e| e.to_string())?;
    Ok((library, sandbox))
}

fn rendered(
    root: &Path,
    template: &str,
    context: &serde_json::Value,
) -> Result<(world::Sandbox, crate::render::Rendered, Vec<u8>), String> {
    let (library, sandbox) = project(root)?;
    let typst_dir = library.dir().and_then(|d| sandbox.typst_path(d));
    let catalogs = std::sync::Arc::new(crate::words::Catalogs::new(library.dir()));
    let renderer = Renderer::new(library, typst_dir, catalogs);
    let rendered = renderer
        .render(template, context)
        .map_err(|e| e.to_string())?;
    let tag = context["brief"]["tag"].as_str().unwrap_or("en");
    let words = crate::words::Catalogs::builtin()
        .words(tag)
        .map_err(|e| e.to_string())?;
    let words = words.typst_input();
    Ok((sandbox, rendered, words))
}

/// The order of the sources that generated Typst `source` cites and of the people it names
/// (JSON), as brief passes it to Typst, for running the stock Typst CLI on it: `typst compile
/// --input brief-order=JSON`; `None` when it has neither. `root` is the project root (with the
/// shared Typst files in `root/templates` or built in).
pub fn typst_order(root: &Path, source: &str, tag: &str) -> Result<Option<String>, String> {
    let (_, sandbox) = project(root)?;
    let words = crate::words::Catalogs::builtin()
        .words(tag)
        .map_err(|e| e.to_string())?;
    let today = typst::foundations::Datetime::from_ymd(2026, 1, 1).expect("a date");
    let world =
        world::DocumentWorld::new(world::Engine::shared(), &sandbox, source.to_owned(), today)
            .with_words(typst::foundations::Bytes::new(words.typst_input()));
    Ok(compile::layout_order(&world)
        .map(|order| String::from_utf8_lossy(order.as_slice()).into_owned()))
}

/// The words of the language `tag` as the shared Typst files read them (JSON), for running
/// the stock Typst CLI on generated source: `typst compile --input brief-words=JSON`.
pub fn typst_words(tag: &str) -> Result<String, String> {
    let words = crate::words::Catalogs::builtin()
        .words(tag)
        .map_err(|e| e.to_string())?;
    Ok(serde_json::to_string(&words.typst_words()).expect("words serialise"))
}

/// The JSON Schema of one kind of fact-base file (`countries`, …).
pub fn schema_of_kind(kind: &str) -> Result<serde_json::Value, String> {
    crate::schema::of_kind(kind).map_err(|e| e.to_string())
}

/// Reads `text` as a file of every collection (records only, no cross-checks) and returns the
/// problems found. Must never panic or hang, whatever the bytes.
pub fn load_collection_text(text: &str) -> Vec<Problem> {
    let file: Arc<SourceText> = SourceText::new("fuzz.yaml", text);
    let node = match yaml::parse(&file) {
        Ok(node) => node,
        Err(problem) => return vec![*problem],
    };
    let mut problems = Vec::new();
    for collection in COLLECTIONS {
        let mut base = FactBase::default();
        let mut reader = yaml::Reader {
            file: &file,
            problems: &mut problems,
        };
        crate::facts::read_collection(&mut reader, collection, &node, &mut base);
    }
    for problem in &problems {
        let _ = problem.render();
    }
    problems
}

/// Escaping for markup must parse back to plain text equal to `text` (with whitespace runs
/// folded, as Typst displays them), in block and inline contexts; the string literal must
/// parse to a string equal to `text`.
pub fn check_escaping(text: &str) -> Result<(), String> {
    for inline in [false, true] {
        let escaped = escape_markup(text, inline);
        let tree = typst::syntax::parse(&escaped);
        let mut shown = String::new();
        collect_text(&tree, &mut shown)?;
        let expected = fold_whitespace(&displayed(text));
        if fold_whitespace(&shown) != expected {
            return Err(format!(
                "markup (inline: {inline}) of {text:?} shows {shown:?}, expected {expected:?}; escaped: {escaped:?}"
            ));
        }
    }
    let literal = string_literal(text);
    let code = typst::syntax::parse_code(&literal);
    let string = code
        .children()
        .find(|c| c.kind() == SyntaxKind::Str)
        .ok_or_else(|| format!("string literal of {text:?} is not a string: {literal:?}"))?;
    let value = string
        .cast::<typst::syntax::ast::Str>()
        .map(|s| s.get())
        .ok_or_else(|| format!("cannot read the literal {literal:?}"))?;
    if value.as_str() != text || !code.errors_and_warnings().0.is_empty() {
        return Err(format!(
            "string literal of {text:?} reads back as {value:?}"
        ));
    }
    Ok(())
}

/// What markup escaping promises to display: line breaks normalised, controls replaced.
fn displayed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\t' => ' ',
            c if c.is_control() && c != '\n' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects the text a markup tree displays; any node that is not plain text is an error.
fn collect_text(node: &SyntaxNode, out: &mut String) -> Result<(), String> {
    match node.kind() {
        SyntaxKind::Markup => {
            for child in node.children() {
                collect_text(child, out)?;
            }
            Ok(())
        }
        SyntaxKind::Text => {
            out.push_str(node.leaf_text());
            Ok(())
        }
        SyntaxKind::Space | SyntaxKind::Parbreak => {
            out.push(' ');
            Ok(())
        }
        SyntaxKind::Escape => {
            let text = node.leaf_text();
            let c = text
                .strip_prefix('\\')
                .ok_or_else(|| format!("odd escape {text:?}"))?;
            if c.starts_with("u{") {
                return Err(format!("unicode escape {text:?} in escaped output"));
            }
            out.push_str(c);
            Ok(())
        }
        other => Err(format!(
            "escaped text parsed as {other:?}: {:?}",
            node.leaf_text()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_holds_for_tricky_inputs() {
        for text in [
            "#let x = 1",
            "= a\n- b\n+ c\n1. d\n/ e: f",
            "\\u{41} \\",
            "a\u{7}b\r\nc\u{2028}d",
            "```raw``` $m$ <l> @r",
            "",
            "   ",
            "'\"",
        ] {
            check_escaping(text).unwrap();
        }
    }

    #[test]
    fn loading_reports_rather_than_panics() {
        assert!(!load_collection_text("- id: [").is_empty());
        assert!(!load_collection_text("- { id: x, titel: y }").is_empty());
        assert!(load_collection_text("").is_empty());
    }
}
