//! Commands: one file per command, each `run` taking the configuration `settings` decided
//! and calling the stages (or the `pipeline` of stages) below it. A command owns what it
//! prints: results and progress to stderr, data to stdout.

pub mod check;
pub mod context;
pub mod diff;
pub mod generate;
pub mod init;
pub mod manual;
pub mod preview;
pub mod schema;
pub mod send;
pub mod templates;
pub mod trace;
pub mod watch;
