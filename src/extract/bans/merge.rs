//! Reports of the same measure become one ban: same kind and target,
//! compatible dates, and the same regulator, or a regulator only inferred,
//! or a government where a named authority of it acts.

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
    pub jurisdiction: Option<String>,
    pub evidence: Vec<Evidence>,
    explicit: bool,
    immediate: bool,
}

pub fn merge(mut reports: Vec<Report>, facts: &Facts) -> Vec<Merged> {
    // Reports that name their regulator decide who it is.
    reports.sort_by_key(|r| !r.explicit);
    let mut bans: Vec<Merged> = Vec::new();
    for r in reports {
        let Some(regulator) = r.regulator else { continue };
        let same = bans.iter_mut().find(|b| {
            b.kind == r.kind
                && b.target == r.target
                && fits(b.imposed, r.imposed)
                && fits(b.effective, r.effective)
                && (b.regulator == Some(regulator) || !r.explicit || government_of(facts, b.regulator, regulator))
        });
        match same {
            Some(b) => {
                b.imposed = b.imposed.or(r.imposed);
                b.effective = b.effective.or(r.effective);
                b.lifted |= r.lifted;
                b.immediate |= r.immediate;
                b.jurisdiction = b.jurisdiction.take().or(r.jurisdiction);
                if !b.evidence.contains(&r.evidence) {
                    b.evidence.push(r.evidence);
                }
                let authority = facts.organisations.get(regulator).is_some_and(|o| o.kind == OrgKind::Authority);
                if (!b.explicit && r.explicit) || (r.explicit && authority && government_of(facts, b.regulator, regulator)) {
                    b.regulator = Some(regulator);
                    b.explicit = true;
                }
            }
            None => bans.push(Merged {
                kind: r.kind,
                regulator: Some(regulator),
                target: r.target,
                imposed: r.imposed,
                effective: r.effective,
                lifted: r.lifted,
                jurisdiction: r.jurisdiction,
                evidence: vec![r.evidence],
                explicit: r.explicit,
                immediate: r.immediate,
            }),
        }
    }
    for b in &mut bans {
        if b.immediate && b.effective.is_none() {
            b.effective = b.imposed;
        }
        b.evidence.sort_by_key(|e| e.span.start);
    }
    bans
}

/// Two dates of one measure agree when either is unknown or both are equal.
fn fits(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// One of the two regulators is a government, the other an authority: the
/// named authority is the regulator ("the ministry imposed the ban").
fn government_of(facts: &Facts, kept: Option<usize>, other: usize) -> bool {
    let kind = |id: usize| facts.organisations.get(id).map(|o| o.kind);
    match kept {
        Some(k) => {
            let (a, b) = (kind(k), kind(other));
            matches!((a, b), (Some(OrgKind::Government), Some(OrgKind::Authority)) | (Some(OrgKind::Authority), Some(OrgKind::Government)))
        }
        None => false,
    }
}
