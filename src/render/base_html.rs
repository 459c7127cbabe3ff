//! The built-in theme's `base.html`, with the feeds and pagination
//! partials, written in Rust for the pages whose own templates are
//! ([`super::pages::directive_html`], [`super::pages::references_html`]):
//! byte for byte what the templates give, which `tests/it/themes.rs`
//! checks by building sites both ways. A change to any of [`USES`] must be
//! made here too, or that test fails.

use super::built_in::{Html, given};
use super::paging::Pagination;
use super::site::{SiteView, section};

/// The templates the shell of a listing page follows.
pub(crate) const USES: [&str; 3] = [
    "base.html",
    "partials/feeds.html",
    "partials/pagination.html",
];

/// `base.html` from its start to the stylesheet's link: the page's title,
/// written by `title`, and its description if it has one.
pub(crate) fn head_start(
    html: &mut Html<'_>,
    site: &SiteView,
    title: impl FnOnce(&mut Html<'_>),
    description: Option<&str>,
) {
    let base = site.base_path.as_str();
    html.raw("<!DOCTYPE html>\n<html lang=\"");
    html.text(&site.language);
    html.raw("\"");
    if !base.is_empty() {
        html.raw(" data-base=\"");
        html.text(base);
        html.raw("\"");
    }
    html.raw(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    title(html);
    html.raw("</title>");
    if let Some(description) = description {
        html.raw("\n<meta name=\"description\" content=\"");
        html.text(description);
        html.raw("\">");
    }
    for (file, rest) in [
        ("favicon.ico", "\" sizes=\"16x16\">"),
        ("favicon.svg", "\" type=\"image/svg+xml\">"),
    ] {
        html.raw("\n<link rel=\"icon\" href=\"");
        html.text(base);
        html.raw("/");
        html.raw(file);
        html.raw(rest);
    }
    html.raw("\n<link rel=\"stylesheet\" href=\"");
    html.text(base);
    html.raw("/style.css\">");
}

/// The search box's script, on a site with search.
pub(crate) fn search_script(html: &mut Html<'_>, site: &SiteView) {
    if site.search {
        html.raw("\n<script src=\"");
        html.text(&site.base_path);
        html.raw("/search-box.js\" defer></script>");
    }
}

/// A page that lists directives, as `base.html` renders it around a
/// template that fills only its title and content blocks: the feeds
/// announced in its head and linked from its footer.
pub(crate) fn listing_page(
    html: &mut Html<'_>,
    site: &SiteView,
    current_path: &str,
    title: impl FnOnce(&mut Html<'_>),
    content: impl FnOnce(&mut Html<'_>),
) {
    let base = site.base_path.as_str();
    head_start(html, site, title, given(&site.description));
    html.raw("\n<link rel=\"alternate\" type=\"application/json\" href=\"");
    html.text(base);
    html.raw("/directives.json\" title=\"Danh mục văn bản (JSON)\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"");
    html.text(base);
    html.raw("/atom.xml\" title=\"");
    html.text(&site.title);
    html.raw(": văn bản mới\">");
    search_script(html, site);
    html.raw("\n\n</head>\n<body>\n<a class=\"skip-link\" href=\"#noi-dung\">Chuyển đến nội dung chính</a>\n");
    site_header(html, site, current_path);
    html.raw("\n<main id=\"noi-dung\">\n");
    content(html);
    html.raw("\n</main>\n<footer class=\"site-footer\">\n<p><a href=\"");
    html.text(base);
    html.raw("/atom.xml\">Theo dõi văn bản mới (Atom)</a> · <a href=\"");
    html.text(base);
    html.raw("/directives.json\">Danh mục dạng JSON</a></p>\n</footer>\n</body>\n</html>\n");
}

/// The site's header: its title, search and navigation, the entry the
/// page at `current_path` is under marked as current.
pub(crate) fn site_header(html: &mut Html<'_>, site: &SiteView, current_path: &str) {
    let base = site.base_path.as_str();
    let current_section = section(current_path);
    html.raw("<header class=\"site-header\"><a href=\"");
    html.text(base);
    html.raw("/\">");
    html.no_break(&site.title);
    html.raw("</a>");
    if site.search {
        html.raw("<a class=\"search-link\" href=\"");
        html.text(base);
        html.raw("/search/\">Tìm kiếm</a>");
    }
    html.raw("<nav aria-label=\"Điều hướng chính\"><ul>");
    for (path, label, under) in [
        ("/", "Văn bản", "home"),
        ("/timeline/", "Dòng thời gian", "timeline"),
        ("/issuers/", "Tra cứu", "lookup"),
        ("/references/", "Văn bản được dẫn chiếu", "references"),
    ] {
        html.raw("\n<li><a href=\"");
        html.text(base);
        html.raw(path);
        html.raw("\"");
        if current_section == under {
            html.raw(" aria-current=\"page\"");
        }
        html.raw(">");
        html.raw(label);
        html.raw("</a>");
    }
    for entry in &site.menu {
        html.raw("\n<li><a href=\"");
        html.text(&entry.href);
        html.raw("\"");
        if entry.href.strip_prefix(base) == Some(current_path) {
            html.raw(" aria-current=\"page\"");
        }
        html.raw(">");
        html.no_break(&entry.title);
        html.raw("</a>");
    }
    html.raw("\n</ul></nav></header>");
}

/// `partials/pagination.html`: links between the pages of a list of
/// more than one, and the newline the partial ends with.
pub(crate) fn pagination(html: &mut Html<'_>, pagination: &Pagination) {
    if pagination.total > 1 {
        html.raw("\n<nav class=\"pagination\" aria-label=\"Phân trang\">");
        if let Some(previous) = given(&pagination.previous) {
            html.raw("<a href=\"");
            html.text(previous);
            html.raw("\" rel=\"prev\">‹ Trang trước</a>");
        }
        html.raw("<ul>");
        for page in &pagination.pages {
            if page.gap_before {
                html.raw("<li class=\"gap\" aria-hidden=\"true\">…</li>");
            }
            html.raw("<li>");
            if page.current {
                html.raw("<span aria-current=\"page\">");
                html.number(page.number);
                html.raw("</span>");
            } else {
                html.raw("<a href=\"");
                html.text(&page.href);
                html.raw("\">");
                html.number(page.number);
                html.raw("</a>");
            }
            html.raw("</li>");
        }
        html.raw("</ul>");
        if let Some(next) = given(&pagination.next) {
            html.raw("<a href=\"");
            html.text(next);
            html.raw("\" rel=\"next\">Trang sau ›</a>");
        }
        html.raw("</nav>");
    }
    html.raw("\n");
}

#[cfg(test)]
mod tests {
    use crate::render::pages::{directive_html, references_html};
    use crate::render::theme::Theme;
    use crate::render::{cited_row, directive_row};

    #[test]
    fn the_built_in_theme_is_what_the_rust_writers_follow() {
        // A name misspelt in a list of templates would send every page
        // back to Tera, and the comparison of the two would still pass.
        let site = tempfile::tempdir().unwrap();
        let theme = Theme::load(site.path(), "default").unwrap();
        let lists: [&[&str]; 5] = [
            &super::USES,
            &directive_html::USES,
            &references_html::USES,
            &directive_row::USES,
            &cited_row::USES,
        ];
        for names in lists {
            assert!(theme.is_built_in(names), "{names:?}");
        }
        assert!(!theme.is_built_in(&["partials/no-such.html"]));
    }
}
