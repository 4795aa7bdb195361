//! Rendered Markdown to bulletin blocks: headings numbered the ND30 way (`I.`, `1.`, `a)`),
//! paragraphs, bullets, and the tables and charts placed by name.

use super::{parts, Settings};
use crate::bulletin::{Block, Span};
use crate::stats::PeriodStats;
use crate::vi;

/// What a template asked to place with `table(…)` or `chart(…)`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Placed {
    /// A table by name.
    Table(String),
    /// A chart by kind.
    Chart(crate::chart::Kind),
}

/// Parses rendered Markdown into blocks, numbering headings the ND30 way.
pub(super) fn blocks(md: &str, placed: &[Placed], stats: &PeriodStats, settings: &Settings) -> Vec<Block> {
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
                        blocks.push(Block::Table(parts::table(name, tables, stats)));
                    }
                    Some(Placed::Chart(name)) => {
                        figures += 1;
                        blocks.push(Block::Figure(parts::figure(*name, figures, stats, settings)));
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
