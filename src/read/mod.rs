//! Stage 1, read: documents from files, folders, JSON Lines and stdin.
//! (Being written: see the reader helper's brief.)
