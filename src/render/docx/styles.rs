//! The named Word styles of a bulletin: every paragraph refers to one of these,
//! so a clerk who edits the file keeps the ND30 look by picking a style.

use crate::bulletin::PageSetup;
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, IndentLevel, Level, LevelJc, LevelSuffixType, LevelText, LineSpacing,
    LineSpacingType, NumberFormat, Numbering, NumberingId, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    RunFonts, SpecialIndentType, Start, Style, StyleType, TableBorder, TableBorderPosition, TableCellMargins,
    TableProperty, WidthType,
};

/// Style ids (ASCII) used in `document.xml`.
pub mod id {
    /// Normal: the ND30 body paragraph.
    pub const NORMAL: &str = "Normal";
    /// Body paragraphs.
    pub const BODY: &str = "BodyText";
    /// Dash list items (`- …`).
    pub const LIST_DASH: &str = "ListDash";
    /// Headings `I.`, `1.`, `a)`.
    pub const HEADING: [&str; 3] = ["Heading1", "Heading2", "Heading3"];
    /// Tên loại (e.g. `BẢN TIN`).
    pub const TITLE: &str = "Title";
    /// Trích yếu under the tên loại.
    pub const SUBTITLE: &str = "Subtitle";
    /// Table body cells.
    pub const TABLE_TEXT: &str = "TableText";
    /// Table header cells.
    pub const TABLE_HEADING: &str = "TableHeading";
    /// Cells of the totals row.
    pub const TABLE_TOTAL: &str = "TableTotal";
    /// Table and figure captions.
    pub const CAPTION: &str = "Caption";
    /// Figure captions (under the picture).
    pub const FIGURE_CAPTION: &str = "FigureCaption";
    /// The paragraph holding a chart picture.
    pub const FIGURE: &str = "Figure";
    /// Tên cơ quan chủ quản (regular).
    pub const PARENT_AGENCY: &str = "ParentAgency";
    /// Tên cơ quan ban hành (bold).
    pub const AGENCY: &str = "Agency";
    /// Quốc hiệu.
    pub const NATIONAL_NAME: &str = "NationalName";
    /// Tiêu ngữ.
    pub const MOTTO: &str = "Motto";
    /// Số, ký hiệu.
    pub const NUMBER_LINE: &str = "NumberLine";
    /// Địa danh và thời gian.
    pub const PLACE_DATE: &str = "PlaceDate";
    /// A short horizontal rule (an empty paragraph with a top border).
    pub const RULE: &str = "Rule";
    /// `Nơi nhận:`.
    pub const RECIPIENTS_HEADING: &str = "RecipientsHeading";
    /// The recipient list.
    pub const RECIPIENTS: &str = "Recipients";
    /// Quyền hạn, chức vụ of the signer.
    pub const SIGNER_TITLE: &str = "SignerTitle";
    /// Name of the signer.
    pub const SIGNER_NAME: &str = "SignerName";
    /// Page header (page number).
    pub const HEADER: &str = "Header";
    /// The table style of data tables (borders, cell margins).
    pub const DATA_TABLE: &str = "DataTable";
}

/// The numbering id that draws the `-` of [`id::LIST_DASH`] paragraphs.
pub const DASH_NUMBERING_ID: usize = 2;

/// The document font, Times New Roman, in every script slot (ASCII, high ANSI,
/// East Asian, complex script) so Vietnamese never falls back to another font.
pub fn fonts() -> RunFonts {
    let f = "Times New Roman";
    RunFonts::new().ascii(f).hi_ansi(f).east_asia(f).cs(f)
}

/// Points to half-points (the unit of `w:sz`).
pub fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(2.0) as usize
}

/// Points to twips.
pub fn pt_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Millimetres to twips.
pub fn mm_twips(mm: f32) -> i32 {
    (f64::from(mm) * 1440.0 / 25.4).round() as i32
}

/// First-line indent of body paragraphs: 1.27 cm.
pub const FIRST_LINE_TWIPS: i32 = 720;

/// Size of the table text relative to the body (ND30 leaves tables open; one point smaller reads well).
pub fn table_size_pt(page: &PageSetup) -> f32 {
    (page.body_size_pt - 1.0).max(11.0)
}

/// Paragraph spacing before and after, in points.
pub fn spacing(before_pt: f32, after_pt: f32) -> LineSpacing {
    LineSpacing::new().before(pt_twips(before_pt) as u32).after(pt_twips(after_pt) as u32)
}

fn single(before_pt: f32, after_pt: f32) -> LineSpacing {
    spacing(before_pt, after_pt).line(240).line_rule(LineSpacingType::Auto)
}

fn para(id: &str, name: &str, based_on: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name).based_on(based_on)
}

/// A centred, unindented, single-spaced style for the header and signature blocks.
fn block(id: &str, name: &str, size_pt: f32) -> Style {
    para(id, name, id::NORMAL)
        .size(half_points(size_pt))
        .align(AlignmentType::Center)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), Some(0), None)
        .line_spacing(single(0.0, 0.0))
}

fn keep_next(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

fn caps(mut s: Style) -> Style {
    s.run_property = s.run_property.caps();
    s
}

/// The rule: an empty paragraph two points high whose top border is the line;
/// each use sets its own left and right indents to give the line its length.
fn rule() -> Style {
    let mut s = block(id::RULE, "Đường kẻ", 1.0)
        .line_spacing(spacing(RULE_GAP_PT, 0.0).line(pt_twips(2.0)).line_rule(LineSpacingType::Exact));
    s.paragraph_property = s.paragraph_property.set_borders(
        ParagraphBorders::with_empty()
            .set(ParagraphBorder::new(ParagraphBorderPosition::Top).size(RULE_EIGHTHS).color("000000")),
    );
    s
}

/// Gap between a line of text and the rule under it, in points (clears the descenders).
pub const RULE_GAP_PT: f32 = 3.0;

/// Figure captions sit under the picture, italic and not bold (as in the PDF writer).
fn figure_caption(size_pt: f32) -> Style {
    block(id::FIGURE_CAPTION, "Chú thích hình", size_pt).italic().line_spacing(single(6.0, 6.0))
}

/// Thickness of rules in eighths of a point (0.75 pt).
pub const RULE_EIGHTHS: usize = 6;

/// Every style of the document, Normal first.
pub fn all(page: &PageSetup) -> Vec<Style> {
    let body = page.body_size_pt;
    let line = (240.0 * page.line_spacing).round() as i32;
    let table = table_size_pt(page);
    let normal = Style::new(id::NORMAL, StyleType::Paragraph)
        .name("Normal")
        .fonts(fonts())
        .size(half_points(body))
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(FIRST_LINE_TWIPS)), None, None)
        .line_spacing(spacing(0.0, 6.0).line(line).line_rule(LineSpacingType::Auto));
    let mut body_text = para(id::BODY, "Body Text", id::NORMAL);
    body_text.paragraph_property = body_text.paragraph_property.widow_control(true);
    // The dash sits at the first-line indent, as in the PDF writer; wrapped lines return to the margin.
    let mut list = para(id::LIST_DASH, "List Dash", id::NORMAL).indent(
        Some(0),
        Some(SpecialIndentType::FirstLine(FIRST_LINE_TWIPS)),
        None,
        None,
    );
    list.paragraph_property =
        list.paragraph_property.numbering(NumberingId::new(DASH_NUMBERING_ID), IndentLevel::new(0));
    let heading = |level: usize, name: &str| {
        keep_next(para(id::HEADING[level], name, id::NORMAL).line_spacing(spacing(6.0, 6.0)).outline_lvl(level))
    };
    let block_table = data_borders().fold(TableProperty::new(), TableProperty::set_border);
    let data_table = Style::new(id::DATA_TABLE, StyleType::Table).name("Bảng số liệu").table_property(
        block_table.set_margins(
            TableCellMargins::new()
                .margin_left(85, WidthType::Dxa)
                .margin_right(85, WidthType::Dxa)
                .margin_top(0, WidthType::Dxa)
                .margin_bottom(0, WidthType::Dxa),
        ),
    );
    vec![
        normal,
        body_text,
        list,
        caps(heading(0, "heading 1").bold()),
        heading(1, "heading 2").bold(),
        heading(2, "heading 3").italic(),
        keep_next(block(id::TITLE, "Title", body).bold().line_spacing(single(18.0, 0.0))),
        keep_next(block(id::SUBTITLE, "Subtitle", body).bold()),
        block(id::TABLE_TEXT, "Table Text", table).align(AlignmentType::Left).line_spacing(single(2.0, 2.0)),
        para(id::TABLE_HEADING, "Table Heading", id::TABLE_TEXT).bold().align(AlignmentType::Center),
        para(id::TABLE_TOTAL, "Table Total", id::TABLE_TEXT).bold(),
        keep_next(block(id::CAPTION, "caption", table).bold().line_spacing(single(6.0, 6.0))),
        figure_caption(table),
        keep_next(block(id::FIGURE, "Figure", body).line_spacing(single(6.0, 0.0))),
        block(id::PARENT_AGENCY, "Tên cơ quan chủ quản", 12.0),
        block(id::AGENCY, "Tên cơ quan ban hành", 12.0).bold(),
        block(id::NATIONAL_NAME, "Quốc hiệu", 12.0).bold(),
        block(id::MOTTO, "Tiêu ngữ", 13.0).bold(),
        block(id::NUMBER_LINE, "Số, ký hiệu", 13.0).line_spacing(single(6.0, 0.0)),
        block(id::PLACE_DATE, "Địa danh và thời gian", 13.0).italic().line_spacing(single(6.0, 0.0)),
        rule(),
        block(id::RECIPIENTS_HEADING, "Nơi nhận", 12.0).bold().italic().align(AlignmentType::Left),
        block(id::RECIPIENTS, "Danh sách nơi nhận", 11.0).align(AlignmentType::Left),
        caps(block(id::SIGNER_TITLE, "Chức vụ người ký", body).bold()),
        block(id::SIGNER_NAME, "Họ tên người ký", body).bold().line_spacing(single(72.0, 0.0)),
        block(id::HEADER, "header", body),
        data_table,
    ]
}

/// Adds the styles, document defaults and the dash numbering to `docx`.
pub fn install(mut docx: Docx, page: &PageSetup) -> Docx {
    docx = docx.default_fonts(fonts()).default_size(half_points(page.body_size_pt));
    for s in all(page) {
        docx = docx.add_style(s);
    }
    docx.add_abstract_numbering(
        AbstractNumbering::new(DASH_NUMBERING_ID).add_level(
            Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("-"), LevelJc::new("left"))
                .indent(Some(0), Some(SpecialIndentType::FirstLine(FIRST_LINE_TWIPS)), None, None)
                .suffix(LevelSuffixType::Space),
        ),
    )
    .add_numbering(Numbering::new(DASH_NUMBERING_ID, DASH_NUMBERING_ID))
}

/// The borders of a data table, outside and inside: single black lines of half a point
/// (border sizes are in eighths of a point).
pub fn data_borders() -> impl Iterator<Item = TableBorder> {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .map(|pos| TableBorder::new(pos).size(4).color("000000"))
}
