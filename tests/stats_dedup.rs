//! Duplicate reports of one event are counted once; near misses are not merged.

use bantin::event::{Award, Event, Scope, Source};
use bantin::period::Period;
use bantin::stats::{self, compute, dedup, StatsOptions};

fn report(id: &str, province: Option<&str>, date: &str, kind: &str, lines: &[(&str, u32, u32)]) -> Event {
    Event {
        id: id.into(),
        source: Source { file: format!("{id}.txt"), ..Default::default() },
        relevant: true,
        kind: Some(kind.into()),
        date: Some(date.parse().unwrap()),
        province: province.map(str::to_string),
        awards: lines
            .iter()
            .map(|&(form, c, i)| Award {
                form: form.into(),
                collectives: Some(c),
                individuals: Some(i),
                evidence: format!("{id}: {form}"),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

const BK: (&str, u32, u32) = ("Bằng khen", 2, 5);
const GK: (&str, u32, u32) = ("Giấy khen", 1, 3);

#[test]
fn same_event_reported_twice_is_counted_once() {
    let events = vec![
        report("a", Some("Thừa Thiên Huế"), "2024-05-10", "hội nghị điển hình", &[BK, GK]),
        // Other wording, lines in another order, new-grid name, next day, other casing of the kind.
        report("b", Some("Huế"), "2024-05-11", "Hội nghị  điển hình", &[GK, BK]),
    ];
    let d = dedup::dedup(&events);
    assert_eq!(d.kept, vec![0]);
    assert_eq!(d.groups, vec![vec![0, 1]]);
    let s = compute(&events, &Period::quarter(2024, 2), &StatsOptions::default());
    assert_eq!((s.totals.events, s.totals.collectives, s.totals.individuals), (1, 3, 8));
    assert_eq!(s.duplicates[0].sources, vec!["a.txt", "b.txt"]);
    let s = compute(&events, &Period::quarter(2024, 2), &StatsOptions { no_dedup: true, ..Default::default() });
    assert_eq!((s.totals.events, s.totals.collectives, s.totals.individuals), (2, 6, 16));
}

#[test]
fn near_misses_stay_apart() {
    let base = report("a", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK]);
    let cases = [
        report("b", Some("Bến Tre"), "2024-05-12", "hội nghị", &[BK]),
        report("c", Some("Trà Vinh"), "2024-05-10", "hội nghị", &[BK]),
        report("d", Some("Bến Tre"), "2024-05-10", "lễ trao thưởng", &[BK]),
        report("e", Some("Bến Tre"), "2024-05-10", "hội nghị", &[("Bằng khen", 2, 6)]),
        report("f", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK, GK]),
        report("g", None, "2024-05-10", "hội nghị", &[BK]),
    ];
    for other in cases {
        let d = dedup::dedup(&[base.clone(), other.clone()]);
        assert_eq!(d.kept, vec![0, 1], "{} was merged", other.id);
        assert!(d.groups.is_empty());
    }
    // Two reports without a province are never merged either.
    let a = report("a", None, "2024-05-10", "hội nghị", &[BK]);
    assert_eq!(dedup::dedup(&[a.clone(), a]).kept.len(), 2);
}

#[test]
fn scope_is_part_of_the_award_line() {
    let a = report("a", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK]);
    let mut b = report("b", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK]);
    b.awards[0].scope = Scope::Period;
    assert_eq!(dedup::dedup(&[a, b]).kept.len(), 2);
}

#[test]
fn windows_are_anchored_on_the_first_report() {
    let e = |id, date| report(id, Some("Bến Tre"), date, "hội nghị", &[BK]);
    let events = vec![e("c", "2024-05-12"), e("a", "2024-05-10"), e("b", "2024-05-11"), e("x", "2024-05-20")];
    let d = dedup::dedup(&events);
    // 10 and 11 merge (kept: first in input order, "a" at index 1); 12 is two days after 10.
    assert_eq!(d.groups, vec![vec![1, 2]]);
    assert_eq!(d.kept, vec![0, 1, 3]);
}

#[test]
fn irrelevant_reports_are_never_counted() {
    let mut a = report("a", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK]);
    a.relevant = false;
    let b = report("b", Some("Bến Tre"), "2024-05-10", "hội nghị", &[BK]);
    let d = dedup::dedup(&[a.clone(), b]);
    assert_eq!(d.kept, vec![1]);
    assert!(d.groups.is_empty());
    assert_eq!(dedup::keep_all(&[a]).kept, Vec::<usize>::new());
}

#[test]
fn statistics_and_trend_found_together_equal_found_apart() {
    let mut events = bantin::sample::events(300, 2020, 4);
    events.extend(bantin::sample::events(200, 2020, 1));
    let dup = events[7].clone();
    events.push(dup);
    let period = Period::parse("2020-Q2").unwrap();
    for no_dedup in [false, true] {
        let opts = StatsOptions { no_dedup, ..Default::default() };
        let (stats, trend) = stats::compute_with_trend(&events, &period, &opts, 4);
        assert_eq!(stats, stats::compute(&events, &period, &opts), "no_dedup {no_dedup}");
        assert_eq!(trend, stats::trend(&events, &period, 4));
        assert_eq!(trend.len(), 4);
        assert!(trend[3].1.collectives + trend[3].1.individuals > 0);
    }
}
