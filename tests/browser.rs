//! The site in a real browser: Debian's Chromium driven by playwright-core
//! (`tests/browser/run.mjs`). `.ci/run` installs both; elsewhere the test
//! says what is missing and passes only outside CI.

mod common;

use std::process::Command;

#[test]
fn the_site_works_in_chromium() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
    let driver = common::repository().join("node_modules/playwright-core");
    let missing: Vec<&str> = [
        (!std::path::Path::new(&chromium).exists())
            .then_some("chromium (apt-get install chromium)"),
        (!driver.exists()).then_some("playwright-core (npm ci)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !common::can_run(&missing) {
        return;
    }
    let (_dir, output, run) = common::build_repository(&[]);
    run.success();
    let artifacts = common::repository().join("target/browser-artifacts");
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
}
