//! Postings as a worker gathers them: per key, the directives met with
//! the key's weight in each, packed as bytes (per posting, the distance
//! from the previous directive, zigzag, as a varint, and the weight as a
//! byte) into slices of one pool that the worker's keys share.
//!
//! A key's bytes were a vector of their own, grown by doubling: at
//! 100,000 directives a worker's quarter of a million keys grew some
//! million times, each growth an allocation, a copy and a free, and the
//! copies alone were a twentieth of what the index cost. Here a key's
//! bytes are a chain of slices, each twice the size of the one before it
//! up to a cap, taken one after another from large blocks, as Lucene's
//! byte slice pool does: nothing is copied while gathering, a key met once
//! takes eight bytes, and a key's cursor is sixteen bytes, not thirty-two.

use super::posting;

/// A block of the pool, in bytes. Slices never cross blocks.
const BLOCK: usize = 1 << 16;
/// Slices begin on multiples of this, so a slice's address counts units
/// of it: 32 GiB of postings per worker in a `u32`.
const UNIT: usize = 8;
const UNITS_PER_BLOCK: u32 = (BLOCK / UNIT) as u32;
/// A key's first slice, in bytes; each next one is twice the size of the
/// one before it, up to [`LARGEST`]. Each slice but a key's current one
/// ends in the address of the next (four bytes).
const FIRST: usize = 8;
const LARGEST: usize = 2048;
const LINK: usize = 4;

// Every slice starts on a unit and fits in a block, whose size is a
// multiple of every slice's.
const _: () = assert!(
    FIRST.is_power_of_two() && FIRST >= UNIT && LARGEST.is_power_of_two() && LARGEST <= BLOCK
);

/// The size of the slice after one of `size` bytes.
fn next_size(size: usize) -> usize {
    (size * 2).min(LARGEST)
}

/// The blocks the slices of one worker's keys are taken from.
#[derive(Debug, Default)]
pub(super) struct Pool {
    blocks: Vec<Box<[u8]>>,
    /// Units used in the last block.
    used: u32,
}

impl Pool {
    /// The address of a new slice of `size` bytes.
    fn take(&mut self, size: usize) -> u32 {
        let units = (size / UNIT) as u32;
        if self.blocks.is_empty() || self.used + units > UNITS_PER_BLOCK {
            self.blocks.push(vec![0; BLOCK].into_boxed_slice());
            self.used = 0;
        }
        let address = (self.blocks.len() as u32 - 1) * UNITS_PER_BLOCK + self.used;
        self.used += units;
        address
    }

    /// The bytes of the slice at `address`, of `size` bytes.
    fn slice(&self, address: u32, size: usize) -> &[u8] {
        let at = (address % UNITS_PER_BLOCK) as usize * UNIT;
        &self.blocks[(address / UNITS_PER_BLOCK) as usize][at..at + size]
    }

    fn slice_mut(&mut self, address: u32, size: usize) -> &mut [u8] {
        let at = (address % UNITS_PER_BLOCK) as usize * UNIT;
        &mut self.blocks[(address / UNITS_PER_BLOCK) as usize][at..at + size]
    }

    /// Byte `offset` of the slice at `address`, which holds it.
    #[inline(always)]
    fn byte_mut(&mut self, address: u32, offset: usize) -> &mut u8 {
        let at = (address % UNITS_PER_BLOCK) as usize * UNIT + offset;
        &mut self.blocks[(address / UNITS_PER_BLOCK) as usize][at]
    }
}

/// No slice yet: a key with no postings.
const NONE: u32 = u32::MAX;

/// One key's postings: where its chain of slices starts, and where the
/// next byte goes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gathered {
    head: u32,
    /// The slice being written, the bytes written in it, and the bytes it
    /// holds before the next slice's address (its size less the link).
    slice: u32,
    written: u16,
    room: u16,
    /// The directive of the last posting.
    last: u32,
}

impl Default for Gathered {
    fn default() -> Gathered {
        Gathered {
            head: NONE,
            slice: NONE,
            written: 0,
            room: 0,
            last: 0,
        }
    }
}

impl Gathered {
    pub(super) fn is_empty(&self) -> bool {
        self.head == NONE
    }

    /// Adds a posting for `doc` with `weight` (capped at 255).
    #[inline(always)]
    pub(super) fn push(&mut self, pool: &mut Pool, doc: u32, weight: u32) {
        // Directives are below 2^24 (see `Postings` in the parent
        // module), so a step and its zigzag form fit in 32 bits.
        let step = doc as i32 - self.last as i32;
        let mut value = ((step << 1) ^ (step >> 31)) as u32;
        while value >= 0x80 {
            self.put(pool, (value as u8) | 0x80);
            value >>= 7;
        }
        self.put(pool, value as u8);
        self.put(pool, weight.min(255) as u8);
        self.last = doc;
    }

    /// Adds `weight` to the key's weight in `doc`, which is the directive
    /// being added or one after it: its posting made if this is the first
    /// count, else its weight byte raised (to at most 255, as the weight
    /// of a posting is capped). A directive's words are counted into their
    /// keys here, where the postings are written anyway, rather than in a
    /// tally of keys read out after: that tally's reads and writes, at
    /// random over an array as long as the keys, were a sixteenth of
    /// adding a directive.
    #[inline(always)]
    pub(super) fn count(&mut self, pool: &mut Pool, doc: u32, weight: u32) {
        // A directive is added once, so the last posting is for `doc`
        // only while `doc` is being added; its weight is the last byte
        // written, in the slice being written.
        if self.head != NONE && self.last == doc {
            let byte = pool.byte_mut(self.slice, usize::from(self.written) - 1);
            *byte = byte.saturating_add(weight.min(255) as u8);
        } else {
            self.push(pool, doc, weight);
        }
    }

    #[inline(always)]
    fn put(&mut self, pool: &mut Pool, byte: u8) {
        // A key with no slice yet is full: `written` and `room` are both
        // zero.
        if self.written == self.room {
            self.next_slice(pool);
        }
        *pool.byte_mut(self.slice, usize::from(self.written)) = byte;
        self.written += 1;
    }

    /// Moves to a new slice, its address written at the end of the full
    /// one.
    #[cold]
    #[inline(never)]
    fn next_slice(&mut self, pool: &mut Pool) {
        if self.head == NONE {
            self.head = pool.take(FIRST);
            self.slice = self.head;
            self.room = (FIRST - LINK) as u16;
            return;
        }
        let size = usize::from(self.room) + LINK;
        let next_size = next_size(size);
        let next = pool.take(next_size);
        pool.slice_mut(self.slice, size)[size - LINK..].copy_from_slice(&next.to_le_bytes());
        self.slice = next;
        self.written = 0;
        self.room = (next_size - LINK) as u16;
    }

    /// The postings as `directive << 8 | weight`, in the order they were
    /// pushed. `bytes` is room to reuse between keys.
    pub(super) fn postings(&self, pool: &Pool, bytes: &mut Vec<u8>) -> Vec<u32> {
        bytes.clear();
        if self.head != NONE {
            let (mut address, mut size) = (self.head, FIRST);
            while address != self.slice {
                let slice = pool.slice(address, size);
                let (data, link) = slice.split_at(size - LINK);
                bytes.extend_from_slice(data);
                address = u32::from_le_bytes([link[0], link[1], link[2], link[3]]);
                size = next_size(size);
            }
            bytes.extend_from_slice(&pool.slice(address, size)[..self.written.into()]);
        }
        decode(bytes)
    }
}

/// The postings of a key's bytes, one after another.
fn decode(bytes: &[u8]) -> Vec<u32> {
    // A posting takes two bytes at least (a step and a weight): room made
    // once.
    let mut postings = Vec::with_capacity(bytes.len() / 2);
    let (mut at, mut doc) = (0, 0i32);
    while at < bytes.len() {
        let (mut zigzag, mut shift) = (0u32, 0);
        loop {
            let byte = bytes[at];
            at += 1;
            zigzag |= u32::from(byte & 0x7F) << shift;
            shift += 7;
            if byte < 0x80 {
                break;
            }
        }
        doc += ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32);
        let weight = bytes[at];
        at += 1;
        postings.push(posting(doc as u32, u32::from(weight)));
    }
    postings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_pushed() {
        // Workers meet directives nearly in order but not always: a step
        // back, a long jump, the same directive's neighbour, the last
        // directive a posting can name; weights above 255 are capped.
        let pushed = [
            (40, 1),
            (41, 7),
            (3, 2),
            (70_000, 300),
            (69_999, 255),
            ((1 << 24) - 1, 1),
            (0, 9),
        ];
        let mut pool = Pool::default();
        let mut gathered = Gathered::default();
        assert!(gathered.is_empty());
        for &(doc, weight) in &pushed {
            gathered.push(&mut pool, doc, weight);
        }
        assert!(!gathered.is_empty());
        let expected: Vec<u32> = pushed.iter().map(|&(d, w)| posting(d, w)).collect();
        let mut bytes = Vec::new();
        assert_eq!(gathered.postings(&pool, &mut bytes), expected);
        // Nearby directives cost two bytes a posting.
        assert!(bytes.len() < pushed.len() * 4, "{}", bytes.len());
        assert!(Gathered::default().postings(&pool, &mut bytes).is_empty());
    }

    #[test]
    fn keys_sharing_a_pool_keep_their_own_postings_over_many_slices() {
        // Three keys written in turn, so their slices interleave in the
        // pool, past the cap on a slice's size and over many blocks; the
        // third counts each directive twice, its weight summed and capped.
        let mut pool = Pool::default();
        let mut keys = [Gathered::default(); 3];
        let docs = 0..200_000u32;
        for doc in docs.clone() {
            keys[0].count(&mut pool, doc, 1);
            if doc % 3 == 0 {
                keys[1].count(&mut pool, doc * 7 % 200_000, doc % 300);
            }
            keys[2].count(&mut pool, doc, 200);
            keys[2].count(&mut pool, doc, 100);
        }
        assert!(pool.blocks.len() > 4, "{}", pool.blocks.len());
        let mut bytes = Vec::new();
        let first: Vec<u32> = docs.clone().map(|d| posting(d, 1)).collect();
        assert_eq!(keys[0].postings(&pool, &mut bytes), first);
        let second: Vec<u32> = docs
            .clone()
            .filter(|d| d % 3 == 0)
            .map(|d| posting(d * 7 % 200_000, d % 300))
            .collect();
        assert_eq!(keys[1].postings(&pool, &mut bytes), second);
        let third: Vec<u32> = docs.map(|d| posting(d, 255)).collect();
        assert_eq!(keys[2].postings(&pool, &mut bytes), third);
    }
}
