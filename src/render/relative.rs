//! Page-relative links. Pages are rendered with links from the base path
//! (`href="/repo/actors/erdogan/"`); before a page is written, each such link in an
//! `href`, `src`, `action` or `data-base` attribute becomes relative to the page
//! (`href="../../actors/erdogan/"`). The site then reads the same from its server, from
//! another folder and from `file://` (where the theme's script adds the `index.html`
//! that a server would). Feeds and the sitemap keep absolute URLs, and so does the 404
//! page, which a server shows at any depth.

/// The attributes whose values are links to rewrite.
const ATTRIBUTES: [&str; 4] = [" href", " src", " action", " data-base"];

/// `html`, a page written to `file` (a path below the output folder), with its links to
/// `base` (the site's base path, `/` or `/repo/`) made relative to the page.
pub fn relative_links(html: String, base: &str, file: &str) -> String {
    let pattern = format!("=\"{base}");
    let depth = file.matches('/').count();
    let up = if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    };
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    for (at, _) in html.match_indices(&pattern) {
        let value = at + pattern.len();
        let is_link = ATTRIBUTES.iter().any(|a| html[..at].ends_with(a));
        // `//host/path` names another host; it is not below the base.
        if !is_link || html[value..].starts_with('/') {
            continue;
        }
        out.push_str(&html[copied..at + 2]);
        out.push_str(&up);
        copied = value;
    }
    if copied == 0 {
        return html;
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::relative_links;

    fn rel(html: &str, base: &str, file: &str) -> String {
        relative_links(html.to_string(), base, file)
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
