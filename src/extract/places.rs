//! Provinces: named in the text (`Công an tỉnh Bến Tre`, `TP.HCM`, `Khánh Hoà`), or taken
//! from the outlet (`baoquangnam.vn`, the dateline `(QNO)`), then written as the gazetteer
//! writes the unit that existed on the event's date.

use super::text::{fold, is_word};
use crate::event::EventDate;
use crate::geo::{self, Grid};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Spellings other than the gazetteer's, each with the gazetteer name it means.
const VARIANTS: &[(&str, &str)] = &[
    ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Bà Rịa Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("BR-VT", "Bà Rịa - Vũng Tàu"),
    ("BRVT", "Bà Rịa - Vũng Tàu"),
    ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Đăk Lăk", "Đắk Lắk"),
    ("Đắk Lăk", "Đắk Lắk"),
    ("Đăk Lắk", "Đắk Lắk"),
    ("Đắc Lắc", "Đắk Lắk"),
    ("Đăk Nông", "Đắk Nông"),
    ("Đắc Nông", "Đắk Nông"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("Kontum", "Kon Tum"),
    ("TP.HCM", "Hồ Chí Minh"),
    ("TP HCM", "Hồ Chí Minh"),
    ("TP. HCM", "Hồ Chí Minh"),
    ("TPHCM", "Hồ Chí Minh"),
    ("TP.Hồ Chí Minh", "Hồ Chí Minh"),
    ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
    ("Thừa Thiên – Huế", "Thừa Thiên Huế"),
    ("Thừa Thiên-Huế", "Thừa Thiên Huế"),
    ("TT-Huế", "Thừa Thiên Huế"),
    ("Huế", "Huế"),
];

/// Words after a name that make it something else (`Điện Biên Phủ`, `Thái Bình Dương`).
const NOT_AFTER: &[(&str, &str)] = &[("Điện Biên", " Phủ"), ("Thái Bình", " Dương"), ("Huế", " Phủ")];

/// Text before a name that marks a provincial agency (strong evidence of the event's province).
const AGENCY: &[&str] = &[
    "công an tỉnh ",
    "công an thành phố ",
    "công an tp ",
    "công an tp. ",
    "công an ",
    "ca tỉnh ",
    "ubnd tỉnh ",
    "ubnd thành phố ",
    "ủy ban nhân dân tỉnh ",
    "ủy ban nhân dân thành phố ",
    "tỉnh ủy ",
    "thành ủy ",
    "hđnd tỉnh ",
    "bộ đội biên phòng tỉnh ",
    "bđbp tỉnh ",
    "bộ chỉ huy quân sự tỉnh ",
    "bộ chqs tỉnh ",
    "bộ chỉ huy bộ đội biên phòng tỉnh ",
];

struct Matcher {
    ac: Option<AhoCorasick>,
    /// For each pattern: the canonical gazetteer name and the pattern itself.
    names: Vec<(&'static str, String)>,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut names: Vec<(&'static str, String)> = Vec::new();
        let mut add = |pattern: &str, canon: &'static str| {
            for p in [pattern.to_string(), old_tone_style(pattern), pattern.to_uppercase()] {
                if !names.iter().any(|(_, q)| *q == p) {
                    names.push((canon, p));
                }
            }
        };
        for u in geo::units() {
            add(&u.old, u.old.as_str());
            add(&u.new, u.new.as_str());
        }
        for (v, canon) in VARIANTS {
            if let Ok(c) = geo::lookup(canon) {
                add(v, c);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(names.iter().map(|(_, p)| p.as_str()))
            .ok();
        Matcher { ac, names }
    })
}

/// The old ("hoà", "uỷ") spelling of a name written in the new style.
fn old_tone_style(s: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("òa", "oà"),
        ("óa", "oá"),
        ("ỏa", "oả"),
        ("õa", "oã"),
        ("ọa", "oạ"),
        ("òe", "oè"),
        ("óe", "oé"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ùy", "uỳ"),
        ("ụy", "uỵ"),
    ];
    let mut out = s.to_string();
    for (new, old) in PAIRS {
        out = out.replace(new, old);
    }
    out
}

/// A province named in the text: the canonical name and the byte range of its first mention
/// in the winning province's best context.
pub fn from_text(body: &str, low: &str, end: usize, lead_end: usize) -> Option<(&'static str, Range<usize>)> {
    let m = matcher();
    let ac = m.ac.as_ref()?;
    let text = body.get(..end)?;
    let mut scores: Vec<(&'static str, u32, usize)> = Vec::new();
    for hit in ac.find_iter(text) {
        let r = hit.range();
        let Some((canon, pattern)) = m.names.get(hit.pattern().as_usize()) else { continue };
        let before = text[..r.start].chars().next_back();
        let after = text[r.end..].chars().next();
        if before.is_some_and(is_word) || after.is_some_and(is_word) {
            continue;
        }
        if NOT_AFTER.iter().any(|(n, a)| fold(pattern) == fold(n) && text[r.end..].starts_with(a)) {
            continue;
        }
        let lb = low.get(..r.start).unwrap_or("");
        let city_prefix = ["thành phố ", "tp ", "tp. ", "tp."].iter().any(|p| lb.ends_with(p));
        if *canon == "Hồ Chí Minh" && pattern.contains("Hồ") && !city_prefix {
            continue; // President Hồ Chí Minh, his thought, medals and prizes.
        }
        let mut score = if AGENCY.iter().any(|p| lb.ends_with(p)) {
            3
        } else if city_prefix || lb.ends_with("tỉnh ") || lb.ends_with("thủ đô ") {
            2
        } else {
            1
        };
        if r.start < lead_end {
            score += 2;
        }
        match scores.iter_mut().find(|(c, _, _)| c == canon) {
            Some(s) => s.1 += score,
            None => scores.push((canon, score, r.start)),
        }
        let _ = r;
    }
    let best = scores.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
    let start = best.2;
    // The evidence is the mention itself, extended to its sentence by the caller.
    let len = text[start..].find(['.', '\n']).unwrap_or(text.len() - start);
    Some((best.0, start..start + len))
}

/// The outlet table: lower-case domain or upper-case dateline code → canonical name.
fn outlets() -> &'static HashMap<String, &'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in include_str!("../../data/outlets.csv").lines().filter(|l| !l.starts_with('#')).skip(1) {
            let Some((key, prov)) = line.split_once(',') else { continue };
            if let Ok(canon) = geo::lookup(prov.trim()) {
                let key = key.trim();
                let key = if key.contains('.') { key.to_lowercase() } else { key.to_string() };
                map.insert(key, canon);
            }
        }
        for u in geo::units() {
            map.entry(slug(&u.old)).or_insert(u.old.as_str());
        }
        map
    })
}

/// A province name without diacritics, spaces or punctuation: `Bà Rịa - Vũng Tàu` → `bariavungtau`.
pub fn slug(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter_map(|c| match c {
            'đ' | 'Đ' => Some('d'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The province of an outlet: from a dateline code at the start of the body, or from the
/// page's address. Returns the canonical name and the text it was read from.
pub fn from_outlet(body: &str, url: Option<&str>) -> Option<(&'static str, String)> {
    let table = outlets();
    let head = body.trim_start();
    if let Some(rest) = head.strip_prefix('(') {
        if let Some(close) = rest.get(..rest.len().min(40)).and_then(|r| r.find(')')) {
            let inner = rest[..close].trim();
            let hit =
                if inner.contains('.') { host_province(&inner.to_lowercase()) } else { table.get(inner).copied() };
            if let Some(p) = hit {
                return Some((p, format!("({inner})")));
            }
        }
    }
    let url = url?;
    let host = url.split("://").nth(1).unwrap_or(url).split(['/', '?', '#', ':']).next()?.to_lowercase();
    host_province(&host).map(|p| (p, url.to_string()))
}

fn host_province(host: &str) -> Option<&'static str> {
    let table = outlets();
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut h = host;
    loop {
        if let Some(p) = table.get(h) {
            return Some(p);
        }
        match h.split_once('.') {
            Some((_, rest)) if rest.contains('.') => h = rest,
            _ => break,
        }
    }
    // bao<province>.vn, congan.<province>.gov.vn, <province>.gov.vn
    for label in host.split('.') {
        for prefix in ["bao", "congan", "ca", ""] {
            if let Some(s) = label.strip_prefix(prefix) {
                if s.len() >= 4 {
                    if let Some(p) = table.get(s) {
                        return Some(p);
                    }
                }
            }
        }
    }
    None
}

/// The unit as it existed on `date`: an old name becomes its new unit from 2025-07-01, a new
/// name its old unit before; unknown dates keep the name.
pub fn on_date(name: &'static str, date: Option<EventDate>) -> &'static str {
    let Some(d) = date else { return name };
    let grid = Grid::in_force_on(d.year, d.month.unwrap_or(1));
    geo::on_grid(name, grid).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_province(t: &str) -> Option<&'static str> {
        from_text(t, &fold(t), t.len(), t.len().min(200)).map(|x| x.0)
    }

    #[test]
    fn variants_and_agency_context() {
        assert_eq!(text_province("Công an tỉnh Khánh Hoà tổ chức hội nghị."), Some("Khánh Hòa"));
        assert_eq!(text_province("Lực lượng Công an TP.HCM dự lễ."), Some("Hồ Chí Minh"));
        assert_eq!(text_province("Công an tỉnh Đăk Lăk tổ chức."), Some("Đắk Lắk"));
        assert_eq!(text_province("Học tập tư tưởng Hồ Chí Minh, chiến thắng Điện Biên Phủ."), None);
        assert_eq!(text_province("BĐBP tỉnh Bà Rịa – Vũng Tàu trao thưởng."), Some("Bà Rịa - Vũng Tàu"));
    }

    #[test]
    fn most_weighted_province_wins() {
        let t = "Công an tỉnh Thái Bình tổ chức hội nghị, có đại diện tỉnh Nam Định. Công an tỉnh Thái Bình đã trao.";
        assert_eq!(text_province(t), Some("Thái Bình"));
    }

    #[test]
    fn outlets_from_dateline_and_domain() {
        assert_eq!(from_outlet("(QNO) - Sáng nay", None).map(|x| x.0), Some("Quảng Nam"));
        assert_eq!(
            from_outlet("Hội nghị", Some("https://baobariavungtau.com.vn/x")).map(|x| x.0),
            Some("Bà Rịa - Vũng Tàu")
        );
        assert_eq!(from_outlet("Hội nghị", Some("https://congan.thaibinh.gov.vn/a/b")).map(|x| x.0), Some("Thái Bình"));
        assert_eq!(from_outlet("Hội nghị", Some("https://www.baothaibinh.com.vn/tin")).map(|x| x.0), Some("Thái Bình"));
        assert_eq!(from_outlet("Hội nghị", Some("https://vnexpress.net/x")), None);
    }

    #[test]
    fn every_outlet_line_names_a_known_province() {
        for line in include_str!("../../data/outlets.csv").lines().filter(|l| !l.starts_with('#')).skip(1) {
            let (_, p) = line.split_once(',').unwrap();
            assert!(geo::lookup(p).is_ok(), "{line}");
        }
    }

    #[test]
    fn names_follow_the_grid_of_the_date() {
        let d = |s: &str| Some(s.parse::<EventDate>().unwrap());
        assert_eq!(on_date("Quảng Nam", d("2020-05-28")), "Quảng Nam");
        assert_eq!(on_date("Quảng Nam", d("2025-08-01")), "Đà Nẵng");
        assert_eq!(on_date("Huế", d("2024-01-01")), "Thừa Thiên Huế");
    }
}
