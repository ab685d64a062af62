//! Which organisation candidates are organisations: one candidate per
//! entity (all its names and mentions), decided once per article.

use rustc_hash::FxHashSet as HashSet;

use super::features::{Features, bucket};
use super::model::Binary;
use super::words::{after, before, lower, lower_words, punctuated_before, shape, suffix};
use super::{Candidate, Context, Key};
use crate::extract::{Document, Facts, Finder, OrgIdentity, OrgKind};
use crate::text::names;

pub fn kind_name(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Company => "company",
        OrgKind::Authority => "authority",
        OrgKind::Government => "government",
        OrgKind::Court => "court",
        OrgKind::Parliament => "parliament",
        OrgKind::Other => "other",
    }
}

pub fn candidates(
    cx: &Context,
    doc: &Document<'_>,
    facts: &Facts,
    keep_names: bool,
) -> Vec<Candidate> {
    let text = doc.text;
    let mut out = Vec::with_capacity(facts.organisations.len());
    let names: Vec<String> = facts
        .organisations
        .iter()
        .map(|o| o.name_in_article())
        .collect();
    let all_names: Vec<Vec<String>> = names.iter().map(|n| lower_words(n).collect()).collect();
    // Looked up once per article, not once per organisation.
    let words = ArticleWords::new(text);
    let mut by_org: Vec<Vec<usize>> = vec![Vec::new(); facts.organisations.len()];
    for (i, m) in facts.mentions.iter().enumerate() {
        if let Some(list) = by_org.get_mut(m.org) {
            list.push(i);
        }
    }
    let lists = listed(text, facts);
    for (id, org) in facts.organisations.iter().enumerate() {
        let mut f = Features::per_language(keep_names, doc.lang.code());
        for finder in &org.found_by {
            f.add("org.origin", finder.name());
        }
        if org
            .found_by
            .iter()
            .all(|x| matches!(x, Finder::Run | Finder::Part))
        {
            f.add("org.origin", "run-only");
        }
        f.add("org.kind", kind_name(org.kind));
        if matches!(org.id, OrgIdentity::Known(_)) {
            f.flag("org.known");
        }
        if cx.is_outlet(facts, id) {
            f.flag("org.outlet");
        }
        let name = &names[id];
        let name_words: Vec<&str> = name.split_whitespace().collect();
        f.add("org.words", bucket(name_words.len()));
        let shape_of: Vec<String> = name_words.iter().take(3).map(|w| shape(w)).collect();
        f.add("org.shape", &shape_of.join(" "));
        if let (Some(first), Some(last)) = (name_words.first(), name_words.last()) {
            f.add("org.first", &first.to_lowercase());
            f.add("org.head", &last.to_lowercase());
            f.add("org.suffix", &suffix(last, 3));
            f.add("org.suffix", &format!("2:{}", suffix(last, 2)));
            f.add("org.suffix", &format!("4:{}", suffix(last, 4)));
            let prefix: String = first.to_lowercase().chars().take(4).collect();
            f.add("org.prefix", &prefix);
            if name_words.len() >= 2 && cx.given_names.contains(*first) {
                f.add("org.person", "given-name");
            }
        }
        for w in &all_names[id] {
            f.add("org.inside", w);
        }
        let common = name_words
            .iter()
            .filter(|w| cx.common_words.contains(**w))
            .count();
        f.add(
            "org.common",
            match common {
                0 => "none",
                n if n == name_words.len() => "all",
                _ => "some",
            },
        );
        overlaps(&mut f, id, &all_names);
        if names::without_legal_form(name).len() < name.len() {
            f.flag("org.legal");
        }
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            f.flag("org.acronym");
        }
        if name_words.len() == 1 {
            if cx.places.word(name).is_some() {
                f.flag("org.place");
            }
            words.noun_signs(&mut f, name, doc.lang == crate::lang::Lang::De);
            if words.written.contains(name.to_lowercase().as_str()) {
                f.flag("org.lowercase-elsewhere");
            }
        }
        for list in &lists[id] {
            f.add("org.list", list);
        }
        let mut mentions = 0;
        let mut determined = 0;
        let (mut at_start, mut inside) = (0, 0);
        for m in by_org[id].iter().map(|i| &facts.mentions[*i]) {
            mentions += 1;
            let span = &m.evidence.span;
            match before(text, span, 0) {
                Some(w) => {
                    if DETERMINERS.contains(&w.as_ref()) {
                        determined += 1;
                    }
                    // "das neue Verbot", "der umstrittene Plan": an
                    // inflected adjective before it, in lower case.
                    let raw = text[..span.start]
                        .split_whitespace()
                        .next_back()
                        .unwrap_or("");
                    if raw.starts_with(|c: char| c.is_lowercase())
                        && ["e", "en", "er", "es", "em"]
                            .iter()
                            .any(|e| raw.ends_with(e))
                        && !DETERMINERS.contains(&w.as_ref())
                    {
                        f.add("org.noun", "adjective-before");
                    }
                    f.add("org.before", &w);
                }
                None => f.add("org.before", "^"),
            }
            if let Some(w) = before(text, span, 1) {
                f.add("org.before2", &w);
            }
            if let Some(w) = after(text, span, 0) {
                f.add("org.after", &w);
            }
            if let Some(w) = after(text, span, 1) {
                f.add("org.after2", &w);
            }
            let sentence = doc.sentence_at(span.start);
            if sentence == 0 {
                f.flag("org.headline");
            }
            let starts = doc
                .sentences
                .get(sentence)
                .is_some_and(|s| s.start == span.start)
                || punctuated_before(text, span)
                    .is_some_and(|c| matches!(c, '.' | '!' | '?' | ':'));
            if starts {
                at_start += 1;
            } else {
                inside += 1;
            }
        }
        f.add("org.mentions", bucket(mentions));
        f.add(
            "org.noun",
            match (determined, mentions - determined) {
                (0, _) => "determiner-none",
                (_, 0) => "determiner-all",
                _ => "determiner-some",
            },
        );
        f.add(
            "org.sentence-start",
            match (at_start, inside) {
                (_, 0) => "all",
                (0, _) => "none",
                _ => "some",
            },
        );
        f.dedup();
        out.push(Candidate {
            key: Key::Organisation(id),
            features: f,
        });
    }
    out
}

/// How this entity's name relates to the names of the others: inside
/// one ("Civil Aviation Authority" in "South African Civil Aviation
/// Authority"), holding one, or sharing the head word. Organisations are
/// in order of first mention, so "earlier" is what the reader met first.
fn overlaps(f: &mut Features, id: usize, names: &[Vec<String>]) {
    let me = &names[id];
    if me.is_empty() {
        return;
    }
    for (other, words) in names.iter().enumerate() {
        if other == id || words.is_empty() {
            continue;
        }
        let when = if other < id { "earlier" } else { "later" };
        if words.len() > me.len() && contains(words, me) {
            f.add("org.overlap", &format!("inside-{when}"));
        } else if me.len() > words.len() && contains(me, words) {
            f.add("org.overlap", &format!("holds-{when}"));
        } else if me.last() == words.last() {
            f.add("org.overlap", &format!("same-head-{when}"));
        }
        let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
        if me.len() == 1 && words.len() > 1 && me[0] == initials {
            f.add("org.overlap", "acronym-of-another");
        }
    }
}

const DETERMINERS: &[&str] = &[
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen",
    "the", "a", "an", "this", "these", "diese", "dieser", "dieses",
];

/// The words of an article, for the features that ask "does this name
/// occur elsewhere as an ordinary word?".
struct ArticleWords<'t> {
    /// Every word as written.
    written: HashSet<&'t str>,
    /// Every distinct word, lower case.
    lower: Vec<String>,
}

impl<'t> ArticleWords<'t> {
    fn new(text: &'t str) -> Self {
        let written: HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut lower: Vec<String> = written.iter().map(|w| lower(w).into_owned()).collect();
        lower.sort_unstable();
        lower.dedup();
        Self { written, lower }
    }

    /// How a one-word German name behaves like a common noun: inflected
    /// elsewhere in the text ("Verbot", "Verbots", "Verbote"), or the end
    /// of a longer word ("Verbot" in "Verkaufsverbot").
    fn noun_signs(&self, f: &mut Features, name: &str, german: bool) {
        let lower = name.to_lowercase();
        // English nouns neither inflect nor compound like this.
        if !german || lower.chars().count() < 4 {
            return;
        }
        let mut inflected = false;
        let mut compound = false;
        for w in &self.lower {
            if w.len() <= lower.len() {
                continue;
            }
            if let Some(rest) = w.strip_prefix(lower.as_str()) {
                inflected |= ["s", "es", "e", "en", "n", "er", "ern"].contains(&rest);
            } else if w.ends_with(lower.as_str()) {
                compound = true;
            }
        }
        if inflected {
            f.add("org.noun", "inflected");
        }
        if compound {
            f.add("org.noun", "in-compound");
        }
    }
}

/// "Dahua Technology, Hikvision, IFLYTEK and Megvii": per organisation,
/// whether it stands in a list with others, and whether those others were
/// found by more than their shape.
fn listed(text: &str, facts: &Facts) -> Vec<Vec<&'static str>> {
    const JOINERS: &[&str] = &[",", "und", "and", "sowie", "&", "or", "oder", "as well as"];
    let joined = |gap: &str| {
        let g = gap.trim();
        g.len() <= 12
            && JOINERS
                .iter()
                .any(|j| g == *j || g.strip_prefix(", ").is_some_and(|rest| rest == *j))
    };
    let solid = |org: usize| {
        facts.organisations.get(org).is_some_and(|o| {
            o.found_by
                .iter()
                .any(|x| !matches!(x, Finder::Run | Finder::Part))
        })
    };
    let mut out: Vec<Vec<&'static str>> = vec![Vec::new(); facts.organisations.len()];
    for pair in facts.mentions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let gap = a.evidence.span.end..b.evidence.span.start;
        if a.org == b.org || gap.start > gap.end || !joined(&text[gap]) {
            continue;
        }
        for (me, other) in [(a.org, b.org), (b.org, a.org)] {
            if let Some(list) = out.get_mut(me) {
                list.push(if solid(other) {
                    "with-found"
                } else {
                    "with-run"
                });
            }
        }
    }
    out
}

fn contains(long: &[String], short: &[String]) -> bool {
    long.windows(short.len()).any(|w| w == short)
}

/// Keeps the organisations the model accepts; each mention's confidence
/// becomes the probability, which later decisions read.
pub fn decide(model: &Binary, found: &[Candidate], facts: &mut Facts) {
    let mut p = vec![0.0f32; facts.organisations.len()];
    for c in found {
        if let Key::Organisation(id) = c.key {
            p[id] = model.probability(&c.features.hashes);
        }
    }
    for m in &mut facts.mentions {
        m.evidence.confidence = p[m.org];
    }
    facts.retain_organisations(|id, _| p[id] >= model.threshold);
}

/// How sure the organisation decision was of each organisation, as a
/// feature value: one pass over the mentions.
pub fn certainties(facts: &Facts) -> Vec<&'static str> {
    let mut p = vec![0.0f32; facts.organisations.len()];
    for m in &facts.mentions {
        if let Some(best) = p.get_mut(m.org) {
            *best = best.max(m.evidence.confidence);
        }
    }
    p.into_iter()
        .map(|p| match p {
            p if p >= 0.9 => "0.9",
            p if p >= 0.7 => "0.7",
            p if p >= 0.5 => "0.5",
            _ => "low",
        })
        .collect()
}
