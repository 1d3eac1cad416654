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
    while i < n {
        // Only terminators and line ends can end a sentence: skip to one.
        match b[i..].iter().position(|&c| ENDS_SENTENCE[usize::from(c)]) {
            Some(k) => i += k,
            None => break,
        }
        let (next, cut) = sentence_step(b, i);
        if let Some(at) = cut.filter(|&at| at > start) {
            out.push((start, at));
            start = at;
        }
        i = next;
    }
    if n > start {
        out.push((start, n));
    }
    out
}

/// The rules at the terminator or line end `b[i]`: where the scan for
/// the next one resumes, and the end of a sentence if one ends there (it
/// may end before the start of the current sentence: then it is no cut).
#[inline]
fn sentence_step(b: &[u8], i: usize) -> (usize, Option<usize>) {
    let n = b.len();
    match sb(b[i]) {
        // SB3, SB4: a paragraph separator ends the sentence.
        Sb::Cr => {
            let e = i + if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            (e, Some(e))
        }
        Sb::Lf => (i + 1, Some(i + 1)),
        Sb::ATerm | Sb::STerm => {
            let aterm = b[i] == b'.';
            let before = i.checked_sub(1).map(|p| sb(b[p]));
            let mut j = i + 1;
            // SB6: "3.5"; SB7: "U.S".
            if aterm {
                match b.get(j).map(|&c| sb(c)) {
                    Some(Sb::Numeric) => return (j, None),
                    Some(Sb::Upper) if matches!(before, Some(Sb::Upper | Sb::Lower)) => {
                        return (j, None)
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
                return (j, None);
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
                    return (j, None);
                }
            }
            match sb(b[j]) {
                // SB8a: "etc., and", "?!".
                Sb::SContinue | Sb::ATerm | Sb::STerm => (j, None),
                // SB11 with the separator: it ends this sentence.
                Sb::Cr => {
                    let e = j + if b.get(j + 1) == Some(&b'\n') { 2 } else { 1 };
                    (e, Some(e))
                }
                Sb::Lf => (j + 1, Some(j + 1)),
                // SB11.
                _ => (j, Some(j)),
            }
        }
        _ => (i + 1, None),
    }
}

/// [`sentences`] and [`words`] of a line in one pass: pushes the end of
/// every span of `sentences(text)` to `ends`, with the number of words
/// given before it, and gives `word` every span that `words` gives on those
/// sentences (whole or trimmed, joined or not). Returns false, having
/// stopped part way, when [`handles`] would not take the text: then `ends`
/// and the words given are to be dropped.
///
/// Words and sentences agree: no sentence ends inside a word segment. A
/// full stop inside one stands between two letters (SB7, SB8: no break) or
/// two digits (SB6), and the joiners other than the full stop never end a
/// sentence, nor does a closing quote after a letter. So the words of a
/// sentence are the words of its line that start in it, the terminators
/// inside words are passed over (their rules make no cut and resume the
/// scan on the next byte), and only the bytes between words are looked at
/// for sentence ends.
///
/// The text is read 64 bytes at a time as bit masks ([`Masks`]), so that
/// there is no branch per byte: the word segments are the runs of the word
/// mask with its joiners ([`word_end`]'s rules, from the masks shifted by
/// one byte either way), found with `trailing_zeros`; the sentence rules
/// run only at the terminators and line ends outside words; only a block
/// with a non-ASCII byte looks at its characters.
pub fn sentences_and_words(
    text: &str,
    ends: &mut Vec<(usize, u32)>,
    mut word: impl FnMut(usize, usize),
) -> bool {
    let b = text.as_bytes();
    let n = b.len();
    // The start of the current sentence, and where the sentence rules
    // resume (a terminator before it was taken by the previous one).
    let mut start = 0;
    let mut resume = 0;
    // Words given before the current block.
    let mut given: u32 = 0;
    // The start of a word segment that runs on into the current block.
    let mut open: Option<usize> = None;
    // The last byte of the previous block: letter, digit, in a word.
    let (mut last_letter, mut last_digit, mut last_word) = (0u64, 0u64, 0u64);
    let mut pos = 0;
    while pos < n {
        let m = block_masks(b, pos);
        if m.wide != 0 && !wide_ok(text, pos, m.wide) {
            return false;
        }
        // WB6/7: `:.'` between letters; WB11/12: `,;.'` between digits.
        // The byte after the block decides for its last byte.
        let next = b.get(pos + 64).copied().unwrap_or(0);
        let letter_before = m.letter << 1 | last_letter;
        let letter_after = m.letter >> 1 | u64::from(next.is_ascii_alphabetic()) << 63;
        let digit_before = m.digit << 1 | last_digit;
        let digit_after = m.digit >> 1 | u64::from(next.is_ascii_digit()) << 63;
        let joined = (m.join_letters & letter_before & letter_after)
            | (m.join_digits & digit_before & digit_after);
        let in_word = m.letter | m.digit | m.under | joined;
        let word_before = in_word << 1 | last_word;
        let starts = in_word & !word_before;
        let mut stops = !in_word & word_before;
        last_letter = m.letter >> 63;
        last_digit = m.digit >> 63;
        last_word = in_word >> 63;

        // Sentence ends, before the words of the block are given: the
        // words that start before a terminator are counted in the masks.
        // Segments that start with `_` are no words.
        let counted = starts & !m.under;
        let mut cands = m.ends & !in_word;
        while cands != 0 {
            let k = cands.trailing_zeros();
            cands &= cands - 1;
            let i = pos + k as usize;
            if i < resume {
                continue;
            }
            let (next, cut) = sentence_step(b, i);
            if let Some(at) = cut.filter(|&at| at > start) {
                // No word starts between the terminator and the cut.
                let before = given + (counted & ((1u64 << k) - 1)).count_ones();
                ends.push((at, before));
                start = at;
            }
            resume = next;
        }
        given += counted.count_ones();

        // The words: starts and stops alternate, a segment open from the
        // previous block stopping first.
        let mut starts = starts;
        if let Some(s) = open {
            if stops != 0 {
                give(b, s, pos + stops.trailing_zeros() as usize, &mut word);
                stops &= stops - 1;
                open = None;
            }
        }
        while starts != 0 {
            let s = pos + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if stops == 0 {
                open = Some(s);
                break;
            }
            give(b, s, pos + stops.trailing_zeros() as usize, &mut word);
            stops &= stops - 1;
        }
        pos += 64;
    }
    if let Some(s) = open {
        give(b, s, n, &mut word);
    }
    if n > start {
        ends.push((n, given));
    }
    true
}

/// Gives the word segment `s..e` unless it starts with `_`.
#[inline]
fn give(b: &[u8], s: usize, e: usize, word: &mut impl FnMut(usize, usize)) {
    if b[s] != b'_' {
        word(s, e);
    }
}

/// Are the non-ASCII characters that start at the `wide` bits of the block
/// at `pos` all [`OTHER_SYMBOLS`]? (Continuation bytes are passed over.)
#[cold]
fn wide_ok(text: &str, pos: usize, mut wide: u64) -> bool {
    let b = text.as_bytes();
    while wide != 0 {
        let i = pos + wide.trailing_zeros() as usize;
        wide &= wide - 1;
        if b[i] >= 0xC0 {
            match text.get(i..).and_then(|t| t.chars().next()) {
                Some(c) if OTHER_SYMBOLS.contains(&c) => {}
                _ => return false,
            }
        }
    }
    true
}

/// Classes of the bytes of a 64-byte block, bit `k` for byte `k`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Masks {
    /// `[A-Za-z]`.
    letter: u64,
    /// `[0-9]`.
    digit: u64,
    /// `_`.
    under: u64,
    /// `:.'`, which join letters.
    join_letters: u64,
    /// `,;.'`, which join digits.
    join_digits: u64,
    /// `.!?\r\n`, which may end a sentence.
    ends: u64,
    /// Bytes of non-ASCII characters.
    wide: u64,
}

/// The masks of the 64 bytes at `pos`, or of the bytes left there followed
/// by zero bytes (which are in no class).
#[inline]
fn block_masks(b: &[u8], pos: usize) -> Masks {
    match b.get(pos..).and_then(<[u8]>::first_chunk::<64>) {
        Some(block) => masks(block),
        None => {
            let mut block = [0u8; 64];
            let rest = b.get(pos..).unwrap_or_default();
            block[..rest.len()].copy_from_slice(rest);
            masks(&block)
        }
    }
}

/// [`Masks`] of a block, sixteen bytes at a time with SSE2 (part of
/// x86_64): a compare per class and a `movemask` per mask.
#[cfg(target_arch = "x86_64")]
#[inline]
fn masks(block: &[u8; 64]) -> Masks {
    // SAFETY: SSE2 is part of x86_64, so every x86_64 processor has it.
    unsafe { masks_sse2(block) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
#[inline]
fn masks_sse2(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_loadu_si128,
        _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let mut m = Masks::default();
    for (k, chunk) in block.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: `chunk` is 16 readable bytes, and `loadu` takes any
        // alignment.
        let x = unsafe { _mm_loadu_si128(chunk.as_ptr().cast::<__m128i>()) };
        let set = |c: u8| _mm_set1_epi8(c as i8);
        let eq = |c: u8| _mm_cmpeq_epi8(x, set(c));
        // Signed compares: the bytes of non-ASCII characters are negative
        // and fall in no range. Bit 5 set lower-cases the letters and makes
        // no other byte one.
        let lower = _mm_or_si128(x, set(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(lower, set(b'a' - 1)),
            _mm_cmplt_epi8(lower, set(b'z' + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(x, set(b'0' - 1)),
            _mm_cmplt_epi8(x, set(b'9' + 1)),
        );
        let dot = eq(b'.');
        let dot_apostrophe = _mm_or_si128(dot, eq(b'\''));
        let join_letters = _mm_or_si128(dot_apostrophe, eq(b':'));
        let join_digits = _mm_or_si128(dot_apostrophe, _mm_or_si128(eq(b','), eq(b';')));
        let ends = _mm_or_si128(
            _mm_or_si128(dot, eq(b'!')),
            _mm_or_si128(eq(b'?'), _mm_or_si128(eq(b'\r'), eq(b'\n'))),
        );
        let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16) << (16 * k);
        m.letter |= bits(letter);
        m.digit |= bits(digit);
        m.under |= bits(eq(b'_'));
        m.join_letters |= bits(join_letters);
        m.join_digits |= bits(join_digits);
        m.ends |= bits(ends);
        m.wide |= bits(x);
    }
    m
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn masks(block: &[u8; 64]) -> Masks {
    masks_by_byte(block)
}

/// [`Masks`] a byte at a time: for targets without SSE2, and the reference
/// for the SSE2 form.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn masks_by_byte(block: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (k, &c) in block.iter().enumerate() {
        let bit = |yes: bool| u64::from(yes) << k;
        m.letter |= bit(c.is_ascii_alphabetic());
        m.digit |= bit(c.is_ascii_digit());
        m.under |= bit(c == b'_');
        m.join_letters |= bit(matches!(c, b':' | b'.' | b'\''));
        m.join_digits |= bit(matches!(c, b',' | b';' | b'.' | b'\''));
        m.ends |= bit(matches!(c, b'.' | b'!' | b'?' | b'\r' | b'\n'));
        m.wide |= bit(c >= 0x80);
    }
    m
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
    let mut j = i + 1;
    loop {
        // The run of word characters, then at most one joiner (most words
        // end at a space: one table look-up rules that out).
        j = run_end(b, j);
        let (Some(&mid), Some(&next)) = (b.get(j), b.get(j + 1)) else {
            break;
        };
        if !JOINER[usize::from(mid)] {
            break;
        }
        let prev = b[j - 1];
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

/// The bytes that may join two runs of word characters: `:.'` between
/// letters, `,;.'` between digits.
static JOINER: [bool; 256] = {
    let mut t = [false; 256];
    t[b':' as usize] = true;
    t[b'.' as usize] = true;
    t[b'\'' as usize] = true;
    t[b',' as usize] = true;
    t[b';' as usize] = true;
    t
};

/// The first byte at or after `j` that is not a word character (or the
/// end). Eight bytes at a time ([`word_bytes`]): words are five bytes
/// long on average, so one step finds the end of most, where a byte loop
/// took a load, a look-up and two branches per byte.
#[inline]
fn run_end(b: &[u8], mut j: usize) -> usize {
    while let Some(chunk) = b.get(j..).and_then(<[u8]>::first_chunk::<8>) {
        let other = !word_bytes(u64::from_le_bytes(*chunk)) & HIGH;
        if other != 0 {
            return j + (other.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    while j < b.len() && is_word_char(b[j]) {
        j += 1;
    }
    j
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// `v` in every byte of a `u64`.
const fn splat(v: u8) -> u64 {
    0x0101_0101_0101_0101 * v as u64
}

/// Bit 7 of each byte of `x` set when that byte is a word character
/// (`[A-Za-z0-9_]`, as [`is_word_char`]), all other bits clear. On the low
/// seven bits of each byte, `v + (0x80 - lo)` reaches bit 7 when `v >= lo`
/// and `v + (0x7F - hi)` when `v > hi`, without a carry into the next byte;
/// bytes with bit 7 set are none of these.
#[inline]
fn word_bytes(x: u64) -> u64 {
    let low = x & !HIGH;
    let in_range = |v: u64, lo: u8, hi: u8| (v + splat(0x80 - lo)) & !(v + splat(0x7F - hi));
    // Setting bit 5 lower-cases the letters and maps no other byte to one.
    let letter = in_range(low | splat(0x20), b'a', b'z');
    let digit = in_range(low, b'0', b'9');
    let underscore = in_range(low, b'_', b'_');
    (letter | digit | underscore) & !x & HIGH
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

#[cfg(test)]
mod tests {
    use super::*;

    fn word_bytes_reference(x: u64) -> u64 {
        let mut m = 0;
        for (k, &c) in x.to_le_bytes().iter().enumerate() {
            if is_word_char(c) {
                m |= 0x80 << (8 * k);
            }
        }
        m
    }

    #[test]
    fn word_bytes_every_byte_in_every_lane() {
        for v in 0..=255u8 {
            for k in 0..8 {
                for fill in [b' ', b'a', b'_', 0xFF, 0x7F, b'Z'] {
                    let mut bytes = [fill; 8];
                    bytes[k] = v;
                    let x = u64::from_le_bytes(bytes);
                    assert_eq!(word_bytes(x), word_bytes_reference(x), "{bytes:?}");
                }
            }
        }
    }

    /// Blocks of the bytes the classes tell apart, and of any bytes.
    fn block() -> impl proptest::strategy::Strategy<Value = [u8; 64]> {
        use proptest::prelude::*;
        let byte = prop_oneof![
            proptest::sample::select(b"aAzZ09_.:',;!?\r\n `@[{/\x00\x7f".to_vec()),
            any::<u8>(),
        ];
        proptest::array::uniform::<_, 64>(byte)
    }

    proptest::proptest! {
        /// The SSE2 masks are those a byte loop makes.
        #[test]
        fn masks_as_by_byte(block in block()) {
            proptest::prop_assert_eq!(masks(&block), masks_by_byte(&block));
        }

        #[test]
        fn word_bytes_as_the_reference(x in proptest::prelude::any::<u64>()) {
            proptest::prop_assert_eq!(word_bytes(x), word_bytes_reference(x));
        }

        /// Runs of word characters found eight bytes at a time end where a
        /// byte loop ends them.
        #[test]
        fn run_end_as_a_byte_loop(
            text in "[a-zA-Z0-9_ .,'\u{e9}£-]{0,40}",
            from in 0usize..40,
        ) {
            let b = text.as_bytes();
            let j = from.min(b.len());
            let want = j + b[j..].iter().take_while(|&&c| is_word_char(c)).count();
            proptest::prop_assert_eq!(run_end(b, j), want);
        }
    }
}
