//! `brief preview`, spawned for real in a new project and spoken to over HTTP: it serves
//! the pages and the PDF from memory, answers only to the loopback names with its port,
//! refuses other methods, other sites and paths out of its few, announces builds in order,
//! lists a failed build's problems and keeps the last good pages, and never takes a busy
//! port. The browser test (`preview_in_a_browser`) drives the page itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::watch::Watch;
use crate::support::*;

/// Starts `brief preview ARGS…` in `dir`; the running preview and its address
/// (`127.0.0.1:PORT`).
pub fn start(dir: &Path, args: &[&str]) -> (Watch, String) {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let preview = Watch::command(Path::new(env!("CARGO_BIN_EXE_brief")), dir, "preview", &all);
    let log = preview.wait_for("stdout: {\"url\":", 1);
    let line = log
        .lines()
        .find_map(|l| l.strip_prefix("stdout: "))
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(line).unwrap();
    let url = json["url"].as_str().unwrap();
    let addr = url
        .strip_prefix("http://")
        .and_then(|u| u.strip_suffix('/'))
        .unwrap()
        .to_owned();
    assert!(addr.starts_with("127.0.0.1:"), "{url}");
    (preview, addr)
}

/// A response: status, headers (lowercase names) and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        (self.headers.iter())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// Sends `method path` to `addr` with `headers` (a `Host` of `addr` unless one is given),
/// and reads the whole response (bounded in time).
pub fn request(addr: &str, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut text = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        text.push_str(&format!("Host: {addr}\r\n"));
    }
    for (k, v) in headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    stream.write_all(text.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = unchunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// Waits (at most 30 s) until `/build` says `id` or later; that build.
pub fn build_after(addr: &str, id: u64) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let build = request(addr, "GET", "/build", &[]).json();
        if build["id"].as_u64().unwrap() > id {
            return build;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no build after {id}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_preview_serves_its_pages_and_refuses_everything_else() {
    let (_s, dir) = new_project();
    let (preview, addr) = start(&dir, &["-t", "process-history"]);
    let port = addr.rsplit(':').next().unwrap().to_owned();
    // The page, with a strict policy and no CORS.
    let page = request(&addr, "GET", "/", &[]);
    assert_eq!(page.status, 200);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(page.header("access-control-allow-origin").is_none());
    assert!(String::from_utf8_lossy(&page.body).contains("/app.js"));
    // The build: pages by hash, each served as SVG of the page's size.
    let build = request(&addr, "GET", "/build", &[]).json();
    assert_eq!(build["ok"], true);
    // The tab is named by the document's title, not by its file.
    let title = build["title"].as_str().unwrap();
    assert!(!title.is_empty() && title != "process-history", "{title}");
    let pages = build["pages"].as_array().unwrap();
    assert!(!pages.is_empty());
    let first = request(
        &addr,
        "GET",
        &format!("/page/{}.svg", pages[0]["hash"].as_str().unwrap()),
        &[],
    );
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("image/svg+xml"));
    let policy = first.header("content-security-policy").unwrap();
    assert!(
        policy.contains("sandbox") && policy.contains("default-src 'none'"),
        "{policy}"
    );
    assert!(String::from_utf8_lossy(&first.body).starts_with("<svg"));
    assert!(
        (pages[0]["width"].as_f64().unwrap() - 595.28).abs() < 0.1,
        "{build}"
    );
    // The PDF, to download, the same as `generate` makes.
    let pdf = request(&addr, "GET", "/document.pdf", &[]);
    assert_eq!(pdf.status, 200);
    assert!(
        pdf.header("content-disposition")
            .unwrap()
            .contains("process-history.pdf")
    );
    assert_eq!(pdf_pages_text(&pdf.body).len(), pages.len());
    // HEAD: the headers without the body.
    let head = request(&addr, "HEAD", "/build", &[]);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    // Other hosts (DNS rebinding), other sites, other methods, other paths.
    for host in [
        "evil.example",
        "127.0.0.1",
        "localhost:1",
        "127.0.0.1.evil.example",
    ] {
        assert_eq!(
            request(&addr, "GET", "/build", &[("Host", host)]).status,
            421,
            "{host}"
        );
    }
    assert_eq!(
        request(&addr, "GET", "/", &[("Host", &format!("localhost:{port}"))]).status,
        200
    );
    assert_eq!(
        request(&addr, "GET", "/build", &[("Origin", "http://evil.example")]).status,
        403
    );
    assert_eq!(
        request(
            &addr,
            "GET",
            "/build",
            &[("Origin", &format!("http://{addr}"))]
        )
        .status,
        200
    );
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let reply = request(&addr, method, "/build", &[]);
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("allow"), Some("GET, HEAD"));
    }
    for path in [
        "/../brief.toml",
        "/page/../../brief.toml",
        "/%2e%2e/brief.toml",
        "/data/sources.yaml",
        "/page/0000000000000000.svg",
        "/brief.toml",
    ] {
        assert_eq!(request(&addr, "GET", path, &[]).status, 404, "{path}");
    }
    let (code, log) = preview.terminate();
    assert_eq!(code, Some(0), "{log}");
}

/// Builds are announced in order on the event stream; a broken save lists its problems
/// (file and line) over the last good pages; the fix clears them.
#[test]
fn builds_are_announced_in_order_and_a_failed_one_keeps_the_last_pages() {
    let (_s, dir) = new_project();
    let (preview, addr) = start(&dir, &["-t", "process-history"]);
    // The event stream: read as a browser's EventSource would.
    let mut stream = TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
        .write_all(
            format!("GET /events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
    let mut events = BufReader::new(stream);
    let mut last = 0;
    // Reads the stream until a build satisfies `done`: every announced build is later than
    // the one before, and carries its id as the event's; that build.
    let mut until = move |done: &dyn Fn(&serde_json::Value) -> bool| -> serde_json::Value {
        let mut line = String::new();
        let mut event_id = None;
        loop {
            line.clear();
            assert!(events.read_line(&mut line).unwrap() > 0, "the stream ended");
            if let Some(id) = line.trim_end().strip_prefix("id: ") {
                event_id = Some(id.parse::<u64>().unwrap());
            }
            let Some(data) = line.trim_end().strip_prefix("data: ") else {
                continue;
            };
            let build: serde_json::Value = serde_json::from_str(data).unwrap();
            let id = build["id"].as_u64().unwrap();
            assert_eq!(event_id.take(), Some(id), "{line}");
            assert!(id > last, "build {id} announced after {last}");
            last = id;
            if done(&build) {
                return build;
            }
        }
    };
    // As an editor saves: written beside, renamed over (one event).
    let save = |path: &Path, text: &[u8]| {
        let temporary = path.with_file_name(".saving.tmp");
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, path).unwrap();
    };
    let good = until(&|b| b["id"] == 1);
    assert_eq!(good["ok"], true);
    let events_file = dir.join("data/events/2024-reykjavik.yaml");
    let text = std::fs::read_to_string(&events_file).unwrap();
    save(
        &events_file,
        text.replace("qualifier: more than", "qualifier: at least")
            .as_bytes(),
    );
    let second = until(&|b| b["id"].as_u64().unwrap() >= 2);
    assert_eq!(second["ok"], true);
    assert_ne!(second["pages"], good["pages"], "the edit changes a page");
    // What changed on a page comes as a patch from the drawing before: a fraction of it.
    let hashes = |b: &serde_json::Value| -> Vec<String> {
        (b["pages"].as_array().unwrap().iter())
            .map(|p| p["hash"].as_str().unwrap().to_owned())
            .collect()
    };
    let (before, after) = (hashes(&good), hashes(&second));
    let (old, new) = (before.iter().zip(&after))
        .find(|(o, n)| o != n)
        .expect("a page changed");
    let patch = request(&addr, "GET", &format!("/patch/{old}/{new}.json"), &[]);
    assert_eq!(patch.status, 200);
    let patch = patch.json();
    let fresh: usize = (patch["fresh"].as_array().unwrap().iter())
        .map(|m| m.as_str().unwrap().len())
        .sum();
    let page = request(&addr, "GET", &format!("/page/{new}.svg"), &[]).body;
    assert!(patch["root"].as_str().unwrap().starts_with("<svg "));
    assert!(
        fresh > 0 && fresh * 5 < page.len(),
        "{fresh} bytes of {}",
        page.len()
    );
    assert!(!patch["kids"].as_array().unwrap().is_empty());
    assert_eq!(
        request(&addr, "GET", &format!("/patch/{old}/nothing.json"), &[]).status,
        404
    );
    // A save that changes nothing makes a build with the same page addresses: the browser
    // fetches nothing again.
    let same = std::fs::read(&events_file).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    save(&events_file, &same);
    let third = until(&|b| b["id"].as_u64().unwrap() > second["id"].as_u64().unwrap());
    assert_eq!(third["pages"], second["pages"]);
    // A broken save: the problems, the last good pages and PDF.
    save(&dir.join("data/events/bad.yaml"), b"- id: [broken\n");
    let failed = until(&|b| b["ok"] == false);
    assert_eq!(failed["pages"], second["pages"]);
    let problem = &failed["problems"][0];
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["at"].as_str().unwrap().ends_with("bad.yaml:1:7"),
        "{problem}"
    );
    assert_eq!(problem["line"], 1);
    assert!(
        problem["text"].as_str().unwrap().contains("bad.yaml:1:7"),
        "{problem}"
    );
    assert_eq!(request(&addr, "GET", "/document.pdf", &[]).status, 200);
    // The fix clears them.
    std::fs::remove_file(dir.join("data/events/bad.yaml")).unwrap();
    let fixed = until(&|b| b["ok"] == true);
    assert_eq!(fixed["problems"], serde_json::json!([]));
    let (code, _) = preview.terminate();
    assert_eq!(code, Some(0));
}

/// A port given is the port used: a busy one is an error, never silently replaced; and
/// `preview` takes one document, as a PDF.
#[test]
fn a_busy_port_is_an_error_and_preview_shows_one_document() {
    let (_s, dir) = new_project();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = brief_in(&dir, &["preview", "-t", "process-history", "--port", &port]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("127.0.0.1:{port}")) && err.contains("--port"),
        "{err}"
    );
    for (args, says) in [
        (vec!["-t", "event-brief", "--all"], "--all"),
        (
            vec!["-t", "process-history", "--format", "png"],
            "--format png",
        ),
        (
            vec!["-t", "process-history", "--editor-url", "vscode://x"],
            "{file}",
        ),
    ] {
        let mut all = vec!["preview"];
        all.extend(args);
        let out = brief_in(&dir, &all);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(says), "{}", stderr(&out));
    }
}

/// `--editor-url` makes each problem a link into the editor at its file, line and column.
#[test]
fn problems_link_into_the_editor_when_asked() {
    let (_s, dir) = new_project();
    std::fs::write(dir.join("data/events/bad.yaml"), "- id: [broken\n").unwrap();
    let (preview, addr) = start(
        &dir,
        &[
            "-t",
            "process-history",
            "--editor-url",
            "editor://open?file={file}&line={line}&column={column}",
        ],
    );
    let build = build_after(&addr, 0);
    assert_eq!(build["ok"], false);
    let link = build["problems"][0]["link"].as_str().unwrap();
    assert!(link.starts_with("editor://open?file=/"), "{link}");
    assert!(link.ends_with("bad.yaml&line=1&column=7"), "{link}");
    // No good build yet: no pages, no PDF.
    assert_eq!(build["pages"], serde_json::json!([]));
    assert_eq!(request(&addr, "GET", "/document.pdf", &[]).status, 404);
    drop(preview);
}

/// The page in a real browser: the distribution's Chromium, driven by `playwright-core`
/// (`tests/browser/preview.mjs`). Skipped, with a notice, on a developer's machine without
/// them; `.ci/run` installs both and sets `BRIEF_BROWSER_TEST=required`, so there it runs.
#[test]
fn preview_in_a_browser() {
    let chromium = std::env::var("BRIEF_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let browser = repo().join("tests/browser");
    let node = Command::new("node").arg("--version").output();
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("Chromium (Debian: `apt-get install chromium`)"),
        (node.is_err()).then_some("Node.js"),
        (!browser.join("node_modules/playwright-core").exists())
            .then_some("playwright-core (`npm ci --prefix tests/browser`)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os("BRIEF_BROWSER_TEST").is_none(),
            "the browser test is required here, and lacks {}",
            missing.join(", ")
        );
        eprintln!(
            "NOTICE: preview_in_a_browser skipped: no {}",
            missing.join(", no ")
        );
        return;
    }
    let (_s, dir) = new_project();
    // The script starts `brief preview` itself, and again on the same port to see the page
    // reconnect.
    let out = Command::new("node")
        .arg(browser.join("preview.mjs"))
        .arg(env!("CARGO_BIN_EXE_brief"))
        .arg(&dir)
        .arg(&chromium)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let measured: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(measured["pages"].as_u64().unwrap() >= 2, "{measured}");
}
