//! Property tests: totals equal the sum of the rows, on any input; writers round-trip.

use bantin::event::{Award, Event, EventDate, Scope};
use bantin::geo::{self, Grid};
use bantin::load::{read_events, write_events, EventFormat};
use bantin::period::Period;
use bantin::stats::{compute, Counts, StatsOptions};
use proptest::prelude::*;

const FORMS: [&str; 8] = [
    "Huân chương Chiến công hạng Ba",
    "Huy chương Chiến sĩ vẻ vang",
    "Cờ thi đua của Bộ Công an",
    "Bằng khen của Thủ tướng Chính phủ",
    "Giấy khen",
    "Chiến sĩ thi đua cơ sở",
    "Kỷ niệm chương",
    "Giải thưởng",
];

fn award() -> impl Strategy<Value = Award> {
    (
        0..FORMS.len(),
        proptest::option::of(0u32..50),
        proptest::option::of(0u32..50),
        proptest::option::of(0u32..50),
        any::<bool>(),
    )
        .prop_map(|(f, c, i, comb, period)| Award {
            form: FORMS[f].to_string(),
            collectives: c,
            individuals: i,
            combined: comb,
            scope: if period { Scope::Period } else { Scope::Event },
            evidence: format!("câu {f}"),
            ..Default::default()
        })
}

fn date() -> impl Strategy<Value = Option<EventDate>> {
    prop_oneof![
        1 => Just(None),
        1 => (2019i32..=2021).prop_map(|y| Some(EventDate { year: y, month: None, day: None })),
        2 => (2019i32..=2021, 1u8..=12).prop_map(|(y, m)| Some(EventDate { year: y, month: Some(m), day: None })),
        8 => (2019i32..=2021, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Some(EventDate::ymd(y, m, d).unwrap())),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    let names = geo::names(Grid::Old63);
    let n = names.len();
    (0..n + 2, date(), proptest::collection::vec(award(), 0..4), any::<bool>(), 0u32..3, 0u32..1000).prop_map(
        move |(p, date, awards, relevant, kind, id)| Event {
            id: format!("e{id}"),
            relevant: relevant || kind > 0,
            kind: Some(format!("loại {kind}")),
            date,
            province: match p {
                p if p < n => Some(names[p].to_string()),
                p if p == n => Some("Huế".to_string()),
                _ => None,
            },
            awards,
            ..Default::default()
        },
    )
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (2019i32..=2021, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q)),
        (2019i32..=2021, 1u8..=12).prop_map(|(y, m)| Period::month(y, m)),
        (2019i32..=2021).prop_map(Period::year),
    ]
}

fn sum<'a>(it: impl Iterator<Item = &'a Counts>) -> Counts {
    let mut c = Counts::default();
    for x in it {
        c.add(x);
    }
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn totals_are_the_sum_of_the_rows(
        events in proptest::collection::vec(event(), 0..60),
        period in period(),
        grid34 in any::<bool>(),
        no_dedup in any::<bool>(),
    ) {
        let grid = if grid34 { Grid::New34 } else { Grid::Old63 };
        let s = compute(&events, &period, &StatsOptions { grid: Some(grid), no_dedup });
        let mut rows = sum(s.rows.iter().map(|r| &r.counts));
        rows.add(&s.unassigned);
        prop_assert_eq!(rows, s.totals);
        // Form and grantor breakdowns split the same award counts.
        for cats in [&s.by_form, &s.by_grantor] {
            let c = sum(cats.iter().map(|r| &r.counts));
            prop_assert_eq!((c.collectives, c.individuals, c.combined), (s.totals.collectives, s.totals.individuals, s.totals.combined));
        }
        // Rows are distinct units of the grid.
        prop_assert!(s.rows.len() <= grid.size() as usize);
        // Period tallies never reach the totals: removing them changes nothing.
        let stripped: Vec<Event> = events.iter().cloned().map(|mut e| { e.awards.retain(|a| a.scope == Scope::Event); e }).collect();
        let s2 = compute(&stripped, &period, &StatsOptions { grid: Some(grid), no_dedup: true });
        let s3 = compute(&events, &period, &StatsOptions { grid: Some(grid), no_dedup: true });
        prop_assert_eq!(s2.totals, s3.totals);
        // Deduplication only ever removes events.
        let all = compute(&events, &period, &StatsOptions { grid: Some(grid), no_dedup: true });
        prop_assert!(s.totals.events <= all.totals.events);
    }

    #[test]
    fn writers_round_trip(events in proptest::collection::vec(event(), 0..20)) {
        for format in [EventFormat::Json, EventFormat::Jsonl, EventFormat::Csv] {
            if events.is_empty() && format == EventFormat::Jsonl {
                prop_assert!(write_events(&events, format).is_err());
                continue;
            }
            let bytes = write_events(&events, format).unwrap();
            let back = read_events("p", &bytes, format).unwrap();
            prop_assert_eq!(&back, &events);
        }
    }
}
