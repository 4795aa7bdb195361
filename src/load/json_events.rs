//! JSON array and JSON Lines events files.

use super::validate::{check, hint};
use crate::error::{Error, Result};
use crate::event::{Award, Event, Official, Source};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

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
