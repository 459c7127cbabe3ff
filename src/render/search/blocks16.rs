//! The words of a text sixteen bytes at a time, with the SSE2 vector
//! instructions every x86-64 processor has: what [`super::bytewise`]'s
//! byte loop finds. Splitting runs over every byte of the archive; with
//! the byte loop it was about a tenth of a build's instructions, and this
//! takes a quarter of that off (callgrind, 1,000 directives: −2.7 % of
//! the whole build).
//!
//! Each block's bytes are classified at once (word character or
//! separator) and a word's edges are the bytes where the class changes.
//! ASCII and the leading bytes of Vietnamese letters are answered by
//! comparisons; a block holding any other character (a quotation mark, a
//! dash, a combining mark, CJK) is walked a character at a time instead,
//! by the test the byte loop uses ([`word_char_at`]).

use std::arch::x86_64::{
    __m128i, _mm_and_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
    _mm_or_si128, _mm_set_epi64x, _mm_set1_epi8,
};

use std::ops::Range;

use super::tokens::word_char_at;

/// Sixteen bytes.
const BLOCK: usize = 16;

/// Where the words of `text` are, in order.
pub(super) fn split(text: &str) -> Words<'_> {
    Words {
        text,
        next_block: 0,
        base: 0,
        edges: 0,
        carry: 0,
        start: None,
    }
}

/// The iterator of [`split`].
pub(super) struct Words<'a> {
    text: &'a str,
    /// Where the next block begins.
    next_block: usize,
    /// Where the block of `edges` begins.
    base: usize,
    /// The edges of that block not read yet: bit `k` set when byte `k`'s
    /// class differs from the byte's before it.
    edges: u32,
    /// The class of the last byte classified: 1 for a word character.
    carry: u32,
    /// Where the open word began, while one is open.
    start: Option<usize>,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    // Inlined into the loop that reads the words: called for every word
    // of the archive.
    #[inline(always)]
    fn next(&mut self) -> Option<Range<usize>> {
        loop {
            if self.edges != 0 {
                let at = self.base + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                match self.start.take() {
                    // The text begins outside a word and edges alternate,
                    // so an edge with a word open ends it. Every edge lies
                    // between two characters.
                    Some(start) => return Some(start..at),
                    None => self.start = Some(at),
                }
                continue;
            }
            if self.next_block >= self.text.len() {
                return self.start.take().map(|start| start..self.text.len());
            }
            self.classify_next_block();
        }
    }
}

impl Words<'_> {
    /// Classifies the next block (fewer bytes at the end of the text) and
    /// records where the class changes.
    #[inline(always)]
    fn classify_next_block(&mut self) {
        let bytes = self.text.as_bytes();
        let at = self.next_block;
        let block = bytes
            .get(at..at + BLOCK)
            .and_then(|b| <[u8; BLOCK]>::try_from(b).ok());
        let (words, valid) = match block {
            Some(x) => {
                let after = bytes.get(at + BLOCK).copied().unwrap_or(0);
                let words = match classes(x, after) {
                    Some(classes) => classes.words(self.carry),
                    None => exact_classes(self.text, at, at + BLOCK, self.carry),
                };
                (words, 0xFFFF)
            }
            // The text's last bytes, fewer than sixteen: padded with
            // zeros, which are separators, and classified as a block like
            // any other. A text ends with a whole character, so no test
            // reads past it. Walked a character at a time, these tails
            // (one to each run of text) were most of the blocks that were.
            None => {
                let len = bytes.len() - at;
                let mut padded = [0u8; BLOCK];
                padded[..len].copy_from_slice(&bytes[at..]);
                let words = match classes(padded, 0) {
                    Some(classes) => classes.words(self.carry),
                    None => exact_classes(self.text, at, bytes.len(), self.carry),
                };
                (words, (1 << len) - 1)
            }
        };
        self.edges = (words ^ ((words << 1) | self.carry)) & valid;
        self.carry = (words >> (BLOCK - 1)) & 1;
        self.base = at;
        self.next_block = at + BLOCK;
    }
}

/// A block's classes, one bit per byte, assuming every character that is
/// not ASCII is a letter (which [`classes`] made sure of).
struct Classes {
    /// The ASCII letters and digits, and every byte of a non-ASCII
    /// character.
    words: u32,
    /// The continuation bytes.
    continuation: u32,
}

impl Classes {
    /// The word bytes, given `carry`, the class of the byte before the
    /// block: the continuation bytes that begin the block are of a
    /// character begun before it, and take its class.
    #[inline(always)]
    fn words(&self, carry: u32) -> u32 {
        if carry != 0 {
            return self.words;
        }
        let first_other = (!self.continuation | 1 << BLOCK).trailing_zeros();
        self.words & !((1 << first_other) - 1)
    }
}

/// The classes of the sixteen bytes `x` (the first in the low byte), or
/// `None` when the block holds a character not known at once: ASCII, and
/// the letters whose leading byte alone or with the next says so, as
/// [`word_char_at`] lists them. `after` is the byte after the block.
#[inline(always)]
fn classes(x: [u8; BLOCK], after: u8) -> Option<Classes> {
    // SAFETY: this module is compiled only where SSE2 is enabled (see its
    // `cfg` in the parent module), so the processor running this has it.
    unsafe { classes_sse2(u128::from_le_bytes(x), after) }
}

/// [`classes`], with SSE2's byte comparisons: without the `unsafe` of
/// calling it, the byte tests written out were not vectorised and cost
/// a sixth more of the whole build.
#[target_feature(enable = "sse2")]
#[inline]
fn classes_sse2(x: u128, after: u8) -> Option<Classes> {
    let next = (x >> 8) | (u128::from(after) << 120);
    let (x, next) = (vector(x), vector(next));
    let splat = |b: u8| _mm_set1_epi8(b as i8);
    let mask = |v: __m128i| _mm_movemask_epi8(v) as u32;
    // Signed comparisons: the bytes from 0x80 are negative, below every
    // ASCII byte.
    let within = |v: __m128i, lo: u8, hi: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, splat(lo.wrapping_sub(1))),
            _mm_cmplt_epi8(v, splat(hi.wrapping_add(1))),
        )
    };
    let letters = within(_mm_or_si128(x, splat(0x20)), b'a', b'z');
    let digits = within(x, b'0', b'9');
    let ascii_words = mask(_mm_or_si128(letters, digits));
    let high = mask(x);
    if high == 0 {
        return Some(Classes {
            words: ascii_words,
            continuation: 0,
        });
    }
    // Leading bytes are 0xC0 to 0xFF. × and ÷ are C3 97 and C3 B7; Latin
    // Extended Additional is E1 BA and E1 BB.
    let leading = mask(_mm_cmpgt_epi8(x, splat(0xBF))) & high;
    let latin = mask(within(x, 0xC3, 0xC8));
    let e1 = mask(_mm_cmpeq_epi8(x, splat(0xE1)));
    let signs = mask(_mm_and_si128(
        _mm_cmpeq_epi8(x, splat(0xC3)),
        _mm_cmpeq_epi8(_mm_or_si128(next, splat(0x20)), splat(0xB7)),
    ));
    let extended = mask(_mm_cmpeq_epi8(_mm_or_si128(next, splat(0x01)), splat(0xBB)));
    if (leading & !(latin | e1)) | signs | (e1 & !extended) != 0 {
        return None;
    }
    Some(Classes {
        words: high | ascii_words,
        continuation: high & !leading,
    })
}

/// `x` as a vector, its low byte first.
#[target_feature(enable = "sse2")]
#[inline]
fn vector(x: u128) -> __m128i {
    _mm_set_epi64x((x >> 64) as u64 as i64, x as u64 as i64)
}

/// The classes of bytes `from..to` of `text`, a character at a time, one
/// bit per byte from `from`. Continuation bytes at `from` take `carry`; a
/// character running past `to` is classified whole and its bytes past
/// `to` are the next block's.
#[inline(never)]
fn exact_classes(text: &str, from: usize, to: usize, carry: u32) -> u32 {
    let mut words = 0;
    let mut i = from;
    while i < to && !text.is_char_boundary(i) {
        words |= carry << (i - from);
        i += 1;
    }
    while i < to {
        let (word, width) = word_char_at(text, i);
        if word {
            let bits = (1 << width.min(to - i)) - 1;
            words |= bits << (i - from);
        }
        i += width;
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::bytewise;
    use proptest::prelude::*;

    /// The words of `text` by the definition: runs of characters that
    /// `char::is_alphanumeric` accepts.
    fn reference(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    found.push(&text[s..i]);
                    start = None;
                }
                _ => {}
            }
        }
        found.extend(start.map(|s| &text[s..]));
        found
    }

    fn words(text: &str) -> Vec<&str> {
        split(text).map(|word| &text[word]).collect()
    }

    /// Both splitters agree with the definition.
    fn agrees(text: &str) {
        let expected = reference(text);
        assert_eq!(words(text), expected, "{text:?}");
        let by_bytes: Vec<&str> = bytewise::split(text).map(|word| &text[word]).collect();
        assert_eq!(by_bytes, expected, "bytewise, {text:?}");
    }

    #[test]
    fn every_character_is_classified_as_unicode_does_at_every_offset() {
        let astral = [
            '\u{10000}',
            '\u{1d400}',
            '\u{1f600}',
            '\u{20000}',
            '\u{10ffff}',
        ];
        for c in ('\0'..='\u{ffff}').chain(astral) {
            // Each offset puts the character at another place in its
            // block, and across the edge of two blocks; the last is
            // within the text's end, read a byte at a time.
            for pad in [0, 1, 5, 11, 13, 14, 15, 16] {
                let pad = &"ab cd ef gh ij kl"[..pad];
                agrees(&format!("{pad}{c}0123456789abcdef"));
                agrees(&format!("{pad}a{c}b  ệ ệ ệ ệ ệ ệ"));
                agrees(&format!("{pad} {c} ----------------"));
                agrees(&format!("{pad}ệ{c}đ{c}"));
            }
        }
    }

    #[test]
    fn long_runs_cross_blocks() {
        agrees(&"ệ".repeat(40));
        agrees(&"Nghị định số 30/2020/NĐ-CP “về việc” – «x» ".repeat(9));
        agrees(&"\u{a0}".repeat(17));
        agrees(&"a\u{301}".repeat(13));
        agrees(&"0123456789".repeat(5));
        agrees(&"ĐẢNG CỘNG SẢN VIỆT NAM ".repeat(4));
        agrees("");
        agrees(" ");
    }

    /// Characters of Vietnamese official text and of what is pasted into
    /// it, each kind of leading byte there.
    const ALPHABET: &[char] = &[
        'a', 'Z', '0', '9', ' ', ',', '.', '/', '-', '\n', '@', '[', '`', '{', 'à', 'Đ', 'đ', 'ơ',
        'ư', 'ệ', 'ỹ', 'Ỵ', 'ẫ', '×', '÷', '–', '“', '”', '\u{a0}', '«', '»', '²', 'µ', 'ª',
        '\u{301}', '\u{323}', '中', '😀', 'ß', 'ǅ', 'Ω', 'ḁ', '\u{1e9e}', '€', 'ÿ', 'À',
    ];

    proptest! {
        #[test]
        fn any_text_splits_as_unicode_says(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..120)
        ) {
            let text: String = picks.into_iter().map(|k| ALPHABET[k]).collect();
            let expected = reference(&text);
            prop_assert_eq!(words(&text), expected.clone());
            let by_bytes: Vec<&str> = bytewise::split(&text).map(|word| &text[word]).collect();
            prop_assert_eq!(by_bytes, expected);
        }
    }
}
