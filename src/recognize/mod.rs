//! Stage 5, recognize what no gazetteer lists: dates, titles and people.
pub mod dates;
pub mod names;
pub mod people;
pub mod places;
