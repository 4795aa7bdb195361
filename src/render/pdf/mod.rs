//! PDF writer: draws the positioned pages of [`crate::layout`] with printpdf, subset
//! fonts and vector charts.

mod embed;
mod export;
mod ops;
mod plot;
mod subset;

use crate::bulletin::Bulletin;
use crate::error::Result;

/// Renders a bulletin to PDF bytes.
///
/// Layout notes (for example a justified line whose word spaces had to stretch
/// beyond the bound) go to standard error when `BANTIN_DEBUG` is set.
pub fn render(bulletin: &Bulletin) -> Result<Vec<u8>> {
    let layout = crate::layout::layout(bulletin)?;
    if std::env::var_os("BANTIN_DEBUG").is_some() {
        for note in &layout.notes {
            eprintln!("bantin: layout: {note}");
        }
    }
    export::export(&layout, &bulletin.metadata)
}
