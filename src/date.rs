//! Dates as analysts write them: a day, a month or a year, possibly approximate (`~`),
//! possibly a range (`A..B`). Owns parsing, validation, ordering and display.

use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// A calendar date known to a day, a month or only a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How precisely a date is known, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// The date of an event: a point or a range, exact or approximate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventDate {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub approximate: bool,
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

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible dates.
    pub fn parse(s: &str) -> Result<Self, String> {
        if !s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return Err(format!(
                "`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            ));
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize, what: &str| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                Ok(p.parse().expect("digits"))
            } else {
                Err(format!("`{s}` is not a date: the {what} must have {len} digits (YYYY, YYYY-MM or YYYY-MM-DD)"))
            }
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!(
                "`{s}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            ));
        }
        let year = num(parts[0], 4, "year")? as u16;
        let month = parts.get(1).map(|p| num(p, 2, "month")).transpose()?;
        let day = parts.get(2).map(|p| num(p, 2, "day")).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("`{s}` is not a date: there is no month {m}"));
            }
            if let Some(d) = day {
                let max = days_in_month(year, m as u8);
                if d == 0 || d > max as u32 {
                    return Err(format!(
                        "`{s}` is not a date: {} {year} has {max} days",
                        MONTHS[m as usize - 1]
                    ));
                }
            }
        }
        Ok(Self {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The first day this date may stand for.
    pub fn earliest(&self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may stand for.
    pub fn latest(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        (
            self.year,
            month,
            self.day.unwrap_or(days_in_month(self.year, month)),
        )
    }

    /// Machine form, as written: `2025`, `2025-09`, `2025-09-04`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    pub fn month_name(&self) -> Option<&'static str> {
        self.month.map(month_name)
    }
}

impl fmt::Display for PartialDate {
    /// Reader form: `4 September 2025`, `September 2025`, `2025`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month_name(), self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {m} {}", self.year),
            (Some(m), None) => write!(f, "{m} {}", self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

/// The English name of month `m` (1 to 12; others are clamped into that range).
pub fn month_name(m: u8) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl EventDate {
    /// Parses `2025-11-27`, `~2025-09`, `2025-05..2025-06`, `~2022..2023`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let (approximate, rest) = match s.strip_prefix('~') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let (start, end) = match rest.split_once("..") {
            Some((a, b)) => (PartialDate::parse(a)?, Some(PartialDate::parse(b)?)),
            None => (PartialDate::parse(rest)?, None),
        };
        if let Some(end) = end {
            if end.latest() < start.earliest() || end == start {
                return Err(format!("`{s}` is not a range: it must end after it starts"));
            }
        }
        Ok(Self {
            start,
            end,
            approximate,
        })
    }

    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    /// Chronology order: earliest possible day first; on a tie, the coarser date first.
    pub fn sort_key(&self) -> ((u16, u8, u8), Precision, (u16, u8, u8)) {
        let end = self.end.unwrap_or(self.start);
        (self.start.earliest(), self.precision(), end.latest())
    }

    /// The first and the last day the date may stand for, as `YYYY-MM-DD`.
    pub fn span_days(&self) -> (String, String) {
        let day = |(y, m, d): (u16, u8, u8)| format!("{y:04}-{m:02}-{d:02}");
        (
            day(self.start.earliest()),
            day(self.end.unwrap_or(self.start).latest()),
        )
    }

    /// Machine form as written (`~2025-05..2025-06`).
    pub fn iso(&self) -> String {
        let mut s = String::new();
        if self.approximate {
            s.push('~');
        }
        s.push_str(&self.start.iso());
        if let Some(end) = &self.end {
            s.push_str("..");
            s.push_str(&end.iso());
        }
        s
    }
}

impl fmt::Display for EventDate {
    /// Reader form: `c. September 2025`, `16 May – 2 June 2025`, `2022–2023`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("c. ")?;
        }
        let Some(end) = self.end else {
            return write!(f, "{}", self.start);
        };
        let start = self.start;
        let same_year = start.year == end.year;
        match (start.precision(), end.precision()) {
            (Precision::Year, Precision::Year) => write!(f, "{}–{}", start.year, end.year),
            (Precision::Month, Precision::Month) if same_year => {
                write!(
                    f,
                    "{}–{} {}",
                    start.month_name().unwrap_or_default(),
                    end.month_name().unwrap_or_default(),
                    end.year
                )
            }
            (Precision::Day, Precision::Day) if same_year && start.month == end.month => {
                write!(
                    f,
                    "{}–{} {}",
                    start.day.unwrap_or(1),
                    end.day.unwrap_or(1),
                    end.month_name()
                        .map(|m| format!("{m} {}", end.year))
                        .unwrap_or_default()
                )
            }
            (Precision::Day, Precision::Day) if same_year => write!(
                f,
                "{} {} – {end}",
                start.day.unwrap_or(1),
                start.month_name().unwrap_or_default()
            ),
            _ => write!(f, "{start} – {end}"),
        }
    }
}

impl PartialOrd for EventDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EventDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then(self.approximate.cmp(&other.approximate))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(d("2025").precision(), Precision::Year);
        assert_eq!(d("2025-09").precision(), Precision::Month);
        assert_eq!(d("2025-09-04").precision(), Precision::Day);
        assert!(d("~2025-09").approximate);
        assert_eq!(d("2025-05-16..2025-06-02").end.unwrap().iso(), "2025-06-02");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(EventDate::parse("2025-02-30")
            .unwrap_err()
            .contains("February 2025 has 28 days"));
        assert!(EventDate::parse("2024-02-29").is_ok());
        assert!(EventDate::parse("2025-13")
            .unwrap_err()
            .contains("no month 13"));
        assert!(EventDate::parse("25-01-01").is_err());
        assert!(EventDate::parse("2025-06..2025-05").is_err());
        assert!(EventDate::parse("2025-1-01").is_err());
    }

    #[test]
    fn orders_by_earliest_day_then_coarser_first() {
        let mut v = [
            d("2025-01-01"),
            d("2025-01"),
            d("2024-12-31"),
            d("2025"),
            d("~2025-02"),
        ];
        v.sort();
        let iso: Vec<_> = v.iter().map(EventDate::iso).collect();
        assert_eq!(
            iso,
            ["2024-12-31", "2025", "2025-01", "2025-01-01", "~2025-02"]
        );
    }

    #[test]
    fn displays_for_readers() {
        assert_eq!(d("2025-09-04").to_string(), "4 September 2025");
        assert_eq!(d("~2025-09").to_string(), "c. September 2025");
        assert_eq!(d("2025-05..2025-06").to_string(), "May–June 2025");
        assert_eq!(
            d("2025-05-16..2025-06-02").to_string(),
            "16 May – 2 June 2025"
        );
        assert_eq!(d("2022..2023").to_string(), "2022–2023");
        assert_eq!(
            d("2025-11-25..2025-11-28").to_string(),
            "25–28 November 2025"
        );
    }
}
