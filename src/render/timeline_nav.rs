//! The ways between the timeline's pages: the links between the pages of
//! a month or of a filtered timeline, the months of a year and their
//! neighbours, the filters, and the table of each month's directives by
//! level, which is also the overview's text alternative. Each is bounded,
//! whatever the size of the archive.

use serde::Serialize;

use super::calendar::{Calendar, Slot};
use super::overview::{LevelCounts, level_slot};
use super::phrasing;
use super::taxonomy::{Facet, Taxonomy};
use super::timeline::{month_url, year_url};
use crate::date::YearMonth;
use crate::link::Archive;
use crate::model::Level;

/// The terms of a facet a filter lists; the facet's index has them all.
const FILTER_TERMS: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavLink {
    pub(crate) label: String,
    pub(crate) href: String,
}

/// A month in a year's list: linked if it has pages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NavMonth {
    pub(crate) number: u8,
    pub(crate) href: Option<String>,
    pub(crate) current: bool,
}

/// The way from a month's page (or a year's) to the others.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Navigator {
    pub(crate) year: i32,
    pub(crate) year_href: String,
    pub(crate) previous: Option<NavLink>,
    pub(crate) next: Option<NavLink>,
    /// The year's twelve months.
    pub(crate) months: Vec<NavMonth>,
}

/// From month `current` (an index into the calendar's months) to the
/// months before and after it that have pages, and to its year's.
pub(crate) fn month_navigator(calendar: &Calendar, base_path: &str, current: usize) -> Navigator {
    let here = calendar.months[current].month;
    let link = |m: usize| {
        let month = calendar.months[m].month;
        NavLink {
            label: month.label(),
            href: format!("{base_path}{}", month_url(month, 1)),
        }
    };
    Navigator {
        year: here.year,
        year_href: format!("{base_path}{}", year_url(here.year)),
        previous: current.checked_sub(1).map(link),
        next: (current + 1 < calendar.months.len()).then(|| link(current + 1)),
        months: year_months(calendar, base_path, here.year, Some(here)),
    }
}

/// From year `year`'s page to the years before and after it that have
/// pages, and to its months.
pub(crate) fn year_navigator(calendar: &Calendar, base_path: &str, year: i32) -> Navigator {
    let years = calendar.years();
    let at = years.iter().position(|&y| y == year);
    let link = |y: i32| NavLink {
        label: phrasing::year_label(y),
        href: format!("{base_path}{}", year_url(y)),
    };
    Navigator {
        year,
        year_href: format!("{base_path}{}", year_url(year)),
        previous: at.and_then(|at| at.checked_sub(1)).map(|p| link(years[p])),
        next: at.and_then(|at| years.get(at + 1)).map(|&y| link(y)),
        months: year_months(calendar, base_path, year, None),
    }
}

fn year_months(
    calendar: &Calendar,
    base_path: &str,
    year: i32,
    current: Option<YearMonth>,
) -> Vec<NavMonth> {
    (1..=12)
        .map(|number| {
            let month = YearMonth {
                year,
                month: number,
            };
            NavMonth {
                number,
                href: calendar
                    .find(month)
                    .map(|_| format!("{base_path}{}", month_url(month, 1))),
                current: current == Some(month),
            }
        })
        .collect()
}

/// Each month's directives by level (months that have pages only).
pub(crate) fn month_counts(
    archive: &Archive,
    calendar: &Calendar,
) -> Vec<(YearMonth, LevelCounts)> {
    calendar
        .months
        .iter()
        .map(|month| {
            let mut counts = [0; 6];
            for slot in &month.entries {
                if let Slot::Directive(i) = *slot {
                    counts[level_slot(archive.directives[i].level)] += 1;
                }
            }
            (month.month, counts)
        })
        .collect()
}

/// The table of months and their directives by level.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountsTable {
    /// The levels of the columns: those any month of the table has.
    pub(crate) levels: Vec<&'static str>,
    pub(crate) years: Vec<CountsYear>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountsYear {
    pub(crate) label: String,
    pub(crate) href: String,
    pub(crate) counts: Vec<usize>,
    pub(crate) total: usize,
    pub(crate) months: Vec<CountsRow>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountsRow {
    pub(crate) label: String,
    pub(crate) href: String,
    pub(crate) counts: Vec<usize>,
    pub(crate) total: usize,
}

/// The table of the months of `counts` (all, or one year's) that have
/// pages, each linking to its first page, under its year's.
pub(crate) fn counts_table(counts: &[(YearMonth, LevelCounts)], base_path: &str) -> CountsTable {
    let shown: Vec<usize> = (0..6)
        .filter(|&slot| counts.iter().any(|(_, c)| c[slot] > 0))
        .collect();
    let pick = |c: &LevelCounts| shown.iter().map(|&s| c[s]).collect::<Vec<_>>();
    let mut years: Vec<CountsYear> = Vec::new();
    let mut sums: Vec<LevelCounts> = Vec::new();
    for (month, c) in counts {
        if years
            .last()
            .is_none_or(|y| y.label != phrasing::year_label(month.year))
        {
            years.push(CountsYear {
                label: phrasing::year_label(month.year),
                href: format!("{base_path}{}", year_url(month.year)),
                counts: Vec::new(),
                total: 0,
                months: Vec::new(),
            });
            sums.push([0; 6]);
        }
        if let (Some(year), Some(sum)) = (years.last_mut(), sums.last_mut()) {
            for (s, n) in sum.iter_mut().zip(c) {
                *s += n;
            }
            year.months.push(CountsRow {
                label: month.label(),
                href: format!("{base_path}{}", month_url(*month, 1)),
                counts: pick(c),
                total: c.iter().sum(),
            });
        }
    }
    for (year, sum) in years.iter_mut().zip(&sums) {
        year.counts = pick(sum);
        year.total = sum.iter().sum();
    }
    CountsTable {
        levels: shown
            .iter()
            .map(|&s| Level::ALL.get(s).map_or(phrasing::NO_LEVEL, |l| l.label()))
            .collect(),
        years,
    }
}

/// A facet the timeline is filtered by, and its most common terms.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FilterFacet {
    pub(crate) key: &'static str,
    pub(crate) label: &'static str,
    pub(crate) terms: Vec<FilterTerm>,
    /// The facet's index, when it has terms not listed here.
    pub(crate) all: Option<NavLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct FilterTerm {
    pub(crate) facet: &'static str,
    pub(crate) slug: String,
    pub(crate) label: String,
    pub(crate) count: usize,
    pub(crate) href: String,
    pub(crate) current: bool,
    /// On a page holding the whole timeline, the term's directives, for
    /// the script that filters the page in place.
    pub(crate) ids: Option<String>,
}

/// The directives of a term as a page filtering itself in place reads
/// them (their ids).
pub(crate) type TermIds<'a> = &'a dyn Fn(&[usize]) -> String;

/// The filters: every facet that filters the timeline and has terms, with its
/// [`FILTER_TERMS`] most common terms (all the levels and years), the
/// term `current` among them; `ids` gives a term's directives to filter a
/// page holding them all in place.
pub(crate) fn filters(
    taxonomies: &[Taxonomy],
    base_path: &str,
    current: Option<(usize, usize)>,
    ids: Option<TermIds<'_>>,
) -> Vec<FilterFacet> {
    taxonomies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.facet.filters_timeline() && !t.terms.is_empty())
        .map(|(t, taxonomy)| {
            let mut listed: Vec<usize> = (0..taxonomy.terms.len()).collect();
            let bounded = !matches!(taxonomy.facet, Facet::Level | Facet::Year);
            if bounded && listed.len() > FILTER_TERMS {
                // The most common first; a stable sort keeps the facet's
                // own order between equals.
                listed.sort_by_key(|&n| std::cmp::Reverse(taxonomy.terms[n].directives.len()));
                let current = current.and_then(|(ct, term)| (ct == t).then_some(term));
                let mut kept: Vec<usize> = listed[..FILTER_TERMS].to_vec();
                if let Some(term) = current.filter(|term| !kept.contains(term)) {
                    kept.push(term);
                }
                listed = kept;
            }
            let all = (listed.len() < taxonomy.terms.len()).then(|| NavLink {
                label: phrasing::all_terms(taxonomy.terms.len()),
                href: format!("{base_path}{}", taxonomy.index_url()),
            });
            FilterFacet {
                key: taxonomy.facet.key(),
                label: taxonomy.facet.label(),
                terms: listed
                    .into_iter()
                    .map(|n| {
                        let term = &taxonomy.terms[n];
                        FilterTerm {
                            facet: taxonomy.facet.key(),
                            slug: term.slug.clone(),
                            label: term.label.clone(),
                            count: term.directives.len(),
                            href: format!("{base_path}{}", taxonomy.timeline_url(n)),
                            current: current == Some((t, n)),
                            ids: ids.map(|ids| ids(&term.directives)),
                        }
                    })
                    .collect(),
                all,
            }
        })
        .collect()
}
