//! The benchmark corpus, shared by the benches: `$KHABAR_BENCH_CORPUS` (a
//! JSON Lines file) if set, else the BBC corpus at
//! `../shared/data/bbc/bbc.jsonl` when present, else the
//! `tests/fixtures/*.txt` articles repeated to about 1 MB, so that the
//! benches run (and never fail) on a checkout without `../shared`.

use std::io::Write;
use std::path::{Path, PathBuf};

use khabar::Document;

/// The benchmark corpus as a JSON Lines file and its documents.
pub struct Corpus {
    /// The file itself, for the benches that read it (not all do).
    #[allow(dead_code)]
    pub path: PathBuf,
    pub docs: Vec<Document>,
    pub bytes: u64,
    /// Keeps a generated corpus file alive for the end-to-end bench.
    _tmp: Option<tempfile::NamedTempFile>,
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn parse_jsonl(path: &Path) -> Vec<Document> {
    let text = std::fs::read_to_string(path).expect("corpus is readable UTF-8");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("corpus line is JSON");
            Document::from_text(
                v["id"].as_str().expect("id").to_string(),
                v["text"].as_str().expect("text").to_string(),
            )
        })
        .collect()
}

/// Fixture articles repeated with fresh ids up to about 1 MB of text.
fn fixture_corpus() -> (Vec<Document>, tempfile::NamedTempFile) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir().join("tests/fixtures"))
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture is UTF-8"))
        .collect();
    assert!(!texts.is_empty(), "no tests/fixtures/*.txt");
    let mut docs = Vec::new();
    let mut size = 0;
    'fill: for round in 0.. {
        for (i, t) in texts.iter().enumerate() {
            docs.push(Document::from_text(format!("fx-{round}-{i}"), t.clone()));
            size += t.len();
            if size >= 1 << 20 {
                break 'fill;
            }
        }
    }
    let mut tmp = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .expect("temp file");
    for d in &docs {
        let line = serde_json::json!({"id": d.id, "text": d.text});
        writeln!(tmp, "{line}").expect("temp file is writable");
    }
    tmp.flush().expect("temp file is writable");
    (docs, tmp)
}

pub fn corpus() -> Corpus {
    let given = std::env::var_os("KHABAR_BENCH_CORPUS").map(PathBuf::from);
    let bbc = manifest_dir().join("../shared/data/bbc/bbc.jsonl");
    let (path, docs, tmp) = match given.or_else(|| bbc.is_file().then_some(bbc)) {
        Some(p) => {
            let docs = parse_jsonl(&p);
            (p, docs, None)
        }
        None => {
            let (docs, tmp) = fixture_corpus();
            (tmp.path().to_path_buf(), docs, Some(tmp))
        }
    };
    let bytes = docs.iter().map(|d| d.text.len() as u64).sum();
    eprintln!(
        "corpus: {} ({} documents, {:.2} MB of text)",
        path.display(),
        docs.len(),
        bytes as f64 / 1e6
    );
    Corpus {
        path,
        docs,
        bytes,
        _tmp: tmp,
    }
}
