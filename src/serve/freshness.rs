//! Which served files are current. While the pages that list a changed
//! directive are re-rendered in the background, a request for one of
//! them waits until they are written; the directive pages and static
//! files, already current, are served at once.

use std::collections::HashSet;
use std::sync::Arc;

use tokio::sync::watch;

/// `None` when everything is current; else the output files that are.
type State = Option<Arc<HashSet<String>>>;

pub struct Freshness {
    state: watch::Sender<State>,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            state: watch::Sender::new(None),
        }
    }
}

impl Freshness {
    /// Background work starts: only `current` (output files, relative to
    /// the output folder) may be served until [`Freshness::end`].
    pub(crate) fn begin(&self, current: HashSet<String>) {
        self.state.send_replace(Some(Arc::new(current)));
    }

    /// Everything is current again.
    pub(crate) fn end(&self) {
        self.state.send_replace(None);
    }

    /// Whether the file a request for `path` gets may be served now.
    #[cfg(test)]
    fn is_current(&self, path: &str) -> bool {
        is_current(&self.state.borrow(), path)
    }

    /// Returns once the file a request for `path` (a URL path) gets is
    /// current.
    pub(crate) async fn wait(&self, path: &str) {
        let mut receiver = self.state.subscribe();
        // The sender lives as long as `self`: waiting cannot fail.
        let _ = receiver.wait_for(|state| is_current(state, path)).await;
    }
}

fn is_current(state: &State, path: &str) -> bool {
    state
        .as_ref()
        .is_none_or(|current| current.contains(&file_of(path)))
}

/// The output file a URL path is served from: `/2021/a/` and `/2021/a`
/// are `2021/a/index.html`.
fn file_of(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else if last.contains('.') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_the_files_served() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/2021/a/"), "2021/a/index.html");
        assert_eq!(file_of("/2021/a"), "2021/a/index.html");
        assert_eq!(file_of("/style.css"), "style.css");
        assert_eq!(file_of("/timeline/"), "timeline/index.html");
    }

    #[test]
    fn only_the_current_files_pass_while_work_is_pending() {
        let freshness = Freshness::default();
        assert!(freshness.is_current("/timeline/"));
        freshness.begin(["2021/a/index.html".to_owned(), "style.css".to_owned()].into());
        assert!(freshness.is_current("/2021/a/"));
        assert!(freshness.is_current("/style.css"));
        assert!(!freshness.is_current("/timeline/"));
        assert!(!freshness.is_current("/"));
        freshness.end();
        assert!(freshness.is_current("/timeline/"));
    }

    #[tokio::test]
    async fn a_waiting_request_goes_on_when_the_work_ends() {
        let freshness = Arc::new(Freshness::default());
        freshness.begin(HashSet::new());
        let waiter = {
            let freshness = Arc::clone(&freshness);
            tokio::spawn(async move { freshness.wait("/timeline/").await })
        };
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        freshness.end();
        waiter.await.unwrap();
    }
}
