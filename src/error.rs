//! The library's error type.

use std::path::PathBuf;

/// Errors the library reports; the binary adds context with `anyhow`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}:{line}: {message}")]
    Gazetteer {
        path: String,
        line: usize,
        message: String,
    },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot build the gazetteer automaton: {0}")]
    Automaton(String),
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("{path}: {message}")]
    Gold { path: String, message: String },
}
