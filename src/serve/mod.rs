//! `vanban serve`: a build kept up to date while an editor works. A
//! change to a directive re-renders that directive, the directives linked
//! to it either way, its neighbours by date, and the pages that list it
//! (front page, timeline, its taxonomy pages, references, feeds, search);
//! a change to a template, the theme, `static/`, `site.toml` or a
//! free-standing page rebuilds everything. While the content has errors
//! the last good build stays served.

pub mod http;
pub mod watch;

mod freshness;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{self, BuildError, BuildOptions, Silent};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{self, Archive};
use crate::load::{self, BodySource, CONTENT_DIR};
use crate::render::taxonomy::Facet;
use crate::render::theme::Theme;
use crate::render::{Job, Renderer};
use crate::stamp::Stamp;
use crate::validate::{self, Document};
use crate::write::{Staging, replace_file};
pub use freshness::Freshness;

/// What a rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// Jobs rendered before returning (all of them for a full build).
    pub jobs: usize,
    /// Pages that list the changed directives, left to render in the
    /// background (see [`Session::settle`]); requests for them wait.
    pub deferred: bool,
    pub full: bool,
    /// Warnings of the new build.
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
}

/// The listing pages of a rebuild, brought up to date in the background.
#[derive(Debug)]
pub struct Settled {
    pub jobs: usize,
    pub elapsed: Duration,
    /// Rendering errors of those pages, if any.
    pub result: Result<(), BuildError>,
}

/// Called from the background thread when the listing pages of a rebuild
/// are written.
pub type SettledHook = Arc<dyn Fn(&Settled) + Send + Sync>;

/// A content file as last read: its stamp, what it became (with the
/// numbers its text names, the link stage's costly part) and what reading
/// it found.
struct CachedFile {
    stamp: Option<Stamp>,
    document: Option<Document>,
    diagnostics: Diagnostics,
}

/// An editing session: the options, every content file read and checked
/// on its own, the theme, and the last good archive, against which a
/// change is measured.
///
/// A saved directive costs reading that one file, putting the archive
/// together again from the files kept here (linking reuses the numbers
/// found in unchanged texts), and rendering the pages of the directives it
/// touches; the pages that list it (front page, timeline, taxonomies,
/// references, feeds, search index) follow on a background thread while
/// [`Freshness`] holds back requests for them.
pub struct Session {
    options: BuildOptions,
    files: HashMap<PathBuf, CachedFile>,
    theme: Option<Arc<Theme>>,
    last: Option<Arc<Archive>>,
    background: Option<JoinHandle<Settled>>,
    freshness: Arc<Freshness>,
    on_settled: Option<SettledHook>,
    /// Changes that a failed rebuild did not publish: the next one must.
    unbuilt: Vec<PathBuf>,
    unbuilt_outside: Vec<PathBuf>,
}

impl Session {
    /// `options.output` must be set: the folder served.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            files: HashMap::new(),
            theme: None,
            last: None,
            background: None,
            freshness: Arc::new(Freshness::default()),
            on_settled: None,
            unbuilt: Vec::new(),
            unbuilt_outside: Vec::new(),
        }
    }

    /// Called each time background work ends.
    pub fn on_settled(&mut self, hook: SettledHook) {
        self.on_settled = Some(hook);
    }

    /// What the HTTP server asks before serving a file.
    pub fn freshness(&self) -> Arc<Freshness> {
        Arc::clone(&self.freshness)
    }

    pub fn output(&self) -> PathBuf {
        self.options.output_dir()
    }

    /// Waits for the background work of the last rebuild, if any.
    pub fn settle(&mut self) -> Option<Settled> {
        let handle = self.background.take()?;
        let settled = handle.join().unwrap_or_else(|_| Settled {
            jobs: 0,
            elapsed: Duration::ZERO,
            result: Err(BuildError::Site(
                [Diagnostic::error(
                    "serve",
                    crate::diagnostic::Position::START,
                    "rendering the listing pages stopped unexpectedly",
                )]
                .into_iter()
                .collect(),
            )),
        });
        // Whatever happened, nothing is pending any more.
        self.freshness.end();
        Some(settled)
    }

    /// Brings the output up to date after `changed_paths` (what the
    /// watcher saw; content files are also found changed by their size and
    /// time). `None` when nothing had changed after all.
    pub fn rebuild(&mut self, changed_paths: &[PathBuf]) -> Result<Option<Outcome>, BuildError> {
        let started = Instant::now();
        self.settle();
        let root = self
            .options
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.options.root.clone());
        let mut outside: Vec<PathBuf> = changed_paths
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p))
            .filter(|p| !p.starts_with(CONTENT_DIR))
            .map(Path::to_owned)
            .chain(std::mem::take(&mut self.unbuilt_outside))
            .collect();
        outside.sort();
        outside.dedup();
        let (paths, found) = load::content_paths(&self.options.root);
        let mut changed = self.refresh(&paths);
        changed.append(&mut self.unbuilt);
        changed.sort();
        changed.dedup();
        if changed.is_empty() && outside.is_empty() && self.last.is_some() {
            return Ok(None);
        }
        let result = self.rebuild_changed(&paths, found, &changed, &outside);
        if result.is_err() {
            // Shown nowhere yet: the next rebuild renders them.
            self.unbuilt = changed;
            self.unbuilt_outside = outside;
        }
        result.map(|outcome| {
            Some(Outcome {
                elapsed: started.elapsed(),
                ..outcome
            })
        })
    }

    fn rebuild_changed(
        &mut self,
        paths: &[PathBuf],
        found: Diagnostics,
        changed: &[PathBuf],
        outside: &[PathBuf],
    ) -> Result<Outcome, BuildError> {
        let mut diagnostics = found;
        let (config, found) = load::read_config(&self.options.root);
        diagnostics.extend(found);
        let validate_options = build::validate_options(&self.options, &mut diagnostics);
        let config = validate::site_config(config.as_ref(), &validate_options, &mut diagnostics);
        let documents = paths.iter().filter_map(|path| {
            let cached = self.files.get(path)?;
            diagnostics.extend(cached.diagnostics.clone());
            cached.document.clone()
        });
        let documents: Vec<Document> = documents.collect();
        let valid = validate::assemble(
            self.options.root.clone(),
            config,
            documents,
            &validate_options,
            &mut diagnostics,
        );
        let (archive, found) = link::link(valid);
        diagnostics.extend(found);
        let theme = match &self.theme {
            Some(theme) if outside.is_empty() && theme.name == archive.config.theme => {
                Some(Arc::clone(theme))
            }
            _ => build::load_theme(&self.options, &archive.config.theme, &mut diagnostics)
                .map(Arc::new),
        };
        let diagnostics = build::accept(diagnostics)?;
        let Some(theme) = theme else {
            // A theme that did not load reported an error: not reached.
            return Err(BuildError::Site(diagnostics));
        };
        let archive = Arc::new(archive);
        let outcome = self.render(&archive, &theme, changed, outside, diagnostics)?;
        self.theme = Some(theme);
        self.last = Some(archive);
        Ok(outcome)
    }

    /// Rereads the content files that are new or changed since the last
    /// call and forgets those gone; returns all of those paths.
    fn refresh(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let root = &self.options.root;
        let files = &self.files;
        let options = validate::Options {
            include_drafts: self.options.include_drafts,
            base_url: None,
        };
        let read: Vec<(PathBuf, CachedFile)> = paths
            .par_iter()
            .filter_map(|path| {
                let stamp = Stamp::of(&root.join(path));
                if stamp.is_some() && files.get(path).is_some_and(|c| c.stamp == stamp) {
                    return None;
                }
                Some((path.clone(), read_file(root, path, stamp, &options)))
            })
            .collect();
        let present: HashSet<&PathBuf> = paths.iter().collect();
        let mut changed: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| !present.contains(p))
            .cloned()
            .collect();
        self.files.retain(|path, _| present.contains(path));
        for (path, file) in read {
            changed.push(path.clone());
            self.files.insert(path, file);
        }
        changed.sort();
        changed
    }

    /// Renders what the change needs: everything, or the touched pages now
    /// and the listing pages in the background.
    fn render(
        &mut self,
        archive: &Arc<Archive>,
        theme: &Arc<Theme>,
        changed: &[PathBuf],
        outside: &[PathBuf],
        diagnostics: Diagnostics,
    ) -> Result<Outcome, BuildError> {
        let output = self.output();
        let bodies = BodySource::new(&archive.root);
        let pages_changed = changed.iter().any(|p| !is_directive_file(p));
        let plan = match (&self.last, template_names(outside, &archive.config.theme)) {
            (Some(old), Some(templates))
                if !pages_changed
                    && old.config == archive.config
                    && old.pages.len() == archive.pages.len() =>
            {
                Some((Touched::between(old, archive, changed), templates))
            }
            _ => None,
        };
        let Some((touched, templates)) = plan else {
            let mut renderer = Renderer::new(archive, &bodies, theme);
            let jobs = renderer.jobs();
            let staging = Staging::create(&self.options.root, &output)?;
            let errors =
                build::render_and_write(&mut renderer, &jobs, &Silent, |file| staging.write(file))?;
            let diagnostics = build::finish(diagnostics, errors)?;
            staging.publish()?;
            return Ok(Outcome {
                jobs: jobs.len(),
                deferred: false,
                full: true,
                diagnostics,
                elapsed: Duration::ZERO,
            });
        };
        if !templates.is_empty() {
            // A template changed: every page it renders, and what the
            // content change touched, at once.
            let mut renderer = Renderer::new(archive, &bodies, theme);
            let mut jobs = touched.jobs(&renderer);
            let already: HashSet<Job> = jobs.iter().copied().collect();
            jobs.extend(renderer.jobs().into_iter().filter(|job| {
                !already.contains(job) && templates.iter().any(|t| uses_template(*job, t))
            }));
            let (errors, written) = write_in_place(&mut renderer, &jobs, &output)?;
            let diagnostics = build::finish(diagnostics, errors)?;
            if !touched.is_empty() {
                // The listing pages were rendered, the search index with them.
                sweep_unmade(&renderer, written, &output)?;
            }
            return Ok(Outcome {
                jobs: jobs.len(),
                deferred: false,
                full: false,
                diagnostics,
                elapsed: Duration::ZERO,
            });
        }
        // The touched directives' own pages now; the pages listing them
        // next, while requests for those wait.
        let mut renderer = Renderer::lazy(archive, &bodies, theme);
        let jobs = touched.directive_jobs(archive);
        let (errors, _) = write_in_place(&mut renderer, &jobs, &output)?;
        let diagnostics = build::finish(diagnostics, errors)?;
        drop(renderer);
        // Pages of directives that are gone wait, as the listing pages do,
        // for the background work to remove them.
        let deferred = !touched.is_empty();
        if deferred {
            self.freshness.begin(fresh_paths(archive, theme));
            self.background = Some(self.listings_in_background(archive, theme, touched));
        }
        Ok(Outcome {
            jobs: jobs.len(),
            deferred,
            full: false,
            diagnostics,
            elapsed: Duration::ZERO,
        })
    }

    fn listings_in_background(
        &self,
        archive: &Arc<Archive>,
        theme: &Arc<Theme>,
        touched: Touched,
    ) -> JoinHandle<Settled> {
        let (archive, theme) = (Arc::clone(archive), Arc::clone(theme));
        let output = self.output();
        let freshness = Arc::clone(&self.freshness);
        let hook = self.on_settled.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let bodies = BodySource::new(&archive.root);
            let mut renderer = Renderer::new(&archive, &bodies, &theme);
            let jobs = touched.listing_jobs(&renderer);
            let result =
                write_in_place(&mut renderer, &jobs, &output).and_then(|(errors, written)| {
                    build::accept(errors)?;
                    sweep_unmade(&renderer, written, &output)
                });
            freshness.end();
            let settled = Settled {
                jobs: jobs.len(),
                elapsed: started.elapsed(),
                result,
            };
            if let Some(hook) = hook {
                hook(&settled);
            }
            settled
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Nothing may still be writing once the session is gone.
        self.settle();
    }
}

/// A content file read and checked on its own.
fn read_file(
    root: &Path,
    path: &Path,
    stamp: Option<Stamp>,
    options: &validate::Options,
) -> CachedFile {
    let mut diagnostics = Diagnostics::new();
    let document = match load::read_source(root, path) {
        Ok(file) => validate::read_file_for(file, options, &mut diagnostics),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    CachedFile {
        stamp,
        document,
        diagnostics,
    }
}

/// The output files that stay current while the listing pages are
/// rendered: every directive's page (the touched ones were just
/// rewritten) and the theme's static files.
fn fresh_paths(archive: &Archive, theme: &Theme) -> HashSet<String> {
    let pages = archive
        .directives
        .iter()
        .map(|d| crate::diagnostic::display_path(&crate::render::page_path(&d.url)));
    let statics = theme
        .static_files
        .iter()
        .map(|f| crate::diagnostic::display_path(&f.output_path));
    pages.chain(statics).collect()
}

/// The taxonomy terms `directive` is listed under.
fn terms_of(directive: &crate::model::Directive) -> impl Iterator<Item = (Facet, String)> + '_ {
    Facet::ALL.into_iter().flat_map(move |facet| {
        facet
            .values(directive)
            .into_iter()
            .map(move |(slug, _)| (facet, slug))
    })
}

/// The directives whose links, either way, lead elsewhere than before: a
/// new document can make another's reference ambiguous, or resolve it.
fn links_changed(old: &Archive, new: &Archive) -> Vec<String> {
    let old_index: HashMap<&str, usize> = old
        .directives
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id(), i))
        .collect();
    (0..new.directives.len())
        .filter(|&i| match old_index.get(new.directives[i].id()) {
            Some(&o) => link_ids(old, o) != link_ids(new, i),
            None => true,
        })
        .map(|i| new.directives[i].id().to_owned())
        .collect()
}

/// Where directive `i`'s links lead, and where those to it come from.
fn link_ids(archive: &Archive, i: usize) -> (Vec<&str>, Vec<&str>) {
    let id = |t: usize| archive.directives[t].id();
    let out = archive.relations[i].iter().filter_map(|r| r.target).map(id);
    let back = archive.backlinks[i].iter().map(|b| id(b.from));
    (out.collect(), back.collect())
}

/// What a change of content files reaches: the directives whose pages show
/// something of a changed one, and the taxonomy terms it was or is under.
struct Touched {
    ids: HashSet<String>,
    /// The terms whose listings hold a changed directive.
    terms: HashSet<(Facet, String)>,
    /// The terms whose timelines show a touched directive.
    timeline_terms: HashSet<(Facet, String)>,
    /// Whether a facet's terms or their counts changed.
    facets_changed: bool,
}

impl Touched {
    fn between(old: &Archive, new: &Archive, changed: &[PathBuf]) -> Touched {
        let changed: HashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
        let touched_in = |archive: &Archive| -> Vec<usize> {
            (0..archive.directives.len())
                .filter(|&i| changed.contains(archive.directives[i].source_path.as_path()))
                .collect()
        };
        let (old_touched, new_touched) = (touched_in(old), touched_in(new));
        // Every timeline and the search page show each facet's terms with
        // their counts: a directive that comes, goes or changes terms
        // changes those.
        let listed =
            |archive: &Archive, touched: &[usize]| -> Vec<(String, Vec<(Facet, String)>)> {
                let mut listed: Vec<_> = touched
                    .iter()
                    .map(|&i| {
                        let directive = &archive.directives[i];
                        (directive.id().to_owned(), terms_of(directive).collect())
                    })
                    .collect();
                listed.sort_by(|a, b| a.0.cmp(&b.0));
                listed
            };
        let facets_changed = listed(old, &old_touched) != listed(new, &new_touched);
        let mut ids: HashSet<String> = HashSet::new();
        let mut terms: HashSet<(Facet, String)> = HashSet::new();
        for (archive, touched) in [(old, &old_touched), (new, &new_touched)] {
            for &i in touched {
                let mut around = vec![i];
                around.extend(archive.relations[i].iter().filter_map(|r| r.target));
                around.extend(archive.backlinks[i].iter().map(|b| b.from));
                around.extend(i.checked_sub(1));
                around.extend((i + 1 < archive.directives.len()).then_some(i + 1));
                around.extend(archive.chain_members(i));
                ids.extend(
                    around
                        .into_iter()
                        .map(|j| archive.directives[j].id().to_owned()),
                );
                terms.extend(terms_of(&archive.directives[i]));
            }
        }
        ids.extend(links_changed(old, new));
        // Timelines show ties to linked documents ("11 ngày sau"): those
        // of every touched directive's terms change too.
        let mut timeline_terms = terms.clone();
        for archive in [old, new] {
            for directive in archive.directives.iter().filter(|d| ids.contains(d.id())) {
                timeline_terms.extend(terms_of(directive));
            }
        }
        Touched {
            ids,
            terms,
            timeline_terms,
            facets_changed,
        }
    }

    /// Whether the change shows on no page (a draft's, say).
    fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The pages of the touched directives.
    fn directive_jobs(&self, archive: &Archive) -> Vec<Job> {
        (0..archive.directives.len())
            .filter(|&i| self.ids.contains(archive.directives[i].id()))
            .map(Job::Directive)
            .collect()
    }

    /// The pages that list the touched directives.
    fn listing_jobs(&self, renderer: &Renderer<'_>) -> Vec<Job> {
        if self.is_empty() {
            return Vec::new();
        }
        let term_key = |taxonomy: usize, term: usize| {
            let t = &renderer.taxonomies()[taxonomy];
            (t.facet, t.terms[term].slug.clone())
        };
        renderer
            .jobs()
            .into_iter()
            .filter(|job| match *job {
                Job::TermPage { taxonomy, term, .. } => {
                    self.terms.contains(&term_key(taxonomy, term))
                }
                Job::TimelineFilter { taxonomy, term } => {
                    self.facets_changed || self.timeline_terms.contains(&term_key(taxonomy, term))
                }
                Job::Search => self.facets_changed,
                Job::Directive(_) | Job::Page(_) | Job::Static(_) | Job::NotFound | Job::Robots => {
                    false
                }
                _ => true,
            })
            .collect()
    }

    /// Both.
    fn jobs(&self, renderer: &Renderer<'_>) -> Vec<Job> {
        let mut jobs = self.directive_jobs(renderer.archive());
        jobs.extend(self.listing_jobs(renderer));
        jobs
    }
}

/// The names of the templates among `paths` (relative to the root), or
/// `None` if anything else outside `content/` changed.
fn template_names(paths: &[PathBuf], theme: &str) -> Option<Vec<String>> {
    let theme_templates = Path::new("themes").join(theme).join("templates");
    paths
        .iter()
        .map(|p| {
            let name = p
                .strip_prefix("templates")
                .or_else(|_| p.strip_prefix(&theme_templates))
                .ok()?;
            let name = crate::diagnostic::display_path(name);
            // A whole folder appearing or going: rebuild everything.
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

/// Whether `job`'s page is rendered with `template`. The base and partial
/// templates are in every page.
fn uses_template(job: Job, template: &str) -> bool {
    let own = match job {
        Job::FrontPage => "index.html",
        Job::References => "references.html",
        Job::Timeline | Job::TimelineFilter { .. } => "timeline.html",
        Job::TaxonomyIndex(_) => "taxonomy.html",
        Job::TermPage { .. } => "term.html",
        Job::Directive(_) => "directive.html",
        Job::Page(_) => "page.html",
        Job::Search => "search.html",
        Job::NotFound => "404.html",
        Job::DirectivesJson
        | Job::SearchIndex
        | Job::Atom
        | Job::Sitemap
        | Job::Robots
        | Job::Static(_) => {
            return false;
        }
    };
    own == template || !crate::render::theme::is_page_template(template)
}

fn is_directive_file(path: &Path) -> bool {
    let inside = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
    !(inside == Path::new("_index.md") || inside.starts_with("pages"))
}

/// Renders `jobs` into the served folder while it is being served: the
/// rendering problems, and the files written. Each file replaces the
/// previous one at once (see [`replace_file`]): a request made meanwhile
/// gets one or the other, whole, never a page cut short or empty.
fn write_in_place(
    renderer: &mut Renderer<'_>,
    jobs: &[Job],
    output: &Path,
) -> Result<(Diagnostics, Vec<PathBuf>), BuildError> {
    let written = std::sync::Mutex::new(Vec::new());
    let errors = build::render_and_write(renderer, jobs, &Silent, |file| {
        if let Ok(mut written) = written.lock() {
            written.push(file.path.clone());
        }
        replace_file(output, file)
    })?;
    let written = written.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok((errors, written))
}

/// Removes from the served folder what a full build of `renderer`'s site
/// would not make: the pages of directives, terms and pagination that are
/// gone. `written` are the files just rendered, which must include the
/// search index's (its files are known only once it is made).
fn sweep_unmade(
    renderer: &Renderer<'_>,
    written: Vec<PathBuf>,
    output: &Path,
) -> Result<(), BuildError> {
    let mut keep: HashSet<PathBuf> = written.into_iter().collect();
    keep.extend(
        renderer
            .jobs()
            .into_iter()
            .flat_map(|job| renderer.output_paths(job)),
    );
    crate::write::sweep(output, &keep).map_err(BuildError::from)
}
