//! Inputs that stress the stages rather than the reader: one sentence with
//! 10,000 names, and a text with no sentence end at all. Both must complete
//! with the built-in gazetteers and give well-formed rows.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(text: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ent = dir.path().join("entities.csv");
    let mut child = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["extract", "-", "--entities"])
        .arg(&ent)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khabar starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("stdin written");
    let out = child.wait_with_output().expect("khabar ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entities = std::fs::read_to_string(&ent).expect("entities written");
    (String::from_utf8(out.stdout).expect("UTF-8"), entities)
}

#[test]
fn ten_thousand_names_in_one_sentence() {
    // The two countries give the meeting the state party the sense check
    // asks for.
    let mut text = String::from(
        "DUSHANBE, 19.12.2024 - The meeting of the delegations of Tajikistan and Uzbekistan was attended by ",
    );
    for i in 0..10_000 {
        // Distinct surnames of the region's shape, so that every one is a name.
        text.push_str(&format!("Minister Farrukh Sharip{}ov, ", to_letters(i)));
    }
    text.push_str("and the sides signed a protocol on trade.\n");
    let (events, entities) = run(&text);
    let persons = entities.lines().filter(|l| l.contains(",PERSON,")).count();
    assert!(persons >= 10_000, "{persons} persons");
    assert!(events.lines().count() >= 2, "{events}");
}

#[test]
fn text_without_any_sentence_end() {
    let text = "the ministers of tajikistan and uzbekistan met in dushanbe and discussed trade "
        .repeat(20_000);
    let (events, _) = run(&text);
    // Lower-case names are not names; what matters is a clean, complete run.
    assert!(events.starts_with("doc_id,event_index,"));
}

/// 0 → "a", 25 → "z", 26 → "ba": distinct letter strings.
fn to_letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (i % 26) as u8) as char);
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}
