//! Property tests over random input: the layout keeps every glyph inside the text
//! area, the printed provinces table adds up, and extraction never panics.
//! Case counts stay small so the suite stays fast; the fuzzers in `fuzz/` go deeper.

mod common;
use bantin::article::Article;
use bantin::bulletin::{Align, Block, Column, Span, Table};
use bantin::event::{Award, Event, EventDate, Scope};
use bantin::geo::Grid;
use bantin::layout::{self, Item};
use common::*;
use proptest::prelude::*;

/// Words the fonts draw: Vietnamese with stacked marks, long compounds, numbers, punctuation.
const WORDS: &[&str] = &[
    "Công",
    "an",
    "tỉnh",
    "Thừa",
    "Thiên",
    "Huế",
    "khen",
    "thưởng",
    "“Vì",
    "an ninh",
    "Tổ",
    "quốc”",
    "1.234.567",
    "(12,5%)",
    "–",
    "Nghị định 30/2020/NĐ-CP",
    "ĐẢNG",
    "ỦY",
    "NGHIÊNG",
    "https://congan.thuathienhue.gov.vn/tin-tuc/hoi-nghi-dien-hinh-tien-tien",
    "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww",
    "x",
];

fn text(max_words: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(WORDS), 0..max_words).prop_map(|w| w.join(" "))
}

fn spans() -> impl Strategy<Value = Vec<Span>> {
    proptest::collection::vec(
        (text(40), any::<bool>(), any::<bool>()).prop_map(|(text, bold, italic)| Span { text, bold, italic }),
        0..4,
    )
}

fn table() -> impl Strategy<Value = Block> {
    (1usize..8, 0usize..30, any::<bool>()).prop_flat_map(|(cols, rows, with_totals)| {
        let columns = proptest::collection::vec(
            (text(4), 0u8..3).prop_map(|(header, a)| Column {
                header,
                align: [Align::Left, Align::Center, Align::Right][a as usize],
            }),
            cols,
        );
        let body = proptest::collection::vec(proptest::collection::vec(text(6), cols), rows);
        let totals = proptest::collection::vec(text(2), cols).prop_map(move |t| with_totals.then_some(t));
        (columns, body, totals).prop_map(|(columns, rows, totals)| {
            Block::Table(Table { caption: "Bảng thử".into(), columns, rows, totals })
        })
    })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        (1u8..=3, text(12)).prop_map(|(level, text)| Block::Heading { level, number: format!("{level}."), text }),
        spans().prop_map(Block::Paragraph),
        spans().prop_map(Block::Bullet),
        table(),
    ]
}

fn event(i: usize) -> impl Strategy<Value = Event> {
    let provinces = bantin::geo::names(Grid::Old63);
    (
        proptest::option::weighted(0.9, 0..provinces.len()),
        1u8..=6,
        1u8..=28,
        proptest::collection::vec(
            (
                proptest::option::of(0u32..500),
                proptest::option::of(0u32..5_000),
                proptest::option::of(0u32..900),
                any::<bool>(),
            ),
            0..3,
        ),
    )
        .prop_map(move |(p, month, day, awards)| Event {
            id: format!("prop-{i}"),
            relevant: true,
            date: EventDate::ymd(2020, month, day).ok(),
            province: p.map(|p| provinces[p].to_string()),
            awards: awards
                .into_iter()
                .enumerate()
                .map(|(k, (collectives, individuals, combined, tally))| Award {
                    form: if k % 2 == 0 { "Bằng khen".into() } else { "Giấy khen".into() },
                    grantor: None,
                    collectives,
                    individuals,
                    combined,
                    scope: if tally { Scope::Period } else { Scope::Event },
                    evidence: format!("Câu {i}.{k}."),
                })
                .collect(),
            ..Default::default()
        })
}

fn events() -> impl Strategy<Value = Vec<Event>> {
    (0usize..40).prop_flat_map(|n| (0..n).map(event).collect::<Vec<_>>())
}

/// A number as the bulletin prints it (`1.234`).
fn printed(s: &str) -> u64 {
    s.replace('.', "").parse().unwrap_or_else(|_| panic!("`{s}` is not a printed number"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random headings, paragraphs, bullets and tables: no glyph, rule or chart leaves the
    /// text area; only the page numbers sit in the top margin, from page 2 on.
    #[test]
    fn layout_never_places_a_glyph_outside_the_text_area(body in proptest::collection::vec(block(), 1..14)) {
        let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
        b.body = body;
        let layout = layout::layout(&b).unwrap();
        let (l, t, r, bt) = layout.text_area;
        for (i, page) in layout.pages.iter().enumerate() {
            for item in &page.items {
                let slack = match item {
                    Item::Rule { width, .. } => width / 2.0 + 0.01,
                    _ => 0.01,
                };
                let (x0, y0, x1, y1) = item.bbox();
                let is_number = i > 0 && y1 <= t && matches!(item, Item::Text(run) if run.text == (i + 1).to_string());
                prop_assert!(
                    is_number || (x0 >= l - slack && x1 <= r + slack && y0 >= t - slack && y1 <= bt + slack),
                    "page {}: {:?} outside {:?}", i + 1, item, layout.text_area
                );
            }
        }
    }

    /// The provinces table as printed: every column of the totals row is the sum of
    /// that column over the rows, each row's total counts at least its collectives and
    /// individuals, and the chart shows the same figures as the table.
    #[test]
    fn printed_totals_equal_the_sum_of_the_rows(events in events()) {
        let b = bulletin_for(&events, Grid::Old63);
        let tables: Vec<&Table> = b.body.iter().filter_map(|x| match x { Block::Table(t) => Some(t), _ => None }).collect();
        let in_period = events.iter().any(|e| e.date.is_some_and(|d| (4..=6).contains(&d.month.unwrap_or(0))));
        if !in_period {
            prop_assert!(tables.is_empty());
            return Ok(());
        }
        let t = tables.iter().find(|t| t.columns.get(1).is_some_and(|c| c.header == "Tỉnh, thành phố"));
        prop_assert!(t.is_some(), "a per-province table");
        let t = t.unwrap();
        let totals = t.totals.as_ref().expect("a totals row");
        for col in 2..6 {
            let sum: u64 = t.rows.iter().map(|r| printed(&r[col])).sum();
            prop_assert_eq!(sum, printed(&totals[col]), "column {} ({})", col, &t.columns[col].header);
        }
        for r in &t.rows {
            prop_assert!(printed(&r[5]) >= printed(&r[3]) + printed(&r[4]), "{:?}", r);
        }
        let bars: Vec<(String, u64, u64)> = b.body.iter().find_map(|x| match x {
            Block::Figure(f) => Some(match &f.chart {
                bantin::chart::Chart::ProvinceBars { rows } => rows.iter().map(|r| (r.label.clone(), r.collectives, r.individuals)).collect(),
                _ => Vec::new(),
            }),
            _ => None,
        }).expect("a province chart");
        for (label, c, i) in &bars {
            let row = t.rows.iter().find(|r| &r[1] == label).expect("every bar has a table row");
            prop_assert_eq!((printed(&row[3]), printed(&row[4])), (*c, *i), "{}", label);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary UTF-8: reading and extraction return, never panic.
    #[test]
    fn extraction_never_panics_on_arbitrary_utf8(s in any::<String>()) {
        if let Ok(a) = Article::parse("p.txt", s.as_bytes()) {
            let e = bantin::extract::extract(&a);
            prop_assert!(!e.id.is_empty());
        }
    }

    /// Article-like text built from the phrases extraction looks for, with odd numbers
    /// and dates (31/02, 2020-13-45, huge counts), front matter and stray marks.
    #[test]
    fn extraction_never_panics_on_article_like_text(
        parts in proptest::collection::vec(proptest::sample::select(&[
            "---\n", "title: Hội nghị\n", "published: 2020-13\n", "published: 2020-05-02\n", "Ngày 31/02/2020, ",
            "ngày 2020-13-45 ", "(QNO) - ", "Công an tỉnh Quảng Nam ", "CA TP.HCM ", "tặng Bằng khen cho ",
            "99999999999999999999 tập thể", " và 12 cá nhân", "Huân chương Bảo vệ Tổ quốc hạng Ba", "“Vì an ninh Tổ quốc”",
            "5 năm qua, ", "đã có 1.234 lượt tập thể, cá nhân được khen thưởng. ", "\u{0301}\u{0323}", "\r\n", "\n\n", "\u{feff}",
            "Thượng tướng Nguyễn Văn A, Thứ trưởng Bộ Công an ", "quý II/2020 ", "tháng 13 ", "0/0 ", ".", "%",
        ][..]), 0..40)
    ) {
        let text: String = parts.concat();
        if let Ok(a) = Article::parse("p.txt", text.as_bytes()) {
            let e = bantin::extract::extract(&a);
            if let Some(d) = e.date {
                prop_assert!(d.validate().is_ok(), "{}", d);
            }
            for a in &e.awards {
                prop_assert!(a.collectives.unwrap_or(0) <= bantin_max_count() && a.individuals.unwrap_or(0) <= bantin_max_count());
            }
        }
    }
}

/// The largest count an award line may carry (the loaders' limit).
fn bantin_max_count() -> u32 {
    1_000_000
}

/// Regression (found by the layout property): a table row taller than a page used to
/// run past the bottom margin. It now continues on the next pages, every word kept.
#[test]
fn a_table_row_taller_than_a_page_continues_on_the_next_page() {
    let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
    let tall: Vec<String> = (0..400).map(|i| format!("mục{i}")).collect();
    // A wide first column leaves the second narrow: a few words a line, well over a page.
    b.body = vec![Block::Table(Table {
        caption: "Bảng thử".into(),
        columns: vec![
            Column {
                header: "Số thứ tự của dòng trong bảng thử nghiệm rất rộng rất rộng".into(),
                align: Align::Center,
            },
            Column { header: "Nội dung".into(), align: Align::Left },
        ],
        rows: vec![vec!["1".into(), tall.join(" ")], vec!["2".into(), "ngắn".into()]],
        totals: Some(vec![String::new(), "Tổng cộng".into()]),
    })];
    let layout = layout::layout(&b).unwrap();
    let (_, t, _, bt) = layout.text_area;
    let mut seen = 0;
    for (i, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            let (_, y0, _, y1) = item.bbox();
            let slack = if matches!(item, Item::Rule { .. }) { 0.26 } else { 0.01 };
            let is_number = i > 0 && y1 <= t;
            assert!(is_number || (y0 >= t - slack && y1 <= bt + slack), "page {}: {item:?}", i + 1);
            if let Item::Text(run) = item {
                seen += run.text.split(' ').filter(|w| w.starts_with("mục")).count();
            }
        }
    }
    assert_eq!(seen, 400, "every line of the tall row is placed once");
    assert!(layout.pages.len() >= 2);
}

/// Regression: extraction of a long article without full stops grew with the square
/// of its length (100 KB took minutes). Four times the text must take well under
/// sixteen times as long.
#[test]
fn extraction_time_grows_linearly_with_a_long_line() {
    let sentence =
        "Công an tỉnh Thái Bình tổ chức hội nghị điển hình tiên tiến, tặng Giấy khen cho 5 tập thể và 12 cá nhân; ";
    let time = |kb: usize| {
        let a = Article::parse("dai.txt", sentence.repeat(kb * 1024 / sentence.len()).as_bytes()).unwrap();
        let started = std::time::Instant::now();
        let e = bantin::extract::extract(&a);
        assert_eq!(e.awards.len(), 1);
        started.elapsed().as_secs_f64()
    };
    time(20); // warm up the matchers
              // The faster of two runs each, to damp the noise of a shared machine.
    let (small, large) = (time(100).min(time(100)), time(400).min(time(400)));
    assert!(large < 8.0 * small + 0.05, "100 KB: {small:.3} s, 400 KB: {large:.3} s");
}

/// Regression (found by the layout property): the pieces of a word too wide for a line
/// were set with a space between them, which both split the word and pushed the line
/// past the right margin when justified.
#[test]
fn a_word_wider_than_a_line_is_cut_without_spaces_and_stays_inside() {
    let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
    // The case the property shrank to: a URL glued to a bold word, then a very wide word.
    let url = "https://congan.thuathienhue.gov.vn/tin-tuc/hoi-nghi-dien-hinh-tien-tien";
    let wide = "W".repeat(97);
    b.body =
        vec![Block::Paragraph(vec![Span::plain(format!("Công {url}")), Span::bold(format!("thưởng tỉnh {wide}"))])];
    let layout = layout::layout(&b).unwrap();
    let (_, _, r, _) = layout.text_area;
    let mut text = String::new();
    for item in &layout.pages[0].items {
        if let Item::Text(run) = item {
            if run.text.contains("tien") || run.text.contains("thư") || run.text.contains('W') {
                assert!(run.x + run.width() <= r + 0.01, "past the right margin: {run:?}");
                text.push_str(&run.text);
            }
        }
    }
    // Runs of successive lines are joined without a space, so the glued word reads
    // whole exactly when no space was put inside it.
    assert!(text.contains(&format!("{url}thưởng")), "a space inside the glued word: {text}");
}

/// Regression (found by the `layout` fuzzer): column widths were measured in bold only,
/// but some glyphs (`}`) are wider in the regular face, so a body cell overflowed its
/// column (a debug assertion in the table writer).
#[test]
fn cells_wider_in_the_regular_face_fit_their_column() {
    let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
    let col = |h: &str, align| Column { header: h.into(), align };
    b.body = vec![Block::Table(Table {
        caption: "Bảng thử".into(),
        columns: vec![
            col("[", Align::Right),
            col("", Align::Right),
            col("", Align::Left),
            col("[", Align::Right),
            col("[", Align::Right),
        ],
        rows: vec![
            vec!["}".into(), String::new(), String::new(), String::new(), String::new()],
            vec![String::new(); 5],
        ],
        totals: None,
    })];
    let layout = layout::layout(&b).unwrap();
    let brace = layout.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(t) if t.text == "}" => Some(t.clone()),
            _ => None,
        })
        .expect("the cell is drawn");
    let first_inner_rule = layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x0, x1, .. } if x0 == x1 && *x0 > brace.x => Some(*x0),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    assert!(brace.x + brace.width() <= first_inner_rule, "{brace:?} crosses the rule at {first_inner_rule}");
}

/// Regression (found by the `layout` fuzzer): a header of many columns of long
/// unbreakable words, squeezed below their longest word, overflowed its cells.
#[test]
fn squeezed_header_cells_stay_inside_their_columns() {
    let mut b = bulletin_for(&synthetic_events(3), Grid::Old63);
    let headers = [
        "UUUUUVUU%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%",
        "%%%%'%%%%%%%%%%%",
        "%%%%%",
        "%",
        "%%%%%%%%%",
        "%%%%%%%",
        "%%%%%",
        "%%%%%",
    ];
    let columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| Column { header: h.to_string(), align: if i == 0 { Align::Right } else { Align::Center } })
        .collect();
    let table = Table { caption: "Bảng thử".into(), columns, rows: Vec::new(), totals: None };
    b.body = vec![Block::Table(table)];
    let layout = layout::layout(&b).unwrap();
    let (l, _, r, _) = layout.text_area;
    for item in &layout.pages[0].items {
        let (x0, _, x1, _) = item.bbox();
        assert!(x0 >= l - 0.3 && x1 <= r + 0.3, "{item:?}");
    }
}

/// Regression (found by the `extract` fuzzer): a generic "khen thưởng" whose preceding
/// 40 bytes began inside a Vietnamese letter made extraction slice a string off a
/// character boundary and panic. Both the fuzzer's input and a minimal form must extract.
#[test]
fn generic_award_after_multibyte_letters_does_not_panic() {
    let crash = std::fs::read(root().join("tests/bad_input/fuzz_extract_char_boundary.txt")).unwrap();
    let minimal =
        "Ngày 31/02/2020, Công an tỉnh Thái Bình tổ chức Hội nghị điển hìông h trao tặng khen thưởng cho các tập thể.";
    for bytes in [crash.as_slice(), minimal.as_bytes()] {
        let a = Article::parse("crash.txt", bytes).unwrap();
        let e = bantin::extract::extract(&a);
        assert!(!e.id.is_empty());
    }
}

/// Regression (found by the `extract` fuzzer): a clause could end inside a "khen
/// thưởng", whose mention then reached past the clause, and the text after it was
/// sliced backwards. Both of the fuzzer's inputs must extract.
#[test]
fn a_keyword_cut_by_the_sentence_cap_does_not_panic() {
    for name in ["fuzz_extract_capped_clause_1.txt", "fuzz_extract_capped_clause_2.txt"] {
        let bytes = std::fs::read(root().join("tests/bad_input").join(name)).unwrap();
        let a = Article::parse(name, &bytes).unwrap();
        let e = bantin::extract::extract(&a);
        assert!(!e.id.is_empty(), "{name}");
    }
}
