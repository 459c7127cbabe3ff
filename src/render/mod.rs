//! Stage 4, **render**: the linked archive turned into output files.
//!
//! The [`plan`] says which pages the site has; each kind of page is a file
//! of [`pages`], declaring its URL, its files, its template and what it
//! reads. [`render`] renders the jobs asked for: it gathers what they read
//! and need, makes the values they share ([`shared`]) in one step, renders
//! the pages in parallel, each a function of the site and those values,
//! then the search index from the texts the directive pages gave. A full
//! build asks for every job; `serve` for those a change reaches.

pub(crate) mod base_html;
pub(crate) mod built_in;
pub(crate) mod calendar;
pub(crate) mod cited_row;
pub(crate) mod context;
pub(crate) mod directive_row;
pub(crate) mod feeds;
pub(crate) mod fragment;
pub mod highlight;
pub(crate) mod index_json;
pub(crate) mod json_ld;
pub mod markdown;
pub(crate) mod no_break;
pub(crate) mod output;
pub(crate) mod overview;
pub(crate) mod page;
pub(crate) mod pages;
pub(crate) mod paging;
pub(crate) mod phrasing;
pub(crate) mod plan;
pub(crate) mod reads;
pub(crate) mod references;
pub(crate) mod related;
pub(crate) mod search;
pub(crate) mod shared;
pub(crate) mod site;
pub(crate) mod summary;
pub(crate) mod taxonomy;
pub mod theme;
pub(crate) mod timeline;
pub(crate) mod timeline_entry;
pub(crate) mod timeline_nav;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::BodySource;
pub(crate) use fragment::Piece;
pub(crate) use output::{Contents, OutputFile};
pub use plan::{Job, Plan};
use reads::Read;
use search::Collector;
use shared::{Demand, Shared};
pub use site::Site;
use summary::Summaries;
use timeline::Entries;

/// Told how rendering advances, so a caller can show it. Every method
/// may be called from several threads.
pub trait Progress: Sync {
    /// Rendering begins, with `_jobs` jobs to render.
    fn start(&self, _jobs: usize) {}
    /// One more job is rendered.
    fn advance(&self) {}
    /// Every job is rendered.
    fn finish(&self) {}
}

/// No progress shown.
pub struct Silent;

impl Progress for Silent {}

/// The most pages one worker renders before others may take the rest:
/// a page costs microseconds to a few milliseconds, a task far less.
const LEAF: usize = 8;

/// Renders `jobs` of `plan`, handing each file to `sink`, bodies read from
/// `bodies`; returns the problems. The pages first, in parallel, then
/// those that need the texts the directive pages gave (the search index).
pub fn render<F>(
    plan: &Plan<'_>,
    bodies: &BodySource,
    jobs: &[Job],
    progress: &dyn Progress,
    sink: F,
) -> Diagnostics
where
    F: Fn(&OutputFile) + Sync,
{
    let (problems, spent) = render_leaving(plan, bodies, jobs, progress, sink);
    spent.free();
    problems
}

/// What [`render_leaving`] made for many pages at once, handed back
/// rather than freed: a build whose process ends next leaves it to the
/// system (see [`crate::BuildOptions::process_ends`]).
pub(crate) struct Spent<'a> {
    summaries: Summaries<'a>,
    entries: Option<Entries>,
}

impl Spent<'_> {
    /// Frees the two largest parts side by side, rather than one after
    /// the other while both workers wait.
    pub(crate) fn free(self) {
        let Spent { summaries, entries } = self;
        rayon::join(|| drop(summaries), || drop(entries));
    }
}

/// Files of one page kind's job above which they are written in
/// parallel: more than a leaf of directive pages writes.
const MANY_FILES: usize = 64;

/// [`render`], handing back what it made for many pages.
pub(crate) fn render_leaving<'a, F>(
    plan: &Plan<'a>,
    bodies: &'a BodySource,
    jobs: &[Job],
    progress: &dyn Progress,
    sink: F,
) -> (Diagnostics, Spent<'a>)
where
    F: Fn(&OutputFile) + Sync,
{
    let site = plan.site();
    // A full build's first page lists every directive: found at once.
    let every = jobs
        .iter()
        .any(|&job| plan.reads(job).contains(&Read::EveryDirective));
    // Asking every page of a large archive what it reads is work worth
    // sharing between the cores.
    let demand = jobs
        .par_iter()
        .fold(
            || Demand::starting(every),
            |mut demand, &job| {
                if every {
                    demand.add_points(&plan.points(job), plan.needs(job));
                } else {
                    demand.add(&plan.reads(job), plan.needs(job));
                }
                demand
            },
        )
        .reduce(|| Demand::starting(every), Demand::merge);
    let mut shared = Shared::prepare(site, bodies, &demand);
    let mut problems = Diagnostics::new();
    // Three rounds, so that the two largest values made for many pages are
    // never held at once: first the pages that need neither (the
    // directive pages among them, which give the search texts), then the
    // search index, its texts dropped with it, then the timeline's pages,
    // with every directive's entries made only now.
    let (last, first): (Vec<Job>, Vec<Job>) = jobs.iter().partition(|&&job| plan.needs(job).texts);
    let (timeline, first): (Vec<Job>, Vec<Job>) =
        first.into_iter().partition(|&job| plan.needs(job).timeline);
    let texts = (!last.is_empty()).then(|| Collector::new(site.archive.directives.len()));
    let one = |shared: &Shared<'_>, texts: Option<&Collector>, job: Job| {
        let result = job.kind().render(site, shared, job.at);
        progress.advance();
        match result {
            Ok(rendered) => {
                // The search index is a thousand files of one job at
                // 10,000 directives: written by one core, they left the
                // other idle at the end of its round.
                if rendered.files.len() > MANY_FILES {
                    rendered.files.par_iter().for_each(&sink);
                } else {
                    rendered.files.iter().for_each(&sink);
                }
                if let (Some(texts), Some((index, text))) = (texts, rendered.text) {
                    texts.add(site.archive, index, text.runs());
                }
                None
            }
            Err(diagnostic) => Some(diagnostic),
        }
    };
    let all = |shared: &Shared<'_>, texts: Option<&Collector>, jobs: Vec<Job>| -> Diagnostics {
        // The pages that list all or much of the archive, one at a time
        // beside the others: with two of them at once, a large archive's
        // peak memory is theirs.
        let (heavy, light): (Vec<Job>, Vec<Job>) =
            jobs.into_iter().partition(|&job| plan.is_heavy(job));
        let (found, more): (Vec<Diagnostic>, Vec<Diagnostic>) = rayon::join(
            || {
                heavy
                    .into_iter()
                    .filter_map(|job| one(shared, texts, job))
                    .collect()
            },
            || {
                // Small leaves: rayon's adaptive split leaves a few large
                // ones on two cores, and the last of them, hundreds of
                // directive pages, kept one core busy for a quarter of a
                // second while the other had nothing left to take.
                light
                    .into_par_iter()
                    .with_max_len(LEAF)
                    .filter_map(|job| one(shared, texts, job))
                    .collect()
            },
        );
        found.into_iter().chain(more).collect()
    };
    problems.extend(all(&shared, texts.as_ref(), first));
    if let Some(texts) = texts {
        // The directives whose pages were not rendered (a partial rebuild
        // in `serve`) give their texts now.
        texts.add_missing(site.archive, bodies);
        shared.texts = Some(texts);
        problems.extend(all(&shared, None, last));
        shared.texts = None;
    }
    if !timeline.is_empty() {
        // The jobs are not rendered if the entries could not be made: the
        // problem is reported once, here.
        if let Some(problem) = shared.make_entries(site) {
            problems.push(problem);
        }
        let timeline = timeline
            .into_iter()
            .filter(|&job| shared.has(plan.needs(job)));
        problems.extend(all(&shared, None, timeline.collect()));
    }
    let Shared {
        summaries, entries, ..
    } = shared;
    (problems, Spent { summaries, entries })
}
