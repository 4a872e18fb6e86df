//! The pages of the site: one function per page kind, each returning the template name,
//! the output path and the typed view.

use super::html::{anchor, Mode, Renderer};
use super::items::{self, CountedLink};
use super::make::{Make, PlaceKind};
use super::svg;
use super::views::*;
use crate::load::ActorKind;
use crate::resolve::{DocId, EventRef};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The most members an actor's network picture draws besides its closest relations: an
/// organisation with hundreds of members would otherwise be drawn as an unreadable ring.
const NETWORK_MEMBERS: usize = 8;

/// The most notes the printable page holds (the newest): a briefing document of more
/// would not be read, and the page would weigh more than the rest of the site.
pub const PRINT_NOTES: usize = 200;

/// A page to render: with which template, and its frame values.
pub struct PageSpec<T> {
    pub template: &'static str,
    pub title: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<Link>,
    pub view: T,
}

impl Make<'_> {
    pub(super) fn crumb(&self, title: &str, url: String) -> Link {
        Link {
            title: title.to_string(),
            url,
        }
    }

    /// Links to actors, each with a count, as a list ([`items::counted_links`]);
    /// `count_title` says what is counted, where the list says it.
    fn counted_actors(&self, actors: &[(usize, usize)], count_title: Option<&str>) -> Html {
        let links = actors.iter().map(|&(a, count)| {
            let actor = self.links.actor(a);
            CountedLink {
                url: actor.url,
                text: actor.name,
                title: None,
                count,
            }
        });
        items::counted_links("actor-list", count_title, links).into()
    }

    /// Links to sources, each with a count and its detail as its tooltip, as a list
    /// ([`items::counted_links`]).
    fn counted_sources(&self, sources: &[(usize, usize)]) -> Html {
        // All asked for first, so that the trips to memory overlap.
        for &(src, _) in sources {
            self.links.warm_source(src);
        }
        let links = sources.iter().map(|&(src, count)| {
            let source = self.links.source(src);
            CountedLink {
                url: source.url,
                text: source.title,
                title: Some(source.detail),
                count,
            }
        });
        items::counted_links("source-list", None, links).into()
    }

    pub(super) fn home_crumb(&self) -> Link {
        self.crumb("Home", self.urls.home())
    }

    pub fn home(&self) -> PageSpec<HomePage> {
        let s = self.site;
        let mut actors: Vec<(usize, usize)> = s
            .graph
            .actors
            .iter()
            .map(|l| l.mentions.len())
            .enumerate()
            .collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        actors.retain(|&(_, n)| n > 0);
        actors.truncate(12);
        let latest: Vec<EventRef> = s.graph.chronology.iter().rev().take(8).copied().collect();
        PageSpec {
            template: "home.html",
            title: s.config.title.clone(),
            section: "home",
            breadcrumbs: Vec::new(),
            view: HomePage {
                notes: self.home_notes(1),
                pager: self.pager(super::paging::List::Notes, 1),
                actors: self.counted_actors(&actors, None),
                events: self.event_list(&latest),
                counts: Counts {
                    notes: s.notes.len(),
                    actors: s.actors.len(),
                    sources: s.sources.len(),
                    events: s.graph.chronology.len(),
                },
                pages: s
                    .pages
                    .iter()
                    .map(|p| self.crumb(&p.meta.title, self.urls.page(&p.slug)))
                    .collect(),
            },
        }
    }

    pub fn note(&self, n: usize) -> PageSpec<NotePage> {
        let s = self.site;
        let note = &s.notes[n];
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for a in note.body.mention_actor.iter().flatten() {
            *counts.entry(*a).or_default() += 1;
        }
        let mut actors: Vec<(usize, usize)> = counts.into_iter().collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        PageSpec {
            template: "note.html",
            title: note.meta.title.clone(),
            section: "notes",
            breadcrumbs: vec![
                self.home_crumb(),
                self.crumb("Notes", format!("{}#notes", self.urls.home())),
            ],
            view: NotePage {
                note: self.note_summary(n),
                source: note.source.map(|src| self.source_view(src)),
                body: self
                    .renderer(&note.body, super::html::Mode::Body)
                    .all()
                    .into(),
                references: self.references(&note.body, 2, ""),
                event_index: self.event_index(n),
                actors: self.counted_actors(&actors, None),
            },
        }
    }

    /// The actors grouped by kind, each with its number of mentions.
    fn actor_groups(&self) -> Vec<ActorGroup> {
        let s = self.site;
        ActorKind::ALL
            .iter()
            .map(|&kind| ActorGroup {
                kind: kind.as_str(),
                title: kind.plural(),
                actors: s
                    .actors
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.meta.kind == kind)
                    .map(|(i, _)| Counted {
                        item: self.actor_link(i),
                        count: s.graph.actors[i].mentions.len(),
                    })
                    .collect(),
            })
            .filter(|g| !g.actors.is_empty())
            .collect()
    }

    pub fn actors(&self) -> PageSpec<ActorsPage> {
        PageSpec {
            template: "actors.html",
            title: "Actors".into(),
            section: "actors",
            breadcrumbs: vec![self.home_crumb()],
            view: ActorsPage {
                groups: self.actor_groups(),
            },
        }
    }

    /// The actor and its closest relations, as an SVG: the twelve actors it shares most
    /// passages with, the actor it is part of, and of its members the
    /// [`NETWORK_MEMBERS`] it shares most passages with (all are listed below the
    /// picture). Also says how many members were left out.
    fn network(&self, a: usize) -> (String, usize) {
        let s = self.site;
        let links = &s.graph.actors[a];
        let mut picked: Vec<(usize, usize, bool)> = links
            .related
            .iter()
            .take(12)
            .map(|&(b, n)| (b, n, false))
            .collect();
        let shared: HashMap<usize, usize> = links.related.iter().copied().collect();
        let weight = |b: usize| shared.get(&b).copied().unwrap_or(0);
        let mut members: Vec<usize> = Vec::new();
        for &b in &links.members {
            match picked.iter_mut().find(|p| p.0 == b) {
                Some(p) => p.2 = true,
                None => members.push(b),
            }
        }
        members.sort_by_key(|&b| (std::cmp::Reverse(weight(b)), b));
        let left_out = members.len().saturating_sub(NETWORK_MEMBERS);
        members.truncate(NETWORK_MEMBERS);
        if let Some(parent) = s.actors[a].affiliation {
            match picked.iter_mut().find(|p| p.0 == parent) {
                Some(p) => p.2 = true,
                None => picked.push((parent, weight(parent), true)),
            }
        }
        picked.extend(members.into_iter().map(|b| (b, weight(b), true)));
        let nodes: Vec<svg::Node> = picked
            .iter()
            .map(|&(b, weight, affiliated)| {
                let actor = self.links.actor(b);
                svg::Node {
                    name: actor.name,
                    url: actor.url,
                    kind: actor.kind,
                    weight,
                    affiliated,
                }
            })
            .collect();
        let actor = &s.actors[a];
        let svg = svg::network(&actor.meta.name, actor.meta.kind.as_str(), &nodes);
        (svg, left_out)
    }

    pub fn actor(&self, a: usize) -> PageSpec<ActorPage> {
        let s = self.site;
        let actor = &s.actors[a];
        let links = &s.graph.actors[a];
        let (network, network_left_out) = self.network(a);
        PageSpec {
            template: "actor.html",
            title: actor.meta.name.clone(),
            section: "actors",
            breadcrumbs: vec![self.home_crumb(), self.crumb("Actors", self.urls.actors())],
            view: ActorPage {
                actor: self.actor_link(a),
                aliases: actor.meta.aliases.clone(),
                profile: self.renderer(&actor.body, Mode::Body).all().into(),
                references: self.references(&actor.body, 2, ""),
                affiliation: actor.affiliation.map(|p| self.actor_link(p)),
                members: links.members.iter().map(|&m| self.actor_link(m)).collect(),
                event_count: links.events.len(),
                events: self.actor_events(a, 1),
                events_pager: self.pager(super::paging::List::Events(a), 1),
                chronology_url: match links.events.first() {
                    Some(&e) => self.chronology_url(e),
                    None => self.urls.path("chronology/"),
                },
                quotes: links.quotes.iter().map(|&q| self.quote_view(q)).collect(),
                mention_count: links.mentions.len(),
                mentions: self.actor_mentions(a, 1),
                mentions_pager: self.pager(super::paging::List::Mentions(a), 1),
                related: self.counted_actors(&links.related, Some("passages that mention both")),
                sources: self.counted_sources(&links.sources),
                network: network.into(),
                network_left_out,
            },
        }
    }

    /// Notes as a list ([`items::note_list`]); empty for no notes.
    pub(super) fn note_list(&self, notes: impl ExactSizeIterator<Item = usize>) -> Html {
        if notes.len() == 0 {
            return Html::default();
        }
        let notes: Vec<NoteSummary> = notes.map(|n| self.note_summary(n)).collect();
        items::note_list(&notes).into()
    }

    /// A note's events as a list of jumps to them ([`items::event_index`]).
    fn event_index(&self, n: usize) -> Html {
        let body = &self.site.notes[n].body;
        items::event_index(body.ann.events.iter().enumerate().map(|(i, e)| {
            let text = super::html::plain(self.links, body, e.text.clone());
            (
                anchor::event(i),
                e.date.span_days().0,
                e.date.to_string(),
                text,
            )
        }))
        .into()
    }

    /// Events as rows ([`items::event_list`]); empty for no events.
    pub(super) fn event_list(&self, events: &[EventRef]) -> Html {
        if events.is_empty() {
            return Html::default();
        }
        items::event_list(events.iter().map(|&e| Arc::clone(self.event_row(e))))
    }

    /// Places grouped by document ([`items::place_groups`]); empty for no places.
    pub(super) fn places(&self, places: &[crate::resolve::Place], what: PlaceKind) -> Html {
        if places.is_empty() {
            return Html::default();
        }
        items::place_groups(&self.place_groups(places, what)).into()
    }

    /// A body's reference list ([`items::references`]) under a heading of `level`, for
    /// a body whose anchors carry `prefix`.
    fn references(&self, body: &crate::resolve::Body, level: u8, prefix: &str) -> Html {
        items::references(&self.references_in(body, prefix), level, prefix).into()
    }

    pub fn print(&self) -> PageSpec<PrintPage> {
        let s = self.site;
        let about_page = s.pages.iter().find(|p| p.slug == "about");
        let about = about_page.map(|p| {
            Renderer {
                prefix: "about-",
                shift: 1,
                ..self.renderer(&p.body, Mode::Body)
            }
            .all()
        });
        let about_references = about_page
            .map(|p| self.references(&p.body, 3, "about-"))
            .unwrap_or_default();
        // Each note's anchors get a prefix of their own, and its headings sit below the
        // note's title (h3), since all notes share this page.
        let printed = s.notes.len().min(PRINT_NOTES);
        let notes = (0..printed)
            .map(|n| {
                let prefix = format!("n{}-", n + 1);
                let body = &s.notes[n].body;
                let html = Renderer {
                    prefix: &prefix,
                    shift: 2,
                    ..self.renderer(body, Mode::Body)
                }
                .all();
                PrintNote {
                    note: self.note_summary(n),
                    source: s.notes[n].source.map(|src| self.source_view(src)),
                    body: html.into(),
                    references: self.references(body, 4, &prefix),
                }
            })
            .collect();
        // A pack cut to its newest notes keeps the events and sources of those notes.
        let all = printed == s.notes.len();
        let printed_doc = |doc: DocId| !matches!(doc, DocId::Note(n) if n >= printed);
        let events: Vec<EventRef> = s
            .graph
            .chronology
            .iter()
            .copied()
            .filter(|e| printed_doc(e.doc))
            .collect();
        let sources: Vec<SourceView> = (self.sources_order().iter().copied())
            .filter(|&i| {
                all || s.graph.sources[i]
                    .cited_by
                    .iter()
                    .any(|p| printed_doc(p.doc))
                    || s.notes[..printed].iter().any(|n| n.source == Some(i))
            })
            .map(|i| self.source_view(i))
            .collect();
        PageSpec {
            template: "print.html",
            title: format!("{} (printable)", s.config.title),
            section: "print",
            breadcrumbs: vec![self.home_crumb()],
            view: PrintPage {
                about,
                about_references,
                groups: self.actor_groups(),
                years: self.year_groups(&events),
                notes,
                notes_left_out: s.notes.len() - printed,
                sources: items::print_bibliography(&sources).into(),
            },
        }
    }

    pub fn search(&self) -> PageSpec<SearchPage> {
        PageSpec {
            template: "search.html",
            title: "Search".into(),
            section: "search",
            breadcrumbs: vec![self.home_crumb()],
            view: SearchPage {},
        }
    }

    pub fn source(&self, i: usize) -> PageSpec<SourcePage> {
        let s = self.site;
        let links = &s.graph.sources[i];
        PageSpec {
            template: "source.html",
            title: s.sources[i].meta.title.clone(),
            section: "sources",
            breadcrumbs: vec![
                self.home_crumb(),
                self.crumb("Sources", self.urls.sources()),
            ],
            view: SourcePage {
                source: self.source_view(i),
                cited: links.cited_by.len(),
                notes: self.note_list(links.notes.iter().copied()),
                cited_by: self.places(&links.cited_by, PlaceKind::Citation),
            },
        }
    }

    pub fn tags(&self) -> PageSpec<TagsPage> {
        PageSpec {
            template: "tags.html",
            title: "Tags".into(),
            section: "notes",
            breadcrumbs: vec![self.home_crumb()],
            view: TagsPage {
                tags: self
                    .site
                    .graph
                    .tags
                    .iter()
                    .map(|t| Counted {
                        item: self.tag_link(&t.name),
                        count: t.notes.len(),
                    })
                    .collect(),
            },
        }
    }

    pub fn not_found(&self) -> PageSpec<NotFoundPage> {
        PageSpec {
            template: "404.html",
            title: "Page not found".into(),
            section: "404",
            breadcrumbs: vec![self.home_crumb()],
            view: NotFoundPage {
                notes: self.note_list(0..self.site.notes.len().min(10)),
            },
        }
    }

    pub fn page(&self, p: usize) -> PageSpec<FreePage> {
        let page = &self.site.pages[p];
        PageSpec {
            template: "page.html",
            title: page.meta.title.clone(),
            section: if page.slug == "about" {
                "about"
            } else {
                "pages"
            },
            breadcrumbs: vec![self.home_crumb()],
            view: FreePage {
                body: self.renderer(&page.body, Mode::Body).all().into(),
                references: self.references(&page.body, 2, ""),
            },
        }
    }
}
