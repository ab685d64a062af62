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
    /// The entries with this form (several only for shared short forms
    /// like "Commission").
    pub entries: Vec<usize>,
    pub form: FormKind,
    /// The form continues as a hyphenated compound ("Huawei-Sprecher").
    pub compound: bool,
}

pub struct KnownNames {
    insensitive: Option<AhoCorasick>,
    sensitive: Option<AhoCorasick>,
    insensitive_forms: Vec<Form>,
    sensitive_forms: Vec<Form>,
}

/// What one distinct pattern stands for.
#[derive(Debug, Clone)]
struct Form {
    entries: Vec<usize>,
    kind: FormKind,
    capitalised: bool,
}

impl KnownNames {
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut insensitive = Forms::default();
        let mut sensitive = Forms::default();
        for (i, entry) in gazetteer.entries.iter().enumerate() {
            let others: Vec<&String> = entry.names.iter().chain(&entry.acronyms).collect();
            let names = || entry.names.iter().filter(|n| !is_description(n, &others));
            for name in names() {
                push(&mut insensitive, name, (i, FormKind::Name));
            }
            for name in names() {
                if let Some(declined) = declined_adjective(name) {
                    push_new(&mut insensitive, &declined, (i, FormKind::Name));
                }
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
            insensitive: build(&insensitive.patterns, true),
            sensitive: build(&sensitive.patterns, false),
            insensitive_forms: insensitive.forms,
            sensitive_forms: sensitive.forms,
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
                let form = &forms[m.pattern().as_usize()];
                // News capitalise names: "Apple" is the company, "apple" is not.
                let found_capital = text[m.start()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase);
                if form.capitalised && !found_capital {
                    continue;
                }
                if let Some(hit) = whole_word(text, m.start()..m.end(), &form.entries, form.kind) {
                    hits.push(hit);
                }
            }
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }
}

/// Distinct patterns and what each stands for.
#[derive(Default)]
struct Forms {
    patterns: Vec<String>,
    forms: Vec<Form>,
    index: std::collections::HashMap<(String, bool), usize>,
}

/// "Deutsche Bundesbank" after an article or preposition is "der
/// Deutschen Bundesbank", "Europäische Kommission" "der Europäischen
/// Kommission": the weak form of a leading German adjective.
fn declined_adjective(name: &str) -> Option<String> {
    let (first, rest) = name.split_once(' ')?;
    let adjective = first.chars().count() >= 5
        && first.ends_with('e')
        && first.starts_with(char::is_uppercase)
        && first.chars().all(char::is_alphabetic);
    adjective.then(|| format!("{first}n {rest}"))
}

/// Like [`push`], but only a form no entry has yet: a declined form must
/// not make another entry's name ambiguous.
fn push_new(list: &mut Forms, form: &str, entry: (usize, FormKind)) {
    let capitalised = form.starts_with(char::is_uppercase);
    if !list
        .index
        .contains_key(&(form.trim().to_lowercase(), capitalised))
    {
        push(list, form, entry);
    }
}

fn push(list: &mut Forms, form: &str, (entry, kind): (usize, FormKind)) {
    let form = form.trim();
    if form.chars().count() < 2 {
        return;
    }
    let capitalised = form.chars().next().is_some_and(char::is_uppercase);
    let key = if kind == FormKind::Name {
        form.to_lowercase()
    } else {
        form.to_owned()
    };
    if let Some(&at) = list.index.get(&(key.clone(), capitalised)) {
        let existing = &mut list.forms[at];
        if !existing.entries.contains(&entry) {
            existing.entries.push(entry);
        }
        return;
    }
    list.index.insert((key, capitalised), list.patterns.len());
    list.patterns.push(form.to_owned());
    list.forms.push(Form {
        entries: vec![entry],
        kind,
        capitalised,
    });
}

/// Names that describe rather than name ("Crypto exchange Kraken",
/// "Staatsreederei Cosco"): matching them would make the description part
/// of the organisation's name. A role word in front is a description only
/// when what follows is another name of the same entry ("Staatsreederei
/// Cosco", not "Bank of America" or "Landesbank Baden-Württemberg").
fn is_description(name: &str, names: &[&String]) -> bool {
    const CONNECTORS: &[&str] = &[
        "of", "for", "and", "the", "on", "de", "du", "des", "der", "die", "das", "für", "und",
        "la", "le", "per", "dei", "del", "della", "delle", "degli", "di", "da", "do", "dos", "in",
        "von", "van", "zu", "zur", "zum", "im", "et", "y", "e", "&", "den", "dem", "plc", "ltd",
        "inc", "gmbh", "mbh", "ag", "se", "sa", "spa", "bv", "nv", "kg",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return false;
    }
    let rest = words[1..].join(" ").to_lowercase();
    let role_before_name =
        super::cues::is_role_word(words[0]) && names.iter().any(|n| n.to_lowercase() == rest);
    let lowercase = |w: &&str| {
        w.starts_with(|c: char| c.is_lowercase())
            && !CONNECTORS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
    };
    role_before_name || lowercase(&words[0]) || words[1..].iter().any(lowercase)
}

fn whole_word(
    text: &str,
    mut span: Range<usize>,
    entries: &[usize],
    form: FormKind,
) -> Option<KnownHit> {
    if !starts_word(text, span.start) {
        return None;
    }
    // "indische Ministerium für ...": an adjective in front describes; the
    // name starts at the first capital.
    if text[span.clone()].starts_with(|c: char| c.is_lowercase())
        && text[span.clone()].contains(' ')
    {
        let skip = text[span.clone()]
            .find(|c: char| c.is_uppercase())
            .filter(|i| text[span.start + i..span.end].contains(' ') || *i > 0)?;
        span.start += skip;
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
        entries: entries.to_vec(),
        form,
        compound,
    })
}
