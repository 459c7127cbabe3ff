//! Where a body's links may lead. Content comes from many editors and from
//! OCR; a reader's browser must never run what a link says, so only web,
//! mail and telephone links leave the site (`javascript:`, `data:`,
//! `vbscript:` and every other scheme are refused).

use pulldown_cmark::{Event, Parser, Tag};

use super::OPTIONS;
use crate::diagnostic::{Position, Positions};

/// Schemes a link may have; a link without one stays within the site.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Whether a browser following `url` only navigates. Read the way browsers
/// read it: leading spaces and controls dropped, tabs and line breaks
/// removed anywhere (`java\tscript:` is `javascript:`), the scheme in any
/// case.
pub(crate) fn is_safe(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match scheme(&cleaned) {
        Some(scheme) => SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)),
        None => true,
    }
}

/// The scheme of `url`, if it has one: letters, digits, `+`, `-` and `.`
/// after a first letter, before a `:` that comes before any `/`, `?` or
/// `#`.
fn scheme(url: &str) -> Option<&str> {
    let end = url.find([':', '/', '?', '#'])?;
    let candidate = &url[..end];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (url[end..].starts_with(':')
        && first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(candidate)
}

/// A link or image of a body that leads somewhere it may not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsafeLink {
    pub(crate) url: String,
    /// Where it is written in the file.
    pub(crate) position: Position,
}

/// The unsafe links and images of a body that starts on line `first_line`
/// of its file.
pub fn unsafe_links(markdown: &str, first_line: usize) -> Vec<UnsafeLink> {
    // A link is written `[…](…)`, `<…>` or with a definition `[…]: …`;
    // most bodies have none, and need no parse for this.
    if !may_hold_link(markdown) {
        return Vec::new();
    }
    let mut positions = Positions::in_file(markdown, first_line);
    Parser::new_ext(markdown, OPTIONS)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe(&dest_url) =>
            {
                Some(UnsafeLink {
                    url: dest_url.into_string(),
                    position: positions.at(range.start),
                })
            }
            _ => None,
        })
        .collect()
}

/// Whether `markdown` has `](`, `]:` or `<`: found in one vectorised
/// pass over the body, where three searches took three.
pub(crate) fn may_hold_link(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    memchr::memchr2_iter(b']', b'<', bytes)
        .any(|at| bytes[at] == b'<' || matches!(bytes.get(at + 1), Some(b'(' | b':')))
}

/// Whether `markdown` may define a link (`[name]: …`), which can change
/// what an earlier paragraph reads: a `]` followed by a colon, looked for
/// by `]`, which is rare in a body.
pub(crate) fn may_define_link(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    memchr::memchr_iter(b']', bytes).any(|at| bytes.get(at + 1) == Some(&b':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_is_looked_for_by_its_marks() {
        for (text, link) in [
            ("[a](b)", true),
            ("[a]: b", true),
            ("x <b> y", true),
            ("[a] b", false),
            ("a] (b)", false),
            ("văn bản]", false),
            ("", false),
        ] {
            let three = text.contains("](") || text.contains("]:") || text.contains('<');
            assert_eq!(may_hold_link(text), link, "{text:?}");
            assert_eq!(three, link, "{text:?}");
            assert_eq!(may_define_link(text), text.contains("]:"), "{text:?}");
        }
    }

    #[test]
    fn web_mail_phone_and_site_links_are_safe() {
        for url in [
            "https://chinhphu.vn/",
            "HTTP://x.vn",
            "mailto:vanthu@x.vn",
            "tel:+84241234567",
            "/2021/07-kl-tw/",
            "../x/",
            "#diem-3-2",
            "van-ban.html?a=b:c",
            "a/b:c",
            "",
        ] {
            assert!(is_safe(url), "{url}");
        }
    }

    #[test]
    fn script_and_other_schemes_are_not_in_any_disguise() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe(url), "{url:?}");
        }
    }

    #[test]
    fn unsafe_links_are_found_where_they_are_written() {
        let md = "Mở đầu.\n\nXem [đây](javascript:alert(1)) và ![ảnh](data:image/svg+xml,x).\n\n[ref]: jav&#x61;script:alert(2)\n\nTheo [ref] và [trang](/x/).\n";
        let found = unsafe_links(md, 5);
        let urls: Vec<(&str, Position)> =
            found.iter().map(|u| (u.url.as_str(), u.position)).collect();
        assert_eq!(
            urls,
            [
                ("javascript:alert(1)", Position::new(7, 5)),
                ("data:image/svg+xml,x", Position::new(7, 35)),
                ("javascript:alert(2)", Position::new(11, 6)),
            ]
        );
    }
}
