//! The theme: Tera templates and static files, from `themes/<name>/` or,
//! for the default theme, from the binary itself; single templates
//! overridden by the site's `templates/`. Every template is parsed once,
//! when a build or check starts.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::load::confine::{Kind, Root, Walk, read_file};

/// Embeds files of the default theme's folder under their names.
macro_rules! embed {
    ($macro:ident, $folder:literal, [$($name:literal),* $(,)?]) => {
        &[$(($name, $macro!(concat!("../../themes/default/", $folder, "/", $name)))),*]
    };
}

/// The default theme, compiled in so a site needs no `themes/` folder.
/// `tests/it/themes.rs` checks these lists against the folder.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embed!(
    include_str,
    "templates",
    [
        "404.html",
        "base.html",
        "cited.html",
        "directive.html",
        "index.html",
        "page.html",
        "references.html",
        "related.html",
        "search.html",
        "taxonomy.html",
        "term.html",
        "timeline.html",
        "timeline_month.html",
        "timeline_year.html",
        "partials/cited_by.html",
        "partials/directive_row.html",
        "partials/feeds.html",
        "partials/pagination.html",
        "partials/related_item.html",
        "partials/signer.html",
        "partials/timeline_counts.html",
        "partials/timeline_entry.html",
        "partials/timeline_before.html",
        "partials/timeline_legend.html",
        "partials/timeline_nav.html",
    ]
);
/// The default theme's static files (CSS, scripts, icons), compiled in
/// and copied to the output as they are.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embed!(
    include_bytes,
    "static",
    [
        "favicon.ico",
        "favicon.svg",
        "search-box.js",
        "search.js",
        "style.css",
        "timeline.js"
    ]
);
const DEFAULT_THEME: &str = "default";

/// Whether `name` renders pages of its own; `base.html` and the partials
/// are part of every page.
pub(crate) fn is_page_template(name: &str) -> bool {
    name != "base.html" && !name.starts_with("partials/")
}

/// A static file to copy to the output as is.
#[derive(Debug, Clone)]
pub(crate) enum StaticSource {
    Embedded(&'static [u8]),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// Path below the output root.
    pub(crate) output_path: PathBuf,
    pub(crate) source: StaticSource,
}

/// Parsed templates and the static files that go with them.
pub struct Theme {
    /// As `site.toml` names it.
    pub(crate) name: String,
    pub(crate) tera: Tera,
    /// Template name → path shown in messages.
    origins: Vec<(String, String)>,
    /// The templates that are the built-in theme's, as it has them.
    unchanged: Vec<String>,
    pub(crate) static_files: Vec<StaticFile>,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.origins)
            .finish()
    }
}

/// One template's text and where it came from.
struct TemplateSource {
    name: String,
    origin: String,
    text: String,
}

impl Theme {
    /// Loads theme `name` for the site at `root`. Every template problem of
    /// every template is reported, with template, line and column.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let site = Root::new(root);
        let theme_dir = Path::new("themes").join(name);
        // A theme need not have every template: what it lacks comes from
        // the built-in theme (inside the theme's own base.html, if it has one).
        let mut templates = embedded_templates();
        let theme_found = match site.check(&theme_dir) {
            Ok(found) => found.is_some_and(|f| f.kind == Kind::Folder),
            Err(refused) => {
                diagnostics.push(refused);
                return Err(diagnostics);
            }
        };
        let mut static_files = if theme_found {
            let theme_templates =
                read_templates(&site, &theme_dir.join("templates"), &mut diagnostics);
            override_templates(&mut templates, theme_templates);
            static_files(&site, &theme_dir.join("static"), &mut diagnostics)
        } else if name == DEFAULT_THEME {
            embedded_static()
        } else {
            diagnostics.push(Diagnostic::error(
                crate::load::CONFIG_FILE,
                Position::START,
                format!("theme `{name}` not found: there is no folder themes/{name}/"),
            ));
            return Err(diagnostics);
        };
        let site_templates = read_templates(&site, Path::new("templates"), &mut diagnostics);
        override_templates(&mut templates, site_templates);
        // A site's own file replaces the theme's of the same name (its
        // favicon, say), so no output file is written twice.
        let site_static = self::static_files(&site, Path::new("static"), &mut diagnostics);
        static_files.retain(|t| !site_static.iter().any(|s| s.output_path == t.output_path));
        static_files.extend(site_static);
        templates.sort_by(|a, b| a.name.cmp(&b.name));
        let tera = parse(&templates, &mut diagnostics);
        let unchanged = templates
            .iter()
            .filter(|t| DEFAULT_TEMPLATES.contains(&(t.name.as_str(), t.text.as_str())))
            .map(|t| t.name.clone())
            .collect();
        match tera {
            Some(tera) if !diagnostics.has_errors() => Ok(Theme {
                name: name.to_owned(),
                tera,
                unchanged,
                origins: templates.into_iter().map(|t| (t.name, t.origin)).collect(),
                static_files,
            }),
            _ => Err(diagnostics),
        }
    }

    /// Whether templates `names` are all the built-in theme's, as it has
    /// them: then what they render may be written without them (see
    /// `pages::directive_html`).
    pub(crate) fn is_built_in(&self, names: &[&str]) -> bool {
        names
            .iter()
            .all(|name| self.unchanged.iter().any(|u| u == name))
    }

    /// The path to show for template `name`.
    pub(crate) fn origin<'s>(&'s self, name: &'s str) -> &'s str {
        self.origins
            .iter()
            .find(|(n, _)| n == name)
            .map_or(name, |(_, o)| o.as_str())
    }

    /// A rendering error as a diagnostic on the template that raised it.
    pub(crate) fn render_error(&self, template: &str, error: &tera::Error) -> Diagnostic {
        let (name, position, message) = describe(template, error);
        Diagnostic::error(self.origin(&name), position, message)
    }

    /// A problem of `template` as a whole.
    pub(crate) fn render_error_message(&self, template: &str, message: &str) -> Diagnostic {
        Diagnostic::error(self.origin(template), Position::START, message)
    }
}

/// Replaces templates of the same name, adds the others.
fn override_templates(templates: &mut Vec<TemplateSource>, overrides: Vec<TemplateSource>) {
    for over in overrides {
        templates.retain(|t| t.name != over.name);
        templates.push(over);
    }
}

fn embedded_templates() -> Vec<TemplateSource> {
    DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: (*name).to_owned(),
            origin: format!("themes/default/templates/{name}"),
            text: (*text).to_owned(),
        })
        .collect()
}

fn embedded_static() -> Vec<StaticFile> {
    DEFAULT_STATIC
        .iter()
        .map(|(path, bytes)| StaticFile {
            output_path: PathBuf::from(path),
            source: StaticSource::Embedded(bytes),
        })
        .collect()
}

/// Every `.html`, `.xml`, `.txt` or `.json` template below `dir` (relative
/// to the site), named by its path relative to `dir`.
fn read_templates(site: &Root, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<TemplateSource> {
    let walk = Walk {
        skip_hidden: false,
        wanted: is_template,
    };
    let mut templates = Vec::new();
    for file in site.walk(dir, walk, diagnostics).unwrap_or_default() {
        let Ok(relative) = file.relative.strip_prefix(dir) else {
            continue;
        };
        let name = crate::diagnostic::display_path(relative);
        let origin = crate::diagnostic::display_path(&file.relative);
        match read_file(&file.path, &file.relative).map(crate::load::source::decode) {
            Ok(Ok(text)) => templates.push(TemplateSource { name, origin, text }),
            Ok(Err(e)) => diagnostics.push(Diagnostic::error(origin, e.position, e.message)),
            Err(refused) => diagnostics.push(refused),
        }
    }
    templates
}

fn is_template(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| ["html", "xml", "txt", "json"].iter().any(|x| e == *x))
}

/// Every file below `dir` (relative to the site), to be copied under its
/// path relative to `dir`.
fn static_files(site: &Root, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<StaticFile> {
    let walk = Walk {
        skip_hidden: false,
        wanted: |_| true,
    };
    site.walk(dir, walk, diagnostics)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|file| {
            let output_path = file.relative.strip_prefix(dir).ok()?.to_owned();
            Some(StaticFile {
                output_path,
                source: StaticSource::File(file.path),
            })
        })
        .collect()
}

/// Parses all templates. Tera stops at the first syntax error of a batch,
/// so each template is first parsed alone to find every syntax error;
/// inheritance (a missing parent, a cycle) is checked on the whole set.
fn parse(templates: &[TemplateSource], diagnostics: &mut Diagnostics) -> Option<Tera> {
    let origin = |name: &str| {
        templates
            .iter()
            .find(|t| t.name == name)
            .map_or(name.to_owned(), |t| t.origin.clone())
    };
    let mut syntax_ok = true;
    for template in templates {
        let mut alone = Tera::new();
        if let Err(error) = alone.add_raw_template(&template.name, &template.text)
            && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
        {
            let (name, position, message) = describe(&template.name, &error);
            diagnostics.push(Diagnostic::error(origin(&name), position, message));
            syntax_ok = false;
        }
    }
    if !syntax_ok {
        return None;
    }
    let mut tera = Tera::new();
    register_filters(&mut tera);
    let all = templates.iter().map(|t| (t.name.as_str(), t.text.as_str()));
    match tera.add_raw_templates(all) {
        Ok(()) => Some(tera),
        Err(error) => {
            for (name, position, message) in describe_all(&error) {
                diagnostics.push(Diagnostic::error(origin(&name), position, message));
            }
            None
        }
    }
}

/// Filters the default theme uses; other themes may use them too.
fn register_filters(tera: &mut Tera) {
    tera.register_filter("upper_vi", |s: &str, _: tera::Kwargs, _: &tera::State| {
        crate::vietnamese::upper(s)
    });
    // Escapes the text itself and keeps each hyphenated word on one line
    // (see `super::no_break`); for text, never inside an attribute or the
    // `<title>`.
    tera.register_filter("no_break", |s: &str, _: tera::Kwargs, _: &tera::State| {
        tera::Value::safe_string(&super::no_break::to_html(s))
    });
}

/// Every problem in an error from loading the whole set. Tera's checks
/// across templates (unknown blocks, filters, functions, includes) come as
/// one message of reports, each "error: …" with a " --> name:line:col" line.
fn describe_all(error: &tera::Error) -> Vec<(String, Position, String)> {
    let reports: Vec<(String, Position, String)> = match error.kind() {
        tera::ErrorKind::Msg(text) => text.split("\n\n").filter_map(parse_report).collect(),
        _ => Vec::new(),
    };
    if reports.is_empty() {
        vec![describe("", error)]
    } else {
        reports
    }
}

fn parse_report(report: &str) -> Option<(String, Position, String)> {
    let message = report.lines().next()?.strip_prefix("error: ")?;
    let location = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = location.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    let name = parts.next()?.to_owned();
    Some((
        name,
        Position::new(line, column),
        format!("template error: {message}"),
    ))
}

/// Template name, position and message of a Tera error. Tera's columns are
/// 0-based; ours are 1-based.
fn describe(template: &str, error: &tera::Error) -> (String, Position, String) {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    match report {
        Some(report) => {
            let span = report.span();
            let name = if report.filename().is_empty() {
                template
            } else {
                report.filename()
            };
            (
                name.to_owned(),
                Position::new(span.start_line.max(1), span.start_col + 1),
                format!("template error: {}", report.message()),
            )
        }
        None => {
            let name = match error.kind() {
                tera::ErrorKind::MissingParent { current, .. } => current.clone(),
                tera::ErrorKind::CircularExtend { tpl, .. }
                | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
                _ => template.to_owned(),
            };
            (
                name,
                Position::START,
                format!("template error: {}", error_chain(error)),
            )
        }
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
