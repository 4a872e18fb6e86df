//! Fuzzes the front-matter splitter and the YAML reading of a note, an actor and a
//! bibliography: any bytes must give a document or diagnostics, never a panic, and every
//! diagnostic must render.
#![no_main]

use briefing::diagnostics::{Report, SourceFile};
use briefing::load::{decode, parse_doc, ActorMeta, NoteMeta};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::Arc;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = decode(bytes.to_vec()) else { return };
    if let Ok(split) = briefing::frontmatter::split(&text) {
        assert!(split.body.end <= text.len());
    }
    let file = Arc::new(SourceFile::new(PathBuf::from("content/notes/fuzz.md"), text));
    let mut report = Report::default();
    let _ = parse_doc::<NoteMeta>(file.clone(), &mut report);
    let _ = parse_doc::<ActorMeta>(file, &mut report);
    let _ = report.render();
});
