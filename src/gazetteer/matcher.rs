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
    prefixes: PrefixFilter,
    /// Which first tokens and first two tokens keys start with. See
    /// `TokenFilter`.
    tokens: TokenFilter,
}

/// Which word starts can begin a key, by the text's first one or two
/// tokens, as hashes (see `Tokens`). Most word starts that pass the prefix
/// filter begin no key: "the", "and" pass it for "the state of eritrea",
/// "and tristan da cunha", and "Smith" for "Smith Barney". A walk through
/// the automaton, whose states are spread over megabytes, costs cache
/// misses at each byte; these look-ups cost one or two loads, and there are
/// no false negatives (see `Tokens`). A false positive only costs the walk.
struct TokenFilter {
    /// Two bits per slot of a first token's hash: some key starts with the
    /// token; some key that is not a pair (see `Tokens::pair`) does.
    first: BitSet,
    /// The pair hashes of the keys that are pairs.
    pairs: BitSet,
}

impl TokenFilter {
    fn new(keys: &[String]) -> TokenFilter {
        let mut first: Vec<(u64, bool)> = Vec::with_capacity(keys.len());
        let mut pairs: Vec<u64> = Vec::new();
        for k in keys {
            let t = Tokens::at(k.as_bytes(), 0);
            let pair = t.pair(k.as_bytes());
            if let Some(p) = pair {
                pairs.push(p);
            }
            first.push((t.first(), pair.is_none()));
        }
        first.sort_unstable();
        first.dedup();
        pairs.sort_unstable();
        pairs.dedup();
        // Bit 2s: a key starts with a token of slot s; bit 2s + 1: a key
        // that is not a pair does.
        let mut f = BitSet::new(first.len(), 2);
        for &(h, single) in &first {
            let slot = f.slot(h);
            set_bit(&mut f.bits, 2 * slot);
            if single {
                set_bit(&mut f.bits, 2 * slot + 1);
            }
        }
        let mut p = BitSet::new(pairs.len(), 1);
        for &h in &pairs {
            let slot = p.slot(h);
            set_bit(&mut p.bits, slot);
        }
        TokenFilter { first: f, pairs: p }
    }

    /// False only if no key can match at `start` of `text`.
    #[inline]
    fn may_start(&self, text: &[u8], start: usize) -> bool {
        let t = Tokens::at(text, start);
        let slot = self.first.slot(t.first());
        // Both bits of a slot are in one word.
        let word = self.first.bits[slot / 32] >> (2 * (slot % 32));
        if word & 1 == 0 {
            return false;
        }
        if word & 2 != 0 {
            return true;
        }
        t.pair(text)
            .is_some_and(|h| get_bit(&self.pairs.bits, self.pairs.slot(h)))
    }
}

/// One bit (or `per` bits) per slot of a hash, a one-hash Bloom filter:
/// 32 slots per member keep false positives near 3 %. For a large part
/// that is about 128 KB, so a look-up is one load that mostly hits the L2
/// cache, where a hash set of the tokens themselves missed the cache twice
/// (table, then the key); for the lower-case part a few KB, in L1.
struct BitSet {
    bits: Vec<u64>,
    /// 64 minus log2 of the number of slots: a hash's top bits pick its slot.
    shift: u32,
}

impl BitSet {
    fn new(members: usize, per: usize) -> BitSet {
        let slots = (members * 32).next_power_of_two().clamp(64, 1 << 21);
        BitSet {
            bits: vec![0; slots * per / 64],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    #[inline]
    fn slot(&self, hash: u64) -> usize {
        (hash >> self.shift) as usize
    }
}

/// The first token of the text at a word start (the leading run of ASCII
/// letters and digits, possibly empty), hashed ASCII-lower-cased, and
/// where it ends.
///
/// Why a key's first token must equal the text's for a match to stand: the
/// key is a prefix of the text at the word start (ASCII case aside), so if
/// the key holds a byte that ends its token, the text holds the same byte at
/// the same place and both tokens end there. If the key is one token, its
/// end must be a word boundary (`boundary_after`: the next character is not
/// alphanumeric), so the text's token ends there too.
///
/// The same holds for the key's first two tokens (first token, the run of
/// other bytes after it, the next run of letters and digits) when the key
/// holds all of them: a "pair" key. So at a text position whose first
/// token only pair keys start with, a key can match only if the text's
/// pair hash is one of theirs.
struct Tokens {
    /// The hash state after the first token.
    state: u64,
    end: usize,
}

/// FxHash's step, a byte at a time: tokens are short, and lower-casing on
/// the way saves a copy of the text.
#[inline]
fn hash_step(h: u64, b: u8) -> u64 {
    (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0xf135_7aea_2e62_a9c5)
}

/// The top bits of a hash pick its slot: fold the low bits' entropy up.
#[inline]
fn hash_finish(h: u64) -> u64 {
    h ^ (h << 29)
}

impl Tokens {
    #[inline]
    fn at(bytes: &[u8], start: usize) -> Tokens {
        let mut state = 0;
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            // For an ASCII letter or digit, `| 0x20` is the lower case.
            state = hash_step(state, b | 0x20);
            end += 1;
        }
        Tokens { state, end }
    }

    #[inline]
    fn first(&self) -> u64 {
        hash_finish(self.state)
    }

    /// The hash of the first two tokens and the bytes between them, or
    /// `None` if `bytes` ends before the second token does, or has no
    /// second token: then a key is not a pair.
    #[inline]
    fn pair(&self, bytes: &[u8]) -> Option<u64> {
        let mut h = self.state;
        let mut i = self.end;
        // The bytes between are not ASCII letters, so not lower-cased.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                break;
            }
            h = hash_step(h, b);
            i += 1;
        }
        let second = i;
        while let Some(&b) = bytes.get(i) {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            h = hash_step(h, b | 0x20);
            i += 1;
        }
        // A key's second token that runs to its end is complete: the
        // match's end is a word boundary. (No separator, or no second
        // token: nothing to hash.)
        (i > second && second > self.end).then(|| hash_finish(h))
    }
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

/// Which first two or three bytes a form can start with: most word starts
/// begin no form at all, and this check is much cheaper than a search. No
/// false negatives; a false positive only costs the search.
///
/// Bytes are mapped to `CLASSES` classes first (letters, digits and the
/// punctuation names use each get their own; every other byte shares one),
/// so the tables are exact for names' usual bytes and small enough (9 KB)
/// to stay in the L1 cache: a bit per byte triple would be 2 MB and miss
/// the cache on most word starts.
struct PrefixFilter {
    /// Forms of exactly two bytes: bit per class pair.
    two: Vec<u64>,
    /// Longer forms: bit per class triple.
    three: Vec<u64>,
}

const CLASSES: usize = 41;

/// Byte → class for `PrefixFilter`: 0 for bytes names rarely hold.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 26 {
        t[b'a' as usize + b] = 1 + b as u8;
        // Capitals map like their lower-case letter: the filter reads the
        // text as it is.
        t[b'A' as usize + b] = 1 + b as u8;
        b += 1;
    }
    let mut d = 0;
    while d < 10 {
        t[b'0' as usize + d] = 27 + d as u8;
        d += 1;
    }
    t[b' ' as usize] = 37;
    t[b'-' as usize] = 38;
    t[b'.' as usize] = 39;
    t[b'\'' as usize] = 40;
    t
};

impl PrefixFilter {
    fn new(keys: &[String]) -> PrefixFilter {
        let mut f = PrefixFilter {
            two: vec![0; (CLASSES * CLASSES).div_ceil(64)],
            three: vec![0; (CLASSES * CLASSES * CLASSES).div_ceil(64)],
        };
        for k in keys {
            match *k.as_bytes() {
                [a, b] => set_bit(&mut f.two, pair(a, b)),
                [a, b, c, ..] => set_bit(&mut f.three, triple(a, b, c)),
                // Forms are at least two characters, so at least two bytes.
                _ => {}
            }
        }
        f
    }

    /// Can a form start at `at` of `text` (either case: `CLASS` folds it)?
    #[inline]
    fn may_start(&self, text: &[u8], at: usize) -> bool {
        match text.get(at..) {
            Some([a, b, c, ..]) => {
                get_bit(&self.two, pair(*a, *b)) || get_bit(&self.three, triple(*a, *b, *c))
            }
            Some([a, b]) => get_bit(&self.two, pair(*a, *b)),
            _ => false,
        }
    }
}

#[inline]
fn pair(a: u8, b: u8) -> usize {
    usize::from(CLASS[usize::from(a)]) * CLASSES + usize::from(CLASS[usize::from(b)])
}

#[inline]
fn triple(a: u8, b: u8, c: u8) -> usize {
    pair(a, b) * CLASSES + usize::from(CLASS[usize::from(c)])
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
    parts: Vec<Part>,
    /// First byte, ASCII-lower-cased → index into `parts`.
    route: [u8; 256],
    /// The forms that can match text starting with an ASCII lower-case
    /// letter (sector words, triggers, titles, "al-..." names): a small
    /// automaton for most word starts. So at such a word, the longest form
    /// *that could match there* wins, rather than a longer capitalized name
    /// that would then be rejected for its case.
    lower_start: Part,
    patterns: usize,
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
        let built: Vec<Result<Part, Error>> = groups
            .into_par_iter()
            .map(|(keys, candidates)| {
                let ac = Trie::build(&keys)?;
                let tokens = TokenFilter::new(&keys);
                let prefixes = PrefixFilter::new(&keys);
                Ok(Part {
                    ac,
                    candidates,
                    prefixes,
                    tokens,
                })
            })
            .collect();
        let mut parts = built.into_iter().collect::<Result<Vec<_>, _>>()?;
        let lower_start = parts
            .pop()
            .ok_or_else(|| Error::Automaton("no automaton".into()))?;
        Ok(Matcher {
            parts,
            lower_start,
            route,
            patterns,
        })
    }

    /// Number of distinct surface forms compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// Heap bytes used by the automaton.
    pub fn memory_usage(&self) -> usize {
        self.parts
            .iter()
            .map(|p| p.ac.memory_usage())
            .sum::<usize>()
            + self.lower_start.ac.memory_usage()
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
        let (pattern, end, part) = self.longest_at(text.as_bytes(), start)?;
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

    /// The longest key at `start` of `text` (ASCII case ignored), its end,
    /// and the part it is in; `None` early where the filters show no key
    /// can match (a key found that fails the boundary check is no match
    /// either, so the filters may skip it too).
    #[inline]
    fn longest_at(&self, text: &[u8], start: usize) -> Option<(PatternID, usize, &Part)> {
        let first = *text.get(start)?;
        let part = if first.is_ascii_lowercase() {
            &self.lower_start
        } else {
            &self.parts[self.route[usize::from(first.to_ascii_lowercase())] as usize]
        };
        if !part.prefixes.may_start(text, start) {
            return None;
        }
        if !part.tokens.may_start(text, start) {
            return None;
        }
        let (pattern, end) = part.ac.longest_at(text, start)?;
        Some((pattern, end, part))
    }

    /// `longest_at` without the prefix and token filters, as it was
    /// before them: the reference the filters are tested against.
    #[cfg(test)]
    fn longest_at_unfiltered(&self, text: &[u8], start: usize) -> Option<(PatternID, usize)> {
        let first = *text.get(start)?;
        let part = if first.is_ascii_lowercase() {
            &self.lower_start
        } else {
            &self.parts[self.route[usize::from(first.to_ascii_lowercase())] as usize]
        };
        part.ac.longest_at(text, start)
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
        "new", "york", "ne", "yo", "the", "state", "of", "st", "s", "a", "b", "ab", "abc", "9",
        "al", "é", "o", " ", " ", "-", ".", "'", "’", ". ", "\u{a0}", " - ",
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

        /// The prefix and token filters never reject a position where the
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
