//! What extractors find: plain data, with byte offsets into the article text.
//!
//! Offsets here are UTF-8 byte ranges because that is what `str` slicing and
//! `regex` speak; the graph mapping turns them into the character offsets
//! NIF asks for.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use crate::date::PartialDate;

/// The text a fact was read from and how sure the extractor is of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Byte range of the anchor text in the article text.
    pub span: Range<usize>,
    /// 0 (a guess) to 1 (certain).
    pub confidence: f32,
}

impl Evidence {
    pub fn new(span: Range<usize>, confidence: f32) -> Self {
        Self {
            span,
            confidence: confidence.clamp(0.0, 1.0),
        }
    }
}

/// A calendar date, month or year the article places something in.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub value: PartialDate,
    pub evidence: Evidence,
}

/// Index of an [`Organisation`] in [`Facts::organisations`].
pub type OrgId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgKind {
    Company,
    /// Authorities, ministries, agencies, regulators.
    Authority,
    /// A government as a whole ("die Bundesregierung", "the administration").
    Government,
    Court,
    Parliament,
    /// International bodies, associations, unions and anything else.
    Other,
}

/// One real organisation as this article knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Organisation {
    /// Identity across articles: the gazetteer entry's IRI, or a normalised
    /// name key for organisations the gazetteer does not know.
    pub id: OrgIdentity,
    /// The canonical label (`skos:prefLabel`).
    pub label: String,
    /// Every surface form the article uses (`skos:altLabel`).
    pub forms: BTreeSet<String>,
    pub kind: OrgKind,
    /// ISO 3166 code of the country it belongs to, where known.
    pub country: Option<String>,
    /// The IRI of the organisation it is part of, where the gazetteer
    /// knows it.
    pub parent: Option<String>,
    /// Which finders named it (features of the learned decision).
    pub found_by: BTreeSet<Finder>,
}

impl Organisation {
    /// The name the article itself uses: the canonical label when the
    /// article writes it, else its longest form.
    pub fn name_in_article(&self) -> String {
        if self.forms.is_empty()
            || (self.forms.contains(&self.label) && matches!(self.id, OrgIdentity::Known(_)))
        {
            return self.label.clone();
        }
        // The fullest form that reads as a name (capitalised), else any.
        self.forms
            .iter()
            .max_by_key(|f| {
                let capital = f.starts_with(|c: char| c.is_uppercase());
                (capital, f.chars().count(), std::cmp::Reverse((*f).clone()))
            })
            .cloned()
            .unwrap_or_else(|| self.label.clone())
    }
}

/// The finder of an organisation name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Finder {
    /// A run of capitalised words and nothing else: a candidate for the
    /// learned decision only.
    Run,
    /// The name at the front of a German compound ("Vossloh" in
    /// "Vossloh-Lokomotivsparte"): a candidate for the learned decision.
    Part,
    /// The learned name tagger (`crate::decide::tagger`).
    Tagger,
    /// A role noun or apposition next to it ("der Chipkonzern X").
    Cue,
    /// An institution's head word ("Landgericht", "Authority").
    Institution,
    LegalForm,
    /// A government named through its country.
    Government,
    Gazetteer,
    /// An acronym introduced for one of its names.
    Acronym,
}

impl Finder {
    pub fn name(self) -> &'static str {
        match self {
            Finder::Run => "run",
            Finder::Part => "part",
            Finder::Tagger => "tagger",
            Finder::Cue => "cue",
            Finder::Institution => "institution",
            Finder::LegalForm => "legal-form",
            Finder::Government => "government",
            Finder::Gazetteer => "gazetteer",
            Finder::Acronym => "acronym",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrgIdentity {
    /// An entry of the gazetteer, by its IRI.
    Known(String),
    /// Not in the gazetteer: a normalised name key (see `text::names`).
    Named(String),
}

/// One place in the text where an organisation is named.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgMention {
    pub org: OrgId,
    pub evidence: Evidence,
}

/// How a stated head count relates to the real one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    Exact,
    Approximately,
    LessThan,
    MoreThan,
    AtLeast,
    AtMost,
}

impl Relation {
    pub const ALL: [Relation; 6] = [
        Relation::Exact,
        Relation::Approximately,
        Relation::LessThan,
        Relation::MoreThan,
        Relation::AtLeast,
        Relation::AtMost,
    ];

    /// The `skos:notation` of the relation in the ontology.
    pub fn notation(self) -> &'static str {
        match self {
            Relation::Exact => "exact",
            Relation::Approximately => "approximately",
            Relation::LessThan => "less-than",
            Relation::MoreThan => "more-than",
            Relation::AtLeast => "at-least",
            Relation::AtMost => "at-most",
        }
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.notation())
    }
}

/// A stated number of employees.
#[derive(Clone, Debug, PartialEq)]
pub struct EmployeeCount {
    pub org: Option<OrgId>,
    pub value: u64,
    pub relation: Relation,
    /// ISO 3166 code (or region key of `ontology/places.ttl`) the count is
    /// for; `None` for the whole organisation.
    pub place: Option<String>,
    pub evidence: Evidence,
}

/// Whether a reported measure is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BanStatus {
    InForce,
    /// Reported as lifted, overturned or suspended.
    Lifted,
}

/// One measure (ban, listing, sanction) against one target.
#[derive(Clone, Debug, PartialEq)]
pub struct Ban {
    /// The `skos:notation` of its kind in `ontology/ban-kinds.ttl`.
    pub kind: String,
    pub regulator: Option<OrgId>,
    pub target: OrgId,
    /// When it was decided or announced.
    pub imposed: Option<PartialDate>,
    /// When it takes effect.
    pub effective: Option<PartialDate>,
    pub status: BanStatus,
    /// ISO 3166 code (or region key) of where it applies.
    pub jurisdiction: Option<String>,
    /// Every passage that reports it; the first is the main one.
    pub evidence: Vec<Evidence>,
}

/// An organisation acting as regulator or authority in the article.
#[derive(Clone, Debug, PartialEq)]
pub struct RegulatorRole {
    pub org: OrgId,
    pub evidence: Evidence,
}

/// Everything the extractors found in one article.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    pub dates: Vec<DateMention>,
    pub organisations: Vec<Organisation>,
    pub mentions: Vec<OrgMention>,
    pub employee_counts: Vec<EmployeeCount>,
    pub bans: Vec<Ban>,
    pub regulators: Vec<RegulatorRole>,
    /// Extractors that failed on this article (not facts; reported as
    /// warnings).
    pub failures: Vec<String>,
}

impl Facts {
    /// Keeps the organisations `keep` says yes to, and drops every mention,
    /// count, ban and role of the others; ids are renumbered.
    pub fn retain_organisations(&mut self, keep: impl Fn(OrgId, &Organisation) -> bool) {
        let mut new_id: Vec<Option<OrgId>> = Vec::with_capacity(self.organisations.len());
        let mut kept = Vec::new();
        for (id, org) in std::mem::take(&mut self.organisations)
            .into_iter()
            .enumerate()
        {
            if keep(id, &org) {
                new_id.push(Some(kept.len()));
                kept.push(org);
            } else {
                new_id.push(None);
            }
        }
        self.organisations = kept;
        let map = |id: OrgId| new_id.get(id).copied().flatten();
        self.mentions
            .retain_mut(|m| map(m.org).map(|n| m.org = n).is_some());
        self.employee_counts.retain_mut(|c| match c.org {
            Some(o) => map(o).map(|n| c.org = Some(n)).is_some(),
            None => true,
        });
        self.bans.retain_mut(|b| {
            let target = map(b.target);
            let regulator = b.regulator.map(map);
            match (target, regulator) {
                (Some(t), None) => {
                    b.target = t;
                    true
                }
                (Some(t), Some(Some(r))) => {
                    b.target = t;
                    b.regulator = Some(r);
                    true
                }
                _ => false,
            }
        });
        self.regulators
            .retain_mut(|r| map(r.org).map(|n| r.org = n).is_some());
    }

    /// The mentions of `org`, in text order.
    pub fn mentions_of(&self, org: OrgId) -> impl Iterator<Item = &OrgMention> {
        self.mentions.iter().filter(move |m| m.org == org)
    }
}
