//! What `--since` costs: `brief generate` of the process history on the shipped data, with
//! and without `--since REV` (the fact base read from git at REV, compared, and the section
//! and marks laid out), and `brief diff REV` alone.
//!
//! Run with `cargo bench --bench since` in a clone with history (REV defaults to the first
//! commit that has the fact base, `BRIEF_BENCH_REV=REV` to choose). Runs alternate, so both
//! see the same machine; the median of 15 runs each is printed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rev = std::env::var("BRIEF_BENCH_REV").unwrap_or_else(|_| first_commit_with_data(repo));
    let out = tempfile::tempdir().expect("temp dir");
    let run = |extra: &[&str]| -> Duration {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args([
                "generate",
                "--template",
                "process-history",
                "--date",
                "2026-11-24",
                "-q",
                "--out",
            ])
            .arg(out.path())
            .args(extra)
            .current_dir(repo)
            .status()
            .expect("brief runs");
        assert!(status.success());
        start.elapsed()
    };
    let diff = || -> Duration {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(["diff", &rev, "--format", "json"])
            .current_dir(repo)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("brief runs");
        assert!(status.success());
        start.elapsed()
    };
    let (mut plain, mut since, mut diffs) = (Vec::new(), Vec::new(), Vec::new());
    run(&[]); // warm the file cache
    for _ in 0..RUNS {
        plain.push(run(&[]));
        since.push(run(&["--since", &rev]));
        diffs.push(diff());
    }
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (p, s, d) = (median(plain), median(since), median(diffs));
    println!("process history on the shipped data, median of {RUNS} runs, --since {rev}:");
    println!("  generate            {:>8.1} ms", p.as_secs_f64() * 1e3);
    println!(
        "  generate --since    {:>8.1} ms  (+{:.1} ms, {:+.1} %)",
        s.as_secs_f64() * 1e3,
        (s.as_secs_f64() - p.as_secs_f64()) * 1e3,
        (s.as_secs_f64() / p.as_secs_f64() - 1.0) * 100.0
    );
    println!("  diff (alone)        {:>8.1} ms", d.as_secs_f64() * 1e3);
}

/// The oldest commit in which `data/` exists, via the git program (benchmark only).
fn first_commit_with_data(repo: &Path) -> String {
    let out = Command::new("git")
        .args(["log", "--reverse", "--format=%H", "--", "data"])
        .current_dir(repo)
        .output()
        .expect("git runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .expect("data/ has history")
        .to_owned()
}
