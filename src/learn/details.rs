//! Every fact a model missed or made up in an article, and for a missed
//! one, why: no candidate at all, or a candidate the model turned down.

use std::collections::HashSet;

use super::corpus::Annotated;
use super::gold::norm;
use crate::decide::FactType;
use crate::extract::Document;
use crate::pipeline::Pipeline;

/// Lines about one article, each `article: measure: what`.
pub fn explain(pipeline: &Pipeline, a: &Annotated) -> Vec<String> {
    let doc = Document::new(&a.article.text, a.lang, a.article.published);
    let (facts, offered) = pipeline.run_explained(&doc);
    let offered: Vec<(FactType, Vec<(String, f32)>)> = offered
        .into_iter()
        .map(|o| {
            (
                o.fact,
                o.candidates.into_iter().map(|c| (c.what, c.p)).collect(),
            )
        })
        .collect();
    let ents = &a.entities;
    let name = |id: usize| facts.organisations[id].name_in_article();
    let resolve = |n: &str| {
        ents.resolve(n)
            .map_or_else(|| format!("?{}", norm(n)), str::to_owned)
    };
    let mut out = Vec::new();
    let mut say = |measure: &str, what: String| out.push(format!("{}: {measure}: {what}", a.name));
    let why = |fact: FactType, wanted: &dyn Fn(&str) -> bool| -> String {
        let Some((_, list)) = offered.iter().find(|(f, _)| *f == fact) else {
            return "no model".into();
        };
        match list
            .iter()
            .filter(|(d, _)| wanted(d))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        {
            Some((_, p)) => format!("turned down (p {p:.2})"),
            None => "no candidate".into(),
        }
    };

    let found_orgs: HashSet<String> = (0..facts.organisations.len())
        .map(|i| resolve(&name(i)))
        .collect();
    for o in &a.gold.organisations {
        if !found_orgs.contains(&o.name) {
            let reason = why(FactType::Organisations, &|d| {
                ents.resolve(d) == Some(o.name.as_str())
            });
            say("missed organisation", format!("{} [{reason}]", o.name));
        }
    }
    let optional: HashSet<&str> = a
        .gold
        .optional_organisations
        .iter()
        .map(|o| o.name.as_str())
        .collect();
    for i in 0..facts.organisations.len() {
        let r = resolve(&name(i));
        if r.starts_with('?') {
            say("spurious organisation", name(i));
        } else if !a.gold.organisations.iter().any(|o| o.name == r)
            && !optional.contains(r.as_str())
        {
            say("spurious organisation", format!("{} (= {r})", name(i)));
        }
    }
    let regs: HashSet<String> = facts
        .regulators
        .iter()
        .map(|r| resolve(&name(r.org)))
        .collect();
    for g in &a.gold.regulators {
        if !regs.contains(&g.name) {
            let reason = why(FactType::Regulators, &|d| {
                ents.resolve(d) == Some(g.name.as_str())
            });
            say("missed regulator", format!("{} [{reason}]", g.name));
        }
    }
    for r in &regs {
        if !a.gold.regulators.iter().any(|g| &g.name == r) && !optional.contains(r.as_str()) {
            say("spurious regulator", r.clone());
        }
    }
    let bans: HashSet<(String, String, String)> = facts
        .bans
        .iter()
        .map(|b| {
            (
                b.regulator
                    .map_or_else(|| "?".into(), |r| resolve(&name(r))),
                resolve(&name(b.target)),
                b.kind.clone(),
            )
        })
        .collect();
    for g in &a.gold.bans {
        let pair_found = bans.iter().any(|b| b.0 == g.regulator && b.1 == g.target);
        if pair_found {
            if !bans.contains(&(g.regulator.clone(), g.target.clone(), g.kind.clone())) {
                say(
                    "wrong kind",
                    format!("{} -> {}: {} wanted", g.regulator, g.target, g.kind),
                );
            }
            continue;
        }
        let reason = why(FactType::Bans, &|d| {
            d.split_once(" -> ").is_some_and(|(r, t)| {
                ents.resolve(r) == Some(g.regulator.as_str())
                    && ents.resolve(t) == Some(g.target.as_str())
            })
        });
        let has = |n: &str| found_orgs.contains(n);
        let orgs = match (has(&g.regulator), has(&g.target)) {
            (true, true) => String::new(),
            (false, true) => ", regulator not found".into(),
            (true, false) => ", target not found".into(),
            (false, false) => ", neither found".into(),
        };
        say(
            "missed ban",
            format!(
                "{} -> {} ({}) [{reason}{orgs}]",
                g.regulator, g.target, g.kind
            ),
        );
    }
    for b in &bans {
        if !a
            .gold
            .bans
            .iter()
            .any(|g| g.regulator == b.0 && g.target == b.1)
        {
            say("spurious ban", format!("{} -> {} ({})", b.0, b.1, b.2));
        }
    }
    let counts: HashSet<(String, u64)> = facts
        .employee_counts
        .iter()
        .map(|c| {
            (
                c.org.map_or_else(|| "?".into(), |o| resolve(&name(o))),
                c.value,
            )
        })
        .collect();
    for c in &a.gold.employee_counts {
        if !counts.contains(&(c.organisation.clone(), c.value)) {
            let reason = why(FactType::EmployeeCounts, &|d| {
                d.ends_with(&format!(" {}", c.value))
            });
            say(
                "missed count",
                format!("{} {} [{reason}]", c.organisation, c.value),
            );
        }
    }
    for c in &counts {
        if !a
            .gold
            .employee_counts
            .iter()
            .any(|g| g.organisation == c.0 && g.value == c.1)
        {
            say("spurious count", format!("{} {}", c.0, c.1));
        }
    }
    out
}
