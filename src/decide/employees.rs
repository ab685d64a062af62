//! Which head counts are stated, and whose: a candidate is a count the
//! rules found paired with each organisation it may belong to (the one the
//! rules chose, those named in its sentence, the company named last before
//! it, the company the article is about). Per count the best organisation
//! wins, if the model accepts it.

use super::features::{Features, bucket};
use super::model::Binary;
use super::organisations::{certainties, kind_name};
use super::words::{after, before, word_index};
use super::{Candidate, Context, Key};
use crate::extract::context::{company_before, main_company, mentions_in};
use crate::extract::{Document, Facts, OrgId};

pub fn candidates(
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    keep_names: bool,
) -> Vec<Candidate> {
    let text = doc.text;
    let main = main_company(facts);
    let certainty = certainties(facts);
    let mut out = Vec::new();
    for (index, count) in facts.employee_counts.iter().enumerate() {
        let span = &count.evidence.span;
        let sentence = doc.sentence_at(span.start);
        let range = doc.sentences.get(sentence).cloned().unwrap_or(span.clone());
        let named = mentions_in(facts, range.clone());
        let mut orgs: Vec<(OrgId, &'static str, Option<usize>)> = Vec::new();
        let mut push = |org: OrgId, how: &'static str, at: Option<usize>| {
            if !orgs.iter().any(|(o, _, _)| *o == org) {
                orgs.push((org, how, at));
            }
        };
        if let Some(org) = count.org {
            let at = named.iter().find(|(o, _)| *o == org).map(|(_, s)| s.start);
            push(org, "rule", at);
        }
        for (org, s) in &named {
            push(*org, "sentence", Some(s.start));
        }
        if let Some(org) = company_before(facts, range.start) {
            push(org, "before", None);
        }
        if let Some(org) = main {
            push(org, "main", None);
        }
        let noun = after(text, span, 0);
        let count_word = word_index(&text[range.clone()], span.start - range.start);
        for (org, how, at) in orgs {
            let mut f = Features::per_language(keep_names, doc.lang.code());
            f.add("emp.rule", how);
            if Some(org) == count.org {
                f.add("emp.rule", "chosen");
            }
            if Some(org) == main {
                f.add("emp.org-kind", "main");
            }
            f.add("emp.relation", count.relation.notation());
            let kind = facts
                .organisations
                .get(org)
                .map_or("other", |o| kind_name(o.kind));
            f.add("emp.org-kind", kind);
            f.add(
                "emp.certainty",
                certainty.get(org).copied().unwrap_or("low"),
            );
            if cx.is_outlet(facts, org) {
                f.add("emp.org-kind", "outlet");
            }
            match at {
                Some(at) => {
                    let w = word_index(&text[range.clone()], at - range.start);
                    let side = if at < span.start { "before" } else { "after" };
                    f.add(
                        "emp.org-distance",
                        &format!("{side}-{}", bucket(w.abs_diff(count_word))),
                    );
                }
                None => f.add("emp.org-distance", how),
            }
            let last_word = text[span.clone()]
                .split_whitespace()
                .next_back()
                .unwrap_or_default()
                .to_lowercase();
            f.add("emp.word", &last_word);
            if let Some(w) = &noun {
                f.add("emp.after", w);
            }
            if let Some(w) = before(text, span, 0) {
                f.add("emp.before", &w);
            }
            f.add("emp.value", magnitude(count.value));
            f.add("emp.orgs", bucket(named.len()));
            if count.place.is_some() {
                f.flag("emp.place");
            }
            f.dedup();
            out.push(Candidate {
                key: Key::Count { index, org },
                features: f,
            });
        }
    }
    out
}

fn magnitude(value: u64) -> &'static str {
    match value {
        0..=9 => "1",
        10..=99 => "10",
        100..=999 => "100",
        1000..=9999 => "1k",
        10_000..=99_999 => "10k",
        _ => "100k",
    }
}

/// Keeps each count with its best organisation, when the model accepts it.
pub fn decide(model: &Binary, found: &[Candidate], facts: &mut Facts) {
    let mut best: Vec<Option<(f32, OrgId)>> = vec![None; facts.employee_counts.len()];
    for c in found {
        if let Key::Count { index, org } = c.key {
            let p = model.probability(&c.features.hashes);
            if p >= model.threshold && best[index].is_none_or(|(q, _)| p > q) {
                best[index] = Some((p, org));
            }
        }
    }
    let counts = std::mem::take(&mut facts.employee_counts);
    facts.employee_counts = counts
        .into_iter()
        .zip(best)
        .filter_map(|(mut count, best)| {
            let (p, org) = best?;
            count.org = Some(org);
            count.evidence.confidence = p;
            Some(count)
        })
        .collect();
}
