//! The PDF as a reader's tools see it: margins, page numbers, long tables, adversarial content.

mod common;
use bantin::bulletin::{Align, Block, Column, Span, Table};
use bantin::geo::Grid;
use bantin::render::pdf;
use common::*;

const MM: f32 = 72.0 / 25.4;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Every word but the page number lies inside the ND30 margins; the number sits
/// in the top margin from page 2 on and never on page 1.
fn check_margins_and_numbers(pdf_path: &std::path::Path) -> usize {
    let words = pdf_words(pdf_path);
    let (left, top, right, bottom) = (30.0 * MM, 20.0 * MM, (210.0 - 15.0) * MM, (297.0 - 20.0) * MM);
    let pages = words.iter().map(|w| w.page).max().unwrap() + 1;
    for p in 0..pages {
        let in_top_margin: Vec<_> = words.iter().filter(|w| w.page == p && w.y1 <= top).collect();
        if p == 0 {
            assert!(in_top_margin.is_empty(), "page 1 has text in the top margin: {in_top_margin:?}");
        } else {
            assert_eq!(
                in_top_margin.len(),
                1,
                "page {} should have exactly its number on top: {in_top_margin:?}",
                p + 1
            );
            let n = in_top_margin[0];
            assert_eq!(n.text, (p + 1).to_string());
            let centre = (n.x0 + n.x1) / 2.0;
            assert!((centre - (left + right) / 2.0).abs() < 2.0, "page number not centred: {centre}");
        }
        for w in words.iter().filter(|w| w.page == p && w.y1 > top) {
            assert!(
                w.x0 >= left - 0.5 && w.x1 <= right + 0.5,
                "word {:?} on page {} crosses a side margin",
                w.text,
                p + 1
            );
            assert!(
                w.y0 >= top - 0.5 && w.y1 <= bottom + 0.5,
                "word {:?} on page {} crosses top/bottom margin",
                w.text,
                p + 1
            );
        }
    }
    pages
}

#[test]
fn sixty_three_provinces_split_the_table_with_repeated_header() {
    let events = synthetic_events(63);
    let b = bulletin_for(&events, Grid::Old63);
    let bytes = pdf::render(&b).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "b.pdf", &bytes);
    let pages = check_margins_and_numbers(&path);
    assert!(pages >= 3, "63 rows and a 63-bar chart need several pages, got {pages}");
    let text = pdf_text(&path);
    for name in bantin::geo::names(Grid::Old63) {
        assert!(count(&text, name) >= 2, "{name} should be in the table and in the chart");
    }
    // The table header repeats on every page the table crosses.
    let words = pdf_words(&path);
    let table_pages: std::collections::BTreeSet<usize> =
        words.iter().filter(|w| w.text == "Lâm" || w.text == "Yên").map(|w| w.page).collect();
    let header_pages: std::collections::BTreeSet<usize> =
        words.iter().filter(|w| w.text == "Tỉnh,").map(|w| w.page).collect();
    assert!(header_pages.len() >= 2, "the table should cross a page: {header_pages:?}");
    for p in &header_pages {
        assert!(table_pages.contains(p) || *p == *header_pages.iter().next().unwrap());
    }
    let images = tool("pdfimages", &["-list", path.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 2, "no raster images expected:\n{images}");
}

#[test]
fn adversarial_content_stays_inside_the_margins() {
    let mut b = bulletin_for(&synthetic_events(5), Grid::Old63);
    b.body.push(Block::Paragraph(vec![Span::plain(format!("Từ dài: {} hết.", "x".repeat(300)))]));
    b.body.push(Block::Table(Table {
        caption: "Bảng 9. Năm trăm dòng".into(),
        columns: vec![
            Column { header: "STT".into(), align: Align::Center },
            Column { header: "Tỉnh, thành phố".into(), align: Align::Left },
            Column { header: "Tập thể".into(), align: Align::Right },
        ],
        rows: (0..500)
            .map(|i| {
                let name = if i % 50 == 0 {
                    "Một tỉnh có tên dài bốn mươi ký tự ABCDEF".to_string()
                } else {
                    format!("Tỉnh {i}")
                };
                vec![(i + 1).to_string(), name, bantin::vi::number(i * 1000)]
            })
            .collect(),
        totals: Some(vec![String::new(), "Tổng cộng".into(), "1.277".into()]),
    }));
    let bytes = pdf::render(&b).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "adv.pdf", &bytes);
    let pages = check_margins_and_numbers(&path);
    assert!(pages > 10);
}

#[test]
fn missing_glyph_is_an_error_naming_the_place() {
    let mut b = bulletin_for(&synthetic_events(2), Grid::Old63);
    b.body.push(Block::Paragraph(vec![Span::plain("Chữ Hán 漢 không có trong phông")]));
    let err = pdf::render(&b).unwrap_err().to_string();
    assert!(err.contains('漢') && err.contains("body["), "{err}");
}

#[test]
fn layout_never_places_text_outside_the_text_area() {
    let b = bulletin_for(&synthetic_events(40), Grid::Old63);
    let layout = bantin::layout::layout(&b).unwrap();
    let (l, t, r, bt) = layout.text_area;
    for (i, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            // Glyph boxes must be inside; rules may stick out by half their stroke.
            let slack = match item {
                bantin::layout::Item::Rule { width, .. } => width / 2.0 + 0.01,
                _ => 0.01,
            };
            let (x0, y0, x1, y1) = item.bbox();
            let is_number = i > 0 && y1 <= t;
            if !is_number {
                assert!(
                    x0 >= l - slack && x1 <= r + slack && y0 >= t - slack && y1 <= bt + slack,
                    "page {i}: {item:?}"
                );
            }
        }
    }
}

#[test]
fn default_bulletins_have_no_loose_lines() {
    for n in [1, 7, 40, 63] {
        let b = bulletin_for(&synthetic_events(n), Grid::Old63);
        let layout = bantin::layout::layout(&b).unwrap();
        assert!(layout.notes.is_empty(), "{n} events: {:?}", layout.notes);
    }
}

#[test]
fn headings_stay_with_their_text_and_no_paragraph_leaves_a_lone_line() {
    let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
    b.body.clear();
    let sentence = "Các đơn vị tiếp tục đẩy mạnh phong trào thi đua, phát hiện và nhân rộng điển hình tiên tiến trong mọi mặt công tác. ";
    for i in 0..40 {
        b.body.push(Block::Heading { level: 2, number: format!("{}.", i + 1), text: format!("Mục thử số {i}") });
        b.body.push(Block::Paragraph(vec![Span::plain(sentence.repeat(1 + i % 5))]));
    }
    let layout = bantin::layout::layout(&b).unwrap();
    let (_, top, _, _) = layout.text_area;
    let leading = b.page.body_size_pt * b.page.line_spacing;
    for (pi, page) in layout.pages.iter().enumerate() {
        // Body lines of this page, top to bottom (one entry per baseline).
        let mut lines: Vec<(f32, String)> = Vec::new();
        for item in &page.items {
            if let bantin::layout::Item::Text(t) = item {
                if t.y > top && t.size == b.page.body_size_pt {
                    match lines.iter_mut().find(|(y, _)| (*y - t.y).abs() < 0.1) {
                        Some((_, s)) => s.push_str(&t.text),
                        None => lines.push((t.y, t.text.clone())),
                    }
                }
            }
        }
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, last)) = lines.last() else { continue };
        assert!(!last.contains("Mục thử"), "page {} ends with a heading: {last}", pi + 1);
        // A paragraph's first line alone at the foot: the line above it is a heading or a different block.
        if lines.len() >= 2 && pi + 1 < layout.pages.len() {
            let (y_last, _) = lines[lines.len() - 1];
            let (y_prev, prev) = &lines[lines.len() - 2];
            let gap = y_last - y_prev;
            assert!(
                gap <= leading + 1.0 || prev.contains("Mục thử"),
                "page {} ends with the lone first line of a paragraph",
                pi + 1
            );
        }
    }
}
#[test]
fn forty_events_fit_the_size_budget() {
    let b = bulletin_for(&synthetic_events(40), Grid::Old63);
    let bytes = pdf::render(&b).unwrap();
    assert!(bytes.len() <= 45 * 1024, "40-event bulletin is {} bytes", bytes.len());
}

#[test]
fn rendering_in_one_process_does_not_depend_on_history() {
    let a = bulletin_for(&synthetic_events(12), Grid::Old63);
    let b = bulletin_for(&synthetic_events(63), Grid::New34);
    let first = pdf::render(&a).unwrap();
    let other = pdf::render(&b).unwrap();
    let again = pdf::render(&a).unwrap();
    assert_ne!(first, other);
    assert!(first == again, "the same bulletin rendered twice in one process differs");
}
