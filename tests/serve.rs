//! `vanban serve` over real HTTP on loopback: pages served, the reload
//! signal after an edit, the last good build kept while an edit is broken,
//! and nothing outside the output ever served.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::{MINIMAL, Site};

/// A running `vanban serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start vanban serve");
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
                let port: u16 = rest
                    .split('/')
                    .next()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(0);
                let _ = sender.send(port);
            }
        }
    });
    let port = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("the server says where it listens");
    Server { child, port }
}

/// A raw HTTP/1.1 GET; the path is sent exactly as given.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
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
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "GET /__vanban/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(stream);
        let mut event = String::new();
        for line in reader.lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_owned();
            } else if let Some(data) = line.strip_prefix("data: ") {
                let _ = sender.send(format!("{event} {data}"));
            }
        }
    });
    // Give the subscription a moment to register before anything changes.
    std::thread::sleep(Duration::from_millis(300));
    receiver
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
