//! Place names that the context shows are something else: a month after
//! "in" ("in March"), a club ("Manchester United", "Newcastle United").

use crate::mention::{Label, Mention};

const MONTHS_AND_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words after a city that make the name a club.
const CLUB_WORDS: &[&str] = &[
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
];

/// Removes PLACE mentions that are not places here.
pub fn drop_non_places(text: &str, mentions: &mut Vec<Mention>) {
    let persons: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| m.label == Label::Person)
        .map(|m| (m.start, m.end))
        .collect();
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
        let surface = text[m.start..m.end].to_lowercase();
        if MONTHS_AND_DAYS.contains(&surface.as_str()) {
            return false;
        }
        let next = text[m.end..].trim_start_matches(' ');
        let next_word: &str = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        !(text[m.end..].starts_with(' ') && CLUB_WORDS.contains(&next_word))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mention::Source;

    fn place(s: usize, e: usize) -> Mention {
        Mention {
            start: s,
            end: e,
            label: Label::Place,
            canonical: String::new(),
            country: None,
            source: Source::Gazetteer,
            entry: None,
            date: None,
        }
    }

    #[test]
    fn clubs_and_months_are_not_places() {
        let text = "Manchester United beat Leeds in March in Leeds.";
        let mut m = vec![place(0, 10), place(23, 28), place(32, 37), place(41, 46)];
        drop_non_places(text, &mut m);
        let kept: Vec<&str> = m.iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(kept, vec!["Leeds", "Leeds"]);
    }
}
