//! The PDF layout engine on arbitrary bulletin bodies (headings, paragraphs with
//! mixed faces, bullets, tables of any shape): it never panics, and every glyph
//! and rule lands inside the text area (page numbers in the top margin aside).
//!
//! With `BANTIN_FUZZ_EXPORT` set, the pages are also written out (glyph codes, font
//! subsets, content streams), which must not fail either. That is off by default:
//! it costs ten times the layout, most of it deflate, and since the fuzzer favours
//! the inputs that reach it, even writing out one input in sixteen took three
//! quarters of the run.
#![no_main]

use bantin::bulletin::{Align, Block, Bulletin, Column, Span, Table};
use bantin::fonts::{self, Face};
use bantin::layout::{self, Item};
use libfuzzer_sys::{arbitrary, fuzz_target};
use std::sync::OnceLock;

#[derive(Debug, arbitrary::Arbitrary)]
enum FBlock {
    Heading(u8, String),
    Paragraph(Vec<(String, bool, bool)>),
    Bullet(Vec<(String, bool, bool)>),
    Table { columns: Vec<(String, u8)>, cells: Vec<String>, totals: bool },
}

/// Letters, digits and marks the fonts draw, for mapping characters they do not.
const ALPHABET: &[char] = &[
    'a', 'ă', 'â', 'đ', 'ê', 'ô', 'ơ', 'ư', 'ế', 'ộ', 'ữ', 'ỹ', 'A', 'Đ', 'Ư', 'Ộ', '0', '7', ' ', ' ', ' ', '-', ',',
    '.', '“', '”', '–', '(', ')', '%', 'W', 'm', 'i', 'l',
];

fn drawable(s: &str) -> String {
    let m = fonts::metrics(Face::Regular);
    s.chars()
        .map(|c| if m.has(c) && !c.is_control() { c } else { ALPHABET[c as usize % ALPHABET.len()] })
        .take(2_000)
        .collect()
}

fn spans(v: &[(String, bool, bool)]) -> Vec<Span> {
    v.iter().take(20).map(|(t, bold, italic)| Span { text: drawable(t), bold: *bold, italic: *italic }).collect()
}

fn base() -> &'static Bulletin {
    static BASE: OnceLock<Bulletin> = OnceLock::new();
    BASE.get_or_init(|| {
        let events = bantin::sample::events(5, 2020, 4);
        let period = bantin::period::Period::parse("2020-Q2").expect("a valid period");
        let stats = bantin::stats::compute(&events, &period, &Default::default());
        let settings = bantin::Settings::new(1_593_561_600);
        bantin::compose::compose(&stats, &settings).expect("the default template composes")
    })
}

fn block(b: &FBlock) -> Block {
    match b {
        FBlock::Heading(level, text) => {
            Block::Heading { level: 1 + level % 3, number: format!("{}.", level), text: drawable(text) }
        }
        FBlock::Paragraph(v) => Block::Paragraph(spans(v)),
        FBlock::Bullet(v) => Block::Bullet(spans(v)),
        FBlock::Table { columns, cells, totals } => {
            let columns: Vec<Column> = columns
                .iter()
                .take(8)
                .map(|(h, a)| Column {
                    header: drawable(h),
                    align: [Align::Left, Align::Center, Align::Right][*a as usize % 3],
                })
                .collect();
            if columns.is_empty() {
                return Block::Paragraph(Vec::new());
            }
            let n = columns.len();
            let mut cells: Vec<String> = cells.iter().take(400).map(|c| drawable(c)).collect();
            while cells.len() % n != 0 {
                cells.push(String::new());
            }
            let mut rows: Vec<Vec<String>> = cells.chunks(n).map(|c| c.to_vec()).collect();
            let totals = if *totals { rows.pop() } else { None };
            Block::Table(Table { caption: "Bảng thử".into(), columns, rows, totals })
        }
    }
}

fuzz_target!(|body: Vec<FBlock>| {
    let mut b = base().clone();
    b.body = body.iter().take(60).map(block).collect();
    let Ok(layout) = layout::layout(&b) else { return };
    let (l, t, r, bt) = layout.text_area;
    for (i, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let slack = match item {
                Item::Rule { width, .. } => width / 2.0 + 0.01,
                _ => 0.01,
            };
            let (x0, y0, x1, y1) = item.bbox();
            let is_number = i > 0 && y1 <= t && matches!(item, Item::Text(run) if run.text == (i + 1).to_string());
            if !is_number {
                assert!(
                    x0 >= l - slack && x1 <= r + slack && y0 >= t - slack && y1 <= bt + slack,
                    "page {i}: {item:?} outside the text area {:?}",
                    layout.text_area
                );
            }
        }
    }
    static EXPORT: OnceLock<bool> = OnceLock::new();
    if *EXPORT.get_or_init(|| std::env::var_os("BANTIN_FUZZ_EXPORT").is_some()) {
        bantin::render::pdf::render(&b).expect("laid-out pages export");
    }
});
