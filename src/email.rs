//! Email: a written document, its context and the recipients → a draft message (`NAME.eml`)
//! beside it; and `brief send`: reviewed drafts → an SMTP server.
//!
//! A draft is an RFC 5322 / MIME message built with `mail-builder`: `multipart/mixed` of a
//! `multipart/alternative` body (plain text and HTML, from the template's email templates)
//! and the PDF as `application/pdf`. `X-Unsent: 1` makes Outlook and Thunderbird open it as a
//! draft. The `Date` is the document's date and the `Message-ID` and MIME boundaries are
//! derived from the content, so the same inputs give a byte-identical file. Names and
//! subjects in any script are encoded (RFC 2047/2231) by the builder; addresses are checked
//! before anything is written, and no value can start a header of its own.
//!
//! Sending (`lettre`, SMTP with STARTTLS, TLS, or plain on a loopback host only) removes
//! `X-Unsent`, sets `Date` to the time of sending, and reports each message as sent only
//! when the server accepted it. The user name and password come only from the environment
//! (`BRIEF_SMTP_USER`, `BRIEF_SMTP_PASSWORD`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as MailAddress;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;
use mail_parser::MimeHeaders;
use serde::Deserialize;

use crate::diag::{self, Problem, Problems, Reported, UsageError};

/// An email address with an optional display name: `Desk <desk@example.org>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub name: Option<String>,
    pub email: String,
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} <{}>", self.email),
            None => f.write_str(&self.email),
        }
    }
}

/// Reads `desk@example.org` or `Gulf Desk <desk@example.org>`.
pub fn parse_address(text: &str) -> Result<Address, String> {
    let text = text.trim();
    if text.chars().any(char::is_control) {
        return Err(format!(
            "`{}` contains a line break or control character",
            text.escape_debug()
        ));
    }
    let (name, email) = match text.rsplit_once('<') {
        Some((name, rest)) => {
            let email = rest
                .strip_suffix('>')
                .ok_or_else(|| format!("`{text}`: a `<` without its `>`"))?;
            let name = name.trim().trim_matches('"').trim();
            ((!name.is_empty()).then(|| name.to_owned()), email.trim())
        }
        None => (None, text),
    };
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && !local
                .chars()
                .any(|c| c.is_whitespace() || "<>()[]\\,;:\"@".contains(c))
            && domain.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
    });
    if !valid {
        return Err(format!(
            "`{text}` is not an email address (write `name@example.org` or `Name <name@example.org>`)"
        ));
    }
    Ok(Address {
        name,
        email: email.to_owned(),
    })
}

/// Who a draft is from and for.
#[derive(Debug, Clone, Default)]
pub struct Recipients {
    pub from: Option<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    pub reply_to: Option<Address>,
}

/// `[email]` in `brief.toml`: the addresses an office sends its briefings from and to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EmailSettings {
    pub from: Option<String>,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    pub reply_to: Option<String>,
}

impl Recipients {
    /// The flags, else the project's `[email]` settings; every address checked.
    pub fn resolve(
        settings: &EmailSettings,
        from: Option<&str>,
        to: &[String],
        cc: &[String],
        reply_to: Option<&str>,
    ) -> Result<Recipients, UsageError> {
        let one = |flag: &str, text: &str| {
            parse_address(text).map_err(|e| UsageError::new(format!("{flag}: {e}")))
        };
        let many = |flag: &str, list: &[String]| -> Result<Vec<Address>, UsageError> {
            list.iter().map(|t| one(flag, t)).collect()
        };
        Ok(Recipients {
            from: from
                .or(settings.from.as_deref())
                .map(|t| one("--from", t))
                .transpose()?,
            to: many("--to", if to.is_empty() { &settings.to } else { to })?,
            cc: many("--cc", if cc.is_empty() { &settings.cc } else { cc })?,
            reply_to: reply_to
                .or(settings.reply_to.as_deref())
                .map(|t| one("--reply-to", t))
                .transpose()?,
        })
    }
}

/// Everything a draft is made of.
pub struct Draft<'a> {
    pub recipients: &'a Recipients,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    /// The attachment's file name and bytes.
    pub attachment_name: &'a str,
    pub attachment: &'a [u8],
    /// The message date, seconds since 1970 (the document's date).
    pub date: i64,
}

/// FNV-1a: a stable fingerprint of the content, for the Message-ID and the boundaries.
fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

fn mail_address(a: &Address) -> MailAddress<'_> {
    MailAddress::new_address(a.name.as_deref(), a.email.as_str())
}

/// The draft as the bytes of an `.eml` file.
pub fn build(draft: &Draft) -> Vec<u8> {
    let r = draft.recipients;
    let addresses: Vec<String> = r
        .from
        .iter()
        .chain(&r.to)
        .chain(&r.cc)
        .chain(&r.reply_to)
        .map(Address::to_string)
        .collect();
    let id = fingerprint(&[
        draft.subject.as_bytes(),
        addresses.join("\n").as_bytes(),
        draft.text.as_bytes(),
        draft.html.as_bytes(),
        draft.attachment_name.as_bytes(),
        draft.attachment,
        &draft.date.to_be_bytes(),
    ]);
    let body = MimePart::new(
        ContentType::new("multipart/mixed").attribute("boundary", format!("brief-mixed-{id:016x}")),
        vec![
            MimePart::new(
                ContentType::new("multipart/alternative")
                    .attribute("boundary", format!("brief-alt-{id:016x}")),
                vec![
                    MimePart::new("text/plain", draft.text),
                    MimePart::new("text/html", draft.html),
                ],
            ),
            MimePart::new(
                ContentType::new("application/pdf").attribute("name", draft.attachment_name),
                draft.attachment,
            )
            .attachment(draft.attachment_name),
        ],
    );
    let mut message = MessageBuilder::new()
        .message_id(format!("{id:016x}@brief.invalid"))
        .date(draft.date)
        .subject(draft.subject)
        .header("X-Unsent", Raw::new("1"))
        .body(body);
    if let Some(from) = &r.from {
        message = message.from(mail_address(from));
    }
    if !r.to.is_empty() {
        message = message.to(MailAddress::new_list(
            r.to.iter().map(mail_address).collect(),
        ));
    }
    if !r.cc.is_empty() {
        message = message.cc(MailAddress::new_list(
            r.cc.iter().map(mail_address).collect(),
        ));
    }
    if let Some(reply_to) = &r.reply_to {
        message = message.reply_to(mail_address(reply_to));
    }
    message.write_to_vec().unwrap_or_default()
}

/// How to reach the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
    /// No encryption: allowed only for a server on this machine (a test or relay).
    None,
}

/// `[smtp]` in `brief.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SmtpSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub tls: Option<TlsMode>,
}

/// Where `brief send` sends: flags over `[smtp]`.
#[derive(Debug, Clone)]
pub struct Server {
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
}

impl Server {
    pub fn resolve(
        settings: &SmtpSettings,
        host: Option<&str>,
        port: Option<u16>,
        tls: Option<TlsMode>,
    ) -> Result<Server, UsageError> {
        let host = host
            .map(str::to_owned)
            .or_else(|| settings.host.clone())
            .ok_or_else(|| {
                UsageError::new("no SMTP server: give `--smtp-host HOST`, or `host` under `[smtp]` in brief.toml")
            })?;
        let tls = tls.or(settings.tls).unwrap_or(TlsMode::Starttls);
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
        let port = port.or(settings.port).unwrap_or(match tls {
            TlsMode::Starttls => 587,
            TlsMode::Tls => 465,
            TlsMode::None => 25,
        });
        Ok(Server { host, port, tls })
    }
}

/// A draft read back for sending.
struct Outgoing {
    path: PathBuf,
    from: String,
    recipients: Vec<String>,
    subject: String,
    attachments: Vec<(String, usize)>,
    /// The message as it goes out: no `X-Unsent`, `Date` now.
    bytes: Vec<u8>,
}

/// Reads and checks every draft before anything is sent.
fn read_drafts(files: &[PathBuf], now: i64) -> Result<Vec<Outgoing>, anyhow::Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let shown = path.display();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(Problem::error(format!("cannot read `{shown}` ({e})")));
                continue;
            }
        };
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
        recipients.extend(addresses(message.bcc()));
        let Some(from) = from else {
            problems.push(
                Problem::error(format!("`{shown}` has no From address"))
                    .help("make the draft again with `--from`, or set `from` under `[email]` in brief.toml"),
            );
            continue;
        };
        if recipients.is_empty() {
            problems.push(Problem::error(format!("`{shown}` has no recipients")).help(
                "make the draft again with `--to`, or set `to` under `[email]` in brief.toml",
            ));
            continue;
        }
        for a in std::iter::once(&from).chain(&recipients) {
            if let Err(e) = parse_address(a) {
                problems.push(Problem::error(format!("`{shown}`: {e}")));
            }
        }
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
            subject: message.subject().unwrap_or("").to_owned(),
            attachments,
            bytes: for_sending(&bytes, now),
        });
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    Ok(out)
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
            skipping = name.eq_ignore_ascii_case(b"x-unsent") || name.eq_ignore_ascii_case(b"date");
        }
        if !skipping {
            out.extend_from_slice(line);
        }
    }
    out.extend_from_slice(body);
    out
}

/// `brief send`: every draft to the server (or, with `dry_run`, who would get what).
pub fn send(files: &[PathBuf], server: Option<&Server>, dry_run: bool) -> anyhow::Result<()> {
    let now = chrono::Utc::now().timestamp();
    let drafts = read_drafts(files, now)?;
    if dry_run {
        for d in &drafts {
            let attached: Vec<String> = d
                .attachments
                .iter()
                .map(|(name, size)| format!("{name} ({} KB)", size.div_ceil(1024)))
                .collect();
            crate::outln!("{}", d.path.display());
            crate::outln!("  from:       {}", d.from);
            crate::outln!("  to:         {}", d.recipients.join(", "));
            crate::outln!("  subject:    {}", d.subject);
            crate::outln!("  attachment: {}", attached.join(", "));
        }
        return Ok(());
    }
    let server = server.ok_or_else(|| UsageError::new("no SMTP server given"))?;
    let transport = transport(server)?;
    let mut failed = 0;
    for d in &drafts {
        let envelope = envelope(d)?;
        match lettre::Transport::send_raw(&transport, &envelope, &d.bytes) {
            Ok(_) => diag::info(format!(
                "sent {} to {}",
                d.path.display(),
                d.recipients.join(", ")
            )),
            Err(err) => {
                failed += 1;
                let reason = if err.is_permanent() || err.is_transient() {
                    format!("the server refused it: {err}")
                } else {
                    format!("{err}")
                };
                crate::errln!(
                    "{}: not sent: {} ({reason})",
                    diag::severity_word(diag::Severity::Error),
                    d.path.display()
                );
            }
        }
    }
    if failed > 0 {
        crate::errln!(
            "{} of {} sent",
            drafts.len() - failed,
            crate::output::plural(drafts.len(), "message", "messages")
        );
        return Err(Reported.into());
    }
    Ok(())
}

fn envelope(d: &Outgoing) -> anyhow::Result<lettre::address::Envelope> {
    let parse = |a: &str| {
        a.parse::<lettre::Address>()
            .map_err(|e| UsageError::new(format!("`{}`: `{a}` ({e})", d.path.display())))
    };
    let to = d
        .recipients
        .iter()
        .map(|a| parse(a))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(lettre::address::Envelope::new(Some(parse(&d.from)?), to)?)
}

fn transport(server: &Server) -> anyhow::Result<lettre::SmtpTransport> {
    use lettre::transport::smtp::authentication::Credentials;
    use lettre::transport::smtp::client::{Tls, TlsParameters};
    let tls = || TlsParameters::new(server.host.clone());
    let builder = lettre::SmtpTransport::builder_dangerous(&server.host).port(server.port);
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

/// Where a document's draft goes: beside it, `NAME.eml`.
pub fn draft_path(document: &Path) -> PathBuf {
    document.with_extension("eml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked() {
        assert_eq!(
            parse_address("Gulf Desk <desk@example.org>").unwrap(),
            Address {
                name: Some("Gulf Desk".into()),
                email: "desk@example.org".into()
            }
        );
        assert_eq!(parse_address("a@localhost").unwrap().name, None);
        for bad in [
            "desk",
            "desk@",
            "@example.org",
            "a b@example.org",
            "desk@exa mple.org",
            "Desk <desk@example.org",
            "Evil\r\nBcc: x@example.org <a@example.org>",
        ] {
            assert!(parse_address(bad).is_err(), "{bad}");
        }
    }

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
    fn plain_smtp_only_on_this_machine() {
        let s = SmtpSettings::default();
        assert!(Server::resolve(&s, Some("127.0.0.1"), None, Some(TlsMode::None)).is_ok());
        assert!(Server::resolve(&s, Some("mail.example.org"), None, Some(TlsMode::None)).is_err());
        let server = Server::resolve(&s, Some("mail.example.org"), None, None).unwrap();
        assert_eq!((server.port, server.tls), (587, TlsMode::Starttls));
    }
}
