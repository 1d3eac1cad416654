//! The gazetteer automaton: every canonical name and alias in one trie
//! (longest match, ASCII case-insensitive, anchored at word starts), and the
//! per-alias case rules checked on each match.
//!
//! Matching is only ever anchored (at a word start), so the automaton is a
//! plain trie: the longest pattern that starts at a position is found by
//! walking the trie from the root, which is what an anchored leftmost-longest
//! Aho-Corasick search computes too. A trie needs no failure transitions,
//! which were most of the Aho-Corasick build time (about 0.35 s of a 0.5 s
//! start-up with the world gazetteers), and its search loop is shorter.

use std::collections::HashMap;

use super::Entry;
use crate::error::Error;
use crate::mention::Label;
use crate::text::{boundary_after, is_all_caps};

/// How the case of a surface form must agree with the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// Only as written (acronyms: "SCO" but not "sco").
    Exact,
    /// As written or in capitals ("Dushanbe", "DUSHANBE"), not "dushanbe".
    Cap,
    /// ASCII case ignored (sector words, triggers, titles).
    Fold,
}

/// One candidate reading of a surface form.
#[derive(Clone, Debug)]
struct Candidate {
    entry: u32,
    surface: Box<str>,
    case: CaseRule,
}

/// A match of the automaton that passed the boundary and case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GazMatch {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
}

/// The compiled automaton and, per pattern, its candidate entries in order
/// of preference.
pub struct Matcher {
    trie: Trie,
    candidates: Vec<Vec<Candidate>>,
    patterns: usize,
}

/// No pattern ends at this node.
const NO_PATTERN: u32 = u32::MAX;
/// No transition on this byte.
const NO_NODE: u32 = u32::MAX;

/// A trie over ASCII-lower-cased patterns, stored flat: node `n` has the
/// sorted edges `edge_bytes/edge_targets[first[n]..first[n + 1]]`. The root's
/// edges are also kept as a 256-entry table, since every word start looks
/// it up and most words leave the trie after one or two bytes.
struct Trie {
    root: Box<[u32; 256]>,
    /// Per node, the index of its first edge; one extra entry at the end.
    first: Vec<u32>,
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
    /// Per node, the pattern that ends there, or `NO_PATTERN`.
    pattern: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `keys` (already lower-cased; pattern id = index).
    /// Keys are inserted in sorted order, so every new node extends the
    /// previous key's path and each node's children arrive in byte order:
    /// the flat edge lists come out sorted with no per-node allocation.
    fn build(keys: &[String]) -> Trie {
        let mut order: Vec<u32> = (0..keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            keys[a as usize].as_bytes().cmp(keys[b as usize].as_bytes())
        });
        // Node 0 is the root; per node its parent and the byte leading to it.
        let mut parent: Vec<u32> = vec![NO_NODE];
        let mut byte: Vec<u8> = vec![0];
        let mut pattern: Vec<u32> = vec![NO_PATTERN];
        // path[d] is the node reached by the first d bytes of the previous key.
        let mut path: Vec<u32> = vec![0];
        let mut prev: &[u8] = &[];
        for &id in &order {
            let key = keys[id as usize].as_bytes();
            let common = key.iter().zip(prev).take_while(|(a, b)| a == b).count();
            path.truncate(common + 1);
            for &b in &key[common..] {
                let node = parent.len() as u32;
                parent.push(*path.last().expect("root is on the path"));
                byte.push(b);
                pattern.push(NO_PATTERN);
                path.push(node);
            }
            pattern[*path.last().expect("root is on the path") as usize] = id;
            prev = key;
        }
        let n = parent.len();
        // Count children, then place them: node ids grow along each path and
        // siblings are created in byte order, so a pass in id order fills
        // every node's edge list sorted.
        let mut first = vec![0u32; n + 1];
        for &p in &parent[1..] {
            first[p as usize + 1] += 1;
        }
        for i in 0..n {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut edge_bytes = vec![0u8; n - 1];
        let mut edge_targets = vec![0u32; n - 1];
        for child in 1..n {
            let p = parent[child] as usize;
            let slot = fill[p] as usize;
            edge_bytes[slot] = byte[child];
            edge_targets[slot] = child as u32;
            fill[p] += 1;
        }
        let mut root = Box::new([NO_NODE; 256]);
        for e in first[0] as usize..first[1] as usize {
            root[edge_bytes[e] as usize] = edge_targets[e];
        }
        Trie {
            root,
            first,
            edge_bytes,
            edge_targets,
            pattern,
        }
    }

    /// The node reached from `node` on byte `b`.
    #[inline]
    fn step(&self, node: u32, b: u8) -> u32 {
        let (lo, hi) = (
            self.first[node as usize] as usize,
            self.first[node as usize + 1] as usize,
        );
        let bytes = &self.edge_bytes[lo..hi];
        // Most nodes past the first bytes have one child or a few.
        if bytes.len() <= 8 {
            match bytes.iter().position(|&x| x == b) {
                Some(i) => self.edge_targets[lo + i],
                None => NO_NODE,
            }
        } else {
            match bytes.binary_search(&b) {
                Ok(i) => self.edge_targets[lo + i],
                Err(_) => NO_NODE,
            }
        }
    }

    /// The longest pattern that is a prefix of `hay` (ASCII case ignored):
    /// (pattern id, length).
    #[inline]
    fn longest_prefix(&self, hay: &[u8]) -> Option<(u32, usize)> {
        let mut best = None;
        let Some((&b0, rest)) = hay.split_first() else {
            return None;
        };
        let mut node = self.root[b0.to_ascii_lowercase() as usize];
        if node == NO_NODE {
            return None;
        }
        let mut len = 1;
        loop {
            let p = self.pattern[node as usize];
            if p != NO_PATTERN {
                best = Some((p, len));
            }
            let Some(&b) = rest.get(len - 1) else {
                break;
            };
            node = self.step(node, b.to_ascii_lowercase());
            if node == NO_NODE {
                break;
            }
            len += 1;
        }
        best
    }

    fn memory_usage(&self) -> usize {
        std::mem::size_of::<[u32; 256]>()
            + self.first.capacity() * 4
            + self.edge_bytes.capacity()
            + self.edge_targets.capacity() * 4
            + self.pattern.capacity() * 4
    }
}

fn label_rank(l: Label) -> u8 {
    match l {
        Label::Person => 0,
        Label::Org => 1,
        Label::Country => 2,
        Label::Place => 3,
        Label::Title => 4,
        Label::Sector => 5,
        Label::Trigger => 6,
        Label::Stop => 7,
        _ => 8,
    }
}

fn default_case(label: Label, surface: &str) -> CaseRule {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if is_all_caps(surface) && letters <= 6 && !surface.contains(' ') {
        return CaseRule::Exact;
    }
    match label {
        Label::Title | Label::Sector | Label::Trigger => CaseRule::Fold,
        _ => CaseRule::Cap,
    }
}

fn case_ok(rule: CaseRule, surface: &str, found: &str) -> bool {
    match rule {
        CaseRule::Fold => true,
        CaseRule::Exact => surface == found,
        CaseRule::Cap => {
            surface == found || (is_all_caps(found) && found.eq_ignore_ascii_case(surface))
        }
    }
}

impl Matcher {
    /// Compiles the automaton. FIRSTNAME entries are word lists, not patterns.
    pub fn build(entries: &[Entry]) -> Result<Matcher, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut candidates: Vec<Vec<Candidate>> = Vec::new();
        for (id, e) in entries.iter().enumerate() {
            let label = e.label();
            if label == Label::FirstName {
                continue;
            }
            for surface in std::iter::once(&e.canonical).chain(&e.aliases) {
                if surface.chars().count() < 2 {
                    continue;
                }
                let key = surface.to_ascii_lowercase();
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    candidates.push(Vec::new());
                    candidates.len() - 1
                });
                let list = &mut candidates[slot];
                if list
                    .iter()
                    .any(|c| c.entry == id as u32 && &*c.surface == surface.as_str())
                {
                    continue;
                }
                list.push(Candidate {
                    entry: id as u32,
                    surface: surface.as_str().into(),
                    case: e.case.unwrap_or_else(|| default_case(label, surface)),
                });
            }
        }
        for list in &mut candidates {
            // Stable: file order decides within a label.
            list.sort_by_key(|c| label_rank(entries[c.entry as usize].label()));
        }
        let patterns = keys.len();
        if patterns >= NO_PATTERN as usize {
            return Err(Error::Automaton(format!(
                "{patterns} surface forms are too many"
            )));
        }
        let trie = Trie::build(&keys);
        Ok(Matcher {
            trie,
            candidates,
            patterns,
        })
    }

    /// Number of distinct surface forms compiled.
    pub fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// Heap bytes used by the automaton.
    pub fn memory_usage(&self) -> usize {
        self.trie.memory_usage()
    }

    /// The longest surface form that starts exactly at `start` and ends on a
    /// word boundary, with the first candidate entry that accepts it.
    /// `accept` lets the caller veto a candidate (ambiguous names out of a
    /// place context); vetoed candidates give way to the next one.
    pub fn match_at(
        &self,
        text: &str,
        start: usize,
        entries: &[Entry],
        accept: impl Fn(&Entry, usize, usize) -> bool,
    ) -> Option<GazMatch> {
        let (pattern, len) = self.trie.longest_prefix(&text.as_bytes()[start..])?;
        let end = start + len;
        if !text.is_char_boundary(end) || !boundary_after(text, end) {
            return None;
        }
        let found = &text[start..end];
        for c in &self.candidates[pattern as usize] {
            if !case_ok(c.case, &c.surface, found) {
                continue;
            }
            let e = &entries[c.entry as usize];
            if e.label() == Label::Stop {
                return None;
            }
            if accept(e, start, end) {
                return Some(GazMatch {
                    start,
                    end,
                    entry: c.entry,
                });
            }
        }
        None
    }

    /// The entry whose surface form is exactly `name`.
    pub fn lookup(&self, name: &str, entries: &[Entry]) -> Option<u32> {
        self.match_at(name, 0, entries, |_, _, _| true)
            .filter(|m| m.end == name.len())
            .map(|m| m.entry)
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::Gazetteer;

    fn g() -> Gazetteer {
        Gazetteer::from_sources(&[(
            "t.tsv",
            "Shanghai Cooperation Organization\tORG\tSCO\t\t\n\
             Dushanbe\tPLACE\tDuschanbe\tTajikistan\t\n\
             Georgia\tCOUNTRY\t\t\t\n\
             Georgia\tPLACE\t\tUnited States\t\n\
             green energy\tSECTOR\tclean energy\t\t\n\
             energy\tSECTOR\t\t\t\n",
        )])
        .unwrap()
    }

    fn find(g: &Gazetteer, text: &str, at: usize) -> Option<String> {
        g.matcher()
            .match_at(text, at, g.entries(), |_, _, _| true)
            .map(|m| format!("{}={}", &text[m.start..m.end], g.entry(m.entry).canonical))
    }

    #[test]
    fn case_rules() {
        let g = g();
        assert_eq!(
            find(&g, "the SCO summit", 4).as_deref(),
            Some("SCO=Shanghai Cooperation Organization")
        );
        assert_eq!(find(&g, "the sco summit", 4), None);
        assert_eq!(
            find(&g, "DUSHANBE, 19", 0).as_deref(),
            Some("DUSHANBE=Dushanbe")
        );
        assert_eq!(find(&g, "dushanbe", 0), None);
        assert_eq!(
            find(&g, "Green Energy", 0).as_deref(),
            Some("Green Energy=green energy")
        );
    }

    #[test]
    fn boundaries_and_longest() {
        let g = g();
        assert_eq!(find(&g, "Dushanbeh", 0), None);
        assert_eq!(
            find(&g, "clean energy sector", 0).as_deref(),
            Some("clean energy=green energy")
        );
        assert_eq!(
            find(&g, "Dushanbe's", 0).as_deref(),
            Some("Dushanbe=Dushanbe")
        );
        let georgia = g.lookup("Georgia").unwrap();
        assert_eq!(g.entry(georgia).label(), crate::mention::Label::Country);
    }
}
