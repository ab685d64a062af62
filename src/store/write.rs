//! Writing articles: new ones through Oxigraph's bulk loader, replaced ones
//! in a transaction, each batch all-or-nothing.

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};

use super::{GraphStore, StoreError};
use crate::graph::ns;

/// What the store knows about an article it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    pub text_hash: String,
    pub pipeline: String,
}

/// One article's complete graph, to be written.
#[derive(Debug, Clone)]
pub struct ArticleWrite {
    /// The article IRI, which names its graph.
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
    /// The store holds an older version of this article, to be replaced.
    pub replaces: bool,
}

/// Knobs of Oxigraph's bulk loader, for small machines.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    pub threads: Option<usize>,
    pub memory_mb: Option<usize>,
}

impl GraphStore {
    /// The hash and pipeline of the stored article named `graph`, if any.
    pub fn stored_article(&self, graph: &NamedNode) -> Result<Option<StoredArticle>, StoreError> {
        let hash = self.article_literal(graph, "textHash")?;
        let pipeline = self.article_literal(graph, "pipeline")?;
        Ok(hash.map(|text_hash| StoredArticle {
            text_hash,
            pipeline: pipeline.unwrap_or_default(),
        }))
    }

    fn article_literal(&self, graph: &NamedNode, local: &str) -> Result<Option<String>, StoreError> {
        let predicate = NamedNode::new_unchecked(format!("{}{local}", ns::NG));
        let found = self
            .store
            .quads_for_pattern(
                Some(graph.as_ref().into()),
                Some(predicate.as_ref()),
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .next()
            .transpose()
            .map_err(|e| self.storage_error(e))?;
        Ok(found.and_then(|q| match q.object {
            Term::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        }))
    }

    /// Writes a batch of articles. New articles go through the bulk loader
    /// (one atomic commit), replaced ones through one transaction that drops
    /// the old graph and inserts the new: after a crash every article is
    /// either wholly old, wholly new, or absent.
    pub fn write(&self, batch: Vec<ArticleWrite>, options: WriteOptions) -> Result<(), StoreError> {
        let (replaced, fresh): (Vec<_>, Vec<_>) = batch.into_iter().partition(|a| a.replaces);
        if !fresh.is_empty() {
            let mut loader = self.store.bulk_loader();
            if let Some(threads) = options.threads {
                loader = loader.with_num_threads(threads.max(1));
            }
            if let Some(memory) = options.memory_mb {
                loader = loader.with_max_memory_size_in_megabytes(memory.max(16));
            }
            loader
                .load_quads(fresh.into_iter().flat_map(|a| a.quads))
                .map_err(|e| self.storage_error(e))?;
            loader.commit().map_err(|e| self.storage_error(e))?;
        }
        if !replaced.is_empty() {
            let mut transaction = self.store.start_transaction().map_err(|e| self.storage_error(e))?;
            for article in &replaced {
                transaction
                    .clear_graph(article.graph.as_ref())
                    .map_err(|e| self.storage_error(e))?;
                transaction.extend(article.quads.iter());
            }
            transaction.commit().map_err(|e| self.storage_error(e))?;
        }
        Ok(())
    }

    /// Drops the article named `graph` and all its facts; false when the
    /// store does not hold it.
    pub fn remove_article(&self, graph: NamedNodeRef<'_>) -> Result<bool, StoreError> {
        let present = self
            .store
            .contains_named_graph(graph)
            .map_err(|e| self.storage_error(e))?;
        if present {
            self.store
                .remove_named_graph(graph)
                .map_err(|e| self.storage_error(e))?;
        }
        Ok(present)
    }

    /// Makes everything written so far durable on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush().map_err(|e| self.storage_error(e))
    }
}
