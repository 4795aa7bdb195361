//! The bad-input matrix: every kind of broken input the offices' scraped data can
//! hold gives the documented exit code (2 bad input, 3 I/O) and an error that names
//! the file and the place, never a panic, a hang or a half-written output.
//!
//! Small fixtures live in `tests/bad_input/`; large, binary and special files
//! (10 MB line, FIFO, dangling symlink) are made at run time.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BAD_INPUT: i32 = 2;
const IO_FAILURE: i32 = 3;

fn fixture(name: &str) -> String {
    format!("tests/bad_input/{name}")
}

/// Runs `bantin bulletin <inputs> --period 2020-Q2 -o <fresh dir>` and returns the
/// output and the files the run left in the output folder.
fn bulletin(inputs: &[&str], extra: &[&str]) -> (Output, Vec<PathBuf>) {
    let out_dir = tempfile::tempdir().unwrap();
    let mut args = vec!["bulletin"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--period", "2020-Q2", "-o", out_dir.path().to_str().unwrap()]);
    args.extend_from_slice(extra);
    let out = bantin(&args);
    let left: Vec<PathBuf> = std::fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
    (out, left)
}

/// Checks the exit code, that stderr holds every part of `must` (file, place, reason),
/// that nothing panicked and that a failed run wrote no file.
fn expect_failure(kind: &str, (out, left): (Output, Vec<PathBuf>), code: i32, must: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{kind}: exit code; stderr:\n{err}");
    assert!(!err.contains("internal error") && !err.contains("panicked"), "{kind}: panicked:\n{err}");
    let errors = err.lines().filter(|l| l.starts_with("bantin: error: ")).count();
    assert_eq!(errors, 1, "{kind}: one clear error line expected:\n{err}");
    for part in must {
        assert!(err.contains(part), "{kind}: `{part}` missing from the error:\n{err}");
    }
    assert!(left.is_empty(), "{kind}: a failed run left files behind: {left:?}");
}

macro_rules! bad_file {
    ($name:ident, $file:expr, $code:expr, [$($must:expr),* $(,)?]) => {
        #[test]
        fn $name() {
            let file = fixture($file);
            expect_failure(stringify!($name), bulletin(&[&file], &[]), $code, &[&file, $($must),*]);
        }
    };
}

// Malformed and truncated JSON, JSON Lines and CSV.
bad_file!(json_malformed, "json_malformed.json", BAD_INPUT, ["line 3, column", "malformed JSON"]);
bad_file!(json_truncated, "json_truncated.json", BAD_INPUT, ["line 3", "truncated"]);
bad_file!(json_not_an_array, "json_not_array.json", BAD_INPUT, ["line 1"]);
bad_file!(jsonl_malformed, "jsonl_malformed.jsonl", BAD_INPUT, ["line 2, column", "malformed JSON"]);
bad_file!(jsonl_truncated, "jsonl_truncated.jsonl", BAD_INPUT, ["line 3", "truncated"]);
bad_file!(csv_malformed, "csv_malformed.csv", BAD_INPUT, ["line 3", "malformed CSV"]);
bad_file!(csv_truncated, "csv_truncated.csv", BAD_INPUT, ["line 3"]);

// Wrong field types.
bad_file!(json_wrong_type, "json_wrong_type.json", BAD_INPUT, ["record 1", "awards[1].individuals"]);
bad_file!(jsonl_wrong_type, "jsonl_wrong_type.jsonl", BAD_INPUT, ["line 2", "field `relevant`"]);
bad_file!(csv_wrong_type, "csv_wrong_type.csv", BAD_INPUT, ["line 2", "field `individuals`", "`ba`"]);

// Impossible dates.
bad_file!(json_date_2020_13_45, "json_date_13_45.json", BAD_INPUT, ["record 2", "2020-13-45", "month 13"]);
bad_file!(csv_date_31_02_slashed, "csv_date_31_02.csv", BAD_INPUT, ["line 3", "field `date`", "31/02/2021"]);
bad_file!(csv_date_february_31, "csv_feb_31.csv", BAD_INPUT, ["line 2", "field `date`", "day 31"]);

// Negative counts and counts over 1,000,000.
bad_file!(json_negative_count, "json_negative_count.json", BAD_INPUT, ["record 1", "awards[1].individuals"]);
bad_file!(json_count_over_limit, "json_count_over_limit.json", BAD_INPUT, ["record 1", "awards[2].individuals"]);
bad_file!(csv_negative_count, "csv_negative_count.csv", BAD_INPUT, ["line 3", "field `collectives`", "negative"]);
bad_file!(csv_count_over_limit, "csv_count_over_limit.csv", BAD_INPUT, ["line 3", "awards[1].individuals"]);

// Unknown and ambiguous provinces.
bad_file!(json_unknown_province, "json_unknown_province.json", BAD_INPUT, ["record 1", "field `province`", "Hoa Mai"]);
bad_file!(csv_unknown_province, "csv_unknown_province.csv", BAD_INPUT, ["line 3", "field `province`", "Xứ Đoài"]);
bad_file!(json_ambiguous_province, "json_ambiguous_province.json", BAD_INPUT, ["record 2", "field `province`", "QN"]);

// Empty files.
bad_file!(empty_json, "empty.json", BAD_INPUT, ["line 1", "empty"]);
bad_file!(empty_jsonl, "empty.jsonl", BAD_INPUT, ["line 1", "empty"]);
bad_file!(empty_csv, "empty.csv", BAD_INPUT, ["line 1", "empty"]);

// Bytes that are not UTF-8, and a binary file.
bad_file!(article_not_utf8, "not_utf8.txt", BAD_INPUT, ["line 2, byte 53", "UTF-8"]);
bad_file!(events_not_utf8, "not_utf8.json", BAD_INPUT, ["line 1, byte 29", "UTF-8"]);
bad_file!(binary_file, "binary.txt", BAD_INPUT, ["line 1, byte 0", "not UTF-8"]);
bad_file!(utf16_file, "utf16.txt", BAD_INPUT, ["line 1, byte 1", "looks binary"]);

#[test]
fn missing_input_file() {
    let file = fixture("no-such-file.json");
    expect_failure("missing input", bulletin(&[&file], &[]), BAD_INPUT, &[&file, "no such file"]);
}

#[test]
fn empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().to_str().unwrap();
    expect_failure("empty directory", bulletin(&[name], &[]), BAD_INPUT, &[name, "directory", "no article files"]);
}

#[test]
fn impossible_date_in_an_article_is_not_used() {
    // 31/02 in running text is not a date: the event is kept (the report still renders)
    // but it is not dated 31 February, and a reader is told.
    let file = fixture("article_31_02.txt");
    let out = bantin(&["extract", &file]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<bantin::event::Event> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(events.len(), 1);
    let date = events[0].date;
    assert!(date.is_none_or(|d| d.validate().is_ok() && d.day != Some(31)), "{date:?}");
}

/// A 10 MB article on one line (a scraped page glued together): no panic, no quadratic
/// blow-up. Before the fix, 100 KB took minutes; the bound is generous for an
/// unoptimised test build on a shared machine (a release build takes a few seconds).
#[test]
fn ten_megabyte_single_line_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dai.txt");
    let sentence =
        "Công an tỉnh Thái Bình tổ chức hội nghị điển hình tiên tiến, tặng Giấy khen cho 5 tập thể và 12 cá nhân; ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len() + 1);
    std::fs::write(&path, &line).unwrap();
    let json = dir.path().join("e.json");
    let out = bantin_with_timeout(
        &["extract", path.to_str().unwrap(), "-o", json.to_str().unwrap()],
        Duration::from_secs(240),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let events: Vec<bantin::event::Event> = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(events.len(), 1);
    // The same award repeated is one award line, with a bounded piece of text as evidence.
    assert_eq!(events[0].awards.len(), 1, "{:?}", events[0].awards.len());
    assert!(events[0].awards[0].evidence.len() <= 4_000);
}

/// A period without events still gives a bulletin that says so in Vietnamese.
#[test]
fn period_with_no_events_still_renders() {
    let out_dir = tempfile::tempdir().unwrap();
    let events = out_dir.path().join("events.json");
    std::fs::write(&events, serde_json::to_vec(&synthetic_events(40)).unwrap()).unwrap();
    let out = bantin(&[
        "bulletin",
        events.to_str().unwrap(),
        "--period",
        "2019-Q1",
        "--format",
        "pdf",
        "-o",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&out_dir.path().join("ban-tin-2019-Q1.pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("chưa ghi nhận hội nghị, sự kiện thi đua, khen thưởng nào"), "{text}");
    assert!(text.contains("quý I năm 2019"), "{text}");
    assert!(text.contains("Không có số liệu khen thưởng theo địa phương trong kỳ"), "{text}");
    assert!(!text.contains("Bảng 1"), "no table for an empty period: {text}");
}

#[test]
fn missing_template() {
    let dir = fixture("no-such-template");
    expect_failure(
        "missing template",
        bulletin(&["examples/articles"], &["--template", &dir]),
        BAD_INPUT,
        &[&dir, "no such template folder", "bantin template init"],
    );
}

#[test]
fn template_folder_without_its_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("body.md"), "# MỘT\n").unwrap();
    let d = dir.path().to_str().unwrap();
    expect_failure(
        "template without template.toml",
        bulletin(&["examples/articles"], &["--template", d]),
        BAD_INPUT,
        &[&format!("{d}/template.toml"), "bantin template init"],
    );
}

#[test]
fn template_with_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("template.toml"), bantin::compose::DEFAULT_TEMPLATE_TOML).unwrap();
    std::fs::write(dir.path().join("body.md"), "# MỘT\n\nDòng hai.\n\n{{ totals.events + }}\n").unwrap();
    let d = dir.path().to_str().unwrap();
    expect_failure(
        "broken template",
        bulletin(&["examples/articles"], &["--template", d]),
        BAD_INPUT,
        &[&format!("{d}/body.md:5"), "template error"],
    );
}

/// An output folder that cannot be created (its parent is a regular file).
#[test]
fn output_folder_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("somefile.txt");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("out");
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", target.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(IO_FAILURE), "{err}");
    assert!(err.contains("somefile.txt/out") && err.contains("Not a directory"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

fn copy_articles_to(dir: &Path) {
    for e in std::fs::read_dir(root().join("examples/articles")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
}

/// An article listed in a folder whose target is gone by the time it is read
/// (a dangling symlink is the deterministic form of a file deleted mid-run).
#[test]
fn file_that_disappears_during_the_run() {
    let dir = tempfile::tempdir().unwrap();
    copy_articles_to(dir.path());
    let link = dir.path().join("001_vanished.txt");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), &link).unwrap();
    let d = dir.path().to_str().unwrap();
    expect_failure("vanished file", bulletin(&[d], &[]), IO_FAILURE, &["001_vanished.txt", "No such file"]);
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo failed");
}

/// Runs bantin, killing it after `limit`: a hang is a failure, not a stuck test suite.
fn bantin_with_timeout(args: &[&str], limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1593561600")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("bantin {args:?} hung for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A named pipe where a file should be: refused at once, never waited on.
#[test]
fn fifo_instead_of_a_file_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("events.json");
    mkfifo(&fifo);
    let out_dir = dir.path().join("out");
    let out = bantin_with_timeout(
        &["bulletin", fifo.to_str().unwrap(), "--period", "2020", "-o", out_dir.to_str().unwrap()],
        Duration::from_secs(20),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(BAD_INPUT), "{err}");
    assert!(err.contains("events.json") && err.contains("not a regular file"), "{err}");
}

/// A FIFO inside an input folder is skipped like any other non-file entry; the run completes.
#[test]
fn fifo_inside_a_folder_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    copy_articles_to(dir.path());
    mkfifo(&dir.path().join("zzz.txt"));
    let out_dir = tempfile::tempdir().unwrap();
    let out = bantin_with_timeout(
        &["bulletin", dir.path().to_str().unwrap(), "--period", "2020", "-o", out_dir.path().to_str().unwrap()],
        Duration::from_secs(60),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() || (out.status.code() == Some(BAD_INPUT) && err.contains("zzz.txt")), "{err}");
}

/// A failed run never replaces a good earlier output.
#[test]
fn failed_run_keeps_the_earlier_good_output() {
    let out_dir = tempfile::tempdir().unwrap();
    let o = out_dir.path().to_str().unwrap();
    let good = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", o]);
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    let pdf = out_dir.path().join("ban-tin-2020.pdf");
    let docx = out_dir.path().join("ban-tin-2020.docx");
    let (pdf_before, docx_before) = (std::fs::read(&pdf).unwrap(), std::fs::read(&docx).unwrap());

    for bad in ["json_truncated.json", "csv_negative_count.csv", "binary.txt"] {
        let file = fixture(bad);
        let out = bantin(&["bulletin", "examples/articles", &file, "--period", "2020", "-o", o]);
        assert_eq!(out.status.code(), Some(BAD_INPUT), "{bad}");
    }
    let broken_template = tempfile::tempdir().unwrap();
    std::fs::write(broken_template.path().join("template.toml"), "[agency]\nparent = 3\n").unwrap();
    std::fs::write(broken_template.path().join("body.md"), "x").unwrap();
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "-o",
        o,
        "--template",
        broken_template.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(BAD_INPUT));

    assert!(std::fs::read(&pdf).unwrap() == pdf_before, "the good PDF was replaced");
    assert!(std::fs::read(&docx).unwrap() == docx_before, "the good DOCX was replaced");
    let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
}
