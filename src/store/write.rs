//! Writing articles: new ones through Oxigraph's bulk loader, replaced ones
//! in a transaction, each article all-or-nothing.

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::store::BulkLoader;

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
    /// Background threads that turn batches into SST files.
    pub threads: Option<usize>,
    /// Memory budget of the bulk loader in MB.
    pub memory_mb: Option<usize>,
}

/// Budget when none is given. The loader builds one batch per thread in
/// the background while the next is filled, so about threads + 1 batches
/// of `budget / threads` quads are in memory at a time; 300 MB keeps a
/// load well under 1 GB however large the corpus.
pub const DEFAULT_MEMORY_MB: usize = 300;

impl WriteOptions {
    /// Background loader threads: one per core by default (Oxigraph's own
    /// default), so the last batches are built in parallel once extraction
    /// is done.
    pub fn loader_threads(&self) -> usize {
        self.threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1)
    }

    fn memory(&self) -> usize {
        self.memory_mb.unwrap_or(DEFAULT_MEMORY_MB).max(16)
    }

    /// Quads the bulk loader puts in one SST batch (Oxigraph's own rule:
    /// about 1 KB per quad and thread). A batch of articles handed to
    /// [`ArticleWriter::write`] should not be larger, or its articles may
    /// become durable in two steps.
    pub fn batch_quads(&self) -> usize {
        self.memory() * 1000 / self.loader_threads()
    }
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

    fn article_literal(
        &self,
        graph: &NamedNode,
        local: &str,
    ) -> Result<Option<String>, StoreError> {
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

    /// True when the store holds nothing at all (a first load: no article
    /// needs looking up).
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.store.is_empty().map_err(|e| self.storage_error(e))
    }

    /// Writes a batch of articles at once; see [`ArticleWriter`] for many.
    pub fn write(&self, batch: Vec<ArticleWrite>, options: WriteOptions) -> Result<(), StoreError> {
        let mut writer = self.writer(options);
        writer.write(batch)?;
        writer.finish()
    }

    /// A writer for many batches of articles, as `load` produces them.
    pub fn writer(&self, options: WriteOptions) -> ArticleWriter<'_> {
        ArticleWriter {
            store: self,
            options,
            loader: None,
        }
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

    /// Merges the store's files (RocksDB compaction): each lookup then
    /// reads fewer of them.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.store.optimize().map_err(|e| self.storage_error(e))
    }

    /// Makes everything written so far durable on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush().map_err(|e| self.storage_error(e))
    }
}

/// Writes batches of articles: new ones through one long-lived bulk loader
/// whose background thread builds SST files while the caller goes on
/// extracting, replaced ones in a transaction.
///
/// Every batch of new articles becomes one ingestion of SST files (the
/// loader runs without whole-load atomicity, and a batch of at most
/// [`WriteOptions::batch_quads`] quads is one loader batch), so after a
/// crash each article is wholly old, wholly new or absent; batches still
/// being built are lost and are loaded again by the next `load`. Call
/// [`finish`](Self::finish) to wait for the last batches.
pub struct ArticleWriter<'a> {
    store: &'a GraphStore,
    options: WriteOptions,
    loader: Option<BulkLoader<'a>>,
}

impl ArticleWriter<'_> {
    pub fn write(&mut self, batch: Vec<ArticleWrite>) -> Result<(), StoreError> {
        let (replaced, fresh): (Vec<_>, Vec<_>) = batch.into_iter().partition(|a| a.replaces);
        if !fresh.is_empty() {
            let store = self.store;
            let options = self.options;
            // Without atomicity the loader ingests each batch's SST files
            // as soon as they are built (at its next batch): the store
            // grows and compacts as the load goes, instead of taking
            // thousands of files in one ingestion at the end.
            let loader = self.loader.get_or_insert_with(|| {
                store
                    .store
                    .bulk_loader()
                    .without_atomicity()
                    .with_num_threads(options.loader_threads())
                    .with_max_memory_size_in_megabytes(options.memory())
            });
            loader
                .load_quads(fresh.into_iter().flat_map(|a| a.quads))
                .map_err(|e| store.storage_error(e))?;
        }
        if !replaced.is_empty() {
            // An older copy may still be on its way through the loader:
            // let it land before the transaction replaces it.
            self.finish_loader()?;
            let store = self.store;
            let mut transaction = store
                .store
                .start_transaction()
                .map_err(|e| store.storage_error(e))?;
            for article in &replaced {
                transaction
                    .clear_graph(article.graph.as_ref())
                    .map_err(|e| store.storage_error(e))?;
                transaction.extend(article.quads.iter());
            }
            transaction.commit().map_err(|e| store.storage_error(e))?;
        }
        Ok(())
    }

    /// Waits until everything written is in the store.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.finish_loader()
    }

    fn finish_loader(&mut self) -> Result<(), StoreError> {
        match self.loader.take() {
            Some(loader) => loader.commit().map_err(|e| self.store.storage_error(e)),
            None => Ok(()),
        }
    }
}
