//! Calendar dates and the values the contract writes in the `date` column.
//!
//! A tiny proleptic-Gregorian date type is enough here: khabar only needs to
//! parse, compare, shift by days and find weekdays. The day arithmetic uses
//! the well-known days-from-civil conversion (days since 1970-01-01).

use std::fmt;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Number of days in `month` of `year`, or 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date if `year-month-day` exists in the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also when followed by a time (`2024-12-19T10:00:00Z`).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }

    /// This date shifted by `days` (may be negative).
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days(self.to_days() + days)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u8
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What the contract's `date` column can hold: a day, a month, a year or an
/// interval of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DateValue {
    Day(Date),
    Month { year: i32, month: u8 },
    Year(i32),
    Interval(Date, Date),
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateValue::Day(d) => write!(f, "{d}"),
            DateValue::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            DateValue::Year(y) => write!(f, "{y:04}"),
            DateValue::Interval(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_weekday() {
        let d = Date::new(2024, 12, 19).unwrap();
        assert_eq!(Date::from_days(d.to_days()), Some(d));
        assert_eq!(d.weekday(), 3, "2024-12-19 was a Thursday");
        assert_eq!(d.add_days(-1).unwrap().to_string(), "2024-12-18");
        assert_eq!(
            Date::new(2024, 3, 1)
                .unwrap()
                .add_days(-1)
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
        assert_eq!(Date::new(2023, 2, 29), None);
    }

    #[test]
    fn iso_parse() {
        assert_eq!(Date::parse_iso("2024-05-23"), Date::new(2024, 5, 23));
        assert_eq!(
            Date::parse_iso("2024-05-23T10:00:00Z"),
            Date::new(2024, 5, 23)
        );
        assert_eq!(Date::parse_iso("2024-13-01"), None);
        assert_eq!(Date::parse_iso("20240523"), None);
    }

    #[test]
    fn value_display() {
        let a = Date::new(2025, 3, 3).unwrap();
        let b = Date::new(2025, 3, 4).unwrap();
        assert_eq!(
            DateValue::Interval(a, b).to_string(),
            "2025-03-03/2025-03-04"
        );
        assert_eq!(
            DateValue::Month {
                year: 2023,
                month: 2
            }
            .to_string(),
            "2023-02"
        );
        assert_eq!(DateValue::Year(2021).to_string(), "2021");
    }
}
