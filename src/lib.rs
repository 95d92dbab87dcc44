//! `brief` turns a curated, source-cited fact base into print-ready briefings.
//!
//! The pipeline runs in one direction, one stage per module:
//!
//! ```text
//! data/*.yaml ─facts─▶ FactBase ─context─▶ JSON ─render─▶ Typst source ─compile─▶ PDF ─output─▶ file
//! ```
//!
//! On top: `cli` (clap's definition), `settings` (flags, `brief.toml` and defaults decided
//! once), `commands` (one file per command) and `pipeline` (the stages chained for a
//! document). [`run`] hands the decided command to its file and does nothing else.

mod bidi;
mod changes;
mod cli;
mod commands;
mod compile;
mod complete;
mod context;
mod diag;
mod email;
mod facts;
pub mod harness;
mod history;
mod memory;
mod options;
mod output;
mod pipeline;
mod preview;
mod project;
mod render;
mod schema;
mod settings;
mod smtp;
mod svg;
mod templates;
pub mod term;
mod threads;
mod timings;
mod trace;
mod words;
mod world;
mod yaml;

pub use cli::Cli;
pub use diag::describe as describe_error;
pub use threads::STACK_SIZE;

use settings::Command;

/// Runs one command. Messages for the user go to stderr; data (JSON, lists) to stdout.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    term::set_output(cli.color, cli.quiet);
    match settings::resolve(cli)? {
        Command::Generate(config) => commands::generate::run(&config),
        Command::Watch(config) => commands::watch::run(&config),
        Command::Preview(config) => commands::preview::run(&config),
        Command::Check(config) => commands::check::run(&config),
        Command::Templates(config) => commands::templates::run(&config),
        Command::Context(config) => commands::context::run(&config),
        Command::Trace(config) => commands::trace::run(&config),
        Command::Init(dir) => commands::init::create(&dir),
        Command::Schema(kind) => commands::schema::run(kind.as_deref()),
        Command::Completions(shell) => commands::manual::completions(shell),
        Command::Man(args) => commands::manual::man(args.command.as_deref(), args.dir.as_deref()),
        Command::Send(config) => commands::send::run(&config),
        Command::Diff(config) => commands::diff::run(&config),
    }
}
