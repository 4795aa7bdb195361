//! Helpers shared by the integration tests: running the binary and reading documents
//! the way a reader's tools do (pdftotext, pdffonts, qpdf).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `bantin` with fixed `SOURCE_DATE_EPOCH` (2020-07-01).
pub fn bantin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1593561600")
        .output()
        .expect("the bantin binary runs")
}

/// Runs an external tool and returns stdout; fails with an install hint if it is missing.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} ({e}); run scripts/test.sh, which installs the test tools"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

/// The text of a PDF, as pdftotext gives it.
pub fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// Counts non-overlapping occurrences.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A word from `pdftotext -bbox`: page index, text and box in points (top-left origin).
#[derive(Debug, Clone)]
pub struct BoxWord {
    /// 0-based page.
    pub page: usize,
    /// The word.
    pub text: String,
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

/// Words with their boxes, as `pdftotext -bbox` reports them.
pub fn pdf_words(pdf: &Path) -> Vec<BoxWord> {
    let html = tool("pdftotext", &["-bbox", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let mut page = 0usize;
    let mut seen_page = false;
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            if seen_page {
                page += 1;
            }
            seen_page = true;
        }
        let Some(rest) = line.strip_prefix("<word ") else { continue };
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            let start = rest.find(&key).unwrap() + key.len();
            rest[start..].split('"').next().unwrap().parse().unwrap()
        };
        let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
        let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        out.push(BoxWord { page, text, x0: attr("xMin"), y0: attr("yMin"), x1: attr("xMax"), y1: attr("yMax") });
    }
    out
}

/// `n` synthetic events in 2020-Q2 (see `bantin::sample`).
pub fn synthetic_events(n: usize) -> Vec<bantin::event::Event> {
    bantin::sample::events(n, 2020, 4)
}

/// A composed bulletin over `events` for 2020-Q2, with a fixed date.
pub fn bulletin_for(events: &[bantin::event::Event], grid: bantin::geo::Grid) -> bantin::bulletin::Bulletin {
    let period = bantin::period::Period::parse("2020-Q2").unwrap();
    let stats = bantin::stats::compute(
        events,
        &period,
        &bantin::stats::StatsOptions { grid: Some(grid), ..Default::default() },
    );
    let settings = bantin::Settings::new(1_593_561_600);
    bantin::compose::compose(&stats, &settings).unwrap()
}
