//! Unit tests of the annotation adapters on small bodies.

use super::*;
use pulldown_cmark::{html, Parser};

fn ann(body: &str) -> Annotated {
    annotate(&std::sync::Arc::new(body.to_string()), 0)
}

fn mention_ids(a: &Annotated) -> Vec<&str> {
    a.mentions.iter().map(|m| a.id(m)).collect()
}

fn cite_keys(a: &Annotated) -> Vec<&str> {
    a.citations.iter().map(|c| a.key(c)).collect()
}

#[test]
fn mentions_with_and_without_label() {
    let a = ann("[[erdogan]] met [[putin|the Russian president]].");
    assert_eq!(mention_ids(&a), ["erdogan", "putin"]);
    assert_eq!(a.mentions[0].label, None);
    assert_eq!(a.label(&a.mentions[1]), Some("the Russian president"));
    assert_eq!(a.mentions[1].span.range(), 16..47);
}

#[test]
fn citations_single_locator_and_group() {
    let a = ann("A [@a]. B [@b, p. 4]. C [@c; @d, ch. 2].");
    assert_eq!(cite_keys(&a), ["a", "b", "c", "d"]);
    assert_eq!(a.locator(&a.citations[1]), Some("p. 4"));
    assert_eq!(a.groups.len(), 3);
    assert_eq!(a.groups[2].citations, 2..4);
    let body = "A [@a]. B [@b, p. 4]. C [@c; @d, ch. 2].";
    assert_eq!(&body[a.citations[3].span.range()], "@d");
}

#[test]
fn nothing_inside_code_spans_blocks_or_html() {
    let a = ann("`[[erdogan]] [@a]`\n\n```\n[[putin]] [@b]\n```\n\n<div>[[x]] [@c]</div>\n\n    [[y]] [@d]\n");
    assert!(a.mentions.is_empty(), "{:?}", a.mentions);
    assert!(a.citations.is_empty(), "{:?}", a.citations);
}

#[test]
fn escaped_brackets_and_emails_are_text() {
    let a = ann(r"\[@a] and name@example.com and \[\[b]]");
    assert!(a.citations.is_empty(), "{:?}", a.citations);
    assert!(a.mentions.is_empty());
}

#[test]
fn link_text_is_left_alone_but_citation_after_link_counts() {
    let a = ann("[see [@a]](https://example.com) then [@b]");
    assert_eq!(cite_keys(&a), ["b"]);
}

#[test]
fn footnotes_and_reference_links_still_work() {
    let body = "Text[^1] and [ref] [@a].\n\n[^1]: Note [[x]].\n\n[ref]: https://example.com\n";
    let a = ann(body);
    assert_eq!(cite_keys(&a), ["a"]);
    assert_eq!(mention_ids(&a), ["x"]);
    assert!(a
        .nodes
        .iter()
        .any(|n| matches!(a.event(n), Some(Event::FootnoteReference(_)))));
}

#[test]
fn plain_markdown_nodes_render_like_pulldown() {
    let body = "# T\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- x\n  - y\n\n> q\n";
    let a = ann(body);
    let events = a.nodes.iter().filter_map(|n| a.event(n));
    let mut ours = String::new();
    html::push_html(&mut ours, events);
    let mut theirs = String::new();
    html::push_html(&mut theirs, Parser::new_ext(body, markdown_options()));
    assert_eq!(ours, theirs);
}

#[test]
fn event_items_with_each_precision() {
    let body = "- 2025-11-27: [[grushko]] rules out troops [@conroy-2025]\n- ~2025-09: approx\n- 2025-05..2025-06: range\n- not an event: no\n- 10:30 meeting\n";
    let a = ann(body);
    let dates: Vec<_> = a.events.iter().map(|e| e.date.iso()).collect();
    assert_eq!(dates, ["2025-11-27", "~2025-09", "2025-05..2025-06"]);
    assert_eq!(a.events[0].mentions, [0]);
    assert_eq!(a.events[0].citations, [0]);
    assert_eq!(&body[a.events[1].span.clone()], "~2025-09");
    // The date is gone from the item's text; the mention is part of it.
    assert!(a.nodes[a.events[0].text.clone()].contains(&Node::Mention(0)));
    assert!(!a.nodes[a.events[0].text.clone()]
        .iter()
        .any(|n| matches!(a.event(n), Some(Event::Text(t)) if t.contains("2025"))));
}

#[test]
fn impossible_event_date_is_a_problem_at_its_place() {
    let body = "Intro\n\n- 2025-01-01: fine\n- 2025-02-30: bad\n";
    let a = ann(body);
    assert_eq!(a.events.len(), 1);
    assert_eq!(a.problems.len(), 1);
    assert_eq!(&body[a.problems[0].span.clone()], "2025-02-30");
    assert!(a.problems[0].message.contains("28 days"));
}

#[test]
fn events_in_nested_and_loose_lists() {
    let body = "- outer\n  - 2024: nested [[a]]\n\n1. 2023-03: ordered\n\n   more text\n";
    let a = ann(body);
    let dates: Vec<_> = a.events.iter().map(|e| e.date.iso()).collect();
    assert_eq!(dates, ["2024", "2023-03"]);
}

#[test]
fn attributed_quote_on_last_line() {
    let body = "> Absolutely out of the question.\n> — [[grushko]] [@conroy-2025]\n";
    let a = ann(body);
    assert_eq!(a.quotes.len(), 1);
    let q = &a.quotes[0];
    assert_eq!(a.id(&a.mentions[q.mention]), "grushko");
    assert_eq!(q.group, Some(0));
    assert_eq!(
        a.text(a.mentions[q.mention].context),
        "Absolutely out of the question."
    );
    // The attribution line is no longer part of the quoted text.
    let shown: Vec<_> = a.nodes[q.body.clone()]
        .iter()
        .filter(|n| !matches!(n, Node::Gone))
        .cloned()
        .collect();
    assert!(!shown.iter().any(|n| matches!(n, Node::Mention(_))));
}

#[test]
fn attribution_as_own_paragraph_and_double_dash() {
    let a = ann("> Words.\n>\n> -- [[peskov]]\n");
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.quotes[0].group, None);
}

#[test]
fn unattributed_quote_stays_plain() {
    let a = ann("> Words — [[peskov]] said.\n");
    assert!(a.quotes.is_empty());
    assert_eq!(a.mentions.len(), 1);
}

#[test]
fn mention_context_is_its_sentence() {
    let a = ann("First sentence here. Then U.S. envoy [[witkoff]] met [[putin]]. Last one.");
    let filled = context::fill(a.text(a.mentions[0].context), |m| {
        a.id(&a.mentions[m]).to_uppercase()
    });
    assert_eq!(filled, "Then U.S. envoy WITKOFF met PUTIN.");
    assert_eq!(a.mentions[0].block, a.mentions[1].block);
}

#[test]
fn annotations_of_one_sentence_share_its_text() {
    let a = ann("[[erdogan]] met [[putin]] [@tass]. Then [[fidan]] spoke [@aa].");
    let contexts: Vec<&str> = a.mentions.iter().map(|m| a.text(m.context)).collect();
    assert_eq!(contexts[0], contexts[1]);
    assert_ne!(contexts[1], contexts[2]);
    assert_eq!(a.mentions[0].context, a.mentions[1].context);
    assert_eq!(a.citations[0].context, a.mentions[0].context);
    assert_eq!(a.citations[1].context, a.mentions[2].context);
    // Each sentence is kept once.
    assert_eq!(
        a.kept.len(),
        contexts[0].len() + contexts[2].len(),
        "{:?}",
        a.kept
    );
}

#[test]
fn code_block_language_is_noticed() {
    assert!(ann("```rust\nfn main() {}\n```\n").has_highlighted_code);
    assert!(!ann("```\nplain\n```\n").has_highlighted_code);
}

#[test]
fn ids_keys_and_locators_read_alike_from_the_file_or_kept_text() {
    // Written as they read: spans of the file, nothing kept for them.
    let a = ann("[[erdogan]] spoke [@a, p. 4].");
    assert_eq!(a.id(&a.mentions[0]), "erdogan");
    assert_eq!(a.key(&a.citations[0]), "a");
    assert_eq!(a.locator(&a.citations[0]), Some("p. 4"));
    let in_file = |s: Span| s.start & Span::KEPT == 0;
    assert!(in_file(a.mentions[0].id) && in_file(a.citations[0].key));
    assert!(a.citations[0].locator.is_some_and(in_file));
    // An entity in the run makes its text differ from the file: the key and locator
    // are kept, and read the same.
    let a = ann("Caf&eacute; talks [@b, &sect; 5] with [[ fidan | the minister ]].");
    assert_eq!(a.key(&a.citations[0]), "b");
    assert_eq!(a.locator(&a.citations[0]), Some("§ 5"));
    assert!(!in_file(a.citations[0].key));
    assert_eq!(a.id(&a.mentions[0]), "fidan");
    assert_eq!(a.label(&a.mentions[0]), Some(" the minister "));
}
