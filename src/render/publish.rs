//! The files a static host expects besides the pages: `.nojekyll` (GitHub Pages must not
//! run Jekyll), `robots.txt`, `sitemap.xml`, an Atom feed of the notes (`atom.xml`) and,
//! when `site.yaml` sets `cname`, the `CNAME` of a custom domain.

use super::html::escape;
use super::make::Make;
use super::{OutputFile, PageKey};
use std::fmt::Write as _;

/// The publishing files for a site whose pages are `pages`.
pub fn files(make: &Make, pages: &[PageKey]) -> Vec<OutputFile> {
    let urls = make.urls;
    let file = |path: &str, text: String| OutputFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    };
    let mut out = vec![
        file(".nojekyll", String::new()),
        file(
            "robots.txt",
            format!(
                "User-agent: *\nAllow: /\nSitemap: {}\n",
                urls.absolute(&urls.path("sitemap.xml"))
            ),
        ),
        file("sitemap.xml", sitemap(make, pages)),
        file("atom.xml", feed(make)),
    ];
    if let Some(cname) = make
        .site
        .config
        .cname
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        out.push(file("CNAME", format!("{cname}\n")));
    }
    out
}

fn sitemap(make: &Make, pages: &[PageKey]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for file in pages
        .iter()
        .map(PageKey::file)
        .filter(|f| f.ends_with("index.html"))
    {
        let dir = file.trim_end_matches("index.html");
        let url = make.urls.absolute(&make.urls.path(dir));
        let _ = writeln!(xml, "  <url><loc>{}</loc></url>", escape(&url));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Atom feed of the notes, newest first. Dates are the notes' own (a partial date stands
/// for its first day), so the feed does not change unless the notes do.
fn feed(make: &Make) -> String {
    let site = make.site;
    let urls = make.urls;
    let home = urls.absolute(&urls.home());
    let stamp = |d: Option<crate::date::PartialDate>| {
        let (y, m, day) = d.map_or((1970, 1, 1), |d| d.earliest());
        format!("{y:04}-{m:02}-{day:02}T00:00:00Z")
    };
    let updated = site
        .notes
        .iter()
        .filter_map(|n| n.date)
        .map(|d| d.earliest())
        .max();
    let updated = stamp(updated.map(|(y, m, d)| crate::date::PartialDate {
        year: y,
        month: Some(m),
        day: Some(d),
    }));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(xml, "  <title>{}</title>", escape(&site.config.title));
    if let Some(d) = &site.config.description {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(d));
    }
    let _ = writeln!(xml, "  <link href=\"{}\"/>", escape(&home));
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" href=\"{}\"/>",
        escape(&urls.absolute(&urls.path("atom.xml")))
    );
    let _ = writeln!(xml, "  <id>{}</id>", escape(&home));
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape(&site.config.title)
    );
    let _ = writeln!(xml, "  <generator>briefing</generator>");
    for note in &site.notes {
        let url = urls.absolute(&urls.note(&note.slug));
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&note.meta.title));
        let _ = writeln!(xml, "    <link href=\"{}\"/>", escape(&url));
        let _ = writeln!(xml, "    <id>{}</id>", escape(&url));
        let _ = writeln!(xml, "    <updated>{}</updated>", stamp(note.date));
        if let Some(source) = note.source {
            if let Some(author) = site.sources[source].meta.author.as_deref() {
                let _ = writeln!(xml, "    <author><name>{}</name></author>", escape(author));
            }
        }
        if let Some(summary) = &note.meta.summary {
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(summary));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
