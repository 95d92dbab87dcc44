//! The `brief` binary: parse the command line, run, print any error once, exit.

use std::process::ExitCode;

use clap::Parser;

use brief::cli::Cli;
use brief::diag::{Problems, UsageError};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match brief::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(problems) = err.downcast_ref::<Problems>() {
                eprint!("{problems}");
                if !problems.to_string().ends_with('\n') {
                    eprintln!();
                }
                return ExitCode::from(1);
            }
            if let Some(usage) = err.downcast_ref::<UsageError>() {
                eprintln!("error: {usage}");
                return ExitCode::from(2);
            }
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(1)
        }
    }
}
