//! Pagination: a vertical list of boxes flowed onto pages, with break rules
//! (widows and orphans, headings kept with what follows, table headers repeated).

use super::frame::{Item, Page};

/// Whether a page break may come just before a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// A break is allowed here.
    Allowed,
    /// Never break here (inside an unbreakable group).
    Forbidden,
}

/// A box in the vertical list: items placed relative to its top edge.
#[derive(Debug, Clone, PartialEq)]
pub struct VBox {
    /// Height in points.
    pub height: f32,
    /// Space above the box; dropped at the top of a page.
    pub space_before: f32,
    /// Items with `y` relative to the box top.
    pub items: Vec<Item>,
    /// Whether a page break may come before this box.
    pub break_before: Break,
    /// Keep on the same page as the next box.
    pub keep_with_next: bool,
    /// The table this box belongs to, if any (its header repeats after a break).
    pub table: Option<usize>,
    /// True for a table's header row (it is what gets repeated).
    pub is_table_header: bool,
}

impl VBox {
    /// A box that may break before and does not keep with the next one.
    pub fn new(height: f32, items: Vec<Item>) -> VBox {
        VBox {
            height,
            space_before: 0.0,
            items,
            break_before: Break::Allowed,
            keep_with_next: false,
            table: None,
            is_table_header: false,
        }
    }
}

/// Flows `boxes` onto pages whose text area spans `top..bottom`.
///
/// `first_top` is where content starts on page 1. `headers[t]` are the header
/// boxes of table `t`, repeated at the top of each page the table continues on.
pub fn paginate(boxes: Vec<VBox>, headers: &[Vec<VBox>], first_top: f32, top: f32, bottom: f32) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut queue: std::collections::VecDeque<VBox> = boxes.into();
    let mut cur: Vec<(VBox, f32)> = Vec::new();
    let mut y = first_top;
    let mut page_top = first_top;
    while let Some(b) = queue.pop_front() {
        let space = if cur.is_empty() { 0.0 } else { b.space_before };
        if y + space + b.height <= bottom + 0.01 || cur.iter().all(|(c, _)| c.is_table_header) {
            y += space;
            cur.push((b, y));
            y += cur.last().map(|(b, _)| b.height).unwrap_or(0.0);
            continue;
        }
        // Find the last legal break: before box k where k's break is allowed and k-1 does not keep with k.
        let candidates = cur.len();
        let mut split = None;
        let ok_before = |k: usize, cur: &[(VBox, f32)], next: &VBox| {
            let this = if k == candidates { next } else { &cur[k].0 };
            this.break_before == Break::Allowed && k > 0 && !cur[k - 1].0.keep_with_next
        };
        for k in (1..=candidates).rev() {
            if ok_before(k, &cur, &b) && !cur[..k].iter().all(|(c, _)| c.is_table_header) {
                split = Some(k);
                break;
            }
        }
        let split = split.unwrap_or(candidates);
        queue.push_front(b);
        for (moved, _) in cur.drain(split..).rev() {
            queue.push_front(moved);
        }
        pages.push(finish(std::mem::take(&mut cur)));
        page_top = top;
        y = page_top;
        // Repeat the table header when a table continues on the new page.
        if let Some(next) = queue.front() {
            if let (Some(t), false) = (next.table, next.is_table_header) {
                for h in headers.get(t).into_iter().flatten().rev() {
                    queue.push_front(h.clone());
                }
            }
        }
    }
    let _ = page_top;
    if !cur.is_empty() || pages.is_empty() {
        pages.push(finish(cur));
    }
    pages
}

fn finish(placed: Vec<(VBox, f32)>) -> Page {
    let mut page = Page::default();
    for (b, y) in placed {
        for mut item in b.items {
            item.shift(y);
            page.items.push(item);
        }
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(tag: f32) -> VBox {
        VBox::new(10.0, vec![Item::Rule { x0: tag, y0: 0.0, x1: tag, y1: 1.0, width: 1.0 }])
    }

    fn tags(p: &Page) -> Vec<f32> {
        p.items
            .iter()
            .map(|i| match i {
                Item::Rule { x0, .. } => *x0,
                _ => -1.0,
            })
            .collect()
    }

    #[test]
    fn breaks_and_respects_forbidden_breaks() {
        let mut boxes: Vec<VBox> = (0..10).map(|i| line(i as f32)).collect();
        boxes[4].break_before = Break::Forbidden; // keep 3 and 4 together
        let pages = paginate(boxes, &[], 0.0, 0.0, 40.0);
        assert_eq!(tags(&pages[0]), vec![0.0, 1.0, 2.0]);
        assert_eq!(tags(&pages[1]), vec![3.0, 4.0, 5.0, 6.0]);
        assert_eq!(tags(&pages[2]), vec![7.0, 8.0, 9.0]);
    }

    #[test]
    fn repeats_table_headers() {
        let mut header = line(100.0);
        header.is_table_header = true;
        header.keep_with_next = true;
        header.table = Some(0);
        let mut boxes = vec![header.clone()];
        for i in 0..6 {
            let mut r = line(i as f32);
            r.table = Some(0);
            boxes.push(r);
        }
        let pages = paginate(boxes, &[vec![header]], 0.0, 0.0, 40.0);
        assert_eq!(tags(&pages[0]), vec![100.0, 0.0, 1.0, 2.0]);
        assert_eq!(tags(&pages[1]), vec![100.0, 3.0, 4.0, 5.0]);
        assert_eq!(pages.len(), 2);
    }
}
