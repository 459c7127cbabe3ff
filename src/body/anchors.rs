//! Blocks of a body: numbered points as printed, and the anchors that let
//! a reader link to one point (`3.2.` → `#diem-3-2`) or heading.

use rustc_hash::FxHashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Flavour;
use crate::vietnamese::slugify;

/// A document's "1." is part of its text, not a list the browser may
/// renumber or indent: ordered items become paragraphs that start with
/// their marker exactly as written in the source ("5." stays "5." even
/// where Markdown would count it as the third item).
pub(super) fn points_from_lists<'a>(
    source: &str,
    events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> Vec<Event<'a>> {
    // Sized up front, so the events are not moved again as the list
    // grows: synthetic directives hold an event for every 71 bytes of
    // source on average (27 at least), this archive's one for 150 to 260.
    let mut out = Vec::with_capacity(source.len() / 48);
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
    let mut marker = String::with_capacity(digits + delimiter.len_utf8() + 1);
    marker.push_str(&trimmed[..digits]);
    marker.push(delimiter);
    marker.push(' ');
    marker
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

/// Gives headings and numbered points an `id`, unique within the page;
/// `used` ends up holding every id given.
/// In a directive every top-level paragraph gets an id, so search can link
/// to the paragraph where words occur: points `diem-3-2`, others `doan-7`
/// (its place among the paragraphs).
pub(super) fn anchor_blocks(
    events: &mut [Event<'_>],
    flavour: Flavour,
    used: &mut FxHashSet<String>,
) {
    // The events are given their anchors where they stand: an anchor is
    // read from the events after its own, which are not changed yet, and
    // copying every event into a second list (cloning each text) was
    // 1.5 % of a build.
    let mut depth = 0usize;
    let mut paragraphs = 0usize;
    for i in 0..events.len() {
        let Some((event, after)) = events[i..].split_first_mut() else {
            break;
        };
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                let wanted = match id {
                    Some(id) => id.to_string(),
                    None => slugify(&inline_text(after, usize::MAX)),
                };
                let wanted = if wanted.is_empty() {
                    "muc".to_owned()
                } else {
                    wanted
                };
                *id = Some(CowStr::from(unique(used, wanted, |anchor| {
                    anchor.to_owned()
                })));
            }
            Event::Start(Tag::Paragraph) if depth == 0 && flavour == Flavour::Directive => {
                paragraphs += 1;
                // A point is told from another paragraph by its anchor
                // (`diem-…`, `doan-…`), which the stylesheet can select:
                // a class on each would add bytes to every point of every page.
                let wanted = match point_number(&block_start(after, 24)) {
                    Some(number) => point_anchor(&number),
                    None => paragraph_anchor(paragraphs),
                };
                let open = unique(used, wanted, |anchor| {
                    let mut open = String::with_capacity(anchor.len() + 9);
                    open.push_str("<p id=\"");
                    open.push_str(anchor);
                    open.push_str("\">");
                    open
                });
                *event = Event::Html(open.into());
            }
            _ => {}
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

/// [`inline_text`], borrowed when the block's first event is a text of
/// `limit` characters or more, which is then all of it: a paragraph's
/// point number is read from its first 24 characters, and copying and
/// counting the whole of each paragraph's text for them was 1.3 % of a
/// build's instructions.
fn block_start<'e>(events: &'e [Event<'_>], limit: usize) -> std::borrow::Cow<'e, str> {
    match events.first() {
        Some(Event::Text(text)) if limit > 0 && text.chars().nth(limit - 1).is_some() => {
            std::borrow::Cow::Borrowed(text)
        }
        _ => std::borrow::Cow::Owned(inline_text(events, limit)),
    }
}

/// `diem-3-2` for point `3.2`.
pub(crate) fn point_anchor(number: &str) -> String {
    // Written by hand: this names every point of every page.
    let mut anchor = String::with_capacity(number.len() + 5);
    anchor.push_str("diem-");
    anchor.extend(number.chars().map(|c| if c == '.' { '-' } else { c }));
    anchor
}

/// `doan-3` for the third paragraph that is not a point.
fn paragraph_anchor(n: usize) -> String {
    use std::fmt::Write;
    let mut anchor = String::with_capacity(8);
    anchor.push_str("doan-");
    let _ = write!(anchor, "{n}");
    anchor
}

/// `3.2` for a block starting "3.2. ", `1` for "1. ", as documents print
/// them; nothing for dates or amounts ("11/6/2021", "2.000 liều").
fn point_number(text: &str) -> Option<String> {
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
            Some(b' ' | b'\t' | 0xC2) => break,
            Some(_) => return None,
        }
    }
    Some(text[..end - 1].to_owned())
}

/// `wanted`, or `wanted-2`, `wanted-3`… if it is taken, kept in `used`;
/// what the page writes for it is made by `write` from the anchor before
/// the anchor moves into `used`, so a paragraph's anchor is not copied
/// for the set (a heading's id still is, as its own string).
fn unique(
    used: &mut FxHashSet<String>,
    wanted: String,
    write: impl FnOnce(&str) -> String,
) -> String {
    let anchor = if used.contains(&wanted) {
        (2..)
            .map(|n| format!("{wanted}-{n}"))
            .find(|candidate| !used.contains(candidate))
            .unwrap_or(wanted)
    } else {
        wanted
    };
    let written = write(&anchor);
    used.insert(anchor);
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_starts_as_its_text_reads() {
        use pulldown_cmark::CowStr;
        let text = |t: &'static str| Event::Text(CowStr::Borrowed(t));
        let blocks: [&[Event<'_>]; 5] = [
            &[
                text("3.2. Tăng cường kiểm soát dịch bệnh"),
                Event::End(TagEnd::Paragraph),
            ],
            &[
                text("1. Ngắn"),
                Event::SoftBreak,
                text("tiếp theo dòng sau nữa"),
                Event::End(TagEnd::Paragraph),
            ],
            &[text("đúng hai mươi bốn ký tự!"), text("x")],
            &[
                Event::Code(CowStr::Borrowed("07-KL/TW")),
                text(" ngày 11/6/2021 của Bộ Chính trị"),
            ],
            &[],
        ];
        for events in blocks {
            for limit in [0, 1, 5, 24, 25, 100] {
                assert_eq!(block_start(events, limit), inline_text(events, limit));
            }
        }
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
        assert_eq!(point_anchor("3.2"), "diem-3-2");
        assert_eq!(point_anchor("2.1.3"), "diem-2-1-3");
        assert_eq!(paragraph_anchor(12), "doan-12");
    }
}
