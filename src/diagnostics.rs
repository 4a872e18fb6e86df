//! Diagnostics as data: every problem a stage finds is a [`Diagnostic`] tied to a file
//! and a byte range; [`Report`] collects them from all files and prints them together,
//! each as `path:line:col: severity: message` (the form editors and CI annotators parse)
//! followed by the source line and a caret under the offending text.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How bad a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A file's text as read, kept so a diagnostic can show its line.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the pack root when possible).
    pub path: PathBuf,
    /// The text after BOM removal and CRLF normalisation; shared with the annotated body,
    /// whose runs of text are ranges of it.
    pub text: Arc<String>,
    /// Byte offsets where lines start, computed on the first diagnostic.
    lines: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        Self {
            path,
            text: Arc::new(text),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of byte `offset`, in time logarithmic
    /// in the number of lines, however many diagnostics a file has.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let lines = self.lines.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = lines.partition_point(|&start| start <= offset);
        let start = lines[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// A shared handle on a file's text; cheap to clone into every diagnostic.
pub type FileRef = Arc<SourceFile>;

/// One problem in one place.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<FileRef>,
    /// Byte range in `file.text`; ignored when there is no file.
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &FileRef, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: Some(file.clone()),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: &FileRef, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, span, message)
        }
    }

    /// A problem that belongs to no file's text (a missing file, an unreadable folder).
    pub fn at_path(path: &Path, message: impl Into<String>) -> Self {
        let file = Arc::new(SourceFile::new(path.to_path_buf(), String::new()));
        Self::error(&file, 0..0, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based line and column (in characters) of the span's start.
    pub fn line_col(&self) -> (usize, usize) {
        match &self.file {
            Some(f) => f.line_col(self.span.start),
            None => (1, 1),
        }
    }

    /// `path:line:col` of the span's start.
    pub fn location(&self) -> String {
        let (line, col) = self.line_col();
        let path = self
            .file
            .as_ref()
            .map(|f| f.path.display().to_string())
            .unwrap_or_default();
        format!("{path}:{line}:{col}")
    }

    /// The diagnostic as printed: header, source line with caret, help.
    pub fn render(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{}: {severity}: {}\n", self.location(), self.message);
        if let Some(file) = &self.file {
            if !file.text.is_empty() {
                render_snippet(&mut out, file, &self.span);
            }
        }
        if let Some(help) = &self.help {
            let gutter = " ".repeat(self.line_col().0.to_string().len());
            let _ = writeln!(out, "{gutter} = help: {help}");
        }
        out
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn render_snippet(out: &mut String, file: &SourceFile, span: &Range<usize>) {
    let text = &file.text;
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[line_start..line_end];
    let (line_no, col) = file.line_col(start);
    let end = floor_char_boundary(text, span.end.clamp(start, line_end));
    let width = text[start..end].chars().count().max(1);
    let gutter = line_no.to_string().len();
    let shown: String = line.chars().take(200).collect();
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{line_no} | {shown}");
    let _ = writeln!(
        out,
        "{:gutter$} | {}{}",
        "",
        " ".repeat(col - 1),
        "^".repeat(width.min(200))
    );
}

/// All diagnostics of a run, in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    pub items: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Sorts by file, then position, so output does not depend on thread scheduling.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let pa = a.file.as_ref().map(|f| &f.path);
            let pb = b.file.as_ref().map(|f| &f.path);
            (pa, a.span.start, a.severity, &a.message).cmp(&(
                pb,
                b.span.start,
                b.severity,
                &b.message,
            ))
        });
    }

    /// Every diagnostic rendered, separated by blank lines.
    pub fn render(&self) -> String {
        self.items
            .iter()
            .map(Diagnostic::render)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The closest candidate to `wanted`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> FileRef {
        Arc::new(SourceFile::new(
            PathBuf::from("content/notes/a.md"),
            text.to_string(),
        ))
    }

    #[test]
    fn line_and_column_count_characters() {
        let f = file("ab\ncdé f");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(f.line_col(8), (2, 5));
        assert_eq!(f.line_col(99), (2, 6));
    }

    #[test]
    fn render_shows_location_line_and_caret() {
        let f = file("title\n- 2025-01-01: [[erdgan]] said\n");
        let d = Diagnostic::error(&f, 20..30, "unknown actor `erdgan`")
            .with_help("did you mean `erdogan`?");
        let out = d.render();
        assert!(
            out.starts_with("content/notes/a.md:2:15: error: unknown actor `erdgan`\n"),
            "{out}"
        );
        assert!(out.contains("2 | - 2025-01-01: [[erdgan]] said\n"), "{out}");
        assert!(out.contains("  |               ^^^^^^^^^^\n"), "{out}");
        assert!(out.contains("= help: did you mean `erdogan`?"), "{out}");
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let ids = ["erdogan", "putin", "zelensky"];
        assert_eq!(did_you_mean("erdgan", ids), Some("erdogan"));
        assert_eq!(did_you_mean("biden", ids), None);
    }
}
