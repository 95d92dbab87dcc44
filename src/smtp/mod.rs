//! SMTP: reviewed drafts (`.eml`, from `generate --email`) → an SMTP server.
//!
//! Sending (`lettre`, SMTP with STARTTLS, TLS, or plain on a loopback host only) removes
//! `X-Unsent`, sets `Date` to the time of sending, and reports each message as sent only
//! when the server accepted it. The user name and password come only from the environment
//! (`BRIEF_SMTP_USER`, `BRIEF_SMTP_PASSWORD`). Every draft is read and checked before the
//! first message goes out. Every connection goes through a [`guard::Guard`] that bounds the
//! size of the server's replies and the time each message may take.

mod guard;

use std::path::PathBuf;
use std::time::Duration;

use mail_parser::MimeHeaders;

use crate::diag::{Problem, Problems, UsageError};
use crate::email::parse_address;
use crate::options::TlsMode;

/// The server to send to.
#[derive(Debug, Clone)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// The most one message may take, from connecting to the server's last reply.
    pub deadline: Duration,
}

/// How long a message may take by default (`--smtp-timeout`, `[smtp] timeout`).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

impl Server {
    /// A server to send to; plain SMTP (`TlsMode::None`) only to this machine.
    pub fn new(
        host: String,
        port: u16,
        tls: TlsMode,
        deadline: Duration,
    ) -> Result<Server, UsageError> {
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if tls == TlsMode::None && !loopback {
            return Err(UsageError::new(format!(
                "`--smtp-tls none` sends unencrypted: allowed only for a server on this machine, not `{host}`"
            ))
            .help("use `starttls` (the default) or `tls`"));
        }
        Ok(Server {
            host,
            port,
            tls,
            deadline,
        })
    }
}

/// A draft read back for sending.
pub struct Outgoing {
    pub path: PathBuf,
    pub from: String,
    /// Who the message shows it is for (`To` and `Cc`).
    pub recipients: Vec<String>,
    /// Who else gets it (`Bcc`): in the envelope only, never in the message.
    pub bcc: Vec<String>,
    pub subject: String,
    /// Each attachment's name and size in bytes.
    pub attachments: Vec<(String, usize)>,
    /// When and to whom it was sent before, if it was (its record beside the draft).
    pub sent_before: Option<String>,
    /// Sender and recipients as the SMTP client takes them, checked before anything is sent.
    envelope: lettre::address::Envelope,
    /// The message as it goes out: no `X-Unsent`, `Date` now.
    bytes: Vec<u8>,
}

/// Reads and checks every draft before anything is sent.
pub fn read_drafts(files: &[PathBuf], now: i64) -> Result<Vec<Outgoing>, anyhow::Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let shown = path.display();
        // A regular file (never a pipe or a device, which could block or never end), size-capped.
        let bytes = match crate::facts::read_regular(path, path, MAX_DRAFT_BYTES) {
            Ok(b) => with_crlf(b),
            Err(why) => {
                problems.push(Problem::error(why));
                continue;
            }
        };
        if let Some(problem) = repeated_address_header(&bytes, &shown.to_string()) {
            problems.push(problem);
            continue;
        }
        let Some(message) = mail_parser::MessageParser::default().parse(&bytes) else {
            problems.push(Problem::error(format!("`{shown}` is not an email message")));
            continue;
        };
        let addresses = |a: Option<&mail_parser::Address>| -> Vec<String> {
            a.map(|a| {
                a.iter()
                    .filter_map(|x| x.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
        };
        let from = addresses(message.from()).into_iter().next();
        let mut recipients = addresses(message.to());
        recipients.extend(addresses(message.cc()));
        let bcc = addresses(message.bcc());
        let Some(from) = from else {
            problems.push(
                Problem::error(format!("`{shown}` has no From address"))
                    .help("make the draft again with `--from`, or set `from` under `[email]` in brief.toml"),
            );
            continue;
        };
        if recipients.is_empty() && bcc.is_empty() {
            problems.push(Problem::error(format!("`{shown}` has no recipients")).help(
                "make the draft again with `--to`, or set `to` under `[email]` in brief.toml",
            ));
            continue;
        }
        for a in std::iter::once(&from).chain(&recipients).chain(&bcc) {
            if let Err(e) = parse_address(a) {
                problems.push(Problem::error(format!("`{shown}`: {e}")));
            }
        }
        let envelope = match envelope(path, &from, recipients.iter().chain(&bcc)) {
            Ok(e) => e,
            Err(why) => {
                problems.push(Problem::error(why));
                continue;
            }
        };
        let attachments = message
            .attachments()
            .map(|a| {
                (
                    a.attachment_name().unwrap_or("(unnamed)").to_owned(),
                    a.contents().len(),
                )
            })
            .collect();
        out.push(Outgoing {
            path: path.clone(),
            from,
            recipients,
            bcc,
            subject: message.subject().unwrap_or("").to_owned(),
            attachments,
            sent_before: read_sent_record(path),
            envelope,
            bytes: for_sending(&bytes, now),
        });
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    Ok(out)
}

/// The largest draft `send` reads (a PDF attachment and two bodies).
pub const MAX_DRAFT_BYTES: u64 = 64 << 20;

/// A draft with every line ending CRLF, as SMTP sends it: an editor may have saved it with
/// LF alone.
fn with_crlf(bytes: Vec<u8>) -> Vec<u8> {
    let bare = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'));
    if !bare {
        return bytes;
    }
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    let mut previous = 0u8;
    for b in bytes {
        if b == b'\n' && previous != b'\r' {
            out.push(b'\r');
        }
        out.push(b);
        previous = b;
    }
    out
}

/// An address header given more than once: the envelope would take one and the message
/// show another, so a listed recipient might never get it.
fn repeated_address_header(bytes: &[u8], shown: &str) -> Option<Problem> {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head = &bytes[..end];
    for name in ["From", "Sender", "To", "Cc", "Bcc", "Reply-To"] {
        let count = head
            .split(|&b| b == b'\n')
            .filter(|line| {
                line.len() > name.len()
                    && line[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                    && line[name.len()] == b':'
            })
            .count();
        if count > 1 {
            return Some(
                Problem::error(format!(
                    "`{shown}` has {count} `{name}:` headers: which one is meant cannot be told"
                ))
                .help(format!(
                    "keep one `{name}:` line listing every address, separated by commas"
                )),
            );
        }
    }
    None
}

/// The draft's bytes without `X-Unsent` and with `Date` set to `now`.
fn for_sending(bytes: &[u8], now: i64) -> Vec<u8> {
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(bytes.len(), |i| i + 2);
    let (head, body) = bytes.split_at(end);
    let mut out = format!(
        "Date: {}\r\n",
        mail_builder::headers::date::Date::new(now).to_rfc822()
    )
    .into_bytes();
    let mut skipping = false;
    for line in head.split_inclusive(|&b| b == b'\n') {
        let continuation = line.first().is_some_and(|b| *b == b' ' || *b == b'\t');
        if !continuation {
            let name = line.split(|&b| b == b':').next().unwrap_or(&[]);
            // `Bcc` would show every recipient who to the others: its addresses are in the
            // envelope only.
            skipping = name.eq_ignore_ascii_case(b"x-unsent")
                || name.eq_ignore_ascii_case(b"date")
                || name.eq_ignore_ascii_case(b"bcc");
        }
        if !skipping {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(body);
    out
}

/// A connection to the server, opened on the first message.
pub struct Connection {
    transport: lettre::SmtpTransport,
    /// The relay every connection goes through.
    guard: guard::Guard,
    /// `host:port`, for messages.
    address: String,
}

impl Connection {
    pub fn new(server: &Server) -> anyhow::Result<Connection> {
        let guard = guard::Guard::start(
            &server.host,
            server.port,
            server.deadline,
            guard::MAX_REPLY_BYTES,
        )
        .map_err(|e| {
            anyhow::anyhow!("cannot open a local port to talk to the SMTP server ({e})")
        })?;
        Ok(Connection {
            transport: transport(server, guard.port())?,
            guard,
            address: format!("{}:{}", server.host, server.port),
        })
    }

    /// Sends one draft; an error says why the server did not take it.
    pub fn send(&self, d: &Outgoing) -> Result<(), String> {
        let sent = lettre::Transport::send_raw(&self.transport, &d.envelope, &d.bytes);
        // A bound the guard enforced is the real reason, whatever the client made of it.
        if let (Err(_), Some(why)) = (&sent, self.guard.verdict()) {
            return Err(why);
        }
        match sent {
            Ok(_) => Ok(()),
            Err(err) if err.is_permanent() || err.is_transient() => Err(format!(
                "the server refused it: {}",
                crate::term::visible(&err.to_string())
            )),
            Err(err) => Err(format!(
                "cannot reach the SMTP server at {}: {} — check `host` and `port` under `[smtp]` in brief.toml, or `--smtp-host` and `--smtp-port`",
                self.address,
                crate::term::visible(&err.to_string())
            )),
        }
    }
}

/// The envelope of the draft at `path`: what the SMTP client will take, or why not.
fn envelope<'a>(
    path: &std::path::Path,
    from: &str,
    to: impl Iterator<Item = &'a String>,
) -> Result<lettre::address::Envelope, String> {
    let parse = |a: &str| {
        a.parse::<lettre::Address>().map_err(|e| {
            format!(
                "`{}`: the address `{}` cannot be sent to ({e})",
                path.display(),
                crate::term::visible(a)
            )
        })
    };
    let to = to.map(|a| parse(a)).collect::<Result<Vec<_>, _>>()?;
    lettre::address::Envelope::new(Some(parse(from)?), to)
        .map_err(|e| format!("`{}`: {e}", path.display()))
}

/// Where the record of a sent draft is kept: `NAME.eml.sent`, beside it.
pub fn sent_record_path(draft: &std::path::Path) -> PathBuf {
    let mut name = draft.as_os_str().to_owned();
    name.push(".sent");
    PathBuf::from(name)
}

/// The first line of a draft's sent record, if it has one (a small regular file).
fn read_sent_record(draft: &std::path::Path) -> Option<String> {
    let path = sent_record_path(draft);
    let bytes = crate::facts::read_regular(&path, &path, 64 << 10).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(crate::term::visible(
        text.lines().next().unwrap_or("").trim(),
    ))
}

/// Records that `d` was sent at `now` (RFC 3339) to its recipients, beside the draft.
pub fn record_sent(d: &Outgoing, now: &str) -> anyhow::Result<()> {
    let mut to = d.recipients.clone();
    to.extend(d.bcc.iter().map(|b| format!("{b} (bcc)")));
    let text = format!("sent {now} to {}\n", to.join(", "));
    crate::output::write_atomic(&sent_record_path(&d.path), text.as_bytes())?;
    Ok(())
}

/// The client, talking to the server through the guard on `relay` (127.0.0.1); TLS still
/// checks the server's certificate against its own name.
fn transport(server: &Server, relay: u16) -> anyhow::Result<lettre::SmtpTransport> {
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::transport::smtp::client::{Tls, TlsParameters};
    let tls = || TlsParameters::new(server.host.clone());
    let builder = lettre::SmtpTransport::builder_dangerous("127.0.0.1").port(relay);
    let mut builder = match server.tls {
        TlsMode::Starttls => builder.tls(Tls::Required(tls()?)),
        TlsMode::Tls => builder.tls(Tls::Wrapper(tls()?)),
        TlsMode::None => builder.tls(Tls::None),
    }
    .timeout(Some(Duration::from_secs(5)));
    if let (Ok(user), Ok(password)) = (
        std::env::var("BRIEF_SMTP_USER"),
        std::env::var("BRIEF_SMTP_PASSWORD"),
    ) {
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sending_drops_x_unsent_and_sets_the_date() {
        let draft = b"Date: Mon, 1 Jan 2024 00:00:00 +0000\r\nX-Unsent: 1\r\nSubject: s\r\n\r\nX-Unsent: body\r\n";
        let out = String::from_utf8(for_sending(draft, 0)).unwrap();
        assert!(
            out.starts_with("Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n"),
            "{out}"
        );
        assert_eq!(out.matches("Date:").count(), 1);
        assert!(!out.contains("X-Unsent: 1"));
        assert!(out.ends_with("\r\n\r\nX-Unsent: body\r\n"));
    }

    #[test]
    fn bcc_never_travels_in_the_message() {
        let draft = b"From: a@example.org\r\nTo: b@example.org\r\nBcc: c@example.org,\r\n d@example.org\r\nSubject: s\r\n\r\nBcc: body\r\n";
        let out = String::from_utf8(for_sending(draft, 0)).unwrap();
        assert!(
            !out.contains("c@example.org") && !out.contains("d@example.org"),
            "{out}"
        );
        assert!(out.contains("To: b@example.org\r\n"), "{out}");
        assert!(out.ends_with("\r\n\r\nBcc: body\r\n"), "{out}");
    }

    #[test]
    fn line_feeds_alone_become_crlf() {
        assert_eq!(with_crlf(b"a\nb\r\nc\n".to_vec()), b"a\r\nb\r\nc\r\n");
        assert_eq!(with_crlf(b"\nx".to_vec()), b"\r\nx");
        assert_eq!(with_crlf(b"a\r\n\r\nb".to_vec()), b"a\r\n\r\nb");
        let draft = with_crlf(b"X-Unsent: 1\nSubject: s\n\nline one\nline two\n".to_vec());
        let out = String::from_utf8(for_sending(&draft, 0)).unwrap();
        assert!(out.ends_with("\r\n\r\nline one\r\nline two\r\n"), "{out:?}");
        assert!(!out.contains("X-Unsent"), "{out:?}");
    }

    #[test]
    fn a_repeated_address_header_is_refused() {
        let twice =
            b"From: a@example.org\r\nTo: b@example.org\r\nto: c@example.org\r\n\r\nTo: body\r\n";
        let problem = repeated_address_header(twice, "x.eml").unwrap();
        assert!(
            problem.message.contains("`x.eml` has 2 `To:` headers"),
            "{}",
            problem.message
        );
        let once = b"From: a@example.org\r\nTo: b@example.org, c@example.org\r\nX-To: y\r\n\r\nTo: body\r\n";
        assert!(repeated_address_header(once, "x.eml").is_none());
    }

    #[test]
    fn plain_smtp_only_on_this_machine() {
        let new = |host: &str, port, tls| Server::new(host.into(), port, tls, DEFAULT_DEADLINE);
        assert!(new("127.0.0.1", 25, TlsMode::None).is_ok());
        assert!(new("localhost", 25, TlsMode::None).is_ok());
        assert!(new("mail.example.org", 25, TlsMode::None).is_err());
        assert!(new("mail.example.org", 587, TlsMode::Starttls).is_ok());
    }
}
