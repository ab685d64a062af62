//! What later extractors ask about organisations already found: which are
//! named in a stretch of text, and which company an article is about.

use std::collections::HashMap;
use std::ops::Range;

use super::{Facts, OrgId, OrgKind};

/// Organisations named inside `range`, in text order, with their spans.
pub fn mentions_in(facts: &Facts, range: Range<usize>) -> Vec<(OrgId, Range<usize>)> {
    let start = facts
        .mentions
        .partition_point(|m| m.evidence.span.start < range.start);
    facts.mentions[start..]
        .iter()
        .take_while(|m| m.evidence.span.start < range.end)
        .filter(|m| m.evidence.span.end <= range.end)
        .map(|m| (m.org, m.evidence.span.clone()))
        .collect()
}

pub fn is_company_like(facts: &Facts, org: OrgId) -> bool {
    facts
        .organisations
        .get(org)
        .is_some_and(|o| matches!(o.kind, OrgKind::Company | OrgKind::Other))
}

pub fn is_authority_like(facts: &Facts, org: OrgId) -> bool {
    facts.organisations.get(org).is_some_and(|o| {
        matches!(
            o.kind,
            OrgKind::Authority | OrgKind::Government | OrgKind::Court | OrgKind::Parliament
        )
    })
}

/// The company named last before `at` ("das Unternehmen", "the company"
/// refer back to it).
pub fn company_before(facts: &Facts, at: usize) -> Option<OrgId> {
    named_last_before(facts, at, is_company_like)
}

/// The authority named last before `at` ("die Behörde", "the agency").
pub fn authority_before(facts: &Facts, at: usize) -> Option<OrgId> {
    named_last_before(facts, at, is_authority_like)
}

fn named_last_before(facts: &Facts, at: usize, fits: fn(&Facts, OrgId) -> bool) -> Option<OrgId> {
    let end = facts
        .mentions
        .partition_point(|m| m.evidence.span.start < at);
    facts.mentions[..end]
        .iter()
        .rev()
        .find(|m| fits(facts, m.org))
        .map(|m| m.org)
}

/// The company mentioned most often: what the article is about.
pub fn main_company(facts: &Facts) -> Option<OrgId> {
    let mut counts: HashMap<OrgId, usize> = HashMap::new();
    for m in &facts.mentions {
        if is_company_like(facts, m.org) {
            *counts.entry(m.org).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by_key(|(org, n)| (*n, std::cmp::Reverse(*org)))
        .map(|(org, _)| org)
}
