//! Helpers shared by the integration tests: running the binary, reading PDFs, scratch
//! copies of fact bases.
#![allow(dead_code)]

pub mod watch;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where `data/` and `templates/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder inside the repository for scratch files that must lie inside the project (the
/// Typst sandbox): `target/`, created when the build put its files elsewhere
/// (`CARGO_TARGET_DIR`).
pub fn scratch_root() -> PathBuf {
    let root = repo().join("target");
    std::fs::create_dir_all(&root).expect("create target/ for scratch files");
    root
}

/// A copy of the folder `from` in a new scratch folder inside the project.
pub fn scratch_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(scratch_root()).unwrap();
    copy_dir(from, dir.path());
    dir
}

/// `path` relative to the repository, as messages name files.
pub fn rel(path: &Path) -> String {
    path.strip_prefix(repo()).unwrap().display().to_string()
}

/// Replaces the first `from` in the file with `to`, as editors save: a temporary file
/// renamed over the original.
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    let tmp = path.with_extension("yaml.swp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Runs `brief` from the repository root with a fixed date, no `SOURCE_DATE_EPOCH`.
pub fn brief(args: &[&str]) -> Output {
    brief_in(&repo(), args)
}

pub fn brief_in(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run brief");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "brief panicked on {args:?}:\n{stderr}"
    );
    out
}

/// Runs `brief generate ARGS… --out OUT --date 2026-11-24` from the repository root.
pub fn generate(out: &Path, args: &[&str]) -> Output {
    let mut full = vec!["generate"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--out", out.to_str().unwrap(), "--date", "2026-11-24"]);
    brief(&full)
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Renders `template` (from `root/templates`, over the built-in ones) with `context` and
/// compiles it to PDF bytes in-process, with `root` as the project root. Panics with the
/// problems and the source on failure.
pub fn render_pdf(root: &Path, template: &str, context: &serde_json::Value) -> Vec<u8> {
    brief::harness::render_pdf(root, template, context).unwrap_or_else(|e| panic!("{e}"))
}

/// The text of a PDF, as a reader's copy-and-paste would give it.
pub fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).expect("PDF text can be extracted")
}

/// The text of each page.
pub fn pdf_pages_text(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes).expect("PDF text can be extracted")
}

/// Width and height of each page's media box, in points.
pub fn page_sizes(doc: &lopdf::Document) -> Vec<(f64, f64)> {
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("page");
            let mediabox = page.get(b"MediaBox").expect("media box");
            let values: Vec<f64> = mediabox
                .as_array()
                .expect("array")
                .iter()
                .map(|v| {
                    v.as_float()
                        .map(f64::from)
                        .or_else(|_| v.as_i64().map(|i| i as f64))
                        .unwrap()
                })
                .collect();
            (values[2] - values[0], values[3] - values[1])
        })
        .collect()
}

/// The document catalog.
pub fn catalog(doc: &lopdf::Document) -> &lopdf::Dictionary {
    doc.catalog().expect("catalog")
}

/// The XMP metadata packet, as text.
pub fn xmp(doc: &lopdf::Document) -> String {
    let Ok(reference) = catalog(doc).get(b"Metadata").and_then(|m| m.as_reference()) else {
        return String::new();
    };
    let stream = doc
        .get_object(reference)
        .and_then(|o| o.as_stream())
        .expect("metadata stream");
    let content = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&content).into_owned()
}

pub fn pdf(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("a readable PDF")
}

/// A text string of the PDF's Info dictionary (`Title`, `Author`, …).
pub fn info(doc: &lopdf::Document, key: &str) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        lopdf::Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let value = info.as_dict().ok()?.get(key.as_bytes()).ok()?;
    let bytes = value.as_str().ok()?;
    Some(decode_text_string(bytes))
}

/// PDF text strings are UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// The base names of all fonts the PDF uses, and whether each is embedded.
pub fn fonts(doc: &lopdf::Document) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let is_descriptor = dict
            .get(b"Type")
            .ok()
            .and_then(|t| t.as_name().ok())
            .is_some_and(|n| n == b"FontDescriptor");
        if !is_descriptor {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .ok()
            .and_then(|n| n.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| dict.has(k));
        out.push((name, embedded));
    }
    out
}

const SOFT: char = '\u{AD}';

/// Text with whitespace removed, and line-end hyphens (which may be hyphenation) marked.
fn normalise_pdf(text: &str) -> Vec<char> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        let at_line_end = c == '-'
            && chars[i + 1..]
                .iter()
                .take_while(|c| c.is_whitespace())
                .any(|&c| c == '\n');
        out.push(if at_line_end { SOFT } else { c });
    }
    out
}

fn matches_at(pdf: &[char], start: usize, expected: &[char]) -> bool {
    let (mut i, mut j) = (0, start);
    while i < expected.len() {
        let Some(&c) = pdf.get(j) else { return false };
        if c == expected[i] || (c == SOFT && expected[i] == '-') {
            i += 1;
            j += 1;
        } else if c == SOFT {
            j += 1;
        } else {
            return false;
        }
    }
    true
}

/// Whether `expected` appears in the PDF text, ignoring whitespace (layout) and hyphens
/// added where a word was broken across lines.
pub fn pdf_contains(pdf_text: &str, expected: &str) -> bool {
    let pdf = normalise_pdf(pdf_text);
    let expected: Vec<char> = expected.chars().filter(|c| !c.is_whitespace()).collect();
    if expected.is_empty() {
        return true;
    }
    (0..pdf.len()).any(|start| matches_at(&pdf, start, &expected))
}

pub fn assert_pdf_contains(pdf_text: &str, expected: &str) {
    assert!(
        pdf_contains(pdf_text, expected),
        "PDF text does not contain {expected:?}\n--- PDF text ---\n{pdf_text}"
    );
}

/// The source-note marks a PDF prints, in the order they appear: each superscript (digits and
/// commas set far smaller than any running text) as its list of numbers, e.g. `[[1], [2, 4]]`.
pub fn note_marks(bytes: &[u8]) -> Vec<Vec<u32>> {
    use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

    /// Superscripts are 0.6 em of 8.5–10.5 pt text; the smallest running text is 7.5 pt.
    const LARGEST_MARK: f64 = 7.0;

    #[derive(Default)]
    struct Marks {
        marks: Vec<Vec<u32>>,
        current: String,
        y: f64,
    }
    impl Marks {
        fn flush(&mut self) {
            let text = std::mem::take(&mut self.current);
            let numbers: Vec<u32> = text
                .split(',')
                .filter_map(|n| n.trim().parse().ok())
                .collect();
            if !numbers.is_empty() {
                self.marks.push(numbers);
            }
        }
    }
    impl OutputDev for Marks {
        fn begin_page(
            &mut self,
            _: u32,
            _: &MediaBox,
            _: Option<(f64, f64, f64, f64)>,
        ) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_page(&mut self) -> Result<(), OutputError> {
            self.flush();
            Ok(())
        }
        fn output_character(
            &mut self,
            trm: &Transform,
            _: f64,
            _: f64,
            size: f64,
            ch: &str,
        ) -> Result<(), OutputError> {
            // The size as set on the page: the font size through the text matrix.
            let (x, y) = (size * (trm.m11 + trm.m21), size * (trm.m12 + trm.m22));
            let shown = (x * y).abs().sqrt();
            let y = trm.m32;
            let is_mark =
                shown < LARGEST_MARK && ch.chars().all(|c| c.is_ascii_digit() || c == ',');
            if !is_mark || (y - self.y).abs() > 1.0 {
                self.flush();
            }
            if is_mark {
                self.current.push_str(ch);
                self.y = y;
            }
            Ok(())
        }
        fn begin_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_word(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
        fn end_line(&mut self) -> Result<(), OutputError> {
            Ok(())
        }
    }
    let doc = pdf_extract::Document::load_mem(bytes).expect("a PDF");
    let mut marks = Marks::default();
    pdf_extract::output_doc(&doc, &mut marks).expect("PDF text can be read");
    marks.flush();
    marks.marks
}

/// Checks that note numbers appear in reading order: each number is at most one more than
/// the largest before it. Returns the largest.
pub fn assert_notes_in_reading_order(marks: &[Vec<u32>], what: &str) -> u32 {
    let mut largest = 0;
    for mark in marks {
        for &n in mark {
            assert!(
                n <= largest + 1,
                "{what}: note {n} appears before note {} (marks so far: {marks:?})",
                largest + 1
            );
            largest = largest.max(n);
        }
    }
    largest
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// A new project made by `brief init` (the starter fact base), in a scratch folder: the
/// folder (kept alive by the first value) and the project.
pub fn new_project() -> (tempfile::TempDir, PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["init", "p", "-q"])
        .current_dir(scratch.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = scratch.path().join("p");
    (scratch, dir)
}
