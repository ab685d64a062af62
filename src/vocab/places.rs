//! Countries and regions (`ontology/places.ttl`).

use std::collections::HashMap;

use super::rdf::{Index, iri};
use crate::graph::ns;

#[derive(Debug, Clone)]
pub struct Place {
    /// ISO 3166 code or region key (`US`, `DE-BY`, `EU`).
    pub code: String,
    /// English label (else German).
    pub label: String,
    /// All names, both languages.
    pub names: Vec<String>,
    /// Adjectives; German ones as stems ("chinesisch").
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    pub cities: Vec<String>,
    /// Words that name the place from the writer's side ("hierzulande").
    pub deictic: Vec<String>,
    /// Extra compound prefixes ("Sino").
    pub compound_prefixes: Vec<String>,
    /// The IRI of this country's government in the gazetteer.
    pub government: Option<String>,
    pub is_country: bool,
}

#[derive(Debug, Default)]
pub struct Places {
    pub entries: Vec<Place>,
    by_code: HashMap<String, usize>,
}

impl Places {
    pub fn from_index(index: &Index) -> Self {
        let notation = iri(ns::SKOS, "notation");
        let mut places = Places::default();
        for subject in index.subjects_with(&notation) {
            if !subject.starts_with(ns::PLACE) {
                continue;
            }
            let place = place(index, subject);
            places
                .by_code
                .insert(place.code.clone(), places.entries.len());
            places.entries.push(place);
        }
        places
    }

    pub fn get(&self, code: &str) -> Option<&Place> {
        self.by_code.get(code).map(|&i| &self.entries[i])
    }

    pub fn label(&self, code: &str) -> Option<&str> {
        self.get(code).map(|p| p.label.as_str())
    }
}

fn place(index: &Index, subject: &str) -> Place {
    let values = |ns_: &str, local: &str| -> Vec<String> {
        index
            .literals(subject, &iri(ns_, local))
            .map(|(v, _)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect()
    };
    let code = index
        .preferred_literal(subject, &iri(ns::SKOS, "notation"))
        .unwrap_or_default();
    let label = index
        .preferred_literal(subject, &iri(ns::SKOS, "prefLabel"))
        .unwrap_or_else(|| code.clone());
    let mut names = values(ns::SKOS, "prefLabel");
    names.extend(values(ns::SKOS, "altLabel"));
    let country = iri(ns::SCHEMA, "Country");
    Place {
        is_country: index
            .iris(subject, &iri(ns::RDF, "type"))
            .any(|t| t == country),
        government: index
            .iris(subject, &iri(ns::NG, "government"))
            .next()
            .map(str::to_owned),
        adjectives: values(ns::NG, "adjective"),
        demonyms: values(ns::NG, "demonym"),
        capitals: values(ns::NG, "capital"),
        cities: values(ns::NG, "city"),
        deictic: values(ns::NG, "deicticLabel"),
        compound_prefixes: values(ns::NG, "compoundPrefix"),
        code,
        label,
        names,
    }
}
