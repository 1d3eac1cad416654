//! Mentions: spans of the normalized text that name something, with what
//! they resolve to. Every recognizer (gazetteer, titles, people, dates)
//! produces them and the event assembler consumes them.

use crate::date::DateValue;

/// What a mention names. The first seven are the contract's entity labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Country,
    Place,
    Title,
    Sector,
    Trigger,
    Date,
    /// Word lists for the rules, never written as entities.
    FirstName,
    Stop,
}

impl Label {
    /// Parses a gazetteer label.
    pub fn parse(s: &str) -> Option<Label> {
        Some(match s {
            "PERSON" => Label::Person,
            "ORG" => Label::Org,
            "COUNTRY" => Label::Country,
            "PLACE" => Label::Place,
            "TITLE" => Label::Title,
            "SECTOR" => Label::Sector,
            "TRIGGER" => Label::Trigger,
            "FIRSTNAME" => Label::FirstName,
            "STOP" => Label::Stop,
            _ => return None,
        })
    }

    /// The label as written in entities.csv and gazetteer files.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Country => "COUNTRY",
            Label::Place => "PLACE",
            Label::Title => "TITLE",
            Label::Sector => "SECTOR",
            Label::Trigger => "TRIGGER",
            Label::Date => "DATE",
            Label::FirstName => "FIRSTNAME",
            Label::Stop => "STOP",
        }
    }

    /// True for labels written to entities.csv.
    pub fn is_entity(self) -> bool {
        !matches!(self, Label::Trigger | Label::FirstName | Label::Stop)
    }
}

/// The contract's event types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    Meeting,
    PhoneCall,
    Visit,
    Signing,
    Agreement,
}

impl EventType {
    pub fn parse(s: &str) -> Option<EventType> {
        Some(match s {
            "meeting" => EventType::Meeting,
            "phone_call" => EventType::PhoneCall,
            "visit" => EventType::Visit,
            "signing" => EventType::Signing,
            "agreement" => EventType::Agreement,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Meeting => "meeting",
            EventType::PhoneCall => "phone_call",
            EventType::Visit => "visit",
            EventType::Signing => "signing",
            EventType::Agreement => "agreement",
        }
    }
}

/// How a mention was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Gazetteer,
    Pattern,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Pattern => "pattern",
        }
    }
}

/// One mention; `start..end` are bytes of the normalized text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub canonical: String,
    /// The country the mention belongs to or acts for (a place's country,
    /// a person's or title's country; a country's own name).
    pub country: Option<String>,
    pub source: Source,
    /// Gazetteer entry, when the mention came from one.
    pub entry: Option<u32>,
    /// The resolved value of a DATE mention.
    pub date: Option<DateValue>,
}

#[cfg(test)]
impl Mention {
    /// A gazetteer PLACE mention with no entry or canonical name: the
    /// surrounding mention the recognizers' unit tests need.
    pub(crate) fn test_place(start: usize, end: usize) -> Mention {
        Mention {
            start,
            end,
            label: Label::Place,
            canonical: String::new(),
            country: None,
            source: Source::Gazetteer,
            entry: None,
            date: None,
        }
    }
}

/// A document's mentions (sorted by start) with their starts kept apart,
/// for the assembler's many "which mentions start in this sentence"
/// questions (issue #18). A search over all of a long document's mentions
/// missed the cache at every step once it held millions of them; the
/// questions come mostly in text order, or near the last one, so each
/// search starts from the last answer and widens its steps (1, 2, 4, ...)
/// until it passes the span: the cost grows with the distance from the
/// last answer, not with the document. Derefs to the mentions.
pub struct MentionSpans<'m> {
    all: &'m [Mention],
    starts: Vec<usize>,
    /// The first index of the last span asked for.
    finger: std::cell::Cell<usize>,
}

impl<'m> MentionSpans<'m> {
    /// `all` must be sorted by start (the pipeline's order).
    pub fn new(all: &'m [Mention]) -> Self {
        MentionSpans {
            all,
            starts: all.iter().map(|m| m.start).collect(),
            finger: std::cell::Cell::new(0),
        }
    }

    /// The mentions that start inside `start..end`.
    pub fn span(&self, start: usize, end: usize) -> &'m [Mention] {
        let a = self.first_at(start);
        self.finger.set(a);
        let b = a + gallop(&self.starts[a..], |&s| s < end);
        &self.all[a..b.max(a)]
    }

    /// The first index whose start is at least `start`, searched from the
    /// finger outwards.
    fn first_at(&self, start: usize) -> usize {
        let f = self.finger.get().min(self.starts.len());
        if f == 0 || self.starts[f - 1] < start {
            // The answer is at or after the finger.
            return f + gallop(&self.starts[f..], |&s| s < start);
        }
        // `starts[g]` is at or past `start`: the answer is at or before g.
        // Step back until a start before `start`; the answer lies after it
        // and at or before the last step's index.
        let g = f - 1;
        let mut step = 1;
        while step <= g && self.starts[g - step] >= start {
            step *= 2;
        }
        let lo = g.saturating_sub(step);
        let hi = g - step / 2;
        lo + self.starts[lo..hi].partition_point(|&s| s < start)
    }

    /// All the mentions, for the callers that walk them.
    pub fn all(&self) -> &'m [Mention] {
        self.all
    }
}

/// `partition_point` for an answer expected near the front of `items`:
/// steps of 1, 2, 4, ... then a search inside the last step, so the cost
/// grows with the answer's distance from the front, and the items read are
/// near each other.
pub fn gallop<T>(items: &[T], pred: impl Fn(&T) -> bool) -> usize {
    let mut hi = 1;
    while hi <= items.len() && pred(&items[hi - 1]) {
        hi *= 2;
    }
    let lo = hi / 2;
    let hi = hi.min(items.len());
    lo + items[lo..hi].partition_point(pred)
}

impl std::ops::Deref for MentionSpans<'_> {
    type Target = [Mention];
    fn deref(&self) -> &[Mention] {
        self.all
    }
}

#[cfg(test)]
mod tests {
    use super::{gallop, Mention, MentionSpans};

    proptest::proptest! {
        #[test]
        fn gallop_is_partition_point(
            mut v in proptest::collection::vec(0u32..50, 0..40),
            x in 0u32..55,
        ) {
            v.sort_unstable();
            proptest::prop_assert_eq!(gallop(&v, |&y| y < x), v.partition_point(|&y| y < x));
        }

        /// Whatever the order of the questions, the finger's answers are
        /// the plain search's.
        #[test]
        fn spans_as_the_plain_search(
            mut starts in proptest::collection::vec(0usize..200, 0..60),
            asks in proptest::collection::vec((0usize..210, 0usize..30), 1..30),
        ) {
            starts.sort_unstable();
            let all: Vec<Mention> = starts.iter().map(|&s| Mention::test_place(s, s + 3)).collect();
            let spans = MentionSpans::new(&all);
            for (start, len) in asks {
                let end = start + len;
                let a = all.partition_point(|m| m.start < start);
                let b = all.partition_point(|m| m.start < end).max(a);
                let got = spans.span(start, end);
                proptest::prop_assert_eq!(got.len(), b - a);
                proptest::prop_assert!(got.iter().zip(&all[a..b]).all(|(x, y)| std::ptr::eq(x, y)));
            }
        }
    }
}
