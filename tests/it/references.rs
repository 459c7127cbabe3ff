//! Cross-references, on this archive and on synthetic ones written to the
//! contract: both directions, numbers in the text, documents outside the
//! archive, ambiguity, and the machine-readable graph.

use crate::common::{self, Site, build_repository};
use serde_json::Value;

fn page(output: &std::path::Path, id: &str) -> String {
    std::fs::read_to_string(output.join(id).join("index.html")).unwrap()
}

/// The "Văn bản liên quan" panel of a page.
fn panel(html: &str) -> &str {
    let start = html
        .find("id=\"van-ban-lien-quan\"")
        .expect("a related panel");
    &html[start
        ..html[start..]
            .find("</aside>")
            .map_or(html.len(), |e| start + e)]
}

#[test]
fn the_letter_links_to_the_conclusion_it_implements_and_back() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let letter = page(&output, "2021/4162-vpcp-tkbt");
    let related = panel(&letter);
    assert!(related.contains("Thực hiện"), "{related}");
    assert!(
        related.contains("<a href=\"/2021/07-kl-tw/\">Kết luận 07-KL/TW</a>"),
        "{related}"
    );

    let conclusion = page(&output, "2021/07-kl-tw");
    let related = panel(&conclusion);
    assert!(related.contains("Được thực hiện bởi"), "{related}");
    assert!(
        related.contains("<a href=\"/2021/4162-vpcp-tkbt/\">Công văn 4162/VPCP-TKBT</a>"),
        "{related}"
    );
    // The chain of implementation, drawn without JavaScript.
    assert!(conclusion.contains("class=\"chain\""));
    assert!(conclusion.contains("22/6/2021, 11 ngày sau"));
}

#[test]
fn documents_outside_the_archive_are_shown_unlinked() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let bac_giang = page(&output, "2021/571-cv-tu");
    let related = panel(&bac_giang);
    // Each named as documents cite one another: the title goes on after
    // its kind, which the name already says.
    for expected in [
        "<cite>Kết luận 105-KL/TU</cite> (16/5/2021) của Ban Chấp hành Đảng bộ tỉnh",
        "<cite>Điện</cite> (21/7/2021) của Thường trực Ban Bí thư <small>Chưa có trong kho</small>",
    ] {
        assert!(related.contains(expected), "{expected} in {related}");
    }
    let notice = page(&output, "2020/tb-bo-chinh-tri-2020-03-20");
    let related = panel(&notice);
    for expected in [
        "<cite>Báo cáo 1354-BC/BCSĐCP</cite>",
        "(19/3/2020)",
        "<cite>Chỉ thị 35-CT/TW</cite>",
        "(30/5/2019)",
        "(14/3/2020)",
    ] {
        assert!(related.contains(expected), "{expected} in {related}");
    }
    assert!(!related.contains("href=\"/2019"), "never a broken link");
}

#[test]
fn the_references_page_lists_every_cited_document_and_who_cites_it() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = page(&output, "references");
    let outside =
        &html[html.find("id=\"ngoai-kho\"").unwrap()..html.find("id=\"trong-kho\"").unwrap()];
    for number in ["105-KL/TU", "1354-BC/BCSĐCP", "35-CT/TW", "234/BC-BCSD"] {
        assert!(outside.contains(number), "{number}");
    }
    let inside = &html[html.find("id=\"trong-kho\"").unwrap()..];
    assert!(inside.contains(">Kết luận 07-KL/TW</a>"));
    assert!(inside.contains(">Công văn 4162/VPCP-TKBT</a>"));
}

#[test]
fn every_directive_page_carries_its_graph_as_json_ld() {
    let (_dir, output, run) = build_repository(&["--base-url", "https://vanban.example/"]);
    run.success();
    let html = page(&output, "2021/4162-vpcp-tkbt");
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationIdentifier"], "4162/VPCP-TKBT");
    assert_eq!(ld["legislationType"], "Công văn");
    assert_eq!(ld["legislationDate"], "2021-06-22");
    assert_eq!(ld["legislationPassedBy"]["name"], "Văn phòng Chính phủ");
    assert_eq!(ld["inLanguage"], "vi");
    assert_eq!(ld["legislationJurisdiction"], "VN");
    assert_eq!(
        ld["legislationApplies"][0]["@id"],
        "https://vanban.example/2021/07-kl-tw/"
    );

    let notice = page(&output, "2020/tb-bo-chinh-tri-2020-03-20");
    let start = notice
        .find("<script type=\"application/ld+json\">")
        .unwrap()
        + 35;
    let end = start + notice[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&notice[start..end]).unwrap();
    let cited: Vec<&str> = ld["citation"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["legislationIdentifier"].as_str())
        .collect();
    assert!(cited.contains(&"35-CT/TW"), "{cited:?}");
    assert!(
        ld.get("legislationIdentifier").is_none(),
        "no number printed, none invented"
    );
}

#[test]
fn documents_outside_the_archive_named_in_front_matter_are_no_problem() {
    // 105-KL/TU and the others are named on purpose by the front matter:
    // the editor's own statement, not a warning, so `--strict` passes.
    let run = common::vanban(&["check"], &common::repository());
    run.success();
    assert!(
        !run.stderr.contains("warning:"),
        "no warnings on the archive:\n{}",
        run.stderr
    );
    common::vanban(&["check", "--strict"], &common::repository()).success();
}

/// A small archive written to the contract, with the hard cases.
fn synthetic() -> Site {
    let site = Site::new();
    let directive = |path: &str, front: &str, body: &str| {
        site.directive(path, front, body);
    };
    directive(
        "content/2020/05-ct-ttg.md",
        "number: \"05/CT-TTg\"\nkind: \"Chỉ thị\"\ntitle: \"Chỉ thị năm 2020\"\nissuer: \"Thủ tướng Chính phủ\"\ndate: 2020-01-28\n",
        "1. Một.\n\n3.2. Ba hai.\n",
    );
    directive(
        "content/2021/05-ct-ttg.md",
        "number: \"05/CT-TTg\"\nkind: \"Chỉ thị\"\ntitle: \"Chỉ thị năm 2021\"\nissuer: \"Thủ tướng Chính phủ\"\ndate: 2021-01-28\n",
        "Chỉ thị này là 05/CT-TTg.\n",
    );
    directive(
        "content/2021/bg-12.md",
        "number: \"12-KL/TU\"\nkind: \"Kết luận\"\ntitle: \"Kết luận Bắc Giang\"\nissuer: \"Tỉnh ủy Bắc Giang\"\ndate: 2021-03-01\n",
        "",
    );
    directive(
        "content/2021/kg-12.md",
        "number: \"12-KL/TU\"\nkind: \"Kết luận\"\ntitle: \"Kết luận Kiên Giang\"\nissuer: \"Tỉnh ủy Kiên Giang\"\ndate: 2021-03-01\n",
        "",
    );
    directive(
        "content/2021/bg-50.md",
        "number: \"50-CV/TU\"\nkind: \"Công văn\"\ntitle: \"Công văn Bắc Giang\"\nissuer: \"Tỉnh ủy Bắc Giang\"\ndate: 2021-04-01\n",
        "Thực hiện Kết luận 12-KL/TU và điểm 3.2 Chỉ thị số 05/CT-TTg, không phải `16/CT-TTg`, xem [16/CT-TTg](https://x.example/).\n\nCông văn 50-CV/TU này; Nghị định 30/2020/NĐ-CP.\n",
    );
    directive(
        "content/2021/yt-1.md",
        "number: \"1/BYT-KCB\"\nkind: \"Công văn\"\ntitle: \"Công văn Bộ Y tế\"\nissuer: \"Bộ Y tế\"\ndate: 2021-05-01\n",
        "Theo Kết luận 12-KL/TU và Chỉ thị 05/CT-TTg ngày 28/01/2020.\n",
    );
    site
}

fn entry<'a>(entries: &'a [Value], id: &str) -> &'a Value {
    entries.iter().find(|e| e["id"] == id).unwrap()
}

#[test]
fn numbers_in_the_text_resolve_by_the_contract() {
    let site = synthetic();
    let run = site.build();
    run.success();
    let entries: Vec<Value> = serde_json::from_str(&site.read("directives.json")).unwrap();

    // Own issuer first: Bắc Giang's 12-KL/TU, not Kiên Giang's.
    let bg = entry(&entries, "2021/bg-50");
    let relations = bg["relations"].as_array().unwrap();
    let find = |number: &str| {
        relations
            .iter()
            .find(|r| r["number"] == number)
            .unwrap_or_else(|| panic!("{number} in {relations:?}"))
    };
    assert_eq!(find("12-KL/TU")["target"], "2021/bg-12");
    assert_eq!(find("12-KL/TU")["source"], "text");
    assert_eq!(find("12-KL/TU")["type"], "cites");
    // A number in the text says neither its issuer nor its kind: the
    // contract's fields are there, null, the project's own left out.
    assert_eq!(find("12-KL/TU").get("title"), Some(&Value::Null));
    for key in ["issuer", "kind"] {
        assert!(find("12-KL/TU").get(key).is_none(), "{key}");
    }
    // Numbering restarts each year: the most recent one on or before.
    assert_eq!(find("05/CT-TTg")["target"], "2021/05-ct-ttg");
    // Outside the archive: kept, target null.
    assert!(find("30/2020/NĐ-CP")["target"].is_null());
    // Never itself; never what code or a link says.
    assert!(
        relations
            .iter()
            .all(|r| r["number"] != "50-CV/TU" && r["number"] != "16/CT-TTg")
    );

    // Bộ Y tế shares no issuer with either 12-KL/TU: ambiguous, unlinked.
    let yt = entry(&entries, "2021/yt-1");
    let ambiguous = yt["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == "12-KL/TU")
        .unwrap();
    assert!(ambiguous["target"].is_null());
    assert!(
        run.stderr
            .contains("content/2021/yt-1.md:8:15: warning: ambiguous reference 12-KL/TU"),
        "{}",
        run.stderr
    );

    // Back-links.
    assert_eq!(
        entry(&entries, "2021/bg-12")["cited_by"],
        serde_json::json!(["2021/bg-50", "2021/yt-1"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| *v != "2021/yt-1")
            .cloned()
            .collect::<Value>()
    );
    // The 2020 directive is never cited by a 2021 text that names no date.
    assert_eq!(
        entry(&entries, "2020/05-ct-ttg")["cited_by"],
        serde_json::json!([])
    );
}

#[test]
fn numbers_in_the_text_become_links_and_points_link_to_their_anchor() {
    let site = synthetic();
    site.build().success();
    let html = site.read("2021/bg-50/index.html");
    assert!(
        html.contains("Kết luận <a href=\"/2021/bg-12/\"><no-br>12-KL/TU</no-br></a>"),
        "{html}"
    );
    // 3.2 is a point of 2021's 05/CT-TTg? No: that one has no points, so the
    // link goes to the page itself.
    assert!(
        html.contains("Chỉ thị số <a href=\"/2021/05-ct-ttg/\"><no-br>05/CT-TTg</no-br></a>"),
        "{html}"
    );
    assert!(html.contains("<code><no-br>16/CT-TTg</no-br></code>"));
    assert!(
        html.contains("Công văn <no-br>50-CV/TU</no-br> này"),
        "no link to itself"
    );
    assert!(
        html.contains("Nghị định <no-br>30/2020/NĐ-CP.</no-br>"),
        "unresolved stays text"
    );
}

#[test]
fn a_cited_point_links_to_its_anchor_when_the_target_has_it() {
    let site = Site::new();
    site.directive(
        "content/a.md",
        "number: \"07-KL/TW\"\nkind: \"Kết luận\"\ntitle: \"A\"\nissuer: \"Bộ Chính trị\"\ndate: 2021-06-11\n",
        "3. Ba.\n\n3.2. Ba hai.\n",
    )
    .directive(
        "content/b.md",
        "number: \"1/VPCP\"\nkind: \"Công văn\"\ntitle: \"B\"\nissuer: \"Văn phòng Chính phủ\"\ndate: 2021-06-22\n",
        "Thực hiện điểm 3.2 Kết luận 07-KL/TW và điểm 9 Kết luận số 07-KL/TW.\n",
    );
    site.build().success();
    let html = site.read("b/index.html");
    assert!(
        html.contains("<a href=\"/a/#diem-3-2\"><no-br>07-KL/TW</no-br></a>"),
        "{html}"
    );
    assert!(
        html.contains("số <a href=\"/a/\"><no-br>07-KL/TW</no-br></a>"),
        "no point 9: the page itself"
    );
    assert!(site.read("a/index.html").contains("Được dẫn chiếu bởi"));
}

#[test]
fn strict_check_fails_on_ambiguity() {
    let site = synthetic();
    site.run(&["check", "--strict"])
        .fails_with("content/2021/yt-1.md:8:15: error: ambiguous reference 12-KL/TU");
}

#[test]
fn front_matter_relations_by_title_and_date() {
    let site = Site::new();
    site.directive(
        "content/dien.md",
        "kind: \"Điện\"\ntitle: \"Điện của Thường trực Ban Bí thư về tăng cường phòng, chống dịch\"\nissuer: \"Ban Bí thư\"\ndate: 2021-07-21\n",
        "",
    )
    .directive(
        "content/cv.md",
        "kind: \"Công văn\"\ntitle: \"C\"\nissuer: \"Tỉnh ủy Bắc Giang\"\ndate: 2021-07-22\nrelations:\n  - { type: implements, title: \"dien cua thuong truc ban bi thu\", date: 2021-07-21 }\n  - { type: replaces, title: \"Điện\", date: 2021-07-23 }\n",
        "",
    );
    let run = site.build();
    run.success();
    let entries: Vec<Value> = serde_json::from_str(&site.read("directives.json")).unwrap();
    let cv = entry(&entries, "cv");
    assert_eq!(cv["relations"][0]["target"], "dien");
    assert!(
        cv["relations"][1]["target"].is_null(),
        "a later document is never a target"
    );
    assert!(
        run.stderr.contains(
            "content/cv.md:8:5: warning: the relation to Điện is dated 2021-07-23, after this directive (2021-07-22)"
        ),
        "{}",
        run.stderr
    );
    assert!(site.read("dien/index.html").contains("Được thực hiện bởi"));
}
