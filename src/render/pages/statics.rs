//! The theme's static files (stylesheet, scripts, icons), copied as they
//! are.

use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::render::output::{Contents, OutputFile};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::theme::StaticSource;

pub(crate) struct StaticFile;

impl PageKind for StaticFile {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        (0..site.theme.static_files.len()).map(At::Static).collect()
    }

    fn files(&self, site: &Site<'_>, at: At) -> Vec<PathBuf> {
        let At::Static(i) = at else { return Vec::new() };
        vec![site.theme.static_files[i].output_path.clone()]
    }

    fn reads(&self, _site: &Site<'_>, _at: At, _reads: &mut Vec<Read>) {}

    fn render(
        &self,
        site: &Site<'_>,
        _shared: &Shared<'_>,
        at: At,
    ) -> Result<Rendered, Diagnostic> {
        let At::Static(index) = at else {
            return Ok(Rendered::default());
        };
        let file = &site.theme.static_files[index];
        let contents = match &file.source {
            StaticSource::Embedded(bytes) => Contents::Bytes(bytes.to_vec()),
            StaticSource::File(path) => Contents::Copy(path.clone()),
        };
        Ok(OutputFile {
            path: file.output_path.clone(),
            contents,
        }
        .into())
    }
}
