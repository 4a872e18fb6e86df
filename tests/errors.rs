//! Bad input: every problem of a pack is reported at once as `path:line:col` with the
//! source line, the exit status is non-zero, and nothing already built is lost.

mod common;

use common::*;
use std::fs;

/// Compares with the expected file; `UPDATE_EXPECT=1` rewrites it after a deliberate change.
fn assert_expected(actual: &str, expected_file: &std::path::Path) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        fs::write(expected_file, actual).unwrap();
    }
    let expected = read(expected_file);
    assert_eq!(
        actual,
        expected,
        "diagnostics differ from {}",
        expected_file.display()
    );
}

#[test]
fn every_error_is_reported_with_file_line_and_column() {
    let (_dir, root) = copy_fixture("errors");
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_expected(&stderr(&o), &fixture("errors.expected"));
    assert!(!root.join("output").exists(), "a failed build wrote output");
}

#[test]
fn check_reports_the_same_and_writes_nothing() {
    let (_dir, root) = copy_fixture("errors");
    let o = briefing(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/notes/unknown-refs.md:5:1: error: unknown actor `erdgan`"),
        "{err}"
    );
    assert!(err.contains("check failed: 17 error(s)"), "{err}");
    assert!(!root.join("output").exists());
}

#[test]
fn check_passes_a_good_pack_and_reports_its_warnings() {
    let o = briefing(&["check", "--root", fixture("basic").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "check passed: 2 warning(s)\n");
    assert!(stderr(&o)
        .contains("content/sources.yaml:18:1: warning: source `unused-source` is never cited"));
    assert!(!fixture("basic").join("output").exists());
}

#[test]
fn warnings_are_reported_with_their_place() {
    let o = briefing(&["check", "--root", fixture("warnings").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "check passed: 5 warning(s)\n");
    assert_expected(&stderr(&o), &fixture("warnings.expected"));
}

#[test]
fn strict_check_fails_on_warnings() {
    let o = briefing(&[
        "check",
        "--strict",
        "--root",
        fixture("warnings").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("check failed: 5 error(s), 0 warning(s)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn build_prints_warnings_and_succeeds() {
    let (_dir, root) = copy_fixture("warnings");
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: note `no-events` has no events"),
        "{}",
        stderr(&o)
    );
    assert!(root.join("output/index.html").is_file());
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    let before = tree(&out);
    let note = root.join("content/notes/2025/talks-resume.md");
    let text = read(&note).replace("[[elphberg]] met", "[[elphberg-typo]] met");
    fs::write(&note, text).unwrap();
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("talks-resume.md:10:1: error: unknown actor `elphberg-typo`"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("the previous output is unchanged"));
    assert_eq!(tree(&out), before, "output changed after a failed build");
    let siblings: Vec<_> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        siblings
            .iter()
            .all(|s| !s.starts_with(".output") || s == ".output.spare"),
        "staging left behind: {siblings:?}"
    );
}

#[test]
fn dangerous_output_folders_are_refused_and_nothing_is_deleted() {
    let (dir, root) = copy_fixture("basic");
    let foreign = root.join("mine");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("thesis.txt"), "years of work").unwrap();
    let home = dir.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let before = tree(dir.path());
    for (output, why) in [
        (root.clone(), "pack's folder"),
        (dir.path().to_path_buf(), "ancestors"),
        (root.join("content"), "content/"),
        (root.join("themes"), "themes/"),
        (foreign.clone(), "did not make"),
        (home.clone(), "home folder"),
        (std::path::PathBuf::from("/"), "file system root"),
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args([
                "build",
                "--root",
                root.to_str().unwrap(),
                "--output",
                output.to_str().unwrap(),
            ])
            .env("HOME", &home)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", output.display());
        let err = stderr(&o);
        assert!(err.contains(why), "{}: {err}", output.display());
    }
    assert_eq!(tree(dir.path()), before, "a refused build changed files");
    assert_eq!(read(&foreign.join("thesis.txt")), "years of work");
}

#[test]
fn a_folder_without_site_yaml_is_not_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let o = briefing(&["build", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/site.yaml:1:1: error: no site.yaml"),
        "{}",
        stderr(&o)
    );
}

/// Makes `mine` the theme of the pack at `root`, with `text` as its template `name`, and
/// builds: the build must fail with a template error at line 3 of that template, shown
/// with its line. Returns what the build printed.
fn build_with_broken_template(root: &std::path::Path, name: &str, text: &str) -> String {
    theme_file(root, &format!("templates/{name}"), text);
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let place = format!("themes/mine/templates/{name}:3:");
    assert!(err.contains(&place), "no {place} in {err}");
    assert!(err.contains("template error"), "{err}");
    let line = text.lines().nth(2).unwrap();
    assert!(err.contains(line), "no source line in {err}");
    err
}

#[test]
fn a_template_that_does_not_parse_is_reported_at_its_line_and_nothing_is_lost() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    let before = tree(&out);
    build_with_broken_template(
        &root,
        "note.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.note.title }</h1>\n{% endblock content %}\n",
    );
    assert_eq!(tree(&out), before, "a failed build changed the output");
}

#[test]
fn a_template_that_names_a_missing_field_is_reported_where_it_names_it() {
    let (_dir, root) = copy_fixture("basic");
    let err = build_with_broken_template(
        &root,
        "source.html",
        "{% extends \"base.html\" %}\n{% block content %}\n  <p>{{ page.source.no_such_field }}</p>\n{% endblock content %}\n",
    );
    // Every source page fails the same way: one report, not one per page.
    assert_eq!(
        err.matches("no_such_field` is not defined").count(),
        1,
        "{err}"
    );
    assert!(!root.join("output").exists(), "a failed build wrote output");
}
