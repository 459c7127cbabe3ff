//! The timeline of one term of a facet that filters it (a level, a kind,
//! an issuer, a locality): its directives in date order, a page at a
//! time, as a compact list. The first page draws the term's overview and
//! lists the filters. The ties between directives, their circulation and
//! the documents they cite from outside stay on the months' pages, where
//! each directive has one entry; a filtered timeline lists each directive
//! once per facet, and would otherwise repeat all of it four times.

use crate::date::{Date, YearMonth};
use crate::diagnostic::Diagnostic;
use crate::render::calendar::{chronological, months_spanned};
use crate::render::overview::{self, Bar, level_slot};
use crate::render::page::{At, PageKind, Rendered};
use crate::render::pages::timeline::page_with_entries;
use crate::render::paging::Pagination;
use crate::render::reads::{Needs, Read};
use crate::render::shared::Shared;
use crate::render::site::Site;
use crate::render::timeline::{Links, Page, URL, term_page, tie_targets};
use crate::render::timeline_nav::filters;

const TEMPLATE: &str = "timeline.html";

pub(crate) struct FilteredTimeline;

impl FilteredTimeline {
    fn pages_of(site: &Site<'_>, taxonomy: usize, term: usize) -> usize {
        let members = site.taxonomies[taxonomy].terms[term].directives.len();
        site.calendar().pages_for(members)
    }
}

impl PageKind for FilteredTimeline {
    fn pages(&self, site: &Site<'_>) -> Vec<At> {
        let mut pages = Vec::new();
        for (taxonomy, t) in site.taxonomies.iter().enumerate() {
            if !t.facet.has_term_timelines() {
                continue;
            }
            for term in 0..t.terms.len() {
                let count = Self::pages_of(site, taxonomy, term);
                pages.extend((1..=count).map(|page| At::TermTimeline {
                    taxonomy,
                    term,
                    page,
                }));
            }
        }
        pages
    }

    fn url(&self, site: &Site<'_>, at: At) -> Option<String> {
        let At::TermTimeline {
            taxonomy,
            term,
            page,
        } = at
        else {
            return None;
        };
        Some(site.taxonomies[taxonomy].timeline_page_url(term, page))
    }

    fn template(&self) -> Option<&'static str> {
        Some(TEMPLATE)
    }

    /// The term's directives in order; those on the page and those their
    /// ties name; on the first page, every directive of the term (its
    /// overview) and the facets.
    fn reads(&self, site: &Site<'_>, at: At, reads: &mut Vec<Read>) {
        let At::TermTimeline {
            taxonomy,
            term,
            page,
        } = at
        else {
            return;
        };
        reads.push(Read::Term { taxonomy, term });
        let members = &site.taxonomies[taxonomy].terms[term].directives;
        if page == 1 {
            reads.push(Read::Facets);
            reads.extend(members.iter().map(|&i| Read::Directive(i)));
        }
        let slots = term_page(members, site.calendar().page_size, page);
        reads.extend(tie_targets(site.archive, site.calendar(), &slots).map(Read::Directive));
    }

    fn needs(&self) -> Needs {
        Needs::TIMELINE
    }

    fn render(&self, site: &Site<'_>, shared: &Shared<'_>, at: At) -> Result<Rendered, Diagnostic> {
        let At::TermTimeline {
            taxonomy: t,
            term,
            page,
        } = at
        else {
            return Ok(Rendered::default());
        };
        let Some(entries) = &shared.entries else {
            return Ok(Rendered::default());
        };
        let (archive, calendar, base_path) = (site.archive, site.calendar(), site.base_path());
        let taxonomy = &site.taxonomies[t];
        let members = &taxonomy.terms[term].directives;
        let url = taxonomy.timeline_page_url(term, page);
        let total = calendar.pages_for(members.len());
        let mut context = site.context(&shared.site, &url);
        context.insert("count", &members.len());
        context.insert("timeline_href", &format!("{base_path}{URL}"));
        context.insert(
            "filter",
            &serde_json::json!({
                "facet": taxonomy.facet.key(),
                "facet_label": taxonomy.facet.label(),
                "slug": taxonomy.terms[term].slug,
                "label": taxonomy.terms[term].label,
                "listing_href": format!("{base_path}{}", taxonomy.index_url()),
            }),
        );
        context.insert(
            "pagination",
            &Pagination::new(page, total, |n| {
                format!("{base_path}{}", taxonomy.timeline_page_url(term, n))
            }),
        );
        context.insert("complete", &false);
        // A term on one page draws a mark per directive, each leading to
        // its entry; a longer one, a bar per month.
        let marks = total == 1 && members.len() <= overview::MARKS;
        if page == 1 {
            let dated: Vec<(Date, usize)> = chronological(members)
                .map(|i| (archive.directives[i].date, i))
                .collect();
            let span = months_spanned(dated.iter().map(|d| d.0), archive.config.timeline);
            let (svg, sentence) = if marks {
                overview::marks(archive, &shared.summaries, &dated, span)
            } else {
                overview::bars(&term_bars(site, t, term, &dated, span))
            };
            context.insert("overview", &svg);
            context.insert("overview_text", &sentence);
            context.insert(
                "filters",
                &filters(&site.taxonomies, base_path, Some((t, term)), None),
            );
        }
        let view = Page {
            archive,
            summaries: &shared.summaries,
            calendar,
            entries,
            base_path,
            links: Links::Term {
                taxonomy,
                term,
                page,
                anchors: marks,
            },
        }
        .view(&term_page(members, calendar.page_size, page), 0);
        Ok(page_with_entries(site, TEMPLATE, &url, &mut context, view)?.into())
    }
}

/// A bar for every month of `span`, each leading to the page of the
/// term's timeline where the month starts.
fn term_bars(
    site: &Site<'_>,
    taxonomy: usize,
    term: usize,
    dated: &[(Date, usize)],
    span: Option<(YearMonth, YearMonth)>,
) -> Vec<Bar> {
    let Some((first, last)) = span else {
        return Vec::new();
    };
    let page_size = site.calendar().page_size;
    let mut bars: Vec<Bar> = first
        .through(last)
        .map(|month| Bar {
            month,
            counts: [0; 6],
            href: None,
        })
        .collect();
    let offset = |m: YearMonth| {
        let months = (i64::from(m.year) - i64::from(first.year)) * 12 + i64::from(m.month)
            - i64::from(first.month);
        usize::try_from(months).ok()
    };
    for (at, &(date, index)) in dated.iter().enumerate() {
        let month = YearMonth::of(&date);
        let Some(bar) = offset(month).and_then(|o| bars.get_mut(o)) else {
            continue;
        };
        bar.counts[level_slot(site.archive.directives[index].level)] += 1;
        if bar.href.is_none() {
            let url = site.taxonomies[taxonomy].timeline_page_url(term, at / page_size + 1);
            bar.href = Some(format!("{}{url}#thang-{}", site.base_path(), month.key()));
        }
    }
    bars
}
