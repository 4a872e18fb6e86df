//! Warnings an editor wants but that do not fail a build: an actor's name written in a
//! note without a mention, an actor nobody mentions, a source nobody cites, a note with
//! no events, an event with no source. Reads the resolved site; changes nothing.

use crate::diagnostics::Diagnostic;
use crate::resolve::{DocId, EventRef, Note, Site};
use aho_corasick::{AhoCorasick, MatchKind};

/// Every warning for `site`, in file order once the report is sorted.
pub fn lint(site: &Site) -> Vec<Diagnostic> {
    Warnings::new(site).into_all()
}

/// The warnings of a site, kept per note so that an edit of a note lints only that note.
pub struct Warnings {
    names: Names,
    /// Parallel to the site's notes.
    notes: Vec<Vec<Diagnostic>>,
    /// Warnings about actors and sources, which depend on the whole pack.
    pack: Vec<Diagnostic>,
}

impl Warnings {
    pub fn new(site: &Site) -> Self {
        use rayon::prelude::*;
        let names = Names::new(site);
        let notes = (0..site.notes.len())
            .into_par_iter()
            .map(|n| note_warnings(site, &names, n))
            .collect();
        Self {
            names,
            notes,
            pack: pack_warnings(site),
        }
    }

    /// Lints the notes `edited` again, and what depends on the whole pack, after edits
    /// that changed neither the actors nor the order of the notes.
    pub fn update_notes(&mut self, site: &Site, edited: impl Iterator<Item = usize>) {
        for n in edited {
            self.notes[n] = note_warnings(site, &self.names, n);
        }
        self.pack = pack_warnings(site);
    }

    /// Every warning.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.notes.iter().flatten().chain(&self.pack)
    }

    pub fn into_all(self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.notes.into_iter().flatten().collect();
        all.extend(self.pack);
        all
    }
}

fn pack_warnings(site: &Site) -> Vec<Diagnostic> {
    unmentioned_actors(site)
        .chain(uncited_sources(site))
        .collect()
}

/// The warnings of note `n`: names written without a mention, no events, events without
/// a source.
fn note_warnings(site: &Site, names: &Names, n: usize) -> Vec<Diagnostic> {
    let note = &site.notes[n];
    let mut found = names.unlinked_mentions(site, note);
    if note.body.ann.events.is_empty() {
        found.push(
            Diagnostic::warning(
                &note.file,
                0..3,
                format!("note `{}` has no events", note.slug),
            )
            .with_help("dated happenings belong in list items such as `- 2025-11-27: ...`"),
        );
    }
    for index in 0..note.body.ann.events.len() {
        let e = EventRef {
            doc: DocId::Note(n),
            index,
        };
        if site.event_sources(e).is_empty() {
            found.push(
                Diagnostic::warning(
                    &note.file,
                    site.event(e).span.clone(),
                    "event has no source",
                )
                .with_help("cite one with [@key], or give the note a `source`"),
            );
        }
    }
    found
}

/// A matcher for the names and aliases of the actors.
struct Names {
    matcher: Option<AhoCorasick>,
    /// The actor of each pattern.
    owners: Vec<usize>,
}

impl Names {
    fn new(site: &Site) -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners: Vec<usize> = Vec::new();
        for (a, actor) in site.actors.iter().enumerate() {
            for name in std::iter::once(&actor.meta.name).chain(&actor.meta.aliases) {
                if name.chars().count() >= 2 {
                    patterns.push(name);
                    owners.push(a);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        Self { matcher, owners }
    }

    /// Names and aliases of actors written in a note's prose, in a paragraph or item that
    /// does not mention them (so the actor's page misses that passage). Quotes are the
    /// speaker's words and are left alone.
    fn unlinked_mentions(&self, site: &Site, note: &Note) -> Vec<Diagnostic> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let text = &note.file.text;
        let body = &note.body;
        let mentioned_in = |block: u32, actor: usize| {
            body.ann
                .mentions
                .iter()
                .zip(&body.mention_actor)
                .any(|(m, a)| m.block == block && *a == Some(actor))
        };
        for run in &body.ann.prose {
            let range = run.span.range();
            let prose = &text[range.clone()];
            for m in matcher.find_iter(prose) {
                let owner = self.owners[m.pattern().as_usize()];
                if !is_word(prose, m.start(), m.end()) || mentioned_in(run.block, owner) {
                    continue;
                }
                let actor = &site.actors[owner];
                let written = &prose[m.range()];
                let at = range.start + m.start()..range.start + m.end();
                found.push(
                    Diagnostic::warning(
                        &note.file,
                        at,
                        format!(
                            "`{written}` names the actor `{}` but is not a mention",
                            actor.id
                        ),
                    )
                    .with_help(if written == actor.meta.name {
                        format!("write [[{}]]", actor.id)
                    } else {
                        format!("write [[{}|{written}]]", actor.id)
                    }),
                );
            }
        }
        found
    }
}

/// True when `text[start..end]` is a whole word: no letter or digit just before or after.
fn is_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

fn unmentioned_actors(site: &Site) -> impl Iterator<Item = Diagnostic> + '_ {
    site.actors.iter().enumerate().filter_map(|(a, actor)| {
        let elsewhere = site.graph.actors[a]
            .mentions
            .iter()
            .any(|p| p.doc != DocId::Actor(a));
        (!elsewhere).then(|| {
            Diagnostic::warning(
                &actor.file,
                0..3,
                format!("actor `{}` is never mentioned", actor.id),
            )
            .with_help(format!(
                "mention it in a note with [[{}]], or remove the file",
                actor.id
            ))
        })
    })
}

fn uncited_sources(site: &Site) -> impl Iterator<Item = Diagnostic> + '_ {
    site.sources
        .iter()
        .zip(&site.graph.sources)
        .filter(|(_, links)| links.cited_by.is_empty())
        .map(|(source, _)| {
            Diagnostic::warning(
                &source.file,
                source.span.clone(),
                format!("source `{}` is never cited", source.key),
            )
            .with_help(format!("cite it with [@{}], or remove it", source.key))
        })
}

#[cfg(test)]
mod tests {
    use super::is_word;

    #[test]
    fn whole_words_only() {
        assert!(is_word("the US and", 4, 6));
        assert!(!is_word("USSR", 0, 2));
        assert!(is_word("Russia–Ukraine", 0, 6));
        assert!(!is_word("Russian", 0, 6));
    }
}
