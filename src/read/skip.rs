//! Why a document or an input was not processed, and the warnings that do
//! not stop a document.

use crate::document::Origin;

/// Why an input was skipped. The `Display` text is the message shown to the
/// user and written to the skip report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The text is empty or only whitespace: nothing to extract.
    #[error("empty document")]
    Empty,
    /// A file that is not text (what gave it away: "NUL byte", "PNG image"...).
    #[error("binary file ({0})")]
    Binary(&'static str),
    /// The id was already used by an earlier document; ids must be unique
    /// because the output joins rows on them.
    #[error("duplicate id {id:?}, first seen at {first}")]
    Duplicate { id: String, first: Origin },
    /// A symlink pointing back to one of its own ancestor folders; the folder
    /// is read once, by the path that reached it first.
    #[error("symlink loop (points to its ancestor {0})")]
    SymlinkLoop(String),
    /// Larger than `--max-doc-bytes`.
    #[error("document larger than {limit} bytes (see --max-doc-bytes)")]
    TooLarge { limit: u64 },
    #[error("no such file or directory")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    /// Any other I/O failure (also a corrupt gzip stream).
    #[error("cannot read: {0}")]
    Io(String),
    #[error("not valid JSON: {0}")]
    InvalidJson(String),
    #[error("not a JSON object")]
    NotObject,
    #[error("missing \"text\"")]
    MissingText,
    #[error("\"text\" is {0}, not a string")]
    TextNotString(&'static str),
    #[error("missing \"id\"")]
    MissingId,
    #[error("\"id\" is {0}, not a string or an integer")]
    BadId(&'static str),
    /// The pipeline panicked on this document (a bug in khabar, reported
    /// per document so that one bad article does not stop a corpus).
    #[error("internal error while extracting: {0}")]
    Internal(String),
}

impl SkipReason {
    /// An error skip means input the user wanted processed was lost
    /// (exit code 2); a benign skip had nothing to process (empty, binary,
    /// duplicate, symlink loop).
    pub fn is_error(&self) -> bool {
        !matches!(
            self,
            SkipReason::Empty
                | SkipReason::Binary(_)
                | SkipReason::Duplicate { .. }
                | SkipReason::SymlinkLoop(_)
        )
    }

    /// A short name of the reason's kind, for the per-category counts.
    pub fn category(&self) -> &'static str {
        match self {
            SkipReason::Empty => "empty document",
            SkipReason::Binary(_) => "binary file",
            SkipReason::Duplicate { .. } => "duplicate id",
            SkipReason::SymlinkLoop(_) => "symlink loop",
            SkipReason::TooLarge { .. } => "too large",
            SkipReason::NotFound => "not found",
            SkipReason::PermissionDenied => "permission denied",
            SkipReason::Io(_) => "read error",
            SkipReason::InvalidJson(_) | SkipReason::NotObject => "malformed JSON line",
            SkipReason::MissingText | SkipReason::TextNotString(_) => "missing or bad text",
            SkipReason::MissingId | SkipReason::BadId(_) => "missing or bad id",
            SkipReason::Internal(_) => "internal error",
        }
    }

    /// Maps an I/O error to a reason, keeping the common cases short.
    pub fn from_io(e: &std::io::Error) -> SkipReason {
        match e.kind() {
            std::io::ErrorKind::NotFound => SkipReason::NotFound,
            std::io::ErrorKind::PermissionDenied => SkipReason::PermissionDenied,
            _ => SkipReason::Io(e.to_string()),
        }
    }
}

/// A document (or a whole input) that was not processed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    pub origin: Origin,
    /// The document id, when it was known before the skip.
    pub id: Option<String>,
    pub reason: SkipReason,
}

impl Skip {
    pub fn is_error(&self) -> bool {
        self.reason.is_error()
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}, skipped", self.origin, self.reason)
    }
}

/// Something odd about the input that did not stop the document (invalid
/// UTF-8 decoded lossily, an integer id, a bad date...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub origin: Origin,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}
