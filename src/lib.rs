//! # bantin
//!
//! Turns Vietnamese news reports of police emulation-and-award events
//! (*phong trào thi đua "Vì an ninh Tổ quốc"*) into formal bulletins (*bản tin*)
//! laid out under Nghị định 30/2020/NĐ-CP, as PDF and DOCX.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! article text ─▶ extract ─▶ Event ─▶ stats ─▶ Bulletin ─▶ render::{pdf, docx}
//! ```
//!
//! ```no_run
//! # fn main() -> Result<(), bantin::Error> {
//! let events = bantin::load::load_inputs(&["examples/articles".into()])?;
//! let period = bantin::period::Period::parse("2020").unwrap();
//! let stats = bantin::stats::compute(&events, &period, &Default::default());
//! let bulletin = bantin::compose::compose(&stats, &bantin::compose::Settings::default())?;
//! let pdf: Vec<u8> = bantin::render::pdf::render(&bulletin)?;
//! std::fs::write("ban-tin.pdf", pdf).unwrap();
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod bulletin;
pub mod chart;
pub mod collate;
pub mod compose;
pub mod error;
pub mod event;
pub mod extract;
pub mod fonts;
pub mod geo;
pub mod load;
pub mod output;
pub mod period;
pub mod render;
pub mod sample;
pub mod stats;
pub mod vi;

pub use error::{Error, Result};
