//! Batch: many documents in one process, in parallel on all cores (one thread per core,
//! each making one document after another; Typst's own parallel work runs on rayon).
//!
//! In: the parameter values to make a document for, and the function that makes one. Out:
//! each document's result, in the order given. Progress shows as a bar on a terminal and as
//! one line per document otherwise; a failing document is reported and the others go on.
//!
//! Also here, as it watches whatever documents a run makes (one or a batch): the memory
//! budget (`--max-memory`), a watchdog on the process's resident memory that stops the run
//! naming the documents being made.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

use crate::diag::UsageError;
use crate::facts::FactBase;
use crate::output::{Written, plural};
use crate::templates::{self, ParamSpec, TemplateManifest};

/// `n` documents of a batch failed (each was reported as it failed); exit status 1.
#[derive(Debug)]
pub struct Failed(pub usize);

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            1 => write!(f, "1 document failed (reported above)"),
            n => write!(f, "{n} documents failed (reported above)"),
        }
    }
}

impl std::error::Error for Failed {}

/// Makes a document for each value with `make`, in parallel, showing progress.
pub fn run(
    values: &[String],
    make: impl Fn(&str) -> anyhow::Result<Written> + Sync,
) -> Vec<anyhow::Result<Written>> {
    in_parallel(values, make, true)
}

/// Makes a document for each value with `make`, in parallel; failures are reported as they
/// happen, progress only when `progress` (`watch` prints one line per rebuild instead).
pub fn in_parallel(
    values: &[String],
    make: impl Fn(&str) -> anyhow::Result<Written> + Sync,
    progress: bool,
) -> Vec<anyhow::Result<Written>> {
    let total = values.len();
    let quiet = crate::diag::quiet() || !progress;
    let bar = if quiet {
        None
    } else if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40.cyan/blue} {pos}/{len} {wide_msg}")
                .expect("valid progress template"),
        );
        Some(bar)
    } else {
        None
    };
    let done = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<anyhow::Result<Written>>>> =
        values.iter().map(|_| std::sync::Mutex::new(None)).collect();
    // Documents run on threads of their own, one per core, each taking the next document
    // when it has finished one. Typst parallelises its own work on rayon's pool; were the
    // documents rayon jobs too, a worker waiting on Typst's work would steal and nest whole
    // documents, holding ever more of them in memory at once.
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(total.max(1));
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(value) = values.get(i) else { break };
            let result = make(value);
            let n = done.fetch_add(1, Ordering::SeqCst) + 1;
            let line = match &result {
                Ok(written) => format!("[{n}/{total}] wrote {written}"),
                Err(err) => {
                    let (message, _) = crate::describe_error(err);
                    format!("[{n}/{total}] failed: {value}\n{message}")
                }
            };
            match &bar {
                Some(bar) => {
                    if result.is_err() {
                        bar.println(line);
                    }
                    bar.set_message(value.clone());
                    bar.inc(1);
                }
                None if result.is_err() || !quiet => crate::errln!("{line}"),
                None => {}
            }
            *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // Typst lays out deeply nested content recursively: workers get the stack the
            // main thread has (see `STACK_SIZE`), not the 2 MiB threads get by default.
            let spawned = std::thread::Builder::new()
                .stack_size(crate::STACK_SIZE)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                break;
            }
        }
    });
    let results: Vec<anyhow::Result<Written>> = results
        .into_iter()
        .zip(values)
        .map(|(slot, value)| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| {
                    Err(anyhow::anyhow!(
                        "`{value}` was not made: no worker thread could start"
                    ))
                })
        })
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    results
}

/// What `--all` makes: the template's one parameter and every valid value of it.
pub fn values<'m>(
    manifest: &'m TemplateManifest,
    params: &[(String, String)],
    base: &FactBase,
) -> Result<(&'m ParamSpec, Vec<String>), UsageError> {
    let [param] = manifest.params.as_slice() else {
        return Err(UsageError::new(format!(
            "`--all` needs a template with exactly one parameter; `{}` has {}",
            manifest.name,
            manifest.params.len()
        )));
    };
    if !params.is_empty() {
        return Err(UsageError::new(
            "`--all` makes every document: leave out `--param`",
        ));
    }
    let values: Vec<String> = templates::choices(base, param.kind)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if values.is_empty() {
        return Err(UsageError::new(format!(
            "the fact base has no {} for `{}`",
            param.kind, manifest.name
        )));
    }
    Ok((param, values))
}

/// Prints the batch's summary line; an error when any document failed.
pub fn finish(results: &[anyhow::Result<Written>]) -> anyhow::Result<()> {
    let failed = results.iter().filter(|r| r.is_err()).count();
    let pages: usize = results.iter().flatten().map(|w| w.pages).sum();
    let size: usize = results.iter().flatten().map(|w| w.bytes).sum();
    crate::diag::info(format!(
        "{} of {} written ({}, {} KB){}",
        results.len() - failed,
        plural(results.len(), "document", "documents"),
        plural(pages, "page", "pages"),
        size.div_ceil(1024),
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    ));
    if failed > 0 {
        return Err(Failed(failed).into());
    }
    Ok(())
}

/// The documents being made right now, for the memory watchdog's message.
static CURRENT: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Marks a document as being made until the returned guard is dropped.
pub fn making(label: String) -> impl Drop {
    struct Guard(String);
    impl Drop for Guard {
        fn drop(&mut self) {
            let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(i) = current.iter().position(|l| *l == self.0) {
                current.remove(i);
            }
        }
    }
    CURRENT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(label.clone());
    Guard(label)
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
                    let current = CURRENT.lock().map(|c| c.join(", ")).unwrap_or_default();
                    crate::errln!(
                        "{}: stopped: making {} took more than the memory budget ({} MiB, now {} MiB)\n  = help: a template or fact base that needs this much is most likely looping; raise the budget with `--max-memory` if it is not",
                        crate::diag::severity_word(crate::diag::Severity::Error),
                        if current.is_empty() { "the document".to_owned() } else { current },
                        limit >> 20,
                        used >> 20
                    );
                    std::process::exit(1);
                }
            }
        });
    if spawned.is_err() {
        crate::errln!("warning: the memory budget cannot be watched (no thread could start)");
    }
}

/// `4GiB`, `512MiB`, `2G`, `1000000` (bytes) → bytes.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as `4GiB` or `512MiB`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        "t" | "tb" | "tib" => 1 << 40,
        _ => return Err(format!("`{text}`: unknown unit (use MiB or GiB)")),
    };
    let bytes = number * factor as f64;
    if bytes < (64u64 << 20) as f64 {
        return Err(format!(
            "`{text}` is too little memory to make any document (at least 64MiB)"
        ));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::{in_parallel, parse_size};
    use crate::output::Written;

    fn written(value: &str) -> Written {
        Written {
            paths: vec![std::path::PathBuf::from(format!("{value}.pdf"))],
            pages: 1,
            bytes: value.len(),
        }
    }

    /// Every document is made once, whichever thread takes it; a failing one does not stop
    /// the others, and the results come back in the order given.
    #[test]
    fn every_document_is_made_once_and_results_keep_their_order() {
        let values: Vec<String> = (0..12).map(|i| format!("doc{i:02}")).collect();
        let made = std::sync::Mutex::new(Vec::new());
        let results = in_parallel(
            &values,
            |value| {
                made.lock().unwrap().push(value.to_owned());
                std::thread::sleep(std::time::Duration::from_millis(2));
                if value == "doc00" {
                    anyhow::bail!("no such country");
                }
                Ok(written(value))
            },
            false,
        );
        let mut made = made.into_inner().unwrap();
        made.sort();
        assert_eq!(made, values);
        assert!(results[0].is_err());
        for (result, value) in results.iter().zip(&values).skip(1) {
            let path = &result.as_ref().unwrap().paths[0];
            assert_eq!(path.to_str().unwrap(), format!("{value}.pdf"));
        }
    }

    #[test]
    fn sizes_read_with_units() {
        assert_eq!(parse_size("4GiB").unwrap(), 4 << 30);
        assert_eq!(parse_size("512MiB").unwrap(), 512 << 20);
        assert_eq!(parse_size("2G").unwrap(), 2 << 30);
        assert!(parse_size("10MiB").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("4 parsecs").is_err());
    }
}
