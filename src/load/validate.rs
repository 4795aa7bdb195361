//! Checks on events read from files, beyond what their types enforce.

use crate::event::Event;
use crate::geo;

/// The largest count an award line may carry.
pub const MAX_COUNT: u32 = 1_000_000;

/// Checks one event and rewrites its province to the gazetteer spelling.
/// On failure gives the field (`province`, `awards[2].individuals`) and what is wrong.
pub(super) fn check(e: &mut Event) -> Result<(), (String, String)> {
    if e.id.trim().is_empty() {
        return Err(("id".into(), "the id is empty; give every event an id".into()));
    }
    if let Some(d) = &e.date {
        d.validate().map_err(|m| ("date".to_string(), format!("`{d}` is not a valid date: {m}")))?;
    }
    if let Some(d) = &e.source.published {
        d.validate().map_err(|m| ("source.published".to_string(), format!("`{d}` is not a valid date: {m}")))?;
    }
    if let Some(p) = &e.province {
        let name = geo::resolve(p).map_err(|err| ("province".to_string(), err.to_string()))?;
        e.province = Some(name.to_string());
    }
    for (i, a) in e.awards.iter().enumerate() {
        for (field, value) in [("collectives", a.collectives), ("individuals", a.individuals), ("combined", a.combined)]
        {
            if let Some(n) = value.filter(|&n| n > MAX_COUNT) {
                return Err((
                    format!("awards[{}].{field}", i + 1),
                    format!(
                        "{} is over the limit of {} for one award line; check the number",
                        crate::vi::number(i64::from(n)),
                        crate::vi::number(i64::from(MAX_COUNT))
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A hint added to serde messages about counts.
pub(super) fn hint(message: &str) -> String {
    if message.contains("expected u32") {
        format!("{message}; a count is a whole number from 0 to {}", crate::vi::number(i64::from(MAX_COUNT)))
    } else {
        message.to_string()
    }
}
