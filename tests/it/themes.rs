//! Themes: the default one built in, others picked by site.toml, single
//! templates overridden by the site.

use crate::common::{self, MINIMAL, Site};
use vanban::render::theme::{DEFAULT_STATIC, DEFAULT_TEMPLATES};

#[test]
fn the_built_in_theme_is_the_themes_default_folder() {
    let dir = common::repository().join("themes/default");
    let on_disk: Vec<String> = walkdir::WalkDir::new(dir.join("templates"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir.join("templates")).unwrap();
            vanban::diagnostic::display_path(relative)
        })
        .collect();
    let mut embedded: Vec<String> = DEFAULT_TEMPLATES
        .iter()
        .map(|(n, _)| n.to_string())
        .collect();
    embedded.sort();
    let mut on_disk_sorted = on_disk.clone();
    on_disk_sorted.sort();
    assert_eq!(
        embedded, on_disk_sorted,
        "update DEFAULT_TEMPLATES in src/render/theme.rs"
    );
    for (name, text) in DEFAULT_TEMPLATES {
        let disk = std::fs::read_to_string(dir.join("templates").join(name)).unwrap();
        assert_eq!(&disk, text);
    }
    let statics: Vec<String> = walkdir::WalkDir::new(dir.join("static"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            vanban::diagnostic::display_path(e.path().strip_prefix(dir.join("static")).unwrap())
        })
        .collect();
    let embedded: Vec<String> = DEFAULT_STATIC.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        statics, embedded,
        "update DEFAULT_STATIC in src/render/theme.rs"
    );
}

#[test]
fn a_site_without_themes_uses_the_built_in_theme() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    site.build().success();
    assert!(
        site.read("a/index.html")
            .contains("<link rel=\"stylesheet\" href=\"/style.css\">")
    );
    assert!(site.output().join("style.css").exists());
}

#[test]
fn site_templates_override_single_theme_templates() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n")
        .file("templates/page.html", "unused")
        .file(
            "templates/directive.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"rieng\">{{ directive.title }}</p>{% endblock content %}",
        );
    site.build().success();
    let html = site.read("a/index.html");
    assert!(
        html.contains("<p class=\"rieng\">Về việc thử</p>"),
        "{html}"
    );
    assert!(
        html.contains("<header class=\"site-header\">"),
        "the theme's base.html still wraps it"
    );
}

#[test]
fn theme_in_site_toml_picks_that_folder_and_its_static_files() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n")
        .file("site.toml", "theme = \"toi-gian\"\ntitle = \"Kho thử\"\n")
        .file("themes/toi-gian/templates/base.html", "<html><body>{% block title %}{% endblock title %}{% block head %}{% endblock head %}{% block content %}{% endblock content %}</body></html>")
        .file("themes/toi-gian/templates/index.html", "{% extends \"base.html\" %}{% block content %}{{ site.title }}: {{ directives | length }}{% endblock content %}")
        .file("themes/toi-gian/templates/directive.html", "{{ directive.number_line or directive.title }}")
        .file("themes/toi-gian/templates/page.html", "{{ page.title }}")
        .file("themes/toi-gian/static/css/a.css", "body{}")
        .file("static/favicon.ico", "icon");
    site.build().success();
    assert_eq!(
        site.read("index.html"),
        "<html><body>Kho thử: 1</body></html>"
    );
    assert_eq!(site.read("a/index.html"), "Về việc thử");
    assert_eq!(site.read("css/a.css"), "body{}");
    assert_eq!(site.read("favicon.ico"), "icon");
    assert!(
        !site.output().join("style.css").exists(),
        "not the default theme's"
    );
}

#[test]
fn a_theme_whose_base_lacks_a_block_is_told_where() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n")
        .file(
            "templates/base.html",
            "<main>{% block content %}{% endblock content %}</main>\n",
        )
        .file("templates/page.html", "{{ page.title | no_such_filter }}");
    site.check()
        .fails_with("themes/default/templates/directive.html:2:10: error: template error: Block `title` is not defined in any parent template")
        .fails_with("templates/page.html:1:");
}

#[test]
fn the_default_theme_ships_a_favicon_that_a_site_may_replace() {
    let site = Site::new();
    site.directive("content/a.md", MINIMAL, "x\n");
    site.build().success();
    // Browsers ask for /favicon.ico whatever the page says: it is there.
    let ico = std::fs::read(site.output().join("favicon.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "an ICO file");
    assert!(site.read("favicon.svg").starts_with("<svg"));
    for page in [
        "index.html",
        "a/index.html",
        "timeline/index.html",
        "404.html",
    ] {
        let html = site.read(page);
        assert!(
            html.contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"16x16\">")
                && html
                    .contains("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">"),
            "{page} links no favicon"
        );
    }
    // The site's own file of the same name wins.
    site.file("static/favicon.ico", "icon");
    site.build().success();
    assert_eq!(site.read("favicon.ico"), "icon");
}

/// Builds the site at `root` twice: as it is, where directive pages, the
/// references and timeline entries are written in Rust (the built-in
/// theme's, `render::pages::directive_html`, `render::pages::references_html`
/// and `render::timeline_entry`), and with
/// copies of the built-in templates they follow that differ only by a
/// comment, which Tera renders. Every file of the two outputs must be the
/// same bytes.
fn assert_written_as_the_templates_render(root: &std::path::Path) {
    let copy = tempfile::tempdir().unwrap();
    common::copy_tree(root, copy.path());
    let copied = |name: &str, at: &str| {
        let text = DEFAULT_TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.replacen(at, &format!("{{#- a copy -#}}{at}"), 1))
            .unwrap();
        assert!(text.contains("a copy"), "{name}");
        let path = copy.path().join("templates").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    copied("directive.html", "{%- set d = directive %}\n<nav");
    copied("partials/timeline_entry.html", "{%- if e.class");
    copied("partials/directive_row.html", "<li class");
    copied("partials/cited_by.html", "<li>");
    copied("references.html", "{%- if pagination.current == 1 %}");
    copied("cited.html", "{%- if doc.title %}");
    let out = tempfile::tempdir().unwrap();
    let (in_rust, by_tera) = (out.path().join("rust"), out.path().join("tera"));
    for (site, output) in [(root, &in_rust), (copy.path(), &by_tera)] {
        let run = common::vanban(&["build", "--output", output.to_str().unwrap()], site);
        run.success();
    }
    let (in_rust, by_tera) = (
        common::snapshot_dir(&in_rust),
        common::snapshot_dir(&by_tera),
    );
    assert_eq!(
        in_rust.keys().collect::<Vec<_>>(),
        by_tera.keys().collect::<Vec<_>>()
    );
    let mut pages = 0;
    for (path, bytes) in &in_rust {
        let theirs = &by_tera[path];
        if bytes != theirs {
            let (ours, theirs) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(theirs),
            );
            let at = ours
                .bytes()
                .zip(theirs.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            // The bytes around the first difference, widened to whole
            // characters.
            let around = |s: &str| {
                let mut start = at.saturating_sub(80);
                while !s.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (at + 80).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s[start..end].to_owned()
            };
            panic!(
                "{}: written in Rust\n…{}…\nby the template\n…{}…",
                path.display(),
                around(&ours),
                around(&theirs)
            );
        }
        pages += usize::from(String::from_utf8_lossy(bytes).contains("class=\"directive-layout\""));
    }
    assert!(pages > 0, "no directive page in {}", root.display());
    assert!(
        in_rust.contains_key(std::path::Path::new("references/index.html")),
        "no references in {}",
        root.display()
    );
}

#[test]
fn directive_pages_written_in_rust_are_what_the_templates_render() {
    // The seeds: letterheads of both systems, a letter's subject, lists
    // of addressees and recipients, circulation with its signer and
    // recipients, notes, an implementation chain.
    let repository = tempfile::tempdir().unwrap();
    for part in ["content", "site.toml"] {
        common::copy_tree(
            &common::repository().join(part),
            &repository.path().join(part),
        );
    }
    assert_written_as_the_templates_render(repository.path());
    // The same under a path of a host, in another page language, with
    // a description and without search.
    std::fs::write(
        repository.path().join("site.toml"),
        "title = \"Kho <thử> & \\\"mẫu\\\"\"\nbase_url = \"https://kho.example/luu-tru/\"\nlanguage = \"en\"\ndescription = \"Văn bản 'mẫu'\"\nsearch = false\n",
    )
    .unwrap();
    assert_written_as_the_templates_render(repository.path());
}

#[test]
fn directive_pages_written_in_rust_hold_every_part_the_template_has() {
    // What the seeds lack: a directive implemented by more directives than
    // its page lists (its life, its chain and its related group cut short),
    // one addressee, text to escape, a document outside the archive named
    // by title and date, a signer with a name only, a copy without
    // recipients, a directive without a number.
    let site = Site::new();
    site.directive(
        "content/goc.md",
        "number: \"15/CT-TTg\"\nkind: \"Chỉ thị\"\ntitle: \"Về quyết liệt thực hiện <đợt> cao điểm & \\\"phòng\\\" Covid-19\"\nissuer: \"Thủ tướng Chính phủ\"\nlevel: government\ndate: 2020-03-27\nsigner: { name: \"Nguyễn Xuân Phúc\" }\naddressees: [\"Các bộ, cơ quan ngang bộ\"]\ncirculation:\n  - { action: received, office: \"Sở Y tế\", date: 2020-03-28 }\nrelations:\n  - { type: based_on, kind: \"Luật\", title: \"Luật Phòng, chống bệnh truyền nhiễm\", date: 2007-11-21 }\n  - { type: cites, number: \"99/XYZ\" }\ntags: [\"Covid-19\", \"giãn cách\"]\n",
        "1. Thực hiện nghiêm.\n\n2. Báo cáo 'kết quả'.\n",
    );
    for i in 0..14 {
        site.directive(
            &format!("content/thuc-hien-{i}.md"),
            &format!(
                "number: \"{n}/UBND-VX\"\nkind: \"Công văn\"\ntitle: \"Về việc thực hiện Chỉ thị 15/CT-TTg\"\nissuer: \"UBND tỉnh {i}\"\nlevel: province\ndate: 2020-03-{d:02}\nrelations:\n  - {{ type: implements, number: \"15/CT-TTg\" }}\n",
                n = 100 + i,
                d = 28 + i % 3,
            ),
            "Thực hiện Chỉ thị 15/CT-TTg, điểm 2.\n",
        );
    }
    for i in 0..12 {
        site.directive(
            &format!("content/xa-{i}.md"),
            &format!(
                "kind: \"Kế hoạch\"\ntitle: \"Kế hoạch của xã {i}\"\nissuer: \"UBND xã {i}\"\nlevel: district\ndate: 2020-04-{d:02}\nrelations:\n  - {{ type: implements, number: \"100/UBND-VX\" }}\n",
                d = 1 + i,
            ),
            "Thực hiện Công văn 100/UBND-VX.\n",
        );
    }
    assert_written_as_the_templates_render(site.root());
    // The references and a document's citers over pages of one, with the
    // years' index, a list of citers of a document outside the archive
    // (cited by every directive) and gaps in the links between its pages.
    for i in 0..32 {
        site.directive(
            &format!("content/nhac-lai-{i}.md"),
            &format!(
                "number: \"{n}/SYT-NV\"\nkind: \"Công văn\"\ntitle: \"Về việc nhắc lại Công văn 99/XYZ\"\nissuer: \"Sở Y tế\"\ndate: 20{y}-05-{d:02}\nrelations:\n  - {{ type: cites, number: \"99/XYZ\" }}\n",
                n = 300 + i,
                y = 20 + i % 2,
                d = 1 + i % 28,
            ),
            "Nhắc lại Công văn 99/XYZ.\n",
        );
    }
    site.file("site.toml", "title = \"Kho\"\npaginate = 1\n");
    assert_written_as_the_templates_render(site.root());
    site.build().success();
    let citers = site.read("references/ngoai-kho/99-xyz/page/20/index.html");
    assert!(citers.contains("class=\"gap\""), "{citers}");
    let page = site.read("goc/index.html");
    for part in [
        "văn bản khác thực hiện",
        "<p class=\"more\">",
        "<cite>Luật</cite>",
        "&lt;đợt&gt; cao điểm &amp; &quot;phòng&quot;",
        "văn bản</a> thực hiện",
    ] {
        assert!(page.contains(part), "{part}");
    }
    // The lists of citers too under a path of a host, with a description
    // and without search.
    site.file(
        "site.toml",
        "title = \"Kho <thử>\"\nbase_url = \"https://kho.example/luu-tru/\"\ndescription = \"Văn bản 'mẫu'\"\nsearch = false\npaginate = 2\n",
    );
    assert_written_as_the_templates_render(site.root());
}

#[test]
fn a_site_with_its_own_partial_of_the_directive_page_is_rendered_by_it() {
    let site = Site::new();
    site.directive(
        "content/a.md",
        &format!("{MINIMAL}signer: {{ name: \"Nguyễn Văn A\" }}\n"),
        "x\n",
    )
    .file(
        "templates/partials/signer.html",
        "<div class=\"chu-ky-rieng\">{{ signer.name }}</div>",
    );
    site.build().success();
    assert!(
        site.read("a/index.html")
            .contains("<div class=\"chu-ky-rieng\">Nguyễn Văn A</div>")
    );
}

#[test]
fn a_site_with_its_own_row_lists_its_directives_with_it() {
    let site = Site::new();
    let tagged = format!("{MINIMAL}tags: [\"giãn cách\"]\n");
    site.directive("content/a.md", &tagged, "x\n").file(
        "templates/partials/directive_row.html",
        "<li class=\"hang-rieng\">{{ d.title }}",
    );
    site.build().success();
    let front = site.read("index.html");
    assert!(front.contains("<li class=\"hang-rieng\">"), "{front}");
    let term = site.read("tags/gian-cach/index.html");
    assert!(term.contains("<li class=\"hang-rieng\">"), "{term}");
}

#[test]
fn a_site_with_its_own_citer_row_lists_citers_with_it() {
    let site = Site::new();
    let citing = format!("{MINIMAL}relations:\n  - {{ type: cites, number: \"99/XYZ\" }}\n");
    site.directive("content/a.md", &citing, "x\n").file(
        "templates/partials/cited_by.html",
        "<li class=\"nguoi-dan-rieng\">{{ c.directive.title }}",
    );
    site.build().success();
    let references = site.read("references/index.html");
    assert!(
        references.contains("<li class=\"nguoi-dan-rieng\">Về việc thử"),
        "{references}"
    );
}
