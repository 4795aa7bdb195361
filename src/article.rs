//! Reading articles: UTF-8 text (NFC or NFD, with or without BOM, CRLF or LF)
//! with optional front matter (`title`, `source`, `published`).

use crate::error::{Error, Result};
use crate::event::EventDate;
use crate::vi;
use std::path::Path;

/// Front-matter fields; every key is optional and unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// Article title.
    pub title: Option<String>,
    /// The page's address.
    pub source: Option<String>,
    /// Publication date (`YYYY-MM-DD` or `YYYY-MM`).
    pub published: Option<EventDate>,
}

/// One article, normalised: NFC, LF line endings, no BOM, front matter removed from `body`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The file name as given.
    pub file: String,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// The article body in NFC with LF line endings.
    pub body: String,
}

impl Article {
    /// Reads and normalises an article file.
    pub fn read(path: &Path) -> Result<Article> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Article::parse(&path.display().to_string(), &bytes)
    }

    /// Parses article bytes; `file` names the source in errors.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Article> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Error::input(
                file,
                format!("line {line}, byte {at}"),
                "the file is not UTF-8 text; convert it to UTF-8 (for example with iconv) and try again",
            )
        })?;
        if let Some(at) = text.find('\0') {
            let line = text[..at].matches('\n').count() + 1;
            return Err(Error::input(
                file,
                format!("line {line}, byte {at}"),
                "the file looks binary (it contains NUL bytes), not an article; give the article as UTF-8 text",
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = vi::nfc(&text.replace("\r\n", "\n").replace('\r', "\n"));
        let (front, body) = split_front_matter(file, &text)?;
        Ok(Article { file: file.to_string(), front, body })
    }
}

/// Splits `---`-delimited front matter from the body.
fn split_front_matter(file: &str, text: &str) -> Result<(FrontMatter, String)> {
    let mut front = FrontMatter::default();
    let Some(rest) = text.strip_prefix("---\n") else {
        return Ok((front, text.to_string()));
    };
    let Some(end) = rest.find("\n---\n").or_else(|| rest.strip_suffix("\n---").map(|r| r.len())) else {
        return Ok((front, text.to_string()));
    };
    for (i, line) in rest[..end].lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else { continue };
        let value = value.trim().trim_matches('"').trim();
        if value.is_empty() {
            continue;
        }
        match key.trim() {
            "title" => front.title = Some(value.to_string()),
            "source" | "url" => front.source = Some(value.to_string()),
            "published" | "date" => {
                let d: EventDate = value.get(..10.min(value.len())).unwrap_or(value).parse().map_err(|e: String| {
                    Error::input(file, format!("line {}", i + 2), format!("front matter `published`: {e}"))
                })?;
                front.published = Some(d);
            }
            _ => {}
        }
    }
    let body_start = (end + "\n---\n".len()).min(rest.len());
    Ok((front, rest[body_start..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_bom_crlf_and_nfd() {
        let raw = "\u{feff}---\r\ntitle: Hội nghị\r\nsource: https://baoquangnam.vn/x\r\npublished: 2024-05\r\nfoo: bar\r\n---\r\nCo\u{302}ng an tỉnh\r\n";
        let a = Article::parse("a.txt", raw.as_bytes()).unwrap();
        assert_eq!(a.front.title.as_deref(), Some("Hội nghị"));
        assert_eq!(a.front.source.as_deref(), Some("https://baoquangnam.vn/x"));
        assert_eq!(a.front.published.unwrap().to_string(), "2024-05");
        assert_eq!(a.body, "Công an tỉnh\n");
    }

    #[test]
    fn rejects_non_utf8_with_a_place() {
        let err = Article::parse("bad.txt", b"abc\n\xff\xfe").unwrap_err().to_string();
        assert!(err.contains("bad.txt") && err.contains("line 2"), "{err}");
    }

    #[test]
    fn no_front_matter_keeps_text() {
        let a = Article::parse("a.txt", "Sáng nay 28.5".as_bytes()).unwrap();
        assert_eq!(a.body, "Sáng nay 28.5");
        assert_eq!(a.front, FrontMatter::default());
    }
}
