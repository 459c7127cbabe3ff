//! `vanban serve`: a build kept up to date while an editor works. A
//! change to a directive re-renders that directive, the directives linked
//! to it either way, its neighbours by date, and the pages that list it
//! (front page, timeline, its taxonomy pages, references, feeds, search);
//! a change to a template, the theme, `static/`, `site.toml` or a
//! free-standing page rebuilds everything. While the content has errors
//! the last good build stays served.

pub mod http;
pub mod watch;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, BuildError, BuildOptions, Silent};
use crate::diagnostic::Diagnostics;
use crate::link::Archive;
use crate::load::{self, CONTENT_DIR};
use crate::render::taxonomy::Facet;
use crate::render::{Job, Renderer};
use crate::write::{Staging, write_file};

/// What a rebuild did.
#[derive(Debug)]
pub struct Outcome {
    /// Jobs rendered (all of them for a full build).
    pub jobs: usize,
    pub full: bool,
    /// Warnings of the new build.
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
}

/// An editing session: the options, the files read so far, and the last
/// good archive, against which a change is measured.
pub struct Session {
    options: BuildOptions,
    cache: load::Cache,
    last: Option<Archive>,
}

impl Session {
    /// `options.output` must be set: the folder served.
    pub fn new(options: BuildOptions) -> Session {
        Session {
            options,
            cache: load::Cache::default(),
            last: None,
        }
    }

    pub fn output(&self) -> PathBuf {
        self.options.output_dir()
    }

    /// Brings the output up to date after `changed_paths` (what the
    /// watcher saw; content files are also found changed by their size and
    /// time). `None` when nothing had changed after all.
    pub fn rebuild(&mut self, changed_paths: &[PathBuf]) -> Result<Option<Outcome>, BuildError> {
        let started = Instant::now();
        let root = self
            .options
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.options.root.clone());
        let outside: Vec<&Path> = changed_paths
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p))
            .filter(|p| !p.starts_with(CONTENT_DIR))
            .collect();
        let (loaded, changed) = load::load_cached(&self.options.root, &mut self.cache);
        if changed.is_empty() && outside.is_empty() && self.last.is_some() {
            return Ok(None);
        }
        let (archive, theme, diagnostics) = build::prepare_loaded(&self.options, loaded)?;
        let renderer = Renderer::new(&archive, &theme);
        let pages_changed = changed.iter().any(|p| !is_directive_file(p));
        let jobs = match (&self.last, template_names(&outside, &archive.config.theme)) {
            (Some(old), Some(templates)) if !pages_changed => {
                let by_content = if changed.is_empty() {
                    Some((Vec::new(), Vec::new()))
                } else {
                    affected_jobs(old, &archive, &renderer, &changed)
                };
                by_content.map(|(mut jobs, gone)| {
                    let already: HashSet<Job> = jobs.iter().copied().collect();
                    jobs.extend(renderer.jobs().into_iter().filter(|job| {
                        !already.contains(job) && templates.iter().any(|t| uses_template(*job, t))
                    }));
                    (jobs, gone)
                })
            }
            _ => None,
        };
        let outcome = match jobs {
            Some((jobs, gone)) => {
                let diagnostics =
                    write_in_place(&renderer, &jobs, &gone, &self.output(), diagnostics)?;
                Outcome {
                    jobs: jobs.len(),
                    full: false,
                    diagnostics,
                    elapsed: started.elapsed(),
                }
            }
            None => {
                let jobs = renderer.jobs();
                let staging = Staging::create(&self.options.root, &self.output())?;
                let errors =
                    build::render_and_write(&renderer, &jobs, &Silent, |file| staging.write(file))?;
                let diagnostics = build::finish(diagnostics, errors)?;
                staging.publish()?;
                Outcome {
                    jobs: jobs.len(),
                    full: true,
                    diagnostics,
                    elapsed: started.elapsed(),
                }
            }
        };
        drop(renderer);
        self.last = Some(archive);
        Ok(Some(outcome))
    }
}

/// The names of the templates among `paths` (relative to the root), or
/// `None` if anything else outside `content/` changed.
fn template_names(paths: &[&Path], theme: &str) -> Option<Vec<String>> {
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

/// The jobs a change of content files needs, and the output folders of
/// directives that are gone; `None` when only a full build will do.
fn affected_jobs(
    old: &Archive,
    new: &Archive,
    renderer: &Renderer<'_>,
    changed: &[PathBuf],
) -> Option<(Vec<Job>, Vec<String>)> {
    if old.config != new.config || old.pages.len() != new.pages.len() {
        return None;
    }
    let changed: HashSet<&Path> = changed.iter().map(PathBuf::as_path).collect();
    let touched_in = |archive: &Archive| -> Vec<usize> {
        (0..archive.directives.len())
            .filter(|&i| changed.contains(archive.directives[i].source_path.as_path()))
            .collect()
    };
    let (old_touched, new_touched) = (touched_in(old), touched_in(new));
    // Ids whose page shows something of a changed directive.
    let mut ids: HashSet<String> = HashSet::new();
    let mut terms: HashSet<(Facet, String)> = HashSet::new();
    for (archive, touched) in [(old, &old_touched), (new, &new_touched)] {
        for &i in touched {
            let mut around = vec![i];
            around.extend(archive.relations[i].iter().filter_map(|r| r.target));
            around.extend(archive.backlinks[i].iter().map(|b| b.from));
            around.extend(i.checked_sub(1));
            around.extend((i + 1 < archive.directives.len()).then_some(i + 1));
            ids.extend(
                around
                    .into_iter()
                    .map(|j| archive.directives[j].id().to_owned()),
            );
            for facet in Facet::ALL {
                for (slug, _) in facet.values(&archive.directives[i]) {
                    terms.insert((facet, slug));
                }
            }
        }
    }
    let gone: Vec<String> = old_touched
        .iter()
        .map(|&i| old.directives[i].id().to_owned())
        .filter(|id| !new.directives.iter().any(|d| d.id() == id))
        .collect();
    let jobs = renderer
        .jobs()
        .into_iter()
        .filter(|job| match *job {
            Job::Directive(i) => ids.contains(new.directives[i].id()),
            Job::TermPage { taxonomy, term, .. } | Job::TimelineFilter { taxonomy, term } => {
                let t = &renderer.taxonomies()[taxonomy];
                terms.contains(&(t.facet, t.terms[term].slug.clone()))
            }
            Job::Page(_) | Job::Static(_) | Job::Search | Job::NotFound | Job::Robots => false,
            _ => true,
        })
        .collect();
    Some((jobs, gone))
}

/// Renders `jobs` straight into the served folder and removes the pages of
/// directives that are gone.
fn write_in_place(
    renderer: &Renderer<'_>,
    jobs: &[Job],
    gone: &[String],
    output: &Path,
    diagnostics: Diagnostics,
) -> Result<Diagnostics, BuildError> {
    let errors = build::render_and_write(renderer, jobs, &Silent, |file| write_file(output, file))?;
    for id in gone {
        // Ids are relative paths made of URL segments: they stay inside.
        let _ = std::fs::remove_dir_all(output.join(id));
    }
    build::finish(diagnostics, errors)
}
