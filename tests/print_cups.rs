//! Printing for real: a bulletin goes through CUPS to the cups-pdf virtual printer `PDF`
//! (installed, started and added by scripts/test.sh), and the printed PDF has the same text.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const PRINTER: &str = "PDF";

/// Fails with a clear message unless the CUPS scheduler runs and has the `PDF` printer.
fn require_cups() {
    let hint = "run scripts/test.sh, which installs CUPS and cups-pdf, starts cupsd and adds the printer `PDF`";
    let running = Command::new("lpstat").arg("-r").output();
    match running {
        Ok(o) if String::from_utf8_lossy(&o.stdout).contains("scheduler is running") => {}
        Ok(o) => panic!("the CUPS scheduler is not running ({}); {hint}", String::from_utf8_lossy(&o.stdout).trim()),
        Err(e) => panic!("cannot run lpstat ({e}): CUPS is not installed; {hint}"),
    }
    let printer = Command::new("lpstat").args(["-p", PRINTER]).output().expect("lpstat runs");
    assert!(printer.status.success(), "CUPS has no printer `{PRINTER}`; {hint}");
}

/// Folders cups-pdf may write to: its `Out` setting (with `${HOME}` expanded) and the
/// anonymous folder.
fn out_dirs() -> Vec<PathBuf> {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    let conf = std::fs::read_to_string("/etc/cups/cups-pdf.conf").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Out "))
        .map(|d| PathBuf::from(d.trim().replace("${HOME}", &home)))
        .collect();
    let anon = conf
        .lines()
        .filter_map(|l| l.trim().strip_prefix("AnonDirName "))
        .map(|d| PathBuf::from(d.trim()))
        .next()
        .unwrap_or_else(|| "/var/spool/cups-pdf/ANONYMOUS".into());
    dirs.push(PathBuf::from(&home).join("PDF"));
    dirs.push(anon);
    dirs
}

/// Waits for cups-pdf's file of job `id` (`…-job_12.pdf`), fully written.
fn printed_file(job: &str) -> PathBuf {
    let n = job.rsplit('-').next().unwrap();
    let suffix = format!("job_{n}.pdf");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(90) {
        for dir in out_dirs() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for e in entries.flatten() {
                let p = e.path();
                if p.file_name().unwrap().to_string_lossy().ends_with(&suffix) {
                    let done = std::fs::read(&p).map(|b| b.windows(5).any(|w| w == b"%%EOF")).unwrap_or(false);
                    if done {
                        return p;
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    let state = Command::new("lpstat").args(["-W", "all", "-o", PRINTER]).output().unwrap();
    panic!(
        "job {job} left no *{suffix} in {:?} within 90 s; lpstat: {}; see /var/log/cups/error_log",
        out_dirs(),
        String::from_utf8_lossy(&state.stdout)
    );
}

fn job_id(stderr: &str) -> String {
    let job = stderr.split(", job ").nth(1).expect("bantin reports the job id").trim();
    job.split_whitespace().next().unwrap().to_string()
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn a_printed_bulletin_comes_back_with_the_same_text() {
    require_cups();
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
        "--print",
        "--printer",
        PRINTER,
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("sent ") && stderr.contains("to PDF (1 copy, one side)"), "{stderr}");
    let printed = printed_file(&job_id(&stderr));

    let original = pdf_text(&dir.path().join("ban-tin-2020.pdf"));
    let back = pdf_text(&printed);
    assert!(back.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{back}");
    assert!(back.contains("Đại tá Nguyễn Văn An"), "{back}");
    assert_eq!(words(&back), words(&original), "the printed PDF's text differs from the bulletin's");
    let info = tool("pdfinfo", &[printed.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "not A4: {info}");
    let pages = |i: &str| i.lines().find(|l| l.starts_with("Pages:")).map(str::to_string);
    assert_eq!(pages(&info), pages(&tool("pdfinfo", &[dir.path().join("ban-tin-2020.pdf").to_str().unwrap()])));
    std::fs::remove_file(&printed).ok();
}

#[test]
fn print_sends_copies_and_duplex_and_explains_an_unknown_printer() {
    require_cups();
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
    let out = bantin(&["print", pdf.to_str().unwrap(), "--printer", PRINTER, "--copies", "2", "--duplex"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("(2 copies, both sides)"), "{stderr}");
    let job = job_id(&stderr);
    let printed = printed_file(&job);
    assert!(pdf_text(&printed).contains("BẢN TIN"));
    std::fs::remove_file(&printed).ok();
    let attrs = Command::new("lpstat").args(["-l", "-W", "completed", "-o", PRINTER]).output().unwrap();
    assert!(String::from_utf8_lossy(&attrs.stdout).contains(&job), "job {job} not listed as completed");

    let out = bantin(&["print", pdf.to_str().unwrap(), "--printer", "No_Such_Printer"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("lp refused the job") && stderr.contains("lpstat -p"), "{stderr}");
}

#[test]
fn print_refuses_what_is_not_a_pdf() {
    // No printer needed: the file is checked before `lp` runs.
    let out = bantin(&["print", "Cargo.toml", "--printer", PRINTER]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Cargo.toml: byte 0: this is not a PDF file"), "{stderr}");
    assert!(!Path::new("Cargo.toml").with_extension("pdf").exists());
}
