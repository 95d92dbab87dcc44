//! Batch: many documents in one process, in parallel on all cores (one thread per core,
//! each making one document after another; Typst's own parallel work runs on rayon).
//!
//! In: the parameter values to make a document for, and the function that makes one. Out:
//! each document's result, in the order given. Progress shows as a bar on a terminal and as
//! one line per document otherwise; a failing document is reported and the others go on.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

use crate::diag::UsageError;
use crate::facts::FactBase;
use crate::output::{Written, plural};
use crate::templates::{ParamSpec, TemplateManifest};

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
    let quiet = crate::term::quiet() || !progress;
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
    let results = crate::threads::map_in_order(values, crate::threads::cores(), |value| {
        let result = make(value);
        let n = done.fetch_add(1, Ordering::SeqCst) + 1;
        let line = match &result {
            Ok(written) => format!("[{n}/{total}] wrote {written}"),
            Err(err) => {
                let (message, _) = crate::diag::describe(err);
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
            None if result.is_err() || !quiet => crate::term::errln!("{line}"),
            None => {}
        }
        result
    });
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
    let values: Vec<String> = crate::context::choices(base, param.kind)
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
    crate::term::info(format!(
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

#[cfg(test)]
mod tests {
    use super::in_parallel;
    use crate::output::Written;

    fn written(value: &str) -> Written {
        Written {
            paths: vec![std::path::PathBuf::from(format!("{value}.pdf"))],
            pages: 1,
            bytes: value.len(),
            draft: None,
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
}
