//! Readers' safety and the output's: what content says is shown, never
//! run; the default theme needs no inline script or style, so a strict
//! Content-Security-Policy holds; two builds never write one output at once.

use std::path::Path;

use crate::common::{MINIMAL, Site, build_repository, snapshot_dir};

/// Text that would run, or break out of an attribute or a script, if it
/// reached a page unescaped.
const HOSTILE: &str = r#"<script>alert(1)</script>"'><img src=x onerror=alert(2)>&amp;</title>"#;

fn html_and_xml(output: &Path) -> Vec<(String, String)> {
    snapshot_dir(output)
        .into_iter()
        .filter(|(path, _)| {
            path.extension()
                .is_some_and(|e| e == "html" || e == "xml" || e == "svg")
        })
        .map(|(path, bytes)| {
            (
                path.display().to_string(),
                String::from_utf8(bytes).expect("pages are UTF-8"),
            )
        })
        .collect()
}

#[test]
fn the_default_theme_needs_no_inline_script_style_or_handler() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let pages = html_and_xml(&output);
    assert!(pages.len() > 20, "{} pages", pages.len());
    for (path, html) in pages {
        for (at, _) in html.match_indices("<script") {
            let tag = &html[at..at + html[at..].find('>').expect("a closed tag")];
            assert!(
                tag.contains(" src=") || tag.contains("type=\"application/ld+json\""),
                "{path}: inline script {tag}"
            );
        }
        for attribute in [
            " style=",
            " onclick=",
            " onload=",
            " onerror=",
            "=\"javascript:",
        ] {
            assert!(!html.contains(attribute), "{path}: {attribute}");
        }
        assert!(!html.contains("<style"), "{path}: <style> element");
        // No asset from another host: intranets are often offline.
        for (at, _) in html.match_indices(" src=\"") {
            let url = &html[at + 6..];
            assert!(
                !url.starts_with("http") && !url.starts_with("//"),
                "{path}: {}",
                &url[..40.min(url.len())]
            );
        }
    }
}

#[test]
fn front_matter_values_are_escaped_in_html_attributes_and_json() {
    let site = Site::new();
    let fields = [
        "kind", "title", "issuer", "place", "source", "summary", "subject",
    ];
    let mut front_matter = String::new();
    for field in fields {
        front_matter.push_str(&format!(
            "{field}: {}\n",
            serde_json::to_string(HOSTILE).unwrap()
        ));
    }
    front_matter.push_str(&format!(
        "date: 2021-06-01\nnumber: \"1/CT-X\"\nsigner:\n  name: {h}\n  title: {h}\ntags: [{h}]\nlocalities: [{h}]\nnotes: [{h}]\nletterhead: [{h}]\naddressees: [{h}]\nrecipients: [{h}]\nrelations:\n  - type: cites\n    title: {h}\n    date: 2021-01-01\ncirculation:\n  - action: received\n    office: {h}\n    date: 2021-06-02\n    note: {h}\n",
        h = serde_json::to_string(HOSTILE).unwrap()
    ));
    site.directive("content/2021/a.md", &front_matter, "Nội dung.\n");
    site.file(
        "content/pages/p.md",
        &format!(
            "---\ntitle: {}\n---\nTrang.\n",
            serde_json::to_string(HOSTILE).unwrap()
        ),
    );
    site.build().success();
    let output = site.output();
    for (path, html) in html_and_xml(&output) {
        assert!(!html.contains("<script>alert"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(
            !html.contains("\"'>"),
            "{path}: a quote broke out of an attribute"
        );
        assert!(!html.contains("</title>\""), "{path}");
    }
    // JSON keeps the text exactly, readable by any JSON reader.
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(output.join("directives.json")).unwrap()).unwrap();
    assert_eq!(index[0]["title"], HOSTILE, "{index}");
    // JSON-LD inside <script> cannot close it.
    let page = site.read("2021/a/index.html");
    let start = page.find("application/ld+json\">").unwrap();
    let json_ld = &page[start + 21..start + 21 + page[start + 21..].find("</script>").unwrap()];
    let json_ld: serde_json::Value = serde_json::from_str(json_ld).unwrap();
    assert_eq!(json_ld["name"], HOSTILE);
}

#[test]
fn raw_html_in_markdown_is_sanitised_by_default_and_kept_when_trusted() {
    let body =
        "Ghi <sup>1</sup>.\n\n<script>alert(1)</script>\n\n<b onmouseover=\"alert(2)\">đậm</b>\n";
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, body);
    site.build().success();
    let page = site.read("2021/a/index.html");
    assert!(
        page.contains("<sup>1</sup>") && page.contains("<b>đậm</b>"),
        "{page}"
    );
    assert!(!page.contains("alert("), "{page}");

    site.file("site.toml", "[markdown]\nraw_html = true\n");
    site.build().success();
    let page = site.read("2021/a/index.html");
    assert!(page.contains("<script>alert(1)</script>"), "{page}");
}

#[test]
fn a_build_into_an_output_another_build_holds_stops_and_touches_nothing() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n");
    site.build().success();
    let output = site.output();
    let before = snapshot_dir(&output);
    // What a running build holds: the lock beside its output.
    let lock = std::fs::File::create(output.with_file_name(".public.lock")).unwrap();
    lock.try_lock().unwrap();
    site.directive(
        "content/2021/b.md",
        MINIMAL.replace("thử", "khác").as_str(),
        "Khác.\n",
    );
    site.build().fails_with("another build is writing");
    assert_eq!(snapshot_dir(&output), before);
    drop(lock);
    site.build().success();
    assert!(output.join("2021/b/index.html").is_file());
}
