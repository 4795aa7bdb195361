//! The events loaders (JSON array, JSON Lines, CSV) on arbitrary bytes: an input
//! error naming the file, or validated events that write and read back unchanged.
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
