//! Stage 4, render: the resolved site to files in memory — every HTML page through the
//! theme's templates with typed views, the theme's static files and `data/pack.json`.
//! Pages render in parallel; the result is sorted by path, so it never depends on the
//! number of threads.

mod chronology;
mod export;
pub mod highlight;
pub mod html;
mod items;
pub mod links;
mod make;
mod pages;
mod paging;
mod publish;
mod relative;
mod search;
mod slots;
mod svg;
pub mod theme;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::resolve::{Site, Source};
use links::Links;
use make::Make;
use pages::PageSpec;
use rayon::prelude::*;
use serde::Serialize;
use theme::Theme;
use views::{Frame, Link, SiteView};

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output folder, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// URLs of the site, all starting with the base path.
#[derive(Debug, Clone)]
pub struct Urls {
    base: String,
    /// `https://host` when the base URL names one.
    origin: Option<String>,
}

impl Urls {
    /// From a base URL (`/`, `/repo/` or `https://user.github.io/repo/`).
    pub fn new(base_url: &str) -> Self {
        let (origin, path) = match base_url.split_once("://") {
            Some((scheme, rest)) => {
                let (host, path) = rest
                    .find('/')
                    .map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
                (Some(format!("{scheme}://{host}")), path)
            }
            None => (None, base_url),
        };
        let trimmed = path.trim_matches('/');
        let base = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Self { base, origin }
    }

    /// A site URL with the origin in front when the base URL names one (for feeds and
    /// sitemaps, which want absolute URLs).
    pub fn absolute(&self, url: &str) -> String {
        match &self.origin {
            Some(origin) => format!("{origin}{url}"),
            None => url.to_string(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }
    pub fn home(&self) -> String {
        self.base.clone()
    }
    pub fn path(&self, rest: &str) -> String {
        format!("{}{rest}", self.base)
    }
    /// Writes the URL of page `slug` of `section` at the end of `out`: the one place that
    /// says where a note's, actor's, source's, tag's or page's page lives.
    pub fn push_item(&self, out: &mut String, section: Section, slug: &str) {
        out.push_str(&self.base);
        out.push_str(section.dir());
        out.push_str(slug);
        out.push('/');
    }
    fn item(&self, section: Section, slug: &str) -> String {
        let mut url = String::new();
        self.push_item(&mut url, section, slug);
        url
    }
    pub fn note(&self, slug: &str) -> String {
        self.item(Section::Notes, slug)
    }
    pub fn actors(&self) -> String {
        self.path(Section::Actors.dir())
    }
    pub fn actor(&self, id: &str) -> String {
        self.item(Section::Actors, id)
    }
    pub fn sources(&self) -> String {
        self.path(Section::Sources.dir())
    }
    pub fn source(&self, key: &str) -> String {
        self.item(Section::Sources, key)
    }
    pub fn tags(&self) -> String {
        self.path(Section::Tags.dir())
    }
    pub fn tag(&self, slug: &str) -> String {
        self.item(Section::Tags, slug)
    }
    pub fn page(&self, slug: &str) -> String {
        self.item(Section::Pages, slug)
    }
}

/// The folders of the site whose pages are one per item.
#[derive(Debug, Clone, Copy)]
pub enum Section {
    Notes,
    Actors,
    Sources,
    Tags,
    Pages,
}

impl Section {
    /// The folder below the base, with its final slash.
    fn dir(self) -> &'static str {
        match self {
            Section::Notes => "notes/",
            Section::Actors => "actors/",
            Section::Sources => "sources/",
            Section::Tags => "tags/",
            Section::Pages => "pages/",
        }
    }
}

/// "Publisher, Author", with what is known.
pub fn source_byline(source: &Source) -> String {
    let parts: Vec<&str> = [&source.meta.publisher, &source.meta.author]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    parts.join(", ")
}

/// "Publisher, Author, 4 September 2025", with what is known.
pub fn source_detail(source: &Source) -> String {
    let byline = source_byline(source);
    match (byline.is_empty(), source.date) {
        (_, None) => byline,
        (true, Some(d)) => d.to_string(),
        (false, Some(d)) => format!("{byline}, {d}"),
    }
}

/// A page of the site, named by what it shows: stable across rebuilds, unlike indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    Home,
    Actors,
    Chronology,
    Sources,
    Tags,
    NotFound,
    Print,
    Search,
    Note(String),
    Actor(String),
    Source(String),
    Tag(String),
    Page(String),
    /// A page of a chronology split by period ([`chronology`]): its id.
    ChronologyPeriod(String),
    /// Page 2, 3... of the notes ([`paging`]).
    NotesPage(usize),
    /// Page 2, 3... of the bibliography.
    SourcesPage(usize),
    /// Page 2, 3... of an actor's mentions: the actor's id and the page's number.
    ActorMentions(String, usize),
    /// Page 2, 3... of an actor's events.
    ActorEvents(String, usize),
    /// Page 2, 3... of a tag's notes: the tag's slug and the page's number.
    TagNotes(String, usize),
}

impl PageKey {
    /// The pages that list the whole pack.
    pub const LISTS: [PageKey; 8] = [
        PageKey::Home,
        PageKey::Actors,
        PageKey::Chronology,
        PageKey::Sources,
        PageKey::Tags,
        PageKey::NotFound,
        PageKey::Print,
        PageKey::Search,
    ];

    /// The pages that list the whole pack, the pages of a split chronology among them.
    pub fn lists(site: &Site) -> Vec<PageKey> {
        let mut keys = PageKey::LISTS.to_vec();
        let periods = chronology::Chronology::of(site).periods;
        keys.extend(periods.into_iter().map(|p| PageKey::ChronologyPeriod(p.id)));
        keys.extend((2..=paging::List::Notes.pages(site)).map(PageKey::NotesPage));
        keys.extend((2..=paging::List::Sources.pages(site)).map(PageKey::SourcesPage));
        keys
    }

    /// Every page of `site`.
    pub fn all(site: &Site) -> Vec<PageKey> {
        let mut keys = PageKey::lists(site);
        keys.extend(PageKey::documents(site));
        keys
    }

    /// Every page of `site` but [`PageKey::lists`]: the documents' pages and the pages of
    /// their long lists.
    pub fn documents(site: &Site) -> Vec<PageKey> {
        let mut keys: Vec<PageKey> = Vec::new();
        keys.extend(site.notes.iter().map(|n| PageKey::Note(n.slug.clone())));
        keys.extend(site.actors.iter().map(|a| PageKey::Actor(a.id.clone())));
        keys.extend((0..site.actors.len()).flat_map(|a| PageKey::actor_lists(site, a)));
        keys.extend(site.sources.iter().map(|s| PageKey::Source(s.key.clone())));
        keys.extend(site.graph.tags.iter().map(|t| PageKey::Tag(t.slug.clone())));
        keys.extend((0..site.graph.tags.len()).flat_map(|t| PageKey::tag_pages(site, t)));
        keys.extend(site.pages.iter().map(|p| PageKey::Page(p.slug.clone())));
        keys
    }

    /// The pages of actor `a`'s mentions and events after the first (which is the
    /// actor's page).
    pub fn actor_lists(site: &Site, a: usize) -> impl Iterator<Item = PageKey> + '_ {
        let id = &site.actors[a].id;
        let mentions = paging::List::Mentions(a).pages(site);
        let events = paging::List::Events(a).pages(site);
        let mentions = (2..=mentions).map(move |n| PageKey::ActorMentions(id.clone(), n));
        mentions.chain((2..=events).map(move |n| PageKey::ActorEvents(id.clone(), n)))
    }

    /// The pages of tag `t`'s notes after the first (which is the tag's page).
    pub fn tag_pages(site: &Site, t: usize) -> impl Iterator<Item = PageKey> + '_ {
        let pages = paging::List::Tag(t).pages(site);
        (2..=pages).map(move |n| PageKey::TagNotes(site.graph.tags[t].slug.clone(), n))
    }

    /// What kind of page this is, for timings.
    pub fn kind(&self) -> &'static str {
        match self {
            PageKey::Note(_) => "render: note pages",
            PageKey::Actor(_) | PageKey::ActorMentions(..) | PageKey::ActorEvents(..) => {
                "render: actor pages"
            }
            PageKey::Source(_) => "render: source pages",
            PageKey::Tag(_) | PageKey::TagNotes(..) => "render: tag pages",
            PageKey::Page(_) => "render: other pages",
            PageKey::Home | PageKey::NotesPage(_) => "render: home",
            PageKey::Actors => "render: actor list",
            PageKey::Chronology | PageKey::ChronologyPeriod(_) => "render: chronology",
            PageKey::Sources | PageKey::SourcesPage(_) => "render: bibliography",
            PageKey::Print => "render: print page",
            _ => "render: other pages",
        }
    }

    /// The file the page is written to, below the output folder.
    pub fn file(&self) -> String {
        match self {
            PageKey::Home => "index.html".into(),
            PageKey::Actors => "actors/index.html".into(),
            PageKey::Chronology => "chronology/index.html".into(),
            PageKey::Sources => "sources/index.html".into(),
            PageKey::Tags => "tags/index.html".into(),
            PageKey::NotFound => "404.html".into(),
            PageKey::Print => "print/index.html".into(),
            PageKey::Search => "search/index.html".into(),
            PageKey::Note(s) => format!("notes/{s}/index.html"),
            PageKey::Actor(s) => format!("actors/{s}/index.html"),
            PageKey::Source(s) => format!("sources/{s}/index.html"),
            PageKey::Tag(s) => format!("tags/{s}/index.html"),
            PageKey::Page(s) => format!("pages/{s}/index.html"),
            PageKey::ChronologyPeriod(s) => format!("chronology/{s}/index.html"),
            PageKey::NotesPage(n) => paging::numbered("", *n) + "index.html",
            PageKey::SourcesPage(n) => paging::numbered("sources/", *n) + "index.html",
            PageKey::ActorMentions(id, n) => paging::actor_part(id, "mentions", *n) + "index.html",
            PageKey::ActorEvents(id, n) => paging::actor_part(id, "events", *n) + "index.html",
            PageKey::TagNotes(slug, n) => {
                paging::numbered(&format!("tags/{slug}/"), *n) + "index.html"
            }
        }
    }
}

/// Where rendered files go, each as it is made. A function of an [`OutputFile`] is one.
pub trait Sink: Sync {
    /// Takes a finished file.
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;

    /// Takes a large file as `write` writes it out, so that it need not be held whole.
    /// `write` may be called more than once, and writes the same bytes each time. By
    /// default the bytes are gathered and taken as a file.
    fn stream(&self, path: &str, write: Writer) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes)
            .map_err(|e| Diagnostic::at_path(std::path::Path::new(path), e.to_string()))?;
        self.file(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }
}

/// Writes a file's bytes out (see [`Sink::stream`]).
pub type Writer<'a> = &'a dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>;

impl<F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync> Sink for F {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self(file)
    }
}

/// Renders every file of the site, sorted by path.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_into(site, theme, &|f| {
        files.lock().expect("lock").push(f);
        Ok(())
    })?;
    let mut files = files.into_inner().expect("lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Renders every file of the site into `sink`, in parallel and in no particular order,
/// so a build never holds the whole site in memory.
pub fn render_into(site: &Site, theme: &Theme, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let keys = PageKey::all(site);
    let urls = Urls::new(&site.config.base_url);
    let links = crate::timings::time("render: links", || Links::new(site, &urls));
    // The pages' maker keeps every event row it made (300 MB at 100,000 notes); it is
    // dropped with them before the export and the search index, which read no rows.
    let pages = || {
        let make = Make::new(site, &urls, &links);
        crate::timings::time("render: event rows", || make.make_event_rows());
        pages_into(&make, theme, &keys, sink)
    };
    crate::timings::time("pages (wall)", pages)?;
    for file in render_statics(theme) {
        sink.file(file).map_err(|e| vec![e])?;
    }
    render_data_into(&Make::new(site, &urls, &links), &keys, sink)
}

/// Renders the pages named by `keys` (in parallel), with the site's link table
/// ([`Links::of`]).
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    links: &Links,
    keys: &[PageKey],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::with_capacity(keys.len()));
    let urls = Urls::new(&site.config.base_url);
    pages_into(&Make::new(site, &urls, links), theme, keys, &|f| {
        files.lock().expect("lock").push(f);
        Ok(())
    })?;
    Ok(files.into_inner().expect("lock"))
}

/// Renders the pages named by `keys` into `sink`, in parallel.
fn pages_into(
    make: &Make,
    theme: &Theme,
    keys: &[PageKey],
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let (site, urls) = (make.site, make.urls);
    let site_view = site_view(site, urls);
    // `site` is the same on every page: handed to Tera once, not with each page.
    let mut tera = theme.tera.clone();
    tera.global_context().insert("site", &site_view);
    let ctx = Ctx {
        theme,
        tera,
        site: &site_view,
        navs: Default::default(),
    };
    let index = Index::new(site);
    let mut errors: Vec<Diagnostic> = keys
        .par_iter()
        .filter_map(|key| {
            let html = crate::timings::time(key.kind(), || {
                Some(match key {
                    PageKey::Home => ctx.page(make.home()),
                    PageKey::Actors => ctx.page(make.actors()),
                    PageKey::Chronology => ctx.page(make.chronology()),
                    PageKey::Sources => ctx.page(make.sources_page(1)?),
                    PageKey::NotesPage(n) => ctx.page(make.notes_page(*n)?),
                    PageKey::SourcesPage(n) => ctx.page(make.sources_page(*n)?),
                    PageKey::ActorMentions(id, n) => {
                        let list = paging::List::Mentions(*index.actors.get(id.as_str())?);
                        ctx.page(make.actor_list_page(list, *n)?)
                    }
                    PageKey::ActorEvents(id, n) => {
                        let list = paging::List::Events(*index.actors.get(id.as_str())?);
                        ctx.page(make.actor_list_page(list, *n)?)
                    }
                    PageKey::Tags => ctx.page(make.tags()),
                    PageKey::NotFound => ctx.page(make.not_found()),
                    PageKey::Print => ctx.page(make.print()),
                    PageKey::Search => ctx.page(make.search()),
                    PageKey::Note(s) => ctx.page(make.note(*index.notes.get(s.as_str())?)),
                    PageKey::Actor(s) => ctx.page(make.actor(*index.actors.get(s.as_str())?)),
                    PageKey::Source(s) => ctx.page(make.source(*index.sources.get(s.as_str())?)),
                    PageKey::Tag(s) => ctx.page(make.tag_page(*index.tags.get(s.as_str())?, 1)?),
                    PageKey::TagNotes(s, n) => {
                        ctx.page(make.tag_page(*index.tags.get(s.as_str())?, *n)?)
                    }
                    PageKey::Page(s) => ctx.page(make.page(*index.pages.get(s.as_str())?)),
                    PageKey::ChronologyPeriod(id) => {
                        let periods = &make.chronology_parts().periods;
                        ctx.page(make.chronology_period(periods.iter().position(|p| p.id == *id)?))
                    }
                })
            })?;
            let written = html.and_then(|page| {
                let path = key.file();
                // The 404 page is served at any depth: its links stay absolute.
                let links = (*key != PageKey::NotFound)
                    .then(|| relative::Relative::new(urls.base(), &path));
                let put = |out: &mut String, piece: &str| match &links {
                    Some(links) => links.push(out, piece),
                    None => out.push_str(piece),
                };
                crate::timings::time("write: pages", || {
                    if page.len() > Rendered::STREAM_OVER {
                        sink.stream(&path, &|out| page.write(out, put))
                    } else {
                        let bytes = page.assemble(put).into_bytes();
                        sink.file(OutputFile { path, bytes })
                    }
                })
            });
            written.err()
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    // A template's mistake fails every page it renders: reported once.
    errors.sort_by_cached_key(|d| (d.message.clone(), d.location()));
    errors.dedup_by(|a, b| a.message == b.message && a.location() == b.location());
    errors.truncate(5);
    Err(errors)
}

/// The theme's static files, below `static/`.
pub fn render_statics(theme: &Theme) -> Vec<OutputFile> {
    theme
        .statics
        .iter()
        .map(|(path, bytes)| OutputFile {
            path: format!("static/{path}"),
            bytes: bytes.clone(),
        })
        .collect()
}

/// The files drawn from the whole site at once: `data/pack.json`, the sitemap of
/// `keys`, the feed, robots.txt, .nojekyll and CNAME; with the site's link table.
pub fn render_data(
    site: &Site,
    links: &Links,
    keys: &[PageKey],
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    let urls = Urls::new(&site.config.base_url);
    render_data_into(&Make::new(site, &urls, links), keys, &|f| {
        files.lock().expect("lock").push(f);
        Ok(())
    })?;
    Ok(files.into_inner().expect("lock"))
}

/// [`render_data`] into `sink`, each file as soon as it is made: the export and the
/// search index are the largest files of a build, and neither waits for the other.
fn render_data_into(make: &Make, keys: &[PageKey], sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    use crate::timings::time;
    // The export, then the smaller files, are written on one thread; the search index,
    // which takes longest, in parallel beside them.
    let (rest, search) = rayon::join(
        || {
            time("render: pack.json", || export::pack_json(make, sink))?;
            time("render: actors", || export::actors_index(make, sink))?;
            for file in time("render: feed, sitemap", || publish::files(make, keys)) {
                sink.file(file)?;
            }
            Ok(())
        },
        || time("render: search index", || search::search_index(make, sink)),
    );
    rest.map_err(|e: Diagnostic| vec![e])?;
    search.map_err(|e| vec![e])
}

/// Slug -> index maps of the site, to find the page a key names.
struct Index<'a> {
    notes: std::collections::HashMap<&'a str, usize>,
    actors: std::collections::HashMap<&'a str, usize>,
    sources: std::collections::HashMap<&'a str, usize>,
    tags: std::collections::HashMap<&'a str, usize>,
    pages: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    fn new(site: &'a Site) -> Self {
        fn map<'a, T>(
            items: &'a [T],
            key: impl Fn(&'a T) -> &'a str,
        ) -> std::collections::HashMap<&'a str, usize> {
            items.iter().enumerate().map(|(i, t)| (key(t), i)).collect()
        }
        Self {
            notes: map(&site.notes, |n| &n.slug),
            actors: map(&site.actors, |a| &a.id),
            sources: map(&site.sources, |s| &s.key),
            tags: map(&site.graph.tags, |t| &t.slug),
            pages: map(&site.pages, |p| &p.slug),
        }
    }
}

fn site_view(site: &Site, urls: &Urls) -> SiteView {
    let link = |title: &str, url: String| Link {
        title: title.to_string(),
        url,
    };
    let mut nav = vec![
        link("Notes", format!("{}#notes", urls.home())),
        link("Actors", urls.actors()),
        link("Chronology", urls.path("chronology/")),
        link("Sources", urls.sources()),
    ];
    if site.pages.iter().any(|p| p.slug == "about") {
        nav.push(link("About", urls.page("about")));
    }
    nav.push(link("Print", urls.path("print/")));
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        base: urls.base().to_string(),
        nav,
        generator: concat!("briefing ", env!("CARGO_PKG_VERSION")),
    }
}

/// What every page render needs.
struct Ctx<'a> {
    theme: &'a Theme,
    /// The theme's templates, with `site` in their global context.
    tera: tera::Tera,
    site: &'a SiteView,
    /// The menu of each section met so far ([`items::nav`]), made once per section.
    navs: std::sync::Mutex<Vec<(&'static str, views::Html)>>,
}

/// A page rendered by its template, its finished HTML still set aside ([`slots`]).
struct Rendered {
    text: String,
    aside: Vec<views::Html>,
}

impl Rendered {
    /// Pages longer than this (the chronology of a large pack) are written out as they
    /// are put together ([`Sink::stream`]), never held whole.
    const STREAM_OVER: usize = 1 << 20;

    fn len(&self) -> usize {
        slots::len(&self.text, &self.aside)
    }

    /// The page, each piece put in by `put`.
    fn assemble(&self, put: impl FnMut(&mut String, &str)) -> String {
        slots::assemble(&self.text, &self.aside, put)
    }

    /// Writes the page to `out` a chunk at a time, each piece put in by `put`.
    fn write(
        &self,
        out: &mut dyn std::io::Write,
        mut put: impl FnMut(&mut String, &str),
    ) -> std::io::Result<()> {
        const CHUNK: usize = 1 << 16;
        let mut chunk = String::with_capacity(2 * CHUNK);
        let mut written = Ok(());
        slots::pieces(&self.text, &self.aside, |piece| {
            if written.is_ok() {
                put(&mut chunk, piece);
                if chunk.len() >= CHUNK {
                    written = out.write_all(chunk.as_bytes());
                    chunk.clear();
                }
            }
        });
        written?;
        out.write_all(chunk.as_bytes())
    }
}

impl Ctx<'_> {
    /// The menu of the pages of `section`.
    fn nav(&self, section: &'static str) -> views::Html {
        let mut navs = self.navs.lock().expect("lock");
        if let Some((_, nav)) = navs.iter().find(|(s, _)| *s == section) {
            return nav.clone();
        }
        let nav = views::Html::from(items::nav(&self.site.nav, section));
        navs.push((section, nav.clone()));
        nav
    }

    fn page<T: Serialize>(&self, spec: PageSpec<T>) -> Result<Rendered, Diagnostic> {
        let frame = Frame {
            title: spec.title,
            section: spec.section,
            nav: self.nav(spec.section),
            breadcrumbs: spec.breadcrumbs,
            page: spec.view,
        };
        let template = std::path::Path::new(spec.template);
        let (context, aside) = slots::set_aside(|| tera::Context::from_serialize(&frame));
        let context = context.map_err(|e| self.theme.error(template, e))?;
        let text = self
            .tera
            .render(spec.template, &context)
            .map_err(|e| self.theme.error(template, e))?;
        Ok(Rendered { text, aside })
    }
}

#[cfg(test)]
mod tests {
    use super::{relative, slots, views::Html, Rendered, Urls};
    use std::sync::Arc;

    #[test]
    fn a_page_written_in_chunks_is_the_page_put_together_whole() {
        let rows = (0..5000)
            .map(|i| Arc::new(format!("<li><a href=\"/actors/a-{i}/\">A {i}</a></li>")))
            .collect();
        let (marker, aside) = slots::set_aside(|| serde_json::to_value(Html::join(rows)));
        let text = format!(
            "<main><ol>{}</ol></main>",
            marker.unwrap().as_str().unwrap()
        );
        let page = Rendered { text, aside };
        let links = relative::Relative::new("/", "chronology/index.html");
        let put = |out: &mut String, piece: &str| links.push(out, piece);
        let whole = page.assemble(put);
        assert!(whole.len() > 3 * (1 << 16), "the page spans several chunks");
        assert!(whole.ends_with("<li><a href=\"../actors/a-4999/\">A 4999</a></li></ol></main>"));
        let mut written = Vec::new();
        page.write(&mut written, put).unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), whole);
    }

    #[test]
    fn base_path_from_base_url() {
        assert_eq!(Urls::new("/").base(), "/");
        assert_eq!(Urls::new("").base(), "/");
        assert_eq!(Urls::new("https://user.github.io/repo/").base(), "/repo/");
        assert_eq!(Urls::new("https://user.github.io/repo").base(), "/repo/");
        assert_eq!(Urls::new("https://example.org").base(), "/");
        assert_eq!(Urls::new("/a/b").note("x"), "/a/b/notes/x/");
    }
}
