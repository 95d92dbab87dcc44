//! Email drafts (`generate --email`) read back with an independent parser (`mail-parser`),
//! and `brief send` against a real SMTP server (the `mailin` library) on 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::support::*;
use mail_parser::{MessageParser, MimeHeaders};

/// Runs `generate --email …` into `out`; returns (pdf, eml) paths.
fn draft(out: &Path, args: &[&str]) -> std::process::Output {
    let mut full = vec!["--email"];
    full.extend_from_slice(args);
    generate(out, &full)
}

fn parse(bytes: &[u8]) -> mail_parser::Message<'_> {
    MessageParser::default()
        .parse(bytes)
        .expect("an email message")
}

fn addresses(a: Option<&mail_parser::Address>) -> Vec<(String, String)> {
    a.map(|a| {
        a.iter()
            .map(|x| {
                (
                    x.name().unwrap_or("").to_owned(),
                    x.address().unwrap_or("").to_owned(),
                )
            })
            .collect()
    })
    .unwrap_or_default()
}

#[test]
fn a_draft_carries_the_briefing_and_a_covering_note() {
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "event-brief",
            "-p",
            "event=kuwait-phase-2024",
            "--from",
            "Briefings Unit <briefings@example.org>",
            "--to",
            "Gulf Desk <desk@example.org>",
            "--to",
            "archive@example.org",
            "--cc",
            "head@example.org",
            "--reply-to",
            "replies@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("event-brief-kuwait-phase-2024.pdf")).unwrap();
    let eml = std::fs::read(dir.path().join("event-brief-kuwait-phase-2024.eml")).unwrap();
    let m = parse(&eml);
    assert_eq!(
        addresses(m.from()),
        [("Briefings Unit".into(), "briefings@example.org".into())]
    );
    assert_eq!(
        addresses(m.to()),
        [
            ("Gulf Desk".into(), "desk@example.org".into()),
            ("".into(), "archive@example.org".into())
        ]
    );
    assert_eq!(addresses(m.cc())[0].1, "head@example.org");
    assert_eq!(addresses(m.reply_to())[0].1, "replies@example.org");
    assert_eq!(m.subject(), Some("Brief: Kuwait Phase, 4–5 November 2024"));
    assert_eq!(
        m.header_raw("X-Unsent").map(str::trim),
        Some("1"),
        "opens as a draft"
    );
    assert_eq!(m.date().unwrap().to_rfc3339(), "2026-11-24T00:00:00Z");
    // Both bodies, with facts from the context and nothing else.
    let text = m.body_text(0).unwrap();
    for fact in [
        "4–5 November 2024",
        "Kuwait City",
        "over 500 participants",
        "An outcome document",
        // A greeting; every headline figure, not the first four; announced as announced.
        "Dear colleagues,",
        "14 civil society organizations (announced)",
        "Hosted by Kuwait (announced)",
        "Kuwait City, Kuwait (as announced)",
    ] {
        assert!(text.contains(fact), "{fact} missing from\n{text}");
    }
    // Curator notes stay in the briefing, out of the covering note.
    assert!(!text.contains("was to conclude on 5 November"), "{text}");
    assert!(
        text.contains("event-brief-kuwait-phase-2024.pdf (3 pages,"),
        "{text}"
    );
    let html = m.body_html(0).unwrap();
    assert!(html.contains("over 500 participants"), "{html}");
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("<link"));
    assert!(html.contains("style=\""));
    // The attachment is the PDF beside it, byte for byte.
    let attachment = m.attachment(0).expect("an attachment");
    assert_eq!(
        attachment.attachment_name(),
        Some("event-brief-kuwait-phase-2024.pdf")
    );
    assert_eq!(
        attachment
            .content_type()
            .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or(""))),
        Some("application/pdf".into())
    );
    assert_eq!(attachment.contents(), pdf.as_slice());
}

#[test]
fn the_same_inputs_give_the_same_draft() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let args = ["-t", "process-history", "--to", "desk@example.org"];
    assert!(draft(a.path(), &args).status.success());
    assert!(draft(b.path(), &args).status.success());
    let read = |d: &Path| std::fs::read(d.join("process-history.eml")).unwrap();
    assert_eq!(read(a.path()), read(b.path()));
}

#[test]
fn names_and_subjects_in_any_script_survive_and_never_start_a_header() {
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "country-participation",
            "-p",
            "country=KAZ",
            "--data",
            "tests/fixtures/minimal",
            "--from",
            "Айгерім Садық <a@example.org>",
            "--to",
            "São Ñoño <s@example.org>",
            "--cc",
            "Gülşen İğdır <g@example.org>",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let eml = std::fs::read(dir.path().join("country-participation-KAZ.eml")).unwrap();
    let m = parse(&eml);
    assert_eq!(addresses(m.from())[0].0, "Айгерім Садық");
    assert_eq!(addresses(m.to())[0].0, "São Ñoño");
    assert_eq!(addresses(m.cc())[0].0, "Gülşen İğdır");
    assert!(
        m.subject()
            .unwrap()
            .starts_with("Қазақстан: participation summary")
    );
    // Headers are 7-bit: every non-ASCII character is encoded.
    let head = &eml[..eml.windows(4).position(|w| w == b"\r\n\r\n").unwrap()];
    assert!(head.is_ascii());

    // Hostile text from the fact base in the subject: one header, verbatim text.
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "event-brief",
            "-p",
            "event=ev-1",
            "--data",
            "tests/fixtures/hostile",
            "--to",
            "d@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The fixture has one event: the file is not named after it (one naming rule).
    let eml = std::fs::read(dir.path().join("event-brief.eml")).unwrap();
    let m = parse(&eml);
    assert!(m.header("Bcc").is_none());
    assert_eq!(
        m.headers().iter().filter(|h| h.name() == "Subject").count(),
        1
    );
    let ctx = brief(&[
        "context",
        "-t",
        "event-brief",
        "-p",
        "event=ev-1",
        "--data",
        "tests/fixtures/hostile",
    ]);
    let ctx: serde_json::Value = serde_json::from_slice(&ctx.stdout).unwrap();
    let label = ctx["event"]["label"].as_str().unwrap();
    let normal = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        normal(m.subject().unwrap()).contains(&normal(label)),
        "{:?} vs {label:?}",
        m.subject()
    );

    // An address that would inject a header is a usage error, and nothing is written.
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "process-history",
            "--to",
            "Evil\nBcc: x@example.org <a@example.org>",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let out = draft(
        dir.path(),
        &["-t", "process-history", "--to", "not-an-address"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn every_document_of_a_batch_gets_its_draft() {
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "country-participation",
            "--all",
            "--to",
            "desk@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let count = |ext: &str| {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == ext)
            })
            .count()
    };
    assert_eq!(count("pdf"), 7);
    assert_eq!(count("eml"), 7);
    let m = std::fs::read(dir.path().join("country-participation-TKM.eml")).unwrap();
    assert!(parse(&m).body_text(0).unwrap().contains("Turkmenistan"));
}

/// One message as the server received it: envelope recipients and data.
type Mail = (Vec<String>, Vec<u8>);

/// What the test SMTP server received.
#[derive(Clone, Default)]
struct Inbox(Arc<Mutex<Vec<Mail>>>);

#[derive(Clone)]
struct Handler {
    inbox: Inbox,
    to: Vec<String>,
    data: Vec<u8>,
}

impl mailin::Handler for Handler {
    fn rcpt(&mut self, to: &str) -> mailin::Response {
        if to.contains("refused") {
            return mailin::response::NO_MAILBOX;
        }
        mailin::response::OK
    }
    fn data_start(&mut self, _: &str, _: &str, _: bool, to: &[String]) -> mailin::Response {
        self.to = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> mailin::Response {
        let mail = (self.to.clone(), std::mem::take(&mut self.data));
        self.inbox.0.lock().unwrap().push(mail);
        mailin::response::OK
    }
}

/// A real SMTP server on 127.0.0.1 (a free port), serving `connections` clients.
fn smtp_server(connections: usize) -> (u16, Inbox) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let shared = inbox.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(stream) = stream else { continue };
            stream
                .set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .unwrap();
            let handler = Handler {
                inbox: shared.clone(),
                to: vec![],
                data: vec![],
            };
            let ip = stream.peer_addr().unwrap().ip();
            let mut session = mailin::SessionBuilder::new("localhost").build(ip, handler);
            let mut writer = stream.try_clone().unwrap();
            session.greeting().write_to(&mut writer).unwrap();
            let mut reader = BufReader::new(stream);
            let mut line = Vec::new();
            loop {
                line.clear();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                let response = session.process(&line);
                match response.action {
                    mailin::Action::Reply => response.write_to(&mut writer).unwrap(),
                    mailin::Action::Close => {
                        let _ = response.write_to(&mut writer);
                        break;
                    }
                    _ => {}
                }
                writer.flush().unwrap();
            }
        }
    });
    (port, inbox)
}

/// `brief send` to the test server on `port`, unencrypted (allowed on 127.0.0.1 only).
fn send_local(port: u16, eml: &Path) -> std::process::Output {
    send(&[
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port.to_string(),
        "--smtp-tls",
        "none",
        eml.to_str().unwrap(),
    ])
}

fn send(args: &[&str]) -> std::process::Output {
    let mut full = vec!["send"];
    full.extend_from_slice(args);
    brief(&full)
}

fn drafts_for(dir: &Path, to: &[&str]) -> PathBuf {
    let mut args = vec![
        "-t",
        "event-brief",
        "-p",
        "event=dushanbe-2018",
        "--from",
        "briefings@example.org",
    ];
    for t in to {
        args.extend_from_slice(&["--to", t]);
    }
    let out = draft(dir, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    dir.join("event-brief-dushanbe-2018.eml")
}

#[test]
fn send_delivers_the_draft_with_the_pdf_intact() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let (port, inbox) = smtp_server(1);
    let out = send_local(port, &eml);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("sent "), "{}", stderr(&out));
    let received = inbox.0.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, ["desk@example.org"]);
    let m = parse(&received[0].1);
    assert!(
        m.header("X-Unsent").is_none(),
        "sent messages are not drafts"
    );
    let pdf = std::fs::read(dir.path().join("event-brief-dushanbe-2018.pdf")).unwrap();
    assert_eq!(m.attachment(0).unwrap().contents(), pdf.as_slice());
    assert_ne!(
        m.date().unwrap().to_rfc3339(),
        "2026-11-24T00:00:00Z",
        "dated at sending"
    );
}

#[test]
fn a_refused_recipient_is_reported_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["refused@example.org"]);
    let (port, inbox) = smtp_server(1);
    let out = send_local(port, &eml);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("not sent") && err.contains("refused"), "{err}");
    assert!(err.contains("550"), "the server's reply: {err}");
    assert!(!err.contains("\nsent "), "{err}");
    assert!(inbox.0.lock().unwrap().is_empty());
}

#[test]
fn an_unreachable_server_fails_quickly_and_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    // A port that was free a moment ago: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = std::time::Instant::now();
    let out = send_local(port, &eml);
    assert_eq!(out.status.code(), Some(1));
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    let err = stderr(&out);
    assert!(err.contains("not sent"), "{err}");
    // Which server, and what to check (first-day friction, item 3).
    assert!(
        err.contains(&format!("cannot reach the SMTP server at 127.0.0.1:{port}")),
        "{err}"
    );
    assert!(
        err.contains("`[smtp]`") && err.contains("`--smtp-port`"),
        "{err}"
    );
}

#[test]
fn dry_run_says_who_would_get_what() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org", "Ops <ops@example.org>"]);
    let out = send(&["--dry-run", eml.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("desk@example.org, ops@example.org"), "{text}");
    assert!(
        text.contains("subject:    Brief: Dushanbe Conference 2018"),
        "{text}"
    );
    assert!(text.contains("event-brief-dushanbe-2018.pdf"), "{text}");
    // Plain SMTP to a remote host is refused before anything is sent.
    let out = send(&[
        "--smtp-host",
        "mail.example.org",
        "--smtp-tls",
        "none",
        eml.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Inserts header lines at the top of a draft.
fn with_headers(eml: &Path, lines: &str) {
    let bytes = std::fs::read(eml).unwrap();
    let mut out = lines.as_bytes().to_vec();
    out.extend_from_slice(&bytes);
    std::fs::write(eml, out).unwrap();
}

/// A `Bcc:` header reaches its addresses through the envelope only; the message delivered to
/// everyone carries no `Bcc` (hostile round three, item 2).
#[test]
fn bcc_addresses_get_the_message_but_nobody_sees_them() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    with_headers(&eml, "Bcc: hidden@example.org\r\n");
    let dry = send(&["--dry-run", eml.to_str().unwrap()]);
    let listed = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(
        listed.contains("  to:         desk@example.org\n"),
        "{listed}"
    );
    assert!(
        listed.contains("  bcc:        hidden@example.org\n"),
        "{listed}"
    );
    let (port, inbox) = smtp_server(1);
    let out = send_local(port, &eml);
    assert!(out.status.success(), "{}", stderr(&out));
    let received = inbox.0.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].0, ["desk@example.org", "hidden@example.org"]);
    let data = String::from_utf8_lossy(&received[0].1);
    assert!(!data.contains("hidden@example.org"), "{data}");
    assert!(!data.to_ascii_lowercase().contains("\nbcc:"), "{data}");
}

/// Two `To:` headers: the envelope would take one and the reader see the other. Refused,
/// naming the file and the header, before anything is sent (item 3).
#[test]
fn a_draft_with_repeated_address_headers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    with_headers(&eml, "To: other@example.org\r\n");
    let (port, inbox) = smtp_server(1);
    let out = send_local(port, &eml);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("has 2 `To:` headers"), "{err}");
    assert!(err.contains("event-brief-dushanbe-2018.eml"), "{err}");
    assert!(inbox.0.lock().unwrap().is_empty());
}

/// A draft an editor saved with LF line endings keeps every body line and its attachment
/// (item 7).
#[test]
fn a_draft_saved_with_lf_line_endings_is_sent_whole() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let original = std::fs::read(&eml).unwrap();
    let lf: Vec<u8> = String::from_utf8(original.clone())
        .unwrap()
        .replace("\r\n", "\n")
        .into_bytes();
    std::fs::write(&eml, &lf).unwrap();
    let (port, inbox) = smtp_server(1);
    let out = send_local(port, &eml);
    assert!(out.status.success(), "{}", stderr(&out));
    let received = inbox.0.lock().unwrap().clone();
    let sent = parse(&received[0].1);
    let drafted = parse(&original);
    assert_eq!(sent.body_text(0), drafted.body_text(0));
    assert_eq!(
        sent.attachment(0).unwrap().contents(),
        drafted.attachment(0).unwrap().contents()
    );
}

/// Only regular files are read as drafts: `/dev/zero` and a FIFO named like a draft are
/// refused at once instead of filling memory or blocking (item 8).
#[test]
fn send_reads_regular_files_only() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.eml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let mut files = vec!["/dev/zero".to_owned()];
    if made.is_ok_and(|s| s.success()) {
        files.push(fifo.to_str().unwrap().to_owned());
    }
    for file in &files {
        let out = send(&["--dry-run", file]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains("is not a regular file"), "{err}");
    }
}

/// `generate --email` says the draft was written, and warns when it cannot be sent as it is
/// (first-day friction, item 2).
#[test]
fn generate_email_names_the_draft_and_warns_when_it_cannot_be_sent() {
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &["-t", "event-brief", "-p", "event=dushanbe-2018"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("and its email draft"), "{err}");
    assert!(err.contains("event-brief-dushanbe-2018.eml"), "{err}");
    assert!(
        err.contains("warning: the email drafts have no From address"),
        "{err}"
    );
    assert!(
        err.contains("warning: the email drafts have no recipients"),
        "{err}"
    );
    let out = draft(
        dir.path(),
        &[
            "-t",
            "event-brief",
            "-p",
            "event=dushanbe-2018",
            "--from",
            "briefings@example.org",
            "--to",
            "desk@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

/// A hostile SMTP server on 127.0.0.1 that does `behaviour` with the first client.
fn hostile_server(behaviour: fn(std::net::TcpStream)) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            behaviour(stream)
        }
    });
    port
}

/// A greeting line that never ends is cut at the reply limit (it once grew memory without
/// bound), and the run says why and how far it got.
#[test]
fn an_endless_greeting_is_cut_off() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let port = hostile_server(|mut s| {
        let chunk = [b'2'; 8192];
        while s.write_all(&chunk).is_ok() {}
    });
    let started = std::time::Instant::now();
    let out = send_local(port, &eml);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "the SMTP server at 127.0.0.1:{port} sent more than 1024 KB without ending its replies"
        )),
        "{err}"
    );
    assert!(err.contains("0 of 1 message sent"), "{err}");
}

/// A server that keeps a continuation line coming every few hundred milliseconds never lets
/// the socket time out; the message's deadline ends it.
#[test]
fn a_trickling_server_meets_the_send_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let port = hostile_server(|mut s| {
        while s.write_all(b"220-still thinking\r\n").is_ok() {
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
    });
    let started = std::time::Instant::now();
    let out = send(&[
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port.to_string(),
        "--smtp-tls",
        "none",
        "--smtp-timeout",
        "2",
        eml.to_str().unwrap(),
    ]);
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "timed out talking to 127.0.0.1:{port} (no answer within 2 s)"
        )),
        "{err}"
    );
}

/// What a server says reaches the terminal as text: no escape sequence, bidi control or
/// line break of its own.
#[test]
fn a_servers_reply_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let port = hostile_server(|stream| {
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        writer.write_all(b"220 hello\r\n").unwrap();
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            let reply: &[u8] = if line.starts_with("EHLO") || line.starts_with("HELO") {
                b"250 ok\r\n"
            } else if line.starts_with("MAIL") {
                "550 no \x1b[2J\x1b[31mRED\u{202e}desrever\r\n".as_bytes()
            } else {
                b"221 bye\r\n"
            };
            if writer.write_all(reply).is_err() {
                break;
            }
        }
    });
    let out = send_local(port, &eml);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        !err.contains('\x1b') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    assert!(err.contains("\\u{1b}[2J"), "{err}");
    assert!(err.contains("\\u{202e}desrever"), "{err}");
}

/// A sent draft gets a record beside it; a second run skips it (a re-run after a partial
/// failure must not send the delivered ones twice) unless `--resend`.
#[test]
fn a_sent_draft_is_not_sent_twice_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let eml = drafts_for(dir.path(), &["desk@example.org"]);
    let (port, inbox) = smtp_server(2);
    let out = send_local(port, &eml);
    assert!(out.status.success(), "{}", stderr(&out));
    let record =
        std::fs::read_to_string(dir.path().join("event-brief-dushanbe-2018.eml.sent")).unwrap();
    assert!(
        record.starts_with("sent 20") && record.contains(" to desk@example.org"),
        "{record}"
    );
    // Again: skipped, said so, nothing sent.
    let out = send_local(port, &eml);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipped ") && err.contains("give `--resend`"),
        "{err}"
    );
    assert_eq!(inbox.0.lock().unwrap().len(), 1);
    let dry = send(&["--dry-run", eml.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&dry.stdout).contains("  already:    sent 20"));
    // Asked: sent again.
    let out = send(&[
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port.to_string(),
        "--smtp-tls",
        "none",
        "--resend",
        eml.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(inbox.0.lock().unwrap().len(), 2);
}

/// An address the SMTP client would refuse is refused by the one check `generate` and
/// `send` share: before any draft is written, and in a hand-edited draft before the first
/// message goes out (it once stopped `send` midway, later drafts never tried).
#[test]
fn every_envelope_is_checked_before_anything_is_sent() {
    for bad in ["a..b@example.org", ".a@example.org", "a@-example.org"] {
        let dir = tempfile::tempdir().unwrap();
        let out = draft(
            dir.path(),
            &[
                "-t",
                "event-brief",
                "-p",
                "event=dushanbe-2018",
                "--from",
                "b@example.org",
                "--to",
                bad,
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not an email address"),
            "{}",
            stderr(&out)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let first = drafts_for(dir.path(), &["desk@example.org"]);
    let other = tempfile::tempdir().unwrap();
    let second = drafts_for(other.path(), &["desk@example.org"]);
    let text = std::fs::read_to_string(&second).unwrap();
    let edited = text.replacen("To: <desk@example.org>", "To: <a..b@example.org>", 1);
    assert!(edited != text, "the draft's To line changed shape");
    std::fs::write(&second, edited).unwrap();
    let (port, inbox) = smtp_server(2);
    let out = send(&[
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        &port.to_string(),
        "--smtp-tls",
        "none",
        first.to_str().unwrap(),
        second.to_str().unwrap(),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a..b@example.org"), "{err}");
    assert!(inbox.0.lock().unwrap().is_empty(), "nothing is sent: {err}");
}

/// An organisation summary has email drafts of its own: its subject and covering note name
/// the organisation, never call it a country.
#[test]
fn an_organisation_summary_has_its_own_covering_note() {
    let dir = tempfile::tempdir().unwrap();
    let out = draft(
        dir.path(),
        &[
            "-t",
            "organization-participation",
            "-p",
            "organization=lake-commission",
            "--data",
            "tests/fixtures/minimal",
            "--to",
            "d@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The fact base's only organisation: chosen without `-p`, named without it.
    let eml = std::fs::read(dir.path().join("organization-participation.eml")).unwrap();
    let m = parse(&eml);
    assert!(
        m.subject()
            .unwrap()
            .starts_with("Lake Basin Commission: participation summary"),
        "{:?}",
        m.subject()
    );
    let text = m.body_text(0).unwrap();
    assert!(
        text.contains(
            "Please find attached a summary of the participation of Lake Basin Commission in the Lake Dialogue."
        ),
        "{text}"
    );
    assert!(
        text.contains("one event on record (1–2 June 2021)"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("country"), "{text}");
}
