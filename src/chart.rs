//! Charts drawn with plotters, as pure functions from statistics to a drawing.
//!
//! A [`Chart`] draws on any plotters backend: the PDF writer's vector backend,
//! a bitmap (PNG for DOCX) or SVG. Sizes are given in points and scaled by
//! `px_per_pt`, so every backend gets the same picture.

use crate::fonts::{self, FAMILY};
use crate::vi;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

/// One bar: a label with collectives and individuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BarRow {
    /// Category label (province or award form), NFC.
    pub label: String,
    /// Collectives (tập thể).
    pub collectives: u64,
    /// Individuals (cá nhân).
    pub individuals: u64,
}

impl BarRow {
    /// Collectives plus individuals.
    pub fn total(&self) -> u64 {
        self.collectives + self.individuals
    }
}

/// A chart and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Chart {
    /// Horizontal bars per province, collectives and individuals stacked, sorted by total.
    ProvinceBars {
        /// Rows in any order; drawing sorts them by total, descending.
        rows: Vec<BarRow>,
    },
}

/// Greyscale-safe fills: dark grey for collectives, light grey for individuals.
const COLLECTIVE_FILL: RGBColor = RGBColor(70, 70, 70);
const INDIVIDUAL_FILL: RGBColor = RGBColor(200, 200, 200);

impl Chart {
    /// Every text label the chart shows (for coverage checks and tests).
    pub fn labels(&self) -> Vec<String> {
        match self {
            Chart::ProvinceBars { rows } => {
                let mut v: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
                v.extend(["Tập thể".to_string(), "Cá nhân".to_string(), "Số lượt khen thưởng".to_string()]);
                v
            }
        }
    }

    /// A one-sentence description listing the figures (alt text).
    pub fn description(&self) -> String {
        match self {
            Chart::ProvinceBars { rows } => {
                let parts: Vec<String> = sorted(rows)
                    .iter()
                    .map(|r| {
                        format!(
                            "{}: {} tập thể, {} cá nhân",
                            r.label,
                            vi::number(r.collectives as i64),
                            vi::number(r.individuals as i64)
                        )
                    })
                    .collect();
                format!("Biểu đồ số lượt khen thưởng theo tỉnh. {}.", parts.join("; "))
            }
        }
    }

    /// Height in points for a given width in points.
    pub fn height_for_width(&self, width_pt: f32) -> f32 {
        match self {
            Chart::ProvinceBars { rows } => {
                let n = rows.len().max(1) as f32;
                (n * 18.0 + 70.0).max(width_pt * 0.3)
            }
        }
    }

    /// Draws the chart on `root`, whose size is `width_pt × height_pt` scaled by `px_per_pt`.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, px_per_pt: f64) -> Result<(), String> {
        fonts::register_with_plotters();
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("chart drawing failed: {e}");
        root.fill(&WHITE).map_err(err)?;
        match self {
            Chart::ProvinceBars { rows } => draw_province_bars(root, rows, px_per_pt).map_err(err),
        }
    }

    /// Renders to PNG bytes at `dpi`, `width_pt` wide.
    pub fn to_png(&self, width_pt: f32, dpi: f32) -> Result<Vec<u8>, String> {
        let scale = f64::from(dpi) / 72.0;
        let (w, h) = (
            (f64::from(width_pt) * scale).round() as u32,
            (f64::from(self.height_for_width(width_pt)) * scale).round() as u32,
        );
        let mut buf = vec![0u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            self.draw(&root, scale)?;
            root.present().map_err(|e| e.to_string())?;
        }
        encode_png(&buf, w, h, dpi)
    }

    /// Renders to an SVG document `width_pt` wide (text stays text).
    pub fn to_svg(&self, width_pt: f32) -> Result<String, String> {
        let (w, h) = (width_pt.round() as u32, self.height_for_width(width_pt).round() as u32);
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
            self.draw(&root, 1.0)?;
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(out.replace(
            &format!("font-family=\"{FAMILY}\""),
            &format!("font-family=\"{FAMILY}, 'Times New Roman', serif\""),
        ))
    }
}

fn sorted(rows: &[BarRow]) -> Vec<&BarRow> {
    let mut v: Vec<&BarRow> = rows.iter().collect();
    v.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| crate::collate::compare(&a.label, &b.label)));
    v
}

fn draw_province_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    rows: &[BarRow],
    s: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let rows = sorted(rows);
    let n = rows.len().max(1);
    let max = rows.iter().map(|r| r.total()).max().unwrap_or(0).max(1);
    let px = |pt: f64| (pt * s).round() as i32;
    let label_font = (FAMILY, px(10.0)).into_font();
    let label_w = rows.iter().map(|r| fonts::width(fonts::Face::Regular, &r.label, 10.0)).fold(0.0f32, f32::max);
    let mut chart = ChartBuilder::on(root)
        .margin(px(6.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(f64::from(label_w) + 12.0))
        .build_cartesian_2d(0u64..(max + max / 6 + 1), (0..n as i32).into_segmented())?;
    let names: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    let name_of = move |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) => names.get(n - 1 - *i as usize).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .y_labels(n * 2 + 1)
        .y_label_formatter(&name_of)
        .x_label_formatter(&|x| vi::number(*x as i64))
        .label_style(label_font.clone())
        .axis_desc_style((FAMILY, px(10.0)))
        .x_desc("Số lượt khen thưởng")
        .draw()?;
    let bar = |i: usize, x0: u64, x1: u64, fill: RGBColor| {
        let y = (n - 1 - i) as i32;
        let mut r = Rectangle::new([(x0, SegmentValue::Exact(y)), (x1, SegmentValue::Exact(y + 1))], fill.filled());
        r.set_margin(px(3.0) as u32, px(3.0) as u32, 0, 0);
        r
    };
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| bar(i, 0, r.collectives, COLLECTIVE_FILL)))?
        .label("Tập thể")
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - px(4.0)), (x + px(12.0), y + px(4.0))], COLLECTIVE_FILL.filled())
        });
    chart
        .draw_series(rows.iter().enumerate().map(|(i, r)| bar(i, r.collectives, r.total(), INDIVIDUAL_FILL)))?
        .label("Cá nhân")
        .legend(move |(x, y)| {
            Rectangle::new([(x, y - px(4.0)), (x + px(12.0), y + px(4.0))], INDIVIDUAL_FILL.filled())
        });
    // Outlines keep the light series visible on paper.
    chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
        let y = (n - 1 - i) as i32;
        let mut rect = Rectangle::new(
            [(0, SegmentValue::Exact(y)), (r.total(), SegmentValue::Exact(y + 1))],
            BLACK.stroke_width(1),
        );
        rect.set_margin(px(3.0) as u32, px(3.0) as u32, 0, 0);
        rect
    }))?;
    let value_style = TextStyle::from((FAMILY, px(9.0)).into_font()).pos(plotters::style::text_anchor::Pos::new(
        plotters::style::text_anchor::HPos::Left,
        plotters::style::text_anchor::VPos::Center,
    ));
    chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
        let y = (n - 1 - i) as i32;
        Text::new(
            format!(" {}", vi::number(r.total() as i64)),
            (r.total(), SegmentValue::CenterOf(y)),
            value_style.clone(),
        )
    }))?;
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE)
        .border_style(BLACK)
        .label_font((FAMILY, px(10.0)))
        .draw()?;
    Ok(())
}

/// Encodes an RGB buffer as PNG with a pHYs chunk for `dpi`.
fn encode_png(rgb: &[u8], w: u32, h: u32, dpi: f32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let ppm = (dpi / 0.0254).round() as u32;
        enc.set_pixel_dims(Some(png::PixelDimensions { xppu: ppm, yppu: ppm, unit: png::Unit::Meter }));
        let mut wr = enc.write_header().map_err(|e| e.to_string())?;
        wr.write_image_data(rgb).map_err(|e| e.to_string())?;
    }
    Ok(out)
}
