//! The speed goals of `brief`, measured side by side with the stock Typst CLI.
//!
//! Run with `cargo bench --bench goals` on a quiet machine. It prints one table per goal:
//!
//! 1. One document: `brief generate` against `typst compile` of the very Typst source brief
//!    emits (`--format typ`), alternating runs: the ratio of the medians and of the fastest
//!    runs (on a shared machine the fastest run is the one least disturbed); the median share
//!    of brief's own stages (templates, facts, context, render: `--timings`). Goals: ≤ 1.02×,
//!    ≤ 10 %. Then the Arabic process history against the English one, run by turns (goal:
//!    ≤ 1.10×).
//! 2. `--all` (median of three runs): time per document against `typst compile` of the
//!    emitted sources one after another, divided by the cores (perfect parallel use of
//!    Typst). Goal: ≤ 1.15×.
//! 3. Peak memory of `--all` at 20, 60 and 193 documents of the same size. Goal: ≤ 200 MB,
//!    flat.
//! 4. `brief watch`: a one-line change to one event, rebuilt, against a cold `generate`.
//!    Goal: ≤ 40 %; with `--all`, only the documents the change touches are rebuilt.
//!
//! `TYPST=PATH` names the Typst CLI (default: `typst` on `PATH`; install it with `cargo
//! install typst-cli --version 0.15.1 --locked`); without it the comparisons are left out.
//! Peak memory is read with `/usr/bin/time`. `BRIEF_BENCH_RUNS` sets the runs per median
//! (default 15); `BRIEF_BENCH_GOALS=1,3` prints only those tables; `BRIEF_BENCH_KEEP=DIR`
//! keeps the generated fact bases there.

mod synthetic;
#[path = "../tests/suite/support/watch.rs"]
mod watch;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use synthetic::Shape;
use watch::Watch;

/// Few countries in many events: 14-page country summaries.
const FEW: Shape = Shape {
    countries: 20,
    events: 200,
    delegations: (10, 10),
};
/// Every UN member in the same 200 events: 4–5-page summaries.
const WORLD: Shape = Shape {
    countries: 193,
    events: 200,
    delegations: (5, 10),
};

fn main() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().expect("temp dir");
    // `BRIEF_BENCH_KEEP=DIR` keeps the generated fact bases and outputs in DIR.
    let scratch =
        std::env::var_os("BRIEF_BENCH_KEEP").map_or(temp.path().to_path_buf(), PathBuf::from);
    let bench = Bench::new(&repo, &scratch);
    bench.machine();
    let few = scratch.join("few");
    synthetic::write(&few, FEW);
    let world = scratch.join("world");
    synthetic::write(&world, WORLD);

    // Written data still on its way to the disk would slow whichever run flushes next.
    settle();
    // `BRIEF_BENCH_GOALS=1,3` runs only those tables.
    let only = std::env::var("BRIEF_BENCH_GOALS").unwrap_or_default();
    let wanted = |n: &str| only.is_empty() || only.split(',').any(|o| o.trim() == n);
    if wanted("1") {
        bench.single(&few);
    }
    if wanted("2") {
        bench.batch(&few, &world);
    }
    if wanted("3") {
        bench.memory();
    }
    if wanted("4") {
        bench.watch();
    }
    if wanted("5") {
        bench.preview();
    }
}

struct Bench {
    repo: PathBuf,
    scratch: PathBuf,
    brief: PathBuf,
    typst: Option<PathBuf>,
    time: Option<PathBuf>,
    runs: usize,
    cores: usize,
}

/// One measured command: its median and fastest wall time, and its peak memory.
#[derive(Debug, Clone, Copy)]
struct Measured {
    wall: Duration,
    fastest: Duration,
    rss_mb: Option<f64>,
}

impl Bench {
    fn new(repo: &Path, scratch: &Path) -> Bench {
        let typst = std::env::var_os("TYPST")
            .map(PathBuf::from)
            .or_else(|| Some(PathBuf::from("typst")))
            .filter(|t| {
                Command::new(t)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            });
        let time = Some(PathBuf::from("/usr/bin/time")).filter(|t| t.exists());
        Bench {
            repo: repo.to_path_buf(),
            scratch: scratch.to_path_buf(),
            brief: PathBuf::from(env!("CARGO_BIN_EXE_brief")),
            typst,
            time,
            runs: std::env::var("BRIEF_BENCH_RUNS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(15),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }

    fn machine(&self) {
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|t| {
                t.lines()
                    .find(|l| l.starts_with("model name"))
                    .and_then(|l| l.split(':').nth(1))
                    .map(|m| m.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let version = |bin: &Path| {
            let out = Command::new(bin).arg("--version").output().ok()?;
            Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
        };
        println!("machine: {} cores, {cpu}", self.cores);
        println!(
            "brief: {}; typst: {}; medians of {} alternating runs",
            version(&self.brief).unwrap_or_default(),
            self.typst
                .as_deref()
                .and_then(version)
                .unwrap_or_else(|| "not found (set TYPST=PATH): comparisons left out".into()),
            self.runs
        );
        if self.time.is_none() {
            println!("/usr/bin/time not found: peak memory left out");
        }
    }

    /// Goal 1: one document, brief against typst on the same emitted source.
    fn single(&self, few: &Path) {
        println!("\n1. One document (goals: brief ≤ 1.02 × typst; brief's own stages ≤ 10 %)");
        println!(
            "{:<40} {:>10} {:>10} {:>7} {:>9} {:>9} {:>9} {:>12}",
            "document", "brief", "typst", "ratio", "fastest", "brief MB", "typst MB", "own stages"
        );
        let busiest = busiest_country(few);
        let cases: [(&str, &Path, &str, Vec<String>); 3] = [
            (
                "process history (shipped data)",
                &self.repo.join("data"),
                "process-history",
                vec![],
            ),
            (
                "the same in Arabic (goal: ≤ 1.10 × English)",
                &self.repo.join("data"),
                "process-history",
                vec!["--lang".into(), "ar-KW".into()],
            ),
            (
                "country summary (20 countries × 200 events)",
                few,
                "country-participation",
                vec!["--param".into(), format!("country={busiest}")],
            ),
        ];
        for (label, data, template, params) in cases {
            let pdf = self.scratch.join(format!("{template}.pdf"));
            let typ = self.repo.join(format!("output/bench-{template}.typ"));
            let mut args = self.generate_args(data, template, &params);
            args.extend(["--out".into(), path_arg(&pdf)]);
            let mut emit = self.generate_args(data, template, &params);
            emit.extend([
                "--out".into(),
                path_arg(&typ),
                "--format".into(),
                "typ".into(),
            ]);
            run(&self.brief, &emit, &self.repo);
            let tag = params
                .iter()
                .position(|p| p == "--lang")
                .map_or("en", |i| params[i + 1].as_str());
            let words = brief::harness::typst_words(tag).expect("the language's words");
            let mut typst_args: Vec<String> = vec![
                "compile".into(),
                "--root".into(),
                path_arg(&self.repo),
                "--input".into(),
                format!("brief-words={words}"),
                // brief's own embedded fonts (Noto Naskh Arabic) beside Typst's.
                "--font-path".into(),
                path_arg(&self.repo.join("src/fonts")),
                "--ignore-system-fonts".into(),
                path_arg(&typ),
                path_arg(&self.scratch.join("typst.pdf")),
            ];
            // The order of the sources, as brief reads it before layout and passes it.
            let source = std::fs::read_to_string(&typ).expect("the emitted Typst");
            if let Some(order) =
                brief::harness::typst_order(&self.repo, &source, tag).expect("the order")
            {
                typst_args.splice(5..5, ["--input".into(), format!("brief-order={order}")]);
            }
            let mut commands = vec![(self.brief.clone(), args.clone())];
            if let Some(typst) = &self.typst {
                commands.push((typst.clone(), typst_args));
            }
            let measured = self.alternate(&commands);
            let pages = run(&self.brief, &args, &self.repo);
            let mut timed = args.clone();
            timed.push("--timings".into());
            let mut shares: Vec<f64> = (0..self.runs)
                .map(|_| own_share(&run(&self.brief, &timed, &self.repo)))
                .collect();
            shares.sort_by(f64::total_cmp);
            let own = shares[shares.len() / 2];
            let _ = std::fs::remove_file(&typ);
            println!(
                "{:<40} {:>10} {:>10} {:>7} {:>9} {:>9} {:>9} {:>11.1}%  ({})",
                label,
                ms(measured[0].wall),
                measured.get(1).map_or("–".into(), |m| ms(m.wall)),
                measured.get(1).map_or("–".into(), |m| format!(
                    "{:.3}×",
                    secs(measured[0].wall) / secs(m.wall)
                )),
                measured.get(1).map_or("–".into(), |m| format!(
                    "{:.3}×",
                    secs(measured[0].fastest) / secs(m.fastest)
                )),
                mb(measured[0].rss_mb),
                mb(measured.get(1).and_then(|m| m.rss_mb)),
                own * 100.0,
                pages_of(&pages),
            );
        }
        // The Arabic edition against the English one, run by turns so that both see the same
        // moments of a shared machine (the rows above are measured one after the other).
        let editions: Vec<(PathBuf, Vec<String>)> = [vec![], vec!["--lang".into(), "ar-KW".into()]]
            .into_iter()
            .enumerate()
            .map(|(i, params)| {
                let mut args =
                    self.generate_args(&self.repo.join("data"), "process-history", &params);
                args.extend([
                    "--out".into(),
                    path_arg(&self.scratch.join(format!("edition-{i}.pdf"))),
                ]);
                (self.brief.clone(), args)
            })
            .collect();
        let m = self.alternate(&editions);
        println!(
            "Arabic ÷ English process history, by turns: {} / {} = {:.3}× (medians), {:.3}× (fastest runs)",
            ms(m[1].wall),
            ms(m[0].wall),
            secs(m[1].wall) / secs(m[0].wall),
            secs(m[1].fastest) / secs(m[0].fastest),
        );
    }

    /// Goal 2: `--all` against typst one document after another, per core.
    fn batch(&self, few: &Path, world: &Path) {
        println!(
            "\n2. --all on {} cores (goal: per document ≤ 1.15 × typst's per-document time / cores)",
            self.cores
        );
        println!(
            "{:<46} {:>5} {:>10} {:>11} {:>12} {:>7} {:>9}",
            "fact base / template", "docs", "--all", "per doc", "typst/cores", "ratio", "peak MB"
        );
        let shipped = self.repo.join("data");
        let cases: [(&str, &Path, &str); 5] = [
            (
                "shipped / country-participation",
                &shipped,
                "country-participation",
            ),
            ("shipped / event-brief", &shipped, "event-brief"),
            (
                "20 countries × 200 events / country",
                few,
                "country-participation",
            ),
            (
                "193 countries × 200 events / country",
                world,
                "country-participation",
            ),
            (
                "193 countries × 200 events / event-brief",
                world,
                "event-brief",
            ),
        ];
        for (label, data, template) in cases {
            let out = self.scratch.join(format!("all-{template}"));
            let _ = std::fs::remove_dir_all(&out);
            settle();
            let mut args = self.generate_args(data, template, &[]);
            args.extend(["--all".into(), "--out".into(), path_arg(&out)]);
            let measured = self.measure_batch(&self.brief, &args);
            let docs = std::fs::read_dir(&out).map_or(0, |d| d.count()).max(1);
            let per_doc = measured.wall / docs as u32;
            // The same documents as Typst source, compiled one after another.
            let typ = self.repo.join(format!("output/bench-{template}"));
            let _ = std::fs::remove_dir_all(&typ);
            let mut emit = self.generate_args(data, template, &[]);
            emit.extend([
                "--all".into(),
                "--format".into(),
                "typ".into(),
                "--out".into(),
                path_arg(&typ),
            ]);
            run(&self.brief, &emit, &self.repo);
            settle();
            let typst_per_core = self.typst.as_ref().map(|typst| {
                let mut sources: Vec<PathBuf> = std::fs::read_dir(&typ)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                sources.sort();
                // At most 40 documents, spread over the batch.
                let step = sources.len().div_ceil(40).max(1);
                let sample: Vec<&PathBuf> = sources.iter().step_by(step).collect();
                // The order of each one's sources, as brief reads it before layout.
                let orders: Vec<String> = (sample.iter())
                    .map(|source| {
                        let text = std::fs::read_to_string(source).expect("the emitted Typst");
                        brief::harness::typst_order(&self.repo, &text, "en")
                            .expect("the order")
                            .unwrap_or_else(|| r#"{"sources":[],"named":{}}"#.into())
                    })
                    .collect();
                let started = Instant::now();
                let words = brief::harness::typst_words("en").expect("the English words");
                for (source, order) in sample.iter().zip(&orders) {
                    let args = vec![
                        "compile".into(),
                        "--root".into(),
                        path_arg(&self.repo),
                        "--input".into(),
                        format!("brief-words={words}"),
                        "--input".into(),
                        format!("brief-order={order}"),
                        "--font-path".into(),
                        path_arg(&self.repo.join("src/fonts")),
                        "--ignore-system-fonts".into(),
                        path_arg(source),
                        path_arg(&self.scratch.join("typst.pdf")),
                    ];
                    run(typst, &args, &self.repo);
                }
                started.elapsed() / sample.len() as u32 / self.cores as u32
            });
            let _ = std::fs::remove_dir_all(&typ);
            println!(
                "{:<46} {:>5} {:>10} {:>11} {:>12} {:>7} {:>9}",
                label,
                docs,
                ms(measured.wall),
                ms(per_doc),
                typst_per_core.map_or("–".into(), ms),
                typst_per_core.map_or("–".into(), |t| format!("{:.2}×", secs(per_doc) / secs(t))),
                mb(measured.rss_mb),
            );
        }
    }

    /// Goal 3: peak memory as the batch grows, documents of the same size.
    fn memory(&self) {
        println!("\n3. Peak memory of --all as the batch grows (goal: ≤ 200 MB, flat)");
        println!(
            "{:<40} {:>5} {:>10} {:>11} {:>9}",
            "fact base", "docs", "--all", "per doc", "peak MB"
        );
        for countries in [20, 60, 193] {
            // Events in proportion, so that each country is in as many events (and each
            // summary as long) at every size.
            let shape = Shape {
                countries,
                events: (200 * countries).div_ceil(193),
                delegations: WORLD.delegations,
            };
            let data = self.scratch.join(format!("grow-{countries}"));
            synthetic::write(&data, shape);
            settle();
            let out = self.scratch.join(format!("grow-out-{countries}"));
            let mut args = self.generate_args(&data, "country-participation", &[]);
            args.extend(["--all".into(), "--out".into(), path_arg(&out)]);
            let measured = self.measure_batch(&self.brief, &args);
            let docs = std::fs::read_dir(&out).map_or(0, |d| d.count()).max(1);
            println!(
                "{:<40} {:>5} {:>10} {:>11} {:>9}",
                format!("{countries} countries × {} events", shape.events),
                docs,
                ms(measured.wall),
                ms(measured.wall / docs as u32),
                mb(measured.rss_mb),
            );
        }
    }

    /// Goal 4: `watch` rebuilds after a one-line change, against a cold `generate`.
    fn watch(&self) {
        println!(
            "\n4. brief watch: a one-line change to one event (goal: rebuild ≤ 40 % of a cold generate)"
        );
        println!(
            "{:<40} {:>10} {:>10} {:>7} {:>14} {:>10}",
            "document", "cold", "rebuild", "share", "save → file", "rebuilt"
        );
        let (project, event) = self.shipped_project("watch-project");
        settle();
        for (label, template, all) in [
            ("process history", "process-history", false),
            ("country summaries (--all)", "country-participation", true),
        ] {
            let mut args: Vec<String> = vec![
                "--template".into(),
                template.into(),
                "--date".into(),
                "2026-11-24".into(),
            ];
            if all {
                args.push("--all".into());
            }
            let mut cold_args = vec!["generate".to_owned()];
            cold_args.extend(args.iter().cloned());
            let cold = self.alternate_in(&[(self.brief.clone(), cold_args)], &project)[0].wall;
            let watch = Watch::start(&self.brief, &project, &args);
            watch.wait_for("watching", 1);
            let original = std::fs::read_to_string(&event).unwrap();
            let output = if all {
                project.join("output")
            } else {
                project.join(format!("output/{template}.pdf"))
            };
            let mut rebuilds = Vec::new();
            let mut latencies = Vec::new();
            let mut rebuilt = String::new();
            for i in 0..self.runs.min(10) {
                // One line of one event: its title, a different word each time.
                let edited = original.replacen(
                    "title: ",
                    &format!("title: {} ", ["Revised", "Updated"][i % 2]),
                    1,
                );
                let before = newest(&output);
                let saved = Instant::now();
                std::fs::write(&event, edited).unwrap();
                let line = watch.wait_for(" in ", i + 2);
                latencies.push(wait_for_newer(&output, before).map(|t| t - saved));
                let last = line.lines().rev().find(|l| l.contains(" in ")).unwrap();
                rebuilds.push(rebuild_ms(last));
                if let Some(r) = last.split("rebuilt ").nth(1) {
                    rebuilt = r.split(" documents").next().unwrap_or("").to_owned();
                }
            }
            watch.terminate();
            std::fs::write(&event, original).unwrap();
            rebuilds.sort_by(f64::total_cmp);
            let rebuild = rebuilds[rebuilds.len() / 2];
            let mut latencies: Vec<Duration> = latencies.into_iter().flatten().collect();
            latencies.sort();
            println!(
                "{:<40} {:>10} {:>7.1} ms {:>6.0}% {:>14} {:>10}",
                label,
                ms(cold),
                rebuild,
                100.0 * rebuild / (secs(cold) * 1000.0),
                latencies
                    .get(latencies.len() / 2)
                    .map_or("–".into(), |l| ms(*l)),
                if all { rebuilt } else { "1 of 1".into() },
            );
        }
        println!(
            "(save → file: from the save to the new file, with the 50 ms wait for more saves)"
        );
    }

    /// `brief preview` in the system's Chromium: from a save of one event (a new title each
    /// time) to the new pages on screen, over 50 saves of the shipped data, the page scrolled
    /// to the page the title is on (`tests/browser/preview.mjs --bench`).
    fn preview(&self) {
        println!(
            "\n5. brief preview: save → page updated on screen in Chromium (goal: 95th percentile under 150 ms)"
        );
        let chromium =
            std::env::var("BRIEF_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let browser = self.repo.join("tests/browser");
        if !Path::new(&chromium).exists() || !browser.join("node_modules/playwright-core").exists()
        {
            println!("skipped: needs Chromium ({chromium}) and `npm ci --prefix tests/browser`");
            return;
        }
        let (project, event) = self.shipped_project("preview-project");
        // The script starts `brief preview` in the project itself.
        let out = Command::new("node")
            .arg(browser.join("preview.mjs"))
            .arg(&self.brief)
            .arg(&project)
            .arg(&chromium)
            .args(["--bench", "50"])
            .arg(&event)
            .output()
            .expect("node");
        if !out.status.success() {
            println!("failed: {}", String::from_utf8_lossy(&out.stderr));
            return;
        }
        let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        println!(
            "{:<44} {:>6} {:>10} {:>10} {:>10} {:>10}",
            "process history (shipped data), on screen",
            "saves",
            "median",
            "p95",
            "fastest",
            "slowest"
        );
        let ms = |v: &serde_json::Value| format!("{:.0} ms", v.as_f64().unwrap_or(f64::NAN));
        for (key, what) in [
            ("inView", "the changed pages in view"),
            ("all", "all changed pages"),
        ] {
            let r = &m[key];
            println!(
                "{:<44} {:>6} {:>10} {:>10} {:>10} {:>10}",
                what,
                m["saves"],
                ms(&r["median"]),
                ms(&r["p95"]),
                ms(&r["fastest"]),
                ms(&r["slowest"])
            );
        }
        let d = &m["medians"];
        println!(
            "medians from the save: the page hears of the build {}, has its list {}, has put in place the pages in view {}, all {}",
            ms(&d["heard"]),
            ms(&d["listed"]),
            ms(&d["swappedInView"]),
            ms(&d["swappedAll"])
        );
    }

    /// A project of its own in the scratch folder `name`: the shipped data, the built-in
    /// templates; and the first of its event files (the one the benches edit).
    fn shipped_project(&self, name: &str) -> (PathBuf, PathBuf) {
        let project = self.scratch.join(name);
        let _ = std::fs::remove_dir_all(&project);
        copy_dir(&self.repo.join("data"), &project.join("data"));
        std::fs::write(project.join("brief.toml"), "").unwrap();
        let event = std::fs::read_dir(project.join("data/events"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .min()
            .unwrap();
        (project, event)
    }

    fn generate_args(&self, data: &Path, template: &str, params: &[String]) -> Vec<String> {
        let mut args: Vec<String> = vec![
            "generate".into(),
            "--template".into(),
            template.into(),
            "--data".into(),
            path_arg(data),
            "--date".into(),
            "2026-11-24".into(),
            "--force".into(),
        ];
        args.extend(params.iter().cloned());
        args
    }

    /// Runs the commands alternately, `runs` times each, from the repository.
    fn alternate(&self, commands: &[(PathBuf, Vec<String>)]) -> Vec<Measured> {
        self.alternate_in(commands, &self.repo)
    }

    fn alternate_in(&self, commands: &[(PathBuf, Vec<String>)], dir: &Path) -> Vec<Measured> {
        let mut walls = vec![Vec::new(); commands.len()];
        let mut rss = vec![None; commands.len()];
        // One run of each first, to warm the file cache.
        for (bin, args) in commands {
            run(bin, args, dir);
        }
        for _ in 0..self.runs {
            for (i, (bin, args)) in commands.iter().enumerate() {
                let started = Instant::now();
                run(bin, args, dir);
                walls[i].push(started.elapsed());
            }
        }
        for (i, (bin, args)) in commands.iter().enumerate() {
            rss[i] = self.peak_rss(bin, args, dir);
        }
        walls
            .into_iter()
            .zip(rss)
            .map(|(mut w, rss_mb)| {
                w.sort();
                Measured {
                    wall: w[w.len() / 2],
                    fastest: w[0],
                    rss_mb,
                }
            })
            .collect()
    }

    /// A batch: the median of three timed runs, and its peak memory from a fourth.
    fn measure_batch(&self, bin: &Path, args: &[String]) -> Measured {
        let mut walls: Vec<Duration> = (0..3)
            .map(|_| {
                settle();
                let started = Instant::now();
                run(bin, args, &self.repo);
                started.elapsed()
            })
            .collect();
        walls.sort();
        Measured {
            wall: walls[1],
            fastest: walls[0],
            rss_mb: self.peak_rss(bin, args, &self.repo),
        }
    }

    /// Peak resident memory of one run, from `/usr/bin/time -f %M` (KB).
    fn peak_rss(&self, bin: &Path, args: &[String], dir: &Path) -> Option<f64> {
        let time = self.time.as_ref()?;
        let out = Command::new(time)
            .args(["-f", "peak-rss-kb %M"])
            .arg(bin)
            .args(args)
            .current_dir(dir)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stderr);
        let kb: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix("peak-rss-kb "))?
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024.0)
    }
}

/// Runs a command; its stderr, which the caller may read (`wrote … (N pages …)`).
fn run(bin: &Path, args: &[String], dir: &Path) -> String {
    let out = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "{} {args:?} failed:\n{}",
        bin.display(),
        stderr.lines().take(30).collect::<Vec<_>>().join("\n")
    );
    stderr
}

/// The share of brief's own stages (templates, facts, context, render) in a `--timings` run.
fn own_share(report: &str) -> f64 {
    let stage_ms = |name: &str| -> f64 {
        report
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .and_then(|l| l.trim_start()[name.len()..].split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no `{name}` in:\n{report}"))
    };
    let own: f64 = ["templates", "facts", "context", "render"]
        .iter()
        .map(|s| stage_ms(s))
        .sum();
    own / stage_ms("run")
}

/// `N pages` from `wrote PATH (N pages, SIZE)`.
fn pages_of(stderr: &str) -> String {
    stderr
        .split('(')
        .nth(1)
        .and_then(|r| r.split(',').next())
        .unwrap_or("")
        .to_owned()
}

/// The country in the most events of a generated fact base (its summary is the longest).
fn busiest_country(data: &Path) -> String {
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for entry in std::fs::read_dir(data.join("events")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for party in text.split("party: ").skip(1) {
            let id: String = party.chars().take(3).collect();
            *counts.entry(id).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(id.clone())))
        .unwrap()
        .0
}

/// `[…] wrote … in 52 ms` → 52.
fn rebuild_ms(line: &str) -> f64 {
    line.rsplit(" in ")
        .next()
        .and_then(|r| r.trim().strip_suffix(" ms"))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no time in {line:?}"))
}

/// The newest modification time of a file, or of the files in a folder.
fn newest(path: &Path) -> Option<std::time::SystemTime> {
    if path.is_dir() {
        std::fs::read_dir(path)
            .ok()?
            .filter_map(|e| e.ok()?.metadata().ok()?.modified().ok())
            .max()
    } else {
        std::fs::metadata(path).ok()?.modified().ok()
    }
}

/// Waits (at most 10 s) until `path` is newer than `before`; when it became so.
fn wait_for_newer(path: &Path, before: Option<std::time::SystemTime>) -> Option<Instant> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if newest(path) > before {
            return Some(Instant::now());
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    None
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Waits until written files are on disk (`sync`), so that no run pays for earlier writes.
fn settle() {
    let _ = Command::new("sync").status();
}

fn path_arg(path: &Path) -> String {
    path.to_str().expect("UTF-8 path").to_owned()
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mb(rss: Option<f64>) -> String {
    rss.map_or("–".into(), |m| format!("{m:.0}"))
}
