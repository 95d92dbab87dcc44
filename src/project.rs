//! Project: where a command runs → the project root, its folders and the defaults an office
//! sets once in `brief.toml`.
//!
//! In: the current folder (or `--project DIR`). Out: a [`Project`]. Like cargo with
//! `Cargo.toml`, brief looks for `brief.toml` in the current folder and then in each parent;
//! the folder holding it is the project root, and `data`, `templates`, `output` and the Typst
//! sandbox are relative to it. Without a `brief.toml` anywhere up the tree, the current
//! folder is the project, with the default folders.
//!
//! `brief.toml` (every key optional; unknown keys are errors):
//!
//! ```toml
//! [folders]
//! data = "data"             # the fact base
//! templates = "templates"   # the project's own templates (add to and override built-in ones)
//! output = "output"         # where documents are written
//! sources = "sources"       # the source texts excerpts are checked against (if it exists)
//! fonts = "fonts"           # fonts added to the embedded ones (if it exists)
//!
//! [generate]
//! paper = "a4"              # a4 | us-letter
//! marking = "UNCLASSIFIED"  # printed on every page
//! pdf-standard = ["a-2b"]   # PDF standards to conform to
//! lang = "en"               # the briefings' language(s): "en", "ru", "en,ru,fr"
//!
//! [email]                   # drafts made with `generate --email`
//! from = "Briefings Unit <briefings@example.org>"
//! to = ["desk@example.org"]
//! cc = []
//! reply-to = "briefings@example.org"
//!
//! [smtp]                    # the server `brief send` uses
//! host = "smtp.example.org"
//! port = 587
//! tls = "starttls"          # starttls | tls | none (none: only a server on this machine)
//! ```
//!
//! Command-line flags override the file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Location, Problem, Problems, SourceText, UsageError, did_you_mean};
use crate::options::TlsMode;
use crate::options::{Paper, Standard};

/// The name of the project file.
pub const PROJECT_FILE: &str = "brief.toml";

/// A project: its root folder and its settings.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project root, canonical.
    pub root: PathBuf,
    /// Whether the project root is the current folder: its folders are then named relative
    /// to it, as the user would type them (`output/x.pdf`).
    pub here: bool,
    /// The project file, when there is one.
    pub file: Option<PathBuf>,
    pub config: Config,
    /// The project file's name as messages show it, and its text, for naming where a
    /// setting is written.
    source: Option<(String, String)>,
}

/// The contents of `brief.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    #[serde(default)]
    pub folders: Folders,
    #[serde(default)]
    pub generate: GenerateDefaults,
    /// `[email]`: who drafts are from and for.
    #[serde(default)]
    pub email: EmailSettings,
    /// `[smtp]`: the server `brief send` uses.
    #[serde(default)]
    pub smtp: SmtpSettings,
}

/// `[folders]`: paths relative to the project root.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Folders {
    pub data: PathBuf,
    pub templates: PathBuf,
    pub output: PathBuf,
    /// The texts of the sources, to check excerpts against (when the folder exists).
    pub sources: PathBuf,
    /// Fonts added to the embedded ones (when the folder exists), e.g. for Chinese.
    pub fonts: PathBuf,
}

impl Default for Folders {
    fn default() -> Self {
        Self {
            data: "data".into(),
            templates: "templates".into(),
            output: "output".into(),
            sources: "sources".into(),
            fonts: "fonts".into(),
        }
    }
}

/// `[generate]`: defaults for `brief generate` an office sets once.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GenerateDefaults {
    pub paper: Option<Paper>,
    pub marking: Option<String>,
    /// Handling markings from lowest to highest: a briefing's banner is the highest of what it
    /// prints, and a lower `--marking` is refused.
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub pdf_standard: Vec<Standard>,
    /// The language of the briefings (a BCP 47 tag), or several, comma-separated.
    pub lang: Option<String>,
}

/// `[email]`: the addresses an office sends its briefings from and to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EmailSettings {
    pub from: Option<String>,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    pub reply_to: Option<String>,
}

/// `[smtp]`: the server `brief send` uses.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SmtpSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls: Option<TlsMode>,
    /// Seconds one message may take at most.
    pub timeout: Option<u64>,
}

impl Project {
    /// The project for a command: `explicit` (`--project DIR`), else the nearest folder from
    /// the current one upward that holds a `brief.toml`, else the current folder.
    pub fn discover(explicit: Option<&Path>) -> anyhow::Result<Project> {
        let cwd = std::env::current_dir()
            .and_then(|d| d.canonicalize())
            .map_err(|e| UsageError::new(format!("cannot read the current folder ({e})")))?;
        if let Some(dir) = explicit {
            let root = dir.canonicalize().map_err(|e| {
                UsageError::new(format!("`--project {}`: {e}", dir.display()))
                    .help("give the folder of a brief project (one with a `brief.toml`, or any folder to use as the project)")
            })?;
            if !root.is_dir() {
                return Err(UsageError::new(format!(
                    "`--project {}` is not a folder",
                    dir.display()
                ))
                .into());
            }
            let here = root == cwd;
            return Project::at(root, here);
        }
        match project_root(&cwd) {
            Some(root) => {
                // Found, not named: it must be the user's own (a `brief.toml` planted in a
                // shared folder above could redirect output, add recipients or name the SMTP
                // server that gets the user's credentials).
                trusted(&root.join(PROJECT_FILE))?;
                let here = root == cwd;
                Project::at(root, here)
            }
            None => Ok(Project {
                root: cwd,
                here: true,
                file: None,
                config: Config::default(),
                source: None,
            }),
        }
    }

    /// The project rooted at `root` (canonical), reading its `brief.toml` if there is one.
    fn at(root: PathBuf, here: bool) -> anyhow::Result<Project> {
        let path = root.join(PROJECT_FILE);
        if !path.is_file() {
            return Ok(Project {
                root,
                here,
                file: None,
                config: Config::default(),
                source: None,
            });
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Problems(vec![Problem::error(format!(
                "cannot read `{}` ({e})",
                path.display()
            ))])
        })?;
        let shown = if here {
            PathBuf::from(PROJECT_FILE)
        } else {
            path.clone()
        };
        let config = parse(&shown.display().to_string(), &text).map_err(|p| Problems(vec![*p]))?;
        Ok(Project {
            root,
            here,
            file: Some(path),
            config,
            source: Some((shown.display().to_string(), text)),
        })
    }

    /// The project at `root` with the project file `text` (for tests of the settings).
    #[cfg(test)]
    pub fn from_text(root: PathBuf, text: &str) -> Project {
        Project {
            file: Some(root.join(PROJECT_FILE)),
            config: parse(PROJECT_FILE, text).expect("a valid brief.toml"),
            source: Some((PROJECT_FILE.to_owned(), text.to_owned())),
            root,
            here: false,
        }
    }

    /// Where a setting is written, for a message about its value: "`brief.toml` line 12,
    /// `to` under `[email]`" (without the line when it cannot be found).
    pub fn where_is(&self, section: &str, key: &str) -> String {
        let Some((name, text)) = &self.source else {
            return format!("`{key}` under `[{section}]` in brief.toml");
        };
        let mut current = String::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
                current = header.trim().to_owned();
                continue;
            }
            let Some((k, _)) = line.split_once('=') else {
                continue;
            };
            if current == section && k.trim().trim_matches('"') == key {
                return format!("`{name}` line {}, `{key}` under `[{section}]`", i + 1);
            }
        }
        format!("`{name}`, `{key}` under `[{section}]`")
    }

    /// A folder of the project: relative when the project is the current folder.
    fn folder(&self, path: &Path) -> PathBuf {
        if self.here && path.is_relative() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        }
    }

    /// The fact base folder.
    pub fn data(&self) -> PathBuf {
        self.folder(&self.config.folders.data)
    }

    /// The project's templates folder (it need not exist: built-in templates are used then).
    pub fn templates(&self) -> PathBuf {
        self.folder(&self.config.folders.templates)
    }

    /// Where documents are written.
    pub fn output(&self) -> PathBuf {
        self.folder(&self.config.folders.output)
    }

    /// The folder of source texts, when the project has one.
    pub fn sources(&self) -> Option<PathBuf> {
        Some(self.folder(&self.config.folders.sources)).filter(|dir| dir.is_dir())
    }

    /// The folder of fonts added to the embedded ones, when the project has one.
    pub fn fonts(&self) -> Option<PathBuf> {
        Some(self.folder(&self.config.folders.fonts)).filter(|dir| dir.is_dir())
    }
}

/// Refuses a `brief.toml` found by searching (not named with `--project`) that belongs to
/// another user or that others may write, as git refuses a repository owned by someone else.
fn trusted(path: &Path) -> Result<(), UsageError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(()); // reported when it is read
        };
        // The effective user: the owner of this process's own /proc entry.
        let me = std::fs::metadata("/proc/self").map(|m| m.uid()).ok();
        let foreign = me.is_some_and(|uid| uid != meta.uid());
        let writable = meta.mode() & 0o002 != 0;
        if foreign || writable {
            let why = if foreign {
                "belongs to another user"
            } else {
                "can be changed by any user"
            };
            return Err(UsageError::new(format!(
                "`{}` {why}: it is not used",
                path.display()
            ))
            .help(format!(
                "a project file found above the current folder must be yours and not writable by others; to use this project anyway, name it: `--project {}`",
                path.parent().unwrap_or(Path::new(".")).display()
            )));
        }
    }
    let _ = path;
    Ok(())
}

/// The nearest folder from `start` upward that holds a `brief.toml`.
pub fn project_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(PROJECT_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Parses the text of a `brief.toml`; a problem names the file, line and key.
pub fn parse(name: &str, text: &str) -> Result<Config, Box<Problem>> {
    toml::from_str::<Config>(text).map_err(|err| {
        let file = SourceText::new(name, text);
        let message = err.message().trim_end_matches('\n').to_owned();
        let mut problem = match unknown_key(&message) {
            Some((key, expected)) => {
                let mut p = Problem::error(format!("unknown key `{key}` in {PROJECT_FILE}"));
                if let Some(s) = did_you_mean(&key, expected.iter().map(String::as_str)) {
                    p = p.help(format!("did you mean `{s}`?"));
                }
                p.help(format!("keys here: {}", expected.join(", ")))
            }
            None => Problem::error(format!("{PROJECT_FILE}: {message}")),
        };
        if let Some(range) = err.span() {
            problem = problem.at(Location { file, range });
        }
        Box::new(problem.help("see the `brief.toml` section of the README for every key"))
    })
}

/// `unknown field `papr`, expected one of `paper`, `marking`` → (`papr`, [paper, marking]).
fn unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((key.to_owned(), expected))
}

/// A value that clap knows by name (`a4`, `a-2b`) read from TOML by the same name.
macro_rules! deserialize_by_value_name {
    ($ty:ty) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                use clap::ValueEnum;
                let text = String::deserialize(d)?;
                <$ty>::from_str(&text, false).map_err(|_| {
                    let names: Vec<String> = <$ty>::value_variants()
                        .iter()
                        .filter_map(|v| v.to_possible_value())
                        .map(|v| format!("`{}`", v.get_name()))
                        .collect();
                    serde::de::Error::custom(format!("`{text}` is not one of {}", names.join(", ")))
                })
            }
        }
    };
}

deserialize_by_value_name!(Paper);
deserialize_by_value_name!(Standard);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let config = parse("brief.toml", "").unwrap();
        assert_eq!(config.folders.data, PathBuf::from("data"));
        assert!(config.generate.paper.is_none());
    }

    #[test]
    fn keys_are_read_into_types() {
        let config = parse(
            "brief.toml",
            "[folders]\ndata = \"facts\"\n[generate]\npaper = \"us-letter\"\nmarking = \"RESTRICTED\"\npdf-standard = [\"a-2b\", \"ua-1\"]\n",
        )
        .unwrap();
        assert_eq!(config.folders.data, PathBuf::from("facts"));
        assert_eq!(config.folders.output, PathBuf::from("output"));
        assert_eq!(config.generate.paper, Some(Paper::UsLetter));
        assert_eq!(config.generate.pdf_standard, [Standard::A2b, Standard::Ua1]);
    }

    #[test]
    fn an_unknown_key_names_its_line_and_the_closest_key() {
        let problem =
            parse("brief.toml", "[generate]\npaper = \"a4\"\npapr = \"a4\"\n").unwrap_err();
        let text = problem.render();
        assert!(text.contains("unknown key `papr`"), "{text}");
        assert!(text.contains("brief.toml:3:"), "{text}");
        assert!(text.contains("did you mean `paper`?"), "{text}");
    }

    #[test]
    fn a_bad_value_lists_the_accepted_ones() {
        let problem = parse("brief.toml", "[generate]\npaper = \"a5\"\n").unwrap_err();
        let text = problem.render();
        assert!(
            text.contains("`a5` is not one of `a4`, `us-letter`"),
            "{text}"
        );
        assert!(text.contains("brief.toml:2:"), "{text}");
    }
}
