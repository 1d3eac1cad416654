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
use crate::record::{EntityRecord, EntityRow, EventRecord, ExplainRecord, LIST_SEP};

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

    /// Calls `f` on each cell in column order, stopping at the first
    /// error. The encoders use this: a row kind written by the million
    /// overrides it to hand its cells over without a list of them.
    fn each_cell<F: FnMut(Cell<'_>) -> io::Result<()>>(&self, mut f: F) -> io::Result<()> {
        for c in self.cells() {
            f(c)?;
        }
        Ok(())
    }

    /// Appends the row as one CSV line, cell by cell. The entity row,
    /// written by the million, overrides it with a straight-line writer.
    fn write_csv(&self, out: &mut Vec<u8>) -> io::Result<()> {
        let mut first = true;
        self.each_cell(|c| {
            if !first {
                out.push(b',');
            }
            first = false;
            match c {
                Cell::Text(s) => csv_text(out, &s),
                Cell::Int(n) => push_decimal(out, n),
                Cell::Empty => {}
            }
            Ok(())
        })?;
        out.push(b'\n');
        Ok(())
    }
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

/// Columns of the `--explain` file.
pub const EXPLAIN_COLUMNS: &[&str] = &[
    "doc_id",
    "candidate",
    "event_index",
    "event_type",
    "trigger",
    "kept",
    "sense",
    "state_actor",
    "reason",
    "participants",
    "parties",
    "evidence",
    "start",
    "end",
];

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

impl<'a> EntityRow<'a> {
    /// The cells of [`EntityRow::row_cells`], one call each.
    fn each_row_cell<F: FnMut(Cell<'a>) -> io::Result<()>>(&self, mut f: F) -> io::Result<()> {
        f(Cell::text(self.doc_id))?;
        f(Cell::Int(self.start as u64))?;
        f(Cell::Int(self.end as u64))?;
        f(Cell::text(self.text))?;
        f(Cell::text(self.label))?;
        f(Cell::text(self.canonical))?;
        f(Cell::text(self.source))
    }

    /// The cells of [`EntityRow::each_row_cell`] as one CSV line, written in
    /// a straight line with one reservation: an entity row is a handful of
    /// short cells, so handing them one by one through a closure cost more
    /// than their bytes.
    fn write_csv_line(&self, out: &mut Vec<u8>) {
        // Quoting and the formula apostrophe add at most two bytes and one
        // per quote: a reservation that fits nearly every row.
        out.reserve(
            self.doc_id.len()
                + self.text.len()
                + self.label.len()
                + self.canonical.len()
                + self.source.len()
                + 64,
        );
        csv_text(out, self.doc_id);
        out.push(b',');
        push_decimal(out, self.start as u64);
        out.push(b',');
        push_decimal(out, self.end as u64);
        out.push(b',');
        csv_text(out, self.text);
        out.push(b',');
        csv_text(out, self.label);
        out.push(b',');
        csv_text(out, self.canonical);
        out.push(b',');
        csv_text(out, self.source);
        out.push(b'\n');
    }
}

impl Row for EntityRow<'_> {
    const COLUMNS: &'static [&'static str] = ENTITY_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        self.row_cells()
    }

    fn each_cell<F: FnMut(Cell<'_>) -> io::Result<()>>(&self, f: F) -> io::Result<()> {
        self.each_row_cell(f)
    }

    fn write_csv(&self, out: &mut Vec<u8>) -> io::Result<()> {
        self.write_csv_line(out);
        Ok(())
    }
}

impl Row for EntityRecord {
    const COLUMNS: &'static [&'static str] = ENTITY_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        self.as_row().row_cells()
    }

    fn each_cell<F: FnMut(Cell<'_>) -> io::Result<()>>(&self, f: F) -> io::Result<()> {
        self.as_row().each_row_cell(f)
    }

    fn write_csv(&self, out: &mut Vec<u8>) -> io::Result<()> {
        self.as_row().write_csv_line(out);
        Ok(())
    }
}

impl Row for ExplainRecord {
    const COLUMNS: &'static [&'static str] = EXPLAIN_COLUMNS;
    fn cells(&self) -> Vec<Cell<'_>> {
        vec![
            Cell::text(&self.doc_id),
            Cell::Int(self.candidate as u64),
            Cell::Int(self.event_index as u64),
            Cell::text(&self.event_type),
            Cell::text(&self.trigger),
            Cell::text(if self.kept { "yes" } else { "no" }),
            Cell::text(&self.sense),
            Cell::text(&self.state_actor),
            Cell::text(&self.reason),
            Cell::list(&self.participants),
            Cell::list(&self.parties),
            Cell::text(&self.evidence),
            Cell::Int(self.start as u64),
            Cell::Int(self.end as u64),
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

/// True when a spreadsheet would run the cell as a formula: it starts with
/// `=`, `+`, `-`, `@`, tab or CR and is not a plain number. These are ASCII,
/// so the first byte tells.
fn is_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && !is_plain_number(cell)
}

/// The cell as written to CSV: with a leading `'` when a spreadsheet would
/// run it as a formula (see the module documentation).
pub fn formula_safe(cell: &str) -> Cow<'_, str> {
    if is_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Appends `n` in decimal (itoa: two digits per division).
#[inline]
fn push_decimal(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// The bytes that make the csv crate quote a field, as configured here
/// (comma delimiter, `"` doubled, `\n` terminator): the delimiter, the
/// quote, and both line-end bytes (its reader takes `\r` as a line end).
const fn csv_special() -> [bool; 256] {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
}
static CSV_SPECIAL: [bool; 256] = csv_special();

/// Whether `b` holds a byte of [`CSV_SPECIAL`]: eight bytes at a time
/// (a zero-byte test per special byte), then the rest by the table. A
/// table look-up and a branch per byte cost more than the copy itself.
#[inline]
fn needs_quotes(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `v` equals `c`: borrows can only
    // mark bytes above a byte that really is zero after the xor.
    let has = |v: u64, c: u8| {
        let x = v ^ (ONES * u64::from(c));
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let v = u64::from_le_bytes(w);
        if has(v, b',') | has(v, b'"') | has(v, b'\r') | has(v, b'\n') != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&c| CSV_SPECIAL[c as usize])
}

/// Appends one text field as the csv crate writes it after
/// [`formula_safe`]: the apostrophe when needed, then the bytes as they are
/// unless one needs quoting, else in quotes with quotes doubled. Written
/// directly: going through the csv writer field by field cost more than the
/// bytes themselves (rows are short, and most need no quotes).
#[inline]
fn csv_text(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // The apostrophe is not special: it does not change the quoting.
    let formula = is_formula(s);
    if !needs_quotes(b) {
        if formula {
            out.push(b'\'');
        }
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    if formula {
        out.push(b'\'');
    }
    let mut rest = b;
    while let Some(i) = memchr::memchr(b'"', rest) {
        // Up to and including the quote, then the quote again.
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it. Most
/// values need no escape and are copied between quotes.
fn json_str(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    // serde_json escapes the control characters, `"` and `\`, nothing else.
    if s.bytes().any(|c| c < 0x20 || c == b'"' || c == b'\\') {
        serde_json::to_writer(&mut *out, s).map_err(io::Error::other)
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        Ok(())
    }
}

/// Turns rows of one kind into bytes (CSV without header, or JSON Lines).
/// Cheap to keep per thread: workers encode their documents' rows in
/// parallel, and the writer only copies the bytes out in input order.
pub struct RowEncoder<R: Row> {
    format: Format,
    _row: PhantomData<fn(&R)>,
}

impl<R: Row> RowEncoder<R> {
    pub fn new(format: Format) -> RowEncoder<R> {
        RowEncoder {
            format,
            _row: PhantomData,
        }
    }

    /// Appends the CSV header row to `out` (JSON Lines has none).
    pub fn header(&mut self, out: &mut Vec<u8>) -> io::Result<()> {
        if self.format == Format::Csv {
            for (i, c) in R::COLUMNS.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                csv_text(out, c);
            }
            out.push(b'\n');
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
        // Every row kind has several columns, so no row is a lone empty
        // field (which the csv crate would write as `""`).
        debug_assert!(T::COLUMNS.len() > 1);
        match self.format {
            Format::Csv => row.write_csv(out),
            Format::Jsonl => {
                // Built by hand to keep the contract's key order (a
                // serde_json map would sort the keys).
                out.push(b'{');
                let mut keys = T::COLUMNS.iter();
                let mut first = true;
                row.each_cell(|cell| {
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    let key = keys.next().ok_or_else(|| io::Error::other("extra cell"))?;
                    json_str(out, key)?;
                    out.push(b':');
                    match cell {
                        Cell::Text(s) => json_str(out, &s)?,
                        Cell::Int(n) => push_decimal(out, n),
                        Cell::Empty => out.extend_from_slice(b"null"),
                    }
                    Ok(())
                })?;
                out.extend_from_slice(b"}\n");
                Ok(())
            }
        }
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
    fn needs_quotes_is_the_table_test() {
        // Every special and a few plain bytes at every place of texts
        // longer than one eight-byte step, beside bytes that differ from a
        // special one in one bit (the zero-byte test's borrows).
        for len in 0..20 {
            for at in 0..len {
                for c in [
                    b',', b'"', b'\r', b'\n', b'a', b'-', 0, 0x2d, 0x0c, 0xe2, 0x80,
                ] {
                    let mut b = vec![b'x'; len];
                    b[at] = c;
                    if at + 1 < len {
                        b[at + 1] = c ^ 1;
                    }
                    let want = b.iter().any(|&c| CSV_SPECIAL[c as usize]);
                    assert_eq!(needs_quotes(&b), want, "{b:?}");
                }
            }
        }
    }

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 99, 100, 12345, u64::MAX] {
            let mut out = b"x".to_vec();
            push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}").as_bytes());
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

    /// The encoder before it wrote CSV by hand: the csv crate, field by
    /// field, and serde_json for every JSON key and string.
    fn reference<T: Row>(format: Format, row: &T) -> Vec<u8> {
        let mut out = Vec::new();
        match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::Any(b'\n'))
                    .has_headers(false)
                    .from_writer(&mut out);
                for c in row.cells() {
                    match c {
                        Cell::Text(s) => w.write_field(formula_safe(&s).as_bytes()),
                        Cell::Int(n) => w.write_field(n.to_string()),
                        Cell::Empty => w.write_field(b""),
                    }
                    .expect("csv field");
                }
                w.write_record(None::<&[u8]>).expect("csv record");
                w.flush().expect("csv flush");
            }
            Format::Jsonl => {
                out.push(b'{');
                for (i, (key, cell)) in T::COLUMNS.iter().zip(row.cells()).enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    serde_json::to_writer(&mut out, key).expect("json key");
                    out.push(b':');
                    match cell {
                        Cell::Text(s) => serde_json::to_writer(&mut out, s.as_ref()).expect("json"),
                        Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
                        Cell::Empty => out.extend_from_slice(b"null"),
                    }
                }
                out.extend_from_slice(b"}\n");
            }
        }
        out
    }

    fn encoded<R: Row>(format: Format, row: &R) -> Vec<u8> {
        let mut out = Vec::new();
        RowEncoder::<R>::new(format)
            .encode(row, &mut out)
            .expect("encode");
        out
    }

    #[test]
    fn headers_match_the_csv_crate() {
        fn check<R: Row>() {
            let mut out = Vec::new();
            RowEncoder::<R>::new(Format::Csv)
                .header(&mut out)
                .expect("header");
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new());
            w.write_record(R::COLUMNS).expect("csv header");
            assert_eq!(out, w.into_inner().expect("csv flush"));
        }
        check::<EventRecord>();
        check::<EntityRecord>();
        check::<Skip>();
    }

    /// Cells that exercise quoting, formula escapes and JSON escapes.
    fn cell_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex("([-+=@\t\r\n\",;'\\\\. 0-9aZ\u{1}\u{7f}é€]|Baku|; ){0,12}")
            .expect("regex")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn rows_encode_as_the_csv_crate_and_serde_json_do(
            texts in proptest::collection::vec(cell_text(), 12),
            lists in proptest::collection::vec(proptest::collection::vec(cell_text(), 0..3), 4),
            nums in proptest::collection::vec(0usize..100_000_000, 3),
        ) {
            let entity = EntityRecord {
                doc_id: texts[0].clone(),
                start: nums[0],
                end: nums[1],
                text: texts[1].clone(),
                label: texts[2].clone(),
                canonical: texts[3].clone(),
                source: texts[4].clone(),
            };
            let event = EventRecord {
                doc_id: texts[5].clone(),
                event_index: nums[2],
                event_type: texts[6].clone(),
                date: texts[7].clone(),
                date_text: texts[8].clone(),
                place: texts[9].clone(),
                place_country: texts[10].clone(),
                participants: lists[0].clone(),
                parties: lists[1].clone(),
                agreed_sectors: lists[2].clone(),
                sectors: lists[3].clone(),
                trigger: texts[11].clone(),
                evidence: texts[0].clone(),
                start: nums[1],
                end: nums[0],
            };
            for format in [Format::Csv, Format::Jsonl] {
                proptest::prop_assert_eq!(encoded(format, &entity), reference(format, &entity));
                let mut borrowed = Vec::new();
                RowEncoder::<EntityRecord>::new(format)
                    .encode_row(&entity.as_row(), &mut borrowed)
                    .expect("encode");
                proptest::prop_assert_eq!(&borrowed, &reference(format, &entity));
                proptest::prop_assert_eq!(encoded(format, &event), reference(format, &event));
                let skip = Skip {
                    origin: crate::document::Origin {
                        path: texts[1].clone(),
                        line: (nums[0] % 2 == 0).then_some(nums[1] as u64),
                    },
                    id: (nums[1] % 2 == 0).then(|| texts[2].clone()),
                    reason: crate::read::SkipReason::Internal(texts[3].clone()),
                };
                proptest::prop_assert_eq!(encoded(format, &skip), reference(format, &skip));
            }
        }
    }

    #[test]
    fn empty_header_only() {
        let w: RowWriter<Vec<u8>, EntityRecord> =
            RowWriter::new(Vec::new(), Format::Csv, true).expect("vec writer");
        let out = w.into_inner().expect("flush");
        assert_eq!(out, b"doc_id,start,end,text,label,canonical,source\n");
    }
}
