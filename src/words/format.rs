//! Dates, numbers, lists and sorting by the rules of a locale (ICU4X, with its compiled-in
//! CLDR data). Always the Gregorian calendar; digits as the locale (or its `-u-nu-…`
//! extension) says.

use std::cmp::Ordering;

use icu_calendar::{Date, Gregorian};
use icu_collator::{CollatorBorrowed, options::CollatorOptions};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{M, MD, Y, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::Locale;
use writeable::Writeable;

/// The formatters of one locale.
pub struct Formats {
    ymd: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    ym: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    md: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, M>,
    year: FixedCalendarDateTimeFormatter<Gregorian, Y>,
    decimal: DecimalFormatter,
    and: ListFormatter,
    collator: CollatorBorrowed<'static>,
    /// The locale's digits 0–9.
    pub digits: [char; 10],
}

/// The parts of a date, for formatting.
#[derive(Debug, Clone, Copy)]
pub struct Ymd {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Formats {
    /// The formatters for `locale`; ICU4X falls back to the closest locale it has data for.
    pub fn new(locale: &Locale) -> Result<Self, String> {
        let why = |e: &dyn std::fmt::Display| format!("no formatting data for `{locale}` ({e})");
        let decimal =
            DecimalFormatter::try_new(locale.into(), Default::default()).map_err(|e| why(&e))?;
        let mut digits = ['0'; 10];
        for (n, slot) in digits.iter_mut().enumerate() {
            *slot = decimal
                .format(&Decimal::from(n as u32))
                .write_to_string()
                .chars()
                .last()
                .unwrap_or('0');
        }
        Ok(Self {
            ymd: FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long())
                .map_err(|e| why(&e))?,
            ym: FixedCalendarDateTimeFormatter::try_new(locale.into(), YM::long())
                .map_err(|e| why(&e))?,
            md: FixedCalendarDateTimeFormatter::try_new(locale.into(), MD::long())
                .map_err(|e| why(&e))?,
            month: FixedCalendarDateTimeFormatter::try_new(locale.into(), M::long())
                .map_err(|e| why(&e))?,
            year: FixedCalendarDateTimeFormatter::try_new(locale.into(), Y::long())
                .map_err(|e| why(&e))?,
            decimal,
            and: ListFormatter::try_new_and(
                locale.into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .map_err(|e| why(&e))?,
            collator: CollatorBorrowed::try_new(locale.into(), CollatorOptions::default())
                .map_err(|e| why(&e))?,
            digits,
        })
    }

    fn gregorian(year: i32, month: u32, day: u32) -> Option<Date<Gregorian>> {
        Date::try_new_gregorian(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?).ok()
    }

    /// A date of any precision, in full: `4 November 2024`, `November 2024`, `2024`.
    pub fn date(&self, d: Ymd) -> String {
        let formatted = match (d.month, d.day) {
            (Some(m), Some(day)) => {
                Self::gregorian(d.year, m, day).map(|g| self.ymd.format(&g).to_string())
            }
            (Some(m), None) => {
                Self::gregorian(d.year, m, 1).map(|g| self.ym.format(&g).to_string())
            }
            _ => Self::gregorian(d.year, 1, 1).map(|g| self.year.format(&g).to_string()),
        };
        formatted.unwrap_or_else(|| self.number(i64::from(d.year)))
    }

    /// Day and month without the year: `30 April`.
    pub fn day_month(&self, year: i32, month: u32, day: u32) -> String {
        Self::gregorian(year, month, day)
            .map(|g| self.md.format(&g).to_string())
            .unwrap_or_default()
    }

    /// The month alone: `April`.
    pub fn month(&self, year: i32, month: u32) -> String {
        Self::gregorian(year, month, 1)
            .map(|g| self.month.format(&g).to_string())
            .unwrap_or_default()
    }

    /// A whole number with the locale's digits and grouping.
    pub fn number(&self, n: i64) -> String {
        self.decimal
            .format(&Decimal::from(n))
            .write_to_string()
            .into_owned()
    }

    /// A decimal number as written (`2.5`), with the locale's digits and separators.
    pub fn decimal(&self, text: &str) -> Option<String> {
        let d: Decimal = text.parse().ok()?;
        Some(self.decimal.format(&d).write_to_string().into_owned())
    }

    /// `A, B and C` in the locale's words.
    pub fn and_list(&self, items: &[String]) -> String {
        self.and.format(items.iter()).write_to_string().into_owned()
    }

    /// The separators of an `and` list, for joining laid-out items: between the two of a
    /// pair, and after the first, middle and last-but-one of a longer list.
    pub fn and_separators(&self) -> [String; 4] {
        let marks: Vec<String> = (0..4).map(|i| format!("\u{E000}{i}\u{E001}")).collect();
        let split = |text: String| -> Vec<String> {
            let mut parts = Vec::new();
            let mut rest = text.as_str();
            for mark in &marks {
                if let Some(at) = rest.find(mark.as_str()) {
                    parts.push(rest[..at].to_owned());
                    rest = &rest[at + mark.len()..];
                }
            }
            parts
        };
        let pair = split(
            self.and
                .format(marks[..2].iter())
                .write_to_string()
                .into_owned(),
        );
        let four = split(self.and.format(marks.iter()).write_to_string().into_owned());
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_else(|| ", ".into());
        [at(&pair, 1), at(&four, 1), at(&four, 2), at(&four, 3)]
    }

    /// Compares two names as the locale sorts them.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.collator.compare(a, b)
    }
}
