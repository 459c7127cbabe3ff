//! The pipeline: load → validate → link → render → write, each stage
//! taking the previous one's value. `check` runs all but the last.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use thiserror::Error;

use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::link::{self, Archive};
use crate::load::{self, BodySource};
pub use crate::render::Progress;
pub(crate) use crate::render::Silent;
use crate::render::theme::Theme;
use crate::render::{Job, OutputFile, Plan, Site, Spent};
use crate::validate::{self, Document, Options};
use crate::write::{Staging, WriteError};

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's folder, holding `content/` and `site.toml`.
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// The URL the site is published at (`--base-url`); when given, it
    /// replaces the one in `site.toml`.
    pub base_url: Option<String>,
    /// Whether documents marked `draft: true` are built too, their problems
    /// then errors.
    pub include_drafts: bool,
    /// Whether the process ends as soon as the build returns, as the
    /// command line's `build` does: the archive and what was made from it
    /// are then left to the system, as compilers leave theirs, rather
    /// than freed one allocation at a time on the build's last stretch,
    /// where only one core has work (70 ms of it at 10,000 directives).
    pub process_ends: bool,
}

impl BuildOptions {
    /// The folder the site is written to: `output` if given, else
    /// `<root>/public`.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A finished build or check: what was made, and the warnings.
#[derive(Debug, Clone)]
pub struct Report {
    /// The warnings found; a build with errors returns [`BuildError::Site`]
    /// instead.
    pub diagnostics: Diagnostics,
    /// How many directives the archive holds.
    pub directives: usize,
    /// How many free-standing pages the site has.
    pub pages: usize,
    /// How many output files were rendered (or would be, for a check).
    pub files: usize,
}

/// Why a build or check did not finish.
#[derive(Debug, Error)]
pub enum BuildError {
    /// Problems in the content, the configuration or the templates: every
    /// one found, warnings included.
    #[error("{} error(s) in the site", .0.error_count())]
    Site(Diagnostics),
    /// Writing the output folder failed.
    #[error(transparent)]
    Write(#[from] WriteError),
}

/// Builds the site into its output folder, replacing the previous output
/// only if everything succeeded.
pub fn build(options: &BuildOptions) -> Result<Report, BuildError> {
    build_with(options, &Silent)
}

/// [`build`], telling `progress` how rendering advances.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Result<Report, BuildError> {
    let mut stages = prepare(options)?;
    let plan = Plan::new(Site::new(&stages.archive, &stages.theme));
    let bodies = BodySource::new(&options.root);
    let diagnostics = std::mem::take(&mut stages.diagnostics);
    let (staging, diagnostics, spent) = stage(options, &plan, &bodies, progress, diagnostics)?;
    let report = report(&stages.archive, diagnostics, plan.jobs().len());
    if options.process_ends {
        std::mem::forget(spent);
        std::mem::forget(plan);
        std::mem::forget(stages);
        staging.publish()?;
        return Ok(report);
    }
    let (published, ()) = rayon::join(
        || staging.publish(),
        || {
            spent.free();
            drop(plan);
        },
    );
    // The archive is freed after the plan that borrows it.
    drop(stages);
    published?;
    Ok(report)
}

/// Everything `build` does but writing: the same problems, nothing written.
pub fn check(options: &BuildOptions) -> Result<Report, BuildError> {
    let stages = prepare(options)?;
    let plan = Plan::new(Site::new(&stages.archive, &stages.theme));
    let bodies = BodySource::new(&options.root);
    let render_errors = crate::render::render(&plan, &bodies, plan.jobs(), &Silent, |_| {});
    let diagnostics = finish(stages.diagnostics, render_errors)?;
    Ok(report(&stages.archive, diagnostics, plan.jobs().len()))
}

fn report(archive: &Archive, diagnostics: Diagnostics, files: usize) -> Report {
    Report {
        diagnostics,
        directives: archive.directives.len(),
        pages: archive.pages.len(),
        files,
    }
}

/// What the stages before rendering make: the linked archive, its theme,
/// and the warnings found on the way.
pub(crate) struct Stages {
    pub(crate) archive: Archive,
    pub(crate) theme: Arc<Theme>,
    pub(crate) diagnostics: Diagnostics,
}

/// Every content file read and checked on its own, in parallel, then the
/// whole site put together: `serve` does the same, keeping each file's.
fn prepare(options: &BuildOptions) -> Result<Stages, BuildError> {
    // A worker compiles the number patterns while this thread walks the
    // folder; otherwise the first files read would wait for them.
    rayon::spawn(crate::body::references::compile_patterns);
    let (paths, mut diagnostics) = load::content_paths(&options.root);
    let documents = read_documents(options, &paths);
    let documents = documents.into_iter().filter_map(|(document, found)| {
        diagnostics.extend(found);
        document
    });
    let documents: Vec<Document> = documents.collect();
    link_site(options, documents, diagnostics, None)
}

/// Stages 1 and 2 for each of `paths` (relative to the root), in parallel:
/// the file read and its front matter checked, with what that found.
pub(crate) fn read_documents(
    options: &BuildOptions,
    paths: &[PathBuf],
) -> Vec<(Option<Document>, Diagnostics)> {
    let per_file = Options {
        include_drafts: options.include_drafts,
        base_url: None,
    };
    paths
        .par_iter()
        .map(|path| {
            let mut diagnostics = Diagnostics::new();
            let document = match load::read_source(&options.root, path) {
                Ok(file) => validate::read_file_for(file, &per_file, &mut diagnostics),
                Err(problems) => {
                    diagnostics.extend(problems);
                    None
                }
            };
            (document, diagnostics)
        })
        .collect()
}

/// The whole-site steps once every file is read: the configuration, the
/// site-wide checks, linking, and the theme (`theme` if given, loaded
/// otherwise). Any error stops here, with every problem of every stage
/// reported together.
pub(crate) fn link_site(
    options: &BuildOptions,
    documents: Vec<Document>,
    mut diagnostics: Diagnostics,
    theme: Option<Arc<Theme>>,
) -> Result<Stages, BuildError> {
    let (config, found) = load::read_config(&options.root);
    diagnostics.extend(found);
    let validate_options = validate_options(options, &mut diagnostics);
    let config = validate::site_config(config.as_ref(), &validate_options, &mut diagnostics);
    let theme_name = config.theme.clone();
    // The theme's templates are parsed while the archive is put together
    // and linked: neither needs the other, and both take milliseconds.
    let ((archive, linked), (theme, themed)) = rayon::join(
        || {
            let mut found = Diagnostics::new();
            let valid = validate::assemble(config, documents, &validate_options, &mut found);
            let (archive, linking) = link::link(valid);
            found.extend(linking);
            (archive, found)
        },
        || {
            let mut found = Diagnostics::new();
            let theme = match theme {
                Some(theme) if theme.name == theme_name => Some(theme),
                _ => load_theme(options, &theme_name, &mut found).map(Arc::new),
            };
            (theme, found)
        },
    );
    diagnostics.extend(linked);
    diagnostics.extend(themed);
    let diagnostics = accept(diagnostics)?;
    match theme {
        Some(theme) => Ok(Stages {
            archive,
            theme,
            diagnostics,
        }),
        // A theme that did not load reported an error: not reached.
        None => Err(BuildError::Site(diagnostics)),
    }
}

/// Renders every page of `plan` into a staging folder and swaps it in for
/// the output folder, only if everything succeeded.
pub(crate) fn publish(
    options: &BuildOptions,
    plan: &Plan<'_>,
    progress: &dyn Progress,
    diagnostics: Diagnostics,
) -> Result<Diagnostics, BuildError> {
    let bodies = BodySource::new(&options.root);
    let (staging, diagnostics, spent) = stage(options, plan, &bodies, progress, diagnostics)?;
    spent.free();
    staging.publish()?;
    Ok(diagnostics)
}

/// Renders every page of `plan` into a staging folder, to be swapped in
/// for the output folder ([`Staging::publish`]) if everything succeeded;
/// dropped unpublished, it is removed.
fn stage<'a>(
    options: &BuildOptions,
    plan: &Plan<'a>,
    bodies: &'a BodySource,
    progress: &dyn Progress,
    diagnostics: Diagnostics,
) -> Result<(Staging, Diagnostics, Spent<'a>), BuildError> {
    let jobs = plan.jobs();
    progress.start(jobs.len());
    let staging = Staging::create(&options.root, &options.output_dir())?;
    let (render_errors, spent) =
        render_and_write(plan, bodies, jobs, progress, |file| staging.write(file))?;
    progress.finish();
    let diagnostics = finish(diagnostics, render_errors)?;
    Ok((staging, diagnostics, spent))
}

/// The command line's choices for the validate stage; a bad `--base-url`
/// is reported.
fn validate_options(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Options {
    let base_url = match options.base_url.as_deref().map(BaseUrl::parse) {
        Some(Ok(url)) => Some(url),
        Some(Err(message)) => {
            diagnostics.push(Diagnostic::error("--base-url", Position::START, message));
            None
        }
        None => None,
    };
    Options {
        include_drafts: options.include_drafts,
        base_url,
    }
}

/// The site's theme, its templates parsed; `None` after reporting why not.
fn load_theme(options: &BuildOptions, name: &str, diagnostics: &mut Diagnostics) -> Option<Theme> {
    Theme::load(&options.root, name)
        .map_err(|found| diagnostics.extend(found))
        .ok()
}

/// Every problem found, in order: an error if any is one.
pub(crate) fn accept(diagnostics: Diagnostics) -> Result<Diagnostics, BuildError> {
    let diagnostics = diagnostics.sorted();
    if diagnostics.has_errors() {
        Err(BuildError::Site(diagnostics))
    } else {
        Ok(diagnostics)
    }
}

/// Renders `jobs` of `plan`, writing each file with `write`: the
/// rendering errors and what was made for many pages (for the caller to
/// free, or to leave to the system), or the first write error.
pub(crate) fn render_and_write<'a, W>(
    plan: &Plan<'a>,
    bodies: &'a BodySource,
    jobs: &[Job],
    progress: &dyn Progress,
    write: W,
) -> Result<(Diagnostics, Spent<'a>), WriteError>
where
    W: Fn(&OutputFile) -> Result<(), WriteError> + Sync,
{
    let first_error: Mutex<Option<WriteError>> = Mutex::new(None);
    let (errors, spent) = crate::render::render_leaving(plan, bodies, jobs, progress, |file| {
        if let Err(e) = write(file)
            && let Ok(mut slot) = first_error.lock()
        {
            slot.get_or_insert(e);
        }
    });
    match first_error.into_inner().ok().flatten() {
        Some(error) => Err(error),
        None => Ok((errors, spent)),
    }
}

pub(crate) fn finish(
    diagnostics: Diagnostics,
    render_errors: Diagnostics,
) -> Result<Diagnostics, BuildError> {
    let mut all = diagnostics;
    all.extend(render_errors);
    accept(all)
}
