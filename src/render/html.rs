//! Annotated nodes to HTML. Plain Markdown goes through pulldown-cmark's own HTML writer
//! untouched; annotations become inline HTML: linked mentions, numbered citations with
//! back-reference anchors, event items with their date, quotes with their attribution,
//! highlighted code. The same nodes render either as a document body (with anchors and
//! numbers) or as an excerpt elsewhere (links only).

use super::highlight::highlight;
use super::links::Links;
use crate::annotate::Node;
use crate::resolve::{Body, Content};
use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::fmt::Write as _;
use std::ops::Range;

/// How annotations render.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The document's own page: anchors on every annotation, numbered citations.
    Body,
    /// An excerpt on another page: mentions link, citations are left out.
    Excerpt,
}

/// HTML-escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    Esc(s).to_string()
}

/// Text HTML-escaped as it is written out (`write!(out, "{}", Esc(text))`), without
/// an intermediate string.
pub struct Esc<'a>(pub &'a str);

impl std::fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let entity = match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                _ => continue,
            };
            f.write_str(&s[from..i])?;
            f.write_str(entity)?;
            from = i + 1;
        }
        f.write_str(&s[from..])
    }
}

/// Anchor ids of annotations within a document page (1-based, stable across builds).
pub mod anchor {
    pub fn mention(i: usize) -> String {
        format!("mention-{}", i + 1)
    }
    pub fn citation(i: usize) -> String {
        format!("cite-{}", i + 1)
    }
    pub fn reference(r: usize) -> String {
        format!("ref-{}", r + 1)
    }
    pub fn event(i: usize) -> String {
        format!("event-{}", i + 1)
    }
    pub fn quote(i: usize) -> String {
        format!("quote-{}", i + 1)
    }
}

/// Renders `range` of a body's nodes.
pub struct Renderer<'a> {
    pub content: &'a Content,
    pub links: &'a Links,
    pub body: &'a Body,
    pub mode: Mode,
    /// Put before every anchor id, so several bodies can share a page (the print page).
    pub prefix: &'a str,
    /// Levels added to every heading, so a body can sit below a page's own headings.
    pub shift: u8,
}

impl Renderer<'_> {
    /// The whole body.
    pub fn all(&self) -> String {
        self.range(0..self.body.ann.nodes.len())
    }

    pub fn range(&self, range: Range<usize>) -> String {
        let ann = &*self.body.ann;
        let mut out = String::new();
        let mut events: Vec<Event> = Vec::new();
        // A fenced block with a language: its events, kept until we know syntect has it.
        let mut code: Option<(String, Vec<Event>)> = None;
        for node in &ann.nodes[range] {
            let md = ann.event(node);
            if let Some((_, held)) = &mut code {
                let end = matches!(md, Some(Event::End(TagEnd::CodeBlock)));
                held.extend(md);
                if end {
                    let (lang, held) = code.take().expect("open code block");
                    let text: String = held
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) => Some(&**t),
                            _ => None,
                        })
                        .collect();
                    match highlight(&text, &lang) {
                        Some(html) => events.push(Event::Html(CowStr::from(html))),
                        None => events.extend(held),
                    }
                }
                continue;
            }
            match md {
                Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))))
                    if !lang.trim().is_empty() =>
                {
                    let name = lang.split_whitespace().next().unwrap_or_default();
                    let start = Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang.clone())));
                    code = Some((name.to_string(), vec![start]));
                }
                Some(e) if !self.content.config.unsafe_html => events.push(self.shifted(inert(e))),
                Some(e) => events.push(self.shifted(e)),
                None if *node == Node::Gone => {}
                None => events.push(Event::InlineHtml(CowStr::from(self.annotation(node)))),
            }
        }
        html::push_html(&mut out, events.into_iter());
        out
    }

    /// A heading moved down by `shift` levels (at most to `h6`).
    fn shifted<'e>(&self, event: Event<'e>) -> Event<'e> {
        let down = |level: HeadingLevel| {
            let n = (level as usize + self.shift as usize).min(6);
            HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
        };
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) if self.shift > 0 => Event::Start(Tag::Heading {
                level: down(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) if self.shift > 0 => {
                Event::End(TagEnd::Heading(down(level)))
            }
            other => other,
        }
    }

    fn annotation(&self, node: &Node) -> String {
        let ann = &self.body.ann;
        let body = self.mode == Mode::Body;
        match *node {
            Node::Mention(m) => self.mention(m),
            Node::Cite(g) if body => self.citations(ann.groups[g].citations.clone()),
            Node::Cite(_) => String::new(),
            Node::EventStart(e) => {
                let date = &ann.events[e].date;
                let id = if body {
                    format!(" id=\"{}{}\"", self.prefix, anchor::event(e))
                } else {
                    String::new()
                };
                format!(
                    "<li class=\"event\"{id}><time datetime=\"{}\" class=\"event-date\">{}</time> ",
                    escape(&date.start.iso()),
                    escape(&date.to_string())
                )
            }
            Node::EventEnd(_) => "</li>\n".to_string(),
            Node::QuoteStart(q) => {
                let id = if body {
                    format!(" id=\"{}{}\"", self.prefix, anchor::quote(q))
                } else {
                    String::new()
                };
                format!("<blockquote class=\"quote\"{id}>\n")
            }
            Node::QuoteEnd(q) => {
                let quote = &ann.quotes[q];
                let cite = match (body, quote.group) {
                    (true, Some(g)) => self.citations(ann.groups[g].citations.clone()),
                    _ => String::new(),
                };
                format!(
                    "<footer>— {}{cite}</footer>\n</blockquote>\n",
                    self.mention(quote.mention)
                )
            }
            _ => String::new(),
        }
    }

    fn mention(&self, m: usize) -> String {
        let mention = &self.body.ann.mentions[m];
        let Some(a) = self.body.mention_actor[m] else {
            return escape(self.body.ann.shown(mention, None));
        };
        let actor = self.links.actor(a);
        let shown = self.body.ann.shown(mention, Some(actor.name));
        let id = if self.mode == Mode::Body {
            format!(" id=\"{}{}\"", self.prefix, anchor::mention(m))
        } else {
            String::new()
        };
        // The actor's name, kind and role are in data/actors.js, which the theme's script
        // reads for the hover card (the actor's id is the last part of the link): repeating
        // them on every mention would weigh more than the text of a long note.
        format!(
            "<a class=\"mention\"{id} href=\"{}\">{}</a>",
            actor.url,
            escape(shown)
        )
    }

    fn citations(&self, citations: Range<usize>) -> String {
        let mut out = String::from("<sup class=\"cite\">[");
        for (n, c) in citations.enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            let citation = &self.body.ann.citations[c];
            let id = format!("{}{}", self.prefix, anchor::citation(c));
            match self.body.citation_ref[c] {
                // The source itself is in the page's reference list, where the hover card
                // reads it.
                Some(r) => {
                    let _ = write!(
                        out,
                        "<a id=\"{id}\" href=\"#{}{}\">{}</a>",
                        self.prefix,
                        anchor::reference(r),
                        r + 1
                    );
                }
                None => {
                    let _ = write!(
                        out,
                        "<span id=\"{id}\">{}</span>",
                        escape(self.body.ann.key(citation))
                    );
                }
            }
            if let Some(loc) = self.body.ann.locator(citation) {
                let _ = write!(out, "<span class=\"locator\">, {}</span>", escape(loc));
            }
        }
        out.push_str("]</sup>");
        out
    }
}

/// An event made safe for a pack built from untrusted contributions: raw HTML becomes
/// visible text, and links or images to `javascript:`, `vbscript:` or `data:` URLs lose
/// their target.
fn inert(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(html) => Event::Html(CowStr::from(escape(&html))),
        Event::InlineHtml(html) => Event::InlineHtml(CowStr::from(escape(&html))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if is_script_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_script_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        other => other,
    }
}

/// True for URLs that run code when followed. Browsers ignore ASCII whitespace and
/// control characters inside the scheme, and its case.
fn is_script_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take_while(|&c| c != ':')
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// The length of the run of whitespace (`blank`) or of other characters at the start of
/// `text`; ASCII is decided byte by byte, the rest as `char::is_whitespace` decides.
fn run(text: &str, blank: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (white, len) = match bytes[i] {
            b if b.is_ascii() => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            _ => {
                let c = text[i..].chars().next().expect("a char starts here");
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if white != blank {
            break;
        }
        i += len;
    }
    i
}

/// Plain text of some nodes (for titles, search and the data export).
pub fn plain(links: &Links, body: &Body, range: Range<usize>) -> String {
    let mut out = String::new();
    // Whitespace between words, owed until the next word comes.
    let mut space = false;
    words(links, body, range, |mut text: &str| {
        while !text.is_empty() {
            let blank = run(text, true);
            space |= blank > 0 && !out.is_empty();
            text = &text[blank..];
            let word = run(text, false);
            if word > 0 && std::mem::take(&mut space) {
                out.push(' ');
            }
            out.push_str(&text[..word]);
            text = &text[word..];
        }
    });
    out
}

/// The text of some nodes a piece at a time, as [`plain`] reads it before it evens out
/// the whitespace: runs of text, the names of mentioned actors (or their labels), and
/// `" "` wherever a node parts words ([`parts_words`]).
pub fn words(links: &Links, body: &Body, range: Range<usize>, mut piece: impl FnMut(&str)) {
    for node in &body.ann.nodes[range] {
        if let Some(text) = body.ann.inline_text(node) {
            piece(text);
            continue;
        }
        match node {
            Node::Mention(m) => {
                let mention = &body.ann.mentions[*m];
                let name = body.mention_actor[*m].map(|a| links.actor(a).name);
                piece(body.ann.shown(mention, name));
            }
            node if parts_words(node) => piece(" "),
            _ => {}
        }
    }
}

/// Whether the words on either side of a node are apart in plain text: line breaks and
/// the edges of blocks (a heading and the paragraph after it, two list items, two table
/// cells) part them; inline markup (emphasis, links) does not, as in `*in*formal`.
fn parts_words(node: &Node) -> bool {
    match node {
        Node::SoftBreak | Node::HardBreak | Node::Paragraph => true,
        Node::EventStart(_) | Node::EventEnd(_) | Node::QuoteStart(_) | Node::QuoteEnd(_) => true,
        Node::End(end) => !matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        ),
        Node::Md(event) => match &**event {
            Event::Start(tag) => !matches!(
                tag,
                Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Superscript
                    | Tag::Subscript
                    | Tag::Link { .. }
                    | Tag::Image { .. }
            ),
            Event::Rule | Event::Html(_) => true,
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{is_script_url, run};

    #[test]
    fn runs_of_whitespace_and_words_as_char_is_whitespace_has_them() {
        for text in [
            "a b",
            "  x",
            "Erdoğan\u{a0}said",
            "x\u{2003}\u{3000}y",
            "\t\x0b\n\u{85}z",
            "ü",
        ] {
            for blank in [true, false] {
                let want = text
                    .char_indices()
                    .find(|(_, c)| c.is_whitespace() != blank)
                    .map_or(text.len(), |(i, _)| i);
                assert_eq!(run(text, blank), want, "{text:?} {blank}");
            }
        }
    }

    #[test]
    fn script_urls_in_any_disguise() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            " java\tscript:x",
            "vbscript:x",
            "data:text/html,<script>",
        ] {
            assert!(is_script_url(url), "{url:?}");
        }
        for url in [
            "https://example.org",
            "/notes/x/",
            "#ref-1",
            "mailto:a@b.c",
            "javascript-guide.html",
        ] {
            assert!(!is_script_url(url), "{url:?}");
        }
    }
}
