//! The values many pages share, made in one visible step before the pages
//! are rendered, and only those that the pages to render need: a full
//! build makes them all; `serve`, re-rendering a few directive pages after
//! a save, makes the summaries those pages show and nothing else.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::highlight::Highlighter;
use super::markdown::{self, Flavour};
use super::reads::{Needs, Read};
use super::search::Collector;
use super::site::{Site, SiteView};
use super::summary::{Summaries, Wanted};
use super::timeline::Entries;
use crate::diagnostic::Diagnostic;
use crate::load::BodySource;

/// What the pages to render declared they read and need, gathered.
#[derive(Debug, Default)]
pub(crate) struct Demand {
    summaries: Wanted,
    points: FxHashSet<usize>,
    needs: Needs,
}

impl Demand {
    /// Nothing asked for yet; every summary if `every` (a page to render
    /// lists every directive), so that the reads of single directives need
    /// not be gathered.
    pub(crate) fn starting(every: bool) -> Demand {
        Demand {
            summaries: if every {
                Wanted::All
            } else {
                Wanted::default()
            },
            ..Demand::default()
        }
    }

    /// Both demands at once.
    pub(crate) fn merge(mut self, other: Demand) -> Demand {
        self.needs = self.needs.union(other.needs);
        self.points.extend(other.points);
        self.summaries = match (self.summaries, other.summaries) {
            (Wanted::Some(mut ours), Wanted::Some(theirs)) => {
                ours.extend(theirs);
                Wanted::Some(ours)
            }
            _ => Wanted::All,
        };
        self
    }

    /// What a page needs when every summary is made anyway: the shared
    /// values, and the points it links to.
    pub(crate) fn add_points(&mut self, points: &[usize], needs: Needs) {
        self.needs = self.needs.union(needs);
        self.points.extend(points);
    }

    pub(crate) fn add(&mut self, reads: &[Read], needs: Needs) {
        self.needs = self.needs.union(needs);
        for read in reads {
            match *read {
                Read::EveryDirective => self.summaries = Wanted::All,
                Read::Directive(i) => {
                    if let Wanted::Some(wanted) = &mut self.summaries {
                        wanted.insert(i);
                    }
                }
                Read::Points(i) => {
                    self.points.insert(i);
                }
                Read::Body(_)
                | Read::Term { .. }
                | Read::Facets
                | Read::Month(_)
                | Read::Page(_)
                | Read::FrontPage => {}
            }
        }
    }
}

/// The point anchors of the directives cited by point: a citation of
/// "điểm 3.2" of a directive links to that point when it has one.
#[derive(Debug, Default)]
pub(crate) struct Points(FxHashMap<usize, FxHashSet<String>>);

impl Points {
    /// Reads the bodies of `cited` again, in parallel. A file that cannot
    /// be read again gives no anchors: the citation links to the page, and
    /// that page's own render reports the file.
    fn of(site: &Site<'_>, bodies: &BodySource, cited: &FxHashSet<usize>) -> Points {
        Points(
            cited
                .par_iter()
                .filter_map(|&i| {
                    let text = bodies.read(&site.archive.directives[i]).ok()?;
                    Some((i, crate::body::blocks(&text, Flavour::Directive).anchors))
                })
                .collect(),
        )
    }

    /// Whether directive `target` has a point with `anchor`.
    pub(crate) fn has(&self, target: usize, anchor: &str) -> bool {
        self.0.get(&target).is_some_and(|a| a.contains(anchor))
    }
}

/// The shared values, as the pages read them.
pub(crate) struct Shared<'a> {
    /// What every template sees as `site`.
    pub(crate) site: tera::Value,
    /// The same, for pages written without a template.
    pub(crate) site_view: SiteView,
    pub(crate) summaries: Summaries<'a>,
    pub(crate) highlighter: Highlighter,
    /// Every directive's timeline entries, for the timeline pages.
    pub(crate) entries: Option<Entries>,
    pub(crate) points: Points,
    /// Where bodies are read from.
    pub(crate) bodies: &'a BodySource,
    /// The search index's texts, once the directive pages gave theirs.
    pub(crate) texts: Option<Collector>,
}

impl<'a> Shared<'a> {
    /// Makes what `demand` asks for but the timeline's entries, which
    /// [`Shared::make_entries`] makes once the pages before them are done.
    pub(crate) fn prepare(site: &Site<'a>, bodies: &'a BodySource, demand: &Demand) -> Shared<'a> {
        let wanted = if demand.needs.timeline {
            // Every directive has its entry, showing its summary.
            &Wanted::All
        } else {
            &demand.summaries
        };
        let site_view = SiteView::of(site.archive);
        Shared {
            site: tera::Value::from_serializable(&site_view),
            site_view,
            summaries: Summaries::new(site.archive, wanted),
            highlighter: Highlighter::new(),
            entries: None,
            points: Points::of(site, bodies, &demand.points),
            bodies,
            texts: None,
        }
    }

    /// Renders every directive's timeline entries. An entry template that
    /// fails is reported here, once; the pages that need the entries are
    /// then not rendered.
    pub(crate) fn make_entries(&mut self, site: &Site<'_>) -> Option<Diagnostic> {
        match Entries::render(site.archive, site.theme, &self.site, &self.summaries) {
            Ok(entries) => {
                self.entries = Some(entries);
                None
            }
            Err(problem) => Some(problem),
        }
    }

    /// Whether the values a page needs could be made.
    pub(crate) fn has(&self, needs: Needs) -> bool {
        !needs.timeline || self.entries.is_some()
    }

    pub(crate) fn html_settings<'s>(&'s self, site: &'s Site<'_>) -> markdown::HtmlSettings<'s> {
        markdown::HtmlSettings {
            base_path: site.base_path(),
            highlighter: &self.highlighter,
            raw_html: site.archive.config.raw_html,
        }
    }
}
