//! Vietnamese collation of provinces, and period arithmetic across year boundaries.

use bantin::collate;
use bantin::event::{Award, Event};
use bantin::geo::{self, Grid};
use bantin::period::{Day, Period, PeriodKind};
use bantin::stats::{compute, StatsOptions};
use std::cmp::Ordering::Less;

#[test]
fn collation_pairs() {
    for (a, b) in [
        ("Bạc Liêu", "Bắc Giang"),
        ("Bắc Giang", "Bến Tre"),
        ("Cà Mau", "Cao Bằng"),
        ("Cao Bằng", "Cần Thơ"),
        ("Bình Dương", "Bình Định"),
        ("Lạng Sơn", "Lào Cai"),
        ("Lào Cai", "Lâm Đồng"),
        ("Dương Minh", "Đà Nẵng"),
        ("Đồng Tháp", "Ea Súp"),
    ] {
        assert_eq!(collate::compare(a, b), Less, "{a} < {b}");
    }
}

#[test]
fn the_63_grid_in_vietnamese_order() {
    let expected = "An Giang · Bà Rịa - Vũng Tàu · Bạc Liêu · Bắc Giang · Bắc Kạn · Bắc Ninh · Bến Tre · Bình Dương · \
        Bình Định · Bình Phước · Bình Thuận · Cà Mau · Cao Bằng · Cần Thơ · Đà Nẵng · Đắk Lắk · Đắk Nông · Điện Biên · \
        Đồng Nai · Đồng Tháp · Gia Lai · Hà Giang · Hà Nam · Hà Nội · Hà Tĩnh · Hải Dương · Hải Phòng · Hậu Giang · \
        Hòa Bình · Hồ Chí Minh · Hưng Yên · Khánh Hòa · Kiên Giang · Kon Tum · Lai Châu · Lạng Sơn · Lào Cai · \
        Lâm Đồng · Long An · Nam Định · Nghệ An · Ninh Bình · Ninh Thuận · Phú Thọ · Phú Yên · Quảng Bình · \
        Quảng Nam · Quảng Ngãi · Quảng Ninh · Quảng Trị · Sóc Trăng · Sơn La · Tây Ninh · Thái Bình · Thái Nguyên · \
        Thanh Hóa · Thừa Thiên Huế · Tiền Giang · Trà Vinh · Tuyên Quang · Vĩnh Long · Vĩnh Phúc · Yên Bái";
    assert_eq!(geo::sorted_names(Grid::Old63).join(" · "), expected);
}

#[test]
fn stats_rows_follow_vietnamese_order_not_byte_order() {
    let events: Vec<Event> = geo::names(Grid::Old63)
        .into_iter()
        .rev()
        .enumerate()
        .map(|(i, p)| Event {
            id: format!("e{i}"),
            relevant: true,
            date: Some("2024-02-10".parse().unwrap()),
            province: Some(p.to_string()),
            awards: vec![Award { form: "Bằng khen".into(), individuals: Some(1), ..Default::default() }],
            ..Default::default()
        })
        .collect();
    for grid in [Grid::Old63, Grid::New34] {
        let s = compute(&events, &Period::quarter(2024, 1), &StatsOptions { grid: Some(grid), ..Default::default() });
        let rows: Vec<&str> = s.rows.iter().map(|r| r.province.as_str()).collect();
        assert_eq!(rows, geo::sorted_names(grid));
        let first_d = rows.iter().position(|r| r.starts_with('Đ')).unwrap();
        let last_d = rows.iter().rposition(|r| r.starts_with('Đ')).unwrap();
        assert!(rows[..first_d].iter().all(|r| r < &"D"), "{rows:?}");
        assert!(rows[last_d + 1..].iter().all(|r| !r.starts_with(['A', 'B', 'C', 'D'])), "{rows:?}");
        assert_eq!(s.totals.individuals, 63);
    }
}

#[test]
fn previous_periods_across_year_boundaries() {
    assert_eq!(Period::quarter(2021, 1).previous(), Period::quarter(2020, 4));
    assert_eq!(Period::quarter(2021, 1).previous().label(), "quý IV năm 2020");
    assert_eq!(Period::month(2021, 1).previous(), Period::month(2020, 12));
    assert_eq!(Period::half(2021, 1).previous(), Period::half(2020, 2));
    assert_eq!(Period::half(2021, 1).previous().label(), "6 tháng cuối năm 2020");
    assert_eq!(Period::year(2021).previous(), Period::year(2020));
    let r = Period::parse("2021-01-01..2021-01-10").unwrap().previous();
    assert_eq!(
        (r.start, r.end, r.kind),
        (Day::new(2020, 12, 22).unwrap(), Day::new(2020, 12, 31).unwrap(), PeriodKind::Custom)
    );
    // Same period last year: Q1 2021 → Q1 2020; February of a leap year → February 2019 (28 days).
    assert_eq!(Period::quarter(2021, 1).same_period_last_year(), Period::quarter(2020, 1));
    assert_eq!(Period::month(2020, 2).same_period_last_year(), Period::month(2019, 2));
    assert_eq!(Period::month(2020, 2).same_period_last_year().end.day, 28);
    // Four quarters back from Q2 2021 is Q2 2020.
    let mut p = Period::quarter(2021, 2);
    for _ in 0..4 {
        p = p.previous();
    }
    assert_eq!(p, Period::quarter(2021, 2).same_period_last_year());
}

#[test]
fn labels() {
    assert_eq!(Period::quarter(2020, 2).label(), "quý II năm 2020");
    assert_eq!(Period::half(2020, 1).label(), "6 tháng đầu năm 2020");
    assert_eq!(Period::month(2020, 6).label(), "tháng 6 năm 2020");
    assert_eq!(Period::year(2020).label(), "năm 2020");
}
