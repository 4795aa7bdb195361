//! End to end: the sample corpus becomes a PDF and a DOCX that readers' tools accept.

mod common;
use bantin::article::Article;
use common::*;
use std::collections::BTreeSet;

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
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
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
    assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
    assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{text}");
    assert!(text.contains("BẢN TIN"));
    for p in provinces_in_2020() {
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
        let out = bantin(&[
            "bulletin",
            "examples/articles",
            "--period",
            "2020",
            "--format",
            "pdf",
            "-o",
            d.path().to_str().unwrap(),
        ]);
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
