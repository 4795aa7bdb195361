//! What kind of event an article reports, and the emulation movements it names.

use super::text::has_word;
use super::Doc;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;

/// Kinds, each with the folded phrases that mark it. The earliest specific phrase wins;
/// the bare `hội nghị` / `lễ` only when nothing specific is named.
const KINDS: &[(&str, &[&str])] = &[
    ("đại hội thi đua", &["đại hội thi đua"]),
    ("hội nghị điển hình tiên tiến", &["hội nghị điển hình tiên tiến", "hội nghị biểu dương điển hình tiên tiến"]),
    ("hội nghị tổng kết", &["hội nghị tổng kết", "tổng kết phong trào", "tổng kết công tác"]),
    ("hội nghị sơ kết", &["hội nghị sơ kết", "sơ kết phong trào", "sơ kết công tác"]),
    ("hội nghị cụm thi đua", &["cụm thi đua", "khối thi đua"]),
    ("lễ đón nhận", &["lễ đón nhận", "lễ công bố và đón nhận", "đón nhận huân chương", "đón nhận danh hiệu"]),
    ("lễ trao tặng", &["lễ trao tặng", "lễ trao", "lễ khen thưởng", "lễ tuyên dương"]),
    ("khen thưởng đột xuất", &["khen thưởng đột xuất", "khen thưởng nóng"]),
    ("lễ phát động", &["lễ phát động", "phát động phong trào", "phát động đợt thi đua"]),
    ("thăm, tặng quà", &["tặng quà", "trao quà", "thăm và tặng"]),
];

fn kind_automaton() -> &'static Option<(AhoCorasick, Vec<&'static str>)> {
    static A: OnceLock<Option<(AhoCorasick, Vec<&'static str>)>> = OnceLock::new();
    A.get_or_init(|| {
        let pairs: Vec<(&str, &str)> = KINDS.iter().flat_map(|(k, ps)| ps.iter().map(move |p| (*p, *k))).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(pairs.iter().map(|p| p.0))
            .ok()?;
        Some((ac, pairs.into_iter().map(|p| p.1).collect()))
    })
}

/// The event kind: the earliest specific phrase in the title, else in the body.
pub fn kind(doc: &Doc, title: Option<&str>) -> Option<String> {
    let title_low = title.map(super::text::fold);
    if let Some((ac, kinds)) = kind_automaton() {
        for text in title_low.as_deref().into_iter().chain([&doc.low[..doc.end]]) {
            if let Some(m) = ac.find(text) {
                return kinds.get(m.pattern().as_usize()).map(|k| k.to_string());
            }
        }
    }
    let body = &doc.low[..doc.end];
    if has_word(body, "hội nghị") {
        return Some("hội nghị".into());
    }
    if has_word(body, "lễ") {
        return Some("lễ".into());
    }
    None
}

/// Movements named after `phong trào (thi đua)`: the two national ones canonically, others
/// as quoted.
pub fn movements(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let low = &doc.low[..doc.end];
    let mut from = 0;
    while let Some(i) = low.get(from..).and_then(|l| l.find("phong trào")) {
        let at = from + i + "phong trào".len();
        from = at;
        let mut rest = &low[at..];
        rest = rest.strip_prefix(" thi đua").unwrap_or(rest);
        let skipped = low.len() - at - rest.len();
        let trimmed = rest.trim_start_matches([' ', '“', '"', '«', '\'']);
        let quote_open = rest.len() - trimmed.len();
        let quoted = rest[..quote_open].contains(['“', '"', '«']);
        let found = if trimmed.starts_with("vì an ninh tổ quốc") || trimmed.starts_with("vì antq") {
            Some("Vì an ninh Tổ quốc".to_string())
        } else if trimmed.starts_with("toàn dân bảo vệ an ninh tổ quốc") || trimmed.starts_with("toàn dân bảo vệ antq")
        {
            Some("Toàn dân bảo vệ an ninh Tổ quốc".to_string())
        } else if quoted {
            let start = at + skipped + quote_open;
            quoted_text(doc.body, start..doc.end)
        } else {
            None
        };
        if let Some(m) = found {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

fn quoted_text(body: &str, r: Range<usize>) -> Option<String> {
    let s = body.get(r)?;
    let end = s.find(['”', '"', '»'])?;
    let t = s[..end].trim();
    (!t.is_empty() && end < 160).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::Doc;
    use super::*;

    #[test]
    fn kinds_prefer_specific_phrases() {
        let d = Doc::new("Hội nghị ghi nhận 25 tập thể. Hội nghị điển hình tiên tiến sẽ cổ vũ.");
        assert_eq!(kind(&d, None).as_deref(), Some("hội nghị điển hình tiên tiến"));
        let d = Doc::new("Đoàn công tác đến thăm, tặng quà gia đình chính sách.");
        assert_eq!(kind(&d, None).as_deref(), Some("thăm, tặng quà"));
    }

    #[test]
    fn movements_are_canonical_or_quoted() {
        let d = Doc::new(
            "phong trào thi đua “Vì ANTQ”, phong trào toàn dân bảo vệ an ninh Tổ quốc và phong trào “Đồng Khởi mới”.",
        );
        assert_eq!(movements(&d), ["Vì an ninh Tổ quốc", "Toàn dân bảo vệ an ninh Tổ quốc", "Đồng Khởi mới"]);
    }
}
