//! Watch: `generate`, then again on every save, until Ctrl-C.
//!
//! In: a checked [`WatchConfig`]. Out: documents rewritten as the fact
//! base, the project's templates or `brief.toml` change, one line per rebuild. The fonts, the
//! Typst library and Typst's memoised layout stay in the process between rebuilds, so
//! unchanged parts are not laid out again. With `--all`, only the documents whose context
//! changed are rebuilt (all of them when a template or `brief.toml` changed). An error in the
//! facts or a template is printed as `check` or `generate` print it; the last good files stay
//! (writes are atomic) and watching goes on. Ctrl-C (or SIGTERM) ends it with status 0.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::{self, RecursiveMode};
use notify_debouncer_mini::{Config as DebounceConfig, new_debouncer_opt};

use crate::pipeline::{Contexted, Prepared, batch};
use crate::settings::{GenerateConfig, WatchConfig};
use crate::term;

/// Runs until interrupted.
pub fn run(watch: &WatchConfig) -> anyhow::Result<()> {
    let config = &watch.generate;
    let stop = stop_on_ctrl_c()?;
    let mut watcher = Watcher::new(watch, &stop, WATCH_QUIET)?;
    let mut state = State::default();
    rebuild(config, &mut state, "start", true);
    term::info(format!("watching {} (Ctrl-C to stop)", watcher.describe()));
    while let Some(change) = watcher.next_change(&stop) {
        rebuild(config, &mut state, &change.what, change.templates);
    }
    term::info("stopped watching");
    Ok(())
}

/// A flag set by Ctrl-C (or SIGTERM).
pub(crate) fn stop_on_ctrl_c() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| anyhow::anyhow!("cannot catch Ctrl-C ({e})"))?;
    Ok(stop)
}

/// A change of the watched files: what changed, for the log line, and whether a template or
/// `brief.toml` did (then every document is rebuilt).
pub(crate) struct Change {
    pub what: String,
    pub templates: bool,
}

/// The fact base, the project's templates and `brief.toml`, watched for saves.
pub(crate) struct Watcher {
    // Kept alive: dropping it ends the watching.
    _debouncer: notify_debouncer_mini::Debouncer<notify::RecommendedWatcher>,
    rx: std::sync::mpsc::Receiver<notify_debouncer_mini::DebounceEventResult>,
    watched: Vec<PathBuf>,
    output: PathBuf,
    root: PathBuf,
    templates: PathBuf,
    project_file: Option<PathBuf>,
    files: HashMap<PathBuf, (u64, Option<std::time::SystemTime>)>,
}

/// How long `watch` waits after a file's first event for the rest of a save: writing a PDF
/// costs enough that one build per save matters.
pub(crate) const WATCH_QUIET: Duration = Duration::from_millis(50);

/// How long `preview` waits: an editor's save (a temporary file renamed over) arrives within a
/// millisecond, a rebuild is cheap, and a half-written file only shows its problem until the
/// next build.
pub(crate) const PREVIEW_QUIET: Duration = Duration::from_millis(10);

impl Watcher {
    /// Watches what `watch` says; a change is reported `quiet` after its first event (events
    /// that follow within it are the same change: an editor's temporary file and rename, a
    /// checkout of several files).
    pub(crate) fn new(
        watch: &WatchConfig,
        stop: &AtomicBool,
        quiet: Duration,
    ) -> anyhow::Result<Watcher> {
        let doc = &watch.generate.document;
        let (tx, rx) = std::sync::mpsc::channel();
        // Links are not followed by the watcher: a link to `/` or to `..` inside the fact
        // base would make it watch the whole file system, or loop.
        let settings = DebounceConfig::default()
            .with_timeout(quiet)
            .with_notify_config(notify::Config::default().with_follow_symlinks(false));
        let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher>(settings, tx)
            .map_err(|e| anyhow::anyhow!("cannot watch files ({e})"))?;
        let mut watched: Vec<PathBuf> = vec![doc.data.clone()];
        if doc.templates.is_dir() {
            watched.push(doc.templates.clone());
        }
        if let Some(file) = &watch.project_file {
            watched.push(file.clone());
        }
        for path in &watched {
            debouncer
                .watcher()
                .watch(path, RecursiveMode::Recursive)
                .map_err(|e| anyhow::anyhow!("cannot watch `{}` ({e})", path.display()))?;
        }
        let output =
            (watch.generate.out.canonicalize()).unwrap_or_else(|_| watch.generate.out.clone());
        let files = snapshot(&watched, &output, &doc.root, stop);
        Ok(Watcher {
            _debouncer: debouncer,
            rx,
            watched,
            output,
            root: doc.root.clone(),
            templates: doc.templates.clone(),
            project_file: watch.project_file.clone(),
            files,
        })
    }

    /// The watched paths, for people.
    pub(crate) fn describe(&self) -> String {
        (self.watched.iter())
            .map(|p| format!("`{}`", p.display()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Waits for the next change of a watched file; none once `stop` is set.
    pub(crate) fn next_change(&mut self, stop: &AtomicBool) -> Option<Change> {
        while !stop.load(Ordering::SeqCst) {
            // An event says only that something happened: reading files (our own rebuild,
            // an editor) reports events too, so the snapshot below decides what changed.
            match self.rx.recv_timeout(Duration::from_millis(100)) {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => {
                    term::err(format!("warning: watching files: {e}"));
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => continue,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return None,
            }
            let now = snapshot(&self.watched, &self.output, &self.root, stop);
            // Stopped during the walk: the snapshot is partial, and there is nothing to
            // rebuild.
            if stop.load(Ordering::SeqCst) {
                return None;
            }
            let changed: Vec<PathBuf> = changed_files(&self.files, &now);
            self.files = now;
            let Some(first) = changed.first() else {
                continue;
            };
            let templates_real = self.templates.canonicalize().ok();
            let templates = changed.iter().any(|p| {
                p.starts_with(&self.templates)
                    || templates_real.as_ref().is_some_and(|t| p.starts_with(t))
                    || self.project_file.as_deref() == Some(p.as_path())
            });
            let what = match changed.len() {
                1 => shown(first, &self.root),
                n => format!("{} and {} more", shown(first, &self.root), n - 1),
            };
            return Some(Change { what, templates });
        }
        None
    }
}

/// What the previous rebuild made: each document's context, to rebuild only what changed.
#[derive(Default)]
struct State {
    contexts: HashMap<String, String>,
}

/// Every file under `paths` (not temporary, not in `output`) with its length and time. A
/// link is followed only to a folder inside `root` not visited yet (never out of the
/// project, never round a loop), and the walk ends at once when `stop` is set.
fn snapshot(
    paths: &[PathBuf],
    output: &Path,
    root: &Path,
    stop: &AtomicBool,
) -> HashMap<PathBuf, (u64, Option<std::time::SystemTime>)> {
    struct Walk<'a> {
        output: &'a Path,
        root: PathBuf,
        stop: &'a AtomicBool,
        visited: std::collections::HashSet<PathBuf>,
        out: HashMap<PathBuf, (u64, Option<std::time::SystemTime>)>,
    }
    impl Walk<'_> {
        fn walk(&mut self, path: &Path) {
            if self.stop.load(Ordering::SeqCst)
                || path.starts_with(self.output)
                || is_temporary(path)
            {
                return;
            }
            let Ok(meta) = std::fs::metadata(path) else {
                return;
            };
            if meta.is_dir() {
                // Each real folder once, and only inside the project.
                let Ok(real) = path.canonicalize() else {
                    return;
                };
                if !real.starts_with(&self.root)
                    || real.starts_with(self.output)
                    || !self.visited.insert(real)
                {
                    return;
                }
                if let Ok(entries) = std::fs::read_dir(path) {
                    for entry in entries.flatten() {
                        self.walk(&entry.path());
                    }
                }
            } else {
                self.out
                    .insert(path.to_path_buf(), (meta.len(), meta.modified().ok()));
            }
        }
    }
    let mut walk = Walk {
        output,
        root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        stop,
        visited: std::collections::HashSet::new(),
        out: HashMap::new(),
    };
    for path in paths {
        walk.walk(path);
    }
    walk.out
}

/// The files added, removed or changed between two snapshots, sorted.
fn changed_files(
    before: &HashMap<PathBuf, (u64, Option<std::time::SystemTime>)>,
    after: &HashMap<PathBuf, (u64, Option<std::time::SystemTime>)>,
) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = after
        .iter()
        .filter(|(p, v)| before.get(*p) != Some(v))
        .map(|(p, _)| p.clone())
        .chain(before.keys().filter(|p| !after.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}

/// Editors' temporary and backup files, and brief's own.
fn is_temporary(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

fn shown(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// One rebuild; errors are printed and watching goes on.
fn rebuild(config: &GenerateConfig, state: &mut State, what: &str, everything: bool) {
    let started = Instant::now();
    let result = (|| -> anyhow::Result<String> {
        let prepared = Prepared::load(config)?;
        // One generator per language asked for (`--lang en,ru`).
        let generators = prepared.generators(config);
        let with_timings = |line: String| match prepared.timings() {
            Some(table) => format!("{line}\n{table}"),
            None => line,
        };
        if !config.all {
            let mut lines = Vec::new();
            for generator in &generators {
                lines.push(format!(
                    "wrote {}",
                    generator.document(&config.document.params)?
                ));
            }
            return Ok(with_timings(lines.join("\n")));
        }
        let (param, values) = prepared.all_values(config)?;
        let mut contexts = HashMap::new();
        // Each document by its value, and its language when there are several.
        let mut changed: HashMap<String, (usize, Contexted)> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        for (i, generator) in generators.iter().enumerate() {
            for value in &values {
                let key = match generator.language_suffix() {
                    Some(tag) => format!("{value} ({tag})"),
                    None => value.clone(),
                };
                let made = generator.context(&[(param.name.clone(), value.clone())])?;
                let text = made.context.to_string();
                let unchanged = !everything && state.contexts.get(&key) == Some(&text);
                contexts.insert(key.clone(), text);
                if !unchanged {
                    changed.insert(key.clone(), (i, made));
                }
                keys.push(key);
            }
        }
        // The documents whose context changed, in parallel as `generate --all` makes them,
        // each from the context just compared.
        let order: Vec<String> = keys
            .iter()
            .filter(|k| changed.contains_key(*k))
            .cloned()
            .collect();
        let results = batch::in_parallel(
            &order,
            |key| {
                let (i, made) = &changed[key];
                generators[*i].make(made)
            },
            false,
        );
        let made = results.iter().filter(|r| r.is_ok()).count();
        let failed: Vec<String> = order
            .iter()
            .zip(&results)
            .filter(|(_, r)| r.is_err())
            .map(|(v, _)| v.clone())
            .collect();
        state.contexts = contexts;
        let mut line = format!("rebuilt {made} of {} documents", keys.len());
        if !failed.is_empty() {
            line.push_str(&format!("; failed: {}", failed.join(", ")));
        }
        Ok(with_timings(line))
    })();
    let ms = started.elapsed().as_millis();
    match result {
        Ok(line) => term::info(format!("[{what}] {line} in {ms} ms")),
        Err(err) => {
            term::err(crate::diag::describe(&err).0);
            term::info(format!(
                "[{what}] not rebuilt; the last good files stay; waiting for the next save"
            ));
            // After an error, the next good save rebuilds everything.
            state.contexts.clear();
        }
    }
}
