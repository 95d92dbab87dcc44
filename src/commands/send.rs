//! `brief send`: reviewed drafts (`.eml`, from `generate --email`) → the SMTP server, or
//! with `--dry-run` who would get what. Every draft is read and checked before the first is
//! sent; each message is reported as sent only when the server accepted it.

use crate::diag::{self, Reported};
use crate::output::plural;
use crate::settings::SendConfig;
use crate::smtp::{self, Connection};
use crate::term;

pub fn run(config: &SendConfig) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let drafts = smtp::read_drafts(&config.files, now.timestamp())?;
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
            if let Some(before) = &d.sent_before {
                crate::term::outln!("  already:    {before} (skipped unless `--resend`)");
            }
        }
        return Ok(());
    };
    // Drafts sent before (a record beside them) are skipped unless asked again, so a run
    // repeated after a partial failure does not send the delivered ones twice.
    let (skipped, to_send): (Vec<_>, Vec<_>) = drafts
        .iter()
        .partition(|d| d.sent_before.is_some() && !config.resend);
    for d in &skipped {
        term::info(format!(
            "skipped {}: {} (give `--resend` to send it again)",
            d.path.display(),
            d.sent_before.as_deref().unwrap_or("sent before")
        ));
    }
    if to_send.is_empty() {
        return Ok(());
    }
    let connection = Connection::new(server)?;
    let mut failed = 0;
    let stamp = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for d in &to_send {
        match connection.send(d) {
            Ok(()) => {
                term::info(format!(
                    "sent {} to {}{}",
                    d.path.display(),
                    d.recipients.join(", "),
                    match d.bcc.len() {
                        0 => String::new(),
                        n => format!(" and {} in blind copy", plural(n, "address", "addresses")),
                    }
                ));
                if let Err(e) = smtp::record_sent(d, &stamp) {
                    crate::term::errln!(
                        "{}: sent, but the record beside {} could not be written ({e}): a second run would send it again",
                        diag::severity_word(diag::Severity::Warning),
                        d.path.display()
                    );
                }
            }
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
    let skipped_text = match skipped.len() {
        0 => String::new(),
        n => format!("; {n} skipped as sent before"),
    };
    if failed > 0 {
        crate::term::errln!(
            "{} of {} sent{skipped_text}",
            to_send.len() - failed,
            plural(to_send.len(), "message", "messages")
        );
        return Err(Reported.into());
    }
    if to_send.len() > 1 || !skipped.is_empty() {
        term::info(format!(
            "{} of {} sent{skipped_text}",
            to_send.len(),
            plural(to_send.len(), "message", "messages")
        ));
    }
    Ok(())
}
