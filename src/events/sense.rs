//! The sense check: one step, after an event's slots are filled, that keeps
//! it only when a **state actor** takes part. Trigger words have other
//! senses in general news ("signed a three-year contract", an athletics
//! "meeting", the board "decided", "the band agreed", "visitors" to a
//! monument); what tells the diplomatic sense apart is who acts.
//!
//! The rule, in the README's words: an event needs at least one party that
//! is a country or an intergovernmental organization, acting through a
//! participant who holds public office (a head of state or government,
//! minister, ambassador, governor, mayor, an international organization's
//! officer ...), or through a named government body, delegation or "the
//! sides" of countries, or a country that is itself the subject in a text
//! with no sport, business, court, culture or tourism sense around it.
//!
//! Every verdict carries its reason, so that `--explain` can show why a
//! row is there or is not.

use std::collections::HashMap;

use crate::events::triggers::{LowerWord, SentenceWords};
use crate::gazetteer::Gazetteer;
use crate::mention::{EventType, Label, Mention, MentionSpans};

/// Why an event was kept or dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A participant holds public office (title or gazetteer role).
    Officeholder,
    /// A government body, delegation or "the sides" acts in the event's sentences.
    GovernmentBody,
    /// A country or international organization is named as the actor, and
    /// nothing around it speaks of another sense.
    StateNamed,
    /// Another event of the article has an officeholder or government body,
    /// and this one, of the same official business, has state parties
    /// ("Following the talks, a protocol was signed").
    SameOccasion,
    /// No country or international organization among the parties.
    NoStateParty,
    /// A state party, but nobody acting for it in public office.
    NoStateActor,
    /// The words around the trigger are of another sense (sport, business,
    /// court, culture, tourism) and no officeholder acts.
    OtherSense(Sense),
}

impl Reason {
    pub fn kept(self) -> bool {
        matches!(
            self,
            Reason::Officeholder
                | Reason::GovernmentBody
                | Reason::StateNamed
                | Reason::SameOccasion
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Officeholder => "kept: a participant holds public office",
            Reason::GovernmentBody => "kept: a government body, delegation or the sides act",
            Reason::StateNamed => "kept: a country or international organization acts",
            Reason::SameOccasion => "kept: the article's other events have a state actor",
            Reason::NoStateParty => "dropped: no country or international organization takes part",
            Reason::NoStateActor => "dropped: no officeholder or government body acts",
            Reason::OtherSense(_) => "dropped: the trigger is used in another sense",
        }
    }
}

/// The sense the words around a trigger give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sense {
    Official,
    Sport,
    Business,
    Court,
    Culture,
    Tourism,
    /// Research and teaching: "the annual meeting of the association of
    /// marine scientists".
    Science,
    /// A political party's own business: "a meeting of the Parliamentary
    /// Labour Party", "Labour activists".
    Party,
}

impl Sense {
    pub fn as_str(self) -> &'static str {
        match self {
            Sense::Official => "official",
            Sense::Sport => "sport",
            Sense::Business => "business",
            Sense::Court => "court",
            Sense::Culture => "culture",
            Sense::Tourism => "tourism",
            Sense::Party => "party",
            Sense::Science => "science",
        }
    }
}

/// The verdict on one candidate event.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    pub reason: Reason,
    pub sense: Sense,
    /// What acted for a state (a title, a body word, a country), if found.
    pub actor: Option<String>,
}

impl Default for Judgement {
    fn default() -> Self {
        Judgement {
            reason: Reason::StateNamed,
            sense: Sense::Official,
            actor: None,
        }
    }
}

impl Judgement {
    pub fn kept(&self) -> bool {
        self.reason.kept()
    }
}

/// Words of a sentence that give a trigger another sense than the
/// official one. One table, one sense a row.
const SENSE_WORDS: &[(Sense, &[&str])] = &[
    (
        Sense::Sport,
        &[
            "match",
            "matches",
            "team",
            "teams",
            "squad",
            "coach",
            "coaches",
            "striker",
            "midfielder",
            "defender",
            "goalkeeper",
            "club",
            "clubs",
            "league",
            "championship",
            "champion",
            "champions",
            "tournament",
            "medal",
            "medals",
            "olympic",
            "olympics",
            "athletes",
            "athlete",
            "athletics",
            "players",
            "player",
            "scored",
            "goal",
            "goals",
            "rugby",
            "football",
            "soccer",
            "tennis",
            "cricket",
            "quarter-final",
            "semi-final",
            "fans",
            "transfer",
            "qualifier",
            "qualifiers",
            "victory",
            "defeat",
            "beat",
            "stadium",
            "penalty",
            "wicket",
            "sprinter",
            "innings",
            "seeded",
            "marathon",
        ],
    ),
    (
        Sense::Business,
        &[
            "company",
            "companies",
            "firm",
            "firms",
            "shares",
            "shareholders",
            "shareholder",
            "board",
            "ceo",
            "profit",
            "profits",
            "takeover",
            "merger",
            "investors",
            "revenues",
            "revenue",
            "carrier",
            "airline",
            "airlines",
            "stock",
            "stocks",
            "dividend",
            "investor",
            "traders",
            "corporation",
            "corp",
            "retailer",
            "bank's",
            "firm's",
            "company's",
            "inc",
            "plc",
            "ltd",
        ],
    ),
    (
        Sense::Court,
        &[
            "court",
            "judge",
            "judges",
            "jury",
            "trial",
            "verdict",
            "lawyer",
            "lawyers",
            "defendant",
            "prosecutors",
            "prosecution",
            "sentenced",
            "convicted",
            "tribunal",
        ],
    ),
    (
        Sense::Culture,
        &[
            "film",
            "films",
            "movie",
            "band",
            "album",
            "albums",
            "singer",
            "actor",
            "actress",
            "festival",
            "award",
            "awards",
            "nomination",
            "nominations",
            "oscar",
            "oscars",
            "concert",
            "chart",
            "charts",
            "musical",
            "theatre",
            "theater",
            "novel",
            "artist",
            "artists",
            "bafta",
            "grammy",
        ],
    ),
    (
        Sense::Party,
        &[
            "labour",
            "tory",
            "tories",
            "backbench",
            "backbenchers",
            "plp",
            "party's",
            "mps",
        ],
    ),
    (
        Sense::Science,
        &[
            "researchers",
            "scientists",
            "scientific",
            "university",
            "universities",
            "professor",
            "professors",
            "academics",
            "scholars",
            "students",
        ],
    ),
    (
        Sense::Tourism,
        &[
            "tourists",
            "tourist",
            "visitors",
            "holidaymakers",
            "sightseeing",
            "travellers",
            "pilgrims",
        ],
    ),
];

/// Words of a title that make it a public office. A title with none of them
/// ("Chairman", "Director", "Head") is an office of a state only when it
/// names a state body ("Chairman of the State Committee").
const OFFICE_WORDS: &[&str] = &[
    "minister",
    "ministers",
    "ministry",
    "ambassador",
    "ambassadors",
    "envoy",
    "representative",
    "president",
    "presidents",
    "vice-president",
    "premier",
    "king",
    "queen",
    "emir",
    "amir",
    "sultan",
    "prince",
    "governor",
    "mayor",
    "khokim",
    "hokim",
    "akim",
    "hakim",
    "consul",
    "consul-general",
    "charge",
    "chargé",
    "secretary-general",
    "commissioner",
    "chancellor",
    "speaker",
    "senator",
    "state",
    "government",
    "cabinet",
    "parliament",
    "republic",
    "committee",
    "agency",
    "council",
    "commission",
    "high",
    "foreign",
];

/// Words of an office that only a state has, whatever the words around.
const STATE_OFFICE_WORDS: &[&str] = &[
    "foreign",
    "affairs",
    "state",
    "republic",
    "minister",
    "ministry",
    "ambassador",
    "government",
    "prime",
    "premier",
    "king",
    "queen",
    "emir",
    "sultan",
    "governor",
    "mayor",
    "envoy",
    "consul",
    "senator",
    "parliament",
    "cabinet",
    "secretary-general",
    "commissioner",
    "chancellor",
];

/// Words that make a title a post outside the state ("Premier League",
/// "President of the club").
const NOT_OFFICE_WORDS: &[&str] = &[
    "league",
    "club",
    "trophy",
    "cup",
    "team",
    "championship",
    "company",
    "corporation",
    "plc",
    "inc",
    "band",
    "academy",
    "association",
    "federation",
    "university",
];

/// Words that name a government body, a delegation or the sides of
/// countries acting in an event's sentence.
const BODY_WORDS: &[&str] = &[
    "government",
    "governments",
    "ministry",
    "ministries",
    "delegation",
    "delegations",
    "embassy",
    "embassies",
    "parliament",
    "parliamentary",
    "cabinet",
    "intergovernmental",
    "inter-governmental",
    "bilateral",
    "diplomats",
    "diplomatic",
    "sides",
    "countries",
    "states",
    "authorities",
    "officials",
    "lawmakers",
    "legislators",
    "ministers",
    "heads",
    "leaders",
];

/// What the document says of its people, found once per document.
#[derive(Default)]
pub struct People<'m> {
    /// The office of each person who has one (see [`people`]), and
    /// whether it is a state's beyond doubt: the gazetteer's role of an
    /// official, or a title with its country ("the President of Chile").
    pub office: HashMap<&'m str, (String, bool)>,
    /// The country each person acts for, where a title, "(Country)" or the
    /// gazetteer gives one.
    pub country: HashMap<&'m str, &'m str>,
}

/// Judges one candidate event. `sentences` are the event's own sentences
/// (those with one of its triggers), `participants` and `parties` its
/// filled slots. The steps, in order:
///
/// 1. no country or international organization among the parties: dropped;
/// 2. a participant in public office, or an office named in the event's
///    sentences: kept;
/// 3. words of another sense (sport, business, court, culture, tourism)
///    around the trigger: dropped;
/// 4. a government body, delegation or "the sides": kept;
/// 5. a participant who acts for a country, or a country or organization
///    named as a noun in the event's sentences ("Kazakhstan and Uzbekistan
///    signed", not "the American Association"): kept;
/// 6. otherwise dropped.
///
/// An `agreement` needs two parties: one body deciding alone ("the central
/// bank decided") is not an agreement between states.
#[allow(clippy::too_many_arguments)]
pub fn judge(
    text: &str,
    sentence_words: &SentenceWords<'_>,
    sentences: &[usize],
    mentions: &MentionSpans<'_>,
    kind: EventType,
    participants: &[String],
    parties: &[String],
    people: &People<'_>,
    gaz: &Gazetteer,
) -> Judgement {
    let sense = sense_of(sentence_words, sentences);
    let verdict = |reason: Reason, actor: Option<String>| Judgement {
        reason,
        sense,
        actor,
    };
    if parties.is_empty() || (kind == EventType::Agreement && parties.len() < 2) {
        return verdict(Reason::NoStateParty, None);
    }
    // A call has two ends: two people or two states, or "with" or
    // "between" someone. "Britain's first mobile phone call was made by a
    // comedian", "the cost of an ordinary phone call" have one or none.
    if kind == EventType::PhoneCall
        && participants.len() < 2
        && parties.len() < 2
        && !sentences.iter().any(|&si| {
            sentence_words
                .of(si)
                .iter()
                .any(|(_, w)| matches!(w.as_str(), "with" | "between"))
        })
    {
        return verdict(Reason::NoStateActor, None);
    }
    // A participant in public office: a gazetteer official, or a person
    // with an office title next to one of their mentions.
    // Around business words, only someone named in the event's own
    // sentences: "the firm says it is in talks to buy ..." is not made a
    // state's by a minister the article names elsewhere.
    let named_here = |p: &str| {
        sense != Sense::Business
            || sentences.iter().any(|&si| {
                let s = &sentence_words.seg().sentences[si];
                mentions
                    .span(s.start, s.end)
                    .iter()
                    .any(|m| m.label == Label::Person && m.canonical == p)
            })
    };
    let officeholder = participants.iter().find_map(|p| {
        people
            .office
            .get(p.as_str())
            .filter(|_| named_here(p))
            .map(|(t, state)| (format!("{p} ({t})"), *state))
    });
    // An office named in the event's sentences without a name ("the
    // Minister received the Ambassador").
    let office = || {
        sentences.iter().find_map(|&si| {
            let s = &sentence_words.seg().sentences[si];
            mentions
                .span(s.start, s.end)
                .iter()
                .filter(|m| m.label == Label::Title && m.end <= s.end)
                .find(|m| is_office(&text[m.start..m.end], m))
                .map(|m| {
                    let surface = &text[m.start..m.end];
                    (
                        surface.to_string(),
                        m.country.is_some() && surface.contains(" of "),
                    )
                })
        })
    };
    // A party's own meeting is not a state's, whoever attends, unless a
    // second state takes part.
    if sense == Sense::Party && parties.len() < 2 {
        return verdict(Reason::OtherSense(sense), None);
    }
    // Around sport, business or culture a "President" or "Chairman" is
    // most often a club's or a firm's: there only a state office counts
    // (a minister, an ambassador, a governor ...).
    let holder = officeholder.or_else(office).filter(|(a, state)| {
        sense == Sense::Official
            || *state
            || a.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .any(|w| STATE_OFFICE_WORDS.contains(&w.to_lowercase().as_str()))
    });
    if let Some((a, _)) = holder {
        return verdict(Reason::Officeholder, Some(a));
    }
    if sense != Sense::Official {
        return verdict(Reason::OtherSense(sense), None);
    }
    // "trade union leaders", "business leaders" are no state's.
    let body = sentences.iter().find_map(|&si| {
        let ws = sentence_words.of(si);
        ws.iter()
            .enumerate()
            .find(|&(i, (_, w))| {
                BODY_WORDS.contains(&w.as_str())
                    && !i
                        .checked_sub(1)
                        .is_some_and(|j| NOT_STATE_MODIFIERS.contains(&ws[j].1.as_str()))
            })
            .map(|(_, (_, w))| w.as_str().to_string())
    });
    if let Some(b) = body {
        return verdict(Reason::GovernmentBody, Some(b));
    }
    let acting = participants
        .iter()
        .find_map(|p| people.country.get(p.as_str()).map(|c| format!("{p} ({c})")));
    if let Some(a) = acting {
        return verdict(Reason::StateNamed, Some(a));
    }
    // A call or a visit is made by people: with none named and no body,
    // a country's name alone ("Britain's first mobile phone call", "have
    // arrived in the UK") is no state acting.
    if matches!(kind, EventType::PhoneCall | EventType::Visit) && participants.is_empty() {
        return verdict(Reason::NoStateActor, None);
    }
    // A country or organization named as a noun in the event's own
    // sentences stands for its state; a demonym ("Saudi Arabian carrier")
    // only describes.
    // Not as a place ("arrived in the UK") nor as the nationality of a
    // firm, a market or a war ("UK bank Barclays", "the US market", "the
    // Iraq war"). An agreement, made between two, needs two.
    let mut named: Vec<&str> = Vec::new();
    for &si in sentences {
        let s = &sentence_words.seg().sentences[si];
        let ws = sentence_words.of(si);
        for m in mentions.span(s.start, s.end) {
            if m.end <= s.end
                && matches!(m.label, Label::Country | Label::Org)
                && parties.contains(&m.canonical)
                && m.entry
                    .is_none_or(|e| gaz.entry(e).kind.as_deref() != Some("adjective"))
                && !describes(text, ws, m)
                && !named.contains(&m.canonical.as_str())
            {
                named.push(m.canonical.as_str());
            }
        }
    }
    let needed = if kind == EventType::Agreement { 2 } else { 1 };
    if named.len() >= needed {
        verdict(Reason::StateNamed, Some(named.join("; ")))
    } else {
        verdict(Reason::NoStateActor, None)
    }
}

/// Words before "leaders", "officials", "representatives" that make them a
/// union's, a firm's or a party's: "trade union leaders", "business
/// leaders", "company officials".
const NOT_STATE_MODIFIERS: &[&str] = &[
    "union",
    "business",
    "industry",
    "company",
    "corporate",
    "community",
    "religious",
    "opposition",
    "party",
    "student",
    "club",
    "bank",
];

/// Prepositions (and verbs of travel) that make the country after them a
/// place, not an actor: "arrived in the UK", "exports to China", "has
/// visited Brazil".
const PLACE_PREPOSITIONS: &[&str] = &[
    "visited",
    "visiting",
    "toured",
    "in",
    "into",
    "to",
    "from",
    "across",
    "throughout",
    "within",
    "inside",
    "outside",
];

/// Nouns that, a few words after a country's name, make the name a
/// nationality or an address, not a state acting: "UK bank Barclays",
/// "South Africa's biggest retail bank", "the US market", "UK interest
/// rates", "the Iraq war".
const DESCRIBED_NOUNS: &[&str] = &[
    "bank",
    "banks",
    "firm",
    "firms",
    "company",
    "companies",
    "group",
    "corporation",
    "conglomerate",
    "giant",
    "maker",
    "makers",
    "producer",
    "producers",
    "brewer",
    "carrier",
    "airline",
    "operator",
    "retailer",
    "insurer",
    "lender",
    "investor",
    "investors",
    "investment",
    "market",
    "markets",
    "economy",
    "shares",
    "stocks",
    "rates",
    "consumers",
    "customers",
    "war",
];

/// Does the country or organization mention `m` only describe (a place,
/// a firm's nationality), judged by the words of its sentence `ws`?
fn describes(text: &str, ws: &[(usize, LowerWord<'_>)], m: &Mention) -> bool {
    let at = ws.partition_point(|(p, _)| *p < m.start);
    // "in the US": the article between does not matter; nor, in a list
    // ("visited Trinidad, Brazil, Kazakhstan and China"), do the names and
    // "and" before it.
    let before = ws[..at]
        .iter()
        .rev()
        .take(12)
        .map(|(p, w)| (w.as_str(), text[*p..].starts_with(char::is_uppercase)))
        .find(|&(w, capital)| w != "the" && w != "and" && !capital)
        .map(|(w, _)| w);
    let place = before.is_some_and(|w| PLACE_PREPOSITIONS.contains(&w));
    let from = ws[at..].partition_point(|(p, _)| *p < m.end) + at;
    let nationality = ws[from..]
        .iter()
        .take(3)
        .any(|(_, w)| DESCRIBED_NOUNS.contains(&w.as_str().trim_end_matches("'s")));
    place || nationality
}

/// Second pass over an article's verdicts: an event of state parties and
/// official sense that found no actor of its own is kept when another event
/// of the article has an officeholder or a government body: the article
/// reports official business, and the event is part of it.
pub fn share_occasion(judgements: &mut [&mut Judgement]) {
    let official = judgements
        .iter()
        .any(|j| matches!(j.reason, Reason::Officeholder | Reason::GovernmentBody));
    if !official {
        return;
    }
    for j in judgements.iter_mut() {
        if j.reason == Reason::NoStateActor {
            j.reason = Reason::SameOccasion;
        }
    }
}

/// The sense the event's sentences give its trigger: the first sense whose
/// words occur (sport before business: "the club's board").
fn sense_of(sentence_words: &SentenceWords<'_>, sentences: &[usize]) -> Sense {
    let text = sentence_words.text();
    for (sense, words) in SENSE_WORDS {
        let hit = sentences.iter().any(|&si| {
            sentence_words.of(si).iter().any(|(p, w)| {
                // "the festival's programme" is about a festival.
                let w = w.as_str();
                let w = w.strip_suffix("'s").unwrap_or(w);
                words.contains(&w)
                    // A party is a name: "Labour", not "labour migration".
                    && (*sense != Sense::Party
                        || text[*p..].starts_with(|c: char| c.is_uppercase()))
            })
        });
        if hit {
            return *sense;
        }
    }
    Sense::Official
}

/// The office and country of each person of the document that has one: the gazetteer's
/// role, or an office title next to one of the person's mentions ("Foreign
/// Minister X" early on, "X, the Foreign Minister"), so that a later "X
/// met" still knows it. One pass over the mentions.
pub fn people<'m>(text: &str, mentions: &'m [Mention], gaz: &Gazetteer) -> People<'m> {
    let mut out = People::default();
    for (i, m) in mentions.iter().enumerate() {
        if m.label != Label::Person {
            continue;
        }
        if let Some(c) = m.country.as_deref() {
            out.country.entry(m.canonical.as_str()).or_insert(c);
        }
        if out.office.contains_key(m.canonical.as_str()) {
            continue;
        }
        if let Some(role) = m.entry.and_then(|e| gaz.entry(e).role.clone()) {
            out.office.insert(m.canonical.as_str(), (role, true));
            continue;
        }
        let before = mentions[..i]
            .iter()
            .rev()
            .take(4)
            .find(|t| t.label == Label::Title && t.end <= m.start && m.start - t.end <= 3);
        let after = mentions[i + 1..]
            .iter()
            .take(4)
            .find(|t| t.label == Label::Title && t.start >= m.end && t.start - m.end <= 24);
        for t in [before, after].into_iter().flatten() {
            let surface = &text[t.start..t.end];
            if is_office(surface, t) {
                // "the President of Chile" is a state's office beyond doubt;
                // "Athletics Kenya President" is not.
                let state = t.country.is_some() && surface.contains(" of ");
                out.office
                    .insert(m.canonical.as_str(), (surface.to_string(), state));
                break;
            }
        }
    }
    out
}

/// True when a title names a public office. Lower-case forms of words
/// that are also common nouns ("speaker", "president", "head") count only
/// with a country attached ("Russia's president").
fn is_office(surface: &str, m: &Mention) -> bool {
    let capital = surface.starts_with(|c: char| c.is_uppercase());
    if !capital && m.country.is_none() {
        return false;
    }
    let words: Vec<String> = surface
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| OFFICE_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| NOT_OFFICE_WORDS.contains(&w.as_str()))
}
