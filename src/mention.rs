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
