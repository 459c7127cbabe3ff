//! Search in Vietnamese, with or without diacritics: the index built with
//! the site, queried by the very engine the browser runs (in Node).

use std::path::Path;
use std::process::Command;

use crate::common::{self, build_repository};
use serde_json::{Value, json};

/// Runs `node` with `args`: its standard output, failing the test where
/// node is missing or the script fails; `jsdom` when the script needs the
/// test packages.
fn node(args: &[&std::ffi::OsStr], jsdom: bool) -> Vec<u8> {
    let installed = Command::new("node").arg("--version").output().is_ok();
    let packages = common::repository().join("node_modules/jsdom").exists();
    common::require(
        &[
            (!installed).then_some("node (apt-get install nodejs npm)"),
            (jsdom && !packages).then_some("jsdom (npm ci)"),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>(),
    );
    let run = Command::new("node").args(args).output().expect("node runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    run.stdout
}

/// Runs queries through `search.js` against `output`.
fn query(output: &Path, cases: Value) -> Value {
    let script = common::repository().join("tests/js/search_query.cjs");
    let cases = cases.to_string();
    let stdout = node(&[script.as_ref(), output.as_ref(), cases.as_ref()], true);
    serde_json::from_slice(&stdout).expect("JSON from the engine")
}

fn ids(result: &Value) -> Vec<&str> {
    result["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
#[ignore = "needs Node with the test packages (apt-get install nodejs npm; npm ci): run with --include-ignored, as bash .ci/run does"]
fn queries_with_or_without_diacritics_find_the_directive() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let answer = query(
        &output,
        json!([
            ["phong chong dich", {}],
            ["phòng, chống dịch", {}],
            ["ho chieu vac xin", {}],
            ["Hộ chiếu vắc-xin", {}],
            ["07-KL/TW", {}],
            ["07 kl tw", {}],
            ["07KLTW", {}],
            ["4162", {}],
            ["Bắc Giang 2021", {}],
            ["kiem che", {}],
            ["khong co tu nay xyzzy", {}],
            ["dang cong san", {}]
        ]),
    );
    assert_eq!(answer["shard"], 213, "the browser shards as the index does");
    assert_eq!(answer["fold"], "duong phong chong dich");
    let results = answer["results"].as_array().unwrap();
    let first = |i: usize| ids(&results[i]).first().copied().unwrap_or("");
    // "phòng, chống dịch" is in every directive; all are found.
    assert_eq!(ids(&results[0]).len(), 5, "{:?}", results[0]);
    assert_eq!(
        ids(&results[1]).len(),
        5,
        "with diacritics and punctuation too"
    );
    assert!(ids(&results[0]).contains(&"2021/07-kl-tw"));
    // Hộ chiếu vắc-xin is only in 07-KL/TW, point 3.2.
    assert_eq!(ids(&results[2]), ["2021/07-kl-tw"]);
    assert_eq!(results[2]["passage"], "diem-3-2");
    assert_eq!(ids(&results[3]), ["2021/07-kl-tw"]);
    assert!(results[2]["marked"].as_str().unwrap().contains(
        "<mark>Hộ</mark> <mark>chiếu</mark> <no-br><mark>vắc</mark>-<mark>xin</mark></no-br>"
    ));
    // Numbers as typed, with or without punctuation: the document itself first.
    for i in [4, 5, 6] {
        assert_eq!(first(i), "2021/07-kl-tw", "{:?}", results[i]);
    }
    assert!(
        ids(&results[4]).contains(&"2021/4162-vpcp-tkbt"),
        "which cites it"
    );
    assert_eq!(first(7), "2021/4162-vpcp-tkbt");
    assert_eq!(first(8), "2021/571-cv-tu");
    // The scan's own spelling is searchable.
    assert!(ids(&results[9]).contains(&"2021/07-kl-tw"));
    assert!(ids(&results[10]).is_empty());
    assert!(!ids(&results[11]).is_empty(), "folding đ → d");
}

#[test]
#[ignore = "needs Node with the test packages (apt-get install nodejs npm; npm ci): run with --include-ignored, as bash .ci/run does"]
fn exact_diacritics_rank_first() {
    let site = common::Site::new();
    site.directive(
        "content/a.md",
        "kind: \"Công văn\"\ntitle: \"A\"\nissuer: \"Bộ Y tế\"\ndate: 2021-06-02\n",
        "Về việc bán hàng.\n",
    )
    .directive(
        "content/b.md",
        "kind: \"Công văn\"\ntitle: \"B\"\nissuer: \"Bộ Y tế\"\ndate: 2021-06-01\n",
        "Về việc bàn hàng rào.\n",
    );
    site.build().success();
    let answer = query(
        &site.output(),
        json!([["bàn", {}], ["ban", {}], ["bán", {}]]),
    );
    let results = answer["results"].as_array().unwrap();
    assert_eq!(ids(&results[0]), ["b", "a"], "bàn: the exact form first");
    assert_eq!(ids(&results[1]).len(), 2, "ban: both");
    assert_eq!(ids(&results[2]), ["a", "b"], "bán: the exact form first");
}

#[test]
#[ignore = "needs Node with the test packages (apt-get install nodejs npm; npm ci): run with --include-ignored, as bash .ci/run does"]
fn filters_by_kind_issuer_level_and_year() {
    let (_dir, output, run) = build_repository(&[]);
    run.success();
    let answer = query(
        &output,
        json!([
            ["phong chong dich", {"kind": "cong-van"}],
            ["phong chong dich", {"level": "province"}],
            ["phong chong dich", {"year": "2020"}],
            ["phong chong dich", {"issuer": "bo-chinh-tri", "year": "2021"}],
            ["phong chong dich", {"issuer": "khong-co"}]
        ]),
    );
    let results = answer["results"].as_array().unwrap();
    let mut cong_van = ids(&results[0]);
    cong_van.sort();
    assert_eq!(cong_van, ["2021/4162-vpcp-tkbt", "2021/571-cv-tu"]);
    assert_eq!(ids(&results[1]), ["2021/571-cv-tu"]);
    assert_eq!(ids(&results[2]), ["2020/tb-bo-chinh-tri-2020-03-20"]);
    assert_eq!(ids(&results[3]), ["2021/07-kl-tw"]);
    assert!(ids(&results[4]).is_empty());
}

#[test]
#[ignore = "needs Node (apt-get install nodejs npm): run with --include-ignored, as bash .ci/run does"]
fn a_large_index_cuts_very_common_words_and_filters_by_keys() {
    // An index of 30,000 directives made in memory by the script, in the
    // generator's shard format: checks and their failures are its own.
    let script = common::repository().join("tests/js/search_cut.cjs");
    let stdout = node(&[script.as_ref()], false);
    let report = String::from_utf8_lossy(&stdout);
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok: ")).count(),
        8,
        "{report}"
    );
}

#[test]
fn the_search_page_works_under_a_subpath_and_names_no_other_host() {
    let (_dir, output, run) =
        build_repository(&["--base-url", "https://intranet.example/luu-tru/"]);
    run.success();
    let html = std::fs::read_to_string(output.join("search/index.html")).unwrap();
    assert!(html.contains("data-base=\"/luu-tru\""));
    assert!(html.contains("<script src=\"/luu-tru/search.js\" defer></script>"));
    assert!(html.contains("<option value=\"cong-van\">Công văn</option>"));
    let script = std::fs::read_to_string(output.join("search.js")).unwrap();
    assert!(
        !script.contains("http://") && !script.contains("https://"),
        "no request to another host"
    );
    // Every page has the search link in its header, working without JavaScript.
    let page = std::fs::read_to_string(output.join("2021/07-kl-tw/index.html")).unwrap();
    assert!(page.contains("<a class=\"search-link\" href=\"/luu-tru/search/\">Tìm kiếm</a>"));
    // Which a small script makes a search box; only the search page loads
    // the engine.
    assert!(page.contains("<script src=\"/luu-tru/search-box.js\" defer></script>"));
    assert!(!page.contains("search.js"));
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(output.join("search/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["directives"], 5);
    // Filters are keys of the index: the manifest holds nothing per
    // directive.
    assert_eq!(manifest["version"], 2);
    assert!(manifest.get("directive_facets").is_none());
    assert!(manifest.to_string().len() < 200, "{manifest}");
    let chunk: Value =
        serde_json::from_slice(&std::fs::read(output.join("search/d/0.json")).unwrap()).unwrap();
    assert!(
        chunk[0][1].as_str().unwrap().starts_with("/luu-tru/"),
        "result links under the subpath"
    );
}

#[test]
#[ignore = "needs Node (apt-get install nodejs npm): run with --include-ignored, as bash .ci/run does"]
fn snippets_are_cut_between_words_and_keep_hyphenated_ones_whole() {
    let engine = common::repository().join("themes/default/static/search.js");
    // Five words each side of "phòng" would start inside "(SARS-CoV-2"
    // and end inside "Covid-19"; the cuts move out to the nearest space
    // instead.
    let script = r#"
        const { snippet, parse } = require(process.argv[1]);
        const text = "một hai ba bốn năm sáu bảy tám (SARS-CoV-2 chín mười công tác phòng, chống dịch mười Covid-19, và nữa";
        process.stdout.write(snippet(text, parse("phong chong dich"), 5));
    "#;
    let stdout = node(&["-e".as_ref(), script.as_ref(), engine.as_ref()], false);
    assert_eq!(
        String::from_utf8_lossy(&stdout),
        "… <no-br>(SARS-CoV-2</no-br> chín mười công tác <mark>phòng</mark>, <mark>chống</mark> <mark>dịch</mark> mười <no-br>Covid-19,</no-br> …"
    );
}
