//! Officials who attended or presented: `Thượng tướng Nguyễn Văn Thành - Thứ trưởng Bộ Công an`,
//! `đồng chí Bùi Văn Cửu, Phó Chủ tịch …`, `Phó Chủ tịch UBND tỉnh Huỳnh Khánh Toàn`.

use super::Doc;
use crate::event::Official;
use crate::geo::{self, Grid};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::sync::OnceLock;

const RANKS: &[&str] = &[
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
    "Phó Đô đốc",
    "Chuẩn Đô đốc",
    "Đô đốc",
];

/// Words that begin a position title.
const TITLE_HEADS: &[&str] = &[
    "Phó",
    "Chủ tịch",
    "Giám đốc",
    "Bí thư",
    "Ủy viên",
    "Uỷ viên",
    "Thứ trưởng",
    "Bộ trưởng",
    "Cục trưởng",
    "Tổng cục trưởng",
    "Trưởng",
    "Tư lệnh",
    "Chính ủy",
    "Chính uỷ",
    "Chỉ huy trưởng",
    "Chánh",
    "Đồn trưởng",
    "Trung đoàn trưởng",
    "Đại biểu",
    "Thủ trưởng",
    "Viện trưởng",
    "Tỉnh ủy viên",
    "Tham mưu trưởng",
];

/// Common family names: a capitalised run starting with one of these after a title is a name.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đào", "Đoàn", "Đinh", "Lương", "Trương", "Lâm", "Mai", "Cao", "Hà", "Tạ", "Triệu", "Tô", "Trịnh", "Vương",
    "Chu", "Lò", "Quàng", "Hứa", "Kiều", "Lại", "Tăng", "Nông", "Thái", "Châu", "Tống", "Lưu", "La", "Văn", "Từ",
];

/// Words that end a title.
const TITLE_STOPS: &[&str] = &[
    " phát biểu",
    " đến dự",
    " tới dự",
    " dự hội",
    " dự lễ",
    " dự buổi",
    " chủ trì",
    " nhấn mạnh",
    " cho biết",
    " cho rằng",
    " trao",
    " tặng",
    " thay mặt",
    " đã ",
    " cùng ",
    " và các",
    " đánh giá",
    " ghi nhận",
    " khẳng định",
    " yêu cầu",
    " đề nghị",
    " khai mạc",
    " kết luận",
    " chúc mừng",
    " gắn ",
    " tham dự",
    " làm trưởng",
    " ký ",
];

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.all(|c| super::text::is_word(c) && !c.is_ascii_digit())
}

/// Reads a name (2–4 capitalised words) at the start of `s`; returns it and its length.
fn name_at(s: &str) -> Option<(&str, usize)> {
    let mut end = 0;
    let mut count = 0;
    for w in s.split(' ') {
        let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
        if count == 4 || !is_cap_word(bare) {
            break;
        }
        end += if count == 0 { bare.len() } else { bare.len() + 1 };
        count += 1;
        if bare.len() != w.len() {
            break;
        }
    }
    (count >= 2).then(|| (&s[..end], end))
}

/// Reads a title after a separator (` - `, ` – `, `, `) at the start of `s`.
fn title_at(s: &str) -> Option<String> {
    let rest = [" - ", " – ", ", ", " , "].iter().find_map(|sep| s.strip_prefix(sep))?;
    if !TITLE_HEADS.iter().any(|h| rest.starts_with(h)) {
        return None;
    }
    let cap = rest.floor_char_boundary(200);
    let rest = &rest[..cap];
    let stop = rest.floor_char_boundary(
        title_stops().as_ref().and_then(|ac| ac.find(rest)).map_or(rest.len(), |m| m.start()).min(160),
    );
    let t = rest[..stop].trim().trim_end_matches(['.', ',', ';']).trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn surnames() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| SURNAMES.iter().copied().collect())
}

fn title_stops() -> &'static Option<AhoCorasick> {
    static A: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    A.get_or_init(|| {
        let pats = TITLE_STOPS.iter().copied().chain([";", ". ", ":", "(", "\n"]);
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(pats).ok()
    })
}

/// True when `name` is a province (`Hà Nam`, `Cao Bằng`), not a person.
fn is_province(name: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| geo::names(Grid::Old63).into_iter().chain(geo::names(Grid::New34)).collect()).contains(name)
}

fn push(out: &mut Vec<Official>, rank: Option<&str>, name: &str, title: Option<String>, evidence: &str) {
    if is_province(name) || name == "Hồ Chí Minh" {
        return;
    }
    match out.iter_mut().find(|o| o.name == name) {
        Some(o) => {
            if o.rank.is_none() {
                o.rank = rank.map(str::to_string);
            }
            if o.title.is_none() {
                o.title = title;
            }
        }
        None => out.push(Official {
            rank: rank.map(str::to_string),
            name: name.to_string(),
            title,
            evidence: Some(evidence.to_string()),
        }),
    }
}

/// Every official named with a rank or a title, in order of first mention.
pub fn extract(doc: &Doc) -> Vec<Official> {
    let mut out = Vec::new();
    for (_, s) in &doc.sentences {
        let text = &doc.body[s.clone()];
        let mut skip_until = 0;
        for (i, word) in super::text::words(text) {
            if i < skip_until || !word.starts_with(|c: char| c.is_uppercase() || c == 'đ') {
                continue;
            }
            let rest = &text[i..];
            // Rank + name (+ title).
            let rank_word = matches!(word, "Đại" | "Thượng" | "Trung" | "Thiếu" | "Phó" | "Chuẩn" | "Đô");
            if let Some(rank) = RANKS.iter().find(|r| rank_word && rest.starts_with(*r)) {
                let after = rest[rank.len()..].trim_start_matches([',', ' ']);
                if let Some((name, len)) = name_at(after) {
                    let title = title_at(&after[len..]);
                    push(&mut out, Some(rank), name, title, text);
                    skip_until = i + (rest.len() - after.len()) + len;
                }
                continue;
            }
            // "đồng chí" + name + title.
            let comrade = matches!(word, "đồng" | "Đồng");
            if let Some(after) =
                rest.strip_prefix("đồng chí ").or_else(|| rest.strip_prefix("Đồng chí ")).filter(|_| comrade)
            {
                if RANKS.iter().any(|r| after.starts_with(r)) {
                    continue;
                }
                if let Some((name, len)) = name_at(after) {
                    if let Some(title) = title_at(&after[len..]) {
                        push(&mut out, None, name, Some(title), text);
                    }
                    skip_until = i + (rest.len() - after.len()) + len;
                }
                continue;
            }
            // Surname-led name followed by " - title" (lists after "các đồng chí").
            if surnames().contains(word) {
                if let Some((name, len)) = name_at(rest) {
                    skip_until = i + len;
                    if let Some(title) = title_at(&rest[len..]) {
                        push(&mut out, None, name, Some(title), text);
                        continue;
                    }
                    // Title before the name: "Phó Chủ tịch UBND tỉnh Huỳnh Khánh Toàn".
                    let prev = text[..i].trim_end().rsplit(' ').next().unwrap_or("");
                    let org_word = is_cap_word(prev) || ["tỉnh", "ủy", "uỷ", "an", "phố"].contains(&prev);
                    if let Some(title) = org_word.then(|| title_before(&text[..i])).flatten() {
                        push(&mut out, None, name, Some(title), text);
                    }
                }
            }
        }
    }
    out
}

/// A title that ends right before a name: from the last title head within 80 bytes.
fn title_before(before: &str) -> Option<String> {
    let b = before.strip_suffix(' ')?;
    let from = b.ceil_char_boundary(b.len().saturating_sub(80));
    let window = &b[from..];
    let cut = window
        .rfind([',', ';', '.', ':', '(', '-', '–'])
        .map_or(0, |p| p + window[p..].chars().next().map_or(1, char::len_utf8));
    let window = &window[cut..];
    let head = TITLE_HEADS.iter().filter_map(|h| window.find(h).map(|p| (p, h))).min_by_key(|(p, _)| *p)?;
    let t = window[head.0..].trim();
    // The title must end with an organisation word, not a verb phrase.
    let last = t.split(' ').next_back()?;
    (t.split(' ').count() >= 2 && (is_cap_word(last) || ["tỉnh", "ủy", "uỷ", "an", "phố"].contains(&last)))
        .then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::Doc;
    use super::*;

    fn names(t: &str) -> Vec<(Option<String>, String, Option<String>)> {
        let doc = Doc::new(t);
        extract(&doc).into_iter().map(|o| (o.rank, o.name, o.title)).collect()
    }

    #[test]
    fn rank_name_title() {
        let got = names("Tới dự có Thượng tướng Nguyễn Văn Thành - Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an; các đồng chí Ngô Đông Hải - Phó bí thư Tỉnh ủy; Đặng Trọng Thăng - Chủ tịch UBND tỉnh.");
        assert_eq!(
            got[0],
            (
                Some("Thượng tướng".into()),
                "Nguyễn Văn Thành".into(),
                Some("Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an".into())
            )
        );
        assert_eq!(got[1].1, "Ngô Đông Hải");
        assert_eq!(got[2], (None, "Đặng Trọng Thăng".into(), Some("Chủ tịch UBND tỉnh".into())));
    }

    #[test]
    fn title_before_name_and_no_province_as_name() {
        let got = names(
            "Phó Chủ tịch Thường trực UBND tỉnh Huỳnh Khánh Toàn đến dự. Công an tỉnh Hà Nam - Phòng PV01 tham dự.",
        );
        assert_eq!(got, [(None, "Huỳnh Khánh Toàn".into(), Some("Phó Chủ tịch Thường trực UBND tỉnh".into()))]);
    }

    #[test]
    fn author_lines_are_not_officials() {
        assert!(names("Ngô Thủy – Nguyễn Hùng").is_empty());
    }
}
