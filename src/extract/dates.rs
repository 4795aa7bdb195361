//! The date of the event itself: `Sáng ngày 20/11/2020`, `Sáng nay 28.5`, `Chiều 5-6`,
//! `ngày 5 tháng 6 năm 2020`; a missing year from the publication date or, failing that,
//! guessed from the years the text names.

use super::text::{at_word_bounds, is_word};
use crate::event::{days_in_month, Basis, EventDate};
use std::ops::Range;

/// A date found for the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The date.
    pub date: EventDate,
    /// `Text` when the text gives it (possibly with a guessed year), `Published` when the
    /// date or its year came from the publication date.
    pub basis: Basis,
    /// The byte range of the sentence or line it came from.
    pub evidence: Option<Range<usize>>,
}

/// One date expression in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mention {
    start: usize,
    end: usize,
    day: u8,
    month: u8,
    year: Option<i32>,
}

/// Words before a date that make it the time of the reported event.
const TIME_WORDS: &[&str] = &[
    "sáng nay",
    "chiều nay",
    "tối nay",
    "trưa nay",
    "sáng qua",
    "chiều qua",
    "tối qua",
    "sáng hôm nay",
    "chiều hôm nay",
    "sáng ngày",
    "chiều ngày",
    "tối ngày",
    "trưa ngày",
    "sáng",
    "chiều",
    "tối",
    "trưa",
    "hôm nay",
    "hôm qua",
];

const EVENT_VERBS: &[&str] =
    &["tổ chức", "diễn ra", "khai mạc", "long trọng", "trao tặng", "đón nhận", "trao ", "tuyên dương", "khen thưởng"];

const CITATION_WORDS: &[&str] = &[
    "số ",
    "quyết định",
    "chỉ thị",
    "nghị quyết",
    "kế hoạch",
    "thông tư",
    "công văn",
    "nghị định",
    "hướng dẫn",
    "từ ",
    "đến ",
    "sinh ",
];

/// Finds the event date. `sentences` are the body's sentence ranges in order; `published`
/// comes from front matter.
pub fn find(low: &str, sentences: &[Range<usize>], published: Option<EventDate>) -> Option<Found> {
    let header = header_date(low);
    let published = published.or(header.as_ref().map(|(d, _)| *d));
    let mut weak: Option<(Mention, Range<usize>)> = None;
    let mut strong: Option<(Mention, Range<usize>)> = None;
    'outer: for s in sentences {
        let Some(text) = low.get(s.clone()) else { continue };
        if header.as_ref().is_some_and(|(_, h)| h.contains(&s.start)) {
            continue;
        }
        for m in mentions(text) {
            let before = &text[..m.start];
            let before = before.trim_end_matches([' ', ',', '(']);
            let has_time_word = TIME_WORDS.iter().any(|w| before.ends_with(w) && word_start(before, w.len()));
            let at_start = before == "ngày" || before.is_empty();
            let m = Mention { start: s.start + m.start, end: s.start + m.end, ..m };
            if has_time_word || (at_start && text.get(m.end - s.start..).is_some_and(|r| r.starts_with(','))) {
                strong = Some((m, s.clone()));
                break 'outer;
            }
            let cited = CITATION_WORDS.iter().any(|w| {
                let from = before.len().saturating_sub(40);
                before.get(from..).is_some_and(|b| b.contains(w))
            });
            let ranged = text.get(m.end - s.start..).is_some_and(|r| r.trim_start().starts_with(['-', '–']));
            if weak.is_none()
                && before.ends_with("ngày")
                && !cited
                && !ranged
                && EVENT_VERBS.iter().any(|v| text.contains(v))
            {
                weak = Some((m, s.clone()));
            }
        }
    }
    if let Some((m, sentence)) = strong.or(weak) {
        return complete(m, sentence, published, low, sentences);
    }
    // "Sáng nay", "hôm qua" without numbers: relative to the publication date.
    for s in sentences.iter().take(3) {
        let text = low.get(s.clone()).unwrap_or("");
        let offset = if ["sáng nay", "chiều nay", "tối nay", "hôm nay"].iter().any(|w| text.starts_with(w)) {
            Some(0)
        } else if ["hôm qua", "sáng qua", "chiều qua", "tối qua"].iter().any(|w| text.starts_with(w)) {
            Some(1)
        } else {
            None
        };
        if let (Some(off), Some(p @ EventDate { day: Some(_), .. })) = (offset, published) {
            return Some(Found { date: minus_days(p, off), basis: Basis::Published, evidence: Some(s.clone()) });
        }
    }
    if let Some(p) = published {
        let evidence = header.map(|(_, r)| r);
        return Some(Found { date: p, basis: Basis::Published, evidence });
    }
    // A half-year or quarter review is held within that year.
    for s in sentences {
        let text = low.get(s.clone()).unwrap_or("");
        for key in ["6 tháng đầu năm ", "9 tháng đầu năm ", "sáu tháng đầu năm ", "chín tháng đầu năm "]
        {
            if let Some(i) = text.find(key) {
                if let Some(y) = year_at(text, i + key.len()) {
                    let date = EventDate { year: y, month: None, day: None };
                    return Some(Found { date, basis: Basis::Text, evidence: Some(s.clone()) });
                }
            }
        }
    }
    None
}

fn word_start(before: &str, len: usize) -> bool {
    let cut = before.len() - len;
    !before[..cut].chars().next_back().is_some_and(is_word)
}

/// Fills in a missing year and validates.
fn complete(
    m: Mention,
    sentence: Range<usize>,
    published: Option<EventDate>,
    low: &str,
    sentences: &[Range<usize>],
) -> Option<Found> {
    let (year, basis) = match (m.year, published) {
        (Some(y), _) => (y, Basis::Text),
        (None, Some(p)) => {
            let mut y = p.year;
            if let (Some(pm), Some(pd)) = (p.month, p.day.or(Some(31))) {
                // "Sáng 28/12" published on 2 January belongs to the year before.
                if u32::from(m.month) * 31 + u32::from(m.day) > u32::from(pm) * 31 + u32::from(pd) + 7 {
                    y -= 1;
                }
            }
            (y, Basis::Published)
        }
        (None, None) => (guess_year(low, sentences)?, Basis::Text),
    };
    let date = EventDate::ymd(year, m.month, m.day).ok()?;
    Some(Found { date, basis, evidence: Some(sentence) })
}

/// The latest year the text names; for a range `A - B`, `B` unless it lies in the
/// future of every single year named (then it is a plan, and `A` counts).
pub fn guess_year(low: &str, sentences: &[Range<usize>]) -> Option<i32> {
    let mut single: Vec<i32> = Vec::new();
    let mut ranges: Vec<(i32, i32)> = Vec::new();
    for s in sentences {
        let text = low.get(s.clone()).unwrap_or("");
        let mut i = 0;
        while i < text.len() {
            let Some(y) = year_at(text, i) else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                continue;
            };
            let rest = text[i + 4..].trim_start_matches([' ', '-', '–', '—']);
            let skipped = text.len() - i - 4 - rest.len();
            let before = text[..i].trim_end();
            let planned = ["đến năm", "tới năm", "hướng tới", "đến"].iter().any(|w| before.ends_with(w));
            if skipped > 0 && text[i + 4..i + 4 + skipped].contains(['-', '–', '—']) {
                if let Some(b) = year_at(text, i + 4 + skipped) {
                    ranges.push((y, b));
                    i += 4 + skipped + 4;
                    continue;
                }
            }
            if !planned {
                single.push(y);
            }
            i += 4;
        }
    }
    let max_single = single.iter().copied().max();
    let from_ranges = ranges.iter().map(|&(a, b)| match max_single {
        Some(m) if b > m + 1 => a,
        _ => b,
    });
    max_single.into_iter().chain(from_ranges).max()
}

/// A plausible year (1945–2100) of exactly four digits at byte `i`.
fn year_at(text: &str, i: usize) -> Option<i32> {
    let digits = text.get(i..i + 4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !at_word_bounds(text, &(i..i + 4)) {
        return None;
    }
    // Not the tail of a longer number such as 2.386.
    if text[..i].ends_with(['.', ',']) && text[..i].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    (1945..=2100).contains(&y).then_some(y)
}

/// A header line such as `20/11/2020` or `Thứ 6, 05/06/2020 | 00:00:00` near the top: the
/// publication date printed in the text.
fn header_date(low: &str) -> Option<(EventDate, Range<usize>)> {
    for (start, line) in super::text::line_spans(low).take(8) {
        let t = line.trim();
        if t.is_empty() || t.len() > 60 || t.split_whitespace().count() > 8 {
            continue;
        }
        for m in mentions(t) {
            if let Some(y) = m.year {
                if let Ok(d) = EventDate::ymd(y, m.month, m.day) {
                    let lead = line.len() - line.trim_start().len();
                    return Some((d, start + lead..start + lead + t.len()));
                }
            }
        }
    }
    None
}

/// Every day–month(–year) expression in a folded text.
fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'/')) {
            i += 1;
            continue;
        }
        if let Some(m) = numeric_at(text, i).or_else(|| worded_at(text, i)) {
            out.push(m);
            i = m.end;
        } else {
            i += 1;
        }
    }
    out
}

fn digits(b: &[u8], i: usize, max: usize) -> Option<(u32, usize)> {
    let n = b.get(i..)?.iter().take(max + 1).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > max {
        return None;
    }
    let v = std::str::from_utf8(&b[i..i + n]).ok()?.parse().ok()?;
    Some((v, i + n))
}

/// `28/5`, `28-5`, `28.5`, `05/06/2020`, `5-6-2020`.
fn numeric_at(text: &str, i: usize) -> Option<Mention> {
    let b = text.as_bytes();
    let (day, j) = digits(b, i, 2)?;
    let sep = *b.get(j)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (month, k) = digits(b, j + 1, 2)?;
    let mut end = k;
    let mut year = None;
    if b.get(k) == Some(&sep) {
        if let Some((y, e)) = digits(b, k + 1, 4) {
            if e - (k + 1) == 4 {
                year = Some(y as i32);
                end = e;
            }
        }
    }
    if b.get(end).is_some_and(|c| c.is_ascii_digit()) || (sep == b'.' && b.get(end) == Some(&b'.')) {
        return None;
    }
    // "2.386" style numbers: a dot followed by three digits is a thousands group.
    if sep == b'.' && k - (j + 1) == 3 {
        return None;
    }
    valid(day, month, year).then_some(Mention { start: i, end, day: day as u8, month: month as u8, year })
}

/// `5 tháng 6` with optional `năm 2020`.
fn worded_at(text: &str, i: usize) -> Option<Mention> {
    let b = text.as_bytes();
    let (day, j) = digits(b, i, 2)?;
    let rest = text.get(j..)?.strip_prefix(" tháng ")?;
    let k = j + " tháng ".len();
    let (month, mut end) = digits(b, k, 2)?;
    let _ = rest;
    let mut year = None;
    if let Some(r) = text.get(end..).and_then(|r| r.strip_prefix(" năm ")) {
        let y0 = end + " năm ".len();
        if let Some((y, e)) = digits(b, y0, 4) {
            if e - y0 == 4 && !r.is_empty() {
                year = Some(y as i32);
                end = e;
            }
        }
    }
    valid(day, month, year).then_some(Mention { start: i, end, day: day as u8, month: month as u8, year })
}

fn valid(day: u32, month: u32, year: Option<i32>) -> bool {
    let y = year.unwrap_or(2024);
    (1..=12).contains(&month)
        && day >= 1
        && day <= u32::from(days_in_month(y, month as u8))
        && year.is_none_or(|y| (1945..=2100).contains(&y))
}

fn minus_days(d: EventDate, n: u8) -> EventDate {
    let (mut y, mut m, mut day) = (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1));
    for _ in 0..n {
        if day > 1 {
            day -= 1;
        } else if m > 1 {
            m -= 1;
            day = days_in_month(y, m);
        } else {
            y -= 1;
            m = 12;
            day = 31;
        }
    }
    debug_assert!(valid(u32::from(day), u32::from(m), Some(y)));
    EventDate { year: y, month: Some(m), day: Some(day) }
}

#[cfg(test)]
mod tests {
    use super::super::text::{fold, paragraphs, sentences};
    use super::*;

    fn run(t: &str, published: Option<&str>) -> Option<(String, Basis)> {
        let low = fold(t);
        let sents: Vec<_> = paragraphs(t, t.len()).into_iter().flat_map(|p| sentences(t, p)).collect();
        find(&low, &sents, published.map(|p| p.parse().unwrap())).map(|f| (f.date.to_string(), f.basis))
    }

    #[test]
    fn full_dates_in_the_lead() {
        assert_eq!(
            run("Sáng ngày 20/11/2020, Công an tỉnh tổ chức hội nghị.", None),
            Some(("2020-11-20".into(), Basis::Text))
        );
        assert_eq!(run("Ngày 5 tháng 6 năm 2020, hội nghị diễn ra.", None), Some(("2020-06-05".into(), Basis::Text)));
    }

    #[test]
    fn missing_year_from_published_and_year_rollover() {
        assert_eq!(
            run("Sáng nay 28.5, Công an tỉnh tổ chức hội nghị.", Some("2024-05-28")),
            Some(("2024-05-28".into(), Basis::Published))
        );
        assert_eq!(
            run("Chiều 29/12, Công an tỉnh tổ chức hội nghị.", Some("2025-01-02")),
            Some(("2024-12-29".into(), Basis::Published))
        );
    }

    #[test]
    fn the_event_date_not_a_cited_document_or_the_publication_date() {
        let t = "Thứ 6, 05/06/2020 | 00:00:00\n\nTheo Chỉ thị số 05 ngày 15/5/2016, Công an tỉnh tổ chức hội nghị. Sáng ngày 05/6, hội nghị khai mạc.";
        assert_eq!(run(t, None), Some(("2020-06-05".into(), Basis::Published)));
        let t = "Công an tỉnh tổng kết phong trào. Đến nay đã có nhiều kết quả.";
        assert_eq!(run(t, Some("2023-04-02")), Some(("2023-04-02".into(), Basis::Published)));
    }

    #[test]
    fn guessed_year_when_nothing_else() {
        let t = "(QNO) - Sáng nay 28.5, hội nghị giai đoạn 2015 - 2020. Cuối năm 2019 có 1.277 mô hình.";
        assert_eq!(run(t, None), Some(("2020-05-28".into(), Basis::Text)));
        let t = "Sáng 5/6, hội nghị phát động giai đoạn 2020-2025 tổ chức năm 2020.";
        assert_eq!(run(t, None), Some(("2020-06-05".into(), Basis::Text)));
    }

    #[test]
    fn relative_days() {
        assert_eq!(
            run("Hôm qua, Công an tỉnh tổ chức lễ.", Some("2024-03-01")),
            Some(("2024-02-29".into(), Basis::Published))
        );
    }
}
