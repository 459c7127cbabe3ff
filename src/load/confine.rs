//! Confined reading: nothing outside the site's folder is read.
//!
//! A symbolic link under `content/`, `static/`, `templates/` or `themes/`,
//! or `site.toml` itself, may point anywhere on the machine that builds the
//! site, and a pull request built by CI for a preview can add one: the
//! build would publish whatever file it points to. So a link is followed
//! only once its target, every link on the way resolved, is found inside
//! the site's folder (itself resolved once, so a site reached through a
//! link still builds) and is a regular file or folder; a FIFO, socket or
//! device is refused without being opened, since opening a FIFO blocks.
//!
//! Ordinary files and folders cost nothing more than before: the walk
//! learns from the folder listing that an entry is no link, and only links
//! are resolved.
//!
//! What remains: a path is checked, then opened by its name. Someone who
//! can change the site's folder while a build runs could swap a checked
//! file for a link in between; such a person already decides what the
//! build reads. A link committed to the repository, which is what a pull
//! request brings, is refused. Content, template and `site.toml` files are
//! at least opened without waiting ([`open_file`]), so a FIFO swapped in
//! cannot hang the build; static files are copied later by
//! `write::write_file`, with the standard copy, which such a FIFO would
//! hold up.

use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Position};

/// Folders nested deeper than this below the folder walked are not walked:
/// no site needs them, and a runaway tree (links inside the site to the
/// same folder, many times over) must not run forever.
const MAX_DEPTH: usize = 32;

const OUTSIDE: &str = "symbolic link pointing outside the site's folder: refused, since nothing outside the site is read";
const NOT_REGULAR: &str = "not a regular file (a folder, FIFO, socket or device): refused";
const LOOP: &str = "symbolic link loop: this folder links back to one of its parents";

/// The site's folder, resolved once; every path read is checked against it.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    canonical: PathBuf,
}

/// What a path is once its links are followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    File,
    Folder,
    /// A FIFO, socket or device: never opened.
    Special,
}

impl Kind {
    fn of(file_type: fs::FileType) -> Kind {
        if file_type.is_file() {
            Kind::File
        } else if file_type.is_dir() {
            Kind::Folder
        } else {
            Kind::Special
        }
    }
}

/// A path inside the site, its links followed.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub(crate) kind: Kind,
    /// Where it really is: no link left in it.
    pub(crate) path: PathBuf,
}

/// A regular file found by [`Root::walk`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// As found, relative to the site's folder (a link's own path), for
    /// messages and output paths.
    pub(crate) relative: PathBuf,
    /// What to open: the file itself, or the checked target of a link.
    pub(crate) path: PathBuf,
}

/// How [`Root::walk`] chooses what it reports.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Walk {
    /// Whether names starting with a dot are passed over, folders included.
    pub(crate) skip_hidden: bool,
    /// Whether a file (its path relative to the site) is wanted; one that
    /// is not is neither reported nor, if special, refused.
    pub(crate) wanted: fn(&Path) -> bool,
}

impl Root {
    pub(crate) fn new(root: &Path) -> Root {
        // A root that cannot be resolved holds nothing that can be read:
        // the walk of `content/` says so.
        let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
        Root { canonical }
    }

    /// What `relative` (to the site's folder) is, every link on the way
    /// followed; `None` if nothing is there. An error names the first part
    /// of `relative` that leads outside the site.
    pub(crate) fn check(&self, relative: &Path) -> Result<Option<Resolved>, Diagnostic> {
        let path = self.canonical.join(relative);
        match fs::canonicalize(&path) {
            Ok(target) => self.inside(relative, target).map(Some),
            // A dangling link is an error; only a path with nothing at
            // its end is missing.
            Err(e)
                if is_missing(&e) && fs::symlink_metadata(&path).is_err_and(|e| is_missing(&e)) =>
            {
                Ok(None)
            }
            Err(e) => Err(cannot_read(relative, &e)),
        }
    }

    /// `target`, the resolved form of `relative`, if it is inside the site.
    fn inside(&self, relative: &Path, target: PathBuf) -> Result<Resolved, Diagnostic> {
        if !target.starts_with(&self.canonical) {
            return Err(Diagnostic::error(
                self.first_outside(relative),
                Position::START,
                OUTSIDE,
            ));
        }
        // Resolved, so this follows no link.
        let meta = fs::symlink_metadata(&target).map_err(|e| cannot_read(relative, &e))?;
        Ok(Resolved {
            kind: Kind::of(meta.file_type()),
            path: target,
        })
    }

    /// The shortest leading part of `relative` that resolves outside the
    /// site: the link to name. Only asked once a path was found outside.
    fn first_outside(&self, relative: &Path) -> PathBuf {
        let mut part = PathBuf::new();
        for component in relative.components() {
            part.push(component);
            if fs::canonicalize(self.canonical.join(&part))
                .is_ok_and(|p| !p.starts_with(&self.canonical))
            {
                return part;
            }
        }
        relative.to_owned()
    }

    /// Every wanted regular file below `folder` (relative to the site's
    /// folder), in order of their paths, links inside the site followed
    /// and every other link refused; `None` if there is no such folder.
    pub(crate) fn walk(
        &self,
        folder: &Path,
        walk: Walk,
        diagnostics: &mut Diagnostics,
    ) -> Option<Vec<Found>> {
        let start = match self.check(folder) {
            Ok(Some(start)) if start.kind == Kind::Folder => start,
            Ok(_) => return None,
            Err(refused) => {
                diagnostics.push(refused);
                return Some(Vec::new());
            }
        };
        let mut walker = Walker {
            root: self,
            walk,
            found: Vec::new(),
            diagnostics,
            ancestors: Vec::new(),
        };
        walker.folder(folder, &start.path, 0);
        Some(walker.found)
    }
}

/// One walk under way.
struct Walker<'w> {
    root: &'w Root,
    walk: Walk,
    found: Vec<Found>,
    diagnostics: &'w mut Diagnostics,
    /// The resolved folders from the start down to the one being listed: a
    /// link to one of them is a loop.
    ancestors: Vec<PathBuf>,
}

impl Walker<'_> {
    /// The entries of the folder at `path`, found as `relative`, by name.
    fn folder(&mut self, relative: &Path, path: &Path, depth: usize) {
        let entries = fs::read_dir(path).and_then(Iterator::collect::<io::Result<Vec<_>>>);
        let mut entries = match entries {
            Ok(entries) => entries,
            Err(e) => {
                self.diagnostics.push(cannot_read(relative, &e));
                return;
            }
        };
        entries.sort_by_key(fs::DirEntry::file_name);
        self.ancestors.push(path.to_owned());
        for entry in entries {
            self.entry(relative, path, &entry, depth + 1);
        }
        self.ancestors.pop();
    }

    /// One entry of the folder at `parent` (found as `parent_relative`),
    /// `depth` below the start.
    fn entry(&mut self, parent_relative: &Path, parent: &Path, entry: &fs::DirEntry, depth: usize) {
        let name = entry.file_name();
        if self.walk.skip_hidden && is_hidden(&name) {
            return;
        }
        let relative = parent_relative.join(&name);
        // From the listing itself on most file systems: no system call.
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(e) => return self.diagnostics.push(cannot_read(&relative, &e)),
        };
        let is_link = file_type.is_symlink();
        let (kind, path) = if is_link {
            let resolved = fs::canonicalize(parent.join(&name))
                .map_err(|e| cannot_read(&relative, &e))
                .and_then(|target| self.root.inside(&relative, target));
            match resolved {
                Ok(resolved) => (resolved.kind, resolved.path),
                Err(refused) => return self.diagnostics.push(refused),
            }
        } else {
            (Kind::of(file_type), parent.join(&name))
        };
        match kind {
            Kind::Folder if is_link && self.ancestors.contains(&path) => self
                .diagnostics
                .push(Diagnostic::error(relative, Position::START, LOOP)),
            Kind::Folder if depth < MAX_DEPTH => self.folder(&relative, &path, depth),
            Kind::File if (self.walk.wanted)(&relative) => {
                self.found.push(Found { relative, path });
            }
            Kind::Special if (self.walk.wanted)(&relative) => self
                .diagnostics
                .push(Diagnostic::error(relative, Position::START, NOT_REGULAR)),
            Kind::Folder | Kind::File | Kind::Special => {}
        }
    }
}

/// Opens `path` (shown as `relative`) to read it if it is a regular file.
/// Checked paths lead to regular files, but one may have been swapped
/// since: opened without waiting, a FIFO put there cannot hang the build,
/// and anything not a regular file is refused before it is read.
pub(crate) fn open_file(
    path: &Path,
    relative: &Path,
) -> Result<(fs::File, fs::Metadata), Diagnostic> {
    let cannot = |e: io::Error| cannot_read(relative, &e);
    // Every file opened was found by the walk first: one not found now
    // was removed since.
    let file = open_without_waiting(path).map_err(|e| {
        if is_missing(&e) {
            Diagnostic::error(
                relative,
                Position::START,
                "the file was removed while the site was being built; build again",
            )
        } else {
            cannot(e)
        }
    })?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(relative));
    }
    Ok((file, meta))
}

/// The bytes of the regular file at `path` (shown as `relative`), opened
/// as [`open_file`] does.
pub(crate) fn read_file(path: &Path, relative: &Path) -> Result<Vec<u8>, Diagnostic> {
    let (mut file, meta) = open_file(path, relative)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| cannot_read(relative, &e))?;
    Ok(bytes)
}

#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    // Non-blocking affects only FIFOs and devices; a regular file reads
    // as usual.
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(fs::File::from(rustix::fs::open(
        path,
        flags,
        Mode::empty(),
    )?))
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// The error for `relative`, which is there but not a regular file.
pub(crate) fn not_regular(relative: &Path) -> Diagnostic {
    Diagnostic::error(relative, Position::START, NOT_REGULAR)
}

/// The error for `relative`, which could not be read.
pub(crate) fn cannot_read(relative: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::error(relative, Position::START, format!("cannot read: {error}"))
}

fn is_missing(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::NotFound
}

fn is_hidden(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn walk_all(root: &Path) -> (Vec<String>, Vec<String>) {
        let mut diagnostics = Diagnostics::new();
        let walk = Walk {
            skip_hidden: true,
            wanted: |_| true,
        };
        let found = Root::new(root)
            .walk(Path::new("content"), walk, &mut diagnostics)
            .unwrap_or_default();
        let found = found
            .iter()
            .map(|f| crate::diagnostic::display_path(&f.relative))
            .collect();
        let problems = diagnostics.iter().map(ToString::to_string).collect();
        (found, problems)
    }

    #[test]
    fn files_come_in_order_of_their_paths_hidden_ones_left_out() {
        let root = tempfile::tempdir().unwrap();
        for file in [
            "content/b.md",
            "content/a-b.md",
            "content/a/z.md",
            "content/.git/x",
        ] {
            let path = root.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let (found, problems) = walk_all(root.path());
        assert_eq!(found, ["content/a/z.md", "content/a-b.md", "content/b.md"]);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_loop_through_two_links_is_found() {
        // x/to-y leads to y, whose to-x leads back to x: no link points
        // at its own parent, yet walking them never ends.
        let root = tempfile::tempdir().unwrap();
        let content = root.path().join("content");
        fs::create_dir_all(content.join("x")).unwrap();
        fs::create_dir_all(content.join("y")).unwrap();
        fs::write(content.join("x/a.md"), "x").unwrap();
        symlink("../y", content.join("x/to-y")).unwrap();
        symlink("../x", content.join("y/to-x")).unwrap();
        let (_, problems) = walk_all(root.path());
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("content/x/to-y/to-x:1:1: error: symbolic link loop")),
            "{problems:?}"
        );
    }

    #[test]
    fn the_link_named_is_the_one_that_leads_out() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join("themes")).unwrap();
        fs::create_dir_all(outside.path().join("templates")).unwrap();
        symlink(outside.path(), root.path().join("themes/t")).unwrap();
        let refused = Root::new(root.path())
            .check(Path::new("themes/t/templates"))
            .unwrap_err();
        assert_eq!(refused.path, Path::new("themes/t"));
        assert!(
            !refused
                .to_string()
                .contains(&*outside.path().to_string_lossy())
        );
    }
}
