//! One pass over the kept events: the period's rows, totals, categories and comparison totals.

use super::dedup::Dedup;
use super::{CategoryRow, Counts, Duplicate, FormFamily, GrantorLevel, PeriodStats, ProvinceRow};
use crate::event::{Event, EventDate, Scope};
use crate::geo::{self, Grid};
use crate::period::{Day, Period};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Where a date falls relative to a period.
enum Place {
    Inside,
    Outside,
    /// A partial date (year or month only) that overlaps the period but is not inside it.
    Straddles,
}

fn place(period: &Period, d: &EventDate) -> Place {
    if period.contains(d) {
        return Place::Inside;
    }
    let (y0, m0, d0) = d.first_day();
    let (y1, m1, d1) = d.last_day();
    let first = Day { year: y0, month: m0, day: d0 };
    let last = Day { year: y1, month: m1, day: d1 };
    if first <= period.end && last >= period.start {
        Place::Straddles
    } else {
        Place::Outside
    }
}

/// Totals of the kept events wholly inside `period`.
pub(super) fn totals(events: &[Event], kept: &[usize], period: &Period) -> Counts {
    let mut c = Counts::default();
    for e in kept.iter().filter_map(|&i| events.get(i)) {
        if e.date.is_some_and(|d| period.contains(&d)) {
            c.add_event(e);
        }
    }
    c
}

/// Computes a period's statistics from deduplicated events.
pub(super) fn aggregate(events: &[Event], d: &Dedup, period: &Period, grid: Grid, deduplicated: bool) -> PeriodStats {
    let previous_period = period.previous();
    let same_period = period.same_period_last_year();
    let mut by_province: HashMap<&'static str, Counts> = HashMap::default();
    let mut unknown_names: BTreeSet<&str> = BTreeSet::new();
    let (mut unassigned, mut undated, mut totals, mut period_awards) = Default::default();
    let (mut previous, mut same) = (Counts::default(), Counts::default());
    let (mut no_province, mut unknown_province, mut no_date, mut straddling) = (0u64, 0u64, 0u64, 0u64);
    let mut forms = [Counts::default(); 8];
    let mut levels = [Counts::default(); 6];
    let mut form_cache: HashMap<&str, FormFamily> = HashMap::default();
    let mut level_cache: HashMap<(Option<&str>, &str), GrantorLevel> = HashMap::default();
    let mut in_period = vec![false; events.len()];

    for &i in &d.kept {
        let Some(e) = events.get(i) else { continue };
        let Some(date) = &e.date else {
            no_date += 1;
            Counts::add_event(&mut undated, e);
            continue;
        };
        if previous_period.contains(date) {
            previous.add_event(e);
        }
        if same_period.contains(date) {
            same.add_event(e);
        }
        match place(period, date) {
            Place::Outside => continue,
            Place::Straddles => {
                straddling += 1;
                Counts::add_event(&mut undated, e);
                continue;
            }
            Place::Inside => {}
        }
        in_period[i] = true;
        Counts::add_event(&mut totals, e);
        match e.province.as_deref() {
            None => {
                no_province += 1;
                Counts::add_event(&mut unassigned, e);
            }
            Some(p) => match geo::on_grid(p, grid) {
                Some(name) => by_province.entry(name).or_default().add_event(e),
                None => {
                    unknown_province += 1;
                    unknown_names.insert(p);
                    Counts::add_event(&mut unassigned, e);
                }
            },
        }
        let mut seen_forms = [false; 8];
        let mut seen_levels = [false; 6];
        let mut has_period_lines = false;
        for a in &e.awards {
            if a.scope == Scope::Period {
                Counts::add_award(&mut period_awards, a);
                has_period_lines = true;
                continue;
            }
            let f = *form_cache.entry(a.form.as_str()).or_insert_with(|| FormFamily::classify(&a.form));
            let l = *level_cache
                .entry((a.grantor.as_deref(), a.form.as_str()))
                .or_insert_with(|| GrantorLevel::classify(a.grantor.as_deref(), &a.form));
            let (fi, li) = (f as usize, l as usize);
            if let (Some(fc), Some(seen)) = (forms.get_mut(fi), seen_forms.get_mut(fi)) {
                fc.add_award(a);
                fc.events += u64::from(!*seen);
                *seen = true;
            }
            if let (Some(lc), Some(seen)) = (levels.get_mut(li), seen_levels.get_mut(li)) {
                lc.add_award(a);
                lc.events += u64::from(!*seen);
                *seen = true;
            }
        }
        if has_period_lines {
            period_awards.events += 1;
        }
    }

    let mut rows: Vec<ProvinceRow> =
        by_province.into_iter().map(|(p, counts)| ProvinceRow { province: p.to_string(), counts }).collect();
    crate::collate::sort_by_key(&mut rows, |r| r.province.as_str());
    let category = |label: &str, counts: Counts| CategoryRow { category: label.to_string(), counts };
    let by_form =
        FormFamily::ALL.iter().zip(forms).filter(|(_, c)| !c.is_empty()).map(|(f, c)| category(f.label(), c)).collect();
    let by_grantor = GrantorLevel::ALL
        .iter()
        .zip(levels)
        .filter(|(_, c)| !c.is_empty())
        .map(|(l, c)| category(l.label(), c))
        .collect();
    let duplicates: Vec<Duplicate> = d
        .groups
        .iter()
        .filter(|g| g.first().is_some_and(|&k| in_period.get(k) == Some(&true)))
        .filter_map(|g| {
            let kept = events.get(*g.first()?)?;
            Some(Duplicate {
                id: kept.id.clone(),
                date: kept.date,
                province: kept.province.clone(),
                sources: g.iter().filter_map(|&i| events.get(i)).map(|e| e.source.file.clone()).collect(),
            })
        })
        .collect();

    let mut warnings = Vec::new();
    if no_province > 0 {
        warnings
            .push(format!("{no_province} sự kiện trong kỳ chưa xác định tỉnh, thành phố (ghi ở dòng «Chưa xác định»)"));
    }
    if unknown_province > 0 {
        let names: Vec<&str> = unknown_names.into_iter().collect();
        warnings.push(format!(
            "{unknown_province} sự kiện có tên tỉnh, thành phố không có trong danh mục ({}) (ghi ở dòng «Chưa xác định»)",
            names.join(", ")
        ));
    }
    if no_date > 0 {
        warnings.push(format!(
            "{no_date} sự kiện chưa xác định ngày (ghi ở dòng «Chưa xác định thời gian», không cộng vào tổng của kỳ)"
        ));
    }
    if straddling > 0 {
        warnings.push(format!(
            "{straddling} sự kiện chỉ biết năm hoặc tháng, không nằm trọn trong kỳ (ghi ở dòng «Chưa xác định thời gian», không cộng vào tổng của kỳ)"
        ));
    }
    let merged: usize = duplicates.iter().map(|g| g.sources.len() - 1).sum();
    if merged > 0 {
        warnings.push(format!(
            "{merged} báo cáo trùng lặp đã được gộp vào {} sự kiện (mỗi sự kiện chỉ tính một lần)",
            duplicates.len()
        ));
    }

    PeriodStats {
        period: *period,
        grid,
        rows,
        totals,
        unassigned,
        previous,
        same_period_last_year: same,
        warnings,
        undated,
        period_awards,
        by_form,
        by_grantor,
        duplicates,
        deduplicated,
    }
}
