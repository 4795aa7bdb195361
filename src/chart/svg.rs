//! SVG output through plotters' SVG backend, with text kept as `<text>`.
//!
//! The drawing uses 4 units per point; the document's `width` and `height` are
//! given in `pt`. Plotters writes `font-size` as size / 1.24 and shifts text with
//! `dy` values meant for an unknown font; the font size is drawn to match, and the
//! `dy` values are replaced with the embedded font's ascent and descent.

use super::style::Pen;
use super::Chart;
use crate::fonts::{self, Face, FAMILY};
use plotters::prelude::*;

/// SVG units per point.
const UNITS_PER_PT: f64 = 4.0;

/// The font stack written into every text element.
pub(crate) const FONT_STACK: &str = "Liberation Serif, 'Times New Roman', serif";

pub(crate) fn render(chart: &Chart, width_pt: f32) -> Result<String, String> {
    let height_pt = chart.height_for_width(width_pt);
    let (w, h) = (
        (f64::from(width_pt) * UNITS_PER_PT).round().max(1.0) as u32,
        (f64::from(height_pt) * UNITS_PER_PT).round().max(1.0) as u32,
    );
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        chart.draw_with(&root, Pen { s: UNITS_PER_PT, font_factor: 1.24, hatch_pattern: false })?;
        root.present().map_err(|e| e.to_string())?;
    }
    let m = fonts::metrics(Face::Regular);
    let em = |units: f32| format!("dy=\"{:.3}em\"", units / m.units_per_em);
    Ok(out
        .replacen(
            &format!("width=\"{w}\" height=\"{h}\""),
            &format!("width=\"{width_pt:.2}pt\" height=\"{height_pt:.2}pt\""),
            1,
        )
        .replace(&format!("font-family=\"{FAMILY}\""), &format!("font-family=\"{FONT_STACK}\""))
        .replace("dy=\"0.76em\"", &em(m.ascent))
        .replace("dy=\"0.5ex\"", &em((m.ascent + m.descent) / 2.0))
        .replace("dy=\"-0.5ex\"", &em(m.descent)))
}
