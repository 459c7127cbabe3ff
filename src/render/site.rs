//! The site being rendered: what every page is made from, and the few
//! steps every page takes (its template's context, rendering it to a file).

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use tera::Context;

use super::calendar::Calendar;
use super::output::{Contents, OutputFile, page_path};
use super::references::Catalogue;
use super::taxonomy::{self, Taxonomy};
use super::theme::Theme;
use crate::diagnostic::Diagnostic;
use crate::link::Archive;

/// The linked archive, its theme, and the taxonomies drawn from it: what
/// the plan of pages is made from.
pub struct Site<'a> {
    pub(crate) archive: &'a Archive,
    pub(crate) theme: &'a Theme,
    /// Shared, so that `serve` keeps them with the archive they come from.
    pub(crate) taxonomies: Arc<Vec<Taxonomy>>,
    /// The URL of every page, in the plan's order: filled in by
    /// [`super::plan::Plan::new`] once it knows them.
    pub(crate) page_urls: Vec<String>,
    /// Every cited document, drawn from the archive when first asked for.
    references: OnceLock<Catalogue>,
    /// Where each entry of the timeline is, worked out when first asked.
    calendar: OnceLock<Calendar>,
}

impl<'a> Site<'a> {
    /// The site of `archive` in `theme`, its taxonomies drawn from the archive.
    pub fn new(archive: &'a Archive, theme: &'a Theme) -> Site<'a> {
        // The three are drawn from the whole archive, independently, and
        // every plan asks for all of them: drawn side by side.
        let (taxonomies, (references, calendar)) = rayon::join(
            || taxonomy::taxonomies(archive),
            || rayon::join(|| Catalogue::of(archive), || Calendar::new(archive)),
        );
        Site {
            references: OnceLock::from(references),
            calendar: OnceLock::from(calendar),
            ..Site::with_taxonomies(archive, theme, Arc::new(taxonomies))
        }
    }

    /// The site of `archive` in `theme`, with `taxonomies` already drawn
    /// from that archive.
    pub(crate) fn with_taxonomies(
        archive: &'a Archive,
        theme: &'a Theme,
        taxonomies: Arc<Vec<Taxonomy>>,
    ) -> Site<'a> {
        Site {
            archive,
            theme,
            taxonomies,
            page_urls: Vec::new(),
            references: OnceLock::new(),
            calendar: OnceLock::new(),
        }
    }

    /// Every document the archive cites, with who cites it: drawn once,
    /// as the plan and every page of the references need it.
    pub(crate) fn references(&self) -> &Catalogue {
        self.references.get_or_init(|| Catalogue::of(self.archive))
    }

    /// The timeline's months and the page of each entry: asked by every
    /// timeline page, for what it lists and reads, so made once.
    pub(crate) fn calendar(&self) -> &Calendar {
        self.calendar.get_or_init(|| Calendar::new(self.archive))
    }

    /// Prefix of every internal link: "" or "/archive".
    pub(crate) fn base_path(&self) -> &str {
        self.archive.config.base_url.path()
    }

    /// A template's context with what every page has: the site, the
    /// page's own path, and the part of the site's navigation it is in.
    pub(crate) fn context(&self, site: &tera::Value, current_path: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("site", site.clone());
        context.insert("current_path", current_path);
        context.insert("section", section(current_path));
        context
    }

    /// Renders `template` to `<url>/index.html`.
    pub(crate) fn page_file(
        &self,
        template: &str,
        url: &str,
        context: &Context,
    ) -> Result<OutputFile, Diagnostic> {
        self.page_file_with_capacity(template, url, context, 32 * 1024)
    }

    /// [`Self::page_file`], with room for `capacity` bytes from the start: a
    /// page of a hundred megabytes grown by doubling holds three times its
    /// size while it grows.
    pub(crate) fn page_file_with_capacity(
        &self,
        template: &str,
        url: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<OutputFile, Diagnostic> {
        Ok(page_file(
            url,
            self.render_template(template, context, capacity)?,
        ))
    }

    /// `template` rendered straight into bytes: the output is UTF-8 by
    /// construction, and checking 10,000 pages again costs real time.
    fn render_template(
        &self,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(capacity);
        self.theme
            .tera
            .render_to(template, context, &mut html)
            .map_err(|e| self.theme.render_error(template, &e))?;
        Ok(html)
    }
}

/// The page at `url`, as `<url>/index.html`.
pub(crate) fn page_file(url: &str, html: Vec<u8>) -> OutputFile {
    OutputFile {
        path: page_path(url),
        contents: Contents::Bytes(html),
    }
}

/// A file of text at `path` below the output root.
pub(crate) fn text_file(path: impl Into<PathBuf>, text: String) -> OutputFile {
    OutputFile {
        path: path.into(),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

/// What every template sees as `site`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SiteView {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) language: String,
    /// Prefix of every internal link: "" or "/archive".
    pub(crate) base_path: String,
    pub(crate) base_url: String,
    pub(crate) menu: Vec<MenuEntry>,
    /// Whether the site has search.
    pub(crate) search: bool,
    /// Whether the base URL names a host. Only then can a page say where
    /// it lives for good (`<link rel="canonical">`): a canonical link must
    /// be absolute, and a root-relative one is invalid.
    pub(crate) has_host: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct MenuEntry {
    pub(crate) title: String,
    pub(crate) href: String,
}

impl SiteView {
    pub(crate) fn of(archive: &Archive) -> SiteView {
        let base_path = archive.config.base_url.path().to_owned();
        SiteView {
            title: archive.config.title.clone(),
            description: archive.config.description.clone(),
            language: archive.config.language.clone(),
            base_url: archive.config.base_url.absolute("/"),
            menu: archive
                .pages
                .iter()
                .map(|p| MenuEntry {
                    title: p.title.clone(),
                    href: format!("{base_path}{}", p.url),
                })
                .collect(),
            base_path,
            search: archive.config.search,
            has_host: archive.config.base_url.has_host(),
        }
    }
}

/// Which entry of the site's navigation a page at `path` is under
/// (`home`, `timeline`, `lookup`, `references`), or "" for none: the
/// header marks it, and deciding it here spares every page's template
/// a string of prefix tests.
pub(crate) fn section(path: &str) -> &'static str {
    // A taxonomy's pages are at `/<key>/…`.
    let in_taxonomy = || {
        let first = path.strip_prefix('/').and_then(|p| p.split_once('/'));
        first.is_some_and(|(first, _)| taxonomy::Facet::ALL.iter().any(|f| f.key() == first))
    };
    if path == "/" {
        "home"
    } else if path.starts_with("/timeline/") {
        "timeline"
    } else if in_taxonomy() {
        "lookup"
    } else if path.starts_with("/references/") {
        "references"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_under_their_navigation_entry() {
        assert_eq!(section("/"), "home");
        assert_eq!(section("/timeline/2021/06/"), "timeline");
        assert_eq!(section("/kinds/chi-thi/"), "lookup");
        assert_eq!(section("/localities/ha-noi/page/2/"), "lookup");
        assert_eq!(section("/references/"), "references");
        assert_eq!(section("/2021/07-kl-tw/"), "");
        assert_eq!(section("/search/"), "");
        assert_eq!(section("/kinds"), "");
        assert_eq!(section("/pages/kinds/"), "");
    }
}
