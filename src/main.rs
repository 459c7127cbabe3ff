//! The `vanban` command. Only this file prints.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use vanban::{BuildError, BuildOptions, Diagnostics, Report};

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
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                include_drafts: drafts,
            };
            let output_dir = options.output_dir();
            finish("build", vanban::build(&options), |report| {
                format!(
                    "built {} directives and {} pages into {} ({} files) in {} ms",
                    report.directives,
                    report.pages,
                    output_dir.display(),
                    report.files,
                    started.elapsed().as_millis()
                )
            })
        }
        Command::Check {
            root,
            strict,
            drafts,
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
            finish("check", result, |report| {
                format!(
                    "checked {} directives and {} pages: no errors, {} warning(s)",
                    report.directives,
                    report.pages,
                    report.diagnostics.warning_count()
                )
            })
        }
    }
}

fn finish(
    verb: &str,
    result: Result<Report, BuildError>,
    summary: impl FnOnce(&Report) -> String,
) -> ExitCode {
    match result {
        Ok(report) => {
            print_diagnostics(&report.diagnostics);
            println!("{}", summary(&report));
            ExitCode::SUCCESS
        }
        Err(BuildError::Site(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!("{}", counts(verb, &diagnostics));
            ExitCode::FAILURE
        }
        Err(BuildError::Write(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for diagnostic in diagnostics.iter() {
        let _ = writeln!(out, "{diagnostic}");
    }
}

/// The closing line of a failed run.
fn counts(verb: &str, diagnostics: &Diagnostics) -> String {
    let kept = if verb == "build" {
        "; the previous output was left as it was"
    } else {
        ""
    };
    format!(
        "{verb} failed: {} error(s), {} warning(s){kept}",
        diagnostics.error_count(),
        diagnostics.warning_count()
    )
}
