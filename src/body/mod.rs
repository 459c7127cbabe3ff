//! The body of a directive read as a document: its blocks with their
//! numbered points and anchors, and the document numbers it mentions.
//! Linking and rendering both read bodies through this module, so they
//! agree on what a point or a reference is.

pub mod anchors;
pub mod references;

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, TextMergeStream};

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
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// A body parsed into Markdown events, with the anchors it was given.
pub struct Blocks<'a> {
    pub events: Vec<Event<'a>>,
    /// Every `id` given to a heading or point.
    pub anchors: HashSet<String>,
}

pub fn blocks(markdown: &str, flavour: Flavour) -> Blocks<'_> {
    let parser = Parser::new_ext(markdown, OPTIONS).into_offset_iter();
    let events = match flavour {
        Flavour::Directive => anchors::points_from_lists(markdown, parser),
        Flavour::Page => parser.map(|(event, _)| event).collect(),
    };
    let mut anchors = HashSet::new();
    let events = anchors::anchor_blocks(events, flavour, &mut anchors);
    // One text event per run of text, so a number is never split in two.
    let events = TextMergeStream::new(events.into_iter()).collect();
    Blocks { events, anchors }
}
