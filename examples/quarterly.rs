//! Embedding bantin: build the quarterly bulletin of 2020-Q2 from the sample articles
//! in an internal tool, with the office's own agency and signer, and write PDF and DOCX.
//!
//! ```text
//! cargo run --example quarterly [OUTPUT_DIR]
//! ```

use bantin::compose::{self, Settings, Template};
use bantin::period::Period;
use bantin::stats::StatsOptions;
use bantin::{load, output, render};
use std::path::PathBuf;

fn main() -> bantin::Result<()> {
    let out_dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "target/quarterly".into()));

    // 1. Events: extracted from articles (events files in .json, .jsonl or .csv load the same way).
    let mut events = load::load_inputs(&["examples/articles".into()])?;
    // Or made by another system: here, 120 synthetic events of the quarter.
    events.extend(bantin::sample::events(120, 2020, 4));

    // 2. Statistics of the quarter, on the grid in force at its end.
    let period = Period::parse("2020-Q2").map_err(|m| bantin::Error::input("example", "period", m))?;

    // 3. The default template, with this office's details (what bantin.toml does for the CLI).
    let mut template = Template::default_quarterly();
    template.config.agency.name = "CÔNG AN TỈNH NGHỆ AN".into();
    template.config.agency.place = "Nghệ An".into();
    template.config.document.number = 7;
    template.config.signer.name = "Đại tá Trần Văn Bình".into();
    // 1 July 2020, 00:00 in Vietnam: the issue date and the document's metadata.
    let settings = Settings { template, ..Settings::new(1_593_536_400) };

    let (stats, bulletin) = compose::bulletin_from_events(&events, &period, &StatsOptions::default(), &settings)?;
    println!(
        "{}: {} events in {} provinces, {} awards",
        period.label(),
        stats.totals.events,
        stats.rows.len(),
        stats.totals.total()
    );

    // 4. Render to bytes, and write each file atomically.
    std::fs::create_dir_all(&out_dir).map_err(|e| bantin::Error::io(&out_dir, e))?;
    let stem = compose::file_stem(&period);
    for (ext, bytes) in [("pdf", render::pdf::render(&bulletin)?), ("docx", render::docx::render(&bulletin)?)] {
        let path = out_dir.join(format!("{stem}.{ext}"));
        output::write_atomic(&path, &bytes)?;
        println!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}
