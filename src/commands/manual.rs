//! `brief completions` and `brief man`: the shell completion script and the manual page,
//! both made from the command line's definition.

use crate::cli::Cli;
use crate::term;

pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "brief", &mut script);
    term::out_bytes(&script)?;
    Ok(())
}

pub fn man() -> anyhow::Result<()> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    term::out_bytes(&page)?;
    Ok(())
}
