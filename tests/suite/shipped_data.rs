//! The shipped fact base as a reader sees it: corrections made against the seed documents
//! show on the page (see `data/CURATION.md` for the rules behind them).

use crate::support::*;

fn pdf_text_of(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    let out = generate(&path, args);
    assert!(out.status.success(), "{}", stderr(&out));
    pdf_text(&std::fs::read(&path).unwrap())
}

fn context(args: &[&str]) -> serde_json::Value {
    let mut full = vec!["context"];
    full.extend_from_slice(args);
    let out = brief(&full);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_2018_conference_was_convened_with_the_un() {
    let text = pdf_text_of(&[
        "--template",
        "event-brief",
        "--param",
        "event=dushanbe-2018",
    ]);
    assert_pdf_contains(&text, "Organised by Tajikistan, UN, OSCE and EU");
}

#[test]
fn the_kuwait_phase_outcome_is_announced_and_unnamed() {
    let text = pdf_text_of(&[
        "--template",
        "event-brief",
        "--param",
        "event=kuwait-phase-2024",
    ]);
    assert_pdf_contains(
        &text,
        "An outcome document (its name is cut off in the source)",
    );
    assert_pdf_contains(
        &text,
        "announced in advance: the conference was to conclude",
    );
    // Tajikistan's further positions and the President's call on officials.
    assert_pdf_contains(&text, "Stronger cooperative measures for global peace");
    assert_pdf_contains(&text, "He called on officials to pay attention");
}

#[test]
fn the_ashgabat_unoct_event_is_announced_not_hosted() {
    let ctx = context(&[
        "--template",
        "event-brief",
        "--param",
        "event=unoct-ashgabat-2024",
    ]);
    let event = &ctx["event"];
    assert_eq!(event["hosts"].as_array().unwrap().len(), 0);
    assert!(
        event["participants"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["role"] != "host")
    );
    assert!(
        event["note"]
            .as_str()
            .unwrap()
            .starts_with("announced in advance")
    );
    let tkm = context(&[
        "--template",
        "country-participation",
        "--param",
        "country=TKM",
    ]);
    let hosted = tkm["summary"]["hosted"].as_array().unwrap();
    assert!(
        !hosted.iter().any(|h| h == "UNOCT event in Ashgabat"),
        "{hosted:?}"
    );
}

#[test]
fn the_ashgabat_peace_conference_lists_every_speaker_as_a_participant() {
    let ctx = context(&[
        "--template",
        "event-brief",
        "--param",
        "event=ashgabat-conference-2024",
    ]);
    let participants = ctx["event"]["participants"].as_array().unwrap();
    let speakers: Vec<(String, String)> = participants
        .iter()
        .filter(|p| p["capacity"] == "spoke")
        .map(|p| {
            (
                p["person"]["name"].as_str().unwrap().to_owned(),
                p["note"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    for (name, note) in [
        ("Rashid Meredov", ""),
        ("Alexander Zuev", ""),
        ("Melissa Fleming", "by video message"),
        ("Ban Ki-moon", "by video message"),
    ] {
        let found = (speakers.iter()).any(|(n, o)| n == name && (note.is_empty() || o == note));
        assert!(found, "{name} missing from {speakers:?}");
    }
    // The seed says who spoke, not who led a delegation: nobody is a head of delegation, and
    // no party is listed as a speaker without the person the seed names.
    assert!(
        participants.iter().all(|p| p["head"].is_null()),
        "{participants:?}"
    );
    assert!(
        participants
            .iter()
            .all(|p| p["role"] != "speaker" || !p["person"].is_null()),
        "{participants:?}"
    );
    // Ban Ki-moon as the seed gives him.
    let ban = participants
        .iter()
        .find(|p| p["person"]["name"] == "Ban Ki-moon")
        .unwrap();
    assert!(
        ban["person"]["text"]
            .as_str()
            .unwrap()
            .contains("former UN Secretary-General"),
        "{ban}"
    );
    let text = pdf_text_of(&[
        "--template",
        "event-brief",
        "--param",
        "event=ashgabat-conference-2024",
    ]);
    assert_pdf_contains(&text, "representatives of its foreign ministry");
}

#[test]
fn qualified_dates_and_places_say_so() {
    let text = pdf_text_of(&[
        "--template",
        "event-brief",
        "--param",
        "event=tjk-tur-meeting-2022",
    ]);
    assert_pdf_contains(
        &text,
        "the date and place are the dateline of the news report",
    );
    let text = pdf_text_of(&[
        "--template",
        "event-brief",
        "--param",
        "event=kuwait-2024-energy-side-event",
    ]);
    assert_pdf_contains(&text, "does not say in which session");
}

#[test]
fn labels_come_only_from_the_sources() {
    let tjk = context(&[
        "--template",
        "country-participation",
        "--param",
        "country=TJK",
    ]);
    assert!(tjk["country"]["region"].is_null());
    let ctx = context(&[
        "--template",
        "event-brief",
        "--param",
        "event=ashgabat-conference-2024",
    ]);
    let text = ctx.to_string();
    assert!(!text.contains("\"CTED\""));
    assert!(!text.contains("National Information Agency"));
}
