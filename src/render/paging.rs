//! Numbered pages of the long lists: the notes of the home page (newest first), the
//! bibliography, each actor's mentions and events, and each tag's notes. Past
//! `page_size` items (`site.yaml`) a list goes on over further pages, `/page/2/` for the
//! notes, `/sources/page/2/` for the bibliography, `/actors/<id>/mentions/2/` for the
//! mentions (grouped by note, and a note's group never cut), `/actors/<id>/events/2/` for
//! the events, `/tags/<tag>/page/2/` for a tag's notes, each linked to the pages before
//! and after it, so that no page lists a whole large pack.

use super::items;
use super::make::Make;
use super::make::PlaceKind;
use super::pages::PageSpec;
use super::views::{
    ActorListPage, Counted, Html, Link, NotesPage, Pager, SourceView, SourcesPage, TagPage,
};
use crate::resolve::Site;
use std::ops::Range;

/// A list split into numbered pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The notes of the home page.
    Notes,
    /// The bibliography.
    Sources,
    /// The mentions of an actor.
    Mentions(usize),
    /// The events of an actor, in the chronology's order.
    Events(usize),
    /// The notes of a tag.
    Tag(usize),
}

impl List {
    fn len(self, site: &Site) -> usize {
        match self {
            List::Notes => site.notes.len(),
            List::Sources => site.sources.len(),
            List::Mentions(a) => site.graph.actors[a].mentions.len(),
            List::Events(a) => site.graph.actors[a].events.len(),
            List::Tag(t) => site.graph.tags[t].notes.len(),
        }
    }

    /// How many pages the list takes: one at least.
    pub fn pages(self, site: &Site) -> usize {
        match self {
            List::Mentions(a) => mention_pages(site, a).len(),
            _ => self.len(site).div_ceil(site.config.page_size.get()).max(1),
        }
    }

    /// The folder of page `n` (from 1) below the base path, with its final slash.
    pub fn dir(self, site: &Site, n: usize) -> String {
        match self {
            List::Notes => numbered("", n),
            List::Sources => numbered("sources/", n),
            List::Tag(t) => numbered(&format!("tags/{}/", site.graph.tags[t].slug), n),
            List::Mentions(a) => actor_part(&site.actors[a].id, "mentions", n),
            List::Events(a) => actor_part(&site.actors[a].id, "events", n),
        }
    }

    /// Where on its first page the list stands.
    fn anchor(self) -> &'static str {
        match self {
            List::Notes => "#notes",
            List::Mentions(_) => "#mentions",
            List::Events(_) => "#events",
            List::Sources | List::Tag(_) => "",
        }
    }

    /// The items on page `n`.
    fn range(self, site: &Site, n: usize) -> Range<usize> {
        if let List::Mentions(a) = self {
            return mention_pages(site, a)[n - 1].clone();
        }
        let size = site.config.page_size.get();
        let len = self.len(site);
        ((n - 1) * size).min(len)..(n * size).min(len)
    }
}

/// The folder of page `n` of a list whose first page is in `first`: `first` itself, then
/// `first` + `page/2/`, `page/3/`...
pub fn numbered(first: &str, n: usize) -> String {
    match n {
        1 => first.to_string(),
        n => format!("{first}page/{n}/"),
    }
}

/// The folder of page `n` of the list `part` (`mentions`, `events`) of the actor `id`:
/// the actor's page, then `actors/<id>/<part>/2/`...
pub fn actor_part(id: &str, part: &str, n: usize) -> String {
    match n {
        1 => format!("actors/{id}/"),
        n => format!("actors/{id}/{part}/{n}/"),
    }
}

/// The pages of actor `a`'s mentions, as ranges of them: the mentions of each document
/// together, up to `page_size` mentions a page (a document with more has a page of its
/// own).
pub fn mention_pages(site: &Site, a: usize) -> Vec<Range<usize>> {
    let mentions = &site.graph.actors[a].mentions;
    let size = site.config.page_size.get();
    let mut pages = Vec::new();
    let (mut start, mut at) = (0, 0);
    for group in mentions.chunk_by(|x, y| x.doc == y.doc) {
        if at > start && at + group.len() - start > size {
            pages.push(start..at);
            start = at;
        }
        at += group.len();
    }
    pages.push(start..mentions.len());
    pages
}

impl Make<'_> {
    /// Where page `n` of `list` stands among the others; `None` for a list of one page.
    pub fn pager(&self, list: List, n: usize) -> Option<Pager> {
        let of = list.pages(self.site);
        if of == 1 || n > of {
            return None;
        }
        let items = list.range(self.site, n);
        let (back, on) = match list {
            List::Notes => ("Newer notes", "Older notes"),
            List::Sources => ("Previous sources", "More sources"),
            List::Mentions(_) => ("Previous mentions", "More mentions"),
            List::Events(_) => ("Earlier events", "Later events"),
            List::Tag(_) => ("Newer notes", "Older notes"),
        };
        let link = |title: &str, n: usize| Link {
            title: title.to_string(),
            url: self.urls.path(&list.dir(self.site, n)) + if n == 1 { list.anchor() } else { "" },
        };
        Some(Pager {
            number: n,
            of,
            first: items.start + 1,
            last: items.end,
            total: list.len(self.site),
            previous: (n > 1).then(|| link(back, n - 1)),
            next: (n < of).then(|| link(on, n + 1)),
            index: None,
        })
    }

    /// The notes on page `n` of the home page's list.
    pub fn home_notes(&self, n: usize) -> Html {
        self.note_list(List::Notes.range(self.site, n))
    }

    /// Page `n` (from 2) of the notes; `None` past the last.
    pub fn notes_page(&self, n: usize) -> Option<PageSpec<NotesPage>> {
        let pager = self.pager(List::Notes, n)?;
        Some(PageSpec {
            template: "notes.html",
            title: format!("Notes, page {n} of {}", pager.of),
            section: "notes",
            breadcrumbs: vec![self.home_crumb()],
            view: NotesPage {
                notes: self.home_notes(n),
                pager,
            },
        })
    }

    /// The mentions of actor `a` on page `n` of them.
    pub fn actor_mentions(&self, a: usize, n: usize) -> Html {
        let mentions = &self.site.graph.actors[a].mentions;
        let on_page = &mentions[List::Mentions(a).range(self.site, n)];
        self.places(on_page, PlaceKind::Mention)
    }

    /// The events of actor `a` on page `n` of them.
    pub fn actor_events(&self, a: usize, n: usize) -> Html {
        let events = &self.site.graph.actors[a].events;
        self.event_list(&events[List::Events(a).range(self.site, n)])
    }

    /// Page `n` (from 2) of an actor's mentions or events (`list`); `None` past the last.
    pub fn actor_list_page(&self, list: List, n: usize) -> Option<PageSpec<ActorListPage>> {
        let pager = self.pager(list, n)?;
        let (a, what, items) = match list {
            List::Mentions(a) => (a, "mentions", self.actor_mentions(a, n)),
            List::Events(a) => (a, "events", self.actor_events(a, n)),
            _ => return None,
        };
        let actor = self.actor_link(a);
        Some(PageSpec {
            template: "actor_list.html",
            title: format!("{}: {what}, page {n} of {}", actor.name, pager.of),
            section: "actors",
            breadcrumbs: vec![
                self.home_crumb(),
                self.crumb("Actors", self.urls.actors()),
                self.crumb(&actor.name, actor.url.clone()),
            ],
            view: ActorListPage {
                actor,
                what,
                items,
                pager,
            },
        })
    }

    /// Page `n` (from 1) of tag `t`'s notes, newest first; `None` past the last.
    pub fn tag_page(&self, t: usize, n: usize) -> Option<PageSpec<TagPage>> {
        let pager = self.pager(List::Tag(t), n);
        if n > 1 && pager.is_none() {
            return None;
        }
        let tag = &self.site.graph.tags[t];
        let on_page = &tag.notes[List::Tag(t).range(self.site, n)];
        let title = match &pager {
            Some(p) => format!("Tag: {}, page {n} of {}", tag.name, p.of),
            None => format!("Tag: {}", tag.name),
        };
        let mut breadcrumbs = vec![self.home_crumb(), self.crumb("Tags", self.urls.tags())];
        if n > 1 {
            breadcrumbs.push(self.crumb(&tag.name, self.urls.tag(&tag.slug)));
        }
        Some(PageSpec {
            template: "tag.html",
            title,
            section: "notes",
            breadcrumbs,
            view: TagPage {
                tag: self.tag_link(&tag.name),
                count: tag.notes.len(),
                notes: self.note_list(on_page.iter().copied()),
                pager,
            },
        })
    }

    /// Page `n` (from 1) of the bibliography, sorted by author (or publisher, or title),
    /// then date and key; `None` past the last.
    pub fn sources_page(&self, n: usize) -> Option<PageSpec<SourcesPage>> {
        let pager = self.pager(List::Sources, n);
        if n > 1 && pager.is_none() {
            return None;
        }
        let order = self.sources_order();
        let on_page = &order[List::Sources.range(self.site, n)];
        let sources: Vec<Counted<SourceView>> = on_page
            .iter()
            .map(|&i| Counted {
                item: self.source_view(i),
                count: self.site.graph.sources[i].cited_by.len(),
            })
            .collect();
        let title = match &pager {
            Some(p) => format!("Sources, page {n} of {}", p.of),
            None => "Sources".into(),
        };
        let mut breadcrumbs = vec![self.home_crumb()];
        if n > 1 {
            breadcrumbs.push(self.crumb("Sources", self.urls.sources()));
        }
        Some(PageSpec {
            template: "sources.html",
            title,
            section: "sources",
            breadcrumbs,
            view: SourcesPage {
                count: self.site.sources.len(),
                sources: items::bibliography(&sources).into(),
                pager,
            },
        })
    }
}

/// The order of the bibliography: by author (or publisher, or title), lowercased, then
/// date, then key.
pub fn sources_order(site: &Site) -> Vec<usize> {
    let mut order: Vec<usize> = (0..site.sources.len()).collect();
    order.sort_by_cached_key(|&i| {
        let s = &site.sources[i];
        let name = s
            .meta
            .author
            .as_ref()
            .or(s.meta.publisher.as_ref())
            .unwrap_or(&s.meta.title);
        (name.to_lowercase(), s.date.map(|d| d.iso()), s.key.as_str())
    });
    order
}
