//! Stage 2, parse annotations: turns a Markdown body into a stream of [`Node`]s —
//! pulldown-cmark events with actor mentions, citations, event items and attributed
//! quotes lifted out as typed annotations — plus the lists of those annotations.
//!
//! Two small adapters over pulldown-cmark's offset iterator do the work:
//! [`inline`] finds mentions (`[[id]]`) and citations (`[@key]`) outside code, links and
//! raw HTML, and records each mention's sentence; [`blocks`] finds event list items and
//! attributed block quotes. Positions are byte offsets into the file's text.

mod blocks;
pub mod citation;
pub mod context;
mod inline;

use crate::date::EventDate;
use pulldown_cmark::{CowStr, Event, Options, Tag, TagEnd};
use std::ops::Range;

/// A byte range of the body's text ([`Annotated::text`]): of its file when the text is
/// written there as it reads, or of the body's own string of other text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Set in both ends of a span of [`Annotated::kept`].
    const KEPT: u32 = 1 << 31;

    pub(crate) fn of_file(range: Range<usize>) -> Self {
        Span {
            start: Self::offset(range.start),
            end: Self::offset(range.end),
        }
    }

    /// The byte range of a span of the file (not of [`Annotated::kept`]).
    pub fn range(self) -> Range<usize> {
        debug_assert_eq!(self.start & Self::KEPT, 0, "a span of the file");
        self.start as usize..self.end as usize
    }

    /// A byte offset as a span holds it: below [`Span::KEPT`].
    fn offset(i: usize) -> u32 {
        u32::try_from(i)
            .ok()
            .filter(|&i| i < Self::KEPT)
            .expect("a body under 2 GiB")
    }
}

/// One piece of an annotated body, in document order: 16 bytes, since a pack holds
/// hundreds of nodes per note. Markdown events other than text, ends, breaks and
/// paragraph starts are boxed (they are few; some are large).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text of the body: a range of [`Annotated::text`].
    Text(Span),
    /// The start of a paragraph.
    Paragraph,
    /// The end of a Markdown element.
    End(TagEnd),
    SoftBreak,
    HardBreak,
    /// Any other Markdown event, rendered exactly as pulldown-cmark renders it.
    Md(Box<Event<'static>>),
    /// `[[id]]`: index into [`Annotated::mentions`].
    Mention(usize),
    /// `[@a; @b]`: index into [`Annotated::groups`].
    Cite(usize),
    /// Opens the list item of an event: index into [`Annotated::events`].
    EventStart(usize),
    EventEnd(usize),
    /// Opens an attributed block quote: index into [`Annotated::quotes`].
    QuoteStart(usize),
    QuoteEnd(usize),
    /// A node consumed by an annotation (the date of an event, the attribution line).
    Gone,
}

impl Node {
    /// The tag a node opens, if it opens a Markdown element.
    pub fn start(&self) -> Option<&Tag<'static>> {
        static PARAGRAPH: Tag<'static> = Tag::Paragraph;
        match self {
            Node::Paragraph => Some(&PARAGRAPH),
            Node::Md(event) => match &**event {
                Event::Start(tag) => Some(tag),
                _ => None,
            },
            _ => None,
        }
    }
}

/// An actor mention: 40 bytes, since a pack holds tens of mentions per note. Its
/// strings are spans of [`Annotated::text`]: [`Annotated::id`] and [`Annotated::label`]
/// read them.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The id as written, trimmed.
    pub id: Span,
    /// The text after `|`, when given.
    pub label: Option<Span>,
    /// Where the mention is written in the file.
    pub span: Span,
    /// The block (paragraph, item, cell) it stands in; shared with citations there.
    pub block: u32,
    /// The sentence around the mention (a range of [`Annotated::text`]), as plain text
    /// in which mentions stand as placeholders (see [`context`]), since actor names are
    /// known only after resolving.
    pub context: Span,
}

const _: () = assert!(std::mem::size_of::<Mention>() == 40);

/// One cited key; [`Annotated::key`] and [`Annotated::locator`] read its strings.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub key: Span,
    pub locator: Option<Span>,
    /// Where `@key` is written in the file.
    pub span: Span,
    pub block: u32,
    /// The sentence the citation closes, with placeholders like [`Mention::context`].
    pub context: Span,
}

/// A bracketed citation group: a range of [`Annotated::citations`].
#[derive(Debug, Clone, PartialEq)]
pub struct CiteGroup {
    pub citations: Range<usize>,
}

/// A dated list item.
#[derive(Debug, Clone, PartialEq)]
pub struct EventItem {
    pub date: EventDate,
    /// Where the date is written.
    pub span: Range<usize>,
    /// Nodes of the item's own text (after the date, before any nested block).
    pub text: Range<usize>,
    /// Mentions anywhere in the item.
    pub mentions: Vec<usize>,
    /// Citations anywhere in the item.
    pub citations: Vec<usize>,
}

/// A block quote whose last line attributes it to an actor.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The attribution's mention.
    pub mention: usize,
    /// The attribution's citation group, if any.
    pub group: Option<usize>,
    /// Nodes of the quoted text (inside the quote, without the attribution).
    pub body: Range<usize>,
    pub span: Range<usize>,
}

/// A run of prose: a span of the file and the block it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct Prose {
    pub span: Span,
    pub block: u32,
}

/// A problem found while reading annotations (an impossible event date).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
}

/// A body with its annotations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotated {
    pub nodes: Vec<Node>,
    /// The text of the body's file. Most runs of text are ranges of it.
    pub source: std::sync::Arc<String>,
    /// The runs of text not written in the file as they read (entities, escapes) and
    /// the sentences around the annotations, end to end: one string per body rather
    /// than one per run.
    pub kept: String,
    pub mentions: Vec<Mention>,
    pub citations: Vec<Citation>,
    pub groups: Vec<CiteGroup>,
    pub events: Vec<EventItem>,
    pub quotes: Vec<Quote>,
    pub problems: Vec<Problem>,
    /// Runs of the author's own prose (outside code, links, mentions, quotes and raw
    /// HTML), for checks that read the text itself.
    pub prose: Vec<Prose>,
    /// True when a fenced code block names a language (highlighting will be needed).
    pub has_highlighted_code: bool,
}

/// The Markdown extensions every body is parsed with.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
}

/// Parses the body of the file `source`, which starts at byte `base` and runs to its end.
pub fn annotate(source: &std::sync::Arc<String>, base: usize) -> Annotated {
    let mut doc = inline::scan(source, base);
    blocks::find(&mut doc, &source[base..], base);
    doc.shrink_to_fit();
    doc
}

impl Annotated {
    /// The text of a [`Node::Text`] or a context.
    pub fn text(&self, span: Span) -> &str {
        let (start, end) = (span.start as usize, span.end as usize);
        match span.start & Span::KEPT {
            0 => &self.source[start..end],
            k => &self.kept[start - k as usize..end - k as usize],
        }
    }

    /// Keeps `text` and gives its range.
    fn keep(&mut self, text: &str) -> Span {
        let start = self.kept.len();
        self.kept.push_str(text);
        Span {
            start: Span::offset(start) | Span::KEPT,
            end: Span::offset(self.kept.len()) | Span::KEPT,
        }
    }

    /// A mention's actor id, as written.
    pub fn id(&self, m: &Mention) -> &str {
        self.text(m.id)
    }

    /// A mention's label, when written (`[[id|label]]`).
    pub fn label(&self, m: &Mention) -> Option<&str> {
        m.label.map(|l| self.text(l))
    }

    /// What a mention shows: its label, else the name of its actor (when known), else its
    /// id. The id is read only when needed: it is a slice of the file's text, which pages
    /// listing mentions from all over the pack would otherwise fetch from memory for each.
    pub fn shown<'a>(&'a self, m: &Mention, name: Option<&'a str>) -> &'a str {
        self.label(m).or(name).unwrap_or_else(|| self.id(m))
    }

    /// A citation's key.
    pub fn key(&self, c: &Citation) -> &str {
        self.text(c.key)
    }

    /// A citation's locator, when given (`[@key, p. 4]`).
    pub fn locator(&self, c: &Citation) -> Option<&str> {
        c.locator.map(|l| self.text(l))
    }

    /// The span of `text`: where it stands in the file when it is a slice of the file's
    /// string, otherwise where it is kept.
    fn span_of(&mut self, text: &str) -> Span {
        let file = self.source.as_ptr() as usize..self.source.as_ptr() as usize + self.source.len();
        let at = text.as_ptr() as usize;
        if file.contains(&at) && at + text.len() <= file.end {
            let start = at - file.start;
            Span::of_file(start..start + text.len())
        } else {
            self.keep(text)
        }
    }

    /// The words a node shows as plain text: a text run or inline code.
    pub fn inline_text<'a>(&'a self, node: &'a Node) -> Option<&'a str> {
        match node {
            Node::Text(span) => Some(self.text(*span)),
            Node::Md(event) => match &**event {
                Event::Code(code) => Some(code),
                _ => None,
            },
            _ => None,
        }
    }

    /// Adds a Markdown event as a node.
    fn push_event(&mut self, event: Event<'_>) {
        let node = match event {
            Event::Text(t) => Node::Text(self.keep(&t)),
            Event::Start(Tag::Paragraph) => Node::Paragraph,
            Event::End(end) => Node::End(end),
            Event::SoftBreak => Node::SoftBreak,
            Event::HardBreak => Node::HardBreak,
            other => Node::Md(Box::new(other.into_static())),
        };
        self.nodes.push(node);
    }

    /// The Markdown event a node stands for; `None` for annotations.
    pub fn event<'a>(&'a self, node: &'a Node) -> Option<Event<'a>> {
        Some(match node {
            Node::Text(span) => Event::Text(CowStr::Borrowed(self.text(*span))),
            Node::Paragraph => Event::Start(Tag::Paragraph),
            Node::End(end) => Event::End(*end),
            Node::SoftBreak => Event::SoftBreak,
            Node::HardBreak => Event::HardBreak,
            Node::Md(event) => (**event).clone(),
            _ => return None,
        })
    }

    /// Gives back the room the lists grew into: a pack's bodies are held until its site
    /// is written, and growth leaves up to half of each list unused. Each list is moved
    /// into one of its exact size, since an allocator may keep a shrunk block whole
    /// (mimalloc does when at least half of it stays in use).
    fn shrink_to_fit(&mut self) {
        exact(&mut self.nodes);
        if self.kept.capacity() > self.kept.len() {
            self.kept = self.kept.as_str().to_owned();
        }
        exact(&mut self.mentions);
        exact(&mut self.citations);
        exact(&mut self.groups);
        exact(&mut self.events);
        exact(&mut self.quotes);
        exact(&mut self.prose);
    }
}

/// Moves `list` into a list of its exact length.
fn exact<T>(list: &mut Vec<T>) {
    if list.capacity() > list.len() {
        let mut fit = Vec::with_capacity(list.len());
        fit.append(list);
        *list = fit;
    }
}

#[cfg(test)]
mod tests;

/// A loaded document with its annotated body.
#[derive(Debug, Clone)]
pub struct Parsed<M> {
    pub doc: crate::load::Doc<M>,
    /// Shared, so a rebuild can reuse the bodies of unchanged files without copying.
    pub ann: std::sync::Arc<Annotated>,
}

/// The pack after stage 2: every body annotated.
#[derive(Debug)]
pub struct ParsedPack {
    pub site: crate::load::SiteConfig,
    pub site_file: crate::diagnostics::FileRef,
    pub notes: Vec<Parsed<crate::load::NoteMeta>>,
    pub actors: Vec<Parsed<crate::load::ActorMeta>>,
    pub pages: Vec<Parsed<crate::load::PageMeta>>,
    pub bibliography: crate::load::Bibliography,
}

/// Annotates one document's body.
pub fn parse_doc<M>(doc: crate::load::Doc<M>) -> Parsed<M> {
    let ann = std::sync::Arc::new(annotate(&doc.file.text, doc.body.start));
    Parsed { doc, ann }
}

/// Stage 2 over a whole pack, in parallel; the result does not depend on thread count.
pub fn annotate_pack(pack: crate::load::Pack) -> ParsedPack {
    use rayon::prelude::*;
    fn all<M: Send>(docs: Vec<crate::load::Doc<M>>) -> Vec<Parsed<M>> {
        docs.into_par_iter().map(parse_doc).collect()
    }
    ParsedPack {
        site: pack.site,
        site_file: pack.site_file,
        notes: all(pack.notes),
        actors: all(pack.actors),
        pages: all(pack.pages),
        bibliography: pack.bibliography,
    }
}
