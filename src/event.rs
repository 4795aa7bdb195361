//! The event data model: what one article says, as structured, reviewable data.
//!
//! Every fact that came from text carries the exact sentence it came from
//! (`evidence`), so a person can check it. Events serialise to and from JSON,
//! JSON Lines and CSV unchanged (see [`crate::load`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date that may be known only to the year or the month.
///
/// Written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDate {
    /// Year, 1900..=2100.
    pub year: i32,
    /// Month 1..=12, when known.
    pub month: Option<u8>,
    /// Day of month, when known (requires `month`).
    pub day: Option<u8>,
}

impl EventDate {
    /// A full date, validated against the calendar.
    pub fn ymd(year: i32, month: u8, day: u8) -> Result<Self, String> {
        let d = EventDate { year, month: Some(month), day: Some(day) };
        d.validate()?;
        Ok(d)
    }

    /// Checks ranges and the number of days in the month.
    pub fn validate(&self) -> Result<(), String> {
        if !(1900..=2100).contains(&self.year) {
            return Err(format!("year {} is outside 1900–2100", self.year));
        }
        if let Some(m) = self.month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} is not between 1 and 12"));
            }
            if let Some(d) = self.day {
                let max = days_in_month(self.year, m);
                if d == 0 || d > max {
                    return Err(format!("day {d} does not exist in month {m} of {} (it has {max} days)", self.year));
                }
            }
        } else if self.day.is_some() {
            return Err("a day was given without a month".into());
        }
        Ok(())
    }

    /// The first calendar day this date could be, as `(y, m, d)`.
    pub fn first_day(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last calendar day this date could be, as `(y, m, d)`.
    pub fn last_day(&self) -> (i32, u8, u8) {
        let m = self.month.unwrap_or(12);
        (self.year, m, self.day.unwrap_or_else(|| days_in_month(self.year, m)))
    }
}

/// Days in a month of the proleptic Gregorian calendar (0 for a month that is not 1–12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    chrono::Month::try_from(month).ok().and_then(|m| m.num_days(year)).unwrap_or(0)
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for EventDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, what: &str| -> Result<u32, String> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("`{s}` is not a date: bad {what} `{p}` (expected YYYY, YYYY-MM or YYYY-MM-DD)"));
            }
            p.parse::<u32>().map_err(|e| e.to_string())
        };
        let d = match parts.as_slice() {
            [y] => EventDate { year: num(y, "year")? as i32, month: None, day: None },
            [y, m] => {
                EventDate { year: num(y, "year")? as i32, month: Some(num(m, "month")?.min(255) as u8), day: None }
            }
            [y, m, d] => EventDate {
                year: num(y, "year")? as i32,
                month: Some(num(m, "month")?.min(255) as u8),
                day: Some(num(d, "day")?.min(255) as u8),
            },
            _ => return Err(format!("`{s}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")),
        };
        d.validate().map_err(|e| format!("`{s}` is not a valid date: {e}"))?;
        Ok(d)
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EventDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// Stated in the article text itself.
    Text,
    /// Taken from the front matter's `published` date (for a missing year or date).
    Published,
    /// Inferred from the outlet (domain or dateline code such as `(QNO)`).
    Outlet,
    /// Entered by a person (an events file edited by hand).
    Manual,
}

/// Whether an award was given at this event or is a tally of earlier awards reported at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Given at or by this event.
    #[default]
    Event,
    /// A tally of earlier awards ("5 năm qua … được khen thưởng"); never added to a period's totals.
    Period,
}

/// The article an event was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Source {
    /// The file the article came from, as given on the command line.
    pub file: String,
    /// The page's address, from front matter.
    #[serde(default)]
    pub url: Option<String>,
    /// The article's title, from front matter.
    #[serde(default)]
    pub title: Option<String>,
    /// The publication date, from front matter.
    #[serde(default)]
    pub published: Option<EventDate>,
}

/// An official who attended or presented awards.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Official {
    /// Military or police rank, e.g. `Thượng tướng`.
    #[serde(default)]
    pub rank: Option<String>,
    /// Full name.
    pub name: String,
    /// Position, e.g. `Thứ trưởng Bộ Công an`.
    #[serde(default)]
    pub title: Option<String>,
    /// The sentence this came from.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// One award line: one form, from one grantor, to some collectives and individuals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Hash)]
pub struct Award {
    /// Standard name from the Luật Thi đua, khen thưởng 2022 taxonomy, with class.
    pub form: String,
    /// Who granted it, e.g. `Chủ tịch nước`, `Bộ trưởng Bộ Công an`.
    #[serde(default)]
    pub grantor: Option<String>,
    /// Number of collectives (tập thể), if counted.
    #[serde(default)]
    pub collectives: Option<u32>,
    /// Number of individuals (cá nhân), if counted.
    #[serde(default)]
    pub individuals: Option<u32>,
    /// A combined count ("N lượt tập thể và cá nhân") when the sides are not given apart.
    #[serde(default)]
    pub combined: Option<u32>,
    /// Event award or an earlier-period tally.
    #[serde(default)]
    pub scope: Scope,
    /// The exact sentence (substring of the NFC article text) this came from.
    #[serde(default)]
    pub evidence: String,
}

impl Award {
    /// The number of award instances (lượt) this line counts.
    pub fn total(&self) -> u64 {
        self.combined
            .map(u64::from)
            .unwrap_or_else(|| u64::from(self.collectives.unwrap_or(0)) + u64::from(self.individuals.unwrap_or(0)))
    }
}

/// One event (a conference, ceremony or award decision) as read from one article or file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: derived from the source text, so re-running gives the same id.
    pub id: String,
    /// Where it was read from.
    #[serde(default)]
    pub source: Source,
    /// False for articles of a nearby genre with no award (gift visits, launches).
    #[serde(default = "default_true")]
    pub relevant: bool,
    /// Event kind, e.g. `hội nghị điển hình tiên tiến`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The date of the event itself.
    #[serde(default)]
    pub date: Option<EventDate>,
    /// How the date was found.
    #[serde(default)]
    pub date_basis: Option<Basis>,
    /// The sentence the date came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_evidence: Option<String>,
    /// Canonical province name (gazetteer spelling) as it existed on the event date.
    #[serde(default)]
    pub province: Option<String>,
    /// How the province was found.
    #[serde(default)]
    pub province_basis: Option<Basis>,
    /// The sentence the province came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province_evidence: Option<String>,
    /// Emulation movements named, e.g. `Vì an ninh Tổ quốc`.
    #[serde(default)]
    pub movements: Vec<String>,
    /// Officials who attended.
    #[serde(default)]
    pub officials: Vec<Official>,
    /// Award lines.
    #[serde(default)]
    pub awards: Vec<Award>,
}

fn default_true() -> bool {
    true
}

impl Event {
    /// Sum of collectives over `scope: event` award lines.
    pub fn collectives(&self) -> u64 {
        self.event_awards().map(|a| u64::from(a.collectives.unwrap_or(0))).sum()
    }

    /// Sum of individuals over `scope: event` award lines.
    pub fn individuals(&self) -> u64 {
        self.event_awards().map(|a| u64::from(a.individuals.unwrap_or(0))).sum()
    }

    /// Award lines given at this event (not earlier-period tallies).
    pub fn event_awards(&self) -> impl Iterator<Item = &Award> {
        self.awards.iter().filter(|a| a.scope == Scope::Event)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_validate() {
        assert_eq!("2020-06-05".parse::<EventDate>().unwrap().to_string(), "2020-06-05");
        assert_eq!("2020-06".parse::<EventDate>().unwrap().to_string(), "2020-06");
        assert_eq!("2020".parse::<EventDate>().unwrap().to_string(), "2020");
        assert!("2020-13-45".parse::<EventDate>().is_err());
        assert!("2021-02-29".parse::<EventDate>().is_err());
        assert!("2020-02-29".parse::<EventDate>().is_ok());
        assert!("20-x".parse::<EventDate>().is_err());
    }

    #[test]
    fn event_round_trips_through_json() {
        let e = Event {
            id: "a1".into(),
            relevant: true,
            date: Some(EventDate::ymd(2020, 6, 5).unwrap()),
            province: Some("Thái Bình".into()),
            awards: vec![Award {
                form: "Bằng khen".into(),
                collectives: Some(2),
                individuals: Some(3),
                ..Default::default()
            }],
            ..Default::default()
        };
        let s = serde_json::to_string(&e).unwrap();
        let back: Event = serde_json::from_str(&s).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.collectives() + back.individuals(), 5);
    }
}
