//! Helpers for integration tests: real sites in temporary folders, built by
//! the real binary. A module of the `it` test binary (`tests/it/main.rs`),
//! and of the suites that run as binaries of their own
//! (`tests/serve_load.rs`, `tests/lighthouse.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A site in a temporary folder.
pub(crate) struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub(crate) fn new() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        fs::create_dir_all(site.root().join("content")).expect("content folder");
        site
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn output(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes `text` to `relative` (folders created).
    pub(crate) fn file(&self, relative: &str, text: &str) -> &Site {
        self.bytes(relative, text.as_bytes())
    }

    pub(crate) fn bytes(&self, relative: &str, bytes: &[u8]) -> &Site {
        let path = self.root().join(relative);
        fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        fs::write(path, bytes).expect("write");
        self
    }

    /// A valid directive with the given extra front-matter lines.
    pub(crate) fn directive(&self, relative: &str, front_matter: &str, body: &str) -> &Site {
        self.file(relative, &format!("---\n{front_matter}---\n{body}"))
    }

    pub(crate) fn run(&self, args: &[&str]) -> Run {
        vanban(args, self.root())
    }

    pub(crate) fn build(&self) -> Run {
        self.run(&["build"])
    }

    pub(crate) fn check(&self) -> Run {
        self.run(&["check"])
    }

    pub(crate) fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.output().join(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }
}

/// A finished run of the binary.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    pub(crate) fn success(&self) -> &Run {
        assert_eq!(
            self.code,
            Some(0),
            "expected success:\n{}{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Exit status 1 (never a panic, which is 101) and this line on stderr.
    pub(crate) fn fails_with(&self, line: &str) -> &Run {
        assert_eq!(
            self.code,
            Some(1),
            "expected exit 1:\n{}{}",
            self.stdout,
            self.stderr
        );
        assert!(
            self.stderr.lines().any(|l| l.contains(line)),
            "expected a line containing {line:?} in:\n{}",
            self.stderr
        );
        self
    }
}

/// What a test marked `#[ignore = "needs …"]` says when it is run (with
/// `cargo test -- --include-ignored`, as `.ci/run` does) on a machine
/// that lacks a tool it needs: it fails, naming each missing tool and how
/// to install it, rather than passing without having run. Plain
/// `cargo test` lists such tests as ignored, with their reason.
pub(crate) fn require(missing: &[&str]) {
    assert!(
        missing.is_empty(),
        "this test needs what is not installed: {}; `bash .ci/run` installs everything",
        missing.join(", ")
    );
}

/// How long any run of the binary in a test may take before it counts as
/// hung: far above any build a test makes.
pub(crate) const HANG: Duration = Duration::from_secs(120);

/// Runs the binary with `args` on the site at `root`.
pub(crate) fn vanban(args: &[&str], root: &Path) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vanban"));
    command.args(args).arg("--root").arg(root);
    run_guarded(&mut command)
}

/// [`vanban`], its address space limited to `megabytes` by util-linux's
/// `prlimit`: an input that made the generator allocate without bound ends
/// in an allocation failure (not exit status 1) instead of a swapping
/// machine.
pub(crate) fn vanban_in_memory(args: &[&str], root: &Path, megabytes: u64) -> Run {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={}", megabytes * 1024 * 1024))
        .arg("--")
        .arg(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .arg("--root")
        .arg(root);
    run_guarded(&mut command)
}

/// Runs `command` to its end, its output collected; a run that outlives
/// [`HANG`] is killed and fails the test, so a hang is reported as one
/// instead of stopping the suite.
pub(crate) fn run_guarded(command: &mut Command) -> Run {
    run_within(command, HANG)
}

/// [`run_guarded`] with another limit.
pub(crate) fn run_within(command: &mut Command, limit: Duration) -> Run {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{command:?} hung: killed after {} ms\n{}",
                limit.as_millis(),
                stderr.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// Starts `vanban serve` on a free loopback port for the site at `root`,
/// with `extra` arguments: the running server and its port, once it says
/// where it listens. Its standard output is read to the end, so the
/// server never blocks on a full pipe. Its temporary folder is made in
/// `tmp`, not the machine's: a test stops the server with SIGKILL, which
/// leaves no time to remove it.
pub(crate) fn start_serve(root: &Path, extra: &[&str], tmp: &Path) -> (std::process::Child, u16) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .args(extra)
        .env("TMPDIR", tmp)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start vanban serve");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                let port: u16 = rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
                let _ = sender.send(port);
            }
        }
    });
    match receiver.recv_timeout(Duration::from_secs(60)) {
        Ok(port) => (child, port),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the server did not say where it listens");
        }
    }
}

/// Connects to `address` and sends `request` as written, with generous
/// timeouts.
pub(crate) fn send(address: SocketAddr, request: &str) -> Result<TcpStream, String> {
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(10))
        .map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("send: {e}"))?;
    Ok(stream)
}

/// Opens serve's event stream and waits for the head of its response:
/// the server subscribes before it answers, so no event sent after this
/// returns can be missed.
pub(crate) fn open_events(address: SocketAddr) -> Result<BufReader<TcpStream>, String> {
    let stream = send(
        address,
        "GET /__vanban/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n",
    )?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader
        .read_line(&mut line)
        .map_err(|e| format!("read: {e}"))?;
    if !line.starts_with("HTTP/1.1 200") {
        return Err(format!("event stream answered {line:?}"));
    }
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(n) if n > 2 => {}
            Ok(0) => return Err("event stream closed in its head".to_owned()),
            Ok(_) => return Ok(reader),
            Err(e) => return Err(format!("read: {e}")),
        }
    }
}

/// The events of an open stream, as `name data` lines, until it closes.
pub(crate) fn event_lines(reader: BufReader<TcpStream>) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ")
                && sender.send(format!("{event} {data}")).is_err()
            {
                return;
            }
        }
    });
    receiver
}

/// A copy of `from` (a folder, or a file) at `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    if from.is_file() {
        fs::copy(from, to).unwrap();
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir` with its bytes, keyed by relative path.
pub(crate) fn snapshot_dir(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).expect("inside").to_owned();
            (relative, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The repository's own site root.
pub(crate) fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the repository's archive into a fresh temporary output.
pub(crate) fn build_repository(extra: &[&str]) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = dir.path().join("public");
    let mut command = Command::new(env!("CARGO_BIN_EXE_vanban"));
    command
        .arg("build")
        .arg("--root")
        .arg(repository())
        .arg("--output")
        .arg(&output)
        .args(extra);
    let run = run_guarded(&mut command);
    (dir, output, run)
}

pub(crate) const MINIMAL: &str =
    "kind: \"Công văn\"\ntitle: \"Về việc thử\"\nissuer: \"Bộ Y tế\"\ndate: 2021-06-01\n";

/// Every link of the output that points inside the site and does not
/// resolve to a file, or to an `id` in it: `(file, link)` pairs. Links are
/// `href` and `src` in HTML and XML (the feed), `<loc>` in sitemaps and
/// `url()` in stylesheets; a link is inside the site when it is relative
/// (resolved against its file's folder), starts with the path of `base`,
/// or with `base` itself when it names a host (`https://host/path`). A
/// link into a folder means its `index.html`.
pub(crate) fn broken_links(output: &Path, base: &str) -> Vec<(String, String)> {
    let files: BTreeMap<PathBuf, Vec<u8>> = snapshot_dir(output);
    // `https://host` and `/path` of `base`.
    let (origin, base_path) = match base.split_once("://") {
        Some((scheme, rest)) => {
            let at = rest.find('/').unwrap_or(rest.len());
            (&base[..scheme.len() + 3 + at], &rest[at..])
        }
        None => ("", base),
    };
    let base_path = base_path.trim_end_matches('/');
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut broken = Vec::new();
    for (file, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
        for link in links_in(file, &text) {
            let link = link.replace("&amp;", "&");
            let (path, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
            let path = path.split('?').next().unwrap_or_default();
            let inside = match path.strip_prefix(origin) {
                Some(rooted) if !origin.is_empty() && rooted.starts_with('/') => rooted,
                _ => path,
            };
            let target = if inside.is_empty() {
                Some(file.clone())
            } else if inside.contains("://")
                || inside.starts_with("mailto:")
                || inside.starts_with("tel:")
            {
                continue;
            } else if inside.starts_with('/') {
                inside
                    .strip_prefix(&format!("{base_path}/"))
                    .and_then(|within| resolve(Path::new(""), within))
            } else {
                resolve(&folder, inside)
            };
            let resolves = target.as_ref().is_some_and(|target| {
                files.contains_key(target)
                    && fragment.is_none_or(|f| {
                        f.is_empty()
                            || ids
                                .entry(target.clone())
                                .or_insert_with(|| ids_in(&files[target]))
                                .contains(f)
                    })
            });
            if !resolves {
                broken.push((file.display().to_string(), link.clone()));
            }
        }
    }
    broken
}

/// The links of one output file, by its kind.
fn links_in(file: &Path, text: &str) -> Vec<String> {
    let between = |open: &str, close: char| -> Vec<String> {
        text.split(open)
            .skip(1)
            .filter_map(|s| s.split(close).next())
            .map(str::to_owned)
            .collect()
    };
    match file.extension().and_then(|e| e.to_str()) {
        Some("html" | "xml") => {
            let mut links = between("href=\"", '"');
            links.extend(between("src=\"", '"'));
            links.extend(between("<loc>", '<'));
            links
        }
        Some("css") => between("url(", ')')
            .into_iter()
            .map(|u| u.trim_matches(['"', '\'']).to_owned())
            .filter(|u| !u.starts_with("data:"))
            .collect(),
        _ => Vec::new(),
    }
}

/// `relative` from `folder`, inside the output; a folder means its
/// `index.html`.
fn resolve(folder: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = folder.to_path_buf();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !path.pop() {
                    return None;
                }
            }
            part => path.push(part),
        }
    }
    if relative.is_empty() || relative.ends_with('/') {
        path.push("index.html");
    }
    Some(path)
}

/// The `id`s of an HTML file.
fn ids_in(bytes: &[u8]) -> BTreeSet<String> {
    String::from_utf8_lossy(bytes)
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The options of a `vanban serve` session on `root`, writing to
/// `root/<output>` (a full build for comparison writes beside it).
pub(crate) fn serve_options(root: &Path, output: &str) -> vanban::BuildOptions {
    vanban::BuildOptions {
        root: root.to_owned(),
        output: Some(root.join(output)),
        base_url: Some("http://127.0.0.1:8/".to_owned()),
        include_drafts: false,
        process_ends: false,
    }
}

/// An editor's save in a `serve` session writing to `root/served`: `file`
/// written with `text` (removed for `None`), the session brought up to
/// date from it, its listing pages too; what it serves must then be what
/// a full build writes (to `root/full`). `step` names the save in a
/// failure.
pub(crate) fn save_matches_full_build(
    session: &mut vanban::serve::Session,
    root: &Path,
    file: &Path,
    text: Option<String>,
    step: &str,
) {
    match text {
        Some(text) => fs::write(file, text).unwrap(),
        None => fs::remove_file(file).unwrap(),
    }
    let outcome = session
        .rebuild(&[file.to_owned()])
        .expect("a good edit")
        .expect("a change");
    assert!(!outcome.full, "step {step}: not a full build");
    let settled = session.settle().expect("listing pages follow");
    assert!(settled.result.is_ok(), "step {step}: {:?}", settled.result);
    vanban::build(&serve_options(root, "full")).expect("full build");
    let (served, full) = (
        snapshot_dir(&root.join("served")),
        snapshot_dir(&root.join("full")),
    );
    let differ: Vec<_> = served
        .keys()
        .chain(full.keys())
        .filter(|k| served.get(*k) != full.get(*k))
        .collect();
    assert!(differ.is_empty(), "step {step}: {differ:?} differ");
}
