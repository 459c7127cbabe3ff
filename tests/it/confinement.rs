//! Confined reading: a symbolic link in the site that leads outside its
//! folder, or to anything but a regular file or folder, fails the build
//! (exit 1, the link named with `path:1:1`), and nothing it points to is
//! read, shown or published; links that stay inside keep working.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, MINIMAL, Site};

/// Text found only in the files outside the site.
const SECRET: &str = "MẬT-NGOÀI-SITE-7731";

/// Files outside the site, each a valid file of its kind carrying
/// [`SECRET`], in a folder of their own beside the site's.
struct Outside {
    dir: tempfile::TempDir,
}

impl Outside {
    fn new() -> Outside {
        let outside = Outside {
            dir: tempfile::tempdir().expect("temporary folder"),
        };
        let directive = format!("---\n{MINIMAL}number: \"{SECRET}\"\n---\n{SECRET}\n");
        let template = format!("<p>{SECRET}</p>\n");
        let css = format!("/* {SECRET} */\n");
        for folder in [".", "folder"] {
            let at = |name: &str| outside.path(&format!("{folder}/{name}"));
            fs::create_dir_all(at("")).expect("outside folder");
            fs::write(at("secret.md"), &directive).expect("write");
            fs::write(at("secret.html"), &template).expect("write");
            fs::write(at("directive.html"), &template).expect("write");
            fs::write(at("secret.css"), &css).expect("write");
        }
        fs::write(outside.path("site.toml"), format!("title = \"{SECRET}\"\n")).expect("write");
        // As in `/etc`: a dangling link inside the folder a link points
        // to must not be what the build talks about.
        symlink(
            "/nonexistent-vanban-target",
            outside.path("folder/dangling"),
        )
        .expect("link");
        outside
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// `relative` here, as a relative link at `link` in `site` would name
    /// it: `../../<this folder>/<relative>`.
    fn relative_from(&self, site: &Site, link: &str, relative: &str) -> PathBuf {
        assert_eq!(
            self.dir.path().parent(),
            site.root().parent(),
            "both temporary folders are in the same place"
        );
        let depth = Path::new(link).components().count();
        let mut path: PathBuf = std::iter::repeat_n("..", depth).collect();
        path.push(self.dir.path().file_name().expect("a name"));
        path.push(relative);
        path
    }
}

/// A symbolic link at `link` in `site` to `target`, folders created.
fn link(site: &Site, link: &str, target: impl AsRef<Path>) {
    let at = site.root().join(link);
    fs::create_dir_all(at.parent().expect("a parent")).expect("folders");
    symlink(target, at).expect("link");
}

/// A site of one directive, on theme `t` of its own, built.
fn built_site() -> (Site, BTreeMap<PathBuf, Vec<u8>>) {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "Nội dung.\n")
        .file("site.toml", "theme = \"t\"\ntitle = \"Kho thử\"\n")
        .file("themes/t/templates/page.html", "{{ page.title }}")
        .file("themes/t/static/t.css", "body{}")
        .file("templates/references.html", "{{ site.title }}")
        .file("static/s.css", "main{}");
    site.build().success();
    let before = common::snapshot_dir(&site.output());
    assert!(!contains_secret(&before), "the site itself has no secret");
    (site, before)
}

fn contains_secret(files: &BTreeMap<PathBuf, Vec<u8>>) -> bool {
    files
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains(SECRET))
}

/// The build fails on `link`, says nothing of what it points to, and
/// leaves the previous output as it was.
fn assert_refused(site: &Site, before: &BTreeMap<PathBuf, Vec<u8>>, link: &str, outside: &Outside) {
    let run = site.build();
    run.fails_with(&format!("{link}:1:1: error:"));
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.contains(SECRET),
            "{link}: the secret in {name}:\n{text}"
        );
        let outside_path = outside.dir.path().to_string_lossy();
        assert!(
            !text.contains(&*outside_path),
            "{link}: the outside folder named in {name}:\n{text}"
        );
        assert!(!text.contains("dangling"), "{link}: {name}:\n{text}");
    }
    let after = common::snapshot_dir(&site.output());
    assert!(!contains_secret(&after), "{link}: the secret published");
    assert!(after == *before, "{link}: the previous output changed");
}

/// Each `(link, target in the outside folder)`, made in a site of its own,
/// absolutely and relatively, is refused.
fn refuses_each(cases: &[(&str, &str)]) {
    for &(at, target) in cases {
        for relative in [false, true] {
            let outside = Outside::new();
            let (site, before) = built_site();
            if relative {
                link(&site, at, outside.relative_from(&site, at, target));
            } else {
                link(&site, at, outside.path(target));
            }
            assert_refused(&site, &before, at, &outside);
        }
    }
}

#[test]
fn links_out_of_content_are_refused() {
    refuses_each(&[
        ("content/b.md", "secret.md"),
        ("content/2021/b.md", "secret.md"),
        // Not a file the build would read, but a link out all the same.
        ("content/notes.txt", "secret.md"),
        ("content/link", "folder"),
        ("content/2021/link", "folder"),
    ]);
}

#[test]
fn links_out_of_static_are_refused() {
    refuses_each(&[
        ("static/secret.css", "secret.css"),
        ("static/css/secret.css", "secret.css"),
        ("static/link", "folder"),
    ]);
}

#[test]
fn links_out_of_templates_are_refused() {
    refuses_each(&[
        ("templates/directive.html", "directive.html"),
        ("templates/partials/x.html", "secret.html"),
        ("templates/partials", "folder"),
    ]);
}

#[test]
fn links_out_of_a_theme_are_refused() {
    refuses_each(&[
        ("themes/t/templates/directive.html", "directive.html"),
        ("themes/t/templates/more", "folder"),
        ("themes/t/static/secret.css", "secret.css"),
        ("themes/t/static/link", "folder"),
    ]);
}

#[test]
fn folders_that_are_themselves_links_out_are_refused() {
    for folder in [
        "content",
        "static",
        "templates",
        "themes/t",
        "themes/t/templates",
        "themes/t/static",
    ] {
        let outside = Outside::new();
        let (site, before) = built_site();
        fs::remove_dir_all(site.root().join(folder)).expect("remove");
        link(&site, folder, outside.path("folder"));
        assert_refused(&site, &before, folder, &outside);
    }
}

#[test]
fn site_toml_linked_out_is_refused() {
    let outside = Outside::new();
    let (site, before) = built_site();
    fs::remove_file(site.root().join("site.toml")).expect("remove");
    link(&site, "site.toml", outside.path("site.toml"));
    assert_refused(&site, &before, "site.toml", &outside);
}

#[test]
fn a_chain_of_links_is_judged_by_where_it_ends() {
    // Inside, inside, then outside: refused, and the link named is the
    // one the build found.
    let outside = Outside::new();
    let (site, before) = built_site();
    link(&site, "links/c", outside.path("secret.md"));
    link(&site, "links/b", "c");
    link(&site, "content/b.md", "../links/b");
    assert_refused(&site, &before, "content/b.md", &outside);

    // Inside all the way: built.
    let (site, _) = built_site();
    site.directive(
        "shared/real.txt",
        MINIMAL.replace("Về việc thử", "Qua ba liên kết").as_str(),
        "Nội dung.\n",
    );
    link(&site, "links/c", "../shared/real.txt");
    link(&site, "links/b", "c");
    link(&site, "content/b.md", "../links/b");
    site.build().success();
    assert!(site.read("b/index.html").contains("Qua ba liên kết"));
}

#[test]
fn links_that_stay_inside_keep_working() {
    let (site, _) = built_site();
    site.directive(
        "shared/b.md",
        &MINIMAL.replace("Về việc thử", "Qua liên kết tệp"),
        "Nội dung.\n",
    )
    .directive(
        "shared/folder/c.md",
        &MINIMAL.replace("Về việc thử", "Qua liên kết thư mục"),
        "Nội dung.\n",
    )
    .file("shared/linked.css", "linked{}")
    .file("shared/css/deep.css", "deep{}")
    .file(
        "shared/directive.html",
        "linked template: {{ directive.title }}",
    );
    link(&site, "content/2021/b.md", "../../shared/b.md");
    link(&site, "content/more", site.root().join("shared/folder"));
    link(&site, "static/linked.css", "../shared/linked.css");
    link(&site, "themes/t/static/css", "../../../shared/css");
    link(
        &site,
        "templates/directive.html",
        "../shared/directive.html",
    );
    site.build().success();
    assert!(site.read("2021/b/index.html").contains("Qua liên kết tệp"));
    assert!(
        site.read("more/c/index.html")
            .contains("Qua liên kết thư mục")
    );
    assert_eq!(site.read("linked.css"), "linked{}");
    assert_eq!(site.read("css/deep.css"), "deep{}");
    assert!(site.read("a/index.html").starts_with("linked template: "));
}

#[test]
fn a_site_reached_through_a_link_builds() {
    let (site, _) = built_site();
    site.directive(
        "shared/b.md",
        &MINIMAL.replace("Về việc thử", "Qua liên kết tệp"),
        "Nội dung.\n",
    );
    link(&site, "content/b.md", site.root().join("shared/b.md"));
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    let through = elsewhere.path().join("site");
    symlink(site.root(), &through).expect("link");
    common::vanban(&["build"], &through).success();
    assert!(site.read("b/index.html").contains("Qua liên kết tệp"));
}

/// A FIFO at `relative` in `dir`.
fn fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn sockets_are_refused_inside_and_outside() {
    let outside = Outside::new();
    let _outside_socket =
        std::os::unix::net::UnixListener::bind(outside.path("socket")).expect("a socket");
    let (site, before) = built_site();
    fs::create_dir(site.root().join("sockets")).expect("folder");
    let _inside_socket =
        std::os::unix::net::UnixListener::bind(site.root().join("sockets/s")).expect("a socket");
    link(&site, "content/inside.md", "../sockets/s");
    site.build()
        .fails_with("content/inside.md:1:1: error: not a regular file");
    assert!(common::snapshot_dir(&site.output()) == before);
    let (site, before) = built_site();
    link(&site, "content/outside.md", outside.path("socket"));
    assert_refused(&site, &before, "content/outside.md", &outside);
}

#[test]
fn fifos_and_devices_are_refused_without_being_opened() {
    // Opening a FIFO waits for a writer: had the build opened one, it
    // would hang, which the run's guard reports.
    let outside = Outside::new();
    fifo(&outside.path("pipe"));
    let (site, before) = built_site();
    fs::create_dir(site.root().join("pipes")).expect("folder");
    fifo(&site.root().join("pipes/pipe"));
    link(&site, "content/inside.md", "../pipes/pipe");
    let run = site.build();
    run.fails_with("content/inside.md:1:1: error: not a regular file");
    assert!(common::snapshot_dir(&site.output()) == before);

    for (at, target) in [
        ("content/outside.md", outside.path("pipe")),
        ("content/null.md", PathBuf::from("/dev/null")),
        ("static/null.css", PathBuf::from("/dev/null")),
        ("templates/directive.html", PathBuf::from("/dev/null")),
    ] {
        let (site, before) = built_site();
        link(&site, at, target);
        assert_refused(&site, &before, at, &outside);
    }

    // A FIFO itself, no link, where a content file would be.
    let (site, before) = built_site();
    fifo(&site.root().join("content/pipe.md"));
    site.build()
        .fails_with("content/pipe.md:1:1: error: not a regular file");
    assert!(common::snapshot_dir(&site.output()) == before);
}
