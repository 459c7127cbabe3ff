//! The references: every cited document, in the archive or not, with its
//! first citers, a page of them at a time (`/references/`,
//! `/references/page/2/`); and for a document outside the archive cited
//! more often than that, the list of every directive citing it
//! (`/references/ngoai-kho/<slug>/`).

use crate::diagnostic::Diagnostic;
use crate::render::base_html;
use crate::render::cited_row;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::pages::references_html;
use crate::render::paging::{self, Pagination};
use crate::render::reads::Read;
use crate::render::references::{
    self, Catalogue, Cited, cited_view, citers_url, citing, list_page, list_url,
};
use crate::render::shared::Shared;
use crate::render::site::{Site, page_file};

pub(crate) struct References;

impl PageKind for References {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let pages = site.references().pages(site.archive.config.paginate);
        (1..=pages)
            .map(|page| At::Reference {
                document: None,
                page,
            })
            .collect()
    }

    fn url(&self, _site: &Site<'_>, at: At) -> Option<String> {
        let At::Reference {
            document: None,
            page,
        } = at
        else {
            return None;
        };
        Some(list_url(page))
    }

    fn template(&self) -> Option<&'static str> {
        Some("references.html")
    }

    /// Every directive: which documents a page lists follows from the
    /// relations of all of them.
    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.push(Read::EveryDirective);
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Reference {
            document: None,
            page,
        } = at
        else {
            return Ok(Rendered::default());
        };
        let catalogue = site.references();
        let per_page = site.archive.config.paginate;
        let total = catalogue.pages(per_page);
        let base_path = site.base_path();
        let url = list_url(page);
        let inside = catalogue.documents.len() - catalogue.outside;
        // The years' index, on the first page of a list of several.
        let index = if page == 1 && total > 1 {
            references::index(catalogue, base_path, per_page)
        } else {
            Vec::new()
        };
        let pagination = Pagination::new(page, total, |n| format!("{base_path}{}", list_url(n)));
        if written_in_rust(site) {
            let parts = list_page(catalogue, page, per_page, |document| document);
            let mut html = Vec::with_capacity(64 * 1024);
            references_html::references(
                &references_html::ListPage {
                    site: &shared.site_view,
                    current_path: &url,
                    summaries: &shared.summaries,
                    outside: catalogue.outside,
                    inside,
                    index: &index,
                    parts: &parts,
                    pagination: &pagination,
                },
                &mut html,
            );
            return Ok(page_file(&url, html).into());
        }
        let rows = site.theme.is_built_in(&cited_row::USES);
        let mut context = site.context(&shared.site, &url);
        context.insert(
            "parts",
            &list_page(catalogue, page, per_page, |document| {
                cited_view(site.archive, &shared.summaries, document, rows)
            }),
        );
        context.insert("outside", &catalogue.outside);
        context.insert("inside", &inside);
        context.insert("index", &index);
        context.insert("pagination", &pagination);
        Ok(site.page_file("references.html", &url, &context)?.into())
    }
}

/// Whether the theme's references are the built-in ones, which
/// [`references_html`] writes.
fn written_in_rust(site: &Site<'_>) -> bool {
    site.theme.is_built_in(&base_html::USES) && site.theme.is_built_in(&references_html::USES)
}

/// The directives citing one document outside the archive.
pub(crate) struct CitedBy;

impl CitedBy {
    fn document(catalogue: &Catalogue, at: At) -> Option<(usize, &Cited, &str, usize)> {
        let At::Reference {
            document: Some(index),
            page,
        } = at
        else {
            return None;
        };
        let document = catalogue.documents.get(index)?;
        Some((index, document, document.slug.as_deref()?, page))
    }
}

impl PageKind for CitedBy {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let per_page = site.archive.config.paginate;
        site.references()
            .with_citer_lists()
            .flat_map(|(index, document)| {
                (1..=paging::page_count(document.citers.len(), per_page)).map(move |page| {
                    At::Reference {
                        document: Some(index),
                        page,
                    }
                })
            })
            .collect()
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let (_, _, slug, page) = Self::document(site.references(), at)?;
        Some(citers_url(slug, page))
    }

    fn template(&self) -> Option<&'static str> {
        Some("cited.html")
    }

    /// Every directive: which document the list is of, and under which
    /// name, follows from the relations of all of them.
    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.push(Read::EveryDirective);
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let catalogue = site.references();
        let Some((index, document, slug, page)) = Self::document(catalogue, at) else {
            return Ok(Rendered::default());
        };
        let per_page = site.archive.config.paginate;
        let base_path = site.base_path();
        let url = citers_url(slug, page);
        let range = paging::slice(document.citers.len(), page, per_page);
        let total = paging::page_count(document.citers.len(), per_page);
        let listed_at = format!(
            "{base_path}{}#{}",
            list_url(catalogue.page_of(index, per_page)),
            references::anchor_of(catalogue, index)
        );
        let pagination = Pagination::new(page, total, |n| {
            format!("{base_path}{}", citers_url(slug, n))
        });
        if written_in_rust(site) {
            let mut html = Vec::with_capacity(32 * 1024);
            references_html::cited(
                &references_html::CitersPage {
                    site: &shared.site_view,
                    current_path: &url,
                    summaries: &shared.summaries,
                    document,
                    citers: &document.citers[range.clone()],
                    start: range.start + 1,
                    listed_at: &listed_at,
                    pagination: &pagination,
                },
                &mut html,
            );
            return Ok(page_file(&url, html).into());
        }
        let citers: Vec<_> = document.citers[range.clone()]
            .iter()
            .map(|c| citing(&shared.summaries, c))
            .collect();
        let mut context = site.context(&shared.site, &url);
        context.insert(
            "doc",
            &cited_view(site.archive, &shared.summaries, document, false),
        );
        context.insert("citers", &citers);
        context.insert("start", &(range.start + 1));
        context.insert("listed_at", &listed_at);
        context.insert("pagination", &pagination);
        Ok(site.page_file("cited.html", &url, &context)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::references::URL;

    #[test]
    fn the_first_page_is_the_references_page() {
        assert_eq!(list_url(1), URL);
        assert_eq!(list_url(2), "/references/page/2/");
        assert_eq!(citers_url("35-ct-tw", 1), "/references/ngoai-kho/35-ct-tw/");
    }
}
