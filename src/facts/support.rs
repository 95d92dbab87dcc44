//! Support: the checks that make every note true to what it sits on — each citation's
//! `supports` names fields of its record, each field a source must support is supported,
//! each quote stands in its excerpts, and a fact cited only to sources from before its event
//! is marked announced.

use super::validate::{Checker, Kind};
use super::*;
use crate::diag::did_you_mean;
use crate::facts::fields::{CURATORS_OWN, supportable};

impl Checker<'_> {
    /// Where a citation with an excerpt says it supports an event's dates, the excerpt gives
    /// them; a figure's excerpts give its number (digits or words).
    pub(super) fn values_in_excerpts(&mut self, e: &Event) {
        let at = |field: &str| format!("events[{}].{field}", e.id.value);
        for c in &e.sources {
            let Some(excerpt) = &c.excerpt else { continue };
            // An unknown source is reported where it is cited; its date cannot be used.
            let Some(published) = self.base.source(&c.source.value).map(|s| s.published.year)
            else {
                continue;
            };
            for (field, date) in [
                ("start", Some(e.start.value)),
                ("end", e.end.as_ref().map(|d| d.value)),
            ] {
                let Some(date) = date else { continue };
                if !c.supports.iter().any(|s| s.value == field)
                    || date_in(&date, &excerpt.value, Some(published))
                {
                    continue;
                }
                self.problems.push(
                    Problem::error(format!(
                        "this excerpt is cited for `{field}` but does not give {}",
                        date.text()
                    ))
                    .at(excerpt.at.clone())
                    .field(at(field))
                    .help(format!("quote the passage that gives the date, or take `{field}` out of this citation's `supports`")),
                );
            }
        }
        for (i, f) in e.figures.iter().enumerate() {
            for c in f.sources.iter().filter(|c| c.supports("value")) {
                let Some(excerpt) = &c.excerpt else { continue };
                if number_in(f.value, &excerpt.value) {
                    continue;
                }
                self.problems.push(
                    Problem::error(format!(
                        "the excerpt cited for the figure `{}` does not give its value, {}",
                        f.measure, f.value
                    ))
                    .at(excerpt.at.clone())
                    .field(at(&format!("figures[{}].value", i + 1)))
                    .help("quote the passage with the number, in digits or in words"),
                );
            }
        }
    }

    /// Where excerpts are cited for who took part, they name them: a participation's
    /// excerpts name its party or its person, and the excerpts cited for an event's hosts,
    /// organisers or funders name each of them (as the record spells it, or one of the
    /// `variants` it lists).
    pub(super) fn names_in_excerpts(&mut self, e: &Event) {
        let base = self.base;
        let at = |field: &str| format!("events[{}].{field}", e.id.value);
        for (i, p) in e.participants.iter().enumerate() {
            let excerpts: Vec<&Located<String>> = p
                .sources
                .iter()
                .filter_map(|c| c.excerpt.as_ref())
                .collect();
            let Some(first) = excerpts.first() else {
                continue;
            };
            let mut names = base.names_of_party(&p.party.value);
            if let Some(person) = p.person.as_ref().and_then(|x| base.person(&x.value)) {
                names.extend(names_of_person(person));
            }
            if names.is_empty() || excerpts.iter().any(|x| names_one(&x.value, &names)) {
                continue;
            }
            self.problems.push(
                Problem::error(format!(
                    "the excerpts cited for the participation of `{}` do not name it{}",
                    p.party.value,
                    if p.person.is_some() { " or its person" } else { "" }
                ))
                .at(first.at.clone())
                .field(at(&format!("participants[{}].sources", i + 1)))
                .help("quote the passage that names them, or list the source's spelling under the record's `variants`"),
            );
        }
        for (field, parties) in [
            ("hosts", &e.hosts),
            ("organizers", &e.organizers),
            ("funders", &e.funders),
        ] {
            let cited: Vec<&Citation> = (e.sources.iter())
                .filter(|c| c.supports.iter().any(|s| s.value == field))
                .collect();
            // Only when every source cited for the field quotes it can its names be checked.
            if cited.is_empty() || cited.iter().any(|c| c.excerpt.is_none()) {
                continue;
            }
            let venue = e
                .location
                .as_ref()
                .and_then(|l| Some((l.country.as_ref()?, l.city.as_ref()?)));
            for party in parties {
                let mut names = base.names_of_party(&party.value);
                // "Ashgabat hosted the conference": the city of the venue names its country.
                // (An unknown party is reported where it is referred to.)
                if !names.is_empty()
                    && let Some((country, city)) = venue
                    && country.value == party.value
                {
                    names.push(city.clone());
                }
                if names.is_empty()
                    || (cited.iter())
                        .filter_map(|c| c.excerpt.as_ref())
                        .any(|x| names_one(&x.value, &names))
                {
                    continue;
                }
                let first = cited[0].excerpt.as_ref().expect("checked above");
                self.problems.push(
                    Problem::error(format!(
                        "no excerpt cited for `{field}` names `{}`",
                        party.value
                    ))
                    .at(first.at.clone())
                    .field(at(field))
                    .help("quote the passage that names it, or list the source's spelling under its record's `variants`"),
                );
            }
        }
    }

    /// Each fact of `e` cited only to sources from before it began is marked announced.
    pub(super) fn announced_facts(&mut self, e: &Event) {
        let at = |field: &str| format!("events[{}].{field}", e.id.value);
        self.announced_only(e, e.announced, &e.sources, "this event", at("status"));
        for (i, f) in e.figures.iter().enumerate() {
            let what = format!("the figure `{}`", f.measure);
            self.announced_only(
                e,
                e.announced || f.announced,
                &f.sources,
                &what,
                at(&format!("figures[{}].status", i + 1)),
            );
        }
        for (i, p) in e.participants.iter().enumerate() {
            let what = format!("the participation of `{}`", p.party.value);
            self.announced_only(
                e,
                e.announced || p.announced,
                &p.sources,
                &what,
                at(&format!("participants[{}].status", i + 1)),
            );
        }
        for (i, o) in e.outcomes.iter().enumerate() {
            let what = format!("the outcome “{}”", o.title);
            self.announced_only(
                e,
                e.announced || o.announced,
                &o.sources,
                &what,
                at(&format!("outcomes[{}].status", i + 1)),
            );
        }
    }

    /// The citations of `record` (a `what`): each names a source, quotes it when it says
    /// it does, and supports fields the record has; and each field a source must support is
    /// supported by one (else it prints without a note: a warning).
    pub(super) fn cited(&mut self, record: &impl Described, what: &str, field: String) {
        let citations = record.citations();
        let fields = record.fields();
        let names: Vec<&str> = fields
            .iter()
            .map(|(name, _)| *name)
            .filter(|name| supportable(name))
            .collect();
        for c in citations {
            for s in &c.supports {
                if names.contains(&s.value.as_str()) {
                    continue;
                }
                let mut problem = Problem::error(format!(
                    "`supports` names `{}`, which is not a field of {} {what}",
                    s.value,
                    article(what)
                ))
                .at(s.at.clone())
                .field(field.clone());
                if let Some(near) = did_you_mean(&s.value, names.iter().copied()) {
                    problem = problem.label(format!("did you mean `{near}`?"));
                }
                self.problems.push(problem.help(format!(
                    "the fields a source can support here: {}",
                    names.join(", ")
                )));
            }
        }
        if let Some(first) = citations.first()
            && citations.iter().all(|c| !c.supports.is_empty())
        {
            for (name, value) in &fields {
                if value.is_empty()
                    || CURATORS_OWN.contains(name)
                    || citations.iter().any(|c| c.supports(name))
                {
                    continue;
                }
                self.problems.push(
                    Problem::warning(format!(
                        "no source of this {what} supports its `{name}`: it prints without a note"
                    ))
                    .at(first.source.at.clone())
                    .field(field.clone())
                    .help(format!(
                        "add `{name}` to the `supports` of the source that says it, or cite one that does"
                    )),
                );
            }
        }
        for c in citations {
            self.reference(&c.source, Kind::Source, field.clone());
            if let Some(excerpt) = c.excerpt.as_ref().filter(|e| e.value.trim().is_empty()) {
                self.problems.push(
                    Problem::error("empty `excerpt`")
                        .at(excerpt.at.clone())
                        .field(field.clone())
                        .help("quote a short verbatim passage of the source, or remove `excerpt`"),
                );
            }
        }
    }

    /// A source published before an event began can only say what was to happen: a fact of
    /// the event cited to such sources alone must be marked `status: announced`.
    fn announced_only(
        &mut self,
        e: &Event,
        announced: bool,
        citations: &[Citation],
        what: &str,
        field: String,
    ) {
        let published = |c: &Citation| self.base.source(&c.source.value).map(|s| s.published);
        let all_before = !citations.is_empty()
            && citations
                .iter()
                .all(|c| published(c).is_some_and(|p| p.is_before(&e.start.value)));
        if announced || !all_before {
            return;
        }
        let first = &citations[0];
        let when = published(first).map(|p| p.text()).unwrap_or_default();
        self.problems.push(
            Problem::error(format!(
                "{what} is cited only to sources published before the event began ({when}, before {}): they can only say it was to happen",
                e.start.value.text()
            ))
            .at(first.source.at.clone())
            .field(field)
            .help("mark it `status: announced` (briefings then print it as announced), or cite a source that reports it after the event"),
        );
    }

    /// A quote prints in quotation marks, attributed to its speaker: its words must be a
    /// source's. They must stand in one of its excerpts (which `check --sources` finds in the
    /// source's text), spacing and quote styles aside.
    pub(super) fn quote(&mut self, s: &Statement, field: String) {
        let excerpts: Vec<&Located<String>> = s
            .sources
            .iter()
            .filter_map(|c| c.excerpt.as_ref())
            .collect();
        let words = super::excerpts::normalise(&s.text);
        let Some(first) = excerpts.first() else {
            self.problems.push(
                Problem::warning(
                    "this quote cannot be checked: none of its sources has an `excerpt`",
                )
                .at(s.speaker.at.clone())
                .field(field)
                .help("add the quoted passage as the `excerpt` of the source it comes from"),
            );
            return;
        };
        if excerpts
            .iter()
            .any(|e| super::excerpts::normalise(&e.value).contains(&words))
        {
            return;
        }
        self.problems.push(
            Problem::error("the words of this quote are not in any of its excerpts")
                .at(first.at.clone())
                .field(field)
                .help("a quote must be the source's words: copy them verbatim, make the excerpt the whole quoted passage, or make the statement `kind: summary`"),
        );
    }
}

/// What `check --strict` asks beyond the checks: every figure, participation and statement
/// quotes its sources (a citation without an excerpt cannot be verified, so an invented
/// fact cited to a real source would pass), and every warning is an error.
pub fn strict(base: &FactBase, problems: &mut Vec<Problem>) {
    for p in problems.iter_mut() {
        if p.severity == crate::diag::Severity::Warning {
            p.severity = crate::diag::Severity::Error;
            p.help.push("(a warning, refused under `--strict`)".into());
        }
    }
    for e in &base.events {
        // `head` says the person led the delegation: an English excerpt must say so.
        for (i, p) in e.participants.iter().enumerate() {
            if p.capacity != "led" {
                continue;
            }
            let english: Vec<&Located<String>> = (p.sources.iter())
                .filter(|c| {
                    base.source(&c.source.value)
                        .is_some_and(|s| s.language.as_deref().is_none_or(|l| l.starts_with("en")))
                })
                .filter_map(|c| c.excerpt.as_ref())
                .collect();
            let says_led = |text: &str| {
                let text = text.to_lowercase();
                ["head", "led ", "led by", "leader", "leading"]
                    .iter()
                    .any(|w| text.contains(w))
            };
            if let Some(first) = english.first()
                && !english.iter().any(|x| says_led(&x.value))
            {
                problems.push(
                    Problem::error("`head` says this person led the delegation, but no excerpt of it says so")
                        .at(first.at.clone())
                        .field(format!("events[{}].participants[{}].head", e.id.value, i + 1))
                        .help("quote the passage that says who headed the delegation; if the source only says the person spoke, write `person:` with `as: spoke`"),
                );
            }
        }
        let lists: [(&str, Vec<&[Citation]>); 3] = [
            (
                "figures",
                e.figures.iter().map(|f| f.sources.as_slice()).collect(),
            ),
            (
                "participants",
                e.participants
                    .iter()
                    .map(|p| p.sources.as_slice())
                    .collect(),
            ),
            (
                "statements",
                e.statements.iter().map(|s| s.sources.as_slice()).collect(),
            ),
        ];
        for (list, items) in lists {
            for (i, citations) in items.iter().enumerate() {
                for c in citations.iter().filter(|c| c.excerpt.is_none()) {
                    let what = &list[..list.len() - 1];
                    problems.push(
                        Problem::error(format!(
                            "under `--strict`, every {} quotes its source: this citation of `{}` has no `excerpt`",
                            if what == "participant" { "participation" } else { what },
                            c.source.value
                        ))
                        .at(c.source.at.clone())
                        .field(format!("events[{}].{list}[{}].sources", e.id.value, i + 1))
                        .help("add `excerpt:` with the passage of the source that says it (written `- id: SOURCE` with `excerpt: …`)"),
                    );
                }
            }
        }
    }
}

/// The ways a person is written: the name, the surname (its last word), and the variants.
fn names_of_person(p: &Person) -> Vec<String> {
    let mut names = vec![p.name.clone()];
    if let Some(last) = p.name.split_whitespace().last()
        && last.chars().count() > 2
    {
        names.push(last.to_owned());
    }
    names.extend(p.variants.iter().cloned());
    names
}

/// Whether `text` contains one of `names`, letter case aside.
fn names_one(text: &str, names: &[String]) -> bool {
    let text = text.to_lowercase();
    names
        .iter()
        .any(|n| !n.trim().is_empty() && text.contains(&n.to_lowercase()))
}

impl FactBase {
    /// The ways a party is written: its name, official and short names, and variants.
    fn names_of_party(&self, id: &str) -> Vec<String> {
        match self.party(id) {
            Some(Party::Country(c)) => std::iter::once(c.name.clone())
                .chain(c.official_name.clone())
                .chain(c.variants.iter().cloned())
                .collect(),
            Some(Party::Organization(o)) => std::iter::once(o.name.clone())
                .chain(o.short_name.clone())
                .chain(o.variants.iter().cloned())
                .collect(),
            None => Vec::new(),
        }
    }
}

/// `a` or `an` before a word.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The numbers and words of a text: `On November 4-5, 2024` → numbers 4, 5, 2024 and words
/// `on`, `november`.
fn tokens(text: &str) -> (Vec<u64>, Vec<String>) {
    let mut numbers = Vec::new();
    let mut words = Vec::new();
    for part in text.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        if let Ok(n) = part.parse::<u64>() {
            numbers.push(n);
        } else {
            words.push(part.to_lowercase());
        }
    }
    (numbers, words)
}

/// Whether `text` gives the date as sources write it: the year (or none, when it is the year
/// the source was published: "will conclude on 5 November"), the month by name (or its first
/// three letters) or by number, and the day.
fn date_in(date: &FuzzyDate, text: &str, published_year: Option<i32>) -> bool {
    let (numbers, words) = tokens(text);
    let year_ok = numbers.contains(&(date.year as u64)) || published_year == Some(date.year);
    let month_ok = date.month.is_none_or(|m| {
        let name = MONTH_NAMES[(m as usize).clamp(1, 12) - 1];
        words
            .iter()
            .any(|w| w == name || (w.len() >= 3 && name.starts_with(w.as_str())))
            || numbers.contains(&(m as u64))
    });
    let day_ok = date.day.is_none_or(|d| numbers.contains(&(d as u64)));
    year_ok && month_ok && day_ok
}

/// Whether `text` gives `value`: in digits (`1,200`, `1 200` and `1200` alike) or, up to
/// twenty and in whole tens, in words.
fn number_in(value: u64, text: &str) -> bool {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 8] = [
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    ];
    // Digits with thousands separators folded: `1,200` and `1 200` read as 1200.
    let mut folded = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let separator = matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '.')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|n| n.iter().all(char::is_ascii_digit))
            && chars.get(i + 4).is_none_or(|n| !n.is_ascii_digit());
        if !separator {
            folded.push(c);
        }
    }
    let (numbers, words) = tokens(&folded);
    if numbers.contains(&value) {
        return true;
    }
    let word = match value {
        0..=20 => Some(WORDS[value as usize]),
        30 | 40 | 50 | 60 | 70 | 80 | 90 | 100 => Some(TENS[(value / 10 - 3).min(7) as usize]),
        _ => None,
    };
    word.is_some_and(|w| words.iter().any(|x| x == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_as_sources_write_them() {
        let d = |s| FuzzyDate::parse(s).unwrap();
        assert!(date_in(&d("2024-11-04"), "On November 4-5, 2024", None));
        assert!(date_in(&d("2024-11-05"), "On November 4-5, 2024", None));
        assert!(date_in(&d("2018-05-03"), "(Bergen, 3-4 May 2018)", None));
        assert!(date_in(
            &d("2022-10-08"),
            "BERGEN, 08.10.2022 (Harbour News)",
            None
        ));
        assert!(date_in(
            &d("2024-11-05"),
            "will conclude on 5 November",
            Some(2024)
        ));
        assert!(date_in(&d("2024-11"), "in Nov. 2024", None));
        assert!(!date_in(
            &d("2024-11-05"),
            "will conclude on 5 November",
            Some(2023)
        ));
        assert!(!date_in(
            &d("2024-11-04"),
            "will start its work tomorrow",
            Some(2024)
        ));
        assert!(!date_in(&d("2024-11-06"), "On November 4-5, 2024", None));
        assert!(!date_in(&d("2024-12-04"), "On November 4-5, 2024", None));
    }

    #[test]
    fn numbers_are_found_in_digits_or_words() {
        assert!(number_in(500, "attended by over 500 participants"));
        assert!(number_in(1200, "some 1,200 delegates"));
        assert!(number_in(1200, "some 1 200 delegates"));
        assert!(number_in(15, "representatives from fifteen entities"));
        assert!(number_in(40, "Forty states"));
        assert!(!number_in(550, "attended by over 500 participants"));
        assert!(!number_in(12, "1,200 delegates"));
    }
}
