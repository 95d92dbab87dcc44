//! The command line: clap's definition of every command and flag, and the parsers of single
//! values (`KEY=VALUE`, a day, a size).
//!
//! Nothing here decides anything: `settings` turns these arguments, `brief.toml` and the
//! defaults into the configuration each command runs with. No other module sees clap's types.

use clap_complete::engine::ArgValueCompleter;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::facts::parse_day;
use crate::options::ReportFormat;
use crate::options::{Format, Paper, Standard};
use crate::term::ColorChoice;

/// Turns a curated, source-cited fact base into print-ready PDF briefings.
#[derive(Debug, Parser)]
#[command(name = "brief", version, about, max_term_width = 100)]
pub struct Cli {
    /// The project folder (default: the nearest folder upward holding a `brief.toml`, else
    /// the current folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Colour in messages: auto (on a terminal, unless `NO_COLOR` is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only problems: no progress or "wrote …" lines.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: CliCommand,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Generate a briefing from a template and the fact base.
    Generate(GenerateArgs),
    /// Load and validate the fact base, printing every problem found.
    Check(CheckArgs),
    /// List the templates, what they make and the parameters they take.
    Templates(TemplatesArgs),
    /// Print, as JSON, exactly what a template receives.
    Context(ContextArgs),
    /// Print every note of a briefing in reading order: the sentence or row it sits on, the
    /// records and fields it comes from, and each source with its excerpt, checked.
    Trace(TraceArgs),
    /// Create a new project that generates at once: brief.toml, an example fact base, README.
    Init(InitArgs),
    /// Print the JSON Schema of the fact-base files, for editors (yaml-language-server).
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print a manual page (roff): brief's, or one command's (`brief man generate`); with
    /// `--dir DIR`, write every page there (`brief.1`, `brief-generate.1`, …).
    Man(ManArgs),
    /// Send reviewed email drafts (`.eml`, from `generate --email`) over SMTP.
    Send(SendArgs),
    /// What changed in the fact base since a revision of its git history.
    Diff(DiffArgs),
    /// Generate, then rebuild on every save of the facts, templates or brief.toml (Ctrl-C
    /// stops). Takes the options of `generate`.
    Watch(GenerateArgs),
    /// Show the briefing in a browser tab, updated on every save of the facts, templates or
    /// brief.toml (Ctrl-C stops). Takes the document options of `generate`.
    Preview(PreviewArgs),
}

#[derive(Debug, Args)]
// `generate`'s options, less what makes no sense for a page in a browser (still refused with
// a message when given).
#[command(
    mut_arg("open", |a| a.help("Open the page in the system's browser once it is served")),
    mut_arg("all", |a| a.hide(true)),
    mut_arg("email", |a| a.hide(true)),
    mut_arg("from", |a| a.hide(true)),
    mut_arg("to", |a| a.hide(true)),
    mut_arg("cc", |a| a.hide(true)),
    mut_arg("reply_to", |a| a.hide(true)),
    mut_arg("out", |a| a.hide(true)),
    mut_arg("force", |a| a.hide(true)),
    mut_arg("format", |a| a.hide(true))
)]
pub struct PreviewArgs {
    #[command(flatten)]
    pub generate: GenerateArgs,
    /// The port to serve on, on 127.0.0.1 (default: a free one). A busy port is an error.
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Print the address as one line of JSON (`{"url": …}`) for scripts.
    #[arg(long)]
    pub json: bool,
    /// Make each problem listed on the page a link into an editor: a URL with `{file}`,
    /// `{line}` and `{column}`, e.g. `vscode://file/{file}:{line}:{column}`.
    #[arg(long, value_name = "URL")]
    pub editor_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// A tag, branch or commit (`v2024-10`, `HEAD~3`), or a date `YYYY-MM-DD` (the last
    /// commit on or before it).
    #[arg(value_name = "REV")]
    pub rev: String,
    /// The fact base folder (default: the project's, `data`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// For people (grouped by kind), or JSON.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The drafts to send.
    #[arg(value_name = "FILE.eml", required = true)]
    pub files: Vec<PathBuf>,
    /// Say who would get what, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Send drafts again that were sent before (each sent draft gets a record, `NAME.eml.sent`,
    /// and is skipped otherwise).
    #[arg(long)]
    pub resend: bool,
    /// The SMTP server (default: `[smtp]` in brief.toml).
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// Its port (default: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// How to secure the connection (default: starttls).
    #[arg(long, value_enum, value_name = "MODE")]
    pub smtp_tls: Option<crate::options::TlsMode>,
    /// The most one message may take, in seconds, however the server behaves (default: 60).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub smtp_timeout: Option<u64>,
}

/// What every command that makes a document takes: the template, its parameters, the
/// fact base, the templates folder and the "as of" date.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The template to use (see `brief templates`).
    #[arg(long, short = 't', value_name = "NAME", add = ArgValueCompleter::new(crate::complete::template))]
    pub template: String,
    /// A template parameter, e.g. `--param country=ID`; may be repeated.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param, add = ArgValueCompleter::new(crate::complete::param))]
    pub params: Vec<(String, String)>,
    /// The fact base folder (default: the project's, `data`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The project's templates folder, over the built-in templates (default: `templates`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The "as of" date printed on the briefing and the PDF creation date (default:
    /// `SOURCE_DATE_EPOCH` if set, else today). An earlier date remakes the edition as it
    /// stood: sources published later, and what only they give, are left out.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub date: Option<chrono::NaiveDate>,
    /// Open with "What is new since REV" and mark new and changed items (REV: a tag, branch,
    /// commit or date of the fact base's git history).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Paper size (default: `brief.toml`'s, else a4).
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Handling marking printed on every page, e.g. `UNCLASSIFIED` or `RESTRICTED`.
    #[arg(long, value_name = "TEXT")]
    pub marking: Option<String>,
    /// The language of the briefing, a BCP 47 tag (`en`, `en-US`, `ru`, `fr`, `ar`,
    /// `ar-u-nu-latn`); several, comma-separated, make one document each, named
    /// `NAME.TAG.pdf` (default: `brief.toml`'s, else the issuer's language, else English).
    #[arg(long, value_name = "TAG,…", value_delimiter = ',', add = ArgValueCompleter::new(crate::complete::lang))]
    pub lang: Vec<String>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(flatten)]
    pub document: DocumentArgs,
    /// Make one document for every valid value of the template's parameter, in parallel.
    #[arg(long)]
    pub all: bool,
    /// Output folder, or a file path when one document is made (default: the project's
    /// `output` folder).
    #[arg(long, short = 'o', value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// What to write: a PDF, the generated Typst source, or one PNG/SVG per page (default:
    /// from the extension of `--out`, else pdf).
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// Write even when `--out` names a file whose extension is not the format's.
    #[arg(long)]
    pub force: bool,
    /// Open the document in the system's viewer once it is written (the folder, with `--all`).
    #[arg(long)]
    pub open: bool,
    /// Stop with an error when the run uses more memory than this (e.g. `4GiB`, `512MiB`).
    #[arg(long, value_name = "SIZE", default_value = "4GiB", value_parser = parse_size)]
    pub max_memory: u64,
    /// Also write an email draft beside each PDF (`NAME.eml`, the PDF attached), to open in
    /// Outlook or Thunderbird or send with `brief send`.
    #[arg(long)]
    pub email: bool,
    /// The draft's sender, e.g. `"Briefings Unit <briefings@example.org>"` (default: `[email]`
    /// in brief.toml).
    #[arg(long, value_name = "ADDRESS", requires = "email")]
    pub from: Option<String>,
    /// A recipient; may be repeated (default: `[email]` in brief.toml).
    #[arg(long, value_name = "ADDRESS", requires = "email")]
    pub to: Vec<String>,
    /// A copy recipient; may be repeated.
    #[arg(long, value_name = "ADDRESS", requires = "email")]
    pub cc: Vec<String>,
    /// Where replies go.
    #[arg(long, value_name = "ADDRESS", requires = "email")]
    pub reply_to: Option<String>,
    /// PDF standards to conform to, comma-separated, e.g. `a-2b,ua-1`.
    #[arg(
        long = "pdf-standard",
        value_name = "LIST",
        value_enum,
        value_delimiter = ','
    )]
    pub pdf_standard: Vec<Standard>,
    /// Print how long each stage took (facts, context, render, Typst layout and export,
    /// writing) when the run ends.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The fact base folder (default: the project's, `data`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Folder of source texts: also verify that every cited excerpt occurs in its source.
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Refuse warnings too, and require an excerpt on every figure, participation and
    /// statement citation (for CI, before a briefing is signed off).
    #[arg(long)]
    pub strict: bool,
    /// Also check the catalogs of words of these languages (BCP 47 tags, comma-separated):
    /// each must read, and the messages it lacks (printed in English) are listed.
    #[arg(long, value_name = "TAG,…", value_delimiter = ',', add = ArgValueCompleter::new(crate::complete::lang))]
    pub lang: Vec<String>,
    /// How to print problems: for people, or as JSON for editors and CI.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The project's templates folder (default: `templates`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Copy the built-in files of template NAME (and the shared `brief.typ`) into the
    /// project's templates folder, to customise them; `--copy words` copies the catalogs of
    /// words (`words/en.ftl`, `ru.ftl`, …), to reword or translate.
    #[arg(long, value_name = "NAME")]
    pub copy: Option<String>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the project in (new or empty).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// One file kind (`sources`, `events`, …); without it, all of them.
    #[arg(value_name = "KIND")]
    pub kind: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ContextArgs {
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (default: brief's own).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TraceArgs {
    #[command(flatten)]
    pub document: DocumentArgs,
    /// The folder of source texts to check excerpts against (default: the project's
    /// `[folders] sources`).
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
    /// Trace every document of the template, one per valid value of its parameter (JSON:
    /// an array of traces).
    #[arg(long)]
    pub all: bool,
    /// For people (one block per note), or JSON.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Stop with an error when the run uses more memory than this (e.g. `4GiB`, `512MiB`).
    #[arg(long, value_name = "SIZE", default_value = "4GiB", value_parser = parse_size)]
    pub max_memory: u64,
}

/// Splits `KEY=VALUE`.
pub fn parse_param(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
            Ok((k.trim().to_owned(), v.trim().to_owned()))
        }
        Some((k, _)) if !k.trim().is_empty() => Err(format!(
            "the value of `{}` is empty: give one after `=`, e.g. `{}=ID`",
            k.trim(),
            k.trim()
        )),
        _ => Err(format!("expected KEY=VALUE, found `{text}`")),
    }
}

/// `4GiB`, `512MiB`, `2G`, `1000000` (bytes) → bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as `4GiB` or `512MiB`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(format!("`{text}`: unknown unit (use MiB or GiB)")),
    };
    let bytes = number * factor as f64;
    if bytes < (64u64 << 20) as f64 {
        return Err(format!(
            "`{text}` is too little memory to make any document (at least 64MiB)"
        ));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            vec![
                "brief",
                "generate",
                "--template",
                "x",
                "--date",
                "2024-13-01",
            ],
            vec!["brief", "generate", "--template", "x", "--param", "novalue"],
            vec!["brief", "generate", "--template", "x", "--format", "docx"],
            vec!["brief", "generate"],
            vec![
                "brief",
                "generate",
                "--template",
                "x",
                "--pdf-standard",
                "a-9",
            ],
        ] {
            let err = Cli::try_parse_from(&args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
    }

    #[test]
    fn params_split_on_the_first_equals_sign() {
        assert_eq!(
            parse_param("country=KAZ").unwrap(),
            ("country".to_owned(), "KAZ".to_owned())
        );
        assert_eq!(parse_param("k=a=b").unwrap().1, "a=b");
        assert!(parse_param("novalue").is_err());
        assert!(parse_param("k=").unwrap_err().contains("empty"));
        assert!(parse_param("=v").is_err());
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("4GiB").unwrap(), 4 << 30);
        assert_eq!(parse_size("512MiB").unwrap(), 512 << 20);
        assert_eq!(parse_size("2G").unwrap(), 2 << 30);
        assert!(parse_size("10MiB").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("4 parsecs").is_err());
    }
}
