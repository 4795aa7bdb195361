//! Gold labels for the five sample articles (tests/gold/*.json, written by reading each
//! article as a careful annotator): every field and every award line must match.

use bantin::article::Article;
use bantin::extract::{explain, extract};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

fn samples() -> Vec<(PathBuf, PathBuf)> {
    let mut out: Vec<(PathBuf, PathBuf)> = std::fs::read_dir("tests/gold")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|gold| {
            let stem = gold.file_stem().unwrap().to_str().unwrap().to_string();
            (Path::new("examples/articles").join(format!("{stem}.txt")), gold)
        })
        .collect();
    out.sort();
    out
}

/// The fields the gold labels fix, from an extracted event.
fn labelled(event: &bantin::event::Event) -> Value {
    let v = serde_json::to_value(event).unwrap();
    let officials: Vec<Value> =
        event.officials.iter().map(|o| json!({"rank": o.rank, "name": o.name, "title": o.title})).collect();
    json!({
        "relevant": v["relevant"], "kind": v["kind"], "date": v["date"], "date_basis": v["date_basis"],
        "province": v["province"], "province_basis": v["province_basis"], "movements": v["movements"],
        "officials": officials, "awards": v["awards"],
    })
}

#[test]
fn five_samples_match_their_gold_labels() {
    let samples = samples();
    assert_eq!(samples.len(), 5, "one gold file per sample article");
    let mut failures = Vec::new();
    for (article, gold) in &samples {
        let a = Article::read(article).unwrap();
        let e = extract(&a);
        let want: Value = serde_json::from_str(&std::fs::read_to_string(gold).unwrap()).unwrap();
        let got = labelled(&e);
        for key in want.as_object().unwrap().keys() {
            if key == "awards" || key == "officials" {
                let (w, g) = (want[key].as_array().unwrap(), got[key].as_array().unwrap());
                for i in 0..w.len().max(g.len()) {
                    if w.get(i) != g.get(i) {
                        failures.push(format!(
                            "{}: {key}[{i}]\n  want {:?}\n  got  {:?}",
                            article.display(),
                            w.get(i),
                            g.get(i)
                        ));
                    }
                }
            } else if want[key] != got[key] {
                failures.push(format!("{}: {key}: want {} got {}", article.display(), want[key], got[key]));
            }
        }
        for award in &e.awards {
            assert!(a.body.contains(&award.evidence), "evidence is not a substring: {}", award.evidence);
        }
        assert!(!explain(&e).is_empty());
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn nfd_bom_and_crlf_variants_give_the_same_json() {
    for (article, _) in samples() {
        let raw = std::fs::read_to_string(&article).unwrap();
        let name = article.display().to_string();
        let base = serde_json::to_string(&extract(&Article::parse(&name, raw.as_bytes()).unwrap())).unwrap();
        let nfd: String = raw.nfd().collect();
        let variants = [
            format!("\u{feff}{raw}"),
            raw.replace('\n', "\r\n"),
            nfd.clone(),
            format!("\u{feff}{}", nfd.replace('\n', "\r\n")),
        ];
        for v in variants {
            let e = extract(&Article::parse(&name, v.as_bytes()).unwrap());
            assert_eq!(serde_json::to_string(&e).unwrap(), base, "{name}");
        }
    }
}

#[test]
fn related_articles_after_the_body_are_ignored() {
    let a = Article::read(Path::new("examples/articles/004_d7cc83c7d6f5f5f3.txt")).unwrap();
    let e = extract(&a);
    for award in &e.awards {
        assert!(!award.evidence.contains("Đoàn Đại biểu"), "{}", award.evidence);
    }
    assert!(e.officials.iter().all(|o| o.name != "Nguyễn Văn Huy" && o.name != "Mai Văn"));
    assert_eq!(e.date.unwrap().to_string(), "2020-06-05");
}
