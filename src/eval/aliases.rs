//! Names that the gazetteers give as one: "OSCE" and "Organization for
//! Security and Co-operation in Europe", "Hà Nội" and "Hanoi". Gold written
//! with one form accepts a prediction of any other of the same entry, for
//! the slots that name countries, organizations and places (parties, place,
//! place_country) and for PLACE mentions.

use std::collections::HashMap;

use crate::gazetteer::Gazetteer;
use crate::mention::Label;

use super::normalize::{normalize, GoldValue};

/// Normalized name → the normalized names of every entry it is a name of.
#[derive(Debug, Default)]
pub struct Aliases {
    same: HashMap<String, Vec<String>>,
}

impl Aliases {
    /// No aliases: values compare as written (normalized).
    pub fn none() -> Aliases {
        Aliases::default()
    }

    /// The country, organization and place entries of `gaz`.
    pub fn from_gazetteer(gaz: &Gazetteer) -> Aliases {
        let mut same: HashMap<String, Vec<String>> = HashMap::new();
        for e in gaz.entries() {
            if !matches!(e.label(), Label::Country | Label::Org | Label::Place) {
                continue;
            }
            let mut names: Vec<String> = std::iter::once(&e.canonical)
                .chain(&e.aliases)
                .map(|n| normalize(n))
                .filter(|n| !n.is_empty())
                .collect();
            names.sort();
            names.dedup();
            for n in &names {
                let group = same.entry(n.clone()).or_default();
                for m in &names {
                    if !group.contains(m) {
                        group.push(m.clone());
                    }
                }
            }
        }
        Aliases { same }
    }

    /// Adds to `v`'s alternatives every name of the entries they name.
    pub fn widen(&self, v: &mut GoldValue) {
        if self.same.is_empty() {
            return;
        }
        let mut extra: Vec<String> = Vec::new();
        for a in &v.alternatives {
            if let Some(group) = self.same.get(a) {
                extra.extend(group.iter().cloned());
            }
        }
        for x in extra {
            if !v.alternatives.contains(&x) {
                v.alternatives.push(x);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_accepts_the_full_name() {
        let gaz = Gazetteer::from_sources(&[(
            "orgs.tsv",
            "Organization for Security and Co-operation in Europe\tORG\tOSCE\t\tkind=igo\n",
        )])
        .expect("gazetteer");
        let aliases = Aliases::from_gazetteer(&gaz);
        let mut v = GoldValue::parse("OSCE").expect("value");
        assert!(!v.accepts(&normalize(
            "Organization for Security and Co-operation in Europe"
        )));
        aliases.widen(&mut v);
        assert!(v.accepts(&normalize(
            "Organization for Security and Co-operation in Europe"
        )));
        assert!(!v.accepts(&normalize("OECD")));
        assert_eq!(v.first(), "OSCE", "the value is shown as written");
    }
}
