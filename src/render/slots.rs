//! Finished HTML in pages without copies. A view's [`Html`] fields (a note's body, an
//! actor page's places, the chronology's 30,000 event rows) reach Tera as short markers,
//! set aside while the view is serialized; once the template is rendered, each marker is
//! replaced by its HTML as the page is put together, in the same pass that makes its
//! links relative. Handed to Tera whole, the HTML would be copied into the context, by
//! the `safe` filter and into the output: most of a page's bytes, four times over.

use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// Finished HTML for a template to place (`{{ page.events | safe }}`): shared, not
/// copied, when cloned or serialized for a page. It is a list of shared pieces, so that a
/// list of rows made once (an event's row, listed on several pages) is not copied into
/// each list either. Empty when the list it holds is empty (and then falsy in templates).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(Arc<Vec<Arc<String>>>);

impl From<String> for Html {
    fn from(html: String) -> Self {
        if html.is_empty() {
            return Html::default();
        }
        Html(Arc::new(vec![Arc::new(html)]))
    }
}

impl Html {
    /// The pieces in order, as one piece of HTML.
    pub fn join(pieces: Vec<Arc<String>>) -> Self {
        Html(Arc::new(pieces))
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|piece| piece.is_empty())
    }

    /// Every piece, in order.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|piece| piece.as_str())
    }

    fn len(&self) -> usize {
        self.0.iter().map(|piece| piece.len()).sum()
    }
}

impl std::fmt::Display for Html {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces().try_for_each(|piece| f.write_str(piece))
    }
}

thread_local! {
    /// The HTML set aside by the serialization running on this thread, if one is.
    static ASIDE: RefCell<Option<Vec<Html>>> = const { RefCell::new(None) };
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// A number drawn once per run, in every marker, so that text of the pack that happens
/// to hold private-use characters is never taken for one.
fn nonce() -> u64 {
    static NONCE: OnceLock<u64> = OnceLock::new();
    *NONCE.get_or_init(|| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x5107u64)
    })
}

/// What every marker of this run starts with.
fn prefix() -> String {
    format!("{OPEN}{:x}.", nonce())
}

fn marker(index: usize) -> String {
    format!("{}{index}{CLOSE}", prefix())
}

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_empty() {
            return serializer.serialize_str("");
        }
        let index = ASIDE.with(|aside| {
            aside.borrow_mut().as_mut().map(|set| {
                set.push(self.clone());
                set.len() - 1
            })
        });
        match index {
            Some(index) => serializer.serialize_str(&marker(index)),
            None => serializer.serialize_str(&self.to_string()),
        }
    }
}

/// Runs `serialize` with every non-empty [`Html`] it serializes on this thread set aside
/// and standing as a marker; gives its result and the HTML set aside.
pub fn set_aside<R>(serialize: impl FnOnce() -> R) -> (R, Vec<Html>) {
    let outer = ASIDE.with(|aside| aside.borrow_mut().replace(Vec::new()));
    let result = serialize();
    let set = ASIDE.with(|aside| std::mem::replace(&mut *aside.borrow_mut(), outer));
    (result, set.unwrap_or_default())
}

/// The length of the page [`pieces`] makes, before `put` changes any piece.
pub fn len(rendered: &str, aside: &[Html]) -> usize {
    rendered.len() + aside.iter().map(Html::len).sum::<usize>()
}

/// Gives each piece of the page in order to `put`: the template's text, with each marker
/// replaced by the pieces of the HTML set aside for it.
pub fn pieces(rendered: &str, aside: &[Html], mut put: impl FnMut(&str)) {
    let prefix = prefix();
    let finder = memchr::memmem::Finder::new(&prefix);
    let mut rest = rendered;
    while let Some(at) = finder.find(rest.as_bytes()) {
        let after = &rest[at + prefix.len()..];
        let slot = after.find(CLOSE).and_then(|end| {
            let html = aside.get(after[..end].parse::<usize>().ok()?)?;
            Some((html, end + CLOSE.len_utf8()))
        });
        let Some((html, taken)) = slot else {
            put(&rest[..at + prefix.len()]);
            rest = after;
            continue;
        };
        put(&rest[..at]);
        html.pieces().for_each(&mut put);
        rest = &after[taken..];
    }
    put(rest);
}

/// `rendered` with each marker replaced by the HTML set aside for it ([`pieces`]); every
/// piece goes into the page through `put`.
pub fn assemble(rendered: &str, aside: &[Html], mut put: impl FnMut(&mut String, &str)) -> String {
    let total = len(rendered, aside);
    let mut page = String::with_capacity(total + total / 16);
    pieces(rendered, aside, |piece| put(&mut page, piece));
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct View {
        title: String,
        body: Html,
        empty: Html,
    }

    #[test]
    fn html_is_set_aside_and_put_back() {
        let view = View {
            title: "T".into(),
            body: Html::from("<p>body</p>".to_string()),
            empty: Html::default(),
        };
        let (json, aside) = set_aside(|| serde_json::to_value(&view).unwrap());
        assert_eq!(aside.len(), 1);
        assert_eq!(json["empty"], "");
        let body = json["body"].as_str().unwrap();
        assert!(!body.contains("<p>"));
        let rendered = format!("<h1>{}</h1>{body}<footer>", json["title"].as_str().unwrap());
        let page = assemble(&rendered, &aside, |out, piece| out.push_str(piece));
        assert_eq!(page, "<h1>T</h1><p>body</p><footer>");
        // outside set_aside, Html serializes as itself
        assert_eq!(serde_json::to_value(&view).unwrap()["body"], "<p>body</p>");
    }

    #[test]
    fn text_that_looks_like_a_marker_stays() {
        let text = format!("a{OPEN}0{CLOSE}b{OPEN}{:x}.7{CLOSE}c", nonce());
        assert_eq!(assemble(&text, &[], |out, piece| out.push_str(piece)), text);
    }
}
