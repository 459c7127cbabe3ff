//! The built-in theme's directive page, written in Rust. Directive pages
//! are nearly every page of an archive, and interpreting their template
//! was a seventh of a build's time: most of it looking up fields by name,
//! once per field per page. When a site's theme uses the built-in
//! `directive.html`, `base.html` and the partials they include, unchanged
//! ([`USES`]), its directive pages are written by [`write`] instead, byte
//! for byte what the templates give (`tests/it/themes.rs` builds sites
//! both ways and compares every file). A site or theme with its own
//! version of any of them is rendered by Tera as before.
//!
//! Each function below follows one part of the templates, in their
//! order; a change to the templates must be made here too, or that test
//! fails.

use crate::render::base_html;
use crate::render::built_in::{Html, given};
use crate::render::context::{ChainRow, DirectiveView, LifeEvent, RelatedView, SignerView};
use crate::render::markdown::BodyHtml;
use crate::render::site::SiteView;
use crate::render::summary::{DirectiveSummary, Summaries};

/// The templates whose output [`write`] gives.
pub(crate) const USES: [&str; 4] = [
    "base.html",
    "directive.html",
    "partials/related_item.html",
    "partials/signer.html",
];

/// What a directive's page shows: what the template's context holds.
pub(crate) struct Page<'p> {
    pub(crate) site: &'p SiteView,
    pub(crate) current_path: &'p str,
    pub(crate) directive: &'p DirectiveView<'p>,
    pub(crate) body: &'p BodyHtml,
    pub(crate) previous: Option<&'p DirectiveSummary>,
    pub(crate) next: Option<&'p DirectiveSummary>,
    pub(crate) timeline_href: &'p str,
    pub(crate) summaries: &'p Summaries<'p>,
}

/// The page as `directive.html` renders it, into `out`.
pub(crate) fn write(page: &Page<'_>, out: &mut Vec<u8>) {
    let mut html = Html::new(out);
    base_head(&mut html, page);
    html.raw("</head>\n<body>\n<a class=\"skip-link\" href=\"#noi-dung\">Chuyển đến nội dung chính</a>\n");
    base_html::site_header(&mut html, page.site, page.current_path);
    html.raw("\n<main id=\"noi-dung\">\n");
    content(&mut html, page);
    html.raw("\n</main>\n</body>\n</html>\n");
}

/// `base.html` up to `</head>`, with `directive.html`'s blocks.
fn base_head(html: &mut Html<'_>, page: &Page<'_>) {
    let site = page.site;
    let d = page.directive;
    let title = |html: &mut Html<'_>| {
        if let Some(number) = given(&d.summary.number) {
            html.text(number);
            html.raw(" · ");
        }
        html.text(&d.summary.title);
        html.raw(" · ");
        html.text(&site.title);
    };
    let description = given(&d.description).or(given(&site.description));
    base_html::head_start(html, site, title, description);
    base_html::search_script(html, site);
    html.raw("\n");
    if site.has_host {
        html.raw("\n<link rel=\"canonical\" href=\"");
        html.text(&d.summary.permalink);
        html.raw("\">");
    }
    html.raw("\n<script type=\"application/ld+json\">");
    html.raw(&d.json_ld);
    html.raw("</script>\n");
}

/// `directive.html`'s content block.
fn content(html: &mut Html<'_>, page: &Page<'_>) {
    let d = page.directive;
    html.raw("\n<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"");
    html.text(&page.site.base_path);
    html.raw("/\">Văn bản</a> › <span>");
    html.name_kept_whole(&d.summary.kind, &d.summary.number);
    html.raw("</span></nav>\n<div class=\"directive-layout\">\n<article class=\"document ");
    html.text(d.summary.system);
    html.raw("\"");
    if page.site.language != "vi" {
        html.raw(" lang=\"vi\"");
    }
    html.raw(" aria-labelledby=\"tieu-de\">\n");
    letterhead(html, d);
    title(html, d);
    addressees(html, d);
    html.raw("\n<div class=\"document-body\">");
    page.body.write_into(html.bytes());
    html.raw("</div>\n<footer>");
    if !d.recipients.is_empty() {
        html.raw("<div class=\"recipients\"><p>Nơi nhận:<ul>");
        list(html, d.recipients, "<li>- ", ".", ",");
        html.raw("</ul></div>");
    }
    if let Some(signer) = &d.signer {
        signature(html, signer);
    }
    html.raw("</footer>\n</article>\n<aside class=\"panel\" aria-labelledby=\"thong-tin\"><h2 id=\"thong-tin\">Thông tin văn bản</h2><dl>\n");
    facts(html, d);
    life(html, d, page.timeline_href);
    chain(html, page);
    related(html, page);
    if !d.notes.is_empty() {
        html.raw("<h3>Ghi chú biên tập</h3><ul class=\"notes\">");
        for note in d.notes {
            html.raw("<li>");
            html.no_break(note);
        }
        html.raw("</ul>");
    }
    html.raw("</aside>\n</div>");
    previous_next(html, page);
    html.raw("\n");
}

/// Items of a list, each after `open`, the last ending with `last` and
/// the others with `other`.
fn list(html: &mut Html<'_>, items: &[String], open: &str, last: &str, other: &str) {
    for (i, item) in items.iter().enumerate() {
        html.raw(open);
        html.no_break(item);
        html.raw(if i + 1 == items.len() { last } else { other });
    }
}

/// The document's header as issued: the issuing body on the left, the
/// nation on the right.
fn letterhead(html: &mut Html<'_>, d: &DirectiveView<'_>) {
    let header = &d.header;
    html.raw("<header><div><p>");
    for (i, line) in header.letterhead.iter().enumerate() {
        if i + 1 == header.letterhead.len() {
            html.raw("<b>");
            html.text(line);
            html.raw("</b>");
        } else {
            html.text(line);
            html.raw("<br>");
        }
    }
    if d.summary.system == "party" {
        html.raw("<p aria-hidden=\"true\">*");
    }
    if let Some(line) = given(&header.number_line) {
        html.raw("<p>");
        html.no_break(line);
    }
    if let Some(subject) = given(&header.subject) {
        html.raw("<p class=\"subject\">V/v ");
        html.no_break(subject);
    }
    html.raw("</div><div><p>");
    html.text(header.national);
    if let Some(motto) = header.motto.filter(|m| !m.is_empty()) {
        html.raw("<p>");
        html.text(motto);
    }
    html.raw("<p><em>");
    html.text(&header.place_date);
    html.raw("</em></div></header>");
}

/// The heading and subheading, or for a letter a heading only read.
fn title(html: &mut Html<'_>, d: &DirectiveView<'_>) {
    if let Some(heading) = given(&d.header.heading) {
        html.raw("\n<h1 id=\"tieu-de\"><span>");
        html.no_break(heading);
        html.raw("</span>");
        if let Some(subheading) = given(&d.header.subheading) {
            html.raw("\n<span>");
            html.no_break(subheading);
            html.raw("</span>");
        }
        html.raw("</h1>");
    } else {
        html.raw("\n<h1 id=\"tieu-de\" class=\"visually-hidden\">");
        html.name(&d.summary.kind, &d.summary.number);
        html.raw(": ");
        html.text(&d.summary.title);
        html.raw("</h1>");
    }
}

fn addressees(html: &mut Html<'_>, d: &DirectiveView<'_>) {
    if d.addressees.is_empty() {
        return;
    }
    html.raw("\n<div class=\"addressees\">\n<p class=\"addressees-label\">Kính gửi:</p>");
    if let [only] = d.addressees {
        html.raw("\n<p>");
        html.no_break(only);
        html.raw(".</p>");
    } else {
        html.raw("\n<ul>");
        list(html, d.addressees, "\n<li>", ".</li>", ";</li>");
        html.raw("\n</ul>");
    }
    html.raw("\n</div>");
}

/// `partials/signer.html`.
fn signature(html: &mut Html<'_>, signer: &SignerView) {
    html.raw("<div class=\"signature\">");
    for line in [&signer.authority, &signer.title]
        .into_iter()
        .filter_map(given)
    {
        html.raw("<p>");
        html.text(&crate::vietnamese::upper(line));
    }
    if let Some(name) = given(&signer.name) {
        html.raw("<p class=\"signer-name\">");
        html.text(name);
    }
    html.raw("</div>");
}

/// The panel's list of facts.
fn facts(html: &mut Html<'_>, d: &DirectiveView<'_>) {
    let s = &d.summary;
    html.raw("<dt>Loại văn bản<dd>");
    html.text(&s.kind);
    match given(&s.number) {
        Some(number) => {
            html.raw("<dt>Số, ký hiệu<dd class=\"nowrap\">");
            html.text(number);
        }
        None => html.raw("<dt>Số, ký hiệu<dd>Bản gốc không in số"),
    }
    html.raw("<dt>Cơ quan ban hành<dd>");
    html.text(&s.issuer);
    if let Some(level) = &s.level {
        html.raw("<dt>Cấp<dd>");
        html.text(level.label);
    }
    html.raw("<dt>Ngày ban hành<dd><time datetime=\"");
    html.raw(&s.date.iso());
    html.raw("\">");
    html.raw(&s.date.vietnamese_short());
    html.raw("</time>");
    if let Some(place) = given(&d.place) {
        html.raw("<dt>Nơi ban hành<dd>");
        html.text(place);
    }
    if let Some(signer) = &d.signer {
        html.raw("<dt>Người ký<dd>");
        html.text(given(&signer.name).unwrap_or(""));
        if let Some(title) = given(&signer.title) {
            html.raw(" (");
            html.no_break(title);
            html.raw(")");
        }
        if let Some(authority) = given(&signer.authority) {
            html.raw(", ");
            html.text(authority);
        }
    }
    if let Some(source) = given(&d.source) {
        html.raw("<dt>Nguồn<dd>");
        html.text(source);
    }
    if !d.tags.is_empty() {
        html.raw("<dt>Chủ đề<dd>");
        html.no_break(&d.tags.join(", "));
    }
    if !d.localities.is_empty() {
        html.raw("<dt>Địa phương<dd>");
        html.text(&d.localities.join(", "));
    }
    html.raw("</dl>");
}

/// "Diễn biến": the directive's life in time, when there is more to it
/// than its issue.
fn life(html: &mut Html<'_>, d: &DirectiveView, timeline_href: &str) {
    if d.life.len() <= 1 {
        return;
    }
    html.raw("<h3>Diễn biến</h3><ol class=\"life\">");
    for event in &d.life {
        life_event(html, event);
    }
    if d.life_more > 0 {
        html.raw("<li>… và ");
        html.number(d.life_more);
        html.raw(" văn bản khác thực hiện, hướng dẫn, sửa đổi hoặc thay thế văn bản này: <a href=\"#van-ban-lien-quan\">xem Văn bản liên quan</a>");
    }
    html.raw("</ol><p><a href=\"");
    html.text(timeline_href);
    html.raw("\">Xem trên dòng thời gian</a></p>");
}

fn life_event(html: &mut Html<'_>, e: &LifeEvent) {
    html.raw("<li><time datetime=\"");
    html.text(&e.date.iso);
    html.raw("\">");
    html.text(&e.date.short);
    html.raw("</time> <b>");
    html.text(&e.label);
    html.raw("</b>: ");
    match given(&e.href) {
        Some(href) => {
            html.raw("<a href=\"");
            html.text(href);
            html.raw("\">");
            html.text(&e.detail);
            html.raw("</a> của ");
            html.text(e.issuer.as_deref().unwrap_or(""));
        }
        None => html.no_break(&e.detail),
    }
    if !e.days.is_empty() {
        html.raw(" <small>(");
        html.text(&e.days);
        html.raw(")</small>");
    }
    let Some(c) = &e.circulation else { return };
    if let Some(note) = given(&c.note) {
        html.raw("<p class=\"note\">");
        html.no_break(note);
        html.raw("</p>");
    }
    if let Some(signer) = &c.signer {
        html.raw("<p class=\"note\">Người ký: ");
        html.text(given(&signer.name).unwrap_or(""));
        if let Some(title) = given(&signer.title) {
            html.raw(", ");
            html.no_break(title);
        }
        if let Some(authority) = given(&signer.authority) {
            html.raw(" (");
            html.text(authority);
            html.raw(")");
        }
        html.raw("</p>");
    }
    if !c.recipients.is_empty() {
        html.raw("<details><summary>Nơi nhận bản ");
        html.text(&c.label.to_lowercase());
        html.raw("</summary><ul>");
        for r in &c.recipients {
            html.raw("<li>");
            html.no_break(r);
        }
        html.raw("</ul></details>");
    }
}

/// "Chuỗi thực hiện": the implementation chain through the directive.
fn chain(html: &mut Html<'_>, page: &Page<'_>) {
    let rows = &page.directive.chain;
    if rows.is_empty() {
        return;
    }
    html.raw("<h3>Chuỗi thực hiện</h3><ol class=\"chain\">");
    for row in rows {
        chain_row(html, page, row);
    }
    html.raw("</ol>");
}

fn chain_row(html: &mut Html<'_>, page: &Page<'_>, row: &ChainRow) {
    html.raw("<li");
    if row.depth > 0 {
        html.raw(" class=\"chain-depth-");
        html.number(row.depth);
        html.raw("\"");
    }
    html.raw(">");
    let directive = row.directive_index.map(|i| &page.summaries[i]);
    if let Some(more) = &row.more {
        html.raw("… <a href=\"");
        html.text(&more.href);
        html.raw("\">cả ");
        html.number(more.count);
        html.raw(" văn bản</a> thực hiện ");
        html.no_break(&more.name);
    } else if let Some(s) = directive {
        if row.current {
            html.raw("<strong aria-current=\"page\">");
        } else {
            html.raw("<a href=\"");
            html.text(&s.href);
            html.raw("\">");
        }
        html.name(&s.kind, &s.number);
        html.raw(if row.current { "</strong>" } else { "</a>" });
    }
    if let Some(s) = directive {
        html.raw("<small>");
        html.raw(&s.date.vietnamese_short());
        if let Some(days) = row.days_after {
            html.raw(", ");
            if days == 0 {
                html.raw("cùng ngày");
            } else {
                html.number(days);
                html.raw(" ngày sau");
            }
        }
        html.raw("</small>");
    }
}

/// "Văn bản liên quan": each group's first members, and a link to the
/// rest.
fn related(html: &mut Html<'_>, page: &Page<'_>) {
    let groups = &page.directive.related;
    if groups.is_empty() {
        return;
    }
    html.raw("<h3 id=\"van-ban-lien-quan\">Văn bản liên quan</h3>");
    for group in groups {
        html.raw("<h4>");
        html.text(group.label);
        if group.more.is_some() {
            html.raw(" (");
            html.number(group.count);
            html.raw(")");
        }
        html.raw("</h4><ul>");
        for item in &group.items {
            related_item(html, page, item);
        }
        html.raw("</ul>");
        if let Some(more) = given(&group.more) {
            html.raw("<p class=\"more\"><a href=\"");
            html.text(more);
            html.raw("\">Xem cả ");
            html.number(group.count);
            html.raw(" văn bản</a></p>");
        }
    }
}

/// `partials/related_item.html`.
fn related_item(html: &mut Html<'_>, page: &Page<'_>, r: &RelatedView) {
    html.raw("<li>");
    let after_kind = given(&r.after_kind);
    match r.target_index.map(|i| &page.summaries[i]) {
        Some(t) => {
            html.dated_link(t);
            match after_kind {
                Some(after) => {
                    html.raw(" ");
                    html.no_break(after);
                }
                None => {
                    html.raw(": ");
                    html.no_break(&t.title);
                }
            }
        }
        None => {
            html.raw("<cite>");
            html.name(given(&r.kind).unwrap_or("Văn bản"), &r.number);
            html.raw("</cite>");
            if let Some(date) = &r.date {
                html.raw(" (");
                html.text(&date.short);
                html.raw(")");
            }
            if let Some(after) = after_kind {
                html.raw(" ");
                html.no_break(after);
            } else if let Some(title) = given(&r.title) {
                html.raw(": ");
                html.no_break(title);
            }
            html.raw(" <small>Chưa có trong kho</small>");
        }
    }
    if r.source == "text" {
        html.raw(" <small>(nêu trong nội dung)</small>");
    }
}

/// The links to the directives issued before and after it.
fn previous_next(html: &mut Html<'_>, page: &Page<'_>) {
    if page.previous.is_none() && page.next.is_none() {
        return;
    }
    html.raw("\n<nav class=\"prev-next\" aria-label=\"Văn bản trước, sau theo ngày ban hành\">");
    for (summary, rel, label) in [
        (page.previous, "prev", "‹ Văn bản trước"),
        (page.next, "next", "Văn bản sau ›"),
    ] {
        let Some(s) = summary else { continue };
        html.raw("<a href=\"");
        html.text(&s.href);
        html.raw("\" rel=\"");
        html.raw(rel);
        html.raw("\"><span>");
        html.raw(label);
        html.raw("</span> ");
        html.name_kept_whole(&s.kind, &s.number);
        html.raw(" (");
        html.raw(&s.date.vietnamese_short());
        html.raw(")</a>");
    }
    html.raw("</nav>");
}
