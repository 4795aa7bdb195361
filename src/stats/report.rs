//! Exports of [`PeriodStats`]: an aligned terminal table, JSON and CSV (UTF-8 with BOM).

use super::{CategoryRow, Change, Counts, Delta, PeriodStats};
use crate::geo::Grid;
use crate::period::Period;
use crate::vi;
use serde::Serialize;

/// Which breakdown a table or CSV shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum By {
    /// One row per province (default).
    #[default]
    Province,
    /// One row per award form family.
    Form,
    /// One row per grantor level.
    Grantor,
}

impl By {
    /// Parses `province`, `form` or `grantor`.
    pub fn parse(s: &str) -> Result<By, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "province" => Ok(By::Province),
            "form" => Ok(By::Form),
            "grantor" => Ok(By::Grantor),
            other => Err(format!("`{other}` is not a breakdown; use province, form or grantor")),
        }
    }

    /// The heading of the first column.
    pub fn heading(&self) -> &'static str {
        match self {
            By::Province => "Tỉnh, thành phố",
            By::Form => "Hình thức khen thưởng",
            By::Grantor => "Cấp khen thưởng",
        }
    }
}

/// The label of the *chưa xác định* (no province) row.
pub const UNASSIGNED_LABEL: &str = "Chưa xác định";
/// The label of the row of events without a usable date.
pub const UNDATED_LABEL: &str = "Chưa xác định thời gian";

/// The body rows of a breakdown, as (label, counts).
fn body(stats: &PeriodStats, by: By) -> Vec<(String, Counts)> {
    let cats = |v: &[CategoryRow]| v.iter().map(|r| (r.category.clone(), r.counts)).collect();
    match by {
        By::Province => stats.rows.iter().map(|r| (r.province.clone(), r.counts)).collect(),
        By::Form => cats(&stats.by_form),
        By::Grantor => cats(&stats.by_grantor),
    }
}

fn grid_label(g: Grid) -> String {
    format!("lưới {} tỉnh, thành phố", g.size())
}

fn range(p: &Period) -> String {
    format!(
        "{} – {}",
        vi::short_date(p.start.year, p.start.month, p.start.day),
        vi::short_date(p.end.year, p.end.month, p.end.day)
    )
}

/// An aligned terminal table (widths counted in characters, numbers as `1.277`).
pub fn table(stats: &PeriodStats, by: By) -> String {
    let with_combined =
        stats.totals.combined > 0 || stats.previous.combined > 0 || stats.same_period_last_year.combined > 0;
    let mut header =
        vec!["STT".to_string(), by.heading().to_string(), "Sự kiện".into(), "Tập thể".into(), "Cá nhân".into()];
    if with_combined {
        header.push("Lượt chung".into());
    }
    header.push("Tổng lượt".into());
    let cells = |stt: String, label: String, c: &Counts| -> Vec<String> {
        let n = |x: u64| vi::number(i64::try_from(x).unwrap_or(i64::MAX));
        let mut v = vec![stt, label, n(c.events), n(c.collectives), n(c.individuals)];
        if with_combined {
            v.push(n(c.combined));
        }
        v.push(n(c.total()));
        v
    };
    let mut lines: Vec<Option<Vec<String>>> = vec![Some(header), None];
    for (i, (label, c)) in body(stats, by).iter().enumerate() {
        lines.push(Some(cells((i + 1).to_string(), label.clone(), c)));
    }
    if by == By::Province && !stats.unassigned.is_empty() {
        lines.push(Some(cells(String::new(), UNASSIGNED_LABEL.into(), &stats.unassigned)));
    }
    lines.push(None);
    lines.push(Some(cells(String::new(), "Tổng cộng".into(), &stats.totals)));
    let prev = stats.period.previous();
    let same = stats.period.same_period_last_year();
    lines.push(Some(cells(String::new(), format!("Kỳ trước ({})", prev.label()), &stats.previous)));
    lines.push(Some(cells(String::new(), format!("Cùng kỳ ({})", same.label()), &stats.same_period_last_year)));

    let ncols = lines.iter().flatten().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; ncols];
    for row in lines.iter().flatten() {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let total_width = widths.iter().sum::<usize>() + 2 * ncols.saturating_sub(1);
    let mut out = format!(
        "Thống kê khen thưởng {} ({}), {}\n\n",
        stats.period.label(),
        range(&stats.period),
        grid_label(stats.grid)
    );
    for row in &lines {
        let Some(row) = row else {
            out.push_str(&"-".repeat(total_width));
            out.push('\n');
            continue;
        };
        let mut line = String::new();
        for (j, (cell, w)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
            if j > 0 {
                line.push_str("  ");
            }
            if j == 1 {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push('\n');
    for change in [stats.vs_previous(), stats.vs_same_period_last_year()] {
        out.push_str(&change.sentence());
        out.push_str(".\n");
    }
    let extra = |label: &str, c: &Counts| {
        format!(
            "{label}: {} sự kiện, {} tập thể, {} cá nhân, {} lượt (không cộng vào tổng).\n",
            vi::number(c.events as i64),
            vi::number(c.collectives as i64),
            vi::number(c.individuals as i64),
            vi::number(c.total() as i64)
        )
    };
    if !stats.period_awards.is_empty() {
        out.push_str(&extra("Khen thưởng của các giai đoạn trước được nêu lại", &stats.period_awards));
    }
    if !stats.undated.is_empty() {
        out.push_str(&extra(UNDATED_LABEL, &stats.undated));
    }
    for d in &stats.duplicates {
        out.push_str(&format!("Gộp báo cáo trùng lặp ({}): {}\n", d.id, d.sources.join(", ")));
    }
    for w in &stats.warnings {
        out.push_str(&format!("Lưu ý: {w}\n"));
    }
    out
}

#[derive(Serialize)]
struct JsonPeriod {
    start: String,
    end: String,
    label: String,
    kind: crate::period::PeriodKind,
}

impl From<&Period> for JsonPeriod {
    fn from(p: &Period) -> Self {
        JsonPeriod { start: p.start.to_string(), end: p.end.to_string(), label: p.label(), kind: p.kind }
    }
}

#[derive(Serialize)]
struct JsonCounts {
    events: u64,
    collectives: u64,
    individuals: u64,
    combined: u64,
    total: u64,
}

impl From<&Counts> for JsonCounts {
    fn from(c: &Counts) -> Self {
        JsonCounts {
            events: c.events,
            collectives: c.collectives,
            individuals: c.individuals,
            combined: c.combined,
            total: c.total(),
        }
    }
}

#[derive(Serialize)]
struct JsonRow {
    province: String,
    #[serde(flatten)]
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonCategory {
    category: String,
    #[serde(flatten)]
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonBase {
    period: JsonPeriod,
    #[serde(flatten)]
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonDelta {
    current: u64,
    base: u64,
    diff: i64,
    /// Rounded to one decimal; `null` when the base is zero.
    percent: Option<f64>,
    phrase: String,
}

#[derive(Serialize)]
struct JsonChange {
    events: JsonDelta,
    collectives: JsonDelta,
    individuals: JsonDelta,
    total: JsonDelta,
}

impl From<&Change> for JsonChange {
    fn from(c: &Change) -> Self {
        let d = |x: &Delta, unit: &str| JsonDelta {
            current: x.current,
            base: x.base,
            diff: x.diff(),
            percent: x.percent().map(|p| (p * 10.0).round() / 10.0),
            phrase: x.phrase(unit, c.base),
        };
        JsonChange {
            events: d(&c.events, "sự kiện"),
            collectives: d(&c.collectives, "tập thể"),
            individuals: d(&c.individuals, "cá nhân"),
            total: d(&c.total, "lượt"),
        }
    }
}

#[derive(Serialize)]
struct JsonChanges {
    previous: JsonChange,
    same_period_last_year: JsonChange,
}

#[derive(Serialize)]
struct JsonStats<'a> {
    period: JsonPeriod,
    grid: u32,
    rows: Vec<JsonRow>,
    totals: JsonCounts,
    unassigned: JsonCounts,
    previous: JsonBase,
    same_period_last_year: JsonBase,
    change: JsonChanges,
    by_form: Vec<JsonCategory>,
    by_grantor: Vec<JsonCategory>,
    undated: JsonCounts,
    period_awards: JsonCounts,
    deduplicated: bool,
    duplicates: &'a [super::Duplicate],
    warnings: &'a [String],
}

/// The statistics as pretty JSON (stable key order, trailing newline).
pub fn json(stats: &PeriodStats) -> String {
    let cats = |v: &[CategoryRow]| {
        v.iter().map(|r| JsonCategory { category: r.category.clone(), counts: (&r.counts).into() }).collect()
    };
    let doc = JsonStats {
        period: (&stats.period).into(),
        grid: stats.grid.size(),
        rows: stats.rows.iter().map(|r| JsonRow { province: r.province.clone(), counts: (&r.counts).into() }).collect(),
        totals: (&stats.totals).into(),
        unassigned: (&stats.unassigned).into(),
        previous: JsonBase { period: (&stats.period.previous()).into(), counts: (&stats.previous).into() },
        same_period_last_year: JsonBase {
            period: (&stats.period.same_period_last_year()).into(),
            counts: (&stats.same_period_last_year).into(),
        },
        change: JsonChanges {
            previous: (&stats.vs_previous()).into(),
            same_period_last_year: (&stats.vs_same_period_last_year()).into(),
        },
        by_form: cats(&stats.by_form),
        by_grantor: cats(&stats.by_grantor),
        undated: (&stats.undated).into(),
        period_awards: (&stats.period_awards).into(),
        deduplicated: stats.deduplicated,
        duplicates: &stats.duplicates,
        warnings: &stats.warnings,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// The breakdown as CSV: UTF-8 with a BOM (so Excel and LibreOffice keep the Vietnamese
/// text), a header row, plain integers, then the *chưa xác định* and total rows.
pub fn csv(stats: &PeriodStats, by: By) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> =
        vec![["STT", by.heading(), "Sự kiện", "Tập thể", "Cá nhân", "Lượt chung", "Tổng lượt"]
            .iter()
            .map(|s| s.to_string())
            .collect()];
    let row = |stt: String, label: &str, c: &Counts| {
        vec![
            stt,
            label.to_string(),
            c.events.to_string(),
            c.collectives.to_string(),
            c.individuals.to_string(),
            c.combined.to_string(),
            c.total().to_string(),
        ]
    };
    for (i, (label, c)) in body(stats, by).iter().enumerate() {
        rows.push(row((i + 1).to_string(), label, c));
    }
    if by == By::Province && !stats.unassigned.is_empty() {
        rows.push(row(String::new(), UNASSIGNED_LABEL, &stats.unassigned));
    }
    rows.push(row(String::new(), "Tổng cộng", &stats.totals));
    for r in rows {
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&r);
    }
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend(w.into_inner().unwrap_or_default());
    out
}
