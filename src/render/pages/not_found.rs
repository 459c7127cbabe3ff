//! `404.html`, which servers show for a path the site does not have.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::{Site, text_file};

const PATH: &str = "404.html";

pub(crate) struct NotFound;

impl PageKind for NotFound {
    fn files(&self, _site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        vec![PathBuf::from(PATH)]
    }

    fn template(&self) -> Option<&'static str> {
        Some(PATH)
    }

    fn reads(&self, _site: &Site<'_>, _at: At, _reads: &mut Vec<Read>) {}

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        let context = site.context(&shared.site, "/404.html");
        let html = site
            .theme
            .tera
            .render(PATH, &context)
            .map_err(|e| site.theme.render_error(PATH, &e))?;
        Ok(text_file(PATH, html).into())
    }
}
