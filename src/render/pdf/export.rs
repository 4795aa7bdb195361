//! Export: positioned pages to PDF with printpdf, fonts subset to the glyphs used.
//!
//! Everything that could vary between runs is fixed: font resource ids and
//! subset tags derive from the content, dates from the metadata, and the
//! trailer `/ID` from a hash of the file.

use super::frame::{Item, Layout, TextRun};
use super::ops::OpWriter;
use super::plot::PdfBackend;
use crate::bulletin::Metadata;
use crate::error::{Error, Result};
use crate::fonts::Face;
use plotters::prelude::IntoDrawingArea;
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix};
use std::collections::{BTreeMap, BTreeSet};

fn render_err(message: impl Into<String>) -> Error {
    Error::Render { what: "PDF".into(), message: message.into() }
}

/// Writes the pages of `layout` as a PDF.
pub fn export(layout: &Layout, meta: &Metadata) -> Result<Vec<u8>> {
    let font_ids: BTreeMap<Face, FontId> =
        Face::ALL.iter().map(|&f| (f, FontId(format!("F{}", f as usize + 1)))).collect();
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut out = OpWriter::default();
        // Rules first, joined into one path; then text and charts.
        for item in &page.items {
            if let Item::Rule { x0, y0, x1, y1, width } = item {
                out.stroke(&[(*x0, layout.height - y0), (*x1, layout.height - y1)], BLACK, *width);
            }
        }
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    out.set_fill(BLACK);
                    text_ops(run, layout.height, &font_ids, &mut used, &mut out);
                }
                Item::Rule { .. } => {}
                Item::Chart { x, y, w, h, chart } => {
                    let backend = PdfBackend::new(*x, layout.height - y, *w, *h, &mut out, &mut used, &font_ids);
                    let root = backend.into_drawing_area();
                    chart.draw(&root, super::plot::UNITS_PER_PT).map_err(render_err)?;
                    drop(root);
                }
            }
        }
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), out.finish()));
    }

    let mut doc = PdfDocument::new(&meta.title);
    for (face, chars) in &used {
        let font = subset_font(*face, chars)?;
        doc.resources.fonts.map.insert(font_ids[face].clone(), printpdf::PdfFont::new(font));
    }
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = format!("bantin {}", env!("CARGO_PKG_VERSION"));
    info.producer = format!("bantin {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.created_unix).map_err(render_err)?;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    let mut warnings = Vec::new();
    let options = PdfSaveOptions { optimize: false, subset_fonts: false, secure: false, ..Default::default() };
    let mut lo = doc.with_pages(pages).to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| render_err(format!("writing the PDF: {e}")))?;
    Ok(fix_trailer_id(blank_pdfx_version(bytes)))
}

/// Deflates every stream that is not compressed yet (what `printpdf`'s `optimize`
/// does, but at zlib's default level instead of its best, and with one compressor
/// for all streams). Measured on a 40-event bulletin: the best level cost 10 % more
/// instructions for a file 4 % smaller, and a fresh compressor per stream spent
/// another 8 % setting up its tables.
fn compress_streams(doc: &mut lopdf::Document) {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut z = Compress::new(Compression::default(), true);
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        z.reset();
        let mut out = Vec::with_capacity(stream.content.len() / 2 + 64);
        let finished = loop {
            let consumed = z.total_in() as usize;
            match z.compress_vec(&stream.content[consumed..], &mut out, FlushCompress::Finish) {
                Ok(Status::StreamEnd) => break true,
                Ok(_) => out.reserve(out.capacity().max(64)),
                Err(_) => break false,
            }
        };
        if finished && out.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
    }
}

const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);

fn text_ops(
    run: &TextRun,
    page_h: f32,
    ids: &BTreeMap<Face, FontId>,
    used: &mut BTreeMap<Face, BTreeSet<char>>,
    out: &mut OpWriter,
) {
    used.entry(run.face).or_default().extend(run.text.chars().filter(|c| *c != ' '));
    used.entry(run.face).or_default().insert(' ');
    let items = if run.extra_space > 0.001 && run.text.contains(' ') {
        // TJ offsets are in thousandths of an em; negative moves right.
        let adjust = (-run.extra_space * 1000.0 / run.size).round();
        let mut items = Vec::new();
        let parts: Vec<&str> = run.text.split(' ').collect();
        for (i, part) in parts.iter().enumerate() {
            if i + 1 < parts.len() {
                items.push(TextItem::Text(format!("{part} ")));
                items.push(TextItem::Offset(adjust));
            } else if !part.is_empty() {
                items.push(TextItem::Text(part.to_string()));
            }
        }
        items
    } else {
        vec![TextItem::Text(run.text.clone())]
    };
    let r = |v: f32| (v * 100.0).round() / 100.0;
    out.push(Op::StartTextSection);
    out.push(Op::SetFont { font: PdfFontHandle::External(ids[&run.face].clone()), size: Pt(run.size) });
    out.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(r(run.x)), Pt(r(page_h - run.y))) });
    out.push(Op::ShowText { items });
    out.push(Op::EndTextSection);
}

/// Subsets a face to `chars` (plus `.notdef`) with a content-derived subset tag.
fn subset_font(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset, CmapTarget, SubsetProfile};
    use allsorts::tag;
    let metrics = crate::fonts::metrics(face);
    let mut gids: Vec<u16> = vec![0];
    for &c in chars {
        let g = metrics.glyph_id(c);
        if g != 0 && !gids.contains(&g) {
            gids.push(g);
        }
    }
    let bytes = face.bytes();
    let data = ReadScope::new(bytes).read::<FontData<'_>>().map_err(|e| render_err(format!("font parse: {e}")))?;
    let provider = data.table_provider(0).map_err(|e| render_err(format!("font tables: {e}")))?;
    let profile = SubsetProfile::Custom(vec![tag::CMAP, tag::HEAD, tag::HHEA, tag::HMTX, tag::MAXP]);
    let sub =
        subset(&provider, &gids, &profile, CmapTarget::Unicode).map_err(|e| render_err(format!("font subset: {e}")))?;
    let sub = super::hinting::strip(&sub).unwrap_or(sub);
    let mut warnings = Vec::new();
    let mut font =
        ParsedFont::from_bytes(&sub, 0, &mut warnings).ok_or_else(|| render_err("subset font does not parse"))?;
    font.font_name = Some(format!("{}+{}", subset_tag(face, chars), face.postscript_name()));
    Ok(font)
}

/// Six upper-case letters derived from the face and the glyph set (ISO 32000 subset tag).
fn subset_tag(face: Face, chars: &BTreeSet<char>) -> String {
    let mut h = fnv(face.postscript_name().as_bytes(), 0xcbf29ce484222325);
    for c in chars {
        h = fnv(&(*c as u32).to_le_bytes(), h);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// printpdf always writes an empty `/GTS_PDFXVersion()` into the Info dictionary,
/// which viewers then show as a PDF/X claim. Overwrite it with spaces (same length,
/// so the cross-reference offsets stay valid).
fn blank_pdfx_version(mut bytes: Vec<u8>) -> Vec<u8> {
    const KEY: &[u8] = b"/GTS_PDFXVersion()";
    if let Some(pos) = bytes.windows(KEY.len()).position(|w| w == KEY) {
        bytes[pos..pos + KEY.len()].fill(b' ');
    }
    bytes
}

/// Replaces the trailer's two random `/ID` strings with a hash of the file, keeping their length.
fn fix_trailer_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(pos) = bytes.windows(4).rposition(|w| w == b"/ID[" || w == b"/ID ") else { return bytes };
    let Some(end) = bytes[pos..].iter().position(|&b| b == b']').map(|e| pos + e) else { return bytes };
    let digest = fnv(&bytes[..pos], 0xcbf29ce484222325);
    let mut k = 0u64;
    let mut inside = false;
    for b in &mut bytes[pos + 3..end] {
        match *b {
            b'(' => inside = true,
            b')' => inside = false,
            _ if inside => {
                *b = b'A' + ((digest.rotate_left((k * 7 % 64) as u32) ^ k) % 26) as u8;
                k += 1;
            }
            _ => {}
        }
    }
    bytes
}
