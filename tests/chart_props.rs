//! Property tests: charts of any size and figures keep every label whole, on the
//! canvas and clear of every other label.

mod chart_common;
use bantin::chart::{BarRow, Chart, TrendPoint};
use chart_common::*;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any subset of provinces with any figures: every name drawn, no overlaps, nothing off the canvas.
    #[test]
    fn province_bars_never_overlap(
        figures in proptest::collection::vec((0u64..5_000, 0u64..200_000), 0..63),
        width in 220.0f32..600.0,
    ) {
        let names = provinces(63);
        let rows: Vec<BarRow> = figures
            .iter()
            .zip(&names)
            .map(|((c, i), n)| BarRow { label: n.to_string(), collectives: *c, individuals: *i })
            .collect();
        let chart = Chart::province_bars(rows);
        let rec = record_at(&chart, width);
        check_labels("prop", &chart, &rec);
    }

    /// Trends of up to 8 periods with month or quarter labels.
    #[test]
    fn trend_never_overlaps(
        figures in proptest::collection::vec((0u64..50_000, 0u64..500_000), 0..12),
        current in 0usize..12,
        width in 260.0f32..600.0,
    ) {
        let chart = Chart::trend(monthly_points(&figures, current));
        let rec = record_at(&chart, width);
        check_labels("prop-trend", &chart, &rec);
    }
}

/// Found by `trend_never_overlaps` in CI: the current period's label and its note
/// "(kỳ này)" touched once text positions were rounded to whole pixels.
#[test]
fn trend_current_note_clear_of_label_at_narrow_width() {
    let figures = [
        (10486, 489514),
        (0, 0),
        (0, 0),
        (1, 141312),
        (6139, 440082),
        (7859, 144025),
        (17694, 303851),
        (26526, 359550),
    ];
    let chart = Chart::trend(monthly_points(&figures, 2));
    let rec = record_at(&chart, 269.2251);
    check_labels("trend-regression", &chart, &rec);
}

/// Trend points labelled `1/2024`, `2/2024`, … from (collectives, individuals) pairs.
fn monthly_points(figures: &[(u64, u64)], current: usize) -> Vec<TrendPoint> {
    figures
        .iter()
        .enumerate()
        .map(|(i, &(collectives, individuals))| TrendPoint {
            label: format!("{}/2024", i + 1),
            collectives,
            individuals,
            current: i == current,
        })
        .collect()
}
