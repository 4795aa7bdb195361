//! Embedded fonts: the glyph codes content streams show, and the font objects
//! they refer to.
//!
//! Each face is embedded as a composite font (Type0 over CIDFontType2, Identity-H),
//! so a code in a content stream is the glyph's id in the subset. [`Glyphs`] hands
//! out those ids as text is written, in order of first use; [`embed`] then writes,
//! per face used, the subset program, its widths, and a ToUnicode map so that
//! copying and `pdftotext` give back the text.

use super::subset;
use crate::error::{Error, Result};
use crate::fonts::{self, Face};
use lopdf::{Dictionary, Object, Stream, StringFormat};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Code points below this are looked up in a table; the rest in a map.
const TABLE_LEN: usize = 0x2000;

/// The glyphs a document shows, per face, numbered as in the subsets.
#[derive(Default)]
pub struct Glyphs {
    faces: [FaceGlyphs; 4],
}

#[derive(Default)]
struct FaceGlyphs {
    /// The original glyph id of each subset glyph; `[0]` is `.notdef`.
    gids: Vec<u16>,
    /// The character each subset glyph stands for (for ToUnicode).
    chars: Vec<char>,
    /// Subset id by code point below [`TABLE_LEN`] (0: not seen yet).
    table: Vec<u16>,
    /// Subset id by code point above the table.
    rest: FxHashMap<char, u16>,
    /// Subset id by original glyph id, for characters sharing a glyph.
    by_gid: FxHashMap<u16, u16>,
}

impl FaceGlyphs {
    fn id(&mut self, face: Face, c: char) -> u16 {
        let slot = (c as usize) < TABLE_LEN;
        let known = if slot {
            self.table.get(c as usize).copied().unwrap_or(0)
        } else {
            self.rest.get(&c).copied().unwrap_or(0)
        };
        if known != 0 {
            return known;
        }
        let gid = fonts::metrics(face).glyph_id(c);
        if gid == 0 {
            return 0; // .notdef; coverage is checked before layout
        }
        if self.gids.is_empty() {
            self.gids.push(0);
            self.chars.push('\0');
        }
        let id = match self.by_gid.get(&gid) {
            Some(&id) => id,
            None => {
                let Ok(id) = u16::try_from(self.gids.len()) else { return 0 };
                self.gids.push(gid);
                self.chars.push(c);
                self.by_gid.insert(gid, id);
                id
            }
        };
        if slot {
            if self.table.is_empty() {
                self.table = vec![0; TABLE_LEN];
            }
            self.table[c as usize] = id;
        } else {
            self.rest.insert(c, id);
        }
        id
    }
}

impl Glyphs {
    /// Appends the hex code (four digits) of `c` in `face`, registering the glyph.
    pub fn push_code(&mut self, face: Face, c: char, out: &mut String) {
        let id = self.faces[face as usize].id(face, c);
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        for shift in [12, 8, 4, 0] {
            out.push(char::from(HEX[usize::from((id >> shift) & 0xf)]));
        }
    }

    /// Whether any glyph of `face` has been shown.
    pub fn uses(&self, face: Face) -> bool {
        !self.faces[face as usize].gids.is_empty()
    }
}

/// The resource name content streams use for `face`.
pub fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "F1",
        Face::Bold => "F2",
        Face::Italic => "F3",
        Face::BoldItalic => "F4",
    }
}

fn render_err(message: impl Into<String>) -> Error {
    Error::Render { what: "PDF".into(), message: message.into() }
}

/// Adds a font object for every face `glyphs` uses to `doc` and returns the
/// `/Font` resource dictionary naming them.
pub fn embed(doc: &mut lopdf::Document, glyphs: &Glyphs) -> Result<Dictionary> {
    let mut resources = Dictionary::new();
    for face in Face::ALL.into_iter().filter(|&f| glyphs.uses(f)) {
        let used = &glyphs.faces[face as usize];
        let sub = subset::subset(face.bytes(), &used.gids)
            .ok_or_else(|| render_err(format!("the font {} could not be subset", face.postscript_name())))?;
        let font = font_object(doc, face, used, &sub);
        resources.set(resource_name(face), Object::Reference(doc.add_object(font)));
    }
    Ok(resources)
}

/// The Type0 font dictionary of one face, its parts added to `doc`.
fn font_object(doc: &mut lopdf::Document, face: Face, used: &FaceGlyphs, sub: &subset::Subset) -> Dictionary {
    let metrics = fonts::metrics(face);
    let scale = 1000.0 / metrics.units_per_em;
    let name = format!("{}+{}", subset_tag(face, &used.chars), face.postscript_name());
    let program = doc.add_object(Stream::new(
        Dictionary::from_iter([("Length1", Object::Integer(sub.program.len() as i64))]),
        sub.program.clone(),
    ));
    let italic = matches!(face, Face::Italic | Face::BoldItalic);
    let info = Descriptor::read(face.bytes());
    let bbox = info.bbox.map(|v| Object::Integer((f32::from(v) * scale).round() as i64));
    let descriptor = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(name.clone().into_bytes())),
        ("Flags", Object::Integer(if italic { 32 | 64 } else { 32 })),
        ("FontBBox", Object::Array(bbox.to_vec())),
        ("ItalicAngle", Object::Integer(info.italic_angle.round() as i64)),
        ("Ascent", Object::Integer((metrics.ascent * scale).round() as i64)),
        ("Descent", Object::Integer((metrics.descent * scale).round() as i64)),
        ("CapHeight", Object::Integer((info.cap_height.unwrap_or(metrics.ascent) * scale).round() as i64)),
        ("StemV", Object::Integer(if matches!(face, Face::Bold | Face::BoldItalic) { 120 } else { 80 })),
        ("FontFile2", Object::Reference(program)),
    ]));
    let widths: Vec<Object> = sub.advances.iter().map(|&a| width(f32::from(a) * scale)).collect();
    let cid_font = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", Object::Name(name.clone().into_bytes())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                ("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal)),
                ("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal)),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)])),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode_cmap(&used.chars).into_bytes()));
    Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(name.into_bytes())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        ("DescendantFonts", Object::Array(vec![Object::Dictionary(cid_font)])),
        ("ToUnicode", Object::Reference(to_unicode)),
    ])
}

/// Font-wide values for the font descriptor, read from the font's tables.
struct Descriptor {
    /// `head` bounding box: x min, y min, x max, y max (font units).
    bbox: [i16; 4],
    /// `post` italic angle in degrees (negative leans right).
    italic_angle: f32,
    /// `OS/2` cap height (font units), when the table has it.
    cap_height: Option<f32>,
}

impl Descriptor {
    fn read(font: &[u8]) -> Descriptor {
        let i16_at =
            |t: Option<&[u8]>, at: usize| t.and_then(|t| Some(i16::from_be_bytes([*t.get(at)?, *t.get(at + 1)?])));
        let head = subset::table(font, b"head");
        let post = subset::table(font, b"post");
        let os2 = subset::table(font, b"OS/2");
        let bbox = [36, 38, 40, 42].map(|at| i16_at(head, at).unwrap_or(0));
        let angle = i16_at(post, 4)
            .map_or(0.0, |whole| f32::from(whole) + f32::from(i16_at(post, 6).unwrap_or(0) as u16) / 65536.0);
        let cap_height = (i16_at(os2, 0).unwrap_or(0) >= 2).then(|| i16_at(os2, 88)).flatten().map(f32::from);
        Descriptor { bbox, italic_angle: angle, cap_height }
    }
}

/// A width in text space units, to 1/10 (an integer when whole).
fn width(v: f32) -> Object {
    let tenths = (v * 10.0).round();
    if tenths % 10.0 == 0.0 {
        Object::Integer((tenths / 10.0) as i64)
    } else {
        Object::Real(tenths / 10.0)
    }
}

/// The ToUnicode CMap: subset glyph `i` stands for `chars[i]` (glyph 0 for nothing).
fn to_unicode_cmap(chars: &[char]) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(usize, char)> = chars.iter().copied().enumerate().skip(1).collect();
    for block in pairs.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for &(id, c) in block {
            let mut units = [0u16; 2];
            let _ = write!(out, "<{id:04X}> <");
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "{u:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Six upper-case letters derived from the face and the characters (ISO 32000 subset tag).
fn subset_tag(face: Face, chars: &[char]) -> String {
    let mut h = fnv(face.postscript_name().as_bytes(), 0xcbf2_9ce4_8422_2325);
    for c in chars {
        h = fnv(&(*c as u32).to_le_bytes(), h);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

/// FNV-1a over `bytes`, continuing from `h`.
pub(crate) fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_first_use_and_shared_glyphs_share_a_code() {
        let mut g = Glyphs::default();
        let mut out = String::new();
        for c in "ba ab".chars() {
            g.push_code(Face::Regular, c, &mut out);
        }
        assert_eq!(out, "00010002000300020001");
        assert!(g.uses(Face::Regular) && !g.uses(Face::Bold));
        let mut missing = String::new();
        g.push_code(Face::Regular, '\u{E000}', &mut missing);
        assert_eq!(missing, "0000", "a character without a glyph shows .notdef");
    }

    #[test]
    fn to_unicode_maps_every_code_back_to_its_character() {
        let cmap = to_unicode_cmap(&['\0', 'ệ', 'Đ', '𝐀']);
        assert!(cmap.contains("3 beginbfchar\n<0001> <1EC7>\n<0002> <0110>\n<0003> <D835DC00>\n"), "{cmap}");
    }

    #[test]
    fn embeds_only_the_faces_used() {
        let mut g = Glyphs::default();
        let mut out = String::new();
        for c in "Bản tin".chars() {
            g.push_code(Face::Bold, c, &mut out);
        }
        let mut doc = lopdf::Document::with_version("1.7");
        let fonts = embed(&mut doc, &g).unwrap();
        assert_eq!(fonts.len(), 1);
        assert!(fonts.has(b"F2"));
    }
}
