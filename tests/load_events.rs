//! Events files: round trips through the three formats, and errors that name file and place.

use bantin::event::{Award, Basis, Event, EventDate, Official, Scope, Source};
use bantin::load::{load_inputs, read_events, write_events, EventFormat};
use std::path::PathBuf;

const ALL: [EventFormat; 3] = [EventFormat::Json, EventFormat::Jsonl, EventFormat::Csv];

fn rich_events() -> Vec<Event> {
    vec![
        Event {
            id: "e1".into(),
            source: Source {
                file: "bai, \"một\".txt".into(),
                url: Some("https://cand.com.vn/x?a=1,2".into()),
                title: Some("Hội nghị điển hình tiên tiến".into()),
                published: Some("2020-06".parse().unwrap()),
            },
            relevant: true,
            kind: Some("hội nghị điển hình tiên tiến".into()),
            date: Some(EventDate::ymd(2020, 6, 5).unwrap()),
            date_basis: Some(Basis::Text),
            date_evidence: Some("Sáng 5/6, …".into()),
            province: Some("Thái Bình".into()),
            province_basis: Some(Basis::Outlet),
            province_evidence: None,
            movements: vec!["Vì an ninh Tổ quốc".into(), "Toàn dân bảo vệ an ninh Tổ quốc".into()],
            officials: vec![Official {
                rank: Some("Thượng tướng".into()),
                name: "Nguyễn Văn A".into(),
                title: Some("Thứ trưởng Bộ Công an".into()),
                evidence: Some("Dự hội nghị có \"Thượng tướng\" Nguyễn Văn A.".into()),
            }],
            awards: vec![
                Award {
                    form: "Bằng khen".into(),
                    grantor: Some("Bộ trưởng Bộ Công an".into()),
                    collectives: Some(3),
                    individuals: Some(10),
                    combined: None,
                    scope: Scope::Event,
                    evidence: "tặng Bằng khen cho 3 tập thể,\n10 cá nhân".into(),
                },
                Award { form: "Giấy khen".into(), combined: Some(1_000_000), ..Default::default() },
                Award {
                    form: "Bằng khen".into(),
                    collectives: Some(0),
                    individuals: Some(200),
                    scope: Scope::Period,
                    evidence: "5 năm qua …".into(),
                    ..Default::default()
                },
            ],
        },
        Event { id: "e2".into(), relevant: false, ..Default::default() },
        Event {
            id: "e2".into(),
            date: Some("2021".parse().unwrap()),
            province: Some("Huế".into()),
            awards: vec![Award {
                form: "Huân chương Chiến công hạng Ba".into(),
                individuals: Some(1),
                ..Default::default()
            }],
            ..Default::default()
        },
    ]
}

#[test]
fn every_format_round_trips() {
    let events = rich_events();
    for format in ALL {
        let bytes = write_events(&events, format).unwrap();
        let back = read_events("x", &bytes, format).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        assert_eq!(back, events, "{format:?}");
        // Writing again gives the same bytes.
        assert_eq!(write_events(&back, format).unwrap(), bytes, "{format:?}");
    }
    assert_eq!(read_events("x", &write_events(&[], EventFormat::Json).unwrap(), EventFormat::Json).unwrap(), vec![]);
}

#[test]
fn the_fixture_round_trips_and_csv_has_a_bom() {
    let events = load_inputs(&["tests/data/events_2020q2.json".into()]).unwrap();
    for format in ALL {
        let back = read_events("x", &write_events(&events, format).unwrap(), format).unwrap();
        assert_eq!(back, events, "{format:?}");
    }
    let csv = write_events(&events, EventFormat::Csv).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    // One row per award line (or per event without awards), plus the header.
    let lines: usize = events.iter().map(|e| e.awards.len().max(1)).sum();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), lines);
}

#[test]
fn formats_from_paths() {
    assert_eq!(EventFormat::from_path("a/b.JSON".as_ref()), Some(EventFormat::Json));
    assert_eq!(EventFormat::from_path("b.jsonl".as_ref()), Some(EventFormat::Jsonl));
    assert_eq!(EventFormat::from_path("b.csv".as_ref()), Some(EventFormat::Csv));
    assert_eq!(EventFormat::from_path("b.txt".as_ref()), None);
    assert_eq!(EventFormat::parse("ndjson"), Ok(EventFormat::Jsonl));
    assert!(EventFormat::parse("xml").unwrap_err().contains("json, jsonl or csv"));
}

fn err(text: &str, format: EventFormat) -> String {
    read_events("in.x", text.as_bytes(), format).unwrap_err().to_string()
}

fn has(msg: &str, parts: &[&str]) {
    for p in parts {
        assert!(msg.contains(p), "`{p}` missing from: {msg}");
    }
}

#[test]
fn json_errors_name_the_place() {
    let j = EventFormat::Json;
    has(&err("[\n {\"id\": \"a\"\n  \"date\": \"2020\"}\n]", j), &["in.x", "line 3, column 3", "malformed JSON"]);
    has(&err("[\n {\"id\": \"a\",\n  \"date\": 2020-01-01}\n]", j), &["in.x", "line 3", "invalid type"]);
    has(&err("[\n {\"id\": \"a\"},\n {\"id\": \"b\"", j), &["in.x", "line 3", "truncated"]);
    has(
        &err(
            "[{\"id\": \"a\"},\n {\"id\": \"b\", \"awards\": [{\"form\": \"Bằng khen\", \"individuals\": \"ba\"}]}]",
            j,
        ),
        &["record 2", "line 2", "field `awards[1].individuals`", "invalid type"],
    );
    has(
        &err("[{\"id\": \"a\", \"date\": \"2020-13-45\"}]", j),
        &["record 1", "field `date`", "2020-13-45", "month 13"],
    );
    has(
        &err("[{\"id\": \"a\", \"awards\": [{\"form\": \"x\", \"collectives\": -3}]}]", j),
        &["field `awards[1].collectives`", "-3", "whole number from 0 to 1.000.000"],
    );
    has(
        &err("[{\"id\": \"a\", \"awards\": [{\"form\": \"x\"}, {\"form\": \"y\", \"individuals\": 1000001}]}]", j),
        &["record 1 (id `a`)", "field `awards[2].individuals`", "1.000.001", "over the limit"],
    );
    has(&err("[{\"id\": \"a\", \"province\": \"Thái Bìn\"}]", j), &["field `province`", "did you mean Thái Bình"]);
    has(&err("[{\"id\": \"a\", \"province\": \"QN\"}]", j), &["ambiguous", "Quảng Ngãi"]);
    has(&err("[{\"id\": \"\"}]", j), &["field `id`", "empty"]);
    has(&err("{\"id\": \"a\"}", j), &["line 1", "expected a sequence"]);
    has(&err("", j), &["in.x", "empty"]);
    has(&err(" \n\t", EventFormat::Jsonl), &["empty"]);
}

#[test]
fn provinces_are_rewritten_to_gazetteer_spelling() {
    let e = read_events(
        "x",
        "[{\"id\": \"a\", \"province\": \"TP.HCM\"}, {\"id\": \"b\", \"province\": \"Thanh Hoá\"}]".as_bytes(),
        EventFormat::Json,
    )
    .unwrap();
    assert_eq!(e[0].province.as_deref(), Some("Hồ Chí Minh"));
    assert_eq!(e[1].province.as_deref(), Some("Thanh Hóa"));
}

#[test]
fn jsonl_errors_name_the_line() {
    let l = EventFormat::Jsonl;
    has(
        &err("{\"id\": \"a\"}\n\n{\"id\": \"b\", \"date\": \"2021-02-29\"}\n", l),
        &["line 3", "field `date`", "2021-02-29"],
    );
    has(&err("{\"id\": \"a\"}\n{\"id\": \"b\", \"relevant\": \"yes\"}\n", l), &["line 2", "field `relevant`"]);
    has(
        &err("{\"id\": \"a\"}\n{\"id\": \"b\", \"province\": \"Atlantis\"}\n", l),
        &["line 2", "field `province`", "not a known province"],
    );
}

#[test]
fn csv_errors_name_the_line_and_field() {
    let c = EventFormat::Csv;
    let head = "id,date,province,award,form,collectives,individuals\n";
    has(
        &err(&format!("{head}a,2020-05-01,Bến Tre,1,Bằng khen,1,2\nb,2020-13-45,Bến Tre,,,,\n"), c),
        &["line 3", "field `date`"],
    );
    has(
        &err(&format!("{head}a,2020-05-01,Bến Tre,1,Bằng khen,-1,2\n"), c),
        &["line 2", "field `collectives`", "negative"],
    );
    has(
        &err(&format!("{head}a,2020-05-01,Bến Tre,1,Bằng khen,2000000,2\n"), c),
        &["field `awards[1].collectives`", "over the limit"],
    );
    has(&err(&format!("{head}a,2020-05-01,BD,1,Bằng khen,1,2\n"), c), &["line 2", "field `province`", "ambiguous"]);
    has(&err(&format!("{head}a,2020-05-01,Bến Tre,2,Bằng khen,1,2\n"), c), &["line 2", "field `award`"]);
    has(&err("id,dates\na,2020\n", c), &["line 1, column 2", "unknown column `dates`"]);
    has(&err("date\n2020\n", c), &["no `id` column"]);
    has(&err(&format!("{head}a,2020-05-01,Bến Tre,1\n"), c), &["line 2", "malformed CSV"]);
}

#[test]
fn hand_written_csv_without_award_numbers_groups_by_id() {
    let text = "\u{feff}id,date,province,form,collectives,individuals\n\
                a,2020-05-01,tỉnh Bến Tre,Bằng khen,1,2\n\
                a,2020-05-01,tỉnh Bến Tre,Giấy khen,,4\n\
                b,2020-05-02,Hoà Bình,,,\n";
    let e = read_events("x", text.as_bytes(), EventFormat::Csv).unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].awards.len(), 2);
    assert_eq!(e[0].individuals(), 6);
    assert_eq!(e[0].province.as_deref(), Some("Bến Tre"));
    assert!(e[1].awards.is_empty());
    assert_eq!(e[1].province.as_deref(), Some("Hòa Bình"));
}

#[test]
fn directories_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let msg = load_inputs(std::slice::from_ref(&empty)).unwrap_err().to_string();
    has(&msg, &["empty", "no article files"]);

    let mixed = dir.path().join("mixed");
    std::fs::create_dir(&mixed).unwrap();
    let events = rich_events();
    std::fs::write(mixed.join("b.jsonl"), write_events(&events, EventFormat::Jsonl).unwrap()).unwrap();
    std::fs::write(mixed.join("a.csv"), write_events(&events[..1], EventFormat::Csv).unwrap()).unwrap();
    std::fs::write(mixed.join("c.txt"), "Công an tỉnh Thái Bình tổ chức hội nghị.").unwrap();
    std::fs::write(mixed.join(".hidden.json"), "not json").unwrap();
    std::fs::write(mixed.join("notes.pdf"), "ignored").unwrap();
    let loaded = load_inputs(std::slice::from_ref(&mixed)).unwrap();
    assert_eq!(loaded.len(), 1 + events.len() + 1);
    assert_eq!(loaded[0], events[0]);
    assert_eq!(loaded[1..4], events[..]);
    assert!(loaded[4].source.file.ends_with("c.txt"));

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{\"id\": \"a\"},").unwrap();
    let msg = load_inputs(&[bad]).unwrap_err().to_string();
    has(&msg, &["bad.json", "line 1", "truncated"]);
    let missing: PathBuf = dir.path().join("missing.json");
    assert!(load_inputs(&[missing]).is_err());
}
