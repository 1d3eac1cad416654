//! Stage 7, output: rows of events, entities and skipped inputs, as CSV or
//! JSON Lines.
//!
//! CSV follows the output contract: RFC 4180 quoting (the csv crate), `\n`
//! line ends, a header row unless turned off, multi-valued cells joined with
//! `; `.
//!
//! **Formula safety (CSV only).** A cell whose first character is `=`, `+`,
//! `-`, `@`, tab or carriage return would be run as a formula by a
//! spreadsheet. Unless the cell is a plain number (`-3.5`, `+7`), it is
//! written with a leading apostrophe (`'=HYPERLINK(...)`), as OWASP
//! recommends: spreadsheets then show it as text. Scripts reading the CSV
//! should strip one leading `'` from such cells. JSON Lines is not read by
//! spreadsheets and carries the values unchanged.
//!
//! **JSON Lines** (`--format jsonl`): one object per row with the CSV
//! column names as keys, in the same order. Offsets and `event_index` are
//! JSON numbers; every other value is a string identical to the CSV cell
//! (before formula escaping), multi-valued fields included (`"a; b"`), so
//! that both formats carry the same values and one parser serves both.

use std::borrow::Cow;
use std::io::{self, Write};
use std::marker::PhantomData;

use crate::read::Skip;
use crate::record::{EntityRecord, EventRecord, LIST_SEP};

/// Output format of event and entity rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Comma-separated values per the output contract.
    #[default]
    Csv,
    /// JSON Lines: one object per row, keys as the CSV columns.
    Jsonl,
}

/// One cell of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(u64),
    /// An empty cell (JSON `null`).
    Empty,
}

impl<'a> Cell<'a> {
    fn text(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }

    fn list(items: &[String]) -> Cell<'a> {
        Cell::Text(Cow::Owned(items.join(LIST_SEP)))
    }
}

/// A kind of row: its columns and its cells in column order.
pub trait Row {
    const COLUMNS: &'static [&'static str];
    fn cells(&self) -> Vec<Cell<'_>>;
}

/// Columns of events.csv, per the contract.
pub const EVENT_COLUMNS: &[&str] = &[
    "doc_id",
    "event_index",
    "event_type",
    "date",
    "date_text",
    "place",
    "place_country",
    "participants",
    "parties",
    "agreed_sectors",
    "sectors",
    "trigger",
    "evidence",
    "start",
    "end",
];

/// Columns of entities.csv, per the contract.
pub const ENTITY_COLUMNS: &[&str] = &[
    "doc_id",
    "start",
    "end",
    "text",
    "label",
    "canonical",
    "source",
];

/// Columns of the skip report (`--report`).
pub const SKIP_COLUMNS: &[&str] = &["path", "line", "id", "reason"];

impl Row for EventRecord {
    const COLUMNS: &'static [&'static str] = EVENT_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.doc_id),
            Cell::Int(self.event_index as u64),
            Cell::text(&self.event_type),
            Cell::text(&self.date),
            Cell::text(&self.date_text),
            Cell::text(&self.place),
            Cell::text(&self.place_country),
            Cell::list(&self.participants),
            Cell::list(&self.parties),
            Cell::list(&self.agreed_sectors),
            Cell::list(&self.sectors),
            Cell::text(&self.trigger),
            Cell::text(&self.evidence),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
        ]
    }
}

impl Row for EntityRecord {
    const COLUMNS: &'static [&'static str] = ENTITY_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.doc_id),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
            Cell::text(&self.text),
            Cell::text(&self.label),
            Cell::text(&self.canonical),
            Cell::text(&self.source),
        ]
    }
}

impl Row for Skip {
    const COLUMNS: &'static [&'static str] = SKIP_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.origin.path),
            self.origin.line.map_or(Cell::Empty, Cell::Int),
            self.id.as_deref().map_or(Cell::Empty, Cell::text),
            Cell::Text(Cow::Owned(self.reason.to_string())),
        ]
    }
}

/// True for a plain decimal number such as `7`, `-3.5`, `+7`, `.5`.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut digits = 0;
    let mut dots = 0;
    for c in body.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' => dots += 1,
            _ => return false,
        }
    }
    digits > 0 && dots <= 1
}

/// The cell as written to CSV: with a leading `'` when a spreadsheet would
/// run it as a formula (see the module documentation).
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !is_plain_number(cell) => {
            Cow::Owned(format!("'{cell}"))
        }
        _ => Cow::Borrowed(cell),
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

enum Inner<W: Write> {
    // Boxed: the csv writer carries its buffer state inline.
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
}

/// Writes rows of one kind. Errors are `io::Error`s so that the caller can
/// tell a closed pipe (`ErrorKind::BrokenPipe`) from a real failure.
pub struct RowWriter<W: Write, R: Row> {
    inner: Inner<W>,
    _row: PhantomData<fn(&R)>,
}

impl<W: Write, R: Row> RowWriter<W, R> {
    /// A writer; the CSV header is written at once (so that an input without
    /// any row still gives a header-only file) unless `header` is false.
    pub fn new(out: W, format: Format, header: bool) -> io::Result<RowWriter<W, R>> {
        let inner = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .has_headers(false)
                    .from_writer(out);
                if header {
                    w.write_record(R::COLUMNS).map_err(csv_to_io)?;
                }
                Inner::Csv(Box::new(w))
            }
            Format::Jsonl => Inner::Jsonl(out),
        };
        Ok(RowWriter {
            inner,
            _row: PhantomData,
        })
    }

    pub fn write(&mut self, row: &R) -> io::Result<()> {
        let cells = row.cells();
        match &mut self.inner {
            Inner::Csv(w) => {
                let record: Vec<Cow<'_, str>> = cells
                    .iter()
                    .map(|c| match c {
                        Cell::Text(s) => match formula_safe(s) {
                            Cow::Borrowed(_) => Cow::Borrowed(s.as_ref()),
                            Cow::Owned(o) => Cow::Owned(o),
                        },
                        Cell::Int(n) => Cow::Owned(n.to_string()),
                        Cell::Empty => Cow::Borrowed(""),
                    })
                    .collect();
                w.write_record(record.iter().map(|c| c.as_bytes()))
                    .map_err(csv_to_io)
            }
            Inner::Jsonl(w) => {
                // Built by hand to keep the contract's key order (a
                // serde_json map would sort the keys).
                let mut line = String::with_capacity(256);
                line.push('{');
                for (i, (key, cell)) in R::COLUMNS.iter().zip(&cells).enumerate() {
                    if i > 0 {
                        line.push(',');
                    }
                    line.push_str(&serde_json::Value::from(*key).to_string());
                    line.push(':');
                    match cell {
                        Cell::Text(s) => {
                            line.push_str(&serde_json::Value::from(s.as_ref()).to_string())
                        }
                        Cell::Int(n) => line.push_str(&n.to_string()),
                        Cell::Empty => line.push_str("null"),
                    }
                }
                line.push_str("}\n");
                w.write_all(line.as_bytes())
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => w.flush(),
            Inner::Jsonl(w) => w.flush(),
        }
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(self) -> io::Result<W> {
        match self.inner {
            Inner::Csv(w) => w.into_inner().map_err(|e| e.into_error()),
            Inner::Jsonl(mut w) => {
                w.flush()?;
                Ok(w)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        let cases = [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+cmd", "'+cmd"),
            ("-x", "'-x"),
            ("@a", "'@a"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-3.5", "-3.5"),
            ("+7", "+7"),
            ("Baku", "Baku"),
            ("", ""),
            ("a=b", "a=b"),
            ("-", "'-"),
            ("-1.2.3", "'-1.2.3"),
        ];
        for (input, want) in cases {
            assert_eq!(formula_safe(input), want, "{input:?}");
        }
    }

    fn event() -> EventRecord {
        EventRecord {
            doc_id: "=a.txt".into(),
            event_index: 1,
            event_type: "meeting".into(),
            participants: vec!["A B".into(), "C, D".into()],
            evidence: "He said \"yes\".".into(),
            start: 3,
            end: 9,
            ..EventRecord::default()
        }
    }

    fn write(format: Format, header: bool) -> String {
        let mut w: RowWriter<Vec<u8>, EventRecord> =
            RowWriter::new(Vec::new(), format, header).expect("vec writer");
        w.write(&event()).expect("vec write");
        String::from_utf8(w.into_inner().expect("flush")).expect("utf-8")
    }

    #[test]
    fn csv_rows() {
        let out = write(Format::Csv, true);
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some(EVENT_COLUMNS.join(",").as_str()));
        assert_eq!(
            lines.next(),
            Some("'=a.txt,1,meeting,,,,,\"A B; C, D\",,,,,\"He said \"\"yes\"\".\",3,9")
        );
        assert!(!out.contains('\r'));
        assert!(!write(Format::Csv, false).starts_with("doc_id"));
    }

    #[test]
    fn jsonl_rows() {
        let out = write(Format::Jsonl, true);
        assert_eq!(out.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(out.trim()).expect("json");
        assert_eq!(v["doc_id"], "=a.txt");
        assert_eq!(v["participants"], "A B; C, D");
        assert_eq!(v["start"], 3);
        assert!(out.starts_with("{\"doc_id\":"));
    }

    #[test]
    fn empty_header_only() {
        let w: RowWriter<Vec<u8>, EntityRecord> =
            RowWriter::new(Vec::new(), Format::Csv, true).expect("vec writer");
        let out = w.into_inner().expect("flush");
        assert_eq!(out, b"doc_id,start,end,text,label,canonical,source\n");
    }
}
