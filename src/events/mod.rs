//! Stage 6, assemble events: cues (triggers that name an event) are merged
//! into events — several mentions of one event become one — and each event's
//! slots are filled from its sentences: date, place, participants, parties,
//! sectors and agreed sectors.

pub mod place;
mod sense;
mod triggers;

use std::collections::HashMap;

use crate::clean::Article;
use crate::date::{Date, DateValue};
use crate::gazetteer::Gazetteer;
use crate::mention::{EventType, Label, Mention};
use crate::segment::Segmented;

pub use sense::{Judgement, Reason, Sense};
use triggers::words;
pub use triggers::Cue;

/// An assembled event, with byte spans of the normalized text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub kind: Option<EventType>,
    pub date: Option<DateValue>,
    /// Span of the date's words.
    pub date_span: Option<(usize, usize)>,
    pub place: Option<String>,
    pub place_country: Option<String>,
    pub participants: Vec<String>,
    pub parties: Vec<String>,
    pub agreed_sectors: Vec<String>,
    pub sectors: Vec<String>,
    /// The first trigger and the sentence that holds it.
    pub trigger: (usize, usize),
    pub evidence: (usize, usize),
    /// The sense check's verdict: only kept events become rows.
    pub judgement: Judgement,
}

/// Words before a person that make them mentioned, not acting.
const NOT_ACTING: &[&str] = &[
    "policy",
    "policies",
    "leadership",
    "initiative",
    "initiatives",
    "thanks",
    "greetings",
    "greeting",
    "behalf",
    "message",
    "instructions",
    "instruction",
    "guidance",
    "wishes",
    "memory",
    "named",
    "late",
    "former",
    "regards",
    "letter",
    "congratulations",
    "congratulatory",
    "condolences",
    "portrait",
    "decree",
    "words",
    "address",
    "appeal",
    "vision",
    "efforts",
    "foresight",
    "wisdom",
];
const AGREE_WORDS: &[&str] = &[
    "agreed",
    "agree",
    "decided",
    "pledged",
    "committed",
    "signed",
    "sign",
];
/// Words before a person that make them the head of a side at the event.
const LEADING: &[&str] = &[
    "led",
    "headed",
    "chaired",
    "co-chaired",
    "delegation",
    "co-chairs",
];
/// Subjects of a signing that stand for the event's participants.
const SIGNATORIES: &[&str] = &[
    "sides",
    "parties",
    "co-chairs",
    "ministers",
    "heads",
    "leaders",
    "they",
    "presidents",
    "delegations",
    "both",
    "chairmen",
];

/// One event being built.
struct Draft {
    kind: EventType,
    cues: Vec<Cue>,
    date: Option<(DateValue, usize, usize)>,
    recalled: bool,
}

fn recent(d: &DateValue, anchor: Option<Date>) -> bool {
    let Some(a) = anchor else { return true };
    let day = match d {
        DateValue::Day(x) => *x,
        DateValue::Interval(_, b) => *b,
        _ => return false,
    };
    let diff = a.to_days() - day.to_days();
    (-2..=45).contains(&diff)
}

/// Assembles the events of one article.
pub fn assemble(
    article: &Article,
    seg: &Segmented,
    mentions: &[Mention],
    gaz: &Gazetteer,
) -> Vec<Event> {
    // Every event grows from a cue, and every cue from a trigger word:
    // without one (most documents) there is nothing to list or lower-case.
    if !mentions.iter().any(|m| m.label == Label::Trigger) {
        return Vec::new();
    }
    let text = article.text();
    let home: Option<String> = article
        .dateline
        .as_ref()
        .and_then(|d| d.place_entry)
        .map(|e| {
            let e = gaz.entry(e);
            if e.label() == Label::Country {
                e.canonical.clone()
            } else {
                e.country.clone().unwrap_or_default()
            }
        });
    // Several steps read a sentence's words; list each sentence's once.
    let lower = text.to_ascii_lowercase();
    let sentence_words = triggers::SentenceWords::new(text, &lower, seg);
    // 1. Cues per body sentence, and the dates they own.
    let mut all: Vec<Cue> = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        if s.body {
            all.extend(triggers::cues(
                text,
                &sentence_words,
                si,
                mentions,
                gaz,
                home.as_deref(),
            ));
        }
    }
    if all.is_empty() {
        return Vec::new();
    }
    let dates: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.label == Label::Date && m.date.is_some())
        .collect();
    let mut cue_date: HashMap<usize, (DateValue, usize, usize)> = HashMap::new();
    for d in &dates {
        let Some(si) = seg.sentence_at(d.start) else {
            continue;
        };
        let Some(value) = d.date else { continue };
        let mut best: Option<(usize, usize)> = None;
        for (ci, c) in all.iter().enumerate().filter(|(_, c)| c.sentence == si) {
            let dist = if c.end <= d.start {
                d.start - c.end
            } else {
                (c.start - d.end.min(c.start)) * 2 + 10
            };
            let coarse = !matches!(value, DateValue::Day(_) | DateValue::Interval(..));
            if coarse && dist > 80 {
                continue;
            }
            // "The conversation took place on June 2": a weak trigger takes
            // only a date right next to it.
            if c.weak && dist > 40 {
                continue;
            }
            if best.is_none_or(|(_, bd)| dist < bd) {
                best = Some((ci, dist));
            }
        }
        if let Some((ci, _)) = best {
            cue_date.entry(ci).or_insert((value, d.start, d.end));
        }
    }

    // People named in a sentence, for telling two meetings of a day apart.
    let people_in = |si: usize| -> Vec<&str> {
        let s = &seg.sentences[si];
        span_of(mentions, s.start, s.end)
            .iter()
            .filter(|m| m.label == Label::Person && m.end <= s.end)
            .map(|m| m.canonical.as_str())
            .collect()
    };
    // A meeting or call with a counterpart the event so far did not have
    // is an event of its own: "In his meeting with X ... During his meeting
    // with Y ...", "He also spoke by phone with Z". The counterpart is a
    // person after the trigger, joined to it by "with" or as the object of
    // "met", "received", "hosted".
    let other_people = |c: &Cue, d: &Draft| -> bool {
        if c.weak || !matches!(c.kind, EventType::Meeting | EventType::PhoneCall) {
            return false;
        }
        let s = &seg.sentences[c.sentence];
        let surface = text[c.start..c.end].to_ascii_lowercase();
        let transitive = matches!(
            surface.as_str(),
            "received" | "met" | "hosted" | "courtesy call"
        );
        let counterparts: Vec<&str> = span_of(mentions, c.end, s.end)
            .iter()
            .filter(|m| m.label == Label::Person && m.end <= s.end && m.start - c.end <= 120)
            .filter(|m| {
                let between = text[c.end..m.start].to_ascii_lowercase();
                (transitive || surface.ends_with(" with") || between.contains("with "))
                    && !between.contains("attended")
                    && !between.contains(" by ")
            })
            .map(|m| m.canonical.as_str())
            .collect();
        // "X was received by the President": a reception naming two people
        // is one of its own when either is new.
        let here = people_in(c.sentence);
        let reception = transitive && here.len() >= 2;
        if counterparts.is_empty() && !reception {
            return false;
        }
        // The event's sentences so far, its last few enough to know who
        // it had.
        let first = d
            .cues
            .first()
            .map_or(c.sentence, |x| x.sentence)
            .max(c.sentence.saturating_sub(8));
        let mut before: Vec<&str> = (first..c.sentence).flat_map(people_in).collect();
        // The event's latest cues are enough (and keep this bounded when a
        // document repeats one event thousands of times).
        for x in d.cues.iter().rev().take(16) {
            if x.sentence == c.sentence {
                continue;
            }
            before.extend(people_in(x.sentence));
        }
        if before.is_empty() {
            // The event so far names nobody: a "series of meetings" opener
            // splits from its first named counterpart.
            return d.cues.iter().all(|x| x.sentence != c.sentence);
        }
        counterparts.iter().any(|p| !before.contains(p))
            || reception && here.iter().any(|p| !before.contains(p))
    };

    // 2. Merge cues into events.
    let mut drafts: Vec<Draft> = Vec::new();
    let mut agreement_cues: Vec<(usize, Cue)> = Vec::new();
    for (ci, c) in all.iter().enumerate() {
        let date = cue_date.get(&ci).copied();
        if c.kind == EventType::Agreement {
            agreement_cues.push((ci, c.clone()));
            continue;
        }
        if c.weak {
            let target = drafts
                .iter_mut()
                .rev()
                .find(|d| d.kind == c.kind && !d.recalled);
            if let Some(d) = target {
                if d.date.is_none() {
                    d.date = date;
                }
                d.cues.push(c.clone());
            } else if let Some(d) = drafts.iter_mut().rev().find(|d| {
                matches!(d.kind, EventType::Meeting | EventType::PhoneCall)
                    && !d.recalled
                    && c.kind == EventType::Meeting
            }) {
                d.cues.push(c.clone());
            }
            continue;
        }
        match date {
            Some((v, ds, de)) => {
                if let Some(d) = drafts.iter_mut().find(|d| {
                    d.kind == c.kind
                        && d.date.is_some_and(|x| overlaps(&x.0, &v))
                        && !other_people(c, d)
                }) {
                    // The wider value wins: "14-15 October" over "14 October".
                    if let Some(x) = d.date.as_mut() {
                        if matches!(v, DateValue::Interval(..))
                            && !matches!(x.0, DateValue::Interval(..))
                        {
                            *x = (v, ds, de);
                        }
                    }
                    d.cues.push(c.clone());
                } else if let Some(d) = drafts.iter_mut().find(|d| {
                    d.kind == c.kind
                        && d.date.is_none()
                        && !d.recalled
                        && recent(&v, article.anchor)
                        && !other_people(c, d)
                }) {
                    d.date = Some((v, ds, de));
                    d.cues.push(c.clone());
                } else {
                    let recalled = c.recalled || !recent(&v, article.anchor);
                    drafts.push(Draft {
                        kind: c.kind,
                        cues: vec![c.clone()],
                        date: Some((v, ds, de)),
                        recalled,
                    });
                }
            }
            None => {
                if c.recalled {
                    continue;
                }
                if let Some(d) = drafts
                    .iter_mut()
                    .find(|d| d.kind == c.kind && !d.recalled && !other_people(c, d))
                {
                    d.cues.push(c.clone());
                } else {
                    drafts.push(Draft {
                        kind: c.kind,
                        cues: vec![c.clone()],
                        date: None,
                        recalled: false,
                    });
                }
            }
        }
    }
    if drafts.iter().all(|d| d.recalled) && !agreement_cues.is_empty() {
        for (ci, c) in &agreement_cues {
            if c.weak || c.recalled {
                continue;
            }
            let date = cue_date.get(ci).copied();
            match drafts.iter_mut().find(|d| d.kind == EventType::Agreement) {
                Some(d) => {
                    d.cues.push(c.clone());
                    if d.date.is_none() {
                        d.date = date;
                    }
                }
                None => drafts.push(Draft {
                    kind: EventType::Agreement,
                    cues: vec![c.clone()],
                    date,
                    recalled: false,
                }),
            }
        }
    }
    if drafts.is_empty() {
        return Vec::new();
    }
    drafts.sort_by_key(|d| d.cues[0].start);

    // 3. Which event owns each body sentence (for sectors): the events with
    // a cue in it, else the last main event before it.
    let n = seg.sentences.len();
    let mut owners: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (di, d) in drafts.iter().enumerate() {
        for c in &d.cues {
            if !owners[c.sentence].contains(&di) {
                owners[c.sentence].push(di);
            }
        }
    }
    let first_main = drafts.iter().position(|d| !d.recalled);
    let mut current = first_main;
    for (sent, owner) in seg.sentences.iter().zip(owners.iter_mut()) {
        if !sent.body {
            continue;
        }
        if owner.is_empty() {
            if let Some(c) = current {
                owner.push(c);
            }
        } else if let Some(&m) = owner
            .iter()
            .filter(|&&di| !drafts[di].recalled)
            .min_by_key(|&&di| drafts[di].kind == EventType::Visit)
        {
            current = Some(m);
        }
    }

    // Talks, not the trip, are where things are discussed and agreed: a
    // sentence shared by a visit and a meeting or call belongs to the latter.
    for o in owners.iter_mut() {
        let talk = o.iter().any(|&di| {
            !drafts[di].recalled
                && matches!(drafts[di].kind, EventType::Meeting | EventType::PhoneCall)
        });
        if talk {
            o.retain(|&di| drafts[di].kind != EventType::Visit);
        }
    }

    // The sectors of a sentence that reports a signing are the signed
    // documents' ("a package of documents was signed, including agreements
    // on customs and tourism"), not the talks'.
    for (si, o) in owners.iter_mut().enumerate() {
        let signs_here = o.iter().any(|&di| {
            drafts[di].kind == EventType::Signing
                && !drafts[di].recalled
                && drafts[di].cues.iter().any(|c| c.sentence == si)
        });
        if signs_here {
            o.retain(|&di| drafts[di].kind == EventType::Signing || drafts[di].recalled);
        }
    }

    // Recalled events with a cue in each sentence, for the scope of words.
    let mut recalled_in: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (di, d) in drafts.iter().enumerate().filter(|(_, d)| d.recalled) {
        for c in &d.cues {
            if !recalled_in[c.sentence].contains(&di) {
                recalled_in[c.sentence].push(di);
            }
        }
    }
    // Where each country or organization is first named (itself, or as the
    // country of a person), and each person's country: for party order.
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut person_country: HashMap<&str, (&str, usize)> = HashMap::new();
    for m in mentions {
        match m.label {
            Label::Country | Label::Org => {
                first_seen.entry(m.canonical.as_str()).or_insert(m.start);
            }
            Label::Person => {
                if let Some(c) = m.country.as_deref() {
                    first_seen.entry(c).or_insert(m.start);
                    person_country
                        .entry(m.canonical.as_str())
                        .or_insert((c, m.start));
                }
            }
            _ => {}
        }
    }
    // The sentences each event owns, so that slot filling is linear.
    let mut owned: Vec<Vec<usize>> = vec![Vec::new(); drafts.len()];
    for (si, o) in owners.iter().enumerate() {
        for &di in o {
            owned[di].push(si);
        }
    }

    // 4. Slots.
    let titles: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|t| t.label == Label::Title)
        .map(|t| (t.start, t.end))
        .collect();
    let in_title = |m: &Mention| {
        // Titles do not nest: only the last one starting before `m` can hold it.
        let i = titles.partition_point(|&(st, _)| st < m.start);
        i > 0 && m.end <= titles[i - 1].1
    };
    let mut events: Vec<Event> = Vec::new();
    for (di, d) in drafts.iter().enumerate() {
        let first = &d.cues[0];
        let sent = &seg.sentences[first.sentence];
        let mut ev = Event {
            kind: Some(d.kind),
            date: d.date.map(|x| x.0),
            date_span: d.date.map(|x| (x.1, x.2)),
            trigger: (first.start, first.end),
            evidence: (sent.start, sent.end),
            ..Event::default()
        };
        let cue_sentences: Vec<usize> = {
            let mut v: Vec<usize> = d.cues.iter().map(|c| c.sentence).collect();
            v.dedup();
            v
        };
        let strong_sentences: Vec<usize> = {
            let mut v: Vec<usize> = d
                .cues
                .iter()
                .filter(|c| !c.weak)
                .map(|c| c.sentence)
                .collect();
            v.dedup();
            v
        };
        // A recalled event's own words: from its document noun to its date.
        let scope = |start: usize, end: usize, si: usize| -> bool {
            if d.recalled {
                d.cues.iter().any(|c| {
                    c.sentence == si
                        && start >= c.phrase_start.min(c.start)
                        && end <= d.date.map_or(c.end, |x| x.2.max(c.end))
                })
            } else {
                // Leave out words inside other, recalled events' phrases.
                !recalled_in[si].iter().any(|&oi| {
                    let o = &drafts[oi];
                    oi != di
                        && o.cues.iter().any(|c| {
                            c.sentence == si
                                && start >= c.phrase_start.min(c.start)
                                && end <= o.date.map_or(c.end, |x| x.2.max(c.end))
                        })
                })
            }
        };
        // Participants: people in the event's sentences who act in it.
        let mut party_pos: Vec<(String, usize)> = Vec::new();
        for &si in &cue_sentences {
            let s = &seg.sentences[si];
            let ws = sentence_words.of(si);
            for m in span_of(mentions, s.start, s.end)
                .iter()
                .filter(|m| m.end <= s.end && m.label == Label::Person)
            {
                if !scope(m.start, m.end, si) {
                    continue;
                }
                let wi = ws.partition_point(|(p, _)| *p < m.start);
                let before: Vec<&str> = ws[wi.saturating_sub(5)..wi]
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect();
                if before.iter().any(|w| NOT_ACTING.contains(w)) {
                    continue;
                }
                push_unique(&mut ev.participants, &m.canonical);
                if let Some(c) = &m.country {
                    party_pos.push((c.clone(), m.start));
                }
            }
            // Compound adjectives ("Tajik-Azerbaijani") and "between X and Y".
            let countries: Vec<&Mention> = span_of(mentions, s.start, s.end)
                .iter()
                .filter(|m| {
                    m.end <= s.end && m.label == Label::Country && scope(m.start, m.end, si)
                })
                .collect();
            for pair in countries.windows(2) {
                let before = text[s.start..pair[0].start].trim_end();
                let between = before.len() >= 7
                    && before.is_char_boundary(before.len() - 7)
                    && before[before.len() - 7..].eq_ignore_ascii_case("between");
                if &text[pair[0].end..pair[1].start] == "-" || between {
                    for m in pair {
                        party_pos.push((m.canonical.clone(), m.start));
                    }
                }
            }
        }
        // Heads of delegations and speakers in the event's other sentences.
        for &si in &owned[di] {
            let s = &seg.sentences[si];
            if !s.body || !owners[si].contains(&di) || cue_sentences.contains(&si) || d.recalled {
                continue;
            }
            let mut people = span_of(mentions, s.start, s.end)
                .iter()
                .filter(|m| m.end <= s.end && m.label == Label::Person)
                .peekable();
            // Most sentences an event owns name nobody: no word list then.
            if people.peek().is_none() {
                continue;
            }
            let ws = sentence_words.of(si);
            for m in people {
                let wi = ws.partition_point(|(p, _)| *p < m.start);
                let before: Vec<&str> = ws[wi.saturating_sub(12)..wi]
                    .iter()
                    .map(|(_, w)| w.as_str())
                    .collect();
                if before.iter().rev().take(5).any(|w| NOT_ACTING.contains(w)) {
                    continue;
                }
                let leading = before.iter().any(|w| LEADING.contains(w));
                // The subject of the sentence: nothing before it but a title
                // or a short opening phrase ("During the meeting, ").
                let lead_text = &text[s.start..m.start];
                let titled = span_of(mentions, s.start, s.start + 1)
                    .iter()
                    .any(|t| t.label == Label::Title && t.end + 1 >= m.start);
                let opening = lead_text.trim().is_empty()
                    || titled
                    || (lead_text.trim_end().ends_with(',')
                        && lead_text.split_whitespace().count() <= 5);
                if leading || opening {
                    push_unique(&mut ev.participants, &m.canonical);
                    if let Some(c) = &m.country {
                        party_pos.push((c.clone(), m.start));
                    }
                }
            }
        }
        // People of the same person seen elsewhere may carry the country.
        for p in &ev.participants {
            if let Some((c, at)) = person_country.get(p.as_str()) {
                party_pos.push((c.to_string(), *at));
            }
        }
        if party_pos.is_empty() {
            for &si in &cue_sentences {
                let s = &seg.sentences[si];
                for m in span_of(mentions, s.start, s.end).iter().filter(|m| {
                    m.end <= s.end
                        && matches!(m.label, Label::Country | Label::Org)
                        && scope(m.start, m.end, si)
                }) {
                    let before = text[s.start..m.start].trim_end().to_lowercase();
                    // "in Azerbaijan" is where, not who.
                    if before.ends_with(" in")
                        || before.ends_with(" to") && d.kind == EventType::Visit
                    {
                        continue;
                    }
                    party_pos.push((m.canonical.clone(), m.start));
                }
            }
        }
        // Order parties by first mention in the document.
        let mut parties: Vec<(usize, String)> = Vec::new();
        for (p, _) in &party_pos {
            if parties.iter().any(|(_, q)| q == p) {
                continue;
            }
            let first = first_seen.get(p.as_str()).copied().unwrap_or(usize::MAX);
            parties.push((first, p.clone()));
        }
        parties.sort();
        ev.parties = parties.into_iter().map(|(_, p)| p).collect();

        // Sectors from owned sentences; agreed when under agree language.
        for &si in &owned[di] {
            let s = &seg.sentences[si];
            if !s.body || !owners[si].contains(&di) {
                continue;
            }
            // The first agree word in scope, looked for only in a sentence
            // with a sector to credit (most have none).
            let mut agree_at: Option<Option<usize>> = None;
            let signing_sentence = d.kind == EventType::Signing && cue_sentences.contains(&si);
            for m in span_of(mentions, s.start, s.end)
                .iter()
                .filter(|m| m.end <= s.end && m.label == Label::Sector)
            {
                if !scope(m.start, m.end, si) || in_title(m) {
                    continue;
                }
                push_unique(&mut ev.sectors, &m.canonical);
                if signing_sentence {
                    push_unique(&mut ev.agreed_sectors, &m.canonical);
                    continue;
                }
                let agree_at = *agree_at.get_or_insert_with(|| {
                    sentence_words
                        .of(si)
                        .iter()
                        .find(|(p, w)| {
                            AGREE_WORDS.contains(&w.as_str())
                                && scope(*p, *p + w.as_str().len(), si)
                        })
                        .map(|(p, _)| *p)
                });
                if agree_at.is_some_and(|a| a < m.start) {
                    push_unique(&mut ev.agreed_sectors, &m.canonical);
                }
            }
        }

        // Place: the best candidate of the article by the cues of `place`.
        let query = place::PlaceQuery {
            kind: d.kind,
            recalled: d.recalled,
            sentences: &strong_sentences,
            owned: &owned[di],
            parties: &ev.parties,
        };
        let in_scope = |m: &Mention, si: usize| scope(m.start, m.end, si);
        if let Some((p, c)) =
            place::choose(article, seg, mentions, gaz, &query, &in_scope, &in_title)
        {
            ev.place = Some(p);
            ev.place_country = c;
        }
        events.push(ev);
    }

    // 5. What one event of the occasion lends another: talks during a visit
    // take the visit's first day; a signing at talks (or a visit) takes
    // their date, place and, when "the sides signed", their people; an
    // event with no parties takes the occasion's.
    let main_of = |k: EventType| drafts.iter().position(|d| !d.recalled && d.kind == k);
    let talks = main_of(EventType::Meeting).or_else(|| main_of(EventType::PhoneCall));
    let trip = main_of(EventType::Visit);
    let occasion = talks.or(trip);
    let snapshot: Vec<Event> = events.clone();
    for (i, ev) in events.iter_mut().enumerate() {
        if drafts[i].recalled || Some(i) == occasion && ev.kind != Some(EventType::Meeting) {
            continue;
        }
        if ev.kind == Some(EventType::Meeting) {
            if let Some(t) = trip.map(|t| &snapshot[t]) {
                if ev.date.is_none() {
                    ev.date = match t.date {
                        Some(DateValue::Interval(a, _)) => Some(DateValue::Day(a)),
                        other => other,
                    };
                    ev.date_span = t.date_span;
                }
                // Talks during a visit are held where the visit went.
                if ev.place.is_none() {
                    ev.place = t.place.clone();
                    ev.place_country = t.place_country.clone();
                }
            }
        }
        // A visit reported without its own day is dated, and placed, by
        // the talks held during it ("On September 15 ... met with ...").
        if ev.kind == Some(EventType::Visit) {
            let meeting = main_of(EventType::Meeting).map(|m| &snapshot[m]);
            if let Some(m) = meeting {
                if ev.date.is_none() {
                    ev.date = m.date;
                    ev.date_span = m.date_span;
                }
                if ev.place.is_none() {
                    ev.place = m.place.clone();
                    ev.place_country = m.place_country.clone();
                }
            }
        }
        if ev.kind == Some(EventType::Signing) {
            if let Some(m) = occasion.map(|o| &snapshot[o]) {
                let signed_by_sides = drafts[i].cues.iter().any(|c| {
                    let s = &seg.sentences[c.sentence];
                    words(&text[s.start..c.start], s.start)
                        .iter()
                        .rev()
                        .take(6)
                        .any(|(_, w)| SIGNATORIES.contains(&w.as_str()))
                });
                if signed_by_sides && ev.participants.is_empty() {
                    ev.participants = m.participants.clone();
                }
                if ev.date.is_none() {
                    ev.date = m.date;
                    ev.date_span = m.date_span;
                }
                if ev.place.is_none() {
                    ev.place = m.place.clone();
                    ev.place_country = m.place_country.clone();
                }
            }
        }
    }
    let fallback = occasion
        .map(|o| events[o].parties.clone())
        .filter(|p| !p.is_empty())
        .or_else(|| {
            events
                .iter()
                .find(|e| !e.parties.is_empty())
                .map(|e| e.parties.clone())
        });
    if let Some(parties) = fallback {
        for ev in events.iter_mut().filter(|e| e.parties.is_empty()) {
            ev.parties = parties.clone();
        }
    }
    // 6. The sense check: a state must act in the event.
    let people = sense::people(text, mentions, gaz);
    for (ev, d) in events.iter_mut().zip(&drafts) {
        let mut own: Vec<usize> = d.cues.iter().map(|c| c.sentence).collect();
        own.dedup();
        ev.judgement = sense::judge(
            text,
            &sentence_words,
            &own,
            mentions,
            d.kind,
            &ev.participants,
            &ev.parties,
            &people,
            gaz,
        );
    }
    sense::share_occasion(
        &mut events
            .iter_mut()
            .map(|e| &mut e.judgement)
            .collect::<Vec<_>>(),
    );
    events.sort_by_key(|e| (e.evidence.0, e.trigger.0));
    events
}

/// True when two date values share a day (or are equal).
fn overlaps(a: &DateValue, b: &DateValue) -> bool {
    let range = |d: &DateValue| match d {
        DateValue::Day(x) => Some((*x, *x)),
        DateValue::Interval(x, y) => Some((*x, *y)),
        _ => None,
    };
    match (range(a), range(b)) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => a == b,
    }
}

/// The mentions that start inside `start..end` (mentions are sorted by start).
fn span_of(mentions: &[Mention], start: usize, end: usize) -> &[Mention] {
    let a = mentions.partition_point(|m| m.start < start);
    let b = mentions.partition_point(|m| m.start < end);
    &mentions[a..b.max(a)]
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}
