//! Name shape: what a person's name looks like in the genre — capitalized
//! words, surname endings common in the region, first-name lists, initials,
//! patronymics — and the words that look like names but are not.

use std::collections::HashSet;
use std::sync::OnceLock;

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
    "hon",
    "the",
    "comrade",
    "academician",
];

/// Capitalized words of the genre that are never part of a person's name.
const NOT_NAME: &[&str] = &[
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
    cell: &'static OnceLock<HashSet<&'static str>>,
    words: &[&'static str],
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| words.iter().copied().collect())
}

fn not_name_set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    word_set(&SET, NOT_NAME)
}

fn months_and_days_set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    word_set(&SET, MONTHS_AND_DAYS)
}

fn honorific_set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
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
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, WORK_BEFORE).contains(w))
}

pub fn is_work_after(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, WORK_AFTER).contains(w))
}

pub fn is_award_after(word: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    with_lowercase(word, |w| word_set(&SET, AWARD_AFTER).contains(w))
}

pub fn is_not_name(word: &str) -> bool {
    with_lowercase(word, |w| {
        let w = w.trim_end_matches('.');
        let set = not_name_set();
        // Plurals of the vocabulary ("Ministers", "Affairs") are not names either.
        set.contains(w)
            || months_and_days_set().contains(w)
            || w.strip_suffix('s').is_some_and(|x| set.contains(x))
    })
}

pub fn is_honorific(word: &str) -> bool {
    with_lowercase(word, |w| honorific_set().contains(w.trim_end_matches('.')))
}

/// True for a word that starts with a capital and has a lower-case letter or
/// is in capitals ("Zavkizoda", "ZAVKIZODA", "O'Brien", "Al-Sisi").
pub fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_uppercase()
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

pub fn has_surname_suffix(word: &str) -> bool {
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
    with_lowercase(word, |w| {
        w.chars().count() >= 7 && PATRONYMIC_SUFFIXES.iter().any(|s| w.ends_with(s))
    })
}

/// An initial glued to a surname: "A.Karimov" → ("A", "Karimov").
pub fn split_glued_initial(word: &str) -> Option<(&str, &str)> {
    let (init, rest) = word.split_once('.')?;
    let mut ic = init.chars();
    let first = ic.next()?;
    if ic.next().is_some()
        || !first.is_uppercase()
        || !is_capitalized(rest)
        || rest.chars().count() < 2
    {
        return None;
    }
    Some((init, rest))
}

/// Which bytes occur in `s`.
fn byte_set(s: &str) -> [bool; 256] {
    let mut set = [false; 256];
    for b in s.bytes() {
        set[usize::from(b)] = true;
    }
    set
}

/// A spelling-independent key for a name, so that transliteration variants
/// of one person meet: Boboyev/Babayev, Zavqizoda/Zavkizoda, -zade/-zoda,
/// Dzh/J/Zh, Kh/H, -iev/-yev/-ev.
pub fn translit_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut w = word.to_lowercase();
        if w.contains("'s") {
            w = w.replace("'s", "");
        }
        let mut present = byte_set(&w);
        for (from, to) in [
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
        ] {
            // Most words hold none of these: test the bytes present first
            // (cheap), then search; `replace` always allocates.
            if from.bytes().all(|b| present[usize::from(b)]) && w.contains(from) {
                w = w.replace(from, to);
                present = byte_set(&w);
            }
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
}
