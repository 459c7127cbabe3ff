//! The HTTP side of `vanban serve`: the built site as static files (only
//! files inside the output, with their MIME types, the site's 404 page, no
//! folder listings), and live reload over server-sent events.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Response, StatusCode, header};
use axum::middleware::Next;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use http_body_util::BodyExt;
use tokio::sync::broadcast;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use tower_http::services::{ServeDir, ServeFile};

use super::Freshness;

/// Where pages listen for news of the build.
const EVENTS_PATH: &str = "/__vanban/events";
const SCRIPT_PATH: &str = "/__vanban/live.js";

/// What open pages are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// A new build is in place: reload.
    Reload,
    /// The last change has errors (as `path:line:col: …` lines); the last
    /// good build is still served.
    Errors(Vec<String>),
}

/// The state pages share: what to say to a page that connects now, and
/// the channel for what happens next.
pub struct Live {
    sender: broadcast::Sender<News>,
    current: Mutex<Option<News>>,
}

impl Live {
    /// The state before the first build: nothing to tell pages yet.
    pub fn new() -> Arc<Live> {
        let (sender, _) = broadcast::channel(16);
        Arc::new(Live {
            sender,
            current: Mutex::new(None),
        })
    }

    /// Tells every open page; remembers errors for pages opened later.
    pub fn tell(&self, news: News) {
        if let Ok(mut current) = self.current.lock() {
            *current = match &news {
                News::Errors(_) => Some(news.clone()),
                News::Reload => None,
            };
        }
        // No page listening is not a failure.
        let _ = self.sender.send(news);
    }

    fn now(&self) -> Option<News> {
        self.current.lock().ok().and_then(|c| c.clone())
    }
}

fn event(news: &News) -> Event {
    match news {
        News::Reload => Event::default().event("reload").data("reload"),
        News::Errors(lines) => Event::default()
            .event("errors")
            .data(serde_json::Value::from(lines.clone()).to_string()),
    }
}

/// The served site: `output`'s files, plus the live-reload endpoints. A
/// request for a file that background work is re-rendering waits for it
/// (see [`Freshness`]).
pub fn router(output: PathBuf, live: Arc<Live>, freshness: Arc<Freshness>) -> Router {
    let not_found = Arc::new(output.join("404.html"));
    let files = ServeDir::new(&output)
        .append_index_html_on_directories(true)
        .not_found_service(ServeFile::new(not_found.as_path()));
    let files = Router::new()
        .fallback_service(files)
        .layer(axum::middleware::from_fn_with_state(
            freshness,
            when_current,
        ))
        .layer(axum::middleware::from_fn_with_state(
            not_found,
            unless_temporary,
        ));
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback_service(files)
        .layer(axum::middleware::map_response(inject_script))
        .with_state(live)
}

async fn when_current(
    axum::extract::State(freshness): axum::extract::State<Arc<Freshness>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    freshness.wait(request.uri().path()).await;
    next.run(request).await
}

/// Answers the site's 404 page for a file that serve is writing under a
/// temporary name (see [`crate::write::replace_file`]): it is no page of
/// the site, and may be cut short.
async fn unless_temporary(
    axum::extract::State(not_found): axum::extract::State<Arc<PathBuf>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    if !names_temporary_file(request.uri().path()) {
        return next.run(request).await;
    }
    let page = tokio::fs::read(not_found.as_path())
        .await
        .unwrap_or_default();
    let mut response = Response::new(Body::from(page));
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// Whether a URL path leads, once decoded as the file service decodes it,
/// through a temporary name.
fn names_temporary_file(path: &str) -> bool {
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    decoded.split('/').any(crate::write::is_temporary_name)
}

async fn events(
    axum::extract::State(live): axum::extract::State<Arc<Live>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let first = tokio_stream::iter(live.now().map(|news| Ok(event(&news))));
    let next = BroadcastStream::new(live.sender.subscribe())
        .filter_map(|news| news.ok().map(|news| Ok(event(&news))));
    Sse::new(first.chain(next)).keep_alive(KeepAlive::default())
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_SCRIPT,
    )
}

/// Adds the live-reload script to every HTML page served.
async fn inject_script(response: Response<Body>) -> Response<Body> {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(collected) = body.collect().await else {
        // The file could not be read to its end: an error, rather than a
        // page that looks whole and is not.
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    let mut html = String::from_utf8_lossy(&collected.to_bytes()).into_owned();
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tag),
        None => html.push_str(&tag),
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(html))
}

/// Reloads on a new build; shows errors over the page until they are fixed.
const LIVE_SCRIPT: &str = r#"(function () {
  "use strict";
  var source = new EventSource("/__vanban/events");
  var box = null;
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (event) {
    var lines = JSON.parse(event.data);
    if (!box) {
      box = document.createElement("div");
      box.id = "vanban-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#ffd7d7;font:14px/1.45 monospace;padding:12px 16px;border-top:4px solid #e03131;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "vanban: lỗi trong nội dung, trang đang hiển thị bản dựng tốt gần nhất\n\n" + lines.join("\n");
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_found_however_the_path_is_written() {
        assert!(names_temporary_file("/2021/a/.index.html.tmp-12-3"));
        assert!(names_temporary_file("/2021/a/%2Eindex.html%2etmp-12-3"));
        assert!(names_temporary_file("/.style.css.tmp-1-0"));
        assert!(names_temporary_file("/2021%2F.index.html.tmp-1-0"));
        assert!(!names_temporary_file("/2021/a/"));
        assert!(!names_temporary_file("/.well-known/security.txt"));
        assert!(!names_temporary_file("/tmp-notes/"));
    }
}
