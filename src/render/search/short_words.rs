//! The table from a short word, packed into one integer (see
//! `pack` in the parent module), to its id: looked up once for every word
//! of the archive, so made for that one job. Open addressing with linear
//! probing over a power-of-two array, keyed by the packed integer itself:
//! a lookup is a multiply, a shift and, nearly always, one comparison,
//! where a general map hashed the key in two rounds and probed by groups.

/// Packed words to ids. A packed word is never zero (words are not empty
/// and hold no zero byte), so zero marks a free slot.
///
/// Words of up to eight bytes (nearly every syllable, and numbers of up
/// to eight digits) are kept apart from longer ones, keyed by a `u64`:
/// their slots are half the size, so twice as many share the caches. The
/// table outgrows the first-level cache (every number in the text is a
/// word), and its misses were the largest part of a lookup.
#[derive(Debug, Default)]
pub(super) struct ShortWords {
    short: Tiered<u64>,
    long: Tiered<u128>,
}

impl ShortWords {
    /// The id of `packed`, if it has one.
    #[inline(always)]
    pub(super) fn get(&self, packed: u128) -> Option<u32> {
        match u64::try_from(packed) {
            Ok(short) => self.short.get(short),
            Err(_) => self.long.get(packed),
        }
    }

    /// Gives `packed` (not in the table yet) the id `id`.
    pub(super) fn insert(&mut self, packed: u128, id: u32) {
        match u64::try_from(packed) {
            Ok(short) => self.short.insert(short, id),
            Err(_) => self.long.insert(packed, id),
        }
    }
}

/// A packed word as a table keys it.
trait Key: Copy + Eq {
    /// No word: marks a free slot.
    const FREE: Self;
    /// Sixty-four bits that every byte of the word moves.
    fn fold(self) -> u64;
}

impl Key for u64 {
    const FREE: u64 = 0;
    #[inline]
    fn fold(self) -> u64 {
        self
    }
}

impl Key for u128 {
    const FREE: u128 = 0;
    #[inline]
    fn fold(self) -> u64 {
        // The halves of a packed word are its bytes, folded together.
        (self as u64) ^ ((self >> 64) as u64).rotate_left(29)
    }
}

/// The words met first in a table of their own, of a fixed size, and the
/// rest in a second one. The words a language uses most are met in the
/// first few documents, and so are nearly all in the first table, which
/// stays the same size whatever the archive's; the second grows with the
/// archive's rare words (a number in a table, a name), nearly every one
/// looked up a few times only. In one table, the common words were spread
/// over all of it: at 100,000 directives over 4 MB, a thousand memory
/// pages, where a lookup at 10,000 directives stayed within 512 KB, and
/// the lookups' share of the build grew by half.
#[derive(Debug)]
struct Tiered<K> {
    first: Table<K>,
    rest: Table<K>,
}

/// Words in the first table, which then has 16,384 slots: 256 KB for
/// words of up to eight bytes, 512 KB for longer ones. Adding a directive
/// reads little else at random, so the common words' slots stay in a
/// processor's second-level cache beside it (2 MB a core on this project's
/// machines).
const FIRST_WORDS: usize = 8192;

// A table's size is a power of two (see `Table::with_slots`).
const _: () = assert!(FIRST_WORDS.is_power_of_two());

impl<K: Key> Default for Tiered<K> {
    fn default() -> Tiered<K> {
        // Both start small and grow as words come: the first stops
        // growing at FIRST_WORDS, where its inserts stop; a small site, or
        // a worker that meets few words, keeps small tables.
        Tiered {
            first: Table::with_slots(1 << 10),
            rest: Table::with_slots(1 << 4),
        }
    }
}

impl<K: Key> Tiered<K> {
    #[inline(always)]
    fn get(&self, key: K) -> Option<u32> {
        // Nearly every word is found at once; a rare one costs a probe
        // of the first table, kept in the cache by the common ones.
        match self.first.get(key) {
            Some(id) => Some(id),
            None if self.rest.len == 0 => None,
            None => self.rest.get(key),
        }
    }

    fn insert(&mut self, key: K, id: u32) {
        if self.first.len < FIRST_WORDS {
            self.first.insert(key, id);
        } else {
            self.rest.insert(key, id);
        }
    }
}

/// Open addressing with linear probing: each key beside its id, so a
/// lookup that finds its word reads one cache line, not one in each of
/// two arrays.
#[derive(Debug)]
struct Table<K> {
    slots: Vec<Slot<K>>,
    len: usize,
    /// `64 - log2(capacity)`: the hash's top bits pick the slot.
    shift: u32,
}

#[derive(Debug, Clone, Copy)]
struct Slot<K> {
    key: K,
    id: u32,
}

impl<K: Key> Table<K> {
    fn with_slots(slots: usize) -> Table<K> {
        Table {
            slots: vec![
                Slot {
                    key: K::FREE,
                    id: 0
                };
                slots
            ],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot where `key` is, or the free slot where it would go.
    #[inline]
    fn slot(&self, key: K) -> usize {
        // Fibonacci hashing: the top bits of the product pick the slot.
        let mut at = (key.fold().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        let mask = self.slots.len() - 1;
        loop {
            let found = self.slots[at].key;
            if found == key || found == K::FREE {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    #[inline(always)]
    fn get(&self, key: K) -> Option<u32> {
        let slot = self.slots[self.slot(key)];
        (slot.key == key).then_some(slot.id)
    }

    fn insert(&mut self, key: K, id: u32) {
        debug_assert!(key != K::FREE);
        // At most half full, so probes stay short and a free slot is
        // always found.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.slot(key);
        self.slots[at] = Slot { key, id };
        self.len += 1;
    }

    fn grow(&mut self) {
        let mut bigger = Table::with_slots(self.slots.len() * 2);
        for &slot in &self.slots {
            if slot.key != K::FREE {
                let at = bigger.slot(slot.key);
                bigger.slots[at] = slot;
            }
        }
        bigger.len = self.len;
        *self = bigger;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_keeps_its_id_as_the_tables_grow() {
        let mut table = ShortWords::default();
        // Keys that differ only in their high half, or only in one byte,
        // as packed words do: more than the first tables hold.
        let keys: Vec<u128> = (1..10_000u128)
            .flat_map(|n| [n, n << 64, n * 0x0101 + (1 << 100)])
            .collect();
        for (id, &key) in keys.iter().enumerate() {
            assert_eq!(table.get(key), None);
            table.insert(key, id as u32);
        }
        for (id, &key) in keys.iter().enumerate() {
            assert_eq!(table.get(key), Some(id as u32));
        }
        assert_eq!(table.get(0x5EED_0000_0000_0000_0001), None);
        // Each kind of word (up to eight bytes, and longer) has its own
        // tables; the first of each holds the words met first, and stops
        // growing; every table stays at most half full.
        assert_eq!(table.short.first.len, FIRST_WORDS);
        assert_eq!(table.short.rest.len, 9999 - FIRST_WORDS);
        assert_eq!(table.long.first.len, FIRST_WORDS);
        assert_eq!(table.long.rest.len, 2 * 9999 - FIRST_WORDS);
        assert_eq!(table.short.first.slots.len(), FIRST_WORDS * 2);
        assert_eq!(table.long.first.slots.len(), FIRST_WORDS * 2);
        for t in [&table.short.first, &table.short.rest] {
            assert!(t.slots.len() >= t.len * 2);
        }
        for t in [&table.long.first, &table.long.rest] {
            assert!(t.slots.len() >= t.len * 2);
        }
        // A word met first is in the first table; one met after it
        // filled, only in the second.
        assert_eq!(table.short.first.get(1), Some(0));
        assert_eq!(table.short.first.get(9999), None);
        assert_eq!(table.short.rest.get(9999), Some(3 * 9998));
    }
}
