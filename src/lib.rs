//! `briefing` turns a folder of annotated Markdown notes into a cross-linked static site.
//!
//! The pipeline is a chain of stages over plain data, each a module:
//! [`load`] (files -> typed front matter) -> [`annotate`] (Markdown -> nodes and
//! annotations) -> [`resolve`] (the cross-reference graph) -> [`render`] (pages in
//! memory) -> [`write`] (the output folder, replaced whole). [`build`] and [`check`]
//! run them.

pub mod annotate;
pub mod date;
pub mod diagnostics;
pub mod frontmatter;
pub mod ids;
pub mod incremental;
pub mod lint;
pub mod load;
mod overlap;
mod prefetch;
mod readahead;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod timings;
pub mod write;
mod yaml;

use diagnostics::{Diagnostic, Report};
use render::OutputFile;
use resolve::Site;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.yaml.
    pub base_url: Option<String>,
    /// Include notes marked `draft: true`.
    pub drafts: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct Summary {
    pub notes: usize,
    pub actors: usize,
    pub sources: usize,
    pub events: usize,
    pub output: PathBuf,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "built {} notes, {} actors, {} sources, {} events -> {}/ in {} ms",
            self.notes,
            self.actors,
            self.sources,
            self.events,
            shown_path(&self.output),
            self.elapsed.as_millis()
        )
    }
}

/// A path as the user would type it: without a leading `./` or trailing `/`.
fn shown_path(path: &Path) -> String {
    let s = path.display().to_string();
    let s = s.strip_prefix("./").unwrap_or(&s);
    s.trim_end_matches('/').to_string()
}

/// Stages 1-3: the resolved site, with every problem (warnings included) in `report`.
/// `None` when the pack has errors.
pub fn resolve_pack(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    report: &mut Report,
) -> Option<Site> {
    let site = resolve_unlinted(root, base_url, drafts, report)?;
    report.extend(timings::time("lint", || lint::lint(&site)));
    Some(site)
}

/// [`resolve_pack`] without the lint's warnings.
fn resolve_unlinted(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    report: &mut Report,
) -> Option<Site> {
    let mut pack = timings::time("load", || load::load(root, report))?;
    if let Some(url) = base_url {
        pack.site.base_url = url.to_string();
    }
    if !drafts {
        pack.notes.retain(|n| !n.meta.draft);
    }
    let parsed = timings::time("annotate", || annotate::annotate_pack(pack));
    let site = timings::time("resolve", || resolve::resolve(parsed, report));
    if report.has_errors() {
        return None;
    }
    Some(site)
}

/// Stages 1-4: every file of the site, in memory.
pub fn render_pack(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
    report: &mut Report,
) -> Option<(Site, Vec<OutputFile>)> {
    let site = resolve_pack(root, base_url, drafts, report)?;
    let theme = match render::theme::load(root, &site.config.theme) {
        Ok(t) => t,
        Err(ds) => {
            report.extend(ds);
            return None;
        }
    };
    match render::render(&site, &theme) {
        Ok(files) => Some((site, files)),
        Err(ds) => {
            report.extend(ds);
            None
        }
    }
}

/// Builds the pack into its output folder. The folder is replaced only when the whole
/// build succeeds. The report holds the warnings of a successful build too.
pub fn build(opts: &BuildOptions) -> (Option<Summary>, Report) {
    let start = Instant::now();
    let mut report = Report::default();
    let summary = build_into(opts, start, &mut report);
    report.sort();
    (summary, report)
}

fn build_into(opts: &BuildOptions, start: Instant, report: &mut Report) -> Option<Summary> {
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    if let Err(message) = write::check_output(&opts.root, &output) {
        report.push(Diagnostic::at_path(&output, message));
        return None;
    }
    let base_url = opts.base_url.as_deref();
    // The output's spare folder is taken (and its list of files read) while the pack
    // loads; a pack with errors gives it back untouched.
    let (site, staging) = rayon::join(
        || resolve_unlinted(&opts.root, base_url, opts.drafts, report),
        || timings::time("write: staging", || write::Staging::begin(&output)),
    );
    let site = site?;
    let theme = match render::theme::load(&opts.root, &site.config.theme) {
        Ok(t) => t,
        Err(ds) => {
            report.extend(ds);
            return None;
        }
    };
    let cannot_write =
        |e: std::io::Error| Diagnostic::at_path(&output, format!("cannot write the site: {e}"));
    let staging = match staging {
        Ok(s) => s,
        Err(e) => {
            report.push(cannot_write(e));
            return None;
        }
    };
    let sink = ToStaging {
        staging: &staging,
        output: &output,
    };
    // The lint only warns: it runs beside the rendering, which hides the part of it that
    // is serial (building the matcher of the actors' names).
    let (rendered, warnings) = rayon::join(
        || render::render_into(&site, &theme, &sink),
        || timings::time("lint", || lint::lint(&site)),
    );
    report.extend(warnings);
    if let Err(ds) = rendered {
        report.extend(ds);
        return None;
    }
    if let Err(e) = timings::time("write: swap in", || staging.commit()) {
        report.push(cannot_write(e));
        return None;
    }
    let summary = Summary {
        notes: site.notes.len(),
        actors: site.actors.len(),
        sources: site.sources.len(),
        events: site.graph.chronology.len(),
        output,
        elapsed: start.elapsed(),
    };
    // Freeing the model's millions of small allocations takes about 0.15 s at 10,000
    // notes: done on a thread of its own, which a command line that exits next does not
    // wait for.
    std::thread::spawn(move || drop(site));
    Some(summary)
}

/// The sink of a build: the staging folder.
struct ToStaging<'a> {
    staging: &'a write::Staging,
    output: &'a Path,
}

impl ToStaging<'_> {
    fn cannot_write(&self, e: std::io::Error) -> Diagnostic {
        Diagnostic::at_path(self.output, format!("cannot write the site: {e}"))
    }
}

impl render::Sink for ToStaging<'_> {
    fn file(&self, f: render::OutputFile) -> Result<(), Diagnostic> {
        let put = self.staging.put(&f.path, &f.bytes);
        put.map_err(|e| self.cannot_write(e))
    }

    fn stream(&self, path: &str, write: render::Writer) -> Result<(), Diagnostic> {
        let put = self.staging.put_stream(path, write);
        put.map_err(|e| self.cannot_write(e))
    }
}

/// Everything `build` validates (drafts included), writing nothing; warnings included.
pub fn check(root: &Path) -> Report {
    let mut report = Report::default();
    if let Some(site) = resolve_pack(root, None, true, &mut report) {
        if let Err(ds) = render::theme::load(root, &site.config.theme) {
            report.extend(ds);
        }
    }
    report.sort();
    report
}
