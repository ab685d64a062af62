//! A sequence tagger for organisation names: each word of a sentence is
//! outside a name (O), begins one (B) or continues one (I), chosen for the
//! whole sentence at once (Viterbi) from the words' features and the tag
//! before. Trained on the names the gold annotations list
//! (`crate::learn::tagger`), it proposes names where the rules' finders see
//! none and marks the rules' candidates it agrees with; the organisation
//! decision weighs both.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::Context;
use super::features::hash_value;
use crate::extract::{
    Document, Evidence, Facts, Finder, OrgIdentity, OrgKind, OrgMention, Organisation,
};
use crate::text::names;

/// The tags, in the order of weight columns.
pub const TAGS: [&str; 3] = ["O", "B", "I"];
const O: usize = 0;
const B: usize = 1;
const I: usize = 2;

/// Weights per feature and tag, and per transition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagger {
    pub weights: FxHashMap<u64, [f32; 3]>,
    /// `transitions[previous][tag]`; `previous` 3 is the start.
    pub transitions: [[f32; 3]; 4],
}

/// A word of a sentence: its byte range in the text.
pub type Token = Range<usize>;

/// The words of `range` of `text`: letters and digits, with the dots,
/// hyphens, apostrophes and ampersands inside names ("U.S.", "Rolls-Royce",
/// "AT&T", "Kaiser's"); other punctuation one token per character.
pub fn tokens(text: &str, range: &Range<usize>) -> Vec<Token> {
    let s = &text[range.clone()];
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(range.start + i..range.start + i + c.len_utf8());
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            // A joiner stays when a letter or digit follows it.
            let joins = matches!(d, '.' | '-' | '\'' | '’' | '&');
            let next = s[j + d.len_utf8()..].chars().next();
            if joins && next.is_some_and(char::is_alphanumeric) {
                chars.next();
                end = j + d.len_utf8();
                continue;
            }
            // "Inc.", "Co.", "Ltd.": a legal form keeps its dot.
            if d == '.' && names::LEGAL_FORMS.contains(&format!("{}.", &s[i..end]).as_str()) {
                chars.next();
                end = j + 1;
            }
            break;
        }
        out.push(range.start + i..range.start + end);
    }
    out
}

/// A word's shape: X for capitals, x for lower case, 9 for digits, runs
/// folded ("Xx", "X", "xXx", "X9").
fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            '9'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

use super::words::lower;

/// The first or last `n` characters of a (lower-case) word, borrowed.
fn affix(word: &str, n: usize, end: bool) -> &str {
    if end {
        let at = word
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        &word[at..]
    } else {
        let at = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
        &word[..at]
    }
}

/// The features of every token of a sentence, as (template, value) names
/// when `names` is set (training) and as hashes always.
pub struct SentenceFeatures {
    pub hashes: Vec<Vec<u64>>,
    pub names: Option<Vec<Vec<String>>>,
}

/// What the rules' finders said of each token: the finder of a mention
/// that covers it, and whether the token begins that mention.
fn rule_marks(facts: &Facts, tokens: &[Token]) -> Vec<Option<(Finder, bool)>> {
    tokens
        .iter()
        .map(|t| {
            let at = facts
                .mentions
                .partition_point(|m| m.evidence.span.end <= t.start);
            facts.mentions[at..]
                .iter()
                .take_while(|m| m.evidence.span.start < t.end)
                .find(|m| m.evidence.span.start <= t.start && t.end <= m.evidence.span.end)
                .map(|m| {
                    let finder = facts
                        .organisations
                        .get(m.org)
                        .and_then(|o| o.found_by.iter().next_back().copied())
                        .unwrap_or(Finder::Run);
                    (finder, m.evidence.span.start == t.start)
                })
        })
        .collect()
}

pub fn features(
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    tokens: &[Token],
    keep_names: bool,
) -> SentenceFeatures {
    let text = doc.text;
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.clone()]).collect();
    // Each word's lower case and shape once: neighbours reuse them.
    let lowers: Vec<std::borrow::Cow<'_, str>> = words.iter().map(|w| lower(w)).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
    let marks = rule_marks(facts, tokens);
    let mut hashes = Vec::with_capacity(tokens.len());
    let mut all_names = keep_names.then(Vec::new);
    let lang = doc.lang.code();
    for (i, word) in words.iter().enumerate() {
        let mut h = Vec::with_capacity(20);
        let mut n = keep_names.then(Vec::new);
        let mut add = |template: &'static str, value: &[&str]| {
            h.push(hash_value(template, value));
            if let Some(n) = &mut n {
                n.push(format!("{template}={}", value.concat()));
            }
        };
        let low: &str = &lowers[i];
        let sh = shapes[i].as_str();
        let cap = word.starts_with(char::is_uppercase);
        add("tag.bias", &["1"]);
        add("tag.w", &[low]);
        add("tag.s", &[sh]);
        add("tag.p3", &[affix(low, 3, false)]);
        add("tag.s3", &[affix(low, 3, true)]);
        add("tag.s4", &[affix(low, 4, true)]);
        add("tag.lang", &[lang, ":", sh]);
        if i == 0 {
            add("tag.start", &[if cap { "cap" } else { "lower" }]);
        }
        add("tag.cap", &[lang, ":", if cap { "cap" } else { "no" }]);
        match i.checked_sub(1) {
            Some(j) => {
                add("tag.w-1", &[&lowers[j]]);
                add("tag.s-1", &[&shapes[j]]);
            }
            None => {
                add("tag.w-1", &["^"]);
                add("tag.s-1", &["^"]);
            }
        }
        match lowers.get(i + 1) {
            Some(next) => {
                add("tag.w+1", &[next]);
                add("tag.s+1", &[&shapes[i + 1]]);
            }
            None => {
                add("tag.w+1", &["$"]);
                add("tag.s+1", &["$"]);
            }
        }
        match marks[i] {
            Some((finder, begins)) => {
                add(
                    "tag.rule",
                    &[finder.name(), if begins { ":B" } else { ":I" }],
                );
            }
            None => add("tag.rule", &["none"]),
        }
        // Word lists hold words: punctuation and numbers need no lookup.
        if word.starts_with(char::is_alphabetic) {
            if cx.common_words.contains(*word) {
                add("tag.common", &["1"]);
            }
            if cap && cx.given_names.contains(*word) {
                add("tag.given", &["1"]);
            }
            if cx.places.word(word).is_some() {
                add("tag.place", &["1"]);
            }
            if cap && names::LEGAL_FORMS.contains(word) {
                add("tag.legal", &["1"]);
            }
        }
        hashes.push(h);
        if let (Some(all), Some(n)) = (&mut all_names, n) {
            all.push(n);
        }
    }
    SentenceFeatures {
        hashes,
        names: all_names,
    }
}

impl Tagger {
    /// Scores of each tag for a token.
    fn emissions(&self, hashes: &[u64]) -> [f32; 3] {
        let mut s = [0.0f32; 3];
        for h in hashes {
            if let Some(w) = self.weights.get(h) {
                for t in 0..3 {
                    s[t] += w[t];
                }
            }
        }
        s
    }

    /// The best tags for a sentence (an I never follows an O).
    pub fn decode(&self, features: &[Vec<u64>]) -> Vec<usize> {
        let n = features.len();
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![[f32::NEG_INFINITY; 3]; n];
        let mut back = vec![[0usize; 3]; n];
        let e0 = self.emissions(&features[0]);
        for t in [O, B] {
            score[0][t] = e0[t] + self.transitions[3][t];
        }
        for i in 1..n {
            let e = self.emissions(&features[i]);
            for t in 0..3 {
                for p in 0..3 {
                    if t == I && p == O {
                        continue;
                    }
                    let s = score[i - 1][p] + self.transitions[p][t] + e[t];
                    if s > score[i][t] {
                        score[i][t] = s;
                        back[i][t] = p;
                    }
                }
            }
        }
        let mut best = (0..3)
            .max_by(|a, b| score[n - 1][*a].total_cmp(&score[n - 1][*b]))
            .unwrap_or(O);
        let mut tags = vec![O; n];
        for i in (0..n).rev() {
            tags[i] = best;
            best = back[i][best];
        }
        tags
    }
}

/// The spans the tags mark as names.
pub fn spans(tokens: &[Token], tags: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (t, tag) in tokens.iter().zip(tags) {
        match *tag {
            B => out.push(t.clone()),
            I => {
                if let Some(last) = out.last_mut() {
                    last.end = t.end;
                }
            }
            _ => {}
        }
    }
    out
}

/// Tags every sentence and adds what the tagger reads as names: it marks
/// the organisations whose mention it finds exactly, and proposes the
/// names no finder claimed.
pub fn apply(tagger: &Tagger, cx: &Context, doc: &Document<'_>, facts: &mut Facts) {
    let mut found: Vec<Range<usize>> = Vec::new();
    for range in &doc.sentences {
        let tokens = tokens(doc.text, range);
        let f = features(cx, doc, facts, &tokens, false);
        let tags = tagger.decode(&f.hashes);
        found.extend(spans(&tokens, &tags));
    }
    add_spans(doc.text, &found, facts);
}

/// Adds tagged spans to the facts (see [`apply`]).
pub fn add_spans(text: &str, found: &[Range<usize>], facts: &mut Facts) {
    let mut new_mentions = Vec::new();
    for span in found {
        let at = facts
            .mentions
            .partition_point(|m| m.evidence.span.end <= span.start);
        let overlapping: Vec<usize> = facts.mentions[at..]
            .iter()
            .enumerate()
            .take_while(|(_, m)| m.evidence.span.start < span.end)
            .map(|(i, _)| at + i)
            .collect();
        if let Some(&exact) = overlapping
            .iter()
            .find(|&&i| facts.mentions[i].evidence.span == *span)
        {
            let org = facts.mentions[exact].org;
            facts.organisations[org].found_by.insert(Finder::Tagger);
            continue;
        }
        if !overlapping.is_empty() {
            continue;
        }
        let name = text[span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let Some(key) = names::key(&name) else {
            continue;
        };
        let identity = OrgIdentity::Named(key);
        let org = match facts.organisations.iter().position(|o| o.id == identity) {
            Some(i) => i,
            None => {
                facts.organisations.push(Organisation {
                    id: identity,
                    label: names::without_legal_form(&name).to_owned(),
                    forms: Default::default(),
                    kind: if names::has_legal_form(&name) {
                        OrgKind::Company
                    } else {
                        OrgKind::Other
                    },
                    country: None,
                    parent: None,
                    found_by: [Finder::Tagger].into(),
                });
                facts.organisations.len() - 1
            }
        };
        facts.organisations[org].forms.insert(name);
        facts.organisations[org].found_by.insert(Finder::Tagger);
        new_mentions.push(OrgMention {
            org,
            evidence: Evidence::new(span.clone(), 0.5),
        });
    }
    if !new_mentions.is_empty() {
        facts.mentions.extend(new_mentions);
        facts
            .mentions
            .sort_by_key(|m| (m.evidence.span.start, m.org));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_names_whole() {
        let text = "Die US-Behörde sperrt Rolls-Royce, AT&T und Kaiser's Tengelmann Inc. heute.";
        let words: Vec<&str> = tokens(text, &(0..text.len()))
            .into_iter()
            .map(|t| &text[t])
            .collect();
        assert_eq!(
            words,
            [
                "Die",
                "US-Behörde",
                "sperrt",
                "Rolls-Royce",
                ",",
                "AT&T",
                "und",
                "Kaiser's",
                "Tengelmann",
                "Inc.",
                "heute",
                "."
            ]
        );
    }

    #[test]
    fn decoding_never_continues_outside_a_name() {
        let mut t = Tagger::default();
        // A feature that strongly says "I" on its own.
        t.weights.insert(1, [0.0, 0.0, 5.0]);
        let tags = t.decode(&[vec![1], vec![1]]);
        assert_ne!(tags[0], I, "{tags:?}");
        let spans = spans(&[0..3, 4..7], &[B, I]);
        assert_eq!(spans, vec![0..7]);
    }
}
