//! `newsgraph stats` and `newsgraph remove`.

use newsgraph::graph::iri;
use newsgraph::store::Access;

use super::args::{Cli, RemoveArgs};
use super::{Failure, exit, open_store, thousands};

pub fn run(cli: &Cli) -> Result<u8, Failure> {
    let store = open_store(cli, Access::Read)?;
    let stats = store.stats()?;
    println!("store          {}", store.path().display());
    println!("articles       {}", thousands(stats.articles));
    println!("triples        {}", thousands(stats.triples));
    println!("quads          {}", thousands(stats.quads));
    println!("organisations  {}", thousands(stats.organisations));
    for (class, count) in &stats.facts {
        println!("{:<14} {}", fact_label(class), thousands(*count));
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
