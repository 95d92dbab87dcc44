//! Preview: the briefing's pages served to a browser tab on 127.0.0.1, updated on every
//! save.
//!
//! In: builds ([`Build`]) published by the `preview` command as it rebuilds. Out: an HTTP
//! server that serves, from memory only, a page (`/`, `/app.js`, `/app.css`), the current
//! build as JSON (`/build`), each page as SVG by the hash of its layout
//! (`/page/HASH.svg`), what changed between two drawings of a page (`/patch/OLD/NEW.json`,
//! see [`patch`]), the last good PDF (`/document.pdf`) and a stream of server-sent
//! events (`/events`: `build` with the new build, as `/build` gives it). Small and safe: GET and HEAD only
//! (else 405), the `Host` header must name the loopback address or `localhost` with our
//! port (else 421: DNS rebinding), an `Origin` header must be ours (else 403), no CORS
//! headers, a strict Content-Security-Policy, every other path 404.

use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

mod patch;

use crate::compile::SvgPage;
use crate::diag::{Problem, Severity};

const PAGE: &str = include_str!("page.html");
const APP_JS: &str = include_str!("app.js");
const APP_CSS: &str = include_str!("app.css");
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect x=\"3\" y=\"1\" width=\"10\" height=\"14\" fill=\"#fff\" stroke=\"#1f3a5f\"/><path d=\"M5 5h6M5 8h6M5 11h4\" stroke=\"#1f3a5f\"/></svg>";

/// The page's Content-Security-Policy: its own script, style and images (and the images a
/// page's drawing holds), nothing else.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// A page's SVG, opened on its own: drawn, never run.
const SVG_CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox";

/// How many of the latest builds' pages stay served.
const KEPT_BUILDS: u64 = 3;

/// The most event streams served at once (each holds a thread).
const MAX_STREAMS: usize = 32;

/// The most requests answered on threads of their own at once (drawing pages, making the
/// PDF); more are answered one after another.
const MAX_WORKERS: usize = 8;

/// How often an idle event stream sends a comment, so that proxies and the browser keep it.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// A problem as the page lists it: as `check` prints it, and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    /// `error` or `warning`.
    pub severity: &'static str,
    pub message: String,
    /// `data/events/x.yaml:12:5`, when the problem is in a file.
    pub at: Option<String>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub help: Vec<String>,
    /// The whole problem as `check` prints it (without colour).
    pub text: String,
    /// A link into the editor (`--editor-url`), when asked for and the problem has a place.
    pub link: Option<String>,
}

impl ProblemView {
    /// `problem` as the page shows it; `editor`: a URL pattern with `{file}`, `{line}` and
    /// `{column}`.
    pub fn of(problem: &Problem, editor: Option<&str>) -> ProblemView {
        let (file, line, column) = match &problem.at {
            Some(at) => {
                let (line, column) = at.line_col();
                (Some(at.file.name.clone()), Some(line), Some(column))
            }
            None => (None, None, None),
        };
        let link = match (editor, &file, line, column) {
            (Some(pattern), Some(file), Some(line), Some(column)) => {
                let path = std::path::Path::new(file);
                let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                Some(
                    pattern
                        .replace("{file}", &path.display().to_string())
                        .replace("{line}", &line.to_string())
                        .replace("{column}", &column.to_string()),
                )
            }
            _ => None,
        };
        ProblemView {
            severity: match problem.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: problem.message.clone(),
            at: problem.at.as_ref().map(|a| a.to_string()),
            file,
            line,
            column,
            help: problem.help.clone(),
            text: problem.render().trim_end().to_owned(),
            link,
        }
    }
}

/// One build as the server shows it.
#[derive(Debug, Clone, Default)]
pub struct Build {
    /// Counts up from 1 with every build, good or failed.
    pub id: u64,
    /// The pages of the last good build.
    pub pages: Vec<PageInfo>,
    /// The last good build's PDF.
    pub pdf: Option<Arc<DocumentPdf>>,
    /// The problems of this build: none when it is good (warnings aside).
    pub problems: Vec<ProblemView>,
    /// Whether this build succeeded (its pages are the current ones).
    pub ok: bool,
    /// The document's title, for the tab.
    pub title: String,
}

/// The PDF of a good build, made on its first download and then kept: making it costs as
/// much as drawing every page, and most saves are never downloaded.
pub struct DocumentPdf {
    /// Its file name.
    pub name: String,
    make: Box<dyn Fn() -> Result<Vec<u8>, String> + Send + Sync>,
    made: std::sync::OnceLock<Result<Arc<Vec<u8>>, String>>,
}

impl DocumentPdf {
    /// The PDF, or why it cannot be made.
    fn bytes(&self) -> Result<Arc<Vec<u8>>, String> {
        self.made
            .get_or_init(|| (self.make)().map(Arc::new))
            .clone()
    }
}

impl std::fmt::Debug for DocumentPdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DocumentPdf({})", self.name)
    }
}

/// A page of a build: the hash of its layout (its URL) and its size in points.
#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub hash: String,
    pub width: f64,
    pub height: f64,
    /// The page's text, for screen readers (the SVG draws the letters as shapes).
    pub text: String,
}

/// What the server serves, shared with the command that rebuilds.
#[derive(Default)]
struct State {
    build: Build,
    /// Every page of the last few builds, by hash, with the last build that had it: a
    /// browser still fetching the pages of the build before the newest one gets them.
    svgs: HashMap<String, (Arc<Drawn>, u64)>,
}

/// A page's SVG (drawn when first asked for), and its elements once a patch needed them.
struct Drawn {
    drawing: crate::compile::Drawing,
    tree: std::sync::OnceLock<Option<patch::Tree>>,
}

impl Drawn {
    fn tree(&self) -> Option<&patch::Tree> {
        self.tree
            .get_or_init(|| patch::Tree::read(self.drawing.svg().clone()))
            .as_ref()
    }
}

/// The server's side of the preview: publish builds with [`Preview::publish`].
#[derive(Clone)]
pub struct Preview {
    shared: Arc<(Mutex<State>, Condvar)>,
    port: u16,
    /// Names this run of the server: build ids start again at 1 when brief restarts, and the
    /// page must not take a new build 3 for the old one.
    instance: String,
}

/// The address of a free port on the loopback interface, or of `port`: a busy port is an
/// error, never replaced by another.
pub fn bind(port: Option<u16>) -> Result<TcpListener, crate::diag::UsageError> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port.unwrap_or(0)));
    listen(addr).map_err(|e| match port {
        Some(p) => crate::diag::UsageError::new(format!(
            "cannot serve the preview on 127.0.0.1:{p} ({e})"
        ))
        .help("another program may be using the port: choose another with `--port`, or leave `--port` out for a free one"),
        None => crate::diag::UsageError::new(format!(
            "cannot open a port on 127.0.0.1 for the preview ({e})"
        )),
    })
}

/// A listening socket on `addr` whose connections send at once (TCP_NODELAY, inherited by
/// the accepted sockets). The server writes an answer's headers and its body separately:
/// with Nagle's algorithm the body would wait for the browser to acknowledge the headers,
/// which it delays by up to 40 ms. As `TcpListener::bind` does, the address may be reused
/// while an earlier run's connections linger (`SO_REUSEADDR`, not on Windows, where it would
/// let two servers share a port).
fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    use socket2::{Domain, Protocol, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP))?;
    if cfg!(unix) {
        socket.set_reuse_address(true)?;
    }
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    Ok(socket.into())
}

impl Preview {
    /// Starts serving on `listener` in the background.
    pub fn serve(listener: TcpListener) -> anyhow::Result<Preview> {
        let port = listener.local_addr()?.port();
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| anyhow::anyhow!("cannot start the preview server ({e})"))?;
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let preview = Preview {
            shared: Arc::new((Mutex::new(State::default()), Condvar::new())),
            port,
            instance: format!("{started:x}-{}", std::process::id()),
        };
        let serving = preview.clone();
        let streams = Arc::new(AtomicUsize::new(0));
        let workers = Arc::new(AtomicUsize::new(0));
        std::thread::Builder::new()
            .name("preview-server".into())
            .spawn(move || {
                for request in server.incoming_requests() {
                    serving.dispatch(request, &streams, &workers);
                }
            })?;
        Ok(preview)
    }

    /// The page's address.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Publishes a good build: its pages (as SVG) and how to make its PDF (`pdf`, called on
    /// the first download).
    pub fn publish(
        &self,
        title: &str,
        pdf_name: &str,
        pdf: impl Fn() -> Result<Vec<u8>, String> + Send + Sync + 'static,
        pages: Vec<SvgPage>,
    ) {
        let (lock, wake) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        let id = state.build.id + 1;
        let infos = pages
            .into_iter()
            .map(|p| {
                let hash = page_name(p.key);
                let drawn = match state.svgs.remove(&hash) {
                    Some((drawn, _)) => drawn,
                    None => Arc::new(Drawn {
                        drawing: p.svg,
                        tree: std::sync::OnceLock::new(),
                    }),
                };
                state.svgs.insert(hash.clone(), (drawn, id));
                PageInfo {
                    hash,
                    width: p.width,
                    height: p.height,
                    text: p.text,
                }
            })
            .collect();
        state.svgs.retain(|_, (_, last)| *last + KEPT_BUILDS > id);
        state.build = Build {
            id,
            pages: infos,
            pdf: Some(Arc::new(DocumentPdf {
                name: pdf_name.to_owned(),
                make: Box::new(pdf),
                made: std::sync::OnceLock::new(),
            })),
            problems: Vec::new(),
            ok: true,
            title: title.to_owned(),
        };
        // Announced before its new pages are drawn: the browser asks first for the pages the
        // reader sees, and each is drawn when first asked for.
        wake.notify_all();
    }

    /// Publishes a failed build: the last good pages stay, with its problems.
    pub fn publish_failure(&self, problems: Vec<ProblemView>) {
        let (lock, wake) = &*self.shared;
        let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
        state.build.id += 1;
        state.build.ok = false;
        state.build.problems = problems;
        wake.notify_all();
    }

    /// Answers `request`: on a thread of its own when it may have to draw a page or make
    /// the PDF (so that the pages in view are drawn side by side, and nothing waits behind
    /// the PDF), at most [`MAX_WORKERS`] at once; else at once.
    fn dispatch(
        &self,
        request: tiny_http::Request,
        streams: &Arc<AtomicUsize>,
        workers: &Arc<AtomicUsize>,
    ) {
        let url = request.url();
        let slow = ["/page/", "/patch/", "/document.pdf"]
            .iter()
            .any(|p| url.starts_with(p));
        if !slow || workers.fetch_add(1, Ordering::SeqCst) >= MAX_WORKERS {
            if slow {
                workers.fetch_sub(1, Ordering::SeqCst);
            }
            return self.handle(request, streams);
        }
        let (serving, streams, done) = (self.clone(), streams.clone(), workers.clone());
        let spawned = std::thread::Builder::new()
            .name("preview-worker".into())
            .spawn(move || {
                serving.handle(request, &streams);
                done.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // No thread: the request went with the closure (its connection closes).
            workers.fetch_sub(1, Ordering::SeqCst);
        }
    }

    fn handle(&self, request: tiny_http::Request, streams: &Arc<AtomicUsize>) {
        let head = *request.method() == tiny_http::Method::Head;
        let answer = match self.check(&request) {
            Err(refused) => refused,
            Ok(()) => {
                let path = request.url().split('?').next().unwrap_or("").to_owned();
                if path == "/events" {
                    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                        streams.fetch_sub(1, Ordering::SeqCst);
                        Answer::text(503, "too many event streams")
                    } else {
                        let preview = self.clone();
                        let self_streams = streams.clone();
                        let streams = streams.clone();
                        let spawned = std::thread::Builder::new()
                            .name("preview-events".into())
                            .spawn(move || {
                                preview.stream_events(request, head);
                                streams.fetch_sub(1, Ordering::SeqCst);
                            });
                        if spawned.is_err() {
                            // No thread: the request (and its connection) went with the
                            // closure; the stream it would have held is free again.
                            self_streams.fetch_sub(1, Ordering::SeqCst);
                        }
                        return;
                    }
                } else {
                    self.answer(&path)
                }
            }
        };
        // tiny_http sends no body to a HEAD request, with the length of this one.
        let _ = request.respond(answer.into_response());
    }

    /// Refuses what a page on another site, or another method, could ask.
    fn check(&self, request: &tiny_http::Request) -> Result<(), Answer> {
        use tiny_http::Method;
        if !matches!(request.method(), Method::Get | Method::Head) {
            let mut answer = Answer::text(405, "only GET and HEAD");
            answer.headers.push(("Allow", "GET, HEAD".to_owned()));
            return Err(answer);
        }
        let header = |name: &str| {
            (request.headers().iter())
                .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
                .map(|h| h.value.as_str().to_owned())
        };
        let ours = [
            format!("127.0.0.1:{}", self.port),
            format!("localhost:{}", self.port),
        ];
        match header("Host") {
            Some(host) if ours.iter().any(|o| o.eq_ignore_ascii_case(&host)) => {}
            _ => {
                return Err(Answer::text(
                    421,
                    "this server answers only to 127.0.0.1 and localhost",
                ));
            }
        }
        if let Some(origin) = header("Origin")
            && !ours
                .iter()
                .any(|o| origin.eq_ignore_ascii_case(&format!("http://{o}")))
        {
            return Err(Answer::text(403, "requests from other sites are refused"));
        }
        Ok(())
    }

    /// The answer to a GET of `path`, from memory.
    fn answer(&self, path: &str) -> Answer {
        let (lock, _) = &*self.shared;
        if path == "/document.pdf" {
            // Made outside the lock: builds go on being published meanwhile.
            let pdf = (lock.lock().unwrap_or_else(|e| e.into_inner()).build.pdf).clone();
            return match pdf.map(|pdf| (pdf.bytes(), pdf.name.clone())) {
                Some((Ok(bytes), name)) => {
                    let mut a = Answer::bytes(200, "application/pdf", bytes.to_vec());
                    let name: String = name
                        .chars()
                        .filter(|c| c.is_ascii_graphic() && *c != '"' && *c != '\\')
                        .collect();
                    a.headers.push((
                        "Content-Disposition",
                        format!("attachment; filename=\"{name}\""),
                    ));
                    a
                }
                Some((Err(why), _)) => Answer::text(500, &format!("the PDF cannot be made: {why}")),
                None => Answer::text(404, "no document has been made yet"),
            };
        }
        if let Some(pair) = path
            .strip_prefix("/patch/")
            .and_then(|p| p.strip_suffix(".json"))
        {
            // Worked out outside the lock, as the PDF is.
            let pages = pair.split_once('/').and_then(|(old, new)| {
                let state = lock.lock().unwrap_or_else(|e| e.into_inner());
                Some((
                    state.svgs.get(old)?.0.clone(),
                    state.svgs.get(new)?.0.clone(),
                ))
            });
            return match pages {
                Some((old, new)) => match old
                    .tree()
                    .zip(new.tree())
                    .and_then(|(o, n)| patch::diff(o, n))
                {
                    Some(patch) => {
                        let json = serde_json::to_vec(&patch).expect("a patch is JSON");
                        let mut a = Answer::bytes(200, "application/json", json);
                        // What two drawings differ by never changes.
                        a.cache = "public, max-age=31536000, immutable";
                        a
                    }
                    None => Answer::text(409, "the page changed as a whole: load it"),
                },
                None => Answer::text(404, "not found"),
            };
        }
        let state = lock.lock().unwrap_or_else(|e| e.into_inner());
        match path {
            "/" | "/index.html" => {
                let mut a =
                    Answer::bytes(200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec());
                a.headers.push(("Content-Security-Policy", CSP.to_owned()));
                a
            }
            "/app.js" => Answer::bytes(
                200,
                "text/javascript; charset=utf-8",
                APP_JS.as_bytes().to_vec(),
            ),
            "/app.css" => {
                Answer::bytes(200, "text/css; charset=utf-8", APP_CSS.as_bytes().to_vec())
            }
            "/favicon.svg" => Answer::bytes(200, "image/svg+xml", ICON.as_bytes().to_vec()),
            "/build" => Answer::bytes(
                200,
                "application/json",
                self.build_json(&state.build).into_bytes(),
            ),
            _ => {
                let drawn = path
                    .strip_prefix("/page/")
                    .and_then(|p| p.strip_suffix(".svg"))
                    .and_then(|hash| state.svgs.get(hash))
                    .map(|(drawn, _)| drawn.clone());
                // Drawn (if it was not yet) outside the lock.
                drop(state);
                match drawn.as_ref().map(|d| d.drawing.svg()) {
                    Some(svg) => {
                        let mut a = Answer::bytes(200, "image/svg+xml", svg.as_bytes().to_vec());
                        // A page's address is its layout: what it serves never changes.
                        a.cache = "public, max-age=31536000, immutable";
                        // Opened on its own rather than as an image, it runs nothing.
                        a.headers
                            .push(("Content-Security-Policy", SVG_CSP.to_owned()));
                        a
                    }
                    None => Answer::text(404, "not found"),
                }
            }
        }
    }

    /// `build` as `/build` and the events give it: one line of JSON.
    fn build_json(&self, b: &Build) -> String {
        serde_json::json!({
            "id": b.id,
            "server": self.instance,
            "ok": b.ok,
            "title": b.title,
            "pages": b.pages,
            "problems": b.problems,
            "pdf": b.pdf.as_ref().map(|pdf| &pdf.name),
        })
        .to_string()
    }

    /// Sends `event: build` with the build (its id as the event's, the build as `/build`
    /// gives it as its data: the page needs no request to learn it) now and on every new
    /// build, and a comment when idle, until the browser goes away.
    fn stream_events(&self, request: tiny_http::Request, head: bool) {
        let mut writer = request.into_writer();
        let started = writer.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        );
        if started.is_err() || head {
            return;
        }
        let (lock, wake) = &*self.shared;
        let mut sent = None;
        loop {
            let (id, json) = {
                let state = lock.lock().unwrap_or_else(|e| e.into_inner());
                let (state, _) = wake
                    .wait_timeout_while(state, KEEP_ALIVE, |s| Some(s.build.id) == sent)
                    .unwrap_or_else(|e| e.into_inner());
                let id = state.build.id;
                (
                    id,
                    (Some(id) != sent).then(|| self.build_json(&state.build)),
                )
            };
            let message = match json {
                None => ": still here\n\n".to_owned(),
                Some(json) => {
                    sent = Some(id);
                    // JSON has no line breaks: one `data` line.
                    format!("event: build\nid: {id}\ndata: {json}\n\n")
                }
            };
            if writer
                .write_all(message.as_bytes())
                .and_then(|()| writer.flush())
                .is_err()
            {
                return;
            }
        }
    }
}

/// An answer before it is sent.
struct Answer {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    cache: &'static str,
    headers: Vec<(&'static str, String)>,
}

impl Answer {
    fn bytes(status: u16, content_type: &'static str, body: Vec<u8>) -> Answer {
        Answer {
            status,
            content_type,
            body,
            cache: "no-store",
            headers: Vec::new(),
        }
    }

    fn text(status: u16, text: &str) -> Answer {
        Answer::bytes(
            status,
            "text/plain; charset=utf-8",
            format!("{text}\n").into_bytes(),
        )
    }

    fn into_response(self) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
        let header = |k: &str, v: &str| {
            tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("a valid header")
        };
        let mut response = tiny_http::Response::from_data(self.body)
            .with_status_code(self.status)
            .with_header(header("Content-Type", self.content_type))
            .with_header(header("Cache-Control", self.cache))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "no-referrer"));
        for (k, v) in &self.headers {
            response = response.with_header(header(k, v));
        }
        response
    }
}

/// A page's address: the hash of its layout (see [`SvgPage::key`]), which is cheap where
/// hashing the drawing of every page on every build was not.
fn page_name(key: u128) -> String {
    // With brief's version: another version may draw the same page otherwise.
    let named = typst::utils::hash128(&(key, env!("CARGO_PKG_VERSION")));
    format!("{named:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PDF is made on its first download, once, and outside the lock; a PDF that cannot
    /// be made says why.
    #[test]
    fn the_pdf_is_made_when_first_asked_for() {
        let preview = Preview::serve(bind(None).unwrap()).unwrap();
        let made = Arc::new(AtomicUsize::new(0));
        let counted = made.clone();
        preview.publish(
            "t",
            "t.pdf",
            move || {
                counted.fetch_add(1, Ordering::SeqCst);
                Ok(b"%PDF".to_vec())
            },
            Vec::new(),
        );
        assert_eq!(made.load(Ordering::SeqCst), 0, "made before anyone asked");
        for _ in 0..2 {
            let answer = preview.answer("/document.pdf");
            assert_eq!((answer.status, answer.body.as_slice()), (200, &b"%PDF"[..]));
        }
        assert_eq!(made.load(Ordering::SeqCst), 1);
        // The file name cannot break out of its header.
        preview.publish("t", "a \"b\\c\".pdf", || Ok(Vec::new()), Vec::new());
        let answer = preview.answer("/document.pdf");
        let disposition = (answer.headers.iter())
            .find(|(name, _)| *name == "Content-Disposition")
            .map(|(_, value)| value.clone());
        assert_eq!(
            disposition.as_deref(),
            Some("attachment; filename=\"abc.pdf\"")
        );
        preview.publish("t", "t.pdf", || Err("PDF/A-2b: no".into()), Vec::new());
        let answer = preview.answer("/document.pdf");
        assert_eq!(answer.status, 500);
        assert!(String::from_utf8_lossy(&answer.body).contains("PDF/A-2b: no"));
    }

    /// The pages of the last three builds are served (a browser may still be fetching the
    /// previous build's), older ones not.
    #[test]
    fn pages_of_the_last_three_builds_stay_served() {
        let preview = Preview::serve(bind(None).unwrap()).unwrap();
        let page = |svg: String| SvgPage {
            key: typst::utils::hash128(&svg),
            svg: crate::compile::Drawing::drawn(svg),
            width: 1.0,
            height: 1.0,
            text: String::new(),
        };
        preview.publish(
            "t",
            "t.pdf",
            || Ok(Vec::new()),
            vec![page("<svg>1</svg>".into())],
        );
        let first = format!(
            "/page/{}.svg",
            page_name(typst::utils::hash128(&"<svg>1</svg>"))
        );
        assert_eq!(preview.answer(&first).status, 200);
        for (build, kept) in [(2, true), (3, true), (4, false)] {
            preview.publish(
                "t",
                "t.pdf",
                || Ok(Vec::new()),
                vec![page(format!("<svg>{build}</svg>"))],
            );
            assert_eq!(
                preview.answer(&first).status == 200,
                kept,
                "after build {build}"
            );
        }
        // A failed build keeps the pages of the last good one.
        preview.publish_failure(Vec::new());
        let last = format!(
            "/page/{}.svg",
            page_name(typst::utils::hash128(&"<svg>4</svg>"))
        );
        assert_eq!(preview.answer(&last).status, 200);
        assert_eq!(preview.answer("/page/nothing.svg").status, 404);
    }

    /// A page whose layout was published before keeps the drawing (and the elements read
    /// off it) it had: only pages whose layout changed are drawn again.
    #[test]
    fn a_page_whose_layout_did_not_change_keeps_its_drawing() {
        let preview = Preview::serve(bind(None).unwrap()).unwrap();
        let page = |key: u128, svg: &str| SvgPage {
            key,
            svg: crate::compile::Drawing::drawn(svg.to_owned()),
            width: 1.0,
            height: 1.0,
            text: String::new(),
        };
        let kept = |key: u128| {
            let state = preview.shared.0.lock().unwrap();
            state.svgs[&page_name(key)].0.clone()
        };
        let none = || Ok(Vec::new());
        preview.publish("t", "t.pdf", none, vec![page(1, "<svg>one</svg>")]);
        let first = kept(1);
        // The same layout, drawn again by a new build: the first drawing stays.
        preview.publish(
            "t",
            "t.pdf",
            none,
            vec![page(1, "<svg>again</svg>"), page(2, "<svg>two</svg>")],
        );
        assert!(Arc::ptr_eq(&first, &kept(1)));
        let answer = preview.answer(&format!("/page/{}.svg", page_name(1)));
        assert_eq!(answer.body, b"<svg>one</svg>");
        assert_eq!(kept(2).drawing.svg().as_str(), "<svg>two</svg>");
    }

    #[test]
    fn a_page_is_named_by_its_layout() {
        assert_eq!(page_name(1), page_name(1));
        assert_ne!(page_name(1), page_name(2));
        assert_eq!(page_name(0).len(), 32);
    }
}
