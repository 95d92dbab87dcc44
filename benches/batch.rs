//! Batch benchmark: `brief generate --all` against one process per document.
//!
//! Run with `cargo bench --bench batch`. It times, on the shipped `data/` and on a generated
//! fact base of 193 countries and 200 events:
//! - `--all` for `country-participation` and `event-brief` (one process, all cores), and
//! - the same documents made one process at a time (a sample of them, extrapolated).
//!
//! and prints the cost per document of each and their ratio. `BRIEF_BENCH_DATA=DIR` keeps the
//! generated fact base in DIR.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const COUNTRIES: usize = 193;
const EVENTS: usize = 200;
/// How many documents to time as separate processes (the rest is extrapolated).
const SAMPLE: usize = 24;

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("temp dir");
    // `BRIEF_BENCH_DATA=DIR` keeps the generated fact base there, for profiling.
    let synthetic = std::env::var_os("BRIEF_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| scratch.path().join("synthetic"));
    write_synthetic(&synthetic);

    println!(
        "{:<34} {:>6} {:>11} {:>13} {:>13} {:>7}",
        "fact base / template", "docs", "--all", "per doc", "per process", "ratio"
    );
    for (label, data) in [
        ("shipped data", repo.join("data")),
        ("synthetic 193×200", synthetic.clone()),
    ] {
        for (template, kind) in [
            ("country-participation", "country"),
            ("event-brief", "event"),
        ] {
            let out = scratch.path().join(format!("out-{template}"));
            let (docs, all) = time_all(&repo, &data, template, &out);
            let values = list_values(&out, template);
            let sample: Vec<&String> = values.iter().take(SAMPLE).collect();
            let start = Instant::now();
            for v in &sample {
                generate(
                    &repo,
                    template,
                    &data,
                    &out,
                    &["--param", &format!("{kind}={v}")],
                );
            }
            let per_process = start.elapsed() / sample.len() as u32;
            let per_doc = all / docs as u32;
            println!(
                "{:<34} {:>6} {:>11} {:>13} {:>13} {:>6.1}×",
                format!("{label} / {template}"),
                docs,
                fmt(all),
                fmt(per_doc),
                fmt(per_process),
                per_process.as_secs_f64() / per_doc.as_secs_f64()
            );
        }
    }
}

fn fmt(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs `brief generate --template T --data D --out O --date 2026-11-24 EXTRA…`.
fn generate(repo: &Path, template: &str, data: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "generate",
        "--template",
        template,
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2026-11-24",
    ];
    args.extend_from_slice(extra);
    run(repo, &args);
}

fn run(repo: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(repo)
        .output()
        .expect("run brief");
    assert!(
        out.status.success(),
        "brief {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .take(30)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn time_all(repo: &Path, data: &Path, template: &str, out: &Path) -> (usize, Duration) {
    let _ = std::fs::remove_dir_all(out);
    let start = Instant::now();
    generate(repo, template, data, out, &["--all"]);
    let elapsed = start.elapsed();
    let docs = std::fs::read_dir(out).expect("output").count();
    (docs, elapsed)
}

/// The parameter values of the documents `--all` wrote, from their file names.
fn list_values(out: &Path, template: &str) -> Vec<String> {
    let mut values: Vec<String> = std::fs::read_dir(out)
        .expect("output")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            Some(
                name.strip_prefix(&format!("{template}-"))?
                    .strip_suffix(".pdf")?
                    .to_owned(),
            )
        })
        .collect();
    values.sort();
    values
}

/// A deterministic pseudo-random sequence (xorshift).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn country_id(i: usize) -> String {
    let a = b'A' + (i / 676) as u8;
    let b = b'A' + (i / 26 % 26) as u8;
    let c = b'A' + (i % 26) as u8;
    String::from_utf8(vec![a, b, c]).unwrap()
}

/// Writes a fact base of 193 countries, 200 events with participants, statements and
/// figures, 400 people and 20 sources.
fn write_synthetic(dir: &Path) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    std::fs::create_dir_all(dir.join("events")).unwrap();
    let mut sources = String::new();
    for s in 0..20 {
        sources += &format!(
            "- {{ id: src-{s}, title: Report {s}, publisher: Agency {s}, published: 2024-01-{:02}, kind: news }}\n",
            s % 28 + 1
        );
    }
    std::fs::write(dir.join("sources.yaml"), sources).unwrap();
    let mut countries = String::new();
    for c in 0..COUNTRIES {
        countries += &format!(
            "- {{ id: {}, name: Country {c}, sources: [src-{}] }}\n",
            country_id(c),
            c % 20
        );
    }
    std::fs::write(dir.join("countries.yaml"), countries).unwrap();
    let mut people = String::new();
    for p in 0..400 {
        people += &format!(
            "- id: person-{p}\n  name: Person {p}\n  positions:\n    - {{ title: Minister of Affairs {p}, party: {}, sources: [src-{}] }}\n  sources: [src-{}]\n",
            country_id(p % COUNTRIES),
            p % 20,
            p % 20
        );
    }
    std::fs::write(dir.join("people.yaml"), people).unwrap();
    std::fs::write(
        dir.join("processes.yaml"),
        "- { id: synthetic-process, name: Synthetic Process, launched: 2000, sources: [src-0] }\n",
    )
    .unwrap();
    for e in 0..EVENTS {
        let host = country_id(rng.below(COUNTRIES));
        let year = 2000 + e / 10;
        let month = e % 12 + 1;
        let mut text = format!(
            "- id: event-{e}\n  title: Synthetic conference number {e} on cooperation\n  kind: conference\n  process: synthetic-process\n  sequence: {}\n  start: {year}-{month:02}-10\n  end: {year}-{month:02}-11\n  location: {{ city: City {e}, country: {host} }}\n  hosts: [{host}]\n  figures:\n    - {{ measure: participants, value: {}, sources: [src-{}] }}\n  participants:\n",
            e + 1,
            100 + rng.below(900),
            e % 20
        );
        for _ in 0..(5 + rng.below(10)) {
            let p = rng.below(400);
            text += &format!(
                "    - {{ party: {}, role: delegation, head: person-{p}, sources: [src-{}] }}\n",
                country_id(p % COUNTRIES),
                rng.below(20)
            );
        }
        text += "  statements:\n";
        for _ in 0..3 {
            let p = rng.below(400);
            text += &format!(
                "    - {{ speaker: person-{p}, kind: summary, text: \"Person {p} called for closer cooperation on border security and information sharing.\", sources: [src-{}] }}\n",
                rng.below(20)
            );
        }
        text += &format!("  sources: [src-{}]\n", e % 20);
        std::fs::write(dir.join(format!("events/event-{e:03}.yaml")), text).unwrap();
    }
}
