//! The vocabularies newsgraph writes, as IRI constants.

pub const NG: &str = "https://w3id.org/newsgraph/ontology#";
pub const ID: &str = "https://w3id.org/newsgraph/id/";
pub const BAN_KIND: &str = "https://w3id.org/newsgraph/ban-kind/";
pub const ORG: &str = "https://w3id.org/newsgraph/org/";
pub const PLACE: &str = "https://w3id.org/newsgraph/place/";
pub const SCHEMA: &str = "https://schema.org/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const NIF: &str = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// Prefixes for readable Turtle and for SPARQL queries typed by hand.
pub const PREFIXES: &[(&str, &str)] = &[
    ("ng", NG),
    ("ngk", BAN_KIND),
    ("ngo", ORG),
    ("ngp", PLACE),
    ("schema", SCHEMA),
    ("prov", PROV),
    ("skos", SKOS),
    ("nif", NIF),
    ("xsd", XSD),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
];

/// `PREFIX` lines for all of [`PREFIXES`], to put before a user's query.
pub fn sparql_prologue() -> String {
    PREFIXES
        .iter()
        .map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n"))
        .collect()
}
