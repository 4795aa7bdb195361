//! The DOCX as python-docx reads it: text, styles, section, header and tables.

#[path = "fixtures/docx_bulletin.rs"]
mod fixture;

use bantin::bulletin::{Block, HeaderBlock};
use serde_json::Value;
use std::process::Command;

const PYTHON: &str = "/usr/bin/python3";

/// Runs the python-docx reader on the sample, or `None` (with a note) when python-docx is missing.
fn read_back(bulletin: &bantin::bulletin::Bulletin) -> Option<Value> {
    let probe = Command::new(PYTHON).args(["-c", "import docx"]).output();
    if !matches!(probe, Ok(ref o) if o.status.success()) {
        eprintln!("NOTE: skipping: {PYTHON} with python-docx is not available (apt-get install python3-docx)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ban-tin.docx");
    std::fs::write(&path, bantin::render::docx::render(bulletin).unwrap()).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx_check.py");
    let out = Command::new(PYTHON).arg(script).arg(&path).output().unwrap();
    assert!(out.status.success(), "python-docx failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// Texts of the non-empty paragraphs of each cell of each row.
fn cell_texts(table: &Value) -> Vec<Vec<Vec<String>>> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    c["paragraphs"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| s(&p["text"]).to_string())
                        .filter(|t| !t.is_empty())
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn python_docx_reads_the_nd30_document_back() {
    let b = fixture::sample();
    let Some(d) = read_back(&b) else { return };

    // Section: A4 portrait, the ND30 margins of the page setup, titlePg, PAGE field on pages ≥ 2 only.
    let sections = d["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    let sec = &sections[0];
    for (key, want) in [
        ("page_width_mm", 210.0),
        ("page_height_mm", 297.0),
        ("top_mm", f64::from(b.page.margin_top_mm)),
        ("bottom_mm", f64::from(b.page.margin_bottom_mm)),
        ("left_mm", f64::from(b.page.margin_left_mm)),
        ("right_mm", f64::from(b.page.margin_right_mm)),
    ] {
        assert!((f(&sec[key]) - want).abs() <= 0.1, "{key}: {} vs {want}", sec[key]);
    }
    assert!(s(&sec["orientation"]).starts_with("PORTRAIT"));
    assert_eq!(sec["different_first_page"], Value::Bool(true));
    assert_eq!(sec["header_page_field"], Value::Bool(true), "{sec}");
    assert!(s(&sec["header_alignment"][0]).starts_with("CENTER"), "{sec}");
    assert_eq!(sec["first_header_page_field"], Value::Bool(false), "page 1 shows no number");

    // Header block: a borderless two-column table with widths on gridCol and every tcW.
    let tables = d["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 3, "header block, data table, signature block");
    let head = &tables[0];
    assert_eq!(
        cell_texts(head),
        vec![
            vec![
                vec![b.header.parent_agency.clone(), b.header.agency.clone()],
                vec![HeaderBlock::NATIONAL_NAME.to_string(), HeaderBlock::MOTTO.to_string()],
            ],
            vec![vec![b.header.number_line.clone()], vec![b.header.place_date.clone()]],
        ]
    );
    let grid: Vec<i64> = head["grid"].as_array().unwrap().iter().map(|g| g.as_i64().unwrap()).collect();
    let text_twips = (f64::from(b.page.text_width_mm()) * 1440.0 / 25.4).round() as i64;
    assert_eq!(grid.iter().sum::<i64>(), text_twips);
    let left_share = grid[0] as f64 / text_twips as f64;
    assert!((0.35..=0.45).contains(&left_share), "left column is {left_share:.2} of the text width");
    for row in head["rows"].as_array().unwrap() {
        for (c, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
            assert_eq!(cell["width"].as_i64(), Some(grid[c]), "tcW equals gridCol");
        }
    }
    assert!(head["borders"].as_object().unwrap().values().all(|v| v == "nil"), "{}", head["borders"]);
    let head_styles: Vec<&str> =
        head["rows"][0]["cells"][1]["paragraphs"].as_array().unwrap().iter().map(|p| s(&p["style"])).collect();
    assert_eq!(head_styles, ["Quốc hiệu", "Tiêu ngữ", "Đường kẻ"]);
    let styles = &d["styles"];
    assert_eq!(styles["Quốc hiệu"]["size_pt"], 12.0);
    assert_eq!(styles["Quốc hiệu"]["bold"], true);
    assert_eq!(styles["Tiêu ngữ"]["size_pt"], 13.0);
    assert_eq!(styles["Địa danh và thời gian"]["italic"], true);
    assert_eq!(styles["Tên cơ quan ban hành"]["bold"], true);
    assert_eq!(styles["Tên cơ quan chủ quản"]["bold"], Value::Null);

    // Data table: exact cells, repeated header row, rows kept whole, numbers right-aligned, bold totals.
    let Some(Block::Table(t)) = b.body.iter().find(|x| matches!(x, Block::Table(_))) else { unreachable!() };
    let data = &tables[1];
    let mut want: Vec<Vec<Vec<String>>> = vec![t.columns.iter().map(|c| vec![c.header.clone()]).collect()];
    let texts = |r: &[String]| -> Vec<Vec<String>> {
        r.iter().map(|c| if c.is_empty() { vec![] } else { vec![c.clone()] }).collect()
    };
    want.extend(t.rows.iter().map(|r| texts(r)));
    // Totals: the empty STT cell and the label are one cell, as in the PDF.
    let totals = t.totals.as_ref().expect("the fixture has totals");
    assert!(totals[0].is_empty());
    want.push(texts(&totals[1..]));
    assert_eq!(cell_texts(data), want);
    let rows = data["rows"].as_array().unwrap();
    assert_eq!(rows[0]["tbl_header"], true);
    assert!(rows[1..].iter().all(|r| r["tbl_header"] == false));
    assert!(rows.iter().all(|r| r["cant_split"] == true));
    assert!(data["borders"].as_object().unwrap().values().all(|v| v == "single"));
    let body_cell = &rows[1]["cells"][2]["paragraphs"][0];
    assert!(s(&body_cell["alignment"]).starts_with("RIGHT"), "{body_cell}");
    let totals_row = rows[rows.len() - 1]["cells"].as_array().unwrap();
    assert_eq!(totals_row[0]["span"], 2);
    assert_eq!(
        totals_row[0]["width"].as_i64(),
        Some(rows[1]["cells"][0]["width"].as_i64().unwrap() + rows[1]["cells"][1]["width"].as_i64().unwrap())
    );
    assert!(s(&totals_row[0]["paragraphs"][0]["alignment"]).starts_with("CENTER"), "{}", totals_row[0]);
    let totals_cell = &totals_row[totals_row.len() - 1]["paragraphs"][0];
    assert_eq!(s(&totals_cell["style"]), "Table Total");
    assert_eq!(styles["Table Total"]["bold"], true);
    assert_eq!(s(&rows[0]["cells"][0]["paragraphs"][0]["style"]), "Table Heading");

    // Signature block.
    let closing = cell_texts(&tables[2]);
    let mut left = vec!["Nơi nhận:".to_string()];
    left.extend(b.closing.recipients.iter().cloned());
    let mut right = b.closing.signer_titles.clone();
    right.push(b.closing.signer_name.clone());
    assert_eq!(closing, vec![vec![left, right]]);
    assert_eq!(styles["Nơi nhận"]["size_pt"], 12.0);
    assert_eq!(styles["Nơi nhận"]["bold"], true);
    assert_eq!(styles["Nơi nhận"]["italic"], true);
    assert_eq!(styles["Danh sách nơi nhận"]["size_pt"], 11.0);

    // Body: every paragraph's text, in order, each in a named style.
    let mut want: Vec<(String, String)> = vec![("Title".into(), b.doc_type.clone())];
    want.extend(b.summary_lines.iter().map(|l| ("Subtitle".to_string(), l.clone())));
    want.push(("Đường kẻ".into(), String::new()));
    for block in &b.body {
        match block {
            Block::Heading { level, number, text } => {
                let text = if *level == 1 { bantin::vi::upper(text) } else { text.clone() };
                want.push((format!("Heading {level}"), format!("{number} {text}")));
            }
            Block::Paragraph(spans) => {
                want.push(("Body Text".into(), spans.iter().map(|x| x.text.as_str()).collect()));
            }
            Block::Bullet(spans) => {
                let t: String = spans.iter().map(|x| x.text.as_str()).collect();
                want.push(("List Dash".into(), t.trim_start_matches("- ").to_string()));
            }
            Block::Table(t) => want.push(("Caption".into(), t.caption.clone())),
            Block::Figure(fig) => {
                want.push(("Figure".into(), String::new()));
                want.push(("Chú thích hình".into(), fig.caption.clone()));
            }
        }
    }
    let got: Vec<(String, String)> = d["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (s(&p["style"]).to_string(), s(&p["text"]).to_string()))
        .collect();
    assert_eq!(got, want);

    // Body paragraphs carry no direct font or size: the style does the work.
    for p in d["paragraphs"].as_array().unwrap() {
        for r in p["runs"].as_array().unwrap() {
            assert!(r["font"].is_null() && r["size_pt"].is_null(), "direct formatting on {r}");
        }
    }
    let normal = &styles["Normal"];
    assert_eq!(s(&normal["font"]), "Times New Roman");
    for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert_eq!(s(&normal["fonts"][slot]), "Times New Roman", "font slot {slot}");
    }
    assert_eq!(f(&normal["size_pt"]), f64::from(b.page.body_size_pt));
    assert!(s(&normal["alignment"]).starts_with("JUSTIFY"));
    assert!((f(&normal["first_line_indent_mm"]) - 12.7).abs() < 0.05);
    assert_eq!(f(&normal["space_after_pt"]), 6.0);
    assert!((f(&normal["line_spacing"]) - f64::from(b.page.line_spacing)).abs() < 0.01);
    assert_eq!(s(&styles["Body Text"]["based_on"]), "Normal");
    assert_eq!(styles["Heading 1"]["all_caps"], true);
    assert_eq!(styles["Heading 1"]["bold"], true);
    assert_eq!(styles["Heading 2"]["bold"], true);
    assert_eq!(styles["Heading 1"]["keep_with_next"], true);
    assert_eq!(styles["Heading 3"]["italic"], true);
    assert_eq!(styles["Chú thích hình"]["italic"], true);
    assert_eq!(styles["Chú thích hình"]["bold"], Value::Null);

    // The chart: one picture across the text width, its alt text listing every province's figures.
    let shapes = d["shapes"].as_array().unwrap();
    assert_eq!(shapes.len(), 1);
    assert!((f(&shapes[0]["width_mm"]) - f64::from(b.page.text_width_mm())).abs() < 0.5);
    let descr = s(&shapes[0]["descr"]);
    for (name, c, p) in fixture::PROVINCES {
        assert!(descr.contains(&format!("{name}: {c} tập thể, {p} cá nhân")), "{descr}");
    }

    // Core properties.
    let core = &d["core"];
    assert_eq!(s(&core["title"]), b.metadata.title);
    assert_eq!(s(&core["author"]), b.metadata.author);
    assert_eq!(s(&core["subject"]), b.metadata.subject);
    assert_eq!(s(&core["created"]), "2020-07-05T00:00:00");
    assert_eq!(s(&core["modified"]), "2020-07-05T00:00:00");
}
