//! `briefing serve`: serves the pack under the base URL's path with the reload script,
//! rebuilds on change, keeps the last good build when an edit breaks it and says why
//! on the event stream, and serves nothing outside the site.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_string(), body.to_string())
}

/// Reads the event stream until `wanted` arrives; panics after a few seconds.
fn wait_for(stream: &mut TcpStream, seen: &mut String, wanted: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 4096];
    while !seen.contains(wanted) {
        assert!(
            Instant::now() < deadline,
            "no {wanted:?} on the event stream; got:\n{seen}"
        );
        if let Ok(n) = stream.read(&mut buf) {
            seen.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
}

fn poll_until(port: u16, path: &str, wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, _, body) = get(port, path);
        if body.contains(wanted) {
            return body;
        }
        assert!(Instant::now() < deadline, "{path} never showed {wanted:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_under_the_base_path_and_reloads_on_change() {
    let (_dir, root) = copy_fixture("basic");
    let server = start_server(&root, &["--base-url", "https://user.github.io/repo/"]);
    let port = server.port;

    let (status, head, _) = get(port, "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /repo/"), "{head}");
    let (status, _, body) = get(port, "/repo/notes/talks-resume/");
    assert_eq!(status, 200);
    assert!(
        body.contains("new EventSource(\"/repo/__briefing/events\")"),
        "no reload script"
    );
    assert!(body.contains("href=\"../../actors/elphberg/\""));
    let (status, head, _) = get(port, "/repo/notes/talks-resume");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /repo/notes/talks-resume/"));
    let (_, head, _) = get(port, "/repo/static/style.css");
    assert!(head.contains("Content-Type: text/css"));

    let mut events = TcpStream::connect(("127.0.0.1", port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    write!(
        events,
        "GET /repo/__briefing/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut seen = String::new();
    wait_for(&mut events, &mut seen, "text/event-stream");

    let note = root.join("content/notes/2025/talks-resume.md");
    let text = read(&note);
    std::fs::write(
        &note,
        text.replace("[[elphberg]] met", "[[elphberg-typo]] met"),
    )
    .unwrap();
    wait_for(&mut events, &mut seen, "event: failed");
    wait_for(
        &mut events,
        &mut seen,
        "talks-resume.md:10:1: error: unknown actor `elphberg-typo`",
    );
    let (status, _, body) = get(port, "/repo/notes/talks-resume/");
    assert_eq!(status, 200, "the last good build is no longer served");
    assert!(body.contains("href=\"../../actors/elphberg/\""));

    std::fs::write(&note, text.replace("[[elphberg]] met", "[[ruritania]] met")).unwrap();
    wait_for(&mut events, &mut seen, "event: reload");
    let body = poll_until(
        port,
        "/repo/notes/talks-resume/",
        "id=\"mention-1\" href=\"../../actors/ruritania/\"",
    );
    assert!(body.contains("EventSource"));
}

#[test]
fn nothing_outside_the_site_is_served() {
    let (_dir, root) = copy_fixture("basic");
    std::fs::write(root.join("secret.txt"), "private").unwrap();
    let server = start_server(&root, &[]);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/notes/..%2f..%2fsecret.txt",
        "/content/site.yaml",
        "/..%5c..%5csecret.txt",
    ] {
        let (status, _, body) = get(server.port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("private") && !body.contains("title:"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn a_build_never_contains_the_reload_script() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    for (path, bytes) in tree(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__briefing"),
            "{path} has the reload script"
        );
    }
}

#[test]
fn a_burst_of_saves_ends_in_the_state_of_the_last_one() {
    let (_dir, root) = copy_fixture("basic");
    let server = start_server(&root, &[]);
    let port = server.port;
    let note = root.join("content/notes/crlf-note.md");
    let original = read(&note);
    let reader = std::thread::spawn(move || {
        // The server keeps answering while the saves arrive.
        let mut answered = 0;
        for _ in 0..40 {
            let (status, _, _) = get(port, "/notes/crlf-note/");
            assert_eq!(status, 200, "the server stopped answering during the burst");
            answered += 1;
            std::thread::sleep(Duration::from_millis(20));
        }
        answered
    });
    for version in 0..300 {
        let text = original.replace("Written on Windows", &format!("Version {version} written"));
        std::fs::write(&note, text).unwrap();
        std::thread::sleep(Duration::from_millis(3));
    }
    assert_eq!(reader.join().unwrap(), 40);
    let page = poll_until(port, "/notes/crlf-note/", "Version 299 written");
    assert!(!page.contains("Version 298 written"));
    let (_, _, home) = get(port, "/");
    assert!(home.contains("CRLF note"));
}
