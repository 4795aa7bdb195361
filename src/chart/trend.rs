//! Stacked columns of awards per period, the current period marked by a grey band,
//! a bold label and the note "(kỳ này)".
//!
//! Layout: the axis title (left) and legend (right) share the top row when they
//! fit, otherwise they take a row each; then the plot with the value of each
//! column above it; then the period labels.

use super::hbars::AXIS_TITLE;
use super::style::{
    self, legend, legend_width, line_height, number, tick_step, Drawn, Pen, Series, CURRENT_BAND, GRID, INK,
};
use super::TrendPoint;
use crate::fonts::Face;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

const MARGIN: f64 = 4.0;
/// The note under the current period's label.
pub(crate) const CURRENT_NOTE: &str = "(kỳ này)";
const EM: f64 = 9.0;
const NOTE_EM: f64 = 8.0;
const LEGEND_EM: f64 = 10.0;
/// Space between a period label and the note under it: text positions are rounded to
/// whole pixels, so without it the two can touch.
const NOTE_GAP: f64 = 1.0;

/// The natural height for `width` (points).
pub(crate) fn height(width: f64) -> f64 {
    (width * 0.5).clamp(170.0, 320.0)
}

/// Draws the chart filling `area`.
pub(crate) fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, pen: Pen, points: &[TrendPoint]) -> Drawn<DB> {
    let (wpx, hpx) = area.dim_in_pixel();
    let (w, h) = (f64::from(wpx) / pen.s, f64::from(hpx) / pen.s);
    let n = points.len();

    // Top rows: axis title and legend.
    let band = line_height(LEGEND_EM);
    let title_w = style::width(AXIS_TITLE, LEGEND_EM, Face::Italic);
    let legend_w = legend_width(LEGEND_EM);
    let one_row = title_w + 16.0 + legend_w <= w - 2.0 * MARGIN;
    let legend_y = if one_row { MARGIN } else { MARGIN + band + 3.0 };
    pen.text(area, AXIS_TITLE, (MARGIN, MARGIN), LEGEND_EM, Face::Italic, HPos::Left, VPos::Top)?;
    legend(pen, area, ((w - MARGIN - legend_w).max(MARGIN), legend_y + band / 2.0), LEGEND_EM)?;
    let top = legend_y + band + 8.0;

    // Period labels: shrink the font until every label fits its slot.
    let max_total = points.iter().map(TrendPoint::total).max().unwrap_or(0);
    let tick_w = style::width(&number(max_total.max(10).saturating_mul(2)), EM, Face::Regular);
    let left = MARGIN + tick_w + 5.0;
    let right = w - MARGIN;
    let slot = (right - left) / n.max(1) as f64;
    let widest = points.iter().map(|p| style::width(&p.label, 1.0, Face::Bold)).fold(0.0, f64::max);
    let label_em = if widest > 0.0 { EM.min((slot - 4.0) / widest).max(5.0) } else { EM };
    // Values above the columns shrink the same way, so neighbours never touch.
    let widest_value = points.iter().map(|p| style::width(&number(p.total()), 1.0, Face::Bold)).fold(0.0, f64::max);
    let value_em = if widest_value > 0.0 { EM.min((slot - 3.0) / widest_value).max(5.0) } else { EM };
    let note_em = NOTE_EM.min((slot - 2.0) / style::width(CURRENT_NOTE, 1.0, Face::Italic)).max(5.0);
    let foot = 3.0 + line_height(label_em) + NOTE_GAP + line_height(note_em) + MARGIN;
    let bottom = (h - foot).max(top + 10.0);

    // Scale: the tallest column and its value fit under the top.
    let value_h = line_height(value_em) + 2.0;
    let plot_h = bottom - top;
    let k = (plot_h - value_h).max(1.0) / max_total.max(1) as f64;
    let axis_top = plot_h / k;
    let step = tick_step(axis_top, ((plot_h / (line_height(EM) * 2.2)).floor() as usize).min(8));
    let ticks: Vec<u64> =
        (0u64..).map_while(|i| i.checked_mul(step)).take_while(|&t| t as f64 <= axis_top + 1e-9).collect();

    let col_w = (slot * 0.55).min(48.0);
    let band_w = (col_w + 24.0).min(slot - 2.0);
    for (i, p) in points.iter().enumerate() {
        if p.current {
            let cx = left + (i as f64 + 0.5) * slot;
            pen.fill_rect(area, (cx - band_w / 2.0, top, cx + band_w / 2.0, bottom), CURRENT_BAND)?;
        }
    }
    for &t in &ticks {
        let y = bottom - t as f64 * k;
        if t > 0 {
            pen.line(area, (left, y), (right, y), GRID, 0.4)?;
        }
        pen.line(area, (left - 3.0, y), (left, y), INK, 0.6)?;
        pen.text(area, &number(t), (left - 5.0, y), EM, Face::Regular, HPos::Right, VPos::Center)?;
    }
    if n == 0 {
        pen.text(
            area,
            "Không có số liệu",
            ((left + right) / 2.0, (top + bottom) / 2.0),
            EM,
            Face::Italic,
            HPos::Center,
            VPos::Center,
        )?;
    }

    for (i, p) in points.iter().enumerate() {
        let cx = left + (i as f64 + 0.5) * slot;
        let (x0, x1) = (cx - col_w / 2.0, cx + col_w / 2.0);
        let yc = bottom - p.collectives as f64 * k;
        let yt = bottom - p.total() as f64 * k;
        pen.segment(area, (x0, yc, x1, bottom), Series::Collectives)?;
        pen.segment(area, (x0, yt, x1, yc), Series::Individuals)?;
        if p.current {
            pen.frame(area, (x0, yt.min(bottom - 0.5), x1, bottom), INK, 1.5)?;
        }
        let face = if p.current { Face::Bold } else { Face::Regular };
        pen.text(area, &number(p.total()), (cx, yt - 2.0), value_em, face, HPos::Center, VPos::Bottom)?;
        let label_y = bottom + 3.0;
        pen.text(area, &p.label, (cx, label_y), label_em, face, HPos::Center, VPos::Top)?;
        if p.current {
            let note_y = label_y + line_height(label_em) + NOTE_GAP;
            pen.text(area, CURRENT_NOTE, (cx, note_y), note_em, Face::Italic, HPos::Center, VPos::Top)?;
        }
    }
    pen.line(area, (left, top), (left, bottom), INK, 0.6)?;
    pen.line(area, (left, bottom), (right, bottom), INK, 0.6)
}
