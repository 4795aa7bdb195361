//! Bitmap drawing: a plotters backend ([`Recorder`]) records the chart as a display
//! list ([`Scene`]), which is then painted one horizontal band at a time
//! ([`Band`]), so a 300 dpi chart never needs a whole-image buffer.
//!
//! The charts are rectangles, straight lines and text, and those are painted
//! directly: rectangles are pixel-aligned fills, lines are anti-aliased by the
//! distance of each pixel to their edges, and glyphs are rasterised once with
//! ab_glyph when recorded (placed as the PDF writer places them,
//! [`super::style::place_text`]) and blended into the bands they touch. Hatched
//! areas come as rectangles of a reserved colour and are painted from one row of
//! precomputed hatch coverage ([`Hatching`]). Any other shape goes through
//! tiny-skia's path rasteriser as a coverage mask.
//!
//! Coordinates follow plotters' bitmap: pixel `(x, y)` is the unit square from
//! `(x, y)` to `(x + 1, y + 1)`, a filled rectangle covers `x0..x1 × y0..y1`, and a
//! line of odd pixel width runs through pixel centres so its edges stay sharp.
//!
//! A drawing whose colours are all grey is painted with one channel, else with
//! three (RGB).
//!
//! Kept for speed, measured: the 40-event bulletin's chart took 4.9 ms against 25 ms
//! with plotters' own `BitMapBackend` (criterion `chart/png`, 2026-12-02); the chart is
//! most of a DOCX render, which itself is most of a PDF + DOCX run.

mod backend;
mod paint;

pub(crate) use backend::Recorder;
pub(crate) use paint::Band;

use super::style::{face_of, place_text};
use crate::fonts::Face;
use ab_glyph::{point, Font as _, FontRef, PxScale, ScaleFont as _};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, FontTransform};
use rustc_hash::FxHashMap;
use tiny_skia::{Path, PathBuilder, Stroke};

/// An opaque or translucent colour: red, green, blue, alpha (0–255 each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgba(pub [u8; 4]);

impl Rgba {
    fn of(c: BackendColor) -> Rgba {
        let (r, g, b) = c.rgb;
        Rgba([r, g, b, (c.alpha.clamp(0.0, 1.0) * 255.0 + 0.5) as u8])
    }

    fn opaque(self) -> bool {
        self.0[3] == 255
    }

    fn grey(self) -> bool {
        self.0[0] == self.0[1] && self.0[1] == self.0[2]
    }
}

/// What to paint, in drawing order.
enum Item {
    /// The pixels `x0..x1 × y0..y1`.
    Rect { x0: i32, y0: i32, x1: i32, y1: i32, color: Rgba },
    /// A straight line from `a` to `b`, `half` pixels either side of it, butt ends.
    Line { a: (f32, f32), b: (f32, f32), half: f32, color: Rgba },
    /// Any other shape: a path filled (non-zero winding), with its rows `top..bottom`.
    Path { path: Path, color: Rgba, top: i32, bottom: i32 },
    /// A glyph's coverage, `w × h` bytes from `at` in [`Scene::coverage`], top-left at `(x, y)`.
    Glyph { x: i32, y: i32, w: u32, h: u32, at: usize, color: Rgba },
    /// The pixels `x0..x1 × y0..y1` hatched with the scene's [`Hatching`].
    Hatch { x0: i32, y0: i32, x1: i32, y1: i32 },
}

impl Item {
    /// The rows the item may touch, `top..bottom`.
    fn rows(&self) -> (i32, i32) {
        match *self {
            Item::Rect { y0, y1, .. } | Item::Hatch { y0, y1, .. } => (y0, y1),
            Item::Line { a, b, half, .. } => {
                ((a.1.min(b.1) - half - 1.0).floor() as i32, (a.1.max(b.1) + half + 1.0).ceil() as i32)
            }
            Item::Path { top, bottom, .. } => (top, bottom),
            Item::Glyph { y, h, .. } => (y, y + h as i32),
        }
    }
}

/// Glyph origins are rounded to this fraction of a pixel, so a glyph repeated at
/// the same size is rasterised once. Whole pixels: at 300 dpi a pixel is
/// 0.085 mm, and quarter-pixel origins looked the same while rasterising about
/// four times as many glyphs (a 40-province chart PNG took 6.4 ms instead of 5.2).
const SUBPIXEL: i32 = 1;

/// Face, glyph, size (`f32` bits) and subpixel origin of a rasterised glyph.
type GlyphKey = (Face, u16, u32, u8, u8);

/// A rasterised glyph: its box `(x, y, w, h)` from the glyph's origin and where its
/// coverage starts in [`Scene::coverage`]; `None` for a glyph without ink.
type Raster = Option<(i32, i32, u32, u32, usize)>;

/// Diagonal hatching: lines `x + y = k · period` (pixels, `k` whole), `width`
/// pixels wide, in `ink`, as [`super::style::Pen`] draws them line by line.
///
/// Every pixel's coverage depends only on `x + y`, so it is computed once for each
/// diagonal of the picture ([`Scene::hatch_row`]) and a hatched row is a slice of
/// that: painting the hatching of a 63-province chart that way took under a third
/// of the instructions of drawing its some two thousand lines one by one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hatching {
    /// Distance between lines along either axis, in pixels.
    pub period: f32,
    /// Line width across the line, in pixels.
    pub width: f32,
    /// The lines' colour.
    pub ink: (u8, u8, u8),
}

impl Hatching {
    /// The lines' colour, opaque.
    fn color(&self) -> Rgba {
        Rgba([self.ink.0, self.ink.1, self.ink.2, 255])
    }
}

/// A recorded chart drawing, `width × height` pixels.
pub(crate) struct Scene {
    width: u32,
    height: u32,
    /// What is under everything drawn.
    background: Rgba,
    /// Each item with the rows it may touch, `top..bottom`.
    items: Vec<((i32, i32), Item)>,
    /// Consecutive path fills of one opaque colour, merged into one path.
    pending: Option<(PathBuilder, Rgba)>,
    /// Glyph coverage, 0–255, row after row, glyph after glyph.
    coverage: Vec<u8>,
    /// Upright glyphs already rasterised, by face, glyph, size and subpixel origin.
    glyphs: FxHashMap<GlyphKey, Raster>,
    /// Whether every colour drawn is grey.
    grey: bool,
    /// How [`Item::Hatch`] areas are painted, and the hatch coverage of each
    /// diagonal `x + y` of the picture (0–255).
    hatching: Option<(Hatching, Vec<u8>)>,
}

impl Scene {
    /// An empty (white) drawing of `width × height` pixels.
    pub(crate) fn new(width: u32, height: u32) -> Scene {
        Scene {
            width,
            height,
            background: Rgba([255; 4]),
            items: Vec::new(),
            pending: None,
            coverage: Vec::new(),
            glyphs: FxHashMap::default(),
            grey: true,
            hatching: None,
        }
    }

    /// Paints rectangles filled with [`super::style::HATCH_PATTERN`] as `hatching`
    /// rather than in that colour.
    pub(crate) fn with_hatching(mut self, hatching: Hatching) -> Scene {
        let row = hatch_coverage(&hatching, (self.width + self.height) as usize);
        self.hatching = Some((hatching, row));
        self
    }

    /// The hatch colour and coverage, indexed by `x + y`, of the picture's diagonals.
    fn hatch_row(&self) -> Option<(Rgba, &[u8])> {
        self.hatching.as_ref().map(|(h, row)| (h.color(), row.as_slice()))
    }

    /// The size in pixels.
    pub(crate) fn size(&self) -> (u32, u32) {
        (self.width, self.height)
    }

    /// Whether every colour drawn is grey, so the picture is too.
    pub(crate) fn is_grey(&self) -> bool {
        self.grey
    }

    /// Ends the recording; call before painting.
    pub(crate) fn finish(&mut self) {
        self.flush();
    }

    fn flush(&mut self) {
        let Some((pb, color)) = self.pending.take() else { return };
        if let Some(path) = pb.finish() {
            let b = path.bounds();
            let (top, bottom) = (b.top().floor() as i32, b.bottom().ceil() as i32);
            self.items.push(((top, bottom), Item::Path { path, color, top, bottom }));
        }
    }

    fn push(&mut self, item: Item) {
        self.flush();
        self.items.push((item.rows(), item));
    }

    /// Records a colour's use; false when it is fully transparent (nothing to draw).
    fn uses(&mut self, c: Rgba) -> bool {
        self.grey &= c.grey();
        c.0[3] > 0
    }

    fn fill_path(&mut self, path: Option<Path>, c: BackendColor) {
        let c = Rgba::of(c);
        let Some(path) = path.filter(|_| self.uses(c)) else { return };
        // Opaque fills of one colour merge; translucent ones would darken where they overlap.
        match &mut self.pending {
            Some((pb, pc)) if *pc == c && c.opaque() => pb.push_path(&path),
            _ => {
                self.flush();
                let mut pb = PathBuilder::new();
                pb.push_path(&path);
                self.pending = Some((pb, c));
            }
        }
    }

    /// Fills the pixels between two corners (plotters' filled rectangle).
    fn rect(&mut self, (ax, ay): BackendCoord, (bx, by): BackendCoord, c: BackendColor) {
        let c = Rgba::of(c);
        if !self.uses(c) {
            return;
        }
        let (x0, x1, y0, y1) = (ax.min(bx), ax.max(bx), ay.min(by), ay.max(by));
        if c.opaque() && x0 <= 0 && y0 <= 0 && x1 >= self.width as i32 && y1 >= self.height as i32 {
            // Covers everything drawn so far.
            self.items.clear();
            self.coverage.clear();
            self.glyphs.clear();
            self.pending = None;
            self.background = c;
        } else if x0 < x1 && y0 < y1 {
            self.push(Item::Rect { x0, y0, x1, y1, color: c });
        }
    }

    /// Hatches the pixels between two corners; false, recording nothing, when the
    /// scene has no hatching.
    fn hatch(&mut self, (ax, ay): BackendCoord, (bx, by): BackendCoord) -> bool {
        let Some((h, _)) = &self.hatching else { return false };
        self.grey &= h.color().grey();
        let (x0, x1, y0, y1) = (ax.min(bx), ax.max(bx), ay.min(by), ay.max(by));
        if x0 < x1 && y0 < y1 {
            self.push(Item::Hatch { x0, y0, x1, y1 });
        }
        true
    }

    /// Strokes the polyline `points`, `width` pixels wide, closing it when it ends where it starts.
    fn stroke(&mut self, points: &[BackendCoord], c: BackendColor, width: u32) {
        let color = Rgba::of(c);
        if width == 0 || points.len() < 2 || !self.uses(color) {
            return;
        }
        // Odd widths run through pixel centres, even widths along pixel edges.
        let o = if width % 2 == 1 { 0.5 } else { 0.0 };
        let closed = points.len() > 2 && points[0] == points[points.len() - 1];
        let points = if closed { &points[..points.len() - 1] } else { points };
        if color.opaque() && self.stroke_as_rects(points, closed, color, width) {
            return;
        }
        let at = |p: BackendCoord| (p.0 as f32 + o, p.1 as f32 + o);
        if let [a, b] = points {
            self.push(Item::Line { a: at(*a), b: at(*b), half: width as f32 / 2.0, color });
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(at(points[0]).0, at(points[0]).1);
        for &p in &points[1..] {
            pb.line_to(at(p).0, at(p).1);
        }
        if closed {
            pb.close();
        }
        let stroke = Stroke { width: width as f32, ..Stroke::default() };
        self.fill_path(pb.finish().and_then(|p| p.stroke(&stroke, 1.0)), c);
    }

    /// Strokes a polyline of horizontal and vertical segments as pixel-aligned
    /// rectangles (butt ends, square corners: what a mitred stroke gives); returns
    /// false, drawing nothing, for any other polyline.
    fn stroke_as_rects(&mut self, p: &[BackendCoord], closed: bool, color: Rgba, width: u32) -> bool {
        let n = if closed { p.len() } else { p.len() - 1 };
        let seg = |i: usize| (p[i], p[(i + 1) % p.len()]);
        if !(0..n).map(seg).all(|(a, b)| a.0 == b.0 || a.1 == b.1) {
            return false;
        }
        // A line through pixel `v` covers `v - lo .. v + hi` across (odd widths are
        // centred on the pixel, even ones on its top-left edge).
        let w = width as i32;
        let (lo, hi) = (w / 2, w - w / 2);
        for i in 0..n {
            let (a, b) = seg(i);
            if a == b {
                continue;
            }
            // Along: joins reach past the corner as far as across; butt ends stop at
            // the point, taking its whole pixel.
            let (s, e, s_join, e_join) = if a < b {
                (a, b, closed || i > 0, closed || i + 1 < n)
            } else {
                (b, a, closed || i + 1 < n, closed || i > 0)
            };
            let from = |v: i32| if s_join { v - lo } else { v };
            let to = |v: i32| if e_join { v + hi } else { v + w % 2 };
            let item = if a.0 == b.0 {
                Item::Rect { x0: s.0 - lo, y0: from(s.1), x1: s.0 + hi, y1: to(e.1), color }
            } else {
                Item::Rect { x0: from(s.0), y0: s.1 - lo, x1: to(e.0), y1: s.1 + hi, color }
            };
            self.push(item);
        }
        true
    }

    /// Rasterises `text` with the embedded font and records its glyphs; `pos` is
    /// plotters' anchor point.
    fn text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) {
        let color = Rgba::of(style.color());
        if !self.uses(color) {
            return;
        }
        let (face, size, trans) = (face_of(style.style()), style.size(), style.transform());
        let (left, baseline, _, _) = place_text(text, face, size, style.anchor(), (0, 0));
        let f = crate::fonts::metrics(face).font();
        let scale = PxScale::from(size as f32);
        let scaled = f.as_scaled(scale);
        let mut x = left as f32;
        for ch in text.chars() {
            let id = f.glyph_id(ch);
            // The glyph's origin in whole pixels and quarters of a pixel.
            let [(ix, fx), (iy, fy)] = [x, baseline as f32].map(|v| {
                let q = (v * SUBPIXEL as f32).round() as i32;
                (q.div_euclid(SUBPIXEL), q.rem_euclid(SUBPIXEL))
            });
            x += scaled.h_advance(id);
            let key = (face, id.0, scale.x.to_bits(), fx as u8, fy as u8);
            let glyph = match (self.glyphs.get(&key), &trans) {
                (Some(&g), FontTransform::None) => g,
                _ => {
                    let at = point(fx as f32 / SUBPIXEL as f32, fy as f32 / SUBPIXEL as f32);
                    let g = self.rasterise(f, id.with_scale_and_position(scale, at));
                    if matches!(trans, FontTransform::None) {
                        self.glyphs.insert(key, g);
                    }
                    g
                }
            };
            let Some((gx, gy, w, h, at)) = glyph else { continue };
            let (gx, gy) = (ix + gx, iy + gy);
            let (x, y, w, h) = match trans {
                FontTransform::None => (gx, gy, w, h),
                ref t => self.rotate(at, (gx, gy, w, h), t),
            };
            self.push(Item::Glyph { x: pos.0 + x, y: pos.1 + y, w, h, at, color });
        }
    }

    /// Rasterises a glyph into the coverage store.
    fn rasterise(&mut self, f: &FontRef<'_>, glyph: ab_glyph::Glyph) -> Raster {
        let outline = f.outline_glyph(glyph)?;
        let b = outline.px_bounds();
        let (w, h) = (b.width() as u32, b.height() as u32);
        if w == 0 || h == 0 {
            return None;
        }
        let at = self.coverage.len();
        self.coverage.resize(at + (w * h) as usize, 0);
        let cov = &mut self.coverage[at..];
        outline.draw(|gx, gy, v| cov[(gy * w + gx) as usize] = (v.clamp(0.0, 1.0) * 255.0 + 0.5) as u8);
        Some((b.min.x as i32, b.min.y as i32, w, h, at))
    }

    /// Turns the glyph bitmap at `at` (the last one) by `t`; returns its new box.
    fn rotate(&mut self, at: usize, (gx, gy, w, h): (i32, i32, u32, u32), t: &FontTransform) -> (i32, i32, u32, u32) {
        let corners = [(gx, gy), (gx + w as i32 - 1, gy + h as i32 - 1)].map(|(x, y)| t.transform(x, y));
        let (x0, y0) = (corners[0].0.min(corners[1].0), corners[0].1.min(corners[1].1));
        let (nw, nh) = if matches!(t, FontTransform::Rotate90 | FontTransform::Rotate270) { (h, w) } else { (w, h) };
        let src: Vec<u8> = self.coverage[at..].to_vec();
        let dst = &mut self.coverage[at..];
        for (i, &v) in src.iter().enumerate() {
            let (sx, sy) = (gx + (i as u32 % w) as i32, gy + (i as u32 / w) as i32);
            let (tx, ty) = t.transform(sx, sy);
            dst[((ty - y0) as u32 * nw + (tx - x0) as u32) as usize] = v;
        }
        (x0, y0, nw, nh)
    }
}

/// The coverage (0–255) of `h`'s lines at the pixels whose `x + y` is 0, 1, …,
/// `len − 1`: a pixel's centre lies `|x + y + 1 − k · period| / √2` across the
/// nearest line, with one pixel of ramp, as [`Band`] paints a line.
fn hatch_coverage(h: &Hatching, len: usize) -> Vec<u8> {
    let edge = h.width / 2.0 + 0.5;
    let period = h.period.max(1.0);
    (0..len)
        .map(|s| {
            let s = s as f32 + 1.0;
            let off = s - (s / period).round() * period;
            let cov = (edge - off.abs() * std::f32::consts::FRAC_1_SQRT_2).clamp(0.0, 1.0);
            (cov * 255.0 + 0.5) as u8
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// Paints `scene` whole: its rows, top first, and the bytes per pixel.
    fn pixels(mut scene: Scene) -> (Vec<Vec<u8>>, usize) {
        scene.finish();
        let mut band = Band::new(&scene, 7);
        let mut rows = Vec::new();
        for y0 in (0..scene.size().1).step_by(7) {
            rows.extend(band.paint(&scene, y0).map(<[u8]>::to_vec));
        }
        (rows, band.channels())
    }

    fn draw(w: u32, h: u32, f: impl FnOnce(&DrawingArea<Recorder<'_>, plotters::coord::Shift>)) -> Scene {
        let mut scene = Scene::new(w, h);
        {
            let root = Recorder(&mut scene).into_drawing_area();
            root.fill(&WHITE).unwrap();
            f(&root);
        }
        scene
    }

    #[test]
    fn axis_aligned_strokes_fill_whole_pixels() {
        // A 2-pixel outline along pixel edges, a 3-pixel line centred on a pixel row.
        let scene = draw(20, 20, |a| {
            a.draw(&PathElement::new(vec![(4, 4), (12, 4), (12, 10), (4, 10), (4, 4)], BLACK.stroke_width(2))).unwrap();
            a.draw(&PathElement::new(vec![(2, 15), (17, 15)], BLACK.stroke_width(3))).unwrap();
        });
        let (rows, channels) = pixels(scene);
        assert_eq!(channels, 1);
        let ink = |x: usize, y: usize| rows[y][x] == 0;
        assert!(rows.iter().flatten().all(|&v| v == 0 || v == 255), "no partly covered pixel");
        // Outline: rows 3 and 4 for the top edge, columns 3–12 with square corners.
        assert!((3..13).all(|x| ink(x, 3) && ink(x, 4)) && !ink(2, 3) && !ink(13, 3) && !ink(5, 5));
        assert!((3..11).all(|y| ink(3, y) && ink(11, y)) && !ink(3, 11));
        // Line: rows 14–16, from column 2 to column 17 inclusive.
        assert!((2..18).all(|x| ink(x, 14) && ink(x, 16)) && !ink(1, 15) && !ink(18, 15) && !ink(5, 13));
    }

    #[test]
    fn hatched_rectangles_are_painted_as_diagonal_lines() {
        use crate::chart::style::HATCH_PATTERN;
        let hatching = Hatching { period: 10.0, width: 2.0, ink: (0, 0, 0) };
        let mut scene = Scene::new(40, 30).with_hatching(hatching);
        {
            let root = Recorder(&mut scene).into_drawing_area();
            root.fill(&WHITE).unwrap();
            root.draw(&Rectangle::new([(5, 5), (35, 25)], RGBColor(200, 200, 200).filled())).unwrap();
            root.draw(&Rectangle::new([(5, 5), (35, 25)], HATCH_PATTERN.filled())).unwrap();
        }
        assert!(scene.is_grey(), "the marker colour is not painted");
        let (rows, _) = pixels(scene);
        // Lines x + y + 1 = 10k: a pixel on one is ink, one halfway between is the fill.
        assert_eq!(rows[10][19], 0);
        assert_eq!(rows[10][14], 200);
        // Each line runs at 45°: a row is the row above shifted one pixel left.
        assert!((6..24).all(|y| (6..33).all(|x| rows[y + 1][x] == rows[y][x + 1])));
        // Nothing outside the rectangle, and no marker colour anywhere.
        assert!(rows[4].iter().chain(&rows[25]).all(|&v| v == 255));
        assert!((0..30).all(|y| rows[y][4] == 255 && rows[y][35] == 255));
    }

    #[test]
    fn a_coloured_drawing_is_painted_in_rgb() {
        let scene = draw(8, 8, |a| a.draw(&Rectangle::new([(2, 2), (5, 5)], RED.filled())).unwrap());
        let (rows, channels) = pixels(scene);
        assert_eq!(channels, 3);
        assert_eq!(&rows[3][9..12], &[255, 0, 0]);
        assert_eq!(&rows[6][9..12], &[255, 255, 255]);
    }

    #[test]
    fn diagonal_lines_and_rotated_text_draw() {
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        crate::fonts::register_with_plotters();
        let font = |t| {
            TextStyle::from(FontDesc::new(FontFamily::Name(crate::fonts::FAMILY), 20.0, FontStyle::Normal))
                .transform(t)
                .pos(Pos::new(HPos::Left, VPos::Top))
        };
        let scene = draw(60, 60, |a| {
            a.draw(&PathElement::new(vec![(0, 0), (59, 59)], BLACK.stroke_width(2))).unwrap();
            a.draw(&Text::new("Hg", (30, 5), font(FontTransform::None))).unwrap();
            a.draw(&Text::new("Hg", (30, 5), font(FontTransform::Rotate90))).unwrap();
        });
        let (rows, _) = pixels(scene);
        // The line darkens the diagonal and leaves the far corners white.
        assert!(rows[30][30] < 64 && rows[59][0] == 255 && rows[0][59] == 255);
        // Upright text lies right of x = 30 and below y = 5; turned a quarter clockwise
        // about the anchor, it lies left of x = 30.
        let ink = |x0: usize, x1: usize, y0: usize, y1: usize| (y0..y1).any(|y| (x0..x1).any(|x| rows[y][x] < 128));
        assert!(ink(31, 60, 5, 30));
        assert!(ink(5, 29, 5, 30));
    }
}
