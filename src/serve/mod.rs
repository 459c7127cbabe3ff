//! `vanban serve`: a build kept up to date while an editor works, through
//! the same pipeline as `vanban build`. A change is classified once by
//! where it is ([`changes::ChangeKind`]); a change of content or templates
//! is measured against the last good archive, and the plan of pages says
//! which pages read what changed ([`crate::render::Plan::reading`]). Those
//! that list many directives are rendered in the background while
//! requests for them wait ([`Freshness`]). A change to the configuration,
//! the theme, `static/` or the menu rebuilds everything. While the content
//! has errors the last good build stays served.

pub mod http;
pub mod watch;

mod changes;
mod freshness;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::build::{self, BuildError, BuildOptions, Silent};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::Archive;
use crate::load::{self, BodySource, CONTENT_DIR};
use crate::render::taxonomy::Taxonomy;
use crate::render::theme::Theme;
use crate::render::{Job, Plan, Site};
use crate::stamp::Stamp;
use crate::validate::Document;
use crate::write::replace_file;
use changes::ChangeKind;
pub(crate) use freshness::Freshness;

/// What a rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// Jobs rendered before returning (all of them for a full build).
    pub jobs: usize,
    /// Pages that list the changed directives, left to render in the
    /// background (see [`Session::settle`]); requests for them wait.
    pub deferred: bool,
    /// Whether the whole site was built afresh, with no earlier build to
    /// update.
    pub full: bool,
    /// Warnings of the new build.
    pub diagnostics: Diagnostics,
    /// How long the rebuild took.
    pub elapsed: Duration,
}

/// The listing pages of a rebuild, brought up to date in the background.
#[derive(Debug)]
pub struct Settled {
    /// How many listing pages were rendered.
    pub jobs: usize,
    /// How long rendering them took.
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
    /// The taxonomies of `last`, drawn once.
    taxonomies: Option<Arc<Vec<Taxonomy>>>,
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
            taxonomies: None,
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

    pub(crate) fn output(&self) -> PathBuf {
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
        let documents = paths.iter().filter_map(|path| {
            let cached = self.files.get(path)?;
            diagnostics.extend(cached.diagnostics.clone());
            cached.document.clone()
        });
        let documents: Vec<Document> = documents.collect();
        // The theme as parsed before, unless something outside the content
        // changed (a template, say).
        let theme = self.theme.clone().filter(|_| outside.is_empty());
        let stages = build::link_site(&self.options, documents, diagnostics, theme)?;
        let (archive, theme, diagnostics) = (stages.archive, stages.theme, stages.diagnostics);
        let archive = Arc::new(archive);
        let (outcome, taxonomies) = self.render(&archive, &theme, changed, outside, diagnostics)?;
        self.theme = Some(theme);
        self.last = Some(archive);
        self.taxonomies = Some(taxonomies);
        Ok(outcome)
    }

    /// Rereads the content files that are new or changed since the last
    /// call and forgets those gone; returns all of those paths.
    fn refresh(&mut self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let root = &self.options.root;
        let stale: Vec<(PathBuf, Option<Stamp>)> = paths
            .par_iter()
            .map(|path| (path.clone(), Stamp::of(&root.join(path))))
            .filter(|(path, stamp)| {
                stamp.is_none() || self.files.get(path).is_none_or(|c| c.stamp != *stamp)
            })
            .collect();
        let stale_paths: Vec<PathBuf> = stale.iter().map(|(p, _)| p.clone()).collect();
        let read = build::read_documents(&self.options, &stale_paths);
        let read = stale
            .into_iter()
            .zip(read)
            .map(|((path, stamp), (document, diagnostics))| {
                let file = CachedFile {
                    stamp,
                    document,
                    diagnostics,
                };
                (path, file)
            });
        let read: Vec<(PathBuf, CachedFile)> = read.collect();
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

    /// Renders what the change needs: everything, or the pages it reaches,
    /// those listing many directives in the background.
    fn render(
        &mut self,
        archive: &Arc<Archive>,
        theme: &Arc<Theme>,
        changed: &[PathBuf],
        outside: &[PathBuf],
        diagnostics: Diagnostics,
    ) -> Result<(Outcome, Arc<Vec<Taxonomy>>), BuildError> {
        let output = self.output();
        let bodies = BodySource::new(&self.options.root);
        let plan = Plan::new(Site::new(archive, theme));
        let taxonomies = Arc::clone(&plan.site().taxonomies);
        let kind = ChangeKind::of(outside, &archive.config.theme);
        let before = match (&self.last, &self.theme, &self.taxonomies, &kind) {
            (
                Some(old),
                Some(old_theme),
                Some(old_taxonomies),
                ChangeKind::Content | ChangeKind::Templates(_),
            ) if changes::comparable(old, archive) => Some(Plan::new(Site::with_taxonomies(
                old,
                old_theme,
                Arc::clone(old_taxonomies),
            ))),
            _ => None,
        };
        let Some(before) = before else {
            // Everything is new: a full build, as `vanban build` makes it.
            let diagnostics = build::publish(&self.options, &plan, &Silent, diagnostics)?;
            return Ok((
                Outcome {
                    jobs: plan.jobs().len(),
                    deferred: false,
                    full: true,
                    diagnostics,
                    elapsed: Duration::ZERO,
                },
                taxonomies,
            ));
        };
        let templates = match kind {
            ChangeKind::Templates(names) => names,
            ChangeKind::Content | ChangeKind::Everything => Vec::new(),
        };
        let jobs = reached(&before, &plan, changed, &templates);
        let removed = removed_files(&before, &plan);
        if !templates.is_empty() {
            // A template changed: every page it renders, and what the
            // content change reached, at once.
            let errors = write_in_place(&plan, &bodies, &jobs, &output)?;
            let diagnostics = build::finish(diagnostics, errors)?;
            sweep(&plan, &removed, &output)?;
            return Ok((
                Outcome {
                    jobs: jobs.len(),
                    deferred: false,
                    full: false,
                    diagnostics,
                    elapsed: Duration::ZERO,
                },
                taxonomies,
            ));
        }
        // The pages of the directives reached now; the pages listing many
        // next, while requests for those wait.
        let (later, now): (Vec<Job>, Vec<Job>) =
            jobs.into_iter().partition(|&job| plan.is_listing(job));
        let errors = write_in_place(&plan, &bodies, &now, &output)?;
        let diagnostics = build::finish(diagnostics, errors)?;
        let deferred = !later.is_empty();
        if deferred {
            self.freshness.begin(fresh_files(&plan, &later));
            self.background = Some(self.listings_in_background(
                archive,
                theme,
                Arc::clone(&taxonomies),
                later,
                removed,
            ));
        } else {
            sweep(&plan, &removed, &output)?;
        }
        Ok((
            Outcome {
                jobs: now.len(),
                deferred,
                full: false,
                diagnostics,
                elapsed: Duration::ZERO,
            },
            taxonomies,
        ))
    }

    fn listings_in_background(
        &self,
        archive: &Arc<Archive>,
        theme: &Arc<Theme>,
        taxonomies: Arc<Vec<Taxonomy>>,
        jobs: Vec<Job>,
        removed: Vec<PathBuf>,
    ) -> JoinHandle<Settled> {
        let (archive, theme) = (Arc::clone(archive), Arc::clone(theme));
        let output = self.output();
        let bodies = BodySource::new(&self.options.root);
        let freshness = Arc::clone(&self.freshness);
        let hook = self.on_settled.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            // The same plan as the one the jobs were chosen from: made
            // from the same archive and theme.
            let plan = Plan::new(Site::with_taxonomies(&archive, &theme, taxonomies));
            let result = write_in_place(&plan, &bodies, &jobs, &output).and_then(|errors| {
                build::accept(errors)?;
                sweep(&plan, &removed, &output)
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

/// The jobs of `after` that a change reaches: those that read what
/// changed, as the plan after says, those whose page read it before, as
/// the plan before says, and the pages that are new.
fn reached(
    before: &Plan<'_>,
    after: &Plan<'_>,
    changed: &[PathBuf],
    templates: &[String],
) -> Vec<Job> {
    let (touched_before, touched_after) = changes::touched(before, after, changed, templates);
    let reached_before: HashSet<PathBuf> = before
        .reading(&touched_before)
        .into_par_iter()
        .filter_map(|job| before.key(job))
        .collect();
    let existed: HashSet<PathBuf> = before
        .jobs()
        .par_iter()
        .filter_map(|&j| before.key(j))
        .collect();
    let mut jobs = after.reading(&touched_after);
    let already: HashSet<Job> = jobs.iter().copied().collect();
    let more: Vec<Job> = after
        .jobs()
        .par_iter()
        .copied()
        .filter(|job| {
            !already.contains(job)
                && after
                    .key(*job)
                    .is_none_or(|key| reached_before.contains(&key) || !existed.contains(&key))
        })
        .collect();
    jobs.extend(more);
    jobs
}

/// The files of `before` that `after` does not make.
fn removed_files(before: &Plan<'_>, after: &Plan<'_>) -> Vec<PathBuf> {
    let files = |plan: &Plan<'_>| -> Vec<PathBuf> {
        plan.jobs()
            .par_iter()
            .flat_map_iter(|&j| plan.files(j))
            .collect()
    };
    let made: HashSet<PathBuf> = files(after).into_iter().collect();
    let mut removed: Vec<PathBuf> = files(before)
        .into_iter()
        .filter(|f| !made.contains(f))
        .collect();
    removed.sort();
    removed
}

/// The output files that stay current while `later` are rendered: all
/// the others the plan makes.
fn fresh_files(plan: &Plan<'_>, later: &[Job]) -> HashSet<String> {
    let later: HashSet<Job> = later.iter().copied().collect();
    plan.jobs()
        .par_iter()
        .filter(|job| !later.contains(job))
        .flat_map_iter(|&job| plan.files(job))
        .map(|path| crate::diagnostic::display_path(&path))
        .collect()
}

/// Renders `jobs` into the served folder while it is being served: the
/// rendering problems. Each file replaces the previous one at once (see
/// [`replace_file`]): a request made meanwhile gets one or the other,
/// whole, never a page cut short or empty.
fn write_in_place(
    plan: &Plan<'_>,
    bodies: &BodySource,
    jobs: &[Job],
    output: &Path,
) -> Result<Diagnostics, BuildError> {
    let (problems, spent) = build::render_and_write(plan, bodies, jobs, &Silent, |file| {
        replace_file(output, file)
    })?;
    spent.free();
    Ok(problems)
}

/// Removes from the served folder what a full build of `plan` would not
/// make, once `removed` (pages of directives, terms and pagination that
/// are gone) says there is any.
fn sweep(plan: &Plan<'_>, removed: &[PathBuf], output: &Path) -> Result<(), BuildError> {
    if removed.is_empty() {
        return Ok(());
    }
    let keep: HashSet<PathBuf> = plan
        .jobs()
        .iter()
        .flat_map(|&job| plan.files(job))
        .collect();
    crate::write::sweep(output, &keep).map_err(BuildError::from)
}
