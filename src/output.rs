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
use crate::record::{EntityRecord, EntityRow, EventRecord, LIST_SEP};

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

impl<'a> EntityRow<'a> {
    fn row_cells(&self) -> Vec<Cell<'a>> {
        vec![
            Cell::text(self.doc_id),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
            Cell::text(self.text),
            Cell::text(self.label),
            Cell::text(self.canonical),
            Cell::text(self.source),
        ]
    }
}

impl Row for EntityRow<'_> {
    const COLUMNS: &'static [&'static str] = ENTITY_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        self.row_cells()
    }
}

impl Row for EntityRecord {
    const COLUMNS: &'static [&'static str] = ENTITY_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        self.as_row().row_cells()
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

/// `n` in decimal, written at the end of `buf`.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

fn csv_to_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Turns rows of one kind into bytes (CSV without header, or JSON Lines).
/// Cheap to keep per thread: workers encode their documents' rows in
/// parallel, and the writer only copies the bytes out in input order.
pub struct RowEncoder<R: Row> {
    format: Format,
    // Boxed: the csv writer carries its buffer state inline.
    csv: Box<csv::Writer<Drain>>,
    _row: PhantomData<fn(&R)>,
}

impl<R: Row> RowEncoder<R> {
    pub fn new(format: Format) -> RowEncoder<R> {
        RowEncoder {
            format,
            csv: Box::new(
                csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .has_headers(false)
                    .buffer_capacity(4096)
                    .from_writer(Drain::default()),
            ),
            _row: PhantomData,
        }
    }

    /// Appends the CSV header row to `out` (JSON Lines has none).
    pub fn header(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        if self.format == Format::Csv {
            self.csv.write_record(R::COLUMNS).map_err(csv_to_io)?;
            self.take(out)?;
        }
        Ok(())
    }

    /// Appends one row to `out`.
    pub fn encode(&mut self, row: &R, out: &mut Vec<u8>) -> io::Result<()> {
        self.encode_row(row, out)
    }

    /// Appends one row of another type with the same columns (a borrowed
    /// form of `R`) to `out`.
    pub fn encode_row<T: Row>(&mut self, row: &T, out: &mut Vec<u8>) -> io::Result<()> {
        debug_assert_eq!(T::COLUMNS, R::COLUMNS);
        let cells = row.cells();
        match self.format {
            Format::Csv => {
                // Field by field: no list of the row's cells, and numbers
                // formatted in a stack buffer.
                for c in &cells {
                    match c {
                        Cell::Text(s) => self.csv.write_field(formula_safe(s).as_bytes()),
                        Cell::Int(n) => {
                            let mut buf = [0u8; 20];
                            self.csv.write_field(decimal(*n, &mut buf))
                        }
                        Cell::Empty => self.csv.write_field(b""),
                    }
                    .map_err(csv_to_io)?;
                }
                self.csv.write_record(None::<&[u8]>).map_err(csv_to_io)?;
                self.take(out)
            }
            Format::Jsonl => {
                // Built by hand to keep the contract's key order (a
                // serde_json map would sort the keys).
                out.push(b'{');
                for (i, (key, cell)) in T::COLUMNS.iter().zip(&cells).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut *out, key).map_err(io::Error::other)?;
                    out.push(b':');
                    match cell {
                        Cell::Text(s) => serde_json::to_writer(&mut *out, s.as_ref())
                            .map_err(io::Error::other)?,
                        Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
                        Cell::Empty => out.extend_from_slice(b"null"),
                    }
                }
                out.extend_from_slice(b"}\n");
                Ok(())
            }
        }
    }

    /// Moves what the csv writer holds into `out`.
    fn take(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        self.csv.flush()?;
        out.append(&mut self.csv.get_ref().0.borrow_mut());
        Ok(())
    }
}

/// The csv writer's destination: a buffer that [`RowEncoder`] empties after
/// each row (the csv crate lends only a shared reference to its writer).
#[derive(Default)]
struct Drain(std::cell::RefCell<Vec<u8>>);

impl Write for Drain {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.get_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes rows of one kind. Errors are `io::Error`s so that the caller can
/// tell a closed pipe (`ErrorKind::BrokenPipe`) from a real failure.
pub struct RowWriter<W: Write, R: Row> {
    out: W,
    enc: RowEncoder<R>,
    scratch: Vec<u8>,
}

impl<W: Write, R: Row> RowWriter<W, R> {
    /// A writer; the CSV header is written at once (so that an input without
    /// any row still gives a header-only file) unless `header` is false.
    pub fn new(mut out: W, format: Format, header: bool) -> io::Result<RowWriter<W, R>> {
        let mut enc = RowEncoder::new(format);
        let mut scratch = Vec::new();
        if header {
            enc.header(&mut scratch)?;
            out.write_all(&scratch)?;
            scratch.clear();
        }
        Ok(RowWriter { out, enc, scratch })
    }

    pub fn write(&mut self, row: &R) -> io::Result<()> {
        self.enc.encode(row, &mut self.scratch)?;
        let r = self.out.write_all(&self.scratch);
        self.scratch.clear();
        r
    }

    /// Writes rows already encoded by a [`RowEncoder`] of the same format.
    pub fn write_encoded(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Flushes and returns the underlying writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut buf = [0u8; 20];
            assert_eq!(decimal(n, &mut buf), n.to_string().as_bytes());
        }
    }

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
