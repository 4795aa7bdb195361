//! Charts inside the PDF: drawn as vectors by the PDF writer, their labels real
//! text that pdftotext finds (all 63 province names included).
//!
//! Set `BANTIN_CHART_DIR=/some/dir` to keep the PDF there for looking at it.

mod common;
use bantin::bulletin::{Block, Figure};
use bantin::chart::{BarRow, Chart, TrendPoint};
use bantin::geo::{self, Grid};
use common::*;

fn bulletin_with(figures: Vec<Figure>) -> bantin::bulletin::Bulletin {
    let events = bantin::load::load_inputs(&[root().join("examples/articles")]).unwrap();
    let period = bantin::period::Period::parse("2020").unwrap();
    let stats = bantin::stats::compute(&events, &period, &Default::default());
    let mut b = bantin::compose(&stats, &bantin::Settings::new(1_593_561_600)).unwrap();
    b.body.extend(figures.into_iter().map(Block::Figure));
    b
}

#[test]
fn pdf_text_layer_holds_every_chart_label() {
    let names = geo::names(Grid::Old63);
    assert_eq!(names.len(), 63);
    let rows: Vec<BarRow> = names
        .iter()
        .enumerate()
        .map(|(i, n)| BarRow { label: n.to_string(), collectives: (i as u64 * 7) % 40, individuals: 1000 + i as u64 })
        .collect();
    let trend: Vec<TrendPoint> = (1..=6)
        .map(|q| TrendPoint {
            label: format!("Q{}/{}", (q - 1) % 4 + 1, 2019 + (q - 1) / 4),
            collectives: 10 * q,
            individuals: 40 * q,
            current: q == 6,
        })
        .collect();
    let forms = vec![
        BarRow { label: "Huân chương Bảo vệ Tổ quốc".into(), collectives: 3, individuals: 12 },
        BarRow { label: "Bằng khen của Bộ trưởng Bộ Công an".into(), collectives: 40, individuals: 210 },
        BarRow { label: "Giấy khen".into(), collectives: 95, individuals: 1277 },
    ];
    let charts = [Chart::province_bars(rows), Chart::trend(trend), Chart::forms(forms)];
    let figures = charts
        .iter()
        .enumerate()
        .map(|(i, c)| Figure { caption: format!("Hình {}. Biểu đồ thử", i + 1), chart: c.clone() })
        .collect();
    let pdf = bantin::render::pdf::render(&bulletin_with(figures)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = match std::env::var_os("BANTIN_CHART_DIR") {
        Some(d) => std::path::PathBuf::from(d).join("charts.pdf"),
        None => dir.path().join("charts.pdf"),
    };
    std::fs::write(&path, &pdf).unwrap();
    let text = pdf_text(&path);
    // pdftotext joins words on a line with single spaces; compare with collapsed whitespace.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for chart in &charts {
        for label in chart.labels() {
            let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&label), "{label:?} not in the PDF text");
        }
    }
    for n in &names {
        assert!(flat.contains(n), "{n} not in the PDF text");
    }
    assert!(flat.contains("1.372"), "Vietnamese thousands separator in bar values");
}
