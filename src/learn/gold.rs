//! Gold annotations (`../shared/eval/GOLD.md`): what a careful reader takes
//! from an article, and how a name found by newsgraph is matched to them —
//! the same loose matching as the scorer, so a candidate labelled positive
//! here is one the scorer would count as found.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldBan {
    pub regulator: String,
    pub target: String,
    pub kind: String,
    pub imposed: Option<String>,
    pub effective: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldCount {
    pub organisation: String,
    pub value: u64,
    pub relation: String,
    pub place: Option<String>,
}

/// One article's gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub source: String,
    pub lang: String,
    pub published: Option<String>,
    #[serde(default)]
    pub organisations: Vec<Named>,
    #[serde(default)]
    pub optional_organisations: Vec<Named>,
    #[serde(default)]
    pub regulators: Vec<Named>,
    #[serde(default)]
    pub bans: Vec<GoldBan>,
    #[serde(default)]
    pub employee_counts: Vec<GoldCount>,
    #[serde(default)]
    pub dates: Vec<String>,
}

#[derive(Debug)]
pub enum GoldError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Syntax {
        path: PathBuf,
        message: String,
    },
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GoldError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            GoldError::Syntax { path, message } => {
                write!(f, "{}: not a gold file: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for GoldError {}

impl Gold {
    pub fn read(path: &Path) -> Result<Self, GoldError> {
        let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
            path: path.to_owned(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| GoldError::Syntax {
            path: path.to_owned(),
            message: e.to_string(),
        })
    }

    /// The entities names resolve to.
    pub fn entities(&self) -> Entities {
        Entities::new(self)
    }
}

/// Legal suffixes the scorer drops from the end of a name.
const LEGAL: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "se",
    "sa",
    "plc",
    "nv",
    "bv",
    "kg",
    "kgaa",
    "ug",
    "spa",
    "srl",
    "group",
    "holding",
    "holdings",
    "mbh",
];

/// Articles the scorer drops from the start of a name.
const LEADING: &[&str] = &["the", "der", "die", "das", "des", "dem", "den"];

/// The scorer's loose key of a name: lower case, `&` as "and", `ß` as
/// "ss", punctuation as space, no leading article, no legal suffixes.
pub fn norm(name: &str) -> String {
    // The scorer applies NFKC first; news text is already composed, and
    // the compatibility forms that matter here are spaces and ligatures.
    let mut s = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\u{a0}' | '\u{2007}' | '\u{202f}' => s.push(' '),
            '\u{fb00}' => s.push_str("ff"),
            '\u{fb01}' => s.push_str("fi"),
            '\u{fb02}' => s.push_str("fl"),
            _ => s.extend(c.to_lowercase()),
        }
    }
    let s = s.replace('&', " and ").replace('ß', "ss");
    let s: String = s
        .chars()
        .map(|c| {
            if "-_/.,;:'\"’‘“”„()[]".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.first().is_some_and(|w| LEADING.contains(w)) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// What a gold entity is to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Listed under `organisations` (or `regulators`).
    Required,
    /// Listed under `optional_organisations`: neither found nor missed counts.
    Optional,
}

/// The gold entities of one article, each with its name keys. A canonical
/// name wins over an alias; an alias shared by two entities resolves to
/// the first (the scorer's rule).
#[derive(Debug, Clone, Default)]
pub struct Entities {
    by_name: HashMap<String, String>,
    by_alias: HashMap<String, Vec<String>>,
    standing: HashMap<String, Standing>,
}

impl Entities {
    pub fn new(gold: &Gold) -> Self {
        let mut e = Entities::default();
        let lists = [
            (&gold.organisations, Standing::Required),
            (&gold.regulators, Standing::Required),
            (&gold.optional_organisations, Standing::Optional),
        ];
        for (list, standing) in lists {
            for named in list {
                e.by_name
                    .entry(norm(&named.name))
                    .or_insert_with(|| named.name.clone());
                e.standing.entry(named.name.clone()).or_insert(standing);
                for alias in &named.aliases {
                    let at = e.by_alias.entry(norm(alias)).or_default();
                    if !at.contains(&named.name) {
                        at.push(named.name.clone());
                    }
                }
            }
        }
        e
    }

    /// The gold entity a name found by newsgraph stands for.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        let key = norm(name);
        self.by_name
            .get(&key)
            .or_else(|| self.by_alias.get(&key).and_then(|v| v.first()))
            .map(String::as_str)
    }

    pub fn standing(&self, entity: &str) -> Option<Standing> {
        self.standing.get(entity).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_follows_the_scorer() {
        assert_eq!(norm("The Boeing Company"), "boeing");
        assert_eq!(norm("Rosneft Deutschland GmbH"), "rosneft deutschland");
        assert_eq!(
            norm("RN Refining & Marketing GmbH"),
            "rn refining and marketing"
        );
        assert_eq!(norm("Straße-Bau AG"), "strasse bau");
        assert_eq!(norm("„Die Behörde“"), "behörde");
        // A legal word alone stays.
        assert_eq!(norm("Group"), "group");
    }

    #[test]
    fn names_resolve_by_name_then_alias() {
        let gold: Gold = serde_json::from_str(
            r#"{"source":"a.txt","lang":"en","published":"2024-01",
                "organisations":[{"name":"US Department of Commerce","aliases":["Commerce","Commerce Department"]},
                                 {"name":"Commerce Bank","aliases":["Commerce"]}],
                "optional_organisations":[{"name":"Reuters","aliases":[]}],
                "regulators":[{"name":"US Department of Commerce","aliases":["Commerce"]}]}"#,
        )
        .unwrap();
        let e = gold.entities();
        assert_eq!(
            e.resolve("the Commerce Department"),
            Some("US Department of Commerce")
        );
        assert_eq!(e.resolve("Commerce Bank Inc."), Some("Commerce Bank"));
        assert_eq!(e.resolve("Commerce"), Some("US Department of Commerce"));
        assert_eq!(e.resolve("Reuters"), Some("Reuters"));
        assert_eq!(e.standing("Reuters"), Some(Standing::Optional));
        assert_eq!(e.resolve("Commerzbank"), None);
    }
}
