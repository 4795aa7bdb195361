//! LibreOffice opens the DOCX: `soffice --convert-to pdf` works, the PDF holds the
//! key strings, page 1 has no number and page 2 does, and the page count is
//! close to our own PDF's. Skipped with a note when soffice or poppler is missing.

#[path = "fixtures/docx_bulletin.rs"]
mod fixture;

use bantin::bulletin::{Block, Bulletin, HeaderBlock};
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success())
}

fn pdftotext(pdf: &Path, page: Option<u32>) -> String {
    let mut c = Command::new("pdftotext");
    if let Some(p) = page {
        c.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = c.arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "pdftotext failed");
    bantin::vi::nfc(&String::from_utf8_lossy(&out.stdout))
}

fn pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("pdfinfo reports pages")
}

/// Converts `docx` with a private LibreOffice profile (other processes may run soffice too).
fn convert(dir: &Path, docx: &Path) -> PathBuf {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        out.status.success() && pdf.exists(),
        "soffice failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// Strings that must survive the conversion: header block, title, headings,
/// table cells, captions and the signature block.
fn key_strings(b: &Bulletin) -> Vec<String> {
    let mut v = vec![
        HeaderBlock::NATIONAL_NAME.to_string(),
        HeaderBlock::MOTTO.to_string(),
        b.header.parent_agency.clone(),
        b.header.agency.clone(),
        b.header.number_line.clone(),
        b.header.place_date.clone(),
        b.doc_type.clone(),
        "Nơi nhận:".to_string(),
        b.closing.signer_name.clone(),
    ];
    v.extend(b.summary_lines.iter().cloned());
    v.extend(b.closing.signer_titles.iter().cloned());
    for block in &b.body {
        match block {
            Block::Heading { level, number, text } => {
                let t = if *level == 1 { bantin::vi::upper(text) } else { text.clone() };
                v.push(format!("{number} {t}"));
            }
            Block::Table(t) => {
                v.push(t.caption.clone());
                v.extend(t.rows.iter().map(|r| r[1].clone()));
                v.extend(t.totals.iter().flatten().filter(|c| !c.is_empty()).cloned());
            }
            Block::Figure(f) => v.push(f.caption.clone()),
            _ => {}
        }
    }
    v
}

#[test]
fn libreoffice_converts_it_with_the_key_strings_and_page_numbers() {
    if !(tool("soffice") && tool("pdftotext") && tool("pdfinfo")) {
        eprintln!("NOTE: skipping: soffice, pdftotext or pdfinfo is missing (libreoffice-writer-nogui, poppler-utils)");
        return;
    }
    let b = fixture::sample();
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ban-tin.docx");
    std::fs::write(&docx, bantin::render::docx::render(&b).unwrap()).unwrap();
    let pdf = convert(dir.path(), &docx);

    let text = pdftotext(&pdf, None);
    for k in key_strings(&b) {
        assert!(text.contains(&k), "the LibreOffice PDF lacks {k:?}");
    }
    let n = pages(&pdf);
    assert!(n >= 2, "the sample fills more than one page, LibreOffice made {n}");
    // ND30: no number on page 1; from page 2 the number heads the page.
    let first_line =
        |p: u32| pdftotext(&pdf, Some(p)).lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("").to_string();
    assert_eq!(first_line(1), b.header.parent_agency, "page 1 starts with the header block, no number");
    for p in 2..=n {
        assert_eq!(first_line(p), p.to_string(), "page {p} starts with its number");
    }

    // Our own PDF, when that writer is ready: same key strings, page count within ±1.
    match bantin::render::pdf::render(&b) {
        Ok(ours) => {
            let own = dir.path().join("own.pdf");
            std::fs::write(&own, ours).unwrap();
            let own_text = pdftotext(&own, None);
            for k in key_strings(&b) {
                if own_text.contains(&k) {
                    assert!(text.contains(&k), "{k:?} is in our PDF but not in LibreOffice's");
                }
            }
            let m = pages(&own);
            assert!(n.abs_diff(m) <= 1, "LibreOffice made {n} pages, our PDF has {m}");
        }
        Err(e) => eprintln!("NOTE: page count not compared with our PDF: {e}"),
    }
}
