//! `vanban serve` under load, on loopback: a hundred clients read pages,
//! assets, the search index and the event stream for twenty seconds while
//! a directive is saved fifty times, some saves broken and some fixed.
//! No response may fail, be a server error, or be a page half-written,
//! empty or from two saves; once the last save is reported every client
//! reads it; the server's memory does not grow with the connections.
//! Requests per second and latency are printed (`-- --nocapture`), never
//! asserted on.
//!
//! A test binary of its own, not a module of `tests/it/`: cargo runs test
//! binaries one after another, so nothing else runs while it does. In the
//! shared binary the tests beside it would compete with its hundred
//! clients and the server for the machine's cores, slowing them towards
//! their own deadlines and making the rates it prints measure them too;
//! and its hang guard ends the whole process (`std::process::exit`) when
//! it is stuck, which would end every test running beside it, unreported.

// Only some of the helpers are used here.
#[allow(dead_code)]
#[path = "it/common.rs"]
mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::net::{Shutdown, SocketAddr};
use std::path::Path;
use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use common::Site;

/// Readers at once.
const CLIENTS: usize = 100;
/// One client in this many also holds the event stream open throughout.
const HOLDS_EVENTS_EVERY: usize = 10;
/// How long the readers read while the directive is saved.
const LOAD: Duration = Duration::from_secs(20);
/// Saves of the directive; the last is a good one, the one before broken.
const SAVES: usize = 50;
/// After this, the whole test counts as hung: serve is killed and the
/// test fails.
const DEADLINE: Duration = Duration::from_secs(180);
/// How much the server's resident memory may grow from the warm-up to
/// the end: far more than any cache it keeps, far less than a hundred
/// clients' worth of kept connections over twenty seconds.
const MEMORY_GROWTH_KB: u64 = 64 * 1024;
/// The directive saved, and its page.
const SAVED: &str = "content/2021/07-kl-tw.md";
const SAVED_PAGE: &str = "/2021/07-kl-tw/";
/// What every good and broken save carries, followed by its number.
const MARKER: &str = "Lần lưu ";
const LIVE_TAG: &str = "<script src=\"/__vanban/live.js\"></script>";

/// A running `vanban serve`, killed when dropped or when the test hangs.
struct Server {
    child: Arc<Mutex<Child>>,
    pid: u32,
    port: u16,
    // Holds the server's temporary folder, removed after the server stops.
    _tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(mut child) = self.child.lock() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn serve(site: &Site) -> Server {
    let served = site.root().join("served");
    let served = served.to_str().expect("a UTF-8 path");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (child, port) = common::start_serve(site.root(), &["--output", served], tmp.path());
    let pid = child.id();
    Server {
        child: Arc::new(Mutex::new(child)),
        pid,
        port,
        _tmp: tmp,
    }
}

/// Kills the server once `DEADLINE` has passed unless `done` is set; the
/// test then fails on what its clients saw, or, if it is stuck even so,
/// the process ends.
fn hang_guard(server: &Server, done: Arc<AtomicBool>) -> Arc<AtomicBool> {
    let hung = Arc::new(AtomicBool::new(false));
    let (child, flag) = (Arc::clone(&server.child), Arc::clone(&hung));
    std::thread::spawn(move || {
        let started = Instant::now();
        while !done.load(Ordering::SeqCst) {
            if started.elapsed() > DEADLINE {
                flag.store(true, Ordering::SeqCst);
                if let Ok(mut child) = child.lock() {
                    let _ = child.kill();
                }
                std::thread::sleep(Duration::from_secs(60));
                if !done.load(Ordering::SeqCst) {
                    eprintln!("serve_load: still running after the deadline; stopping");
                    std::process::exit(101);
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    hung
}

/// The saved directive as save `n` writes it: its number in the title
/// (shown by every page that lists or links it) and in the first
/// paragraph; a broken save has front matter that does not parse, its
/// error on line `n + 2`, so that the test knows which save serve
/// reported.
fn save_text(original: &str, n: usize) -> String {
    if is_broken(n) {
        return format!(
            "---\n{}kind: [\n---\n{MARKER}{n}.\n",
            "# một dòng chú thích\n".repeat(n)
        );
    }
    let titled = original.replacen(
        "title: \"Kết luận của Bộ Chính trị",
        &format!("title: \"({MARKER}{n}) Kết luận của Bộ Chính trị"),
        1,
    );
    assert_ne!(titled, original, "the title is found");
    let body = titled
        .match_indices("\n---\n")
        .next()
        .map(|(at, _)| at + 5)
        .expect("front matter ends");
    format!("{}{MARKER}{n}.\n\n{}", &titled[..body], &titled[body..])
}

/// One save in three is broken; the last but one is, the last is not.
fn is_broken(n: usize) -> bool {
    n % 3 == 1
}

/// The save numbers a page shows.
fn markers(text: &str) -> BTreeSet<usize> {
    text.match_indices(MARKER)
        .filter_map(|(at, _)| {
            let rest = &text[at + MARKER.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

/// What one GET received.
struct Reply {
    status: u16,
    content_type: String,
    content_length: Option<usize>,
    body: Vec<u8>,
}

/// A raw HTTP/1.1 GET with `Connection: close`, read to its end.
fn get(address: SocketAddr, path: &str) -> Result<Reply, String> {
    let mut stream = common::send(
        address,
        &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
    )?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("read: {e}"))?;
    let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Err(format!("no complete head in {} bytes", response.len()));
    };
    let head = String::from_utf8_lossy(&response[..end]).to_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status in {head:?}"))?;
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().to_owned())
    };
    Ok(Reply {
        status,
        content_type: header("content-type").unwrap_or_default(),
        content_length: header("content-length").and_then(|v| v.parse().ok()),
        body: response[end + 4..].to_vec(),
    })
}

/// Waits for an event for which `wanted` holds.
fn wait_for(
    events: &mpsc::Receiver<String>,
    what: &str,
    mut wanted: impl FnMut(&str) -> bool,
) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(event) = events.recv_timeout(Duration::from_millis(200))
            && wanted(&event)
        {
            return event;
        }
    }
    panic!("no event: {what}");
}

/// What is wrong with a response, if anything: a server error, a page
/// empty, cut short, lacking its end or showing two saves; an asset
/// empty; a search manifest that is not JSON.
fn problem(path: &str, reply: &Reply) -> Option<String> {
    if reply.status >= 500 {
        return Some(format!("{path}: status {}", reply.status));
    }
    if let Some(length) = reply.content_length
        && length != reply.body.len()
    {
        return Some(format!(
            "{path}: {} bytes of the {length} announced",
            reply.body.len()
        ));
    }
    let text = String::from_utf8_lossy(&reply.body);
    if reply.content_type.starts_with("text/html") {
        if text.replace(LIVE_TAG, "").trim().is_empty() {
            return Some(format!(
                "{path}: an empty page ({} bytes)",
                reply.body.len()
            ));
        }
        if !text.contains("</html>") {
            return Some(format!("{path}: no </html> in {} bytes", reply.body.len()));
        }
        let saves = markers(&text);
        if saves.len() > 1 {
            return Some(format!("{path}: saves {saves:?} in one page"));
        }
    } else if reply.body.is_empty() {
        return Some(format!("{path}: empty"));
    } else if path.ends_with(".json")
        && serde_json::from_slice::<serde_json::Value>(&reply.body).is_err()
    {
        return Some(format!("{path}: not JSON ({} bytes)", reply.body.len()));
    }
    None
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    requests: usize,
    latencies: Vec<Duration>,
    problems: Vec<String>,
    /// The save numbers of each page in the client's last round.
    last_round: Vec<(String, Result<BTreeSet<usize>, String>)>,
    /// Reload events on the stream this client held open, if it held one.
    reloads_held: Option<usize>,
}

/// What the readers share.
struct Load {
    address: SocketAddr,
    paths: Vec<String>,
    /// Set once the last save is served: each client reads every path
    /// once more, then stops.
    last: AtomicBool,
    /// Clients that have finished their first round (for the warm-up).
    warmed: AtomicUsize,
}

/// One client: reads the paths in turn (starting at its own place in
/// them), holding the event stream open if told to, until the last save
/// is served; then once more.
fn client(load: &Load, index: usize, holds_events: bool) -> Seen {
    let mut seen = Seen::default();
    let held = holds_events.then(|| common::open_events(load.address));
    let held = match held {
        Some(Ok(reader)) => {
            let stream = reader.get_ref().try_clone().ok();
            Some((common::event_lines(reader), stream))
        }
        Some(Err(e)) => {
            seen.problems.push(format!("holding the event stream: {e}"));
            None
        }
        None => None,
    };
    let mut round = 0;
    loop {
        let last = load.last.load(Ordering::SeqCst);
        for offset in 0..load.paths.len() {
            let path = &load.paths[(index + offset) % load.paths.len()];
            let started = Instant::now();
            let result = if path == "/__vanban/events" {
                common::open_events(load.address).map(|_| None)
            } else {
                get(load.address, path).map(Some)
            };
            if !last {
                seen.requests += 1;
                seen.latencies.push(started.elapsed());
            }
            let shown = match result {
                Ok(Some(reply)) => match problem(path, &reply) {
                    Some(problem) => Err(problem),
                    None if reply.content_type.starts_with("text/html") => {
                        Ok(markers(&String::from_utf8_lossy(&reply.body)))
                    }
                    None => Ok(BTreeSet::new()),
                },
                Ok(None) => Ok(BTreeSet::new()),
                Err(e) => Err(format!("{path}: {e}")),
            };
            if let Err(problem) = &shown {
                seen.problems.push(problem.clone());
            }
            if last {
                seen.last_round.push((path.clone(), shown));
            }
        }
        round += 1;
        if round == 1 {
            load.warmed.fetch_add(1, Ordering::SeqCst);
        }
        if last {
            break;
        }
    }
    if let Some((events, stream)) = held {
        if let Some(stream) = stream {
            let _ = stream.shutdown(Shutdown::Both);
        }
        let reloads = events.iter().filter(|e| e.starts_with("reload")).count();
        seen.reloads_held = Some(reloads);
    }
    seen
}

/// The server's resident memory, in kB, and its threads.
fn resident_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} in /proc/{pid}/status"))
    };
    (field("VmRSS:"), field("Threads:"))
}

/// The directive pages of the repository's archive, by their URLs.
fn directive_pages(content: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for year in ["2020", "2021"] {
        for entry in std::fs::read_dir(content.join(year)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".md") {
                pages.push(format!("/{year}/{stem}/"));
            }
        }
    }
    pages.sort();
    pages
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * share).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}

#[test]
fn serve_under_load_hands_out_only_whole_pages_of_one_save() {
    let site = Site::new();
    let repository = common::repository();
    common::copy_tree(&repository.join("content"), &site.root().join("content"));
    std::fs::copy(repository.join("site.toml"), site.root().join("site.toml")).unwrap();
    let saved = site.root().join(SAVED);
    let original = std::fs::read_to_string(&saved).unwrap();
    let server = serve(&site);
    let done = Arc::new(AtomicBool::new(false));
    let hung = hang_guard(&server, Arc::clone(&done));
    let address = SocketAddr::from(([127, 0, 0, 1], server.port));
    let news = common::event_lines(common::open_events(address).expect("the event stream"));

    let mut paths = directive_pages(&site.root().join("content"));
    paths.extend(
        [
            "/",
            "/timeline/",
            "/style.css",
            "/search.js",
            "/search/manifest.json",
            "/__vanban/events",
        ]
        .map(str::to_owned),
    );
    assert!(paths.contains(&SAVED_PAGE.to_owned()));
    let load = Arc::new(Load {
        address,
        paths,
        last: AtomicBool::new(false),
        warmed: AtomicUsize::new(0),
    });
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|index| {
            let load = Arc::clone(&load);
            std::thread::spawn(move || client(&load, index, index % HOLDS_EVENTS_EVERY == 0))
        })
        .collect();

    // Warm-up: every client has read every path once.
    while load.warmed.load(Ordering::SeqCst) < CLIENTS && started.elapsed() < LOAD {
        std::thread::sleep(Duration::from_millis(20));
    }
    let (memory_warm, threads_warm) = resident_kb(server.pid);

    // The saves but the last, spread over the load; the last of them is
    // broken, and the test waits for serve to report that very save, so
    // that whatever it rebuilds next holds the last save.
    let pause = LOAD.mul_f64(0.9) / SAVES as u32;
    for n in 1..SAVES {
        std::fs::write(&saved, save_text(&original, n)).unwrap();
        std::thread::sleep(pause);
    }
    assert!(is_broken(SAVES - 1) && !is_broken(SAVES));
    let reported = format!("07-kl-tw.md:{}:", SAVES - 1 + 2);
    wait_for(&news, "the last broken save's error", |e| {
        e.starts_with("errors") && e.contains(&reported)
    });
    while started.elapsed() < LOAD {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::write(&saved, save_text(&original, SAVES)).unwrap();
    // Serve rewrites the page before it tells pages to reload.
    wait_for(&news, "the last save's reload", |e| {
        e.starts_with("reload")
            && get(address, SAVED_PAGE)
                .is_ok_and(|r| markers(&String::from_utf8_lossy(&r.body)).contains(&SAVES))
    });
    let elapsed = started.elapsed();
    load.last.store(true, Ordering::SeqCst);
    let seen: Vec<Seen> = clients
        .into_iter()
        .map(|c| c.join().expect("a client"))
        .collect();
    drop(news);
    // The server lets go of the connections just closed.
    std::thread::sleep(Duration::from_millis(500));
    let (memory_end, threads_end) = resident_kb(server.pid);
    done.store(true, Ordering::SeqCst);
    assert!(
        !hung.load(Ordering::SeqCst),
        "the test hung: serve was killed"
    );

    let requests: usize = seen.iter().map(|s| s.requests).sum();
    let mut latencies: Vec<Duration> = seen.iter().flat_map(|s| s.latencies.clone()).collect();
    latencies.sort();
    println!(
        "serve under load: {CLIENTS} clients, {requests} requests in {:.1} s: {:.0} requests/s, p50 {:.1} ms, p99 {:.1} ms; memory {} MB ({threads_warm} threads) after the warm-up, {} MB ({threads_end} threads) at the end",
        elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        memory_warm / 1024,
        memory_end / 1024,
    );

    let problems: Vec<&String> = seen.iter().flat_map(|s| &s.problems).collect();
    assert!(
        problems.is_empty(),
        "{} of {requests} requests went wrong, for example:\n{}",
        problems.len(),
        problems
            .iter()
            .take(20)
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (index, s) in seen.iter().enumerate() {
        for (path, shown) in &s.last_round {
            let Ok(saves) = shown else { continue };
            assert!(
                saves.iter().all(|&n| n == SAVES),
                "client {index}'s last read of {path} shows saves {saves:?}, not {SAVES}"
            );
            let shows_it = [SAVED_PAGE, "/", "/timeline/"].contains(&path.as_str());
            assert!(
                !shows_it || saves.contains(&SAVES),
                "client {index}'s last read of {path} does not show save {SAVES}"
            );
        }
        if let Some(reloads) = s.reloads_held {
            assert!(
                reloads > 0,
                "client {index}'s open event stream heard no reload"
            );
        }
    }
    assert!(
        memory_end <= memory_warm + MEMORY_GROWTH_KB,
        "serve grew from {memory_warm} kB to {memory_end} kB"
    );
    // A temporary file is never served, however its name is written.
    let temporary = site.root().join("served/2021/07-kl-tw/.index.html.tmp-1-0");
    std::fs::write(&temporary, "nửa trang").unwrap();
    for path in [
        "/2021/07-kl-tw/.index.html.tmp-1-0",
        "/2021/07-kl-tw/%2Eindex.html%2Etmp-1-0",
    ] {
        let reply = get(address, path).expect("an answer");
        assert_eq!(reply.status, 404, "{path}");
        assert!(
            !String::from_utf8_lossy(&reply.body).contains("nửa trang"),
            "{path}"
        );
    }
    std::fs::remove_file(&temporary).unwrap();
    let left: Vec<_> = walkdir::WalkDir::new(site.root().join("served"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}
