//! Chart rendering: every label drawn, no label over another, greyscale-safe
//! series, PNG resolution, SVG text.
//!
//! Set `BANTIN_CHART_DIR=/some/dir` to also write the PNG and SVG renderings there
//! for looking at them.

mod chart_common;
use bantin::chart::{BarRow, Chart, Series, TrendPoint, TEXT_WIDTH_PT};
use chart_common::*;
use plotters::prelude::*;

#[test]
fn every_kind_draws_every_label_without_overlap_for_1_7_and_63() {
    for n in [1, 7, 63] {
        for (name, chart) in charts(n) {
            let rec = record(&chart);
            check_labels(&name, &chart, &rec);
            // Every bar total is written at the bar's end in Vietnamese format.
            if let Chart::ProvinceBars { rows } | Chart::Forms { rows } = &chart {
                for r in rows {
                    let v = bantin::vi::number(r.total() as i64);
                    assert!(rec.labels.iter().any(|l| l.text == v), "{name}: value {v} missing");
                }
            }
        }
    }
}

#[test]
fn sixty_three_provinces_all_named_with_long_names_whole() {
    let names = provinces(63);
    let chart = Chart::province_bars(rows(&names));
    let rec = record(&chart);
    for n in &names {
        assert_eq!(rec.labels.iter().filter(|l| l.text == *n).count(), 1, "{n} drawn once, whole");
    }
    for long in ["Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"] {
        assert!(names.iter().any(|n| *n == long || n.replace('–', "-") == long), "{long} in the gazetteer");
    }
    assert!(rec.labels.iter().any(|l| l.text == "1.277"), "thousands separator");
    // The chart grows with the row count and stays within an A4 text block (728 pt).
    let h63 = chart.height_for_width(TEXT_WIDTH_PT);
    let h7 = Chart::province_bars(rows(&provinces(7))).height_for_width(TEXT_WIDTH_PT);
    assert!(h63 > 3.0 * h7 && h63 < 728.0, "heights {h7} and {h63}");
}

#[test]
fn long_labels_wrap_in_a_narrow_chart_and_stay_whole() {
    let chart = Chart::forms(rows(&FORMS));
    let narrow = record_at(&chart, 250.0);
    check_labels("forms-narrow", &chart, &narrow);
    let wide = record(&chart);
    assert!(narrow.labels.len() > wide.labels.len(), "some labels take two lines");
    let words = |labels: &[Label]| {
        let mut w: Vec<String> =
            labels.iter().flat_map(|l| l.text.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
        w.sort();
        w
    };
    assert_eq!(words(&narrow.labels), words(&wide.labels), "no word lost or cut");
}

#[test]
fn province_bars_are_sorted_by_total_descending() {
    let chart = Chart::province_bars(rows(&provinces(7)));
    let rec = record(&chart);
    let Chart::ProvinceBars { rows } = &chart else { unreachable!() };
    let mut y_of: Vec<(u64, f64)> = rows
        .iter()
        .map(|r| (r.total(), rec.labels.iter().find(|l| l.text == r.label).map(|l| l.y0).unwrap()))
        .collect();
    y_of.sort_by(|a, b| a.1.total_cmp(&b.1));
    assert!(y_of.windows(2).all(|p| p[0].0 >= p[1].0), "top to bottom by total: {y_of:?}");
}

#[test]
fn trend_marks_the_current_period_and_keeps_the_last_eight() {
    let chart = Chart::trend(trend_points(11));
    let Chart::Trend { points } = &chart else { unreachable!() };
    assert_eq!(points.len(), 8);
    assert_eq!(points[0].label, "Q4/2018");
    let rec = record(&chart);
    assert!(rec.labels.iter().any(|l| l.text == "(kỳ này)"));
    assert!(chart.description().contains("Q3/2020 (kỳ này)"), "{}", chart.description());
}

fn luminance(png_bytes: &[u8]) -> (Vec<f64>, u32, u32, png::PixelDimensions) {
    let dec = png::Decoder::new(png_bytes);
    let mut reader = dec.read_info().unwrap();
    let dims = reader.info().pixel_dims.expect("pHYs chunk");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let data = &buf[..info.buffer_size()];
    let lum = match info.color_type {
        // Charts drawn only in greys are written as 8-bit greyscale.
        png::ColorType::Grayscale => data.iter().map(|&g| f64::from(g) / 255.0).collect(),
        png::ColorType::Rgb => data
            .chunks(3)
            .map(|p| (0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])) / 255.0)
            .collect(),
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (lum, info.width, info.height, dims)
}

#[test]
fn series_stay_apart_in_greyscale() {
    for chart in [Chart::province_bars(rows(&provinces(7))), Chart::trend(trend_points(6))] {
        let png = chart.to_png(TEXT_WIDTH_PT, 300.0).unwrap();
        let (lum, w, h, dims) = luminance(&png);
        assert_eq!((dims.xppu, dims.yppu, dims.unit), (11811, 11811, png::Unit::Meter), "300 dpi");
        assert_eq!(w, (f64::from(TEXT_WIDTH_PT) * 300.0 / 72.0).round() as u32);
        // Find each series' largest bar with a recording at the same scale, then
        // average the PNG's luminance inside it (hatching included).
        let scale = 300.0 / 72.0;
        let mut rec = Recorder::new((w, h));
        {
            let root = (&mut rec).into_drawing_area();
            chart.draw(&root, scale).unwrap();
        }
        let mean = |s: Series| {
            let fill = s.fill();
            let ((x0, y0), (x1, y1)) = rec
                .fills
                .iter()
                .filter(|f| f.2 == fill)
                .map(|f| (f.0, f.1))
                .max_by_key(|((x0, y0), (x1, y1))| (x1 - x0) * (y1 - y0))
                .expect("series drawn");
            let inset = 4;
            let (mut sum, mut count) = (0.0, 0);
            for y in (y0 + inset)..(y1 - inset) {
                for x in (x0 + inset)..(x1 - inset) {
                    sum += lum[(y as u32 * w + x as u32) as usize];
                    count += 1;
                }
            }
            assert!(count > 100, "{s:?} bar too small to sample");
            sum / f64::from(count)
        };
        let (c, i) = (mean(Series::Collectives), mean(Series::Individuals));
        eprintln!("mean luminance: collectives {c:.3}, individuals {i:.3}");
        assert!((i - c).abs() >= 0.25, "collectives {c:.3} vs individuals {i:.3}");
    }
}

#[test]
fn png_is_deterministic() {
    let chart = Chart::forms(rows(&FORMS));
    assert_eq!(chart.to_png(TEXT_WIDTH_PT, 300.0).unwrap(), chart.to_png(TEXT_WIDTH_PT, 300.0).unwrap());
}

#[test]
fn svg_keeps_every_label_as_text_with_the_font_stack() {
    for (name, chart) in charts(7).into_iter().chain(charts(63)) {
        let svg = chart.to_svg(TEXT_WIDTH_PT).unwrap();
        let texts: Vec<String> = svg
            .split("<text")
            .skip(1)
            .map(|t| {
                let body = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
                body.trim().replace("&apos;", "'").replace("&amp;", "&")
            })
            .collect();
        let joined = texts.join(" ");
        for label in chart.labels() {
            assert!(texts.contains(&label) || joined.contains(&label), "{name}: {label:?} not a <text>");
        }
        let n_text = svg.matches("<text").count();
        assert_eq!(n_text, svg.matches("font-family=\"Liberation Serif, 'Times New Roman', serif\"").count());
        assert!(svg.contains("width=\"467.72pt\""), "{name}: physical width");
        // Well-formed enough: every attribute value is closed before the next one opens.
        for tag in svg.split('<').skip(1) {
            let head = tag.split('>').next().unwrap();
            assert_eq!(head.matches('"').count() % 2, 0, "{name}: unbalanced quotes in <{head}>");
        }
        assert!(!svg.contains("dy=\"0.5ex\""), "text positioned by the font's metrics");
    }
}

#[test]
fn write_pngs_and_svgs_for_viewing() {
    let Some(dir) = std::env::var_os("BANTIN_CHART_DIR") else { return };
    let dir = std::path::PathBuf::from(dir);
    for n in [1, 7, 63] {
        for (name, chart) in charts(n) {
            chart.write_file(&dir.join(format!("{name}.png")), TEXT_WIDTH_PT).unwrap();
            chart.write_file(&dir.join(format!("{name}.svg")), TEXT_WIDTH_PT).unwrap();
        }
    }
    let real_forms = Chart::forms(rows(&FORMS));
    real_forms.write_file(&dir.join("forms-real.png"), TEXT_WIDTH_PT).unwrap();
    real_forms.write_file(&dir.join("forms-narrow.png"), 250.0).unwrap();
    let big: Vec<TrendPoint> = trend_points(8)
        .into_iter()
        .map(|p| TrendPoint { collectives: p.collectives * 1000, individuals: p.individuals * 997, ..p })
        .collect();
    Chart::trend(big).write_file(&dir.join("trend-narrow.png"), 260.0).unwrap();
    let chart = Chart::province_bars(rows(&provinces(63)));
    let t = std::time::Instant::now();
    let png = chart.to_png(TEXT_WIDTH_PT, 300.0).unwrap();
    eprintln!("province-63 PNG: {} bytes in {:?}", png.len(), t.elapsed());
    let t = std::time::Instant::now();
    let svg = chart.to_svg(TEXT_WIDTH_PT).unwrap();
    eprintln!("province-63 SVG: {} bytes in {:?}", svg.len(), t.elapsed());
    assert!(real_forms.write_file(&dir.join("x.gif"), TEXT_WIDTH_PT).is_err());
}

#[test]
fn empty_and_extreme_data_draw_without_error() {
    let huge = BarRow { label: "Hà Nội".into(), collectives: u64::MAX, individuals: 5 };
    let zero = BarRow { label: "Huế".into(), collectives: 0, individuals: 0 };
    let charts = [
        Chart::province_bars(vec![]),
        Chart::forms(vec![]),
        Chart::trend(vec![]),
        Chart::province_bars(vec![zero.clone()]),
        Chart::province_bars(vec![huge.clone(), zero.clone()]),
        Chart::trend(vec![TrendPoint { label: "6/2020".into(), collectives: 0, individuals: 0, current: true }]),
    ];
    for chart in &charts {
        let rec = record(chart);
        check_labels("edge", chart, &rec);
        chart.to_svg(TEXT_WIDTH_PT).unwrap();
    }
    let empty = record(&charts[0]);
    assert!(empty.labels.iter().any(|l| l.text == "Không có số liệu"));
    assert!(charts[4].to_png(200.0, 72.0).is_ok());
}

#[test]
fn labels_are_normalised_to_nfc() {
    // "Huế" with a combining acute and circumflex (NFD).
    let nfd = "Hu\u{65}\u{302}\u{301}";
    let chart = Chart::province_bars(vec![BarRow { label: nfd.into(), collectives: 1, individuals: 2 }]);
    assert!(chart.labels().contains(&"Huế".to_string()));
}
