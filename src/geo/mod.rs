//! The province gazetteer: the 63 units before 2025-07-01, the 34 after, and the mapping.
//!
//! The data lives in `data/gazetteer.csv`, `data/aliases.csv` and `data/ambiguous.csv`
//! (compiled in), so a boundary change or a new spelling is a data edit.
//!
//! Free-text lookup ([`resolve`], [`lookup`]) accepts the prefixes *tỉnh / thành phố / TP. / TP*,
//! any casing, NFC or NFD, both tone-mark placements (`Hoà`/`Hòa`), the listed aliases and
//! names written without diacritics (`Dak Lak`). Ambiguous abbreviations (`QN`, `ĐN`) are refused
//! and unknown names get the nearest gazetteer names as suggestions.

mod fold;

pub use fold::{bare_key, edit_distance, tone_key};

use rustc_hash::FxHashMap as HashMap;
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

/// Reads a compiled-in CSV data file (comments start with `#`, first row is the header).
fn data_rows(text: &'static str) -> Vec<csv::StringRecord> {
    csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .filter_map(|r| r.ok())
        .collect()
}

/// All 63 old units with their new unit.
pub fn units() -> &'static [Unit] {
    static UNITS: OnceLock<Vec<Unit>> = OnceLock::new();
    UNITS.get_or_init(|| {
        data_rows(include_str!("../../data/gazetteer.csv"))
            .iter()
            .filter(|r| r.len() >= 4)
            .map(|r| Unit { old: r[0].into(), old_type: r[1].into(), new: r[2].into(), new_type: r[3].into() })
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

/// The canonical names on a grid in Vietnamese collation order.
pub fn sorted_names(grid: Grid) -> Vec<&'static str> {
    let mut v = names(grid);
    crate::collate::sort_by_key(&mut v, |s| s);
    v
}

/// Index from canonical name (old names first, then new-only names) to its unit.
fn unit_index() -> &'static HashMap<&'static str, usize> {
    static INDEX: OnceLock<HashMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m = HashMap::default();
        for (i, u) in units().iter().enumerate() {
            m.insert(u.old.as_str(), i);
        }
        for (i, u) in units().iter().enumerate() {
            m.entry(u.new.as_str()).or_insert(i);
        }
        m
    })
}

/// The unit a canonical name (old or new) belongs to.
pub fn unit_of(name: &str) -> Option<&'static Unit> {
    unit_index().get(name).and_then(|&i| units().get(i))
}

/// Maps a canonical name (old or new) to its unit on `grid`.
///
/// An old name maps to its new unit on the 34 grid; a new name that was not an old
/// unit (`Huế`) maps back to its old unit on the 63 grid.
pub fn on_grid(name: &str, grid: Grid) -> Option<&'static str> {
    let u = unit_of(name)?;
    Some(match grid {
        Grid::Old63 => u.old.as_str(),
        Grid::New34 => u.new.as_str(),
    })
}

/// The old units that make up a new (34-grid) unit, in data order.
pub fn old_units_of(new: &str) -> Vec<&'static str> {
    units().iter().filter(|u| u.new == new).map(|u| u.old.as_str()).collect()
}

/// The full administrative name on a grid: `tỉnh Bến Tre`, `thành phố Hồ Chí Minh`.
pub fn full_name(name: &str, grid: Grid) -> Option<String> {
    let u = unit_of(name)?;
    Some(match grid {
        Grid::Old63 => format!("{} {}", u.old_type, u.old),
        Grid::New34 => format!("{} {}", u.new_type, u.new),
    })
}

/// Why a free-text province name could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GeoError {
    /// The text has no letters.
    #[error("the province name is empty; write a province such as `Thái Bình`")]
    Empty,
    /// An abbreviation that names several units (or is used for something else).
    #[error("`{text}` is an ambiguous abbreviation (it may mean {}); write the full province name", candidates.join(", "))]
    Ambiguous {
        /// The text as given.
        text: String,
        /// The units it may mean.
        candidates: Vec<&'static str>,
    },
    /// No unit or alias matches.
    #[error("`{text}` is not a known province; {}", suggest_text(suggestions))]
    Unknown {
        /// The text as given.
        text: String,
        /// The nearest gazetteer names, nearest first (may be empty).
        suggestions: Vec<&'static str>,
    },
}

fn suggest_text(s: &[&str]) -> String {
    if s.is_empty() {
        "no gazetteer name is close to it (see data/gazetteer.csv)".to_string()
    } else {
        format!("did you mean {}?", s.join(", "))
    }
}

/// What a folded key resolves to.
#[derive(Debug, Clone)]
enum Target {
    Name(&'static str),
    Ambiguous(Vec<&'static str>),
}

struct Index {
    /// Tone key → target (names, aliases, ambiguous abbreviations).
    tone: HashMap<String, Target>,
    /// Bare key → canonical names (a key with more than one unit is not used).
    bare: HashMap<String, Vec<&'static str>>,
    /// (tone key, canonical name) for suggestions.
    all: Vec<(String, &'static str)>,
}

fn canonical(name: &str) -> Option<&'static str> {
    unit_index().get_key_value(name).map(|(k, _)| *k)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entries: Vec<(String, &'static str)> = Vec::new();
        for u in units() {
            entries.push((u.old.clone(), u.old.as_str()));
            entries.push((u.new.clone(), u.new.as_str()));
        }
        for r in data_rows(include_str!("../../data/aliases.csv")) {
            if let (Some(alias), Some(target)) = (r.get(0), r.get(1).and_then(canonical)) {
                entries.push((alias.to_string(), target));
            }
        }
        let mut tone = HashMap::default();
        let mut bare: HashMap<String, Vec<&'static str>> = HashMap::default();
        let mut all = Vec::new();
        for (text, name) in entries {
            let key = tone_key(&text);
            let b = bare_key(&key);
            let list = bare.entry(b).or_default();
            let same_unit = |n: &&str| on_grid(n, Grid::Old63) == on_grid(name, Grid::Old63);
            if !list.iter().any(same_unit) {
                list.push(name);
            }
            tone.entry(key.clone()).or_insert(Target::Name(name));
            all.push((key, name));
        }
        for r in data_rows(include_str!("../../data/ambiguous.csv")) {
            if let (Some(abbr), Some(cands)) = (r.get(0), r.get(1)) {
                let cands: Vec<&'static str> = cands.split(';').filter_map(|c| canonical(c.trim())).collect();
                let key = tone_key(abbr);
                bare.insert(bare_key(&key), cands.clone());
                bare.insert(bare_key(&key) + "?", Vec::new());
                tone.insert(key, Target::Ambiguous(cands));
            }
        }
        Index { tone, bare, all }
    })
}

/// Resolves a province name written freely to its canonical gazetteer name (old or new unit).
///
/// Old names stay old (`Bến Tre`), new-only names stay new (`Huế`); use [`on_grid`] to count.
pub fn resolve(text: &str) -> Result<&'static str, GeoError> {
    // A canonical name written exactly so (NFC) is the usual case in structured
    // events: answered without folding the text or building the folded index,
    // whose keys cost a thousandth of a second to make. Every canonical name
    // folds to itself too (tests/geo_lookup.rs checks both ways agree).
    if let Some(name) = canonical(text) {
        return Ok(name);
    }
    let key = tone_key(text);
    if key.is_empty() {
        return Err(GeoError::Empty);
    }
    let idx = index();
    match idx.tone.get(&key) {
        Some(Target::Name(n)) => return Ok(n),
        Some(Target::Ambiguous(c)) => {
            return Err(GeoError::Ambiguous { text: text.trim().to_string(), candidates: c.clone() })
        }
        None => {}
    }
    let bare = bare_key(&key);
    if let Some(list) = idx.bare.get(&bare) {
        // An abbreviation written without its diacritics (`DN`) is as ambiguous as with them.
        if idx.bare.contains_key(&(bare.clone() + "?")) {
            return Err(GeoError::Ambiguous { text: text.trim().to_string(), candidates: list.clone() });
        }
        if let [one] = list.as_slice() {
            return Ok(one);
        }
    }
    Err(GeoError::Unknown { text: text.trim().to_string(), suggestions: suggestions(&key, 3) })
}

/// The nearest canonical names to a tone key by edit distance, nearest first.
fn suggestions(key: &str, max: usize) -> Vec<&'static str> {
    let len = key.chars().count();
    let limit = 2 + len / 3;
    let mut best: HashMap<&'static str, usize> = HashMap::default();
    for (k, name) in &index().all {
        let d = edit_distance(key, k).min(edit_distance(&bare_key(key), &bare_key(k)) + 1);
        if d <= limit {
            let e = best.entry(name).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let mut v: Vec<(&'static str, usize)> = best.into_iter().collect();
    v.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| crate::collate::compare(a.0, b.0)));
    v.into_iter().take(max).map(|(n, _)| n).collect()
}

/// Looks up a province name written freely (prefixes, casing, NFD) and returns its canonical name.
pub fn lookup(text: &str) -> Result<&'static str, String> {
    resolve(text).map_err(|e| e.to_string())
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
        assert_eq!(on_grid("Huế", Grid::Old63), Some("Thừa Thiên Huế"));
    }

    #[test]
    fn lookup_accepts_prefix_and_case() {
        assert_eq!(lookup("tỉnh Thái Bình").unwrap(), "Thái Bình");
        assert_eq!(lookup("THÀNH PHỐ HÀ NỘI").unwrap(), "Hà Nội");
        assert!(lookup("Atlantis").is_err());
    }
}
