//! Stage 2, **validate**: every loaded file's front matter read into the
//! domain's types, and the checks that need the whole site (one URL per
//! page, one document per number, issuer and year).

pub mod directive;
pub(crate) mod page;
pub(crate) mod url;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::body::links;
use crate::config::{BaseUrl, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, display_path};
use crate::load::{LoadedSite, Node, SourceFile, SourceKind, Value};
use crate::model::{Directive, FrontPage, Page};

/// Choices made on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep documents marked `draft: true`.
    pub(crate) include_drafts: bool,
    /// `--base-url`, over `site.toml`'s.
    pub(crate) base_url: Option<BaseUrl>,
}

/// A site whose every file was read into the domain's types.
#[derive(Debug, Clone)]
pub struct ValidSite {
    pub(crate) config: SiteConfig,
    pub(crate) directives: Vec<Arc<Directive>>,
    pub(crate) pages: Vec<Page>,
    pub(crate) front_page: FrontPage,
}

/// One content file read into its domain type.
#[derive(Debug, Clone)]
pub enum Document {
    /// Shared: `serve` keeps each file's and puts the archive together
    /// again from them after a save, without copying.
    Directive(Arc<Directive>),
    /// A free-standing page under `content/pages/`.
    Page(Page),
    /// The front page's text, from `content/_index.md`.
    FrontPage(FrontPage),
}

/// Reads every loaded file into its domain type, then checks the site
/// as a whole (unique URLs and numbers); drafts are dropped unless asked
/// for.
pub fn validate(site: LoadedSite, options: &Options) -> (ValidSite, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = site_config(site.config.as_ref(), options, &mut diagnostics);
    // Each file on its own, in parallel: reading a directive's text for
    // its numbers and lead is most of the work.
    let read: Vec<(Option<Document>, Diagnostics)> = site
        .files
        .into_par_iter()
        .map(|file| {
            let mut found = Diagnostics::new();
            (read_file_for(file, options, &mut found), found)
        })
        .collect();
    let mut documents = Vec::with_capacity(read.len());
    for (document, found) in read {
        diagnostics.extend(found);
        documents.extend(document);
    }
    let site = assemble(config, documents, options, &mut diagnostics);
    (site, diagnostics)
}

/// `site.toml` read, with the command line's choices over it.
pub(crate) fn site_config(
    node: Option<&crate::load::Node>,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> SiteConfig {
    let config = SiteConfig::from_node(node, diagnostics);
    match &options.base_url {
        Some(base_url) => config.with_base_url(base_url.clone()),
        None => config,
    }
}

/// [`read_file`] for a build with these options: a draft that the build
/// leaves out has its problems reported as warnings, so one half-written
/// draft does not fail the public site (with `--drafts` they are errors).
pub(crate) fn read_file_for(
    file: SourceFile,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let left_out = !options.include_drafts && is_draft(&file);
    let mut found = Diagnostics::new();
    let document = read_file(file, &mut found);
    diagnostics.extend(if left_out {
        found.of_left_out_draft()
    } else {
        found
    });
    document
}

/// Whether the file's front matter says `draft: true`, read from the tree
/// itself: a draft whose other fields are wrong is still a draft.
fn is_draft(file: &SourceFile) -> bool {
    let Some(Node {
        value: Value::Map(entries),
        ..
    }) = &file.front_matter
    else {
        return false;
    };
    entries
        .iter()
        .any(|e| e.key == "draft" && e.value.value == Value::Bool(true))
}

/// One file on its own: what needs no other file to check.
pub fn read_file(file: SourceFile, diagnostics: &mut Diagnostics) -> Option<Document> {
    for link in links::unsafe_links(&file.body, file.body_line) {
        diagnostics.push(Diagnostic::error(
            &file.path,
            link.position,
            format!(
                "the link `{}` could run code in a reader's browser; links may lead to http(s), mailto and tel addresses or to pages of the site",
                link.url
            ),
        ));
    }
    match file.kind {
        SourceKind::Directive => {
            directive::read(file, diagnostics).map(|d| Document::Directive(Arc::new(d)))
        }
        SourceKind::Page => page::read_page(file, diagnostics).map(Document::Page),
        SourceKind::FrontPage => Some(Document::FrontPage(page::read_front_page(
            file,
            diagnostics,
        ))),
    }
}

/// The files read one by one, put together and checked against each
/// other; drafts dropped unless asked for.
pub(crate) fn assemble(
    config: SiteConfig,
    documents: impl IntoIterator<Item = Document>,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> ValidSite {
    let mut directives = Vec::new();
    let mut pages = Vec::new();
    let mut front_page = FrontPage::default();
    for document in documents {
        match document {
            Document::Directive(d) => directives.push(d),
            Document::Page(p) => pages.push(p),
            Document::FrontPage(f) => front_page = f,
        }
    }
    // Two independent checks of the whole archive, at once.
    let (mut found, numbers) = rayon::join(
        || {
            let mut found = Diagnostics::new();
            check_unique_urls(&directives, &pages, &mut found);
            found
        },
        || {
            let mut found = Diagnostics::new();
            check_unique_numbers(&directives, &mut found);
            found
        },
    );
    found.extend(numbers);
    if options.include_drafts {
        diagnostics.extend(found);
    } else {
        // A clash that involves a draft is the draft's problem: a warning.
        let drafts: HashSet<&PathBuf> = directives
            .iter()
            .filter(|d| d.draft)
            .map(|d| &d.source_path)
            .chain(pages.iter().filter(|p| p.draft).map(|p| &p.source_path))
            .collect();
        let (theirs, others): (Diagnostics, Diagnostics) =
            found.into_iter().partition(|d| drafts.contains(&d.path));
        diagnostics.extend(others);
        diagnostics.extend(theirs.of_left_out_draft());
        directives.retain(|d| !d.draft);
        pages.retain(|p| !p.draft);
    }
    ValidSite {
        config,
        directives,
        pages,
        front_page,
    }
}

/// Two pages may not share a URL: one would overwrite the other.
fn check_unique_urls(directives: &[Arc<Directive>], pages: &[Page], diagnostics: &mut Diagnostics) {
    let all: Vec<(&String, &PathBuf)> = directives
        .iter()
        .map(|d| (&d.url, &d.source_path))
        .chain(pages.iter().map(|p| (&p.url, &p.source_path)))
        .collect();
    let directive_urls: FxHashSet<&str> = directives.iter().map(|d| d.url.as_str()).collect();
    // Whether a URL is the generator's own is asked of each alone, on
    // every core; only a clash between two needs them in order.
    let owns: Vec<Option<String>> = all
        .par_iter()
        .map(|&(url, _)| {
            if url::is_reserved(url) {
                Some(format!(
                    "the URL {url} is the generator's own; rename the file or set `slug`"
                ))
            } else {
                url::relation_list_owner(url, &directive_urls).map(|owner| format!(
                    "the URL {url} is the generator's own, for the list of {owner}'s relations; rename the file or set `slug`"
                ))
            }
        })
        .collect();
    let mut seen: FxHashMap<&str, &PathBuf> = FxHashMap::default();
    for ((url, path), own) in all.into_iter().zip(owns) {
        if let Some(message) = own {
            diagnostics.push(Diagnostic::error(path, Position::START, message));
        } else if let Some(first) = seen.get(url.as_str()) {
            diagnostics.push(Diagnostic::error(
                path,
                Position::START,
                format!(
                    "the URL {url} is already taken by {}; rename the file or set `slug`",
                    display_path(first)
                ),
            ));
        } else {
            seen.insert(url, path);
        }
    }
}

/// A number is unique per issuer and year (the contract).
fn check_unique_numbers(directives: &[Arc<Directive>], diagnostics: &mut Diagnostics) {
    let mut seen: FxHashMap<(&str, &str, i32), &Directive> = FxHashMap::default();
    for directive in directives {
        let (Some(number), Some(number_key)) = (&directive.number, &directive.number_key) else {
            continue;
        };
        let key = (
            number_key.as_str(),
            directive.folded_issuer.as_str(),
            directive.date.year,
        );
        if let Some(first) = seen.get(&key) {
            diagnostics.push(Diagnostic::error(
                &directive.source_path,
                directive.number_position,
                format!(
                    "number {} of {} in {} is already used by {}",
                    number,
                    directive.issuer,
                    directive.date.year,
                    display_path(&first.source_path)
                ),
            ));
        } else {
            seen.insert(key, directive);
        }
    }
}
