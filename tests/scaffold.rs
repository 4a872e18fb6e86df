//! `init` makes a pack that builds at once; `new note` and `new actor` make files that
//! build, print their path and never overwrite.

mod common;

use common::*;

#[test]
fn init_makes_a_pack_that_builds_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    let o = briefing(&["init", pack.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("created "));
    let o = briefing(&["check", "--root", pack.to_str().unwrap()]);
    assert_eq!(stdout(&o), "check passed: 0 warning(s)\n", "{}", stderr(&o));
    let out = build_ok(&pack, &[]);
    let note = read(&out.join("notes/example-note/index.html"));
    assert!(note.contains("class=\"mention\""));
    assert!(read(&out.join("chronology/index.html")).contains("4 September 2025"));
    let again = briefing(&["init", pack.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("refusing to overwrite"));
}

#[test]
fn new_note_and_actor_build_and_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    assert!(briefing(&["init", pack.to_str().unwrap()]).status.success());
    let root = pack.to_str().unwrap();
    let o = briefing(&[
        "new",
        "note",
        "talks-resume",
        "--source",
        "example-article",
        "--root",
        root,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = stdout(&o).trim().to_string();
    assert!(path.ends_with("content/notes/talks-resume.md"), "{path}");
    let text = read(std::path::Path::new(&path));
    assert!(
        text.starts_with("---\ntitle: \"Talks Resume\"\nsource: example-article\n"),
        "{text}"
    );

    let o = briefing(&[
        "new",
        "actor",
        "grushko",
        "--name",
        "Alexander Grushko",
        "--kind",
        "person",
        "--root",
        root,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let actor = read(&pack.join("content/actors/grushko.md"));
    assert!(
        actor.contains("name: \"Alexander Grushko\"\nkind: person\n"),
        "{actor}"
    );

    let out = build_ok(&pack, &[]);
    assert!(out.join("notes/talks-resume/index.html").is_file());
    assert!(out.join("actors/grushko/index.html").is_file());

    std::fs::write(&path, "edited by hand").unwrap();
    let o = briefing(&["new", "note", "talks-resume", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists: refusing to overwrite it"));
    assert_eq!(read(std::path::Path::new(&path)), "edited by hand");
}

#[test]
fn new_refuses_bad_names_and_folders_that_are_not_packs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let o = briefing(&["new", "note", "a-note", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a briefing pack"), "{}", stderr(&o));
    let pack = dir.path().join("pack");
    assert!(briefing(&["init", pack.to_str().unwrap()]).status.success());
    let o = briefing(&[
        "new",
        "actor",
        "Bad Id",
        "--name",
        "X",
        "--root",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("(for example `bad-id`)"),
        "{}",
        stderr(&o)
    );
    let o = briefing(&["new", "note", "../escape", "--root", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("escape.md").exists());
}
