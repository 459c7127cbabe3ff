//! Where each entry of the timeline goes: the months that have pages, the
//! entries of each in order, and so which of its pages holds each entry.
//! Worked out once per site, before any page is rendered: the plan lists
//! the timeline's pages from it, a page links a tie to the page its target
//! is on, and `serve` compares it before and after a change to know which
//! months' pages moved.
//!
//! A month's entries are its directives, the circulation of any directive
//! dated in it, and the documents outside the archive cited with a date in
//! it (one entry for each such document, however many cite it). Those
//! cited with a date before the timeline's first month lead the first
//! month, in a note of their own, rather than making months of their own
//! that would hold nothing of the archive.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::body::references::number_key;
use crate::config::TimelineRange;
use crate::date::{Date, YearMonth};
use crate::link::Archive;
use crate::model::Level;
use crate::vietnamese;

/// One entry of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A directive's own entry.
    Directive(usize),
    /// Circulation event `event` of directive `directive`.
    Circulation { directive: usize, event: usize },
    /// A document outside the archive: [`Calendar::outside`]`[i]`.
    Outside(usize),
}

/// A document outside the archive that directives cite with a date.
#[derive(Debug, Clone)]
pub(crate) struct OutsideDocument {
    pub(crate) date: Date,
    /// What identifies it among the citations: number, title and date.
    key: String,
    /// The directives citing it and the relation of each that does, in
    /// date order.
    pub(crate) cited_by: Vec<(usize, usize)>,
}

/// A month that has pages.
#[derive(Debug, Clone)]
pub(crate) struct Month {
    pub(crate) month: YearMonth,
    /// Its entries in the order shown: those before the timeline's range
    /// first (in one month only), then by date.
    pub(crate) entries: Vec<Slot>,
    /// How many of `entries` are dated before the timeline's range.
    pub(crate) before: usize,
}

/// The timeline's months and where each entry is.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    /// Entries on one page of a month, or of a filtered timeline.
    pub(crate) page_size: usize,
    /// The months that have entries, in order.
    pub(crate) months: Vec<Month>,
    pub(crate) outside: Vec<OutsideDocument>,
    /// The months the overview draws, when there is anything to draw.
    pub(crate) span: Option<(YearMonth, YearMonth)>,
    /// By directive: the month of its own entry (an index into `months`)
    /// and its place among that month's entries.
    placed: Vec<(usize, usize)>,
}

/// The order of entries on a day: documents cited from outside first,
/// then directives, then their circulation; within each, the reverse of
/// the archive's order (so a day's directives read as a filtered timeline
/// lists them, see [`chronological`]).
fn order(slot: Slot, date: Date, outside: &[OutsideDocument]) -> (Date, u8, usize, usize, &str) {
    match slot {
        Slot::Outside(i) => (date, 0, 0, 0, outside[i].key.as_str()),
        Slot::Directive(i) => (date, 1, usize::MAX - i, 0, ""),
        Slot::Circulation { directive, event } => (date, 2, usize::MAX - directive, event, ""),
    }
}

impl Calendar {
    pub(crate) fn new(archive: &Archive) -> Calendar {
        let page_size = archive.config.timeline_paginate;
        let outside = outside_documents(archive);
        let span = span(archive, archive.config.timeline);
        let start = span.map(|(first, _)| first);
        let mut dated: Vec<(Date, Slot)> = Vec::new();
        for (index, directive) in archive.directives.iter().enumerate() {
            dated.push((directive.date, Slot::Directive(index)));
            for (event, circulation) in directive.circulation.iter().enumerate() {
                dated.push((
                    circulation.date,
                    Slot::Circulation {
                        directive: index,
                        event,
                    },
                ));
            }
        }
        dated.extend(
            outside
                .iter()
                .enumerate()
                .map(|(i, document)| (document.date, Slot::Outside(i))),
        );
        dated.sort_by(|a, b| order(a.1, a.0, &outside).cmp(&order(b.1, b.0, &outside)));
        let is_before = |date: &Date, slot: Slot| {
            matches!(slot, Slot::Outside(_)) && start.is_some_and(|s| YearMonth::of(date) < s)
        };
        let before: Vec<Slot> = dated
            .iter()
            .filter(|(date, slot)| is_before(date, *slot))
            .map(|&(_, slot)| slot)
            .collect();
        let mut months: Vec<Month> = Vec::new();
        for (date, slot) in dated.into_iter().filter(|(d, s)| !is_before(d, *s)) {
            let month = YearMonth::of(&date);
            if months.last().is_none_or(|m| m.month != month) {
                months.push(Month {
                    month,
                    entries: Vec::new(),
                    before: 0,
                });
            }
            if let Some(last) = months.last_mut() {
                last.entries.push(slot);
            }
        }
        // The note leads the range's first month that has entries.
        let lead = start
            .and_then(|s| months.iter().position(|m| m.month >= s))
            .unwrap_or(0);
        if let Some(month) = months.get_mut(lead)
            && !before.is_empty()
        {
            month.before = before.len();
            month.entries.splice(0..0, before);
        }
        let mut placed = vec![(0, 0); archive.directives.len()];
        for (m, month) in months.iter().enumerate() {
            for (at, slot) in month.entries.iter().enumerate() {
                if let Slot::Directive(i) = *slot {
                    placed[i] = (m, at);
                }
            }
        }
        Calendar {
            page_size,
            months,
            outside,
            span,
            placed,
        }
    }

    /// How many entries the timeline has in all.
    pub(crate) fn entry_count(&self) -> usize {
        self.months.iter().map(|m| m.entries.len()).sum()
    }

    /// Whether one page holds the whole timeline: the overview shows it
    /// all, as a small archive always has.
    pub(crate) fn fits_one_page(&self) -> bool {
        self.entry_count() <= self.page_size
    }

    /// How many pages `entries` entries take.
    pub(crate) fn pages_for(&self, entries: usize) -> usize {
        entries.div_ceil(self.page_size).max(1)
    }

    /// The entries of page `page` (from 1) of `month`.
    pub(crate) fn page(&self, month: usize, page: usize) -> &[Slot] {
        let entries = &self.months[month].entries;
        let start = (page.saturating_sub(1) * self.page_size).min(entries.len());
        &entries[start..(start + self.page_size).min(entries.len())]
    }

    /// The index of `month` among the months that have pages.
    pub(crate) fn find(&self, month: YearMonth) -> Option<usize> {
        self.months.binary_search_by(|m| m.month.cmp(&month)).ok()
    }

    /// The month (index) and page (from 1) of directive `index`'s entry.
    pub(crate) fn page_of(&self, index: usize) -> (usize, usize) {
        let (month, at) = self.placed[index];
        (month, at / self.page_size + 1)
    }

    /// The month of directive `index`'s entry.
    pub(crate) fn month_of(&self, index: usize) -> YearMonth {
        self.months[self.placed[index].0].month
    }

    /// The years that have pages, in order.
    pub(crate) fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.months.iter().map(|m| m.month.year).collect();
        years.dedup();
        years
    }

    /// What the pages of each month show of the archive's order, one
    /// number a month, to compare two builds by: its entries, in order
    /// (so which page each is on), with the level of each directive (the
    /// overview's colours). Not what each entry says: that is its
    /// directive's.
    pub(crate) fn fingerprints(&self, archive: &Archive) -> Vec<(YearMonth, u64)> {
        self.months
            .iter()
            .map(|month| {
                let mut hasher = DefaultHasher::new();
                month.before.hash(&mut hasher);
                for slot in &month.entries {
                    match *slot {
                        Slot::Directive(i) => {
                            let directive = &archive.directives[i];
                            (0u8, directive.id(), directive.level.map(Level::key))
                                .hash(&mut hasher);
                        }
                        Slot::Circulation { directive, event } => {
                            (1u8, archive.directives[directive].id(), event).hash(&mut hasher);
                        }
                        Slot::Outside(i) => (2u8, &self.outside[i].key).hash(&mut hasher),
                    }
                }
                (month.month, hasher.finish())
            })
            .collect()
    }
}

/// The months the overview draws: from the site's range if set, else from
/// the directives' dates. The timeline starts where the overview does.
pub(crate) fn span(archive: &Archive, range: TimelineRange) -> Option<(YearMonth, YearMonth)> {
    months_spanned(archive.directives.iter().map(|d| d.date), range)
}

/// The first and last month of `dates` (or of `range`, where it is set).
pub(crate) fn months_spanned(
    dates: impl Iterator<Item = Date> + Clone,
    range: TimelineRange,
) -> Option<(YearMonth, YearMonth)> {
    let from_data = dates.map(|d| YearMonth::of(&d));
    let first = range.start.or_else(|| from_data.clone().min())?;
    let last = range.end.or_else(|| from_data.max())?;
    Some((first, last.max(first)))
}

/// Every document outside the archive cited with a date, once however many
/// directives cite it, in the order they are first cited (oldest first).
fn outside_documents(archive: &Archive) -> Vec<OutsideDocument> {
    let mut documents: Vec<OutsideDocument> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for index in (0..archive.directives.len()).rev() {
        for (r, relation) in archive.relations[index].iter().enumerate() {
            let (None, Some(date)) = (relation.target, relation.date) else {
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
            let slot = *by_key.entry(key.clone()).or_insert_with(|| {
                documents.push(OutsideDocument {
                    date,
                    key,
                    cited_by: Vec::new(),
                });
                documents.len() - 1
            });
            documents[slot].cited_by.push((index, r));
        }
    }
    documents
}

/// A term's directives (in the archive's order, newest first) in date
/// order: the reverse of the archive's, so that where each is follows
/// from the term's members alone.
pub(crate) fn chronological(members: &[usize]) -> impl ExactSizeIterator<Item = usize> + '_ {
    members.iter().rev().copied()
}

/// Where directive `index` is in the date order of a term's `members`
/// (sorted, as the archive's indices are), if it is one of them.
pub(crate) fn position_in(members: &[usize], index: usize) -> Option<usize> {
    members
        .binary_search(&index)
        .ok()
        .map(|at| members.len() - 1 - at)
}
