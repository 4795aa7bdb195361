//! Paragraph layout: words measured with real glyph advances, total-fit line
//! breaking (textwrap's optimal fit, a Knuth–Plass-family algorithm), and
//! justified placement.

use super::frame::{Item, TextRun};
use crate::bulletin::Span;
use crate::fonts::{self, Face};
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{wrap_optimal_fit, Penalties};

/// A piece of a word in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Face.
    pub face: Face,
    /// Text without spaces.
    pub text: String,
}

/// A word (possibly in several faces) with its measured width.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The pieces.
    pub pieces: Vec<Piece>,
    /// Width of the pieces in points.
    pub width: f32,
    /// Width of the space that follows it, in points.
    pub space: f32,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        f64::from(self.width)
    }
    fn whitespace_width(&self) -> f64 {
        f64::from(self.space)
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Splits styled spans into words at spaces, measuring each at `size`.
/// A word wider than `max_width` is cut into pieces that fit.
pub fn words(spans: &[Span], size: f32, max_width: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur: Vec<Piece> = Vec::new();
    let finish = |cur: &mut Vec<Piece>, out: &mut Vec<Word>| {
        if cur.is_empty() {
            return;
        }
        let pieces = std::mem::take(cur);
        let last = pieces.last().map(|p| p.face).unwrap_or(Face::Regular);
        let space = fonts::width(last, " ", size);
        let width: f32 = pieces.iter().map(|p| fonts::width(p.face, &p.text, size)).sum();
        if width <= max_width {
            out.push(Word { pieces, width, space });
        } else {
            out.extend(split_wide(pieces, size, max_width, space));
        }
    };
    for span in spans {
        let face = Face::of(span.bold, span.italic);
        let mut first = true;
        for part in span.text.split([' ', '\n', '\t']) {
            if !first {
                finish(&mut cur, &mut out);
            }
            first = false;
            if !part.is_empty() {
                cur.push(Piece { face, text: part.to_string() });
            }
        }
    }
    finish(&mut cur, &mut out);
    out
}

/// Cuts an over-wide word into chunks no wider than `max_width`.
fn split_wide(pieces: Vec<Piece>, size: f32, max_width: f32, space: f32) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chunk: Vec<Piece> = Vec::new();
    let mut width = 0.0;
    for p in pieces {
        for ch in p.text.chars() {
            let w = fonts::width(p.face, ch.encode_utf8(&mut [0; 4]), size);
            if width + w > max_width && width > 0.0 {
                out.push(Word { pieces: std::mem::take(&mut chunk), width, space: 0.0 });
                width = 0.0;
            }
            match chunk.last_mut() {
                Some(last) if last.face == p.face => last.text.push(ch),
                _ => chunk.push(Piece { face: p.face, text: ch.to_string() }),
            }
            width += w;
        }
    }
    if !chunk.is_empty() {
        out.push(Word { pieces: chunk, width, space });
    }
    out
}

/// Breaks words into lines: `first_width` for the first line, `width` after.
///
/// Uses total-fit (optimal) breaking that minimises the squared slack of every
/// line and penalises a short last line.
pub fn break_lines(words: &[Word], first_width: f32, width: f32, size: f32) -> Vec<Vec<Word>> {
    if words.is_empty() {
        return Vec::new();
    }
    // Text that fits on its first line stays one line under any penalties (more
    // lines only add costs); most table cells are such text.
    if natural_width(words) <= first_width {
        return vec![words.to_vec()];
    }
    let mut penalties = Penalties::new();
    let em = f64::from(size);
    penalties.nline_penalty = (em * em * 4.0) as usize;
    penalties.overflow_penalty = 1_000_000_000;
    penalties.short_last_line_fraction = 5;
    penalties.short_last_line_penalty = (em * em * 6.0) as usize;
    let widths = [f64::from(first_width), f64::from(width)];
    match wrap_optimal_fit(words, &widths, &penalties) {
        Ok(lines) => lines.into_iter().map(|l| l.to_vec()).collect(),
        Err(_) => greedy(words, first_width, width),
    }
}

/// First-fit breaking, used only if the optimal algorithm overflows its cost arithmetic.
fn greedy(words: &[Word], first_width: f32, width: f32) -> Vec<Vec<Word>> {
    let mut lines: Vec<Vec<Word>> = vec![Vec::new()];
    let mut used = 0.0;
    for w in words {
        let limit = if lines.len() == 1 { first_width } else { width };
        let last = lines.len() - 1;
        if !lines[last].is_empty() && used + w.width > limit {
            lines.push(Vec::new());
            used = 0.0;
        }
        used += w.width + w.space;
        let last = lines.len() - 1;
        lines[last].push(w.clone());
    }
    lines
}

/// The natural width of a line (no trailing space).
pub fn natural_width(line: &[Word]) -> f32 {
    let n = line.len();
    line.iter().enumerate().map(|(i, w)| w.width + if i + 1 < n { w.space } else { 0.0 }).sum()
}

/// How a line is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAlign {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
    /// Justified to both edges.
    Justify,
}

/// Places one line at `x` (left edge of the box `width` wide) on `baseline`.
///
/// Returns the text runs and the extra width given to each space (0 unless justified).
pub fn place_line(line: &[Word], x: f32, baseline: f32, width: f32, size: f32, align: LineAlign) -> (Vec<Item>, f32) {
    let natural = natural_width(line);
    // Chunks of a word too wide for a line join without a space (their `space` is 0).
    let spaced = |w: &Word| w.space > 0.0;
    let gaps = line.iter().take(line.len().saturating_sub(1)).filter(|w| spaced(w)).count() as f32;
    let (mut pen, extra) = match align {
        LineAlign::Left => (x, 0.0),
        LineAlign::Center => (x + ((width - natural) / 2.0).max(0.0), 0.0),
        LineAlign::Right => (x + (width - natural).max(0.0), 0.0),
        LineAlign::Justify if gaps > 0.0 => (x, ((width - natural) / gaps).max(0.0)),
        LineAlign::Justify => (x, 0.0),
    };
    let mut items = Vec::new();
    let mut run: Option<TextRun> = None;
    let n = line.len();
    for (wi, word) in line.iter().enumerate() {
        for (pi, piece) in word.pieces.iter().enumerate() {
            let trailing_space = wi + 1 < n && pi + 1 == word.pieces.len() && spaced(word);
            let text = if trailing_space { format!("{} ", piece.text) } else { piece.text.clone() };
            match &mut run {
                Some(r) if r.face == piece.face => r.text.push_str(&text),
                _ => {
                    if let Some(r) = run.take() {
                        pen = r.x + r.width();
                        items.push(Item::Text(r));
                    }
                    run = Some(TextRun { x: pen, y: baseline, face: piece.face, size, text, extra_space: extra });
                }
            }
        }
    }
    if let Some(r) = run {
        items.push(Item::Text(r));
    }
    (items, extra)
}

/// Lays out lines of plain text (one face) centred or aligned in a box, breaking as needed.
pub fn simple_lines(text: &str, face: Face, size: f32, width: f32) -> Vec<Vec<Word>> {
    let spans = [Span {
        text: text.to_string(),
        bold: matches!(face, Face::Bold | Face::BoldItalic),
        italic: matches!(face, Face::Italic | Face::BoldItalic),
    }];
    let ws = words(&spans, size, width);
    break_lines(&ws, width, width, size)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Vec<Span> {
        vec![Span::plain(text)]
    }

    #[test]
    fn lines_fit_and_justify_exactly() {
        let text = "Trong quý II năm 2020, các nguồn tin được tổng hợp ghi nhận nhiều hội nghị điển hình tiên tiến tại các tỉnh, thành phố; tại các sự kiện này đã có nhiều lượt tập thể và cá nhân được khen thưởng vì thành tích xuất sắc trong phong trào thi đua “Vì an ninh Tổ quốc”.";
        let ws = words(&para(text), 14.0, 467.0);
        let lines = break_lines(&ws, 431.0, 467.0, 14.0);
        assert!(lines.len() >= 2);
        for (i, l) in lines.iter().enumerate() {
            let limit = if i == 0 { 431.0 } else { 467.0 };
            assert!(natural_width(l) <= limit + 0.01, "line {i} overflows");
        }
        let (items, extra) = place_line(&lines[0], 36.0, 100.0, 431.0, 14.0, LineAlign::Justify);
        assert!(extra >= 0.0);
        let right = items.iter().map(|i| i.bbox().2).fold(0.0f32, f32::max);
        assert!((right - (36.0 + 431.0)).abs() < 0.05, "{right}");
        let joined: String =
            lines.iter().flatten().flat_map(|w| w.pieces.iter().map(|p| p.text.clone())).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn unbreakable_word_is_cut_to_fit() {
        let long = "x".repeat(300);
        let ws = words(&para(&long), 14.0, 200.0);
        assert!(ws.len() > 1);
        assert!(ws.iter().all(|w| w.width <= 200.0));
        let total: usize = ws.iter().map(|w| w.pieces.iter().map(|p| p.text.len()).sum::<usize>()).sum();
        assert_eq!(total, 300);
    }

    #[test]
    fn mixed_faces_keep_order() {
        let spans = vec![Span::plain("Tổng số "), Span::bold("1.277"), Span::plain(" lượt.")];
        let ws = words(&spans, 14.0, 400.0);
        let lines = break_lines(&ws, 400.0, 400.0, 14.0);
        let (items, _) = place_line(&lines[0], 0.0, 0.0, 400.0, 14.0, LineAlign::Left);
        let texts: Vec<(String, Face)> = items
            .iter()
            .map(|i| match i {
                Item::Text(t) => (t.text.clone(), t.face),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            texts,
            vec![("Tổng số ".into(), Face::Regular), ("1.277 ".into(), Face::Bold), ("lượt.".into(), Face::Regular)]
        );
    }

    #[test]
    fn avoids_a_lone_short_last_word_when_possible() {
        let text = "Tiếp tục đẩy mạnh phong trào thi đua gắn với thực hiện nhiệm vụ chính trị của từng đơn vị, địa phương; kịp thời phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến trong toàn lực lượng.";
        let ws = words(&para(text), 14.0, 467.0);
        let lines = break_lines(&ws, 431.0, 467.0, 14.0);
        let last = lines.last().unwrap();
        assert!(last.len() >= 2, "last line has a lone word: {:?}", last);
    }
}
