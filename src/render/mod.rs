//! Writers: the same [`crate::bulletin::Bulletin`] as PDF (own layout) and DOCX (Word styles).

pub mod docx;
pub mod pdf;
