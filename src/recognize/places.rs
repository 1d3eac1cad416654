//! Place names that the context shows are something else: a month after
//! "in" ("in March"), a club ("Manchester United", "Newcastle United").

use super::names::MONTHS_AND_DAYS;
use crate::mention::{Label, Mention};

/// Abbreviated month and weekday names ("Nov 12" in a dateline).
const ABBREVIATED_MONTHS_AND_DAYS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun",
];

/// Words after a city that make the name something else: a club ("Newcastle
/// United"), a state ("New York State"), a bay ("Guantanamo Bay").
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
    "Forest",
    "AC",
    "State",
    "Bay",
];

/// Words next to a city that show it names a sports club.
const CLUB_NEXT: &[&str] = &[
    "manager",
    "coach",
    "boss",
    "chairman",
    "side",
    "fans",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "captain",
    "winger",
    "forward",
    "supporters",
    "squad",
    "v",
    "vs",
];
const CLUB_BEFORE: &[&str] = &[
    "AC",
    "Real",
    "Bayern",
    "Maccabi",
    "Inter",
    "Sporting",
    "Olympique",
    "Atletico",
    "v",
    "vs",
    "beat",
    "against",
    "joined",
];

/// Words that make an article a sports report.
const SPORT_WORDS: &[&str] = &[
    "goal",
    "goals",
    "match",
    "league",
    "cup",
    "striker",
    "midfielder",
    "coach",
    "season",
    "championship",
    "scored",
    "defeat",
    "squad",
    "tournament",
    "premiership",
    "penalty",
    "semi-final",
    "quarter-final",
    "football",
    "rugby",
    "cricket",
    "tennis",
    "stadium",
    "referee",
];

/// Courtesy words: "Mr Houston" is a person.
const COURTESY: &[&str] = &[
    "Mr", "Ms", "Mrs", "Dr", "Miss", "Sir", "Mr.", "Ms.", "Mrs.", "Dr.",
];

fn word_before(text: &str, i: usize) -> &str {
    text[..i]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
}

fn word_after(text: &str, i: usize) -> &str {
    text[i..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .next()
        .unwrap_or("")
}

/// True when at least three different sport words occur in the text. One
/// pass over the words: this runs on every document.
fn is_sport_report(text: &str) -> bool {
    let mut seen = 0u32;
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        // Every sport word is 3 to 13 bytes long; skip the rest cheaply.
        if word.len() < 3 || word.len() > 13 {
            continue;
        }
        if let Some(i) = SPORT_WORDS
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
        {
            seen |= 1 << i;
            if seen.count_ones() >= 3 {
                return true;
            }
        }
    }
    false
}

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
        if MONTHS_AND_DAYS.contains(&surface.as_str())
            || ABBREVIATED_MONTHS_AND_DAYS.contains(&surface.as_str())
        {
            return false;
        }
        let next_word = word_after(text, m.end);
        if text[m.end..].starts_with(' ') && CLUB_WORDS.contains(&next_word) {
            return false;
        }
        !COURTESY.contains(&word_before(text, m.start))
    });
    // In a sports report, a city that is not "in", "at" or "near" somewhere
    // is a club ("giving Newcastle the lead"); elsewhere, a city with club
    // words next to it is a club wherever the article names it so.
    let sport = is_sport_report(text);
    let clubs: std::collections::HashSet<String> = mentions
        .iter()
        .filter(|m| m.label == Label::Place)
        .filter(|m| {
            CLUB_NEXT.contains(&word_after(text, m.end).to_lowercase().as_str())
                || CLUB_BEFORE.contains(&word_before(text, m.start))
        })
        .map(|m| m.canonical.clone())
        .collect();
    mentions.retain(|m| {
        if m.label != Label::Place {
            return true;
        }
        let located = matches!(
            word_before(text, m.start).to_lowercase().as_str(),
            "in" | "at" | "near" | "outside"
        );
        located || !(sport || clubs.contains(&m.canonical))
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

    fn kept(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let mut m: Vec<Mention> = spans.iter().map(|&(s, e)| place(s, e)).collect();
        drop_non_places(text, &mut m);
        m.iter().map(|m| text[m.start..m.end].to_string()).collect()
    }

    #[test]
    fn sport_report_needs_three_different_words() {
        // The length window and the bit set in `is_sport_report` rely on this.
        assert!(SPORT_WORDS.len() <= 32);
        assert!(SPORT_WORDS.iter().all(|w| (3..=13).contains(&w.len())));
        assert!(is_sport_report(
            "The striker scored; the Quarter-Final match."
        ));
        assert!(!is_sport_report("goal goal goal, match match."));
    }

    #[test]
    fn clubs_and_months_are_not_places() {
        // "Manchester United" is a club, "March" a month, and the Leeds that
        // United beat is a club too; the Leeds they played in is a place.
        let text = "Manchester United beat Leeds in March in Leeds.";
        assert_eq!(
            kept(text, &[(0, 10), (23, 28), (32, 37), (41, 46)]),
            vec!["Leeds"]
        );
    }

    #[test]
    fn sports_reports_and_courtesy_titles() {
        let text = "The striker scored a late goal to give Newcastle the lead in the league match in Newcastle.";
        let a = text.find("Newcastle").unwrap();
        let b = text.rfind("Newcastle").unwrap();
        assert_eq!(kept(text, &[(a, a + 9), (b, b + 9)]), vec!["Newcastle"]);
        let text = "Mr Houston said the talks in Houston went well.";
        assert_eq!(kept(text, &[(3, 10), (29, 36)]), vec!["Houston"]);
        let text = "Ministers met in Bishkek and later flew to Osh.";
        assert_eq!(kept(text, &[(17, 24), (43, 46)]), vec!["Bishkek", "Osh"]);
    }
}
