//! `khabar extract`: documents in, event (and entity) rows out.
//!
//! The driver: the pipeline is loaded first (a gazetteer error stops the run
//! before any input is read); a reader thread streams documents into a
//! bounded channel; the main thread takes a window of documents, extracts
//! them in parallel in a rayon pool (the workers also encode the rows),
//! writes the window's rows in input order and flushes, then takes the next
//! window. Memory is bounded by the
//! window and the channel, not the corpus, and output is byte-identical for
//! any number of threads.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, TryRecvError};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use khabar::output::{Format, Row, RowEncoder, RowWriter};
use khabar::read::{self, ReadItem, ReadOptions, Skip, SkipReason};
use khabar::record::{EntityRecord, EventRecord, ExplainRecord};
use khabar::{Document, Pipeline};

const AFTER_HELP: &str = "\
Inputs:
  A text file is one document; its doc_id is its file name, or its path
  relative to the folder given (folders are walked recursively, in sorted
  order, reading *.txt, *.jsonl, *.txt.gz and *.jsonl.gz). A JSON Lines
  file holds one document per line: {\"id\": ..., \"text\": ..., \"date\":
  \"2024-12-19\", \"title\": ..., \"url\": ...}; id and text are required.
  `-` reads standard input, as JSON Lines when its first line is a JSON
  object, else as one text document with doc_id `stdin`.

Bad input never stops the run: invalid UTF-8 is decoded with U+FFFD and a
warning; binary files, empty texts and duplicate ids are skipped (benign);
missing or unreadable paths, malformed JSON lines and documents over
--max-doc-bytes are skipped as errors. Each is reported on stderr as
`khabar: warning: FILE:LINE: reason` (or `error:`), and listed by --report.

Exit status:
  0  all documents processed (benign skips allowed)
  1  fatal error: bad option, gazetteer error, output not writable
  2  the run completed but some input was skipped for an error

CSV cells that a spreadsheet would run as a formula (starting with = + - @,
tab or CR, unless a plain number) are written with a leading apostrophe.

Examples:
  khabar extract articles/ -o events.csv --entities entities.csv
  khabar extract corpus.jsonl.gz --format jsonl > events.jsonl
  cat article.txt | khabar extract -
  khabar extract -j 4 --report skipped.csv data/ > events.csv";

/// Extracts diplomatic events from news articles and writes them as CSV.
#[derive(Debug, clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Args {
    /// Text files, JSON Lines files, folders (walked recursively) or `-` for
    /// standard input.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Write events to FILE instead of standard output (written to a
    /// temporary file and renamed when the run completes).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write one row per entity mention to FILE.
    #[arg(long, value_name = "FILE")]
    pub entities: Option<PathBuf>,

    /// Write every candidate event to FILE as CSV, kept or not, with the
    /// sense check's verdict: the trigger, its sense (official, sport,
    /// business, court, culture, science, party, tourism), the state actor
    /// found, and the reason the event is or is not in the events output.
    #[arg(long, value_name = "FILE")]
    pub explain: Option<PathBuf>,

    /// Output format of events and entities.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    /// Do not write the CSV header row.
    #[arg(long)]
    pub no_header: bool,

    /// Number of worker threads [default: all cores].
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,

    /// Use the gazetteers of DIR instead of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,

    /// Add the gazetteer files of DIR to the gazetteers (repeatable).
    #[arg(long = "extra-gazetteers", value_name = "DIR")]
    pub extra_gazetteers: Vec<PathBuf>,

    /// Write the skipped inputs to FILE as CSV (path,line,id,reason).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Skip documents (or JSON lines) larger than N bytes; accepts K, M and
    /// G suffixes (powers of 1024).
    #[arg(long, value_name = "N", default_value = "64M", value_parser = parse_size)]
    pub max_doc_bytes: u64,

    /// Print only errors: no warnings, progress bar or summary.
    #[arg(short, long)]
    pub quiet: bool,

    /// Documents per window: read, extracted in parallel, then written
    /// (bounds memory; output order does not depend on it).
    #[arg(long, value_name = "N", default_value_t = 256,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
}

/// Parses a size such as `1000`, `64K`, `64M`, `1G` (powers of 1024).
fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let (digits, mult) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a size (examples: 1000, 64K, 64M, 1G)"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// Where rows go: standard output, a temporary file renamed on success, or
/// a special file (device, FIFO) written directly.
enum Sink {
    Stdout(io::Stdout),
    Temp {
        tmp: tempfile::NamedTempFile,
        dest: PathBuf,
    },
    Direct(File),
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::Temp { tmp, .. } => tmp.write(buf),
            Sink::Direct(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::Temp { tmp, .. } => tmp.flush(),
            Sink::Direct(f) => f.flush(),
        }
    }
}

/// An output destination and its name for messages.
struct Output {
    name: String,
    sink: BufWriter<Sink>,
}

impl Output {
    fn stdout() -> Output {
        Output {
            name: "standard output".to_string(),
            sink: BufWriter::with_capacity(64 * 1024, Sink::Stdout(io::stdout())),
        }
    }

    /// Opens `path` for writing. A regular (or new) file is written through
    /// a temporary file in the same folder, so that an interrupted run never
    /// leaves a half file under the final name; a device or FIFO (for
    /// example /dev/null) cannot be replaced by renaming and is written in
    /// place.
    fn file(path: &Path) -> Result<Output> {
        let name = path.display().to_string();
        if path.as_os_str() == "-" {
            return Ok(Output::stdout());
        }
        // Write through a symlink to its target rather than replacing it.
        let dest = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let existing = std::fs::metadata(&dest).ok();
        let sink = match &existing {
            Some(m) if !m.is_file() => Sink::Direct(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&dest)
                    .with_context(|| format!("cannot open {name}"))?,
            ),
            _ => {
                let dir = match dest.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let mut builder = tempfile::Builder::new();
                builder.prefix(".khabar-").suffix(".tmp");
                // NamedTempFile is private (0600) by default; the result
                // should look like any file the user creates, or keep the
                // permissions of the file it replaces.
                #[cfg(unix)]
                let perms = {
                    use std::os::unix::fs::PermissionsExt;
                    existing
                        .as_ref()
                        .map(|m| m.permissions())
                        .unwrap_or_else(|| std::fs::Permissions::from_mode(0o666))
                };
                #[cfg(unix)]
                builder.permissions(perms);
                let tmp = builder
                    .tempfile_in(&dir)
                    .with_context(|| format!("cannot create {name}"))?;
                Sink::Temp { tmp, dest }
            }
        };
        Ok(Output {
            name,
            sink: BufWriter::with_capacity(64 * 1024, sink),
        })
    }
}

/// Finishes an output: flush, and rename a temporary file into place.
fn finish(sink: BufWriter<Sink>, name: &str) -> Result<()> {
    let sink = sink
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| format!("cannot write {name}"))?;
    match sink {
        Sink::Stdout(mut s) => s.flush().with_context(|| format!("cannot write {name}")),
        Sink::Direct(mut f) => f.flush().with_context(|| format!("cannot write {name}")),
        Sink::Temp { tmp, dest } => {
            tmp.as_file()
                .sync_all()
                .with_context(|| format!("cannot write {name}"))?;
            tmp.persist(&dest)
                .map_err(|e| e.error)
                .with_context(|| format!("cannot write {name}"))?;
            Ok(())
        }
    }
}

/// Counts for the summary line.
#[derive(Default)]
struct Stats {
    read: u64,
    processed: u64,
    with_events: u64,
    events: u64,
    entities: u64,
    skipped: u64,
    errors: u64,
    by_reason: BTreeMap<&'static str, u64>,
}

/// Messages on stderr, kept clear of the progress bar. Writes to stderr
/// ignore errors: a closed stderr must not stop (or panic) the run.
struct Console {
    quiet: bool,
    bar: Option<ProgressBar>,
    counter: Arc<AtomicU64>,
}

impl Console {
    fn print(&self, line: &str) {
        let write = || {
            let _ = writeln!(io::stderr().lock(), "{line}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    fn warning(&self, msg: impl std::fmt::Display) {
        if !self.quiet {
            self.print(&format!("khabar: warning: {msg}"));
        }
    }

    fn error(&self, msg: impl std::fmt::Display) {
        self.print(&format!("khabar: error: {msg}"));
    }

    fn tick(&self, docs: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(self.counter.load(Ordering::Relaxed));
            bar.set_message(format!("{docs} documents"));
        }
    }
}

fn progress_bar(inputs: &[PathBuf]) -> ProgressBar {
    let total = read::input_size(inputs);
    let bar = match total {
        Some(t) => ProgressBar::with_draw_target(Some(t), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{msg} {wide_bar} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta}"
    } else {
        "{spinner} {msg} {binary_bytes} {binary_bytes_per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// An optional output's row writer, with the name its messages give.
type Named<R> = (RowWriter<BufWriter<Sink>, R>, String);

/// The row writers of a run.
struct Writers {
    events: RowWriter<BufWriter<Sink>, EventRecord>,
    events_name: String,
    entities: Option<Named<EntityRecord>>,
    report: Option<Named<Skip>>,
    explain: Option<Named<ExplainRecord>>,
    format: Format,
}

impl Writers {
    fn open(args: &Args) -> Result<Writers> {
        let header = !args.no_header;
        let out = match &args.output {
            Some(p) => Output::file(p)?,
            None => Output::stdout(),
        };
        let events = RowWriter::new(out.sink, args.format, header)
            .with_context(|| format!("cannot write {}", out.name))?;
        let entities = optional_writer(args.entities.as_deref(), args.format, header)?;
        let report = optional_writer(args.report.as_deref(), Format::Csv, true)?;
        let explain = optional_writer(args.explain.as_deref(), Format::Csv, true)?;
        Ok(Writers {
            events,
            events_name: out.name,
            entities,
            report,
            explain,
            format: args.format,
        })
    }

    fn write_encoded(&mut self, x: &Encoded) -> Result<()> {
        self.events
            .write_encoded(&x.event_rows)
            .with_context(|| format!("cannot write {}", self.events_name))?;
        if let Some((w, name)) = &mut self.entities {
            w.write_encoded(&x.entity_rows)
                .with_context(|| format!("cannot write {name}"))?;
        }
        if let Some((w, name)) = &mut self.explain {
            w.write_encoded(&x.explain_rows)
                .with_context(|| format!("cannot write {name}"))?;
        }
        Ok(())
    }

    fn write_skip(&mut self, skip: &Skip) -> Result<()> {
        if let Some((w, name)) = &mut self.report {
            w.write(skip)
                .with_context(|| format!("cannot write {name}"))?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        self.events
            .flush()
            .with_context(|| format!("cannot write {}", self.events_name))?;
        if let Some((w, name)) = &mut self.entities {
            w.flush().with_context(|| format!("cannot write {name}"))?;
        }
        if let Some((w, name)) = &mut self.report {
            w.flush().with_context(|| format!("cannot write {name}"))?;
        }
        if let Some((w, name)) = &mut self.explain {
            w.flush().with_context(|| format!("cannot write {name}"))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        finish_writer(self.events, &self.events_name)?;
        if let Some((w, name)) = self.entities {
            finish_writer(w, &name)?;
        }
        if let Some((w, name)) = self.report {
            finish_writer(w, &name)?;
        }
        if let Some((w, name)) = self.explain {
            finish_writer(w, &name)?;
        }
        Ok(())
    }
}

/// A row writer to `path` and its name for messages, when the option is given.
fn optional_writer<R: Row>(
    path: Option<&Path>,
    format: Format,
    header: bool,
) -> Result<Option<Named<R>>> {
    let Some(p) = path else { return Ok(None) };
    let out = Output::file(p)?;
    let w = RowWriter::new(out.sink, format, header)
        .with_context(|| format!("cannot write {}", out.name))?;
    Ok(Some((w, out.name)))
}

/// Flushes a row writer and puts its file in place.
fn finish_writer<R: Row>(w: RowWriter<BufWriter<Sink>, R>, name: &str) -> Result<()> {
    let sink = w
        .into_inner()
        .with_context(|| format!("cannot write {name}"))?;
    finish(sink, name)
}

/// Records a skip: counts, message, report row.
fn on_skip(skip: &Skip, stats: &mut Stats, console: &Console, writers: &mut Writers) -> Result<()> {
    stats.read += 1;
    stats.skipped += 1;
    *stats.by_reason.entry(skip.reason.category()).or_default() += 1;
    if skip.is_error() {
        stats.errors += 1;
        console.error(skip);
    } else {
        console.warning(skip);
    }
    writers.write_skip(skip)
}

/// One document's rows, encoded by a worker.
struct Encoded {
    events: u64,
    entities: u64,
    event_rows: Vec<u8>,
    entity_rows: Vec<u8>,
    explain_rows: Vec<u8>,
}

/// The optional outputs a run writes: their rows are made only when asked.
#[derive(Clone, Copy)]
struct Wanted {
    entities: bool,
    explain: bool,
}

/// A worker's row encoders: events, entities, explanations.
type Encoders = (
    RowEncoder<EventRecord>,
    RowEncoder<EntityRecord>,
    RowEncoder<ExplainRecord>,
);

/// Extracts one document and encodes its rows (entities only when asked).
/// Entity rows are encoded straight from the mentions, borrowed.
fn extract_encoded(
    pipeline: &Pipeline,
    doc: &Document,
    encoders: &mut Encoders,
    wanted: Wanted,
) -> std::result::Result<Encoded, String> {
    let with_entities = wanted.entities;
    catch_unwind(AssertUnwindSafe(|| {
        let analysis = pipeline.analyze(doc);
        let events = analysis.event_records(doc);
        let mut out = Encoded {
            events: events.len() as u64,
            entities: 0,
            event_rows: Vec::new(),
            // The entity rows of a document take about as many bytes as
            // its text: one allocation instead of a doubling series.
            entity_rows: Vec::with_capacity(if with_entities { doc.text.len() } else { 0 }),
            explain_rows: Vec::new(),
        };
        let fail = |e: io::Error| format!("cannot encode the rows: {e}");
        for ev in &events {
            // doc_id is the document's id by definition (rows always join
            // with the input): `event_records` takes it from `doc`.
            debug_assert_eq!(ev.doc_id, doc.id);
            encoders.0.encode(ev, &mut out.event_rows).map_err(fail)?;
        }
        if wanted.explain {
            for row in analysis.explain_records(doc) {
                encoders
                    .2
                    .encode(&row, &mut out.explain_rows)
                    .map_err(fail)?;
            }
        }
        for row in analysis.entity_rows(doc) {
            out.entities += 1;
            if with_entities {
                encoders
                    .1
                    .encode_row(&row, &mut out.entity_rows)
                    .map_err(fail)?;
            }
        }
        Ok(out)
    }))
    .map_err(|p| crate::error::panic_message(p.as_ref()))?
}

/// Extracts one window of documents in parallel; results in input order.
fn extract_window(
    window: &[Document],
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    format: Format,
    wanted: Wanted,
) -> Vec<std::result::Result<Encoded, String>> {
    // A panic in the pipeline is a bug, but one article must not cost the
    // whole corpus: catch it per document and report it as a skip.
    pool.install(|| {
        window
            .par_iter()
            .map_init(
                || {
                    (
                        RowEncoder::new(format),
                        RowEncoder::new(format),
                        RowEncoder::new(Format::Csv),
                    )
                },
                |encoders, doc| extract_encoded(pipeline, doc, encoders, wanted),
            )
            .collect()
    })
}

/// What the driver hands the writer thread, in input order.
enum ToWriter {
    /// A window of documents and their extraction results.
    Window(Vec<Document>, Vec<std::result::Result<Encoded, String>>),
    /// A document the reader could not read.
    Skipped(Skip),
}

/// The writer thread: writes what the driver sends, in the order sent, and
/// counts it. Runs beside the workers, so that writing one window overlaps
/// extracting the next (a serial write phase kept two threads from 1.8× of
/// one).
fn write_outputs(
    rx: mpsc::Receiver<ToWriter>,
    mut writers: Writers,
    console: &Console,
) -> Result<Stats> {
    let mut stats = Stats::default();
    for out in rx {
        match out {
            ToWriter::Skipped(skip) => on_skip(&skip, &mut stats, console, &mut writers)?,
            ToWriter::Window(docs, results) => {
                for (doc, result) in docs.into_iter().zip(results) {
                    match result {
                        Ok(x) => {
                            stats.read += 1;
                            stats.processed += 1;
                            stats.events += x.events;
                            stats.entities += x.entities;
                            if x.events > 0 {
                                stats.with_events += 1;
                            }
                            writers.write_encoded(&x)?;
                        }
                        Err(msg) => {
                            let skip = Skip {
                                origin: doc.origin,
                                id: Some(doc.id),
                                reason: SkipReason::Internal(msg),
                            };
                            on_skip(&skip, &mut stats, console, &mut writers)?;
                        }
                    }
                }
                console.tick(stats.read);
                // Flush per window so that `khabar extract -` works as a
                // pipe stage.
                writers.flush()?;
            }
        }
    }
    writers.finish()?;
    Ok(stats)
}

/// Runs `khabar extract`; returns the exit code.
pub fn run(args: Args) -> Result<i32> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .thread_name(|i| format!("khabar-{i}"))
        .build()
        .context("cannot start the worker threads")?;
    // Gazetteer errors come before any input is read. Compiled in the pool:
    // its automata are built in parallel with the threads asked for.
    let pipeline = pool
        .install(|| Pipeline::load(args.gazetteers.as_deref(), &args.extra_gazetteers))
        .context("cannot load the gazetteers")?;
    let writers = Writers::open(&args)?;

    let reader = read::Reader::new(
        args.inputs.clone(),
        ReadOptions {
            max_doc_bytes: args.max_doc_bytes,
        },
    );
    let counter = reader.bytes_counter();
    let show_bar = !args.quiet && io::stderr().is_terminal();
    let console = Console {
        quiet: args.quiet,
        bar: show_bar.then(|| progress_bar(&args.inputs)),
        counter,
    };

    let batch = args.batch as usize;
    // The reader runs ahead of the workers by at most one window.
    let (tx, rx) = mpsc::sync_channel::<ReadItem>(batch);
    let reader_thread = std::thread::Builder::new()
        .name("khabar-read".to_string())
        .spawn(move || {
            for item in reader {
                if tx.send(item).is_err() {
                    break; // the driver stopped (for example on a broken pipe)
                }
            }
        })
        .context("cannot start the reader thread")?;

    let format = writers.format;
    let wanted = Wanted {
        entities: writers.entities.is_some(),
        explain: writers.explain.is_some(),
    };
    let stats = std::thread::scope(|scope| -> Result<Stats> {
        // At most one window waits for the writer while the next is
        // extracted: memory stays bounded.
        let (out_tx, out_rx) = mpsc::sync_channel::<ToWriter>(1);
        let console = &console;
        let writer = std::thread::Builder::new()
            .name("khabar-write".to_string())
            .spawn_scoped(scope, move || write_outputs(out_rx, writers, console))
            .context("cannot start the writer thread")?;
        let mut window: Vec<Document> = Vec::with_capacity(batch);
        let mut open = true;
        // False once the writer has stopped (on an error it returns).
        let mut writing = true;
        while open && writing {
            // Wait for one item, then take what is ready, up to a window: a
            // slow producer (a pipe) gets its rows out as soon as possible,
            // a fast one fills whole windows.
            let mut next = match rx.recv() {
                Ok(item) => Some(item),
                Err(_) => {
                    open = false;
                    None
                }
            };
            while let Some(item) = next.take() {
                match item {
                    ReadItem::Document(doc) => window.push(doc),
                    ReadItem::Warning(w) => console.warning(&w),
                    ReadItem::Skipped(skip) => {
                        writing &= out_tx.send(ToWriter::Skipped(skip)).is_ok();
                    }
                }
                if window.len() >= batch {
                    break;
                }
                match rx.try_recv() {
                    Ok(item) => next = Some(item),
                    Err(TryRecvError::Empty) => {}
                    Err(TryRecvError::Disconnected) => open = false,
                }
            }
            if !window.is_empty() && writing {
                let results = extract_window(&window, &pipeline, &pool, format, wanted);
                let docs = std::mem::replace(&mut window, Vec::with_capacity(batch));
                writing &= out_tx.send(ToWriter::Window(docs, results)).is_ok();
            }
        }
        drop(out_tx);
        match writer.join() {
            Ok(result) => result,
            Err(_) => anyhow::bail!("the output writer stopped unexpectedly; output is incomplete"),
        }
    })?;
    // Unless the writer stopped on an error (returned above), the channel
    // is closed, so the reader has finished. A panic there is a bug, but
    // it would silently truncate the input: make it fatal.
    if reader_thread.join().is_err() {
        anyhow::bail!("the input reader stopped unexpectedly; output is incomplete");
    }
    if let Some(bar) = &console.bar {
        bar.finish_and_clear();
    }

    debug_assert_eq!(stats.read, stats.processed + stats.skipped);
    // The process ends right after: freeing the gazetteers' tables and
    // automata block by block took longer (about 25 ms) than a small run's
    // extraction, and the system takes the memory back at exit anyway.
    std::mem::forget(pipeline);
    if !args.quiet {
        console.print(&format!(
            "khabar: {} documents read, {} processed, {} with events, {} events, {} entities, {} skipped",
            stats.read, stats.processed, stats.with_events, stats.events, stats.entities, stats.skipped
        ));
        for (reason, n) in &stats.by_reason {
            console.print(&format!("khabar:   skipped {n}: {reason}"));
        }
    }
    Ok(if stats.errors > 0 { 2 } else { 0 })
}
