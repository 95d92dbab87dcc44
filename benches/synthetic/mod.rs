//! Generated fact bases for the benchmarks: many countries in many conferences.

use std::path::Path;

/// The shape of a generated fact base.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub countries: usize,
    pub events: usize,
    /// Delegations per event: `min..min + spread`.
    pub delegations: (usize, usize),
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

/// The three-letter id of country `i` (`AAA`, `AAB`, …).
pub fn country_id(i: usize) -> String {
    let a = b'A' + (i / 676) as u8;
    let b = b'A' + (i / 26 % 26) as u8;
    let c = b'A' + (i % 26) as u8;
    String::from_utf8(vec![a, b, c]).unwrap()
}

/// Writes a fact base of `shape` into `dir`: the countries, one process, its events with
/// delegations (each headed by a person of that country), three statements and a figure
/// each, two people per country and 20 sources.
pub fn write(dir: &Path, shape: Shape) {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let countries = shape.countries;
    let people_count = countries * 2;
    std::fs::create_dir_all(dir.join("events")).unwrap();
    let mut sources = String::new();
    for s in 0..20 {
        sources += &format!(
            "- {{ id: src-{s}, title: Report {s}, publisher: Agency {s}, published: 2024-01-{:02}, kind: news }}\n",
            s % 28 + 1
        );
    }
    std::fs::write(dir.join("sources.yaml"), sources).unwrap();
    let mut text = String::new();
    for c in 0..countries {
        text += &format!(
            "- {{ id: {}, name: Country {c}, sources: [src-{}] }}\n",
            country_id(c),
            c % 20
        );
    }
    std::fs::write(dir.join("countries.yaml"), text).unwrap();
    let mut people = String::new();
    for p in 0..people_count {
        people += &format!(
            "- id: person-{p}\n  name: Person {p}\n  positions:\n    - {{ title: Minister of Affairs {p}, party: {}, sources: [src-{}] }}\n  sources: [src-{}]\n",
            country_id(p % countries),
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
    for e in 0..shape.events {
        let host = country_id(rng.below(countries));
        let year = 2000 + e / 12;
        let month = e % 12 + 1;
        let mut text = format!(
            "- id: event-{e}\n  title: Synthetic conference number {e} on cooperation\n  kind: conference\n  process: synthetic-process\n  sequence: {}\n  start: {year}-{month:02}-10\n  end: {year}-{month:02}-11\n  location: {{ city: City {e}, country: {host} }}\n  hosts: [{host}]\n  figures:\n    - {{ measure: participants, value: {}, sources: [src-{}] }}\n  participants:\n",
            e + 1,
            100 + rng.below(900),
            e % 20
        );
        let (min, spread) = shape.delegations;
        let mut present: Vec<usize> = Vec::new();
        for _ in 0..(min + rng.below(spread)) {
            let p = rng.below(people_count);
            if present.contains(&(p % countries)) {
                continue;
            }
            present.push(p % countries);
            text += &format!(
                "    - {{ party: {}, role: delegation, head: person-{p}, sources: [src-{}] }}\n",
                country_id(p % countries),
                rng.below(20)
            );
        }
        text += "  statements:\n";
        for _ in 0..3 {
            let p = rng.below(people_count);
            text += &format!(
                "    - {{ speaker: person-{p}, kind: summary, text: \"Person {p} called for closer cooperation on border security and information sharing.\", sources: [src-{}] }}\n",
                rng.below(20)
            );
        }
        text += &format!("  sources: [src-{}]\n", e % 20);
        std::fs::write(dir.join(format!("events/event-{e:04}.yaml")), text).unwrap();
    }
}
