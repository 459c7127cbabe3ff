//! The `vanban` command. Only the command prints; the library returns.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use cli::report::{self, Format};
use vanban::config::BaseUrl;
use vanban::date::Date;
use vanban::{BuildError, BuildOptions, Diagnostics, Report};

/// glibc's allocator spends a sixth of a build in malloc and free when
/// both workers allocate small strings and template values at once;
/// mimalloc's per-thread heaps do not contend.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc asks for transparent huge pages, which the kernel zeroes 2 MB
/// at a time on first touch, and compacts memory to find: on this
/// project's VMs that made the system time of a 10,000-directive build
/// range from 0.56 to 1.1 s, against a steady 0.6 s with small pages,
/// which are zeroed only where touched (the peak resident size fell from
/// 214 MB to 167 MB). A build's memory is many small values and page
/// buffers, which gain little from huge pages.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Static site generator for archives of official directives"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only on success).
    Build {
        /// The site's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Base URL the site is published at, e.g. https://intranet.example/archive/
        #[arg(long, value_parser = base_url)]
        base_url: Option<String>,
        /// Include documents marked `draft: true` (their problems are then errors).
        #[arg(long)]
        drafts: bool,
        /// How problems are printed: for people, JSON lines on stdout, or GitHub annotations.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check the whole site and report every problem; writes nothing.
    Check {
        /// The site's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings (references to look at) as errors; a left-out draft's problems stay warnings.
        #[arg(long)]
        strict: bool,
        /// Also check documents marked `draft: true`, their problems as errors.
        #[arg(long)]
        drafts: bool,
        /// How problems are printed: for people, JSON lines on stdout, or GitHub annotations.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Build, serve the site on this machine, and rebuild and reload on every change.
    Serve {
        /// The site's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; loopback unless you choose otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Where to write the served site [default: a temporary folder]; never the build's output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Write a new directive file, a draft, with every field present and explained.
    New {
        /// The file to create, below content/: e.g. 2021/07-kl-tw.md (content/2021/07-kl-tw.md is read the same).
        path: PathBuf,
        /// The site's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Kind of document (loại văn bản), e.g. "Kết luận" [default: Công văn].
        #[arg(long)]
        kind: Option<String>,
        /// Number and symbol as printed (số, ký hiệu), e.g. 07-KL/TW.
        #[arg(long)]
        number: Option<String>,
        /// Issuing body (cơ quan ban hành), e.g. "Bộ Chính trị".
        #[arg(long)]
        issuer: Option<String>,
        /// Title as the document gives it (trích yếu).
        #[arg(long)]
        title: Option<String>,
        /// Date of issue, YYYY-MM-DD [default: today].
        #[arg(long, value_parser = date)]
        date: Option<Date>,
    },
    /// Create a new site (site.toml, a sample directive, the editors' guide).
    Init {
        /// An empty or new folder.
        dir: PathBuf,
    },
}

/// `--base-url`, checked while the command line is read: a bad one is a
/// usage error (exit status 2), like any other bad option.
fn base_url(text: &str) -> Result<String, String> {
    BaseUrl::parse(text).map(|_| text.to_owned())
}

fn date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text)
        .map_err(|_| format!("`{text}` is not a date written YYYY-MM-DD, e.g. 2021-06-11"))
}

fn main() -> ExitCode {
    small_pages_only();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // clap uses 2 for usage errors; --help and --version exit 0.
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let started = Instant::now();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            format,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                include_drafts: drafts,
                process_ends: true,
            };
            let output_dir = options.output_dir();
            let bar = cli::progress::Bar::new();
            finish(
                "build",
                format,
                vanban::build_with(&options, &bar),
                |report| {
                    format!(
                        "built {} and {} into {} ({}) in {} ms",
                        report::count(report.directives, "directive"),
                        report::count(report.pages, "page"),
                        output_dir.display(),
                        report::count(report.files, "job"),
                        started.elapsed().as_millis()
                    )
                },
            )
        }
        Command::Check {
            root,
            strict,
            drafts,
            format,
        } => {
            let options = BuildOptions {
                root,
                include_drafts: drafts,
                ..BuildOptions::default()
            };
            let result = vanban::check(&options).and_then(|report| {
                if strict {
                    let diagnostics = report.diagnostics.strict();
                    if diagnostics.has_errors() {
                        return Err(BuildError::Site(diagnostics));
                    }
                    Ok(Report {
                        diagnostics,
                        ..report
                    })
                } else {
                    Ok(report)
                }
            });
            finish("check", format, result, |report| {
                format!(
                    "checked {} and {}",
                    report::count(report.directives, "directive"),
                    report::count(report.pages, "page")
                )
            })
        }
        Command::Serve {
            root,
            interface,
            port,
            open,
            drafts,
            output,
        } => cli::serve::run(cli::serve::Options {
            root,
            interface,
            port,
            open,
            drafts,
            output,
        }),
        Command::New {
            path,
            root,
            kind,
            number,
            issuer,
            title,
            date,
        } => {
            let spec = vanban::scaffold::NewDirective {
                kind,
                number,
                issuer,
                title,
                date,
            };
            match vanban::scaffold::new_directive(&root, &path, &spec) {
                Ok(written) => {
                    println!(
                        "wrote {}: fill it in, then set `draft: false` (until then only `check --drafts` and `build --drafts` read it)",
                        written.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{}", report::refusal(error.path(), &error));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => match vanban::scaffold::init_site(&dir) {
            Ok(files) => {
                for file in files {
                    println!("wrote {}", file.display());
                }
                println!("next: {}", cli::hint::serve(&dir));
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("{}", report::refusal(error.path(), &error));
                ExitCode::FAILURE
            }
        },
    }
}

fn finish(
    verb: &str,
    format: Format,
    result: Result<Report, BuildError>,
    summary: impl FnOnce(&Report) -> String,
) -> ExitCode {
    // A failed build, whatever failed, never touched the previous output:
    // it was writing beside it.
    let kept = if verb == "build" {
        "; the previous output was left as it was"
    } else {
        ""
    };
    match result {
        Ok(report) => {
            report::print(&report.diagnostics, format);
            if format.owns_stdout() {
                eprintln!("{}", summary(&report));
            } else {
                println!("{}", summary(&report));
            }
            eprintln!("{}", report::summary(&report.diagnostics));
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(diagnostics)) => {
            report::print(&diagnostics, format);
            eprintln!("{verb} failed{kept}");
            eprintln!("{}", report::summary(&diagnostics));
            ExitCode::FAILURE
        }
        Err(BuildError::Write(error)) => {
            // Printed like any problem, so CI's annotations and JSON
            // lines carry it too.
            let problem = report::refusal(error.path(), &error);
            report::print(&Diagnostics::one(problem), format);
            eprintln!("{verb} failed{kept}");
            ExitCode::FAILURE
        }
    }
}
