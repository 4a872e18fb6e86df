//! `briefing serve`: builds the pack in memory, serves it on 127.0.0.1 under the base
//! URL's path, watches content/ and themes/, rebuilds incrementally on change and tells
//! open pages to reload (server-sent events). A change that breaks the build keeps the
//! last good site up and shows the error over the page and in the terminal. The reload
//! script is added to pages only as they are served, never to a `build`.

use crate::incremental::Session;
use notify_debouncer_full::{
    new_debouncer, notify::EventKind, notify::RecursiveMode, DebounceEventResult, DebouncedEvent,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tiny_http::{Header, Request, Response, Server, StatusCode};

/// What the server is asked to do.
pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 lets the system choose a free port.
    pub port: u16,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub open: bool,
}

/// A message to open pages.
#[derive(Clone)]
enum Notice {
    Reload,
    Failed(String),
}

/// What the watcher and the HTTP threads share. The session renders on demand the pages
/// a rebuild left for later, so requests take its lock.
struct Shared {
    session: Mutex<Session>,
    /// The base path, and the errors of the last rebuild when it failed.
    status: RwLock<(String, Option<String>)>,
    clients: Mutex<Vec<Sender<Notice>>>,
}

/// The path of the event stream below the base path.
const EVENTS: &str = "__briefing/events";

/// Serves until the process is stopped.
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let root =
        std::fs::canonicalize(&opts.root).map_err(|e| format!("{}: {e}", opts.root.display()))?;
    // Watch before the first build, so no change made after it starts is missed.
    let (_watcher, rx) = start_watching(&root)?;
    let mut session = Session::new(&root, opts.base_url.clone(), opts.drafts);
    let first = session.rebuild(&[]);
    let base = session.base_path();
    let error = match first {
        Ok(r) => {
            eprint!("{}", r.report.render());
            println!("built {} pages in {} ms", r.pages, r.elapsed.as_millis());
            None
        }
        Err(report) => {
            eprint!("{}", report.render());
            Some(report.render())
        }
    };
    let shared = Arc::new(Shared {
        session: Mutex::new(session),
        status: RwLock::new((base.clone(), error)),
        clients: Mutex::new(Vec::new()),
    });
    let server = Server::http(("127.0.0.1", opts.port))
        .map_err(|e| format!("cannot listen on port {}: {e}", opts.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(opts.port);
    let url = format!("http://127.0.0.1:{port}{base}");
    println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }
    let http = shared.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = http.clone();
            std::thread::spawn(move || respond(request, &shared));
        }
    });
    watch(&root, &shared, rx)
}

/// Starts watching content/ and themes/; events arrive on the receiver. The watcher
/// stops when the returned debouncer is dropped.
fn start_watching(root: &Path) -> Result<(impl Drop, Receiver<DebounceEventResult>), String> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(Duration::from_millis(80), None, tx).map_err(|e| e.to_string())?;
    for dir in [root.join("content"), root.join("themes")] {
        if dir.is_dir() {
            debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
        }
    }
    Ok((debouncer, rx))
}

/// Rebuilds on every batch of file changes until the watcher stops.
fn watch(root: &Path, shared: &Shared, rx: Receiver<DebounceEventResult>) -> Result<(), String> {
    let mut warned = String::new();
    for batch in &rx {
        let Ok(events) = batch else { continue };
        let mut paths = changed_paths(events);
        // Drain what arrived meanwhile, so a burst of saves is one rebuild.
        while let Ok(Ok(more)) = rx.try_recv() {
            paths.extend(changed_paths(more));
        }
        paths.sort();
        paths.dedup();
        paths.retain(|p| !is_editor_noise(p));
        if !paths.is_empty() {
            rebuild(shared, &paths, root, &mut warned);
        }
    }
    Ok(())
}

/// Prints the warnings of a build when they differ from the last ones printed.
fn print_warnings(report: &crate::diagnostics::Report, last: &mut String) {
    let text = report.render();
    if text != *last {
        eprint!("{text}");
        *last = text;
    }
}

fn rebuild(shared: &Shared, paths: &[PathBuf], root: &Path, warned: &mut String) {
    let shown: Vec<String> = paths
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let mut session = shared.session.lock().expect("lock");
    let result = session.rebuild(paths);
    let base = session.base_path();
    drop(session);
    match result {
        Ok(r) => {
            print_warnings(&r.report, warned);
            let scope = if r.full {
                "all".to_string()
            } else {
                r.pages.to_string()
            };
            println!(
                "rebuilt {scope} pages in {} ms ({})",
                r.elapsed.as_millis(),
                shown.join(", ")
            );
            *shared.status.write().expect("lock") = (base, None);
            broadcast(shared, Notice::Reload);
        }
        Err(report) => {
            let text = report.render();
            warned.clear();
            eprintln!("{text}\nthe server keeps the last good build until this is fixed");
            shared.status.write().expect("lock").1 = Some(text.clone());
            broadcast(shared, Notice::Failed(text));
        }
    }
}

/// The paths of events that change something (reading a file is not a change: the
/// rebuild itself reads them all).
fn changed_paths(events: Vec<DebouncedEvent>) -> Vec<PathBuf> {
    events
        .into_iter()
        .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
        .flat_map(|e| e.event.paths)
        .collect()
}

/// Temporary files editors write next to the real one.
fn is_editor_noise(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
}

fn broadcast(shared: &Shared, notice: Notice) {
    let mut clients = shared.clients.lock().expect("lock");
    clients.retain(|c| c.send(notice.clone()).is_ok());
}

fn respond(request: Request, shared: &Shared) {
    let (base, error) = shared.status.read().expect("lock").clone();
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let path = percent_decode(&url);
    if path == format!("{base}{EVENTS}") {
        return events(request, shared, error);
    }
    let Some(rest) = path.strip_prefix(&base) else {
        if path == "/" || path == base.trim_end_matches('/') {
            return redirect(request, &base);
        }
        return not_found(request, shared, &base);
    };
    let file = if rest.is_empty() || rest.ends_with('/') {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    };
    let found = shared.session.lock().expect("lock").get(&file);
    match found {
        Some(Ok(bytes)) => send(request, 200, &file, &bytes, &base),
        Some(Err(message)) => {
            let _ = request.respond(Response::from_string(message).with_status_code(500));
        }
        None if shared
            .session
            .lock()
            .expect("lock")
            .has(&format!("{rest}/index.html")) =>
        {
            redirect(request, &format!("{base}{rest}/"))
        }
        None => not_found(request, shared, &base),
    }
}

fn not_found(request: Request, shared: &Shared, base: &str) {
    let page = shared.session.lock().expect("lock").get("404.html");
    match page {
        Some(Ok(bytes)) => send(request, 404, "404.html", &bytes, base),
        _ => {
            let _ = request.respond(Response::from_string("not found").with_status_code(404));
        }
    }
}

fn redirect(request: Request, to: &str) {
    let location = Header::from_bytes("Location", to.as_bytes()).expect("valid header");
    let _ = request.respond(Response::empty(StatusCode(302)).with_header(location));
}

fn send(request: Request, status: u16, file: &str, bytes: &[u8], base: &str) {
    let kind = content_type(file);
    let body = if kind.starts_with("text/html") {
        inject(bytes, base)
    } else {
        bytes.to_vec()
    };
    let header = Header::from_bytes("Content-Type", kind).expect("valid header");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("valid header");
    let _ = request.respond(
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header)
            .with_header(no_cache),
    );
}

/// The page with the live-reload script before `</body>`.
fn inject(html: &[u8], base: &str) -> Vec<u8> {
    let script = RELOAD_SCRIPT.replace("__EVENTS__", &format!("{base}{EVENTS}"));
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

/// Streams notices to one page until it goes away.
fn events(request: Request, shared: &Shared, error: Option<String>) {
    let (tx, rx) = mpsc::channel();
    shared.clients.lock().expect("lock").push(tx);
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    if let Some(text) = error {
        if write_notice(&mut out, &Notice::Failed(text)).is_err() {
            return;
        }
    }
    stream(&mut out, &rx);
}

fn stream(out: &mut Box<dyn Write + Send>, rx: &Receiver<Notice>) {
    loop {
        let sent = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(notice) => write_notice(out, &notice),
            Err(RecvTimeoutError::Timeout) => out
                .write_all(b": keep-alive\n\n")
                .and_then(|()| out.flush()),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn write_notice(out: &mut Box<dyn Write + Send>, notice: &Notice) -> std::io::Result<()> {
    let message = match notice {
        Notice::Reload => "event: reload\ndata: reload\n\n".to_string(),
        Notice::Failed(text) => {
            let data: String = text.lines().map(|l| format!("data: {l}\n")).collect();
            format!("event: failed\n{data}\n")
        }
    };
    out.write_all(message.as_bytes())?;
    out.flush()
}

/// The `Content-Type` of a file of the site, by its extension.
pub fn content_type(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// `%XX` escapes decoded; invalid ones are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not start a browser; open {url}");
    }
}

const RELOAD_SCRIPT: &str = r#"<script>
(() => {
  const events = new EventSource("__EVENTS__");
  const id = "briefing-build-error";
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("failed", (e) => {
    let box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.5rem;background:#2b0d0d;color:#fff;border-top:4px solid #e5484d;font:13px/1.5 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "The last change does not build; this is the last good version.\n\n" + e.data;
  });
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b/%2e%2e/"), "/a b/../");
        assert_eq!(percent_decode("/bad%zz"), "/bad%zz");
    }

    #[test]
    fn script_goes_before_the_end_of_body() {
        let page = inject(b"<html><body><p>x</p></body></html>", "/repo/");
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains("new EventSource(\"/repo/__briefing/events\")"));
        assert!(text.ends_with("</script>\n</body></html>"));
    }
}
