//! Times one-note rebuilds of the dev server's incremental engine on a pack: a first full
//! build, then `--runs` edits of one note, each followed by a rebuild. Prints the full
//! build time and the median, minimum and maximum rebuild times.
//!
//! cargo run --release --example rebuild -- --runs 20 DIR

use briefing::incremental::Session;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `briefing` binary, so that rebuilds are timed as `serve` runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(20, |v| v.parse().expect("a number"));
    let root = PathBuf::from(args.last().expect("a pack folder"));
    let mut session = Session::new(&root, None, false);
    let start = Instant::now();
    let first = session
        .rebuild(&[])
        .unwrap_or_else(|r| panic!("{}", r.render()));
    let full = start.elapsed();
    let note = first_note(&root.join("content/notes"));
    let original = std::fs::read_to_string(&note).unwrap();
    let mut times = Vec::with_capacity(runs);
    let mut pages = 0;
    for run in 0..runs {
        if run + 1 == runs && std::env::var_os("BRIEFING_TIMINGS").is_some() {
            briefing::timings::enable();
        }
        std::fs::write(&note, format!("{original}\nEdit number {run}.\n")).unwrap();
        let t = Instant::now();
        let r = session
            .rebuild(std::slice::from_ref(&note))
            .unwrap_or_else(|r| panic!("{}", r.render()));
        times.push(t.elapsed());
        pages = r.pages;
    }
    std::fs::write(&note, original).unwrap();
    eprint!("{}", briefing::timings::report());
    times.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "full build (in memory) {:.0} ms, {} pages; one-note rebuild: median {:.1} ms, min {:.1} ms, max {:.1} ms ({} pages re-rendered)",
        ms(full),
        first.pages,
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1]),
        pages
    );
}

fn first_note(dir: &Path) -> PathBuf {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("a note")
        .into_path()
}
