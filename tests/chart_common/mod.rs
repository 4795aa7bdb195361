//! Shared by the chart tests: a recording plotters backend that keeps every text
//! with its box (measured with the embedded font, independently of the chart
//! code), test data, and the label checks.
#![allow(dead_code)]

use bantin::chart::{BarRow, Chart, TrendPoint, TEXT_WIDTH_PT};
use bantin::fonts::{self, Face};
use bantin::geo::{self, Grid};
use plotters::prelude::*;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
};
use std::convert::Infallible;

/// Pixels per point of the recording canvas (the PDF writer's virtual canvas).
pub const PX_PER_PT: f64 = 4.0;

/// A drawn text and the box it occupies, in pixels.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A filled rectangle: corners and colour.
pub type Fill = ((i32, i32), (i32, i32), (u8, u8, u8));

/// A backend that draws nothing and records texts and filled rectangles.
pub struct Recorder {
    pub size: (u32, u32),
    pub labels: Vec<Label>,
    pub fills: Vec<Fill>,
}

impl Recorder {
    pub fn new(size: (u32, u32)) -> Recorder {
        Recorder { size, labels: Vec::new(), fills: Vec::new() }
    }
}

fn face(style: FontStyle) -> Face {
    match style {
        FontStyle::Bold => Face::Bold,
        FontStyle::Italic => Face::Italic,
        FontStyle::Oblique => Face::BoldItalic,
        FontStyle::Normal => Face::Regular,
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
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
            self.fills.push((a, b, style.color().rgb));
        }
        Ok(())
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        // Plotters' size is ascent − descent (ab_glyph); the em follows from the font.
        let f = face(style.style());
        let m = fonts::metrics(f);
        let size = style.size();
        let em = size * f64::from(m.units_per_em / (m.ascent - m.descent));
        let w = f64::from(fonts::width(f, text, em as f32));
        let anchor = style.anchor();
        let x0 = match anchor.h_pos {
            HPos::Left => f64::from(x),
            HPos::Center => f64::from(x) - w / 2.0,
            HPos::Right => f64::from(x) - w,
        };
        let y0 = match anchor.v_pos {
            VPos::Top => f64::from(y),
            VPos::Center => f64::from(y) - size / 2.0,
            VPos::Bottom => f64::from(y) - size,
        };
        self.labels.push(Label { text: text.to_string(), x0, y0, x1: x0 + w, y1: y0 + size });
        Ok(())
    }
}

pub fn record(chart: &Chart) -> Recorder {
    record_at(chart, TEXT_WIDTH_PT)
}

pub fn record_at(chart: &Chart, width: f32) -> Recorder {
    let h = chart.height_for_width(width);
    let size = ((f64::from(width) * PX_PER_PT).round() as u32, (f64::from(h) * PX_PER_PT).round() as u32);
    let mut rec = Recorder::new(size);
    {
        let root = (&mut rec).into_drawing_area();
        chart.draw(&root, PX_PER_PT).unwrap();
    }
    rec
}

// `&mut Recorder` as a backend, so the recording stays readable after drawing.
impl DrawingBackend for &mut Recorder {
    type ErrorType = Infallible;
    fn get_size(&self) -> (u32, u32) {
        (**self).get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> Result<(), DrawingErrorKind<Infallible>> {
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        (**self).draw_rect(a, b, style, fill)
    }
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Infallible>> {
        (**self).draw_text(text, style, pos)
    }
}

/// Deterministic, uneven figures; the first row gets a four-digit total.
pub fn rows(names: &[&str]) -> Vec<BarRow> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let i = i as u64;
            let (c, p) = if i == 0 { (312, 965) } else { ((i * 37) % 89 + 1, (i * 53) % 211 + (i % 3) * 40) };
            BarRow { label: n.to_string(), collectives: c, individuals: p }
        })
        .collect()
}

pub fn provinces(n: usize) -> Vec<&'static str> {
    let all = geo::names(Grid::Old63);
    assert_eq!(all.len(), 63, "the old grid has 63 provinces");
    all.into_iter().take(n).collect()
}

pub const FORMS: [&str; 7] = [
    "Huân chương Bảo vệ Tổ quốc",
    "Huân chương Chiến công",
    "Bằng khen của Thủ tướng Chính phủ",
    "Bằng khen của Bộ trưởng Bộ Công an",
    "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    "Giấy khen",
    "Danh hiệu Chiến sĩ thi đua",
];

pub fn trend_points(n: usize) -> Vec<TrendPoint> {
    (0..n)
        .map(|i| {
            let q = i % 4 + 1;
            let y = 2018 + i / 4;
            TrendPoint {
                label: format!("Q{q}/{y}"),
                collectives: (i as u64 * 31) % 70 + 10,
                individuals: (i as u64 * 97) % 400 + 50,
                current: i + 1 == n,
            }
        })
        .collect()
}

/// The three chart kinds for `n` categories (provinces, forms, periods).
pub fn charts(n: usize) -> Vec<(String, Chart)> {
    let forms: Vec<String> = (0..n).map(|i| format!("{} {}", FORMS[i % FORMS.len()], i / FORMS.len() + 1)).collect();
    let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
    vec![
        (format!("province-{n}"), Chart::province_bars(rows(&provinces(n)))),
        (format!("forms-{n}"), Chart::forms(rows(&forms))),
        (format!("trend-{n}"), Chart::trend(trend_points(n))),
    ]
}

pub fn overlaps(a: &Label, b: &Label) -> bool {
    // Half a pixel of rounding is tolerated.
    let tol = 0.5;
    a.x0 < b.x1 - tol && b.x0 < a.x1 - tol && a.y0 < b.y1 - tol && b.y0 < a.y1 - tol
}

pub fn check_labels(name: &str, chart: &Chart, rec: &Recorder) {
    let (w, h) = (f64::from(rec.size.0), f64::from(rec.size.1));
    for l in &rec.labels {
        assert!(
            l.x0 >= 0.0 && l.y0 >= 0.0 && l.x1 <= w && l.y1 <= h,
            "{name}: label {:?} leaves the {w}×{h} canvas: {l:?}",
            l.text
        );
    }
    for (i, a) in rec.labels.iter().enumerate() {
        for b in &rec.labels[i + 1..] {
            assert!(!overlaps(a, b), "{name}: labels overlap: {a:?} and {b:?}");
        }
    }
    let drawn: Vec<&str> = rec.labels.iter().map(|l| l.text.as_str()).collect();
    let joined = drawn.join(" ");
    for label in chart.labels() {
        // Wrapped labels are drawn as several lines, each a piece of the label.
        assert!(drawn.contains(&label.as_str()) || joined.contains(&label), "{name}: {label:?} not drawn in {drawn:?}");
    }
}
