//! What the pipeline derives from one article, computed once and kept with
//! it: sentence features for the aligner, the reference's numbered n-grams,
//! its metric counts, number mentions, the language scan.
//!
//! An article is usually checked once, and then a memo only saves the
//! repeats within one check (several checks read the same scan). A batch
//! that checks many candidates against the same reference keeps that
//! reference's [`Article`](super::Article) (see `batch`), so everything
//! derived from it alone is computed once for all of them.
//!
//! Entries are keyed by their type and a `u64` (a digest of the settings
//! they were computed under, or 0 when none apply). Values are computed
//! outside the lock: a computation may use the rayon pool, and two threads
//! that race on the same entry both compute it and the first to finish is
//! kept (they are equal).

use std::any::{Any, TypeId};
use std::sync::{Arc, Mutex};

/// More entries than this are computed but not kept (every caller asks for
/// a handful; this bounds an article checked under many settings).
const MAX_ENTRIES: usize = 32;

type Entry = (TypeId, u64, Arc<dyn Any + Send + Sync>);

/// A small type-keyed store of derived values.
#[derive(Default)]
pub struct Memo {
    entries: Mutex<Vec<Entry>>,
}

impl Memo {
    /// The value of type `T` kept under `key`, computed by `compute` the first time.
    pub fn get_or_compute<T: Any + Send + Sync>(
        &self,
        key: u64,
        compute: impl FnOnce() -> T,
    ) -> Arc<T> {
        if let Some(found) = self.find::<T>(key) {
            return found;
        }
        let value = Arc::new(compute());
        let Ok(mut entries) = self.entries.lock() else {
            return value;
        };
        if let Some(found) = lookup::<T>(&entries, key) {
            return found;
        }
        if entries.len() < MAX_ENTRIES {
            let shared: Arc<dyn Any + Send + Sync> = value.clone();
            entries.push((TypeId::of::<T>(), key, shared));
        }
        value
    }

    fn find<T: Any + Send + Sync>(&self, key: u64) -> Option<Arc<T>> {
        lookup(&self.entries.lock().ok()?, key)
    }

    /// How many values are kept.
    fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

fn lookup<T: Any + Send + Sync>(entries: &[Entry], key: u64) -> Option<Arc<T>> {
    entries
        .iter()
        .find(|(ty, k, _)| *ty == TypeId::of::<T>() && *k == key)
        .and_then(|(_, _, v)| Arc::clone(v).downcast::<T>().ok())
}

/// A copy starts empty: what was derived is cheap to derive again, and a
/// copy may be changed.
impl Clone for Memo {
    fn clone(&self) -> Self {
        Memo::default()
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Memo({} entries)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_type_and_key() {
        let memo = Memo::default();
        let calls = Cell::new(0);
        let count = || {
            calls.set(calls.get() + 1);
            calls.get()
        };
        assert_eq!(*memo.get_or_compute::<usize>(1, count), 1);
        assert_eq!(*memo.get_or_compute::<usize>(1, count), 1);
        assert_eq!(*memo.get_or_compute::<usize>(2, count), 2);
        // Same key, other type: its own entry.
        assert_eq!(*memo.get_or_compute::<String>(1, || "x".to_string()), "x");
        assert_eq!(calls.get(), 2);
        assert_eq!(memo.len(), 3);
    }

    #[test]
    fn keeps_at_most_the_bound_and_still_answers() {
        let memo = Memo::default();
        for k in 0..(MAX_ENTRIES as u64 + 5) {
            assert_eq!(*memo.get_or_compute(k, || k * 10), k * 10);
        }
        assert_eq!(memo.len(), MAX_ENTRIES);
        let last = MAX_ENTRIES as u64 + 4;
        assert_eq!(*memo.get_or_compute(last, || 7u64), 7);
    }

    #[test]
    fn a_clone_starts_empty() {
        let memo = Memo::default();
        memo.get_or_compute(0, || 1u8);
        assert_eq!(memo.clone().len(), 0);
        assert_eq!(memo.len(), 1);
    }
}
