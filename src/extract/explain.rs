//! The review listing: every fact beside its evidence, one per line, uncertain ones marked `?`.

use crate::event::{Award, Basis, Event, Scope};
use std::fmt::Write;

/// Prints every fact of an event beside its evidence, one fact per line. Lines of facts that
/// need a person's check (a guessed year, a date or province not stated in the text, an
/// uncounted award line, a form whose level is unknown) start with `?` and say why.
pub fn explain(event: &Event) -> String {
    let mut out = String::new();
    let mut line = |uncertain: Option<String>, label: &str, value: String, evidence: Option<&str>| {
        let mark = if uncertain.is_some() { "?" } else { " " };
        let _ = write!(out, "{mark} {label}: {value}");
        if let Some(why) = uncertain {
            let _ = write!(out, "  [{why}]");
        }
        if let Some(e) = evidence {
            let _ = write!(out, "  ← “{}”", one_line(e));
        }
        out.push('\n');
    };
    line(None, "id", event.id.clone(), None);
    line(None, "file", event.source.file.clone(), None);
    if let Some(u) = &event.source.url {
        line(None, "url", u.clone(), None);
    }
    if let Some(p) = event.source.published {
        line(None, "published", p.to_string(), None);
    }
    let relevant_why = (!event.relevant).then(|| "no award reported: check that none was missed".to_string());
    line(relevant_why, "relevant", if event.relevant { "yes" } else { "no" }.into(), None);
    line(None, "kind", event.kind.clone().unwrap_or_else(|| "–".into()), None);
    line(date_doubt(event), "date", event.date.map_or("–".into(), |d| d.to_string()), event.date_evidence.as_deref());
    let prov_why = match (event.province.is_some(), event.province_basis) {
        (false, _) => Some("no province found".to_string()),
        (true, Some(Basis::Outlet)) => Some("from the outlet, not the text".to_string()),
        _ => None,
    };
    line(
        prov_why,
        "province",
        event.province.clone().unwrap_or_else(|| "–".into()),
        event.province_evidence.as_deref(),
    );
    for m in &event.movements {
        line(None, "movement", m.clone(), None);
    }
    for o in &event.officials {
        let mut v = String::new();
        if let Some(r) = &o.rank {
            v.push_str(r);
            v.push(' ');
        }
        v.push_str(&o.name);
        if let Some(t) = &o.title {
            v.push_str(" – ");
            v.push_str(t);
        }
        line(None, "official", v, o.evidence.as_deref());
    }
    for (i, a) in event.awards.iter().enumerate() {
        line(award_doubt(a), &format!("award {}", i + 1), award_value(a), Some(&a.evidence));
    }
    out
}

fn date_doubt(e: &Event) -> Option<String> {
    let d = e.date?;
    match e.date_basis {
        Some(Basis::Published) if d.day.is_some() && e.date_evidence.is_some() => {
            Some("year or day taken from the publication date".into())
        }
        Some(Basis::Published) => Some("the publication date, not stated as the event's".into()),
        Some(Basis::Text) => {
            let year = d.year.to_string();
            match &e.date_evidence {
                Some(ev) if !states_year(ev, &year) => Some("year guessed from the years the text names".into()),
                _ if d.month.is_none() => Some("only the year is known".into()),
                _ => None,
            }
        }
        _ => None,
    }
    .or_else(|| e.date.is_none().then(|| "no date found".into()))
}

/// True when `evidence` writes `year` as part of a date (`5/6/2020`, `5-6-2020`, `năm 2020`),
/// not only inside a range such as `2015 - 2020`.
fn states_year(evidence: &str, year: &str) -> bool {
    evidence.match_indices(year).any(|(i, _)| {
        let before = &evidence[..i];
        let after_digit = before.chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit());
        (before.ends_with(['/', '.', '-']) && after_digit) || before.ends_with("năm ")
    })
}

fn award_value(a: &Award) -> String {
    let n = |x: Option<u32>| x.map_or("–".to_string(), |v| v.to_string());
    let scope = match a.scope {
        Scope::Event => "event",
        Scope::Period => "period (earlier awards, not added to totals)",
    };
    format!(
        "{} | grantor: {} | collectives: {} | individuals: {} | combined: {} | scope: {}",
        a.form,
        a.grantor.as_deref().unwrap_or("–"),
        n(a.collectives),
        n(a.individuals),
        n(a.combined),
        scope
    )
}

fn award_doubt(a: &Award) -> Option<String> {
    let mut why = Vec::new();
    if a.collectives.is_none() && a.individuals.is_none() && a.combined.is_none() {
        why.push("not counted");
    }
    if a.grantor.is_none() && matches!(a.form.as_str(), "Cờ thi đua" | "Bằng khen" | "Giấy khen") {
        why.push("level unknown");
    }
    if a.grantor.as_deref().is_some_and(|g| g.contains(", ")) {
        why.push("several grantors in one line");
    }
    if matches!(a.form.as_str(), "Khen thưởng" | "Điển hình tiên tiến" | "Tuyên dương") {
        why.push("no form named");
    }
    if let Some(g) = &a.grantor {
        let words: Vec<&str> = g.split(' ').collect();
        let tail = words[words.len().saturating_sub(2)..].join(" ").to_lowercase();
        if g != "các cấp" && !a.evidence.to_lowercase().contains(&tail) {
            why.push("grantor from the taxonomy");
        }
    }
    (!why.is_empty()).then(|| why.join("; "))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
