//! Numbered pages of the long flat lists: the notes of the home page (newest first) and
//! the bibliography. Past `page_size` items (`site.yaml`) a list goes on over further
//! pages, `/page/2/` for the notes and `/sources/page/2/` for the bibliography, each
//! linked to the pages before and after it, so that no page lists a whole large pack.

use super::items;
use super::make::Make;
use super::pages::PageSpec;
use super::views::{Counted, Html, Link, NotesPage, Pager, SourceView, SourcesPage};
use crate::resolve::Site;
use std::ops::Range;

/// A list split into numbered pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// The notes of the home page.
    Notes,
    /// The bibliography.
    Sources,
}

impl List {
    fn len(self, site: &Site) -> usize {
        match self {
            List::Notes => site.notes.len(),
            List::Sources => site.sources.len(),
        }
    }

    /// How many pages the list takes: one at least.
    pub fn pages(self, site: &Site) -> usize {
        self.len(site).div_ceil(site.config.page_size.get()).max(1)
    }

    /// The folder of page `n` (from 1) below the base path, with its final slash.
    pub fn dir(self, n: usize) -> String {
        match (self, n) {
            (List::Notes, 1) => String::new(),
            (List::Notes, n) => format!("page/{n}/"),
            (List::Sources, 1) => "sources/".into(),
            (List::Sources, n) => format!("sources/page/{n}/"),
        }
    }

    /// The items on page `n`.
    fn range(self, site: &Site, n: usize) -> Range<usize> {
        let size = site.config.page_size.get();
        let len = self.len(site);
        ((n - 1) * size).min(len)..(n * size).min(len)
    }
}

impl Make<'_> {
    /// Where page `n` of `list` stands among the others; `None` for a list of one page.
    pub fn pager(&self, list: List, n: usize) -> Option<Pager> {
        let of = list.pages(self.site);
        if of == 1 {
            return None;
        }
        let items = list.range(self.site, n);
        let (back, on) = match list {
            List::Notes => ("Newer notes", "Older notes"),
            List::Sources => ("Previous sources", "More sources"),
        };
        let link = |title: &str, n: usize| Link {
            title: title.to_string(),
            url: self.urls.path(&list.dir(n)),
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

    /// Page `n` (from 2) of the notes.
    pub fn notes_page(&self, n: usize) -> PageSpec<NotesPage> {
        let pager = self.pager(List::Notes, n).expect("a list of several pages");
        PageSpec {
            template: "notes.html",
            title: format!("Notes, page {n} of {}", pager.of),
            section: "notes",
            breadcrumbs: vec![self.home_crumb()],
            view: NotesPage {
                notes: self.home_notes(n),
                pager,
            },
        }
    }

    /// Page `n` (from 1) of the bibliography, sorted by author (or publisher, or title),
    /// then date and key.
    pub fn sources_page(&self, n: usize) -> PageSpec<SourcesPage> {
        let order = self.sources_order();
        let on_page = &order[List::Sources.range(self.site, n)];
        let sources: Vec<Counted<SourceView>> = on_page
            .iter()
            .map(|&i| Counted {
                item: self.source_view(i),
                count: self.site.graph.sources[i].cited_by.len(),
            })
            .collect();
        let pager = self.pager(List::Sources, n);
        let title = match &pager {
            Some(p) => format!("Sources, page {n} of {}", p.of),
            None => "Sources".into(),
        };
        let mut breadcrumbs = vec![self.home_crumb()];
        if n > 1 {
            breadcrumbs.push(self.crumb("Sources", self.urls.sources()));
        }
        PageSpec {
            template: "sources.html",
            title,
            section: "sources",
            breadcrumbs,
            view: SourcesPage {
                count: self.site.sources.len(),
                sources: items::bibliography(&sources).into(),
                pager,
            },
        }
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

#[cfg(test)]
mod tests {
    use super::List;

    #[test]
    fn the_pages_of_a_list_live_below_its_first() {
        assert_eq!(List::Notes.dir(1), "");
        assert_eq!(List::Notes.dir(3), "page/3/");
        assert_eq!(List::Sources.dir(1), "sources/");
        assert_eq!(List::Sources.dir(2), "sources/page/2/");
    }
}
