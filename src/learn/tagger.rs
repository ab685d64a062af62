//! Training the name tagger (`crate::decide::tagger`): the gold files list
//! every name and alias of an organisation as written, so every place the
//! text writes one is a name; the tagger learns the tags of those words
//! with an averaged perceptron (the same sentences in the same order give
//! the same weights).

use std::collections::HashMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::corpus::Annotated;
use crate::decide::Context;
use crate::decide::tagger::{self, Tagger, Token};
use crate::extract::{Document, Facts};

/// Where the text writes a name of one of the gold organisations (listed
/// or optional): whole words, longest first, not overlapping.
pub fn gold_spans(a: &Annotated) -> Vec<Range<usize>> {
    let text = &a.article.text;
    let mut forms: Vec<&str> = a
        .gold
        .organisations
        .iter()
        .chain(&a.gold.optional_organisations)
        .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
        .map(String::as_str)
        .filter(|f| f.chars().count() >= 2)
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    let mut taken: Vec<Range<usize>> = Vec::new();
    for form in forms {
        for (at, _) in text.match_indices(form) {
            let span = at..at + form.len();
            let edge_before = !text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let edge_after = !text[span.end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            if edge_before
                && edge_after
                && !taken
                    .iter()
                    .any(|t| t.start < span.end && span.start < t.end)
            {
                taken.push(span);
            }
        }
    }
    taken.sort_by_key(|s| s.start);
    taken
}

/// The gold tags of a sentence's tokens.
pub fn gold_tags(tokens: &[Token], spans: &[Range<usize>]) -> Vec<usize> {
    let mut tags = vec![0; tokens.len()];
    for span in spans {
        let mut first = true;
        for (i, t) in tokens.iter().enumerate() {
            if t.start >= span.start && t.end <= span.end {
                tags[i] = if first { 1 } else { 2 };
                first = false;
            }
        }
    }
    tags
}

/// One sentence to learn from.
pub struct Sentence {
    pub features: Vec<Vec<u64>>,
    pub tags: Vec<usize>,
}

/// The sentences of an article with their features and gold tags; the
/// names of the features go into `names`.
pub fn sentences(
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    a: &Annotated,
    names: &mut HashMap<u64, String>,
) -> Vec<Sentence> {
    let spans = gold_spans(a);
    doc.sentences
        .iter()
        .map(|range| {
            let tokens = tagger::tokens(doc.text, range);
            let f = tagger::features(cx, doc, facts, &tokens, true);
            for (hs, ns) in f.hashes.iter().zip(f.names.iter().flatten()) {
                for (h, n) in hs.iter().zip(ns) {
                    names.entry(*h).or_insert_with(|| n.clone());
                }
            }
            Sentence {
                tags: gold_tags(&tokens, &spans),
                features: f.hashes,
            }
        })
        .collect()
}

/// An averaged perceptron over `epochs` passes.
pub fn train(sentences: &[&Sentence], epochs: usize) -> Tagger {
    let mut w: FxHashMap<u64, [f64; 3]> = FxHashMap::default();
    // Sum of (step * update), for the average: w - u / steps.
    let mut u: FxHashMap<u64, [f64; 3]> = FxHashMap::default();
    let mut trans = [[0.0f64; 3]; 4];
    let mut trans_u = [[0.0f64; 3]; 4];
    let mut step = 1.0f64;
    for _ in 0..epochs {
        for s in sentences {
            if s.tags.is_empty() {
                continue;
            }
            let guess = decode(&w, &trans, &s.features);
            if guess != s.tags {
                for (i, (g, t)) in guess.iter().zip(&s.tags).enumerate() {
                    let prev_g = if i == 0 { 3 } else { guess[i - 1] };
                    let prev_t = if i == 0 { 3 } else { s.tags[i - 1] };
                    if g != t || prev_g != prev_t {
                        trans[prev_t][*t] += 1.0;
                        trans_u[prev_t][*t] += step;
                        trans[prev_g][*g] -= 1.0;
                        trans_u[prev_g][*g] -= step;
                    }
                    if g != t {
                        for h in &s.features[i] {
                            let wv = w.entry(*h).or_default();
                            wv[*t] += 1.0;
                            wv[*g] -= 1.0;
                            let uv = u.entry(*h).or_default();
                            uv[*t] += step;
                            uv[*g] -= step;
                        }
                    }
                }
            }
            step += 1.0;
        }
    }
    let mut avg_w: FxHashMap<u64, [f32; 3]> = FxHashMap::default();
    for (k, v) in &w {
        let uv = u.get(k).copied().unwrap_or_default();
        let a = [0, 1, 2].map(|t| (v[t] - uv[t] / step) as f32);
        if a.iter().any(|x| x.abs() >= 0.01) {
            avg_w.insert(*k, a);
        }
    }
    let mut avg_t = [[0.0f32; 3]; 4];
    for p in 0..4 {
        for t in 0..3 {
            avg_t[p][t] = (trans[p][t] - trans_u[p][t] / step) as f32;
        }
    }
    Tagger {
        weights: avg_w,
        transitions: avg_t,
    }
}

/// Viterbi over f64 weights (the same as `Tagger::decode`).
fn decode(
    w: &FxHashMap<u64, [f64; 3]>,
    trans: &[[f64; 3]; 4],
    features: &[Vec<u64>],
) -> Vec<usize> {
    let n = features.len();
    let emit = |hs: &[u64]| {
        let mut s = [0.0f64; 3];
        for h in hs {
            if let Some(v) = w.get(h) {
                for t in 0..3 {
                    s[t] += v[t];
                }
            }
        }
        s
    };
    let mut score = vec![[f64::NEG_INFINITY; 3]; n];
    let mut back = vec![[0usize; 3]; n];
    let e0 = emit(&features[0]);
    for t in [0, 1] {
        score[0][t] = e0[t] + trans[3][t];
    }
    for i in 1..n {
        let e = emit(&features[i]);
        for t in 0..3 {
            for p in 0..3 {
                if t == 2 && p == 0 {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t] + e[t];
                if s > score[i][t] {
                    score[i][t] = s;
                    back[i][t] = p;
                }
            }
        }
    }
    let mut best = (0..3)
        .max_by(|a, b| score[n - 1][*a].total_cmp(&score[n - 1][*b]))
        .unwrap_or(0);
    let mut tags = vec![0; n];
    for i in (0..n).rev() {
        tags[i] = best;
        best = back[i][best];
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_to_tag_a_capitalised_word_after_firma() {
        // Feature 1: "after Firma", feature 2: a plain word.
        let s1 = Sentence {
            features: vec![vec![2], vec![1], vec![2]],
            tags: vec![0, 1, 0],
        };
        let s2 = Sentence {
            features: vec![vec![1], vec![2]],
            tags: vec![1, 0],
        };
        let t = train(&[&s1, &s2], 5);
        assert_eq!(t.decode(&[vec![2], vec![1]]), vec![0, 1]);
    }

    #[test]
    fn gold_tags_cover_the_name() {
        let tokens = vec![0..3, 4..9, 10..14, 15..18];
        let name = 4..14;
        assert_eq!(
            gold_tags(&tokens, std::slice::from_ref(&name)),
            vec![0, 1, 2, 0]
        );
    }
}
