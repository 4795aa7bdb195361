//! Gazetteer lookup: all 63 old units, aliases, tone marks, NFD, refusals and suggestions.

use bantin::geo::{self, GeoError, Grid};
use unicode_normalization::UnicodeNormalization;

/// The 63 → 34 mapping written out independently of data/gazetteer.csv (domain.md §2.3).
const MAPPING: [(&str, &str); 63] = [
    ("An Giang", "An Giang"),
    ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Bạc Liêu", "Cà Mau"),
    ("Bắc Giang", "Bắc Ninh"),
    ("Bắc Kạn", "Thái Nguyên"),
    ("Bắc Ninh", "Bắc Ninh"),
    ("Bến Tre", "Vĩnh Long"),
    ("Bình Dương", "Hồ Chí Minh"),
    ("Bình Định", "Gia Lai"),
    ("Bình Phước", "Đồng Nai"),
    ("Bình Thuận", "Lâm Đồng"),
    ("Cà Mau", "Cà Mau"),
    ("Cao Bằng", "Cao Bằng"),
    ("Cần Thơ", "Cần Thơ"),
    ("Đà Nẵng", "Đà Nẵng"),
    ("Đắk Lắk", "Đắk Lắk"),
    ("Đắk Nông", "Lâm Đồng"),
    ("Điện Biên", "Điện Biên"),
    ("Đồng Nai", "Đồng Nai"),
    ("Đồng Tháp", "Đồng Tháp"),
    ("Gia Lai", "Gia Lai"),
    ("Hà Giang", "Tuyên Quang"),
    ("Hà Nam", "Ninh Bình"),
    ("Hà Nội", "Hà Nội"),
    ("Hà Tĩnh", "Hà Tĩnh"),
    ("Hải Dương", "Hải Phòng"),
    ("Hải Phòng", "Hải Phòng"),
    ("Hậu Giang", "Cần Thơ"),
    ("Hòa Bình", "Phú Thọ"),
    ("Hồ Chí Minh", "Hồ Chí Minh"),
    ("Hưng Yên", "Hưng Yên"),
    ("Khánh Hòa", "Khánh Hòa"),
    ("Kiên Giang", "An Giang"),
    ("Kon Tum", "Quảng Ngãi"),
    ("Lai Châu", "Lai Châu"),
    ("Lạng Sơn", "Lạng Sơn"),
    ("Lào Cai", "Lào Cai"),
    ("Lâm Đồng", "Lâm Đồng"),
    ("Long An", "Tây Ninh"),
    ("Nam Định", "Ninh Bình"),
    ("Nghệ An", "Nghệ An"),
    ("Ninh Bình", "Ninh Bình"),
    ("Ninh Thuận", "Khánh Hòa"),
    ("Phú Thọ", "Phú Thọ"),
    ("Phú Yên", "Đắk Lắk"),
    ("Quảng Bình", "Quảng Trị"),
    ("Quảng Nam", "Đà Nẵng"),
    ("Quảng Ngãi", "Quảng Ngãi"),
    ("Quảng Ninh", "Quảng Ninh"),
    ("Quảng Trị", "Quảng Trị"),
    ("Sóc Trăng", "Cần Thơ"),
    ("Sơn La", "Sơn La"),
    ("Tây Ninh", "Tây Ninh"),
    ("Thái Bình", "Hưng Yên"),
    ("Thái Nguyên", "Thái Nguyên"),
    ("Thanh Hóa", "Thanh Hóa"),
    ("Thừa Thiên Huế", "Huế"),
    ("Tiền Giang", "Đồng Tháp"),
    ("Trà Vinh", "Vĩnh Long"),
    ("Tuyên Quang", "Tuyên Quang"),
    ("Vĩnh Long", "Vĩnh Long"),
    ("Vĩnh Phúc", "Phú Thọ"),
    ("Yên Bái", "Lào Cai"),
];

#[test]
fn every_old_unit_maps_to_its_new_unit() {
    assert_eq!(geo::names(Grid::Old63).len(), 63);
    for (old, new) in MAPPING {
        let found = geo::lookup(old).unwrap_or_else(|e| panic!("{old}: {e}"));
        assert_eq!(found, old, "canonical spelling of {old}");
        assert_eq!(geo::on_grid(found, Grid::New34), Some(new), "{old} on the 34 grid");
        assert_eq!(geo::on_grid(found, Grid::Old63), Some(old), "{old} on the 63 grid");
        // With a prefix, in capitals and decomposed.
        let prefixed = format!("tỉnh {old}").to_uppercase().nfd().collect::<String>();
        assert_eq!(geo::lookup(&prefixed).unwrap(), old, "{prefixed}");
    }
    let mut new: Vec<&str> = MAPPING.iter().map(|(_, n)| *n).collect();
    new.sort();
    new.dedup();
    assert_eq!(new.len(), 34);
    let mut grid34 = geo::names(Grid::New34);
    grid34.sort();
    assert_eq!(grid34, new);
}

#[test]
fn the_34_grid_sorts_in_vietnamese_order() {
    let expected = "An Giang, Bắc Ninh, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Điện Biên, Đồng Nai, \
        Đồng Tháp, Gia Lai, Hà Nội, Hà Tĩnh, Hải Phòng, Hồ Chí Minh, Huế, Hưng Yên, Khánh Hòa, Lai Châu, Lạng Sơn, \
        Lào Cai, Lâm Đồng, Nghệ An, Ninh Bình, Phú Thọ, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sơn La, Tây Ninh, \
        Thái Nguyên, Thanh Hóa, Tuyên Quang, Vĩnh Long";
    assert_eq!(geo::sorted_names(Grid::New34).join(", "), expected);
}

#[test]
fn aliases_resolve() {
    let cases = [
        ("TP.HCM", "Hồ Chí Minh"),
        ("TP. HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("tp hồ chí minh", "Hồ Chí Minh"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Dak Lak", "Đắk Lắk"),
        ("Đăk Nông", "Đắk Nông"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Kontum", "Kon Tum"),
        ("Thủ đô Hà Nội", "Hà Nội"),
        ("Ha Noi", "Hà Nội"),
        ("TP. Cần Thơ", "Cần Thơ"),
        ("TP Huế", "Huế"),
        ("Thành phố Huế", "Huế"),
    ];
    for (text, want) in cases {
        assert_eq!(geo::lookup(text).unwrap_or_else(|e| panic!("{text}: {e}")), want, "{text}");
    }
}

#[test]
fn thua_thien_hue_is_hue_on_the_34_grid() {
    for text in ["Thừa Thiên Huế", "Thừa Thiên - Huế", "TT-Huế", "TT.Huế", "tỉnh Thừa Thiên Huế"] {
        let name = geo::lookup(text).unwrap();
        assert_eq!(geo::on_grid(name, Grid::New34), Some("Huế"), "{text}");
        assert_eq!(geo::on_grid(name, Grid::Old63), Some("Thừa Thiên Huế"), "{text}");
    }
    assert_eq!(geo::full_name("Huế", Grid::New34).as_deref(), Some("thành phố Huế"));
    assert_eq!(geo::full_name("Bến Tre", Grid::Old63).as_deref(), Some("tỉnh Bến Tre"));
}

#[test]
fn tone_mark_placement_and_normal_forms_fold() {
    let cases = [
        ("Hoà Bình", "Hòa Bình"),
        ("tỉnh Hoà Bình", "Hòa Bình"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("KHÁNH HOÀ", "Khánh Hòa"),
    ];
    for (text, want) in cases {
        assert_eq!(geo::lookup(text).unwrap(), want, "{text}");
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text);
        assert_eq!(geo::lookup(&nfd).unwrap(), want, "NFD {text}");
    }
    // NFC alone does not merge the two placements: the folding does.
    assert_ne!("Hoà".nfc().collect::<String>(), "Hòa".nfc().collect::<String>());
}

#[test]
fn ambiguous_abbreviations_are_refused() {
    for (text, n) in [("QN", 3), ("ĐN", 2), ("đn", 2), ("DN", 2), ("BD", 2), ("CT", 1), ("tỉnh QN", 3)] {
        match geo::resolve(text) {
            Err(GeoError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), n, "{text}"),
            other => panic!("{text}: expected a refusal, got {other:?}"),
        }
    }
    let msg = geo::lookup("QN").unwrap_err();
    assert!(msg.contains("Quảng Ninh") && msg.contains("Quảng Nam") && msg.contains("Quảng Ngãi"), "{msg}");
}

#[test]
fn unknown_names_suggest_the_nearest() {
    match geo::resolve("Thái Bìn") {
        Err(GeoError::Unknown { suggestions, .. }) => assert_eq!(suggestions.first(), Some(&"Thái Bình")),
        other => panic!("{other:?}"),
    }
    // A wrong tone still names one unit, so it is accepted through the bare key.
    assert_eq!(geo::lookup("Quảng Ngải").unwrap(), "Quảng Ngãi");
    match geo::resolve("Quảng Ngĩa") {
        Err(GeoError::Unknown { suggestions, .. }) => assert_eq!(suggestions.first(), Some(&"Quảng Ngãi")),
        other => panic!("{other:?}"),
    }
    let msg = geo::lookup("Vinh Phuk").unwrap_err();
    assert!(msg.contains("did you mean Vĩnh Phúc"), "{msg}");
    match geo::resolve("Atlantis") {
        Err(GeoError::Unknown { suggestions, .. }) => assert!(suggestions.is_empty(), "{suggestions:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(geo::resolve("  "), Err(GeoError::Empty));
    assert!(matches!(geo::resolve("tỉnh"), Err(GeoError::Unknown { .. })));
}

#[test]
fn bare_keys_do_not_collide_between_units() {
    // Names without diacritics are accepted only because no two units share a bare key.
    let mut seen = std::collections::HashMap::new();
    for name in geo::names(Grid::Old63) {
        let key = geo::bare_key(&geo::tone_key(name));
        assert!(seen.insert(key.clone(), name).is_none(), "{name} collides with {:?}", seen.get(&key));
    }
}

#[test]
fn canonical_names_resolve_to_themselves_written_exactly_or_loosely() {
    for grid in [Grid::Old63, Grid::New34] {
        for name in geo::names(grid) {
            assert_eq!(geo::resolve(name), Ok(name), "exact {name}");
            let loose: String = format!("  {}  ", name.to_lowercase()).nfd().collect();
            assert_eq!(geo::resolve(&loose), Ok(name), "loose {loose:?}");
        }
    }
}
