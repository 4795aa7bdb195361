//! Statistics per period: per province, totals, and comparisons with the
//! previous period and the same period a year earlier.

use crate::event::Event;
use crate::geo::{self, Grid};
use crate::period::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
            self.collectives += u64::from(a.collectives.unwrap_or(0));
            self.individuals += u64::from(a.individuals.unwrap_or(0));
            if a.collectives.is_none() && a.individuals.is_none() {
                self.combined += u64::from(a.combined.unwrap_or(0));
            }
        }
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

/// Options for [`compute`].
#[derive(Debug, Clone, Default)]
pub struct StatsOptions {
    /// The grid to count on; `None` means the grid in force on the period's last day.
    pub grid: Option<Grid>,
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
    /// Events with no province (the *chưa xác định* row).
    pub unassigned: Counts,
    /// Totals of the previous period.
    pub previous: Counts,
    /// Totals of the same period one year earlier.
    pub same_period_last_year: Counts,
    /// Warnings for the reader (events without date or province, …).
    pub warnings: Vec<String>,
}

/// Computes the statistics of `period` from `events`.
pub fn compute(events: &[Event], period: &Period, opts: &StatsOptions) -> PeriodStats {
    let grid = opts.grid.unwrap_or_else(|| Grid::in_force_on(period.end.year, period.end.month));
    let mut by_province: BTreeMap<String, Counts> = BTreeMap::new();
    let mut unassigned = Counts::default();
    let mut totals = Counts::default();
    let mut undated = 0;
    for e in events.iter().filter(|e| e.relevant) {
        let Some(date) = &e.date else {
            undated += 1;
            continue;
        };
        if !period.contains(date) {
            continue;
        }
        totals.add_event(e);
        match e.province.as_deref().and_then(|p| geo::on_grid(p, grid)) {
            Some(p) => by_province.entry(p.to_string()).or_default().add_event(e),
            None => unassigned.add_event(e),
        }
    }
    let mut warnings = Vec::new();
    if undated > 0 {
        warnings.push(format!("{undated} sự kiện chưa xác định ngày, không được tính vào kỳ"));
    }
    let mut rows: Vec<ProvinceRow> =
        by_province.into_iter().map(|(province, counts)| ProvinceRow { province, counts }).collect();
    crate::collate::sort_by_key(&mut rows, |r| r.province.as_str());
    PeriodStats {
        period: *period,
        grid,
        rows,
        totals,
        unassigned,
        previous: totals_in(events, &period.previous()),
        same_period_last_year: totals_in(events, &period.same_period_last_year()),
        warnings,
    }
}

/// Totals of the relevant, dated events in a period.
pub fn totals_in(events: &[Event], period: &Period) -> Counts {
    let mut c = Counts::default();
    for e in events.iter().filter(|e| e.relevant && e.date.is_some_and(|d| period.contains(&d))) {
        c.add_event(e);
    }
    c
}
