//! Publishing on a static host such as GitHub Pages: the extra files exist, and a site
//! built for `https://user.github.io/repo/`, served under `/repo/` by a local HTTP
//! server, has no broken link, anchor or asset when crawled from its home page.

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves `dir` under the URL path `prefix` (like GitHub Pages serves a project site),
/// answering 404 with the site's 404.html elsewhere. Runs until the test process ends.
fn serve(dir: PathBuf, prefix: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(stream, &dir, prefix);
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path, prefix: &str) -> std::io::Result<()> {
    let mut line = String::new();
    BufReader::new(&stream).read_line(&mut line)?;
    let path = line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/")
        .to_string();
    let file = path.strip_prefix(prefix).and_then(|rest| {
        if rest.split('/').any(|p| p == "..") {
            return None;
        }
        let f = dir.join(rest);
        let f = if f.is_dir() { f.join("index.html") } else { f };
        f.is_file().then_some(f)
    });
    let (status, body) = match file {
        Some(f) => ("200 OK", std::fs::read(f)?),
        None => (
            "404 Not Found",
            std::fs::read(dir.join("404.html")).unwrap_or_default(),
        ),
    };
    write!(
        stream,
        "HTTP/1.0 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn a_project_site_crawled_over_http_has_no_broken_link() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = env!("CARGO_MANIFEST_DIR");
    let o = briefing(&[
        "build",
        "--root",
        root,
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://user.github.io/repo/",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let port = serve(out.clone(), "/repo/");

    let mut queue = VecDeque::from(["/repo/".to_string()]);
    let mut seen = BTreeSet::new();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut anchors: Vec<(String, String, String)> = Vec::new();
    let mut broken = Vec::new();
    while let Some(url) = queue.pop_front() {
        if !seen.insert(url.clone()) {
            continue;
        }
        let (status, body) = get(port, &url);
        if status != 200 {
            broken.push(format!("{url}: HTTP {status}"));
            continue;
        }
        if !url.ends_with('/') && !url.ends_with(".html") {
            continue;
        }
        ids.insert(url.clone(), attr_values(&body, "id").into_iter().collect());
        let page = url.strip_prefix("/repo/").unwrap().to_string() + "index.html";
        for href in attr_values(&body, "href")
            .into_iter()
            .chain(attr_values(&body, "src"))
        {
            if href.starts_with("http") || href.starts_with("mailto:") {
                continue;
            }
            let absolute = if href.starts_with('#') {
                format!("{url}{href}")
            } else {
                absolute_url("/repo/", &page, &href)
            };
            let (target, fragment) = match absolute.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(f.to_string())),
                None => (absolute.clone(), None),
            };
            // A fragment with `=` is page state (the chronology's filters), not an anchor.
            if let Some(f) = fragment.filter(|f| !f.is_empty() && !f.contains('=')) {
                anchors.push((url.clone(), target.clone(), f));
            }
            queue.push_back(target);
        }
    }
    for (from, target, fragment) in &anchors {
        if let Some(set) = ids.get(target) {
            if !set.contains(fragment) {
                broken.push(format!("{from}: {target}#{fragment}: no such anchor"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(seen.len() > 100, "crawled only {} URLs", seen.len());
    for must in [
        "/repo/static/style.css",
        "/repo/chronology/",
        "/repo/actors/erdogan/",
        "/repo/sources/conroy-2025/",
    ] {
        assert!(seen.contains(must), "the crawl never reached {must}");
    }
    // Outside the project path the host answers with the site's own 404 page.
    let (status, body) = get(port, "/repo/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found") && body.contains("href=\"/repo/\""));
}

#[test]
fn publishing_files_are_written() {
    let (_dir, root) = copy_fixture("basic");
    let site = root.join("content/site.yaml");
    let text = read(&site)
        + "base_url: https://briefing.example.org/packs/\ncname: briefing.example.org\n";
    std::fs::write(&site, text).unwrap();
    let out = build_ok(&root, &[]);
    assert!(out.join(".nojekyll").is_file());
    assert_eq!(read(&out.join("CNAME")), "briefing.example.org\n");
    let robots = read(&out.join("robots.txt"));
    assert!(
        robots.contains("Sitemap: https://briefing.example.org/packs/sitemap.xml"),
        "{robots}"
    );
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://briefing.example.org/packs/notes/talks-resume/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://briefing.example.org/packs/</loc>"));
    let feed = read(&out.join("atom.xml"));
    assert!(
        feed.contains("<title>Talks &lt;resume&gt; in Strelsau</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("<link href=\"https://briefing.example.org/packs/notes/talks-resume/\"/>")
    );
    assert!(feed.contains("<updated>2025-09-15T00:00:00Z</updated>"));
    assert!(read(&out.join("404.html")).contains("Page not found"));
}

#[test]
fn no_cname_without_a_domain() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    assert!(!out.join("CNAME").exists());
    assert!(out.join(".nojekyll").is_file());
}
