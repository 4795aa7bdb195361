//! The semantic bulletin: what the document says, independent of PDF or DOCX.
//!
//! A [`Bulletin`] is built from statistics (by a template, see [`crate::compose`](mod@crate::compose))
//! or by hand, and both writers in [`crate::render`] consume the same value.

use crate::chart::Chart;
use serde::{Deserialize, Serialize};

/// Page setup within the ND30/2020 ranges (Phụ lục I).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PageSetup {
    /// Top margin in mm (ND30: 20–25).
    pub margin_top_mm: f32,
    /// Bottom margin in mm (ND30: 20–25).
    pub margin_bottom_mm: f32,
    /// Left margin in mm (ND30: 30–35).
    pub margin_left_mm: f32,
    /// Right margin in mm (ND30: 15–20).
    pub margin_right_mm: f32,
    /// Body text size in pt (ND30: 13–14).
    pub body_size_pt: f32,
    /// Line spacing as a multiple of the font size (ND30: 1.0–1.5).
    pub line_spacing: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        PageSetup {
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            body_size_pt: 14.0,
            line_spacing: 1.2,
        }
    }
}

impl PageSetup {
    /// A4 width in mm.
    pub const PAGE_WIDTH_MM: f32 = 210.0;
    /// A4 height in mm.
    pub const PAGE_HEIGHT_MM: f32 = 297.0;

    /// Width of the text column in mm.
    pub fn text_width_mm(&self) -> f32 {
        Self::PAGE_WIDTH_MM - self.margin_left_mm - self.margin_right_mm
    }

    /// Checks every value against the ND30 ranges.
    pub fn validate(&self) -> Result<(), String> {
        let checks = [
            ("margin_top_mm", self.margin_top_mm, 20.0, 25.0),
            ("margin_bottom_mm", self.margin_bottom_mm, 20.0, 25.0),
            ("margin_left_mm", self.margin_left_mm, 30.0, 35.0),
            ("margin_right_mm", self.margin_right_mm, 15.0, 20.0),
            ("body_size_pt", self.body_size_pt, 13.0, 14.0),
            ("line_spacing", self.line_spacing, 1.0, 1.5),
        ];
        for (name, v, lo, hi) in checks {
            if !(lo..=hi).contains(&v) {
                return Err(format!("{name} = {v} is outside the ND30 range {lo}–{hi}"));
            }
        }
        Ok(())
    }
}

/// The ND30 header block (ô 1–4): agency on the left, national motto on the right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderBlock {
    /// Tên cơ quan chủ quản, e.g. `BỘ CÔNG AN` (upper case, regular).
    pub parent_agency: String,
    /// Tên cơ quan ban hành, e.g. `CÔNG AN TỈNH THÁI BÌNH` (upper case, bold); may hold a line break.
    pub agency: String,
    /// Số, ký hiệu line, e.g. `Số: 05/BC-CAT`.
    pub number_line: String,
    /// Địa danh và thời gian, e.g. `Thái Bình, ngày 05 tháng 7 năm 2020` (italic).
    pub place_date: String,
}

impl HeaderBlock {
    /// Quốc hiệu (ô 1), fixed by ND30.
    pub const NATIONAL_NAME: &'static str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    /// Tiêu ngữ (ô 1), fixed by ND30.
    pub const MOTTO: &'static str = "Độc lập - Tự do - Hạnh phúc";
}

/// The signature block and recipient list (ô 7 and 9b).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Closing {
    /// `Nơi nhận:` list, one recipient a line (e.g. `- Như trên;`).
    pub recipients: Vec<String>,
    /// Signing authority and title, e.g. `KT. GIÁM ĐỐC` then `PHÓ GIÁM ĐỐC` (upper case, bold).
    pub signer_titles: Vec<String>,
    /// Signer's rank and name, e.g. `Đại tá Nguyễn Văn A`.
    pub signer_name: String,
}

/// Document properties written to PDF Info and DOCX core properties.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// Document title.
    pub title: String,
    /// Author: the issuing agency.
    pub author: String,
    /// Subject line.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation time as seconds since the Unix epoch (from `SOURCE_DATE_EPOCH` when set).
    pub created_unix: i64,
}

/// A run of text with one style.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// The text, NFC.
    pub text: String,
    /// Bold.
    #[serde(default)]
    pub bold: bool,
    /// Italic.
    #[serde(default)]
    pub italic: bool,
}

impl Span {
    /// A plain span.
    pub fn plain(text: impl Into<String>) -> Self {
        Span { text: text.into(), bold: false, italic: false }
    }
    /// A bold span.
    pub fn bold(text: impl Into<String>) -> Self {
        Span { text: text.into(), bold: true, italic: false }
    }
    /// An italic span.
    pub fn italic(text: impl Into<String>) -> Self {
        Span { text: text.into(), bold: false, italic: true }
    }
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Align {
    /// Left (text).
    #[default]
    Left,
    /// Centred (STT, short codes).
    Center,
    /// Right (numbers).
    Right,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Alignment of the body cells.
    pub align: Align,
}

/// A table with a repeated header row and an optional totals row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Caption, e.g. `Bảng 1. Kết quả khen thưởng theo tỉnh`.
    pub caption: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Body rows; every row has one cell per column.
    pub rows: Vec<Vec<String>>,
    /// Totals row (bold), if any.
    pub totals: Option<Vec<String>>,
}

/// One cell of a table's totals row as the writers set it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TotalsCell<'a> {
    /// The text.
    pub text: &'a str,
    /// Its alignment.
    pub align: Align,
    /// The column it starts in.
    pub column: usize,
    /// How many columns it spans.
    pub span: usize,
}

impl Table {
    /// The totals row as cells: one per column, except that an empty first cell
    /// (the STT column) and the label after it are one cell, centred.
    pub fn totals_cells(&self) -> Option<Vec<TotalsCell<'_>>> {
        let totals = self.totals.as_ref()?;
        let mut cells: Vec<TotalsCell> = totals
            .iter()
            .zip(&self.columns)
            .enumerate()
            .map(|(column, (text, c))| TotalsCell { text, align: c.align, column, span: 1 })
            .collect();
        if cells.len() >= 2 && cells[0].text.is_empty() {
            cells.splice(0..2, [TotalsCell { text: cells[1].text, align: Align::Center, column: 0, span: 2 }]);
        }
        Some(cells)
    }
}

/// A figure: a chart that each writer draws in its own way (vector in PDF, PNG in DOCX).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Caption, e.g. `Hình 1. Số lượt khen thưởng theo tỉnh`.
    pub caption: String,
    /// The chart to draw.
    pub chart: Chart,
}

/// One block of body content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A numbered heading: `level` 1 is `I.` (upper case, bold), 2 is `1.`, 3 is `a)`.
    Heading {
        /// 1, 2 or 3.
        level: u8,
        /// The number as printed, e.g. `I.`, `2.`, `đ)`.
        number: String,
        /// Heading text.
        text: String,
    },
    /// A justified body paragraph with first-line indent.
    Paragraph(Vec<Span>),
    /// A bulleted line (`- …`), justified, no first-line indent.
    Bullet(Vec<Span>),
    /// A table.
    Table(Table),
    /// A figure.
    Figure(Figure),
}

/// A whole bulletin, ready to render.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bulletin {
    /// Page setup.
    pub page: PageSetup,
    /// Header block (ô 1–4).
    pub header: HeaderBlock,
    /// Tên loại, e.g. `BẢN TIN`.
    pub doc_type: String,
    /// Trích yếu lines under the tên loại, e.g. `Kết quả … quý II năm 2020`.
    pub summary_lines: Vec<String>,
    /// Body blocks in order.
    pub body: Vec<Block>,
    /// Signature block and recipients.
    pub closing: Closing,
    /// Document properties.
    pub metadata: Metadata,
}

impl Bulletin {
    /// Every piece of text the document will show, for glyph-coverage checks.
    /// Each item is `(where, text)`.
    pub fn texts(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("header.parent_agency".to_string(), self.header.parent_agency.clone()),
            ("header.agency".into(), self.header.agency.clone()),
            ("header.number_line".into(), self.header.number_line.clone()),
            ("header.place_date".into(), self.header.place_date.clone()),
            ("header.national_name".into(), HeaderBlock::NATIONAL_NAME.into()),
            ("header.motto".into(), HeaderBlock::MOTTO.into()),
            ("doc_type".into(), self.doc_type.clone()),
            ("closing.signer_name".into(), self.closing.signer_name.clone()),
            ("closing.heading".into(), "Nơi nhận:".into()),
        ];
        for (i, l) in self.summary_lines.iter().enumerate() {
            out.push((format!("summary_lines[{i}]"), l.clone()));
        }
        for (i, l) in self.closing.recipients.iter().enumerate() {
            out.push((format!("closing.recipients[{i}]"), l.clone()));
        }
        for (i, l) in self.closing.signer_titles.iter().enumerate() {
            out.push((format!("closing.signer_titles[{i}]"), l.clone()));
        }
        for (bi, b) in self.body.iter().enumerate() {
            let at = format!("body[{bi}]");
            match b {
                Block::Heading { number, text, .. } => out.push((at, format!("{number} {text}"))),
                Block::Paragraph(spans) | Block::Bullet(spans) => {
                    out.push((at, spans.iter().map(|s| s.text.as_str()).collect()))
                }
                Block::Table(t) => {
                    out.push((format!("{at}.caption"), t.caption.clone()));
                    for c in &t.columns {
                        out.push((format!("{at}.header"), c.header.clone()));
                    }
                    for (ri, r) in t.rows.iter().chain(t.totals.iter()).enumerate() {
                        for c in r {
                            out.push((format!("{at}.row[{ri}]"), c.clone()));
                        }
                    }
                }
                Block::Figure(f) => {
                    out.push((format!("{at}.caption"), f.caption.clone()));
                    for l in f.chart.labels() {
                        out.push((format!("{at}.chart"), l));
                    }
                }
            }
        }
        out
    }
}
