//! Export: positioned pages to PDF with printpdf, fonts subset to the glyphs used
//! ([`super::embed`]).
//!
//! Everything that could vary between runs is fixed: font resource ids and
//! subset tags derive from the content, dates from the metadata, and the
//! trailer `/ID` from a hash of the file.

use super::embed::{self, fnv, Glyphs};
use super::ops::OpWriter;
use super::plot::PdfBackend;
use crate::bulletin::Metadata;
use crate::error::{Error, Result};
use crate::layout::{Item, Layout, TextRun};
use plotters::prelude::IntoDrawingArea;
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};
use std::collections::BTreeSet;

fn render_err(message: impl Into<String>) -> Error {
    Error::Render { what: "PDF".into(), message: message.into() }
}

/// Writes the pages of `layout` as a PDF.
pub fn export(layout: &Layout, meta: &Metadata) -> Result<Vec<u8>> {
    let mut glyphs = Glyphs::default();
    let mut hatched = false;
    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut out = OpWriter::default();
        // Rules first, joined into one path; then text and charts.
        for ((x0, y0), (x1, y1), width) in merged_rules(&page.items) {
            out.stroke(&[(x0, layout.height - y0), (x1, layout.height - y1)], BLACK, width);
        }
        for item in &page.items {
            match item {
                Item::Text(run) => {
                    out.set_fill(BLACK);
                    text_ops(run, layout.height, &mut glyphs, &mut out);
                }
                Item::Rule { .. } => {}
                Item::Chart { x, y, w, h, chart } => {
                    let backend = PdfBackend::new(*x, layout.height - y, *w, *h, &mut out, &mut glyphs);
                    let root = backend.into_drawing_area();
                    chart.draw_with_hatch_pattern(&root, super::plot::UNITS_PER_PT).map_err(render_err)?;
                    drop(root);
                }
            }
        }
        hatched |= out.hatched;
        pages.push(PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), out.finish()));
    }

    let mut doc = PdfDocument::new(&meta.title);
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
    let fonts = embed::embed(&mut lo, &glyphs)?;
    install_resources(&mut lo, fonts, hatched)?;
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| render_err(format!("writing the PDF: {e}")))?;
    Ok(fix_trailer_id(blank_pdfx_version(bytes)))
}

/// A rule as `(start, end, width)`.
type Segment = ((f32, f32), (f32, f32), f32);

/// The page's rules with touching or overlapping collinear pieces of the same
/// width joined: a table's cells each bring their own borders, so the rules
/// between rows and columns arrive in short, repeated pieces.
fn merged_rules(items: &[Item]) -> Vec<Segment> {
    // A line (vertical, its fixed coordinate, width) and a span along it.
    type Piece = ((bool, f32, f32), (f32, f32));
    let mut lines: Vec<Piece> = Vec::new();
    let mut other = Vec::new();
    for item in items {
        let Item::Rule { x0, y0, x1, y1, width } = *item else { continue };
        if y0 == y1 {
            lines.push(((false, y0, width), (x0.min(x1), x0.max(x1))));
        } else if x0 == x1 {
            lines.push(((true, x0, width), (y0.min(y1), y0.max(y1))));
        } else {
            other.push(((x0, y0), (x1, y1), width));
        }
    }
    lines.sort_by(|a, b| {
        a.0 .0
            .cmp(&b.0 .0)
            .then(a.0 .1.total_cmp(&b.0 .1))
            .then(a.0 .2.total_cmp(&b.0 .2))
            .then(a.1 .0.total_cmp(&b.1 .0))
    });
    let mut out: Vec<Segment> = Vec::with_capacity(lines.len() / 2 + other.len());
    let mut current: Option<Piece> = None;
    let emit = |(key, (lo, hi)): Piece, out: &mut Vec<Segment>| {
        let (vertical, at, width) = key;
        out.push(if vertical { ((at, lo), (at, hi), width) } else { ((lo, at), (hi, at), width) });
    };
    for (key, (lo, hi)) in lines {
        match &mut current {
            Some((k, span)) if *k == key && lo <= span.1 + 0.01 => span.1 = span.1.max(hi),
            _ => {
                if let Some(done) = current.take() {
                    emit(done, &mut out);
                }
                current = Some((key, (lo, hi)));
            }
        }
    }
    if let Some(done) = current {
        emit(done, &mut out);
    }
    out.extend(other);
    out
}

/// Makes the `/Font` resource dictionary the pages share (empty as printpdf
/// writes it, since the text is not printpdf's) name the embedded fonts, and
/// gives every page the hatching pattern when a chart uses it.
fn install_resources(doc: &mut lopdf::Document, fonts: lopdf::Dictionary, hatched: bool) -> Result<()> {
    use lopdf::Object;
    let patterns = hatched.then(|| {
        use crate::chart::style::{HATCH_INK, HATCH_SPACING, HATCH_WIDTH};
        let ink = f32::from(HATCH_INK.0) / 255.0;
        let (dict, content) = super::ops::hatch_pattern(HATCH_SPACING as f32, ink, HATCH_WIDTH as f32);
        let id = doc.add_object(lopdf::Stream::new(dict, content));
        Object::Dictionary(lopdf::Dictionary::from_iter([(super::ops::HATCH, Object::Reference(id))]))
    });
    let err = |e: lopdf::Error| render_err(format!("page resources: {e}"));
    let mut shared_fonts = BTreeSet::new();
    for page in doc.get_pages().into_values() {
        let resources = doc.get_dictionary(page).and_then(|p| p.get(b"Resources")).and_then(Object::as_reference);
        let resources = doc.get_dictionary_mut(resources.map_err(err)?).map_err(err)?;
        shared_fonts.insert(resources.get(b"Font").and_then(Object::as_reference).map_err(err)?);
        if let Some(p) = &patterns {
            resources.set("Pattern", p.clone());
        }
    }
    for id in shared_fonts {
        doc.objects.insert(id, Object::Dictionary(fonts.clone()));
    }
    Ok(())
}

/// The deflate level for streams. Measured on a 40-event bulletin (whole run,
/// callgrind): level 6 took 29.1 M instructions for 35,255 bytes, level 2 26.4 M
/// for 37,060, level 1 23.2 M for 43,889 (too near the 45 KB budget), level 9
/// 33.4 M for 34,875.
const DEFLATE_LEVEL: u32 = 2;

/// Deflates every stream that is not compressed yet (what `printpdf`'s `optimize`
/// does, but at [`DEFLATE_LEVEL`] instead of the best, and with one compressor
/// for all streams: a fresh one per stream spent 8 % of a run setting up tables).
fn compress_streams(doc: &mut lopdf::Document) {
    use flate2::{Compress, Compression, FlushCompress};
    let mut z = Compress::new(Compression::new(DEFLATE_LEVEL), true);
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        z.reset();
        let mut out = Vec::with_capacity(stream.content.len() / 2 + 64);
        let finished = crate::deflate::feed(&mut z, &stream.content, &mut out, FlushCompress::Finish).is_ok();
        if finished && out.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
    }
}

const BLACK: (f32, f32, f32) = (0.0, 0.0, 0.0);

fn text_ops(run: &TextRun, page_h: f32, glyphs: &mut Glyphs, out: &mut OpWriter) {
    // TJ offsets are in thousandths of an em; negative moves right.
    let adjust = if run.extra_space > 0.001 { -run.extra_space * 1000.0 / run.size } else { 0.0 };
    let m = [1.0, 0.0, 0.0, 1.0, run.x, page_h - run.y];
    out.text(glyphs, run.face, run.size, m, &run.text, adjust);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(x0: f32, y0: f32, x1: f32, y1: f32, width: f32) -> Item {
        Item::Rule { x0, y0, x1, y1, width }
    }

    #[test]
    fn touching_collinear_rules_of_one_width_join() {
        let items = [
            rule(10.0, 5.0, 20.0, 5.0, 0.5),
            rule(20.0, 5.0, 30.0, 5.0, 0.5),
            rule(40.0, 5.0, 35.0, 5.0, 0.5), // a gap before it, drawn right to left
            rule(10.0, 5.0, 30.0, 5.0, 1.0), // another width
            rule(10.0, 0.0, 10.0, 5.0, 0.5),
            rule(10.0, 5.0, 10.0, 9.0, 0.5), // continues the vertical
            rule(0.0, 0.0, 3.0, 4.0, 0.5),   // diagonal: kept as is
        ];
        let merged = merged_rules(&items);
        assert_eq!(
            merged,
            [
                ((10.0, 5.0), (30.0, 5.0), 0.5),
                ((35.0, 5.0), (40.0, 5.0), 0.5),
                ((10.0, 5.0), (30.0, 5.0), 1.0),
                ((10.0, 0.0), (10.0, 9.0), 0.5),
                ((0.0, 0.0), (3.0, 4.0), 0.5),
            ]
        );
    }
}
