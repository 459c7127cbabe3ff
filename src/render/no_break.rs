//! Numbers and names with hyphens (Covid-19, 07-KL/TW, 30/2020/NĐ-CP) kept
//! on one line. Browsers may end a line after a hyphen, so a reader sees
//! "Covid-" at the end of one line and "19" at the start of the next. Each
//! such word is put in a `<span class="nowrap">`, which the theme's
//! stylesheet gives `white-space: nowrap`, rather than having its hyphen
//! replaced by a no-break hyphen (U+2011): the text stays as written, so a
//! reader who copies it, the browser's find and the site's search all
//! still see "Covid-19".

use super::output::escape_html;

/// What opens a word kept on one line.
const OPEN: &str = "<span class=\"nowrap\">";
const CLOSE: &str = "</span>";

/// The longest word, in characters, kept on one line: a longer one (a web
/// address, say) may still break, so that no page is wider than a phone.
const LONGEST: usize = 24;

/// Whether `text` has a word to keep on one line.
pub(crate) fn has_hyphenated_word(text: &str) -> bool {
    text.contains(is_hyphen) && text.split(char::is_whitespace).any(keeps_whole)
}

/// `text` as escaped HTML, each hyphenated word in a
/// `<span class="nowrap">`.
pub(crate) fn to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut word_start = None;
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

fn push_word(out: &mut String, word: &str) {
    if keeps_whole(word) {
        out.push_str(OPEN);
        push_escaped(out, word);
        out.push_str(CLOSE);
    } else {
        push_escaped(out, word);
    }
}

/// [`escape_html`] into `out`, without a string of its own per word.
fn push_escaped(out: &mut String, text: &str) {
    if text.contains(['&', '<', '>', '"', '\'']) {
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

    #[test]
    fn numbers_and_names_with_hyphens_are_kept_whole() {
        assert_eq!(
            to_html("dịch Covid-19, Kết luận 07-KL/TW và 30/2020/NĐ-CP."),
            "dịch <span class=\"nowrap\">Covid-19,</span> Kết luận <span class=\"nowrap\">07-KL/TW</span> và <span class=\"nowrap\">30/2020/NĐ-CP.</span>"
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
    fn escaped_inside_the_span() {
        assert_eq!(to_html("a&b-c"), "<span class=\"nowrap\">a&amp;b-c</span>");
    }

    #[test]
    fn a_long_word_may_still_break() {
        let address = "https://example.org/van-ban-chi-dao-phong-chong-dich";
        assert!(!has_hyphenated_word(address));
        assert_eq!(to_html(address), address);
        assert!(has_hyphenated_word("x Covid-19"));
    }
}
