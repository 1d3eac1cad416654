//! `khabar eval`: scoring against hand-annotated gold. (Being written.)
