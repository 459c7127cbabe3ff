//! The site in a real browser: Debian's Chromium driven by playwright-core
//! (`tests/browser/run.mjs`): the reader's journeys (cross-references both
//! ways, timeline and filters, search without diacritics, a phone, dark
//! mode, print, JavaScript off), axe-core's WCAG 2.1 AA rules on every
//! page, the keyboard, text alternatives of SVGs. `.ci/run` installs what
//! it needs; plain `cargo test` lists the test as ignored, with what it
//! needs, and `cargo test -- --include-ignored` runs it (failing, with the
//! install commands, where a tool is missing).
//!
//! The site is served under the Content-Security-Policy that the README's
//! Security section recommends, read from the README itself: anything it
//! blocks fails the suite.
//!
//! Its screenshots land in `target/browser-artifacts/`; the README shows
//! some of them from `docs/screenshots/`. Each of those must match this
//! run's picture (at most [`MAX_DIFFERENT`] of its pixels visibly
//! different), so the README never shows a page the site no longer makes;
//! `VANBAN_UPDATE_SCREENSHOTS=1 cargo test --test it browser:: --
//! --include-ignored` copies this run's pictures there instead.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common;

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
        .env("VANBAN_CSP", readme_policy())
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

/// The Content-Security-Policy of the README's nginx example.
fn readme_policy() -> String {
    let readme = std::fs::read_to_string(common::repository().join("README.md")).expect("README");
    const HEADER: &str = "add_header Content-Security-Policy \"";
    let start = readme
        .find(HEADER)
        .expect("the README recommends a Content-Security-Policy")
        + HEADER.len();
    let policy = &readme[start..];
    policy[..policy.find('"').expect("the policy's closing quote")].to_owned()
}

/// The share of a screenshot's pixels that may differ from the README's
/// copy: anti-aliasing, not a changed page.
const MAX_DIFFERENT: f64 = 0.005;

/// How far apart two pixels' channels may be and still count as the same.
const CHANNEL_TOLERANCE: u8 = 16;

/// RGBA pixels of a PNG file, with its width and height.
fn pixels(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut buffer).expect("a PNG frame");
    buffer.truncate(frame.buffer_size());
    let rgba = match frame.color_type {
        png::ColorType::Rgba => buffer,
        png::ColorType::Rgb => buffer
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        other => panic!("{}: unexpected colour type {other:?}", path.display()),
    };
    (frame.width, frame.height, rgba)
}

/// The share of pixels that differ visibly between two pictures of one
/// size; 1.0 when their sizes differ.
fn difference(a: &Path, b: &Path) -> f64 {
    let (a, b) = (pixels(a), pixels(b));
    if (a.0, a.1) != (b.0, b.1) {
        return 1.0;
    }
    let different =
        a.2.chunks(4)
            .zip(b.2.chunks(4))
            .filter(|(p, q)| {
                p.iter()
                    .zip(q.iter())
                    .any(|(x, y)| x.abs_diff(*y) > CHANNEL_TOLERANCE)
            })
            .count();
    different as f64 / f64::from(a.0 * a.1)
}

/// Every picture the README shows from `docs/screenshots/` is one the
/// suite makes and looks as this run's does (or is refreshed from this
/// run on request), and the README shows at least one.
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
            "{FOLDER}{name} is missing: run VANBAN_UPDATE_SCREENSHOTS=1 cargo test --test it browser:: -- --include-ignored"
        );
        let share = difference(&folder.join(name), &artifacts.join(name));
        assert!(
            share <= MAX_DIFFERENT,
            "{FOLDER}{name} is not what the site shows now ({:.1} % of its pixels differ): \
             look at target/browser-artifacts/{name}, then run \
             VANBAN_UPDATE_SCREENSHOTS=1 cargo test --test it browser:: -- --include-ignored",
            share * 100.0
        );
    }
}
