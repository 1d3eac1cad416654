//! Which trigger mentions name an event that happened: tense, object and
//! context rules per event type. A trigger that passes becomes a `Cue`.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::gazetteer::Gazetteer;
use crate::mention::{EventType, Label, Mention, MentionSpans};
use crate::segment::Segmented;
use crate::text::WordRuns;

/// A trigger that names an event, in one body sentence.
#[derive(Clone, Debug)]
pub struct Cue {
    pub kind: EventType,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Only adds a mention to an event found otherwise.
    pub weak: bool,
    /// A participle after a document noun ("the Declaration ... signed"),
    /// or "the previous meeting": a recollection, an event only with a date.
    pub recalled: bool,
    /// Start of the recalled phrase (its document noun), for sector scope.
    pub phrase_start: usize,
}

const DOCUMENT_NOUNS: &[&str] = &[
    "agreement",
    "agreements",
    "memorandum",
    "memoranda",
    "memorandums",
    "mou",
    "protocol",
    "protocols",
    "declaration",
    "contract",
    "contracts",
    "roadmap",
    "treaty",
    "accord",
    "documents",
    "document",
    "deal",
    "deals",
    "programme",
    "program",
    "plan",
    "charter",
    "communique",
    "map",
    "convention",
    "statement",
    "package",
    "mous",
];
/// Words that put what follows in the future or make it a plan.
const FUTURE: &[&str] = &[
    "will",
    "would",
    "shall",
    "plans",
    "planned",
    "intend",
    "intends",
    "intended",
    "expected",
    "scheduled",
    "proposed",
    "propose",
    "proposes",
    "invited",
    "ready",
    "readiness",
    "should",
    "could",
    "may",
    "might",
    "hope",
    "hopes",
    "prepare",
    "preparing",
    "preparation",
    "preparations",
    "can",
];
/// Adjectives that make the noun right after them a future event.
const FUTURE_ADJ: &[&str] = &[
    "next",
    "upcoming",
    "future",
    "forthcoming",
    "planned",
    "proposed",
];
const PAST_MARK: &[&str] = &[
    "previous",
    "earlier",
    "last",
    "past",
    "former",
    "previously",
    "prior",
];
const AUXILIARY: &[&str] = &[
    "was", "were", "been", "be", "is", "are", "have", "has", "had", "being",
];
const NOT_VISIT_OBJECTS: &[&str] = &[
    "factory",
    "plant",
    "enterprise",
    "enterprises",
    "construction",
    "site",
    "housing",
    "school",
    "hospital",
    "exhibition",
    "museum",
    "farm",
    "workshop",
    "facility",
    "facilities",
    "complex",
    "market",
    "park",
    "stadium",
    "mosque",
    "church",
    "university",
    "college",
    "fair",
    "pavilion",
    "store",
    "shop",
    "building",
    "block",
    "district",
    "village",
    "house",
    "memorial",
    "monument",
];
const SPORT: &[&str] = &[
    "team",
    "athletes",
    "players",
    "champion",
    "champions",
    "squad",
    "fans",
    "olympic",
    "tournament",
    "medal",
    "medals",
    "coach",
];

/// Verbs that, after "to" just before a trigger, make it a plan: "is to
/// hold talks", "trying to arrange a meeting", "agreed to open talks".
const PLAN_VERBS: &[&str] = &[
    "hold", "open", "begin", "start", "resume", "revive", "arrange", "conclude", "attend", "host",
    "pay", "make", "sign",
];
/// Words before a trigger that put it ahead: "ahead of the meeting", "in the
/// run-up to the summit", "due to arrive".
const AHEAD: &[&str] = &["ahead", "run-up", "due", "awaiting", "until", "before"];
/// Words right after a trigger that put it ahead: "talks begin later on
/// Wednesday", "a meeting expected next month", "next week's summit".
/// "The G7 meeting is thought unlikely to produce ...": a forecast.
const AHEAD_AFTER: &[&str] = &[
    "expected",
    "begin",
    "begins",
    "scheduled",
    "planned",
    "due",
    "likely",
    "unlikely",
];
/// Objects that make "met" / "meeting" a matter of satisfying, not of
/// people meeting: "met certain criteria", "meeting its targets", "met a
/// cool reception".
const NOT_MET_OBJECTS: &[&str] = &[
    "everything",
    "every",
    "criteria",
    "criterion",
    "target",
    "targets",
    "requirement",
    "requirements",
    "reception",
    "demand",
    "demands",
    "expectations",
    "deadline",
    "deadlines",
    "conditions",
    "needs",
    "standards",
    "goals",
    "obligations",
    "costs",
    "cost",
    "bill",
    "commitments",
    "challenge",
    "challenges",
    "resistance",
    "opposition",
    "approval",
];

/// True when the words around a trigger put it in the future or make it a
/// plan: "ahead of the meeting", "is to hold talks", "talks begin later on
/// Wednesday", "next week's summit", "a meeting expected next month".
fn planned(before: &[&str], after: &[&str]) -> bool {
    let near = &before[before.len().saturating_sub(4)..];
    if near.iter().any(|w| AHEAD.contains(w)) {
        return true;
    }
    // "next week's summit", "Thursday's meeting" in a text about plans is
    // left to the date; "next week's" is plain.
    if near
        .windows(2)
        .any(|p| p[0] == "next" && p[1].ends_with("'s"))
    {
        return true;
    }
    // "to hold talks", "to swiftly conclude negotiations".
    if near
        .windows(2)
        .any(|p| p[0] == "to" && PLAN_VERBS.contains(&p[1]))
        || near
            .windows(3)
            .any(|p| p[0] == "to" && p[1].ends_with("ly") && PLAN_VERBS.contains(&p[2]))
    {
        return true;
    }
    // "set a date for the start of accession talks", "a date in 2005 for
    // the beginning of negotiations": a date is being fixed for them.
    let clause = &before[before.len().saturating_sub(12)..];
    if let Some(d) = clause.iter().position(|w| *w == "date") {
        if clause[d + 1..].contains(&"for") {
            return true;
        }
    }
    // "Two days of talks on the future of Gibraltar begin ...": the verb
    // may follow a short complement.
    let soon = &after[..after.len().min(6)];
    if soon.iter().any(|w| AHEAD_AFTER.contains(w)) {
        return true;
    }
    // "later on Tuesday", "late on Monday", "later this week", "next month".
    soon.windows(2).any(|p| {
        matches!(p[0], "later" | "late")
            && matches!(p[1], "on" | "this" | "today" | "tonight" | "tomorrow")
            || p[0] == "next" && matches!(p[1], "week" | "month" | "year" | "weekend" | "session")
    })
}

/// Days named ahead of the present: with the present progressive they make
/// news' future tense.
const DAYS_AHEAD: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "tomorrow",
    "tonight",
    "week",
    "weekend",
];

/// True for the present progressive of a trigger verb with a day after it:
/// "ministers are meeting on Thursday", "is meeting British officials this
/// week", "are holding talks on Friday". News reports what is under way
/// today without a day ("the President is visiting Kazakhstan").
fn progressive_ahead(surface: &str, before: &[&str], after: &[&str]) -> bool {
    let aux = |w: Option<&&str>| matches!(w.copied(), Some("is" | "are"));
    let progressive = if surface.ends_with("ing") && !surface.contains(' ') {
        aux(before.last())
    } else {
        // "are holding talks", "is having a meeting"
        before.len() >= 2
            && before[before.len() - 1].ends_with("ing")
            && aux(before.get(before.len() - 2))
    };
    // "Tuesday's meeting on reform is being hosted by ...".
    let being = after
        .windows(2)
        .take(5)
        .any(|p| matches!(p[0], "is" | "are") && p[1] == "being");
    let day = |w: &&str| DAYS_AHEAD.contains(&w.trim_end_matches("'s"));
    (progressive || being)
        && (before.iter().rev().take(8).any(day) || after.iter().take(6).any(day))
}

/// True when an adjective of the future qualifies the trigger noun, with
/// only modifiers between ("the upcoming mid-term Ministerial Meeting"),
/// not a noun of its own ("for the next growing season was signed").
fn future_adjective(before: &[&str]) -> bool {
    let tail = &before[before.len().saturating_sub(4)..];
    let Some(at) = tail.iter().rposition(|w| FUTURE_ADJ.contains(w)) else {
        return false;
    };
    !tail[at + 1..].iter().any(|w| {
        AUXILIARY.contains(w)
            || matches!(*w, "of" | "for" | "in" | "on" | "at" | "to" | "by" | "with")
    })
}

/// True when the words after a trigger, up to the clause's end, say it
/// is still to come: "will take place", "will be held", "is scheduled",
/// "to be held", "is expected to take place".
fn scheduled(after: &[(usize, LowerWord<'_>)]) -> bool {
    let w: Vec<&str> = after.iter().take(16).map(|(_, w)| w.as_str()).collect();
    w.windows(3).any(|p| {
        matches!(p[0], "will" | "shall")
            && (matches!(p[1], "take" | "be") && matches!(p[2], "place" | "held" | "hosted"))
    }) || w.windows(2).any(|p| {
        matches!(
            p,
            ["to", "be"] | ["is", "scheduled"] | ["are", "scheduled"] | ["is", "planned"]
        )
    })
}

/// True for "met" or "meeting" in the sense of satisfying ("met certain
/// criteria", "interests were met", "meeting its targets"), and "talks" as
/// a verb ("he talks of").
fn not_an_encounter(surface: &str, before: &[&str], after: &[&str]) -> bool {
    let last = before.last().copied().unwrap_or("");
    match surface {
        "met" | "meeting" | "meet" => {
            let object = after.iter().take(3).any(|w| NOT_MET_OBJECTS.contains(w));
            // "interests were met", "the bill had been met": passive with no
            // one met.
            let passive = surface == "met"
                && matches!(last, "was" | "were" | "been" | "be" | "being")
                && !matches!(after.first().copied(), Some("with" | "by"));
            object || passive
        }
        "talks" => matches!(last, "he" | "she" | "it" | "who" | "which" | "that"),
        "signed" => after.first() == Some(&"up"),
        _ => false,
    }
}

/// Words that, before a plural trigger noun, make it a habit or a kind,
/// not one occasion: "regular high-level meetings", "at recent meetings of
/// the G7", "frequent visits".
const GENERIC: &[&str] = &[
    "regular", "recent", "frequent", "periodic", "several", "many", "numerous", "various", "such",
    "routine",
];

/// True for a plural trigger noun qualified as a habit or a kind
/// ("regular meetings", "recent summits"); "a series of meetings" and
/// "meetings with X and Y" stay events.
fn generic_plural(surface: &str, before: &[&str]) -> bool {
    matches!(
        surface,
        "meetings" | "summits" | "visits" | "calls" | "consultations" | "contacts"
    ) && before.iter().rev().take(3).any(|w| GENERIC.contains(w))
}

/// Words that put a meeting on a screen or a line.
const REMOTE: &[&str] = &[
    "video conference",
    "videoconference",
    "video-conference",
    "video link",
    "videolink",
    "video call",
    "virtual meeting",
    "virtual talks",
    "virtually",
    "met online",
    "held online",
    "online meeting",
    "online talks",
    "by phone",
    "by telephone",
    "over the phone",
    "phone conversation",
    "telephone conversation",
    "phone call",
    "telephone call",
];

/// A word of a sentence in lower case: borrowed from the text when it is
/// already lower-case ASCII (most words), so listing a sentence's words
/// allocates only for capitalised ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LowerWord<'a>(Cow<'a, str>);

impl LowerWord<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for LowerWord<'_> {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

fn lower_word(w: &str) -> LowerWord<'_> {
    if w.is_ascii() {
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            LowerWord(Cow::Owned(w.to_ascii_lowercase()))
        } else {
            LowerWord(Cow::Borrowed(w))
        }
    } else {
        LowerWord(Cow::Owned(w.to_lowercase()))
    }
}

/// Lower-case words of `s` with their byte offsets (relative to `base`): runs
/// of alphanumeric characters, apostrophes and hyphens.
pub fn words(s: &str, base: usize) -> Vec<(usize, LowerWord<'_>)> {
    WordRuns::new(s, b"'-")
        .map(|(a, b)| (base + a, lower_word(&s[a..b])))
        .collect()
}

/// The lower-case words of each sentence (see [`words`]), listed on first
/// use and kept for the article.
pub struct SentenceWords<'a> {
    text: &'a str,
    /// `text` with ASCII letters lower-cased (same byte offsets): an ASCII
    /// word is borrowed from it, with no allocation of its own.
    lower: &'a str,
    seg: &'a Segmented,
    cache: Vec<OnceCell<Vec<(usize, LowerWord<'a>)>>>,
}

impl<'a> SentenceWords<'a> {
    /// `lower` is `text.to_ascii_lowercase()`.
    pub fn new(text: &'a str, lower: &'a str, seg: &'a Segmented) -> SentenceWords<'a> {
        debug_assert_eq!(text.len(), lower.len());
        SentenceWords {
            text,
            lower,
            seg,
            cache: vec![OnceCell::new(); seg.sentences.len()],
        }
    }

    /// The article text the words come from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The sentences the words are listed for.
    pub fn seg(&self) -> &'a Segmented {
        self.seg
    }

    /// Words of sentence `si`, offsets into the article text: the same list
    /// as [`words`] gives.
    pub fn of(&self, si: usize) -> &[(usize, LowerWord<'a>)] {
        self.cache[si].get_or_init(|| {
            let s = &self.seg.sentences[si];
            let (text, lower) = (self.text, self.lower);
            // About one word per six bytes of news text: one allocation
            // for most sentences instead of a doubling series.
            let mut out = Vec::with_capacity((s.end - s.start) / 5 + 4);
            out.extend(WordRuns::new(&text[s.start..s.end], b"'-").map(|(a, b)| {
                let (a, b) = (s.start + a, s.start + b);
                let w = &text[a..b];
                let lw = if w.is_ascii() {
                    LowerWord(Cow::Borrowed(&lower[a..b]))
                } else {
                    LowerWord(Cow::Owned(w.to_lowercase()))
                };
                (a, lw)
            }));
            out
        })
    }
}

/// Cues of body sentence number `sentence`, from its mentions.
pub fn cues(
    text: &str,
    sentence_words: &SentenceWords<'_>,
    sentence: usize,
    mentions: &MentionSpans<'_>,
    gaz: &Gazetteer,
    home: Option<&str>,
) -> Vec<Cue> {
    let (s, e) = {
        let span = &sentence_words.seg.sentences[sentence];
        (span.start, span.end)
    };
    let mine = mentions.span(s, e);
    let mut out = Vec::new();
    // Every cue comes from a trigger word; most sentences have none, and
    // need neither the list of their mentions nor their words.
    if !mine.iter().any(|m| m.label == Label::Trigger && m.end <= e) {
        return out;
    }
    let in_sentence: Vec<&Mention> = mine.iter().filter(|m| m.end <= e).collect();
    let ws = sentence_words.of(sentence);
    // ASCII lower case finds "visit" wherever full lower case does: the
    // only non-ASCII characters that lower-case to ASCII letters are the
    // Kelvin sign (k) and dotted I (i plus a combining dot), which cannot
    // form it.
    let lower = &sentence_words.lower[s..e];
    let has = |list: &[&str]| ws.iter().any(|(_, w)| list.contains(&w.as_str()));
    // Talks held by video or phone are a call (contract: "a telephone or
    // video conversation"): "held talks ... in a video conference format",
    // "met online", "a virtual meeting".
    let remote = REMOTE.iter().any(|r| lower.contains(r));
    // What is asked of the whole sentence is asked once per sentence, not
    // once per trigger: a long sentence (a text without full stops) may
    // hold a great many triggers, and a look at all its words or mentions
    // per trigger would be quadratic (issue #18).
    let sport = OnceCell::new();
    let documents = OnceCell::new();
    let says_visit = OnceCell::new();
    let names_someone = OnceCell::new();
    for m in in_sentence.iter().filter(|m| m.label == Label::Trigger) {
        let Some(entry) = m.entry.map(|id| gaz.entry(id)) else {
            continue;
        };
        let Some(kind) = entry.event else { continue };
        let surface = text[m.start..m.end].to_lowercase();
        // Words before and after the trigger in this sentence.
        let wi = ws.partition_point(|(p, _)| *p < m.start);
        let before: Vec<&str> = ws[wi.saturating_sub(10)..wi]
            .iter()
            .map(|(_, w)| w.as_str())
            .collect();
        // `ws` is in text order: the words from the trigger's end on.
        let after: Vec<&str> = ws[ws.partition_point(|(p, _)| *p < m.end)..]
            .iter()
            .take(6)
            .map(|(_, w)| w.as_str())
            .collect();
        let near_before = &before[before.len().saturating_sub(2)..];
        // The mentions that start within `within` bytes after the trigger:
        // `in_sentence` is sorted by start, so only those are looked at.
        let near_after = |within: usize| {
            in_sentence[in_sentence.partition_point(|x| x.start < m.end)..]
                .iter()
                .take_while(move |x| x.start <= m.end + within)
        };
        let mention_after =
            |labels: &[Label], within: usize| near_after(within).any(|x| labels.contains(&x.label));
        // Plans and infinitives are not events: "will meet", "agreed to sign".
        // "the upcoming mid-term Ministerial Meeting": an adjective of the
        // future a few words before.
        if kind != EventType::Agreement
            && (before.iter().rev().take(8).any(|w| FUTURE.contains(w))
                || future_adjective(&before))
        {
            continue;
        }
        // "The first visit of X to Russia as head of state will take place
        // on Feb. 24-25": the clause's verb, further on, schedules it.
        if kind != EventType::Agreement && scheduled(&ws[ws.partition_point(|(p, _)| *p < m.end)..])
        {
            continue;
        }
        // "The next round of consultations will be held in Tehran."
        let will_follow = after
            .iter()
            .take(3)
            .any(|w| matches!(*w, "will" | "would" | "shall"))
            || after.windows(2).take(3).any(|p| p == ["to", "be"]);
        if will_follow && kind != EventType::Agreement {
            continue;
        }
        if near_before.contains(&"to") && kind != EventType::Agreement {
            continue;
        }
        if kind != EventType::Agreement
            && (planned(&before, &after) || progressive_ahead(&surface, &before, &after))
        {
            continue;
        }
        if not_an_encounter(&surface, &before, &after) || generic_plural(&surface, &before) {
            continue;
        }
        let mut recalled = near_before.iter().any(|w| PAST_MARK.contains(w));
        let mut phrase_start = m.start;
        let ok = match kind {
            EventType::Meeting => match surface.as_str() {
                "received" | "hosted" => {
                    mention_after(&[Label::Person, Label::Title], 60)
                        || after.iter().take(4).any(|w| {
                            matches!(
                                *w,
                                "delegation"
                                    | "ambassador"
                                    | "ambassadors"
                                    | "head"
                                    | "heads"
                                    | "members"
                            )
                        })
                }
                "met" | "met with" | "meet with" => {
                    *names_someone.get_or_init(|| {
                        in_sentence.iter().any(|x| {
                            matches!(
                                x.label,
                                Label::Person | Label::Title | Label::Country | Label::Org
                            )
                        })
                    }) || after
                        .iter()
                        .take(3)
                        .any(|w| matches!(*w, "counterpart" | "delegation" | "representatives"))
                }
                "summit" | "session" | "sitting" => !*sport.get_or_init(|| has(SPORT)),
                _ => true,
            },
            EventType::PhoneCall => true,
            EventType::Visit => {
                if *sport.get_or_init(|| has(SPORT)) {
                    false
                } else if surface == "visited" {
                    let obj = after.iter().take(4).any(|w| NOT_VISIT_OBJECTS.contains(w));
                    // A place abroad, or a country, even the home one ("the
                    // President of Kyrgyzstan, who visited Tajikistan", in a
                    // Dushanbe release): a leader's tour of their own
                    // country names its towns and regions, not itself.
                    let abroad = near_after(40).any(|x| {
                        x.label == Label::Country
                            && x.entry
                                .is_none_or(|e| gaz.entry(e).kind.as_deref() != Some("adjective"))
                            || x.label == Label::Place
                                && (home.is_none() || x.country.as_deref() != home)
                    });
                    // A visitor of another country to a town of the home
                    // one ("President Ilham Aliyev visited Ashgabat" in an
                    // Ashgabat release) came from abroad.
                    let at = in_sentence.partition_point(|x| x.start < m.start);
                    let foreign_visitor = home.is_some()
                        && in_sentence[at.saturating_sub(3)..at].iter().any(|x| {
                            x.label == Label::Person
                                && m.start - x.end <= 24
                                && x.country.as_deref().is_some_and(|c| Some(c) != home)
                        })
                        && near_after(40).any(|x| x.label == Label::Place);
                    !obj && (abroad || foreign_visitor)
                } else if surface == "visiting" {
                    // "Visiting Pakistan President Asif Ali Zardari met ...",
                    // "the visiting Speaker of the Knesset", "while visiting
                    // Tashkent": a visitor or a place right after it.
                    mention_after(
                        &[Label::Title, Label::Person, Label::Country, Label::Place],
                        24,
                    )
                } else if surface.starts_with("arriv") {
                    mention_after(&[Label::Country, Label::Place], 40)
                        || *says_visit.get_or_init(|| lower.contains("visit"))
                } else if matches!(surface.as_str(), "visit" | "visits" | "trip") {
                    let qualified = before.iter().rev().take(3).any(|w| {
                        matches!(
                            *w,
                            "official"
                                | "state"
                                | "working"
                                | "friendly"
                                | "brief"
                                | "two-day"
                                | "three-day"
                                | "one-day"
                        )
                    });
                    let obj = after.iter().take(3).any(|w| NOT_VISIT_OBJECTS.contains(w));
                    // "During the visit, ...", "Within the framework of the
                    // visit": the visit the article reports, named again.
                    let framed = before.len() >= 2
                        && matches!(
                            before[before.len() - 1],
                            "the" | "his" | "her" | "this" | "their"
                        )
                        && matches!(
                            before[before.len() - 2],
                            "during" | "of" | "throughout" | "on"
                        );
                    // "During the visit, the leaders are expected to hold
                    // talks in Wellington": the visit a sentence speaks of
                    // in the future is a plan.
                    let future = ws
                        .iter()
                        .any(|(_, w)| matches!(w.as_str(), "will" | "expected" | "scheduled"));
                    !obj && !future
                        && (qualified
                            || framed
                            || mention_after(&[Label::Country, Label::Place], 80))
                } else {
                    true
                }
            }
            EventType::Signing => {
                let docs = *documents.get_or_init(|| has(DOCUMENT_NOUNS));
                // "the Declaration on Strategic Partnership signed on ...":
                // a document noun shortly before, and no auxiliary between.
                let mut doc_at = None;
                for (p, w) in ws[..wi].iter().rev().take(12) {
                    if AUXILIARY.contains(&w.as_str())
                        || matches!(
                            w.as_str(),
                            "sides" | "parties" | "they" | "ministers" | "presidents" | "leaders"
                        )
                    {
                        break;
                    }
                    if DOCUMENT_NOUNS.contains(&w.as_str()) {
                        doc_at = Some(*p);
                        break;
                    }
                }
                if let Some(p) = doc_at {
                    if surface == "signed" {
                        recalled = true;
                        phrase_start = p;
                    }
                }
                docs
            }
            EventType::Agreement => true,
        };
        if !ok {
            continue;
        }
        let kind = if kind == EventType::Meeting && remote {
            EventType::PhoneCall
        } else {
            kind
        };
        out.push(Cue {
            kind,
            start: m.start,
            end: m.end,
            sentence,
            weak: entry.weak,
            recalled,
            phrase_start,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Sentence;

    fn ws(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn the_progressive_with_a_day_is_ahead() {
        // (surface, words before, words after, ahead?)
        let cases = [
            (
                "meeting",
                "ministers are",
                "in brussels on monday to discuss",
                true,
            ),
            (
                "meeting",
                "the minister is",
                "his counterpart this week to",
                true,
            ),
            ("talks", "they are holding", "on friday about the", true),
            (
                "hosted",
                "tuesday's meeting is being",
                "by the prime minister",
                true,
            ),
            (
                "meeting",
                "the president is",
                "his counterpart in astana",
                false,
            ),
            ("meeting", "ministers were", "in brussels on monday", false),
            ("met", "the minister", "his counterpart on monday", false),
        ];
        for (surface, before, after, ahead) in cases {
            assert_eq!(
                progressive_ahead(surface, &ws(before), &ws(after)),
                ahead,
                "{before} [{surface}] {after}"
            );
        }
    }

    #[test]
    fn a_date_fixed_for_talks_and_a_plan_verb_after_an_adverb_are_plans() {
        assert!(planned(
            &ws("set a date for the start of accession"),
            &ws("with albania")
        ));
        assert!(planned(
            &ws("urged the government to swiftly conclude"),
            &ws("on a tariff")
        ));
        assert!(planned(&ws("the"), &ws("is thought unlikely to agree")));
        assert!(!planned(
            &ws("on the same date the ministers held"),
            &ws("in tashkent")
        ));
    }

    #[test]
    fn habits_are_not_occasions() {
        assert!(generic_plural("meetings", &ws("ministers hold regular")));
        assert!(generic_plural("summits", &ws("at recent")));
        assert!(!generic_plural("meetings", &ws("a series of")));
        assert!(!generic_plural("meeting", &ws("at a regular")));
    }

    #[test]
    fn sentence_words_are_the_words_of_the_sentence() {
        let text = "The PRESIDENT met Ташкент-2 officials. Mr O'Neil's VISIT to Zürich, É-Prix.";
        let lower = text.to_ascii_lowercase();
        let cut = text.find(" Mr").expect("second sentence");
        let seg = Segmented {
            sentences: vec![
                Sentence {
                    start: 0,
                    end: cut,
                    body: true,
                    words: (0, 0),
                },
                Sentence {
                    start: cut + 1,
                    end: text.len(),
                    body: true,
                    words: (0, 0),
                },
            ],
            words: Vec::new(),
        };
        let sw = SentenceWords::new(text, &lower, &seg);
        for (si, s) in seg.sentences.iter().enumerate() {
            assert_eq!(sw.of(si), words(&text[s.start..s.end], s.start).as_slice());
        }
        let second: Vec<&str> = sw.of(1).iter().map(|(_, w)| w.as_str()).collect();
        assert_eq!(
            second,
            ["mr", "o'neil's", "visit", "to", "zürich", "é-prix"]
        );
    }
}
