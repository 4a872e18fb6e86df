//! Replays the fuzzers' seed corpus and every input that once crashed a fuzz target
//! (fuzz/regressions/) through the same code the fuzz targets drive: the annotation
//! adapters, the front-matter splitter and the YAML reading of notes and actors.

use briefing::diagnostics::{Report, SourceFile};
use briefing::load::{decode, parse_doc, ActorMeta, NoteMeta};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn inputs() -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(fuzz.join("seeds"))
        .into_iter()
        .chain(walkdir::WalkDir::new(fuzz.join("regressions")))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != "README.md")
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_past_crash_is_handled() {
    let files = inputs();
    assert!(files.len() >= 9, "the seed corpus is missing");
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(text) = decode(bytes) else { continue };
        let ann = briefing::annotate::annotate(&std::sync::Arc::new(text.clone()), 0);
        assert!(
            ann.mentions
                .iter()
                .all(|m| m.span.range().end <= text.len()),
            "{}",
            path.display()
        );
        let file = Arc::new(SourceFile::new(PathBuf::from("content/notes/x.md"), text));
        let mut report = Report::default();
        let _ = parse_doc::<NoteMeta>(file.clone(), &mut report);
        let _ = parse_doc::<ActorMeta>(file, &mut report);
        let _ = report.render();
    }
}
