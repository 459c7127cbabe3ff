//! The full list of one group of a directive's relations, a page of them
//! at a time (`/2021/07-kl-tw/duoc-dan-chieu-boi/page/2/`), for a group
//! larger than the directive's own page shows.

use crate::diagnostic::Diagnostic;
use crate::render::context::{Writer, related_item};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::paging::{self, Pagination};
use crate::render::reads::Read;
use crate::render::related::Group;
use crate::render::shared::Shared;
use crate::render::site::Site;

pub(crate) struct RelatedList;

impl RelatedList {
    /// The positions of the members on page `page` of `group` of
    /// directive `i`.
    fn listed(site: &Site<'_>, i: usize, group: Group, page: usize) -> Vec<usize> {
        let members = group.members(site.archive, i);
        let range = paging::slice(members.len(), page, site.archive.config.paginate);
        members[range].to_vec()
    }

    fn parts(at: At) -> Option<(usize, Group, usize)> {
        let At::Related {
            directive,
            group,
            page,
        } = at
        else {
            return None;
        };
        Some((directive, Group::at(group)?, page))
    }
}

impl PageKind for RelatedList {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let archive = site.archive;
        let per_page = archive.config.paginate;
        let mut pages = Vec::new();
        for directive in 0..archive.directives.len() {
            // Most directives have a few relations: skip them at once.
            let most = archive.relations[directive]
                .len()
                .max(archive.backlinks[directive].len());
            if most <= crate::render::related::SHOWN {
                continue;
            }
            for group in Group::all() {
                let count = group.list_pages(archive, directive, per_page);
                pages.extend((1..=count).map(|page| At::Related {
                    directive,
                    group: group.index(),
                    page,
                }));
            }
        }
        pages
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let (i, group, page) = Self::parts(at)?;
        Some(group.list_url(site.archive, i, page))
    }

    fn template(&self) -> Option<&'static str> {
        Some("related.html")
    }

    /// The directive, and the directives on that page.
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let Some((i, group, page)) = Self::parts(at) else {
            return;
        };
        reads.push(Read::Directive(i));
        reads.extend(
            Self::listed(site, i, group, page)
                .into_iter()
                .filter_map(|p| group.directive(site.archive, i, p))
                .map(Read::Directive),
        );
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let Some((i, group, page)) = Self::parts(at) else {
            return Ok(Rendered::default());
        };
        let archive = site.archive;
        let summaries = &shared.summaries;
        let url = group.list_url(archive, i, page);
        let per_page = archive.config.paginate;
        let count = group.count(archive, i);
        let total = paging::page_count(count, per_page);
        let base_path = site.base_path();
        let items: Vec<_> = Self::listed(site, i, group, page)
            .into_iter()
            .map(|p| related_item(archive, summaries, i, group, p, Writer::Template))
            .collect();
        let mut context = site.context(&shared.site, &url);
        context.insert("directive", &summaries.value(i));
        context.insert("label", group.label());
        context.insert("relation", group.relation.key());
        context.insert("direction", group.direction());
        context.insert("count", &count);
        context.insert("start", &(paging::slice(count, page, per_page).start + 1));
        context.insert("items", &items);
        context.insert(
            "pagination",
            &Pagination::new(page, total, |n| {
                format!("{base_path}{}", group.list_url(archive, i, n))
            }),
        );
        Ok(site.page_file("related.html", &url, &context)?.into())
    }
}
