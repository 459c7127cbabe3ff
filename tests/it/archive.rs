//! The repository's own archive, built for real: the five directives, laid
//! out as issued, listed on the front page and in directives.json.

use crate::common::{self, build_repository, snapshot_dir};
use serde_json::Value;

fn index(output: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(output.join("directives.json")).expect("directives.json");
    serde_json::from_str::<Value>(&text)
        .expect("valid JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn by_id<'a>(entries: &'a [Value], id: &str) -> &'a Value {
    entries
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no directive {id}"))
}

#[test]
fn the_five_directives_with_their_numbers_and_dates() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let entries = index(&output);
    let mut found: Vec<(String, String, String)> = entries
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap().to_owned(),
                e["number"].as_str().unwrap_or("").to_owned(),
                e["issuer"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    let expected = [
        ("2020-03-20", "", "Bộ Chính trị"),
        ("2021-06-11", "07-KL/TW", "Bộ Chính trị"),
        ("2021-06-22", "4162/VPCP-TKBT", "Văn phòng Chính phủ"),
        ("2021-07-22", "571-CV/TU", "Tỉnh ủy Bắc Giang"),
        ("2021-08-24", "10-TB/VPTW", "Văn phòng Trung ương Đảng"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn directives_json_follows_the_contract() {
    let (_dir, output, run) = build_repository(&["--base-url", "https://vanban.example/luu-tru/"]);
    run.success();
    let entries = index(&output);
    // Newest first.
    let dates: Vec<&str> = entries
        .iter()
        .map(|e| e["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    for entry in &entries {
        for key in [
            "id",
            "number",
            "kind",
            "title",
            "issuer",
            "level",
            "date",
            "url",
            "permalink",
            "relations",
            "cited_by",
            "circulation",
        ] {
            assert!(entry.get(key).is_some(), "{key} missing in {entry}");
        }
        for relation in entry["relations"].as_array().unwrap() {
            // The contract's fields always, null when not known; the
            // project's own only when known.
            for key in ["type", "target", "source", "number", "title", "date"] {
                assert!(relation.get(key).is_some(), "{key} missing in {relation}");
            }
            for key in ["issuer", "kind"] {
                assert!(
                    relation.get(key).is_none_or(Value::is_string),
                    "{key} in {relation}"
                );
            }
        }
        let url = entry["url"].as_str().unwrap();
        assert!(url.starts_with('/') && url.ends_with('/'), "{url}");
        assert_eq!(entry["id"].as_str().unwrap(), url.trim_matches('/'));
        assert_eq!(
            entry["permalink"].as_str().unwrap(),
            format!("https://vanban.example/luu-tru{url}")
        );
    }
    let kl = by_id(&entries, "2021/07-kl-tw");
    assert_eq!(kl["level"], "central");
    assert_eq!(kl["cited_by"], serde_json::json!(["2021/4162-vpcp-tkbt"]));
    let received = &kl["circulation"][0];
    assert_eq!(received["action"], "received");
    assert_eq!(received["number"], "963");
    assert_eq!(received["date"], "2021-06-12");
    let copied = &kl["circulation"][1];
    assert_eq!(copied["action"], "copied");
    assert_eq!(copied["number"], "67-BS/TU");

    let cv = by_id(&entries, "2021/4162-vpcp-tkbt");
    let implements = &cv["relations"][0];
    assert_eq!(implements["type"], "implements");
    assert_eq!(implements["target"], "2021/07-kl-tw");
    assert_eq!(implements["source"], "front_matter");
    assert_eq!(implements["number"], "07-KL/TW");

    let notice = by_id(&entries, "2020/tb-bo-chinh-tri-2020-03-20");
    assert!(
        notice["number"].is_null(),
        "the 2020 notice prints no number"
    );
    let outside: Vec<&Value> = notice["relations"].as_array().unwrap().iter().collect();
    assert!(outside.iter().all(|r| r["target"].is_null()));
    assert!(outside.iter().any(|r| r["number"] == "1354-BC/BCSĐCP"));
    assert!(outside.iter().any(|r| r["number"] == "35-CT/TW"));
    let chi_thi = outside.iter().find(|r| r["number"] == "35-CT/TW").unwrap();
    assert_eq!(chi_thi["issuer"], "Bộ Chính trị");
    assert_eq!(chi_thi["kind"], "Chỉ thị");
}

#[test]
fn front_page_lists_the_newest_directives_newest_first() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let page = std::fs::read_to_string(output.join("index.html")).unwrap();
    // The list, after the ways in (whose search box shows an example number).
    let html = &page[page.find("id=\"danh-sach\"").expect("the list")..];
    let order = [
        "10-TB/VPTW",
        "571-CV/TU",
        "4162/VPCP-TKBT",
        "07-KL/TW",
        "Thông báo kết luận của Bộ Chính trị về công tác phòng, chống dịch bệnh <no-br>Covid-19</no-br>",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|n| {
            html.find(n)
                .unwrap_or_else(|| panic!("{n} not on the front page"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    for date in [
        "24/8/2021",
        "22/7/2021",
        "22/6/2021",
        "11/6/2021",
        "20/3/2020",
    ] {
        assert!(html.contains(date), "{date}");
    }
    assert!(html.contains("Văn phòng Chính phủ"));
    assert!(html.contains("href=\"/2021/07-kl-tw/\""));
}

#[test]
fn a_party_document_is_laid_out_as_issued() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = std::fs::read_to_string(output.join("2021/07-kl-tw/index.html")).unwrap();
    for expected in [
        "BAN CHẤP HÀNH TRUNG ƯƠNG",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số <no-br>07-KL/TW</no-br>",
        "<em>Hà Nội, ngày 11 tháng 6 năm 2021</em>",
        "KẾT LUẬN CỦA BỘ CHÍNH TRỊ",
        "về một số nhiệm vụ trọng tâm",
        "T/M BỘ CHÍNH TRỊ",
        "Võ Văn Thưởng",
        "Nơi nhận:",
        "Kết luận này phổ biến đến chi bộ.",
    ] {
        assert!(html.contains(expected), "{expected} missing");
    }
    assert!(!html.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(!html.contains("Số: <no-br>07-KL/TW"));
    // Stamps are circulation, not text.
    let body = &html[html.find("document-body").unwrap()..html.find("</div>\n<footer>").unwrap()];
    assert!(!body.contains("Số lưu"));
    assert!(!body.contains("SAO LỤC"));
    // The scan's slips stay in the text.
    assert!(body.contains("kiểm chế"));
}

#[test]
fn a_state_letter_has_the_national_motto_the_vv_line_and_addressees() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = std::fs::read_to_string(output.join("2021/4162-vpcp-tkbt/index.html")).unwrap();
    for expected in [
        "VĂN PHÒNG CHÍNH PHỦ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: <no-br>4162/VPCP-TKBT</no-br>",
        "V/v thực hiện Kết luận của Bộ Chính trị tháng 6/2021",
        "Kính gửi:",
        "Hà Nội, ngày 22 tháng 6 năm 2021",
    ] {
        assert!(html.contains(expected), "{expected} missing");
    }
    assert!(
        html.contains("href=\"/2021/07-kl-tw/\""),
        "links to what it implements"
    );
}

#[test]
fn numbered_points_have_stable_anchors() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = std::fs::read_to_string(output.join("2021/07-kl-tw/index.html")).unwrap();
    for (anchor, start) in [
        ("diem-1", "1. Trước"),
        ("diem-3", "3. Để"),
        ("diem-3-2", "3.2. Tăng cường"),
        ("diem-3-6", "3.6. Các"),
    ] {
        let tag = format!("<p id=\"{anchor}\">{start}");
        assert!(html.contains(&tag), "{tag}");
    }
    let bg = std::fs::read_to_string(output.join("2021/571-cv-tu/index.html")).unwrap();
    assert!(
        bg.contains("<p id=\"diem-1\"><strong>1.</strong>"),
        "bold point numbers"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, first, run) = build_repository(&[]);
    run.success();
    let (_b, second, run) = build_repository(&[]);
    run.success();
    assert_eq!(snapshot_dir(&first), snapshot_dir(&second));
}

#[test]
fn the_editors_guide_has_highlighted_yaml() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let html = std::fs::read_to_string(output.join("pages/huong-dan-bien-tap/index.html")).unwrap();
    assert!(html.contains("class=\"language-yaml\""));
    assert!(html.contains("<span class=\"hl-"));
    assert!(!html.contains("style=\""), "classes, not inline styles");
}

#[test]
fn check_accepts_the_archive_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for entry in ["content", "site.toml"] {
        let from = common::repository().join(entry);
        if from.exists() {
            common::copy_tree(&from, &root.join(entry));
        }
    }
    let run = common::vanban(&["check"], root);
    run.success();
    assert!(
        run.stdout.contains("checked 5 directives"),
        "{}",
        run.stdout
    );
    assert!(!root.join("public").exists());
}
