//! The checks of stage 3: ids and keys are well-formed and unique, every mention,
//! citation, affiliation and note source points somewhere, dates are real dates. Builds
//! the [`Content`] with every reference resolved to an index.

use super::{Actor, Body, Content, Index, Note, Page, Reference, Source};
use crate::annotate::{Annotated, Parsed, ParsedPack};
use crate::date::PartialDate;
use crate::diagnostics::{did_you_mean, Diagnostic, FileRef, Report};
use crate::ids;
use crate::load::Doc;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// What bodies are resolved against; kept in the [`super::Site`], so that an edited note
/// can be checked again on its own.
#[derive(Debug, Clone)]
pub(crate) struct Lookup {
    actors: Index,
    sources: Index,
    /// Keys whose bibliography entries did not parse (already reported).
    broken: std::collections::BTreeSet<String>,
    /// Lowercased names and aliases (and their slugs) -> actor id, for suggestions.
    names: HashMap<String, String>,
}

/// The checked content, and the lookup its bodies were resolved against.
pub(super) fn check(pack: ParsedPack, report: &mut Report) -> (Content, Lookup) {
    let actors = unique(pack.actors, "actor id", ids::is_id, report);
    let notes = unique(pack.notes, "note slug", ids::is_slug, report);
    let pages = unique(pack.pages, "page slug", ids::is_slug, report);
    let broken = pack.bibliography.broken;
    let sources = check_sources(
        pack.bibliography.entries,
        pack.bibliography.file.as_ref(),
        report,
    );
    let lookup = Lookup {
        actors: actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.doc.slug.clone(), i))
            .collect(),
        sources: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.clone(), i))
            .collect(),
        broken,
        names: actor_names(&actors),
    };
    let affiliations = check_affiliations(&actors, &lookup, report);
    let actors = actors.into_iter().zip(affiliations).collect();
    let actors = par_check(actors, report, |(p, affiliation), report| Actor {
        body: resolve_body(p.ann, &p.doc.file, &lookup, report),
        id: p.doc.slug,
        file: p.doc.file,
        meta: p.doc.meta,
        affiliation,
    });
    let mut notes = par_check(notes, report, |p, report| {
        check_note(p, &lookup, &sources, report)
    });
    notes.par_sort_by(note_order);
    let pages = par_check(pages, report, |p, report| Page {
        body: resolve_body(p.ann, &p.doc.file, &lookup, report),
        slug: p.doc.slug,
        file: p.doc.file,
        meta: p.doc.meta,
    });
    let content = Content {
        config: pack.site,
        notes,
        actors,
        sources,
        pages,
    };
    (content, lookup)
}

/// The order of the notes: newest first, then by title, then by slug.
pub(super) fn note_order(a: &Note, b: &Note) -> std::cmp::Ordering {
    let key = |n: &Note| n.date.map(|d| d.earliest());
    key(b)
        .cmp(&key(a))
        .then_with(|| a.meta.title.cmp(&b.meta.title))
        .then_with(|| a.slug.cmp(&b.slug))
}

/// Sorts documents by slug, reports malformed and duplicate slugs, keeps the first of each.
fn unique<M>(
    mut docs: Vec<Parsed<M>>,
    what: &str,
    valid: fn(&str) -> bool,
    report: &mut Report,
) -> Vec<Parsed<M>> {
    docs.sort_by(|a, b| {
        a.doc
            .slug
            .cmp(&b.doc.slug)
            .then_with(|| a.doc.file.path.cmp(&b.doc.file.path))
    });
    let mut kept: Vec<Parsed<M>> = Vec::with_capacity(docs.len());
    for p in docs {
        if !valid(&p.doc.slug) {
            let slug = &p.doc.slug;
            let (why, suggestion) = if ids::is_reserved(slug) {
                (
                    "it is a device name reserved on Windows",
                    format!("{slug}-1"),
                )
            } else {
                (
                    "use lowercase letters a-z, digits and `-`",
                    ids::slugify(slug),
                )
            };
            report.push(
                file_error(&p.doc, format!("`{slug}` is not a valid {what}: {why}"))
                    .with_help(format!("rename the file to `{suggestion}.md`")),
            );
            continue;
        }
        if let Some(first) = kept.last().filter(|k| k.doc.slug == p.doc.slug) {
            report.push(
                file_error(&p.doc, format!("duplicate {what} `{}`", p.doc.slug)).with_help(
                    format!(
                        "it is also used by {}; file names must be unique across folders",
                        first.doc.file.path.display()
                    ),
                ),
            );
            continue;
        }
        kept.push(p);
    }
    kept
}

fn file_error<M>(doc: &Doc<M>, message: String) -> Diagnostic {
    Diagnostic::error(&doc.file, 0..0, message)
}

/// `check` applied to each of `items` in parallel: the results, and the diagnostics
/// added to `report`, keep the order of `items`.
fn par_check<T: Send, U: Send>(
    items: Vec<T>,
    report: &mut Report,
    check: impl Fn(T, &mut Report) -> U + Sync,
) -> Vec<U> {
    let checked: Vec<(U, Report)> = items
        .into_par_iter()
        .map(|item| {
            let mut own = Report::default();
            (check(item, &mut own), own)
        })
        .collect();
    let mut out = Vec::with_capacity(checked.len());
    for (item, own) in checked {
        report.extend(own.items);
        out.push(item);
    }
    out
}

fn check_sources(
    entries: Vec<crate::load::SourceEntry>,
    file: Option<&FileRef>,
    report: &mut Report,
) -> Vec<Source> {
    let Some(file) = file else {
        return Vec::new();
    };
    let checked = par_check(entries, report, |e, report| {
        if !ids::is_slug(&e.key) {
            let message = format!(
                "`{}` is not a valid source key: use lowercase letters a-z, digits, `-` and `_`",
                e.key
            );
            report.push(
                Diagnostic::error(file, e.span.clone(), message)
                    .with_help(format!("for example `{}`", ids::slugify(&e.key))),
            );
            return None;
        }
        let date = e
            .meta
            .date
            .as_deref()
            .and_then(|d| match PartialDate::parse(d) {
                Ok(d) => Some(d),
                Err(message) => {
                    report.push(Diagnostic::error(
                        file,
                        e.span.clone(),
                        format!("source `{}`: {message}", e.key),
                    ));
                    None
                }
            });
        Some(Source {
            key: e.key,
            meta: e.meta,
            date,
            file: file.clone(),
            span: e.span,
        })
    });
    checked.into_iter().flatten().collect()
}

fn actor_names(actors: &[Parsed<crate::load::ActorMeta>]) -> HashMap<String, String> {
    let mut names = HashMap::new();
    for a in actors {
        for name in std::iter::once(&a.doc.meta.name).chain(&a.doc.meta.aliases) {
            names.insert(name.to_lowercase(), a.doc.slug.clone());
            names.insert(ids::slugify(name), a.doc.slug.clone());
        }
    }
    names
}

/// Resolves each actor's affiliation and reports unknown ones and cycles.
fn check_affiliations(
    actors: &[Parsed<crate::load::ActorMeta>],
    lookup: &Lookup,
    report: &mut Report,
) -> Vec<Option<usize>> {
    let resolved: Vec<Option<usize>> = actors
        .iter()
        .map(|a| {
            let wanted = a.doc.meta.affiliation.as_deref()?;
            let found = lookup.actors.get(wanted).copied();
            if found.is_none() {
                report.push(unknown_actor(
                    &a.doc.file,
                    a.doc.field_span("affiliation"),
                    wanted,
                    lookup,
                    " in affiliation",
                ));
            }
            found
        })
        .collect();
    for (start, a) in actors.iter().enumerate() {
        let mut path = vec![start];
        let mut at = resolved[start];
        while let Some(next) = at {
            if next == start {
                if path.iter().all(|&p| p >= start) {
                    let names: Vec<&str> = path
                        .iter()
                        .chain([&start])
                        .map(|&i| actors[i].doc.slug.as_str())
                        .collect();
                    report.push(
                        Diagnostic::error(
                            &a.doc.file,
                            a.doc.field_span("affiliation"),
                            format!("affiliations form a cycle: {}", names.join(" -> ")),
                        )
                        .with_help(
                            "an actor cannot be, directly or indirectly, affiliated with itself",
                        ),
                    );
                }
                break;
            }
            if path.contains(&next) {
                break;
            }
            path.push(next);
            at = resolved[next];
        }
    }
    resolved
}

fn unknown_actor(
    file: &FileRef,
    span: std::ops::Range<usize>,
    wanted: &str,
    lookup: &Lookup,
    what: &str,
) -> Diagnostic {
    let d = Diagnostic::error(file, span, format!("unknown actor `{wanted}`{what}"));
    let by_name = lookup
        .names
        .get(&wanted.to_lowercase())
        .or_else(|| lookup.names.get(&ids::slugify(wanted)));
    if let Some(id) = by_name {
        return d.with_help(format!(
            "`{wanted}` is a name of the actor `{id}`: write [[{id}]] or [[{id}|{wanted}]]"
        ));
    }
    match did_you_mean(wanted, lookup.actors.keys().map(String::as_str)) {
        Some(id) => d.with_help(format!("did you mean `{id}`?")),
        None => d.with_help(
            "actors are the files in content/actors/; the id is the file name without .md",
        ),
    }
}

pub(super) fn check_note(
    p: Parsed<crate::load::NoteMeta>,
    lookup: &Lookup,
    sources: &[Source],
    report: &mut Report,
) -> Note {
    let doc = &p.doc;
    let source = doc.meta.source.as_deref().and_then(|key| {
        let found = lookup.sources.get(key).copied();
        if found.is_none() && !lookup.broken.contains(key) {
            report.push(unknown_source(
                &doc.file,
                doc.field_span("source"),
                key,
                lookup,
            ));
        }
        found
    });
    let date = match doc.meta.date.as_deref() {
        Some(d) => PartialDate::parse(d)
            .map_err(|message| {
                report.push(Diagnostic::error(
                    &doc.file,
                    doc.field_span("date"),
                    message,
                ))
            })
            .ok(),
        None => source.and_then(|s| sources[s].date),
    };
    let tags_span = doc.field_span("tags");
    let mut meta = p.doc.meta;
    // A tag is its slug: `Energy` after `energy` names the same tag, listed once.
    let mut seen = std::collections::HashSet::new();
    meta.tags.retain(|tag| {
        let slug = ids::slugify(tag);
        if slug.is_empty() {
            report.push(Diagnostic::error(
                &p.doc.file,
                tags_span.clone(),
                format!("tag `{tag}` has no letters or digits"),
            ));
        }
        seen.insert(slug)
    });
    Note {
        body: resolve_body(p.ann, &p.doc.file, lookup, report),
        slug: p.doc.slug,
        file: p.doc.file,
        meta,
        date,
        source,
    }
}

fn unknown_source(
    file: &FileRef,
    span: std::ops::Range<usize>,
    key: &str,
    lookup: &Lookup,
) -> Diagnostic {
    let d = Diagnostic::error(file, span, format!("unknown source `{key}`"));
    match did_you_mean(key, lookup.sources.keys().map(String::as_str)) {
        Some(k) => d.with_help(format!("did you mean `{k}`?")),
        None => d.with_help("sources are the keys of content/sources.yaml"),
    }
}

/// Resolves a body's mentions and citations and numbers its reference list.
fn resolve_body(
    ann: std::sync::Arc<Annotated>,
    file: &FileRef,
    lookup: &Lookup,
    report: &mut Report,
) -> Body {
    for p in &ann.problems {
        report.push(Diagnostic::error(file, p.span.clone(), p.message.clone()));
    }
    let mention_actor = ann
        .mentions
        .iter()
        .map(|m| {
            let id = ann.id(m);
            let found = lookup.actors.get(id).copied();
            if found.is_none() {
                report.push(unknown_actor(file, m.span.range(), id, lookup, ""));
            }
            found
        })
        .collect();
    let citation_source: Vec<Option<usize>> = ann
        .citations
        .iter()
        .map(|c| {
            let key = ann.key(c);
            let found = lookup.sources.get(key).copied();
            if found.is_none() && !lookup.broken.contains(key) {
                report.push(unknown_source(file, c.span.range(), key, lookup));
            }
            found
        })
        .collect();
    let mut references: Vec<Reference> = Vec::new();
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    let citation_ref = citation_source
        .iter()
        .enumerate()
        .map(|(c, source)| {
            let source = (*source)?;
            let r = *number.entry(source).or_insert_with(|| {
                references.push(Reference {
                    source,
                    citations: Vec::new(),
                });
                references.len() - 1
            });
            references[r].citations.push(c);
            Some(r)
        })
        .collect();
    Body {
        ann,
        mention_actor,
        citation_source,
        references,
        citation_ref,
    }
}
