//! The corpus of bad inputs: each case under tests/bad_inputs/cases/ is the small pack in
//! tests/bad_inputs/base/ with the case's files laid over it (or, for the cases marked
//! GENERATED, files made here: symbolic link loops, a 50 MB note, deep nesting). For
//! each, `briefing check` must print exactly the case's `expected.txt` (exit status and
//! diagnostics), without a crash. `UPDATE_EXPECT=1` rewrites the expected files after a
//! deliberate change.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs")
}

/// Makes the files of a generated case in the pack at `root`.
fn generate(case: &str, root: &Path) {
    let notes = root.join("content/notes");
    match case {
        "symlink-loop" => {
            std::os::unix::fs::symlink("..", notes.join("loop")).unwrap();
        }
        "dangling-symlink" => {
            std::os::unix::fs::symlink("missing-target.md", notes.join("gone.md")).unwrap();
        }
        "huge-note" | "large-note" => {
            let size = if case == "huge-note" {
                50_000_000
            } else {
                2_000_000
            };
            let para = "The delegations met again in Istanbul and [[erdogan]] spoke of a ceasefire [@good-source]. ".repeat(10) + "\n\n";
            let body = para.repeat(size / para.len() + 1);
            fs::write(
                notes.join("big.md"),
                format!("---\ntitle: Big\n---\n{body}"),
            )
            .unwrap();
        }
        "one-long-paragraph" => {
            let body = "words and more words [[erdogan]] ".repeat(60_000);
            fs::write(
                notes.join("long.md"),
                format!("---\ntitle: Long\n---\n{body}\n"),
            )
            .unwrap();
        }
        "deep-nesting" => {
            let mut text = String::from("---\ntitle: Deep\n---\n");
            for depth in 0..2000 {
                text.push_str(&"  ".repeat(depth));
                text.push_str("- 2025: nested [[erdogan]] [@good-source]\n");
            }
            text.push('\n');
            text.push_str(&"> ".repeat(3000));
            text.push_str("a quote nested three thousand times\n");
            fs::write(notes.join("deep.md"), text).unwrap();
        }
        other => panic!("no generator for {other}"),
    }
}

fn run_case(case: &Path) -> String {
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    copy_tree(&corpus().join("base"), &root);
    if case.join("GENERATED").is_file() {
        generate(&name, &root);
    } else {
        copy_tree(&case.join("content"), &root.join("content"));
    }
    let o = briefing(&["check", "--root", root.to_str().unwrap()]);
    let code = o
        .status
        .code()
        .map_or("killed by a signal".into(), |c| c.to_string());
    assert!(o.status.code().is_some(), "{name}: briefing crashed");
    assert!(
        !stderr(&o).contains("panicked"),
        "{name}: briefing panicked:\n{}",
        stderr(&o)
    );
    format!("exit: {code}\n{}{}", stdout(&o), stderr(&o))
}

#[test]
fn every_bad_input_gets_its_exact_diagnostic() {
    let mut cases: Vec<PathBuf> = fs::read_dir(corpus().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "the corpus has only {} cases",
        cases.len()
    );
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut wrong = Vec::new();
    for case in &cases {
        let actual = run_case(case);
        let expected_file = case.join("expected.txt");
        if update {
            fs::write(&expected_file, &actual).unwrap();
        }
        let expected = fs::read_to_string(&expected_file).unwrap_or_default();
        if actual != expected {
            wrong.push(format!(
                "--- {}\nexpected:\n{expected}\nactual:\n{actual}",
                case.display()
            ));
        }
        if actual.contains(": error: ") {
            assert!(
                actual.starts_with("exit: 1\n"),
                "{}: errors but exit status 0",
                case.display()
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
