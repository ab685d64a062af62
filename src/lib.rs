//! newsgraph: a knowledge graph of who banned whom, from news articles.
//!
//! Data flows one way: [`article`] reads files into articles, [`text`]
//! splits sentences, [`extract`] finds facts (byte offsets inside),
//! [`graph`] maps facts to triples (character offsets in the RDF), and
//! [`store`] keeps them in an embedded Oxigraph store. [`load`] runs that
//! flow over many files in parallel; [`output`] prints results.

pub mod article;
pub mod date;
pub mod decide;
pub mod extract;
pub mod graph;
pub mod lang;
pub mod learn;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod queries;
pub mod store;
pub mod text;
pub mod vocab;
