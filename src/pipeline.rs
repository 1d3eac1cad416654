//! The pipeline: gazetteers compiled once, then one document at a time.

use crate::document::Document;
use crate::record::Extraction;

/// Built once, shared by reference across threads.
pub struct Pipeline {}

impl Pipeline {
    /// A pipeline over the gazetteers built into the binary.
    pub fn with_default_gazetteers() -> Result<Pipeline, crate::Error> {
        Ok(Pipeline {})
    }

    /// Runs every stage over one document. Depends on `doc` alone.
    pub fn extract(&self, _doc: &Document) -> Extraction {
        Extraction::default()
    }
}
