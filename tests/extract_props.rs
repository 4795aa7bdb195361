//! Properties: extraction never panics on any text, evidence is always an exact substring
//! of the NFC body, and the same input always gives the same JSON.

use bantin::article::Article;
use bantin::extract::{explain, extract};
use proptest::prelude::*;

/// Text built from pieces of the genre, so the generator reaches the interesting paths.
fn genre_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Sáng 28.5, ",
        "Chiều ngày 05/6/2020, ",
        "(QNO) - ",
        "Công an tỉnh Khánh Hoà ",
        "trao tặng ",
        "Bằng khen ",
        "của Bộ trưởng Bộ Công an ",
        "cho ",
        "01 ",
        "2.386 ",
        "hai mươi lăm ",
        "tập thể",
        "cá nhân",
        ", ",
        "; ",
        ". ",
        "\n",
        "\n\n",
        "Huân chương Chiến công hạng ",
        "Ba",
        "Cờ thi đua ",
        "5 năm qua ",
        "lượt ",
        "và ",
        "đề nghị ",
        "Thượng tướng Nguyễn Văn A - Thứ trưởng ",
        "“Vì an ninh Tổ quốc”",
        "thừa ủy quyền ",
        "Từ khóa\n",
        "…",
        "đ",
        "Kỷ niệm chương “",
        "Ảnh: T.C",
        "/",
        "-",
        "2025",
        "giai đoạn 2020 - 2025",
        "Đồn Biên phòng",
        "Hồ Chí Minh",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_evidence_is_exact(text in genre_text(), noise in "\\PC{0,80}") {
        for t in [text.clone(), format!("{noise}{text}"), format!("{text}{noise}")] {
            let a = Article::parse("p.txt", t.as_bytes()).unwrap();
            let e = extract(&a);
            for award in &e.awards {
                prop_assert!(a.body.contains(&award.evidence));
            }
            if let Some(ev) = &e.date_evidence {
                prop_assert!(a.body.contains(ev.as_str()));
            }
            let _ = explain(&e);
            prop_assert_eq!(serde_json::to_string(&e).unwrap(), serde_json::to_string(&extract(&a)).unwrap());
        }
    }
}
