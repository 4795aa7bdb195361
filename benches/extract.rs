//! Criterion bench for the extract stage: MB/s of article text on one core.
//!
//! The corpus is the five sample articles, each repeated in a few variants so the
//! measurement covers a realistic mix; throughput counts the bytes of article text.
use bantin::article::Article;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus() -> Vec<Article> {
    let mut files: Vec<_> = std::fs::read_dir("examples/articles")
        .expect("examples/articles exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files.iter().map(|f| Article::read(f).expect("sample article reads")).collect()
}

fn bench(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("five-samples", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(bantin::extract::extract(black_box(a)));
            }
        })
    });
    // Reading and normalising (NFC, BOM, CRLF) as well, from bytes.
    let raw: Vec<(String, Vec<u8>)> =
        articles.iter().map(|a| (a.file.clone(), a.body.replace('\n', "\r\n").into_bytes())).collect();
    let raw_bytes: usize = raw.iter().map(|(_, b)| b.len()).sum();
    g.throughput(Throughput::Bytes(raw_bytes as u64));
    g.bench_function("parse-and-extract", |b| {
        b.iter(|| {
            for (name, bytes) in &raw {
                let a = Article::parse(name, black_box(bytes)).expect("parses");
                black_box(bantin::extract::extract(&a));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
