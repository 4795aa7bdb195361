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
use rustc_hash::FxHashMap as HashMap;

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
    let mut dropped = vec![false; events.len()];
    // (hash, index) sorted, so events with the same key are adjacent.
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(events.len());
    // Kinds, forms and grantors repeat a lot: fold and hash each distinct text once.
    let mut texts: HashMap<&str, u64> = HashMap::default();
    for (i, e) in events.iter().enumerate() {
        if !e.relevant {
            dropped[i] = true;
        } else if let Some(h) = key_hash(e, &mut texts) {
            keyed.push((h, i));
        }
    }
    keyed.sort_unstable();
    let mut groups = Vec::new();
    let mut run_start = 0;
    while run_start < keyed.len() {
        let h = keyed[run_start].0;
        let run_end = run_start + keyed[run_start..].iter().take_while(|(k, _)| *k == h).count();
        if run_end - run_start > 1 {
            let bucket: Vec<usize> = keyed[run_start..run_end].iter().map(|&(_, i)| i).collect();
            group_bucket(events, bucket, &mut groups, &mut dropped);
        }
        run_start = run_end;
    }
    groups.sort_unstable();
    let kept = (0..events.len()).filter(|&i| !dropped[i]).collect();
    Dedup { kept, groups }
}

/// Splits one hash bucket into groups of reports within one day of the group's first.
fn group_bucket(events: &[Event], mut bucket: Vec<usize>, groups: &mut Vec<Vec<usize>>, dropped: &mut [bool]) {
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

/// FNV-1a, 64 bit: fast and deterministic (the key is verified exactly before merging).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf29ce484222325)
    }
    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x100000001b3);
    }
    fn u64(&mut self, x: u64) {
        x.to_le_bytes().iter().for_each(|&b| self.byte(b));
    }
    /// Feeds the hash of a folded text, computed once per distinct text.
    fn text<'a>(&mut self, s: Option<&'a str>, cache: &mut HashMap<&'a str, u64>) {
        match s {
            None => self.byte(0),
            Some(s) => {
                let h = *cache.entry(s).or_insert_with(|| {
                    let mut t = Fnv::new();
                    t.folded(s);
                    t.0
                });
                self.byte(1);
                self.u64(h);
            }
        }
    }

    /// Feeds folded text (lower case, single spaces) without allocating when it is NFC.
    fn folded(&mut self, s: &str) {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let owned;
        let nfc: &str = if is_nfc_quick(s.chars()) == IsNormalized::Yes {
            s
        } else {
            owned = crate::vi::nfc(s);
            &owned
        };
        let mut space = false;
        let mut buf = [0u8; 4];
        for c in nfc.split_whitespace().flat_map(|w| std::iter::once(' ').chain(w.chars())) {
            if c == ' ' {
                space = true;
                continue;
            }
            if space {
                self.byte(b' ');
                space = false;
            }
            if c.is_ascii() {
                self.byte(c.to_ascii_lowercase() as u8);
                continue;
            }
            for l in c.to_lowercase() {
                l.encode_utf8(&mut buf).bytes().for_each(|b| self.byte(b));
            }
        }
        self.byte(0xff);
    }
}

/// A hash of the signature, or `None` for events that are never merged.
fn key_hash<'a>(e: &'a Event, cache: &mut HashMap<&'a str, u64>) -> Option<u64> {
    e.date?;
    let mut h = Fnv::new();
    h.text(Some(province_key(e)?), cache);
    h.text(e.kind.as_deref(), cache);
    // Order-independent combination of the award lines.
    let mut lines = 0u64;
    for a in &e.awards {
        let mut lh = Fnv::new();
        lh.text(Some(&a.form), cache);
        lh.text(a.grantor.as_deref(), cache);
        for n in [a.collectives, a.individuals, a.combined] {
            lh.u64(n.map_or(u64::MAX, u64::from));
        }
        lh.byte(a.scope as u8);
        // Mix so that sums of similar hashes do not cancel.
        lines = lines.wrapping_add(lh.0.wrapping_mul(0x9e3779b97f4a7c15).rotate_left(31));
    }
    h.u64(lines);
    h.u64(e.awards.len() as u64);
    Some(h.0)
}
