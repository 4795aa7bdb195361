//! Deterministic synthetic events, for benchmarks, size budgets and layout tests.

use crate::event::{Award, Basis, Event, EventDate, Scope, Source};
use crate::geo::{self, Grid};

const FORMS: [(&str, &str); 5] = [
    ("Bằng khen", "Bộ trưởng Bộ Công an"),
    ("Giấy khen", "Giám đốc Công an tỉnh"),
    ("Cờ thi đua của Bộ Công an", "Bộ trưởng Bộ Công an"),
    ("Huân chương Bảo vệ Tổ quốc hạng Ba", "Chủ tịch nước"),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
];

/// `n` relevant events spread over the 63 old provinces and the three months
/// starting at `(year, first_month)`, each with one or two award lines.
/// The same arguments always give the same events.
pub fn events(n: usize, year: i32, first_month: u8) -> Vec<Event> {
    let provinces = geo::names(Grid::Old63);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % m.max(1)
    };
    (0..n)
        .map(|i| {
            let province = provinces[i % provinces.len()];
            let month = first_month + (next(3) as u8);
            let day = 1 + next(28) as u8;
            let lines = 1 + next(2) as usize;
            let awards = (0..lines)
                .map(|_| {
                    let (form, grantor) = FORMS[next(FORMS.len() as u64) as usize];
                    Award {
                        form: form.into(),
                        grantor: Some(grantor.into()),
                        collectives: Some(next(12) as u32),
                        individuals: Some(1 + next(40) as u32),
                        combined: None,
                        scope: Scope::Event,
                        evidence: format!("{form} cho các tập thể và cá nhân."),
                    }
                })
                .collect();
            Event {
                id: format!("sample-{i:06}"),
                source: Source { file: format!("sample/{i:06}.txt"), ..Default::default() },
                relevant: true,
                kind: Some("hội nghị điển hình tiên tiến".into()),
                date: EventDate::ymd(year, month.min(12), day).ok(),
                date_basis: Some(Basis::Text),
                province: Some(province.to_string()),
                province_basis: Some(Basis::Text),
                movements: vec!["Vì an ninh Tổ quốc".into()],
                awards,
                ..Default::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic_and_valid() {
        let a = super::events(100, 2020, 4);
        assert_eq!(a, super::events(100, 2020, 4));
        assert!(a.iter().all(|e| e.date.is_some_and(|d| d.validate().is_ok() && (4..=6).contains(&d.month.unwrap()))));
    }
}
