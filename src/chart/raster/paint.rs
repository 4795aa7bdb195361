//! Painting a [`Scene`] into a band of rows: one byte per pixel (grey) or three (RGB).

use super::{Item, Rgba, Scene};
use tiny_skia::{FillRule, Mask, Path, Transform};

/// A band of `rows` full-width rows of a scene, painted from row `y0`.
pub(crate) struct Band {
    data: Vec<u8>,
    width: usize,
    rows: usize,
    /// Bytes per pixel: 1 (grey) or 3 (RGB).
    channels: usize,
    y0: i32,
}

impl Band {
    /// A band of up to `rows` rows for `scene`, grey when the scene is.
    pub(crate) fn new(scene: &Scene, rows: u32) -> Band {
        let (w, h) = scene.size();
        let rows = rows.min(h).max(1) as usize;
        let channels = if scene.is_grey() { 1 } else { 3 };
        Band { data: vec![0; w as usize * rows * channels], width: w as usize, rows, channels, y0: 0 }
    }

    /// Bytes per pixel: 1 (grey) or 3 (RGB).
    #[cfg(test)]
    pub(crate) fn channels(&self) -> usize {
        self.channels
    }

    /// Paints the scene's rows from `y0` on; returns the painted rows, top first.
    pub(crate) fn paint<'a>(&'a mut self, scene: &Scene, y0: u32) -> impl Iterator<Item = &'a [u8]> {
        let rows = self.rows.min(scene.size().1.saturating_sub(y0) as usize);
        self.y0 = y0 as i32;
        if self.channels == 1 {
            self.paint_items::<1>(scene);
        } else {
            self.paint_items::<3>(scene);
        }
        self.data.chunks_exact(self.width * self.channels).take(rows)
    }

    fn paint_items<const C: usize>(&mut self, scene: &Scene) {
        let bg = scene.background.0;
        if C == 1 {
            self.data.fill(bg[0]);
        } else {
            self.data.chunks_exact_mut(C).for_each(|p| p.copy_from_slice(&bg[..C]));
        }
        let (y0, y1) = (self.y0, self.y0 + self.rows as i32);
        for &((top, bottom), ref item) in &scene.items {
            if top >= y1 || bottom <= y0 {
                continue;
            }
            match *item {
                Item::Rect { x0, y0: t, x1, y1: b, color } => self.rect::<C>((x0, t, x1, b), color),
                Item::Line { a, b, half, color } => self.line::<C>(a, b, half, color),
                Item::Path { ref path, color, top, bottom } => self.path::<C>(path, (top, bottom), color),
                Item::Glyph { x, y, w, h, at, color } => {
                    let cov = &scene.coverage[at..at + (w * h) as usize];
                    self.coverage::<C>((x, y, w as i32, h as i32), cov, color);
                }
                Item::Hatch { x0, y0: t, x1, y1: b } => {
                    if let Some((ink, diagonals)) = scene.hatch_row() {
                        self.hatch::<C>((x0, t, x1, b), ink, diagonals);
                    }
                }
            }
        }
    }

    /// The band's rows and the image's columns within `top..bottom × left..right`.
    fn clip(&self, (left, top, right, bottom): (i32, i32, i32, i32)) -> (std::ops::Range<i32>, std::ops::Range<i32>) {
        let rows = (top - self.y0).max(0)..(bottom - self.y0).min(self.rows as i32);
        (rows, left.max(0)..right.min(self.width as i32))
    }

    fn rect<const C: usize>(&mut self, (x0, y0, x1, y1): (i32, i32, i32, i32), color: Rgba) {
        let (rows, cols) = self.clip((x0, y0, x1, y1));
        if cols.is_empty() {
            return;
        }
        for row in rows {
            let start = (row as usize * self.width + cols.start as usize) * C;
            let span = &mut self.data[start..start + cols.len() * C];
            if color.opaque() {
                span.chunks_exact_mut(C).for_each(|p| p.copy_from_slice(&color.0[..C]));
            } else {
                span.chunks_exact_mut(C).for_each(|p| blend::<C>(p, color, u32::from(color.0[3])));
            }
        }
    }

    /// An anti-aliased straight line with butt ends. A pixel's coverage is taken
    /// from its centre's distance to the line's edges (one pixel of ramp), which
    /// for thin lines looks as an exact area coverage does and costs far less.
    fn line<const C: usize>(&mut self, a: (f32, f32), b: (f32, f32), half: f32, color: Rgba) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            return;
        }
        let (ux, uy) = (dx / len, dy / len);
        let reach = half + 1.0;
        let bounds = (
            (a.0.min(b.0) - reach).floor() as i32,
            (a.1.min(b.1) - reach).floor() as i32,
            (a.0.max(b.0) + reach).ceil() as i32,
            (a.1.max(b.1) + reach).ceil() as i32,
        );
        let (rows, cols) = self.clip(bounds);
        let alpha = f32::from(color.0[3]);
        let edge = half + 0.5;
        let inv_uy = if uy.abs() > 1e-6 { Some(1.0 / uy) } else { None };
        for row in rows {
            let cy = (row + self.y0) as f32 + 0.5 - a.1;
            // Columns whose centres are less than `edge` from the centre line.
            let mut xs = cols.clone();
            if let Some(inv) = inv_uy {
                let (p, q) = ((ux * cy - edge) * inv + a.0 - 0.5, (ux * cy + edge) * inv + a.0 - 0.5);
                xs = xs.start.max(floor(p.min(q)))..xs.end.min(floor(p.max(q)) + 1);
            }
            if xs.is_empty() {
                continue;
            }
            // Distance across the line (signed) and along it, stepped pixel by pixel.
            let cx = xs.start as f32 + 0.5 - a.0;
            let (mut across, mut along) = (ux * cy - uy * cx, ux * cx + uy * cy);
            let last = along + ux * (xs.len() - 1) as f32;
            // Whether the whole run is clear of the line's ends.
            let clear = along.min(last) >= 0.5 && along.max(last) <= len - 0.5;
            let at = (row as usize * self.width + xs.start as usize) * C;
            for px in self.data[at..at + xs.len() * C].chunks_exact_mut(C) {
                let mut cov = (edge - across.abs()).clamp(0.0, 1.0);
                if !clear {
                    cov *= (along.min(len - along) + 0.5).clamp(0.0, 1.0);
                }
                let v = (cov * alpha + 0.5) as i32 as u32;
                if v > 0 {
                    blend::<C>(px, color, v);
                }
                across -= uy;
                along += ux;
            }
        }
    }

    /// Blends `cov` (`w × h` bytes, 0–255) of `color` with its top-left at `(x, y)`.
    fn coverage<const C: usize>(&mut self, (x, y, w, h): (i32, i32, i32, i32), cov: &[u8], color: Rgba) {
        let (rows, cols) = self.clip((x, y, x + w, y + h));
        if cols.is_empty() {
            return;
        }
        for row in rows {
            let src = &cov[((row + self.y0 - y) * w + cols.start - x) as usize..][..cols.len()];
            self.blend_row::<C>(row, cols.start, src, color);
        }
    }

    /// Blends `ink` over `x0..x1 × y0..y1` by the coverage of each pixel's diagonal
    /// `x + y` in `diagonals`.
    fn hatch<const C: usize>(&mut self, (x0, y0, x1, y1): (i32, i32, i32, i32), ink: Rgba, diagonals: &[u8]) {
        let (rows, cols) = self.clip((x0, y0, x1, y1));
        if cols.is_empty() {
            return;
        }
        for row in rows {
            let d = (row + self.y0 + cols.start) as usize;
            if let Some(cov) = diagonals.get(d..d + cols.len()) {
                self.blend_row::<C>(row, cols.start, cov, ink);
            }
        }
    }

    /// Blends `color` over the pixels of band row `row` from column `x` on, each by
    /// its coverage (0–255) in `cov`, scaled by the colour's alpha. There is no test
    /// for a coverage of 0 (which leaves the pixel as it is), so the loop vectorises.
    fn blend_row<const C: usize>(&mut self, row: i32, x: i32, cov: &[u8], color: Rgba) {
        let at = (row as usize * self.width + x as usize) * C;
        let pixels = self.data[at..at + cov.len() * C].chunks_exact_mut(C).zip(cov);
        let alpha = u32::from(color.0[3]);
        if alpha == 255 {
            pixels.for_each(|(px, &v)| blend::<C>(px, color, u32::from(v)));
        } else {
            pixels.for_each(|(px, &v)| blend::<C>(px, color, (u32::from(v) * alpha + 127) / 255));
        }
    }

    /// Fills `path` with tiny-skia's anti-aliased rasteriser, through a coverage mask.
    fn path<const C: usize>(&mut self, path: &Path, (top, bottom): (i32, i32), color: Rgba) {
        let b = path.bounds();
        let (left, right) = (b.left().floor() as i32, b.right().ceil() as i32);
        let (rows, cols) = self.clip((left, top, right, bottom));
        let (w, h) = (cols.len() as u32, rows.len() as u32);
        let Some(mut mask) = Mask::new(w, h) else { return };
        let (x, y) = (cols.start, rows.start + self.y0);
        mask.fill_path(path, FillRule::Winding, true, Transform::from_translate(-x as f32, -y as f32));
        self.coverage::<C>((x, y, w as i32, h as i32), mask.data(), color);
    }
}

/// `x.floor()` as an integer, without the library call `floor` is on baseline x86-64.
#[inline(always)]
fn floor(x: f32) -> i32 {
    let i = x as i32;
    i - i32::from((i as f32) > x)
}

/// Blends `v`/255 of `color` over the pixel `px` (source over an opaque pixel).
#[inline(always)]
fn blend<const C: usize>(px: &mut [u8], color: Rgba, v: u32) {
    for (d, s) in px.iter_mut().zip(color.0) {
        *d = ((u32::from(*d) * (255 - v) + u32::from(s) * v + 127) / 255) as u8;
    }
}
