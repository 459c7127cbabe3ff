//! Search: the page readers search from, and the index it loads.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::{Needs, Read};
use crate::render::search;
use crate::render::shared::Shared;
use crate::render::site::Site;

/// Its site path.
pub(crate) const URL: &str = "/search/";

/// The search page, with the facets it filters by.
pub(crate) struct SearchPage;

impl PageKind for SearchPage {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        if site.archive.config.search {
            vec![At::Whole]
        } else {
            Vec::new()
        }
    }

    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some(URL.to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some("search.html")
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.push(Read::Facets);
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        let mut context = site.context(&shared.site, URL);
        context.insert("facets", &filters(site));
        Ok(site.page_file("search.html", URL, &context)?.into())
    }
}

/// The search page's filters: the terms of the facets search filters
/// by, valued by slug as in the search manifest.
fn filters(site: &Site<'_>) -> Vec<serde_json::Value> {
    search::FILTERS
        .iter()
        .filter_map(|(facet, param)| {
            let taxonomy = site.taxonomies.iter().find(|t| t.facet == *facet)?;
            let terms: Vec<serde_json::Value> = taxonomy
                .terms
                .iter()
                .map(|t| serde_json::json!({ "value": t.slug, "label": t.label }))
                .collect();
            Some(serde_json::json!({ "param": param, "label": facet.label(), "terms": terms }))
        })
        .collect()
}

/// Every file of the search index (see [`search`]), made from the texts
/// the directive pages gathered.
pub(crate) struct SearchIndex;

impl PageKind for SearchIndex {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        SearchPage.pages(site)
    }

    fn files(&self, site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        search::files(site.archive.directives.len())
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.extend([Read::EveryDirective, Read::Facets]);
    }

    fn needs(&self) -> Needs {
        Needs::TEXTS
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        let Some(texts) = &shared.texts else {
            return Ok(Rendered::default());
        };
        let index = texts.finish(site.archive, shared.summaries.list(), &site.taxonomies);
        Ok(index.into_files().into())
    }
}
