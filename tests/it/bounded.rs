//! Pages that keep their size however large the archive grows, on
//! generated archives: the front page lists the newest directives and the
//! ways to the rest; the references are split into pages, and a document
//! cited often links to the list of all its citers; a directive cited by
//! many shows the first of each kind and links to the full lists.

use std::collections::BTreeSet;

use crate::common::Site;

/// How many of a group a directive's page shows (`render::related::SHOWN`).
const SHOWN: usize = 10;

/// The `href`s of `html`.
fn hrefs(html: &str) -> Vec<&str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect()
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {html}"));
    let to = html[from..].find(end).map_or(html.len(), |e| from + e);
    &html[from..to]
}

/// Every page of a paginated list that starts at `first` (a site path),
/// following its "next" links.
fn every_page(site: &Site, first: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next {
        let html = site.read(&format!("{}index.html", path.trim_start_matches('/')));
        next = html
            .split("<a href=\"")
            .skip(1)
            .find(|s| s.contains("\" rel=\"next\">Trang sau"))
            .and_then(|s| s.split('"').next())
            .map(str::to_owned);
        pages.push(html);
        assert!(pages.len() < 100, "the pages of {first} never end");
    }
    pages
}

fn directive(site: &Site, path: &str, number: &str, date: &str, extra: &str, body: &str) {
    site.directive(
        path,
        &format!(
            "number: \"{number}\"\nkind: \"Công văn\"\ntitle: \"Công văn {number}\"\nissuer: \"Sở Y tế\"\ndate: {date}\n{extra}"
        ),
        body,
    );
}

/// A date `day` days into 2021.
fn day(day: usize) -> String {
    let (month, day) = (1 + day / 28, 1 + day % 28);
    format!("2021-{month:02}-{day:02}")
}

#[test]
fn the_front_page_lists_the_newest_directives_and_the_ways_to_every_other() {
    let site = Site::new();
    for i in 0..30 {
        directive(
            &site,
            &format!("content/2021/cv-{i:02}.md"),
            &format!("{i}/SYT"),
            &day(i),
            "",
            "",
        );
    }
    directive(
        &site,
        "content/2020/cu.md",
        "1/SYT-CU",
        "2020-05-01",
        "",
        "",
    );
    site.build().success();
    let html = site.read("index.html");
    // Each row links its title to the directive's page, after its number.
    let listed: Vec<&str> = html
        .split("</b> <a href=\"/")
        .skip(1)
        .filter_map(|s| s.split("/\"").next())
        .collect();
    let newest: Vec<String> = (10..30).rev().map(|i| format!("2021/cv-{i:02}")).collect();
    assert_eq!(listed, newest, "the twenty newest, newest first");
    assert!(html.contains("20 trong 31 văn bản"), "{html}");
    let links = hrefs(&html);
    for way in [
        "/timeline/",
        "/issuers/",
        "/kinds/",
        "/levels/",
        "/years/",
        "/tags/",
        "/localities/",
        "/references/",
        "/timeline/2021/",
        "/timeline/2020/",
    ] {
        assert!(links.contains(&way), "{way} in {links:?}");
    }
    // A search that works as a plain form.
    let form = between(&html, "<form", "</form>");
    assert!(form.contains("action=\"/search/\""), "{form}");
    assert!(form.contains("name=\"q\""), "{form}");
    // Each year's months list the directives the front page leaves out.
    assert!(
        site.read("timeline/2020/index.html")
            .contains("href=\"/timeline/2020/")
    );
    let month = walkdir::WalkDir::new(site.output().join("timeline/2020"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("href=\"/2020/cu/\"")));
    assert!(month, "a month of 2020 lists /2020/cu/");
}

#[test]
fn a_directive_cited_by_many_shows_the_first_and_lists_them_all_on_pages_of_their_own() {
    let site = Site::new();
    site.file("site.toml", "paginate = 25\n");
    directive(
        &site,
        "content/h.md",
        "1/H",
        "2021-01-01",
        "",
        "Văn bản gốc.\n",
    );
    let citers = 60;
    for i in 0..citers {
        directive(
            &site,
            &format!("content/c/c{i:02}.md"),
            &format!("{i}/C"),
            &day(i + 1),
            "relations:\n  - { type: implements, number: \"1/H\" }\n",
            "Thực hiện.\n",
        );
    }
    site.build().success();
    let hub = site.read("h/index.html");
    let group = between(&hub, "Được thực hiện bởi (60)</h4>", "</ul>");
    assert_eq!(group.matches("<li>").count(), SHOWN, "{group}");
    assert!(
        hub.contains("<a href=\"/h/duoc-thuc-hien-boi/\">Xem cả 60 văn bản</a>"),
        "{hub}"
    );
    // The chain and the life are cut short too, with a way to the rest.
    let chain = between(&hub, "<ol class=\"chain\">", "</ol>");
    assert_eq!(chain.matches("<li").count(), SHOWN + 2, "{chain}");
    assert!(chain.contains("<a href=\"/h/duoc-thuc-hien-boi/\">cả 60 văn bản</a>"));
    let life = between(&hub, "<ol class=\"life\">", "</ol>");
    assert!(life.contains("… và 50 văn bản khác thực hiện"), "{life}");
    // On the page, only the first ten of them.
    let shown: BTreeSet<&str> = hrefs(&hub)
        .into_iter()
        .filter(|h| h.starts_with("/c/"))
        .collect();
    assert_eq!(shown.len(), SHOWN, "{shown:?}");

    // The full list: every one of them, a page of 25 at a time, in order.
    let pages = every_page(&site, "/h/duoc-thuc-hien-boi/");
    assert_eq!(pages.len(), 3);
    let mut listed = Vec::new();
    for page in &pages {
        let list = between(page, "<ol class=\"related\"", "</ol>");
        assert!(list.matches("<li>").count() <= 25, "{list}");
        listed.extend(hrefs(list).into_iter().map(str::to_owned));
        assert!(page.contains("href=\"/h/\""), "links back to the directive");
    }
    let every: Vec<String> = (0..citers).map(|i| format!("/c/c{i:02}/")).collect();
    assert_eq!(listed, every);
    assert!(pages[1].contains("start=\"26\""), "numbered on from page 1");
    assert!(!site.output().join("h/duoc-thuc-hien-boi/page/4").exists());
    // A group the page shows whole has no list of its own.
    assert!(!site.output().join("c/c00/thuc-hien").exists());
}

#[test]
fn a_page_cannot_take_the_url_of_a_directives_list() {
    let site = Site::new();
    directive(&site, "content/h.md", "1/H", "2021-01-01", "", "");
    directive(&site, "content/h/thuc-hien.md", "2/H", "2021-01-02", "", "");
    site.build().fails_with(
        "content/h/thuc-hien.md:1:1: error: the URL /h/thuc-hien/ is the generator's own, for the list of /h/'s relations",
    );
}

/// Every cited document on the references' pages, as its name is shown.
fn cited_names(pages: &[String]) -> Vec<String> {
    let mut names = Vec::new();
    for page in pages {
        // Each document's item starts a line with its name, a link or a
        // citation; its citers' items start with how they cite it.
        let Some(start) = page.find("<ul class=\"cited-list\">") else {
            continue;
        };
        let lists = &page[start..page.find("</article>").unwrap_or(page.len())];
        for item in lists.split("\n<li><").skip(1) {
            let head = item.split("</p>").next().unwrap_or_default();
            let name = head
                .trim_start_matches(|c| c != '>')
                .trim_start_matches('>');
            names.push(name.split('<').next().unwrap_or_default().to_owned());
        }
    }
    names
}

#[test]
fn the_references_come_a_page_at_a_time_and_every_citer_can_be_found() {
    let site = Site::new();
    site.file("site.toml", "paginate = 4\n");
    directive(&site, "content/h.md", "15/CT-UBND", "2021-01-01", "", "");
    // Seven directives cite 15/CT-UBND (in the archive) and 99/NQ-CP
    // (outside it); each also cites a document outside the archive of its
    // own.
    for i in 0..7 {
        directive(
            &site,
            &format!("content/c/c{i}.md"),
            &format!("{i}/C"),
            &day(i + 1),
            "",
            &format!(
                "Căn cứ Chỉ thị 15/CT-UBND, Nghị quyết 99/NQ-CP và Kế hoạch {}/KH-UBND.\n",
                10 + i
            ),
        );
    }
    site.build().success();
    let pages = every_page(&site, "/references/");
    assert_eq!(pages.len(), 3, "nine documents, four a page");
    let mut names = cited_names(&pages);
    names.sort();
    let mut expected: Vec<String> = (10..17).map(|n| format!("Văn bản {n}/KH-UBND")).collect();
    expected.extend([
        "Công văn 15/CT-UBND".to_owned(),
        "Văn bản 99/NQ-CP".to_owned(),
    ]);
    expected.sort();
    assert_eq!(names, expected, "each once");
    // Outside the archive first, by year, with an index of the years on
    // the first page.
    assert!(pages[0].contains("id=\"ngoai-kho\""));
    assert!(pages[0].contains("id=\"ngoai-kho-khong-ro-ngay\""));
    assert!(pages[2].contains("id=\"trong-kho\""));
    assert!(pages[0].contains("href=\"/references/page/3/#trong-kho-2021\""));

    let all: BTreeSet<String> = (0..7).map(|i| format!("/c/c{i}/")).collect();
    let everything = pages.concat();
    // 99/NQ-CP: its first five citers, and the list of all of them.
    // The document's item ends with the link to all its citers.
    let outside = between(&everything, "Văn bản 99/NQ-CP</cite>", "</a></p>");
    assert_eq!(outside.matches("<li>").count(), 5, "{outside}");
    let list = "/references/ngoai-kho/99-nq-cp/";
    assert!(outside.contains(&format!("href=\"{list}\"")), "{outside}");
    let citers: BTreeSet<String> = every_page(&site, list)
        .iter()
        .flat_map(|page| {
            hrefs(between(page, "<ol class=\"cited-by\"", "</ol>"))
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(citers, all);
    // 15/CT-UBND has a page of its own, which says who cites it.
    let inside = between(&everything, ">Công văn 15/CT-UBND</a>", "</p></li>");
    assert!(
        inside.contains("href=\"/h/#van-ban-lien-quan\""),
        "{inside}"
    );
    let hub = site.read("h/index.html");
    let cited_by: BTreeSet<String> = hrefs(between(&hub, "Được dẫn chiếu bởi</h4>", "</ul>"))
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(cited_by, all);
}
