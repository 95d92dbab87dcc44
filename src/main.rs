//! The `brief` binary: parse the command line, run, print any error once, exit.

use std::process::ExitCode;

use clap::Parser;

use brief::Cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A bug must still end in a readable message and exit status 1, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        brief::term::err(format!(
            "error: internal error in brief{location}; nothing was written. Please report it."
        ));
    }));
    // Called back by the shell to complete a command line (`COMPLETE=bash brief -- …`).
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = Cli::parse();
    // Typst parallelises its own work on rayon's global pool: give those threads the stack
    // deeply nested documents need (see `brief::STACK_SIZE`).
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(brief::STACK_SIZE)
        .build_global();
    // Run on a thread with a large stack: see `brief::STACK_SIZE`.
    let worker = std::thread::Builder::new()
        .name("brief".into())
        .stack_size(brief::STACK_SIZE)
        .spawn(move || brief::run(cli));
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
                brief::term::err(message);
            }
            ExitCode::from(code)
        }
    }
}
