//! The vocabulary newsgraph reads at start-up: ban kinds and their words,
//! places, and the gazetteer of known organisations.
//!
//! The files of `ontology/` are built into the binary, so newsgraph works
//! from any directory; `--ontology DIR` reads a directory instead, and
//! `--gazetteer FILE` adds organisations, without recompiling.

use std::fmt;
use std::path::{Path, PathBuf};

pub mod ban_kinds;
pub mod gazetteer;
pub mod places;
mod rdf;

pub use ban_kinds::{BanKind, BanKinds, WordPattern};
pub use gazetteer::{Gazetteer, KnownOrganisation};
pub use places::{Place, Places};

use crate::graph::iri::sha256_hex;

include!(concat!(env!("OUT_DIR"), "/ontology_files.rs"));

#[derive(Debug)]
pub enum VocabError {
    Io {
        file: String,
        source: std::io::Error,
    },
    Syntax {
        file: String,
        message: String,
    },
}

impl fmt::Display for VocabError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VocabError::Io { file, source } => write!(f, "{file}: {source}"),
            VocabError::Syntax { file, message } => {
                write!(
                    f,
                    "{file}: not valid Turtle: {}",
                    message.replace('\n', " ")
                )
            }
        }
    }
}

impl std::error::Error for VocabError {}

/// Where the vocabulary comes from.
#[derive(Debug, Clone, Default)]
pub struct VocabSources {
    /// Read `*.ttl` of this directory instead of the built-in files.
    pub ontology_dir: Option<PathBuf>,
    /// Extra gazetteer files, read after the ontology.
    pub gazetteers: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct Vocabulary {
    pub ban_kinds: BanKinds,
    pub places: Places,
    pub gazetteer: Gazetteer,
    /// Given names (`ontology/people.ttl`): people, not organisations.
    pub given_names: std::collections::HashSet<String>,
    /// Common words (`ontology/common-words.ttl`), as written: never an
    /// organisation's name on their own.
    pub common_words: std::collections::HashSet<String>,
    /// Changes whenever any vocabulary file changes; stored with each
    /// article so a changed vocabulary makes `load` extract again.
    pub fingerprint: String,
}

impl Vocabulary {
    pub fn load(sources: &VocabSources) -> Result<Self, VocabError> {
        let mut files: Vec<(String, String)> = match &sources.ontology_dir {
            Some(dir) => read_dir(dir)?,
            None => BUILT_IN
                .iter()
                .map(|(n, d)| (format!("ontology/{n}"), (*d).to_owned()))
                .collect(),
        };
        for path in &sources.gazetteers {
            files.push((path.display().to_string(), read(path)?));
        }
        Self::from_turtle(&files)
    }

    /// The built-in vocabulary.
    pub fn built_in() -> Result<Self, VocabError> {
        Self::load(&VocabSources::default())
    }

    /// Builds the vocabulary from `(name, turtle)` pairs.
    pub fn from_turtle(files: &[(String, String)]) -> Result<Self, VocabError> {
        let mut index = rdf::Index::default();
        let mut all = String::new();
        for (name, data) in files {
            index.add_turtle(name, data)?;
            all.push_str(data);
        }
        Ok(Self {
            ban_kinds: BanKinds::from_index(&index),
            places: Places::from_index(&index),
            gazetteer: Gazetteer::from_index(&index),
            given_names: index
                .literals(
                    &rdf::iri(crate::graph::ns::NG, "givenNames"),
                    &rdf::iri(crate::graph::ns::NG, "givenName"),
                )
                .map(|(v, _)| v.trim().to_owned())
                .collect(),
            common_words: index
                .literals(
                    &rdf::iri(crate::graph::ns::NG, "commonWords"),
                    &rdf::iri(crate::graph::ns::NG, "commonWord"),
                )
                .map(|(v, _)| v.trim().to_owned())
                .collect(),
            fingerprint: sha256_hex(all.as_bytes())[..16].to_owned(),
        })
    }
}

fn read(path: &Path) -> Result<String, VocabError> {
    std::fs::read_to_string(path).map_err(|source| VocabError::Io {
        file: path.display().to_string(),
        source,
    })
}

fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, VocabError> {
    let io = |source| VocabError::Io {
        file: dir.display().to_string(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Ok((p.display().to_string(), read(&p)?)))
        .collect()
}
