//! `khabar eval`: regression scoring against hand-annotated gold, in the
//! manner of the MUC template-filling evaluations.
//!
//! The pieces, one module each:
//!
//! - [`normalize`]: how two values are compared (Unicode, case, diacritics,
//!   punctuation), and gold values with `|`-separated alternatives;
//! - [`gold`]: the gold format (`article.gold.json` beside `article.txt`, or
//!   one JSON Lines file), and drafts of gold made from today's output;
//! - [`input`]: the articles to extract from;
//! - [`pred`]: predictions read back from an `events.csv` / `entities.csv`;
//! - [`score`]: event matching and counting, and the [`Report`];
//! - [`aliases`]: names the gazetteers give as one entry's, accepted for
//!   each other in parties, places and PLACE mentions;
//! - [`baseline`]: the figures a regression check compares with a committed
//!   baseline.
//!
//! The rules are described for annotators in `docs/eval.md`.

pub mod aliases;
pub mod baseline;
pub mod gold;
pub mod input;
pub mod normalize;
pub mod pred;
pub mod score;

pub use aliases::Aliases;
pub use baseline::{Baseline, Drop};
pub use gold::{GoldDoc, GoldEvent};
pub use score::{evaluate, evaluate_with, Counts, Difference, Kind, Prediction, Report, Score};

use std::path::PathBuf;

/// What can go wrong while reading gold, predictions or a baseline. Each
/// message names the file (and line where there is one) so that a broken
/// annotation can be found and fixed by hand.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// Gold that is not valid JSON or does not have the gold shape.
    #[error("{path}:{line}:{column}: bad gold JSON: {message}")]
    GoldJson {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Gold that parses but cannot be scored (unknown event type, a doc_id
    /// given twice, ...).
    #[error("{location}: bad gold: {message}")]
    Gold { location: String, message: String },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Csv {
        path: String,
        #[source]
        source: csv::Error,
    },
    /// A predictions file that lacks a required column, and the like.
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error("{path}: bad baseline: {message}")]
    Baseline { path: String, message: String },
}

impl EvalError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> EvalError {
        EvalError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Reads a UTF-8 file, without a leading byte order mark.
pub fn read_text(path: &std::path::Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        EvalError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
