//! Printing a PDF through CUPS (`lp`): A4, at 100% scale, optionally duplex.
//!
//! ```no_run
//! use bantin::print::{print_pdf, PrintOptions};
//! let job = print_pdf("ban-tin-2020-Q2.pdf".as_ref(), &PrintOptions { copies: 2, duplex: true, ..Default::default() })?;
//! println!("sent as job {}", job.id);
//! # Ok::<(), bantin::Error>(())
//! ```

use crate::error::{Error, Result};
use serde::Deserialize;
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The most copies one `bantin print` sends.
pub const MAX_COPIES: u32 = 99;

/// How to print.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrintOptions {
    /// CUPS queue name (`lpstat -p` lists them); `None` means the default printer.
    pub printer: Option<String>,
    /// Number of copies, 1..=[`MAX_COPIES`].
    pub copies: u32,
    /// Print on both sides, flipping on the long edge (`sides=two-sided-long-edge`).
    pub duplex: bool,
    /// Job title shown in the queue; the file name when `None`.
    pub title: Option<String>,
}

impl Default for PrintOptions {
    fn default() -> Self {
        PrintOptions { printer: None, copies: 1, duplex: false, title: None }
    }
}

/// A job the print server accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// The request id `lp` reported, e.g. `PDF-12`.
    pub id: String,
    /// The queue it went to (`None`: the default printer).
    pub printer: Option<String>,
}

/// The arguments given to `lp` for `file`: A4 paper, no scaling (ND30 margins stay exact),
/// copies, sides and title.
pub fn lp_args(file: &Path, opts: &PrintOptions) -> Vec<OsString> {
    let mut args: Vec<OsString> = Vec::new();
    if let Some(p) = &opts.printer {
        args.extend(["-d".into(), p.into()]);
    }
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    args.extend(["-n".into(), opts.copies.to_string().into()]);
    args.extend(["-t".into(), title.into()]);
    for o in [
        "media=A4",
        "fit-to-page=false",
        "print-scaling=none",
        if opts.duplex { "sides=two-sided-long-edge" } else { "sides=one-sided" },
    ] {
        args.extend(["-o".into(), o.into()]);
    }
    args.push("--".into());
    args.push(file.as_os_str().to_owned());
    args
}

/// Checks the options and the file (it must exist and be a PDF).
pub fn check(file: &Path, opts: &PrintOptions) -> Result<()> {
    if !(1..=MAX_COPIES).contains(&opts.copies) {
        return Err(Error::input(
            "<command line>",
            "--copies",
            format!("{} copies: give a number from 1 to {MAX_COPIES}", opts.copies),
        ));
    }
    if let Some(p) = &opts.printer {
        if p.is_empty() || p.chars().any(|c| c.is_whitespace() || c == '/' || c == '#') {
            return Err(Error::input(
                "<command line>",
                "--printer",
                format!("`{p}` is not a printer name; list the printers with `lpstat -p`"),
            ));
        }
    }
    let mut head = [0u8; 5];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
        f.read(&mut head).map_err(|e| Error::io(file, e))?
    };
    if &head[..n] != b"%PDF-" {
        return Err(Error::input(
            file.display().to_string(),
            "byte 0",
            "this is not a PDF file; print the .pdf that `bantin bulletin` wrote",
        ));
    }
    Ok(())
}

/// Sends `file` to CUPS with `lp` and returns the job id.
///
/// Fails with an input error for bad options or a file that is not a PDF, and with an
/// I/O error (exit code 3) when `lp` is missing or the print server refuses the job.
pub fn print_pdf(file: &Path, opts: &PrintOptions) -> Result<PrintJob> {
    check(file, opts)?;
    let lp = std::env::var_os("BANTIN_LP").unwrap_or_else(|| "lp".into());
    let out = Command::new(&lp).args(lp_args(file, opts)).output().map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            "the `lp` command was not found; install CUPS (Debian: apt-get install cups-client) or print the PDF from a viewer".to_string()
        } else {
            format!("cannot run `lp`: {e}")
        };
        Error::io(file, std::io::Error::new(e.kind(), hint))
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        let what = stderr.trim();
        let hint = match &opts.printer {
            Some(p) => {
                format!("check that the printer `{p}` exists (`lpstat -p`) and that CUPS is running (`lpstat -r`)")
            }
            None => {
                "name a printer with --printer (list them with `lpstat -p`), or set a default with `lpoptions -d NAME`"
                    .to_string()
            }
        };
        return Err(Error::io(file, std::io::Error::other(format!("lp refused the job: {what}; {hint}"))));
    }
    let id = job_id(&stdout).unwrap_or_default().to_string();
    Ok(PrintJob { id, printer: opts.printer.clone() })
}

/// The request id in `lp`'s answer (`request id is PDF-3 (1 file(s))`).
pub fn job_id(lp_stdout: &str) -> Option<&str> {
    lp_stdout.split("request id is ").nth(1)?.split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: Vec<OsString>) -> Vec<String> {
        v.into_iter().map(|s| s.to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn a4_at_full_scale_with_copies_and_duplex() {
        let opts = PrintOptions { printer: Some("PDF".into()), copies: 3, duplex: true, title: None };
        let a = strings(lp_args(Path::new("out/ban-tin.pdf"), &opts));
        let joined = a.join(" ");
        assert!(joined.starts_with("-d PDF -n 3 -t ban-tin.pdf"), "{joined}");
        for o in ["media=A4", "fit-to-page=false", "print-scaling=none", "sides=two-sided-long-edge"] {
            assert!(a.windows(2).any(|w| w[0] == "-o" && w[1] == o), "{o} missing: {joined}");
        }
        assert_eq!(a.last().unwrap(), "out/ban-tin.pdf");
        let simplex = strings(lp_args(Path::new("a.pdf"), &PrintOptions::default())).join(" ");
        assert!(simplex.contains("sides=one-sided") && !simplex.contains("-d "), "{simplex}");
    }

    #[test]
    fn refuses_bad_copies_and_non_pdf_files() {
        let dir = tempfile::tempdir().unwrap();
        let txt = dir.path().join("a.txt");
        std::fs::write(&txt, "hello").unwrap();
        let err = check(&txt, &PrintOptions::default()).unwrap_err();
        assert!(err.to_string().contains("not a PDF"), "{err}");
        let err = check(&txt, &PrintOptions { copies: 0, ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("--copies"), "{err}");
        let err = check(&dir.path().join("missing.pdf"), &PrintOptions::default()).unwrap_err();
        assert_eq!(err.exit_code(), 3);
    }

    #[test]
    fn reads_the_request_id() {
        assert_eq!(job_id("request id is PDF-12 (1 file(s))\n"), Some("PDF-12"));
        assert_eq!(job_id(""), None);
    }
}
