//! Markdown to HTML. In a directive, numbered points keep the number as
//! printed and get a stable anchor (`3.2.` → `#diem-3-2`); fenced code is
//! highlighted with CSS classes.

use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::highlight::Highlighter;
use crate::vietnamese::slugify;

/// How a body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// A directive: paragraphs and ordered items starting with a point
    /// number are points of the document, numbered as printed.
    Directive,
    /// A page: ordinary Markdown.
    Page,
}

/// Renders `markdown`. Internal links (`/…`) are prefixed with
/// `base_path` so the site works under a subpath.
pub fn to_html(
    markdown: &str,
    flavour: Flavour,
    base_path: &str,
    highlighter: &Highlighter,
) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(markdown, options).into_offset_iter();
    let events = match flavour {
        Flavour::Directive => points_from_lists(markdown, parser),
        Flavour::Page => parser.map(|(event, _)| event).collect(),
    };
    let events = highlight_code(events, highlighter);
    let events = anchor_blocks(events, flavour);
    let events = prefix_internal_links(events, base_path);
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events.into_iter());
    out
}

/// The plain text of the first paragraph, shortened at a word to about
/// `limit` characters: a directive's summary when it has none.
pub fn first_paragraph(markdown: &str, limit: usize) -> Option<String> {
    let mut text = String::new();
    let mut inside = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= limit {
        return Some(text.to_owned());
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])))
}

/// A document's "1." is part of its text, not a list the browser may
/// renumber or indent: ordered items become paragraphs that start with
/// their marker exactly as written in the source ("5." stays "5." even
/// where Markdown would count it as the third item).
fn points_from_lists<'a>(
    source: &str,
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // For each open list, whether it is ordered.
    let mut lists: Vec<bool> = Vec::new();
    // Whether a tight item's paragraph we opened is still open.
    let mut open_paragraph = false;
    let mut pending_marker: Option<String> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::List(start)) => {
                close(&mut out, &mut open_paragraph);
                lists.push(start.is_some());
                if start.is_none() {
                    out.push(Event::Start(Tag::List(None)));
                }
            }
            Event::End(TagEnd::List(ordered)) => {
                close(&mut out, &mut open_paragraph);
                lists.pop();
                if !ordered {
                    out.push(Event::End(TagEnd::List(false)));
                }
            }
            Event::Start(Tag::Item) if lists.last() == Some(&true) => {
                pending_marker = Some(list_marker(&source[range]));
            }
            Event::End(TagEnd::Item) if lists.last() == Some(&true) => {
                close(&mut out, &mut open_paragraph);
                pending_marker = None;
            }
            Event::Start(Tag::Paragraph) if pending_marker.is_some() => {
                out.push(Event::Start(Tag::Paragraph));
                out.push(Event::Text(
                    pending_marker.take().unwrap_or_default().into(),
                ));
            }
            other => {
                if let Some(marker) = pending_marker.take() {
                    if is_inline(&other) {
                        out.push(Event::Start(Tag::Paragraph));
                        out.push(Event::Text(marker.into()));
                        open_paragraph = true;
                    }
                } else if open_paragraph && !is_inline(&other) {
                    close(&mut out, &mut open_paragraph);
                }
                out.push(other);
            }
        }
    }
    out
}

/// `"05. text"` → `"05. "`: an ordered item's marker as written.
fn list_marker(item_source: &str) -> String {
    let trimmed = item_source.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let delimiter = trimmed[digits..].chars().next().unwrap_or('.');
    format!("{}{} ", &trimmed[..digits], delimiter)
}

fn close(out: &mut Vec<Event<'_>>, open_paragraph: &mut bool) {
    if *open_paragraph {
        out.push(Event::End(TagEnd::Paragraph));
        *open_paragraph = false;
    }
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        _ => false,
    }
}

/// Replaces fenced code blocks with highlighted HTML; the syntax set is
/// loaded only if there is one.
fn highlight_code<'a>(events: Vec<Event<'a>>, highlighter: &Highlighter) -> Vec<Event<'a>> {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::CodeBlock(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut block: Option<(String, String)> = None;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_owned()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((language, String::new()));
            }
            Event::Text(text) if block.is_some() => {
                if let Some((_, code)) = block.as_mut() {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, code)) = block.take() {
                    out.push(Event::Html(highlighter.highlight(&code, &language).into()));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Gives headings and numbered points an `id`, unique within the page.
fn anchor_blocks(events: Vec<Event<'_>>, flavour: Flavour) -> Vec<Event<'_>> {
    let mut used: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(events.len());
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => slugify(&inline_text(&events[i + 1..], usize::MAX)),
                };
                let anchor = unique(
                    &mut used,
                    if wanted.is_empty() {
                        "muc".to_owned()
                    } else {
                        wanted
                    },
                );
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(anchor)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
            }
            Event::Start(Tag::Paragraph) if depth == 0 && flavour == Flavour::Directive => {
                match point_number(&inline_text(&events[i + 1..], 24)) {
                    Some(number) => {
                        let anchor =
                            unique(&mut used, format!("diem-{}", number.replace('.', "-")));
                        out.push(Event::Html(
                            format!("<p id=\"{anchor}\" class=\"diem\">").into(),
                        ));
                    }
                    None => out.push(event.clone()),
                }
            }
            _ => out.push(event.clone()),
        }
        match event {
            Event::Start(
                Tag::BlockQuote(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::TableCell,
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::TableCell,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// The text at the start of a block, up to `limit` characters.
fn inline_text(events: &[Event<'_>], limit: usize) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => break,
            _ => {}
        }
        if text.chars().count() >= limit {
            break;
        }
    }
    text
}

/// `3.2` for a block starting "3.2. ", `1` for "1. ", as documents print
/// them; nothing for dates or amounts ("11/6/2021", "2.000 liều").
pub fn point_number(text: &str) -> Option<String> {
    let text = text.trim_start();
    let mut end = 0;
    let mut groups = 0;
    let bytes = text.as_bytes();
    loop {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits == 0 || digits > 3 || bytes.get(end + digits) != Some(&b'.') {
            return None;
        }
        end += digits + 1;
        groups += 1;
        match bytes.get(end) {
            None => break,
            Some(b) if b.is_ascii_digit() && groups < 5 => continue,
            Some(b' ' | b'\t') | Some(0xC2) => break,
            Some(_) => return None,
        }
    }
    Some(text[..end - 1].to_owned())
}

fn unique(used: &mut HashSet<String>, wanted: String) -> String {
    if used.insert(wanted.clone()) {
        return wanted;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{wanted}-{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn prefix_internal_links<'a>(events: Vec<Event<'a>>, base_path: &str) -> Vec<Event<'a>> {
    if base_path.is_empty() {
        return events;
    }
    events
        .into_iter()
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if is_site_path(&dest_url) => Event::Start(Tag::Link {
                link_type,
                dest_url: format!("{base_path}{dest_url}").into(),
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if is_site_path(&dest_url) => Event::Start(Tag::Image {
                link_type,
                dest_url: format!("{base_path}{dest_url}").into(),
                title,
                id,
            }),
            other => other,
        })
        .collect()
}

fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(md: &str) -> String {
        to_html(md, Flavour::Directive, "", &Highlighter::new())
    }

    #[test]
    fn summaries_come_from_the_first_paragraph() {
        assert_eq!(
            first_paragraph("\n\nMột *hai*\nba.\n\nBốn.", 100),
            Some("Một hai ba.".into())
        );
        assert_eq!(
            first_paragraph("Một hai ba bốn năm", 9),
            Some("Một hai…".into())
        );
        assert_eq!(first_paragraph("", 10), None);
    }

    #[test]
    fn point_numbers() {
        assert_eq!(point_number("3.2. Tăng cường"), Some("3.2".into()));
        assert_eq!(point_number("1. Trước"), Some("1".into()));
        assert_eq!(point_number("2.1.3. x"), Some("2.1.3".into()));
        assert_eq!(point_number("1."), Some("1".into()));
        assert_eq!(point_number("11/6/2021 là"), None);
        assert_eq!(point_number("2.000 liều"), None);
        assert_eq!(point_number("Ngày 1. x"), None);
        assert_eq!(point_number("2021. x"), None);
    }

    #[test]
    fn points_get_stable_anchors_and_keep_their_number() {
        let html = directive("Mở đầu:\n\n1. Một\n\n3.2. Ba hai\n\n**1.** Đậm\n");
        assert!(
            html.contains("<p id=\"diem-1\" class=\"diem\">1. Một</p>"),
            "{html}"
        );
        assert!(
            html.contains("<p id=\"diem-3-2\" class=\"diem\">3.2. Ba hai</p>"),
            "{html}"
        );
        assert!(
            html.contains("<p id=\"diem-1-2\" class=\"diem\"><strong>1.</strong> Đậm</p>"),
            "{html}"
        );
        assert!(!html.contains("<ol"), "{html}");
    }

    #[test]
    fn a_numbered_list_keeps_its_numbers_as_text() {
        let html = directive("1. Một\n2. Hai\n\n5. Năm\n");
        assert!(
            html.contains("id=\"diem-1\" class=\"diem\">1. Một</p>"),
            "{html}"
        );
        assert!(
            html.contains("id=\"diem-2\" class=\"diem\">2. Hai</p>"),
            "{html}"
        );
        assert!(html.contains("5. Năm"), "{html}");
    }

    #[test]
    fn bullet_lists_stay_lists() {
        let html = directive("- a\n- b\n");
        assert!(html.contains("<ul>"), "{html}");
    }

    #[test]
    fn pages_keep_ordinary_lists() {
        let html = to_html("1. a\n2. b\n", Flavour::Page, "", &Highlighter::new());
        assert!(html.contains("<ol>"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = directive("| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1] ~~y~~\n\n[^1]: chú thích\n");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>y</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn headings_get_ids() {
        let html = to_html(
            "## Điều khoản\n\n## Điều khoản\n",
            Flavour::Page,
            "",
            &Highlighter::new(),
        );
        assert!(html.contains("<h2 id=\"dieu-khoan\">"), "{html}");
        assert!(html.contains("<h2 id=\"dieu-khoan-2\">"), "{html}");
    }

    #[test]
    fn internal_links_follow_the_base_path() {
        let html = to_html(
            "[a](/2021/x/) [b](https://x.org/) [c](//cdn)",
            Flavour::Page,
            "/archive",
            &Highlighter::new(),
        );
        assert!(html.contains("href=\"/archive/2021/x/\""), "{html}");
        assert!(html.contains("href=\"https://x.org/\""), "{html}");
        assert!(html.contains("href=\"//cdn\""), "{html}");
    }

    #[test]
    fn code_is_not_a_point() {
        let html = directive("```\n1. not a point\n```\n");
        assert!(!html.contains("diem-1"), "{html}");
    }
}
