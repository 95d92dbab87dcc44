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
    assert_pdf_contains(&text(1), "Situation au 24 novembre 2026");
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
    // Four meetings: the few-form; the genitive month names of a day's date.
    assert_pdf_contains(&history, "Состоялись 4 встречи процесса (3 мая 2018");
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
            "Speaking after the minister, noted",
            "Outcome Document (outcome document)",
            "Under-Secretary-General for Counter-Terrorism (UNOCT))",
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
    // `check` reads the catalogs of the briefings' language too, asked for or not.
    let check = brief_in(project.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("en.ftl:2:1"), "{}", stderr(&check));
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
    for lang in ["ru.ftl", "fr.ftl", "ar.ftl"] {
        let other = ids(lang);
        let missing: Vec<&String> = en.difference(&other).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

/// The message ids the built-in templates and shared Typst files use.
fn used_ids(dir: &Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        // Templates, manifests and Typst files; not the guide, which shows `t("id", …)`.
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.ends_with(".j2") || name.ends_with(".typ") || name.ends_with(".yaml")) {
            continue;
        }
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
            // (The lists' separators, the digits and the direction come from the code.)
            let from_code = ["at", "digits", "rtl", "lang", "region"];
            if !key.is_empty() && !key.starts_with("list-") && !from_code.contains(&key.as_str()) {
                out.insert(format!("label-{key}"));
            }
        }
    }
    out
}

/// An Arabic briefing, laid out: every run of text with where it sits.
fn arabic_layout(tag: &str) -> (f64, Vec<brief::harness::TextRun>) {
    let context = brief::harness::context_in(
        &repo().join("data"),
        &repo().join("templates"),
        "process-history",
        &[],
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        tag,
    )
    .unwrap();
    brief::harness::laid_out_text(&repo(), "process-history", &context).unwrap()
}

fn is_arabic(c: char) -> bool {
    ('\u{600}'..='\u{6FF}').contains(&c)
}

#[test]
fn arabic_runs_right_to_left_in_an_arabic_font_with_its_digits() {
    let (width, runs) = arabic_layout("ar-KW");
    // Every Arabic letter is set in the embedded Noto Naskh Arabic, never a fallback.
    let arabic: Vec<_> = runs
        .iter()
        .filter(|r| r.text.chars().any(is_arabic))
        .collect();
    assert!(arabic.len() > 100, "{}", arabic.len());
    for r in &arabic {
        assert_eq!(r.font, "Noto Naskh Arabic", "{r:?}");
    }
    // The heading of the summary starts at the right margin; an English heading at the left
    // one. Both are the inner margin of page 1 (24 mm): a right-to-left document is bound on
    // the right.
    let heading = arabic
        .iter()
        .find(|r| r.text.contains("ملخص") && r.size > 12.0)
        .expect("the summary heading");
    let right_margin = 24.0 * 72.0 / 25.4;
    assert!(
        (heading.x + heading.width - (width - right_margin)).abs() < 1.5,
        "{heading:?} on a page {width} pt wide"
    );
    let english = brief::harness::context(
        &repo().join("data"),
        &repo().join("templates"),
        "process-history",
        &[],
        chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    )
    .unwrap();
    let (_, english) = brief::harness::laid_out_text(&repo(), "process-history", &english).unwrap();
    let summary = english
        .iter()
        .find(|r| r.text == "Summary" && r.size > 12.0)
        .expect("the English summary heading");
    assert!((summary.x - 24.0 * 72.0 / 25.4).abs() < 1.5, "{summary:?}");
    // `ar-KW` writes Arabic-Indic digits: dates, page numbers and notes.
    let all: String = runs.iter().map(|r| r.text.as_str()).collect();
    assert!(all.contains("٢٠٢٤") && all.contains("نوفمبر"), "{all}");
    assert!(all.contains("الصفحة") && all.contains("١ من"), "{all}");
    // Each note mark (small digits) sits beside a word of its line, not across the page.
    let marks: Vec<_> = runs
        .iter()
        .filter(|r| r.size < 8.0 && r.text.chars().all(|c| ('٠'..='٩').contains(&c) || c == '،'))
        .collect();
    assert!(marks.len() > 20, "{}", marks.len());
    // A group of marks (`١,٢,٣`: one run per number and comma) touches a word at one end.
    let touches = |a: &brief::harness::TextRun, b: &brief::harness::TextRun| {
        a.page == b.page
            && (a.y - b.y).abs() < 8.0
            && ((a.x + a.width - b.x).abs() < 2.0 || (b.x + b.width - a.x).abs() < 2.0)
    };
    let small: Vec<_> = runs.iter().filter(|r| r.size < 8.0).collect();
    for m in &marks {
        let mut group = vec![*m];
        let mut i = 0;
        while i < group.len() {
            for s in &small {
                if touches(group[i], s) && !group.iter().any(|g| std::ptr::eq(*g, *s)) {
                    group.push(s);
                }
            }
            i += 1;
        }
        let beside = group
            .iter()
            .any(|g| runs.iter().any(|r| r.size > 8.0 && touches(g, r)));
        assert!(beside, "a note mark stands apart from its words: {m:?}");
    }
}

#[test]
fn arabic_digits_follow_the_tag() {
    let (_, latin) = arabic_layout("ar-u-nu-latn");
    let all: String = latin.iter().map(|r| r.text.as_str()).collect();
    assert!(all.contains("2024") && !all.contains("٢٠٢٤"), "{all}");
    assert!(all.contains("نوفمبر"), "{all}");
}

/// Facts in the briefing's language: a record's `translations:` print in their language;
/// what a translated fact base leaves untranslated is marked, with a legend; a fact base
/// that translates nothing says so once.
#[test]
fn facts_print_in_the_language_the_fact_base_translates_them_into() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "  title: Second Lake Dialogue — İstanbul Görüşmeleri\n",
        "  title: Second Lake Dialogue — İstanbul Görüşmeleri\n  translations:\n    ru: { title: Второй диалог об озере, in_text: второй диалог об озере }\n",
    );
    edit(
        &dir.path().join("countries.yaml"),
        "  name: Қазақстан\n",
        "  name: Қазақстан\n  translations: { ru: { name: Казахстан } }\n",
    );
    let data = rel(dir.path());
    let args = |lang: &'static str| -> Vec<String> {
        [
            "-t",
            "event-brief",
            "-p",
            "event=lake-2021",
            "--data",
            data.as_str(),
            "--lang",
            lang,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let text_of = |lang: &'static str| {
        let a = args(lang);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        only_text(&a)
    };
    let ru = text_of("ru");
    assert_pdf_contains(&ru, "Второй диалог об озере");
    assert_pdf_contains(&ru, "Казахстан");
    // Türkiye and the outcome are not translated: marked, and the legend says what the mark is.
    assert_pdf_contains(&ru, "Şişli Communiqué on Shared Waters (коммюнике)†");
    assert_pdf_contains(&ru, "† Перевод отсутствует");
    // The quote stays as its source gives it, unmarked.
    assert_pdf_contains(&ru, "Су — өмір көзі.");
    // Running text names the event as the translation says.
    let history = only_text(&[
        "-t",
        "process-history",
        "--data",
        data.as_str(),
        "--lang",
        "ru",
    ]);
    assert_pdf_contains(
        &history,
        "Последняя встреча — второй диалог об озере — прошла",
    );
    // French: the fact base translates nothing into it, said once, nothing marked.
    let fr = text_of("fr");
    assert_pdf_contains(&fr, "Second Lake Dialogue");
    assert_pdf_contains(
        &fr,
        "Les faits sont donnés tels que la base de faits les consigne",
    );
    assert!(!fr.contains('†'), "{fr}");
    // English, the fact base's own language: as curated, no mark, no legend.
    let en = text_of("en");
    assert_pdf_contains(&en, "Second Lake Dialogue — İstanbul Görüşmeleri");
    assert!(
        !en.contains('†') && !pdf_contains(&en, "Not translated"),
        "{en}"
    );
}

#[test]
fn translations_are_checked_like_every_field() {
    let dir = scratch_copy(&fixture("minimal"));
    edit(
        &dir.path().join("events/second.yaml"),
        "      text: Су — өмір көзі.\n",
        "      text: Су — өмір көзі.\n      translations: { ru: { text: Вода — источник жизни. } }\n",
    );
    edit(
        &dir.path().join("countries.yaml"),
        "  name: Türkiye\n",
        "  name: Türkiye\n  translations: { fr: { nmae: Turquie }, english please: { name: X } }\n",
    );
    let out = brief(&["check", "--data", &rel(dir.path())]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for expected in [
        "a quote cannot be translated",
        "`nmae` cannot be translated here",
        "did you mean `name`?",
        "is not a language tag",
        "countries.yaml:",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

#[test]
fn straight_quotes_in_facts_print_as_the_languages_quotation_marks() {
    let dir = scratch_copy(&fixture("minimal"));
    edit(
        &dir.path().join("events/second.yaml"),
        "  kind: conference\n",
        "  kind: conference\n  note: called the \"Lake\" talks by the press\n",
    );
    let data = rel(dir.path());
    let text = |lang: &str| {
        only_text(&[
            "-t",
            "event-brief",
            "-p",
            "event=lake-2021",
            "--data",
            &data,
            "--lang",
            lang,
        ])
    };
    assert_pdf_contains(&text("en"), "called the “Lake” talks");
    assert_pdf_contains(&text("ru"), "called the «Lake» talks");
    assert_pdf_contains(&text("fr"), "called the «Lake» talks");
}

/// A catalog is read only from inside the project's catalog folder: a link out of it is
/// refused by name, its contents never read (nor shown in a message).
#[cfg(unix)]
#[test]
fn a_catalog_linked_out_of_the_project_is_refused() {
    let project = scratch_copy(&repo().join("starter"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.ftl"),
        "secret = the launch codes { $x\n",
    )
    .unwrap();
    let words = project.path().join("templates/words");
    std::fs::create_dir_all(&words).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.ftl"), words.join("fr.ftl")).unwrap();
    let out = brief_in(project.path(), &["check", "--lang", "fr"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("leads outside"), "{err}");
    assert!(!err.contains("launch codes"), "{err}");
}

/// `trace` follows the notes of every language asked for.
#[test]
fn every_language_is_traced() {
    let out = brief(&[
        "trace",
        "-t",
        "process-history",
        "--lang",
        "en,fr",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let traces: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(traces.as_array().map(Vec::len), Some(2), "{traces}");
}

/// An organisation summary in Russian words the country summary's sentences for an
/// organisation (организации), never for a country (страны).
#[test]
fn russian_organisation_summaries_speak_of_an_organisation() {
    let text = only_text(&[
        "-t",
        "organization-participation",
        "-p",
        "organization=unoct",
        "--lang",
        "ru",
    ]);
    for expected in [
        "СПРАВКА ОБ УЧАСТИИ ОРГАНИЗАЦИИ",
        "Структура Организации Объединённых Наций",
        "Выступавшие от имени организации",
        "Мероприятия с участием организации",
    ] {
        assert_pdf_contains(&text, expected);
    }
    assert!(!text.contains("стран"), "{text}");
    // The country summary keeps its words.
    let text = only_text(&[
        "-t",
        "country-participation",
        "-p",
        "country=TJK",
        "--lang",
        "ru",
    ]);
    assert_pdf_contains(&text, "Мероприятия с участием страны");
}
