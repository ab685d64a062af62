//! Text analysis shared by the extractors: sentences, numbers, names,
//! spans and the word patterns of the vocabulary.

pub mod names;
pub mod numbers;
pub mod sentences;
pub mod span;
pub mod wordpattern;
