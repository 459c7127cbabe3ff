//! The plan of pages: what pages a linked archive makes. Each kind of page
//! is a file of [`super::pages`]; this is the one list of them. Adding a
//! kind of page is adding its file and a line to [`KINDS`].

use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::page::{At, PageKind};
use super::pages;
use super::reads::{Needs, Read};
use super::site::Site;
use super::theme;
use crate::date::YearMonth;

/// Every kind of page, in the order the site-wide pages are listed.
const KINDS: &[&dyn PageKind] = &[
    &pages::front::Front,
    &pages::timeline::Timeline,
    &pages::timeline_year::TimelineYear,
    &pages::timeline_month::TimelineMonth,
    &pages::references::References,
    &pages::references::CitedBy,
    &pages::directives_json::DirectivesJson,
    &pages::feeds::Atom,
    &pages::feeds::Robots,
    &pages::not_found::NotFound,
    &pages::feeds::Sitemap,
    &pages::search::SearchPage,
    &pages::search::SearchIndex,
    &pages::taxonomy::TaxonomyIndex,
    &pages::timeline_term::FilteredTimeline,
    &pages::term::TermListing,
    &pages::directive::DirectivePage,
    &pages::related::RelatedList,
    &pages::free_page::FreePage,
    &pages::statics::StaticFile,
];

/// One page of the site: its kind and where it is among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Job {
    kind: u8,
    pub(crate) at: At,
}

impl Job {
    pub(crate) fn kind(self) -> &'static dyn PageKind {
        KINDS[usize::from(self.kind)]
    }
}

/// Every page the site makes, in order.
pub struct Plan<'a> {
    pub(crate) site: Site<'a>,
    jobs: Vec<Job>,
}

impl<'a> Plan<'a> {
    /// The plan of every page `site` makes, in the order they are rendered.
    pub fn new(site: Site<'a>) -> Plan<'a> {
        // Drawn from the whole archive, one after the other otherwise:
        // the references' and timeline's pages are counted from them.
        rayon::join(|| site.references(), || site.calendar());
        let mut jobs: Vec<Job> = Vec::new();
        for (kind, page_kind) in KINDS.iter().enumerate() {
            // A handful of kinds: the index always fits.
            let kind = u8::try_from(kind).unwrap_or(u8::MAX);
            jobs.extend(
                page_kind
                    .pages(&site)
                    .into_iter()
                    .map(|at| Job { kind, at }),
            );
        }
        // Stable: the site-wide pages keep the order of `KINDS`.
        jobs.sort_by_key(|job| job.at);
        let mut plan = Plan { site, jobs };
        // The sitemap lists them; no kind's pages depend on it.
        plan.site.page_urls = plan.jobs.iter().filter_map(|&job| plan.url(job)).collect();
        plan
    }

    pub(crate) fn site(&self) -> &Site<'a> {
        &self.site
    }

    /// Every page of the plan, in order, to render all or some of them.
    pub fn jobs(&self) -> &[Job] {
        &self.jobs
    }

    /// The site path of a job's HTML page, if it makes one.
    pub fn url(&self, job: Job) -> Option<String> {
        job.kind().url(&self.site, job.at)
    }

    /// The files a job writes.
    pub(crate) fn files(&self, job: Job) -> Vec<PathBuf> {
        job.kind().files(&self.site, job.at)
    }

    /// What a job shows of the site.
    pub(crate) fn reads(&self, job: Job) -> Vec<Read> {
        let mut reads = Vec::new();
        job.kind().reads(&self.site, job.at, &mut reads);
        reads
    }

    /// The directives whose points' anchors a job links to.
    pub(crate) fn points(&self, job: Job) -> Vec<usize> {
        let mut points = Vec::new();
        job.kind().points(&self.site, job.at, &mut points);
        points
    }

    pub(crate) fn needs(&self, job: Job) -> Needs {
        job.kind().needs()
    }

    pub(crate) fn template(&self, job: Job) -> Option<&'static str> {
        job.kind().template()
    }

    pub(crate) fn is_heavy(&self, job: Job) -> bool {
        job.kind().is_heavy()
    }

    /// What identifies a job from one plan to the next, whatever the
    /// indices: its first file.
    pub(crate) fn key(&self, job: Job) -> Option<PathBuf> {
        self.files(job).into_iter().next()
    }
}

/// What a change reaches, in one plan's terms (its indices): made by
/// `serve` by comparing the archive before and after, asked of the plan
/// with [`Plan::reading`].
#[derive(Debug, Default)]
pub(crate) struct Touched {
    /// Directives whose record, text or links changed, or that came or went.
    pub(crate) directives: FxHashSet<usize>,
    /// Whether any directive is touched: the pages that list them all.
    pub(crate) any_directive: bool,
    /// Terms (taxonomy, term) whose directives changed.
    pub(crate) terms: FxHashSet<(usize, usize)>,
    /// Whether a facet's terms or their counts changed.
    pub(crate) facets: bool,
    /// Months of the timeline whose entries changed (see [`Read::Month`]).
    pub(crate) months: FxHashSet<YearMonth>,
    /// Free-standing pages that changed.
    pub(crate) pages: FxHashSet<usize>,
    pub(crate) front_page: bool,
    /// Templates that changed, by name.
    pub(crate) templates: Vec<String>,
}

impl Touched {
    fn reaches(&self, read: Read) -> bool {
        match read {
            Read::Directive(i) | Read::Body(i) | Read::Points(i) => self.directives.contains(&i),
            Read::EveryDirective => self.any_directive,
            Read::Term { taxonomy, term } => self.terms.contains(&(taxonomy, term)),
            Read::Facets => self.facets,
            Read::Month(month) => self.months.contains(&month),
            Read::Page(i) => self.pages.contains(&i),
            Read::FrontPage => self.front_page,
        }
    }

    /// Whether a page rendered with `template` shows a changed template:
    /// its own, or a base or partial template, which are in every page.
    fn reaches_template(&self, template: Option<&str>) -> bool {
        template.is_some_and(|own| {
            self.templates
                .iter()
                .any(|t| t == own || !theme::is_page_template(t))
        })
    }
}

impl Plan<'_> {
    /// The jobs that read something `touched` names.
    pub(crate) fn reading(&self, touched: &Touched) -> Vec<Job> {
        self.jobs
            .par_iter()
            .copied()
            .filter(|&job| {
                touched.reaches_template(self.template(job))
                    || self
                        .reads(job)
                        .into_iter()
                        .any(|read| touched.reaches(read))
            })
            .collect()
    }

    /// Whether a job lists many directives (all of them, a term's, the
    /// facets' counts or a month of the timeline): `serve` renders those
    /// after the others.
    pub(crate) fn is_listing(&self, job: Job) -> bool {
        self.reads(job).into_iter().any(|read| {
            matches!(
                read,
                Read::EveryDirective | Read::Term { .. } | Read::Facets | Read::Month(_)
            )
        })
    }
}
