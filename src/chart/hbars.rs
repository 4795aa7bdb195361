//! Horizontal stacked bars: awards per province and awards per form family.
//!
//! Layout, top to bottom: legend, one row per category (label on the left, bar,
//! total at the bar's end), the value axis with its ticks, the axis title. The
//! label column is as wide as the longest label, wrapped at 40 % of the width.

use super::style::{self, legend, legend_width, line_height, number, tick_step, wrap, Drawn, Pen, Series, GRID, INK};
use super::BarRow;
use crate::fonts::Face;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// Outer margin (points).
const MARGIN: f64 = 4.0;
/// Gap between a label and the value axis.
const LABEL_GAP: f64 = 5.0;
/// Gap between a bar's end and its value.
const VALUE_GAP: f64 = 3.0;
/// Largest share of the width the label column takes before labels wrap.
const LABEL_SHARE: f64 = 0.4;
/// Distance between the lines of a wrapped label, in line heights.
const LINE_SPACING: f64 = 1.05;
/// Title under the value axis.
pub(crate) const AXIS_TITLE: &str = "Số lượt khen thưởng";

/// Sizes that depend on the row count and the width.
struct Layout {
    /// Label and value em (points).
    em: f64,
    /// Tick label em.
    tick_em: f64,
    /// Legend and axis title em.
    legend_em: f64,
    /// Each row's label lines.
    lines: Vec<Vec<String>>,
    /// Label column width.
    label_w: f64,
    /// Row pitch when the height is free.
    pitch: f64,
}

impl Layout {
    fn new(rows: &[&BarRow], width: f64) -> Layout {
        let n = rows.len();
        let em = if n > 30 {
            8.0
        } else if n > 15 {
            9.0
        } else {
            10.0
        };
        let max_label = (width * LABEL_SHARE).max(40.0);
        let lines: Vec<Vec<String>> = rows.iter().map(|r| wrap(&r.label, em, max_label)).collect();
        let label_w = lines.iter().flatten().map(|l| style::width(l, em, Face::Regular)).fold(0.0, f64::max);
        let most_lines = lines.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let base = if n > 30 {
            em * 1.25
        } else if n > 15 {
            em * 1.6
        } else {
            em * 2.2
        };
        let pad = if most_lines > 1.0 { 4.0 } else { 1.0 };
        let pitch = base.max(most_lines * line_height(em) * LINE_SPACING + pad);
        Layout { em, tick_em: em.min(9.0), legend_em: (em + 1.0).min(10.0), lines, label_w, pitch }
    }

    /// Height above the first row.
    fn head(&self) -> f64 {
        MARGIN + line_height(self.legend_em) + 6.0
    }

    /// Height below the last row.
    fn foot(&self) -> f64 {
        3.0 + 2.0 + line_height(self.tick_em) + 4.0 + line_height(self.legend_em) + MARGIN
    }
}

/// Rows in drawing order: sorted by total, descending, then by name, when `sort`.
fn ordered(rows: &[BarRow], sort: bool) -> Vec<&BarRow> {
    let mut v: Vec<&BarRow> = rows.iter().collect();
    if sort {
        v.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| crate::collate::compare(&a.label, &b.label)));
    }
    v
}

/// Rows in the order the chart shows them.
pub(crate) fn shown(rows: &[BarRow], sort: bool) -> Vec<&BarRow> {
    ordered(rows, sort)
}

/// The natural height for `width` (points).
pub(crate) fn height(rows: &[BarRow], sort: bool, width: f64) -> f64 {
    let rows = ordered(rows, sort);
    let l = Layout::new(&rows, width);
    l.head() + l.pitch * rows.len().max(1) as f64 + l.foot()
}

/// Draws the chart filling `area`.
pub(crate) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    pen: Pen,
    rows: &[BarRow],
    sort: bool,
) -> Drawn<DB> {
    let (wpx, hpx) = area.dim_in_pixel();
    let (w, h) = (f64::from(wpx) / pen.s, f64::from(hpx) / pen.s);
    let rows = ordered(rows, sort);
    let l = Layout::new(&rows, w);
    let n = rows.len();
    let left = MARGIN + l.label_w + LABEL_GAP;
    let right = w - MARGIN;
    let top = l.head();
    let pitch = if n == 0 { l.pitch } else { ((h - l.head() - l.foot()) / n as f64).max(1.0) };
    let bottom = top + pitch * n.max(1) as f64;
    let plot_w = (right - left).max(1.0);

    // Points per award: the longest bar plus its value must end inside the plot.
    let value_w = |r: &BarRow| style::width(&number(r.total()), l.em, Face::Regular);
    let k = rows
        .iter()
        .filter(|r| r.total() > 0)
        .map(|r| (plot_w - VALUE_GAP - value_w(r)).max(1.0) / r.total() as f64)
        .fold(f64::INFINITY, f64::min);
    let k = if k.is_finite() { k } else { plot_w };
    let axis_top = plot_w / k;

    // Ticks: enough room between labels for the widest one.
    let widest = style::width(&number(axis_top.floor() as u64), l.tick_em, Face::Regular);
    let step = tick_step(axis_top, ((plot_w / (widest + 14.0)).floor() as usize).min(8));
    // A tick whose label would leave the canvas is left out with its grid line.
    let tick_fits = |t: u64| {
        let x = left + t as f64 * k;
        t as f64 <= axis_top + 1e-9 && x + style::width(&number(t), l.tick_em, Face::Regular) / 2.0 <= w - 1.0
    };
    let ticks: Vec<u64> = (0u64..).map_while(|i| i.checked_mul(step)).take_while(|&t| tick_fits(t)).collect();
    for &t in ticks.iter().skip(1) {
        let x = left + t as f64 * k;
        pen.line(area, (x, top), (x, bottom), GRID, 0.4)?;
    }

    legend(
        pen,
        area,
        ((left).min(w - MARGIN - legend_width(l.legend_em)).max(MARGIN), MARGIN + line_height(l.legend_em) / 2.0),
        l.legend_em,
    )?;

    if n == 0 {
        pen.text(
            area,
            "Không có số liệu",
            ((left + right) / 2.0, (top + bottom) / 2.0),
            l.em,
            Face::Italic,
            HPos::Center,
            VPos::Center,
        )?;
    }
    let bar_h = (pitch * 0.62).min(16.0);
    for (i, (r, lines)) in rows.iter().zip(&l.lines).enumerate() {
        let cy = top + (i as f64 + 0.5) * pitch;
        let lh = line_height(l.em) * LINE_SPACING;
        let first = cy - lh * (lines.len() as f64 - 1.0) / 2.0;
        for (j, line) in lines.iter().enumerate() {
            pen.text(
                area,
                line,
                (left - LABEL_GAP, first + j as f64 * lh),
                l.em,
                Face::Regular,
                HPos::Right,
                VPos::Center,
            )?;
        }
        let (y0, y1) = (cy - bar_h / 2.0, cy + bar_h / 2.0);
        let xc = left + r.collectives as f64 * k;
        let xt = left + r.total() as f64 * k;
        pen.segment(area, (left, y0, xc, y1), Series::Collectives)?;
        pen.segment(area, (xc, y0, xt, y1), Series::Individuals)?;
        pen.text(area, &number(r.total()), (xt + VALUE_GAP, cy), l.em, Face::Regular, HPos::Left, VPos::Center)?;
    }

    // Axes drawn last so bars never cover them.
    pen.line(area, (left, top), (left, bottom), INK, 0.6)?;
    pen.line(area, (left, bottom), (right, bottom), INK, 0.6)?;
    let label_y = bottom + 3.0 + 2.0;
    for &t in &ticks {
        let x = left + t as f64 * k;
        pen.line(area, (x, bottom), (x, bottom + 3.0), INK, 0.6)?;
        pen.text(area, &number(t), (x, label_y), l.tick_em, Face::Regular, HPos::Center, VPos::Top)?;
    }
    let title_y = label_y + line_height(l.tick_em) + 4.0;
    pen.text(area, AXIS_TITLE, ((left + right) / 2.0, title_y), l.legend_em, Face::Italic, HPos::Center, VPos::Top)
}
