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

/// The message of a caught panic (a document whose extraction panicked is
/// reported as skipped with it, by the command line and the Python module).
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}
