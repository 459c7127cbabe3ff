//! What `site.toml` and the environment change: `search = false` leaves
//! search out of every page, `feed_limit` bounds the feed, and on a
//! terminal the report has colour and long builds a progress bar, but
//! never with `NO_COLOR`, never in CI, and never when output is
//! redirected.

use std::path::Path;
use std::process::Command;

use crate::common::{self, MINIMAL, Site};

fn three_directives() -> Site {
    let site = Site::new();
    for (name, date) in [
        ("a", "2021-06-01"),
        ("b", "2021-06-02"),
        ("c", "2021-06-03"),
    ] {
        site.directive(
            &format!("content/2021/{name}.md"),
            &MINIMAL.replace("2021-06-01", date),
            "Nội dung.\n",
        );
    }
    site
}

#[test]
fn search_false_leaves_search_out_of_every_page() {
    let site = three_directives();
    site.file("site.toml", "search = false\n");
    site.build().success();
    let output = site.output();
    // The theme's static files are copied as they are (search.js too);
    // what is left out is the page, its index, and every way to them.
    assert!(!output.join("search").exists(), "search/ was written");
    for page in ["index.html", "2021/a/index.html", "timeline/index.html"] {
        let html = site.read(page);
        assert!(!html.contains("search.js"), "{page} loads search.js");
        assert!(!html.contains("/search/"), "{page} links to search");
    }
    // The default is on, and the same pages then have it.
    site.file("site.toml", "");
    site.build().success();
    assert!(output.join("search/index.html").exists());
    assert!(site.read("index.html").contains("/search/"));
}

#[test]
fn feed_limit_bounds_the_feed_to_the_newest() {
    let site = three_directives();
    site.file("site.toml", "feed_limit = 2\n");
    site.build().success();
    let feed = site.read("atom.xml");
    let doc = roxmltree::Document::parse(&feed).expect("well-formed feed");
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|entry| {
            entry
                .children()
                .find(|c| c.has_tag_name("link"))?
                .attribute("href")
        })
        .collect();
    assert_eq!(
        links,
        ["/2021/c/", "/2021/b/"],
        "the two newest, newest first"
    );
    site.file("site.toml", "feed_limit = 0\n");
    site.check().fails_with("site.toml:1:");
}

/// Runs the binary on a pseudo-terminal (util-linux's `script`), with
/// `env` added to an environment cleared of `NO_COLOR` and `CI`: what a
/// person at a terminal sees.
fn on_a_terminal(args: &str, root: &Path, env: &[(&str, &str)]) -> String {
    let command = format!(
        "{} {args} --root {}",
        env!("CARGO_BIN_EXE_vanban"),
        root.display()
    );
    let mut script = Command::new("script");
    script
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("CI")
        // A terminal names its type; without one (a CI runner, `env -i`)
        // indicatif takes it for a dumb terminal and draws no bar.
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied());
    common::run_guarded(&mut script).stdout
}

const BOLD_RED: &str = "\x1b[1;31m";

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let site = Site::new();
    site.directive("content/a.md", "kind: \"Công văn\"\n", "");
    let terminal = on_a_terminal("check", site.root(), &[]);
    assert!(terminal.contains("missing required field"), "{terminal}");
    assert!(terminal.contains(BOLD_RED), "no colour on a terminal");
    let no_color = on_a_terminal("check", site.root(), &[("NO_COLOR", "1")]);
    assert!(no_color.contains("missing required field"), "{no_color}");
    assert!(!no_color.contains('\x1b'), "colour despite NO_COLOR");
    let redirected = site.check();
    assert!(!redirected.stderr.contains('\x1b'), "colour into a pipe");
}

/// The bar's own words, from its template in `src/cli/progress.rs`.
const BAR: &str = " trang (";

#[test]
fn a_progress_bar_on_a_terminal_never_in_ci() {
    // The bar is told to appear at once, so that whether it is drawn does
    // not depend on how fast the build is.
    let dir = tempfile::tempdir().expect("temporary folder");
    let synth = common::run_guarded(
        Command::new(env!("CARGO_BIN_EXE_vanban-synth"))
            .args(["--n", "1500", "--out"])
            .arg(dir.path()),
    );
    assert_eq!(synth.code, Some(0), "{}", synth.stderr);
    let at_once = ("VANBAN_PROGRESS_AFTER_MS", "0");
    let terminal = on_a_terminal("build", dir.path(), &[at_once]);
    assert!(terminal.contains("built 1500 directives"), "{terminal}");
    assert!(terminal.contains(BAR), "no bar on a terminal:\n{terminal}");
    let ci = on_a_terminal("build", dir.path(), &[("CI", "true"), at_once]);
    assert!(ci.contains("built 1500 directives"), "{ci}");
    assert!(!ci.contains(BAR), "a bar in CI:\n{ci}");
    let redirected = common::run_guarded(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", "--root"])
            .arg(dir.path())
            .env_remove("CI")
            .env(at_once.0, at_once.1),
    );
    assert!(!redirected.stderr.contains(BAR), "a bar into a pipe");
}
