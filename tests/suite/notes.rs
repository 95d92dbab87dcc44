//! Source notes read 1, 2, 3 … in the order the page prints them, in every shipped template
//! and whatever the order of a template's sections; the sources list follows the same order.

use crate::support::*;
use std::path::Path;

/// Every PDF `--all` writes for `template` over `data` into `out`.
fn all_pdfs(template: &str, data: &str, out: &Path, extra: &[&str]) -> Vec<(String, Vec<u8>)> {
    let mut args = vec!["--template", template, "--all", "--data", data];
    args.extend_from_slice(extra);
    let run = generate(out, &args);
    assert!(
        run.status.success(),
        "{template} on {data}: {}",
        stderr(&run)
    );
    let mut pdfs: Vec<(String, Vec<u8>)> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    pdfs.sort();
    assert!(!pdfs.is_empty());
    pdfs
}

/// Notes in reading order, and a sources list of exactly as many entries, numbered 1…n.
fn check_document(name: &str, pdf: &[u8]) {
    let marks = note_marks(pdf);
    assert!(!marks.is_empty(), "{name}: no source notes found");
    let largest = assert_notes_in_reading_order(&marks, name);
    let text = pdf_text(pdf);
    let list = &text[text.rfind("Sources").expect("a sources list")..];
    for n in 1..=largest {
        assert!(
            list.contains(&format!("{n}.")),
            "{name}: no entry {n} in\n{list}"
        );
    }
    let entries = list
        .lines()
        .filter(|l| {
            l.split_once('.')
                .is_some_and(|(n, _)| n.trim().parse::<u32>().is_ok())
        })
        .count();
    assert_eq!(entries as u32, largest, "{name}: entries in\n{list}");
}

#[test]
fn every_shipped_template_numbers_notes_in_reading_order() {
    for data in [
        "data",
        "tests/fixtures/minimal",
        "tests/fixtures/two-processes",
    ] {
        for template in ["process-history", "country-participation", "event-brief"] {
            if template == "process-history" && data.ends_with("two-processes") {
                continue; // one document per process; covered by --all below
            }
            let dir = tempfile::tempdir().unwrap();
            for (name, pdf) in all_pdfs(template, data, dir.path(), &[]) {
                check_document(&name, &pdf);
            }
        }
    }
}

#[test]
fn the_first_note_is_the_first_entry_of_the_sources_list() {
    // An event brief opens with the official title, whose first source is note 1.
    let out = brief(&[
        "context",
        "--template",
        "event-brief",
        "--param",
        "event=kuwait-phase-2024",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ctx: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = ctx["event"]["cite"][0].as_str().unwrap();
    let source = ctx["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == first)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = generate(
        dir.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=kuwait-phase-2024",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = std::fs::read(dir.path().join("event-brief-kuwait-phase-2024.pdf")).unwrap();
    assert_eq!(note_marks(&pdf)[0][0], 1);
    let text = pdf_text(&pdf).replace('\n', " ");
    let list = &text[text.rfind("Sources").unwrap()..];
    let entry_one = &list[list.find("1.").unwrap()..list.find("2.").unwrap()];
    let title = source["title"].as_str().unwrap();
    let words: Vec<&str> = title.split_whitespace().take(3).collect();
    assert!(
        entry_one.contains(&words.join(" ")),
        "entry 1 is `{entry_one}`, expected `{title}`"
    );
}

#[test]
fn a_template_with_reordered_sections_still_numbers_notes_in_order() {
    // The fixture template moves statements and outcomes before the key facts; it runs with
    // the shipped brief.typ beside it.
    let root = scratch_root();
    std::fs::create_dir_all(&root).unwrap();
    let templates = tempfile::tempdir_in(&root).unwrap();
    for file in ["reordered.typ.j2", "reordered.manifest.yaml"] {
        std::fs::copy(
            fixture("templates-reordered").join(file),
            templates.path().join(file),
        )
        .unwrap();
    }
    std::fs::copy(
        repo().join("templates/brief.typ"),
        templates.path().join("brief.typ"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdfs = all_pdfs(
        "reordered",
        "data",
        dir.path(),
        &["--templates", templates.path().to_str().unwrap()],
    );
    // The statements now come first, so the sources of the key facts are no longer note 1;
    // the numbering still reads 1, 2, 3 ….
    for (name, pdf) in &pdfs {
        check_document(name, pdf);
    }
}

/// The internal links of a PDF: for each, the page it sits on, the page it leads to (both
/// counted from 1) and what it says it leads to (its `/Contents`, the alt text).
fn internal_links(pdf: &[u8]) -> Vec<(u32, u32, String)> {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let pages = doc.get_pages();
    let number_of = |id: lopdf::ObjectId| pages.iter().find(|(_, p)| **p == id).map(|(n, _)| *n);
    let resolve = |o: &lopdf::Object| -> lopdf::Object {
        match o {
            lopdf::Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let mut links = Vec::new();
    for (&n, &id) in &pages {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for annot in resolve(annots).as_array().unwrap() {
            let annot = resolve(annot);
            let annot = annot.as_dict().unwrap();
            if annot.get(b"Subtype").unwrap().as_name().unwrap() != b"Link" {
                continue;
            }
            let dest = match annot.get(b"Dest") {
                Ok(d) => resolve(d),
                Err(_) => match annot.get(b"A").map(&resolve) {
                    Ok(lopdf::Object::Dictionary(a)) if a.get(b"D").is_ok() => {
                        resolve(a.get(b"D").unwrap())
                    }
                    _ => continue,
                },
            };
            let target = dest.as_array().unwrap()[0].as_reference().unwrap();
            let alt = annot
                .get(b"Contents")
                .ok()
                .and_then(|c| lopdf::decode_text_string(&resolve(c)).ok())
                .unwrap_or_default();
            links.push((n, number_of(target).unwrap(), alt));
        }
    }
    links
}

#[test]
fn every_note_number_links_to_its_entry_of_the_sources_list() {
    // Each number of each note is a link to the page of the sources list, saying which
    // entry it leads to ("Source 3").
    let dir = tempfile::tempdir().unwrap();
    let run = generate(dir.path(), &["--template", "process-history"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pdf = std::fs::read(dir.path().join("process-history.pdf")).unwrap();
    let numbers: Vec<u32> = note_marks(&pdf).into_iter().flatten().collect();
    let links: Vec<(u32, u32, String)> = internal_links(&pdf)
        .into_iter()
        .filter(|(_, _, alt)| alt.starts_with("Source "))
        .collect();
    assert_eq!(
        links.len(),
        numbers.len(),
        "a link per note number: {links:?}"
    );
    let pages = pdf_pages_text(&pdf).len() as u32;
    for ((_, to, alt), n) in links.iter().zip(&numbers) {
        assert_eq!(
            *to, pages,
            "`{alt}` leads to page {to}, not the sources list"
        );
        assert_eq!(alt, &format!("Source {n}"));
    }
}

#[test]
fn the_order_brief_passes_typst_can_be_had_for_the_stock_typst_cli() {
    // What the benchmarks pass to `typst compile --input brief-order=…`.
    let source = "#import \"/templates/brief.typ\": *\n#src((\"b\", \"a\"))\n";
    let order = brief::harness::typst_order(&repo(), source, "en").unwrap();
    let order: serde_json::Value = serde_json::from_str(&order.expect("an order")).unwrap();
    assert_eq!(order["sources"], serde_json::json!(["b", "a"]));
    let none = brief::harness::typst_order(&repo(), "No notes.", "en").unwrap();
    assert_eq!(none, None);
    assert!(brief::harness::typst_order(&repo(), "", "xx-not-a-language").is_err());
}
