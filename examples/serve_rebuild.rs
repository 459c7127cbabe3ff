//! How long `vanban serve` takes to bring the site up to date after an
//! editor saves one directive, against a full build of the same site
//! (issue 7's target: under 5 %). Not a test: a measurement.
//!
//!     cargo run --release --example serve_rebuild -- <site> [<output>]
//!
//! The site's first directive (in path order) gets a sentence appended,
//! then is put back as it was; the output defaults to
//! `/dev/shm/vanban-serve-rebuild`.
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use vanban::BuildOptions;
use vanban::serve::Session;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: serve_rebuild <site> [<output>]");
        return ExitCode::from(2);
    };
    let output = args.next().map_or_else(
        || PathBuf::from("/dev/shm/vanban-serve-rebuild"),
        PathBuf::from,
    );
    match measure(root, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn measure(root: PathBuf, output: PathBuf) -> Result<(), String> {
    let file = first_directive(&root.join("content")).ok_or("no directive in content/")?;
    let original = std::fs::read_to_string(&file).map_err(|e| e.to_string())?;
    let mut session = Session::new(BuildOptions {
        root,
        output: Some(output),
        ..BuildOptions::default()
    });
    let (full, _) = rebuild(&mut session, &[])?;
    println!("full build: {} ms", full.as_millis());
    let (mut saves, mut listings) = (Vec::new(), Vec::new());
    for round in 0..3 {
        // A new sentence, then the text as it was: two saves per round.
        let edited = format!("{original}\nCâu thêm lần {round}.\n");
        for text in [&edited, &original] {
            std::fs::write(&file, text).map_err(|e| e.to_string())?;
            let (save, listing) = rebuild(&mut session, std::slice::from_ref(&file))?;
            saves.push(save);
            listings.push(listing);
        }
    }
    std::fs::write(&file, &original).map_err(|e| e.to_string())?;
    let share = |d: Duration| 100.0 * d.as_secs_f64() / full.as_secs_f64();
    let save = median(saves);
    let listing = median(listings);
    println!(
        "one directive saved: its page and those of the directives around it in {} ms \
         (median of 6 saves, {:.1} % of the full build); the pages listing it \
         then in {} ms in the background ({:.1} %)",
        save.as_millis(),
        share(save),
        listing.as_millis(),
        share(listing)
    );
    Ok(())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The rebuild's own time, and that of its background work.
fn rebuild(session: &mut Session, changed: &[PathBuf]) -> Result<(Duration, Duration), String> {
    let outcome = match session.rebuild(changed) {
        Ok(Some(outcome)) => outcome.elapsed,
        Ok(None) => Duration::ZERO,
        Err(error) => return Err(error.to_string()),
    };
    let listings = match session.settle() {
        Some(settled) => settled.result.map(|()| settled.elapsed),
        None => Ok(Duration::ZERO),
    };
    Ok((outcome, listings.map_err(|e| e.to_string())?))
}

fn first_directive(content: &std::path::Path) -> Option<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .map(walkdir::DirEntry::into_path)
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "_index.md"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "pages"))
        .collect();
    files.sort();
    files.into_iter().next()
}

// As in the `vanban` binary: the allocator is part of what is measured.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
