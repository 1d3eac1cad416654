//! Gazetteers: typed entries with aliases, loaded from TSV files (format in
//! `gazetteers/README.md`) and compiled once into one Aho-Corasick automaton.
//!
//! ```
//! use khabar::gazetteer::Gazetteer;
//! let g = Gazetteer::from_sources(&[("t.tsv", "Dushanbe\tPLACE\tDuschanbe\tTajikistan\tkind=capital\n")]).unwrap();
//! let m = g.lookup("Duschanbe").unwrap();
//! assert_eq!(g.entry(m).canonical, "Dushanbe");
//! ```

mod load;
mod matcher;

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::mention::{EventType, Label};
use crate::recognize::names::{FastMap, FastSet};

pub use load::{check_sources, parse_source, Problem};
pub use matcher::{CaseRule, GazMatch, Matcher};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));
}

/// The gazetteer files built into the binary: (file name, contents).
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    builtin::BUILTIN
}

/// One gazetteer entry: a canonical name, its type and attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entry {
    pub canonical: String,
    pub label: Option<Label>,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub kind: Option<String>,
    pub population: u64,
    pub region: Option<String>,
    /// A name that is also a common word: counts only in a place context.
    pub ambiguous: bool,
    /// A PLACE named like a common first name ("Norman"): before a
    /// capitalised word it is a person's name ("Norman Baker").
    pub forename: bool,
    pub role: Option<String>,
    pub event: Option<EventType>,
    pub case: Option<CaseRule>,
    /// A TRIGGER that only adds a mention to an event found otherwise
    /// ("discussed"), never starts one.
    pub weak: bool,
    /// Where the entry was read from, for messages.
    pub file: String,
    pub line: usize,
}

impl Entry {
    pub fn label(&self) -> Label {
        self.label.unwrap_or(Label::Stop)
    }
}

/// All entries, compiled. Built once, shared by reference across threads.
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: Matcher,
    // These three are looked up for many words of every document, never
    // iterated: a fast hasher, as std's SipHash costs more than the probe.
    first_names: FastSet<String>,
    /// Lower-cased surname → PERSON entries with that surname, for "President Rahmon".
    surnames: FastMap<String, Vec<u32>>,
    /// Spelling-independent key of every PERSON name and alias → entry.
    person_keys: FastMap<String, u32>,
    /// Country → its capital's PLACE entry ("the Qatari capital").
    capitals: FastMap<String, u32>,
}

impl Gazetteer {
    /// Loads the built-in gazetteers, or those of `replace`, plus `extra`.
    pub fn load(replace: Option<&Path>, extra: &[PathBuf]) -> Result<Gazetteer, Error> {
        let mut owned: Vec<(String, String)> = Vec::new();
        match replace {
            Some(dir) => owned.extend(read_dir_sources(dir)?),
            None => owned.extend(
                builtin_files()
                    .iter()
                    .map(|(n, c)| (n.to_string(), c.to_string())),
            ),
        }
        for dir in extra {
            owned.extend(read_dir_sources(dir)?);
        }
        let refs: Vec<(&str, &str)> = owned
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_str()))
            .collect();
        Gazetteer::from_sources(&refs)
    }

    /// Compiles entries parsed from `(file name, contents)` pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Gazetteer, Error> {
        let mut entries = Vec::new();
        for (name, content) in sources {
            entries.extend(parse_source(name, content)?);
        }
        Gazetteer::from_entries(entries)
    }

    pub fn from_entries(entries: Vec<Entry>) -> Result<Gazetteer, Error> {
        let mut first_names = FastSet::default();
        let mut surnames: FastMap<String, Vec<u32>> = FastMap::default();
        let mut person_keys: FastMap<String, u32> = FastMap::default();
        let mut capitals: FastMap<String, u32> = FastMap::default();
        for (i, e) in entries.iter().enumerate() {
            match e.label() {
                Label::Place if e.kind.as_deref() == Some("capital") => {
                    if let Some(c) = &e.country {
                        capitals.entry(c.clone()).or_insert(i as u32);
                    }
                }
                Label::FirstName => {
                    first_names.insert(e.canonical.to_lowercase());
                    for a in &e.aliases {
                        first_names.insert(a.to_lowercase());
                    }
                }
                Label::Person => {
                    for name in std::iter::once(&e.canonical).chain(&e.aliases) {
                        person_keys
                            .entry(crate::recognize::names::translit_key(name))
                            .or_insert(i as u32);
                        if let Some(last) = name.split_whitespace().last() {
                            let ids = surnames.entry(last.to_lowercase()).or_default();
                            if !ids.contains(&(i as u32)) {
                                ids.push(i as u32);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let matcher = Matcher::build(&entries)?;
        Ok(Gazetteer {
            entries,
            matcher,
            first_names,
            surnames,
            person_keys,
            capitals,
        })
    }

    /// The capital of `country` (its canonical name), if the places list it.
    pub fn capital(&self, country: &str) -> Option<u32> {
        self.capitals.get(country).copied()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// True when `word` is a known first name (any case).
    pub fn is_first_name(&self, word: &str) -> bool {
        crate::recognize::names::with_lowercase(word, |w| self.first_names.contains(w))
    }

    /// The one PERSON entry whose surname is `surname`, if exactly one.
    pub fn person_by_surname(&self, surname: &str) -> Option<u32> {
        match self.surnames.get(&surname.to_lowercase()) {
            Some(ids) if ids.len() == 1 => Some(ids[0]),
            _ => None,
        }
    }

    /// The PERSON entry whose name, or a spelling variant of it, has this
    /// key (see `recognize::names::translit_key`).
    pub fn person_by_key(&self, key: &str) -> Option<u32> {
        self.person_keys.get(key).copied()
    }

    /// The entry whose name or alias is exactly `name` (case rules apply;
    /// ambiguity is not checked: the caller knows the context).
    pub fn lookup(&self, name: &str) -> Option<u32> {
        self.matcher.lookup(name, &self.entries)
    }
}

/// Reads every `*.tsv` file of `dir`, in name order.
fn read_dir_sources(dir: &Path) -> Result<Vec<(String, String)>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::Gazetteer {
            path: dir.display().to_string(),
            line: 0,
            message: "no .tsv gazetteer files in this folder".into(),
        });
    }
    paths
        .into_iter()
        .map(|p| {
            let content = std::fs::read_to_string(&p).map_err(|source| Error::Io {
                path: p.clone(),
                source,
            })?;
            Ok((p.display().to_string(), content))
        })
        .collect()
}
