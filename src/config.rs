//! `bantin.toml`: an office's own defaults (agency, number, signer, recipients, template,
//! printer), so they are not repeated on every run.
//!
//! Read from the working directory, or from the file given with `--config`. Every key is
//! optional; a value set here replaces the template's value.
//!
//! ```toml
//! [agency]
//! parent = "BỘ CÔNG AN"
//! name = "CÔNG AN TỈNH NGHỆ AN"
//! place = "Nghệ An"
//!
//! [document]
//! number = 7
//! number_format = "Số: {n}/BC-CAT-PV01"
//!
//! [signer]
//! titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
//! name = "Đại tá Trần Văn Bình"
//!
//! [recipients]
//! list = ["- Cục Công tác đảng và công tác chính trị (để b/c);", "- Lưu: VT, PV01."]
//!
//! [bulletin]
//! template = "mau-ban-tin"   # a folder from `bantin template init`, relative to this file
//! output = "ban-tin"         # output folder
//!
//! [print]
//! printer = "Phong_TM"
//! duplex = true
//! ```

use crate::compose::TemplateConfig;
use crate::error::{Error, Result};
use crate::print::PrintOptions;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for in the working directory.
pub const FILE_NAME: &str = "bantin.toml";

/// `[agency]` overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyOverrides {
    /// Tên cơ quan chủ quản.
    pub parent: Option<String>,
    /// Tên cơ quan ban hành.
    pub name: Option<String>,
    /// Địa danh.
    pub place: Option<String>,
}

/// `[document]` overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentOverrides {
    /// Document number.
    pub number: Option<u32>,
    /// Number line with `{n}`.
    pub number_format: Option<String>,
}

/// `[signer]` overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerOverrides {
    /// Authority and title lines.
    pub titles: Option<Vec<String>>,
    /// Rank and name.
    pub name: Option<String>,
}

/// `[recipients]` overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientsOverrides {
    /// One recipient a line.
    pub list: Option<Vec<String>>,
}

/// `[bulletin]`: defaults for `bantin bulletin`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulletinDefaults {
    /// Template folder (relative paths are taken from the config file's folder).
    pub template: Option<PathBuf>,
    /// Output folder (relative paths are taken from the config file's folder).
    pub output: Option<PathBuf>,
    /// Add the empty ND30 signature fields to the PDF (as `--sign-fields`).
    pub sign_fields: Option<bool>,
}

/// The whole `bantin.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Agency lines.
    #[serde(default)]
    pub agency: AgencyOverrides,
    /// Number and number line.
    #[serde(default)]
    pub document: DocumentOverrides,
    /// Signer.
    #[serde(default)]
    pub signer: SignerOverrides,
    /// Nơi nhận.
    #[serde(default)]
    pub recipients: RecipientsOverrides,
    /// Defaults for `bantin bulletin`.
    #[serde(default)]
    pub bulletin: BulletinDefaults,
    /// Defaults for printing.
    #[serde(default)]
    pub print: Option<PrintOptions>,
    /// The file this came from (not a key in the file).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

impl Config {
    /// Parses the text of a config file; errors name `file` and the line.
    pub fn parse(file: &str, text: &str) -> Result<Config> {
        let config: Config = toml::from_str(text).map_err(|e| toml_error(file, text, &e))?;
        Ok(config)
    }

    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut c = Config::parse(&path.display().to_string(), &text)?;
        c.file = Some(path.to_path_buf());
        Ok(c)
    }

    /// `explicit` when given (it must exist), otherwise `bantin.toml` in `dir` when present,
    /// otherwise the empty config.
    pub fn discover(explicit: Option<&Path>, dir: &Path) -> Result<Config> {
        match explicit {
            Some(p) => Config::load(p),
            None => {
                let p = dir.join(FILE_NAME);
                if p.is_file() {
                    Config::load(&p)
                } else {
                    Ok(Config::default())
                }
            }
        }
    }

    /// A path from the config, taken relative to the config file's folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        match self.file.as_deref().and_then(Path::parent) {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// Replaces the template's values with the ones set here.
    pub fn apply(&self, t: &mut TemplateConfig) {
        let set = |dst: &mut String, src: &Option<String>| {
            if let Some(v) = src {
                *dst = v.clone();
            }
        };
        set(&mut t.agency.parent, &self.agency.parent);
        set(&mut t.agency.name, &self.agency.name);
        set(&mut t.agency.place, &self.agency.place);
        if let Some(n) = self.document.number {
            t.document.number = n;
        }
        set(&mut t.document.number_format, &self.document.number_format);
        if let Some(v) = &self.signer.titles {
            t.signer.titles = v.clone();
        }
        set(&mut t.signer.name, &self.signer.name);
        if let Some(v) = &self.recipients.list {
            t.recipients.list = v.clone();
        }
    }
}

/// A TOML error as an input error naming the file, the line and the line's text.
pub(crate) fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let (line, snippet) = crate::error::line_at(text, e.span().map(|s| s.start));
    Error::Input {
        file: file.to_string(),
        place: format!("line {line}"),
        message: format!("{} (in `{snippet}`); fix the TOML there", e.message().trim_end_matches('\n')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::Template;

    #[test]
    fn overrides_only_what_is_set() {
        let c = Config::parse(
            "bantin.toml",
            "[agency]\nname = \"CÔNG AN TỈNH NGHỆ AN\"\nplace = \"Nghệ An\"\n[signer]\nname = \"Đại tá Trần Văn Bình\"\n[print]\nprinter = \"PDF\"\nduplex = true\n",
        )
        .unwrap();
        let mut t = Template::default_quarterly().config;
        let parent = t.agency.parent.clone();
        let titles = t.signer.titles.clone();
        c.apply(&mut t);
        assert_eq!(t.agency.name, "CÔNG AN TỈNH NGHỆ AN");
        assert_eq!(t.agency.place, "Nghệ An");
        assert_eq!(t.signer.name, "Đại tá Trần Văn Bình");
        assert_eq!(t.agency.parent, parent);
        assert_eq!(t.signer.titles, titles);
        let p = c.print.unwrap();
        assert_eq!((p.printer.as_deref(), p.copies, p.duplex), (Some("PDF"), 1, true));
    }

    #[test]
    fn errors_name_file_line_and_text() {
        let err = Config::parse("x/bantin.toml", "[agency]\nname = \"A\"\nsigner = \"B\"\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x/bantin.toml: line 3:"), "{msg}");
        assert!(msg.contains("signer = \"B\""), "{msg}");
        let err = Config::parse("bantin.toml", "[document]\nnumber = \"bảy\"\n").unwrap_err();
        assert!(err.to_string().starts_with("bantin.toml: line 2:"), "{err}");
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let c = Config { file: Some("/etc/bantin/bantin.toml".into()), ..Default::default() };
        assert_eq!(c.resolve(Path::new("mau")), Path::new("/etc/bantin/mau"));
        assert_eq!(c.resolve(Path::new("/abs")), Path::new("/abs"));
    }
}
