//! The link table: what a page shows when it links to a document, an actor or a source
//! (its URL, title or name, and the few words beside them), made once per render and
//! kept end to end in a few strings.
//!
//! Pages that list other documents (an actor's mentions, a source's citing places, the
//! chronology's rows) look up thousands of them in no particular order. Read from the
//! model, each lookup touches a record and two or three strings scattered over a heap of
//! gigabytes at 100,000 notes; read from here it touches one short run of a table a
//! hundred times smaller, which the processor's caches hold.

use super::{Section, Urls};
use crate::load::ActorKind;
use crate::resolve::{Content, DocId, Site};
use rayon::prelude::*;

/// The link table of one site.
pub struct Links {
    /// Per note: URL, title.
    notes: Table<2>,
    /// Per actor: id, name, URL, role (empty when none).
    actors: Table<4>,
    /// Per actor: kind, and whether a role is given.
    actor_kinds: Vec<(ActorKind, bool)>,
    /// Per page: URL, title.
    pages: Table<2>,
    /// Per source: key. Kept apart from the rest because the export looks sources up by
    /// key alone, 800,000 times at 100,000 notes, and 200,000 keys alone are a table the
    /// caches hold where the whole rows are not.
    source_keys: Table<1>,
    /// Per source: title, URL, detail, byline ([`super::source_detail`],
    /// [`super::source_byline`]).
    sources: Table<4>,
}

/// An actor as links show it.
pub struct ActorEntry<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub url: &'a str,
    pub kind: &'static str,
    pub role: Option<&'a str>,
}

/// A source as links show it. Its key is looked up apart ([`Links::source_key`]), in a
/// table of its own, only where it is shown.
pub struct SourceEntry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub detail: &'a str,
    pub byline: &'a str,
}

impl Links {
    /// The link table of a resolved site, at its base URL.
    pub fn of(site: &Site) -> Self {
        Self::new(site, &Urls::new(&site.config.base_url))
    }

    pub fn new(site: &Content, urls: &Urls) -> Self {
        Links {
            notes: Table::new(&site.notes, |n, row| {
                row.url(urls, Section::Notes, &n.slug);
                row.field(&n.meta.title);
            }),
            actors: Table::new(&site.actors, |a, row| {
                row.field(&a.id);
                row.field(&a.meta.name);
                row.url(urls, Section::Actors, &a.id);
                row.field(a.meta.role.as_deref().unwrap_or_default());
            }),
            actor_kinds: (site.actors.iter())
                .map(|a| (a.meta.kind, a.meta.role.is_some()))
                .collect(),
            pages: Table::new(&site.pages, |p, row| {
                row.url(urls, Section::Pages, &p.slug);
                row.field(&p.meta.title);
            }),
            source_keys: Table::new(&site.sources, |s, row| row.field(&s.key)),
            sources: Table::new(&site.sources, |s, row| {
                row.field(&s.meta.title);
                row.url(urls, Section::Sources, &s.key);
                row.field(&super::source_detail(s));
                row.field(&super::source_byline(s));
            }),
        }
    }

    pub fn actor(&self, a: usize) -> ActorEntry<'_> {
        let [id, name, url, role] = self.actors.row(a);
        let (kind, has_role) = self.actor_kinds[a];
        ActorEntry {
            id,
            name,
            url,
            kind: kind.as_str(),
            role: has_role.then_some(role),
        }
    }

    pub fn source(&self, s: usize) -> SourceEntry<'_> {
        let [title, url, detail, byline] = self.sources.row(s);
        SourceEntry {
            title,
            url,
            detail,
            byline,
        }
    }

    /// Asks for source `s`'s row ahead of [`Self::source`] ([`crate::prefetch`]): at
    /// 100,000 notes the rows of 200,000 sources are more than the processor's caches
    /// hold, and a list of sources reads a hundred of them in no particular order.
    pub fn warm_source(&self, s: usize) {
        self.sources.warm(s);
    }

    /// A source's key.
    pub fn source_key(&self, s: usize) -> &str {
        self.source_keys.row(s)[0]
    }

    /// The URL of a document's page.
    pub fn doc_url(&self, doc: DocId) -> &str {
        match doc {
            DocId::Note(n) => self.notes.row(n)[0],
            DocId::Actor(a) => self.actors.row(a)[2],
            DocId::Page(p) => self.pages.row(p)[0],
        }
    }

    /// A document's title as lists show it (an actor's name).
    pub fn doc_title(&self, doc: DocId) -> &str {
        match doc {
            DocId::Note(n) => self.notes.row(n)[1],
            DocId::Actor(a) => self.actors.row(a)[1],
            DocId::Page(p) => self.pages.row(p)[1],
        }
    }
}

/// `FIELDS` strings per item, end to end in one string.
struct Table<const FIELDS: usize> {
    text: String,
    /// Where each field ends in `text`: item `i`'s fields end at
    /// `ends[i * FIELDS..(i + 1) * FIELDS]`.
    ends: Vec<u32>,
}

/// The fields of one item as they are written into a [`Table`].
struct Row<'a> {
    text: &'a mut String,
    ends: &'a mut Vec<u32>,
}

impl Row<'_> {
    fn field(&mut self, s: &str) {
        self.text.push_str(s);
        self.end();
    }

    /// An item's URL, as [`Urls::push_item`] writes it.
    fn url(&mut self, urls: &Urls, section: Section, slug: &str) {
        urls.push_item(self.text, section, slug);
        self.end();
    }

    fn end(&mut self) {
        let end = u32::try_from(self.text.len()).expect("a link table under 4 GiB");
        self.ends.push(end);
    }
}

impl<const FIELDS: usize> Table<FIELDS> {
    /// The table of `items`, each written by `write` (which writes `FIELDS` fields), made
    /// in parallel a slice at a time.
    fn new<T: Sync>(items: &[T], write: impl Fn(&T, &mut Row) + Sync) -> Self {
        let slices: Vec<(String, Vec<u32>)> = items
            .par_chunks(4096)
            .map(|slice| {
                let (mut text, mut ends) =
                    (String::new(), Vec::with_capacity(slice.len() * FIELDS));
                for item in slice {
                    let row = &mut Row {
                        text: &mut text,
                        ends: &mut ends,
                    };
                    write(item, row);
                    debug_assert_eq!(row.ends.len() % FIELDS, 0, "{FIELDS} fields per item");
                }
                (text, ends)
            })
            .collect();
        let mut table = Table {
            text: String::with_capacity(slices.iter().map(|s| s.0.len()).sum()),
            ends: Vec::with_capacity(items.len() * FIELDS),
        };
        for (text, ends) in slices {
            let offset = u32::try_from(table.text.len()).expect("a link table under 4 GiB");
            table.text.push_str(&text);
            table.ends.extend(ends.iter().map(|e| e + offset));
        }
        table
    }

    /// Where `item`'s first field starts in `text`.
    fn start(&self, item: usize) -> usize {
        match item * FIELDS {
            0 => 0,
            first => self.ends[first - 1] as usize,
        }
    }

    /// Asks for the first two cache lines of `item`'s fields.
    fn warm(&self, item: usize) {
        let row = &self.text.as_bytes()[self.start(item)..];
        crate::prefetch::prefetch(row);
        crate::prefetch::prefetch(row.get(64..).unwrap_or_default());
    }

    fn row(&self, item: usize) -> [&str; FIELDS] {
        let first = item * FIELDS;
        let mut start = self.start(item);
        std::array::from_fn(|f| {
            let end = self.ends[first + f] as usize;
            let field = &self.text[start..end];
            start = end;
            field
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_gives_back_each_items_fields() {
        let items: Vec<usize> = (0..10_000).collect();
        let table: Table<3> = Table::new(&items, |&i, row| {
            row.field(&i.to_string());
            row.field("");
            row.field(&format!("item {i}"));
        });
        for i in [0, 1, 4095, 4096, 9999] {
            assert_eq!(
                table.row(i),
                [i.to_string().as_str(), "", &format!("item {i}")]
            );
        }
    }
}
