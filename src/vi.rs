//! Vietnamese conventions: numbers (`1.277`, `12,5%`), ND30 dates and Roman numerals.

/// Formats an integer with `.` as the thousands separator: `1277` → `1.277`.
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// Formats a decimal with `,` as the decimal separator and `decimals` places,
/// trimming a trailing `,0`: `12.5` → `12,5`, `3.0` → `3`.
pub fn decimal(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let int_part = number(int.parse::<i64>().unwrap_or(0));
    let frac = frac.trim_end_matches('0');
    let sign = if x < 0.0 && (int != "0" || !frac.is_empty()) { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int_part}")
    } else {
        format!("{sign}{int_part},{frac}")
    }
}

/// Formats a percentage with one decimal and no space: `12.5` → `12,5%`.
pub fn percent(p: f64) -> String {
    format!("{}%", decimal(p, 1))
}

/// Upper-case Roman numeral for 1..=3999 (`2` → `II`); other values as digits.
pub fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The ND30 written date: `ngày 05 tháng 01 năm 2026`.
///
/// Days below 10 and months 1–2 take a leading zero (Phụ lục I, Mục II.4).
pub fn nd30_date(year: i32, month: u8, day: u8) -> String {
    let m = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    format!("ngày {day:02} tháng {m} năm {year}")
}

/// The short running-text date: `05/3/2020` (day padded, month from 3 unpadded).
pub fn short_date(year: i32, month: u8, day: u8) -> String {
    let m = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    format!("{day:02}/{m}/{year}")
}

/// Vietnamese letters for `a)`, `b)` … points, in alphabet order (`đ` after `d`).
pub fn point_letter(index: usize) -> String {
    const LETTERS: [&str; 17] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r"];
    LETTERS.get(index).map(|s| s.to_string()).unwrap_or_else(|| (index + 1).to_string())
}

/// Normalises text to NFC (precomposed), the form every stage works on.
pub fn nfc(s: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Upper-cases Vietnamese text (Rust's `to_uppercase` handles every Vietnamese letter).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_vietnamese_separators() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1277), "1.277");
        assert_eq!(number(2386000), "2.386.000");
        assert_eq!(number(-1450), "-1.450");
        assert_eq!(percent(12.5), "12,5%");
        assert_eq!(percent(-3.0), "-3%");
        assert_eq!(decimal(0.04, 1), "0");
    }

    #[test]
    fn nd30_dates_pad_day_and_early_months() {
        assert_eq!(nd30_date(2026, 1, 5), "ngày 05 tháng 01 năm 2026");
        assert_eq!(nd30_date(2020, 6, 5), "ngày 05 tháng 6 năm 2020");
        assert_eq!(nd30_date(2019, 6, 29), "ngày 29 tháng 6 năm 2019");
        assert_eq!(short_date(2020, 3, 5), "05/3/2020");
    }

    #[test]
    fn roman_and_points() {
        assert_eq!(roman(2), "II");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(point_letter(4), "đ");
    }

    #[test]
    fn nfc_composes_decomposed_text() {
        let nfd = "Be\u{302}\u{301}n Tre";
        assert_eq!(nfc(nfd), "Bến Tre");
    }
}
