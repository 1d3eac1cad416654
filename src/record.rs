//! The rows khabar writes: one `EventRecord` per event and one
//! `EntityRecord` per entity mention, with the contract's columns.
//! Multi-valued cells are kept as lists here and joined with `; ` only when
//! written, so the scorer and the JSON Lines writer see the values.

use serde::{Deserialize, Serialize};

/// Separator of multi-valued cells (contract: semicolon, space).
pub const LIST_SEP: &str = "; ";

/// One row of events.csv.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub doc_id: String,
    pub event_index: usize,
    pub event_type: String,
    pub date: String,
    pub date_text: String,
    pub place: String,
    pub place_country: String,
    pub participants: Vec<String>,
    pub parties: Vec<String>,
    pub agreed_sectors: Vec<String>,
    pub sectors: Vec<String>,
    pub trigger: String,
    pub evidence: String,
    /// Character offsets of the evidence sentence in the document text.
    pub start: usize,
    pub end: usize,
}

/// One row of entities.csv.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub doc_id: String,
    /// Character offsets of the mention in the document text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub label: String,
    pub canonical: String,
    pub source: String,
}

/// One row of entities.csv, borrowed from the document and its mentions
/// (see [`EntityRecord`] for the owned row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityRow<'a> {
    pub doc_id: &'a str,
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub label: &'a str,
    pub canonical: &'a str,
    pub source: &'a str,
}

impl EntityRow<'_> {
    pub fn to_record(&self) -> EntityRecord {
        EntityRecord {
            doc_id: self.doc_id.to_string(),
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            label: self.label.to_string(),
            canonical: self.canonical.to_string(),
            source: self.source.to_string(),
        }
    }
}

impl EntityRecord {
    /// The row, borrowed from this record.
    pub fn as_row(&self) -> EntityRow<'_> {
        EntityRow {
            doc_id: &self.doc_id,
            start: self.start,
            end: self.end,
            text: &self.text,
            label: &self.label,
            canonical: &self.canonical,
            source: &self.source,
        }
    }
}

/// One row of the `--explain` file: a candidate event, whether the sense
/// check kept it, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExplainRecord {
    pub doc_id: String,
    /// 1-based position of the candidate in its document.
    pub candidate: usize,
    /// The kept event's `event_index` in events.csv; 0 when dropped.
    pub event_index: usize,
    pub event_type: String,
    pub trigger: String,
    pub kept: bool,
    /// `official`, `sport`, `business`, `court`, `culture` or `tourism`.
    pub sense: String,
    /// What acted for a state: an officeholder, a body word, a country.
    pub state_actor: String,
    pub reason: String,
    pub participants: Vec<String>,
    pub parties: Vec<String>,
    pub evidence: String,
    pub start: usize,
    pub end: usize,
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extraction {
    pub events: Vec<EventRecord>,
    pub entities: Vec<EntityRecord>,
}

/// Splits a multi-valued cell back into its values (empty cell: none).
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}
