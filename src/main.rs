//! The `brief` binary: parse the command line, run, print any error once, exit.

use std::process::ExitCode;

use clap::Parser;

use brief::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match brief::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let (message, code) = brief::describe_error(&err);
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(code)
        }
    }
}
