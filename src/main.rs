//! The `vanban` command. Only the command prints; the library returns.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use cli::report::{self, Format};
use vanban::{BuildError, BuildOptions, Report};

/// glibc's allocator spends a sixth of a build in malloc and free when
/// both workers allocate small strings and template values at once;
/// mimalloc's per-thread heaps do not contend.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        #[arg(long)]
        base_url: Option<String>,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// How problems are printed.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Check the whole site and report every problem; writes nothing.
    Check {
        /// The site's folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings (unresolved or ambiguous references) as errors.
        #[arg(long)]
        strict: bool,
        /// Also check documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// How problems are printed: for people, JSON lines, or GitHub annotations.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Build, serve the site on this machine, and rebuild and reload on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; loopback unless you choose otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Where to write the served site [default: a temporary folder].
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Write a new directive file with every field present and explained.
    New {
        /// The file to create, e.g. content/2021/07-kl-tw.md
        path: PathBuf,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        issuer: Option<String>,
        /// Date of issue, YYYY-MM-DD [default: today].
        #[arg(long)]
        date: Option<String>,
    },
    /// Create a new site (site.toml, a sample directive, the editors' guide).
    Init {
        /// An empty or new folder.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
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
            };
            let output_dir = options.output_dir();
            let bar = cli::progress::Bar::new();
            finish(
                "build",
                format,
                vanban::build_with(&options, &bar),
                |report| {
                    format!(
                        "built {} directives and {} pages into {} ({} jobs) in {} ms",
                        report.directives,
                        report.pages,
                        output_dir.display(),
                        report.files,
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
                if strict && !report.diagnostics.is_empty() {
                    Err(BuildError::Site(report.diagnostics.strict()))
                } else {
                    Ok(report)
                }
            });
            finish("check", format, result, |report| {
                format!(
                    "checked {} directives and {} pages",
                    report.directives, report.pages
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
            kind,
            number,
            issuer,
            date,
        } => {
            let spec = vanban::scaffold::NewDirective {
                kind,
                number,
                issuer,
                date,
            };
            match vanban::scaffold::new_directive(&path, &spec) {
                Ok(()) => {
                    println!(
                        "wrote {}: fill it in, then set `draft: false`",
                        path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => match vanban::scaffold::init_site(&dir) {
            Ok(files) => {
                for file in files {
                    println!("wrote {}", file.display());
                }
                println!("next: cd {} && vanban serve", dir.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
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
    match result {
        Ok(report) => {
            report::print(&report.diagnostics, format);
            println!("{}", summary(&report));
            eprintln!("{}", report::summary(&report.diagnostics));
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(diagnostics)) => {
            report::print(&diagnostics, format);
            let kept = if verb == "build" {
                "; the previous output was left as it was"
            } else {
                ""
            };
            eprintln!("{verb} failed{kept}");
            eprintln!("{}", report::summary(&diagnostics));
            ExitCode::FAILURE
        }
        Err(BuildError::Write(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
