//! Composing a [`Bulletin`] from statistics, with the words taken from a template.
//!
//! A template is a folder with `template.toml` (agency, number, signer,
//! recipients, page) and `body.md` (Markdown with Jinja expressions, rendered by
//! minijinja, then parsed by pulldown-cmark). `# Heading` levels are numbered the
//! ND30 way: `I.`, `1.`, `a)`. Tables and charts are placed by name with
//! `{{ table("provinces") }}` and `{{ chart("province") }}`.

use crate::bulletin::{Align, Block, Bulletin, Closing, Column, Figure, HeaderBlock, Metadata, PageSetup, Span, Table};
use crate::chart::{BarRow, Chart};
use crate::error::{Error, Result};
use crate::period::{day_from_ordinal, day_ordinal, Day};
use crate::stats::PeriodStats;
use crate::vi;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The default quarterly template's settings file, compiled in.
pub const DEFAULT_TEMPLATE_TOML: &str = include_str!("../templates/ban-tin-quy/template.toml");
/// The default quarterly template's body, compiled in.
pub const DEFAULT_BODY_MD: &str = include_str!("../templates/ban-tin-quy/body.md");

/// `[agency]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyConfig {
    /// Tên cơ quan chủ quản, e.g. `BỘ CÔNG AN`.
    pub parent: String,
    /// Tên cơ quan ban hành, e.g. `CÔNG AN TỈNH THÁI BÌNH`.
    pub name: String,
    /// Place name for the date line.
    pub place: String,
}

/// `[document]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// Tên loại, e.g. `BẢN TIN`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Document number (padded to two digits).
    pub number: u32,
    /// Number line with `{n}`, e.g. `Số: {n}/BC-CAT`.
    pub number_format: String,
    /// Trích yếu, a template string.
    pub title: String,
}

/// `[signer]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerConfig {
    /// Authority and title lines, e.g. `KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`.
    pub titles: Vec<String>,
    /// Rank and name.
    pub name: String,
}

/// `[recipients]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientsConfig {
    /// One recipient a line.
    pub list: Vec<String>,
}

/// The whole `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateConfig {
    /// Agency lines.
    pub agency: AgencyConfig,
    /// Document type, number and title.
    pub document: DocumentConfig,
    /// Signer.
    pub signer: SignerConfig,
    /// Nơi nhận.
    pub recipients: RecipientsConfig,
    /// Page setup within ND30.
    #[serde(default)]
    pub page: PageSetup,
}

/// A bulletin template: settings plus the Markdown body.
#[derive(Debug, Clone)]
pub struct Template {
    /// Parsed `template.toml`.
    pub config: TemplateConfig,
    /// Name of the settings file, for error messages.
    pub config_file: String,
    /// The `body.md` source.
    pub body: String,
    /// Name of the body file, for error messages.
    pub body_file: String,
}

impl Template {
    /// The default quarterly bulletin template (compiled in).
    pub fn default_quarterly() -> Template {
        Template::from_sources("<default>/template.toml", DEFAULT_TEMPLATE_TOML, "<default>/body.md", DEFAULT_BODY_MD)
            .expect("the default template is valid")
    }

    /// Loads `template.toml` and `body.md` from a folder.
    pub fn load(dir: &Path) -> Result<Template> {
        let read = |name: &str| -> Result<(String, String)> {
            let p = dir.join(name);
            let text = std::fs::read_to_string(&p).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::input(
                        p.display().to_string(),
                        "file",
                        format!("the template folder has no {name}; create one with `bantin template init <DIR>`"),
                    )
                } else {
                    Error::io(&p, e)
                }
            })?;
            Ok((p.display().to_string(), text))
        };
        let (config_file, toml_text) = read("template.toml")?;
        let (body_file, body) = read("body.md")?;
        Template::from_sources(&config_file, &toml_text, &body_file, &body)
    }

    /// Builds a template from its two sources.
    pub fn from_sources(config_file: &str, toml_text: &str, body_file: &str, body: &str) -> Result<Template> {
        let config: TemplateConfig = toml::from_str(toml_text).map_err(|e| {
            let line = e.span().map(|s| toml_text[..s.start.min(toml_text.len())].lines().count().max(1)).unwrap_or(1);
            Error::Template { file: config_file.to_string(), line, message: e.message().to_string() }
        })?;
        config.page.validate().map_err(|m| Error::input(config_file, "[page]", m))?;
        Ok(Template { config, config_file: config_file.into(), body: vi::nfc(body), body_file: body_file.into() })
    }

    /// Writes the default template into `dir` (for `bantin template init`), refusing to overwrite.
    pub fn write_default(dir: &Path) -> Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for (name, text) in [("template.toml", DEFAULT_TEMPLATE_TOML), ("body.md", DEFAULT_BODY_MD)] {
            let p = dir.join(name);
            if p.exists() {
                return Err(Error::input(
                    p.display().to_string(),
                    "file",
                    "already exists; remove it or choose another folder",
                ));
            }
            crate::output::write_atomic(&p, text.as_bytes())?;
            written.push(p);
        }
        Ok(written)
    }
}

/// Everything composing needs besides the statistics.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The template.
    pub template: Template,
    /// The issue date printed on the document; `None` means "from `created_unix`".
    pub issue_date: Option<Day>,
    /// Creation time (seconds since the Unix epoch), from `SOURCE_DATE_EPOCH` when set.
    pub created_unix: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { template: Template::default_quarterly(), issue_date: None, created_unix: source_date_epoch() }
    }
}

/// `SOURCE_DATE_EPOCH` when set and valid, otherwise the current time.
pub fn source_date_epoch() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
    })
}

/// The calendar day (UTC+7, Vietnam) of a Unix time.
pub fn day_of_unix(unix: i64) -> Day {
    let epoch = day_ordinal(Day { year: 1970, month: 1, day: 1 });
    day_from_ordinal(epoch + (unix + 7 * 3600).div_euclid(86_400))
}

/// Builds the bulletin for `stats` with the template in `settings`.
pub fn compose(stats: &PeriodStats, settings: &Settings) -> Result<Bulletin> {
    let t = &settings.template;
    let cfg = &t.config;
    let context = context(stats);
    let placed: Arc<Mutex<Vec<Placed>>> = Arc::default();
    let env = environment(Arc::clone(&placed));
    let title = env
        .render_str(&vi::nfc(&cfg.document.title), &context)
        .map_err(|e| template_error(&t.config_file, &cfg.document.title, &e))?;
    let body_md =
        env.render_named_str(&t.body_file, &t.body, &context).map_err(|e| template_error(&t.body_file, &t.body, &e))?;
    let placed = placed.lock().map(|p| p.clone()).unwrap_or_default();
    let body = markdown_to_blocks(&body_md, &placed, stats);

    let issue = settings.issue_date.unwrap_or_else(|| day_of_unix(settings.created_unix));
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

/// What a template asked to place with `table(…)` or `chart(…)`.
#[derive(Debug, Clone, PartialEq)]
enum Placed {
    Table(String),
    Chart(String),
}

const TABLES: &[&str] = &["provinces"];
const CHARTS: &[&str] = &["province"];

fn environment(placed: Arc<Mutex<Vec<Placed>>>) -> minijinja::Environment<'static> {
    use minijinja::{Error as JError, ErrorKind};
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_function("num", |n: i64| vi::number(n));
    env.add_function("pct", |x: f64| vi::percent(x));
    env.add_function("change", |cur: i64, prev: i64, unit: String| change_phrase(cur, prev, &unit));
    let p = Arc::clone(&placed);
    env.add_function("table", move |name: String| -> std::result::Result<String, JError> {
        if !TABLES.contains(&name.as_str()) {
            return Err(JError::new(
                ErrorKind::InvalidOperation,
                format!("unknown table `{name}`; known tables: {}", TABLES.join(", ")),
            ));
        }
        let mut v = p.lock().map_err(|_| JError::new(ErrorKind::InvalidOperation, "lock"))?;
        v.push(Placed::Table(name));
        Ok(format!("\n\n<!-- bantin:{} -->\n\n", v.len() - 1))
    });
    env.add_function("chart", move |name: String| -> std::result::Result<String, JError> {
        if !CHARTS.contains(&name.as_str()) {
            return Err(JError::new(
                ErrorKind::InvalidOperation,
                format!("unknown chart `{name}`; known charts: {}", CHARTS.join(", ")),
            ));
        }
        let mut v = placed.lock().map_err(|_| JError::new(ErrorKind::InvalidOperation, "lock"))?;
        v.push(Placed::Chart(name));
        Ok(format!("\n\n<!-- bantin:{} -->\n\n", v.len() - 1))
    });
    env
}

/// A Vietnamese comparison phrase: `tăng 12 lượt (12,5%)`, `giảm 3 lượt (20%)`, `không thay đổi`.
pub fn change_phrase(cur: i64, prev: i64, unit: &str) -> String {
    let diff = cur - prev;
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    match diff.cmp(&0) {
        std::cmp::Ordering::Equal => "không thay đổi".into(),
        _ if prev == 0 => format!("tăng {}{unit} (kỳ so sánh không có số liệu)", vi::number(diff)),
        std::cmp::Ordering::Greater => {
            format!("tăng {}{unit} ({})", vi::number(diff), vi::percent(diff as f64 * 100.0 / prev as f64))
        }
        std::cmp::Ordering::Less => {
            format!("giảm {}{unit} ({})", vi::number(-diff), vi::percent(-diff as f64 * 100.0 / prev as f64))
        }
    }
}

fn context(stats: &PeriodStats) -> minijinja::Value {
    let counts = |c: &crate::stats::Counts| {
        serde_json::json!({
            "events": c.events, "collectives": c.collectives, "individuals": c.individuals,
            "combined": c.combined, "total": c.total(),
        })
    };
    let rows: Vec<serde_json::Value> = stats
        .rows
        .iter()
        .map(|r| {
            let mut v = counts(&r.counts);
            v["province"] = r.province.clone().into();
            v
        })
        .collect();
    let json = serde_json::json!({
        "period": {
            "label": stats.period.label(),
            "start": stats.period.start.to_string(),
            "end": stats.period.end.to_string(),
            "previous_label": stats.period.previous().label(),
            "same_period_last_year_label": stats.period.same_period_last_year().label(),
        },
        "grid": stats.grid.size(),
        "rows": rows,
        "totals": counts(&stats.totals),
        "unassigned": counts(&stats.unassigned),
        "previous": counts(&stats.previous),
        "same_period_last_year": counts(&stats.same_period_last_year),
        "warnings": stats.warnings,
    });
    minijinja::Value::from_serialize(&json)
}

fn template_error(file: &str, source: &str, e: &minijinja::Error) -> Error {
    let line = e.line().unwrap_or(1);
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("").trim();
    let detail = e.detail().map(|d| format!(": {d}")).unwrap_or_default();
    Error::Template { file: file.to_string(), line, message: format!("{}{detail} (in `{text}`)", e.kind()) }
}

/// Parses rendered Markdown into blocks, numbering headings the ND30 way.
fn markdown_to_blocks(md: &str, placed: &[Placed], stats: &PeriodStats) -> Vec<Block> {
    use pulldown_cmark::{Event as Md, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut counters = [0usize; 3];
    let mut heading: Option<u8> = None;
    let mut in_item = false;
    let (mut tables, mut figures) = (0usize, 0usize);
    let push_text = |spans: &mut Vec<Span>, t: &str, b: bool, i: bool| match spans.last_mut() {
        Some(s) if s.bold == b && s.italic == i => s.text.push_str(t),
        _ => spans.push(Span { text: t.to_string(), bold: b, italic: i }),
    };
    for ev in Parser::new(md) {
        match ev {
            Md::Start(Tag::Heading { level, .. }) => heading = Some((level as u8).clamp(1, 3)),
            Md::End(TagEnd::Heading(_)) => {
                let level = heading.take().unwrap_or(1);
                let idx = usize::from(level - 1);
                counters[idx] += 1;
                counters[idx + 1..].iter_mut().for_each(|c| *c = 0);
                let number = match level {
                    1 => format!("{}.", vi::roman(counters[0] as u32)),
                    2 => format!("{}.", counters[1]),
                    _ => format!("{})", vi::point_letter(counters[2] - 1)),
                };
                let text: String = spans.drain(..).map(|s| s.text).collect();
                let text = if level == 1 { vi::upper(text.trim()) } else { text.trim().to_string() };
                blocks.push(Block::Heading { level, number, text });
            }
            Md::Start(Tag::Item) => in_item = true,
            Md::End(TagEnd::Paragraph) | Md::End(TagEnd::Item) => {
                let mut s: Vec<Span> = std::mem::take(&mut spans);
                trim_spans(&mut s);
                if !s.is_empty() {
                    blocks.push(if in_item { Block::Bullet(s) } else { Block::Paragraph(s) });
                }
                if matches!(ev, Md::End(TagEnd::Item)) {
                    in_item = false;
                }
            }
            Md::Start(Tag::Strong) => bold += 1,
            Md::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Md::Start(Tag::Emphasis) => italic += 1,
            Md::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Md::Text(t) | Md::Code(t) => push_text(&mut spans, &t, bold > 0, italic > 0),
            Md::SoftBreak | Md::HardBreak => push_text(&mut spans, " ", bold > 0, italic > 0),
            Md::Html(h) | Md::InlineHtml(h) => {
                let Some(i) = h.trim().strip_prefix("<!-- bantin:").and_then(|r| r.strip_suffix("-->")) else {
                    continue;
                };
                match i.trim().parse::<usize>().ok().and_then(|i| placed.get(i)) {
                    Some(Placed::Table(name)) => {
                        tables += 1;
                        blocks.push(Block::Table(build_table(name, tables, stats)));
                    }
                    Some(Placed::Chart(name)) => {
                        figures += 1;
                        blocks.push(Block::Figure(build_figure(name, figures, stats)));
                    }
                    None => {}
                }
            }
            _ => {}
        }
    }
    blocks
}

fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    spans.retain(|s| !s.text.is_empty());
}

fn build_table(name: &str, number: usize, stats: &PeriodStats) -> Table {
    debug_assert_eq!(name, "provinces");
    let n = |x: u64| vi::number(x as i64);
    let mut rows: Vec<Vec<String>> = stats
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let c = &r.counts;
            vec![(i + 1).to_string(), r.province.clone(), n(c.events), n(c.collectives), n(c.individuals), n(c.total())]
        })
        .collect();
    if stats.unassigned.events > 0 {
        let c = &stats.unassigned;
        rows.push(vec![
            (rows.len() + 1).to_string(),
            "Chưa xác định".into(),
            n(c.events),
            n(c.collectives),
            n(c.individuals),
            n(c.total()),
        ]);
    }
    let t = &stats.totals;
    let col = |h: &str, align| Column { header: h.to_string(), align };
    Table {
        caption: format!("Bảng {number}. Kết quả khen thưởng theo tỉnh, thành phố, {}", stats.period.label()),
        columns: vec![
            col("STT", Align::Center),
            col("Tỉnh, thành phố", Align::Left),
            col("Số sự kiện", Align::Right),
            col("Tập thể", Align::Right),
            col("Cá nhân", Align::Right),
            col("Tổng số lượt", Align::Right),
        ],
        rows,
        totals: Some(vec![
            String::new(),
            "Tổng cộng".into(),
            n(t.events),
            n(t.collectives),
            n(t.individuals),
            n(t.total()),
        ]),
    }
}

fn build_figure(name: &str, number: usize, stats: &PeriodStats) -> Figure {
    debug_assert_eq!(name, "province");
    let rows = stats
        .rows
        .iter()
        .map(|r| BarRow {
            label: r.province.clone(),
            collectives: r.counts.collectives,
            individuals: r.counts.individuals,
        })
        .collect();
    Figure {
        caption: format!("Hình {number}. Số lượt khen thưởng theo tỉnh, thành phố, {}", stats.period.label()),
        chart: Chart::ProvinceBars { rows },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let settings = Settings { created_unix: 1_593_561_600, ..Default::default() };
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
        let err = compose(&sample_stats(), &Settings { template: t, issue_date: None, created_unix: 0 }).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("body.md:5:"), "{msg}");
        assert!(msg.contains("unknown table `nope`"), "{msg}");
        let bad = Template::from_sources("t.toml", DEFAULT_TEMPLATE_TOML, "body.md", "x\n{% if %}\n");
        let err = compose(&sample_stats(), &Settings { template: bad.unwrap(), issue_date: None, created_unix: 0 })
            .unwrap_err();
        assert!(err.to_string().starts_with("body.md:2:"), "{err}");
    }

    #[test]
    fn phrases() {
        assert_eq!(change_phrase(9, 8, "lượt"), "tăng 1 lượt (12,5%)");
        assert_eq!(change_phrase(5, 8, "tập thể"), "giảm 3 tập thể (37,5%)");
        assert_eq!(change_phrase(5, 5, "lượt"), "không thay đổi");
    }

    #[test]
    fn unix_days_in_vietnam_time() {
        assert_eq!(day_of_unix(0).to_string(), "1970-01-01");
        assert_eq!(day_of_unix(1_593_561_600).to_string(), "2020-07-01");
    }
}
