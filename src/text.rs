//! Text helpers shared by the stages: typographic normalization with an
//! offset map back into the original text, and byte → character offsets.
//!
//! Stages work on a normalized copy in which typographic quotes, dashes and
//! odd spaces are plain ASCII, so that one pattern covers every spelling. The
//! copy keeps a map so that every span still points into the original text.

/// The normalized text of a document and the way back to the original.
#[derive(Debug, Clone)]
pub struct NormText {
    /// Normalized text; all offsets used by the stages are bytes into it.
    pub text: String,
    /// The way back, sparse: `(from, delta)` says that normalized byte
    /// offsets from `from` on (up to the next entry) are `delta` bytes short
    /// of their original offsets. An entry is made only where a replacement
    /// shortened the text, so the map costs nothing per byte (a byte-wise
    /// map was four bytes per byte of text: a quarter of a long document's
    /// memory). `None` when nothing was replaced.
    map: Option<Vec<(u32, u32)>>,
}

/// The ASCII stand-in of a typographic character, if it has one.
fn plain(c: char) -> Option<char> {
    Some(match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{02BB}' | '`' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{200A}' | '\u{202F}' | '\u{2002}'
        | '\u{2003}' | '\u{3000}' => ' ',
        _ => return None,
    })
}

/// Does `text` hold a character that [`plain`] replaces? Pure ASCII text
/// is left as it is (its backticks included); otherwise the backtick and
/// the characters that start with a lead byte of a replaced character are
/// looked at (found by `memchr`, many bytes at a time), without decoding
/// the rest.
fn needs_plain(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let b = text.as_bytes();
    if memchr::memchr(b'`', b).is_some() {
        return true;
    }
    // These are lead bytes, so each position starts a character.
    let [l1, l2, l3, l4, l5] = PLAIN_LEAD_BYTES;
    memchr::memchr3_iter(l1, l2, l3, b)
        .chain(memchr::memchr2_iter(l4, l5, b))
        .any(|p| text[p..].chars().next().and_then(plain).is_some())
}

/// The first UTF-8 byte of every non-ASCII character that [`plain`]
/// replaces (checked over all characters by a test).
const PLAIN_LEAD_BYTES: [u8; 5] = [0xC2, 0xCA, 0xE2, 0xE3, 0xEF];

impl NormText {
    /// Normalizes `original`. Cost is one pass; no copy of the map is made for
    /// texts that need no replacement (the common case for wire text).
    pub fn new(original: &str) -> NormText {
        if !needs_plain(original) {
            return NormText {
                text: original.to_string(),
                map: None,
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut map: Vec<(u32, u32)> = Vec::new();
        let b = original.as_bytes();
        // The text is copied a run at a time between the characters that
        // may be replaced (non-ASCII ones and the backtick).
        let mut copied = 0;
        let mut i = 0;
        while let Some(k) = b[i..].iter().position(|&c| c >= 0x80 || c == b'`') {
            let p = i + k;
            let Some(c) = original[p..].chars().next() else {
                break;
            };
            if let Some(r) = plain(c) {
                text.push_str(&original[copied..p]);
                text.push(r);
                copied = p + c.len_utf8();
                // From the next normalized byte on, the original is this
                // much further on (a multi-byte character became one byte).
                let delta = (copied - text.len()) as u32;
                if map.last().map_or(0, |&(_, d)| d) != delta {
                    map.push((text.len() as u32, delta));
                }
            }
            i = p + c.len_utf8();
        }
        text.push_str(&original[copied..]);
        NormText {
            text,
            map: Some(map),
        }
    }

    /// The original byte offset of normalized byte offset `i`.
    pub fn to_original(&self, i: usize) -> usize {
        match &self.map {
            Some(map) if i <= self.text.len() => {
                let k = map.partition_point(|&(from, _)| from as usize <= i);
                i + k.checked_sub(1).map_or(0, |k| map[k].1 as usize)
            }
            _ => i,
        }
    }
}

/// Converts byte offsets of one text to character offsets (Unicode scalar
/// values), as the contract asks. Pure-ASCII texts convert for free; others
/// keep a character count every 256 bytes and count the rest.
pub struct CharIndex<'a> {
    text: &'a str,
    blocks: Option<Vec<u32>>,
}

const BLOCK: usize = 256;

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex { text, blocks: None };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut count = 0u32;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += (chunk.len() - continuation_bytes(chunk)) as u32;
        }
        blocks.push(count); // the end of a text whose length is a multiple of BLOCK
        CharIndex {
            text,
            blocks: Some(blocks),
        }
    }

    /// Character offset of byte offset `i` (which must be a char boundary).
    pub fn chars(&self, i: usize) -> usize {
        let Some(blocks) = &self.blocks else { return i };
        let i = i.min(self.text.len());
        let b = i / BLOCK;
        let base = blocks.get(b).copied().unwrap_or(0) as usize;
        let start = b * BLOCK;
        base + (i - start) - continuation_bytes(&self.text.as_bytes()[start..i])
    }
}

/// The bytes of `bytes` that continue a character (`10xxxxxx`): the
/// characters are the other bytes. Eight bytes at a time: bit 7 set and
/// bit 6 clear, counted in the bytes of a `u64` and summed every 16 words
/// (at most 16 in a byte, 128 in all, so the sum fits in the top byte).
fn continuation_bytes(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut count = 0;
    for group in words.chunks(16) {
        let mut lanes = 0u64;
        for w in group {
            let x = u64::from_le_bytes(*w);
            lanes += (x & !(x << 1) & HIGH) >> 7;
        }
        count += (lanes.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    count + rest.iter().filter(|&&b| b & 0xC0 == 0x80).count()
}

/// True for characters that can be part of a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `text[i..]` starts a word boundary on the left side, i.e. the
/// character before `i` (if any) is not a word character.
pub fn boundary_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// The ASCII letters and digits.
static ASCII_ALNUM: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Maximal runs of alphanumeric characters and of the ASCII `joiners`
/// (`'-'`, an apostrophe...) in a text, as byte spans: the words of the
/// word-level rules. ASCII bytes are classified without decoding, which is
/// most of news text; other characters are decoded.
pub struct WordRuns<'a> {
    text: &'a str,
    at: usize,
    /// Whether each ASCII byte belongs to a word: one load per byte (a
    /// shift of a 128-bit mask took several instructions).
    ascii: [bool; 128],
}

impl<'a> WordRuns<'a> {
    pub fn new(text: &'a str, joiners: &'static [u8]) -> WordRuns<'a> {
        let mut ascii = ASCII_ALNUM;
        for &b in joiners {
            if let Some(t) = ascii.get_mut(usize::from(b)) {
                *t = true;
            }
        }
        WordRuns { text, at: 0, ascii }
    }

    /// The first byte at or after `i` whose character belongs to a word
    /// (`word`) or does not (the text's length if none). ASCII bytes are
    /// tested inline; `class_at` decodes the rest.
    // Inlined into both calls so that each gets its own loop with `word`
    // a constant (2.7 % more instructions per document otherwise).
    #[inline(always)]
    fn first(&self, mut i: usize, word: bool) -> usize {
        let b = self.text.as_bytes();
        while i < b.len() {
            if let Some(&is_word) = self.ascii.get(usize::from(b[i])) {
                if is_word == word {
                    break;
                }
                i += 1;
                continue;
            }
            let (is_word, len) = self.class_at(i);
            if is_word == word {
                break;
            }
            i += len;
        }
        i
    }

    /// Whether the non-ASCII character at byte `i` belongs to a word, and
    /// its length.
    #[inline]
    fn class_at(&self, i: usize) -> (bool, usize) {
        self.text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
    }
}

impl Iterator for WordRuns<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let start = self.first(self.at, true);
        if start >= self.text.len() {
            self.at = self.text.len();
            return None;
        }
        // The next search starts on the character after the word, which
        // may be wider than a byte.
        self.at = self.first(start, false);
        Some((start, self.at))
    }
}

/// True when the character at `i` (if any) is not a word character.
pub fn boundary_after(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(|c| !is_word_char(c))
}

/// Title-cases a word written in capitals ("ZAVKIZODA" → "Zavkizoda",
/// "NUR-SULTAN" → "Nur-Sultan").
pub fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric() && c != '\'';
    }
    out
}

/// True when every cased letter of `s` is upper case and it has at least two.
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 2
}

#[cfg(test)]
mod tests {

    #[test]
    fn word_runs_split_on_any_other_character() {
        let t = "goal\u{a0}match\u{2014}Ташкент-2 o'clock";
        let runs: Vec<&str> = WordRuns::new(t, b"-").map(|(a, b)| &t[a..b]).collect();
        assert_eq!(runs, ["goal", "match", "Ташкент-2", "o", "clock"]);
        let runs: Vec<&str> = WordRuns::new(t, b"'-").map(|(a, b)| &t[a..b]).collect();
        assert_eq!(runs, ["goal", "match", "Ташкент-2", "o'clock"]);
        assert_eq!(WordRuns::new(" \u{2014} ", b"-").next(), None);
    }

    use super::*;

    #[test]
    fn needs_plain_is_the_character_test() {
        let old = |t: &str| !t.is_ascii() && t.chars().any(|c| plain(c).is_some());
        for t in [
            "",
            "plain ascii `tick`",
            "£5 and é",
            "£5 and `tick`",
            "a \u{2019}quote",
            "Ташкент \u{2014} Баку",
            "Ташкент, Баку",
            "x\u{00A0}y",
            "\u{3000}",
        ] {
            assert_eq!(needs_plain(t), old(t), "{t:?}");
        }
    }

    #[test]
    fn normalizes_and_maps_back() {
        let s = "NIAT \u{201C}Khovar\u{201D}/. heads \u{2014} President";
        let n = NormText::new(s);
        assert_eq!(n.text, "NIAT \"Khovar\"/. heads - President");
        let i = n.text.find("President").unwrap();
        assert_eq!(&s[n.to_original(i)..], "President");
        assert_eq!(n.to_original(n.text.len()), s.len());
    }

    #[test]
    fn plain_lead_bytes_cover_every_replaced_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if plain(c).is_some() && c != '`' {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(PLAIN_LEAD_BYTES.contains(&lead), "{c:?}");
            }
        }
    }

    /// `NormText::new` as it was: a character at a time.
    fn norm_reference(original: &str) -> (String, Option<Vec<u32>>) {
        if original.is_ascii() || !original.chars().any(|c| plain(c).is_some()) {
            return (original.to_string(), None);
        }
        let mut text = String::new();
        let mut map = Vec::new();
        for (i, c) in original.char_indices() {
            match plain(c) {
                Some(p) => {
                    text.push(p);
                    map.push(i as u32);
                }
                None => {
                    text.push(c);
                    for k in 0..c.len_utf8() {
                        map.push((i + k) as u32);
                    }
                }
            }
        }
        map.push(original.len() as u32);
        (text, Some(map))
    }

    proptest::proptest! {
        #[test]
        fn norm_text_as_the_reference(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "`", "\u{201C}", "\u{2019}", "\u{2014}", "\u{a0}", "\u{3000}",
                    "\u{FF0D}", "\u{02BC}", "£", "é", "Ж", "\u{2026}", "\u{1F600}", "\u{FE58}",
                ]),
                0..24,
            )
        ) {
            let t = parts.concat();
            let n = NormText::new(&t);
            let (text, map) = norm_reference(&t);
            proptest::prop_assert_eq!(&n.text, &text);
            proptest::prop_assert_eq!(n.map.is_some(), map.is_some());
            for (i, &o) in map.iter().flatten().enumerate() {
                proptest::prop_assert_eq!(n.to_original(i), o as usize, "byte {}", i);
            }
        }

        #[test]
        fn char_index_counts_characters(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "Ж", "\u{2014}", "\u{1F600}", " ", "bcdefgh"]),
                0..300,
            ),
            at in 0usize..2000,
        ) {
            let t = parts.concat();
            let mut i = at.min(t.len());
            while !t.is_char_boundary(i) {
                i -= 1;
            }
            proptest::prop_assert_eq!(CharIndex::new(&t).chars(i), t[..i].chars().count());
        }

        /// Word runs as the characters give them.
        #[test]
        fn word_runs_as_the_characters(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", "7", " ", "-", "'", "_", ".", "é", "\u{a0}", "\u{2014}", "Ж", "\u{2160}", "ß",
                ]),
                0..30,
            ),
            joiners in proptest::sample::select(vec![&b""[..], &b"-"[..], &b"'-"[..]]),
        ) {
            let t = parts.concat();
            let belongs = |c: char| c.is_alphanumeric() || (c.is_ascii() && joiners.contains(&(c as u8)));
            let mut want = Vec::new();
            let mut start = None;
            for (i, c) in t.char_indices() {
                match (belongs(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        want.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            if let Some(s) = start {
                want.push((s, t.len()));
            }
            let got: Vec<(usize, usize)> = WordRuns::new(&t, joiners).collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn char_offsets() {
        let s = "Душанбе and Baku";
        let ci = CharIndex::new(s);
        assert_eq!(ci.chars(s.find("Baku").unwrap()), 12);
        let long = "é".repeat(300) + "x";
        let ci = CharIndex::new(&long);
        assert_eq!(ci.chars(long.len() - 1), 300);
    }

    #[test]
    fn casing() {
        assert_eq!(title_case("NUR-SULTAN"), "Nur-Sultan");
        assert_eq!(title_case("O'SH"), "O'sh");
        assert!(is_all_caps("DUSHANBE"));
        assert!(!is_all_caps("Dushanbe"));
    }
}
