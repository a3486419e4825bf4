//! `IdMap`: a hash table from `u64` keys to dense `u32` ids, for the two
//! inner loops that number n-grams (the metrics' n-gram index here, and
//! mtcheck's aligner, which numbers its sentences' n-grams with it).
//!
//! A general-purpose map (hashbrown) hashes the key, probes a control-byte
//! array, then the bucket array: two cache lines per look-up, which is what
//! the time goes on once an article's n-grams outgrow the cache. Here keys
//! are integers, the table is one flat array of `(key, id)` slots with
//! linear probing at most half full, and the slot comes from one
//! multiplication, so a look-up touches one cache line and usually one slot.

/// A free slot. Callers never use `u64::MAX` as a key (both callers build
/// keys whose top bits are never all set; [`IdMap::get_or_insert`] refuses
/// it anyway).
const EMPTY: u64 = u64::MAX;

/// Keys to dense ids `0, 1, 2, …` in order of first insertion.
#[derive(Debug, Clone)]
pub struct IdMap {
    slots: Vec<(u64, u32)>,
    len: usize,
    shift: u32,
}

impl Default for IdMap {
    fn default() -> Self {
        IdMap::with_capacity(0)
    }
}

impl IdMap {
    /// A map that holds `n` keys without growing.
    pub fn with_capacity(n: usize) -> IdMap {
        let cap = (n.max(4) * 2).next_power_of_two();
        IdMap {
            slots: vec![(EMPTY, 0); cap],
            len: 0,
            shift: 64 - cap.trailing_zeros(),
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no key has been inserted.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn home(&self, key: u64) -> usize {
        // Fibonacci hashing: the top bits of key × 2⁶⁴/φ.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// The id of `key`, if present (one key at a time: see [`IdMap::get_all`]).
    pub fn get(&self, key: u64) -> Option<u32> {
        if key == EMPTY {
            return None;
        }
        self.probe_from(self.home(key), key)
    }

    /// Looks up every key of `keys`, writing its id, or `u32::MAX` when
    /// absent, to `out` (cleared first). Same answers as [`IdMap::get`]
    /// key by key, but each block of keys has its home slots read before
    /// any is compared: the reads overlap instead of each waiting behind
    /// the branch on the one before, which is what a look-up into a table
    /// that has left the L1 cache spends its time on.
    pub fn get_all(&self, keys: &[u64], out: &mut Vec<u32>) {
        const BLOCK: usize = 32;
        out.clear();
        out.reserve(keys.len());
        let mask = self.slots.len() - 1;
        let mut first = [(EMPTY, 0u32); BLOCK];
        for block in keys.chunks(BLOCK) {
            for (slot, &key) in first.iter_mut().zip(block) {
                *slot = self
                    .slots
                    .get(self.home(key))
                    .copied()
                    .unwrap_or((EMPTY, 0));
            }
            // One `extend` of a slice-sized iterator: no capacity check per key.
            out.extend(first.iter().zip(block).map(|(&(k, id), &key)| {
                if k == key && key != EMPTY {
                    id
                } else if k == EMPTY || key == EMPTY {
                    u32::MAX
                } else {
                    self.probe_from((self.home(key) + 1) & mask, key)
                        .unwrap_or(u32::MAX)
                }
            }));
        }
    }

    /// [`IdMap::get`] from slot `at` on.
    fn probe_from(&self, mut at: usize, key: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        loop {
            let &(k, id) = self.slots.get(at)?;
            if k == key {
                return Some(id);
            }
            if k == EMPTY {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `key`, giving it the next id (`len()`) if it is new;
    /// `None` only for the reserved key `u64::MAX` or past `u32::MAX` keys.
    #[inline]
    pub fn get_or_insert(&mut self, key: u64) -> Option<u32> {
        if key == EMPTY {
            return None;
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let slot = self.slots.get_mut(at)?;
            if slot.0 == key {
                return Some(slot.1);
            }
            if slot.0 == EMPTY {
                let id = u32::try_from(self.len).ok()?;
                *slot = (key, id);
                self.len += 1;
                return Some(id);
            }
            at = (at + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let cap = (old.len() * 2).max(8);
        self.slots = vec![(EMPTY, 0); cap];
        self.shift = 64 - cap.trailing_zeros();
        let mask = cap - 1;
        for (key, id) in old.into_iter().filter(|s| s.0 != EMPTY) {
            let mut at = self.home(key);
            while let Some(slot) = self.slots.get_mut(at) {
                if slot.0 == EMPTY {
                    *slot = (key, id);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_dense_in_first_insertion_order_and_survive_growth() {
        let mut m = IdMap::with_capacity(2);
        assert!(m.is_empty());
        let keys: Vec<u64> = (0..10_000u64).map(|k| k * 7919 % 100_003).collect();
        let mut want = std::collections::HashMap::new();
        for &k in &keys {
            let next = want.len() as u32;
            let id = *want.entry(k).or_insert(next);
            assert_eq!(m.get_or_insert(k), Some(id));
        }
        assert_eq!(m.len(), want.len());
        assert!(!m.is_empty());
        for (&k, &id) in &want {
            assert_eq!(m.get(k), Some(id));
        }
        assert_eq!(m.get(100_004), None);
    }

    #[test]
    fn get_all_answers_like_get() {
        let mut m = IdMap::with_capacity(8);
        for k in 0..500u64 {
            m.get_or_insert(k * 31 % 1009);
        }
        // Present and absent keys, collisions, the reserved key, more than a block.
        let keys: Vec<u64> = (0..2000u64)
            .map(|k| k * 17 % 1500)
            .chain([u64::MAX])
            .collect();
        let mut out = vec![7];
        m.get_all(&keys, &mut out);
        let want: Vec<u32> = keys.iter().map(|&k| m.get(k).unwrap_or(u32::MAX)).collect();
        assert_eq!(out, want);
        m.get_all(&[], &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn the_reserved_key_is_refused_and_zero_is_a_key() {
        let mut m = IdMap::default();
        assert_eq!(m.len(), 0);
        assert_eq!(m.get_or_insert(u64::MAX), None);
        assert_eq!(m.get_or_insert(0), Some(0));
        assert_eq!(m.get(0), Some(0));
        assert_eq!(m.get(u64::MAX), None);
        // Also once the table has free slots that look like the reserved key.
        let mut big = IdMap::with_capacity(100);
        big.get_or_insert(7);
        assert_eq!(big.get(u64::MAX), None);
    }
}
