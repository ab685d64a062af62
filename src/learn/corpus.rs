//! An annotated corpus: gold files, the article texts they describe, and
//! which story each article tells (`corpus/README.md`).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::gold::{Entities, Gold, GoldError};
use crate::article::{self, Article, Format, ReadOptions};
use crate::lang::Lang;

/// One article with its gold.
pub struct Annotated {
    /// The file name without `.txt`/`.json`.
    pub name: String,
    /// Articles of one story are kept in one fold.
    pub story: String,
    pub article: Article,
    pub lang: Lang,
    pub gold: Gold,
    pub entities: Entities,
}

#[derive(Debug)]
pub enum CorpusError {
    Gold(GoldError),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Text {
        path: PathBuf,
        message: String,
    },
    Manifest {
        path: PathBuf,
        line: usize,
        message: String,
    },
    Empty {
        gold: PathBuf,
        texts: PathBuf,
    },
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorpusError::Gold(e) => e.fmt(f),
            CorpusError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            CorpusError::Text { path, message } => write!(f, "{}: {message}", path.display()),
            CorpusError::Manifest {
                path,
                line,
                message,
            } => write!(f, "{}:{line}: {message}", path.display()),
            CorpusError::Empty { gold, texts } => write!(
                f,
                "no article in {} has its text in {} (restore the texts first: corpus/README.md)",
                gold.display(),
                texts.display()
            ),
        }
    }
}

impl std::error::Error for CorpusError {}

/// What reading a corpus found.
pub struct Corpus {
    pub articles: Vec<Annotated>,
    /// Gold files whose text is not restored.
    pub missing_texts: Vec<String>,
}

/// Reads every `NAME.json` of `gold_dir` with `texts_dir/NAME.txt`.
/// Stories come from the `story` column of `MANIFEST-*.tsv` files in
/// `gold_dir` or its parent; an article no manifest names is a story of
/// its own.
pub fn read(gold_dir: &Path, texts_dir: &Path) -> Result<Corpus, CorpusError> {
    let stories = stories(gold_dir)?;
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| CorpusError::Io { path, source }
    };
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .map_err(io(gold_dir))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.sort();
    let mut articles = Vec::new();
    let mut missing_texts = Vec::new();
    for name in names {
        let text_path = texts_dir.join(format!("{name}.txt"));
        let bytes = match std::fs::read(&text_path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing_texts.push(name);
                continue;
            }
            Err(e) => return Err(io(&text_path)(e)),
        };
        let gold = Gold::read(&gold_dir.join(format!("{name}.json"))).map_err(CorpusError::Gold)?;
        let source = text_path.display().to_string();
        let article = article::read_bytes(&source, &bytes, Format::Text, &ReadOptions::default())
            .into_iter()
            .next()
            .and_then(Result::ok)
            .ok_or_else(|| CorpusError::Text {
                path: text_path.clone(),
                message: "not a readable article".into(),
            })?;
        // As `load` does: the declared language, else detected.
        let lang = article.lang.unwrap_or_else(|| Lang::detect(&article.text));
        let entities = gold.entities();
        articles.push(Annotated {
            story: stories.get(&name).cloned().unwrap_or_else(|| name.clone()),
            name,
            article,
            lang,
            gold,
            entities,
        });
    }
    if articles.is_empty() {
        return Err(CorpusError::Empty {
            gold: gold_dir.to_owned(),
            texts: texts_dir.to_owned(),
        });
    }
    Ok(Corpus {
        articles,
        missing_texts,
    })
}

/// Article name -> story, from the manifests beside the gold folder.
fn stories(gold_dir: &Path) -> Result<HashMap<String, String>, CorpusError> {
    let mut out = HashMap::new();
    let dirs = [Some(gold_dir), gold_dir.parent()];
    for dir in dirs.into_iter().flatten() {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut manifests: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("MANIFEST") && n.ends_with(".tsv"))
            })
            .collect();
        manifests.sort();
        for path in manifests {
            let text = std::fs::read_to_string(&path).map_err(|source| CorpusError::Io {
                path: path.clone(),
                source,
            })?;
            let mut lines = text.lines();
            let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
            let col = |name: &str| header.iter().position(|h| *h == name);
            let (Some(name_col), Some(story_col)) = (col("name"), col("story")) else {
                continue;
            };
            for (i, line) in lines.enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let cells: Vec<&str> = line.split('\t').collect();
                let (Some(name), Some(story)) = (cells.get(name_col), cells.get(story_col)) else {
                    return Err(CorpusError::Manifest {
                        path: path.clone(),
                        line: i + 2,
                        message: "fewer columns than the header".into(),
                    });
                };
                out.insert((*name).to_owned(), (*story).to_owned());
            }
        }
    }
    Ok(out)
}
