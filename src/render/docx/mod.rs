//! DOCX writer: maps the bulletin onto Word styles so the file stays editable.
//!
//! The document is built with docx-rs from named styles ([`styles`]), then the
//! package is rewritten ([`package`]) for what docx-rs cannot express: core
//! properties, repeated table header rows, picture alt text, and fixed
//! timestamps so the same bulletin always gives the same bytes.

mod blocks;
mod package;
mod styles;

use crate::bulletin::{Bulletin, PageSetup};
use crate::error::{Error, Result};
use docx_rs::{Docx, Header, PageMargin, Paragraph};

/// Build state: paragraph ids and figure descriptions, local to one document so
/// that two renders in one process give the same bytes.
struct Ctx {
    next_para: u32,
    text_twips: i32,
    /// Alt text of each figure, in document order.
    figures: Vec<String>,
    /// The PNG of each figure, in document order, rasterised ahead in parallel.
    /// docx-rs gets a placeholder ([`package::placeholder`]) and [`package::finish`]
    /// puts these in its place, stored as they are: deflating an already compressed
    /// PNG twice (once by docx-rs, once on rewriting) took a fifth of a DOCX render.
    pngs: Vec<Vec<u8>>,
}

impl Ctx {
    /// A new paragraph in `style` with the next paragraph id.
    fn para(&mut self, style: &str) -> Paragraph {
        self.next_para += 1;
        Paragraph::new().id(format!("{:08X}", self.next_para)).style(style)
    }
}

/// Header distance from the page edge in mm (inside the 20–25 mm top margin).
const HEADER_DISTANCE_MM: f32 = 10.0;

/// Renders a bulletin to DOCX bytes.
pub fn render(bulletin: &Bulletin) -> Result<Vec<u8>> {
    let page = &bulletin.page;
    page.validate().map_err(|m| Error::input("<bulletin>", "page", m))?;
    let text_twips = blocks::text_width_twips(page);
    let pngs = blocks::rasterise_figures(bulletin, text_twips)?;
    let mut ctx = Ctx { next_para: 0, text_twips, figures: Vec::new(), pngs };

    let mut docx = styles::install(Docx::new(), page)
        .page_size(
            styles::mm_twips(PageSetup::PAGE_WIDTH_MM) as u32,
            styles::mm_twips(PageSetup::PAGE_HEIGHT_MM) as u32,
        )
        .page_margin(
            PageMargin::new()
                .top(styles::mm_twips(page.margin_top_mm))
                .bottom(styles::mm_twips(page.margin_bottom_mm))
                .left(styles::mm_twips(page.margin_left_mm))
                .right(styles::mm_twips(page.margin_right_mm))
                .header(styles::mm_twips(HEADER_DISTANCE_MM))
                .footer(styles::mm_twips(HEADER_DISTANCE_MM))
                .gutter(0),
        );
    let number = blocks::page_number(&mut ctx);
    let empty = ctx.para(styles::id::HEADER);
    docx = docx.header(Header::new().add_paragraph(number)).first_header(Header::new().add_paragraph(empty));

    docx = docx.add_table(blocks::header_block(&mut ctx, &bulletin.header));
    for p in blocks::title(&mut ctx, bulletin) {
        docx = docx.add_paragraph(p);
    }
    for item in blocks::body(&mut ctx, bulletin)? {
        docx = match item {
            blocks::Item::Para(p) => docx.add_paragraph(*p),
            blocks::Item::Table(t) => docx.add_table(*t),
        };
    }
    docx = docx.add_table(blocks::closing(&mut ctx, &bulletin.closing));

    let mut raw = std::io::Cursor::new(Vec::new());
    docx.pack(&mut raw).map_err(|e| Error::Render { what: "DOCX".into(), message: e.to_string() })?;
    package::finish(&raw.into_inner(), bulletin, &ctx.figures, &ctx.pngs)
}
