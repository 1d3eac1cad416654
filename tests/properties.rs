//! Property tests (proptest) of the output contract on generated input:
//!
//! - offsets: for any text, every entity and event span is a character span
//!   (Unicode scalar values) inside the text, and `text[start..end]` equals
//!   the `text` / `evidence` column;
//! - threads: `khabar extract -j 1` and `-j 2` write byte-identical output;
//! - "Read also": no event cites evidence from a "Read also" / "Other news"
//!   block of linked headlines.
//!
//! Case counts are kept small so that `cargo test` stays fast on two cores;
//! raise them for a deeper run with `PROPTEST_CASES=N` (which overrides
//! every block here).

use std::fs;
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use khabar::{Date, Document, Extraction, Pipeline};
use proptest::prelude::*;
use tempfile::TempDir;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::with_default_gazetteers().expect("built-in gazetteers load"))
}

/// The characters `start..end` of `text`, `None` when out of range.
fn char_span(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end {
        return None;
    }
    let mut it = text.chars();
    let head = it.by_ref().take(start).count();
    if head != start {
        return None;
    }
    let span: String = it.take(end - start).collect();
    (span.chars().count() == end - start).then_some(span)
}

/// Genre-like pieces of news text: names, titles, datelines, triggers,
/// typographic punctuation, Cyrillic, and characters whose case mapping or
/// normalization changes their length.
const FRAGMENTS: &[&str] = &[
    "DUSHANBE, 19.12.2024 /NIAT \"Khovar\"/. ",
    "BAKU, May 5 (AZERTAC). ",
    "ASTANA. December 18. KAZINFORM \u{2013} ",
    "TASHKENT, Nov. 29 (UzA) \u{2014} ",
    "Ashgabat, 29.11.2023\n",
    "Foreign Minister Jeyhun Bayramov",
    "Minister of Foreign Affairs of the Republic of Tajikistan Sirojiddin Muhriddin",
    "President Emomali Rahmon",
    "President of Uzbekistan Shavkat Mirziyoyev",
    "Deputy Prime Minister Mukhtor Boboyev",
    "Minister of Industry and New Technologies Sherali Kabir",
    "H.E. Mr. Tan Sri Dato\u{2019} Seri",
    " met with ",
    " held talks with ",
    " had a phone conversation with ",
    " paid an official visit to ",
    " signed a memorandum of understanding on cooperation in trade, energy and transport",
    "The sides discussed cooperation in agriculture, green energy and logistics.",
    " in Dushanbe",
    " in Baku on May 4",
    " yesterday",
    " on Tuesday",
    " on December 18",
    " from 3 to 5 June 2024",
    "the seventh meeting of the Intergovernmental Commission",
    " Tajikistan and Azerbaijan",
    "Kazakhstan",
    "the European Union",
    ". ",
    ", ",
    ".\n",
    "\n\n",
    "\u{201C}",
    "\u{201D}",
    "\u{00AB}",
    "\u{00BB}",
    "\u{2014}",
    "\u{2013}",
    "\u{2019}",
    "\u{00A0}",
    "\u{202F}",
    "\u{200B}",
    "\u{FEFF}",
    "\r\n",
    "\t",
    "Read also:\n",
    "Read also: Tajikistan and Kyrgyzstan sign border agreement\n",
    "Other news\n",
    "Photo: AZERTAC\n",
    "\u{041F}\u{0440}\u{0435}\u{0437}\u{0438}\u{0434}\u{0435}\u{043D}\u{0442} \u{0422}\u{0430}\u{0434}\u{0436}\u{0438}\u{043A}\u{0438}\u{0441}\u{0442}\u{0430}\u{043D}\u{0430} ",
    "\u{041C}\u{043E}\u{0441}\u{043A}\u{0432}\u{0430}",
    "\u{0130}lham \u{0130}stanbul ",
    "\u{1E9E}",
    "\u{FB01}nance ",
    "e\u{0301}",
    "\u{03A3}\u{039F}\u{03A3} ",
    "\u{1F1F9}\u{1F1EF}",
    "\u{0645}\u{0635}\u{0631} ",
    "Mr.",
    "U.S.",
    "No.",
    "2024",
    "19.12.2024",
    "MOU",
    "CIS",
];

/// One piece of text: a genre fragment, random printable Unicode, a random
/// character of any kind, or an ASCII word.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => "\\PC{0,12}",
        1 => prop::collection::vec(any::<char>(), 0..4).prop_map(|v| v.into_iter().collect()),
        2 => "[A-Z][a-z]{0,9} ?",
    ]
}

/// Cuts `s` to at most `max` bytes on a character boundary.
fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// A text of up to `max` bytes built from fragments.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(move |v| truncate(v.concat(), max))
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        1 => Just(None),
        3 => (1990i32..2031, 1u8..13, 1u8..29).prop_map(|(y, m, d)| Date::new(y, m, d)),
        1 => (1i32..10000, 1u8..13, 1u8..32).prop_map(|(y, m, d)| Date::new(y, m, d)),
    ]
}

/// Checks the offset rules of the contract on one extraction.
fn check_offsets(doc: &Document, out: &Extraction) -> Result<(), TestCaseError> {
    let chars = doc.text.chars().count();
    for e in &out.entities {
        prop_assert!(
            e.start <= e.end && e.end <= chars,
            "entity {:?} outside {} chars",
            e,
            chars
        );
        let span = char_span(&doc.text, e.start, e.end);
        prop_assert_eq!(span.as_deref(), Some(e.text.as_str()), "entity {:?}", e);
    }
    for (i, ev) in out.events.iter().enumerate() {
        prop_assert_eq!(ev.event_index, i + 1);
        prop_assert!(
            ev.start <= ev.end && ev.end <= chars,
            "event {:?} outside {} chars",
            ev,
            chars
        );
        let span = char_span(&doc.text, ev.start, ev.end);
        prop_assert_eq!(
            span.as_deref(),
            Some(ev.evidence.as_str()),
            "event {:?}",
            ev
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every offset is a character span of the text that equals its column.
    #[test]
    fn offsets_are_char_spans_of_the_text(text in text(2048), published in date()) {
        let mut doc = Document::from_text("p", text);
        doc.published = published;
        let out = pipeline().extract(&doc);
        check_offsets(&doc, &out)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The same property on texts made of genre fragments only, which reach
    /// the event stage far more often than random text does.
    #[test]
    fn offsets_hold_on_genre_text(
        parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60),
        published in date(),
    ) {
        let mut doc = Document::from_text("g", parts.concat());
        doc.published = published;
        let out = pipeline().extract(&doc);
        check_offsets(&doc, &out)?;
    }
}

// ---------------------------------------------------------------------------
// "Read also" blocks

const NAMES: &[&str] = &[
    "Sirojiddin Muhriddin",
    "Jeyhun Bayramov",
    "Murat Nurtleu",
    "Bakhtiyor Saidov",
    "Rashid Meredov",
    "Jeenbek Kulubaev",
    "Emomali Rahmon",
    "Shavkat Mirziyoyev",
];
const COUNTRIES: &[&str] = &[
    "Tajikistan",
    "Azerbaijan",
    "Kazakhstan",
    "Uzbekistan",
    "Turkmenistan",
    "Kyrgyzstan",
    "China",
    "Russia",
    "Turkey",
    "Iran",
];
const CITIES: &[&str] = &[
    "Dushanbe", "Baku", "Astana", "Tashkent", "Ashgabat", "Bishkek",
];
const SECTORS: &[&str] = &[
    "trade",
    "energy",
    "transport",
    "water resources",
    "education",
    "tourism",
];
const LABELS: &[&str] = &[
    "Read also",
    "Read also:",
    "READ ALSO:",
    "Also read:",
    "Read more:",
    "Other news",
    "Related news:",
    "See also",
];

/// One linked headline with event words in it, without a final full stop.
fn headline() -> impl Strategy<Value = String> {
    let n = || prop::sample::select(NAMES);
    let c = || prop::sample::select(COUNTRIES);
    let city = || prop::sample::select(CITIES);
    let s = || prop::sample::select(SECTORS);
    prop_oneof![
        (n(), c()).prop_map(|(a, b)| format!("Minister {a} meets Ambassador of {b}")),
        (c(), c(), s()).prop_map(|(a, b, s)| format!("{a} and {b} sign agreement on {s}")),
        (n(), n()).prop_map(|(a, b)| format!("{a} holds phone call with {b}")),
        (n(), c()).prop_map(|(a, b)| format!("President {a} pays state visit to {b}")),
        (c(), c(), s()).prop_map(|(a, b, s)| format!("{a}, {b} discuss cooperation in {s}")),
        (c(), city()).prop_map(|(a, b)| format!("Delegation of {a} arrives in {b}")),
        (c(), c())
            .prop_map(|(a, b)| format!("Memorandum of understanding signed between {a} and {b}")),
        (n(), n(), city()).prop_map(|(a, b, c)| format!("{a} met with {b} in {c} on December 18")),
        (c(), c()).prop_map(|(a, b)| format!(
            "Foreign ministers of {a} and {b} held talks in \u{201C}friendly atmosphere\u{201D}"
        )),
        (c(), c())
            .prop_map(|(a, b)| format!("{a} \u{2013} {b}: intergovernmental commission meets")),
    ]
}

/// The article before the block: a dateline and an event sentence.
const BODIES: &[&str] = &[
    "DUSHANBE, 19.12.2024 /NIAT \"Khovar\"/. Minister of Foreign Affairs of Tajikistan Sirojiddin Muhriddin met with Foreign Minister of Azerbaijan Jeyhun Bayramov in Dushanbe on December 18.",
    "BAKU, May 5 (AZERTAC). Foreign Minister Jeyhun Bayramov met with his Georgian counterpart in Baku on May 4.",
    "ASTANA, June 3 (Kazinform) \u{2013} President of Kazakhstan Kassym-Jomart Tokayev had a telephone conversation with President of Uzbekistan Shavkat Mirziyoyev on Monday.\nThe sides discussed trade and energy.",
];

/// A document with a body, a "Read also" block of headlines and maybe more
/// prose after it; returns the text and the block's character range.
fn read_also_doc() -> impl Strategy<Value = (String, (usize, usize))> {
    (
        prop::sample::select(BODIES),
        prop::sample::select(LABELS),
        any::<bool>(),
        1usize..4,
        prop::collection::vec((headline(), 0usize..3), 1..7),
        prop::option::of(prop::sample::select(vec![
            "The sides also discussed regional issues.",
            "Earlier, the ministers met in Astana on November 5.",
        ])),
        prop::sample::select(vec!["\n", "\r\n"]),
    )
        .prop_map(|(body, label, one_line, gap, heads, after, nl)| {
            let mut t = String::from(body);
            t.push_str(nl);
            t.push_str(nl);
            let block_start = t.chars().count();
            let block_end;
            if one_line {
                // "Read also: <headline>" on one line is all link.
                let label = label.trim_end_matches(':');
                t.push_str(&format!("{label}: {}", heads[0].0));
                block_end = t.chars().count();
                t.push_str(nl);
            } else {
                t.push_str(label);
                for _ in 0..gap {
                    t.push_str(nl);
                }
                let mut end = t.chars().count();
                for (h, blanks) in &heads {
                    t.push_str(h);
                    end = t.chars().count();
                    t.push_str(nl);
                    for _ in 0..*blanks {
                        t.push_str(nl);
                    }
                }
                block_end = end;
            }
            if let Some(after) = after {
                t.push_str(nl);
                t.push_str(after);
                t.push_str(nl);
            }
            (t, (block_start, block_end))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No event's evidence overlaps a "Read also" block.
    #[test]
    fn no_event_from_read_also_block((text, (bs, be)) in read_also_doc(), published in date()) {
        let mut doc = Document::from_text("r", text);
        doc.published = published;
        let out = pipeline().extract(&doc);
        check_offsets(&doc, &out)?;
        for ev in &out.events {
            prop_assert!(
                ev.end <= bs || ev.start >= be,
                "event {:?} cites the block at chars {}..{} of {:?}", ev, bs, be, doc.text
            );
        }
    }
}

/// The bodies of the "Read also" documents do yield events, so the property
/// above is not vacuous.
#[test]
fn read_also_bodies_have_events() {
    for body in BODIES {
        let out = pipeline().extract(&Document::from_text("b", *body));
        assert!(!out.events.is_empty(), "no event in {body:?}");
    }
}

// ---------------------------------------------------------------------------
// -j 1 and -j 2

/// One JSON line: an id, a text (sometimes empty or blank), maybe a date and
/// a title.
fn json_doc() -> impl Strategy<Value = (String, Option<String>, Option<String>)> {
    (
        prop_oneof![
            6 => text(1500),
            1 => prop::sample::select(vec!["", " ", "\n\n", "\u{00A0}", "\u{FEFF}", "."]).prop_map(str::to_string),
            2 => prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.concat()),
        ],
        prop::option::of(
            prop::sample::select(vec![
                "2024-12-19",
                "2023-11-29T10:00:00Z",
                "19.12.2024",
                "0001-01-01",
                "9999-12-31",
            ])
            .prop_map(str::to_string),
        ),
        prop::option::of("\\PC{0,20}"),
    )
}

/// Runs `khabar extract` on `input` with `args`; returns (events, entities).
fn run_extract(dir: &TempDir, args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let ent = dir.path().join(format!("entities{}.csv", args.join("_")));
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .arg("extract")
        .args(args)
        .arg("--entities")
        .arg(&ent)
        .arg("-q")
        .arg(dir.path().join("in.jsonl"))
        .stdin(Stdio::null())
        .output()
        .expect("run khabar");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "khabar panicked:\n{stderr}");
    assert!(out.status.code().is_some(), "khabar killed: {stderr}");
    (out.stdout, fs::read(&ent).expect("entities written"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    /// Output does not depend on the number of threads (nor on the window).
    #[test]
    fn output_same_for_one_and_two_threads(
        docs in prop::collection::vec(json_doc(), 150..300),
        dup in any::<prop::sample::Index>(),
    ) {
        let dir = TempDir::new().expect("temp dir");
        let mut lines = String::new();
        for (i, (text, date, title)) in docs.iter().enumerate() {
            let mut obj = serde_json::json!({ "id": format!("d{i}"), "text": text });
            if let Some(d) = date {
                obj["date"] = serde_json::Value::from(d.as_str());
            }
            if let Some(t) = title {
                obj["title"] = serde_json::Value::from(t.as_str());
            }
            lines.push_str(&obj.to_string());
            lines.push('\n');
        }
        // A duplicate id, a blank line and a malformed line, as in real dumps.
        let dup = dup.index(docs.len());
        lines.push_str(&serde_json::json!({ "id": format!("d{dup}"), "text": "again" }).to_string());
        lines.push_str("\n\n{not json\n");
        fs::write(dir.path().join("in.jsonl"), lines).expect("write input");
        let one = run_extract(&dir, &["-j", "1"]);
        let two = run_extract(&dir, &["-j", "2", "--batch", "7"]);
        prop_assert!(one.0 == two.0, "events differ between -j 1 and -j 2");
        prop_assert!(one.1 == two.1, "entities differ between -j 1 and -j 2");
        prop_assert!(!one.0.is_empty());
    }
}
