//! Precision, recall and F1 of facts against gold, counted the way the
//! project's scorer (`../shared/eval/score`) counts them: per article,
//! names resolved loosely to gold entities, optional organisations neither
//! found nor missed, two nodes for one gold entity a duplicate.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use super::gold::{Entities, Gold, norm};
use crate::extract::Facts;

/// True and false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    fn add<T: Eq + std::hash::Hash>(
        &mut self,
        gold: &HashSet<T>,
        found: &HashSet<T>,
        optional: &HashSet<T>,
    ) {
        self.tp += gold.intersection(found).count();
        self.fn_ += gold.difference(found).count();
        self.fp += found
            .iter()
            .filter(|f| !gold.contains(f) && !optional.contains(f))
            .count();
    }

    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            if self.fn_ == 0 { 1.0 } else { 0.0 }
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// The measures the scorer prints, plus the split by the gazetteer.
pub const MEASURES: &[&str] = &[
    "organisations",
    "regulators",
    "bans (regulator, target)",
    "bans (regulator, target, kind)",
    "employee counts (organisation, value)",
    "dates",
    "organisations in the gazetteer",
    "organisations not in the gazetteer",
    "bans, target in the gazetteer",
    "bans, target not in the gazetteer",
];

/// Tallies by measure.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub tallies: BTreeMap<&'static str, Tally>,
}

impl Scores {
    pub fn get(&self, measure: &str) -> Tally {
        self.tallies.get(measure).copied().unwrap_or_default()
    }

    fn add(&mut self, measure: &'static str, t: Tally) {
        *self.tallies.entry(measure).or_default() += t;
    }

    pub fn merge(&mut self, other: &Scores) {
        for (m, t) in &other.tallies {
            self.add(m, *t);
        }
    }
}

/// Whether a gold entity's name (or an alias) is one the gazetteer knows.
pub trait Known {
    fn knows(&self, name: &str) -> bool;
}

/// Scores one article's facts against its gold.
pub fn score_article(gold: &Gold, facts: &Facts, known: &dyn Known) -> Scores {
    let ents = Entities::new(gold);
    let mut s = Scores::default();
    let optional: HashSet<String> = gold
        .optional_organisations
        .iter()
        .map(|o| o.name.clone())
        .collect();
    let name_of = |id: usize| facts.organisations.get(id).map(|o| o.name_in_article());
    // Organisations and regulators: one key per system node.
    let org_names: Vec<String> = facts
        .organisations
        .iter()
        .map(|o| o.name_in_article())
        .collect();
    let reg_names: Vec<String> = facts
        .regulators
        .iter()
        .filter_map(|r| name_of(r.org))
        .collect::<Vec<_>>();
    let keys = |names: &[String]| -> HashSet<String> {
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = HashSet::new();
        // The scorer's rows are distinct (source, name) pairs.
        let mut distinct: Vec<&String> = Vec::new();
        for n in names {
            if !distinct.contains(&n) {
                distinct.push(n);
            }
        }
        for n in distinct {
            let key = match ents.resolve(n) {
                Some(g) if seen.contains(g) => format!("duplicate:{}", norm(n)),
                Some(g) => g.to_owned(),
                None => format!("?{}", norm(n)),
            };
            seen.insert(key.clone());
            out.insert(key);
        }
        out
    };
    let want_orgs: HashSet<String> = gold.organisations.iter().map(|o| o.name.clone()).collect();
    let got_orgs = keys(&org_names);
    let mut t = Tally::default();
    t.add(&want_orgs, &got_orgs, &optional);
    s.add("organisations", t);
    let want_regs: HashSet<String> = gold.regulators.iter().map(|o| o.name.clone()).collect();
    let mut t = Tally::default();
    t.add(&want_regs, &keys(&reg_names), &optional);
    s.add("regulators", t);

    // Split by the gazetteer: recall over gold entities, precision over
    // system nodes by whether the gold entity they stand for is known.
    let is_known = |entity: &str| {
        let forms = gold
            .organisations
            .iter()
            .chain(&gold.optional_organisations)
            .filter(|o| o.name == entity);
        forms
            .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases))
            .any(|n| known.knows(n))
    };
    for (measure, want_known) in [
        ("organisations in the gazetteer", true),
        ("organisations not in the gazetteer", false),
    ] {
        let want: HashSet<String> = want_orgs
            .iter()
            .filter(|o| is_known(o) == want_known)
            .cloned()
            .collect();
        let got: HashSet<String> = got_orgs
            .iter()
            .filter(|k| {
                if let Some(name) = k.strip_prefix('?').or_else(|| k.strip_prefix("duplicate:")) {
                    known.knows(name) == want_known
                } else {
                    is_known(k) == want_known
                }
            })
            .cloned()
            .collect();
        let mut t = Tally::default();
        t.add(&want, &got, &optional);
        s.add(measure, t);
    }

    // Bans.
    let resolve = |n: Option<String>| match n {
        Some(n) => ents
            .resolve(&n)
            .map_or_else(|| format!("?{}", norm(&n)), str::to_owned),
        None => "?".to_owned(),
    };
    let sys_bans: Vec<(String, String, String)> = facts
        .bans
        .iter()
        .map(|b| {
            (
                resolve(b.regulator.and_then(name_of)),
                resolve(name_of(b.target)),
                b.kind.clone(),
            )
        })
        .collect();
    let gold_bans: Vec<(String, String, String)> = gold
        .bans
        .iter()
        .map(|b| (b.regulator.clone(), b.target.clone(), b.kind.clone()))
        .collect();
    let pairs = |v: &[(String, String, String)]| -> HashSet<(String, String)> {
        v.iter().map(|b| (b.0.clone(), b.1.clone())).collect()
    };
    let triples = |v: &[(String, String, String)]| -> HashSet<(String, String, String)> {
        v.iter().cloned().collect()
    };
    let mut t = Tally::default();
    t.add(&pairs(&gold_bans), &pairs(&sys_bans), &HashSet::new());
    s.add("bans (regulator, target)", t);
    let mut t = Tally::default();
    t.add(&triples(&gold_bans), &triples(&sys_bans), &HashSet::new());
    s.add("bans (regulator, target, kind)", t);
    for (measure, want_known) in [
        ("bans, target in the gazetteer", true),
        ("bans, target not in the gazetteer", false),
    ] {
        let split = |v: &[(String, String, String)]| -> HashSet<(String, String)> {
            pairs(v)
                .into_iter()
                .filter(|(_, target)| match target.strip_prefix('?') {
                    Some(name) => known.knows(name) == want_known,
                    None => is_known(target) == want_known,
                })
                .collect()
        };
        let mut t = Tally::default();
        t.add(&split(&gold_bans), &split(&sys_bans), &HashSet::new());
        s.add(measure, t);
    }

    // Employee counts by (organisation, value).
    let gold_counts: HashSet<(String, u64)> = gold
        .employee_counts
        .iter()
        .map(|c| (c.organisation.clone(), c.value))
        .collect();
    let sys_counts: HashSet<(String, u64)> = facts
        .employee_counts
        .iter()
        .map(|c| (resolve(c.org.and_then(name_of)), c.value))
        .collect();
    let mut t = Tally::default();
    t.add(&gold_counts, &sys_counts, &HashSet::new());
    s.add("employee counts (organisation, value)", t);

    let want_dates: HashSet<String> = gold.dates.iter().cloned().collect();
    let got_dates: HashSet<String> = facts.dates.iter().map(|d| d.value.to_string()).collect();
    let mut t = Tally::default();
    t.add(&want_dates, &got_dates, &HashSet::new());
    s.add("dates", t);
    s
}

/// Scores side by side, one row per measure.
pub struct Table<'a> {
    pub columns: Vec<(&'a str, &'a Scores)>,
}

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:40}", "fact")?;
        for (name, _) in &self.columns {
            write!(f, " | {:^26}", name)?;
        }
        writeln!(f)?;
        write!(f, "{:40}", "")?;
        for _ in &self.columns {
            write!(f, " | {:>6} {:>6} {:>6} {:>5}", "P", "R", "F1", "gold")?;
        }
        writeln!(f)?;
        for m in MEASURES {
            write!(f, "{m:40}")?;
            for (_, s) in &self.columns {
                let t = s.get(m);
                write!(
                    f,
                    " | {:6.3} {:6.3} {:6.3} {:5}",
                    t.precision(),
                    t.recall(),
                    t.f1(),
                    t.tp + t.fn_
                )?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Ban, BanStatus, Evidence, Finder, OrgIdentity, OrgKind, Organisation};

    struct Nothing;
    impl Known for Nothing {
        fn knows(&self, _: &str) -> bool {
            false
        }
    }

    fn org(name: &str) -> Organisation {
        Organisation {
            id: OrgIdentity::Named(name.to_lowercase()),
            label: name.to_owned(),
            forms: [name.to_owned()].into(),
            kind: OrgKind::Company,
            country: None,
            parent: None,
            found_by: [Finder::Run].into(),
        }
    }

    #[test]
    fn counts_like_the_scorer() {
        let gold: Gold = serde_json::from_str(
            r#"{"source":"a.txt","lang":"en","published":"2024-01",
                "organisations":[{"name":"FCC","aliases":["Federal Communications Commission"]},
                                 {"name":"China Telecom Americas","aliases":[]}],
                "optional_organisations":[{"name":"Reuters","aliases":[]}],
                "regulators":[{"name":"FCC","aliases":[]}],
                "bans":[{"regulator":"FCC","target":"China Telecom Americas","kind":"operating-ban",
                         "imposed":null,"effective":null}],
                "dates":["2024"]}"#,
        )
        .unwrap();
        let mut facts = Facts::default();
        for n in [
            "Federal Communications Commission",
            "FCC",
            "China Telecom Americas",
            "Reuters",
            "Acme",
        ] {
            facts.organisations.push(org(n));
        }
        facts.bans.push(Ban {
            kind: "sales-ban".into(),
            regulator: Some(0),
            target: 2,
            imposed: None,
            effective: None,
            status: BanStatus::InForce,
            jurisdiction: None,
            evidence: vec![Evidence::new(0..1, 1.0)],
        });
        let s = score_article(&gold, &facts, &Nothing);
        // FCC found, its second node a duplicate, China Telecom found,
        // Reuters optional, Acme spurious.
        assert_eq!(
            s.get("organisations"),
            Tally {
                tp: 2,
                fp: 2,
                fn_: 0
            }
        );
        assert_eq!(
            s.get("regulators"),
            Tally {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(
            s.get("bans (regulator, target)"),
            Tally {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(
            s.get("bans (regulator, target, kind)"),
            Tally {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.get("dates"),
            Tally {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        assert_eq!(s.get("organisations not in the gazetteer").tp, 2);
    }
}
