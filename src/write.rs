//! Stage 5, **write**: output goes to a staging folder beside the output
//! folder and is swapped in only when the whole build succeeded, so a
//! failed build leaves the previous output as it was.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use thiserror::Error;

use crate::render::{Contents, OutputFile};

/// Each names the path it is about apart from its message, so the
/// command prints it first (`path: error: …`), as compilers print a
/// problem of a whole file.
#[derive(Debug, Error)]
pub enum WriteError {
    /// The file system refused to create, write or move a file or folder.
    #[error("cannot write: {source}")]
    Io {
        /// The file or folder being written.
        path: PathBuf,
        /// What the file system said.
        source: io::Error,
    },
    /// An output file's path would lead outside the output folder.
    #[error("refusing to write this file: the path leaves the output folder")]
    Escapes(PathBuf),
    /// The output folder holds files but is not an earlier build's output,
    /// so it is not replaced.
    #[error(
        "refusing to replace this folder: it is not empty and holds no directives.json, so it does not look like vanban's output; choose another --output or empty it"
    )]
    NotOurs(PathBuf),
    /// The output folder is the site's folder or one of its source folders,
    /// or holds one of them.
    #[error("refusing to use this folder as the output folder: it would overwrite {what}")]
    Overlaps {
        /// The output folder asked for.
        output: PathBuf,
        /// Which of the site's folders it would overwrite.
        what: String,
    },
    /// Another build holds the output folder's lock.
    #[error(
        "another build is writing this folder now; run this one again when it has finished (two at once would each clear the other's work)"
    )]
    Busy(PathBuf),
}

impl WriteError {
    /// The file or folder the problem is about.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Io { path, .. }
            | WriteError::Escapes(path)
            | WriteError::NotOurs(path)
            | WriteError::Overlaps { output: path, .. }
            | WriteError::Busy(path) => path,
        }
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// A folder being filled beside the output; dropped without
/// [`Staging::publish`], it is removed and the output is untouched.
#[derive(Debug)]
pub(crate) struct Staging {
    output: PathBuf,
    dir: PathBuf,
    published: bool,
    /// Held until the staging folder is swapped in or removed (fields are
    /// dropped after [`Drop::drop`]).
    _lock: OutputLock,
}

/// A build's exclusive hold on an output folder: an advisory lock on
/// `.<name>.lock` beside it, taken before anything is touched and given up
/// (the file removed) after the swap or the clean-up. A build that ends
/// any other way, killed, leaves the file, but its lock ends with it.
#[derive(Debug)]
struct OutputLock {
    path: PathBuf,
    file: fs::File,
}

impl OutputLock {
    fn acquire(output: &Path) -> Result<OutputLock, WriteError> {
        use std::os::unix::fs::MetadataExt;
        let path = sibling(output, "lock");
        if let Some(parent) = output.parent() {
            fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_error(&path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(WriteError::Busy(output.to_owned())),
            Err(fs::TryLockError::Error(e)) => return Err(io_error(&path)(e)),
        }
        // The holder removes the file before letting go: a lock taken on
        // a file that is no longer at the path was taken too late.
        let held = file.metadata().map_err(io_error(&path))?;
        match fs::metadata(&path) {
            Ok(current) if current.ino() == held.ino() && current.dev() == held.dev() => {
                Ok(OutputLock { path, file })
            }
            _ => Err(WriteError::Busy(output.to_owned())),
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, then unlocked as the file closes.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

impl Staging {
    /// Creates `.<name>.staging` next to `output` (an old one left by a
    /// crash is cleared first), or refuses while another build holds the
    /// output.
    pub(crate) fn create(root: &Path, output: &Path) -> Result<Staging, WriteError> {
        check_output(root, output)?;
        // Before anything is touched: the staging folder of a build
        // running now is not one left by a crash.
        let lock = OutputLock::acquire(output)?;
        let dir = sibling(output, "staging");
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_error(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_error(&dir))?;
        Ok(Staging {
            output: output.to_owned(),
            dir,
            published: false,
            _lock: lock,
        })
    }

    /// Writes one file; safe to call from many threads at once.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        write_file(&self.dir, file)
    }

    /// Swaps the staging folder in for the output folder.
    pub(crate) fn publish(mut self) -> Result<(), WriteError> {
        if self.output.exists() {
            swap(&self.dir, &self.output)?;
            // After the swap the staging path holds the previous output.
            remove_tree(&self.dir).map_err(io_error(&self.dir))?;
        } else {
            fs::rename(&self.dir, &self.output).map_err(io_error(&self.output))?;
        }
        self.published = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            // Best effort: a staging folder left behind is cleared by the
            // next build anyway.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes a previous output: its top-level entries in parallel (an
/// archive's pages are in a few large year folders), one task each, so
/// that two large folders side by side are not one worker's share.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().with_max_len(1).try_for_each(|entry| {
        // The entry's own type: a link is removed, never followed.
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Writes `file` below `dir`, never outside it; safe to call from many
/// threads at once.
pub(crate) fn write_file(dir: &Path, file: &OutputFile) -> Result<(), WriteError> {
    let relative = confined(&file.path)?;
    let target = dir.join(relative);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    write_contents(&target, &target, &file.contents)
}

/// Writes `contents` at `at`; an error names `target`, the file's place
/// in the output (or the source a copy could not read).
fn write_contents(at: &Path, target: &Path, contents: &Contents) -> Result<(), WriteError> {
    match contents {
        Contents::Bytes(bytes) => fs::write(at, bytes).map_err(io_error(target)),
        Contents::Pieces(pieces) => write_pieces(at, pieces).map_err(io_error(target)),
        Contents::Copy(source) => fs::copy(source, at).map(drop).map_err(io_error(source)),
    }
}

/// Writes `file` below `dir` as [`write_file`] does, but so that whoever
/// reads the target meanwhile gets the previous file or the new one,
/// whole: the new one is written beside it under a hidden temporary name
/// (`.index.html.tmp-<pid>-<n>`) and renamed over it, which POSIX makes
/// atomic. `vanban serve` writes the folder it is serving this way.
pub(crate) fn replace_file(dir: &Path, file: &OutputFile) -> Result<(), WriteError> {
    let relative = confined(&file.path)?;
    let target = dir.join(relative);
    let Some(parent) = target.parent() else {
        return Err(WriteError::Escapes(file.path.clone()));
    };
    fs::create_dir_all(parent).map_err(io_error(parent))?;
    let temporary = temporary_beside(&target);
    let written = write_contents(&temporary, &target, &file.contents);
    let replaced =
        written.and_then(|()| fs::rename(&temporary, &target).map_err(io_error(&target)));
    if replaced.is_err() {
        // Best effort: a temporary file left anyway is no page of the
        // site, so the next sweep removes it.
        let _ = fs::remove_file(&temporary);
    }
    replaced
}

/// Whether `name` is one [`replace_file`] writes before renaming it: such
/// a file is never part of the site.
pub(crate) fn is_temporary_name(name: &str) -> bool {
    name.starts_with('.') && name.contains(TEMPORARY_MARK)
}

const TEMPORARY_MARK: &str = ".tmp-";

/// A name in `target`'s folder that no other write uses: this process's
/// id and a count, so two writers, in this process or another, never
/// share one.
fn temporary_beside(target: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let count = COUNT.fetch_add(1, Ordering::Relaxed);
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(
        ".{name}{TEMPORARY_MARK}{}-{count}",
        std::process::id()
    ))
}

fn write_pieces(target: &Path, pieces: &[crate::render::Piece]) -> io::Result<()> {
    use io::Write;
    let mut file = io::BufWriter::with_capacity(256 * 1024, fs::File::create(target)?);
    for piece in pieces {
        file.write_all(piece.bytes())?;
    }
    file.flush()
}

/// Removes every file below `dir` that is not in `keep` (paths relative to
/// `dir`), then the folders that leaves empty: after an incremental
/// rebuild, the pages of terms, pagination and directives that no longer
/// exist. Links are removed, never followed.
pub(crate) fn sweep(dir: &Path, keep: &HashSet<PathBuf>) -> Result<(), WriteError> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .contents_first(true)
        .min_depth(1);
    for entry in walker {
        let entry = entry.map_err(|e| WriteError::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into(),
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            // Not empty: something in it is kept.
            let _ = fs::remove_dir(path);
        } else if path.strip_prefix(dir).is_ok_and(|p| !keep.contains(p)) {
            fs::remove_file(path).map_err(io_error(path))?;
        }
    }
    Ok(())
}

/// Exchanges two folders atomically where the system can (Linux's
/// `renameat2(RENAME_EXCHANGE)`); elsewhere, by two renames.
fn swap(staging: &Path, output: &Path) -> Result<(), WriteError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let old = sibling(output, "old");
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_error(&old))?;
    }
    fs::rename(output, &old).map_err(io_error(output))?;
    fs::rename(staging, output).map_err(io_error(output))?;
    fs::rename(&old, staging).map_err(io_error(staging))
}

/// `.public.staging` beside `public`.
fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// A relative path with no `..`, root or prefix: it stays inside.
fn confined(path: &Path) -> Result<&Path, WriteError> {
    let inside = path.components().all(|c| matches!(c, Component::Normal(_)));
    if inside && !path.as_os_str().is_empty() {
        Ok(path)
    } else {
        Err(WriteError::Escapes(path.to_owned()))
    }
}

/// The output may not be the site, its content or a parent of them, and an
/// existing folder is only replaced if it is a previous output.
fn check_output(root: &Path, output: &Path) -> Result<(), WriteError> {
    let output_abs = absolute(output);
    let root_abs = absolute(root);
    for (what, protected) in [
        ("the site root", root_abs.clone()),
        ("content/", root_abs.join(crate::load::CONTENT_DIR)),
        ("themes/", root_abs.join("themes")),
        ("templates/", root_abs.join("templates")),
        ("static/", root_abs.join("static")),
    ] {
        if protected.starts_with(&output_abs) {
            return Err(WriteError::Overlaps {
                output: output.to_owned(),
                what: what.to_owned(),
            });
        }
    }
    if output.is_dir() {
        let mut entries = fs::read_dir(output).map_err(io_error(output))?;
        let empty = entries.next().is_none();
        if !empty && !output.join("directives.json").is_file() {
            return Err(WriteError::NotOurs(output.to_owned()));
        }
    } else if output.exists() {
        return Err(WriteError::NotOurs(output.to_owned()));
    }
    Ok(())
}

/// The absolute, lexically normalised form of `path` (the folders need not
/// exist yet, so it cannot be canonicalised; existing parts are).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    // Resolve symbolic links in the part that exists.
    let mut existing = normal.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(std::ffi::OsStr::to_owned),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_owned();
            }
            _ => return normal,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_are_refused() {
        assert!(confined(Path::new("a/b.html")).is_ok());
        assert!(confined(Path::new("../x")).is_err());
        assert!(confined(Path::new("/etc/passwd")).is_err());
        assert!(confined(Path::new("a/../../x")).is_err());
        assert!(confined(Path::new("")).is_err());
    }

    #[test]
    fn a_replaced_file_is_whole_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        for text in ["trang cũ", "trang mới"] {
            let file = OutputFile {
                path: "2021/a/index.html".into(),
                contents: Contents::Bytes(text.as_bytes().to_vec()),
            };
            replace_file(dir.path(), &file).unwrap();
        }
        let folder = dir.path().join("2021/a");
        assert_eq!(
            fs::read_to_string(folder.join("index.html")).unwrap(),
            "trang mới"
        );
        let names: Vec<_> = fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("index.html")]);
        assert!(is_temporary_name(
            &temporary_beside(&folder.join("index.html"))
                .file_name()
                .unwrap()
                .to_string_lossy()
        ));
    }

    #[test]
    fn output_may_not_hold_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(matches!(
            check_output(&root, &root),
            Err(WriteError::Overlaps { .. })
        ));
        assert!(matches!(
            check_output(&root, dir.path()),
            Err(WriteError::Overlaps { .. })
        ));
        assert!(matches!(
            check_output(&root, &root.join("content")),
            Err(WriteError::Overlaps { .. })
        ));
        assert!(check_output(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn a_foreign_folder_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), b"x").unwrap();
        assert!(matches!(
            check_output(dir.path(), &out),
            Err(WriteError::NotOurs(_))
        ));
    }

    #[test]
    fn staging_swaps_in_and_keeps_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for round in 0..2 {
            let staging = Staging::create(dir.path(), &out).unwrap();
            let file = OutputFile {
                path: format!("f{round}.html").into(),
                contents: Contents::Bytes(b"x".to_vec()),
            };
            staging.write(&file).unwrap();
            let json = OutputFile {
                path: "directives.json".into(),
                contents: Contents::Bytes(b"[]".to_vec()),
            };
            staging.write(&json).unwrap();
            staging.publish().unwrap();
        }
        assert!(out.join("f1.html").exists());
        assert!(!out.join("f0.html").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn two_builds_cannot_write_one_output_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::create(dir.path(), &out).unwrap();
        let second = Staging::create(dir.path(), &out);
        assert!(
            matches!(&second, Err(WriteError::Busy(path)) if *path == out),
            "{second:?}"
        );
        // The refused build cleared nothing of the first one's.
        assert!(first.dir.is_dir());
        drop(first);
        assert!(Staging::create(dir.path(), &out).is_ok());
    }

    #[test]
    fn an_abandoned_staging_leaves_the_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("directives.json"), b"old").unwrap();
        {
            let staging = Staging::create(dir.path(), &out).unwrap();
            let file = OutputFile {
                path: "directives.json".into(),
                contents: Contents::Bytes(b"new".to_vec()),
            };
            staging.write(&file).unwrap();
        }
        assert_eq!(fs::read(out.join("directives.json")).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
