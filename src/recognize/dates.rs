//! Dates in running text, resolved to the contract's ISO forms. (Being written.)
