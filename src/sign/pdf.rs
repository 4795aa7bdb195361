//! The PDF side of signing: reading a finished PDF (with lopdf) and appending an
//! incremental update to it (written here, byte by byte).
//!
//! An incremental update leaves every byte of the original file in place and adds
//! the changed and new objects, a cross-reference section for them and a trailer
//! pointing back (`/Prev`) to the previous one (ISO 32000-1, 7.5.6). A signature
//! over the earlier bytes therefore stays valid. The new section is of the same
//! kind as the last one: a classic `xref` table after a table, a cross-reference
//! stream after a stream.

use super::err;
use crate::error::Result;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use std::collections::BTreeMap;
use std::io::Write as _;

/// A PDF as read: its bytes and its objects.
pub(crate) struct Pdf<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// Its objects, as of the last revision.
    pub doc: lopdf::Document,
    /// Offset of the last cross-reference section (`startxref`).
    pub startxref: usize,
    /// Whether that section is a cross-reference stream.
    pub xref_stream: bool,
}

impl<'a> Pdf<'a> {
    /// Reads `bytes` as a PDF; `file` names it in errors.
    pub fn read(bytes: &'a [u8], file: &str) -> Result<Pdf<'a>> {
        let head = &bytes[..bytes.len().min(1024)];
        if !head.windows(5).any(|w| w == b"%PDF-") {
            return Err(err(file, "đầu tệp", "đây không phải tệp PDF (không có dòng %PDF- ở đầu tệp)"));
        }
        let startxref = last_startxref(bytes)
            .ok_or_else(|| err(file, "cuối tệp", "tệp PDF không có startxref; tệp bị cắt cụt hoặc hỏng"))?;
        let doc = lopdf::Document::load_mem(bytes)
            .map_err(|e| err(file, "cấu trúc PDF", format!("không đọc được tệp PDF ({e}); tệp bị hỏng?")))?;
        if doc.trailer.has(b"Encrypt") {
            return Err(err(file, "trailer", "tệp PDF được mã hóa; hãy dùng bản không mã hóa"));
        }
        let xref_stream = !bytes.get(startxref..).is_some_and(|b| b.starts_with(b"xref"));
        Ok(Pdf { bytes, doc, startxref, xref_stream })
    }

    /// Follows a reference (or returns the object itself).
    pub fn resolve<'o>(&'o self, o: &'o Object) -> &'o Object {
        match o {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(&Object::Null),
            other => other,
        }
    }

    /// The dictionary `o` is or refers to.
    pub fn dict<'o>(&'o self, o: &'o Object) -> Option<&'o Dictionary> {
        match self.resolve(o) {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    /// The catalog's id.
    pub fn root_id(&self) -> Option<ObjectId> {
        self.doc.trailer.get(b"Root").and_then(Object::as_reference).ok()
    }

    /// The interactive form dictionary: its id when it is an object of its own, and its value.
    pub fn acroform(&self) -> Option<(Option<ObjectId>, Dictionary)> {
        let catalog = self.doc.get_dictionary(self.root_id()?).ok()?;
        match catalog.get(b"AcroForm").ok()? {
            Object::Reference(id) => Some((Some(*id), self.doc.get_dictionary(*id).ok()?.clone())),
            Object::Dictionary(d) => Some((None, d.clone())),
            _ => None,
        }
    }

    /// The signature fields: `(id, name, field dictionary)` of every terminal field of type `/Sig`.
    pub fn signature_fields(&self) -> Vec<(ObjectId, String, Dictionary)> {
        let mut out = Vec::new();
        let Some((_, form)) = self.acroform() else { return out };
        let mut stack: Vec<(Object, String)> = match form.get(b"Fields") {
            Ok(fields) => match self.resolve(fields) {
                Object::Array(a) => a.iter().rev().map(|f| (f.clone(), String::new())).collect(),
                _ => Vec::new(),
            },
            Err(_) => Vec::new(),
        };
        let mut seen = 0;
        while let Some((field, parent)) = stack.pop() {
            seen += 1;
            let (Object::Reference(id), Some(d)) = (&field, self.dict(&field)) else { continue };
            if seen > 10_000 {
                break; // a cycle in a damaged file
            }
            let part = d.get(b"T").ok().and_then(|t| t.as_str().ok()).map(text_string).unwrap_or_default();
            let name = match (parent.is_empty(), part.is_empty()) {
                (true, _) => part,
                (false, true) => parent,
                (false, false) => format!("{parent}.{part}"),
            };
            match d.get(b"Kids").ok().map(|k| self.resolve(k)) {
                Some(Object::Array(kids)) if kids.iter().any(|k| self.dict(k).is_some_and(|kd| kd.has(b"T"))) => {
                    stack.extend(kids.iter().rev().map(|k| (k.clone(), name.clone())));
                }
                _ => {
                    if d.get(b"FT").ok().and_then(|t| t.as_name().ok()) == Some(b"Sig") {
                        out.push((*id, name, d.clone()));
                    }
                }
            }
        }
        out
    }
}

/// Decodes a PDF text string (UTF-16BE with a BOM, or PDFDocEncoding taken as Latin-1).
pub(crate) fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// A PDF text string for `s`: ASCII as is, anything else as UTF-16BE with a BOM.
pub(crate) fn pdf_text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The offset after the last `startxref` keyword.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(2048);
    let tail = &bytes[tail_start..];
    let at = tail.windows(9).rposition(|w| w == b"startxref")?;
    let digits: String = tail[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    digits.parse().ok()
}

/// The revisions of a file: the offset just after each `%%EOF` marker (and its end of line).
pub(crate) fn revision_ends(bytes: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(at) = bytes[from..].windows(5).position(|w| w == b"%%EOF") {
        let mut end = from + at + 5;
        for eol in [b'\r', b'\n'] {
            if bytes.get(end) == Some(&eol) {
                end += 1;
            }
        }
        ends.push(end);
        from = end;
    }
    ends
}

/// An object written in an update: an id and its serialised body (between `obj` and `endobj`).
struct Written {
    id: ObjectId,
    body: Vec<u8>,
}

/// An incremental update being built on top of a [`Pdf`].
pub(crate) struct Update<'p, 'a> {
    pdf: &'p Pdf<'a>,
    next: u32,
    objects: Vec<Written>,
}

impl<'p, 'a> Update<'p, 'a> {
    /// Starts an update of `pdf`.
    pub fn new(pdf: &'p Pdf<'a>) -> Update<'p, 'a> {
        let size = pdf.doc.trailer.get(b"Size").and_then(Object::as_i64).unwrap_or(0);
        let next = u32::try_from(size).unwrap_or(0).max(pdf.doc.max_id + 1);
        Update { pdf, next, objects: Vec::new() }
    }

    /// A fresh object id.
    pub fn reserve(&mut self) -> ObjectId {
        let id = (self.next, 0);
        self.next += 1;
        id
    }

    /// Adds a new object; returns its id.
    pub fn add(&mut self, object: &Object) -> ObjectId {
        let id = self.reserve();
        self.set(id, object);
        id
    }

    /// Writes `object` under `id` (a new id from [`Update::reserve`], or an existing object's, replacing it).
    pub fn set(&mut self, id: ObjectId, object: &Object) {
        let mut body = Vec::new();
        write_object(&mut body, object);
        self.set_raw(id, body);
    }

    /// Writes an object whose body is already serialised.
    pub fn set_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.retain(|w| w.id != id);
        self.objects.push(Written { id, body });
    }

    /// Copies every object of `doc` into the update under new ids and returns `root`
    /// with its references renumbered (for fonts built in a document of their own).
    pub fn import(&mut self, doc: &lopdf::Document, root: &Object) -> Object {
        let ids: BTreeMap<ObjectId, ObjectId> = doc.objects.keys().map(|&old| (old, self.reserve())).collect();
        for (old, object) in &doc.objects {
            if let Some(&new) = ids.get(old) {
                self.set(new, &renumber(object, &ids));
            }
        }
        renumber(root, &ids)
    }

    /// The whole file with the update appended, and the offset of each object written.
    pub fn finish(self) -> (Vec<u8>, BTreeMap<ObjectId, usize>) {
        let base = self.pdf.bytes;
        let mut out = Vec::with_capacity(base.len() + self.objects.iter().map(|w| w.body.len() + 32).sum::<usize>());
        out.extend_from_slice(base);
        if !out.ends_with(b"\n") && !out.ends_with(b"\r") {
            out.push(b'\n');
        }
        let mut offsets = BTreeMap::new();
        for w in &self.objects {
            offsets.insert(w.id, out.len());
            let _ = writeln!(out, "{} {} obj", w.id.0, w.id.1);
            out.extend_from_slice(&w.body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let mut trailer = Dictionary::new();
        for key in [&b"Root"[..], b"Info", b"ID"] {
            if let Ok(v) = self.pdf.doc.trailer.get(key) {
                trailer.set(key, v.clone());
            }
        }
        trailer.set("Prev", Object::Integer(self.pdf.startxref as i64));
        let xref_at = out.len();
        if self.pdf.xref_stream {
            let id = (self.next, 0);
            offsets.insert(id, xref_at);
            trailer.set("Size", Object::Integer(i64::from(self.next) + 1));
            write_xref_stream(&mut out, id, &offsets, trailer);
        } else {
            trailer.set("Size", Object::Integer(i64::from(self.next)));
            out.extend_from_slice(b"xref\n");
            for run in runs(&offsets) {
                let _ = writeln!(out, "{} {}", run[0].0, run.len());
                for (_, offset) in run {
                    let _ = writeln!(out, "{offset:010} 00000 n ");
                }
            }
            out.extend_from_slice(b"trailer\n");
            write_object(&mut out, &Object::Dictionary(trailer));
            out.push(b'\n');
        }
        let _ = write!(out, "startxref\n{xref_at}\n%%EOF\n");
        (out, offsets)
    }
}

/// Consecutive object numbers with their offsets, for the cross-reference subsections.
fn runs(offsets: &BTreeMap<ObjectId, usize>) -> Vec<Vec<(u32, usize)>> {
    let mut runs: Vec<Vec<(u32, usize)>> = Vec::new();
    for (&(n, _), &offset) in offsets {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|&(m, _)| m + 1 == n) => run.push((n, offset)),
            _ => runs.push(vec![(n, offset)]),
        }
    }
    runs
}

/// A cross-reference stream (ISO 32000-1, 7.5.8) for the objects at `offsets`, itself object `id`.
fn write_xref_stream(out: &mut Vec<u8>, id: ObjectId, offsets: &BTreeMap<ObjectId, usize>, mut dict: Dictionary) {
    let mut index = Vec::new();
    let mut data = Vec::new();
    for run in runs(offsets) {
        index.push(Object::Integer(i64::from(run[0].0)));
        index.push(Object::Integer(run.len() as i64));
        for (_, offset) in run {
            data.push(1u8);
            data.extend_from_slice(&(offset as u64).to_be_bytes());
            data.extend_from_slice(&[0, 0]);
        }
    }
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("W", Object::Array(vec![Object::Integer(1), Object::Integer(8), Object::Integer(2)]));
    dict.set("Index", Object::Array(index));
    let _ = writeln!(out, "{} {} obj", id.0, id.1);
    write_object(out, &Object::Stream(lopdf::Stream::new(dict, data)));
    out.extend_from_slice(b"\nendobj\n");
}

/// `object` with its references renumbered through `ids`.
fn renumber(object: &Object, ids: &BTreeMap<ObjectId, ObjectId>) -> Object {
    match object {
        Object::Reference(id) => Object::Reference(ids.get(id).copied().unwrap_or(*id)),
        Object::Array(a) => Object::Array(a.iter().map(|o| renumber(o, ids)).collect()),
        Object::Dictionary(d) => Object::Dictionary(renumber_dict(d, ids)),
        Object::Stream(s) => {
            let mut s = s.clone();
            s.dict = renumber_dict(&s.dict, ids);
            Object::Stream(s)
        }
        other => other.clone(),
    }
}

fn renumber_dict(d: &Dictionary, ids: &BTreeMap<ObjectId, ObjectId>) -> Dictionary {
    d.iter().map(|(k, v)| (k.clone(), renumber(v, ids))).collect()
}

/// Serialises one object in PDF syntax.
pub(crate) fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        Object::Real(r) => write_real(out, *r),
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in s {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => {
            out.push(b'(');
            for &b in s {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, o);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dict(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((n, g)) => {
            let _ = write!(out, "{n} {g} R");
        }
    }
}

fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend_from_slice(b">>");
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_alphanumeric() || b"-_.+*:".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

/// A real number as the shortest decimal that reads back as the same `f32` (no exponent),
/// so that objects rewritten from a parsed file keep their values exactly.
pub(crate) fn write_real(out: &mut Vec<u8>, r: f32) {
    let r = if r.is_finite() && r != 0.0 { r } else { 0.0 };
    let _ = write!(out, "{r}");
}

/// A rectangle as a PDF array.
pub(crate) fn rect_object(r: [f32; 4]) -> Object {
    Object::Array(r.iter().map(|&v| Object::Real(v)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_serialise_in_pdf_syntax() {
        let mut out = Vec::new();
        let d = Dictionary::from_iter([
            ("Type", Object::Name(b"Annot".to_vec())),
            ("T", Object::String(b"a(b)".to_vec(), StringFormat::Literal)),
            ("Rect", rect_object([1.0, 2.5, -0.0, 841.88983])),
            ("P", Object::Reference((7, 0))),
            ("N", Object::Name(b"A B".to_vec())),
        ]);
        write_object(&mut out, &Object::Dictionary(d));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<</Type /Annot/T (a\\(b\\))/Rect [1 2.5 0 841.88983]/P 7 0 R/N /A#20B>>"
        );
    }

    #[test]
    fn text_strings_round_trip() {
        let Object::String(bytes, _) = pdf_text("Người ký") else { panic!() };
        assert_eq!(text_string(&bytes), "Người ký");
        let Object::String(bytes, _) = pdf_text("NguoiKy") else { panic!() };
        assert_eq!(bytes, b"NguoiKy");
    }

    #[test]
    fn subsections_group_consecutive_numbers() {
        let offsets = BTreeMap::from([((3, 0), 10), ((4, 0), 20), ((9, 0), 30)]);
        assert_eq!(runs(&offsets), vec![vec![(3, 10), (4, 20)], vec![(9, 30)]]);
    }

    #[test]
    fn revisions_end_after_each_eof_marker() {
        let bytes = b"%PDF-1.7\n1\n%%EOF\n2\n%%EOF\r\n";
        assert_eq!(revision_ends(bytes), vec![17, 26]);
        assert_eq!(last_startxref(b"x\nstartxref\n  123\n%%EOF"), Some(123));
        assert_eq!(last_startxref(b"no marker"), None);
    }
}
