//! The tables and charts a template places by name.

use super::Settings;
use crate::bulletin::{Align, Column, Figure, Table};
use crate::chart::{BarRow, Chart, TrendPoint};
use crate::stats::{Counts, PeriodStats};
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
    debug_assert_eq!(name, "provinces");
    let mut body: Vec<(String, Counts)> = stats.rows.iter().map(|r| (r.province.clone(), r.counts)).collect();
    if stats.unassigned.events > 0 {
        body.push(("Chưa xác định".into(), stats.unassigned));
    }
    counts_table(
        format!("Bảng {number}. Kết quả khen thưởng theo tỉnh, thành phố, {label}"),
        "Tỉnh, thành phố",
        body,
        &stats.totals,
    )
}

/// The points of the trend chart: the history in `settings`, or else the previous
/// period and this one.
pub(super) fn trend_points(stats: &PeriodStats, settings: &Settings) -> Vec<TrendPoint> {
    let point = |label: String, c: &Counts, current: bool| TrendPoint {
        label,
        collectives: c.collectives,
        individuals: c.individuals,
        current,
    };
    if settings.history.is_empty() {
        return vec![
            point(stats.period.previous().short_label(), &stats.previous, false),
            point(stats.period.short_label(), &stats.totals, true),
        ];
    }
    settings.history.iter().map(|(p, c)| point(p.short_label(), c, *p == stats.period)).collect()
}

/// Chart `name` (one of [`super::helpers::CHARTS`]) as a figure numbered `number`.
pub(super) fn figure(name: &str, number: usize, stats: &PeriodStats, settings: &Settings) -> Figure {
    let label = stats.period.label();
    match name {
        "trend" => Figure {
            caption: format!("Hình {number}. Số lượt khen thưởng qua các kỳ, đến {label}"),
            chart: Chart::trend(trend_points(stats, settings)),
        },
        _ => {
            let rows = stats
                .rows
                .iter()
                .map(|r| BarRow {
                    label: r.province.clone(),
                    collectives: r.counts.collectives,
                    individuals: r.counts.individuals,
                })
                .collect();
            Figure {
                caption: format!("Hình {number}. Số lượt khen thưởng theo tỉnh, thành phố, {label}"),
                chart: Chart::province_bars(rows),
            }
        }
    }
}
