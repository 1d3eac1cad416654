//! The pipeline: gazetteers compiled once, then one document at a time
//! through clean → segment → match → recognize → assemble → records.

use std::path::{Path, PathBuf};

use crate::clean::{clean, Article};
use crate::document::Document;
use crate::events::{assemble, Event};
use crate::gazetteer::Gazetteer;
use crate::mention::{Label, Mention, Source};
use crate::recognize::dates::DateRecognizer;
use crate::recognize::people;
use crate::record::{EntityRow, EventRecord, ExplainRecord, Extraction};
use crate::segment::{segment, Segmented};
use crate::text::CharIndex;

/// Built once, shared by reference across threads.
pub struct Pipeline {
    gaz: Gazetteer,
    dates: DateRecognizer,
}

/// Words after which a name that is also a common word is a place.
const PLACE_CONTEXT: &[&str] = &[
    "in", "to", "from", "near", "at", "visited", "visit", "city", "town", "village", "capital",
    "province", "region", "outside",
];

impl Pipeline {
    /// A pipeline over the gazetteers built into the binary.
    pub fn with_default_gazetteers() -> Result<Pipeline, crate::Error> {
        Pipeline::load(None, &[])
    }

    /// A pipeline over the built-in gazetteers, or those of `replace` when
    /// given, plus the files of every folder in `extra`. Fails with file and
    /// line on a malformed gazetteer file.
    pub fn load(replace: Option<&Path>, extra: &[PathBuf]) -> Result<Pipeline, crate::Error> {
        Ok(Pipeline::new(Gazetteer::load(replace, extra)?))
    }

    pub fn new(gaz: Gazetteer) -> Pipeline {
        Pipeline {
            gaz,
            dates: DateRecognizer::new(),
        }
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    pub fn dates(&self) -> &DateRecognizer {
        &self.dates
    }

    /// Runs every stage over one document. Depends on `doc` alone.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.analyze(doc).records(doc)
    }

    /// Runs every stage but the last: the rows are then made from the
    /// result, either owned ([`Analysis::records`]) or borrowed
    /// ([`Analysis::entity_rows`], which the CLI encodes without copying
    /// every mention into strings of its own).
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let article = clean(doc, &self.gaz, &self.dates);
        let seg = segment(&article);
        let mut mentions = self.mentions(&article, &seg);
        crate::recognize::places::drop_non_places(
            article.text(),
            &mut mentions,
            &|w, entry| {
                self.gaz.is_first_name(w) || entry.is_some_and(|e| self.gaz.entry(e).forename)
            },
            &|entry| {
                entry.is_some_and(|e| {
                    let e = self.gaz.entry(e);
                    e.population >= 1_000_000 || e.kind.as_deref() == Some("capital")
                })
            },
        );
        let events = assemble(&article, &seg, &mentions, &self.gaz);
        Analysis {
            article,
            mentions,
            events,
        }
    }

    /// Stages 4 and 5: gazetteer matches, dates, titles and people, sorted.
    pub fn mentions(&self, article: &Article, seg: &Segmented) -> Vec<Mention> {
        let text = article.text();
        let gaz_mentions = self.gazetteer_mentions(article, seg);
        let people = people::recognize(text, seg, &self.gaz, &gaz_mentions);
        let mut all: Vec<Mention> = gaz_mentions
            .into_iter()
            .filter(|m| !matches!(m.label, Label::Person | Label::Title))
            .collect();
        all.extend(people);
        let spans = seg.sentences.iter().map(|s| (s.start, s.end));
        self.dates
            .find_in_spans(text, spans, article.anchor, |start, d| {
                all.push(Mention {
                    start: start + d.start,
                    end: start + d.end,
                    label: Label::Date,
                    canonical: d.value.to_string(),
                    country: None,
                    source: Source::Pattern,
                    entry: None,
                    date: Some(d.value),
                });
            });
        // Words of a title ("Minister of Trade") name the office, not a sector.
        // A sector is dropped when some title starts before it and ends at
        // or after its end: with the titles sorted by start, the furthest
        // end of those starting before it tells, by one search per sector
        // instead of a walk over every title (quadratic in a long
        // document: issue #18).
        let mut titles: Vec<(usize, usize)> = all
            .iter()
            .filter(|m| m.label == Label::Title)
            .map(|m| (m.start, m.end))
            .collect();
        titles.sort_unstable();
        let mut furthest = 0;
        let reach: Vec<(usize, usize)> = titles
            .iter()
            .map(|&(s, e)| {
                furthest = furthest.max(e);
                (s, furthest)
            })
            .collect();
        all.retain(|m| {
            if m.label != Label::Sector {
                return true;
            }
            let k = reach.partition_point(|&(s, _)| s < m.start);
            k.checked_sub(1).is_none_or(|k| m.end > reach[k].1)
        });
        // Dates inside a gazetteer match ("May" as a name) are dates only if
        // nothing else claims the words; keep the longer span.
        all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        all
    }

    /// Stage 4: gazetteer matches at word starts (longest first, ambiguous
    /// names only in a place context), plus the dateline's place; sorted by
    /// start. Public so that the stage can be benchmarked on its own.
    pub fn gazetteer_mentions(&self, article: &Article, seg: &Segmented) -> Vec<Mention> {
        let text = article.text();
        let entries = self.gaz.entries();
        let matcher = self.gaz.matcher();
        let mut gaz_mentions: Vec<Mention> = Vec::new();
        for sent in &seg.sentences {
            let words = seg.words_of(sent);
            let mut next_free = 0;
            for (wi, w) in words.iter().enumerate() {
                if w.start < next_free {
                    continue;
                }
                // The previous word matters only for an ambiguous name (rare):
                // lower-case it then, not at every word start.
                let after_place_word = || {
                    wi.checked_sub(1).is_some_and(|p| {
                        let prev = text[words[p].start..words[p].end].to_lowercase();
                        PLACE_CONTEXT.contains(&prev.as_str())
                    })
                };
                let capitalized_next = || {
                    words.get(wi + 1).filter(|n| {
                        text[n.start..].starts_with(char::is_uppercase)
                            && text[w.end..n.start].trim().is_empty()
                    })
                };
                let accept = |e: &crate::gazetteer::Entry, start: usize, end: usize| {
                    // A name that is also a word is a place after "in", "to"
                    // ..., and not as the first word of a longer name
                    // ("in Central Asian markets").
                    if e.ambiguous {
                        return after_place_word() && capitalized_next().is_none();
                    }
                    // A one-word city that is also a given name, right before
                    // a capitalized word no gazetteer knows, is the given
                    // name: "the Minister of Uzbekistan Vladimir Norov"
                    // (not "in Vladimir Oblast", not "Vladimir Putin", whom
                    // the people list knows).
                    let given_name = e.label() == Label::Place
                        && end == w.end
                        && self.gaz.is_first_name(&text[start..end])
                        && !after_place_word()
                        && capitalized_next().is_some_and(|n| {
                            matcher
                                .match_at(text, n.start, entries, |_, _, _| true)
                                .is_none()
                        });
                    !given_name
                };
                if let Some(m) = matcher.match_at(text, w.start, entries, accept) {
                    let e = &entries[m.entry as usize];
                    let label = e.label();
                    gaz_mentions.push(Mention {
                        start: m.start,
                        end: m.end,
                        label,
                        canonical: e.canonical.clone(),
                        country: if label == Label::Country {
                            Some(e.canonical.clone())
                        } else {
                            e.country.clone()
                        },
                        source: Source::Gazetteer,
                        entry: Some(m.entry),
                        date: None,
                    });
                    next_free = m.end;
                }
            }
        }
        // A dateline place no gazetteer knows is still a place.
        if let Some(dl) = &article.dateline {
            if dl.place_entry.is_none() && !gaz_mentions.iter().any(|m| m.start == dl.place_start) {
                gaz_mentions.push(Mention {
                    start: dl.place_start,
                    end: dl.place_end,
                    label: Label::Place,
                    canonical: dl.place.clone(),
                    country: None,
                    source: Source::Pattern,
                    entry: None,
                    date: None,
                });
                gaz_mentions.sort_by_key(|m| m.start);
            }
        }
        gaz_mentions
    }
}

/// One document after every stage but the rows: its cleaned text, its
/// mentions (sorted) and its events.
pub struct Analysis {
    article: Article,
    mentions: Vec<Mention>,
    events: Vec<Event>,
}

impl Analysis {
    /// Stage 7's output: the contract's rows, owned.
    pub fn records(&self, doc: &Document) -> Extraction {
        Extraction {
            events: self.event_records(doc),
            entities: self.entity_rows(doc).map(|r| r.to_record()).collect(),
        }
    }

    /// The rows of events.csv, with character offsets into the original
    /// text.
    pub fn event_records(&self, doc: &Document) -> Vec<EventRecord> {
        // Most documents have no event: no character index for them.
        if self.events.is_empty() {
            return Vec::new();
        }
        let article = &self.article;
        let ci = CharIndex::new(&doc.text);
        let orig = |i: usize| article.norm.to_original(i);
        let span = |s: usize, e: usize| &doc.text[orig(s)..orig(e)];
        let mut out = Vec::with_capacity(self.events.len());
        for (i, ev) in self
            .events
            .iter()
            .filter(|e| e.judgement.kept())
            .enumerate()
        {
            let (s, e) = ev.evidence;
            out.push(EventRecord {
                doc_id: doc.id.clone(),
                event_index: i + 1,
                event_type: ev.kind.map_or("", |k| k.as_str()).to_string(),
                date: ev.date.map(|d| d.to_string()).unwrap_or_default(),
                date_text: ev
                    .date_span
                    .map(|(a, b)| span(a, b).to_string())
                    .unwrap_or_default(),
                place: ev.place.clone().unwrap_or_default(),
                place_country: ev.place_country.clone().unwrap_or_default(),
                participants: ev.participants.clone(),
                parties: ev.parties.clone(),
                agreed_sectors: ev.agreed_sectors.clone(),
                sectors: ev.sectors.clone(),
                trigger: span(ev.trigger.0, ev.trigger.1).to_string(),
                evidence: span(s, e).to_string(),
                start: ci.chars(orig(s)),
                end: ci.chars(orig(e)),
            });
        }
        out
    }

    /// The rows of the `--explain` file: every candidate event, kept or
    /// not, with the sense check's verdict.
    pub fn explain_records(&self, doc: &Document) -> Vec<ExplainRecord> {
        if self.events.is_empty() {
            return Vec::new();
        }
        let article = &self.article;
        let ci = CharIndex::new(&doc.text);
        let orig = |i: usize| article.norm.to_original(i);
        let span = |s: usize, e: usize| &doc.text[orig(s)..orig(e)];
        let mut index = 0;
        let mut out = Vec::with_capacity(self.events.len());
        for (i, ev) in self.events.iter().enumerate() {
            let kept = ev.judgement.kept();
            if kept {
                index += 1;
            }
            let (s, e) = ev.evidence;
            out.push(ExplainRecord {
                doc_id: doc.id.clone(),
                candidate: i + 1,
                event_index: if kept { index } else { 0 },
                event_type: ev.kind.map_or("", |k| k.as_str()).to_string(),
                trigger: span(ev.trigger.0, ev.trigger.1).to_string(),
                kept,
                sense: ev.judgement.sense.as_str().to_string(),
                state_actor: ev.judgement.actor.clone().unwrap_or_default(),
                reason: ev.judgement.reason.as_str().to_string(),
                participants: ev.participants.clone(),
                parties: ev.parties.clone(),
                evidence: span(s, e).to_string(),
                start: ci.chars(orig(s)),
                end: ci.chars(orig(e)),
            });
        }
        out
    }

    /// The rows of entities.csv, borrowed from the document and the
    /// mentions: one per entity mention, the same span and label written
    /// once.
    pub fn entity_rows<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = EntityRow<'a>> {
        let article = &self.article;
        let ci = CharIndex::new(&doc.text);
        let mut last: Option<(usize, usize, Label)> = None;
        self.mentions.iter().filter_map(move |m| {
            if !m.label.is_entity() || last == Some((m.start, m.end, m.label)) {
                return None;
            }
            last = Some((m.start, m.end, m.label));
            let (s, e) = (
                article.norm.to_original(m.start),
                article.norm.to_original(m.end),
            );
            Some(EntityRow {
                doc_id: &doc.id,
                start: ci.chars(s),
                end: ci.chars(e),
                text: &doc.text[s..e],
                label: m.label.as_str(),
                canonical: &m.canonical,
                source: m.source.as_str(),
            })
        })
    }
}
