//! The block adapter: over the inline adapter's nodes, marks list items that begin with a
//! date and a colon as events, and block quotes whose last line is `— [[actor]] [@key]`
//! as attributed quotes. Consumed nodes become [`Node::Gone`], so indices stay stable.

use super::inline::sentence_around;
use super::{Annotated, EventItem, Node, Problem, Quote, Span};
use crate::date::EventDate;
use pulldown_cmark::{Tag, TagEnd};
use std::ops::Range;

/// Marks events and quotes in `doc`; `body` is the text `doc` was parsed from, starting at
/// byte `base` of its file. One pass, linear in the number of nodes.
pub fn find(doc: &mut Annotated, body: &str, base: usize) {
    let closing = closing_nodes(&doc.nodes);
    // The file offset of the last annotation passed: where to look for the next date.
    let mut hint = base;
    for (i, &close) in closing.iter().enumerate() {
        match &doc.nodes[i] {
            node if matches!(node.start(), Some(Tag::Item)) => {
                mark_event(doc, i, close, body, base, hint);
                if let Node::EventStart(e) = doc.nodes[i] {
                    hint = doc.events[e].span.end;
                }
            }
            node if matches!(node.start(), Some(Tag::BlockQuote(_))) => mark_quote(doc, i, close),
            Node::Mention(m) => hint = doc.mentions[*m].span.end as usize,
            Node::Cite(g) => {
                if let Some(c) = doc.groups[*g].citations.clone().last() {
                    hint = doc.citations[c].span.end as usize;
                }
            }
            _ => {}
        }
    }
}

/// For each node that opens a container, the index of the node that closes it.
fn closing_nodes(nodes: &[Node]) -> Vec<usize> {
    let mut closing = vec![0; nodes.len()];
    let mut open = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        match node {
            Node::End(_) => {
                if let Some(start) = open.pop() {
                    closing[start] = i;
                }
            }
            node if node.start().is_some() => open.push(i),
            _ => {}
        }
    }
    closing
}

/// The date token at the start of an item's text, if the text looks like an event line.
fn date_prefix(text: &str) -> Option<(&str, &str)> {
    let (token, rest) = text.split_once(':')?;
    let looks_like_date = {
        let t = token.strip_prefix('~').unwrap_or(token);
        t.len() >= 4
            && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'-' || b == b'.')
    };
    looks_like_date.then_some((token, rest))
}

fn mark_event(doc: &mut Annotated, item: usize, end: usize, body: &str, base: usize, hint: usize) {
    let mut first = item + 1;
    if matches!(doc.nodes.get(first), Some(Node::Paragraph)) {
        first += 1;
    }
    let Some(&Node::Text(text_span)) = doc.nodes.get(first) else {
        return;
    };
    let Some((token, rest)) = date_prefix(doc.text(text_span)) else {
        return;
    };
    let span = locate(body, base, token, hint);
    let parsed = EventDate::parse(token);
    // The text after the date: the end of the same run.
    let rest = rest.trim_start().len() as u32;
    let date = match parsed {
        Ok(d) => d,
        Err(message) => {
            doc.problems.push(Problem { span, message });
            return;
        }
    };
    doc.nodes[first] = if rest == 0 {
        Node::Gone
    } else {
        Node::Text(Span {
            start: text_span.end - rest,
            end: text_span.end,
        })
    };
    let text_end = (first..end)
        .find(|&k| match &doc.nodes[k] {
            Node::End(TagEnd::Paragraph) => true,
            node => node.start().is_some_and(is_block),
        })
        .unwrap_or(end);
    let (mentions, citations) = annotations_in(doc, item..end);
    let index = doc.events.len();
    doc.events.push(EventItem {
        date,
        span,
        text: first..text_end,
        mentions,
        citations,
    });
    doc.nodes[item] = Node::EventStart(index);
    doc.nodes[end] = Node::EventEnd(index);
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::List(_)
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
            | Tag::Heading { .. }
    )
}

/// Byte range (in file coordinates) of `token` as written at a line's list marker, at or
/// after file offset `from`.
fn locate(body: &str, base: usize, token: &str, from: usize) -> Range<usize> {
    let mut from = from.saturating_sub(base).min(body.len());
    while !body.is_char_boundary(from) {
        from -= 1;
    }
    let first_line = body[..from].rfind('\n').map_or(0, |i| i + 1);
    let mut offset = first_line;
    for line in body[first_line..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '>', '\t']);
        let after_marker = trimmed
            .strip_prefix(['-', '*', '+'])
            .or_else(|| {
                let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
                trimmed
                    .get(digits..)
                    .and_then(|r| r.strip_prefix(['.', ')']))
            })
            .map(str::trim_start);
        if let Some(rest) = after_marker {
            if rest.starts_with(token) {
                let at = start + (line.len() - rest.len());
                return base + at..base + at + token.len();
            }
        }
    }
    base + from..base + from
}

fn annotations_in(doc: &Annotated, range: Range<usize>) -> (Vec<usize>, Vec<usize>) {
    let mut mentions = Vec::new();
    let mut citations = Vec::new();
    for node in &doc.nodes[range] {
        match node {
            Node::Mention(m) => mentions.push(*m),
            Node::Cite(g) => citations.extend(doc.groups[*g].citations.clone()),
            _ => {}
        }
    }
    (mentions, citations)
}

fn mark_quote(doc: &mut Annotated, open: usize, close: usize) {
    if close < 2 || !matches!(doc.nodes[close - 1], Node::End(TagEnd::Paragraph)) {
        return;
    }
    let para_end = close - 1;
    let Some(para_start) = (open + 1..para_end)
        .rev()
        .find(|&k| matches!(doc.nodes[k], Node::Paragraph))
    else {
        return;
    };
    let line_break = (para_start + 1..para_end)
        .rev()
        .find(|&k| matches!(doc.nodes[k], Node::SoftBreak | Node::HardBreak));
    let line_start = line_break.map_or(para_start + 1, |b| b + 1);
    let Some((mention, group)) = attribution(doc, line_start..para_end) else {
        return;
    };
    for k in line_start..para_end {
        doc.nodes[k] = Node::Gone;
    }
    match line_break {
        Some(b) => doc.nodes[b] = Node::Gone,
        None => {
            doc.nodes[para_start] = Node::Gone;
            doc.nodes[para_end] = Node::Gone;
        }
    }
    let body = open + 1..close;
    let text = plain_text(doc, body.clone());
    let sentence = sentence_around(&text, 0);
    doc.mentions[mention].context = doc.keep(&sentence);
    let span = doc.mentions[mention].span.range();
    let index = doc.quotes.len();
    doc.quotes.push(Quote {
        mention,
        group,
        body,
        span,
    });
    doc.nodes[open] = Node::QuoteStart(index);
    doc.nodes[close] = Node::QuoteEnd(index);
}

/// Reads `— [[actor]] [@key]` (or `--`): the mention and the optional citation group.
fn attribution(doc: &Annotated, line: Range<usize>) -> Option<(usize, Option<usize>)> {
    let mut items = doc.nodes[line].iter().filter(|n| match n {
        Node::Text(t) => !doc.text(*t).trim().is_empty(),
        Node::Gone => false,
        _ => true,
    });
    let dash = match items.next()? {
        Node::Text(t) => doc.text(*t).trim(),
        _ => return None,
    };
    if dash != "—" && dash != "--" {
        return None;
    }
    let Node::Mention(mention) = items.next()? else {
        return None;
    };
    let group = match items.next() {
        None => None,
        Some(Node::Cite(g)) => Some(*g),
        Some(_) => return None,
    };
    match items.next() {
        None => Some((*mention, group)),
        Some(Node::Text(t)) if doc.text(*t).trim() == "." && items.next().is_none() => {
            Some((*mention, group))
        }
        Some(_) => None,
    }
}

/// The plain text of some nodes: text and code, with placeholders for mentions.
pub(super) fn plain_text(doc: &Annotated, range: Range<usize>) -> String {
    let mut out = String::new();
    for node in &doc.nodes[range] {
        if let Some(text) = doc.inline_text(node) {
            out.push_str(text);
            continue;
        }
        match node {
            Node::SoftBreak | Node::HardBreak | Node::End(TagEnd::Paragraph) => out.push(' '),
            Node::Mention(m) => out.push_str(&super::context::placeholder(*m)),
            _ => {}
        }
    }
    out.trim().to_string()
}
