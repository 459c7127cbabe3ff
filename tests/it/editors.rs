//! The editors' tools: `new` and `init` make files `check` accepts, and
//! `check --format` speaks to people, to programs and to GitHub.

use crate::common::{self, MINIMAL, Site, vanban};

/// Every field a directive may have: the contract's, then this project's
/// additions, as validation reads them, so a field added there must be
/// written by `new` too.
const FIELDS: &[&str] = vanban::validate::directive::KEYS;

/// The front matter of a written file, parsed as YAML, and its lines.
fn front_matter(text: &str) -> (serde_json::Value, Vec<&str>) {
    let inner = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(yaml, _)| yaml)
        .expect("front matter between --- lines");
    let parsed: serde_json::Value = serde_saphyr::from_str(inner).expect("YAML");
    (parsed, inner.lines().collect())
}

/// Every field is either set or there, commented out, on a line of its
/// own (`# field:`), ready to be uncommented.
fn assert_every_field_present(parsed: &serde_json::Value, lines: &[&str]) {
    for field in FIELDS {
        let set = parsed.get(field).is_some();
        let commented = lines.iter().any(|l| l.starts_with(&format!("# {field}:")));
        assert!(set || commented, "{field} is set or commented out");
        assert!(!(set && commented), "{field} is not both set and commented");
    }
}

fn new_file(site: &Site, args: &[&str]) -> common::Run {
    let mut all = vec!["new"];
    all.extend(args);
    site.run(&all)
}

#[test]
fn new_writes_a_draft_that_check_accepts() {
    let site = Site::new();
    let run = new_file(
        &site,
        &[
            "--kind",
            "Kết luận",
            "--number",
            "07-KL/TW",
            "--issuer",
            "Bộ Chính trị",
            "--date",
            "2021-06-11",
            "2021/07-kl-tw.md",
        ],
    );
    run.success();
    let path = site.root().join("content/2021/07-kl-tw.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (parsed, lines) = front_matter(&text);
    assert_eq!(parsed["draft"], true, "a new file is a draft");
    assert_eq!(parsed["number"], "07-KL/TW");
    assert_eq!(parsed["kind"], "Kết luận");
    assert_eq!(parsed["issuer"], "Bộ Chính trị");
    assert_eq!(parsed["date"], "2021-06-11");
    assert_every_field_present(&parsed, &lines);
    // Explanations stand on their own lines: no value has a comment after it.
    for line in &lines {
        assert!(
            line.starts_with('#') || !line.contains(" #"),
            "no trailing comment: {line}"
        );
    }
    // A draft: left out of the site until it is marked done.
    vanban(&["check", "--drafts"], site.root()).success();
    site.build().success();
    assert!(!site.read("directives.json").contains("07-KL/TW"));
    // Never over an existing file.
    let again = new_file(&site, &["2021/07-kl-tw.md"]);
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    // A path that starts with content/ names the same folder.
    new_file(&site, &["content/2021/b.md"]).success();
    assert!(site.root().join("content/2021/b.md").exists());
}

#[test]
fn new_without_a_number_leaves_it_commented_out() {
    let site = Site::new();
    new_file(&site, &["a.md"]).success();
    let text = std::fs::read_to_string(site.root().join("content/a.md")).unwrap();
    let (parsed, lines) = front_matter(&text);
    assert!(parsed.get("number").is_none());
    assert_every_field_present(&parsed, &lines);
    assert_eq!(parsed["draft"], true);
}

#[test]
fn a_bad_date_for_new_is_a_usage_error() {
    let site = Site::new();
    let bad = new_file(&site, &["--date", "11/6/2021", "x.md"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains("YYYY-MM-DD"), "{}", bad.stderr);
    assert!(!site.root().join("content/x.md").exists());
}

#[test]
fn init_makes_a_site_that_shows_its_sample_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kho");
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("init")
            .arg(&site)
            .output()
            .unwrap(),
    );
    run.success();
    assert!(site.join("site.toml").exists());
    assert!(site.join("content/pages/huong-dan-bien-tap.md").exists());
    assert!(!site.join("themes").exists(), "the theme is built in");
    // The sample is not a draft, and every field is there to fill in.
    let sample = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name() == "vi-du.md")
        .expect("the sample directive");
    let text = std::fs::read_to_string(sample.path()).unwrap();
    let (parsed, lines) = front_matter(&text);
    assert_eq!(parsed["draft"], false, "the sample is shown at once");
    assert_every_field_present(&parsed, &lines);
    vanban(&["check"], &site).success();
    let built = vanban(&["build"], &site);
    built.success();
    assert!(
        built.stdout.contains("built 1 directive and 1 page "),
        "{}",
        built.stdout
    );
    let public = site.join("public");
    let index: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(public.join("directives.json")).unwrap())
            .unwrap();
    assert_eq!(index.len(), 1, "exactly the sample");
    let id = index[0]["id"].as_str().unwrap();
    assert!(public.join(id).join("index.html").exists(), "its page");
    let timeline = std::fs::read_to_string(public.join("timeline/index.html")).unwrap();
    assert!(
        timeline.contains(&format!("data-directive=\"{id}\"")),
        "the timeline lists it"
    );
    assert!(
        std::fs::read_to_string(public.join("index.html"))
            .unwrap()
            .contains(&format!("/{id}/")),
        "the front page lists it"
    );
    // Not over an existing site.
    let again = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("init")
            .arg(&site)
            .output()
            .unwrap(),
    );
    assert_eq!(again.code, Some(1));
}

fn broken() -> Site {
    let site = Site::new();
    site.directive("content/a.md", &format!("{MINIMAL}levle: central\n"), "")
        .directive("content/b.md", MINIMAL, "Thực hiện Công văn 9/BYT-KCB.\n");
    site
}

#[test]
fn check_for_github_prints_workflow_annotations() {
    let run = broken().run(&["check", "--format", "github"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(
            "::error file=content/a.md,line=6,col=1::unknown field `levle`; did you mean `level`?"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("::warning file=content/b.md,line=7,col=20::9/BYT-KCB is named in the text but is not in the archive"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .trim_end()
            .ends_with("1 lỗi, 1 cảnh báo (1 error, 1 warning)"),
        "summary last: {}",
        run.stderr
    );
}

#[test]
fn check_as_json_prints_one_object_per_problem() {
    let run = broken().run(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    // Standard output is JSON lines and nothing else.
    let objects: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    assert_eq!(objects.len(), 2);
    assert_eq!(objects[0]["path"], "content/a.md");
    assert_eq!(objects[0]["line"], 6);
    assert_eq!(objects[0]["severity"], "error");
    assert_eq!(objects[1]["severity"], "warning");
}

#[test]
fn output_is_plain_when_not_a_terminal() {
    let run = broken().run(&["check"]);
    assert!(!run.stderr.contains('\u{1b}'), "no colour codes in a pipe");
    assert!(
        run.stderr
            .contains("content/a.md:6:1: error: unknown field `levle`")
    );
}
