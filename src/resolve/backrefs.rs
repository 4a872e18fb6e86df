//! Back-references in one pass (after every body is resolved): for each actor its
//! members, mentions, events, quotes, co-mentioned actors and sources; for each source
//! its citing places and notes; the chronology; the tags.

use super::{ActorLinks, Content, DocId, EventRef, Graph, Place, QuoteRef, SourceLinks, Tag};
use crate::ids;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn link(c: &Content) -> Graph {
    let mut g = Gathered {
        actors: vec![ActorLinks::default(); c.actors.len()],
        sources: vec![SourceLinks::default(); c.sources.len()],
        chronology: Vec::new(),
        related: vec![Vec::new(); c.actors.len()],
        concern: vec![Vec::new(); c.actors.len()],
    };
    for (i, a) in c.actors.iter().enumerate() {
        if let Some(parent) = a.affiliation {
            g.actors[parent].members.push(i);
        }
    }
    for (i, n) in c.notes.iter().enumerate() {
        if let Some(s) = n.source {
            g.sources[s].notes.push(i);
        }
    }
    let docs: Vec<DocId> = c.docs().collect();
    // Shares are made in parallel, a slice of documents at a time (so that they are not
    // all held at once), and added in document order as the next slice is made.
    crate::overlap::in_slices(
        &docs,
        1024,
        |&doc| Share::of(c, doc),
        |shares| g.add(&shares),
    );
    let Gathered {
        mut actors,
        sources,
        mut chronology,
        related,
        concern,
    } = g;
    // DocId's own order is the order of `docs()`: notes, actors, pages.
    chronology.par_sort_by_cached_key(|e| chronology_key(c, *e));
    let named: Vec<Vec<usize>> = chronology.par_iter().map(|e| event_actors(c, *e)).collect();
    for (e, named) in chronology.iter().zip(named) {
        for a in named {
            actors[a].events.push(*e);
        }
    }
    let counted = related.into_par_iter().zip(concern);
    actors
        .par_iter_mut()
        .zip(counted)
        .for_each(|(links, (rel, con))| {
            links.related = by_count(summed(rel));
            links.sources = by_count(summed(con));
        });
    Graph {
        actors,
        sources,
        chronology,
        tags: tags(c),
    }
}

/// The back-references as the documents' shares are added up.
struct Gathered {
    actors: Vec<ActorLinks>,
    sources: Vec<SourceLinks>,
    chronology: Vec<EventRef>,
    /// Per actor: (other actor, blocks mentioning both) from each document, one pair per
    /// document: appended as the documents come and summed at the end, since counting into
    /// a table per actor as they come reads and writes all over tens of megabytes at
    /// 100,000 notes, while appending writes at the end of each list.
    related: Vec<Vec<(usize, usize)>>,
    /// Per actor: (source, blocks mentioning the actor and citing the source), the same way.
    concern: Vec<Vec<(usize, usize)>>,
}

impl Gathered {
    /// Adds `shares` in their order. The actors' lists and the sources' are filled side
    /// by side: they are apart, and each is filled in document order.
    fn add(&mut self, shares: &[Share]) {
        let Gathered {
            actors,
            sources,
            chronology,
            related,
            concern,
        } = self;
        rayon::join(
            || {
                for share in shares {
                    for &(a, place) in &share.mentions {
                        actors[a].mentions.push(place);
                    }
                    for &(a, quote) in &share.quotes {
                        actors[a].quotes.push(quote);
                    }
                    chronology.extend(&share.events);
                    for (&(a, b), &n) in &share.related {
                        related[a].push((b, n));
                    }
                }
            },
            || {
                for share in shares {
                    for &(s, place) in &share.cites {
                        sources[s].cited_by.push(place);
                    }
                    for (&(a, s), &n) in &share.concern {
                        concern[a].push((s, n));
                    }
                }
            },
        );
    }
}

/// Where an event stands in the chronology.
pub(super) fn chronology_key(c: &Content, e: EventRef) -> (crate::date::EventDate, DocId, usize) {
    (c.event(e).date, e.doc, e.index)
}

/// The actors an event mentions, each once, in reading order.
pub(super) fn event_actors(c: &Content, e: EventRef) -> Vec<usize> {
    let body = c.body(e.doc);
    let mut found = Vec::new();
    for &m in &c.event(e).mentions {
        if let Some(a) = body.mention_actor[m] {
            if !found.contains(&a) {
                found.push(a);
            }
        }
    }
    found
}

/// What one document adds to the back-references. The graph is the sum of the shares of
/// all documents, so an edited document's share can be taken out and put back.
pub(super) struct Share {
    /// Each mention's actor and place, in reading order.
    pub mentions: Vec<(usize, Place)>,
    /// Each citation's source and place, in reading order.
    pub cites: Vec<(usize, Place)>,
    /// Each attributed quote's actor, in reading order.
    pub quotes: Vec<(usize, QuoteRef)>,
    /// Every event of the document.
    pub events: Vec<EventRef>,
    /// (actor, other actor) -> blocks mentioning both.
    pub related: BTreeMap<(usize, usize), usize>,
    /// (actor, source) -> blocks mentioning the actor and citing the source.
    pub concern: BTreeMap<(usize, usize), usize>,
}

impl Share {
    pub(super) fn of(c: &Content, doc: DocId) -> Self {
        let body = c.body(doc);
        let place = |index| Place { doc, index };
        let mentions = body.mention_actor.iter().enumerate();
        let cites = body.citation_source.iter().enumerate();
        let quotes = body.ann.quotes.iter().enumerate();
        let mut share = Share {
            mentions: mentions
                .filter_map(|(i, a)| Some(((*a)?, place(i))))
                .collect(),
            cites: cites.filter_map(|(i, s)| Some(((*s)?, place(i)))).collect(),
            quotes: quotes
                .filter_map(|(index, q)| {
                    Some((body.mention_actor[q.mention]?, QuoteRef { doc, index }))
                })
                .collect(),
            events: (0..body.ann.events.len())
                .map(|index| EventRef { doc, index })
                .collect(),
            related: BTreeMap::new(),
            concern: BTreeMap::new(),
        };
        for (block_actors, block_sources) in blocks(c, doc).into_values() {
            for &a in &block_actors {
                for &b in &block_actors {
                    if a != b {
                        *share.related.entry((a, b)).or_default() += 1;
                    }
                }
                for &s in &block_sources {
                    *share.concern.entry((a, s)).or_default() += 1;
                }
            }
        }
        share
    }
}

/// Per block of a document: the actors mentioned and the sources cited there. An event
/// without citations of its own counts its note's source.
fn blocks(c: &Content, doc: DocId) -> BTreeMap<u32, (BTreeSet<usize>, BTreeSet<usize>)> {
    let body = c.body(doc);
    let mut blocks: BTreeMap<u32, (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
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

/// `(item, count)` pairs with the counts of each item added up, by item.
fn summed(mut pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    pairs.sort_unstable_by_key(|&(item, _)| item);
    pairs.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    pairs
}

/// `(item, count)` pairs, most first, then by item (so in the same order whatever order
/// they come in).
pub(super) fn by_count(counts: impl IntoIterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

pub(super) fn tags(c: &Content) -> Vec<Tag> {
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
