//! The timeline, navigation, taxonomies, feed and sitemap: the whole of
//! 2020–2021 on one page for this small archive, and for a larger one an
//! overview leading to each year and to each month's pages; filtered
//! timelines a page at a time; every taxonomy browsable, without
//! JavaScript and under a subpath.

use std::collections::BTreeMap;

use crate::common::{self, MINIMAL, Site, broken_links, build_repository};

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
    // An entry: its day under its month's heading, its number (and its
    // kind, unless its title begins with it), its issuer, its title.
    assert!(html.contains(
        "<time datetime=\"2021-06-11\">11/6</time> <b>07-KL/TW</b> · Bộ Chính trị<br><a href=\"/2021/07-kl-tw/\">Kết luận của Bộ Chính trị"
    ));
    assert!(html.contains(
        "<time datetime=\"2021-06-22\">22/6</time> <b>Công văn 4162/VPCP-TKBT</b> · Văn phòng Chính phủ<br>"
    ));
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
        .find("Tỉnh ủy Tuyên Quang, số <no-br>67-BS/TU</no-br>")
        .unwrap();
    assert!(kl < received && received < copied);
    assert!(html.contains("class=\"entry-received\" data-for=\"2021/07-kl-tw\""));
    assert!(html.contains("class=\"entry-copied\" data-for=\"2021/07-kl-tw\""));
    assert!(html.contains("1 ngày sau khi ban hành"));
    // 4162 is tied to 07-KL/TW, 11 days later.
    assert!(
        html.contains("<p>thực hiện <a href=\"#vb-2021-07-kl-tw\">07-KL/TW</a>, 11 ngày sau"),
        "tie"
    );
    // The Politburo's directive of 2019, cited from outside, has a dated
    // entry: in the note before the timeline's first month, 3/2020, where
    // the overview starts too, not in a section for 2019.
    assert!(html.contains("class=\"entry-outside\" data-for=\"2020/tb-bo-chinh-tri-2020-03-20\""));
    let order = positions(
        &html,
        &[
            "5 văn bản từ tháng 3/2020",
            "<h2 id=\"truoc-thoi-ky\">Trước thời kỳ</h2>",
            "ban hành trước tháng 3/2020",
            "Chỉ thị <no-br>35-CT/TW</no-br>",
            "id=\"nam-2020\"",
            "id=\"thang-2020-03\"",
            "data-directive=\"2020/tb-bo-chinh-tri-2020-03-20\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!html.contains("id=\"nam-2019\""));
    // Outside documents of the first month itself stay in its section.
    assert!(html.find("Báo cáo <no-br>1354-BC/BCSĐCP</no-br>").unwrap() > order[5]);
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
        "href=\"/timeline/localities/phu-quoc/\"",
        "href=\"/timeline/2020/\"",
    ] {
        assert!(timeline.contains(link), "{link}");
    }
    let province = read(&output, "timeline/levels/province/index.html");
    assert_eq!(province.matches("data-directive=").count(), 1);
    assert!(province.contains("data-directive=\"2021/571-cv-tu\""));
    let cong_van = read(&output, "timeline/kinds/cong-van/index.html");
    assert_eq!(cong_van.matches("data-directive=").count(), 2);
    // A filtered timeline is a compact list: the ties are on the month's
    // page (and the directive's own), which the page says.
    assert!(!cong_van.contains("<p>thực hiện"));
    assert!(cong_van.contains("Quan hệ giữa các văn bản"));
    let june = read(&output, "timeline/2021/06/index.html");
    assert!(june.contains("<p>thực hiện <a href=\"#vb-2021-07-kl-tw\">07-KL/TW</a>, 11 ngày sau"));
    // On one page, its overview's marks lead to its entries: they keep
    // their anchors. An issuer's own timeline does not name it on each line.
    assert!(cong_van.contains("<a href=\"#vb-2021-571-cv-tu\"><title>"));
    assert!(cong_van.contains(" id=\"vb-2021-571-cv-tu\" data-directive="));
    let politburo = read(&output, "timeline/issuers/bo-chinh-tri/index.html");
    assert!(!politburo.contains("</b> · Bộ Chính trị<br>"));
    assert!(june.contains("</b> · Bộ Chính trị<br>"));
    let phu_quoc = read(&output, "timeline/localities/phu-quoc/index.html");
    assert!(phu_quoc.contains("data-directive=\"2021/07-kl-tw\""));
    // Years in the timeline's order, oldest first; a year's filter is the
    // year's own page, not a copy of it.
    let years = positions(
        &timeline,
        &["href=\"/timeline/2020/\"", "href=\"/timeline/2021/\""],
    );
    assert!(years[0] < years[1], "{years:?}");
    assert!(!output.join("timeline/years").exists());
    let year = read(&output, "timeline/2021/index.html");
    for month in ["05", "06", "07", "08", "09"] {
        assert!(
            year.contains(&format!("href=\"/timeline/2021/{month}/\"")),
            "{month}"
        );
    }
    assert!(
        !year.contains("href=\"/timeline/2021/04/\""),
        "a month without entries"
    );
    // The facets' indexes lead to a term's timeline; a year's, to the
    // year's page.
    assert!(read(&output, "years/index.html").contains("href=\"/timeline/2020/\""));
    assert!(
        read(&output, "localities/index.html").contains("href=\"/timeline/localities/phu-quoc/\"")
    );
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
    // A facet that filters the timeline lists each value's directives
    // there: the index leads to it.
    assert!(issuers.contains("<a href=\"/timeline/issuers/bo-chinh-tri/\">Bộ Chính trị</a> <span class=\"count\">(2 văn bản)</span>"));
    let term = read(&output, "timeline/issuers/bo-chinh-tri/index.html");
    assert_eq!(term.matches("data-directive=").count(), 2);
    assert!(read(&output, "years/index.html").contains("href=\"/timeline/2021/\""));
    let locality = read(&output, "timeline/localities/phu-quoc/index.html");
    assert!(locality.contains("07-KL/TW"));
    assert!(read(&output, "tags/vac-xin/index.html").contains("07-KL/TW"));
}

#[test]
fn spellings_that_slug_alike_are_one_term_shown_as_most_written() {
    let site = Site::new();
    let issuer = |file: &str, issuer: &str, tags: &str| {
        site.directive(
            &format!("content/{file}.md"),
            &format!(
                "kind: \"Công văn\"\ntitle: \"Về việc {file}\"\nissuer: \"{issuer}\"\ndate: 2021-06-01\ntags: [{tags}]\n"
            ),
            "x\n",
        );
    };
    // Two old-style spellings against one new: the old is shown. The
    // tags are used once each: the one that sorts first is shown.
    issuer("a", "Tỉnh uỷ Hà Giang", "\"Giãn cách\"");
    issuer("b", "Tỉnh ủy Hà Giang", "\"giãn cách\"");
    issuer("c", "Tỉnh uỷ Hà Giang", "");
    site.build().success();
    let issuers = site.read("issuers/index.html");
    assert_eq!(
        issuers
            .matches("/timeline/issuers/tinh-uy-ha-giang/")
            .count(),
        1,
        "{issuers}"
    );
    assert!(
        issuers.contains(">Tỉnh uỷ Hà Giang</a> <span class=\"count\">(3 văn bản)"),
        "{issuers}"
    );
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains(">Giãn cách</a> <span class=\"count\">(2 văn bản)"),
        "{tags}"
    );
}

#[test]
fn long_listings_are_paginated() {
    let site = Site::new();
    for n in 1..=5 {
        site.directive(
            &format!("content/{n}.md"),
            &format!("number: \"{n}/BYT\"\nkind: \"Công văn\"\ntitle: \"Công văn {n}\"\nissuer: \"Bộ Y tế\"\ndate: 2021-01-0{n}\ntags: [\"y tế\"]\n"),
            "",
        );
    }
    site.file("site.toml", "paginate = 2\n");
    site.build().success();
    let first = site.read("tags/y-te/index.html");
    // Each row names its number alone, its title beginning with its kind.
    let numbers: Vec<&str> = first
        .split("</time> <b>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert_eq!(numbers, ["5/BYT", "4/BYT"], "newest first, two a page");
    assert!(first.contains("<a href=\"/tags/y-te/page/2/\" rel=\"next\">"));
    assert!(site.output().join("tags/y-te/page/3/index.html").exists());
    assert!(!site.output().join("tags/y-te/page/4").exists());
    let last = site.read("tags/y-te/page/3/index.html");
    // One row left, its date and then its number.
    assert_eq!(last.matches("</time> <b>").count(), 1);
    assert!(last.contains("rel=\"prev\""));
    // An issuer's directives are listed once, on its timeline.
    assert!(!site.output().join("issuers/bo-y-te").exists());
    assert!(
        site.output()
            .join("timeline/issuers/bo-y-te/index.html")
            .exists()
    );
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
            "Đến</b>: Văn phòng Tỉnh ủy Tuyên Quang, số 963 <small>(1 ngày sau)",
            "Sao lục",
            "Được thực hiện bởi</b>: <a href=\"/2021/4162-vpcp-tkbt/\">",
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
    // 16/5/2021 from outside: its overview starts in 7/2021 all the same,
    // and documents cited from outside stay on the months' pages.
    let province = read(&output, "timeline/levels/province/index.html");
    let order = positions(
        &province,
        &[
            "1 văn bản từ tháng 7/2021 đến tháng 7/2021",
            "id=\"thang-2021-07\"",
        ],
    );
    assert!(order[0] < order[1], "{order:?}");
    assert!(!province.contains("id=\"thang-2021-05\""));
    assert!(!province.contains("105-KL/TU"));
    let may = read(&output, "timeline/2021/05/index.html");
    assert!(may.contains("Kết luận <no-br>105-KL/TU</no-br>"));
    assert!(may.contains(
        "được dẫn chiếu bởi <a href=\"/timeline/2021/07/#vb-2021-571-cv-tu\">571-CV/TU</a>, 67 ngày sau"
    ));
    // The note of what came before the timeline's range leads its first
    // month's page.
    let march = read(&output, "timeline/2020/03/index.html");
    let order = positions(
        &march,
        &[
            "id=\"truoc-thoi-ky\"",
            "Chỉ thị <no-br>35-CT/TW</no-br>",
            "data-directive=\"2020/tb-bo-chinh-tri-2020-03-20\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // With nothing before its range, a timeline has no such note.
    let site = Site::new();
    site.directive("content/a.md", common::MINIMAL, "");
    site.build().success();
    assert!(!site.read("timeline/index.html").contains("truoc-thoi-ky"));
}

/// The links of the timeline's pages that do not resolve, anchors included.
fn broken_timeline_links(output: &std::path::Path) -> Vec<(String, String)> {
    broken_links(output, "")
        .into_iter()
        .filter(|(file, _)| file.starts_with("timeline/"))
        .collect()
}

/// A directive of the Ministry of Health numbered `n/BYT`, of `kind`,
/// dated `date`, with more front matter `extra`.
fn numbered(site: &Site, n: usize, kind: &str, date: &str, extra: &str) {
    site.directive(
        &format!("content/2021/{n}.md"),
        &format!(
            "number: \"{n}/BYT\"\nkind: \"{kind}\"\ntitle: \"{kind} số {n}\"\nissuer: \"Bộ Y tế\"\ndate: {date}\n{extra}"
        ),
        "",
    );
}

/// What implements `n/BYT`, in front matter.
fn implementing(n: usize) -> String {
    format!("relations:\n  - type: implements\n    number: \"{n}/BYT\"\n")
}

/// The ids of the directive entries of `html`, in order.
fn entries(html: &str) -> Vec<String> {
    html.split("data-directive=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

/// June 2021 with six directives, 1/BYT to 6/BYT on the 1st to the 6th,
/// two entries a page; 5/BYT implements 1/BYT and 6/BYT implements 5/BYT;
/// 7/BYT, of July, implements 4/BYT, and was received on 2 July.
fn paginated_site() -> Site {
    let site = Site::new();
    for n in 1..=6 {
        let kind = if n % 2 == 0 {
            "Chỉ thị"
        } else {
            "Công văn"
        };
        let extra = match n {
            5 => implementing(1),
            6 => implementing(5),
            _ => String::new(),
        };
        numbered(&site, n, kind, &format!("2021-06-0{n}"), &extra);
    }
    numbered(
        &site,
        7,
        "Công văn",
        "2021-07-01",
        &format!(
            "{}circulation:\n  - action: received\n    office: \"Sở Y tế\"\n    date: 2021-07-02\n",
            implementing(4)
        ),
    );
    site.file("site.toml", "[timeline]\npaginate = 2\n");
    site
}

#[test]
fn a_month_is_paginated_and_its_ties_lead_to_the_page_of_their_target() {
    let site = paginated_site();
    site.build().success();
    let page = |p: usize| {
        site.read(&if p == 1 {
            "timeline/2021/06/index.html".to_owned()
        } else {
            format!("timeline/2021/06/page/{p}/index.html")
        })
    };
    let pages: Vec<Vec<String>> = (1..=3).map(|p| entries(&page(p))).collect();
    assert_eq!(
        pages,
        [
            ["2021/1", "2021/2"].map(String::from).to_vec(),
            ["2021/3", "2021/4"].map(String::from).to_vec(),
            ["2021/5", "2021/6"].map(String::from).to_vec(),
        ],
        "in date order, two a page"
    );
    assert!(!site.output().join("timeline/2021/06/page/4").exists());
    let last = page(3);
    // To another page of the month: that page and the anchor.
    assert!(
        last.contains(
            "<p>thực hiện <a href=\"/timeline/2021/06/#vb-2021-1\">1/BYT</a>, 4 ngày sau"
        )
    );
    // To an entry on the same page: the anchor alone.
    assert!(last.contains("<a href=\"#vb-2021-5\">5/BYT</a>, 1 ngày sau"));
    // From another month: the page of June that holds 4/BYT.
    let july = site.read("timeline/2021/07/index.html");
    assert!(
        july.contains("<a href=\"/timeline/2021/06/page/2/#vb-2021-4\">4/BYT</a>, 27 ngày sau")
    );
    // The circulation of July's directive is on July's page, tied to it.
    assert!(july.contains(
        "<b>Đến</b> Sở Y tế<p>nhận <a href=\"#vb-2021-7\">7/BYT</a>, 1 ngày sau khi ban hành"
    ));
    // Each page links to every other, and the months to each other.
    let middle = page(2);
    for link in [
        "<a href=\"/timeline/2021/06/\" rel=\"prev\">",
        "<a href=\"/timeline/2021/06/page/3/\" rel=\"next\">",
        "<a href=\"/timeline/2021/06/\">1</a>",
        "<span aria-current=\"page\">2</span>",
        "<a href=\"/timeline/2021/06/page/3/\">3</a>",
        "<a href=\"/timeline/2021/07/\">Tháng 7/2021 ›</a>",
        "<a href=\"/timeline/2021/\">Năm 2021</a>",
    ] {
        assert!(middle.contains(link), "{link}");
    }
    assert!(middle.contains("6 văn bản · trang 2/3"));
    // Too much for one page: the overview holds no entry, but leads to
    // every year and month with their counts by level.
    let overview = site.read("timeline/index.html");
    assert!(entries(&overview).is_empty());
    assert!(
        !overview.contains("timeline.js"),
        "nothing to filter in place"
    );
    assert!(overview.contains(
        "<tr><th scope=\"row\"><a href=\"/timeline/2021/06/\">Tháng 6/2021</a></th><td>6</td><td>6</td></tr>"
    ));
    assert!(overview.contains("<a href=\"/timeline/2021/\">Năm 2021</a>"));
    assert!(
        overview.contains("<a href=\"/timeline/2021/07/\"><title>Tháng 7/2021: 1 văn bản</title>")
    );
    let broken = broken_timeline_links(&site.output());
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn a_filtered_timeline_is_paginated_in_date_order_as_a_compact_list() {
    let site = paginated_site();
    site.build().success();
    let cong_van: Vec<String> = ["", "page/2/"]
        .iter()
        .flat_map(|p| entries(&site.read(&format!("timeline/kinds/cong-van/{p}index.html"))))
        .collect();
    assert_eq!(cong_van, ["2021/1", "2021/3", "2021/5", "2021/7"]);
    assert!(
        !site
            .output()
            .join("timeline/kinds/cong-van/page/3")
            .exists()
    );
    let second = site.read("timeline/kinds/cong-van/page/2/index.html");
    // 5/BYT implements 1/BYT and 7/BYT implements 4/BYT: the months'
    // pages say so, a filtered timeline lists the directives only, without
    // anchors, as nothing links to its entries.
    assert!(!second.contains("1/BYT") && !second.contains("4/BYT"));
    assert!(!second.contains(" id=\"vb-"));
    assert!(second.contains("<a href=\"/timeline/kinds/cong-van/\" rel=\"prev\">"));
    // The first page draws the term's overview and lists the filters; the
    // others do not repeat them.
    let first = site.read("timeline/kinds/cong-van/index.html");
    assert!(first.contains("4 văn bản từ tháng 6/2021 đến tháng 7/2021"));
    assert!(first.contains("class=\"filters\""));
    assert!(!second.contains("<svg") && !second.contains("class=\"filters\""));
    // No circulation on a filtered timeline: it is on the month's page.
    assert!(!second.contains("Sở Y tế"));
    let broken = broken_timeline_links(&site.output());
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_filters_list_the_most_common_terms_and_lead_to_the_rest() {
    let site = Site::new();
    // Fourteen issuers; the first has three directives, the others one.
    for n in 1..=16 {
        let issuer = if n <= 3 { 1 } else { n - 2 };
        site.directive(
            &format!("content/{n}.md"),
            &MINIMAL.replace("Bộ Y tế", &format!("Sở số {issuer:02}")),
            "",
        );
    }
    site.build().success();
    let overview = site.read("timeline/index.html");
    let issuers = &overview[overview.find("data-facet=\"issuers\"").unwrap()..];
    let issuers = &issuers[..issuers.find("</div>").unwrap()];
    assert_eq!(issuers.matches("data-term=").count(), 12);
    assert!(
        issuers.find("Sở số 01").unwrap() < issuers.find("Sở số 02").unwrap(),
        "the most common first"
    );
    assert!(issuers.contains("<a href=\"/issuers/\">Tất cả 14 mục ›</a>"));
    // A term not among them is still shown on its own timeline, current.
    let last = site.read("timeline/issuers/so-so-14/index.html");
    assert!(last.contains("data-term=\"so-so-14\" aria-current=\"page\""));
}

/// The pages of the timeline family of `output`, with their text.
fn timeline_pages(output: &std::path::Path) -> BTreeMap<String, String> {
    common::snapshot_dir(&output.join("timeline"))
        .into_iter()
        .filter(|(path, _)| path.ends_with("index.html"))
        .map(|(path, bytes)| {
            let name = path.parent().unwrap().to_string_lossy().replace('\\', "/");
            (name, String::from_utf8(bytes).unwrap())
        })
        .collect()
}

#[test]
fn on_a_synthetic_archive_every_entry_is_on_one_page_of_its_month_and_every_tie_resolves() {
    let site = Site::new();
    let run = common::run_guarded(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban-synth"))
            .args(["--n", "400", "--out"])
            .arg(site.root()),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
    site.file(
        "site.toml",
        &toml.replace("[timeline]\n", "[timeline]\npaginate = 30\n"),
    );
    site.build().success();
    let pages = timeline_pages(&site.output());
    let on_months: Vec<String> = pages
        .iter()
        .filter(|(name, _)| name.starts_with("20") && name.len() > 4)
        .flat_map(|(_, html)| entries(html))
        .collect();
    assert_eq!(
        on_months.len(),
        400,
        "each directive once on the months' pages"
    );
    let distinct: std::collections::BTreeSet<&String> = on_months.iter().collect();
    assert_eq!(distinct.len(), 400);
    for (name, html) in &pages {
        // A page of thirty entries with their ties, and its links.
        assert!(html.len() < 64 * 1024, "{name}: {} bytes", html.len());
        let shown = entries(html).len() + html.matches(" data-for=\"").count();
        assert!(shown <= 30, "{name}: {shown} entries");
    }
    assert!(
        entries(&pages[""]).is_empty(),
        "the overview lists no entry"
    );
    let broken = broken_timeline_links(&site.output());
    assert!(broken.is_empty(), "{:#?}", &broken[..broken.len().min(20)]);
}

#[test]
fn the_timeline_page_size_must_be_a_positive_whole_number() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "");
    site.file("site.toml", "[timeline]\npaginate = 0\n");
    site.check()
        .fails_with("site.toml:2:12: error: `timeline.paginate` must be 1 or more");
}

/// `serve` renders again only the pages a save reaches: after each save
/// that moves entries between the pages of a month, between months, or
/// makes a month, the served site must be what a full build makes.
#[test]
fn after_each_save_the_served_timeline_is_what_a_full_build_makes() {
    use vanban::serve::Session;

    let site = paginated_site();
    let mut session = Session::new(common::serve_options(site.root(), "served"));
    session.rebuild(&[]).expect("first build");
    let path = |n: usize| site.root().join(format!("content/2021/{n}.md"));
    let read = |n: usize| std::fs::read_to_string(path(n)).unwrap();
    type Edit<'a> = (usize, Box<dyn Fn() -> Option<String> + 'a>);
    let edits: Vec<Edit<'_>> = vec![
        // A new directive on the 3rd: June's later entries move a page on,
        // and the ties to them follow (July's to 4/BYT, now on page 3).
        (
            8,
            Box::new(|| {
                Some(format!(
                    "---\nnumber: \"8/BYT\"\nkind: \"Công văn\"\ntitle: \"Mới\"\nissuer: \"Bộ Y tế\"\ndate: 2021-06-03\n{}---\n",
                    implementing(4)
                ))
            }),
        ),
        // Into July: June's pages move back.
        (
            8,
            Box::new(|| Some(read(8).replace("2021-06-03", "2021-07-03"))),
        ),
        // A level: the overview's and the year's counts by level.
        (
            2,
            Box::new(|| Some(read(2).replace("date:", "level: province\ndate:"))),
        ),
        // Circulation in a month that had nothing: a new month, which every
        // month's page leads to.
        (
            1,
            Box::new(|| {
                Some(read(1).replace(
                    "date: 2021-06-01\n",
                    "date: 2021-06-01\ncirculation:\n  - action: copied\n    office: \"Sở Y tế\"\n    date: 2021-09-01\n",
                ))
            }),
        ),
        (8, Box::new(|| None)),
    ];
    for (step, (n, edit)) in edits.iter().enumerate() {
        common::save_matches_full_build(
            &mut session,
            site.root(),
            &path(*n),
            edit(),
            &step.to_string(),
        );
    }
    let served = site.root().join("served/timeline");
    assert!(served.join("2021/09/index.html").exists(), "the new month");
    assert!(served.join("2021/06/page/3/index.html").exists());
}
