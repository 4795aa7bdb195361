//! A template folder: `template.toml` (agency, number, signer, recipients, page) and
//! `body.md` (Markdown with Jinja expressions).

use crate::bulletin::PageSetup;
use crate::error::{Error, Result};
use crate::vi;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The default quarterly template's settings file, compiled in.
pub const DEFAULT_TEMPLATE_TOML: &str = include_str!("../../templates/ban-tin-quy/template.toml");
/// The default quarterly template's body, compiled in.
pub const DEFAULT_BODY_MD: &str = include_str!("../../templates/ban-tin-quy/body.md");

/// `[agency]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyConfig {
    /// Tên cơ quan chủ quản, e.g. `BỘ CÔNG AN`.
    pub parent: String,
    /// Tên cơ quan ban hành, e.g. `CÔNG AN TỈNH THÁI BÌNH`.
    pub name: String,
    /// Place name for the date line.
    pub place: String,
}

/// `[document]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// Tên loại, e.g. `BẢN TIN`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Document number (padded to two digits).
    pub number: u32,
    /// Number line with `{n}`, e.g. `Số: {n}/BC-CAT`.
    pub number_format: String,
    /// Trích yếu, a template string.
    pub title: String,
}

/// `[signer]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignerConfig {
    /// Authority and title lines, e.g. `KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`.
    pub titles: Vec<String>,
    /// Rank and name.
    pub name: String,
}

/// `[recipients]` in `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientsConfig {
    /// One recipient a line.
    pub list: Vec<String>,
}

/// The whole `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateConfig {
    /// Agency lines.
    pub agency: AgencyConfig,
    /// Document type, number and title.
    pub document: DocumentConfig,
    /// Signer.
    pub signer: SignerConfig,
    /// Nơi nhận.
    pub recipients: RecipientsConfig,
    /// Page setup within ND30.
    #[serde(default)]
    pub page: PageSetup,
}

/// A bulletin template: settings plus the Markdown body.
#[derive(Debug, Clone)]
pub struct Template {
    /// Parsed `template.toml`.
    pub config: TemplateConfig,
    /// Name of the settings file, for error messages.
    pub config_file: String,
    /// The `body.md` source.
    pub body: String,
    /// Name of the body file, for error messages.
    pub body_file: String,
    /// The line of `title =` in `template.toml` (errors in the title expression point there).
    pub title_line: usize,
}

impl Template {
    /// The default quarterly bulletin template (compiled in).
    pub fn default_quarterly() -> Template {
        Template::from_sources("<default>/template.toml", DEFAULT_TEMPLATE_TOML, "<default>/body.md", DEFAULT_BODY_MD)
            .expect("the default template is valid")
    }

    /// Loads `template.toml` and `body.md` from a folder.
    pub fn load(dir: &Path) -> Result<Template> {
        if !dir.is_dir() {
            return Err(Error::input(
                dir.display().to_string(),
                "folder",
                "no such template folder; create one with `bantin template init <DIR>`",
            ));
        }
        let read = |name: &str| -> Result<(String, String)> {
            let p = dir.join(name);
            let text = std::fs::read_to_string(&p).map_err(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Error::input(
                        p.display().to_string(),
                        "file",
                        format!("the template folder has no {name}; create one with `bantin template init <DIR>`"),
                    )
                } else {
                    Error::io(&p, e)
                }
            })?;
            Ok((p.display().to_string(), text))
        };
        let (config_file, toml_text) = read("template.toml")?;
        let (body_file, body) = read("body.md")?;
        Template::from_sources(&config_file, &toml_text, &body_file, &body)
    }

    /// Builds a template from its two sources. Errors in `template.toml` name the file,
    /// the line and the line's text.
    pub fn from_sources(config_file: &str, toml_text: &str, body_file: &str, body: &str) -> Result<Template> {
        let config: TemplateConfig = toml::from_str(toml_text).map_err(|e| {
            let (line, text) = crate::error::line_at(toml_text, e.span().map(|s| s.start));
            Error::Template {
                file: config_file.to_string(),
                line,
                message: format!("{} (in `{text}`)", e.message().trim_end_matches('\n')),
            }
        })?;
        let line_of =
            |key: &str| toml_text.lines().position(|l| l.trim_start().starts_with(key)).map(|i| i + 1).unwrap_or(1);
        config.page.validate().map_err(|m| Error::Template {
            file: config_file.to_string(),
            line: line_of("[page]"),
            message: format!("[page]: {m}"),
        })?;
        Ok(Template {
            config,
            config_file: config_file.into(),
            body: vi::nfc(body),
            body_file: body_file.into(),
            title_line: line_of("title"),
        })
    }

    /// Writes the default template into `dir` (for `bantin template init`), refusing to overwrite.
    pub fn write_default(dir: &Path) -> Result<Vec<PathBuf>> {
        let files = [("template.toml", DEFAULT_TEMPLATE_TOML), ("body.md", DEFAULT_BODY_MD)];
        for (name, _) in files {
            let p = dir.join(name);
            if p.exists() {
                return Err(Error::input(
                    p.display().to_string(),
                    "file",
                    "already exists; remove it or choose another folder",
                ));
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut written = Vec::new();
        for (name, text) in files {
            let p = dir.join(name);
            crate::output::write_atomic(&p, text.as_bytes())?;
            written.push(p);
        }
        Ok(written)
    }
}
