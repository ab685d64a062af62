//! Facts to triples: one article's node, its sentences and every fact, all in
//! the article's own named graph.
//!
//! Every fact node links to its article (`prov:wasDerivedFrom`) and carries
//! its anchor text with NIF character offsets, its sentence and a confidence,
//! so provenance survives when graphs are merged. Vocabulary terms a graph
//! uses (ban kinds, places, relations) get their notation and labels inside
//! the graph too, so one exported article is self-contained.

use std::collections::BTreeSet;

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use super::iri;
use super::ns;
use crate::article::Article;
use crate::date::PartialDate;
use crate::extract::{Ban, Evidence, Facts, OrgIdentity, OrgKind, Organisation, Relation};
use crate::lang::Lang;
use crate::text::span::CharIndex;
use crate::vocab::Vocabulary;

/// Everything one article yields, ready to be mapped to triples.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub article: Article,
    pub lang: Lang,
    pub facts: Facts,
    /// Hex SHA-256 of the article text.
    pub text_hash: String,
    /// Byte ranges of the sentences (from the extraction's `Document`).
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// The quads of one article, all in the graph named by the article's IRI.
/// `pipeline` identifies the extractors and vocabulary that produced them.
pub fn article_quads(extraction: &Extraction, vocab: &Vocabulary, pipeline: &str) -> Vec<Quad> {
    let article = iri::article(&extraction.article.source);
    let mut out = Writer {
        graph: GraphName::NamedNode(article.clone()),
        quads: Vec::with_capacity(64 + 24 * extraction.facts.mentions.len()),
        chars: CharIndex::new(&extraction.article.text),
        text: &extraction.article.text,
        sentences: &extraction.sentences,
        article: article.clone(),
        used_sentences: BTreeSet::new(),
        described: BTreeSet::new(),
    };
    out.article_node(extraction, pipeline);
    out.dates(&extraction.facts);
    out.organisations(&extraction.facts);
    out.regulators(&extraction.facts);
    out.employee_counts(&extraction.facts, vocab);
    out.bans(&extraction.facts, vocab);
    out.sentence_nodes();
    // Facts sharing a sentence or a vocabulary node write some triples
    // twice; a graph is a set.
    let mut quads = out.quads;
    let mut seen = std::collections::HashSet::with_capacity(quads.len());
    let keep: Vec<bool> = quads.iter().map(|q| seen.insert(q)).collect();
    drop(seen);
    let mut keep = keep.into_iter();
    quads.retain(|_| keep.next().unwrap_or(true));
    quads
}

struct Writer<'a> {
    graph: GraphName,
    quads: Vec<Quad>,
    chars: CharIndex,
    text: &'a str,
    sentences: &'a [std::ops::Range<usize>],
    article: NamedNode,
    used_sentences: BTreeSet<usize>,
    /// Vocabulary nodes whose notation and label are already written.
    described: BTreeSet<String>,
}

fn p(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn string(value: &str) -> Term {
    Literal::new_simple_literal(value).into()
}

fn integer(value: u64) -> Term {
    Literal::new_typed_literal(value.to_string(), p(ns::XSD, "integer")).into()
}

fn date(value: PartialDate) -> Term {
    Literal::new_typed_literal(value.to_string(), p(ns::XSD, value.xsd_local_name())).into()
}

impl Writer<'_> {
    fn add(&mut self, s: &NamedNode, pred: NamedNode, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(s.clone()),
            pred,
            o.into(),
            self.graph.clone(),
        ));
    }

    /// True once per vocabulary node and article.
    fn first_time(&mut self, node: &NamedNode) -> bool {
        self.described.insert(node.as_str().to_owned())
    }

    fn typed(&mut self, s: &NamedNode, class: NamedNode) {
        self.add(s, p(ns::RDF, "type"), class);
    }

    fn article_node(&mut self, ex: &Extraction, pipeline: &str) {
        let a = self.article.clone();
        let article = &ex.article;
        self.typed(&a, p(ns::SCHEMA, "NewsArticle"));
        self.typed(&a, p(ns::NIF, "Context"));
        self.add(&a, iri::ng("source"), string(&article.source));
        self.add(&a, p(ns::SCHEMA, "inLanguage"), string(ex.lang.code()));
        self.add(&a, iri::ng("textHash"), string(&ex.text_hash));
        self.add(&a, iri::ng("pipeline"), string(pipeline));
        self.add(&a, p(ns::NIF, "isString"), string(&article.text));
        self.add(&a, p(ns::NIF, "beginIndex"), integer(0));
        let length = self.chars.char_offset(article.text.len()) as u64;
        self.add(&a, p(ns::NIF, "endIndex"), integer(length));
        if let Some(title) = &article.title {
            self.add(&a, p(ns::SCHEMA, "headline"), string(title));
        }
        if let Some(url) = &article.url {
            let any_uri = p(ns::XSD, "anyURI");
            self.add(
                &a,
                p(ns::SCHEMA, "url"),
                Literal::new_typed_literal(url, any_uri),
            );
        }
        if let Some(published) = article.published {
            self.add(&a, p(ns::SCHEMA, "datePublished"), date(published));
        }
    }

    /// The provenance every fact carries: article, anchor, offsets, sentence
    /// and confidence.
    fn evidence(&mut self, node: &NamedNode, evidence: &Evidence) {
        let (begin, end) = self.offsets(evidence);
        let anchor = self
            .text
            .get(evidence.span.clone())
            .unwrap_or_default()
            .to_owned();
        let sentence = self.sentence_of(evidence);
        self.add(node, p(ns::PROV, "wasDerivedFrom"), self.article.clone());
        self.add(node, p(ns::NIF, "referenceContext"), self.article.clone());
        self.add(node, p(ns::NIF, "anchorOf"), string(&anchor));
        self.add(node, p(ns::NIF, "beginIndex"), integer(begin as u64));
        self.add(node, p(ns::NIF, "endIndex"), integer(end as u64));
        self.add(node, p(ns::NIF, "sentence"), sentence);
        let confidence = Literal::new_typed_literal(
            canonical_decimal(evidence.confidence),
            p(ns::XSD, "decimal"),
        );
        self.add(node, iri::ng("confidence"), confidence);
    }

    fn offsets(&self, evidence: &Evidence) -> (usize, usize) {
        (
            self.chars.char_offset(evidence.span.start),
            self.chars.char_offset(evidence.span.end),
        )
    }

    fn sentence_of(&mut self, evidence: &Evidence) -> NamedNode {
        let index = self
            .sentences
            .partition_point(|s| s.start <= evidence.span.start)
            .saturating_sub(1);
        self.used_sentences.insert(index);
        self.sentence_iri(index)
    }

    fn sentence_iri(&self, index: usize) -> NamedNode {
        let range = self.sentences.get(index).cloned().unwrap_or(0..0);
        iri::span(
            &self.article,
            self.chars.char_offset(range.start),
            self.chars.char_offset(range.end),
        )
    }

    /// A fact node named after its kind and anchor offsets.
    fn fact_node(&self, kind: &str, evidence: &Evidence) -> NamedNode {
        let (begin, end) = self.offsets(evidence);
        iri::in_article(&self.article, &format!("{kind}-{begin}-{end}"))
    }

    fn dates(&mut self, facts: &Facts) {
        for mention in &facts.dates {
            let node = self.fact_node("date", &mention.evidence);
            self.typed(&node, iri::ng("DateMention"));
            self.add(&node, iri::ng("date"), date(mention.value));
            self.evidence(&node, &mention.evidence);
        }
    }

    fn organisations(&mut self, facts: &Facts) {
        for (id, org) in facts.organisations.iter().enumerate() {
            let org_node = iri::organisation(&org.id);
            self.organisation_node(&org_node, org);
            let mut mentions = facts.mentions_of(id).peekable();
            let Some(first) = mentions.peek().map(|m| m.evidence.clone()) else {
                continue;
            };
            let occurrence = self.occurrence_iri(org);
            self.typed(&occurrence, iri::ng("OrganisationOccurrence"));
            self.add(&occurrence, iri::ng("organisation"), org_node.clone());
            self.add(&occurrence, iri::ng("name"), string(&org.name_in_article()));
            self.evidence(&occurrence, &first);
            self.add(
                &self.article.clone(),
                p(ns::SCHEMA, "mentions"),
                org_node.clone(),
            );
            for mention in mentions {
                let node = self.fact_node("org", &mention.evidence);
                self.typed(&node, iri::ng("OrganisationMention"));
                self.add(&node, iri::ng("organisation"), org_node.clone());
                self.evidence(&node, &mention.evidence);
            }
        }
    }

    fn occurrence_iri(&self, org: &Organisation) -> NamedNode {
        let local = match &org.id {
            OrgIdentity::Known(known) => {
                format!("org-{}", known.rsplit('/').next().unwrap_or_default())
            }
            OrgIdentity::Named(key) => format!("name-{}", iri::slug(key)),
        };
        iri::in_article(&self.article, &local)
    }

    fn organisation_node(&mut self, node: &NamedNode, org: &Organisation) {
        let class = match org.kind {
            OrgKind::Company => "Corporation",
            OrgKind::Authority | OrgKind::Government | OrgKind::Court | OrgKind::Parliament => {
                "GovernmentOrganization"
            }
            OrgKind::Other => "Organization",
        };
        self.typed(node, p(ns::SCHEMA, "Organization"));
        if class != "Organization" {
            self.typed(node, p(ns::SCHEMA, class));
        }
        self.add(node, iri::ng("orgKind"), iri::ng(org_kind_local(org.kind)));
        self.add(node, p(ns::SKOS, "prefLabel"), string(&org.label));
        for form in org.forms.iter().filter(|f| **f != org.label) {
            self.add(node, p(ns::SKOS, "altLabel"), string(form));
        }
        if let Some(country) = &org.country {
            self.add(node, iri::ng("country"), iri::place(country));
        }
    }

    fn regulators(&mut self, facts: &Facts) {
        for role in &facts.regulators {
            let Some(org) = facts.organisations.get(role.org) else {
                continue;
            };
            let org_key = iri::sha256_hex(iri::organisation(&org.id).as_str().as_bytes());
            let node = self.fact_node(&format!("regulator-{}", &org_key[..8]), &role.evidence);
            self.typed(&node, iri::ng("RegulatorRole"));
            self.add(&node, iri::ng("organisation"), iri::organisation(&org.id));
            self.add(&node, iri::ng("occurrence"), self.occurrence_iri(org));
            self.evidence(&node, &role.evidence);
        }
    }

    fn employee_counts(&mut self, facts: &Facts, vocab: &Vocabulary) {
        for count in &facts.employee_counts {
            let node = self.fact_node("employees", &count.evidence);
            self.typed(&node, iri::ng("EmployeeCount"));
            self.typed(&node, p(ns::SCHEMA, "QuantitativeValue"));
            self.add(&node, p(ns::SCHEMA, "value"), integer(count.value));
            match count.relation {
                Relation::LessThan | Relation::AtMost => {
                    self.add(&node, p(ns::SCHEMA, "maxValue"), integer(count.value))
                }
                Relation::MoreThan | Relation::AtLeast => {
                    self.add(&node, p(ns::SCHEMA, "minValue"), integer(count.value))
                }
                Relation::Exact | Relation::Approximately => {}
            }
            let relation = iri::ng(relation_local(count.relation));
            self.add(&node, iri::ng("relation"), relation.clone());
            if self.first_time(&relation) {
                self.add(
                    &relation,
                    p(ns::SKOS, "notation"),
                    string(count.relation.notation()),
                );
            }
            if let Some(place) = &count.place {
                self.place(&node, iri::ng("place"), place, vocab);
            }
            if let Some(org) = count.org.and_then(|id| facts.organisations.get(id)) {
                let org_node = iri::organisation(&org.id);
                self.add(&node, iri::ng("organisation"), org_node.clone());
                self.add(&node, iri::ng("occurrence"), self.occurrence_iri(org));
                self.add(&org_node, p(ns::SCHEMA, "numberOfEmployees"), node.clone());
            }
            self.evidence(&node, &count.evidence);
        }
    }

    fn place(&mut self, subject: &NamedNode, pred: NamedNode, code: &str, vocab: &Vocabulary) {
        let place = iri::place(code);
        self.add(subject, pred, place.clone());
        if !self.first_time(&place) {
            return;
        }
        self.add(&place, p(ns::SKOS, "notation"), string(code));
        if let Some(label) = vocab.places.label(code) {
            self.add(&place, p(ns::SKOS, "prefLabel"), string(label));
        }
    }

    fn bans(&mut self, facts: &Facts, vocab: &Vocabulary) {
        for ban in &facts.bans {
            let (Some(target), Some(main)) =
                (facts.organisations.get(ban.target), ban.evidence.first())
            else {
                continue;
            };
            let node = self.ban_node(ban, facts);
            self.typed(&node, iri::ng("Ban"));
            let kind = iri::ban_kind(&ban.kind);
            self.add(&node, iri::ng("banKind"), kind.clone());
            if self.first_time(&kind) {
                self.add(&kind, p(ns::SKOS, "notation"), string(&ban.kind));
                if let Some(label) = vocab.ban_kinds.label(&ban.kind) {
                    self.add(&kind, p(ns::SKOS, "prefLabel"), string(label));
                }
            }
            self.add(&node, iri::ng("target"), iri::organisation(&target.id));
            self.add(
                &node,
                iri::ng("targetOccurrence"),
                self.occurrence_iri(target),
            );
            if let Some(regulator) = ban.regulator.and_then(|id| facts.organisations.get(id)) {
                self.add(
                    &node,
                    iri::ng("regulator"),
                    iri::organisation(&regulator.id),
                );
                self.add(
                    &node,
                    iri::ng("regulatorOccurrence"),
                    self.occurrence_iri(regulator),
                );
            }
            if let Some(imposed) = ban.imposed {
                self.add(&node, iri::ng("imposed"), date(imposed));
            }
            if let Some(effective) = ban.effective {
                self.add(&node, iri::ng("effective"), date(effective));
            }
            let status = match ban.status {
                crate::extract::BanStatus::InForce => "InForce",
                crate::extract::BanStatus::Lifted => "Lifted",
            };
            self.add(&node, iri::ng("status"), iri::ng(status));
            if let Some(place) = &ban.jurisdiction {
                self.place(&node, iri::ng("jurisdiction"), place, vocab);
            }
            self.evidence(&node, main);
            for extra in ban.evidence.iter().skip(1) {
                let span = self.fact_node("evidence", extra);
                self.add(&node, iri::ng("evidence"), span.clone());
                self.typed(&span, p(ns::NIF, "String"));
                self.evidence(&span, extra);
            }
        }
    }

    /// One node per distinct measure: kind, regulator, target and dates.
    fn ban_node(&self, ban: &Ban, facts: &Facts) -> NamedNode {
        let org = |id: Option<usize>| {
            id.and_then(|id| facts.organisations.get(id))
                .map(|o| iri::organisation(&o.id).into_string())
                .unwrap_or_default()
        };
        let key = format!(
            "{}|{}|{}|{:?}|{:?}",
            ban.kind,
            org(ban.regulator),
            org(Some(ban.target)),
            ban.imposed,
            ban.effective
        );
        let hash = iri::sha256_hex(key.as_bytes());
        let local = format!("ban-{}-{}", iri::slug(&ban.kind), &hash[..12]);
        iri::in_article(&self.article, &local)
    }

    fn sentence_nodes(&mut self) {
        for index in std::mem::take(&mut self.used_sentences) {
            let Some(range) = self.sentences.get(index).cloned() else {
                continue;
            };
            let node = self.sentence_iri(index);
            self.typed(&node, p(ns::NIF, "Sentence"));
            self.add(&node, p(ns::NIF, "referenceContext"), self.article.clone());
            self.add(
                &node,
                p(ns::NIF, "anchorOf"),
                string(&self.text[range.clone()]),
            );
            let begin = self.chars.char_offset(range.start) as u64;
            let end = self.chars.char_offset(range.end) as u64;
            self.add(&node, p(ns::NIF, "beginIndex"), integer(begin));
            self.add(&node, p(ns::NIF, "endIndex"), integer(end));
        }
    }
}

/// Two decimals in the canonical form of xsd:decimal, as the store gives
/// them back ("0.8", "1"), so `extract` and `export` agree literally.
fn canonical_decimal(value: f32) -> String {
    let fixed = format!("{value:.2}");
    fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn org_kind_local(kind: OrgKind) -> &'static str {
    match kind {
        OrgKind::Company => "Company",
        OrgKind::Authority => "Authority",
        OrgKind::Government => "Government",
        OrgKind::Court => "Court",
        OrgKind::Parliament => "Parliament",
        OrgKind::Other => "OtherOrganisation",
    }
}

fn relation_local(relation: Relation) -> &'static str {
    match relation {
        Relation::Exact => "Exactly",
        Relation::Approximately => "Approximately",
        Relation::LessThan => "LessThan",
        Relation::MoreThan => "MoreThan",
        Relation::AtLeast => "AtLeast",
        Relation::AtMost => "AtMost",
    }
}
