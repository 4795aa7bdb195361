//! The tables and charts a template places by name.

use super::Settings;
use crate::bulletin::{Align, Column, Figure, Table};
use crate::chart::{BarRow, Chart, Kind, TrendPoint};
use crate::period::Period;
use crate::stats::report::UNASSIGNED_LABEL;
use crate::stats::{CategoryRow, Counts, PeriodStats};
use crate::vi;

fn n(x: u64) -> String {
    vi::number(x as i64)
}

fn col(h: &str, align: Align) -> Column {
    Column { header: h.to_string(), align }
}

fn count_cells(c: &Counts) -> Vec<String> {
    vec![n(c.events), n(c.collectives), n(c.individuals), n(c.total())]
}

/// A counts table: STT, a label column, events, collectives, individuals, total.
fn counts_table(caption: String, label: &str, body: Vec<(String, Counts)>, totals: &Counts) -> Table {
    let rows = body
        .into_iter()
        .enumerate()
        .map(|(i, (name, c))| {
            let mut row = vec![(i + 1).to_string(), name];
            row.extend(count_cells(&c));
            row
        })
        .collect();
    let mut total_row = vec![String::new(), "Tổng cộng".into()];
    total_row.extend(count_cells(totals));
    Table {
        caption,
        columns: vec![
            col("STT", Align::Center),
            col(label, Align::Left),
            col("Số sự kiện", Align::Right),
            col("Tập thể", Align::Right),
            col("Cá nhân", Align::Right),
            col("Tổng số lượt", Align::Right),
        ],
        rows,
        totals: Some(total_row),
    }
}

/// Table `name` (one of [`super::helpers::TABLES`]), numbered `number`.
pub(super) fn table(name: &str, number: usize, stats: &PeriodStats) -> Table {
    let label = stats.period.label();
    let categories = |rows: &[CategoryRow]| rows.iter().map(|r| (r.category.clone(), r.counts)).collect();
    match name {
        "forms" => counts_table(
            format!("Bảng {number}. Kết quả khen thưởng theo hình thức, {label}"),
            "Hình thức khen thưởng",
            categories(&stats.by_form),
            &category_totals(&stats.by_form, stats.totals.events),
        ),
        "grantors" => counts_table(
            format!("Bảng {number}. Kết quả khen thưởng theo cấp khen thưởng, {label}"),
            "Cấp khen thưởng",
            categories(&stats.by_grantor),
            &category_totals(&stats.by_grantor, stats.totals.events),
        ),
        _ => {
            let mut body: Vec<(String, Counts)> = stats.rows.iter().map(|r| (r.province.clone(), r.counts)).collect();
            if !stats.unassigned.is_empty() {
                body.push((UNASSIGNED_LABEL.into(), stats.unassigned));
            }
            counts_table(
                format!("Bảng {number}. Kết quả khen thưởng theo tỉnh, thành phố, {label}"),
                "Tỉnh, thành phố",
                body,
                &stats.totals,
            )
        }
    }
}

/// The totals row of a category table: award counts summed over the rows; the event
/// count is the period's (an event with two forms is one event).
fn category_totals(rows: &[CategoryRow], events: u64) -> Counts {
    let mut c = Counts::default();
    for r in rows {
        c.add(&r.counts);
    }
    c.events = events;
    c
}

/// The points of the trend chart: `history` when given, or else the previous period and
/// this one.
fn trend_points(stats: &PeriodStats, history: &[(Period, Counts)]) -> Vec<TrendPoint> {
    let point = |label: String, c: &Counts, current: bool| TrendPoint {
        label,
        collectives: c.collectives,
        individuals: c.individuals,
        current,
    };
    if history.is_empty() {
        return vec![
            point(stats.period.previous().short_label(), &stats.previous, false),
            point(stats.period.short_label(), &stats.totals, true),
        ];
    }
    history.iter().map(|(p, c)| point(p.short_label(), c, *p == stats.period)).collect()
}

/// The chart of a kind for `stats`: bars per province, bars per award form, or the trend
/// over `history` (totals of this and earlier periods, oldest first; see
/// [`crate::stats::trend`]).
pub fn chart(kind: Kind, stats: &PeriodStats, history: &[(Period, Counts)]) -> Chart {
    match kind {
        Kind::Province => Chart::province_bars(bars(stats.rows.iter().map(|r| (&r.province, &r.counts)))),
        Kind::Forms => Chart::forms(bars(stats.by_form.iter().map(|r| (&r.category, &r.counts)))),
        Kind::Trend => Chart::trend(trend_points(stats, history)),
    }
}

/// Chart `kind` as a figure numbered `number`.
pub(super) fn figure(kind: Kind, number: usize, stats: &PeriodStats, settings: &Settings) -> Figure {
    let label = stats.period.label();
    let caption = match kind {
        Kind::Province => format!("Hình {number}. Số lượt khen thưởng theo tỉnh, thành phố, {label}"),
        Kind::Forms => format!("Hình {number}. Số lượt khen thưởng theo hình thức, {label}"),
        Kind::Trend => format!("Hình {number}. Số lượt khen thưởng qua các kỳ, đến {label}"),
    };
    Figure { caption, chart: chart(kind, stats, &settings.history) }
}

fn bars<'a>(rows: impl Iterator<Item = (&'a String, &'a Counts)>) -> Vec<BarRow> {
    rows.map(|(label, c)| BarRow { label: label.clone(), collectives: c.collectives, individuals: c.individuals })
        .collect()
}
