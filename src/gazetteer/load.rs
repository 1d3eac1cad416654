//! Parsing and checking gazetteer files, with file and line in every message.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{CaseRule, Entry};
use crate::error::Error;
use crate::mention::{EventType, Label};

/// The contract's sector labels; a SECTOR entry's canonical must be one.
pub const SECTOR_LABELS: &[&str] = &[
    "agriculture",
    "aluminum",
    "aviation",
    "banking",
    "chemicals",
    "construction",
    "construction materials",
    "culture",
    "customs",
    "cybersecurity",
    "defense",
    "digital technology",
    "education",
    "energy",
    "environment",
    "finance",
    "food security",
    "green energy",
    "health",
    "humanitarian",
    "hydropower",
    "industry",
    "investment",
    "logistics",
    "migration",
    "mining",
    "oil and gas",
    "oil refining",
    "science",
    "security",
    "sport",
    "telecommunications",
    "textiles",
    "tourism",
    "trade",
    "transport",
    "water resources",
    "youth",
];

/// A problem found in a gazetteer file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Parses one file; fails on the first malformed line. Lines are parsed in
/// parallel (in the caller's rayon pool): the place list alone has tens of
/// thousands, and start-up time is a feature.
pub fn parse_source(file: &str, content: &str) -> Result<Vec<Entry>, Error> {
    let lines: Vec<(usize, &str)> = content.lines().enumerate().collect();
    let parsed: Vec<Result<Option<Entry>, Problem>> = lines
        .par_iter()
        .with_min_len(512)
        .map(|&(i, line)| parse_line(file, i + 1, line))
        .collect();
    let mut entries = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(Some(e)) => entries.push(e),
            Ok(None) => {}
            Err(p) => {
                return Err(Error::Gazetteer {
                    path: p.file,
                    line: p.line,
                    message: p.message,
                })
            }
        }
    }
    Ok(entries)
}

fn parse_line(file: &str, line_no: usize, line: &str) -> Result<Option<Entry>, Problem> {
    let problem = |message: String| Problem {
        file: file.to_string(),
        line: line_no,
        message,
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let cols: Vec<&str> = line.split('\t').collect();
    if !(4..=5).contains(&cols.len()) {
        return Err(problem(format!(
            "expected 5 tab-separated columns (canonical, label, aliases, country, attrs), found {}",
            cols.len()
        )));
    }
    let canonical = cols[0].trim();
    if canonical.is_empty() {
        return Err(problem("empty canonical name".into()));
    }
    let label = Label::parse(cols[1].trim()).ok_or_else(|| {
        problem(format!(
            "unknown label {:?} (expected COUNTRY, PLACE, PERSON, ORG, TITLE, SECTOR, TRIGGER, FIRSTNAME or STOP)",
            cols[1]
        ))
    })?;
    let mut e = Entry {
        canonical: canonical.to_string(),
        label: Some(label),
        aliases: cols[2]
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
        country: Some(cols[3].trim())
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        file: file.to_string(),
        line: line_no,
        ..Entry::default()
    };
    for kv in cols
        .get(4)
        .copied()
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| problem(format!("attribute {kv:?} is not key=value")))?;
        let (k, v) = (k.trim(), v.trim());
        match k {
            "kind" => e.kind = Some(v.to_string()),
            "pop" => {
                e.population = v.parse().map_err(|_| problem(format!("pop={v:?} is not a number")))?
            }
            "region" => e.region = Some(v.to_string()),
            "ambiguous" => e.ambiguous = matches!(v, "1" | "true" | "yes"),
            "forename" => e.forename = matches!(v, "1" | "true" | "yes"),
            "weak" => e.weak = matches!(v, "1" | "true" | "yes"),
            "role" => e.role = Some(v.to_string()),
            "event" => {
                e.event = Some(EventType::parse(v).ok_or_else(|| {
                    problem(format!(
                        "event={v:?} is not an event type (meeting, phone_call, visit, signing, agreement)"
                    ))
                })?)
            }
            "case" => {
                e.case = Some(match v {
                    "exact" => CaseRule::Exact,
                    "cap" => CaseRule::Cap,
                    "fold" => CaseRule::Fold,
                    _ => return Err(problem(format!("case={v:?} must be exact, cap or fold"))),
                })
            }
            // Kept for readers of the file; khabar does not use them.
            _ => {}
        }
    }
    if label == Label::Trigger && e.event.is_none() {
        return Err(problem("a TRIGGER needs event=<type>".into()));
    }
    if label == Label::Sector && !SECTOR_LABELS.contains(&canonical) {
        return Err(problem(format!(
            "{canonical:?} is not a sector label of the output contract"
        )));
    }
    Ok(Some(e))
}

/// Checks files without stopping at the first problem: malformed lines,
/// duplicate canonical names, and countries that no COUNTRY entry names.
pub fn check_sources(sources: &[(&str, &str)]) -> (Vec<Entry>, Vec<Problem>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (file, content) in sources {
        for (i, line) in content.lines().enumerate() {
            match parse_line(file, i + 1, line) {
                Ok(Some(e)) => entries.push(e),
                Ok(None) => {}
                Err(p) => problems.push(p),
            }
        }
    }
    // (canonical, label, country, region) → where it was first seen.
    type Key = (String, Label, Option<String>, Option<String>);
    let mut seen: HashMap<Key, (String, usize)> = HashMap::new();
    for e in &entries {
        // Demonym lines repeat their country's canonical on purpose.
        if matches!(e.label(), Label::FirstName | Label::Stop)
            || e.kind.as_deref() == Some("adjective")
        {
            continue;
        }
        let key = (
            e.canonical.clone(),
            e.label(),
            e.country.clone(),
            e.region.clone(),
        );
        if let Some((f, l)) = seen.get(&key) {
            problems.push(Problem {
                file: e.file.clone(),
                line: e.line,
                message: format!(
                    "duplicate {} entry {:?} (first at {f}:{l})",
                    e.label().as_str(),
                    e.canonical
                ),
            });
        } else {
            seen.insert(key, (e.file.clone(), e.line));
        }
    }
    let countries: std::collections::HashSet<&str> = entries
        .iter()
        .filter(|e| e.label() == Label::Country)
        .map(|e| e.canonical.as_str())
        .collect();
    if !countries.is_empty() {
        for e in &entries {
            if let Some(c) = &e.country {
                if !countries.contains(c.as_str()) && e.label() != Label::FirstName {
                    problems.push(Problem {
                        file: e.file.clone(),
                        line: e.line,
                        message: format!(
                            "country {c:?} of {:?} is not the canonical name of any COUNTRY entry",
                            e.canonical
                        ),
                    });
                }
            }
        }
    }
    (entries, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_reports_line() {
        let ok = "# c\nSCO\tORG\tShanghai Cooperation Organization\t\tkind=igo\n";
        let e = parse_source("o.tsv", ok).unwrap();
        assert_eq!(e[0].canonical, "SCO");
        assert_eq!(e[0].line, 2);
        let bad = "x\tPLACE\t\t\n\ny\tNOPE\t\t\t\n";
        let err = parse_source("p.tsv", bad).unwrap_err().to_string();
        assert!(err.starts_with("p.tsv:3: unknown label"), "{err}");
        let err = parse_source("s.tsv", "foo\tSECTOR\t\t\t\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a sector label"), "{err}");
        let err = parse_source("t.tsv", "met\tTRIGGER\t\t\t\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("needs event"), "{err}");
    }

    #[test]
    fn check_finds_duplicates_and_unknown_countries() {
        let src = "Tajikistan\tCOUNTRY\t\t\t\nDushanbe\tPLACE\t\tTajikistan\t\nDushanbe\tPLACE\t\tTajikistan\t\nBaku\tPLACE\t\tAzerbaijan\t\n";
        let (_, problems) = check_sources(&[("a.tsv", src)]);
        let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("a.tsv:3: duplicate PLACE")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("a.tsv:4: country \"Azerbaijan\"")),
            "{msgs:?}"
        );
    }
}
