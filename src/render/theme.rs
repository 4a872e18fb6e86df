//! The theme: Tera templates and static assets. The default theme is compiled into the
//! binary; a pack's `themes/<name>/` overrides any template or asset by file name.

use crate::diagnostics::{Diagnostic, FileRef, SourceFile};
use std::path::Path;
use std::sync::Arc;
use tera::{ErrorKind, Tera};
use walkdir::WalkDir;

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// The default theme's files: (path inside the theme, text).
const DEFAULT: &[(&str, &str)] = embedded!(
    "templates/base.html",
    "templates/components.html",
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
    /// Each template's text, under the path a diagnostic shows for it.
    sources: Vec<(String, FileRef)>,
}

/// Loads the theme `name`: the embedded default with the pack's own files on top.
pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut templates: Vec<(String, FileRef)> = Vec::new();
    let mut statics: Vec<(String, Vec<u8>)> = Vec::new();
    let built_in = Path::new("themes/default (built in)");
    for (path, text) in DEFAULT {
        add(
            &mut templates,
            &mut statics,
            built_in,
            path,
            text.as_bytes().to_vec(),
        );
    }
    let dir = root.join("themes").join(name);
    let shown = Path::new("themes").join(name);
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
            add(&mut templates, &mut statics, &shown, &rel, bytes);
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
    let mut tera = Tera::new();
    tera.set_escape_fn(escape);
    let all = templates
        .iter()
        .map(|(n, file)| (n.as_str(), file.text.as_str()));
    if let Err(e) = tera.add_raw_templates(all) {
        return Err(vec![diagnose(&templates, &shown, e)]);
    }
    Ok(Theme {
        tera,
        statics,
        sources: templates,
    })
}

/// The escaping of `{{ value }}`: the entities of briefing's own HTML ([`super::html::Esc`]),
/// written a run of text at a time (Tera's default writes a byte at a time).
fn escape(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    write!(out, "{}", super::html::Esc(text))
}

fn add(
    templates: &mut Vec<(String, FileRef)>,
    statics: &mut Vec<(String, Vec<u8>)>,
    theme: &Path,
    path: &str,
    bytes: Vec<u8>,
) {
    if let Some(name) = path.strip_prefix("templates/") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let file = Arc::new(SourceFile::new(theme.join(path), text));
        templates.retain(|(n, _)| n != name);
        templates.push((name.to_string(), file));
    } else if let Some(name) = path.strip_prefix("static/") {
        statics.retain(|(n, _)| n != name);
        statics.push((name.to_string(), bytes));
    }
}

impl Theme {
    /// A Tera error met rendering `template`, as a diagnostic ([`diagnose`]).
    pub fn error(&self, template: &Path, e: tera::Error) -> Diagnostic {
        diagnose(&self.sources, template, e)
    }
}

/// A Tera error as a diagnostic: at the template's line and column, with the line shown,
/// when Tera knows where it stands; else at `fallback` (the template rendered, or the
/// theme's folder).
fn diagnose(sources: &[(String, FileRef)], fallback: &Path, e: tera::Error) -> Diagnostic {
    let placed = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => sources
            .iter()
            .find(|(name, _)| name == report.filename())
            .map(|(_, file)| (file, report)),
        _ => None,
    };
    if let Some((file, report)) = placed {
        let span = report.span().range.clone();
        let span = span.start.min(file.text.len())..span.end.min(file.text.len());
        return Diagnostic::error(file, span, format!("template error: {}", report.message()));
    }
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let shown = sources
        .iter()
        .find(|(name, _)| Path::new(name) == fallback)
        .map_or_else(|| fallback.to_path_buf(), |(_, f)| f.path.clone());
    Diagnostic::at_path(&shown, format!("template error: {message}"))
}
