//! # bantin
//!
//! Turns Vietnamese news reports of police emulation-and-award events
//! (*phong trào thi đua "Vì an ninh Tổ quốc"*) into formal bulletins (*bản tin*)
//! laid out under Nghị định 30/2020/NĐ-CP, as PDF and DOCX.
//!
//! The pipeline runs one way, one module per stage:
//!
//! ```text
//! article text ─▶ extract ─▶ Event ─▶ stats ─▶ compose ─▶ Bulletin ─▶ layout ─▶ render::{pdf, docx}
//! ```
//!
//! ## From events to a bulletin
//!
//! Each stage is one call at the top level of the crate: load or extract events,
//! compute the statistics of a period, compose the bulletin from the default template,
//! and render it (the layout engine runs inside each writer; [`layout()`] gives its pages):
//!
//! ```
//! # fn main() -> bantin::Result<()> {
//! // Events: from article files and folders, or events files (.json, .jsonl, .csv) ...
//! let mut events = bantin::load_inputs(&["examples/articles".into()])?;
//! // ... or made elsewhere (here: 60 synthetic events of April–June 2020).
//! events.extend(bantin::sample::events(60, 2020, 4));
//!
//! let period = bantin::Period::parse("2020-Q2").expect("a valid period");
//! let stats = bantin::compute_stats(&events, &period, &bantin::StatsOptions::default());
//! assert_eq!(stats.period.label(), "quý II năm 2020");
//! assert!(stats.totals.events >= 60);
//!
//! // The library reads neither the clock nor the environment: pass the creation time.
//! let settings = bantin::Settings::new(1_593_561_600);
//! let bulletin = bantin::compose(&stats, &settings)?;
//! assert_eq!(bulletin.header.place_date, "Thái Bình, ngày 01 tháng 7 năm 2020");
//!
//! let pdf: Vec<u8> = bantin::render_pdf(&bulletin)?;
//! let docx: Vec<u8> = bantin::render_docx(&bulletin)?;
//! assert!(pdf.starts_with(b"%PDF-") && docx.starts_with(b"PK"));
//! assert!(bantin::layout(&bulletin)?.pages.len() >= 2);
//!
//! // Written atomically: a failed write never leaves half a file.
//! let path = std::env::temp_dir().join(format!("{}.pdf", bantin::compose::file_stem(&period)));
//! bantin::output::write_atomic(&path, &pdf)?;
//! # std::fs::remove_file(&path).ok();
//! # Ok(()) }
//! ```
//!
//! [`bulletin_from_events`] does the statistics and the trend history in one call.
//! One article can also be extracted from text in memory:
//!
//! ```
//! let article = bantin::Article::parse(
//!     "tin.txt",
//!     "Ngày 15/6/2020, Công an tỉnh Quảng Nam tổ chức hội nghị điển hình tiên tiến, \
//!      tặng Giấy khen cho 12 tập thể và 30 cá nhân.".as_bytes(),
//! )?;
//! let event = bantin::extract(&article);
//! println!("{}", bantin::explain(&event));
//! # Ok::<(), bantin::Error>(())
//! ```
//!
//! ## Templates and settings
//!
//! The words come from a template: `template.toml` (agency, number, signer, recipients,
//! page) and `body.md` (Markdown with Jinja expressions such as `{{ num(totals.total) }}`,
//! `{{ change(totals.total, previous.total, "lượt") }}`, `{{ table("provinces") }}`,
//! `{{ chart("trend") }}`); see the [`compose` module](mod@compose). [`compose::Template::load`] reads a folder
//! written by `bantin template init`; [`config::Config`] applies an office's `bantin.toml`.
//!
//! ## A bulletin by hand
//!
//! A [`bulletin::Bulletin`] is plain data, so it can also be written without a template:
//!
//! ```
//! use bantin::bulletin::*;
//!
//! let bulletin = Bulletin {
//!     page: PageSetup::default(),
//!     header: HeaderBlock {
//!         parent_agency: "BỘ CÔNG AN".into(),
//!         agency: "CÔNG AN TỈNH QUẢNG NAM".into(),
//!         number_line: "Số: 03/BC-CAT".into(),
//!         place_date: "Quảng Nam, ngày 02 tháng 7 năm 2020".into(),
//!     },
//!     doc_type: "BẢN TIN".into(),
//!     summary_lines: vec!["Kết quả khen thưởng quý II năm 2020".into()],
//!     body: vec![
//!         Block::Heading { level: 1, number: "I.".into(), text: "TÌNH HÌNH CHUNG".into() },
//!         Block::Paragraph(vec![Span::plain("Trong quý, "), Span::bold("42 lượt"), Span::plain(" được khen thưởng.")]),
//!     ],
//!     closing: Closing {
//!         recipients: vec!["- Lưu: VT.".into()],
//!         signer_titles: vec!["GIÁM ĐỐC".into()],
//!         signer_name: "Đại tá Nguyễn Văn A".into(),
//!     },
//!     metadata: Metadata::default(),
//! };
//! let pdf = bantin::render_pdf(&bulletin)?;
//! assert!(pdf.starts_with(b"%PDF-"));
//! # Ok::<(), bantin::Error>(())
//! ```
//!
//! ## Printing
//!
//! [`print::print_pdf`] sends a PDF through CUPS (`lp`) on A4 at 100% scale, with copies
//! and duplex.
//!
//! ## Errors
//!
//! Every failure is an [`Error`] that names the file and the place (line, record, field)
//! and says what to do; [`Error::exit_code`] gives the command line's exit code.
#![deny(missing_docs)]

pub mod article;
pub mod bulletin;
pub mod chart;
pub mod collate;
pub mod compose;
pub mod config;
mod deflate;
pub mod error;
pub mod event;
pub mod extract;
pub mod fonts;
pub mod geo;
pub mod layout;
pub mod load;
pub mod output;
pub mod period;
pub mod print;
pub mod render;
pub mod sample;
pub mod sign;
pub mod stats;
pub mod vi;

pub use error::{Error, Result};

// The pipeline at the top level, stage by stage: what an embedder needs.
pub use article::Article;
pub use bulletin::Bulletin;
pub use compose::{bulletin_from_events, compose, Settings, Template};
pub use event::{Award, Event, EventDate, Scope};
pub use extract::{explain, extract};
pub use geo::Grid;
pub use layout::{layout, Layout};
pub use load::{load_inputs, read_events, write_events, EventFormat};
pub use period::Period;
pub use render::docx::render as render_docx;
pub use render::pdf::render as render_pdf;
pub use stats::{compute as compute_stats, PeriodStats, StatsOptions};
