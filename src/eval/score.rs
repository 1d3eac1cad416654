//! MUC-style template scoring.
//!
//! Within a document, predicted events are paired with gold events of the
//! same type, greedily by how many slot values agree; then every value is
//! counted as correct, incorrect, missing or spurious:
//!
//! - precision = correct / (correct + incorrect + spurious)
//! - recall    = correct / (correct + incorrect + missing)
//!
//! An unpaired predicted event is spurious and so is each of its values; an
//! unpaired gold event is missing and so is each of its values. A gold slot
//! that is unknown is not scored, whatever was predicted.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::aliases::Aliases;
use super::gold::{canonicals, GoldDoc, GoldEvent, EVENT_TYPES};
use super::normalize::{match_values, GoldValue, PredValue};
use crate::record::{EntityRecord, EventRecord};

/// What was predicted for one document. `entities` is `None` when the
/// entity mentions are not available (scoring an events.csv alone); then
/// entities are not scored.
#[derive(Clone, Debug, Default)]
pub struct Prediction {
    pub events: Vec<EventRecord>,
    pub entities: Option<Vec<EntityRecord>>,
}

/// The scored slots of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    Date,
    Place,
    PlaceCountry,
    Participants,
    Parties,
    AgreedSectors,
    Sectors,
}

impl Slot {
    pub const ALL: [Slot; 7] = [
        Slot::Date,
        Slot::Place,
        Slot::PlaceCountry,
        Slot::Participants,
        Slot::Parties,
        Slot::AgreedSectors,
        Slot::Sectors,
    ];

    /// The column name of the output contract.
    pub fn name(self) -> &'static str {
        match self {
            Slot::Date => "date",
            Slot::Place => "place",
            Slot::PlaceCountry => "place_country",
            Slot::Participants => "participants",
            Slot::Parties => "parties",
            Slot::AgreedSectors => "agreed_sectors",
            Slot::Sectors => "sectors",
        }
    }

    /// Slots whose values are gazetteer names, compared through aliases.
    fn named(self) -> bool {
        matches!(self, Slot::Place | Slot::PlaceCountry | Slot::Parties)
    }

    fn gold(self, e: &GoldEvent, aliases: Option<&Aliases>) -> GoldSlot {
        let parse = |s: &str| {
            GoldValue::parse(s).map(|mut v| {
                if let Some(a) = aliases.filter(|_| self.named()) {
                    a.widen(&mut v);
                }
                v
            })
        };
        let single = |v: &Option<String>| match v.as_deref().and_then(parse) {
            Some(v) => GoldSlot::Single(v),
            None => GoldSlot::Unscored,
        };
        let multi = |v: &Option<Vec<String>>| match v {
            Some(values) => GoldSlot::Multi(values.iter().filter_map(|s| parse(s)).collect()),
            None => GoldSlot::Unscored,
        };
        match self {
            Slot::Date => single(&e.date),
            Slot::Place => single(&e.place),
            Slot::PlaceCountry => single(&e.place_country),
            Slot::Participants => multi(&e.participants),
            Slot::Parties => multi(&e.parties),
            Slot::AgreedSectors => multi(&e.agreed_sectors),
            Slot::Sectors => multi(&e.sectors),
        }
    }

    fn pred(self, e: &EventRecord) -> Vec<PredValue> {
        let single = |s: &str| PredValue::parse(s).into_iter().collect();
        let multi = |v: &[String]| v.iter().filter_map(|s| PredValue::parse(s)).collect();
        match self {
            Slot::Date => single(&e.date),
            Slot::Place => single(&e.place),
            Slot::PlaceCountry => single(&e.place_country),
            Slot::Participants => multi(&e.participants),
            Slot::Parties => multi(&e.parties),
            Slot::AgreedSectors => multi(&e.agreed_sectors),
            Slot::Sectors => multi(&e.sectors),
        }
    }
}

enum GoldSlot {
    Unscored,
    Single(GoldValue),
    Multi(Vec<GoldValue>),
}

/// The four MUC counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub correct: usize,
    pub incorrect: usize,
    pub missing: usize,
    pub spurious: usize,
}

impl Counts {
    pub fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.incorrect += other.incorrect;
        self.missing += other.missing;
        self.spurious += other.spurious;
    }

    /// Values predicted (the precision denominator).
    pub fn predicted(&self) -> usize {
        self.correct + self.incorrect + self.spurious
    }

    /// Values expected (the recall denominator).
    pub fn expected(&self) -> usize {
        self.correct + self.incorrect + self.missing
    }

    /// Precision, recall and F1. All three are `None` when nothing was
    /// predicted or expected, so that "not measured" is not mistaken for a
    /// perfect or a null score; otherwise an empty denominator gives 0.
    pub fn score(self) -> Score {
        let (predicted, expected) = (self.predicted(), self.expected());
        if predicted == 0 && expected == 0 {
            return Score {
                counts: self,
                precision: None,
                recall: None,
                f1: None,
            };
        }
        let ratio = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
        let p = ratio(self.correct, predicted);
        let r = ratio(self.correct, expected);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Score {
            counts: self,
            precision: Some(p),
            recall: Some(r),
            f1: Some(f1),
        }
    }
}

/// Counts with the figures derived from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    #[serde(flatten)]
    pub counts: Counts,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// Scores of one slot over all documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SlotScore {
    pub slot: String,
    #[serde(flatten)]
    pub score: Score,
}

/// Scores of one event type: event-level and over all its values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TypeScore {
    pub event_type: String,
    pub events: Score,
    pub values: Score,
}

/// Scores of one entity label (PERSON, PLACE).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelScore {
    pub label: String,
    #[serde(flatten)]
    pub score: Score,
}

/// How a value (or an event) differs from gold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Missing,
    Spurious,
    Incorrect,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Spurious => "spurious",
            Kind::Incorrect => "incorrect",
        }
    }
}

/// One value that differs from gold, with the event it belongs to. `slot`
/// is a slot name, `event` for a whole event that is missing or spurious,
/// or an entity label (then `event_type` is empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Difference {
    pub doc_id: String,
    pub event_type: String,
    /// The event's date as far as known, to tell events apart in reading.
    pub event_date: String,
    pub slot: String,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub got: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub want: Option<String>,
    /// The predicted event's evidence sentence, or the gold hint for a
    /// missing event.
    pub evidence: String,
}

/// An event predicted in a document whose gold has no events at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FalseEvent {
    pub doc_id: String,
    pub event_type: String,
    pub date: String,
    pub evidence: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FalseEvents {
    /// Documents whose gold has `"events": []`.
    pub documents: usize,
    pub count: usize,
    pub events: Vec<FalseEvent>,
}

/// Everything `khabar eval` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub documents: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    /// Per slot, in the contract's column order.
    pub slots: Vec<SlotScore>,
    /// All slots together.
    pub micro: Score,
    /// Event-level: paired events are correct, unpaired predicted ones
    /// spurious, unpaired gold ones missing.
    pub events: Score,
    pub event_types: Vec<TypeScore>,
    /// Only labels scored in at least one document.
    pub entities: Vec<LabelScore>,
    pub false_events: FalseEvents,
    pub differences: Vec<Difference>,
}

/// The entity labels scored, with the gold field that holds them.
const ENTITY_LABELS: [&str; 2] = ["PERSON", "PLACE"];

/// Scores every document: gold and what was predicted for it.
pub fn evaluate<'a, I>(docs: I) -> Report
where
    I: IntoIterator<Item = (&'a GoldDoc, &'a Prediction)>,
{
    evaluate_with(docs, &Aliases::none())
}

/// As [`evaluate`], with names of one gazetteer entry accepted for each
/// other in parties, places and PLACE mentions.
pub fn evaluate_with<'a, I>(docs: I, aliases: &Aliases) -> Report
where
    I: IntoIterator<Item = (&'a GoldDoc, &'a Prediction)>,
{
    let mut acc = Accumulator {
        aliases: Some(aliases),
        ..Accumulator::default()
    };
    for (gold, pred) in docs {
        acc.document(gold, pred);
    }
    acc.finish()
}

#[derive(Default)]
struct Accumulator<'a> {
    aliases: Option<&'a Aliases>,
    documents: usize,
    gold_events: usize,
    predicted_events: usize,
    slots: [Counts; 7],
    events: Counts,
    types: HashMap<String, (Counts, Counts)>,
    entities: BTreeMap<&'static str, Counts>,
    false_events: FalseEvents,
    differences: Vec<Difference>,
}

/// The outcome of comparing one predicted with one gold event.
struct Comparison {
    slots: [Counts; 7],
    /// (slot, kind, got, want) for every value that differs.
    diffs: Vec<(Slot, Kind, Option<String>, Option<String>)>,
    /// How many values agree: the pairing criterion.
    agree: usize,
    date_correct: bool,
}

fn compare(pred: &EventRecord, gold: &GoldEvent, aliases: Option<&Aliases>) -> Comparison {
    let mut slots = [Counts::default(); 7];
    let mut diffs = Vec::new();
    let mut date_correct = false;
    for (i, slot) in Slot::ALL.iter().enumerate() {
        let got = slot.pred(pred);
        let counts = &mut slots[i];
        match slot.gold(gold, aliases) {
            GoldSlot::Unscored => {}
            GoldSlot::Single(want) => match got.first() {
                None => {
                    counts.missing += 1;
                    diffs.push((*slot, Kind::Missing, None, Some(want.raw.clone())));
                }
                Some(g) if want.accepts(&g.normalized) => {
                    counts.correct += 1;
                    date_correct |= *slot == Slot::Date;
                }
                Some(g) => {
                    counts.incorrect += 1;
                    diffs.push((
                        *slot,
                        Kind::Incorrect,
                        Some(g.raw.clone()),
                        Some(want.raw.clone()),
                    ));
                }
            },
            GoldSlot::Multi(want) => {
                let partner = match_values(&want, &got);
                let mut used = vec![false; got.len()];
                for (w, p) in want.iter().zip(&partner) {
                    match p {
                        Some(p) => {
                            counts.correct += 1;
                            used[*p] = true;
                        }
                        None => {
                            counts.missing += 1;
                            diffs.push((*slot, Kind::Missing, None, Some(w.raw.clone())));
                        }
                    }
                }
                for (g, used) in got.iter().zip(used) {
                    if !used {
                        counts.spurious += 1;
                        diffs.push((*slot, Kind::Spurious, Some(g.raw.clone()), None));
                    }
                }
            }
        }
    }
    let agree = slots.iter().map(|c| c.correct).sum();
    Comparison {
        slots,
        diffs,
        agree,
        date_correct,
    }
}

/// Pairs predicted with gold events of the same type: the pair with the
/// most agreeing values first, ties going to the earlier predicted event,
/// then the earlier gold event. Same-type events pair even when no value
/// agrees: the type is what makes them the same event, and their values
/// then count as incorrect or missing instead of as a whole spurious
/// event plus a whole missing one.
fn pair(
    preds: &[EventRecord],
    golds: &[GoldEvent],
    aliases: Option<&Aliases>,
) -> Vec<(usize, usize, Comparison)> {
    let mut candidates = Vec::new();
    for (p, pe) in preds.iter().enumerate() {
        for (g, ge) in golds.iter().enumerate() {
            if pe.event_type.trim() == ge.event_type.trim() {
                candidates.push((p, g, compare(pe, ge, aliases)));
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.2.agree
            .cmp(&a.2.agree)
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
    let mut pred_used = vec![false; preds.len()];
    let mut gold_used = vec![false; golds.len()];
    let mut pairs = Vec::new();
    for (p, g, c) in candidates {
        if !pred_used[p] && !gold_used[g] {
            pred_used[p] = true;
            gold_used[g] = true;
            pairs.push((p, g, c));
        }
    }
    pairs
}

impl Accumulator<'_> {
    fn document(&mut self, gold: &GoldDoc, pred: &Prediction) {
        self.documents += 1;
        self.gold_events += gold.events.len();
        self.predicted_events += pred.events.len();
        let doc_id = gold.doc_id.as_str();

        if gold.events.is_empty() {
            self.false_events.documents += 1;
            for e in &pred.events {
                self.false_events.events.push(FalseEvent {
                    doc_id: doc_id.to_string(),
                    event_type: e.event_type.clone(),
                    date: e.date.clone(),
                    evidence: e.evidence.clone(),
                });
            }
            self.false_events.count = self.false_events.events.len();
        }

        let pairs = pair(&pred.events, &gold.events, self.aliases);
        let mut pred_of_gold: Vec<Option<(usize, Comparison)>> =
            (0..gold.events.len()).map(|_| None).collect();
        let mut pred_paired = vec![false; pred.events.len()];
        for (p, g, c) in pairs {
            pred_paired[p] = true;
            pred_of_gold[g] = Some((p, c));
        }

        // Gold order first (paired and missing events), then the spurious
        // ones in predicted order: the report reads like the annotation.
        for (g, paired) in pred_of_gold.into_iter().enumerate() {
            let ge = &gold.events[g];
            match paired {
                Some((p, c)) => self.paired(doc_id, &pred.events[p], ge, c),
                None => self.missing_event(doc_id, ge),
            }
        }
        for (p, pe) in pred.events.iter().enumerate() {
            if !pred_paired[p] {
                self.spurious_event(doc_id, pe);
            }
        }

        if let Some(entities) = &pred.entities {
            for label in ENTITY_LABELS {
                let want = match label {
                    "PERSON" => &gold.persons,
                    _ => &gold.places,
                };
                if let Some(want) = want {
                    self.entity_label(doc_id, label, want, entities);
                }
            }
        }
    }

    fn type_counts(&mut self, event_type: &str) -> &mut (Counts, Counts) {
        self.types.entry(event_type.trim().to_string()).or_default()
    }

    fn paired(&mut self, doc_id: &str, pe: &EventRecord, ge: &GoldEvent, c: Comparison) {
        self.events.correct += 1;
        let mut values = Counts::default();
        for (total, counts) in self.slots.iter_mut().zip(c.slots) {
            total.add(counts);
            values.add(counts);
        }
        let t = self.type_counts(&ge.event_type);
        t.0.correct += 1;
        t.1.add(values);
        // The date shown is one both sides agree on, or the only one there
        // is; when they disagree the date line itself shows both.
        let event_date = match (&ge.date, c.date_correct) {
            (_, true) => pe.date.trim().to_string(),
            (Some(d), false) if pe.date.trim().is_empty() => first_alternative(d),
            (None, false) => pe.date.trim().to_string(),
            (Some(d), false) if d.trim().is_empty() => pe.date.trim().to_string(),
            _ => String::new(),
        };
        for (slot, kind, got, want) in c.diffs {
            self.differences.push(Difference {
                doc_id: doc_id.to_string(),
                event_type: ge.event_type.clone(),
                event_date: event_date.clone(),
                slot: slot.name().to_string(),
                kind,
                got,
                want,
                evidence: pe.evidence.clone(),
            });
        }
    }

    fn missing_event(&mut self, doc_id: &str, ge: &GoldEvent) {
        self.events.missing += 1;
        let event_date = ge
            .date
            .as_deref()
            .map(first_alternative)
            .unwrap_or_default();
        let evidence = ge.evidence.clone().unwrap_or_default();
        let diff = |slot: &str, want: Option<String>| Difference {
            doc_id: doc_id.to_string(),
            event_type: ge.event_type.clone(),
            event_date: event_date.clone(),
            slot: slot.to_string(),
            kind: Kind::Missing,
            got: None,
            want,
            evidence: evidence.clone(),
        };
        let mut diffs = vec![diff("event", None)];
        let mut values = Counts::default();
        for (i, slot) in Slot::ALL.iter().enumerate() {
            let want: Vec<GoldValue> = match slot.gold(ge, None) {
                GoldSlot::Unscored => Vec::new(),
                GoldSlot::Single(v) => vec![v],
                GoldSlot::Multi(v) => v,
            };
            self.slots[i].missing += want.len();
            values.missing += want.len();
            diffs.extend(want.into_iter().map(|v| diff(slot.name(), Some(v.raw))));
        }
        self.differences.extend(diffs);
        let t = self.type_counts(&ge.event_type);
        t.0.missing += 1;
        t.1.add(values);
    }

    fn spurious_event(&mut self, doc_id: &str, pe: &EventRecord) {
        self.events.spurious += 1;
        let diff = |slot: &str, got: Option<String>| Difference {
            doc_id: doc_id.to_string(),
            event_type: pe.event_type.clone(),
            event_date: pe.date.trim().to_string(),
            slot: slot.to_string(),
            kind: Kind::Spurious,
            got,
            want: None,
            evidence: pe.evidence.clone(),
        };
        let mut diffs = vec![diff("event", None)];
        let mut values = Counts::default();
        for (i, slot) in Slot::ALL.iter().enumerate() {
            let got = slot.pred(pe);
            self.slots[i].spurious += got.len();
            values.spurious += got.len();
            diffs.extend(got.into_iter().map(|v| diff(slot.name(), Some(v.raw))));
        }
        self.differences.extend(diffs);
        let t = self.type_counts(&pe.event_type);
        t.0.spurious += 1;
        t.1.add(values);
    }

    fn entity_label(
        &mut self,
        doc_id: &str,
        label: &'static str,
        want: &[String],
        entities: &[EntityRecord],
    ) {
        let mut want: Vec<GoldValue> = want.iter().filter_map(|s| GoldValue::parse(s)).collect();
        if let Some(a) = self.aliases.filter(|_| label == "PLACE") {
            for w in &mut want {
                a.widen(w);
            }
        }
        let got: Vec<PredValue> = canonicals(entities, label)
            .iter()
            .filter_map(|s| PredValue::parse(s))
            .collect();
        let partner = match_values(&want, &got);
        let counts = self.entities.entry(label).or_default();
        let mut used = vec![false; got.len()];
        let mut diffs = Vec::new();
        for (w, p) in want.iter().zip(&partner) {
            match p {
                Some(p) => {
                    counts.correct += 1;
                    used[*p] = true;
                }
                None => {
                    counts.missing += 1;
                    diffs.push((Kind::Missing, None, Some(w.raw.clone())));
                }
            }
        }
        for (g, used) in got.iter().zip(used) {
            if !used {
                counts.spurious += 1;
                diffs.push((Kind::Spurious, Some(g.raw.clone()), None));
            }
        }
        self.differences
            .extend(diffs.into_iter().map(|(kind, got, want)| Difference {
                doc_id: doc_id.to_string(),
                event_type: String::new(),
                event_date: String::new(),
                slot: label.to_string(),
                kind,
                got,
                want,
                evidence: String::new(),
            }));
    }

    fn finish(self) -> Report {
        let mut micro = Counts::default();
        let slots = Slot::ALL
            .iter()
            .zip(self.slots)
            .map(|(slot, counts)| {
                micro.add(counts);
                SlotScore {
                    slot: slot.name().to_string(),
                    score: counts.score(),
                }
            })
            .collect();
        // Contract order first, then any other (misspelt) type by name, so
        // that a stray label shows up rather than vanishing.
        let mut types: Vec<(String, (Counts, Counts))> = self.types.into_iter().collect();
        let rank = |t: &str| {
            EVENT_TYPES
                .iter()
                .position(|x| *x == t)
                .unwrap_or(EVENT_TYPES.len())
        };
        types.sort_by(|a, b| rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0)));
        let event_types = types
            .into_iter()
            .map(|(event_type, (events, values))| TypeScore {
                event_type,
                events: events.score(),
                values: values.score(),
            })
            .collect();
        let entities = ENTITY_LABELS
            .iter()
            .filter_map(|label| {
                self.entities.get(label).map(|counts| LabelScore {
                    label: label.to_string(),
                    score: counts.score(),
                })
            })
            .collect();
        Report {
            documents: self.documents,
            gold_events: self.gold_events,
            predicted_events: self.predicted_events,
            slots,
            micro: micro.score(),
            events: self.events.score(),
            event_types,
            entities,
            false_events: self.false_events,
            differences: self.differences,
        }
    }
}

fn first_alternative(value: &str) -> String {
    value.split('|').next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn gold_meeting() -> GoldEvent {
        GoldEvent {
            event_type: "meeting".into(),
            date: Some("2024-12-18".into()),
            place: Some("Dushanbe".into()),
            place_country: Some("Tajikistan".into()),
            participants: Some(strings(&[
                "Zavki Zavkizoda",
                "Mukhtar Babayev|Mukhtor Boboyev",
            ])),
            parties: Some(strings(&["Tajikistan", "Azerbaijan"])),
            agreed_sectors: Some(strings(&["green energy"])),
            sectors: Some(strings(&["trade", "green energy"])),
            evidence: Some("The seventh meeting".into()),
            ..GoldEvent::default()
        }
    }

    fn pred_meeting() -> EventRecord {
        EventRecord {
            doc_id: "seed.txt".into(),
            event_index: 1,
            event_type: "meeting".into(),
            date: "2024-12-18".into(),
            place: "Dushanbe".into(),
            place_country: "Tajikistan".into(),
            participants: strings(&["Zavki Zavkizoda", "Mukhtor Boboyev"]),
            parties: strings(&["Tajikistan", "Azerbaijan"]),
            agreed_sectors: strings(&["green energy"]),
            sectors: strings(&["trade", "green energy"]),
            evidence: "The seventh meeting of the commission was held on December 18 in Dushanbe."
                .into(),
            ..EventRecord::default()
        }
    }

    fn doc(events: Vec<GoldEvent>) -> GoldDoc {
        GoldDoc {
            doc_id: "seed.txt".into(),
            events,
            ..GoldDoc::default()
        }
    }

    fn pred(events: Vec<EventRecord>) -> Prediction {
        Prediction {
            events,
            entities: None,
        }
    }

    fn run(gold: &GoldDoc, pred: &Prediction) -> Report {
        evaluate([(gold, pred)])
    }

    fn slot<'a>(r: &'a Report, name: &str) -> &'a Score {
        &r.slots.iter().find(|s| s.slot == name).expect("slot").score
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![pred_meeting()]));
        for s in &r.slots {
            assert_eq!(s.score.f1, Some(1.0), "{}", s.slot);
        }
        assert_eq!(r.micro.f1, Some(1.0));
        assert_eq!(r.micro.counts.correct, 10);
        assert_eq!(r.events.f1, Some(1.0));
        assert!(r.differences.is_empty());
        assert_eq!(r.event_types[0].events.f1, Some(1.0));
    }

    #[test]
    fn spurious_event_lowers_precision_only() {
        let mut extra = pred_meeting();
        extra.event_type = "signing".into();
        extra.date = "2024-05-23".into();
        let r = run(
            &doc(vec![gold_meeting()]),
            &pred(vec![pred_meeting(), extra]),
        );
        assert_eq!(r.micro.recall, Some(1.0));
        assert!(r.micro.precision.expect("measured") < 1.0);
        assert_eq!(r.events.counts.spurious, 1);
        assert_eq!(r.events.recall, Some(1.0));
        assert_eq!(r.events.precision, Some(0.5));
        let date = slot(&r, "date");
        assert_eq!((date.counts.correct, date.counts.spurious), (1, 1));
        assert_eq!(date.recall, Some(1.0));
        assert_eq!(date.precision, Some(0.5));
        assert!(r
            .differences
            .iter()
            .any(|d| d.slot == "event" && d.kind == Kind::Spurious && d.event_type == "signing"));
    }

    #[test]
    fn wrong_date_counts_once_false_and_once_missed() {
        let mut p = pred_meeting();
        p.date = "2024-12-19".into();
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![p]));
        let date = slot(&r, "date");
        assert_eq!(
            date.counts,
            Counts {
                incorrect: 1,
                ..Counts::default()
            }
        );
        assert_eq!(date.counts.predicted(), 1);
        assert_eq!(date.counts.expected(), 1);
        assert_eq!(date.precision, Some(0.0));
        assert_eq!(date.recall, Some(0.0));
        assert_eq!(r.events.f1, Some(1.0), "still the same event");
        let d = &r.differences[0];
        assert_eq!(
            (d.kind, d.got.as_deref(), d.want.as_deref()),
            (Kind::Incorrect, Some("2024-12-19"), Some("2024-12-18"))
        );
        assert_eq!(
            d.event_date, "",
            "the dates disagree: the label shows neither"
        );
    }

    #[test]
    fn unknown_gold_date_is_not_scored() {
        for unknown in [None, Some(String::new())] {
            let mut g = gold_meeting();
            g.date = unknown;
            let r = run(&doc(vec![g]), &pred(vec![pred_meeting()]));
            let date = slot(&r, "date");
            assert_eq!(date.counts, Counts::default());
            assert_eq!(date.f1, None);
            assert_eq!(r.micro.f1, Some(1.0));
            assert!(r.differences.is_empty());
        }
    }

    #[test]
    fn missing_date_is_missed_only() {
        let mut p = pred_meeting();
        p.date.clear();
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![p]));
        let date = slot(&r, "date");
        assert_eq!(
            date.counts,
            Counts {
                missing: 1,
                ..Counts::default()
            }
        );
        assert_eq!(r.micro.precision, Some(1.0));
    }

    #[test]
    fn alternatives_match() {
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![pred_meeting()]));
        assert_eq!(slot(&r, "participants").counts.correct, 2);
        let mut p = pred_meeting();
        p.participants = strings(&["Zavki Zavkizoda", "Mukhtar Babayev"]);
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![p]));
        assert_eq!(slot(&r, "participants").f1, Some(1.0));
    }

    #[test]
    fn normalization_ignores_diacritics_case_and_punctuation() {
        let mut g = gold_meeting();
        g.place = Some("Kŭlob".into());
        g.parties = Some(strings(&["Côte d'Ivoire"]));
        let mut p = pred_meeting();
        p.place = "kulob".into();
        p.parties = strings(&["COTE D’IVOIRE."]);
        let r = run(&doc(vec![g]), &pred(vec![p]));
        assert_eq!(slot(&r, "place").f1, Some(1.0));
        assert_eq!(slot(&r, "parties").f1, Some(1.0));
    }

    #[test]
    fn event_on_eventless_document_is_a_false_event() {
        let gold = doc(Vec::new());
        let r = run(&gold, &pred(vec![pred_meeting()]));
        assert_eq!(r.false_events.documents, 1);
        assert_eq!(r.false_events.count, 1);
        assert_eq!(r.false_events.events[0].event_type, "meeting");
        assert_eq!(r.false_events.events[0].doc_id, "seed.txt");
        assert_eq!(r.events.counts.spurious, 1);
        assert_eq!(r.events.precision, Some(0.0));
        // An event-less document predicted event-less is no false event.
        let r = run(&gold, &pred(Vec::new()));
        assert_eq!(r.false_events.count, 0);
        assert_eq!(r.events.f1, None);
    }

    #[test]
    fn greedy_matching_picks_the_better_partner() {
        let first = GoldEvent {
            event_type: "meeting".into(),
            date: Some("2024-05-23".into()),
            place: Some("Baku".into()),
            ..GoldEvent::default()
        };
        let second = gold_meeting();
        let r = run(&doc(vec![first, second]), &pred(vec![pred_meeting()]));
        // Paired with the second gold event, which agrees on every value;
        // the first, earlier one is missing.
        assert_eq!(slot(&r, "participants").counts.correct, 2);
        assert_eq!(
            slot(&r, "date").counts,
            Counts {
                correct: 1,
                missing: 1,
                ..Counts::default()
            }
        );
        assert_eq!(
            r.events.counts,
            Counts {
                correct: 1,
                missing: 1,
                ..Counts::default()
            }
        );
        let missing: Vec<_> = r
            .differences
            .iter()
            .filter(|d| d.kind == Kind::Missing)
            .collect();
        assert_eq!(missing[0].slot, "event");
        assert_eq!(missing[0].event_date, "2024-05-23");
    }

    #[test]
    fn ties_go_to_order_of_appearance() {
        let a = GoldEvent {
            event_type: "visit".into(),
            ..GoldEvent::default()
        };
        let p = EventRecord {
            event_type: "visit".into(),
            ..EventRecord::default()
        };
        let mut p2 = p.clone();
        p2.evidence = "second".into();
        let r = run(&doc(vec![a]), &pred(vec![p, p2]));
        let spurious: Vec<_> = r.differences.iter().filter(|d| d.slot == "event").collect();
        assert_eq!(spurious.len(), 1);
        assert_eq!(spurious[0].evidence, "second");
    }

    #[test]
    fn different_types_never_pair() {
        let mut p = pred_meeting();
        p.event_type = "visit".into();
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![p]));
        assert_eq!(
            r.events.counts,
            Counts {
                missing: 1,
                spurious: 1,
                ..Counts::default()
            }
        );
        assert_eq!(r.micro.counts.correct, 0);
        assert_eq!(
            r.event_types
                .iter()
                .map(|t| t.event_type.as_str())
                .collect::<Vec<_>>(),
            ["meeting", "visit"]
        );
    }

    #[test]
    fn multi_valued_partial_overlap_counts() {
        let mut p = pred_meeting();
        p.sectors = strings(&["trade", "energy", "transport"]);
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![p]));
        let s = slot(&r, "sectors");
        assert_eq!(
            s.counts,
            Counts {
                correct: 1,
                missing: 1,
                spurious: 2,
                ..Counts::default()
            }
        );
        assert_eq!(s.precision, Some(1.0 / 3.0));
        assert_eq!(s.recall, Some(0.5));
        assert_eq!(s.f1, Some(0.4));
    }

    #[test]
    fn empty_list_means_none_expected_absent_means_unscored() {
        let mut g = gold_meeting();
        g.agreed_sectors = Some(Vec::new());
        g.sectors = None;
        let r = run(&doc(vec![g]), &pred(vec![pred_meeting()]));
        assert_eq!(
            slot(&r, "agreed_sectors").counts,
            Counts {
                spurious: 1,
                ..Counts::default()
            }
        );
        assert_eq!(slot(&r, "sectors").counts, Counts::default());
    }

    #[test]
    fn missing_event_misses_each_value() {
        let r = run(&doc(vec![gold_meeting()]), &pred(Vec::new()));
        assert_eq!(
            r.micro.counts,
            Counts {
                missing: 10,
                ..Counts::default()
            }
        );
        assert_eq!(r.micro.recall, Some(0.0));
        assert_eq!(r.micro.precision, Some(0.0));
        assert_eq!(r.events.counts.missing, 1);
    }

    #[test]
    fn entities_are_sets_of_canonical_names() {
        let gold = GoldDoc {
            doc_id: "seed.txt".into(),
            persons: Some(strings(&["Zavki Zavkizoda", "Emomali Rahmon"])),
            places: None,
            ..GoldDoc::default()
        };
        let mention = |label: &str, canonical: &str| EntityRecord {
            label: label.into(),
            canonical: canonical.into(),
            ..EntityRecord::default()
        };
        let p = Prediction {
            events: Vec::new(),
            entities: Some(vec![
                mention("PERSON", "Zavki Zavkizoda"),
                mention("PERSON", "Zavki Zavkizoda"),
                mention("PERSON", "Ilham Aliyev"),
                mention("PLACE", "Dushanbe"),
            ]),
        };
        let r = run(&gold, &p);
        assert_eq!(r.entities.len(), 1, "places are not annotated: not scored");
        assert_eq!(r.entities[0].label, "PERSON");
        assert_eq!(
            r.entities[0].score.counts,
            Counts {
                correct: 1,
                missing: 1,
                spurious: 1,
                ..Counts::default()
            }
        );
        // Without predicted entities nothing is scored.
        let r = run(&gold, &pred(Vec::new()));
        assert!(r.entities.is_empty());
    }

    #[test]
    fn report_serializes_with_flat_counts() {
        let r = run(&doc(vec![gold_meeting()]), &pred(vec![pred_meeting()]));
        let v = serde_json::to_value(&r).expect("serializes");
        assert_eq!(v["slots"][0]["slot"], "date");
        assert_eq!(v["slots"][0]["correct"], 1);
        assert_eq!(v["micro"]["f1"], 1.0);
        assert_eq!(v["entities"], serde_json::json!([]));
    }
}
