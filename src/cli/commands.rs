//! Running the subcommands: parse the arguments, call the library, report results.

use super::args::*;
use super::progress::Progress;
use bantin::compose::{self, Settings, Template};
use bantin::config::Config;
use bantin::error::{Error, Result};
use bantin::event::Event;
use bantin::geo::Grid;
use bantin::load::{self, EventFormat};
use bantin::period::Period;
use bantin::print::{self, PrintOptions};
use bantin::stats::{self, report, PeriodStats, StatsOptions};
use bantin::{chart, extract, output, render, sign};
use clap::CommandFactory;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How a run ended when it did not fail.
pub struct Outcome {
    /// Warnings printed (with `--strict`, any makes the exit code 1).
    pub warnings: usize,
}

fn arg_error(what: &str, message: String) -> Error {
    Error::input("<command line>", what, message)
}

/// Runs one command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let quiet = cli.quiet;
    let config = || Config::discover(cli.config.as_deref(), Path::new("."));
    match cli.command {
        Command::Extract(a) => extract_cmd(a, quiet),
        Command::Stats(a) => stats_cmd(a, quiet),
        Command::Chart(a) => chart_cmd(a, quiet),
        Command::Bulletin(a) => bulletin_cmd(a, &config()?, quiet),
        Command::Template { action: TemplateAction::Init { dir } } => {
            for p in Template::write_default(&dir)? {
                emit(format!("{}\n", p.display()).as_bytes())?;
            }
            if !quiet {
                eprintln!(
                    "bantin: edit template.toml (agency, number, signer, recipients) and body.md (the text), then run\n  \
                     bantin bulletin <INPUT>... --period <PERIOD> --template {}",
                    dir.display()
                );
            }
            Ok(Outcome { warnings: 0 })
        }
        Command::Print(a) => {
            let opts = print_options(&a.printing, &config()?, &a.file);
            send_to_printer(&a.file, &opts, quiet)?;
            Ok(Outcome { warnings: 0 })
        }
        Command::Sign(a) => super::signing::sign_cmd(a, quiet),
        Command::Verify { file } => super::signing::verify_cmd(&file),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "bantin", &mut buf);
            emit(&buf)?;
            Ok(Outcome { warnings: 0 })
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error.
pub(super) fn emit(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<standard output>", e)),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path` atomically, or to standard output when `path` is `None`.
fn write_out(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(p) => output::write_atomic(p, bytes),
        None => emit(bytes),
    }
}

/// Loads the inputs one by one, advancing the progress bar.
fn load_all(inputs: &[PathBuf], progress: &Progress) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    if let Some(p) = inputs.iter().find(|p| !p.exists()) {
        return Err(Error::input(
            p.display().to_string(),
            "path",
            "no such file or folder; check the path (inputs are article files, folders of them, or events files)",
        ));
    }
    let files = load::input_files(inputs)?;
    progress.add_steps(files.len());
    progress.step(format!("reading {} files", files.len()));
    events.extend(load::load_files(&files, &|| progress.done())?);
    Ok(events)
}

fn period_and_options(c: &PeriodInputs) -> Result<(Period, StatsOptions)> {
    let period = Period::parse(&c.period).map_err(|m| arg_error("--period", m))?;
    let grid = c.grid.as_deref().map(Grid::parse).transpose().map_err(|m| arg_error("--grid", m))?;
    Ok((period, StatsOptions { grid, no_dedup: c.no_dedup }))
}

fn warn_all(warnings: &[String], progress: &Progress) -> usize {
    for w in warnings {
        progress.println(&format!("bantin: warning: {w}"));
    }
    warnings.len()
}

fn extract_cmd(a: ExtractArgs, quiet: bool) -> Result<Outcome> {
    let progress = Progress::new(1, quiet);
    let events = load_all(&a.inputs, &progress)?;
    let mut warnings = Vec::new();
    let missing = |f: fn(&Event) -> bool| events.iter().filter(|e| e.relevant && f(e)).count();
    let (undated, unplaced) = (missing(|e| e.date.is_none()), missing(|e| e.province.is_none()));
    if undated > 0 {
        warnings.push(format!("{undated} event(s) have no date; add it to the events file or check the article"));
    }
    if unplaced > 0 {
        warnings.push(format!("{unplaced} event(s) have no province; add it to the events file or check the article"));
    }
    let bytes = progress.run("writing", || -> Result<Vec<u8>> {
        if a.explain {
            let parts: Vec<String> = events.iter().map(extract::explain).collect();
            return Ok(parts.join("\n").into_bytes());
        }
        let format = match (a.format, a.output.as_deref().and_then(EventFormat::from_path)) {
            (Some(EventsFormat::Json), _) => EventFormat::Json,
            (Some(EventsFormat::Jsonl), _) => EventFormat::Jsonl,
            (Some(EventsFormat::Csv), _) => EventFormat::Csv,
            (None, Some(f)) => f,
            (None, None) => EventFormat::Json,
        };
        load::write_events(&events, format)
    })?;
    write_out(a.output.as_deref(), &bytes)?;
    progress.clear();
    let n = warn_all(&warnings, &progress);
    if let (Some(p), false) = (&a.output, quiet) {
        eprintln!("bantin: wrote {} events to {}", events.len(), p.display());
    }
    Ok(Outcome { warnings: n })
}

fn compute(c: &PeriodInputs, progress: &Progress) -> Result<(Vec<Event>, Period, PeriodStats)> {
    let (period, opts) = period_and_options(c)?;
    let events = load_all(&c.inputs, progress)?;
    let stats = progress.run("counting", || stats::compute(&events, &period, &opts));
    Ok((events, period, stats))
}

fn stats_cmd(a: StatsArgs, quiet: bool) -> Result<Outcome> {
    let progress = Progress::new(1, quiet);
    let (_, _, stats) = compute(&a.common, &progress)?;
    progress.clear();
    let by = match a.by {
        ByArg::Province => report::By::Province,
        ByArg::Form => report::By::Form,
        ByArg::Grantor => report::By::Grantor,
    };
    let ext = a.output.as_deref().and_then(|p| p.extension()).and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let format = a.format.unwrap_or(match ext.as_deref() {
        Some("json") => StatsFormat::Json,
        Some("csv") => StatsFormat::Csv,
        _ => StatsFormat::Table,
    });
    let bytes = match format {
        StatsFormat::Table => report::table(&stats, by).into_bytes(),
        StatsFormat::Json => report::json(&stats).into_bytes(),
        StatsFormat::Csv => report::csv(&stats, by),
    };
    write_out(a.output.as_deref(), &bytes)?;
    let n = warn_all(&stats.warnings, &progress);
    if let (Some(p), false) = (&a.output, quiet) {
        eprintln!("bantin: wrote {}", p.display());
    }
    Ok(Outcome { warnings: n })
}

fn chart_cmd(a: ChartArgs, quiet: bool) -> Result<Outcome> {
    let ext = a.output.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("svg" | "png")) {
        return Err(arg_error("--output", format!("`{}`: a chart is written as .svg or .png", a.output.display())));
    }
    if !(50.0..=500.0).contains(&a.width_mm) {
        return Err(arg_error("--width-mm", format!("{} mm: give a width from 50 to 500", a.width_mm)));
    }
    let progress = Progress::new(2, quiet);
    let (events, period, stats) = compute(&a.common, &progress)?;
    let kind = match a.kind {
        KindArg::Province => chart::Kind::Province,
        KindArg::Trend => chart::Kind::Trend,
        KindArg::Forms => chart::Kind::Forms,
    };
    let history =
        if kind == chart::Kind::Trend { stats::trend(&events, &period, chart::TREND_MAX_PERIODS) } else { Vec::new() };
    let c = compose::chart(kind, &stats, &history);
    let width_pt = a.width_mm * 72.0 / 25.4;
    let bytes = progress.run("drawing", || match ext.as_deref() {
        Some("png") => c.to_png(width_pt, 300.0),
        _ => c.to_svg(width_pt).map(String::into_bytes),
    });
    let bytes = bytes.map_err(|message| Error::Render { what: format!("chart {}", a.output.display()), message })?;
    output::write_atomic(&a.output, &bytes)?;
    progress.clear();
    let n = warn_all(&stats.warnings, &progress);
    emit(format!("{}\n", a.output.display()).as_bytes())?;
    Ok(Outcome { warnings: n })
}

fn print_options(flags: &PrintFlags, config: &Config, file: &Path) -> PrintOptions {
    let base = config.print.clone().unwrap_or_default();
    PrintOptions {
        printer: flags.printer.clone().or(base.printer),
        copies: flags.copies.unwrap_or(base.copies),
        duplex: flags.duplex || base.duplex,
        title: Some(file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()),
    }
}

fn send_to_printer(file: &Path, opts: &PrintOptions, quiet: bool) -> Result<()> {
    let job = print::print_pdf(file, opts)?;
    if !quiet {
        let printer = job.printer.as_deref().unwrap_or("the default printer");
        eprintln!(
            "bantin: sent {} to {printer} ({} cop{}, {}), job {}",
            file.display(),
            opts.copies,
            if opts.copies == 1 { "y" } else { "ies" },
            if opts.duplex { "both sides" } else { "one side" },
            if job.id.is_empty() { "?" } else { &job.id }
        );
    }
    Ok(())
}

/// The bulletin in format `f`; the PDF with the empty ND30 signature fields when `sign_fields`.
/// With `BANTIN_DEBUG` set, the layout's notes (for example a justified line whose word
/// spaces had to stretch beyond the bound) go to standard error.
fn render_format(f: &DocFormat, bulletin: &bantin::bulletin::Bulletin, sign_fields: bool) -> Result<Vec<u8>> {
    if *f == DocFormat::Pdf && std::env::var_os("BANTIN_DEBUG").is_some() {
        for note in bantin::layout(bulletin)?.notes {
            eprintln!("bantin: layout: {note}");
        }
    }
    match f {
        DocFormat::Pdf if sign_fields => sign::fields::render_with_fields(bulletin, &render::pdf::render(bulletin)?),
        DocFormat::Pdf => render::pdf::render(bulletin),
        DocFormat::Docx => render::docx::render(bulletin),
    }
}

/// Stage times on standard error when `BANTIN_DEBUG` is set (for profiling a run).
struct StageTimer(Option<std::time::Instant>);

impl StageTimer {
    fn from_env() -> StageTimer {
        StageTimer(std::env::var_os("BANTIN_DEBUG").map(|_| std::time::Instant::now()))
    }

    fn mark(&self, stage: &str) {
        if let Some(start) = self.0 {
            eprintln!("bantin: {stage} after {:.2} ms", start.elapsed().as_secs_f64() * 1000.0);
        }
    }
}

fn bulletin_cmd(a: BulletinArgs, config: &Config, quiet: bool) -> Result<Outcome> {
    if a.print && !a.format.contains(&DocFormat::Pdf) {
        return Err(arg_error("--print", "printing needs the PDF; add pdf to --format".into()));
    }
    if a.sign_fields && !a.format.contains(&DocFormat::Pdf) {
        return Err(arg_error("--sign-fields", "ô chữ ký chỉ có trong tệp PDF; thêm pdf vào --format".into()));
    }
    let sign_fields = a.sign_fields || config.bulletin.sign_fields.unwrap_or(false);
    let (period, opts) = period_and_options(&a.common)?;
    let mut settings = Settings::new(source_date_epoch());
    let template_dir = a.template.clone().or_else(|| config.bulletin.template.as_deref().map(|p| config.resolve(p)));
    if let Some(dir) = &template_dir {
        settings.template = Template::load(dir)?;
    }
    config.apply(&mut settings.template.config);
    if let Some(n) = a.number {
        settings.template.config.document.number = n;
    }
    if let Some(d) = &a.date {
        let p = Period::parse(&format!("{d}..{d}"))
            .map_err(|_| arg_error("--date", format!("`{d}` is not a date; write it as YYYY-MM-DD")))?;
        settings.issue_date = Some(p.start);
    }
    let out_dir = a
        .output
        .clone()
        .or_else(|| config.bulletin.output.as_deref().map(|p| config.resolve(p)))
        .unwrap_or_else(|| PathBuf::from("."));

    let timer = StageTimer::from_env();
    let progress = Progress::new(1 + a.format.len(), quiet);
    let events = load_all(&a.common.inputs, &progress)?;
    let (stats, bulletin) =
        progress.run("composing", || compose::bulletin_from_events(&events, &period, &opts, &settings))?;
    timer.mark("read and composed");
    let warnings = warn_all(&stats.warnings, &progress);
    std::fs::create_dir_all(&out_dir).map_err(|e| Error::io(&out_dir, e))?;
    let stem = compose::file_stem(&period);
    let mut pdf_path = None;
    let mut written = Vec::new();
    // The formats render side by side (they only read the bulletin): the first on
    // this thread, which writes it at once, the others on their own. Files are
    // written in the order asked, each atomically, stopping at the first error.
    let names: Vec<&str> = a.format.iter().map(|f| f.label()).collect();
    let mut write = |f: &DocFormat, bytes: Result<Vec<u8>>| -> Result<()> {
        let path = out_dir.join(format!("{stem}.{}", f.extension()));
        output::write_atomic(&path, &bytes?)?;
        if *f == DocFormat::Pdf {
            pdf_path = Some(path.clone());
        }
        written.push(path);
        Ok(())
    };
    progress.run(format!("rendering {}", names.join(", ")), || {
        let Some((first, rest)) = a.format.split_first() else { return Ok(()) };
        std::thread::scope(|s| {
            let bulletin = &bulletin;
            let jobs: Vec<_> =
                rest.iter().map(|f| (f, s.spawn(move || render_format(f, bulletin, sign_fields)))).collect();
            write(first, render_format(first, bulletin, sign_fields))?;
            timer.mark("first written");
            for (f, job) in jobs {
                let rendered = job.join().unwrap_or_else(|_| {
                    Err(Error::Render { what: f.label().into(), message: "the renderer stopped unexpectedly".into() })
                });
                write(f, rendered)?;
            }
            Ok(())
        })
    })?;
    if let Some(MetadataFormat::Xml) = a.metadata {
        let path = out_dir.join(format!("{stem}.xml"));
        output::write_atomic(&path, sign::metadata::DocumentMetadata::of(&bulletin)?.to_xml().as_bytes())?;
        written.push(path);
    }
    timer.mark("written");
    progress.clear();
    for p in &written {
        emit(format!("{}\n", p.display()).as_bytes())?;
    }
    if let (true, Some(pdf)) = (a.print, pdf_path) {
        send_to_printer(&pdf, &print_options(&a.printing, config, &pdf), quiet)?;
    }
    Ok(Outcome { warnings })
}

/// `SOURCE_DATE_EPOCH` when set and valid, otherwise the current time.
fn source_date_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    })
}
