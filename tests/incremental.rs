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

/// The build's warnings, as `check` prints them.
fn warnings(report: &Report) -> Vec<String> {
    let mut r = Report::default();
    r.extend(report.items.iter().cloned());
    r.sort();
    r.items.iter().map(|d| d.render()).collect()
}

/// A copy of the shipped pack in a fresh temporary folder (returned with its guard).
fn shipped_pack() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &root.join("content"),
    );
    (dir, root)
}

#[test]
fn notes_edited_in_place_end_where_a_full_build_does() {
    let (_dir, root) = shipped_pack();
    let mut s = Session::new(&root, None, false);
    s.rebuild(&[]).expect("first build");
    let notes: Vec<PathBuf> = [
        "turkey-complex-role",
        "kremlin-opens-troop-talks",
        "khar-peace-negotiations",
    ]
    .iter()
    .map(|n| root.join(format!("content/notes/{n}.md")))
    .collect();
    // Each edit keeps the note's place in the notes' order, so the site is updated in
    // place: mentions, citations, events, quotes and the counts of co-mentions all move.
    let edits: [(&str, &str); 4] = [
        ("", "\n\n- 2019-05-01: [[putin]] and [[erdogan]] meet again [@khar-2025]\n\n> Words.\n> — [[erdogan]] [@conroy-2025]\n"),
        ("[[lavrov|Lavrov]]", "Lavrov"),
        ("[[peskov]]", "[[lavrov]]"),
        ("[[turkey|Türkiye]]", "[[russia|Türkiye]] [@nextfin-2025]"),
    ];
    let mut quick = 0;
    for note in &notes {
        for (from, to) in edits {
            let text = read(note);
            if !text.contains(from) {
                continue;
            }
            let edited = if from.is_empty() {
                format!("{text}{to}")
            } else {
                text.replace(from, to)
            };
            fs::write(note, edited).unwrap();
            let step = format!("{} after {from:?} -> {to:?}", note.display());
            let r = s.rebuild(std::slice::from_ref(note)).expect(&step);
            assert!(!r.full, "{step}: rendered everything");
            quick += usize::from(r.in_place);
            assert_same(&mut s, &root, &step);
            let mut full = Report::default();
            briefing::render_pack(&root, None, false, &mut full).expect("full build");
            assert_eq!(
                warnings(&r.report),
                warnings(&full),
                "{step}: the warnings differ"
            );
        }
    }
    assert!(quick >= 6, "only {quick} edits were made in place");

    // Two neighbours edited at once, each still in place beside the other's old date but
    // not beside its new one: they swap places.
    let newer = root.join("content/notes/kremlin-opens-troop-talks.md");
    let older = root.join("content/notes/turkish-boots-ceasefire.md");
    let both = [
        edit(&newer, "date: 2025-12-17", "date: 2025-12-01"),
        edit(&older, "date: 2025-11-28", "date: 2025-12-10"),
    ];
    s.rebuild(&both).expect("two dates changed");
    assert_same(&mut s, &root, "two neighbours swapped");

    // A new tag page: the note is put back and the full way taken, same result.
    let changed = edit(&notes[1], "tags: [", "tags: [a-new-tag, ");
    let r = s.rebuild(&[changed]).expect("tag added");
    assert!(!r.in_place, "a new tag page was missed");
    assert_same(&mut s, &root, "tag added");

    // A new date moves the note in the notes' order: the full way, same result.
    let changed = edit(
        &notes[0],
        "source: turkey-complex-role",
        "source: turkey-complex-role\ndate: 1999-01-01",
    );
    let r = s.rebuild(&[changed]).expect("date changed");
    assert!(!r.in_place, "a note that moved was patched in place");
    assert_same(&mut s, &root, "date changed");
}

#[test]
fn the_pages_of_a_split_chronology_follow_edits() {
    let (_dir, root) = shipped_pack();
    set_page_size(&root, 20);
    let mut s = Session::new(&root, None, false);
    s.rebuild(&[]).expect("first build");
    assert_same(&mut s, &root, "first build");
    let note = root.join("content/notes/khar-peace-negotiations.md");
    // An event's words change, its page stays: the site is updated in place.
    let changed = edit(
        &note,
        "[[russia]] annexes Crimea",
        "[[russia]] seizes Crimea",
    );
    let r = s.rebuild(&[changed]).expect("event edited");
    assert!(r.in_place, "an edited event needed the full way");
    assert_same(&mut s, &root, "event edited");
    // An event in a month before all others adds a page: the full way, same result.
    fs::write(
        &note,
        read(&note) + "\n\n- 1990-05-01: [[putin]] and [[erdogan]] meet [@khar-2025]\n",
    )
    .unwrap();
    let r = s.rebuild(std::slice::from_ref(&note)).expect("event added");
    assert!(!r.in_place, "a new page of the chronology was missed");
    assert_same(&mut s, &root, "event added");
    assert!(served(&mut s).contains_key("chronology/1990/index.html"));
}

#[test]
fn the_numbered_pages_follow_edits() {
    let (_dir, root) = copy_fixture("basic");
    set_page_size(&root, 2);
    let mut s = Session::new(&root, None, false);
    s.rebuild(&[]).expect("first build");
    let page = "actors/elphberg/mentions/2/index.html";
    assert!(served(&mut s).contains_key(page));
    let note = root.join("content/notes/bom-note.md");
    // One of the note's two mentions goes; its page stays: in place.
    let changed = edit(&note, "about [[elphberg]].", "about Elphberg.");
    let r = s.rebuild(&[changed]).expect("a mention less");
    assert!(r.in_place, "the edit needed the full way");
    assert_same(&mut s, &root, "a mention less");
    // The other goes, and the page with it: the full way, same result.
    let changed = edit(&note, "Year opens [[elphberg]]", "Year opens");
    let r = s.rebuild(&[changed]).expect("no mention left");
    assert!(!r.in_place, "a page that went was missed");
    assert_same(&mut s, &root, "no mention left");
    assert!(!served(&mut s).contains_key(page));
    // A third note tagged `talks` gives the tag a second page, in place; untagged, the
    // page goes: the full way, same result.
    let page = "tags/talks/page/2/index.html";
    let changed = edit(&note, "title: BOM note", "title: BOM note\ntags: [talks]");
    let r = s.rebuild(&[changed]).expect("tagged");
    assert!(r.in_place, "a new page of a tag needed the full way");
    assert_same(&mut s, &root, "tagged");
    assert!(served(&mut s).contains_key(page));
    let changed = edit(&note, "\ntags: [talks]", "");
    let r = s.rebuild(&[changed]).expect("untagged");
    assert!(!r.in_place, "a page that went was missed");
    assert_same(&mut s, &root, "untagged");
    assert!(!served(&mut s).contains_key(page));
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
