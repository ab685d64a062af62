//! The model file: what training learned, as text.
//!
//! ```text
//! newsgraph-model 1
//! features 1-9a0c...          the feature set it was trained with
//! trained 507 articles ...    a comment for people
//! [tagger]                    the name tagger: transitions, then
//! trans ^ 0.1 0.4 -9.2        O/B/I weights per feature
//! 0.31 -0.12 -0.19 tag.w=die
//! [organisations]
//! threshold 0.41
//! bias -1.2
//! 0.8312 org.origin=legal-form
//! ...
//! [ban-kinds]                 one bias and weight column per class
//! classes sales-ban usage-ban ...
//! bias -0.2 0.1 ...
//! 0.52 -0.1 ... kind.trigger=verkaufsverbot
//! ```
//!
//! A file that does not parse, or that was made for another feature set,
//! is refused with the line at fault: a model that silently scored
//! nothing would turn every article into no facts.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::{self, Write as _};

use super::features::{self, TEMPLATES};

/// The model built into the binary (`ontology/model.tsv`).
pub const BUILT_IN: &str = include_str!("../../ontology/model.tsv");

const MAGIC: &str = "newsgraph-model 1";

/// A yes/no decision over candidates of one fact type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Binary {
    pub bias: f32,
    pub threshold: f32,
    pub weights: HashMap<u64, f32>,
}

impl Binary {
    pub fn probability(&self, hashes: &[u64]) -> f32 {
        let z = f64::from(self.bias)
            + hashes
                .iter()
                .filter_map(|h| self.weights.get(h))
                .map(|w| f64::from(*w))
                .sum::<f64>();
        crate::learn::logistic::sigmoid(z) as f32
    }

    pub fn accepts(&self, hashes: &[u64]) -> bool {
        self.probability(hashes) >= self.threshold
    }
}

/// A choice among classes (the kind of a ban).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    /// Besides the best class, every class at least this probable is
    /// chosen too (one company both entity-listed and banned from
    /// exports).
    pub threshold: f32,
    pub classes: Vec<String>,
    pub bias: Vec<f32>,
    pub weights: HashMap<u64, Vec<f32>>,
}

impl Choice {
    /// The classes chosen: the best, and any other at least
    /// [`Choice::threshold`] probable.
    pub fn chosen(&self, hashes: &[u64]) -> Vec<&str> {
        let ranked = self.ranked(hashes);
        let Some(best) = ranked.first().map(|(_, s)| *s) else {
            return Vec::new();
        };
        let total: f32 = ranked.iter().map(|(_, s)| (s - best).exp()).sum();
        ranked
            .iter()
            .enumerate()
            .filter(|(i, (_, s))| *i == 0 || (s - best).exp() / total >= self.threshold)
            .map(|(_, (c, _))| *c)
            .collect()
    }

    /// The classes by score, best first, with their scores.
    pub fn ranked(&self, hashes: &[u64]) -> Vec<(&str, f32)> {
        let mut scores = self.bias.clone();
        for h in hashes {
            if let Some(w) = self.weights.get(h) {
                for (s, w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
        let mut out: Vec<(&str, f32)> = self
            .classes
            .iter()
            .map(String::as_str)
            .zip(scores)
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }
}

/// Every learned decision newsgraph makes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Model {
    pub organisations: Binary,
    pub regulators: Binary,
    pub bans: Binary,
    pub ban_kinds: Choice,
    pub employee_counts: Binary,
    /// The name tagger.
    pub tagger: super::tagger::Tagger,
    /// Text of the `trained` line.
    pub about: String,
    /// A digest of the file, for the extraction's identity.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// Not a model file, or a line that does not parse.
    Syntax { line: usize, message: String },
    /// Made for a binary with other features.
    FeatureSet { found: String, expected: String },
    /// A section the binary needs is not in the file.
    Missing(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Syntax { line, message } => write!(f, "line {line}: {message}"),
            ModelError::FeatureSet { found, expected } => write!(
                f,
                "made for feature set {found}, this newsgraph has {expected}: retrain it with `newsgraph train`"
            ),
            ModelError::Missing(section) => write!(f, "no [{section}] section"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The sections of a model file, in order.
const SECTIONS: &[&str] = &[
    "tagger",
    "organisations",
    "regulators",
    "bans",
    "ban-kinds",
    "employee-counts",
];

impl Model {
    /// The yes/no decision on `fact`.
    pub fn binary(&self, fact: super::FactType) -> &Binary {
        match fact {
            super::FactType::Organisations => &self.organisations,
            super::FactType::EmployeeCounts => &self.employee_counts,
            super::FactType::Bans => &self.bans,
            super::FactType::Regulators => &self.regulators,
        }
    }

    pub fn built_in() -> Self {
        Self::parse(BUILT_IN).expect("the built-in model matches the binary (a test checks it)")
    }

    pub fn parse(text: &str) -> Result<Self, ModelError> {
        let mut model = Model {
            fingerprint: crate::graph::iri::sha256_hex(text.as_bytes())[..16].to_owned(),
            ..Model::default()
        };
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let syntax = |line: usize, message: String| ModelError::Syntax { line, message };
        match lines.next() {
            Some((_, l)) if l.trim() == MAGIC => {}
            _ => {
                return Err(syntax(
                    1,
                    format!("not a newsgraph model (no `{MAGIC}` line)"),
                ));
            }
        }
        let expected = features::fingerprint();
        let mut seen_features = false;
        let mut section: Option<&'static str> = None;
        let mut present: Vec<&'static str> = Vec::new();
        for (n, line) in lines {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let Some(s) = SECTIONS.iter().find(|s| **s == name) else {
                    return Err(syntax(n, format!("unknown section [{name}]")));
                };
                if !seen_features {
                    return Err(syntax(n, "no `features` line before the sections".into()));
                }
                section = Some(s);
                present.push(s);
                continue;
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            let rest = rest.trim();
            match (section, key) {
                (None, "features") => {
                    if rest != expected {
                        return Err(ModelError::FeatureSet {
                            found: rest.to_owned(),
                            expected,
                        });
                    }
                    seen_features = true;
                }
                (None, "trained") => model.about = rest.to_owned(),
                (None, _) => return Err(syntax(n, format!("unexpected `{key}`"))),
                (Some("ban-kinds"), _) => parse_choice(&mut model.ban_kinds, n, key, rest)?,
                (Some("tagger"), _) => parse_tagger(&mut model.tagger, n, key, rest)?,
                (Some(s), _) => {
                    let binary = match s {
                        "organisations" => &mut model.organisations,
                        "regulators" => &mut model.regulators,
                        "bans" => &mut model.bans,
                        _ => &mut model.employee_counts,
                    };
                    parse_binary(binary, n, key, rest)?;
                }
            }
        }
        if !seen_features {
            return Err(syntax(1, "no `features` line".into()));
        }
        for s in SECTIONS {
            if !present.contains(s) {
                return Err(ModelError::Missing(s));
            }
        }
        if model.ban_kinds.classes.is_empty() {
            return Err(ModelError::Missing("ban-kinds classes"));
        }
        Ok(model)
    }
}

fn number(n: usize, s: &str) -> Result<f32, ModelError> {
    s.parse::<f32>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ModelError::Syntax {
            line: n,
            message: format!("`{s}` is not a number"),
        })
}

/// A feature name whose template this binary makes.
fn feature(n: usize, name: &str) -> Result<u64, ModelError> {
    if !TEMPLATES.contains(&features::template_of(name)) {
        return Err(ModelError::Syntax {
            line: n,
            message: format!("unknown feature `{name}`"),
        });
    }
    Ok(features::hash_name(name))
}

fn parse_binary(b: &mut Binary, n: usize, key: &str, rest: &str) -> Result<(), ModelError> {
    match key {
        "threshold" => b.threshold = number(n, rest)?,
        "bias" => b.bias = number(n, rest)?,
        weight => {
            if rest.is_empty() || rest.contains(' ') {
                return Err(ModelError::Syntax {
                    line: n,
                    message: "expected `WEIGHT FEATURE`".into(),
                });
            }
            b.weights.insert(feature(n, rest)?, number(n, weight)?);
        }
    }
    Ok(())
}

/// `trans PREVIOUS wO wB wI` or `wO wB wI FEATURE`.
fn parse_tagger(
    t: &mut super::tagger::Tagger,
    n: usize,
    key: &str,
    rest: &str,
) -> Result<(), ModelError> {
    let syntax = |message: &str| ModelError::Syntax {
        line: n,
        message: message.to_owned(),
    };
    let three = |parts: &[&str]| -> Result<[f32; 3], ModelError> {
        if parts.len() != 3 {
            return Err(syntax("expected three weights (O B I)"));
        }
        Ok([
            number(n, parts[0])?,
            number(n, parts[1])?,
            number(n, parts[2])?,
        ])
    };
    if key == "trans" {
        let parts: Vec<&str> = rest.split(' ').collect();
        let previous = match parts.first() {
            Some(&"O") => 0,
            Some(&"B") => 1,
            Some(&"I") => 2,
            Some(&"^") => 3,
            _ => return Err(syntax("expected `trans O|B|I|^ wO wB wI`")),
        };
        t.transitions[previous] = three(&parts[1..])?;
        return Ok(());
    }
    let (more, name) = rest
        .rsplit_once(' ')
        .ok_or_else(|| syntax("expected `wO wB wI FEATURE`"))?;
    let mut parts = vec![key];
    parts.extend(more.split(' '));
    let w = three(&parts)?;
    t.weights.insert(feature(n, name)?, w);
    Ok(())
}

fn parse_choice(c: &mut Choice, n: usize, key: &str, rest: &str) -> Result<(), ModelError> {
    let values =
        |s: &str| -> Result<Vec<f32>, ModelError> { s.split(' ').map(|v| number(n, v)).collect() };
    match key {
        "classes" => c.classes = rest.split(' ').map(str::to_owned).collect(),
        "threshold" => c.threshold = number(n, rest)?,
        "bias" => {
            c.bias = values(rest)?;
            if c.bias.len() != c.classes.len() {
                return Err(ModelError::Syntax {
                    line: n,
                    message: "one bias per class".into(),
                });
            }
        }
        first => {
            let (more, name) = rest.rsplit_once(' ').unwrap_or(("", rest));
            let mut w = vec![number(n, first)?];
            if !more.is_empty() {
                w.extend(values(more)?);
            }
            if w.len() != c.classes.len() {
                return Err(ModelError::Syntax {
                    line: n,
                    message: format!("{} weights for {} classes", w.len(), c.classes.len()),
                });
            }
            c.weights.insert(feature(n, name)?, w);
        }
    }
    Ok(())
}

/// Writes a model file. `weights` are by feature name, so the file reads.
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new(about: &str) -> Self {
        let mut out = String::new();
        let _ = writeln!(out, "{MAGIC}");
        let _ = writeln!(out, "features {}", features::fingerprint());
        let _ = writeln!(out, "trained {about}");
        Self { out }
    }

    /// A binary section; weights below `min` in magnitude are left out.
    pub fn binary(&mut self, section: &str, threshold: f64, bias: f32, weights: &[(String, f32)]) {
        let _ = writeln!(
            self.out,
            "\n[{section}]\nthreshold {threshold:.4}\nbias {bias:.5}"
        );
        let mut sorted: Vec<&(String, f32)> = weights.iter().collect();
        sorted.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        for (name, w) in sorted {
            let _ = writeln!(self.out, "{w:.5} {name}");
        }
    }

    pub fn choice(
        &mut self,
        section: &str,
        threshold: f32,
        classes: &[String],
        bias: &[f32],
        weights: &[(String, Vec<f32>)],
    ) {
        let join = |v: &[f32]| {
            v.iter()
                .map(|w| format!("{w:.5}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            self.out,
            "\n[{section}]\nthreshold {threshold:.4}\nclasses {}\nbias {}",
            classes.join(" "),
            join(bias)
        );
        let mut sorted: Vec<&(String, Vec<f32>)> = weights.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, w) in sorted {
            let _ = writeln!(self.out, "{} {name}", join(w));
        }
    }

    /// The name tagger's section.
    pub fn tagger(
        &mut self,
        tagger: &super::tagger::Tagger,
        names: &std::collections::HashMap<u64, String>,
    ) {
        let _ = writeln!(self.out, "\n[tagger]");
        for (p, row) in ["O", "B", "I", "^"].iter().zip(tagger.transitions) {
            let _ = writeln!(
                self.out,
                "trans {p} {:.4} {:.4} {:.4}",
                row[0], row[1], row[2]
            );
        }
        let mut rows: Vec<(&String, [f32; 3])> = tagger
            .weights
            .iter()
            .filter_map(|(h, w)| names.get(h).map(|n| (n, *w)))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        for (name, w) in rows {
            let _ = writeln!(self.out, "{:.4} {:.4} {:.4} {name}", w[0], w[1], w[2]);
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> String {
        let mut w = Writer::new("2 articles");
        w.tagger(&Default::default(), &std::collections::HashMap::default());
        for s in ["organisations", "regulators", "bans", "employee-counts"] {
            w.binary(s, 0.5, -1.0, &[("org.known".into(), 2.0)]);
        }
        w.choice(
            "ban-kinds",
            0.3,
            &["sales-ban".into(), "sanction".into()],
            &[0.1, -0.1],
            &[("kind.trigger=sanktionen".into(), vec![-1.0, 1.0])],
        );
        w.finish()
    }

    #[test]
    fn a_written_model_reads_back() {
        let m = Model::parse(&small()).unwrap();
        assert_eq!(m.organisations.threshold, 0.5);
        assert!(m.organisations.accepts(&[features::hash_name("org.known")]));
        assert!(!m.organisations.accepts(&[]));
        let ranked = m
            .ban_kinds
            .ranked(&[features::hash_name("kind.trigger=sanktionen")]);
        assert_eq!(ranked[0].0, "sanction");
        assert_eq!(m.about, "2 articles");
    }

    #[test]
    fn the_built_in_model_matches_the_binary() {
        Model::parse(BUILT_IN).unwrap();
    }

    #[test]
    fn bad_files_say_which_line() {
        assert!(matches!(
            Model::parse("hello"),
            Err(ModelError::Syntax { line: 1, .. })
        ));
        let other = small().replace(&features::fingerprint(), "0-feedfacefeedface");
        assert!(matches!(
            Model::parse(&other),
            Err(ModelError::FeatureSet { .. })
        ));
        let unknown = small().replace("org.known", "org.colour=blue");
        let err = Model::parse(&unknown).unwrap_err();
        assert!(
            err.to_string()
                .contains("unknown feature `org.colour=blue`"),
            "{err}"
        );
        let bad_number = small().replace("threshold 0.5000", "threshold high");
        assert!(
            matches!(
                Model::parse(&bad_number),
                Err(ModelError::Syntax { line: 12, .. })
            ),
            "{:?}",
            Model::parse(&bad_number)
        );
        let missing = small().replace("[bans]", "[regulators]");
        assert!(Model::parse(&missing).is_err());
    }
}
