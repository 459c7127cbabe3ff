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
    /// Every `id` given to a heading or paragraph.
    pub anchors: HashSet<String>,
    /// Where each anchored block starts in `events`, with its id.
    pub starts: Vec<(usize, String)>,
}

pub fn blocks(markdown: &str, flavour: Flavour) -> Blocks<'_> {
    let parser = Parser::new_ext(markdown, OPTIONS).into_offset_iter();
    let events = match flavour {
        Flavour::Directive => anchors::points_from_lists(markdown, parser),
        Flavour::Page => parser.map(|(event, _)| event).collect(),
    };
    // One text event per run of text, so a number is never split in two.
    let events: Vec<Event<'_>> = TextMergeStream::new(events.into_iter()).collect();
    let mut anchors = HashSet::new();
    let mut starts = Vec::new();
    let events = anchors::anchor_blocks(events, flavour, &mut anchors, &mut starts);
    Blocks {
        events,
        anchors,
        starts,
    }
}

/// A stretch of a directive's text and the anchor that leads to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The id of the block it starts with; `None` for text before the
    /// first anchored block.
    pub anchor: Option<String>,
    pub text: String,
}

/// The plain text of a directive's body, cut at every anchored block
/// (paragraph, point, heading); lists and tables belong to the block
/// before them. Code is left out.
pub fn passages(markdown: &str) -> Vec<Passage> {
    passages_of(&blocks(markdown, Flavour::Directive))
}

/// [`passages`] of a body already read into blocks.
pub fn passages_of(blocks: &Blocks<'_>) -> Vec<Passage> {
    let mut passages = vec![Passage {
        anchor: None,
        text: String::new(),
    }];
    let mut starts = blocks.starts.iter().peekable();
    let mut in_code = false;
    for (i, event) in blocks.events.iter().enumerate() {
        if let Some((_, anchor)) = starts.next_if(|(at, _)| *at == i) {
            passages.push(Passage {
                anchor: Some(anchor.clone()),
                text: String::new(),
            });
        }
        let Some(current) = passages.last_mut() else {
            continue;
        };
        match event {
            Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => in_code = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => current.text.push_str(text),
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !current.text.ends_with(' ') => {
                current.text.push(' ')
            }
            _ => {}
        }
    }
    // Text events hold no line breaks; trimming the ends is enough.
    for passage in &mut passages {
        let end = passage.text.trim_end().len();
        passage.text.truncate(end);
        if passage.text.starts_with(char::is_whitespace) {
            passage.text = passage.text.trim_start().to_owned();
        }
    }
    passages.retain(|p| !p.text.is_empty());
    passages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_follow_the_anchors() {
        let found = passages("Mở đầu.\n\n1. Một\ndòng.\n\n- a\n- b\n\n3.2. Ba.\n\n```\nmã\n```\n");
        let anchors: Vec<Option<&str>> = found.iter().map(|p| p.anchor.as_deref()).collect();
        assert_eq!(anchors, [Some("doan-1"), Some("diem-1"), Some("diem-3-2")]);
        assert_eq!(found[1].text, "1. Một dòng. a b");
        assert_eq!(found[2].text, "3.2. Ba.");
    }
}
