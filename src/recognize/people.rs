//! People that no gazetteer lists, found by title and name shape, and every
//! later mention of a person (surname alone, initial and surname) resolved
//! to one canonical full name per document.
//!
//! Titles come first: "Minister of Economic Development and Trade of the
//! Republic of Tajikistan Zavki Zavkizoda" is a TITLE head from the
//! gazetteer, extended over "of <capitalized words> of <country>", with the
//! name at the end of the run. The title's country is the person's party.

use super::names::{
    has_surname_suffix, is_award_after, is_capitalized, is_honorific, is_not_name, is_patronymic,
    is_work_after, is_work_before, key_letters, may_key_to, split_glued_initial, translit_key_into,
    with_lowercase, FastMap, FastSet, KeyScratch,
};
use std::borrow::Cow;

use crate::gazetteer::Gazetteer;
use crate::mention::{gallop, Label, Mention, Source};
use crate::segment::{Segmented, Word};
use crate::text::{is_all_caps, title_case};

/// The words of a sentence, as the passes of `sentence_people` see them:
/// views into arrays computed once per document (see `recognize`), so that
/// no per-sentence token is built and the sentences without a possible
/// name are skipped after one look at their flags.
#[derive(Clone, Copy)]
struct Toks<'a, 's> {
    text: &'a str,
    words: &'s [Word],
    /// The index of the gazetteer mention covering each word, or `NO_GAZ`.
    gaz: &'s [u32],
    /// The `shape` of each word, with `FREE`, `PERSON` and `TITLE`.
    flags: &'s [u8],
    gm: &'a [Mention],
    /// The indices in the document of the words of the sentence that may
    /// have flags, in order; the others have none.
    hot: &'s [u32],
    /// The index in the document of the sentence's first word.
    base: usize,
}

impl<'a> Toks<'a, '_> {
    fn len(&self) -> usize {
        self.words.len()
    }

    fn start(&self, i: usize) -> usize {
        self.words[i].start
    }

    fn end(&self, i: usize) -> usize {
        self.words[i].end
    }

    fn text(&self, i: usize) -> &'a str {
        let w = self.words[i];
        &self.text[w.start..w.end]
    }

    /// The gazetteer mention covering word `i`, if any.
    fn gaz(&self, i: usize) -> Option<usize> {
        let g = self.gaz[i];
        (g != NO_GAZ).then_some(g as usize)
    }

    /// Do words `i` and `j` have the same covering mention (or none)?
    fn same_gaz(&self, i: usize, j: usize) -> bool {
        self.gaz[i] == self.gaz[j]
    }

    /// The label of the mention covering word `i`.
    fn label(&self, i: usize) -> Option<Label> {
        self.gaz(i).map(|g| self.gm[g].label)
    }

    /// Has word `i` any of `flags`?
    fn has(&self, i: usize, flags: u8) -> bool {
        self.flags[i] & flags != 0
    }

    /// `is_capitalized` of word `i`.
    fn cap(&self, i: usize) -> bool {
        self.has(i, CAP)
    }

    /// Can word `i` be part of a name? A gazetteer mention's if a person's;
    /// else by the word's shape.
    fn nameish(&self, i: usize) -> bool {
        self.has(i, FREE | PERSON)
    }
}

/// What the passes of `recognize` ask of a word's text, computed once per
/// word of the document (a bit set; see `shape`): each word is asked the
/// same questions by the sentence passes and by `resolve`.
const CAP: u8 = 1;
/// `nameish(text, None)`; only known when `shape` was asked for the
/// not-name test.
const NAMEISH: u8 = 2;
/// `is_not_name(text)`; only known for the words that are capitalized,
/// an initial or a glued initial, the only ones asked, and when `shape` was
/// asked for it.
const NOT_NAME: u8 = 4;
/// `split_glued_initial(text).is_some()`.
const GLUED: u8 = 8;
/// What `recognize` adds to a word's shape from the gazetteer mention
/// covering it: no mention covers the word and it is `NAMEISH` (a name by
/// shape may start there).
const FREE: u8 = 16;
/// A gazetteer PERSON covers the word.
const PERSON: u8 = 32;
/// A gazetteer TITLE covers the word.
const TITLE: u8 = 64;
/// A sentence without any word with one of these flags holds no name and
/// no title: each pass of `sentence_people` starts only at such a word.
const HOT: u8 = FREE | PERSON | TITLE;
/// No gazetteer mention covers the word (see `Toks::gaz`).
const NO_GAZ: u32 = u32::MAX;

/// The flags above for one word. The not-name test, the costly one, is
/// only done if `ask_not_name`: it is needed for the words no gazetteer
/// mention covers, or a place covers (see `resolve`).
fn shape(text: &str, ask_not_name: bool) -> u8 {
    let b = text.as_bytes();
    // Most words start with a lower-case ASCII letter: none of the flags.
    let Some(&b0) = b.first() else {
        return 0;
    };
    if b0.is_ascii_lowercase() {
        return 0;
    }
    // One pass over the bytes, without a branch per byte (by table): is
    // the word ASCII, and is every byte a letter, a hyphen or an
    // apostrophe?
    let (high, name) = b.iter().fold((0u8, true), |(high, name), &c| {
        (high | c, name & NAME_BYTE[usize::from(c)])
    });
    let (cap, glued, initial) = if high.is_ascii() {
        // For ASCII, `is_uppercase` and `is_alphabetic` are their ASCII
        // forms, a character is a byte, and a capitalized word has no full
        // stop, so it is no glued initial.
        if !b0.is_ascii_uppercase() {
            return 0;
        }
        // The first byte, a capital, is a name byte.
        let cap = name;
        let glued = !cap && b[1..].starts_with(b".") && b.len() >= 4 && is_capitalized(&text[2..]);
        (cap, glued, b.len() == 1)
    } else {
        if !text.chars().next().is_some_and(char::is_uppercase) {
            return 0;
        }
        (
            is_capitalized(text),
            split_glued_initial(text).is_some(),
            is_initial(text),
        )
    };
    let shaped = cap || glued || initial;
    let not_name = shaped && ask_not_name && is_not_name(text);
    let mut f = 0;
    if cap {
        f |= CAP;
    }
    if glued {
        f |= GLUED;
    }
    if not_name {
        f |= NOT_NAME;
    }
    if shaped && !not_name {
        f |= NAMEISH;
    }
    f
}

/// The bytes of a capitalized ASCII word: letters, hyphen and apostrophe.
const NAME_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphabetic() || c == b'-' || c == b'\'';
        b += 1;
    }
    t
};

/// The shapes of the words of a document, for `resolve`.
struct WordShapes<'s> {
    /// The `shape` of each word of the document.
    shapes: &'s [u8],
    /// The indices of the capitalized words, in order.
    caps: &'s [u32],
}

/// How a person was named at one mention. The names borrow from the text
/// or the gazetteer mentions when they can: only the final mentions own
/// their strings.
#[derive(Clone, Debug, PartialEq)]
enum NameForm<'a> {
    /// Given name(s) and surname, canonical order.
    Full(Cow<'a, str>),
    /// A surname alone ("Karimov", "President Rahmon").
    Surname(Cow<'a, str>),
    /// An initial and a surname ("A. Karimov", "A.Karimov").
    Initial(char, Cow<'a, str>),
}

#[derive(Clone, Debug)]
struct Found<'a> {
    start: usize,
    end: usize,
    form: NameForm<'a>,
    /// Borrowed from a gazetteer mention (the only source of countries).
    country: Option<&'a str>,
    entry: Option<u32>,
}

/// The names found in a document's sentences, in the order found, with
/// the last found at each start and at each end: a title looks back for
/// the name it belongs to by hashing, not by walking all the names found
/// before it (quadratic in a long document: issue #18).
#[derive(Default)]
struct Founds<'a> {
    list: Vec<Found<'a>>,
    last_by_start: FastMap<usize, usize>,
    last_by_end: FastMap<usize, usize>,
}

impl<'a> Founds<'a> {
    fn push(&mut self, f: Found<'a>) {
        let i = self.list.len();
        self.last_by_start.insert(f.start, i);
        self.last_by_end.insert(f.end, i);
        self.list.push(f);
    }

    /// The last name found that starts at byte `start`.
    fn last_starting_at(&mut self, start: usize) -> Option<&mut Found<'a>> {
        let i = *self.last_by_start.get(&start)?;
        self.list.get_mut(i)
    }

    /// The last name found that ends at byte `end`.
    fn last_ending_at(&mut self, end: usize) -> Option<&mut Found<'a>> {
        let i = *self.last_by_end.get(&end)?;
        self.list.get_mut(i)
    }
}

/// Finds titles and people in every sentence. `gaz_mentions` are the
/// gazetteer's matches, sorted and not overlapping. Returns the TITLE and
/// PERSON mentions (gazetteer PERSON matches included, resolved), sorted.
pub fn recognize<'a>(
    text: &'a str,
    seg: &Segmented,
    gaz: &Gazetteer,
    gaz_mentions: &'a [Mention],
) -> Vec<Mention> {
    let mut found = Founds::default();
    let mut titles: Vec<Mention> = Vec::new();
    // Reused across sentences: one allocation per document.
    let mut used: Vec<bool> = Vec::new();
    // Per word of the document, in word order, computed once: the covering
    // gazetteer mention and the flags (`shape` and the mention's kind).
    // `caps`: the indices of the capitalized words, which `resolve` tries
    // as surnames.
    let n = seg.words.len();
    let mut gix: Vec<u32> = vec![NO_GAZ; n];
    let mut flags: Vec<u8> = vec![0; n];
    cover_words(&seg.words, gaz_mentions, &mut gix, &mut flags);
    let hot = hot_words(&seg.words, text.as_bytes(), &flags);
    let caps = shape_words(text, &seg.words, &hot, &gix, gaz_mentions, &mut flags);
    join_particles(text, &seg.words, &caps, &gix, &mut flags);
    // `hot[h..]`: the words of the sentences not yet seen.
    let mut h = 0;
    for sent in &seg.sentences {
        let (a, b) = (sent.words.0 as usize, sent.words.1 as usize);
        let h0 = lower_bound_from(&hot, h, a);
        h = lower_bound_from(&hot, h0, b);
        let shot = &hot[h0..h];
        // The flags any word of the sentence has (the others have none),
        // which tells which passes have anything to do.
        let any = shot.iter().fold(0, |acc, &i| acc | flags[i as usize]);
        if any & HOT == 0 {
            continue;
        }
        let toks = Toks {
            text,
            words: &seg.words[a..b],
            gaz: &gix[a..b],
            flags: &flags[a..b],
            gm: gaz_mentions,
            hot: shot,
            base: a,
        };
        sentence_people(toks, any, gaz, &mut used, &mut found, &mut titles);
    }
    let words = WordShapes {
        shapes: &flags,
        caps: &caps,
    };
    resolve(text, seg, words, gaz, gaz_mentions, found.list, titles)
}

/// May `shape` give a word that starts with byte `b` a flag? Not if `b` is
/// ASCII and no capital (most words: a lower-case letter or a digit).
fn may_shape(b: u8) -> bool {
    !b.is_ascii() | b.is_ascii_uppercase()
}

/// `may_shape` of each byte, as 0 or 1.
const MAY_SHAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b >= 0x80 || (b as u8).is_ascii_uppercase()) as u8;
        b += 1;
    }
    t
};

/// The indices of the words that may have a flag, in order: those a
/// person or title covers (their `flags` so far), and those `shape` may
/// give one (see `may_shape`). Most words have none; they are collected
/// without a branch per word, which would be mispredicted at every
/// capital. Not inlined: in a function of its own the loop keeps its
/// values in registers.
#[inline(never)]
fn hot_words(words: &[Word], bytes: &[u8], flags: &[u8]) -> Vec<u32> {
    let mut hot = vec![0u32; words.len()];
    let mut k = 0;
    for (i, (w, &f)) in words.iter().zip(flags).enumerate() {
        let b = bytes.get(w.start).map_or(0, |&b| MAY_SHAPE[usize::from(b)]);
        if let Some(h) = hot.get_mut(k) {
            // A document has far fewer than 2^32 words.
            *h = i as u32;
        }
        k += usize::from(b | f != 0);
    }
    hot.truncate(k);
    hot
}

/// Adds to `flags` the `shape` of the `hot` words that start with a byte
/// `may_shape`, and `FREE` to those no mention covers that may start a
/// name. Returns the indices of the capitalized words, in order.
#[inline(never)]
fn shape_words(
    text: &str,
    words: &[Word],
    hot: &[u32],
    gix: &[u32],
    gm: &[Mention],
    flags: &mut [u8],
) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut caps: Vec<u32> = Vec::new();
    for &i in hot {
        let (i, w) = (i as usize, words[i as usize]);
        if !bytes.get(w.start).is_some_and(|&b| may_shape(b)) {
            continue;
        }
        let label = (gix[i] != NO_GAZ).then(|| gm[gix[i] as usize].label);
        // The not-name test is needed for the words no gazetteer mention
        // covers, or a place covers (see `resolve`).
        let s = shape(
            &text[w.start..w.end],
            label.is_none_or(|l| l == Label::Place),
        );
        if s & CAP != 0 {
            caps.push(i as u32);
        }
        flags[i] |= s;
        if label.is_none() && s & NAMEISH != 0 {
            flags[i] |= FREE;
        }
    }
    caps
}

/// Lower-case words that stand inside a name between capitalized ones:
/// "Mohammed bin Salman", "Ursula von der Leyen", "Bashar al-Assad",
/// "Juan de la Fuente".
const PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "von", "van", "der", "den", "de", "da", "dos", "das", "du",
    "la", "le", "ter", "zu",
];

/// Is `w` a name particle, in any case ("Al Nahyan", "al-Assad")?
fn is_particle(w: &str) -> bool {
    w.len() <= 4 && PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w))
}

/// Marks as name words (capitalized, free) the particles between two
/// capitalized words no gazetteer mention covers but a name's ("bin" in
/// "Abdullah bin Zayed"), and the lower-case second half of a hyphenated
/// given name after two name words ("Cho Tae-yul", "Kim Jong-un"): the
/// name passes then read the name whole. One look after each capitalized
/// word.
fn join_particles(text: &str, words: &[Word], caps: &[u32], gix: &[u32], flags: &mut [u8]) {
    let gap = |a: usize, b: usize| &text[words[a].end..words[b].start];
    let free = |i: usize, flags: &[u8]| flags[i] & (FREE | PERSON) != 0;
    for &c in caps {
        let c = c as usize;
        if !free(c, flags) {
            continue;
        }
        // Up to two particles, then a capitalized name word.
        let mut k = c + 1;
        while k < words.len()
            && k - c <= 2
            && matches!(gap(k - 1, k), " " | "-")
            && is_particle(&text[words[k].start..words[k].end])
        {
            k += 1;
        }
        if k > c + 1
            && k < words.len()
            && matches!(gap(k - 1, k), " " | "-")
            && flags[k] & CAP != 0
            && free(k, flags)
        {
            for f in &mut flags[c + 1..k] {
                *f |= CAP | NAMEISH | FREE;
            }
            continue;
        }
        // "Cho Tae-yul": a capitalized name word, another, a hyphen and a
        // short lower-case word.
        let next = c + 1;
        if next + 1 < words.len()
            && gap(c, next) == " "
            && flags[next] & CAP != 0
            && free(next, flags)
            && gap(next, next + 1) == "-"
            && gix[next + 1] == NO_GAZ
        {
            let w = &text[words[next + 1].start..words[next + 1].end];
            if (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()) {
                flags[next + 1] |= CAP | NAMEISH | FREE;
            }
        }
    }
}

/// The first index of sorted `hot` at or after `from` whose value is at
/// least `x`: a walk from `from` when `x` is past `hot[from - 1]` (the
/// sentences come in order), else a search.
fn lower_bound_from(hot: &[u32], from: usize, x: usize) -> usize {
    if from > 0 && hot.get(from - 1).is_none_or(|&v| v as usize >= x) {
        return hot.partition_point(|&v| (v as usize) < x);
    }
    let mut i = from;
    while i < hot.len() && (hot[i] as usize) < x {
        i += 1;
    }
    i
}

/// For each word a gazetteer mention covers (see `MentionCursor::covering`
/// of the word's start), sets `gix` to the mention and `flags` to `PERSON`
/// or `TITLE` by its label. `words` are in text order.
fn cover_words(words: &[Word], gm: &[Mention], gix: &mut [u32], flags: &mut [u8]) {
    let mut set = |i: usize, g: usize| {
        // A document has far fewer than `NO_GAZ` mentions.
        gix[i] = g as u32;
        flags[i] = match gm[g].label {
            Label::Person => PERSON,
            Label::Title => TITLE,
            _ => 0,
        };
    };
    // Sorted and not overlapping (as the gazetteer's matches are): a word
    // is covered by the one mention its start is in, and each mention's
    // words are found by a search, not by a look at every word.
    if gm.iter().all(|m| m.start <= m.end) && gm.windows(2).all(|p| p[0].end <= p[1].start) {
        let mut lo = 0;
        for (g, m) in gm.iter().enumerate() {
            // The next mention's words are a few words on: a search from
            // here, not over all the rest of a long document's words.
            let a = lo + gallop(&words[lo..], |w| w.start < m.start);
            let b = a + gallop(&words[a..], |w| w.start < m.end);
            for i in a..b {
                set(i, g);
            }
            lo = b;
        }
        return;
    }
    let mut cursor = MentionCursor::new(gm);
    for (i, w) in words.iter().enumerate() {
        if let Some(g) = cursor.covering(w.start) {
            set(i, g);
        }
    }
}

/// For each cluster (`keys`: spelling keys of full names, and their
/// cluster), the cluster it stands for: the one longer name that starts
/// with its words and is named before it (`first`: each cluster's first
/// full mention), when its key has two words or more and exactly one other
/// key extends it; else itself. Sorted keys put the extensions of a key
/// right after it, so this is a search per key, not a comparison of every
/// pair (a document may name thousands of people).
fn longer_names(keys: &[(&str, usize)], first: &[usize]) -> Vec<usize> {
    let mut sorted: Vec<(&str, usize)> = keys.to_vec();
    sorted.sort_unstable();
    let n = keys.iter().map(|&(_, c)| c + 1).max().unwrap_or(0);
    let mut out: Vec<usize> = (0..n).collect();
    for &(key, c) in keys {
        if !key.contains(' ') {
            continue;
        }
        let extends = |k: &str| {
            k.len() > key.len() + 1 && k.starts_with(key) && k.as_bytes()[key.len()] == b' '
        };
        let at = sorted.partition_point(|&(k, _)| k <= key);
        let mut ext = sorted[at..]
            .iter()
            .take_while(|&&(k, _)| k.starts_with(key))
            .filter(|&&(k, _)| extends(k));
        if let (Some(&(_, longer)), None) = (ext.next(), ext.next()) {
            if first.get(longer) < first.get(c) {
                out[c] = longer;
            }
        }
    }
    out
}

/// Finds the mention covering a byte, for bytes asked in increasing order
/// (the words of a document): a cursor walks the sorted, non-overlapping
/// mentions once instead of a binary search per word.
struct MentionCursor<'m> {
    mentions: &'m [Mention],
    next: usize,
    /// No mention covers the bytes `lo..bound`: the answer for most words,
    /// given there without looking at the mentions.
    lo: usize,
    bound: usize,
}

impl<'m> MentionCursor<'m> {
    fn new(mentions: &'m [Mention]) -> Self {
        MentionCursor {
            mentions,
            next: 0,
            lo: 0,
            bound: 0,
        }
    }

    /// Index of the mention covering byte `pos`, if any. Same answer as a
    /// `partition_point` over the mentions' ends; a `pos` lower than the
    /// previous one falls back to that search.
    #[inline]
    fn covering(&mut self, pos: usize) -> Option<usize> {
        if self.lo <= pos && pos < self.bound {
            return None;
        }
        self.covering_slow(pos)
    }

    fn covering_slow(&mut self, pos: usize) -> Option<usize> {
        let m = self.mentions;
        if self.next > 0 && m[self.next - 1].end > pos {
            self.next = m.partition_point(|x| x.end <= pos);
        }
        while self.next < m.len() && m[self.next].end <= pos {
            self.next += 1;
        }
        let i = self.next;
        // Until the next mention's start (or end, were it lower), a byte
        // after `pos` leaves `next` as it is and is covered by nothing: the
        // steps above do nothing for it.
        self.lo = pos;
        self.bound = m.get(i).map_or(usize::MAX, |x| x.start.min(x.end));
        (i < m.len() && m[i].start <= pos).then_some(i)
    }
}

/// Is the text between words `a` and `b` only spaces (so they belong to
/// one run)?
fn joined(t: &Toks, a: usize, b: usize) -> bool {
    let gap = &t.text.as_bytes()[t.end(a)..t.start(b)];
    // "Kilroy-Silk": a hyphen between two capitalized words joins them.
    if gap == b"-" {
        return t.cap(a) && t.cap(b);
    }
    // Spaces, never two in a row, and at most one full stop: one pass.
    let mut dots = 0;
    let mut prev_space = false;
    for &c in gap {
        match c {
            b' ' if !prev_space => prev_space = true,
            b'.' => {
                dots += 1;
                prev_space = false;
            }
            _ => return false,
        }
    }
    // "A. Karimov", "Hon. Musalia Mudavadi": a full stop after an initial
    // or a courtesy word.
    let a = t.text(a);
    dots == 0 || dots == 1 && (a.chars().count() == 1 || is_honorific(a))
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next()), (Some(x), None) if x.is_uppercase())
}

/// `any`: the flags any word of the sentence has.
fn sentence_people<'a>(
    t: Toks<'a, '_>,
    any: u8,
    gaz: &Gazetteer,
    used: &mut Vec<bool>,
    found: &mut Founds<'a>,
    titles: &mut Vec<Mention>,
) {
    let (text, gm) = (t.text, t.gm);
    let n = t.len();
    used.clear();
    used.resize(n, false);
    // Gazetteer people: already names. Most sentences have none, nor a
    // title, and these passes are then skipped.
    let mut i = if any & PERSON != 0 { 0 } else { n };
    while i < n {
        if let Some(g) = t.gaz(i).filter(|_| t.has(i, PERSON)) {
            let m = &gm[g];
            let mut j = i;
            while j < n && t.gaz(j) == Some(g) {
                used[j] = true;
                j += 1;
            }
            found.push(Found {
                start: m.start,
                end: m.end,
                form: NameForm::Full(Cow::Borrowed(&m.canonical)),
                country: m.country.as_deref(),
                entry: m.entry,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    // Titles and the names they introduce.
    let mut i = if any & TITLE != 0 { 0 } else { n };
    while i < n {
        let Some(g) = t.gaz(i).filter(|_| t.has(i, TITLE)) else {
            i += 1;
            continue;
        };
        let head_start = i;
        let mut j = i;
        while j < n && t.gaz(j) == Some(g) {
            j += 1;
        }
        // A country or demonym just before the title: "Tajik Foreign Minister",
        // "Azerbaijan's President".
        let mut country = None;
        if head_start > 0 {
            let p = if t.text(head_start - 1) == "s" && head_start > 1 {
                head_start - 2
            } else {
                head_start - 1
            };
            if let Some(pg) = t.gaz(p).filter(|_| t.label(p) == Some(Label::Country)) {
                if text[t.end(p)..t.start(head_start)].len() <= 3 {
                    country = gm[pg].country.as_deref();
                }
            }
        }
        // Extend over "of <words> of <country>" and collect the run after it.
        let mut k = j;
        let mut org: Option<&str> = None;
        let mut after_to = false;
        let mut seen_country = false;
        while k < n
            && (joined(&t, k - 1, k)
                || (!seen_country
                    && text[t.end(k - 1)..t.start(k)] == *", "
                    && (t.label(k) == Some(Label::Sector) || is_not_name(t.text(k)))
                    && t.cap(k)))
        {
            let tk = t.text(k);
            let connector = with_lowercase(tk, |lw| {
                matches!(
                    lw,
                    "of" | "for" | "on" | "and" | "the" | "de" | "to" | "under"
                )
                .then(|| lw == "to" || (after_to && lw == "the"))
            });
            if let Some(to) = connector {
                // "Ambassador of Hungary to Uzbekistan": the country after
                // "to" is where, not whom, the ambassador serves.
                after_to = to;
                k += 1;
                continue;
            }
            if let Some(l) = t.label(k) {
                match l {
                    // Another title starts another person.
                    Label::Person | Label::Title => break,
                    Label::Country | Label::Org | Label::Place => {
                        let tg = t.gaz(k);
                        let m = &gm[tg.unwrap_or(0)];
                        if l == Label::Country {
                            // "Ambassador of Hungary to Uzbekistan": Hungary.
                            if !after_to && !seen_country {
                                country = m.country.as_deref();
                            }
                            seen_country = true;
                        } else if l == Label::Org {
                            org = Some(&m.canonical);
                        }
                        while k < n && t.gaz(k) == tg {
                            k += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if t.cap(k) || is_initial(tk) || split_glued_initial(tk).is_some() || is_honorific(tk) {
                k += 1;
                continue;
            }
            break;
        }
        // Connectors at the end belong to what follows ("... and Minister").
        while k > j
            && with_lowercase(t.text(k - 1), |w| {
                matches!(
                    w,
                    "of" | "for" | "on" | "and" | "the" | "de" | "to" | "under" | "at"
                )
            })
        {
            k -= 1;
        }
        // The name: a gazetteer person in the run, else the capitalized words
        // at its end that are not title or ministry words.
        let mut name: Option<(usize, usize)> = None;
        if let Some(p) = (j..k).find(|&x| t.has(x, PERSON)) {
            let mut e = p;
            while e < n && t.same_gaz(e, p) {
                e += 1;
            }
            name = Some((p, e));
        } else if k < n && t.has(k, PERSON) && joined(&t, k - 1, k) {
            // handled by the gazetteer pass; the title still gives a country.
            let mut e = k;
            while e < n && t.same_gaz(e, k) {
                e += 1;
            }
            name = Some((k, e));
        } else {
            let mut s = k;
            // Up to four name words back; particles ("bin", "Al") do not count.
            let mut core = 0;
            while s > j
                && t.nameish(s - 1)
                && !is_honorific(t.text(s - 1))
                && (core < 4 || is_particle(t.text(s - 1)))
            {
                core += usize::from(!is_particle(t.text(s - 1)));
                s -= 1;
            }
            let after_connector = s > j
                && with_lowercase(t.text(s - 1), |w| {
                    matches!(
                        w,
                        "of" | "the" | "for" | "and" | "on" | "under" | "to" | "at"
                    )
                });
            if s < k && !after_connector {
                name = Some((s, k));
            } else if k + 1 < n && text[t.end(k - 1)..t.start(k)].trim() == "," {
                // "Minister of Foreign Affairs of Tajikistan, Sirojiddin Muhriddin,"
                let mut b = k;
                while b < n && is_honorific(t.text(b)) && (b == k || joined(&t, b - 1, b)) {
                    b += 1;
                }
                let mut e = b;
                // Up to four name words; particles ("de la") do not count.
                let mut core = 0;
                while e < n
                    && t.nameish(e)
                    && (core < 4 || is_particle(t.text(e)))
                    && (e == b || joined(&t, e - 1, e))
                {
                    core += usize::from(!is_particle(t.text(e)));
                    e += 1;
                }
                // Nor does a name end with one.
                while e > b + 1 && is_particle(t.text(e - 1)) {
                    e -= 1;
                }
                if e - b >= 2 || (e - b == 1 && t.has(b, PERSON)) {
                    name = Some((b, e));
                }
            }
        }
        let title_end = name.map_or(k, |(s, _)| s.min(k));
        let title_end_byte = if title_end > head_start {
            t.end(title_end - 1)
        } else {
            t.end(j - 1)
        };
        let title_text = text[t.start(head_start)..title_end_byte].trim_end_matches([' ', ',']);
        titles.push(Mention {
            start: t.start(head_start),
            end: t.start(head_start) + title_text.len(),
            label: Label::Title,
            canonical: title_text.split_whitespace().collect::<Vec<_>>().join(" "),
            country: country.map(str::to_string),
            source: if title_end_byte > gm[g].end {
                Source::Pattern
            } else {
                Source::Gazetteer
            },
            entry: gm[g].entry,
            date: None,
        });
        if country.is_none() {
            country = org;
        }
        match name {
            Some((s, e)) => {
                if let Some(f) = name_from(&t, s, e, true) {
                    if f.entry.is_none() || !used[s] {
                        found.push(Found { country, ..f });
                    } else if let Some(last) = found.last_starting_at(f.start) {
                        if country.is_some() {
                            last.country = country;
                        }
                    }
                }
                for u in used.iter_mut().take(e).skip(s) {
                    *u = true;
                }
                i = e.max(j);
            }
            None => {
                // "Sirojiddin Muhriddin, Minister of Foreign Affairs of Tajikistan"
                if head_start >= 2 && text[t.end(head_start - 1)..t.start(head_start)].trim() == ","
                {
                    if let Some(last) = found.last_ending_at(t.end(head_start - 1)) {
                        if last.country.is_none() {
                            last.country = country;
                        }
                    }
                }
                i = k.max(j);
            }
        }
    }
    // Names without a title: by shape. A name starts at a word no mention
    // covers that may be part of a name (`FREE`).
    let mut i = if any & FREE != 0 { 0 } else { n };
    // `t.hot[h..]`: the words at or after `i` that may have flags.
    let mut h = 0;
    while i < n {
        // Only the words of `t.hot` may be `FREE`: go to the next.
        while h < t.hot.len() && (t.hot[h] as usize) < t.base + i {
            h += 1;
        }
        let Some(&next) = t.hot.get(h) else {
            break;
        };
        i = next as usize - t.base;
        if !t.has(i, FREE) || used[i] {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < n
            && !used[e]
            && (t.has(e, FREE)
                // After a known first name, a word the gazetteer calls a
                // place is a surname ("Robert Redford", "Sergio Garcia").
                // The first-name look-up comes last: it is the costly test.
                || e == i + 1
                    && t.label(e) == Some(Label::Place)
                    && t.cap(e)
                    && gaz.is_first_name(t.text(i)))
            && joined(&t, e - 1, e)
            // "Gordon Brown's Budget": a possessive ends the name.
            && !t.text(e - 1).ends_with("'s")
            // At most four name words; particles ("bin", "Al") do not count.
            && (e - i < 4
                || e - i < 8 && e - i - (i..e).filter(|&k| is_particle(t.text(k))).count() < 4)
        {
            e += 1;
        }
        let len = e - i;
        let paren_country = paren_country(&t, e - 1, e);
        // Particles ("bin", "von der") do not count toward a name's length.
        let core = len - (i..e).filter(|&k| is_particle(t.text(k))).count();
        let shaped = (2..=4).contains(&core) && {
            let first = t.text(i);
            let last = t.text(e - 1);
            is_patronymic(last)
                || has_surname_suffix(last)
                || gaz.is_first_name(first)
                || split_glued_initial(first).is_some()
                || (is_initial(first) && has_surname_suffix(last))
                || (is_all_caps(first) && has_surname_suffix(first))
        };
        let shaped = shaped || (len == 1 && split_glued_initial(t.text(i)).is_some());
        // "Writer Tony Cowell": a capitalised word before a first name and a
        // surname is not part of the name; read the name from the next word.
        // Only after a possessive ("Chelsea's Damien Duff"), a courtesy
        // word or at the start of a sentence ("Actor Tom Hanks"): not inside
        // a longer name ("Santa Barbara County", "the Da Vinci Code").
        if !shaped
            && len == 3
            && gaz.is_first_name(t.text(i + 1))
            && !t.text(i + 2).starts_with("I'")
            && (i == 0 || t.text(i).ends_with("'s") || is_honorific(t.text(i)))
        {
            i += 1;
            continue;
        }
        // A name right after a person's possessive is a work: "Susanna
        // Clarke's Jonathan Strange", "Puccini's Madame Butterfly".
        if i > 0 && used[i - 1] && t.text(i - 1).ends_with("'s") && joined(&t, i - 1, i) {
            for u in used.iter_mut().take(e).skip(i) {
                *u = true;
            }
            i = e;
            continue;
        }
        if shaped || (paren_country.is_some() && len >= 2) {
            if let Some(mut f) = name_from(&t, i, e, false) {
                f.country = paren_country.or(f.country);
                found.push(f);
            }
            for u in used.iter_mut().take(e).skip(i) {
                *u = true;
            }
        }
        i = e;
    }
}

/// Is the name at `start..end` a work, band, award or firm ("the film Vera
/// Drake", "Harry Potter star", "the Cecil B DeMille award")? Looks at the
/// word right before and right after only.
fn work_context(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start]
        .strip_suffix(' ')
        .and_then(|h| h.rsplit([' ', '\n']).next())
        .unwrap_or("");
    if is_work_before(before) {
        return true;
    }
    is_work_after(word_after_name(text, end))
}

/// The word right after a name, after one space.
fn word_after_name(text: &str, end: usize) -> &str {
    text[end..]
        .strip_prefix(' ')
        .and_then(|t| t.split(|c: char| !c.is_alphanumeric()).next())
        .unwrap_or("")
}

/// "(Tajikistan)" right after a name: word `last` of the name, `next` the
/// word after it, if any.
fn paren_country<'a>(t: &Toks<'a, '_>, last: usize, next: usize) -> Option<&'a str> {
    if next >= t.len() {
        return None;
    }
    let (text, gm) = (t.text, t.gm);
    if text[t.end(last)..t.start(next)].trim() != "(" {
        return None;
    }
    let g = t
        .gaz(next)
        .filter(|_| t.label(next) == Some(Label::Country))?;
    text[gm[g].end..]
        .trim_start()
        .starts_with(')')
        .then(|| gm[g].country.as_deref())
        .flatten()
}

/// Reads a name from a run of name-like tokens, words `s..e`.
fn name_from<'a>(t: &Toks<'a, '_>, s: usize, e: usize, titled: bool) -> Option<Found<'a>> {
    let (text, gm) = (t.text, t.gm);
    let mut s = s;
    while s < e {
        let w = t.text(s);
        // A name does not start with a particle: "bin Farhan" is the tail
        // of one whose head was not read as a name.
        let particle = is_particle(w) && w.starts_with(|c: char| c.is_lowercase());
        if particle || is_honorific(w) || (is_not_name(w) && t.gaz(s).is_none()) {
            s += 1;
        } else {
            break;
        }
    }
    // Nor end with one ("Juan Ramón de" cut short).
    let mut e = e;
    while e > s + 1 && is_particle(t.text(e - 1)) && t.text(e - 1).starts_with(char::is_lowercase) {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let (first, last) = (s, e - 1);
    if let Some(g) = t.gaz(first).filter(|_| t.has(first, PERSON)) {
        let m = &gm[g];
        return Some(Found {
            start: m.start,
            end: m.end,
            form: NameForm::Full(Cow::Borrowed(&m.canonical)),
            country: m.country.as_deref(),
            entry: m.entry,
        });
    }
    let (start, mut end) = (t.start(first), t.end(last));
    // The words as written unless in capitals: borrowed from the text.
    let words: Vec<Cow<'a, str>> = (s..e)
        .map(|k| {
            let tk = t.text(k);
            let w = tk.strip_suffix("'s").unwrap_or(tk);
            if is_all_caps(w) && w.chars().count() > 1 {
                Cow::Owned(title_case(w))
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect();
    if t.text(last).ends_with("'s") {
        end -= 2;
    }
    // The text between the run's words `k - 1` and `k`.
    let gap = |k: usize| &text[t.end(s + k - 1)..t.start(s + k)];
    let form = match words.len() {
        1 => match split_glued_initial(&words[0]) {
            Some((i, s)) => NameForm::Initial(i.chars().next()?, Cow::Owned(s.to_string())),
            None if titled => NameForm::Surname(words[0].clone()),
            None => return None,
        },
        _ if is_initial(&words[0]) => {
            NameForm::Initial(words[0].chars().next()?, words[words.len() - 1].clone())
        }
        3 if is_patronymic(&words[2]) => {
            NameForm::Full(Cow::Owned(format!("{} {}", words[1], words[0])))
        }
        _ if t
            .text(s)
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
            && has_surname_suffix(&words[0])
            && !has_surname_suffix(&words[words.len() - 1]) =>
        {
            NameForm::Full(Cow::Owned(format!("{} {}", words[1..].join(" "), words[0])))
        }
        // The name as written, one space or a hyphen between words as
        // below, and the words themselves: the text itself.
        _ if (1..words.len()).all(|k| {
            matches!(words[k - 1], Cow::Borrowed(w) if w.len() == t.text(s + k - 1).len())
                && matches!(gap(k), " " | "-")
        }) && matches!(words[words.len() - 1], Cow::Borrowed(_)) =>
        {
            NameForm::Full(Cow::Borrowed(&text[start..end]))
        }
        _ => {
            // Keep the hyphen of a hyphenated name ("Kilroy-Silk").
            let mut name = words[0].to_string();
            for (k, w) in words.iter().enumerate().skip(1) {
                name.push_str(if gap(k) == "-" { "-" } else { " " });
                name.push_str(w);
            }
            NameForm::Full(Cow::Owned(name))
        }
    };
    Some(Found {
        start,
        end,
        form,
        country: None,
        entry: None,
    })
}

/// Finds the person of the article a surname refers to.
///
/// Every look-up is by hashing, built once per article: a long document
/// names thousands of people and has hundreds of thousands of capitalized
/// words, so no look-up may walk the article's names (that was quadratic:
/// issue #18).
struct SurnameFinder<'a> {
    /// The id of each surname key of the article (see `groups`).
    key_id: FastMap<&'a str, u32>,
    /// Per surname key id, the people with that surname, whatever their
    /// initial.
    by_key: Vec<SurnameGroup>,
    /// Per surname key id and upper-cased initial, the people with that
    /// surname and initial.
    by_initial: FastMap<(u32, [char; 3]), SurnameGroup>,
    /// Every capitalized word of the article is tried as a surname; words
    /// repeat, so each word's key is computed once per article: the id of
    /// its key, or None when no person of the article has that surname
    /// (most words). Keyed by the word itself, borrowed from the text or
    /// the found names.
    matches: FastMap<&'a str, Option<u32>>,
    /// Buffers for `translit_key_into`, reused across words.
    key_buf: String,
    scratch: KeyScratch,
    /// The distinct `key_letters` of the surname keys, when few: most words
    /// cannot key to any of them, which their letters tell without keying
    /// them. Empty when any key is not ASCII (the test cannot rule out a
    /// word then) or when there are too many to be cheaper than keying.
    letters: Vec<u32>,
}

/// The people of an article who share a surname key (and an initial).
#[derive(Default)]
struct SurnameGroup {
    /// The first of them in order of first full mention (cluster order).
    first: usize,
    /// Are there several?
    several: bool,
    /// Where any of them is named in full, in text order, with whom.
    full_at: Vec<(usize, usize)>,
}

/// `char::to_uppercase` of an initial as a fixed array, to compare and
/// hash initials as `to_uppercase().eq(..)` compares them: a character's
/// upper case has at most 3 characters, and none is NUL unless the
/// character is.
fn upper_initial(c: char) -> [char; 3] {
    let mut out = ['\0'; 3];
    for (o, u) in out.iter_mut().zip(c.to_uppercase()) {
        *o = u;
    }
    out
}

/// Above this many distinct letter sets, the letter test of
/// `SurnameFinder::find` costs more than the keying it saves.
const MAX_LETTER_SETS: usize = 64;

impl<'a> SurnameFinder<'a> {
    /// `surname_of`: (surname key, initial, cluster) of each cluster, in
    /// cluster order; `full_at`: where each cluster is named in full, in
    /// text order.
    fn new(surname_of: &'a [(String, char, usize)], full_at: &[(usize, usize)]) -> Self {
        let mut key_id: FastMap<&'a str, u32> = FastMap::default();
        let mut by_key: Vec<SurnameGroup> = Vec::new();
        let mut by_initial: FastMap<(u32, [char; 3]), SurnameGroup> = FastMap::default();
        // The groups of each cluster, to file its full mentions.
        let mut group_of: FastMap<usize, (u32, [char; 3])> = FastMap::default();
        let join = |g: &mut SurnameGroup, fresh: bool, cluster: usize| {
            if fresh {
                g.first = cluster;
            } else {
                g.several = true;
            }
        };
        for (k, initial, cluster) in surname_of {
            let next = by_key.len() as u32;
            let id = *key_id.entry(k.as_str()).or_insert(next);
            let fresh = id == next;
            if fresh {
                by_key.push(SurnameGroup::default());
            }
            join(&mut by_key[id as usize], fresh, *cluster);
            let ik = (id, upper_initial(*initial));
            let fresh = !by_initial.contains_key(&ik);
            join(by_initial.entry(ik).or_default(), fresh, *cluster);
            group_of.insert(*cluster, ik);
        }
        for &(at, cluster) in full_at {
            if let Some(ik) = group_of.get(&cluster) {
                if let Some(g) = by_key.get_mut(ik.0 as usize) {
                    g.full_at.push((at, cluster));
                }
                if let Some(g) = by_initial.get_mut(ik) {
                    g.full_at.push((at, cluster));
                }
            }
        }
        let mut letters: Vec<u32> = Vec::new();
        for (k, _, _) in surname_of {
            match key_letters(k) {
                Some(l) if !letters.contains(&l) => letters.push(l),
                Some(_) => {}
                None => {
                    letters.clear();
                    break;
                }
            }
            if letters.len() > MAX_LETTER_SETS {
                letters.clear();
                break;
            }
        }
        SurnameFinder {
            key_id,
            by_key,
            by_initial,
            matches: FastMap::default(),
            key_buf: String::new(),
            scratch: KeyScratch::default(),
            letters,
        }
    }

    /// The cluster whose surname is `s` (and whose initial is `initial`, if
    /// given); a surname that fits several people of the article is the one
    /// named last before byte `at`.
    fn find(&mut self, s: &'a str, initial: Option<char>, at: usize) -> Option<usize> {
        let id = match self.matches.get(s) {
            Some(&m) => m?,
            None => {
                // The letter test only rules out words whose key is none
                // of the article's (`may_key_to` holds of a word and its
                // own key), so skipping it never changes the answer.
                if !self.letters.is_empty() {
                    if let Some(w) = key_letters(s) {
                        if !self.letters.iter().any(|&k| may_key_to(w, k)) {
                            self.matches.insert(s, None);
                            return None;
                        }
                    }
                }
                self.key_buf.clear();
                translit_key_into(s, &mut self.key_buf, &mut self.scratch);
                let m = self.key_id.get(self.key_buf.as_str()).copied();
                self.matches.insert(s, m);
                m?
            }
        };
        let group = match initial {
            None => self.by_key.get(id as usize)?,
            Some(x) => self.by_initial.get(&(id, upper_initial(x)))?,
        };
        if !group.several {
            return Some(group.first);
        }
        let k = group.full_at.partition_point(|&(s, _)| s < at);
        Some(k.checked_sub(1).map_or(group.first, |k| group.full_at[k].1))
    }
}

/// One canonical name per person in the document; later short forms and
/// spelling variants resolve to it.
fn resolve(
    text: &str,
    seg: &Segmented,
    WordShapes { shapes, caps }: WordShapes,
    gaz: &Gazetteer,
    gm: &[Mention],
    mut found: Vec<Found<'_>>,
    titles: Vec<Mention>,
) -> Vec<Mention> {
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    found.dedup_by(|b, a| b.start < a.end);
    // Works, bands, awards and firms named like a person ("the film Vera
    // Drake", "indie band Kasabian", "the Cecil B DeMille award"): one such
    // mention makes the name a work in the whole article.
    let mut works: FastSet<&str> = FastSet::default();
    let awards: Vec<(usize, usize)> = found
        .iter()
        .filter(|f| is_award_after(word_after_name(text, f.end)))
        .map(|f| (f.start, f.end))
        .collect();
    if !awards.is_empty() {
        found.retain(|f| !is_award_after(word_after_name(text, f.end)));
    }
    for f in &found {
        if work_context(text, f.start, f.end) {
            let surface = &text[f.start..f.end];
            works.insert(surface);
            if let Some((_, last)) = surface.rsplit_once(' ') {
                works.insert(last);
            }
        }
    }
    if !works.is_empty() {
        found.retain(|f| {
            let last = match &f.form {
                NameForm::Full(_) => "",
                NameForm::Surname(s) | NameForm::Initial(_, s) => s.as_ref(),
            };
            !works.contains(&text[f.start..f.end]) && !works.contains(last)
        });
    }
    // Clusters of full names by spelling-independent key.
    let mut by_key: FastMap<String, usize> = FastMap::default();
    // (canonical, country), borrowed from the names and the gazetteer.
    let mut clusters: Vec<(&str, Option<&str>)> = Vec::new();
    let mut surname_of: Vec<(String, char, usize)> = Vec::new(); // (surname key, initial, cluster)
    let mut cluster_of = vec![usize::MAX; found.len()];
    // A person is named in full several times per article: each name's key
    // is computed once, with buffers shared by the article's names.
    let mut key_memo: FastMap<&str, String> = FastMap::default();
    let mut scratch = KeyScratch::default();
    fn memo<'m, 'a>(
        memo: &'m mut FastMap<&'a str, String>,
        scratch: &mut KeyScratch,
        name: &'a str,
    ) -> &'m str {
        memo.entry(name).or_insert_with(|| {
            let mut key = String::with_capacity(name.len());
            translit_key_into(name, &mut key, scratch);
            key
        })
    }
    for (fi, f) in found.iter().enumerate() {
        if let NameForm::Full(name) = &f.form {
            // `entry`: the gazetteer person named, whose country is the
            // person's when the text gives none.
            let (canonical, entry, key) = match f.entry {
                Some(e) => {
                    let canonical = gaz.entry(e).canonical.as_str();
                    (
                        canonical,
                        Some(e),
                        memo(&mut key_memo, &mut scratch, canonical),
                    )
                }
                None => {
                    let key = memo(&mut key_memo, &mut scratch, name);
                    match gaz.person_by_key(key) {
                        Some(e) => {
                            let canonical = gaz.entry(e).canonical.as_str();
                            (
                                canonical,
                                Some(e),
                                memo(&mut key_memo, &mut scratch, canonical),
                            )
                        }
                        None => (name.as_ref(), None, key),
                    }
                }
            };
            let c = match by_key.get(key) {
                Some(&c) => c,
                None => {
                    clusters.push((canonical, None));
                    let surname = key.rsplit(' ').next().unwrap_or("").to_string();
                    let initial = canonical.chars().next().unwrap_or(' ');
                    surname_of.push((surname, initial, clusters.len() - 1));
                    by_key.insert(key.to_string(), clusters.len() - 1);
                    clusters.len() - 1
                }
            };
            // The country is copied only for a cluster that has none yet.
            if clusters[c].1.is_none() {
                clusters[c].1 = f
                    .country
                    .or_else(|| entry.and_then(|e| gaz.entry(e).country.as_deref()));
            }
            cluster_of[fi] = c;
        }
    }
    // "Sheikh Abdullah bin Zayed" after "Sheikh Abdullah bin Zayed Al
    // Nahyan": a name of two words or more that begins one longer name of
    // the article, and only one, is that person.
    // The longer name comes first, as news name people ("Harry Potter" is
    // not "the Harry Potter DVD" named after it).
    // A headline's short form ("Abdullah bin Zayed receives ...") does not
    // count: only the body's order does.
    let mut first = vec![usize::MAX; clusters.len()];
    for (f, &c) in found.iter().zip(&cluster_of) {
        let body = seg
            .sentence_at(f.start)
            .is_some_and(|si| seg.sentences[si].body);
        if c != usize::MAX && body {
            first[c] = first[c].min(f.start);
        }
    }
    let keys: Vec<(&str, usize)> = by_key.iter().map(|(k, &c)| (k.as_str(), c)).collect();
    let longer = longer_names(&keys, &first);
    for c in cluster_of.iter_mut().filter(|c| **c != usize::MAX) {
        *c = longer[*c];
    }
    for s in &mut surname_of {
        s.2 = longer[s.2];
    }
    // Where each cluster is named in full, in text order: a surname that
    // fits several people of the article is the one named last before it.
    let full_at: Vec<(usize, usize)> = found
        .iter()
        .zip(&cluster_of)
        .filter(|&(_, &c)| c != usize::MAX)
        .map(|(f, &c)| (f.start, c))
        .collect();
    let mut surnames = SurnameFinder::new(&surname_of, &full_at);
    // Given names that stand for one person of the article: Ethiopian,
    // Malay and Samoan usage names people by their first name after the
    // full name ("Demeke Mekonnen ... Demeke said", "Datuk Seri Anwar
    // Ibrahim ... Anwar said"). A given name two people share stands for
    // neither.
    let mut given: FastMap<&str, Option<usize>> = FastMap::default();
    for (c, (canonical, _)) in clusters.iter().enumerate() {
        if longer[c] != c {
            continue;
        }
        if let Some((first_word, _)) = canonical.split_once(' ') {
            given
                .entry(first_word)
                .and_modify(|v| *v = None)
                .or_insert(Some(c));
        }
    }
    let mut out: Vec<Mention> = titles;
    for (fi, f) in found.iter().enumerate() {
        let (canonical, country) = if cluster_of[fi] != usize::MAX {
            let c = &clusters[cluster_of[fi]];
            (c.0.to_string(), c.1.or(f.country).map(str::to_string))
        } else {
            let (surname, initial) = match &f.form {
                NameForm::Surname(s) => (s.as_ref(), None),
                NameForm::Initial(i, s) => (s.as_ref(), Some(*i)),
                NameForm::Full(_) => continue,
            };
            match surnames.find(surname, initial, f.start) {
                Some(c) => (
                    clusters[c].0.to_string(),
                    clusters[c].1.or(f.country).map(str::to_string),
                ),
                // "J Robinson" is not Andy Robinson: an initial must agree.
                None => match gaz.person_by_surname(surname).filter(|&e| {
                    initial.is_none_or(|i| {
                        gaz.entry(e)
                            .canonical
                            .chars()
                            .next()
                            .is_some_and(|c| c.to_uppercase().eq(i.to_uppercase()))
                    })
                }) {
                    Some(e) => (
                        gaz.entry(e).canonical.clone(),
                        f.country
                            .map(str::to_string)
                            .or_else(|| gaz.entry(e).country.clone()),
                    ),
                    None => match initial {
                        Some(i) => (format!("{i}. {surname}"), f.country.map(str::to_string)),
                        None => (surname.to_string(), f.country.map(str::to_string)),
                    },
                },
            }
        };
        out.push(Mention {
            start: f.start,
            end: f.end,
            label: Label::Person,
            canonical,
            country,
            source: if f.entry.is_some() {
                Source::Gazetteer
            } else {
                Source::Pattern
            },
            entry: f.entry,
            date: None,
        });
    }
    // Surnames alone, anywhere: "at Karimov's initiative".
    if !surname_of.is_empty() {
        let mut taken: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
        taken.extend_from_slice(&awards);
        taken.sort_unstable();
        let mut cursor = MentionCursor::new(gm);
        // `taken[..k]`: the spans that start before the current word's end,
        // which only grows as the words come in order.
        let mut k = 0;
        // Only capitalized words: a capitalized word stays so without its
        // "'s", and the other way round (unless nothing is left, which is
        // not capitalized).
        for &i in caps {
            let (w, shape) = (&seg.words[i as usize], shapes[i as usize]);
            let word = &text[w.start..w.end];
            let bare = word.strip_suffix("'s").unwrap_or(word);
            // The cheap tests first; the word-list look-up after the span
            // tests, which rule out most capitalized words.
            // Fewer than 3 characters: fewer than 3 bytes, or, as a
            // character takes at most 4 bytes, fewer than 9 and counted.
            if bare.len() < 3 || bare.len() < 9 && bare.chars().count() < 3 {
                continue;
            }
            // Spans do not nest much: look at the two nearest to the word.
            while k < taken.len() && taken[k].0 < w.end {
                k += 1;
            }
            if taken[k.saturating_sub(2)..k]
                .iter()
                .any(|&(s, e)| w.start < e && s < w.end)
            {
                continue;
            }
            // A word the gazetteer took for a place may be the surname of a
            // person of this article ("Mr Houston", "Vaughan").
            if cursor
                .covering(w.start)
                .is_some_and(|i| gm[i].label != Label::Place)
            {
                continue;
            }
            // The word's shape tells these of the word itself; a possessive
            // is asked again without its "'s".
            let possessive = bare.len() < word.len();
            if if possessive {
                is_not_name(bare)
            } else {
                shape & NOT_NAME != 0
            } {
                continue;
            }
            let glued = if possessive {
                split_glued_initial(bare)
            } else if shape & GLUED != 0 {
                split_glued_initial(word)
            } else {
                None
            };
            let (surname, initial) = match glued {
                Some((i, s)) => (s, i.chars().next()),
                None => (bare, None),
            };
            if !works.is_empty() && works.contains(bare) {
                continue;
            }
            let found_c = surnames.find(surname, initial, w.start).or_else(|| {
                // A given name alone, after the person's full name, and
                // not the first word of another name ("Anwar Sadat").
                let c = (*given.get(bare)?)?;
                let next_capitalized = text[w.end..]
                    .strip_prefix(' ')
                    .is_some_and(|t| t.starts_with(char::is_uppercase));
                let prev = text[..w.start].strip_suffix(' ').unwrap_or("");
                let prev = prev.rsplit([' ', '\n']).next().unwrap_or("");
                (initial.is_none()
                    && !possessive
                    && !next_capitalized
                    && !is_capitalized(prev)
                    && first.get(c).is_some_and(|&f| f < w.start))
                .then_some(c)
            });
            if let Some(c) = found_c {
                // "Tony Cowell" is not Simon Cowell: a first name right before
                // the surname must be the person's own.
                if initial.is_none() {
                    let before = text[..w.start].strip_suffix(' ').unwrap_or("");
                    let prev = before.rsplit([' ', '\n']).next().unwrap_or("");
                    let own = clusters[c].0.split(' ').next().unwrap_or("");
                    if prev != own && is_capitalized(prev) && gaz.is_first_name(prev) {
                        continue;
                    }
                }
                out.push(Mention {
                    start: w.start,
                    end: w.start + bare.len(),
                    label: Label::Person,
                    canonical: clusters[c].0.to_string(),
                    country: clusters[c].1.map(str::to_string),
                    source: Source::Pattern,
                    entry: None,
                    date: None,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

#[cfg(test)]
mod tests {

    use super::*;

    /// `nameish` of a word no gazetteer mention covers, as it was before
    /// `shape`: the reference for the `NAMEISH` flag.
    fn nameish_reference(text: &str) -> bool {
        if !text.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        (is_capitalized(text) || split_glued_initial(text).is_some() || is_initial(text))
            && !is_not_name(text)
    }

    fn check_shape(w: &str) {
        let f = shape(w, true);
        assert_eq!(
            f & !(NOT_NAME | NAMEISH),
            shape(w, false) & !(NOT_NAME | NAMEISH)
        );
        assert_eq!(f & NAMEISH != 0, nameish_reference(w), "{w}");
        assert_eq!(f & CAP != 0, is_capitalized(w), "{w}");
        assert_eq!(f & GLUED != 0, split_glued_initial(w).is_some(), "{w}");
        if f & CAP != 0 {
            assert_eq!(f & NOT_NAME != 0, is_not_name(w), "{w}");
        }
    }

    #[test]
    fn shape_matches_reference() {
        for w in [
            "",
            "a",
            "A",
            "A.",
            "A.Karimov",
            "Karimov",
            "Minister",
            "Ministers",
            "the",
            "The",
            "Öztürk",
            "ÖZTÜRK",
            "ölçü",
            "3rd",
            "U.S",
            "Mr",
            "Mr.",
            "Kilroy-Silk",
            "O'Brien",
        ] {
            check_shape(w);
        }
    }

    fn mention(start: usize, end: usize) -> Mention {
        Mention::test_place(start, end)
    }

    proptest::proptest! {
        /// The cursor, fast path included, answers as the search over the
        /// mentions' ends it stands for, for positions in any order.
        #[test]
        fn cursor_agrees(
            spans in proptest::collection::vec((0usize..6, 0usize..6), 0..8),
            positions in proptest::collection::vec(0usize..60, 0..40),
            sorted_positions in proptest::collection::vec(0usize..60, 0..40),
        ) {
            // Sorted, non-overlapping mentions, some empty, as gaps and lengths.
            let mut at = 0;
            let mentions: Vec<Mention> = spans
                .iter()
                .map(|&(gap, len)| {
                    let m = mention(at + gap, at + gap + len);
                    at = m.end;
                    m
                })
                .collect();
            let mut sorted_positions = sorted_positions;
            sorted_positions.sort_unstable();
            for ps in [&positions, &sorted_positions] {
                let mut cursor = MentionCursor::new(&mentions);
                for &p in ps {
                    let i = mentions.partition_point(|m| m.end <= p);
                    let expected = (i < mentions.len() && mentions[i].start <= p).then_some(i);
                    proptest::prop_assert_eq!(cursor.covering(p), expected, "{}", p);
                }
            }
        }

        /// `cover_words` (by mention when they are sorted and apart, else
        /// by cursor) gives every word what the cursor gives its start.
        #[test]
        fn cover_words_agrees(
            spans in proptest::collection::vec((0usize..6, 0usize..6), 0..8),
            messy in proptest::collection::vec((0usize..40, 0usize..8), 0..4),
            lens in proptest::collection::vec((0usize..3, 1usize..5), 0..20),
            label_of in proptest::collection::vec(0usize..4, 8),
        ) {
            let labels = [Label::Person, Label::Title, Label::Place, Label::Country];
            let mut at = 0;
            let mut mentions: Vec<Mention> = spans
                .iter()
                .map(|&(gap, len)| {
                    let m = mention(at + gap, at + gap + len);
                    at = m.end;
                    m
                })
                .collect();
            for (m, &l) in mentions.iter_mut().zip(&label_of) {
                m.label = labels[l];
            }
            // Words in text order, as gaps and lengths.
            let mut at = 0;
            let words: Vec<Word> = lens
                .iter()
                .map(|&(gap, len)| {
                    let w = Word { start: at + gap, end: at + gap + len };
                    at = w.end;
                    w
                })
                .collect();
            // Sorted and apart, then also overlapping or out of order.
            let mut unordered = mentions.clone();
            unordered.extend(messy.iter().map(|&(s, len)| mention(s, s + len)));
            for gm in [&mentions, &unordered] {
                let (mut gix, mut flags) = (vec![NO_GAZ; words.len()], vec![0; words.len()]);
                cover_words(&words, gm, &mut gix, &mut flags);
                let mut cursor = MentionCursor::new(gm);
                for (i, w) in words.iter().enumerate() {
                    let g = cursor.covering(w.start);
                    proptest::prop_assert_eq!(g.map_or(NO_GAZ, |g| g as u32), gix[i]);
                    let f = g.map_or(0, |g| match gm[g].label {
                        Label::Person => PERSON,
                        Label::Title => TITLE,
                        _ => 0,
                    });
                    proptest::prop_assert_eq!(f, flags[i]);
                }
            }
        }

        /// `hot_words` keeps the words a filter keeps, whatever their first
        /// byte.
        #[test]
        fn hot_words_agrees(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40),
            spans in proptest::collection::vec((0usize..45, 0usize..4, 0u8..3), 0..12),
        ) {
            // Every byte value once, then the generated bytes.
            let all: Vec<u8> = (0..=255).chain(bytes).collect();
            let words: Vec<Word> = (0..256)
                .map(|s| (s, 1, 0))
                .chain(spans.iter().map(|&(s, len, f)| (s + 256, len, f)))
                .map(|(s, len, _)| Word { start: s, end: s + len })
                .collect();
            let flags: Vec<u8> = (0..256)
                .map(|_| 0)
                .chain(spans.iter().map(|&(_, _, f)| [0, PERSON, TITLE][usize::from(f)]))
                .collect();
            let expected: Vec<u32> = (0..words.len() as u32)
                .filter(|&i| {
                    let i = i as usize;
                    flags[i] != 0 || all.get(words[i].start).is_some_and(|&b| may_shape(b))
                })
                .collect();
            proptest::prop_assert_eq!(hot_words(&words, &all, &flags), expected);
        }

        /// `lower_bound_from` is a `partition_point` from any start.
        #[test]
        fn lower_bound_agrees(
            hot in proptest::collection::vec(0u32..50, 0..20),
            from in 0usize..22,
            x in 0usize..55,
        ) {
            let mut hot = hot;
            hot.sort_unstable();
            proptest::prop_assert_eq!(
                lower_bound_from(&hot, from.min(hot.len()), x),
                hot.partition_point(|&v| (v as usize) < x)
            );
        }

        #[test]
        fn shape_agrees(w in "[a-zA-Z.'\\-ÖöΣ2]{0,10}") {
            check_shape(&w);
        }
    }
}
