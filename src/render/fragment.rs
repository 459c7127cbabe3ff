//! Text rendered once and written into many pages. A directive's timeline
//! entry is rendered once per build and shows on the timeline and on each
//! filtered timeline it belongs to; only where its ties link differs from
//! page to page, and which of its optional parts a page shows. Tera
//! renders text, not structure, so the places left open are marked with
//! characters content cannot hold (control characters are refused when
//! files are read), and this module, the only one that knows the marks,
//! turns them into typed parts at once.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

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
/// Marks the bounds of an [`Optional`] part: the mark and the part's
/// letter, before the part and again after it.
const OPTIONAL: char = '\u{3}';

/// A part of a timeline entry that a page may leave out, so that one
/// rendering serves both the month's page, which shows all of it, and a
/// filtered timeline, which lists the entry compactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Optional {
    /// The entry's anchor, needed only where something links to it.
    Anchor,
    /// The issuer's name, which the timeline of that issuer need not
    /// repeat on every line.
    Issuer,
    /// The entry's ties to others: the month's page and the directive's
    /// own page show them.
    Ties,
}

impl Optional {
    fn from_letter(letter: char) -> Option<Optional> {
        match letter {
            'a' => Some(Optional::Anchor),
            'i' => Some(Optional::Issuer),
            't' => Some(Optional::Ties),
            _ => None,
        }
    }
}

/// The marks of the optional parts as a template sees them: a template
/// writes `{{ e.optional.ties }}` before the ties and again after them.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Marks {
    pub(crate) anchor: &'static str,
    pub(crate) issuer: &'static str,
    pub(crate) ties: &'static str,
}

/// Each part's mark: [`OPTIONAL`] and the letter [`Optional::from_letter`] reads.
pub(crate) const MARKS: Marks = Marks {
    anchor: "\u{3}a",
    issuer: "\u{3}i",
    ties: "\u{3}t",
};

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

/// One part of a [`Fragment`], and the optional part it lies in, if any.
/// Offsets and directives fit in `u32` (an entry is a few hundred bytes),
/// which keeps a part at 12 bytes: a large archive holds millions.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// Bytes `start..end` of the fragment's text.
    Text {
        start: u32,
        end: u32,
        within: Option<Optional>,
    },
    /// The link of a tie to this directive.
    Hole {
        target: u32,
        within: Option<Optional>,
    },
}

/// A text rendered once, with holes for the links that differ by page and
/// optional parts a page may leave out.
#[derive(Debug, Clone)]
pub(crate) struct Fragment {
    /// The text without its marks: what is kept on both sides of a part
    /// left out, or of a hole, is contiguous, so a page that shows all of
    /// it writes it in as few pieces as there are holes.
    text: Arc<str>,
    parts: Vec<Part>,
}

impl Fragment {
    /// `rendered` as Tera wrote it, with [`tie`]s and [`Optional`] marks:
    /// its marks read into holes and parts. A tie left open, or a mark of
    /// one part inside another, and what follows it, is kept as text; a
    /// part never closed is not optional, so a template that forgets a
    /// mark shows too much rather than too little.
    pub(crate) fn new(rendered: String) -> Fragment {
        if !rendered.contains([TIE, OPTIONAL]) {
            let end = offset(rendered.len());
            return Fragment {
                text: Arc::from(rendered),
                parts: vec![Part::Text {
                    start: 0,
                    end,
                    within: None,
                }],
            };
        }
        let mut text = String::with_capacity(rendered.len());
        let mut parts = Vec::new();
        let mut push_text = |s: &str, within: Option<Optional>, parts: &mut Vec<Part>| {
            if !s.is_empty() {
                let start = offset(text.len());
                text.push_str(s);
                parts.push(Part::Text {
                    start,
                    end: offset(text.len()),
                    within,
                });
            }
        };
        let mut within: Option<Optional> = None;
        // Where the part open now begins among `parts`.
        let mut opened = 0;
        let mut rest = rendered.as_str();
        while let Some(at) = rest.find([TIE, OPTIONAL]) {
            let (before, from) = rest.split_at(at);
            // Both marks, and the parts' letters, are one byte long.
            let after = &from[1..];
            let (hole, tail, next) = if from.starts_with(TIE) {
                let Some((target, tail)) = after.split_once(TIE) else {
                    break;
                };
                let Ok(target) = target.parse::<u32>() else {
                    break;
                };
                (Some(target), tail, within)
            } else {
                let Some(part) = after.chars().next().and_then(Optional::from_letter) else {
                    break;
                };
                let next = match within {
                    None => Some(part),
                    Some(open) if open == part => None,
                    // Parts do not nest.
                    Some(_) => break,
                };
                (None, &after[1..], next)
            };
            push_text(before, within, &mut parts);
            if let Some(target) = hole {
                parts.push(Part::Hole { target, within });
            }
            if within.is_none() && next.is_some() {
                opened = parts.len();
            }
            within = next;
            rest = tail;
        }
        push_text(rest, within, &mut parts);
        if within.is_some() {
            for part in &mut parts[opened..] {
                match part {
                    Part::Text { within, .. } | Part::Hole { within, .. } => *within = None,
                }
            }
        }
        Fragment {
            text: Arc::from(text),
            parts,
        }
    }

    /// The pieces to write: the text shared, each hole the link `href_of`
    /// gives, escaped as the template would have, without the parts in
    /// `leave_out`.
    pub(crate) fn fill(
        &self,
        href_of: &dyn Fn(usize) -> String,
        leave_out: &[Optional],
    ) -> Vec<Piece> {
        let shown = |within: &Option<Optional>| within.is_none_or(|p| !leave_out.contains(&p));
        let mut pieces: Vec<Piece> = Vec::new();
        for part in &self.parts {
            match part {
                Part::Text { start, end, within } if shown(within) => {
                    let (start, end) = (*start as usize, *end as usize);
                    match pieces.last_mut() {
                        Some(Piece::Part(_, range)) if range.end == start => range.end = end,
                        _ => pieces.push(Piece::Part(Arc::clone(&self.text), start..end)),
                    }
                }
                Part::Hole { target, within } if shown(within) => {
                    let mut escaped = Vec::new();
                    // Writing to a Vec cannot fail, and escaping keeps UTF-8.
                    let _ = tera::escape_html(&href_of(*target as usize), &mut escaped);
                    pieces.push(Piece::Owned(escaped));
                }
                _ => {}
            }
        }
        pieces
    }
}

/// A byte offset into a fragment's text.
fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("a timeline entry is far shorter than 4 GB")
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
            text(&Fragment::new(html.to_owned()).fill(href_of, &[]))
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
            Fragment::new("abc".to_owned()).fill(&href_of, &[])[..],
            [Piece::Part(_, _)]
        ));
    }

    #[test]
    fn a_page_may_leave_out_optional_parts() {
        let m = MARKS;
        let html = format!(
            "<li{a} id=\"x\"{a}>t{i} · B{i}{t}<p><a href=\"{}\">1</a></p>{t}</li>",
            tie(1),
            a = m.anchor,
            i = m.issuer,
            t = m.ties,
        );
        let fragment = Fragment::new(html);
        let href_of = |_: usize| "#y".to_owned();
        let all = fragment.fill(&href_of, &[]);
        assert_eq!(
            text(&all),
            "<li id=\"x\">t · B<p><a href=\"#y\">1</a></p></li>"
        );
        // What is shown on both sides of a hole is one piece each.
        assert_eq!(all.len(), 3);
        let compact = fragment.fill(&href_of, &[Optional::Anchor, Optional::Ties]);
        assert_eq!(text(&compact), "<li>t · B</li>");
        let issuer = fragment.fill(&href_of, &[Optional::Issuer, Optional::Ties]);
        assert_eq!(text(&issuer), "<li id=\"x\">t</li>");
        // A part never closed is always shown; a mark inside another
        // part is text.
        let open = Fragment::new(format!("a{}b", m.ties));
        assert_eq!(text(&open.fill(&href_of, &[Optional::Ties])), "ab");
        let nested = format!("{t}a{i}b{t}", t = m.ties, i = m.issuer);
        assert_eq!(
            text(&Fragment::new(nested).fill(&href_of, &[])),
            format!("a{}b{}", m.issuer, m.ties)
        );
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
