//! The timeline (Dòng thời gian): directives in date order, grouped by year
//! and month, with their circulation and the documents they cite from
//! outside the archive as secondary entries, and the ties between them.
//!
//! A directive's entries are rendered once per build ([`Entries`]) and
//! shown on the timeline and on every filtered timeline it belongs to;
//! each page only fills in where their ties lead.

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::fragment::{self, Fragment, Piece};
use super::overview;
use super::phrasing;
use super::summary::{DateView, Summaries, SummaryValue, entry_anchor};
use super::taxonomy::{Facet, Taxonomy};
use super::theme::Theme;
use crate::body::references::number_key;
use crate::config::TimelineRange;
use crate::date::{Date, YearMonth};
use crate::diagnostic::Diagnostic;
use crate::link::Archive;
use crate::model::Circulation;
use crate::vietnamese;

/// The template of one entry.
const ENTRY_TEMPLATE: &str = "partials/timeline_entry.html";

#[derive(Debug, Clone, Serialize)]
pub(crate) struct TimelineView {
    /// Documents outside the archive dated before the timeline's first
    /// month (the overview's), in date order: one note at the start,
    /// rather than year sections that would hold nothing of the archive.
    pub(crate) before: Vec<EntryItem>,
    /// That first month, as the note names it ("tháng 3/2020").
    pub(crate) start: Option<String>,
    pub(crate) years: Vec<YearGroup>,
    /// The SVG overview, ready to inline.
    pub(crate) overview: String,
    /// A sentence describing the overview for those who cannot see it.
    overview_text: String,
    directive_count: usize,
}

impl TimelineView {
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
}

/// What the entry template sees.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    /// `directive`, `received`, `copied` or `outside`.
    pub(crate) class: &'static str,
    pub(crate) date: DateView,
    /// For a directive entry: its anchor on the page and its summary.
    pub(crate) anchor: Option<String>,
    /// The directive's summary as a template value made once per build.
    pub(crate) directive: Option<SummaryValue>,
    /// Filter values (`data-*`), so a script can filter without reloading.
    pub(crate) levels: String,
    pub(crate) kinds: String,
    pub(crate) issuers: String,
    pub(crate) years: String,
    /// Secondary entries: the ids of the directives they belong to.
    belongs_to: String,
    /// Secondary entries: what happened, in words.
    pub(crate) label: Option<String>,
    pub(crate) detail: Option<String>,
    pub(crate) ties: Vec<Tie>,
}

/// A line tying an entry to another: "thực hiện Kết luận 07-KL/TW, 11 ngày sau".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Tie {
    pub(crate) label: String,
    pub(crate) text: String,
    pub(crate) href: String,
    pub(crate) days: String,
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
    /// gather the directives of this page that cite it.
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
        facet_values: &FacetValues,
    ) -> Result<Entries, Diagnostic> {
        let render = |entry: &Entry| {
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
                let entry = directive_entry(archive, summaries, facet_values, index, hole);
                let circulation = archive.directives[index]
                    .circulation
                    .iter()
                    .map(|event| {
                        render(&circulation_entry(
                            archive,
                            summaries,
                            facet_values,
                            index,
                            event,
                            hole,
                        ))
                    })
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

/// The timeline of the directives `included` (all, or a filter's).
pub(crate) fn timeline(
    archive: &Archive,
    summaries: &Summaries<'_>,
    range: TimelineRange,
    included: &dyn Fn(usize) -> bool,
    entries: &Entries,
) -> TimelineView {
    let href_of = |target: usize| {
        if included(target) {
            format!("#{}", entry_anchor(&summaries[target].id))
        } else {
            summaries[target].href.clone()
        }
    };
    let rendered = |fragment: &Fragment| EntryItem::Rendered {
        html: fragment::slot(),
        fill: fragment.fill(&href_of),
    };
    let mut dated: Vec<(Date, u8, EntryItem)> = Vec::new();
    let mut outside: HashMap<String, usize> = HashMap::new();
    for index in (0..archive.directives.len()).filter(|&i| included(i)) {
        let directive = &archive.directives[index];
        let own = &entries.directives[index];
        dated.push((directive.date, 1, rendered(&own.directive)));
        for (event, fragment) in directive.circulation.iter().zip(&own.circulation) {
            dated.push((event.date, 2, rendered(fragment)));
        }
        for relation in archive.relations[index]
            .iter()
            .filter(|r| r.target.is_none())
        {
            let Some(date) = relation.date else {
                continue;
            };
            let key = format!(
                "{}|{}|{}",
                relation
                    .number
                    .as_deref()
                    .map(number_key)
                    .unwrap_or_default(),
                relation
                    .title
                    .as_deref()
                    .map(vietnamese::fold)
                    .unwrap_or_default(),
                date
            );
            let tie = Tie {
                label: vietnamese::lower_first(relation.relation_type.inverse_label()),
                text: phrasing::directive_name(directive),
                href: href_of(index),
                days: phrasing::days(date.days_until(&directive.date)),
            };
            if let Some(&slot) = outside.get(&key) {
                if let EntryItem::Outside(entry) = &mut dated[slot].2 {
                    entry.ties.push(tie);
                    entry.belongs_to = format!("{} {}", entry.belongs_to, summaries[index].id);
                }
                continue;
            }
            let mut entry = blank("outside", date, &Values::default());
            entry.belongs_to = summaries[index].id.clone();
            entry.label = Some(
                [relation.kind.as_deref(), relation.number.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .filter(|l| !l.is_empty())
            .or_else(|| Some(phrasing::UNNAMED_DOCUMENT.to_owned()));
            entry.detail = relation.title.clone();
            entry.ties.push(tie);
            outside.insert(key, dated.len());
            dated.push((date, 0, EntryItem::Outside(Box::new(entry))));
        }
    }
    dated.sort_by_key(|&(date, rank, _)| (date, rank));
    let directive_dates: Vec<(Date, usize)> = (0..archive.directives.len())
        .filter(|&i| included(i))
        .map(|i| (archive.directives[i].date, i))
        .collect();
    let (overview, overview_text) = overview::draw(archive, summaries, &directive_dates, range);
    let start = overview::months_spanned(&directive_dates, range).map(|(first, _)| first);
    let (before, dated) = split_before(dated, start);
    TimelineView {
        before,
        start: start.map(|m| m.label().to_lowercase()),
        years: group(dated),
        overview,
        overview_text,
        directive_count: directive_dates.len(),
    }
}

/// The entry of directive `index`, its ties linked by `href_of`.
fn directive_entry(
    archive: &Archive,
    summaries: &Summaries<'_>,
    facet_values: &FacetValues,
    index: usize,
    href_of: &dyn Fn(usize) -> String,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank("directive", directive.date, facet_values.of(index));
    entry.anchor = Some(entry_anchor(&summaries[index].id));
    entry.directive = Some(summaries.value(index));
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
    facet_values: &FacetValues,
    index: usize,
    event: &Circulation,
    href_of: &dyn Fn(usize) -> String,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank(event.action.key(), event.date, facet_values.of(index));
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

/// An entry of `class` on `date`, with the filter values of its directive
/// and nothing else in it yet.
fn blank(class: &'static str, date: Date, values: &Values) -> Entry {
    Entry {
        class,
        date: date.into(),
        anchor: None,
        directive: None,
        levels: values.level.clone(),
        kinds: values.kind.clone(),
        issuers: values.issuer.clone(),
        years: values.year.clone(),
        belongs_to: String::new(),
        label: None,
        detail: None,
        ties: Vec::new(),
    }
}

/// The outside documents (rank 0) dated before `start`, and the rest.
fn split_before(
    dated: Vec<(Date, u8, EntryItem)>,
    start: Option<YearMonth>,
) -> (Vec<EntryItem>, Vec<(Date, u8, EntryItem)>) {
    let Some(start) = start else {
        return (Vec::new(), dated);
    };
    let (before, rest): (Vec<_>, Vec<_>) = dated
        .into_iter()
        .partition(|(date, rank, _)| *rank == 0 && YearMonth::of(date) < start);
    (before.into_iter().map(|(_, _, e)| e).collect(), rest)
}

fn group(dated: Vec<(Date, u8, EntryItem)>) -> Vec<YearGroup> {
    let mut years: Vec<YearGroup> = Vec::new();
    for (date, _, entry) in dated {
        let month = YearMonth::of(&date);
        if years.last().is_none_or(|y| y.year != date.year) {
            years.push(YearGroup {
                year: date.year,
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        if year.months.last().is_none_or(|m| m.key != month.key()) {
            year.months.push(MonthGroup {
                key: month.key(),
                label: month.label(),
                entries: Vec::new(),
            });
        }
        if let Some(group) = year.months.last_mut() {
            group.entries.push(entry);
        }
    }
    years
}

/// The slugs of each directive's level, kind, issuer and year, as the
/// taxonomies spell them (worked out once per build).
pub(crate) struct FacetValues {
    values: Vec<Values>,
}

#[derive(Default, Clone)]
struct Values {
    level: String,
    kind: String,
    issuer: String,
    year: String,
}

impl FacetValues {
    pub(crate) fn new(archive: &Archive, taxonomies: &[Taxonomy]) -> FacetValues {
        let mut values = vec![Values::default(); archive.directives.len()];
        for taxonomy in taxonomies.iter().filter(|t| t.facet.filters_timeline()) {
            for term in &taxonomy.terms {
                for &i in &term.directives {
                    let slot = match taxonomy.facet {
                        Facet::Level => &mut values[i].level,
                        Facet::Kind => &mut values[i].kind,
                        Facet::Issuer => &mut values[i].issuer,
                        _ => &mut values[i].year,
                    };
                    slot.clone_from(&term.slug);
                }
            }
        }
        FacetValues { values }
    }

    fn of(&self, index: usize) -> &Values {
        &self.values[index]
    }
}
