//! A compact content-stream writer: tracks the graphics state so colours and
//! widths are set only when they change, and joins consecutive strokes of the
//! same style into one path. Coordinates are rounded to 1/100 pt.

use printpdf::{DictItem, Op};

/// An RGB colour with components 0..=1.
pub type Rgb = (f32, f32, f32);

/// Appends path and state operators to a page's operator list.
#[derive(Default)]
pub struct OpWriter {
    /// The operators written so far.
    pub ops: Vec<Op>,
    stroke: Option<(Rgb, f32)>,
    fill: Option<Rgb>,
    open_stroke: bool,
}

fn num(v: f32) -> DictItem {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 && r.abs() < 1e6 {
        DictItem::Int(r as i64)
    } else {
        DictItem::Real(r)
    }
}

fn raw(key: &str, value: Vec<DictItem>) -> Op {
    Op::Unknown { key: key.to_string(), value }
}

impl OpWriter {
    /// Ends a pending stroke path.
    pub fn flush(&mut self) {
        if self.open_stroke {
            self.ops.push(raw("S", vec![]));
            self.open_stroke = false;
        }
    }

    fn color3(c: Rgb) -> Vec<DictItem> {
        let q = |v: f32| num((v * 1000.0).round() / 1000.0);
        vec![q(c.0), q(c.1), q(c.2)]
    }

    /// Strokes an open polyline (points in PDF coordinates).
    pub fn stroke(&mut self, points: &[(f32, f32)], color: Rgb, width: f32) {
        if points.len() < 2 {
            return;
        }
        if self.stroke != Some((color, width)) {
            self.flush();
            if self.stroke.map(|s| s.0) != Some(color) {
                self.ops.push(raw("RG", Self::color3(color)));
            }
            if self.stroke.map(|s| s.1) != Some(width) {
                self.ops.push(raw("w", vec![num(width)]));
            }
            self.stroke = Some((color, width));
        }
        self.open_stroke = true;
        self.ops.push(raw("m", vec![num(points[0].0), num(points[0].1)]));
        for p in &points[1..] {
            self.ops.push(raw("l", vec![num(p.0), num(p.1)]));
        }
    }

    /// Fills a closed polygon.
    pub fn fill(&mut self, points: &[(f32, f32)], color: Rgb) {
        if points.len() < 3 {
            return;
        }
        self.flush();
        self.set_fill(color);
        self.ops.push(raw("m", vec![num(points[0].0), num(points[0].1)]));
        for p in &points[1..] {
            self.ops.push(raw("l", vec![num(p.0), num(p.1)]));
        }
        self.ops.push(raw("f", vec![]));
    }

    /// Sets the fill colour (also used by text) if it changed.
    pub fn set_fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.flush();
            self.ops.push(raw("rg", Self::color3(color)));
            self.fill = Some(color);
        }
    }

    /// Appends operators that do not touch the tracked state (text objects).
    pub fn push(&mut self, op: Op) {
        self.flush();
        self.ops.push(op);
    }

    /// Takes the operators, closing any pending path.
    pub fn finish(mut self) -> Vec<Op> {
        self.flush();
        self.ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operator_names(w: OpWriter) -> Vec<String> {
        w.finish()
            .into_iter()
            .map(|o| match o {
                Op::Unknown { key, .. } => key,
                _ => "?".into(),
            })
            .collect()
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
}
