//! Package writing: docx-rs's XML parts, rewritten for what docx-rs cannot write,
//! zipped once.
//!
//! * `docProps/core.xml` with title, subject, creator (the agency), keywords and
//!   fixed dates from [`Metadata::created_unix`];
//! * `w:tblHeader` on the first row of every data table, so Word and LibreOffice
//!   repeat it on each page;
//! * unique picture ids with alt text (`descr`) listing the chart's figures;
//! * the empty `Normal` style docx-rs always writes is dropped, so ours applies;
//! * header references first in `w:sectPr`, as the schema orders them;
//! * every entry deflated and dated from `created_unix`, so the same input gives
//!   the same bytes.

use super::styles::id;
use crate::bulletin::{Bulletin, Metadata};
use crate::error::{Error, Result};
use docx_rs::XMLDocx;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

fn render_err(message: impl Into<String>) -> Error {
    Error::Render { what: "DOCX package".into(), message: message.into() }
}

/// Escapes text for XML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `created_unix` as a UTC calendar time, or an error naming the field.
fn utc(created_unix: i64) -> Result<chrono::NaiveDateTime> {
    chrono::DateTime::from_timestamp(created_unix, 0).map(|t| t.naive_utc()).ok_or_else(|| {
        Error::input(
            "<bulletin>",
            "metadata.created_unix",
            format!("{created_unix} is not a usable time; set SOURCE_DATE_EPOCH to seconds since 1970"),
        )
    })
}

/// The W3CDTF time stamp of `created_unix`, e.g. `2020-07-05T00:00:00Z`.
pub fn w3cdtf(created_unix: i64) -> Result<String> {
    Ok(utc(created_unix)?.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// The zip entry time for `created_unix` (DOS times run from 1980 to 2107).
fn zip_time(created_unix: i64) -> Result<zip::DateTime> {
    use chrono::{Datelike, Timelike};
    let t = utc(created_unix.clamp(315_532_800, 4_354_819_198))?;
    let (Ok(year), Ok(month), Ok(day)) = (u16::try_from(t.year()), u8::try_from(t.month()), u8::try_from(t.day()))
    else {
        return Err(render_err("zip time stamp out of range"));
    };
    let (h, m, sec) = (t.hour() as u8, t.minute() as u8, t.second() as u8);
    zip::DateTime::from_date_and_time(year, month, day, h, m, sec)
        .map_err(|e| render_err(format!("zip time stamp: {e}")))
}

/// `docProps/core.xml` for `meta`; `agency` stands in for an empty author.
pub fn core_xml(meta: &Metadata, agency: &str) -> Result<String> {
    let when = w3cdtf(meta.created_unix)?;
    let creator = if meta.author.trim().is_empty() { agency } else { meta.author.as_str() };
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let mut el = |tag: &str, v: &str| {
        if !v.trim().is_empty() {
            x.push_str(&format!("<{tag}>{}</{tag}>", escape(v.trim())));
        }
    };
    el("dc:title", &meta.title);
    el("dc:subject", &meta.subject);
    el("dc:creator", creator);
    el("cp:keywords", &meta.keywords.iter().map(|k| k.trim()).collect::<Vec<_>>().join(", "));
    el("dc:language", "vi-VN");
    el("cp:lastModifiedBy", creator);
    x.push_str("<cp:revision>1</cp:revision>");
    x.push_str(&format!(r#"<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>"#));
    x.push_str(&format!(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>"#));
    x.push_str("</cp:coreProperties>");
    Ok(x)
}

/// Marks the first row of every data table as a header row (`w:tblHeader`).
/// Returns the new XML and how many tables were marked.
pub fn mark_header_rows(xml: &str) -> (String, usize) {
    let marker = format!(r#"<w:tblStyle w:val="{}" />"#, id::DATA_TABLE);
    let row_props = "<w:trPr><w:cantSplit /></w:trPr>";
    let mut out = String::with_capacity(xml.len() + 64);
    let mut rest = xml;
    let mut marked = 0;
    while let Some(at) = rest.find(&marker) {
        let after = at + marker.len();
        let Some(rel) = rest[after..].find(row_props) else { break };
        let row = after + rel;
        out.push_str(&rest[..row]);
        out.push_str("<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>");
        rest = &rest[row + row_props.len()..];
        marked += 1;
    }
    out.push_str(rest);
    (out, marked)
}

/// Gives every picture a unique id, a name and its alt text, in document order.
/// Returns the new XML and how many pictures were found.
pub fn describe_pictures(xml: &str, descriptions: &[String]) -> (String, usize) {
    let fixed = r#"<wp:docPr id="1" name="Figure" />"#;
    let mut out = String::with_capacity(xml.len() + descriptions.iter().map(|d| d.len() + 40).sum::<usize>());
    let mut rest = xml;
    let mut n = 0;
    while let Some(at) = rest.find(fixed) {
        out.push_str(&rest[..at]);
        let descr = descriptions.get(n).map(|d| escape(d)).unwrap_or_default();
        n += 1;
        out.push_str(&format!(r#"<wp:docPr id="{n}" name="Hình {n}" descr="{descr}" />"#));
        rest = &rest[at + fixed.len()..];
    }
    out.push_str(rest);
    (out, n)
}

/// Moves `w:headerReference` elements to the start of `w:sectPr`.
pub fn order_section(xml: &str) -> String {
    let (Some(start), Some(end)) = (xml.rfind("<w:sectPr>"), xml.rfind("</w:sectPr>")) else {
        return xml.to_string();
    };
    let inner_start = start + "<w:sectPr>".len();
    if end < inner_start {
        return xml.to_string();
    }
    let inner = &xml[inner_start..end];
    let mut refs = String::new();
    let mut others = String::new();
    let mut rest = inner;
    while let Some(lt) = rest.find('<') {
        others.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find("/>") else { break };
        let el = &rest[lt..lt + gt + 2];
        if el.starts_with("<w:headerReference") || el.starts_with("<w:footerReference") {
            refs.push_str(el);
        } else {
            others.push_str(el);
        }
        rest = &rest[lt + gt + 2..];
    }
    others.push_str(rest);
    format!("{}{refs}{others}{}", &xml[..inner_start], &xml[end..])
}

/// Drops the empty `Normal` style docx-rs writes before ours.
pub fn drop_empty_normal(xml: &str) -> String {
    let empty = r#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;
    xml.replacen(empty, "", 1)
}

/// Empty `w:rPr` elements that docx-rs puts first in every `w:pPr`, out of schema order.
fn drop_empty_ppr_rpr(xml: &str) -> String {
    xml.replace("<w:pPr><w:rPr />", "<w:pPr>")
}

fn utf8(name: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| render_err(format!("{name} is not UTF-8: {e}")))
}

/// What docx-rs stores for figure `index` instead of its PNG.
pub fn placeholder(index: usize) -> Vec<u8> {
    format!("{PLACEHOLDER}{index}").into_bytes()
}

const PLACEHOLDER: &str = "bantin-figure-placeholder-";

/// The figure index a media entry holds a placeholder for.
fn placeholder_index(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes.strip_prefix(PLACEHOLDER.as_bytes())?).ok()?.parse().ok()
}

/// Parts at least this long (bytes) are deflated; shorter ones are stored.
const DEFLATE_FROM: usize = 4096;

/// Deflate level of the parts: the document part of a 40-event bulletin is 85 KB
/// of XML, which level 2 deflates to 7.7 KB instead of the default level's 6.1 KB
/// in well under half the time.
const DEFLATE_LEVEL: i64 = 2;

/// A package entry: its name and its bytes.
type Part = (String, Vec<u8>);

/// A `word/media/` entry: its name and the figure whose PNG it holds.
type Media = (String, usize);

/// The DOCX being written: every XML part is in, the pictures are still to come.
pub struct Package {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    /// The `word/media/` entries, in docx-rs's order.
    media: Vec<Media>,
    /// Options for entries that are stored as they are.
    stored: SimpleFileOptions,
}

impl Package {
    /// Writes docx-rs's parts, rewritten as the module comment says, into a new
    /// package; `figures` is each picture's alt text, in document order.
    /// `picture_room` is a guess of the pictures' size in bytes, so the package
    /// is written into one buffer from the start.
    pub fn start((xml, figures): (XMLDocx, Vec<String>), b: &Bulletin, picture_room: usize) -> Result<Package> {
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(zip_time(b.metadata.created_unix)?)
            .unix_permissions(0o644);
        let stored = options.compression_method(zip::CompressionMethod::Stored).compression_level(None);
        let (parts, media) = rewrite(xml, &figures, b)?;
        // Room for every part as it is (deflated ones only shrink), its headers and the
        // pictures. Room never written costs only address space.
        let room = parts.iter().map(|(n, x)| x.len() + 2 * n.len() + 100).sum::<usize>() + picture_room + 4096;
        let mut package = Package { zip: zip::ZipWriter::new(Cursor::new(Vec::with_capacity(room))), media, stored };
        for (name, bytes) in parts {
            // Small parts are stored: setting up a compressor for each cost more
            // than the few hundred bytes deflating them saves.
            package.add(&name, if bytes.len() >= DEFLATE_FROM { options } else { stored }, &bytes)?;
        }
        Ok(package)
    }

    /// Adds the entry `name` with `bytes`, written with `options`.
    fn add(&mut self, name: &str, options: SimpleFileOptions, bytes: &[u8]) -> Result<()> {
        self.zip.start_file(name, options).map_err(|e| render_err(format!("{name}: {e}")))?;
        self.zip.write_all(bytes).map_err(|e| render_err(format!("{name}: {e}")))
    }

    /// Stores the figures' PNGs (in document order) where docx-rs put their
    /// placeholders, stored as they are (PNG data is deflated already), and
    /// returns the DOCX bytes.
    pub fn finish(mut self, pngs: &[Vec<u8>]) -> Result<Vec<u8>> {
        if self.media.len() != pngs.len() {
            return Err(render_err(format!("expected {} figure images, found {}", pngs.len(), self.media.len())));
        }
        for (name, k) in std::mem::take(&mut self.media) {
            let png = pngs.get(k).ok_or_else(|| render_err(format!("{name}: no figure {k}")))?;
            self.add(&name, self.stored, png)?;
        }
        Ok(self.zip.finish().map_err(|e| render_err(e.to_string()))?.into_inner())
    }
}

/// docx-rs's parts in package order, named and rewritten (core properties, header
/// rows, picture ids and alt text, styles, section order), and each `word/media/`
/// entry's name with the figure whose placeholder it holds.
fn rewrite(xml: XMLDocx, figures: &[String], b: &Bulletin) -> Result<(Vec<Part>, Vec<Media>)> {
    let data_tables = b.body.iter().filter(|x| matches!(x, crate::bulletin::Block::Table(_))).count();
    let document = {
        let xml = drop_empty_ppr_rpr(&utf8("word/document.xml", xml.document)?);
        let (xml, marked) = mark_header_rows(&xml);
        let (xml, pictures) = describe_pictures(&xml, figures);
        if marked != data_tables || pictures != figures.len() {
            return Err(render_err(format!(
                "expected {data_tables} data tables and {} pictures, found {marked} and {pictures}",
                figures.len()
            )));
        }
        order_section(&xml).into_bytes()
    };
    let styles = drop_empty_ppr_rpr(&drop_empty_normal(&utf8("word/styles.xml", xml.styles)?)).into_bytes();
    let mut parts: Vec<Part> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        ("docProps/app.xml".into(), xml.doc_props.app),
        ("docProps/core.xml".into(), core_xml(&b.metadata, &b.header.agency)?.into_bytes()),
        ("docProps/custom.xml".into(), xml.doc_props.custom),
        ("word/_rels/document.xml.rels".into(), xml.document_rels),
        ("word/document.xml".into(), document),
        ("word/styles.xml".into(), styles),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/comments.xml".into(), xml.comments),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
        ("word/footnotes.xml".into(), xml.footnotes),
    ];
    // Headers and footers with their relationships, numbered as docx-rs numbers them.
    let mut header_rels = xml.header_rels.into_iter();
    for (i, h) in xml.headers.into_iter().enumerate() {
        let h = drop_empty_ppr_rpr(&utf8("word/header.xml", h)?).into_bytes();
        parts.push((format!("word/header{}.xml", i + 1), h));
        if let Some(rels) = header_rels.next() {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels));
        }
    }
    let mut footer_rels = xml.footer_rels.into_iter();
    for (i, f) in xml.footers.into_iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(rels) = footer_rels.next() {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels));
        }
    }
    let mut media = Vec::with_capacity(xml.media.len());
    for (id, bytes) in xml.media {
        let name = format!("word/media/{id}.png");
        let k = placeholder_index(&bytes).ok_or_else(|| render_err(format!("{name} is not a figure")))?;
        media.push((name, k));
    }
    Ok((parts, media))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_carry_title_agency_and_fixed_dates() {
        let meta = Metadata {
            title: "Bản tin <quý II>".into(),
            author: String::new(),
            subject: "Thi đua & khen thưởng".into(),
            keywords: vec!["thi đua".into(), " khen thưởng ".into()],
            created_unix: 1_593_907_200,
        };
        let x = core_xml(&meta, "CÔNG AN TỈNH THÁI BÌNH").unwrap();
        assert!(x.contains("<dc:title>Bản tin &lt;quý II&gt;</dc:title>"), "{x}");
        assert!(x.contains("<dc:subject>Thi đua &amp; khen thưởng</dc:subject>"));
        assert!(x.contains("<dc:creator>CÔNG AN TỈNH THÁI BÌNH</dc:creator>"));
        assert!(x.contains("<cp:keywords>thi đua, khen thưởng</cp:keywords>"));
        assert!(x.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2020-07-05T00:00:00Z</dcterms:created>"#));
        assert!(x.contains(r#"<dcterms:modified xsi:type="dcterms:W3CDTF">2020-07-05T00:00:00Z</dcterms:modified>"#));
        assert!(!x.contains("unknown"));
    }

    #[test]
    fn impossible_time_is_an_input_error() {
        let meta = Metadata { created_unix: i64::MAX, ..Default::default() };
        let e = core_xml(&meta, "X").unwrap_err();
        assert!(e.to_string().contains("metadata.created_unix"), "{e}");
        assert_eq!(w3cdtf(0).unwrap(), "1970-01-01T00:00:00Z");
        // Before 1980 the zip entries still get a valid DOS date.
        assert_eq!(zip_time(0).unwrap().year(), 1980);
    }

    #[test]
    fn only_the_first_row_of_data_tables_repeats() {
        let row = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>";
        let data = format!(r#"<w:tbl><w:tblPr><w:tblStyle w:val="DataTable" /></w:tblPr>{row}{row}</w:tbl>"#);
        let layout = format!("<w:tbl><w:tblPr></w:tblPr>{row}</w:tbl>");
        let xml = format!("{layout}{data}{layout}{data}");
        let (out, n) = mark_header_rows(&xml);
        assert_eq!(n, 2);
        assert_eq!(out.matches("<w:tblHeader />").count(), 2);
        let first_data = out.find("DataTable").unwrap();
        assert!(!out[..first_data].contains("tblHeader"), "layout tables keep plain rows");
    }

    #[test]
    fn pictures_get_unique_ids_and_escaped_alt_text() {
        let pic = r#"<wp:docPr id="1" name="Figure" />"#;
        let xml = format!("<a>{pic}</a><b>{pic}</b>");
        let (out, n) = describe_pictures(&xml, &["Bến Tre: 8 tập thể".into(), "A \"B\" & C".into()]);
        assert_eq!(n, 2);
        assert!(out.contains(r#"<wp:docPr id="1" name="Hình 1" descr="Bến Tre: 8 tập thể" />"#), "{out}");
        assert!(out.contains(r#"<wp:docPr id="2" name="Hình 2" descr="A &quot;B&quot; &amp; C" />"#), "{out}");
    }

    #[test]
    fn header_references_move_to_the_front_of_the_section() {
        let xml = r#"<w:body><w:sectPr><w:pgSz w:w="1" /><w:headerReference w:type="default" r:id="a" /><w:titlePg /></w:sectPr></w:body>"#;
        assert_eq!(
            order_section(xml),
            r#"<w:body><w:sectPr><w:headerReference w:type="default" r:id="a" /><w:pgSz w:w="1" /><w:titlePg /></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn escape_drops_control_characters() {
        assert_eq!(escape("a\u{1}b<c>\u{FFFF}"), "ab&lt;c&gt;");
    }
}
