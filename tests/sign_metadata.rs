//! `bantin bulletin --metadata xml` writes the ND30 Phụ lục VI metadata of the bulletin it
//! describes: checked against the PDF's own text and page count, and the template's signer
//! and recipients.

mod common;
use common::*;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// The text of every element of `xml`, by its path (`OutgoingDocument/SignerInfo/FullName`), in order.
fn elements(xml: &str) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut flush = |path: &[String], text: &mut String| {
        if !text.trim().is_empty() {
            out.push((path.join("/"), std::mem::take(text)));
        }
        text.clear();
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                flush(&path, &mut text);
                path.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
            }
            Event::End(_) => {
                flush(&path, &mut text);
                path.pop();
            }
            Event::Text(t) => text.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) => {
                let name: &[u8] = &r;
                text.push_str(match name {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    b"quot" => "\"",
                    _ => "?",
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_xml_describes_the_bulletin_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let run = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--number",
        "7",
        "--date",
        "2021-01-05",
        "--format",
        "pdf",
        "--metadata",
        "xml",
        "-o",
        out_dir,
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let (pdf, xml_path) = (dir.path().join("ban-tin-2020.pdf"), dir.path().join("ban-tin-2020.xml"));
    assert!(stdout.contains(xml_path.to_str().unwrap()), "the XML is listed among the files written: {stdout}");
    let xml = std::fs::read_to_string(&xml_path).unwrap();
    let fields = elements(&xml);
    let one: BTreeMap<&str, &str> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let get = |k: &str| *one.get(format!("OutgoingDocument/{k}").as_str()).unwrap_or_else(|| panic!("{k} in {xml}"));

    // What the PDF itself prints and how many pages it has.
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    let pages: usize = tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(text.contains(&format!("Số: {}/{}", get("CodeNumber"), get("CodeNotation"))), "{text}");
    assert_eq!((get("CodeNumber"), get("CodeNotation")), ("07", "BC-CAT"));
    assert_eq!(get("IssuedDate"), "2021-01-05");
    assert!(text.contains("ngày 05 tháng 01 năm 2021"));
    assert_eq!(get("TypeName"), "BẢN TIN");
    assert!(text.contains(get("TypeName")) && text.contains(get("OrganName")));
    assert_eq!(get("OrganName"), "CÔNG AN TỈNH THÁI BÌNH");
    assert_eq!(get("Subject"), "Kết quả phong trào thi đua “Vì an ninh Tổ quốc” và công tác khen thưởng năm 2020");
    assert!(text.contains(get("Subject")), "the subject is the printed trích yếu");
    assert_eq!(get("Language"), "vi");
    assert_eq!(get("PageAmount"), pages.to_string());
    assert_eq!((get("SignerInfo/Position"), get("SignerInfo/FullName")), ("PHÓ GIÁM ĐỐC", "Nguyễn Văn An"));
    assert!(text.contains("PHÓ GIÁM ĐỐC") && text.contains("Đại tá Nguyễn Văn An"));
    let to: Vec<&str> =
        fields.iter().filter(|(k, _)| k == "OutgoingDocument/To/OrganName").map(|(_, v)| v.as_str()).collect();
    assert_eq!(to, ["Cục Công tác đảng và công tác chính trị", "Đồng chí Giám đốc", "Công an các đơn vị, địa phương"]);
    for r in &to {
        assert!(text.contains(r), "recipient {r} is printed");
    }
    assert_eq!(get("Priority"), "0");
}

#[test]
fn the_library_gives_the_same_fields_and_their_xmp() {
    let mut bulletin = bulletin_for(&synthetic_events(300), bantin::geo::Grid::Old63);
    bulletin.header.number_line = "Số: 12/BC-CAT-PV01".into();
    bulletin.closing.signer_titles = vec!["GIÁM ĐỐC".into()];
    bulletin.closing.signer_name = "Thiếu tướng Trần Văn Bình".into();
    bulletin.closing.recipients = vec!["- Bộ Công an (để b/c);".into(), "- A & B <C>;".into(), "- Lưu: VT.".into()];
    let pages = bantin::layout(&bulletin).unwrap().pages.len();
    assert!(pages >= 2);
    let meta = bantin::sign::metadata::DocumentMetadata::of(&bulletin).unwrap();
    assert_eq!(meta.page_amount, pages);
    assert_eq!((meta.code_number.as_str(), meta.code_notation.as_str()), ("12", "BC-CAT-PV01"));
    assert_eq!((meta.signer_position.as_str(), meta.signer_full_name.as_str()), ("GIÁM ĐỐC", "Trần Văn Bình"));
    assert_eq!(meta.to, ["Bộ Công an", "A & B <C>"]);
    assert_eq!(meta.issued_date, "2020-07-01");

    // The XML escapes what it must and reads back to the same values.
    let fields = elements(&meta.to_xml());
    assert!(fields.contains(&("OutgoingDocument/To/OrganName".into(), "A & B <C>".into())), "{fields:?}");

    // The XMP fragments are well-formed inside an rdf:RDF and carry every field.
    let rdf = "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"";
    let packet = format!("<rdf:RDF {rdf}>{}{}</rdf:RDF>", meta.xmp_properties(), meta.xmp_extension_schema());
    let xmp = elements(&packet);
    let value = |name: &str| {
        xmp.iter().find(|(k, _)| k.ends_with(&format!("nd30:{name}"))).map(|(_, v)| v.as_str()).unwrap_or("")
    };
    assert_eq!(value("CodeNumber"), "12");
    assert_eq!(value("PageAmount"), pages.to_string());
    assert_eq!(value("SignerFullName"), "Trần Văn Bình");
    let listed: Vec<&str> =
        xmp.iter().filter(|(k, _)| k.ends_with("nd30:To/rdf:Seq/rdf:li")).map(|(_, v)| v.as_str()).collect();
    assert_eq!(listed, ["Bộ Công an", "A & B <C>"]);
    let declared = xmp.iter().filter(|(k, _)| k.ends_with("pdfaProperty:name")).count();
    assert_eq!(declared, 12, "the extension schema declares every property");
    assert!(packet.contains(bantin::sign::metadata::XMP_NAMESPACE));
}
