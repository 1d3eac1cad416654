//! Fuzz target: the JSON Lines reader over arbitrary bytes.
//!
//! The reader's public API reads paths, so the bytes are written to a
//! scratch file. The first byte picks how: bits 0-1 the file kind
//! (`.jsonl`, `.jsonl`, `.jsonl.gz`, `.txt`), bit 2 a tiny size limit taken
//! from the second byte (to reach the too-large paths). The rest is the file.
//! Besides panics, the target checks the reader's promises: documents have
//! non-blank text and unique ids, JSON Lines origins carry line numbers that
//! never go backwards, and the reader ends.

#![no_main]

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use khabar::read::{ReadItem, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fn scratch_dir() -> &'static PathBuf {
    static D: OnceLock<PathBuf> = OnceLock::new();
    D.get_or_init(|| {
        let base = if std::path::Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("khabar-fuzz-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let name = match data[0] & 3 {
        0 | 1 => "in.jsonl",
        2 => "in.jsonl.gz",
        _ => "in.txt",
    };
    let mut opts = ReadOptions::default();
    if data[0] & 4 != 0 {
        opts.max_doc_bytes = u64::from(data[1]);
    }
    let path = scratch_dir().join(name);
    std::fs::write(&path, &data[2..]).expect("write scratch file");
    let mut ids = HashSet::new();
    let mut last_line = 0u64;
    let mut items = 0usize;
    for item in Reader::new(vec![path.clone()], opts) {
        items += 1;
        // Every item stems from at least one input byte or the one file.
        assert!(items <= data.len() + 2, "reader does not end");
        let origin = match &item {
            ReadItem::Document(d) => {
                assert!(!d.text.trim().is_empty(), "blank document {d:?}");
                assert!(ids.insert(d.id.clone()), "duplicate id {:?}", d.id);
                &d.origin
            }
            ReadItem::Skipped(s) => &s.origin,
            ReadItem::Warning(w) => &w.origin,
        };
        if let Some(line) = origin.line {
            assert!(line >= last_line, "line numbers go backwards");
            last_line = line;
        }
    }
    let _ = std::fs::remove_file(&path);
});
