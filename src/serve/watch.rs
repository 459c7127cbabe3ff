//! Watching the site's sources for changes, debounced: an editor's save is
//! often several file events.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{EventKind, ModifyKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::{CONFIG_FILE, CONTENT_DIR};

/// Folders of the site whose changes matter.
const WATCHED: &[&str] = &[CONTENT_DIR, "themes", "templates", "static"];

/// A batch of changes: the paths that changed.
#[derive(Debug, Default)]
pub struct Changes {
    /// Every file or folder that changed, as the watcher named it.
    pub paths: Vec<PathBuf>,
}

/// The watch on a site: folders that appear later (a first `templates/`)
/// are watched from the next [`Watcher::refresh`] on.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Watches the site's folders that exist now and are not watched yet.
    pub fn refresh(&mut self) -> notify::Result<()> {
        for folder in WATCHED {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer.watch(&path, RecursiveMode::Recursive)?;
                self.watched.push(path);
            }
        }
        Ok(())
    }
}

/// Starts watching `root`; batches of changes arrive on the receiver. The
/// watcher stops when the returned value is dropped.
pub fn watch(
    root: &Path,
    debounce: Duration,
) -> notify::Result<(Watcher, mpsc::Receiver<Changes>)> {
    let (sender, receiver) = mpsc::channel();
    let root_owned = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let content = root_owned.join(CONTENT_DIR);
    let config = root_owned.join(CONFIG_FILE);
    let mut debouncer = new_debouncer(debounce, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let mut changes = Changes::default();
        for event in events {
            // Reading files (as every build does) is not a change.
            let writes = matches!(
                event.kind,
                EventKind::Create(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(
                        ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any
                    )
            );
            if !writes {
                continue;
            }
            for path in &event.paths {
                let relevant = path.starts_with(&content)
                    || *path == config
                    || WATCHED[1..]
                        .iter()
                        .any(|w| path.starts_with(root_owned.join(w)));
                if relevant {
                    changes.paths.push(path.clone());
                }
            }
        }
        if !changes.paths.is_empty() {
            let _ = sender.send(changes);
        }
    })?;
    // site.toml, and the folders, may be created later: watch the root
    // itself, shallowly.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    let mut watcher = Watcher {
        debouncer,
        root: root.to_owned(),
        watched: Vec::new(),
    };
    watcher.refresh()?;
    Ok((watcher, receiver))
}
