//! PDF writer: draws the positioned pages of [`crate::layout`](mod@crate::layout) with printpdf, subset
//! fonts and vector charts.

// The signature appearance (crate::sign) embeds its font subset the same way.
pub(crate) mod embed;
mod export;
mod ops;
mod plot;
mod subset;

use crate::bulletin::Bulletin;
use crate::error::Result;

/// Renders a bulletin to PDF bytes.
pub fn render(bulletin: &Bulletin) -> Result<Vec<u8>> {
    export::export(&crate::layout::layout(bulletin)?, &bulletin.metadata)
}
