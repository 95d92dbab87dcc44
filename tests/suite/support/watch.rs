//! A spawned `brief watch` and what it prints (shared by `tests/watch.rs` and
//! `benches/goals.rs`).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Watch {
    child: Child,
    log: Arc<Mutex<String>>,
}

impl Watch {
    /// Runs `brief watch ARGS…` in `dir`, collecting its stderr.
    pub fn start<S: AsRef<std::ffi::OsStr>>(brief: &Path, dir: &Path, args: &[S]) -> Watch {
        Watch::command(brief, dir, "watch", args)
    }

    /// Runs `brief COMMAND ARGS…` (`watch`, `preview`) in `dir`, collecting its stderr; its
    /// stdout goes to the log too, after `stdout: `.
    pub fn command<S: AsRef<std::ffi::OsStr>>(
        brief: &Path,
        dir: &Path,
        command: &str,
        args: &[S],
    ) -> Watch {
        let mut child = Command::new(brief)
            .arg(command)
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn brief");
        let stdout = child.stdout.take().expect("piped stdout");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str("stdout: ");
                log.push_str(&line);
                log.push('\n');
            }
        });
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Watch { child, log }
    }

    /// Waits (at most 30 s) until the log contains `needle` `times` times; the log.
    pub fn wait_for(&self, needle: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.matches(needle).count() >= times {
                return log;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no {needle:?} in:\n{log}"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Sends SIGTERM and waits (at most 10 s) for the exit; its status and the whole log.
    pub fn terminate(mut self) -> (Option<i32>, String) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                return (status.code(), self.log.lock().unwrap().clone());
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "watch did not stop"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    /// A test that fails midway must not leave `brief watch` running: it would outlive the
    /// test and hold the test runner's output open.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
