//! Reports of the same measure become one ban: same kind and target,
//! compatible dates, and the same regulator, or a regulator only inferred,
//! or a government where a named authority acts. Reports that a measure
//! was lifted only change the status of one already reported.

use super::Report;
use crate::date::PartialDate;
use crate::extract::{Evidence, Facts, OrgKind};

#[derive(Debug, Clone)]
pub struct Merged {
    pub kind: usize,
    pub regulator: Option<usize>,
    pub target: usize,
    pub imposed: Option<PartialDate>,
    pub effective: Option<PartialDate>,
    pub lifted: bool,
    pub immediate: bool,
    pub jurisdiction: Option<String>,
    pub evidence: Vec<Evidence>,
    /// Sentences of its reports, the first first.
    pub sentences: Vec<usize>,
    explicit: bool,
}

pub fn merge(mut reports: Vec<Report>, facts: &Facts) -> Vec<Merged> {
    // Named regulators decide; lifting reports come last, as updates.
    reports.sort_by_key(|r| (r.lifted, !r.explicit, r.sentence));
    let mut bans: Vec<Merged> = Vec::new();
    for r in reports {
        let Some(regulator) = r.regulator else {
            continue;
        };
        let same = bans.iter_mut().find(|b| {
            b.kind == r.kind
                && b.target == r.target
                && fits(b.imposed, r.imposed)
                && fits(b.effective, r.effective)
                && (b.regulator == Some(regulator)
                    || !r.explicit
                    || r.lifted
                    || government_pair(facts, b.regulator, regulator))
        });
        match same {
            Some(b) => absorb(b, r, regulator, facts),
            // A lifted measure counts when the same sentence also reports
            // it being imposed ("verhängt, das später aufgehoben wurde").
            None if !r.lifted || r.announces => bans.push(Merged {
                kind: r.kind,
                regulator: Some(regulator),
                target: r.target,
                imposed: r.imposed,
                effective: r.effective,
                lifted: r.lifted,
                immediate: r.immediate,
                jurisdiction: r.jurisdiction,
                evidence: vec![r.evidence],
                sentences: vec![r.sentence],
                explicit: r.explicit,
            }),
            None => {}
        }
    }
    for b in &mut bans {
        b.evidence.sort_by_key(|e| e.span.start);
        b.evidence.dedup();
    }
    bans
}

fn absorb(b: &mut Merged, r: Report, regulator: usize, facts: &Facts) {
    b.lifted |= r.lifted;
    if !b.sentences.contains(&r.sentence) {
        b.sentences.push(r.sentence);
    }
    if r.lifted {
        return;
    }
    b.imposed = b.imposed.or(r.imposed);
    b.effective = b.effective.or(r.effective);
    b.immediate |= r.immediate;
    b.jurisdiction = b.jurisdiction.take().or(r.jurisdiction);
    b.evidence.push(r.evidence);
    let authority = facts
        .organisations
        .get(regulator)
        .is_some_and(|o| o.kind == OrgKind::Authority);
    let replaces_government = authority && government_pair(facts, b.regulator, regulator);
    if (!b.explicit && r.explicit) || replaces_government {
        b.regulator = Some(regulator);
        b.explicit |= r.explicit;
    }
}

/// Two dates of one measure agree when either is unknown or both are equal.
fn fits(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// One regulator is a government, the other an authority: "the government
/// bans X" and "the ministry imposed the ban" report one measure, imposed
/// by the ministry.
fn government_pair(facts: &Facts, kept: Option<usize>, other: usize) -> bool {
    let kind = |id: usize| facts.organisations.get(id).map(|o| o.kind);
    kept.is_some_and(|k| {
        matches!(
            (kind(k), kind(other)),
            (Some(OrgKind::Government), Some(OrgKind::Authority))
                | (Some(OrgKind::Authority), Some(OrgKind::Government))
        )
    })
}
