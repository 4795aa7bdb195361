//! PDF writer: owns its layout (line breaking, tables, pagination) and draws with printpdf.

use crate::bulletin::Bulletin;
use crate::error::Result;

/// Renders a bulletin to PDF bytes.
pub fn render(_bulletin: &Bulletin) -> Result<Vec<u8>> {
    Err(crate::Error::Render { what: "PDF".into(), message: "not written yet".into() })
}
