//! The events loaders (JSON array, JSON Lines, CSV) on arbitrary bytes: an input
//! error naming the file, or validated events that write and read back unchanged.
//! A JSON array is also parsed in two and three pieces, as files over 2 MiB are on
//! several threads: that gives up, or gives the events one parse of the whole does,
//! and leaves the bytes as they were.
#![no_main]

use bantin::load::{read_events, write_events, EventFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let format = match selector % 3 {
        0 => EventFormat::Json,
        1 => EventFormat::Jsonl,
        _ => EventFormat::Csv,
    };
    if format == EventFormat::Json {
        for pieces in 2..=3 {
            let mut copy = bytes.to_vec();
            let Some(events) = bantin::load::parse_json_array_in_pieces(&mut copy, pieces) else { continue };
            assert_eq!(copy, bytes, "parsing in pieces changed the bytes");
            let whole: Vec<bantin::event::Event> =
                serde_json::from_slice(bytes).expect("the pieces parse, so the whole array must");
            assert_eq!(events, whole, "{pieces} pieces give other events than one parse");
        }
    }
    match read_events("fuzz.events", bytes, format) {
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.starts_with("fuzz.events: "), "error does not name the file: {msg}");
        }
        Ok(events) => {
            // What loads must write back and load again to the same events.
            let Ok(written) = write_events(&events, format) else { return };
            let again = read_events("again", &written, format).expect("written events load back");
            assert_eq!(again, events, "write/read round trip changed the events");
        }
    }
});
