//! Document-management metadata of an outgoing document (Nghị định 30/2020/NĐ-CP,
//! Phụ lục VI, Phần II, Mục I): the fields records systems file a document under,
//! written beside the PDF as `.xml` and given as XMP properties for the PDF itself.
//!
//! ```
//! # fn main() -> bantin::Result<()> {
//! # let events = bantin::sample::events(20, 2020, 4);
//! # let period = bantin::period::Period::parse("2020-Q2").unwrap();
//! # let (_, bulletin) = bantin::bulletin_from_events(&events, &period, &Default::default(), &bantin::Settings::new(1_593_561_600))?;
//! let meta = bantin::sign::metadata::DocumentMetadata::of(&bulletin)?;
//! assert_eq!(meta.code_notation, "BC-CAT");
//! let xml = meta.to_xml();
//! assert!(xml.contains("<PageAmount>"));
//! # Ok(()) }
//! ```

use crate::bulletin::Bulletin;
use crate::error::Result;

/// Military and police ranks that may precede a signer's name (ND30 lets the armed forces print them).
const RANKS: [&str; 12] = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Thượng úy",
    "Trung úy",
    "Thiếu úy",
];

/// Authority abbreviations before a title (Phụ lục I, II.7(b)).
const AUTHORITIES: [&str; 5] = ["TM.", "KT.", "Q.", "TL.", "TUQ."];

/// The XMP namespace of the properties [`DocumentMetadata::xmp_properties`] writes.
pub const XMP_NAMESPACE: &str = "urn:bantin:nd30:phu-luc-vi:1.0#";
/// The prefix used for [`XMP_NAMESPACE`].
pub const XMP_PREFIX: &str = "nd30";

/// The Phụ lục VI fields of an outgoing document (the names are the decree's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMetadata {
    /// TypeName: tên loại văn bản, e.g. `BẢN TIN`.
    pub type_name: String,
    /// CodeNumber: số của văn bản, e.g. `05`.
    pub code_number: String,
    /// CodeNotation: ký hiệu của văn bản, e.g. `BC-CAT`.
    pub code_notation: String,
    /// IssuedDate: ngày ban hành, ISO 8601 (`YYYY-MM-DD`).
    pub issued_date: String,
    /// OrganName: tên cơ quan ban hành.
    pub organ_name: String,
    /// Subject: trích yếu nội dung.
    pub subject: String,
    /// Language: ngôn ngữ (`vi`).
    pub language: String,
    /// PageAmount: số trang của văn bản.
    pub page_amount: usize,
    /// SignerInfo/Position: chức vụ của người ký (without `KT.`, `TM.` …).
    pub signer_position: String,
    /// SignerInfo/FullName: họ và tên người ký (without the rank).
    pub signer_full_name: String,
    /// To/OrganName: nơi nhận, one a recipient (the `Lưu:` line is not a recipient).
    pub to: Vec<String>,
    /// Priority: mức độ khẩn, độ mật (0: thường).
    pub priority: u8,
}

impl DocumentMetadata {
    /// The metadata of `bulletin`, its page count from the PDF layout.
    pub fn of(bulletin: &Bulletin) -> Result<DocumentMetadata> {
        let pages = crate::layout::layout(bulletin)?.pages.len();
        Ok(DocumentMetadata::from_bulletin(bulletin, pages))
    }

    /// The metadata of `bulletin` laid out on `page_amount` pages.
    pub fn from_bulletin(bulletin: &Bulletin, page_amount: usize) -> DocumentMetadata {
        let h = &bulletin.header;
        let number = h.number_line.trim();
        let number = number.strip_prefix("Số:").or_else(|| number.strip_prefix("Số")).unwrap_or(number).trim();
        let (code_number, code_notation) = number.split_once('/').unwrap_or((number, ""));
        let c = &bulletin.closing;
        let position = c.signer_titles.last().map(|t| {
            let t = t.trim();
            AUTHORITIES.iter().find_map(|a| t.strip_prefix(a)).unwrap_or(t).trim().to_string()
        });
        let name = c.signer_name.trim();
        let full_name = RANKS.iter().find_map(|r| name.strip_prefix(r)).unwrap_or(name).trim();
        DocumentMetadata {
            type_name: bulletin.doc_type.clone(),
            code_number: code_number.trim().to_string(),
            code_notation: code_notation.trim().to_string(),
            issued_date: issued_date(&h.place_date)
                .unwrap_or_else(|| super::iso_vietnam(bulletin.metadata.created_unix)[..10].to_string()),
            organ_name: one_line(&h.agency),
            subject: one_line(&bulletin.summary_lines.join(" ")),
            language: "vi".into(),
            page_amount,
            signer_position: position.unwrap_or_default(),
            signer_full_name: full_name.to_string(),
            to: c.recipients.iter().filter_map(|r| recipient(r)).collect(),
            priority: 0,
        }
    }

    /// The metadata as an XML document (UTF-8), elements named as in Phụ lục VI.
    pub fn to_xml(&self) -> String {
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.push_str("<!-- Dữ liệu đặc tả văn bản đi (Phụ lục VI, Nghị định 30/2020/NĐ-CP) -->\n<OutgoingDocument>\n");
        let mut el = |name: &str, value: &str, indent: &str| {
            x.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(value)));
        };
        el("TypeName", &self.type_name, "  ");
        el("CodeNumber", &self.code_number, "  ");
        el("CodeNotation", &self.code_notation, "  ");
        el("IssuedDate", &self.issued_date, "  ");
        el("OrganName", &self.organ_name, "  ");
        el("Subject", &self.subject, "  ");
        el("Language", &self.language, "  ");
        el("PageAmount", &self.page_amount.to_string(), "  ");
        x.push_str("  <SignerInfo>\n");
        x.push_str(&format!("    <Position>{}</Position>\n", escape(&self.signer_position)));
        x.push_str(&format!("    <FullName>{}</FullName>\n", escape(&self.signer_full_name)));
        x.push_str("  </SignerInfo>\n");
        for to in &self.to {
            x.push_str(&format!("  <To>\n    <OrganName>{}</OrganName>\n  </To>\n", escape(to)));
        }
        x.push_str(&format!("  <Priority>{}</Priority>\n</OutgoingDocument>\n", self.priority));
        x
    }

    /// The same fields as XMP properties: one `rdf:Description` (namespace
    /// [`XMP_NAMESPACE`], prefix [`XMP_PREFIX`]) to put inside the `rdf:RDF` of the
    /// PDF's XMP metadata packet.
    pub fn xmp_properties(&self) -> String {
        let p = XMP_PREFIX;
        let mut x = format!("<rdf:Description rdf:about=\"\" xmlns:{p}=\"{XMP_NAMESPACE}\">\n");
        for (name, value) in self.simple_properties() {
            x.push_str(&format!("  <{p}:{name}>{}</{p}:{name}>\n", escape(&value)));
        }
        x.push_str(&format!("  <{p}:To>\n    <rdf:Seq>\n"));
        for to in &self.to {
            x.push_str(&format!("      <rdf:li>{}</rdf:li>\n", escape(to)));
        }
        x.push_str(&format!("    </rdf:Seq>\n  </{p}:To>\n</rdf:Description>\n"));
        x
    }

    /// The PDF/A extension schema that declares the properties of
    /// [`DocumentMetadata::xmp_properties`] (ISO 19005-1, 6.7.8): another
    /// `rdf:Description` for the same packet, needed when the PDF claims PDF/A.
    pub fn xmp_extension_schema(&self) -> String {
        let mut props = String::new();
        for (name, _) in self.simple_properties() {
            let kind = if matches!(name, "PageAmount" | "Priority") { "Integer" } else { "Text" };
            props.push_str(&property_description(name, kind));
        }
        props.push_str(&property_description("To", "Seq Text"));
        format!(
            "<rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
             xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
             <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n\
             <pdfaSchema:schema>Dữ liệu đặc tả văn bản đi, Phụ lục VI Nghị định 30/2020/NĐ-CP</pdfaSchema:schema>\n\
             <pdfaSchema:namespaceURI>{XMP_NAMESPACE}</pdfaSchema:namespaceURI>\n\
             <pdfaSchema:prefix>{XMP_PREFIX}</pdfaSchema:prefix>\n\
             <pdfaSchema:property><rdf:Seq>\n{props}</rdf:Seq></pdfaSchema:property>\n\
             </rdf:li></rdf:Bag></pdfaExtension:schemas>\n</rdf:Description>\n"
        )
    }

    /// The one-valued properties, in the decree's order.
    fn simple_properties(&self) -> [(&'static str, String); 11] {
        [
            ("TypeName", self.type_name.clone()),
            ("CodeNumber", self.code_number.clone()),
            ("CodeNotation", self.code_notation.clone()),
            ("IssuedDate", self.issued_date.clone()),
            ("OrganName", self.organ_name.clone()),
            ("Subject", self.subject.clone()),
            ("Language", self.language.clone()),
            ("PageAmount", self.page_amount.to_string()),
            ("SignerPosition", self.signer_position.clone()),
            ("SignerFullName", self.signer_full_name.clone()),
            ("Priority", self.priority.to_string()),
        ]
    }
}

fn property_description(name: &str, kind: &str) -> String {
    format!(
        "<rdf:li rdf:parseType=\"Resource\"><pdfaProperty:name>{name}</pdfaProperty:name>\
         <pdfaProperty:valueType>{kind}</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>\
         <pdfaProperty:description>{name} (Phụ lục VI)</pdfaProperty:description></rdf:li>\n"
    )
}

/// `ngày DD tháng MM năm YYYY` in a place-and-date line, as `YYYY-MM-DD`.
fn issued_date(place_date: &str) -> Option<String> {
    let after = |word: &str| -> Option<u32> {
        let rest = &place_date[place_date.find(word)? + word.len()..];
        rest.split_whitespace().next()?.trim_matches(|c: char| !c.is_ascii_digit()).parse().ok()
    };
    let (d, m, y) = (after("ngày ")?, after("tháng ")?, after("năm ")?);
    ((1..=31).contains(&d) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// A recipient line without its dash, final punctuation and `(để …)` note; `None` for the `Lưu:` line.
fn recipient(line: &str) -> Option<String> {
    let r = line.trim().trim_start_matches(['-', '–', '+']).trim();
    let r = r.trim_end_matches([';', '.', ',']).trim();
    if r.is_empty() || r.starts_with("Lưu") {
        return None;
    }
    let r = match r.rfind(" (để") {
        Some(at) if r.ends_with(')') => &r[..at],
        _ => r,
    };
    Some(r.trim().to_string())
}

/// Line breaks and runs of spaces as single spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for XML content.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_recipients_and_names_are_read_from_the_printed_lines() {
        assert_eq!(issued_date("Thái Bình, ngày 05 tháng 7 năm 2020").as_deref(), Some("2020-07-05"));
        assert_eq!(issued_date("Hà Nội, ngày 05 tháng 01 năm 2020").as_deref(), Some("2020-01-05"));
        assert_eq!(issued_date("Hà Nội"), None);
        assert_eq!(
            recipient("- Cục Công tác đảng và công tác chính trị (để b/c);").as_deref(),
            Some("Cục Công tác đảng và công tác chính trị")
        );
        assert_eq!(recipient("- Công an các đơn vị, địa phương;").as_deref(), Some("Công an các đơn vị, địa phương"));
        assert_eq!(recipient("- Lưu: VT, PX03."), None);
        assert_eq!(escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
