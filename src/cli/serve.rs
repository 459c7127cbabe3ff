//! `vanban serve`: build, serve over HTTP, rebuild on change, reload pages.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use vanban::serve::http::{Live, News, router};
use vanban::serve::{Session, Settled, SettledHook, watch};
use vanban::{BuildError, BuildOptions};

pub(crate) struct Options {
    pub root: PathBuf,
    pub interface: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub output: Option<PathBuf>,
}

/// Threads reading served files at once. Each read of a file is a task
/// on tokio's blocking pool, which would otherwise grow a thread (with
/// its stack and allocator heap) for every request waiting on the disk:
/// under a hundred clients it held some 300 threads and twice the memory.
/// On a machine of a few cores more readers do not serve faster; requests
/// beyond them wait their turn.
const FILE_READERS: usize = 16;

/// How long changes settle before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(150);

pub(crate) fn run(options: Options) -> ExitCode {
    let Ok(ip) = options.interface.parse::<IpAddr>() else {
        eprintln!(
            "error: `{}` is not an IP address (e.g. 127.0.0.1)",
            options.interface
        );
        return ExitCode::from(2);
    };
    if !ip.is_loopback() {
        eprintln!(
            "warning: listening on {ip}, which other machines can reach: anyone on the network can read this site{}; `vanban serve` is meant for loopback (127.0.0.1)",
            if options.drafts {
                ", drafts included"
            } else {
                ""
            }
        );
    }
    if let Some(output) = &options.output
        && let Err(reason) = served_output_allowed(&options.root, output)
    {
        eprintln!("{}", super::report::refusal(output, &reason));
        return ExitCode::from(2);
    }
    let address = SocketAddr::new(ip, options.port);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(FILE_READERS)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the server: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(address)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {address}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let address = listener.local_addr().unwrap_or(address);
    let scratch = std::env::temp_dir().join(format!("vanban-serve-{}", std::process::id()));
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| scratch.join("site"));
    let build = BuildOptions {
        root: options.root.clone(),
        output: Some(output.clone()),
        base_url: Some(format!("http://{address}/")),
        include_drafts: options.drafts,
        process_ends: false,
    };
    // Ctrl+C or SIGTERM (a service manager, `kill`, an editor's task
    // runner): remove the temporary output, then stop. The handlers are
    // installed here, before the first build and before "serving" is
    // printed, so a signal at any moment after this finds them.
    let scratch_on_exit = scratch.clone();
    let stopping = {
        let _inside = runtime.enter();
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        )
    };
    runtime.spawn(async move {
        let stopped = match stopping {
            (Ok(mut interrupt), Ok(mut terminate)) => tokio::select! {
                received = interrupt.recv() => received.is_some(),
                received = terminate.recv() => received.is_some(),
            },
            _ => tokio::signal::ctrl_c().await.is_ok(),
        };
        if stopped {
            let _ = std::fs::remove_dir_all(&scratch_on_exit);
            std::process::exit(0);
        }
    });
    // Watching starts before the first build, so that a file saved while
    // it runs, or just after "serving" is printed, is not missed.
    let (mut watcher, changes) = match watch::watch(&options.root, DEBOUNCE) {
        Ok(watching) => watching,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", options.root.display());
            return ExitCode::FAILURE;
        }
    };
    let mut session = Session::new(build);
    let live = Live::new();
    session.on_settled(settled_hook(live.clone()));
    if !rebuild(&mut session, &live, &[]) && !output.join("index.html").exists() {
        eprintln!("serve: fix the errors above; serving starts with the first good build");
    }
    let app = router(output, live.clone(), session.freshness());
    runtime.spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("error: the server stopped: {e}");
        }
    });
    println!("serving http://{address}/ (Ctrl+C to stop)");
    if options.open {
        open_browser(&format!("http://{address}/"));
    }
    while let Ok(first) = changes.recv() {
        let mut paths = first.paths;
        // Changes that came in while the last rebuild ran go in this one.
        while let Ok(more) = changes.try_recv() {
            paths.extend(more.paths);
        }
        // A folder that appeared (a first `templates/`) is watched before
        // the rebuild reads it: a save made into it after the rebuild then
        // has its event, and one made before is in what the rebuild reads.
        // Watched after, a save between the reload and the watch was lost.
        if let Err(e) = watcher.refresh() {
            eprintln!("warning: cannot watch a new folder: {e}");
        }
        rebuild(&mut session, &live, &paths);
    }
    let _ = std::fs::remove_dir_all(scratch);
    ExitCode::SUCCESS
}

/// Rebuilds, prints what happened, tells open pages. True on success.
fn rebuild(session: &mut Session, live: &Live, paths: &[PathBuf]) -> bool {
    match session.rebuild(paths) {
        Ok(None) => true,
        Ok(Some(outcome)) => {
            for d in outcome.diagnostics.iter() {
                eprintln!("{d}");
            }
            println!(
                "{} ({}) in {} ms{}",
                if outcome.full { "built" } else { "rebuilt" },
                super::report::count(outcome.jobs, "page"),
                outcome.elapsed.as_millis(),
                if outcome.deferred {
                    "; the pages listing it follow"
                } else {
                    ""
                }
            );
            live.tell(News::Reload);
            true
        }
        Err(BuildError::Site(diagnostics)) => {
            let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            for line in &lines {
                eprintln!("{line}");
            }
            eprintln!(
                "{}; still serving the last good build",
                super::report::summary(&diagnostics)
            );
            live.tell(News::Errors(lines));
            false
        }
        Err(BuildError::Write(error)) => {
            let line = super::report::refusal(error.path(), &error).to_string();
            eprintln!("{line}");
            live.tell(News::Errors(vec![line]));
            false
        }
    }
}

/// Reports the listing pages written in the background; their errors go
/// to open pages like any other.
fn settled_hook(live: Arc<Live>) -> SettledHook {
    Arc::new(move |settled: &Settled| match &settled.result {
        Ok(()) => println!(
            "listing pages ({}) in {} ms",
            settled.jobs,
            settled.elapsed.as_millis()
        ),
        Err(error) => {
            let lines: Vec<String> = match error {
                BuildError::Site(diagnostics) => {
                    diagnostics.iter().map(ToString::to_string).collect()
                }
                BuildError::Write(error) => {
                    vec![super::report::refusal(error.path(), error).to_string()]
                }
            };
            for line in &lines {
                eprintln!("{line}");
            }
            live.tell(News::Errors(lines));
        }
    })
}

/// `serve` writes a site whose every absolute URL is this machine's
/// loopback address. Written over the build's output, it would be
/// published as such, so `--output` may be neither `<root>/public` nor a
/// folder holding another build: one whose `directives.json` gives
/// permalinks that do not lead to loopback. An empty or new folder, or
/// one a previous `serve` wrote, is fine.
fn served_output_allowed(root: &std::path::Path, output: &std::path::Path) -> Result<(), String> {
    let absolute = |p: &std::path::Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    if absolute(output) == absolute(&root.join("public")) {
        return Err(
            "refusing to serve into the folder `vanban build` writes: the served site's links lead to this machine; leave out --output (a temporary folder) or choose another folder".to_owned(),
        );
    }
    let index = output.join("directives.json");
    let Ok(text) = std::fs::read_to_string(&index) else {
        return Ok(());
    };
    // The first permalink tells where the site's links lead; found as
    // text rather than parsed, since a large archive's index is large.
    let permalink = text
        .split("\"permalink\":")
        .nth(1)
        .and_then(|rest| rest.trim_start().strip_prefix('"'));
    let loopback = permalink.is_some_and(|link| {
        [
            "http://127.",
            "http://[::1]",
            "http://localhost",
            "http://0.0.0.0",
            "http://[::]",
        ]
        .iter()
        .any(|prefix| link.starts_with(prefix))
    });
    if loopback {
        Ok(())
    } else {
        Err(
            "refusing to serve into this folder: it holds a site built by `vanban build`, which the served site (its links leading to this machine) would replace; choose an empty or new folder, or leave out --output".to_owned(),
        )
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({opener}: {e}); open {url}");
    }
}
