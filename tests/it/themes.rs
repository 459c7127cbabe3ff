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
