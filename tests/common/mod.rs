//! Helpers shared by the integration tests: run the binary, copy fixture packs into
//! temporary folders, read the built site.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

pub fn briefing(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .output()
        .expect("run briefing")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture pack in a fresh temporary folder (returned with its guard).
pub fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join(name);
    copy_tree(&fixture(name), &root);
    (dir, root)
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Sets `page_size` in the `site.yaml` of the pack at `root` (which sets none).
pub fn set_page_size(root: &Path, n: usize) {
    let site = root.join("content/site.yaml");
    fs::write(&site, read(&site) + &format!("page_size: {n}\n")).unwrap();
}

/// Writes `text` as `themes/mine/<path>` of the pack at `root` and makes `mine` its theme.
pub fn theme_file(root: &Path, path: &str, text: &str) {
    let file = root.join("themes/mine").join(path);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, text).unwrap();
    let site = root.join("content/site.yaml");
    let yaml = read(&site);
    if !yaml.contains("theme:") {
        fs::write(&site, format!("{yaml}theme: mine\n")).unwrap();
    }
}

/// Builds `root` into `root/output` and returns the output folder; panics on failure.
pub fn build_ok(root: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = briefing(&args);
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    root.join("output")
}

/// Every file below `dir`, relative path -> bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Values of an attribute (`href`, `id`, ...) in document order.
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let end = rest.find('"').expect("closed attribute");
        found.push(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    found
}

pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The file a site URL path points to, below the output folder.
pub fn url_to_file(output: &Path, base: &str, url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix(base)?;
    let path = path.split('#').next().unwrap_or("");
    let file = if path.is_empty() || path.ends_with('/') {
        output.join(path).join("index.html")
    } else {
        output.join(path)
    };
    Some(file)
}

/// A link as an absolute URL path: relative links are resolved against the page's URL.
pub fn absolute_url(base: &str, page: &str, href: &str) -> String {
    if href.starts_with('/') {
        return href.to_string();
    }
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = format!("{base}{dir}/{href}");
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = if (href.ends_with('/') || href.is_empty()) && !parts.is_empty() {
        "/"
    } else {
        ""
    };
    format!("/{}{trailing}", parts.join("/"))
}

/// The links of a page written to `page` (below the output folder) as absolute URL paths
/// (pages link relative to themselves).
pub fn page_links(output: &Path, base: &str, page: &str) -> Vec<String> {
    let html = read(&output.join(page));
    attr_values(&html, "href")
        .iter()
        .map(|href| match href.strip_prefix('#') {
            Some(_) => format!("{}{href}", absolute_url(base, page, "./")),
            None if href.contains("://") => href.clone(),
            None => absolute_url(base, page, href),
        })
        .collect()
}

/// Checks that every internal link of every HTML page resolves to a file, and every
/// fragment to an element id in that file. Returns the number of links checked.
pub fn assert_links_resolve(output: &Path, base: &str) -> usize {
    let pages: BTreeMap<String, Vec<u8>> = tree(output)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .collect();
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (page, bytes) in &pages {
        let html = String::from_utf8(bytes.clone()).unwrap();
        let here = output.join(page);
        for href in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            let (file, fragment) = if let Some(frag) = href.strip_prefix('#') {
                (here.clone(), Some(frag.to_string()))
            } else {
                let href = absolute_url(base, page, &href);
                let Some(file) = url_to_file(output, base, &href) else {
                    broken.push(format!("{page}: link outside the site base: {href}"));
                    continue;
                };
                (file, href.split_once('#').map(|(_, f)| f.to_string()))
            };
            checked += 1;
            if !file.is_file() {
                broken.push(format!("{page}: {href} -> missing {}", file.display()));
                continue;
            }
            // A fragment with `=` is page state (the chronology's filters), not an anchor.
            if let Some(fragment) = fragment.filter(|f| !f.is_empty() && !f.contains('=')) {
                let set = ids
                    .entry(file.clone())
                    .or_insert_with(|| attr_values(&read(&file), "id").into_iter().collect());
                if !set.contains(&fragment) {
                    broken.push(format!("{page}: {href} -> no id `{fragment}`"));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    checked
}

/// The server process, stopped when the test ends however it ends.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `briefing serve` on `root` on a free port.
pub fn start_server(root: &std::path::Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["serve", "--port", "0", "--root", root.to_str().unwrap()])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("server output").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}
