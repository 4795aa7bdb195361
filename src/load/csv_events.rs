//! CSV events files: one row per award line, the event's columns repeated on each row.
//!
//! Columns (any order; only `id` is required): see [`COLUMNS`]. `award` numbers an event's
//! award lines 1, 2, …; a row whose `award` is 2 or more continues the event above it, and an
//! event without award lines has one row with `award` empty. Without an `award` column,
//! consecutive rows with the same `id` form one event. `movements` and `officials` hold JSON
//! arrays. Empty cells mean "not given".

use super::validate::check;
use crate::error::{Error, Result};
use crate::event::{Award, Basis, Event, EventDate, Scope};
use std::collections::HashMap;

/// The columns, in the order the writer uses.
pub const COLUMNS: [&str; 23] = [
    "id",
    "relevant",
    "kind",
    "date",
    "date_basis",
    "date_evidence",
    "province",
    "province_basis",
    "province_evidence",
    "source_file",
    "source_url",
    "source_title",
    "source_published",
    "movements",
    "officials",
    "award",
    "form",
    "grantor",
    "collectives",
    "individuals",
    "combined",
    "scope",
    "evidence",
];

type Field<T> = std::result::Result<T, (String, String)>;

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn json_str<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Writes events as CSV (UTF-8 with BOM, CRLF line ends).
pub(super) fn write(events: &[Event]) -> Result<Vec<u8>> {
    let fail = |e: csv::Error| Error::Render { what: "events CSV".into(), message: e.to_string() };
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    w.write_record(COLUMNS).map_err(fail)?;
    for e in events {
        let list = |empty: bool, v: String| if empty { String::new() } else { v };
        let head = [
            e.id.clone(),
            e.relevant.to_string(),
            e.kind.clone().unwrap_or_default(),
            e.date.map(|d| d.to_string()).unwrap_or_default(),
            e.date_basis.map(|b| json_str(&b)).unwrap_or_default(),
            e.date_evidence.clone().unwrap_or_default(),
            e.province.clone().unwrap_or_default(),
            e.province_basis.map(|b| json_str(&b)).unwrap_or_default(),
            e.province_evidence.clone().unwrap_or_default(),
            e.source.file.clone(),
            e.source.url.clone().unwrap_or_default(),
            e.source.title.clone().unwrap_or_default(),
            e.source.published.map(|d| d.to_string()).unwrap_or_default(),
            list(e.movements.is_empty(), serde_json::to_string(&e.movements).unwrap_or_default()),
            list(e.officials.is_empty(), serde_json::to_string(&e.officials).unwrap_or_default()),
        ];
        let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        if e.awards.is_empty() {
            let row: Vec<String> = head.iter().cloned().chain(std::iter::repeat_n(String::new(), 8)).collect();
            w.write_record(&row).map_err(fail)?;
        }
        for (i, a) in e.awards.iter().enumerate() {
            let tail = [
                (i + 1).to_string(),
                a.form.clone(),
                a.grantor.clone().unwrap_or_default(),
                num(a.collectives),
                num(a.individuals),
                num(a.combined),
                json_str(&a.scope),
                a.evidence.clone(),
            ];
            let row: Vec<&String> = head.iter().chain(tail.iter()).collect();
            w.write_record(row).map_err(fail)?;
        }
    }
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(w.into_inner().map_err(|e| Error::Render { what: "events CSV".into(), message: e.to_string() })?);
    Ok(out)
}

/// One CSV row, read by column name.
struct Row<'a> {
    record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    fn get(&self, name: &str) -> &str {
        self.columns.get(name).and_then(|&i| self.record.get(i)).unwrap_or("")
    }

    fn err<T>(&self, name: &str, msg: String) -> Field<T> {
        Err((name.to_string(), msg))
    }

    fn date(&self, name: &str) -> Field<Option<EventDate>> {
        match self.get(name) {
            "" => Ok(None),
            s => s.parse().map(Some).or_else(|m: String| self.err(name, m)),
        }
    }

    fn basis(&self, name: &str) -> Field<Option<Basis>> {
        match self.get(name) {
            "" => Ok(None),
            s => serde_json::from_value(serde_json::Value::String(s.to_string()))
                .map(Some)
                .or_else(|_| self.err(name, format!("`{s}` is not a basis; use text, published, outlet or manual"))),
        }
    }

    fn count(&self, name: &str) -> Field<Option<u32>> {
        let s = self.get(name).trim();
        if s.is_empty() {
            return Ok(None);
        }
        let what = if s.starts_with('-') { "a negative number" } else { "not a whole number" };
        s.parse::<u32>().map(Some).or_else(|_| {
            self.err(
                name,
                format!(
                    "`{s}` is {what}; a count is a whole number from 0 to {}",
                    crate::vi::number(i64::from(super::MAX_COUNT))
                ),
            )
        })
    }

    fn json_list<T: serde::de::DeserializeOwned>(&self, name: &str) -> Field<Vec<T>> {
        match self.get(name) {
            "" => Ok(Vec::new()),
            s => serde_json::from_str(s).or_else(|e| self.err(name, format!("expected a JSON array: {e}"))),
        }
    }

    fn event(&self) -> Field<Event> {
        let relevant = match self.get("relevant").trim().to_ascii_lowercase().as_str() {
            "" | "true" | "1" => true,
            "false" | "0" => false,
            other => return self.err("relevant", format!("`{other}` is not true or false")),
        };
        Ok(Event {
            id: self.get("id").to_string(),
            source: crate::event::Source {
                file: self.get("source_file").to_string(),
                url: opt(self.get("source_url")),
                title: opt(self.get("source_title")),
                published: self.date("source_published")?,
            },
            relevant,
            kind: opt(self.get("kind")),
            date: self.date("date")?,
            date_basis: self.basis("date_basis")?,
            date_evidence: opt(self.get("date_evidence")),
            province: opt(self.get("province")),
            province_basis: self.basis("province_basis")?,
            province_evidence: opt(self.get("province_evidence")),
            movements: self.json_list("movements")?,
            officials: self.json_list("officials")?,
            awards: Vec::new(),
        })
    }

    fn award(&self) -> Field<Option<Award>> {
        let present = ["form", "grantor", "collectives", "individuals", "combined", "scope", "evidence"]
            .iter()
            .any(|c| !self.get(c).is_empty());
        if !present && self.get("award").is_empty() {
            return Ok(None);
        }
        let scope = match self.get("scope").trim() {
            "" | "event" => Scope::Event,
            "period" => Scope::Period,
            other => return self.err("scope", format!("`{other}` is not a scope; use event or period")),
        };
        Ok(Some(Award {
            form: self.get("form").to_string(),
            grantor: opt(self.get("grantor")),
            collectives: self.count("collectives")?,
            individuals: self.count("individuals")?,
            combined: self.count("combined")?,
            scope,
            evidence: self.get("evidence").to_string(),
        }))
    }
}

/// Reads a CSV events file (BOM already removed).
pub(super) fn read(file: &str, text: &str) -> Result<Vec<Event>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers =
        reader.headers().map_err(|e| Error::input(file, "line 1", format!("cannot read the header row: {e}")))?;
    let mut columns = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim();
        if !COLUMNS.contains(&h) {
            return Err(Error::input(
                file,
                format!("line 1, column {}", i + 1),
                format!("unknown column `{h}`; the columns are {}", COLUMNS.join(", ")),
            ));
        }
        columns.insert(h.to_string(), i);
    }
    if !columns.contains_key("id") {
        return Err(Error::input(file, "line 1", "the header has no `id` column; every event needs an id"));
    }
    let has_award_column = columns.contains_key("award");
    // (event, first line, number of the last award line)
    let mut events: Vec<(Event, u64, usize)> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::input(file, format!("line {line}"), format!("malformed CSV: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row = Row { record: &record, columns: &columns };
        let at = |(field, msg): (String, String)| Error::input(file, format!("line {line}, field `{field}`"), msg);
        let award_no = match row.get("award").trim() {
            "" => None,
            s => match s.parse::<usize>() {
                Ok(n) if n >= 1 => Some(n),
                _ => return Err(at(("award".into(), format!("`{s}` is not an award line number (1, 2, …)")))),
            },
        };
        let continues = if has_award_column {
            award_no.is_some_and(|n| n > 1)
        } else {
            events.last().is_some_and(|(e, _, _)| e.id == row.get("id"))
        };
        let award = row.award().map_err(at)?;
        if continues {
            let Some((event, _, last)) = events.last_mut() else {
                return Err(at(("award".into(), "award line 2 or more with no event above it".into())));
            };
            if event.id != row.get("id") || award_no.is_some_and(|n| n != *last + 1) {
                return Err(at((
                    "award".into(),
                    format!(
                        "this row continues event `{}` (award line {}) but has id `{}` and award line {}; \
                         number each event's award lines 1, 2, … in consecutive rows",
                        event.id,
                        *last,
                        row.get("id"),
                        award_no.unwrap_or(0)
                    ),
                )));
            }
            event.awards.extend(award);
            *last += 1;
        } else {
            let mut event = row.event().map_err(at)?;
            event.awards.extend(award);
            let n = event.awards.len();
            events.push((event, line, n));
        }
    }
    events
        .into_iter()
        .map(|(mut e, line, _)| {
            check(&mut e).map_err(|(field, msg)| Error::input(file, format!("line {line}, field `{field}`"), msg))?;
            Ok(e)
        })
        .collect()
}
