//! The fact base: load and validate a folder of YAML files into a [`FactBase`].
//!
//! In: a folder laid out as `../shared/design/DATA.md` describes (each collection one
//! `NAME.yaml` file or a `NAME/` folder of `*.yaml` files). Out: a [`FactBase`] in which every
//! id is unique, every reference resolves, every date parses and every fact is cited — or
//! [`Problems`] listing every defect found, each with file, line, column and field.
//!
//! Reading the records is in [`read`]; checks across records are in [`validate`].

mod excerpts;
mod query;
mod read;
mod validate;

pub use excerpts::verify_excerpts;
pub use read::{EVENT_KINDS, collection as read_collection, issuer as read_issuer, language_parts};

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Location, Problem, Problems, SourceText, did_you_mean};
use crate::yaml::{self, Extra, Located};

/// A reference to another record by id, with where it was written.
pub type Ref = Located<String>;

/// The collections of a fact base, in the order they are loaded.
pub const COLLECTIONS: [&str; 7] = [
    "sources",
    "countries",
    "organizations",
    "people",
    "processes",
    "events",
    "initiatives",
];

/// A loaded, validated fact base.
#[derive(Debug, Default)]
pub struct FactBase {
    pub sources: Vec<SourceDoc>,
    pub countries: Vec<Country>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    pub processes: Vec<Process>,
    pub events: Vec<Event>,
    /// National positions and initiatives (a collection beyond DATA.md v1).
    pub initiatives: Vec<Initiative>,
    /// Who issues the briefings made from this fact base (`issuer.yaml`, optional).
    pub issuer: Option<Issuer>,
    index: Index,
}

/// The office that issues briefings from a fact base, printed in the title block and
/// recorded as the PDF's author.
#[derive(Debug, Clone)]
pub struct Issuer {
    pub office: String,
    /// The language of the briefings (BCP 47), `en` when absent.
    pub language: Option<String>,
}

/// The optional file naming the issuing office.
pub const ISSUER_FILE: &str = "issuer.yaml";

/// Positions of records by id, per collection.
#[derive(Debug, Default)]
struct Index {
    sources: HashMap<String, usize>,
    countries: HashMap<String, usize>,
    organizations: HashMap<String, usize>,
    people: HashMap<String, usize>,
    processes: HashMap<String, usize>,
    events: HashMap<String, usize>,
}

/// A date known to the year, the month or the day (`2018`, `2018-05`, `2018-05-03`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl FuzzyDate {
    /// Stands in for a date that failed to read (the fact base is invalid then anyway).
    pub const UNKNOWN: Self = Self {
        year: 0,
        month: None,
        day: None,
    };

    /// Parses an ISO 8601 calendar date of one of the three precisions.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year_text = parts.next()?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year_text.parse().ok()?;
        let mut number = |max: u32| -> Option<Option<u32>> {
            match parts.next() {
                None => Some(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let n: u32 = p.parse().ok()?;
                    (1..=max).contains(&n).then_some(Some(n))
                }
                Some(_) => None,
            }
        };
        let month = number(12)?;
        let day = match month {
            Some(_) => number(31)?,
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        if let (Some(m), Some(d)) = (month, day) {
            chrono::NaiveDate::from_ymd_opt(year, m, d)?;
        }
        Some(Self { year, month, day })
    }

    /// The first day the date could mean, for ordering and comparisons.
    fn earliest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(m: u32) -> &'static str {
    MONTHS[(m as usize).clamp(1, 12) - 1]
}

impl FuzzyDate {
    /// As a reader writes it: `4 November 2024`, `May 2018`, `2018`.
    pub fn text(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(day)) => format!("{day} {} {}", month_name(m), self.year),
            (Some(m), None) => format!("{} {}", month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// A span from this date to `end`: `4–5 November 2024`, `30 April – 2 May 2018`,
    /// `30 December 2018 – 2 January 2019`; one date when they are equal.
    pub fn range_text(&self, end: &FuzzyDate) -> String {
        if self == end {
            return self.text();
        }
        match (self.month, self.day, end.month, end.day) {
            (Some(m1), Some(d1), Some(m2), Some(d2)) if self.year == end.year => {
                if m1 == m2 {
                    format!("{d1}–{d2} {} {}", month_name(m1), self.year)
                } else {
                    format!(
                        "{d1} {} – {d2} {} {}",
                        month_name(m1),
                        month_name(m2),
                        self.year
                    )
                }
            }
            (Some(m1), None, Some(m2), None) if self.year == end.year => {
                format!("{}–{} {}", month_name(m1), month_name(m2), self.year)
            }
            _ => format!("{} – {}", self.text(), end.text()),
        }
    }
}

impl Ord for FuzzyDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.earliest().cmp(&other.earliest())
    }
}

impl PartialOrd for FuzzyDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// A citation: the source a fact comes from, optionally with a verbatim excerpt.
#[derive(Debug, Clone)]
pub struct Citation {
    pub source: Ref,
    pub excerpt: Option<Located<String>>,
}

/// A document facts are taken from.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub title: String,
    pub publisher: String,
    pub published: FuzzyDate,
    pub kind: String,
    pub language: Option<String>,
    pub url: Option<Located<String>>,
    pub file: Option<Located<String>>,
    /// A curator's note on the source, e.g. a second date it gives (optional, beyond DATA.md v1).
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Country {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub name: String,
    pub official_name: Option<String>,
    pub region: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub parent: Option<Ref>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Person {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub name: String,
    pub positions: Vec<Position>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Position {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub title: String,
    pub party: Ref,
    pub from: Option<FuzzyDate>,
    pub until: Option<FuzzyDate>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Process {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub name: String,
    pub summary: Option<String>,
    pub launched: Option<FuzzyDate>,
    pub initiator: Option<Ref>,
    pub themes: Vec<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Event {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub title: String,
    pub short_title: Option<String>,
    pub kind: String,
    pub process: Option<Ref>,
    pub sequence: Option<u64>,
    pub parent: Option<Ref>,
    pub start: Located<FuzzyDate>,
    pub end: Option<Located<FuzzyDate>>,
    pub location: Option<Place>,
    pub hosts: Vec<Ref>,
    pub organizers: Vec<Ref>,
    pub funders: Vec<Ref>,
    pub topics: Vec<String>,
    /// Regions the event brought in (an optional field beyond DATA.md v1).
    pub regions: Vec<String>,
    pub figures: Vec<Figure>,
    pub participants: Vec<Participation>,
    pub statements: Vec<Statement>,
    /// What was discussed or agreed, in the curator's words (optional, beyond DATA.md v1).
    pub discussions: Vec<Discussion>,
    pub outcomes: Vec<Outcome>,
    pub claims: Vec<Claim>,
    /// A curator's note qualifying the event record, e.g. that its date is the date of the
    /// report or that it was announced, not reported (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub city: Option<String>,
    pub country: Option<Ref>,
}

#[derive(Debug, Clone)]
pub struct Figure {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub measure: String,
    /// How to print the measure (optional, beyond DATA.md v1): `UN entities`.
    pub label: Option<String>,
    pub value: u64,
    pub qualifier: Option<String>,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Participation {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub party: Ref,
    pub role: String,
    pub head: Option<Ref>,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Statement {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub speaker: Ref,
    pub on_behalf_of: Option<Ref>,
    pub kind: String,
    pub text: String,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

/// A point the sources report about an event's discussions, without a single speaker.
#[derive(Debug, Clone)]
pub struct Discussion {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub text: String,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub title: String,
    pub kind: Option<String>,
    /// A curator's note qualifying the fact (optional, beyond DATA.md v1).
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

#[derive(Debug, Clone)]
pub struct Claim {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub field: String,
    pub value: String,
    pub note: Option<String>,
    pub sources: Vec<Citation>,
}

impl Event {
    /// The short title where there is one, else the title.
    pub fn label(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The last day: `end`, or `start` when absent.
    pub fn end_date(&self) -> FuzzyDate {
        self.end.as_ref().map_or(self.start.value, |d| d.value)
    }
}

/// A position or initiative of a party: a strategy, a proposal, a stated position.
#[derive(Debug, Clone)]
pub struct Initiative {
    /// The curator's own fields (`extra:`), passed to templates untouched.
    pub extra: Extra,
    pub id: Ref,
    pub party: Ref,
    pub kind: String,
    pub title: String,
    pub summary: Option<String>,
    pub from: Option<FuzzyDate>,
    pub until: Option<FuzzyDate>,
    /// The event at which the sources say it was stated.
    pub event: Option<Ref>,
    pub sources: Vec<Citation>,
}

/// A party: a country or an organization.
#[derive(Debug, Clone, Copy)]
pub enum Party<'a> {
    Country(&'a Country),
    Organization(&'a Organization),
}

impl FactBase {
    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    pub fn country(&self, id: &str) -> Option<&Country> {
        self.index.countries.get(id).map(|&i| &self.countries[i])
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.index
            .organizations
            .get(id)
            .map(|&i| &self.organizations[i])
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.index.people.get(id).map(|&i| &self.people[i])
    }

    pub fn process(&self, id: &str) -> Option<&Process> {
        self.index.processes.get(id).map(|&i| &self.processes[i])
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index.events.get(id).map(|&i| &self.events[i])
    }

    pub fn party(&self, id: &str) -> Option<Party<'_>> {
        self.country(id)
            .map(Party::Country)
            .or_else(|| self.organization(id).map(Party::Organization))
    }

    /// Every citation in the fact base, in collection order.
    pub fn citations(&self) -> Vec<&Citation> {
        let mut out: Vec<&Citation> = Vec::new();
        out.extend(self.countries.iter().flat_map(|r| &r.sources));
        out.extend(self.organizations.iter().flat_map(|r| &r.sources));
        for p in &self.people {
            out.extend(p.positions.iter().flat_map(|pos| &pos.sources));
            out.extend(&p.sources);
        }
        out.extend(self.processes.iter().flat_map(|r| &r.sources));
        for e in &self.events {
            out.extend(e.figures.iter().flat_map(|f| &f.sources));
            out.extend(e.participants.iter().flat_map(|f| &f.sources));
            out.extend(e.statements.iter().flat_map(|f| &f.sources));
            out.extend(e.discussions.iter().flat_map(|f| &f.sources));
            out.extend(e.outcomes.iter().flat_map(|f| &f.sources));
            out.extend(e.claims.iter().flat_map(|f| &f.sources));
            out.extend(&e.sources);
        }
        out.extend(self.initiatives.iter().flat_map(|r| &r.sources));
        out
    }

    fn build_index(&mut self) {
        fn positions<T>(records: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
            let mut map = HashMap::new();
            for (i, r) in records.iter().enumerate() {
                map.entry(id(r).to_owned()).or_insert(i);
            }
            map
        }
        self.index = Index {
            sources: positions(&self.sources, |r| &r.id.value),
            countries: positions(&self.countries, |r| &r.id.value),
            organizations: positions(&self.organizations, |r| &r.id.value),
            people: positions(&self.people, |r| &r.id.value),
            processes: positions(&self.processes, |r| &r.id.value),
            events: positions(&self.events, |r| &r.id.value),
        };
    }
}

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
    }
    base.build_index();
    validate::check(&base, &unreadable, &mut problems);
    sort_problems(&mut problems);
    (base, problems)
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

/// Finds the files of each collection, reporting unknown files and ambiguous layouts.
fn collection_files(
    dir: &Path,
    problems: &mut Vec<Problem>,
) -> Option<Vec<(&'static str, Vec<PathBuf>)>> {
    let shown = dir.display();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let what = if err.kind() == std::io::ErrorKind::NotFound {
                "does not exist".to_owned()
            } else {
                format!("cannot be read ({err})")
            };
            problems.push(
                Problem::error(format!("the fact base folder `{shown}` {what}"))
                    .help("run from the project root, or pass the folder with `--data DIR`"),
            );
            return None;
        }
    };
    let mut names: Vec<(String, PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            let path = e.path();
            let is_dir = path.is_dir();
            (e.file_name().to_string_lossy().into_owned(), path, is_dir)
        })
        .filter(|(name, _, _)| !name.starts_with('.'))
        .collect();
    names.sort();

    let mut out = Vec::new();
    for collection in COLLECTIONS {
        let file = dir.join(format!("{collection}.yaml"));
        let folder = dir.join(collection);
        let mut paths = Vec::new();
        // Anything by that name is read (and refused if it is not a regular file inside).
        if std::fs::symlink_metadata(&file).is_ok_and(|m| !m.is_dir()) {
            paths.push(file.clone());
        }
        if folder.is_dir() {
            if !paths.is_empty() {
                problems.push(
                    Problem::error(format!(
                        "collection `{collection}` is given twice: `{}` and `{}/`",
                        file.display(),
                        folder.display()
                    ))
                    .help("keep either the single file or the folder, not both"),
                );
                continue;
            }
            match yaml_files_in(&folder) {
                Ok(files) => paths.extend(files),
                Err(err) => problems.push(Problem::error(format!(
                    "cannot read folder `{}` ({err})",
                    folder.display()
                ))),
            }
        }
        out.push((collection, paths));
    }

    // Anything else in the folder is most likely a misnamed collection.
    for (name, path, is_dir) in &names {
        let stem = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name);
        let is_yaml = *is_dir || name.ends_with(".yaml") || name.ends_with(".yml");
        let known = COLLECTIONS.contains(&stem) && (*is_dir || name.ends_with(".yaml"));
        if !is_yaml || known || (name == ISSUER_FILE && !*is_dir) {
            continue;
        }
        let mut problem = Problem::error(format!(
            "`{}` is not a collection of the fact base",
            path.display()
        ));
        match did_you_mean(stem, COLLECTIONS) {
            Some(s) if *is_dir => problem = problem.help(format!("did you mean `{s}/`?")),
            Some(s) => problem = problem.help(format!("did you mean `{s}.yaml`?")),
            None => {}
        }
        problems.push(problem.help(format!(
            "collections are: {} (each `NAME.yaml` or a folder `NAME/` of `*.yaml` files)",
            COLLECTIONS.join(", ")
        )));
    }
    Some(out)
}

fn yaml_files_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir())
                && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The largest file brief reads (a fact-base file or a source text).
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// Opens `path` for reading only if it is a regular file inside `root` once symlinks are
/// resolved, and no larger than [`MAX_FILE_BYTES`]; otherwise says why. Nothing that is not
/// a regular file (a FIFO, a device, `/proc`) is ever opened.
pub fn open_inside(path: &Path, root: &Path) -> Result<std::fs::File, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot open `{}` ({e})", root.display()))?;
    let real = path
        .canonicalize()
        .map_err(|e| format!("cannot read `{}` ({e})", path.display()))?;
    if !real.starts_with(&root) {
        return Err(format!(
            "`{}` leads outside `{}` (a symlink?): brief reads only files inside it",
            path.display(),
            root.display()
        ));
    }
    let meta =
        std::fs::metadata(&real).map_err(|e| format!("cannot read `{}` ({e})", path.display()))?;
    if !meta.is_file() {
        return Err(format!(
            "`{}` is not a regular file (a folder, a pipe or a device): brief reads only regular files",
            path.display()
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "`{}` is larger than brief reads ({} MB, limit {} MB): split it into several files",
            path.display(),
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        ));
    }
    std::fs::File::open(&real).map_err(|e| format!("cannot read `{}` ({e})", path.display()))
}

/// Reads at most [`MAX_FILE_BYTES`] of an open file.
pub fn read_capped(file: std::fs::File) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A parsed file (or `None` when it could not be read or parsed) and its problems.
type Parsed = (Option<(Arc<SourceText>, yaml::Node)>, Vec<Problem>);

/// Reads and parses `paths`, in order: on one thread per core when there are enough files to
/// share (spare threads would only contend with Typst's warm-up), else on this thread.
fn parse_files(paths: &[&PathBuf], root: &Path) -> Vec<Parsed> {
    const FILES_PER_THREAD: usize = 16;
    let parse = |path: &Path| -> Parsed {
        let mut problems = Vec::new();
        let parsed =
            read_file(path, root, &mut problems).and_then(|file| match yaml::parse(&file) {
                Ok(node) => Some((file, node)),
                Err(problem) => {
                    problems.push(*problem);
                    None
                }
            });
        (parsed, problems)
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(paths.len() / FILES_PER_THREAD);
    if threads <= 1 {
        return paths.iter().map(|p| parse(p)).collect();
    }
    let mut slots: Vec<Option<Parsed>> = paths.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|first| {
                let parse = &parse;
                std::thread::Builder::new()
                    .stack_size(crate::STACK_SIZE)
                    .spawn_scoped(scope, move || {
                        (first..paths.len())
                            .step_by(threads)
                            .map(|i| (i, parse(paths[i])))
                            .collect::<Vec<_>>()
                    })
            })
            .collect();
        for handle in handles.into_iter().flatten() {
            if let Ok(done) = handle.join() {
                for (i, result) in done {
                    slots[i] = Some(result);
                }
            }
        }
    });
    // A file no thread parsed (a thread that could not start) is parsed here.
    slots
        .into_iter()
        .zip(paths)
        .map(|(slot, path)| slot.unwrap_or_else(|| parse(path)))
        .collect()
}

fn read_file(path: &Path, root: &Path, problems: &mut Vec<Problem>) -> Option<Arc<SourceText>> {
    let name = path.display().to_string();
    let file = match open_inside(path, root) {
        Ok(file) => file,
        Err(why) => {
            problems.push(Problem::error(why).help("the fact base holds regular YAML files only"));
            return None;
        }
    };
    match read_capped(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Some(SourceText::new(name, text)),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                problems.push(
                    Problem::error("this file is not valid UTF-8")
                        .at(Location {
                            file: SourceText::new(name, text),
                            range: offset..offset + 1,
                        })
                        .help("save the file as UTF-8"),
                );
                None
            }
        },
        Err(err) => {
            problems.push(Problem::error(format!("cannot read `{name}` ({err})")));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    /// Many files are parsed on several threads: every file's result comes back in the
    /// given order, with its own problems, whatever thread parsed it.
    #[test]
    fn files_parsed_on_threads_come_back_in_order_with_their_problems() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for i in 0..70 {
            let path = dir.path().join(format!("f{i:02}.yaml"));
            let text = if i % 23 == 5 {
                format!("- id: e{i}\n  title: [unclosed\n")
            } else {
                format!("- id: e{i}\n  title: Event {i}\n")
            };
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let refs: Vec<&PathBuf> = paths.iter().collect();
        let parsed = super::parse_files(&refs, dir.path());
        assert_eq!(parsed.len(), 70);
        for (i, ((node, problems), path)) in parsed.iter().zip(&paths).enumerate() {
            if i % 23 == 5 {
                assert!(node.is_none(), "f{i:02}");
                assert_eq!(problems.len(), 1, "f{i:02}: {problems:?}");
                let shown = problems[0].render();
                assert!(shown.contains(&format!("f{i:02}.yaml")), "{shown}");
            } else {
                let (file, node) = node.as_ref().expect("parsed");
                assert_eq!(file.name, path.display().to_string());
                assert!(problems.is_empty());
                assert!(node.to_json().to_string().contains(&format!("Event {i}")));
            }
        }
    }

    use super::*;

    #[test]
    fn dates_print_as_a_reader_writes_them() {
        let d = |s| FuzzyDate::parse(s).unwrap();
        assert_eq!(d("2024-11-04").text(), "4 November 2024");
        assert_eq!(d("2018-05").text(), "May 2018");
        assert_eq!(d("2018").text(), "2018");
        let range = |a, b| d(a).range_text(&d(b));
        assert_eq!(range("2024-11-04", "2024-11-05"), "4–5 November 2024");
        assert_eq!(range("2018-04-30", "2018-05-02"), "30 April – 2 May 2018");
        assert_eq!(
            range("2018-12-30", "2019-01-02"),
            "30 December 2018 – 2 January 2019"
        );
        assert_eq!(range("2022-10-18", "2022-10-18"), "18 October 2022");
    }

    #[test]
    fn fuzzy_dates_parse_three_precisions() {
        let d = FuzzyDate::parse("2024-11-04").unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, Some(11), Some(4)));
        assert_eq!(FuzzyDate::parse("2018-05").unwrap().day, None);
        assert_eq!(FuzzyDate::parse("2018").unwrap().month, None);
        assert_eq!(FuzzyDate::parse("2018").unwrap().to_string(), "2018");
        for bad in [
            "2024-02-30",
            "2024-13",
            "24-11-04",
            "2024/11/04",
            "2024-1-4",
            "",
            "2024-11-04-1",
        ] {
            assert!(FuzzyDate::parse(bad).is_none(), "{bad} should not parse");
        }
    }

    #[test]
    fn fuzzy_dates_order_by_earliest_day() {
        let a = FuzzyDate::parse("2018").unwrap();
        let b = FuzzyDate::parse("2018-05").unwrap();
        let c = FuzzyDate::parse("2018-05-03").unwrap();
        assert!(a < b && b < c);
    }
}
