//! The words of a text a byte at a time (a character at a time where it
//! is not ASCII), by [`super::tokens`]'s rules: the splitter where there
//! is no SSE2, and what the sixteen-byte one (`blocks16.rs`) is tested
//! against.

use std::ops::Range;

use super::tokens::word_char_at;

/// Where the words of `text` are, in order.
pub(super) fn split(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`split`]: a hand-written loop, since this runs over
/// every character of the archive.
pub(super) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = Range<usize>;

    // Inlined into the loop that reads the words: called for every word
    // of the archive, its call cost a sixth of its time.
    #[inline(always)]
    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        let mut i = self.at;
        // Two tight loops, over separators and then over word characters,
        // with ASCII answered from a table: most bytes of Vietnamese text
        // are ASCII.
        let start = loop {
            let &b = bytes.get(i)?;
            if b < 0x80 {
                if ASCII_WORD[usize::from(b)] {
                    break i;
                }
                i += 1;
                continue;
            }
            let (word, width) = word_char_at(self.text, i);
            if word {
                break i;
            }
            i += width;
        };
        let end = loop {
            let Some(&b) = bytes.get(i) else {
                break i;
            };
            if b < 0x80 {
                if !ASCII_WORD[usize::from(b)] {
                    break i;
                }
                i += 1;
                continue;
            }
            let (word, width) = word_char_at(self.text, i);
            if !word {
                break i;
            }
            i += width;
        };
        // The separator that ended the word is skipped by the next call.
        self.at = end;
        Some(start..end)
    }
}

/// Which ASCII bytes are word characters.
const ASCII_WORD: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};
