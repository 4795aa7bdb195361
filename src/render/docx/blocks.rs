//! The parts of the page: ND30 header block, tên loại and trích yếu, body blocks
//! and the signature block, each built from named styles.

use super::styles::{self, id, mm_twips};
use super::Ctx;
use crate::bulletin::{Align, Block, Bulletin, Closing, Figure, HeaderBlock, PageSetup, Span, Table as DataTable};
use crate::error::{Error, Result};
use crate::fonts::{self, Face};
use crate::layout;
use crate::vi;
use docx_rs::{
    AlignmentType, BreakType, IndentLevel, LineSpacingType, NumberingId, Paragraph, Pic, Run, SpecialIndentType, Table,
    TableAlignmentType, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// Share of the text width given to the left column of the header block (ND30 convention: 35–45 %).
const HEADER_LEFT_SHARE: f32 = 0.40;
/// Share of the text width given to the recipient column of the signature block.
const CLOSING_LEFT_SHARE: f32 = 0.45;
/// A short rule is this share of the text above it (ND30: 1/3 to 1/2).
const SHORT_RULE_SHARE: f32 = 0.40;
/// Left and right cell padding of data tables, twips (matches the `DataTable` style).
const CELL_PAD_TWIPS: i32 = 85;
/// Resolution of chart pictures.
const CHART_DPI: f32 = 300.0;

/// Drops characters XML 1.0 cannot carry and normalises to NFC.
pub fn clean(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n') || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}'))
        .collect();
    vi::nfc(&kept)
}

/// A run for `text`; line breaks in the text become `w:br`.
fn run(text: &str) -> Run {
    let mut r = Run::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn span_run(s: &Span) -> Run {
    let mut r = run(&s.text);
    if s.bold {
        r = r.bold();
    }
    if s.italic {
        r = r.italic();
    }
    r
}

fn twips_of_pt(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Width in twips of the widest line of `text`.
fn text_twips(face: Face, text: &str, size_pt: f32) -> i32 {
    clean(text).split('\n').map(|l| twips_of_pt(fonts::width(face, l, size_pt))).max().unwrap_or(0)
}

/// A rule `len` twips long, centred in a column `avail` twips wide.
fn rule(ctx: &mut Ctx, avail: i32, len: i32) -> Paragraph {
    let len = len.clamp(1, avail.max(1));
    let side = (avail - len) / 2;
    ctx.para(id::RULE).indent(Some(side), Some(SpecialIndentType::FirstLine(0)), Some(side), None)
}

fn no_borders() -> TableBorders {
    TableBorders::new().clear_all()
}

fn zero_margins() -> TableCellMargins {
    TableCellMargins::new().margin(0, 0, 0, 0)
}

/// A borderless layout table with fixed column widths set on `gridCol` and every `tcW`.
fn layout_table(rows: Vec<Vec<Vec<Paragraph>>>, widths: &[i32], top_pad: usize) -> Table {
    let rows = rows
        .into_iter()
        .map(|cells| {
            let cells = cells
                .into_iter()
                .zip(widths)
                .map(|(paras, &w)| {
                    let mut c = TableCell::new().width(w.max(0) as usize, WidthType::Dxa);
                    for p in paras {
                        c = c.add_paragraph(p);
                    }
                    c
                })
                .collect();
            TableRow::new(cells).cant_split()
        })
        .collect();
    Table::new(rows)
        .set_grid(widths.iter().map(|&w| w.max(0) as usize).collect())
        .width(widths.iter().sum::<i32>().max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(no_borders())
        .margins(zero_margins().margin_top(top_pad, WidthType::Dxa))
}

/// The ND30 header block (ô 1–4) as a borderless two-row, two-column table.
pub fn header_block(ctx: &mut Ctx, h: &HeaderBlock) -> Table {
    let total = ctx.text_twips;
    let national = twips_of_pt(fonts::width(Face::Bold, HeaderBlock::NATIONAL_NAME, 12.0));
    let agency = vi::upper(&clean(&h.agency));
    // A long agency name widens the left column, but the right column must
    // still hold the Quốc hiệu on one line, with a little slack.
    let widest_left =
        text_twips(Face::Bold, &agency, 12.0).max(text_twips(Face::Regular, &h.parent_agency, 12.0)) + 120;
    let share = (total as f32 * HEADER_LEFT_SHARE).round() as i32;
    let left = share.max(widest_left).min(total - national - 200).max(total / 4);
    let right = total - left;

    let mut left_cell = Vec::new();
    if !h.parent_agency.trim().is_empty() {
        left_cell.push(ctx.para(id::PARENT_AGENCY).add_run(run(&vi::upper(&h.parent_agency))));
    }
    left_cell.push(ctx.para(id::AGENCY).add_run(run(&agency)));
    let agency_rule = (text_twips(Face::Bold, &agency, 12.0) as f32 * SHORT_RULE_SHARE).round() as i32;
    left_cell.push(rule(ctx, left, agency_rule));

    let right_cell = vec![
        ctx.para(id::NATIONAL_NAME).add_run(run(HeaderBlock::NATIONAL_NAME)),
        ctx.para(id::MOTTO).add_run(run(HeaderBlock::MOTTO)),
        {
            let motto = text_twips(Face::Bold, HeaderBlock::MOTTO, 13.0);
            rule(ctx, right, motto)
        },
    ];
    let second_row = vec![
        vec![ctx.para(id::NUMBER_LINE).add_run(run(&h.number_line))],
        vec![ctx.para(id::PLACE_DATE).add_run(run(&h.place_date))],
    ];
    layout_table(vec![vec![left_cell, right_cell], second_row], &[left, right], 0)
}

/// Tên loại, the trích yếu lines and the short rule under them.
pub fn title(ctx: &mut Ctx, b: &Bulletin) -> Vec<Paragraph> {
    let size = b.page.body_size_pt;
    let mut out = vec![ctx.para(id::TITLE).add_run(run(&vi::upper(&b.doc_type)))];
    let mut widest = text_twips(Face::Bold, &b.doc_type, size);
    // The trích yếu breaks where the PDF's does (lines of even length, not inside a
    // quoted name), by line breaks in its one paragraph.
    let measure = ctx.text_twips as f32 / 20.0 * layout::SUMMARY_MEASURE;
    for line in &b.summary_lines {
        let lines: Vec<String> =
            clean(line).split('\n').flat_map(|l| layout::balanced_breaks(l, Face::Bold, size, measure)).collect();
        for l in &lines {
            widest = widest.max(text_twips(Face::Bold, l, size));
        }
        out.push(ctx.para(id::SUBTITLE).add_run(run(&lines.join("\n"))));
    }
    let len = (widest as f32 * SHORT_RULE_SHARE).round() as i32;
    let avail = ctx.text_twips;
    let gap = styles::spacing(styles::RULE_GAP_PT, 12.0).line(styles::pt_twips(2.0)).line_rule(LineSpacingType::Exact);
    out.push(rule(ctx, avail, len).line_spacing(gap));
    out
}

/// One body item: a paragraph or a table.
pub enum Item {
    /// A paragraph.
    Para(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

/// The text of a dash line without a leading `-`, which the list style draws.
pub fn strip_dash(spans: &[Span]) -> Vec<Span> {
    let mut v = spans.to_vec();
    if let Some(first) = v.first_mut() {
        let t = first.text.trim_start();
        for dash in ["- ", "– ", "-", "–"] {
            if let Some(rest) = t.strip_prefix(dash) {
                first.text = rest.trim_start().to_string();
                break;
            }
        }
    }
    v
}

/// The text a heading shows: number, space, text; level 1 in upper case.
pub fn heading_text(level: u8, number: &str, text: &str) -> String {
    let t = if level <= 1 { vi::upper(text) } else { text.to_string() };
    if number.is_empty() {
        t
    } else {
        format!("{number} {t}")
    }
}

/// Renders the body blocks in order.
pub fn body(ctx: &mut Ctx, b: &Bulletin) -> Result<Vec<Item>> {
    let mut out = Vec::new();
    for (bi, block) in b.body.iter().enumerate() {
        match block {
            Block::Heading { level, number, text } => {
                let style = id::HEADING[usize::from(level.clamp(&1, &3) - 1)];
                out.push(Item::Para(Box::new(ctx.para(style).add_run(run(&heading_text(*level, number, text))))));
            }
            Block::Paragraph(spans) => {
                let p = spans.iter().fold(ctx.para(id::BODY), |p, s| p.add_run(span_run(s)));
                out.push(Item::Para(Box::new(p)));
            }
            Block::Bullet(spans) => {
                let p =
                    ctx.para(id::LIST_DASH).numbering(NumberingId::new(styles::DASH_NUMBERING_ID), IndentLevel::new(0));
                let p = strip_dash(spans).iter().fold(p, |p, s| p.add_run(span_run(s)));
                out.push(Item::Para(Box::new(p)));
            }
            Block::Table(t) => {
                if !t.caption.trim().is_empty() {
                    out.push(Item::Para(Box::new(ctx.para(id::CAPTION).add_run(run(&t.caption)))));
                }
                out.push(Item::Table(Box::new(data_table(ctx, t, bi, &b.page)?)));
            }
            Block::Figure(f) => {
                out.push(Item::Para(Box::new(figure(ctx, f))));
                if !f.caption.trim().is_empty() {
                    out.push(Item::Para(Box::new(ctx.para(id::FIGURE_CAPTION).add_run(run(&f.caption)))));
                }
            }
        }
    }
    Ok(out)
}

/// Column widths in twips that add up to `total`: each column gets room for its
/// longest cell, and text columns take what is left.
pub fn column_widths(t: &DataTable, total: i32, size_pt: f32) -> Vec<i32> {
    let pad = 2 * CELL_PAD_TWIPS + 60;
    let n = t.columns.len();
    let mut need = vec![0i32; n];
    let mut want = vec![0i32; n];
    for (i, c) in t.columns.iter().enumerate() {
        let longest_word = c.header.split_whitespace().map(|w| text_twips(Face::Bold, w, size_pt)).max().unwrap_or(0);
        need[i] = longest_word + pad;
        want[i] = text_twips(Face::Bold, &c.header, size_pt) + pad;
    }
    for row in t.rows.iter() {
        for (i, cell) in row.iter().enumerate().take(n) {
            let w = text_twips(Face::Regular, cell, size_pt) + pad;
            want[i] = want[i].max(w);
            if t.columns[i].align != Align::Left {
                need[i] = need[i].max(w);
            }
        }
    }
    if let Some(row) = &t.totals {
        for (i, cell) in row.iter().enumerate().take(n) {
            let w = text_twips(Face::Bold, cell, size_pt) + pad;
            want[i] = want[i].max(w);
            if t.columns[i].align != Align::Left {
                need[i] = need[i].max(w);
            }
        }
    }
    let sum_want: i32 = want.iter().sum();
    let sum_need: i32 = need.iter().sum();
    let mut widths = if sum_want <= total {
        // Spread the rest over the text columns (or all columns when none is text).
        let text: Vec<usize> = (0..n).filter(|&i| t.columns[i].align == Align::Left).collect();
        let takers = if text.is_empty() { (0..n).collect() } else { text };
        let mut w = want.clone();
        let extra = total - sum_want;
        for (k, &i) in takers.iter().enumerate() {
            w[i] += extra / takers.len() as i32 + i32::from((k as i32) < extra % takers.len() as i32);
        }
        w
    } else if sum_need <= total {
        let slack = (total - sum_need) as f64;
        let over = (sum_want - sum_need).max(1) as f64;
        (0..n).map(|i| need[i] + (slack * f64::from(want[i] - need[i]) / over).floor() as i32).collect()
    } else {
        (0..n).map(|i| (f64::from(need[i]) * f64::from(total) / f64::from(sum_need)).floor() as i32).collect()
    };
    // Give rounding leftovers to the first column so the grid adds up exactly.
    let diff = total - widths.iter().sum::<i32>();
    if let Some(first) = widths.first_mut() {
        *first += diff;
    }
    widths
}

fn align_of(a: Align) -> Option<AlignmentType> {
    match a {
        Align::Left => None,
        Align::Center => Some(AlignmentType::Center),
        Align::Right => Some(AlignmentType::Right),
    }
}

fn data_table(ctx: &mut Ctx, t: &DataTable, bi: usize, page: &PageSetup) -> Result<Table> {
    let n = t.columns.len();
    if n == 0 {
        return Err(Error::input("<bulletin>", format!("body[{bi}]"), "the table has no columns; add at least one"));
    }
    for (ri, r) in t.rows.iter().chain(t.totals.iter()).enumerate() {
        if r.len() != n {
            let what = if ri == t.rows.len() { "the totals row".to_string() } else { format!("row {ri}") };
            return Err(Error::input(
                "<bulletin>",
                format!("body[{bi}], {what}"),
                format!("has {} cells but the table has {n} columns; give every row one cell per column", r.len()),
            ));
        }
    }
    let size = styles::table_size_pt(page);
    let widths = column_widths(t, ctx.text_twips, size);
    let cell = |p: Paragraph, w: i32| {
        TableCell::new().add_paragraph(p).width(w.max(0) as usize, WidthType::Dxa).vertical_align(VAlignType::Center)
    };
    let mut rows = Vec::with_capacity(t.rows.len() + 2);
    let header: Vec<TableCell> = t
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, &w)| cell(ctx.para(id::TABLE_HEADING).add_run(run(&c.header)), w))
        .collect();
    rows.push(TableRow::new(header).cant_split());
    let text_cell = |ctx: &mut Ctx, style: &str, text: &str, align: Align, w: i32| {
        let mut p = ctx.para(style).add_run(run(text));
        if let Some(a) = align_of(align) {
            p = p.align(a);
        }
        cell(p, w)
    };
    for r in &t.rows {
        let cells = r
            .iter()
            .zip(&t.columns)
            .zip(&widths)
            .map(|((text, col), &w)| text_cell(ctx, id::TABLE_TEXT, text, col.align, w));
        rows.push(TableRow::new(cells.collect()).cant_split());
    }
    if let Some(totals) = t.totals_cells() {
        let cells = totals.into_iter().map(|c| {
            let w = widths[c.column..c.column + c.span].iter().sum();
            let cell = text_cell(ctx, id::TABLE_TOTAL, c.text, c.align, w);
            if c.span > 1 {
                cell.grid_span(c.span)
            } else {
                cell
            }
        });
        rows.push(TableRow::new(cells.collect()).cant_split());
    }
    let borders = styles::data_borders().fold(TableBorders::new(), TableBorders::set);
    Ok(Table::new(rows)
        .style(id::DATA_TABLE)
        .set_grid(widths.iter().map(|&w| w.max(0) as usize).collect())
        .width(widths.iter().sum::<i32>().max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .set_borders(borders)
        .margins(
            TableCellMargins::new()
                .margin_left(CELL_PAD_TWIPS as usize, WidthType::Dxa)
                .margin_right(CELL_PAD_TWIPS as usize, WidthType::Dxa),
        ))
}

/// The width of a figure in a text column `text_twips` wide, in points.
pub fn chart_width_pt(text_twips: i32) -> f32 {
    text_twips as f32 / 20.0
}

/// Every figure's chart with its place in the body, in body order.
pub fn charts(b: &Bulletin) -> Vec<(usize, &crate::chart::Chart)> {
    b.body
        .iter()
        .enumerate()
        .filter_map(|(bi, x)| match x {
            Block::Figure(f) => Some((bi, &f.chart)),
            _ => None,
        })
        .collect()
}

/// How many pixels the PNG of `chart` has, for a text column `text_twips` wide.
pub fn chart_pixels(chart: &crate::chart::Chart, text_twips: i32) -> usize {
    let (w, h) = chart.png_size(chart_width_pt(text_twips), CHART_DPI);
    w as usize * h as usize
}

/// The PNG of one chart for a text column `text_twips` wide, or an error naming
/// the figure's place in the body.
pub fn chart_png(chart: &crate::chart::Chart, bi: usize, text_twips: i32) -> Result<Vec<u8>> {
    chart.to_png(chart_width_pt(text_twips), CHART_DPI).map_err(|message| chart_error(bi, message))
}

/// A chart that could not be drawn, named by its place in the body.
pub fn chart_error(bi: usize, message: String) -> Error {
    Error::Render { what: format!("DOCX chart at body[{bi}]"), message }
}

fn figure(ctx: &mut Ctx, f: &Figure) -> Paragraph {
    let k = ctx.figures.len();
    // The PNG itself is drawn meanwhile on another thread, at this size.
    let (w_px, h_px) = f.chart.png_size(chart_width_pt(ctx.text_twips), CHART_DPI);
    let emu_per_px = 914_400.0 / f64::from(CHART_DPI);
    let (w_emu, h_emu) = ((f64::from(w_px) * emu_per_px).round() as u32, (f64::from(h_px) * emu_per_px).round() as u32);
    ctx.figures.push(clean(&f.chart.description()));
    let pic = Pic::new_with_dimensions(super::package::placeholder(k), w_px, h_px)
        .size(w_emu, h_emu)
        .id(format!("rIdImage{}", ctx.figures.len()));
    ctx.para(id::FIGURE).add_run(Run::new().add_image(pic))
}

/// The signature block (ô 7, 9b) as a borderless two-column table.
pub fn closing(ctx: &mut Ctx, c: &Closing) -> Table {
    let total = ctx.text_twips;
    let left = (total as f32 * CLOSING_LEFT_SHARE).round() as i32;
    let mut left_cell = Vec::new();
    if !c.recipients.is_empty() {
        left_cell.push(ctx.para(id::RECIPIENTS_HEADING).add_run(run("Nơi nhận:")));
        for r in &c.recipients {
            left_cell.push(ctx.para(id::RECIPIENTS).add_run(run(r)));
        }
    } else {
        left_cell.push(ctx.para(id::RECIPIENTS));
    }
    let mut right_cell: Vec<Paragraph> =
        c.signer_titles.iter().map(|t| ctx.para(id::SIGNER_TITLE).add_run(run(&vi::upper(t)))).collect();
    right_cell.push(ctx.para(id::SIGNER_NAME).add_run(run(&c.signer_name)));
    layout_table(vec![vec![left_cell, right_cell]], &[left, total - left], styles::pt_twips(12.0).max(0) as usize)
}

/// The header of pages 2 onwards: the page number, centred (ND30: not on page 1).
pub fn page_number(ctx: &mut Ctx) -> Paragraph {
    use docx_rs::{FieldCharType, InstrPAGE, InstrText};
    ctx.para(id::HEADER)
        .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("2"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

/// Text width in twips for a page setup.
pub fn text_width_twips(page: &PageSetup) -> i32 {
    mm_twips(page.text_width_mm())
}
