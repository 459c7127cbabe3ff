//! The front page: the archive's introduction, its newest directives, and
//! the ways into the rest (the timeline, each facet's index, each year,
//! the references, search). It stays the same size however large the
//! archive grows: the directives are reached through the years and the
//! facets' terms.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::render::directive_row;
use crate::render::markdown::{self, Flavour};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::references;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::summary::SummaryValue;
use crate::render::taxonomy::Facet;

/// How many of the newest directives the front page lists.
pub(crate) const NEWEST: usize = 20;

pub(crate) struct Front;

/// A facet as the front page offers it: its index, and how many terms.
#[derive(Debug, Serialize)]
struct FacetLink {
    key: &'static str,
    label: &'static str,
    href: String,
    terms: usize,
}

/// A year, linked to its directives.
#[derive(Debug, Serialize)]
struct YearLink {
    label: String,
    href: String,
    count: usize,
}

impl PageKind for Front {
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some("/".to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some("index.html")
    }

    /// Its text, the newest directives, and the facets (the years and the
    /// counts it shows, the archive's size among them).
    fn reads(&self, site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.extend([Read::FrontPage, Read::Facets]);
        let newest = site.archive.directives.len().min(NEWEST);
        reads.extend((0..newest).map(Read::Directive));
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        let mut context = site.context(&shared.site, "/");
        let front = &site.archive.front_page;
        let base_path = site.base_path();
        let intro = markdown::to_html(&front.body, Flavour::Page, shared.html_settings(site), None);
        context.insert("title", &front.title);
        context.insert("intro", &intro);
        let facets: Vec<FacetLink> = site
            .taxonomies
            .iter()
            .map(|t| FacetLink {
                key: t.facet.key(),
                label: t.facet.label(),
                href: format!("{base_path}{}", t.index_url()),
                terms: t.terms.len(),
            })
            .collect();
        context.insert("facets", &facets);
        // Newest first, as the list above them.
        let years: Vec<YearLink> = site
            .taxonomies
            .iter()
            .filter(|t| t.facet == Facet::Year)
            .flat_map(|t| {
                t.terms
                    .iter()
                    .enumerate()
                    .rev()
                    .map(move |(i, term)| YearLink {
                        label: term.label.clone(),
                        href: format!("{base_path}{}", t.term_href(i)),
                        count: term.directives.len(),
                    })
            })
            .collect();
        context.insert("years", &years);
        let newest = site.archive.directives.len().min(NEWEST);
        let directives: Vec<SummaryValue> =
            (0..newest).map(|i| shared.summaries.value(i)).collect();
        context.insert("directives", &directives);
        let listed: Vec<usize> = (0..newest).collect();
        if let Some(rows) = directive_row::rows(site.theme, &shared.summaries, &listed) {
            context.insert("rows", &rows);
        }
        context.insert("total", &site.archive.directives.len());
        context.insert(
            "references_href",
            &format!("{base_path}{}", references::URL),
        );
        Ok(site.page_file("index.html", "/", &context)?.into())
    }
}
