//! A timeline entry: what the entry template sees, and the built-in
//! theme's entry (`partials/timeline_entry.html`) for a directive or its
//! circulation written in Rust, as [`super::pages::directive_html`]
//! writes a directive's page: every directive has one or more, and a
//! template's context per entry cost more than the entry. Byte for byte what the template gives, with the
//! same marks for its ties and optional parts (`super::fragment`);
//! `tests/it/themes.rs` compares sites built both ways. Entries of
//! documents outside the archive are rendered by their page's template.

use serde::Serialize;

use super::built_in::Html;
use super::fragment::{MARKS, Marks};
use super::summary::{DateView, Summaries, SummaryValue};

/// What the entry template sees.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    /// `directive`, `received`, `copied` or `outside`.
    pub(crate) class: &'static str,
    pub(crate) date: DateView,
    /// The date as shown under its month's heading ("11/6"), or in full
    /// where there is no such heading ("30/5/2019").
    pub(crate) day: String,
    /// For a directive entry: its anchor on the page and its summary.
    pub(crate) anchor: Option<String>,
    /// The directive's summary as a template value, for a template that
    /// writes the entry; none when the entry is written in Rust.
    pub(crate) directive: Option<SummaryValue>,
    /// Its index in the archive, for entries written without a template.
    #[serde(skip)]
    pub(crate) directive_index: Option<usize>,
    /// Secondary entries: the ids of the directives they belong to, for
    /// the script that filters a page in place.
    pub(crate) belongs_to: String,
    /// Secondary entries: what happened, in words.
    pub(crate) label: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) ties: Vec<Tie>,
    /// A document outside the archive cited by more directives than it
    /// shows ties to: how many more, and where they are all listed.
    pub(crate) more: Option<More>,
    /// What the template writes around each part a page may leave out.
    pub(crate) optional: Marks,
}

/// A line tying an entry to another: "thực hiện Kết luận 07-KL/TW, 11 ngày sau".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tie {
    pub(crate) label: String,
    pub(crate) text: String,
    pub(crate) href: String,
    pub(crate) days: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct More {
    pub(crate) text: String,
    pub(crate) href: String,
}

/// `entry`, a directive's or one of its circulation events', as the
/// entry template renders it, into `out`.
pub(crate) fn write(entry: &Entry, summaries: &Summaries<'_>, out: &mut Vec<u8>) {
    let mut html = Html::new(out);
    match entry.directive_index {
        Some(index) => directive(&mut html, entry, summaries, index),
        None => circulation(&mut html, entry),
    }
}

fn directive(html: &mut Html<'_>, entry: &Entry, summaries: &Summaries<'_>, index: usize) {
    let d = &summaries[index];
    html.raw("<li class=\"level-");
    html.text(d.level.as_ref().map_or("none", |level| level.key));
    html.raw("\"");
    html.raw(MARKS.anchor);
    html.raw(" id=\"");
    html.text(entry.anchor.as_deref().unwrap_or(""));
    html.raw("\"");
    html.raw(MARKS.anchor);
    html.raw(" data-directive=\"");
    html.text(&d.id);
    html.raw("\">");
    day(html, entry);
    html.raw(" <b>");
    html.short_name(d);
    html.raw("</b>");
    html.raw(MARKS.issuer);
    html.raw(" · ");
    html.text(&d.issuer);
    html.raw(MARKS.issuer);
    html.raw("<br><a href=\"");
    html.text(&d.href);
    html.raw("\">");
    html.no_break(&d.title);
    html.raw("</a>");
    html.raw(MARKS.ties);
    ties(html, &entry.ties);
    html.raw(MARKS.ties);
}

fn circulation(html: &mut Html<'_>, entry: &Entry) {
    html.raw("<li class=\"entry-");
    html.text(entry.class);
    html.raw("\" data-for=\"");
    html.text(&entry.belongs_to);
    html.raw("\">");
    day(html, entry);
    html.raw(" <b>");
    html.text(entry.label.as_deref().unwrap_or(""));
    html.raw("</b> ");
    html.no_break(entry.detail.as_deref().unwrap_or(""));
    ties(html, &entry.ties);
}

fn day(html: &mut Html<'_>, entry: &Entry) {
    html.raw("<time datetime=\"");
    html.text(&entry.date.iso);
    html.raw("\">");
    html.text(&entry.day);
    html.raw("</time>");
}

fn ties(html: &mut Html<'_>, ties: &[Tie]) {
    for tie in ties {
        html.raw("<p>");
        html.text(&tie.label);
        html.raw(" <a href=\"");
        html.text(&tie.href);
        html.raw("\">");
        html.text(&tie.text);
        html.raw("</a>, ");
        html.text(&tie.days);
    }
}
