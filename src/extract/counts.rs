//! Recipient counts in one clause: `38 tập thể, 96 cá nhân`, `01 đồng chí`, `1.450 lượt
//! tập thể và cá nhân`, `5 năm liền` (one unit, five times), `cho Phòng Tham mưu` (one unit).

use super::numbers::number_before;
use super::text::{find_word, is_word};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;

/// Which side a count is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Tập thể, đơn vị.
    Collective,
    /// Cá nhân, đồng chí, cán bộ chiến sĩ.
    Individual,
    /// "N lượt tập thể và cá nhân": both, not told apart.
    Combined,
}

/// One number attached to a recipient noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Where the number starts (body byte offset).
    pub start: usize,
    /// Where the noun ends.
    pub end: usize,
    /// The value.
    pub n: u32,
    /// The side it counts.
    pub side: Side,
}

/// Recipient nouns (folded), longest first, with their side.
const NOUNS: &[(&str, Side)] = &[
    ("cán bộ, chiến sĩ", Side::Individual),
    ("cán bộ chiến sĩ", Side::Individual),
    ("cán bộ, đảng viên", Side::Individual),
    ("công an xã", Side::Collective),
    ("công an phường", Side::Collective),
    ("công an thị trấn", Side::Collective),
    ("đồn biên phòng", Side::Collective),
    ("tập thể", Side::Collective),
    ("đơn vị", Side::Collective),
    ("cơ quan", Side::Collective),
    ("cá nhân", Side::Individual),
    ("đồng chí", Side::Individual),
    ("cán bộ", Side::Individual),
    ("chiến sĩ", Side::Individual),
    ("cbcs", Side::Individual),
    ("người", Side::Individual),
    ("gương", Side::Individual),
    ("công dân", Side::Individual),
    ("quần chúng", Side::Individual),
    ("đảng viên", Side::Individual),
    ("đoàn viên", Side::Individual),
    ("hội viên", Side::Individual),
];

const COMBINERS: &[&str] = &[", cá nhân", " và cá nhân", " - cá nhân", " – cá nhân", ", và cá nhân"];
const COMBINERS_REV: &[&str] = &[", tập thể", " và tập thể", " - tập thể"];

fn noun_automaton() -> &'static Option<AhoCorasick> {
    static A: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    A.get_or_init(|| {
        AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(NOUNS.iter().map(|n| n.0)).ok()
    })
}

/// Every counted recipient noun in `clause` (a range of the folded text `low`).
pub fn counts(low: &str, clause: Range<usize>) -> Vec<Count> {
    let mut out: Vec<Count> = Vec::new();
    let (Some(ac), Some(text)) = (noun_automaton(), low.get(clause.clone())) else { return out };
    let mut skip_until = 0;
    for hit in ac.find_iter(text) {
        let (noun, side) = NOUNS[hit.pattern().as_usize()];
        let at = clause.start + hit.start();
        let mut end = clause.start + hit.end();
        if at < skip_until || !super::text::at_word_bounds(low, &(at..end)) {
            continue;
        }
        let mut num_end = at;
        if low[..at].ends_with("lượt ") && at - "lượt ".len() >= clause.start {
            num_end = at - "lượt ".len();
        }
        let Some((n, start)) = number_before(low, clause.start, num_end) else { continue };
        let rest = &low[end..clause.end];
        let combiners = if side == Side::Collective { COMBINERS } else { COMBINERS_REV };
        let mut side = side;
        if matches!(noun, "tập thể" | "cá nhân") {
            if let Some(c) = combiners.iter().find(|c| rest.starts_with(*c)) {
                end += c.len();
                skip_until = end;
                side = Side::Combined;
            }
        }
        out.push(Count { start, end, n, side });
    }
    out
}

/// Quantifiers that mark an uncounted group of recipients (`các cá nhân`, `nhiều tập thể`).
const QUANTIFIERS: &[&str] =
    &["các ", "nhiều ", "một số ", "những ", "hàng trăm ", "hàng chục ", "hàng nghìn ", "toàn thể "];

/// Whether the clause names collectives and individuals without counting them.
pub fn uncounted_sides(low: &str, clause: Range<usize>) -> (bool, bool) {
    static A: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let ac = A.get_or_init(|| AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(QUANTIFIERS).ok());
    let text = low.get(clause.clone()).unwrap_or("");
    let (mut coll, mut ind) = (false, false);
    let Some(ac) = ac else { return (coll, ind) };
    for m in ac.find_iter(text) {
        if text[..m.start()].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let rest = &text[m.end()..];
        if let Some(n) = ["tập thể", "đơn vị", "cơ quan"].iter().find(|n| rest.starts_with(*n)) {
            coll = true;
            ind |= COMBINERS.iter().any(|c| rest[n.len()..].starts_with(c));
        }
        if let Some(n) =
            ["cá nhân", "cán bộ", "chiến sĩ", "đồng chí", "cbcs", "người"].iter().find(|n| rest.starts_with(*n))
        {
            ind = true;
            coll |= COMBINERS_REV.iter().any(|c| rest[n.len()..].starts_with(c));
        }
    }
    (coll, ind)
}

/// "5 năm liền", "2 lần": how many times one recipient received the form.
pub fn times(low: &str, clause: Range<usize>) -> Option<u32> {
    for key in ["năm liền", "năm liên tục", "năm liên tiếp", "lần"] {
        let mut from = clause.start;
        while let Some(at) = find_word(low, key, from, clause.end) {
            from = at + key.len();
            if low[at + key.len()..].starts_with(" thứ") {
                continue;
            }
            if let Some((n, _)) = number_before(low, clause.start, at) {
                return Some(n);
            }
        }
    }
    None
}

const UNIT_WORDS: &[&str] = &[
    "Phòng",
    "Đội",
    "Đồn",
    "Công an",
    "Trại",
    "Ban",
    "Cục",
    "Trung tâm",
    "Trường",
    "Bệnh viện",
    "Tiểu đoàn",
    "Trung đoàn",
    "Lữ đoàn",
    "Sư đoàn",
    "Đại đội",
    "Hải đội",
    "Hải đoàn",
    "Bộ Chỉ huy",
    "Bộ đội Biên phòng",
    "Chi bộ",
    "Đảng bộ",
    "Văn phòng",
    "Thanh tra",
    "Phân trại",
    "Trạm",
    "Sở",
    "Viện",
    "UBND",
    "Ủy ban",
    "Tổ",
    "Thôn",
    "Ấp",
    "Khu phố",
    "Xã",
    "Phường",
    "Thị trấn",
    "Huyện",
    "Tập thể",
];

const PERSON_WORDS: &[&str] = &[
    "đồng chí",
    "Đồng chí",
    "đ/c",
    "Đ/c",
    "ông",
    "bà",
    "anh",
    "chị",
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
    "Đại uý",
    "Thượng uý",
    "Trung uý",
    "Thiếu uý",
    "Binh nhất",
    "Hạ sĩ",
    "Trung sĩ",
    "Thượng sĩ",
    "em",
    "cháu",
];

const RECIPIENT_STOPS: &[&str] = &[
    " vì ",
    " đã ",
    " có thành tích",
    " do ",
    " trong ",
    " về ",
    " đạt ",
    " với ",
    " nhằm ",
    " tại ",
    "(",
    ":",
    " đang ",
    " góp phần",
    " khi ",
    " đợt ",
    " năm ",
];

/// Recipients named one by one after `cho` (`cho Phòng Tham mưu Công an tỉnh`,
/// `cho Đồn Biên phòng A và đồng chí Nguyễn Văn B`): `(collectives, individuals)`.
/// `None` when any part is a group or unclear.
pub fn named_recipients(body: &str, low: &str, from: usize, clause_end: usize) -> Option<(u32, u32)> {
    let text = low.get(from..clause_end)?;
    let cho = text.find(" cho ")? + " cho ".len();
    let rest = &text[cho..];
    let stop = RECIPIENT_STOPS.iter().filter_map(|s| rest.find(s)).min().unwrap_or(rest.len());
    let phrase_start = from + cho;
    let phrase = body.get(phrase_start..phrase_start + stop)?.trim_end_matches(['.', ',', ' ']);
    if phrase.is_empty() {
        return None;
    }
    let (mut units, mut people) = (0u32, 0u32);
    for part in phrase.split(", ").flat_map(|p| p.split(" và ")) {
        let part = part.trim();
        let part = part.strip_prefix("tập thể ").unwrap_or(part);
        let starts = |w: &&str| part.starts_with(*w) && part[w.len()..].chars().next().is_none_or(|c| c == ' ');
        if PERSON_WORDS.iter().any(starts) {
            people += 1;
        } else if UNIT_WORDS.iter().any(starts) {
            units += 1;
        } else {
            return None;
        }
    }
    Some((units, people))
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn all(t: &str) -> Vec<(u32, Side)> {
        let low = fold(t);
        counts(&low, 0..low.len()).into_iter().map(|c| (c.n, c.side)).collect()
    }

    #[test]
    fn sides_and_number_forms() {
        assert_eq!(all("cho 38 tập thể, 96 cá nhân"), [(38, Side::Collective), (96, Side::Individual)]);
        assert_eq!(all("có 857 tập thể, 2.386 cá nhân"), [(857, Side::Collective), (2386, Side::Individual)]);
        assert_eq!(all("tặng 01 đơn vị và 05 đồng chí"), [(1, Side::Collective), (5, Side::Individual)]);
        assert_eq!(all("Một tập thể và hai mươi cán bộ, chiến sĩ"), [(1, Side::Collective), (20, Side::Individual)]);
        assert_eq!(all("1.450 lượt tập thể và cá nhân"), [(1450, Side::Combined)]);
        assert_eq!(all("cho 50 tập thể, cá nhân"), [(50, Side::Combined)]);
        assert_eq!(all("cho các tập thể, cá nhân"), []);
    }

    #[test]
    fn uncounted_and_times() {
        let t = fold("cho 12 tập thể và nhiều cá nhân");
        assert_eq!(uncounted_sides(&t, 0..t.len()), (false, true));
        let t = fold("5 năm liền Công an tỉnh được tặng Cờ thi đua");
        assert_eq!(times(&t, 0..t.len()), Some(5));
        let t = fold("Đại hội lần thứ 3");
        assert_eq!(times(&t, 0..t.len()), None);
    }

    #[test]
    fn named_units_and_people() {
        let b = "trao Cờ thi đua cho Phòng Tham mưu Công an tỉnh.";
        assert_eq!(named_recipients(b, &fold(b), 0, b.len()), Some((1, 0)));
        let b = "trao Bằng khen cho Đồn Biên phòng Sa Huỳnh và Thiếu tá Nguyễn Văn A vì đã có thành tích";
        assert_eq!(named_recipients(b, &fold(b), 0, b.len()), Some((1, 1)));
        let b = "trao Bằng khen cho các tập thể, cá nhân";
        assert_eq!(named_recipients(b, &fold(b), 0, b.len()), None);
    }
}
