//! Statistics per period: per province, per award form and grantor level, totals, and
//! comparisons with the previous period and the same period a year earlier.
//!
//! - `scope: period` award lines (tallies of earlier awards) are counted apart in
//!   [`PeriodStats::period_awards`] and never added to the totals.
//! - Events without a province go to the *chưa xác định* row ([`PeriodStats::unassigned`]),
//!   which is part of the totals; events without a usable date go to
//!   [`PeriodStats::undated`], which is not. Both produce a warning with the count.
//! - Duplicate reports are counted once (see [`dedup`]) unless [`StatsOptions::no_dedup`].

mod aggregate;
pub mod classify;
pub mod compare;
pub mod dedup;
pub mod report;

pub use classify::{FormFamily, GrantorLevel};
pub use compare::{Base, Change, Delta};

use crate::event::{Award, Event, EventDate};
use crate::geo::Grid;
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// Counts of events and awards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Number of (deduplicated) events.
    pub events: u64,
    /// Collectives awarded (tập thể).
    pub collectives: u64,
    /// Individuals awarded (cá nhân).
    pub individuals: u64,
    /// Combined counts that do not split into the two sides.
    pub combined: u64,
}

impl Counts {
    /// Total award instances (lượt): collectives + individuals + combined.
    pub fn total(&self) -> u64 {
        self.collectives + self.individuals + self.combined
    }

    /// Adds one event's `scope: event` awards.
    pub fn add_event(&mut self, e: &Event) {
        self.events += 1;
        for a in e.event_awards() {
            self.add_award(a);
        }
    }

    /// Adds one award line's counts (not the event count).
    ///
    /// `combined` is used only when neither side is given, so nothing is counted twice.
    pub fn add_award(&mut self, a: &Award) {
        self.collectives += u64::from(a.collectives.unwrap_or(0));
        self.individuals += u64::from(a.individuals.unwrap_or(0));
        if a.collectives.is_none() && a.individuals.is_none() {
            self.combined += u64::from(a.combined.unwrap_or(0));
        }
    }

    /// Adds another set of counts.
    pub fn add(&mut self, other: &Counts) {
        self.events += other.events;
        self.collectives += other.collectives;
        self.individuals += other.individuals;
        self.combined += other.combined;
    }

    /// Whether every count is zero.
    pub fn is_empty(&self) -> bool {
        *self == Counts::default()
    }
}

/// One row of the per-province table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceRow {
    /// Canonical name on the chosen grid.
    pub province: String,
    /// Counts for the period.
    #[serde(flatten)]
    pub counts: Counts,
}

/// One row of the per-form or per-grantor table; `counts.events` is the number of events
/// with at least one award line in the category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRow {
    /// The Vietnamese label (`Bằng khen`, `Bộ`).
    pub category: String,
    /// Counts for the period.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Several reports of one event in the period, counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    /// The id of the event that was kept.
    pub id: String,
    /// Its date.
    pub date: Option<EventDate>,
    /// Its province (as written in the event).
    pub province: Option<String>,
    /// Source files of every report, the kept one first.
    pub sources: Vec<String>,
}

/// Options for [`compute`].
#[derive(Debug, Clone, Default)]
pub struct StatsOptions {
    /// The grid to count on; `None` means the grid in force on the period's last day.
    pub grid: Option<Grid>,
    /// Count every report, even duplicates of one event (`--no-dedup`).
    pub no_dedup: bool,
}

/// Statistics of one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodStats {
    /// The period.
    pub period: Period,
    /// The grid counted on.
    pub grid: Grid,
    /// One row per province with events, in Vietnamese collation order.
    pub rows: Vec<ProvinceRow>,
    /// Totals over all rows (including the unassigned row).
    pub totals: Counts,
    /// Events in the period with no (known) province: the *chưa xác định* row.
    pub unassigned: Counts,
    /// Totals of the previous period.
    pub previous: Counts,
    /// Totals of the same period one year earlier.
    pub same_period_last_year: Counts,
    /// Warnings for the reader (events without date or province, duplicates merged, …).
    pub warnings: Vec<String>,
    /// Events with no date, or a partial date that straddles the period's edge: shown
    /// in a *chưa xác định thời gian* row, never added to the totals.
    #[serde(default)]
    pub undated: Counts,
    /// `scope: period` award lines (earlier-period tallies) of events in the period, kept apart.
    #[serde(default)]
    pub period_awards: Counts,
    /// Per award form family, in [`FormFamily::ALL`] order, non-empty families only.
    #[serde(default)]
    pub by_form: Vec<CategoryRow>,
    /// Per grantor level, in [`GrantorLevel::ALL`] order, non-empty levels only.
    #[serde(default)]
    pub by_grantor: Vec<CategoryRow>,
    /// Duplicate reports merged into events of the period.
    #[serde(default)]
    pub duplicates: Vec<Duplicate>,
    /// Whether duplicates were merged.
    #[serde(default)]
    pub deduplicated: bool,
}

impl PeriodStats {
    /// The change against the previous period.
    pub fn vs_previous(&self) -> Change {
        Change::new(&self.totals, &self.previous, Base::Previous(self.period.kind), self.period.previous())
    }

    /// The change against the same period one year earlier.
    pub fn vs_same_period_last_year(&self) -> Change {
        Change::new(
            &self.totals,
            &self.same_period_last_year,
            Base::SamePeriodLastYear,
            self.period.same_period_last_year(),
        )
    }
}

/// Computes the statistics of `period` from `events`.
pub fn compute(events: &[Event], period: &Period, opts: &StatsOptions) -> PeriodStats {
    let d = if opts.no_dedup { dedup::keep_all(events) } else { dedup::dedup(events) };
    compute_with(events, &d, period, opts)
}

/// [`compute`] and [`trend`] together, finding the duplicates once.
pub fn compute_with_trend(
    events: &[Event],
    period: &Period,
    opts: &StatsOptions,
    n: usize,
) -> (PeriodStats, Vec<(Period, Counts)>) {
    let d = dedup::dedup(events);
    let stats = if opts.no_dedup {
        compute_with(events, &dedup::keep_all(events), period, opts)
    } else {
        compute_with(events, &d, period, opts)
    };
    (stats, trend_with(events, &d, period, n))
}

fn compute_with(events: &[Event], d: &dedup::Dedup, period: &Period, opts: &StatsOptions) -> PeriodStats {
    let grid = opts.grid.unwrap_or_else(|| Grid::in_force_on(period.end.year, period.end.month));
    aggregate::aggregate(events, d, period, grid, !opts.no_dedup)
}

/// Totals of the relevant, dated events wholly inside a period, duplicates counted once.
pub fn totals_in(events: &[Event], period: &Period) -> Counts {
    let d = dedup::dedup(events);
    aggregate::totals(events, &d.kept, period)
}

/// The totals of the last `n` periods of the same kind as `period`, oldest first,
/// ending with `period` (for the trend chart). Duplicates are counted once.
pub fn trend(events: &[Event], period: &Period, n: usize) -> Vec<(Period, Counts)> {
    trend_with(events, &dedup::dedup(events), period, n)
}

fn trend_with(events: &[Event], d: &dedup::Dedup, period: &Period, n: usize) -> Vec<(Period, Counts)> {
    let mut periods = Vec::with_capacity(n);
    let mut p = *period;
    for _ in 0..n {
        periods.push(p);
        p = p.previous();
    }
    periods.reverse();
    periods.into_iter().map(|p| (p, aggregate::totals(events, &d.kept, &p))).collect()
}
