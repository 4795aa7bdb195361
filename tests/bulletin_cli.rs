//! End to end: the sample corpus becomes a PDF and a DOCX that readers' tools accept.

mod common;
use bantin::article::Article;
use common::*;
use std::collections::BTreeSet;

/// Runs the README's demo command (PDF only) into `dir`.
fn sample_pdf_into(dir: &tempfile::TempDir) -> std::process::Output {
    bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "-o",
        dir.path().to_str().unwrap(),
    ])
}

fn provinces_in_2020() -> BTreeSet<String> {
    let dir = root().join("examples/articles");
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let ev = bantin::extract::extract(&Article::read(&entry.unwrap().path()).unwrap());
        if ev.relevant && ev.date.is_some_and(|d| d.year == 2020) {
            out.extend(ev.province);
        }
    }
    out
}

#[test]
fn sample_corpus_gives_a_valid_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = sample_pdf_into(&dir);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("ban-tin-2020.pdf");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ban-tin-2020.pdf"), "prints where the file is");

    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "font not embedded+subset+unicode: {row}");
        assert!(cols[0].contains('+') && cols[0].contains("LiberationSerif"), "{row}");
    }

    let text = pdf_text(&pdf);
    let provinces = provinces_in_2020();
    assert!(!provinces.is_empty(), "the 2020 sample articles name provinces");
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
    assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{text}");
    assert!(text.contains("BẢN TIN"));
    for p in provinces {
        assert!(count(&text, &p) >= 2, "province {p} should be in the table and the chart:\n{text}");
    }

    let check = std::process::Command::new("qpdf").args(["--check", pdf.to_str().unwrap()]).output().unwrap();
    assert!(check.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&check.stdout));
}

#[test]
fn same_input_gives_identical_pdf_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let out = sample_pdf_into(d);
        assert!(out.status.success());
    }
    let x = std::fs::read(a.path().join("ban-tin-2020.pdf")).unwrap();
    let y = std::fs::read(b.path().join("ban-tin-2020.pdf")).unwrap();
    assert!(x == y, "two runs differ");
}

#[test]
fn bad_period_is_a_clear_input_error() {
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020-Q5", "-o", "/tmp"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--period") && err.contains("2020-Q5"), "{err}");
}

#[test]
fn sample_corpus_gives_a_docx_that_python_docx_and_libreoffice_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docx = dir.path().join("ban-tin-2020.docx");
    assert!(String::from_utf8_lossy(&out.stdout).contains("ban-tin-2020.docx"));
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
texts = []
for t in d.tables:
    for row in t.rows:
        for cell in row.cells:
            texts.append(cell.text)
texts += [p.text for p in d.paragraphs]
print("TABLES", len(d.tables))
print("PICTURES", len(d.inline_shapes))
print("\n".join(texts))
"#;
    let report = tool("/usr/bin/python3", &["-c", script, docx.to_str().unwrap()]);
    assert!(report.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{report}");
    assert!(report.contains("Độc lập - Tự do - Hạnh phúc"), "{report}");
    let tables: usize = report.lines().next().unwrap().trim_start_matches("TABLES ").parse().unwrap();
    let pictures: usize = report.lines().nth(1).unwrap().trim_start_matches("PICTURES ").parse().unwrap();
    assert!(tables >= 2, "header block table and at least one data table: {tables}");
    assert!(pictures >= 1, "the chart picture");
    for p in provinces_in_2020() {
        assert!(report.contains(&p), "{p} in the DOCX");
    }

    let lo = dir.path().join("lo");
    let conv = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir", lo.to_str().unwrap(), docx.to_str().unwrap()])
        .env("HOME", dir.path())
        .output()
        .expect("soffice runs; run scripts/test.sh to install LibreOffice");
    assert!(conv.status.success(), "{}", String::from_utf8_lossy(&conv.stderr));
    let text = pdf_text(&lo.join("ban-tin-2020.pdf"));
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
}
