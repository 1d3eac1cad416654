//! `khabar._khabar`: the native half of the `khabar` Python package.
//!
//! It holds what must be fast or must match the command exactly: reading
//! the documents out of Python objects, running the pipeline on them with
//! the GIL released, turning the rows into dicts, and the `khabar` command
//! itself (`khabar::cli`). The Python half (`khabar/__init__.py`) adds the
//! documentation, argument normalisation and the pandas frames.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Mutex, PoisonError};

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyList, PyString};

use khabar::date::Date;
use khabar::output::{Cell, Row};
use khabar::record::{EntityRecord, EventRecord, Extraction};
use khabar::{Document, Origin, Pipeline};
use rustc_hash::FxHashMap;

/// The allocator of the `khabar` binary, for the same reason (many
/// short-lived strings per document: glibc's malloc cost about a tenth of
/// the run). Only Rust's own allocations use it; Python objects are made by
/// Python's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Documents per window: the workers extract one window while the calling
/// thread turns the previous one into dicts (it holds the GIL for that, so
/// it cannot overlap with itself but does overlap with extraction).
const WINDOW: usize = 256;

/// Gazetteer options as given, made absolute: the key of the pipeline cache.
type PipelineKey = (Option<PathBuf>, Vec<PathBuf>);

/// Pipelines built so far in this process, one per gazetteer options:
/// compiling the gazetteers takes about 0.15 s, far longer than a small
/// call's extraction, so every call after the first reuses it.
static PIPELINES: Mutex<Option<HashMap<PipelineKey, Arc<Pipeline>>>> = Mutex::new(None);

/// Worker pools by thread count (0: rayon's default, one per core), kept
/// for the same reason: starting threads at every call would cost more
/// than a one-document call's extraction.
static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);

/// A path made absolute, so that a later `os.chdir` cannot make the cache
/// hand out a pipeline built from another folder. A path that cannot be
/// resolved is kept as given: loading it reports the error.
fn absolute(p: PathBuf) -> PathBuf {
    std::fs::canonicalize(&p).unwrap_or(p)
}

/// Why the extraction could not start or finish, made a Python exception
/// once the GIL is held again.
enum Failure {
    Gazetteer(khabar::Error),
    Threads(String),
    Panic {
        index: usize,
        id: String,
        message: String,
    },
}

impl From<Failure> for PyErr {
    fn from(f: Failure) -> PyErr {
        match f {
            Failure::Gazetteer(e @ khabar::Error::Io { .. }) => {
                PyOSError::new_err(format!("cannot load the gazetteers: {e}"))
            }
            Failure::Gazetteer(e) => {
                PyValueError::new_err(format!("cannot load the gazetteers: {e}"))
            }
            Failure::Threads(e) => {
                PyRuntimeError::new_err(format!("cannot start the worker threads: {e}"))
            }
            Failure::Panic { index, id, message } => PyRuntimeError::new_err(format!(
                "document {index} (id {id:?}): internal error while extracting \
                 (a bug in khabar, please report it): {message}"
            )),
        }
    }
}

/// The pool for `threads` workers, started at its first use.
fn pool(threads: usize) -> Result<Arc<rayon::ThreadPool>, Failure> {
    let mut pools = POOLS.lock().unwrap_or_else(PoisonError::into_inner);
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&threads) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("khabar-{i}"))
        .build()
        .map_err(|e| Failure::Threads(e.to_string()))?;
    let p = Arc::new(p);
    pools.insert(threads, Arc::clone(&p));
    Ok(p)
}

/// The pipeline for these gazetteer options, compiled at its first use (in
/// `pool`, whose threads build the automata in parallel, as the command
/// does). The lock is held while compiling, so that two Python threads
/// asking at once compile it once.
fn pipeline(key: PipelineKey, pool: &rayon::ThreadPool) -> Result<Arc<Pipeline>, Failure> {
    let mut cache = PIPELINES.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = cache.get_or_insert_with(HashMap::new);
    if let Some(p) = cache.get(&key) {
        return Ok(Arc::clone(p));
    }
    let p = pool
        .install(|| Pipeline::load(key.0.as_deref(), &key.1))
        .map_err(Failure::Gazetteer)?;
    let p = Arc::new(p);
    cache.insert(key, Arc::clone(&p));
    Ok(p)
}

/// A `ValueError` naming the document by its position in `docs`.
fn bad_doc(index: usize, reason: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(format!("document {index}: {reason}"))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// A `str` as a Rust string; a `str` with lone surrogates (possible in
/// Python, not in UTF-8) is bad input rather than a crash.
fn text_of(index: usize, what: &str, v: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = v
        .cast::<PyString>()
        .map_err(|_| bad_doc(index, format!("{what} is {}, not a str", type_name(v))))?;
    s.to_cow()
        .map(|c| c.into_owned())
        .map_err(|e| bad_doc(index, format!("{what} is not valid Unicode: {e}")))
}

/// The `id` of a dict document: a non-empty `str`, or an `int` taken as its
/// decimal string, as the command accepts in JSON Lines.
fn id_of(index: usize, v: &Bound<'_, PyAny>) -> PyResult<String> {
    if v.is_instance_of::<PyBool>() {
        return Err(bad_doc(index, "\"id\" is a bool, not a str or an int"));
    }
    if v.is_instance_of::<PyInt>() {
        return Ok(v.str()?.to_string());
    }
    let id = text_of(index, "\"id\"", v)?;
    if id.trim().is_empty() {
        return Err(bad_doc(index, "\"id\" is empty"));
    }
    Ok(id)
}

/// The `date` of a dict document: `None`, an ISO 8601 `str`
/// (`2024-12-19`, a time after it allowed), or a `datetime.date`.
fn date_of(index: usize, v: &Bound<'_, PyAny>) -> PyResult<Option<Date>> {
    if v.is_none() {
        return Ok(None);
    }
    if v.is_instance_of::<PyString>() {
        let s = text_of(index, "\"date\"", v)?;
        return match Date::parse_iso(&s) {
            Some(d) => Ok(Some(d)),
            None => Err(bad_doc(
                index,
                format!("\"date\" {s:?} is not an ISO 8601 date (YYYY-MM-DD)"),
            )),
        };
    }
    // datetime.date and datetime.datetime, or anything shaped like them.
    let field = |name: &str| -> Option<i64> { v.getattr(name).ok()?.extract().ok() };
    match (field("year"), field("month"), field("day")) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .zip(u8::try_from(m).ok())
            .zip(u8::try_from(d).ok())
            .and_then(|((y, m), d)| Date::new(y, m, d))
            .map(Some)
            .ok_or_else(|| bad_doc(index, "\"date\" is not a valid date")),
        _ => Err(bad_doc(
            index,
            format!(
                "\"date\" is {}, not a str, a datetime.date or None",
                type_name(v)
            ),
        )),
    }
}

/// One item of `docs` as a document, or `None` for a text with nothing in
/// it (the command skips those as empty: no rows).
fn document(index: usize, item: &Bound<'_, PyAny>) -> PyResult<Option<Document>> {
    let (id, text, published, title) = if item.is_instance_of::<PyString>() {
        (
            index.to_string(),
            text_of(index, "the text", item)?,
            None,
            None,
        )
    } else if let Ok(d) = item.cast::<PyDict>() {
        let id = match d.get_item("id")? {
            Some(v) => id_of(index, &v)?,
            None => return Err(bad_doc(index, "missing \"id\"")),
        };
        // From here on the id helps find the document too.
        let named = |e: PyErr| {
            PyValueError::new_err(format!(
                "{} (id {id:?})",
                e.value(item.py())
                    .str()
                    .map_or_else(|_| "bad document".to_string(), |s| s.to_string())
            ))
        };
        let text = match d.get_item("text")? {
            Some(v) => text_of(index, "\"text\"", &v).map_err(named)?,
            None => return Err(named(bad_doc(index, "missing \"text\""))),
        };
        let published = match d.get_item("date")? {
            Some(v) => date_of(index, &v).map_err(named)?,
            None => None,
        };
        let title = match d.get_item("title")? {
            Some(v) if !v.is_none() => Some(text_of(index, "\"title\"", &v).map_err(named)?),
            _ => None,
        };
        (id, text, published, title)
    } else {
        return Err(bad_doc(
            index,
            format!(
                "expected a str or a dict with \"id\" and \"text\", got {}",
                type_name(item)
            ),
        ));
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(Document {
        origin: Origin {
            path: id.clone(),
            line: None,
        },
        id,
        text,
        published,
        title,
    }))
}

/// Reads every item of `docs`, checking ids for duplicates (rows join on
/// them). Returns the documents and their positions in `docs`.
fn documents(docs: &Bound<'_, PyAny>) -> PyResult<(Vec<Document>, Vec<usize>)> {
    let mut out = Vec::new();
    let mut at = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let items = docs.try_iter().map_err(|_| {
        PyValueError::new_err(format!(
            "docs must be an iterable of str or dict, got {}",
            type_name(docs)
        ))
    })?;
    for (index, item) in items.enumerate() {
        let Some(doc) = document(index, &item?)? else {
            continue;
        };
        if let Some(first) = seen.insert(doc.id.clone(), index) {
            return Err(bad_doc(
                index,
                format!("duplicate id {:?}, first used by document {first}", doc.id),
            ));
        }
        out.push(doc);
        at.push(index);
    }
    Ok((out, at))
}

/// Extracts one window of documents in parallel, in input order. A panic
/// is a bug; it is caught per document so that it can name the document.
fn extract_window(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    docs: &[Document],
) -> Vec<std::thread::Result<Extraction>> {
    use rayon::prelude::*;
    pool.install(|| {
        docs.par_iter()
            .map(|doc| catch_unwind(AssertUnwindSafe(|| pipeline.extract(doc))))
            .collect()
    })
}

/// Where one kind of row goes: a list of dicts keyed by the columns, or one
/// list per column (for data frames, which are built column by column and
/// would only take the dicts apart again).
enum Sink<'py> {
    /// The list, and a dict of every column (values None) whose copies
    /// become the rows: a copy already has room for every key, where a new
    /// dict would grow its table at the sixth.
    Dicts(Bound<'py, PyList>, Bound<'py, PyDict>),
    Columns(Vec<Bound<'py, PyList>>),
}

/// Turns rows into Python values through the cells the CSV and JSON Lines
/// encoders write ([`Row::each_cell`]): the same values, in the same column
/// order, without the CSV's formula apostrophe.
struct Rows<'py, R> {
    py: Python<'py>,
    keys: Vec<Bound<'py, PyString>>,
    sink: Sink<'py>,
    /// Short values already made into `str`s: labels, sources, canonical
    /// names, places and most mention texts recur thousands of times, and
    /// a look-up costs less than a new `str` (and shares its memory).
    strings: RefCell<FxHashMap<Box<str>, Bound<'py, PyString>>>,
    kind: std::marker::PhantomData<R>,
}

impl<'py, R: Row> Rows<'py, R> {
    fn new(py: Python<'py>, columnar: bool) -> PyResult<Rows<'py, R>> {
        // The document id is taken from the caller, not the row (one `str`
        // shared by all of a document's rows): it must be the first column.
        debug_assert_eq!(R::COLUMNS.first(), Some(&"doc_id"));
        let keys: Vec<_> = R::COLUMNS.iter().map(|c| PyString::intern(py, c)).collect();
        let sink = if columnar {
            Ok(Sink::Columns(
                R::COLUMNS.iter().map(|_| PyList::empty(py)).collect(),
            ))
        } else {
            let template = PyDict::new(py);
            keys.iter()
                .try_for_each(|k| template.set_item(k, py.None()))
                .map(|()| Sink::Dicts(PyList::empty(py), template))
        };
        Ok(Rows {
            py,
            keys,
            sink: sink?,
            strings: RefCell::new(FxHashMap::default()),
            kind: std::marker::PhantomData,
        })
    }

    /// `s` as a `str`, shared with earlier equal values when short.
    fn text(&self, s: &str) -> Bound<'py, PyString> {
        // Longer texts (evidence sentences) are nearly all distinct; the
        // cap bounds the table on corpora of many distinct names.
        const SHORT: usize = 48;
        const MAX_ENTRIES: usize = 1 << 16;
        if s.len() > SHORT {
            return PyString::new(self.py, s);
        }
        let mut strings = self.strings.borrow_mut();
        if let Some(v) = strings.get(s) {
            return v.clone();
        }
        let v = PyString::new(self.py, s);
        if strings.len() < MAX_ENTRIES {
            strings.insert(s.into(), v.clone());
        }
        v
    }

    /// Calls `f` with each column's position and the row's value there.
    fn each_value(
        &self,
        row: &R,
        doc_id: &Bound<'py, PyString>,
        mut f: impl FnMut(usize, Bound<'py, PyAny>) -> PyResult<()>,
    ) -> PyResult<()> {
        let py = self.py;
        let mut err = None;
        let mut k = 0;
        // each_cell stops at the first error; a Python error is kept aside
        // and returned after it (the callback speaks io::Result).
        let _ = row.each_cell(|cell| {
            let at = k;
            k += 1;
            let value: PyResult<Bound<'py, PyAny>> = match cell {
                _ if at == 0 => Ok(doc_id.clone().into_any()),
                Cell::Text(s) => Ok(self.text(&s).into_any()),
                Cell::Int(n) => Ok(PyInt::new(py, n).into_any()),
                Cell::Empty => Ok(py.None().into_bound(py)),
            };
            value.and_then(|v| f(at, v)).map_err(|e| {
                err = Some(e);
                std::io::Error::other("python")
            })
        });
        err.map_or(Ok(()), Err)
    }

    fn add(&self, row: &R, doc_id: &Bound<'py, PyString>) -> PyResult<()> {
        match &self.sink {
            Sink::Dicts(list, template) => {
                let dict = template.copy()?;
                self.each_value(row, doc_id, |k, v| dict.set_item(&self.keys[k], v))?;
                list.append(dict)
            }
            Sink::Columns(cols) => self.each_value(row, doc_id, |k, v| cols[k].append(v)),
        }
    }

    /// The rows: a list of dicts, or a dict of column lists.
    fn finish(self) -> PyResult<Bound<'py, PyAny>> {
        match self.sink {
            Sink::Dicts(list, _) => Ok(list.into_any()),
            Sink::Columns(cols) => {
                let dict = PyDict::new(self.py);
                for (key, col) in self.keys.iter().zip(cols) {
                    dict.set_item(key, col)?;
                }
                Ok(dict.into_any())
            }
        }
    }
}

/// extract(docs, threads=None, gazetteers=None, extra_gazetteers=(),
/// columnar=False) -> (events, entities): see `khabar.extract`. With
/// `columnar`, each is a dict of column lists instead of a list of dicts.
#[pyfunction]
#[pyo3(signature = (docs, threads=None, gazetteers=None, extra_gazetteers=Vec::new(), columnar=false))]
fn extract<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    threads: Option<usize>,
    gazetteers: Option<PathBuf>,
    extra_gazetteers: Vec<PathBuf>,
    columnar: bool,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    if threads == Some(0) {
        return Err(PyValueError::new_err(
            "threads must be at least 1 (None: one per core)",
        ));
    }
    let (docs, at) = documents(docs)?;
    let key = (
        gazetteers.map(absolute),
        extra_gazetteers.into_iter().map(absolute).collect(),
    );
    let (pool, pipeline) = py.detach(|| -> Result<_, Failure> {
        let pool = pool(threads.unwrap_or(0))?;
        let pipeline = pipeline(key, &pool)?;
        Ok((pool, pipeline))
    })?;

    let events = Rows::<EventRecord>::new(py, columnar)?;
    let entities = Rows::<EntityRecord>::new(py, columnar)?;
    std::thread::scope(|scope| -> PyResult<()> {
        // The extractor runs window after window without the GIL, at most
        // one window ahead of the conversion (memory stays bounded by two
        // windows of rows besides the dicts).
        let (tx, rx) = mpsc::sync_channel::<Vec<std::thread::Result<Extraction>>>(1);
        // A receiver may not be shared between threads, but a lock around
        // it may, and waiting without the GIL needs that.
        let rx = Mutex::new(rx);
        let (pool, pipeline, docs) = (&pool, &pipeline, &docs);
        scope.spawn(move || {
            for window in docs.chunks(WINDOW) {
                if tx.send(extract_window(pipeline, pool, window)).is_err() {
                    break; // the conversion stopped on an error
                }
            }
        });
        let mut base = 0;
        loop {
            // Waiting for the workers is done without the GIL, so that other
            // Python threads run meanwhile.
            let next = py.detach(|| rx.lock().unwrap_or_else(PoisonError::into_inner).recv());
            let Ok(results) = next else {
                break;
            };
            for (i, result) in results.into_iter().enumerate() {
                let n = base + i;
                match result {
                    Ok(x) if x.events.is_empty() && x.entities.is_empty() => {}
                    Ok(x) => {
                        let id = PyString::new(py, &docs[n].id);
                        for row in &x.events {
                            debug_assert_eq!(row.doc_id, docs[n].id);
                            events.add(row, &id)?;
                        }
                        for row in &x.entities {
                            debug_assert_eq!(row.doc_id, docs[n].id);
                            entities.add(row, &id)?;
                        }
                    }
                    Err(p) => {
                        return Err(Failure::Panic {
                            index: at[n],
                            id: docs[n].id.clone(),
                            message: khabar::error::panic_message(p.as_ref()),
                        }
                        .into())
                    }
                }
            }
            base += WINDOW;
        }
        Ok(())
    })?;
    Ok((events.finish()?, entities.finish()?))
}

/// main(argv) -> int: runs the `khabar` command (argv[0] is the program
/// name) and returns its exit status.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| {
        let code = khabar::cli::main(argv);
        // Rust's standard output is buffered and, in a library, not flushed
        // at exit as a Rust program's is.
        let _ = std::io::stdout().flush();
        code
    })
}

/// The column names of the two row kinds, in order (the output contract's).
#[pymodule]
fn _khabar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add("EVENT_COLUMNS", EventRecord::COLUMNS.to_vec())?;
    m.add("ENTITY_COLUMNS", EntityRecord::COLUMNS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
