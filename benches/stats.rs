//! Criterion bench: aggregating 1M synthetic events (generated deterministically here)
//! into one quarter's statistics, with and without deduplication.
use bantin::event::{Award, Event, EventDate, Scope, Source};
use bantin::geo::{self, Grid};
use bantin::period::Period;
use bantin::stats::{compute, StatsOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

const N: usize = 1_000_000;

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn events() -> Vec<Event> {
    let names = geo::names(Grid::Old63);
    let forms = [
        "Bằng khen",
        "Giấy khen",
        "Huân chương Chiến công hạng Ba",
        "Cờ thi đua của Bộ Công an",
        "Chiến sĩ thi đua cơ sở",
    ];
    let grantors = [None, Some("Bộ trưởng Bộ Công an"), Some("Giám đốc Công an tỉnh"), Some("Chủ tịch nước")];
    let kinds = ["hội nghị điển hình tiên tiến", "lễ trao thưởng", "đại hội thi đua", "hội nghị tổng kết"];
    let mut r = Lcg(20200401);
    let mut out: Vec<Event> = Vec::with_capacity(N);
    for i in 0..N {
        // About 5% are second reports of an earlier event, a day later.
        if i > 0 && r.next(20) == 0 {
            let mut dup = out[r.next(i)].clone();
            if let Some(d) = dup.date.as_mut() {
                d.day = d.day.map(|x| (x % 27) + 1);
            }
            dup.id = format!("d{i}");
            out.push(dup);
            continue;
        }
        let province = (r.next(50) > 0).then(|| names[r.next(names.len())].to_string());
        let date =
            (r.next(100) > 0).then(|| {
                EventDate::ymd(2019 + r.next(3) as i32, 1 + r.next(12) as u8, 1 + r.next(28) as u8)
                    .unwrap_or(EventDate { year: 2020, month: None, day: None })
            });
        let awards = (0..1 + r.next(3))
            .map(|_| Award {
                form: forms[r.next(forms.len())].to_string(),
                grantor: grantors[r.next(grantors.len())].map(str::to_string),
                collectives: Some(r.next(10) as u32),
                individuals: Some(r.next(40) as u32),
                combined: None,
                scope: if r.next(10) == 0 { Scope::Period } else { Scope::Event },
                evidence: String::new(),
            })
            .collect();
        out.push(Event {
            id: format!("e{i}"),
            source: Source { file: format!("{i}.txt"), ..Default::default() },
            relevant: r.next(20) > 0,
            kind: Some(kinds[r.next(kinds.len())].to_string()),
            date,
            province,
            awards,
            ..Default::default()
        });
    }
    out
}

fn bench(c: &mut Criterion) {
    let events = events();
    let period = Period::quarter(2020, 2);
    let mut g = c.benchmark_group("stats");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("compute-1M-dedup", |b| b.iter(|| compute(black_box(&events), &period, &StatsOptions::default())));
    g.bench_function("compute-1M-no-dedup", |b| {
        b.iter(|| compute(black_box(&events), &period, &StatsOptions { no_dedup: true, ..Default::default() }))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
