//! `newsgraph stats` and `newsgraph remove`.

use std::io::Write;

use newsgraph::graph::iri;
use newsgraph::store::Access;

use super::args::{Cli, RemoveArgs};
use super::{Failure, exit, open_store, thousands};

pub fn run(cli: &Cli) -> Result<u8, Failure> {
    let store = open_store(cli, Access::Read)?;
    let stats = store.stats()?;
    let mut lines = vec![
        format!("store          {}", store.path().display()),
        format!("articles       {}", thousands(stats.articles)),
        format!("triples        {}", thousands(stats.triples)),
        format!("quads          {}", thousands(stats.quads)),
        format!("organisations  {}", thousands(stats.organisations)),
    ];
    for (class, count) in &stats.facts {
        lines.push(format!("{:<14} {}", fact_label(class), thousands(*count)));
    }
    // `stats | head -1` closes the pipe early: that is not an error.
    let mut out = std::io::stdout().lock();
    for line in lines {
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    Ok(exit::OK)
}

fn fact_label(class: &str) -> &str {
    match class {
        "OrganisationOccurrence" => "org-in-article",
        "OrganisationMention" => "org-mentions",
        "RegulatorRole" => "regulators",
        "Ban" => "bans",
        "EmployeeCount" => "employee-counts",
        "DateMention" => "dates",
        other => other,
    }
}

pub fn remove(cli: &Cli, args: &RemoveArgs) -> Result<u8, Failure> {
    let store = open_store(cli, Access::Write)?;
    let mut missing = 0;
    for source in &args.sources {
        let graph = iri::article(source);
        if store.remove_article(graph.as_ref())? {
            if !cli.quiet {
                eprintln!("removed {source}");
            }
        } else {
            missing += 1;
            eprintln!("newsgraph: not in the store: {source}");
        }
    }
    store.flush()?;
    Ok(if missing > 0 { exit::PARTIAL } else { exit::OK })
}
