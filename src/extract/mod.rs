//! Extraction: one article in, one [`Event`] out, every fact with its evidence.

use crate::article::Article;
use crate::event::{Event, Source};

/// Extracts the event an article reports.
pub fn extract(article: &Article) -> Event {
    Event {
        id: stable_id(&article.body),
        source: Source {
            file: article.file.clone(),
            url: article.front.source.clone(),
            title: article.front.title.clone(),
            published: article.front.published,
        },
        relevant: true,
        ..Default::default()
    }
}

/// A stable id: FNV-1a of the NFC body, as 16 hex digits.
pub fn stable_id(body: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in body.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}
