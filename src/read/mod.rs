//! Stage 1, read: documents from files, folders, JSON Lines and stdin.
//!
//! [`Reader`] is an iterator of [`ReadItem`]s in input order: documents,
//! skips (with the reason) and warnings. It never panics on input and never
//! stops early: whatever cannot be read is reported as a [`Skip`] and the
//! next input is taken.
//!
//! Decisions:
//! - A folder is walked recursively in sorted file-name order, following
//!   symlinks (a symlink back to an ancestor is skipped as a loop). Only
//!   `.txt`, `.jsonl`, `.txt.gz` and `.jsonl.gz` files are read there; a file
//!   named on the command line is read whatever its name (JSON Lines when it
//!   ends in `.jsonl` or `.jsonl.gz`, gzip when it ends in `.gz`).
//! - A text file is one document, its id the path relative to the folder
//!   given (with `/`), or the file name when the file itself was given.
//! - `-` is standard input: JSON Lines when its first non-blank line is a
//!   JSON object, otherwise one text document with id `stdin`.
//! - Invalid UTF-8 is decoded lossily (U+FFFD) with a warning naming the
//!   file and line; the document is processed.
//! - Binary files (NUL in the first 8 KiB, or a PNG/JPEG/GIF/PDF/ZIP/gzip
//!   magic number) and empty or whitespace-only texts are skipped (benign).
//! - A later document with an id already seen is skipped (benign).
//! - Missing, unreadable, too large or malformed input is skipped as an
//!   error (see [`SkipReason::is_error`]).
//! - Memory: folders are listed lazily, files are read one at a time, JSON
//!   Lines one line at a time into a reused buffer; a document (or line)
//!   above `max_doc_bytes` is dropped without being kept in memory.

mod bytes;
mod jsonl;
mod skip;

pub use skip::{Skip, SkipReason, Warning};

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use crate::document::{Document, Origin};
use bytes::{binary_kind, decode_lossy, read_line_bounded, Counting, LineRead};

/// Default for [`ReadOptions::max_doc_bytes`]: 64 MiB.
pub const DEFAULT_MAX_DOC_BYTES: u64 = 64 * 1024 * 1024;

/// Buffer size of file and stdin readers.
const BUF_SIZE: usize = 64 * 1024;

/// What the reader yields, in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadItem {
    Document(Document),
    Skipped(Skip),
    Warning(Warning),
}

/// Reader settings.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Documents (text files, JSON lines) larger than this many bytes are
    /// skipped without being held in memory.
    pub max_doc_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// How a file is read, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Text { gz: bool },
    Lines { gz: bool },
}

impl Kind {
    /// The kind of a file named on the command line: any name is read.
    fn of_given(name: &str) -> Kind {
        Kind::of_walked(name).unwrap_or(Kind::Text {
            gz: name.ends_with(".gz"),
        })
    }

    /// The kind of a file found in a folder, `None` for files to ignore.
    fn of_walked(name: &str) -> Option<Kind> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".jsonl") {
            Some(Kind::Lines { gz: false })
        } else if lower.ends_with(".jsonl.gz") {
            Some(Kind::Lines { gz: true })
        } else if lower.ends_with(".txt") {
            Some(Kind::Text { gz: false })
        } else if lower.ends_with(".txt.gz") {
            Some(Kind::Text { gz: true })
        } else {
            None
        }
    }
}

/// A folder being walked.
struct Walk {
    root: PathBuf,
    iter: walkdir::IntoIter,
}

/// A JSON Lines stream being read.
struct Lines {
    path: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
}

/// Streams documents from the inputs; see the module documentation.
pub struct Reader {
    inputs: std::vec::IntoIter<PathBuf>,
    opts: ReadOptions,
    walk: Option<Walk>,
    lines: Option<Lines>,
    pending: VecDeque<ReadItem>,
    /// Ids already yielded and where, to skip duplicates: a 64-bit hash of
    /// the id → where it was first seen, packed (see [`pack_origin`]).
    /// 16 bytes per document (17–34 in the table, by its fill) instead of
    /// the id and path strings, so
    /// that a corpus of millions of documents keeps memory nearly flat.
    /// Two different ids with the same hash would be reported as
    /// duplicates (odds about 1 in 10^7 for a million ids); the skip report
    /// names both places.
    seen: HashMap<u64, u64>,
    /// Paths of the documents seen, each once, in input order.
    paths: Vec<String>,
    counter: Arc<AtomicU64>,
}

/// A hash of a document id, the same in every run and on every machine
/// (SipHash with fixed keys).
fn id_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    #[allow(deprecated)] // SipHasher: stable output; DefaultHasher's may change.
    let mut h = std::hash::SipHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// Bits of a packed origin that hold the line number (0: no line).
const LINE_BITS: u32 = 40;

/// A path index and a line in one word: 24 bits of path index (16 million
/// files), 40 of line (a trillion lines). Larger values are stored as
/// "unknown" (`u64::MAX`), which only loses the "first seen at" detail.
fn pack_origin(path: usize, line: Option<u64>) -> u64 {
    let line = line.unwrap_or(0);
    if path >= 1 << (64 - LINE_BITS) || line >= 1 << LINE_BITS {
        return u64::MAX;
    }
    (path as u64) << LINE_BITS | line
}

fn unpack_origin(packed: u64) -> (Option<usize>, Option<u64>) {
    if packed == u64::MAX {
        return (None, None);
    }
    let line = packed & ((1 << LINE_BITS) - 1);
    (
        Some((packed >> LINE_BITS) as usize),
        (line > 0).then_some(line),
    )
}

fn path_string(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// A document id from a path relative to its folder, with `/` separators
/// whatever the platform.
fn relative_id(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

impl Reader {
    pub fn new(inputs: Vec<PathBuf>, opts: ReadOptions) -> Reader {
        Reader {
            inputs: inputs.into_iter(),
            opts,
            walk: None,
            lines: None,
            pending: VecDeque::new(),
            seen: HashMap::new(),
            paths: Vec::new(),
            counter: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Bytes read from files and stdin so far (compressed bytes for gzip),
    /// shared so that another thread can show progress.
    pub fn bytes_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.counter)
    }

    fn skip(&mut self, origin: Origin, id: Option<String>, reason: SkipReason) {
        self.pending
            .push_back(ReadItem::Skipped(Skip { origin, id, reason }));
    }

    fn warn(&mut self, origin: Origin, message: String) {
        self.pending
            .push_back(ReadItem::Warning(Warning { origin, message }));
    }

    /// Final checks shared by all document sources: empty text, duplicate id.
    fn emit(&mut self, doc: Document) {
        if doc.text.trim().is_empty() {
            self.skip(doc.origin, Some(doc.id), SkipReason::Empty);
            return;
        }
        let key = id_hash(&doc.id);
        if let Some(&packed) = self.seen.get(&key) {
            let (path, line) = unpack_origin(packed);
            let reason = SkipReason::Duplicate {
                id: doc.id.clone(),
                first: Origin {
                    path: path
                        .and_then(|p| self.paths.get(p))
                        .cloned()
                        .unwrap_or_else(|| "an earlier input".to_string()),
                    line,
                },
            };
            self.skip(doc.origin, Some(doc.id), reason);
            return;
        }
        if self.paths.last() != Some(&doc.origin.path) {
            self.paths.push(doc.origin.path.clone());
        }
        let path = self.paths.len() - 1;
        self.seen.insert(key, pack_origin(path, doc.origin.line));
        self.pending.push_back(ReadItem::Document(doc));
    }

    fn start_input(&mut self, input: PathBuf) {
        if is_stdin(&input) {
            self.read_stdin();
            return;
        }
        let shown = path_string(&input);
        let origin = Origin {
            path: shown.clone(),
            line: None,
        };
        match std::fs::metadata(&input) {
            Err(e) => self.skip(origin, None, SkipReason::from_io(&e)),
            Ok(m) if m.is_dir() => {
                let iter = walkdir::WalkDir::new(&input)
                    .follow_links(true)
                    .sort_by_file_name()
                    .min_depth(1)
                    .into_iter();
                self.walk = Some(Walk { root: input, iter });
            }
            Ok(_) => {
                let name = input
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| shown.clone());
                let kind = Kind::of_given(&name);
                self.open_file(&input, shown, name, kind);
            }
        }
    }

    fn walk_entry(&mut self, entry: Result<walkdir::DirEntry, walkdir::Error>, root: &Path) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(path_string)
                    .unwrap_or_else(|| path_string(root));
                let origin = Origin { path, line: None };
                let reason = if let Some(anc) = e.loop_ancestor() {
                    SkipReason::SymlinkLoop(path_string(anc))
                } else if let Some(io) = e.io_error() {
                    SkipReason::from_io(io)
                } else {
                    SkipReason::Io(e.to_string())
                };
                self.skip(origin, None, reason);
                return;
            }
        };
        if !entry.file_type().is_file() {
            return;
        }
        let name = entry.file_name().to_string_lossy();
        let Some(kind) = Kind::of_walked(&name) else {
            return;
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let id = relative_id(rel);
        self.open_file(entry.path(), path_string(entry.path()), id, kind);
    }

    fn open_file(&mut self, path: &Path, shown: String, id: String, kind: Kind) {
        let origin = Origin {
            path: shown.clone(),
            line: None,
        };
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return self.skip(origin, None, SkipReason::from_io(&e)),
        };
        let len = file.metadata().map(|m| m.len()).ok();
        if kind == (Kind::Text { gz: true }) && len == Some(0) {
            // Not even a gzip header, but empty all the same: benign.
            return self.skip(origin, Some(id), SkipReason::Empty);
        }
        if kind == (Kind::Text { gz: false }) {
            // The size is known: refuse an oversized text without reading it.
            let limit = self.opts.max_doc_bytes;
            if let Some(len) = len {
                if len > limit {
                    self.counter
                        .fetch_add(len, std::sync::atomic::Ordering::Relaxed);
                    return self.skip(origin, Some(id), SkipReason::TooLarge { limit });
                }
            }
        }
        let raw = Counting::new(file, self.bytes_counter());
        match kind {
            Kind::Text { gz } => {
                let reader: Box<dyn Read + Send> = if gz {
                    Box::new(MultiGzDecoder::new(raw))
                } else {
                    Box::new(raw)
                };
                self.read_text(reader, origin, id);
            }
            Kind::Lines { gz } => {
                let mut reader: Box<dyn BufRead + Send> = if gz {
                    Box::new(BufReader::with_capacity(BUF_SIZE, MultiGzDecoder::new(raw)))
                } else {
                    Box::new(BufReader::with_capacity(BUF_SIZE, raw))
                };
                // Sniff without consuming: a binary file renamed `.jsonl`
                // would otherwise give one malformed-line error per "line".
                match reader.fill_buf() {
                    Ok(head) => {
                        if let Some(kind) = binary_kind(head) {
                            return self.skip(origin, None, SkipReason::Binary(kind));
                        }
                    }
                    Err(e) => return self.skip(origin, None, SkipReason::from_io(&e)),
                }
                self.lines = Some(Lines {
                    path: shown,
                    reader,
                    line: 0,
                    buf: Vec::new(),
                });
            }
        }
    }

    /// Reads one text document, at most `max_doc_bytes` of it.
    fn read_text(&mut self, reader: Box<dyn Read + Send>, origin: Origin, id: String) {
        let limit = self.opts.max_doc_bytes;
        let mut buf = Vec::new();
        // Read one byte past the limit to tell "exactly at" from "over".
        let mut limited = reader.take(limit.saturating_add(1));
        if let Err(e) = limited.read_to_end(&mut buf) {
            return self.skip(origin, Some(id), SkipReason::from_io(&e));
        }
        if buf.len() as u64 > limit {
            return self.skip(origin, Some(id), SkipReason::TooLarge { limit });
        }
        self.text_document(buf, origin, id);
    }

    /// Turns the bytes of a text document into a document: binary check,
    /// BOM, lossy UTF-8.
    fn text_document(&mut self, mut buf: Vec<u8>, origin: Origin, id: String) {
        if let Some(kind) = binary_kind(&buf) {
            return self.skip(origin, Some(id), SkipReason::Binary(kind));
        }
        if buf.starts_with(b"\xEF\xBB\xBF") {
            buf.drain(..3);
        }
        let (text, bad_line) = decode_lossy(buf);
        if let Some(line) = bad_line {
            let at = Origin {
                path: origin.path.clone(),
                line: Some(line),
            };
            self.warn(at, "invalid UTF-8, decoded lossily".to_string());
        }
        self.emit(Document {
            id,
            text,
            published: None,
            title: None,
            origin,
        });
    }

    /// Reads the next line of the current JSON Lines stream; false at its end.
    fn next_line(&mut self, lines: &mut Lines) -> bool {
        let limit = self.opts.max_doc_bytes;
        let res = read_line_bounded(&mut lines.reader, &mut lines.buf, limit);
        let origin = Origin {
            path: lines.path.clone(),
            line: Some(lines.line + 1),
        };
        match res {
            Err(e) => {
                // A read error mid-stream (corrupt gzip, I/O error): the
                // rest of this file cannot be trusted.
                self.skip(origin, None, SkipReason::from_io(&e));
                false
            }
            Ok(LineRead::Eof) => false,
            Ok(LineRead::TooLong { .. }) => {
                lines.line += 1;
                self.skip(origin, None, SkipReason::TooLarge { limit });
                true
            }
            Ok(LineRead::Line) => {
                lines.line += 1;
                let buf = std::mem::take(&mut lines.buf);
                self.json_line(&buf, origin);
                lines.buf = buf;
                true
            }
        }
    }

    /// Handles one JSON line (with or without its line end).
    fn json_line(&mut self, raw: &[u8], origin: Origin) {
        let trimmed = raw.strip_suffix(b"\n").unwrap_or(raw);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        // A UTF-8 BOM at the start of the file is not part of the JSON.
        let trimmed = if origin.line == Some(1) {
            trimmed.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(trimmed)
        } else {
            trimmed
        };
        if trimmed.iter().all(u8::is_ascii_whitespace) {
            return; // blank lines separate nothing and are not documents
        }
        let decoded;
        let line: &str = match std::str::from_utf8(trimmed) {
            Ok(s) => s,
            Err(_) => {
                self.warn(origin.clone(), "invalid UTF-8, decoded lossily".to_string());
                decoded = String::from_utf8_lossy(trimmed).into_owned();
                &decoded
            }
        };
        let mut warnings = Vec::new();
        let parsed = jsonl::parse_line(line, &mut warnings);
        for w in warnings {
            self.warn(origin.clone(), w);
        }
        match parsed {
            Err(rej) => self.skip(origin, rej.id, rej.reason),
            Ok(rec) => self.emit(Document {
                id: rec.id,
                text: rec.text,
                published: rec.published,
                title: rec.title,
                origin,
            }),
        }
    }

    /// Standard input: JSON Lines or one text document, told apart by the
    /// first non-blank line.
    fn read_stdin(&mut self) {
        let limit = self.opts.max_doc_bytes;
        let raw = Counting::new(io::stdin(), self.bytes_counter());
        let mut reader: Box<dyn BufRead + Send> = Box::new(BufReader::with_capacity(BUF_SIZE, raw));
        let origin = Origin {
            path: "-".to_string(),
            line: None,
        };
        let mut prefix: Vec<u8> = Vec::new();
        let mut buf = Vec::new();
        let mut line_no: u64 = 0;
        loop {
            match read_line_bounded(&mut reader, &mut buf, limit) {
                Err(e) => return self.skip(origin, None, SkipReason::from_io(&e)),
                Ok(LineRead::Eof) => break,
                Ok(LineRead::TooLong { first, .. }) => {
                    line_no += 1;
                    if first == Some(b'{') {
                        // Most likely a JSON line too large: skip it and read
                        // the rest as JSON Lines.
                        let at = Origin {
                            path: "-".to_string(),
                            line: Some(line_no),
                        };
                        self.skip(at, None, SkipReason::TooLarge { limit });
                        self.lines = Some(Lines {
                            path: "-".to_string(),
                            reader,
                            line: line_no,
                            buf,
                        });
                    } else {
                        self.skip(
                            origin,
                            Some("stdin".to_string()),
                            SkipReason::TooLarge { limit },
                        );
                    }
                    return;
                }
                Ok(LineRead::Line) => {
                    line_no += 1;
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        prefix.extend_from_slice(&buf);
                        continue;
                    }
                    let looks_json = {
                        let first = buf.iter().copied().find(|b| !b.is_ascii_whitespace());
                        first == Some(b'{')
                            && serde_json::from_slice::<serde_json::Value>(&buf)
                                .map(|v| v.is_object())
                                .unwrap_or(false)
                    };
                    if looks_json {
                        let at = Origin {
                            path: "-".to_string(),
                            line: Some(line_no),
                        };
                        let first_line = std::mem::take(&mut buf);
                        self.json_line(&first_line, at);
                        self.lines = Some(Lines {
                            path: "-".to_string(),
                            reader,
                            line: line_no,
                            buf: first_line,
                        });
                        return;
                    }
                    prefix.extend_from_slice(&buf);
                    break;
                }
            }
        }
        // Plain text: the lines read so far and the rest, within the limit.
        let room = (limit + 1).saturating_sub(prefix.len() as u64);
        if let Err(e) = reader.take(room).read_to_end(&mut prefix) {
            return self.skip(origin, Some("stdin".to_string()), SkipReason::from_io(&e));
        }
        if prefix.len() as u64 > limit {
            return self.skip(
                origin,
                Some("stdin".to_string()),
                SkipReason::TooLarge { limit },
            );
        }
        self.text_document(prefix, origin, "stdin".to_string());
    }
}

impl Iterator for Reader {
    type Item = ReadItem;

    fn next(&mut self) -> Option<ReadItem> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(mut lines) = self.lines.take() {
                if self.next_line(&mut lines) {
                    self.lines = Some(lines);
                }
                continue;
            }
            if let Some(mut walk) = self.walk.take() {
                match walk.iter.next() {
                    None => {}
                    Some(entry) => {
                        let root = walk.root.clone();
                        self.walk = Some(walk);
                        self.walk_entry(entry, &root);
                    }
                }
                continue;
            }
            let input = self.inputs.next()?;
            self.start_input(input);
        }
    }
}

/// Total size in bytes of the files the inputs name (for a progress bar's
/// ETA); `None` when standard input is among them.
pub fn input_size(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        if is_stdin(input) {
            return None;
        }
        let Ok(meta) = std::fs::metadata(input) else {
            continue;
        };
        if meta.is_file() {
            total += meta.len();
            continue;
        }
        for entry in walkdir::WalkDir::new(input)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy();
            if entry.file_type().is_file() && Kind::of_walked(&name).is_some() {
                total += entry.metadata().map(|m| m.len()).unwrap_or(0);
            }
        }
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::{pack_origin, unpack_origin};

    #[test]
    fn packed_origins() {
        assert_eq!(unpack_origin(pack_origin(0, Some(1))), (Some(0), Some(1)));
        assert_eq!(unpack_origin(pack_origin(7, None)), (Some(7), None));
        assert_eq!(
            unpack_origin(pack_origin(3, Some((1 << 40) - 1))),
            (Some(3), Some((1 << 40) - 1))
        );
        assert_eq!(unpack_origin(pack_origin(1 << 24, Some(5))), (None, None));
        assert_eq!(unpack_origin(pack_origin(0, Some(1 << 40))), (None, None));
    }
}
