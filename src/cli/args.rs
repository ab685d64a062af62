//! Command-line flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Build a knowledge graph of organisations, regulators, bans, dates and
/// employee counts from German and English news articles, query it with
/// SPARQL and export it as RDF.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, propagate_version = true)]
#[command(after_help = "Examples:
  newsgraph load examples/articles          load every article under a directory
  newsgraph query bans                      run a canned query (see `query --list`)
  newsgraph query 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
  newsgraph export --output graph.ttl       the whole graph as Turtle
  newsgraph extract article.txt             facts of one file, no store needed")]
pub struct Cli {
    /// Directory of the store [default: ./newsgraph.db]
    #[arg(long, global = true, env = "NEWSGRAPH_STORE", value_name = "DIR")]
    pub store: Option<PathBuf>,

    /// Wait for another newsgraph process to release the store instead of
    /// failing at once
    #[arg(long, global = true)]
    pub wait: bool,

    /// Read the vocabulary (ontology, ban kinds, places, gazetteer) from the
    /// *.ttl files of DIR instead of the built-in copy
    #[arg(long, global = true, value_name = "DIR")]
    pub ontology: Option<PathBuf>,

    /// Add organisations from a Turtle gazetteer (repeatable); see
    /// ontology/gazetteer.ttl for the format
    #[arg(long, global = true, value_name = "FILE.ttl")]
    pub gazetteer: Vec<PathBuf>,

    /// Decide with the model in FILE (made by `newsgraph train`) instead
    /// of the built-in one
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        conflicts_with = "rules_only"
    )]
    pub model: Option<PathBuf>,

    /// Decide with the hand-written rules alone, no learned model
    #[arg(long, global = true)]
    pub rules_only: bool,

    /// Print only errors
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load articles (files, directories, or - for stdin) into the store
    Load(LoadArgs),
    /// Run a SPARQL query: a query string, a .rq file, or a canned query name
    Query(QueryArgs),
    /// Write the graph, or one article's graph, as RDF
    Export(ExportArgs),
    /// Print the triples one article yields, as Turtle, without a store
    Extract(ExtractArgs),
    /// Count articles, triples and facts in the store
    Stats,
    /// Remove articles and their facts from the store, by source
    Remove(RemoveArgs),
    /// Train the learned decisions on annotated articles, or measure them
    /// by cross-validation (--cv)
    #[command(after_help = "Examples:
  newsgraph train --gold corpus/gold --texts corpus/texts --output my-model.tsv
  newsgraph train --gold corpus/gold --texts corpus/texts --cv 5
  newsgraph --model my-model.tsv load articles/

Gold files follow ../shared/eval/GOLD.md (one NAME.json per NAME.txt);
MANIFEST-*.tsv files beside the gold folder may give each article a story
(column `story`): cross-validation keeps a story's articles in one fold.
Training is deterministic: the same articles give the same model file.")]
    Train(TrainArgs),
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Folder of gold annotations (NAME.json)
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,

    /// Folder of the article texts (NAME.txt)
    #[arg(long, value_name = "DIR")]
    pub texts: PathBuf,

    /// Write the trained model to FILE
    #[arg(long, short, value_name = "FILE", required_unless_present = "cv")]
    pub output: Option<PathBuf>,

    /// Instead of training one model, print K-fold cross-validated
    /// precision, recall and F1 per fact type beside the rules alone
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(2..=50))]
    pub cv: Option<u64>,

    /// With --cv: also list every fact the learned model missed or made
    /// up, and for a miss whether it had a candidate
    #[arg(long, requires = "cv")]
    pub details: bool,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Language of the articles; auto takes the article's own declaration or
    /// detects German or English
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    pub lang: LangArg,

    /// Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for articles that do
    /// not give one; relative dates ("last Tuesday") resolve against it
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,

    /// Largest article (or JSON line) accepted, in MiB
    #[arg(long, value_name = "MIB", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_article_size: u64,
}

#[derive(Debug, Args)]
pub struct LoadArgs {
    /// Files or directories (searched recursively for .txt .md .html .htm
    /// .jsonl), or - to read one article from stdin
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub read: ReadArgs,

    /// Extract again even articles whose text is unchanged
    #[arg(long)]
    pub force: bool,

    /// Extraction threads [default: all cores]
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,

    /// Memory budget of the store's bulk loader in MB; lower it on small
    /// machines
    #[arg(long, value_name = "MB")]
    pub memory: Option<usize>,

    /// Compact the store when the load is done: takes a while, and makes
    /// queries on a large store several times faster
    #[arg(long)]
    pub compact: bool,

    /// Quads written per store commit
    #[arg(long, value_name = "N", default_value_t = 400_000, hide = true)]
    pub batch: usize,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// SPARQL text, a path to a .rq file, or a canned query name
    #[arg(required_unless_present = "list", value_name = "QUERY")]
    pub query: Option<String>,

    /// List the canned queries with their descriptions
    #[arg(long)]
    pub list: bool,

    /// Result format for SELECT and ASK [default: table on a terminal, else
    /// json]
    #[arg(long, short, value_enum)]
    pub format: Option<ResultFormatArg>,

    /// RDF format for CONSTRUCT and DESCRIBE
    #[arg(long, value_enum, default_value_t = RdfFormatArg::Turtle)]
    pub graph_format: RdfFormatArg,

    /// Stop the query after this many seconds
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, short, value_enum, default_value_t = RdfFormatArg::Turtle)]
    pub format: RdfFormatArg,

    /// Write to FILE instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only the article loaded from SOURCE
    #[arg(long, value_name = "SOURCE")]
    pub article: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The article file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Instead of triples, list what each learned decision was offered:
    /// every candidate with its probability, and which were kept
    #[arg(long, conflicts_with = "format")]
    pub explain: bool,

    #[command(flatten)]
    pub read: ReadArgs,

    #[arg(long, short, value_enum, default_value_t = RdfFormatArg::Turtle)]
    pub format: RdfFormatArg,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Sources as `load` stored them (the path as given, or the URL)
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Auto,
    De,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ResultFormatArg {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RdfFormatArg {
    Turtle,
    Trig,
    Ntriples,
    Nquads,
    Rdfxml,
}
