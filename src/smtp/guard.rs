//! Guard: a relay on 127.0.0.1 between the SMTP client and the server that bounds what the
//! server can do to `brief send` — at most [`MAX_REPLY_BYTES`] from the server on one
//! connection (a greeting line that never ends would otherwise grow without bound), and a
//! total deadline for each message (a server that trickles a byte now and then would
//! otherwise hold the run forever: the socket timeout never fires while bytes arrive).
//!
//! The client connects to the relay; the relay connects to the server and copies bytes both
//! ways unchanged (TLS passes through: the certificate is still checked against the server's
//! name by the client). When a bound is crossed, both sides are closed and the reason is
//! kept for the message the user sees.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use std::time::{Duration, Instant};

/// The most a server may send on one connection: replies are a few lines, a TLS handshake
/// some kilobytes.
pub const MAX_REPLY_BYTES: u64 = 1 << 20;

/// How often the pumps look at the clock and at the stop flag.
const TICK: Duration = Duration::from_millis(200);

/// A running relay to one server.
pub struct Guard {
    local: SocketAddr,
    /// Why a connection was cut, when one was.
    verdict: Arc<Mutex<Option<String>>>,
    stop: Arc<AtomicBool>,
}

impl Guard {
    /// A relay to `host:port` on a free port of 127.0.0.1; each connection through it may
    /// last `deadline` and receive at most `max_reply` bytes from the server.
    pub fn start(
        host: &str,
        port: u16,
        deadline: Duration,
        max_reply: u64,
    ) -> std::io::Result<Guard> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let local = listener.local_addr()?;
        listener.set_nonblocking(true)?;
        let verdict = Arc::new(Mutex::new(None));
        let stop = Arc::new(AtomicBool::new(false));
        let address = format!("{host}:{port}");
        let (v, s) = (verdict.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let (v, s, address) = (v.clone(), s.clone(), address.clone());
                        std::thread::spawn(move || {
                            relay(client, &address, deadline, max_reply, &v, &s)
                        });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    Err(_) => break,
                }
            }
        });
        Ok(Guard {
            local,
            verdict,
            stop,
        })
    }

    /// The port the client connects to.
    pub fn port(&self) -> u16 {
        self.local.port()
    }

    /// Why the last connection was cut, if it was (taken: the next message starts clean).
    pub fn verdict(&self) -> Option<String> {
        self.verdict.lock().ok()?.take()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Copies one client connection to the server and back, within the bounds.
fn relay(
    client: TcpStream,
    address: &str,
    deadline: Duration,
    max_reply: u64,
    verdict: &Mutex<Option<String>>,
    stop: &AtomicBool,
) {
    let cut = |why: String| {
        if let Ok(mut v) = verdict.lock() {
            v.get_or_insert(why);
        }
    };
    let server = match connect(address) {
        Ok(s) => s,
        Err(e) => {
            cut(format!(
                "cannot reach the SMTP server at {address}: {} — check `host` and `port` under `[smtp]` in brief.toml, or `--smtp-host` and `--smtp-port`",
                crate::term::visible(&e.to_string())
            ));
            return;
        }
    };
    let started = Instant::now();
    let (Ok(client_in), Ok(server_out), Ok(server_in), Ok(client_out)) = (
        client.try_clone(),
        server.try_clone(),
        server.try_clone(),
        client.try_clone(),
    ) else {
        return;
    };
    // The reason is recorded before either side is closed, so the client that sees the
    // connection end finds it.
    let why = |ended: Ended| match ended {
        Ended::TooMuch => cut(format!(
            "the SMTP server at {address} sent more than {} KB without ending its replies",
            max_reply / 1024
        )),
        Ended::Late => cut(format!(
            "timed out talking to {address} (no answer within {} s)",
            deadline.as_secs()
        )),
        Ended::Closed => {}
    };
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        // Client → server: what we send; bounded by the deadline only.
        scope.spawn(|| {
            pump(
                client_in,
                server_out,
                started,
                deadline,
                u64::MAX,
                &done,
                &why,
            )
        });
        pump(
            server_in, client_out, started, deadline, max_reply, &done, &why,
        );
        done.store(true, Ordering::Relaxed);
    });
    if stop.load(Ordering::Relaxed) {
        cut(format!("stopped talking to {address}"));
    }
    let _ = server.shutdown(Shutdown::Both);
    let _ = client.shutdown(Shutdown::Both);
}

/// Connects to `address` (a name or an IP, with its port), giving up after 5 s per address.
fn connect(address: &str) -> std::io::Result<TcpStream> {
    let mut last = std::io::Error::other("the name has no address");
    for a in address.to_socket_addrs()? {
        match TcpStream::connect_timeout(&a, Duration::from_secs(5)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// How a pump ended.
#[derive(Debug, PartialEq)]
enum Ended {
    /// One side closed the connection (or failed).
    Closed,
    /// More than the limit arrived.
    TooMuch,
    /// The deadline passed.
    Late,
}

/// Copies `from` to `to` until one closes, `limit` bytes have passed, the deadline passes,
/// or the other direction is done; says why (`why`), then closes both.
fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    started: Instant,
    deadline: Duration,
    limit: u64,
    done: &AtomicBool,
    why: &dyn Fn(Ended),
) {
    let _ = from.set_read_timeout(Some(TICK));
    let _ = to.set_write_timeout(Some(deadline));
    let mut buf = [0u8; 8192];
    let mut total: u64 = 0;
    let ended = loop {
        if started.elapsed() > deadline {
            break Ended::Late;
        }
        if done.load(Ordering::Relaxed) {
            break Ended::Closed;
        }
        match from.read(&mut buf) {
            Ok(0) => break Ended::Closed,
            Ok(n) => {
                total += n as u64;
                if total > limit {
                    break Ended::TooMuch;
                }
                if to.write_all(&buf[..n]).is_err() {
                    break Ended::Closed;
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => break Ended::Closed,
        }
    };
    why(ended);
    done.store(true, Ordering::Relaxed);
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that greets with an endless line; another that says nothing for ever.
    fn server(behaviour: fn(TcpStream)) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((stream, _)) = listener.accept() {
                behaviour(stream)
            }
        });
        port
    }

    fn read_all(port: u16) -> Vec<u8> {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        out
    }

    #[test]
    fn an_endless_reply_is_cut_at_the_limit() {
        let port = server(|mut s| {
            let chunk = [b'2'; 4096];
            while s.write_all(&chunk).is_ok() {}
        });
        let guard = Guard::start("127.0.0.1", port, Duration::from_secs(20), 64 * 1024).unwrap();
        let got = read_all(guard.port());
        assert!(got.len() <= 64 * 1024, "{} bytes passed", got.len());
        std::thread::sleep(Duration::from_millis(100));
        let verdict = guard.verdict().unwrap();
        assert!(verdict.contains("sent more than 64 KB"), "{verdict}");
    }

    #[test]
    fn a_trickling_server_meets_the_deadline() {
        let port = server(|mut s| {
            // A continuation line now and then: the socket never goes quiet for long.
            while s.write_all(b"220-still here\r\n").is_ok() {
                std::thread::sleep(Duration::from_millis(300));
            }
        });
        let started = Instant::now();
        let guard = Guard::start("127.0.0.1", port, Duration::from_secs(1), 1 << 20).unwrap();
        let got = read_all(guard.port());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert!(got.starts_with(b"220-still here"), "{got:?}");
        std::thread::sleep(Duration::from_millis(100));
        let verdict = guard.verdict().unwrap();
        assert!(
            verdict.contains("timed out talking to 127.0.0.1:"),
            "{verdict}"
        );
    }

    #[test]
    fn bytes_pass_unchanged_both_ways() {
        let port = server(|mut s| {
            let mut buf = [0u8; 5];
            s.read_exact(&mut buf).unwrap();
            s.write_all(&buf).unwrap();
        });
        let guard = Guard::start("127.0.0.1", port, Duration::from_secs(10), 1 << 20).unwrap();
        let mut s = TcpStream::connect(("127.0.0.1", guard.port())).unwrap();
        s.write_all(b"hello").unwrap();
        let mut back = [0u8; 5];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"hello");
        drop(s);
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(guard.verdict(), None);
    }
}
