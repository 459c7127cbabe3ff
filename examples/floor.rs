//! The floor of a static site build: read every Markdown file of a site,
//! drop its front matter, render the body with pulldown-cmark and write it
//! as `<path>/index.html`, in parallel as vanban renders. No site
//! generator can do less and still publish the text, so `bench/run.sh`
//! reports how far above this each tool is. Not a test: a measurement.
//!
//!     cargo run --release --example floor -- <site> <output>
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use walkdir::WalkDir;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(root), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: floor <site> <output>");
        return ExitCode::from(2);
    };
    let content = PathBuf::from(root).join("content");
    let sources: Vec<PathBuf> = WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let output = PathBuf::from(output);
    let failed = sources
        .par_iter()
        .filter_map(|source| publish(&content, source, &output).err())
        .inspect(|message| eprintln!("{message}"))
        .count();
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn publish(content: &Path, source: &Path, output: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(body(&text)));
    let relative = source
        .strip_prefix(content)
        .unwrap_or(source)
        .with_extension("");
    let folder = output.join(relative);
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    std::fs::write(folder.join("index.html"), html)
        .map_err(|e| format!("{}: {e}", folder.display()))
}

/// The text after a `---` front matter block, or all of it.
fn body(text: &str) -> &str {
    text.strip_prefix("---\n")
        .and_then(|rest| rest.find("\n---\n").map(|end| &rest[end + 5..]))
        .unwrap_or(text)
}
