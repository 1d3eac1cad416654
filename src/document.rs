//! The unit of work: one article as read from the input.

use crate::date::Date;

/// Where a document came from, for messages and the skip report.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Origin {
    /// The path as given or found while walking a folder (`-` for stdin).
    pub path: String,
    /// 1-based line number for JSON Lines input.
    pub line: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One article: its id, its text as decoded, and what the input said of it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Document {
    pub id: String,
    pub text: String,
    /// Publication date from the input (JSON Lines `date`), if any. The
    /// dateline found in the text may supply one later.
    pub published: Option<Date>,
    /// Title from the input (JSON Lines `title`), if any; not part of `text`.
    pub title: Option<String>,
    pub origin: Origin,
}

impl Document {
    /// A document from a bare text, for tests and the library API.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            origin: Origin {
                path: id.clone(),
                line: None,
            },
            id,
            text: text.into(),
            ..Document::default()
        }
    }
}
