//! The front page: the archive's introduction, its facets, and every
//! directive, newest first.

use crate::diagnostic::Diagnostic;
use crate::render::markdown::{self, Flavour};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::taxonomy::facet_views;

pub(crate) struct Front;

impl PageKind for Front {
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some("/".to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some("index.html")
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.extend([Read::FrontPage, Read::EveryDirective, Read::Facets]);
    }

    fn is_heavy(&self) -> bool {
        true
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        let mut context = site.context(&shared.site, "/");
        let front = &site.archive.front_page;
        let intro = markdown::to_html(&front.body, Flavour::Page, shared.html_settings(site), None);
        context.insert("title", &front.title);
        context.insert("intro", &intro);
        context.insert(
            "facets",
            &facet_views(
                &site.taxonomies,
                site.base_path(),
                |t, _| t.index_url(),
                false,
            ),
        );
        context.insert_value("directives", shared.summaries.all());
        let capacity = site.listing_capacity();
        Ok(site
            .page_file_with_capacity("index.html", "/", &context, capacity)?
            .into())
    }
}
