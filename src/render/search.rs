//! `data/search.js`: the index the theme's search box reads, written at build time. A
//! small format of our own (see the README): the documents as `[kind, title, url,
//! snippet]`, and every term (lowercase ASCII, diacritics folded) with the sorted list of
//! documents that contain it. Notes are indexed by their full text.

use super::export::{json_into, json_items_into};
use super::html::{plain, words};
use super::items::shorten;
use super::make::Make;
use crate::diagnostics::Diagnostic;
use crate::ids::Slug;
use crate::resolve::EventRef;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// One document of the index, as listed.
struct Entry {
    kind: &'static str,
    title: String,
    url: String,
    snippet: String,
}

/// One document of the index, with the terms of its text.
struct Doc {
    entry: Entry,
    /// The text folded into terms ([`Slug`]): every term, as often as it appears, joined
    /// by `-` (which no term holds). Repeats are dropped as the terms are posted.
    terms: String,
}

impl Doc {
    /// A document whose text, folded into terms, is `text`.
    fn new(kind: &'static str, title: &str, url: String, snippet: &str, text: Slug) -> Self {
        let terms = text.finish();
        let entry = Entry {
            kind,
            title: title.to_string(),
            url,
            snippet: shorten(snippet, 160),
        };
        Self { entry, terms }
    }
}

/// Builds the index from the whole site: the documents in parallel, a slice at a time,
/// in a fixed order; each slice's terms are posted and dropped as the next is made.
pub fn search_index(make: &Make, sink: &dyn super::Sink) -> Result<(), Diagnostic> {
    let site = make.site;
    let mut postings = Postings::default();
    postings.add(&site.notes, |n| note_doc(make, n));
    postings.add(&site.actors, |a| actor_doc(make, a));
    postings.add(&site.graph.chronology, |&e| event_doc(make, e));
    // Sources by index: their title, detail and URL are in the link table.
    let sources: Vec<usize> = (0..site.sources.len()).collect();
    postings.add(&sources, |&s| {
        let source = make.links.source(s);
        let text = slug_of(&[source.title, source.detail, make.links.source_key(s)]);
        Doc::new(
            "source",
            source.title,
            source.url.to_string(),
            source.detail,
            text,
        )
    });
    write_index(&postings, make.urls.base(), sink)
}

/// `data/search.js`: `{"version": 1, "docs": [[kind, title, url, snippet], ...],
/// "terms": {term: [document, ...], ...}}`, the terms in order, written in parallel.
fn write_index(postings: &Postings, base: &str, sink: &dyn super::Sink) -> Result<(), Diagnostic> {
    let mut terms: Vec<(&String, &Vec<u32>)> = postings.terms.iter().collect();
    terms.par_sort_unstable_by_key(|&(term, _)| term);
    super::export::script_data(sink, "search", |out| {
        let docs = &postings.docs;
        out.write_all(b"{\"version\":1,\"docs\":[")?;
        json_items_into(out, docs.len(), |out, i| {
            // URLs from the site's root, which the script knows relative to the page
            // it runs in.
            let d = &docs[i];
            let url = d.url.strip_prefix(base).unwrap_or(&d.url);
            json_into(out, &(d.kind, &d.title, url, &d.snippet))
        })?;
        out.write_all(b"],\"terms\":{")?;
        json_items_into(out, terms.len(), |out, i| {
            let (term, ids) = terms[i];
            json_into(out, term.as_str())?;
            out.push(b':');
            json_into(out, ids)
        })?;
        out.write_all(b"}}")
    })
}

/// The index as its documents are added, in order.
#[derive(Default)]
struct Postings {
    docs: Vec<Entry>,
    /// term -> the documents that contain it, ascending.
    terms: FxHashMap<String, Vec<u32>>,
}

impl Postings {
    /// Adds the documents `doc` makes of `items`, a slice at a time: the terms of one
    /// slice join the index (in part one thread's work) while the next slice's documents
    /// are made, so that neither thread waits for the other.
    fn add<T: Sync>(&mut self, items: &[T], doc: impl Fn(&T) -> Doc + Sync) {
        crate::overlap::in_slices(items, SLICE, doc, |docs| self.post_slice(docs));
    }

    /// Posts `docs`, numbered after the documents already posted. Each part of them is
    /// posted on its own, in parallel; the parts are then merged in order, so every list
    /// stays ascending. Merging costs one lookup per distinct term of a part, not one per
    /// term of each document.
    fn post_slice(&mut self, docs: Vec<Doc>) {
        let end = self.docs.len() + docs.len();
        assert!(u32::try_from(end).is_ok(), "under 4 billion documents");
        let first = self.docs.len() as u32;
        let parts: Vec<FxHashMap<&str, Vec<u32>>> = docs
            .par_chunks(PART)
            .enumerate()
            .map(|(k, part)| post(part, first + (k * PART) as u32))
            .collect();
        for part in parts {
            for (term, ids) in part {
                match self.terms.get_mut(term) {
                    Some(all) => all.extend_from_slice(&ids),
                    None => {
                        self.terms.insert(term.to_string(), ids);
                    }
                }
            }
        }
        self.docs.extend(docs.into_iter().map(|d| d.entry));
    }
}

/// Documents made at once. Each holds its whole text folded (about as long as the text),
/// and two slices are held at a time: 512 notes' worth is a few megabytes.
const SLICE: usize = 512;

/// Documents posted together before their terms join the index.
const PART: usize = 256;

/// The terms of `docs` (of two letters or more), numbered from `first`, each with the
/// documents that hold it, once each.
fn post(docs: &[Doc], first: u32) -> FxHashMap<&str, Vec<u32>> {
    let mut terms: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (id, d) in (first..).zip(docs) {
        for term in d.terms.split('-').filter(|t| t.len() >= 2) {
            let ids = terms.entry(term).or_default();
            // The documents come in order: a repeat within one is the list's last.
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    terms
}

/// The slug of `pieces` with a space between each two.
fn slug_of(pieces: &[&str]) -> Slug {
    let mut slug = Slug::with_capacity(pieces.iter().map(|p| p.len() + 1).sum());
    for piece in pieces {
        slug.push(piece);
        slug.space();
    }
    slug
}

/// A note by its title, tags, summary and full text; listed with its summary, or the
/// start of its text.
fn note_doc(make: &Make, note: &crate::resolve::Note) -> Doc {
    let all = 0..note.body.ann.nodes.len();
    let summary = note.meta.summary.as_deref();
    let mut text = Slug::with_capacity(note.body.ann.source.len());
    text.push(&note.meta.title);
    for tag in &note.meta.tags {
        text.space();
        text.push(tag);
    }
    text.space();
    text.push(summary.unwrap_or_default());
    text.space();
    // Folded from the nodes themselves: the plain text is made only when it is listed.
    words(make.links, &note.body, all.clone(), |t| text.push(t));
    let snippet = match summary {
        Some(summary) => summary.to_string(),
        None => plain(make.links, &note.body, all),
    };
    Doc::new(
        "note",
        &note.meta.title,
        make.urls.note(&note.slug),
        &snippet,
        text,
    )
}

fn actor_doc(make: &Make, actor: &crate::resolve::Actor) -> Doc {
    let role = actor.meta.role.as_deref().unwrap_or_default();
    let profile = plain(make.links, &actor.body, 0..actor.body.ann.nodes.len());
    let aliases = actor.meta.aliases.join(" ");
    let text = slug_of(&[&actor.meta.name, &aliases, role, &profile]);
    let snippet = if role.is_empty() { &profile } else { role };
    Doc::new(
        "actor",
        &actor.meta.name,
        make.urls.actor(&actor.id),
        snippet,
        text,
    )
}

fn event_doc(make: &Make, e: EventRef) -> Doc {
    let site = make.site;
    let event = site.event(e);
    let text = plain(make.links, site.body(e.doc), event.text.clone());
    let title = format!("{}: {}", event.date, shorten(&text, 100));
    let url = make.place_url(e.doc, &super::html::anchor::event(e.index));
    let snippet = format!("{} — in {}", event.date, make.links.doc_title(e.doc));
    let folded = slug_of(&[&event.date.iso(), &text]);
    Doc::new("event", &title, url, &snippet, folded)
}

#[cfg(test)]
mod tests {
    use super::{Doc, Postings};

    #[test]
    fn every_list_is_complete_and_ascending_across_parts_and_slices() {
        // More documents than a slice holds twice, so the lists cross parts and slices.
        let n: u32 = 2 * super::SLICE as u32 + 300;
        let items: Vec<u32> = (0..n).collect();
        let mut postings = Postings::default();
        postings.add(&items, |&i| {
            let parity = if i % 2 == 0 { "even" } else { "odd" };
            let text = format!("common {parity} word{} common", i % 3);
            Doc::new("note", "title", String::new(), "", super::slug_of(&[&text]))
        });
        assert_eq!(postings.docs.len(), n as usize);
        // Once per document, though each document holds it twice.
        assert_eq!(postings.terms["common"], (0..n).collect::<Vec<_>>());
        let even: Vec<u32> = (0..n).filter(|i| i % 2 == 0).collect();
        assert_eq!(postings.terms["even"], even);
        let thirds: Vec<u32> = (0..n).filter(|i| i % 3 == 2).collect();
        assert_eq!(postings.terms["word2"], thirds);
    }
}
