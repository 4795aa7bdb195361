//! JSON array and JSON Lines events files.

use super::validate::{check, hint};
use crate::error::{Error, Result};
use crate::event::{Award, Event, Official, Source};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Reads a large JSON array of events in pieces on several threads, straight
/// from the file's bytes (each piece is checked to be UTF-8 on its thread).
/// `None` when the file is small or any piece fails: the caller then reads it
/// the usual way, which names the exact place of a problem.
pub(super) fn read_large_array(file: &str, bytes: &[u8]) -> Option<Result<Vec<Event>>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let pieces = threads.min(bytes.len() / PIECE_BYTES);
    if pieces < 2 {
        return None;
    }
    parse_in_pieces(bytes, pieces).ok().map(|events| checked(file, events))
}

/// Reads a JSON array of events.
pub(super) fn read_array(file: &str, text: &str) -> Result<Vec<Event>> {
    let events: Vec<Event> = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            let mut place = format!("line {}, column {}", e.line(), e.column());
            // For a data error, name the record and the field.
            if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(text) {
                if let Some((i, field)) = items.iter().enumerate().find_map(|(i, v)| bad_event_field(v).map(|f| (i, f)))
                {
                    place = format!("record {} ({place}){}", i + 1, field_suffix(&field));
                }
            }
            return Err(Error::input(file, place, describe(&e)));
        }
    };
    checked(file, events)
}

/// Validates and normalises parsed events, naming the record of the first problem.
fn checked(file: &str, mut events: Vec<Event>) -> Result<Vec<Event>> {
    for (i, e) in events.iter_mut().enumerate() {
        check(e).map_err(|(field, msg)| {
            Error::input(file, format!("record {} (id `{}`), field `{field}`", i + 1, e.id), msg)
        })?;
    }
    Ok(events)
}

/// Arrays at least this long (bytes) are parsed in pieces on several threads.
const PIECE_BYTES: usize = 1 << 20;

/// Parses a JSON array of events in up to `pieces` pieces on as many threads.
///
/// The array is cut after an element's closing `}` that a `,` and an opening `{`
/// follow, and each piece is parsed as an array of its own. That gives the same
/// events as parsing the whole only if every cut falls between top-level
/// elements; a cut inside a string or a nested value leaves its pieces
/// unbalanced, so they fail to parse, and then the whole text is parsed in one go.
fn parse_in_pieces(text: &[u8], pieces: usize) -> std::result::Result<Vec<Event>, serde_json::Error> {
    let cuts = cut_points(text, pieces);
    if cuts.is_empty() {
        return serde_json::from_slice(text);
    }
    // Piece k spans text[start..end], '[' and ']' added where a cut made them missing.
    let mut spans = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &(end, next) in &cuts {
        spans.push((start, end));
        start = next;
    }
    spans.push((start, text.len()));
    let last = spans.len() - 1;
    let parsed: Vec<Option<Vec<Event>>> = std::thread::scope(|s| {
        let jobs: Vec<_> = spans
            .iter()
            .enumerate()
            .map(|(k, &(a, b))| {
                s.spawn(move || {
                    let mut piece = Vec::with_capacity(b - a + 2);
                    if k > 0 {
                        piece.push(b'[');
                    }
                    piece.extend_from_slice(&text[a..b]);
                    if k < last {
                        piece.push(b']');
                    }
                    // One pass over the whole piece checks UTF-8 faster than the
                    // parser's check of each string.
                    let piece = String::from_utf8(piece).ok()?;
                    serde_json::from_str::<Vec<Event>>(&piece).ok()
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().ok().flatten()).collect()
    });
    if parsed.iter().any(Option::is_none) {
        return serde_json::from_slice(text);
    }
    Ok(parsed.into_iter().flatten().flatten().collect())
}

/// Up to `pieces - 1` cuts `(end of one piece, start of the next)`, near equal
/// fractions of `text`, each after a `}` that whitespace, a `,`, whitespace and
/// a `{` follow. The comma is dropped: the first piece ends at the `}`, the next
/// starts at the `{`.
fn cut_points(bytes: &[u8], pieces: usize) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for k in 1..pieces {
        let mut at = (bytes.len() * k / pieces).max(cuts.last().map_or(0, |c| c.1));
        while let Some(found) = bytes.get(at..).and_then(|rest| rest.iter().position(|&b| b == b'}')) {
            let close = at + found;
            let mut i = close + 1;
            let skip_ws = |mut i: usize| {
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                i
            };
            i = skip_ws(i);
            if bytes.get(i) == Some(&b',') {
                let open = skip_ws(i + 1);
                if bytes.get(open) == Some(&b'{') {
                    cuts.push((close + 1, open));
                    break;
                }
            }
            at = close + 1;
        }
    }
    cuts
}

/// Reads JSON Lines: one event per non-blank line.
pub(super) fn read_lines(file: &str, text: &str) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut e: Event = serde_json::from_str(line).map_err(|e| {
            let field = serde_json::from_str::<Value>(line).ok().and_then(|v| bad_event_field(&v));
            let place =
                format!("line {}, column {}{}", i + 1, e.column(), field.map(|f| field_suffix(&f)).unwrap_or_default());
            Error::input(file, place, describe(&e))
        })?;
        check(&mut e).map_err(|(field, msg)| Error::input(file, format!("line {}, field `{field}`", i + 1), msg))?;
        out.push(e);
    }
    Ok(out)
}

fn field_suffix(field: &str) -> String {
    if field.is_empty() {
        String::new()
    } else {
        format!(", field `{field}`")
    }
}

/// A serde error as a message with a hint, without serde's own position suffix.
fn describe(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg.rsplit_once(" at line ").map(|(m, _)| m.to_string()).unwrap_or(msg);
    match e.classify() {
        serde_json::error::Category::Eof => {
            format!("the JSON ends too early ({msg}); the file looks truncated or a bracket is missing")
        }
        serde_json::error::Category::Syntax => format!("malformed JSON: {msg}"),
        _ => hint(&msg),
    }
}

/// The path of the first field of an event that does not deserialize, if one can be found.
fn bad_event_field(v: &Value) -> Option<String> {
    serde_json::from_value::<Event>(v.clone()).err()?;
    let obj = v.as_object()?;
    for (k, val) in obj {
        let inner = match k.as_str() {
            "awards" => bad_list_field::<Award>(val, ("form", "x")),
            "officials" => bad_list_field::<Official>(val, ("name", "x")),
            "source" => val.as_object().and_then(|o| bad_field::<Source>(o, ("file", "x"))),
            _ => None,
        };
        if let Some(inner) = inner {
            return Some(format!("{k}{inner}"));
        }
        if fails::<Event>(k, val, ("id", "x")) {
            return Some(k.clone());
        }
    }
    Some(String::new())
}

fn bad_list_field<T: DeserializeOwned>(v: &Value, required: (&str, &str)) -> Option<String> {
    let items = v.as_array()?;
    items.iter().enumerate().find_map(|(i, item)| {
        serde_json::from_value::<T>(item.clone()).err()?;
        let inner = item.as_object().and_then(|o| bad_field::<T>(o, required)).unwrap_or_default();
        Some(format!("[{}]{inner}", i + 1))
    })
}

fn bad_field<T: DeserializeOwned>(obj: &Map<String, Value>, required: (&str, &str)) -> Option<String> {
    obj.iter().find(|(k, v)| fails::<T>(k, v, required)).map(|(k, _)| format!(".{k}"))
}

/// Whether `{required: "x", key: value}` fails to deserialize as `T`.
fn fails<T: DeserializeOwned>(key: &str, value: &Value, required: (&str, &str)) -> bool {
    let mut m = Map::new();
    m.insert(required.0.to_string(), Value::String(required.1.to_string()));
    m.insert(key.to_string(), value.clone());
    serde_json::from_value::<T>(Value::Object(m)).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An events array whose evidence texts hold the very pattern the cuts look for.
    fn tricky_array(n: usize) -> String {
        let events: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id": "e{i}", "kind": "hội nghị", "date": "2020-04-0{d}", "province": "Huế",
  "awards": [{{"form": "Bằng khen", "collectives": {i}, "individuals": 1, "evidence": "a }}, {{ b"}},
             {{"form": "Giấy khen", "collectives": 1, "individuals": 2, "evidence": "}},{{\"x\": 1}}"}}]}}"#,
                    d = i % 9 + 1
                )
            })
            .collect();
        format!("[\n{}\n]\n", events.join(",\n"))
    }

    #[test]
    fn pieces_give_the_same_events_as_the_whole() {
        let text = tricky_array(60);
        let whole: Vec<Event> = serde_json::from_str(&text).unwrap();
        for pieces in [2, 3, 7, 59, 60, 200] {
            let parsed = parse_in_pieces(text.as_bytes(), pieces).unwrap();
            assert_eq!(serde_json::to_string(&parsed).unwrap(), serde_json::to_string(&whole).unwrap(), "{pieces}");
        }
    }

    #[test]
    fn cuts_fall_between_elements_even_when_strings_look_alike() {
        let text = tricky_array(10);
        let cuts = cut_points(text.as_bytes(), 10);
        assert!(cuts.len() >= 5, "{cuts:?}");
        for (end, next) in cuts {
            assert_eq!(&text[end - 1..end], "}");
            assert_eq!(&text[next..next + 1], "{");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_fail_every_way_so_the_exact_path_reports_them() {
        let mut bytes = tricky_array(20).into_bytes();
        let at = bytes.windows(3).rposition(|w| w == b"e15").unwrap();
        bytes[at] = 0xff;
        assert!(parse_in_pieces(&bytes, 4).is_err());
        assert!(read_large_array("x.json", &bytes).is_none(), "small files take the usual path");
    }

    #[test]
    fn an_error_is_reported_as_by_the_whole_parse() {
        let mut text = tricky_array(20);
        let at = text.rfind("\"e15\"").unwrap();
        text.replace_range(at..at + 5, "15");
        let whole = serde_json::from_str::<Vec<Event>>(&text).unwrap_err();
        let pieces = parse_in_pieces(text.as_bytes(), 4).unwrap_err();
        assert_eq!((pieces.line(), pieces.column()), (whole.line(), whole.column()));
    }
}
