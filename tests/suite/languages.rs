//! Briefings in the reader's language: every word from a catalog (Russian, French and
//! English built in; a project overrides single messages), dates and numbers by the
//! language's rules, `--lang` with several languages, and English that reads as written by
//! hand.

use std::path::Path;

use crate::support::*;

/// Generates `args` into a fresh folder and returns each PDF written, by file name.
fn made(args: &[&str]) -> (tempfile::TempDir, Vec<(String, Vec<u8>)>) {
    let out = tempfile::tempdir().unwrap();
    let run = generate(out.path(), args);
    assert!(run.status.success(), "{args:?}: {}", stderr(&run));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    (out, files)
}

fn only_text(args: &[&str]) -> String {
    let (_dir, files) = made(args);
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        files.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    pdf_text(&files[0].1)
}

const DOCUMENTS: [&[&str]; 3] = [
    &["-t", "process-history"],
    &["-t", "country-participation", "-p", "country=TJK"],
    &["-t", "event-brief", "-p", "event=kuwait-phase-2024"],
];

#[test]
fn several_languages_write_one_file_each_named_by_the_tag() {
    let (_dir, files) = made(&["-t", "process-history", "--lang", "en,ru,fr"]);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "process-history.en.pdf",
            "process-history.fr.pdf",
            "process-history.ru.pdf"
        ]
    );
    let text = |i: usize| pdf_text(&files[i].1);
    assert_pdf_contains(&text(0), "As of 24 November 2026");
    assert_pdf_contains(&text(1), "Au 24 novembre 2026");
    assert_pdf_contains(&text(2), "По состоянию на 24 ноября 2026");
    // One language: no tag in the name.
    let (_dir, one) = made(&["-t", "process-history", "--lang", "ru"]);
    assert_eq!(one[0].0, "process-history.pdf");
}

#[test]
fn russian_briefings_print_russian_words_dates_and_plurals() {
    for args in DOCUMENTS {
        let mut full = args.to_vec();
        full.extend(["--lang", "ru"]);
        let text = only_text(&full);
        assert_pdf_contains(&text, "Источники");
        assert_pdf_contains(&text, "ноября 2024");
        // (The facts themselves are English, as the fact base is: only the words around
        // them are checked.)
        for english in [
            "Sources",
            "As of",
            "Page 1 of",
            "What we do not know",
            "Represented by",
            "Headline figures",
        ] {
            assert!(
                !pdf_contains(&text, english),
                "{args:?}: `{english}` in\n{text}"
            );
        }
    }
    let history = only_text(&["-t", "process-history", "--lang", "ru"]);
    // Four meetings: the few-form, and the genitive month names of a span.
    assert_pdf_contains(&history, "Состоялись 4 встречи процесса — с 3 мая 2018");
    assert_pdf_contains(&history, "4–5 ноября 2024");
    let country = only_text(&[
        "-t",
        "country-participation",
        "-p",
        "country=TJK",
        "--lang",
        "ru",
    ]);
    assert_pdf_contains(&country, "участвует в 5 мероприятиях");
    assert_pdf_contains(&country, "одно заявление");
}

#[test]
fn french_briefings_print_french_words_dates_and_spacing() {
    for args in DOCUMENTS {
        let mut full = args.to_vec();
        full.extend(["--lang", "fr"]);
        let text = only_text(&full);
        assert_pdf_contains(&text, "novembre 2024");
        for english in [
            "As of",
            "Page 1 of",
            "Summary",
            "Dates and place",
            "What we do not know",
        ] {
            assert!(
                !pdf_contains(&text, english),
                "{args:?}: `{english}` in\n{text}"
            );
        }
    }
    let history = only_text(&["-t", "process-history", "--lang", "fr"]);
    assert_pdf_contains(
        &history,
        "Il s’est réuni 4 fois entre le 3 mai 2018 et le 5 novembre 2024",
    );
    // A narrow no-break space before a colon, as French typography has it.
    assert!(history.contains("Thèmes\u{202F}:"), "{history}");
}

#[test]
fn english_reads_as_a_careful_officer_writes_it() {
    let mut texts = Vec::new();
    for args in DOCUMENTS {
        texts.push(only_text(args));
    }
    for fixture_name in ["minimal", "side-events", "two-processes"] {
        let data = fixture(fixture_name);
        let data = rel(&data);
        for template in ["process-history", "country-participation"] {
            let (_dir, files) = made(&["-t", template, "--data", data.as_str(), "--all"]);
            texts.extend(files.iter().map(|(_, bytes)| pdf_text(bytes)));
        }
    }
    for text in &texts {
        for bad in [
            "The most recent meeting, Kuwait Phase,",
            "Its delegations were headed by Emre Zeki Karagol",
            "appears in 1 events",
            "appears in 1 event ",
            "record 1 statements",
            "met 1 times",
            "1 meetings",
            "(November 2024 – 5 November 2024)",
        ] {
            assert!(!pdf_contains(text, bad), "`{bad}` in\n{text}");
        }
    }
    let history = &texts[0];
    assert_pdf_contains(
        history,
        "The most recent meeting, the Kuwait Phase, was held on 4–5 November 2024",
    );
    let country = &texts[1];
    assert_pdf_contains(country, "Tajikistan appears in 5 events on record");
    assert_pdf_contains(country, "The sources record one statement made for it");
}

#[test]
fn american_english_spells_the_american_way() {
    let gb = only_text(&[
        "-t",
        "event-brief",
        "-p",
        "event=dushanbe-2018",
        "--lang",
        "en-GB",
    ]);
    let us = only_text(&[
        "-t",
        "event-brief",
        "-p",
        "event=dushanbe-2018",
        "--lang",
        "en-US",
    ]);
    assert_pdf_contains(&gb, "Organised by");
    assert_pdf_contains(&gb, "3–4 May 2018");
    assert_pdf_contains(&us, "Organized by");
    assert!(!pdf_contains(&us, "Organised"), "{us}");
}

#[test]
fn a_project_overrides_single_messages_and_adds_a_language() {
    let project = scratch_copy(&repo().join("starter"));
    let words = project.path().join("templates/words");
    // The built-in catalogs, copied to be reworded (an existing one is kept).
    let copied = brief_in(project.path(), &["templates", "--copy", "words"]);
    assert!(copied.status.success(), "{}", stderr(&copied));
    let english = std::fs::read_to_string(words.join("en.ftl")).unwrap();
    assert!(english.contains("section-sources = Sources"), "{english}");
    assert!(words.join("ru.ftl").is_file() && words.join("fr.ftl").is_file());
    std::fs::remove_file(words.join("ru.ftl")).unwrap();
    std::fs::remove_file(words.join("fr.ftl")).unwrap();
    std::fs::write(words.join("en.ftl"), "section-sources = References\n").unwrap();
    // A language brief does not ship: a few messages; the rest come from English.
    std::fs::write(
        words.join("de.ftl"),
        "section-sources = Quellen\nlabel-as-of = Stand: { $date }\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = brief_in(
        project.path(),
        &[
            "generate",
            "-t",
            "process-history",
            "--lang",
            "en,de",
            "-o",
            out.path().to_str().unwrap(),
            "--date",
            "2026-11-24",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let en = pdf_text(&std::fs::read(out.path().join("process-history.en.pdf")).unwrap());
    let de = pdf_text(&std::fs::read(out.path().join("process-history.de.pdf")).unwrap());
    assert_pdf_contains(&en, "References");
    assert!(!en.contains("\nSources\n"), "{en}");
    assert_pdf_contains(&de, "Quellen");
    assert_pdf_contains(&de, "Stand: 24. November 2026");
    // What the German catalog lacks is printed in English, and said so.
    assert_pdf_contains(&de, "Summary");
    assert!(
        stderr(&run).contains("the catalog of `de` lacks")
            && stderr(&run).contains("brief check --lang de"),
        "{}",
        stderr(&run)
    );
    let check = brief_in(project.path(), &["check", "--lang", "de,ru"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("the catalog of `de` lacks"),
        "{}",
        stderr(&check)
    );
    assert!(
        !stderr(&check).contains("catalog of `ru`"),
        "{}",
        stderr(&check)
    );
    let strict = brief_in(project.path(), &["check", "--strict", "--lang", "de"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    // A broken catalog names its file and line, and nothing is written.
    std::fs::write(words.join("en.ftl"), "ok = fine\nbroken = { $x\n").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let run = brief_in(
        project.path(),
        &[
            "generate",
            "-t",
            "process-history",
            "-o",
            empty.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("en.ftl:2:1"), "{}", stderr(&run));
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn a_language_without_a_catalog_or_a_bad_tag_is_refused() {
    let out = tempfile::tempdir().unwrap();
    let run = generate(out.path(), &["-t", "process-history", "--lang", "tlh"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("no catalog of words for `tlh`"),
        "{}",
        stderr(&run)
    );
    let run = generate(out.path(), &["-t", "process-history", "--lang", "en,en"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("named twice"), "{}", stderr(&run));
    let run = generate(
        out.path(),
        &["-t", "process-history", "--lang", "not a tag"],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    // Several languages into one file cannot be.
    let file = out.path().join("x.pdf");
    let run = brief(&[
        "generate",
        "-t",
        "process-history",
        "--lang",
        "en,ru",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
}

/// Every message a built-in template asks for is in the English catalog, and Russian and
/// French have every English message.
#[test]
fn every_catalog_has_every_message_the_templates_use() {
    let dir = repo().join("templates");
    let ids = |file: &str| -> std::collections::BTreeSet<String> {
        std::fs::read_to_string(dir.join("words").join(file))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with(' ') && !k.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let en = ids("en.ftl");
    let used = used_ids(&dir);
    assert!(used.len() > 100, "{used:?}");
    for id in &used {
        assert!(
            en.contains(id),
            "`{id}` is used by a template but not in en.ftl"
        );
    }
    for lang in ["ru.ftl", "fr.ftl"] {
        let other = ids(lang);
        let missing: Vec<&String> = en.difference(&other).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

/// The message ids the built-in templates and shared Typst files use.
fn used_ids(dir: &Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for (i, _) in text
            .match_indices("t(\"")
            .chain(text.match_indices("t_plain(\""))
        {
            // `t(` itself, not the end of `.at(` or `list(`.
            if text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let rest = &text[i..];
            let start = rest.find('"').unwrap() + 1;
            let end = start + rest[start..].find('"').unwrap();
            out.insert(rest[start..end].to_owned());
        }
        for (i, _) in text.match_indices("t('") {
            let rest = &text[i + 3..];
            out.insert(rest[..rest.find('\'').unwrap()].to_owned());
        }
        // `words.x-y` in the shared Typst files: the message `label-x-y`.
        for (i, _) in text.match_indices("words.") {
            // Not the file `/brief-builtin/words.json`.
            if text[..i].ends_with('/') {
                continue;
            }
            let rest = &text[i + 6..];
            let key: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if !key.is_empty() && !key.starts_with("list-") && key != "at" {
                out.insert(format!("label-{key}"));
            }
        }
    }
    out
}
