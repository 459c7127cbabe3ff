//! A year of the timeline: its months' directives by level, each month
//! leading to its pages, and the years before and after.

use crate::date::YearMonth;
use crate::diagnostic::Diagnostic;
use crate::render::overview::{self, Bar};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::Read;
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::timeline::{URL, month_url, year_url};
use crate::render::timeline_nav::{counts_table, month_counts, year_navigator};

const TEMPLATE: &str = "timeline_year.html";

pub(crate) struct TimelineYear;

impl PageKind for TimelineYear {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        site.calendar()
            .years()
            .into_iter()
            .map(|year| At::Dated {
                year,
                month: 0,
                page: 0,
            })
            .collect()
    }

    fn url(&self, _site: &Site<'_>, at: At) -> Option<String> {
        match at {
            At::Dated { year, month: 0, .. } => Some(year_url(year)),
            _ => None,
        }
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    /// Its months' entries (their counts by level).
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let At::Dated { year, .. } = at else {
            return;
        };
        let months = site.calendar().months.iter().map(|m| m.month);
        reads.extend(months.filter(|m| m.year == year).map(Read::Month));
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::Dated { year, .. } = at else {
            return Ok(Rendered::default());
        };
        let (calendar, base_path) = (site.calendar(), site.base_path());
        let url = year_url(year);
        let counts: Vec<_> = month_counts(site.archive, calendar)
            .into_iter()
            .filter(|(m, _)| m.year == year)
            .collect();
        let bars: Vec<Bar> = (1..=12)
            .map(|number| {
                let month = YearMonth {
                    year,
                    month: number,
                };
                let found = counts.iter().find(|(m, _)| *m == month);
                Bar {
                    month,
                    counts: found.map_or([0; 6], |(_, c)| *c),
                    href: found.map(|_| format!("{base_path}{}", month_url(month, 1))),
                }
            })
            .collect();
        let (svg, sentence) = overview::bars(&bars);
        let mut context = site.context(&shared.site, &url);
        context.insert("year", &year);
        context.insert(
            "count",
            &counts
                .iter()
                .map(|(_, c)| c.iter().sum::<usize>())
                .sum::<usize>(),
        );
        context.insert("overview", &svg);
        context.insert("overview_text", &sentence);
        context.insert("counts", &counts_table(&counts, base_path));
        context.insert("nav", &year_navigator(calendar, base_path, year));
        context.insert("timeline_href", &format!("{base_path}{URL}"));
        Ok(site.page_file(TEMPLATE, &url, &context)?.into())
    }
}
