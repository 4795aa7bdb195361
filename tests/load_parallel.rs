//! Large inputs are extracted on all cores, with the same events in the same order
//! as one file at a time, and the first failing file (in input order) reported.

use bantin::load;
use std::path::PathBuf;

fn corpus_copy(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let samples: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let mut files = Vec::new();
    for i in 0..n {
        let p = dir.path().join(format!("a{i:04}.txt"));
        std::fs::copy(&samples[i % samples.len()], &p).unwrap();
        files.push(p);
    }
    (dir, files)
}

#[test]
fn parallel_loading_keeps_input_order() {
    let (dir, files) = corpus_copy(150);
    let counter = std::sync::atomic::AtomicUsize::new(0);
    let all = load::load_files(&files, &|| {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    })
    .unwrap();
    assert_eq!(counter.into_inner(), 150, "one progress tick per file");
    let one_by_one: Vec<_> = files.iter().flat_map(|f| load::load_inputs(std::slice::from_ref(f)).unwrap()).collect();
    assert_eq!(all, one_by_one);
    assert_eq!(load::load_inputs(&[dir.path().to_path_buf()]).unwrap(), one_by_one);
}

#[test]
fn parallel_loading_reports_the_first_bad_file() {
    let (_dir, files) = corpus_copy(120);
    std::fs::write(&files[70], b"\xff\xfe not utf-8").unwrap();
    std::fs::write(&files[100], b"\xff also bad").unwrap();
    let err = load::load_files(&files, &|| {}).unwrap_err().to_string();
    assert!(err.contains("a0070.txt"), "{err}");
}
