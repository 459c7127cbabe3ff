//! The output folder: replaced whole on success, untouched on failure,
//! and nothing written outside it.

use crate::common::{MINIMAL, Site, snapshot_dir};

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Bản đầu.\n");
    site.build().success();
    let before = snapshot_dir(&site.output());
    assert!(site.read("2021/a/index.html").contains("Bản đầu."));

    site.directive("content/2021/a.md", MINIMAL, "Bản hai.\n")
        .file("content/2021/b.md", "---\nkind: [\n---\n");
    site.build().fails_with("content/2021/b.md:");
    assert_eq!(snapshot_dir(&site.output()), before);
    let entries: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !entries.iter().any(|e| e.contains("staging")),
        "{entries:?}"
    );
}

#[test]
fn a_template_error_while_rendering_also_keeps_the_previous_output() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    site.build().success();
    let before = snapshot_dir(&site.output());
    site.file("templates/directive.html", "{{ directive.nope }}");
    site.build().fails_with("templates/directive.html:1:");
    assert_eq!(snapshot_dir(&site.output()), before);
}

#[test]
fn a_successful_build_replaces_the_output_whole() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    site.build().success();
    std::fs::rename(
        site.root().join("content/2021/a.md"),
        site.root().join("content/2021/b.md"),
    )
    .unwrap();
    site.build().success();
    assert!(site.output().join("2021/b/index.html").exists());
    assert!(
        !site.output().join("2021/a").exists(),
        "stale pages are gone"
    );
}

#[test]
fn nothing_is_written_outside_the_output_folder() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    let before: Vec<_> = snapshot_dir(site.root()).into_keys().collect();
    site.build().success();
    let after: Vec<_> = snapshot_dir(site.root())
        .into_keys()
        .filter(|p| !p.starts_with("public"))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_output_may_not_be_the_site_or_hold_it() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    let root = site.root().to_string_lossy().into_owned();
    let content = site.root().join("content").to_string_lossy().into_owned();
    for output in [root.as_str(), content.as_str()] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(run.stderr.contains("refusing to use"), "{}", run.stderr);
    }
    assert!(site.root().join("content/2021/a.md").exists());
}

#[test]
fn a_folder_that_is_not_a_previous_output_is_not_replaced() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n")
        .file("public/luan-van.docx", "quan trọng");
    let run = site.build();
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("does not look like vanban's output"),
        "{}",
        run.stderr
    );
    assert!(site.output().join("luan-van.docx").exists());
}

#[test]
fn a_custom_output_folder() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    let out = site.root().join("dist/site");
    site.run(&["build", "--output", &out.to_string_lossy()])
        .success();
    assert!(out.join("2021/a/index.html").exists());
    assert!(!site.output().exists());
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n")
        .directive(
            "content/2021/b.md",
            &format!("{MINIMAL}draft: true\nnumber: \"2/X\"\n"),
            "x\n",
        );
    site.build().success();
    assert!(!site.output().join("2021/b").exists());
    assert!(!site.read("directives.json").contains("2021/b"));
    site.run(&["build", "--drafts"]).success();
    assert!(site.output().join("2021/b/index.html").exists());
}

#[test]
fn encodings_line_endings_and_unicode_forms_mean_the_same() {
    use unicode_normalization::UnicodeNormalization;
    let site = Site::new();
    let text = format!("---\n{MINIMAL}---\nPhòng, chống dịch.\n");
    let nfd: String = text.nfd().collect();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    site.file("content/a.md", &text)
        .file("content/b.md", &nfd)
        .file("content/c.md", &crlf);
    // Three documents with the same number would clash; give them none.
    site.build().success();
    // The document itself, without the links to its neighbours.
    let document = |page: &str| {
        let html = site.read(page);
        let start = html.find("<article").unwrap();
        html[start..html.find("</article>").unwrap()].to_owned()
    };
    let a = document("a/index.html");
    assert_eq!(a, document("b/index.html"));
    assert_eq!(a, document("c/index.html"));
    assert!(a.contains("Phòng, chống dịch."));
}

#[test]
fn toml_front_matter_works_like_yaml() {
    let site = Site::new();
    site.file(
        "content/2021/a.md",
        "+++\nnumber = \"16/CT-TTg\"\nkind = \"Chỉ thị\"\ntitle = \"Chỉ thị về thực hiện các biện pháp cấp bách\"\nissuer = \"Thủ tướng Chính phủ\"\nlevel = \"government\"\ndate = 2020-03-31\nplace = \"Hà Nội\"\n\n[signer]\nname = \"Nguyễn Xuân Phúc\"\nauthority = \"Thủ tướng\"\n+++\nNội dung.\n",
    );
    site.build().success();
    let html = site.read("2021/a/index.html");
    assert!(
        html.contains("Số: <no-br>16/CT-TTg</no-br>"),
        "state number line"
    );
    assert!(html.contains("Hà Nội, ngày 31 tháng 3 năm 2020"));
    assert!(html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
}

#[test]
fn a_subpath_base_url_prefixes_every_internal_link() {
    let site = Site::new();
    site.directive("content/2021/a.md", &format!("number: \"1/X\"\n{MINIMAL}"), "[Trang b](/2021/b/)\n")
        .directive(
            "content/2021/b.md",
            "kind: \"K\"\ntitle: \"T\"\nissuer: \"Bộ Y tế\"\ndate: 2021-07-01\nrelations:\n  - { type: implements, number: \"1/X\" }\n",
            "",
        )
        .file("content/pages/gioi-thieu.md", "---\ntitle: \"Giới thiệu\"\n---\nx\n");
    site.run(&["build", "--base-url", "https://intranet.example/luu-tru/"])
        .success();
    for page in [
        "index.html",
        "2021/a/index.html",
        "2021/b/index.html",
        "pages/gioi-thieu/index.html",
    ] {
        let html = site.read(page);
        for href in html
            .split("href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            assert!(
                href.starts_with("/luu-tru/")
                    || href.starts_with("https://intranet.example/luu-tru/")
                    || href.starts_with('#'),
                "{page}: {href}"
            );
        }
    }
    assert!(
        site.read("2021/a/index.html")
            .contains("href=\"/luu-tru/2021/b/\"")
    );
}

#[test]
fn the_canonical_link_is_absolute_or_left_out() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "x\n");
    // Without a host a canonical link could only be root-relative, which
    // is invalid: none is written.
    site.build().success();
    assert!(!site.read("2021/a/index.html").contains("rel=\"canonical\""));
    site.run(&["build", "--base-url", "https://vanban.example/luu-tru/"])
        .success();
    assert!(
        site.read("2021/a/index.html")
            .contains("<link rel=\"canonical\" href=\"https://vanban.example/luu-tru/2021/a/\">")
    );
}
