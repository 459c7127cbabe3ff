//! `directives.json`: every directive's record, for other tools.

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Position};
use crate::render::index_json;
use crate::render::output::{Contents, OutputFile};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;

/// Its path below the output root.
pub(crate) const PATH: &str = "directives.json";

pub(crate) struct DirectivesJson;

impl PageKind for DirectivesJson {
    fn files(&self, _site: &Site<'_>, _at: At) -> Vec<PathBuf> {
        vec![PathBuf::from(PATH)]
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
        let json = index_json::render(site.archive, shared.summaries.list())
            .map_err(|e| Diagnostic::error(PATH, Position::START, e.to_string()))?;
        Ok(OutputFile {
            path: PathBuf::from(PATH),
            contents: Contents::Pieces(json),
        }
        .into())
    }
}
