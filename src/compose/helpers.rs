//! What a template sees: the statistics as variables, and the helper functions.
//!
//! | Helper | Gives |
//! |---|---|
//! | `num(1277)` | `1.277` |
//! | `pct(12.5)` | `12,5%` |
//! | `share(3, 24)` | `12,5%` (part of a whole) |
//! | `roman(2)` | `II` |
//! | `quarter(2)` | `quý II` |
//! | `date("2020-06-05")` | `ngày 05 tháng 6 năm 2020` |
//! | `short_date("2020-06-05")` | `05/6/2020` |
//! | `direction(9, 8)` | `tăng` / `giảm` / `không thay đổi` |
//! | `diff(9, 8, "lượt")` | `tăng 1 lượt` |
//! | `change(9, 8, "lượt")` | `tăng 1 lượt (12,5%)` |
//! | `compare(9, 8, "lượt", period.previous_label)` | `tăng 1 lượt (12,5%) so với quý I năm 2020` |
//! | `table("provinces")` | the per-province table (also `"forms"`, `"grantors"`: per award form, per grantor level) |
//! | `chart("province")` | the per-province chart (also `"forms"`, and `"trend"`: totals of the last periods) |

use super::markdown::Placed;
use crate::chart::Kind;
use crate::error::Result;
use crate::event::EventDate;
use crate::period::{Day, Period, PeriodKind};
use crate::stats::{Counts, PeriodStats};
use crate::vi;
use minijinja::{Error as JError, ErrorKind};
use std::sync::{Arc, Mutex};

/// Tables a template can place with `table(name)`.
pub const TABLES: &[&str] = &["provinces", "forms", "grantors"];

fn invalid(msg: String) -> JError {
    JError::new(ErrorKind::InvalidOperation, msg)
}

fn parse_day(s: &str) -> std::result::Result<Day, JError> {
    let d: EventDate = s.trim().parse().map_err(|e: String| invalid(format!("`{s}` is not a date: {e}")))?;
    match (d.month, d.day) {
        (Some(month), Some(day)) => Ok(Day { year: d.year, month, day }),
        _ => Err(invalid(format!("`{s}` must be a full date YYYY-MM-DD"))),
    }
}

/// The minijinja environment with every helper; `placed` collects `table`/`chart` calls.
pub(super) fn environment(placed: Arc<Mutex<Vec<Placed>>>) -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_function("num", |n: i64| vi::number(n));
    env.add_function("pct", |x: f64| vi::percent(x));
    env.add_function("share", |part: i64, whole: i64| share(part, whole));
    env.add_function("roman", |n: u32| vi::roman(n));
    env.add_function("quarter", |n: u32| -> std::result::Result<String, JError> {
        if (1..=4).contains(&n) {
            Ok(format!("quý {}", vi::roman(n)))
        } else {
            Err(invalid(format!("quarter({n}): a quarter is 1 to 4")))
        }
    });
    env.add_function("date", |s: String| parse_day(&s).map(|d| vi::nd30_date(d.year, d.month, d.day)));
    env.add_function("short_date", |s: String| parse_day(&s).map(|d| vi::short_date(d.year, d.month, d.day)));
    env.add_function("direction", |cur: i64, prev: i64| direction(cur, prev).to_string());
    env.add_function("diff", |cur: i64, prev: i64, unit: String| diff_phrase(cur, prev, &unit));
    env.add_function("change", |cur: i64, prev: i64, unit: String| change_phrase(cur, prev, &unit));
    env.add_function("compare", |cur: i64, prev: i64, unit: String, base: String| {
        format!("{} so với {base}", change_phrase(cur, prev, &unit))
    });
    let p = Arc::clone(&placed);
    env.add_function("table", move |name: String| -> std::result::Result<String, JError> {
        if !TABLES.contains(&name.as_str()) {
            return Err(invalid(format!("unknown table `{name}`; known tables: {}", TABLES.join(", "))));
        }
        push(&p, Placed::Table(name))
    });
    env.add_function("chart", move |name: String| -> std::result::Result<String, JError> {
        let kind = Kind::parse(&name).map_err(invalid)?;
        push(&placed, Placed::Chart(kind))
    });
    env
}

/// Records a placed table or chart and leaves a marker for the Markdown pass.
fn push(placed: &Mutex<Vec<Placed>>, item: Placed) -> std::result::Result<String, JError> {
    let mut v = placed.lock().map_err(|_| invalid("lock".into()))?;
    v.push(item);
    Ok(format!("\n\n<!-- bantin:{} -->\n\n", v.len() - 1))
}

/// `part` as a percentage of `whole`: `share(3, 24)` → `12,5%`; `0%` when `whole` is 0.
pub fn share(part: i64, whole: i64) -> String {
    if whole == 0 {
        return vi::percent(0.0);
    }
    vi::percent(part as f64 * 100.0 / whole as f64)
}

/// `tăng`, `giảm` or `không thay đổi`.
pub fn direction(cur: i64, prev: i64) -> &'static str {
    match cur.cmp(&prev) {
        std::cmp::Ordering::Greater => "tăng",
        std::cmp::Ordering::Less => "giảm",
        std::cmp::Ordering::Equal => "không thay đổi",
    }
}

/// The difference without a percentage: `tăng 12 lượt`, `giảm 3 lượt`, `không thay đổi`.
pub fn diff_phrase(cur: i64, prev: i64, unit: &str) -> String {
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    match direction(cur, prev) {
        "không thay đổi" => "không thay đổi".into(),
        d => format!("{d} {}{unit}", vi::number((cur - prev).abs())),
    }
}

/// A Vietnamese comparison phrase: `tăng 12 lượt (12,5%)`, `giảm 3 lượt (20%)`, `không thay đổi`,
/// or, when the earlier period has no figures at all, that there is nothing to compare with
/// (an increase "from nothing" would only repeat the current total).
pub fn change_phrase(cur: i64, prev: i64, unit: &str) -> String {
    let diff = cur - prev;
    let base = diff_phrase(cur, prev, unit);
    if diff == 0 {
        base
    } else if prev == 0 {
        "chưa so sánh được do kỳ so sánh không có số liệu".into()
    } else {
        format!("{base} ({})", vi::percent(diff.abs() as f64 * 100.0 / prev as f64))
    }
}

fn counts(c: &Counts) -> serde_json::Value {
    serde_json::json!({
        "events": c.events, "collectives": c.collectives, "individuals": c.individuals,
        "combined": c.combined, "total": c.total(),
    })
}

fn day(d: Day) -> serde_json::Value {
    serde_json::json!({
        "iso": d.to_string(),
        "text": vi::nd30_date(d.year, d.month, d.day),
        "short": vi::short_date(d.year, d.month, d.day),
        "year": d.year, "month": d.month, "day": d.day,
    })
}

fn period_value(p: &Period) -> serde_json::Value {
    let kind = match p.kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Half => "half",
        PeriodKind::Year => "year",
        PeriodKind::Custom => "custom",
    };
    let quarter = (p.kind == PeriodKind::Quarter).then(|| p.start.month.div_ceil(3));
    serde_json::json!({
        "label": p.label(),
        "short_label": p.short_label(),
        "kind": kind,
        "year": p.start.year,
        "quarter": quarter,
        "start": p.start.to_string(),
        "end": p.end.to_string(),
        "start_date": day(p.start),
        "end_date": day(p.end),
        "previous_label": p.previous().label(),
        "same_period_last_year_label": p.same_period_last_year().label(),
    })
}

/// The variables a template sees (listed in the default `body.md`).
pub(super) fn context(stats: &PeriodStats, settings: &super::Settings, issue: Day) -> Result<minijinja::Value> {
    let cfg = &settings.template.config;
    let rows: Vec<serde_json::Value> = stats
        .rows
        .iter()
        .map(|r| {
            let mut v = counts(&r.counts);
            v["province"] = r.province.clone().into();
            v
        })
        .collect();
    let history: Vec<serde_json::Value> = settings
        .history
        .iter()
        .map(|(p, c)| {
            let mut v = counts(c);
            v["label"] = p.label().into();
            v["short_label"] = p.short_label().into();
            v
        })
        .collect();
    let json = serde_json::json!({
        "period": period_value(&stats.period),
        "grid": stats.grid.size(),
        "rows": rows,
        "totals": counts(&stats.totals),
        "unassigned": counts(&stats.unassigned),
        "previous": counts(&stats.previous),
        "same_period_last_year": counts(&stats.same_period_last_year),
        "warnings": stats.warnings,
        "history": history,
        "issue_date": day(issue),
        "agency": { "parent": cfg.agency.parent, "name": cfg.agency.name, "place": cfg.agency.place },
        "signer": { "titles": cfg.signer.titles, "name": cfg.signer.name },
        "document": { "number": cfg.document.number, "type": cfg.document.doc_type },
    });
    Ok(minijinja::Value::from_serialize(&json))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str) -> std::result::Result<String, JError> {
        environment(Arc::default()).render_str(src, ())
    }

    #[test]
    fn helpers_format_the_vietnamese_way() {
        assert_eq!(
            render("{{ num(1277) }}|{{ pct(12.5) }}|{{ share(3, 24) }}|{{ share(1, 0) }}").unwrap(),
            "1.277|12,5%|12,5%|0%"
        );
        assert_eq!(render("{{ roman(4) }}|{{ quarter(2) }}").unwrap(), "IV|quý II");
        assert_eq!(
            render("{{ date('2026-01-05') }}|{{ short_date('2020-06-05') }}").unwrap(),
            "ngày 05 tháng 01 năm 2026|05/6/2020"
        );
        assert_eq!(render("{{ direction(3, 5) }}|{{ diff(3, 5, 'lượt') }}").unwrap(), "giảm|giảm 2 lượt");
        assert_eq!(
            render("{{ compare(9, 8, 'lượt', 'quý I năm 2020') }}").unwrap(),
            "tăng 1 lượt (12,5%) so với quý I năm 2020"
        );
        assert!(render("{{ quarter(5) }}").unwrap_err().to_string().contains("1 to 4"));
        assert!(render("{{ date('2020-13-01') }}").unwrap_err().to_string().contains("not a date"));
        assert!(render("{{ date('2020-06') }}").unwrap_err().to_string().contains("full date"));
    }

    #[test]
    fn phrases() {
        assert_eq!(change_phrase(9, 8, "lượt"), "tăng 1 lượt (12,5%)");
        assert_eq!(change_phrase(5, 8, "tập thể"), "giảm 3 tập thể (37,5%)");
        assert_eq!(change_phrase(5, 5, "lượt"), "không thay đổi");
        assert_eq!(change_phrase(4, 0, "lượt"), "chưa so sánh được do kỳ so sánh không có số liệu");
        assert_eq!(diff_phrase(1500, 200, ""), "tăng 1.300");
    }
}
