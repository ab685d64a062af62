//! Running the rules (no learned decisions) on a sentence or two, for the
//! extractors
//! unit tests.

use std::sync::OnceLock;

use super::{Document, Facts};
use crate::date::PartialDate;
use crate::lang::Lang;
use crate::pipeline::Pipeline;
use crate::vocab::Vocabulary;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let vocab = Vocabulary::built_in().expect("the built-in vocabulary parses");
        Pipeline::rules(&vocab)
    })
}

/// The facts of `text`, published on `published` (`YYYY[-MM[-DD]]`).
pub fn facts(text: &str, lang: Lang, published: &str) -> Facts {
    let doc = Document::new(text, lang, PartialDate::parse_iso(published));
    pipeline().run(&doc)
}

/// The names the article uses for its organisations, sorted.
pub fn organisation_names(facts: &Facts, text: &str) -> Vec<String> {
    let mut names: Vec<String> = (0..facts.organisations.len())
        .filter_map(|id| facts.mentions_of(id).next())
        .map(|m| text[m.evidence.span.clone()].to_owned())
        .collect();
    names.sort();
    names
}

/// The label of organisation `id`, or "" for none.
pub fn label(facts: &Facts, id: Option<usize>) -> String {
    id.and_then(|i| facts.organisations.get(i))
        .map(|o| o.label.clone())
        .unwrap_or_default()
}

/// Each ban as "regulator -> target: kind imposed/effective".
pub fn bans(facts: &Facts) -> Vec<String> {
    let mut out: Vec<String> = facts
        .bans
        .iter()
        .map(|b| {
            let date =
                |d: Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
            format!(
                "{} -> {}: {} {}/{}",
                label(facts, b.regulator),
                label(facts, Some(b.target)),
                b.kind,
                date(b.imposed),
                date(b.effective)
            )
        })
        .collect();
    out.sort();
    out
}

/// Each employee count as "organisation value relation place".
pub fn counts(facts: &Facts) -> Vec<String> {
    facts
        .employee_counts
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                label(facts, c.org),
                c.value,
                c.relation,
                c.place.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// The labels of the regulators, sorted.
pub fn regulators(facts: &Facts) -> Vec<String> {
    let mut out: Vec<String> = facts
        .regulators
        .iter()
        .map(|r| label(facts, Some(r.org)))
        .collect();
    out.sort();
    out.dedup();
    out
}
