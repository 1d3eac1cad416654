//! Predictions read back from files that `khabar extract` wrote earlier,
//! so that a run can be scored without extracting again.

use std::collections::HashMap;
use std::path::Path;

use super::EvalError;
use crate::record::{split_list, EntityRecord, EventRecord};

/// Events of an `events.csv`, grouped by doc_id, in file order.
pub fn read_events_csv(path: &Path) -> Result<HashMap<String, Vec<EventRecord>>, EvalError> {
    let table = Table::read(path, &["doc_id", "event_type"])?;
    let mut by_doc: HashMap<String, Vec<EventRecord>> = HashMap::new();
    for row in &table.rows {
        let get = |name: &str| table.get(row, name);
        let event = EventRecord {
            doc_id: get("doc_id"),
            event_index: get("event_index").trim().parse().unwrap_or(0),
            event_type: get("event_type"),
            date: get("date"),
            date_text: get("date_text"),
            place: get("place"),
            place_country: get("place_country"),
            participants: split_list(&get("participants")),
            parties: split_list(&get("parties")),
            agreed_sectors: split_list(&get("agreed_sectors")),
            sectors: split_list(&get("sectors")),
            trigger: get("trigger"),
            evidence: get("evidence"),
            start: get("start").trim().parse().unwrap_or(0),
            end: get("end").trim().parse().unwrap_or(0),
        };
        by_doc.entry(event.doc_id.clone()).or_default().push(event);
    }
    Ok(by_doc)
}

/// Entity mentions of an `entities.csv`, grouped by doc_id.
pub fn read_entities_csv(path: &Path) -> Result<HashMap<String, Vec<EntityRecord>>, EvalError> {
    let table = Table::read(path, &["doc_id", "label", "canonical"])?;
    let mut by_doc: HashMap<String, Vec<EntityRecord>> = HashMap::new();
    for row in &table.rows {
        let get = |name: &str| table.get(row, name);
        let entity = EntityRecord {
            doc_id: get("doc_id"),
            start: get("start").trim().parse().unwrap_or(0),
            end: get("end").trim().parse().unwrap_or(0),
            text: get("text"),
            label: get("label"),
            canonical: get("canonical"),
            source: get("source"),
        };
        by_doc
            .entry(entity.doc_id.clone())
            .or_default()
            .push(entity);
    }
    Ok(by_doc)
}

/// A CSV file read by column name, so that added or reordered columns do
/// not break scoring of older files.
struct Table {
    columns: HashMap<String, usize>,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn read(path: &Path, required: &[&str]) -> Result<Table, EvalError> {
        let shown = path.display().to_string();
        let csv_err = |source| EvalError::Csv {
            path: shown.clone(),
            source,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(false)
            .from_path(path)
            .map_err(csv_err)?;
        let headers = reader.headers().map_err(csv_err)?.clone();
        let columns: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim_start_matches('\u{feff}').trim().to_string(), i))
            .collect();
        for name in required {
            if !columns.contains_key(*name) {
                return Err(EvalError::Input {
                    path: shown,
                    message: format!("no column {name:?} in the header"),
                });
            }
        }
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(csv_err)?;
        Ok(Table { columns, rows })
    }

    fn get(&self, row: &csv::StringRecord, name: &str) -> String {
        let cell = self
            .columns
            .get(name)
            .and_then(|&i| row.get(i))
            .unwrap_or("");
        unguard(cell).to_string()
    }
}

/// Undoes the spreadsheet formula guard: a cell the writer prefixed with an
/// apostrophe because it began with `=`, `+`, `-`, `@`, tab or carriage
/// return holds its value after the apostrophe.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_events_by_column_name() {
        let dir = std::env::temp_dir().join(format!("khabar-eval-pred-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("events.csv");
        std::fs::write(
            &path,
            "doc_id,event_type,date,participants,evidence\n\
             a.txt,meeting,2024-12-18,Zavki Zavkizoda; Mukhtor Boboyev,'=x\n",
        )
        .expect("write");
        let events = read_events_csv(&path).expect("reads");
        let a = &events["a.txt"][0];
        assert_eq!(a.participants, vec!["Zavki Zavkizoda", "Mukhtor Boboyev"]);
        assert_eq!(a.evidence, "=x");
        assert!(a.place.is_empty());
        std::fs::write(&path, "doc_id,date\na.txt,2024\n").expect("write");
        assert!(read_events_csv(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
