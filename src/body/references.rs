//! Document numbers written in running text: Party style `07-KL/TW`,
//! state style `4162/VPCP-TKBT` or `16/CT-TTg`, with a year
//! `30/2020/NĐ-CP`, as real text prints them (stray spaces, en-dashes,
//! `D` for `Đ`). Dates (`11/6/2021`, `30-5-2019`), fractions and times have
//! no letters after their slash or dash and are never numbers.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use regex::Regex;

use super::OPTIONS;
use crate::diagnostic::Positions;
use crate::model::WrittenNumber;
use crate::vietnamese;

/// A document number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the number in the text searched.
    pub range: Range<usize>,
    /// The number tidied: spaces around `/` and `-` removed, every dash a
    /// hyphen; letters as written.
    pub(crate) number: String,
    /// `3.2` when the text says "điểm 3.2 … <number>".
    pub(crate) point: Option<String>,
}

// One symbol segment: an upper-case letter, then upper-case letters or
// digits, and at most one trailing lower-case letter (`TTg`). A segment
// after a dash needs two characters before that, so "07-KL/TW - Hà Nội"
// stops at TW.
const FIRST: &str = r"\p{Lu}[\p{Lu}\d]*\p{Ll}?";
const NEXT: &str = r"\p{Lu}[\p{Lu}\d]+\p{Ll}?";
const SPACE: &str = r"[ \u{a0}]?";
const DASH: &str = r"[-\u{2010}-\u{2015}\u{2212}]";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let symbol = format!("{FIRST}(?:{SPACE}{DASH}{SPACE}{NEXT})*");
    let pattern = format!(
        r"(?P<num>\d{{1,5}})(?:{SPACE}{DASH}{SPACE}(?P<kind>\p{{Lu}}[\p{{Lu}}\d]*){SPACE}/{SPACE}(?P<party>{symbol})|(?:{SPACE}/{SPACE}(?P<year>(?:19|20)\d\d))?{SPACE}/{SPACE}(?P<state>{symbol}))"
    );
    // The pattern is a constant; a failure here is a programming error
    // caught by every test that detects a number.
    Regex::new(&pattern).expect("the number pattern is valid")
});

static POINT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)điểm\s+(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+[\p{L}]+){0,6}\s+$")
        .expect("the point pattern is valid")
});

/// Compiles the patterns numbers are found with. Their Unicode classes
/// take tens of milliseconds of one core to compile, and every worker that
/// reads a file meanwhile waits for them: a build starts this beside its
/// walk of the content folder, which needs no pattern.
pub(crate) fn compile_patterns() {
    LazyLock::force(&NUMBER);
    LazyLock::force(&POINT_BEFORE);
}

/// Every document number in `text`, in order, never overlapping.
pub fn find(text: &str) -> Vec<Mention> {
    // Most text has no slash, or only those of dates and "và/hoặc".
    if !may_hold_number(text) {
        return Vec::new();
    }
    // The fast search finds where numbers are; the groups are read only
    // for those (the same leftmost match, so the same groups).
    NUMBER
        .find_iter(text)
        .filter_map(|found| {
            if !stands_alone(text, found.range()) {
                return None;
            }
            let whole = found;
            let (symbol, state) = symbol_of(whole.as_str());
            // A state-style symbol of one short word ("12/Hà") is not a number.
            let letters = symbol.chars().filter(|c| c.is_uppercase()).count();
            if state && letters < 2 {
                return None;
            }
            let before = &text[..whole.start()];
            let window = before
                .char_indices()
                .rev()
                .nth(80)
                .map_or(before, |(i, _)| &before[i..]);
            let point = says_diem(window)
                .then(|| POINT_BEFORE.captures(window))
                .flatten()
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_owned());
            Some(Mention {
                range: whole.range(),
                number: tidy(whole.as_str()),
                point,
            })
        })
        .collect()
}

/// The symbol of a number the pattern matched (`KL/TW` of `07-KL/TW`,
/// `NĐ-CP` of `30/2020/NĐ-CP`), and whether it is a state-style number:
/// read from the match itself rather than by running the pattern again
/// for its groups. A symbol holds no slash, so it follows the last one;
/// only the Party's numbers have a dash right after their digits.
fn symbol_of(number: &str) -> (&str, bool) {
    let spaces: &[char] = &[' ', '\u{a0}'];
    let symbol = number
        .rsplit_once('/')
        .map_or(number, |(_, symbol)| symbol)
        .trim_start_matches(spaces);
    // The pattern's `\d` is any decimal digit, not only ASCII's; a digit
    // is never a space, dash or slash, so this stops where the digits do.
    let after_digits = number
        .trim_start_matches(char::is_numeric)
        .trim_start_matches(spaces);
    let party = after_digits.starts_with(is_dash);
    (symbol, !party)
}

/// Whether `c` is a dash as [`DASH`] matches one: the hyphen-minus, the
/// Unicode hyphens and dashes, and the minus sign.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Whether `text` has the word "điểm" in any case. It has `ể` or `Ể`
/// if it does (text is NFC): looked for first, since most text before a
/// number has neither and lower-casing it all for every number was a
/// third of finding them.
fn says_diem(text: &str) -> bool {
    // Searchers set up once, not for every number.
    static SMALL: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("ể"));
    static CAPITAL: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("Ể"));
    let has = |finder: &memchr::memmem::Finder<'_>| finder.find(text.as_bytes()).is_some();
    (has(&SMALL) || has(&CAPITAL)) && text.to_lowercase().contains("điểm")
}

/// Whether `text` has what every number has: a slash followed by an
/// upper-case letter, at most one space between (the symbol's start). A
/// quick look before the full pattern, which is slow to run over text.
fn may_hold_number(text: &str) -> bool {
    memchr::memchr_iter(b'/', text.as_bytes()).any(|at| {
        let mut after = text[at + 1..].chars();
        let next = match after.next() {
            Some(' ' | '\u{a0}') => after.next(),
            other => other,
        };
        next.is_some_and(char::is_uppercase)
    })
}

/// Not glued to a longer token: no letter, digit, `/`, `-` or `.` right
/// before; no letter or digit right after.
fn stands_alone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let glued_before =
        before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '_'));
    let glued_after = after.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '_');
    !glued_before && !glued_after
}

/// A number as it should be written: no spaces, every dash a hyphen.
pub(crate) fn tidy(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect()
}

/// The comparison form of a document number: folded (case, diacritics,
/// `Đ` → `D`), without spaces, every dash a hyphen.
pub(crate) fn number_key(number: &str) -> String {
    vietnamese::fold(&tidy(number))
}

/// The numbers written in a body that starts on line `first_line` of its
/// file, each with its place in the file: all that linking needs of the
/// text, so the text need not be kept for it.
pub fn written_in(markdown: &str, first_line: usize) -> Vec<WrittenNumber> {
    let mut positions = Positions::in_file(markdown, first_line);
    in_markdown(markdown)
        .into_iter()
        .map(|located| WrittenNumber {
            number: located.mention.number,
            position: positions.at(located.offset),
            point: located.mention.point,
        })
        .collect()
}

/// A mention in a Markdown body, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub(crate) mention: Mention,
    pub(crate) offset: usize,
}

/// Every number in the running text of `markdown`: code spans, code
/// blocks, links and raw HTML are left alone.
pub fn in_markdown(markdown: &str) -> Vec<Located> {
    // Text holds the source's characters, but for entities (`&#47;` is a
    // slash) and escapes (which only remove backslashes): a body without
    // entities and without a number's slash needs no parse.
    let entity = memchr::memchr(b'&', markdown.as_bytes()).is_some();
    if !entity && !may_hold_number(markdown) {
        return Vec::new();
    }
    if is_plain_text(markdown) {
        return line_mentions(markdown);
    }
    parsed_mentions(markdown)
}

/// Whether `markdown` is paragraphs, headings, list items and tables of
/// plain text: no character that opens code, a link, HTML, an entity, an
/// escape, an image, emphasis or heading attributes, and no line indented
/// as code. Its text events are then its lines (or table cells), less
/// their block markers, which no number contains: a number is found in
/// the lines as in the events, at the same offsets, and the parse (most
/// of the time spent here) can be skipped.
fn is_plain_text(markdown: &str) -> bool {
    // A byte at a time from a table, the bytes' answers gathered with no
    // branch: this reads every byte of every body, and the thirteen
    // comparisons a byte that the table replaces were 2 % of a build's
    // instructions.
    let has_markup = markdown
        .as_bytes()
        .iter()
        .fold(0u8, |seen, &b| seen | MARKUP[usize::from(b)])
        != 0;
    let code = |(_, line): (usize, &str)| line.starts_with('\t') || line.starts_with("    ");
    !has_markup && !lines(markdown).any(code)
}

/// The bytes that open code, a link, HTML, an entity, an escape, an
/// image, emphasis or heading attributes (see [`is_plain_text`]).
const MARKUP_BYTES: &[u8; 13] = b"`[]<>&!\\*_~{}";

/// 1 for each of [`MARKUP_BYTES`], 0 for every other byte.
static MARKUP: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < MARKUP_BYTES.len() {
        table[MARKUP_BYTES[i] as usize] = 1;
        i += 1;
    }
    table
};

/// The lines of `text`, each with its offset, found by a vectorised search.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    ends.map(move |end| {
        let line = (start, &text[start..end]);
        start = end + 1;
        line
    })
}

/// [`parsed_mentions`] for plain text ([`is_plain_text`]): each line is
/// searched as the parser's text event for it would be.
fn line_mentions(markdown: &str) -> Vec<Located> {
    let mut found = Vec::new();
    for (start, line) in lines(markdown) {
        for mention in find(line) {
            let offset = start + mention.range.start;
            found.push(Located { mention, offset });
        }
    }
    found
}

fn parsed_mentions(markdown: &str) -> Vec<Located> {
    let mut found = Vec::new();
    let mut in_code = false;
    let mut in_link = 0usize;
    for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(text) if !in_code && in_link == 0 => {
                // Where the text is the source as written, offsets map one
                // to one; an escape or entity inside shifts them a little,
                // which only moves a warning's column.
                let exact = markdown.get(range.clone()) == Some(&*text);
                for mention in find(&text) {
                    let offset = if exact {
                        range.start + mention.range.start
                    } else {
                        range.start
                    };
                    found.push(Located { mention, offset });
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn numbers(text: &str) -> Vec<String> {
        find(text).into_iter().map(|m| m.number).collect()
    }

    #[test]
    fn plain_text_is_told_by_every_byte_that_opens_markup() {
        for byte in 0..=0x7Fu8 {
            let text = format!("Số 07-KL/TW{}ngày", char::from(byte));
            let opens_markup = matches!(
                byte,
                b'`' | b'['
                    | b']'
                    | b'<'
                    | b'>'
                    | b'&'
                    | b'!'
                    | b'\\'
                    | b'*'
                    | b'_'
                    | b'~'
                    | b'{'
                    | b'}'
            );
            assert_eq!(is_plain_text(&text), !opens_markup, "{byte:#x}");
        }
        assert!(is_plain_text("Nghị định 30/2020/NĐ-CP “về việc” – «x»"));
        assert!(!is_plain_text("    mã\n"));
    }

    #[test]
    fn real_world_strings() {
        let cases: &[(&str, &[&str])] = &[
            (
                "văn bản số 07-KL/TW ngày 11 tháng 6 năm 2021",
                &["07-KL/TW"],
            ),
            ("Thông báo 10-TB/VPTW.", &["10-TB/VPTW"]),
            (
                "(Báo cáo số 1354-BC/BCSĐCP, ngày 19/3/2020)",
                &["1354-BC/BCSĐCP"],
            ),
            ("Công văn 571-CV/TU;", &["571-CV/TU"]),
            ("Số: 4162/VPCP-TKBT", &["4162/VPCP-TKBT"]),
            ("Số 4162/VPCP-TKBT", &["4162/VPCP-TKBT"]),
            ("Chỉ thị 16/CT-TTg ngày 31/3/2020", &["16/CT-TTg"]),
            ("(Báo cáo số 234/BC-BCSD, ngày 23/8/2021)", &["234/BC-BCSD"]),
            (
                "Nghị định 30/2020/NĐ-CP về công tác văn thư",
                &["30/2020/NĐ-CP"],
            ),
            ("Luật 03/2007/QH12.", &["03/2007/QH12"]),
            ("Quyết định 447/QD-TTg", &["447/QD-TTg"]),
            ("Số 67 - BS/TU", &["67-BS/TU"]),
            ("Số 129 – BS/VPTU", &["129-BS/VPTU"]),
            ("số 4162 / VPCP - TKBT,", &["4162/VPCP-TKBT"]),
            (
                "Công văn 123/UBND-VX và 45/SYT-NVY",
                &["123/UBND-VX", "45/SYT-NVY"],
            ),
            ("Lệnh 12/L-CTN", &["12/L-CTN"]),
            ("07-KL/TW - Hà Nội", &["07-KL/TW"]),
            (
                "Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị",
                &["35-CT/TW"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(numbers(text), *expected, "in {text:?}");
        }
    }

    #[test]
    fn not_numbers() {
        for text in [
            "ngày 11/6/2021",
            "GIỜ NGÀY 16/6/21",
            "ngày 30-5-2019",
            "một nửa (1/2) số ca",
            "lúc 10:30, trang 3/10",
            "Covid-19 và HIV/AIDS",
            "nhiệm kỳ 2021 - 2026",
            "12/Hà Nội",
            "F0/F1",
            "tỷ lệ 24/7",
            "x1/BC-A",
            "4 tại chỗ",
        ] {
            assert_eq!(numbers(text), Vec::<String>::new(), "in {text:?}");
        }
    }

    #[test]
    fn dates_and_word_pairs_are_passed_over_without_the_full_pattern() {
        assert!(!may_hold_number("ngày 20/3/2020, cá nhân và/hoặc tổ chức"));
        assert!(may_hold_number("Chỉ thị 16/CT-TTg"));
        assert!(may_hold_number("Kết luận 07-KL/ TW"));
        assert!(may_hold_number("Nghị định 30/2020/\u{a0}NĐ-CP"));
    }

    #[test]
    fn a_dash_is_what_the_pattern_takes_for_one() {
        let dash = Regex::new(&format!("^{DASH}$")).unwrap();
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(
                is_dash(c),
                dash.is_match(&c.to_string()),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn points_cited_with_a_number() {
        let found = find("theo điểm 3.2 Kết luận 07-KL/TW và điểm 2 của Thông báo số 10-TB/VPTW");
        assert_eq!(found[0].point.as_deref(), Some("3.2"));
        assert_eq!(found[1].point.as_deref(), Some("2"));
        assert_eq!(find("Kết luận 07-KL/TW")[0].point, None);
        let upper = find("THEO ĐIỂM 3.2 KẾT LUẬN 07-KL/TW, Điểm 4 Kết luận 08-KL/TW");
        assert_eq!(upper[0].point.as_deref(), Some("3.2"));
        assert_eq!(upper[1].point.as_deref(), Some("4"));
    }

    proptest::proptest! {
        #[test]
        fn detection_never_panics_and_never_overlaps(text in "\\PC{0,200}") {
            check_spans(&text);
        }

        #[test]
        fn a_numbers_symbol_is_read_as_the_patterns_groups_read_it(
            text in "[0-9０-９]{1,5}( ?[-–] ?[A-ZĐ][A-ZĐ0-9]{0,3} ?/ ?| ?/ ?(20[0-9]{2} ?/ ?)?)[A-ZĐ][A-ZĐ0-9]{0,3}[a-z]?( ?[-‐] ?[A-ZĐ][A-ZĐ0-9]{1,3}[a-z]?){0,2}"
        ) {
            for found in NUMBER.find_iter(&text) {
                let groups = NUMBER.captures(found.as_str()).expect("a match matches");
                let symbol = groups.name("party").or(groups.name("state")).expect("a symbol");
                proptest::prop_assert_eq!(
                    symbol_of(found.as_str()),
                    (symbol.as_str(), groups.name("state").is_some())
                );
            }
        }

        #[test]
        fn diem_is_found_in_any_case_as_lower_casing_finds_it(
            text in "([đĐdDiIểỂêÊeEmM ]|điểm|ĐIỂM|Điểm|ĐiỂm){0,12}"
        ) {
            proptest::prop_assert_eq!(says_diem(&text), text.to_lowercase().contains("điểm"));
        }

        #[test]
        fn number_like_noise_is_handled(text in "[0-9A-ZĐa-zđ /\\-–.,:()\u{a0}]{0,120}") {
            check_spans(&text);
        }

        #[test]
        fn markdown_noise_is_handled(text in "[0-9A-ZĐa-z /\\-\n`*_\\[\\]()<>&#;\u{a0}]{0,160}") {
            check_spans(&text);
        }

        #[test]
        fn plain_markdown_is_read_as_the_parser_reads_it(
            text in "( {0,3}(#{1,3} |[-+] |[0-9]{1,2}[.)] )?(điểm [0-9](\\.[0-9])? |[0-9]{1,3} ?[-/] ?[A-ZĐ]{1,3}[/-][A-ZĐ]{1,3}[a-z]? |[0-9A-ZĐa-zđ /\\-–.,()|\u{a0}]{0,20}){1,4}\n{0,2}){0,8}"
        ) {
            check_spans(&text);
        }
    }

    /// Where each mention is, what it says and the point it names: what
    /// linking reads of a [`Located`].
    fn places(found: Vec<Located>) -> Vec<(usize, String, Option<String>)> {
        found
            .into_iter()
            .map(|l| (l.offset, l.mention.number, l.mention.point))
            .collect()
    }

    fn check_spans(text: &str) {
        // The quick look never hides a number from the full pattern.
        if !may_hold_number(text) {
            assert_eq!(NUMBER.find(text), None, "{text:?}");
        }
        let found = find(text);
        let mut end = 0;
        for m in &found {
            assert!(m.range.start >= end, "overlap in {text:?}: {found:?}");
            assert!(m.range.start < m.range.end);
            assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
            end = m.range.end;
        }
        // Plain text is searched line by line, with the same results.
        assert_eq!(
            places(in_markdown(text)),
            places(parsed_mentions(text)),
            "{text:?}"
        );
    }

    #[test]
    fn number_keys_fold_case_diacritics_dashes_and_spaces() {
        assert_eq!(number_key("07-KL/TW"), number_key("07 - kl/tw"));
        assert_eq!(number_key("447/QĐ-TTg"), number_key("447/QD-TTG"));
        assert_eq!(number_key("67 – BS/TU"), number_key("67-BS/TU"));
    }

    #[test]
    fn code_links_and_html_are_left_alone() {
        let md = "Theo `07-KL/TW` và [16/CT-TTg](/x/) và 10-TB/VPTW.\n\n```\n4162/VPCP-TKBT\n```\n";
        let found = in_markdown(md);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].mention.number, "10-TB/VPTW");
        assert_eq!(&md[found[0].offset..found[0].offset + 10], "10-TB/VPTW");
    }

    #[test]
    fn plain_text_with_tables_and_lists_is_read_without_the_parser() {
        let md = "## Căn cứ 07-KL/TW\n\n1. Thực hiện điểm 3.2 Chỉ thị 16/CT-TTg;\n   tiếp theo 4162/VPCP-TKBT.\n\n| Văn bản | Ghi chú |\n|---|---:|\n| 10-TB/VPTW | theo điểm 2 của 30/2020/NĐ-CP |\n";
        assert!(is_plain_text(md));
        let by_lines = places(in_markdown(md));
        assert_eq!(by_lines.len(), 5);
        assert_eq!(by_lines, places(parsed_mentions(md)));
        assert!(!is_plain_text("Theo `07-KL/TW`."));
        assert!(!is_plain_text("Mở đầu.\n\n    07-KL/TW\n"));
    }

    #[test]
    fn written_numbers_carry_their_place_in_the_file() {
        // The body starts on line 6 of its file.
        let md = "Căn cứ Kết luận 07-KL/TW;\n\n2. Thực hiện\nCông văn số 4162/VPCP-TKBT.\n";
        let found = written_in(md, 6);
        let places: Vec<(&str, Position)> = found
            .iter()
            .map(|w| (w.number.as_str(), w.position))
            .collect();
        assert_eq!(
            places,
            [
                ("07-KL/TW", Position::new(6, 17)),
                ("4162/VPCP-TKBT", Position::new(9, 13))
            ]
        );
    }
}
