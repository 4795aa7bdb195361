//! The DOCX package: every XML part is well-formed with bound namespaces, the
//! output is byte-identical across renders, and bad tables are errors, not panics.

#[path = "fixtures/docx_bulletin.rs"]
mod fixture;

use bantin::bulletin::{Block, Bulletin};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::io::{Cursor, Read};

fn entries(docx: &[u8]) -> Vec<(String, Vec<u8>, zip::DateTime)> {
    let mut a = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut e = a.by_index(i).unwrap();
            let mut v = Vec::new();
            e.read_to_end(&mut v).unwrap();
            (e.name().to_string(), v, e.last_modified().unwrap())
        })
        .collect()
}

/// Parses `xml` to the end; fails on malformed markup, mismatched end tags,
/// unknown entities and unbound namespace prefixes.
fn check_xml(name: &str, xml: &str) -> usize {
    let mut r = NsReader::from_str(xml);
    let mut elements = 0;
    loop {
        let (ns, ev) = r.read_resolved_event().unwrap_or_else(|e| panic!("{name}: {e}"));
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                elements += 1;
                let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                assert!(
                    !matches!(ns, ResolveResult::Unknown(_))
                        && (!qname.contains(':') || matches!(ns, ResolveResult::Bound(_))),
                    "{name}: unbound prefix on <{qname}>"
                );
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{name}: <{qname}>: {err}"));
                    let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                    if key.contains(':') && !key.starts_with("xmlns") && !key.starts_with("xml:") {
                        let (res, _) = r.resolver().resolve_attribute(a.key);
                        assert!(matches!(res, ResolveResult::Bound(_)), "{name}: unbound attribute {key} on <{qname}>");
                    }
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("{name}: <{qname} {key}>: {err}"));
                }
            }
            Event::GeneralRef(ref g) => {
                let known = matches!(&**g, b"amp" | b"lt" | b"gt" | b"quot" | b"apos");
                assert!(known || g.is_char_ref(), "{name}: unknown entity &{};", String::from_utf8_lossy(g));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    elements
}

#[test]
fn every_xml_part_is_well_formed() {
    let docx = bantin::render::docx::render(&fixture::sample()).unwrap();
    let parts = entries(&docx);
    assert_eq!(parts[0].0, "[Content_Types].xml", "content types come first");
    let mut checked = 0;
    for (name, bytes, _) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(check_xml(name, xml) > 0, "{name} has no elements");
            checked += 1;
        }
    }
    for needed in ["word/document.xml", "word/styles.xml", "docProps/core.xml", "word/header1.xml"] {
        assert!(parts.iter().any(|(n, _, _)| n == needed), "{needed} missing");
    }
    assert!(checked >= 10, "only {checked} XML parts");
    // Every picture is there, as a whole PNG (not the placeholder docx-rs was given).
    let media: Vec<_> = parts.iter().filter(|(n, _, _)| n.starts_with("word/media/")).collect();
    assert!(!media.is_empty(), "a picture");
    for (name, bytes, _) in media {
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        assert!(bytes.ends_with(b"IEND\xae\x42\x60\x82"), "{name} ends with IEND");
    }
}

#[test]
fn hostile_text_still_gives_well_formed_xml() {
    let mut b = fixture::sample();
    b.header.agency = "CÔNG AN <TỈNH> & \"X\"\u{1}\nPHÒNG PX03".into();
    b.metadata.title = "a < b & c \u{7}".into();
    b.body.insert(0, Block::Paragraph(vec![bantin::bulletin::Span::plain("]]> <!-- &amp; \u{FFFF}")]));
    let docx = bantin::render::docx::render(&b).unwrap();
    for (name, bytes, _) in entries(&docx) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            check_xml(&name, std::str::from_utf8(&bytes).unwrap());
        }
    }
}

#[test]
fn renders_are_byte_identical_within_one_process() {
    let b = fixture::sample();
    let first = bantin::render::docx::render(&b).unwrap();
    // Another document in between must not shift any counter.
    let mut other = fixture::sample();
    other.body.truncate(3);
    other.metadata.created_unix = 1_700_000_000;
    let between = bantin::render::docx::render(&other).unwrap();
    let second = bantin::render::docx::render(&b).unwrap();
    assert!(first == second, "two renders of the same bulletin differ");
    assert_ne!(first, between);
    // And from another thread (docx-rs keeps paragraph ids per thread).
    let third = std::thread::spawn(move || bantin::render::docx::render(&b).unwrap()).join().unwrap();
    assert!(first == third, "a render on another thread differs");
}

#[test]
fn zip_entries_carry_the_metadata_time() {
    let mut b = fixture::sample();
    b.metadata.created_unix = 1_593_950_400; // 2020-07-05T12:00:00Z
    for (name, _, t) in entries(&bantin::render::docx::render(&b).unwrap()) {
        assert_eq!((t.year(), t.month(), t.day(), t.hour(), t.minute()), (2020, 7, 5, 12, 0), "{name}");
    }
}

#[test]
fn a_row_with_the_wrong_number_of_cells_is_an_input_error() {
    let mut b: Bulletin = fixture::sample();
    let at = b.body.iter().position(|x| matches!(x, Block::Table(_))).unwrap();
    if let Block::Table(t) = &mut b.body[at] {
        t.rows[2].pop();
    }
    let e = bantin::render::docx::render(&b).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains(&format!("body[{at}], row 2")) && msg.contains("4 cells"), "{msg}");
    assert_eq!(e.exit_code(), 2);
}

#[test]
fn page_setup_outside_nd30_is_refused() {
    let mut b = fixture::sample();
    b.page.margin_left_mm = 10.0;
    let msg = bantin::render::docx::render(&b).unwrap_err().to_string();
    assert!(msg.contains("margin_left_mm"), "{msg}");
}

#[test]
fn a_long_trich_yeu_breaks_where_the_pdf_breaks_it() {
    let mut b = fixture::sample();
    let summary = "Kết quả phong trào thi đua “Vì an ninh Tổ quốc” và công tác khen thưởng quý II năm 2020";
    b.summary_lines = vec![summary.into()];
    // The PDF: the two lines pdftotext would show, as the layout sets them.
    let pdf_lines: Vec<String> = bantin::layout::layout(&b).unwrap().pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            bantin::layout::Item::Text(run) => Some((run.y, run.text.clone())),
            _ => None,
        })
        .fold(Vec::<(f32, String)>::new(), |mut lines, (y, t)| {
            match lines.last_mut() {
                Some((ly, l)) if (*ly - y).abs() < 0.5 => {
                    l.push(' ');
                    l.push_str(&t);
                }
                _ => lines.push((y, t)),
            }
            lines
        })
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| summary.contains(l.as_str()))
        .collect();
    assert_eq!(pdf_lines.len(), 2, "{pdf_lines:?}");
    assert!(pdf_lines[0].ends_with('”'), "no break inside the quoted name: {pdf_lines:?}");

    let docx = bantin::render::docx::render(&b).unwrap();
    let (_, document, _) = entries(&docx).into_iter().find(|(n, _, _)| n == "word/document.xml").unwrap();
    let document = String::from_utf8(document).unwrap();
    let at = document.find(r#"<w:pStyle w:val="Subtitle" />"#).expect("a Subtitle paragraph");
    let para = &document[at..at + document[at..].find("</w:p>").unwrap()];
    let lines: Vec<String> = para
        .split(r#"<w:br w:type="textWrapping" />"#)
        .map(|part| {
            part.split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| &t[..t.find("</w:t>").unwrap()])
                .collect::<String>()
        })
        .collect();
    assert_eq!(lines, pdf_lines);
}
