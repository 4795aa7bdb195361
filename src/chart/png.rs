//! Bitmap output: a backend wrapper that sets text with the embedded font the way
//! the PDF writer does, and a PNG encoder that records the resolution.
//!
//! Plotters' own bitmap text puts the baseline half a font size below the box top
//! and measures boxes as `size / 1.24`; [`Typeset`] instead places text by the
//! font's ascent and descent ([`super::style::place_text`]), so PNG, PDF and the
//! label-overlap checks agree.

use super::style::{face_of, place_text};
use crate::fonts::Face;
use ab_glyph::{point, Font as _, FontRef, PxScale, ScaleFont as _};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};
use std::sync::OnceLock;

/// A backend that forwards everything to `inner` but draws and measures text itself.
pub struct Typeset<DB>(pub DB);

fn font(face: Face) -> &'static FontRef<'static> {
    static ALL: OnceLock<[FontRef<'static>; 4]> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        Face::ALL.map(|f| FontRef::try_from_slice(f.bytes()).expect("embedded fonts are valid TrueType"))
    });
    match face {
        Face::Regular => &all[0],
        Face::Bold => &all[1],
        Face::Italic => &all[2],
        Face::BoldItalic => &all[3],
    }
}

impl<DB: DrawingBackend> DrawingBackend for Typeset<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(&mut self, p: BackendCoord, c: BackendColor) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(p, c)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(a, b, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let (_, _, w, em) = place_text(text, face_of(style.style()), style.size(), style.anchor(), (0, 0));
        Ok((w.ceil() as u32, (em * super::style::ab_glyph_factor()).ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let face = face_of(style.style());
        let (left, baseline, _, _) = place_text(text, face, style.size(), style.anchor(), (0, 0));
        let f = font(face);
        let scale = PxScale::from(style.size() as f32);
        let scaled = f.as_scaled(scale);
        let trans = style.transform();
        let mut pixels: Vec<(i32, i32, f32)> = Vec::new();
        let mut x = left as f32;
        for c in text.chars() {
            let id = f.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, point(x, baseline as f32));
            if let Some(outline) = f.outline_glyph(glyph) {
                let b = outline.px_bounds();
                outline.draw(|gx, gy, cov| pixels.push((b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32, cov)));
            }
            x += scaled.h_advance(id);
        }
        for (dx, dy, cov) in pixels {
            if cov <= 0.0 {
                continue;
            }
            let (tx, ty) = match &trans {
                FontTransform::None => (dx, dy),
                t => t.transform(dx, dy),
            };
            let c = BackendColor { alpha: color.alpha * f64::from(cov.min(1.0)), rgb: color.rgb };
            self.0.draw_pixel((pos.0 + tx, pos.1 + ty), c)?;
        }
        Ok(())
    }
}

/// Encodes an RGB buffer as PNG with a pHYs chunk for `dpi`.
///
/// The charts are drawn in greys only, so a buffer whose pixels are all grey is written
/// as 8-bit greyscale (a third of the data, the same image). Fast compression: at
/// 300 dpi the best level spent about 0.3 s per chart for a file about a third smaller.
pub(crate) fn encode(rgb: &[u8], w: u32, h: u32, dpi: f32) -> Result<Vec<u8>, String> {
    let grey = rgb.chunks_exact(3).all(|p| p[0] == p[1] && p[1] == p[2]);
    let grey_data: Vec<u8>;
    let (color, data) = if grey {
        grey_data = rgb.chunks_exact(3).map(|p| p[0]).collect();
        (png::ColorType::Grayscale, grey_data.as_slice())
    } else {
        (png::ColorType::Rgb, rgb)
    };
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(color);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Fast);
        let ppm = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
        let mut wr = enc.write_header().map_err(|e| e.to_string())?;
        wr.write_image_data(data).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
