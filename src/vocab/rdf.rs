//! A small read-only index over a Turtle file: enough to read vocabulary
//! entries by subject without a store.

use std::collections::HashMap;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Term, Triple};

use super::VocabError;
use crate::graph::ns;

/// Triples grouped by subject, in file order.
#[derive(Debug, Default)]
pub struct Index {
    subjects: Vec<String>,
    by_subject: HashMap<String, Vec<(String, Term)>>,
}

impl Index {
    /// Adds the triples of Turtle `data`; `name` is used in error messages.
    /// Files added later extend entries of earlier ones.
    pub fn add_turtle(&mut self, name: &str, data: &str) -> Result<(), VocabError> {
        for triple in RdfParser::from_format(RdfFormat::Turtle).for_slice(data.as_bytes()) {
            let triple: Triple = triple
                .map_err(|e| VocabError::Syntax {
                    file: name.to_owned(),
                    message: e.to_string(),
                })?
                .into();
            self.insert(triple);
        }
        Ok(())
    }

    fn insert(&mut self, triple: Triple) {
        let subject = match &triple.subject {
            oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
            oxigraph::model::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        let entry = self.by_subject.entry(subject.clone()).or_default();
        if entry.is_empty() {
            self.subjects.push(subject);
        }
        entry.push((triple.predicate.into_string(), triple.object));
    }

    /// Subjects that have `rdf:type` one of `classes`, in file order.
    pub fn subjects_of_type<'a>(&'a self, classes: &'a [String]) -> impl Iterator<Item = &'a str> {
        let rdf_type = format!("{}type", ns::RDF);
        self.subjects.iter().map(String::as_str).filter(move |s| {
            self.by_subject[*s].iter().any(|(p, o)| {
                *p == rdf_type
                    && matches!(o, Term::NamedNode(n) if classes.iter().any(|c| c == n.as_str()))
            })
        })
    }

    /// Subjects that have any value for `predicate`.
    pub fn subjects_with<'a>(&'a self, predicate: &'a str) -> impl Iterator<Item = &'a str> {
        self.subjects
            .iter()
            .map(String::as_str)
            .filter(move |s| self.by_subject[*s].iter().any(|(p, _)| p == predicate))
    }

    pub fn objects<'a>(
        &'a self,
        subject: &str,
        predicate: &'a str,
    ) -> impl Iterator<Item = &'a Term> {
        self.by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .filter(move |(p, _)| p == predicate)
            .map(|(_, o)| o)
    }

    /// Literal values of `predicate` with their language tags.
    pub fn literals<'a>(
        &'a self,
        subject: &str,
        predicate: &'a str,
    ) -> impl Iterator<Item = (&'a str, Option<&'a str>)> {
        self.objects(subject, predicate).filter_map(|o| match o {
            Term::Literal(l) => Some((l.value(), l.language())),
            _ => None,
        })
    }

    pub fn iris<'a>(&'a self, subject: &str, predicate: &'a str) -> impl Iterator<Item = &'a str> {
        self.objects(subject, predicate).filter_map(|o| match o {
            Term::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
    }

    /// The label to show: untagged, else English, else German, else any.
    pub fn preferred_literal(&self, subject: &str, predicate: &str) -> Option<String> {
        let values: Vec<_> = self.literals(subject, predicate).collect();
        [None, Some("en"), Some("de")]
            .iter()
            .find_map(|lang| values.iter().find(|(_, l)| l == lang))
            .or_else(|| values.first())
            .map(|(v, _)| (*v).to_owned())
    }

    pub fn is_true(&self, subject: &str, predicate: &str) -> bool {
        self.literals(subject, predicate)
            .any(|(v, _)| v == "true" || v == "1")
    }
}

pub fn iri(namespace: &str, local: &str) -> String {
    format!("{namespace}{local}")
}
