//! The embedded Oxigraph store behind a narrow interface: open with a lock,
//! write whole articles atomically, remove articles, query, export, count.
//!
//! One process writes at a time; readers share. The lock is our own file
//! (`newsgraph.lock` in the store directory), taken before RocksDB is
//! touched, so a second process gets a clear message instead of a RocksDB
//! error, and nobody opens the database read-only while a writer runs.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use oxigraph::store::{StorageError, Store};

mod read;
mod write;

pub use read::{ExportFormat, QueryError, QueryOutcome, Stats, query_still_running};
pub use write::{ArticleWrite, StoredArticle, WriteOptions};

/// Name of the lock file inside the store directory.
pub const LOCK_FILE: &str = "newsgraph.lock";

#[derive(Debug)]
pub enum StoreError {
    /// Another process holds the store.
    Busy {
        path: PathBuf,
    },
    /// Reading a store that does not exist yet.
    Missing {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Storage {
        path: PathBuf,
        source: StorageError,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Busy { path } => write!(
                f,
                "store {} is in use by another newsgraph process (wait for it, or pass --wait)",
                path.display()
            ),
            StoreError::Missing { path } => write!(
                f,
                "no store at {} (create one with `newsgraph load`, or pass --store DIR)",
                path.display()
            ),
            StoreError::Io { path, source } => write!(f, "store {}: {source}", path.display()),
            StoreError::Storage { path, source } => {
                let message = source.to_string();
                let first = message.lines().next().unwrap_or_default();
                write!(f, "store {}: {first}", path.display())
            }
        }
    }
}

impl std::error::Error for StoreError {}

/// How to open a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Load and remove: exclusive, creates the store if needed.
    Write,
    /// Query, export, stats: shared with other readers.
    Read,
}

/// An open store and the lock that keeps other writers out.
pub struct GraphStore {
    store: Store,
    path: PathBuf,
    _lock: File,
}

impl GraphStore {
    /// Opens the store in `dir`. With `wait`, blocks until another process
    /// releases it; otherwise fails at once with [`StoreError::Busy`].
    pub fn open(dir: &Path, access: Access, wait: bool) -> Result<Self, StoreError> {
        let path = dir.to_path_buf();
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        if access == Access::Read && !dir.join("CURRENT").exists() {
            return Err(StoreError::Missing { path });
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))
            .map_err(io)?;
        take_lock(&lock, access, wait).map_err(|e| match e {
            LockError::Busy => StoreError::Busy { path: path.clone() },
            LockError::Io(source) => io(source),
        })?;
        if access == Access::Write {
            remove_stale_bulk_files(dir);
        }
        let opened = match access {
            Access::Write => Store::open(dir),
            Access::Read => Store::open_read_only(dir),
        };
        let store = opened.map_err(|source| StoreError::Storage {
            path: path.clone(),
            source,
        })?;
        Ok(Self {
            store,
            path,
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn storage_error(&self, source: StorageError) -> StoreError {
        StoreError::Storage {
            path: self.path.clone(),
            source,
        }
    }
}

/// Oxigraph's bulk loader writes `bulk-<random>.sst` files into the store
/// directory and deletes them once they are ingested; a load killed before
/// that leaves them behind, each as large as the batch it held. RocksDB's
/// own files are numbered, so these are never part of the database (an
/// ingested one is a second link to a file RocksDB renamed), and with the
/// write lock held nobody else is loading: they can go.
fn remove_stale_bulk_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("bulk-") && name.ends_with(".sst") {
            // Best effort: a file that cannot be removed costs disk space,
            // never data.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

enum LockError {
    Busy,
    Io(std::io::Error),
}

fn take_lock(file: &File, access: Access, wait: bool) -> Result<(), LockError> {
    let result = match (access, wait) {
        (Access::Write, true) => return file.lock().map_err(LockError::Io),
        (Access::Read, true) => return file.lock_shared().map_err(LockError::Io),
        (Access::Write, false) => file.try_lock(),
        (Access::Read, false) => file.try_lock_shared(),
    };
    result.map_err(|e| match e {
        std::fs::TryLockError::WouldBlock => LockError::Busy,
        std::fs::TryLockError::Error(e) => LockError::Io(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ng-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writers_exclude_everyone_and_readers_share() {
        let dir = scratch("lock");
        let writer = GraphStore::open(&dir, Access::Write, false).expect("open");
        for access in [Access::Write, Access::Read] {
            let busy = GraphStore::open(&dir, access, false).err().expect("busy");
            assert!(matches!(busy, StoreError::Busy { .. }), "{busy}");
            assert!(
                busy.to_string()
                    .contains("is in use by another newsgraph process")
            );
        }
        drop(writer);
        let first = GraphStore::open(&dir, Access::Read, false).expect("reader");
        let second = GraphStore::open(&dir, Access::Read, false).expect("second reader");
        assert!(matches!(
            GraphStore::open(&dir, Access::Write, false),
            Err(StoreError::Busy { .. })
        ));
        drop((first, second));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_missing_store_is_not_created_by_readers() {
        let dir = scratch("missing");
        let err = GraphStore::open(&dir, Access::Read, false)
            .err()
            .expect("missing");
        assert!(matches!(err, StoreError::Missing { .. }), "{err}");
        assert!(!dir.exists());
    }

    #[test]
    fn leftovers_of_a_killed_bulk_load_are_removed_by_the_next_writer() {
        let dir = scratch("bulk");
        drop(GraphStore::open(&dir, Access::Write, false).expect("create"));
        let stale = dir.join("bulk-1234.sst");
        std::fs::write(&stale, b"half an SST file").expect("write");
        drop(GraphStore::open(&dir, Access::Read, false).expect("reader"));
        assert!(stale.exists(), "readers leave the directory alone");
        drop(GraphStore::open(&dir, Access::Write, false).expect("writer"));
        assert!(!stale.exists());
        std::fs::remove_dir_all(&dir).ok();
    }
}
