//! Markdown to HTML: the body's blocks (points and anchors, from
//! [`crate::body`]), fenced code highlighted with CSS classes, document
//! numbers linked to the directives they resolve to, internal links under
//! the base path.

use std::sync::LazyLock;

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd, html};

use super::highlight::Highlighter;
use super::no_break;
pub(crate) use crate::body::Flavour;
use crate::body::links;
use crate::body::references::{self, Mention};

/// Where a document number written in the text links to, if anywhere.
pub(crate) type Citations<'c> = &'c (dyn Fn(&Mention) -> Option<String> + Sync);

/// How this site turns Markdown into HTML.
#[derive(Clone, Copy)]
pub struct HtmlSettings<'a> {
    /// Put before internal links (`/…`), so the site works under a subpath.
    pub base_path: &'a str,
    /// Colours the code blocks.
    pub highlighter: &'a Highlighter,
    /// Pass HTML written in the Markdown through as written, instead of
    /// sanitising it (`[markdown] raw_html = true`).
    pub raw_html: bool,
}

/// Renders `markdown`.
pub fn to_html(
    markdown: &str,
    flavour: Flavour,
    settings: HtmlSettings<'_>,
    citations: Option<Citations<'_>>,
) -> String {
    let blocks = crate::body::blocks(markdown, flavour);
    blocks_to_html(blocks, markdown.len(), settings, citations).into_string()
}

/// A body's HTML, its last step left to be done as it is written where it
/// goes: the end tags a page may leave out ([`omit_end_tags`]) are left
/// out while the body is copied into its page, which spares making the
/// shortened body as a string of its own first.
pub(crate) enum BodyHtml {
    /// Written as it is.
    Done(String),
    /// Written without the end tags HTML implies.
    EndTagsLeft(String),
}

impl BodyHtml {
    /// Appends the body to `out`.
    pub(crate) fn write_into(&self, out: &mut Vec<u8>) {
        match self {
            BodyHtml::Done(html) => out.extend_from_slice(html.as_bytes()),
            BodyHtml::EndTagsLeft(html) => omit_end_tags(html, |part| {
                out.extend_from_slice(part.as_bytes());
            }),
        }
    }

    /// The length of the body before its end tags are left out: room
    /// enough for it.
    pub(crate) fn len(&self) -> usize {
        match self {
            BodyHtml::Done(html) | BodyHtml::EndTagsLeft(html) => html.len(),
        }
    }

    /// The body as a string.
    pub(crate) fn into_string(self) -> String {
        match self {
            BodyHtml::Done(html) => html,
            BodyHtml::EndTagsLeft(html) => {
                let mut out = String::with_capacity(html.len());
                omit_end_tags(&html, |part| out.push_str(part));
                out
            }
        }
    }
}

/// Renders a body already read into blocks ([`crate::body::blocks`]).
pub(crate) fn blocks_to_html(
    blocks: crate::body::Blocks<'_>,
    size_hint: usize,
    settings: HtmlSettings<'_>,
    citations: Option<Citations<'_>>,
) -> BodyHtml {
    let has_html = blocks.has_raw_html;
    let prepared = prepare(blocks.events, settings.base_path, citations);
    let events = if prepared.has_code_block {
        highlight_code(prepared.events, settings.highlighter)
    } else {
        prepared.events
    };
    let mut out = String::with_capacity(size_hint * 5 / 4);
    html::push_html(&mut out, events.into_iter());
    if !has_html {
        return BodyHtml::EndTagsLeft(out);
    }
    // The Markdown's tables are written aligned and focusable already
    // ([`Table`]); the author's own HTML may hold a table too.
    if out.contains(TABLE_ALIGNMENT) {
        out = align_by_class(&out);
    }
    if out.contains(TABLE) {
        out = out.replace(TABLE, TABLE_FOCUSABLE);
    }
    if !settings.raw_html {
        out = sanitise(&out);
    }
    BodyHtml::Done(out)
}

/// The end tags that HTML lets a document leave out, and what may follow
/// each where it is left out: the browser closes the element there just
/// the same, so the page is the same to a reader, a script or a screen
/// reader, and a directive's body (a paragraph to each point, a cell to
/// each figure) is a tenth shorter. Only where the next tag says where the
/// element ends: the body's last paragraph, whose end is the template's
/// business, keeps its end tag. Not for the author's own HTML, whose
/// elements may nest in other ways.
const OMITTED_END_TAGS: &[(&str, &[&str])] = &[
    (
        "</p>",
        &[
            "<p>",
            "<p ",
            "<pre",
            "<ul",
            "<ol",
            "<table",
            "<blockquote",
            "<hr",
            "<div",
            "<dl",
            "<h1",
            "<h2",
            "<h3",
            "<h4",
            "<h5",
            "<h6",
        ],
    ),
    ("</li>", &["<li>", "<li ", "</ul>", "</ol>"]),
    ("</td>", &["<td", "<th", "</tr>"]),
    ("</th>", &["<td", "<th", "</tr>"]),
    ("</tr>", &["<tr>", "</thead>", "</tbody>"]),
    ("</thead>", &["<tbody>"]),
    ("</tbody>", &["</table>"]),
];

/// `html` without the end tags of [`OMITTED_END_TAGS`] where what follows
/// them (past whitespace) allows it.
fn omit_end_tags(html: &str, mut write: impl FnMut(&str)) {
    let mut rest = html;
    // memchr's searcher, set up once: a search set up for every block of
    // every body (`str::find`, or memchr's `find`) cost more than the
    // search.
    static END_TAG: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("</"));
    while let Some(at) = END_TAG.find(rest.as_bytes()) {
        let (before, tag) = rest.split_at(at);
        write(before);
        let omitted = OMITTED_END_TAGS.iter().find_map(|(end, next)| {
            let after = tag.strip_prefix(end)?;
            let following = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
            next.iter()
                .any(|n| following.starts_with(n))
                .then_some(end.len())
        });
        match omitted {
            Some(len) => rest = &tag[len..],
            None => {
                write("</");
                rest = &tag[2..];
            }
        }
    }
    write(rest);
}

/// A table opened in HTML without attributes.
const TABLE: &str = "<table>";

/// A table wider than a phone scrolls inside its box (the theme makes it
/// a block); focus lets the keyboard scroll it.
const TABLE_FOCUSABLE: &str = "<table tabindex=\"0\">";

/// How a cell is aligned in HTML: a `style` attribute, which a
/// Content-Security-Policy without `'unsafe-inline'` styles ignores.
const TABLE_ALIGNMENT: &str = " style=\"text-align: ";

/// The columns, from the left, whose alignment a Markdown table names
/// once, in a class on the table (`right-2`: its second column is aligned
/// right), for which the theme's stylesheet has a rule. A column further
/// right has a class on each of its cells (`align-right`), as a table in
/// the author's HTML does: a table of figures has its alignment written
/// once rather than on each of its cells.
const COLUMNS_ALIGNED_BY_TABLE: usize = 6;

/// A Markdown table being written: its columns' alignment, and where its
/// cells are.
struct Table {
    alignments: Vec<Alignment>,
    in_head: bool,
    column: usize,
}

impl Table {
    /// The table's opening tag, focusable, with a class for each of its
    /// first columns that is aligned, and its alignment kept for the
    /// cells of the others.
    fn open(alignments: Vec<Alignment>) -> (Table, String) {
        let mut tag = String::from("<table tabindex=\"0\"");
        let mut classes = alignments
            .iter()
            .take(COLUMNS_ALIGNED_BY_TABLE)
            .enumerate()
            .filter_map(|(column, alignment)| {
                alignment_name(*alignment).map(|name| format!("{name}-{}", column + 1))
            })
            .peekable();
        if classes.peek().is_some() {
            tag.push_str(" class=\"");
            tag.push_str(&classes.collect::<Vec<_>>().join(" "));
            tag.push('"');
        }
        tag.push('>');
        let table = Table {
            alignments,
            in_head: false,
            column: 0,
        };
        (table, tag)
    }

    /// The opening tag of the next cell, if its column is aligned but not
    /// by the table's class; else the writer's own (`<td>`, `<th>`).
    fn cell(&self) -> Option<String> {
        if self.column < COLUMNS_ALIGNED_BY_TABLE {
            return None;
        }
        let name = alignment_name(*self.alignments.get(self.column)?)?;
        let element = if self.in_head { "th" } else { "td" };
        Some(format!("<{element} class=\"align-{name}\">"))
    }
}

fn alignment_name(alignment: Alignment) -> Option<&'static str> {
    match alignment {
        Alignment::None => None,
        Alignment::Left => Some("left"),
        Alignment::Center => Some("center"),
        Alignment::Right => Some("right"),
    }
}

/// Table alignment in the author's HTML as classes (`align-left`,
/// `align-center`, `align-right`), which the theme's stylesheet gives.
fn align_by_class(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(TABLE_ALIGNMENT) {
        out.push_str(&rest[..at]);
        let after = &rest[at + TABLE_ALIGNMENT.len()..];
        let Some(end) = after.find('"') else {
            out.push_str(&rest[at..]);
            return out;
        };
        out.push_str(" class=\"align-");
        out.push_str(&after[..end]);
        out.push('"');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// HTML written in the Markdown, sanitised with ammonia: formatting kept
/// (emphasis, sub- and superscripts, line breaks, tables, lists), and
/// scripts, styles, frames, forms, event handlers and links that could run
/// code removed. Run over the whole rendered body, so tags the author
/// opened and closed in separate pieces of Markdown stay paired; the
/// generator's own markup (anchors, classes, links) passes unchanged.
fn sanitise(html: &str) -> String {
    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id", "class", "title", "lang"])
            .add_tag_attributes("pre", ["tabindex"])
            .add_tag_attributes("table", ["tabindex"])
            .url_schemes(["http", "https", "mailto", "tel"].into())
            .link_rel(None);
        builder
    });
    CLEANER.clean(html).to_string()
}

/// A body's events made ready to be written, in one pass.
struct Prepared<'a> {
    events: Vec<Event<'a>>,
    has_code_block: bool,
}

/// The body's events in one pass, rather than a pass (and a new list) for
/// each step: the author's internal links put under the base path
/// ([`prefix_link`]); each document number of the running text that
/// resolves made a link (code, existing links and raw HTML left alone);
/// the hyphenated words of the text kept whole ([`keep_whole`]), but in
/// code blocks, which are highlighted afterwards and do not wrap; and
/// tables opened aligned by column ([`Table`]).
fn prepare<'a>(
    events: Vec<Event<'a>>,
    base_path: &str,
    citations: Option<Citations<'_>>,
) -> Prepared<'a> {
    let mut out = Vec::with_capacity(events.len() + events.len() / 4);
    let mut in_code = false;
    let mut in_link = 0usize;
    let mut has_code_block = false;
    let mut table: Option<Table> = None;
    for event in events {
        // Citation links are made from hrefs that already have the base
        // path: only the author's own are prefixed.
        let event = prefix_link(event, base_path);
        match event {
            // The table is opened here, so the writer never learns its
            // alignment and writes its cells without a style.
            Event::Start(Tag::Table(alignments)) => {
                let (opened, tag) = Table::open(alignments);
                table = Some(opened);
                out.push(Event::Html(tag.into()));
                continue;
            }
            Event::End(TagEnd::Table) => table = None,
            Event::Start(Tag::TableHead) | Event::End(TagEnd::TableHead) => {
                if let Some(table) = table.as_mut() {
                    table.in_head = matches!(event, Event::Start(_));
                    table.column = 0;
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.column = 0;
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(tag) = table.as_ref().and_then(Table::cell) {
                    out.push(Event::Html(tag.into()));
                    continue;
                }
            }
            Event::End(TagEnd::TableCell) => {
                if let Some(table) = table.as_mut() {
                    table.column += 1;
                }
            }
            _ => {}
        }
        match &event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                has_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Text(text) if !in_code && in_link == 0 => {
                if let Some(citations) = citations {
                    let linked: Vec<(Mention, String)> = references::find(text)
                        .into_iter()
                        .filter_map(|m| citations(&m).map(|href| (m, href)))
                        .collect();
                    if !linked.is_empty() {
                        split_into_links(text, linked, |e| out.push(keep_whole(e)));
                        continue;
                    }
                }
            }
            _ => {}
        }
        out.push(if in_code { event } else { keep_whole(event) });
    }
    Prepared {
        events: out,
        has_code_block,
    }
}

fn split_into_links<'a>(
    text: &str,
    linked: Vec<(Mention, String)>,
    mut push: impl FnMut(Event<'a>),
) {
    let mut at = 0;
    for (mention, href) in linked {
        if mention.range.start > at {
            push(Event::Text(text[at..mention.range.start].to_owned().into()));
        }
        push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: href.into(),
            title: "".into(),
            id: "".into(),
        }));
        push(Event::Text(text[mention.range.clone()].to_owned().into()));
        push(Event::End(TagEnd::Link));
        at = mention.range.end;
    }
    if at < text.len() {
        push(Event::Text(text[at..].to_owned().into()));
    }
}

/// Replaces fenced code blocks with highlighted HTML; the syntax set is
/// loaded only if there is one.
fn highlight_code<'a>(events: Vec<Event<'a>>, highlighter: &Highlighter) -> Vec<Event<'a>> {
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

/// Text and inline code with a hyphenated word (Covid-19, 07-KL/TW)
/// written as HTML that keeps the word on one line (see
/// [`super::no_break`]).
fn keep_whole(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(text) if no_break::has_hyphenated_word(&text) => {
            Event::InlineHtml(no_break::to_html(&text).into())
        }
        Event::Code(code) if no_break::has_hyphenated_word(&code) => {
            Event::InlineHtml(format!("<code>{}</code>", no_break::to_html(&code)).into())
        }
        other => other,
    }
}

/// An internal link (`/…`) put under the base path; a link that could
/// run code (see [`links::is_safe`]) made harmless, though validation has
/// refused it already.
fn prefix_link<'a>(mut event: Event<'a>, base_path: &str) -> Event<'a> {
    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
        let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
        *dest_url = if !links::is_safe(&url) {
            "#".into()
        } else if is_site_path(&url) && !base_path.is_empty() {
            format!("{base_path}{url}").into()
        } else {
            url
        };
    }
    event
}

fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(base_path: &'static str) -> HtmlSettings<'static> {
        static HIGHLIGHTER: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);
        HtmlSettings {
            base_path,
            highlighter: &HIGHLIGHTER,
            raw_html: false,
        }
    }

    fn directive(md: &str) -> String {
        to_html(md, Flavour::Directive, settings(""), None)
    }

    #[test]
    fn a_link_that_could_run_code_leads_nowhere() {
        let html = to_html(
            "[a](javascript:alert(1)) [b](/x/) ![c](data:text/html,x)",
            Flavour::Page,
            settings("/kho"),
            None,
        );
        assert!(html.contains(r##"<a href="#">a</a>"##), "{html}");
        assert!(html.contains(r#"<a href="/kho/x/">b</a>"#), "{html}");
        assert!(html.contains(r##"<img src="#""##), "{html}");
        assert!(
            !html.contains("javascript") && !html.contains("data:"),
            "{html}"
        );
    }

    #[test]
    fn points_get_stable_anchors_and_keep_their_number() {
        let html = directive("Mở đầu:\n\n1. Một\n\n3.2. Ba hai\n\n**1.** Đậm\n");
        assert!(html.contains("<p id=\"diem-1\">1. Một\n<p "), "{html}");
        assert!(
            html.contains("<p id=\"diem-3-2\">3.2. Ba hai\n<p "),
            "{html}"
        );
        assert!(
            html.contains("<p id=\"diem-1-2\"><strong>1.</strong> Đậm</p>"),
            "{html}"
        );
        assert!(!html.contains("<ol"), "{html}");
    }

    #[test]
    fn a_numbered_list_keeps_its_numbers_as_text() {
        let html = directive("1. Một\n2. Hai\n\n5. Năm\n");
        assert!(html.contains("id=\"diem-1\">1. Một\n"), "{html}");
        assert!(html.contains("id=\"diem-2\">2. Hai\n"), "{html}");
        assert!(html.contains("5. Năm"), "{html}");
    }

    #[test]
    fn numbers_that_resolve_become_links() {
        let citations = |m: &Mention| {
            (m.number == "07-KL/TW").then(|| {
                format!(
                    "/2021/07-kl-tw/{}",
                    m.point
                        .as_deref()
                        .map_or(String::new(), |p| format!("#diem-{p}"))
                )
            })
        };
        let html = to_html(
            "Theo điểm 3.2 Kết luận 07-KL/TW và `07-KL/TW` và 05/CT-TTg.\n",
            Flavour::Directive,
            settings(""),
            Some(&citations),
        );
        assert!(html.contains("Kết luận <a href=\"/2021/07-kl-tw/#diem-3.2\"><no-br>07-KL/TW</no-br></a> và <code><no-br>07-KL/TW</no-br></code> và <no-br>05/CT-TTg.</no-br>"), "{html}");
    }

    #[test]
    fn hyphenated_words_stay_on_one_line_except_in_code() {
        let html = to_html(
            "## Phòng, chống Covid-19\n\nDịch Covid-19 *(SARS-CoV-2)*.\n\n```\nCovid-19\n```\n",
            Flavour::Page,
            settings(""),
            None,
        );
        assert!(
            html.contains("chống <no-br>Covid-19</no-br></h2>"),
            "{html}"
        );
        assert!(
            html.contains("Dịch <no-br>Covid-19</no-br> <em><no-br>(SARS-CoV-2)</no-br></em>."),
            "{html}"
        );
        assert!(!html.contains("<no-br>Covid-19</no-br>\n</code>"), "{html}");
        assert_eq!(html.matches("<no-br>").count(), 3, "{html}");
    }

    #[test]
    fn bullet_lists_stay_lists() {
        let html = directive("- a\n- b\n");
        assert!(html.contains("<ul>"), "{html}");
    }

    #[test]
    fn pages_keep_ordinary_lists() {
        let html = to_html("1. a\n2. b\n", Flavour::Page, settings(""), None);
        assert!(html.contains("<ol>"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let html = directive("| a | b |\n|---|---|\n| 1 | 2 |\n\nx[^1] ~~y~~\n\n[^1]: chú thích\n");
        // Focusable, so a table wider than the screen scrolls by keyboard.
        assert!(html.contains("<table tabindex=\"0\">"), "{html}");
        assert!(html.contains("<del>y</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let html = directive("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
        assert!(!html.contains("style="), "{html}");
        // Named once, on the table, for each aligned column.
        assert!(
            html.contains("<table tabindex=\"0\" class=\"left-1 center-2 right-3\">"),
            "{html}"
        );
        assert!(html.contains("<tr><th>a<th>b<th>c<th>d<tbody>"), "{html}");
        assert!(
            html.contains("<tr><td>1<td>2<td>3<td>4\n</table>"),
            "{html}"
        );
    }

    #[test]
    fn columns_past_the_tables_classes_are_aligned_cell_by_cell() {
        let html = directive(
            "| a | b | c | d | e | f | g | h |\n|---|---|---|---|---|--:|:-:|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 |\n| 9 |\n",
        );
        assert!(!html.contains("style="), "{html}");
        assert!(
            html.contains("<table tabindex=\"0\" class=\"right-6\">"),
            "{html}"
        );
        assert!(
            html.contains("<th>f<th class=\"align-center\">g<th>h<tbody>"),
            "{html}"
        );
        assert!(
            html.contains("<td>6<td class=\"align-center\">7<td>8\n<tr>"),
            "{html}"
        );
        // A short row is filled to the table's width, aligned as its column.
        assert!(
            html.contains("<tr><td>9<td><td><td><td><td><td class=\"align-center\"><td>\n</table>"),
            "{html}"
        );
    }

    #[test]
    fn end_tags_are_left_out_where_the_next_tag_closes_the_element() {
        let html = directive(
            "Một.\n\n- a\n- b\n\nHai[^1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nBa.\n\n[^1]: chú thích\n",
        );
        assert!(
            html.starts_with("<p id=\"doan-1\">Một.\n<ul>\n<li>a\n<li>b\n</ul>\n<p "),
            "{html}"
        );
        assert!(
            html.contains(
                "<table tabindex=\"0\"><thead><tr><th>a<th>b<tbody>\n<tr><td>1<td>2\n</table>\n<p "
            ),
            "{html}"
        );
        assert!(
            html.contains("Ba.\n<div class=\"footnote-definition\""),
            "{html}"
        );
        // Where the element's end is not the next tag's to say, as before
        // a footnote's end or at the body's, the end tag stays.
        assert!(html.contains("<p>chú thích</p>\n</div>"), "{html}");
        let html = directive("Một.\n\nHai.\n");
        assert!(html.ends_with(">Hai.</p>\n"), "{html}");
        // The author's own HTML is left as it is.
        let raw = directive("Một <sup>1</sup>.\n\nHai.\n");
        assert!(raw.contains("Một <sup>1</sup>.</p>"), "{raw}");
    }

    #[test]
    fn a_table_without_alignment_has_no_class() {
        let html = directive("| a |\n|---|\n| 1 |\n");
        assert!(html.contains("<table tabindex=\"0\"><thead>"), "{html}");
        assert!(!html.contains("class="), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_the_site_trusts_it() {
        let md = "Ghi <sup>1</sup> và <b onclick=\"alert(1)\">đậm</b>.\n\n<script>alert(2)</script>\n\n<img src=x onerror=alert(3)><a href=\"javascript:alert(4)\">x</a><iframe src=\"https://x.vn\"></iframe><p style=\"color:red\">đỏ</p>\n\n1. Điểm một\n\n| a |\n|---|\n| 1 |\n\n```\ncode\n```\n";
        let html = to_html(md, Flavour::Directive, settings(""), None);
        for gone in [
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "<iframe",
            "style=",
        ] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
        for kept in [
            "<sup>1</sup>",
            "<b>đậm</b>",
            "<p id=\"diem-1\">1. Điểm một</p>",
            // The keyboard's way into what scrolls survives sanitising.
            "<table tabindex=\"0\">",
            "<pre tabindex=\"0\">",
        ] {
            assert!(html.contains(kept), "{kept} not in {html}");
        }
        let trusted = HtmlSettings {
            raw_html: true,
            ..settings("")
        };
        let html = to_html(md, Flavour::Directive, trusted, None);
        assert!(html.contains("<script>alert(2)</script>"), "{html}");
    }

    #[test]
    fn headings_get_ids() {
        let html = to_html(
            "## Điều khoản\n\n## Điều khoản\n",
            Flavour::Page,
            settings(""),
            None,
        );
        assert!(html.contains("<h2 id=\"dieu-khoan\">"), "{html}");
        assert!(html.contains("<h2 id=\"dieu-khoan-2\">"), "{html}");
    }

    #[test]
    fn internal_links_follow_the_base_path() {
        let html = to_html(
            "[a](/2021/x/) [b](https://x.org/) [c](//cdn)",
            Flavour::Page,
            settings("/archive"),
            None,
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
