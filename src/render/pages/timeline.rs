//! The timeline's overview: the whole range of the archive, each month's
//! directives by level, leading to each year and month and to the
//! filters. When the whole timeline fits on one page, the overview holds
//! it too, so a small archive reads on one page.

use crate::date::{Date, YearMonth};
use crate::diagnostic::Diagnostic;
use crate::render::calendar::{Calendar, Slot};
use crate::render::fragment::fill_slots;
use crate::render::output::{Contents, OutputFile};
use crate::render::overview::{self, Bar, LevelCounts};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::reads::{Needs, Read};
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::timeline::{EntriesView, Links, Page, URL, month_url};
use crate::render::timeline_nav::{TermIds, counts_table, filters, month_counts};

const TEMPLATE: &str = "timeline.html";

/// The overview of the timeline.
pub(crate) struct Timeline;

impl PageKind for Timeline {
    fn url(&self, _site: &Site<'_>, _at: At) -> Option<String> {
        Some(URL.to_owned())
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    /// Holding every entry, every directive; else each month's count by
    /// level, which its months' entries give.
    fn reads(&self, site: &Site<'_>, _at: At, reads: &mut Vec<Read>) {
        let calendar = site.calendar();
        reads.push(Read::Facets);
        if calendar.fits_one_page() {
            reads.push(Read::EveryDirective);
        } else {
            reads.extend(calendar.months.iter().map(|m| Read::Month(m.month)));
        }
    }

    fn needs(&self) -> Needs {
        Needs::TIMELINE
    }

    fn render(
        &self,
        site: &Site<'_>,
        shared: &Shared<'_>,
        _at: At,
    ) -> Result<Rendered, Diagnostic> {
        // Rendered for every timeline page before any is: the plan renders
        // none when they could not be.
        let Some(entries) = &shared.entries else {
            return Ok(Rendered::default());
        };
        let (archive, calendar, base_path) = (site.archive, site.calendar(), site.base_path());
        let mut context = site.context(&shared.site, URL);
        let complete = calendar.fits_one_page();
        let counts = month_counts(archive, calendar);
        let (svg, sentence) = if complete && archive.directives.len() <= overview::MARKS {
            let dated: Vec<(Date, usize)> = (0..archive.directives.len())
                .map(|i| (archive.directives[i].date, i))
                .collect();
            overview::marks(archive, &shared.summaries, &dated, calendar.span)
        } else {
            overview::bars(&month_bars(calendar, &counts, base_path, complete))
        };
        context.insert("overview", &svg);
        context.insert("overview_text", &sentence);
        context.insert("count", &archive.directives.len());
        context.insert(
            "counts",
            &(!counts.is_empty()).then(|| counts_table(&counts, base_path)),
        );
        let ids = |members: &[usize]| {
            members
                .iter()
                .map(|&i| shared.summaries[i].id.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let ids: Option<TermIds<'_>> = if complete { Some(&ids) } else { None };
        context.insert("filters", &filters(&site.taxonomies, base_path, None, ids));
        context.insert("filter", &None::<()>);
        context.insert("timeline_href", &format!("{base_path}{URL}"));
        context.insert("complete", &complete);
        let view = if complete {
            let page = Page {
                archive,
                summaries: &shared.summaries,
                calendar,
                entries,
                base_path,
                links: Links::Everything,
            };
            let (slots, before) = all_entries(calendar);
            page.view(&slots, before)
        } else {
            EntriesView::default()
        };
        Ok(page_with_entries(site, TEMPLATE, URL, &mut context, view)?.into())
    }
}

/// Every entry of the timeline, those before its range first, and how
/// many those are.
fn all_entries(calendar: &Calendar) -> (Vec<Slot>, usize) {
    let before: usize = calendar.months.iter().map(|m| m.before).sum();
    let mut slots = Vec::with_capacity(calendar.entry_count());
    for month in &calendar.months {
        slots.extend_from_slice(&month.entries[..month.before]);
    }
    for month in &calendar.months {
        slots.extend_from_slice(&month.entries[month.before..]);
    }
    (slots, before)
}

/// A bar for every month of the overview's span, each leading to its
/// month: its section of the page if the page holds `everything`, else
/// its first page.
fn month_bars(
    calendar: &Calendar,
    counts: &[(YearMonth, LevelCounts)],
    base_path: &str,
    everything: bool,
) -> Vec<Bar> {
    let Some((first, last)) = calendar.span else {
        return Vec::new();
    };
    first
        .through(last)
        .map(|month| {
            let found = counts.iter().find(|(m, _)| *m == month);
            Bar {
                month,
                counts: found.map_or([0; 6], |(_, c)| *c),
                href: found.map(|_| {
                    if everything {
                        format!("#thang-{}", month.key())
                    } else {
                        format!("{base_path}{}", month_url(month, 1))
                    }
                }),
            }
        })
        .collect()
}

/// Renders `template` with `view`'s entries in its context, and writes
/// the entries rendered once per build where the page has their slots.
pub(crate) fn page_with_entries(
    site: &Site<'_>,
    template: &str,
    url: &str,
    context: &mut tera::Context,
    mut view: EntriesView,
) -> Result<OutputFile, Diagnostic> {
    let fills = view.take_fills();
    view.join_months();
    // The page without its rendered entries: slots, headings, the rest.
    let capacity = 256 * view.entry_count() + 64 * 1024;
    context.insert("timeline", &view);
    drop(view);
    let mut page = site.page_file_with_capacity(template, url, context, capacity)?;
    if let Contents::Bytes(bytes) = page.contents {
        page.contents = Contents::Pieces(fill_slots(bytes, fills).ok_or_else(|| {
            site.theme.render_error_message(
                template,
                "each entry's `html` must be output once, with `{{ e.html | safe }}`",
            )
        })?);
    }
    Ok(page)
}
