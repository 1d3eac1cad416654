//! One long document must cost time linear in its length (issue #18):
//! adversarial single documents, generated here (no large file is
//! committed), each run through the binary with a time bound far above
//! what a linear pass takes. The bounds are for this profile (tests build
//! with opt-level 1): the four together took 21 s of wall time here (in
//! parallel, on a loaded 2-core machine), and each bound is 10x or more
//! above its test's share, so that a slow shared machine does not fail
//! them while a quadratic stage (minutes to hours at these sizes) still
//! does.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs `khabar extract -j 1` on `text` as one text file; returns the
/// events and entities CSV and the wall time.
fn run(text: &str) -> (String, String, Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("long.txt");
    std::fs::write(&input, text).expect("input written");
    let (ev, en) = (
        dir.path().join("events.csv"),
        dir.path().join("entities.csv"),
    );
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["extract", "-j", "1", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(&ev)
        .arg("--entities")
        .arg(&en)
        .output()
        .expect("khabar runs");
    let took = t.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (read(&ev), read(&en), took)
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).expect("output written")
}

fn within(took: Duration, secs: u64, what: &str) {
    assert!(
        took < Duration::from_secs(secs),
        "{what}: {took:?}, bound {secs} s: a stage is no longer linear in the document's length"
    );
}

/// 0 → "a", 25 → "z", 26 → "ba": distinct letter strings.
fn to_letters(mut i: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            return s;
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// 10,000 people, each named in full after a title (with the country the
/// sense check asks for), met by another and
/// named again by surname: every surname look-up used to walk every
/// person named before, and every meeting every event before (68 s in
/// release for 1 MB). About 1.1 MB;
#[test]
fn ten_thousand_distinct_people() {
    let mut text = String::new();
    for i in 0..10_000 {
        let (a, b) = (to_letters(i), to_letters(9_999 - i));
        text.push_str(&format!(
            "Uzbek President Farrukh Sharip{a}ov met Tajik Foreign Minister Alisher Karim{b}ov in Tashkent. \
             Sharip{a}ov said that Karim{b}ov agreed.\n\n"
        ));
    }
    let (events, entities, took) = run(&text);
    let persons = entities.lines().filter(|l| l.contains(",PERSON,")).count();
    assert!(persons >= 30_000, "{persons} person mentions");
    assert!(
        events.lines().count() > 1_000,
        "{} events",
        events.lines().count()
    );
    within(took, 30, "10,000 people");
}

/// One person named in full, then by surname 1,000,000 times, ten to a
/// sentence (9.8 MB).
#[test]
fn one_name_a_million_times() {
    let mut text = String::from("President Islam Karimov met the delegation.\n\n");
    // Commas: "Karimov Karimov" would be read as one two-word name.
    let sentence = "Karimov, ".repeat(9) + "Karimov.\n";
    text.push_str(&sentence.repeat(100_000));
    let (_, entities, took) = run(&text);
    let karimov =
        entities.matches(",Islam Karimov\n").count() + entities.matches(",Islam Karimov,").count();
    assert!(karimov >= 1_000_000, "{karimov} mentions of Karimov");
    within(took, 60, "one name 1,000,000 times");
}

/// 100,000 sentences with a trigger word each, on as many distinct days:
/// each cue looked for its event among all the events before. 9 MB;
///
#[test]
fn hundred_thousand_trigger_sentences() {
    let mut text = String::new();
    for i in 0..100_000 {
        let (day, month, year) = (i % 28 + 1, MONTHS[(i / 28) % 12], 1900 + (i / 336) % 120);
        text.push_str(&format!(
            "President Islam Karimov met Prime Minister Viktor Chernomyrdin in Tashkent on {day} {month} {year}. "
        ));
        if i % 10 == 9 {
            text.push_str("\n\n");
        }
    }
    let (events, _, took) = run(&text);
    assert!(events.lines().count() > 1, "no events");
    within(took, 60, "100,000 trigger sentences");
}

/// 64 MB in one sentence: names, places, a weekday, sectors and a
/// trigger, no full stop, question mark or line end. (Dated days in one
/// endless sentence: the next test.)
#[test]
fn sixty_four_mb_without_a_sentence_end() {
    let phrase = "the ministers of Tajikistan and Uzbekistan and President Islam Karimov \
                  of Uzbekistan with Karimov and Sharipov discussed energy and trade in Dushanbe \
                  and Samarkand on Tuesday and ";
    let text = phrase.repeat(64_000_000 / phrase.len() + 1);
    assert!(text.len() >= 64_000_000 && text.len() < 64 << 20);
    let (_, entities, took) = run(&text);
    assert!(entities.lines().count() > 1_000_000, "too few entities");
    within(took, 150, "64 MB in one sentence");
}

/// 6 MB in one sentence of dated meetings and signings, each with two
/// people and a place: each date was matched against every cue of the
/// sentence and each cue compared every person of it (4 MB took 53 s in a
/// release build before, 0.9 s after).
#[test]
fn dated_meetings_in_one_endless_sentence() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 6_000_000 {
        let (day, month) = (i % 28 + 1, MONTHS[i % 12]);
        text.push_str(&format!(
            "on {day} {month} President Islam Karimov met Prime Minister Viktor \
             Chernomyrdin in Tashkent and signed an agreement on energy, then "
        ));
        i += 1;
    }
    let (events, _, took) = run(&text);
    assert!(events.lines().count() > 1, "no events");
    within(took, 60, "dated meetings in one 6 MB sentence");
}
