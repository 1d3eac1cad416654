//! The gold format and where gold is found.
//!
//! A fixture is `article.txt` with `article.gold.json` beside it; the doc_id
//! is the `.txt` path relative to the folder given. Gold for many documents
//! can also come as one JSON Lines file, one object per line with a
//! `doc_id`. Annotation is done by hand, so unknown fields are refused
//! (a misspelt `participant` would otherwise silently go unscored) and every
//! error names the file, line and column.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{read_text, EvalError};
use crate::record::{EntityRecord, Extraction};

/// The event types of the output contract, in its order (also the order of
/// the per-type report).
pub const EVENT_TYPES: [&str; 5] = ["meeting", "phone_call", "visit", "signing", "agreement"];

/// One annotated event. Single-valued slots that are absent, null or `""`
/// are unknown and not scored; multi-valued slots that are absent or null
/// are not scored, and `[]` means "none expected". Any value may list
/// accepted alternatives separated by `|`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldEvent {
    pub event_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parties: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_sectors: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sectors: Option<Vec<String>>,
    /// Words of the evidence sentence, so that a reader of the report can
    /// find the event; not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Not scored; accepted so that annotators may record them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The gold of one document. `events` is required (`[]` when the article
/// reports no event: then every predicted event is a false event);
/// `persons` and `places` absent or null are not scored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDoc {
    /// Required in JSON Lines gold; in a `.gold.json` file it is taken from
    /// the file's place instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doc_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub events: Vec<GoldEvent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub places: Option<Vec<String>>,
}

/// A gold document and the text file it annotates, when it has one.
#[derive(Clone, Debug)]
pub struct Fixture {
    pub gold: GoldDoc,
    pub text_path: Option<PathBuf>,
}

/// Parses one gold object. `line` is the line of a JSON Lines file, which
/// parses each line on its own; errors then report it instead of serde's.
pub fn parse_gold(text: &str, path: &str, line: Option<usize>) -> Result<GoldDoc, EvalError> {
    let doc: GoldDoc = serde_json::from_str(text).map_err(|e| EvalError::GoldJson {
        path: path.to_string(),
        line: line.unwrap_or_else(|| e.line()),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    let location = match line {
        Some(line) => format!("{path}:{line}"),
        None => path.to_string(),
    };
    for (i, event) in doc.events.iter().enumerate() {
        if !EVENT_TYPES.contains(&event.event_type.as_str()) {
            return Err(EvalError::Gold {
                location,
                message: format!(
                    "events[{i}]: unknown event_type {:?} (expected one of {})",
                    event.event_type,
                    EVENT_TYPES.join(", ")
                ),
            });
        }
    }
    Ok(doc)
}

/// serde_json's messages end in " at line L column C"; the error reports
/// the position itself, in the `file:line:column` form editors understand.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Reads a JSON Lines gold file. Blank lines are skipped; every object must
/// carry a distinct `doc_id`.
pub fn read_gold_jsonl(path: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let text = read_text(path)?;
    let shown = path.display().to_string();
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc = parse_gold(line, &shown, Some(i + 1))?;
        if doc.doc_id.trim().is_empty() {
            return Err(EvalError::Gold {
                location: format!("{shown}:{}", i + 1),
                message: "missing doc_id".to_string(),
            });
        }
        if !seen.insert(doc.doc_id.clone()) {
            return Err(EvalError::Gold {
                location: format!("{shown}:{}", i + 1),
                message: format!("doc_id {:?} given twice", doc.doc_id),
            });
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// The gold file that annotates a text file: `a/b.txt` → `a/b.gold.json`.
pub fn gold_path_for(text_path: &Path) -> PathBuf {
    text_path.with_extension("gold.json")
}

/// The doc_id of a file found under `root`: its path relative to `root`
/// with `/` separators (the file name when `root` is the file itself).
pub fn doc_id_for(root: &Path, file: &Path) -> String {
    let rel = match file.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel,
        _ => Path::new(file.file_name().unwrap_or(file.as_os_str())),
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Every `.txt` file under `root` (or `root` itself if it is a file), in
/// path order so that reports are stable.
pub fn text_files(root: &Path) -> Result<Vec<PathBuf>, EvalError> {
    if root.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| EvalError::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| EvalError::io(&dir, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| EvalError::io(&path, e))?;
            if kind.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The annotated articles under `root`: each `.txt` with a `.gold.json`
/// beside it. Texts without gold are not fixtures and are skipped.
pub fn find_fixtures(root: &Path) -> Result<Vec<Fixture>, EvalError> {
    let mut fixtures = Vec::new();
    for text_path in text_files(root)? {
        let gold_path = gold_path_for(&text_path);
        if !gold_path.is_file() {
            continue;
        }
        let text = read_text(&gold_path)?;
        let mut gold = parse_gold(&text, &gold_path.display().to_string(), None)?;
        gold.doc_id = doc_id_for(root, &text_path);
        fixtures.push(Fixture {
            gold,
            text_path: Some(text_path),
        });
    }
    Ok(fixtures)
}

/// A draft of gold from what khabar extracts today, for an annotator to
/// correct: every slot filled as predicted (so that an empty slot reads as
/// "none expected" / "unknown" and the annotator decides), persons and
/// places from the entity mentions.
pub fn draft(doc_id: &str, extraction: &Extraction) -> GoldDoc {
    let opt = |s: &str| Some(s.to_string());
    let events = extraction
        .events
        .iter()
        .map(|e| GoldEvent {
            event_type: e.event_type.clone(),
            date: opt(&e.date),
            place: opt(&e.place),
            place_country: opt(&e.place_country),
            participants: Some(e.participants.clone()),
            parties: Some(e.parties.clone()),
            agreed_sectors: Some(e.agreed_sectors.clone()),
            sectors: Some(e.sectors.clone()),
            evidence: opt(&e.evidence),
            ..GoldEvent::default()
        })
        .collect();
    GoldDoc {
        doc_id: doc_id.to_string(),
        note: Some("draft from khabar output: correct by hand, then delete this note".to_string()),
        events,
        persons: Some(canonicals(&extraction.entities, "PERSON")),
        places: Some(canonicals(&extraction.entities, "PLACE")),
    }
}

/// The distinct canonical names of the entities with `label`, in order of
/// first mention. Gold `places` name countries as well as cities and
/// regions, so PLACE takes the COUNTRY mentions too.
pub fn canonicals(entities: &[EntityRecord], label: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    entities
        .iter()
        .filter(|e| e.label == label || (label == "PLACE" && e.label == "COUNTRY"))
        .map(|e| e.canonical.trim())
        .filter(|c| !c.is_empty() && seen.insert(super::normalize::normalize(c)))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_example() {
        let text = r#"{"note": "seed", "events": [{"event_type": "meeting", "date": "2024-12-18",
            "place": "Dushanbe", "place_country": "Tajikistan",
            "participants": ["Zavki Zavkizoda", "Mukhtar Babayev|Mukhtor Boboyev"],
            "parties": ["Tajikistan","Azerbaijan"], "agreed_sectors": ["green energy"],
            "sectors": ["trade","green energy"], "evidence": "hint words"}],
            "persons": ["Zavki Zavkizoda", "Emomali Rahmon"], "places": ["Dushanbe"]}"#;
        let doc = parse_gold(text, "seed.gold.json", None).expect("parses");
        assert_eq!(doc.events.len(), 1);
        assert_eq!(doc.events[0].participants.as_ref().map(Vec::len), Some(2));
        assert_eq!(doc.places, Some(vec!["Dushanbe".to_string()]));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let err = parse_gold(
            "{\"events\": [\n  {\"event_type\": \"meeting\",, }]}",
            "x.gold.json",
            None,
        )
        .expect_err("bad JSON");
        let msg = err.to_string();
        assert!(msg.starts_with("x.gold.json:2:"), "{msg}");
        let err = parse_gold(
            r#"{"events": [{"event_type": "meeting", "participant": []}]}"#,
            "y",
            None,
        )
        .expect_err("unknown field");
        assert!(err.to_string().contains("participant"), "{err}");
        let err = parse_gold(r#"{"events": [{"event_type": "meting"}]}"#, "z", Some(7))
            .expect_err("unknown type");
        assert!(err.to_string().starts_with("z:7:"), "{err}");
    }

    #[test]
    fn doc_ids_are_relative_with_slashes() {
        let root = Path::new("tests/fixtures");
        assert_eq!(
            doc_id_for(root, Path::new("tests/fixtures/a/b.txt")),
            "a/b.txt"
        );
        assert_eq!(
            doc_id_for(Path::new("x/seed.txt"), Path::new("x/seed.txt")),
            "seed.txt"
        );
        assert_eq!(
            gold_path_for(Path::new("a/b.txt")),
            Path::new("a/b.gold.json")
        );
    }
}
