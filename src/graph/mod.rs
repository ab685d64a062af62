//! IRIs and the mapping of facts to triples.

pub mod iri;
pub mod mapping;
pub mod ns;
