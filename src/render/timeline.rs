//! The timeline (Dòng thời gian): directives in date order, grouped by year
//! and month, with their circulation and the documents they cite from
//! outside the archive as secondary entries, and the ties between them.
//!
//! A directive's entries are rendered once per build ([`Entries`]) and
//! shown on its month's page, on every filtered timeline it belongs to,
//! and on the overview when the whole timeline fits on it; each page only
//! fills in where their ties lead ([`Links`]): to an entry on the same
//! page by its anchor, to one on another page by that page and anchor.
//! A filtered timeline lists its directives compactly: it leaves out the
//! entries' ties, which the month's page and the directive's own page
//! show, and what it would repeat on every line ([`Optional`]).

use rayon::prelude::*;
use serde::Serialize;

use super::calendar::{Calendar, Slot, chronological, position_in};
use super::fragment::{self, Fragment, Optional, Piece};
use super::paging;
use super::phrasing;
use super::summary::{Summaries, entry_anchor, push_entry_anchor};
use super::taxonomy::{Facet, Taxonomy};
use super::theme::Theme;
use super::timeline_entry::{self, Entry, More, Tie};
use crate::date::{Date, YearMonth};
use crate::diagnostic::Diagnostic;
use crate::link::Archive;
use crate::model::Circulation;
use crate::vietnamese;

/// The template of one entry.
const ENTRY_TEMPLATE: &str = "partials/timeline_entry.html";

/// The ties an entry of a document outside the archive shows; the others
/// are counted, and listed on the references page.
const OUTSIDE_TIES: usize = 10;

/// The site path of the timeline's overview.
pub(crate) const URL: &str = "/timeline/";

/// The site path of year `year`'s page.
pub(crate) fn year_url(year: i32) -> String {
    format!("{URL}{year:04}/")
}

/// The site path of page `page` (from 1) of `month`.
pub(crate) fn month_url(month: YearMonth, page: usize) -> String {
    // Written by hand: every tie and entry of the timeline links a month,
    // and `format!` made that 0.5 % of a build's instructions.
    let mut url = String::with_capacity(URL.len() + 24);
    url.push_str(URL);
    month.push_path(&mut url);
    url.push('/');
    paging::push_page(&mut url, page);
    url
}

/// A page's entries, grouped by year and month.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct EntriesView {
    /// Documents outside the archive dated before the timeline's first
    /// month, in date order: one note at the start, rather than year
    /// sections that would hold nothing of the archive.
    pub(crate) before: Vec<EntryItem>,
    /// That first month, as the note names it ("tháng 3/2020").
    pub(crate) start: Option<String>,
    pub(crate) years: Vec<YearGroup>,
}

impl EntriesView {
    /// The entries already rendered, in the order the page shows them:
    /// what fills each [`fragment::slot`] of the rendered page.
    pub(crate) fn take_fills(&mut self) -> Vec<Vec<Piece>> {
        let in_years = self
            .years
            .iter_mut()
            .flat_map(|y| &mut y.months)
            .flat_map(|m| &mut m.entries);
        self.before
            .iter_mut()
            .chain(in_years)
            .filter_map(|e| match e {
                EntryItem::Rendered { fill, .. } => Some(std::mem::take(fill)),
                EntryItem::Outside(_) => None,
            })
            .collect()
    }

    /// Gives each month whose entries were all rendered once per build
    /// its [`MonthGroup::html`].
    pub(crate) fn join_months(&mut self) {
        for month in self.years.iter_mut().flat_map(|y| &mut y.months) {
            let mut html = String::new();
            for entry in &month.entries {
                match entry {
                    EntryItem::Rendered { html: slot, .. } => {
                        html.push_str(slot);
                        html.push('\n');
                    }
                    EntryItem::Outside(_) => {
                        html.clear();
                        break;
                    }
                }
            }
            month.html = (!html.is_empty()).then_some(html);
        }
    }

    /// How many entries the view holds.
    pub(crate) fn entry_count(&self) -> usize {
        self.before.len()
            + self
                .years
                .iter()
                .flat_map(|y| &y.months)
                .map(|m| m.entries.len())
                .sum::<usize>()
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearGroup {
    pub(crate) year: i32,
    pub(crate) months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct MonthGroup {
    /// `2021-06`, also the section's anchor `thang-2021-06`.
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) entries: Vec<EntryItem>,
    /// The month's entries as the templates' loop over them writes them
    /// (each entry's `html`, then a line feed), when every one of them was
    /// rendered once per build (see [`EntriesView::join_months`]): one
    /// value for the template to write, not a loop over the entries.
    pub(crate) html: Option<String>,
}

/// An entry as a timeline page holds it.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum EntryItem {
    /// A directive's or circulation entry, rendered once per build: the
    /// template sees only the slot where it goes.
    Rendered {
        html: &'static str,
        #[serde(skip)]
        fill: Vec<Piece>,
    },
    /// A document outside the archive, rendered by the page: its ties
    /// lead to the directives that cite it.
    Outside(Box<Entry>),
}

/// Every directive's entries, rendered once per build.
pub(crate) struct Entries {
    directives: Vec<DirectiveEntries>,
}

struct DirectiveEntries {
    directive: Fragment,
    /// One for each of its circulation events, in order.
    circulation: Vec<Fragment>,
}

impl Entries {
    /// Renders every directive's entries with [`ENTRY_TEMPLATE`], their
    /// ties' links left as holes each timeline page fills in.
    pub(crate) fn render(
        archive: &Archive,
        theme: &Theme,
        site: &tera::Value,
        summaries: &Summaries<'_>,
    ) -> Result<Entries, Diagnostic> {
        // The theme's own entry, if it has one, is what it shows.
        let in_rust = theme.is_built_in(&[ENTRY_TEMPLATE]);
        let render = |entry: &Entry| {
            if in_rust {
                let mut html = Vec::with_capacity(512);
                timeline_entry::write(entry, summaries, &mut html);
                // Only text and escaped text were written: the bytes are
                // taken as the string they are, not copied.
                let html = String::from_utf8(html)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                return Ok(Fragment::new(html));
            }
            let mut context = tera::Context::new();
            context.insert_value("site", site.clone());
            context.insert("e", entry);
            theme
                .tera
                .render(ENTRY_TEMPLATE, &context)
                .map(Fragment::new)
                .map_err(|e| theme.render_error(ENTRY_TEMPLATE, &e))
        };
        let hole = &fragment::tie;
        let directives = (0..archive.directives.len())
            .into_par_iter()
            .map(|index| {
                let entry = directive_entry(archive, summaries, index, hole, !in_rust);
                let circulation = archive.directives[index]
                    .circulation
                    .iter()
                    .map(|event| render(&circulation_entry(archive, summaries, index, event, hole)))
                    .collect::<Result<_, _>>()?;
                Ok(DirectiveEntries {
                    directive: render(&entry)?,
                    circulation,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Entries { directives })
    }
}

/// Where a page's ties lead: the page it is, among the timeline's pages.
pub(crate) enum Links<'a> {
    /// The overview holding the whole timeline: every entry is on it.
    Everything,
    /// Page `page` of month `month` (an index into the calendar's months).
    Month { month: usize, page: usize },
    /// Page `page` of the timeline of `term`: a tie to a directive of the
    /// term leads to its entry, one to any other directive to its page
    /// (for a theme that shows ties there). Its entries keep their anchors
    /// only if the page links to them (`anchors`: its overview's marks).
    Term {
        taxonomy: &'a Taxonomy,
        term: usize,
        page: usize,
        anchors: bool,
    },
}

/// What a page's entries are made from.
pub(crate) struct Page<'a> {
    pub(crate) archive: &'a Archive,
    pub(crate) summaries: &'a Summaries<'a>,
    pub(crate) calendar: &'a Calendar,
    pub(crate) entries: &'a Entries,
    pub(crate) base_path: &'a str,
    pub(crate) links: Links<'a>,
}

impl Page<'_> {
    /// Where a tie to directive `target` leads from this page. Joined
    /// by hand: one for every tie of every timeline page, and `format!`
    /// with the anchor made apart cost three allocations for each.
    pub(crate) fn href(&self, target: usize) -> String {
        let id = &self.summaries[target].id;
        let base = self.base_path;
        // `url`: the page it is on, when that is not this one.
        let to = |url: Option<&str>| {
            let mut href =
                String::with_capacity(base.len() + url.map_or(0, str::len) + id.len() + 4);
            if let Some(url) = url {
                href.push_str(base);
                href.push_str(url);
            }
            href.push('#');
            push_entry_anchor(&mut href, id);
            href
        };
        match &self.links {
            Links::Everything => to(None),
            Links::Month { month, page } => {
                let (at_month, at_page) = self.calendar.page_of(target);
                if (at_month, at_page) == (*month, *page) {
                    to(None)
                } else {
                    to(Some(&month_url(
                        self.calendar.months[at_month].month,
                        at_page,
                    )))
                }
            }
            Links::Term {
                taxonomy,
                term,
                page,
                ..
            } => match position_in(&taxonomy.terms[*term].directives, target) {
                Some(at) => {
                    let at_page = at / self.calendar.page_size + 1;
                    if at_page == *page {
                        to(None)
                    } else {
                        to(Some(&taxonomy.timeline_page_url(*term, at_page)))
                    }
                }
                None => self.summaries[target].href.clone(),
            },
        }
    }

    /// The parts of the entries this page leaves out: a filtered
    /// timeline is a compact list of its directives, without their ties
    /// and, on an issuer's timeline, without the issuer on every line.
    fn leave_out(&self) -> Vec<Optional> {
        let Links::Term {
            taxonomy, anchors, ..
        } = &self.links
        else {
            return Vec::new();
        };
        let mut parts = vec![Optional::Ties];
        if !anchors {
            parts.push(Optional::Anchor);
        }
        if taxonomy.facet == Facet::Issuer {
            parts.push(Optional::Issuer);
        }
        parts
    }

    /// The view of `slots`, in order; the first `before` of them are dated
    /// before the timeline's range.
    pub(crate) fn view(&self, slots: &[Slot], before: usize) -> EntriesView {
        let href_of = |target: usize| self.href(target);
        let leave_out = self.leave_out();
        let rendered = |fragment: &Fragment| EntryItem::Rendered {
            html: fragment::slot(),
            fill: fragment.fill(&href_of, &leave_out),
        };
        let mut view = EntriesView {
            start: (before > 0)
                .then(|| {
                    self.calendar
                        .span
                        .map(|(first, _)| first.label().to_lowercase())
                })
                .flatten(),
            ..EntriesView::default()
        };
        for (at, &slot) in slots.iter().enumerate() {
            let (date, item) = match slot {
                Slot::Directive(i) => (
                    self.archive.directives[i].date,
                    rendered(&self.entries.directives[i].directive),
                ),
                Slot::Circulation { directive, event } => (
                    self.archive.directives[directive].circulation[event].date,
                    rendered(&self.entries.directives[directive].circulation[event]),
                ),
                Slot::Outside(o) => {
                    let mut entry = self.outside_entry(o, &href_of);
                    if at < before {
                        entry.day = entry.date.short.clone();
                    }
                    (self.calendar.outside[o].date, EntryItem::Outside(entry))
                }
            };
            if at < before {
                view.before.push(item);
            } else {
                push_dated(&mut view.years, date, item);
            }
        }
        view
    }

    /// The entry of document `o` outside the archive, tied to the
    /// directives citing it (the first [`OUTSIDE_TIES`] of them).
    fn outside_entry(&self, o: usize, href_of: &dyn Fn(usize) -> String) -> Box<Entry> {
        let document = &self.calendar.outside[o];
        let mut entry = blank("outside", document.date);
        entry.belongs_to = document
            .cited_by
            .iter()
            .map(|&(i, _)| self.summaries[i].id.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(&(first, r)) = document.cited_by.first() {
            let relation = &self.archive.relations[first][r];
            let name = [relation.kind.as_deref(), relation.number.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            entry.label = Some(if name.is_empty() {
                phrasing::UNNAMED_DOCUMENT.to_owned()
            } else {
                name
            });
            entry.detail.clone_from(&relation.title);
        }
        for &(index, r) in document.cited_by.iter().take(OUTSIDE_TIES) {
            let directive = &self.archive.directives[index];
            entry.ties.push(Tie {
                label: vietnamese::lower_first(
                    self.archive.relations[index][r]
                        .relation_type
                        .inverse_label(),
                ),
                text: phrasing::directive_name(directive),
                href: href_of(index),
                days: phrasing::days(document.date.days_until(&directive.date)),
            });
        }
        let others = document.cited_by.len().saturating_sub(OUTSIDE_TIES);
        entry.more = (others > 0).then(|| More {
            text: phrasing::more_citing(others),
            href: format!("{}/references/", self.base_path),
        });
        Box::new(entry)
    }
}

/// The directives that page `page` of the timeline of a term with
/// `members` shows, in date order.
pub(crate) fn term_page(members: &[usize], page_size: usize, page: usize) -> Vec<Slot> {
    chronological(members)
        .skip(page.saturating_sub(1) * page_size)
        .take(page_size)
        .map(Slot::Directive)
        .collect()
}

/// Adds `item`, dated `date`, to its month's group (the last, or a new one).
fn push_dated(years: &mut Vec<YearGroup>, date: Date, item: EntryItem) {
    let month = YearMonth::of(&date);
    if years.last().is_none_or(|y| y.year != date.year) {
        years.push(YearGroup {
            year: date.year,
            months: Vec::new(),
        });
    }
    let Some(year) = years.last_mut() else {
        return;
    };
    let key = month.key();
    if year.months.last().is_none_or(|m| m.key != key) {
        year.months.push(MonthGroup {
            key,
            label: month.label(),
            entries: Vec::new(),
            html: None,
        });
    }
    if let Some(group) = year.months.last_mut() {
        group.entries.push(item);
    }
}

/// The entry of directive `index`, its ties linked by `href_of`; with the
/// directive as a template value if a template writes it (the built-in
/// writer reads it by index, and the values are made only when read).
fn directive_entry(
    archive: &Archive,
    summaries: &Summaries<'_>,
    index: usize,
    href_of: &dyn Fn(usize) -> String,
    for_template: bool,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank("directive", directive.date);
    entry.anchor = Some(entry_anchor(&summaries[index].id));
    entry.directive = for_template.then(|| summaries.value(index));
    entry.directive_index = Some(index);
    for relation in &archive.relations[index] {
        if let Some(target) = relation.target {
            let linked = &archive.directives[target];
            entry.ties.push(Tie {
                label: vietnamese::lower_first(relation.relation_type.label()),
                text: phrasing::directive_name(linked),
                href: href_of(target),
                days: phrasing::days(linked.date.days_until(&directive.date)),
            });
        }
    }
    entry
}

/// The entry of circulation `event` of directive `index` (received or
/// copied), tied to the directive by `href_of`.
fn circulation_entry(
    archive: &Archive,
    summaries: &Summaries<'_>,
    index: usize,
    event: &Circulation,
    href_of: &dyn Fn(usize) -> String,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank(event.action.key(), event.date);
    entry.belongs_to = summaries[index].id.clone();
    entry.label = Some(event.action.label().to_owned());
    entry.detail = Some(phrasing::circulation_detail(event));
    entry.ties.push(Tie {
        label: phrasing::circulation_verb(event.action).to_owned(),
        text: phrasing::directive_name(directive),
        href: href_of(index),
        days: phrasing::days_after_issue(directive.date.days_until(&event.date)),
    });
    entry
}

/// An entry of `class` on `date` with nothing in it yet.
fn blank(class: &'static str, date: Date) -> Entry {
    Entry {
        class,
        date: date.into(),
        day: date.day_and_month(),
        anchor: None,
        directive: None,
        directive_index: None,
        belongs_to: String::new(),
        label: None,
        detail: None,
        ties: Vec::new(),
        more: None,
        optional: fragment::MARKS,
    }
}

/// What the directives of each page of the timeline read of others: those
/// their ties name, and the directives of the entries themselves.
pub(crate) fn tie_targets<'s>(
    archive: &'s Archive,
    calendar: &'s Calendar,
    slots: &'s [Slot],
) -> impl Iterator<Item = usize> + 's {
    slots.iter().flat_map(move |&slot| -> Vec<usize> {
        match slot {
            Slot::Directive(i) => std::iter::once(i)
                .chain(archive.relations[i].iter().filter_map(|r| r.target))
                .collect(),
            Slot::Circulation { directive, .. } => vec![directive],
            Slot::Outside(o) => calendar.outside[o]
                .cited_by
                .iter()
                .map(|&(i, _)| i)
                .collect(),
        }
    })
}
