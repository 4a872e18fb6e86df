//! The reader features in a real browser (issue 5): builds the shipped pack, serves it over
//! HTTP and runs tests/browser/run.mjs, which drives Debian's headless Chromium with
//! playwright-core and axe-core: search, chronology filters, keyboard focus, tooltips, the
//! print page, accessibility, screenshots (into target/screenshots/) and page weight.
//!
//! Needs Chromium at /usr/bin/chromium and Node.js >= 18 with npm (Debian's `chromium`,
//! `nodejs` and `npm` packages, which .ci/run installs when they are missing). The npm
//! packages (pinned in tests/browser/package-lock.json) are installed with `npm ci` into
//! tests/browser/node_modules the first time.

mod common;

use briefing::serve::{content_type, percent_decode};
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
/// The Node script gets this long before it is killed and the test fails.
const NODE_TIMEOUT: Duration = Duration::from_secs(180);

/// Serves `dir` at the root of `http://127.0.0.1:PORT/`, one thread per connection (a
/// browser opens several at once, some of them only speculatively), until the test ends.
fn serve(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &dir);
            });
        }
    });
    port
}

fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // read the headers to the blank line, so that closing the socket does not reset it
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("GET").to_string();
    let target = parts.next().unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let file = path.strip_prefix('/').and_then(|rest| {
        if rest.split('/').any(|p| p == "..") {
            return None;
        }
        let f = dir.join(rest);
        let f = if f.is_dir() { f.join("index.html") } else { f };
        f.is_file().then_some(f)
    });
    let (status, kind, body) = match &file {
        Some(f) => (
            "200 OK",
            content_type(&f.to_string_lossy()),
            std::fs::read(f)?,
        ),
        None => (
            "404 Not Found",
            "text/html; charset=utf-8",
            std::fs::read(dir.join("404.html")).unwrap_or_default(),
        ),
    };
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

/// Runs `cmd` to its end or until `limit`, then kills it; returns its output and whether it
/// finished in time. Output is read on threads so that a chatty child never blocks.
fn run_with_timeout(cmd: &mut Command, limit: Duration) -> (Output, bool) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut in_time = true;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            in_time = false;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    };
    (output, in_time)
}

fn tool_version(tool: &str) -> Option<String> {
    Command::new(tool)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| stdout(&o).trim().to_string())
}

/// node_modules is missing, or older than package-lock.json (npm records what it installed
/// in node_modules/.package-lock.json).
fn needs_npm_ci(scripts: &Path) -> bool {
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let installed = modified(scripts.join("node_modules/.package-lock.json"));
    let locked = modified(scripts.join("package-lock.json"));
    !scripts.join("node_modules/playwright-core").is_dir()
        || !scripts.join("node_modules/axe-core").is_dir()
        || match (installed, locked) {
            (Some(i), Some(l)) => l > i,
            _ => true,
        }
}

#[test]
fn the_reader_features_work_in_headless_chromium() {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: the browser tests need Debian's Chromium. Install it with \
         `sudo apt-get install chromium` (.ci/run does this on CI)."
    );
    let node = tool_version("node").unwrap_or_else(|| {
        panic!(
            "`node` is not on PATH: the browser tests need Node.js >= 18 and npm \
             (`sudo apt-get install nodejs npm`; .ci/run does this on CI)"
        )
    });
    let major: u32 = node
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 18,
        "Node.js {node} is too old: the browser tests need Node.js >= 18 (playwright-core)"
    );

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scripts = root.join("tests/browser");
    if needs_npm_ci(&scripts) {
        let (o, in_time) = run_with_timeout(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&scripts),
            Duration::from_secs(300),
        );
        assert!(
            in_time && o.status.success(),
            "`npm ci` in {} failed{}:\n{}\n{}",
            scripts.display(),
            if in_time { "" } else { " (timed out)" },
            stdout(&o),
            stderr(&o)
        );
    }

    // the site, as a reader gets it
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = briefing(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    let port = serve(out.clone());
    let base = format!("http://127.0.0.1:{port}/");
    // a small pack whose chronology is split into pages by period
    let (_split_dir, split_root) = copy_fixture("basic");
    set_page_size(&split_root, 2);
    let split_port = serve(build_ok(&split_root, &[]));
    // `briefing serve` on a small pack, whose note the script breaks and mends
    let (_live_dir, live_root) = copy_fixture("basic");
    let live = start_server(&live_root, &[]);
    let live_note = live_root.join("content/notes/2025/talks-resume.md");

    // screenshots go to <target>/screenshots/ (the binary is <target>/<profile>/briefing)
    let target = Path::new(env!("CARGO_BIN_EXE_briefing"))
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("target"));
    let shots = target.join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();

    let started = Instant::now();
    let (o, in_time) = run_with_timeout(
        Command::new("node")
            .arg(scripts.join("run.mjs"))
            .arg(&base)
            .arg(&shots)
            .arg(&out)
            .arg(format!("http://127.0.0.1:{}/", live.port))
            .arg(&live_note)
            .arg(format!("http://127.0.0.1:{split_port}/"))
            .env("CHROMIUM", CHROMIUM)
            .current_dir(&scripts),
        NODE_TIMEOUT,
    );
    let report = format!(
        "{}{}",
        stdout(&o),
        if o.stderr.is_empty() {
            String::new()
        } else {
            format!("\n--- stderr ---\n{}", stderr(&o))
        }
    );
    assert!(
        in_time,
        "tests/browser/run.mjs did not finish within {NODE_TIMEOUT:?}; its output so far:\n{report}"
    );
    assert!(
        o.status.success(),
        "tests/browser/run.mjs failed ({}) after {:.1} s:\n{report}",
        o.status,
        started.elapsed().as_secs_f64()
    );
    println!("{report}");
}
