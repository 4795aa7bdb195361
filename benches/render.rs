//! Criterion bench for the render stage (filled in by the stage's issue).
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let period = bantin::period::Period::parse("2020-Q2").unwrap();
    c.bench_function("render/period-label", |b| b.iter(|| period.label()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
