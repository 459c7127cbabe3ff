//! Bad input of every kind: a clear `path:line:col: error: message`, exit
//! status 1, never a panic, and every problem of the site in one run.

use crate::common::{self, MINIMAL, Site};

/// A site with one directive whose front matter is `front_matter`.
fn one(front_matter: &str) -> Site {
    let site = Site::new();
    site.directive("content/2021/a.md", front_matter, "Nội dung.\n");
    site
}

#[test]
fn each_required_field_missing_in_turn() {
    for field in ["kind", "title", "issuer", "date"] {
        let front_matter: String = MINIMAL
            .lines()
            .filter(|l| !l.starts_with(&format!("{field}:")))
            .map(|l| format!("{l}\n"))
            .collect();
        one(&front_matter).check().fails_with(&format!(
            "content/2021/a.md:2:1: error: missing required field `{field}`"
        ));
    }
}

#[test]
fn an_empty_required_field() {
    one("kind: \"\"\ntitle: \"T\"\nissuer: \"I\"\ndate: 2021-01-01\n")
        .check()
        .fails_with("content/2021/a.md:2:1: error: `kind` is required and must not be empty");
}

#[test]
fn a_day_first_date_gets_the_iso_form() {
    one("kind: \"K\"\ntitle: \"T\"\nissuer: \"I\"\ndate: 11/6/2021\n")
        .check()
        .fails_with("content/2021/a.md:5:7: error: `date` must be written YYYY-MM-DD: write 2021-06-11 for 11/6/2021");
}

#[test]
fn impossible_dates() {
    for date in ["2021-02-29", "2021-13-01", "2021-04-31", "0000-01-01"] {
        one(&format!(
            "kind: \"K\"\ntitle: \"T\"\nissuer: \"I\"\ndate: {date}\n"
        ))
        .check()
        .fails_with(&format!(
            "content/2021/a.md:5:7: error: `date`: {date} is not a date on the calendar"
        ));
    }
}

#[test]
fn unknown_fields_get_a_suggestion() {
    one(&format!(
        "{MINIMAL}tittle: \"x\"\nngày: 2021-01-01\ncolour: red\n"
    ))
    .check()
    .fails_with("content/2021/a.md:6:1: error: unknown field `tittle`; did you mean `title`?")
    .fails_with("content/2021/a.md:7:1: error: unknown field `ngày`; did you mean `date`?")
    .fails_with("content/2021/a.md:8:1: error: unknown field `colour`");
}

#[test]
fn unknown_enum_values_list_the_valid_ones() {
    one(&format!(
        "{MINIMAL}level: national\nrelations:\n  - {{ type: cite, number: \"1/X\" }}\ncirculation:\n  - {{ action: sent, office: \"O\", date: 2021-06-02 }}\n"
    ))
    .check()
    .fails_with("content/2021/a.md:6:8: error: unknown level `national` (valid: central, government, ministry, province, district)")
    .fails_with("unknown type `cite`; did you mean `cites`? (valid: implements, cites, based_on, guides, amends, replaces)")
    .fails_with("unknown action `sent` (valid: received, copied)");
}

#[test]
fn relations_and_circulation_need_their_parts() {
    one(&format!(
        "{MINIMAL}relations:\n  - {{ type: cites }}\n  - {{ number: \"1/X\" }}\ncirculation:\n  - {{ action: received }}\n"
    ))
    .check()
    .fails_with("content/2021/a.md:7:5: error: a relation names its target by `number`, or by `title` and `date`")
    .fails_with("content/2021/a.md:8:5: error: a relation needs a `type`")
    .fails_with("content/2021/a.md:10:5: error: missing required field `office`")
    .fails_with("content/2021/a.md:10:5: error: missing required field `date`");
}

#[test]
fn values_of_the_wrong_shape() {
    one(&format!(
        "{MINIMAL}tags: 5\nsigner: \"Nguyễn Văn A\"\ndraft: \"có\"\n"
    ))
    .check()
    .fails_with("content/2021/a.md:6:7: error: `tags` must be a list of texts, found a number")
    .fails_with("content/2021/a.md:7:9: error: expected a table of `key: value` lines, found text")
    .fails_with("content/2021/a.md:8:8: error: `draft` must be true or false, found text");
}

#[test]
fn malformed_and_unterminated_front_matter() {
    let site = Site::new();
    site.file("content/a.md", "---\nkind: [x\n---\nbody\n")
        .file(
            "content/b.md",
            "---\nkind: x\n\nbody without the closing line\n",
        )
        .file("content/c.md", "+++\nkind = = 1\n+++\n")
        .file("content/d.md", "")
        .file("content/e.md", "---\nkind: a\nkind: b\n---\n");
    site.check()
        .fails_with("content/a.md:")
        .fails_with("invalid YAML")
        .fails_with(
            "content/b.md:1:1: error: front matter opened with `---` on line 1 is never closed",
        )
        .fails_with("content/c.md:2:")
        .fails_with("invalid TOML")
        .fails_with("content/d.md:1:1: error: a directive needs front matter")
        .fails_with("content/e.md:3:1: error: invalid YAML: `kind` is given twice");
}

#[test]
fn files_that_are_not_utf8_text() {
    let site = Site::new();
    site.bytes("content/a.md", b"---\nkind: \"K\xe0t lu\xe2n\"\n---\n")
        .bytes("content/b.md", b"---\x00\x01\x02");
    site.check()
        .fails_with("content/a.md:2:9: error: the file is not valid UTF-8 text")
        .fails_with("content/b.md:1:4: error: the file contains a NUL byte");
}

#[test]
fn two_pages_cannot_share_a_url() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "")
        .directive("content/2021/b.md", &format!("{MINIMAL}slug: \"a\"\n"), "")
        .directive("content/timeline.md", MINIMAL, "");
    site.check()
        .fails_with(
            "content/2021/b.md:1:1: error: the URL /2021/a/ is already taken by content/2021/a.md",
        )
        .fails_with("content/timeline.md:1:1: error: the URL /timeline/ is the generator's own");
}

#[test]
fn a_number_is_unique_per_issuer_and_year() {
    let site = Site::new();
    site.directive(
        "content/a.md",
        &format!("number: \"05/CT-TTg\"\n{MINIMAL}"),
        "",
    )
    .directive(
        "content/b.md",
        &format!("number: \"05/ct-ttg\"\n{MINIMAL}"),
        "",
    )
    .directive(
        "content/c.md",
        "number: \"05/CT-TTg\"\nkind: \"K\"\ntitle: \"T\"\nissuer: \"Bộ Y tế\"\ndate: 2020-01-28\n",
        "",
    );
    let run = site.check();
    run.fails_with("content/b.md:2:1: error: number 05/ct-ttg of Bộ Y tế in 2021 is already used by content/a.md");
    assert!(
        !run.stderr.contains("content/c.md"),
        "another year is another document"
    );
}

#[test]
fn slugs_and_paths_cannot_leave_the_output() {
    for slug in ["../../etc", "a/b", "..", "%2e%2e"] {
        one(&format!("{MINIMAL}slug: \"{slug}\"\n"))
            .check()
            .fails_with("content/2021/a.md:6:7: error: `slug`");
    }
}

/// Front matter whose aliases would expand to ten to the fifteenth nodes.
fn alias_bomb() -> String {
    let mut bomb = String::from("kind: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..16 {
        let p = i - 1;
        bomb.push_str(&format!(
            "k{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb
}

fn deep_nesting() -> String {
    format!("kind: {}x{}\n", "[".repeat(10_000), "]".repeat(10_000))
}

#[test]
fn yaml_alias_bombs_and_deep_nesting_are_refused_within_the_memory_cap() {
    let bomb = alias_bomb();
    let deep = deep_nesting();
    let site = Site::new();
    site.directive("content/bomb.md", &bomb, "")
        .directive("content/deep.md", &deep, "");
    // Expanded, the bomb is 10^15 nodes: under 512 MB it can only be
    // refused, and a hang is killed (common::HANG).
    common::vanban_in_memory(&["check"], site.root(), 512)
        .fails_with("content/bomb.md:")
        .fails_with("content/deep.md:");
}

#[test]
fn a_bad_file_never_hides_the_others() {
    let site = Site::new();
    site.file("content/a.md", "---\nkind: [\n---\n")
        .directive("content/b.md", "kind: \"K\"\n", "")
        .directive("content/c.md", &format!("{MINIMAL}levle: central\n"), "")
        .file("site.toml", "titel = \"x\"\n");
    let run = site.check();
    run.fails_with("content/a.md:")
        .fails_with("content/b.md:2:1: error: missing required field `title`")
        .fails_with("content/c.md:6:1: error: unknown field `levle`; did you mean `level`?")
        .fails_with("site.toml:1:1: error: unknown field `titel`; did you mean `title`?");
    let paths: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains(": error: "))
        .filter_map(|l| l.split(':').next())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "problems are listed in a stable order");
}

#[test]
fn site_toml_problems_point_at_their_key() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "").file(
        "site.toml",
        "title = \"x\"\nbase_url = \"example.org\"\ntheme = \"../x\"\n",
    );
    site.check()
        .fails_with("site.toml:2:12: error: `example.org` is not a base URL")
        .fails_with("site.toml:3:9: error: theme `../x` must be a folder name under themes/");
}

#[test]
fn a_missing_theme_is_named() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "")
        .file("site.toml", "theme = \"hoa-sen\"\n");
    site.check().fails_with(
        "site.toml:1:1: error: theme `hoa-sen` not found: there is no folder themes/hoa-sen/",
    );
}

#[test]
fn every_broken_template_is_named_with_line_and_column() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "")
        .file("templates/directive.html", "{% extends \"base.html\" %}\n{% block content %}\n  {{ directive.title \n{% endblock content %}\n")
        .file("templates/page.html", "ok\n{% for x in %}\n");
    site.check()
        .fails_with("templates/directive.html:4:")
        .fails_with("templates/page.html:2:")
        .fails_with("error: template error:");
}

#[test]
fn a_template_that_fails_while_rendering_names_its_line() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "").file(
        "templates/directive.html",
        "<p>\n{{ directive.no_such_field }}\n</p>\n",
    );
    site.check().fails_with("templates/directive.html:2:");
}

#[test]
fn a_symlink_loop_in_content_is_an_error_not_a_hang() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/2021/loop"),
    )
    .unwrap();
    #[cfg(unix)]
    site.check()
        .fails_with("content/2021/loop:1:1: error: symbolic link loop");
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let site = Site::new();
    // 4 GiB, sparse, so it costs the disk nothing: under an address space
    // of 512 MB, reading it would fail, so refusing it names its size
    // without having read it.
    let path = site.root().join("content/big.md");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(4 << 30).unwrap();
    common::vanban_in_memory(&["check"], site.root(), 512)
        .fails_with("content/big.md:1:1: error: the file is 4294967296 bytes");
}

#[test]
fn a_very_long_line_is_read_fine() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, &"chữ ".repeat(200_000));
    site.check().success();
}

/// The guard every run of the binary goes through is real: a run that
/// outlives it is killed and fails the test.
#[test]
fn a_run_that_hangs_is_killed_and_fails() {
    let outcome = std::panic::catch_unwind(|| {
        common::run_within(
            std::process::Command::new("sleep").arg("30"),
            std::time::Duration::from_millis(200),
        )
    });
    let message = outcome.expect_err("the hung run fails the test");
    let message = message.downcast_ref::<String>().expect("a message").clone();
    assert!(message.contains("hung: killed after 200 ms"), "{message}");
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    let run = site.run(&["build", "--no-such-flag"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let run = site.run(&["frobnicate"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
}

#[test]
fn no_content_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::vanban(&["check"], dir.path());
    run.fails_with("content: error: no `content/` folder in ");
}

#[test]
fn links_that_could_run_code_are_refused_where_they_are_written() {
    let site = Site::new();
    // The body starts on line 7.
    site.directive(
        "content/2021/a.md",
        MINIMAL,
        "Mở đầu.\n\nXem [đây](JavaScript:alert(document.cookie)).\n",
    );
    site.file(
        "content/pages/p.md",
        "---\ntitle: \"Trang\"\n---\n<javascript:alert(1)>, [ảnh](data:text/html;base64,PHNjcmlwdD4=)\n",
    );
    let run = site.build();
    run.fails_with("content/2021/a.md:9:5: error: the link `JavaScript:alert(document.cookie)` could run code in a reader's browser; links may lead to http(s), mailto and tel addresses or to pages of the site");
    for line in [
        "content/pages/p.md:4:1: error: the link `javascript:alert(1)`",
        "content/pages/p.md:4:24: error: the link `data:text/html;base64,PHNjcmlwdD4=`",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
}

/// One defect added to a good site: the file it writes, and what the
/// report must say.
struct Defect {
    name: &'static str,
    path: &'static str,
    contents: Vec<u8>,
    says: &'static str,
}

fn defect(name: &'static str, path: &'static str, contents: &str, says: &'static str) -> Defect {
    Defect {
        name,
        path,
        contents: contents.as_bytes().to_vec(),
        says,
    }
}

/// A defect in `content/2021/bad.md`.
fn bad(name: &'static str, contents: &str, says: &'static str) -> Defect {
    defect(name, "content/2021/bad.md", contents, says)
}

fn directive_text(front_matter: &str) -> String {
    format!("---\n{front_matter}---\nNội dung.\n")
}

#[test]
fn every_defect_fails_the_build_cleanly_and_keeps_the_previous_output() {
    let mut defects = vec![
        bad(
            "impossible date",
            &directive_text(&MINIMAL.replace("2021-06-01", "2021-02-29")),
            "content/2021/bad.md:5:7: error:",
        ),
        bad(
            "unterminated front matter",
            "---\nkind: x\nNội dung.\n",
            "content/2021/bad.md:1:1: error:",
        ),
        bad(
            "malformed front matter",
            "---\nkind: [x\n---\n",
            "content/2021/bad.md:",
        ),
        bad(
            "alias bomb",
            &directive_text(&alias_bomb()),
            "content/2021/bad.md:",
        ),
        bad(
            "deep nesting",
            &directive_text(&deep_nesting()),
            "content/2021/bad.md:",
        ),
        bad(
            "unknown level",
            &directive_text(&format!("{MINIMAL}level: galaxy\n")),
            "content/2021/bad.md:6:8: error:",
        ),
        bad(
            "duplicate number",
            &directive_text(&format!("{MINIMAL}number: \"1/CT-X\"\n")),
            "error: number 1/CT-X of Bộ Y tế in 2021 is already used by",
        ),
        bad(
            "slug leaving the output",
            &directive_text(&format!("{MINIMAL}slug: \"../../../etc\"\n")),
            "content/2021/bad.md:6:7: error: `slug`",
        ),
        bad(
            "encoded slug",
            &directive_text(&format!("{MINIMAL}slug: \"%2e%2e%2f\"\n")),
            "content/2021/bad.md:6:7: error: `slug`",
        ),
        bad("empty file", "", "content/2021/bad.md:1:1: error:"),
        bad(
            "javascript link",
            &format!("---\n{MINIMAL}---\n[x](javascript:alert(1))\n"),
            "content/2021/bad.md:7:1: error: the link",
        ),
        defect(
            "broken template",
            "templates/directive.html",
            "{% if directive %}\n<p>\n",
            "templates/directive.html:",
        ),
        defect(
            "missing theme",
            "site.toml",
            "theme = \"khong-co\"\n",
            "theme",
        ),
    ];
    for field in ["kind", "title", "issuer", "date"] {
        let front_matter: String = MINIMAL
            .lines()
            .filter(|l| !l.starts_with(&format!("{field}:")))
            .map(|l| format!("{l}\n"))
            .collect();
        defects.push(bad(
            "missing field",
            &directive_text(&front_matter),
            "content/2021/bad.md:2:1: error: missing required field",
        ));
    }
    defects.push(Defect {
        name: "not UTF-8",
        path: "content/2021/bad.md",
        contents: b"---\nkind: \"C\xf4ng v\xe3n\"\n---\n".to_vec(),
        says: "content/2021/bad.md:2:",
    });
    let mut huge = format!("---\n{MINIMAL}---\n").into_bytes();
    huge.resize(9 * 1024 * 1024, b'x');
    defects.push(Defect {
        name: "huge file",
        path: "content/2021/bad.md",
        contents: huge,
        says: "content/2021/bad.md:1:1: error: the file is",
    });

    for defect in defects {
        let site = Site::new();
        site.directive(
            "content/2021/good.md",
            &format!("{MINIMAL}number: \"1/CT-X\"\n"),
            "Nội dung.\n",
        );
        site.build().success();
        let before = common::snapshot_dir(&site.output());
        site.bytes(defect.path, &defect.contents);
        // A hang is killed and fails the test (common::HANG).
        let run = common::vanban_in_memory(&["build"], site.root(), 512);
        assert!(
            !run.stderr.contains("panicked"),
            "{}: {}",
            defect.name,
            run.stderr
        );
        run.fails_with(defect.says);
        run.fails_with("build failed; the previous output was left as it was");
        assert!(
            common::snapshot_dir(&site.output()) == before,
            "{}: the previous output changed",
            defect.name
        );
        let beside: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(beside.is_empty(), "{}: left {beside:?}", defect.name);
    }
}

#[test]
#[cfg(unix)]
fn a_symlink_loop_fails_the_build_and_keeps_the_previous_output() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n");
    site.build().success();
    let before = common::snapshot_dir(&site.output());
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/2021/loop"),
    )
    .unwrap();
    common::vanban_in_memory(&["build"], site.root(), 512)
        .fails_with("content/2021/loop:1:1: error: symbolic link loop")
        .fails_with("the previous output was left as it was");
    assert!(common::snapshot_dir(&site.output()) == before);
}
