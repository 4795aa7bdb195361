//! The plotters backend that records a chart into a [`Scene`].

use super::Scene;
use crate::chart::style::{ab_glyph_factor, face_of, place_text, HATCH_PATTERN};
use plotters::style::Color as _;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use std::convert::Infallible;
use tiny_skia::{PathBuilder, Stroke};

/// The recording backend over a [`Scene`].
pub(crate) struct Recorder<'a>(pub &'a mut Scene);

impl DrawingBackend for Recorder<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.0.size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0.rect(p, (p.0 + 1, p.1 + 1), c);
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0.stroke(&[from, to], style.color(), style.stroke_width());
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        if fill {
            if style.color().rgb != HATCH_PATTERN.rgb() || !self.0.hatch(a, b) {
                self.0.rect(a, b, style.color());
            }
        } else {
            self.0.stroke(&[a, (b.0, a.1), b, (a.0, b.1), a], style.color(), style.stroke_width());
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let points: Vec<BackendCoord> = path.into_iter().collect();
        self.0.stroke(&points, style.color(), style.stroke_width());
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let (cx, cy, r) = (center.0 as f32 + 0.5, center.1 as f32 + 0.5, radius as f32);
        let circle = PathBuilder::from_circle(cx, cy, r);
        let path = if fill {
            circle
        } else {
            let stroke = Stroke { width: style.stroke_width().max(1) as f32, ..Stroke::default() };
            circle.and_then(|p| p.stroke(&stroke, 1.0))
        };
        if style.color().alpha > 0.0 {
            self.0.fill_path(path, style.color());
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        let mut pb = PathBuilder::new();
        for (i, (x, y)) in vert.into_iter().enumerate() {
            if i == 0 {
                pb.move_to(x as f32, y as f32);
            } else {
                pb.line_to(x as f32, y as f32);
            }
        }
        pb.close();
        self.0.fill_path(pb.finish(), style.color());
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Infallible>> {
        let (_, _, w, em) = place_text(text, face_of(style.style()), style.size(), style.anchor(), (0, 0));
        Ok((w.ceil() as u32, (em * ab_glyph_factor()).ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        self.0.text(text, style, pos);
        Ok(())
    }
}
