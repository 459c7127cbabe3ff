//! Stage 1, **load**: walk the site, read every content file, split off and
//! parse its front matter. Nothing here knows what a field means.

pub mod front_matter;
pub mod node;
mod plain_yaml;
pub mod source;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
pub use node::{Entry, Node, Value};

/// Where a content file sits decides what it is (the content contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `content/_index.md`: the front page's introduction.
    FrontPage,
    /// `content/pages/**.md`: a free-standing page.
    Page,
    /// Every other `.md` file.
    Directive,
}

/// One content file, read and split.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root (`content/2021/07-kl-tw.md`), for messages.
    pub path: PathBuf,
    /// Relative to `content/` (`2021/07-kl-tw.md`), for URLs.
    pub content_path: PathBuf,
    pub kind: SourceKind,
    pub front_matter: Option<Node>,
    pub body: String,
    pub body_line: usize,
}

/// Everything read from a site's folder.
#[derive(Debug, Clone)]
pub struct LoadedSite {
    pub root: PathBuf,
    /// `site.toml`, parsed but not yet interpreted.
    pub config: Option<Node>,
    pub files: Vec<SourceFile>,
}

pub const CONFIG_FILE: &str = "site.toml";
pub const CONTENT_DIR: &str = "content";

/// Folders nested deeper than this under `content/` are refused: no archive
/// needs them, and a runaway tree must not run forever.
const MAX_DEPTH: usize = 32;

/// Reads the site at `root`. Files that cannot be read are reported and left
/// out; the others are still read, so one bad file never hides the problems
/// of the rest.
pub fn load(root: &Path) -> (LoadedSite, Diagnostics) {
    load_inner(root, None).0
}

/// Files read by an earlier load, reused while unchanged on disk (by size
/// and modification time): `vanban serve` rereads only what an editor saved.
#[derive(Debug, Default)]
pub struct Cache {
    files: HashMap<PathBuf, (Stamp, SourceFile)>,
}

/// What tells that a file changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// One content file, from the cache or from the disk.
struct Reading {
    path: PathBuf,
    stamp: Option<Stamp>,
    result: Result<SourceFile, Diagnostic>,
    reread: bool,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// [`load`], reusing `cache`; also returns the content files that are new,
/// changed or gone since the cache was filled.
pub fn load_cached(root: &Path, cache: &mut Cache) -> ((LoadedSite, Diagnostics), Vec<PathBuf>) {
    load_inner(root, Some(cache))
}

/// Keeps copies of the files only when there is a cache to keep them in.
fn load_inner(
    root: &Path,
    mut cache: Option<&mut Cache>,
) -> ((LoadedSite, Diagnostics), Vec<PathBuf>) {
    let mut diagnostics = Diagnostics::new();
    let config = load_config(root, &mut diagnostics);
    let paths = content_paths(root, &mut diagnostics);
    let results: Vec<Reading> = paths
        .par_iter()
        .map(|relative| {
            // Only a cache needs to know when a file changed.
            let stamp = cache.as_ref().and_then(|_| stamp(&root.join(relative)));
            let cached = cache.as_ref().and_then(|c| c.files.get(relative));
            let (result, reread) = match cached {
                Some((before, file)) if Some(*before) == stamp => (Ok(file.clone()), false),
                _ => (read_source(root, relative), true),
            };
            Reading {
                path: relative.clone(),
                stamp,
                result,
                reread,
            }
        })
        .collect();
    let present: std::collections::HashSet<&PathBuf> = paths.iter().collect();
    let mut changed: Vec<PathBuf> = cache
        .as_ref()
        .map(|c| {
            c.files
                .keys()
                .filter(|p| !present.contains(p))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let mut fresh = HashMap::with_capacity(results.len());
    let mut files = Vec::with_capacity(results.len());
    for Reading {
        path: relative,
        stamp,
        result,
        reread,
    } in results
    {
        if reread {
            changed.push(relative.clone());
        }
        match result {
            Ok(file) => {
                if let (Some(stamp), Some(_)) = (stamp, &cache) {
                    fresh.insert(relative, (stamp, file.clone()));
                }
                files.push(file);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    if let Some(cache) = cache.as_mut() {
        cache.files = fresh;
    }
    let site = LoadedSite {
        root: root.to_owned(),
        config,
        files,
    };
    changed.sort();
    ((site, diagnostics), changed)
}

fn load_config(root: &Path, diagnostics: &mut Diagnostics) -> Option<Node> {
    let path = root.join(CONFIG_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                CONFIG_FILE,
                Position::START,
                format!("cannot read: {e}"),
            ));
            return None;
        }
    };
    let parsed = source::decode(bytes)
        .map_err(|e| (e.position, e.message))
        .and_then(|text| node::parse_toml(&text).map_err(|e| (e.position, e.message)));
    match parsed {
        Ok(node) => Some(node),
        Err((position, message)) => {
            diagnostics.push(Diagnostic::error(CONFIG_FILE, position, message));
            None
        }
    }
}

/// Every `.md` file below `content/`, relative to the root, sorted.
fn content_paths(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diagnostics.push(Diagnostic::error(
            CONTENT_DIR,
            Position::START,
            "no `content/` folder here; is --root the site's folder?",
        ));
        return Vec::new();
    }
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    let mut paths = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_markdown(entry.path()) => {
                if let Ok(relative) = entry.path().strip_prefix(root) {
                    paths.push(relative.to_owned());
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| PathBuf::from(CONTENT_DIR), Path::to_owned);
                let message = if error.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents".to_owned()
                } else {
                    format!(
                        "cannot read: {}",
                        error
                            .io_error()
                            .map_or_else(|| error.to_string(), |e| e.to_string())
                    )
                };
                diagnostics.push(Diagnostic::error(path, Position::START, message));
            }
        }
    }
    paths
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn read_source(root: &Path, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let full = root.join(relative);
    let error = |position, message: String| Diagnostic::error(relative, position, message);
    let size = std::fs::metadata(&full)
        .map_err(|e| error(Position::START, format!("cannot read: {e}")))?
        .len();
    if size > source::MAX_FILE_BYTES {
        return Err(error(
            Position::START,
            format!(
                "the file is {size} bytes; content files are limited to {} bytes",
                source::MAX_FILE_BYTES
            ),
        ));
    }
    let bytes =
        std::fs::read(&full).map_err(|e| error(Position::START, format!("cannot read: {e}")))?;
    let text = source::decode(bytes).map_err(|e| error(e.position, e.message))?;
    let split = front_matter::split(text).map_err(|e| error(e.position, e.message))?;
    let content_path = relative
        .strip_prefix(CONTENT_DIR)
        .unwrap_or(relative)
        .to_owned();
    Ok(SourceFile {
        kind: kind_of(&content_path),
        path: relative.to_owned(),
        content_path,
        front_matter: split.front_matter,
        body: split.body,
        body_line: split.body_line,
    })
}

fn kind_of(content_path: &Path) -> SourceKind {
    if content_path == Path::new("_index.md") {
        SourceKind::FrontPage
    } else if content_path.starts_with("pages") {
        SourceKind::Page
    } else {
        SourceKind::Directive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_contract() {
        assert_eq!(kind_of(Path::new("_index.md")), SourceKind::FrontPage);
        assert_eq!(kind_of(Path::new("pages/gioi-thieu.md")), SourceKind::Page);
        assert_eq!(kind_of(Path::new("pages/sub/x.md")), SourceKind::Page);
        assert_eq!(
            kind_of(Path::new("2021/07-kl-tw.md")),
            SourceKind::Directive
        );
        assert_eq!(kind_of(Path::new("2021/_index.md")), SourceKind::Directive);
    }
}
