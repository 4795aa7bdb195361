//! Prints the extraction of every sample article (run with --nocapture while writing gold labels).
#[test]
fn dump() {
    if std::env::var("BANTIN_DUMP").is_err() {
        return;
    }
    let mut files: Vec<_> = std::fs::read_dir("examples/articles").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in files {
        let a = bantin::article::Article::read(&f).unwrap();
        let e = bantin::extract::extract(&a);
        println!("{}", bantin::extract::explain(&e));
    }
}
