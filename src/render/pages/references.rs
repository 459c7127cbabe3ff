//! The page of every cited document, in the archive or not, with who
//! cites it.

use crate::diagnostic::Diagnostic;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::references::references;
use crate::render::shared::Shared;
use crate::render::site::Site;

/// Its site path.
pub(crate) const URL: &str = "/references/";

pub(crate) struct References;

impl PageKind for References {
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some(URL.to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some("references.html")
    }

    fn reads(&self, _site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        reads.push(Read::EveryDirective);
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
        let mut context = site.context(&shared.site, URL);
        context.insert("references", &references(site.archive, &shared.summaries));
        let capacity = site.listing_capacity();
        Ok(site
            .page_file_with_capacity("references.html", URL, &context, capacity)?
            .into())
    }
}
