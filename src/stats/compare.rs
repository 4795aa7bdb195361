//! Comparisons with the previous period and the same period a year earlier, as numbers
//! and as Vietnamese phrases (`tăng 12,5%`, `giảm 3 tập thể`, `bằng cùng kỳ`).

use super::Counts;
use crate::period::{Period, PeriodKind};
use crate::vi;
use serde::{Deserialize, Serialize};

/// What a period is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Base {
    /// The period just before, of the same kind.
    Previous(PeriodKind),
    /// The same period one year earlier (cùng kỳ năm trước).
    SamePeriodLastYear,
}

impl Base {
    /// The short name used after `bằng`: `cùng kỳ`, `quý trước`, `tháng trước`, `năm trước`, `kỳ trước`.
    pub fn name(&self) -> &'static str {
        match self {
            Base::SamePeriodLastYear => "cùng kỳ",
            Base::Previous(PeriodKind::Month) => "tháng trước",
            Base::Previous(PeriodKind::Quarter) => "quý trước",
            Base::Previous(PeriodKind::Year) => "năm trước",
            Base::Previous(_) => "kỳ trước",
        }
    }

    /// The full comparison phrase: `so với cùng kỳ năm trước`, `so với quý trước`.
    pub fn so_voi(&self) -> String {
        match self {
            Base::SamePeriodLastYear => "so với cùng kỳ năm trước".to_string(),
            other => format!("so với {}", other.name()),
        }
    }
}

/// One figure now and in the base period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Delta {
    /// Value in the period.
    pub current: u64,
    /// Value in the base period.
    pub base: u64,
}

impl Delta {
    /// Signed change, `current - base`.
    pub fn diff(&self) -> i64 {
        i64::try_from(self.current).unwrap_or(i64::MAX) - i64::try_from(self.base).unwrap_or(i64::MAX)
    }

    /// Change in percent of the base, `None` when the base is zero.
    pub fn percent(&self) -> Option<f64> {
        (self.base > 0).then(|| self.diff() as f64 * 100.0 / self.base as f64)
    }

    /// The change in percent: `tăng 12,5%`, `giảm 3%`, `bằng cùng kỳ`.
    /// With a zero base the percentage is undefined and the count is given: `tăng 5 tập thể`.
    pub fn phrase_percent(&self, unit: &str, base: Base) -> String {
        match (self.diff(), self.percent()) {
            (0, _) => format!("bằng {}", base.name()),
            (d, Some(p)) => format!("{} {}", verb(d), vi::percent(p.abs())),
            (_, None) => self.phrase_count(unit, base),
        }
    }

    /// The change as a count: `tăng 3 tập thể`, `giảm 1.200 cá nhân`, `bằng quý trước`.
    pub fn phrase_count(&self, unit: &str, base: Base) -> String {
        match self.diff() {
            0 => format!("bằng {}", base.name()),
            d => format!("{} {} {unit}", verb(d), vi::number(d.abs())).trim_end().to_string(),
        }
    }

    /// Both: `tăng 3 tập thể (12,5%)`; the percentage is left out when the base is zero.
    pub fn phrase(&self, unit: &str, base: Base) -> String {
        match (self.diff(), self.percent()) {
            (0, _) => format!("bằng {}", base.name()),
            (_, Some(p)) => format!("{} ({})", self.phrase_count(unit, base), vi::percent(p.abs())),
            (_, None) => self.phrase_count(unit, base),
        }
    }
}

fn verb(d: i64) -> &'static str {
    if d > 0 {
        "tăng"
    } else {
        "giảm"
    }
}

/// The change of every total against one base period.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// What the period is compared with.
    pub base: Base,
    /// The base period itself.
    pub base_period: Period,
    /// Events.
    pub events: Delta,
    /// Collectives (tập thể).
    pub collectives: Delta,
    /// Individuals (cá nhân).
    pub individuals: Delta,
    /// Total award instances (lượt).
    pub total: Delta,
}

impl Change {
    /// Compares `current` with `base_counts` of `base_period`.
    pub fn new(current: &Counts, base_counts: &Counts, base: Base, base_period: Period) -> Change {
        let d = |a: u64, b: u64| Delta { current: a, base: b };
        Change {
            base,
            base_period,
            events: d(current.events, base_counts.events),
            collectives: d(current.collectives, base_counts.collectives),
            individuals: d(current.individuals, base_counts.individuals),
            total: d(current.total(), base_counts.total()),
        }
    }

    /// One Vietnamese sentence: `So với quý trước: sự kiện tăng 1 (50%); tập thể bằng quý trước; …`.
    pub fn sentence(&self) -> String {
        format!(
            "{}: sự kiện {}; tập thể {}; cá nhân {}; tổng số lượt {}",
            capitalise(&self.base.so_voi()),
            self.events.phrase("", self.base),
            self.collectives.phrase("", self.base),
            self.individuals.phrase("", self.base),
            self.total.phrase("", self.base),
        )
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: Base = Base::Previous(PeriodKind::Quarter);

    #[test]
    fn phrases() {
        let d = |current, base| Delta { current, base };
        assert_eq!(d(45, 40).phrase_percent("tập thể", Base::SamePeriodLastYear), "tăng 12,5%");
        assert_eq!(d(9, 12).phrase_count("tập thể", Base::SamePeriodLastYear), "giảm 3 tập thể");
        assert_eq!(d(7, 7).phrase_percent("tập thể", Base::SamePeriodLastYear), "bằng cùng kỳ");
        assert_eq!(d(7, 7).phrase_count("cá nhân", Q), "bằng quý trước");
        assert_eq!(d(5, 0).phrase_percent("tập thể", Q), "tăng 5 tập thể");
        assert_eq!(d(2500, 1000).phrase("lượt", Q), "tăng 1.500 lượt (150%)");
        assert_eq!(d(0, 3).phrase("cá nhân", Q), "giảm 3 cá nhân (100%)");
        assert_eq!(d(45, 40).percent(), Some(12.5));
        assert_eq!(d(1, 0).percent(), None);
        assert_eq!(d(1, 4).diff(), -3);
        assert_eq!(d(3, 2).phrase("", Q), "tăng 1 (50%)");
    }
}
