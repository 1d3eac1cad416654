//! Place names that the context shows are something else: a month after
//! "in" ("in March"), a club ("Manchester United", "Newcastle United").

use super::names::MONTHS_AND_DAYS;
use crate::mention::{Label, Mention};

/// Abbreviated month and weekday names ("Nov 12" in a dateline).
const ABBREVIATED_MONTHS_AND_DAYS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun",
];

/// Words after a city that make the name something else: a club ("Newcastle
/// United"), a state ("New York State"), a bay ("Guantanamo Bay"), a street
/// or square named after the town but elsewhere ("Leicester Square" is in
/// London, "Madison Avenue" in New York).
const CLUB_WORDS: &[&str] = &[
    "Square",
    "Street",
    "Road",
    "Avenue",
    "Lane",
    "Hill",
    "Park",
    "Church",
    "Gate",
    "Row",
    "Terrace",
    "Crescent",
    "Gardens",
    "Circus",
    "Tigers",
    "Tykes",
    "AAC",
    "Harriers",
    "Saints",
    "Sharks",
    "United",
    "City",
    "Rovers",
    "Athletic",
    "Wanderers",
    "Albion",
    "Hotspur",
    "County",
    "FC",
    "Rangers",
    "Celtic",
    "Olympic",
    "Dynamo",
    "Vikings",
    "Warriors",
    "Giants",
    "Blues",
    "Falcons",
    "Forest",
    "AC",
    "State",
    "Bay",
];

/// Words next to a city that show it names a sports club.
const CLUB_NEXT: &[&str] = &[
    "manager",
    "coach",
    "boss",
    "chairman",
    "side",
    "fans",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "captain",
    "winger",
    "forward",
    "supporters",
    "squad",
    "v",
    "vs",
    "lock",
    "flanker",
    "centre",
    "prop",
    "hooker",
    "fly-half",
    "scrum-half",
    "full-back",
    "team-mate",
    "team-mates",
    "youngster",
];
/// Plural verbs after a town that name a club ("Newcastle have won"). A
/// sports report drops unlocated towns anyway; elsewhere only a plural verb
/// with a match verb after it counts, on a subject of its own: not "Exeter
/// and Cardiff are among cities", "a man from Leicester have been".
const CLUB_VERBS: &[&str] = &["have", "are", "were"];
const CLUB_VERB_NEXT: &[&str] = &[
    "won",
    "beaten",
    "lost",
    "signed",
    "drawn",
    "scored",
    "conceded",
    "promoted",
    "relegated",
];
/// Words before a town that make a following plural verb not its own.
const NOT_OWN_SUBJECT: &[&str] = &["and", "from", "of", "in", "or", "&", "near", "to"];
const CLUB_BEFORE: &[&str] = &[
    "AC",
    "Real",
    "Bayern",
    "Maccabi",
    "Inter",
    "Sporting",
    "Olympique",
    "Atletico",
    "v",
    "vs",
    "beat",
    "against",
    "joined",
];

/// Words that make an article a report on a team sport (football, rugby,
/// cricket), where clubs are named by their town. Tennis and athletics
/// words are left out: those reports name places, not clubs.
const SPORT_WORDS: &[&str] = &[
    "goal",
    "goals",
    "match",
    "league",
    "cup",
    "striker",
    "midfielder",
    "coach",
    "season",
    "scored",
    "defeat",
    "squad",
    "premiership",
    "penalty",
    "football",
    "rugby",
    "cricket",
    "stadium",
    "referee",
    "club",
    "clubs",
    "uefa",
    "fifa",
    "half-time",
    "unbeaten",
    "relegation",
    "fixture",
    "fixtures",
    "kick-off",
    "scorer",
    "midfield",
    "winger",
    "defender",
    "goalkeeper",
    "keeper",
    "wicket",
    "innings",
    "fly-half",
    "scrum-half",
    "flanker",
    "scrum",
    "line-out",
    "sin-bin",
    "boss",
    "manager",
    "loan",
    "signing",
    "champions",
    "capt",
    "replacements",
    "subs",
    "caps",
];

/// Words after a place that make it an event named by the place ("the London
/// Marathon", "the Dubai Open"), which counts as the place even in a sports
/// report.
const EVENT_WORDS: &[&str] = &[
    "Marathon",
    "Marathons",
    "Games",
    "Olympics",
    "Open",
    "Indoors",
    "International",
    "Classic",
    "Grand",
    "Cross",
    "Masters",
    "Championships",
    "Invitational",
];

/// Words before "at" that make "at X" the ground of a match in a sports
/// report: "the defeat at Newcastle", "drawing 1-1 at Derby".
const VENUE_BEFORE: &[&str] = &[
    "win",
    "wins",
    "won",
    "defeat",
    "defeats",
    "draw",
    "drew",
    "drawing",
    "game",
    "games",
    "match",
    "matches",
    "clash",
    "derby",
    "meeting",
    "loss",
    "losing",
    "lost",
    "beaten",
    "victory",
    "test",
    "final",
    "tie",
    "encounter",
    "off",
    "again",
    "compete",
    "competing",
    "race",
    "round",
    "title",
    "event",
    "ceremony",
    "stadium",
    "ground",
    "held",
    "played",
    "team",
    "training",
    "fixture",
    "trip",
    "start",
    "debut",
    "replay",
    "leg",
];

/// Words after "at X" that make it a time and place: "at Newcastle on
/// Sunday", "at Wembley in 1996".
const VENUE_AFTER: &[&str] = &[
    "on", "in", "this", "last", "next", "earlier", "during", "before", "after", "tonight", "today",
];

/// Capitalised words that may stand before a place without making it part
/// of a longer name: "Greater London", "North Wales", "BBC Radio Leeds".
const PLACE_PREFIXES: &[&str] = &[
    "Greater",
    "Great",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Inner",
    "Outer",
    "Downtown",
    "Old",
    "Upper",
    "Lower",
    "Metropolitan",
    "Royal",
    "Radio",
    "Mid",
    "Rural",
];

/// Capitalised words after a place that is also a first name which continue
/// the place, not a person's name: "Sydney Airport", "Milan Indoors".
const PLACE_SUFFIXES: &[&str] = &[
    "Airport",
    "University",
    "Station",
    "Harbour",
    "Opera",
    "Festival",
    "Film",
    "Marathon",
    "Open",
    "Games",
    "Indoors",
    "International",
    "Stock",
    "City",
    "Council",
    "Assembly",
    "Times",
    "Post",
    "Zoo",
    "Cathedral",
    "Symphony",
    "Orchestra",
    "Philharmonic",
    "Motor",
    "Book",
    "Fashion",
    "Olympics",
    "Grand",
    "Classic",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Arena",
    "Airport's",
    "Convention",
    "Conventions",
    "Morning",
    "Herald",
    "Falls",
    "County",
    "Bridge",
    "Agenda",
    "Treaty",
    "Protocol",
    "Accord",
    "Declaration",
];

/// Lower-case words for a person's role or kin: the capitalised name after
/// them is a person ("rapper Kano", "coach Gilbert", "boyfriend Orlando").
const ROLE_BEFORE: &[&str] = &[
    "rapper",
    "singer",
    "actor",
    "actress",
    "director",
    "writer",
    "author",
    "novelist",
    "poet",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "captain",
    "presenter",
    "comedian",
    "producer",
    "economist",
    "analyst",
    "spokesman",
    "spokeswoman",
    "boyfriend",
    "girlfriend",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "team-mate",
    "whip",
    "archivist",
];

/// Jobs before "at": the name after is the employer, a firm ("analyst at
/// Jupiter", "economist at Halifax", "manager at Nokia").
const EMPLOYEE_AT: &[&str] = &[
    "economist",
    "economists",
    "analyst",
    "analysts",
    "manager",
    "executive",
    "partner",
    "strategist",
    "researcher",
    "spokesman",
    "spokeswoman",
    "trader",
    "dealer",
    "consultant",
];

/// Courtesy words: "Mr Houston" is a person.
const COURTESY: &[&str] = &[
    "Mr", "Ms", "Mrs", "Dr", "Miss", "Sir", "Mr.", "Ms.", "Mrs.", "Dr.",
];

fn word_before(text: &str, i: usize) -> &str {
    text[..i]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
}

fn word_after(text: &str, i: usize) -> &str {
    text[i..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
}

/// A score: one or two digits, a hyphen, one or two digits ("2-1").
fn is_score(w: &str) -> bool {
    w.split_once('-').is_some_and(|(a, b)| {
        (1..=2).contains(&a.len())
            && (1..=2).contains(&b.len())
            && a.bytes().all(|c| c.is_ascii_digit())
            && b.bytes().all(|c| c.is_ascii_digit())
    })
}

/// True when at least three different sport words occur in the text. One
/// pass over the bytes: this runs on most documents, so words (runs of
/// letters, digits and hyphens, as `WordRuns` with the hyphen as joiner)
/// are found with one table look-up per ASCII byte, a word is ruled out by
/// its length and its first and last letters ([`SportTable::may_hold`])
/// before anything else, and a candidate is looked up by a multiply into a
/// small table (hashing it for a `HashMap` cost more than the scan).
fn is_sport_report(text: &str) -> bool {
    let table = sport_table();
    let mut seen = 0u64;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // The next word: an ASCII letter, digit or hyphen, or any other
        // alphanumeric character, starts one.
        let c = bytes[i];
        if c < 0x80 {
            if !SPORT_RUN[usize::from(c)] {
                i += 1;
                continue;
            }
        } else {
            let (alnum, len) = char_class(text, i);
            if !alnum {
                i += len;
                continue;
            }
        }
        let start = i;
        let mut ascii = true;
        while i < n {
            let c = bytes[i];
            if c < 0x80 {
                if !SPORT_RUN[usize::from(c)] {
                    break;
                }
                i += 1;
            } else {
                let (alnum, len) = char_class(text, i);
                if !alnum {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let word = &bytes[start..i];
        // A score ("2-1", "27-22") counts as one more sport word; no sport
        // word starts with a digit.
        if word[0].is_ascii_digit() {
            if ascii && is_score(&text[start..i]) {
                seen |= 1 << 63;
            } else {
                continue;
            }
        } else if ascii && table.may_hold(word) {
            match table.get(word) {
                Some(k) => seen |= 1 << k,
                None => continue,
            }
        } else {
            continue;
        }
        if seen.count_ones() >= 3 {
            return true;
        }
    }
    false
}

/// The ASCII bytes of a word for [`is_sport_report`]: letters, digits and
/// the hyphen.
static SPORT_RUN: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-';
        b += 1;
    }
    t
};

/// Whether the (non-ASCII) character at byte `i` is alphanumeric, and its
/// length.
#[inline]
fn char_class(text: &str, i: usize) -> (bool, usize) {
    text[i..]
        .chars()
        .next()
        .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8()))
}

const SPORT_WORD_MAX: usize = 13;

/// `SPORT_WORDS` → index, as an open-addressed table keyed by the word's
/// bytes, ASCII-lower-cased, packed into a `u128` (zero-padded: a word of
/// three or more bytes never packs to 0, the empty slot).
struct SportTable {
    slots: [(u128, u8); SPORT_SLOTS],
    /// Bit `last & 31` of `first_last[len][first & 31]` is set when a
    /// sport word of `len` bytes starts with `first` and ends with `last`
    /// (`& 31` is the letter's place in the alphabet, in either case).
    first_last: [[u32; 32]; SPORT_WORD_MAX + 1],
}

/// Four slots per word or more, so that probes are short.
const SPORT_SLOTS: usize = 256;

impl SportTable {
    fn new() -> SportTable {
        let mut t = SportTable {
            slots: [(0, 0); SPORT_SLOTS],
            first_last: [[0; 32]; SPORT_WORD_MAX + 1],
        };
        for (k, w) in SPORT_WORDS.iter().enumerate() {
            let b = w.as_bytes();
            t.first_last[b.len()][usize::from(b[0] & 31)] |= 1 << (b[b.len() - 1] & 31);
            let key = pack_lower(w.as_bytes());
            let mut s = sport_slot(key);
            while t.slots[s].0 != 0 {
                s = (s + 1) % SPORT_SLOTS;
            }
            t.slots[s] = (key, k as u8);
        }
        t
    }

    /// False when `word` (ASCII) is not a sport word, judged by its length
    /// and its first and last bytes; true for every sport word in any ASCII
    /// case (and for a few other words).
    #[inline]
    fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
            return false;
        };
        self.first_last
            .get(word.len())
            .is_some_and(|row| (row[usize::from(first & 31)] >> (last & 31)) & 1 == 1)
    }

    /// The index of `word` (ASCII, at most 16 bytes) in `SPORT_WORDS`, in
    /// any ASCII case.
    #[inline]
    fn get(&self, word: &[u8]) -> Option<u32> {
        let key = pack_lower(word);
        let mut s = sport_slot(key);
        // The table is never full, so an empty slot ends every probe.
        loop {
            let (k, i) = self.slots[s];
            if k == key {
                return Some(u32::from(i));
            }
            if k == 0 {
                return None;
            }
            s = (s + 1) % SPORT_SLOTS;
        }
    }
}

/// `bytes` (at most 16) ASCII-lower-cased, little-endian in a `u128`.
#[inline]
fn pack_lower(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let n = bytes.len().min(16);
    buf[..n].copy_from_slice(&bytes[..n]);
    buf.make_ascii_lowercase();
    u128::from_le_bytes(buf)
}

#[inline]
fn sport_slot(key: u128) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(17);
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) as usize % SPORT_SLOTS
}

fn sport_table() -> &'static SportTable {
    static TABLE: std::sync::OnceLock<SportTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(SportTable::new)
}

/// The word just before `i` when only one space separates it from `i`, and
/// whether it may be capitalised only because it starts a sentence (nothing
/// but a sentence end, a quote, a bracket or a line break before it).
fn glued_word_before(text: &str, i: usize) -> Option<(&str, bool)> {
    let head = text[..i].strip_suffix(' ')?;
    if head.ends_with(char::is_whitespace) {
        return None;
    }
    // The space found may be wider than one byte (U+0085, U+00A0, ...).
    let ws = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let word = &head[ws..];
    let before = text[..ws].trim_end_matches([' ', '\t']);
    let initial = ws == 0
        || text[..ws].ends_with(['\n', '\r'])
        || before.is_empty()
        || before.ends_with([
            '.', '!', '?', '"', '\'', '\u{201c}', '\u{2018}', '(', ':', ';', '-',
        ]);
    Some((word, initial))
}

/// The capitalised word just after `i` when only one space separates them,
/// without a possessive "'s".
fn glued_word_after(text: &str, i: usize) -> Option<&str> {
    let tail = text[i..].strip_prefix(' ')?;
    let w = tail
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .next()
        .unwrap_or("");
    let w = w.strip_suffix("'s").unwrap_or(w).trim_end_matches('\'');
    w.starts_with(char::is_uppercase).then_some(w)
}

/// A name-like word: a capital first, then letters (or initials "JM",
/// "J.M.").
fn name_like(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
}

/// All-capital initials or a one-letter initial ("JM", "D", "J.").
fn initials(w: &str) -> bool {
    let letters = w.trim_end_matches('.');
    !letters.is_empty()
        && letters.chars().count() <= 3
        && letters.chars().all(|c| c.is_uppercase() || c == '.')
}

/// The word after `i`, skipping a possessive "'s" ("Leicester's striker").
fn word_after_possessive(text: &str, i: usize) -> &str {
    let t = &text[i..];
    let t = t
        .strip_prefix("'s")
        .or_else(|| t.strip_prefix("\u{2019}s"))
        .unwrap_or(t);
    word_after(t, 0)
}

/// Removes PLACE mentions that are not places here. `is_first_name(word,
/// entry)` tells a known first name ("Milan") or a place entry named like
/// one ("Norman"); `is_major(entry)` a capital or a city of a million or
/// more, never taken for the last word of another name.
pub fn drop_non_places(
    text: &str,
    mentions: &mut Vec<Mention>,
    is_first_name: &dyn Fn(&str, Option<u32>) -> bool,
    is_major: &dyn Fn(Option<u32>) -> bool,
) {
    let persons: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| (m.start, m.end))
        .collect();
    // Surnames of the people of the document: "Brad Gilbert ... Gilbert".
    // So are places that end a longer name inside a sentence ("Brad Gilbert
    // ... coach Gilbert", "Wells Fargo ... Fargo", "Hayao Miyazaki ...
    // Miyazaki's"), unless a capital or big city.
    let mut surnames: rustc_hash::FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.label == Label::Person)
        .filter_map(|m| {
            let (_, last) = m.canonical.rsplit_once(' ')?;
            Some(last.to_string())
        })
        .collect();
    for m in mentions.iter().filter(|m| m.label == Label::Place) {
        if let Some((w, initial)) = glued_word_before(text, m.start) {
            let inside = !initial && !w.ends_with('.') && !PLACE_PREFIXES.contains(&w);
            if name_like(w)
                && !initials(w)
                && (is_first_name(w, None) || inside && !is_major(m.entry))
            {
                surnames.insert(text[m.start..m.end].to_string());
            }
        }
    }
    mentions.retain(|m| {
        if m.label != Label::Place {
            return true;
        }
        // Part of a person's name (persons are sorted by start).
        let k = persons.partition_point(|&(s, _)| s < m.end);
        if persons[k.saturating_sub(2)..k]
            .iter()
            .any(|&(s, e)| s < m.end && m.start < e)
        {
            return false;
        }
        let surface_text = &text[m.start..m.end];
        let surface = surface_text.to_lowercase();
        if MONTHS_AND_DAYS.contains(&surface.as_str())
            || ABBREVIATED_MONTHS_AND_DAYS.contains(&surface.as_str())
        {
            return false;
        }
        let next_word = word_after(text, m.end);
        if text[m.end..].starts_with(' ') && CLUB_WORDS.contains(&next_word) {
            return false;
        }
        let before = word_before(text, m.start);
        if COURTESY.contains(&before) {
            return false;
        }
        // A role word before the name: "rapper Kano", "coach Gilbert".
        if text[..m.start].ends_with(' ') && ROLE_BEFORE.contains(&before) {
            return false;
        }
        // An employer: "analyst at Jupiter" (but "a professor at Cambridge"
        // and "manager at London's ..." are left alone).
        if before == "at" && !text[m.end..].starts_with("'s") {
            let ante = word_before(text, m.start - word_before_len(text, m.start));
            if EMPLOYEE_AT.contains(&ante.to_lowercase().as_str()) {
                return false;
            }
        }
        // The last word of a longer name: "Wells Fargo", "Grant Thornton",
        // "Hayao Miyazaki", "Bayer Leverkusen", "JM Barrie". A word that
        // starts a sentence is capitalised anyway: then only a first name or
        // an initial shows a longer name.
        if let Some((w, initial)) = glued_word_before(text, m.start) {
            // A word ending a sentence ("... Mr Hariri. Beirut's") is not
            // part of the name; an initial ("J.") is.
            let ends_sentence = w.ends_with('.') && !initials(w);
            if name_like(w)
                && !ends_sentence
                && !PLACE_PREFIXES.contains(&w)
                && (!initial || is_first_name(w, None) || initials(w) && w.len() > 1)
            {
                return false;
            }
        }
        // A first name before a capitalised word: "Norman Baker", "Sofia
        // Coppola", "Milan Baros".
        if !surface_text.contains(' ') && is_first_name(surface_text, m.entry) {
            if let Some(w) = glued_word_after(text, m.end) {
                if name_like(w) && !initials(w) && !PLACE_SUFFIXES.contains(&w) {
                    return false;
                }
            }
        }
        // The surname of a person named in the document, unless it is
        // plainly a location ("in Houston").
        let located = matches!(before.to_lowercase().as_str(), "in" | "near");
        !surnames.contains(surface_text) || located
    });
    // In a sports report, a city that is not "in", "at" or "near" somewhere
    // is a club ("giving Newcastle the lead"); elsewhere, a city with club
    // words next to it is a club wherever the article names it so. "At" a
    // city is a club too after a word of employment ("my time at Tottenham").
    // Only needed for a place that is not located, so found on first use.
    let mut sport: Option<bool> = None;
    let clubs: rustc_hash::FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.label == Label::Place)
        .filter(|m| {
            let before = word_before(text, m.start);
            let prep = before
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if matches!(prep.as_str(), "in" | "at" | "near" | "outside") {
                return false;
            }
            let next = word_after_possessive(text, m.end).to_lowercase();
            let after = text[m.end..].trim_start();
            let verb = word_after(after, 0);
            let club_verb = CLUB_VERBS.contains(&verb)
                && CLUB_VERB_NEXT.contains(&word_after(after, verb.len()))
                && !text[..m.start].trim_end().ends_with(',')
                && !NOT_OWN_SUBJECT.contains(&prep.as_str());
            club_verb
                || CLUB_NEXT.contains(&next.as_str())
                || CLUB_BEFORE.contains(&before)
                || is_score(&next)
                || squad_entry(text, m.start, m.end)
        })
        .map(|m| m.canonical.clone())
        .collect();
    // A place listed right after another shares its reading: "tests in Tel
    // Aviv, Chicago and Athens"; "worked together at Barcelona and Porto".
    // (end of the last place, and whether it was located / kept)
    let mut last: Option<(usize, bool, bool)> = None;
    mentions.retain(|m| {
        if m.label != Label::Place {
            return true;
        }
        let before = word_before(text, m.start)
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let listed = last.filter(|&(end, _, _)| {
            end <= m.start
                && matches!(
                    text[end..m.start].trim(),
                    "," | "and" | "or" | ", and" | ", or" | "&"
                )
        });
        if listed.is_some_and(|(_, _, kept)| !kept) {
            last = Some((m.end, false, false));
            return false;
        }
        let located = listed.is_some_and(|(_, located, _)| located)
            || match before.as_str() {
                "in" | "near" | "outside" => true,
                // "At" a town in a sports report is its ground only next to
                // a word for a match or a time ("the defeat at Newcastle",
                // "at Wembley in 1996"); else the club ("my time at
                // Tottenham", "his brief at Liverpool").
                "at" => {
                    let ante =
                        word_before(text, m.start - word_before_len(text, m.start)).to_lowercase();
                    let ante = ante.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
                    let after = word_after(text, m.end).to_lowercase();
                    VENUE_BEFORE.contains(&ante)
                        || is_score(ante)
                        || VENUE_AFTER.contains(&after.as_str())
                        || text[m.end..].starts_with("'s")
                }
                _ => false,
            }
            || glued_word_after(text, m.end).is_some_and(|w| EVENT_WORDS.contains(&w));
        // A club needs no scan of the document.
        let keep = located
            || !(clubs.contains(&m.canonical)
                || *sport.get_or_insert_with(|| is_sport_report(text)));
        last = Some((m.end, located, keep));
        keep
    });
}

/// A club in a team list: "T Shanklin (Cardiff), G Henson (Neath)".
fn squad_entry(text: &str, start: usize, end: usize) -> bool {
    let Some(head) = text[..start].strip_suffix('(') else {
        return false;
    };
    let Some(name) = head.strip_suffix(' ') else {
        return false;
    };
    let w = name.rsplit(char::is_whitespace).next().unwrap_or("");
    name_like(w) && (text[end..].starts_with([')', ',', ';']) || text[end..].starts_with(" ("))
}

/// Bytes from the start of the word before `i` to `i`.
fn word_before_len(text: &str, i: usize) -> usize {
    let head = text[..i].trim_end();
    let w = head.rsplit(char::is_whitespace).next().unwrap_or("");
    i - (head.len() - w.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn glued_word_before_wide_spaces() {
        // A multi-byte space before the word (found by the property test).
        let text = "a\u{85}Kv Leeds";
        let i = text.find("Leeds").unwrap();
        // (U+0085 is not read as a line break here, so not sentence-initial.)
        assert_eq!(super::glued_word_before(text, i), Some(("Kv", false)));
        let text = "met\u{a0}Mr Houston";
        let i = text.find("Houston").unwrap();
        assert_eq!(super::glued_word_before(text, i), Some(("Mr", false)));
    }

    use super::*;
    use proptest::strategy::Strategy;

    fn place(s: usize, e: usize) -> Mention {
        Mention::test_place(s, e)
    }

    fn kept(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let mut m: Vec<Mention> = spans.iter().map(|&(s, e)| place(s, e)).collect();
        drop_non_places(text, &mut m, &|_, _| false, &|_| false);
        m.iter().map(|m| text[m.start..m.end].to_string()).collect()
    }

    #[test]
    fn sport_report_needs_three_different_words() {
        // The length window, the bit set and the table in `is_sport_report`
        // rely on this.
        assert!(SPORT_WORDS.len() <= 63 && SPORT_WORDS.len() * 4 <= SPORT_SLOTS);
        assert!(SPORT_WORDS
            .iter()
            .all(|w| (3..=SPORT_WORD_MAX).contains(&w.len())));
        for (k, w) in SPORT_WORDS.iter().enumerate() {
            assert!(sport_table().may_hold(w.as_bytes()));
            assert!(sport_table().may_hold(w.to_uppercase().as_bytes()));
            assert_eq!(sport_table().get(w.as_bytes()), Some(k as u32));
            assert_eq!(
                sport_table().get(w.to_uppercase().as_bytes()),
                Some(k as u32)
            );
        }
        assert_eq!(sport_table().get(b"goalie"), None);
        assert_eq!(sport_table().get(b"goa"), None);
        assert!(!sport_table().may_hold(b"the") && !sport_table().may_hold(b""));
        assert!(is_sport_report(
            "The striker scored; the Quarter-Final match."
        ));
        assert!(!is_sport_report("goal goal goal, match match."));
        // Words ending at a multi-byte character.
        assert!(is_sport_report("goal\u{a0}match\u{2014}cup\u{a0}"));
        assert!(!is_sport_report("é\u{2014}goal\u{a0}"));
    }

    /// `is_sport_report` as it was, with a `HashMap` of the words.
    fn sport_report_reference(text: &str) -> bool {
        let words: std::collections::HashMap<&str, u32> = SPORT_WORDS
            .iter()
            .enumerate()
            .map(|(i, w)| (*w, i as u32))
            .collect();
        let mut seen = 0u64;
        for (start, end) in crate::text::WordRuns::new(text, b"-") {
            let word = &text[start..end];
            if word.as_bytes()[0].is_ascii_digit() && is_score(word) {
                seen |= 1 << 63;
            } else if (3..=13).contains(&word.len()) && word.is_ascii() {
                match words.get(word.to_lowercase().as_str()) {
                    Some(k) => seen |= 1 << k,
                    None => continue,
                }
            } else {
                continue;
            }
            if seen.count_ones() >= 3 {
                return true;
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn sport_report_as_the_reference(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(SPORT_WORDS).prop_map(|w| w.to_string()),
                    proptest::sample::select(SPORT_WORDS).prop_map(|w| w.to_uppercase()),
                    "[a-zA-Z0-9-]{1,15}",
                    proptest::sample::select(&[" ", "-", "2-1", "é", "\u{a0}", "\u{2014}", "ß", "27-22", "1", "Ж", "\u{2160}"][..])
                        .prop_map(|w| w.to_string()),
                ],
                0..24,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(is_sport_report(&text), sport_report_reference(&text));
        }
    }

    #[test]
    fn clubs_and_months_are_not_places() {
        // "Manchester United" is a club, "March" a month, and the Leeds that
        // United beat is a club too; the Leeds they played in is a place.
        let text = "Manchester United beat Leeds in March in Leeds.";
        assert_eq!(
            kept(text, &[(0, 10), (23, 28), (32, 37), (41, 46)]),
            vec!["Leeds"]
        );
    }

    #[test]
    fn sports_reports_and_courtesy_titles() {
        let text = "The striker scored a late goal to give Newcastle the lead in the league match in Newcastle.";
        let a = text.find("Newcastle").unwrap();
        let b = text.rfind("Newcastle").unwrap();
        assert_eq!(kept(text, &[(a, a + 9), (b, b + 9)]), vec!["Newcastle"]);
        let text = "Mr Houston said the talks in Houston went well.";
        assert_eq!(kept(text, &[(3, 10), (29, 36)]), vec!["Houston"]);
        let text = "Ministers met in Bishkek and later flew to Osh.";
        assert_eq!(kept(text, &[(17, 24), (43, 46)]), vec!["Bishkek", "Osh"]);
    }

    /// Spans of every occurrence of each word, in text order.
    fn spans(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = words
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(i, _)| (i, i + w.len())))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn last_word_of_a_longer_name_is_not_a_place() {
        // "Wells Fargo", "Grant Thornton": a capitalised word before the
        // place inside a sentence; "Greater London" is still London.
        let text = "He joined Wells Fargo and then Grant Thornton, both in Greater London.";
        assert_eq!(
            kept(text, &spans(text, &["Fargo", "Thornton", "London"])),
            vec!["London"]
        );
        // At the start of a sentence only a first name shows a longer name.
        let text = "Beirut's index fell. Paris rose.";
        assert_eq!(
            kept(text, &spans(text, &["Beirut", "Paris"])),
            vec!["Beirut", "Paris"]
        );
    }

    #[test]
    fn first_names_streets_and_surnames() {
        let names = |w: &str, _: Option<u32>| w == "Norman";
        let text = "Norman Baker spoke in Norman, then walked along Leicester Square.";
        let mut m: Vec<Mention> = spans(text, &["Norman", "Leicester"])
            .into_iter()
            .map(|(s, e)| place(s, e))
            .collect();
        drop_non_places(text, &mut m, &names, &|_| false);
        let got: Vec<usize> = m.iter().map(|m| m.start).collect();
        assert_eq!(got, vec![text.rfind("Norman").unwrap()]);
    }

    #[test]
    fn plural_verbs_outside_sport_keep_the_town() {
        // Not a sports report: a coordinated or located subject before a
        // plural verb is the town, and its other mentions stay.
        let text = "Exeter and Cardiff are among cities bidding. Cardiff council said yes.";
        assert_eq!(
            kept(text, &spans(text, &["Exeter", "Cardiff"])),
            vec!["Exeter", "Cardiff", "Cardiff"]
        );
        let text = "A man from Leicester have been arrested. Leicester police said.";
        assert_eq!(
            kept(text, &spans(text, &["Leicester"])),
            vec!["Leicester", "Leicester"]
        );
        // A plural verb with a match verb after it still names the club.
        let text = "Leicester have signed a winger. Leicester fans cheered.";
        assert!(kept(text, &spans(text, &["Leicester"])).is_empty());
    }

    #[test]
    fn an_academy_is_a_venue_not_a_club() {
        let text = "The band played the Islington Academy. Later Islington council met.";
        assert_eq!(
            kept(text, &spans(text, &["Islington"])),
            vec!["Islington", "Islington"]
        );
    }

    #[test]
    fn clubs_in_sports_reports() {
        // A team sheet, a score and "my time at" name clubs; the ground of
        // a match and a list after "in" are places.
        let text = "Wales: T Shanklin (Cardiff), G Henson (Neath). The striker scored \
                    in the league match. My time at Leeds was good. The defeat at \
                    Newcastle hurt. Tests in Athens, Chicago and Rome.";
        assert_eq!(
            kept(
                text,
                &spans(
                    text,
                    &[
                        "Cardiff",
                        "Neath",
                        "Leeds",
                        "Newcastle",
                        "Athens",
                        "Chicago",
                        "Rome"
                    ]
                )
            ),
            vec!["Newcastle", "Athens", "Chicago", "Rome"]
        );
        assert!(is_score("27-22") && !is_score("2004-05"));
    }
}
