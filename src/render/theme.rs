//! The theme: Tera templates and static assets. The default theme is compiled into the
//! binary; a pack's `themes/<name>/` overrides any template or asset by file name.

use crate::diagnostics::Diagnostic;
use std::path::Path;
use tera::Tera;
use walkdir::WalkDir;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme's files: (path inside the theme, text).
const DEFAULT: &[(&str, &str)] = embedded!(
    "templates/base.html",
    "templates/macros.html",
    "templates/home.html",
    "templates/note.html",
    "templates/actors.html",
    "templates/actor.html",
    "templates/chronology.html",
    "templates/sources.html",
    "templates/source.html",
    "templates/tags.html",
    "templates/tag.html",
    "templates/page.html",
    "templates/404.html",
    "templates/print.html",
    "templates/search.html",
    "templates/notes.html",
    "templates/actor_list.html",
    "static/style.css",
    "static/briefing.js",
);

/// Templates ready to render and the static files to copy.
#[derive(Clone)]
pub struct Theme {
    pub tera: Tera,
    /// (path below the output folder, bytes)
    pub statics: Vec<(String, Vec<u8>)>,
}

/// Loads the theme `name`: the embedded default with the pack's own files on top.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut statics: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, text) in DEFAULT {
        add(&mut templates, &mut statics, path, text.as_bytes().to_vec());
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        for entry in WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).expect("below theme dir");
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                vec![Diagnostic::at_path(
                    entry.path(),
                    format!("cannot read: {e}"),
                )]
            })?;
            add(&mut templates, &mut statics, &rel, bytes);
        }
    } else if name != "default" {
        return Err(vec![Diagnostic::at_path(
            Path::new("content/site.yaml"),
            format!("theme `{name}` not found: there is no folder themes/{name}/"),
        )
        .with_help(
            "remove `theme` from site.yaml to use the built-in default theme",
        )]);
    }
    let mut tera = Tera::default();
    // Tera's default also escapes `/`, which makes every URL unreadable in the source.
    tera.set_escape_fn(super::html::escape);
    tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| vec![template_error(&dir, e)])?;
    Ok(Theme { tera, statics })
}

fn add(
    templates: &mut Vec<(String, String)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    path: &str,
    bytes: Vec<u8>,
) {
    if let Some(name) = path.strip_prefix("templates/") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        templates.retain(|(n, _)| n != name);
        templates.push((name.to_string(), text));
    } else if let Some(name) = path.strip_prefix("static/") {
        statics.retain(|(n, _)| n != name);
        statics.push((name.to_string(), bytes));
    }
}

/// A Tera error with its chain of causes, which carry the template's line.
pub fn template_error(dir: &Path, e: tera::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::at_path(dir, format!("template error: {message}"))
}
