//! The pipeline: load → validate → link → render → write, each stage
//! taking the previous one's value. `check` runs all but the last.

use std::path::PathBuf;
use std::sync::Mutex;

use thiserror::Error;

use crate::config::BaseUrl;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::link::{self, Archive};
use crate::load::{self, BodySource};
use crate::render::theme::Theme;
use crate::render::{Job, OutputFile, Plan, Site};
pub use crate::render::{Progress, Silent};
use crate::validate::{self, Options};
use crate::write::{Staging, WriteError};

/// What to build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

impl BuildOptions {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// A finished build or check: what was made, and the warnings.
#[derive(Debug, Clone)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub directives: usize,
    pub pages: usize,
    pub files: usize,
}

#[derive(Debug, Error)]
pub enum BuildError {
    /// Problems in the content, the configuration or the templates: every
    /// one found, warnings included.
    #[error("{} error(s) in the site", .0.error_count())]
    Site(Diagnostics),
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
    let (archive, theme, diagnostics) = prepare(options)?;
    let plan = Plan::new(Site::new(&archive, &theme));
    let bodies = BodySource::new(&options.root);
    let jobs = plan.jobs();
    progress.start(jobs.len());
    let staging = Staging::create(&options.root, &options.output_dir())?;
    let render_errors =
        render_and_write(&plan, &bodies, jobs, progress, |file| staging.write(file))?;
    progress.finish();
    let diagnostics = finish(diagnostics, render_errors)?;
    staging.publish()?;
    Ok(report(&archive, diagnostics, jobs.len()))
}

/// Everything `build` does but writing: the same problems, nothing written.
pub fn check(options: &BuildOptions) -> Result<Report, BuildError> {
    let (archive, theme, diagnostics) = prepare(options)?;
    let plan = Plan::new(Site::new(&archive, &theme));
    let bodies = BodySource::new(&options.root);
    let jobs = plan.jobs();
    let render_errors = crate::render::render(&plan, &bodies, jobs, &Silent, |_| {});
    let diagnostics = finish(diagnostics, render_errors)?;
    Ok(report(&archive, diagnostics, jobs.len()))
}

fn report(archive: &Archive, diagnostics: Diagnostics, files: usize) -> Report {
    Report {
        diagnostics,
        directives: archive.directives.len(),
        pages: archive.pages.len(),
        files,
    }
}

/// Load, validate, link and parse the theme; any error stops here, with
/// every problem of every stage reported together.
fn prepare(options: &BuildOptions) -> Result<(Archive, Theme, Diagnostics), BuildError> {
    let mut diagnostics = Diagnostics::new();
    let validate_options = validate_options(options, &mut diagnostics);
    let (loaded, found) = load::load(&options.root);
    diagnostics.extend(found);
    let (valid, found) = validate::validate(loaded, &validate_options);
    diagnostics.extend(found);
    let (archive, found) = link::link(valid);
    diagnostics.extend(found);
    let theme = load_theme(options, &archive.config.theme, &mut diagnostics);
    let diagnostics = accept(diagnostics)?;
    match theme {
        Some(theme) => Ok((archive, theme, diagnostics)),
        // A theme that did not load reported an error: not reached.
        None => Err(BuildError::Site(diagnostics)),
    }
}

/// The command line's choices for the validate stage; a bad `--base-url`
/// is reported.
pub(crate) fn validate_options(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Options {
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
pub(crate) fn load_theme(
    options: &BuildOptions,
    name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
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
/// rendering errors, or the first write error.
pub(crate) fn render_and_write<W>(
    plan: &Plan<'_>,
    bodies: &BodySource,
    jobs: &[Job],
    progress: &dyn Progress,
    write: W,
) -> Result<Diagnostics, WriteError>
where
    W: Fn(&OutputFile) -> Result<(), WriteError> + Sync,
{
    let first_error: Mutex<Option<WriteError>> = Mutex::new(None);
    let errors = crate::render::render(plan, bodies, jobs, progress, |file| {
        if let Err(e) = write(file)
            && let Ok(mut slot) = first_error.lock()
        {
            slot.get_or_insert(e);
        }
    });
    match first_error.into_inner().ok().flatten() {
        Some(error) => Err(error),
        None => Ok(errors),
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
