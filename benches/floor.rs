//! The stage floor of issue #5, measured here: what the naive building
//! blocks of extraction cost on their own, in Rust, on the same machine and
//! the same text as khabar's own benches, so that the end-to-end figure can
//! be quoted as a ratio to the floor instead of to figures taken on another
//! machine.
//!
//! Each block is the plain library call, with no khabar code in it:
//! - `words`: `unicode-segmentation` word indices;
//! - `sentences`: `unicode-segmentation` sentence bounds;
//! - `dates`: one date regex (day-month-year, month-day-year, numeric and
//!   ISO dates, weekdays) with `regex`, every match;
//! - `ac_nfa_2k`, `ac_dfa_2k`, `ac_nfa_world`: Aho-Corasick (leftmost-longest,
//!   ASCII case-insensitive) over 2,000 names (every n-th surface form of
//!   the built-in gazetteers) or over all of them (world size, about 59,000),
//!   every match;
//! - `pass_*`: words + Aho-Corasick + dates in one pass over each document,
//!   `_sent` adding sentence bounds; on one thread, and `_j2` on two
//!   (documents spread over a two-thread rayon pool).
//!
//! Throughput is bytes of document text, as in `stages`. Run:
//! `cargo bench --bench floor` (one block: `cargo bench --bench floor -- dates`).

use std::hint::black_box;
use std::time::Duration;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod common;
use common::corpus;

const MONTH: &str = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

fn date_regex() -> Regex {
    let pattern = format!(
        r"(?i)(?-u:\b)(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\.?(?:,?\s+\d{{4}})?|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?-u:\b)"
    );
    Regex::new(&pattern).expect("the date pattern compiles")
}

/// Every surface form (canonical names and aliases) of the built-in
/// gazetteers that khabar's automaton holds (all but the first-name word
/// list), deduplicated ignoring ASCII case, in a fixed order.
fn world_names() -> Vec<String> {
    let g = khabar::gazetteer::Gazetteer::from_sources(khabar::gazetteer::builtin_files())
        .expect("built-in gazetteers load");
    let mut names: Vec<String> = g
        .entries()
        .iter()
        .filter(|e| e.label() != khabar::mention::Label::FirstName)
        .flat_map(|e| std::iter::once(&e.canonical).chain(&e.aliases))
        .filter(|n| !n.is_empty())
        .map(|n| n.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn automaton(names: &[String], kind: AhoCorasickKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(names)
        .expect("the automaton builds")
}

/// Words, names and dates (and sentence bounds if `sentences`) of one text.
fn one_pass(text: &str, ac: &AhoCorasick, dates: &Regex, sentences: bool) -> usize {
    let mut n = text.unicode_word_indices().count();
    n += ac.find_iter(text).count();
    n += dates.find_iter(text).count();
    if sentences {
        n += text.split_sentence_bound_indices().count();
    }
    n
}

fn benches(c: &mut Criterion) {
    let corpus = corpus();
    let texts: Vec<&str> = corpus.docs.iter().map(|d| d.text.as_str()).collect();
    let dates = date_regex();
    let world = world_names();
    let step = (world.len() / 2000).max(1);
    let small: Vec<String> = world.iter().step_by(step).take(2000).cloned().collect();
    eprintln!("names: {} (world), {} (small)", world.len(), small.len());
    let nfa_small = automaton(&small, AhoCorasickKind::NoncontiguousNFA);
    let dfa_small = automaton(&small, AhoCorasickKind::DFA);
    let nfa_world = automaton(&world, AhoCorasickKind::NoncontiguousNFA);
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("a two-thread pool");

    let mut g = c.benchmark_group("floor");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(corpus.bytes));
    let each = |f: &dyn Fn(&str) -> usize| texts.iter().map(|t| f(t)).sum::<usize>();
    g.bench_function("words", |b| {
        b.iter(|| each(&|t| black_box(t.unicode_word_indices().count())))
    });
    g.bench_function("sentences", |b| {
        b.iter(|| each(&|t| black_box(t.split_sentence_bound_indices().count())))
    });
    g.bench_function("dates", |b| {
        b.iter(|| each(&|t| black_box(dates.find_iter(t).count())))
    });
    for (name, ac) in [
        ("ac_nfa_2k", &nfa_small),
        ("ac_dfa_2k", &dfa_small),
        ("ac_nfa_world", &nfa_world),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| each(&|t| black_box(ac.find_iter(t).count())))
        });
    }
    for (names, ac) in [("2k", &nfa_small), ("world", &nfa_world)] {
        for sentences in [false, true] {
            let label = format!("pass_{names}{}", if sentences { "_sent" } else { "" });
            g.bench_function(label.as_str(), |b| {
                b.iter(|| each(&|t| black_box(one_pass(t, ac, &dates, sentences))))
            });
            g.bench_function(format!("{label}_j2").as_str(), |b| {
                b.iter(|| {
                    two.install(|| {
                        texts
                            .par_iter()
                            .map(|t| black_box(one_pass(t, ac, &dates, sentences)))
                            .sum::<usize>()
                    })
                })
            });
        }
    }
    g.finish();
}

criterion_group!(floor, benches);
criterion_main!(floor);
