//! Tables: column widths from content, wrapped cells, borders, a repeated
//! header row and a bold totals row.

use super::flow::VBox;
use super::frame::Item;
use super::geometry::Geometry;
use super::text::{break_lines, natural_width, place_line, words, LineAlign, Word};
use crate::bulletin::{Align, Span, Table};
use crate::fonts::{self, Face};

/// Table text size.
pub const SIZE: f32 = 12.0;
const LEADING: f32 = 14.0;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const BORDER: f32 = 0.5;

/// Lays out a table as boxes: caption, header, rows, totals. Also returns the header boxes to repeat.
pub fn table_boxes(t: &Table, g: &Geometry, id: usize) -> (Vec<VBox>, Vec<VBox>) {
    let widths = column_widths(t, g.width());
    let mut out = Vec::new();
    let mut caption = Vec::new();
    let cap_words = words(&[Span::bold(t.caption.clone())], 13.0, g.width());
    let ascent = fonts::metrics(Face::Bold).ascent_pt(13.0);
    let mut y = ascent;
    for line in break_lines(&cap_words, g.width(), g.width(), 13.0) {
        caption.extend(place_line(&line, g.left, y, g.width(), 13.0, LineAlign::Center).0);
        y += 16.0;
    }
    let mut cap = VBox::new(y - 16.0 + 8.0, caption);
    cap.keep_with_next = true;
    out.push(cap);

    // A header taller than half a page is not repeated; it flows like a row.
    // Rows taller than what a page leaves under the header continue on the next page.
    let page = g.bottom - g.top;
    let header_cells: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    let header_aligns = vec![Align::Center; t.columns.len()];
    let header_lines = cell_lines(&header_cells, &widths, Face::Bold);
    let mut repeated = Vec::new();
    let row_limit = if row_height(&header_lines) <= page / 2.0 {
        let mut header = row_boxes(&header_lines, &header_aligns, &widths, g.left, Face::Bold, page).remove(0);
        header.is_table_header = true;
        header.keep_with_next = true;
        header.table = Some(id);
        out.push(header.clone());
        repeated.push(header);
        page - row_height(&header_lines)
    } else {
        let mut parts = row_boxes(&header_lines, &header_aligns, &widths, g.left, Face::Bold, page);
        if let Some(last) = parts.last_mut() {
            last.keep_with_next = true;
        }
        out.extend(parts);
        page
    };

    let aligns: Vec<Align> = t.columns.iter().map(|c| c.align).collect();
    for row in &t.rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        for mut b in
            row_boxes(&cell_lines(&cells, &widths, Face::Regular), &aligns, &widths, g.left, Face::Regular, row_limit)
        {
            b.table = Some(id);
            out.push(b);
        }
    }
    if let Some(totals) = t.totals_cells() {
        let cells: Vec<&str> = totals.iter().map(|c| c.text).collect();
        let aligns: Vec<Align> = totals.iter().map(|c| c.align).collect();
        let widths: Vec<f32> = totals.iter().map(|c| widths[c.column..c.column + c.span].iter().sum()).collect();
        for mut b in
            row_boxes(&cell_lines(&cells, &widths, Face::Bold), &aligns, &widths, g.left, Face::Bold, row_limit)
        {
            b.table = Some(id);
            out.push(b);
        }
    }
    (out, repeated)
}

fn cell_words(text: &str, face: Face, width: f32) -> Vec<Word> {
    let span = Span { text: text.to_string(), bold: matches!(face, Face::Bold | Face::BoldItalic), italic: false };
    words(&[span], SIZE, width)
}

/// Column widths that fill `total`: each column gets its content width, and
/// text columns share what is left; when space is short, columns shrink
/// towards their longest word.
pub fn column_widths(t: &Table, total: f32) -> Vec<f32> {
    let n = t.columns.len().max(1);
    let mut desired = vec![0.0f32; n];
    let mut minimum = vec![0.0f32; n];
    // The widest single glyph: a column cannot be narrower without text crossing its rules.
    let mut floor = vec![2.0 * PAD_X; n];
    let mut measure = |i: usize, text: &str, face: Face| {
        if i >= n {
            return;
        }
        desired[i] = desired[i].max(fonts::width(face, text, SIZE) + 2.0 * PAD_X);
        let longest = text.split(' ').map(|w| fonts::width(face, w, SIZE)).fold(0.0f32, f32::max);
        minimum[i] = minimum[i].max(longest.min(total / n as f32) + 2.0 * PAD_X);
        let glyph = text.chars().map(|c| fonts::width(face, c.encode_utf8(&mut [0; 4]), SIZE)).fold(0.0f32, f32::max);
        floor[i] = floor[i].max(glyph + 2.0 * PAD_X);
    };
    for (i, c) in t.columns.iter().enumerate() {
        measure(i, &c.header, Face::Bold);
    }
    for row in t.rows.iter().chain(t.totals.iter()) {
        for (i, cell) in row.iter().enumerate() {
            // Bold is usually the wider face, but not for every glyph (`}`, `)`).
            measure(i, cell, Face::Bold);
            measure(i, cell, Face::Regular);
        }
    }
    for (m, f) in minimum.iter_mut().zip(&floor) {
        *m = m.max(*f);
    }
    let sum_desired: f32 = desired.iter().sum();
    let sum_min: f32 = minimum.iter().sum();
    let sum_floor: f32 = floor.iter().sum();
    if sum_desired <= total {
        let flexible: Vec<usize> =
            (0..n).filter(|&i| t.columns.get(i).is_some_and(|c| c.align == Align::Left)).collect();
        let share: Vec<usize> = if flexible.is_empty() { (0..n).collect() } else { flexible };
        let pool: f32 = share.iter().map(|&i| desired[i]).sum::<f32>().max(1.0);
        let extra = total - sum_desired;
        let mut w = desired.clone();
        for &i in &share {
            w[i] += extra * desired[i] / pool;
        }
        w
    } else if sum_min >= total && sum_floor < total {
        // Squeeze each column towards its widest glyph, never below it.
        let k = (total - sum_floor) / (sum_min - sum_floor);
        minimum.iter().zip(&floor).map(|(m, f)| f + (m - f) * k).collect()
    } else if sum_min >= total {
        floor.iter().map(|f| f * total / sum_floor).collect()
    } else {
        let k = (total - sum_min) / (sum_desired - sum_min);
        minimum.iter().zip(&desired).map(|(m, d)| m + (d - m) * k).collect()
    }
}

/// Each cell's text broken into lines at its column's inner width.
fn cell_lines(cells: &[&str], widths: &[f32], face: Face) -> Vec<Vec<Vec<Word>>> {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let inner = (w - 2.0 * PAD_X).max(1.0);
            let text = cells.get(i).copied().unwrap_or("");
            break_lines(&cell_words(text, face, inner), inner, inner, SIZE)
        })
        .collect()
}

fn row_height(lines: &[Vec<Vec<Word>>]) -> f32 {
    lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * LEADING + 2.0 * PAD_Y
}

/// A row as one box, or as several (each at most `max_height` tall, cells top-aligned)
/// when it is taller than that.
fn row_boxes(
    lines: &[Vec<Vec<Word>>],
    aligns: &[Align],
    widths: &[f32],
    left: f32,
    face: Face,
    max_height: f32,
) -> Vec<VBox> {
    let max_lines = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let per_box = (((max_height - 2.0 * PAD_Y) / LEADING).floor() as usize).max(1);
    if max_lines <= per_box {
        return vec![row_part(lines, aligns, widths, left, face, 0..max_lines, true)];
    }
    (0..max_lines)
        .step_by(per_box)
        .map(|start| row_part(lines, aligns, widths, left, face, start..(start + per_box).min(max_lines), false))
        .collect()
}

/// Lines `range` of a row as a box with borders; `centre` centres short cells vertically.
fn row_part(
    lines: &[Vec<Vec<Word>>],
    aligns: &[Align],
    widths: &[f32],
    left: f32,
    face: Face,
    range: std::ops::Range<usize>,
    centre: bool,
) -> VBox {
    let inner: Vec<f32> = widths.iter().map(|w| (w - 2.0 * PAD_X).max(1.0)).collect();
    let n_lines = range.len();
    let height = n_lines as f32 * LEADING + 2.0 * PAD_Y;
    let ascent = fonts::metrics(face).ascent_pt(SIZE);
    let mut items = Vec::new();
    let mut x = left;
    for (i, cell_lines) in lines.iter().enumerate() {
        let align = match aligns.get(i).copied().unwrap_or_default() {
            Align::Left => LineAlign::Left,
            Align::Center => LineAlign::Center,
            Align::Right => LineAlign::Right,
        };
        let shown = cell_lines.get(range.clone()).or_else(|| cell_lines.get(range.start..)).unwrap_or_default();
        // Centre the cell's lines vertically.
        let offset = if centre { (n_lines - shown.len()) as f32 * LEADING / 2.0 } else { 0.0 };
        for (k, line) in shown.iter().enumerate() {
            let baseline = PAD_Y + offset + k as f32 * LEADING + ascent + (LEADING - SIZE) / 2.0 - 1.0;
            debug_assert!(
                natural_width(line) <= inner[i] + 0.5,
                "cell {i}: a line of {} pt in {} pt: {line:?}",
                natural_width(line),
                inner[i]
            );
            items.extend(place_line(line, x + PAD_X, baseline, inner[i], SIZE, align).0);
        }
        items.push(Item::Rule { x0: x, y0: 0.0, x1: x, y1: height, width: BORDER });
        x += widths[i];
    }
    items.push(Item::Rule { x0: x, y0: 0.0, x1: x, y1: height, width: BORDER });
    items.push(Item::Rule { x0: left, y0: 0.0, x1: x, y1: 0.0, width: BORDER });
    items.push(Item::Rule { x0: left, y0: height, x1: x, y1: height, width: BORDER });
    VBox::new(height, items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::Column;

    fn table(rows: usize, name: &str) -> Table {
        Table {
            caption: "Bảng 1. Thử".into(),
            columns: vec![
                Column { header: "STT".into(), align: Align::Center },
                Column { header: "Tỉnh, thành phố".into(), align: Align::Left },
                Column { header: "Tập thể".into(), align: Align::Right },
            ],
            rows: (0..rows).map(|i| vec![(i + 1).to_string(), name.to_string(), "1.277".into()]).collect(),
            totals: None,
        }
    }

    #[test]
    fn widths_fill_the_column() {
        let w = column_widths(&table(3, "Bà Rịa - Vũng Tàu"), 467.0);
        assert!((w.iter().sum::<f32>() - 467.0).abs() < 0.01);
        assert!(w[1] > w[0] && w[1] > w[2]);
    }

    #[test]
    fn long_cells_wrap_inside_the_table() {
        let name = "Tỉnh có tên rất dài để thử ngắt dòng trong ô bảng";
        let w = column_widths(&table(1, name), 200.0);
        assert!(w.iter().sum::<f32>() <= 200.01);
    }
}
