//! Lighthouse (npm `lighthouse`, pinned to 12.2.3) in Debian's Chromium
//! gives the front page, a directive, the timeline and search 100 in
//! performance, accessibility, best practices and SEO, for the archive
//! built with a base URL that names a host and without one. The work is
//! `bench/lighthouse.mjs`, which serves a built output on loopback; this
//! test builds the repository's archive both ways and runs it.
//!
//! A test binary of its own, not a module of `tests/it/`: cargo runs test
//! binaries one after another, so nothing else runs while it does. The
//! performance score is measured on this machine, and the CPU time other
//! work takes beside it shows as Total Blocking Time: on a two-core
//! machine, builds running beside it raised the timeline's to 140 ms, a
//! performance score of 99, which fails the test. A host slower than the
//! one Lighthouse's default slowdown assumes does the same: there the
//! script measures a page that falls short again with the slowdown
//! Lighthouse's throttling guide gives for that host, and says so (see
//! `calibratedSlowdown` in `bench/lighthouse.mjs`). A page still short is
//! measured five times and Lighthouse's median run stands, as its
//! variability guide advises: the pages must score 100 in that run.

// Only some of the helpers are used here.
#[allow(dead_code)]
#[path = "it/common.rs"]
mod common;

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs Chromium and Lighthouse (apt-get install chromium; npm ci): run with --include-ignored, as bash .ci/run does"]
fn every_page_kind_scores_100_in_every_category_with_and_without_a_host() {
    let chromium = std::env::var("CHROME_PATH").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let modules = common::repository().join("node_modules");
    let node = Command::new("node").arg("--version").output().is_ok();
    let missing: Vec<&str> = [
        (!node).then_some("node (apt-get install nodejs npm)"),
        (!Path::new(&chromium).exists()).then_some("chromium (apt-get install chromium)"),
        (!modules.join("lighthouse").exists()).then_some("lighthouse (npm ci)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    common::require(&missing);
    for (name, extra) in [
        ("without-host", &[][..]),
        ("with-host", &["--base-url", "https://vanban.example/"][..]),
    ] {
        let (_dir, output, run) = common::build_repository(extra);
        run.success();
        let artifacts = common::repository().join("target/lighthouse").join(name);
        let result = Command::new("node")
            .arg(common::repository().join("bench/lighthouse.mjs"))
            .arg(&output)
            .arg(&artifacts)
            .env("CHROME_PATH", &chromium)
            .output()
            .expect("node runs");
        let stdout = String::from_utf8_lossy(&result.stdout);
        println!("{name}:\n{stdout}");
        assert!(
            result.status.success(),
            "{name}: below 100 (reports in {}):\n{stdout}\n{}",
            artifacts.display(),
            String::from_utf8_lossy(&result.stderr)
        );
    }
}
