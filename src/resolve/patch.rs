//! Edits of notes applied to a resolved site in place, for the dev server's rebuilds. A
//! note that keeps its slug, its file and its place in the notes' order is checked on its
//! own against the kept actors and sources, and its share of the back-references is taken
//! out and put back ([`Share`]), instead of resolving the whole pack again. The site is
//! then what [`super::resolve`] gives for the edited pack.

use super::backrefs::{by_count, chronology_key, event_actors, tags, Share};
use super::check::{check_note, note_order};
use super::{Content, DocId, EventRef, Note, Place, QuoteRef, Site};
use crate::annotate::Parsed;
use crate::diagnostics::Report;
use crate::load::NoteMeta;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

impl Site {
    /// Checks an edited note on its own: its index and the resolved note, or `None` when
    /// only a full resolve gives the right answer (a slug or file the site does not have
    /// at that slug, a problem to report, or a new place in the notes' order).
    pub fn recheck_note(&self, parsed: Parsed<NoteMeta>) -> Option<(usize, Note)> {
        let i = self.notes.iter().position(|n| n.slug == parsed.doc.slug)?;
        if self.notes[i].file.path != parsed.doc.file.path {
            return None;
        }
        let mut report = Report::default();
        let note = check_note(parsed, &self.lookup, &self.sources, &mut report);
        let after_previous = i == 0 || note_order(&self.notes[i - 1], &note) == Ordering::Less;
        let before_next = self
            .notes
            .get(i + 1)
            .is_none_or(|next| note_order(&note, next) == Ordering::Less);
        (report.items.is_empty() && after_previous && before_next).then_some((i, note))
    }

    /// Puts `note` (from [`Site::recheck_note`]) in place of note `i` and updates the
    /// back-references; returns the note it replaced, which put back undoes the edit.
    pub fn replace_note(&mut self, i: usize, note: Note) -> Note {
        let doc = DocId::Note(i);
        let before = Share::of(&self.content, doc);
        let old = std::mem::replace(&mut self.content.notes[i], note);
        let after = Share::of(&self.content, doc);
        let c = &self.content;
        let g = &mut self.graph;

        for a in owners(&before.mentions, &after.mentions) {
            let links = &mut g.actors[a];
            let mentions = after.mentions.iter().filter(|m| m.0 == a).map(|m| m.1);
            splice(&mut links.mentions, |p: &Place| p.doc, doc, mentions);
            let quotes = after.quotes.iter().filter(|q| q.0 == a).map(|q| q.1);
            splice(&mut links.quotes, |q: &QuoteRef| q.doc, doc, quotes);
            links.events.retain(|e| e.doc != doc);
            for &e in after
                .events
                .iter()
                .filter(|&&e| event_actors(c, e).contains(&a))
            {
                insert_in_chronology(c, &mut links.events, e);
            }
            links.related = recount(&links.related, a, &before.related, &after.related);
            links.sources = recount(&links.sources, a, &before.concern, &after.concern);
        }

        for s in owners(&before.cites, &after.cites) {
            let cites = after.cites.iter().filter(|c| c.0 == s).map(|c| c.1);
            splice(&mut g.sources[s].cited_by, |p: &Place| p.doc, doc, cites);
        }
        let source = c.notes[i].source;
        if old.source != source {
            if let Some(s) = old.source {
                g.sources[s].notes.retain(|&n| n != i);
            }
            if let Some(s) = source {
                let notes = &mut g.sources[s].notes;
                let at = notes.partition_point(|&n| n < i);
                notes.insert(at, i);
            }
        }

        g.chronology.retain(|e| e.doc != doc);
        for &e in &after.events {
            insert_in_chronology(c, &mut g.chronology, e);
        }
        if old.meta.tags != c.notes[i].meta.tags {
            g.tags = tags(c);
        }
        old
    }
}

/// The actors or sources of the places of two shares, each once.
fn owners(before: &[(usize, Place)], after: &[(usize, Place)]) -> BTreeSet<usize> {
    before.iter().chain(after).map(|p| p.0).collect()
}

/// Inserts `e` into `list`, which is in chronology order, where it belongs.
fn insert_in_chronology(c: &Content, list: &mut Vec<EventRef>, e: EventRef) {
    let at = list.partition_point(|&x| chronology_key(c, x) < chronology_key(c, e));
    list.insert(at, e);
}

/// Replaces the items of `doc` in `list`, which is in document order, with `items`.
fn splice<T>(
    list: &mut Vec<T>,
    doc_of: impl Fn(&T) -> DocId,
    doc: DocId,
    items: impl Iterator<Item = T>,
) {
    let start = list.partition_point(|x| doc_of(x) < doc);
    let end = start + list[start..].partition_point(|x| doc_of(x) == doc);
    list.splice(start..end, items);
}

/// The counts of actor `a` (other actors or sources, most first) with the share `before`
/// taken out and `after` put in.
fn recount(
    list: &[(usize, usize)],
    a: usize,
    before: &BTreeMap<(usize, usize), usize>,
    after: &BTreeMap<(usize, usize), usize>,
) -> Vec<(usize, usize)> {
    let mut counts: BTreeMap<usize, usize> = list.iter().copied().collect();
    for (&(_, k), &n) in before.range((a, 0)..=(a, usize::MAX)) {
        *counts.entry(k).or_default() -= n;
    }
    for (&(_, k), &n) in after.range((a, 0)..=(a, usize::MAX)) {
        *counts.entry(k).or_default() += n;
    }
    counts.retain(|_, n| *n > 0);
    by_count(counts)
}
