//! The extractor on arbitrary bytes: reading an article either fails with an input
//! error or gives an event, never a panic; the event survives a JSON round trip
//! (it is what `bantin extract` writes and `bantin bulletin` reads back).
#![no_main]

use bantin::article::Article;
use bantin::event::Event;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(article) = Article::parse("fuzz.txt", data) else { return };
    let event = bantin::extract::extract(&article);
    let json = serde_json::to_string(&event).expect("an extracted event serialises");
    let back: Event = serde_json::from_str(&json).expect("an extracted event reads back");
    assert_eq!(back, event, "JSON round trip changed the event");
});
