//! Helpers shared by the integration tests: running the binary and reading documents
//! the way a reader's tools do (pdftotext, pdffonts, qpdf).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `bantin` with fixed `SOURCE_DATE_EPOCH` (2020-07-01).
pub fn bantin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1593561600")
        .output()
        .expect("the bantin binary runs")
}

/// Runs an external tool and returns stdout; fails with an install hint if it is missing.
pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {name} ({e}); run scripts/test.sh, which installs the test tools"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("tool output is UTF-8")
}

/// The text of a PDF, as pdftotext gives it.
pub fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// Counts non-overlapping occurrences.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}
