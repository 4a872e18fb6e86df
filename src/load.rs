//! Stage 1, load: finds a pack's files, reads them (UTF-8 checked, BOM and CRLF
//! accepted), splits front matter from body and parses every YAML part into the typed
//! content format. Knows nothing of annotations; reports every problem it meets.

use crate::diagnostics::{Diagnostic, FileRef, Report, SourceFile};
use crate::frontmatter;
use crate::yaml;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    #[serde(deserialize_with = "yaml::scalar_string")]
    pub title: String,
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub description: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Raw HTML in Markdown is passed through (trusted teams); `false` makes it inert text
    /// and drops `javascript:` links, for packs built from untrusted contributions.
    #[serde(default = "default_true")]
    pub unsafe_html: bool,
    /// Custom domain for GitHub Pages: written to a `CNAME` file.
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub cname: Option<String>,
    /// The most items a page of a long list holds: a longer chronology is split into pages
    /// by period under an index of them; the notes of the home page, the bibliography, an
    /// actor's mentions and events, and a tag's notes go on over numbered pages.
    #[serde(default = "default_page_size")]
    pub page_size: std::num::NonZeroUsize,
}

fn default_page_size() -> std::num::NonZeroUsize {
    std::num::NonZeroUsize::new(1000).expect("not zero")
}

fn default_base_url() -> String {
    "/".into()
}
fn default_language() -> String {
    "en".into()
}
fn default_true() -> bool {
    true
}
fn default_theme() -> String {
    "default".into()
}

/// Front matter of a note.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteMeta {
    #[serde(deserialize_with = "yaml::scalar_string")]
    pub title: String,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "yaml::string_list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub summary: Option<String>,
    #[serde(default)]
    pub draft: bool,
}

/// What sort of actor an actor file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    State,
    Organization,
    Group,
    #[default]
    Other,
}

impl ActorKind {
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::State,
        ActorKind::Organization,
        ActorKind::Group,
        ActorKind::Other,
    ];

    /// Plural heading for the actors index.
    pub fn plural(self) -> &'static str {
        match self {
            ActorKind::Person => "People",
            ActorKind::State => "States",
            ActorKind::Organization => "Organizations",
            ActorKind::Group => "Groups",
            ActorKind::Other => "Others",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Other => "other",
        }
    }
}

/// Front matter of an actor file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorMeta {
    #[serde(deserialize_with = "yaml::scalar_string")]
    pub name: String,
    #[serde(default)]
    pub kind: ActorKind,
    #[serde(default, deserialize_with = "yaml::string_list")]
    pub aliases: Vec<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub affiliation: Option<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub role: Option<String>,
}

/// Front matter of a free page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    #[serde(deserialize_with = "yaml::scalar_string")]
    pub title: String,
}

/// What sort of work a bibliography entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Article,
    Report,
    Interview,
    Statement,
    Dataset,
    #[default]
    Other,
}

/// One entry of `content/sources.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    #[serde(deserialize_with = "yaml::scalar_string")]
    pub title: String,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub publisher: Option<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "yaml::opt_scalar_string")]
    pub url: Option<String>,
    #[serde(default)]
    pub kind: SourceKind,
}

/// A Markdown file with parsed front matter: the unit of notes, actors and pages.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    pub file: FileRef,
    /// File stem: a note's slug, an actor's id, a page's slug.
    pub slug: String,
    pub meta: M,
    /// Where each front-matter field's value stands in the file.
    pub fields: Vec<(String, Range<usize>)>,
    /// The Markdown body, as a range of `file.text`.
    pub body: Range<usize>,
}

impl<M> Doc<M> {
    pub fn body_text(&self) -> &str {
        &self.file.text[self.body.clone()]
    }

    /// Span of a front-matter field's value, or of the file's start when absent.
    pub fn field_span(&self, name: &str) -> Range<usize> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or(0..3, |(_, r)| r.clone())
    }
}

/// A bibliography entry with its key and where it stands in `sources.yaml`.
#[derive(Debug, Clone)]
pub struct SourceEntry {
    pub key: String,
    pub meta: SourceMeta,
    pub span: Range<usize>,
}

/// Everything a pack's files say, parsed but not yet cross-checked.
#[derive(Debug)]
pub struct Pack {
    pub site: SiteConfig,
    pub site_file: FileRef,
    pub notes: Vec<Doc<NoteMeta>>,
    pub actors: Vec<Doc<ActorMeta>>,
    pub pages: Vec<Doc<PageMeta>>,
    pub bibliography: Bibliography,
}

/// `content/sources.yaml` as read.
#[derive(Debug, Clone, Default)]
pub struct Bibliography {
    /// The entries that parsed, by key.
    pub entries: Vec<SourceEntry>,
    pub file: Option<FileRef>,
    /// Keys whose entries did not parse: already reported, so citing them is not
    /// reported again.
    pub broken: std::collections::BTreeSet<String>,
}

/// The folders of a pack that hold Markdown documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    Notes,
    Actors,
    Pages,
}

impl Folder {
    pub const ALL: [Folder; 3] = [Folder::Notes, Folder::Actors, Folder::Pages];

    /// The folder below `root`.
    pub fn dir(self, root: &Path) -> PathBuf {
        let name = match self {
            Folder::Notes => "notes",
            Folder::Actors => "actors",
            Folder::Pages => "pages",
        };
        root.join("content").join(name)
    }
}

/// Loads the pack at `root`. Problems are added to `report`; `None` when the pack
/// cannot be loaded at all (no usable `content/site.yaml`).
pub fn load(root: &Path, report: &mut Report) -> Option<Pack> {
    let (site, site_file) = load_site(root, report)?;
    // The bibliography is one file parsed on one thread: the notes load beside it.
    let mut notes_report = Report::default();
    let (bibliography, notes) = rayon::join(
        || crate::timings::time("load: sources", || load_sources(root, report)),
        || {
            crate::timings::time("load: notes", || {
                load_docs(root, Folder::Notes, &mut notes_report)
            })
        },
    );
    report.extend(notes_report.items);
    Some(Pack {
        site,
        site_file,
        notes,
        actors: load_docs(root, Folder::Actors, report),
        pages: load_docs(root, Folder::Pages, report),
        bibliography,
    })
}

/// Reads `content/site.yaml`.
pub fn load_site(root: &Path, report: &mut Report) -> Option<(SiteConfig, FileRef)> {
    let site_path = root.join("content/site.yaml");
    if !site_path.is_file() {
        report.push(
            Diagnostic::at_path(
                &display_path(root, &site_path),
                "no site.yaml: this folder is not a briefing pack",
            )
            .with_help("run `briefing build --root DIR` on a folder that has content/site.yaml"),
        );
        return None;
    }
    let site_file = read_file(root, &site_path, report)?;
    match yaml::from_str::<SiteConfig>(&site_file.text) {
        Ok(site) => Some((site, site_file)),
        Err(e) => {
            report.push(Diagnostic::error(
                &site_file,
                e.offset..e.offset + 1,
                e.message,
            ));
            None
        }
    }
}

/// Reads `content/sources.yaml` (an absent file is an empty bibliography).
pub fn load_sources(root: &Path, report: &mut Report) -> Bibliography {
    let path = root.join("content/sources.yaml");
    if !path.exists() {
        return Bibliography::default();
    }
    let Some(file) = read_file(root, &path, report) else {
        return Bibliography::default();
    };
    // One pass over the file's lines finds every key; the duplicates and each entry's
    // span come from that list.
    let keys = all_key_spans(&file.text);
    let duplicates = duplicate_keys(&file, &keys);
    let entries = match yaml::entries::<SourceMeta>(&file.text) {
        Ok(entries) => entries,
        Err(e) => {
            if duplicates.is_empty() {
                report.push(Diagnostic::error(&file, e.offset..e.offset + 1, e.message));
            } else {
                report.extend(duplicates);
            }
            // Whatever keys the file seems to have are reported as part of this error.
            let broken = keys.iter().map(|(key, _)| key.to_string()).collect();
            return Bibliography {
                file: Some(file),
                broken,
                ..Bibliography::default()
            };
        }
    };
    let mut broken = std::collections::BTreeSet::new();
    // A key's first definition, as YAML keeps only one (a repeated key is an error).
    let spans: FxHashMap<&str, Range<usize>> = keys.into_iter().rev().collect();
    let mut sources: Vec<SourceEntry> = Vec::with_capacity(entries.len());
    for (key, meta) in entries {
        let span = spans.get(key.as_str()).cloned().unwrap_or(0..0);
        match meta {
            Ok(meta) => sources.push(SourceEntry { key, meta, span }),
            Err(message) => {
                report.push(Diagnostic::error(
                    &file,
                    span,
                    format!("source `{key}`: {message}"),
                ));
                broken.insert(key);
            }
        }
    }
    sources.sort_by(|a, b| a.key.cmp(&b.key));
    Bibliography {
        entries: sources,
        file: Some(file),
        broken,
    }
}

/// Every top-level key with the byte range of the key itself (not its value), in file
/// order, repeats included.
fn all_key_spans(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some((key, at)) = yaml::line_key(line) {
            spans.push((key, offset + at.start..offset + at.end));
        }
        offset += line.len();
    }
    spans
}

/// A diagnostic for each key written a second time (YAML would keep only one entry).
fn duplicate_keys(file: &FileRef, keys: &[(&str, Range<usize>)]) -> Vec<Diagnostic> {
    let mut first: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    let mut found = Vec::new();
    for (key, span) in keys {
        match first.get(key) {
            Some(&at) => found.push(
                Diagnostic::error(
                    file,
                    span.clone(),
                    format!("source `{key}` is defined twice"),
                )
                .with_help(format!(
                    "the first definition is on line {}; keys must be unique",
                    file.line_col(at).0
                )),
            ),
            None => {
                first.insert(key, span.start);
            }
        }
    }
    found
}

/// Finds the `.md` files of a folder in a stable order.
pub fn markdown_files(root: &Path, folder: Folder, report: &mut Report) -> Vec<PathBuf> {
    let dir = &folder.dir(root);
    if !dir.exists() {
        return Vec::new();
    }
    let mut files = Vec::new();
    // Links are followed only to what lies inside the folder itself: a link to a parent
    // would read the pack twice, one to elsewhere would publish what is not content.
    let inside = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
    let mut escaping = Vec::new();
    let walk = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if e.path_is_symlink() {
                let target = fs::canonicalize(e.path());
                if target
                    .as_ref()
                    .is_ok_and(|t| !t.starts_with(&inside) || *t == inside)
                {
                    escaping.push(e.path().to_path_buf());
                    return false;
                }
            }
            true
        });
    for entry in walk {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(dir).to_path_buf();
                let why = if err.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    err.io_error()
                        .map_or_else(|| err.to_string(), |e| e.to_string())
                };
                report.push(Diagnostic::at_path(
                    &display_path(root, &path),
                    format!("cannot read: {why}"),
                ));
            }
        }
    }
    for path in escaping {
        report.push(
            Diagnostic::at_path(
                &display_path(root, &path),
                "symbolic link to a place outside its folder: not followed",
            )
            .with_help("link only to files and folders inside the folder that holds the link"),
        );
    }
    files
}

/// Loads every document of a folder, reading and parsing files in parallel.
fn load_docs<M: serde::de::DeserializeOwned + Send>(
    root: &Path,
    folder: Folder,
    report: &mut Report,
) -> Vec<Doc<M>> {
    let files = markdown_files(root, folder, report);
    let loaded: Vec<(Option<Doc<M>>, Report)> = crate::readahead::map_files(&files, |path| {
        let mut own = Report::default();
        (load_doc(root, path, &mut own), own)
    });
    let mut docs = Vec::with_capacity(loaded.len());
    for (doc, own) in loaded {
        report.extend(own.items);
        docs.extend(doc);
    }
    docs
}

/// Reads and parses one document.
pub fn load_doc<M: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    report: &mut Report,
) -> Option<Doc<M>> {
    let file = read_file(root, path, report)?;
    parse_doc(file, report)
}

/// Parses one Markdown file's front matter into `M`.
pub fn parse_doc<M: serde::de::DeserializeOwned>(
    file: FileRef,
    report: &mut Report,
) -> Option<Doc<M>> {
    let slug = file.path.file_stem()?.to_string_lossy().into_owned();
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(e) => {
            report.push(
                Diagnostic::error(&file, e.opening, "front matter is not closed")
                    .with_help("end the front matter with a line of three dashes: ---"),
            );
            return None;
        }
    };
    let yaml_range = split.yaml.clone().unwrap_or(0..0);
    let yaml_text = &file.text[yaml_range.clone()];
    let meta = match yaml::from_str::<M>(yaml_text) {
        Ok(m) => m,
        Err(e) => {
            let at = yaml_range.start + e.offset;
            let d = Diagnostic::error(
                &file,
                at..at + 1,
                format!("invalid front matter: {}", e.message),
            );
            report.push(if split.yaml.is_none() {
                d.with_help("start the file with front matter between two lines of ---")
            } else {
                d
            });
            return None;
        }
    };
    let fields = yaml::top_level_keys(yaml_text)
        .into_iter()
        .map(|(k, r)| (k, r.start + yaml_range.start..r.end + yaml_range.start))
        .collect();
    Some(Doc {
        file,
        slug,
        meta,
        fields,
        body: split.body,
    })
}

/// Reads a file as UTF-8 text, dropping a BOM and turning CRLF into LF.
fn read_file(root: &Path, path: &Path, report: &mut Report) -> Option<FileRef> {
    let shown = display_path(root, path);
    let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let markdown = path.extension().is_some_and(|x| x == "md");
    let limit = if markdown { MAX_DOCUMENT } else { MAX_DATA };
    if size > limit {
        let mb = |n: u64| n as f64 / (1024.0 * 1024.0);
        report.push(
            Diagnostic::at_path(
                &shown,
                format!(
                    "file is {:.1} MB: briefing reads files of up to {:.0} MB",
                    mb(size),
                    mb(limit)
                ),
            )
            .with_help(if markdown {
                "split it into several documents"
            } else {
                "split the pack"
            }),
        );
        return None;
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.push(Diagnostic::at_path(&shown, format!("cannot read: {e}")));
            return None;
        }
    };
    match decode(bytes) {
        Ok(text) => Some(Arc::new(SourceFile::new(shown, text))),
        Err((valid_up_to, bytes)) => {
            let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
            let file = Arc::new(SourceFile::new(shown, text));
            report.push(
                Diagnostic::error(
                    &file,
                    valid_up_to..valid_up_to + 1,
                    "file is not UTF-8 text",
                )
                .with_help("save the file as UTF-8 (the byte shown is the first that is not)"),
            );
            None
        }
    }
}

/// The largest Markdown document read, so that one file cannot take the memory of a
/// whole pack: an article's note is measured in kilobytes.
pub const MAX_DOCUMENT: u64 = 2 * 1024 * 1024;

/// The largest `site.yaml` or `sources.yaml` read (a bibliography of 200,000 entries is
/// about 25 MB).
pub const MAX_DATA: u64 = 64 * 1024 * 1024;

/// UTF-8 text with BOM removed and CRLF normalised, or the offset of the first bad byte
/// and the bytes.
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, Vec<u8>)> {
    let text =
        String::from_utf8(bytes).map_err(|e| (e.utf8_error().valid_up_to(), e.into_bytes()))?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// The path as shown in diagnostics: relative to the pack root when inside it.
fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_accepts_bom_and_crlf() {
        let t = decode(b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\n".to_vec()).unwrap();
        assert_eq!(t, "---\ntitle: A\n---\n");
    }

    #[test]
    fn decode_reports_first_invalid_byte() {
        assert_eq!(decode(b"ok\xFFno".to_vec()).unwrap_err().0, 2);
    }
}
