//! A file's size and modification time, as it was read: how the stages
//! tell that a file changed since.

use std::path::Path;
use std::time::SystemTime;

/// What tells that a file changed: `vanban serve` rereads a file only when
/// its size or modification time moved, and a body is read again for its
/// page only if neither did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    /// `None` if the file cannot be read.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|meta| Stamp::from(&meta))
    }
}

impl From<&std::fs::Metadata> for Stamp {
    fn from(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}
