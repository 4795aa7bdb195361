//! Criterion bench for the render stage: PDF and DOCX of one composed bulletin,
//! at 40 events (a province's quarter) and 10,000 events (a national year).
//!
//! Composing is done once outside the timed loop; each iteration is one whole
//! writer call, bytes out. `chart/png` rasterises each figure of the 40-event
//! bulletin at 300 dpi, one after another. `cargo bench --bench render`.
use bantin::bulletin::{Block, Bulletin};
use bantin::geo::Grid;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;

fn bulletin(n: usize) -> Bulletin {
    let events = bantin::sample::events(n, 2020, 4);
    let period = bantin::period::Period::parse("2020-Q2").expect("a valid period");
    let opts = bantin::stats::StatsOptions { grid: Some(Grid::Old63), ..Default::default() };
    let stats = bantin::stats::compute(&events, &period, &opts);
    let settings = bantin::Settings::new(1_593_561_600);
    bantin::compose::compose(&stats, &settings).expect("the default template composes")
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.sample_size(30);
    for n in [40usize, 10_000] {
        let b = bulletin(n);
        g.bench_with_input(BenchmarkId::new("pdf", n), &b, |x, b| {
            x.iter(|| bantin::render::pdf::render(black_box(b)).expect("PDF renders"))
        });
        g.bench_with_input(BenchmarkId::new("docx", n), &b, |x, b| {
            x.iter(|| bantin::render::docx::render(black_box(b)).expect("DOCX renders"))
        });
        g.bench_with_input(BenchmarkId::new("layout", n), &b, |x, b| {
            x.iter(|| bantin::layout::layout(black_box(b)).expect("lays out"))
        });
    }
    g.finish();

    let b = bulletin(40);
    let charts: Vec<&bantin::chart::Chart> = b
        .body
        .iter()
        .filter_map(|x| match x {
            Block::Figure(f) => Some(&f.chart),
            _ => None,
        })
        .collect();
    let mut g = c.benchmark_group("chart");
    g.sample_size(30);
    g.bench_function(BenchmarkId::new("png", charts.len()), |x| {
        x.iter(|| {
            for chart in &charts {
                black_box(chart.to_png(bantin::chart::TEXT_WIDTH_PT, 300.0).expect("PNG renders"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
