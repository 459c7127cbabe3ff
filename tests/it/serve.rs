//! `vanban serve` over real HTTP on loopback: pages served, the reload
//! signal after an edit, the last good build kept while an edit is broken,
//! and nothing outside the output ever served.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{self, MINIMAL, Site};

/// A running `vanban serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    // Holds the server's temporary folder, removed after the server stops.
    _tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &Site) -> Server {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (child, port) = common::start_serve(site.root(), &[], tmp.path());
    Server {
        child,
        port,
        _tmp: tmp,
    }
}

/// A raw HTTP/1.1 GET; the path is sent exactly as given.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // A server may answer and close before a long request is all sent
    // (an oversized one is refused as soon as it is too long): the write
    // then fails, and what was answered, if anything, is what counts.
    let _ = write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    );
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, response)
}

/// Opens the event stream; events arrive as `event: name` lines.
fn events(port: u16) -> mpsc::Receiver<String> {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    common::event_lines(common::open_events(address).expect("the event stream"))
}

fn wait_for(receiver: &mpsc::Receiver<String>, prefix: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(event) = receiver.recv_timeout(Duration::from_millis(200))
            && event.starts_with(prefix)
        {
            return event;
        }
    }
    panic!("no {prefix:?} event");
}

#[test]
fn serves_reloads_keeps_the_last_good_build_and_refuses_traversal() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Bản đầu.\n")
        .file(
            "content/pages/gioi-thieu.md",
            "---\ntitle: \"Giới thiệu\"\n---\nx\n",
        );
    let server = serve(&site);

    let (status, page) = get(server.port, "/2021/a/");
    assert_eq!(status, 200);
    assert!(page.contains("Bản đầu."));
    assert!(page.contains("content-type: text/html"), "{page}");
    assert!(
        page.contains("<script src=\"/__vanban/live.js\"></script>"),
        "live reload is injected"
    );
    let (status, css) = get(server.port, "/style.css");
    assert_eq!(status, 200);
    assert!(css.contains("content-type: text/css"));

    // An edit: the reload signal arrives and the new text is served.
    let news = events(server.port);
    site.directive("content/2021/a.md", MINIMAL, "Bản hai.\n");
    wait_for(&news, "reload");
    assert!(get(server.port, "/2021/a/").1.contains("Bản hai."));

    // A broken edit: the error is reported, the last good page stays.
    site.file("content/2021/a.md", "---\nkind: [\n---\n");
    let error = wait_for(&news, "errors");
    assert!(
        error.contains("content/2021/a.md:2:7: error: invalid YAML"),
        "{error}"
    );
    assert!(get(server.port, "/2021/a/").1.contains("Bản hai."));
    // A page opened now is told too.
    let late = events(server.port);
    wait_for(&late, "errors");

    // Fixed: reload again.
    site.directive("content/2021/a.md", MINIMAL, "Bản ba.\n");
    wait_for(&news, "reload");
    assert!(get(server.port, "/2021/a/").1.contains("Bản ba."));

    // Nothing outside the output, however the path is written.
    std::fs::write(site.root().join("secret.txt"), "bí mật").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/2021/..%5c..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/....//secret.txt",
    ] {
        let (status, body) = get(server.port, path);
        assert!(!body.contains("bí mật"), "{path} leaked");
        assert!(status == 400 || status == 404, "{path}: {status}");
    }
    // No folder listings; the site's own 404 page.
    let (status, body) = get(server.port, "/2021/");
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("Không tìm thấy trang"));
}

#[test]
fn a_new_directive_appears_and_a_template_change_rebuilds_everything() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "A.\n");
    let server = serve(&site);
    let news = events(server.port);
    site.directive(
        "content/2021/b.md",
        &format!("number: \"2/BYT\"\n{MINIMAL}"),
        "B.\n",
    );
    wait_for(&news, "reload");
    assert_eq!(get(server.port, "/2021/b/").0, 200);
    assert!(
        get(server.port, "/").1.contains("2/BYT"),
        "the front page lists it"
    );
    std::fs::remove_file(site.root().join("content/2021/b.md")).unwrap();
    wait_for(&news, "reload");
    assert_eq!(get(server.port, "/2021/b/").0, 404, "its page is gone");
    site.file(
        "templates/directive.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"rieng\">{{ directive.title }}</p>{% endblock content %}",
    );
    wait_for(&news, "reload");
    assert!(
        get(server.port, "/2021/a/")
            .1
            .contains("<p class=\"rieng\">")
    );
    // The new templates/ folder is watched from then on.
    site.file(
        "templates/directive.html",
        "{% extends \"base.html\" %}{% block content %}<p class=\"rieng-2\">{{ directive.title }}</p>{% endblock content %}",
    );
    wait_for(&news, "reload");
    assert!(
        get(server.port, "/2021/a/")
            .1
            .contains("<p class=\"rieng-2\">")
    );
}

/// `serve` re-renders only what a save touches, the listing pages in the
/// background: once that work has settled, the served folder must hold
/// exactly what a full build of the same content makes, after every kind
/// of edit.
#[test]
fn after_every_save_the_served_site_is_what_a_full_build_makes() {
    use vanban::serve::Session;

    let site = Site::new();
    let repository = common::repository();
    common::copy_tree(&repository.join("content"), &site.root().join("content"));
    std::fs::copy(repository.join("site.toml"), site.root().join("site.toml")).unwrap();
    let mut session = Session::new(common::serve_options(site.root(), "served"));
    session.rebuild(&[]).expect("first build");

    let path = |relative: &str| site.root().join(relative);
    let read = |relative: &str| std::fs::read_to_string(path(relative)).unwrap();
    let kl07 = "content/2021/07-kl-tw.md";
    let cv571 = "content/2021/571-cv-tu.md";
    let added = "content/2021/moi.md";
    let tb10 = "content/2021/10-tb-vptw.md";
    let deeper = "content/2021/sau.md";
    const CHAIN_LINK: &str = "relations:\n  - type: implements\n    number: \"4162/VPCP-TKBT\"\n";
    type Edit<'a> = (&'a str, Box<dyn Fn() -> Option<String> + 'a>);
    let edits: Vec<Edit<'_>> = vec![
        // The body: a new sentence naming another directive by number.
        (
            cv571,
            Box::new(|| Some(format!("{}\nXem thêm Thông báo 10-TB/VPTW.\n", read(cv571)))),
        ),
        // Into a chain: 571-CV/TU implements 4162/VPCP-TKBT, which
        // implements 07-KL/TW, whose page now shows 571-CV/TU in its chain
        // though neither names the other.
        (
            cv571,
            Box::new(|| Some(read(cv571).replacen("relations:\n", CHAIN_LINK, 1))),
        ),
        // Deeper: a new directive implements 571-CV/TU. Of the pages on
        // the chain, 571-CV/TU's gains a link; 07-KL/TW's and
        // 4162/VPCP-TKBT's show it only as a member of their chain.
        (
            deeper,
            Box::new(|| {
                Some(format!(
                    "---\n{}number: \"98/BYT-MT\"\nrelations:\n  - type: implements\n    number: \"571-CV/TU\"\n---\nThực hiện.\n",
                    MINIMAL.replace("2021-06-01", "2021-08-02")
                ))
            }),
        ),
        (deeper, Box::new(|| None)),
        // And out of the chain again.
        (
            cv571,
            Box::new(|| Some(read(cv571).replacen(CHAIN_LINK, "relations:\n", 1))),
        ),
        // The title, shown on every page that lists or links it.
        (
            kl07,
            Box::new(|| Some(read(kl07).replacen("title: \"Kết luận", "title: \"Kết luận mới", 1))),
        ),
        // The date: it moves in every list, its neighbours change.
        (
            kl07,
            Box::new(|| Some(read(kl07).replacen("date: 2021-06-11", "date: 2021-06-09", 1))),
        ),
        // A new directive implementing one and citing another in its text.
        (
            added,
            Box::new(|| {
                Some(format!(
                    "---\n{MINIMAL}number: \"99/BYT-MT\"\nrelations:\n  - type: implements\n    number: \"07-KL/TW\"\n---\nThực hiện Công văn 4162/VPCP-TKBT.\n"
                ))
            }),
        ),
        // And gone again.
        (added, Box::new(|| None)),
        // Into another month: August's section loses it, July's gains it.
        (
            tb10,
            Box::new(|| Some(read(tb10).replacen("date: 2021-08-24", "date: 2021-07-05", 1))),
        ),
        // Under another term: a new issuer, the old one's pages gone.
        (
            cv571,
            Box::new(|| {
                Some(read(cv571).replacen(
                    "issuer: \"Tỉnh ủy Bắc Giang\"",
                    "issuer: \"Tỉnh ủy Bắc Ninh\"",
                    1,
                ))
            }),
        ),
    ];
    for (step, (file, edit)) in edits.iter().enumerate() {
        common::save_matches_full_build(
            &mut session,
            site.root(),
            &path(file),
            edit(),
            &format!("{step} ({file})"),
        );
        // The chain edits (steps 1 to 4) reach a page that names none of
        // the files: 07-KL/TW's.
        let head = read("served/2021/07-kl-tw/index.html");
        let shown = (head.contains("571-CV/TU"), head.contains("98/BYT-MT"));
        let expected = match step {
            1 | 3 => Some((true, false)),
            2 => Some((true, true)),
            4 => Some((false, false)),
            _ => None,
        };
        if let Some(expected) = expected {
            assert_eq!(shown, expected, "step {step}: 07-KL/TW's chain");
        }
    }
}

/// A save that fails leaves the output as it was; the changes it held
/// (even those of files that were fine) are published by the next good
/// rebuild, not lost.
#[test]
fn changes_held_back_by_an_error_are_published_once_it_is_fixed() {
    use vanban::serve::Session;

    // a is far from b in date order: b's rebuild alone would not touch it.
    let dated = |date: &str| MINIMAL.replace("2021-06-01", date);
    let site = Site::new();
    site.directive("content/2021/a.md", &dated("2020-01-01"), "Bản đầu.\n")
        .directive("content/2021/c.md", &dated("2020-06-01"), "C.\n")
        .directive("content/2021/d.md", &dated("2020-07-01"), "D.\n")
        .directive(
            "content/2021/b.md",
            &format!("number: \"2/BYT\"\n{MINIMAL}"),
            "B.\n",
        );
    let mut session = Session::new(common::serve_options(site.root(), "served"));
    session.rebuild(&[]).expect("first build");
    let page = |id: &str| {
        std::fs::read_to_string(site.root().join("served").join(id).join("index.html")).unwrap()
    };
    let paths = [
        site.root().join("content/2021/a.md"),
        site.root().join("content/2021/b.md"),
    ];

    site.directive("content/2021/a.md", &dated("2020-01-01"), "Bản hai.\n")
        .file("content/2021/b.md", "---\nkind: [\n---\n");
    assert!(session.rebuild(&paths).is_err(), "b.md is broken");
    assert!(page("2021/a").contains("Bản đầu."), "nothing published");

    site.directive(
        "content/2021/b.md",
        &format!("number: \"2/BYT\"\n{MINIMAL}"),
        "B.\n",
    );
    session
        .rebuild(&paths[1..])
        .expect("fixed")
        .expect("a change");
    let settled = session.settle().expect("listing pages follow");
    assert!(settled.result.is_ok(), "{:?}", settled.result);
    assert!(
        page("2021/a").contains("Bản hai."),
        "a.md's change is published"
    );
}

#[test]
fn oversized_slow_and_vanished_clients_do_not_stop_the_server() {
    let site = Site::new();
    site.directive("content/2021/a.md", MINIMAL, "Nội dung.\n");
    let server = serve(&site);
    let port = server.port;

    // A request line of a megabyte: refused or cut off, never served.
    let (status, _) = get(port, &format!("/{}", "a".repeat(1 << 20)));
    assert!(
        status == 0 || status >= 400,
        "an oversized request got {status}"
    );
    // Headers without end.
    let mut flood = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    flood
        .set_write_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let _ = write!(flood, "GET / HTTP/1.1\r\nHost: x\r\n");
    for _ in 0..4096 {
        if write!(flood, "X-Pad: {}\r\n", "p".repeat(1000)).is_err() {
            break;
        }
    }
    // A client that sends half a request and waits, and one that leaves
    // in the middle of its response.
    let mut slow = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(slow, "GET / HTT").unwrap();
    let mut gone = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(gone, "GET /2021/a/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    drop(gone);

    // Meanwhile every other reader is served.
    for _ in 0..3 {
        let (status, body) = get(port, "/2021/a/");
        assert_eq!(status, 200, "{body}");
    }
    drop(slow);
    drop(flood);
    let (status, _) = get(port, "/");
    assert_eq!(status, 200);
}

/// The pages of long lists (a directive's relations of one kind, the
/// references, a document's citers) come and go and change with the
/// directives they list: after every save the served folder is what a
/// full build makes.
#[test]
fn long_lists_follow_every_save() {
    use vanban::serve::Session;

    let site = Site::new();
    site.file("site.toml", "paginate = 4\n");
    let hub = "content/h.md";
    let citer = |i: usize| format!("content/c/c{i:02}.md");
    let text = |number: &str, date: &str, extra: &str, body: &str| {
        format!(
            "---\nnumber: \"{number}\"\nkind: \"Công văn\"\ntitle: \"Công văn {number}\"\nissuer: \"Sở Y tế\"\ndate: {date}\n{extra}---\n{body}"
        )
    };
    let implementing = |i: usize, date: &str| {
        text(
            &format!("{i}/C"),
            date,
            "relations:\n  - { type: implements, number: \"15/CT-UBND\" }\n",
            "Thực hiện; xem Nghị quyết 99/NQ-CP.\n",
        )
    };
    site.file(hub, &text("15/CT-UBND", "2021-01-01", "", "Gốc.\n"));
    for i in 0..12 {
        site.file(
            &citer(i),
            &implementing(i, &format!("2021-02-{:02}", i + 1)),
        );
    }
    let mut session = Session::new(common::serve_options(site.root(), "served"));
    session.rebuild(&[]).expect("first build");
    let list = site
        .root()
        .join("served/h/duoc-thuc-hien-boi/page/3/index.html");
    assert!(list.exists(), "twelve implementers, four a page");

    let path = |relative: &str| site.root().join(relative);
    let read = |relative: &str| std::fs::read_to_string(path(relative)).unwrap();
    let (c03, c00) = (citer(3), citer(0));
    type Edit<'a> = (String, Box<dyn Fn() -> Option<String> + 'a>);
    let edits: Vec<Edit<'_>> = vec![
        // One more implementer: a list page more.
        (citer(12), Box::new(|| Some(implementing(12, "2021-03-01")))),
        // A title on the lists.
        (
            c03.clone(),
            Box::new(|| {
                Some(read(&c03).replace("title: \"Công văn 3/C\"", "title: \"Công văn mới\""))
            }),
        ),
        // A date: the lists' order.
        (
            c00.clone(),
            Box::new(|| Some(read(&c00).replace("date: 2021-02-01", "date: 2021-03-05"))),
        ),
        (citer(12), Box::new(|| None)),
        (citer(11), Box::new(|| None)),
        // Ten left: the page shows them all, the list is gone.
        (citer(10), Box::new(|| None)),
        // 99/NQ-CP cited once less.
        (
            citer(9),
            Box::new(|| Some(read(&citer(9)).replace("xem Nghị quyết 99/NQ-CP", "xem thêm"))),
        ),
        // What every list names.
        (
            hub.to_owned(),
            Box::new(|| {
                Some(read(hub).replace("title: \"Công văn 15/CT-UBND\"", "title: \"Chỉ thị gốc\""))
            }),
        ),
    ];
    for (step, (file, edit)) in edits.iter().enumerate() {
        common::save_matches_full_build(
            &mut session,
            site.root(),
            &path(file),
            edit(),
            &format!("{step} ({file})"),
        );
    }
    assert!(!list.exists(), "the list went with its members");
    assert!(
        site.root()
            .join("served/references/ngoai-kho/99-nq-cp/page/2/index.html")
            .exists(),
        "99/NQ-CP's citers, four a page"
    );
}
