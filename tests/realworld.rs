//! Extraction quality on real articles nobody here wrote: the shared dev set
//! (`../shared/devset`) and our own set (`tests/realworld`). Their texts are
//! third-party and never stored in the repository; each test runs when the
//! fetched texts are present (see the READMEs for how to fetch them) and
//! skips with a message otherwise. The floors are the figures measured when
//! they were set, less a small margin: a change that loses real-text quality
//! fails here, one that gains should raise them.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The folder of fetched texts: `$VAR`, else `default`, if it holds any.
fn texts(var: &str, default: &str) -> Option<PathBuf> {
    let dir = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    let any = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "txt"));
    any.then_some(dir)
}

struct Figures {
    slot_f1: f64,
    event_f1: f64,
    false_events: u64,
}

/// Builds the input with `make_input`, concatenates `gold`, runs
/// `khabar eval --json` and reads the figures.
fn score(make_input: &Path, texts: &Path, gold: &[PathBuf], work: &str) -> Figures {
    let dir = std::env::temp_dir().join(work);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let input = dir.join("input.jsonl");
    let out = Command::new("python3")
        .arg(make_input)
        .arg(texts)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{} failed: {}",
        make_input.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(&input, &out.stdout).expect("input written");
    let mut all = String::new();
    for g in gold {
        all.push_str(&std::fs::read_to_string(g).expect("gold readable"));
    }
    let gold_path = dir.join("gold.jsonl");
    std::fs::write(&gold_path, all).expect("gold written");
    let out = Command::new(env!("CARGO_BIN_EXE_khabar"))
        .args(["eval", "--json", "--gold"])
        .arg(&gold_path)
        .arg(&input)
        .output()
        .expect("khabar runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    Figures {
        slot_f1: r["micro"]["f1"].as_f64().unwrap_or(0.0),
        event_f1: r["events"]["f1"].as_f64().unwrap_or(0.0),
        false_events: r["false_events"]["count"].as_u64().unwrap_or(u64::MAX),
    }
}

#[test]
fn shared_dev_set() {
    let devset = repo().join("../shared/devset");
    if !devset.join("gold.jsonl").exists() {
        eprintln!("skipped: ../shared/devset is absent");
        return;
    }
    let Some(texts) = texts("KHABAR_DEVSET_TEXTS", "/tmp/devset/texts") else {
        eprintln!("skipped: no dev-set texts at $KHABAR_DEVSET_TEXTS or /tmp/devset/texts (../shared/devset/README.md says how to fetch them)");
        return;
    };
    let f = score(
        &devset.join("make_input.py"),
        &texts,
        &[devset.join("gold.jsonl")],
        "khabar-devset",
    );
    eprintln!(
        "dev set: slot F1 {:.3}, event F1 {:.3}, {} false events",
        f.slot_f1, f.event_f1, f.false_events
    );
    assert!(f.slot_f1 >= 0.66, "slot F1 {:.3}", f.slot_f1);
    assert!(f.event_f1 >= 0.81, "event F1 {:.3}", f.event_f1);
    assert!(f.false_events <= 1, "{} false events", f.false_events);
}

#[test]
fn own_real_articles() {
    let here = repo().join("tests/realworld");
    let Some(texts) = texts("KHABAR_REALWORLD_TEXTS", "/tmp/realworld/texts") else {
        eprintln!("skipped: no texts at $KHABAR_REALWORLD_TEXTS or /tmp/realworld/texts (tests/realworld/README.md says how to fetch them)");
        return;
    };
    let gold = vec![here.join("gold-a.jsonl"), here.join("gold-b.jsonl")];
    let f = score(
        &here.join("make_input.py"),
        &texts,
        &gold,
        "khabar-realworld",
    );
    eprintln!(
        "own real articles: slot F1 {:.3}, event F1 {:.3}, {} false events",
        f.slot_f1, f.event_f1, f.false_events
    );
    assert!(f.slot_f1 >= 0.60, "slot F1 {:.3}", f.slot_f1);
    assert!(f.event_f1 >= 0.76, "event F1 {:.3}", f.event_f1);
    assert!(f.false_events <= 2, "{} false events", f.false_events);
}
