//! A month of the timeline: its directives, their circulation and the
//! documents cited from outside dated in it, with their ties, a page at a
//! time, and the way to the months around it.

use std::collections::BTreeSet;

use crate::date::YearMonth;
use crate::diagnostic::Diagnostic;
use crate::render::calendar::Slot;
use crate::render::page::{At, PageKind, Rendered};
use crate::render::pages::timeline::page_with_entries;
use crate::render::paging::Pagination;
use crate::render::reads::{Needs, Read};
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::timeline::{Links, Page, URL, month_url, tie_targets};
use crate::render::timeline_nav::month_navigator;

const TEMPLATE: &str = "timeline_month.html";

pub(crate) struct TimelineMonth;

impl TimelineMonth {
    /// The month of `at` (an index into the calendar's months) and its page.
    fn month_of(site: &Site<'_>, at: At) -> Option<(usize, usize)> {
        let At::Dated { year, month, page } = at else {
            return None;
        };
        let found = site.calendar().find(YearMonth { year, month })?;
        (month > 0).then_some((found, page))
    }
}

impl PageKind for TimelineMonth {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let calendar = site.calendar();
        calendar
            .months
            .iter()
            .flat_map(|m| {
                (1..=calendar.pages_for(m.entries.len())).map(|page| At::Dated {
                    year: m.month.year,
                    month: m.month.month,
                    page,
                })
            })
            .collect()
    }

    fn url(&self, _site: &Site<'_>, at: At) -> Option<String> {
        match at {
            At::Dated { year, month, page } if month > 0 => {
                Some(month_url(YearMonth { year, month }, page))
            }
            _ => None,
        }
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    /// The month's entries in order; the directives of those on the page
    /// and those their ties name, with the months these are in (where
    /// each tie leads).
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let Some((month, page)) = Self::month_of(site, at) else {
            return;
        };
        let calendar = site.calendar();
        let mut months = BTreeSet::from([calendar.months[month].month]);
        for target in tie_targets(site.archive, calendar, calendar.page(month, page)) {
            reads.push(Read::Directive(target));
            months.insert(calendar.month_of(target));
        }
        reads.extend(months.into_iter().map(Read::Month));
    }

    fn needs(&self) -> Needs {
        Needs::TIMELINE
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let Some((month, page)) = Self::month_of(site, at) else {
            return Ok(Rendered::default());
        };
        let Some(entries) = &shared.entries else {
            return Ok(Rendered::default());
        };
        let (calendar, base_path) = (site.calendar(), site.base_path());
        let here = &calendar.months[month];
        let url = month_url(here.month, page);
        let total = calendar.pages_for(here.entries.len());
        let slots = calendar.page(month, page);
        // The note of what is before the timeline's range leads the month.
        let before = here.before.saturating_sub((page - 1) * calendar.page_size);
        let mut context = site.context(&shared.site, &url);
        context.insert(
            "month",
            &serde_json::json!({
                "key": here.month.key(),
                "label": here.month.label(),
                "count": here.entries.iter().filter(|s| matches!(s, Slot::Directive(_))).count(),
            }),
        );
        context.insert("nav", &month_navigator(calendar, base_path, month));
        context.insert(
            "pagination",
            &Pagination::new(page, total, |n| {
                format!("{base_path}{}", month_url(here.month, n))
            }),
        );
        context.insert("timeline_href", &format!("{base_path}{URL}"));
        let view = Page {
            archive: site.archive,
            summaries: &shared.summaries,
            calendar,
            entries,
            base_path,
            links: Links::Month { month, page },
        }
        .view(slots, before.min(slots.len()));
        Ok(page_with_entries(site, TEMPLATE, &url, &mut context, view)?.into())
    }
}
