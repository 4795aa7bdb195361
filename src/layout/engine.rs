//! The engine: a [`Bulletin`] on ND30 pages: header block, title, body blocks,
//! tables, figures and the signature block, then pagination and page numbers.

use super::flow::{paginate, Break, VBox};
use super::frame::{Item, Layout, TextRun};
use super::geometry::{Geometry, INDENT, PAGE_H, PAGE_W, PARA_SPACE};
use super::table::table_boxes;
use super::text::{break_lines, natural_width, place_line, simple_lines, words, LineAlign, Word};
use crate::bulletin::{Block, Bulletin, HeaderBlock, Span};
use crate::fonts::{self, Face};

/// Size of the page number (ND30: 13–14 pt).
pub const PAGE_NUMBER_SIZE: f32 = 13.0;

/// Lays out a whole bulletin.
pub fn layout(b: &Bulletin) -> Layout {
    let g = Geometry::of(&b.page);
    let mut notes = Vec::new();
    let (mut first_page, body_top) = header_and_title(b, &g);
    let mut boxes = Vec::new();
    let mut headers = Vec::new();
    for (i, block) in b.body.iter().enumerate() {
        let mut bs = block_boxes(block, &g, &mut headers, &mut notes, i);
        if let Some(first) = bs.first_mut() {
            first.space_before = if i == 0 { 0.0 } else { first.space_before.max(PARA_SPACE) };
        }
        boxes.extend(bs);
    }
    boxes.push(closing_box(b, &g));
    let mut pages = paginate(boxes, &headers, body_top, g.top, g.bottom);
    if let Some(p1) = pages.first_mut() {
        first_page.append(&mut p1.items);
        p1.items = first_page;
    }
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        let text = (i + 1).to_string();
        let w = fonts::width(Face::Regular, &text, PAGE_NUMBER_SIZE);
        let x = g.left + (g.width() - w) / 2.0;
        let y = g.top / 2.0 + PAGE_NUMBER_SIZE / 3.0;
        page.items.push(Item::Text(TextRun {
            x,
            y,
            face: Face::Regular,
            size: PAGE_NUMBER_SIZE,
            text,
            extra_space: 0.0,
        }));
    }
    Layout { width: PAGE_W, height: PAGE_H, text_area: (g.left, g.top, g.right, g.bottom), pages, notes }
}

/// Centred lines of one face in a column; returns the items and the baseline of the last line.
fn centred(
    text: &str,
    face: Face,
    size: f32,
    x: f32,
    width: f32,
    first_baseline: f32,
    leading: f32,
) -> (Vec<Item>, f32, f32) {
    let mut items = Vec::new();
    let mut y = first_baseline;
    let mut widest: f32 = 0.0;
    for (i, line) in text.split('\n').flat_map(|l| balanced_lines(l, face, size, width)).enumerate() {
        if i > 0 {
            y += leading;
        }
        widest = widest.max(natural_width(&line));
        items.extend(place_line(&line, x, y, width, size, LineAlign::Center).0);
    }
    (items, y, widest)
}

/// `text` (one line, bold or not by `face`) as the lines `centred` text breaks
/// into at `size` points in a `width`-point measure: of even length, no break
/// inside a “quoted phrase”. The DOCX writer places the same breaks in the trích yếu.
pub fn balanced_breaks(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let lines: Vec<String> = balanced_lines(text, face, size, width)
        .iter()
        .map(|line| {
            let words: Vec<String> = line.iter().map(|w| w.pieces.iter().map(|p| p.text.as_str()).collect()).collect();
            words.join(" ")
        })
        .collect();
    // A word longer than the measure is cut into pieces; keep such text whole.
    if lines.join(" ") == text.split_whitespace().collect::<Vec<_>>().join(" ") {
        lines
    } else {
        vec![text.to_string()]
    }
}

/// Breaks centred text into lines of even length: the narrowest measure that
/// still needs no more lines than the full width does.
fn balanced_lines(text: &str, face: Face, size: f32, width: f32) -> Vec<Vec<Word>> {
    let full = simple_lines(text, face, size, width);
    if full.len() < 2 {
        return full;
    }
    // The words are measured once; each trial only breaks them again.
    let words: Vec<Word> = full.iter().flatten().cloned().collect();
    let widest = words.iter().map(|w| w.width).fold(0.0, f32::max);
    let lines_wanted = full.len();
    let mut best = full;
    let mut w = width;
    loop {
        w *= 0.97;
        if w < widest || w < width * 0.4 {
            return best;
        }
        let trial = break_lines(&words, w, w, size);
        if trial.len() > lines_wanted {
            return best;
        }
        if !breaks_inside_quotes(&trial) {
            best = trial;
        }
    }
}

/// Whether a line ends inside a “quoted phrase” (a name that should stay on one line).
fn breaks_inside_quotes(lines: &[Vec<Word>]) -> bool {
    let mut depth = 0i32;
    for line in &lines[..lines.len().saturating_sub(1)] {
        for p in line.iter().flat_map(|w| &w.pieces) {
            depth += p.text.matches('“').count() as i32 - p.text.matches('”').count() as i32;
        }
        if depth > 0 {
            return true;
        }
    }
    false
}

fn rule(cx: f32, y: f32, len: f32) -> Item {
    Item::Rule { x0: cx - len / 2.0, y0: y, x1: cx + len / 2.0, y1: y, width: 0.6 }
}

/// The share of the text width the trích yếu is set in.
pub const SUMMARY_MEASURE: f32 = 0.9;

/// The ND30 header block (ô 1–4) and the title (ô 5a); returns its items and where the body starts.
fn header_and_title(b: &Bulletin, g: &Geometry) -> (Vec<Item>, f32) {
    let h = &b.header;
    let left_w = g.width() * 0.40;
    let right_x = g.left + left_w;
    let right_w = g.width() - left_w;
    let mut items = Vec::new();
    let first = g.top + 11.0;
    // Left column: parent agency (regular) over agency (bold), short rule under it.
    let (mut v, y, _) = centred(&h.parent_agency, Face::Regular, 12.0, g.left, left_w, first, 14.5);
    items.append(&mut v);
    let (mut v, y_agency, agency_w) = centred(&h.agency, Face::Bold, 12.0, g.left, left_w, y + 14.5, 14.5);
    items.append(&mut v);
    let left_rule_y = y_agency + 6.5;
    items.push(rule(g.left + left_w / 2.0, left_rule_y, (agency_w * 0.4).max(36.0)));
    // Right column: Quốc hiệu over Tiêu ngữ, rule as long as the Tiêu ngữ.
    let (mut v, y, _) = centred(HeaderBlock::NATIONAL_NAME, Face::Bold, 12.0, right_x, right_w, first, 14.5);
    items.append(&mut v);
    let (mut v, y_motto, motto_w) = centred(HeaderBlock::MOTTO, Face::Bold, 13.0, right_x, right_w, y + 15.0, 15.0);
    items.append(&mut v);
    let right_rule_y = y_motto + 6.5;
    items.push(rule(right_x + right_w / 2.0, right_rule_y, motto_w));
    // Số and the place-date line share a baseline.
    let base = left_rule_y.max(right_rule_y) + 22.0;
    let (mut v, y_num, _) = centred(&h.number_line, Face::Regular, 13.0, g.left, left_w, base, 15.0);
    items.append(&mut v);
    let (mut v, y_date, _) = centred(&h.place_date, Face::Italic, 13.0, right_x, right_w, base, 15.0);
    items.append(&mut v);
    // Tên loại and trích yếu, bold, centred, with a short rule.
    let title_y = y_num.max(y_date) + 38.0;
    let (mut v, mut y, _) = centred(&b.doc_type, Face::Bold, 14.0, g.left, g.width(), title_y, 17.0);
    items.append(&mut v);
    let mut widest: f32 = 0.0;
    for line in &b.summary_lines {
        let (x, w) = (g.left + g.width() * (1.0 - SUMMARY_MEASURE) / 2.0, g.width() * SUMMARY_MEASURE);
        let (mut v, ly, w) = centred(line, Face::Bold, 14.0, x, w, y + 17.0, 17.0);
        items.append(&mut v);
        y = ly;
        widest = widest.max(w);
    }
    let rule_y = y + 8.0;
    items.push(rule(g.left + g.width() / 2.0, rule_y, (widest / 3.0).max(60.0)));
    (items, rule_y + 22.0)
}

/// A paragraph's lines as boxes, with widow and orphan control.
fn paragraph_boxes(
    spans: &[Span],
    g: &Geometry,
    indent: f32,
    align: LineAlign,
    notes: &mut Vec<String>,
    at: usize,
) -> Vec<VBox> {
    let ws: Vec<Word> = words(spans, g.size, g.width() - indent);
    let lines = break_lines(&ws, g.width() - indent, g.width(), g.size);
    let n = lines.len();
    // Centre the font's ascent–descent box in the line box; the box is never shorter than it,
    // so no glyph of a line reaches outside its line (and so outside the text area).
    let m = fonts::metrics(Face::Regular);
    let (ascent, depth) = (m.ascent_pt(g.size), -m.descent_pt(g.size));
    let line_h = g.leading.max(ascent + depth);
    let baseline = ascent + (line_h - ascent - depth) / 2.0;
    let mut out = Vec::with_capacity(n);
    for (k, line) in lines.iter().enumerate() {
        let x = if k == 0 { g.left + indent } else { g.left };
        let width = if k == 0 { g.width() - indent } else { g.width() };
        let last = k + 1 == n;
        let line_align = if last && align == LineAlign::Justify { LineAlign::Left } else { align };
        let (items, extra) = place_line(line, x, baseline, width, g.size, line_align);
        let space = fonts::width(Face::Regular, " ", g.size);
        if line_align == LineAlign::Justify && extra > space * 2.0 {
            notes.push(format!("body[{at}] line {}: loose line, word spaces stretched by {:.1} pt", k + 1, extra));
        }
        let mut b = VBox::new(line_h, items);
        // Orphans and widows: never leave one line alone at the foot or head of a page.
        let breakable = k == 0 || (k >= 2 && n - k >= 2);
        b.break_before = if breakable { Break::Allowed } else { Break::Forbidden };
        out.push(b);
    }
    out
}

fn block_boxes(
    block: &Block,
    g: &Geometry,
    headers: &mut Vec<Vec<VBox>>,
    notes: &mut Vec<String>,
    at: usize,
) -> Vec<VBox> {
    match block {
        Block::Heading { level, number, text } => {
            let (bold, italic) = match level {
                1 | 2 => (true, false),
                _ => (false, true),
            };
            let spans = [Span { text: format!("{number} {text}"), bold, italic }];
            let mut bs = paragraph_boxes(&spans, g, INDENT, LineAlign::Left, notes, at);
            for b in bs.iter_mut().skip(1) {
                b.break_before = Break::Forbidden;
            }
            for b in bs.iter_mut() {
                b.keep_with_next = true;
            }
            bs
        }
        Block::Paragraph(spans) => {
            let mut bs = paragraph_boxes(spans, g, INDENT, LineAlign::Justify, notes, at);
            // A lead-in that ends with a colon introduces what follows: keep them together.
            let lead_in = spans
                .iter()
                .rev()
                .find(|s| !s.text.trim().is_empty())
                .is_some_and(|s| s.text.trim_end().ends_with(':'));
            if let (true, Some(last)) = (lead_in, bs.last_mut()) {
                last.keep_with_next = true;
            }
            bs
        }
        Block::Bullet(spans) => {
            let mut s = vec![Span::plain("- ")];
            s.extend(spans.iter().cloned());
            paragraph_boxes(&s, g, INDENT, LineAlign::Justify, notes, at)
        }
        Block::Table(t) => {
            let id = headers.len();
            let (boxes, header) = table_boxes(t, g, id);
            headers.push(header);
            boxes
        }
        Block::Figure(f) => {
            let w = g.width();
            let h = f.chart.height_for_width(w);
            let (caption, last, _) = centred(&f.caption, Face::Italic, 13.0, g.left, w, h + 16.0, 15.0);
            let mut items = vec![Item::Chart { x: g.left, y: 0.0, w, h, chart: Box::new(f.chart.clone()) }];
            items.extend(caption);
            vec![VBox::new(last + 6.0, items)]
        }
    }
}

/// The signature block (ô 7) and Nơi nhận (ô 9b) side by side, never split.
fn closing_box(b: &Bulletin, g: &Geometry) -> VBox {
    let c = &b.closing;
    let left_w = g.width() * 0.45;
    let right_x = g.left + left_w;
    let right_w = g.width() - left_w;
    let mut items = Vec::new();
    let first = 12.0;
    items.push(Item::Text(TextRun {
        x: g.left,
        y: first,
        face: Face::BoldItalic,
        size: 12.0,
        text: "Nơi nhận:".into(),
        extra_space: 0.0,
    }));
    let mut y = first;
    for r in &c.recipients {
        for line in simple_lines(r, Face::Regular, 11.0, left_w - 6.0) {
            y += 13.0;
            items.extend(place_line(&line, g.left, y, left_w, 11.0, LineAlign::Left).0);
        }
    }
    let mut ry = first - 12.0 + 13.0;
    for (i, t) in c.signer_titles.iter().enumerate() {
        let (mut v, ly, _) = centred(t, Face::Bold, 14.0, right_x, right_w, if i == 0 { ry } else { ry + 17.0 }, 17.0);
        items.append(&mut v);
        ry = ly;
    }
    let (mut v, ly, _) = centred(&c.signer_name, Face::Bold, 14.0, right_x, right_w, ry + 72.0, 17.0);
    items.append(&mut v);
    let mut bx = VBox::new(y.max(ly) + 5.0, items);
    bx.space_before = 18.0;
    bx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn balanced_breaks_even_out_lines_and_keep_text_whole() {
        let text = "Kết quả phong trào thi đua “Vì an ninh Tổ quốc” và công tác khen thưởng quý II năm 2020";
        let lines = balanced_breaks(text, Face::Bold, 14.0, 400.0);
        assert_eq!(
            lines,
            ["Kết quả phong trào thi đua “Vì an ninh Tổ quốc”", "và công tác khen thưởng quý II năm 2020"]
        );
        // A line that fits stays one line; a word wider than the measure is not cut.
        assert_eq!(balanced_breaks("Quý II năm 2020", Face::Bold, 14.0, 400.0), ["Quý II năm 2020"]);
        let long = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bb";
        assert_eq!(balanced_breaks(long, Face::Bold, 14.0, 100.0), [long]);
    }
}
