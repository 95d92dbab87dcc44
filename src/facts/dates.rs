//! Dates: the fact base's dates of three precisions, the one parser of days given on the
//! command line, and every date as a reader writes it.

use std::cmp::Ordering;
use std::fmt;

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

    /// Whether every day this date could mean comes before every day `other` could mean:
    /// `2024-11-03` is before `2024-11-04`, `2024-11` is not before `2024-11-04`.
    pub fn is_before(&self, other: &FuzzyDate) -> bool {
        let latest = (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31));
        let earliest = (other.year, other.month.unwrap_or(1), other.day.unwrap_or(1));
        latest < earliest
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

/// A day written `YYYY-MM-DD` (a four-digit year, a day that exists), as `--date` and a
/// revision's date take it. The error says what is wrong, for the caller to put in context.
pub fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shape = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape {
        return Err(format!(
            "`{text}` is not a date of the form YYYY-MM-DD (a four-digit year, e.g. 2024-11-04)"
        ));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a day of the calendar: check the month and the day"))
}

/// A day as a reader writes it: `4 November 2024`.
pub fn day_text(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    FuzzyDate {
        year: day.year(),
        month: Some(day.month()),
        day: Some(day.day()),
    }
    .text()
}

/// Words for an id-like value: `side-event` → `side event`.
pub fn humanize(text: &str) -> String {
    text.replace(['-', '_'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_have_four_digit_years_and_exist() {
        assert_eq!(
            parse_day("2024-11-04").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 11, 4).unwrap()
        );
        assert_eq!(
            day_text(parse_day("2024-11-04").unwrap()),
            "4 November 2024"
        );
        assert!(
            parse_day("25-01-01")
                .unwrap_err()
                .contains("four-digit year")
        );
        assert!(parse_day("2025-1-01").is_err());
        assert!(parse_day("+10000-01-01").is_err());
        assert!(
            parse_day("2025-02-30")
                .unwrap_err()
                .contains("not a day of the calendar")
        );
    }

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

    #[test]
    fn before_means_every_day_of_one_before_every_day_of_the_other() {
        let d = |s| FuzzyDate::parse(s).unwrap();
        assert!(d("2024-11-03").is_before(&d("2024-11-04")));
        assert!(!d("2024-11-04").is_before(&d("2024-11-04")));
        assert!(!d("2024-11").is_before(&d("2024-11-04")));
        assert!(d("2024-10").is_before(&d("2024-11")));
        assert!(!d("2024").is_before(&d("2024-12-31")));
        assert!(d("2023").is_before(&d("2024")));
    }
}
