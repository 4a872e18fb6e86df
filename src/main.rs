//! The `briefing` command line: `build` and `check`.

use briefing::diagnostics::{Report, Severity};
use briefing::load::ActorKind;
use briefing::BuildOptions;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Builds allocate many small strings on two or more threads at once; mimalloc's
/// per-thread heaps keep that from dominating the profile as glibc's malloc did.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Build a cross-linked briefing site from annotated Markdown notes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// The pack: a folder with content/site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the site goes [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides base_url of site.yaml, e.g. https://user.github.io/repo/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include notes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage took (stderr).
        #[arg(long)]
        timings: bool,
    },
    /// Serve the site on 127.0.0.1, rebuilding and reloading the browser on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Overrides base_url of site.yaml; its path is where the site is served.
        #[arg(long)]
        base_url: Option<String>,
        /// Include notes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Create a new pack in DIR that builds at once.
    Init { dir: PathBuf },
    /// Create a note or an actor file with its front matter filled in.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Validate the pack as `build` would, writing nothing; also report warnings.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Subcommand)]
enum New {
    /// content/notes/<SLUG>.md
    Note {
        slug: String,
        /// Key of the article in sources.yaml (the note then takes its date).
        #[arg(long)]
        source: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// content/actors/<ID>.md
    Actor {
        id: String,
        /// The actor's name as shown on the site.
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "other", value_parser = ["person", "state", "organization", "group", "other"])]
        kind: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    tune_allocator();
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            timings,
        } => {
            if timings {
                briefing::timings::enable();
            }
            let (summary, report) = briefing::build(&BuildOptions {
                root,
                output,
                base_url,
                drafts,
            });
            eprint!("{}", report.render());
            if timings {
                eprint!("{}", briefing::timings::report());
            }
            match summary {
                Some(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "\nbuild failed: {} error(s); the previous output is unchanged",
                        report.error_count()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            root,
            port,
            base_url,
            drafts,
            open,
        } => match briefing::serve::serve(briefing::serve::ServeOptions {
            root,
            port,
            base_url,
            drafts,
            open,
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Init { dir } => done(briefing::scaffold::init(&dir).map(|files| {
            for f in &files {
                println!("created {}", f.display());
            }
            format!(
                "new pack in {0}; build it with: briefing build --root {0}",
                dir.display()
            )
        })),
        Command::New { what } => done(
            match what {
                New::Note { slug, source, root } => briefing::scaffold::new_note(
                    &root,
                    &slug,
                    source.as_deref(),
                    &briefing::scaffold::today(),
                ),
                New::Actor {
                    id,
                    name,
                    kind,
                    root,
                } => {
                    let kind = ActorKind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == kind)
                        .unwrap_or_default();
                    briefing::scaffold::new_actor(&root, &id, &name, kind)
                }
            }
            .map(|path| path.display().to_string()),
        ),
        Command::Check { root, strict } => {
            let mut report = briefing::check(&root);
            if strict {
                promote_warnings(&mut report);
            }
            eprint!("{}", report.render());
            let (errors, warnings) = (report.error_count(), report.warning_count());
            if errors > 0 {
                eprintln!("\ncheck failed: {errors} error(s), {warnings} warning(s)");
                ExitCode::FAILURE
            } else {
                println!("check passed: {warnings} warning(s)");
                ExitCode::SUCCESS
            }
        }
    }
}

/// Prints what a command made, or why it made nothing.
fn done(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn promote_warnings(report: &mut Report) {
    for d in &mut report.items {
        d.severity = Severity::Error;
    }
}

/// Sets three of mimalloc's options for a program whose heap grows to gigabytes, most of
/// it read in no particular order.
///
/// The heap is mapped in 2 MiB pages where Linux's transparent huge pages allow it (in
/// the `madvise` mode of this project's machine, for memory that asks, as mimalloc's
/// then does): one fault where small pages take 512, and one address translation for as
/// much memory.
/// Alternated builds on this project's machine, two series: 10,000 notes warm, medians
/// 1.50 and 1.56 s against 1.68 and 1.61 s; cold (a new output folder), 2.62 s against
/// 3.05 and 3.12 s, with about 1 s less system time; 100,000 notes, 18.8 and 19.0 s
/// against 18.9 s both times. Peak memory at 10,000 notes 293-311 MiB against 277-293.
/// That machine hands free 2 MiB blocks back to its host, which supplies a huge page
/// afresh when it is first touched: the larger build pays that in its first stages and
/// wins it back in the rendering. Before freed memory was kept (below), each stage took
/// huge pages afresh and small pages were faster.
///
/// Freed memory is kept for the build's later allocations, where by default mimalloc
/// hands it back to the kernel 10 ms after it is freed. A build frees and allocates
/// hundreds of megabytes between its stages (the parsers' buffers, the event rows, the
/// export's and the search index's own); every page handed back is a fault and a page
/// zeroed again when the next stage touches it. At 100,000 notes that was 872,000 page
/// faults for a 2.5 GB peak (632,000 pages); kept, 681,000. The memory goes back when the
/// build ends; a server keeps its peak between rebuilds.
///
/// A thread's heap is tidied (every page of it visited) once in a million allocations
/// that take mimalloc's slow path (a size's current page used up) rather than once in
/// 10,000: each visit costs in proportion to the heap and their number grows with it,
/// so together they grew with the square of the pack (0.1 s of CPU at 100,000 notes,
/// under 1 ms at 10,000).
fn tune_allocator() {
    use libmimalloc_sys::{mi_option_large_os_pages, mi_option_set};
    // The other two by their place in mimalloc v2's `mi_option_t` (the Rust bindings name
    // only some; mimalloc adds options at the end of the list and keeps retired ones in
    // their places).
    /// Milliseconds before freed memory goes back to the system, -1 for never.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    /// Slow-path allocations between two collections of a thread's heap.
    const GENERIC_COLLECT: libmimalloc_sys::mi_option_t = 36;
    // SAFETY: called first thing in `main`, before any other thread exists
    // (`mi_option_set` is not thread-safe); the options take plain integers.
    unsafe {
        mi_option_set(mi_option_large_os_pages, 1);
        mi_option_set(PURGE_DELAY, -1);
        mi_option_set(GENERIC_COLLECT, 1_000_000);
    }
}
