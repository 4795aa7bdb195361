//! The subcommands end to end: outputs, formats, config defaults, exit codes, atomic
//! writes, and no progress bar in pipes.

mod common;
use common::*;
use std::path::Path;
use std::process::Output;

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// 40 synthetic events of 2020-Q2 as an events file.
fn events_file(dir: &Path) -> String {
    let p = dir.join("events.json");
    std::fs::write(&p, bantin::load::write_events(&synthetic_events(40), bantin::load::EventFormat::Json).unwrap())
        .unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn extract_writes_each_format_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for ext in ["json", "jsonl", "csv"] {
        let p = dir.path().join(format!("events.{ext}"));
        let out = bantin(&["extract", "examples/articles", "-o", p.to_str().unwrap()]);
        ok(&out);
        assert!(stderr(&out).contains("wrote 5 events to"), "{}", stderr(&out));
        let bytes = std::fs::read(&p).unwrap();
        let format = bantin::load::EventFormat::parse(ext).unwrap();
        counts.push(bantin::load::read_events(ext, &bytes, format).unwrap().len());
    }
    assert_eq!(counts, [5, 5, 5]);
    let csv = ok(&bantin(&["extract", "examples/articles", "--format", "csv"]));
    assert!(csv.starts_with("\u{feff}id,"), "{}", &csv[..40]);
    let explain = ok(&bantin(&["extract", "examples/articles/000_70062579ecec8070.txt", "--explain"]));
    assert!(explain.contains("province: Bến Tre") && explain.contains('←'), "{explain}");
}

#[test]
fn stats_table_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let events = events_file(dir.path());
    let table = ok(&bantin(&["stats", &events, "--period", "2020-Q2"]));
    assert!(table.starts_with("Thống kê khen thưởng quý II năm 2020"), "{table}");
    assert!(table.contains("Tổng cộng"));
    let by_form = ok(&bantin(&["stats", &events, "--period", "2020-Q2", "--by", "form"]));
    assert!(by_form.contains("Hình thức khen thưởng") && by_form.contains("Bằng khen"), "{by_form}");

    let json_path = dir.path().join("tk.json");
    ok(&bantin(&["stats", &events, "--period", "2020-Q2", "-o", json_path.to_str().unwrap()]));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let lib = {
        let evs = synthetic_events(40);
        bantin::stats::compute(&evs, &bantin::period::Period::parse("2020-Q2").unwrap(), &Default::default())
    };
    assert_eq!(v["totals"]["total"].as_u64(), Some(lib.totals.total()), "{v}");
    assert_eq!(v["totals"]["events"].as_u64(), Some(40));
    assert_eq!(v["rows"].as_array().unwrap().len(), lib.rows.len());

    let csv = ok(&bantin(&["stats", &events, "--period", "2020-Q2", "--format", "csv", "--by", "grantor"]));
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.lines().count() >= 3, "{csv}");
}

#[test]
fn chart_writes_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let events = events_file(dir.path());
    for (kind, file) in [("province", "tinh.svg"), ("trend", "xu-huong.png"), ("forms", "hinh-thuc.svg")] {
        let p = dir.path().join(file);
        let printed =
            ok(&bantin(&["chart", &events, "--period", "2020-Q2", "--kind", kind, "-o", p.to_str().unwrap()]));
        assert!(printed.trim().ends_with(file));
        let bytes = std::fs::read(&p).unwrap();
        if file.ends_with(".png") {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            assert!(svg.contains("<svg"));
            if kind == "province" {
                let evs = synthetic_events(40);
                let period = bantin::period::Period::parse("2020-Q2").unwrap();
                let stats = bantin::stats::compute(&evs, &period, &Default::default());
                let top = stats.rows.iter().max_by_key(|r| r.counts.total()).unwrap();
                assert!(svg.contains(&top.province), "{} (the top province) missing from the SVG", top.province);
            }
        }
    }
    let out = bantin(&["chart", &events, "--period", "2020-Q2", "--kind", "trend", "-o", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".svg or .png"), "{}", stderr(&out));
}

#[test]
fn exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    // 2: bad input, naming the argument and what to write.
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020-Q5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--period: `2020-Q5` is not a period; write 2020, 2020-Q2"), "{}", stderr(&out));
    let out = bantin(&["stats", "no/such/file.json", "--period", "2020"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/file.json: path: no such file or folder"), "{}", stderr(&out));
    // 2: a bad record names the file and the line.
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"a\",\"relevant\":true}\n{\"id\": 5}\n").unwrap();
    let out = bantin(&["stats", bad.to_str().unwrap(), "--period", "2020"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("bad.jsonl: line 2"), "{}", stderr(&out));
    // 3: the output cannot be written.
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let out =
        bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", blocker.join("sub").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    // 1: warnings under --strict (the sample has an event without a date), but the files are written.
    let out =
        bantin(&["--strict", "bulletin", "examples/articles", "--period", "2020", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("exit code 1 because of --strict"));
    assert!(dir.path().join("ban-tin-2020.pdf").exists());
    // 0: the same without --strict.
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("bantin: warning:"));
    // No panic message ever: every message starts with `bantin:`.
    for line in stderr(&out).lines() {
        assert!(line.starts_with("bantin:") && !line.contains("panicked"), "{line}");
    }
}

#[test]
fn a_failed_run_keeps_the_good_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    ok(&bantin(&["bulletin", "examples/articles", "--period", "2020", "--format", "pdf", "-o", out_dir]));
    let pdf = dir.path().join("ban-tin-2020.pdf");
    let good = std::fs::read(&pdf).unwrap();
    let tpl = dir.path().join("tpl");
    ok(&bantin(&["template", "init", tpl.to_str().unwrap()]));
    std::fs::write(tpl.join("body.md"), "# A\n\n{{ chart(\"pie\") }}\n").unwrap();
    let out = bantin(&[
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "--template",
        tpl.to_str().unwrap(),
        "-o",
        out_dir,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("body.md:3: template error") && stderr(&out).contains("unknown chart kind `pie`"));
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the good PDF was replaced");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "temporary files left: {names:?}");
}

#[test]
fn config_file_sets_agency_signer_number_and_template() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("mau");
    ok(&bantin(&["template", "init", tpl.to_str().unwrap()]));
    let body = std::fs::read_to_string(tpl.join("body.md")).unwrap();
    std::fs::write(tpl.join("body.md"), format!("{body}\nDo {{{{ agency.name }}}} ban hành.\n")).unwrap();
    let config = dir.path().join("bantin.toml");
    std::fs::write(
        &config,
        "[agency]\nname = \"CÔNG AN TỈNH NGHỆ AN\"\nplace = \"Nghệ An\"\n\n[document]\nnumber_format = \"Số: {n}/BC-CAT-PV01\"\n\n\
         [signer]\nname = \"Đại tá Trần Văn Bình\"\n\n[bulletin]\ntemplate = \"mau\"\noutput = \"ra\"\n",
    )
    .unwrap();
    let out = bantin(&[
        "--config",
        config.to_str().unwrap(),
        "bulletin",
        "examples/articles",
        "--period",
        "2020",
        "--format",
        "pdf",
        "--number",
        "7",
        "--date",
        "2021-01-05",
    ]);
    let printed = ok(&out);
    let pdf = dir.path().join("ra/ban-tin-2020.pdf");
    assert!(printed.contains(pdf.to_str().unwrap()), "{printed}");
    let text = pdf_text(&pdf);
    for want in [
        "CÔNG AN TỈNH NGHỆ AN",
        "Số: 07/BC-CAT-PV01",
        "Nghệ An, ngày 05 tháng 01 năm 2021",
        "Đại tá Trần Văn Bình",
        "Do CÔNG AN TỈNH NGHỆ AN ban hành.",
    ] {
        assert!(text.contains(want), "`{want}` missing:\n{text}");
    }
    assert!(!text.contains("THÁI BÌNH") && !text.contains("Nguyễn Văn An"));

    std::fs::write(&config, "[agency]\nname = \"X\"\nsigner = \"Y\"\n").unwrap();
    let out = bantin(&["--config", config.to_str().unwrap(), "bulletin", "examples/articles", "--period", "2020"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bantin.toml: line 3:") && stderr(&out).contains("signer = \"Y\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = tempfile::tempdir().unwrap();
    let out = bantin(&["bulletin", "examples/articles", "--period", "2020", "-o", dir.path().to_str().unwrap()]);
    let err = stderr(&out);
    assert!(!err.contains('\r') && !err.contains("\u{1b}[") && !err.contains("rendering"), "{err:?}");
    let quiet = bantin(&["-q", "extract", "examples/articles", "-o", dir.path().join("e.json").to_str().unwrap()]);
    ok(&quiet);
    assert!(!stderr(&quiet).contains("wrote"), "{}", stderr(&quiet));
}
