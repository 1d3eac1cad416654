//! Value comparison. Gold is typed by hand and predictions come from
//! gazetteers, so spelling variants that carry no meaning ("Kŭlob" /
//! "Kulob", "Xi'an" / "Xian", "Nur-Sultan" / "Nur Sultan") must not count as
//! errors; genuinely different names must.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// The comparison key of a value: NFKD, lower case, without combining marks
/// (diacritics), apostrophes removed, other punctuation and symbols turned
/// into spaces, whitespace collapsed and trimmed.
pub fn normalize(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) || is_apostrophe(c) {
            // Apostrophes vanish rather than split: "Xi'an" is "Xian", and
            // transliterations differ in whether they write them at all.
            continue;
        }
        for lc in c.to_lowercase() {
            if lc.is_alphanumeric() {
                push_folded(&mut folded, lc);
            } else {
                folded.push(' ');
            }
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}'
    )
}

/// Letters that NFKD does not decompose into a base letter and a mark, but
/// that are written without the stroke or ligature in plain English text.
fn push_folded(out: &mut String, c: char) {
    match c {
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        'ø' => out.push('o'),
        'ł' => out.push('l'),
        'đ' | 'ð' => out.push('d'),
        'ı' => out.push('i'),
        'ħ' => out.push('h'),
        _ => out.push(c),
    }
}

/// One gold value: the text as annotated (for messages) and the
/// normalized forms of its `|`-separated alternatives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldValue {
    pub raw: String,
    pub alternatives: Vec<String>,
}

impl GoldValue {
    /// `None` when no alternative has any content left after normalization:
    /// such a value is "unknown" and is not scored.
    pub fn parse(raw: &str) -> Option<GoldValue> {
        let alternatives: Vec<String> = raw
            .split('|')
            .map(normalize)
            .filter(|a| !a.is_empty())
            .collect();
        if alternatives.is_empty() {
            return None;
        }
        Some(GoldValue {
            raw: raw.trim().to_string(),
            alternatives,
        })
    }

    /// Whether a predicted value (already normalized) is one of the
    /// accepted alternatives.
    pub fn accepts(&self, normalized: &str) -> bool {
        self.alternatives.iter().any(|a| a == normalized)
    }

    /// The first alternative as written, for labels.
    pub fn first(&self) -> &str {
        self.raw.split('|').next().unwrap_or("").trim()
    }
}

/// One predicted value: as written and normalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PredValue {
    pub raw: String,
    pub normalized: String,
}

impl PredValue {
    /// `None` for a value with nothing left after normalization (an empty
    /// cell, or a stray dash): it is no value at all.
    pub fn parse(raw: &str) -> Option<PredValue> {
        let normalized = normalize(raw);
        if normalized.is_empty() {
            return None;
        }
        Some(PredValue {
            raw: raw.trim().to_string(),
            normalized,
        })
    }
}

/// One-to-one matching of predicted to gold values that matches as many as
/// possible (augmenting paths, Kuhn's algorithm). A greedy pass could fall
/// short when alternatives overlap: gold `A|B`, `A` against predicted `A`,
/// `B` must match both. Returns, for each gold value, the index of its
/// predicted partner.
pub fn match_values(gold: &[GoldValue], pred: &[PredValue]) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; pred.len()];
    for g in 0..gold.len() {
        let mut seen = vec![false; pred.len()];
        augment(g, gold, pred, &mut owner, &mut seen);
    }
    let mut partner = vec![None; gold.len()];
    for (p, g) in owner.iter().enumerate() {
        if let Some(g) = g {
            partner[*g] = Some(p);
        }
    }
    partner
}

fn augment(
    g: usize,
    gold: &[GoldValue],
    pred: &[PredValue],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for p in 0..pred.len() {
        if seen[p] || !gold[g].accepts(&pred[p].normalized) {
            continue;
        }
        seen[p] = true;
        let free = match owner[p] {
            None => true,
            Some(other) => augment(other, gold, pred, owner, seen),
        };
        if free {
            owner[p] = Some(g);
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_case_and_punctuation() {
        assert_eq!(normalize("Kŭlob"), "kulob");
        assert_eq!(normalize("Kŭlob"), normalize("kulob"));
        assert_eq!(normalize("  Xi'an "), "xian");
        assert_eq!(normalize("Nur-Sultan"), normalize("nur sultan"));
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Oʻzbekiston"), "ozbekiston");
        assert_eq!(normalize("İzmir"), "izmir");
        assert_ne!(normalize("Kulob"), normalize("Kabul"));
    }

    #[test]
    fn empty_values_are_unknown() {
        assert!(GoldValue::parse("").is_none());
        assert!(GoldValue::parse(" | ").is_none());
        assert!(PredValue::parse("—").is_none());
    }

    #[test]
    fn alternatives() {
        let g = GoldValue::parse("Mukhtar Babayev|Mukhtor Boboyev").expect("value");
        assert!(g.accepts(&normalize("Mukhtor Boboyev")));
        assert!(g.accepts(&normalize("mukhtar babayev")));
        assert!(!g.accepts(&normalize("Mukhtar")));
        assert_eq!(g.first(), "Mukhtar Babayev");
    }

    #[test]
    fn matching_is_maximal_with_overlapping_alternatives() {
        let gold: Vec<GoldValue> = ["A|B", "A"]
            .iter()
            .filter_map(|s| GoldValue::parse(s))
            .collect();
        let pred: Vec<PredValue> = ["A", "B"]
            .iter()
            .filter_map(|s| PredValue::parse(s))
            .collect();
        assert_eq!(match_values(&gold, &pred), vec![Some(1), Some(0)]);
    }

    #[test]
    fn duplicates_match_once() {
        let gold: Vec<GoldValue> = ["A"].iter().filter_map(|s| GoldValue::parse(s)).collect();
        let pred: Vec<PredValue> = ["a", "A"]
            .iter()
            .filter_map(|s| PredValue::parse(s))
            .collect();
        assert_eq!(match_values(&gold, &pred), vec![Some(0)]);
    }
}
