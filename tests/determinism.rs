//! Determinism: the same inputs and `SOURCE_DATE_EPOCH` give byte-identical PDF,
//! DOCX, SVG, PNG and JSON — across processes, and when several bulletins are
//! rendered one after another in one process.

mod common;
use bantin::bulletin::{Block, Bulletin};
use bantin::geo::Grid;
use common::*;
use std::path::Path;

/// Every artefact of one bulletin, by name.
fn artefacts(b: &Bulletin) -> Vec<(&'static str, Vec<u8>)> {
    let chart = b
        .body
        .iter()
        .find_map(|x| match x {
            Block::Figure(f) => Some(f.chart.clone()),
            _ => None,
        })
        .expect("the bulletin has a chart");
    vec![
        ("pdf", bantin::render::pdf::render(b).unwrap()),
        ("docx", bantin::render::docx::render(b).unwrap()),
        ("svg", chart.to_svg(453.5).unwrap().into_bytes()),
        ("png", chart.to_png(453.5, 150.0).unwrap()),
        ("bulletin.json", serde_json::to_vec_pretty(b).unwrap()),
    ]
}

/// Bulletin A: 40 synthetic events on the 63-province grid.
fn bulletin_a() -> Bulletin {
    bulletin_for(&synthetic_events(40), Grid::Old63)
}

/// Bulletin B: 7 synthetic events, so a smaller table and chart and one page less.
fn bulletin_b() -> Bulletin {
    bulletin_for(&synthetic_events(7), Grid::Old63)
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    format!("{} vs {} bytes, first difference at byte {at}", a.len(), b.len())
}

/// Render A, then B, then A again: the two A renders are identical in every format.
#[test]
fn several_bulletins_in_one_process() {
    let first = artefacts(&bulletin_a());
    let other = artefacts(&bulletin_b());
    let again = artefacts(&bulletin_a());
    for (((name, x), (_, y)), (_, z)) in first.iter().zip(&again).zip(&other) {
        assert!(x == y, "{name}: A rendered twice differs: {}", first_difference(x, y));
        assert!(x != z, "{name}: A and B should differ");
    }
}

/// Helper for [`across_processes`]: when `BANTIN_DETERMINISM_OUT` names a folder,
/// writes bulletin A's artefacts there (run in a child process); otherwise checks
/// that every artefact is non-empty.
#[test]
fn write_artefacts_for_another_process() {
    let arts = artefacts(&bulletin_a());
    match std::env::var_os("BANTIN_DETERMINISM_OUT") {
        Some(dir) => {
            for (name, bytes) in arts {
                std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
            }
        }
        None => assert!(arts.iter().all(|(_, bytes)| !bytes.is_empty())),
    }
}

/// A second process (this test binary run again, with its own hash seeds and
/// allocator state) renders bulletin A to the same bytes as this one.
#[test]
fn across_processes() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "write_artefacts_for_another_process", "--test-threads", "1"])
        .env("BANTIN_DETERMINISM_OUT", dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    for (name, bytes) in artefacts(&bulletin_a()) {
        let theirs = std::fs::read(dir.path().join(name)).unwrap();
        assert!(theirs == bytes, "{name}: the two processes differ: {}", first_difference(&theirs, &bytes));
    }
}

/// The CLI twice with the same `SOURCE_DATE_EPOCH`: extracted events and statistics (JSON),
/// charts (SVG, PNG), PDF and DOCX are identical.
#[test]
fn cli_runs_are_byte_identical() {
    let runs: Vec<tempfile::TempDir> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    for d in &runs {
        let o = d.path().to_str().unwrap();
        let events = d.path().join("events.json");
        let out = bantin(&["extract", "examples/articles", "-o", events.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let ev = events.to_str().unwrap();
        let out = bantin(&["bulletin", ev, "--period", "2020", "-o", o]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let stats = d.path().join("stats.json");
        let out = bantin(&["stats", ev, "--period", "2020", "--format", "json", "-o", stats.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for chart in ["chart.svg", "chart.png"] {
            let path = d.path().join(chart);
            let out = bantin(&["chart", ev, "--period", "2020", "--kind", "province", "-o", path.to_str().unwrap()]);
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    for name in ["events.json", "stats.json", "chart.svg", "chart.png", "ban-tin-2020.pdf", "ban-tin-2020.docx"] {
        let a = std::fs::read(runs[0].path().join(name)).unwrap();
        let b = std::fs::read(runs[1].path().join(name)).unwrap();
        assert!(a == b, "{name} differs between runs: {}", first_difference(&a, &b));
    }
}

/// `SOURCE_DATE_EPOCH` is what fixes the dates: another epoch changes the issue date
/// in the PDF (so the tests above would notice a clock leaking in).
#[test]
fn source_date_epoch_sets_the_issue_date() {
    let d = tempfile::tempdir().unwrap();
    let run = |epoch: &str, sub: &str| {
        let o = d.path().join(sub);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args(["bulletin", "examples/articles", "--period", "2020", "--format", "pdf", "-o", o.to_str().unwrap()])
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        pdf_text(&o.join("ban-tin-2020.pdf"))
    };
    let july = run("1593561600", "a");
    let january = run("1578000000", "b");
    assert!(july.contains("ngày 01 tháng 7 năm 2020"), "{july}");
    assert!(january.contains("ngày 03 tháng 01 năm 2020"), "{january}");
}
