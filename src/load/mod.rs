//! Loading inputs: article files, directories of them, and events files
//! (`.json` array, `.jsonl`, `.csv`), with errors that name the file and place;
//! and writing events files that load back unchanged.
//!
//! Events read from files are validated: impossible dates, negative counts and counts
//! over [`MAX_COUNT`], empty ids, unknown or ambiguous provinces (with suggestions) are
//! errors. Province names are rewritten to their gazetteer spelling (`TP.HCM` → `Hồ Chí Minh`).

mod csv_events;
mod json_events;
mod validate;

use crate::article::Article;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::extract;
use std::path::{Path, PathBuf};

pub use validate::MAX_COUNT;

/// The formats of an events file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventFormat {
    /// A JSON array of events (written pretty-printed).
    Json,
    /// JSON Lines: one event per line.
    Jsonl,
    /// CSV: one row per award line with the event's columns repeated (UTF-8 with BOM).
    Csv,
}

impl EventFormat {
    /// The format named by a file's extension (`.json`, `.jsonl`, `.csv`, any case).
    pub fn from_path(path: &Path) -> Option<EventFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        EventFormat::parse(&ext).ok()
    }

    /// Parses `json`, `jsonl` (or `ndjson`) or `csv`.
    pub fn parse(s: &str) -> std::result::Result<EventFormat, String> {
        match s.trim().trim_start_matches('.').to_ascii_lowercase().as_str() {
            "json" => Ok(EventFormat::Json),
            "jsonl" | "ndjson" => Ok(EventFormat::Jsonl),
            "csv" => Ok(EventFormat::Csv),
            other => Err(format!("`{other}` is not an events format; use json, jsonl or csv")),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            EventFormat::Json => "json",
            EventFormat::Jsonl => "jsonl",
            EventFormat::Csv => "csv",
        }
    }
}

/// Loads every input path into events, in a deterministic order.
///
/// A path may be an events file (by extension), an article file (any other extension)
/// or a directory, whose article (`*.txt`, `*.md`) and events files are read in name order.
pub fn load_inputs(paths: &[PathBuf]) -> Result<Vec<Event>> {
    load_files(&input_files(paths)?, &|| {})
}

/// The files the input paths stand for: directories expanded to their article and
/// events files in name order, other paths kept as given.
pub fn input_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_file() {
            out.push(path.clone());
            continue;
        }
        if !meta.is_dir() {
            return Err(Error::input(
                path.display().to_string(),
                "file",
                "is not a regular file (a pipe, socket or device); save the input to a file and give that",
            ));
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            // Regular files, and entries that vanished since the listing (a dangling
            // link): reading those fails with an error naming them instead of
            // silently dropping an input. Pipes and devices are skipped.
            .filter(|p| std::fs::metadata(p).map_or(true, |m| m.is_file()))
            .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
            .filter(|p| {
                EventFormat::from_path(p).is_some()
                    || p.extension().and_then(|x| x.to_str()).is_some_and(|x| {
                        let x = x.to_ascii_lowercase();
                        x == "txt" || x == "md"
                    })
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::input(
                path.display().to_string(),
                "directory",
                "no article files (*.txt, *.md) or events files (*.json, *.jsonl, *.csv) in this directory; \
                 give a directory that holds some, or the files themselves",
            ));
        }
        out.extend(files);
    }
    Ok(out)
}

/// Below this many files, extraction runs on the calling thread.
const PARALLEL_FROM: usize = 64;

/// Loads files in order, extracting articles on all cores for large inputs.
///
/// Each worker holds one article at a time, so memory stays flat however many
/// files there are. `on_file` is called once per file read (for a progress bar).
/// On failure the error of the first failing file in input order is returned.
pub fn load_files(files: &[PathBuf], on_file: &(dyn Fn() + Sync)) -> Result<Vec<Event>> {
    let workers = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(files.len());
    if files.len() < PARALLEL_FROM || workers < 2 {
        let mut out = Vec::new();
        for f in files {
            out.extend(load_file(f)?);
            on_file();
        }
        return Ok(out);
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<Vec<Event>>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        let r = load_file(f);
                        let failed = r.is_err();
                        mine.push((i, r));
                        on_file();
                        if failed {
                            break;
                        }
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    if results.len() < files.len() && !results.iter().any(|(_, r)| r.is_err()) {
        return Err(Error::Render { what: "input".into(), message: "a worker thread stopped early".into() });
    }
    let mut out = Vec::with_capacity(files.len());
    for (_, r) in results {
        out.extend(r?);
    }
    Ok(out)
}

fn load_file(path: &Path) -> Result<Vec<Event>> {
    match EventFormat::from_path(path) {
        Some(format) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            read_events(&path.display().to_string(), &bytes, format)
        }
        None => Ok(vec![extract::extract(&Article::read(path)?)]),
    }
}

/// Parses and validates the bytes of an events file; `file` names it in errors.
pub fn read_events(file: &str, bytes: &[u8], format: EventFormat) -> Result<Vec<Event>> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes.get(..at).unwrap_or_default().iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(
            file,
            format!("line {line}, byte {at}"),
            "the file is not UTF-8 text; save it as UTF-8 and try again",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::input(
            file,
            "line 1",
            format!(
                "the file is empty; an events file holds {}",
                match format {
                    EventFormat::Json => "a JSON array of events (`[]` for none)",
                    EventFormat::Jsonl => "one JSON event per line",
                    EventFormat::Csv => "a header row and one row per award line",
                }
            ),
        ));
    }
    match format {
        EventFormat::Json => json_events::read_array(file, text),
        EventFormat::Jsonl => json_events::read_lines(file, text),
        EventFormat::Csv => csv_events::read(file, text),
    }
}

/// Writes events in a format; [`read_events`] gives the same events back.
///
/// Zero events cannot be written as JSON Lines (an empty file is refused on reading).
pub fn write_events(events: &[Event], format: EventFormat) -> Result<Vec<u8>> {
    let render = |e: serde_json::Error| Error::Render { what: "events file".into(), message: e.to_string() };
    match format {
        EventFormat::Json => {
            let mut v = serde_json::to_vec_pretty(events).map_err(render)?;
            v.push(b'\n');
            Ok(v)
        }
        EventFormat::Jsonl if events.is_empty() => Err(Error::Render {
            what: "events file".into(),
            message: "there are no events to write, and an empty JSON Lines file would not load back; \
                      write JSON (`[]`) or CSV instead"
                .into(),
        }),
        EventFormat::Jsonl => {
            let mut v = Vec::new();
            for e in events {
                serde_json::to_writer(&mut v, e).map_err(render)?;
                v.push(b'\n');
            }
            Ok(v)
        }
        EventFormat::Csv => csv_events::write(events),
    }
}
