//! A directive as other pages show it: a list row or a link target, made
//! once per build as a template value that every page showing it shares.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::date::Date;
use crate::link::Archive;
use crate::model::{Directive, Level};

#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    pub(crate) iso: String,
    /// `ngày 11 tháng 6 năm 2021`
    pub(crate) long: String,
    /// `11/6/2021`
    pub(crate) short: String,
    pub(crate) year: i32,
}

impl From<Date> for DateView {
    fn from(date: Date) -> Self {
        DateView {
            iso: date.iso(),
            long: date.vietnamese_long(),
            short: date.vietnamese_short(),
            year: date.year,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelView {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
}

impl From<Level> for LevelView {
    fn from(level: Level) -> Self {
        LevelView {
            key: level.key(),
            label: level.label(),
        }
    }
}

/// A directive as a list row or link target: no body.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DirectiveSummary {
    pub(crate) id: String,
    pub(crate) href: String,
    pub(crate) permalink: String,
    pub(crate) number: Option<String>,
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) issuer: String,
    pub(crate) level: Option<LevelView>,
    pub(crate) system: &'static str,
    /// Shown to templates as a [`DateView`], made when serialised: kept
    /// as views, every directive's date strings were 14 MB of the peak at
    /// 100,000 directives.
    #[serde(serialize_with = "date_view")]
    pub(crate) date: Date,
}

fn date_view<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    DateView::from(*date).serialize(serializer)
}

/// The text a directive is summed up by: the editor's summary, else the
/// lead of its body. Read from the directive where it is shown (its own
/// page, the feed) rather than kept in every summary.
pub(crate) fn summary_text(directive: &Directive) -> Option<&str> {
    directive
        .summary
        .as_deref()
        .or(directive.body.lead.as_deref())
}

pub(crate) fn summary(archive: &Archive, directive: &Directive) -> DirectiveSummary {
    let base = &archive.config.base_url;
    DirectiveSummary {
        id: directive.id().to_owned(),
        href: format!("{}{}", base.path(), directive.url),
        permalink: base.absolute(&directive.url),
        number: directive.number.clone(),
        kind: directive.kind.clone(),
        title: directive.title.clone(),
        issuer: directive.issuer.clone(),
        level: directive.level.map(LevelView::from),
        system: directive.system.key(),
        date: directive.date,
    }
}

/// The anchor of a directive's entry on the timeline, which the overview
/// links to as well.
pub(crate) fn entry_anchor(id: &str) -> String {
    let mut anchor = String::with_capacity(id.len() + 3);
    push_entry_anchor(&mut anchor, id);
    anchor
}

/// [`entry_anchor`] pushed onto `out`: by hand, as it names every entry
/// and tie of the timeline.
pub(crate) fn push_entry_anchor(out: &mut String, id: &str) {
    out.push_str("vb-");
    out.extend(id.chars().map(|c| if c == '/' { '-' } else { c }));
}

/// Which summaries the pages to render read.
#[derive(Debug, Clone)]
pub(crate) enum Wanted {
    /// Every directive's: a page lists them all.
    All,
    /// These only: `serve` re-rendering a few directive pages.
    Some(FxHashSet<usize>),
}

impl Default for Wanted {
    fn default() -> Self {
        Wanted::Some(FxHashSet::default())
    }
}

/// The summaries of the directives the pages to render read, each also a
/// template value made once: a view that shows a summary holds a
/// reference-counted handle to it, which Tera copies instead of
/// serialising the summary again for every page that shows it.
pub(crate) struct Summaries<'a> {
    archive: &'a Archive,
    made: Made,
}

enum Made {
    All {
        list: Vec<DirectiveSummary>,
        /// Each as a template value, made when first read: the pages
        /// written in Rust read none.
        values: Vec<OnceLock<tera::Value>>,
        shared: SharedViews,
    },
    /// Indexed by directive; those not wanted stay empty.
    Some(Vec<OnceLock<(DirectiveSummary, tera::Value)>>),
}

impl<'a> Summaries<'a> {
    /// Makes the `wanted` summaries, in parallel: for every directive, the
    /// summaries alone (each value is made when first read); for a few,
    /// the summaries and their values.
    pub(crate) fn new(archive: &'a Archive, wanted: &Wanted) -> Summaries<'a> {
        let made = match wanted {
            Wanted::All => {
                let list: Vec<DirectiveSummary> = archive
                    .directives
                    .par_iter()
                    .map(|d| summary(archive, d))
                    .collect();
                let shared = SharedViews::of(archive.directives.iter().map(|d| &**d));
                let values = list.iter().map(|_| OnceLock::new()).collect();
                Made::All {
                    list,
                    values,
                    shared,
                }
            }
            Wanted::Some(indices) => {
                let cells: Vec<OnceLock<_>> =
                    archive.directives.iter().map(|_| OnceLock::new()).collect();
                let shared = SharedViews::of(indices.iter().map(|&i| &*archive.directives[i]));
                indices.par_iter().for_each(|&i| {
                    let directive = &archive.directives[i];
                    let made = summary(archive, directive);
                    let value = shared.value(&made, directive);
                    // Each index once: the cell is empty.
                    let _ = cells[i].set((made, value));
                });
                Made::Some(cells)
            }
        };
        Summaries { archive, made }
    }

    /// Directive `index`'s summary and its template value. Reading a
    /// summary leaves its value alone: its reference count is shared by
    /// every thread.
    fn one(&self, index: usize) -> (&DirectiveSummary, &tera::Value) {
        match &self.made {
            Made::All {
                list,
                values,
                shared,
            } => {
                let summary = &list[index];
                let value = values[index]
                    .get_or_init(|| shared.value(summary, &self.archive.directives[index]));
                (summary, value)
            }
            Made::Some(cells) => {
                let (summary, value) = cells[index].get_or_init(|| {
                    // A page read a directive it did not declare: `serve`
                    // would not know to render it again when that changes.
                    debug_assert!(false, "summary of directive {index} read but not declared");
                    let directive = &self.archive.directives[index];
                    let made = summary(self.archive, directive);
                    let value = SharedViews::of([&**directive]).value(&made, directive);
                    (made, value)
                });
                (summary, value)
            }
        }
    }

    /// Directive `index`'s summary as a template value, if there is such
    /// a directive.
    pub(crate) fn get_value(&self, index: usize) -> Option<SummaryValue> {
        (index < self.archive.directives.len()).then(|| self.value(index))
    }

    /// Directive `index`'s summary as a template value.
    pub(crate) fn value(&self, index: usize) -> SummaryValue {
        SummaryValue(self.one(index).1.clone())
    }

    /// Every summary, in archive order.
    pub(crate) fn list(&self) -> &[DirectiveSummary] {
        match &self.made {
            Made::All { list, .. } => list,
            Made::Some(_) => {
                debug_assert!(false, "every summary read but not declared");
                &[]
            }
        }
    }
}

impl std::ops::Index<usize> for Summaries<'_> {
    type Output = DirectiveSummary;

    fn index(&self, index: usize) -> &DirectiveSummary {
        match &self.made {
            // The value is left unmade: a page written in Rust reads only
            // the summary.
            Made::All { list, .. } => &list[index],
            Made::Some(_) => self.one(index).0,
        }
    }
}

/// The parts of summaries that many directives share, each made once as a
/// template value: a date's view is the same for every directive of that
/// day, a level's for every directive of that level. A summary's value
/// holds a handle to them instead of maps of its own: at 100,000
/// directives the summaries' values took 3.2 KB each, a third of it these
/// two maps.
struct SharedViews {
    dates: FxHashMap<Date, tera::Value>,
    levels: FxHashMap<Level, tera::Value>,
}

/// A summary's fields as a list shows them, but its date and level, which
/// [`SharedViews`] adds. Not its summary text: no list shows it, and at
/// 100,000 directives it was 45 MB of the build's peak memory; a
/// directive's own page has it (`directive.summary`).
#[derive(Serialize)]
struct OwnFields<'s> {
    id: &'s str,
    href: &'s str,
    permalink: &'s str,
    number: Option<&'s str>,
    kind: &'s str,
    title: &'s str,
    issuer: &'s str,
    system: &'static str,
}

impl SharedViews {
    /// The views of the dates and levels of `directives`, the summaries
    /// made: `serve` makes a few.
    fn of<'d>(directives: impl IntoIterator<Item = &'d Directive>) -> SharedViews {
        let mut dates = FxHashMap::default();
        let mut levels = FxHashMap::default();
        for directive in directives {
            dates
                .entry(directive.date)
                .or_insert_with(|| tera::Value::from_serializable(&DateView::from(directive.date)));
            if let Some(level) = directive.level {
                levels
                    .entry(level)
                    .or_insert_with(|| tera::Value::from_serializable(&LevelView::from(level)));
            }
        }
        SharedViews { dates, levels }
    }

    /// `summary` of `directive` as a list's template value, sharing its
    /// date and level.
    fn value(&self, summary: &DirectiveSummary, directive: &Directive) -> tera::Value {
        let own = OwnFields {
            id: &summary.id,
            href: &summary.href,
            permalink: &summary.permalink,
            number: summary.number.as_deref(),
            kind: &summary.kind,
            title: &summary.title,
            issuer: &summary.issuer,
            system: summary.system,
        };
        // Not reached: a struct is a map, and every date was made.
        let (Some(mut map), Some(date)) = (
            tera::Value::from_serializable(&own).into_map(),
            self.dates.get(&directive.date),
        ) else {
            return tera::Value::none();
        };
        let level = directive.level.and_then(|level| self.levels.get(&level));
        map.insert("date".into(), date.clone());
        map.insert(
            "level".into(),
            level.cloned().unwrap_or_else(tera::Value::none),
        );
        tera::Value::from(map)
    }
}

/// A [`DirectiveSummary`] as a template value (see [`Summaries`]).
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub(crate) struct SummaryValue(tera::Value);
