//! Pandoc-style citation syntax inside text: `[@key]`, `[@key, p. 4]`, `[@a; @b, ch. 2]`.
//! Finds bracketed groups whose every item is `@key` with an optional locator.

use std::ops::Range;

/// One cited key with its locator, positioned in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteItem {
    /// Byte range of `@key` in the scanned text.
    pub span: Range<usize>,
    /// Byte range of the locator in the scanned text, when given.
    pub locator: Option<Range<usize>>,
}

impl CiteItem {
    /// Byte range of the key (without its `@`) in the scanned text.
    pub fn key(&self) -> Range<usize> {
        self.span.start + 1..self.span.end
    }
}

/// A bracketed group of citations, positioned in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteMatch {
    /// Byte range from `[` to `]` inclusive.
    pub span: Range<usize>,
    pub items: Vec<CiteItem>,
}

/// Every citation group in `text`, left to right. `blocked(i)` says that byte `i` came
/// from an escape or entity and so cannot open or close a group.
pub fn find_citations(text: &str, blocked: impl Fn(usize) -> bool) -> Vec<CiteMatch> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(rel) = text[from..].find("[@") {
        let open = from + rel;
        from = open + 1;
        if blocked(open) {
            continue;
        }
        let Some(close_rel) = text[open..].find(']') else {
            break;
        };
        let close = open + close_rel;
        if blocked(close) || text[open + 1..close].contains('[') {
            continue;
        }
        if let Some(items) = parse_group(&text[open + 1..close], open + 1) {
            found.push(CiteMatch {
                span: open..close + 1,
                items,
            });
            from = close + 1;
        }
    }
    found
}

fn parse_group(inner: &str, base: usize) -> Option<Vec<CiteItem>> {
    let mut items = Vec::new();
    let mut offset = 0;
    for part in inner.split(';') {
        let lead = part.len() - part.trim_start().len();
        let trimmed = part.trim();
        let rest = trimmed.strip_prefix('@')?;
        let key_len = key_length(rest);
        if key_len == 0 {
            return None;
        }
        let start = base + offset + lead;
        let span = start..start + 1 + key_len;
        let after = &rest[key_len..];
        let locator = if after.is_empty() {
            None
        } else {
            // After `@key,`: the locator, trimmed.
            let loc = after.strip_prefix(',')?;
            let loc_start = span.end + 1 + (loc.len() - loc.trim_start().len());
            let loc = loc.trim();
            (!loc.is_empty()).then_some(loc_start..loc_start + loc.len())
        };
        items.push(CiteItem { span, locator });
        offset += part.len() + 1;
    }
    Some(items)
}

/// Length of the key at the start of `s`: letters, digits and `_-:.`, not ending in
/// punctuation (so `@key.` is the key `key`).
fn key_length(s: &str) -> usize {
    let mut len = s
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    while len > 0 && s[..len].ends_with(['.', ':', '-']) {
        len -= 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<Vec<(String, Option<String>)>> {
        find_citations(text, |_| false)
            .into_iter()
            .map(|m| {
                let text_of = |r: Range<usize>| text[r].to_string();
                m.items
                    .into_iter()
                    .map(|i| (text_of(i.key()), i.locator.map(text_of)))
                    .collect()
            })
            .collect()
    }

    fn k(key: &str, loc: Option<&str>) -> (String, Option<String>) {
        (key.to_string(), loc.map(str::to_string))
    }

    #[test]
    fn single_key() {
        assert_eq!(
            keys("as said [@conroy-2025]."),
            vec![vec![k("conroy-2025", None)]]
        );
    }

    #[test]
    fn locator_and_groups() {
        assert_eq!(keys("[@key, p. 4]"), vec![vec![k("key", Some("p. 4"))]]);
        assert_eq!(
            keys("[@a; @b, ch. 2]"),
            vec![vec![k("a", None), k("b", Some("ch. 2"))]]
        );
    }

    #[test]
    fn spans_point_at_the_key() {
        let text = "x [@a; @bee]";
        let m = &find_citations(text, |_| false)[0];
        assert_eq!(&text[m.span.clone()], "[@a; @bee]");
        assert_eq!(&text[m.items[1].span.clone()], "@bee");
    }

    #[test]
    fn not_citations() {
        assert!(keys("mail name@example.com now").is_empty());
        assert!(keys("[see @a]").is_empty());
        assert!(keys("[@]").is_empty());
        assert!(keys("[@a b]").is_empty());
        assert!(keys("[@a").is_empty());
    }

    #[test]
    fn blocked_bracket_is_not_a_citation() {
        let text = "[@a] and [@b]";
        let found = find_citations(text, |i| i == 0);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].items[0].key()], "b");
    }

    #[test]
    fn unicode_keys_are_kept_whole() {
        assert_eq!(keys("[@çelik-2024]"), vec![vec![k("çelik-2024", None)]]);
    }
}
