//! `data/search.js`: the index the theme's search box reads, written at build time. A
//! small format of our own (see the README): the documents as `[kind, title, url,
//! snippet]`, and every term (lowercase ASCII, diacritics folded) with the sorted list of
//! documents that contain it. Notes are indexed by their full text.

use super::html::plain;
use super::items::shorten;
use super::make::Make;
use super::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::ids::slugify;
use crate::resolve::EventRef;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    /// `[kind, title, url, snippet]`
    docs: Vec<(&'static str, &'a str, &'a str, &'a str)>,
    /// term -> indices of the documents that contain it, ascending
    terms: BTreeMap<&'a str, Vec<u32>>,
}

/// One document of the index, with the distinct terms of its text.
struct Doc {
    kind: &'static str,
    title: String,
    url: String,
    snippet: String,
    /// The distinct terms, in order of first appearance, joined by `-` (which no term
    /// holds): one string per document rather than one per term, as 60,000 documents are
    /// held at once.
    terms: String,
}

impl Doc {
    fn new(kind: &'static str, title: &str, url: String, snippet: &str, text: &str) -> Self {
        let folded = slugify(text);
        let mut seen = FxHashSet::default();
        let mut terms = String::with_capacity(folded.len() / 2);
        for term in folded.split('-').filter(|t| t.len() >= 2) {
            if seen.insert(term) {
                if !terms.is_empty() {
                    terms.push('-');
                }
                terms.push_str(term);
            }
        }
        Self {
            kind,
            title: title.to_string(),
            url,
            snippet: shorten(snippet, 160),
            terms,
        }
    }
}

/// Builds the index from the whole site: the documents in parallel, in a fixed order.
pub fn search_index(make: &Make) -> Result<OutputFile, Diagnostic> {
    let site = make.site;
    let notes: Vec<Doc> = site.notes.par_iter().map(|n| note_doc(make, n)).collect();
    let actors: Vec<Doc> = site.actors.par_iter().map(|a| actor_doc(make, a)).collect();
    let events: Vec<Doc> = site
        .graph
        .chronology
        .par_iter()
        .map(|&e| event_doc(make, e))
        .collect();
    let sources: Vec<Doc> = site
        .sources
        .par_iter()
        .map(|source| {
            let detail = super::source_detail(source);
            let text = format!("{} {detail} {}", source.meta.title, source.key);
            Doc::new(
                "source",
                &source.meta.title,
                make.urls.source(&source.key),
                &detail,
                &text,
            )
        })
        .collect();
    let all: Vec<&Doc> = notes
        .iter()
        .chain(&actors)
        .chain(&events)
        .chain(&sources)
        .collect();
    let mut postings: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (id, doc) in all.iter().enumerate() {
        for term in doc.terms.split('-').filter(|t| !t.is_empty()) {
            postings.entry(term).or_default().push(id as u32);
        }
    }
    // URLs from the site's root, which the script knows relative to the page it runs in.
    let base = make.urls.base();
    let index = Index {
        version: 1,
        docs: all
            .iter()
            .map(|d| {
                (
                    d.kind,
                    d.title.as_str(),
                    d.url.strip_prefix(base).unwrap_or(&d.url),
                    d.snippet.as_str(),
                )
            })
            .collect(),
        terms: postings.into_iter().collect(),
    };
    super::export::script_data("search", &index)
}

fn note_doc(make: &Make, note: &crate::resolve::Note) -> Doc {
    let site = make.site;
    let body = plain(&site.content, &note.body, 0..note.body.ann.nodes.len());
    let summary = note.meta.summary.as_deref();
    let text = format!(
        "{} {} {} {}",
        note.meta.title,
        note.meta.tags.join(" "),
        summary.unwrap_or_default(),
        body
    );
    Doc::new(
        "note",
        &note.meta.title,
        make.urls.note(&note.slug),
        summary.unwrap_or(&body),
        &text,
    )
}

fn actor_doc(make: &Make, actor: &crate::resolve::Actor) -> Doc {
    let site = make.site;
    let role = actor.meta.role.as_deref().unwrap_or_default();
    let profile = plain(&site.content, &actor.body, 0..actor.body.ann.nodes.len());
    let text = format!(
        "{} {} {role} {profile}",
        actor.meta.name,
        actor.meta.aliases.join(" ")
    );
    let snippet = if role.is_empty() { &profile } else { role };
    Doc::new(
        "actor",
        &actor.meta.name,
        make.urls.actor(&actor.id),
        snippet,
        &text,
    )
}

fn event_doc(make: &Make, e: EventRef) -> Doc {
    let site = make.site;
    let event = site.event(e);
    let text = plain(&site.content, site.body(e.doc), event.text.clone());
    let title = format!("{}: {}", event.date, shorten(&text, 100));
    let url = make.place_url(e.doc, &super::html::anchor::event(e.index));
    let snippet = format!("{} — in {}", event.date, site.doc_title(e.doc));
    Doc::new(
        "event",
        &title,
        url,
        &snippet,
        &format!("{} {text}", event.date.iso()),
    )
}
