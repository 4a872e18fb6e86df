//! Incremental rebuilds, for the dev server. A [`Session`] keeps every document it has
//! loaded and annotated, and the last good build in memory. A rebuild re-reads only the
//! files that changed. Edited notes that keep their slugs, files and places in the notes'
//! order are put into the kept site in place, their share of the back-references taken
//! out and put back, and only they are linted again; any other change to the notes
//! resolves the whole graph again. Either way only the pages that can differ are
//! rendered again: the changed notes, the actors, sources and tags they touch now or
//! touched before, and the lists. Anything else that changes (site.yaml, sources.yaml,
//! an actor, a page, the theme) re-renders everything. The result is always byte for
//! byte what a full build would write.

use crate::annotate::{parse_doc, Parsed, ParsedPack};
use crate::diagnostics::{Diagnostic, FileRef, Report};
use crate::lint::Warnings;
use crate::load::{self, ActorMeta, Bibliography, Folder, NoteMeta, PageMeta, SiteConfig};
use crate::render::{self, links::Links, theme::Theme, PageKey};
use crate::resolve::{self, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The files of a built site: path below the output folder -> bytes.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// A file of the kept build: rendered, or to be rendered when first asked for. Pages
/// that list the whole pack (home, chronology, indexes) and the data files are costly
/// and rarely looked at while editing one note, so a rebuild renders them on demand, as
/// Hugo's fast render mode does; what they hold is the same either way.
#[derive(Clone)]
enum Entry {
    Ready(Arc<Vec<u8>>),
    Page(PageKey),
    /// One of the files of [`render::render_data`], all rendered together.
    Data,
}

/// A document as last read: parsed, or the problems that kept it from parsing.
struct Cached<M> {
    doc: Option<Parsed<M>>,
    problems: Vec<Diagnostic>,
}

/// The last good build.
struct Built {
    site: Site,
    /// The site's link table, made again whenever the site changes.
    links: Links,
    warnings: Warnings,
    theme: Theme,
    files: BTreeMap<String, Entry>,
    /// The pages that list the whole pack ([`PageKey::lists`]).
    lists: Vec<PageKey>,
}

impl Built {
    /// Renders a file left for later; an error is the template's message.
    fn materialize(&mut self, path: &str) -> Result<(), String> {
        let message = |ds: Vec<Diagnostic>| {
            ds.iter()
                .map(Diagnostic::render)
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self.files.get(path).cloned() {
            Some(Entry::Page(key)) => {
                let page = render::render_pages(&self.site, &self.theme, &self.links, &[key])
                    .map_err(message)?;
                for f in page {
                    self.files.insert(f.path, Entry::Ready(Arc::new(f.bytes)));
                }
            }
            Some(Entry::Data) => {
                let keys = PageKey::all(&self.site);
                let data = render::render_data(&self.site, &self.links, &keys).map_err(message)?;
                for f in data {
                    self.files.insert(f.path, Entry::Ready(Arc::new(f.bytes)));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// Pages rendered (the rest were kept from the previous build).
    pub pages: usize,
    /// Whether everything was rendered.
    pub full: bool,
    /// Whether the kept site was updated in place rather than resolved again.
    pub in_place: bool,
    pub elapsed: Duration,
    /// Warnings of the build.
    pub report: Report,
}

/// A pack kept in memory between rebuilds.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    site: Option<(SiteConfig, FileRef)>,
    site_problems: Vec<Diagnostic>,
    sources: Bibliography,
    source_problems: Vec<Diagnostic>,
    notes: BTreeMap<PathBuf, Cached<NoteMeta>>,
    actors: BTreeMap<PathBuf, Cached<ActorMeta>>,
    pages: BTreeMap<PathBuf, Cached<PageMeta>>,
    /// Problems met listing the notes, actors and pages folders.
    listing_problems: [Vec<Diagnostic>; 3],
    /// Files changed since the last good build.
    pending: BTreeSet<PathBuf>,
    /// Something changed since the last good build that needs a full render.
    pending_full: bool,
    built: Option<Built>,
}

impl Session {
    /// A session on the pack at `root`; nothing is read until the first rebuild.
    pub fn new(root: &Path, base_url: Option<String>, drafts: bool) -> Self {
        Self {
            root: root.to_path_buf(),
            base_url,
            drafts,
            site: None,
            site_problems: Vec::new(),
            sources: Bibliography::default(),
            source_problems: Vec::new(),
            notes: BTreeMap::new(),
            actors: BTreeMap::new(),
            pages: BTreeMap::new(),
            listing_problems: Default::default(),
            pending: BTreeSet::new(),
            pending_full: true,
            built: None,
        }
    }

    /// Every file of the last good build, rendering what was left for later.
    pub fn files(&mut self) -> Option<Files> {
        let built = self.built.as_mut()?;
        let paths: Vec<String> = built.files.keys().cloned().collect();
        for path in &paths {
            built.materialize(path).ok()?;
        }
        let files = built.files.iter().filter_map(|(p, e)| match e {
            Entry::Ready(bytes) => Some((p.clone(), bytes.clone())),
            _ => None,
        });
        Some(files.collect())
    }

    /// One file of the last good build (`None` when there is no such file), rendered now
    /// if it was left for later.
    pub fn get(&mut self, path: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
        let built = self.built.as_mut()?;
        if let Err(e) = built.materialize(path) {
            return Some(Err(e));
        }
        match built.files.get(path)? {
            Entry::Ready(bytes) => Some(Ok(bytes.clone())),
            _ => None,
        }
    }

    /// Whether the last good build has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.built
            .as_ref()
            .is_some_and(|b| b.files.contains_key(path))
    }

    /// The base path the site is served under.
    pub fn base_path(&self) -> String {
        let url = self
            .built
            .as_ref()
            .map(|b| b.site.config.base_url.clone())
            .or_else(|| self.base_url.clone())
            .unwrap_or_else(|| "/".into());
        render::Urls::new(&url).base().to_string()
    }

    /// Rebuilds after `changed` files changed (all of them when the slice is empty, as
    /// on the first build). On errors the last good build stays and the report says why.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Report> {
        let start = Instant::now();
        use crate::timings::time;
        time("rebuild: read", || self.read(changed));
        let mut report = Report::default();
        let quick = time("rebuild: in place", || self.rebuild_in_place(&mut report));
        let in_place = quick.is_some();
        let outcome = match quick {
            Some(pages) => Some((pages, false)),
            None => {
                let site = time("rebuild: gather, resolve, lint", || {
                    self.resolve(&mut report)
                });
                match site {
                    Some((site, warnings)) => time("rebuild: render", || {
                        self.render(site, warnings, &mut report)
                    }),
                    None => None,
                }
            }
        };
        report.sort();
        match outcome {
            Some((pages, full)) => Ok(Rebuilt {
                pages,
                full,
                in_place,
                elapsed: start.elapsed(),
                report,
            }),
            None => Err(report),
        }
    }

    /// Brings the caches up to date with the files on disk.
    fn read(&mut self, changed: &[PathBuf]) {
        let first = self.site.is_none() && self.site_problems.is_empty();
        let content = self.root.join("content");
        let everything = first || changed.is_empty();
        let touches = |p: &Path| changed.iter().any(|c| c.starts_with(p) || p.starts_with(c));
        if everything || touches(&content.join("site.yaml")) {
            let mut r = Report::default();
            self.site = load::load_site(&self.root, &mut r);
            self.site_problems = r.items;
            self.pending_full = true;
        }
        if everything || touches(&content.join("sources.yaml")) {
            let mut r = Report::default();
            self.sources = load::load_sources(&self.root, &mut r);
            self.source_problems = r.items;
            self.pending_full = true;
        }
        if everything || touches(&self.root.join("themes")) {
            self.pending_full = true;
        }
        let root = self.root.clone();
        let notes = sync(&root, Folder::Notes, &mut self.notes, changed, everything);
        let actors = sync(&root, Folder::Actors, &mut self.actors, changed, everything);
        let pages = sync(&root, Folder::Pages, &mut self.pages, changed, everything);
        self.pending.extend(notes.changed);
        self.pending_full |= !actors.changed.is_empty() || !pages.changed.is_empty();
        for (i, synced) in [notes.listing, actors.listing, pages.listing]
            .into_iter()
            .enumerate()
        {
            if let Some(problems) = synced {
                self.listing_problems[i] = problems;
            }
        }
    }

    /// The quick way through an edit of notes that keep their slugs, files and places in
    /// the notes' order ([`Site::recheck_note`]): the kept site is updated in place and
    /// only the pages the notes touch, before or after, are rendered again. The number of
    /// pages rendered, or `None` (nothing changed) when the edit needs the full way.
    fn rebuild_in_place(&mut self, report: &mut Report) -> Option<usize> {
        if self.pending_full || self.pending.is_empty() {
            return None;
        }
        let built = self.built.as_mut()?;
        let tags_before: Vec<String> = built
            .site
            .graph
            .tags
            .iter()
            .map(|t| t.slug.clone())
            .collect();
        // The pages of the chronology change only when the months of events do.
        let mut months_moved = false;
        let mut keys: BTreeSet<PageKey> = BTreeSet::new();
        let mut undo = Vec::with_capacity(self.pending.len());
        // Each note is checked against the site with the notes before it already in, so
        // that two neighbours edited at once are held to each other's new places.
        let mut applied = true;
        for path in &self.pending {
            let edit = self.notes.get(path).and_then(|cached| {
                let parsed = cached.doc.clone()?;
                let usable = !cached.problems.iter().any(Diagnostic::is_error)
                    && (self.drafts || !parsed.doc.meta.draft);
                built.site.recheck_note(parsed).filter(|_| usable)
            });
            let Some((i, note)) = edit else {
                applied = false;
                break;
            };
            keys.extend(touched(&built.site, &built.site.notes[i]));
            months_moved |= event_months(&built.site.notes[i]) != event_months(&note);
            undo.push((i, built.site.replace_note(i, note)));
            keys.extend(touched(&built.site, &built.site.notes[i]));
        }
        let same_pages = || {
            let now = built.site.graph.tags.iter().map(|t| &t.slug);
            now.eq(&tags_before)
                && (!months_moved || PageKey::lists(&built.site) == built.lists)
                && numbered_pages_kept(&built.site, &keys)
        };
        let same = applied && same_pages();
        let keys: Vec<PageKey> = keys.into_iter().collect();
        let pages = match same {
            true => {
                let links = Links::of(&built.site);
                let pages = render::render_pages(&built.site, &built.theme, &links, &keys);
                pages.ok().map(|pages| (pages, links))
            }
            false => None,
        };
        let Some((pages, links)) = pages else {
            // A note the full way must check, a tag page or a page of the chronology
            // that comes or goes, or a template that fails: the notes are put back and
            // the full way says why.
            for (i, note) in undo.into_iter().rev() {
                built.site.replace_note(i, note);
            }
            return None;
        };
        built.links = links;
        built
            .warnings
            .update_notes(&built.site, undo.iter().map(|(i, _)| *i));
        report.extend(built.warnings.all().cloned());
        let count = pages.len();
        for f in pages {
            built.files.insert(f.path, Entry::Ready(Arc::new(f.bytes)));
        }
        for key in &built.lists {
            built.files.insert(key.file(), Entry::Page(key.clone()));
        }
        for path in DATA {
            built.files.insert(path.to_string(), Entry::Data);
        }
        self.known_problems(report);
        self.pending.clear();
        Some(count)
    }

    /// Problems met reading the files, which every build reports again.
    fn known_problems(&self, report: &mut Report) {
        report.extend(self.site_problems.iter().cloned());
        report.extend(self.source_problems.iter().cloned());
        report.extend(self.listing_problems.iter().flatten().cloned());
        report.extend(problems(&self.notes));
        report.extend(problems(&self.actors));
        report.extend(problems(&self.pages));
    }

    /// Resolves the cached documents; `None` on errors.
    fn resolve(&self, report: &mut Report) -> Option<(Site, Warnings)> {
        self.known_problems(report);
        let (mut config, site_file) = self.site.clone()?;
        if let Some(url) = &self.base_url {
            config.base_url = url.clone();
        }
        let mut notes = docs(&self.notes);
        if !self.drafts {
            notes.retain(|n| !n.doc.meta.draft);
        }
        let pack = ParsedPack {
            site: config,
            site_file,
            notes,
            actors: docs(&self.actors),
            pages: docs(&self.pages),
            bibliography: self.sources.clone(),
        };
        let site = crate::timings::time("rebuild: resolve", || resolve::resolve(pack, report));
        if report.has_errors() {
            return None;
        }
        let warnings = crate::timings::time("rebuild: lint", || Warnings::new(&site));
        report.extend(warnings.all().cloned());
        Some((site, warnings))
    }

    /// Renders what changed into the kept files; the number of pages rendered and
    /// whether the render was full, or `None` on errors.
    fn render(
        &mut self,
        site: Site,
        warnings: Warnings,
        report: &mut Report,
    ) -> Option<(usize, bool)> {
        let previous = self.built.take();
        let full = self.pending_full || previous.is_none();
        let theme = match (&previous, full) {
            (Some(b), false) => b.theme.clone(),
            _ => match render::theme::load(&self.root, &site.config.theme) {
                Ok(t) => t,
                Err(ds) => {
                    report.extend(ds);
                    self.built = previous;
                    return None;
                }
            },
        };
        let lists = PageKey::lists(&site);
        let keys: Vec<PageKey> = lists
            .iter()
            .cloned()
            .chain(PageKey::documents(&site))
            .collect();
        let plan = match (&previous, full) {
            (Some(prev), false) => {
                Plan::partial(prev, &site, &lists, &keys, &self.changed_slugs(prev))
            }
            _ => Plan::full(&keys),
        };
        let links = Links::of(&site);
        let pages = match render::render_pages(&site, &theme, &links, &plan.eager) {
            Ok(pages) => pages,
            Err(ds) => {
                report.extend(ds);
                self.built = previous;
                return None;
            }
        };
        let mut files: BTreeMap<String, Entry> = match (previous, full) {
            (Some(prev), false) => prev.files,
            _ => render::render_statics(&theme)
                .into_iter()
                .map(|f| (f.path, Entry::Ready(Arc::new(f.bytes))))
                .collect(),
        };
        // Pages that no longer exist go; the lists and data are rendered when asked for.
        files.retain(|_, e| matches!(e, Entry::Ready(_)));
        let now: BTreeSet<String> = keys.iter().map(PageKey::file).collect();
        files.retain(|path, _| {
            path.starts_with("static/") || now.contains(path) || DATA.contains(&path.as_str())
        });
        for key in &plan.lazy {
            files.insert(key.file(), Entry::Page(key.clone()));
        }
        for path in DATA {
            files.insert(path.to_string(), Entry::Data);
        }
        if site
            .config
            .cname
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        {
            files.insert("CNAME".into(), Entry::Data);
        }
        let count = pages.len();
        for f in pages {
            files.insert(f.path, Entry::Ready(Arc::new(f.bytes)));
        }
        let mut built = Built {
            site,
            links,
            warnings,
            theme,
            files,
            lists,
        };
        if full {
            // A full build renders everything now, so template errors show at once.
            let paths: Vec<String> = built.files.keys().cloned().collect();
            for path in paths {
                if let Err(e) = built.materialize(&path) {
                    report.push(Diagnostic::at_path(Path::new(&path), e));
                    self.built = None;
                    return None;
                }
            }
        }
        self.built = Some(built);
        self.pending.clear();
        self.pending_full = false;
        Some((count, full))
    }

    /// Slugs of the notes whose files changed since the last good build, as they were
    /// then and as they are now.
    fn changed_slugs(&self, prev: &Built) -> BTreeSet<String> {
        let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let mut slugs: BTreeSet<String> = self.pending.iter().filter_map(stem).collect();
        // A note that moved keeps its slug; one renamed shows up under both names.
        slugs.retain(|s| {
            prev.site.notes.iter().any(|n| n.slug == *s)
                || self.notes.keys().any(|p| stem(p).as_deref() == Some(s))
        });
        slugs
    }
}

/// The files of [`render::render_data`] other than CNAME, which is there only when set.
const DATA: [&str; 7] = [
    "data/pack.json",
    "data/actors.js",
    "data/search.js",
    ".nojekyll",
    "robots.txt",
    "sitemap.xml",
    "atom.xml",
];

/// Which pages to render: `eager` now, `lazy` when first asked for.
struct Plan {
    eager: Vec<PageKey>,
    lazy: Vec<PageKey>,
}

impl Plan {
    /// Every page of the site, `keys`, now.
    fn full(keys: &[PageKey]) -> Self {
        Self {
            eager: keys.to_vec(),
            lazy: Vec::new(),
        }
    }

    /// The pages a change to the notes `slugs` can alter: the notes themselves and every
    /// actor, source and tag they touch in either version (every actor, when the pages
    /// of the chronology change), now; the lists, later. `keys_now` are every page of `new`.
    fn partial(
        old: &Built,
        new: &Site,
        lists: &[PageKey],
        keys_now: &[PageKey],
        slugs: &BTreeSet<String>,
    ) -> Self {
        let mut keys: BTreeSet<PageKey> = BTreeSet::new();
        for site in [&old.site, new] {
            for note in site.notes.iter().filter(|n| slugs.contains(&n.slug)) {
                keys.extend(touched(site, note));
            }
        }
        // Actor pages link to the page of the chronology that lists their first event.
        if old.lists != lists {
            keys.extend(new.actors.iter().map(|a| PageKey::Actor(a.id.clone())));
        }
        let present: BTreeSet<&PageKey> = keys_now.iter().collect();
        keys.retain(|k| present.contains(k));
        Self {
            eager: keys.into_iter().collect(),
            lazy: lists.to_vec(),
        }
    }
}

/// Whether every numbered page of an actor's mentions or events or of a tag's notes
/// among `keys` is still there.
fn numbered_pages_kept(site: &Site, keys: &BTreeSet<PageKey>) -> bool {
    keys.iter().all(|key| match key {
        PageKey::ActorMentions(id, _) | PageKey::ActorEvents(id, _) => site
            .actors
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .is_ok_and(|a| PageKey::actor_lists(site, a).any(|k| k == *key)),
        PageKey::TagNotes(slug, _) => site
            .graph
            .tags
            .binary_search_by(|t| t.slug.cmp(slug))
            .is_ok_and(|t| PageKey::tag_pages(site, t).any(|k| k == *key)),
        _ => true,
    })
}

/// The year and month of each of a note's events, which place it in the chronology's
/// pages.
fn event_months(note: &crate::resolve::Note) -> Vec<(u16, Option<u8>)> {
    let events = note.body.ann.events.iter();
    events
        .map(|e| (e.date.start.year, e.date.start.month))
        .collect()
}

/// The pages one note appears on.
fn touched(site: &Site, note: &crate::resolve::Note) -> Vec<PageKey> {
    let mut keys = vec![PageKey::Note(note.slug.clone())];
    let body = &note.body;
    let actors: BTreeSet<usize> = body.mention_actor.iter().flatten().copied().collect();
    for a in actors {
        keys.push(PageKey::Actor(site.actors[a].id.clone()));
        keys.extend(PageKey::actor_lists(site, a));
    }
    let sources = body
        .citation_source
        .iter()
        .flatten()
        .chain(note.source.iter());
    keys.extend(sources.map(|&s| PageKey::Source(site.sources[s].key.clone())));
    for slug in note.meta.tags.iter().map(|t| crate::ids::slugify(t)) {
        if let Ok(t) = site.graph.tags.binary_search_by(|x| x.slug.cmp(&slug)) {
            keys.extend(PageKey::tag_pages(site, t));
        }
        keys.push(PageKey::Tag(slug));
    }
    keys
}

/// Clones the parsed documents of a cache.
fn docs<M: Clone>(cache: &BTreeMap<PathBuf, Cached<M>>) -> Vec<Parsed<M>> {
    cache.values().filter_map(|e| e.doc.clone()).collect()
}

/// The problems met reading the files of a cache.
fn problems<M>(cache: &BTreeMap<PathBuf, Cached<M>>) -> impl Iterator<Item = Diagnostic> + '_ {
    cache.values().flat_map(|e| e.problems.iter().cloned())
}

/// What [`sync`] did to a folder's cache.
struct Synced {
    /// Files read again or dropped.
    changed: Vec<PathBuf>,
    /// Problems met listing the folder, when it was listed.
    listing: Option<Vec<Diagnostic>>,
}

/// Updates the cache of one folder: re-reads the changed files, drops the deleted ones,
/// and lists the folder again when a folder itself changed.
fn sync<M: serde::de::DeserializeOwned + Send>(
    root: &Path,
    folder: Folder,
    cache: &mut BTreeMap<PathBuf, Cached<M>>,
    changed: &[PathBuf],
    everything: bool,
) -> Synced {
    use rayon::prelude::*;
    let dir = folder.dir(root);
    let mut listing = None;
    let stale: Vec<PathBuf> = if everything
        || changed
            .iter()
            .any(|c| c == &dir || (c.starts_with(&dir) && c.is_dir()))
    {
        let mut problems = Report::default();
        let on_disk: BTreeSet<PathBuf> = load::markdown_files(root, folder, &mut problems)
            .into_iter()
            .collect();
        listing = Some(problems.items);
        let removed: Vec<PathBuf> = cache
            .keys()
            .filter(|p| !on_disk.contains(*p))
            .cloned()
            .collect();
        let mut all: Vec<PathBuf> = on_disk.into_iter().collect();
        if !everything {
            all.retain(|p| !cache.contains_key(p) || changed.iter().any(|c| p.starts_with(c)));
        }
        all.extend(removed);
        all
    } else {
        changed
            .iter()
            .filter(|p| p.starts_with(&dir) && p.extension().is_some_and(|x| x == "md"))
            .cloned()
            .collect()
    };
    let loaded: Vec<(PathBuf, Option<Cached<M>>)> = stale
        .par_iter()
        .map(|path| {
            if !path.is_file() {
                return (path.clone(), None);
            }
            let mut r = Report::default();
            let doc = load::load_doc::<M>(root, path, &mut r).map(parse_doc);
            (
                path.clone(),
                Some(Cached {
                    doc,
                    problems: r.items,
                }),
            )
        })
        .collect();
    for (path, entry) in loaded {
        match entry {
            Some(e) => cache.insert(path, e),
            None => cache.remove(&path),
        };
    }
    Synced {
        changed: stale,
        listing,
    }
}
