//! `newsgraph train`: fit the learned decisions to an annotated corpus, or
//! measure them by cross-validation.

use newsgraph::learn::{self, Settings, corpus};

use super::args::{Cli, TrainArgs};
use super::{Failure, exit};

pub fn run(cli: &Cli, args: &TrainArgs) -> Result<u8, Failure> {
    let vocab = super::vocabulary(cli)?;
    let corpus = corpus::read(&args.gold, &args.texts).map_err(|e| Failure::new(exit::USAGE, e))?;
    let say = |line: &str| {
        if !cli.quiet {
            eprintln!("{line}");
        }
    };
    if !corpus.missing_texts.is_empty() {
        say(&format!(
            "newsgraph: {} gold files have no text in {} and are left out (first: {})",
            corpus.missing_texts.len(),
            args.texts.display(),
            corpus.missing_texts[0]
        ));
    }
    let articles: Vec<&corpus::Annotated> = corpus.articles.iter().collect();
    let mut settings = Settings::default();
    // Knobs for experiments, not part of the interface.
    if let Some(v) = std::env::var("NEWSGRAPH_L2")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        settings.logistic.l2 = v;
    }
    if let Some(v) = std::env::var("NEWSGRAPH_ITER")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        settings.logistic.iterations = v;
    }
    if let Some(v) = std::env::var("NEWSGRAPH_KINDSHARE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        settings.kind_share = v;
    }
    if let Some(v) = std::env::var("NEWSGRAPH_BALANCE")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        settings.balance = v;
    }
    if let Some(v) = std::env::var("NEWSGRAPH_MINCOUNT")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        settings.min_count = v;
    }
    let stories = {
        let mut s: Vec<&str> = articles.iter().map(|a| a.story.as_str()).collect();
        s.sort_unstable();
        s.dedup();
        s.len()
    };
    if let Some(k) = args.cv {
        let k = k as usize;
        say(&format!(
            "cross-validating on {} articles ({stories} stories) in {k} folds by story",
            articles.len()
        ));
        let cv = learn::cross_validate(&articles, &vocab, k, &settings, args.details, &|fold| {
            say(&format!("fold {}/{k}", fold + 1));
        });
        println!(
            "{}-fold cross-validation, {} articles, folds by story\n",
            cv.folds, cv.articles
        );
        print!(
            "{}",
            learn::score::Table {
                columns: vec![("learned", &cv.learned), ("rules alone", &cv.rules)],
            }
        );
        for line in &cv.details {
            println!("{line}");
        }
        return Ok(exit::OK);
    }
    let Some(output) = &args.output else {
        return Err(Failure::new(
            exit::USAGE,
            "train needs --output FILE or --cv K",
        ));
    };
    say(&format!(
        "training on {} articles ({stories} stories)",
        articles.len()
    ));
    let about = format!(
        "{} articles ({} de, {} en) from {}",
        articles.len(),
        articles.iter().filter(|a| a.gold.lang == "de").count(),
        articles.iter().filter(|a| a.gold.lang == "en").count(),
        args.gold.display()
    );
    let trained = learn::train(&articles, &vocab, &settings, &about);
    for line in &trained.report {
        say(line);
    }
    std::fs::write(output, &trained.file)
        .map_err(|e| Failure::new(exit::USAGE, format!("{}: {e}", output.display())))?;
    say(&format!("model written to {}", output.display()));
    Ok(exit::OK)
}
