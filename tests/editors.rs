//! The editors' tools: `new` and `init` make files `check` accepts, and
//! `check --format` speaks to people, to programs and to GitHub.

mod common;

use common::{MINIMAL, Site, vanban};

#[test]
fn new_writes_a_directive_that_check_accepts() {
    let site = Site::new();
    let path = site.root().join("content/2021/07-kl-tw.md");
    let run = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args([
                "new",
                "--kind",
                "Kết luận",
                "--number",
                "07-KL/TW",
                "--issuer",
                "Bộ Chính trị",
                "--date",
                "2021-06-11",
            ])
            .arg(&path)
            .output()
            .unwrap(),
    );
    run.success();
    let text = std::fs::read_to_string(&path).unwrap();
    for field in [
        "number:",
        "kind:",
        "title:",
        "issuer:",
        "date:",
        "level:",
        "place:",
        "signer:",
        "addressees:",
        "recipients:",
        "relations:",
        "circulation:",
        "tags:",
        "localities:",
        "source:",
        "summary:",
        "slug:",
        "draft:",
        "system:",
        "letterhead:",
        "subject:",
        "notes:",
    ] {
        assert!(text.contains(field), "{field} is in the new file");
    }
    assert!(text.contains("number: \"07-KL/TW\""));
    assert!(text.contains("date: 2021-06-11"));
    vanban(&["check", "--drafts"], site.root()).success();
    // Never over an existing file.
    let again = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["new"])
            .arg(&path)
            .output()
            .unwrap(),
    );
    assert_eq!(again.code, Some(1));
    assert!(again.stderr.contains("already exists"));
    let bad = common::Run::from(
        std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["new", "--date", "11/6/2021"])
            .arg(site.root().join("content/x.md"))
            .output()
            .unwrap(),
    );
    assert_eq!(bad.code, Some(1));
}

#[test]
fn init_makes_a_site_that_builds_with_the_built_in_theme() {
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
    vanban(&["check"], &site).success();
    vanban(&["build"], &site).success();
    assert!(site.join("public/index.html").exists());
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
    let objects: Vec<serde_json::Value> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
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
