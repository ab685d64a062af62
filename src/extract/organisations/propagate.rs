//! Spreading what is known about an organisation over the whole article:
//! acronyms introduced in parentheses, and every name and short form of an
//! entity wherever else it occurs (also as "Huaweis" or "Huawei-Sprecher").

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::{Entity, overlaps};
use crate::extract::lexicon::{PlaceIndex, Stopwords, starts_word};
use crate::extract::{OrgIdentity, OrgKind};
use crate::text::names;

/// Confidence of a mention found only by propagation.
const PROPAGATED: f32 = 0.7;

/// Words too generic to stand for an organisation on their own, even when
/// they start its name.
const GENERIC_WORDS: &[&str] = &[
    "telecom",
    "digital",
    "technology",
    "technologies",
    "capital",
    "partners",
    "holding",
    "group",
    "energy",
    "bank",
    "global",
    "international",
    "systems",
    "electronics",
    "solutions",
    "software",
    "services",
    "media",
    "communications",
    "shipping",
    "ports",
    "supplies",
    "nord",
    "süd",
    "ost",
    "west",
    "deutschland",
    "container",
    "terminal",
    "federal",
    "national",
    "general",
    "central",
    "united",
    "new",
    "first",
    "trust",
    "air",
    "motor",
    "motors",
    "health",
    "data",
    "security",
    "cyber",
    "china",
    "american",
    "european",
    "deutsche",
    "british",
    "royal",
    "state",
    "public",
    "private",
    "industrial",
    "industries",
    "hamburger",
    "berliner",
    "münchner",
    "office",
    "department",
    "court",
    "commission",
    "ministry",
    "agency",
    "authority",
    "council",
    "bureau",
    "house",
    "task",
    "forced",
];

/// Makes "Name (ACRO)" one organisation, creating it when only the
/// acronym introduction revealed it.
pub fn acronyms(text: &str, intros: &[super::Introduction], entities: &mut Vec<Entity>) {
    for (name, acronym) in intros {
        let holder = |entities: &[Entity], span: &Range<usize>, exact: bool| {
            entities.iter().position(|e| {
                e.mentions.iter().any(|(m, _)| {
                    if exact {
                        m == span
                    } else {
                        m.end == span.end && m.start >= span.start
                    }
                })
            })
        };
        let a = holder(entities, name, false).or_else(|| create(text, name, entities));
        let b = holder(entities, acronym, true);
        let acronym_text = text[acronym.clone()].to_owned();
        match (a, b) {
            (Some(a), None) => {
                entities[a].forms.insert(acronym_text);
                entities[a].mentions.push((acronym.clone(), PROPAGATED));
            }
            (Some(a), Some(b)) if a != b => merge(entities, a, b),
            _ => {}
        }
    }
}

/// An entity for a name revealed only by its acronym introduction.
fn create(text: &str, span: &Range<usize>, entities: &mut Vec<Entity>) -> Option<usize> {
    let words = crate::extract::lexicon::words_in(text, span);
    let skip = words
        .iter()
        .take_while(|(_, w)| ["Der", "Die", "Das", "The", "Des", "Dem", "Den"].contains(w))
        .count();
    if words.len() < skip + 2 {
        return None;
    }
    let name = words[skip..]
        .iter()
        .map(|(_, w)| *w)
        .collect::<Vec<_>>()
        .join(" ");
    let key = names::key(&name)?;
    let start = words[skip].0;
    entities.push(Entity {
        identity: OrgIdentity::Named(key),
        label: names::without_legal_form(&name).to_owned(),
        kind: OrgKind::Other,
        country: None,
        parent: None,
        forms: BTreeSet::from([name.clone()]),
        mentions: vec![(start.max(span.start)..span.end, PROPAGATED)],
        found_by: BTreeSet::from([crate::extract::Finder::Acronym]),
    });
    Some(entities.len() - 1)
}

/// Merges entity `b` into `a`, keeping the gazetteer identity if either
/// has one.
fn merge(entities: &mut [Entity], a: usize, b: usize) {
    let (keep, gone) = match (&entities[a].identity, &entities[b].identity) {
        (OrgIdentity::Named(_), OrgIdentity::Known(_)) => (b, a),
        _ => (a, b),
    };
    let gone_entity = std::mem::replace(
        &mut entities[gone],
        Entity {
            identity: OrgIdentity::Named(String::new()),
            label: String::new(),
            kind: OrgKind::Other,
            country: None,
            parent: None,
            forms: BTreeSet::new(),
            mentions: Vec::new(),
            found_by: BTreeSet::new(),
        },
    );
    entities[keep].forms.extend(gone_entity.forms);
    entities[keep].found_by.extend(gone_entity.found_by);
    entities[keep].mentions.extend(gone_entity.mentions);
}

/// Joins entities that are one organisation named two ways: German federal
/// bodies with and without "Bundes" ("Innenministerium",
/// "Bundesinnenministerium"), and a one-word name with the only longer name
/// it starts ("SolarKontor", "SolarKontor Nord GmbH & Co. KG").
pub fn related(entities: &mut [Entity]) {
    let lower_forms: Vec<Vec<String>> = entities
        .iter()
        .map(|e| e.forms.iter().map(|f| f.to_lowercase()).collect())
        .collect();
    // "bundesinnenministerium" -> (its entity, "innenministerium"), also
    // without a genitive "s": computed once, not once per pair.
    let federal_of: Vec<(usize, String)> = lower_forms
        .iter()
        .enumerate()
        .flat_map(|(a, forms)| {
            forms
                .iter()
                .filter_map(move |f| f.strip_prefix("bundes").map(|rest| (a, rest.to_owned())))
        })
        .flat_map(|(a, rest)| {
            let plain = rest.strip_suffix('s').map(|r| (a, r.to_owned()));
            std::iter::once((a, rest)).chain(plain)
        })
        .collect();
    let mut pairs = Vec::new();
    for (b, forms_b) in lower_forms.iter().enumerate() {
        let OrgIdentity::Named(key_b) = &entities[b].identity else {
            continue;
        };
        let federal: Vec<usize> = federal_of
            .iter()
            .filter(|(a, rest)| *a != b && forms_b.iter().any(|fb| rest == fb))
            .map(|(a, _)| *a)
            .collect::<BTreeSet<usize>>()
            .into_iter()
            .collect();
        let one_word = forms_b.iter().all(|f| !f.contains(' '));
        let starts: Vec<usize> = (0..entities.len())
            .filter(|&a| a != b && !key_b.contains(' ') && one_word)
            .filter(|&a| match &entities[a].identity {
                OrgIdentity::Named(key_a) => {
                    key_a.split(' ').next() == Some(key_b.as_str()) && key_a.contains(' ')
                }
                OrgIdentity::Known(_) => false,
            })
            .collect();
        if let [a] = federal[..] {
            pairs.push((a, b));
        } else if let [a] = starts[..] {
            pairs.push((a, b));
        }
    }
    for (a, b) in pairs {
        if !entities[b].mentions.is_empty() && !entities[a].mentions.is_empty() {
            merge(entities, a, b);
        }
    }
}

/// Looks up every entity's names and short forms over the whole text.
pub fn short_forms(text: &str, entities: &mut [Entity], stop: &Stopwords, places: &PlaceIndex) {
    let mut owners: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        for form in search_forms(e, stop, places) {
            owners.entry(form).or_default().insert(i);
        }
    }
    // Spans already named, by start: looking up the few that start just
    // before a new one keeps long articles linear.
    let mut covered: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for e in entities.iter() {
        for (s, _) in &e.mentions {
            let end = covered.entry(s.start).or_insert(s.end);
            *end = (*end).max(s.end);
        }
    }
    // A form several entities could go by goes to the one that is written
    // so, else to the one the article names first: "Lianxin" is the company
    // of the lead, not its parent named at the end.
    let first_mention = |i: usize| {
        entities[i]
            .mentions
            .iter()
            .map(|(s, _)| s.start)
            .min()
            .unwrap_or(usize::MAX)
    };
    let mut forms: Vec<(String, usize)> = owners
        .into_iter()
        .filter_map(|(f, o)| {
            let written: Vec<usize> = o
                .iter()
                .copied()
                .filter(|i| entities[*i].forms.contains(&f))
                .collect();
            let pool = if written.is_empty() {
                o.into_iter().collect()
            } else {
                written
            };
            let owner = pool.into_iter().min_by_key(|i| first_mention(*i))?;
            Some((f, owner))
        })
        .collect();
    // Longer forms first, so "Veyra Aerial" is taken before "Veyra".
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    for (form, owner) in forms {
        for (at, _) in text.match_indices(form.as_str()) {
            let span = at..at + form.len();
            if !starts_word(text, at) || !ends_as_name(text, span.end) {
                continue;
            }
            let taken = covered
                .range(..span.end)
                .rev()
                .take_while(|(start, _)| **start + 512 > span.start)
                .any(|(start, end)| overlaps(&(*start..*end), &span));
            if taken {
                continue;
            }
            covered.insert(span.start, span.end);
            let entity = &mut entities[owner];
            entity.forms.insert(form.clone());
            entity.mentions.push((span, PROPAGATED));
        }
    }
}

/// A name ends at `at`: a word boundary, a genitive `s`, or a hyphen that
/// starts a compound ("Kaspersky-Software").
fn ends_as_name(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    match rest.next() {
        None => true,
        Some('s') => !rest.next().is_some_and(char::is_alphanumeric),
        Some('-') => rest.next().is_some_and(char::is_alphanumeric),
        Some(c) => !c.is_alphanumeric(),
    }
}

/// The names an entity is searched by: its forms, and for organisations
/// the gazetteer does not know, short forms of its name ("Frostline" for
/// "Frostline Holding AG", "Veyra Aerial" for "Hangzhou Veyra Aerial
/// Technology Co., Ltd.").
fn search_forms(e: &Entity, stop: &Stopwords, places: &PlaceIndex) -> Vec<String> {
    // A run of capitalised words was found wherever it is written already;
    // its words are no name until a decision says so.
    if e.found_by.iter().all(|f| {
        matches!(
            f,
            crate::extract::Finder::Run | crate::extract::Finder::Part
        )
    }) {
        return Vec::new();
    }
    // A role noun ("Datenschutzbehörde") names a kind, not this one.
    let mut out: Vec<String> = e
        .forms
        .iter()
        .filter(|f| f.chars().count() >= 2 && (f.contains(' ') || !super::cues::is_role_word(f)))
        .cloned()
        .collect();
    if let OrgIdentity::Named(_) = e.identity {
        for form in &e.forms {
            let core = names::without_legal_form(form);
            let mut words: Vec<&str> = core.split_whitespace().collect();
            while words.len() > 1 && places.word(words[0]).is_some() {
                words.remove(0);
            }
            // "Flitzwerk" for "Flitzwerk GmbH".
            if words.len() == 1 && core.len() < form.len() && distinctive(words[0], stop, places) {
                out.push(words[0].to_owned());
            }
            if words.len() >= 2 && !words.iter().any(|w| w.starts_with('(')) {
                out.push(words.join(" "));
                if words.len() > 2 {
                    out.push(words[..2].join(" "));
                }
                if distinctive(words[0], stop, places) {
                    out.push(words[0].to_owned());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn distinctive(word: &str, stop: &Stopwords, places: &PlaceIndex) -> bool {
    let lower = word.to_lowercase();
    word.chars().count() >= 3
        && word.starts_with(|c: char| c.is_uppercase())
        && !stop.is_not_a_name(word)
        && places.word(word).is_none()
        && !GENERIC_WORDS.contains(&lower.as_str())
        && !names::is_first_name(word)
}
