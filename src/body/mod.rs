//! The body of a directive read as a document: its blocks with their
//! numbered points and anchors, and the document numbers it mentions.
//! Linking and rendering both read bodies through this module, so they
//! agree on what a point or a reference is.

pub(crate) mod anchors;
pub(crate) mod lead;
pub mod links;
pub mod references;

use rustc_hash::FxHashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser};

/// How a body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// A directive: paragraphs and ordered items starting with a point
    /// number are points of the document, numbered as printed.
    Directive,
    /// A page: ordinary Markdown.
    Page,
}

/// Markdown features the archive uses.
pub(crate) const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// A body parsed into Markdown events, with the anchors it was given.
pub struct Blocks<'a> {
    pub(crate) events: Vec<Event<'a>>,
    /// Every `id` given to a heading or paragraph.
    pub(crate) anchors: FxHashSet<String>,
    /// Whether the author wrote HTML in the Markdown. The anchors add HTML
    /// events of their own, so the events cannot tell; only the author's
    /// HTML needs sanitising.
    pub(crate) has_raw_html: bool,
}

/// Parses a body into Markdown events, giving list items and headings the
/// anchors its flavour calls for.
pub fn blocks(markdown: &str, flavour: Flavour) -> Blocks<'_> {
    let has_raw_html = std::cell::Cell::new(false);
    let parser = Parser::new_ext(markdown, OPTIONS)
        .into_offset_iter()
        .inspect(|(event, _)| {
            if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                has_raw_html.set(true);
            }
        });
    let events = match flavour {
        Flavour::Directive => anchors::points_from_lists(markdown, parser),
        Flavour::Page => parser.map(|(event, _)| event).collect(),
    };
    // One text event per run of text, so a number is never split in two.
    let mut events = events;
    merge_texts(&mut events);
    // About one anchor a paragraph; sized up front, as it is filled for
    // every body.
    let mut anchors = FxHashSet::with_capacity_and_hasher(events.len() / 8, Default::default());
    anchors::anchor_blocks(&mut events, flavour, &mut anchors);
    Blocks {
        events,
        anchors,
        has_raw_html: has_raw_html.get(),
    }
}

/// Joins each run of adjacent text events into one, in place: what
/// pulldown-cmark's `TextMergeStream` does, without moving every event
/// of every body into a second list through it (2 % of a build's
/// instructions at 10,000 directives), since most runs are one event.
fn merge_texts(events: &mut Vec<Event<'_>>) {
    let mut kept: usize = 0;
    for at in 0..events.len() {
        let event = std::mem::replace(&mut events[at], Event::SoftBreak);
        let last = kept.checked_sub(1).map(|last| &mut events[last]);
        match (event, last) {
            (Event::Text(text), Some(Event::Text(run))) => {
                let mut joined = std::mem::replace(run, CowStr::Borrowed("")).into_string();
                joined.push_str(&text);
                *run = CowStr::from(joined);
            }
            (event, _) => {
                events[kept] = event;
                kept += 1;
            }
        }
    }
    events.truncate(kept);
}

/// The text a reader reads in a body, run by run: code is left out.
/// Search counts its words; the reader's browser cuts the rendered page
/// into passages at the same anchors.
pub fn texts<'b>(blocks: &'b Blocks<'_>) -> impl Iterator<Item = &'b str> {
    let mut in_code = false;
    blocks.events.iter().filter_map(move |event| match event {
        Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => {
            in_code = true;
            None
        }
        Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
            in_code = false;
            None
        }
        Event::Text(text) if !in_code => Some(text.as_ref()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_authors_html_counts_as_raw_html() {
        // The points get anchors as HTML events of their own.
        let points = blocks("Mở đầu.\n\n1. Một.\n\n1.1. Hai.\n", Flavour::Directive);
        assert!(points.events.iter().any(|e| matches!(e, Event::Html(_))));
        assert!(!points.has_raw_html);
        let written = blocks("Số m<sup>2</sup>.\n", Flavour::Directive);
        assert!(written.has_raw_html);
        assert!(blocks("<div>x</div>\n", Flavour::Page).has_raw_html);
    }

    #[test]
    fn adjacent_texts_merge_as_pulldown_merges_them() {
        let bodies = [
            "Số 07-KL/TW \\ và *nhấn* [liên kết](/a) a_b_c &amp; 4162/VPCP\\-TKBT
",
            "1. Một\\
2. Hai &lt; ba

| a | b\\|c |
|---|---|
| `x` | y&#47;z |
",
            "",
            "&amp;&amp;&amp;",
        ];
        for body in bodies {
            let events: Vec<Event<'_>> = Parser::new_ext(body, OPTIONS).collect();
            let expected: Vec<Event<'_>> =
                pulldown_cmark::TextMergeStream::new(events.clone().into_iter()).collect();
            let mut merged = events;
            merge_texts(&mut merged);
            assert_eq!(merged, expected, "{body:?}");
        }
    }

    #[test]
    fn texts_leave_code_out() {
        let blocks = blocks(
            "Mở đầu.\n\n1. Một\ndòng.\n\n```\nmã\n```\n\n3.2. Ba `x`.\n",
            Flavour::Directive,
        );
        let found: Vec<&str> = texts(&blocks).collect();
        assert_eq!(found, ["Mở đầu.", "1. Một", "dòng.", "3.2. Ba ", "."]);
    }
}
