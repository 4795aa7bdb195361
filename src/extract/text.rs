//! Text plumbing: a byte-aligned folded copy of the body for matching, the end of the
//! article proper (before related-article lists), paragraphs, sentences and clauses.
//!
//! Every span is a byte range into the NFC body, so evidence is always an exact substring.

use std::ops::Range;

/// Folds one string for matching: lower case and the "new" tone placement (`hoà` → `hòa`,
/// `uỷ` → `ủy`), changing only characters whose replacement has the same UTF-8 length,
/// so byte offsets in the folded copy equal those in the original.
pub fn fold(s: &str) -> String {
    let mut out = s.to_ascii_lowercase();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else { break };
        let len = c.len_utf8();
        let l = lower_same_len(c);
        let mut buf = [0u8; 4];
        if l != c {
            out.replace_range(i..i + len, l.encode_utf8(&mut buf));
        }
        // Only open syllables differ between the styles: "hoà" but not "toàn".
        let prev = out.as_bytes()[i - usize::from(i > 0)];
        if i > 0 && (prev == b'o' || prev == b'u') {
            if let Some((moved, base)) = move_tone(char::from(prev), l) {
                let next = s.get(i + len..).and_then(|r| r.chars().next());
                if !next.is_some_and(is_word) {
                    let mut pair = String::with_capacity(len + 1);
                    pair.push(moved);
                    pair.push(base);
                    out.replace_range(i - 1..i + len, &pair);
                }
            }
        }
        i += len;
    }
    out
}

fn lower_same_len(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    // Fast paths for the Vietnamese letters: Latin-1 capitals, Latin Extended Additional
    // pairs (even = capital) and the few Latin Extended-A/B letters.
    let fast = match u {
        0xC0..=0xDE if u != 0xD7 => Some(u + 0x20),
        0xE0..=0xFF => Some(u),
        0x1EA0..=0x1EF9 => Some(u | 1),
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 => Some(u + 1),
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => Some(u),
        0x1AF => Some(0x1B0),
        _ => None,
    };
    if let Some(l) = fast.and_then(char::from_u32) {
        return l;
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(lc), None) if lc.len_utf8() == c.len_utf8() => lc,
        _ => c,
    }
}

/// `o`+`à` → `ò`+`a` and the like, only where both spellings have the same byte length.
fn move_tone(first: char, second: char) -> Option<(char, char)> {
    let pair = match (first, second) {
        ('o', 'à') => ('ò', 'a'),
        ('o', 'á') => ('ó', 'a'),
        ('o', 'ả') => ('ỏ', 'a'),
        ('o', 'ã') => ('õ', 'a'),
        ('o', 'ạ') => ('ọ', 'a'),
        ('o', 'è') => ('ò', 'e'),
        ('o', 'é') => ('ó', 'e'),
        ('o', 'ẻ') => ('ỏ', 'e'),
        ('o', 'ẹ') => ('ọ', 'e'),
        ('u', 'ý') => ('ú', 'y'),
        ('u', 'ỷ') => ('ủ', 'y'),
        ('u', 'ỵ') => ('ụ', 'y'),
        _ => return None,
    };
    (pair.0.len_utf8() + pair.1.len_utf8() == first.len_utf8() + second.len_utf8()).then_some(pair)
}

/// True for letters and digits (word characters in Vietnamese text).
pub fn is_word(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xD7 | 0xF7 => false,
        0xC0..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphanumeric(),
    }
}

/// True when `range` in `s` starts and ends at word boundaries.
pub fn at_word_bounds(s: &str, range: &Range<usize>) -> bool {
    let before = s.get(..range.start).and_then(|p| p.chars().next_back());
    let after = s.get(range.end..).and_then(|p| p.chars().next());
    !before.is_some_and(is_word) && !after.is_some_and(is_word)
}

/// Lines that begin the related-article block, comments or tags after the article body.
const TRAILER_MARKERS: &[&str] = &[
    "từ khóa",
    "từ khoá",
    "tags",
    "tag:",
    "tin liên quan",
    "bài liên quan",
    "bài viết liên quan",
    "tin bài liên quan",
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "tin khác",
    "các tin khác",
    "tin mới hơn",
    "tin cũ hơn",
    "tin mới nhất",
    "tin đọc nhiều",
    "xem thêm",
    "đọc thêm",
    "có thể bạn quan tâm",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi bình luận",
    "chia sẻ bài viết",
    "in bài viết",
];

/// The end (byte offset) of the article proper: the start of a related-article list,
/// tag line or comment block after the body, or the end of the text.
pub fn body_end(body: &str, low: &str) -> usize {
    let min = body.len() / 4;
    let lines: Vec<(usize, &str)> = line_spans(low).collect();
    for (i, &(start, line)) in lines.iter().enumerate() {
        if start < min {
            continue;
        }
        let t = line.trim_start_matches(|c: char| !is_word(c)).trim_end();
        if t.len() <= 60 && TRAILER_MARKERS.iter().any(|m| t.starts_with(m)) {
            return start;
        }
        // A headline repeated on two lines followed by a teaser ending in "…": a related list.
        if start >= body.len() * 3 / 10 && !t.is_empty() {
            if let (Some(&(_, next)), Some(&(_, teaser))) = (lines.get(i + 1), lines.get(i + 2)) {
                let teaser = teaser.trim_end();
                if next.trim() == line.trim() && (teaser.ends_with("...") || teaser.ends_with('…')) {
                    return start;
                }
            }
        }
    }
    body.len()
}

/// `(start, line)` for every line of `s` (without the newline).
pub fn line_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut pos = 0;
    s.split('\n').map(move |line| {
        let start = pos;
        pos += line.len() + 1;
        (start, line)
    })
}

/// Paragraph ranges (non-empty lines, trimmed) up to `end`.
pub fn paragraphs(body: &str, end: usize) -> Vec<Range<usize>> {
    let text = body.get(..end).unwrap_or(body);
    line_spans(text)
        .filter_map(|(start, line)| {
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            (!trimmed.is_empty()).then(|| start + lead..start + lead + trimmed.len())
        })
        .collect()
}

/// Tokens before a full stop that do not end a sentence (`TP.`, `Th.S`, initials).
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !is_word(c));
    matches!(w, "TP" | "Tp" | "tp" | "ThS" | "TS" | "PGS" | "GS" | "Q" | "P" | "TT" | "Th" | "St" | "Mr" | "Ths")
        || (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()))
}

/// Sentence ranges inside one paragraph range: split after `.`, `!`, `?`, `…` that are
/// followed by a space and an upper-case letter, digit, quote or bracket.
pub fn sentences(body: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(text) = body.get(para.clone()) else { return out };
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            b'.' | b'!' | b'?' => 1,
            0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0xA6]) => 3, // …
            _ => {
                i += 1;
                continue;
            }
        };
        let at = i;
        // Swallow runs like "..." or ".”".
        let mut end = i + len;
        while let Some(d) = text.get(end..).and_then(|r| r.chars().next()) {
            if matches!(d, '.' | '!' | '?' | '…' | '”' | '"' | ')') {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        let rest = &text[end..];
        let Some(after_space) = rest.strip_prefix(' ') else { continue };
        let next = after_space.trim_start().chars().next();
        let starts_new = next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“\"(‘'[".contains(n));
        if !starts_new {
            continue;
        }
        let word = text[start..at].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
        if bytes[at] == b'.' && is_abbreviation(word) {
            continue;
        }
        push_trimmed(&mut out, text, para.start, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, para.start, start..text.len());
    out
}

/// The longest sentence examined as one, in bytes (about 2,500 Vietnamese letters).
/// Longer runs without a full stop (scraped pages glued onto one line) are cut at a
/// `;`, `,` or space, so the work per sentence stays bounded and the whole pass linear.
pub const MAX_SENTENCE: usize = 4_000;

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, base: usize, r: Range<usize>) {
    let Some(s) = text.get(r.clone()) else { return };
    let lead = s.len() - s.trim_start().len();
    let mut rest = s.trim();
    let mut at = base + r.start + lead;
    while rest.len() > MAX_SENTENCE {
        let cut = rest.floor_char_boundary(MAX_SENTENCE);
        let head = &rest[..cut];
        let split = ["; ", ", ", " "].iter().find_map(|sep| head.rfind(sep)).map_or(cut, |i| i + 1).max(1);
        let split = rest.ceil_char_boundary(split);
        let piece = rest[..split].trim_end();
        if !piece.is_empty() {
            out.push(at..at + piece.len());
        }
        let after = &rest[split..];
        let skip = after.len() - after.trim_start().len();
        at += split + skip;
        rest = &after[skip..];
    }
    if !rest.is_empty() {
        out.push(at..at + rest.len());
    }
}

/// Clause ranges of a sentence: split at `;` (lists of award lines use it).
pub fn clauses(body: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(text) = body.get(sentence.clone()) else { return out };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ';' {
            push_trimmed(&mut out, text, sentence.start, start..i);
            start = i + 1;
        }
    }
    push_trimmed(&mut out, text, sentence.start, start..text.len());
    out
}

/// Finds `needle` in `hay[from..to]` at word boundaries (judged on the whole of `hay`).
pub fn find_word(hay: &str, needle: &str, from: usize, to: usize) -> Option<usize> {
    let mut pos = from;
    let limit = hay.get(..to.min(hay.len()))?;
    while let Some(i) = limit.get(pos..).and_then(|h| h.find(needle)) {
        let at = pos + i;
        if at_word_bounds(hay, &(at..at + needle.len())) {
            return Some(at);
        }
        pos = at + needle.len().max(1);
    }
    None
}

/// True when `needle` occurs in `hay` as whole words.
pub fn has_word(hay: &str, needle: &str) -> bool {
    find_word(hay, needle, 0, hay.len()).is_some()
}

/// The words (letters/digits runs) of `s` with their byte ranges.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut iter = s.char_indices().peekable();
    std::iter::from_fn(move || {
        while iter.peek().is_some_and(|&(_, c)| !is_word(c)) {
            iter.next();
        }
        let (start, _) = *iter.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = iter.peek() {
            if !is_word(c) {
                break;
            }
            end = i + c.len_utf8();
            iter.next();
        }
        Some((start, &s[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_offsets_and_moves_tones() {
        for s in ["Khánh Hoà", "Uỷ ban nhân dân", "THANH HOÁ", "Đắk Lắk", "Huân chương"] {
            assert_eq!(fold(s).len(), s.len());
        }
        assert_eq!(fold("Khánh Hoà"), fold("Khánh Hòa"));
        assert_eq!(fold("Uỷ ban"), "ủy ban");
        assert_eq!(fold("ĐỒNG CHÍ"), "đồng chí");
        assert_eq!(fold("toàn dân"), "toàn dân");
    }

    #[test]
    fn sentences_respect_abbreviations_and_numbers() {
        let t = "Sáng 28.5, tại TP. Hồ Chí Minh có 2.386 cá nhân. Ảnh: T.C. Hội nghị kết thúc!";
        let p = paragraphs(t, t.len());
        let s: Vec<&str> = sentences(t, p[0].clone()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(s, ["Sáng 28.5, tại TP. Hồ Chí Minh có 2.386 cá nhân.", "Ảnh: T.C.", "Hội nghị kết thúc!"]);
    }

    #[test]
    fn body_ends_before_related_list() {
        let t = "Đoạn một dài dài.\nĐoạn hai dài dài dài.\nĐoạn ba.\n  • Từ khóa\nTin A\nTin A\nTóm tắt...\n";
        let low = fold(t);
        assert_eq!(&t[..body_end(t, &low)], "Đoạn một dài dài.\nĐoạn hai dài dài dài.\nĐoạn ba.\n");
        let t2 = "Một đoạn rất dài của bài viết chính.\nHai đoạn nữa ở đây.\nTin A\nTin A\nChiều 11/4, đoàn...\n";
        assert_eq!(&t2[..body_end(t2, &fold(t2))], "Một đoạn rất dài của bài viết chính.\nHai đoạn nữa ở đây.\n");
    }

    #[test]
    fn clauses_split_on_semicolons() {
        let t = "a 1 tập thể; b 2 cá nhân; c";
        let c: Vec<&str> = clauses(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(c, ["a 1 tập thể", "b 2 cá nhân", "c"]);
    }
}
