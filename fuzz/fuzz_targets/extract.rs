//! Fuzz target: the whole extraction of one document.
//!
//! Input layout: 4 header bytes give the publication date (absent when the
//! month byte or day byte is out of range), the rest is the text, decoded
//! lossily as the reader would. Besides panics, the target checks the
//! output contract's offset rules: every entity and event span is a
//! character span of the text that equals the `text` / `evidence` column.

#![no_main]

use std::sync::OnceLock;

use khabar::{Date, Document, Pipeline};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::with_default_gazetteers().expect("built-in gazetteers load"))
}

/// The characters `start..end` of `text`, if in range.
fn char_span(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end {
        return None;
    }
    let mut it = text.chars();
    let head: String = it.by_ref().take(start).collect();
    if head.chars().count() != start {
        return None;
    }
    let span: String = it.take(end - start).collect();
    (span.chars().count() == end - start).then_some(span)
}

fuzz_target!(
    // Load the gazetteers (seconds) before fuzzing, outside the timeout.
    init: {
        pipeline();
    },
    |data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let year = 1 + i32::from(u16::from_le_bytes([data[0], data[1]])) % 9999;
    let published = Date::new(year, data[2] % 14, data[3] % 33);
    let text = String::from_utf8_lossy(&data[4..]).into_owned();
    let mut doc = Document::from_text("fuzz", text);
    doc.published = published;
    let out = pipeline().extract(&doc);
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
});
