//! The place slot of one event: candidates from the whole article, each
//! found by a named cue, the best by the weights in [`PLACE_CUES`].
//!
//! A city beats a country; words that say "there" ("in", "at", "arrived
//! in", "the Qatari capital") beat a bare name; the event's own sentences
//! beat the rest of the article. The article's other sentences and its
//! headline refine a country to one of its cities ("visited China" ...
//! "in Beijing"), and the dateline gives the place of an event held at
//! home. Phone calls have no place.

use crate::clean::Article;
use crate::gazetteer::Gazetteer;
use crate::mention::{EventType, Label, Mention, MentionSpans};
use crate::segment::Segmented;

/// What makes a mention the event's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceCue {
    /// A city after "in", "at", "city of" (or "to", "visited" for a visit)
    /// in one of the event's own sentences.
    CityThere,
    /// "the <demonym> capital" in the event's sentences: that country's capital.
    CapitalByDemonym,
    /// A country after "in" (or "to", "visited" for a visit) in the
    /// event's sentences.
    CountryThere,
    /// A city of the chosen country named "in"/"at" elsewhere in the
    /// article's body or headline, in the sentences the event owns first.
    CityOfCountry,
    /// The dateline's place, for a meeting or visit held at home (a host
    /// among the parties, "here", a host's verb such as "received", or no
    /// parties known). A signing takes
    /// its talks' place instead (see `assemble`).
    DatelineHome,
}

/// Each cue's weight: the candidate with the highest wins; ties go to the
/// earlier mention.
pub const PLACE_CUES: &[(PlaceCue, u32)] = &[
    (PlaceCue::CityThere, 100),
    (PlaceCue::CapitalByDemonym, 90),
    (PlaceCue::CityOfCountry, 70),
    (PlaceCue::CountryThere, 60),
    (PlaceCue::DatelineHome, 40),
];

/// Keeps `p` when its cue outweighs the best so far.
fn offer(best: &mut Option<(u32, usize, Place)>, cue: PlaceCue, at: usize, p: Place) {
    let w = weight(cue);
    if best
        .as_ref()
        .is_none_or(|(bw, bat, _)| w > *bw || (w == *bw && at < *bat))
    {
        *best = Some((w, at, p));
    }
}

fn weight(c: PlaceCue) -> u32 {
    PLACE_CUES
        .iter()
        .find(|(x, _)| *x == c)
        .map_or(0, |(_, w)| *w)
}

/// What the place choice needs to know of the event.
pub struct PlaceQuery<'a> {
    pub kind: EventType,
    pub recalled: bool,
    /// Sentences with one of the event's strong triggers.
    pub sentences: &'a [usize],
    /// Sentences the event owns (its own and those up to the next event).
    pub owned: &'a [usize],
    pub parties: &'a [String],
    /// A host's verb is among the event's triggers ("received", "hosted"):
    /// the host is at home.
    pub hosted: bool,
}

/// The chosen place: canonical name and its country.
pub type Place = (String, Option<String>);

/// Chooses the event's place. `in_scope` tells whether a mention belongs
/// to this event (not to a recalled event's phrase in the same sentence);
/// `in_title` whether it is part of a title ("Ambassador of Japan").
pub fn choose(
    article: &Article,
    seg: &Segmented,
    mentions: &MentionSpans<'_>,
    gaz: &Gazetteer,
    q: &PlaceQuery<'_>,
    in_scope: &dyn Fn(&Mention, usize) -> bool,
    in_title: &dyn Fn(&Mention) -> bool,
) -> Option<Place> {
    if q.kind == EventType::PhoneCall {
        return None;
    }
    let text = article.text();
    let mut best: Option<(u32, usize, Place)> = None;
    let visit = q.kind == EventType::Visit;
    // 1. The event's own sentences.
    let mut country_there: Option<String> = None;
    for &si in q.sentences {
        let s = &seg.sentences[si];
        for m in mentions.span(s.start, s.end).iter().filter(|m| {
            m.end <= s.end && matches!(m.label, Label::Place | Label::Country | Label::Org)
        }) {
            if !in_scope(m, si) || in_title(m) {
                continue;
            }
            let before = tail(&text[s.start..m.start]);
            if m.label == Label::Country && text[m.end..].trim_start().starts_with("capital") {
                // "the Qatari capital": the capital of the demonym's country.
                if let Some(c) = capital_of(gaz, &m.canonical) {
                    offer(&mut best, PlaceCue::CapitalByDemonym, m.start, c);
                }
                continue;
            }
            if m.label == Label::Org {
                continue;
            }
            let there = before.ends_with(" in")
                || before.ends_with(" at")
                || before == "in"
                || before.ends_with(" city of")
                || before.ends_with(" town of")
                || (visit
                    && (before.ends_with(" to")
                        || before.ends_with("visited")
                        || before.ends_with("visiting")));
            if !there {
                continue;
            }
            if m.label == Label::Place {
                offer(
                    &mut best,
                    PlaceCue::CityThere,
                    m.start,
                    (m.canonical.clone(), m.country.clone()),
                );
            } else if !is_adjective(gaz, m) {
                country_there.get_or_insert_with(|| m.canonical.clone());
                offer(
                    &mut best,
                    PlaceCue::CountryThere,
                    m.start,
                    (m.canonical.clone(), Some(m.canonical.clone())),
                );
            }
        }
    }
    // 2. A country is refined to one of its cities named "in" or "at"
    // elsewhere: the event's owned sentences first, then the headline and
    // the rest of the body; the dateline's city when it lies there.
    if let Some(country) = &country_there {
        let dateline_city = article
            .dateline
            .as_ref()
            .filter(|_| !q.recalled)
            .and_then(|dl| dl.place_entry.map(|e| gaz.entry(e)))
            .filter(|e| e.label() == Label::Place && e.country.as_deref() == Some(country));
        if let Some(e) = dateline_city {
            offer(
                &mut best,
                PlaceCue::CityOfCountry,
                0,
                (e.canonical.clone(), e.country.clone()),
            );
        } else if !q.recalled {
            // Owned sentences, then the headline (bounded: no scan of
            // the whole article per event).
            let header = seg.sentences.iter().take_while(|s| !s.body).count();
            let order = q.owned.iter().copied().chain(0..header);
            'search: for si in order {
                let s = &seg.sentences[si];
                for m in mentions.span(s.start, s.end).iter().filter(|m| {
                    m.end <= s.end
                        && m.label == Label::Place
                        && m.country.as_deref() == Some(country.as_str())
                }) {
                    let before = tail(&text[s.start..m.start]);
                    if before.ends_with(" in") || before.ends_with(" at") || before == "in" {
                        offer(
                            &mut best,
                            PlaceCue::CityOfCountry,
                            m.start,
                            (m.canonical.clone(), m.country.clone()),
                        );
                        break 'search;
                    }
                }
            }
        }
    }
    // 3. At home: the dateline's place.
    if best.is_none() && !q.recalled && matches!(q.kind, EventType::Meeting | EventType::Visit) {
        if let Some(dl) = &article.dateline {
            let (name, country) = match dl.place_entry.map(|e| gaz.entry(e)) {
                Some(e) if e.label() == Label::Country => {
                    (e.canonical.clone(), Some(e.canonical.clone()))
                }
                Some(e) => (e.canonical.clone(), e.country.clone()),
                None => (dl.place.clone(), None),
            };
            let here = q.sentences.iter().any(|&si| {
                let s = &seg.sentences[si];
                text[s.start..s.end]
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("here"))
            });
            let home = here
                || q.hosted
                || q.parties.is_empty()
                || country.as_ref().is_some_and(|c| q.parties.contains(c));
            if home {
                offer(
                    &mut best,
                    PlaceCue::DatelineHome,
                    usize::MAX,
                    (name, country),
                );
            }
        }
    }
    best.map(|(_, _, p)| p)
}

/// The capital of `country`, from the gazetteer's places.
fn capital_of(gaz: &Gazetteer, country: &str) -> Option<Place> {
    gaz.capital(country).map(|id| {
        let e = gaz.entry(id);
        (e.canonical.clone(), e.country.clone())
    })
}

/// True for a demonym ("Qatari"), which describes rather than places.
fn is_adjective(gaz: &Gazetteer, m: &Mention) -> bool {
    m.entry
        .is_some_and(|e| gaz.entry(e).kind.as_deref() == Some("adjective"))
}

/// The last words before a mention, lower-cased: enough for "in", "at",
/// "city of", "visiting", and no copy of a long sentence per mention.
fn tail(s: &str) -> String {
    let s = s.trim_end();
    let cut = s.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
    s[cut..].to_lowercase()
}
