//! The articles to extract from: `.txt` files under a folder, one `.txt`
//! file, or a JSON Lines file of documents (`id`, `text`, optional `date`,
//! `title`; see the output contract's Input section). The eval needs only
//! this much of reading, so it does not wait on the full reader stage.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::gold::{doc_id_for, text_files};
use super::{read_text, EvalError};
use crate::date::Date;
use crate::document::{Document, Origin};

/// A document and the text file it came from (none for JSON Lines input).
#[derive(Clone, Debug)]
pub struct Article {
    pub document: Document,
    pub text_path: Option<PathBuf>,
}

#[derive(Deserialize)]
struct JsonDoc {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Whether `path` names a JSON Lines file of documents.
pub fn is_jsonl(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|x| x == "jsonl")
}

/// One text file as a document with the given id.
pub fn read_article(path: &Path, doc_id: &str) -> Result<Article, EvalError> {
    let text = read_text(path)?;
    let mut document = Document::from_text(doc_id, text);
    document.origin = Origin {
        path: path.display().to_string(),
        line: None,
    };
    Ok(Article {
        document,
        text_path: Some(path.to_path_buf()),
    })
}

/// Every article at `path`, in input order.
pub fn load_articles(path: &Path) -> Result<Vec<Article>, EvalError> {
    if is_jsonl(path) {
        return load_jsonl(path);
    }
    text_files(path)?
        .iter()
        .map(|file| read_article(file, &doc_id_for(path, file)))
        .collect()
}

fn load_jsonl(path: &Path) -> Result<Vec<Article>, EvalError> {
    let text = read_text(path)?;
    let shown = path.display().to_string();
    let mut articles = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let doc: JsonDoc = serde_json::from_str(line).map_err(|e| EvalError::Input {
            path: format!("{shown}:{}:{}", i + 1, e.column()),
            message: e.to_string(),
        })?;
        articles.push(Article {
            document: Document {
                id: doc.id,
                text: doc.text,
                published: doc.date.as_deref().and_then(Date::parse_iso),
                title: doc.title,
                origin: Origin {
                    path: shown.clone(),
                    line: Some(i as u64 + 1),
                },
            },
            text_path: None,
        });
    }
    Ok(articles)
}
