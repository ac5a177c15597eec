//! Calendar dates without a date-time dependency.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A proleptic Gregorian calendar date (UTC), as used by endoflife.date.
///
/// Field order makes the derived `Ord` chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2026.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A checked constructor: `None` for days that do not exist (2026-02-30).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (including impossible days) is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// Today's date in UTC from the system clock (1970-01-01 if the clock is before the epoch).
    pub fn today() -> Date {
        let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The date `days` days after 1970-01-01 (negative: before).
    pub fn from_days(days: i64) -> Date {
        // Count in 400-year eras starting on 0000-03-01, so that the leap day is the
        // last day of a shifted year and every era has the same length (146 097 days).
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153; // 0 = March
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year.clamp(0, 9999)).unwrap_or(0),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (the inverse of [`Date::from_days`]).
    pub fn days(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let month_index = if month > 2 { month - 3 } else { month + 9 };
        let day_of_year = (153 * month_index + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The same day `months` months later, clamped to the end of shorter months
    /// (2026-08-31 + 6 months = 2027-02-28).
    pub fn add_months(self, months: u32) -> Date {
        let total = u32::from(self.year) * 12 + u32::from(self.month) - 1 + months;
        let year = u16::try_from(total / 12).unwrap_or(u16::MAX);
        let month = u8::try_from(total % 12 + 1).unwrap_or(12);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (0 when `later` is not after `self`).
    pub fn months_until(self, later: Date) -> u32 {
        if later <= self {
            return 0;
        }
        let months = (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month)
            - i64::from(later.day < self.day);
        u32::try_from(months.max(0)).unwrap_or(0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap_or_else(|| panic!("bad test date {text}"))
    }

    #[test]
    fn parses_only_real_iso_dates() {
        assert_eq!(Date::parse("2026-11-28"), Some(Date { year: 2026, month: 11, day: 28 }));
        for bad in ["2026-02-30", "2026-13-01", "2026-1-01", "26-11-28", "2026-11-28x", "", "2026/11/28", "2026-+1-28"]
        {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2100-02-29").is_none());
    }

    #[test]
    fn displays_zero_padded() {
        assert_eq!(d("2026-01-05").to_string(), "2026-01-05");
    }

    #[test]
    fn orders_chronologically() {
        assert!(d("2026-07-11") < d("2026-11-28"));
        assert!(d("2025-12-31") < d("2026-01-01"));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d("1970-01-01").days(), 0);
        assert_eq!(d("2000-03-01").days(), 11_017);
        assert_eq!(Date::from_days(20_785), d("2026-11-28"));
        for days in (-719_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }

    #[test]
    fn adds_months_with_clamping() {
        assert_eq!(d("2026-11-28").add_months(6), d("2027-05-28"));
        assert_eq!(d("2026-08-31").add_months(6), d("2027-02-28"));
        assert_eq!(d("2026-01-15").add_months(12), d("2027-01-15"));
        assert_eq!(d("2026-08-21").months_until(d("2027-02-20")), 5);
        assert_eq!(d("2026-08-21").months_until(d("2027-02-21")), 6);
        assert_eq!(d("2026-08-21").months_until(d("2020-01-01")), 0);
    }

    #[test]
    fn today_is_plausible() {
        assert!(Date::today().year >= 2024);
    }
}
