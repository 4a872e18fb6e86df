//! The inline adapter: walks pulldown-cmark's events with their offsets and lifts out
//! actor mentions (wikilinks) and citation groups (found in merged runs of text), leaving
//! code, raw HTML and the text of ordinary links untouched. It also keeps the plain text
//! of each block so every mention carries its sentence.

use super::citation::find_citations;
use super::{markdown_options, Annotated, Citation, CiteGroup, Mention, Node, Prose, Span};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// A run of text as pulldown-cmark split it, with where it came from.
struct Segment<'s> {
    text: CowStr<'s>,
    src: Range<usize>,
    /// The text is exactly the source (no entity), so brackets in it count.
    verbatim: bool,
    /// The first character was written with a backslash escape.
    escaped: bool,
}

/// Plain text of the innermost open block, and the annotations that stand in it.
struct BlockText {
    id: u32,
    text: String,
    mentions: Vec<(usize, usize)>,
    citations: Vec<(usize, usize)>,
}

/// An open wikilink whose text is being collected.
struct OpenMention<'s> {
    id: CowStr<'s>,
    pothole: bool,
    span: Range<usize>,
    label: String,
}

struct Scanner<'s> {
    src: &'s str,
    base: usize,
    doc: Annotated,
    pending: Vec<Segment<'s>>,
    blocks: Vec<BlockText>,
    next_block: u32,
    in_code_block: bool,
    quote_depth: usize,
    link_depth: usize,
    mention: Option<OpenMention<'s>>,
}

/// Runs the inline adapter over the body of `source`, which starts at byte `base`.
pub fn scan(source: &std::sync::Arc<String>, base: usize) -> Annotated {
    let src = &source[base..];
    let mut s = Scanner {
        src,
        base,
        doc: Annotated {
            source: source.clone(),
            ..Annotated::default()
        },
        pending: Vec::new(),
        blocks: Vec::new(),
        next_block: 0,
        in_code_block: false,
        quote_depth: 0,
        link_depth: 0,
        mention: None,
    };
    for (event, range) in Parser::new_ext(src, markdown_options()).into_offset_iter() {
        s.event(event, range);
    }
    s.flush_text();
    s.doc
}

impl<'s> Scanner<'s> {
    fn event(&mut self, event: Event<'s>, range: Range<usize>) {
        if let Some(open) = &mut self.mention {
            match event {
                Event::End(TagEnd::Link) => self.close_mention(),
                Event::Text(t) | Event::Code(t) => open.label.push_str(&t),
                _ => {}
            }
            return;
        }
        match event {
            Event::Text(text) if !self.in_code_block && self.link_depth == 0 => {
                let verbatim = self.src.get(range.clone()) == Some(&*text);
                let backslashes = self.src[..range.start]
                    .bytes()
                    .rev()
                    .take_while(|&b| b == b'\\')
                    .count();
                self.pending.push(Segment {
                    text,
                    src: range,
                    verbatim,
                    escaped: backslashes % 2 == 1,
                });
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) if self.link_depth == 0 => {
                self.flush_text();
                self.mention = Some(OpenMention {
                    id: dest_url,
                    pothole: has_pothole,
                    span: self.base + range.start..self.base + range.end,
                    label: String::new(),
                });
            }
            other => {
                self.flush_text();
                self.track(&other);
                self.doc.push_event(other);
            }
        }
    }

    /// Follows the state that decides where annotations may stand, and block text.
    fn track(&mut self, event: &Event<'s>) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                self.in_code_block = true;
                if matches!(kind, CodeBlockKind::Fenced(lang) if !lang.trim().is_empty()) {
                    self.doc.has_highlighted_code = true;
                }
            }
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::BlockQuote(_)) => self.quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => {
                self.quote_depth = self.quote_depth.saturating_sub(1)
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.link_depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.link_depth = self.link_depth.saturating_sub(1)
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::Item
                | Tag::TableCell
                | Tag::FootnoteDefinition(_),
            ) => {
                self.next_block += 1;
                self.blocks.push(BlockText {
                    id: self.next_block,
                    text: String::new(),
                    mentions: Vec::new(),
                    citations: Vec::new(),
                });
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition,
            ) => self.close_block(),
            Event::Start(Tag::List(_)) | Event::End(TagEnd::List(_)) => self.block_text(" "),
            Event::Code(t) => self.block_text(&t.clone()),
            Event::SoftBreak | Event::HardBreak => self.block_text(" "),
            Event::Text(t) if self.link_depth > 0 => self.block_text(&t.clone()),
            _ => {}
        }
    }

    fn push(&mut self, node: Node) {
        self.doc.nodes.push(node);
    }

    fn current_block(&self) -> u32 {
        self.blocks.last().map_or(0, |b| b.id)
    }

    fn block_text(&mut self, text: &str) {
        if let Some(b) = self.blocks.last_mut() {
            b.text.push_str(text);
        }
    }

    fn close_block(&mut self) {
        if let Some(block) = self.blocks.pop() {
            if block.mentions.is_empty() && block.citations.is_empty() {
                return;
            }
            let starts = sentence_starts(&block.text);
            // Annotations of one sentence (two actors meeting, a claim and its source)
            // share its kept text.
            let mut kept: FxHashMap<Range<usize>, Span> = FxHashMap::default();
            let mut context = |doc: &mut Annotated, at: usize| {
                let bounds = sentence_bounds(&block.text, &starts, at);
                *kept
                    .entry(bounds.clone())
                    .or_insert_with(|| doc.keep(&sentence(&block.text[bounds])))
            };
            for (mention, at) in block.mentions {
                self.doc.mentions[mention].context = context(&mut self.doc, at);
            }
            for (citation, at) in block.citations {
                self.doc.citations[citation].context = context(&mut self.doc, at.saturating_sub(1));
            }
        }
    }

    fn close_mention(&mut self) {
        let Some(open) = self.mention.take() else {
            return;
        };
        let index = self.doc.mentions.len();
        if let Some(b) = self.blocks.last_mut() {
            b.mentions.push((index, b.text.len()));
            b.text.push_str(&super::context::placeholder(index));
        }
        let id = self.doc.span_of(open.id.trim());
        let label = open.pothole.then(|| self.doc.keep(&open.label));
        self.doc.mentions.push(Mention {
            id,
            label,
            span: Span::of_file(open.span),
            block: self.current_block(),
            context: Span::default(),
        });
        self.push(Node::Mention(index));
    }

    /// Emits the pending run of text, splitting out citation groups.
    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let segments = std::mem::take(&mut self.pending);
        let mut text = String::new();
        let mut starts = Vec::with_capacity(segments.len());
        for seg in &segments {
            starts.push(text.len());
            text.push_str(&seg.text);
        }
        let base = self.base;
        let block = self.current_block();
        if self.quote_depth == 0 {
            for seg in segments.iter().filter(|s| s.verbatim) {
                let span = Span::of_file(base + seg.src.start..base + seg.src.end);
                match self.doc.prose.last_mut() {
                    Some(last) if last.span.end == span.start && last.block == block => {
                        last.span.end = span.end
                    }
                    _ => self.doc.prose.push(Prose { span, block }),
                }
            }
        }
        let segment_at = |i: usize| starts.partition_point(|&s| s <= i).saturating_sub(1);
        let to_src = |i: usize| {
            let k = segment_at(i);
            let seg = &segments[k];
            let offset = if seg.verbatim { i - starts[k] } else { 0 };
            base + seg.src.start + offset
        };
        // Where the run starts in the file, when it is written there as it reads.
        let contiguous = segments.windows(2).all(|w| w[0].src.end == w[1].src.start);
        let in_file = (contiguous && segments.iter().all(|s| s.verbatim))
            .then(|| base + segments[0].src.start);
        let found = find_citations(&text, |i| {
            let k = segment_at(i);
            !segments[k].verbatim || (segments[k].escaped && i == starts[k])
        });
        let mut last = 0;
        for m in found {
            self.text_node(&text[last..m.span.start], in_file.map(|s| s + last));
            let first = self.doc.citations.len();
            let block = self.current_block();
            for item in m.items {
                if let Some(b) = self.blocks.last_mut() {
                    b.citations.push((self.doc.citations.len(), b.text.len()));
                }
                // Keys and locators stand in the file when the run does.
                let mut text_span = |r: Range<usize>| match in_file {
                    Some(s) => Span::of_file(s + r.start..s + r.end),
                    None => self.doc.keep(&text[r]),
                };
                let key = text_span(item.key());
                let locator = item.locator.map(text_span);
                self.doc.citations.push(Citation {
                    key,
                    locator,
                    span: Span::of_file(to_src(item.span.start)..to_src(item.span.end - 1) + 1),
                    block,
                    context: Span::default(),
                });
            }
            self.doc.groups.push(CiteGroup {
                citations: first..self.doc.citations.len(),
            });
            self.push(Node::Cite(self.doc.groups.len() - 1));
            last = m.span.end;
        }
        self.text_node(&text[last..], in_file.map(|s| s + last));
    }

    /// A run of text, which stands in the file at `in_file` when it is written there as
    /// it reads.
    fn text_node(&mut self, text: &str, in_file: Option<usize>) {
        if text.is_empty() {
            return;
        }
        self.block_text(text);
        let span = match in_file {
            Some(start) => Span::of_file(start..start + text.len()),
            None => self.doc.keep(text),
        };
        self.push(Node::Text(span));
    }
}

/// The sentence of `text` that contains byte `at`, trimmed to a readable length.
pub(super) fn sentence_around(text: &str, at: usize) -> String {
    sentence(&text[sentence_bounds(text, &sentence_starts(text), at)])
}

/// The longest a context gets, in characters.
const MAX: usize = 320;

/// Where the sentence around `at` begins and ends in a block's text.
fn sentence_bounds(text: &str, starts: &[usize], at: usize) -> Range<usize> {
    // Never look further than this around `at`: a paragraph without full stops must not
    // make every mention in it cost the whole paragraph.
    const REACH: usize = MAX;
    let i = starts.partition_point(|&s| s <= at);
    let start = if i == 0 { 0 } else { starts[i - 1] };
    let end = starts.get(i).copied().unwrap_or(text.len());
    let start = floor_boundary(text, start.max(at.saturating_sub(REACH)));
    let end = floor_boundary(text, end.min(at.saturating_add(REACH)).min(text.len()));
    start..end.max(start)
}

/// A sentence as a context: its words one space apart, cut to [`MAX`] characters.
fn sentence(text: &str) -> String {
    let mut sentence = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        // A citation left out of the text leaves a space before the punctuation after it.
        let punctuation = word.starts_with(['.', ',', ';', ':', '!', '?']);
        if !sentence.is_empty() && !punctuation {
            sentence.push(' ');
        }
        sentence.push_str(word);
    }
    if sentence.chars().count() <= MAX {
        return sentence;
    }
    let cut: String = sentence.chars().take(MAX).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut} …")
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte offsets where a sentence starts: after `.`, `!` or `?` and a space, unless the
/// word before is an abbreviation such as `U.S.`, `Mr.`, `p.` or an initial.
fn sentence_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .map(|stop| stop + 1)
        .filter(move |&i| {
            if bytes.get(i) != Some(&b' ') {
                return false;
            }
            let word = text[..i - 1].trim_end().rsplit(' ').next().unwrap_or("");
            let is_abbreviation = bytes[i - 1] == b'.'
                && (word.contains('.')
                    || word.chars().count() <= 1
                    || matches!(
                        word,
                        "Mr" | "Mrs"
                            | "Ms"
                            | "Dr"
                            | "St"
                            | "vs"
                            | "No"
                            | "ch"
                            | "pp"
                            | "c"
                            | "cf"
                            | "eg"
                            | "ie"
                    ));
            !is_abbreviation
        })
        .map(|i| i + 1)
        .collect()
}
