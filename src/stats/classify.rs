//! Classifying award lines by form family and by grantor level, from the free-text
//! `form` and `grantor` strings (any casing, with or without diacritics).

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Award form families, in the order bulletins list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormFamily {
    /// Huân chương (orders).
    HuanChuong,
    /// Huy chương (medals).
    HuyChuong,
    /// Cờ thi đua (emulation flags).
    CoThiDua,
    /// Bằng khen (certificates of merit).
    BangKhen,
    /// Giấy khen (letters of commendation).
    GiayKhen,
    /// Danh hiệu thi đua and danh hiệu vinh dự (Chiến sĩ thi đua, Đơn vị quyết thắng, Anh hùng …).
    DanhHieu,
    /// Kỷ niệm chương and huy hiệu.
    KyNiemChuong,
    /// Anything else (giải thưởng, unnamed forms).
    Khac,
}

impl FormFamily {
    /// Every family in listing order.
    pub const ALL: [FormFamily; 8] = [
        FormFamily::HuanChuong,
        FormFamily::HuyChuong,
        FormFamily::CoThiDua,
        FormFamily::BangKhen,
        FormFamily::GiayKhen,
        FormFamily::DanhHieu,
        FormFamily::KyNiemChuong,
        FormFamily::Khac,
    ];

    /// The Vietnamese label.
    pub fn label(&self) -> &'static str {
        match self {
            FormFamily::HuanChuong => "Huân chương",
            FormFamily::HuyChuong => "Huy chương",
            FormFamily::CoThiDua => "Cờ thi đua",
            FormFamily::BangKhen => "Bằng khen",
            FormFamily::GiayKhen => "Giấy khen",
            FormFamily::DanhHieu => "Danh hiệu thi đua",
            FormFamily::KyNiemChuong => "Kỷ niệm chương",
            FormFamily::Khac => "Hình thức khác",
        }
    }

    /// Classifies a `form` string.
    pub fn classify(form: &str) -> FormFamily {
        let p = plain(form);
        let has = |needles: &[&str]| needles.iter().any(|n| p.contains(n));
        if has(&[" huan chuong "]) {
            FormFamily::HuanChuong
        } else if has(&[" huy chuong "]) {
            FormFamily::HuyChuong
        } else if has(&[" ky niem chuong ", " huy hieu "]) {
            FormFamily::KyNiemChuong
        } else if has(&[" co thi dua "]) {
            FormFamily::CoThiDua
        } else if has(&[" bang khen "]) {
            FormFamily::BangKhen
        } else if has(&[" giay khen "]) {
            FormFamily::GiayKhen
        } else if has(&[
            " chien si thi dua ",
            " chien si tien tien ",
            " lao dong tien tien ",
            " lao dong xuat sac ",
            " don vi quyet thang ",
            " don vi tien tien ",
            " danh hieu ",
            " anh hung ",
        ]) {
            FormFamily::DanhHieu
        } else {
            FormFamily::Khac
        }
    }
}

/// The level of the authority that granted an award.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantorLevel {
    /// Nhà nước (Chủ tịch nước).
    NhaNuoc,
    /// Chính phủ (Thủ tướng Chính phủ).
    ChinhPhu,
    /// Bộ, ngành trung ương (Bộ trưởng Bộ Công an).
    Bo,
    /// Tỉnh, thành phố (Chủ tịch UBND tỉnh).
    Tinh,
    /// Đơn vị (Giám đốc Công an tỉnh, cấp huyện, cấp xã, thủ trưởng đơn vị).
    DonVi,
    /// Not stated and not inferable from the form.
    ChuaXacDinh,
}

impl GrantorLevel {
    /// Every level in listing order.
    pub const ALL: [GrantorLevel; 6] = [
        GrantorLevel::NhaNuoc,
        GrantorLevel::ChinhPhu,
        GrantorLevel::Bo,
        GrantorLevel::Tinh,
        GrantorLevel::DonVi,
        GrantorLevel::ChuaXacDinh,
    ];

    /// The Vietnamese label.
    pub fn label(&self) -> &'static str {
        match self {
            GrantorLevel::NhaNuoc => "Nhà nước",
            GrantorLevel::ChinhPhu => "Chính phủ",
            GrantorLevel::Bo => "Bộ",
            GrantorLevel::Tinh => "Tỉnh",
            GrantorLevel::DonVi => "Đơn vị",
            GrantorLevel::ChuaXacDinh => "Chưa xác định",
        }
    }

    /// Classifies an award line: from `grantor` when it says enough, else from the
    /// `của …` part of the form, else from what the law lets grant the form.
    pub fn classify(grantor: Option<&str>, form: &str) -> GrantorLevel {
        if let Some(level) = grantor.and_then(|g| level_of(&plain(g))) {
            return level;
        }
        let p = plain(form);
        if let Some(level) = p.split_once(" cua ").and_then(|(_, rest)| level_of(&format!(" {rest}"))) {
            return level;
        }
        let has = |needles: &[&str]| needles.iter().any(|n| p.contains(n));
        if has(&[" toan quoc "]) {
            return GrantorLevel::ChinhPhu;
        }
        if has(&[" co so ", " chien si tien tien ", " don vi tien tien ", " lao dong tien tien "]) {
            return GrantorLevel::DonVi;
        }
        match FormFamily::classify(form) {
            FormFamily::HuanChuong | FormFamily::HuyChuong => GrantorLevel::NhaNuoc,
            FormFamily::DanhHieu if has(&[" anh hung "]) => GrantorLevel::NhaNuoc,
            FormFamily::GiayKhen => GrantorLevel::DonVi,
            FormFamily::KyNiemChuong => GrantorLevel::Bo,
            _ => GrantorLevel::ChuaXacDinh,
        }
    }
}

/// The level named by a plain (folded) authority text, if any.
fn level_of(p: &str) -> Option<GrantorLevel> {
    let has = |needles: &[&str]| needles.iter().any(|n| p.contains(n));
    if has(&[" chu tich nuoc ", " nha nuoc ", " quoc hoi "]) {
        Some(GrantorLevel::NhaNuoc)
    } else if has(&[" thu tuong ", " chinh phu "]) {
        Some(GrantorLevel::ChinhPhu)
    } else if has(&[
        " giam doc ",
        " cong an tinh ",
        " cong an thanh pho ",
        " cong an huyen ",
        " cong an xa ",
        " cong an phuong ",
        " cuc truong ",
        " truong phong ",
        " thu truong don vi ",
        " thu truong co quan ",
        " don vi ",
        " huyen ",
        " xa ",
        " phuong ",
        " thi tran ",
    ]) {
        Some(GrantorLevel::DonVi)
    } else if has(&[" tinh ", " ubnd thanh pho ", " uy ban nhan dan thanh pho ", " thanh uy "]) {
        Some(GrantorLevel::Tinh)
    } else if has(&[" bo ", " trung uong "]) {
        Some(GrantorLevel::Bo)
    } else {
        None
    }
}

/// Lower case, no diacritics, `đ` → `d`, words separated by single spaces, padded with spaces.
pub(crate) fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(' ');
    for c in s.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if c == ' ' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        let cases = [
            ("Huân chương Bảo vệ Tổ quốc hạng Ba", FormFamily::HuanChuong),
            ("Huy chương Chiến sĩ vẻ vang hạng Nhất", FormFamily::HuyChuong),
            ("Cờ thi đua của Bộ Công an", FormFamily::CoThiDua),
            ("Bằng khen của Thủ tướng Chính phủ", FormFamily::BangKhen),
            ("GIẤY KHEN", FormFamily::GiayKhen),
            ("Chiến sĩ thi đua cơ sở", FormFamily::DanhHieu),
            ("Đơn vị Quyết thắng", FormFamily::DanhHieu),
            ("Anh hùng Lực lượng vũ trang nhân dân", FormFamily::DanhHieu),
            ("Kỷ niệm chương Vì sự nghiệp bảo vệ an ninh Tổ quốc", FormFamily::KyNiemChuong),
            ("Giải thưởng Hồ Chí Minh", FormFamily::Khac),
            ("", FormFamily::Khac),
        ];
        for (form, want) in cases {
            assert_eq!(FormFamily::classify(form), want, "{form}");
        }
    }

    #[test]
    fn levels() {
        let cases = [
            (Some("Chủ tịch nước"), "Huân chương Chiến công hạng Ba", GrantorLevel::NhaNuoc),
            (None, "Huân chương Chiến công hạng Ba", GrantorLevel::NhaNuoc),
            (None, "Bằng khen của Thủ tướng Chính phủ", GrantorLevel::ChinhPhu),
            (None, "Cờ thi đua của Chính phủ", GrantorLevel::ChinhPhu),
            (Some("Bộ trưởng Bộ Công an"), "Bằng khen", GrantorLevel::Bo),
            (Some("Thứ trưởng Bộ Công an"), "Bằng khen", GrantorLevel::Bo),
            (Some("Chủ tịch UBND tỉnh"), "Bằng khen", GrantorLevel::Tinh),
            (Some("Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam"), "Bằng khen", GrantorLevel::Tinh),
            (Some("Giám đốc Công an tỉnh"), "Giấy khen", GrantorLevel::DonVi),
            (Some("Cục trưởng Cục Công tác đảng, Bộ Công an"), "Giấy khen", GrantorLevel::DonVi),
            (None, "Giấy khen", GrantorLevel::DonVi),
            (None, "Chiến sĩ thi đua toàn quốc", GrantorLevel::ChinhPhu),
            (None, "Bằng khen", GrantorLevel::ChuaXacDinh),
            (Some("ai đó"), "Bằng khen", GrantorLevel::ChuaXacDinh),
        ];
        for (grantor, form, want) in cases {
            assert_eq!(GrantorLevel::classify(grantor, form), want, "{grantor:?} {form}");
        }
    }
}
