//! One benchmark per pipeline stage, plus end to end and the gazetteer
//! compile, on real text.
//!
//! Corpus: see `common/mod.rs` (BBC when `../shared` is present, else the
//! fixture articles repeated).
//!
//! Every stage reports throughput in bytes of *document text* (not of its
//! own input), so that the MB/s figures of the stages and of the whole
//! pipeline are comparable: a stage at 100 MB/s costs 10 ms per MB of news.
//!
//! Run: `cargo bench --bench stages` (one stage: `cargo bench --bench stages -- segment`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

/// The allocator the `khabar` binary uses, so that the stages are measured
/// as they run there.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use khabar::clean::{clean, Article};
use khabar::events::{assemble, Event};
use khabar::mention::Mention;
use khabar::output::{Format, RowWriter};
use khabar::read::{ReadItem, ReadOptions, Reader};
use khabar::recognize::people;
use khabar::record::{EntityRecord, EventRecord, Extraction};
use khabar::segment::{segment, Segmented};
use khabar::{Document, Pipeline};

mod common;
use common::corpus;

/// Every intermediate result, computed once, so that each stage is timed on
/// its own real input.
struct Staged {
    articles: Vec<Article>,
    segs: Vec<Segmented>,
    gaz_mentions: Vec<Vec<Mention>>,
    mentions: Vec<Vec<Mention>>,
    events: Vec<Vec<Event>>,
    extractions: Vec<Extraction>,
}

fn stage_all(p: &Pipeline, docs: &[Document]) -> Staged {
    let articles: Vec<Article> = docs
        .iter()
        .map(|d| clean(d, p.gazetteer(), p.dates()))
        .collect();
    let segs: Vec<Segmented> = articles.iter().map(segment).collect();
    let gaz_mentions = articles
        .iter()
        .zip(&segs)
        .map(|(a, s)| p.gazetteer_mentions(a, s))
        .collect();
    let mentions: Vec<Vec<Mention>> = articles
        .iter()
        .zip(&segs)
        .map(|(a, s)| p.mentions(a, s))
        .collect();
    let events = articles
        .iter()
        .zip(&segs)
        .zip(&mentions)
        .map(|((a, s), m)| assemble(a, s, m, p.gazetteer()))
        .collect();
    let extractions = docs.iter().map(|d| p.extract(d)).collect();
    Staged {
        articles,
        segs,
        gaz_mentions,
        mentions,
        events,
        extractions,
    }
}

/// Writes the rows of `xs` as CSV into memory; returns the byte count.
fn write_rows(xs: &[Extraction]) -> usize {
    let mut ev: RowWriter<Vec<u8>, EventRecord> =
        RowWriter::new(Vec::new(), Format::Csv, true).expect("in memory");
    let mut en: RowWriter<Vec<u8>, EntityRecord> =
        RowWriter::new(Vec::new(), Format::Csv, true).expect("in memory");
    for x in xs {
        for r in &x.events {
            ev.write(r).expect("in memory");
        }
        for r in &x.entities {
            en.write(r).expect("in memory");
        }
    }
    ev.into_inner().expect("in memory").len() + en.into_inner().expect("in memory").len()
}

fn benches(c: &mut Criterion) {
    let corpus = corpus();
    let p = Pipeline::with_default_gazetteers().expect("built-in gazetteers compile");
    let st = stage_all(&p, &corpus.docs);

    let mut g = c.benchmark_group("stage");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(corpus.bytes));
    g.bench_function("clean", |b| {
        b.iter(|| {
            for d in &corpus.docs {
                black_box(clean(d, p.gazetteer(), p.dates()));
            }
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            for a in &st.articles {
                black_box(segment(a));
            }
        })
    });
    g.bench_function("match", |b| {
        b.iter(|| {
            for (a, s) in st.articles.iter().zip(&st.segs) {
                black_box(p.gazetteer_mentions(a, s));
            }
        })
    });
    // People (given the gazetteer matches) and dates: what `recognize/` does.
    g.bench_function("recognize", |b| {
        b.iter(|| {
            for ((a, s), gm) in st.articles.iter().zip(&st.segs).zip(&st.gaz_mentions) {
                let text = a.text();
                black_box(people::recognize(text, s, p.gazetteer(), gm));
                for sent in &s.sentences {
                    black_box(p.dates().find(&text[sent.start..sent.end], a.anchor));
                }
            }
        })
    });
    g.bench_function("assemble", |b| {
        b.iter(|| {
            for ((a, s), m) in st.articles.iter().zip(&st.segs).zip(&st.mentions) {
                black_box(assemble(a, s, m, p.gazetteer()));
            }
        })
    });
    g.bench_function("write", |b| {
        b.iter(|| black_box(write_rows(&st.extractions)))
    });
    g.finish();
    black_box(&st.events);

    let mut g = c.benchmark_group("end_to_end");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(corpus.bytes));
    // Documents already in memory: every stage and the records, one thread.
    g.bench_function("extract", |b| {
        b.iter(|| {
            for d in &corpus.docs {
                black_box(p.extract(d));
            }
        })
    });
    // From the file: read and decode, extract, write CSV to memory.
    g.bench_function("read_extract_write", |b| {
        b.iter(|| {
            let reader = Reader::new(
                vec![corpus.path.clone()],
                ReadOptions {
                    max_doc_bytes: 64 << 20,
                },
            );
            let mut xs = Vec::new();
            let mut written = 0;
            for item in reader {
                if let ReadItem::Document(d) = item {
                    xs.push(p.extract(&d));
                    if xs.len() == 256 {
                        written += write_rows(&xs);
                        xs.clear();
                    }
                }
            }
            written + write_rows(&xs)
        })
    });
    g.finish();

    let mut g = c.benchmark_group("gazetteer");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    g.bench_function("compile_default", |b| {
        b.iter_batched(
            || (),
            |_| Pipeline::with_default_gazetteers().expect("compiles"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(stages, benches);
criterion_main!(stages);
