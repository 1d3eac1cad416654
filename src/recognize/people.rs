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
use crate::mention::{Label, Mention, Source};
use crate::segment::Segmented;
use crate::text::{is_all_caps, title_case};

/// A token of a sentence with the gazetteer mention covering it, if any.
#[derive(Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    gaz: Option<usize>,
    /// The label of that mention: asked of every token by several passes.
    label: Option<Label>,
    /// Can this token be part of a name (see `nameish`)? Computed once: the
    /// passes of `sentence_people` ask it of most tokens more than once.
    nameish: bool,
    /// `is_capitalized(text)`, from the word's [`shape`].
    cap: bool,
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
    let (cap, glued, initial) = if b.is_ascii() {
        // One pass over the bytes: for ASCII, `is_uppercase` and
        // `is_alphabetic` are their ASCII forms, a character is a byte, and
        // a capitalized word has no full stop, so it is no glued initial.
        if !b0.is_ascii_uppercase() {
            return 0;
        }
        let cap = b[1..]
            .iter()
            .all(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'\'');
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

/// Finds titles and people in every sentence. `gaz_mentions` are the
/// gazetteer's matches, sorted and not overlapping. Returns the TITLE and
/// PERSON mentions (gazetteer PERSON matches included, resolved), sorted.
pub fn recognize<'a>(
    text: &'a str,
    seg: &Segmented,
    gaz: &Gazetteer,
    gaz_mentions: &'a [Mention],
) -> Vec<Mention> {
    let mut found: Vec<Found> = Vec::new();
    let mut titles: Vec<Mention> = Vec::new();
    // Buffers reused across sentences: one allocation per document.
    let mut toks: Vec<Tok> = Vec::new();
    let mut used: Vec<bool> = Vec::new();
    let mut cursor = MentionCursor::new(gaz_mentions);
    // The shape of every word of the document, in word order: computed as
    // the tokens of each sentence are built, since the sentences hold the
    // words in order; anything else is caught after the loop.
    // `caps`: the indices of the capitalized words, which `resolve` tries
    // as surnames.
    let mut shapes: Vec<u8> = Vec::with_capacity(seg.words.len());
    // Reserved for all words: no growing as they are pushed.
    let mut caps: Vec<u32> = Vec::with_capacity(seg.words.len());
    for sent in &seg.sentences {
        toks.clear();
        let in_order = sent.words.0 as usize == shapes.len();
        toks.extend(seg.words_of(sent).iter().map(|w| {
            let text = &text[w.start..w.end];
            let gaz = cursor.covering(w.start);
            let label = gaz.map(|g| gaz_mentions[g].label);
            let shape = shape(text, label.is_none_or(|l| l == Label::Place));
            if in_order {
                if shape & CAP != 0 {
                    caps.push(shapes.len() as u32);
                }
                shapes.push(shape);
            }
            Tok {
                start: w.start,
                end: w.end,
                text,
                gaz,
                label,
                // Can the token be part of a name? A gazetteer mention's
                // if a person's; else by the word's shape.
                nameish: match label {
                    Some(l) => l == Label::Person,
                    None => shape & NAMEISH != 0,
                },
                cap: shape & CAP != 0,
            }
        }));
        sentence_people(
            text,
            &toks,
            gaz,
            gaz_mentions,
            &mut used,
            &mut found,
            &mut titles,
        );
    }
    if shapes.len() != seg.words.len() {
        shapes.clear();
        shapes.extend(seg.words.iter().map(|w| shape(&text[w.start..w.end], true)));
        caps.clear();
        caps.extend(
            (0..shapes.len())
                .filter(|&i| shapes[i] & CAP != 0)
                .map(|i| i as u32),
        );
    }
    let words = WordShapes {
        shapes: &shapes,
        caps: &caps,
    };
    resolve(text, seg, words, gaz, gaz_mentions, found, titles)
}

/// Finds the mention covering a byte, for bytes asked in increasing order
/// (the words of a document): a cursor walks the sorted, non-overlapping
/// mentions once instead of a binary search per word.
struct MentionCursor<'m> {
    mentions: &'m [Mention],
    next: usize,
}

impl<'m> MentionCursor<'m> {
    fn new(mentions: &'m [Mention]) -> Self {
        MentionCursor { mentions, next: 0 }
    }

    /// Index of the mention covering byte `pos`, if any. Same answer as a
    /// `partition_point` over the mentions' ends; a `pos` lower than the
    /// previous one falls back to that search.
    fn covering(&mut self, pos: usize) -> Option<usize> {
        let m = self.mentions;
        if self.next > 0 && m[self.next - 1].end > pos {
            self.next = m.partition_point(|x| x.end <= pos);
        }
        while self.next < m.len() && m[self.next].end <= pos {
            self.next += 1;
        }
        let i = self.next;
        (i < m.len() && m[i].start <= pos).then_some(i)
    }
}

/// Is the text between two tokens only spaces (so they belong to one run)?
fn joined(text: &str, a: &Tok, b: &Tok) -> bool {
    let gap = &text.as_bytes()[a.end..b.start];
    // "Kilroy-Silk": a hyphen between two capitalized words joins them.
    if gap == b"-" {
        return a.cap && b.cap;
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
    dots == 0 || dots == 1 && (a.text.chars().count() == 1 || is_honorific(a.text))
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next()), (Some(x), None) if x.is_uppercase())
}

fn sentence_people<'a>(
    text: &'a str,
    toks: &[Tok<'a>],
    gaz: &Gazetteer,
    gm: &'a [Mention],
    used: &mut Vec<bool>,
    found: &mut Vec<Found<'a>>,
    titles: &mut Vec<Mention>,
) {
    let n = toks.len();
    used.clear();
    used.resize(n, false);
    // Gazetteer people: already names. The pass also notes whether the
    // sentence has a title at all: most have none, and the title pass is
    // then skipped.
    let mut any_title = false;
    let mut i = 0;
    while i < n {
        if let Some(g) = toks[i].gaz.filter(|_| toks[i].label == Some(Label::Person)) {
            let m = &gm[g];
            let mut j = i;
            while j < n && toks[j].gaz == Some(g) {
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
            any_title |= toks[i].label == Some(Label::Title);
            i += 1;
        }
    }
    // Titles and the names they introduce.
    let mut i = if any_title { 0 } else { n };
    while i < n {
        let Some(g) = toks[i].gaz.filter(|_| toks[i].label == Some(Label::Title)) else {
            i += 1;
            continue;
        };
        let head_start = i;
        let mut j = i;
        while j < n && toks[j].gaz == Some(g) {
            j += 1;
        }
        // A country or demonym just before the title: "Tajik Foreign Minister",
        // "Azerbaijan's President".
        let mut country = None;
        if head_start > 0 {
            let p = &toks[head_start - 1];
            let p = if p.text == "s" && head_start > 1 {
                &toks[head_start - 2]
            } else {
                p
            };
            if let Some(pg) = p.gaz.filter(|_| p.label == Some(Label::Country)) {
                if text[p.end..toks[head_start].start].len() <= 3 {
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
            && (joined(text, &toks[k - 1], &toks[k])
                || (!seen_country
                    && text[toks[k - 1].end..toks[k].start] == *", "
                    && (toks[k].label == Some(Label::Sector) || is_not_name(toks[k].text))
                    && toks[k].cap))
        {
            let t = &toks[k];
            let connector = with_lowercase(t.text, |lw| {
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
            if let Some(l) = t.label {
                match l {
                    // Another title starts another person.
                    Label::Person | Label::Title => break,
                    Label::Country | Label::Org | Label::Place => {
                        let m = &gm[t.gaz.unwrap_or(0)];
                        if l == Label::Country {
                            // "Ambassador of Hungary to Uzbekistan": Hungary.
                            if !after_to && !seen_country {
                                country = m.country.as_deref();
                            }
                            seen_country = true;
                        } else if l == Label::Org {
                            org = Some(&m.canonical);
                        }
                        while k < n && toks[k].gaz == t.gaz {
                            k += 1;
                        }
                        continue;
                    }
                    _ => {}
                }
            }
            if t.cap
                || is_initial(t.text)
                || split_glued_initial(t.text).is_some()
                || is_honorific(t.text)
            {
                k += 1;
                continue;
            }
            break;
        }
        // Connectors at the end belong to what follows ("... and Minister").
        while k > j
            && with_lowercase(toks[k - 1].text, |w| {
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
        if let Some(p) = (j..k).find(|&x| toks[x].label == Some(Label::Person)) {
            let mut e = p;
            while e < n && toks[e].gaz == toks[p].gaz {
                e += 1;
            }
            name = Some((p, e));
        } else if k < n
            && toks[k].label == Some(Label::Person)
            && joined(text, &toks[k - 1], &toks[k])
        {
            // handled by the gazetteer pass; the title still gives a country.
            let mut e = k;
            while e < n && toks[e].gaz == toks[k].gaz {
                e += 1;
            }
            name = Some((k, e));
        } else {
            let mut s = k;
            while s > j && toks[s - 1].nameish && !is_honorific(toks[s - 1].text) && k - s < 4 {
                s -= 1;
            }
            let after_connector = s > j
                && with_lowercase(toks[s - 1].text, |w| {
                    matches!(
                        w,
                        "of" | "the" | "for" | "and" | "on" | "under" | "to" | "at"
                    )
                });
            if s < k && !after_connector {
                name = Some((s, k));
            } else if k + 1 < n && text[toks[k - 1].end..toks[k].start].trim() == "," {
                // "Minister of Foreign Affairs of Tajikistan, Sirojiddin Muhriddin,"
                let mut b = k;
                while b < n
                    && is_honorific(toks[b].text)
                    && (b == k || joined(text, &toks[b - 1], &toks[b]))
                {
                    b += 1;
                }
                let mut e = b;
                while e < n
                    && toks[e].nameish
                    && e - b < 3
                    && (e == b || joined(text, &toks[e - 1], &toks[e]))
                {
                    e += 1;
                }
                if e - b >= 2 || (e - b == 1 && toks[b].label == Some(Label::Person)) {
                    name = Some((b, e));
                }
            }
        }
        let title_end = name.map_or(k, |(s, _)| s.min(k));
        let title_end_byte = if title_end > head_start {
            toks[title_end - 1].end
        } else {
            toks[j - 1].end
        };
        let title_text = text[toks[head_start].start..title_end_byte].trim_end_matches([' ', ',']);
        titles.push(Mention {
            start: toks[head_start].start,
            end: toks[head_start].start + title_text.len(),
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
                if let Some(f) = name_from(text, &toks[s..e], gm, true) {
                    if f.entry.is_none() || !used[s] {
                        found.push(Found { country, ..f });
                    } else if let Some(last) = found.iter_mut().rev().find(|x| x.start == f.start) {
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
                if head_start >= 2
                    && text[toks[head_start - 1].end..toks[head_start].start].trim() == ","
                {
                    if let Some(last) = found
                        .iter_mut()
                        .rev()
                        .find(|f| f.end == toks[head_start - 1].end)
                    {
                        if last.country.is_none() {
                            last.country = country;
                        }
                    }
                }
                i = k.max(j);
            }
        }
    }
    // Names without a title: by shape.
    let mut i = 0;
    while i < n {
        if used[i] || toks[i].gaz.is_some() || !toks[i].nameish {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < n
            && !used[e]
            && (toks[e].gaz.is_none() && toks[e].nameish
                // After a known first name, a word the gazetteer calls a
                // place is a surname ("Robert Redford", "Sergio Garcia").
                // The first-name look-up comes last: it is the costly test.
                || e == i + 1
                    && toks[e].label == Some(Label::Place)
                    && toks[e].cap
                    && gaz.is_first_name(toks[i].text))
            && joined(text, &toks[e - 1], &toks[e])
            // "Gordon Brown's Budget": a possessive ends the name.
            && !toks[e - 1].text.ends_with("'s")
            && e - i < 4
        {
            e += 1;
        }
        let run = &toks[i..e];
        let paren_country = paren_country(text, &toks[e - 1], toks.get(e), gm);
        let shaped = run.len() >= 2 && run.len() <= 4 && {
            let first = run[0].text;
            let last = run[run.len() - 1].text;
            is_patronymic(last)
                || has_surname_suffix(last)
                || gaz.is_first_name(first)
                || split_glued_initial(first).is_some()
                || (is_initial(first) && has_surname_suffix(last))
                || (is_all_caps(first) && has_surname_suffix(first))
        };
        let shaped = shaped || (run.len() == 1 && split_glued_initial(run[0].text).is_some());
        // "Writer Tony Cowell": a capitalised word before a first name and a
        // surname is not part of the name; read the name from the next word.
        // Only after a possessive ("Chelsea's Damien Duff"), a courtesy
        // word or at the start of a sentence ("Actor Tom Hanks"): not inside
        // a longer name ("Santa Barbara County", "the Da Vinci Code").
        if !shaped
            && run.len() == 3
            && gaz.is_first_name(run[1].text)
            && !run[2].text.starts_with("I'")
            && (i == 0 || run[0].text.ends_with("'s") || is_honorific(run[0].text))
        {
            i += 1;
            continue;
        }
        // A name right after a person's possessive is a work: "Susanna
        // Clarke's Jonathan Strange", "Puccini's Madame Butterfly".
        if i > 0
            && used[i - 1]
            && toks[i - 1].text.ends_with("'s")
            && joined(text, &toks[i - 1], &toks[i])
        {
            for u in used.iter_mut().take(e).skip(i) {
                *u = true;
            }
            i = e;
            continue;
        }
        if shaped || (paren_country.is_some() && run.len() >= 2) {
            if let Some(mut f) = name_from(text, run, gm, false) {
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

/// "(Tajikistan)" right after a name.
fn paren_country<'a>(
    text: &str,
    last: &Tok,
    next: Option<&Tok>,
    gm: &'a [Mention],
) -> Option<&'a str> {
    let next = next?;
    if text[last.end..next.start].trim() != "(" {
        return None;
    }
    let g = next.gaz.filter(|_| next.label == Some(Label::Country))?;
    text[gm[g].end..]
        .trim_start()
        .starts_with(')')
        .then(|| gm[g].country.as_deref())
        .flatten()
}

/// Reads a name from a run of name-like tokens.
fn name_from<'a>(
    text: &'a str,
    run: &[Tok<'a>],
    gm: &'a [Mention],
    titled: bool,
) -> Option<Found<'a>> {
    let mut run = run;
    while let Some(t) = run.first() {
        if is_honorific(t.text) || (is_not_name(t.text) && t.gaz.is_none()) {
            run = &run[1..];
        } else {
            break;
        }
    }
    let first = run.first()?;
    let last = run.last()?;
    if let Some(g) = first.gaz.filter(|_| first.label == Some(Label::Person)) {
        let m = &gm[g];
        return Some(Found {
            start: m.start,
            end: m.end,
            form: NameForm::Full(Cow::Borrowed(&m.canonical)),
            country: m.country.as_deref(),
            entry: m.entry,
        });
    }
    let (start, mut end) = (first.start, last.end);
    // The words as written unless in capitals: borrowed from the text.
    let words: Vec<Cow<'a, str>> = run
        .iter()
        .map(|t| {
            let w = t.text.strip_suffix("'s").unwrap_or(t.text);
            if is_all_caps(w) && w.chars().count() > 1 {
                Cow::Owned(title_case(w))
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect();
    if last.text.ends_with("'s") {
        end -= 2;
    }
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
        _ if run[0]
            .text
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
            matches!(words[k - 1], Cow::Borrowed(w) if w.len() == run[k - 1].text.len())
                && matches!(&text[run[k - 1].end..run[k].start], " " | "-")
        }) && matches!(words[words.len() - 1], Cow::Borrowed(_)) =>
        {
            NameForm::Full(Cow::Borrowed(&text[start..end]))
        }
        _ => {
            // Keep the hyphen of a hyphenated name ("Kilroy-Silk").
            let mut name = words[0].to_string();
            for (k, w) in words.iter().enumerate().skip(1) {
                name.push_str(if &text[run[k - 1].end..run[k].start] == "-" {
                    "-"
                } else {
                    " "
                });
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
struct SurnameFinder<'a> {
    /// (surname key, initial, cluster) of every full name of the article.
    surname_of: &'a [(String, char, usize)],
    /// Where each cluster is named in full, in text order.
    full_at: &'a [(usize, usize)],
    /// Every capitalized word of the article is tried as a surname; words
    /// repeat, so each word's match is computed once per article: the index
    /// in `surname_of` of the first surname with the word's key, or None
    /// when no person of the article has that surname (most words). Keyed
    /// by the word itself, borrowed from the text or the found names.
    matches: FastMap<&'a str, Option<usize>>,
    /// Buffers for `translit_key_into`, reused across words.
    key_buf: String,
    scratch: KeyScratch,
    /// `key_letters` of each key of `surname_of`: most words cannot key to
    /// any of them, which their letters tell without keying them.
    letters: Vec<Option<u32>>,
}

impl<'a> SurnameFinder<'a> {
    /// The cluster whose surname is `s` (and whose initial is `initial`, if
    /// given); a surname that fits several people of the article is the one
    /// named last before byte `at`.
    fn find(&mut self, s: &'a str, initial: Option<char>, at: usize) -> Option<usize> {
        if let Some(w) = key_letters(s) {
            if !self
                .letters
                .iter()
                .any(|k| k.is_none_or(|k| may_key_to(w, k)))
            {
                return None;
            }
        }
        let first = match self.matches.get(s) {
            Some(&m) => m?,
            None => {
                self.key_buf.clear();
                translit_key_into(s, &mut self.key_buf, &mut self.scratch);
                let m = self
                    .surname_of
                    .iter()
                    .position(|(sk, _, _)| *sk == self.key_buf);
                self.matches.insert(s, m);
                m?
            }
        };
        let surname_of = self.surname_of;
        let k = surname_of[first].0.as_str();
        // The clusters with this surname key whose initial agrees, in
        // `surname_of` order.
        let hits = || {
            surname_of
                .iter()
                .filter(move |(sk, i, _)| {
                    sk == k && initial.is_none_or(|x| x.to_uppercase().eq(i.to_uppercase()))
                })
                .map(|x| x.2)
        };
        let mut it = hits();
        let hit0 = it.next()?;
        if it.next().is_none() {
            return Some(hit0);
        }
        let k = self.full_at.partition_point(|&(s, _)| s < at);
        self.full_at[..k]
            .iter()
            .rev()
            .find(|(_, c)| hits().any(|h| h == *c))
            .map_or(Some(hit0), |&(_, c)| Some(c))
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
    // Where each cluster is named in full, in text order: a surname that
    // fits several people of the article is the one named last before it.
    let full_at: Vec<(usize, usize)> = found
        .iter()
        .zip(&cluster_of)
        .filter(|&(_, &c)| c != usize::MAX)
        .map(|(f, &c)| (f.start, c))
        .collect();
    let mut surnames = SurnameFinder {
        surname_of: &surname_of,
        full_at: &full_at,
        matches: FastMap::default(),
        key_buf: String::new(),
        scratch: KeyScratch::default(),
        letters: surname_of.iter().map(|(k, _, _)| key_letters(k)).collect(),
    };
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
            let k = taken.partition_point(|&(s, _)| s < w.end);
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
            if works.contains(bare) {
                continue;
            }
            if let Some(c) = surnames.find(surname, initial, w.start) {
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

    proptest::proptest! {
        #[test]
        fn shape_agrees(w in "[a-zA-Z.'\\-ÖöΣ2]{0,10}") {
            check_shape(&w);
        }
    }
}
