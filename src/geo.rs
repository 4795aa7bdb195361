//! The province gazetteer: the 63 units before 2025-07-01, the 34 after, and the mapping.
//!
//! The data lives in `data/gazetteer.csv` (compiled in), so a boundary change is a data edit.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Which set of provincial units to count on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Grid {
    /// The 63 units in force until 2025-06-30.
    #[serde(rename = "63")]
    Old63,
    /// The 34 units in force from 2025-07-01.
    #[serde(rename = "34")]
    New34,
}

impl Grid {
    /// The grid in force on a day.
    pub fn in_force_on(year: i32, month: u8) -> Grid {
        if (year, month) >= (2025, 7) {
            Grid::New34
        } else {
            Grid::Old63
        }
    }

    /// Parses `63` or `34`.
    pub fn parse(s: &str) -> Result<Grid, String> {
        match s.trim() {
            "63" => Ok(Grid::Old63),
            "34" => Ok(Grid::New34),
            other => Err(format!("`{other}` is not a grid; use 63 or 34")),
        }
    }

    /// The number of units, 63 or 34.
    pub fn size(&self) -> u32 {
        match self {
            Grid::Old63 => 63,
            Grid::New34 => 34,
        }
    }
}

/// One old (63-grid) unit and the new (34-grid) unit it became part of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Old unit name (gazetteer spelling), e.g. `Bến Tre`.
    pub old: String,
    /// `tỉnh` or `thành phố`.
    pub old_type: String,
    /// New unit name, e.g. `Vĩnh Long`.
    pub new: String,
    /// `tỉnh` or `thành phố`.
    pub new_type: String,
}

/// All 63 old units with their new unit.
pub fn units() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        include_str!("../data/gazetteer.csv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Unit { old: f[0].into(), old_type: f[1].into(), new: f[2].into(), new_type: f[3].into() }
            })
            .collect()
    })
}

/// The canonical names on a grid (unsorted, deduplicated, data order).
pub fn names(grid: Grid) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for u in units() {
        let n = match grid {
            Grid::Old63 => u.old.as_str(),
            Grid::New34 => u.new.as_str(),
        };
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Maps a canonical name (old or new) to its unit on `grid`.
///
/// An old name maps to its new unit on the 34 grid; a new name that was not an old
/// unit (`Huế`) maps back to its old unit on the 63 grid.
pub fn on_grid(name: &str, grid: Grid) -> Option<&'static str> {
    let u = units().iter().find(|u| u.old == name).or_else(|| units().iter().find(|u| u.new == name))?;
    Some(match grid {
        Grid::Old63 => u.old.as_str(),
        Grid::New34 => u.new.as_str(),
    })
}

/// Looks up a province name written freely (prefixes, casing, NFD) and returns its canonical name.
pub fn lookup(text: &str) -> Result<&'static str, String> {
    let key = fold(text);
    for u in units() {
        if fold(&u.old) == key {
            return Ok(u.old.as_str());
        }
        if fold(&u.new) == key {
            return Ok(u.new.as_str());
        }
    }
    Err(format!("`{text}` is not a known province"))
}

/// A matching key: NFC, lower case, without administrative prefixes.
fn fold(s: &str) -> String {
    let s = crate::vi::nfc(s).to_lowercase();
    let s = s.trim();
    let s = ["thành phố ", "tỉnh ", "tp. ", "tp "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_63_and_34_units() {
        assert_eq!(names(Grid::Old63).len(), 63);
        assert_eq!(names(Grid::New34).len(), 34);
        assert_eq!(on_grid("Bến Tre", Grid::New34), Some("Vĩnh Long"));
        assert_eq!(on_grid("Bến Tre", Grid::Old63), Some("Bến Tre"));
    }

    #[test]
    fn lookup_accepts_prefix_and_case() {
        assert_eq!(lookup("tỉnh Thái Bình").unwrap(), "Thái Bình");
        assert_eq!(lookup("THÀNH PHỐ HÀ NỘI").unwrap(), "Hà Nội");
        assert!(lookup("Atlantis").is_err());
    }
}
