//! A compact content-stream writer: tracks the graphics state so colours,
//! widths and fonts are set only when they change, and joins consecutive strokes
//! of the same style into one path. Path coordinates are rounded to 1/10 pt
//! (0.035 mm), text positions and sizes to 1/100 pt.
//!
//! The content is written straight as content-stream text. A chart holds
//! thousands of `m`/`l` operators and a page hundreds of text objects; as
//! separate printpdf operations each one cost allocations and a float-to-text
//! conversion, and printpdf re-encoded every string through its own font tables.
//! printpdf has no operation for raw content, but lopdf writes an operation's
//! operator verbatim, so a page's content travels as one `Op::Unknown` whose
//! operator is the text itself (and whose operand list is empty).

use super::embed::{resource_name, Glyphs};
use crate::fonts::Face;
use printpdf::Op;
use std::fmt::Write as _;

/// An RGB colour with components 0..=1.
pub type Rgb = (f32, f32, f32);

/// Appends path and state operators to a page's operator list.
#[derive(Default)]
pub struct OpWriter {
    /// The content written so far.
    raw: String,
    stroke: Option<(Rgb, f32)>,
    fill: Option<Rgb>,
    open_stroke: bool,
    font: Option<(Face, f32)>,
    /// Whether the hatching pattern ([`HATCH`]) has been used.
    pub hatched: bool,
}

/// The resource name of the hatching pattern ([`hatch_pattern`]).
pub const HATCH: &str = "H0";

/// Appends `v` rounded to 1/10 with at most one decimal (`12`, `-3.5`), then a space.
fn num(out: &mut String, v: f32) {
    fixed(out, v, 1);
}

/// Appends `v` rounded to `places` (1 or 2) decimals, trailing zeros dropped, then a space.
fn fixed(out: &mut String, v: f32, places: u32) {
    let unit = 10u64.pow(places);
    let scaled = (f64::from(v) * unit as f64).round();
    let scaled = if scaled.is_finite() { scaled.clamp(-1e11, 1e11) as i64 } else { 0 };
    if scaled < 0 {
        out.push('-');
    }
    let (whole, mut frac) = (scaled.unsigned_abs() / unit, scaled.unsigned_abs() % unit);
    // Digits by hand: `write!` cost several hundred instructions per number, and a
    // chart has thousands.
    let mut digits = [0u8; 20];
    let mut n = whole;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
    if frac != 0 {
        out.push('.');
        let mut div = unit / 10;
        while frac != 0 {
            out.push(char::from(b'0' + (frac / div) as u8));
            frac %= div;
            div /= 10;
        }
    }
    out.push(' ');
}

/// Appends a colour component rounded to 1/1000 (`0`, `1`, `0.35`).
fn component(out: &mut String, v: f32) {
    let thousandths = (v.clamp(0.0, 1.0) * 1000.0).round() as u32;
    let _ = match thousandths {
        0 => write!(out, "0 "),
        1000 => write!(out, "1 "),
        t => write!(out, "{} ", format!("0.{t:03}").trim_end_matches('0')),
    };
}

/// `[x, y, width, height]` of `points` when they are the corners of an
/// axis-aligned rectangle in order, closed or not (a path `re` draws the same).
fn axis_rect(points: &[(f32, f32)]) -> Option<[f32; 4]> {
    let corners = match points {
        [a, b, c, d] => [*a, *b, *c, *d],
        [a, b, c, d, e] if e == a => [*a, *b, *c, *d],
        _ => return None,
    };
    let [a, b, c, d] = corners;
    let horizontal_first = a.1 == b.1 && b.0 == c.0 && c.1 == d.1 && d.0 == a.0;
    let vertical_first = a.0 == b.0 && b.1 == c.1 && c.0 == d.0 && d.1 == a.1;
    if !(horizontal_first || vertical_first) {
        return None;
    }
    let (x0, x1) = (a.0.min(c.0), a.0.max(c.0));
    let (y0, y1) = (a.1.min(c.1), a.1.max(c.1));
    Some([x0, y0, x1 - x0, y1 - y0])
}

impl OpWriter {
    /// Ends a pending stroke path.
    fn flush(&mut self) {
        if self.open_stroke {
            self.raw.push_str("S\n");
            self.open_stroke = false;
        }
    }

    fn color3(&mut self, c: Rgb, operator: &str) {
        for v in [c.0, c.1, c.2] {
            component(&mut self.raw, v);
        }
        self.raw.push_str(operator);
        self.raw.push('\n');
    }

    fn path(&mut self, points: &[(f32, f32)]) {
        // Bars and boxes come as closed axis-aligned polygons: one `re` instead of
        // five `m`/`l` (a chart page's content was mostly these).
        if let Some([x, y, w, h]) = axis_rect(points) {
            for v in [x, y, w, h] {
                num(&mut self.raw, v);
            }
            self.raw.push_str("re\n");
            return;
        }
        for (i, p) in points.iter().enumerate() {
            num(&mut self.raw, p.0);
            num(&mut self.raw, p.1);
            self.raw.push_str(if i == 0 { "m\n" } else { "l\n" });
        }
    }

    /// Strokes an open polyline (points in PDF coordinates).
    pub fn stroke(&mut self, points: &[(f32, f32)], color: Rgb, width: f32) {
        if points.len() < 2 {
            return;
        }
        if self.stroke != Some((color, width)) {
            self.flush();
            if self.stroke.map(|s| s.0) != Some(color) {
                self.color3(color, "RG");
            }
            if self.stroke.map(|s| s.1) != Some(width) {
                num(&mut self.raw, width);
                self.raw.push_str("w\n");
            }
            self.stroke = Some((color, width));
        }
        self.open_stroke = true;
        self.path(points);
    }

    /// Fills a closed polygon.
    pub fn fill(&mut self, points: &[(f32, f32)], color: Rgb) {
        if points.len() < 3 {
            return;
        }
        self.flush();
        self.set_fill(color);
        self.path(points);
        self.raw.push_str("f\n");
    }

    /// Fills a closed polygon with the hatching pattern.
    pub fn fill_hatched(&mut self, points: &[(f32, f32)]) {
        if points.len() < 3 {
            return;
        }
        self.flush();
        self.raw.push_str("/Pattern cs /");
        self.raw.push_str(HATCH);
        self.raw.push_str(" scn\n");
        self.fill = None; // the next `rg` sets the colour space back
        self.hatched = true;
        self.path(points);
        self.raw.push_str("f\n");
    }

    /// Sets the fill colour (also used by text) if it changed.
    pub fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.flush();
            self.color3(color, "rg");
            self.fill = Some(color);
        }
    }

    /// Shows `text` in `face` at `size` points with the text matrix `m`
    /// (`a b c d e f`, PDF coordinates). After each space the text moves by
    /// `word_adjust` thousandths of an em (negative moves right; 0 for none).
    pub fn text(&mut self, glyphs: &mut Glyphs, face: Face, size: f32, m: [f32; 6], text: &str, word_adjust: f32) {
        self.flush();
        self.raw.push_str("BT\n");
        if self.font != Some((face, size)) {
            self.raw.push('/');
            self.raw.push_str(resource_name(face));
            self.raw.push(' ');
            fixed(&mut self.raw, size, 2);
            self.raw.push_str("Tf\n");
            self.font = Some((face, size));
        }
        for v in m {
            fixed(&mut self.raw, v, 2);
        }
        self.raw.push_str("Tm\n");
        let adjust = word_adjust.round();
        if adjust != 0.0 && text.contains(' ') {
            self.raw.push_str("[<");
            for c in text.chars() {
                glyphs.push_code(face, c, &mut self.raw);
                if c == ' ' {
                    self.raw.push_str("> ");
                    fixed(&mut self.raw, adjust, 0);
                    self.raw.push('<');
                }
            }
            if self.raw.ends_with('<') {
                self.raw.pop();
            } else {
                self.raw.push('>');
            }
            self.raw.push_str("] TJ\nET\n");
        } else {
            self.raw.push('<');
            for c in text.chars() {
                glyphs.push_code(face, c, &mut self.raw);
            }
            self.raw.push_str("> Tj\nET\n");
        }
    }

    /// Takes the page's content as printpdf operations, closing any pending path.
    pub fn finish(mut self) -> Vec<Op> {
        self.flush();
        let text = self.raw.trim_end().to_string();
        if text.is_empty() {
            return Vec::new();
        }
        vec![Op::Unknown { key: text, value: Vec::new() }]
    }
}

/// The hatching pattern's cell: `spacing` points square, lines of slope 1 in
/// `ink` (0..=1 grey) `width` points wide, with the neighbouring cells' lines
/// drawn through the corners so that the tiles join without gaps.
pub fn hatch_pattern(spacing: f32, ink: f32, width: f32) -> (lopdf::Dictionary, Vec<u8>) {
    use lopdf::Object;
    let mut content = String::new();
    component(&mut content, ink);
    content.push_str("G\n");
    num(&mut content, width);
    content.push_str("w\n");
    let (s, e) = (spacing, 1.0);
    for (from, to) in [((-e, s - e), (e, s + e)), ((-e, -e), (s + e, s + e)), ((s - e, -e), (s + e, e))] {
        num(&mut content, from.0);
        num(&mut content, from.1);
        content.push_str("m ");
        num(&mut content, to.0);
        num(&mut content, to.1);
        content.push_str("l\n");
    }
    content.push('S');
    let real = |v: f32| Object::Real(v);
    let dict = lopdf::Dictionary::from_iter([
        ("Type", Object::Name(b"Pattern".to_vec())),
        ("PatternType", Object::Integer(1)),
        ("PaintType", Object::Integer(1)),
        ("TilingType", Object::Integer(1)),
        ("BBox", Object::Array(vec![real(0.0), real(0.0), real(spacing), real(spacing)])),
        ("XStep", real(spacing)),
        ("YStep", real(spacing)),
        ("Resources", Object::Dictionary(lopdf::Dictionary::new())),
    ]);
    (dict, content.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content-stream text of the raw operators, one operator per line.
    fn content(w: OpWriter) -> Vec<String> {
        w.finish()
            .into_iter()
            .flat_map(|o| match o {
                Op::Unknown { key, value } => {
                    assert!(value.is_empty(), "operands travel inside the text");
                    key.lines().map(str::to_string).collect::<Vec<_>>()
                }
                other => vec![format!("{other:?}")],
            })
            .collect()
    }

    fn operator_names(w: OpWriter) -> Vec<String> {
        content(w).iter().map(|l| l.rsplit(' ').next().unwrap_or_default().to_string()).collect()
    }

    #[test]
    fn joins_strokes_and_skips_repeated_state() {
        let mut w = OpWriter::default();
        w.stroke(&[(0.0, 0.0), (1.0, 1.0)], (0.0, 0.0, 0.0), 0.5);
        w.stroke(&[(2.0, 0.0), (3.0, 1.0)], (0.0, 0.0, 0.0), 0.5);
        w.fill(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], (0.5, 0.5, 0.5));
        let keys = operator_names(w);
        assert_eq!(keys, ["RG", "w", "m", "l", "m", "l", "S", "rg", "m", "l", "l", "f"]);
    }

    #[test]
    fn axis_aligned_rectangles_become_re() {
        let mut w = OpWriter::default();
        let bar = [(10.0, 20.0), (30.0, 20.0), (30.0, 25.0), (10.0, 25.0), (10.0, 20.0)];
        w.fill(&bar, (0.5, 0.5, 0.5));
        w.stroke(&bar, (0.0, 0.0, 0.0), 0.5);
        // Open, listed from the other corner, and vertical edge first.
        w.fill(&[(30.0, 25.0), (30.0, 20.0), (10.0, 20.0), (10.0, 25.0)], (0.5, 0.5, 0.5));
        // Not rectangles: a skewed quadrilateral, and a polyline back to its start.
        w.fill(&[(0.0, 0.0), (2.0, 0.0), (3.0, 1.0), (0.0, 1.0)], (0.5, 0.5, 0.5));
        w.stroke(&[(0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (0.0, 0.0)], (0.0, 0.0, 0.0), 0.5);
        let lines = content(w);
        let re: Vec<&String> = lines.iter().filter(|l| l.ends_with(" re")).collect();
        assert_eq!(re, ["10 20 20 5 re", "10 20 20 5 re", "10 20 20 5 re"], "{lines:?}");
        assert_eq!(lines.iter().filter(|l| l.ends_with(" m")).count(), 2, "{lines:?}");
    }

    #[test]
    fn a_colour_change_never_lands_inside_a_path() {
        let mut w = OpWriter::default();
        w.stroke(&[(0.0, 0.0), (1.0, 1.0)], (0.0, 0.0, 0.0), 0.5);
        w.set_fill((1.0, 0.0, 0.0));
        let keys = operator_names(w);
        assert_eq!(keys, ["RG", "w", "m", "l", "S", "rg"]);
    }

    #[test]
    fn writes_numbers_in_tenths_and_colours_in_thousandths() {
        let mut w = OpWriter::default();
        w.stroke(&[(12.04, -3.46), (0.049, 841.89)], (0.35, 0.0, 1.0), 0.25);
        w.set_fill((0.123_4, 0.5, 0.999_9));
        assert_eq!(content(w), ["0.35 0 1 RG", "0.3 w", "12 -3.5 m", "0 841.9 l", "S", "0.123 0.5 1 rg"]);
    }

    #[test]
    fn hatched_fills_use_the_pattern_and_reset_the_fill_colour() {
        let mut w = OpWriter::default();
        w.set_fill((0.5, 0.5, 0.5));
        w.fill_hatched(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]);
        w.set_fill((0.5, 0.5, 0.5));
        assert!(w.hatched);
        assert_eq!(operator_names(w), ["rg", "scn", "m", "l", "l", "f", "rg"]);
        let (dict, content) = hatch_pattern(5.0, 0.196, 0.4);
        assert_eq!(dict.get(b"XStep").unwrap(), &lopdf::Object::Real(5.0));
        assert_eq!(String::from_utf8(content).unwrap(), "0.196 G\n0.4 w\n-1 4 m 1 6 l\n-1 -1 m 6 6 l\n4 -1 m 6 1 l\nS");
    }

    #[test]
    fn text_sets_the_font_once_and_spaces_words_apart() {
        let mut w = OpWriter::default();
        let mut g = Glyphs::default();
        w.stroke(&[(0.0, 0.0), (1.0, 1.0)], (0.0, 0.0, 0.0), 1.0);
        w.text(&mut g, Face::Bold, 13.0, [1.0, 0.0, 0.0, 1.0, 85.04, 700.125], "ab a", -120.4);
        w.text(&mut g, Face::Bold, 13.0, [1.0, 0.0, 0.0, 1.0, 85.0, 680.0], "b ", 0.0);
        w.text(&mut g, Face::Bold, 13.0, [1.0, 0.0, 0.0, 1.0, 85.0, 660.0], "a ", -7.0);
        assert_eq!(
            content(w),
            [
                "0 0 0 RG",
                "1 w",
                "0 0 m",
                "1 1 l",
                "S",
                "BT",
                "/F2 13 Tf",
                "1 0 0 1 85.04 700.13 Tm",
                "[<000100020003> -120 <0001>] TJ",
                "ET",
                "BT",
                "1 0 0 1 85 680 Tm",
                "<00020003> Tj",
                "ET",
                "BT",
                "1 0 0 1 85 660 Tm",
                "[<00010003> -7 ] TJ",
                "ET",
            ]
        );
    }
}
