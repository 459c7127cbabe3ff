//! Stage 4, **render**: the linked archive turned into output files. Each
//! output is a [`Job`]; rendering a job is a pure function of the archive
//! and the theme, so jobs run in parallel and in any order.

pub mod context;
pub mod highlight;
pub mod index_json;
pub mod json_ld;
pub mod markdown;
pub mod references;
pub mod theme;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use tera::Context;

use crate::body::anchors::point_anchor;
use crate::body::references::Mention;
use crate::diagnostic::Diagnostic;
use crate::link::{Archive, number_key};
use context::{DirectiveSummary, SiteView};
use highlight::Highlighter;
use markdown::Flavour;
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
    /// A static file copied as is, without reading it into memory.
    Copy(PathBuf),
}

/// The page of every cited document.
pub const REFERENCES_URL: &str = "/references/";

/// One output to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    FrontPage,
    References,
    Directive(usize),
    Page(usize),
    DirectivesJson,
    Static(usize),
}

/// What every job shares, computed once per build.
pub struct Renderer<'a> {
    archive: &'a Archive,
    theme: &'a Theme,
    site: tera::Value,
    summaries: Vec<DirectiveSummary>,
    /// The same list as a template value, built once: Tera values are
    /// reference-counted, so every page can hold it without a copy.
    summaries_value: tera::Value,
    highlighter: Highlighter,
    anchors: Vec<OnceLock<HashSet<String>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(archive: &'a Archive, theme: &'a Theme) -> Renderer<'a> {
        let site: SiteView = context::site_view(archive);
        let summaries: Vec<DirectiveSummary> = archive
            .directives
            .iter()
            .map(|d| context::summary(archive, d))
            .collect();
        Renderer {
            archive,
            theme,
            site: tera::Value::from_serializable(&site),
            summaries_value: tera::Value::from_serializable(&summaries),
            summaries,
            highlighter: Highlighter::new(),
            anchors: archive.directives.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every output of the site.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::FrontPage, Job::References, Job::DirectivesJson];
        jobs.extend((0..self.archive.directives.len()).map(Job::Directive));
        jobs.extend((0..self.archive.pages.len()).map(Job::Page));
        jobs.extend((0..self.theme.static_files.len()).map(Job::Static));
        jobs
    }

    pub fn render(&self, job: Job) -> Result<OutputFile, Diagnostic> {
        match job {
            Job::FrontPage => self.front_page(),
            Job::References => {
                let mut context = self.base_context(REFERENCES_URL);
                context.insert(
                    "references",
                    &references::references(self.archive, &self.summaries),
                );
                self.page_file("references.html", REFERENCES_URL, &context)
            }
            Job::Directive(index) => self.directive(index),
            Job::Page(index) => self.page(index),
            Job::DirectivesJson => {
                let json = index_json::render(self.archive, &self.summaries).map_err(|e| {
                    Diagnostic::error(
                        "directives.json",
                        crate::diagnostic::Position::START,
                        e.to_string(),
                    )
                })?;
                Ok(OutputFile {
                    path: PathBuf::from("directives.json"),
                    contents: Contents::Bytes(json),
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

    fn front_page(&self) -> Result<OutputFile, Diagnostic> {
        let mut context = self.base_context("/");
        let front = &self.archive.front_page;
        let intro = markdown::to_html(
            &front.body,
            Flavour::Page,
            self.base_path(),
            &self.highlighter,
            None,
        );
        context.insert("title", &front.title);
        context.insert("intro", &intro);
        context.insert_value("directives", self.summaries_value.clone());
        self.page_file("index.html", "/", &context)
    }

    fn directive(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let directive = &self.archive.directives[index];
        let mut context = self.base_context(&directive.url);
        let view = context::directive_view(self.archive, &self.summaries, index);
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
        let body = markdown::to_html(
            &directive.body,
            Flavour::Directive,
            self.base_path(),
            &self.highlighter,
            Some(&citations),
        );
        context.insert("directive", &view);
        context.insert("body", &body);
        self.page_file("directive.html", &directive.url, &context)
    }

    fn page(&self, index: usize) -> Result<OutputFile, Diagnostic> {
        let page = &self.archive.pages[index];
        let mut context = self.base_context(&page.url);
        let body = markdown::to_html(
            &page.body,
            Flavour::Page,
            self.base_path(),
            &self.highlighter,
            None,
        );
        context.insert("page", &context::page_view(self.archive, page));
        context.insert("body", &body);
        self.page_file("page.html", &page.url, &context)
    }

    /// The anchors of directive `index`, worked out the first time a
    /// citation of one of its points needs them.
    fn anchors_of(&self, index: usize) -> &HashSet<String> {
        self.anchors[index].get_or_init(|| {
            crate::body::blocks(&self.archive.directives[index].body, Flavour::Directive).anchors
        })
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
        let html = self
            .theme
            .tera
            .render(template, context)
            .map_err(|e| self.theme.render_error(template, &e))?;
        Ok(OutputFile {
            path: PathBuf::from(url.trim_start_matches('/')).join("index.html"),
            contents: Contents::Bytes(html.into_bytes()),
        })
    }
}
