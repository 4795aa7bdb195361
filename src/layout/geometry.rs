//! Page geometry in points: A4 from [`PageSetup`], the text column, ND30 spacing.

use crate::bulletin::PageSetup;

/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;
/// A4 width in points.
pub const PAGE_W: f32 = PageSetup::PAGE_WIDTH_MM * MM;
/// A4 height in points.
pub const PAGE_H: f32 = PageSetup::PAGE_HEIGHT_MM * MM;
/// First-line indent (1.27 cm).
pub const INDENT: f32 = 12.7 * MM;
/// Space after a paragraph (ND30: at least 6 pt).
pub const PARA_SPACE: f32 = 6.0;

/// Geometry of the text column.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Left edge.
    pub left: f32,
    /// Right edge.
    pub right: f32,
    /// Top of the text area.
    pub top: f32,
    /// Bottom of the text area.
    pub bottom: f32,
    /// Body size.
    pub size: f32,
    /// Baseline-to-baseline distance of body text.
    pub leading: f32,
}

impl Geometry {
    /// The text column of a page setup.
    pub fn of(p: &PageSetup) -> Geometry {
        Geometry {
            left: p.margin_left_mm * MM,
            right: PAGE_W - p.margin_right_mm * MM,
            top: p.margin_top_mm * MM,
            bottom: PAGE_H - p.margin_bottom_mm * MM,
            size: p.body_size_pt,
            leading: p.body_size_pt * p.line_spacing,
        }
    }

    /// Width of the text column.
    pub fn width(&self) -> f32 {
        self.right - self.left
    }
}
