//! A directive citing a document, as the references list shows it under
//! the document (`partials/cited_by.html`), written in Rust when the
//! theme's partial is the built-in one, unchanged, as
//! [`super::directive_row`] writes a list's rows: a page of the list
//! shows fifty documents with their first citers each, and including the
//! partial for every citer was most of the page's time. Byte for byte
//! what the partial gives; `tests/it/themes.rs` compares sites built both
//! ways.

use super::built_in::{Html, given};
use super::references::Citer;
use super::summary::Summaries;

/// The template whose output [`rows`] gives.
pub(crate) const USES: [&str; 1] = ["partials/cited_by.html"];

/// The rows of `citers`, one after the other as the list writes them.
pub(crate) fn rows(summaries: &Summaries<'_>, citers: &[Citer]) -> String {
    let mut out = Vec::with_capacity(citers.len() * 160);
    for citer in citers {
        write(summaries, citer, &mut out);
    }
    // Only text and escaped text were written.
    String::from_utf8(out).unwrap_or_default()
}

fn write(summaries: &Summaries<'_>, citer: &Citer, out: &mut Vec<u8>) {
    let d = &summaries[citer.from];
    let mut html = Html::new(out);
    html.raw("<li>");
    html.text(citer.relation.label());
    html.raw(": <a href=\"");
    html.text(&d.href);
    html.raw("\">");
    html.text(&d.kind);
    if let Some(number) = given(&d.number) {
        html.raw(" ");
        html.text(number);
    }
    html.raw("</a> (");
    html.raw(&d.date.vietnamese_short());
    html.raw(")");
    if citer.from_text {
        html.raw(" <small>(nêu trong nội dung)</small>");
    }
}
