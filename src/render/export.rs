//! `data/pack.json`: the whole resolved model as plain JSON for reuse elsewhere — notes
//! with their mentions and citations (each note's text is on its page, at `url`),
//! actors, sources with their citing places, and the chronology. Keys and order are
//! stable; the format has a version number (2: without the notes' HTML, which made the
//! file as large as all the note pages together).

use super::html::{anchor, plain};
use super::make::Make;
use crate::diagnostics::Diagnostic;
use crate::resolve::{Body, DocId, Place};
use rayon::prelude::*;
use serde::Serialize;

#[derive(Serialize)]
struct Note {
    slug: String,
    title: String,
    url: String,
    date: Option<String>,
    source: Option<String>,
    tags: Vec<String>,
    summary: Option<String>,
    mentions: Vec<Mention>,
    citations: Vec<Citation>,
}

#[derive(Serialize)]
struct Mention {
    actor: String,
    anchor: String,
    context: String,
}

#[derive(Serialize)]
struct Citation {
    source: String,
    locator: Option<String>,
    anchor: String,
}

#[derive(Serialize)]
struct Actor<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    aliases: &'a [String],
    affiliation: Option<&'a str>,
    role: Option<&'a str>,
    url: String,
    mentions: usize,
    related: Vec<(&'a str, usize)>,
}

#[derive(Serialize)]
struct Source<'a> {
    key: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<String>,
    url: Option<&'a str>,
    kind: String,
    cited_by: Vec<CitedBy>,
}

#[derive(Serialize)]
struct CitedBy {
    doc: String,
    url: String,
}

#[derive(Serialize)]
struct Event {
    date: String,
    precision: crate::date::Precision,
    approximate: bool,
    text: String,
    actors: Vec<String>,
    citations: Vec<String>,
    doc: String,
    anchor: String,
    url: String,
}

/// Writes the export into `sink` as it is made: it is the largest file of a build.
pub fn pack_json<'a>(make: &Make<'a>, sink: &dyn super::Sink) -> Result<(), Diagnostic> {
    let site = make.site;
    let urls = make.urls;
    let links = make.links;
    // A document's URL below the base, without the final slash (`notes/slug`).
    let doc_key = |doc: DocId| {
        let url = &links.doc_url(doc)[urls.base().len()..];
        url.trim_end_matches('/').to_string()
    };
    let note = |n: &crate::resolve::Note| Note {
        slug: n.slug.clone(),
        title: n.meta.title.clone(),
        url: urls.note(&n.slug),
        date: n.date.map(|d| d.iso()),
        // As the note writes it (see `citations`).
        source: n.source.and(n.meta.source.clone()),
        tags: n.meta.tags.clone(),
        summary: n.meta.summary.clone(),
        mentions: mentions(make, &n.body),
        citations: citations(&n.body),
    };
    let actor = |a: &'a crate::resolve::Actor, back: &'a crate::resolve::ActorLinks| Actor {
        id: &a.id,
        name: &a.meta.name,
        kind: a.meta.kind.as_str(),
        aliases: &a.meta.aliases,
        affiliation: a.affiliation.map(|p| links.actor(p).id),
        role: a.meta.role.as_deref(),
        url: urls.actor(&a.id),
        mentions: back.mentions.len(),
        related: back
            .related
            .iter()
            .map(|&(b, n)| (links.actor(b).id, n))
            .collect(),
    };
    let place = |p: &Place| CitedBy {
        doc: doc_key(p.doc),
        url: make.place_url(p.doc, &anchor::citation(p.index)),
    };
    let source = |s: &'a crate::resolve::Source, back: &crate::resolve::SourceLinks| Source {
        key: &s.key,
        title: &s.meta.title,
        author: s.meta.author.as_deref(),
        publisher: s.meta.publisher.as_deref(),
        date: s.date.map(|d| d.iso()),
        url: s.meta.url.as_deref(),
        kind: format!("{:?}", s.meta.kind).to_lowercase(),
        cited_by: back.cited_by.iter().map(place).collect(),
    };
    let event = |e: crate::resolve::EventRef| {
        let body = site.body(e.doc);
        let event = site.event(e);
        let mut actors: Vec<String> = event
            .mentions
            .iter()
            .filter_map(|&m| body.mention_actor[m].map(|a| links.actor(a).id.to_string()))
            .collect();
        actors.dedup();
        Event {
            date: event.date.iso(),
            precision: event.date.precision(),
            approximate: event.date.approximate,
            text: plain(make.links, body, event.text.clone()),
            actors,
            citations: site
                .event_sources(e)
                .into_iter()
                .map(|s| links.source_key(s).to_string())
                .collect(),
            doc: doc_key(e.doc),
            anchor: anchor::event(e.index),
            url: make.place_url(e.doc, &anchor::event(e.index)),
        }
    };
    // `{"format": 2, "title", "base_url", "notes", "actors", "sources", "events"}`, the
    // lists written in parallel (see [`json_items_into`]).
    let mut head = b"{\"format\":2,\"title\":".to_vec();
    let failed = |e: serde_json::Error| {
        Diagnostic::at_path(std::path::Path::new("data/pack.json"), e.to_string())
    };
    json_into(&mut head, &site.config.title).map_err(failed)?;
    head.extend_from_slice(b",\"base_url\":");
    json_into(&mut head, &site.config.base_url).map_err(failed)?;
    let g = &site.graph;
    sink.stream("data/pack.json", &|out| {
        out.write_all(&head)?;
        list(out, "notes", site.notes.len(), |b, i| {
            json_into(b, &note(&site.notes[i]))
        })?;
        list(out, "actors", site.actors.len(), |b, i| {
            json_into(b, &actor(&site.actors[i], &g.actors[i]))
        })?;
        list(out, "sources", site.sources.len(), |b, i| {
            json_into(b, &source(&site.sources[i], &g.sources[i]))
        })?;
        list(out, "events", g.chronology.len(), |b, i| {
            json_into(b, &event(g.chronology[i]))
        })?;
        out.write_all(b"}")
    })
}

/// `,"name":[...]`: the items of a list of the export.
fn list(
    out: &mut dyn std::io::Write,
    name: &str,
    len: usize,
    one: impl Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    write!(out, ",\"{name}\":[")?;
    json_items_into(out, len, one)?;
    out.write_all(b"]")
}

/// `data/actors.js`: id -> `[name, kind, role]` for every actor, read by the theme's
/// script to show who a mention names.
pub fn actors_index(make: &Make, sink: &dyn super::Sink) -> Result<(), Diagnostic> {
    let actors: std::collections::BTreeMap<&str, (&str, &str, &str)> = make
        .site
        .actors
        .iter()
        .map(|a| {
            let role = a.meta.role.as_deref().unwrap_or("");
            (
                a.id.as_str(),
                (a.meta.name.as_str(), a.meta.kind.as_str(), role),
            )
        })
        .collect();
    let index = serde_json::json!({ "version": 1, "actors": actors });
    script_data(sink, "actors", |out| {
        json_into(out, &index).map_err(std::io::Error::other)
    })
}

/// `data/{name}.js`: the JSON that `write` writes, handed to the theme's script as
/// `briefingData("name", {...});`, streamed into `sink` (see [`super::Sink::stream`]).
/// A script rather than a JSON file because a page opened from `file://` may load a
/// script beside it but not fetch a file (as Sphinx and mdBook do for their search
/// indexes).
pub(super) fn script_data(
    sink: &dyn super::Sink,
    name: &str,
    write: impl Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    sink.stream(&format!("data/{name}.js"), &|out| {
        write!(out, "briefingData(\"{name}\",")?;
        write(out)?;
        out.write_all(b");\n")
    })
}

/// Compact JSON with [`HtmlSafe`] strings written to `out` in one pass.
pub(super) fn json_into<W: std::io::Write + ?Sized, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(out, HtmlSafe);
    value.serialize(&mut serializer)
}

/// Items `0..len` written by `one` with a comma between each two (the inside of a JSON
/// array or object, each item as [`json_into`] writes it): made in parallel a chunk at a
/// time and written to `out` in order, a batch of chunks at a time, so that only a batch
/// is held.
pub(super) fn json_items_into(
    out: &mut dyn std::io::Write,
    len: usize,
    one: impl Fn(&mut Vec<u8>, usize) -> serde_json::Result<()> + Sync,
) -> std::io::Result<()> {
    const CHUNK: usize = 128;
    const BATCH: usize = 8 * CHUNK;
    for batch in (0..len).step_by(BATCH) {
        let chunks: Vec<Vec<u8>> = (batch..len.min(batch + BATCH))
            .into_par_iter()
            .step_by(CHUNK)
            .map(|start| {
                let mut bytes = Vec::new();
                for i in start..len.min(start + CHUNK) {
                    if i > 0 {
                        bytes.push(b',');
                    }
                    one(&mut bytes, i)?;
                }
                Ok(bytes)
            })
            .collect::<serde_json::Result<_>>()
            .map_err(std::io::Error::other)?;
        for chunk in chunks {
            out.write_all(&chunk)?;
        }
    }
    Ok(())
}

/// A JSON formatter whose output stays inert wherever it is pasted: in strings, `<`, `>`
/// and `&` are written as `\u` escapes, like the line and paragraph separators.
struct HtmlSafe;

impl serde_json::ser::Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Bytes, not characters: the five are found by their first byte (the two
        // separators are E2 80 A8 and E2 80 A9 in UTF-8), and the rest is copied as is.
        let bytes = fragment.as_bytes();
        let mut last = 0;
        let mut from = 0;
        while let Some(at) = bytes[from..]
            .iter()
            .position(|&b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
        {
            let i = from + at;
            let (escaped, len): (&[u8], usize) = match &bytes[i..] {
                [b'<', ..] => (b"\\u003c", 1),
                [b'>', ..] => (b"\\u003e", 1),
                [b'&', ..] => (b"\\u0026", 1),
                [0xE2, 0x80, 0xA8, ..] => (b"\\u2028", 3),
                [0xE2, 0x80, 0xA9, ..] => (b"\\u2029", 3),
                _ => {
                    from = i + 1;
                    continue;
                }
            };
            writer.write_all(&bytes[last..i])?;
            writer.write_all(escaped)?;
            last = i + len;
            from = last;
        }
        writer.write_all(&bytes[last..])
    }
}

fn mentions(make: &Make, body: &Body) -> Vec<Mention> {
    body.ann
        .mentions
        .iter()
        .zip(&body.mention_actor)
        .enumerate()
        .filter_map(|(i, (m, a))| {
            Some(Mention {
                actor: make.links.actor((*a)?).id.to_string(),
                anchor: anchor::mention(i),
                context: make.context(body, m.context),
            })
        })
        .collect()
}

/// A document's citations of known sources, each by the key it writes: the source's
/// key (keys are looked up exactly), read from the document's own text rather than from
/// the table of every key, which the export would read at random.
fn citations(body: &Body) -> Vec<Citation> {
    let cited = body.ann.citations.iter().zip(&body.citation_source);
    cited
        .enumerate()
        .filter(|(_, (_, source))| source.is_some())
        .map(|(i, (c, _))| Citation {
            source: body.ann.key(c).to_string(),
            locator: body.ann.locator(c).map(str::to_string),
            anchor: anchor::citation(i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_is_safe_to_embed_and_still_parses() {
        let value = serde_json::json!({"t": "<script>a & b</script>", "<k>": 1});
        let mut bytes = Vec::new();
        super::json_into(&mut bytes, &value).unwrap();
        let safe = String::from_utf8(bytes).unwrap();
        assert_eq!(
            safe,
            r#"{"\u003ck\u003e":1,"t":"\u003cscript\u003ea \u0026 b\u003c/script\u003e"}"#
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "<script>a & b</script>");
    }

    #[test]
    fn line_separators_are_escaped_and_other_characters_kept() {
        // U+2028 and U+2029 end a line in older JavaScript; a dash shares their first byte.
        let text = "a\u{2028}b\u{2029}c — Türkiye";
        let mut bytes = Vec::new();
        super::json_into(&mut bytes, &text).unwrap();
        let safe = String::from_utf8(bytes).unwrap();
        assert_eq!(safe, r#""a\u2028b\u2029c — Türkiye""#);
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), text);
    }

    #[test]
    fn items_written_in_chunks_and_batches_are_the_array_written_whole() {
        // More items than a batch holds twice, and a last chunk that is not full.
        let items: Vec<String> = (0..2500).map(|i| format!("<item {i}>")).collect();
        let mut whole = Vec::new();
        super::json_into(&mut whole, &items).unwrap();
        let mut parts = b"[".to_vec();
        super::json_items_into(&mut parts, items.len(), |out, i| {
            super::json_into(out, &items[i])
        })
        .unwrap();
        parts.push(b']');
        assert_eq!(
            String::from_utf8(parts).unwrap(),
            String::from_utf8(whole).unwrap()
        );
    }
}
