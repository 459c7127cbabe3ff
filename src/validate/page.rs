//! Free-standing pages and the front page's introduction.

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::load::SourceFile;
use crate::load::fields::Fields;
use crate::model::{FrontPage, Page};
use crate::validate::url;

const PAGE_KEYS: &[&str] = &["title", "slug", "summary", "weight", "draft"];
const FRONT_PAGE_KEYS: &[&str] = &["title"];

pub(crate) fn read_page(file: SourceFile, diagnostics: &mut Diagnostics) -> Option<Page> {
    let Some(node) = &file.front_matter else {
        diagnostics.push(Diagnostic::error(
            &file.path,
            Position::START,
            "a page needs front matter between `---` lines with at least a title",
        ));
        return None;
    };
    let mut fields = Fields::new(&file.path, node, PAGE_KEYS, diagnostics)?;
    let title = fields.required_string("title");
    let slug = fields.string("slug");
    let slug_position = fields
        .entry("slug")
        .map_or(Position::START, |e| e.value.position);
    let url = slug
        .as_deref()
        .map_or(Ok(()), url::check_slug)
        .and_then(|()| url::url_of(&file.content_path, slug.as_deref()));
    let url = match url {
        Ok(url) => Some(url),
        Err(message) => {
            fields.error(slug_position, message);
            None
        }
    };
    let summary = fields.string("summary");
    let weight = fields.integer("weight").unwrap_or(0);
    let draft = fields.bool("draft").unwrap_or(false);
    fields.finish();
    Some(Page {
        source_path: file.path,
        url: url?,
        title: title?,
        summary,
        weight,
        draft,
        body: file.body,
    })
}

pub(crate) fn read_front_page(file: SourceFile, diagnostics: &mut Diagnostics) -> FrontPage {
    let title = file.front_matter.as_ref().and_then(|node| {
        let mut fields = Fields::new(&file.path, node, FRONT_PAGE_KEYS, diagnostics)?;
        let title = fields.string("title");
        fields.finish();
        title
    });
    FrontPage {
        title,
        body: file.body,
    }
}
