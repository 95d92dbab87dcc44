//! `brief send`: reviewed drafts (`.eml`, from `generate --email`) → the SMTP server, or
//! with `--dry-run` who would get what. Every draft is read and checked before the first is
//! sent; each message is reported as sent only when the server accepted it.

use crate::diag::{self, Reported};
use crate::output::plural;
use crate::settings::SendConfig;
use crate::smtp::{self, Connection};
use crate::term;

pub fn run(config: &SendConfig) -> anyhow::Result<()> {
    let now = chrono::Utc::now().timestamp();
    let drafts = smtp::read_drafts(&config.files, now)?;
    let Some(server) = &config.server else {
        for d in &drafts {
            let attached: Vec<String> = d
                .attachments
                .iter()
                .map(|(name, size)| format!("{name} ({} KB)", size.div_ceil(1024)))
                .collect();
            crate::term::outln!("{}", d.path.display());
            crate::term::outln!("  from:       {}", d.from);
            crate::term::outln!("  to:         {}", d.recipients.join(", "));
            if !d.bcc.is_empty() {
                // In the envelope only: the message itself does not show them.
                crate::term::outln!("  bcc:        {}", d.bcc.join(", "));
            }
            crate::term::outln!("  subject:    {}", d.subject);
            crate::term::outln!("  attachment: {}", attached.join(", "));
        }
        return Ok(());
    };
    let connection = Connection::new(server)?;
    let mut failed = 0;
    for d in &drafts {
        match connection.send(d)? {
            Ok(()) => term::info(format!(
                "sent {} to {}{}",
                d.path.display(),
                d.recipients.join(", "),
                match d.bcc.len() {
                    0 => String::new(),
                    n => format!(" and {} in blind copy", plural(n, "address", "addresses")),
                }
            )),
            Err(reason) => {
                failed += 1;
                crate::term::errln!(
                    "{}: not sent: {} ({reason})",
                    diag::severity_word(diag::Severity::Error),
                    d.path.display()
                );
            }
        }
    }
    if failed > 0 {
        crate::term::errln!(
            "{} of {} sent",
            drafts.len() - failed,
            plural(drafts.len(), "message", "messages")
        );
        return Err(Reported.into());
    }
    Ok(())
}
