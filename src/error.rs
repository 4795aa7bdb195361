//! One error type for the library, with the exit code the CLI uses for each kind.

use std::path::PathBuf;

/// Everything that can go wrong, each variant naming the file and place.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that cannot be used: malformed data, impossible values, unknown names.
    #[error("{file}: {place}: {message}")]
    Input {
        /// The file (or `<stdin>`, `<config>`).
        file: String,
        /// Where in it: `line 3`, `record 2, field "date"`, `byte 120`.
        place: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// A template that cannot be rendered.
    #[error("{file}:{line}: template error: {message}")]
    Template {
        /// Template file.
        file: String,
        /// 1-based line.
        line: usize,
        /// Message with the offending expression.
        message: String,
    },
    /// Text the embedded fonts cannot draw.
    #[error("{place}: the character {ch:?} (U+{code:04X}) is not in the font {font}; replace it or remove it")]
    MissingGlyph {
        /// Where the text came from.
        place: String,
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// The font face.
        font: String,
    },
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A digital signature that does not verify or no longer covers the document as signed.
    #[error("{file}: {message}")]
    Signature {
        /// The signed file.
        file: String,
        /// Which signatures and what is wrong.
        message: String,
    },
    /// A rendering failure inside a writer (PDF, DOCX, chart).
    #[error("rendering {what} failed: {message}")]
    Render {
        /// Which output.
        what: String,
        /// What happened.
        message: String,
    },
}

impl Error {
    /// The process exit code for this error: 2 for bad input, 3 for I/O failures,
    /// 4 for an invalid signature.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io { .. } => 3,
            Error::Render { .. } => 3,
            Error::Signature { .. } => 4,
            _ => 2,
        }
    }

    /// Shorthand for an input error.
    pub fn input(file: impl Into<String>, place: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input { file: file.into(), place: place.into(), message: message.into() }
    }

    /// Shorthand for an I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// The 1-based line of a byte offset in `text` and that line's text, trimmed: the
/// place an error names.
pub(crate) fn line_at(text: &str, offset: Option<usize>) -> (usize, String) {
    let at = offset.unwrap_or(0).min(text.len());
    let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let line = text[..at].matches('\n').count() + 1;
    let snippet = text.lines().nth(line - 1).unwrap_or("").trim().to_string();
    (line, snippet)
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
