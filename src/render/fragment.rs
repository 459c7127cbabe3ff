//! Text rendered once and written into many pages. A directive's timeline
//! entry is rendered once per build and shows on the timeline and on each
//! filtered timeline it belongs to; only where its ties link differs from
//! page to page. Tera renders text, not structure, so the places left
//! open are marked with characters content cannot hold (control
//! characters are refused when files are read), and this module, the only
//! one that knows the marks, turns them into typed parts at once.

use std::ops::Range;
use std::sync::Arc;

/// A part of a file's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Owned(Vec<u8>),
    /// Bytes `range` of a text shared with other files.
    Part(Arc<str>, Range<usize>),
}

impl Piece {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            Piece::Owned(bytes) => bytes,
            Piece::Part(text, range) => &text.as_bytes()[range.clone()],
        }
    }
}

/// Marks a link a page fills in: the mark, the directive's index, the mark.
const TIE: char = '\u{1}';
/// Marks where a page puts a fragment rendered elsewhere.
const SLOT: &str = "\u{2}";

/// What a template is given for the link of a tie to directive `target`,
/// to be filled in by each page (see [`Fragment::fill`]).
pub(crate) fn tie(target: usize) -> String {
    format!("{TIE}{target}{TIE}")
}

/// What a page's template is given in place of a fragment: the page is
/// written with the fragment there (see [`fill_slots`]), so the fragment's
/// HTML is copied neither into the template's values nor into the page.
pub(crate) const fn slot() -> &'static str {
    SLOT
}

/// One part of a [`Fragment`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Bytes of the fragment's text, as rendered.
    Piece(Range<usize>),
    /// The link of a tie to this directive.
    Hole(usize),
}

/// A text rendered once, with holes for the links that differ by page.
#[derive(Debug, Clone)]
pub(crate) struct Fragment {
    text: Arc<str>,
    parts: Vec<Part>,
}

impl Fragment {
    /// `text` as rendered with [`tie`]s, its marks read into holes.
    pub(crate) fn new(text: String) -> Fragment {
        let text: Arc<str> = Arc::from(text);
        let mut parts = Vec::new();
        let mut start = 0;
        let mut rest = &text[..];
        while let Some((before, after)) = rest.split_once(TIE) {
            let Some((target, tail)) = after.split_once(TIE) else {
                break;
            };
            let Ok(target) = target.parse::<usize>() else {
                break;
            };
            parts.push(Part::Piece(start..start + before.len()));
            parts.push(Part::Hole(target));
            start = text.len() - tail.len();
            rest = tail;
        }
        parts.push(Part::Piece(start..text.len()));
        Fragment { text, parts }
    }

    /// The pieces to write: the text shared, each hole the link `href_of`
    /// gives, escaped as the template would have.
    pub(crate) fn fill(&self, href_of: &dyn Fn(usize) -> String) -> Vec<Piece> {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Piece(range) => Piece::Part(Arc::clone(&self.text), range.clone()),
                Part::Hole(target) => {
                    let mut escaped = Vec::new();
                    // Writing to a Vec cannot fail, and escaping keeps UTF-8.
                    let _ = tera::escape_html(&href_of(*target), &mut escaped);
                    Piece::Owned(escaped)
                }
            })
            .collect()
    }
}

/// `page`, rendered with a [`slot`] for each of `fills`, as the pieces to
/// write: the slots replaced by the fills, in order. `None` if the slots
/// and the fills do not pair up (a template that leaves out or repeats a
/// fragment).
pub(crate) fn fill_slots(page: Vec<u8>, fills: Vec<Vec<Piece>>) -> Option<Vec<Piece>> {
    const MARK: u8 = SLOT.as_bytes()[0];
    let mut pieces = Vec::with_capacity(4 * fills.len() + 1);
    let mut fills = fills.into_iter();
    let mut rest = page.as_slice();
    while let Some(at) = memchr::memchr(MARK, rest) {
        pieces.push(Piece::Owned(rest[..at].to_vec()));
        pieces.extend(fills.next()?);
        rest = &rest[at + 1..];
    }
    pieces.push(Piece::Owned(rest.to_vec()));
    fills.next().is_none().then_some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| String::from_utf8_lossy(p.bytes()).into_owned())
            .collect()
    }

    #[test]
    fn ties_are_filled_per_page_and_escaped() {
        let fill = |html: &str, href_of: &dyn Fn(usize) -> String| -> String {
            text(&Fragment::new(html.to_owned()).fill(href_of))
        };
        let html = format!("<a href=\"{}\">a</a> <a href=\"{}\">b</a>", tie(3), tie(12));
        let href_of = |t: usize| match t {
            3 => "#vb-2021-07-kl-tw".to_owned(),
            _ => "/a?b=1&c=\"2\"".to_owned(),
        };
        assert_eq!(
            fill(&html, &href_of),
            "<a href=\"#vb-2021-07-kl-tw\">a</a> <a href=\"/a?b=1&amp;c=&quot;2&quot;\">b</a>"
        );
        // Text without marks, or with a mark left open, is kept.
        assert_eq!(fill("Tháng 1", &href_of), "Tháng 1");
        assert_eq!(fill("x\u{1}7", &href_of), "x\u{1}7");
        // The entry's text is shared, not copied.
        assert!(matches!(
            Fragment::new("abc".to_owned()).fill(&href_of)[..],
            [Piece::Part(_, _)]
        ));
    }

    #[test]
    fn slots_take_each_fill_in_order() {
        let page = format!("<ol>{SLOT}{SLOT}</ol><p>{SLOT}</p>").into_bytes();
        let shared: Arc<str> = Arc::from("<li>a</li>c");
        let fills = vec![
            vec![Piece::Part(Arc::clone(&shared), 0..10)],
            vec![Piece::Owned(b"<li>b</li>".to_vec())],
            vec![Piece::Part(shared, 10..11)],
        ];
        let pieces = fill_slots(page, fills).unwrap();
        assert_eq!(text(&pieces), "<ol><li>a</li><li>b</li></ol><p>c</p>");
    }

    #[test]
    fn slots_and_fills_must_pair_up() {
        let one = || vec![vec![Piece::Owned(b"x".to_vec())]];
        assert!(fill_slots(b"no slot".to_vec(), one()).is_none(), "left out");
        let twice = format!("{SLOT}{SLOT}").into_bytes();
        assert!(fill_slots(twice, one()).is_none(), "twice");
        assert_eq!(
            text(&fill_slots(b"page".to_vec(), Vec::new()).unwrap()),
            "page"
        );
    }
}
