//! A term's listing: its directives, a page of them at a time, for the
//! facets that do not filter the timeline (tags); the others list theirs
//! on the timeline.

use crate::diagnostic::Diagnostic;
use crate::render::base_html;
use crate::render::directive_row;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::summary::SummaryValue;
use crate::render::taxonomy::pagination;

pub(crate) struct TermListing;

impl TermListing {
    /// The directives on page `page` (from 1) of term `term`.
    fn listed<'s>(site: &'s Site<'_>, taxonomy: usize, term: usize, page: usize) -> &'s [usize] {
        let members = &site.taxonomies[taxonomy].terms[term].directives;
        let size = site.archive.config.paginate;
        let start = ((page - 1) * size).min(members.len());
        &members[start..(start + size).min(members.len())]
    }
}

impl PageKind for TermListing {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let mut pages = Vec::new();
        // A facet that filters the timeline lists its terms' directives
        // there ([`Taxonomy::term_href`]).
        let listed = site
            .taxonomies
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.facet.filters_timeline());
        for (taxonomy, t) in listed {
            for (term, entry) in t.terms.iter().enumerate() {
                let count = entry
                    .directives
                    .len()
                    .div_ceil(site.archive.config.paginate);
                pages.extend((1..=count).map(|page| At::Taxonomy {
                    taxonomy,
                    term: Some(term),
                    page,
                }));
            }
        }
        pages
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::Taxonomy {
            taxonomy,
            term: Some(term),
            page,
        } = at
        else {
            return None;
        };
        Some(site.taxonomies[taxonomy].term_url(term, page))
    }

    fn template(&self) -> Option<&'static str> {
        Some("term.html")
    }

    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let At::Taxonomy {
            taxonomy,
            term: Some(term),
            page,
        } = at
        else {
            return;
        };
        reads.push(Read::Term { taxonomy, term });
        reads.extend(
            Self::listed(site, taxonomy, term, page)
                .iter()
                .map(|&i| Read::Directive(i)),
        );
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Taxonomy {
            taxonomy: t,
            term: Some(term),
            page,
        } = at
        else {
            return Ok(Rendered::default());
        };
        let taxonomy = &site.taxonomies[t];
        let entry = &taxonomy.terms[term];
        let url = taxonomy.term_url(term, page);
        let total = entry
            .directives
            .len()
            .div_ceil(site.archive.config.paginate);
        let listed = Self::listed(site, t, term, page);
        let base_path = site.base_path();
        let mut context = site.context(&shared.site, &url);
        context.insert(
            "term",
            &serde_json::json!({
                "facet": taxonomy.facet.key(),
                "facet_label": taxonomy.facet.label(),
                "facet_href": format!("{base_path}{}", taxonomy.index_url()),
                "label": entry.label,
                "count": entry.directives.len(),
            }),
        );
        // The built-in template reads the directives' values only to write
        // rows that Rust has written: the values are not made for it.
        let rows = directive_row::rows(site.theme, &shared.summaries, listed);
        let built_in =
            site.theme.is_built_in(&["term.html"]) && site.theme.is_built_in(&base_html::USES);
        if rows.is_none() || !built_in {
            let directives: Vec<SummaryValue> =
                listed.iter().map(|&i| shared.summaries.value(i)).collect();
            context.insert("directives", &directives);
        }
        if let Some(rows) = rows {
            context.insert("rows", &rows);
        }
        context.insert(
            "pagination",
            &pagination(taxonomy, term, page, total, base_path),
        );
        Ok(site.page_file("term.html", &url, &context)?.into())
    }
}
