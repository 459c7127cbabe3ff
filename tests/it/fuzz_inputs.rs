//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`) and every
//! input that once crashed one (`fuzz/regressions/<target>/`) through the
//! same code as the fuzz targets, on stable Rust: fuzzing itself runs while
//! developing (`cargo +nightly fuzz run <target>`, see fuzz/README.md); CI
//! keeps what it found from coming back.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/targets.rs"]
mod targets;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut found: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .filter_map(|kind| std::fs::read_dir(root.join(kind).join(target)).ok())
        .flatten()
        .map(|entry| entry.expect("a readable folder").path())
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no kept inputs for {target}");
    found
}

fn replay(target: &str, run: fn(&[u8])) {
    for path in inputs(target) {
        let data = std::fs::read(&path).expect("a readable input");
        // A panic names the input, to rerun with `cargo fuzz run <target> <path>`.
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{target} panics on {}", path.display());
    }
}

#[test]
fn content_files() {
    replay("content_file", targets::content_file);
}

#[test]
fn references_and_markdown() {
    replay("references", targets::references);
}

#[test]
fn whole_pages() {
    replay("render_page", targets::render_page);
}
