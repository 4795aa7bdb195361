//! Folding province names written freely into matching keys.
//!
//! Two keys are used:
//! - the *tone key*: lower case, punctuation as spaces, administrative prefixes removed,
//!   and every syllable's tone mark moved to the end of the syllable. This merges the old
//!   and new tone placements (`Hoà`/`Hòa`, `Thanh Hoá`/`Thanh Hóa`), which NFC does not;
//! - the *bare key*: the tone key without any diacritic and with `đ` → `d` (`Dak Lak`).

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters (NFD).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Characters read as word separators (dashes, dots, commas, brackets, quotes).
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '.' | ',' | '-' | '–' | '—' | '‐' | '_' | '/' | '(' | ')' | '\'' | '’' | '"')
}

/// Administrative prefixes removed from the front of a name.
const PREFIXES: [&str; 4] = ["thành phố", "tỉnh", "tp", "thủ đô"];

/// The prefixes as folded syllables.
fn prefixes() -> &'static [Vec<String>] {
    static P: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    P.get_or_init(|| PREFIXES.iter().map(|p| syllables(p)).collect())
}

/// Lower-case syllables with the tone mark moved to the end of each.
fn syllables(text: &str) -> Vec<String> {
    let lower: String = text.nfd().collect::<String>().to_lowercase();
    let mut words: Vec<String> = Vec::new();
    for raw in lower.split(is_separator).filter(|w| !w.is_empty()) {
        let mut word = String::with_capacity(raw.len());
        let mut tone = None;
        for c in raw.nfd() {
            if TONES.contains(&c) {
                tone = Some(c);
            } else {
                word.push(c);
            }
        }
        if let Some(t) = tone {
            word.push(t);
        }
        words.push(word);
    }
    words
}

/// The tone key of `text` (see the module docs); empty for text without letters.
pub fn tone_key(text: &str) -> String {
    let words = syllables(text);
    // Remove prefixes repeatedly ("thành phố" then nothing, "tp" then a name), but keep a name.
    let mut start = 0;
    loop {
        let rest = &words[start..];
        let Some(p) =
            prefixes().iter().find(|p| rest.len() > p.len() && rest.iter().zip(p.iter()).all(|(w, q)| w == q))
        else {
            break;
        };
        start += p.len();
    }
    words[start..].join(" ")
}

/// The bare key: the tone key without diacritics, `đ` → `d`.
pub fn bare_key(tone_key: &str) -> String {
    tone_key
        .chars()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect::<String>()
        .replace(' ', "")
}

/// Whether a character is a combining diacritic (U+0300–U+036F).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let subst = prev[j] + usize::from(ca != cb);
            cur[j + 1] = subst.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_and_prefixes_fold_together() {
        assert_eq!(tone_key("Hoà Bình"), tone_key("Hòa Bình"));
        assert_eq!(tone_key("tỉnh Thanh Hoá"), tone_key("Thanh Hóa"));
        assert_eq!(tone_key("THÀNH PHỐ Hà Nội"), tone_key("hà nội"));
        assert_eq!(tone_key("TP.HCM"), tone_key("hcm"));
        assert_eq!(tone_key("Bà Rịa – Vũng Tàu"), tone_key("Bà Rịa-Vũng Tàu"));
        assert_ne!(tone_key("Hà Nam"), tone_key("Hà Nội"));
        // "Thành phố" alone is kept, not folded to nothing.
        assert_eq!(tone_key("thành phố"), tone_key("Thành Phố"));
        assert!(!tone_key("thành phố").is_empty());
    }

    #[test]
    fn bare_key_drops_every_mark() {
        assert_eq!(bare_key(&tone_key("Đắk Lắk")), "daklak");
        assert_eq!(bare_key(&tone_key("Đăk Lăk")), "daklak");
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("bình", "bình"), 0);
    }
}
