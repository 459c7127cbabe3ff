//! Faults from outside the content: a build killed at any point, a disk
//! that fills while the site is written, an output folder that cannot be
//! written, a content file that vanishes while the site is built. Each
//! leaves the previous output as it was and says what happened; the next
//! build after a kill is clean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, MINIMAL, Site};

/// A synthetic archive large enough that a debug build takes seconds,
/// so a kill can land before, during and after rendering.
fn synthetic(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let run = common::run_guarded(
        Command::new(env!("CARGO_BIN_EXE_vanban-synth"))
            .args(["--n", &n.to_string(), "--out"])
            .arg(dir.path()),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    dir
}

/// `.<name>.<suffix>` beside the output, as the write stage names them.
fn beside(output: &Path, suffix: &str) -> PathBuf {
    let name = output.file_name().expect("a name").to_string_lossy();
    output.with_file_name(format!(".{name}.{suffix}"))
}

fn count_files(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count()
}

/// Writes a snapshot back as the folder it was taken of.
fn restore(snapshot: &BTreeMap<PathBuf, Vec<u8>>, dir: &Path) {
    for (relative, bytes) in snapshot {
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, bytes).expect("write");
    }
}

fn start_build(root: &Path, output: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a build")
}

/// Where a kill lands: before, during or after rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// Loading and checking: nothing is staged yet.
    Loading,
    /// Some pages are in the staging folder.
    Rendering,
    /// The new output is swapped in; the previous one is being removed
    /// from beside it.
    Rendered,
}

/// Waits until the build reaches `moment`, then kills it with SIGKILL;
/// `false` when it finished first. `total` is how many files the build
/// makes, `swapped` a file only the new output has.
fn kill_at(
    mut child: Child,
    output: &Path,
    moment: Moment,
    (total, corpus): (usize, u64),
    swapped: &Path,
) -> bool {
    let staging = beside(output, "staging");
    let deadline = Instant::now() + common::HANG;
    let started = Instant::now();
    loop {
        let reached = match moment {
            // A moment into the run, a fifth of the files read: known by
            // what the process has read where Linux says so, rather than
            // by a time that a fast machine loads the whole site in.
            Moment::Loading => match bytes_read(&child) {
                Some(read) => read > corpus / 5,
                None => started.elapsed() > Duration::from_millis(20),
            },
            Moment::Rendering => staging.exists() && count_files(&staging) >= total / 4,
            Moment::Rendered => swapped.exists(),
        };
        if reached {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        assert!(Instant::now() < deadline, "the build hung");
        std::thread::sleep(Duration::from_micros(200));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
    true
}

/// How many bytes `child` has read from files and pipes so far, where
/// the system says (`rchar` in Linux's `/proc/<pid>/io`).
fn bytes_read(child: &Child) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{}/io", child.id())).ok()?;
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
}

/// Where a killed build was, judged from what it left: the next output
/// whole, pages staged beside the previous one, or nothing yet.
fn landed(
    output: &Path,
    now: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> Moment {
    let staging = beside(output, "staging");
    if now == after {
        Moment::Rendered
    } else if staging.exists() && count_files(&staging) > 0 {
        Moment::Rendering
    } else {
        Moment::Loading
    }
}

#[test]
fn a_build_killed_at_any_point_leaves_a_whole_output_and_the_next_build_is_clean() {
    let site = synthetic(500);
    let root = site.path();
    let output = root.join("public");
    common::vanban(&["build"], root).success();
    let before = common::snapshot_dir(&output);
    // The next build makes different pages: one more directive.
    std::fs::write(
        root.join("content/2021/them.md"),
        format!("---\n{MINIMAL}number: \"999/KILL\"\n---\nLần dựng thứ hai.\n"),
    )
    .expect("write");
    let reference = tempfile::tempdir().expect("temporary folder");
    let after_path = reference.path().join("public");
    let mut reference_build = Command::new(env!("CARGO_BIN_EXE_vanban"));
    reference_build
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&after_path);
    assert_eq!(common::run_guarded(&mut reference_build).code, Some(0));
    let after = common::snapshot_dir(&after_path);
    assert_ne!(before, after);

    let swapped = output.join("2021/them/index.html");
    let corpus: u64 = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.metadata().ok())
        .filter(std::fs::Metadata::is_file)
        .map(|meta| meta.len())
        .sum();
    let mut landed_at = Vec::new();
    for moment in [Moment::Loading, Moment::Rendering, Moment::Rendered] {
        let child = start_build(root, &output);
        if !kill_at(child, &output, moment, (after.len(), corpus), &swapped) {
            continue;
        }
        let now = common::snapshot_dir(&output);
        assert!(
            now == before || now == after,
            "killed {moment:?}: the output is neither the previous build nor the next"
        );
        let at = landed(&output, &now, &after);
        landed_at.push(at);
        // A later build clears what the killed one left, and succeeds.
        common::vanban(&["build"], root).success();
        assert!(common::snapshot_dir(&output) == after, "after {at:?}");
        for left in ["staging", "lock"] {
            assert!(!beside(&output, left).exists(), "{left} left after {at:?}");
        }
        // Back to the previous output for the next kill.
        std::fs::remove_dir_all(&output).expect("remove");
        restore(&before, &output);
    }
    println!("kills landed: {landed_at:?}");
    assert_eq!(
        landed_at,
        [Moment::Loading, Moment::Rendering, Moment::Rendered],
        "a kill missed its moment"
    );
}

/// Runs `script` with `sh` in a user and mount namespace of its own, so
/// it may mount a small filesystem without privileges and the mount ends
/// with it.
fn in_a_namespace(script: &str, env: &[(&str, &Path)]) -> common::Run {
    let mut command = Command::new("unshare");
    command
        .args(["--user", "--map-root-user", "--mount", "sh", "-ec", script])
        .env("VANBAN", env!("CARGO_BIN_EXE_vanban"));
    for (name, path) in env {
        command.env(name, path);
    }
    common::run_guarded(&mut command)
}

/// Every file below the output with its checksum, as `sha256sum` prints
/// them, for comparing an output that lives on a mount of the namespace.
const CHECKSUMS: &str = "(cd \"$DISK/public\" && find . -type f | sort | xargs sha256sum)";

/// Builds `site` onto a tmpfs mounted with `options`, runs `between`
/// (shell), then builds again, which must fail: its run (the second
/// build's stderr, its exit status on the line `exit N` and what is on
/// the mount after it), with the output's checksums before and after.
fn second_build_on_a_mount(
    site: &Site,
    options: &str,
    between: &str,
) -> (common::Run, String, String) {
    let disk = tempfile::tempdir().expect("mount point");
    let script = format!(
        r#"mount -t tmpfs -o {options} tmpfs "$DISK"
"$VANBAN" build --root "$SITE" --output "$DISK/public" >/dev/null 2>&1
{CHECKSUMS} > "$SITE/before.txt"
{between}
set +e
"$VANBAN" build --root "$SITE" --output "$DISK/public"
echo "exit $?"
set -e
{CHECKSUMS} > "$SITE/after.txt"
ls -A "$DISK"
"#
    );
    let run = in_a_namespace(&script, &[("DISK", disk.path()), ("SITE", site.root())]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("exit 1"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(
        run.stderr
            .contains("build failed; the previous output was left as it was"),
        "{}",
        run.stderr
    );
    let read = |name: &str| std::fs::read_to_string(site.root().join(name)).expect("checksums");
    let (before, after) = (read("before.txt"), read("after.txt"));
    assert!(before.contains("./index.html"), "{before}");
    (run, before, after)
}

#[test]
fn a_disk_that_fills_while_writing_keeps_the_previous_output() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n");
    // A second directive whose page alone is larger than the disk.
    let big = r#"head -c 1500000 /dev/zero | tr '\0' 'x' > "$SITE/big.txt"
{ printf -- '---\nkind: "Công văn"\ntitle: "Lớn"\nissuer: "Bộ Y tế"\ndate: 2021-06-02\n---\n'; cat "$SITE/big.txt"; } > "$SITE/content/2021/b.md""#;
    let (run, before, after) = second_build_on_a_mount(&site, "size=1m", big);
    assert!(
        run.stderr.contains("No space left on device"),
        "{}",
        run.stderr
    );
    assert_eq!(before, after, "the output changed");
    assert_eq!(run.stdout.lines().last(), Some("public"), "left beside it");
}

#[test]
fn an_output_that_cannot_be_written_is_said_so_and_kept() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n");
    // Read-only for everyone, root included: a read-only mount.
    let (run, before, after) =
        second_build_on_a_mount(&site, "size=4m", r#"mount -o remount,ro "$DISK""#);
    assert!(
        run.stderr.contains("Read-only file system"),
        "{}",
        run.stderr
    );
    assert_eq!(before, after, "the output changed");
}

/// Removes a content file once the archive is linked and rendering is
/// about to start: the moment between load and render.
struct RemoveWhenRenderingStarts(PathBuf);

impl vanban::Progress for RemoveWhenRenderingStarts {
    fn start(&self, _jobs: usize) {
        std::fs::remove_file(&self.0).expect("remove the content file");
    }
}

/// Two directives, the second's file to be removed while the site builds.
fn site_whose_second_file_vanishes() -> Site {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n")
        .directive(
            "content/2021/b.md",
            &MINIMAL.replace("06-01", "06-02"),
            "Văn bản sẽ bị xóa.\n",
        );
    site
}

/// Builds `site`, already built once, with `progress` (which changes a
/// content file as rendering starts): the build must fail with `error`
/// and leave the previous output as it was.
fn fails_with_and_keeps_output(site: &Site, progress: &dyn vanban::Progress, error: &str) {
    let before = common::snapshot_dir(&site.output());
    // Each page reads its directive's body again from the file.
    let options = vanban::BuildOptions {
        root: site.root().to_owned(),
        ..vanban::BuildOptions::default()
    };
    let Err(vanban::BuildError::Site(diagnostics)) = vanban::build_with(&options, progress) else {
        panic!("the build succeeded; expected {error}");
    };
    let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert!(lines.iter().any(|l| l == error), "{lines:?}");
    assert!(common::snapshot_dir(&site.output()) == before);
}

#[test]
fn a_content_file_that_vanishes_before_its_page_is_rendered_fails_clearly() {
    let site = site_whose_second_file_vanishes();
    site.build().success();
    fails_with_and_keeps_output(
        &site,
        &RemoveWhenRenderingStarts(site.root().join("content/2021/b.md")),
        "content/2021/b.md:1:1: error: the file was removed while the site was being built; build again",
    );
}

/// Rewrites a content file once rendering is about to start, with `text`:
/// an editor saving while the site builds.
struct RewriteWhenRenderingStarts(PathBuf, String);

impl vanban::Progress for RewriteWhenRenderingStarts {
    fn start(&self, _jobs: usize) {
        // A later modification time than the build read, whatever the
        // file system's clock resolution.
        std::fs::write(&self.0, &self.1).expect("rewrite the content file");
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&self.0)
            .and_then(|f| f.set_modified(later))
            .expect("date the content file");
    }
}

#[test]
fn a_content_file_edited_before_its_page_is_rendered_fails_clearly() {
    // Read again from where its body starts (its text is its bytes), or
    // decoded again whole (it is saved with CRLF line ends): either way a
    // page is never made from a text other than the one checked and
    // linked, even one of the same length, saved later (the file's
    // modification time tells).
    for line_end in ["\n", "\r\n"] {
        let site = site_whose_second_file_vanishes();
        let path = site.root().join("content/2021/b.md");
        let text = std::fs::read_to_string(&path)
            .expect("read")
            .replace('\n', line_end);
        std::fs::write(&path, &text).expect("write");
        site.build().success();
        fails_with_and_keeps_output(
            &site,
            &RewriteWhenRenderingStarts(path, text.replace("bị xóa", "bị hóa")),
            "content/2021/b.md:1:1: error: the file changed while the site was being built; build again",
        );
    }
}
