//! A facet's index: its terms, with how many directives each has.

use crate::diagnostic::Diagnostic;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::taxonomy::{Taxonomy, facet_view, facet_views};

pub(crate) struct TaxonomyIndex;

impl PageKind for TaxonomyIndex {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        (0..site.taxonomies.len())
            .map(|taxonomy| At::Taxonomy {
                taxonomy,
                term: None,
                page: 0,
            })
            .collect()
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::Taxonomy { taxonomy, .. } = at else {
            return None;
        };
        Some(site.taxonomies[taxonomy].index_url())
    }

    fn template(&self) -> Option<&'static str> {
        Some("taxonomy.html")
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.push(Read::Facets);
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Taxonomy { taxonomy: t, .. } = at else {
            return Ok(Rendered::default());
        };
        let taxonomy = &site.taxonomies[t];
        let url = taxonomy.index_url();
        let mut context = site.context(&shared.site, &url);
        context.insert(
            "facet",
            &facet_view(taxonomy, site.base_path(), |i| taxonomy.term_href(i)),
        );
        context.insert(
            "facets",
            &facet_views(
                &site.taxonomies,
                site.base_path(),
                Taxonomy::term_href,
                false,
            ),
        );
        Ok(site.page_file("taxonomy.html", &url, &context)?.into())
    }
}
