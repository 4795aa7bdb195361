//! The award taxonomy of Luật Thi đua, khen thưởng 2022: recognising a form where the text
//! names it and writing its standard name (with class), and who may grant it.

use super::text::{at_word_bounds, find_word};
use std::ops::Range;

/// The kind of an award form; decides standard naming, grantors and recipients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Huân chương (orders).
    Order,
    /// Huy chương (medals).
    Medal,
    /// Danh hiệu vinh dự nhà nước (Anh hùng …).
    Hero,
    /// Cờ thi đua (emulation flags): collectives only.
    Flag,
    /// Bằng khen (certificates of merit).
    Merit,
    /// Giấy khen (certificates of commendation).
    Commendation,
    /// Chiến sĩ thi đua (emulation soldier titles): individuals only.
    EmulationSoldier,
    /// Titles for collectives (Đơn vị quyết thắng, Đơn vị tiên tiến, Tập thể lao động …).
    UnitTitle,
    /// Titles for individuals (Chiến sĩ tiên tiến, Lao động tiên tiến).
    PersonTitle,
    /// Kỷ niệm chương (commemorative medals).
    Commemorative,
    /// Honouring as a model (vinh danh, tuyên dương điển hình tiên tiến): no legal form.
    Honour,
    /// "khen thưởng" with no form named.
    Generic,
}

impl Family {
    /// Who receives this family: `(collectives, individuals)` possible.
    pub fn sides(self) -> (bool, bool) {
        match self {
            Family::Flag | Family::UnitTitle => (true, false),
            Family::EmulationSoldier | Family::PersonTitle => (false, true),
            _ => (true, true),
        }
    }

    /// True for "khen thưởng" and honouring, which name no form.
    pub fn is_generic(self) -> bool {
        matches!(self, Family::Generic | Family::Honour)
    }
}

/// One form named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Its family.
    pub family: Family,
    /// Standard name when the text fixes it (`Huân chương Chiến công hạng Ba`); families whose
    /// name depends on the grantor (Cờ, Bằng khen, Giấy khen) get it from [`name_with`].
    pub name: String,
}

const ORDERS: &[(&str, &str, bool)] = &[
    ("sao vàng", "Sao vàng", false),
    ("hồ chí minh", "Hồ Chí Minh", false),
    ("độc lập", "Độc lập", true),
    ("quân công", "Quân công", true),
    ("lao động", "Lao động", true),
    ("bảo vệ tổ quốc", "Bảo vệ Tổ quốc", true),
    ("chiến công", "Chiến công", true),
    ("đại đoàn kết dân tộc", "Đại đoàn kết dân tộc", false),
    ("dũng cảm", "Dũng cảm", false),
    ("hữu nghị", "Hữu nghị", false),
];

const MEDALS: &[(&str, &str, bool)] = &[
    ("quân kỳ quyết thắng", "Quân kỳ quyết thắng", false),
    ("vì an ninh tổ quốc", "Vì an ninh Tổ quốc", false),
    ("chiến sĩ vẻ vang", "Chiến sĩ vẻ vang", true),
    ("hữu nghị", "Hữu nghị", false),
];

/// Keywords that start a form mention (folded), with the family they open.
pub const KEYWORDS: &[&str] = &[
    "huân chương",
    "huy chương",
    "anh hùng",
    "cờ",
    "bằng khen",
    "giấy khen",
    "chiến sĩ thi đua",
    "chiến sĩ tiên tiến",
    "lao động tiên tiến",
    "đơn vị quyết thắng",
    "đơn vị tiên tiến",
    "tập thể lao động xuất sắc",
    "tập thể lao động tiên tiến",
    "kỷ niệm chương",
    "khen thưởng",
    "vinh danh",
    "tuyên dương",
];

/// Reads the class after a form: ` hạng Nhất` / `hạng nhì` / `hạng III` / `hạng 3`.
fn class_at(low: &str, at: usize) -> Option<(&'static str, usize)> {
    let rest = low.get(at..)?.strip_prefix(" hạng ")?;
    let word: &str = rest.split(|c: char| !c.is_alphanumeric()).next()?;
    let class = match word {
        "nhất" | "i" | "1" => "Nhất",
        "nhì" | "ii" | "2" => "Nhì",
        "ba" | "iii" | "3" => "Ba",
        _ => return None,
    };
    Some((class, at + " hạng ".len() + word.len()))
}

fn named(low: &str, at: usize, head: &str, table: &[(&str, &str, bool)]) -> Option<(String, usize)> {
    let rest = low.get(at..)?.strip_prefix(' ')?;
    for (key, name, classed) in table {
        if rest.starts_with(key) && at_word_bounds(low, &(at + 1..at + 1 + key.len())) {
            let end = at + 1 + key.len();
            if *classed {
                if let Some((class, e)) = class_at(low, end) {
                    return Some((format!("{head} {name} hạng {class}"), e));
                }
            }
            return Some((format!("{head} {name}"), end));
        }
    }
    None
}

/// Reads the form mention opened by `keyword` at byte `at` of the folded text `low`
/// (whose clause ends at `end`). `body` is the original text, for quoted names.
pub fn mention_at(body: &str, low: &str, at: usize, keyword: &str, end: usize) -> Option<Mention> {
    let kend = at + keyword.len();
    let m = |family, name: String, stop: usize| Some(Mention { range: at..stop, family, name });
    match keyword {
        "huân chương" => match named(low, kend, "Huân chương", ORDERS) {
            Some((name, e)) => m(Family::Order, name, e),
            None => m(Family::Order, "Huân chương".into(), kend),
        },
        "huy chương" => {
            let (name, e) = named(low, kend, "Huy chương", MEDALS)?; // sports medals are not awards
            m(Family::Medal, name, e)
        }
        "anh hùng" => {
            let rest = low.get(kend..)?;
            for key in [" lực lượng vũ trang nhân dân", " llvt nhân dân", " llvtnd", " lực lượng vũ trang"]
            {
                if rest.starts_with(key) {
                    return m(Family::Hero, "Anh hùng Lực lượng vũ trang nhân dân".into(), kend + key.len());
                }
            }
            if !rest.starts_with(" lao động") {
                return None;
            }
            m(Family::Hero, "Anh hùng Lao động".into(), kend + " lao động".len())
        }
        "cờ" => {
            let rest = low.get(kend..)?;
            let ok = [" thi đua", " đơn vị", " dẫn đầu", " xuất sắc"].iter().any(|k| rest.starts_with(k));
            if !ok {
                return None;
            }
            let e = kend + if rest.starts_with(" thi đua") { " thi đua".len() } else { 0 };
            m(Family::Flag, "Cờ thi đua".into(), e)
        }
        "bằng khen" => m(Family::Merit, "Bằng khen".into(), kend),
        "giấy khen" => m(Family::Commendation, "Giấy khen".into(), kend),
        "chiến sĩ thi đua" => {
            let rest = low.get(kend..end.max(kend)).unwrap_or("");
            let (name, len) = if rest.starts_with(" toàn quốc") {
                ("Chiến sĩ thi đua toàn quốc", " toàn quốc".len())
            } else if rest.starts_with(" toàn quân") {
                ("Chiến sĩ thi đua toàn quân", " toàn quân".len())
            } else if rest.starts_with(" toàn lực lượng công an nhân dân") || rest.starts_with(" toàn lực lượng cand")
            {
                ("Chiến sĩ thi đua toàn lực lượng Công an nhân dân", 0)
            } else if rest.starts_with(" cấp bộ") || rest.starts_with(" bộ công an") {
                ("Chiến sĩ thi đua cấp bộ", " cấp bộ".len())
            } else if rest.starts_with(" cấp tỉnh") {
                ("Chiến sĩ thi đua cấp tỉnh", " cấp tỉnh".len())
            } else if rest.starts_with(" cơ sở") || rest.starts_with(" cấp cơ sở") {
                ("Chiến sĩ thi đua cơ sở", if rest.starts_with(" cơ sở") { " cơ sở".len() } else { " cấp cơ sở".len() })
            } else {
                ("Chiến sĩ thi đua", 0)
            };
            m(Family::EmulationSoldier, name.into(), kend + len)
        }
        "chiến sĩ tiên tiến" => m(Family::PersonTitle, "Chiến sĩ tiên tiến".into(), kend),
        "lao động tiên tiến" => {
            if low[..at].ends_with("tập thể ") {
                return None;
            }
            m(Family::PersonTitle, "Lao động tiên tiến".into(), kend)
        }
        "đơn vị quyết thắng" => m(Family::UnitTitle, "Đơn vị quyết thắng".into(), kend),
        "đơn vị tiên tiến" => m(Family::UnitTitle, "Đơn vị tiên tiến".into(), kend),
        "tập thể lao động xuất sắc" => m(Family::UnitTitle, "Tập thể lao động xuất sắc".into(), kend),
        "tập thể lao động tiên tiến" => m(Family::UnitTitle, "Tập thể lao động tiên tiến".into(), kend),
        "kỷ niệm chương" => {
            let (name, e) = commemorative_name(body, low, kend, end);
            m(Family::Commemorative, name, e)
        }
        "khen thưởng" => m(Family::Generic, "Khen thưởng".into(), kend),
        "vinh danh" | "tuyên dương" => {
            let clause = low.get(at..end).unwrap_or("");
            let name = if clause.contains("điển hình") { "Điển hình tiên tiến" } else { "Tuyên dương" };
            m(Family::Honour, name.into(), kend)
        }
        _ => None,
    }
}

/// `Kỷ niệm chương “Vì sự nghiệp …”` or `Kỷ niệm chương Vì sự nghiệp … cho`.
fn commemorative_name(body: &str, low: &str, kend: usize, end: usize) -> (String, usize) {
    let rest = body.get(kend..end.max(kend)).unwrap_or("");
    let trimmed = rest.trim_start();
    let lead = rest.len() - trimmed.len();
    if let Some(q) = trimmed.strip_prefix(['“', '"']) {
        if let Some(close) = q.find(['”', '"']) {
            let name = q[..close].trim();
            let open_len = trimmed.len() - q.len();
            let close_len = q[close..].chars().next().map_or(1, char::len_utf8);
            return (format!("Kỷ niệm chương “{name}”"), kend + lead + open_len + close + close_len);
        }
    }
    let lrest = low.get(kend..end.max(kend)).unwrap_or("");
    if lrest.starts_with(" vì ") {
        let stop = [" cho ", " của ", ",", ";", ".", " tặng"]
            .iter()
            .filter_map(|s| lrest.find(s))
            .min()
            .unwrap_or(lrest.len())
            .min(80);
        let stop = rest.floor_char_boundary(stop);
        return (format!("Kỷ niệm chương {}", rest[..stop].trim()), kend + stop);
    }
    ("Kỷ niệm chương".into(), kend)
}

/// Grantor phrases (folded) and the canonical grantor each names.
pub const GRANTORS: &[(&str, &str)] = &[
    ("chủ tịch nước", "Chủ tịch nước"),
    ("thủ tướng chính phủ", "Thủ tướng Chính phủ"),
    ("thủ tướng", "Thủ tướng Chính phủ"),
    ("chính phủ", "Thủ tướng Chính phủ"),
    ("bộ trưởng bộ công an", "Bộ trưởng Bộ Công an"),
    ("bộ công an", "Bộ trưởng Bộ Công an"),
    ("bộ trưởng bộ quốc phòng", "Bộ trưởng Bộ Quốc phòng"),
    ("bộ quốc phòng", "Bộ trưởng Bộ Quốc phòng"),
    ("chủ tịch ubnd tỉnh", "Chủ tịch UBND tỉnh"),
    ("chủ tịch ủy ban nhân dân tỉnh", "Chủ tịch UBND tỉnh"),
    ("ubnd tỉnh", "Chủ tịch UBND tỉnh"),
    ("ủy ban nhân dân tỉnh", "Chủ tịch UBND tỉnh"),
    ("chủ tịch ubnd thành phố", "Chủ tịch UBND thành phố"),
    ("chủ tịch ủy ban nhân dân thành phố", "Chủ tịch UBND thành phố"),
    ("ubnd thành phố", "Chủ tịch UBND thành phố"),
    ("ubnd tp", "Chủ tịch UBND thành phố"),
    ("ủy ban nhân dân thành phố", "Chủ tịch UBND thành phố"),
    ("chủ tịch ubnd huyện", "Chủ tịch UBND huyện"),
    ("ubnd huyện", "Chủ tịch UBND huyện"),
    ("ủy ban nhân dân huyện", "Chủ tịch UBND huyện"),
    ("chủ tịch ubnd xã", "Chủ tịch UBND xã"),
    ("ubnd xã", "Chủ tịch UBND xã"),
    ("ủy ban nhân dân xã", "Chủ tịch UBND xã"),
    ("giám đốc công an tỉnh", "Giám đốc Công an tỉnh"),
    ("giám đốc công an thành phố", "Giám đốc Công an thành phố"),
    ("giám đốc công an tp", "Giám đốc Công an thành phố"),
    ("công an tỉnh", "Giám đốc Công an tỉnh"),
    ("công an thành phố", "Giám đốc Công an thành phố"),
    ("bộ tư lệnh bộ đội biên phòng", "Tư lệnh Bộ đội Biên phòng"),
    ("tư lệnh bộ đội biên phòng", "Tư lệnh Bộ đội Biên phòng"),
    ("bộ tư lệnh bđbp", "Tư lệnh Bộ đội Biên phòng"),
    ("chỉ huy trưởng bộ chỉ huy bộ đội biên phòng tỉnh", "Chỉ huy trưởng Bộ đội Biên phòng tỉnh"),
    ("bộ chỉ huy bộ đội biên phòng tỉnh", "Chỉ huy trưởng Bộ đội Biên phòng tỉnh"),
    ("bộ chỉ huy bđbp tỉnh", "Chỉ huy trưởng Bộ đội Biên phòng tỉnh"),
    ("bđbp tỉnh", "Chỉ huy trưởng Bộ đội Biên phòng tỉnh"),
    ("chỉ huy trưởng bộ chỉ huy quân sự tỉnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
    ("bộ chỉ huy quân sự tỉnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
    ("bộ chqs tỉnh", "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh"),
    ("tư lệnh quân khu", "Tư lệnh Quân khu"),
    ("bộ tư lệnh quân khu", "Tư lệnh Quân khu"),
    ("các cấp", "các cấp"),
];

/// Whether `grantor` may grant a form of `family` (`name` refines Chiến sĩ thi đua).
pub fn may_grant(family: Family, name: &str, grantor: &str) -> bool {
    let minister = grantor.starts_with("Bộ trưởng");
    let province = grantor == "Chủ tịch UBND tỉnh" || grantor == "Chủ tịch UBND thành phố";
    let head = grantor.starts_with("Giám đốc")
        || grantor.starts_with("Chỉ huy trưởng")
        || grantor.starts_with("Tư lệnh")
        || grantor == "Chủ tịch UBND huyện"
        || grantor == "Chủ tịch UBND xã";
    match family {
        Family::Order | Family::Medal | Family::Hero => grantor == "Chủ tịch nước",
        Family::Flag => grantor == "Thủ tướng Chính phủ" || minister || province,
        Family::Merit => grantor == "Thủ tướng Chính phủ" || minister || province || grantor.starts_with("Tư lệnh"),
        Family::Commendation => head || grantor == "các cấp",
        Family::EmulationSoldier => match name {
            "Chiến sĩ thi đua toàn quốc" => grantor == "Thủ tướng Chính phủ",
            "Chiến sĩ thi đua cấp bộ" => minister,
            "Chiến sĩ thi đua cấp tỉnh" => province,
            "Chiến sĩ thi đua cơ sở" => head,
            _ => grantor != "Chủ tịch nước",
        },
        Family::UnitTitle | Family::PersonTitle => grantor != "Chủ tịch nước",
        Family::Commemorative => minister,
        Family::Honour | Family::Generic => true,
    }
}

/// The grantor the law assigns when the text names none.
pub fn default_grantor(family: Family, name: &str) -> Option<&'static str> {
    match family {
        Family::Order | Family::Medal | Family::Hero => Some("Chủ tịch nước"),
        Family::EmulationSoldier if name == "Chiến sĩ thi đua toàn quốc" => Some("Thủ tướng Chính phủ"),
        _ => None,
    }
}

/// The standard form name for a mention given its grantor(s).
pub fn name_with(m: &Mention, grantors: &[&str]) -> String {
    let [g] = grantors else { return m.name.clone() };
    match m.family {
        Family::Flag => match *g {
            "Thủ tướng Chính phủ" => "Cờ thi đua của Chính phủ".into(),
            "Bộ trưởng Bộ Công an" => "Cờ thi đua của Bộ Công an".into(),
            "Bộ trưởng Bộ Quốc phòng" => "Cờ thi đua của Bộ Quốc phòng".into(),
            "Chủ tịch UBND tỉnh" => "Cờ thi đua của UBND tỉnh".into(),
            "Chủ tịch UBND thành phố" => "Cờ thi đua của UBND thành phố".into(),
            _ => m.name.clone(),
        },
        Family::Merit | Family::Commendation => format!("{} của {g}", m.name),
        _ => m.name.clone(),
    }
}

/// True when a form of this name can be written without a grantor and still be standard.
pub fn is_complete(m: &Mention) -> bool {
    !matches!(m.family, Family::Flag | Family::Merit | Family::Commendation | Family::Generic | Family::Honour)
}

/// Finds `keyword` forms in a folded clause (used by tests and scanners).
pub fn find_keyword(low: &str, keyword: &str, from: usize) -> Option<usize> {
    find_word(low, keyword, from, low.len())
}

#[cfg(test)]
mod tests {
    use super::super::text::fold;
    use super::*;

    fn first(t: &str) -> Option<Mention> {
        let low = fold(t);
        KEYWORDS
            .iter()
            .filter_map(|k| find_keyword(&low, k, 0).map(|at| (at, k)))
            .min()
            .and_then(|(at, k)| mention_at(t, &low, at, k, t.len()))
    }

    #[test]
    fn standard_names_with_class() {
        assert_eq!(
            first("tặng Huân chương Bảo vệ Tổ quốc hạng Ba cho").unwrap().name,
            "Huân chương Bảo vệ Tổ quốc hạng Ba"
        );
        assert_eq!(first("Huân chương Chiến công hạng nhì").unwrap().name, "Huân chương Chiến công hạng Nhì");
        assert_eq!(first("Huân chương Lao động hạng III").unwrap().name, "Huân chương Lao động hạng Ba");
        assert_eq!(first("Huân chương Chiến công các hạng").unwrap().name, "Huân chương Chiến công");
        assert_eq!(
            first("Huy chương Chiến sĩ vẻ vang hạng Nhất").unwrap().name,
            "Huy chương Chiến sĩ vẻ vang hạng Nhất"
        );
        assert_eq!(first("danh hiệu Anh hùng LLVT nhân dân").unwrap().name, "Anh hùng Lực lượng vũ trang nhân dân");
        assert!(first("giành Huy chương vàng môn bắn súng").is_none());
        assert_eq!(first("danh hiệu Chiến sĩ thi đua cơ sở").unwrap().name, "Chiến sĩ thi đua cơ sở");
        assert_eq!(
            first("Kỷ niệm chương “Vì sự nghiệp bảo vệ an ninh Tổ quốc” cho 9 đồng chí").unwrap().name,
            "Kỷ niệm chương “Vì sự nghiệp bảo vệ an ninh Tổ quốc”"
        );
    }

    #[test]
    fn names_that_depend_on_the_grantor() {
        let m = first("Cờ thi đua").unwrap();
        assert_eq!(name_with(&m, &["Thủ tướng Chính phủ"]), "Cờ thi đua của Chính phủ");
        assert_eq!(name_with(&m, &["Thủ tướng Chính phủ", "Bộ trưởng Bộ Công an"]), "Cờ thi đua");
        let m = first("Bằng khen").unwrap();
        assert_eq!(name_with(&m, &["Bộ trưởng Bộ Công an"]), "Bằng khen của Bộ trưởng Bộ Công an");
        assert!(!may_grant(Family::Commendation, "Giấy khen", "Bộ trưởng Bộ Công an"));
        assert!(may_grant(Family::Commendation, "Giấy khen", "Giám đốc Công an tỉnh"));
        assert!(!may_grant(Family::Order, "Huân chương", "Bộ trưởng Bộ Công an"));
    }
}
