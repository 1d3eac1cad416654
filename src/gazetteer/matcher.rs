//! The gazetteer automaton: every canonical name and alias in one
//! Aho-Corasick automaton (leftmost-longest, over ASCII-lower-cased text, anchored
//! at word starts), and the per-alias case rules checked on each match.
//! The text is lower-cased byte by byte as it is read, never as a copy.

use aho_corasick::automaton::Automaton;
use aho_corasick::{nfa::contiguous, Anchored, MatchKind, PatternID};
use rayon::prelude::*;

use super::Entry;
use crate::error::Error;
use crate::mention::Label;
use crate::text::{boundary_after, is_all_caps};

/// How the case of a surface form must agree with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Only as written (acronyms: "SCO" but not "sco").
    Exact,
    /// As written or in capitals ("Dushanbe", "DUSHANBE"), not "dushanbe".
    Cap,
    /// ASCII case ignored (sector words, triggers, titles).
    Fold,
}

/// One candidate reading of a surface form.
#[derive(Clone, Debug)]
struct Candidate {
    entry: u32,
    surface: Box<str>,
    case: CaseRule,
}

impl Candidate {
    /// Can this reading match text that starts with a lower-case letter?
    fn matches_lower_case_start(&self) -> bool {
        self.case == CaseRule::Fold || !self.surface.starts_with(|c: char| c.is_uppercase())
    }
}

/// A match of the automaton that passed the boundary and case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// Number of automata the surface forms are split into, by first byte.
/// A search starts at a word start, so the first byte of the text there
/// picks the one automaton that can match; the parts are compiled in
/// parallel, which halves start-up on two cores.
const PARTS: usize = 4;

/// One automaton over the surface forms whose first byte routes to it, and
/// per pattern its candidate entries in order of preference.
struct Part {
    ac: Trie,
    candidates: Vec<Vec<Candidate>>,
    /// The second level of the token filter; the first is in
    /// `Matcher::first_bits`. See `TokenFilter`.
    single: Vec<u64>,
    pairs: BitSet,
}

impl Part {
    /// After `Matcher::filter` let `start` through: the rest of the token
    /// filter, then the walk. Not inlined: it runs at one word start in
    /// six or so.
    #[inline(never)]
    fn confirm(&self, text: &[u8], start: usize, first: FirstToken) -> Option<(PatternID, usize)> {
        if !get_bit(&self.single, first.slot) && !pair_may_start(&self.pairs, text, start, &first) {
            return None;
        }
        self.ac.longest_at(text, start)
    }
}

/// Which word starts can begin a key, by the text's first token and the
/// second window after it (see `FirstToken` and `second_window`), as
/// hashes. Most word starts begin no key: "the", "and" start "the state of
/// eritrea", "and tristan da cunha", and "Smith" starts "Smith Barney". A
/// walk through the automaton, whose states are spread over megabytes,
/// costs cache misses at each byte; these look-ups cost one or two loads,
/// and there are no false negatives. A false positive only costs the walk.
struct TokenFilter {
    /// A bit per slot of a first token's hash: some key starts with the
    /// token.
    first: BitSet,
    /// A bit per slot of `first`: some key that starts with the token has
    /// no complete second window (see `second_window`). Apart from `first`
    /// so that the test at every word start is of one bit.
    single: Vec<u64>,
    /// The hashes of first token and second window of the keys whose
    /// second window is complete.
    pairs: BitSet,
}

impl TokenFilter {
    fn new(keys: &[String]) -> TokenFilter {
        let mut first: Vec<(u64, bool)> = Vec::with_capacity(keys.len());
        let mut pairs: Vec<u64> = Vec::new();
        for k in keys {
            let k = k.as_bytes();
            let t = FirstToken::at(k, 0);
            let end = t.end(k, 0);
            // Complete: the key holds all 8 bytes of its second window, or
            // the bytes up to where it is cut (a letter or digit after
            // `end` starts a run that ends in the key or at its end, where
            // a match's word boundary cuts the text's window too).
            let complete = k.len() - end >= 8 || k[end..].iter().any(u8::is_ascii_alphanumeric);
            if complete {
                pairs.push(pair_hash(t.window, second_window(k, end)));
            }
            first.push((first_hash(t.window), !complete));
        }
        first.sort_unstable();
        first.dedup();
        pairs.sort_unstable();
        pairs.dedup();
        let mut f = BitSet::new(first.len());
        let mut single = vec![0; f.bits.len()];
        for &(h, is_single) in &first {
            let slot = f.slot(h);
            set_bit(&mut f.bits, slot);
            if is_single {
                set_bit(&mut single, slot);
            }
        }
        let mut p = BitSet::new(pairs.len());
        for &h in &pairs {
            let slot = p.slot(h);
            set_bit(&mut p.bits, slot);
        }
        TokenFilter {
            first: f,
            single,
            pairs: p,
        }
    }
}

/// Where the first token `t` passed `Matcher::filter` but only keys with a
/// complete second window start with it: false only if none of them can
/// match at `start` of `text`.
#[inline]
fn pair_may_start(pairs: &BitSet, text: &[u8], start: usize, t: &FirstToken) -> bool {
    let second = second_window(text, t.end(text, start));
    get_bit(&pairs.bits, pairs.slot(pair_hash(t.window, second)))
}

/// One bit per slot of a hash, a one-hash Bloom filter:
/// 32 slots per member keep false positives near 3 %. For a large part
/// that is about 64 KB, so a look-up is one load that mostly hits the L2
/// cache, where a hash set of the tokens themselves missed the cache twice
/// (table, then the key); for the lower-case part a few KB, in L1.
struct BitSet {
    bits: Vec<u64>,
    /// 64 minus log2 of the number of slots: a hash's top bits pick its slot.
    shift: u32,
}

impl BitSet {
    fn new(members: usize) -> BitSet {
        let slots = (members * 32).next_power_of_two().clamp(64, 1 << 21);
        BitSet {
            bits: vec![0; slots / 64],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }
}

// Windows: 8 bytes of text read as one little-endian word, tested a byte
// at a time in parallel (SWAR), so that a word start's first token is
// found and hashed with a handful of operations and no loop or branch
// per byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const ONES: u64 = 0x0101_0101_0101_0101;
/// `| CASE` lower-cases ASCII letters; other bytes change too, but alike
/// in a key (lower-cased) and the text, so equal stays equal.
const CASE: u64 = 0x2020_2020_2020_2020;

/// The 8 bytes at `at` of `bytes`, zeros past its end.
#[inline(always)]
fn load8(bytes: &[u8], at: usize) -> u64 {
    // One compare where 8 bytes are there (the test lets the compiler drop
    // the slice's own checks).
    if at < bytes.len().saturating_sub(7) {
        if let Some(b) = bytes[at..at + 8].first_chunk::<8>() {
            return u64::from_le_bytes(*b);
        }
    }
    load8_tail(bytes, at)
}

#[cold]
fn load8_tail(bytes: &[u8], at: usize) -> u64 {
    let rest = bytes.get(at..).unwrap_or_default();
    let mut b = [0u8; 8];
    let n = rest.len().min(8);
    b[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(b)
}

/// The high bits of the bytes of `x` that are not ASCII letters, exact up
/// to and including the lowest such byte, which is all that `cut` and
/// `FirstToken::end` read: a sum carries into the next byte only out of a
/// byte of 0xe1 or more, which is not ASCII, so is that lowest byte or
/// above it. (`letter_bytes` is exact for every byte, for two more
/// operations.) A byte of 0x80 or more is flagged without a test of its
/// own: its `past_z` has the high bit, or if that sum wrapped (0xfb and
/// up), its `from_a` does not.
///
/// A first token is a run of letters: digits end it as punctuation does.
/// What the filter needs is that a byte that can follow a match (one that
/// does not start an alphanumeric character) ends a token, and that keys
/// and text are split alike; with digits in tokens, every word start would
/// cost four more operations, for the few that start with a digit.
#[inline(always)]
fn first_stop(x: u64) -> u64 {
    let l = x | CASE;
    let from_a = l.wrapping_add((0x80 - u64::from(b'a')) * ONES);
    let past_z = l.wrapping_add((0x7f - u64::from(b'z')) * ONES);
    (!from_a | past_z) & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter. (Each sum
/// stays within its byte: the operands are at most 0x7f and 0x1f.)
#[inline]
fn letter_bytes(x: u64) -> u64 {
    let l = (x | CASE) & LOW7;
    let from_a = l + (0x80 - u64::from(b'a')) * ONES;
    let past_z = l + (0x7f - u64::from(b'z')) * ONES;
    from_a & !past_z & !x & HIGH
}

/// The high bit of each byte of `x` that is an ASCII letter or digit. The
/// second window counts digits in its token: then at a word start with a
/// digit (an empty first token) the number is the second token, and "2004"
/// is told from "20" without a walk.
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    let d = x & LOW7;
    let from_0 = d + (0x80 - u64::from(b'0')) * ONES;
    let past_9 = d + (0x7f - u64::from(b'9')) * ONES;
    letter_bytes(x) | (from_0 & !past_9 & !x & HIGH)
}

/// `x` up to the first byte whose high bit is set in `stop`, zeros from
/// there; all of `x` if `stop` is 0.
#[inline]
fn cut(x: u64, stop: u64) -> u64 {
    let first = stop & stop.wrapping_neg();
    x & (first >> 7).wrapping_sub(1)
}

/// The first token of the text at a word start: the leading run of ASCII
/// letters, possibly empty, as its first 8 bytes lower-cased (zeros after
/// a shorter token), or the first byte if empty.
///
/// Why a key's first token must equal the text's for a match to stand: the
/// key is a prefix of the text at the word start (ASCII case aside), so if
/// the key holds a byte that ends its token, the text holds the same byte at
/// the same place and both tokens end there. If the key is one token, its
/// end must be a word boundary (`boundary_after`: the next character is not
/// alphanumeric), so the text's token ends there too. Equal tokens have
/// equal first 8 bytes.
struct FirstToken {
    window: u64,
    /// The text's first byte, as it is.
    byte: u8,
    /// The high bits of the window's bytes that are not ASCII letters.
    stop: u64,
    /// Set by `Matcher::filter`: the token's slot in its part's
    /// `TokenFilter`.
    slot: usize,
}

impl FirstToken {
    #[inline(always)]
    fn at(bytes: &[u8], start: usize) -> FirstToken {
        let x = load8(bytes, start);
        let stop = first_stop(x);
        let lower = x | CASE;
        FirstToken {
            // With the first byte whatever it is: at a word start with a
            // digit or a non-ASCII letter (an empty token) the window is
            // then that byte, not 0 for all of them alike. (At a letter
            // this changes nothing.)
            window: cut(lower, stop) | (lower & 0xff),
            byte: x as u8,
            stop,
            slot: 0,
        }
    }

    /// Where the token ends.
    #[inline]
    fn end(&self, bytes: &[u8], start: usize) -> usize {
        if self.stop != 0 {
            return start + (self.stop.trailing_zeros() / 8) as usize;
        }
        // A token of 8 bytes or more: the rest a byte at a time.
        let mut end = start + 8;
        while bytes.get(end).is_some_and(u8::is_ascii_alphabetic) {
            end += 1;
        }
        end
    }
}

/// The second window: the 8 bytes after the first token, cut after the
/// separator and the second token (the first run of letters and digits),
/// ASCII-lower-cased. The cut depends only on which bytes are letters or
/// digits, so it falls at the same place in a key and in the text where
/// the key matches, if the key holds the bytes up to it (see
/// `TokenFilter::new`): then the two windows are equal. (A name in another
/// script has an empty first token, and a window of its first 8 bytes.)
#[inline]
fn second_window(bytes: &[u8], end: usize) -> u64 {
    let x = load8(bytes, end);
    let a = alnum_bytes(x);
    // The bytes at and after the first letter or digit; none if none.
    let from_token = (a & a.wrapping_neg()).wrapping_neg();
    cut(x | CASE, !a & HIGH & from_token)
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

/// A multiplicative hash, whose top bits (the slot) depend on every byte of
/// the window: a change in byte i changes bits 8i and up of the product.
#[inline(always)]
fn first_hash(window: u64) -> u64 {
    window.wrapping_mul(K)
}

/// Here the shifts fold each window's high bytes into the low ones, so that
/// both windows reach all of the slot bits evenly.
#[inline]
fn pair_hash(first: u64, second: u64) -> u64 {
    let mix = |w: u64| (w ^ (w >> 29)).wrapping_mul(K);
    mix(first.rotate_left(17) ^ mix(second))
}

/// A part's automaton: a contiguous NFA. (A DFA over tens of thousands of
/// names takes too long to build, and since the token filters leave few
/// walks, one even for the 600 lower-case forms no longer pays for its
/// 2.4 MB.) Held as the concrete type, not `AhoCorasick`, so that the
/// anchored walk in `longest_at` is inlined: one search per word start
/// makes the per-call set-up of `AhoCorasick::find` a real cost.
struct Trie(contiguous::NFA);

impl Trie {
    fn build(keys: &[String]) -> Result<Trie, Error> {
        // Keys and searched text are both ASCII-lower-cased (the text as
        // it is read), so the automaton is case-sensitive: half the
        // transitions of an ASCII-case-insensitive one, and half the compile
        // time. Searches are anchored, which never uses a prefilter.
        contiguous::NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(keys)
            .map(Trie)
            .map_err(|e| Error::Automaton(e.to_string()))
    }

    fn memory_usage(&self) -> usize {
        self.0.memory_usage()
    }

    /// The longest key that is a prefix of `hay[start..]` ASCII-lower-cased,
    /// and its end.
    fn longest_at(&self, hay: &[u8], start: usize) -> Option<(PatternID, usize)> {
        longest_anchored(&self.0, hay, start)
    }
}

/// An anchored leftmost-longest walk, as `Automaton::try_find` does it for
/// an anchored search: follow the trie from `start` until the dead state,
/// keeping the last match that starts at `start`. (A match state can also
/// carry a shorter key reached through a failure transition; that one
/// starts later and is skipped, as the crate's own search skips it.)
#[inline]
fn longest_anchored<A: Automaton>(aut: &A, hay: &[u8], start: usize) -> Option<(PatternID, usize)> {
    let mut sid = aut.start_state(Anchored::Yes).ok()?;
    let mut found = None;
    // Keys are at least two bytes, so the start state is never a match.
    for (at, &b) in hay.iter().enumerate().skip(start) {
        sid = aut.next_state(Anchored::Yes, sid, b.to_ascii_lowercase());
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                break;
            }
            if aut.is_match(sid) {
                let pid = aut.match_pattern(sid, 0);
                if (at + 1).checked_sub(aut.pattern_len(pid)) == Some(start) {
                    found = Some((pid, at + 1));
                }
            }
        }
    }
    found
}

fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

#[inline]
fn get_bit(bits: &[u64], i: usize) -> bool {
    bits[i / 64] >> (i % 64) & 1 == 1
}

/// The compiled automata.
pub struct Matcher {
    /// `PARTS` parts by first byte, then the forms that can match text
    /// starting with an ASCII lower-case letter (sector words, triggers,
    /// titles, "al-..." names): a small automaton for most word starts. So
    /// at such a word, the longest form *that could match there* wins,
    /// rather than a longer capitalized name that would then be rejected
    /// for its case.
    parts: Vec<Part>,
    /// The text's first byte → its part and where that part's first-token
    /// bits are: one look-up, where a test for lower case then a look-up
    /// cost a branch that went either way, and the part's own fields were
    /// two more loads.
    route: [Route; 256],
    /// The first level of each part's `TokenFilter`, one after the other.
    first_bits: Vec<u64>,
    patterns: usize,
}

#[derive(Clone, Copy, Default)]
struct Route {
    /// Where the part's bits start in `Matcher::first_bits`.
    offset: u32,
    /// The part's `BitSet::shift`.
    shift: u8,
    /// Index into `Matcher::parts`.
    part: u8,
}

fn label_rank(l: Label) -> u8 {
    match l {
        Label::Person => 0,
        Label::Org => 1,
        Label::Country => 2,
        Label::Place => 3,
        Label::Title => 4,
        Label::Sector => 5,
        Label::Trigger => 6,
        Label::Stop => 7,
        _ => 8,
    }
}

fn default_case(label: Label, surface: &str) -> CaseRule {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if is_all_caps(surface) && letters <= 6 && !surface.contains(' ') {
        return CaseRule::Exact;
    }
    match label {
        Label::Title | Label::Sector | Label::Trigger => CaseRule::Fold,
        _ => CaseRule::Cap,
    }
}

fn case_ok(rule: CaseRule, surface: &str, found: &str) -> bool {
    match rule {
        CaseRule::Fold => true,
        CaseRule::Exact => surface == found,
        CaseRule::Cap => {
            surface == found || (is_all_caps(found) && found.eq_ignore_ascii_case(surface))
        }
    }
}

impl Matcher {
    /// Compiles the automaton. FIRSTNAME entries are word lists, not patterns.
    pub fn build(entries: &[Entry]) -> Result<Matcher, Error> {
        // (key, entry, surface) in file order; a stable sort by key then
        // groups each key's readings, still in file order.
        let mut forms: Vec<(String, u32, &str)> = Vec::new();
        for (id, e) in entries.iter().enumerate() {
            let label = e.label();
            if label == Label::FirstName {
                continue;
            }
            for surface in std::iter::once(&e.canonical).chain(&e.aliases) {
                if surface.chars().count() < 2 {
                    continue;
                }
                forms.push((surface.to_ascii_lowercase(), id as u32, surface.as_str()));
            }
        }
        forms.par_sort_by(|a, b| a.0.cmp(&b.0));
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (key, id, surface) in forms {
            if keys.last() != Some(&key) {
                keys.push(key);
                candidates.push(Vec::new());
            }
            let Some(list) = candidates.last_mut() else {
                continue;
            };
            if list.iter().any(|c| c.entry == id && &*c.surface == surface) {
                continue;
            }
            let e = &entries[id as usize];
            list.push(Candidate {
                entry: id,
                surface: surface.into(),
                case: e.case.unwrap_or_else(|| default_case(e.label(), surface)),
            });
        }
        for list in &mut candidates {
            // Stable: file order decides within a label.
            list.sort_by_key(|c| label_rank(entries[c.entry as usize].label()));
        }
        let patterns = keys.len();
        let route = route_by_first_byte(&keys);
        // Groups 0..PARTS by first byte; group PARTS: the forms that can
        // match where the text has a lower-case letter.
        let mut groups: Vec<(Vec<String>, Vec<Vec<Candidate>>)> =
            (0..=PARTS).map(|_| (Vec::new(), Vec::new())).collect();
        for (key, list) in keys.into_iter().zip(candidates) {
            if list.iter().any(Candidate::matches_lower_case_start) {
                groups[PARTS].0.push(key.clone());
                groups[PARTS].1.push(list.clone());
            }
            let g = &mut groups[route[usize::from(key.as_bytes()[0])] as usize];
            g.0.push(key);
            g.1.push(list);
        }
        // In the caller's rayon pool, so that `-j 1` compiles on one thread.
        let built: Vec<Result<(Part, BitSet), Error>> = groups
            .into_par_iter()
            .map(|(keys, candidates)| {
                let ac = Trie::build(&keys)?;
                let TokenFilter {
                    first,
                    single,
                    pairs,
                } = TokenFilter::new(&keys);
                let part = Part {
                    ac,
                    candidates,
                    single,
                    pairs,
                };
                Ok((part, first))
            })
            .collect();
        let mut parts = Vec::with_capacity(PARTS + 1);
        let mut first_bits = Vec::new();
        let mut part_routes = Vec::with_capacity(PARTS + 1);
        for b in built {
            let (part, first) = b?;
            part_routes.push(Route {
                offset: u32::try_from(first_bits.len())
                    .map_err(|_| Error::Automaton("token filter too large".into()))?,
                shift: first.shift as u8,
                part: parts.len() as u8,
            });
            first_bits.extend_from_slice(&first.bits);
            parts.push(part);
        }
        let mut text_route = [Route::default(); 256];
        for (b, r) in text_route.iter_mut().enumerate() {
            let b = b as u8;
            let part = if b.is_ascii_lowercase() {
                PARTS
            } else {
                usize::from(route[usize::from(b.to_ascii_lowercase())])
            };
            *r = part_routes[part];
        }
        Ok(Matcher {
            parts,
            route: text_route,
            first_bits,
            patterns,
        })
    }

    /// Number of distinct surface forms compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// Heap bytes used by the automaton.
    pub fn memory_usage(&self) -> usize {
        self.parts.iter().map(|p| p.ac.memory_usage()).sum()
    }

    /// The longest surface form that starts exactly at `start` and ends on a
    /// word boundary, with the first candidate entry that accepts it.
    /// `accept` lets the caller veto a candidate (ambiguous names out of a
    /// place context); vetoed candidates give way to the next one.
    #[inline]
    pub fn match_at(
        &self,
        text: &str,
        start: usize,
        entries: &[Entry],
        accept: impl Fn(&Entry, usize, usize) -> bool,
    ) -> Option<GazMatch> {
        let (part, first) = self.filter(text.as_bytes(), start)?;
        let (pattern, end) = part.confirm(text.as_bytes(), start, first)?;
        if !text.is_char_boundary(end) || !boundary_after(text, end) {
            return None;
        }
        let found = &text[start..end];
        for c in &part.candidates[pattern.as_usize()] {
            if !case_ok(c.case, &c.surface, found) {
                continue;
            }
            let e = &entries[c.entry as usize];
            if e.label() == Label::Stop {
                return None;
            }
            if accept(e, start, end) {
                return Some(GazMatch {
                    start,
                    end,
                    entry: c.entry,
                });
            }
        }
        None
    }

    /// The part whose keys could start at `start` of `text`, and the
    /// text's first token there; `None` where the first token shows that
    /// none can. Inlined into the caller's loop over word starts: most are
    /// rejected here, with no call, no loop and one well-predicted branch.
    #[inline(always)]
    fn filter(&self, text: &[u8], start: usize) -> Option<(&Part, FirstToken)> {
        let mut first = FirstToken::at(text, start);
        // Past the end of `text` the window is zeros: a part is picked all
        // the same, and its walk finds nothing.
        let r = self.route[usize::from(first.byte)];
        let slot = (first_hash(first.window) >> r.shift) as usize;
        if self.first_bits[r.offset as usize + slot / 64] >> (slot % 64) & 1 == 0 {
            return None;
        }
        first.slot = slot;
        Some((&self.parts[usize::from(r.part)], first))
    }

    /// The longest key at `start` of `text` (ASCII case ignored), its end,
    /// and the part it is in; `None` early where the filters show no key
    /// can match (a key found that fails the boundary check is no match
    /// either, so the filters may skip it too).
    #[cfg(test)]
    fn longest_at(&self, text: &[u8], start: usize) -> Option<(PatternID, usize, &Part)> {
        let (part, first) = self.filter(text, start)?;
        let (pattern, end) = part.confirm(text, start, first)?;
        Some((pattern, end, part))
    }

    /// `longest_at` without the token filter, as it was before it: the
    /// reference the filter is tested against.
    #[cfg(test)]
    fn longest_at_unfiltered(&self, text: &[u8], start: usize) -> Option<(PatternID, usize)> {
        let first = *text.get(start)?;
        self.parts[usize::from(self.route[usize::from(first)].part)]
            .ac
            .longest_at(text, start)
    }

    /// The entry whose surface form is exactly `name`.
    pub fn lookup(&self, name: &str, entries: &[Entry]) -> Option<u32> {
        self.match_at(name, 0, entries, |_, _, _| true)
            .filter(|m| m.end == name.len())
            .map(|m| m.entry)
    }
}

/// Splits the first bytes into `PARTS` groups of about equal total key
/// length (compile time grows with it), heaviest bytes first.
fn route_by_first_byte(keys: &[String]) -> [u8; 256] {
    let mut weight = [0usize; 256];
    for k in keys {
        weight[usize::from(k.as_bytes()[0])] += k.len();
    }
    let mut order: Vec<usize> = (0..256).collect();
    order.sort_by_key(|&b| (std::cmp::Reverse(weight[b]), b));
    let mut load = [0usize; PARTS];
    let mut route = [0u8; 256];
    for b in order {
        let lightest = (0..PARTS).min_by_key(|&p| (load[p], p)).unwrap_or(0);
        load[lightest] += weight[b];
        route[b] = lightest as u8;
    }
    route
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;
    use crate::text::boundary_after;

    fn g() -> Gazetteer {
        Gazetteer::from_sources(&[(
            "t.tsv",
            "Shanghai Cooperation Organization\tORG\tSCO\t\t\n\
             Dushanbe\tPLACE\tDuschanbe\tTajikistan\t\n\
             Georgia\tCOUNTRY\t\t\t\n\
             Georgia\tPLACE\t\tUnited States\t\n\
             green energy\tSECTOR\tclean energy\t\t\n\
             energy\tSECTOR\t\t\t\n",
        )])
        .unwrap()
    }

    fn find(g: &Gazetteer, text: &str, at: usize) -> Option<String> {
        g.matcher()
            .match_at(text, at, g.entries(), |_, _, _| true)
            .map(|m| format!("{}={}", &text[m.start..m.end], g.entry(m.entry).canonical))
    }

    #[test]
    fn case_rules() {
        let g = g();
        assert_eq!(
            find(&g, "the SCO summit", 4).as_deref(),
            Some("SCO=Shanghai Cooperation Organization")
        );
        assert_eq!(find(&g, "the sco summit", 4), None);
        assert_eq!(
            find(&g, "DUSHANBE, 19", 0).as_deref(),
            Some("DUSHANBE=Dushanbe")
        );
        assert_eq!(find(&g, "dushanbe", 0), None);
        assert_eq!(
            find(&g, "Green Energy", 0).as_deref(),
            Some("Green Energy=green energy")
        );
    }

    use proptest::prelude::*;

    /// Pieces of names and texts: tokens that share prefixes, the bytes
    /// names put between tokens, a non-ASCII letter and a wide space.
    const PIECES: &[&str] = &[
        "new",
        "york",
        "ne",
        "yo",
        "the",
        "state",
        "of",
        "st",
        "s",
        "a",
        "b",
        "ab",
        "abc",
        "9",
        "al",
        "é",
        "o",
        " ",
        " ",
        "-",
        ".",
        "'",
        "’",
        ". ",
        "\u{a0}",
        " - ",
        // Tokens and separators around the 8 bytes the filter reads at once.
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "ду",
        "душанбе",
        "        ",
    ];

    fn piece() -> impl Strategy<Value = String> {
        (prop::sample::select(PIECES), 0..3u8).prop_map(|(p, case)| match case {
            0 => p.to_string(),
            1 => p.to_uppercase(),
            _ => {
                let mut c = p.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
    }

    fn phrase(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 1..max).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The token filter never rejects a position where the
        /// unfiltered search finds a key that ends on a word boundary (what
        /// `match_at` goes on to check), and where it finds none or one
        /// that does not, the filtered search finds none or the same.
        #[test]
        fn filters_never_reject_a_match(
            names in prop::collection::vec((phrase(5), 0..3usize), 1..40),
            texts in prop::collection::vec(phrase(14), 1..8),
        ) {
            const LABELS: [&str; 3] = ["PLACE", "TITLE", "ORG"];
            let src: String = names
                .iter()
                .filter(|(n, _)| !n.trim().is_empty())
                .map(|(n, l)| format!("{}\t{}\t\t\t\n", n.trim(), LABELS[*l]))
                .collect();
            let g = Gazetteer::from_sources(&[("t.tsv", &src)]).unwrap();
            let m = g.matcher();
            // The names themselves, and texts made of the same pieces.
            let mut all: Vec<String> = names.iter().map(|(n, _)| n.clone()).collect();
            all.extend(texts);
            for text in &all {
                let stands = |r: Option<(usize, usize)>| {
                    r.filter(|&(_, end)| text.is_char_boundary(end) && boundary_after(text, end))
                };
                for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let want = m
                        .longest_at_unfiltered(text.as_bytes(), start)
                        .map(|(p, e)| (p.as_usize(), e));
                    let got = m
                        .longest_at(text.as_bytes(), start)
                        .map(|(p, e, _)| (p.as_usize(), e));
                    prop_assert_eq!(stands(got), stands(want), "{:?} at {}", text, start);
                }
            }
        }
    }

    /// 8 bytes that are mostly ASCII letters, digits and punctuation, in
    /// both cases, with some bytes of other scripts.
    fn window_bytes() -> impl Strategy<Value = [u8; 8]> {
        prop::array::uniform8(prop_oneof![
            4 => b'a'..=b'z',
            2 => b'A'..=b'Z',
            1 => b'0'..=b'9',
            2 => prop::sample::select(&b" .-'@[`{\x00\x7f"[..]),
            2 => any::<u8>(),
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The SWAR byte tests agree with the byte-at-a-time ones.
        #[test]
        fn byte_classes_as_one_at_a_time(b in window_bytes()) {
            use super::{alnum_bytes, cut, first_stop, letter_bytes, load8, CASE, HIGH};
            let x = u64::from_le_bytes(b);
            prop_assert_eq!(load8(&b, 0), x);
            let flags = |f: fn(&u8) -> bool| {
                b.iter()
                    .enumerate()
                    .filter(|(_, c)| f(c))
                    .map(|(i, _)| 0x80u64 << (8 * i))
                    .sum::<u64>()
            };
            prop_assert_eq!(letter_bytes(x), flags(u8::is_ascii_alphabetic));
            prop_assert_eq!(alnum_bytes(x), flags(u8::is_ascii_alphanumeric));
            // `first_stop` is exact up to its lowest bit.
            let stop = !letter_bytes(x) & HIGH;
            prop_assert_eq!(first_stop(x).trailing_zeros(), stop.trailing_zeros());
            // The token, lower-cased, zeros after it.
            let n = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let mut token = [0u8; 8];
            for (t, c) in token.iter_mut().zip(&b[..n]) {
                *t = c.to_ascii_lowercase();
            }
            prop_assert_eq!(cut(x | CASE, first_stop(x)), u64::from_le_bytes(token));
            // Short slices read as zeros past their end.
            let short = &b[..n];
            let mut padded = [0u8; 8];
            padded[..n].copy_from_slice(short);
            prop_assert_eq!(load8(short, 0), u64::from_le_bytes(padded));
        }
    }

    #[test]
    fn boundaries_and_longest() {
        let g = g();
        assert_eq!(find(&g, "Dushanbeh", 0), None);
        assert_eq!(
            find(&g, "clean energy sector", 0).as_deref(),
            Some("clean energy=green energy")
        );
        assert_eq!(
            find(&g, "Dushanbe's", 0).as_deref(),
            Some("Dushanbe=Dushanbe")
        );
        let georgia = g.lookup("Georgia").unwrap();
        assert_eq!(g.entry(georgia).label(), crate::mention::Label::Country);
    }
}
