//! Award lines: one per form named in a clause that reports an award, with grantor, counts,
//! scope and the sentence as evidence; nominations, plans, gifts and repeats are left out.

use super::counts::{self, Side};
use super::taxonomy::{self, Family, Mention, GRANTORS, KEYWORDS};
use super::text::{at_word_bounds, clauses};
use super::Doc;
use crate::event::{Award, Scope};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;

struct Automata {
    keywords: Option<AhoCorasick>,
    grantors: Option<AhoCorasick>,
    /// Clause markers (scope, nomination, plan, gift, action words) with their category bits.
    markers: Option<(AhoCorasick, Vec<u16>)>,
}

const M_EVENT_STRONG: u16 = 1;
const M_PERIOD: u16 = 2;
const M_PERIOD_WEAK: u16 = 4;
const M_EVENT_WEAK: u16 = 8;
const M_GIFT: u16 = 16;
const M_ACTION: u16 = 32;
const M_NOMINATION: u16 = 64;
const M_PLAN: u16 = 128;

/// "đề nghị" that names the basis of a decision, not a nomination.
const NOT_NOMINATION: &[&str] = &["theo đề nghị", "trên cơ sở đề nghị", "xét đề nghị"];

fn marker_automaton() -> Option<(AhoCorasick, Vec<u16>)> {
    let lists: [(&[&str], u16); 8] = [
        (EVENT_STRONG, M_EVENT_STRONG),
        (PERIOD, M_PERIOD),
        (PERIOD_WEAK, M_PERIOD_WEAK),
        (EVENT_WEAK, M_EVENT_WEAK),
        (GIFT, M_GIFT),
        (ACTION, M_ACTION),
        (NOMINATION, M_NOMINATION),
        (PLAN, M_PLAN),
    ];
    let mut pats: Vec<&str> =
        lists.iter().flat_map(|(l, _)| l.iter().copied()).chain(NOT_NOMINATION.iter().copied()).collect();
    pats.sort_unstable();
    pats.dedup();
    // A pattern carries the categories of every pattern inside it, since a longer match
    // hides the shorter ones it contains.
    let bits = pats
        .iter()
        .map(|p| {
            let mut b = 0;
            for (list, bit) in &lists {
                if list.iter().any(|q| p.contains(q)) {
                    b |= bit;
                }
            }
            if NOT_NOMINATION.contains(p) {
                b &= !M_NOMINATION;
            }
            b
        })
        .collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .ok()?;
    Some((ac, bits))
}

fn automata() -> &'static Automata {
    static A: OnceLock<Automata> = OnceLock::new();
    A.get_or_init(|| {
        let build = |pats: Vec<&str>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(pats)
                .ok()
        };
        Automata {
            keywords: build(KEYWORDS.to_vec()),
            grantors: build(GRANTORS.iter().map(|g| g.0).collect()),
            markers: marker_automaton(),
        }
    })
}

/// Words that make a clause a nomination, not an award.
const NOMINATION: &[&str] = &["suy tôn", "đề xuất", "bình xét", "đề cử", "đề nghị"];
/// Words that make a clause a plan or target.
const PLAN: &[&str] = &["phấn đấu", "đăng ký", "chỉ tiêu", "mục tiêu", "sẽ ", "dự kiến", "tiêu chuẩn", "điều kiện"];
/// Money and gifts.
const GIFT: &[&str] = &[
    "quà",
    "tặng hoa",
    "lẵng hoa",
    "bó hoa",
    "tiền thưởng",
    "triệu đồng",
    "nghìn đồng",
    "ngàn đồng",
    "tiền mặt",
    "sổ tiết kiệm",
    "học bổng",
    "hiện vật",
];
/// Verbs that show an award was actually given or received.
const ACTION: &[&str] =
    &["tặng", "trao", "nhận", "được", "khen thưởng", "gắn", "phong", "vinh dự", "quyết định", "công bố", "đạt", "đón"];
/// Markers that tie an award to this event (strong) …
const EVENT_STRONG: &[&str] = &[
    "tại hội nghị",
    "tại buổi lễ",
    "tại lễ",
    "tại đại hội",
    "dịp này",
    "nhân dịp",
    "trong dịp",
    "hội nghị đã",
    "đại hội đã",
    "buổi lễ",
    "lễ trao",
    "thừa ủy quyền",
    "thừa ủy nhiệm",
    "thừa lệnh",
];
/// … to an earlier period …
const PERIOD: &[&str] = &[
    "năm qua",
    "năm liền",
    "năm liên tục",
    "năm liên tiếp",
    "nhiệm kỳ qua",
    "từ năm",
    "đến nay",
    "tháng đầu năm",
    "những năm",
    "nhiều năm",
    "từ những kết quả",
    "từ những thành tích",
    "từ kết quả",
    "lũy kế",
];
/// … weakly to an earlier period.
const PERIOD_WEAK: &[&str] = &["thời gian qua", "trong năm", "giai đoạn", "nhiệm kỳ"];
/// … or weakly to this event.
const EVENT_WEAK: &[&str] = &["trao", "đón nhận", "gắn", "vừa", "công bố quyết định"];

/// An award line before the article-wide clean-up.
#[derive(Debug, Clone)]
struct Line {
    /// The award, its `evidence` still empty (filled from `sentence` for the lines kept).
    award: Award,
    /// Byte range of the evidence sentence in the body.
    sentence: Range<usize>,
    family: Family,
    /// The form is fully named (has its grantor where the name needs one).
    specific: bool,
    headline: bool,
}

impl Line {
    fn counted(&self) -> bool {
        self.award.collectives.is_some() || self.award.individuals.is_some() || self.award.combined.is_some()
    }
}

/// The award lines of an article.
pub fn extract(doc: &Doc) -> Vec<Award> {
    let a = automata();
    let Some(kw) = a.keywords.as_ref() else { return Vec::new() };
    let low = doc.low.as_str();
    let text = low.get(..doc.end).unwrap_or(low);
    let hits: Vec<(usize, &'static str)> = kw
        .find_iter(text)
        .filter(|m| at_word_bounds(text, &m.range()))
        .map(|m| (m.start(), KEYWORDS[m.pattern().as_usize()]))
        .collect();
    if hits.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut prev_scope: Option<(usize, Scope)> = None;
    let mut h = 0;
    for (para, sentence) in &doc.sentences {
        while h < hits.len() && hits[h].0 < sentence.start {
            h += 1;
        }
        let mut k = h;
        while k < hits.len() && hits[k].0 < sentence.end {
            k += 1;
        }
        if k == h {
            continue;
        }
        let sentence_hits = &hits[h..k];
        let inherited = prev_scope.filter(|(p, _)| p == para).map(|(_, s)| s);
        let before = lines.len();
        sentence_lines(doc, sentence.clone(), sentence_hits, inherited, &mut lines);
        if let Some(last) = lines[before..].last() {
            prev_scope = Some((*para, last.award.scope));
        }
    }
    // Evidence is copied only for the lines kept: a long article can give many
    // lines, each of which would otherwise hold its own copy of its sentence.
    clean_up(lines)
        .into_iter()
        .map(|l| Award { evidence: doc.body.get(l.sentence).unwrap_or_default().to_string(), ..l.award })
        .collect()
}

/// Category bits of the markers in a range, from a sentence's marker hits.
fn mask(marks: &[(Range<usize>, u16)], r: &Range<usize>) -> u16 {
    marks.iter().filter(|(m, _)| m.start >= r.start && m.end <= r.end).fold(0, |acc, (_, b)| acc | b)
}

/// Scope of a clause: its own explicit markers first, then the sentence's, strongest first.
fn scope_of(clause: u16, sentence: u16) -> Option<Scope> {
    let order: [(u16, u16, Scope); 8] = [
        (clause, M_EVENT_STRONG, Scope::Event),
        (clause, M_PERIOD, Scope::Period),
        (sentence, M_EVENT_STRONG, Scope::Event),
        (clause, M_EVENT_WEAK, Scope::Event),
        (clause, M_PERIOD_WEAK, Scope::Period),
        (sentence, M_PERIOD, Scope::Period),
        (sentence, M_EVENT_WEAK, Scope::Event),
        (sentence, M_PERIOD_WEAK, Scope::Period),
    ];
    order.iter().find(|(m, bit, _)| m & bit != 0).map(|(_, _, s)| *s)
}

/// Splits a sentence into clauses at `;` and at `, đồng thời`.
fn sub_clauses(doc: &Doc, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for c in clauses(doc.body, sentence) {
        let mut start = c.start;
        let text = &doc.low[c.clone()];
        let mut from = 0;
        while let Some(i) = text.get(from..).and_then(|t| t.find(", đồng thời")) {
            out.push(start..c.start + from + i);
            start = c.start + from + i + 2;
            from += i + 2;
        }
        out.push(start..c.end);
    }
    out
}

fn sentence_lines(
    doc: &Doc,
    sentence: Range<usize>,
    hits: &[(usize, &'static str)],
    inherited: Option<Scope>,
    out: &mut Vec<Line>,
) {
    let low = doc.low.as_str();
    let stext = &low[sentence.clone()];
    let marks: Vec<(Range<usize>, u16)> = automata()
        .markers
        .as_ref()
        .map(|(ac, bits)| {
            ac.find_iter(stext)
                .map(|m| (sentence.start + m.start()..sentence.start + m.end(), bits[m.pattern().as_usize()]))
                .collect()
        })
        .unwrap_or_default();
    let smask = mask(&marks, &sentence);
    let grantor_hits: Vec<(Range<usize>, &'static str)> = automata()
        .grantors
        .as_ref()
        .map(|ac| {
            ac.find_iter(stext)
                .filter(|m| at_word_bounds(stext, &m.range()))
                .map(|m| (sentence.start + m.start()..sentence.start + m.end(), GRANTORS[m.pattern().as_usize()].1))
                .collect()
        })
        .unwrap_or_default();
    let all_mentions: usize = hits.len();
    for clause in sub_clauses(doc, sentence.clone()) {
        let cmask = mask(&marks, &clause);
        let mut mentions: Vec<Mention> = hits
            .iter()
            // The whole keyword in the clause: clause bounds can fall inside one (the
            // extract fuzzer found it on a 4 KB line of repeated fragments).
            .filter(|(at, kw)| clause.contains(at) && at + kw.len() <= clause.end)
            .filter_map(|(at, kw)| taxonomy::mention_at(doc.body, low, *at, kw, clause.end))
            .collect();
        if mentions.is_empty() || cmask & (M_NOMINATION | M_PLAN) != 0 {
            continue;
        }
        let cnts = counts::counts(low, clause.clone());
        if mentions.iter().any(|m| !m.family.is_generic()) {
            mentions.retain(|m| !m.family.is_generic());
        } else {
            mentions.truncate(1);
            if cmask & M_GIFT != 0 || !generic_is_award(low, &mentions[0], &cnts, &clause) {
                continue;
            }
        }
        if cnts.is_empty() && cmask & M_ACTION == 0 {
            continue;
        }
        let scope = scope_of(cmask, smask).or(inherited).unwrap_or(Scope::Event);
        let headline = clause.start < doc.headline_end;
        let mode_before = cnts.first().is_some_and(|c| c.start < mentions[0].range.start);
        let (coll_named, ind_named) = counts::uncounted_sides(low, clause.clone());
        for (i, m) in mentions.iter().enumerate() {
            let next_start = mentions.get(i + 1).map_or(clause.end, |n| n.range.start);
            let prev_end = if i == 0 { clause.start } else { mentions[i - 1].range.end };
            let mine: Vec<&counts::Count> = cnts
                .iter()
                .filter(|c| {
                    if mode_before {
                        c.start >= prev_end && c.start < m.range.start
                    } else {
                        c.start >= m.range.end && c.start < next_start
                    }
                })
                .collect();
            let (coll, ind, comb) = tally(doc, m, &mine, &clause, (coll_named, ind_named));
            let grantors = grantors_for(low, m, &clause, &sentence, &grantor_hits, next_start);
            let counted = coll.is_some() || ind.is_some() || comb.is_some();
            // "bằng khen của Chính phủ, Bộ Công an" without counts: one line per grantor.
            let split = grantors.len() > 1 && !counted && all_mentions == 1;
            let per_grantor: Vec<Vec<&str>> =
                if split { grantors.iter().map(|g| vec![*g]).collect() } else { vec![grantors] };
            for gs in per_grantor {
                let form = taxonomy::name_with(m, &gs);
                let specific = taxonomy::is_complete(m) || gs.len() == 1;
                let grantor = (!gs.is_empty()).then(|| gs.join(", "));
                let award = Award {
                    form,
                    grantor,
                    collectives: coll,
                    individuals: ind,
                    combined: comb,
                    scope,
                    evidence: String::new(),
                };
                out.push(Line { award, sentence: sentence.clone(), family: m.family, specific, headline });
            }
        }
    }
}

/// "khen thưởng" / "vinh danh" with no form: only an award when something is counted or
/// the words around it say it was given (not "công tác thi đua, khen thưởng").
fn generic_is_award(low: &str, m: &Mention, cnts: &[counts::Count], clause: &Range<usize>) -> bool {
    let before = low.get(clause.start..m.range.start).unwrap_or("");
    let not_award =
        ["thi đua, ", "thi đua - ", "thi đua – ", "thi đua và ", "thi đua ", "công tác ", "hình thức ", "xét "];
    if not_award.iter().any(|w| before.ends_with(w)) {
        return false;
    }
    if !cnts.is_empty() {
        return true;
    }
    // The last 40 bytes or so, starting on a character boundary.
    let near = &before[before.ceil_char_boundary(before.len().saturating_sub(40))..];
    let after = low.get(m.range.end..clause.end).unwrap_or("");
    ["được", "đã", "trao", "tặng", "quyết định"].iter().any(|w| near.contains(w))
        || after.starts_with(" đột xuất")
        || after.starts_with(" cho")
}

/// Collectives, individuals and combined for one form.
fn tally(
    doc: &Doc,
    m: &Mention,
    mine: &[&counts::Count],
    clause: &Range<usize>,
    named: (bool, bool),
) -> (Option<u32>, Option<u32>, Option<u32>) {
    let sum = |side: Side| {
        let v: Vec<u32> = mine.iter().filter(|c| c.side == side).map(|c| c.n).collect();
        (!v.is_empty()).then(|| v.iter().fold(0u32, |a, b| a.saturating_add(*b)))
    };
    let (can_coll, can_ind) = m.family.sides();
    if let Some(comb) = sum(Side::Combined) {
        return (None, None, Some(comb));
    }
    let (coll, ind) = (sum(Side::Collective), sum(Side::Individual));
    match (coll, ind) {
        (Some(c), None) => return (Some(c), (!named.1 || !can_ind).then_some(0), None),
        (None, Some(i)) => return ((!named.0 || !can_coll).then_some(0), Some(i), None),
        (Some(c), Some(i)) => return (Some(c), Some(i), None),
        (None, None) => {}
    }
    if named.0 || named.1 {
        return (None, None, None);
    }
    let single = counts::named_recipients(doc.body, &doc.low, m.range.end, clause.end);
    if let Some(n) = counts::times(&doc.low, clause.clone()) {
        return match (can_coll, can_ind, single) {
            (true, false, _) => (Some(n), Some(0), None),
            (false, true, _) => (Some(0), Some(n), None),
            (_, _, Some((1, 0))) => (Some(n), Some(0), None),
            (_, _, Some((0, 1))) => (Some(0), Some(n), None),
            _ => (None, None, None),
        };
    }
    match single {
        Some((u, p)) if u + p > 0 => (Some(u), Some(p), None),
        _ => (None, None, None),
    }
}

/// A run of grantor phrases joined by `, ` or ` và ` starting exactly at `at`.
fn grantor_list(low: &str, hits: &[(Range<usize>, &'static str)], at: usize) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut pos = at;
    for (r, g) in hits.iter().filter(|(r, _)| r.start >= at) {
        let gap = &low[pos..r.start];
        let joined = matches!(gap, ", " | " và " | " , " | ", và ");
        let first_here = out.is_empty() && gap.is_empty();
        if !(joined || first_here) {
            break;
        }
        if !out.contains(g) {
            out.push(*g);
        }
        pos = r.end;
    }
    out
}

fn grantors_for(
    low: &str,
    m: &Mention,
    clause: &Range<usize>,
    sentence: &Range<usize>,
    hits: &[(Range<usize>, &'static str)],
    next_start: usize,
) -> Vec<&'static str> {
    let fits = |gs: Vec<&'static str>| -> Vec<&'static str> {
        gs.into_iter().filter(|g| taxonomy::may_grant(m.family, &m.name, g)).collect()
    };
    // 1. "Bằng khen của Bộ trưởng Bộ Công an", "Cờ … của Chính phủ".
    let wend = low.floor_char_boundary(next_start.min(clause.end).min(m.range.end + 100).max(m.range.end));
    let window = &low[m.range.end..wend];
    let window = &window[..[" cho ", ",", ";"].iter().filter_map(|s| window.find(s)).min().unwrap_or(window.len())];
    if let Some(i) = window.find(" của ") {
        let gs = fits(grantor_list(low, hits, m.range.end + i + " của ".len()));
        if !gs.is_empty() {
            return gs;
        }
    }
    // 2. "thừa ủy quyền (của) Bộ trưởng …": the real grantor, not the presenter.
    let stext = &low[sentence.clone()];
    let mut proxied: Vec<&'static str> = Vec::new();
    for key in ["thừa ủy quyền của ", "thừa ủy nhiệm của ", "thừa ủy quyền ", "thừa ủy nhiệm ", "thừa lệnh "]
    {
        if let Some(i) = stext.find(key) {
            proxied = grantor_list(low, hits, sentence.start + i + key.len());
            let gs = fits(proxied.clone());
            if !gs.is_empty() {
                return gs;
            }
            break;
        }
    }
    // 3. The actor before the form in the clause: "Thủ tướng Chính phủ tặng Bằng khen", with
    // those joined to it by "và" / ","; phrases named as the proxy's principal are skipped.
    let before: Vec<&(Range<usize>, &'static str)> = hits
        .iter()
        .filter(|(r, g)| r.start >= clause.start && r.end <= m.range.start && !proxied.contains(g))
        .filter(|(r, g)| *g != "các cấp" || low[r.end..].starts_with(" khen thưởng"))
        // Not the owner of another form ("Bằng khen của …") nor a recipient ("cho …").
        .filter(|(r, _)| !low[..r.start].ends_with("của ") && !low[..r.start].ends_with("cho "))
        .collect();
    if let Some(last) = before.last() {
        let mut group = vec![last.1];
        let mut start = last.0.start;
        for (r, g) in before.iter().rev().skip(1) {
            if matches!(&low[r.end..start], ", " | " và ") {
                group.push(*g);
                start = r.start;
            } else {
                break;
            }
        }
        group.reverse();
        let gs = fits(group);
        if !gs.is_empty() {
            return gs;
        }
    }
    taxonomy::default_grantor(m.family, &m.name).into_iter().collect()
}

/// Article-wide clean-up: headline totals, summary totals and repeats.
fn clean_up(mut lines: Vec<Line>) -> Vec<Line> {
    // Headline or sapo lines repeat the body when the body counts anything itself.
    if lines.iter().any(|l| !l.headline && l.counted()) {
        lines.retain(|l| !l.headline || !l.counted());
    }
    // A generic total equal to the sum of the specific lines of its scope repeats them.
    let sums = |scope: Scope, lines: &[Line]| {
        let spec: Vec<&Line> = lines.iter().filter(|l| l.award.scope == scope && !l.family.is_generic()).collect();
        let c: u32 = spec.iter().filter_map(|l| l.award.collectives).sum();
        let i: u32 = spec.iter().filter_map(|l| l.award.individuals).sum();
        let comb: u32 = spec.iter().map(|l| l.award.total() as u32).sum();
        (c, i, comb)
    };
    let snapshot = lines.clone();
    lines.retain(|l| {
        if !l.family.is_generic() || !l.counted() {
            return true;
        }
        let (c, i, t) = sums(l.award.scope, &snapshot);
        let a = &l.award;
        let same_sides = a.collectives.is_some_and(|x| x == c) && a.individuals.is_none_or(|x| x == i);
        let same_total = a.combined.is_some_and(|x| x == t);
        !(t > 0 && (same_sides || same_total))
    });
    // Repeats: the same counted line twice; an uncounted line already covered by another.
    let mut kept: Vec<Line> = Vec::new();
    for l in lines {
        let covered = kept.iter().any(|k| {
            if k.award.scope != l.award.scope {
                return false;
            }
            if l.counted() {
                return k.award.form == l.award.form
                    && k.award.grantor == l.award.grantor
                    && (k.award.collectives, k.award.individuals, k.award.combined)
                        == (l.award.collectives, l.award.individuals, l.award.combined);
            }
            k.award.form == l.award.form
                || (k.family == l.family && !l.specific)
                || (l.family.is_generic() && (!k.family.is_generic() || k.counted()))
        });
        if covered {
            continue;
        }
        // A later specific line replaces earlier uncounted generic ones of its family.
        if l.specific || l.counted() {
            kept.retain(|k| {
                k.counted()
                    || k.award.scope != l.award.scope
                    || !(k.family.is_generic() || (k.family == l.family && !k.specific))
            });
        }
        kept.push(l);
    }
    kept
}
