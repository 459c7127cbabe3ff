//! The built-in theme's references (`references.html`) and lists of a
//! document's citers (`cited.html`), written in Rust when the site's theme
//! uses those templates, `base.html` and the partials they include
//! unchanged, as [`super::directive_html`] writes directive pages. Tera
//! made a template value of every document and citer a page shows, each
//! a reference count that both workers touched, and looked up each field
//! by name: the references were the costliest listing of a build. Byte for
//! byte what the templates give (`tests/it/themes.rs` builds sites both
//! ways and compares every file).
//!
//! Each function follows one part of its template, in order; a change to
//! the templates must be made here too, or that test fails.

use crate::render::base_html;
use crate::render::built_in::{Html, given};
use crate::render::paging::Pagination;
use crate::render::references::{
    CITERS_SHOWN, Cited, Citer, Part, PartIndex, more_href, write_citer_rows,
};
use crate::render::site::SiteView;
use crate::render::summary::Summaries;

/// The templates whose output [`references`] and [`cited`] give, beside
/// [`base_html::USES`].
pub(crate) const USES: [&str; 3] = ["references.html", "cited.html", "partials/cited_by.html"];

/// What a page of the references shows: what `references.html` reads.
pub(crate) struct ListPage<'p> {
    pub(crate) site: &'p SiteView,
    pub(crate) current_path: &'p str,
    pub(crate) summaries: &'p Summaries<'p>,
    pub(crate) outside: usize,
    pub(crate) inside: usize,
    pub(crate) index: &'p [PartIndex],
    pub(crate) parts: &'p [Part<&'p Cited>],
    pub(crate) pagination: &'p Pagination,
}

/// A page of the references as `references.html` renders it, into `out`.
pub(crate) fn references(page: &ListPage<'_>, out: &mut Vec<u8>) {
    let pagination = page.pagination;
    let title = |html: &mut Html<'_>| {
        html.raw("Văn bản được dẫn chiếu");
        title_end(html, pagination, page.site);
    };
    let content = |html: &mut Html<'_>| {
        html.raw("\n<article class=\"page references\">\n<h1>Văn bản được dẫn chiếu</h1>");
        if pagination.current == 1 {
            html.raw("\n<p>Mọi văn bản được các văn bản trong kho thực hiện, căn cứ hoặc dẫn chiếu, kể cả những văn bản chưa có trong kho, cùng các văn bản đã dẫn chiếu đến chúng: ");
            html.number(page.outside);
            html.raw(" văn bản chưa có trong kho, ");
            html.number(page.inside);
            html.raw(" văn bản trong kho.</p>");
        }
        if pagination.total > 1 {
            html.raw("\n<p class=\"count\">Trang ");
            page_of(html, pagination);
            html.raw("</p>");
        }
        years_index(html, page.index);
        for part in page.parts {
            list_part(html, page, part);
        }
        html.raw("\n");
        base_html::pagination(html, pagination);
        html.raw("\n</article>\n");
    };
    base_html::listing_page(
        &mut Html::new(out),
        page.site,
        page.current_path,
        title,
        content,
    );
}

/// The end of a page's title: which page of several, and the site.
fn title_end(html: &mut Html<'_>, pagination: &Pagination, site: &SiteView) {
    if pagination.total > 1 {
        html.raw(", trang ");
        html.number(pagination.current);
    }
    html.raw(" · ");
    html.text(&site.title);
}

/// `2/7`: which page of how many.
fn page_of(html: &mut Html<'_>, pagination: &Pagination) {
    html.number(pagination.current);
    html.raw("/");
    html.number(pagination.total);
}

/// Where each part's years begin, on the first page of a list of several.
fn years_index(html: &mut Html<'_>, index: &[PartIndex]) {
    if index.is_empty() {
        return;
    }
    html.raw(
        "\n<nav class=\"browse\" aria-labelledby=\"theo-nam\">\n<h2 id=\"theo-nam\">Theo năm</h2>",
    );
    for part in index {
        html.raw("\n<p>");
        html.text(part.label);
        html.raw(":</p>\n<ul>");
        for year in &part.years {
            html.raw("\n<li><a href=\"");
            html.text(&year.href);
            html.raw("\">");
            html.text(&year.label);
            html.raw("</a></li>");
        }
        html.raw("\n</ul>");
    }
    html.raw("\n</nav>");
}

/// One part of a page: its heading, then its documents by year.
fn list_part(html: &mut Html<'_>, page: &ListPage<'_>, part: &Part<&Cited>) {
    html.raw("\n<h2 id=\"");
    html.text(part.id);
    html.raw("\">");
    html.text(part.label);
    html.raw(" <span class=\"count\">(");
    html.number(part.count);
    if part.continued {
        html.raw(", tiếp theo");
    }
    html.raw(")</span></h2>");
    if part.years.is_empty() {
        html.raw("\n<p>Mọi văn bản được dẫn chiếu đều đã có trong kho.</p>");
    }
    for year in &part.years {
        html.raw("\n<h3 id=\"");
        html.text(&year.id);
        html.raw("\">");
        html.text(&year.label);
        html.raw("</h3>\n<ul class=\"cited-list\">");
        for document in &year.documents {
            listed_document(html, page, document);
        }
        html.raw("\n</ul>");
    }
}

/// A document of the list: its name and date, its title (or the issuer
/// the citing text names), then its first citers.
fn listed_document(html: &mut Html<'_>, page: &ListPage<'_>, document: &Cited) {
    let summaries = page.summaries;
    let kind = document.kind.as_deref().unwrap_or_default();
    html.raw("\n<li>");
    match document.target {
        Some(target) => {
            html.raw("<a href=\"");
            html.text(&summaries[target].href);
            html.raw("\">");
            html.name(kind, &document.number);
            html.raw("</a>");
        }
        None => {
            html.raw("<cite>");
            html.name(given(&document.kind).unwrap_or("Văn bản"), &document.number);
            html.raw("</cite>");
        }
    }
    if let Some(date) = document.date {
        html.raw(" (");
        html.raw(&date.vietnamese_short());
        html.raw(")");
    }
    if let Some(title) = given(&document.title) {
        html.raw("<span>");
        html.no_break(title);
        html.raw("</span>");
    }
    if let (Some(issuer), None) = (given(&document.issuer), document.target) {
        html.raw("<span>");
        html.text(issuer);
        html.raw("</span>");
    }
    let count = document.citers.len();
    html.raw("\n<p>Được nêu trong");
    if count > CITERS_SHOWN {
        html.raw(" ");
        html.number(count);
        html.raw(" văn bản, trong đó");
    }
    html.raw(":</p><ul>\n");
    write_citer_rows(
        summaries,
        &document.citers[..count.min(CITERS_SHOWN)],
        html.bytes(),
    );
    html.raw("</ul>");
    if let Some(more) = more_href(page.site.base_path.as_str(), summaries, document) {
        html.raw("<p class=\"more\"><a href=\"");
        html.text(&more);
        html.raw("\">Xem cả ");
        html.number(count);
        html.raw(" văn bản nêu ");
        html.name_kept_whole(given(&document.kind).unwrap_or("văn bản"), &document.number);
        html.raw("</a></p>");
    }
}

/// What a page of a document's citers shows: what `cited.html` reads.
pub(crate) struct CitersPage<'p> {
    pub(crate) site: &'p SiteView,
    pub(crate) current_path: &'p str,
    pub(crate) summaries: &'p Summaries<'p>,
    pub(crate) document: &'p Cited,
    /// The citers on this page, and the place of the first in the list.
    pub(crate) citers: &'p [Citer],
    pub(crate) start: usize,
    /// Where the document is in the references.
    pub(crate) listed_at: &'p str,
    pub(crate) pagination: &'p Pagination,
}

/// A page of a document's citers as `cited.html` renders it, into `out`.
pub(crate) fn cited(page: &CitersPage<'_>, out: &mut Vec<u8>) {
    let document = page.document;
    let pagination = page.pagination;
    let kind = given(&document.kind).unwrap_or("Văn bản");
    let title = |html: &mut Html<'_>| {
        html.name(kind, &document.number);
        html.raw(": được nêu trong");
        title_end(html, pagination, page.site);
    };
    let content = |html: &mut Html<'_>| {
        html.raw("\n<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"");
        html.text(&page.site.base_path);
        html.raw("/\">Văn bản</a> › <a href=\"");
        html.text(page.listed_at);
        html.raw("\">Văn bản được dẫn chiếu</a> › <span>");
        html.name_kept_whole(kind, &document.number);
        html.raw("</span></nav>\n<section class=\"page references\" aria-labelledby=\"tieu-de\">\n<h1 id=\"tieu-de\">");
        html.name_kept_whole(kind, &document.number);
        html.raw(": được nêu trong</h1>");
        if let Some(title) = given(&document.title) {
            html.raw("\n<p class=\"related-title\">");
            html.no_break(title);
            html.raw("</p>");
        }
        html.raw("\n<p class=\"count\">");
        if let Some(issuer) = given(&document.issuer) {
            html.text(issuer);
            html.raw(" · ");
        }
        if let Some(date) = document.date {
            html.raw(&date.vietnamese_short());
            html.raw(" · ");
        }
        html.raw("Chưa có trong kho · ");
        html.number(document.citers.len());
        html.raw(" văn bản nêu");
        if pagination.total > 1 {
            html.raw(" · trang ");
            page_of(html, pagination);
        }
        html.raw("</p>\n<ol class=\"cited-by\" start=\"");
        html.number(page.start);
        html.raw("\">\n");
        write_citer_rows(page.summaries, page.citers, html.bytes());
        html.raw("</ol>\n");
        base_html::pagination(html, pagination);
        html.raw("\n</section>\n");
    };
    base_html::listing_page(
        &mut Html::new(out),
        page.site,
        page.current_path,
        title,
        content,
    );
}
