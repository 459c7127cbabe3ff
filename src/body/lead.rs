//! A body's lead: the plain text of its first paragraph, which stands as
//! the summary of a directive that has none (in lists, feeds, the
//! timeline and the page's description).

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Characters of the first paragraph kept for a summary.
pub(crate) const LENGTH: usize = 300;

/// The plain text of the first paragraph, shortened at a word to about
/// `limit` characters.
pub(crate) fn lead(markdown: &str, limit: usize) -> Option<String> {
    let text = leading_paragraph(markdown)?;
    if text.chars().count() <= limit {
        return Some(text);
    }
    let cut: String = text.chars().take(limit).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])))
}

/// The text of the first paragraph. pulldown-cmark reads a document's
/// whole block structure before its first event, so a growing prefix
/// ending at a blank line (which ends any paragraph) is read instead of
/// the whole body, unless a link definition further on could change it.
fn leading_paragraph(markdown: &str) -> Option<String> {
    // Set up once, not for every body, as `str::find` would.
    static BLANK_LINE: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("\n\n"));
    if !super::links::may_define_link(markdown) {
        let mut from = 0;
        while let Some(at) = markdown
            .get(from..)
            .and_then(|rest| BLANK_LINE.find(rest.as_bytes()))
        {
            let end = from + at + 2;
            if let Some(text) = paragraph_in(&markdown[..end]) {
                return Some(text);
            }
            // Twice as long each time: linear in the body at worst.
            from = (2 * end).min(markdown.len());
            while !markdown.is_char_boundary(from) {
                from += 1;
            }
        }
    }
    paragraph_in(markdown)
}

fn paragraph_in(markdown: &str) -> Option<String> {
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
    (!text.is_empty()).then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_come_from_the_lead() {
        assert_eq!(
            lead("\n\nMột *hai*\nba.\n\nBốn.", 100),
            Some("Một hai ba.".into())
        );
        assert_eq!(lead("Một hai ba bốn năm", 9), Some("Một hai…".into()));
        assert_eq!(lead("", 10), None);
        // Past headings, code with blank lines and an unclosed comment.
        assert_eq!(
            lead(
                "# Tiêu đề\n\n```\nmã\n\nmã\n```\n\n<!--\n\nx\n\n-->\n\nĐoạn *một*.\n\nHai.",
                100
            ),
            Some("Đoạn một.".to_owned())
        );
        // A reference link defined further on.
        assert_eq!(
            lead("Xem [Kết luận][kl].\n\n[kl]: /2021/07-kl-tw/\n", 100),
            Some("Xem Kết luận.".to_owned())
        );
    }
}
