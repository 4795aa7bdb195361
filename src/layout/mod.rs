//! The paged layout engine, shared by every writer.
//!
//! [`layout`] turns a [`Bulletin`] into positioned pages ([`Layout`]): the ND30 header
//! block, the title, justified paragraphs broken by total fit, tables across pages
//! with repeated headers, figures, the signature block, pagination and page numbers.
//! The PDF writer draws those pages as they are; the DOCX writer takes the few
//! decisions Word cannot make the same way (the trích yếu's line breaks) from here.
//!
//! Coordinates are points from the page's top-left corner, y growing downwards.

mod engine;
mod flow;
mod frame;
mod geometry;
mod table;
mod text;

pub use engine::{balanced_breaks, SUMMARY_MEASURE};
pub use frame::{Item, Layout, Page, TextRun};
pub use geometry::MM;

use crate::bulletin::Bulletin;
use crate::error::{Error, Result};
use crate::fonts::{self, Face};

/// Checks the page setup and glyph coverage, then lays the bulletin out.
pub fn layout(bulletin: &Bulletin) -> Result<Layout> {
    check_coverage(bulletin)?;
    bulletin.page.validate().map_err(|m| Error::input("<template>", "[page]", m))?;
    Ok(engine::layout(bulletin))
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
