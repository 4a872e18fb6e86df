//! The pages of the site: one function per page kind, each returning the template name,
//! the output path and the typed view.

use super::html::Mode;
use super::make::{Make, PlaceKind};
use super::views::*;
use crate::load::ActorKind;
use crate::resolve::{DocId, EventRef};
use std::collections::BTreeMap;

/// A page to render: with which template, and its frame values.
pub struct PageSpec<T> {
    pub template: &'static str,
    pub title: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<Link>,
    pub view: T,
}

impl Make<'_> {
    fn crumb(&self, title: &str, url: String) -> Link {
        Link {
            title: title.to_string(),
            url,
        }
    }

    fn home_crumb(&self) -> Link {
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
                notes: (0..s.notes.len()).map(|n| self.note_summary(n)).collect(),
                actors: actors
                    .into_iter()
                    .map(|(a, count)| Counted {
                        item: self.actor_link(a),
                        count,
                    })
                    .collect(),
                events: latest.into_iter().map(|e| self.event_view(e)).collect(),
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
                body: self.bodies[n].to_string(),
                references: self.references(&note.body),
                events: (0..note.body.ann.events.len())
                    .map(|index| {
                        self.event_view(EventRef {
                            doc: DocId::Note(n),
                            index,
                        })
                    })
                    .collect(),
                actors: actors
                    .into_iter()
                    .map(|(a, count)| Counted {
                        item: self.actor_link(a),
                        count,
                    })
                    .collect(),
            },
        }
    }

    pub fn actors(&self) -> PageSpec<ActorsPage> {
        let s = self.site;
        let groups = ActorKind::ALL
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
            .collect();
        PageSpec {
            template: "actors.html",
            title: "Actors".into(),
            section: "actors",
            breadcrumbs: vec![self.home_crumb()],
            view: ActorsPage { groups },
        }
    }

    pub fn actor(&self, a: usize) -> PageSpec<ActorPage> {
        let s = self.site;
        let actor = &s.actors[a];
        let links = &s.graph.actors[a];
        PageSpec {
            template: "actor.html",
            title: actor.meta.name.clone(),
            section: "actors",
            breadcrumbs: vec![self.home_crumb(), self.crumb("Actors", self.urls.actors())],
            view: ActorPage {
                actor: self.actor_link(a),
                aliases: actor.meta.aliases.clone(),
                profile: self.renderer(&actor.body, Mode::Body).all(),
                references: self.references(&actor.body),
                affiliation: actor.affiliation.map(|p| self.actor_link(p)),
                members: links.members.iter().map(|&m| self.actor_link(m)).collect(),
                events: links.events.iter().map(|&e| self.event_view(e)).collect(),
                quotes: links.quotes.iter().map(|&q| self.quote_view(q)).collect(),
                mention_count: links.mentions.len(),
                mentions: self.place_groups(&links.mentions, PlaceKind::Mention),
                related: links
                    .related
                    .iter()
                    .map(|&(b, count)| Counted {
                        item: self.actor_link(b),
                        count,
                    })
                    .collect(),
                sources: links
                    .sources
                    .iter()
                    .map(|&(src, count)| Counted {
                        item: self.source_link(src),
                        count,
                    })
                    .collect(),
            },
        }
    }

    pub fn chronology(&self) -> PageSpec<ChronologyPage> {
        let s = self.site;
        let mut years: Vec<YearGroup> = Vec::new();
        for &e in &s.graph.chronology {
            let date = s.event(e).date.start;
            if years.last().is_none_or(|y| y.year != date.year) {
                years.push(YearGroup {
                    year: date.year,
                    months: Vec::new(),
                });
            }
            let year = years.last_mut().expect("pushed above");
            let (label, id) = match date.month_name() {
                Some(m) => (
                    format!("{m} {}", date.year),
                    format!("{}-{:02}", date.year, date.month.unwrap_or(1)),
                ),
                None => (date.year.to_string(), date.year.to_string()),
            };
            if year.months.last().is_none_or(|m| m.id != id) {
                year.months.push(MonthGroup {
                    label,
                    id,
                    events: Vec::new(),
                });
            }
            year.months
                .last_mut()
                .expect("pushed above")
                .events
                .push(self.event_view(e));
        }
        PageSpec {
            template: "chronology.html",
            title: "Chronology".into(),
            section: "chronology",
            breadcrumbs: vec![self.home_crumb()],
            view: ChronologyPage {
                years,
                count: s.graph.chronology.len(),
            },
        }
    }

    pub fn sources(&self) -> PageSpec<SourcesPage> {
        let mut sources: Vec<Counted<SourceView>> = (0..self.site.sources.len())
            .map(|i| Counted {
                item: self.source_view(i),
                count: self.site.graph.sources[i].cited_by.len(),
            })
            .collect();
        sources.sort_by(|a, b| {
            sort_name(&a.item)
                .cmp(&sort_name(&b.item))
                .then_with(|| a.item.key.cmp(&b.item.key))
        });
        PageSpec {
            template: "sources.html",
            title: "Sources".into(),
            section: "sources",
            breadcrumbs: vec![self.home_crumb()],
            view: SourcesPage { sources },
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
                notes: links.notes.iter().map(|&n| self.note_summary(n)).collect(),
                cited_by: self.place_groups(&links.cited_by, PlaceKind::Citation),
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

    pub fn tag(&self, t: usize) -> PageSpec<TagPage> {
        let tag = &self.site.graph.tags[t];
        PageSpec {
            template: "tag.html",
            title: format!("Tag: {}", tag.name),
            section: "notes",
            breadcrumbs: vec![self.home_crumb(), self.crumb("Tags", self.urls.tags())],
            view: TagPage {
                tag: self.tag_link(&tag.name),
                notes: tag.notes.iter().map(|&n| self.note_summary(n)).collect(),
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
                notes: (0..self.site.notes.len().min(10))
                    .map(|n| self.note_summary(n))
                    .collect(),
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
                body: self.renderer(&page.body, Mode::Body).all(),
                references: self.references(&page.body),
            },
        }
    }
}

/// Bibliography order: author (or publisher, or title), then date.
fn sort_name(s: &SourceView) -> (String, Option<String>) {
    let name = s
        .author
        .as_ref()
        .or(s.publisher.as_ref())
        .unwrap_or(&s.title);
    (name.to_lowercase(), s.date_iso.clone())
}
