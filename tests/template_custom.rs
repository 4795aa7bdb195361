//! User-edited templates: a copy of the default with an extra paragraph and another signer
//! shows both changes in the PDF and the DOCX; broken templates name the file and line.

mod common;
use common::*;
use std::io::Read;
use std::path::Path;

/// The text of `word/document.xml`, one line per paragraph (runs joined).
fn docx_text(path: &Path) -> String {
    use quick_xml::events::Event;
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut in_t) = (String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push('\n'),
            Event::Text(t) if in_t => out.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_t => {
                let name = r.decode().unwrap();
                out.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    _ => "'",
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn init(dir: &Path) {
    let out = bantin(&["template", "init", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("template.toml") && listed.contains("body.md"), "{listed}");
}

#[test]
fn edited_paragraph_and_signer_show_in_pdf_and_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("mau-rieng");
    init(&tpl);
    assert_eq!(std::fs::read_to_string(tpl.join("body.md")).unwrap(), bantin::compose::DEFAULT_BODY_MD);

    let added = "Đoạn văn bổ sung của Phòng Tham mưu: trong {{ period.label }} có {{ num(totals.events) }} sự kiện, chiếm {{ share(totals.events, totals.events) }} tổng số.";
    let body = std::fs::read_to_string(tpl.join("body.md")).unwrap();
    let body = body.replace("# NHIỆM VỤ TRỌNG TÂM KỲ TỚI", &format!("{added}\n\n# NHIỆM VỤ TRỌNG TÂM KỲ TỚI"));
    std::fs::write(tpl.join("body.md"), body).unwrap();
    let toml = std::fs::read_to_string(tpl.join("template.toml")).unwrap();
    assert!(toml.contains("name = \"Đại tá Nguyễn Văn An\""));
    let toml = toml
        .replace("name = \"Đại tá Nguyễn Văn An\"", "name = \"Thượng tá Lê Thị Hồng Nhung\"")
        .replace("titles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]", "titles = [\"GIÁM ĐỐC\"]");
    std::fs::write(tpl.join("template.toml"), toml).unwrap();

    let out_dir = tmp.path().join("out");
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--template",
        tpl.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let expected_paragraph = "Đoạn văn bổ sung của Phòng Tham mưu: trong năm 2020 có 3 sự kiện, chiếm 100% tổng số.";
    let pdf = one_line(&pdf_text(&out_dir.join("ban-tin-2020.pdf")));
    assert!(pdf.contains(expected_paragraph), "paragraph missing from the PDF:\n{pdf}");
    assert!(pdf.contains("Thượng tá Lê Thị Hồng Nhung"), "signer missing from the PDF:\n{pdf}");
    assert!(!pdf.contains("Nguyễn Văn An") && !pdf.contains("KT. GIÁM ĐỐC"), "old signer still in the PDF");

    let docx = docx_text(&out_dir.join("ban-tin-2020.docx"));
    assert!(docx.lines().any(|l| l == expected_paragraph), "paragraph missing from the DOCX:\n{docx}");
    assert!(docx.lines().any(|l| l == "Thượng tá Lê Thị Hồng Nhung"), "signer missing from the DOCX:\n{docx}");
    assert!(!docx.contains("Nguyễn Văn An"), "old signer still in the DOCX");

    // The default template is untouched.
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let pdf = pdf_text(&out_dir.join("ban-tin-2020.pdf"));
    assert!(pdf.contains("Nguyễn Văn An") && !pdf.contains("Phòng Tham mưu"));
}

#[test]
fn syntax_error_names_the_template_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("hong");
    init(&tpl);
    let body = std::fs::read_to_string(tpl.join("body.md")).unwrap();
    let mut lines: Vec<&str> = body.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("# NHIỆM VỤ")).unwrap();
    lines.insert(at, "Tổng cộng {{ num(totals.total }} lượt.");
    std::fs::write(tpl.join("body.md"), lines.join("\n")).unwrap();
    let out_dir = tmp.path().join("out");
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--template",
        tpl.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let expected = format!("{}:{}: template error: syntax error", tpl.join("body.md").display(), at + 1);
    assert!(stderr.contains(&expected), "expected `{expected}` in:\n{stderr}");
    assert!(stderr.contains("num(totals.total }}"), "the offending expression is quoted:\n{stderr}");
    assert!(!out_dir.join("ban-tin-2020.pdf").exists(), "no output after a template error");

    // template.toml: a bad value names its line too.
    init(&tmp.path().join("hong2"));
    let toml_path = tmp.path().join("hong2/template.toml");
    let toml = std::fs::read_to_string(&toml_path).unwrap();
    let line = toml.lines().position(|l| l.starts_with("number = ")).unwrap() + 1;
    std::fs::write(&toml_path, toml.replace("number = 1\n", "number = \"một\"\n")).unwrap();
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--template",
        tmp.path().join("hong2").to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{}:{line}: template error:", toml_path.display())), "{stderr}");
    assert!(stderr.contains("number = \"một\""), "{stderr}");
}

#[test]
fn named_tables_and_charts_and_helpers() {
    let tmp = tempfile::tempdir().unwrap();
    let tpl = tmp.path().join("bang");
    init(&tpl);
    let body = "# SỐ LIỆU\n\nNgày ban hành: {{ issue_date.text }}; kỳ: {{ quarter(period.quarter) }}; \
so với kỳ trước {{ compare(totals.total, previous.total, \"lượt\", period.previous_label) }}.\n\n\
{{ table(\"forms\") }}\n\n{{ table(\"grantors\") }}\n\n{{ chart(\"trend\") }}\n\n{{ chart(\"forms\") }}\n";
    std::fs::write(tpl.join("body.md"), body).unwrap();
    let events = tmp.path().join("events.json");
    let sample = bantin::load::write_events(&synthetic_events(40), bantin::load::EventFormat::Json).unwrap();
    std::fs::write(&events, sample).unwrap();
    let out = bantin(&[
        "bulletin",
        events.to_str().unwrap(),
        "--period",
        "2020-Q2",
        "--format",
        "pdf",
        "--template",
        tpl.to_str().unwrap(),
        "-o",
        tmp.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = one_line(&pdf_text(&tmp.path().join("ban-tin-2020-Q2.pdf")));
    assert!(text.contains("Ngày ban hành: ngày 01 tháng 7 năm 2020; kỳ: quý II;"), "{text}");
    assert!(text.contains("so với quý I năm 2020"), "{text}");
    assert!(text.contains("Bảng 1. Kết quả khen thưởng theo hình thức, quý II năm 2020"), "{text}");
    assert!(text.contains("Bảng 2. Kết quả khen thưởng theo cấp khen thưởng, quý II năm 2020"), "{text}");
    assert!(text.contains("Hình 1. Số lượt khen thưởng qua các kỳ, đến quý II năm 2020"), "{text}");
    assert!(text.contains("Hình 2. Số lượt khen thưởng theo hình thức, quý II năm 2020"), "{text}");
    assert!(text.contains("Q1/2020") && text.contains("Q2/2020"), "trend axis labels: {text}");
}
