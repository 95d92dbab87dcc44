//! Email: a written document, its context and the recipients → a draft message (`NAME.eml`)
//! beside it. Sending reviewed drafts is in `smtp`.
//!
//! A draft is an RFC 5322 / MIME message built with `mail-builder`: `multipart/mixed` of a
//! `multipart/alternative` body (plain text and HTML, from the template's email templates)
//! and the PDF as `application/pdf`. `X-Unsent: 1` makes Outlook and Thunderbird open it as a
//! draft. The `Date` is the document's date and the `Message-ID` and MIME boundaries are
//! derived from the content, so the same inputs give a byte-identical file. Names and
//! subjects in any script are encoded (RFC 2047/2231) by the builder; addresses are checked
//! before anything is written, and no value can start a header of its own.
//!

use std::path::{Path, PathBuf};

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address as MailAddress;
use mail_builder::headers::content_type::ContentType;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use crate::diag::{Problems, UsageError};
use crate::render::Renderer;
use crate::templates::{DEFAULT_EMAIL, TemplateManifest};

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
    // The one check of an address, for `generate`, brief.toml and `send` alike: what it
    // accepts, the SMTP client accepts too (so `send` never stops midway on an address).
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && local.len() <= 64
            && !domain.is_empty()
            && domain.len() <= 255
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && !local
                .chars()
                .any(|c| c.is_whitespace() || "<>()[]\\,;:\"@".contains(c))
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
    }) && email.parse::<lettre::Address>().is_ok();
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

impl Recipients {
    /// Checks every address; `what` names where each list came from (`--to`, or
    /// `brief.toml`'s `[email] to`), for the message about a bad one.
    pub fn parse(
        from: Option<(&str, &str)>,
        to: (&str, &[String]),
        cc: (&str, &[String]),
        reply_to: Option<(&str, &str)>,
    ) -> Result<Recipients, UsageError> {
        let one = |(what, text): (&str, &str)| {
            parse_address(text).map_err(|e| UsageError::new(format!("{what}: {e}")))
        };
        let many = |(what, list): (&str, &[String])| -> Result<Vec<Address>, UsageError> {
            list.iter().map(|t| one((what, t))).collect()
        };
        Ok(Recipients {
            from: from.map(one).transpose()?,
            to: many(to)?,
            cc: many(cc)?,
            reply_to: reply_to.map(one).transpose()?,
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

/// A written document and what its draft is made from.
pub struct Document<'a> {
    pub renderer: &'a Renderer,
    pub manifest: &'a TemplateManifest,
    /// The context the document was made from.
    pub context: &'a serde_json::Value,
    pub recipients: &'a Recipients,
    pub pdf: &'a [u8],
    /// The PDF's file name, as attached.
    pub pdf_name: &'a str,
    pub pages: usize,
    /// The document's date, the draft's `Date`.
    pub date: chrono::NaiveDate,
}

/// `html` with `marking` as a banner at the top and the bottom of its body.
fn marked_html(html: &str, marking: &str) -> String {
    let escaped = marking
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    let banner = format!(
        "<div style=\"text-align:center;font-family:Arial,Helvetica,sans-serif;font-size:13px;font-weight:bold;letter-spacing:2px;color:#000000;padding:6px 0;\">{escaped}</div>"
    );
    let open = html
        .find("<body")
        .and_then(|i| html[i..].find('>').map(|j| i + j + 1));
    let close = html.rfind("</body>");
    match (open, close) {
        (Some(open), Some(close)) if open <= close => format!(
            "{}\n{banner}{}{banner}\n{}",
            &html[..open],
            &html[open..close],
            &html[close..]
        ),
        _ => format!("{banner}\n{html}\n{banner}"),
    }
}

/// The attachment's size in kilobytes, as the document's language writes it (`122 KB`,
/// `122 КБ`, `١٢٢ ك.ب`).
fn size_text(doc: &Document) -> Result<String, Problems> {
    let tag = doc.context["brief"]["tag"].as_str().unwrap_or("en");
    let words = doc.renderer.words(tag)?;
    let kb = i64::try_from(doc.pdf.len().div_ceil(1024)).unwrap_or(i64::MAX);
    Ok(words.get(
        "email-size",
        &[("kb", crate::words::Arg::Text(words.number(kb)))],
    ))
}

/// The draft of a written document: the subject (the manifest's, else the template's name
/// and parameters) and both bodies rendered from the template's email templates (else the
/// default ones) with the document's context, plus what they say of the attachment.
pub fn compose(doc: &Document) -> Result<Vec<u8>, Problems> {
    let mut ctx = doc.context.clone();
    ctx["attachment"] = serde_json::json!({
        "name": doc.pdf_name,
        "size": doc.pdf.len(),
        "size_text": size_text(doc)?,
        "pages": doc.pages,
    });
    ctx["description"] = doc.manifest.description.clone().into();
    let default_subject = "{{ brief.template|humanize|capitalize }}{% for k, v in brief.params|items %}: {{ v }}{% endfor %}";
    let subject = doc.renderer.render_line(
        doc.manifest.subject.as_deref().unwrap_or(default_subject),
        &ctx,
    )?;
    // A handling marking leads the subject and opens and closes both bodies, whatever the
    // email templates say: a covering note never travels unmarked.
    let marking = doc.context["brief"]["marking"]
        .as_str()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let subject = match marking {
        Some(m) if !subject.starts_with(&format!("[{m}]")) => format!("[{m}] {subject}"),
        _ => subject,
    };
    ctx["subject"] = subject.clone().into();
    let body = |kind: &str, default: &str| {
        let own = format!("{}.email.{kind}.j2", doc.manifest.name);
        let file = if doc.renderer.has_file(&own) {
            own
        } else {
            default.to_owned()
        };
        doc.renderer.render_file(&file, &ctx)
    };
    let mut text = body("txt", DEFAULT_EMAIL[0])?;
    let mut html = body("html", DEFAULT_EMAIL[1])?;
    if let Some(m) = marking {
        text = format!("{m}\n\n{}\n\n{m}\n", text.trim_end());
        html = marked_html(&html, m);
    }
    let date = doc
        .date
        .and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp());
    Ok(build(&Draft {
        recipients: doc.recipients,
        subject: &subject,
        text: &text,
        html: &html,
        attachment_name: doc.pdf_name,
        attachment: doc.pdf,
        date,
    }))
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
            // Refused by the SMTP client: refused here, before any draft is written.
            "a..b@example.org",
            ".a@example.org",
            "a.@example.org",
            "a@-example.org",
            "a@example-.org",
        ] {
            assert!(parse_address(bad).is_err(), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(65));
        assert!(parse_address(&long).is_err());
        assert!(parse_address(&format!("{}@example.org", "a".repeat(64))).is_ok());
    }
}
