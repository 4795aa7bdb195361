//! The embedded Liberation Serif faces (metric-compatible with Times New Roman),
//! with glyph advances for layout and a coverage check.
//!
//! The fonts are compiled into the binary, so nothing depends on system fonts.

use ab_glyph::{Font as _, FontRef};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// The family name charts and documents use.
pub const FAMILY: &str = "Liberation Serif";

/// One of the four faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Upright, regular weight.
    Regular,
    /// Upright, bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl Face {
    /// All faces, in a fixed order.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];

    /// The face for a bold/italic combination.
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    /// The TrueType file bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
            Face::Bold => include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
            Face::Italic => include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
            Face::BoldItalic => include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
        }
    }

    /// PostScript-style name, e.g. `LiberationSerif-Bold`.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "LiberationSerif",
            Face::Bold => "LiberationSerif-Bold",
            Face::Italic => "LiberationSerif-Italic",
            Face::BoldItalic => "LiberationSerif-BoldItalic",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Code points below this have their advance in a table; the rest are looked up.
const TABLE_LEN: usize = 0x2000;
/// A table slot not looked up yet (a NaN no advance can have).
const UNKNOWN: u32 = u32::MAX;
/// A table slot for a code point the font lacks.
const MISSING: u32 = 0x7fc0_0001;

/// Parsed metrics of one face.
pub struct Metrics {
    font: FontRef<'static>,
    /// Units per em.
    pub units_per_em: f32,
    /// Ascent in font units (hhea).
    pub ascent: f32,
    /// Descent in font units (negative, hhea).
    pub descent: f32,
    /// Advance of each code point below U+2000 (f32 bits), filled on first use:
    /// [`UNKNOWN`] until looked up, [`MISSING`] when the font lacks it. A bulletin
    /// uses a few hundred characters; looking up all 8,192 in advance cost about a
    /// fifth of a whole 40-event run.
    table: Vec<AtomicU32>,
}

impl Metrics {
    fn new(face: Face) -> Metrics {
        let font = FontRef::try_from_slice(face.bytes()).expect("embedded fonts are valid TrueType");
        let upem = font.units_per_em().unwrap_or(2048.0);
        let table = (0..TABLE_LEN).map(|_| AtomicU32::new(UNKNOWN)).collect();
        Metrics { ascent: font.ascent_unscaled(), descent: font.descent_unscaled(), units_per_em: upem, font, table }
    }

    /// The advance of `c` in font units, or `None` when the font lacks it.
    pub fn advance_units(&self, c: char) -> Option<f32> {
        let Some(slot) = self.table.get(c as usize) else { return self.lookup(c) };
        match slot.load(Ordering::Relaxed) {
            UNKNOWN => {
                let found = self.lookup(c);
                slot.store(found.map_or(MISSING, f32::to_bits), Ordering::Relaxed);
                found
            }
            MISSING => None,
            bits => Some(f32::from_bits(bits)),
        }
    }

    fn lookup(&self, c: char) -> Option<f32> {
        let id = self.font.glyph_id(c);
        (id.0 != 0).then(|| self.font.h_advance_unscaled(id))
    }

    /// Whether the face has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        c.is_control() || self.advance_units(c).is_some()
    }

    /// Width of `s` at `size` points (missing glyphs count as zero).
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: f32 = s.chars().map(|c| self.advance_units(c).unwrap_or(0.0)).sum();
        units * size / self.units_per_em
    }

    /// Ascent at `size` points.
    pub fn ascent_pt(&self, size: f32) -> f32 {
        self.ascent * size / self.units_per_em
    }

    /// Descent at `size` points (negative).
    pub fn descent_pt(&self, size: f32) -> f32 {
        self.descent * size / self.units_per_em
    }

    /// The parsed face (outlines for rasterising charts).
    pub fn font(&self) -> &FontRef<'static> {
        &self.font
    }

    /// The glyph id of `c` (0 when missing).
    pub fn glyph_id(&self, c: char) -> u16 {
        self.font.glyph_id(c).0
    }
}

/// Metrics of a face (parsed once per process).
pub fn metrics(face: Face) -> &'static Metrics {
    static ALL: OnceLock<[Metrics; 4]> = OnceLock::new();
    &ALL.get_or_init(|| Face::ALL.map(Metrics::new))[face.index()]
}

/// Width of `s` in points in `face` at `size`.
pub fn width(face: Face, s: &str, size: f32) -> f32 {
    metrics(face).width(s, size)
}

/// The first character of `s` that `face` cannot draw.
pub fn first_missing(face: Face, s: &str) -> Option<char> {
    let m = metrics(face);
    s.chars().find(|&c| !m.has(c))
}

/// Registers the four faces with plotters under [`FAMILY`], once per process.
pub fn register_with_plotters() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| {
        use plotters::style::{register_font, FontStyle};
        for (face, style) in [
            (Face::Regular, FontStyle::Normal),
            (Face::Bold, FontStyle::Bold),
            (Face::Italic, FontStyle::Italic),
            (Face::BoldItalic, FontStyle::Oblique),
        ] {
            // Registration only fails for unparsable bytes; the embedded fonts parse.
            let _ = register_font(FAMILY, style, face.bytes());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_table_agrees_with_the_cmap() {
        for face in Face::ALL {
            let m = metrics(face);
            for c in (0..TABLE_LEN as u32).filter_map(char::from_u32) {
                let id = m.font.glyph_id(c);
                let direct = (id.0 != 0).then(|| m.font.h_advance_unscaled(id));
                assert_eq!(m.advance_units(c), direct, "{face:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn covers_vietnamese_and_measures_widths() {
        let all = "ệ ữ ặ Đ đ ơ ư ẩ ỗ ự ỹ ằ ẵ ẳ ầ ấ ậ ề ế ể ễ ọ ỏ ố ồ ổ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ỳ ỵ ỷ “”–";
        for f in Face::ALL {
            assert_eq!(first_missing(f, all), None, "{f:?}");
        }
        assert_eq!(first_missing(Face::Regular, "a漢"), Some('漢'));
        let w = width(Face::Regular, "Bến Tre", 14.0);
        assert!(w > 30.0 && w < 70.0, "{w}");
        assert!(width(Face::Bold, "M", 14.0) >= width(Face::Regular, "M", 14.0));
    }
}
