//! Stage 5, recognize what no gazetteer lists: dates, titles, people.
pub mod dates;
