//! Duplicate reports: several articles about the same event are counted once.
//!
//! Two relevant events are the same when they have the same province (compared on the
//! 63 grid, so `Huế` and `Thừa Thiên Huế` agree), the same kind, the same award lines
//! (form, grantor, counts and scope; the evidence wording may differ) and dates within one
//! day of each other (or the same partial date). Events without a province or a date are
//! never merged. The first event in input order is kept; the others' sources are recorded.

use crate::event::{Award, Event, EventDate};
use crate::geo::{self, Grid};
use crate::period::{day_ordinal, Day};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The result of deduplication, as indices into the input slice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dedup {
    /// Relevant events to count, in input order (one per group).
    pub kept: Vec<usize>,
    /// Groups of two or more reports of one event; the first index is the kept one.
    pub groups: Vec<Vec<usize>>,
}

/// Keeps every relevant event (deduplication turned off).
pub fn keep_all(events: &[Event]) -> Dedup {
    Dedup { kept: (0..events.len()).filter(|&i| events[i].relevant).collect(), groups: Vec::new() }
}

/// Finds the duplicate reports among the relevant events.
pub fn dedup(events: &[Event]) -> Dedup {
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut dropped = vec![false; events.len()];
    for (i, e) in events.iter().enumerate() {
        if !e.relevant {
            dropped[i] = true;
            continue;
        }
        if let Some(h) = key_hash(e) {
            buckets.entry(h).or_default().push(i);
        }
    }
    let mut groups = Vec::new();
    for mut bucket in buckets.into_values().filter(|b| b.len() > 1) {
        bucket.sort_by_key(|&i| (events[i].date.map(first_ordinal), i));
        let mut start = 0;
        while start < bucket.len() {
            let head = bucket[start];
            let mut members = vec![head];
            let mut next = start + 1;
            while next < bucket.len() && near(&events[head], &events[bucket[next]]) {
                members.push(bucket[next]);
                next += 1;
            }
            // Hash collisions: keep only the members whose key really equals the head's.
            let head_sig = signature(&events[head]);
            let (same, other): (Vec<usize>, Vec<usize>) =
                members.into_iter().partition(|&i| i == head || signature(&events[i]) == head_sig);
            if same.len() > 1 {
                let mut group = same;
                group.sort_unstable();
                for &i in &group[1..] {
                    dropped[i] = true;
                }
                groups.push(group);
            }
            // Rare: collided members start their own scan later.
            if !other.is_empty() {
                let rest: Vec<usize> = other.into_iter().chain(bucket[next..].iter().copied()).collect();
                bucket.truncate(next);
                bucket.extend(rest);
            }
            start = next;
        }
    }
    groups.sort_unstable();
    let kept = (0..events.len()).filter(|&i| !dropped[i]).collect();
    Dedup { kept, groups }
}

/// Whether two events' dates are within one day (or the same partial date).
fn near(a: &Event, b: &Event) -> bool {
    match (a.date, b.date) {
        (Some(x), Some(y)) if x.day.is_some() && y.day.is_some() => (first_ordinal(x) - first_ordinal(y)).abs() <= 1,
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn first_ordinal(d: EventDate) -> i64 {
    let (year, month, day) = d.first_day();
    day_ordinal(Day { year, month, day })
}

/// The province used for matching: the old unit, or the text itself when not in the gazetteer.
fn province_key(e: &Event) -> Option<&str> {
    let p = e.province.as_deref()?;
    Some(geo::on_grid(p, Grid::Old63).unwrap_or(p))
}

/// Folds a free-text field for matching: lower case, single spaces.
fn fold(s: &str) -> String {
    crate::vi::nfc(s).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One award line without its evidence.
type Line = (String, Option<String>, Option<u32>, Option<u32>, Option<u32>, crate::event::Scope);

fn line(a: &Award) -> Line {
    (fold(&a.form), a.grantor.as_deref().map(fold), a.collectives, a.individuals, a.combined, a.scope)
}

/// Everything but the date that two duplicates share.
fn signature(e: &Event) -> (Option<&str>, Option<String>, Vec<Line>) {
    let mut lines: Vec<Line> = e.awards.iter().map(line).collect();
    lines.sort();
    (province_key(e), e.kind.as_deref().map(fold), lines)
}

/// A hash of the signature, or `None` for events that are never merged.
fn key_hash(e: &Event) -> Option<u64> {
    e.date?;
    let province = province_key(e)?;
    let mut h = DefaultHasher::new();
    province.hash(&mut h);
    e.kind.as_deref().map(fold).hash(&mut h);
    // Order-independent hash of the award lines.
    let mut lines: Vec<u64> = e
        .awards
        .iter()
        .map(|a| {
            let mut lh = DefaultHasher::new();
            line(a).hash(&mut lh);
            lh.finish()
        })
        .collect();
    lines.sort_unstable();
    lines.hash(&mut h);
    Some(h.finish())
}
