//! Scaffolding: `init` makes a new pack that builds at once, `new note` and `new actor`
//! create files with their front matter filled in. Nothing is ever overwritten.

use crate::ids;
use crate::load::ActorKind;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Creates the files of a new pack in `dir`; refuses when `dir` already holds `content/`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let content = dir.join("content");
    if content.exists() {
        return Err(format!(
            "{} already exists: refusing to overwrite a pack",
            content.display()
        ));
    }
    let files: [(&str, &str); 5] = [
        ("content/site.yaml", SITE),
        ("content/sources.yaml", SOURCES),
        ("content/actors/example-minister.md", ACTOR),
        ("content/notes/example-note.md", NOTE),
        ("content/pages/about.md", ABOUT),
    ];
    files
        .iter()
        .map(|(path, text)| create(&dir.join(path), text))
        .collect()
}

/// Creates `content/notes/<slug>.md` in the pack at `root`.
pub fn new_note(
    root: &Path,
    slug: &str,
    source: Option<&str>,
    today: &str,
) -> Result<PathBuf, String> {
    if !ids::is_slug(slug) {
        return Err(format!(
            "`{slug}` is not a valid note slug: use lowercase letters a-z, digits, `-` and `_` (for example `{}`)",
            ids::slugify(slug)
        ));
    }
    refuse_duplicate(root, "notes", slug)?;
    let title = title_from_slug(slug);
    let mut front = format!("---\ntitle: \"{title}\"\n");
    match source {
        Some(key) => front.push_str(&format!("source: {key}\n")),
        None => front.push_str(&format!("date: {today}\n")),
    }
    front.push_str("tags: []\nsummary: \"\"\n---\n");
    let cite = source.map(|k| format!(" [@{k}]")).unwrap_or_default();
    let body = format!(
        "## Summary\n\nWhat the article says, in your own words; write actors as `[[id]]` and sources as `[@key]`{cite}.\n\n\
         ## Events\n\n- {today}: What happened, and who took part{cite}\n\n## Assessment\n\nWhat the article adds, and its limits.\n"
    );
    create(
        &root.join("content/notes").join(format!("{slug}.md")),
        &(front + &body),
    )
}

/// Creates `content/actors/<id>.md` in the pack at `root`.
pub fn new_actor(root: &Path, id: &str, name: &str, kind: ActorKind) -> Result<PathBuf, String> {
    if !ids::is_id(id) {
        return Err(format!(
            "`{id}` is not a valid actor id: use lowercase letters a-z, digits and `-` (for example `{}`)",
            ids::slugify(id)
        ));
    }
    refuse_duplicate(root, "actors", id)?;
    let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
    let text = format!(
        "---\nname: \"{quoted}\"\nkind: {}\naliases: []\nrole: \"\"\n---\nA short profile of {name}: who they are and what the notes say of them, with `[[id]]` mentions and `[@key]` citations.\n",
        kind.as_str()
    );
    create(&root.join("content/actors").join(format!("{id}.md")), &text)
}

fn refuse_duplicate(root: &Path, folder: &str, stem: &str) -> Result<(), String> {
    let dir = root.join("content").join(folder);
    if !root.join("content/site.yaml").is_file() {
        return Err(format!(
            "{} has no content/site.yaml: not a briefing pack (see `briefing init`)",
            root.display()
        ));
    }
    let existing = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.path().extension().is_some_and(|x| x == "md")
                && e.path().file_stem().is_some_and(|s| s == stem)
        });
    match existing {
        Some(e) => Err(format!(
            "{} already exists: refusing to overwrite it",
            e.path().display()
        )),
        None => Ok(()),
    }
}

fn create(path: &Path, text: &str) -> Result<PathBuf, String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path.to_path_buf())
}

fn title_from_slug(slug: &str) -> String {
    let words: Vec<String> = slug
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

/// Today's date as `YYYY-MM-DD` (UTC), from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

const SITE: &str = "title: \"A new briefing pack\"\ndescription: \"What this pack is about, in one sentence.\"\nbase_url: /\nlanguage: en\n";

const SOURCES: &str = "# The bibliography: key -> title (required), author, publisher, date, url, kind.\nexample-article:\n  title: \"An example article\"\n  author: \"A. Writer\"\n  publisher: \"Example News\"\n  date: 2025-09\n  url: \"https://example.org/article\"\n  kind: article\n";

const ACTOR: &str = "---\nname: \"Example Minister\"\nkind: person\naliases: [the Minister]\nrole: \"Foreign minister of an example state\"\n---\nAn actor of the example note [@example-article].\n";

const NOTE: &str = "---\ntitle: \"An example note\"\nsource: example-article\ntags: [example]\nsummary: \"What a note looks like: mentions, citations, events and a quote.\"\n---\n## Summary\n\n[[example-minister]] said talks would resume [@example-article, p. 2].\n\n## Events\n\n- 2025-09-04: [[example-minister|The minister]] announces new talks [@example-article]\n- ~2025-10: Talks expected to resume\n\n> We will talk again.\n> — [[example-minister]] [@example-article]\n";

const ABOUT: &str = "---\ntitle: About this pack\n---\nWhat this pack covers, which articles it annotates, and how to read it.\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }

    #[test]
    fn titles_from_slugs() {
        assert_eq!(
            title_from_slug("turkish-boots_ceasefire"),
            "Turkish Boots Ceasefire"
        );
    }
}
