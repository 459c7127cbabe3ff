//! The timeline, navigation, taxonomies, feed and sitemap: the whole of
//! 2020–2021 on one page, every taxonomy browsable, without JavaScript and
//! under a subpath.

use crate::common::{self, Site, broken_links, build_repository};

fn read(output: &std::path::Path, path: &str) -> String {
    std::fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Positions of `needles` in `haystack`, each required.
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| haystack.find(n).unwrap_or_else(|| panic!("{n} missing")))
        .collect()
}

#[test]
fn the_timeline_lists_every_directive_in_date_order() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = read(&output, "timeline/index.html");
    let order = positions(
        &html,
        &[
            "data-directive=\"2020/tb-bo-chinh-tri-2020-03-20\"",
            "data-directive=\"2021/07-kl-tw\"",
            "data-directive=\"2021/4162-vpcp-tkbt\"",
            "data-directive=\"2021/571-cv-tu\"",
            "data-directive=\"2021/10-tb-vptw\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Grouped by year and month.
    let groups = positions(
        &html,
        &[
            "id=\"nam-2020\"",
            "id=\"thang-2020-03\"",
            "id=\"nam-2021\"",
            "id=\"thang-2021-06\"",
            "id=\"thang-2021-08\"",
        ],
    );
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "{groups:?}");
    assert_eq!(html.matches("data-directive=").count(), 5);
}

#[test]
fn circulation_and_outside_documents_are_secondary_entries_tied_to_theirs() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = read(&output, "timeline/index.html");
    // 07-KL/TW was received on 12/6/2021 and copied on 14/6/2021.
    let kl = html.find("data-directive=\"2021/07-kl-tw\"").unwrap();
    let received = html.find("Văn phòng Tỉnh ủy Tuyên Quang, số 963").unwrap();
    let copied = html
        .find("Tỉnh ủy Tuyên Quang, số <span class=\"nowrap\">67-BS/TU</span>")
        .unwrap();
    assert!(kl < received && received < copied);
    assert!(
        html.contains("class=\"entry entry-secondary entry-received\" data-for=\"2021/07-kl-tw\"")
    );
    assert!(
        html.contains("class=\"entry entry-secondary entry-copied\" data-for=\"2021/07-kl-tw\"")
    );
    assert!(html.contains("1 ngày sau khi ban hành"));
    // 4162 is tied to 07-KL/TW, 11 days later.
    assert!(
        html.contains(
            "↳ thực hiện <a href=\"#vb-2021-07-kl-tw\">Kết luận <span class=\"nowrap\">07-KL/TW</span></a>, 11 ngày sau"
        ),
        "tie"
    );
    // The Politburo's directive of 2019, cited from outside, has a dated
    // entry: in the note before the timeline's first month, 3/2020, where
    // the overview starts too, not in a section for 2019.
    assert!(html.contains(
        "class=\"entry entry-secondary entry-outside\" data-for=\"2020/tb-bo-chinh-tri-2020-03-20\""
    ));
    let order = positions(
        &html,
        &[
            "5 văn bản từ tháng 3/2020",
            "<h2 id=\"truoc-thoi-ky\">Trước thời kỳ</h2>",
            "ban hành trước tháng 3/2020",
            "Chỉ thị <span class=\"nowrap\">35-CT/TW</span>",
            "id=\"nam-2020\"",
            "id=\"thang-2020-03\"",
            "data-directive=\"2020/tb-bo-chinh-tri-2020-03-20\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!html.contains("id=\"nam-2019\""));
    // Outside documents of the first month itself stay in its section.
    assert!(
        html.find("Báo cáo <span class=\"nowrap\">1354-BC/BCSĐCP</span>")
            .unwrap()
            > order[5]
    );
}

#[test]
fn the_overview_is_an_accessible_svg_of_linked_marks() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = read(&output, "timeline/index.html");
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap() + 6];
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some("tong-quan-tieu-de tong-quan-mo-ta")
    );
    assert!(root.children().any(|n| n.has_tag_name("title")));
    assert!(root.children().any(|n| n.has_tag_name("desc")));
    let marks: Vec<_> = root.descendants().filter(|n| n.has_tag_name("a")).collect();
    assert_eq!(marks.len(), 5, "one mark per directive");
    for mark in &marks {
        let href = mark.attribute("href").unwrap();
        assert!(
            html.contains(&format!("id=\"{}\"", &href[1..])),
            "{href} is an entry"
        );
        assert!(
            mark.children().any(|n| n.has_tag_name("title")),
            "each mark is named"
        );
    }
    assert!(svg.contains("class=\"mark level-central\""));
    assert!(svg.contains("class=\"mark level-province\""));
    assert!(html.contains(
        "5 văn bản từ tháng 3/2020 đến tháng 8/2021; nhiều nhất vào tháng 6/2021 (2 văn bản)."
    ));
}

#[test]
fn the_site_may_fix_the_overview_range() {
    let site = Site::new();
    site.directive("content/a.md", common::MINIMAL, "").file(
        "site.toml",
        "[timeline]\nstart = \"2020-01\"\nend = \"2021-12\"\n",
    );
    site.build().success();
    assert!(
        site.read("timeline/index.html")
            .contains("1 văn bản từ tháng 1/2020 đến tháng 12/2021")
    );
    site.file(
        "site.toml",
        "[timeline]\nstart = \"2020\"\nend = \"2019-01\"\n",
    );
    site.check().fails_with(
        "site.toml:2:9: error: `timeline.start` must be a month written YYYY-MM, found `2020`",
    );
}

#[test]
fn filters_are_pre_built_pages_that_work_without_javascript() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let timeline = read(&output, "timeline/index.html");
    for link in [
        "href=\"/timeline/levels/province/\"",
        "href=\"/timeline/kinds/cong-van/\"",
        "href=\"/timeline/issuers/bo-chinh-tri/\"",
        "href=\"/timeline/years/2020/\"",
    ] {
        assert!(timeline.contains(link), "{link}");
    }
    let province = read(&output, "timeline/levels/province/index.html");
    assert_eq!(province.matches("data-directive=").count(), 1);
    assert!(province.contains("data-directive=\"2021/571-cv-tu\""));
    let cong_van = read(&output, "timeline/kinds/cong-van/index.html");
    assert_eq!(cong_van.matches("data-directive=").count(), 2);
    // A tie to a directive filtered out links to its page.
    assert!(cong_van.contains(
        "↳ thực hiện <a href=\"/2021/07-kl-tw/\">Kết luận <span class=\"nowrap\">07-KL/TW</span></a>"
    ));
    // Years in the timeline's order, oldest first.
    let years = positions(
        &timeline,
        &[
            "href=\"/timeline/years/2020/\"",
            "href=\"/timeline/years/2021/\"",
        ],
    );
    assert!(years[0] < years[1], "{years:?}");
    let year = read(&output, "timeline/years/2020/index.html");
    assert_eq!(year.matches("data-directive=").count(), 1);
    // The script only enhances: it is a file, never inline.
    assert!(timeline.contains("<script src=\"/timeline.js\" defer></script>"));
    assert!(output.join("timeline.js").exists());
}

#[test]
fn taxonomies_have_an_index_with_counts_and_a_page_per_value() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    for facet in ["issuers", "kinds", "levels", "years", "tags", "localities"] {
        assert!(output.join(facet).join("index.html").exists(), "{facet}");
    }
    let issuers = read(&output, "issuers/index.html");
    assert!(issuers.contains("<a href=\"/issuers/bo-chinh-tri/\">Bộ Chính trị</a> <span class=\"count\">(2 văn bản)</span>"));
    let term = read(&output, "issuers/bo-chinh-tri/index.html");
    assert_eq!(term.matches("class=\"directive-row").count(), 2);
    let locality = read(&output, "localities/phu-quoc/index.html");
    assert!(locality.contains("07-KL/TW"));
    assert!(read(&output, "tags/vac-xin/index.html").contains("07-KL/TW"));
}

#[test]
fn long_listings_are_paginated() {
    let site = Site::new();
    for n in 1..=5 {
        site.directive(
            &format!("content/{n}.md"),
            &format!("number: \"{n}/BYT\"\nkind: \"Công văn\"\ntitle: \"Công văn {n}\"\nissuer: \"Bộ Y tế\"\ndate: 2021-01-0{n}\n"),
            "",
        );
    }
    site.file("site.toml", "paginate = 2\n");
    site.build().success();
    let first = site.read("issuers/bo-y-te/index.html");
    let numbers: Vec<&str> = first
        .split("<span class=\"number\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(numbers, ["5/BYT", "4/BYT"], "newest first, two a page");
    assert!(first.contains("<a href=\"/issuers/bo-y-te/page/2/\" rel=\"next\">"));
    assert!(
        site.output()
            .join("issuers/bo-y-te/page/3/index.html")
            .exists()
    );
    assert!(!site.output().join("issuers/bo-y-te/page/4").exists());
    let last = site.read("issuers/bo-y-te/page/3/index.html");
    assert_eq!(last.matches("class=\"directive-row").count(), 1);
    assert!(last.contains("rel=\"prev\""));
    site.file("site.toml", "paginate = 0\n");
    site.check()
        .fails_with("site.toml:1:12: error: `paginate` must be 1 or more");
}

#[test]
fn each_directive_page_shows_its_life_in_time_and_its_neighbours() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = read(&output, "2021/07-kl-tw/index.html");
    let life = &html[html.find("class=\"life\"").unwrap()..];
    let steps = positions(
        life,
        &[
            "Ban hành",
            "Đến</strong>: Văn phòng Tỉnh ủy Tuyên Quang, số 963 <small>(1 ngày sau)",
            "Sao lục",
            "Được thực hiện bởi</strong>: <a href=\"/2021/4162-vpcp-tkbt/\">",
            "(11 ngày sau)",
        ],
    );
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "{steps:?}");
    assert!(html.contains("<a href=\"/2020/tb-bo-chinh-tri-2020-03-20/\" rel=\"prev\">"));
    assert!(html.contains("<a href=\"/2021/4162-vpcp-tkbt/\" rel=\"next\">"));
}

#[test]
fn the_atom_feed_parses_and_lists_the_newest_first() {
    let (_dir, output, run) = build_repository(&["--base-url", "https://vanban.example/"]);
    run.success();
    let xml = read(&output, "atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(feed.tag_name().name(), "feed");
    for required in ["id", "title", "updated"] {
        assert!(
            feed.children().any(|n| n.has_tag_name(required)),
            "{required}"
        );
    }
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 5);
    let text = |entry: &roxmltree::Node, tag: &str| {
        entry
            .children()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_owned()
    };
    let updated: Vec<String> = entries.iter().map(|e| text(e, "updated")).collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted);
    assert_eq!(
        text(&entries[0], "id"),
        "https://vanban.example/2021/10-tb-vptw/"
    );
    assert!(text(&entries[0], "title").starts_with("Thông báo 10-TB/VPTW: "));
    let link = entries[0]
        .children()
        .find(|n| n.has_tag_name("link"))
        .unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://vanban.example/2021/10-tb-vptw/")
    );
}

#[test]
fn the_sitemap_lists_every_page_and_robots_points_to_it() {
    let (_dir, output, run) = build_repository(&["--base-url", "https://vanban.example/luu-tru/"]);
    run.success();
    let xml = read(&output, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed sitemap");
    let mut listed: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_owned())
        .collect();
    listed.sort();
    let mut pages: Vec<String> = common::snapshot_dir(&output)
        .into_keys()
        .filter(|p| p.file_name().is_some_and(|n| n == "index.html"))
        .map(|p| {
            let dir = p.parent().unwrap().to_string_lossy().replace('\\', "/");
            if dir.is_empty() {
                "https://vanban.example/luu-tru/".to_owned()
            } else {
                format!("https://vanban.example/luu-tru/{dir}/")
            }
        })
        .collect();
    pages.sort();
    assert_eq!(listed, pages);
    assert!(
        read(&output, "robots.txt").contains("Sitemap: https://vanban.example/luu-tru/sitemap.xml")
    );
    assert!(read(&output, "404.html").contains("Không tìm thấy trang"));
}

#[test]
fn under_a_subpath_every_internal_link_resolves_to_a_file() {
    let (_dir, output, run) =
        build_repository(&["--base-url", "https://intranet.example/luu-tru/"]);
    run.success();
    // With the host: the feed's and the sitemap's absolute links too.
    let broken = broken_links(&output, "https://intranet.example/luu-tru/");
    assert!(broken.is_empty(), "{broken:#?}");
    // And nothing escapes the subpath.
    for (page, bytes) in common::snapshot_dir(&output) {
        if page.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8_lossy(&bytes);
            for href in html.split("href=\"/").skip(1) {
                assert!(
                    href.starts_with("luu-tru/"),
                    "{}: /{}",
                    page.display(),
                    &href[..href.len().min(40)]
                );
            }
        }
    }
}

#[test]
fn at_the_root_every_internal_link_resolves_too() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let broken = broken_links(&output, "");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_link_check_finds_a_missing_page_a_missing_anchor_and_a_bad_relative_link() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    std::fs::remove_dir_all(output.join("2021/4162-vpcp-tkbt")).unwrap();
    let page = output.join("pages/gioi-thieu/index.html");
    let html = std::fs::read_to_string(&page).unwrap().replace(
        "</main>",
        "<a href=\"/2021/07-kl-tw/#khong-co\">x</a><a href=\"../khong-co/\">y</a></main>",
    );
    std::fs::write(&page, html).unwrap();
    let broken = broken_links(&output, "");
    let links: std::collections::BTreeSet<&str> = broken.iter().map(|(_, l)| l.as_str()).collect();
    assert!(links.contains("/2021/4162-vpcp-tkbt/"), "{broken:#?}");
    assert!(links.contains("/2021/07-kl-tw/#khong-co"), "{broken:#?}");
    assert!(links.contains("../khong-co/"), "{broken:#?}");
    // The feed links to the removed page too.
    assert!(
        broken.iter().any(|(file, _)| file == "atom.xml"),
        "{broken:#?}"
    );
}

#[test]
fn a_filtered_timeline_starts_where_its_overview_does() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    // The province's one directive, of 7/2021, cites Kết luận 105-KL/TU of
    // 16/5/2021 from outside: before the filtered timeline's range.
    let province = read(&output, "timeline/levels/province/index.html");
    let order = positions(
        &province,
        &[
            "1 văn bản từ tháng 7/2021 đến tháng 7/2021",
            "id=\"truoc-thoi-ky\"",
            "ban hành trước tháng 7/2021",
            "<span class=\"nowrap\">105-KL/TU</span>",
            "id=\"thang-2021-07\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!province.contains("id=\"thang-2021-05\""));
    // With nothing before its range, a timeline has no such note.
    let site = Site::new();
    site.directive("content/a.md", common::MINIMAL, "");
    site.build().success();
    assert!(!site.read("timeline/index.html").contains("truoc-thoi-ky"));
}
