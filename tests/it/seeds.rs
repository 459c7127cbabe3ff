//! The archive is faithful to its sources: every paragraph of every
//! directive's body stands word for word in the scanned seed it came from
//! (`../shared/seeds/` beside the repository, or `VANBAN_SEEDS`). The
//! seeds are not part of the repository: CI has them beside its clone, so
//! `.ci/run` runs this test (`--include-ignored`) and it fails there if
//! they are missing; plain `cargo test` lists it as ignored.

use unicode_normalization::UnicodeNormalization;

use crate::common;

const SOURCES: &[(&str, &str)] = &[
    ("000_", "content/2021/07-kl-tw.md"),
    ("001_", "content/2021/4162-vpcp-tkbt.md"),
    ("002_", "content/2021/10-tb-vptw.md"),
    ("003_", "content/2021/571-cv-tu.md"),
    ("004_", "content/2020/tb-bo-chinh-tri-2020-03-20.md"),
];

/// Whitespace folded, NFC: a page break or a line break is not a change.
fn words(text: &str) -> String {
    text.nfc()
        .collect::<String>()
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "needs the scanned sources in ../shared/seeds or VANBAN_SEEDS: run with --include-ignored, as bash .ci/run does"]
fn every_body_paragraph_is_in_its_seed() {
    let seeds = std::env::var_os("VANBAN_SEEDS").map_or_else(
        || common::repository().join("../shared/seeds"),
        std::path::PathBuf::from,
    );
    let place = format!(
        "the scanned seeds at {} (set VANBAN_SEEDS)",
        seeds.display()
    );
    common::require(&[place.as_str()][..usize::from(!seeds.is_dir())]);
    for (prefix, content) in SOURCES {
        let seed_path = std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap_or_else(|| panic!("no seed {prefix}"));
        let seed = words(&std::fs::read_to_string(seed_path).unwrap());
        let text = std::fs::read_to_string(common::repository().join(content)).unwrap();
        let (_, body) = text.split_once("\n---\n").expect("front matter then body");
        let paragraphs: Vec<String> = body
            .split("\n\n")
            .map(words)
            .filter(|p| !p.is_empty())
            .collect();
        assert!(paragraphs.len() > 5, "{content}: body too short");
        for paragraph in paragraphs {
            assert!(
                seed.contains(&paragraph),
                "{content}: not in the seed: {paragraph}"
            );
        }
    }
}
