//! Back-references in one pass (after every body is resolved): for each actor its
//! members, mentions, events, quotes, co-mentioned actors and sources; for each source
//! its citing places and notes; the chronology; the tags.

use super::{ActorLinks, Content, DocId, EventRef, Graph, Place, QuoteRef, SourceLinks, Tag};
use crate::ids;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn link(c: &Content) -> Graph {
    let mut actors = vec![ActorLinks::default(); c.actors.len()];
    let mut sources = vec![SourceLinks::default(); c.sources.len()];
    for (i, a) in c.actors.iter().enumerate() {
        if let Some(parent) = a.affiliation {
            actors[parent].members.push(i);
        }
    }
    for (i, n) in c.notes.iter().enumerate() {
        if let Some(s) = n.source {
            sources[s].notes.push(i);
        }
    }
    let mut related = vec![BTreeMap::<usize, usize>::new(); c.actors.len()];
    let mut concern = vec![BTreeMap::<usize, usize>::new(); c.actors.len()];
    let mut chronology = Vec::new();
    for doc in c.docs() {
        let body = c.body(doc);
        for (index, actor) in body.mention_actor.iter().enumerate() {
            if let Some(a) = actor {
                actors[*a].mentions.push(Place { doc, index });
            }
        }
        for (index, source) in body.citation_source.iter().enumerate() {
            if let Some(s) = source {
                sources[*s].cited_by.push(Place { doc, index });
            }
        }
        for (index, q) in body.ann.quotes.iter().enumerate() {
            if let Some(a) = body.mention_actor[q.mention] {
                actors[a].quotes.push(QuoteRef { doc, index });
            }
        }
        chronology.extend((0..body.ann.events.len()).map(|index| EventRef { doc, index }));
        for (block_actors, block_sources) in blocks(c, doc).into_values() {
            for &a in &block_actors {
                for &b in &block_actors {
                    if a != b {
                        *related[a].entry(b).or_default() += 1;
                    }
                }
                for &s in &block_sources {
                    *concern[a].entry(s).or_default() += 1;
                }
            }
        }
    }
    // DocId's own order is the order of `docs()`: notes, actors, pages.
    chronology.sort_by_cached_key(|e| (c.event(*e).date, e.doc, e.index));
    for e in &chronology {
        let body = c.body(e.doc);
        let mut seen = BTreeSet::new();
        for &m in &c.event(*e).mentions {
            if let Some(a) = body.mention_actor[m] {
                if seen.insert(a) {
                    actors[a].events.push(*e);
                }
            }
        }
    }
    for (links, (rel, con)) in actors.iter_mut().zip(related.into_iter().zip(concern)) {
        links.related = by_count(rel);
        links.sources = by_count(con);
    }
    Graph {
        actors,
        sources,
        chronology,
        tags: tags(c),
    }
}

/// Per block of a document: the actors mentioned and the sources cited there. An event
/// without citations of its own counts its note's source.
fn blocks(c: &Content, doc: DocId) -> BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> {
    let body = c.body(doc);
    let mut blocks: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for (m, actor) in body.ann.mentions.iter().zip(&body.mention_actor) {
        if let Some(a) = actor {
            blocks.entry(m.block).or_default().0.insert(*a);
        }
    }
    for (cit, source) in body.ann.citations.iter().zip(&body.citation_source) {
        if let Some(s) = source {
            blocks.entry(cit.block).or_default().1.insert(*s);
        }
    }
    for (index, e) in body.ann.events.iter().enumerate() {
        if e.citations.is_empty() {
            let sources = c.event_sources(EventRef { doc, index });
            if let Some(&first) = e.mentions.first() {
                let block = body.ann.mentions[first].block;
                blocks.entry(block).or_default().1.extend(sources);
            }
        }
    }
    blocks
}

fn by_count(counts: BTreeMap<usize, usize>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn tags(c: &Content) -> Vec<Tag> {
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    for (i, n) in c.notes.iter().enumerate() {
        for name in &n.meta.tags {
            let slug = ids::slugify(name);
            if slug.is_empty() {
                continue;
            }
            let tag = tags.entry(slug.clone()).or_insert_with(|| Tag {
                name: name.clone(),
                slug,
                notes: Vec::new(),
            });
            if tag.notes.last() != Some(&i) {
                tag.notes.push(i);
            }
        }
    }
    tags.into_values().collect()
}
