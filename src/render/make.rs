//! Makes views from the resolved model: one function per kind of view, shared by every
//! page that lists that kind of thing.

use super::chronology::{period_of, Chronology, Period};
use super::html::{anchor, Mode, Renderer};
use super::links::Links;
use super::views::*;
use super::Urls;
use crate::resolve::{Body, DocId, EventRef, Place, QuoteRef, Site};
use std::sync::{Arc, OnceLock};

/// View maker over one site.
pub struct Make<'a> {
    pub site: &'a Site,
    pub urls: &'a Urls,
    pub links: &'a Links,
    /// Each event's row ([`super::items::event_row`]), made when first listed (an event
    /// is listed on the chronology, the printable page and each of its actors' pages),
    /// or all at once by [`Self::make_event_rows`]; document by document, in the order of
    /// [`crate::resolve::Content::docs`], each document's in its own order.
    event_rows: Vec<OnceLock<Arc<String>>>,
    /// Per document, in the same order, where its events start in `event_rows`.
    event_starts: Vec<usize>,
    /// The chronology's months and its pages ([`super::chronology`]), found when first asked.
    chronology: OnceLock<Chronology>,
    /// The order of the bibliography ([`super::paging::sources_order`]), found when
    /// first asked.
    sources_order: OnceLock<Vec<usize>>,
}

impl<'a> Make<'a> {
    pub fn new(site: &'a Site, urls: &'a Urls, links: &'a Links) -> Self {
        let mut event_starts =
            Vec::with_capacity(site.notes.len() + site.actors.len() + site.pages.len());
        let mut events = 0;
        for doc in site.docs() {
            event_starts.push(events);
            events += site.body(doc).ann.events.len();
        }
        Self {
            site,
            urls,
            links,
            event_rows: (0..events).map(|_| OnceLock::new()).collect(),
            event_starts,
            chronology: OnceLock::new(),
            sources_order: OnceLock::new(),
        }
    }

    /// The sources in the order of the bibliography.
    pub fn sources_order(&self) -> &[usize] {
        self.sources_order
            .get_or_init(|| super::paging::sources_order(self.site))
    }

    /// The chronology's months and pages.
    pub fn chronology_parts(&self) -> &Chronology {
        self.chronology.get_or_init(|| {
            crate::timings::time("render: chronology's pages", || Chronology::of(self.site))
        })
    }

    /// The URL of the page of the chronology that lists the month of event `e`: the
    /// first of its parts, when the month is cut into parts. (So it depends only on
    /// which months begin a page, and an edit that keeps those keeps it.)
    pub fn chronology_url(&self, e: EventRef) -> String {
        let Chronology { months, periods } = self.chronology_parts();
        if periods.is_empty() {
            return self.urls.path("chronology/");
        }
        let position = self.site.chronology_position(e);
        let month = &months[months.partition_point(|m| m.events.end <= position)];
        self.period_url(&periods[period_of(periods, month.events.start)])
    }

    pub fn period_url(&self, period: &Period) -> String {
        self.urls.path(&format!("chronology/{}/", period.id))
    }

    /// The row of an event, as [`super::items::event_row`] makes it.
    pub fn event_row(&self, e: EventRef) -> &Arc<String> {
        let slot = self.event_starts[self.site.position(e.doc)] + e.index;
        self.event_rows[slot].get_or_init(|| {
            let mut row = super::items::event_row(&self.event_row_parts(e));
            // Kept for the whole render: a 10,000-note pack has 30,000 rows.
            row.shrink_to_fit();
            Arc::new(row)
        })
    }

    /// Makes every event's row now, in parallel and document by document, for a render
    /// that lists them all (the chronology does): made in the order the model holds
    /// them, the reads of each document's events come together, where the chronology
    /// would read them in date order across the whole pack.
    pub fn make_event_rows(&self) {
        use rayon::prelude::*;
        let docs: Vec<DocId> = self.site.docs().collect();
        docs.par_iter().for_each(|&doc| {
            for index in 0..self.site.body(doc).ann.events.len() {
                self.event_row(EventRef { doc, index });
            }
        });
    }

    pub fn renderer(&self, body: &'a Body, mode: Mode) -> Renderer<'a> {
        Renderer {
            content: &self.site.content,
            links: self.links,
            body,
            mode,
            prefix: "",
            shift: 0,
        }
    }

    /// A context sentence with each mention shown as on the page (label or name).
    pub fn context(&self, body: &Body, context: crate::annotate::Span) -> String {
        crate::annotate::context::fill(body.ann.text(context), |m| {
            let mention = &body.ann.mentions[m.min(body.ann.mentions.len().saturating_sub(1))];
            let name = body
                .mention_actor
                .get(m)
                .copied()
                .flatten()
                .map(|a| self.links.actor(a).name);
            body.ann.shown(mention, name).to_string()
        })
    }

    pub fn actor_link(&self, a: usize) -> ActorLink {
        let actor = self.links.actor(a);
        ActorLink {
            id: actor.id.to_string(),
            name: actor.name.to_string(),
            url: actor.url.to_string(),
            kind: actor.kind,
            role: actor.role.map(str::to_string),
        }
    }

    pub fn source_link(&self, s: usize) -> SourceLink {
        let source = self.links.source(s);
        SourceLink {
            key: self.links.source_key(s).to_string(),
            title: source.title.to_string(),
            url: source.url.to_string(),
            detail: source.detail.to_string(),
            byline: source.byline.to_string(),
        }
    }

    pub fn source_view(&self, s: usize) -> SourceView {
        let source = &self.site.sources[s];
        SourceView {
            key: source.key.clone(),
            title: source.meta.title.clone(),
            url: self.urls.source(&source.key),
            author: source.meta.author.clone(),
            publisher: source.meta.publisher.clone(),
            date: source.date.map(|d| d.to_string()),
            date_iso: source.date.map(|d| d.iso()),
            link: source.meta.url.clone(),
            kind: format!("{:?}", source.meta.kind).to_lowercase(),
        }
    }

    pub fn tag_link(&self, name: &str) -> TagLink {
        let slug = crate::ids::slugify(name);
        TagLink {
            name: name.to_string(),
            url: self.urls.tag(&slug),
            slug,
        }
    }

    pub fn note_summary(&self, n: usize) -> NoteSummary {
        let note = &self.site.notes[n];
        NoteSummary {
            title: note.meta.title.clone(),
            url: self.links.doc_url(DocId::Note(n)).to_string(),
            date: note.date.map(|d| d.to_string()),
            date_iso: note.date.map(|d| d.iso()),
            summary: note.meta.summary.clone(),
            source: note.source.map(|s| self.source_link(s)),
            tags: note.meta.tags.iter().map(|t| self.tag_link(t)).collect(),
            event_count: note.body.ann.events.len(),
        }
    }

    /// URL of an anchor in a document.
    pub fn place_url(&self, doc: DocId, anchor: &str) -> String {
        format!("{}#{anchor}", self.links.doc_url(doc))
    }

    /// What the row of event `e` shows ([`super::items::event_row`]).
    pub fn event_row_parts(&self, e: EventRef) -> super::items::EventRow<'a> {
        let body = self.site.body(e.doc);
        let event = self.site.event(e);
        let mut actors: Vec<usize> = Vec::new();
        for &m in &event.mentions {
            if let Some(a) = body.mention_actor[m] {
                if !actors.contains(&a) {
                    actors.push(a);
                }
            }
        }
        let (start, end) = event.date.span_days();
        let tags = match e.doc {
            DocId::Note(n) => self.site.notes[n]
                .meta
                .tags
                .iter()
                .map(|t| crate::ids::slugify(t))
                .collect(),
            _ => Vec::new(),
        };
        super::items::EventRow {
            date: event.date.to_string(),
            date_iso: event.date.iso(),
            approximate: event.date.approximate,
            start,
            end,
            tags,
            html: inline(&self.renderer(body, Mode::Excerpt).range(event.text.clone())),
            actors: actors.into_iter().map(|a| self.links.actor(a)).collect(),
            sources: self
                .site
                .event_sources(e)
                .into_iter()
                .map(|s| self.links.source(s))
                .collect(),
            url: self.place_url(e.doc, &anchor::event(e.index)),
            doc_title: self.links.doc_title(e.doc),
            doc_url: self.links.doc_url(e.doc),
        }
    }

    pub fn quote_view(&self, q: QuoteRef) -> QuoteView {
        let body = self.site.body(q.doc);
        let quote = &body.ann.quotes[q.index];
        let actor =
            body.mention_actor[quote.mention].expect("quotes are listed under known actors");
        let sources = quote
            .group
            .map(|g| {
                let mut found: Vec<usize> = body.ann.groups[g]
                    .citations
                    .clone()
                    .filter_map(|c| body.citation_source[c])
                    .collect();
                found.dedup();
                found
            })
            .unwrap_or_default();
        QuoteView {
            html: self.renderer(body, Mode::Excerpt).range(quote.body.clone()),
            actor: self.actor_link(actor),
            url: self.place_url(q.doc, &anchor::quote(q.index)),
            doc_title: self.links.doc_title(q.doc).to_string(),
            sources: sources.into_iter().map(|s| self.source_link(s)).collect(),
        }
    }

    /// A body's reference list with back-links to each citation (^ a b ...), for a body
    /// whose anchors carry `prefix`.
    pub fn references_in(&self, body: &Body, prefix: &str) -> Vec<ReferenceView> {
        body.references
            .iter()
            .enumerate()
            .map(|(r, reference)| ReferenceView {
                number: r + 1,
                id: format!("{prefix}{}", anchor::reference(r)),
                source: self.source_view(reference.source),
                backlinks: reference
                    .citations
                    .iter()
                    .enumerate()
                    .map(|(k, &c)| Link {
                        title: backlink_label(k, reference.citations.len()),
                        url: format!("#{prefix}{}", anchor::citation(c)),
                    })
                    .collect(),
            })
            .collect()
    }

    /// Places grouped by document, in document order.
    pub fn place_groups(&self, places: &[Place], what: PlaceKind) -> Vec<PlaceGroup> {
        let mut groups: Vec<PlaceGroup> = Vec::new();
        let mut current: Option<DocId> = None;
        self.warm_places(places, 0, what);
        for (i, place) in places.iter().enumerate() {
            if i % WARM == 0 {
                self.warm_places(places, i + WARM, what);
            }
            if current != Some(place.doc) {
                current = Some(place.doc);
                groups.push(PlaceGroup {
                    doc_title: self.links.doc_title(place.doc).to_string(),
                    doc_url: self.links.doc_url(place.doc).to_string(),
                    doc_kind: match place.doc {
                        DocId::Note(_) => "note",
                        DocId::Actor(_) => "actor",
                        DocId::Page(_) => "page",
                    },
                    places: Vec::new(),
                    total: 0,
                    more: 0,
                });
            }
            let group = groups.last_mut().expect("pushed above");
            group.total += 1;
            if group.places.len() < MAX_PLACES {
                group.places.push(self.place_view(*place, what));
            } else {
                group.more += 1;
            }
        }
        groups
    }

    /// Asks for what [`Self::place_view`] will read of the places from `from` on, up to
    /// [`WARM`] of them: the mention or citation, its sentence, and its document's
    /// mention actors and link. The reads of one place depend on each other, those of
    /// different places do not, so the processor overlaps them when they come in a
    /// short loop of their own rather than each between two places' formatting.
    fn warm_places(&self, places: &[Place], from: usize, what: PlaceKind) {
        use crate::prefetch::prefetch;
        for p in places.iter().skip(from).take(WARM) {
            let body = self.site.body(p.doc);
            let context = match what {
                PlaceKind::Mention => body.ann.mentions.get(p.index).map(|m| m.context),
                PlaceKind::Citation => body.ann.citations.get(p.index).map(|c| c.context),
            };
            if let Some(context) = context {
                prefetch(body.ann.text(context));
            }
            prefetch(body.mention_actor.as_slice());
            prefetch(self.links.doc_url(p.doc));
        }
    }

    fn place_view(&self, place: Place, what: PlaceKind) -> PlaceView {
        let body = self.site.body(place.doc);
        let (id, context, locator) = match what {
            PlaceKind::Mention => {
                let m = &body.ann.mentions[place.index];
                (
                    anchor::mention(place.index),
                    self.context(body, m.context),
                    None,
                )
            }
            PlaceKind::Citation => {
                let c = &body.ann.citations[place.index];
                (
                    anchor::citation(place.index),
                    self.context(body, c.context),
                    body.ann.locator(c).map(str::to_string),
                )
            }
        };
        PlaceView {
            url: self.place_url(place.doc, &id),
            context,
            locator,
        }
    }
}

/// The most places listed for one document on an actor's or a source's page; the rest
/// are counted and reached through the document. Keeps those pages readable and their
/// size bounded by the number of documents, however often one document names an actor.
pub const MAX_PLACES: usize = 25;

/// How many places [`Make::place_groups`] asks for at a time, a batch ahead of the
/// one it makes.
const WARM: usize = 16;

/// Which list of a body places index into.
#[derive(Clone, Copy)]
pub enum PlaceKind {
    Mention,
    Citation,
}

/// `^` for a single citation, `a`, `b`, ... `z`, `aa`, ... for several.
fn backlink_label(k: usize, total: usize) -> String {
    if total == 1 {
        return "^".to_string();
    }
    let mut label = String::new();
    let mut n = k;
    loop {
        label.insert(0, (b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    label
}

/// An item's HTML without the paragraph wrapper pulldown-cmark puts around loose text.
fn inline(html: &str) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlink_labels() {
        assert_eq!(backlink_label(0, 1), "^");
        let labels: Vec<_> = [0, 1, 25, 26, 27]
            .iter()
            .map(|&k| backlink_label(k, 30))
            .collect();
        assert_eq!(labels, ["a", "b", "z", "aa", "ab"]);
    }

    #[test]
    fn inline_strips_one_paragraph() {
        assert_eq!(inline("<p>x <a>y</a></p>\n"), "x <a>y</a>");
        assert_eq!(inline("<p>a</p>\n<p>b</p>"), "<p>a</p>\n<p>b</p>");
    }
}
