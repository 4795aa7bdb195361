//! JSON array and JSON Lines events files.

use super::validate::{check, hint};
use crate::error::{Error, Result};
use crate::event::{Award, Event, Official, Source};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Reads a large JSON array of events in pieces on several threads, in place in
/// the file's bytes (each piece is checked to be UTF-8 on its thread).
/// `None` when the file is small or any piece fails: the caller then reads it
/// the usual way, which names the exact place of a problem. The bytes are left
/// as they were.
pub(super) fn read_large_array(file: &str, bytes: &mut [u8]) -> Option<Result<Vec<Event>>> {
    let start = if bytes.starts_with("\u{feff}".as_bytes()) { 3 } else { 0 };
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let pieces = threads.min(bytes.len() / PIECE_BYTES);
    if pieces < 2 {
        return None;
    }
    parse_in_pieces(&mut bytes[start..], pieces).map(|events| checked(file, events))
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

/// Parses a JSON array of events in up to `pieces` pieces on as many threads;
/// `None` when it cannot be cut or a piece fails to parse.
///
/// The array is cut after an element's closing `}` that a `,` and an opening `{`
/// follow with at least two bytes between them: the first becomes the `]` that
/// ends one piece and the last the `[` that starts the next, so every piece
/// parses as an array of its own, in place. That gives the same events as
/// parsing the whole only if every cut falls between top-level elements; a cut
/// inside a string or a nested value leaves its pieces unbalanced, so they fail
/// to parse. The bytes are restored before returning.
pub(super) fn parse_in_pieces(bytes: &mut [u8], pieces: usize) -> Option<Vec<Event>> {
    let cuts = cut_points(bytes, pieces);
    if cuts.is_empty() {
        return None;
    }
    let mut saved = Vec::with_capacity(2 * cuts.len());
    let mut spans = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &(end, next) in &cuts {
        for (at, new) in [(end, b']'), (next - 1, b'[')] {
            saved.push((at, bytes[at]));
            bytes[at] = new;
        }
        spans.push((start, end + 1));
        start = next - 1;
    }
    spans.push((start, bytes.len()));
    let text: &[u8] = bytes;
    let parsed: Vec<Option<Vec<Event>>> = std::thread::scope(|s| {
        let jobs: Vec<_> = spans
            .iter()
            .map(|&(a, b)| {
                s.spawn(move || {
                    // One pass over the whole piece checks UTF-8 faster than the
                    // parser's check of each string.
                    let piece = std::str::from_utf8(&text[a..b]).ok()?;
                    serde_json::from_str::<Vec<Event>>(piece).ok()
                })
            })
            .collect();
        jobs.into_iter().map(|j| j.join().ok().flatten()).collect()
    });
    for (at, old) in saved {
        bytes[at] = old;
    }
    let mut parsed = parsed.into_iter().collect::<Option<Vec<_>>>()?.into_iter();
    let mut events = parsed.next()?;
    for more in parsed {
        events.extend(more);
    }
    Some(events)
}

/// Up to `pieces - 1` cuts `(just after a '}', at the next '{')`, near equal
/// fractions of `bytes`, between the elements of a pretty-printed array.
///
/// A JSON string cannot hold a raw line break, so a `}` that starts a line is
/// structure; one indented like the array's first element, followed by a `,`
/// and a `{` starting a line with the same indentation, closes an element of
/// the array as pretty printers write it. Other layouts give no cuts (and are
/// parsed whole); an unusual layout that misleads this makes a piece fail to
/// parse, which [`parse_in_pieces`] catches.
fn cut_points(bytes: &[u8], pieces: usize) -> Vec<(usize, usize)> {
    let skip_ws = |mut i: usize| {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        i
    };
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // The indentation of the first element: the line break and blanks before its `{`.
    let Some(first) = bytes.iter().position(|&b| b == b'[').map(|i| skip_ws(i + 1)) else { return cuts };
    let Some(line_start) = bytes[..first].iter().rposition(|&b| b == b'\n') else { return cuts };
    if bytes.get(first) != Some(&b'{') {
        return cuts;
    }
    let indent = &bytes[line_start..first];
    let mut close = indent.to_vec();
    close.push(b'}');
    let finder = memchr::memmem::Finder::new(&close);
    for k in 1..pieces {
        let mut at = (bytes.len() * k / pieces).max(cuts.last().map_or(0, |c| c.1));
        while let Some(found) = bytes.get(at..).and_then(|rest| finder.find(rest)) {
            let end = at + found + close.len();
            let comma = skip_ws(end);
            if bytes.get(comma) == Some(&b',') {
                let open = skip_ws(comma + 1);
                if bytes.get(open) == Some(&b'{') && open >= indent.len() && &bytes[open - indent.len()..open] == indent
                {
                    cuts.push((end, open));
                    break;
                }
            }
            at = end;
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

    /// A pretty-printed events array whose evidence texts (every tenth event's)
    /// hold the very pattern the cuts look for, with two award lines per event.
    fn tricky_array(n: usize) -> String {
        let events: Vec<Value> = (0..n)
            .map(|i| {
                let (a, b) = if i % 10 == 3 { ("a\n  },\n  { b", "},{\"x\": 1}") } else { ("a", "b") };
                serde_json::json!({
                    "id": format!("e{i}"), "kind": "hội nghị", "date": format!("2020-04-0{}", i % 9 + 1),
                    "province": "Huế",
                    "awards": [
                        {"form": "Bằng khen", "collectives": i, "individuals": 1, "evidence": a},
                        {"form": "Giấy khen", "collectives": 1, "individuals": 2, "evidence": b},
                    ],
                })
            })
            .collect();
        serde_json::to_string_pretty(&events).unwrap()
    }

    #[test]
    fn pieces_give_the_same_events_as_the_whole() {
        let text = tricky_array(60);
        let whole: Vec<Event> = serde_json::from_str(&text).unwrap();
        let mut parallel = 0;
        for pieces in [2, 3, 7, 59, 60, 200] {
            let mut bytes = text.clone().into_bytes();
            if let Some(parsed) = parse_in_pieces(&mut bytes, pieces) {
                assert_eq!(serde_json::to_string(&parsed).unwrap(), serde_json::to_string(&whole).unwrap(), "{pieces}");
                parallel += 1;
            }
            assert_eq!(bytes, text.as_bytes(), "the bytes are restored");
        }
        assert!(parallel > 0, "some cuts fall between elements");
        // Compact JSON has one byte between elements: no cut, the caller parses the whole.
        let compact = serde_json::to_vec(&whole).unwrap();
        assert!(parse_in_pieces(&mut compact.clone(), 4).is_none());
    }

    #[test]
    fn cuts_fall_between_elements_even_when_strings_look_alike() {
        let text = tricky_array(10);
        let cuts = cut_points(text.as_bytes(), 10);
        assert!(cuts.len() >= 5, "{cuts:?}");
        for (end, next) in cuts {
            assert_eq!(&text[end - 1..end], "}");
            assert_eq!(&text[next..next + 1], "{");
            assert!(next - end >= 2);
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_fail_every_way_so_the_exact_path_reports_them() {
        let mut bytes = tricky_array(20).into_bytes();
        let at = bytes.windows(3).rposition(|w| w == b"e15").unwrap();
        bytes[at] = 0xff;
        assert!(parse_in_pieces(&mut bytes, 4).is_none());
        assert!(read_large_array("x.json", &mut bytes).is_none(), "small files take the usual path");
    }

    #[test]
    fn a_piece_with_an_error_gives_up() {
        let mut text = tricky_array(20);
        let at = text.rfind("\"e15\"").unwrap();
        text.replace_range(at..at + 5, "15");
        assert!(parse_in_pieces(&mut text.into_bytes(), 4).is_none());
    }
}
