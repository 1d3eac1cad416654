//! khabar: news articles in, event tuples and entities out.
//!
//! A document passes through named stages, one module each:
//!
//! ```text
//! read → clean → segment → gazetteer match → recognize → events → output
//! ```
//!
//! [`Pipeline`] is built once (gazetteers compiled into one automaton) and
//! shared by reference across threads; [`Pipeline::extract`] runs one document
//! through every stage and depends on that document alone.
//!
//! ```
//! use khabar::{Document, Pipeline};
//! let pipeline = Pipeline::with_default_gazetteers().unwrap();
//! let doc = Document::from_text("a.txt", "BAKU, May 5 (AZERTAC). Foreign Minister \
//!     Jeyhun Bayramov met with his Georgian counterpart in Baku on May 4.");
//! let out = pipeline.extract(&doc);
//! assert_eq!(out.events[0].event_type, "meeting");
//! ```

// The command line's modules name this crate `khabar::...`, as they did when
// they were part of the binary: this makes that name resolve here too.
extern crate self as khabar;

pub mod clean;
#[doc(hidden)] // the `khabar` command's code, not a library API
pub mod cli;
pub mod date;
pub mod document;
pub mod error;
pub mod eval;
pub mod events;
pub mod gazetteer;
pub mod mention;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod recognize;
pub mod record;
pub mod segment;
pub mod text;

pub use date::{Date, DateValue};
pub use document::{Document, Origin};
pub use error::Error;
pub use pipeline::Pipeline;
pub use record::{EntityRecord, EventRecord, Extraction};
