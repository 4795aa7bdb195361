//! PDF writer: owns its layout (line breaking, tables, pagination) and draws with printpdf.
//!
//! `layout` turns a [`Bulletin`] into positioned pages ([`frame::Layout`]);
//! `export` writes those pages with subset fonts and vector charts.

pub mod embed;
pub mod export;
pub mod flow;
pub mod frame;
pub mod layout;
pub mod ops;
pub mod plot;
pub mod subset;
pub mod table;
pub mod text;

use crate::bulletin::Bulletin;
use crate::error::{Error, Result};
use crate::fonts::{self, Face};

/// Renders a bulletin to PDF bytes.
///
/// Layout notes (for example a justified line whose word spaces had to stretch
/// beyond the bound) go to standard error when `BANTIN_DEBUG` is set.
pub fn render(bulletin: &Bulletin) -> Result<Vec<u8>> {
    let layout = layout_checked(bulletin)?;
    if std::env::var_os("BANTIN_DEBUG").is_some() {
        for note in &layout.notes {
            eprintln!("bantin: layout: {note}");
        }
    }
    export::export(&layout, &bulletin.metadata)
}

/// Checks glyph coverage, then lays the bulletin out (for tests and debugging).
pub fn layout_checked(bulletin: &Bulletin) -> Result<frame::Layout> {
    check_coverage(bulletin)?;
    bulletin.page.validate().map_err(|m| Error::input("<template>", "[page]", m))?;
    Ok(layout::layout(bulletin))
}

/// Fails with the first character the fonts cannot draw, naming where it came from.
pub fn check_coverage(bulletin: &Bulletin) -> Result<()> {
    for (place, text) in bulletin.texts() {
        if let Some(ch) = fonts::first_missing(Face::Regular, &text) {
            return Err(Error::MissingGlyph { place, ch, code: ch as u32, font: "Liberation Serif".into() });
        }
    }
    Ok(())
}
