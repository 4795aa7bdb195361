//! The command line, as clap derive types. Every subcommand's help ends with real examples.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns Vietnamese news articles about emulation-and-award events into formal ND30 bulletins (PDF, DOCX).
#[derive(Parser)]
#[command(
    name = "bantin",
    version,
    about,
    long_about = None,
    after_help = "Examples:\n  bantin bulletin examples/articles --period 2020-Q2 -o out/\n  bantin stats events.json --period 2020-Q2 --by form\n  bantin print out/ban-tin-2020-Q2.pdf --printer PDF --duplex\n\n\
Exit codes: 0 ok, 1 finished with warnings under --strict, 2 bad input, 3 I/O failure, 4 invalid signature (verify).\n\
Defaults (agency, signer, template, printer) are read from ./bantin.toml or --config."
)]
pub struct Cli {
    /// Settings file with the office's defaults. Default: ./bantin.toml when present.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit with code 1 when the run finished with warnings.
    #[arg(long, global = true)]
    pub strict: bool,
    /// No progress bar and no summary lines on standard error (errors and warnings still show).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Extract events from articles and write them as JSON, JSON Lines or CSV.
    #[command(after_help = "Examples:\n  bantin extract examples/articles -o events.json\n  \
bantin extract examples/articles --format csv -o events.csv\n  \
bantin extract examples/articles/000_70062579ecec8070.txt --explain")]
    Extract(ExtractArgs),
    /// Count the awards of a period: per province, award form or grantor level.
    #[command(after_help = "Examples:\n  bantin stats examples/articles --period 2020\n  \
bantin stats events.json --period 2020-Q2 --by form\n  \
bantin stats events.json --period 2020-Q2 --format csv -o thong-ke.csv")]
    Stats(StatsArgs),
    /// Draw one chart of a period as SVG or PNG (300 dpi).
    #[command(
        after_help = "Examples:\n  bantin chart examples/articles --period 2020 --kind province -o tinh.svg\n  \
bantin chart events.json --period 2020-Q2 --kind trend -o xu-huong.png"
    )]
    Chart(ChartArgs),
    /// Write a bulletin for a period as PDF and DOCX (and print it with --print).
    #[command(after_help = "Examples:\n  bantin bulletin examples/articles --period 2020 -o out/\n  \
bantin bulletin events.json --period 2020-Q2 --format pdf --number 7 -o out/\n  \
bantin bulletin events.json --period 2020-Q2 --template my-template --print --printer PDF")]
    Bulletin(BulletinArgs),
    /// Work with bulletin templates.
    #[command(after_help = "Example:\n  bantin template init my-template")]
    Template {
        /// What to do with templates.
        #[command(subcommand)]
        action: TemplateAction,
    },
    /// Print a PDF through CUPS (lp): A4, 100% scale.
    #[command(after_help = "Examples:\n  bantin print out/ban-tin-2020-Q2.pdf\n  \
bantin print out/ban-tin-2020-Q2.pdf --printer PDF --copies 3 --duplex\n\n\
List the printers with `lpstat -p`.")]
    Print(PrintArgs),
    /// Sign a bulletin PDF (PAdES B-B, incremental): first as the signer, then as the agency.
    #[command(
        after_help = "Examples:\n  BANTIN_KEY_PASSWORD=… bantin sign out/ban-tin-2020-Q2.pdf --as signer --key nguoi-ky.p12 --image chu-ky.png\n  \
bantin sign out/ban-tin-2020-Q2.pdf --as agency --key co-quan.p12 --image con-dau.png -o ban-hanh.pdf\n\n\
The PDF needs the empty fields of `bantin bulletin --sign-fields`. The key's password comes from\n\
BANTIN_KEY_PASSWORD or a prompt, never from the command line. SOURCE_DATE_EPOCH fixes the signing time."
    )]
    Sign(SignArgs),
    /// List a PDF's signatures and check that each still covers the document as signed.
    #[command(after_help = "Example:\n  bantin verify out/ban-tin-2020-Q2.pdf\n\n\
Exit code 4 when a signature is invalid (changed after signing, or does not verify).")]
    Verify {
        /// The signed PDF.
        file: PathBuf,
    },
    /// Print a shell completion script to standard output.
    #[command(
        after_help = "Examples:\n  bantin completions bash > ~/.local/share/bash-completion/completions/bantin\n  \
bantin completions zsh > ~/.zfunc/_bantin"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `bantin template …`
#[derive(Subcommand)]
pub enum TemplateAction {
    /// Write a copy of the default template (template.toml, body.md) to edit.
    #[command(after_help = "Example:\n  bantin template init my-template\n  \
bantin bulletin examples/articles --period 2020 --template my-template -o out/")]
    Init {
        /// Folder to create.
        dir: PathBuf,
    },
}

/// Inputs and period, shared by stats, chart and bulletin.
#[derive(Args)]
pub struct PeriodInputs {
    /// Article files (.txt, .md), folders of them, or events files (.json, .jsonl, .csv).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The period: 2020, 2020-Q2, 2020-H1, 2020-06 or 2020-04-01..2020-06-30.
    #[arg(long, short)]
    pub period: String,
    /// Province grid: 63 (before 2025-07-01) or 34 (after). Default: the grid in force at the period's end.
    #[arg(long)]
    pub grid: Option<String>,
    /// Count every report, even several reports of one event.
    #[arg(long)]
    pub no_dedup: bool,
}

/// `bantin extract`
#[derive(Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .md) or folders of them.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output file; standard output when absent.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Output format. Default: from the output file's extension, else json.
    #[arg(long, short)]
    pub format: Option<EventsFormat>,
    /// Print every fact beside its evidence, for review, instead of the events.
    #[arg(long)]
    pub explain: bool,
}

/// `bantin stats`
#[derive(Args)]
pub struct StatsArgs {
    /// Inputs and period.
    #[command(flatten)]
    pub common: PeriodInputs,
    /// The breakdown.
    #[arg(long, default_value = "province")]
    pub by: ByArg,
    /// Output format. Default: from the output file's extension, else table.
    #[arg(long, short)]
    pub format: Option<StatsFormat>,
    /// Output file; standard output when absent.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// `bantin chart`
#[derive(Args)]
pub struct ChartArgs {
    /// Inputs and period.
    #[command(flatten)]
    pub common: PeriodInputs,
    /// Which chart.
    #[arg(long, short)]
    pub kind: KindArg,
    /// Output file, .svg or .png.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Width in millimetres (default: the bulletin's text width, 165).
    #[arg(long, default_value_t = 165.0)]
    pub width_mm: f32,
}

/// `bantin bulletin`
#[derive(Args)]
pub struct BulletinArgs {
    /// Inputs and period.
    #[command(flatten)]
    pub common: PeriodInputs,
    /// Output formats, comma-separated.
    #[arg(long, short, value_delimiter = ',', default_value = "pdf,docx")]
    pub format: Vec<DocFormat>,
    /// Output folder (created if missing). Default: [bulletin] output in bantin.toml, else the current folder.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// A template folder (see `bantin template init`). Default: [bulletin] template in bantin.toml, else the built-in one.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// Issue date printed on the document (YYYY-MM-DD). Default: today, or SOURCE_DATE_EPOCH.
    #[arg(long)]
    pub date: Option<String>,
    /// Document number (Số), replacing the template's and bantin.toml's.
    #[arg(long)]
    pub number: Option<u32>,
    /// Add the two empty ND30 signature fields (ô 7c signer, ô 8 agency) to the PDF. Default: [bulletin] sign_fields in bantin.toml.
    #[arg(long)]
    pub sign_fields: bool,
    /// Also write the ND30 Phụ lục VI document metadata beside the PDF.
    #[arg(long, value_name = "FORMAT")]
    pub metadata: Option<MetadataFormat>,
    /// Print the PDF after writing it.
    #[arg(long)]
    pub print: bool,
    /// Printing options (with --print).
    #[command(flatten)]
    pub printing: PrintFlags,
}

/// Printer choice, shared by `print` and `bulletin --print`.
#[derive(Args)]
pub struct PrintFlags {
    /// CUPS printer name (`lpstat -p`). Default: [print] printer in bantin.toml, else the system default.
    #[arg(long)]
    pub printer: Option<String>,
    /// Number of copies (1–99).
    #[arg(long)]
    pub copies: Option<u32>,
    /// Print on both sides (long-edge binding).
    #[arg(long)]
    pub duplex: bool,
}

/// `bantin print`
#[derive(Args)]
pub struct PrintArgs {
    /// The PDF to print.
    pub file: PathBuf,
    /// Printing options.
    #[command(flatten)]
    pub printing: PrintFlags,
}

/// `bantin sign`
#[derive(Args)]
pub struct SignArgs {
    /// The PDF to sign.
    pub file: PathBuf,
    /// Who signs: the signer (ô 7c) first, then the agency (ô 8).
    #[arg(long = "as", value_name = "ROLE")]
    pub role: RoleArg,
    /// The PKCS#12 file (.p12, .pfx) with the key, its certificate and the issuing chain.
    #[arg(long)]
    pub key: PathBuf,
    /// The PNG shown in the field (transparent background): the blue signature, or the red seal.
    #[arg(long, value_name = "PNG")]
    pub image: Option<PathBuf>,
    /// The signed PDF. Default: FILE itself (the signature is appended to it).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Signature scheme for an RSA key (ECDSA keys sign with ECDSA P-256).
    #[arg(long, default_value = "pss")]
    pub rsa: RsaArg,
    /// An RFC 3161 timestamp server (http://…): timestamps the signature (PAdES B-T).
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
}

/// Signing roles.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// The competent signer (người có thẩm quyền).
    Signer,
    /// The issuing agency (văn thư cơ quan).
    Agency,
}

/// RSA signature schemes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RsaArg {
    /// RSASSA-PSS with SHA-256.
    Pss,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Pkcs1,
}

/// Metadata formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetadataFormat {
    /// XML with the Phụ lục VI element names, written as <stem>.xml.
    Xml,
}

/// Document formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    /// PDF with embedded fonts.
    Pdf,
    /// Word document.
    Docx,
}

impl DocFormat {
    /// The format's name in messages.
    pub fn label(self) -> &'static str {
        match self {
            DocFormat::Pdf => "PDF",
            DocFormat::Docx => "DOCX",
        }
    }

    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Pdf => "pdf",
            DocFormat::Docx => "docx",
        }
    }
}

/// Events file formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsFormat {
    /// A JSON array, pretty-printed.
    Json,
    /// One JSON event per line.
    Jsonl,
    /// One row per award line (UTF-8 with BOM).
    Csv,
}

/// Statistics output formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// An aligned table for the terminal.
    Table,
    /// JSON with every breakdown and comparison.
    Json,
    /// CSV of the breakdown (UTF-8 with BOM).
    Csv,
}

/// Breakdowns.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// Per province.
    Province,
    /// Per award form family.
    Form,
    /// Per grantor level.
    Grantor,
}

/// Chart kinds.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Bars per province.
    Province,
    /// Totals of the last periods.
    Trend,
    /// Bars per award form.
    Forms,
}
