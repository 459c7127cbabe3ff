//! The timeline (Dòng thời gian): directives in date order, grouped by year
//! and month, with their circulation and the documents they cite from
//! outside the archive as secondary entries, and the ties between them.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use super::Piece;
use super::context::{DateView, Summaries, SummaryValue};
use super::overview;
use super::taxonomy::{Facet, Taxonomy};
use crate::body::references::number_key;
use crate::config::TimelineRange;
use crate::date::{Date, YearMonth};
use crate::link::Archive;
use crate::model::{Circulation, CirculationAction};
use crate::vietnamese;

#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    /// Documents outside the archive dated before the timeline's first
    /// month (the overview's), in date order: one note at the start,
    /// rather than year sections that would hold nothing of the archive.
    pub before: Vec<EntryItem>,
    /// That first month, as the note names it ("tháng 3/2020").
    pub start: Option<String>,
    pub years: Vec<YearGroup>,
    /// The SVG overview, ready to inline.
    pub overview: String,
    /// A sentence describing the overview for those who cannot see it.
    pub overview_text: String,
    pub directive_count: usize,
}

impl TimelineView {
    /// The entries already rendered, in the order the page shows them:
    /// what replaces each [`SPLICE_MARK`] of the rendered page.
    pub fn take_splices(&mut self) -> Vec<Vec<Piece>> {
        let in_years = self
            .years
            .iter_mut()
            .flat_map(|y| &mut y.months)
            .flat_map(|m| &mut m.entries);
        self.before
            .iter_mut()
            .chain(in_years)
            .filter_map(|e| match e {
                EntryItem::Rendered { splice, .. } => Some(std::mem::take(splice)),
                EntryItem::Full(_) => None,
            })
            .collect()
    }

    /// How many entries the view holds.
    pub fn entry_count(&self) -> usize {
        self.before.len()
            + self
                .years
                .iter()
                .flat_map(|y| &y.months)
                .map(|m| m.entries.len())
                .sum::<usize>()
    }
}

/// Where the page puts an entry rendered once per build: a timeline page is
/// rendered with this mark in place of each such entry, and written with
/// the entry itself there (see [`super::splice`]), so the entries' HTML
/// — most of a large timeline — is neither copied into the template's
/// values nor into the page. Content cannot hold it: control characters
/// are refused when files are read.
pub const SPLICE_MARK: &str = "\u{2}";

#[derive(Debug, Clone, Serialize)]
pub struct YearGroup {
    pub year: i32,
    pub months: Vec<MonthGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthGroup {
    /// `2021-06`, also the section's anchor `thang-2021-06`.
    pub key: String,
    pub label: String,
    pub entries: Vec<EntryItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// `directive`, `received`, `copied` or `outside`.
    pub class: &'static str,
    pub date: DateView,
    /// For a directive entry: its anchor on the page and its summary.
    pub anchor: Option<String>,
    /// The directive's summary as a template value made once per build
    /// (see [`super::Renderer`]): Tera copies the handle instead of
    /// serialising the summary again for every timeline page.
    pub directive: Option<SummaryValue>,
    /// Filter values (`data-*`), so a script can filter without reloading.
    pub levels: String,
    pub kinds: String,
    pub issuers: String,
    pub years: String,
    /// Secondary entries: the ids of the directives they belong to.
    pub belongs_to: String,
    /// Always `None`: the page renders this entry (see [`EntryItem`]).
    pub html: Option<&'static str>,
    /// Secondary entries: what happened, in words.
    pub label: Option<String>,
    pub detail: Option<String>,
    pub ties: Vec<Tie>,
}

/// A line tying an entry to another: "thực hiện Kết luận 07-KL/TW, 11 ngày sau".
#[derive(Debug, Clone, Serialize)]
pub struct Tie {
    pub label: String,
    pub text: String,
    pub href: String,
    pub days: String,
}

/// The anchor of a directive's entry on the timeline.
pub fn anchor(id: &str) -> String {
    format!("vb-{}", id.replace('/', "-"))
}

/// "11 ngày sau", "cùng ngày", "3 ngày trước".
pub fn days_phrase(days: i64) -> String {
    match days {
        0 => "cùng ngày".to_owned(),
        d if d > 0 => format!("{d} ngày sau"),
        d => format!("{} ngày trước", -d),
    }
}

/// The timeline of the directives `included` (all, or a filter's).
pub fn timeline(
    archive: &Archive,
    summaries: &Summaries,
    facet_values: &FacetValues,
    range: TimelineRange,
    included: &dyn Fn(usize) -> bool,
    rendered: Option<&[RenderedEntries]>,
) -> TimelineView {
    let href_of = |target: usize| {
        if included(target) {
            format!("#{}", anchor(&summaries[target].id))
        } else {
            summaries[target].href.clone()
        }
    };
    let name = |i: usize| name(archive, i);
    let mut dated: Vec<(Date, u8, EntryItem)> = Vec::new();
    let mut outside: HashMap<String, usize> = HashMap::new();
    for index in (0..archive.directives.len()).filter(|&i| included(i)) {
        let directive = &archive.directives[index];
        // Rendered once for every timeline page: the page only fills in
        // where its ties lead.
        let entry = match rendered {
            Some(rendered) => EntryItem::rendered(fill_ties(&rendered[index].directive, &href_of)),
            None => EntryItem::Full(Box::new(directive_entry(
                archive,
                summaries,
                facet_values,
                index,
                &href_of,
            ))),
        };
        dated.push((directive.date, 1, entry));
        for (n, event) in directive.circulation.iter().enumerate() {
            let entry = match rendered {
                Some(rendered) => {
                    EntryItem::rendered(fill_ties(&rendered[index].circulation[n], &href_of))
                }
                None => EntryItem::Full(Box::new(circulation_entry(
                    archive,
                    summaries,
                    facet_values,
                    index,
                    event,
                    &href_of,
                ))),
            };
            dated.push((event.date, 2, entry));
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
                text: name(index),
                href: href_of(index),
                days: days_phrase(date.days_until(&directive.date)),
            };
            if let Some(&slot) = outside.get(&key) {
                if let EntryItem::Full(entry) = &mut dated[slot].2 {
                    entry.ties.push(tie);
                    entry.belongs_to = format!("{} {}", entry.belongs_to, summaries[index].id);
                }
                continue;
            }
            let mut entry = blank("outside", date, &FacetValues::none());
            entry.belongs_to = summaries[index].id.clone();
            entry.label = Some(
                [relation.kind.as_deref(), relation.number.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .filter(|l| !l.is_empty())
            .or_else(|| Some("Văn bản".to_owned()));
            entry.detail = relation.title.clone();
            entry.ties.push(tie);
            outside.insert(key, dated.len());
            dated.push((date, 0, EntryItem::Full(Box::new(entry))));
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

/// An entry as a timeline page holds it: rendered once per build, and then
/// the template sees only the mark where it goes, or to be rendered by the
/// page.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum EntryItem {
    Rendered {
        /// [`SPLICE_MARK`].
        html: &'static str,
        /// What the mark stands for.
        #[serde(skip)]
        splice: Vec<Piece>,
    },
    Full(Box<Entry>),
}

impl EntryItem {
    fn rendered(splice: Vec<Piece>) -> EntryItem {
        EntryItem::Rendered {
            html: SPLICE_MARK,
            splice,
        }
    }
}

/// How a tie names a directive: its kind and number, or kind and date.
fn name(archive: &Archive, index: usize) -> String {
    let d = &archive.directives[index];
    match &d.number {
        Some(n) => format!("{} {}", d.kind, n),
        None => format!("{} ngày {}", d.kind, d.date.vietnamese_short()),
    }
}

/// The entry of directive `index`, its ties linked by `href_of`.
pub fn directive_entry(
    archive: &Archive,
    summaries: &Summaries,
    facet_values: &FacetValues,
    index: usize,
    href_of: &dyn Fn(usize) -> String,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank("directive", directive.date, facet_values.of(index));
    entry.anchor = Some(anchor(&summaries[index].id));
    entry.directive = Some(summaries.value(index));
    for relation in &archive.relations[index] {
        if let Some(target) = relation.target {
            entry.ties.push(Tie {
                label: vietnamese::lower_first(relation.relation_type.label()),
                text: name(archive, target),
                href: href_of(target),
                days: days_phrase(archive.directives[target].date.days_until(&directive.date)),
            });
        }
    }
    entry
}

/// A directive's entries rendered once per build, with [`tie_mark`]s.
#[derive(Debug, Clone)]
pub struct RenderedEntries {
    pub directive: Arc<str>,
    /// One for each of its circulation events, in order.
    pub circulation: Vec<Arc<str>>,
}

/// The entry of circulation `event` of directive `index` (received or
/// copied), tied to the directive by `href_of`.
pub fn circulation_entry(
    archive: &Archive,
    summaries: &Summaries,
    facet_values: &FacetValues,
    index: usize,
    event: &Circulation,
    href_of: &dyn Fn(usize) -> String,
) -> Entry {
    let directive = &archive.directives[index];
    let mut entry = blank(event.action.key(), event.date, facet_values.of(index));
    entry.belongs_to = summaries[index].id.clone();
    entry.label = Some(event.action.label().to_owned());
    entry.detail = Some(match &event.number {
        Some(number) => format!("{}, số {}", event.office, number),
        None => event.office.clone(),
    });
    let verb = match event.action {
        CirculationAction::Received => "nhận",
        CirculationAction::Copied => "sao lục",
    };
    entry.ties.push(Tie {
        label: verb.to_owned(),
        text: name(archive, index),
        href: href_of(index),
        days: format!(
            "{} khi ban hành",
            days_phrase(directive.date.days_until(&event.date))
        ),
    });
    entry
}

/// Marks a tie's link in an entry rendered once for every timeline page:
/// where the tie leads depends on the page (see [`fill_ties`]).
const TIE_MARK: char = '\u{1}';

/// The mark left for a tie to directive `target`.
pub fn tie_mark(target: usize) -> String {
    format!("{TIE_MARK}{target}{TIE_MARK}")
}

/// An entry rendered with [`tie_mark`]s, as pieces to write: the entry's
/// own text shared, each mark replaced by the link `href_of` gives,
/// escaped as the template would have.
pub fn fill_ties(html: &Arc<str>, href_of: &dyn Fn(usize) -> String) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut rest = &html[..];
    while let Some((before, after)) = rest.split_once(TIE_MARK) {
        let Some((target, tail)) = after.split_once(TIE_MARK) else {
            break;
        };
        let Ok(target) = target.parse::<usize>() else {
            break;
        };
        pieces.push(Piece::Part(Arc::clone(html), start..start + before.len()));
        let mut escaped = Vec::new();
        // Writing to a Vec cannot fail, and escaping keeps UTF-8.
        let _ = tera::escape_html(&href_of(target), &mut escaped);
        pieces.push(Piece::Owned(escaped));
        start = html.len() - tail.len();
        rest = tail;
    }
    pieces.push(Piece::Part(Arc::clone(html), start..html.len()));
    pieces
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
        html: None,
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
pub struct FacetValues {
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
    pub fn new(archive: &Archive, taxonomies: &[Taxonomy]) -> FacetValues {
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

    fn none() -> Values {
        Values::default()
    }

    fn of(&self, index: usize) -> &Values {
        &self.values[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_are_filled_per_page_and_escaped() {
        let fill = |html: &str, href_of: &dyn Fn(usize) -> String| -> String {
            let pieces = fill_ties(&Arc::from(html), href_of);
            let bytes: Vec<u8> = pieces.iter().flat_map(Piece::bytes).copied().collect();
            String::from_utf8(bytes).unwrap()
        };
        let html = format!(
            "<a href=\"{}\">a</a> <a href=\"{}\">b</a>",
            tie_mark(3),
            tie_mark(12)
        );
        let href_of = |t: usize| match t {
            3 => "#vb-2021-07-kl-tw".to_owned(),
            _ => "/a?b=1&c=\"2\"".to_owned(),
        };
        assert_eq!(
            fill(&html, &href_of),
            "<a href=\"#vb-2021-07-kl-tw\">a</a> <a href=\"/a?b=1&amp;c=&quot;2&quot;\">b</a>"
        );
        // Text without marks, or with a mark left open, is kept.
        assert_eq!(fill("Tháng 1", &href_of), "Tháng 1");
        assert_eq!(fill("x\u{1}7", &href_of), "x\u{1}7");
        // The entry's text is shared, not copied.
        assert!(matches!(
            fill_ties(&Arc::from("abc"), &href_of)[..],
            [Piece::Part(_, _)]
        ));
    }
}
