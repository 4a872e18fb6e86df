//! Properties over generated Markdown: text without annotations renders exactly as
//! pulldown-cmark renders it, and every `[[id]]` or `[@key]` outside code becomes exactly
//! one mention or citation, with an anchor the actor's or source's page links to.

mod common;

use briefing::annotate::{annotate, markdown_options};
use briefing::load::SiteConfig;
use briefing::render::html::{Mode, Renderer};
use briefing::render::links::Links;
use briefing::render::Urls;
use briefing::resolve::{Body, Content};
use common::*;
use proptest::prelude::*;
use std::sync::Arc;

/// Markdown blocks that use no annotation syntax.
fn plain_block() -> impl Strategy<Value = String> {
    let word = "[a-zA-Z]{1,8}";
    let words = proptest::collection::vec(word, 1..12).prop_map(|w| w.join(" "));
    prop_oneof![
        words.clone().prop_map(|w| format!("{w}.")),
        words.clone().prop_map(|w| format!("# {w}")),
        words
            .clone()
            .prop_map(|w| format!("Some *{w}* and **{w}** and `{w}`.")),
        words.clone().prop_map(|w| format!("- {w}\n- {w}\n  - {w}")),
        words.clone().prop_map(|w| format!("1. {w}\n2. {w}")),
        words.clone().prop_map(|w| format!("> {w}\n> {w}")),
        words
            .clone()
            .prop_map(|w| format!("[{w}](https://example.org/{w}) and <https://example.org>")),
        words
            .clone()
            .prop_map(|w| format!("| a | b |\n|---|---|\n| {w} | ~~{w}~~ |")),
        words
            .clone()
            .prop_map(|w| format!("```\n{w} [[x]] [@y]\n```")),
        words
            .clone()
            .prop_map(|w| format!("Text[^n] {w}\n\n[^n]: {w}")),
        words.prop_map(|w| format!(
            "<span class=\"x\">{w}</span> &amp; \\[escaped] {w}@example.org"
        )),
    ]
}

fn empty_content() -> Content {
    let config = SiteConfig {
        title: "t".into(),
        base_url: "/".into(),
        description: None,
        language: "en".into(),
        theme: "default".into(),
        unsafe_html: true,
        cname: None,
        page_size: std::num::NonZeroUsize::new(1000).unwrap(),
    };
    Content {
        config,
        notes: Vec::new(),
        actors: Vec::new(),
        sources: Vec::new(),
        pages: Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn text_without_annotations_renders_as_pulldown_does(blocks in proptest::collection::vec(plain_block(), 1..8)) {
        let text = blocks.join("\n\n") + "\n";
        let ann = annotate(&std::sync::Arc::new(text.clone()), 0);
        prop_assert!(ann.mentions.is_empty() && ann.citations.is_empty() && ann.events.is_empty() && ann.quotes.is_empty());
        prop_assert!(ann.nodes.iter().all(|n| ann.event(n).is_some()));
        let content = empty_content();
        let urls = Urls::new("/");
        let body = Body {
            ann: Arc::new(ann),
            mention_actor: Vec::new(),
            citation_source: Vec::new(),
            references: Vec::new(),
            citation_ref: Vec::new(),
        };
        let links = Links::new(&content, &urls);
        let ours = Renderer { content: &content, links: &links, body: &body, mode: Mode::Body, prefix: "", shift: 0 }.all();
        let mut theirs = String::new();
        pulldown_cmark::html::push_html(&mut theirs, pulldown_cmark::Parser::new_ext(&text, markdown_options()));
        prop_assert_eq!(ours, theirs);
    }
}

/// A piece of a generated note: words, an annotation, or an annotation inside code.
#[derive(Debug, Clone)]
enum Piece {
    Words(String),
    Mention(usize),
    Citation(usize),
    InCode(String),
    Break,
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        4 => "[a-z]{1,8}( [a-z]{1,8}){0,4}".prop_map(Piece::Words),
        2 => (0..3usize).prop_map(Piece::Mention),
        2 => (0..3usize).prop_map(Piece::Citation),
        1 => prop_oneof![Just("[[a0]]".to_string()), Just("[@k0]".to_string())].prop_map(Piece::InCode),
        1 => Just(Piece::Break),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn each_annotation_outside_code_is_one_place_with_a_working_anchor(pieces in proptest::collection::vec(piece(), 1..40)) {
        let mut body = String::new();
        let (mut mentions, mut citations) = (0, 0);
        for p in &pieces {
            match p {
                Piece::Words(w) => body.push_str(w),
                Piece::Mention(i) => { body.push_str(&format!("[[a{i}]]")); mentions += 1; }
                Piece::Citation(i) => { body.push_str(&format!("[@k{i}]")); citations += 1; }
                Piece::InCode(t) => body.push_str(&format!("`{t}`")),
                Piece::Break => body.push_str("\n\n"),
            }
            body.push(' ');
        }
        let (_dir, root) = copy_fixture("properties");
        std::fs::create_dir_all(root.join("content/notes")).unwrap();
        std::fs::write(root.join("content/notes/generated.md"), format!("---\ntitle: Generated\n---\n{body}\n")).unwrap();
        let mut report = briefing::diagnostics::Report::default();
        let site = briefing::resolve_pack(&root, None, false, &mut report);
        prop_assert!(!report.has_errors(), "{}", report.render());
        let site = site.unwrap();
        let note = site.notes.iter().find(|n| n.slug == "generated").unwrap();
        prop_assert_eq!(note.body.ann.mentions.len(), mentions);
        prop_assert_eq!(note.body.ann.citations.len(), citations);
        let out = build_ok(&root, &[]);
        let page = read(&out.join("notes/generated/index.html"));
        let ids: std::collections::BTreeSet<String> = attr_values(&page, "id").into_iter().collect();
        for n in 1..=mentions {
            prop_assert!(ids.contains(&format!("mention-{n}")), "no anchor mention-{}", n);
        }
        for n in 1..=citations {
            prop_assert!(ids.contains(&format!("cite-{n}")), "no anchor cite-{}", n);
        }
        for (i, m) in note.body.ann.mentions.iter().enumerate() {
            let actor = read(&out.join(format!("actors/{}/index.html", note.body.ann.id(m))));
            let place = format!("href=\"../../notes/generated/#mention-{}\"", i + 1);
            prop_assert!(actor.contains(&place), "actor page lacks {}", place);
        }
        for (i, c) in note.body.ann.citations.iter().enumerate() {
            let source = read(&out.join(format!("sources/{}/index.html", note.body.ann.key(c))));
            let place = format!("href=\"../../notes/generated/#cite-{}\"", i + 1);
            prop_assert!(source.contains(&place), "source page lacks {}", place);
        }
    }
}
