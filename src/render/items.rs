//! The markup of the items that long lists repeat: event rows, places grouped by
//! document, reference lists, note lists, source citations and links with counts.
//! Written here, once per item, rather than by template loops: a 10,000-note pack lists
//! 30,000 events on its chronology and hundreds of places and sources on each actor
//! page, and a template engine spends tens of microseconds on each item where this code
//! spends one or two. Templates place the finished lists (`{{ page.events | safe }}`)
//! and keep the layout of every page; the items' classes and attributes are the theme's
//! contract with its CSS and script.

use super::html::Esc;
use super::links::{ActorEntry, SourceEntry};
use super::views::{Counted, Html, Link, NoteSummary, PlaceGroup, ReferenceView, SourceView};
use std::fmt::Write as _;
use std::sync::Arc;

/// Jumps to the events of a page, `(anchor, first day, date, plain text)` each, with
/// the text cut to a line: the sidebar index of a note. Empty for no events.
pub fn event_index(
    events: impl ExactSizeIterator<Item = (String, String, String, String)>,
) -> String {
    if events.len() == 0 {
        return String::new();
    }
    let mut out = String::with_capacity(events.len() * 120 + 32);
    out.push_str("<ol class=\"event-index\">\n");
    for (anchor, start, date, text) in events {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\"><time datetime=\"{}\">{}</time> {}</a></li>",
            Esc(&anchor),
            Esc(&start),
            Esc(&date),
            Esc(&shorten(&text, 72))
        );
    }
    out.push_str("</ol>\n");
    out
}

/// The main menu's entries as list items, the entry of `section` (its title in lower
/// case) marked as the current page: the same on every page of a section.
pub fn nav(links: &[Link], section: &str) -> String {
    let mut out = String::with_capacity(links.len() * 64);
    for link in links {
        let current = if link.title.to_lowercase() == section {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\"{current}>{}</a></li>",
            Esc(&link.url),
            Esc(&link.title)
        );
    }
    out
}

/// One entry of a list of links with counts ([`counted_links`]).
pub struct CountedLink<'a> {
    pub url: &'a str,
    pub text: &'a str,
    /// The link's tooltip, when the list has them.
    pub title: Option<&'a str>,
    pub count: usize,
}

/// Links with a count each, as a `<ul>` of `class`: the actors of a note, the actors
/// related to an actor, the sources on an actor. `count_title` says what the counts
/// count, when the list needs it said. Empty for no links.
pub fn counted_links<'a>(
    class: &str,
    count_title: Option<&str>,
    links: impl ExactSizeIterator<Item = CountedLink<'a>>,
) -> String {
    if links.len() == 0 {
        return String::new();
    }
    let mut out = String::with_capacity(links.len() * 100 + 32);
    let _ = write!(out, "<ul class=\"{}\">", Esc(class));
    for link in links {
        let _ = write!(out, "<li><a href=\"{}\"", Esc(link.url));
        if let Some(title) = link.title {
            let _ = write!(out, " title=\"{}\"", Esc(title));
        }
        let _ = write!(out, ">{}</a> <span class=\"count\"", Esc(link.text));
        if let Some(title) = count_title {
            let _ = write!(out, " title=\"{}\"", Esc(title));
        }
        let _ = write!(out, ">{}</span></li>", link.count);
    }
    out.push_str("</ul>");
    out
}

/// Actors as the `<option>`s of a filter, each valued by its id.
pub fn actor_options(actors: &[ActorEntry]) -> String {
    let mut out = String::with_capacity(actors.len() * 48);
    for a in actors {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            Esc(a.id),
            Esc(a.name)
        );
    }
    out
}

/// The text cut at a word to at most `max` characters and an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

/// Event rows ([`event_row`]) as a list (`ol.events`), the rows shared, not copied.
pub fn event_list(rows: impl ExactSizeIterator<Item = Arc<String>>) -> Html {
    let mut pieces = Vec::with_capacity(rows.len() + 2);
    pieces.push(Arc::new("\n<ol class=\"events\">\n".to_string()));
    pieces.extend(rows);
    pieces.push(Arc::new("\n</ol>\n".to_string()));
    Html::join(pieces)
}

/// What an event's row shows, the names and links borrowed from the link table.
pub struct EventRow<'a> {
    /// As read ("4 September 2025").
    pub date: String,
    /// As written in the date's ISO form (`2025-09~`, `2025-09-04..2025-09-06`).
    pub date_iso: String,
    pub approximate: bool,
    /// The first and last day the date may stand for (`YYYY-MM-DD`), for filters.
    pub start: String,
    pub end: String,
    /// Tags of the note the event is in (slugs), for filters.
    pub tags: Vec<String>,
    /// The event's text as HTML (mentions linked, citations left out).
    pub html: String,
    pub actors: Vec<ActorEntry<'a>>,
    pub sources: Vec<SourceEntry<'a>>,
    /// The exact place of the event in its document.
    pub url: String,
    pub doc_title: &'a str,
    pub doc_url: &'a str,
}

/// An event as a row with its date, text, actors, sources and document; the same
/// wherever the event is listed.
pub fn event_row(e: &EventRow) -> String {
    let mut out = String::with_capacity(900);
    write_event_row(&mut out, e);
    out
}

fn write_event_row(out: &mut String, e: &EventRow) {
    let ids: Vec<&str> = e.actors.iter().map(|a| a.id).collect();
    let datetime = e.date_iso.replace('~', "");
    let datetime = datetime.split("..").next().unwrap_or_default();
    let _ = write!(
        out,
        "\n  <li class=\"event-row{}\" data-date=\"{}\" data-start=\"{}\" data-end=\"{}\" data-actors=\"{}\" data-tags=\"{}\">\n    <time datetime=\"{}\" class=\"event-date\">{}</time>\n    <div class=\"event-body\">\n      <p class=\"event-text\">{} <a class=\"place\" href=\"{}\">↗<span class=\"visually-hidden\"> this event in {}</span></a></p>\n      <p class=\"event-meta\">",
        if e.approximate { " approximate" } else { "" },
        Esc(&e.date_iso),
        Esc(&e.start),
        Esc(&e.end),
        Esc(&ids.join(" ")),
        Esc(&e.tags.join(" ")),
        Esc(datetime),
        Esc(&e.date),
        e.html,
        Esc(&e.url),
        Esc(e.doc_title),
    );
    if !e.actors.is_empty() {
        out.push_str("<span class=\"chips\">");
        for a in &e.actors {
            let _ = write!(
                out,
                "<a class=\"chip chip-{}\" href=\"{}\">{}</a>",
                a.kind,
                Esc(a.url),
                Esc(a.name)
            );
        }
        out.push_str("</span>");
    }
    out.push_str("\n      ");
    if !e.sources.is_empty() {
        out.push_str("<span class=\"event-sources\">");
        for (i, s) in e.sources.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            let _ = write!(
                out,
                "<a href=\"{}\" title=\"{}\">{}</a>",
                Esc(s.url),
                Esc(s.detail),
                Esc(s.title)
            );
        }
        out.push_str("</span>");
    }
    let _ = write!(
        out,
        "\n      <span class=\"event-doc\">in <a href=\"{}\">{}</a></span></p>\n    </div>\n  </li>\n",
        Esc(e.doc_url),
        Esc(e.doc_title)
    );
}

/// A body's numbered references with their ^ a b back-links, under a heading of
/// `level`; `prefix` is the one the body's anchors carry. Nothing when there are none.
pub fn references(refs: &[ReferenceView], level: u8, prefix: &str) -> String {
    if refs.is_empty() {
        return "\n\n".into();
    }
    let prefix = Esc(prefix);
    let mut out = String::with_capacity(refs.len() * 400 + 200);
    let _ = write!(
        out,
        "\n\n<section class=\"references\" aria-labelledby=\"{prefix}references-title\">\n<h{level} id=\"{prefix}references-title\">References</h{level}>\n<ol>\n"
    );
    for r in refs {
        let _ = write!(
            out,
            "\n  <li id=\"{}\"><span class=\"backlinks\"><span class=\"visually-hidden\">Back to citations: </span>",
            Esc(&r.id)
        );
        // The letters say which citation each link goes back to; one label for all of them
        // keeps a source cited a hundred times from weighing kilobytes.
        for b in &r.backlinks {
            let _ = write!(out, "<a href=\"{}\">{}</a> ", Esc(&b.url), Esc(&b.title));
        }
        out.push_str("</span>");
        source_cite_into(&mut out, &r.source);
        out.push_str("</li>\n");
    }
    out.push_str("\n</ol>\n</section>\n\n");
    out
}

/// A source as a bibliography entry: author, linked title, publisher, date, link.
fn source_cite_into(out: &mut String, s: &SourceView) {
    out.push_str("<span class=\"source-cite\">");
    if let Some(author) = s.author.as_deref().filter(|a| !a.is_empty()) {
        let _ = write!(out, "{}. ", Esc(author));
    }
    let _ = write!(out, "<a href=\"{}\">{}</a>", Esc(&s.url), Esc(&s.title));
    if let Some(publisher) = s.publisher.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(out, ". <span class=\"publisher\">{}</span>", Esc(publisher));
    }
    if let Some(date) = s.date.as_deref().filter(|d| !d.is_empty()) {
        let _ = write!(
            out,
            ", <time datetime=\"{}\">{}</time>",
            Esc(s.date_iso.as_deref().unwrap_or_default()),
            Esc(date)
        );
    }
    out.push('.');
    if let Some(link) = s.link.as_deref().filter(|l| !l.is_empty()) {
        let link = Esc(link);
        let _ = write!(
            out,
            " <a class=\"external\" href=\"{link}\" rel=\"noopener\">{link}</a>"
        );
    }
    out.push_str("</span>");
}

/// Notes with their date, byline, number of events, summary and tags (`ul.note-list`).
pub fn note_list(notes: &[NoteSummary]) -> String {
    let mut out = String::with_capacity(notes.len() * 500 + 32);
    out.push_str("\n<ul class=\"note-list\">\n");
    for n in notes {
        let _ = write!(
            out,
            "\n  <li>\n    <h3><a href=\"{}\">{}</a></h3>\n    <p class=\"meta\">",
            Esc(&n.url),
            Esc(&n.title)
        );
        match n.date.as_deref().filter(|d| !d.is_empty()) {
            Some(date) => {
                let _ = write!(
                    out,
                    "<time datetime=\"{}\">{}</time>",
                    Esc(n.date_iso.as_deref().unwrap_or_default()),
                    Esc(date)
                );
            }
            None => out.push_str("Undated"),
        }
        if let Some(source) = n.source.as_ref().filter(|s| !s.byline.is_empty()) {
            let _ = write!(out, " · {}", Esc(&source.byline));
        }
        if n.event_count > 0 {
            let plural = if n.event_count == 1 { "" } else { "s" };
            let _ = write!(out, " · {} event{plural}", n.event_count);
        }
        out.push_str("</p>\n    ");
        if let Some(summary) = n.summary.as_deref().filter(|s| !s.is_empty()) {
            let _ = write!(out, "<p class=\"summary\">{}</p>", Esc(summary));
        }
        out.push_str("\n    ");
        if !n.tags.is_empty() {
            out.push_str("<p class=\"tags\">");
            for t in &n.tags {
                let _ = write!(
                    out,
                    "<a class=\"tag\" href=\"{}\">{}</a>",
                    Esc(&t.url),
                    Esc(&t.name)
                );
            }
            out.push_str("</p>");
        }
        out.push_str("\n  </li>\n");
    }
    out.push_str("\n</ul>\n");
    out
}

/// Places (mentions of an actor, citations of a source) grouped by document, each with
/// its sentence and a link to it.
pub fn place_groups(groups: &[PlaceGroup]) -> String {
    let mut out = String::from("\n");
    for g in groups {
        let (url, title) = (Esc(&g.doc_url), Esc(&g.doc_title));
        let _ = write!(
            out,
            "\n<section class=\"place-group\">\n  <h3><a href=\"{url}\">{title}</a> <span class=\"count\">({})</span></h3>\n  <ul class=\"places\">\n  ",
            g.total
        );
        for p in &g.places {
            let _ = write!(
                out,
                "<li><a href=\"{}\">{}</a>",
                Esc(&p.url),
                Esc(&p.context)
            );
            if let Some(locator) = p.locator.as_deref().filter(|l| !l.is_empty()) {
                let _ = write!(out, " <span class=\"locator\">({})</span>", Esc(locator));
            }
            out.push_str("</li>");
        }
        out.push_str("\n  </ul>\n  ");
        if g.more > 0 {
            let _ = write!(
                out,
                "<p class=\"more\">… and {} more in <a href=\"{url}\">{title}</a></p>",
                g.more
            );
        }
        out.push_str("\n</section>\n");
    }
    out.push('\n');
    out
}

/// The bibliography's entries (`li`, with the source key as id), each with the number
/// of times the pack cites it.
pub fn bibliography(sources: &[Counted<SourceView>]) -> String {
    let mut out = String::with_capacity(sources.len() * 400);
    for c in sources {
        let _ = write!(out, "\n  <li id=\"{}\">", Esc(&c.item.key));
        source_cite_into(&mut out, &c.item);
        let plural = if c.count == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            " <a class=\"count\" href=\"{}\" title=\"Cited {} time{plural}\">cited {}×</a></li>",
            Esc(&c.item.url),
            c.count,
            c.count
        );
    }
    out
}

/// Bibliography entries (`li`) without counts, for the printable page.
pub fn print_bibliography(sources: &[SourceView]) -> String {
    let mut out = String::with_capacity(sources.len() * 300);
    for s in sources {
        out.push_str("<li>");
        source_cite_into(&mut out, s);
        out.push_str("</li>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{counted_links, shorten, CountedLink};

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two …");
    }

    #[test]
    fn counted_links_escape_and_give_tooltips_only_where_asked() {
        let links = [
            CountedLink {
                url: "/sources/a/",
                text: "Rock & \"roll\"",
                title: Some(""),
                count: 3,
            },
            CountedLink {
                url: "/sources/b/",
                text: "B",
                title: Some("<Publisher>"),
                count: 1,
            },
        ];
        assert_eq!(
            counted_links("source-list", None, links.into_iter()),
            "<ul class=\"source-list\">\
             <li><a href=\"/sources/a/\" title=\"\">Rock &amp; &quot;roll&quot;</a> <span class=\"count\">3</span></li>\
             <li><a href=\"/sources/b/\" title=\"&lt;Publisher&gt;\">B</a> <span class=\"count\">1</span></li></ul>"
        );
        let one = CountedLink {
            url: "/actors/x/",
            text: "X",
            title: None,
            count: 2,
        };
        assert_eq!(
            counted_links("actor-list", Some("passages"), std::iter::once(one)),
            "<ul class=\"actor-list\"><li><a href=\"/actors/x/\">X</a> <span class=\"count\" title=\"passages\">2</span></li></ul>"
        );
        assert_eq!(counted_links("actor-list", None, std::iter::empty()), "");
    }
}
