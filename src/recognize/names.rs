//! Name shape: what a person's name looks like in the genre — capitalized
//! words, surname endings common in the region, first-name lists, initials,
//! patronymics — and the words that look like names but are not.

use std::sync::OnceLock;

/// The word sets and per-document maps of person recognition hash with
/// `rustc-hash` (the "Fx" scheme): their keys are short words looked up many
/// times per document, and SipHash, std's default, costs more than the
/// lookup itself there. Not DoS-resistant, which is fine: the maps are
/// rebuilt per document and their size is bounded by its words.
pub type FastSet<T> = rustc_hash::FxHashSet<T>;
/// `HashMap` with the Fx hasher; see [`FastSet`].
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Spelling variants that transliteration from Cyrillic, Tajik, Uzbek,
/// Azerbaijani and Turkish produces, folded in this order by `translit_key`.
const TRANSLIT: &[(&str, &str)] = &[
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("q", "k"),
    ("ck", "k"),
    ("iy", "i"),
    ("yy", "i"),
    ("ye", "e"),
    ("ie", "e"),
    ("zade", "zoda"),
    ("ou", "u"),
    ("w", "v"),
    ("ph", "f"),
    ("ş", "sh"),
    ("ç", "ch"),
    ("ə", "a"),
    ("ı", "i"),
    ("ğ", "g"),
    ("ö", "o"),
    ("ü", "u"),
];

/// Surname endings common in Central Asia, the Caucasus and Russia.
const SURNAME_SUFFIXES: &[&str] = &[
    "zoda", "zade", "zod", "ova", "eva", "yeva", "ov", "ev", "yev", "iev", "uly", "kyzy", "qizi",
    "yan", "shvili", "dze", "enko", "oglu", "ogly", "bekov", "jonov",
];

/// Patronymic endings: "Karimov Aziz Bakhtiyorovich" is surname-first.
const PATRONYMIC_SUFFIXES: &[&str] = &[
    "ovich", "evich", "ovna", "evna", "ogly", "ugli", "o'g'li", "kyzy", "qizi", "ovych", "ivna",
];

/// Courtesy words that stand before a name and are not part of it.
pub const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "dame",
    "honorable",
    "honourable",
    "his",
    "her",
    "excellency",
    "excellencies",
    "h.e",
    "he",
    "tan",
    "sri",
    "dato",
    "dato'",
    "datuk",
    "datin",
    "sheikh",
    "shaikh",
    "mister",
    "madam",
    "lord",
    "lady",
    "highness",
    "majesty",
    "royal",
    "hon",
    "the",
    "comrade",
    "academician",
];

/// Capitalized words of the genre that are never part of a person's name.
const NOT_NAME: &[&str] = &[
    // Verbs of a headline in title case ("President Elbegdorj Held a
    // Telephone Conversation", "Georgian PM, FM Hold Phone Talks"): no
    // name word; each also stands for its form with "s".
    "held",
    "hold",
    "meet",
    "met",
    "sign",
    "signed",
    "visit",
    "visited",
    "discuss",
    "discussed",
    "discusses",
    "receive",
    "received",
    "host",
    "hosted",
    "agree",
    "agreed",
    "attend",
    "attended",
    "conclude",
    "concluded",
    "begin",
    "pay",
    "paid",
    "call",
    "assistant",
    "regional",
    "integration",
    "the",
    "a",
    "an",
    "and",
    "of",
    "in",
    "on",
    "at",
    "for",
    "to",
    "with",
    "by",
    "from",
    "during",
    "after",
    "before",
    "as",
    "it",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "his",
    "her",
    "their",
    "our",
    "its",
    "republic",
    "ministry",
    "minister",
    "committee",
    "council",
    "commission",
    "government",
    "state",
    "national",
    "agency",
    "bank",
    "university",
    "embassy",
    "parliament",
    "assembly",
    "president",
    "presidential",
    "prime",
    "deputy",
    "foreign",
    "affairs",
    "economic",
    "economy",
    "development",
    "trade",
    "ecology",
    "natural",
    "resources",
    "energy",
    "water",
    "industry",
    "new",
    "technologies",
    "finance",
    "health",
    "social",
    "protection",
    "population",
    "education",
    "science",
    "culture",
    "transport",
    "justice",
    "internal",
    "interior",
    "defense",
    "defence",
    "labor",
    "labour",
    "migration",
    "employment",
    "emergency",
    "situations",
    "agriculture",
    "investment",
    "investments",
    "property",
    "management",
    "international",
    "intergovernmental",
    "cooperation",
    "office",
    "administration",
    "secretariat",
    "executive",
    "chairman",
    "chairperson",
    "head",
    "director",
    "ambassador",
    "speaker",
    "senate",
    "majlis",
    "majlisi",
    "oliy",
    "milli",
    "namoyandagon",
    "federation",
    "kingdom",
    "united",
    "union",
    "organization",
    "organisation",
    "group",
    "forum",
    "summit",
    "session",
    "meeting",
    "declaration",
    "agreement",
    "memorandum",
    "protocol",
    "program",
    "programme",
    "strategy",
    "plan",
    "road",
    "map",
    "roadmap",
    "east",
    "west",
    "north",
    "south",
    "central",
    "asia",
    "asian",
    "european",
    "eurasian",
    "islamic",
    "world",
    "global",
    "city",
    "region",
    "province",
    "district",
    "chamber",
    "court",
    "supreme",
    "constitutional",
    "police",
    "army",
    "forces",
    "service",
    "services",
    "centre",
    "center",
    "institute",
    "academy",
    "company",
    "corporation",
    "holding",
    "fund",
    "foundation",
    "house",
    "palace",
    "hall",
    "airport",
    "station",
    "plant",
    "factory",
    "project",
    "projects",
    "mr",
    "mrs",
    "ms",
    "dr",
    "according",
    "however",
    "also",
    "besides",
    "moreover",
    "meanwhile",
    "furthermore",
    "today",
    "yesterday",
    "tomorrow",
    "photo",
    "source",
    "read",
    "news",
    "press",
    "release",
    "tajik",
    "azerbaijani",
    "uzbek",
    "kazakh",
    "kyrgyz",
    "turkmen",
    "russian",
    "chinese",
    "turkish",
    "iranian",
    "afghan",
    "pakistani",
    "indian",
    "american",
    "british",
    "german",
    "french",
    "general",
    "secretary",
    "special",
    "envoy",
    "representative",
    "permanent",
    "vice",
    "first",
    "second",
    "third",
    "senior",
    "chief",
    "leader",
    "nation",
    "founder",
    "peace",
    "unity",
    "sides",
    "parties",
    "delegation",
    "delegations",
    "both",
    "two",
    "all",
    "said",
    "noted",
    "stressed",
    "emphasized",
    "according",
    "following",
    "within",
    "under",
    "between",
    "among",
    "there",
    "here",
    "what",
    "when",
    "where",
    "which",
    "who",
    "while",
    "since",
    "until",
    "if",
    "but",
    "or",
    "so",
    "not",
    "no",
    "yes",
    "mid",
    "late",
    "early",
    "last",
    "next",
    "king",
    "queen",
    "emir",
    "sultan",
    "crown",
    "prince",
    "sheikh",
    "pope",
    "mayor",
    "governor",
    "commissioner",
    "chancellor",
    "co-chairs",
    "co-chair",
    "co-chairman",
    "premier",
    "excellency",
    "honorable",
    "tan",
    "sri",
    "dato",
    "datuk",
    "relations",
    "partnership",
    "strategic",
    "bilateral",
    "multilateral",
    "joint",
    "working",
    "official",
    "visit",
    "conference",
    "video",
    "telephone",
    "phone",
    "talks",
    "negotiations",
    "consultations",
    "green",
    "digital",
    "belt",
    "initiative",
    "day",
    "week",
    "year",
    "group",
    "cabinet",
    "alderman",
    "lord",
    "federal",
    "democratic",
    "islamic",
    "arab",
    "corporation",
    "interlocutor",
    "counterpart",
    "side",
    "mansion",
    // Words that make a name a firm, an event or a venue ("Michael Foods",
    // "Flora London Marathon"), not a person.
    "foods",
    "wireless",
    "marathon",
    "airlines",
    "airways",
    "motors",
    "records",
    "partners",
    "holdings",
    "capital",
    "media",
    "pictures",
    "studios",
    "trust",
    "systems",
    "software",
    "networks",
    "entertainment",
    "communications",
    "pharmaceuticals",
    "industries",
    "brothers",
    "stores",
    "hotels",
    "games",
    "awards",
    "award",
    "prize",
    "party",
    "society",
    // Letters after a name: "Ben Emmerson QC", "Labour MP".
    "qc",
    "mp",
    "mep",
    "msp",
    "obe",
    "mbe",
    "cbe",
    "league",
    "budget",
    // Religions and their adjectives are never names ("the Catholic
    // community"); "Christian" is left out, it is a first name.
    "catholic",
    "catholics",
    "protestant",
    "anglican",
    "methodist",
    "presbyterian",
    "lutheran",
    "evangelical",
    "orthodox",
    "muslim",
    "jewish",
    "hindu",
    "sikh",
    "buddhist",
    "mormon",
    "cup",
    "trophy",
    "open",
    "classic",
    "festival",
    "stadium",
    "park",
    "street",
    "road",
    "square",
    "college",
    "school",
    "hospital",
    "music",
    "film",
    "show",
    "times",
    "post",
    "journal",
    "magazine",
    "radio",
    "tv",
    "television",
];

/// Month and weekday names: never names of people or places.
pub const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A word list as a hash set, built on first use: these lists are looked up
/// for every capitalized word of every document.
fn word_set(
    cell: &'static OnceLock<FastSet<&'static str>>,
    words: &[&'static str],
) -> &'static FastSet<&'static str> {
    cell.get_or_init(|| words.iter().copied().collect())
}

/// `NOT_NAME`, the plurals of its words and `MONTHS_AND_DAYS` in one table,
/// so that `is_not_name` is one look-up: a word in it, in any ASCII case,
/// is no name.
///
/// A word of up to 16 bytes is packed into two numbers, lower-cased eight
/// bytes at a time, and found by one hash and (nearly always) one compare
/// of the numbers: no lower-case copy, no byte loop, few branches. This
/// runs for every capitalized word of every document.
struct NotNames {
    /// Open addressing, linear probing: an index into `keys` plus one, 0
    /// for an empty slot.
    slots: Vec<u16>,
    /// (packed word, its length) of the listed words of up to 16 bytes.
    keys: Vec<(u64, u64, usize)>,
    /// The listed words longer than 16 bytes, compared one by one.
    long: Vec<String>,
}

/// `NotNames::slots` has 2^this slots: under half of them are used.
const NOT_NAME_BITS: u32 = 11;

/// Up to 8 bytes as one little-endian number, zeros after them; by at most
/// two overlapping loads instead of a byte loop.
fn load_le(w: &[u8]) -> u64 {
    let n = w.len();
    match (w.first_chunk::<4>(), w.last_chunk::<4>()) {
        (Some(a), Some(b)) if n <= 8 => {
            // The bytes of `b` that `a` already holds are shifted out.
            u64::from(u32::from_le_bytes(*a))
                | u64::from(u32::from_le_bytes(*b)) >> (8 * (8 - n)) << 32
        }
        _ => match (w.first_chunk::<2>(), w.last_chunk::<2>()) {
            (Some(a), Some(b)) if n <= 4 => {
                u64::from(u16::from_le_bytes(*a))
                    | u64::from(u16::from_le_bytes(*b)) >> (8 * (4 - n)) << 16
            }
            _ => w.first().map_or(0, |&b| u64::from(b)),
        },
    }
}

/// Eight ASCII bytes in lower case at once: 0x20 added to the bytes in
/// 'A'..='Z'. No byte may have its high bit set.
fn swar_lowercase(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Per byte b < 0x80, no carry between bytes: b + 0x3f has its high bit
    // set when b >= 'A', b + 0x25 when b > 'Z'.
    let upper = (x + 0x3f * ONES) & !(x + 0x25 * ONES) & (0x80 * ONES);
    x | upper >> 2
}

/// A word of 1 to 16 bytes, packed and in ASCII lower case; None when it
/// has a byte that is not ASCII (no listed word has one).
fn pack(w: &[u8]) -> Option<(u64, u64)> {
    let (a, b) = w.split_at(w.len().min(8));
    let (lo, hi) = (load_le(a), load_le(b));
    ((lo | hi) & 0x8080_8080_8080_8080 == 0).then(|| (swar_lowercase(lo), swar_lowercase(hi)))
}

impl NotNames {
    fn slot(lo: u64, hi: u64) -> usize {
        let h = (lo ^ hi.rotate_left(31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - NOT_NAME_BITS)) as usize
    }

    fn new(words: impl IntoIterator<Item = String>) -> NotNames {
        let mut t = NotNames {
            slots: vec![0; 1 << NOT_NAME_BITS],
            keys: Vec::new(),
            long: Vec::new(),
        };
        for w in words {
            if t.contains(w.as_bytes()) {
                continue;
            }
            match (w.len() <= 16).then(|| pack(w.as_bytes())).flatten() {
                Some((lo, hi)) => {
                    let mask = t.slots.len() - 1;
                    let mut s = Self::slot(lo, hi);
                    while t.slots[s] != 0 {
                        s = (s + 1) & mask;
                    }
                    t.keys.push((lo, hi, w.len()));
                    // Fewer than 2^16 listed words (checked by a test).
                    t.slots[s] = u16::try_from(t.keys.len()).unwrap_or(u16::MAX);
                }
                None => t.long.push(w),
            }
        }
        t
    }

    /// Is `w` listed, in any ASCII case?
    fn contains(&self, w: &[u8]) -> bool {
        self.get(w).unwrap_or(false)
    }

    /// Is `w` listed, in any ASCII case? None when `w` has a byte that is
    /// not ASCII, which the caller lower-cases first (no listed word has
    /// such a byte, but the lower case of one may be ASCII).
    fn get(&self, w: &[u8]) -> Option<bool> {
        let n = w.len();
        if n > 16 {
            return w.is_ascii().then(|| {
                self.long
                    .iter()
                    .any(|x| x.as_bytes().eq_ignore_ascii_case(w))
            });
        }
        if n == 0 {
            return Some(false);
        }
        let (lo, hi) = pack(w)?;
        let mask = self.slots.len() - 1;
        let mut s = Self::slot(lo, hi);
        loop {
            let Some(k) = usize::from(self.slots[s]).checked_sub(1) else {
                return Some(false);
            };
            // The length tells "ab" from "ab\0", which pack the same.
            if self.keys.get(k) == Some(&(lo, hi, n)) {
                return Some(true);
            }
            s = (s + 1) & mask;
        }
    }
}

fn not_names() -> &'static NotNames {
    static LISTS: OnceLock<NotNames> = OnceLock::new();
    LISTS.get_or_init(|| {
        // Plurals of the vocabulary ("Ministers", "Affairs") are not names
        // either; those of the months and days are not listed.
        let plurals = NOT_NAME.iter().map(|w| format!("{w}s"));
        NotNames::new(
            NOT_NAME
                .iter()
                .chain(MONTHS_AND_DAYS)
                .map(|w| w.to_string())
                .chain(plurals),
        )
    })
}

fn honorific_set() -> &'static FastSet<&'static str> {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    word_set(&SET, HONORIFICS)
}

/// `word` in lower case, without allocating when it is short ASCII (most
/// words); `f` sees the lower-case form.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.len() <= buf.len() && word.is_ascii() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays valid UTF-8 when lower-cased.
        f(std::str::from_utf8(b).unwrap_or_default())
    } else {
        f(&word.to_lowercase())
    }
}

/// Words right before a name that make it a work, band or firm named like
/// a person: "the film Vera Drake", "indie band Kasabian", "bookmakers
/// William Hill".
const WORK_BEFORE: &[&str] = &[
    "film",
    "movie",
    "drama",
    "comedy",
    "thriller",
    "musical",
    "album",
    "single",
    "band",
    "group",
    "sitcom",
    "series",
    "novel",
    "book",
    "documentary",
    "opera",
    "song",
    "bookmaker",
    "bookmakers",
    "bookies",
    "label",
    "firm",
    "outfit",
    "rockers",
    "magazine",
];
/// Words right after a name that make it a work or band: "Harry Potter star
/// Daniel Radcliffe", "Kasabian singer Tom Meighan". ("John Wayne films"
/// is the actor's.)
const WORK_AFTER: &[&str] = &[
    "star",
    "stars",
    "actor",
    "actress",
    "franchise",
    "sequel",
    "singer",
    "frontman",
    "guitarist",
    "drummer",
    "bassist",
];
/// Words right after a name that make that mention an award named after a
/// person ("the Cecil B DeMille award"); the person may still be named
/// elsewhere ("the Hans Christian Andersen award ... Andersen's tales").
const AWARD_AFTER: &[&str] = &[
    "award", "awards", "prize", "prizes", "trophy", "medal", "lecture",
];

pub fn is_work_before(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, WORK_BEFORE).contains(w))
}

pub fn is_work_after(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, WORK_AFTER).contains(w))
}

pub fn is_award_after(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, AWARD_AFTER).contains(w))
}

pub fn is_not_name(word: &str) -> bool {
    let lists = not_names();
    // The listed words are lower-case ASCII: the table compares in any
    // ASCII case, and lower-casing a word commutes with trimming its full
    // stops. Words that are not ASCII (the table tells, on the way) are
    // lower-cased first.
    lists
        .get(trim_dots(word.as_bytes()))
        .unwrap_or_else(|| with_lowercase(word, |w| lists.contains(trim_dots(w.as_bytes()))))
}

/// `w` without the full stops at its end.
fn trim_dots(w: &[u8]) -> &[u8] {
    // Most words end with no full stop: one test.
    if w.last() != Some(&b'.') {
        return w;
    }
    let n = w.iter().rev().take_while(|&&b| b == b'.').count();
    &w[..w.len() - n]
}

pub fn is_honorific(word: &str) -> bool {
    // No courtesy word is longer than "excellencies" (12): a longer ASCII
    // word, its full stops trimmed, is none of them without a look-up.
    if word.is_ascii() && word.trim_end_matches('.').len() > 12 {
        return false;
    }
    with_lowercase(word, |w| honorific_set().contains(w.trim_end_matches('.')))
}

/// True for a word that starts with a capital and has a lower-case letter or
/// is in capitals ("Zavkizoda", "ZAVKIZODA", "O'Brien", "Al-Sisi").
pub fn is_capitalized(word: &str) -> bool {
    // Most words of a text are lower-case ASCII: decide those on one byte.
    if word
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    // ASCII words are decided on their bytes, without decoding characters;
    // for ASCII, `is_uppercase` and `is_alphabetic` are their ASCII forms.
    let b = word.as_bytes();
    if b.is_ascii() {
        return b.first().is_some_and(u8::is_ascii_uppercase)
            && b.iter()
                .all(|&c| c.is_ascii_alphabetic() || c == b'-' || c == b'\'');
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// Does `w` end with the lower-case ASCII `suffix`, in any case?
fn ends_with_ignore_case(w: &[u8], suffix: &str) -> bool {
    w.len() >= suffix.len() && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The last (up to) eight bytes of `w` in ASCII lower case as one number,
/// the last byte lowest: whether `w` ends with a suffix (in any case) is
/// then one compare of the low bytes with the suffix's [`tail_key`],
/// instead of a byte loop per suffix. The bytes missing in a shorter word
/// are zeros, which no suffix has.
fn tail(w: &[u8]) -> u64 {
    w[w.len().saturating_sub(8)..]
        .iter()
        .fold(0, |v, &c| v << 8 | u64::from(c.to_ascii_lowercase()))
}

/// A lower-case suffix of 1 to 8 bytes (none of them zero) as (value,
/// mask) for [`tail`]: `tail(w) & mask == value` when `w` ends with it.
const fn tail_key(s: &str) -> (u64, u64) {
    let b = s.as_bytes();
    let mut v = 0u64;
    let mut i = 0;
    while i < b.len() {
        v = v << 8 | b[i] as u64;
        i += 1;
    }
    let mask = if b.len() >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * b.len())) - 1
    };
    (v, mask)
}

/// [`tail_key`] of each of `suffixes`.
const fn tail_keys<const N: usize>(suffixes: &[&str]) -> [(u64, u64); N] {
    let mut out = [(0, 0); N];
    let mut i = 0;
    while i < N {
        out[i] = tail_key(suffixes[i]);
        i += 1;
    }
    out
}

const SURNAME_TAILS: [(u64, u64); SURNAME_SUFFIXES.len()] = tail_keys(SURNAME_SUFFIXES);
const PATRONYMIC_TAILS: [(u64, u64); PATRONYMIC_SUFFIXES.len()] = tail_keys(PATRONYMIC_SUFFIXES);

/// Does a word whose [`tail`] is `t` end with the suffix of `key`?
fn tail_ends(t: u64, (value, mask): (u64, u64)) -> bool {
    t & mask == value
}

pub fn has_surname_suffix(word: &str) -> bool {
    // ASCII: the suffixes are compared in any case, on the word as it is,
    // and its length is its number of characters.
    if word.is_ascii() {
        let mut w = word.as_bytes();
        while ends_with_ignore_case(w, "'s") {
            w = &w[..w.len() - 2];
        }
        if w.len() < 5 {
            return false;
        }
        let t = tail(w);
        let ends = |s: &str| tail_ends(t, tail_key(s));
        return SURNAME_TAILS.iter().any(|&k| tail_ends(t, k))
            || (w.len() >= 6 && (ends("li") || ends("ly")) && !ends("ily") && !ends("ally"));
    }
    with_lowercase(word, |w| {
        let w = w.trim_end_matches("'s");
        w.chars().count() >= 5 && SURNAME_SUFFIXES.iter().any(|s| w.ends_with(s))
            || (w.chars().count() >= 6
                && (w.ends_with("li") || w.ends_with("ly"))
                && !w.ends_with("ily")
                && !w.ends_with("ally"))
    })
}

pub fn is_patronymic(word: &str) -> bool {
    // ASCII: as in `has_surname_suffix`.
    if word.is_ascii() {
        let w = word.as_bytes();
        return w.len() >= 7 && {
            let t = tail(w);
            PATRONYMIC_TAILS.iter().any(|&k| tail_ends(t, k))
        };
    }
    with_lowercase(word, |w| {
        w.chars().count() >= 7 && PATRONYMIC_SUFFIXES.iter().any(|s| w.ends_with(s))
    })
}

/// An initial glued to a surname: "A.Karimov" → ("A", "Karimov").
pub fn split_glued_initial(word: &str) -> Option<(&str, &str)> {
    // The initial is one upper-case letter and the full stop comes right
    // after it: check those two characters instead of searching the word
    // for a '.' (this runs on most words of a text, nearly all without one).
    let first = word.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let (init, rest) = word.split_at(first.len_utf8());
    let rest = rest.strip_prefix('.')?;
    if !is_capitalized(rest) || rest.chars().count() < 2 {
        return None;
    }
    Some((init, rest))
}

/// Which bytes occur in `s`, one bit per byte value: 32 bytes to clear
/// per word instead of 256.
fn byte_set(s: &str) -> [u64; 4] {
    let mut set = [0u64; 4];
    for b in s.bytes() {
        set[usize::from(b >> 6)] |= 1 << (b & 63);
    }
    set
}

/// The lower-case ASCII letters of `s` as a bit set (bit 0 for 'a'), and
/// some more bits for other bytes: a superset, enough to rule patterns out.
/// Branch-free, one step per byte.
fn letter_set(s: &str) -> u32 {
    s.bytes()
        .fold(0, |set, b| set | 1 << (b.wrapping_sub(b'a') & 31))
}

/// `letter_bits` of each pattern of `TRANSLIT` that is lower-case ASCII,
/// None for the others.
const TRANSLIT_NEEDS: [Option<u32>; TRANSLIT.len()] = {
    let mut out = [None; TRANSLIT.len()];
    let mut i = 0;
    while i < TRANSLIT.len() {
        let b = TRANSLIT[i].0.as_bytes();
        let mut ascii = true;
        let mut j = 0;
        while j < b.len() {
            ascii &= b[j].is_ascii_lowercase();
            j += 1;
        }
        if ascii {
            out[i] = Some(letter_bits(TRANSLIT[i].0));
        }
        i += 1;
    }
    out
};

/// Is byte `b` in `set` (see `byte_set`)?
fn has_byte(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b >> 6)] & (1 << (b & 63)) != 0
}

/// A spelling-independent key for a name, so that transliteration variants
/// of one person meet: Boboyev/Babayev, Zavqizoda/Zavkizoda, -zade/-zoda,
/// Dzh/J/Zh, Kh/H, -iev/-yev/-ev.
pub fn translit_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    translit_key_into(name, &mut out, &mut KeyScratch::default());
    out
}

/// Buffers for [`translit_key_into`], reused across calls so that keying
/// every word of a document does not allocate per word.
#[derive(Default)]
pub struct KeyScratch {
    word: String,
    spare: String,
}

/// Does `hay` contain `needle` (not empty)? For the short words and
/// patterns of `translit_key`, a plain scan is faster than `str::contains`,
/// which prepares a substring searcher on every call.
fn has_sub(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// `src` with every `from` (not empty) replaced by `to`, written to `dst`:
/// what `str::replace` does (leftmost, non-overlapping matches), by a plain
/// scan and into a buffer that is reused.
fn replace_into(src: &str, from: &str, to: &str, dst: &mut String) {
    dst.clear();
    let (s, f) = (src.as_bytes(), from.as_bytes());
    let (mut last, mut i) = (0, 0);
    while i + f.len() <= s.len() {
        if &s[i..i + f.len()] == f {
            // UTF-8 is self-synchronizing: a match of a whole-character
            // pattern starts and ends on character boundaries, so these
            // slices are valid.
            dst.push_str(&src[last..i]);
            dst.push_str(to);
            i += f.len();
            last = i;
        } else {
            i += 1;
        }
    }
    dst.push_str(&src[last..]);
}

/// [`translit_key`] appended to `out`.
pub fn translit_key_into(name: &str, out: &mut String, scratch: &mut KeyScratch) {
    let start = out.len();
    let KeyScratch { word: w, spare } = scratch;
    for word in name.split_whitespace() {
        if out.len() > start {
            out.push(' ');
        }
        w.clear();
        if word.is_ascii() {
            w.push_str(word);
            w.make_ascii_lowercase();
        } else {
            // `str::to_lowercase`, not per char: a final sigma differs.
            w.push_str(&word.to_lowercase());
        }
        if w.as_bytes().contains(&b'\'') && has_sub(w, "'s") {
            replace_into(w, "'s", "", spare);
            std::mem::swap(w, spare);
        }
        if w.is_ascii() {
            // An ASCII word holds no pattern that is not ASCII, and stays
            // ASCII when replaced: the letters present, one bit each, tell
            // which patterns may be in it.
            let mut present = letter_set(w);
            for (&(from, to), need) in TRANSLIT.iter().zip(TRANSLIT_NEEDS) {
                if need.is_some_and(|n| n & !present == 0) && has_sub(w, from) {
                    replace_into(w, from, to, spare);
                    std::mem::swap(w, spare);
                    present = letter_set(w);
                }
            }
        } else {
            let mut present = byte_set(w);
            for &(from, to) in TRANSLIT {
                // Most words hold none of these: test the bytes present first
                // (cheap), then search; a replacement copies the word.
                if from.bytes().all(|b| has_byte(&present, b)) && has_sub(w, from) {
                    replace_into(w, from, to, spare);
                    std::mem::swap(w, spare);
                    present = byte_set(w);
                }
            }
        }
        if w.ends_with("zod") {
            w.push('a');
        }
        push_folded(w, out);
    }
}

/// The ASCII letters of `word` as a bit set (bit 0 for 'a'), in any case,
/// with 'o' counted as 'a' and 'y' as 'i' as `translit_key` folds them;
/// None if `word` is not ASCII. See [`may_key_to`].
pub fn key_letters(word: &str) -> Option<u32> {
    // One table look-up per byte, without a branch: the table gives the
    // bit of each letter (folded), 0 for the other bytes, and the bytes
    // are OR-ed to tell whether the word is ASCII.
    let (set, all) = word.bytes().fold((0, 0), |(set, all), b| {
        (set | KEY_LETTER[usize::from(b)], all | b)
    });
    all.is_ascii().then_some(set)
}

/// The bit of [`key_letters`] of each byte: that of the lower-case letter,
/// 'o' as 'a' and 'y' as 'i'; 0 for the bytes that are not letters.
const KEY_LETTER: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut b = 0;
    while b < 256 {
        let c = (b as u8).to_ascii_lowercase();
        let c = match c {
            b'o' => b'a',
            b'y' => b'i',
            c => c,
        };
        if c.is_ascii_lowercase() {
            t[b] = 1 << (c - b'a');
        }
        b += 1;
    }
    t
};

#[cfg(test)]
fn key_letters_reference(word: &str) -> Option<u32> {
    let b = word.as_bytes();
    if !b.is_ascii() {
        return None;
    }
    let mut set = 0u32;
    for &c in b {
        let c = match c.to_ascii_lowercase() {
            b'o' => b'a',
            b'y' => b'i',
            c => c,
        };
        if c.is_ascii_lowercase() {
            set |= 1 << (c - b'a');
        }
    }
    Some(set)
}

/// The bits of [`key_letters`] of the letters of `s`.
const fn letter_bits(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut set = 0;
    let mut i = 0;
    while i < b.len() {
        set |= 1 << (b[i] - b'a');
        i += 1;
    }
    set
}

/// Can `translit_key` of an ASCII word whose `key_letters` are `word` be a
/// key whose `key_letters` are `key`? False rules it out; true is only a
/// maybe. From `TRANSLIT` and `push_folded`: a key's letter is one of the
/// word's (folded) or one the variants can create ('j' from "dzh"/"zh",
/// 'k' from "q", 'i' from "yy", 'o' (so 'a') from "zade", 'v' from "w",
/// 'f' from "ph", 'a' after "zod"); and a letter of the word that no
/// variant or step removes is in the key. The test in this module checks
/// both against `translit_key`.
pub fn may_key_to(word: u32, key: u32) -> bool {
    const CREATED: u32 = letter_bits("afijkv");
    const KEPT: u32 = letter_bits("bfgjlmnrtuvx");
    key & !CREATED & !word == 0 && word & KEPT & !key == 0
}

/// The letters of the variant-folded word `w` onto `out`, with o/a and y/i
/// merged and doubled letters single: the last step of `translit_key`.
fn push_folded(w: &str, out: &mut String) {
    // ASCII: the same on bytes, without decoding characters.
    if w.is_ascii() {
        let mut prev = 0u8;
        for b in w.bytes().filter(u8::is_ascii_alphabetic) {
            let b = match b {
                b'o' => b'a',
                b'y' => b'i',
                b => b,
            };
            if b != prev {
                out.push(char::from(b));
            }
            prev = b;
        }
        return;
    }
    let mut prev = '\0';
    for c in w.chars().filter(|c| c.is_alphabetic()) {
        let c = match c {
            'o' => 'a',
            'y' => 'i',
            c => c,
        };
        if c != prev {
            out.push(c);
        }
        prev = c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(has_surname_suffix("Zavkizoda"));
        assert!(has_surname_suffix("Boboyev"));
        assert!(has_surname_suffix("Karimov's"));
        assert!(has_surname_suffix("Mirzoyan"));
        assert!(!has_surname_suffix("Dushanbe"));
        assert!(!has_surname_suffix("Italy"));
        assert!(is_patronymic("Bakhtiyorovich"));
        assert_eq!(split_glued_initial("A.Karimov"), Some(("A", "Karimov")));
        assert_eq!(split_glued_initial("U.S"), None);
    }

    #[test]
    fn variants_meet() {
        assert_eq!(
            translit_key("Mukhtor Boboyev"),
            translit_key("Mukhtar Babayev")
        );
        assert_eq!(
            translit_key("Zavqi Zavqizoda"),
            translit_key("Zavki Zavkizoda")
        );
        assert_eq!(translit_key("Rasulzade"), translit_key("Rasulzoda"));
        assert_eq!(translit_key("Aliev"), translit_key("Aliyev"));
        assert_ne!(translit_key("Karimov"), translit_key("Rahimov"));
    }

    /// `translit_key` as it was before it reused buffers: the reference the
    /// faster version must agree with byte for byte.
    fn translit_key_reference(name: &str) -> String {
        let mut out = String::with_capacity(name.len());
        for word in name.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            let mut w = word.to_lowercase();
            if w.contains("'s") {
                w = w.replace("'s", "");
            }
            for &(from, to) in TRANSLIT {
                w = w.replace(from, to);
            }
            if w.ends_with("zod") {
                w.push('a');
            }
            let mut prev = '\0';
            for c in w.chars().filter(|c| c.is_alphabetic()) {
                let c = match c {
                    'o' => 'a',
                    'y' => 'i',
                    c => c,
                };
                if c != prev {
                    out.push(c);
                }
                prev = c;
            }
        }
        out
    }

    #[test]
    fn translit_key_matches_reference() {
        for name in [
            "",
            " - ",
            "Dzhzhakhongir Zavqizoda's",
            "YYYy Yeie Ouwph",
            "ŞÇƏIĞÖÜ şahin Çelik",
            "ΟΔΥΣΣΕΥΣ Σ",
            "Zade Rasulzade Zod",
            "O'Neill's 's Kilroy-Silk",
            "ZZZAAADE  dzhdzh",
        ] {
            assert_eq!(translit_key(name), translit_key_reference(name), "{name}");
        }
    }

    /// The letter test of `SurnameFinder` never rules out a word's own key.
    #[test]
    fn may_key_to_own_key() {
        for name in [
            "Dzhzhakhongir",
            "Zavqizoda's",
            "YYYy",
            "Yeie",
            "Ouwph",
            "Rasulzade",
            "Zod",
            "O'Neill's",
            "Kilroy-Silk",
            "Mackie",
        ] {
            let (w, k) = (key_letters(name), key_letters(&translit_key(name)));
            assert!(may_key_to(w.unwrap_or(0), k.unwrap_or(0)), "{name}");
        }
        assert!(!may_key_to(
            key_letters("London").unwrap_or(0),
            key_letters(&translit_key("Karimov")).unwrap_or(0)
        ));
    }

    /// The word tests as they were before their ASCII paths: the references
    /// the faster versions must agree with.
    fn is_capitalized_reference(word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        first.is_uppercase()
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    }

    fn has_surname_suffix_reference(word: &str) -> bool {
        let lw = word.to_lowercase();
        let w = lw.trim_end_matches("'s");
        w.chars().count() >= 5 && SURNAME_SUFFIXES.iter().any(|s| w.ends_with(s))
            || (w.chars().count() >= 6
                && (w.ends_with("li") || w.ends_with("ly"))
                && !w.ends_with("ily")
                && !w.ends_with("ally"))
    }

    fn is_patronymic_reference(word: &str) -> bool {
        let w = word.to_lowercase();
        w.chars().count() >= 7 && PATRONYMIC_SUFFIXES.iter().any(|s| w.ends_with(s))
    }

    fn is_honorific_reference(word: &str) -> bool {
        HONORIFICS.contains(&word.to_lowercase().trim_end_matches('.'))
    }

    #[test]
    fn word_tests_match_reference() {
        let words = [
            "",
            "A",
            "a",
            "Karimov",
            "KARIMOV's",
            "Karimov's's",
            "O'Brien",
            "Al-Sisi",
            "Zavkizoda",
            "Bakhtiyorovich",
            "BAKHTIYOROVICH",
            "Ministers",
            "MINISTERS",
            "Minister's",
            "Affairs.",
            "Mr.",
            "MR",
            "Excellencies..",
            "Excellenciess",
            "Öztürk",
            "ΟΔΥΣΣΕΥΣ",
            "Aliyev2",
            "Family",
            "Totally",
            "Ismayilli",
            "Intergovernmentalintergovernmentalx",
            "INTERGOVERNMENTALS",
            "Intergovernmental.",
            "the\0",
            "The\0s",
            "\0",
            "Pharmaceuticals",
            "kINGs..",
            "\u{212A}ing",
            "Mi\u{212A}e",
        ];
        for w in words {
            assert_eq!(is_capitalized(w), is_capitalized_reference(w), "{w}");
            assert_eq!(
                has_surname_suffix(w),
                has_surname_suffix_reference(w),
                "{w}"
            );
            assert_eq!(is_patronymic(w), is_patronymic_reference(w), "{w}");
            assert_eq!(is_honorific(w), is_honorific_reference(w), "{w}");
            assert_eq!(is_not_name(w), not_name_reference(w), "{w:?}");
        }
        // Every listed word, in other cases and with endings.
        for &base in NOT_NAME.iter().chain(MONTHS_AND_DAYS).chain(HONORIFICS) {
            for w in [
                base.to_string(),
                base.to_uppercase(),
                crate::text::title_case(base),
                base[1..].to_string(),
                base[..base.len() - 1].to_string(),
            ] {
                for end in ["", "s", "S", ".", "s.", "'s", "x", "ss"] {
                    let w = format!("{w}{end}");
                    assert_eq!(is_not_name(&w), not_name_reference(&w), "{w}");
                    assert_eq!(is_honorific(&w), is_honorific_reference(&w), "{w}");
                    assert_eq!(is_capitalized(&w), is_capitalized_reference(&w), "{w}");
                }
            }
        }
        // `NotNames::slots` and `is_honorific` rely on these bounds.
        assert!(not_names().keys.len() < usize::from(u16::MAX));
        assert!(not_names().keys.len() * 2 < 1 << NOT_NAME_BITS);
        assert!(HONORIFICS.iter().all(|k| k.len() <= 12));
    }

    /// `is_not_name` as it reads: the reference for the packed table.
    fn not_name_reference(word: &str) -> bool {
        let lw = word.to_lowercase();
        let w = lw.trim_end_matches('.');
        NOT_NAME.contains(&w)
            || MONTHS_AND_DAYS.contains(&w)
            || w.strip_suffix('s').is_some_and(|x| NOT_NAME.contains(&x))
    }

    proptest::proptest! {
        /// Listed words in any case, cut or extended, and other words of
        /// every length the packing treats apart (up to 8, 16, more).
        #[test]
        fn not_name_table_agrees(
            i in 0usize..NOT_NAME.len() + MONTHS_AND_DAYS.len(),
            case in proptest::num::u32::ANY,
            cut in 0usize..3,
            end in "(s|S|\\.|x|'s|\\x00|)*",
            other in "[a-zA-Z.'\\-\\x00]{0,20}",
        ) {
            let base = NOT_NAME.iter().chain(MONTHS_AND_DAYS).nth(i).copied().unwrap_or("");
            let cased: String = base
                .chars()
                .enumerate()
                .map(|(k, c)| if case >> (k % 32) & 1 == 1 { c.to_ascii_uppercase() } else { c })
                .collect();
            let cut = &cased[..cased.len().saturating_sub(cut)];
            for w in [format!("{cased}{end}"), format!("{cut}{end}"), other] {
                proptest::prop_assert_eq!(is_not_name(&w), not_name_reference(&w), "{:?}", w);
            }
        }

        #[test]
        fn word_tests_agree(word in "[a-zA-Z.'\\-ÖΣ2]{0,12}", suffixed in "[A-Za-z]{0,4}(zoda|ova|ov|ev|li|ly|ily|ally|ovich|evna|o'g'li|'s|'S|s|S|\\.)*") {
            for w in [&word, &suffixed] {
                proptest::prop_assert_eq!(is_capitalized(w), is_capitalized_reference(w));
                proptest::prop_assert_eq!(has_surname_suffix(w), has_surname_suffix_reference(w));
                proptest::prop_assert_eq!(is_patronymic(w), is_patronymic_reference(w));
                proptest::prop_assert_eq!(is_honorific(w), is_honorific_reference(w));
            }
        }

        #[test]
        fn key_letters_admit_own_key(name in "[a-zA-Z' \\-.]{0,14}", common in "[dzhkqcyiewopsauvfDZHKQCYIEWOPSAUVF' ]{0,14}") {
            for n in [&name, &common] {
                let w = key_letters(n);
                let k = key_letters(&translit_key(n));
                proptest::prop_assert!(w.is_some() && k.is_some());
                proptest::prop_assert!(may_key_to(w.unwrap_or(0), k.unwrap_or(0)), "{}", n);
            }
        }

        #[test]
        fn key_letters_agrees(word in "[a-zA-Z' \\-.@\\[`{ÖΣ\\x00\\x7f]{0,14}") {
            proptest::prop_assert_eq!(key_letters(&word), key_letters_reference(&word));
        }

        #[test]
        fn translit_key_agrees(name in "[a-zA-Z' \\-.şçəığöüŞÇÖÜΣσ]{0,24}") {
            proptest::prop_assert_eq!(translit_key(&name), translit_key_reference(&name));
        }

        #[test]
        fn not_name_and_initial_agree(word in "[a-zA-Z.'\\-ÖΣ]{0,10}") {
            let lw = word.to_lowercase();
            let w = lw.trim_end_matches('.');
            let old_not_name = NOT_NAME.contains(&w)
                || MONTHS_AND_DAYS.contains(&w)
                || w.strip_suffix('s').is_some_and(|x| NOT_NAME.contains(&x));
            proptest::prop_assert_eq!(is_not_name(&word), old_not_name);
            let old_split = word.split_once('.').and_then(|(init, rest)| {
                let mut ic = init.chars();
                let first = ic.next()?;
                (ic.next().is_none()
                    && first.is_uppercase()
                    && is_capitalized(rest)
                    && rest.chars().count() >= 2)
                    .then_some((init, rest))
            });
            proptest::prop_assert_eq!(split_glued_initial(&word), old_split);
        }
    }
}
