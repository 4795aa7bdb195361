//! Loading inputs: article files, directories of them, and events files
//! (`.json` array, `.jsonl`, `.csv`), with errors that name the file and place.

use crate::article::Article;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::extract;
use std::path::{Path, PathBuf};

/// Loads every input path into events, in a deterministic order.
pub fn load_inputs(paths: &[PathBuf]) -> Result<Vec<Event>> {
    let mut events = Vec::new();
    for p in paths {
        load_path(p, &mut events)?;
    }
    Ok(events)
}

fn load_path(path: &Path, out: &mut Vec<Event>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::input(
                path.display().to_string(),
                "directory",
                "no article files (*.txt) in this directory",
            ));
        }
        for f in files {
            out.push(extract::extract(&Article::read(&f)?));
        }
        return Ok(());
    }
    let file = path.display().to_string();
    match path.extension().and_then(|x| x.to_str()).unwrap_or("") {
        "json" => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let v: Vec<Event> = serde_json::from_slice(&bytes)
                .map_err(|e| Error::input(&file, format!("line {}, column {}", e.line(), e.column()), e.to_string()))?;
            out.extend(v);
        }
        "jsonl" => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                let e: Event = serde_json::from_str(line).map_err(|e| {
                    Error::input(&file, format!("line {}, column {}", i + 1, e.column()), e.to_string())
                })?;
                out.push(e);
            }
        }
        _ => out.push(extract::extract(&Article::read(path)?)),
    }
    Ok(())
}
