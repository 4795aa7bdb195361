//! The `bantin` command: a thin layer over the library.

use bantin::compose::{Settings, Template};
use bantin::error::Error;
use bantin::geo::Grid;
use bantin::period::Period;
use bantin::{compose, load, output, render, stats};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns Vietnamese news articles about emulation-and-award events into formal ND30 bulletins (PDF, DOCX).
#[derive(Parser)]
#[command(name = "bantin", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a bulletin for a period as PDF and DOCX.
    #[command(
        after_help = "Example:\n  bantin bulletin examples/articles --period 2020 -o out/\n  bantin bulletin events.json --period 2020-Q2 --format pdf -o out/"
    )]
    Bulletin {
        /// Article files (.txt), folders of them, or events files (.json, .jsonl, .csv).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The period: 2020, 2020-Q2, 2020-H1, 2020-06 or 2020-04-01..2020-06-30.
        #[arg(long, short)]
        period: String,
        /// Output formats, comma-separated.
        #[arg(long, short, value_delimiter = ',', default_value = "pdf,docx")]
        format: Vec<DocFormat>,
        /// Output folder (created if missing).
        #[arg(long, short, default_value = ".")]
        output: PathBuf,
        /// Province grid to count on: 63 (before 2025-07-01) or 34 (after). Default: the grid in force at the period's end.
        #[arg(long)]
        grid: Option<String>,
        /// A template folder (see `bantin template init`).
        #[arg(long)]
        template: Option<PathBuf>,
        /// Issue date printed on the document (YYYY-MM-DD). Default: today, or SOURCE_DATE_EPOCH.
        #[arg(long)]
        date: Option<String>,
    },
    /// Extract events from articles and write them as JSON.
    #[command(after_help = "Example:\n  bantin extract examples/articles -o events.json")]
    Extract {
        /// Article files (.txt) or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output file; standard output when absent.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Work with bulletin templates.
    Template {
        #[command(subcommand)]
        action: TemplateAction,
    },
}

#[derive(Subcommand)]
enum TemplateAction {
    /// Write a copy of the default template to edit.
    #[command(
        after_help = "Example:\n  bantin template init my-template\n  bantin bulletin examples/articles --period 2020 --template my-template -o out/"
    )]
    Init {
        /// Folder to create.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DocFormat {
    Pdf,
    Docx,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!(
            "bantin: internal error: {info}\nThis is a bug in bantin; please report it together with the input files."
        );
    }));
    let cli = Cli::parse();
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("bantin: error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
        Err(_) => ExitCode::from(3),
    }
}

fn input_error(what: &str, message: String) -> Error {
    Error::input("<command line>", what, message)
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Bulletin { inputs, period, format, output, grid, template, date } => {
            let period = Period::parse(&period).map_err(|m| input_error("--period", m))?;
            let grid = grid.map(|g| Grid::parse(&g)).transpose().map_err(|m| input_error("--grid", m))?;
            let mut settings = Settings::default();
            if let Some(dir) = template {
                settings.template = Template::load(&dir)?;
            }
            if let Some(d) = date {
                let p = Period::parse(&format!("{d}..{d}")).map_err(|m| input_error("--date", m))?;
                settings.issue_date = Some(p.start);
            }
            let events = load::load_inputs(&inputs)?;
            let stats = stats::compute(&events, &period, &stats::StatsOptions { grid, ..Default::default() });
            for w in &stats.warnings {
                eprintln!("bantin: warning: {w}");
            }
            let bulletin = compose::compose(&stats, &settings)?;
            std::fs::create_dir_all(&output).map_err(|e| Error::io(&output, e))?;
            let stem = format!("ban-tin-{}", slug(&period));
            for f in format {
                let (bytes, ext) = match f {
                    DocFormat::Pdf => (render::pdf::render(&bulletin)?, "pdf"),
                    DocFormat::Docx => (render::docx::render(&bulletin)?, "docx"),
                };
                let path = output.join(format!("{stem}.{ext}"));
                output::write_atomic(&path, &bytes)?;
                println!("{}", path.display());
            }
            Ok(())
        }
        Command::Extract { inputs, output } => {
            let events = load::load_inputs(&inputs)?;
            let json = serde_json::to_string_pretty(&events)
                .map_err(|e| Error::Render { what: "JSON".into(), message: e.to_string() })?;
            match output {
                Some(p) => {
                    output::write_atomic(&p, format!("{json}\n").as_bytes())?;
                    eprintln!("bantin: wrote {} events to {}", events.len(), p.display());
                }
                None => println!("{json}"),
            }
            Ok(())
        }
        Command::Template { action: TemplateAction::Init { dir } } => {
            for p in Template::write_default(&dir)? {
                println!("{}", p.display());
            }
            Ok(())
        }
    }
}

/// A file-name-safe form of the period: `2020`, `2020-Q2`, `2020-04-01_2020-06-30`.
fn slug(p: &Period) -> String {
    use bantin::period::PeriodKind::*;
    let y = p.start.year;
    match p.kind {
        Year => y.to_string(),
        Quarter => format!("{y}-Q{}", p.start.month.div_ceil(3)),
        Half => format!("{y}-H{}", if p.start.month == 1 { 1 } else { 2 }),
        Month => format!("{y}-{:02}", p.start.month),
        Custom => format!("{}_{}", p.start, p.end),
    }
}
