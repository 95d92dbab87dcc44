//! Words: every word a briefing prints comes from a catalog of its language, in Project
//! Fluent's format (`.ftl`, with plural and select forms), and every date, number and list
//! is written by the rules of the language (ICU4X, [`format`]).
//!
//! Built-in catalogs are compiled into the binary (`templates/words/en.ftl`, `ru.ftl`, …); a
//! project overrides single messages, or adds a language, with files of the same names in
//! its `templates/words/` folder. For a tag such as `en-US` the catalog is `en.ftl` with
//! `en-US.ftl` over it (the built-in one, then the project's). A message a catalog lacks is
//! taken from English and remembered, for `brief check --lang` to list.
//!
//! Plain `en` follows British usage (`4 November 2024`, organised), as the UN does; `en-US`
//! American.

pub mod format;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_locale_core::Locale;

use crate::diag::{Location, Problem, Problems, SourceText};
use crate::facts::FuzzyDate;

pub use format::Formats;

/// The catalogs built into brief: file name → text.
pub const BUILTIN_CATALOGS: &[(&str, &str)] = &[
    ("en.ftl", include_str!("../../templates/words/en.ftl")),
    ("en-US.ftl", include_str!("../../templates/words/en-US.ftl")),
    ("ru.ftl", include_str!("../../templates/words/ru.ftl")),
    ("fr.ftl", include_str!("../../templates/words/fr.ftl")),
    ("ar.ftl", include_str!("../../templates/words/ar.ftl")),
];

/// The folder of catalogs inside a templates folder.
pub const WORDS_DIR: &str = "words";

/// The largest catalog file brief reads.
const MAX_CATALOG_BYTES: u64 = 4 << 20;

/// Languages written right to left.
const RTL: &[&str] = &["ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"];

/// A language tag checked, with the parts brief uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// As given, normalised (`ar-KW-u-nu-latn`).
    pub text: String,
    /// The language subtag, for Typst and the catalog file (`ar`).
    pub lang: String,
    /// The region subtag, if any (`KW`).
    pub region: Option<String>,
    locale: Locale,
}

impl Tag {
    /// Reads a BCP 47 language tag (`en`, `en-US`, `ru`, `ar-KW`, `ar-u-nu-latn`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let locale = Locale::try_from_str(text.trim()).map_err(|_| {
            format!(
                "`{text}` is not a language tag (BCP 47, such as `en`, `en-US`, `ru`, `fr`, `ar`)"
            )
        })?;
        let lang = locale.id.language.as_str().to_owned();
        if lang == "und" {
            return Err(format!("`{text}` names no language"));
        }
        // BCP 47 allows languages of 5 to 8 letters too; none is in use, and Typst takes two
        // or three (`english` is a word, not a language).
        if !(2..=3).contains(&lang.len()) {
            return Err(format!(
                "`{text}` is not a language tag: a language is two or three letters (`en`, `ru`, `ar`)"
            ));
        }
        let region = locale.id.region.map(|r| r.as_str().to_owned());
        Ok(Self {
            text: locale.to_string(),
            lang,
            region,
            locale,
        })
    }

    /// The tag in a file name: `en-US` for `en-US.ftl`.
    pub fn with_region(&self) -> Option<String> {
        self.region.as_ref().map(|r| format!("{}-{r}", self.lang))
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        RTL.contains(&self.lang.as_str())
    }

    /// The locale dates and numbers follow: plain `en` as `en-GB`.
    fn formatting_locale(&self) -> Locale {
        if self.lang == "en" && self.region.is_none() {
            let mut locale = self.locale.clone();
            locale.id.region = "GB".parse().ok();
            return locale;
        }
        self.locale.clone()
    }
}

/// An argument of a message: a number (which selects plural forms) or a text.
#[derive(Debug, Clone)]
pub enum Arg {
    Number(f64),
    Text(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}

type Bundle = FluentBundle<FluentResource>;

/// The words of one language: its catalog (with English behind it) and its formats.
pub struct Words {
    pub tag: Tag,
    bundle: Bundle,
    /// English, for messages the catalog lacks (none when the language is English).
    english: Option<Bundle>,
    /// The message ids of the language's own catalogs.
    ids: BTreeSet<String>,
    /// The message ids of English (empty for English itself).
    english_ids: BTreeSet<String>,
    formats: Formats,
    /// Messages asked for that the language's catalog lacks.
    missing: Mutex<BTreeSet<String>>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words").field("tag", &self.tag).finish()
    }
}

/// One catalog file: where it comes from and its text.
struct CatalogFile {
    shown: String,
    text: String,
}

/// Numbers in Arabic-Indic digits (`٤`), for catalogs of locales that write them.
fn arabic_indic(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    shift_digits(value, '\u{660}')
}

/// Numbers in Eastern Arabic-Indic digits (`۴`), as Persian and Urdu write them.
fn eastern_arabic_indic(
    value: &FluentValue,
    _: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    shift_digits(value, '\u{6F0}')
}

fn shift_digits(value: &FluentValue, zero: char) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    Some(
        n.as_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(zero as u32 + d).unwrap_or(c),
                None if c == '.' => '\u{66B}',
                None => c,
            })
            .collect(),
    )
}

impl Words {
    /// A message, formatted with `args`; from English when the language's catalog lacks it
    /// (remembered, see [`Words::missing`]); `None` when no catalog has it.
    pub fn message(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
                Arg::Text(t) => fluent.set(*name, FluentValue::from(t.as_str())),
            }
        }
        if let Some(text) = format_in(&self.bundle, id, &fluent) {
            return Some(text);
        }
        let english = self.english.as_ref()?;
        let text = format_in(english, id, &fluent)?;
        self.missing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id.to_owned());
        Some(text)
    }

    /// A message the catalogs must have (the built-in English one has every message the
    /// code asks for): the id itself if none has it.
    pub fn get(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.message(id, args).unwrap_or_else(|| id.to_owned())
    }

    /// The messages English has that the language's own catalogs (built-in and the
    /// project's) lack: a briefing prints them in English.
    pub fn lacking(&self) -> Vec<String> {
        // (English itself has no English behind it: `english_ids` is empty.)
        self.english_ids.difference(&self.ids).cloned().collect()
    }

    /// Messages asked for so far that the language's own catalog lacks.
    pub fn missing(&self) -> Vec<String> {
        self.missing
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// The word for a value of a vocabulary (`kind`, `role`, `assessment`, …): the message
    /// `GROUP-VALUE` when a catalog has it, else the value with `-`/`_` as spaces.
    pub fn term(&self, group: &str, value: &str) -> String {
        self.message(&format!("{group}-{value}"), &[])
            .unwrap_or_else(|| crate::facts::humanize(value))
    }

    /// A date of any precision as the language writes it.
    pub fn date(&self, d: &FuzzyDate) -> String {
        self.formats.date(format::Ymd {
            year: d.year,
            month: d.month,
            day: d.day,
        })
    }

    /// A calendar day as the language writes it.
    pub fn day(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.date(&FuzzyDate {
            year: d.year(),
            month: Some(d.month()),
            day: Some(d.day()),
        })
    }

    /// A span of dates: `4–5 November 2024`, `30 April – 2 May 2018`, `May–June 2018`; one
    /// date when they are equal. The shapes are catalog messages (`date-range-…`).
    pub fn range(&self, start: &FuzzyDate, end: &FuzzyDate) -> String {
        if start == end {
            return self.date(start);
        }
        // A date that contains the other (`November 2024` and `5 November 2024`): the span
        // is the coarser one.
        let covers = |a: &FuzzyDate, b: &FuzzyDate| {
            a.year == b.year && (a.month.is_none() || (a.month == b.month && a.day.is_none()))
        };
        if covers(start, end) {
            return self.date(start);
        }
        if covers(end, start) {
            return self.date(end);
        }
        let last = self.date(end);
        let (id, first) = match (start.month, start.day, end.month, end.day) {
            (Some(m1), Some(d1), Some(m2), Some(_)) if start.year == end.year => {
                if m1 == m2 {
                    ("date-range-same-month", self.number(i64::from(d1)))
                } else {
                    (
                        "date-range-same-year",
                        self.formats.day_month(start.year, m1, d1),
                    )
                }
            }
            (Some(m1), None, Some(_), None) if start.year == end.year => {
                ("date-range-months", self.formats.month(start.year, m1))
            }
            _ => ("date-range", self.date(start)),
        };
        self.get(id, &[("first", first.into()), ("last", last.into())])
    }

    /// A whole number with the language's digits and grouping.
    pub fn number(&self, n: i64) -> String {
        self.formats.number(n)
    }

    /// A number without grouping (a year: `2024`), in the language's digits.
    pub fn number_plain(&self, n: i32) -> String {
        n.to_string()
            .chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => self.formats.digits[d as usize],
                None => c,
            })
            .collect()
    }

    /// A number written in a fact (`2.5`, `150`) with the language's digits and
    /// separators; the text as it is when it is not a plain number.
    pub fn figure(&self, text: &str) -> String {
        self.formats
            .decimal(text)
            .unwrap_or_else(|| text.to_owned())
    }

    /// The separator of a list of names, as the language writes it: `, ` (Arabic `، `).
    pub fn comma(&self) -> String {
        format!("{} ", self.get("label-comma", &[]))
    }

    /// The separator of a list of phrases: `; ` (French with a narrow no-break space before
    /// it, Arabic `؛ `).
    pub fn semicolon(&self) -> String {
        format!("{} ", self.get("label-semicolon", &[]))
    }

    /// `text` with its straight double quotes (`"…"`) as the language's quotation marks
    /// (`“…”`, `«…»`, French `« … »`); an unpaired one stays as it is.
    pub fn quotes<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let count = text.matches('"').count();
        if count < 2 {
            return std::borrow::Cow::Borrowed(text);
        }
        let (open, close) = (self.get("quote-open", &[]), self.get("quote-close", &[]));
        let mut out = String::with_capacity(text.len() + 8);
        let mut seen = 0;
        let pairs = count - count % 2;
        for c in text.chars() {
            if c == '"' && seen < pairs {
                out.push_str(if seen % 2 == 0 { &open } else { &close });
                seen += 1;
            } else {
                out.push(c);
            }
        }
        std::borrow::Cow::Owned(out)
    }

    /// A figure's label: the language's own word for the measure (`measure-ID` in its
    /// catalog) in a briefing not in English, else the curator's label, else the measure's
    /// id in words.
    pub fn measure(&self, measure: &str, label: Option<&str>) -> String {
        let own = format!("measure-{measure}");
        if self.tag.lang != "en" && self.ids.contains(&own) {
            return self.get(&own, &[]);
        }
        label
            .map(str::to_owned)
            .unwrap_or_else(|| self.term("measure", measure))
    }

    /// A figure as a sentence part: its value with its qualifier and its label (`over 500
    /// participants`; Russian `участники: более 500`).
    pub fn figure_with_label(&self, figure: &crate::facts::Figure) -> String {
        self.get(
            "figure-with-label",
            &[
                (
                    "quantity",
                    self.quantity(figure.qualifier.as_deref(), figure.value)
                        .into(),
                ),
                (
                    "label",
                    self.measure(&figure.measure, figure.label.as_deref())
                        .into(),
                ),
            ],
        )
    }

    /// A figure's value with its qualifier: `over 500`, `12,500`.
    pub fn quantity(&self, qualifier: Option<&str>, value: impl std::fmt::Display) -> String {
        let value = self.figure(&value.to_string());
        match qualifier {
            Some(q) => self.get(
                "figure-qualified",
                &[("qualifier", q.into()), ("value", value.into())],
            ),
            None => value,
        }
    }

    /// `A, B and C`.
    pub fn and_list(&self, items: &[String]) -> String {
        self.formats.and_list(items)
    }

    /// Compares names as the language sorts them.
    pub fn compare(&self, a: &str, b: &str) -> std::cmp::Ordering {
        self.formats.compare(a, b)
    }

    /// [`Words::typst_words`] as the bytes Typst receives (`sys.inputs.brief-words`).
    pub fn typst_input(&self) -> Vec<u8> {
        serde_json::to_vec(&self.typst_words()).expect("words serialise")
    }

    /// What Typst receives: every `label-…` message (without the prefix), resolved, with
    /// `{$name}` left where a message takes an argument; the separators of lists
    /// (`list-pair`, `list-start`, `list-middle`, `list-end`); the digits; the language.
    pub fn typst_words(&self) -> serde_json::Value {
        let mut out = serde_json::Map::new();
        for id in self.ids.union(&self.english_ids) {
            if let Some(key) = id.strip_prefix("label-") {
                // Not remembered as missing: Typst receives every label, prints a few.
                let text = format_in(&self.bundle, id, &FluentArgs::new())
                    .or_else(|| {
                        (self.english.as_ref()).and_then(|en| format_in(en, id, &FluentArgs::new()))
                    })
                    .unwrap_or_default();
                out.insert(key.to_owned(), text.into());
            }
        }
        let [pair, start, middle, end] = self.formats.and_separators();
        out.insert("list-pair".into(), pair.into());
        out.insert("list-start".into(), start.into());
        out.insert("list-middle".into(), middle.into());
        out.insert("list-end".into(), end.into());
        out.insert(
            "digits".into(),
            self.formats.digits.iter().collect::<String>().into(),
        );
        out.insert("lang".into(), self.tag.lang.clone().into());
        out.insert(
            "region".into(),
            self.tag
                .region
                .clone()
                .map_or(serde_json::Value::Null, Into::into),
        );
        out.insert("rtl".into(), self.tag.rtl().into());
        serde_json::Value::Object(out)
    }
}

/// A message of `bundle`, if it has it; argument errors leave `{$name}` in the text.
fn format_in(bundle: &Bundle, id: &str, args: &FluentArgs) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(args), &mut errors)
            .into_owned(),
    )
}

/// The catalogs of a run: the built-in ones and the project's `templates/words/`, read once
/// per language asked for.
pub struct Catalogs {
    /// The project's catalog folder, when it has one.
    dir: Option<PathBuf>,
    loaded: Mutex<HashMap<String, Arc<Words>>>,
}

impl Catalogs {
    /// Catalogs with the project's overrides in `templates_dir/words/`.
    pub fn new(templates_dir: Option<&Path>) -> Self {
        Self {
            dir: templates_dir
                .map(|d| d.join(WORDS_DIR))
                .filter(|d| d.is_dir()),
            loaded: Mutex::new(HashMap::new()),
        }
    }

    /// Only the built-in catalogs.
    pub fn builtin() -> Self {
        Self::new(None)
    }

    /// The words of the language `tag` (a BCP 47 tag).
    pub fn words(&self, tag: &str) -> Result<Arc<Words>, Problems> {
        let tag = Tag::parse(tag).map_err(|e| Problems(vec![Problem::error(e)]))?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(words) = loaded.get(&tag.text) {
            return Ok(words.clone());
        }
        let words = Arc::new(self.load(tag)?);
        loaded.insert(words.tag.text.clone(), words.clone());
        Ok(words)
    }

    /// Whether the language of `tag` has a catalog (built in or the project's).
    pub fn has_language(&self, tag: &str) -> bool {
        Tag::parse(tag).is_ok_and(|t| self.languages().contains(&t.lang))
    }

    /// The languages that have a catalog: built in, or in the project.
    pub fn languages(&self) -> Vec<String> {
        let mut names: BTreeSet<String> = BUILTIN_CATALOGS
            .iter()
            .map(|(name, _)| name.trim_end_matches(".ftl").to_owned())
            .collect();
        if let Some(dir) = &self.dir
            && let Ok(entries) = std::fs::read_dir(dir)
        {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".ftl") {
                    names.insert(stem.to_owned());
                }
            }
        }
        names.into_iter().collect()
    }

    /// The catalog files for `name` (`en`, `en-US`): the built-in one, then the project's.
    fn files(&self, name: &str) -> Result<Vec<CatalogFile>, Problems> {
        let file = format!("{name}.ftl");
        let mut out = Vec::new();
        if let Some((_, text)) = BUILTIN_CATALOGS.iter().find(|(n, _)| *n == file) {
            out.push(CatalogFile {
                shown: format!("(built-in) {file}"),
                text: (*text).to_owned(),
            });
        }
        if let Some(dir) = &self.dir {
            let path = dir.join(&file);
            if std::fs::symlink_metadata(&path).is_ok() {
                // Only a file inside the project's catalog folder (no link out of it).
                let bytes = crate::facts::read_inside_capped(&path, dir, MAX_CATALOG_BYTES)
                    .map_err(|e| Problems(vec![Problem::error(e)]))?;
                let text = String::from_utf8(bytes).map_err(|_| {
                    Problems(vec![Problem::error(format!(
                        "`{}` is not UTF-8 text",
                        path.display()
                    ))])
                })?;
                out.push(CatalogFile {
                    shown: path.display().to_string(),
                    text,
                });
            }
        }
        Ok(out)
    }

    /// A bundle of the catalogs `names` in turn, each over the one before.
    fn bundle(
        &self,
        tag: &Tag,
        names: &[String],
    ) -> Result<(Bundle, BTreeSet<String>, usize), Problems> {
        let lang: unic_langid::LanguageIdentifier = tag
            .with_region()
            .unwrap_or_else(|| tag.lang.clone())
            .parse()
            .or_else(|_| tag.lang.parse())
            .unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![lang]);
        bundle.set_use_isolating(false);
        let mut ids = BTreeSet::new();
        let mut problems = Vec::new();
        let mut count = 0;
        for name in names {
            for file in self.files(name)? {
                count += 1;
                let resource = match FluentResource::try_new(file.text.clone()) {
                    Ok(r) => r,
                    Err((_, errors)) => {
                        let source = SourceText::new(file.shown.clone(), file.text.clone());
                        for e in errors {
                            // The message the error is in (Fluent points past it, at what it expected).
                            let at = e.slice.clone().unwrap_or(e.pos.clone());
                            let range =
                                at.start.min(file.text.len())..at.start.min(file.text.len());
                            problems.push(
                                Problem::error(format!("this catalog message does not read: {}", e.kind))
                                    .at(Location {
                                        file: source.clone(),
                                        range,
                                    })
                                    .help("see https://projectfluent.org/fluent/guide/ for the format of `.ftl` files"),
                            );
                        }
                        continue;
                    }
                };
                for entry in resource.entries() {
                    if let fluent_syntax::ast::Entry::Message(m) = entry {
                        ids.insert(m.id.name.to_owned());
                    }
                }
                bundle.add_resource_overriding(resource);
            }
        }
        if !problems.is_empty() {
            return Err(Problems(problems));
        }
        Ok((bundle, ids, count))
    }

    fn load(&self, tag: Tag) -> Result<Words, Problems> {
        let formats = Formats::new(&tag.formatting_locale())
            .map_err(|e| Problems(vec![Problem::error(e)]))?;
        let mut names = vec![tag.lang.clone()];
        names.extend(tag.with_region());
        let (mut bundle, ids, count) = self.bundle(&tag, &names)?;
        if count == 0 || ids.is_empty() {
            let mut help = format!("built-in languages: {}", self.languages().join(", "));
            help.push_str(&format!(
                "; to add one, write `templates/{WORDS_DIR}/{}.ftl` (start from the English one: `brief templates --copy words`)",
                tag.lang
            ));
            return Err(Problems(vec![
                Problem::error(format!("there is no catalog of words for `{}`", tag.text))
                    .help(help),
            ]));
        }
        match formats.digits[0] {
            '\u{660}' => bundle.set_formatter(Some(arabic_indic)),
            '\u{6F0}' => bundle.set_formatter(Some(eastern_arabic_indic)),
            _ => {}
        }
        let (english, english_ids) = if tag.lang == "en" {
            (None, BTreeSet::new())
        } else {
            let en = Tag::parse("en").expect("`en` is a tag");
            let (english, english_ids, _) = self.bundle(&en, &["en".to_owned()])?;
            (Some(english), english_ids)
        };
        Ok(Words {
            tag,
            bundle,
            english,
            ids,
            english_ids,
            formats,
            missing: Mutex::new(BTreeSet::new()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tag: &str) -> Arc<Words> {
        Catalogs::builtin().words(tag).unwrap()
    }

    fn d(text: &str) -> FuzzyDate {
        FuzzyDate::parse(text).unwrap()
    }

    #[test]
    fn dates_follow_the_language() {
        assert_eq!(words("en").date(&d("2024-11-04")), "4 November 2024");
        assert_eq!(words("en-US").date(&d("2024-11-04")), "November 4, 2024");
        assert_eq!(words("en").date(&d("2018-05")), "May 2018");
        assert_eq!(words("en").date(&d("2018")), "2018");
        assert_eq!(
            words("ru").date(&d("2024-11-04")),
            "4 ноября 2024\u{202F}г."
        );
        assert_eq!(words("fr").date(&d("2024-11-04")), "4 novembre 2024");
    }

    #[test]
    fn ranges_are_written_as_short_as_they_read() {
        let en = words("en");
        assert_eq!(
            en.range(&d("2024-11-04"), &d("2024-11-05")),
            "4–5 November 2024"
        );
        assert_eq!(
            en.range(&d("2018-04-30"), &d("2018-05-02")),
            "30 April – 2 May 2018"
        );
        assert_eq!(en.range(&d("2018-05"), &d("2018-06")), "May–June 2018");
        assert_eq!(
            en.range(&d("2018-12-30"), &d("2019-01-02")),
            "30 December 2018 – 2 January 2019"
        );
        assert_eq!(
            en.range(&d("2024-11-04"), &d("2024-11-04")),
            "4 November 2024"
        );
        assert_eq!(en.range(&d("2024-11"), &d("2024-11-05")), "November 2024");
        assert_eq!(en.range(&d("2024-11-03"), &d("2024")), "2024");
        let ru = words("ru");
        assert_eq!(
            ru.range(&d("2024-11-04"), &d("2024-11-05")),
            "4–5 ноября 2024\u{202F}г."
        );
        assert_eq!(
            ru.range(&d("2018-04-30"), &d("2018-05-02")),
            "30 апреля – 2 мая 2018\u{202F}г."
        );
    }

    #[test]
    fn lists_and_numbers_follow_the_language() {
        let items = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(words("en").and_list(&items), "A, B and C");
        assert_eq!(words("en-US").and_list(&items), "A, B, and C");
        assert_eq!(words("ru").and_list(&items), "A, B и C");
        assert_eq!(words("fr").and_list(&items), "A, B et C");
        assert_eq!(words("en").number(12500), "12,500");
        assert_eq!(words("fr").number(12500), "12\u{202F}500");
        let [pair, start, middle, end] = words("en").formats.and_separators();
        assert_eq!(
            [pair.as_str(), &start, &middle, &end],
            [" and ", ", ", ", ", " and "]
        );
    }

    #[test]
    fn straight_quotes_become_the_languages_marks() {
        let text = r#"the "Dushanbe Declaration" and a 5" screen"#;
        assert_eq!(
            words("en").quotes(text),
            "the “Dushanbe Declaration” and a 5\" screen"
        );
        assert_eq!(
            words("ru").quotes(text),
            "the «Dushanbe Declaration» and a 5\" screen"
        );
        assert_eq!(
            words("fr").quotes(r#"dit "oui""#),
            "dit «\u{202F}oui\u{202F}»"
        );
        assert_eq!(words("en").quotes("no quotes"), "no quotes");
    }

    #[test]
    fn figures_are_written_with_the_languages_digits_and_separators() {
        assert_eq!(words("en").figure("12500"), "12,500");
        assert_eq!(words("fr").figure("2.5"), "2,5");
        assert_eq!(words("ar-KW").figure("120"), "١٢٠");
        assert_eq!(words("ru").quantity(Some("over"), 500), "более 500");
        // Not a plain number: as written.
        assert_eq!(words("en").figure("a few"), "a few");
    }

    #[test]
    fn names_sort_by_the_language() {
        let ru = words("ru");
        let mut names = vec!["Ёлкин", "Яковлев", "Егоров"];
        names.sort_by(|a, b| ru.compare(a, b));
        assert_eq!(names, ["Егоров", "Ёлкин", "Яковлев"]);
    }

    #[test]
    fn bad_tags_and_unknown_languages_are_refused_with_help() {
        assert!(Tag::parse("english please").is_err());
        let err = Catalogs::builtin().words("de").unwrap_err();
        let text = err.0[0].message.clone();
        assert!(text.contains("no catalog of words for `de`"), "{text}");
        assert!(
            err.0[0].help[0].contains("templates/words/de.ftl"),
            "{:?}",
            err.0[0].help
        );
    }

    #[test]
    fn a_project_overrides_single_messages_and_a_broken_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let words_dir = dir.path().join(WORDS_DIR);
        std::fs::create_dir(&words_dir).unwrap();
        std::fs::write(
            words_dir.join("en.ftl"),
            "date-range = from { $first } to { $last }\n",
        )
        .unwrap();
        let en = Catalogs::new(Some(dir.path())).words("en").unwrap();
        assert_eq!(en.range(&d("2018"), &d("2019")), "from 2018 to 2019");
        assert_eq!(en.range(&d("2018-05"), &d("2018-06")), "May–June 2018");
        std::fs::write(words_dir.join("en.ftl"), "ok = fine\n\nbroken = { $x\n").unwrap();
        let err = Catalogs::new(Some(dir.path())).words("en").unwrap_err();
        let at = err.0[0].at.as_ref().unwrap();
        assert_eq!(at.line_col().0, 3, "{}", err.0[0].message);
    }
}
