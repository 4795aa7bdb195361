//! Drawing vocabulary shared by the chart kinds: point-based geometry scaled to
//! backend pixels, the greyscale-safe series styles, text placement, legends and
//! axis ticks.
//!
//! Every length in the chart code is in points; `Pen` turns points into backend
//! pixels with `px_per_pt`, so the PDF, PNG and SVG outputs show the same picture.

use crate::fonts::{self, Face, FAMILY};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

/// The result of one drawing step.
pub(crate) type Drawn<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Ink for text, axes and outlines.
pub(crate) const INK: RGBColor = RGBColor(0, 0, 0);
/// Light grid lines.
pub(crate) const GRID: RGBColor = RGBColor(205, 205, 205);
/// The band behind the current period in a trend chart.
pub(crate) const CURRENT_BAND: RGBColor = RGBColor(236, 236, 236);
/// Hatch lines: their ink, their width in points, and their spacing along the x axis in points.
pub(crate) const HATCH_INK: RGBColor = RGBColor(50, 50, 50);
/// See [`HATCH_INK`].
pub(crate) const HATCH_WIDTH: f64 = 0.4;
/// See [`HATCH_INK`].
pub(crate) const HATCH_SPACING: f64 = 5.0;
/// A fill colour no chart uses. A [`Pen`] with `hatch_pattern` fills hatched
/// areas with it instead of drawing each hatch line, for a backend that paints
/// it as a tiling pattern (the PDF backend does: a chart's hatching then costs a
/// few operators instead of thousands).
pub(crate) const HATCH_PATTERN: RGBColor = RGBColor(1, 2, 3);

/// One of the two stacked series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Collectives (*tập thể*): dark solid grey, black outline.
    Collectives,
    /// Individuals (*cá nhân*): light grey with dark diagonal hatching, black outline.
    Individuals,
}

impl Series {
    /// Both series, in stacking order (collectives at the base).
    pub const BOTH: [Series; 2] = [Series::Collectives, Series::Individuals];

    /// The legend text.
    pub fn name(self) -> &'static str {
        match self {
            Series::Collectives => "Tập thể",
            Series::Individuals => "Cá nhân",
        }
    }

    /// The flat fill under any hatching, as `(r, g, b)`.
    pub fn fill(self) -> (u8, u8, u8) {
        match self {
            Series::Collectives => (56, 56, 56),
            Series::Individuals => (218, 218, 218),
        }
    }

    fn hatched(self) -> bool {
        self == Series::Individuals
    }
}

/// Point-to-pixel conversion and the font-size convention of the target backend.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pen {
    /// Backend pixels per point.
    pub s: f64,
    /// Plotters font size per em: `(ascent − descent) / unitsPerEm` for backends that
    /// follow ab_glyph (PDF, PNG), 1.24 for plotters' SVG backend.
    pub font_factor: f64,
    /// Fill hatched areas with [`HATCH_PATTERN`] rather than drawing hatch lines.
    pub hatch_pattern: bool,
}

impl Pen {
    /// A pen for backends that read plotters' font size the ab_glyph way.
    pub fn new(px_per_pt: f64) -> Pen {
        Pen { s: px_per_pt, font_factor: ab_glyph_factor(), hatch_pattern: false }
    }

    fn px(self, pt: f64) -> i32 {
        (pt * self.s).round() as i32
    }

    fn at(self, x: f64, y: f64) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    fn stroke(self, pt: f64) -> u32 {
        ((pt * self.s).round() as u32).max(1)
    }

    /// A text style whose em is `em_pt` points.
    pub fn font(self, em_pt: f64, face: Face, h: HPos, v: VPos) -> TextStyle<'static> {
        let style = match face {
            Face::Regular => FontStyle::Normal,
            Face::Bold => FontStyle::Bold,
            Face::Italic => FontStyle::Italic,
            Face::BoldItalic => FontStyle::Oblique,
        };
        TextStyle::from(FontDesc::new(FontFamily::Name(FAMILY), em_pt * self.s * self.font_factor, style))
            .color(&INK)
            .pos(Pos::new(h, v))
    }

    /// Fills the rectangle `(x0, y0)–(x1, y1)` (points).
    pub fn fill_rect<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        color: RGBColor,
    ) -> Drawn<DB> {
        area.draw(&Rectangle::new([self.at(x0, y0), self.at(x1, y1)], color.filled()))
    }

    /// Strokes the outline of a rectangle (points), `width` points wide.
    pub fn outline<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        color: RGBColor,
        width: f64,
    ) -> Drawn<DB> {
        // A closed path rather than a rectangle: every backend honours a path's stroke width.
        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)].map(|(x, y)| self.at(x, y));
        area.draw(&PathElement::new(corners.to_vec(), color.stroke_width(self.stroke(width))))
    }

    /// A heavy frame around a rectangle (points): four filled bands `width` wide,
    /// centred on the edges, so the corners stay square on every backend.
    pub fn frame<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        color: RGBColor,
        width: f64,
    ) -> Drawn<DB> {
        let h = width / 2.0;
        self.fill_rect(area, (x0 - h, y0 - h, x1 + h, y0 + h), color)?;
        self.fill_rect(area, (x0 - h, y1 - h, x1 + h, y1 + h), color)?;
        self.fill_rect(area, (x0 - h, y0 - h, x0 + h, y1 + h), color)?;
        self.fill_rect(area, (x1 - h, y0 - h, x1 + h, y1 + h), color)
    }

    /// A straight line between two points (points), `width` points wide.
    pub fn line<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        from: (f64, f64),
        to: (f64, f64),
        color: RGBColor,
        width: f64,
    ) -> Drawn<DB> {
        let style = color.stroke_width(self.stroke(width));
        area.draw(&PathElement::new(vec![self.at(from.0, from.1), self.at(to.0, to.1)], style))
    }

    /// Draws `text` anchored at `(x, y)` (points).
    #[allow(clippy::too_many_arguments)]
    pub fn text<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        text: &str,
        (x, y): (f64, f64),
        em: f64,
        face: Face,
        h: HPos,
        v: VPos,
    ) -> Drawn<DB> {
        area.draw(&Text::new(text.to_string(), self.at(x, y), self.font(em, face, h, v)))
    }

    /// Draws one series segment: fill, hatching where the series has it, outline.
    pub fn segment<DB: DrawingBackend>(
        self,
        area: &DrawingArea<DB, Shift>,
        r: (f64, f64, f64, f64),
        series: Series,
    ) -> Drawn<DB> {
        let (x0, y0, x1, y1) = r;
        if x1 - x0 <= 0.0 || y1 - y0 <= 0.0 {
            return Ok(());
        }
        let (cr, cg, cb) = series.fill();
        self.fill_rect(area, r, RGBColor(cr, cg, cb))?;
        if series.hatched() && self.hatch_pattern {
            self.fill_rect(area, r, HATCH_PATTERN)?;
        } else if series.hatched() {
            for (a, b) in hatch_lines(r, HATCH_SPACING) {
                self.line(area, a, b, HATCH_INK, HATCH_WIDTH)?;
            }
        }
        self.outline(area, r, INK, 0.5)
    }
}

/// Segments of the 45° lines `x + y = k·spacing` inside the rectangle.
fn hatch_lines((x0, y0, x1, y1): (f64, f64, f64, f64), spacing: f64) -> Vec<((f64, f64), (f64, f64))> {
    let mut out = Vec::new();
    let first = ((x0 + y0) / spacing).ceil() as i64;
    let last = ((x1 + y1) / spacing).floor() as i64;
    for k in first..=last {
        let c = k as f64 * spacing;
        let lo = x0.max(c - y1);
        let hi = x1.min(c - y0);
        if hi - lo > 0.05 {
            out.push(((lo, c - lo), (hi, c - hi)));
        }
    }
    out
}

/// `(ascent − descent) / unitsPerEm` of the regular face: ab_glyph's pixel size per em.
pub fn ab_glyph_factor() -> f64 {
    let m = fonts::metrics(Face::Regular);
    f64::from((m.ascent - m.descent) / m.units_per_em)
}

/// The face registered with plotters for a plotters font style.
pub fn face_of(style: FontStyle) -> Face {
    match style {
        FontStyle::Normal => Face::Regular,
        FontStyle::Bold => Face::Bold,
        FontStyle::Italic => Face::Italic,
        FontStyle::Oblique => Face::BoldItalic,
    }
}

/// Where a text drawn through plotters goes, in backend pixels.
///
/// `size` is plotters' font size read the ab_glyph way (ascent − descent), so the em
/// is `size / ab_glyph_factor()`. Returns `(left x, baseline y, width, em)`. The
/// vertical anchors follow the font's hhea box: `Top` puts the ascent line at `y`,
/// `Bottom` the descent line, `Center` the middle between them.
pub fn place_text(text: &str, face: Face, size: f64, anchor: Pos, (x, y): (i32, i32)) -> (f64, f64, f64, f64) {
    let em = size / ab_glyph_factor();
    let m = fonts::metrics(face);
    let width = f64::from(m.width(text, em as f32));
    let (asc, desc) = (f64::from(m.ascent_pt(em as f32)), f64::from(m.descent_pt(em as f32)));
    let left = match anchor.h_pos {
        HPos::Left => f64::from(x),
        HPos::Center => f64::from(x) - width / 2.0,
        HPos::Right => f64::from(x) - width,
    };
    let baseline = match anchor.v_pos {
        VPos::Top => f64::from(y) + asc,
        VPos::Center => f64::from(y) + (asc + desc) / 2.0,
        VPos::Bottom => f64::from(y) + desc,
    };
    (left, baseline, width, em)
}

/// Width of `text` in points.
pub(crate) fn width(text: &str, em: f64, face: Face) -> f64 {
    f64::from(fonts::width(face, text, em as f32))
}

/// Height of a text line's box (ascent − descent) in points.
pub(crate) fn line_height(em: f64) -> f64 {
    em * ab_glyph_factor()
}

/// Breaks `text` at spaces into as few lines as fit in `max` points, balanced so
/// the widest line is as narrow as possible (no orphaned last word). A single
/// word wider than `max` stays whole: labels are never cut.
pub(crate) fn wrap(text: &str, em: f64, max: f64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let measure = |a: usize, b: usize| width(&words[a..b].join(" "), em, Face::Regular);
    // Greedy pass: the fewest lines.
    let mut count = 0;
    let mut start = 0;
    while start < words.len() {
        let mut end = start + 1;
        while end < words.len() && measure(start, end + 1) <= max {
            end += 1;
        }
        count += 1;
        start = end;
    }
    if count <= 1 || words.len() > 40 {
        return vec![words.join(" ")];
    }
    // Balanced pass: split into `count` lines minimising the widest line.
    // best[k][j]: (widest line, previous break) for the first j words in k lines.
    let n = words.len();
    let mut best = vec![vec![(f64::INFINITY, 0usize); n + 1]; count + 1];
    best[0][0] = (0.0, 0);
    for k in 1..=count {
        for j in k..=n {
            for i in (k - 1)..j {
                let prev = best[k - 1][i].0;
                if prev.is_finite() {
                    let cand = prev.max(measure(i, j));
                    if cand < best[k][j].0 {
                        best[k][j] = (cand, i);
                    }
                }
            }
        }
    }
    let mut lines = Vec::with_capacity(count);
    let mut j = n;
    for k in (1..=count).rev() {
        let i = best[k][j].1;
        lines.push(words[i..j].join(" "));
        j = i;
    }
    lines.reverse();
    lines
}

/// Width of a horizontal legend in points.
pub(crate) fn legend_width(em: f64) -> f64 {
    Series::BOTH.iter().map(|s| LEGEND_SWATCH + LEGEND_GAP + width(s.name(), em, Face::Regular)).sum::<f64>()
        + LEGEND_SEP
}

const LEGEND_SWATCH: f64 = 14.0;
const LEGEND_GAP: f64 = 4.0;
const LEGEND_SEP: f64 = 16.0;

/// Draws the legend in one row starting at `x`, centred on `y` (points).
pub(crate) fn legend<DB: DrawingBackend>(
    pen: Pen,
    area: &DrawingArea<DB, Shift>,
    (x, y): (f64, f64),
    em: f64,
) -> Drawn<DB> {
    let mut x = x;
    let h = (em * 0.8).min(9.0);
    for s in Series::BOTH {
        pen.segment(area, (x, y - h / 2.0, x + LEGEND_SWATCH, y + h / 2.0), s)?;
        x += LEGEND_SWATCH + LEGEND_GAP;
        pen.text(area, s.name(), (x, y), em, Face::Regular, HPos::Left, VPos::Center)?;
        x += width(s.name(), em, Face::Regular) + LEGEND_SEP;
    }
    Ok(())
}

/// A tick step of 1, 2 or 5 × 10ⁿ (at least 1) giving at most `max_ticks` intervals up to `top`.
pub(crate) fn tick_step(top: f64, max_ticks: usize) -> u64 {
    let max_ticks = max_ticks.max(1) as f64;
    let mut magnitude = 1u64;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if top / step as f64 <= max_ticks {
                return step;
            }
        }
        magnitude = magnitude.saturating_mul(10);
        if magnitude >= u64::MAX / 10 {
            return magnitude;
        }
    }
}

/// Vietnamese number format, e.g. `1.277`.
pub(crate) fn number(n: u64) -> String {
    crate::vi::number(i64::try_from(n).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_are_round_and_bounded() {
        assert_eq!(tick_step(9.0, 10), 1);
        assert_eq!(tick_step(1277.0, 6), 500);
        assert_eq!(tick_step(1277.0, 7), 200);
        assert_eq!(tick_step(0.5, 5), 1);
    }

    #[test]
    fn wrap_keeps_long_words_whole_and_respects_width() {
        let lines = wrap("Bằng khen của Bộ trưởng Bộ Công an", 10.0, 60.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "Bằng khen của Bộ trưởng Bộ Công an");
        for l in &lines {
            assert!(width(l, 10.0, Face::Regular) <= 60.0 || !l.contains(' '), "{l}");
        }
        assert_eq!(wrap("Supercalifragilistic", 10.0, 5.0), vec!["Supercalifragilistic"]);
    }

    #[test]
    fn hatch_lines_stay_inside_the_rectangle() {
        let r = (10.0, 5.0, 40.0, 12.0);
        let lines = hatch_lines(r, 2.6);
        assert!(lines.len() > 10);
        for ((ax, ay), (bx, by)) in lines {
            for (x, y) in [(ax, ay), (bx, by)] {
                assert!((10.0 - 1e-9..=40.0 + 1e-9).contains(&x) && (5.0 - 1e-9..=12.0 + 1e-9).contains(&y));
            }
        }
    }
}
