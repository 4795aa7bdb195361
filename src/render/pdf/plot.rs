//! A plotters [`DrawingBackend`] that writes PDF operators, so charts are
//! vectors and their labels real text in the document's subset fonts.

use super::embed::Glyphs;
use super::ops::{OpWriter, Rgb};
use crate::chart::style::{face_of, place_text, HATCH_PATTERN};
use plotters::style::Color as _;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};

/// Backend units per point: charts are drawn on a grid of quarter points.
pub const UNITS_PER_PT: f64 = 4.0;

/// The backend: collects operators for one chart placed at `(x, y)` (top-left, page points from the top).
pub struct PdfBackend<'a> {
    /// Operators are appended here.
    pub out: &'a mut OpWriter,
    /// The glyphs shown so far (for font subsetting).
    pub glyphs: &'a mut Glyphs,
    x: f64,
    y_top_pdf: f64,
    w_units: u32,
    h_units: u32,
}

/// The error type of [`PdfBackend`] (it cannot fail, but plotters needs one).
#[derive(Debug)]
pub struct NoError;

impl std::fmt::Display for NoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no error")
    }
}
impl std::error::Error for NoError {}

impl<'a> PdfBackend<'a> {
    /// A backend for a chart box `w × h` points whose top-left corner is `(x, y_top_pdf)` in PDF coordinates.
    pub fn new(x: f32, y_top_pdf: f32, w: f32, h: f32, out: &'a mut OpWriter, glyphs: &'a mut Glyphs) -> Self {
        PdfBackend {
            out,
            glyphs,
            x: f64::from(x),
            y_top_pdf: f64::from(y_top_pdf),
            w_units: (f64::from(w) * UNITS_PER_PT).round() as u32,
            h_units: (f64::from(h) * UNITS_PER_PT).round() as u32,
        }
    }

    fn pt(&self, (x, y): BackendCoord) -> (f32, f32) {
        ((self.x + f64::from(x) / UNITS_PER_PT) as f32, (self.y_top_pdf - f64::from(y) / UNITS_PER_PT) as f32)
    }

    /// Pre-blends a colour with alpha over white (no transparency groups needed).
    fn color(c: BackendColor) -> Rgb {
        let blend = |v: u8| ((f64::from(v) * c.alpha + 255.0 * (1.0 - c.alpha)) / 255.0) as f32;
        (blend(c.rgb.0), blend(c.rgb.1), blend(c.rgb.2))
    }

    fn path(&mut self, points: &[BackendCoord], color: BackendColor, width: f64, fill: bool) {
        if color.alpha == 0.0 || points.len() < 2 {
            return;
        }
        let pts: Vec<(f32, f32)> = points.iter().map(|&p| self.pt(p)).collect();
        if fill && color.rgb == HATCH_PATTERN.rgb() {
            self.out.fill_hatched(&pts);
        } else if fill {
            self.out.fill(&pts, Self::color(color));
        } else {
            self.out.stroke(&pts, Self::color(color), (width / UNITS_PER_PT).max(0.25) as f32);
        }
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = NoError;

    fn get_size(&self) -> (u32, u32) {
        (self.w_units, self.h_units)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<NoError>> {
        Ok(())
    }
    fn draw_pixel(&mut self, p: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<NoError>> {
        let (x, y) = p;
        self.path(&[(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)], color, 1.0, true);
        Ok(())
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        self.path(&[from, to], style.color(), f64::from(style.stroke_width()), false);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        ul: BackendCoord,
        br: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let pts = [ul, (br.0, ul.1), br, (ul.0, br.1), ul];
        self.path(&pts, style.color(), f64::from(style.stroke_width()), fill);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let pts: Vec<BackendCoord> = path.into_iter().collect();
        self.path(&pts, style.color(), f64::from(style.stroke_width()), false);
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let pts: Vec<BackendCoord> = vert.into_iter().collect();
        self.path(&pts, style.color(), 1.0, true);
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        c: BackendCoord,
        r: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let n = 24;
        let pts: Vec<BackendCoord> = (0..=n)
            .map(|i| {
                let a = std::f64::consts::TAU * f64::from(i) / f64::from(n);
                (c.0 + (f64::from(r) * a.cos()).round() as i32, c.1 + (f64::from(r) * a.sin()).round() as i32)
            })
            .collect();
        self.path(&pts, style.color(), f64::from(style.stroke_width()), fill);
        Ok(())
    }
    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<NoError>> {
        let (_, _, w, _) = place_text(text, face_of(style.style()), style.size(), style.anchor(), (0, 0));
        Ok((w.round() as u32, style.size().round() as u32))
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<NoError>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        let face = face_of(style.style());
        // The same placement rule as the bitmap charts: anchors from the font's ascent and descent.
        let (left, baseline, _, em) = place_text(text, face, style.size(), style.anchor(), (0, 0));
        // Offsets are in the text's own frame; rotate them with the text.
        let base = (left, baseline);
        let (ox, oy, m) = match style.transform() {
            FontTransform::None => (base.0, base.1, [1.0, 0.0, 0.0, 1.0]),
            FontTransform::Rotate90 => (-base.1, base.0, [0.0, -1.0, 1.0, 0.0]),
            FontTransform::Rotate180 => (-base.0, -base.1, [-1.0, 0.0, 0.0, -1.0]),
            FontTransform::Rotate270 => (base.1, -base.0, [0.0, 1.0, -1.0, 0.0]),
        };
        let (ox_pt, oy_pt) = self.pt((pos.0 + ox.round() as i32, pos.1 + oy.round() as i32));
        self.out.set_fill(Self::color(color));
        let matrix = [m[0], m[1], m[2], m[3], ox_pt, oy_pt];
        self.out.text(self.glyphs, face, (em / UNITS_PER_PT) as f32, matrix, text, 0.0);
        Ok(())
    }
}
