//! Inputs that crashed the fuzz targets (`fuzz/`) or failed the property
//! tests (`tests/properties.rs`), kept as named tests that run the real code
//! on them. Fuzz inputs use the target's layout (see `fuzz/README.md`):
//! for `extract`, 4 header bytes for the publication date, then the text.
//! The `jsonl` target has found nothing so far (2.6 million runs).

use std::path::Path;
use std::sync::OnceLock;

use khabar::{Date, Document, Extraction, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::with_default_gazetteers().expect("built-in gazetteers load"))
}

fn input(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The characters `start..end` of `text`, `None` when out of range.
fn char_span(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end || end > text.chars().count() {
        return None;
    }
    Some(text.chars().skip(start).take(end - start).collect())
}

/// Checks what the `extract` fuzz target checks.
fn check(doc: &Document, out: &Extraction) {
    for e in &out.entities {
        let span = char_span(&doc.text, e.start, e.end);
        assert_eq!(span.as_deref(), Some(e.text.as_str()), "entity {e:?}");
    }
    for (i, ev) in out.events.iter().enumerate() {
        assert_eq!(ev.event_index, i + 1);
        let span = char_span(&doc.text, ev.start, ev.end);
        assert_eq!(span.as_deref(), Some(ev.evidence.as_str()), "event {ev:?}");
        assert!(
            ev.evidence.contains(ev.trigger.as_str()),
            "trigger outside evidence: {ev:?}"
        );
    }
}

/// Runs one input of the `extract` fuzz target, exactly as the target does.
fn extract_fuzz_input(data: &[u8]) -> Extraction {
    assert!(data.len() >= 4, "extract inputs have a 4-byte header");
    let year = 1 + i32::from(u16::from_le_bytes([data[0], data[1]])) % 9999;
    let mut doc = Document::from_text("fuzz", String::from_utf8_lossy(&data[4..]).into_owned());
    doc.published = Date::new(year, data[2] % 14, data[3] % 33);
    let out = pipeline().extract(&doc);
    check(&doc, &out);
    out
}

fn extract_text(text: &str) -> Extraction {
    let doc = Document::from_text("r", text);
    let out = pipeline().extract(&doc);
    check(&doc, &out);
    out
}

/// Fuzz (extract): a non-ASCII text of 2304 bytes (9 × 256) whose last
/// entity ends at the end of the text got `end` 0: `CharIndex` had no count
/// for the end of a text whose byte length is a multiple of its 256-byte
/// block. Fixed in src/text.rs.
#[test]
fn extract_end_offset_at_block_boundary_fuzz() {
    let out = extract_fuzz_input(&input("extract-end-at-block-boundary.bin"));
    assert!(out.entities.iter().any(|e| e.text == "A.Karimov"));
}

/// Property `offsets_are_char_spans_of_the_text`, shrunk: the same bug with
/// an event whose evidence ends at byte 256 of the text. The sense check
/// drops that event (no country takes part in it), so its offsets are
/// checked as a candidate of the `--explain` rows, which every event passes
/// through.
#[test]
fn event_end_offset_at_block_boundary_proptest() {
    let text = " in Baku on May 4a\0\u{2db0} \u{1f300}0\u{1ee54}AH.E. Mr. Tan Sri Dato\u{2019} Seri\tThe sides discussed cooperation in agriculture, green energy and logistics.Minister of Industry and New Technologies Sherali Kabir held talks with \u{10050}\u{1cf00}\u{1f240}A\u{b8e}\u{1003f}A\"\"Athe European UnionU.S.";
    assert_eq!(text.len(), 256);
    extract_text(text);
    let doc = Document::from_text("r", text);
    let candidates = pipeline().analyze(&doc).explain_records(&doc);
    assert!(!candidates.is_empty());
    for c in &candidates {
        let span = char_span(&doc.text, c.start, c.end);
        assert_eq!(
            span.as_deref(),
            Some(c.evidence.as_str()),
            "candidate {c:?}"
        );
    }
    assert!(candidates.iter().any(|c| c.end == text.chars().count()));
}

/// The smallest form of it: exactly one block, non-ASCII, entity at the end.
#[test]
fn entity_end_offset_at_block_boundary_minimal() {
    let mut text = String::from("\u{00E9} ");
    text.push_str(&"x".repeat(256 - text.len() - " Kazakhstan".len()));
    text.push_str(" Kazakhstan");
    assert_eq!(text.len(), 256);
    let out = extract_text(&text);
    let kz = out.entities.iter().find(|e| e.text == "Kazakhstan");
    assert_eq!(kz.map(|e| (e.start, e.end)), Some((245, 255)));
}
