//! Sentence and word boundaries of ASCII text, written from the rules of
//! Unicode Standard Annex #29 restricted to ASCII, for speed: the general
//! `unicode-segmentation` iterators look every character up in large
//! tables, which made segmentation the slowest stage. Most news text is
//! ASCII once typographic quotes and dashes are normalized; any other text
//! goes through `unicode-segmentation`. The property tests in
//! `tests/segment_ascii.rs` check that both give the same boundaries on
//! random ASCII text.
//!
//! Besides ASCII, the fast paths take a few symbols common in news text
//! (currency signs, the degree sign) whose class is Other under both the
//! sentence and the word rules: such a character never joins or splits
//! anything, so it is handled like an ASCII `#`. Without them a tenth of
//! the BBC corpus (every paragraph with a "£") went the slow way.
//!
//! Both functions return `(start, end)` byte spans that cover the text.

/// Non-ASCII characters with Sentence_Break = Other and Word_Break = Other
/// (and not Extended_Pictographic), checked against `unicode-segmentation`
/// by `tests/segment_ascii.rs`.
pub const OTHER_SYMBOLS: &[char] = &['£', '€', '¥', '°'];

/// Can `text` go through [`sentences`] and [`word_bounds`]? True for ASCII
/// and for text whose only other characters are [`OTHER_SYMBOLS`].
pub fn handles(text: &str) -> bool {
    // The common case, tested a word at a time.
    if text.is_ascii() {
        return true;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        match text[i..].chars().next() {
            Some(c) if OTHER_SYMBOLS.contains(&c) => i += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// ASCII sentence-break classes (UAX #29, Sentence_Break property).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

#[inline]
fn sb(b: u8) -> Sb {
    SB[usize::from(b)]
}

/// `sb_class` for every byte, so that the hot loops do one load per byte.
static SB: [Sb; 256] = {
    let mut t = [Sb::Other; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = sb_class(b as u8);
        b += 1;
    }
    t
};

const fn sb_class(b: u8) -> Sb {
    match b {
        b'\r' => Sb::Cr,
        b'\n' => Sb::Lf,
        b'\t' | 0x0B | 0x0C | b' ' => Sb::Sp,
        b'a'..=b'z' => Sb::Lower,
        b'A'..=b'Z' => Sb::Upper,
        b'0'..=b'9' => Sb::Numeric,
        b'.' => Sb::ATerm,
        b'!' | b'?' => Sb::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Sb::Close,
        b',' | b'-' | b':' | b';' => Sb::SContinue,
        _ => Sb::Other,
    }
}

/// Sentence spans of a `text` that [`handles`] accepts, as
/// `UnicodeSegmentation::split_sentence_bound_indices` gives them. The
/// bytes of an Other symbol classify as `Sb::Other`, and every cut is made
/// after an ASCII byte, so no cut falls inside a character.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    debug_assert!(handles(text));
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut cut = |start: &mut usize, at: usize| {
        if at > *start {
            out.push((*start, at));
            *start = at;
        }
    };
    while i < n {
        // Only terminators and line ends can end a sentence: skip to one.
        match b[i..].iter().position(|&c| ENDS_SENTENCE[usize::from(c)]) {
            Some(k) => i += k,
            None => break,
        }
        match sb(b[i]) {
            // SB3, SB4: a paragraph separator ends the sentence.
            Sb::Cr => {
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                cut(&mut start, i);
            }
            Sb::Lf => {
                i += 1;
                cut(&mut start, i);
            }
            Sb::ATerm | Sb::STerm => {
                let aterm = b[i] == b'.';
                let before = i.checked_sub(1).map(|p| sb(b[p]));
                let mut j = i + 1;
                // SB6: "3.5"; SB7: "U.S".
                if aterm {
                    match b.get(j).map(|&c| sb(c)) {
                        Some(Sb::Numeric) => {
                            i = j;
                            continue;
                        }
                        Some(Sb::Upper) if matches!(before, Some(Sb::Upper | Sb::Lower)) => {
                            i = j;
                            continue;
                        }
                        _ => {}
                    }
                }
                // SB9, SB10: closing punctuation and spaces stay with it.
                while j < n && sb(b[j]) == Sb::Close {
                    j += 1;
                }
                while j < n && sb(b[j]) == Sb::Sp {
                    j += 1;
                }
                if j == n {
                    i = j;
                    continue;
                }
                // SB8: after a full stop, no break before a lower-case word
                // (the first letter, separator or terminator decides).
                if aterm {
                    let decisive = b[i + 1..].iter().map(|&c| sb(c)).find(|c| {
                        matches!(
                            c,
                            Sb::Upper | Sb::Lower | Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm
                        )
                    });
                    if decisive == Some(Sb::Lower) {
                        i = j;
                        continue;
                    }
                }
                match sb(b[j]) {
                    // SB8a: "etc., and", "?!".
                    Sb::SContinue | Sb::ATerm | Sb::STerm => i = j,
                    // SB11 with the separator: it ends this sentence.
                    Sb::Cr => {
                        i = j + if b.get(j + 1) == Some(&b'\n') { 2 } else { 1 };
                        cut(&mut start, i);
                    }
                    Sb::Lf => {
                        i = j + 1;
                        cut(&mut start, i);
                    }
                    // SB11.
                    _ => {
                        i = j;
                        cut(&mut start, i);
                    }
                }
            }
            _ => i += 1,
        }
    }
    cut(&mut start, n);
    out
}

#[inline]
fn is_word_char(c: u8) -> bool {
    WORD_CHAR[usize::from(c)]
}

/// `[A-Za-z0-9_]` as a table: one load per byte in the word loops.
static WORD_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// The bytes that can end a sentence: terminators and line ends.
static ENDS_SENTENCE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// Word-boundary segments of a `text` that [`handles`] accepts (words,
/// spaces and single punctuation marks or symbols), as
/// `UnicodeSegmentation::split_word_bound_indices` gives them.
pub fn word_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 3);
    each_word_bound(text, |a, b| out.push((a, b)));
    out
}

/// The segments of [`word_bounds`] that start with a letter or digit (the
/// words), given to `f` without building the list of all segments.
///
/// Only a word character (`[A-Za-z0-9_]`) starts a segment that can be a
/// word, and no other segment (spaces, CRLF, one mark or symbol) runs into
/// one, so the bytes in between are skipped without cutting them into
/// segments.
pub fn words(text: &str, mut f: impl FnMut(usize, usize)) {
    debug_assert!(handles(text));
    let b = text.as_bytes();
    let mut i = 0;
    loop {
        match b[i..].iter().position(|&c| is_word_char(c)) {
            Some(k) => i += k,
            None => return,
        }
        let end = word_end(b, i);
        if b[i] != b'_' {
            f(i, end);
        }
        i = end;
    }
}

/// End of the word segment that starts with the word character at `i`:
/// WB5, WB8–WB10, WB13a/b: letters, digits and `_` join; WB6/7: one of
/// `:.'` between letters; WB11/12: one of `,;.'` between digits.
#[inline]
fn word_end(b: &[u8], i: usize) -> usize {
    let n = b.len();
    let mut j = i + 1;
    loop {
        // The run of word characters, then at most one joiner.
        j += b[j..]
            .iter()
            .position(|&c| !is_word_char(c))
            .unwrap_or(n - j);
        if j >= n {
            break;
        }
        let (prev, mid) = (b[j - 1], b[j]);
        let Some(&next) = b.get(j + 1) else { break };
        let letters = prev.is_ascii_alphabetic()
            && next.is_ascii_alphabetic()
            && matches!(mid, b':' | b'.' | b'\'');
        let digits = prev.is_ascii_digit()
            && next.is_ascii_digit()
            && matches!(mid, b',' | b';' | b'.' | b'\'');
        if letters || digits {
            j += 2;
        } else {
            break;
        }
    }
    j
}

#[inline]
fn each_word_bound(text: &str, mut f: impl FnMut(usize, usize)) {
    debug_assert!(handles(text));
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let c = b[i];
        let end = if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
            // WB3.
            i + 2
        } else if c == b' ' {
            // WB3d: spaces stay together.
            let mut j = i + 1;
            while j < n && b[j] == b' ' {
                j += 1;
            }
            j
        } else if is_word_char(c) {
            word_end(b, i)
        } else if c >= 0xC0 {
            // An Other symbol: one segment of its whole UTF-8 sequence.
            i + utf8_len(c)
        } else {
            i + 1
        };
        f(i, end);
        i = end;
    }
}

/// Length of the UTF-8 sequence that lead byte `c` starts.
fn utf8_len(c: u8) -> usize {
    match c {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}
