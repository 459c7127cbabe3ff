//! A directive's row in a list (`partials/directive_row.html`), written in
//! Rust when the theme's partial is the built-in one, unchanged, as
//! [`super::timeline_entry`] writes timeline entries: a term's listing
//! shows fifty rows, and every directive is in several terms, so its row
//! was rendered through a template's include several times per build.
//! Byte for byte what the partial gives; `tests/it/themes.rs` compares
//! sites built both ways.

use super::built_in::Html;
use super::summary::{DirectiveSummary, Summaries};
use super::theme::Theme;

/// The template whose output [`write`] gives.
pub(crate) const USES: [&str; 1] = ["partials/directive_row.html"];

/// The rows of directives `listed`, one after the other as the lists
/// write them, if the theme's row is the built-in one: the listing's
/// template writes them as given (`rows`) instead of including the
/// partial for each.
pub(crate) fn rows(theme: &Theme, summaries: &Summaries<'_>, listed: &[usize]) -> Option<String> {
    if !theme.is_built_in(&USES) {
        return None;
    }
    let mut out = Vec::with_capacity(listed.len() * 320);
    for &index in listed {
        write(&summaries[index], &mut out);
    }
    // Only text and escaped text were written.
    String::from_utf8(out).ok()
}

/// One row, as the partial renders it.
fn write(d: &DirectiveSummary, out: &mut Vec<u8>) {
    let mut html = Html::new(out);
    html.raw("<li class=\"level-");
    html.text(d.level.as_ref().map_or("none", |level| level.key));
    html.raw("\"><time datetime=\"");
    html.raw(&d.date.iso());
    html.raw("\">");
    html.raw(&d.date.vietnamese_short());
    html.raw("</time> <b>");
    html.short_name(d);
    html.raw("</b> <a href=\"");
    html.text(&d.href);
    html.raw("\">");
    html.no_break(&d.title);
    html.raw("</a> <span>");
    html.text(&d.issuer);
    html.raw("</span>");
}
