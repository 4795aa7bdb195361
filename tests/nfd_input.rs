//! Articles in NFD (decomposed) extract to the same events as in NFC.

use bantin::article::Article;
use unicode_normalization::UnicodeNormalization;

#[test]
fn nfd_and_nfc_articles_give_the_same_events() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text, "the sample has accents, so NFD differs");
        let a = bantin::extract::extract(&Article::parse("x.txt", text.as_bytes()).unwrap());
        let b = bantin::extract::extract(&Article::parse("x.txt", nfd.as_bytes()).unwrap());
        assert_eq!(a, b, "{}", path.display());
        n += 1;
    }
    assert_eq!(n, 5);
}
