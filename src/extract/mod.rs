//! Extraction: one article in, one [`Event`] out, every fact with its evidence.
//!
//! The body is scanned a few times with precompiled automata (no per-call regex
//! compilation); only sentences that name an award form are examined closely.
//!
//! Submodules: [`text`] (folding, body end, sentences), [`numbers`], [`dates`],
//! [`places`] (provinces and outlets), [`taxonomy`] (award forms and grantors),
//! [`counts`] (recipients), [`awards`] (award lines), [`officials`], [`topic`] (kind and
//! movements) and [`explain()`] (the review listing).

pub mod awards;
pub mod counts;
pub mod dates;
pub mod explain;
pub mod numbers;
pub mod officials;
pub mod places;
pub mod taxonomy;
pub mod text;
pub mod topic;

pub use explain::explain;

use crate::article::Article;
use crate::event::{Basis, Event, Source};
use std::collections::HashSet;
use std::ops::Range;

/// An article body prepared for extraction.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The NFC body.
    pub body: &'a str,
    /// The folded copy (same byte offsets), see [`text::fold`].
    pub low: String,
    /// Where the article proper ends (before related-article lists).
    pub end: usize,
    /// Where the body proper starts: leading lines without a full stop (headline, date line,
    /// captions) come before it.
    pub headline_end: usize,
    /// Sentences as `(paragraph index, byte range)`, repeated paragraphs left out.
    pub sentences: Vec<(usize, Range<usize>)>,
}

impl<'a> Doc<'a> {
    /// Prepares a body.
    pub fn new(body: &'a str) -> Doc<'a> {
        let low = text::fold(body);
        let end = text::body_end(body, &low);
        let paras = text::paragraphs(body, end);
        let headline_end = paras
            .iter()
            .find(|p| body[(*p).clone()].trim_end().ends_with(['.', '!', '?', '…', ':', '”', '"']))
            .map_or(0, |p| p.start);
        let mut seen: HashSet<&str> = HashSet::new();
        let mut sentences = Vec::new();
        for (i, p) in paras.iter().enumerate() {
            if !seen.insert(&body[p.clone()]) {
                continue; // a caption or headline printed twice
            }
            sentences.extend(text::sentences(body, p.clone()).into_iter().map(|s| (i, s)));
        }
        Doc { body, low, end, headline_end, sentences }
    }

    /// The sentence that contains byte `at`, as text.
    fn sentence_at(&self, at: usize) -> Option<&'a str> {
        self.sentences.iter().find(|(_, s)| s.contains(&at)).and_then(|(_, s)| self.body.get(s.clone()))
    }
}

/// Extracts the event an article reports.
pub fn extract(article: &Article) -> Event {
    let doc = Doc::new(&article.body);
    let ranges: Vec<Range<usize>> = doc.sentences.iter().map(|(_, s)| s.clone()).collect();
    let found = dates::find(&doc.low, &ranges, article.front.published);
    let date = found.as_ref().map(|f| f.date);
    let lead_end = doc.sentences.iter().find(|(_, s)| s.start >= doc.headline_end).map_or(doc.end, |(p, _)| {
        doc.sentences.iter().filter(|(q, _)| q == p).map(|(_, s)| s.end).max().unwrap_or(doc.end)
    });
    let (province, province_basis, province_evidence) = match places::from_text(doc.body, &doc.low, doc.end, lead_end) {
        Some((name, r)) => {
            let ev = doc.sentence_at(r.start).map(str::to_string).or_else(|| doc.body.get(r).map(str::to_string));
            (Some(places::on_date(name, date)), Some(Basis::Text), ev)
        }
        None => match places::from_outlet(doc.body, article.front.source.as_deref()) {
            Some((name, ev)) => (Some(places::on_date(name, date)), Some(Basis::Outlet), Some(ev)),
            None => (None, None, None),
        },
    };
    let awards = awards::extract(&doc);
    Event {
        id: stable_id(&article.body),
        source: Source {
            file: article.file.clone(),
            url: article.front.source.clone(),
            title: article.front.title.clone(),
            published: article.front.published,
        },
        relevant: !awards.is_empty(),
        kind: topic::kind(&doc, article.front.title.as_deref()),
        date,
        date_basis: found.as_ref().map(|f| f.basis),
        date_evidence: found.and_then(|f| f.evidence).and_then(|r| doc.body.get(r)).map(str::to_string),
        province: province.map(str::to_string),
        province_basis,
        province_evidence,
        movements: topic::movements(&doc),
        officials: officials::extract(&doc),
        awards,
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
