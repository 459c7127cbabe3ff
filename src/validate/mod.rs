//! Stage 2, **validate**: every loaded file's front matter read into the
//! domain's types, and the checks that need the whole site (one URL per
//! page, one document per number, issuer and year).

pub mod directive;
pub mod fields;
pub mod page;
pub mod url;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::config::{BaseUrl, SiteConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, display_path};
use crate::load::{LoadedSite, SourceKind};
use crate::model::{Directive, FrontPage, Page};
use crate::vietnamese;

/// Choices made on the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep documents marked `draft: true`.
    pub include_drafts: bool,
    /// `--base-url`, over `site.toml`'s.
    pub base_url: Option<BaseUrl>,
}

/// A site whose every file was read into the domain's types.
#[derive(Debug, Clone)]
pub struct ValidSite {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub directives: Vec<Directive>,
    pub pages: Vec<Page>,
    pub front_page: FrontPage,
}

pub fn validate(site: LoadedSite, options: &Options) -> (ValidSite, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut config = SiteConfig::from_node(site.config.as_ref(), &mut diagnostics);
    if let Some(base_url) = &options.base_url {
        config = config.with_base_url(base_url.clone());
    }
    let mut directives = Vec::new();
    let mut pages = Vec::new();
    let mut front_page = FrontPage::default();
    for file in site.files {
        match file.kind {
            SourceKind::Directive => directives.extend(directive::read(file, &mut diagnostics)),
            SourceKind::Page => pages.extend(page::read_page(file, &mut diagnostics)),
            SourceKind::FrontPage => front_page = page::read_front_page(file, &mut diagnostics),
        }
    }
    check_unique_urls(&directives, &pages, &mut diagnostics);
    check_unique_numbers(&directives, &mut diagnostics);
    if !options.include_drafts {
        directives.retain(|d| !d.draft);
        pages.retain(|p| !p.draft);
    }
    let site = ValidSite {
        root: site.root,
        config,
        directives,
        pages,
        front_page,
    };
    (site, diagnostics)
}

/// Two pages may not share a URL: one would overwrite the other.
fn check_unique_urls(directives: &[Directive], pages: &[Page], diagnostics: &mut Diagnostics) {
    let all = directives
        .iter()
        .map(|d| (&d.url, &d.source_path))
        .chain(pages.iter().map(|p| (&p.url, &p.source_path)));
    let mut seen: HashMap<&str, &PathBuf> = HashMap::new();
    for (url, path) in all {
        if url::is_reserved(url) {
            diagnostics.push(Diagnostic::error(
                path,
                Position::START,
                format!("the URL {url} is the generator's own; rename the file or set `slug`"),
            ));
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
fn check_unique_numbers(directives: &[Directive], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<(String, String, i32), &Directive> = HashMap::new();
    for directive in directives {
        let Some(number) = &directive.number else {
            continue;
        };
        let key = (
            crate::link::number_key(number),
            vietnamese::fold(&directive.issuer),
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
