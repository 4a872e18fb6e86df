//! Stage 4, render: the resolved site to files in memory — every HTML page through the
//! theme's templates with typed views, the theme's static files and `data/pack.json`.
//! Pages render in parallel; the result is sorted by path, so it never depends on the
//! number of threads.

mod export;
pub mod highlight;
pub mod html;
mod make;
mod pages;
mod publish;
pub mod theme;
pub mod views;

use crate::diagnostics::Diagnostic;
use crate::resolve::{DocId, Site, Source};
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
    pub fn note(&self, slug: &str) -> String {
        self.path(&format!("notes/{slug}/"))
    }
    pub fn actors(&self) -> String {
        self.path("actors/")
    }
    pub fn actor(&self, id: &str) -> String {
        self.path(&format!("actors/{id}/"))
    }
    pub fn sources(&self) -> String {
        self.path("sources/")
    }
    pub fn source(&self, key: &str) -> String {
        self.path(&format!("sources/{key}/"))
    }
    pub fn tags(&self) -> String {
        self.path("tags/")
    }
    pub fn tag(&self, slug: &str) -> String {
        self.path(&format!("tags/{slug}/"))
    }
    pub fn page(&self, slug: &str) -> String {
        self.path(&format!("pages/{slug}/"))
    }
    pub fn doc(&self, site: &Site, doc: DocId) -> String {
        self.path(&site.doc_path(doc))
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

/// "Title — Publisher, Author, date": a source in one line, for tooltips.
pub fn source_line(source: &Source) -> String {
    let detail = source_detail(source);
    if detail.is_empty() {
        source.meta.title.clone()
    } else {
        format!("{} — {detail}", source.meta.title)
    }
}

/// Renders every file of the site.
pub fn render(site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let urls = Urls::new(&site.config.base_url);
    let make = Make { site, urls: &urls };
    let site_view = site_view(site, &urls);
    let ctx = Ctx {
        theme,
        site: &site_view,
    };
    let s = site;
    let mut jobs: Vec<Box<dyn Fn() -> Result<OutputFile, Diagnostic> + Sync + '_>> = vec![
        Box::new(|| ctx.page(make.home())),
        Box::new(|| ctx.page(make.actors())),
        Box::new(|| ctx.page(make.chronology())),
        Box::new(|| ctx.page(make.sources())),
        Box::new(|| ctx.page(make.tags())),
        Box::new(|| export::pack_json(&make)),
    ];
    let (make, ctx) = (&make, &ctx);
    jobs.extend((0..s.notes.len()).map(|i| Box::new(move || ctx.page(make.note(i))) as Box<_>));
    jobs.extend((0..s.actors.len()).map(|i| Box::new(move || ctx.page(make.actor(i))) as Box<_>));
    jobs.extend((0..s.sources.len()).map(|i| Box::new(move || ctx.page(make.source(i))) as Box<_>));
    jobs.extend((0..s.graph.tags.len()).map(|i| Box::new(move || ctx.page(make.tag(i))) as Box<_>));
    jobs.extend((0..s.pages.len()).map(|i| Box::new(move || ctx.page(make.page(i))) as Box<_>));
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs.par_iter().map(|job| job()).collect();
    let mut files = Vec::with_capacity(results.len() + theme.statics.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        errors.truncate(5);
        return Err(errors);
    }
    files.extend(theme.statics.iter().map(|(path, bytes)| OutputFile {
        path: format!("static/{path}"),
        bytes: bytes.clone(),
    }));
    let not_found = ctx.page(make.not_found()).map_err(|e| vec![e])?;
    files.push(OutputFile {
        path: "404.html".into(),
        bytes: not_found.bytes,
    });
    let publishing = publish::files(make, &files);
    files.extend(publishing);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
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
    site: &'a SiteView,
}

impl Ctx<'_> {
    fn page<T: Serialize>(&self, spec: PageSpec<T>) -> Result<OutputFile, Diagnostic> {
        let frame = Frame {
            site: self.site,
            title: spec.title,
            section: spec.section,
            breadcrumbs: spec.breadcrumbs,
            page: spec.view,
        };
        let context = tera::Context::from_serialize(&frame)
            .map_err(|e| theme::template_error(std::path::Path::new(spec.template), e))?;
        let html = self
            .theme
            .tera
            .render(spec.template, &context)
            .map_err(|e| theme::template_error(std::path::Path::new(spec.template), e))?;
        Ok(OutputFile {
            path: format!("{}index.html", spec.path),
            bytes: html.into_bytes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Urls;

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
