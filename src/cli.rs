//! The command line: arguments (clap) → a checked [`Command`] the stages can run.
//!
//! Names, defaults and exit codes follow `shared/design/CLI.md`. The stages never see clap
//! types: raw flags become [`GenerateConfig`] and friends, with values parsed and checked.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::compile::{Format, Standard};
use crate::diag::{ColorChoice, UsageError};
use crate::project::Project;
use crate::templates::parse_param;

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
    /// Create a new project that generates at once: brief.toml, an example fact base, README.
    Init(InitArgs),
    /// Print the JSON Schema of the fact-base files, for editors (yaml-language-server).
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    Man,
    /// Send reviewed email drafts (`.eml`, from `generate --email`) over SMTP.
    Send(SendArgs),
    /// What changed in the fact base since a revision of its git history.
    Diff(DiffArgs),
    /// Generate, then rebuild on every save of the facts, templates or brief.toml (Ctrl-C
    /// stops). Takes the options of `generate`.
    Watch(GenerateArgs),
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
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The drafts to send.
    #[arg(value_name = "FILE.eml", required = true)]
    pub files: Vec<PathBuf>,
    /// Say who would get what, and send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The SMTP server (default: `[smtp]` in brief.toml).
    #[arg(long, value_name = "HOST")]
    pub smtp_host: Option<String>,
    /// Its port (default: 587 for starttls, 465 for tls, 25 for none).
    #[arg(long, value_name = "PORT")]
    pub smtp_port: Option<u16>,
    /// How to secure the connection (default: starttls).
    #[arg(long, value_enum, value_name = "MODE")]
    pub smtp_tls: Option<crate::email::TlsMode>,
}

/// What every command that makes a document takes: the template, its parameters, the
/// fact base, the templates folder and the "as of" date.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The template to use (see `brief templates`).
    #[arg(long, short = 't', value_name = "NAME")]
    pub template: String,
    /// A template parameter, e.g. `--param country=TKM`; may be repeated.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE", value_parser = parse_param)]
    pub params: Vec<(String, String)>,
    /// The fact base folder (default: the project's, `data`).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// The project's templates folder, over the built-in templates (default: `templates`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The "as of" date printed on the briefing and the PDF creation date
    /// (default: `SOURCE_DATE_EPOCH` if set, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// Open with "What is new since REV" and mark new and changed items (REV: a tag, branch,
    /// commit or date of the fact base's git history).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
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
    #[arg(long, value_name = "SIZE", default_value = "4GiB", value_parser = crate::batch::parse_size)]
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
    /// Paper size (default: `brief.toml`'s, else a4).
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Handling marking printed on every page, e.g. `UNCLASSIFIED` or `RESTRICTED`.
    #[arg(long, value_name = "TEXT")]
    pub marking: Option<String>,
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
    /// How to print problems: for people, or as JSON for editors and CI.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// The project's templates folder (default: `templates`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Copy the built-in files of template NAME (and the shared `brief.typ`) into the
    /// project's templates folder, to customise them.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    /// ISO A4 (210 × 297 mm).
    A4,
    /// US Letter (8.5 × 11 in).
    UsLetter,
}

impl Paper {
    /// The Typst paper name.
    pub fn typst_name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::UsLetter => "us-letter",
        }
    }
}

/// `YYYY-MM-DD` with a four-digit year, and a day that exists.
fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    let parts: Vec<&str> = text.split('-').collect();
    let shape = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape {
        return Err(format!(
            "`{text}` is not a date of the form YYYY-MM-DD (a four-digit year, e.g. 2024-11-04)"
        ));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a day of the calendar: check the month and the day"))
}

/// What the document should be, with every value checked.
#[derive(Debug, Clone)]
pub struct GenerateConfig {
    /// The project root (the Typst sandbox).
    pub root: PathBuf,
    pub template: String,
    pub params: Vec<(String, String)>,
    pub all: bool,
    pub data: PathBuf,
    pub templates: PathBuf,
    pub out: PathBuf,
    pub format: Format,
    /// Open the result in the system's viewer.
    pub open: bool,
    /// Write an email draft beside each PDF, for these recipients.
    pub email: Option<crate::email::Recipients>,
    /// Compare with this revision of the fact base's history.
    pub since: Option<String>,
    /// The memory budget of the run, in bytes.
    pub max_memory: u64,
    pub date: chrono::NaiveDate,
    pub paper: Paper,
    pub marking: Option<String>,
    pub standards: Vec<Standard>,
    /// Print stage timings at the end.
    pub timings: bool,
}

impl DocumentArgs {
    /// The fact base folder: the flag, else the project's.
    pub fn data(&self, project: &Project) -> PathBuf {
        self.data.clone().unwrap_or_else(|| project.data())
    }

    /// The project's templates folder: the flag, else the project's.
    pub fn templates(&self, project: &Project) -> PathBuf {
        self.templates
            .clone()
            .unwrap_or_else(|| project.templates())
    }
}

impl GenerateArgs {
    /// Checks the flags and fills in what they leave out from the project (`brief.toml`),
    /// else the defaults.
    pub fn check(self, project: &Project) -> Result<GenerateConfig, UsageError> {
        let defaults = &project.config.generate;
        let given = if self.pdf_standard.is_empty() {
            defaults.pdf_standard.clone()
        } else {
            self.pdf_standard
        };
        let out = self.out.unwrap_or_else(|| project.output());
        let format = output_format(self.format, &out, self.all, self.force)?;
        let mut standards: Vec<Standard> = Vec::new();
        for s in given {
            if standards.contains(&s) {
                return Err(UsageError::new(
                    "`--pdf-standard` names the same standard twice",
                ));
            }
            standards.push(s);
        }
        if !standards.is_empty() && format != Format::Pdf {
            return Err(UsageError::new(
                "`--pdf-standard` applies only to `--format pdf`",
            ));
        }
        if self.all && !out.is_dir() && out.extension().is_some() {
            return Err(UsageError::new(format!(
                "`--all` writes one file per document: `--out {}` must be a folder",
                out.display()
            )));
        }
        let marking = self.marking.or_else(|| defaults.marking.clone());
        if let Some(marking) = &marking
            && (marking.trim().is_empty() || marking.chars().count() > 80 || marking.contains('\n'))
        {
            return Err(UsageError::new(
                "`--marking` takes one line of at most 80 characters, e.g. `UNCLASSIFIED`",
            ));
        }
        let email = if self.email {
            if format != Format::Pdf {
                return Err(UsageError::new(
                    "`--email` attaches a PDF: leave out `--format`, or use `--format pdf`",
                ));
            }
            Some(crate::email::Recipients::resolve(
                &project.config.email,
                self.from.as_deref(),
                &self.to,
                &self.cc,
                self.reply_to.as_deref(),
            )?)
        } else {
            None
        };
        let doc = self.document;
        Ok(GenerateConfig {
            max_memory: self.max_memory,
            since: doc.since.clone(),
            email,
            data: doc.data(project),
            templates: doc.templates(project),
            root: project.root.clone(),
            template: doc.template,
            params: doc.params,
            all: self.all,
            out,
            format,
            open: self.open,
            date: as_of(doc.date)?,
            paper: self.paper.or(defaults.paper).unwrap_or(Paper::A4),
            marking,
            standards,
            timings: self.timings,
        })
    }
}

/// What to write: `--format`, else the extension of a file named by `--out`, else a PDF.
/// A `--format` that contradicts the file's extension is refused, and so is a file name whose
/// extension is not one of brief's (so that `--out README.md` never replaces a README with a
/// PDF) unless `--force`.
fn output_format(
    flag: Option<Format>,
    out: &std::path::Path,
    all: bool,
    force: bool,
) -> Result<Format, UsageError> {
    let file_ext = (!all && !out.is_dir())
        .then(|| out.extension().and_then(|e| e.to_str()))
        .flatten();
    let Some(ext) = file_ext else {
        return Ok(flag.unwrap_or(Format::Pdf));
    };
    let from_ext = <Format as ValueEnum>::value_variants()
        .iter()
        .copied()
        .find(|f| f.extension().eq_ignore_ascii_case(ext));
    match (flag, from_ext) {
        (Some(f), Some(e)) if f != e => Err(UsageError::new(format!(
            "`--format {}` does not match `--out {}`",
            f.extension(),
            out.display()
        ))
        .help(format!(
            "name the file `….{}`, or leave out `--format`: it follows the file's extension",
            f.extension()
        ))),
        (_, Some(e)) => Ok(e),
        (flag, None) if force => Ok(flag.unwrap_or(Format::Pdf)),
        (flag, None) => {
            let f = flag.unwrap_or(Format::Pdf);
            Err(UsageError::new(format!(
                "`--out {}` is not a .{} file: brief would write a {} into it",
                out.display(),
                f.extension(),
                f.extension().to_uppercase()
            ))
            .help(format!(
                "name it `….{}` (or .typ, .png, .svg for those formats), or add `--force` to write it anyway",
                f.extension()
            )))
        }
    }
}

/// The "as of" date: `--date`, else `SOURCE_DATE_EPOCH`, else today.
pub fn as_of(date: Option<chrono::NaiveDate>) -> Result<chrono::NaiveDate, UsageError> {
    if let Some(date) = date {
        return Ok(date);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch.trim().parse().map_err(|_| {
            UsageError::new(format!(
                "SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"
            ))
        })?;
        return chrono::DateTime::from_timestamp(seconds, 0)
            .map(|t| t.date_naive())
            .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
            .ok_or_else(|| {
                UsageError::new(format!(
                    "SOURCE_DATE_EPOCH=`{epoch}` is out of range: it must give a date in the years 1000 to 9999"
                ))
            });
    }
    Ok(chrono::Local::now().date_naive())
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
    fn defaults_follow_the_contract() {
        let cli =
            Cli::try_parse_from(["brief", "generate", "--template", "process-history"]).unwrap();
        let CliCommand::Generate(args) = cli.command else {
            panic!("not generate")
        };
        assert_eq!(args.format, None);
        let project = Project {
            root: PathBuf::from("/p"),
            here: false,
            file: None,
            config: Default::default(),
        };
        let config = args.check(&project).unwrap();
        assert_eq!(config.data, PathBuf::from("/p/data"));
        assert_eq!(config.templates, PathBuf::from("/p/templates"));
        assert_eq!(config.out, PathBuf::from("/p/output"));
        assert_eq!(config.paper, Paper::A4);
        assert_eq!(config.format, Format::Pdf);
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
    fn dates_have_four_digit_years_and_exist() {
        assert_eq!(
            parse_date("2024-11-04").unwrap(),
            chrono::NaiveDate::from_ymd_opt(2024, 11, 4).unwrap()
        );
        assert!(
            parse_date("25-01-01")
                .unwrap_err()
                .contains("four-digit year")
        );
        assert!(parse_date("2025-1-01").is_err());
        assert!(parse_date("+10000-01-01").is_err());
        assert!(
            parse_date("2025-02-30")
                .unwrap_err()
                .contains("not a day of the calendar")
        );
    }

    #[test]
    fn pdf_standards_are_a_checked_list() {
        let parse = |list: &str| {
            let cli = Cli::try_parse_from([
                "brief",
                "generate",
                "--template",
                "x",
                "--pdf-standard",
                list,
            ])
            .unwrap();
            let CliCommand::Generate(args) = cli.command else {
                panic!("not generate")
            };
            let project = Project {
                root: PathBuf::from("/p"),
                here: false,
                file: None,
                config: Default::default(),
            };
            args.check(&project)
        };
        let config = parse("a-2b,ua-1").unwrap();
        assert_eq!(config.standards, [Standard::A2b, Standard::Ua1]);
        assert!(parse("ua-1,ua-1").is_err());
    }
}
