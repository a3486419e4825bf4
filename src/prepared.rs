//! What the pipeline derives from one article alone, computed the first time
//! a stage asks for it and kept with the [`Article`](crate::text::Article):
//! one typed slot per analysis, listed here so a reader sees every one.
//!
//! An article is usually checked once, and then a slot only saves the
//! repeats within one check (the report and several checks read the same
//! language scan). A batch that checks many candidates against one
//! reference keeps that reference's article (`batch::refcache`), so
//! everything in its slots is computed once for all of them.
//!
//! Each slot is filled by the module that owns the analysis (the aligner
//! its features, the numbers check its mentions, …), through the helper
//! that computes it; no other module reads a slot directly. An analysis
//! that depends on settings as well ([`Keyed`]) keeps the settings it was
//! computed under beside its value, so other settings compute their own.
//!
//! Values are computed outside the slot's lock: two threads that race on
//! one slot both compute it and the first to finish is kept (they are
//! equal). A lock held while computing could deadlock a rayon worker that
//! steals a job asking for the same slot.

use std::sync::{Arc, Mutex};

use crate::align::{Features, ReferenceGrams, StemIndex};
use crate::checks::numbers::Mentions;
use crate::lexicon::language::{EnglishTokens, LanguageConfig};
use crate::lexicon::RefWords;
use crate::report::DocReference;
use crate::suspect::{GarblingSettings, ReferenceGarbling};

/// The analyses of one article. A copy starts empty: what was derived is
/// cheap to derive again, and a copied article may be changed.
#[derive(Default)]
pub(crate) struct Prepared {
    /// The aligner's sentence features.
    pub features: Slot<Vec<Features>>,
    /// The aligner's numbered n-grams of a reference (from its features).
    pub reference_grams: Slot<ReferenceGrams>,
    /// The aligner's content-stem index of a reference (from its features).
    pub stem_index: Slot<StemIndex>,
    /// Number mentions, each with its sentence.
    pub mentions: Slot<Mentions>,
    /// chrF and BLEU counts of the article as a document reference.
    pub metric_reference: Slot<DocReference>,
    /// Words, names and phrases of the article as a reference.
    pub reference_index: Slot<RefWords>,
    /// The article's language (`None`: too short to tell).
    pub language: Slot<Option<whatlang::Lang>>,
    /// Each token's class for the English-share tests.
    pub english_tokens: Slot<EnglishTokens>,
    /// A digest of the text, which keys the other article's
    /// [`Prepared::foreign_sentences`] against this one.
    pub text_digest: Slot<u64>,
    /// Per sentence, whether it is in another language, under the language
    /// settings and against the reference (by its text digest).
    pub foreign_sentences: Keyed<(LanguageConfig, u64), Vec<bool>>,
    /// The article read as a candidate by the garbling checks (when it is a
    /// reference: `crate::suspect`), under the settings those checks read.
    pub garbling: Keyed<GarblingSettings, ReferenceGarbling>,
}

impl Clone for Prepared {
    fn clone(&self) -> Self {
        Prepared::default()
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let filled = [
            self.features.is_filled(),
            self.reference_grams.is_filled(),
            self.stem_index.is_filled(),
            self.mentions.is_filled(),
            self.metric_reference.is_filled(),
            self.reference_index.is_filled(),
            self.language.is_filled(),
            self.english_tokens.is_filled(),
            self.text_digest.is_filled(),
        ]
        .iter()
        .filter(|&&f| f)
        .count();
        write!(
            f,
            "Prepared({filled} slots, {} + {} keyed)",
            self.foreign_sentences.len(),
            self.garbling.len()
        )
    }
}

/// One value, computed the first time it is asked for.
pub(crate) struct Slot<T> {
    value: Mutex<Option<Arc<T>>>,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            value: Mutex::new(None),
        }
    }
}

impl<T> Slot<T> {
    /// The value, computed by `compute` (outside the lock) the first time.
    pub fn get_or_compute(&self, compute: impl FnOnce() -> T) -> Arc<T> {
        if let Some(found) = self.value.lock().ok().and_then(|v| v.clone()) {
            return found;
        }
        let value = Arc::new(compute());
        let Ok(mut slot) = self.value.lock() else {
            return value;
        };
        Arc::clone(slot.get_or_insert(value))
    }

    fn is_filled(&self) -> bool {
        self.value.lock().is_ok_and(|v| v.is_some())
    }
}

/// Values computed under settings `K`: one per distinct settings, at most
/// [`Keyed::MAX_ENTRIES`] kept (an article checked under many settings
/// computes the rest each time).
pub(crate) struct Keyed<K, T> {
    entries: Mutex<Vec<(K, Arc<T>)>>,
}

impl<K, T> Default for Keyed<K, T> {
    fn default() -> Self {
        Keyed {
            entries: Mutex::new(Vec::new()),
        }
    }
}

impl<K: PartialEq + Clone, T> Keyed<K, T> {
    /// Most settings kept per analysis.
    pub const MAX_ENTRIES: usize = 8;

    /// The value under `key`, computed by `compute` (outside the lock) the
    /// first time.
    pub fn get_or_compute(&self, key: &K, compute: impl FnOnce() -> T) -> Arc<T> {
        if let Some(found) = self.entries.lock().ok().and_then(|e| find(&e, key)) {
            return found;
        }
        let value = Arc::new(compute());
        let Ok(mut entries) = self.entries.lock() else {
            return value;
        };
        if let Some(found) = find(&entries, key) {
            return found;
        }
        if entries.len() < Self::MAX_ENTRIES {
            entries.push((key.clone(), Arc::clone(&value)));
        }
        value
    }
}

impl<K, T> Keyed<K, T> {
    fn len(&self) -> usize {
        self.entries.lock().map_or(0, |e| e.len())
    }
}

fn find<K: PartialEq, T>(entries: &[(K, Arc<T>)], key: &K) -> Option<Arc<T>> {
    entries
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| Arc::clone(v))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_slot_computes_once() {
        let slot = Slot::default();
        let calls = Cell::new(0);
        let count = || {
            calls.set(calls.get() + 1);
            calls.get()
        };
        assert!(!slot.is_filled());
        assert_eq!(*slot.get_or_compute(count), 1);
        assert_eq!(*slot.get_or_compute(count), 1);
        assert!(slot.is_filled());
        assert_eq!(calls.get(), 1);
    }

    #[test]
    fn keyed_computes_once_per_key_and_keeps_at_most_the_bound() {
        let keyed: Keyed<u64, u64> = Keyed::default();
        let calls = Cell::new(0);
        for round in 0..2 {
            for k in 0..(Keyed::<u64, u64>::MAX_ENTRIES as u64 + 3) {
                let v = keyed.get_or_compute(&k, || {
                    calls.set(calls.get() + 1);
                    k * 10
                });
                assert_eq!(*v, k * 10, "round {round}");
            }
        }
        let bound = Keyed::<u64, u64>::MAX_ENTRIES;
        assert_eq!(keyed.len(), bound);
        // The kept keys were computed once, the 3 others twice.
        assert_eq!(calls.get(), bound + 2 * 3);
    }

    type Shared = Arc<dyn std::any::Any + Send + Sync>;

    fn filled<T>() -> T {
        panic!("not prepared by the first check")
    }

    fn shared<T: std::any::Any + Send + Sync>(value: Arc<T>) -> Shared {
        value
    }

    /// Every analysis of the reference, which must be there already.
    fn reference_slots(r: &crate::Article) -> Vec<Shared> {
        let p = r.prepared();
        let settings = crate::suspect::GarblingSettings::of(&crate::Config::default());
        vec![
            shared(p.features.get_or_compute(filled)),
            shared(p.reference_grams.get_or_compute(filled)),
            shared(p.stem_index.get_or_compute(filled)),
            shared(p.mentions.get_or_compute(filled)),
            shared(p.metric_reference.get_or_compute(filled)),
            shared(p.reference_index.get_or_compute(filled)),
            shared(p.language.get_or_compute(filled)),
            shared(p.text_digest.get_or_compute(filled)),
            shared(p.garbling.get_or_compute(&settings, filled)),
        ]
    }

    #[test]
    fn a_reference_checked_against_two_candidates_is_prepared_once() {
        let r = crate::Article::from_text(
            "r",
            "The summit opened on Monday. Leaders signed 12 agreements in Moscow.",
        );
        let c1 = crate::Article::from_text(
            "c1",
            "The summit opened on Monday. Leaders signed 12 deals.",
        );
        let c2 = crate::Article::from_text(
            "c2",
            "The summit opened Tuesday. Leaders signed 13 agreements.",
        );
        let config = crate::Config::default();
        crate::check(&c1, &r, &config);
        let first = reference_slots(&r);
        crate::check(&c2, &r, &config);
        let second = reference_slots(&r);
        for (k, (a, b)) in first.iter().zip(&second).enumerate() {
            assert!(Arc::ptr_eq(a, b), "slot {k} was computed again");
        }
        // The candidates' own analyses are theirs.
        assert!(c1.prepared().features.is_filled());
        assert!(!Arc::ptr_eq(
            &c1.prepared().features.get_or_compute(Vec::new),
            &r.prepared().features.get_or_compute(Vec::new)
        ));
    }

    #[test]
    fn a_copy_starts_empty() {
        let prepared = Prepared::default();
        prepared.text_digest.get_or_compute(|| 7);
        prepared
            .foreign_sentences
            .get_or_compute(&(LanguageConfig::default(), 1), || vec![true]);
        assert_eq!(format!("{prepared:?}"), "Prepared(1 slots, 1 + 0 keyed)");
        assert_eq!(
            format!("{:?}", prepared.clone()),
            "Prepared(0 slots, 0 + 0 keyed)"
        );
    }
}
