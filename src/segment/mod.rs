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

/// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen",
    "col", "lt", "sgt", "capt", "maj", "gov", "sen", "rep", "amb", "hon", "jr", "sr", "approx",
    "dept", "univ", "art", "para", "vol", "pp", "fig", "est", "mt", "ft", "rev", "messrs", "h.e",
    "u.s", "u.k", "u.n", "e.u", "u.s.a", "a.m", "p.m", "i.e", "e.g",
];

/// True when the sentence piece ends with a word that does not end a
/// sentence: an abbreviation or a single-letter initial.
fn ends_with_abbreviation(piece: &str) -> bool {
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
    crate::recognize::names::with_lowercase(word, |w| ABBREVIATIONS.contains(&w))
}

/// UAX #29 sentence spans of `text`. A line end always ends a sentence
/// and nothing after it changes a boundary before it (rules SB4, SB8,
/// SB11), so each line is segmented alone: by the ASCII rules when they
/// handle it ([`ascii::handles`]), else by `unicode-segmentation`.
pub fn sentence_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    each_sentence_bound(text, |a, b, _| out.push((a, b)));
    out
}

/// The spans of [`sentence_bounds`], each with whether the ASCII rules
/// handle its line (and so the span itself).
fn each_sentence_bound(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if ascii::handles(line) {
            for (a, b) in ascii::sentences(line) {
                f(line_start + a, line_start + b, true);
            }
        } else {
            for (off, piece) in line.split_sentence_bound_indices() {
                f(line_start + off, line_start + off + piece.len(), false);
            }
        }
        line_start += line.len();
    }
}

/// Splits every zone of the article into sentences and words.
pub fn segment(article: &Article) -> Segmented {
    let text = article.text();
    let mut out = Segmented::default();
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    for zone in &article.zones {
        let ztext = &text[zone.start..zone.end];
        // Pieces joined after an abbreviation never cross a line end, so
        // a piece's line tells whether the ASCII rules handle it.
        let mut cur: Option<(usize, usize, bool)> = None;
        pieces.clear();
        each_sentence_bound(ztext, |off, off_end, handled| {
            let piece = &ztext[off..off_end];
            let s = zone.start + off;
            let e = s + piece.len();
            let joined = match cur {
                Some((a, _, _)) => (a, e, handled),
                None => (s, e, handled),
            };
            // A break inside a line after an abbreviation is not a break;
            // a line end always is.
            if ends_with_abbreviation(piece) && !piece.ends_with('\n') {
                cur = Some(joined);
            } else {
                pieces.push(joined);
                cur = None;
            }
        });
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
            let stext = &text[s..e];
            if handled {
                // Only ASCII letters and digits start a word here (a symbol
                // the fast path takes is not alphanumeric).
                ascii::words(stext, |a, b| {
                    out.words.push(Word {
                        start: s + a,
                        end: s + b,
                    })
                });
            } else {
                for (off, w) in stext.split_word_bound_indices() {
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

#[cfg(test)]
mod tests {
    use super::*;

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
