//! Stage 4, **render**: the linked archive turned into output files. Each
//! output is a [`Job`]; rendering a job is a pure function of the archive
//! and the theme, so jobs run in parallel and in any order.

pub mod context;
pub mod feeds;
pub mod highlight;
pub mod index_json;
pub mod json_ld;
pub mod markdown;
pub mod no_break;
pub mod overview;
pub mod references;
pub mod search;
pub mod taxonomy;
pub mod theme;
pub mod timeline;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use tera::Context;

use crate::body::anchors::point_anchor;
use crate::body::references::{Mention, number_key};
use crate::diagnostic::Diagnostic;
use crate::link::Archive;
use crate::load::BodySource;
use context::Summaries;
use highlight::Highlighter;
use markdown::Flavour;
use taxonomy::Taxonomy;
use theme::{StaticSource, Theme};

/// A file of the output, relative to the output root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Contents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Written one after the other: a page made of parts shared with
    /// other pages (see [`timeline::SPLICE_MARK`]).
    Pieces(Vec<Piece>),
    /// A static file copied as is, without reading it into memory.
    Copy(PathBuf),
}

/// A part of a file's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Owned(Vec<u8>),
    /// Bytes `range` of a text shared with other files.
    Part(Arc<str>, std::ops::Range<usize>),
}

impl Piece {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Piece::Owned(bytes) => bytes,
            Piece::Part(text, range) => &text.as_bytes()[range.clone()],
        }
    }
}

/// `page`, rendered with a [`timeline::SPLICE_MARK`] for each of `splices`,
/// as the pieces to write: the marks replaced by the splices, in order.
/// `None` if the marks and the splices do not pair up (a template that
/// leaves out or repeats an entry's `html`).
fn splice(page: Vec<u8>, splices: Vec<Vec<Piece>>) -> Option<Vec<Piece>> {
    const MARK: u8 = timeline::SPLICE_MARK.as_bytes()[0];
    let mut pieces = Vec::with_capacity(4 * splices.len() + 1);
    let mut splices = splices.into_iter();
    let mut rest = page.as_slice();
    while let Some(at) = memchr::memchr(MARK, rest) {
        pieces.push(Piece::Owned(rest[..at].to_vec()));
        pieces.extend(splices.next()?);
        rest = &rest[at + 1..];
    }
    pieces.push(Piece::Owned(rest.to_vec()));
    splices.next().is_none().then_some(pieces)
}

/// The page of every cited document.
pub const REFERENCES_URL: &str = "/references/";
pub const TIMELINE_URL: &str = "/timeline/";
pub const SEARCH_URL: &str = "/search/";

pub const DIRECTIVES_JSON: &str = "directives.json";
const ROBOTS: &str = "robots.txt";
const NOT_FOUND: &str = "404.html";

/// The file a page at site path `url` is written to.
pub fn page_path(url: &str) -> PathBuf {
    PathBuf::from(url.trim_start_matches('/')).join("index.html")
}

/// One output to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    FrontPage,
    References,
    Timeline,
    /// The timeline of one term of a facet that filters it.
    TimelineFilter {
        taxonomy: usize,
        term: usize,
    },
    TaxonomyIndex(usize),
    /// Page `page` (from 1) of a term's listing.
    TermPage {
        taxonomy: usize,
        term: usize,
        page: usize,
    },
    Directive(usize),
    Page(usize),
    DirectivesJson,
    /// The search page.
    Search,
    /// Every file of the search index (see [`search`]).
    SearchIndex,
    Atom,
    Sitemap,
    Robots,
    NotFound,
    Static(usize),
}

/// JSON of plain data. Serialising structs, vectors, strings and numbers
/// cannot fail (no maps with non-text keys, no custom serialisers), so a
/// failure would be a programming error.
pub(crate) fn json<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("plain data always serialises to JSON")
}

/// Replaces the five characters that matter in HTML and XML text and
/// attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// What every job shares, computed once per build.
///
/// [`Renderer::new`] makes all of it up front, in parallel, for a full
/// build. [`Renderer::lazy`] makes each part the first time a job needs it:
/// `serve` re-renders a few directive pages after a save and needs neither
/// the taxonomies nor the timeline's entries for that.
pub struct Renderer<'a> {
    archive: &'a Archive,
    bodies: &'a BodySource,
    theme: &'a Theme,
    site: tera::Value,
    /// Every directive's summary, also as template values made once.
    summaries: Summaries<'a>,
    highlighter: Highlighter,
    anchors: Vec<OnceLock<HashSet<String>>>,
    taxonomies: OnceLock<Vec<Taxonomy>>,
    facet_values: OnceLock<timeline::FacetValues>,
    /// Every directive's timeline entry, rendered once for the timeline
    /// and its filtered pages; `None` if the theme could not render one
    /// (each page then renders its entries, and reports the problem).
    timeline_entries: OnceLock<Option<Vec<timeline::RenderedEntries>>>,
    /// The search index, gathered by the directive jobs.
    search: Option<search::Collector>,
}

impl<'a> Renderer<'a> {
    /// A renderer for a whole build: everything shared made at once.
    pub fn new(archive: &'a Archive, bodies: &'a BodySource, theme: &'a Theme) -> Renderer<'a> {
        let renderer = Renderer::lazy(archive, bodies, theme);
        renderer.summaries.fill();
        let entries = timeline_entries(
            archive,
            theme,
            &renderer.site,
            &renderer.summaries,
            renderer.facet_values(),
            true,
        );
        // Just made: the cell was empty.
        let _ = renderer.timeline_entries.set(entries);
        renderer
    }

    /// A renderer that makes what jobs share only when one needs it.
    pub fn lazy(archive: &'a Archive, bodies: &'a BodySource, theme: &'a Theme) -> Renderer<'a> {
        let site = tera::Value::from_serializable(&context::site_view(archive));
        Renderer {
            archive,
            bodies,
            theme,
            site,
            summaries: Summaries::new(archive),
            highlighter: Highlighter::new(),
            anchors: archive.directives.iter().map(|_| OnceLock::new()).collect(),
            taxonomies: OnceLock::new(),
            facet_values: OnceLock::new(),
            timeline_entries: OnceLock::new(),
            search: archive
                .config
                .search
                .then(|| search::Collector::new(archive.directives.len())),
        }
    }

    pub fn archive(&self) -> &'a Archive {
        self.archive
    }

    pub fn taxonomies(&self) -> &[Taxonomy] {
        self.taxonomies
            .get_or_init(|| taxonomy::taxonomies(self.archive))
    }

    fn facet_values(&self) -> &timeline::FacetValues {
        self.facet_values
            .get_or_init(|| timeline::FacetValues::new(self.archive, self.taxonomies()))
    }

    /// Made one after the other when first needed: a job must not wait
    /// here for parallel work that could steal that same job.
    fn timeline_entries(&self) -> Option<&[timeline::RenderedEntries]> {
        self.timeline_entries
            .get_or_init(|| {
                timeline_entries(
                    self.archive,
                    self.theme,
                    &self.site,
                    &self.summaries,
                    self.facet_values(),
                    false,
                )
            })
            .as_deref()
    }

    /// Every output of the site.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![
            Job::FrontPage,
            Job::Timeline,
            Job::References,
            Job::DirectivesJson,
            Job::Atom,
            Job::Robots,
            Job::NotFound,
        ];
        // The sitemap protocol takes only absolute URLs: without a host to
        // put in them there is no valid sitemap to write.
        if self.archive.config.base_url.has_host() {
            jobs.push(Job::Sitemap);
        }
        if self.archive.config.search {
            jobs.extend([Job::Search, Job::SearchIndex]);
        }
        for (t, taxonomy) in self.taxonomies().iter().enumerate() {
            jobs.push(Job::TaxonomyIndex(t));
            for (term, entry) in taxonomy.terms.iter().enumerate() {
                if taxonomy.facet.filters_timeline() {
                    jobs.push(Job::TimelineFilter { taxonomy: t, term });
                }
                let pages = entry
                    .directives
                    .len()
                    .div_ceil(self.archive.config.paginate);
                jobs.extend((1..=pages).map(|page| Job::TermPage {
                    taxonomy: t,
                    term,
                    page,
                }));
            }
        }
        jobs.extend((0..self.archive.directives.len()).map(Job::Directive));
        jobs.extend((0..self.archive.pages.len()).map(Job::Page));
        jobs.extend((0..self.theme.static_files.len()).map(Job::Static));
        jobs
    }

    /// Called between the other jobs and those that [`Self::runs_last`]:
    /// drops what only the pages needed (the timeline's entries, the
    /// summaries' template values, the anchors of cited directives), so the
    /// search index is made in the memory they took.
    pub fn before_last(&mut self) {
        self.timeline_entries.take();
        self.facet_values.take();
        self.anchors.iter_mut().for_each(|a| drop(a.take()));
        self.summaries.keep_list_only();
    }

    /// Whether `job` must wait for the others: the search index is
    /// gathered by the directive jobs.
    pub fn runs_last(job: Job) -> bool {
        job == Job::SearchIndex
    }

    /// Whether `job` lists all or much of the archive: a page of tens of
    /// megabytes in a large one.
    pub fn is_heavy(job: Job) -> bool {
        matches!(
            job,
            Job::FrontPage
                | Job::Timeline
                | Job::TimelineFilter { .. }
                | Job::References
                | Job::DirectivesJson
        )
    }

    /// The site path of a job's HTML page, if it makes one.
    pub fn url(&self, job: Job) -> Option<String> {
        Some(match job {
            Job::FrontPage => "/".to_owned(),
            Job::Timeline => TIMELINE_URL.to_owned(),
            Job::References => REFERENCES_URL.to_owned(),
            Job::Search => SEARCH_URL.to_owned(),
            Job::TimelineFilter { taxonomy, term } => {
                self.taxonomies()[taxonomy].timeline_url(term)
            }
            Job::TaxonomyIndex(t) => self.taxonomies()[t].index_url(),
            Job::TermPage {
                taxonomy,
                term,
                page,
            } => self.taxonomies()[taxonomy].term_url(term, page),
            Job::Directive(i) => self.archive.directives[i].url.clone(),
            Job::Page(i) => self.archive.pages[i].url.clone(),
            Job::DirectivesJson
            | Job::SearchIndex
            | Job::Atom
            | Job::Sitemap
            | Job::Robots
            | Job::NotFound
            | Job::Static(_) => {
                return None;
            }
        })
    }

    /// The files a job writes, for the jobs whose files are known before
    /// rendering (all but the search index).
    pub fn output_paths(&self, job: Job) -> Vec<PathBuf> {
        if let Some(url) = self.url(job) {
            return vec![page_path(&url)];
        }
        let name = match job {
            Job::DirectivesJson => DIRECTIVES_JSON,
            Job::Atom => feeds::ATOM,
            Job::Sitemap => {
                return feeds::sitemap_paths(self.page_urls().len())
                    .into_iter()
                    .map(PathBuf::from)
                    .collect();
            }
            Job::Robots => ROBOTS,
            Job::NotFound => NOT_FOUND,
            Job::Static(index) => return vec![self.theme.static_files[index].output_path.clone()],
            _ => return Vec::new(),
        };
        vec![PathBuf::from(name)]
    }

    /// The URL of every page of the site, in job order.
    fn page_urls(&self) -> Vec<String> {
        self.jobs()
            .into_iter()
            .filter_map(|j| self.url(j))
            .collect()
    }

    /// The files of one job: most make one; a directive makes its page and
    /// the search index makes many.
    pub fn render(&self, job: Job) -> Result<Vec<OutputFile>, Diagnostic> {
        match job {
            Job::Directive(index) => self.directive(index),
            Job::SearchIndex => Ok(self.search_index()),
            Job::Sitemap => Ok(
                feeds::sitemaps(&self.archive.config.base_url, &self.page_urls())
                    .into_iter()
                    .map(|(path, xml)| text_file(&path, xml))
                    .collect(),
            ),
            other => self.render_one(other).map(|file| vec![file]),
        }
    }

    fn render_one(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::Search => {
                let mut context = self.base_context(SEARCH_URL);
                context.insert("facets", &self.search_filters());
                self.page_file("search.html", SEARCH_URL, &context)
            }
            Job::Directive(_) | Job::SearchIndex | Job::Sitemap => {
                unreachable!("jobs of several files")
            }
            Job::FrontPage => self.front_page(),
            Job::References => {
                let mut context = self.base_context(REFERENCES_URL);
                context.insert(
                    "references",
                    &references::references(self.archive, &self.summaries),
                );
                let capacity = self.listing_capacity();
                self.page_file_with_capacity("references.html", REFERENCES_URL, &context, capacity)
            }
            Job::Timeline => self.timeline(None),
            Job::TimelineFilter { taxonomy, term } => self.timeline(Some((taxonomy, term))),
            Job::TaxonomyIndex(t) => self.taxonomy_index(t),
            Job::TermPage {
                taxonomy,
                term,
                page,
            } => self.term_page(taxonomy, term, page),
            Job::Page(index) => self.page(index),
            Job::Atom => Ok(text_file(
                feeds::ATOM,
                feeds::atom(self.archive, &self.summaries),
            )),
            Job::Robots => Ok(text_file(ROBOTS, feeds::robots(self.archive))),
            Job::NotFound => {
                let context = self.base_context("/404.html");
                let html = self
                    .theme
                    .tera
                    .render("404.html", &context)
                    .map_err(|e| self.theme.render_error("404.html", &e))?;
                Ok(text_file(NOT_FOUND, html))
            }
            Job::DirectivesJson => {
                let json = index_json::render(self.archive, &self.summaries).map_err(|e| {
                    Diagnostic::error(
                        DIRECTIVES_JSON,
                        crate::diagnostic::Position::START,
                        e.to_string(),
                    )
                })?;
                Ok(OutputFile {
                    path: PathBuf::from(DIRECTIVES_JSON),
                    contents: Contents::Pieces(json),
                })
            }
            Job::Static(index) => {
                let file = &self.theme.static_files[index];
                let contents = match &file.source {
                    StaticSource::Embedded(bytes) => Contents::Bytes(bytes.to_vec()),
                    StaticSource::File(path) => Contents::Copy(path.clone()),
                };
                Ok(OutputFile {
                    path: file.output_path.clone(),
                    contents,
                })
            }
        }
    }

    fn base_context(&self, current_path: &str) -> Context {
        let mut context = Context::new();
        context.insert_value("site", self.site.clone());
        context.insert("current_path", current_path);
        context
    }

    fn facets(
        &self,
        href: impl Fn(&Taxonomy, usize) -> String,
        only_timeline: bool,
    ) -> Vec<taxonomy::FacetView> {
        self.taxonomies()
            .iter()
            .filter(|t| !only_timeline || t.facet.filters_timeline())
            .map(|t| taxonomy::facet_view(t, self.base_path(), |i| href(t, i)))
            .collect()
    }

    fn timeline(&self, filter: Option<(usize, usize)>) -> Result<OutputFile, Diagnostic> {
        let url = match filter {
            Some((t, term)) => self.taxonomies()[t].timeline_url(term),
            None => TIMELINE_URL.to_owned(),
        };
        let mut context = self.base_context(&url);
        let included: Box<dyn Fn(usize) -> bool> = match filter {
            Some((t, term)) => {
                let members: HashSet<usize> = self.taxonomies()[t].terms[term]
                    .directives
                    .iter()
                    .copied()
                    .collect();
                Box::new(move |i| members.contains(&i))
            }
            None => Box::new(|_| true),
        };
        let mut view = timeline::timeline(
            self.archive,
            &self.summaries,
            self.facet_values(),
            self.archive.config.timeline,
            &included,
            self.timeline_entries(),
        );
        let splices = view.take_splices();
        // The page without its rendered entries: marks, headings, the rest.
        let capacity = 256 * view.entry_count() + 256 * 1024;
        context.insert("timeline", &view);
        drop(view);
        context.insert("facets", &self.facets(|t, i| t.timeline_url(i), true));
        context.insert(
            "timeline_href",
            &format!("{}{TIMELINE_URL}", self.base_path()),
        );
        if let Some((t, term)) = filter {
            let taxonomy = &self.taxonomies()[t];
            context.insert(
                "filter",
                &serde_json::json!({
                    "facet": taxonomy.facet.key(),
                    "facet_label": taxonomy.facet.label(),
                    "slug": taxonomy.terms[term].slug,
                    "label": taxonomy.terms[term].label,
                }),
            );
        } else {
            context.insert("filter", &None::<()>);
        }
        let mut page = self.page_file_with_capacity("timeline.html", &url, &context, capacity)?;
        if let Contents::Bytes(bytes) = page.contents {
            page.contents = Contents::Pieces(splice(bytes, splices).ok_or_else(|| {
                self.theme.render_error_message(
                    "timeline.html",
                    "each entry's `html` must be output once, with `{{ e.html | safe }}`",
                )
            })?);
        }
        Ok(page)
    }

    fn taxonomy_index(&self, t: usize) -> Result<OutputFile, Diagnostic> {
        let taxonomy = &self.taxonomies()[t];
        let url = taxonomy.index_url();
        let mut context = self.base_context(&url);
        context.insert(
            "facet",
            &taxonomy::facet_view(taxonomy, self.base_path(), |i| taxonomy.term_url(i, 1)),
        );
        context.insert("facets", &self.facets(|t, i| t.term_url(i, 1), false));
        self.page_file("taxonomy.html", &url, &context)
    }

    fn term_page(&self, t: usize, term: usize, page: usize) -> Result<OutputFile, Diagnostic> {
        let taxonomy = &self.taxonomies()[t];
        let entry = &taxonomy.terms[term];
        let url = taxonomy.term_url(term, page);
        let size = self.archive.config.paginate;
        let total = entry.directives.len().div_ceil(size);
        let directives: Vec<context::SummaryValue> = entry
            .directives
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .map(|&i| self.summaries.value(i))
            .collect();
        let mut context = self.base_context(&url);
        context.insert(
            "term",
            &serde_json::json!({
                "facet": taxonomy.facet.key(),
                "facet_label": taxonomy.facet.label(),
                "facet_href": format!("{}{}", self.base_path(), taxonomy.index_url()),
                "label": entry.label,
                "count": entry.directives.len(),
                "timeline_href": taxonomy.facet.filters_timeline().then(|| format!("{}{}", self.base_path(), taxonomy.timeline_url(term))),
            }),
        );
        context.insert("directives", &directives);
        context.insert(
            "pagination",
            &taxonomy::pagination(taxonomy, term, page, total, self.base_path()),
        );
        self.page_file("term.html", &url, &context)
    }

    fn front_page(&self) -> Result<OutputFile, Diagnostic> {
        let mut context = self.base_context("/");
        let front = &self.archive.front_page;
        let intro = markdown::to_html(&front.body, Flavour::Page, self.html_settings(), None);
        context.insert("title", &front.title);
        context.insert("intro", &intro);
        context.insert("facets", &self.facets(|t, _| t.index_url(), false));
        context.insert_value("directives", self.summaries.all());
        self.page_file_with_capacity("index.html", "/", &context, self.listing_capacity())
    }

    /// The search page's filters: the terms of the facets search filters
    /// by, valued by slug as in the search manifest.
    fn search_filters(&self) -> Vec<serde_json::Value> {
        search::FILTERS
            .iter()
            .filter_map(|(facet, param)| {
                let taxonomy = self.taxonomies().iter().find(|t| t.facet == *facet)?;
                let terms: Vec<serde_json::Value> = taxonomy
                    .terms
                    .iter()
                    .map(|t| serde_json::json!({ "value": t.slug, "label": t.label }))
                    .collect();
                Some(serde_json::json!({ "param": param, "label": facet.label(), "terms": terms }))
            })
            .collect()
    }

    fn search_index(&self) -> Vec<OutputFile> {
        // The job exists only when the site has search.
        let Some(collector) = &self.search else {
            return Vec::new();
        };
        let index = collector.finish(
            self.archive,
            self.bodies,
            &self.summaries,
            self.taxonomies(),
        );
        let mut files = vec![OutputFile {
            path: PathBuf::from("search/manifest.json"),
            contents: Contents::Bytes(index.manifest),
        }];
        for (n, shard) in index.shards.into_iter().enumerate() {
            files.push(OutputFile {
                path: PathBuf::from(format!("search/s/{n}.bin")),
                contents: Contents::Bytes(shard),
            });
        }
        for (n, chunk) in index.chunks.into_iter().enumerate() {
            files.push(OutputFile {
                path: PathBuf::from(format!("search/d/{n}.json")),
                contents: Contents::Bytes(chunk),
            });
        }
        files
    }

    fn directive(&self, index: usize) -> Result<Vec<OutputFile>, Diagnostic> {
        let directive = &self.archive.directives[index];
        let mut context = self.base_context(&directive.url);
        let view = context::directive_view(self.archive, &self.summaries, index);
        let previous = self.summaries.get_value(index + 1);
        let next = index
            .checked_sub(1)
            .and_then(|i| self.summaries.get_value(i));
        context.insert("previous", &previous);
        context.insert("next", &next);
        let targets = self.archive.citation_targets(index);
        let citations = |mention: &Mention| {
            let target = *targets.get(&number_key(&mention.number))?;
            let href = &self.summaries[target].href;
            let anchor = mention
                .point
                .as_deref()
                .map(point_anchor)
                .filter(|a| self.anchors_of(target).contains(a));
            Some(match anchor {
                Some(anchor) => format!("{href}#{anchor}"),
                None => href.clone(),
            })
        };
        let text = self.bodies.read(directive)?;
        let blocks = crate::body::blocks(&text, Flavour::Directive);
        if let Some(collector) = &self.search {
            collector.add(self.archive, index, crate::body::texts(&blocks));
        }
        // Without a resolved number there is nothing to link: skip the scan.
        let citations = (!targets.is_empty()).then_some(&citations as markdown::Citations<'_>);
        let body =
            markdown::blocks_to_html(blocks.events, text.len(), self.html_settings(), citations);
        context.insert("directive", &view);
        context.insert("body", &body);
        Ok(vec![self.page_file(
            "directive.html",
            &directive.url,
            &context,
        )?])
    }

    fn page(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let page = &self.archive.pages[index];
        let mut context = self.base_context(&page.url);
        let body = markdown::to_html(&page.body, Flavour::Page, self.html_settings(), None);
        context.insert("page", &context::page_view(self.archive, page));
        context.insert("body", &body);
        self.page_file("page.html", &page.url, &context)
    }

    /// The anchors of directive `index`, worked out the first time a
    /// citation of one of its points needs them.
    fn anchors_of(&self, index: usize) -> &HashSet<String> {
        // A file that cannot be read again gives no anchors: the citation
        // links to the page, and that page's own job reports the file.
        self.anchors[index].get_or_init(|| {
            self.bodies
                .read(&self.archive.directives[index])
                .map(|text| crate::body::blocks(&text, Flavour::Directive).anchors)
                .unwrap_or_default()
        })
    }

    /// Room for a page that lists every directive: reserved, not touched
    /// until written, so too much costs nothing, while growing a page of
    /// tens of megabytes by doubling holds it two or three times over.
    fn listing_capacity(&self) -> usize {
        1024 * self.archive.directives.len() + 64 * 1024
    }

    fn html_settings(&self) -> markdown::HtmlSettings<'_> {
        markdown::HtmlSettings {
            base_path: self.base_path(),
            highlighter: &self.highlighter,
            raw_html: self.archive.config.raw_html,
        }
    }

    fn base_path(&self) -> &str {
        self.archive.config.base_url.path()
    }

    /// Renders `template` to `<url>/index.html`.
    fn page_file(
        &self,
        template: &str,
        url: &str,
        context: &Context,
    ) -> Result<OutputFile, Diagnostic> {
        self.page_file_with_capacity(template, url, context, 32 * 1024)
    }

    /// [`Self::page_file`], with room for `capacity` bytes from the start: a
    /// page of a hundred megabytes grown by doubling holds three times its
    /// size while it grows.
    fn page_file_with_capacity(
        &self,
        template: &str,
        url: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<OutputFile, Diagnostic> {
        // Rendered straight into bytes: the output is UTF-8 by
        // construction, and checking 10,000 pages again costs real time.
        let mut html = Vec::with_capacity(capacity);
        self.theme
            .tera
            .render_to(template, context, &mut html)
            .map_err(|e| self.theme.render_error(template, &e))?;
        Ok(OutputFile {
            path: page_path(url),
            contents: Contents::Bytes(html),
        })
    }
}

/// Every directive's timeline entry rendered with `partials/timeline_entry.html`,
/// its ties' links left as marks each timeline page fills in: a directive
/// shows on the timeline and on four filtered timelines, rendered once.
fn timeline_entries(
    archive: &Archive,
    theme: &Theme,
    site: &tera::Value,
    summaries: &Summaries,
    facet_values: &timeline::FacetValues,
    parallel: bool,
) -> Option<Vec<timeline::RenderedEntries>> {
    let render = |entry: &timeline::Entry| {
        let mut context = Context::new();
        context.insert_value("site", site.clone());
        context.insert("e", entry);
        theme
            .tera
            .render("partials/timeline_entry.html", &context)
            .ok()
            .map(Arc::from)
    };
    let render = |index: usize| {
        let mark = &timeline::tie_mark;
        let entry = timeline::directive_entry(archive, summaries, facet_values, index, mark);
        let circulation = archive.directives[index]
            .circulation
            .iter()
            .map(|event| {
                render(&timeline::circulation_entry(
                    archive,
                    summaries,
                    facet_values,
                    index,
                    event,
                    mark,
                ))
            })
            .collect::<Option<_>>()?;
        Some(timeline::RenderedEntries {
            directive: render(&entry)?,
            circulation,
        })
    };
    let all = 0..archive.directives.len();
    if parallel {
        all.into_par_iter().map(render).collect()
    } else {
        all.map(render).collect()
    }
}

fn text_file(path: &str, text: String) -> OutputFile {
    OutputFile {
        path: PathBuf::from(path),
        contents: Contents::Bytes(text.into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| String::from_utf8_lossy(p.bytes()).into_owned())
            .collect()
    }

    #[test]
    fn splicing_puts_each_entry_at_its_mark_in_order() {
        let page = "<ol>\u{2}\u{2}</ol><p>\u{2}</p>".as_bytes().to_vec();
        let shared: Arc<str> = Arc::from("<li>a</li>c");
        let splices = vec![
            vec![Piece::Part(Arc::clone(&shared), 0..10)],
            vec![Piece::Owned(b"<li>b</li>".to_vec())],
            vec![Piece::Part(shared, 10..11)],
        ];
        let pieces = splice(page, splices).unwrap();
        assert_eq!(text(&pieces), "<ol><li>a</li><li>b</li></ol><p>c</p>");
    }

    #[test]
    fn marks_and_entries_must_pair_up() {
        let one = || vec![vec![Piece::Owned(b"x".to_vec())]];
        assert!(
            splice(b"no mark".to_vec(), one()).is_none(),
            "entry left out"
        );
        assert!(splice(b"\x02\x02".to_vec(), one()).is_none(), "entry twice");
        assert_eq!(text(&splice(b"page".to_vec(), Vec::new()).unwrap()), "page");
    }
}
