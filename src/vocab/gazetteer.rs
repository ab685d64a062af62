//! Known organisations (`ontology/gazetteer.ttl` and `--gazetteer` files).

use super::rdf::{Index, iri};
use crate::extract::OrgKind;
use crate::graph::ns;

/// One organisation the gazetteer knows.
#[derive(Debug, Clone)]
pub struct KnownOrganisation {
    pub iri: String,
    /// The canonical label.
    pub label: String,
    /// Full names, matched case-insensitively as whole words.
    pub names: Vec<String>,
    /// Abbreviations, matched case-sensitively.
    pub acronyms: Vec<String>,
    /// Ambiguous short names: only after a full name in the same article.
    pub short_forms: Vec<String>,
    /// Seats standing for a government when it acts ("Washington").
    pub metonyms: Vec<String>,
    pub kind: OrgKind,
    /// ISO code of the `ng:country` place.
    pub country: Option<String>,
    pub parent: Option<String>,
    /// Apps, platforms and services: organisations only as ban targets.
    pub is_service: bool,
    pub is_news_outlet: bool,
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<KnownOrganisation>,
}

impl Gazetteer {
    pub fn from_index(index: &Index) -> Self {
        let pref = iri(ns::SKOS, "prefLabel");
        let entries = index
            .subjects_with(&pref)
            .filter(|s| index.iris(s, &iri(ns::NG, "orgKind")).next().is_some())
            .map(|s| entry(index, s))
            .collect();
        Self { entries }
    }

    pub fn get(&self, iri: &str) -> Option<&KnownOrganisation> {
        self.entries.iter().find(|e| e.iri == iri)
    }
}

fn entry(index: &Index, subject: &str) -> KnownOrganisation {
    let values = |ns_: &str, local: &str| -> Vec<String> {
        index
            .literals(subject, &iri(ns_, local))
            .map(|(v, _)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let label = index
        .preferred_literal(subject, &iri(ns::SKOS, "prefLabel"))
        .unwrap_or_else(|| subject.to_owned());
    let mut names = values(ns::SKOS, "prefLabel");
    names.extend(values(ns::SKOS, "altLabel"));
    let kind = index
        .iris(subject, &iri(ns::NG, "orgKind"))
        .next()
        .map_or(OrgKind::Other, org_kind);
    let country = index
        .iris(subject, &iri(ns::NG, "country"))
        .next()
        .and_then(|p| p.strip_prefix(ns::PLACE))
        .map(str::to_owned);
    let parent = index
        .iris(subject, &iri(ns::SCHEMA, "parentOrganization"))
        .next()
        .map(str::to_owned);
    KnownOrganisation {
        iri: subject.to_owned(),
        label,
        names,
        acronyms: values(ns::NG, "acronym"),
        short_forms: values(ns::NG, "shortForm"),
        metonyms: values(ns::NG, "metonym"),
        kind,
        country,
        parent,
        is_service: index.is_true(subject, &iri(ns::NG, "isService")),
        is_news_outlet: index.is_true(subject, &iri(ns::NG, "isNewsOutlet")),
    }
}

fn org_kind(iri: &str) -> OrgKind {
    match iri.strip_prefix(ns::NG).unwrap_or_default() {
        "Company" => OrgKind::Company,
        "Authority" => OrgKind::Authority,
        "Government" => OrgKind::Government,
        "Court" => OrgKind::Court,
        "Parliament" => OrgKind::Parliament,
        _ => OrgKind::Other,
    }
}
