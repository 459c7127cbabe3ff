//! Vietnamese text in one place: Unicode normalisation, folding for
//! comparison, URL slugs and casing. Dates are [`crate::date`]'s.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises text to NFC, so a file saved decomposed (NFD) means the same.
/// Takes the text by value: nearly every file is NFC already and is
/// returned as it came, without a copy.
pub(crate) fn nfc(text: String) -> String {
    if is_nfc(&text) {
        return text;
    }
    text.nfc().collect()
}

/// Whether `text` is in NFC already (by the quick check: "maybe" counts
/// as no, and [`nfc`] then normalises, which changes nothing).
pub(crate) fn is_nfc(text: &str) -> bool {
    surely_nfc(text)
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// A quick answer for the usual Vietnamese text: characters below the
/// combining marks (U+0300), the precomposed Vietnamese letters
/// (U+1E00–U+1EFF) and common punctuation (U+2010–U+205E) never change
/// under NFC and never combine with what follows. Anything else gets the
/// full check. Read from the bytes, since this runs over every file: a
/// block at a time, with no branch inside, which the compiler turns into
/// vector compares, and one character at a time from the first block
/// that may hold something else.
fn surely_nfc(text: &str) -> bool {
    const BLOCK: usize = 32;
    // Whether the character led by `b`, then `b1` and `b2`, may be other
    // than those above: E1 B8 80–E1 BB BF are the letters, E2 80 90–E2 81
    // 9E the punctuation.
    let unsure = |b: u8, b1: u8, b2: u8| {
        b >= 0xCC
            && !(b == 0xE1 && (b1 & 0xFC) == 0xB8)
            && !(b == 0xE2 && ((b1 == 0x80 && b2 >= 0x90) || (b1 == 0x81 && b2 <= 0x9E)))
    };
    let bytes = text.as_bytes();
    let mut start = 0;
    // Each block with the two bytes after it, for a lead at its end.
    while let Some(window) = bytes
        .get(start..start + BLOCK + 2)
        .and_then(|w| <&[u8; BLOCK + 2]>::try_from(w).ok())
    {
        let seen = (0..BLOCK).fold(false, |seen, j| {
            seen | unsure(window[j], window[j + 1], window[j + 2])
        });
        if seen {
            return surely_nfc_from(bytes, start);
        }
        start += BLOCK;
    }
    surely_nfc_from(bytes, start)
}

/// [`surely_nfc`] of UTF-8 `bytes` from byte `i` on, one character at a
/// time: `i` may be inside a character, whose continuation bytes are
/// passed over.
fn surely_nfc_from(bytes: &[u8], mut i: usize) -> bool {
    while let Some(&b) = bytes.get(i) {
        // ASCII, a continuation byte, or the lead of U+0080–U+02FF: skipped
        // eight at a time up to the next byte that is none of them.
        if b < 0xCC {
            i += bytes.get(i..i + 8).map_or(1, |eight| {
                let mut word = [0; 8];
                word.copy_from_slice(eight);
                first_at_least_0xcc(u64::from_le_bytes(word))
            });
            continue;
        }
        let (Some(&b1), Some(&b2)) = (bytes.get(i + 1), bytes.get(i + 2)) else {
            return false;
        };
        // A precomposed Vietnamese letter (U+1E00–U+1EFF is E1 B8 80 to
        // E1 BB BF), every fifth character of a text: known by its first
        // two bytes.
        if b == 0xE1 && (b1 & 0xFC) == 0xB8 {
            i += 3;
            continue;
        }
        let c = (u32::from(b & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
        let known = matches!(b, 0xE1 | 0xE2)
            && ((0x1E00..=0x1EFF).contains(&c) || (0x2010..=0x205E).contains(&c));
        if !known {
            return false;
        }
        i += 3;
    }
    true
}

/// How many of the eight bytes of `word` (little-endian) come before the
/// first that is 0xCC or more; eight if none is. A byte is when its high
/// bit is set and its low seven bits reach 0x4C, which adding 0x34 to
/// each byte's low bits shows in its high bit without carrying into the
/// next byte.
fn first_at_least_0xcc(word: u64) -> usize {
    const LOW: u64 = u64::from_le_bytes([0x7F; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    const REACH: u64 = u64::from_le_bytes([0x34; 8]);
    let found = ((word & LOW) + REACH) & word & HIGH;
    (found.trailing_zeros() / 8) as usize
}

/// Lower-cases and strips every diacritic (tones and vowel marks), with
/// `đ` → `d`: the form readers type on a keyboard without Vietnamese input.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        match FoldTable::get().of(c) {
            Some(Folded::Dropped) => {}
            Some(Folded::Char(f)) => out.push(f),
            None => fold_char_slowly(c, &mut out),
        }
    }
    out
}

/// One character folded through Unicode: decomposed, marks dropped,
/// lower-cased. Folding a text character by character gives what folding
/// it whole does: decomposition maps each character on its own, and the
/// reordering of marks it adds does not matter once they are dropped.
fn fold_char_slowly(c: char, out: &mut String) {
    for c in std::iter::once(c).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            // U+0110's look-alike from OCR (Latin capital eth / African D).
            'Ð' | 'ð' | 'Ɖ' | 'ɖ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folded {
    Dropped,
    Char(char),
}

/// [`fold_char_slowly`] worked out once for the blocks Vietnamese text is
/// written in (Latin-1, Latin Extended-A and -B, the combining marks,
/// Latin Extended Additional): folding is in every lookup of a reference
/// and every search word, and Unicode decomposition is slow.
struct FoldTable {
    low: Vec<Option<Folded>>,
    high: Vec<Option<Folded>>,
}

const LOW: std::ops::Range<u32> = 0x80..0x370;
const HIGH: std::ops::Range<u32> = 0x1E00..0x1F00;

impl FoldTable {
    fn get() -> &'static FoldTable {
        static TABLE: std::sync::OnceLock<FoldTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| FoldTable {
            low: LOW.map(Self::entry).collect(),
            high: HIGH.map(Self::entry).collect(),
        })
    }

    /// `None` where one character folds to several, or is not a character.
    fn entry(code: u32) -> Option<Folded> {
        let c = char::from_u32(code)?;
        let mut out = String::new();
        fold_char_slowly(c, &mut out);
        let mut chars = out.chars();
        match (chars.next(), chars.next()) {
            (None, _) => Some(Folded::Dropped),
            (Some(f), None) => Some(Folded::Char(f)),
            _ => None,
        }
    }

    fn of(&self, c: char) -> Option<Folded> {
        let code = c as u32;
        if LOW.contains(&code) {
            self.low[(code - LOW.start) as usize]
        } else if HIGH.contains(&code) {
            self.high[(code - HIGH.start) as usize]
        } else {
            None
        }
    }
}

/// A URL segment: folded, ASCII letters and digits, words joined by `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c);
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Upper-cases Vietnamese text; letters with diacritics map correctly
/// through Unicode, this only keeps the result in NFC. Normalising is
/// most of the cost, and precomposed letters upper-case to precomposed
/// letters, so the result is normalised only if it needs to be.
pub(crate) fn upper(text: &str) -> String {
    let upper = text.to_uppercase();
    if is_nfc(&upper) {
        upper
    } else {
        upper.nfc().collect()
    }
}

/// "Thực hiện" → "thực hiện": a label used inside a sentence.
pub(crate) fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_table_agrees_with_unicode_folding() {
        // The whole text decomposed at once, as folding was first written.
        let whole = |text: &str| {
            let mut out = String::new();
            for c in text.nfd().filter(|&c| !is_combining_mark(c)) {
                match c {
                    'đ' | 'Đ' | 'Ð' | 'ð' | 'Ɖ' | 'ɖ' => out.push('d'),
                    _ => out.extend(c.to_lowercase()),
                }
            }
            out
        };
        for code in (0..0x2000).chain(0x1E00..0x1F00) {
            if let Some(c) = char::from_u32(code) {
                let text = format!("A{c}b");
                assert_eq!(fold(&text), whole(&text), "U+{code:04X}");
            }
        }
        // Decomposed input: the marks are dropped either way.
        let decomposed: String = "Kết luận Đảng".nfd().collect();
        assert_eq!(fold(&decomposed), "ket luan dang");
    }

    #[test]
    fn fold_drops_tones_vowel_marks_and_d_bar() {
        assert_eq!(fold("Phòng, chống dịch"), "phong, chong dich");
        assert_eq!(fold("ĐẢNG CỘNG SẢN VIỆT NAM"), "dang cong san viet nam");
        assert_eq!(fold("ă â ê ô ơ ư đ"), "a a e o o u d");
        assert_eq!(fold("Hộ chiếu vắc-xin"), "ho chieu vac-xin");
    }

    #[test]
    fn the_quick_nfc_answer_agrees_with_the_full_one() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let ranges = [0u32..0x300, 0x1E00..0x1F00, 0x2010..0x205F];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(
                is_nfc_quick(text.chars()),
                IsNormalized::Yes,
                "U+{:04X}",
                c as u32
            );
            assert_eq!(nfc(text.clone()), text);
        }
        assert!(!surely_nfc("e\u{0301}"));
        assert_eq!(nfc("e\u{0301}".to_owned()), "é");
    }

    #[test]
    fn the_byte_level_quick_answer_reads_characters_right() {
        let sure =
            |c: u32| c < 0x300 || (0x1E00..=0x1EFF).contains(&c) || (0x2010..=0x205E).contains(&c);
        for c in (0u32..0x3000)
            .chain(0x1_F600..0x1_F610)
            .filter_map(char::from_u32)
        {
            // At every place in a run that is skipped eight bytes at a
            // time, and in a block read at once, across its end too.
            for pad in 0..40 {
                let text = format!("{}ăễ{c}{}", "x".repeat(pad), "bô".repeat(24));
                assert_eq!(surely_nfc(&text), sure(c as u32), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn upper_case_stays_precomposed() {
        assert_eq!(
            upper("Ủy ban nhân dân tỉnh Bắc Ninh"),
            "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
        );
        // A decomposed letter (e + combining acute) comes out precomposed.
        assert_eq!(upper("ke\u{0301}"), "KÉ");
        // ǰ has no one-letter capital: J and a combining caron, which stay.
        assert_eq!(upper("ǰ"), "J\u{030C}");
    }

    #[test]
    fn a_run_ends_at_the_first_byte_of_0xcc_or_more() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = byte;
                let expected = if byte >= 0xCC { at } else { 8 };
                assert_eq!(first_at_least_0xcc(u64::from_le_bytes(word)), expected);
            }
        }
        let mut word = [0xC3; 8];
        word[5] = 0xE1;
        word[6] = 0xFF;
        assert_eq!(first_at_least_0xcc(u64::from_le_bytes(word)), 5);
    }

    #[test]
    fn nfd_input_means_the_same() {
        let decomposed: String = "Kết luận".nfd().collect();
        assert_ne!(decomposed, "Kết luận");
        assert_eq!(nfc(decomposed.clone()), "Kết luận");
        assert_eq!(fold(&decomposed), "ket luan");
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("07-KL/TW"), "07-kl-tw");
        assert_eq!(slugify("4162/VPCP-TKBT"), "4162-vpcp-tkbt");
        assert_eq!(slugify("Đường đi  — đến!"), "duong-di-den");
        assert_eq!(slugify("1354-BC/BCSĐCP"), "1354-bc-bcsdcp");
        assert_eq!(slugify("..//"), "");
    }

    proptest::proptest! {
        /// A slug is empty or plain lower-case letters, digits and single
        /// dashes inside, whatever it is made from.
        #[test]
        fn slugs_are_plain(text in "\\PC{0,40}") {
            let slug = slugify(&text);
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{slug:?}");
            proptest::prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{slug:?}");
        }
    }
}
