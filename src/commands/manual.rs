//! `brief completions` and `brief man`: the shell completion script and the manual page,
//! both made from the command line's definition.

use crate::cli::Cli;
use crate::diag::UsageError;
use crate::term;

/// The script that registers brief's completion with `shell`: the shell then calls `brief`
/// back for each completion, so template names, parameters and their values (event ids,
/// country codes) come from the project at hand.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<()> {
    let name = shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| UsageError::new(format!("no completion for the shell `{name}`")))?;
    let mut script = Vec::new();
    completer.write_registration("COMPLETE", "brief", "brief", "brief", &mut script)?;
    term::out_bytes(&script)?;
    Ok(())
}

/// Prints brief's page, or `command`'s; with `dir`, writes every page there.
pub fn man(command: Option<&str>, dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let root = <Cli as clap::CommandFactory>::command().name("brief");
    let page = |cmd: clap::Command| -> anyhow::Result<Vec<u8>> {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        Ok(out)
    };
    // A command's page is titled `brief-NAME` and describes `brief NAME`.
    let sub_page = |sub: &clap::Command| {
        let name = format!("brief-{}", sub.get_name());
        sub.clone()
            .display_name(name)
            .bin_name(format!("brief {}", sub.get_name()))
    };
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| UsageError::new(format!("cannot create `{}` ({e})", dir.display())))?;
        let mut written = vec![dir.join("brief.1")];
        crate::output::write_atomic(&written[0], &page(root.clone())?)?;
        for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = dir.join(format!("brief-{}.1", sub.get_name()));
            crate::output::write_atomic(&path, &page(sub_page(sub))?)?;
            written.push(path);
        }
        term::info(format!(
            "wrote {} manual pages into {}",
            written.len(),
            dir.display()
        ));
        return Ok(());
    }
    let bytes = match command {
        None => page(root)?,
        Some(name) => {
            let Some(sub) = root.find_subcommand(name) else {
                let names: Vec<&str> = root.get_subcommands().map(|s| s.get_name()).collect();
                let mut err = UsageError::new(format!("brief has no command `{name}`"));
                if let Some(s) = crate::diag::did_you_mean(name, names.iter().copied()) {
                    err = err.help(format!("did you mean `{s}`?"));
                }
                return Err(err.help(format!("commands: {}", names.join(", "))).into());
            };
            page(sub_page(sub))?
        }
    };
    term::out_bytes(&bytes)?;
    Ok(())
}
