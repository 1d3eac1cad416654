//! The seed article end to end: the events the issue names, written by hand
//! from the article (`tests/seed/000_da68dc883e7a4a83.events.csv`; the
//! offsets are the character positions of the two evidence sentences in the
//! article, found by searching the article text for them), and what must
//! not come out of it.

use std::process::Command;

const SEED: &str = "tests/seed/000_da68dc883e7a4a83.txt";

fn khabar(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(args)
        .output()
        .expect("khabar runs");
    assert!(
        out.status.success(),
        "khabar failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn seed_events_match_the_hand_written_csv() {
    let expected = std::fs::read_to_string("tests/seed/000_da68dc883e7a4a83.events.csv")
        .expect("expected file");
    let got = khabar(&["extract", "-q", SEED]);
    assert_eq!(got, expected);
}

#[test]
fn praised_leaders_are_entities_not_participants() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ent = dir.path().join("entities.csv");
    let events = khabar(&[
        "extract",
        "-q",
        SEED,
        "--entities",
        ent.to_str().expect("utf-8 path"),
    ]);
    let entities = std::fs::read_to_string(&ent).expect("entities written");
    let mut persons: Vec<String> = Vec::new();
    let mut rdr = csv::Reader::from_reader(entities.as_bytes());
    for row in rdr.records() {
        let row = row.expect("valid CSV");
        if &row[4] == "PERSON" {
            persons.push(row[5].to_string());
        }
    }
    for leader in [
        "Emomali Rahmon",
        "Ilham Aliyev",
        "Zavki Zavkizoda",
        "Mukhtar Babayev",
    ] {
        assert!(
            persons.iter().any(|p| p == leader),
            "{leader} missing from {persons:?}"
        );
    }
    for leader in ["Emomali Rahmon", "Ilham Aliyev"] {
        assert!(
            !events.contains(leader),
            "{leader} must not be a participant"
        );
    }
}

#[test]
fn nothing_from_the_read_also_headlines() {
    let text = std::fs::read_to_string(SEED).expect("seed");
    // The linked headlines start after the last sentence of the article.
    let last = "create new jobs.";
    let body_end_chars = text[..text.find(last).expect("last sentence") + last.len()]
        .chars()
        .count();
    let dir = tempfile::tempdir().expect("temp dir");
    let ent = dir.path().join("entities.csv");
    let events = khabar(&[
        "extract",
        "-q",
        SEED,
        "--entities",
        ent.to_str().expect("utf-8 path"),
    ]);
    let entities = std::fs::read_to_string(&ent).expect("entities written");
    let mut rdr = csv::Reader::from_reader(entities.as_bytes());
    for row in rdr.records() {
        let row = row.expect("valid CSV");
        let start: usize = row[1].parse().expect("start");
        assert!(
            start < body_end_chars,
            "entity from the Read-also block: {row:?}"
        );
    }
    for word in ["Google", "Starlink", "Gaza", "Japan", "Iran", "Andritz"] {
        assert!(
            !events.contains(word) && !entities.contains(word),
            "{word} leaked from the headlines"
        );
    }
}
