//! How search reads Vietnamese: words are runs of letters and digits;
//! a word is compared folded (no tones, no vowel marks, `đ` → `d`), and
//! its exact form is kept for ranking exact-diacritic matches first.
//! `themes/default/static/search.js` reads queries by the same rules.

use std::ops::Range;

use crate::vietnamese;

/// The words of `text`, lower-cased, in order.
#[cfg(test)]
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    split(text).map(|word| text[word].to_lowercase())
}

/// Where the words of `text` are: runs of letters and digits, as byte
/// ranges (a word is read as bytes more often than as text). Sixteen
/// bytes at a time where SSE2 is there (every x86-64 processor), else a
/// byte at a time.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
pub(crate) fn split(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    super::blocks16::split(text)
}

/// Where the words of `text` are: runs of letters and digits, as byte
/// ranges.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
pub(crate) fn split(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    super::bytewise::split(text)
}

/// Whether the character at byte `i` is a word character, and its width:
/// decoded from the bytes here, since this runs over every character of
/// the archive.
#[inline(always)]
pub(super) fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let b0 = bytes[i];
    // Vietnamese letters first, by their leading bytes: U+00C0–U+00FF
    // (but × and ÷), U+0100–U+023F, and U+1E80–U+1EFF (Latin Extended
    // Additional, all letters).
    match b0 {
        0x00..=0x7F => return (b0.is_ascii_alphanumeric(), 1),
        0xC3 => return (!matches!(bytes[i + 1], 0x97 | 0xB7), 2),
        0xC4..=0xC8 => return (true, 2),
        0xE1 if matches!(bytes[i + 1], 0xBA | 0xBB) => return (true, 3),
        _ => {}
    }
    // `text` is valid UTF-8 and `i` a character boundary, so the
    // continuation bytes are there.
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
    let (code, width) = match b0 {
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => ((u32::from(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            (u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    (char::from_u32(code).is_some_and(is_word_char), width)
}

/// `char::is_alphanumeric`, answered at once for ASCII and the Latin
/// letters Vietnamese is written in (the slow table lookup is for the rest).
#[inline]
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1ea0}'..='\u{1ef9}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// The index keys one word contributes: its folded form, and its exact
/// form when that differs (it has diacritics).
pub(crate) fn keys(word: &str) -> (String, Option<String>) {
    let folded = vietnamese::fold(word);
    let exact = (folded != word).then(|| word.to_owned());
    (folded, exact)
}

/// A document number as one key: `07-KL/TW` → `07kltw`, so a reader may
/// type it with or without its punctuation.
pub(crate) fn compact_number(number: &str) -> String {
    vietnamese::fold(number)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// What begins the key of a filter: no word or number key holds it, since
/// those are made of letters and digits only.
const FILTER_MARK: char = ':';

/// The key of the directives of term `slug` of the filter `param` (see
/// `FILTERS` in the parent module): `:kind:cong-van`. `search.js` makes
/// the same.
pub(crate) fn filter_key(param: &str, slug: &str) -> String {
    format!("{FILTER_MARK}{param}:{slug}")
}

/// Whether `key` is a filter's (see [`filter_key`]).
pub(crate) fn is_filter_key(key: &str) -> bool {
    key.starts_with(FILTER_MARK)
}

/// FNV-1a over the key's UTF-8 bytes: which shard holds a key. The
/// browser computes the same.
pub(crate) fn shard_of(key: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        words(text).map(|w| keys(&w).0).collect()
    }

    /// What a reader types, and whether it must find a text.
    const QUERIES: &[(&str, &str, bool)] = &[
        (
            "phong chong dich",
            "công tác phòng, chống dịch Covid-19",
            true,
        ),
        (
            "phòng chống dịch",
            "công tác phòng, chống dịch Covid-19",
            true,
        ),
        (
            "PHONG CHONG DICH",
            "công tác phòng, chống dịch Covid-19",
            true,
        ),
        (
            "ho chieu vac xin",
            "sử dụng Hộ chiếu vắc-xin với khách quốc tế",
            true,
        ),
        ("dang cong san", "ĐẢNG CỘNG SẢN VIỆT NAM", true),
        ("duong", "đường biên giới", true),
        ("07-KL/TW", "văn bản số 07-KL/TW ngày 11", true),
        ("07 kl tw", "văn bản số 07-KL/TW ngày 11", true),
        ("4162", "Số: 4162/VPCP-TKBT", true),
        ("kiem che", "để kiểm chế, đẩy lùi", true),
        ("kiềm chế", "để kiềm chế, đẩy lùi", true),
        ("vac xin", "phòng dịch", false),
        ("4162", "Số: 416/VPCP", false),
        ("chong", "phong toả", false),
        ("covid 19", "Covid-19", true),
    ];

    #[test]
    fn queries_match_by_folded_words() {
        for (query, text, expected) in QUERIES {
            let wanted = folded(query);
            let have = folded(text);
            let found = wanted.iter().all(|w| have.contains(w));
            assert_eq!(found, *expected, "{query:?} in {text:?}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "  Số: 07-KL/TW, ngày 11/6; «Đảng» x";
        let found: Vec<&str> = split(text).map(|word| &text[word]).collect();
        assert_eq!(
            found,
            ["Số", "07", "KL", "TW", "ngày", "11", "6", "Đảng", "x"]
        );
        assert_eq!(split("").count(), 0);
        assert_eq!(split("... ").count(), 0);
    }

    #[test]
    fn exact_forms_are_kept_only_when_they_differ() {
        assert_eq!(
            keys("phòng"),
            ("phong".to_owned(), Some("phòng".to_owned()))
        );
        assert_eq!(keys("covid"), ("covid".to_owned(), None));
        assert_eq!(keys("đ"), ("d".to_owned(), Some("đ".to_owned())));
        // Old and new tone placement are different exact forms, one fold.
        assert_eq!(keys("uỷ").0, keys("ủy").0);
    }

    #[test]
    fn the_fast_word_test_agrees_with_unicode() {
        for c in ('\0'..='\u{2fff}').chain('\u{1ea0}'..='\u{1eff}') {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn the_byte_level_word_test_agrees_with_unicode() {
        for c in ('\0'..='\u{2fff}').chain('\u{1e00}'..='\u{1fff}') {
            let text = c.to_string();
            assert_eq!(
                word_char_at(&text, 0),
                (c.is_alphanumeric(), c.len_utf8()),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn numbers_compact() {
        assert_eq!(compact_number("07-KL/TW"), "07kltw");
        assert_eq!(compact_number("1354-BC/BCSĐCP"), "1354bcbcsdcp");
        assert_eq!(compact_number("30/2020/NĐ-CP"), "302020ndcp");
    }

    #[test]
    fn filter_keys_are_no_word_or_number() {
        let key = filter_key("kind", "cong-van");
        assert_eq!(key, ":kind:cong-van");
        assert!(is_filter_key(&key));
        // Whatever the text, its words and numbers never look like one.
        let text = ":kind:cong-van :: Số: 07-KL/TW :year:2021";
        assert!(split(text).all(|w| !is_filter_key(&keys(&text[w].to_lowercase()).0)));
        assert!(!is_filter_key(&compact_number(":kind:cong-van")));
        assert!(!is_filter_key("phong"));
    }

    #[test]
    fn shards_are_stable() {
        // The browser must agree: these values are asserted in search.js's
        // own test too.
        assert_eq!(shard_of("phong", 512), 213);
        assert_eq!(shard_of("", 7), 0x811c_9dc5 % 7);
        // Multi-byte text hashes its UTF-8 bytes; the full hash shows
        // with a modulus above it.
        assert_eq!(shard_of("phòng", 512), 183);
        assert_eq!(shard_of("a", u32::MAX), 0xe40c_292c);
    }
}
