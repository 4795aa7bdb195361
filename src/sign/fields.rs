//! Where ND30 puts the two signatures, and the empty signature fields that mark those places.
//!
//! Phụ lục I, II.7(d): the signer's signature image (ô 7c) is centred between the
//! title line (chức vụ) and the name. II.8(a): the agency's seal image (ô 8), at its
//! real size, covers about a third of the signer's image, on its left. The boxes are
//! found from the laid-out closing block (the text runs of the titles and the name on
//! the last page), so they follow whatever the layout engine did.

use super::pdf::{pdf_text, rect_object, Pdf, Update};
use super::{err, Role};
use crate::bulletin::Bulletin;
use crate::error::{Error, Result};
use crate::fonts::{self, Face};
use crate::layout::{Item, Layout, TextRun};
use lopdf::{Dictionary, Object};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// Width of the signer's box (ô 7c), when the column allows it.
pub const SIGNATURE_WIDTH_MM: f32 = 50.0;
/// Diameter of the seal image (ô 8). ND30 asks for the seal's real size; the round seals of
/// provincial agencies are about 35–40 mm across, so the box is made for 36 mm.
pub const SEAL_MM: f32 = 36.0;
/// Size and leading of the agency's signature text under the seal (Phụ lục I: Times New Roman 10 pt).
pub const TEXT_SIZE: f32 = 10.0;
/// Baseline-to-baseline distance of that text.
pub const TEXT_LEADING: f32 = 12.0;
/// The signing time as the agency's text shows it, for measuring (ISO 8601, Vietnam time).
const TIME_SAMPLE: &str = "0000-00-00T00:00:00+07:00";

/// A rectangle in PDF user space: `[left, bottom, right, top]`, points from the bottom-left corner.
pub type Rect = [f32; 4];

/// The two signature boxes of a bulletin, on its last page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldBoxes {
    /// 0-based page index (the page of the signature block).
    pub page: usize,
    /// ô 7c: the signer's signature image.
    pub signer: Rect,
    /// ô 8: the agency's seal image, with room for the signing text under it.
    pub agency: Rect,
    /// The seal's own square inside [`FieldBoxes::agency`] (its top part).
    pub seal: Rect,
}

impl FieldBoxes {
    /// The box of `role`.
    pub fn rect(&self, role: Role) -> Rect {
        match role {
            Role::Signer => self.signer,
            Role::Agency => self.agency,
        }
    }
}

/// The text runs of the signature block: `(title lines, name lines)` on the last page.
fn closing_runs<'l>(bulletin: &Bulletin, layout: &'l Layout) -> Option<(usize, Vec<&'l TextRun>, Vec<&'l TextRun>)> {
    let page = layout.pages.len().checked_sub(1)?;
    let c = &bulletin.closing;
    let bold: Vec<&TextRun> = layout.pages[page]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if t.face == Face::Bold && !t.text.trim().is_empty() => Some(t),
            _ => None,
        })
        .collect();
    let part_of = |whole: &str, t: &TextRun| whole.contains(t.text.trim());
    // The name is the last bold text of the page that is part of it; its lines sit together.
    let last = bold.iter().rposition(|t| part_of(&c.signer_name, t))?;
    let mut first = last;
    while first > 0 && part_of(&c.signer_name, bold[first - 1]) && bold[last].y - bold[first - 1].y < 40.0 {
        first -= 1;
    }
    let name: Vec<&TextRun> = bold[first..=last].to_vec();
    let mut titles: Vec<&TextRun> = Vec::new();
    for t in bold[..first].iter().rev() {
        if c.signer_titles.iter().any(|title| part_of(title, t)) && name[0].y - t.y < 200.0 {
            titles.push(t);
        } else if !titles.is_empty() {
            break;
        }
    }
    (!titles.is_empty()).then_some((page, titles, name))
}

/// The ND30 signature boxes of `bulletin` as laid out in `layout`.
pub fn boxes(bulletin: &Bulletin, layout: &Layout) -> Result<FieldBoxes> {
    let (page, titles, name) = closing_runs(bulletin, layout).ok_or_else(|| {
        Error::input(
            "<bản tin>",
            "khối chữ ký",
            "không tìm thấy chức vụ và họ tên người ký ở trang cuối; bản tin cần có [signer] titles và name",
        )
    })?;
    let bottom = |t: &TextRun| t.y - fonts::metrics(t.face).descent_pt(t.size);
    let top = |t: &TextRun| t.y - fonts::metrics(t.face).ascent_pt(t.size);
    let title_bottom = titles.iter().map(|t| bottom(t)).fold(f32::MIN, f32::max);
    let name_top = name.iter().map(|t| top(t)).fold(f32::MAX, f32::min);
    let centre = name.iter().map(|t| t.x + t.width() / 2.0).sum::<f32>() / name.len() as f32;
    // The column the block is centred in: from the name's centre to the right edge of the text.
    let column = 2.0 * (layout.text_area.2 - centre);
    let width = (SIGNATURE_WIDTH_MM * MM).min(column);
    let (sig_top, sig_bottom) = (title_bottom + 2.0, name_top - 2.0);
    let h = layout.height;
    let signer = [centre - width / 2.0, h - sig_bottom, centre + width / 2.0, h - sig_top];

    let seal = SEAL_MM * MM;
    let seal_right = signer[0] + width / 3.0;
    let middle = (sig_top + sig_bottom) / 2.0;
    let seal_rect = [seal_right - seal, h - (middle + seal / 2.0), seal_right, h - (middle - seal / 2.0)];
    let agency_name = bulletin.header.agency.replace('\n', " ");
    let text_w =
        fonts::width(Face::Regular, &agency_name, TEXT_SIZE).max(fonts::width(Face::Regular, TIME_SAMPLE, TEXT_SIZE))
            + 2.0;
    let agency = [seal_rect[0], seal_rect[1] - 2.0 * TEXT_LEADING - 4.0, seal_rect[0] + seal.max(text_w), seal_rect[3]];
    Ok(FieldBoxes { page, signer, agency, seal: seal_rect })
}

/// The bulletin's PDF with the two empty ND30 signature fields added (an incremental
/// update: the pages, their content and every other object stay as they were).
pub fn render_with_fields(bulletin: &Bulletin, pdf: &[u8]) -> Result<Vec<u8>> {
    let layout = crate::layout::layout(bulletin)?;
    add_fields(pdf, &boxes(bulletin, &layout)?, "<bản tin>")
}

/// Adds the two empty signature fields (`NguoiKy` for ô 7c, `CoQuan` for ô 8) to `pdf`
/// as an incremental update. `file` names the PDF in errors.
pub fn add_fields(pdf: &[u8], boxes: &FieldBoxes, file: &str) -> Result<Vec<u8>> {
    let doc = Pdf::read(pdf, file)?;
    if !doc.signature_fields().is_empty() {
        return Err(err(file, "AcroForm", "tệp PDF đã có ô chữ ký; không thêm lần nữa"));
    }
    let pages = doc.doc.get_pages();
    let page_id = *pages
        .get(&(boxes.page as u32 + 1))
        .ok_or_else(|| err(file, format!("trang {}", boxes.page + 1), "tệp PDF không có trang này"))?;
    let mut up = Update::new(&doc);
    let mut field_ids = Vec::new();
    for role in [Role::Signer, Role::Agency] {
        let rect = boxes.rect(role);
        let empty = up.add(&Object::Stream(lopdf::Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                ("BBox", rect_object([0.0, 0.0, rect[2] - rect[0], rect[3] - rect[1]])),
            ]),
            Vec::new(),
        )));
        let field = Dictionary::from_iter([
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Widget".to_vec())),
            ("FT", Object::Name(b"Sig".to_vec())),
            ("T", pdf_text(role.field_name())),
            ("TU", pdf_text(role.description())),
            ("Rect", rect_object(rect)),
            ("F", Object::Integer(4)),
            ("P", Object::Reference(page_id)),
            ("AP", Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(empty))]))),
        ]);
        field_ids.push(up.add(&Object::Dictionary(field)));
    }
    let refs = || field_ids.iter().map(|&id| Object::Reference(id));

    // The page lists the widgets among its annotations.
    let mut page = doc.doc.get_dictionary(page_id).map_err(|e| err(file, "trang", e.to_string()))?.clone();
    match page.get(b"Annots").ok().cloned() {
        Some(Object::Reference(id)) => {
            let mut annots = match doc.resolve(&Object::Reference(id)) {
                Object::Array(a) => a.clone(),
                _ => Vec::new(),
            };
            annots.extend(refs());
            up.set(id, &Object::Array(annots));
        }
        Some(Object::Array(mut a)) => {
            a.extend(refs());
            page.set("Annots", Object::Array(a));
            up.set(page_id, &Object::Dictionary(page));
        }
        _ => {
            page.set("Annots", Object::Array(refs().collect()));
            up.set(page_id, &Object::Dictionary(page));
        }
    }

    // The catalog's interactive form lists the fields.
    let root = doc.root_id().ok_or_else(|| err(file, "trailer", "tệp PDF không có /Root"))?;
    match doc.acroform() {
        Some((Some(id), mut form)) => {
            append_fields(&doc, &mut form, refs());
            up.set(id, &Object::Dictionary(form));
        }
        existing => {
            let mut form = existing.map(|(_, f)| f).unwrap_or_default();
            append_fields(&doc, &mut form, refs());
            let form_id = up.add(&Object::Dictionary(form));
            let mut catalog = doc.doc.get_dictionary(root).map_err(|e| err(file, "catalog", e.to_string()))?.clone();
            catalog.set("AcroForm", Object::Reference(form_id));
            up.set(root, &Object::Dictionary(catalog));
        }
    }
    Ok(up.finish().0)
}

fn append_fields(doc: &Pdf, form: &mut Dictionary, fields: impl Iterator<Item = Object>) {
    let mut list = match form.get(b"Fields").ok().map(|f| doc.resolve(f)) {
        Some(Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    list.extend(fields);
    form.set("Fields", Object::Array(list));
}
