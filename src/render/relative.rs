//! Page-relative links. Pages are rendered with links from the base path
//! (`href="/repo/actors/erdogan/"`); before a page is written, each such link in an
//! `href`, `src`, `action` or `data-base` attribute becomes relative to the page
//! (`href="../../actors/erdogan/"`). The site then reads the same from its server, from
//! another folder and from `file://` (where the theme's script adds the `index.html`
//! that a server would). Feeds and the sitemap keep absolute URLs, and so does the 404
//! page, which a server shows at any depth.

/// The attributes whose values are links to rewrite.
const ATTRIBUTES: [&str; 4] = [" href", " src", " action", " data-base"];

/// Links from the base path made relative to one page.
pub struct Relative {
    /// `="` and the base path.
    pattern: memchr::memmem::Finder<'static>,
    /// From the page to the site's root: `./`, `../`, `../../`...
    up: String,
}

impl Relative {
    /// For the page written to `file` (a path below the output folder) of a site whose
    /// base path is `base` (`/` or `/repo/`).
    pub fn new(base: &str, file: &str) -> Self {
        let depth = file.matches('/').count();
        Self {
            pattern: memchr::memmem::Finder::new(&format!("=\"{base}")).into_owned(),
            up: if depth == 0 {
                "./".to_string()
            } else {
                "../".repeat(depth)
            },
        }
    }

    /// Appends `html` to `out` with its links made relative. A link must lie whole in
    /// one piece of HTML.
    pub fn push(&self, out: &mut String, html: &str) {
        let mut copied = 0;
        for at in self.pattern.find_iter(html.as_bytes()) {
            let value = at + self.pattern.needle().len();
            let is_link = ATTRIBUTES.iter().any(|a| html[..at].ends_with(a));
            // `//host/path` names another host; it is not below the base.
            if !is_link || html[value..].starts_with('/') {
                continue;
            }
            out.push_str(&html[copied..at + 2]);
            out.push_str(&self.up);
            copied = value;
        }
        out.push_str(&html[copied..]);
    }
}

#[cfg(test)]
mod tests {
    use super::Relative;

    fn rel(html: &str, base: &str, file: &str) -> String {
        let mut out = String::new();
        Relative::new(base, file).push(&mut out, html);
        out
    }

    #[test]
    fn links_climb_to_the_root_from_the_page() {
        let html =
            r#"<a href="/actors/x/">X</a><link href="/static/style.css"><a href="/">home</a>"#;
        assert_eq!(
            rel(html, "/", "notes/n/index.html"),
            r#"<a href="../../actors/x/">X</a><link href="../../static/style.css"><a href="../../">home</a>"#
        );
        assert_eq!(
            rel(html, "/", "index.html"),
            r#"<a href="./actors/x/">X</a><link href="./static/style.css"><a href="./">home</a>"#
        );
        assert_eq!(
            rel(
                r#"<form action="/repo/search/"><html data-base="/repo/">"#,
                "/repo/",
                "print/index.html"
            ),
            r#"<form action="../search/"><html data-base="../">"#
        );
    }

    #[test]
    fn other_links_and_text_stay() {
        for html in [
            r#"<a href="https://example.org/">e</a>"#,
            r##"<a href="#ref-1">1</a>"##,
            r#"<a href="//cdn.example/x.js">x</a>"#,
            r#"<a title="/actors/x/">t</a>"#,
            r#"<a href="/other/">below another base</a>"#,
        ] {
            assert_eq!(rel(html, "/repo/", "notes/n/index.html"), html, "{html}");
        }
        let text = "<p>x=\"/actors/\"</p>";
        assert_eq!(rel(text, "/", "notes/n/index.html"), text);
        assert_eq!(
            rel(r#"<a href="//cdn.example/x.js">x</a>"#, "/", "index.html"),
            r#"<a href="//cdn.example/x.js">x</a>"#
        );
    }
}
