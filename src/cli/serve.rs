//! `vanban serve`: build, serve over HTTP, rebuild on change, reload pages.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use vanban::serve::http::{Live, News, router};
use vanban::serve::{Session, Settled, SettledHook, watch};
use vanban::{BuildError, BuildOptions};

pub struct Options {
    pub root: PathBuf,
    pub interface: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub output: Option<PathBuf>,
}

/// How long changes settle before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(150);

pub fn run(options: Options) -> ExitCode {
    let Ok(ip) = options.interface.parse::<IpAddr>() else {
        eprintln!(
            "error: `{}` is not an IP address (e.g. 127.0.0.1)",
            options.interface
        );
        return ExitCode::from(2);
    };
    let address = SocketAddr::new(ip, options.port);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
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
    };
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
    // Ctrl+C: remove the temporary output, then stop.
    let scratch_on_exit = scratch.clone();
    runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            let _ = std::fs::remove_dir_all(&scratch_on_exit);
            std::process::exit(0);
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
        rebuild(&mut session, &live, &paths);
        if let Err(e) = watcher.refresh() {
            eprintln!("warning: cannot watch a new folder: {e}");
        }
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
                "{} ({} pages) in {} ms{}",
                if outcome.full { "built" } else { "rebuilt" },
                outcome.jobs,
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
            eprintln!("error: {error}");
            live.tell(News::Errors(vec![error.to_string()]));
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
                BuildError::Write(error) => vec![error.to_string()],
            };
            for line in &lines {
                eprintln!("{line}");
            }
            live.tell(News::Errors(lines));
        }
    })
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
