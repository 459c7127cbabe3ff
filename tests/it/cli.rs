//! The command line at first contact: what a new user, a new editor and a
//! new CI job run first, and what they are told (issue 16).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::{self, MINIMAL, Site, repository, snapshot_dir, vanban};

/// How long a `serve` may take to say something before the test gives
/// up and kills it: a guard against a hang, not a measure of speed.
const HANG_GUARD: Duration = Duration::from_secs(120);

/// The commands the README's CI section gives, as written there: the
/// GitHub job's `- run: vanban check …` and the GitLab job's
/// `- vanban check …`.
fn readme_ci_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let ci = readme
        .split("### In CI")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README's CI section");
    ci.lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("- run: ").or_else(|| l.strip_prefix("- ")))
        .filter(|l| l.starts_with("vanban check"))
        .map(|l| l.split(" #").next().unwrap_or(l).trim().to_owned())
        .collect()
}

#[test]
fn the_readme_ci_commands_pass_on_this_archive() {
    let commands = readme_ci_commands();
    assert!(
        commands.contains(&"vanban check --strict --format github".to_owned()),
        "{commands:?}"
    );
    assert!(
        commands.contains(&"vanban check --strict".to_owned()),
        "{commands:?}"
    );
    for command in &commands {
        let mut words = command.split_whitespace();
        assert_eq!(words.next(), Some("vanban"));
        // Run as the job does: from the repository's root, no --root.
        let run = common::Run::from(
            Command::new(env!("CARGO_BIN_EXE_vanban"))
                .args(words)
                .current_dir(repository())
                .output()
                .unwrap(),
        );
        assert_eq!(
            run.code,
            Some(0),
            "`{command}` fails:\n{}{}",
            run.stdout,
            run.stderr
        );
        assert!(!run.stderr.contains("::warning"), "{}", run.stderr);
    }
}

#[test]
fn a_bad_base_url_is_a_usage_error() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    let run = site.run(&["build", "--base-url", "file:///srv/site"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("invalid value 'file:///srv/site' for '--base-url"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("is not a base URL"),
        "says why: {}",
        run.stderr
    );
    assert!(!run.stderr.contains("--base-url:1:1"), "{}", run.stderr);
    assert!(!site.output().exists(), "nothing built");
}

#[test]
fn new_writes_only_inside_content() {
    let site = Site::new();
    let before = snapshot_dir(site.root());
    let outside = site.root().parent().unwrap().join("outside.md");
    let absolute_outside = outside.to_string_lossy().into_owned();
    for (path, reason) in [
        ("../outside.md", "`..` is not allowed"),
        ("2021/../../outside.md", "`..` is not allowed"),
        (absolute_outside.as_str(), "it is outside"),
        ("pages/x.md", "content/pages/ holds free-standing pages"),
        ("2021/x.txt", "reads only `.md` files"),
        (".nhap/x.md", "skips names that start with a dot"),
        ("_index.md", "front page"),
    ] {
        let run = site.run(&["new", path]);
        assert_eq!(run.code, Some(1), "{path}: {}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "{path}: error: refusing to write a directive here: "
            )),
            "names the path it refuses: {}",
            run.stderr
        );
        assert!(run.stderr.contains(reason), "{path}: {}", run.stderr);
    }
    assert_eq!(snapshot_dir(site.root()), before, "nothing written");
    assert!(!outside.exists());
    // An absolute path into content/ is fine, and so is `./`.
    let inside = site.root().join("content/2021/a.md");
    site.run(&["new", &inside.to_string_lossy()]).success();
    assert!(inside.exists());
    site.run(&["new", "./content/2021/b.md"]).success();
    site.run(&["new", "./2021/c.md"]).success();
    assert!(site.root().join("content/2021/b.md").exists());
    assert!(site.root().join("content/2021/c.md").exists());
}

#[test]
fn new_refuses_a_folder_that_is_not_a_site() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["new", "foo.md"])
            .current_dir(dir.path())
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("foo.md: error: refusing to write a directive here: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("no `content/` folder"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn every_option_of_new_has_help() {
    let run = vanban_bare(&["new", "--help"]);
    run.success();
    for option in [
        "--kind", "--number", "--issuer", "--title", "--date", "--root",
    ] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(option))
            .unwrap_or_else(|| panic!("{option} in {}", run.stdout));
        let described = line.trim_start().split_once("  ").map(|(_, d)| d.trim());
        assert!(
            described.is_some_and(|d| !d.is_empty()),
            "{option} has a description: {line:?}"
        );
    }
}

#[test]
fn init_names_a_command_that_runs_here() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kho");
    // No `vanban` on PATH: the hint names this very binary.
    let run = common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("init")
            .arg(&site)
            .env("PATH", dir.path())
            .output()
            .unwrap(),
    );
    run.success();
    let binary = Path::new(env!("CARGO_BIN_EXE_vanban"))
        .canonicalize()
        .unwrap();
    let hint = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("next: "))
        .expect("a next step");
    assert_eq!(
        hint,
        format!("{} serve --root {}", binary.display(), site.display())
    );
    // When `vanban` on PATH is this binary, the hint is the short one.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(&binary, bin.join("vanban")).unwrap();
    let other = dir.path().join("kho2");
    let run = common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("init")
            .arg(&other)
            .env("PATH", &bin)
            .output()
            .unwrap(),
    );
    run.success();
    assert!(
        run.stdout
            .contains(&format!("next: cd {} && vanban serve\n", other.display())),
        "{}",
        run.stdout
    );
}

#[test]
fn english_counts_have_their_plural() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    let one = site.check();
    one.success();
    assert!(
        one.stdout.contains("checked 1 directive and 0 pages"),
        "{}",
        one.stdout
    );
    site.directive(
        "content/b.md",
        &MINIMAL.replace("Về việc thử", "Về việc khác"),
        "x\n",
    )
    .file("content/pages/a.md", "---\ntitle: \"A\"\n---\n");
    let two = site.check();
    assert!(
        two.stdout.contains("checked 2 directives and 1 page"),
        "{}",
        two.stdout
    );
}

/// 1/TEST names itself; 2/TEST names 3/TEST, which is in the archive but
/// issued after it, in its front matter and in its text.
fn self_and_later() -> Site {
    let site = Site::new();
    site.directive(
        "content/a.md",
        "number: \"1/TEST\"\nkind: \"Công văn\"\ntitle: \"A\"\nissuer: \"Bộ Y tế\"\ndate: 2021-06-01\nrelations:\n  - { type: cites, number: \"1/TEST\" }\n",
        "",
    )
    .directive(
        "content/b.md",
        "number: \"2/TEST\"\nkind: \"Công văn\"\ntitle: \"B\"\nissuer: \"Bộ Y tế\"\ndate: 2021-05-01\nrelations:\n  - { type: implements, number: \"3/TEST\" }\n",
        "",
    )
    .directive(
        "content/c.md",
        "number: \"3/TEST\"\nkind: \"Công văn\"\ntitle: \"C\"\nissuer: \"Bộ Y tế\"\ndate: 2021-07-01\n",
        "",
    )
    .directive(
        "content/d.md",
        "number: \"4/TEST\"\nkind: \"Công văn\"\ntitle: \"D\"\nissuer: \"Bộ Y tế\"\ndate: 2021-05-02\n",
        "Thực hiện Công văn 3/TEST.\n",
    );
    site
}

#[test]
fn a_relation_to_itself_or_to_a_later_document_says_so() {
    let site = self_and_later();
    let run = site.check();
    run.success();
    assert!(
        run.stderr.contains(
            "content/a.md:8:5: warning: 1/TEST is this directive itself; a directive does not relate to itself"
        ),
        "{}",
        run.stderr
    );
    for at in ["content/b.md:8:5", "content/d.md:8:20"] {
        assert!(
            run.stderr.contains(&format!(
                "{at}: warning: 3/TEST is 3/TEST of Bộ Y tế (2021-07-01), issued after this directive"
            )),
            "{at}: {}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("not in the archive"),
        "3/TEST and 1/TEST are in it: {}",
        run.stderr
    );
    site.run(&["check", "--strict"])
        .fails_with("content/a.md:8:5: error: 1/TEST is this directive itself");
}

#[test]
fn outside_documents_named_in_front_matter_are_kept_without_a_warning() {
    let site = Site::new();
    site.directive(
        "content/a.md",
        &format!(
            "{MINIMAL}relations:\n  - {{ type: implements, number: \"105-KL/TU\", issuer: \"Tỉnh ủy Bắc Giang\", date: 2021-05-16 }}\n"
        ),
        "Thực hiện Kết luận 105-KL/TU và Công văn 9/BYT-KCB.\n",
    );
    let run = site.run(&["build", "--base-url", "https://vanban.example/"]);
    run.success();
    // Only the number the text names and the front matter does not.
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning:"))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].contains("9/BYT-KCB is named in the text but is not in the archive"),
        "{}",
        warnings[0]
    );
    let index: Vec<serde_json::Value> =
        serde_json::from_str(&site.read("directives.json")).unwrap();
    let numbers: Vec<&str> = index[0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["number"].as_str())
        .collect();
    assert!(numbers.contains(&"105-KL/TU"), "{numbers:?}");
    assert!(site.read("references/index.html").contains("105-KL/TU"));
}

/// A draft whose date is not on the calendar and whose `levle` is misspelt.
fn with_a_bad_draft() -> Site {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n").directive(
        "content/nhap.md",
        "kind: \"Công văn\"\ntitle: \"Nháp\"\nissuer: \"Bộ Y tế\"\ndate: 2021-13-02\nlevle: central\ndraft: true\n",
        "x\n",
    );
    site
}

#[test]
fn a_drafts_problems_are_warnings_unless_drafts_are_built() {
    let site = with_a_bad_draft();
    let run = site.build();
    run.success();
    assert!(
        run.stderr.contains(
            "content/nhap.md:5:7: warning: `date`: 2021-13-02 is not a date on the calendar"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/nhap.md:6:1: warning: unknown field `levle`"),
        "{}",
        run.stderr
    );
    assert!(!site.output().join("nhap").exists());
    assert!(
        run.stderr
            .contains("(in a draft, left out of this build; --drafts makes it an error)"),
        "says why it is only a warning: {}",
        run.stderr
    );
    // Nor does it fail CI's strict check.
    let strict = site.run(&["check", "--strict"]);
    strict.success();
    assert!(
        strict
            .stderr
            .contains("content/nhap.md:6:1: warning: unknown field `levle`"),
        "{}",
        strict.stderr
    );
    let drafts = site.run(&["build", "--drafts"]);
    drafts.fails_with("content/nhap.md:5:7: error: `date`: 2021-13-02 is not a date");
    drafts.fails_with("content/nhap.md:6:1: error: unknown field `levle`");
    site.run(&["check", "--drafts"])
        .fails_with("content/nhap.md:6:1: error: unknown field `levle`");
}

#[test]
fn json_lines_are_all_that_standard_output_carries() {
    for (site, args, code) in [
        (with_a_bad_draft(), vec!["check", "--format", "json"], 0),
        (
            with_a_bad_draft(),
            vec!["check", "--drafts", "--format", "json"],
            1,
        ),
        (
            with_a_bad_draft(),
            vec!["build", "--drafts", "--format", "json"],
            1,
        ),
        (with_a_bad_draft(), vec!["build", "--format", "json"], 0),
    ] {
        let run = site.run(&args);
        assert_eq!(run.code, Some(code), "{args:?}: {}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(
            lines.len(),
            2,
            "{args:?}: one line per problem:\n{}",
            run.stdout
        );
        for line in lines {
            let object: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{args:?}: not JSON: {line:?}: {e}"));
            assert_eq!(object["path"], "content/nhap.md");
        }
        // The counts and the rest go to standard error.
        assert!(run.stderr.contains("cảnh báo"), "{}", run.stderr);
    }
}

#[test]
fn every_control_character_of_a_file_is_reported() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "một \u{1} hai\nba \u{2}\n");
    let run = site.check();
    run.fails_with("content/a.md:7:5: error: the file contains the control character U+0001");
    run.fails_with("content/a.md:8:4: error: the file contains the control character U+0002");
}

#[test]
fn refusals_name_the_path_they_refuse() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    let root = site.root().to_string_lossy().into_owned();
    let run = site.run(&["build", "--output", &root]);
    run.fails_with(&format!(
        "{root}: error: refusing to use this folder as the output folder: it would overwrite the site root"
    ));
    assert!(
        run.stderr.lines().all(|l| !l.starts_with("error:")),
        "no refusal without its path: {}",
        run.stderr
    );
    // CI sees it as it sees any problem.
    let github = site.run(&["build", "--output", &root, "--format", "github"]);
    assert_eq!(github.code, Some(1));
    assert!(
        github.stderr.contains(&format!(
            "::error file={}::refusing to use this folder",
            root.replace(':', "%3A").replace(',', "%2C")
        )),
        "{}",
        github.stderr
    );
    let json = site.run(&["build", "--output", &root, "--format", "json"]);
    let object: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert_eq!(object["path"], root.as_str());
    assert!(object["line"].is_null());
    let mine = site.root().join("mine");
    site.file("mine/luan-van.docx", "quan trọng");
    let run = site.run(&["build", "--output", &mine.to_string_lossy()]);
    run.fails_with(&format!(
        "{}: error: refusing to replace this folder: it is not empty and holds no directives.json",
        mine.display()
    ));
}

#[test]
fn a_missing_content_folder_is_named_without_an_invented_place() {
    let dir = tempfile::tempdir().unwrap();
    let run = vanban(&["check"], dir.path());
    run.fails_with(&format!(
        "content: error: no `content/` folder in {}; is --root the site's folder?",
        dir.path().display()
    ));
    assert!(!run.stderr.contains("content:1:1"), "{}", run.stderr);
    let json = vanban(&["check", "--format", "json"], dir.path());
    let object: serde_json::Value = serde_json::from_str(json.stdout.trim()).unwrap();
    assert!(object["line"].is_null(), "{object}");
}

/// `vanban ARGS` without `--root`.
fn vanban_bare(args: &[&str]) -> common::Run {
    common::Run::from(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .output()
            .unwrap(),
    )
}

/// A running `vanban serve`, killed when dropped.
struct Serving {
    child: Child,
    lines: mpsc::Receiver<(bool, String)>,
}

impl Serving {
    fn start(root: &Path, args: &[&str], tmp: &Path) -> Serving {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(args)
            .env("TMPDIR", tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vanban serve");
        let (send, lines) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        for (is_stdout, stream) in [
            (true, Box::new(out) as Box<dyn std::io::Read + Send>),
            (false, Box::new(err)),
        ] {
            let send = send.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if send.send((is_stdout, line)).is_err() {
                        break;
                    }
                }
            });
        }
        Serving { child, lines }
    }

    /// Reads lines until one satisfies `wanted`; the lines read so far.
    fn until(&mut self, wanted: impl Fn(bool, &str) -> bool) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(HANG_GUARD) {
                Ok((is_stdout, line)) => {
                    let done = wanted(is_stdout, &line);
                    seen.push(line);
                    if done {
                        return seen;
                    }
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "serve said nothing awaited; it printed:\n{}",
                        seen.join("\n")
                    );
                }
            }
        }
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_warns_when_it_listens_beyond_this_machine() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    let tmp = tempfile::tempdir().unwrap();
    let mut serving = Serving::start(site.root(), &["--interface", "0.0.0.0"], tmp.path());
    let seen = serving.until(|is_stdout, line| is_stdout && line.starts_with("serving "));
    assert!(
        seen.iter().any(|l| l.starts_with(
            "warning: listening on 0.0.0.0, which other machines can reach"
        )),
        "{seen:?}"
    );
    drop(serving);
    let mut serving = Serving::start(site.root(), &[], tmp.path());
    let seen = serving.until(|is_stdout, line| is_stdout && line.starts_with("serving "));
    assert!(
        seen.iter().all(|l| !l.starts_with("warning: listening")),
        "none on loopback: {seen:?}"
    );
}

#[test]
fn serve_never_writes_into_a_builds_output() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    site.build().success();
    let dist = site.root().join("dist");
    site.run(&["build", "--output", &dist.to_string_lossy()])
        .success();
    let before = snapshot_dir(site.root());
    let public = site.output();
    for output in [public.as_path(), dist.as_path()] {
        let run = site.run(&[
            "serve",
            "--port",
            "0",
            "--output",
            &output.to_string_lossy(),
        ]);
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr.starts_with(&format!(
                "{}: error: refusing to serve into",
                output.display()
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(snapshot_dir(site.root()), before, "nothing touched");
}

#[test]
fn serve_removes_its_temporary_folder_on_sigterm() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    let tmp = tempfile::tempdir().unwrap();
    let mut serving = Serving::start(site.root(), &[], tmp.path());
    serving.until(|is_stdout, line| is_stdout && line.starts_with("serving "));
    let scratch = tmp
        .path()
        .join(format!("vanban-serve-{}", serving.child.id()));
    assert!(
        scratch.join("site/index.html").exists(),
        "serves from {}",
        scratch.display()
    );
    let killed = Command::new("kill")
        .args(["-TERM", &serving.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    // Waits for the exit; the guard thread kills it should it hang.
    let pid = serving.child.id();
    let (done, exited) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if exited.recv_timeout(HANG_GUARD).is_err() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    });
    let status = serving.child.wait().unwrap();
    let _ = done.send(());
    assert_eq!(status.code(), Some(0), "stopped by itself, not killed");
    assert!(!scratch.exists(), "{} is removed", scratch.display());
}
