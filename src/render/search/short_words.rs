//! The table from a short word, packed into one integer (see
//! `pack` in the parent module), to its id: looked up once for every word
//! of the archive, so made for that one job. Open addressing with linear
//! probing over a power-of-two array, keyed by the packed integer itself:
//! a lookup is a multiply, a shift and, nearly always, one comparison,
//! where a general map hashed the key in two rounds and probed by groups.

/// Packed words to ids. A packed word is never zero (words are not empty
/// and hold no zero byte), so zero marks a free slot.
#[derive(Debug)]
pub(super) struct ShortWords {
    /// Each key beside its id: a lookup that finds its word reads one
    /// cache line, not one in each of two arrays. The table outgrows the
    /// first-level cache (every number in the text is a word), and that
    /// second miss was a large part of a lookup.
    slots: Vec<Slot>,
    len: usize,
    /// `64 - log2(capacity)`: the hash's top bits pick the slot.
    shift: u32,
}

const FREE: u128 = 0;

#[derive(Debug, Clone, Copy)]
struct Slot {
    key: u128,
    id: u32,
}

impl Default for ShortWords {
    fn default() -> ShortWords {
        ShortWords::with_slots(1 << 12)
    }
}

impl ShortWords {
    fn with_slots(slots: usize) -> ShortWords {
        ShortWords {
            slots: vec![Slot { key: FREE, id: 0 }; slots],
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot where `packed` is, or the free slot where it would go.
    #[inline]
    fn slot(&self, packed: u128) -> usize {
        // Fibonacci hashing of both halves folded together: the halves of
        // a packed word are its bytes, so every byte moves the top bits.
        let folded = (packed as u64) ^ ((packed >> 64) as u64).rotate_left(29);
        let mut at = (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        let mask = self.slots.len() - 1;
        loop {
            let key = self.slots[at].key;
            if key == packed || key == FREE {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `packed`, if it has one.
    #[inline]
    pub(super) fn get(&self, packed: u128) -> Option<u32> {
        let slot = self.slots[self.slot(packed)];
        (slot.key == packed).then_some(slot.id)
    }

    /// Gives `packed` (not in the table yet) the id `id`.
    pub(super) fn insert(&mut self, packed: u128, id: u32) {
        debug_assert_ne!(packed, FREE);
        // At most half full, so probes stay short and a free slot is
        // always found.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.slot(packed);
        self.slots[at] = Slot { key: packed, id };
        self.len += 1;
    }

    fn grow(&mut self) {
        let mut bigger = ShortWords::with_slots(self.slots.len() * 2);
        for &slot in &self.slots {
            if slot.key != FREE {
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
    fn every_word_keeps_its_id_as_the_table_grows() {
        let mut table = ShortWords::with_slots(4);
        // Keys that differ only in their high half, or only in one byte,
        // as packed words do.
        let keys: Vec<u128> = (1..5000u128)
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
        assert!(table.slots.len() >= keys.len() * 2);
    }
}
