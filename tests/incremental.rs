//! The dev server's incremental rebuilds give, after any sequence of edits, exactly the
//! files a fresh full build gives, while rendering only what an edit can change.

mod common;

use briefing::diagnostics::Report;
use briefing::incremental::Session;
use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut report = Report::default();
    let (_, files) = briefing::render_pack(root, None, false, &mut report).expect("full build");
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

fn served(session: &mut Session) -> BTreeMap<String, Vec<u8>> {
    let files = session.files().expect("a good build");
    files.into_iter().map(|(p, b)| (p, b.to_vec())).collect()
}

fn assert_same(session: &mut Session, root: &Path, step: &str) {
    let ours = served(session);
    let theirs = full_build(root);
    let ours_keys: Vec<_> = ours.keys().collect();
    let theirs_keys: Vec<_> = theirs.keys().collect();
    assert_eq!(ours_keys, theirs_keys, "{step}: the set of files differs");
    for (path, bytes) in &theirs {
        assert!(
            ours[path] == *bytes,
            "{step}: {path} differs from a full build"
        );
    }
}

fn edit(path: &Path, from: &str, to: &str) -> PathBuf {
    let text = read(path);
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    path.to_path_buf()
}

#[test]
fn any_sequence_of_edits_ends_where_a_full_build_does() {
    let (_dir, root) = copy_fixture("basic");
    let mut s = Session::new(&root, None, false);
    let first = s.rebuild(&[]).expect("first build");
    assert!(first.full);
    assert_same(&mut s, &root, "first build");
    let total = first.pages;

    let note = root.join("content/notes/2025/talks-resume.md");
    let changed = edit(&note, "[[elphberg]] met", "[[ruritania]] met");
    let r = s.rebuild(&[changed]).expect("note edit");
    assert!(
        !r.full && r.pages < total,
        "a note edit rendered {} of {total} pages",
        r.pages
    );
    assert_same(&mut s, &root, "mention changed");

    let new_note = root.join("content/notes/new-note.md");
    fs::write(
        &new_note,
        "---\ntitle: New\ntags: [fresh]\n---\n- 2026-01-01: [[gloriana]] arrives [@gamma]\n",
    )
    .unwrap();
    s.rebuild(std::slice::from_ref(&new_note))
        .expect("new note");
    assert_same(&mut s, &root, "note added");
    assert!(served(&mut s).contains_key("tags/fresh/index.html"));

    let changed = edit(
        &new_note,
        "tags: [fresh]",
        "tags: [later]\ndate: 2020-01-01",
    );
    s.rebuild(&[changed]).expect("tag and date changed");
    assert_same(&mut s, &root, "tag renamed");
    assert!(!served(&mut s).contains_key("tags/fresh/index.html"));

    let before = served(&mut s);
    let changed = edit(&new_note, "[[gloriana]]", "[[no-such-actor]]");
    let err = s.rebuild(&[changed]).expect_err("unknown actor");
    assert!(err.render().contains("unknown actor `no-such-actor`"));
    assert_eq!(
        served(&mut s),
        before,
        "a failed rebuild changed what is served"
    );

    let changed = edit(&new_note, "[[no-such-actor]]", "[[gloriana|the Duchess]]");
    s.rebuild(&[changed]).expect("fixed");
    assert_same(&mut s, &root, "error fixed");

    fs::remove_file(&new_note).unwrap();
    s.rebuild(&[new_note]).expect("note deleted");
    assert_same(&mut s, &root, "note deleted");

    let draft = root.join("content/notes/draft-note.md");
    let changed = edit(&draft, "draft: true", "draft: false");
    s.rebuild(&[changed]).expect("draft published");
    assert_same(&mut s, &root, "draft published");

    let moved = root.join("content/notes/2025/bom-note.md");
    fs::rename(root.join("content/notes/bom-note.md"), &moved).unwrap();
    s.rebuild(&[root.join("content/notes/bom-note.md"), moved])
        .expect("note moved");
    assert_same(&mut s, &root, "note moved");

    let actor = root.join("content/actors/people/gloriana.md");
    let changed = edit(&actor, "name: Gloriana XII", "name: Gloriana XIII");
    let r = s.rebuild(&[changed]).expect("actor renamed");
    assert!(r.full, "renaming an actor must re-render every page");
    assert_same(&mut s, &root, "actor renamed");

    let sources = root.join("content/sources.yaml");
    let changed = edit(
        &sources,
        "title: \"Beta interview\"",
        "title: \"Beta interview, revised\"",
    );
    s.rebuild(&[changed]).expect("source edited");
    assert_same(&mut s, &root, "source edited");

    let site = root.join("content/site.yaml");
    let changed = edit(
        &site,
        "title: \"Fixture <Pack> & Co\"",
        "title: \"Renamed pack\"",
    );
    s.rebuild(&[changed]).expect("site renamed");
    assert_same(&mut s, &root, "site renamed");
}

#[test]
fn a_folder_event_rescans_the_folder() {
    let (_dir, root) = copy_fixture("basic");
    let mut s = Session::new(&root, None, false);
    s.rebuild(&[]).unwrap();
    let dir = root.join("content/notes/2026");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("late.md"),
        "---\ntitle: Late\n---\nBody about [[ruritania]].\n",
    )
    .unwrap();
    s.rebuild(&[dir]).unwrap();
    assert_same(&mut s, &root, "folder added");
    assert!(served(&mut s).contains_key("notes/late/index.html"));
}
