//! The fact base: load and validate a folder of YAML files into a [`FactBase`].
//!
//! In: a folder laid out as `docs/fact-base.md` describes (each collection one `NAME.yaml`
//! file or a `NAME/` folder of `*.yaml` files). Out: a [`FactBase`] in which every id is
//! unique, every reference resolves, every date parses and every fact is cited — or
//! [`Problems`] listing every defect found, each with file, line, column and field.
//!
//! Finding and reading the files is in [`files`], the records in [`model`], reading them in
//! [`read`]; checks across records are in [`validate`].

mod cutoff;
mod dates;
mod excerpts;
mod fields;
mod files;
mod model;
mod paths;
mod query;
mod read;
mod support;
mod translate;
pub use translate::Translated;
mod validate;

pub use dates::{FuzzyDate, day_text, humanize, parse_day};
pub use excerpts::verify_excerpts;
pub use fields::{CURATORS_OWN, Described, supportable};
pub use files::{MAX_FILE_BYTES, read_inside_capped, read_regular};
pub use model::*;
pub use paths::{Basis, event_path, item_path, record_path};
pub use read::{collection as read_collection, issuer as read_issuer};
pub use support::strict;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Location, Problem, Problems, SourceText};
use crate::yaml::{self, Located};
use files::{collection_files, parse_files, read_file};

/// A reference to another record by id, with where it was written.
pub type Ref = Located<String>;

/// The collections of a fact base, in the order they are loaded.
pub const COLLECTIONS: [&str; 8] = [
    "sources",
    "countries",
    "organizations",
    "people",
    "processes",
    "events",
    "initiatives",
    "assessments",
];

/// Loads and validates the fact base in `dir`.
pub fn load(dir: &Path) -> Result<FactBase, Problems> {
    let (base, problems) = load_all(dir);
    if problems
        .iter()
        .any(|p| p.severity == crate::diag::Severity::Error)
    {
        Err(Problems(problems))
    } else {
        Ok(base)
    }
}

/// Loads the fact base in `dir` as far as it can be read, with every problem found (sorted by
/// file and line). The records are complete only when no problem is an error: a field that
/// failed to read holds a placeholder, so that checks of the other fields still run.
pub fn load_all(dir: &Path) -> (FactBase, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut base = FactBase::default();
    let Some(files) = collection_files(dir, &mut problems) else {
        return (base, problems);
    };
    let shown = dir.display();
    if files.iter().all(|(_, paths)| paths.is_empty()) && !dir.join(ISSUER_FILE).is_file() {
        problems.push(
            Problem::error(format!("`{shown}` holds no fact-base files"))
                .help(format!(
                    "a fact base has `sources.yaml` (or a folder `sources/`), and any of {} as `NAME.yaml` or a folder `NAME/`",
                    COLLECTIONS[1..].join(", ")
                ))
                .help("check `--data`, or the `data` folder set in brief.toml"),
        );
        return (base, problems);
    }
    // Collections that could not be read in full: references into them are not reported
    // as dangling (the real problem is reported once, where it is).
    let mut unreadable: Vec<&'static str> = Vec::new();
    // Parsing YAML is most of the loading time: the files are read and parsed on several
    // threads when there are many, then turned into records one after another, in order.
    let all: Vec<&PathBuf> = files.iter().flat_map(|(_, paths)| paths).collect();
    let mut parsed = parse_files(&all, dir).into_iter();
    for (collection, paths) in files {
        if collection == "sources" && paths.is_empty() {
            problems.push(
                Problem::error(format!("no `sources.yaml` or `sources/` in `{shown}`")).help(
                    "every fact cites a source: add the sources file (see docs/fact-base.md)",
                ),
            );
            unreadable.push(collection);
        }
        for _ in paths {
            let (file_node, found) = parsed.next().expect("one parse per file");
            problems.extend(found);
            let read_whole = (|| {
                let (file, node) = file_node?;
                bidi_warnings(&file, &node, &mut problems);
                let mut reader = yaml::Reader {
                    file: &file,
                    problems: &mut problems,
                };
                read::collection(&mut reader, collection, &node, &mut base).then_some(())
            })();
            if read_whole.is_none() && !unreadable.contains(&collection) {
                unreadable.push(collection);
            }
        }
    }
    let issuer_path = dir.join(ISSUER_FILE);
    if std::fs::symlink_metadata(&issuer_path).is_ok()
        && let Some(file) = read_file(&issuer_path, dir, &mut problems)
    {
        match yaml::parse(&file) {
            Ok(node) => {
                let mut reader = yaml::Reader {
                    file: &file,
                    problems: &mut problems,
                };
                base.issuer = read::issuer(&mut reader, &node);
            }
            Err(problem) => problems.push(*problem),
        }
        if let Some(logo) = base.issuer.as_ref().and_then(|i| i.logo.as_ref()) {
            problems.extend(check_logo(dir, logo));
        }
    }
    base.build_index();
    validate::check(&base, &unreadable, &mut problems);
    sort_problems(&mut problems);
    (base, problems)
}

/// The largest logo brief embeds.
const MAX_LOGO_BYTES: u64 = 8 << 20;

/// The issuer's logo must be a PNG, JPEG or SVG file inside the fact base folder, of at most
/// 8 MB.
fn check_logo(dir: &Path, logo: &Located<String>) -> Option<Problem> {
    let fail = |message: String, help: &str| {
        Some(
            Problem::error(message)
                .at(logo.at.clone())
                .field("issuer.logo")
                .help(help.to_owned()),
        )
    };
    let given = Path::new(&logo.value);
    let ext = given
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg" | "svg")) {
        return fail(
            format!("the logo `{}` is not a PNG, JPEG or SVG file", logo.value),
            "give an image file: `logo.png`, `logo.svg`",
        );
    }
    let inside = given.is_relative()
        && !given
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    let path = dir.join(given);
    let real = path.canonicalize().ok();
    let root = dir.canonicalize().ok();
    if !inside
        || real
            .as_ref()
            .zip(root.as_ref())
            .is_some_and(|(r, d)| !r.starts_with(d))
    {
        return fail(
            format!("the logo `{}` is outside the fact base folder", logo.value),
            "put the image in the fact base folder and give its path from there, e.g. `logo.png`",
        );
    }
    match std::fs::metadata(&path) {
        Ok(m) if !m.is_file() => fail(
            format!("the logo `{}` is not a file", logo.value),
            "give the path of an image file in the fact base folder",
        ),
        Ok(m) if m.len() > MAX_LOGO_BYTES => fail(
            format!("the logo `{}` is larger than 8 MB", logo.value),
            "use a smaller image: a logo prints a few centimetres wide",
        ),
        Ok(_) => None,
        Err(_) => fail(
            format!(
                "there is no logo file `{}` in the fact base folder",
                logo.value
            ),
            "put the image in the fact base folder, or correct the path",
        ),
    }
}

/// Warns about bidirectional control characters in the values of a file (written as they
/// are or as `\u202E` escapes): they can make printed text read differently from the data
/// (briefings keep them inside their own value, but they are almost never intended).
fn bidi_warnings(file: &Arc<SourceText>, node: &yaml::Node, problems: &mut Vec<Problem>) {
    fn walk(
        file: &Arc<SourceText>,
        node: &yaml::Node,
        problems: &mut Vec<Problem>,
        shown: &mut usize,
    ) {
        match &node.value {
            yaml::Value::Str(s) => {
                if let Some(c) = s
                    .chars()
                    .find(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
                    && *shown < 20
                {
                    *shown += 1;
                    problems.push(
                        Problem::warning(format!(
                            "a bidirectional control character ({}) is in this text",
                            c.escape_unicode()
                        ))
                        .at(Location {
                            file: file.clone(),
                            range: node.span.clone(),
                        })
                        .help("it can make the printed text read in another order than the data: remove it unless the text needs it"),
                    );
                }
            }
            yaml::Value::Seq(items) => items.iter().for_each(|n| walk(file, n, problems, shown)),
            yaml::Value::Map(entries) => entries
                .iter()
                .for_each(|(_, n)| walk(file, n, problems, shown)),
            _ => {}
        }
    }
    walk(file, node, problems, &mut 0);
}

/// Orders problems by file and position; problems without a file come first.
pub fn sort_problems(problems: &mut [Problem]) {
    problems.sort_by(|a, b| {
        let key = |p: &Problem| {
            p.at.as_ref()
                .map(|at| (at.file.name.clone(), at.range.start))
        };
        key(a).cmp(&key(b))
    });
}
