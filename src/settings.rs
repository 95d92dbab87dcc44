//! Settings: the one place where command-line flags, `brief.toml` and the defaults meet.
//!
//! In: the parsed command line ([`Cli`]). Out: the [`Command`] to run, with every value
//! decided — the flag, else the project's `brief.toml`, else the default — and checked. The
//! commands and the stages below them never look at flags or at `brief.toml` themselves.

use std::path::{Path, PathBuf};

use crate::cli::{Cli, CliCommand, DocumentArgs, GenerateArgs, SendArgs};
use crate::diag::UsageError;
use crate::email::Recipients;
use crate::options::{Format, Paper, ReportFormat, Standard, TlsMode};
use crate::project::Project;
use crate::smtp::Server;

/// A command with everything it needs decided.
pub enum Command {
    Generate(GenerateConfig),
    Watch(WatchConfig),
    Preview(PreviewConfig),
    Check(CheckConfig),
    Templates(TemplatesConfig),
    Context(DocumentConfig),
    Trace(TraceConfig),
    Init(PathBuf),
    Schema(Option<String>),
    Completions(clap_complete::Shell),
    Man(crate::cli::ManArgs),
    Send(SendConfig),
    Diff(DiffConfig),
}

/// What document to make, for every command that makes or shows one.
#[derive(Debug, Clone)]
pub struct DocumentConfig {
    /// The project root (the Typst sandbox).
    pub root: PathBuf,
    pub template: String,
    pub params: Vec<(String, String)>,
    pub data: PathBuf,
    pub templates: PathBuf,
    /// The "as of" date.
    pub date: chrono::NaiveDate,
    /// Compare with this revision of the fact base's history.
    pub since: Option<String>,
    pub paper: Paper,
    pub marking: Option<String>,
    /// Handling markings from lowest to highest (`[generate] levels`).
    pub levels: Vec<String>,
    /// The languages asked for (BCP 47 tags, checked), one document each; none: the issuer's
    /// language, else English.
    pub langs: Vec<String>,
    /// The project's fonts folder, when it has one.
    pub fonts: Option<PathBuf>,
    /// The texts of the sources: every excerpt is checked against them before a document is
    /// made (the project's `sources` folder, when it has one).
    pub sources: Option<PathBuf>,
}

/// `generate` (and each rebuild of `watch`).
#[derive(Debug, Clone)]
pub struct GenerateConfig {
    pub document: DocumentConfig,
    pub all: bool,
    pub out: PathBuf,
    pub format: Format,
    /// Open the result in the system's viewer.
    pub open: bool,
    /// Write an email draft beside each PDF, for these recipients.
    pub email: Option<Recipients>,
    /// The memory budget of the run, in bytes.
    pub max_memory: u64,
    pub standards: Vec<Standard>,
    /// Print stage timings at the end.
    pub timings: bool,
}

/// `watch`: `generate`'s configuration and the project file to watch besides.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    pub generate: GenerateConfig,
    pub project_file: Option<PathBuf>,
}

/// `preview`: `watch`'s configuration (one PDF document) and how to serve it.
#[derive(Debug, Clone)]
pub struct PreviewConfig {
    pub watch: WatchConfig,
    pub port: Option<u16>,
    pub json: bool,
    pub editor_url: Option<String>,
}

/// `trace`: the document is made as `generate` would make a PDF of it, and not written.
#[derive(Debug, Clone)]
pub struct TraceConfig {
    pub generate: GenerateConfig,
    /// Every document of the template (one per value of its parameter).
    pub all: bool,
    pub format: ReportFormat,
}

/// `check`.
#[derive(Debug, Clone)]
pub struct CheckConfig {
    pub data: PathBuf,
    pub sources: Option<PathBuf>,
    /// Warnings are errors; every figure, participation and statement quotes its source.
    pub strict: bool,
    /// Catalogs of words to check: `--lang`, else `[generate] lang` (checked tags).
    pub langs: Vec<String>,
    /// List what each lacks (asked for with `--lang`).
    pub lacking: bool,
    /// The project's templates folder (its `words/` overrides the built-in catalogs).
    pub templates: PathBuf,
    pub format: ReportFormat,
}

/// `templates`: list them, or copy one into the project.
#[derive(Debug, Clone)]
pub struct TemplatesConfig {
    pub dir: PathBuf,
    pub copy: Option<String>,
    /// The project root: `--copy` writes only inside it.
    pub root: PathBuf,
}

/// `send`: the drafts, and the server unless it is a dry run.
#[derive(Debug, Clone)]
pub struct SendConfig {
    pub files: Vec<PathBuf>,
    pub server: Option<Server>,
    /// Send drafts recorded as sent, again.
    pub resend: bool,
}

/// `diff`.
#[derive(Debug, Clone)]
pub struct DiffConfig {
    pub data: PathBuf,
    pub rev: String,
    pub format: ReportFormat,
}

/// Decides every setting of the command `cli` names.
pub fn resolve(cli: Cli) -> anyhow::Result<Command> {
    let explicit = cli.project;
    let project = || Project::discover(explicit.as_deref());
    Ok(match cli.command {
        CliCommand::Generate(args) => Command::Generate(generate(args, &project()?)?),
        CliCommand::Watch(args) => {
            let project = project()?;
            Command::Watch(WatchConfig {
                generate: generate(args, &project)?,
                project_file: project.file,
            })
        }
        CliCommand::Preview(args) => {
            let project = project()?;
            let generate = generate(args.generate, &project)?;
            if generate.all {
                return Err(
                    UsageError::new("`preview` shows one document: `--all` is not for it")
                        .help(
                            "give the template's parameter with `--param`, e.g. `--param event=ID`",
                        )
                        .into(),
                );
            }
            if generate.email.is_some() {
                return Err(UsageError::new(
                    "`preview` writes no email drafts: `--email` is not for it",
                )
                .into());
            }
            if generate.format != Format::Pdf {
                return Err(UsageError::new(format!(
                    "`preview` shows the PDF's pages: `--format {}` is not for it",
                    generate.format.extension()
                ))
                .into());
            }
            if let Some(url) = &args.editor_url
                && !url.contains("{file}")
            {
                return Err(
                    UsageError::new(format!("`--editor-url {url}` has no `{{file}}`"))
                        .help("e.g. `vscode://file/{file}:{line}:{column}`")
                        .into(),
                );
            }
            Command::Preview(PreviewConfig {
                watch: WatchConfig {
                    generate,
                    project_file: project.file,
                },
                port: args.port,
                json: args.json,
                editor_url: args.editor_url,
            })
        }
        CliCommand::Check(args) => {
            let project = project()?;
            Command::Check(CheckConfig {
                data: data_folder(args.data, &project)?,
                sources: args.sources.or_else(|| project.sources()),
                strict: args.strict,
                lacking: !args.lang.is_empty(),
                langs: languages(args.lang, &project)?,
                templates: project.templates(),
                format: args.format,
            })
        }
        CliCommand::Templates(args) => {
            let project = project()?;
            Command::Templates(TemplatesConfig {
                dir: args.templates.unwrap_or_else(|| project.templates()),
                copy: args.copy,
                root: project.root,
            })
        }
        CliCommand::Context(args) => Command::Context(document(args.document, &project()?)?),
        CliCommand::Trace(args) => {
            let project = project()?;
            let mut document = document(args.document, &project)?;
            document.sources = args.sources.or(document.sources);
            Command::Trace(TraceConfig {
                generate: GenerateConfig {
                    document,
                    all: false,
                    out: project.output(),
                    format: Format::Pdf,
                    open: false,
                    email: None,
                    max_memory: args.max_memory,
                    standards: Vec::new(),
                    timings: false,
                },
                all: args.all,
                format: args.format,
            })
        }
        CliCommand::Init(args) => Command::Init(args.dir),
        CliCommand::Schema(args) => Command::Schema(args.kind),
        CliCommand::Completions(args) => Command::Completions(args.shell),
        CliCommand::Man(args) => Command::Man(args),
        CliCommand::Send(args) => Command::Send(send(args, &project()?)?),
        CliCommand::Diff(args) => Command::Diff(DiffConfig {
            data: data_folder(args.data, &project()?)?,
            rev: args.rev,
            format: args.format,
        }),
    })
}

/// The fact base folder: the flag, else the project's. Outside any project (no `brief.toml`
/// here or above) and with no fact base folder here, says so and how to start one.
fn data_folder(flag: Option<PathBuf>, project: &Project) -> Result<PathBuf, UsageError> {
    if let Some(dir) = flag {
        return Ok(dir);
    }
    let data = project.data();
    if project.file.is_none() && !data.exists() {
        return Err(UsageError::new(format!(
            "no `brief.toml` was found in `{}` or any folder above it, and there is no fact base folder `{}` here",
            project.root.display(),
            data.display()
        ))
        .help("start a project with `brief init` (here) or `brief init DIR`, run brief inside a project, or give the fact base with `--data DIR`"));
    }
    Ok(data)
}

/// The document options: flags, else `brief.toml`'s `[generate]`, else the defaults.
fn document(args: DocumentArgs, project: &Project) -> Result<DocumentConfig, UsageError> {
    let defaults = &project.config.generate;
    let from_file = args.marking.is_none();
    let marking = args.marking.or_else(|| defaults.marking.clone());
    if let Some(marking) = &marking
        && (marking.trim().is_empty() || marking.chars().count() > 80 || marking.contains('\n'))
    {
        let what = if from_file {
            project.where_is("generate", "marking")
        } else {
            "`--marking`".to_owned()
        };
        return Err(UsageError::new(format!(
            "{what}: a marking is one line of at most 80 characters, e.g. `UNCLASSIFIED`"
        )));
    }
    Ok(DocumentConfig {
        root: project.root.clone(),
        data: data_folder(args.data, project)?,
        templates: args.templates.unwrap_or_else(|| project.templates()),
        template: args.template,
        params: args.params,
        date: as_of(args.date)?,
        since: args.since,
        paper: args.paper.or(defaults.paper).unwrap_or(Paper::A4),
        marking,
        levels: defaults.levels.clone(),
        langs: languages(args.lang, project)?,
        fonts: project.fonts(),
        sources: project.sources(),
    })
}

/// The languages asked for: `--lang`, else `[generate] lang`; each a BCP 47 tag, none twice.
fn languages(flag: Vec<String>, project: &Project) -> Result<Vec<String>, UsageError> {
    let from_file = flag.is_empty();
    let given: Vec<String> = if from_file {
        project
            .config
            .generate
            .lang
            .as_deref()
            .map(|l| l.split(',').map(str::to_owned).collect())
            .unwrap_or_default()
    } else {
        flag
    };
    let what = || {
        if from_file {
            project.where_is("generate", "lang")
        } else {
            "`--lang`".to_owned()
        }
    };
    let mut out: Vec<String> = Vec::new();
    for text in given {
        let tag = crate::words::Tag::parse(&text)
            .map_err(|e| UsageError::new(format!("{}: {e}", what())))?;
        if out.contains(&tag.text) {
            return Err(UsageError::new(format!(
                "{}: `{}` is named twice",
                what(),
                tag.text
            )));
        }
        out.push(tag.text);
    }
    Ok(out)
}

/// `generate`'s options: flags, else `brief.toml`, else the defaults; every value checked.
fn generate(args: GenerateArgs, project: &Project) -> Result<GenerateConfig, UsageError> {
    let out = args.out.unwrap_or_else(|| project.output());
    let document = document(args.document, project)?;
    // Several languages make several files, as `--all` does: `--out` is a folder then.
    let several = args.all || document.langs.len() > 1;
    if document.langs.len() > 1 && !out.is_dir() && out.extension().is_some() {
        return Err(UsageError::new(format!(
            "`--lang {}` makes one document per language, but `--out {}` names one file",
            document.langs.join(","),
            out.display()
        ))
        .help("give a folder with `--out DIR`: the documents are named `NAME.TAG.pdf`"));
    }
    let format = output_format(args.format, &out, several, args.force)?;
    let given = if args.pdf_standard.is_empty() {
        project.config.generate.pdf_standard.clone()
    } else {
        args.pdf_standard
    };
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
    if args.all && !out.is_dir() && out.extension().is_some() {
        return Err(UsageError::new(format!(
            "`--all` writes one file per document: `--out {}` must be a folder",
            out.display()
        )));
    }
    let email = if args.email {
        if format != Format::Pdf {
            return Err(UsageError::new(
                "`--email` attaches a PDF: leave out `--format`, or use `--format pdf`",
            ));
        }
        let toml = &project.config.email;
        // Where each value came from, for the message about a bad one: the flag, or the
        // line of brief.toml.
        let one = |flag: &str, key: &str, given: Option<String>, set: &Option<String>| {
            given
                .map(|t| (format!("`{flag}`"), t))
                .or_else(|| set.clone().map(|t| (project.where_is("email", key), t)))
        };
        let many = |flag: &str, key: &str, given: Vec<String>, set: &[String]| {
            if given.is_empty() {
                (project.where_is("email", key), set.to_vec())
            } else {
                (format!("`{flag}`"), given)
            }
        };
        let from = one("--from", "from", args.from, &toml.from);
        let reply_to = one("--reply-to", "reply-to", args.reply_to, &toml.reply_to);
        let to = many("--to", "to", args.to, &toml.to);
        let cc = many("--cc", "cc", args.cc, &toml.cc);
        Some(Recipients::parse(
            from.as_ref().map(|(f, t)| (f.as_str(), t.as_str())),
            (&to.0, &to.1),
            (&cc.0, &cc.1),
            reply_to.as_ref().map(|(f, t)| (f.as_str(), t.as_str())),
        )?)
    } else {
        None
    };
    Ok(GenerateConfig {
        document,
        all: args.all,
        out,
        format,
        open: args.open,
        email,
        max_memory: args.max_memory,
        standards,
        timings: args.timings,
    })
}

/// `send`'s server: flags, else `[smtp]` in `brief.toml`, else the defaults (STARTTLS on
/// its usual port). None for a dry run.
fn send(args: SendArgs, project: &Project) -> Result<SendConfig, UsageError> {
    let server = if args.dry_run {
        None
    } else {
        let toml = &project.config.smtp;
        let host = args.smtp_host.or_else(|| toml.host.clone()).ok_or_else(|| {
            UsageError::new(
                "no SMTP server: give `--smtp-host HOST`, or `host` under `[smtp]` in brief.toml",
            )
        })?;
        let tls = args.smtp_tls.or(toml.tls).unwrap_or(TlsMode::Starttls);
        let port = args.smtp_port.or(toml.port).unwrap_or(tls.default_port());
        let deadline = match args.smtp_timeout.or(toml.timeout) {
            Some(0) => {
                return Err(UsageError::new(
                    "`timeout` under `[smtp]` in brief.toml must be at least 1 (seconds)",
                ));
            }
            Some(s) => std::time::Duration::from_secs(s),
            None => crate::smtp::DEFAULT_DEADLINE,
        };
        Some(Server::new(host, port, tls, deadline)?)
    };
    Ok(SendConfig {
        files: args.files,
        resend: args.resend,
        server,
    })
}

/// What to write: `--format`, else the extension of a file named by `--out`, else a PDF.
/// A `--format` that contradicts the file's extension is refused, and so is a file name whose
/// extension is not one of brief's (so that `--out README.md` never replaces a README with a
/// PDF) unless `--force`.
fn output_format(
    flag: Option<Format>,
    out: &Path,
    all: bool,
    force: bool,
) -> Result<Format, UsageError> {
    let file_ext = (!all && !out.is_dir())
        .then(|| out.extension().and_then(|e| e.to_str()))
        .flatten();
    let Some(ext) = file_ext else {
        return Ok(flag.unwrap_or(Format::Pdf));
    };
    let from_ext = <Format as clap::ValueEnum>::value_variants()
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
fn as_of(date: Option<chrono::NaiveDate>) -> Result<chrono::NaiveDate, UsageError> {
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
    use clap::Parser;

    fn project(toml: &str) -> Project {
        Project::from_text(PathBuf::from("/p"), toml)
    }

    fn resolved(args: &[&str], project: &Project) -> Result<Command, UsageError> {
        let cli = Cli::try_parse_from(args).unwrap();
        Ok(match cli.command {
            CliCommand::Generate(a) => Command::Generate(generate(a, project)?),
            CliCommand::Context(a) => Command::Context(document(a.document, project)?),
            CliCommand::Send(a) => Command::Send(send(a, project)?),
            _ => unreachable!("not a command these tests resolve"),
        })
    }

    fn generate_config(args: &[&str], project: &Project) -> GenerateConfig {
        match resolved(args, project).unwrap() {
            Command::Generate(c) => c,
            _ => panic!("not generate"),
        }
    }

    #[test]
    fn defaults_follow_the_contract() {
        let config = generate_config(
            &["brief", "generate", "--template", "process-history"],
            &project(""),
        );
        assert_eq!(config.document.data, PathBuf::from("/p/data"));
        assert_eq!(config.document.templates, PathBuf::from("/p/templates"));
        assert_eq!(config.out, PathBuf::from("/p/output"));
        assert_eq!(config.document.paper, Paper::A4);
        assert_eq!(config.format, Format::Pdf);
    }

    /// `context` shows what the template receives: the same paper and marking as
    /// `generate`, from `brief.toml` when no flag is given.
    #[test]
    fn context_and_generate_follow_brief_toml_alike() {
        let p = project("[generate]\npaper = \"us-letter\"\nmarking = \"RESTRICTED\"\n");
        let Command::Context(context) =
            resolved(&["brief", "context", "--template", "t"], &p).unwrap()
        else {
            panic!("not context")
        };
        let generate = generate_config(&["brief", "generate", "--template", "t"], &p);
        assert_eq!(context.paper, Paper::UsLetter);
        assert_eq!(context.marking.as_deref(), Some("RESTRICTED"));
        assert_eq!(generate.document.paper, context.paper);
        assert_eq!(generate.document.marking, context.marking);
        let flagged = generate_config(
            &[
                "brief",
                "generate",
                "--template",
                "t",
                "--paper",
                "a4",
                "--marking",
                "X",
            ],
            &p,
        );
        assert_eq!(flagged.document.paper, Paper::A4);
        assert_eq!(flagged.document.marking.as_deref(), Some("X"));
    }

    #[test]
    fn pdf_standards_are_a_checked_list() {
        let parse = |list: &str| {
            resolved(
                &[
                    "brief",
                    "generate",
                    "--template",
                    "x",
                    "--pdf-standard",
                    list,
                ],
                &project(""),
            )
        };
        let Ok(Command::Generate(config)) = parse("a-2b,ua-1") else {
            panic!("not generate")
        };
        assert_eq!(config.standards, [Standard::A2b, Standard::Ua1]);
        assert!(parse("ua-1,ua-1").is_err());
        let from_toml = generate_config(
            &["brief", "generate", "--template", "x"],
            &project("[generate]\npdf-standard = [\"a-2b\"]\n"),
        );
        assert_eq!(from_toml.standards, [Standard::A2b]);
    }

    #[test]
    fn email_addresses_come_from_flags_else_brief_toml() {
        let p = project("[email]\nfrom = \"Desk <desk@example.org>\"\nto = [\"a@example.org\"]\n");
        let config = generate_config(&["brief", "generate", "-t", "x", "--email"], &p);
        let r = config.email.unwrap();
        assert_eq!(r.from.unwrap().email, "desk@example.org");
        assert_eq!(r.to[0].email, "a@example.org");
        let config = generate_config(
            &[
                "brief",
                "generate",
                "-t",
                "x",
                "--email",
                "--to",
                "b@example.org",
            ],
            &p,
        );
        assert_eq!(config.email.unwrap().to[0].email, "b@example.org");
        let bad = resolved(
            &["brief", "generate", "-t", "x", "--email", "--to", "b@"],
            &p,
        );
        assert!(bad.is_err_and(|e| e.to_string().contains("--to")));
    }

    #[test]
    fn the_smtp_server_comes_from_flags_else_brief_toml_else_defaults() {
        let p = project("[smtp]\nhost = \"mail.example.org\"\n");
        let server = |args: &[&str]| match resolved(args, &p).unwrap() {
            Command::Send(c) => c.server,
            _ => panic!("not send"),
        };
        let s = server(&["brief", "send", "x.eml"]).unwrap();
        assert_eq!(
            (s.host.as_str(), s.port, s.tls),
            ("mail.example.org", 587, TlsMode::Starttls)
        );
        let s = server(&["brief", "send", "x.eml", "--smtp-tls", "tls"]).unwrap();
        assert_eq!(s.port, 465);
        assert!(server(&["brief", "send", "x.eml", "--dry-run"]).is_none());
        assert!(resolved(&["brief", "send", "x.eml", "--smtp-tls", "none"], &p).is_err());
    }

    #[test]
    fn as_of_is_the_flag_else_today() {
        let day = crate::facts::parse_day("2024-11-04").unwrap();
        assert_eq!(as_of(Some(day)).unwrap(), day);
    }
}
