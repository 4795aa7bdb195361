//! Composing a [`Bulletin`] from statistics, with the words taken from a template.
//!
//! A template is a folder with `template.toml` (agency, number, signer,
//! recipients, page) and `body.md` (Markdown with Jinja expressions, rendered by
//! minijinja, then parsed by pulldown-cmark). `# Heading` levels are numbered the
//! ND30 way: `I.`, `1.`, `a)`. Tables and charts are placed by name with
//! `{{ table("provinces") }}` and `{{ chart("province") }}`.
//!
//! The template sees the statistics (`period`, `totals`, `previous`,
//! `same_period_last_year`, `unassigned`, `rows`, `history`, `grid`, `warnings`,
//! `issue_date`, `agency`, `signer`, `document`) and these helpers:
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
//!
//! Errors name the template file and line with the offending expression, for `body.md`
//! and for `template.toml` (its title expression, its TOML syntax and values).

mod helpers;
mod markdown;
mod parts;
mod template;

pub use helpers::{change_phrase, diff_phrase, direction, share, TABLES};
pub use parts::chart;
pub use template::{
    AgencyConfig, DocumentConfig, RecipientsConfig, SignerConfig, Template, TemplateConfig, DEFAULT_BODY_MD,
    DEFAULT_TEMPLATE_TOML,
};

use crate::bulletin::{Bulletin, Closing, HeaderBlock, Metadata};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::period::{Day, Period};
use crate::stats::{Counts, PeriodStats, StatsOptions};
use crate::vi;
use std::sync::{Arc, Mutex};

/// How many periods `chart("trend")` shows when the history comes from events.
pub const TREND_PERIODS: usize = 6;

/// Everything composing needs besides the statistics.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The template.
    pub template: Template,
    /// The issue date printed on the document; `None` means "from `created_unix`".
    pub issue_date: Option<Day>,
    /// Creation time (seconds since the Unix epoch): the document's metadata dates, and
    /// its issue date unless `issue_date` is set. The library never reads the clock or
    /// `SOURCE_DATE_EPOCH`; the caller passes the time (the `bantin` command passes
    /// `SOURCE_DATE_EPOCH` when set, otherwise the current time).
    pub created_unix: i64,
    /// Totals of this and earlier periods, oldest first, for `chart("trend")` and the
    /// `history` variable; see [`history`]. When empty the trend shows the previous
    /// period and this one.
    pub history: Vec<(Period, Counts)>,
}

impl Settings {
    /// The default quarterly template, created at `created_unix`, no history.
    pub fn new(created_unix: i64) -> Settings {
        Settings { template: Template::default_quarterly(), issue_date: None, created_unix, history: Vec::new() }
    }
}

/// Totals of the last `n` periods of `period`'s kind, oldest first, ending with `period`
/// (duplicates counted once); see [`crate::stats::trend`].
pub fn history(events: &[Event], period: &Period, n: usize) -> Vec<(Period, Counts)> {
    crate::stats::trend(events, period, n)
}

/// The whole way from events to a bulletin: statistics of `period`, the trend history
/// (when `settings.history` is empty), then [`compose`].
pub fn bulletin_from_events(
    events: &[Event],
    period: &Period,
    options: &StatsOptions,
    settings: &Settings,
) -> Result<(PeriodStats, Bulletin)> {
    let bulletin;
    let stats = if settings.history.is_empty() {
        let (stats, history) = crate::stats::compute_with_trend(events, period, options, TREND_PERIODS);
        bulletin = compose(&stats, &Settings { history, ..settings.clone() })?;
        stats
    } else {
        let stats = crate::stats::compute(events, period, options);
        bulletin = compose(&stats, settings)?;
        stats
    };
    Ok((stats, bulletin))
}

/// The file name stem of a period's bulletin: `ban-tin-2020`, `ban-tin-2020-Q2`,
/// `ban-tin-2020-H1`, `ban-tin-2020-06`, `ban-tin-2020-04-01_2020-06-30`.
pub fn file_stem(p: &Period) -> String {
    use crate::period::PeriodKind::*;
    let y = p.start.year;
    let slug = match p.kind {
        Year => y.to_string(),
        Quarter => format!("{y}-Q{}", p.start.month.div_ceil(3)),
        Half => format!("{y}-H{}", if p.start.month == 1 { 1 } else { 2 }),
        Month => format!("{y}-{:02}", p.start.month),
        Custom => format!("{}_{}", p.start, p.end),
    };
    format!("ban-tin-{slug}")
}

/// The calendar day (UTC+7, Vietnam) of a Unix time.
pub fn day_of_unix(unix: i64) -> Day {
    let vietnam = unix.saturating_add(7 * 3600);
    Day::from(chrono::DateTime::from_timestamp(vietnam, 0).unwrap_or(chrono::DateTime::UNIX_EPOCH).date_naive())
}

/// Builds the bulletin for `stats` with the template in `settings`.
///
/// Errors in the template name its file and line with the offending expression.
pub fn compose(stats: &PeriodStats, settings: &Settings) -> Result<Bulletin> {
    let t = &settings.template;
    let cfg = &t.config;
    let issue = settings.issue_date.unwrap_or_else(|| day_of_unix(settings.created_unix));
    let context = helpers::context(stats, settings, issue)?;
    let placed: Arc<Mutex<Vec<markdown::Placed>>> = Arc::default();
    let env = helpers::environment(Arc::clone(&placed));
    let title = env.render_str(&vi::nfc(&cfg.document.title), &context).map_err(|e| {
        let mut err = template_error(&t.config_file, &cfg.document.title, &e);
        if let Error::Template { line, .. } = &mut err {
            *line += t.title_line.saturating_sub(1);
        }
        err
    })?;
    let body_md =
        env.render_named_str(&t.body_file, &t.body, &context).map_err(|e| template_error(&t.body_file, &t.body, &e))?;
    let placed = placed.lock().map(|p| p.clone()).unwrap_or_default();
    let body = markdown::blocks(&body_md, &placed, stats, settings);

    let number =
        if cfg.document.number < 10 { format!("{:02}", cfg.document.number) } else { cfg.document.number.to_string() };
    Ok(Bulletin {
        page: cfg.page,
        header: HeaderBlock {
            parent_agency: vi::nfc(&cfg.agency.parent),
            agency: vi::nfc(&cfg.agency.name),
            number_line: vi::nfc(&cfg.document.number_format.replace("{n}", &number)),
            place_date: format!(
                "{}, {}",
                vi::nfc(&cfg.agency.place),
                vi::nd30_date(issue.year, issue.month, issue.day)
            ),
        },
        doc_type: vi::nfc(&cfg.document.doc_type),
        summary_lines: vec![title.clone()],
        body,
        closing: Closing {
            recipients: cfg.recipients.list.iter().map(|s| vi::nfc(s)).collect(),
            signer_titles: cfg.signer.titles.iter().map(|s| vi::nfc(s)).collect(),
            signer_name: vi::nfc(&cfg.signer.name),
        },
        metadata: Metadata {
            title: format!("{} {}", vi::nfc(&cfg.document.doc_type), title),
            author: vi::nfc(&cfg.agency.name),
            subject: title,
            keywords: vec!["thi đua".into(), "khen thưởng".into(), "Vì an ninh Tổ quốc".into(), stats.period.label()],
            created_unix: settings.created_unix,
        },
    })
}

fn template_error(file: &str, source: &str, e: &minijinja::Error) -> Error {
    let line = e.line().unwrap_or(1);
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("").trim();
    let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
    Error::Template { file: file.to_string(), line, message: format!("{}{detail} (in `{text}`)", e.kind()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::Block;
    use crate::event::{Award, Event};
    use crate::period::Period;

    fn sample_stats() -> PeriodStats {
        let ev = |p: &str, d: &str, c: u32, i: u32| Event {
            id: format!("{p}{d}"),
            province: Some(p.into()),
            date: Some(d.parse().unwrap()),
            relevant: true,
            awards: vec![Award {
                form: "Bằng khen".into(),
                collectives: Some(c),
                individuals: Some(i),
                ..Default::default()
            }],
            ..Default::default()
        };
        let events = vec![
            ev("Thái Bình", "2020-06-05", 3, 10),
            ev("Quảng Nam", "2020-05-28", 1, 0),
            ev("Thái Bình", "2020-02-01", 1, 1),
        ];
        crate::stats::compute(&events, &Period::parse("2020-Q2").unwrap(), &Default::default())
    }

    #[test]
    fn default_template_builds_a_numbered_bulletin() {
        let settings = Settings { ..Settings::new(1_593_561_600) };
        let b = compose(&sample_stats(), &settings).unwrap();
        assert_eq!(
            b.summary_lines[0],
            "Kết quả phong trào thi đua “Vì an ninh Tổ quốc” và công tác khen thưởng quý II năm 2020"
        );
        assert_eq!(b.header.number_line, "Số: 01/BC-CAT");
        assert_eq!(b.header.place_date, "Thái Bình, ngày 01 tháng 7 năm 2020");
        let headings: Vec<String> = b
            .body
            .iter()
            .filter_map(|x| match x {
                Block::Heading { number, text, .. } => Some(format!("{number} {text}")),
                _ => None,
            })
            .collect();
        assert_eq!(headings[0], "I. TÌNH HÌNH CHUNG");
        assert_eq!(headings[1], "II. KẾT QUẢ KHEN THƯỞNG THEO ĐỊA PHƯƠNG");
        let table = b.body.iter().find_map(|x| if let Block::Table(t) = x { Some(t) } else { None }).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.totals.as_ref().unwrap()[5], "14");
        assert!(b.body.iter().any(|x| matches!(x, Block::Figure(_))));
        let text: String = b.texts().into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
        assert!(text.contains("tăng 12 lượt (600%)"), "{text}");
    }

    #[test]
    fn template_errors_name_file_and_line() {
        let body = "# A\n\nok\n\n{{ table(\"nope\") }}\n";
        let t = Template::from_sources("t.toml", DEFAULT_TEMPLATE_TOML, "body.md", body).unwrap();
        let err = compose(&sample_stats(), &Settings { template: t, ..Settings::new(0) }).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("body.md:5:"), "{msg}");
        assert!(msg.contains("unknown table `nope`"), "{msg}");
        let bad = Template::from_sources("t.toml", DEFAULT_TEMPLATE_TOML, "body.md", "x\n{% if %}\n");
        let err = compose(&sample_stats(), &Settings { template: bad.unwrap(), ..Settings::new(0) }).unwrap_err();
        assert!(err.to_string().starts_with("body.md:2:"), "{err}");
    }

    #[test]
    fn template_toml_errors_name_file_line_and_text() {
        let broken = DEFAULT_TEMPLATE_TOML.replace("number = 1\n", "number = một\n");
        let err = Template::from_sources("t/template.toml", &broken, "b.md", DEFAULT_BODY_MD).unwrap_err().to_string();
        let line = DEFAULT_TEMPLATE_TOML.lines().position(|l| l == "number = 1").unwrap() + 1;
        assert!(err.starts_with(&format!("t/template.toml:{line}: template error:")), "{err}");
        assert!(err.contains("number = một"), "{err}");

        let bad_title = DEFAULT_TEMPLATE_TOML.replace("{{ period.label }}", "{{ period.nhan }}");
        let t = Template::from_sources("t/template.toml", &bad_title, "b.md", DEFAULT_BODY_MD).unwrap();
        let err = compose(&sample_stats(), &Settings { template: t, ..Settings::new(0) }).unwrap_err().to_string();
        let line = bad_title.lines().position(|l| l.starts_with("title =")).unwrap() + 1;
        assert!(err.starts_with(&format!("t/template.toml:{line}:")), "{err}");
        assert!(err.contains("period.nhan"), "{err}");

        let wide = DEFAULT_TEMPLATE_TOML.replace("margin_left_mm = 30", "margin_left_mm = 40");
        let err = Template::from_sources("t/template.toml", &wide, "b.md", DEFAULT_BODY_MD).unwrap_err().to_string();
        assert!(err.contains("margin_left_mm = 40 is outside the ND30 range 30–35"), "{err}");
    }

    #[test]
    fn trend_chart_uses_the_history() {
        let body = "# A\n\n{{ chart(\"trend\") }}\n\nCó {{ history | length }} kỳ.\n";
        let t = Template::from_sources("t.toml", DEFAULT_TEMPLATE_TOML, "body.md", body).unwrap();
        let stats = sample_stats();
        let events = vec![];
        let history = history(&events, &stats.period, 4);
        assert_eq!(history.first().unwrap().0, Period::parse("2019-Q3").unwrap());
        let b = compose(&stats, &Settings { template: t, history, ..Settings::new(0) }).unwrap();
        let chart = b.body.iter().find_map(|x| if let Block::Figure(f) = x { Some(&f.chart) } else { None }).unwrap();
        let crate::chart::Chart::Trend { points } = chart else { panic!("{chart:?}") };
        let labels: Vec<&str> = points.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["Q3/2019", "Q4/2019", "Q1/2020", "Q2/2020"]);
        assert!(points[3].current && !points[2].current);
        assert!(b.texts().iter().any(|(_, t)| t == "Có 4 kỳ."), "{:?}", b.texts());
    }

    #[test]
    fn unix_days_in_vietnam_time() {
        assert_eq!(day_of_unix(0).to_string(), "1970-01-01");
        assert_eq!(day_of_unix(1_593_561_600).to_string(), "2020-07-01");
    }
}
