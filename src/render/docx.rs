//! DOCX writer: maps the bulletin onto Word styles so the file stays editable.

use crate::bulletin::Bulletin;
use crate::error::Result;

/// Renders a bulletin to DOCX bytes.
pub fn render(_bulletin: &Bulletin) -> Result<Vec<u8>> {
    Err(crate::Error::Render { what: "DOCX".into(), message: "not written yet".into() })
}
