//! Stage 6, assemble events: cues (triggers that name an event) are merged
//! into events — several mentions of one event become one — and each event's
//! slots are filled from its sentences: date, place, participants, parties,
//! sectors and agreed sectors.

pub mod place;
mod sense;
mod triggers;

use std::collections::{HashMap, HashSet, VecDeque};

use crate::clean::Article;
use crate::date::{Date, DateValue};
use crate::gazetteer::Gazetteer;
use crate::mention::{EventType, Label, Mention, MentionSpans};
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

impl Event {
    /// Takes `from`'s date and place where this event has none of its own
    /// (a signing at talks, a visit dated by its talks).
    fn lend_date_and_place(&mut self, from: &Event) {
        if self.date.is_none() {
            self.date = from.date;
            self.date_span = from.date_span;
        }
        if self.place.is_none() {
            self.place = from.place.clone();
            self.place_country = from.place_country.clone();
        }
    }
}

/// One event being built.
struct Draft {
    kind: EventType,
    cues: Vec<Cue>,
    date: Option<(DateValue, usize, usize)>,
    recalled: bool,
}

/// How many earlier events a cue is compared with before it starts one of
/// its own: real articles have a handful, and a bound keeps a long text of
/// many distinct meetings linear.
const MERGE_LOOKS: usize = 32;

/// Look-ups of the events being built, by kind, so that merging a cue
/// costs no walk over all the events so far (issue #18). Events are only
/// appended, and an event's kind and `recalled` never change; each method
/// answers what the walk it stands for answered.
#[derive(Default)]
struct DraftIndex {
    /// Per kind, the events not recalled, in order, with the sentence of
    /// their first cue (nondecreasing: cues come in text order).
    open: HashMap<EventType, Vec<(usize, usize)>>,
    /// The last event not recalled that is a meeting or a phone call.
    last_talk: Option<usize>,
    /// Per kind, the events not recalled that were made without a date, in
    /// order; those dated since are dropped from the front when met.
    undated: HashMap<EventType, VecDeque<usize>>,
    /// Per kind and date, the events that have had that date, in order. Dates
    /// only change from none to one, or from a day to an interval: while
    /// no event of the kind has an interval, overlapping is equality and
    /// this tells the first overlapping event.
    by_date: HashMap<(EventType, DateValue), Vec<usize>>,
    /// The kinds with an event dated by an interval: searched by a walk.
    has_interval: HashSet<EventType>,
}

impl DraftIndex {
    fn push(&mut self, drafts: &mut Vec<Draft>, d: Draft) {
        let di = drafts.len();
        if !d.recalled {
            let first = d.cues.first().map_or(0, |c| c.sentence);
            self.open.entry(d.kind).or_default().push((di, first));
            if matches!(d.kind, EventType::Meeting | EventType::PhoneCall) {
                self.last_talk = Some(di);
            }
            if d.date.is_none() {
                self.undated.entry(d.kind).or_default().push_back(di);
            }
        }
        if let Some((v, _, _)) = d.date {
            self.dated(d.kind, di, v);
        }
        drafts.push(d);
    }

    /// Event `di` of `kind` now has date `v`.
    fn dated(&mut self, kind: EventType, di: usize, v: DateValue) {
        if matches!(v, DateValue::Interval(..)) {
            self.has_interval.insert(kind);
        }
        let e = self.by_date.entry((kind, v)).or_default();
        if let Err(at) = e.binary_search(&di) {
            e.insert(at, di);
        }
    }

    /// The last event of `kind` not recalled.
    fn last_open(&self, kind: EventType) -> Option<usize> {
        self.open.get(&kind)?.last().map(|&(di, _)| di)
    }

    /// The events of `kind` whose date overlaps `v`, in order.
    fn overlapping(&self, drafts: &[Draft], kind: EventType, v: &DateValue) -> Vec<usize> {
        if matches!(v, DateValue::Interval(..)) || self.has_interval.contains(&kind) {
            return drafts
                .iter()
                .enumerate()
                .filter(|(_, d)| d.kind == kind && d.date.is_some_and(|x| overlaps(&x.0, v)))
                .map(|(di, _)| di)
                .collect();
        }
        self.by_date
            .get(&(kind, *v))
            .map(|e| e.iter().take(MERGE_LOOKS).copied().collect())
            .unwrap_or_default()
    }

    /// The first event of `kind` not recalled and without a date that
    /// `fits`, within `MERGE_LOOKS` looks.
    fn first_undated(
        &mut self,
        drafts: &[Draft],
        kind: EventType,
        fits: impl Fn(&Draft) -> bool,
    ) -> Option<usize> {
        let q = self.undated.get_mut(&kind)?;
        while let Some(&di) = q.front() {
            if drafts[di].date.is_none() {
                break;
            }
            q.pop_front();
        }
        q.iter()
            .filter(|&&di| drafts[di].date.is_none())
            .take(MERGE_LOOKS)
            .copied()
            .find(|&di| fits(&drafts[di]))
    }
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

/// How many people of one sentence the counterpart split compares (see
/// `people_in` in `assemble`).
const SENTENCE_PEOPLE: usize = 64;

/// How far (bytes, between the starts) a date and the trigger it dates may
/// stand apart in one sentence: farther than any sentence of news, so it
/// only bounds the work on text without sentence ends.
const DATE_REACH: usize = 2_000;

/// Does the text before a date (from its sentence's start) end with a
/// clause's opening, ", and in", "; on", ", while in"? Reads back a few
/// words only.
fn opens_clause(before: &str) -> bool {
    let t = before.trim_end();
    let Some(t) = ["in", "on", "In", "On"]
        .iter()
        .find_map(|p| t.strip_suffix(p))
    else {
        return false;
    };
    if !t.ends_with(char::is_whitespace) {
        return false;
    }
    let t = t.trim_end();
    let t = ["and", "while", "but", "then"]
        .iter()
        .find_map(|w| {
            t.strip_suffix(w)
                .filter(|r| r.ends_with(char::is_whitespace))
        })
        .map_or(t, str::trim_end);
    t.ends_with(',') || t.ends_with(';')
}

/// Is the line before a date (`before` ends where the date starts) just the
/// word "date"? "date 2022-02-08 Greek Foreign Minister ...": a page's date
/// stamp before the text is when it was published, not when anything in it
/// happened. Reads back over the stamp's word only, never the whole line.
fn is_date_stamp(before: &str) -> bool {
    let spaces = |c: char| c.is_whitespace() && c != '\n';
    let t = before.trim_end_matches(spaces);
    let Some(word) = t.len().checked_sub(4).and_then(|i| t.get(i..)) else {
        return false;
    };
    if !word.eq_ignore_ascii_case("date") {
        return false;
    }
    let rest = t[..t.len() - 4].trim_end_matches(spaces);
    rest.is_empty() || rest.ends_with('\n')
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
    let mentions = &MentionSpans::new(mentions);
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
    // The searches below need the cues in text order (`cues` gives them
    // so, sentence by sentence).
    debug_assert!(all
        .windows(2)
        .all(|p| (p[0].sentence, p[0].start) <= (p[1].sentence, p[1].start)));
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
        // "date 2022-02-08 Greek Foreign Minister ...": a page's date stamp
        // before the text is when it was published, not when anything in
        // it happened.
        if is_date_stamp(&text[..d.start]) {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        // "In May 1980, X visited China", "On May 6, 2020, X held talks":
        // a date that opens its sentence dates the sentence's event,
        // however far its trigger.
        let opening = {
            let lead = text[seg.sentences[si].start..d.start].trim();
            lead.is_empty() || lead.eq_ignore_ascii_case("in") || lead.eq_ignore_ascii_case("on")
        };
        // "..., and in November the Chairman paid a return visit": a date
        // that opens a clause dates the clause's event, not the one before
        // the comma.
        let clause_opening = !opening && opens_clause(&text[seg.sentences[si].start..d.start]);
        // `all` is in sentence order: the cues of sentence `si` are one
        // run of it, found by search, not by a look at every cue; and of
        // those only the ones within `DATE_REACH` bytes of the date, so that
        // a sentence without end (a 64 MB document with no full stop) costs
        // the dates near each cue, not every date times every cue.
        let lo = all.partition_point(|c| c.sentence < si);
        let hi = lo + all[lo..].partition_point(|c| c.sentence <= si);
        let from = lo + all[lo..hi].partition_point(|c| c.start + DATE_REACH < d.start);
        let to = from + all[from..hi].partition_point(|c| c.start <= d.end + DATE_REACH);
        for (ci, c) in all.iter().enumerate().take(to).skip(from) {
            let dist = if c.end <= d.start {
                d.start - c.end
            } else {
                (c.start - d.end.min(c.start)) * 2 + 10
            };
            let opens = c.start >= d.end && (opening || clause_opening);
            let dist = if opens { dist.min(40) } else { dist };
            let dist = if clause_opening && c.end <= d.start {
                dist + 200
            } else {
                dist
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

    // People named in a sentence, for telling two meetings of a day apart:
    // its first `SENTENCE_PEOPLE`, more than any sentence of news names, so
    // that a text with no sentence end is not read whole for every cue.
    let people_in = |si: usize| -> Vec<&str> {
        let s = &seg.sentences[si];
        mentions
            .span(s.start, s.end)
            .iter()
            .filter(|m| m.label == Label::Person && m.end <= s.end)
            .take(SENTENCE_PEOPLE)
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
        let counterparts: Vec<&str> = mentions
            .span(c.end, s.end.min(c.end + 121))
            .iter()
            .filter(|m| m.label == Label::Person && m.end <= s.end)
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

    // 2. Merge cues into events. Each look-up of an earlier event is by
    // `DraftIndex`, not by a walk over all the events so far (quadratic
    // in a long document: issue #18); the answers are the walks'.
    let mut drafts: Vec<Draft> = Vec::new();
    let mut index = DraftIndex::default();
    let mut agreement_cues: Vec<(usize, Cue)> = Vec::new();
    for (ci, c) in all.iter().enumerate() {
        let date = cue_date.get(&ci).copied();
        if c.kind == EventType::Agreement {
            agreement_cues.push((ci, c.clone()));
            continue;
        }
        if c.weak {
            // The last event of the kind not recalled, else the last
            // meeting or call not recalled (for a meeting cue).
            if let Some(di) = index.last_open(c.kind) {
                let d = &mut drafts[di];
                if d.date.is_none() {
                    d.date = date;
                    if let Some((v, _, _)) = date {
                        index.dated(c.kind, di, v);
                    }
                }
                d.cues.push(c.clone());
            } else if let Some(di) = index.last_talk.filter(|_| c.kind == EventType::Meeting) {
                drafts[di].cues.push(c.clone());
            }
            continue;
        }
        match date {
            Some((v, ds, de)) => {
                if let Some(di) = index
                    .overlapping(&drafts, c.kind, &v)
                    .into_iter()
                    .take(MERGE_LOOKS)
                    .find(|&di| !other_people(c, &drafts[di]))
                {
                    let d = &mut drafts[di];
                    // The wider value wins: "14-15 October" over "14 October".
                    if let Some(x) = d.date.as_mut() {
                        if matches!(v, DateValue::Interval(..))
                            && !matches!(x.0, DateValue::Interval(..))
                        {
                            *x = (v, ds, de);
                            index.dated(c.kind, di, v);
                        }
                    }
                    d.cues.push(c.clone());
                } else if let Some(di) = recent(&v, article.anchor)
                    .then(|| index.first_undated(&drafts, c.kind, |d| !other_people(c, d)))
                    .flatten()
                {
                    let d = &mut drafts[di];
                    d.date = Some((v, ds, de));
                    index.dated(c.kind, di, v);
                    d.cues.push(c.clone());
                } else {
                    let recalled = c.recalled || !recent(&v, article.anchor);
                    index.push(
                        &mut drafts,
                        Draft {
                            kind: c.kind,
                            cues: vec![c.clone()],
                            date: Some((v, ds, de)),
                            recalled,
                        },
                    );
                }
            }
            None => {
                if c.recalled {
                    continue;
                }
                // The first event of the kind not recalled for which the
                // cue names no one new (see `other_people`); a bounded
                // number of looks, so that a long text of many distinct
                // meetings stays linear (issue #18).
                let open = index.open.get(&c.kind).map_or(&[][..], Vec::as_slice);
                let target = open
                    .iter()
                    .take(MERGE_LOOKS)
                    .map(|&(di, _)| di)
                    .find(|&di| !other_people(c, &drafts[di]));
                if let Some(di) = target {
                    drafts[di].cues.push(c.clone());
                } else {
                    index.push(
                        &mut drafts,
                        Draft {
                            kind: c.kind,
                            cues: vec![c.clone()],
                            date: None,
                            recalled: false,
                        },
                    );
                }
            }
        }
    }
    if drafts.iter().all(|d| d.recalled) && !agreement_cues.is_empty() {
        // The first agreement event, kept rather than searched for at
        // every agreement cue.
        let mut agreement = drafts.iter().position(|d| d.kind == EventType::Agreement);
        for (ci, c) in &agreement_cues {
            if c.weak || c.recalled {
                continue;
            }
            let date = cue_date.get(ci).copied();
            match agreement {
                Some(di) => {
                    let d = &mut drafts[di];
                    d.cues.push(c.clone());
                    if d.date.is_none() {
                        d.date = date;
                    }
                }
                None => {
                    agreement = Some(drafts.len());
                    drafts.push(Draft {
                        kind: EventType::Agreement,
                        cues: vec![c.clone()],
                        date,
                        recalled: false,
                    });
                }
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
            // `di` grows: it is in the list only if it was the last added.
            if owners[c.sentence].last() != Some(&di) {
                owners[c.sentence].push(di);
            }
        }
    }
    // How many events have a cue in each sentence: a recalled event alone
    // in its sentence ("In May 1980, President X visited China.") owns all
    // of it, not only the words from its trigger to its date.
    let cue_events: Vec<usize> = owners.iter().map(Vec::len).collect();
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
                && !cues_in(&drafts[di].cues, si).is_empty()
        });
        if signs_here {
            o.retain(|&di| drafts[di].kind == EventType::Signing || drafts[di].recalled);
        }
    }

    // Recalled events with a cue in each sentence, for the scope of words.
    let mut recalled_in: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (di, d) in drafts.iter().enumerate().filter(|(_, d)| d.recalled) {
        for c in &d.cues {
            if recalled_in[c.sentence].last() != Some(&di) {
                recalled_in[c.sentence].push(di);
            }
        }
    }
    // Where each country or organization is first named (itself, or as the
    // country of a person), and each person's country: for party order.
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    let mut person_country: HashMap<&str, (&str, usize)> = HashMap::new();
    for m in mentions.all() {
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
    // Offices and countries of the article's people, found once (the
    // parties and the sense check read them).
    let officials = sense::people(text, mentions, gaz);
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
        // Where a recalled event's clause ends: the next comma or
        // semicolon after its trigger, or the next trigger, within a few
        // hundred bytes ("In March 2021, X visited Ashgabat, and in November
        // ...").
        let clause_end = |c: &Cue| {
            let s_end = seg.sentences[c.sentence].end;
            let mut reach = s_end.min(c.end + 300);
            while !text.is_char_boundary(reach) {
                reach -= 1;
            }
            let comma = text[c.end..reach]
                .find([',', ';'])
                .map_or(reach, |i| c.end + i);
            let k = all.partition_point(|x| (x.sentence, x.start) <= (c.sentence, c.start));
            let next = all
                .get(k)
                .filter(|x| x.sentence == c.sentence)
                .map_or(s_end, |x| x.start);
            comma.min(next)
        };
        // A recalled event's own words: from its document noun to its date.
        let scope = |start: usize, end: usize, si: usize| -> bool {
            if d.recalled {
                // From its document noun, or from its date when the date
                // opens its clause ("In March 2021, President X visited
                // ..."), to its date or trigger, whichever ends later.
                cue_events[si] == 1
                    || cues_in(&d.cues, si).iter().any(|c| {
                        start
                            >= d.date
                                .map_or(c.phrase_start, |x| x.1)
                                .min(c.phrase_start)
                                .min(c.start)
                            && end <= d.date.map_or(c.end, |x| x.2.max(c.end)).max(clause_end(c))
                    })
            } else {
                // Leave out words inside other, recalled events' phrases.
                !recalled_in[si].iter().any(|&oi| {
                    let o = &drafts[oi];
                    oi != di
                        && cues_in(&o.cues, si).iter().any(|c| {
                            start >= c.phrase_start.min(c.start)
                                && end <= o.date.map_or(c.end, |x| x.2.max(c.end))
                        })
                })
            }
        };
        // Participants: people in the event's sentences who act in it.
        let mut party_pos: Vec<(String, usize)> = Vec::new();
        let mut seen_participants: HashSet<String> = HashSet::new();
        for &si in &cue_sentences {
            let s = &seg.sentences[si];
            let ws = sentence_words.of(si);
            for m in mentions
                .span(s.start, s.end)
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
                push_unique_seen(&mut ev.participants, &mut seen_participants, &m.canonical);
                if let Some(c) = &m.country {
                    party_pos.push((c.clone(), m.start));
                }
            }
            // Compound adjectives ("Tajik-Azerbaijani") and "between X and Y".
            let countries: Vec<&Mention> = mentions
                .span(s.start, s.end)
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
            // Both lists are sorted: searched, not walked.
            if !s.body
                || owners[si].binary_search(&di).is_err()
                || cue_sentences.binary_search(&si).is_ok()
                || d.recalled
            {
                continue;
            }
            let mut people = mentions
                .span(s.start, s.end)
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
                let titled = mentions
                    .span(s.start, s.start + 1)
                    .iter()
                    .any(|t| t.label == Label::Title && t.end + 1 >= m.start);
                let opening = lead_text.trim().is_empty()
                    || titled
                    || (lead_text.trim_end().ends_with(',')
                        // Counted up to 6 only: the start of a long
                        // sentence is not walked at every person.
                        && lead_text.split_whitespace().take(6).count() <= 5);
                if leading || opening {
                    push_unique_seen(&mut ev.participants, &mut seen_participants, &m.canonical);
                    if let Some(c) = &m.country {
                        party_pos.push((c.clone(), m.start));
                    }
                }
            }
        }
        // People of the same person seen elsewhere may carry the country.
        // An officeholder whose title names no country ("Foreign Minister
        // X received ...") in an article datelined at home acts for the
        // dateline's country, when someone of another country is there:
        // releases mark the visitor's country and leave the host's unsaid.
        // So does the subject of the event's first trigger whose country
        // nothing says ("Sheikh Abdullah bin Zayed received the Minister of
        // Foreign Affairs of Guatemala", in a Dubai release).
        let subject_before = |p: &str| {
            d.cues.first().is_some_and(|c| {
                let s = &seg.sentences[c.sentence];
                mentions
                    .span(s.start, c.start)
                    .iter()
                    .any(|m| m.label == Label::Person && m.canonical == p)
            })
        };
        let mut unmarked_official = false;
        for p in &ev.participants {
            if let Some((c, at)) = person_country.get(p.as_str()) {
                party_pos.push((c.to_string(), *at));
            } else if officials.office.contains_key(p.as_str()) || subject_before(p) {
                unmarked_official = true;
            }
        }
        if let Some(h) = home.as_deref().filter(|h| !h.is_empty()) {
            if unmarked_official && !party_pos.is_empty() && !d.recalled {
                let at = first_seen.get(h).copied().unwrap_or(usize::MAX);
                party_pos.push((h.to_string(), at));
            }
        }
        if party_pos.is_empty() {
            for &si in &cue_sentences {
                let s = &seg.sentences[si];
                for m in mentions.span(s.start, s.end).iter().filter(|m| {
                    m.end <= s.end
                        && matches!(m.label, Label::Country | Label::Org)
                        && scope(m.start, m.end, si)
                }) {
                    let before = lower_tail(text[s.start..m.start].trim_end());
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
        let mut seen_parties: HashSet<&str> = HashSet::new();
        for (p, _) in &party_pos {
            if !seen_parties.insert(p.as_str()) {
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
            if !s.body || owners[si].binary_search(&di).is_err() {
                continue;
            }
            // The first agree word in scope, looked for only in a sentence
            // with a sector to credit (most have none).
            let mut agree_at: Option<Option<usize>> = None;
            let signing_sentence =
                d.kind == EventType::Signing && cue_sentences.binary_search(&si).is_ok();
            for m in mentions
                .span(s.start, s.end)
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
            hosted: d.cues.iter().any(|c| {
                matches!(
                    text[c.start..c.end].to_ascii_lowercase().as_str(),
                    "received" | "receives" | "hosted" | "hosts" | "welcomed"
                )
            }),
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

    // A visit dated by its first day and said to last N days ("arrived on
    // Monday for a two-day working visit") spans them.
    for (ev, d) in events.iter_mut().zip(&drafts) {
        if d.kind != EventType::Visit {
            continue;
        }
        let Some(DateValue::Day(first)) = ev.date else {
            continue;
        };
        let days = d.cues.iter().find_map(|c| {
            sentence_words
                .of(c.sentence)
                .iter()
                .find_map(|(_, w)| visit_days(w.as_str()))
        });
        if let Some(n) = days {
            if let Some(last) = first.add_days(n - 1) {
                ev.date = Some(DateValue::Interval(first, last));
            }
        }
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
        // Another meeting of the article without a day of its own (the
        // next of a series: "He also received ...") is of the main
        // meeting's occasion: its day and place.
        if ev.kind == Some(EventType::Meeting) && talks.is_some_and(|t| t != i) {
            if let Some(m) = talks.map(|t| &snapshot[t]) {
                if m.kind == Some(EventType::Meeting) {
                    ev.lend_date_and_place(m);
                }
            }
        }
        // A visit reported without its own day is dated, and placed, by
        // the talks held during it ("On September 15 ... met with ...").
        if ev.kind == Some(EventType::Visit) {
            let meeting = main_of(EventType::Meeting).map(|m| &snapshot[m]);
            if let Some(m) = meeting {
                ev.lend_date_and_place(m);
            }
        }
        if ev.kind == Some(EventType::Signing) {
            if let Some(m) = occasion.map(|o| &snapshot[o]) {
                let signed_by_sides = drafts[i].cues.iter().any(|c| {
                    // The words before the cue, from a word 8 before it
                    // (the same words there as from the sentence's start:
                    // a word run depends on nothing before it), not from
                    // the start of a sentence that may be long.
                    let s = &seg.sentences[c.sentence];
                    let ws = sentence_words.of(c.sentence);
                    let wi = ws.partition_point(|(p, _)| *p < c.start);
                    let from = if wi > 8 { ws[wi - 8].0 } else { s.start };
                    words(&text[from..c.start], from)
                        .iter()
                        .rev()
                        .take(6)
                        .any(|(_, w)| SIGNATORIES.contains(&w.as_str()))
                });
                if signed_by_sides && ev.participants.is_empty() {
                    ev.participants = m.participants.clone();
                }
                ev.lend_date_and_place(m);
            }
        }
    }
    // A state's visit is between the visitor's state and the country
    // visited: the place's country is a party ("arrived in Mongolia", "is
    // on a visit to the United States"), in order of first mention. A
    // visit with no state side (a company's delegation) gains none.
    for (ev, d) in events.iter_mut().zip(&drafts) {
        if d.kind != EventType::Visit || ev.parties.is_empty() {
            continue;
        }
        if let Some(c) = ev.place_country.clone() {
            if !ev.parties.contains(&c) {
                ev.parties.push(c);
                ev.parties
                    .sort_by_key(|p| first_seen.get(p.as_str()).copied().unwrap_or(usize::MAX));
            }
        }
    }
    // An event of the article's own occasion that names nobody ("During
    // the phone conversation, the FMs ...", "both heads of state signed")
    // was held by the occasion's people: the first main event's that has
    // any. Recalled events keep only what their own words say.
    let occasion_people = drafts
        .iter()
        .zip(&events)
        .find(|(d, e)| !d.recalled && !e.participants.is_empty())
        .map(|(_, e)| e.participants.clone());
    // And "In his meeting with President X": a meeting that names only its
    // counterpart after a possessive was held by the occasion's first
    // person, for the occasion's side.
    if let Some(people) = occasion_people {
        for (ev, d) in events.iter_mut().zip(&drafts) {
            if !d.recalled && ev.participants.is_empty() {
                ev.participants = people.clone();
            }
            let possessive = d.cues.first().is_some_and(|c| {
                let ws = sentence_words.of(c.sentence);
                let wi = ws.partition_point(|(p, _)| *p < c.start);
                ws[wi.saturating_sub(2)..wi]
                    .iter()
                    .any(|(_, w)| matches!(w.as_str(), "his" | "her"))
            });
            if !d.recalled
                && d.kind == EventType::Meeting
                && possessive
                && ev.participants.len() == 1
                && ev.participants[0] != people[0]
            {
                ev.participants.insert(0, people[0].clone());
                // Their side: their country, else the host's at home.
                let side = person_country
                    .get(people[0].as_str())
                    .map(|(c, _)| c.to_string())
                    .or_else(|| {
                        home.clone()
                            .filter(|h| ev.place_country.as_ref() == Some(h))
                    });
                if let Some(side) = side.filter(|s| !s.is_empty() && !ev.parties.contains(s)) {
                    ev.parties.insert(0, side);
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
    let people = &officials;
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
            people,
            gaz,
        );
    }
    sense::share_occasion(
        &mut events
            .iter_mut()
            .map(|e| &mut e.judgement)
            .collect::<Vec<_>>(),
    );
    // 7. "X held bilateral meetings with A, B and C", "X conferred with A,
    // B and C": one meeting with each counterpart of the list.
    // "A series of bilateral meetings ... The meetings involved China,
    // Australia, Pakistan, Turkiye and the EU": a meeting that names no
    // counterpart but lists three or more countries after its trigger is
    // one meeting with each, less those the article reports a meeting of
    // their own with.
    let meets_someone =
        |e: &Event| e.kind == Some(EventType::Meeting) && !e.participants.is_empty();
    let mut covered: HashMap<String, usize> = HashMap::new();
    for e in events.iter().filter(|e| meets_someone(e)) {
        for p in &e.parties {
            *covered.entry(p.clone()).or_default() += 1;
        }
    }
    let mut split: Vec<Event> = Vec::with_capacity(events.len());
    for (ev, d) in events.into_iter().zip(&drafts) {
        let listed = (d.kind == EventType::Meeting && !d.recalled && ev.participants.len() <= 1)
            .then(|| {
                let spans: Vec<(usize, usize)> = d
                    .cues
                    .iter()
                    .map(|c| (c.end, seg.sentences[c.sentence].end))
                    .collect();
                country_list(text, mentions, gaz, &spans)
            })
            .flatten();
        if let Some(countries) = listed {
            // The subject's side: their country, else the host's when the
            // meetings are at the dateline's place, else a party not listed.
            let own = ev
                .participants
                .first()
                .and_then(|p| person_country.get(p.as_str()).map(|(c, _)| c.to_string()))
                .or_else(|| {
                    home.clone()
                        .filter(|h| !h.is_empty() && ev.place_country.as_ref() == Some(h))
                })
                .or_else(|| {
                    ev.parties
                        .iter()
                        .find(|p| !countries.contains(&p.as_str()))
                        .cloned()
                });
            // Met in another event of the article: counted there (this
            // event's own parties discounted).
            let elsewhere = |c: &str| {
                let mine = usize::from(meets_someone(&ev) && ev.parties.iter().any(|p| p == c));
                covered.get(c).copied().unwrap_or(0) > mine
            };
            let new: Vec<&str> = countries
                .into_iter()
                .filter(|c| !elsewhere(c) && own.as_deref() != Some(*c))
                .collect();
            if !new.is_empty() {
                for c in new {
                    let mut one = ev.clone();
                    one.parties = own.iter().cloned().chain([c.to_string()]).collect();
                    split.push(one);
                }
                continue;
            }
        }
        match counterpart_list(text, seg, mentions, &ev, d) {
            Some((subject, list)) => {
                let country = |x: &str| person_country.get(x).map(|(c, _)| c.to_string());
                let theirs: Vec<String> = list.iter().filter_map(|p| country(p)).collect();
                // The subject's side: their own country, else the event's
                // first party that is no counterpart's.
                let own = country(&subject)
                    .or_else(|| ev.parties.iter().find(|p| !theirs.contains(p)).cloned());
                for p in list {
                    let mut one = ev.clone();
                    one.participants = vec![subject.clone(), p.to_string()];
                    let mut parties: Vec<String> = own.iter().cloned().chain(country(p)).collect();
                    parties.dedup();
                    parties
                        .sort_by_key(|x| first_seen.get(x.as_str()).copied().unwrap_or(usize::MAX));
                    if !parties.is_empty() {
                        one.parties = parties;
                    }
                    split.push(one);
                }
            }
            None => split.push(ev),
        }
    }
    let mut events = split;
    events.sort_by_key(|e| (e.evidence.0, e.trigger.0));
    events
}

/// The countries of a list of three or more ("China, Australia, Pakistan,
/// Turkiye, Palestine, the United Kingdom and the European Union") after a
/// trigger in one of `spans` (each: the trigger's end and its sentence's
/// end): names joined only by commas, "and" and "the".
fn country_list<'m>(
    text: &str,
    mentions: &MentionSpans<'m>,
    gaz: &Gazetteer,
    spans: &[(usize, usize)],
) -> Option<Vec<&'m str>> {
    for &(from, to) in spans {
        let mut run: Vec<&'m Mention> = Vec::new();
        for m in mentions.span(from, to).iter().filter(|m| m.end <= to) {
            let state = matches!(m.label, Label::Country | Label::Org)
                && m.entry
                    .is_none_or(|e| gaz.entry(e).kind.as_deref() != Some("adjective"));
            // "the United Kingdom (UK)": one item.
            if !state || run.last().is_some_and(|l| l.canonical == m.canonical) {
                continue;
            }
            let joined = run.last().is_some_and(|last| {
                let gap = text[last.end..m.start].trim();
                // "the United Kingdom (UK) and the European Union"
                let gap = match (gap.starts_with('('), gap.find(')')) {
                    (true, Some(i)) => gap[i + 1..].trim_start(),
                    _ => gap,
                };
                let gap = gap.strip_suffix("the").map_or(gap, str::trim_end);
                matches!(gap, "," | "and" | ", and" | ",and")
            });
            if !joined {
                if run.len() >= 3 {
                    break;
                }
                run.clear();
                // A list of counterparts follows "with" or "involved"
                // ("meetings with the leaders of", "the meetings involved"),
                // not "topics included".
                let lead = text[from..m.start].trim_end().to_ascii_lowercase();
                let lead = lead
                    .strip_suffix("the")
                    .map_or(lead.as_str(), str::trim_end);
                let lead = lead
                    .strip_suffix("leaders of")
                    .or_else(|| lead.strip_suffix("representatives of"))
                    .or_else(|| lead.strip_suffix("delegations of"))
                    .map_or(lead, str::trim_end);
                if !["with", "involved", "involving", "including"]
                    .iter()
                    .any(|w| lead.ends_with(w))
                {
                    continue;
                }
            }
            run.push(m);
        }
        if run.len() >= 3 {
            let mut names: Vec<&'m str> = Vec::new();
            for m in run {
                if !names.contains(&m.canonical.as_str()) {
                    names.push(m.canonical.as_str());
                }
            }
            return Some(names);
        }
    }
    None
}

/// A meeting reported as one subject meeting a list of counterparts in its
/// first sentence: the subject (the event's participant named before the
/// trigger) and the counterparts (two or more people named after "with").
fn counterpart_list<'m>(
    text: &str,
    seg: &Segmented,
    mentions: &MentionSpans<'m>,
    ev: &Event,
    d: &Draft,
) -> Option<(String, Vec<&'m str>)> {
    if d.kind != EventType::Meeting || d.recalled {
        return None;
    }
    let c = d.cues.first()?;
    let s = &seg.sentences[c.sentence];
    let with = if text[c.start..c.end].to_ascii_lowercase().ends_with("with") {
        c.end
    } else {
        text[c.end..s.end].find("with")? + c.end
    };
    let people = mentions.span(s.start, s.end);
    let subject = people
        .iter()
        .find(|m| m.label == Label::Person && m.end <= c.start)
        .map(|m| m.canonical.clone())
        .filter(|p| ev.participants.contains(p))?;
    // The list runs while its names follow each other closely ("A, the
    // Minister of X, B and C"); a name further on is another matter.
    let mut list: Vec<&str> = Vec::new();
    let mut last_end = with;
    for m in people
        .iter()
        .filter(|m| m.label == Label::Person && m.start > with && m.end <= s.end)
    {
        if m.start - last_end > 90 {
            break;
        }
        last_end = m.end;
        if m.canonical != subject && !list.contains(&m.canonical.as_str()) {
            list.push(m.canonical.as_str());
        }
    }
    (list.len() >= 2).then_some((subject, list))
}

/// The days of "two-day", "three-day" ... "7-day" (a visit's length).
fn visit_days(word: &str) -> Option<i64> {
    let n = word.strip_suffix("-day")?;
    let n = match n {
        "two" | "2" => 2,
        "three" | "3" => 3,
        "four" | "4" => 4,
        "five" | "5" => 5,
        "six" | "6" => 6,
        "seven" | "7" => 7,
        _ => return None,
    };
    Some(n)
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

/// The cues of sentence `si` among `cues`, which are in sentence order.
fn cues_in(cues: &[Cue], si: usize) -> &[Cue] {
    let a = cues.partition_point(|c| c.sentence < si);
    let b = a + cues[a..].partition_point(|c| c.sentence <= si);
    &cues[a..b]
}

/// `s.to_lowercase()` cut to its last 8 characters (all of `s` if it has no
/// more): lower-casing the whole start of a sentence at every mention is
/// quadratic in a long sentence. Tests of an ending of up to 8 characters,
/// and of equality with a shorter string, answer as on the whole (every
/// character lower-cases to at least one).
fn lower_tail(s: &str) -> String {
    const TAIL: usize = 8;
    let cut = s.char_indices().rev().nth(TAIL - 1).map_or(0, |(i, _)| i);
    s[cut..].to_lowercase()
}

/// `push_unique` with `seen` holding the strings of `v`: a set, as an event
/// in a long text may have a great many participants.
fn push_unique_seen(v: &mut Vec<String>, seen: &mut HashSet<String>, s: &str) {
    if !seen.contains(s) {
        seen.insert(s.to_string());
        v.push(s.to_string());
    }
}

fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}
