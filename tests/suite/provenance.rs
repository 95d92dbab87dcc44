//! Provenance: every note supports exactly what it is attached to. A citation says which
//! fields of its record the source supports (`supports:`); `check` refuses a field the record
//! does not have and a quote whose words are in none of its excerpts, and warns about a field
//! no source supports; briefings print each row with the notes of its own fields only.

use std::path::Path;

use crate::support::*;

/// The minimal fixture with a second source, and its second event's own citations replaced
/// by `citations` (YAML list items at four spaces).
fn base_with_citations(citations: &str) -> tempfile::TempDir {
    let dir = scratch_copy(&fixture("minimal"));
    let sources = dir.path().join("sources.yaml");
    let mut text = std::fs::read_to_string(&sources).unwrap();
    text.push_str(
        "- id: bulletin-2021\n  title: Talks to open in İstanbul\n  publisher: The Water Bulletin\n  published: 2021-05-20\n  kind: news\n",
    );
    std::fs::write(&sources, text).unwrap();
    edit(
        &dir.path().join("events/second.yaml"),
        "communique, sources: [gazette-2021] }\n  sources: [gazette-2021]\n",
        &format!("communique, sources: [gazette-2021] }}\n  sources:\n{citations}"),
    );
    dir
}

/// The text of the event brief of `lake-2021` made from the fact base in `data`.
fn event_brief_text(data: &Path) -> String {
    let out_dir = tempfile::tempdir().unwrap();
    let args = [
        "--template",
        "event-brief",
        "--param",
        "event=lake-2021",
        "--data",
        data.to_str().unwrap(),
    ];
    let out = generate(out_dir.path(), &args);
    assert!(out.status.success(), "{}", stderr(&out));
    pdf_text(&std::fs::read(out_dir.path().join("event-brief-lake-2021.pdf")).unwrap())
}

fn check(data: &Path) -> std::process::Output {
    brief(&["check", "--data", data.to_str().unwrap()])
}

#[test]
fn supports_must_name_a_field_of_the_record() {
    let dir = base_with_citations(
        "    - id: gazette-2021\n      supports: [titel, start]\n    - bulletin-2021\n",
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`supports` names `titel`, which is not a field of an event"),
        "{err}"
    );
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("events/second.yaml:"), "{err}");
}

#[test]
fn a_field_no_source_supports_is_a_warning_naming_it() {
    let dir = base_with_citations(
        "    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]\n",
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("no source of this event supports its `hosts`: it prints without a note"),
        "{err}"
    );
    // Every other field is supported.
    assert_eq!(
        err.matches("no source of this event supports").count(),
        1,
        "{err}"
    );
}

#[test]
fn a_quote_must_stand_in_its_excerpts() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    // No excerpt: it cannot be checked.
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("this quote cannot be checked: none of its sources has an `excerpt`"),
        "{}",
        stderr(&out)
    );
    // The excerpt has the words: fine.
    edit(
        &event,
        "      text: Су — өмір көзі.\n      sources: [gazette-2021]\n",
        "      text: Су — өмір көзі.\n      sources:\n        - { id: gazette-2021, excerpt: \"she said: “Су — өмір көзі.” The ministers agreed\" }\n",
    );
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("quote"), "{}", stderr(&out));
    // Words changed from the source's: refused.
    edit(
        &event,
        "      text: Су — өмір көзі.",
        "      text: Су — бәрінің көзі.",
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the words of this quote are not in any of its excerpts"),
        "{err}"
    );
    assert!(err.contains("statements[1].text"), "{err}");
}

/// The event brief's rows carry the notes of their own fields: the dates and place come from
/// one source, the hosts from another, and each row cites only its own.
#[test]
fn each_row_cites_only_the_sources_of_its_fields() {
    let dir = base_with_citations(
        "    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]\n    - id: bulletin-2021\n      supports: [hosts]\n",
    );
    let text = event_brief_text(dir.path());
    // Notes are numbered in reading order: the gazette (title) is 1, the bulletin (hosts) 2.
    let row = |label: &str| -> String {
        let start = text
            .find(label)
            .unwrap_or_else(|| panic!("{label} in {text}"));
        text[start..].lines().next().unwrap().to_owned()
    };
    let dates = row("Dates");
    // The note follows its text with no space (pdftotext may or may not add one).
    let notes_after = |row: &str, value: &str| -> String {
        let at = row
            .find(value)
            .unwrap_or_else(|| panic!("{value} in {row:?}"));
        row[at + value.len()..].trim().to_owned()
    };
    assert_eq!(notes_after(&dates, "June 2021"), "1", "{dates:?}");
    let hosts = row("Hosted by");
    // Only the bulletin, published before the talks opened, gives the hosts: they print as
    // announced, with its note; the dates (from the later gazette) do not.
    let hosts = hosts.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(notes_after(&hosts, "Türkiye"), "(announced) 2", "{hosts:?}");
    assert!(!dates.contains("announced"), "{dates:?}");
    let place = row("Place");
    assert_eq!(notes_after(&place, "Türkiye"), "1", "{place:?}");
    // The bulletin supports nothing but the hosts.
    let kind = row("Kind");
    assert!(kind.ends_with('1'), "{kind:?}");
    assert_pdf_contains(&text, "Official title");
}

/// A title no source gives is the curator's description, and is labelled so.
#[test]
fn a_title_no_source_gives_is_a_description() {
    let dir = base_with_citations(
        "    - id: gazette-2021\n      supports: [kind, process, sequence, start, end, location, hosts, organizers]\n",
    );
    let text = event_brief_text(dir.path());
    let checked = check(dir.path());
    assert!(
        stderr(&checked).contains("no source of this event supports its `title`"),
        "{}",
        stderr(&checked)
    );
    assert_pdf_contains(&text, "Description");
    assert!(!text.contains("Official title"), "{text}");
}

/// A project's `sources` folder (written by `init`) is used by `check` and `generate` without
/// being asked: an excerpt its source does not contain stops both.
#[test]
fn the_projects_source_texts_are_checked_by_default() {
    let scratch = tempfile::tempdir().unwrap();
    let project = scratch.path().join("p");
    let out = brief_in(scratch.path(), &["init", "p"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = brief_in(&project, &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("excerpts found in `sources`"),
        "{}",
        stderr(&out)
    );
    edit(
        &project.join("data/events/2023-bergen.yaml"),
        "excerpt: opened in Bergen on 4 September",
        "excerpt: opened in Bergen harbour on 4 September",
    );
    for args in [
        &["check"][..],
        &["generate", "--template", "process-history"][..],
    ] {
        let out = brief_in(&project, args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("excerpt not found in the text of source"),
            "{err}"
        );
        assert!(err.contains("2023-bergen.yaml"), "{err}");
    }
    assert!(!project.join("output/process-history.pdf").exists());
}

/// A source published before an event began can only announce: a figure cited to such a
/// source alone is refused until it is marked `status: announced`, and is then printed as
/// announced on its card and in the email draft.
#[test]
fn a_figure_only_announced_before_the_event_prints_as_announced() {
    let dir = base_with_citations("    - gazette-2021\n");
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "{ measure: participants, value: 120, qualifier: about, sources: [gazette-2021] }",
        "{ measure: participants, value: 120, qualifier: about, sources: [bulletin-2021] }",
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the figure `participants` is cited only to sources published before the event began (20 May 2021, before 1 June 2021)"),
        "{err}"
    );
    assert!(err.contains("status: announced"), "{err}");
    edit(
        &event,
        "qualifier: about, sources: [bulletin-2021] }",
        "qualifier: about, status: announced, sources: [bulletin-2021] }",
    );
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out_dir = tempfile::tempdir().unwrap();
    let out = generate(
        out_dir.path(),
        &[
            "--template",
            "event-brief",
            "--param",
            "event=lake-2021",
            "--data",
            dir.path().to_str().unwrap(),
            "--email",
            "--to",
            "desk@example.org",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdf_text(&std::fs::read(out_dir.path().join("event-brief-lake-2021.pdf")).unwrap());
    let card = text
        .lines()
        .skip_while(|l| !l.contains("about 120"))
        .filter(|l| !l.trim().is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        card.contains("participants") && card.contains("announced"),
        "{card:?}\n{text}"
    );
    assert!(
        !text.contains("Status"),
        "the event itself is reported: {text}"
    );
    let eml = std::fs::read_to_string(out_dir.path().join("event-brief-lake-2021.eml")).unwrap();
    assert!(eml.contains("about 120 participants (announced)"), "{eml}");
}

/// An excerpt cited for a value must give it: a figure's number, an event's dates.
#[test]
fn supported_values_must_stand_in_their_excerpts() {
    let dir = base_with_citations(
        "    - id: gazette-2021\n      excerpt: the dialogue opened on 1 June and closed on 2 June 2021\n      supports: [start, end]\n    - gazette-2021\n",
    );
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "{ measure: participants, value: 120, qualifier: about, sources: [gazette-2021] }",
        "{ measure: participants, value: 120, qualifier: about, sources: [{ id: gazette-2021, excerpt: about one hundred and twenty attended }] }",
    );
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "the excerpt cited for the figure `participants` does not give its value, 120"
        ),
        "{err}"
    );
    assert!(!err.contains("cited for `start`"), "{err}");
    edit(
        &event,
        "about one hundred and twenty attended",
        "about 120 attended",
    );
    edit(&event, "closed on 2 June 2021", "closed on 3 June 2021");
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("this excerpt is cited for `end` but does not give 2 June 2021"),
        "{err}"
    );
    assert!(!err.contains("figure"), "{err}");
}

/// Who acted for a party says what the source says: `head` only for who led the
/// delegation, `person` with `as` for a speaker (or one who received the other side); the
/// briefing prints the capacity, and only heads count as "headed by".
#[test]
fn a_speaker_is_not_a_head_of_delegation() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    let participant =
        "    - { party: KAZ, role: delegation, head: aigerim-sadyk, sources: [gazette-2021] }";
    let with = |line: &str| {
        edit(&event, participant, line);
        let out = check(dir.path());
        edit(&event, line, participant);
        out
    };
    for (line, message, field) in [
        (
            "    - { party: KAZ, role: delegation, head: aigerim-sadyk, person: aigerim-sadyk, as: spoke, sources: [gazette-2021] }",
            "a participation names its person once",
            "participants[1].person",
        ),
        (
            "    - { party: KAZ, role: delegation, person: aigerim-sadyk, sources: [gazette-2021] }",
            "`person` needs `as`",
            "participants[1].person",
        ),
        (
            "    - { party: KAZ, role: delegation, as: spoke, sources: [gazette-2021] }",
            "`as` without `person`",
            "participants[1].as",
        ),
        (
            "    - { party: KAZ, role: delegation, head: aigerim-sadyk, as: spoke, sources: [gazette-2021] }",
            "with `head` the person led the delegation",
            "participants[1].as",
        ),
        (
            "    - { party: KAZ, role: delegation, person: aigerim-sadyk, as: sang, sources: [gazette-2021] }",
            "sang",
            "participants[1].as",
        ),
    ] {
        let out = with(line);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{line}\n{err}");
        assert!(err.contains(message), "{line}\n{err}");
        assert!(err.contains(field), "{line}\n{err}");
    }
    // As a speaker: printed as one, not counted as a head of delegation.
    edit(
        &event,
        participant,
        "    - { party: KAZ, role: speaker, person: aigerim-sadyk, as: spoke, sources: [gazette-2021] }",
    );
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out_dir = tempfile::tempdir().unwrap();
    let run = generate(
        out_dir.path(),
        &[
            "--template",
            "country-participation",
            "--param",
            "country=KAZ",
            "--data",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text =
        pdf_text(&std::fs::read(out_dir.path().join("country-participation-KAZ.pdf")).unwrap());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!flat.contains("headed by"), "{flat}");
    assert!(flat.contains("Айгерім Садық spoke for it"), "{flat}");
}

/// A statement about a country (`about`) is shown in that country's summary, under what
/// others said of it; `about` must name parties the fact base defines.
#[test]
fn what_others_said_of_a_country_is_in_its_summary() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "    - speaker: aigerim-sadyk\n",
        "    - speaker: aigerim-sadyk\n      about: [TUR]\n",
    );
    let out_dir = tempfile::tempdir().unwrap();
    let run = generate(
        out_dir.path(),
        &[
            "--template",
            "country-participation",
            "--param",
            "country=TUR",
            "--data",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let text =
        pdf_text(&std::fs::read(out_dir.path().join("country-participation-TUR.pdf")).unwrap());
    assert_pdf_contains(&text, "What others said of it");
    assert_pdf_contains(&text, "Су — өмір көзі.");
    edit(&event, "      about: [TUR]\n", "      about: [TRK]\n");
    let out = check(dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("statements[1].about[1]"), "{err}");
}

/// `check --strict`: every figure, participation and statement quotes its source, warnings
/// are refused, and a `head` whose excerpts never say the person led is refused.
#[test]
fn strict_checking_asks_for_excerpts_and_refuses_warnings() {
    let dir = scratch_copy(&fixture("minimal"));
    let data = dir.path().to_str().unwrap().to_owned();
    let strict = || brief(&["check", "--strict", "--data", &data]);
    // The fixture cites without excerpts: valid, but not under --strict.
    assert!(check(dir.path()).status.success());
    let out = strict();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for (message, field) in [
        (
            "every figure quotes its source",
            "events[lake-2021].figures[1].sources",
        ),
        (
            "every participation quotes its source",
            "events[lake-2021].participants[1].sources",
        ),
        (
            "every statement quotes its source",
            "events[lake-2021].statements[1].sources",
        ),
    ] {
        assert!(err.contains(message), "{message}\n{err}");
        assert!(err.contains(field), "{field}\n{err}");
    }
    // Quoted, but the excerpt of the head of delegation only says she spoke.
    edit(
        &dir.path().join("events/first.yaml"),
        "value: 60, sources: [gazette-2021] }",
        "value: 60, sources: [{ id: gazette-2021, excerpt: 60 delegates met }] }",
    );
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "    - { measure: participants, value: 120, qualifier: about, sources: [gazette-2021] }",
        "    - { measure: participants, value: 120, qualifier: about, sources: [{ id: gazette-2021, excerpt: about 120 people came }] }",
    );
    edit(
        &event,
        "head: aigerim-sadyk, sources: [gazette-2021] }",
        "head: aigerim-sadyk, sources: [{ id: gazette-2021, excerpt: minister Садық spoke first }] }",
    );
    edit(
        &event,
        "      text: Су — өмір көзі.\n      sources: [gazette-2021]",
        "      text: Су — өмір көзі.\n      sources: [{ id: gazette-2021, excerpt: \"Су — өмір көзі.\" }]",
    );
    edit(
        &event,
        "as: spoke, sources: [gazette-2021] }",
        "as: spoke, sources: [{ id: gazette-2021, excerpt: Odile Marchand of the Lake Basin Commission spoke }] }",
    );
    edit(
        &event,
        "monitoring station.\n      sources: [gazette-2021]",
        "monitoring station.\n      sources: [{ id: gazette-2021, excerpt: the commission offered to host a monitoring station }]",
    );
    let out = strict();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("quotes its source"), "{err}");
    assert!(
        err.contains("`head` says this person led the delegation, but no excerpt of it says so"),
        "{err}"
    );
    assert!(err.contains("participants[1].head"), "{err}");
    // Plain `check` does not ask that much.
    assert!(
        check(dir.path()).status.success(),
        "{}",
        stderr(&check(dir.path()))
    );
    // Saying she headed the delegation passes; then a warning (a field no source supports)
    // is refused under --strict alone.
    edit(
        &event,
        "minister Садық spoke first",
        "the delegation headed by minister Садық",
    );
    let out = strict();
    assert!(out.status.success(), "{}", stderr(&out));
    edit(
        &event,
        "\n  sources: [gazette-2021]",
        "\n  sources:\n    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]",
    );
    assert!(check(dir.path()).status.success());
    let out = strict();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: no source of this event supports its `hosts`"),
        "{err}"
    );
    assert!(err.contains("refused under `--strict`"), "{err}");
}

/// An event no source names carries the curator's `description` instead of a `title`: it
/// needs no source, and prints as "Description", never as "Official title".
#[test]
fn an_event_no_source_names_has_a_description() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    let title = "  title: Second Lake Dialogue — İstanbul Görüşmeleri\n";
    edit(
        &event,
        title,
        "  description: Talks of water ministers in İstanbul\n",
    );
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = event_brief_text(dir.path());
    assert_pdf_contains(&text, "Description");
    assert_pdf_contains(&text, "Talks of water ministers in İstanbul");
    assert!(!pdf_contains(&text, "Official title"), "{text}");
    // Both, or neither: refused.
    edit(
        &event,
        "  description: Talks",
        "  title: Second Lake Dialogue\n  description: Talks",
    );
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("an event has a `title` or a `description`, not both"),
        "{err}"
    );
    edit(&event, "  title: Second Lake Dialogue\n", "");
    edit(
        &event,
        "  description: Talks of water ministers in İstanbul\n",
        "",
    );
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("an event is missing the required field `title`"),
        "{err}"
    );
    assert!(err.contains("or `description: …`"), "{err}");
}

/// Excerpts cited for who took part name them: a participation's party or person, each
/// host — as the record spells it, or as one of the `variants` it lists.
#[test]
fn excerpts_name_who_took_part() {
    let dir = scratch_copy(&fixture("minimal"));
    let event = dir.path().join("events/second.yaml");
    edit(
        &event,
        "head: aigerim-sadyk, sources: [gazette-2021] }",
        "head: aigerim-sadyk, sources: [{ id: gazette-2021, excerpt: the delegation was headed by the minister }] }",
    );
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains(
            "the excerpts cited for the participation of `KAZ` do not name it or its person"
        ),
        "{err}"
    );
    assert!(err.contains("participants[1].sources"), "{err}");
    // The surname names the person.
    edit(&event, "headed by the minister", "headed by minister Садық");
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    // Hosts: the excerpt cited for them must name each.
    edit(
        &event,
        "\n  sources: [gazette-2021]",
        "\n  sources:\n    - id: gazette-2021\n      supports: [title, kind, process, sequence, start, end, location, organizers]\n    - id: gazette-2021\n      excerpt: the talks were hosted by Turkey\n      supports: [hosts]",
    );
    let err = stderr(&check(dir.path()));
    assert!(
        err.contains("no excerpt cited for `hosts` names `TUR`"),
        "{err}"
    );
    // Unless the record lists the source's spelling.
    let countries = dir.path().join("countries.yaml");
    let text = std::fs::read_to_string(&countries).unwrap();
    assert!(text.contains("name: Türkiye\n"), "{text}");
    edit(
        &countries,
        "name: Türkiye\n",
        "name: Türkiye\n  variants: [Turkey]\n",
    );
    let out = check(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
}
