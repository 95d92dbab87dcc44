//! `--timings`: how long each stage of a run took.
//!
//! In: the stages of a run as they happen (several documents may add to the same stage from
//! different threads). Out: one table on stderr at the end, each stage's time summed over
//! the documents, with its share of the run's wall time.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The stages of a `generate` run, in pipeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Finding the template and its manifest, setting up the sandbox and MiniJinja.
    Templates,
    /// Reading and checking the fact base (and the revision of `--since`).
    Facts,
    /// Building the template's context.
    Context,
    /// Rendering the template to Typst source (with the glyph check).
    Render,
    /// Typst: evaluation and layout.
    Typst,
    /// Typst: writing PDF, PNG or SVG bytes.
    Export,
    /// Writing the files (and email drafts).
    Write,
}

const STAGES: [Stage; 7] = [
    Stage::Templates,
    Stage::Facts,
    Stage::Context,
    Stage::Render,
    Stage::Typst,
    Stage::Export,
    Stage::Write,
];

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Templates => "templates",
            Stage::Facts => "facts",
            Stage::Context => "context",
            Stage::Render => "render",
            Stage::Typst => "typst layout",
            Stage::Export => "typst export",
            Stage::Write => "write",
        }
    }
}

/// Stage times of one run; does nothing when not enabled.
#[derive(Debug)]
pub struct Timings {
    started: Instant,
    totals: Option<Mutex<[Duration; STAGES.len()]>>,
}

impl Timings {
    pub fn new(enabled: bool) -> Self {
        Timings {
            started: Instant::now(),
            totals: enabled.then(|| Mutex::new([Duration::ZERO; STAGES.len()])),
        }
    }

    /// Runs `work`, adding its time to `stage`.
    pub fn time<T>(&self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed());
        result
    }

    /// Adds `took` to `stage`.
    pub fn add(&self, stage: Stage, took: Duration) {
        if let Some(totals) = &self.totals {
            // `STAGES` lists the stages in declaration order: a stage is its own index.
            let mut totals = totals.lock().unwrap_or_else(|e| e.into_inner());
            totals[stage as usize] += took;
        }
    }

    /// The table printed at the end of the run, or `None` when not enabled.
    pub fn report(&self) -> Option<String> {
        let totals = *self
            .totals
            .as_ref()?
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let wall = self.started.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut text = String::from("timings (summed over documents):\n");
        for (stage, took) in STAGES.iter().zip(totals) {
            text.push_str(&format!(
                "  {:<13} {:>9.1} ms {:>5.1} %\n",
                stage.name(),
                ms(took),
                100.0 * took.as_secs_f64() / wall.as_secs_f64().max(1e-9)
            ));
        }
        text.push_str(&format!("  {:<13} {:>9.1} ms (wall)", "run", ms(wall)));
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_report_in_pipeline_order() {
        let timings = Timings::new(true);
        timings.add(Stage::Typst, Duration::from_millis(30));
        timings.add(Stage::Facts, Duration::from_millis(5));
        timings.add(Stage::Typst, Duration::from_millis(12));
        let value = timings.time(Stage::Render, || 7);
        assert_eq!(value, 7);
        let report = timings.report().unwrap();
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.len(), STAGES.len() + 2, "{report}");
        assert!(
            lines[2].contains("facts") && lines[2].contains("5.0 ms"),
            "{report}"
        );
        assert!(
            lines[5].contains("typst layout") && lines[5].contains("42.0 ms"),
            "{report}"
        );
        assert!(lines[8].contains("(wall)"), "{report}");
    }

    #[test]
    fn every_stage_is_listed_once_at_its_own_index() {
        for (i, stage) in STAGES.iter().enumerate() {
            assert_eq!(*stage as usize, i, "{stage:?}");
        }
    }

    #[test]
    fn disabled_timings_report_nothing() {
        let timings = Timings::new(false);
        timings.add(Stage::Typst, Duration::from_millis(30));
        assert_eq!(timings.time(Stage::Write, || "done"), "done");
        assert!(timings.report().is_none());
    }
}
