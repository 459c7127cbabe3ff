//! What other programs read: the Atom feed, the sitemap and robots.txt.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::render::feeds;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::{Site, text_file};

/// The newest directives, in Atom.
pub(crate) struct Atom;

impl PageKind for Atom {
    fn files(&self, _site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        vec![PathBuf::from(feeds::ATOM)]
    }

    fn reads(&self, site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        let newest = site
            .archive
            .directives
            .len()
            .min(site.archive.config.feed_limit);
        reads.extend((0..newest).map(Read::Directive));
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        Ok(text_file(feeds::ATOM, feeds::atom(site.archive, &shared.summaries)).into())
    }
}

/// `robots.txt`, naming the sitemap when there is one.
pub(crate) struct Robots;

const ROBOTS: &str = "robots.txt";

impl PageKind for Robots {
    fn files(&self, _site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        vec![PathBuf::from(ROBOTS)]
    }

    fn reads(&self, _site: &Site<'_>, _at: At, _reads: &mut Vec<Read>) {}

    fn render(
        &self,
        site: &Site<'_>,
        _shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        Ok(text_file(ROBOTS, feeds::robots(site.archive)).into())
    }
}

/// Every page's absolute URL. The sitemap protocol takes only absolute
/// URLs: without a host to put in them there is no valid sitemap to
/// write, and the site has none.
pub(crate) struct Sitemap;

impl PageKind for Sitemap {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        if site.archive.config.base_url.has_host() {
            vec![At::Whole]
        } else {
            Vec::new()
        }
    }

    fn files(&self, site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        feeds::sitemap_paths(site.page_urls.len())
            .into_iter()
            .map(PathBuf::from)
            .collect()
    }

    /// The pages there are follow from the directives and the terms.
    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.extend([Read::EveryDirective, Read::Facets]);
    }

    fn render(
        &self,
        site: &Site<'_>,
        _shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        Ok(
            feeds::sitemaps(&site.archive.config.base_url, &site.page_urls)
                .into_iter()
                .map(|(path, xml)| text_file(path, xml))
                .collect::<Vec<_>>()
                .into(),
        )
    }
}
