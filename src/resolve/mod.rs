//! Stage 3, resolve: checks every cross-reference of the annotated pack (actor ids,
//! citation keys, affiliations, dates) and builds the graph the site is drawn from —
//! numbered reference lists per body, and, in one pass after all bodies are known, the
//! back-references: actor -> mentions, events, quotes, related actors and sources;
//! source -> citing places; the chronology; tags.

mod backrefs;
mod check;
mod patch;

use crate::annotate::{Annotated, ParsedPack};
use crate::date::PartialDate;
use crate::diagnostics::{FileRef, Report};
use crate::load::{ActorMeta, NoteMeta, PageMeta, SiteConfig, SourceMeta};

/// Which document a place is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocId {
    Note(usize),
    Actor(usize),
    Page(usize),
}

/// A mention or citation in a document: `index` into its body's mentions or citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub doc: DocId,
    pub index: usize,
}

/// One numbered entry of a body's reference list.
#[derive(Debug, Clone)]
pub struct Reference {
    pub source: usize,
    /// The citations of this source in the body, in reading order.
    pub citations: Vec<usize>,
}

/// An annotated body with its annotations resolved.
#[derive(Debug, Clone)]
pub struct Body {
    pub ann: std::sync::Arc<Annotated>,
    /// Actor of each mention (`None` when unknown; the build then fails).
    pub mention_actor: Vec<Option<usize>>,
    /// Source of each citation (`None` when unknown; the build then fails).
    pub citation_source: Vec<Option<usize>>,
    /// Reference list, numbered from 1 in order of first citation.
    pub references: Vec<Reference>,
    /// For each citation, its index in `references`.
    pub citation_ref: Vec<Option<usize>>,
}

#[derive(Debug, Clone)]
pub struct Note {
    pub slug: String,
    pub file: FileRef,
    pub meta: NoteMeta,
    /// The note's date, or its source's when it has none.
    pub date: Option<PartialDate>,
    /// The article the note is about.
    pub source: Option<usize>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub file: FileRef,
    pub meta: ActorMeta,
    pub affiliation: Option<usize>,
    pub body: Body,
}

/// What the rest of the pack says about an actor (back-references).
#[derive(Debug, Clone, Default)]
pub struct ActorLinks {
    /// Actors whose affiliation is this one.
    pub members: Vec<usize>,
    /// Every mention of the actor, in document order.
    pub mentions: Vec<Place>,
    /// Events the actor takes part in, in chronology order.
    pub events: Vec<EventRef>,
    /// Quotes attributed to the actor.
    pub quotes: Vec<QuoteRef>,
    /// Actors mentioned in the same blocks, with the number of shared blocks, most first.
    pub related: Vec<(usize, usize)>,
    /// Sources cited in blocks that mention the actor, with counts, most first.
    pub sources: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub key: String,
    pub meta: SourceMeta,
    pub date: Option<PartialDate>,
    /// `sources.yaml`.
    pub file: FileRef,
    /// Where the key stands in `sources.yaml`.
    pub span: std::ops::Range<usize>,
}

/// What the rest of the pack says about a source (back-references).
#[derive(Debug, Clone, Default)]
pub struct SourceLinks {
    /// Every citation of the source, in document order.
    pub cited_by: Vec<Place>,
    /// Notes whose article this source is.
    pub notes: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub file: FileRef,
    pub meta: PageMeta,
    pub body: Body,
}

/// An event: `index` into its document's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventRef {
    pub doc: DocId,
    pub index: usize,
}

/// A quote: `index` into its document's quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRef {
    pub doc: DocId,
    pub index: usize,
}

/// A tag and the notes that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub notes: Vec<usize>,
}

/// The checked content of a pack: every reference resolved, no back-references yet.
#[derive(Debug, Clone)]
pub struct Content {
    pub config: SiteConfig,
    /// Notes, newest first.
    pub notes: Vec<Note>,
    /// Actors by id.
    pub actors: Vec<Actor>,
    /// Sources by key.
    pub sources: Vec<Source>,
    /// Pages by slug.
    pub pages: Vec<Page>,
}

/// The back-references of a pack, built in one pass over all bodies.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    /// Parallel to [`Content::actors`].
    pub actors: Vec<ActorLinks>,
    /// Parallel to [`Content::sources`].
    pub sources: Vec<SourceLinks>,
    /// Every event, in chronology order.
    pub chronology: Vec<EventRef>,
    /// Tags by slug.
    pub tags: Vec<Tag>,
}

/// The resolved pack: everything the renderer reads, nothing it must compute.
#[derive(Debug, Clone)]
pub struct Site {
    pub content: Content,
    pub graph: Graph,
    /// The actor ids and source keys, for checking an edited note again.
    lookup: check::Lookup,
}

impl std::ops::Deref for Site {
    type Target = Content;
    fn deref(&self) -> &Content {
        &self.content
    }
}

impl Content {
    pub fn body(&self, doc: DocId) -> &Body {
        match doc {
            DocId::Note(i) => &self.notes[i].body,
            DocId::Actor(i) => &self.actors[i].body,
            DocId::Page(i) => &self.pages[i].body,
        }
    }

    pub fn event(&self, e: EventRef) -> &crate::annotate::EventItem {
        &self.body(e.doc).ann.events[e.index]
    }

    /// Every document, notes first, then actors, then pages.
    pub fn docs(&self) -> impl Iterator<Item = DocId> {
        let notes = (0..self.notes.len()).map(DocId::Note);
        let actors = (0..self.actors.len()).map(DocId::Actor);
        notes
            .chain(actors)
            .chain((0..self.pages.len()).map(DocId::Page))
    }

    /// Where `doc` stands in [`Self::docs`].
    pub fn position(&self, doc: DocId) -> usize {
        match doc {
            DocId::Note(n) => n,
            DocId::Actor(a) => self.notes.len() + a,
            DocId::Page(p) => self.notes.len() + self.actors.len() + p,
        }
    }

    /// Sources of an event: those cited in it, or its note's article when it cites none.
    pub fn event_sources(&self, e: EventRef) -> Vec<usize> {
        let body = self.body(e.doc);
        let mut found: Vec<usize> = Vec::new();
        for &c in &self.event(e).citations {
            if let Some(s) = body.citation_source[c] {
                if !found.contains(&s) {
                    found.push(s);
                }
            }
        }
        if let (true, DocId::Note(n)) = (found.is_empty(), e.doc) {
            found.extend(self.notes[n].source);
        }
        found
    }
}

impl Site {
    /// Where event `e` stands in [`Graph::chronology`].
    pub fn chronology_position(&self, e: EventRef) -> usize {
        let key = backrefs::chronology_key(self, e);
        self.graph
            .chronology
            .partition_point(|&x| backrefs::chronology_key(self, x) < key)
    }
}

/// Resolves a parsed pack; problems go to `report`.
pub fn resolve(pack: ParsedPack, report: &mut Report) -> Site {
    let (content, lookup) = crate::timings::time("resolve: check", || check::check(pack, report));
    let graph = crate::timings::time("resolve: back-references", || backrefs::link(&content));
    Site {
        content,
        graph,
        lookup,
    }
}

/// Index of the source keys and actor ids, shared by the checks: hashed, since a large
/// pack looks up millions of mentions and citations (100,000 notes: 200,000 source keys).
pub(crate) type Index = rustc_hash::FxHashMap<String, usize>;
