//! The hand-made events file tests/data/events_2020q2.json with totals computed by hand
//! (see the comments) on both grids.

use bantin::geo::Grid;
use bantin::load::load_inputs;
use bantin::period::Period;
use bantin::stats::report::{self, By};
use bantin::stats::{compute, trend, Counts, PeriodStats, StatsOptions};

fn counts(events: u64, collectives: u64, individuals: u64, combined: u64) -> Counts {
    Counts { events, collectives, individuals, combined }
}

fn stats(grid: Option<Grid>, no_dedup: bool) -> PeriodStats {
    let events = load_inputs(&["tests/data/events_2020q2.json".into()]).unwrap();
    assert_eq!(events.len(), 16);
    compute(&events, &Period::quarter(2020, 2), &StatsOptions { grid, no_dedup })
}

fn rows(s: &PeriodStats) -> Vec<(&str, Counts)> {
    s.rows.iter().map(|r| (r.province.as_str(), r.counts)).collect()
}

#[test]
fn totals_on_the_63_grid() {
    let s = stats(None, false);
    assert_eq!(s.grid, Grid::Old63, "Q2 2020 ends before 2025-07-01");
    // In Q2: bt-1 (bt-2 merged), tv-1, vl-1, hn-1, hue-1, np-1, hcm-1, hcm-2.
    // collectives 5+1+1+2+0+1+0+1 = 11; individuals 15+2+0+5+7+1+3+0 = 33; combined 15 (hn-1).
    assert_eq!(s.totals, counts(8, 11, 33, 15));
    assert_eq!(s.totals.total(), 59);
    assert_eq!(
        rows(&s),
        vec![
            ("Bến Tre", counts(1, 5, 15, 0)),
            ("Bình Dương", counts(1, 0, 3, 0)),
            ("Hà Nội", counts(1, 2, 5, 15)),
            ("Hồ Chí Minh", counts(1, 1, 0, 0)),
            ("Thừa Thiên Huế", counts(1, 0, 7, 0)),
            ("Trà Vinh", counts(1, 1, 2, 0)),
            ("Vĩnh Long", counts(1, 1, 0, 0)),
        ]
    );
    // np-1 has no province: the chưa xác định row, inside the totals.
    assert_eq!(s.unassigned, counts(1, 1, 1, 0));
    // nd-1 (no date) and y-1 (year only) are not in any quarter's totals.
    assert_eq!(s.undated, counts(2, 0, 59, 0));
    // vl-1's tally of earlier years stays apart.
    assert_eq!(s.period_awards, counts(1, 20, 100, 0));
    // Q1 2020: prev-1. Q2 2019: ly-1 and ly-2.
    assert_eq!(s.previous, counts(1, 4, 6, 0));
    assert_eq!(s.same_period_last_year, counts(2, 3, 9, 0));
    assert_eq!(s.duplicates.len(), 1);
    assert_eq!(s.duplicates[0].sources, vec!["a.txt".to_string(), "b.txt".to_string()]);
    assert!(s.warnings.iter().any(|w| w.starts_with("1 sự kiện trong kỳ chưa xác định tỉnh")), "{:?}", s.warnings);
    assert!(s.warnings.iter().any(|w| w.starts_with("1 sự kiện chưa xác định ngày")), "{:?}", s.warnings);
    assert!(s.warnings.iter().any(|w| w.starts_with("1 sự kiện chỉ biết năm hoặc tháng")), "{:?}", s.warnings);
    assert!(s.warnings.iter().any(|w| w.starts_with("1 báo cáo trùng lặp")), "{:?}", s.warnings);
}

#[test]
fn totals_on_the_34_grid() {
    let s = stats(Some(Grid::New34), false);
    assert_eq!(s.totals, counts(8, 11, 33, 15));
    assert_eq!(
        rows(&s),
        vec![
            ("Hà Nội", counts(1, 2, 5, 15)),
            // Bình Dương + Hồ Chí Minh.
            ("Hồ Chí Minh", counts(2, 1, 3, 0)),
            ("Huế", counts(1, 0, 7, 0)),
            // Bến Tre + Trà Vinh + Vĩnh Long.
            ("Vĩnh Long", counts(3, 7, 17, 0)),
        ]
    );
    assert_eq!(s.unassigned, counts(1, 1, 1, 0));
    assert_eq!(s.previous, counts(1, 4, 6, 0));
    assert_eq!(s.same_period_last_year, counts(2, 3, 9, 0));
}

#[test]
fn default_grid_after_the_merger_is_34() {
    let events = load_inputs(&["tests/data/events_2020q2.json".into()]).unwrap();
    let s = compute(&events, &Period::quarter(2025, 3), &StatsOptions::default());
    assert_eq!(s.grid, Grid::New34);
    let s = compute(&events, &Period::quarter(2025, 2), &StatsOptions::default());
    assert_eq!(s.grid, Grid::Old63);
}

#[test]
fn without_dedup_both_reports_count() {
    let s = stats(None, true);
    assert_eq!(s.totals, counts(9, 16, 48, 15));
    assert_eq!(rows(&s)[0], ("Bến Tre", counts(2, 10, 30, 0)));
    assert!(s.duplicates.is_empty());
    assert!(!s.deduplicated);
}

#[test]
fn by_form_and_by_grantor() {
    let s = stats(None, false);
    let cats = |v: &[bantin::stats::CategoryRow]| -> Vec<(String, Counts)> {
        v.iter().map(|r| (r.category.clone(), r.counts)).collect()
    };
    assert_eq!(
        cats(&s.by_form),
        vec![
            ("Huân chương".into(), counts(1, 1, 2, 0)),
            ("Cờ thi đua".into(), counts(1, 1, 0, 0)),
            ("Bằng khen".into(), counts(4, 7, 15, 0)),
            ("Giấy khen".into(), counts(3, 2, 15, 0)),
            ("Danh hiệu thi đua".into(), counts(1, 0, 1, 0)),
            ("Kỷ niệm chương".into(), counts(1, 0, 0, 15)),
        ]
    );
    assert_eq!(
        cats(&s.by_grantor),
        vec![
            ("Nhà nước".into(), counts(1, 1, 2, 0)),
            ("Chính phủ".into(), counts(1, 2, 5, 0)),
            ("Bộ".into(), counts(3, 4, 10, 15)),
            ("Tỉnh".into(), counts(1, 1, 0, 0)),
            ("Đơn vị".into(), counts(3, 2, 15, 0)),
            ("Chưa xác định".into(), counts(1, 1, 1, 0)),
        ]
    );
}

#[test]
fn comparisons_and_phrases() {
    let s = stats(None, false);
    let prev = s.vs_previous();
    assert_eq!(prev.collectives.diff(), 7);
    assert_eq!(prev.collectives.percent(), Some(175.0));
    let same = s.vs_same_period_last_year();
    assert_eq!(same.individuals.diff(), 24);
    let base = same.base;
    assert_eq!(same.individuals.phrase_percent("cá nhân", base), "tăng 266,7%");
    assert_eq!(same.collectives.phrase_count("tập thể", base), "tăng 8 tập thể");
    assert_eq!(prev.base_period, Period::quarter(2020, 1));
}

#[test]
fn exports() {
    let s = stats(Some(Grid::New34), false);
    let table = report::table(&s, By::Province);
    assert!(table.contains("quý II năm 2020"), "{table}");
    assert!(table.contains("Chưa xác định"), "{table}");
    // Every row of the table has the same width in characters.
    let body: Vec<&str> = table.lines().skip(2).take_while(|l| !l.is_empty()).collect();
    let widths: Vec<usize> =
        body.iter().filter(|l| l.contains("Vĩnh Long") || l.starts_with('-')).map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 3, "{table}");
    assert!(widths.iter().all(|&w| w == widths[0]), "{widths:?}\n{table}");

    let v: serde_json::Value = serde_json::from_str(&report::json(&s)).unwrap();
    assert_eq!(v["period"]["start"], "2020-04-01");
    assert_eq!(v["period"]["end"], "2020-06-30");
    assert_eq!(v["period"]["label"], "quý II năm 2020");
    assert_eq!(v["grid"], 34);
    assert_eq!(v["rows"][3]["province"], "Vĩnh Long");
    assert_eq!(v["rows"][3]["events"], 3);
    assert_eq!(v["rows"][3]["collectives"], 7);
    assert_eq!(v["rows"][3]["individuals"], 17);
    assert_eq!(v["totals"]["collectives"], 11);
    assert_eq!(v["unassigned"]["events"], 1);
    assert_eq!(v["previous"]["collectives"], 4);
    assert_eq!(v["same_period_last_year"]["individuals"], 9);
    assert_eq!(v["change"]["same_period_last_year"]["collectives"]["phrase"], "tăng 8 tập thể (266,7%)");

    let csv = report::csv(&s, By::Province);
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = std::str::from_utf8(&csv[3..]).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "STT,\"Tỉnh, thành phố\",Sự kiện,Tập thể,Cá nhân,Lượt chung,Tổng lượt");
    assert_eq!(lines[4], "4,Vĩnh Long,3,7,17,0,24");
    assert_eq!(lines[5], ",Chưa xác định,1,1,1,0,2");
    assert_eq!(lines[6], ",Tổng cộng,8,11,33,15,59");
    // Same input, same bytes.
    assert_eq!(report::csv(&s, By::Province), csv);
    assert_eq!(report::json(&stats(Some(Grid::New34), false)), report::json(&s));
    let forms = String::from_utf8(report::csv(&s, By::Form)).unwrap();
    assert!(forms.contains("Bằng khen,4,7,15,0,22"), "{forms}");
}

#[test]
fn trend_gives_the_last_n_periods() {
    let events = load_inputs(&["tests/data/events_2020q2.json".into()]).unwrap();
    let t = trend(&events, &Period::quarter(2020, 2), 5);
    let periods: Vec<String> = t.iter().map(|(p, _)| p.short_label()).collect();
    assert_eq!(periods, ["Q2/2019", "Q3/2019", "Q4/2019", "Q1/2020", "Q2/2020"]);
    assert_eq!(t[0].1, counts(2, 3, 9, 0));
    assert_eq!(t[1].1, Counts::default());
    assert_eq!(t[3].1, counts(1, 4, 6, 0));
    assert_eq!(t[4].1, counts(8, 11, 33, 15));
}
