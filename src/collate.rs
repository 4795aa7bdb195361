//! Vietnamese collation (ICU4X, locale `vi`): `Bạc Liêu < Bắc Giang`, `Đ…` after `D…`.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use std::cmp::Ordering;
use std::sync::OnceLock;

fn collator() -> &'static CollatorBorrowed<'static> {
    static C: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    C.get_or_init(|| {
        Collator::try_new(icu_locale::locale!("vi").into(), CollatorOptions::default())
            .expect("the vi collation data is compiled in")
    })
}

/// Compares two strings in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Sorts a slice by a string key in Vietnamese order (stable).
pub fn sort_by_key<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_order() {
        let mut v = vec![
            "Bến Tre",
            "Bắc Giang",
            "Bạc Liêu",
            "Cần Thơ",
            "Cao Bằng",
            "Cà Mau",
            "Đà Nẵng",
            "Điện Biên",
            "Eakar",
            "Dương",
        ];
        sort_by_key(&mut v, |s| s);
        assert_eq!(
            v,
            [
                "Bạc Liêu",
                "Bắc Giang",
                "Bến Tre",
                "Cà Mau",
                "Cao Bằng",
                "Cần Thơ",
                "Dương",
                "Đà Nẵng",
                "Điện Biên",
                "Eakar"
            ]
        );
    }
}
