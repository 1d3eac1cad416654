//! Byte-level helpers: binary sniffing, bounded line reading, lossy decoding
//! and a reader that counts the bytes it passes on (for the progress bar).

use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How many leading bytes are looked at to decide that a file is binary
/// (the same window as ripgrep and git).
pub const SNIFF_LEN: usize = 8 * 1024;

/// Tells why `head` (the first bytes of a file) is not text, if it is not:
/// a NUL byte in the first 8 KiB, or the magic number of a common binary
/// format (gzip too: a `.txt` that is really compressed is not text).
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1F\x8B", "gzip data"),
    ];
    for (magic, name) in MAGIC {
        if head.starts_with(magic) {
            return Some(name);
        }
    }
    let n = head.len().min(SNIFF_LEN);
    if head[..n].contains(&0) {
        return Some("NUL byte");
    }
    None
}

/// What [`read_line_bounded`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum LineRead {
    /// End of input, nothing read.
    Eof,
    /// A line (with its `\n`, if any) is in the buffer.
    Line,
    /// The line was longer than the limit: it was consumed but not kept.
    /// Carries its length and its first non-whitespace byte.
    TooLong { len: u64, first: Option<u8> },
}

/// Reads one line into `buf` (cleared first), keeping at most `limit` bytes
/// of it: a longer line is consumed and dropped, so that one giant line
/// cannot take all memory. `buf` is reused between calls to avoid a fresh
/// allocation per line (a 50 MB line allocates once).
pub fn read_line_bounded<R: BufRead + ?Sized>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<LineRead> {
    buf.clear();
    let mut total: u64 = 0;
    let mut too_long = false;
    let mut first: Option<u8> = None;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (part, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..=i], true),
            None => (chunk, false),
        };
        let n = part.len();
        total += n as u64;
        if !too_long {
            if buf.len() as u64 + n as u64 > limit.saturating_add(2) {
                // Remember how the line began before dropping it: stdin
                // sniffing needs to know whether it was JSON.
                first = buf
                    .iter()
                    .chain(part.iter())
                    .copied()
                    .find(|b| !b.is_ascii_whitespace());
                too_long = true;
                buf.clear();
                buf.shrink_to(1 << 20);
            } else {
                buf.extend_from_slice(part);
            }
        }
        r.consume(n);
        if done {
            break;
        }
    }
    Ok(if total == 0 {
        LineRead::Eof
    } else if too_long {
        LineRead::TooLong { len: total, first }
    } else {
        LineRead::Line
    })
}

/// Decodes UTF-8, replacing invalid sequences with U+FFFD. On invalid input
/// also returns the 1-based line of the first bad byte, for the warning.
pub fn decode_lossy(bytes: Vec<u8>) -> (String, Option<u64>) {
    match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let bad = match std::str::from_utf8(&bytes) {
                Err(e) => e.valid_up_to(),
                Ok(_) => 0,
            };
            let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
            (String::from_utf8_lossy(&bytes).into_owned(), Some(line))
        }
    }
}

/// Passes reads through and adds their size to a shared counter, so that
/// the progress bar can show bytes read from disk (compressed bytes for
/// `.gz`, to match the total taken from file sizes).
pub struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    pub fn new(inner: R, counter: Arc<AtomicU64>) -> Counting<R> {
        Counting { inner, counter }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_binary() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\nxxxx"), Some("PNG image"));
        assert_eq!(binary_kind(b"%PDF-1.4"), Some("PDF document"));
        assert_eq!(binary_kind(b"abc\0def"), Some("NUL byte"));
        assert_eq!(binary_kind(b"plain text"), None);
        assert_eq!(binary_kind(b""), None);
    }

    #[test]
    fn bounded_lines() {
        let data = b"short\nthis line is too long\n\nlast";
        let mut r = io::BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"short\n");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).ok(),
            Some(LineRead::TooLong {
                len: 22,
                first: Some(b't')
            })
        );
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"\n");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).ok(),
            Some(LineRead::Line)
        );
        assert_eq!(buf, b"last");
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 10).ok(),
            Some(LineRead::Eof)
        );
    }

    #[test]
    fn lossy_reports_line() {
        let (s, line) = decode_lossy(b"ok\nbad \xFF here".to_vec());
        assert_eq!(s, "ok\nbad \u{FFFD} here");
        assert_eq!(line, Some(2));
        assert_eq!(decode_lossy(b"fine".to_vec()), ("fine".to_string(), None));
    }
}
