//! A directive citing a document, as the references list shows it under
//! the document (`partials/cited_by.html`), written in Rust when the
//! theme's partial is the built-in one, unchanged, as
//! [`super::directive_row`] writes a list's rows: a page of the list
//! shows fifty documents with their first citers each, and including the
//! partial for every citer was most of the page's time. Byte for byte
//! what the partial gives; `tests/it/themes.rs` compares sites built both
//! ways.

use super::built_in::Html;
use super::summary::DirectiveSummary;

/// The template whose output [`write`] gives.
pub(crate) const USES: [&str; 1] = ["partials/cited_by.html"];

/// The row of directive `d` citing the document `as_label` ("Thực
/// hiện"), by its text if `from_text`, as the partial renders it.
pub(crate) fn write(d: &DirectiveSummary, as_label: &str, from_text: bool, out: &mut Vec<u8>) {
    let mut html = Html::new(out);
    html.raw("<li>");
    html.text(as_label);
    html.raw(": ");
    html.dated_link(d);
    if from_text {
        html.raw(" <small>(nêu trong nội dung)</small>");
    }
}
