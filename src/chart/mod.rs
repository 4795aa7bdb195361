//! Charts drawn with plotters, as pure functions from statistics to a drawing.
//!
//! A [`Chart`] draws on any plotters backend: the PDF writer's vector backend,
//! a bitmap (PNG for DOCX) or SVG. Every length is given in points and scaled by
//! `px_per_pt`, and all text is measured with the embedded Liberation Serif, so
//! every backend gets the same picture.
//!
//! The two series stay apart in black-and-white print: collectives are dark grey,
//! individuals light grey with diagonal hatching, both outlined in black.
//!
//! Layout is computed here, in points, with the embedded font's advances; plotters
//! supplies the coordinate system of the backend and the primitives (no
//! `ChartBuilder`, so the backend's `estimate_text_size` is never consulted).
//!
//! Text convention for backends: plotters' font size is the font's
//! ascent − descent in pixels (the ab_glyph convention), and the anchors follow
//! [`style::place_text`] (`Top` = ascent line, `Center` = middle of ascent and
//! descent, `Bottom` = descent line). The PNG path (`raster`) and the label
//! checks in the tests use exactly this.

mod hbars;
mod png;
mod raster;
pub mod style;
mod svg;
mod trend;

pub use style::Series;

use crate::fonts;
use crate::vi;
use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The width of the bulletin's text column: 165 mm in points.
pub const TEXT_WIDTH_PT: f32 = 467.72;

/// The most periods a trend chart shows.
pub const TREND_MAX_PERIODS: usize = 8;

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
        self.collectives.saturating_add(self.individuals)
    }
}

/// One period of a trend chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// Short period label, e.g. `Q2/2020` or `6/2020`.
    pub label: String,
    /// Collectives (tập thể).
    pub collectives: u64,
    /// Individuals (cá nhân).
    pub individuals: u64,
    /// Whether this is the bulletin's own period (drawn marked).
    pub current: bool,
}

impl TrendPoint {
    /// Collectives plus individuals.
    pub fn total(&self) -> u64 {
        self.collectives.saturating_add(self.individuals)
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
    /// Stacked columns per period, oldest first, the current period marked.
    Trend {
        /// Periods in time order.
        points: Vec<TrendPoint>,
    },
    /// Horizontal bars per award form family, in the given order.
    Forms {
        /// Rows in the order of the award taxonomy.
        rows: Vec<BarRow>,
    },
}

/// The chart kinds, as named on the command line (`--kind province|trend|forms`)
/// and in templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// [`Chart::ProvinceBars`].
    Province,
    /// [`Chart::Trend`].
    Trend,
    /// [`Chart::Forms`].
    Forms,
}

impl Kind {
    /// All kinds, in the order they are listed to users.
    pub const ALL: [Kind; 3] = [Kind::Province, Kind::Trend, Kind::Forms];

    /// The name used on the command line and in templates.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::Trend => "trend",
            Kind::Forms => "forms",
        }
    }

    /// Parses a kind name; the error lists the known names.
    pub fn parse(s: &str) -> Result<Kind, String> {
        Kind::ALL.into_iter().find(|k| k.name() == s.trim()).ok_or_else(|| {
            let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            format!("unknown chart kind `{s}`; known kinds: {}", known.join(", "))
        })
    }
}

fn nfc_rows(rows: Vec<BarRow>) -> Vec<BarRow> {
    rows.into_iter().map(|r| BarRow { label: vi::nfc(&r.label), ..r }).collect()
}

impl Chart {
    /// Awards per province; labels are normalised to NFC.
    pub fn province_bars(rows: Vec<BarRow>) -> Chart {
        Chart::ProvinceBars { rows: nfc_rows(rows) }
    }

    /// Awards per period, in time order; keeps the last [`TREND_MAX_PERIODS`] points.
    pub fn trend(points: Vec<TrendPoint>) -> Chart {
        let skip = points.len().saturating_sub(TREND_MAX_PERIODS);
        Chart::Trend {
            points: points.into_iter().skip(skip).map(|p| TrendPoint { label: vi::nfc(&p.label), ..p }).collect(),
        }
    }

    /// Awards per form family, drawn in the given order; labels are normalised to NFC.
    pub fn forms(rows: Vec<BarRow>) -> Chart {
        Chart::Forms { rows: nfc_rows(rows) }
    }

    /// The chart's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Chart::ProvinceBars { .. } => Kind::Province,
            Chart::Trend { .. } => Kind::Trend,
            Chart::Forms { .. } => Kind::Forms,
        }
    }

    /// Every text label the chart shows (for coverage checks and tests).
    pub fn labels(&self) -> Vec<String> {
        let mut v: Vec<String> = match self {
            Chart::ProvinceBars { rows } | Chart::Forms { rows } => rows.iter().map(|r| r.label.clone()).collect(),
            Chart::Trend { points } => {
                let mut v: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
                if points.iter().any(|p| p.current) {
                    v.push(trend::CURRENT_NOTE.to_string());
                }
                v
            }
        };
        v.extend(Series::BOTH.iter().map(|s| s.name().to_string()));
        v.push(hbars::AXIS_TITLE.to_string());
        v
    }

    /// A description listing the figures (alt text).
    pub fn description(&self) -> String {
        let figures = |label: &str, c: u64, i: u64| {
            format!("{label}: {} tập thể, {} cá nhân", style::number(c), style::number(i))
        };
        match self {
            Chart::ProvinceBars { rows } => {
                let parts: Vec<String> =
                    hbars::shown(rows, true).iter().map(|r| figures(&r.label, r.collectives, r.individuals)).collect();
                format!("Biểu đồ số lượt khen thưởng theo tỉnh. {}.", parts.join("; "))
            }
            Chart::Forms { rows } => {
                let parts: Vec<String> = rows.iter().map(|r| figures(&r.label, r.collectives, r.individuals)).collect();
                format!("Biểu đồ số lượt khen thưởng theo hình thức. {}.", parts.join("; "))
            }
            Chart::Trend { points } => {
                let parts: Vec<String> = points
                    .iter()
                    .map(|p| {
                        let label = if p.current { format!("{} (kỳ này)", p.label) } else { p.label.clone() };
                        figures(&label, p.collectives, p.individuals)
                    })
                    .collect();
                format!("Biểu đồ số lượt khen thưởng qua các kỳ. {}.", parts.join("; "))
            }
        }
    }

    /// Height in points for a given width in points.
    pub fn height_for_width(&self, width_pt: f32) -> f32 {
        let w = f64::from(width_pt);
        let h = match self {
            Chart::ProvinceBars { rows } => hbars::height(rows, true, w),
            Chart::Forms { rows } => hbars::height(rows, false, w),
            Chart::Trend { .. } => trend::height(w),
        };
        h as f32
    }

    /// Draws the chart on `root`, whose size is `width_pt × height_pt` scaled by `px_per_pt`.
    ///
    /// The backend reads plotters' font size as the font's ascent − descent in pixels
    /// and places text as [`style::place_text`] describes.
    pub fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, px_per_pt: f64) -> Result<(), String> {
        self.draw_with(root, style::Pen::new(px_per_pt))
    }

    /// Like [`Chart::draw`], but hatched areas are filled with one reserved colour
    /// (`style::HATCH_PATTERN`) instead of drawn line by line, for a backend that
    /// paints that colour as the hatching pattern.
    pub fn draw_with_hatch_pattern<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        px_per_pt: f64,
    ) -> Result<(), String> {
        self.draw_with(root, style::Pen { hatch_pattern: true, ..style::Pen::new(px_per_pt) })
    }

    fn draw_with<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, pen: style::Pen) -> Result<(), String> {
        fonts::register_with_plotters();
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| format!("chart drawing failed: {e}");
        root.fill(&WHITE).map_err(err)?;
        match self {
            Chart::ProvinceBars { rows } => hbars::draw(root, pen, rows, true),
            Chart::Forms { rows } => hbars::draw(root, pen, rows, false),
            Chart::Trend { points } => trend::draw(root, pen, points),
        }
        .map_err(err)
    }

    /// The pixel size, width then height, of [`Chart::to_png`]`(width_pt, dpi)`.
    pub fn png_size(&self, width_pt: f32, dpi: f32) -> (u32, u32) {
        let scale = f64::from(dpi) / 72.0;
        let px = |pt: f32| (f64::from(pt) * scale).round().max(1.0) as u32;
        (px(width_pt), px(self.height_for_width(width_pt)))
    }

    /// Renders to PNG bytes at `dpi`, `width_pt` wide, with the resolution in a pHYs chunk.
    pub fn to_png(&self, width_pt: f32, dpi: f32) -> Result<Vec<u8>, String> {
        let scale = f64::from(dpi) / 72.0;
        let (w, h) = self.png_size(width_pt, dpi);
        let (ink, width) = (style::HATCH_INK, style::HATCH_WIDTH * scale);
        let mut scene = raster::Scene::new(w, h).with_hatching(raster::Hatching {
            period: (style::HATCH_SPACING * scale) as f32,
            // As a line drawn through plotters: a whole number of pixels.
            width: width.round().max(1.0) as f32,
            ink: (ink.0, ink.1, ink.2),
        });
        {
            let root = raster::Recorder(&mut scene).into_drawing_area();
            self.draw_with_hatch_pattern(&root, scale)?;
            root.present().map_err(|e| e.to_string())?;
        }
        scene.finish();
        png::encode(&scene, dpi)
    }

    /// Renders to an SVG document `width_pt` wide (text stays text, in
    /// `Liberation Serif, 'Times New Roman', serif`).
    pub fn to_svg(&self, width_pt: f32) -> Result<String, String> {
        svg::render(self, width_pt)
    }

    /// Writes the chart to `path`, as SVG or 300 dpi PNG by the file's extension,
    /// `width_pt` wide.
    pub fn write_file(&self, path: &Path, width_pt: f32) -> crate::Result<()> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let render = |message: String| crate::Error::Render { what: format!("chart {}", path.display()), message };
        let bytes = match ext.as_deref() {
            Some("svg") => self.to_svg(width_pt).map_err(render)?.into_bytes(),
            Some("png") => self.to_png(width_pt, 300.0).map_err(render)?,
            _ => {
                return Err(crate::Error::input(
                    path.display().to_string(),
                    "file name",
                    "a chart is written as .svg or .png; change the output file's extension",
                ))
            }
        };
        std::fs::write(path, bytes).map_err(|e| crate::Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_name_and_match_their_charts() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.name()), Ok(k));
        }
        let err = Kind::parse("pie").unwrap_err();
        assert!(err.contains("province, trend, forms"), "{err}");
        assert_eq!(Chart::forms(vec![]).kind(), Kind::Forms);
        assert_eq!(Chart::trend(vec![]).kind(), Kind::Trend);
        assert_eq!(Chart::province_bars(vec![]).kind(), Kind::Province);
    }

    #[test]
    fn descriptions_list_the_figures_in_vietnamese_format() {
        let rows = vec![
            BarRow { label: "Huế".into(), collectives: 2, individuals: 3 },
            BarRow { label: "Hà Nội".into(), collectives: 1000, individuals: 277 },
        ];
        let d = Chart::province_bars(rows).description();
        assert!(d.find("Hà Nội: 1.000 tập thể, 277 cá nhân").unwrap() < d.find("Huế").unwrap(), "{d}");
    }
}
