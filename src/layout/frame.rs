//! The positioned IR between layout and export: pages of absolutely placed items.
//!
//! Coordinates are points from the page's top-left corner, y growing downwards;
//! text is placed by its baseline.

use crate::chart::Chart;
use crate::fonts::{self, Face};

/// A run of text in one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge of the first glyph.
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Face.
    pub face: Face,
    /// Size in points.
    pub size: f32,
    /// The text (NFC).
    pub text: String,
    /// Extra width added after every space, in points (justification).
    pub extra_space: f32,
}

impl TextRun {
    /// The drawn width, including justification.
    pub fn width(&self) -> f32 {
        let spaces = self.text.matches(' ').count() as f32;
        fonts::width(self.face, &self.text, self.size) + spaces * self.extra_space
    }
}

/// One drawn thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A straight black line.
    Rule {
        /// Start x.
        x0: f32,
        /// Start y.
        y0: f32,
        /// End x.
        x1: f32,
        /// End y.
        y1: f32,
        /// Stroke width in points.
        width: f32,
    },
    /// A chart drawn as vectors into the box `x, y, w, h` (top-left corner and size).
    Chart {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The chart.
        chart: Box<Chart>,
    },
}

impl Item {
    /// Moves the item down by `dy`.
    pub fn shift(&mut self, dy: f32) {
        match self {
            Item::Text(t) => t.y += dy,
            Item::Rule { y0, y1, .. } => {
                *y0 += dy;
                *y1 += dy;
            }
            Item::Chart { y, .. } => *y += dy,
        }
    }

    /// The bounding box `(x0, y0, x1, y1)`; text spans ascent to descent.
    pub fn bbox(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text(t) => {
                let m = fonts::metrics(t.face);
                (t.x, t.y - m.ascent_pt(t.size), t.x + t.width(), t.y - m.descent_pt(t.size))
            }
            Item::Rule { x0, y0, x1, y1, width } => {
                (x0.min(*x1), y0.min(*y1) - width / 2.0, x0.max(*x1), y0.max(*y1) + width / 2.0)
            }
            Item::Chart { x, y, w, h, .. } => (*x, *y, x + w, y + h),
        }
    }
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Items in drawing order.
    pub items: Vec<Item>,
}

/// A laid-out document: pages plus notes from the layout (loose lines, overflows).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The text area `(left, top, right, bottom)` in points.
    pub text_area: (f32, f32, f32, f32),
    /// Pages.
    pub pages: Vec<Page>,
    /// Layout notes for a debug log, e.g. lines that had to be set loose.
    pub notes: Vec<String>,
}
