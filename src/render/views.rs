//! Typed views handed to templates: what a template may use is written down here, once.
//! Views hold finished strings (URLs, display dates, rendered HTML), never model indices.

use serde::Serialize;

/// Site-wide values every template gets as `site`.
#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// The base path every URL starts with (`/` or `/repo/`).
    pub base: String,
    pub nav: Vec<Link>,
    pub generator: &'static str,
}

/// A plain link.
#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The frame of every page: the page title and breadcrumbs, and the page's view (`site`
/// is in every template's global context).
#[derive(Serialize)]
pub struct Frame<T: Serialize> {
    pub title: String,
    /// Which navigation entry is current (`notes`, `actors`, ...).
    pub section: &'static str,
    /// The entries of `site.nav` as finished menu items (`li`), the current one marked
    /// `aria-current` ([`super::items::nav`]); a theme may loop over `site.nav` instead.
    pub nav: Html,
    pub breadcrumbs: Vec<Link>,
    pub page: T,
}

#[derive(Serialize, Clone)]
pub struct ActorLink {
    pub id: String,
    pub name: String,
    pub url: String,
    pub kind: &'static str,
    pub role: Option<String>,
}

/// An actor link with a count (mentions, shared blocks).
#[derive(Serialize, Clone)]
pub struct Counted<T: Serialize> {
    pub item: T,
    pub count: usize,
}

#[derive(Serialize, Clone)]
pub struct SourceLink {
    pub key: String,
    pub title: String,
    pub url: String,
    /// "Publisher, Author, date", or what is known of it.
    pub detail: String,
    /// "Publisher, Author" (no date), or what is known of it.
    pub byline: String,
}

/// A source in full, for the bibliography and source pages.
#[derive(Serialize, Clone)]
pub struct SourceView {
    pub key: String,
    pub title: String,
    pub url: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub link: Option<String>,
    pub kind: String,
}

#[derive(Serialize, Clone)]
pub struct TagLink {
    pub name: String,
    pub slug: String,
    pub url: String,
}

/// A note in lists.
#[derive(Serialize, Clone)]
pub struct NoteSummary {
    pub title: String,
    pub url: String,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub summary: Option<String>,
    pub source: Option<SourceLink>,
    pub tags: Vec<TagLink>,
    pub event_count: usize,
}

/// One numbered reference of a body, with its ^ a b back-links.
pub struct ReferenceView {
    pub number: usize,
    pub id: String,
    pub source: SourceView,
    pub backlinks: Vec<Link>,
}

/// A quote wherever it is listed.
#[derive(Serialize, Clone)]
pub struct QuoteView {
    pub html: String,
    pub actor: ActorLink,
    pub url: String,
    pub doc_title: String,
    pub sources: Vec<SourceLink>,
}

/// Places in one document (mentions of an actor, citations of a source).
pub struct PlaceGroup {
    pub doc_title: String,
    pub doc_url: String,
    pub doc_kind: &'static str,
    /// The first places (at most [`super::make::MAX_PLACES`]).
    pub places: Vec<PlaceView>,
    /// How many places the document has in all, and how many of them are not listed.
    pub total: usize,
    pub more: usize,
}

pub struct PlaceView {
    pub url: String,
    pub context: String,
    pub locator: Option<String>,
}

pub use super::slots::Html;

#[derive(Serialize)]
pub struct HomePage {
    /// The newest notes: the first page of them when there are more than a page holds.
    pub notes: Html,
    /// The further pages of notes, when there are.
    pub pager: Option<Pager>,
    /// The most mentioned actors, with their number of mentions.
    pub actors: Html,
    pub events: Html,
    pub counts: Counts,
    pub pages: Vec<Link>,
}

#[derive(Serialize)]
pub struct Counts {
    pub notes: usize,
    pub actors: usize,
    pub sources: usize,
    pub events: usize,
}

#[derive(Serialize)]
pub struct NotePage {
    pub note: NoteSummary,
    pub source: Option<SourceView>,
    pub body: Html,
    pub references: Html,
    /// The note's events as jumps to them, in the order of the note.
    pub event_index: Html,
    /// The actors the note mentions, with their number of mentions.
    pub actors: Html,
}

#[derive(Serialize)]
pub struct ActorGroup {
    pub kind: &'static str,
    pub title: &'static str,
    pub actors: Vec<Counted<ActorLink>>,
}

#[derive(Serialize)]
pub struct ActorsPage {
    pub groups: Vec<ActorGroup>,
}

#[derive(Serialize)]
pub struct ActorPage {
    pub actor: ActorLink,
    pub aliases: Vec<String>,
    pub profile: Html,
    pub references: Html,
    pub affiliation: Option<ActorLink>,
    pub members: Vec<ActorLink>,
    pub event_count: usize,
    /// The actor's events: the first page of them when there are more than a page holds.
    pub events: Html,
    /// The further pages of events, when there are.
    pub events_pager: Option<Pager>,
    /// The page of the chronology that lists the actor's first event.
    pub chronology_url: String,
    pub quotes: Vec<QuoteView>,
    pub mention_count: usize,
    /// The mentions, grouped by document: the first page of them when there are more
    /// than a page holds.
    pub mentions: Html,
    /// The further pages of mentions, when there are.
    pub mentions_pager: Option<Pager>,
    /// The actors named in the same passages, with the number of passages.
    pub related: Html,
    /// The sources cited where the actor is, with the number of citations.
    pub sources: Html,
    /// The actor's relations as an inline SVG.
    pub network: Html,
    /// Members the picture leaves out (they are in [`ActorPage::members`]).
    pub network_left_out: usize,
}

#[derive(Serialize)]
pub struct MonthGroup {
    /// "September 2025", or "2025" for events known only to the year.
    pub label: String,
    pub id: String,
    /// The events are known only to the year (the label repeats the year's heading).
    pub whole_year: bool,
    pub count: usize,
    pub events: Html,
}

#[derive(Serialize)]
pub struct YearGroup {
    pub year: u16,
    pub months: Vec<MonthGroup>,
}

/// The chronology's page, or one page of a chronology split by period
/// ([`super::chronology`]).
#[derive(Serialize)]
pub struct ChronologyPage {
    /// The events the page lists (none on the index of a split chronology).
    pub years: Vec<YearGroup>,
    /// Events in the whole chronology.
    pub count: usize,
    /// Events per month as an inline SVG.
    pub timeline: Html,
    /// Choices of the filters: the actors that take part in the page's events, by name,
    /// as finished `<option>`s ([`super::items::actor_options`]: at 100,000 notes a page
    /// of the chronology offers 1,900 of them); the tags of notes.
    pub actor_options: Html,
    pub tags: Vec<TagLink>,
    /// On the index of a split chronology: its pages, in date order.
    pub periods: Vec<PeriodLink>,
    /// Most events a page lists (`page_size` of `site.yaml`).
    pub page_size: usize,
    /// On a page of a split chronology: which.
    pub period: Option<PeriodNav>,
}

/// A page of a split chronology.
#[derive(Serialize)]
pub struct PeriodLink {
    /// "September – November 2025".
    pub label: String,
    pub url: String,
    pub count: usize,
}

/// A page of a split chronology: its period, and where it stands among the others.
#[derive(Serialize)]
pub struct PeriodNav {
    pub label: String,
    /// Events on this page.
    pub count: usize,
    pub pager: Pager,
}

#[derive(Serialize)]
pub struct SourcesPage {
    /// Sources in the whole bibliography.
    pub count: usize,
    /// Each source on this page with the number of places that cite it (`li` items).
    pub sources: Html,
    /// Where the page stands, when the bibliography takes several.
    pub pager: Option<Pager>,
}

/// A page of an actor's mentions or events after the first (which is the actor's page).
#[derive(Serialize)]
pub struct ActorListPage {
    pub actor: ActorLink,
    /// `mentions` or `events`.
    pub what: &'static str,
    /// The mentions grouped by document, or the event rows.
    pub items: Html,
    pub pager: Pager,
}

/// A page of the notes after the first (which is the home page).
#[derive(Serialize)]
pub struct NotesPage {
    pub notes: Html,
    pub pager: Pager,
}

/// Where a page of a long list stands among the others ([`super::paging`]).
#[derive(Serialize)]
pub struct Pager {
    /// From 1.
    pub number: usize,
    /// Pages in all.
    pub of: usize,
    /// The first and last items on the page, from 1.
    pub first: usize,
    pub last: usize,
    /// Items in all.
    pub total: usize,
    /// The pages before and after, each titled ("Older notes", or its period).
    pub previous: Option<Link>,
    pub next: Option<Link>,
    /// The index of the pages, when there is one (a split chronology's).
    pub index: Option<Link>,
}

#[derive(Serialize)]
pub struct SourcePage {
    pub source: SourceView,
    pub cited: usize,
    pub notes: Html,
    pub cited_by: Html,
}

#[derive(Serialize)]
pub struct TagsPage {
    pub tags: Vec<Counted<TagLink>>,
}

#[derive(Serialize)]
pub struct TagPage {
    pub tag: TagLink,
    /// How many notes carry the tag, on all its pages.
    pub count: usize,
    /// The tag's notes, newest first: one page of them when there are more than a page
    /// holds.
    pub notes: Html,
    pub pager: Option<Pager>,
}

#[derive(Serialize)]
pub struct FreePage {
    pub body: Html,
    pub references: Html,
}

#[derive(Serialize)]
pub struct NotFoundPage {
    pub notes: Html,
}

/// One printable page holding the whole pack.
#[derive(Serialize)]
pub struct PrintPage {
    pub about: Option<String>,
    pub about_references: Html,
    pub groups: Vec<ActorGroup>,
    pub years: Vec<YearGroup>,
    pub notes: Vec<PrintNote>,
    /// Notes left out of the page (beyond [`super::pages::PRINT_NOTES`]), newest kept.
    pub notes_left_out: usize,
    /// The bibliography (`li` items).
    pub sources: Html,
}

#[derive(Serialize)]
pub struct PrintNote {
    pub note: NoteSummary,
    pub source: Option<SourceView>,
    pub body: Html,
    pub references: Html,
}

/// The search page, for readers without JavaScript.
#[derive(Serialize)]
pub struct SearchPage {}
