//! Reporting periods: month, quarter, half-year, year or a custom range,
//! with Vietnamese labels and the two comparison periods.

use crate::event::{days_in_month, EventDate};
use crate::vi;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day `(year, month, day)`, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u8,
    /// Day 1..=31.
    pub day: u8,
}

impl Day {
    /// A validated day.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Day, String> {
        EventDate::ymd(year, month, day)?;
        Ok(Day { year, month, day })
    }
    /// The last day of a month.
    pub fn end_of_month(year: i32, month: u8) -> Day {
        Day { year, month, day: days_in_month(year, month) }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What kind of period this is; decides its label and its "previous" period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// One calendar month.
    Month,
    /// One quarter.
    Quarter,
    /// One half-year.
    Half,
    /// One calendar year.
    Year,
    /// Any inclusive range of days.
    Custom,
}

/// An inclusive range of days with a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// Kind.
    pub kind: PeriodKind,
    /// First day (inclusive).
    pub start: Day,
    /// Last day (inclusive).
    pub end: Day,
}

impl Period {
    /// A calendar month.
    pub fn month(year: i32, month: u8) -> Period {
        Period { kind: PeriodKind::Month, start: Day { year, month, day: 1 }, end: Day::end_of_month(year, month) }
    }
    /// Quarter `q` (1..=4) of `year`.
    pub fn quarter(year: i32, q: u8) -> Period {
        let m0 = (q - 1) * 3 + 1;
        Period {
            kind: PeriodKind::Quarter,
            start: Day { year, month: m0, day: 1 },
            end: Day::end_of_month(year, m0 + 2),
        }
    }
    /// Half `h` (1 or 2) of `year`.
    pub fn half(year: i32, h: u8) -> Period {
        let m0 = if h == 1 { 1 } else { 7 };
        Period { kind: PeriodKind::Half, start: Day { year, month: m0, day: 1 }, end: Day::end_of_month(year, m0 + 5) }
    }
    /// A calendar year.
    pub fn year(year: i32) -> Period {
        Period { kind: PeriodKind::Year, start: Day { year, month: 1, day: 1 }, end: Day { year, month: 12, day: 31 } }
    }

    /// Parses `2020`, `2020-Q2`, `2020-H1`, `2020-06` or `2020-04-01..2020-06-30`.
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a period; write 2020, 2020-Q2, 2020-H1, 2020-06 or 2020-04-01..2020-06-30");
        if let Some((a, b)) = s.split_once("..") {
            let day = |t: &str| -> Result<Day, String> {
                let d: EventDate = t.parse()?;
                match (d.month, d.day) {
                    (Some(m), Some(dd)) => Ok(Day { year: d.year, month: m, day: dd }),
                    _ => Err(format!("`{t}` must be a full date YYYY-MM-DD")),
                }
            };
            let (start, end) = (day(a)?, day(b)?);
            if end < start {
                return Err(format!("the range `{s}` ends before it starts"));
            }
            return Ok(Period { kind: PeriodKind::Custom, start, end });
        }
        let (y, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(1900..=2100).contains(&year) {
            return Err(format!("year {year} in `{s}` is outside 1900–2100"));
        }
        let Some(rest) = rest else { return Ok(Period::year(year)) };
        let upper = rest.to_ascii_uppercase();
        let idx = |t: &str, max: u8| -> Result<u8, String> {
            match t.parse::<u8>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(bad()),
            }
        };
        if let Some(q) = upper.strip_prefix('Q') {
            Ok(Period::quarter(year, idx(q, 4)?))
        } else if let Some(h) = upper.strip_prefix('H') {
            Ok(Period::half(year, idx(h, 2)?))
        } else if rest.len() == 2 {
            Ok(Period::month(year, idx(rest, 12)?))
        } else {
            Err(bad())
        }
    }

    /// The Vietnamese label: `quý II năm 2020`, `6 tháng đầu năm 2020`, `tháng 6 năm 2020`, `năm 2020`.
    pub fn label(&self) -> String {
        let y = self.start.year;
        match self.kind {
            PeriodKind::Month => format!("tháng {} năm {y}", self.start.month),
            PeriodKind::Quarter => format!("quý {} năm {y}", vi::roman(u32::from(self.start.month.div_ceil(3)))),
            PeriodKind::Half if self.start.month == 1 => format!("6 tháng đầu năm {y}"),
            PeriodKind::Half => format!("6 tháng cuối năm {y}"),
            PeriodKind::Year => format!("năm {y}"),
            PeriodKind::Custom => format!(
                "từ {} đến {}",
                vi::short_date(self.start.year, self.start.month, self.start.day),
                vi::short_date(self.end.year, self.end.month, self.end.day)
            ),
        }
    }

    /// A short label for chart axes: `Q2/2020`, `6/2020`, `H1/2020`, `2020`.
    pub fn short_label(&self) -> String {
        let y = self.start.year;
        match self.kind {
            PeriodKind::Month => format!("{}/{y}", self.start.month),
            PeriodKind::Quarter => format!("Q{}/{y}", self.start.month.div_ceil(3)),
            PeriodKind::Half => format!("H{}/{y}", if self.start.month == 1 { 1 } else { 2 }),
            PeriodKind::Year => y.to_string(),
            PeriodKind::Custom => format!("{}–{}", self.start, self.end),
        }
    }

    /// The period just before this one, of the same kind and length.
    pub fn previous(&self) -> Period {
        let (y, m) = (self.start.year, self.start.month);
        match self.kind {
            PeriodKind::Month if m == 1 => Period::month(y - 1, 12),
            PeriodKind::Month => Period::month(y, m - 1),
            PeriodKind::Quarter if m == 1 => Period::quarter(y - 1, 4),
            PeriodKind::Quarter => Period::quarter(y, m.div_ceil(3) - 1),
            PeriodKind::Half if m == 1 => Period::half(y - 1, 2),
            PeriodKind::Half => Period::half(y, 1),
            PeriodKind::Year => Period::year(y - 1),
            PeriodKind::Custom => {
                let len = self.len_days();
                let end = day_from_ordinal(day_ordinal(self.start) - 1);
                let start = day_from_ordinal(day_ordinal(end) - (len - 1));
                Period { kind: PeriodKind::Custom, start, end }
            }
        }
    }

    /// The same period one year earlier (cùng kỳ năm trước).
    pub fn same_period_last_year(&self) -> Period {
        let shift = |d: Day| {
            let day = d.day.min(days_in_month(d.year - 1, d.month));
            Day { year: d.year - 1, month: d.month, day }
        };
        Period { kind: self.kind, start: shift(self.start), end: shift(self.end) }
    }

    /// Number of days, inclusive.
    pub fn len_days(&self) -> i64 {
        day_ordinal(self.end) - day_ordinal(self.start) + 1
    }

    /// Whether a (possibly partial) date lies wholly inside this period.
    pub fn contains(&self, d: &EventDate) -> bool {
        let (y0, m0, d0) = d.first_day();
        let (y1, m1, d1) = d.last_day();
        Day { year: y0, month: m0, day: d0 } >= self.start && Day { year: y1, month: m1, day: d1 } <= self.end
    }

    /// Whether the period contains a day.
    pub fn contains_day(&self, d: Day) -> bool {
        d >= self.start && d <= self.end
    }
}

/// Days since 1 January of year 1 (chrono's day count), for range arithmetic; a day
/// out of its month's range counts as the month's last day.
pub fn day_ordinal(d: Day) -> i64 {
    let month = d.month.clamp(1, 12);
    let day = d.day.clamp(1, days_in_month(d.year, month));
    NaiveDate::from_ymd_opt(d.year, u32::from(month), u32::from(day))
        .map_or(if d.year < 0 { i64::MIN / 2 } else { i64::MAX / 2 }, |n| i64::from(n.num_days_from_ce()))
}

/// Inverse of [`day_ordinal`] (saturating at chrono's range).
pub fn day_from_ordinal(n: i64) -> Day {
    let clamped = n.clamp(i64::from(NaiveDate::MIN.num_days_from_ce()), i64::from(NaiveDate::MAX.num_days_from_ce()));
    Day::from(NaiveDate::from_num_days_from_ce_opt(clamped as i32).unwrap_or(NaiveDate::MIN))
}

impl From<NaiveDate> for Day {
    fn from(d: NaiveDate) -> Day {
        Day { year: d.year(), month: d.month() as u8, day: d.day() as u8 }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Period::parse("2020").unwrap(), Period::year(2020));
        assert_eq!(Period::parse("2020-Q2").unwrap().label(), "quý II năm 2020");
        assert_eq!(Period::parse("2020-H1").unwrap().label(), "6 tháng đầu năm 2020");
        assert_eq!(Period::parse("2020-06").unwrap().label(), "tháng 6 năm 2020");
        assert_eq!(Period::parse("2020").unwrap().label(), "năm 2020");
        let r = Period::parse("2020-04-01..2020-06-30").unwrap();
        assert_eq!(r.len_days(), 91);
        assert!(Period::parse("2020-Q5").is_err());
        assert!(Period::parse("2020-13").is_err());
        assert!(Period::parse("2020-02-30..2020-03-01").is_err());
        assert!(Period::parse("2020-06-30..2020-04-01").is_err());
    }

    #[test]
    fn previous_crosses_year_boundaries() {
        assert_eq!(Period::quarter(2020, 1).previous(), Period::quarter(2019, 4));
        assert_eq!(Period::month(2020, 1).previous(), Period::month(2019, 12));
        assert_eq!(Period::half(2020, 1).previous(), Period::half(2019, 2));
        assert_eq!(Period::quarter(2020, 2).same_period_last_year(), Period::quarter(2019, 2));
        let r = Period::parse("2020-03-01..2020-03-10").unwrap().previous();
        assert_eq!((r.start.to_string(), r.end.to_string()), ("2020-02-20".into(), "2020-02-29".into()));
    }

    #[test]
    fn ordinals_round_trip() {
        for d in [
            Day { year: 2020, month: 2, day: 29 },
            Day { year: 1999, month: 12, day: 31 },
            Day { year: 2024, month: 3, day: 1 },
        ] {
            assert_eq!(day_from_ordinal(day_ordinal(d)), d);
        }
    }

    #[test]
    fn containment_of_partial_dates() {
        let q2 = Period::quarter(2020, 2);
        assert!(q2.contains(&"2020-06-05".parse().unwrap()));
        assert!(q2.contains(&"2020-05".parse().unwrap()));
        assert!(!q2.contains(&"2020".parse().unwrap()));
        assert!(Period::year(2020).contains(&"2020".parse().unwrap()));
    }
}
