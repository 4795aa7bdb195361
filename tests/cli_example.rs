//! `cargo run --example quarterly` writes a bulletin: `cargo test` builds the example next
//! to the `bantin` binary, and this runs it.

mod common;
use common::*;
use std::path::PathBuf;
use std::process::Command;

#[test]
fn quarterly_example_writes_a_bulletin() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_bantin"));
    let example = bin.parent().unwrap().join("examples").join(format!("quarterly{}", std::env::consts::EXE_SUFFIX));
    assert!(example.exists(), "{} not built; run `cargo test` (it builds the examples)", example.display());
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(&example)
        .arg(dir.path())
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1593561600")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("quý II năm 2020: "), "{stdout}");
    let pdf = dir.path().join("ban-tin-2020-Q2.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("CÔNG AN TỈNH NGHỆ AN") && text.contains("Số: 07/BC-CAT"), "{text}");
    assert!(text.contains("Đại tá Trần Văn Bình"), "{text}");
    assert!(std::fs::read(dir.path().join("ban-tin-2020-Q2.docx")).unwrap().starts_with(b"PK"));
}
