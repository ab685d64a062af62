//! `newsgraph export` and `newsgraph extract`.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, ErrorKind, Read, Write};

use oxigraph::io::RdfSerializer;
use oxigraph::model::Triple;

use newsgraph::article::{self, Format, Input};
use newsgraph::graph::{iri, mapping, ns};
use newsgraph::load::{self, LoadOptions};
use newsgraph::store::{Access, ExportFormat, StoreError};

use super::args::{Cli, ExportArgs, ExtractArgs, RdfFormatArg};
use super::load::read_options;
use super::{Failure, exit, open_store, thousands, vocabulary};

pub fn export_format(f: RdfFormatArg) -> ExportFormat {
    match f {
        RdfFormatArg::Turtle => ExportFormat::Turtle,
        RdfFormatArg::Trig => ExportFormat::TriG,
        RdfFormatArg::Ntriples => ExportFormat::NTriples,
        RdfFormatArg::Nquads => ExportFormat::NQuads,
        RdfFormatArg::Rdfxml => ExportFormat::RdfXml,
    }
}

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<u8, Failure> {
    let store = open_store(cli, Access::Read)?;
    let graph = args.article.as_deref().map(iri::article);
    if let Some(g) = &graph
        && store.stored_article(g)?.is_none()
    {
        let source = args.article.as_deref().unwrap_or_default();
        return Err(Failure::new(
            exit::PARTIAL,
            format!("no article with source `{source}` in the store"),
        ));
    }
    let format = export_format(args.format);
    let count = match &args.output {
        Some(path) => {
            // Write next to the target and rename, so a failed export never
            // leaves half a file where a good one was.
            let partial = path.with_extension("partial");
            let file = File::create(&partial)
                .map_err(|e| Failure::new(exit::PARTIAL, format!("{}: {e}", partial.display())))?;
            let mut out = BufWriter::new(file);
            let count = store.export(format, graph.as_ref().map(|g| g.as_ref()), &mut out)?;
            out.flush()
                .and_then(|()| std::fs::rename(&partial, path))
                .map_err(|e| Failure::new(exit::PARTIAL, format!("{}: {e}", path.display())))?;
            count
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            match store.export(format, graph.as_ref().map(|g| g.as_ref()), &mut out) {
                // The reader stopped early (`export | head`): not a failure,
                // and not a store error either.
                Err(StoreError::Io { source, .. }) if source.kind() == ErrorKind::BrokenPipe => {
                    return Ok(exit::OK);
                }
                exported => {
                    let count = exported?;
                    let _ = out.flush();
                    count
                }
            }
        }
    };
    if !cli.quiet && args.output.is_some() {
        eprintln!(
            "{} {} written",
            thousands(count),
            if format.keeps_graphs() {
                "quads"
            } else {
                "triples"
            }
        );
    }
    Ok(exit::OK)
}

pub fn extract(cli: &Cli, args: &ExtractArgs) -> Result<u8, Failure> {
    let vocab = vocabulary(cli)?;
    let (lang, published, read) = read_options(&args.read)?;
    let options = LoadOptions {
        lang,
        published,
        read,
        ..LoadOptions::default()
    };
    let pipeline = super::pipeline(cli, &vocab)?;
    let pipeline_id = load::pipeline_id(&vocab, &pipeline, &options);
    let articles = if args.file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::new(exit::PARTIAL, format!("-: {e}")))?;
        article::read_bytes("-", &bytes, Format::sniff(&bytes), &options.read)
    } else {
        let input = Input {
            path: Some(args.file.clone()),
            source: args.file.display().to_string(),
            format: Format::of_path(&args.file),
        };
        article::read(&input, &options.read).collect()
    };
    if args.explain {
        return explain(&pipeline, articles, &options);
    }
    let format = export_format(args.format);
    let mut serializer = RdfSerializer::from_format(format.rdf_format());
    for (prefix, ns_iri) in ns::PREFIXES {
        serializer = serializer
            .with_prefix(*prefix, *ns_iri)
            .map_err(|e| Failure::new(exit::PARTIAL, e))?;
    }
    let stdout = std::io::stdout();
    let mut out = serializer.for_writer(BufWriter::new(stdout.lock()));
    let mut failed = false;
    for article in articles {
        let article = match article {
            Ok(a) => a,
            Err(e) => {
                eprintln!("newsgraph: error: {e}");
                failed = true;
                continue;
            }
        };
        for warning in &article.warnings {
            eprintln!("newsgraph: warning: {}: {warning}", article.source);
        }
        let hash = iri::sha256_hex(article.text.as_bytes());
        let extraction = load::extract(article, hash, &pipeline, &options);
        for quad in mapping::article_quads(&extraction, &vocab, &pipeline_id) {
            let written = if format.keeps_graphs() {
                out.serialize_quad(&quad)
            } else {
                out.serialize_triple(&Triple::from(quad))
            };
            written.map_err(|e| Failure::new(exit::PARTIAL, e))?;
        }
    }
    let mut inner = out.finish().map_err(|e| Failure::new(exit::PARTIAL, e))?;
    let _ = inner.flush();
    Ok(if failed { exit::PARTIAL } else { exit::OK })
}

/// `extract --explain`: each decision's candidates, most likely first.
fn explain(
    pipeline: &newsgraph::pipeline::Pipeline,
    articles: Vec<Result<article::Article, article::ReadError>>,
    options: &LoadOptions,
) -> Result<u8, Failure> {
    if pipeline.model().is_none() {
        return Err(Failure::new(
            exit::USAGE,
            "--explain shows learned decisions; --rules-only has none",
        ));
    }
    let mut failed = false;
    let mut out = String::new();
    for article in articles {
        let article = match article {
            Ok(a) => a,
            Err(e) => {
                eprintln!("newsgraph: error: {e}");
                failed = true;
                continue;
            }
        };
        let lang = options
            .lang
            .or(article.lang)
            .unwrap_or_else(|| newsgraph::lang::Lang::detect(&article.text));
        let published = article.published.or(options.published);
        let doc = newsgraph::extract::Document::new(&article.text, lang, published);
        let (_, offered) = pipeline.run_explained(&doc);
        let _ = writeln!(out, "# {}", article.source);
        for o in offered {
            let _ = writeln!(out, "{} (kept at p >= {:.3})", o.fact.name(), o.threshold);
            let mut candidates = o.candidates;
            candidates.sort_by(|a, b| b.p.total_cmp(&a.p));
            for c in candidates {
                let mark = if c.kept { "yes" } else { " no" };
                let why: Vec<String> = c
                    .reasons
                    .iter()
                    .map(|(n, w)| format!("{n} {w:+.2}"))
                    .collect();
                let _ = writeln!(out, "  {mark} {:.3}  {}  [{}]", c.p, c.what, why.join(", "));
            }
        }
    }
    print!("{out}");
    Ok(if failed { exit::PARTIAL } else { exit::OK })
}
