//! Stage 3, segment: sentences and words with `unicode-segmentation` (and
//! its rules written out for ASCII text in [`ascii`], which is most text and
//! much faster), as byte spans of the normalized text (converted to
//! characters on output).
//!
//! UAX #29 ends a sentence after any full stop followed by a space and a
//! capital, so abbreviations ("Mr.", "Jan.", "U.S.", "H.E.") and initials
//! ("A. Karimov") are glued back to the sentence they belong to.

pub mod ascii;

use unicode_segmentation::UnicodeSegmentation;

use crate::clean::{Article, ZoneKind};

/// A sentence; `body` is false for header sentences (headline, dateline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub body: bool,
    /// Range of this sentence's words in `Segmented::words`.
    pub words: (u32, u32),
}

/// A word: a span that starts with a letter or digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
    pub words: Vec<Word>,
}

impl Segmented {
    /// The words of sentence `s`.
    pub fn words_of(&self, s: &Sentence) -> &[Word] {
        &self.words[s.words.0 as usize..s.words.1 as usize]
    }

    /// Index of the sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        (i < self.sentences.len() && self.sentences[i].start <= pos).then_some(i)
    }
}

/// Words that end with a full stop without ending the sentence (the
/// word lower-cased). A `match` on the string: one length test and a few
/// comparisons, where a search of a list compared with every entry.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "st"
            | "no"
            | "nos"
            | "vs"
            | "etc"
            | "inc"
            | "ltd"
            | "co"
            | "corp"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "gen"
            | "col"
            | "lt"
            | "sgt"
            | "capt"
            | "maj"
            | "gov"
            | "sen"
            | "rep"
            | "amb"
            | "hon"
            | "jr"
            | "sr"
            | "approx"
            | "dept"
            | "univ"
            | "art"
            | "para"
            | "vol"
            | "pp"
            | "fig"
            | "est"
            | "mt"
            | "ft"
            | "rev"
            | "messrs"
            | "h.e"
            | "u.s"
            | "u.k"
            | "u.n"
            | "e.u"
            | "u.s.a"
            | "a.m"
            | "p.m"
            | "i.e"
            | "e.g"
    )
}

/// True when the sentence piece ends with a word that does not end a
/// sentence: an abbreviation or a single-letter initial.
///
/// [`ends_with_abbreviation_chars`] on the bytes, for the common case of an
/// ASCII ending: a piece whose last byte (before white space) is not a full
/// stop is ruled out by one compare, and the word before the stop is looked
/// for in at most seven bytes, since a longer one is no abbreviation. Any
/// non-ASCII byte on the way (which may be white space) leaves the piece to
/// the character-wise form.
fn ends_with_abbreviation(piece: &str) -> bool {
    let b = piece.as_bytes();
    // `char::is_whitespace` on ASCII.
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let mut k = b.len();
    while k > 0 && space(b[k - 1]) {
        k -= 1;
    }
    match k.checked_sub(1).map(|j| b[j]) {
        Some(b'.') => {}
        Some(0x80..) => return ends_with_abbreviation_chars(piece),
        _ => return false,
    }
    let body = &b[..k - 1];
    let mut s = body.len();
    while s > 0 {
        let c = body[s - 1];
        if c >= 0x80 {
            return ends_with_abbreviation_chars(piece);
        }
        if space(c) || matches!(c, b'(' | b'"' | b',') {
            break;
        }
        if body.len() - s == 6 {
            // Seven bytes: too long.
            return false;
        }
        s -= 1;
    }
    let word = &body[s..];
    match word {
        [] => false,
        [c] => c.is_ascii_uppercase(),
        _ if word
            .split(|&c| c == b'.')
            .all(|p| matches!(p, [c] if c.is_ascii_uppercase())) =>
        {
            true
        }
        _ => {
            let mut lower = [0u8; 6];
            let lower = &mut lower[..word.len()];
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            std::str::from_utf8(lower).is_ok_and(is_abbreviation)
        }
    }
}

/// [`ends_with_abbreviation`] a character at a time, for any text.
fn ends_with_abbreviation_chars(piece: &str) -> bool {
    let t = piece.trim_end();
    let Some(body) = t.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == ',')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    // Initials: "A." or "A.B." (a capital letter alone before the stop).
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // No abbreviation and no run of initials is longer than six bytes, and
    // most sentences end with a longer word.
    if word.len() > 6 {
        return false;
    }
    if word
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
    {
        return true;
    }
    crate::recognize::names::with_lowercase(word, is_abbreviation)
}

/// UAX #29 sentence spans of `text`. A line end always ends a sentence
/// and nothing after it changes a boundary before it (rules SB4, SB8,
/// SB11), so each line is segmented alone: by the ASCII rules when they
/// handle it ([`ascii::handles`]), else by `unicode-segmentation`.
pub fn sentence_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if ascii::handles(line) {
            for (a, b) in ascii::sentences(line) {
                out.push((line_start + a, line_start + b));
            }
        } else {
            for (off, piece) in line.split_sentence_bound_indices() {
                out.push((line_start + off, line_start + off + piece.len()));
            }
        }
        line_start += line.len();
    }
    out
}

/// Splits every zone of the article into sentences and words.
///
/// Line by line: a line end always ends a sentence and sentences joined
/// after an abbreviation never cross one. A line that the ASCII rules
/// handle is scanned once for its sentence ends and words
/// ([`ascii::sentences_and_words`]); any other line goes through
/// `unicode-segmentation`.
pub fn segment(article: &Article) -> Segmented {
    let text = article.text();
    // About one word per six bytes of news text and a sentence per 130:
    // room for most documents without growing.
    let mut out = Segmented {
        sentences: Vec::with_capacity(text.len() / 100 + 4),
        words: Vec::with_capacity(text.len() / 5 + 16),
    };
    // The ends of the sentence spans of a line, each with the number of
    // the line's words that start before it.
    let mut ends: Vec<(usize, u32)> = Vec::new();
    for zone in &article.zones {
        let body = zone.kind == ZoneKind::Body;
        let ztext = &text[zone.start..zone.end];
        let mut line_start = 0;
        while line_start < ztext.len() {
            let line_end = memchr::memchr(b'\n', &ztext.as_bytes()[line_start..])
                .map_or(ztext.len(), |k| line_start + k + 1);
            let line = &ztext[line_start..line_end];
            let base = zone.start + line_start;
            line_start = line_end;
            let first_word = out.words.len();
            ends.clear();
            let words = &mut out.words;
            let fast = ascii::sentences_and_words(line, &mut ends, |a, b| {
                words.push(Word {
                    start: base + a,
                    end: base + b,
                })
            });
            if fast {
                // The words of a sentence are the line's words that start
                // in it, counted at its end.
                let mut first = first_word as u32;
                each_joined_piece(line, &ends, |a, b, before| {
                    let last = first_word as u32 + before;
                    let words = (first, last);
                    first = last;
                    let Some((s, e)) = trim_ascii_space(line, a, b) else {
                        return;
                    };
                    out.sentences.push(Sentence {
                        start: base + s,
                        end: base + e,
                        body,
                        words,
                    });
                });
            } else {
                out.words.truncate(first_word);
                ends.clear();
                ends.extend(
                    line.split_sentence_bound_indices()
                        .map(|(off, piece)| (off + piece.len(), 0)),
                );
                each_joined_piece(line, &ends, |a, b, _| {
                    let raw = &line[a..b];
                    let trimmed = raw.trim();
                    if trimmed.is_empty() {
                        return;
                    }
                    let s = base + a + (raw.len() - raw.trim_start().len());
                    let e = s + trimmed.len();
                    let first = out.words.len() as u32;
                    for (off, w) in trimmed.split_word_bound_indices() {
                        if w.chars().next().is_some_and(char::is_alphanumeric) {
                            out.words.push(Word {
                                start: s + off,
                                end: s + off + w.len(),
                            });
                        }
                    }
                    out.sentences.push(Sentence {
                        start: s,
                        end: e,
                        body,
                        words: (first, out.words.len() as u32),
                    });
                });
            }
        }
    }
    out
}

/// `line[a..b].trim()` as a span of `line`, or None when it is empty, for
/// a line that [`ascii::handles`]: its only white space is ASCII (`\t` to
/// `\r` and the space, `char::is_whitespace` on ASCII).
fn trim_ascii_space(line: &str, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    let t = line.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    while b > a && space(t[b - 1]) {
        b -= 1;
    }
    if a == b {
        return None;
    }
    while space(t[a]) {
        a += 1;
    }
    Some((a, b))
}

/// The sentences of a line from the ends of its sentence spans (which
/// cover it): a span that ends with an abbreviation joins the next one,
/// unless it ends the line.
fn each_joined_piece(line: &str, ends: &[(usize, u32)], mut f: impl FnMut(usize, usize, u32)) {
    let mut start = 0;
    let mut prev = 0;
    for &(end, count) in ends {
        let piece = &line[prev..end];
        prev = end;
        if ends_with_abbreviation(piece) && !piece.ends_with('\n') {
            continue;
        }
        f(start, end, count);
        start = end;
    }
    if start < line.len() {
        f(start, line.len(), ends.last().map_or(0, |e| e.1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::Zone;
    use crate::text::NormText;
    use proptest::prelude::*;

    /// `segment` as it was: sentence spans zone by zone, joined after
    /// abbreviations, trimmed, then the words of each sentence on its own.
    fn segment_reference(article: &Article) -> Segmented {
        let text = article.text();
        let mut out = Segmented::default();
        for zone in &article.zones {
            let ztext = &text[zone.start..zone.end];
            let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
            let mut cur: Option<(usize, usize, bool)> = None;
            let mut line_start = 0;
            let mut bounds = Vec::new();
            for line in ztext.split_inclusive('\n') {
                if ascii::handles(line) {
                    for (a, b) in ascii::sentences(line) {
                        bounds.push((line_start + a, line_start + b, true));
                    }
                } else {
                    for (off, piece) in line.split_sentence_bound_indices() {
                        bounds.push((line_start + off, line_start + off + piece.len(), false));
                    }
                }
                line_start += line.len();
            }
            for (off, off_end, handled) in bounds {
                let piece = &ztext[off..off_end];
                let (s, e) = (zone.start + off, zone.start + off_end);
                let joined = match cur {
                    Some((a, _, _)) => (a, e, handled),
                    None => (s, e, handled),
                };
                if ends_with_abbreviation(piece) && !piece.ends_with('\n') {
                    cur = Some(joined);
                } else {
                    pieces.push(joined);
                    cur = None;
                }
            }
            if let Some(p) = cur {
                pieces.push(p);
            }
            for &(s, e, handled) in &pieces {
                let raw = &text[s..e];
                let lead = raw.len() - raw.trim_start().len();
                let trimmed = raw.trim();
                if trimmed.is_empty() {
                    continue;
                }
                let (s, e) = (s + lead, s + lead + trimmed.len());
                let first = out.words.len() as u32;
                if handled {
                    ascii::words(&text[s..e], |a, b| {
                        out.words.push(Word {
                            start: s + a,
                            end: s + b,
                        })
                    });
                } else {
                    for (off, w) in text[s..e].split_word_bound_indices() {
                        if w.chars().next().is_some_and(char::is_alphanumeric) {
                            out.words.push(Word {
                                start: s + off,
                                end: s + off + w.len(),
                            });
                        }
                    }
                }
                out.sentences.push(Sentence {
                    start: s,
                    end: e,
                    body: zone.kind == ZoneKind::Body,
                    words: (first, out.words.len() as u32),
                });
            }
        }
        out
    }

    /// Text made of what the rules tell apart: letters, digits, every kind
    /// of punctuation and space, line ends, abbreviations and initials, the
    /// symbols of the ASCII path and characters that are not for it.
    fn article_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::sample::select(vec!["a", "b", "Z", "Q", "7", "0", "word", "The"]),
                3 => proptest::sample::select(vec![" ", "  ", ". ", "? ", "! ", ".", ".\" "]),
                3 => proptest::sample::select(vec![
                    ".", "!", "?", ",", ";", ":", "-", "'", "\"", "(", ")", "[", "]", "_",
                    "\n", "\r", "\r\n", "\t", "\u{b}", "\u{c}", "#", "/", "\u{1}", "£",
                    "€", "¥", "°",
                ]),
                2 => proptest::sample::select(vec![
                    "Mr. Smith", "U.S. ", "3.5", "1,000", "e.g. x", "O'Brien", "Jan. 5",
                    "A. Karimov", "etc., and", "H.E. ", "MR. X", "end.The", "u.s.a. ",
                    "(Dr. ", "\"Gen. ",
                ]),
                1 => proptest::sample::select(vec![
                    "é", "“Yes.” ", "— ", "Душанбе. ", "\u{a0}", "\u{2029}", "\u{85}",
                    "ß.", "\u{212a}",
                ]),
            ],
            0..48,
        )
        .prop_map(|v| v.concat())
    }

    /// An article of `text` with zones cut at the given fractions of it.
    fn article(text: &str, cuts: &[(u8, bool)]) -> Article {
        let norm = NormText::new(text);
        let t = norm.text.clone();
        let mut at: Vec<(usize, bool)> = cuts
            .iter()
            .map(|&(f, body)| {
                let mut k = t.len() * usize::from(f) / 255;
                while !t.is_char_boundary(k) {
                    k -= 1;
                }
                (k, body)
            })
            .collect();
        at.sort();
        let mut zones = Vec::new();
        let mut prev = 0;
        for (k, body) in at {
            if k > prev {
                zones.push(Zone {
                    start: prev,
                    end: k,
                    kind: if body {
                        ZoneKind::Body
                    } else {
                        ZoneKind::Header
                    },
                });
            }
            prev = k;
        }
        zones.push(Zone {
            start: prev,
            end: t.len(),
            kind: ZoneKind::Body,
        });
        Article {
            norm,
            dateline: None,
            zones,
            anchor: None,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// One pass per line gives the sentences and words of the
        /// sentence-then-words segmentation.
        #[test]
        fn segment_as_the_reference(
            text in article_text(),
            cuts in proptest::collection::vec((any::<u8>(), any::<bool>()), 0..4),
        ) {
            let a = article(&text, &cuts);
            let got = segment(&a);
            let want = segment_reference(&a);
            prop_assert_eq!(&got.sentences, &want.sentences, "{:?}", text);
            prop_assert_eq!(&got.words, &want.words, "{:?}", text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The same on articles of a few hundred bytes: lines of several
        /// 64-byte blocks for the block-at-a-time scan.
        #[test]
        fn segment_as_the_reference_long(
            parts in proptest::collection::vec(article_text(), 1..8),
            cuts in proptest::collection::vec((any::<u8>(), any::<bool>()), 0..4),
        ) {
            let text = parts.concat();
            let a = article(&text, &cuts);
            let got = segment(&a);
            let want = segment_reference(&a);
            prop_assert_eq!(&got.sentences, &want.sentences, "{:?}", text);
            prop_assert_eq!(&got.words, &want.words, "{:?}", text);
        }
    }

    #[test]
    fn segment_examples() {
        for t in [
            "Mr. Karimov met the U.S. envoy at 3.30 p.m. on Monday. Talks went well!\n\"Yes.\" Next.",
            "HEADLINE\nDUSHANBE, 19.12.2024 /NIAT/. The end.The start. £5.5m, 20°C.\r\nЖ. Line.",
            "",
            "\n\n  \n",
        ] {
            let a = article(t, &[(40, false)]);
            assert_eq!(segment(&a).sentences, segment_reference(&a).sentences, "{t:?}");
            assert_eq!(segment(&a).words, segment_reference(&a).words, "{t:?}");
        }
    }

    /// Sentence pieces: text ending with a full stop, white space or
    /// neither, after words of every length and kind.
    fn piece() -> impl Strategy<Value = String> {
        (
            article_text(),
            proptest::sample::select(vec![
                "",
                "Mr",
                "u.s",
                "U.S",
                "A",
                "a",
                "\u{c9}",
                "Ab.C",
                "etc",
                "Approx",
                "approx",
                "messrs",
                "Messrs",
                "MESSRS",
                "xmessrs",
                "\u{212a}",
                "A.\u{212a}",
                "H.E",
                "(Gen",
                "\"Sept",
                ",no",
                "1.2",
                "\u{a0}Dr",
                "\u{2029}St",
                "\u{e9}st",
            ]),
            proptest::sample::select(vec![
                "",
                ".",
                ". ",
                ".\n",
                ".\r\n",
                ". \t\u{b}",
                ".\u{a0}",
                ".\u{2029} ",
                "\u{a0}.",
                " .",
                "..",
                "!",
                ". \u{85}",
            ]),
        )
            .prop_map(|(a, w, e)| a + w + e)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// The byte-wise test gives the character-wise one.
        #[test]
        fn abbreviation_bytes_as_chars(p in piece()) {
            prop_assert_eq!(ends_with_abbreviation(&p), ends_with_abbreviation_chars(&p), "{:?}", p);
        }
    }

    #[test]
    fn abbreviations_and_initials() {
        assert!(ends_with_abbreviation("met Mr. "));
        assert!(ends_with_abbreviation("Deputy Minister A. "));
        assert!(ends_with_abbreviation("the U.S. "));
        assert!(ends_with_abbreviation("on Jan. "));
        assert!(!ends_with_abbreviation("in Dushanbe. "));
        assert!(!ends_with_abbreviation("in 2024. "));
    }
}
