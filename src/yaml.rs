//! The one place that knows the YAML library: parsing front matter, `site.yaml` and
//! `sources.yaml` into typed values, with error positions as byte offsets. serde_yaml
//! is archived upstream; a maintained fork can replace it here without touching the rest.

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::Deserialize;
use std::ops::Range;

/// A YAML problem at a byte offset of the text that was parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub offset: usize,
}

/// Parses `text` into `T`; an empty document is read as an empty mapping.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let doc = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(doc).map_err(|e| {
        let offset = e
            .location()
            .map(|loc| offset_of(text, loc.line(), loc.column()))
            .unwrap_or(0);
        YamlError {
            message: clean_message(&e.to_string()),
            offset,
        }
    })
}

/// One entry of a top-level mapping: its key, and its value or what is wrong with it.
pub type Entry<T> = (String, Result<T, String>);

/// Parses a top-level mapping entry by entry, so that one bad entry does not hide the
/// others: the outer error is a syntax error of the whole text, the inner ones are the
/// problems of single entries (their position is the entry's key).
pub fn entries<T: DeserializeOwned + Send>(text: &str) -> Result<Vec<Entry<T>>, YamlError> {
    if let Some(entries) = entries_apart(text) {
        return Ok(entries);
    }
    let map: serde_yaml::Mapping = from_str(text)?;
    Ok(map.into_iter().map(entry).collect())
}

/// [`entries`] for the common shape of a large file, a block mapping whose keys each
/// start a line: each entry's lines are parsed on their own, in parallel, so the file
/// is never one tree of values in memory (for 200,000 entries, 21 MB, the tree and the
/// parser's events held about 350 MB more than reading the entries one by one). `None`
/// when the text has another shape, or when an entry does not parse on its own (an
/// alias of another entry's anchor, a syntax error) or a key comes twice: the whole
/// text is then parsed at once, as YAML reads it, for the same result or the same
/// error.
fn entries_apart<T: DeserializeOwned + Send>(text: &str) -> Option<Vec<Entry<T>>> {
    use rayon::prelude::*;
    let entries: Vec<Entry<T>> = entry_texts(text)?
        .par_iter()
        .map(|&lines| match serde_yaml::from_str::<OneEntry<T>>(lines) {
            Ok(OneEntry(key, value)) => Some((key, Ok(value))),
            // Read again as a tree of values, for the entry's own error (or none).
            Err(_) => {
                let map: serde_yaml::Mapping = serde_yaml::from_str(lines).ok()?;
                let mut pairs = map.into_iter();
                match (pairs.next(), pairs.next()) {
                    (Some(pair), None) => Some(entry(pair)),
                    _ => None,
                }
            }
        })
        .collect::<Option<_>>()?;
    let mut keys =
        rustc_hash::FxHashSet::with_capacity_and_hasher(entries.len(), Default::default());
    entries
        .iter()
        .all(|(key, _)| keys.insert(key.as_str()))
        .then_some(entries)
}

/// A text of exactly one top-level entry whose value reads as `T`, read straight into
/// `T`: no tree of values is built for an entry that needs none (200,000 of them in a
/// large bibliography). Any other text is an error, to be read the general way.
struct OneEntry<T>(String, T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneEntry<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = OneEntry<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of one entry")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let key: serde_yaml::Value = map
                    .next_key()?
                    .ok_or_else(|| A::Error::custom("no entry"))?;
                let key = scalar_string(key).map_err(A::Error::custom)?;
                let value = map.next_value()?;
                match map.next_key::<serde::de::IgnoredAny>()? {
                    Some(_) => Err(A::Error::custom("more than one entry")),
                    None => Ok(OneEntry(key, value)),
                }
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The lines of each top-level entry of a block mapping, from its key line to the next;
/// `None` when a line at the margin is neither a key, a comment nor blank.
fn entry_texts(text: &str) -> Option<Vec<&str>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !(trimmed.is_empty() || trimmed.starts_with([' ', '\t', '#'])) {
            split_key(trimmed)?;
            starts.push(offset);
        }
        offset += line.len();
    }
    // Before the first key (or in a text without one), only comments and blank lines.
    let lead = &text[..starts.first().copied().unwrap_or(text.len())];
    let note = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    if !lead.lines().all(note) {
        return None;
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    Some(starts.iter().zip(ends).map(|(&a, b)| &text[a..b]).collect())
}

/// An entry as read: its key as text, its value as `T` or what is wrong with it.
fn entry<T: DeserializeOwned>((key, value): (serde_yaml::Value, serde_yaml::Value)) -> Entry<T> {
    let key = scalar_string(key).unwrap_or_else(|e: serde_yaml::Error| format!("<{e}>"));
    let parsed = serde_yaml::from_value::<T>(value).map_err(|e| clean_message(&e.to_string()));
    (key, parsed)
}

/// serde_yaml appends " at line L column C" (the diagnostic shows the position itself)
/// and names Rust types where a reader wants to hear what to write.
fn clean_message(msg: &str) -> String {
    let msg = match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    match msg.find("expected struct ") {
        Some(i) => format!("{}expected fields such as `title: ...`", &msg[..i]),
        None => msg.to_string(),
    }
}

/// Byte offset of 1-based `line` and `column` (characters) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

/// Where each top-level key of a block mapping stands: key -> byte range of its value
/// (or of the key when the value is on the next lines). Used to point diagnostics about a
/// field's meaning (an unknown actor, an impossible date) at the right line.
pub fn top_level_keys(text: &str) -> Vec<(String, Range<usize>)> {
    let mut keys = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some((key, at, value)) = entry_line(line) else {
            continue;
        };
        let value_trim = value.trim();
        let range = if value_trim.is_empty() {
            start..start + key.len()
        } else {
            let lead = at + (value.len() - value.trim_start().len());
            start + lead..start + lead + value_trim.len()
        };
        keys.push((unquote(key).to_string(), range));
    }
    keys
}

/// The key of a line that starts a top-level entry (`key: value`, `"key": value`), as
/// [`top_level_keys`] reads it, with its byte range in the line.
pub fn line_key(line: &str) -> Option<(&str, Range<usize>)> {
    let (written, _, _) = entry_line(line)?;
    let key = unquote(written);
    // The key stands inside its quotes, if any.
    let at = written.find(key).unwrap_or(0);
    Some((key, at..at + key.len()))
}

/// A line that starts a top-level entry, as its key as written, the byte offset of its
/// value in the line, and the value; `None` for blank, indented, comment and list lines.
fn entry_line(line: &str) -> Option<(&str, usize, &str)> {
    let trimmed = line.trim_end();
    if trimmed.is_empty() || trimmed.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, value) = split_key(trimmed)?;
    Some((key, trimmed.len() - value.len(), value))
}

fn split_key(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let end = match bytes.first()? {
        q @ (b'"' | b'\'') => line[1..].find(*q as char)? + 2,
        _ => line.find(':')?,
    };
    let rest = line.get(end..)?;
    let value = rest.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with([' ', '\t'])) {
        return None;
    }
    Some((&line[..end], value))
}

fn unquote(key: &str) -> &str {
    key.trim_matches(|c| c == '"' || c == '\'')
}

/// Deserializes any YAML scalar as text, so `date: 2025` and `title: 1984` are read as
/// written instead of failing as numbers.
pub fn scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::String(s) => Ok(s),
        serde_yaml::Value::Number(n) => Ok(n.to_string()),
        serde_yaml::Value::Bool(b) => Ok(b.to_string()),
        serde_yaml::Value::Null => Err(D::Error::custom("expected a value, found nothing")),
        other => Err(D::Error::custom(format!(
            "expected a single value, found {}",
            kind_name(&other)
        ))),
    }
}

/// Like [`scalar_string`] for optional fields: absent or empty means `None`.
pub fn opt_scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::Null => Ok(None),
        v => scalar_string(v).map(Some).map_err(D::Error::custom),
    }
}

/// A list of scalars, each read as text; a single scalar is read as a one-item list.
pub fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match serde_yaml::Value::deserialize(d)? {
        serde_yaml::Value::Null => Ok(Vec::new()),
        serde_yaml::Value::Sequence(items) => items
            .into_iter()
            .map(|v| scalar_string(v).map_err(D::Error::custom))
            .collect(),
        v => scalar_string(v).map(|s| vec![s]).map_err(D::Error::custom),
    }
}

fn kind_name(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        _ => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        #[serde(deserialize_with = "scalar_string")]
        title: String,
        #[serde(default, deserialize_with = "opt_scalar_string")]
        date: Option<String>,
        #[serde(default, deserialize_with = "string_list")]
        tags: Vec<String>,
    }

    #[test]
    fn numbers_are_read_as_text() {
        let m: Meta = from_str("title: 1984\ndate: 2025\ntags: [a, 2]\n").unwrap();
        assert_eq!(m.title, "1984");
        assert_eq!(m.date.as_deref(), Some("2025"));
        assert_eq!(m.tags, ["a", "2"]);
    }

    #[test]
    fn errors_point_at_the_offending_line() {
        let text = "title: ok\ntitel: typo\n";
        let err = from_str::<Meta>(text).unwrap_err();
        assert!(
            err.message.contains("unknown field `titel`"),
            "{}",
            err.message
        );
        assert_eq!(&text[err.offset..err.offset + 5], "titel");
    }

    #[test]
    fn missing_required_field_is_reported() {
        let err = from_str::<Meta>("date: 2025-01-01\n").unwrap_err();
        assert!(
            err.message.contains("missing field `title`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn entries_are_parsed_one_by_one() {
        let found = entries::<Meta>("a:\n  title: A\nb:\n  date: 2025\n").unwrap();
        assert_eq!(found[0].0, "a");
        assert!(found[0].1.is_ok());
        assert_eq!(found[1].1.as_ref().unwrap_err(), "missing field `title`");
        let dup = entries::<Meta>("a:\n  title: A\na:\n  title: B\n").unwrap_err();
        assert!(dup.message.contains("duplicate"), "{}", dup.message);
    }

    #[test]
    fn entries_read_apart_or_whole_alike() {
        // Each of these reads as the whole text reads: apart, or (for the shapes the
        // entries cannot be read apart in) whole.
        let texts = [
            "# sources\n\na:\n  title: A\n# between\nb: {title: B}\n",
            "a: &t\n  title: A\nb: *t\n",
            "---\na:\n  title: A\n",
            "  a:\n    title: A\n",
            "a:\n  title: \"two\n  lines\"\nb:\n  title: |\n    block\n",
            "",
            "# only a comment\n",
        ];
        for text in texts {
            let apart = entries::<Meta>(text).unwrap();
            let map: serde_yaml::Mapping = from_str(text).unwrap();
            let whole: Vec<Entry<Meta>> = map.into_iter().map(entry).collect();
            let titles = |es: &[Entry<Meta>]| -> Vec<(String, String)> {
                es.iter()
                    .map(|(k, m)| (k.clone(), m.as_ref().unwrap().title.clone()))
                    .collect()
            };
            assert_eq!(titles(&apart), titles(&whole), "{text:?}");
        }
        assert!(entry_texts("a:\n  title: A\nb: *t\n").is_some());
        assert!(entries_apart::<Meta>("a: &t\n  title: A\nb: *t\n").is_none());
        assert!(entry_texts("  a:\n    title: A\n").is_none());
        assert!(entry_texts("---\na: 1\n").is_none());
        let broken = entries::<Meta>("a:\n  title: A\nb: [unclosed\n").unwrap_err();
        assert!(
            broken.message.contains("did not find expected"),
            "{}",
            broken.message
        );
    }

    #[test]
    fn entries_read_straight_or_as_values_alike() {
        // The entries apart are read straight into the type, or, when that fails, as a
        // tree of values (for the entry's own error): both read as the whole text does,
        // keys, values and errors alike.
        let text = "\"quoted key\":\n  title: Q\n2024:\n  title: 1984\n  date: 2025\n\
                    tagged:\n  title: T\n  tags: [a, b]\nunknown:\n  title: U\n  colour: red\n\
                    untitled:\n  date: 2025-01\nnull-key-value:\n";
        let apart = entries::<Meta>(text).unwrap();
        let map: serde_yaml::Mapping = from_str(text).unwrap();
        let whole: Vec<Entry<Meta>> = map.into_iter().map(entry).collect();
        assert_eq!(format!("{apart:?}"), format!("{whole:?}"));
        assert_eq!(apart.len(), 6);
        assert_eq!(apart[0].0, "quoted key");
        assert_eq!(apart[1].0, "2024");
        assert!(apart[3].1.as_ref().unwrap_err().contains("colour"));
    }

    #[test]
    fn type_names_do_not_leak() {
        let err = from_str::<Meta>("- a\n").unwrap_err();
        assert_eq!(
            err.message,
            "invalid type: sequence, expected fields such as `title: ...`"
        );
    }

    #[test]
    fn top_level_keys_give_value_ranges() {
        let text = "title: A\n\"quoted\": \"v\"\n  nested: x\naffiliation: nato\n";
        let keys = top_level_keys(text);
        let names: Vec<_> = keys.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["title", "quoted", "affiliation"]);
        assert_eq!(&text[keys[2].1.clone()], "nato");
    }
}
