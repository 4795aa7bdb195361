//! Numbers as Vietnamese news writes them: `2.386` (dot thousands), `01` (leading zeros),
//! `1,450` (comma thousands from some sites) and number words (`hai mươi lăm`, `Một`).

use super::text::words;

/// Parses a digit token: digits with optional thousands groups of exactly three digits
/// separated by `.` or `,`. Returns `None` for anything else (`28.5`, `12,5`, `3a`).
pub fn parse_digits(token: &str) -> Option<u32> {
    let mut groups = token.split(['.', ',']);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 9 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut value: u64 = first.parse().ok()?;
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        grouped = true;
        value = value * 1000 + g.parse::<u64>().ok()?;
    }
    if grouped && first.len() > 3 {
        return None;
    }
    u32::try_from(value).ok()
}

/// The value of a number word, folded (lower case).
fn word_value(w: &str) -> Option<Word> {
    Some(match w {
        "một" | "mốt" => Word::Digit(1),
        "hai" => Word::Digit(2),
        "ba" => Word::Digit(3),
        "bốn" | "tư" => Word::Digit(4),
        "năm" | "lăm" | "nhăm" => Word::Digit(5),
        "sáu" => Word::Digit(6),
        "bảy" | "bẩy" => Word::Digit(7),
        "tám" => Word::Digit(8),
        "chín" => Word::Digit(9),
        "mười" => Word::Ten,
        "mươi" => Word::Tens,
        "trăm" => Word::Hundred,
        "nghìn" | "ngàn" => Word::Thousand,
        "linh" | "lẻ" => Word::Zero,
        _ => return None,
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Word {
    Digit(u32),
    Ten,
    Tens,
    Hundred,
    Thousand,
    Zero,
}

/// Parses a complete run of number words (`hai trăm linh năm` → 205). `None` when any
/// word is not a number word or the run is malformed.
pub fn parse_words(ws: &[&str]) -> Option<u32> {
    if ws.is_empty() {
        return None;
    }
    let (mut total, mut hundreds, mut current) = (0u32, 0u32, 0u32);
    let mut last: Option<Word> = None;
    for w in ws {
        let word = word_value(w)?;
        match word {
            Word::Digit(d) => {
                if matches!(last, Some(Word::Digit(_))) {
                    return None;
                }
                // "tư", "lăm", "mốt" only follow "mươi"; a leading "tư" is not a number.
                if matches!(*w, "tư" | "lăm" | "nhăm" | "mốt") && !matches!(last, Some(Word::Tens | Word::Ten)) {
                    return None;
                }
                current += d;
            }
            Word::Ten => current += 10,
            Word::Tens => {
                if !matches!(last, Some(Word::Digit(_))) {
                    return None;
                }
                current *= 10;
            }
            Word::Hundred => {
                if !matches!(last, Some(Word::Digit(_))) {
                    return None;
                }
                hundreds = current * 100;
                current = 0;
            }
            Word::Thousand => {
                if last.is_none() || matches!(last, Some(Word::Zero | Word::Thousand)) {
                    return None;
                }
                total += (hundreds + current) * 1000;
                hundreds = 0;
                current = 0;
            }
            Word::Zero => {
                if !matches!(last, Some(Word::Hundred)) {
                    return None;
                }
            }
        }
        last = Some(word);
    }
    if matches!(last, Some(Word::Zero)) {
        return None;
    }
    Some(total + hundreds + current)
}

/// The number written immediately before byte `end` of `low` (a folded text), as
/// digits or number words, and the byte where it starts. Looks back at most six words
/// and never past `floor`.
pub fn number_before(low: &str, floor: usize, end: usize) -> Option<(u32, usize)> {
    let window_start = low.ceil_char_boundary(floor.max(end.saturating_sub(60)));
    let window = low.get(window_start..end)?;
    // Only spaces may separate the number from what follows it.
    if !window.ends_with(' ') {
        return None;
    }
    let toks: Vec<(usize, &str)> = window
        .split(' ')
        .scan(0usize, |pos, t| {
            let start = *pos;
            *pos += t.len() + 1;
            Some((start, t))
        })
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let (last_start, last) = *toks.last()?;
    if let Some(n) = parse_digits(last) {
        return Some((n, window_start + last_start));
    }
    // Number words: the longest run of whole words ending at the last token.
    let tail: Vec<(usize, &str)> = toks.iter().rev().take(6).rev().copied().collect();
    for k in 0..tail.len() {
        let run: Vec<&str> = tail[k..].iter().map(|(_, t)| *t).collect();
        if run.iter().any(|t| words(t).count() != 1 || words(t).next().map(|(_, w)| w.len()) != Some(t.len())) {
            continue;
        }
        if let Some(n) = parse_words(&run) {
            // "hạng Ba" is a class, not a count.
            let before = &tail[..k];
            if before.last().is_some_and(|(_, t)| *t == "hạng") {
                return None;
            }
            return Some((n, window_start + tail[k].0));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_with_separators_and_zeros() {
        assert_eq!(parse_digits("2.386"), Some(2386));
        assert_eq!(parse_digits("1,450"), Some(1450));
        assert_eq!(parse_digits("01"), Some(1));
        assert_eq!(parse_digits("1.234.567"), Some(1_234_567));
        assert_eq!(parse_digits("28.5"), None);
        assert_eq!(parse_digits("12,5"), None);
        assert_eq!(parse_digits("1234.567"), None);
    }

    #[test]
    fn number_words() {
        let p = |s: &str| parse_words(&s.split(' ').collect::<Vec<_>>());
        assert_eq!(p("một"), Some(1));
        assert_eq!(p("mười"), Some(10));
        assert_eq!(p("mười hai"), Some(12));
        assert_eq!(p("hai mươi lăm"), Some(25));
        assert_eq!(p("ba mươi mốt"), Some(31));
        assert_eq!(p("hai trăm linh năm"), Some(205));
        assert_eq!(p("một trăm hai mươi tư"), Some(124));
        assert_eq!(p("ba nghìn"), Some(3000));
        assert_eq!(p("tư"), None);
        assert_eq!(p("hai ba"), None);
    }

    #[test]
    fn number_before_a_noun() {
        let t = "tặng bằng khen cho hai mươi lăm tập thể";
        let at = t.find("tập thể").unwrap();
        assert_eq!(number_before(t, 0, at).map(|x| x.0), Some(25));
        let t = "trao cho 01 tập thể";
        assert_eq!(number_before(t, 0, t.find("tập").unwrap()).map(|x| x.0), Some(1));
        let t = "một số tập thể";
        assert_eq!(number_before(t, 0, t.find("tập").unwrap()), None);
        let t = "huân chương hạng ba tập thể";
        assert_eq!(number_before(t, 0, t.find("tập").unwrap()), None);
    }
}
