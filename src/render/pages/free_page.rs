//! A free-standing page (`content/pages/`): about, the editors' guide.

use crate::diagnostic::Diagnostic;
use crate::render::context::page_view;
use crate::render::markdown::{self, Flavour};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;

pub(crate) struct FreePage;

impl PageKind for FreePage {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        (0..site.archive.pages.len()).map(At::Page).collect()
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::Page(i) = at else { return None };
        Some(site.archive.pages[i].url.clone())
    }

    fn template(&self) -> Option<&'static str> {
        Some("page.html")
    }

    fn reads(&self, _site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        if let At::Page(i) = at {
            reads.push(Read::Page(i));
        }
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Page(index) = at else {
            return Ok(Rendered::default());
        };
        let page = &site.archive.pages[index];
        let mut context = site.context(&shared.site, &page.url);
        let body = markdown::to_html(&page.body, Flavour::Page, shared.html_settings(site), None);
        context.insert("page", &page_view(site.archive, page));
        context.insert("body", &body);
        Ok(site.page_file("page.html", &page.url, &context)?.into())
    }
}
