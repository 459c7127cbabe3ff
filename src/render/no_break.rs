//! Numbers and names with hyphens (Covid-19, 07-KL/TW, 30/2020/NĐ-CP) kept
//! on one line. Browsers may end a line after a hyphen, so a reader sees
//! "Covid-" at the end of one line and "19" at the start of the next. Each
//! such word is put in a `<no-br>` element, which the theme's stylesheet
//! gives `white-space: nowrap`, rather than having its hyphen replaced by
//! a no-break hyphen (U+2011): the text stays as written, so a reader who
//! copies it, the browser's find and the site's search all still see
//! "Covid-19".
//!
//! `no-br` is a custom element's name (it has a hyphen), which HTML
//! allows without a script defining it: such an element is shown inline,
//! means nothing more than a `<span>`, and is styled like any other. It
//! costs 15 bytes a word where `<span class="nowrap">` cost 27, and a
//! directive's page has fifteen such words on average.

use super::output::escape_html;

/// What opens a word kept on one line.
const OPEN: &str = "<no-br>";
const CLOSE: &str = "</no-br>";

/// The longest word, in characters, kept on one line: a longer one (a web
/// address, say) may still break, so that no page is wider than a phone.
const LONGEST: usize = 24;

/// Whether `text` has a word to keep on one line.
pub(crate) fn has_hyphenated_word(text: &str) -> bool {
    whole_words(text).next().is_some()
}

/// `text` as escaped HTML, each hyphenated word in a `<no-br>`.
pub(crate) fn to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut done = 0;
    for (start, end) in whole_words(text) {
        push_escaped(&mut out, &text[done..start]);
        out.push_str(OPEN);
        push_escaped(&mut out, &text[start..end]);
        out.push_str(CLOSE);
        done = end;
    }
    push_escaped(&mut out, &text[done..]);
    out
}

/// The byte ranges of the words of `text` (runs without whitespace) to
/// keep on one line, in order. Found from the hyphens, which a search for
/// one byte finds quickly, rather than by reading every character: this
/// runs over every text of every page.
fn whole_words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(hyphen) = next_hyphen(text, from) {
            let start = text[from..hyphen]
                .rfind(char::is_whitespace)
                .map_or(from, |at| {
                    let space = text[from + at..].chars().next().map_or(1, char::len_utf8);
                    from + at + space
                });
            let end = text[hyphen..]
                .find(char::is_whitespace)
                .map_or(text.len(), |at| hyphen + at);
            from = end;
            if keeps_whole(&text[start..end]) {
                return Some((start, end));
            }
        }
        None
    })
}

/// Where the next hyphen at or after byte `from` is: the minus, or the
/// Unicode hyphen (E2 80 90), found in one pass for either first byte.
/// Most texts have neither, so this is all they cost.
fn next_hyphen(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?.as_bytes();
    memchr::memchr2_iter(b'-', 0xE2, rest)
        .find(|&at| rest[at] == b'-' || rest[at..].starts_with("\u{2010}".as_bytes()))
        .map(|at| from + at)
}

/// [`escape_html`] into `out`, without a string of its own per word.
fn push_escaped(out: &mut String, text: &str) {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if text.bytes().fold(false, |seen, b| seen | special(b)) {
        out.push_str(&escape_html(text));
    } else {
        out.push_str(text);
    }
}

/// A hyphen a browser may break after: the hyphen-minus editors type, or
/// the Unicode hyphen.
fn is_hyphen(c: char) -> bool {
    c == '-' || c == '\u{2010}'
}

/// Whether `word` (without whitespace) joins letters or digits with a
/// hyphen, and is short enough to keep on one line.
fn keeps_whole(word: &str) -> bool {
    // Most words have no hyphen: that is all most of them cost.
    word.contains(is_hyphen)
        && word.chars().count() <= LONGEST
        && word.char_indices().any(|(at, c)| {
            is_hyphen(c)
                && word[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && word[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first way this was written: every word read in turn.
    fn word_by_word(text: &str) -> String {
        let mut out = String::new();
        let mut word_start = None;
        let push_word = |out: &mut String, word: &str| {
            if keeps_whole(word) {
                out.push_str(OPEN);
                push_escaped(out, word);
                out.push_str(CLOSE);
            } else {
                push_escaped(out, word);
            }
        };
        for (at, c) in text.char_indices() {
            match (c.is_whitespace(), word_start) {
                (true, Some(start)) => {
                    push_word(&mut out, &text[start..at]);
                    word_start = None;
                    out.push(c);
                }
                (true, None) => out.push(c),
                (false, None) => word_start = Some(at),
                (false, Some(_)) => {}
            }
        }
        if let Some(start) = word_start {
            push_word(&mut out, &text[start..]);
        }
        out
    }

    proptest! {
        #[test]
        fn hyphens_found_by_search_give_what_reading_every_word_gives(
            text in "[a-zđ0-9 \u{a0}\u{2003}\\-\u{2010}–&<\"/.,]{0,40}"
        ) {
            prop_assert_eq!(to_html(&text), word_by_word(&text));
            prop_assert_eq!(has_hyphenated_word(&text), word_by_word(&text).contains(OPEN));
        }
    }

    #[test]
    fn numbers_and_names_with_hyphens_are_kept_whole() {
        assert_eq!(
            to_html("dịch Covid-19, Kết luận 07-KL/TW và 30/2020/NĐ-CP."),
            "dịch <no-br>Covid-19,</no-br> Kết luận <no-br>07-KL/TW</no-br> và <no-br>30/2020/NĐ-CP.</no-br>"
        );
    }

    #[test]
    fn other_text_is_only_escaped() {
        let text = "Bà Rịa - Vũng Tàu, -5, a- b, <b>&\"";
        assert!(!has_hyphenated_word(text));
        assert_eq!(
            to_html(text),
            "Bà Rịa - Vũng Tàu, -5, a- b, &lt;b&gt;&amp;&quot;"
        );
        // Whitespace of any kind is kept as written.
        assert_eq!(to_html(" a\u{a0}b\n"), " a\u{a0}b\n");
    }

    #[test]
    fn escaped_inside_the_element() {
        assert_eq!(to_html("a&b-c"), "<no-br>a&amp;b-c</no-br>");
    }

    #[test]
    fn words_are_found_around_each_hyphen() {
        assert_eq!(
            to_html("a-b\u{a0}c–d e\u{2010}f -g h- i-j-k"),
            "<no-br>a-b</no-br>\u{a0}c–d <no-br>e\u{2010}f</no-br> -g h- <no-br>i-j-k</no-br>"
        );
        assert_eq!(to_html("-"), "-");
        assert_eq!(to_html(""), "");
        assert_eq!(to_html("x -y-z"), "x <no-br>-y-z</no-br>");
    }

    #[test]
    fn a_long_word_may_still_break() {
        let address = "https://example.org/van-ban-chi-dao-phong-chong-dich";
        assert!(!has_hyphenated_word(address));
        assert_eq!(to_html(address), address);
        assert!(has_hyphenated_word("x Covid-19"));
    }
}
