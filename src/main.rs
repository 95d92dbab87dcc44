//! The `brief` binary: parse the command line, run, print any error once, exit.

use std::process::ExitCode;

use clap::Parser;

use brief::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Run on a thread with a large stack: see `brief::STACK_SIZE`.
    let worker = std::thread::Builder::new()
        .name("brief".into())
        .stack_size(brief::STACK_SIZE)
        .spawn(move || brief::run(cli.command));
    let result = match worker {
        Ok(handle) => handle.join().unwrap_or_else(|_| {
            Err(anyhow::anyhow!(
                "internal error: the run stopped unexpectedly"
            ))
        }),
        Err(err) => Err(anyhow::anyhow!("cannot start a thread ({err})")),
    };
    match result {
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
