//! Which organisations act as regulator or authority in the article:
//! every organisation is a candidate, with what the rules and the accepted
//! bans say of it.

use super::features::{Features, bucket};
use super::model::Binary;
use super::organisations::{certainties, kind_name};
use super::words::before;
use super::{Candidate, Context, Key};
use crate::extract::{Document, Evidence, Facts, OrgIdentity, RegulatorRole};

pub fn candidates(
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    keep_names: bool,
) -> Vec<Candidate> {
    let text = doc.text;
    let words = cx.ban_words.words(doc.lang);
    let mut out = Vec::with_capacity(facts.organisations.len());
    // The action words of each sentence that names an organisation, found
    // once per sentence.
    let mut actions: Vec<Option<Vec<std::ops::Range<usize>>>> = vec![None; doc.sentences.len()];
    let mut by_org: Vec<Vec<usize>> = vec![Vec::new(); facts.organisations.len()];
    for (i, m) in facts.mentions.iter().enumerate() {
        if let Some(list) = by_org.get_mut(m.org) {
            list.push(i);
        }
    }
    let certainty = certainties(facts);
    for (id, org) in facts.organisations.iter().enumerate() {
        let mut f = Features::per_language(keep_names, doc.lang.code());
        f.add("reg.kind", kind_name(org.kind));
        f.add("reg.certainty", certainty[id]);
        if matches!(org.id, OrgIdentity::Known(_)) {
            f.flag("reg.known");
        }
        if cx.is_outlet(facts, id) {
            f.flag("reg.outlet");
        }
        if facts.regulators.iter().any(|r| r.org == id) {
            f.flag("reg.rule");
        }
        let regulating = facts
            .bans
            .iter()
            .filter(|b| b.regulator == Some(id))
            .count();
        let targeted = facts.bans.iter().filter(|b| b.target == id).count();
        f.add("reg.ban", &format!("regulator-{}", bucket(regulating)));
        if targeted > 0 {
            f.add("reg.ban", "target");
        }
        let name = org.name_in_article();
        if let Some(head) = name.split_whitespace().next_back() {
            f.add("reg.head", &head.to_lowercase());
        }
        let mut mentions = 0;
        for m in by_org[id].iter().map(|i| &facts.mentions[*i]) {
            mentions += 1;
            let span = &m.evidence.span;
            if let Some(w) = before(text, span, 0) {
                f.add("reg.before", &w);
            }
            let sentence = doc.sentence_at(span.start);
            let Some(range) = doc.sentences.get(sentence) else {
                continue;
            };
            let s = &text[range.clone()];
            let at = span.start - range.start;
            let here = actions[sentence].get_or_insert_with(|| words.actions(s));
            for a in here.iter() {
                if a.start >= at + span.len() && a.start - at < 120 {
                    f.flag("reg.subject");
                    f.add("reg.action", &s[a.clone()].to_lowercase());
                } else if a.end <= at && at - a.end < 40 {
                    let gap = s[a.end..at].to_lowercase();
                    if [" by", " von", " vom", " durch"]
                        .iter()
                        .any(|p| gap.contains(p))
                    {
                        f.flag("reg.agent");
                        f.add("reg.action", &s[a.clone()].to_lowercase());
                    }
                }
            }
        }
        f.add("reg.mentions", bucket(mentions));
        f.dedup();
        out.push(Candidate {
            key: Key::Organisation(id),
            features: f,
        });
    }
    out
}

pub fn decide(model: &Binary, found: &[Candidate], facts: &mut Facts) {
    let rules = std::mem::take(&mut facts.regulators);
    for c in found {
        let Key::Organisation(id) = c.key else {
            continue;
        };
        let p = model.probability(&c.features.hashes);
        if p < model.threshold {
            continue;
        }
        let evidence = rules
            .iter()
            .find(|r| r.org == id)
            .map(|r| r.evidence.clone())
            .or_else(|| {
                facts
                    .bans
                    .iter()
                    .find(|b| b.regulator == Some(id))
                    .and_then(|b| b.evidence.first().cloned())
            })
            .or_else(|| facts.mentions_of(id).next().map(|m| m.evidence.clone()))
            .map(|e| Evidence::new(e.span, p));
        if let Some(evidence) = evidence {
            facts.regulators.push(RegulatorRole { org: id, evidence });
        }
    }
}
