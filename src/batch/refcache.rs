//! References read once per batch.
//!
//! A batch often checks several translations of one article against the
//! same reference (WMT23 zh→en: 325 rows, 38 references). The rows then
//! share one [`Article`] for the reference, and with it its prepared
//! analyses, everything derived from the reference alone (`crate::prepared`): its
//! sentence features and numbered n-grams, its metric counts, its number
//! mentions.
//!
//! The cache is small and bounded, so memory stays flat in the number of
//! rows: at most [`MAX_ENTRIES`] references and [`MAX_TEXT_BYTES`] of their
//! text, least recently used first out. A file is only taken from the cache
//! while its size and modification time are those it was read with, and
//! only regular files are kept. Read errors are never cached: each row that
//! names a bad reference reports it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::text::{Article, InputError};

/// References kept at most. Memory is bounded by [`MAX_TEXT_BYTES`]; this
/// bounds the bookkeeping for many tiny references. It is large enough for
/// a manifest ordered by system rather than by story (each reference named
/// again once per system, dozens of references apart: WMT23 has 38), which
/// with 16 read every reference again on every row.
pub const MAX_ENTRIES: usize = 64;
/// Decoded reference text kept at most, in bytes. What the pipeline derives
/// from a reference (n-gram tables, sentence features) takes about 500 times
/// its text (WMT23: about 1 MB per 2 KB reference), so this bounds the cache
/// to about 64 MB; a larger reference is read again for each row.
pub const MAX_TEXT_BYTES: usize = 128 << 10;

/// What identifies one version of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

struct Entry {
    path: PathBuf,
    stamp: Stamp,
    article: Arc<Article>,
}

/// Reference articles shared between batch rows (see the module docs).
#[derive(Default)]
pub struct ReferenceCache {
    /// Most recently used last.
    entries: Mutex<Vec<Entry>>,
}

impl ReferenceCache {
    /// The reference at `path`, from the cache when it holds this version
    /// of the file, else read (refusing files over `max_bytes`) and kept.
    pub fn read(&self, path: &Path, max_bytes: usize) -> Result<Arc<Article>, InputError> {
        // Not a regular file, or over the limit: read (and refused) as usual.
        let Some(stamp) = stamp(path).filter(|s| s.len <= max_bytes as u64) else {
            return Article::read(path, max_bytes).map(Arc::new);
        };
        if let Some(found) = self.find(path, stamp) {
            return Ok(found);
        }
        // Read outside the lock; two rows racing on one new reference both
        // read it and the later one's copy is dropped.
        let article = Arc::new(Article::read(path, max_bytes)?);
        self.keep(path, stamp, &article);
        Ok(article)
    }

    fn find(&self, path: &Path, stamp: Stamp) -> Option<Arc<Article>> {
        let mut entries = self.entries.lock().ok()?;
        let at = entries.iter().position(|e| e.path == path)?;
        if entries.get(at)?.stamp != stamp {
            entries.remove(at);
            return None;
        }
        let entry = entries.remove(at);
        let article = Arc::clone(&entry.article);
        entries.push(entry);
        Some(article)
    }

    fn keep(&self, path: &Path, stamp: Stamp, article: &Arc<Article>) {
        let size = article.text.len();
        if size > MAX_TEXT_BYTES {
            return;
        }
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        if entries.iter().any(|e| e.path == path && e.stamp == stamp) {
            return;
        }
        entries.retain(|e| e.path != path);
        let mut bytes: usize = entries.iter().map(|e| e.article.text.len()).sum();
        while !entries.is_empty() && (entries.len() >= MAX_ENTRIES || bytes + size > MAX_TEXT_BYTES)
        {
            let old = entries.remove(0);
            bytes -= old.article.text.len();
        }
        entries.push(Entry {
            path: path.to_path_buf(),
            stamp,
            article: Arc::clone(article),
        });
    }

    /// How many references are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn rows_with_one_reference_share_its_article() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "ref.txt", "One sentence. Another one.");
        let cache = ReferenceCache::default();
        let a = cache.read(&p, 1 << 20).unwrap();
        let b = cache.read(&p, 1 << 20).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_changed_file_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(dir.path(), "ref.txt", "First version.");
        let cache = ReferenceCache::default();
        let a = cache.read(&p, 1 << 20).unwrap();
        write(dir.path(), "ref.txt", "The second, longer version.");
        let b = cache.read(&p, 1 << 20).unwrap();
        assert!(!Arc::ptr_eq(&a, &b));
        assert_eq!(b.text, "The second, longer version.");
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn errors_are_not_kept_and_limits_still_apply() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ReferenceCache::default();
        assert!(cache
            .read(&dir.path().join("missing.txt"), 1 << 20)
            .is_err());
        let empty = write(dir.path(), "empty.txt", "");
        assert!(cache.read(&empty, 1 << 20).is_err());
        let p = write(dir.path(), "ref.txt", "Twelve bytes");
        cache.read(&p, 1 << 20).unwrap();
        // A cached file over a later, lower limit is still refused.
        assert!(cache.read(&p, 4).is_err());
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn a_reference_over_the_budget_is_read_but_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let big = "Word after word. ".repeat(MAX_TEXT_BYTES / 16);
        let p = write(dir.path(), "big.txt", &big);
        let cache = ReferenceCache::default();
        assert_eq!(cache.read(&p, 64 << 20).unwrap().text.len(), big.len());
        assert_eq!(cache.len(), 0);
    }

    #[test]
    fn least_recently_used_goes_first() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ReferenceCache::default();
        let paths: Vec<PathBuf> = (0..=MAX_ENTRIES)
            .map(|k| write(dir.path(), &format!("{k}.txt"), &format!("Article {k}.")))
            .collect();
        for p in &paths[..MAX_ENTRIES] {
            cache.read(p, 1 << 20).unwrap();
        }
        // Touch the oldest, then add one more: the second oldest goes.
        let first = cache.read(&paths[0], 1 << 20).unwrap();
        cache.read(&paths[MAX_ENTRIES], 1 << 20).unwrap();
        assert_eq!(cache.len(), MAX_ENTRIES);
        assert!(Arc::ptr_eq(
            &first,
            &cache.read(&paths[0], 1 << 20).unwrap()
        ));
        let entries = cache.entries.lock().unwrap();
        assert!(entries.iter().all(|e| e.path != paths[1]));
    }
}
