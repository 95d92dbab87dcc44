//! Memory: the budget of a run (`--max-memory`), a watchdog on the process's resident memory
//! that stops the run naming the documents being made.
//!
//! Files already written stay as they are, and the one being written is never left partial
//! (see `output::write_atomic`).

/// What is being made right now, for the memory watchdog's message: a label and the advice
/// that fits it.
static CURRENT: std::sync::Mutex<Vec<(String, &'static str)>> = std::sync::Mutex::new(Vec::new());

/// The advice when a document takes more memory than the budget.
const LOOPING: &str = "a template or fact base that needs this much is most likely looping; raise the budget with `--max-memory` if it is not";

/// The advice when a revision of the history takes more memory than the budget.
pub const LARGE_REVISION: &str = "a file of that revision is larger than it can be read in this budget (a hostile repository?); raise it with `--max-memory` if the file is genuine";

/// Marks a document as being made until the returned guard is dropped.
pub fn making(label: String) -> impl Drop {
    making_with(label, LOOPING)
}

/// Marks `label` as being made, with the advice the watchdog gives if it stops it there.
pub fn making_with(label: String, advice: &'static str) -> impl Drop {
    struct Guard(String);
    impl Drop for Guard {
        fn drop(&mut self) {
            let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = current.iter().position(|(l, _)| *l == self.0) {
                current.remove(i);
            }
        }
    }
    CURRENT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((label.clone(), advice));
    Guard(label)
}

/// The name every temporary folder of this process starts with (`.brief-PID-`), so that
/// they can be removed however the run ends — on a signal (Ctrl-C, `kill`) or when the
/// watchdog stops it — even one made an instant before.
pub fn scratch_prefix() -> String {
    format!(".brief-{}-", std::process::id())
}

/// A temporary folder removed on every exit path: dropped as usual, and on Ctrl-C,
/// termination and the memory watchdog. The first one installs a handler for Ctrl-C and
/// termination (before the folder is made) that removes them and exits with status 130 —
/// unless the command has its own (`watch`, which stops between rebuilds and drops them).
pub fn scratch_dir() -> std::io::Result<tempfile::TempDir> {
    static HANDLER: std::sync::Once = std::sync::Once::new();
    HANDLER.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            remove_scratch();
            std::process::exit(130);
        });
    });
    tempfile::Builder::new().prefix(&scratch_prefix()).tempdir()
}

/// Removes every temporary folder of this process (before it exits abruptly).
fn remove_scratch() {
    let prefix = scratch_prefix();
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The resident memory of this process, in bytes (Linux; none elsewhere).
fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Watches the process's memory: past `limit` bytes the run stops at once with an error
/// naming the documents being made (exit status 1). Files already written stay as they
/// are, and the one being written is never left partial (see `output::write_atomic`).
pub fn watch_memory(limit: u64) {
    if resident_bytes().is_none() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("memory watchdog".into())
        .spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(20));
                let Some(used) = resident_bytes() else { return };
                if used > limit {
                    let (current, help) = {
                        let c = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
                        let labels: Vec<&str> = c.iter().map(|(l, _)| l.as_str()).collect();
                        (labels.join(", "), c.last().map_or(LOOPING, |(_, a)| *a))
                    };
                    crate::term::errln!(
                        "{}: stopped: {} took more than the memory budget ({} MiB, now {} MiB)\n  = help: {help}",
                        crate::diag::severity_word(crate::diag::Severity::Error),
                        if current.is_empty() { "making the document".to_owned() } else { format!("making {current}") },
                        limit >> 20,
                        used >> 20
                    );
                    remove_scratch();
                    std::process::exit(1);
                }
            }
        });
    if spawned.is_err() {
        crate::term::errln!("warning: the memory budget cannot be watched (no thread could start)");
    }
}
