//! Matching the gazetteer's names in text in one pass.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::extract::lexicon::starts_word;
use crate::vocab::Gazetteer;

/// How a gazetteer form may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// A full name: case-insensitive (ASCII letters).
    Name,
    /// An acronym: exact case.
    Acronym,
    /// Counts only after a full name of the same entry in the article.
    Short,
    /// A seat standing for a government; only in actor position.
    Metonym,
}

/// A gazetteer form found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownHit {
    /// The form itself, without a genitive `s` or a compound tail.
    pub span: Range<usize>,
    pub entry: usize,
    pub form: FormKind,
    /// The form continues as a hyphenated compound ("Huawei-Sprecher").
    pub compound: bool,
}

pub struct KnownNames {
    insensitive: Option<AhoCorasick>,
    sensitive: Option<AhoCorasick>,
    insensitive_forms: Vec<(usize, FormKind, bool)>,
    sensitive_forms: Vec<(usize, FormKind, bool)>,
}

impl KnownNames {
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut insensitive = (Vec::new(), Vec::new());
        let mut sensitive = (Vec::new(), Vec::new());
        for (i, entry) in gazetteer.entries.iter().enumerate() {
            for name in &entry.names {
                push(&mut insensitive, name, (i, FormKind::Name));
            }
            for acronym in &entry.acronyms {
                push(&mut sensitive, acronym, (i, FormKind::Acronym));
            }
            for short in &entry.short_forms {
                push(&mut sensitive, short, (i, FormKind::Short));
            }
            for metonym in &entry.metonyms {
                push(&mut sensitive, metonym, (i, FormKind::Metonym));
            }
        }
        let build = |patterns: &[String], case_insensitive: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(case_insensitive)
                .build(patterns)
                .ok()
        };
        Self {
            insensitive: build(&insensitive.0, true),
            sensitive: build(&sensitive.0, false),
            insensitive_forms: insensitive.1,
            sensitive_forms: sensitive.1,
        }
    }

    /// Every gazetteer form in `text` as a whole word, also with a German
    /// genitive `s` ("Huaweis") or as the first part of a hyphenated
    /// compound ("Kaspersky-Software").
    pub fn find(&self, text: &str) -> Vec<KnownHit> {
        let mut hits = Vec::new();
        for (matcher, forms) in [
            (&self.insensitive, &self.insensitive_forms),
            (&self.sensitive, &self.sensitive_forms),
        ] {
            let Some(matcher) = matcher else { continue };
            for m in matcher.find_iter(text) {
                let (entry, form, capitalised) = forms[m.pattern().as_usize()];
                // News capitalise names: "Apple" is the company, "apple" is not.
                let found_capital = text[m.start()..].chars().next().is_some_and(char::is_uppercase);
                if capitalised && !found_capital {
                    continue;
                }
                if let Some(hit) = whole_word(text, m.start()..m.end(), entry, form) {
                    hits.push(hit);
                }
            }
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }
}

type Forms = (Vec<String>, Vec<(usize, FormKind, bool)>);

fn push(list: &mut Forms, form: &str, (entry, kind): (usize, FormKind)) {
    let form = form.trim();
    if form.chars().count() >= 2 {
        let capitalised = form.chars().next().is_some_and(char::is_uppercase);
        list.0.push(form.to_owned());
        list.1.push((entry, kind, capitalised));
    }
}

fn whole_word(text: &str, span: Range<usize>, entry: usize, form: FormKind) -> Option<KnownHit> {
    if !starts_word(text, span.start) {
        return None;
    }
    let rest = &text[span.end..];
    let last = text[..span.end].chars().next_back();
    let mut next = rest.chars();
    let compound = match next.next() {
        None => false,
        Some('-') => next.next().is_some_and(char::is_alphanumeric),
        Some('s') if last.is_some_and(char::is_alphabetic) => {
            // A genitive "s" only on names, not on acronyms ("BSIs" is rare,
            // "SECs" is a plural).
            if form != FormKind::Name || next.next().is_some_and(char::is_alphanumeric) {
                return None;
            }
            false
        }
        Some(c) if c.is_alphanumeric() => return None,
        Some(_) => false,
    };
    Some(KnownHit {
        span,
        entry,
        form,
        compound,
    })
}
