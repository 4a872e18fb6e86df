//! `data/search.json`: the index the theme's search box reads, written at build time. A
//! small format of our own (see the README): the documents as `[kind, title, url,
//! snippet]`, and every term (lowercase ASCII, diacritics folded) with the sorted list of
//! documents that contain it. Notes are indexed by their full text.

use super::html::plain;
use super::make::Make;
use super::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::ids::slugify;
use crate::resolve::EventRef;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Index {
    version: u32,
    /// `[kind, title, url, snippet]`
    docs: Vec<(&'static str, String, String, String)>,
    /// term -> indices of the documents that contain it, ascending
    terms: BTreeMap<String, Vec<u32>>,
}

/// Builds the index from the whole site.
pub fn search_json(make: &Make) -> Result<OutputFile, Diagnostic> {
    let site = make.site;
    let mut index = Index {
        version: 1,
        docs: Vec::new(),
        terms: BTreeMap::new(),
    };
    for note in &site.notes {
        let body = plain(&site.content, &note.body, 0..note.body.ann.nodes.len());
        let summary = note.meta.summary.clone().unwrap_or_else(|| body.clone());
        let text = format!(
            "{} {} {} {}",
            note.meta.title,
            note.meta.tags.join(" "),
            summary,
            body
        );
        index.add(
            "note",
            &note.meta.title,
            make.urls.note(&note.slug),
            &summary,
            &text,
        );
    }
    for actor in &site.actors {
        let role = actor.meta.role.clone().unwrap_or_default();
        let profile = plain(&site.content, &actor.body, 0..actor.body.ann.nodes.len());
        let text = format!(
            "{} {} {role} {profile}",
            actor.meta.name,
            actor.meta.aliases.join(" ")
        );
        let snippet = if role.is_empty() {
            profile.clone()
        } else {
            role.clone()
        };
        index.add(
            "actor",
            &actor.meta.name,
            make.urls.actor(&actor.id),
            &snippet,
            &text,
        );
    }
    for &e in &site.graph.chronology {
        index.add_event(make, e);
    }
    for source in &site.sources {
        let detail = super::source_detail(source);
        let text = format!("{} {detail} {}", source.meta.title, source.key);
        index.add(
            "source",
            &source.meta.title,
            make.urls.source(&source.key),
            &detail,
            &text,
        );
    }
    let bytes = super::export::to_json(&index).map_err(|e| {
        Diagnostic::at_path(std::path::Path::new("data/search.json"), e.to_string())
    })?;
    Ok(OutputFile {
        path: "data/search.json".into(),
        bytes,
    })
}

impl Index {
    fn add(&mut self, kind: &'static str, title: &str, url: String, snippet: &str, text: &str) {
        let id = self.docs.len() as u32;
        self.docs
            .push((kind, title.to_string(), url, shorten(snippet, 160)));
        for term in slugify(text).split('-').filter(|t| t.len() >= 2) {
            let postings = self.terms.entry(term.to_string()).or_default();
            if postings.last() != Some(&id) {
                postings.push(id);
            }
        }
    }

    fn add_event(&mut self, make: &Make, e: EventRef) {
        let site = make.site;
        let event = site.event(e);
        let text = plain(&site.content, site.body(e.doc), event.text.clone());
        let title = format!("{}: {}", event.date, shorten(&text, 100));
        let url = make.place_url(e.doc, &super::html::anchor::event(e.index));
        let snippet = format!("{} — in {}", event.date, site.doc_title(e.doc));
        self.add(
            "event",
            &title,
            url,
            &snippet,
            &format!("{} {text}", event.date.iso()),
        );
    }
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two …");
    }
}
