//! Composing a [`Bulletin`] from statistics, with the words taken from a template.

use crate::bulletin::Bulletin;
use crate::error::Result;
use crate::stats::PeriodStats;

/// Settings for composing (template, agency, signer, dates).
#[derive(Debug, Clone, Default)]
pub struct Settings {}

/// Builds the bulletin for `stats`.
pub fn compose(_stats: &PeriodStats, _settings: &Settings) -> Result<Bulletin> {
    Err(crate::Error::Render { what: "bulletin".into(), message: "composition is not written yet".into() })
}
