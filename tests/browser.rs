//! The site in a real browser: Debian's Chromium driven by playwright-core
//! (`tests/browser/run.mjs`): the reader's journeys (cross-references both
//! ways, timeline and filters, search without diacritics, a phone, dark
//! mode, print, JavaScript off), axe-core's WCAG 2.1 AA rules on every
//! page, the keyboard, text alternatives of SVGs. `.ci/run` installs what
//! it needs; plain `cargo test` lists the test as ignored, with what it
//! needs, and `cargo test -- --include-ignored` runs it (failing, with the
//! install commands, where a tool is missing).
//!
//! Its screenshots land in `target/browser-artifacts/`; the README shows
//! some of them from `docs/screenshots/`, which
//! `VANBAN_UPDATE_SCREENSHOTS=1 cargo test --test browser` refreshes.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs Chromium and Node packages (apt-get install chromium nodejs npm; npm ci): run with --include-ignored, as bash .ci/run does"]
fn the_site_works_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let modules = common::repository().join("node_modules");
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!modules.join("playwright-core").exists()).then_some("playwright-core (npm ci)"),
        (!modules.join("axe-core").exists()).then_some("axe-core (npm ci)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    common::require(&missing);
    let (_dir, output, run) = common::build_repository(&[]);
    run.success();
    let artifacts = common::repository().join("target/browser-artifacts");
    // Only this run's screenshots, so the README's are known to be made now.
    let _ = std::fs::remove_dir_all(&artifacts);
    let result = Command::new("node")
        .arg(common::repository().join("tests/browser/run.mjs"))
        .arg(&output)
        .arg(&artifacts)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&result.stdout);
    println!("{stdout}");
    assert!(
        result.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&result.stderr)
    );
    readme_shows_screenshots_of_this_suite(&artifacts);
}

/// Every picture the README shows from `docs/screenshots/` is one the
/// suite makes (refreshed from this run on request), and the README shows
/// at least one.
fn readme_shows_screenshots_of_this_suite(artifacts: &Path) {
    let taken: BTreeSet<String> = std::fs::read_to_string(artifacts.join("screenshots.txt"))
        .expect("the suite lists its screenshots")
        .lines()
        .map(str::to_owned)
        .collect();
    let readme = std::fs::read_to_string(common::repository().join("README.md")).expect("README");
    const FOLDER: &str = "docs/screenshots/";
    let shown: BTreeSet<String> = readme
        .split(&format!("]({FOLDER}"))
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .map(str::to_owned)
        .collect();
    assert!(
        !shown.is_empty(),
        "the README shows no screenshot of the suite"
    );
    let update = std::env::var_os("VANBAN_UPDATE_SCREENSHOTS").is_some();
    let folder = common::repository().join(FOLDER);
    for name in &shown {
        assert!(
            taken.contains(name),
            "the README shows {FOLDER}{name}, which the browser suite does not make (it makes {taken:?})"
        );
        if update {
            std::fs::create_dir_all(&folder).expect("screenshots folder");
            std::fs::copy(artifacts.join(name), folder.join(name)).expect("copy screenshot");
        }
        assert!(
            folder.join(name).exists(),
            "{FOLDER}{name} is missing: run VANBAN_UPDATE_SCREENSHOTS=1 cargo test --test browser"
        );
    }
}
