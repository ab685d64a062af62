//! Extractors: each reads a [`Document`] and adds what it finds to [`Facts`].
//!
//! Extractors run in the order of [`Pipeline::standard`]; a later one may use
//! what earlier ones found (bans need organisations and dates), never the
//! other way round. Adding an extractor is adding a file with a type that
//! implements [`Extractor`] and one line in `Pipeline::standard`.

use std::ops::Range;

use crate::date::PartialDate;
use crate::lang::Lang;
use crate::text::sentences;
use crate::vocab::Vocabulary;

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

/// The extractors in dependency order.
pub struct Pipeline {
    extractors: Vec<Box<dyn Extractor>>,
}

impl Pipeline {
    /// Every extractor newsgraph has, reading `vocab`.
    pub fn standard(vocab: &Vocabulary) -> Self {
        let ban_words = std::sync::Arc::new(bans::BanLexicon::new(&vocab.ban_kinds));
        Self::new(vec![
            Box::new(dates::DateExtractor::new()),
            Box::new(organisations::OrganisationExtractor::new(vocab)),
            Box::new(employees::EmployeeExtractor::new(vocab)),
            Box::new(bans::BanExtractor::with_words(
                vocab,
                std::sync::Arc::clone(&ban_words),
            )),
            Box::new(bans::RegulatorExtractor::with_words(ban_words)),
        ])
    }

    pub fn new(extractors: Vec<Box<dyn Extractor>>) -> Self {
        Self { extractors }
    }

    pub fn extractors(&self) -> impl Iterator<Item = &dyn Extractor> {
        self.extractors.iter().map(|e| e.as_ref())
    }

    /// Runs every extractor over `doc`. An extractor that fails on odd
    /// input (a bug) loses only its own facts: the others still run, and
    /// the failure is listed in [`Facts::failures`].
    pub fn run(&self, doc: &Document<'_>) -> Facts {
        let mut facts = Facts::default();
        for extractor in &self.extractors {
            let before = facts.clone();
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                extractor.extract(doc, &mut facts);
            }));
            if let Err(panic) = ran {
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                facts = before;
                facts
                    .failures
                    .push(format!("{} extractor failed: {message}", extractor.name()));
            }
        }
        facts
    }
}
