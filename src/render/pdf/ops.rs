//! A compact content-stream writer: tracks the graphics state so colours and
//! widths are set only when they change, and joins consecutive strokes of the
//! same style into one path. Path coordinates are rounded to 1/10 pt (0.035 mm).
//!
//! Paths and colours are written straight as content-stream text. A chart holds
//! thousands of `m`/`l` operators; as separate printpdf operations each one cost
//! two allocations and a float-to-text conversion, about a fifth of a whole run.
//! printpdf has no operation for raw content, but lopdf writes an operation's
//! operator verbatim, so a run of path operators travels as one `Op::Unknown`
//! whose operator is the text itself (and whose operand list is empty).

use printpdf::Op;
use std::fmt::Write as _;

/// An RGB colour with components 0..=1.
pub type Rgb = (f32, f32, f32);

/// Appends path and state operators to a page's operator list.
#[derive(Default)]
pub struct OpWriter {
    /// The operators written so far.
    ops: Vec<Op>,
    /// Path and colour operators not yet moved into `ops`.
    raw: String,
    stroke: Option<(Rgb, f32)>,
    fill: Option<Rgb>,
    open_stroke: bool,
}

/// Appends `v` rounded to 1/10 with at most one decimal (`12`, `-3.5`).
fn num(out: &mut String, v: f32) {
    let tenths = (f64::from(v) * 10.0).round();
    let tenths = if tenths.is_finite() { tenths.clamp(-1e9, 1e9) as i64 } else { 0 };
    if tenths < 0 {
        out.push('-');
    }
    let (whole, frac) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
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
        out.push(char::from(b'0' + frac as u8));
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

impl OpWriter {
    /// Ends a pending stroke path.
    fn flush(&mut self) {
        if self.open_stroke {
            self.raw.push_str("S\n");
            self.open_stroke = false;
        }
    }

    /// Moves the raw operators into the operator list, closing any pending path.
    fn flush_raw(&mut self) {
        self.flush();
        if !self.raw.is_empty() {
            let text = std::mem::take(&mut self.raw);
            self.ops.push(Op::Unknown { key: text.trim_end().to_string(), value: Vec::new() });
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

    /// Sets the fill colour (also used by text) if it changed.
    pub fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.flush();
            self.color3(color, "rg");
            self.fill = Some(color);
        }
    }

    /// Appends operators that do not touch the tracked state (text objects).
    pub fn push(&mut self, op: Op) {
        self.flush_raw();
        self.ops.push(op);
    }

    /// Takes the operators, closing any pending path.
    pub fn finish(mut self) -> Vec<Op> {
        self.flush_raw();
        self.ops
    }
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
    fn text_objects_split_the_raw_runs() {
        let mut w = OpWriter::default();
        w.stroke(&[(0.0, 0.0), (1.0, 1.0)], (0.0, 0.0, 0.0), 1.0);
        w.push(Op::EndTextSection);
        w.fill(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], (0.0, 0.0, 0.0));
        let ops = w.finish();
        assert_eq!(ops.len(), 3);
        assert!(matches!(&ops[0], Op::Unknown { key, .. } if key.ends_with('S')), "the stroke ends before the text");
        assert!(matches!(ops[1], Op::EndTextSection));
    }
}
