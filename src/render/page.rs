//! What a kind of page is: the contract every file of [`super::pages`]
//! fulfils, so that the plan, the build and `serve` treat them alike.

use std::path::PathBuf;

use super::output::{OutputFile, page_path};
use super::reads::{Needs, Read};
use super::search::Text;
use super::shared::Shared;
use super::site::Site;
use crate::diagnostic::Diagnostic;

/// Where a page is among the pages of its kind.
///
/// The plan lists pages in this order (derived): the site-wide pages, the
/// timeline's years and months, the pages of the references, each
/// taxonomy's index and per term its listing pages, the filtered
/// timelines, the directives, the full lists of their relations, the
/// free-standing pages, the static files. The sitemap lists them so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum At {
    /// The one page of its kind.
    Whole,
    /// A page of the timeline by date: year `year`'s (`month` 0), or page
    /// `page` (from 1) of its month `month`.
    Dated {
        year: i32,
        month: u8,
        page: usize,
    },
    /// Page `page` (from 1) of the references' list (`document` `None`),
    /// or of the directives citing one document outside the archive
    /// (`document`: its place among those the references list).
    Reference {
        document: Option<usize>,
        page: usize,
    },
    /// A taxonomy's page: its index (`term` `None`) or page `page` (from 1)
    /// of a term's listing.
    Taxonomy {
        taxonomy: usize,
        term: Option<usize>,
        page: usize,
    },
    /// Page `page` (from 1) of the timeline of a term that filters it.
    TermTimeline {
        taxonomy: usize,
        term: usize,
        page: usize,
    },
    Directive(usize),
    /// Page `page` (from 1) of the full list of one group of a directive's
    /// relations (`group`: its place in `render::related::Group::all`).
    Related {
        directive: usize,
        group: usize,
        page: usize,
    },
    /// A free-standing page (`content/pages/`).
    Page(usize),
    Static(usize),
}

/// What rendering a page gives: its files, and for a directive the text
/// of its body as search reads it, parsed once for both.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub(crate) files: Vec<OutputFile>,
    pub(crate) text: Option<(usize, Text)>,
}

impl From<OutputFile> for Rendered {
    fn from(file: OutputFile) -> Rendered {
        Rendered {
            files: vec![file],
            text: None,
        }
    }
}

impl From<Vec<OutputFile>> for Rendered {
    fn from(files: Vec<OutputFile>) -> Rendered {
        Rendered { files, text: None }
    }
}

/// A kind of page: which pages of it the site has, where each goes, what
/// each reads, and how it is rendered. Rendering is a function of the
/// site and the shared values alone.
pub(crate) trait PageKind: Sync {
    /// The pages of this kind the site has: by default the one page of a
    /// site-wide kind.
    fn pages(&self, _site: &Site<'_>) -> Vec<At> {
        vec![At::Whole]
    }

    /// The site path of the page's HTML, for the kinds that make one.
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        None
    }

    /// The files the page writes, known before it is rendered.
    fn files(&self, site: &Site<'_>, at: At) -> Vec<PathBuf> {
        self.url(site, at)
            .map(|url| vec![page_path(&url)])
            .unwrap_or_default()
    }

    /// The theme's template the page is rendered with, if any; the base
    /// and partial templates are in every page that has one.
    fn template(&self) -> Option<&'static str> {
        None
    }

    /// Everything the page shows of the site, besides the site's settings
    /// and the templates, which every page reads.
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>);

    /// The directives whose points' anchors the page links to: of what
    /// [`Self::reads`] declares, all that a build needs to know when it
    /// makes every summary anyway. Asking every directive page all it
    /// reads (its chain, what relates to it) was a hundredth of a build.
    /// A kind whose reads hold [`Read::Points`] must give the same here
    /// (the directive page makes its reads' from this), or a full build
    /// links its points to whole pages.
    fn points(&self, _site: &Site<'_>, _at: At, _points: &mut Vec<usize>) {}

    /// The shared values it needs made before it is rendered.
    fn needs(&self) -> Needs {
        Needs::NOTHING
    }

    /// Whether the page lists all or much of the archive: a page of tens
    /// of megabytes in a large one, rendered one at a time.
    fn is_heavy(&self) -> bool {
        false
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic>;
}
