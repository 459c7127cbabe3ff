// What each fuzz target does with one input. Shared by the targets in
// `fuzz_targets/` (run with `cargo +nightly fuzz run <target>`) and by
// `tests/it/fuzz_inputs.rs`, which replays every kept input on stable Rust in
// CI. Each must return, never panic, for any bytes.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use vanban::body::{Flavour, links, references};
use vanban::diagnostic::Diagnostics;
use vanban::load::{SourceFile, SourceKind, front_matter, source};
use vanban::render::highlight::Highlighter;
use vanban::render::markdown::{self, HtmlSettings};
use vanban::render::theme::Theme;
use vanban::render::{Plan, Silent, Site};

/// A content file's bytes through decoding, front matter and the
/// validation of a directive and of a page.
pub(crate) fn content_file(data: &[u8]) {
    let Ok(decoded) = source::decode_file(data.to_vec()) else {
        return;
    };
    let Ok(split) = front_matter::split(decoded.text) else {
        return;
    };
    for kind in [SourceKind::Directive, SourceKind::Page] {
        let file = SourceFile {
            path: PathBuf::from("content/2021/a.md"),
            content_path: PathBuf::from("2021/a.md"),
            kind,
            front_matter: split.front_matter.clone(),
            body: split.body.clone(),
            body_line: split.body_line,
            body_start: split.body_start,
            stamp: Default::default(),
            verbatim: decoded.verbatim,
        };
        let mut diagnostics = Diagnostics::new();
        let _ = vanban::validate::read_file(file, &mut diagnostics);
    }
}

/// Text through the number detector, the Markdown scan for numbers and
/// for unsafe links, and Markdown to HTML.
pub(crate) fn references(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let found = references::find(text);
    for mention in &found {
        assert!(
            text.is_char_boundary(mention.range.start) && text.is_char_boundary(mention.range.end)
        );
    }
    let _ = references::written_in(text, 1);
    let _ = links::unsafe_links(text, 1);
    static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
    let settings = HtmlSettings {
        base_path: "/kho",
        highlighter: HIGHLIGHTER.get_or_init(Highlighter::new),
        raw_html: false,
    };
    let html = markdown::to_html(text, Flavour::Directive, settings, None);
    assert!(!html.contains("<script"), "a script got through: {html}");
}

/// A site of one directive file with these bytes beside a directive it
/// may cite, loaded, validated, linked and every page rendered with the
/// default theme.
pub(crate) fn render_page(data: &[u8]) {
    static SITE: OnceLock<(tempfile::TempDir, Theme)> = OnceLock::new();
    let (dir, theme) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let content = dir.path().join("content/2021");
        std::fs::create_dir_all(&content).expect("content folder");
        std::fs::write(
            content.join("b.md"),
            "---\nnumber: \"07-KL/TW\"\nkind: \"Kết luận\"\ntitle: \"B\"\nissuer: \"Bộ Chính trị\"\ndate: 2021-01-02\n---\n1. Một.\n\n3.2. Hai.\n",
        )
        .expect("a directive");
        let theme = Theme::load(dir.path(), "default").expect("the default theme");
        (dir, theme)
    });
    render_site(dir.path(), theme, data);
}

fn render_site(root: &Path, theme: &Theme, data: &[u8]) {
    if std::fs::write(root.join("content/2021/a.md"), data).is_err() {
        return;
    }
    let (loaded, _) = vanban::load::load(root);
    let (valid, diagnostics) = vanban::validate::validate(loaded, &Default::default());
    if diagnostics.has_errors() {
        return;
    }
    let (archive, _) = vanban::link::link(valid);
    let plan = Plan::new(Site::new(&archive, theme));
    let bodies = vanban::load::BodySource::new(root);
    let _ = vanban::render::render(&plan, &bodies, plan.jobs(), &Silent, |_| {});
}
