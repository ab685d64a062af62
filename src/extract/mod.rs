//! Extractors: each reads a [`Document`] and adds what it finds to [`Facts`].
//!
//! Extractors run in the order of [`crate::pipeline::Pipeline`]; a later one
//! may use what earlier ones found (bans need organisations and dates),
//! never the other way round. Adding an extractor is adding a file with a
//! type that implements [`Extractor`] and one line in the pipeline.

use std::ops::Range;

use crate::date::PartialDate;
use crate::lang::Lang;
use crate::text::sentences;

pub mod bans;
pub mod context;
pub mod dates;
pub mod employees;
pub mod facts;
pub mod lexicon;
pub mod organisations;
#[cfg(test)]
pub(crate) mod testing;

pub use facts::*;

/// One kind of fact finder.
pub trait Extractor: Send + Sync {
    /// Short name used in statistics and benchmarks (`dates`, `bans`, ...).
    fn name(&self) -> &'static str;

    /// Adds what this extractor finds in `doc` to `facts`.
    fn extract(&self, doc: &Document<'_>, facts: &mut Facts);
}

/// An article's text prepared for extraction.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lang: Lang,
    /// The publication date relative expressions are resolved against.
    pub published: Option<PartialDate>,
    /// Byte ranges of the sentences, in text order, covering every
    /// non-blank part of the text.
    pub sentences: Vec<Range<usize>>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str, lang: Lang, published: Option<PartialDate>) -> Self {
        Self {
            text,
            lang,
            published,
            sentences: sentences::split(text),
        }
    }

    /// Index of the sentence that holds byte offset `at` (the nearest one
    /// before it when `at` falls between sentences).
    pub fn sentence_at(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= at)
            .saturating_sub(1)
    }

    /// The sentence's text.
    pub fn sentence_text(&self, index: usize) -> &'a str {
        self.sentences
            .get(index)
            .map_or("", |r| &self.text[r.clone()])
    }
}
