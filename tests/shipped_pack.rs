//! The pack shipped in content/ builds cleanly and stays a useful briefing: every actor
//! is mentioned in a note, every source is cited, the chronology holds the process's key
//! moments, and every link resolves.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn build_shipped() -> (tempfile::TempDir, std::path::PathBuf, Value) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = env!("CARGO_MANIFEST_DIR");
    let o = briefing(&["build", "--root", root, "--output", out.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "the shipped pack does not build:\n{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o), "", "the shipped pack builds with warnings");
    let pack = serde_json::from_str(&read(&out.join("data/pack.json"))).unwrap();
    (dir, out, pack)
}

fn list<'a>(pack: &'a Value, key: &str) -> &'a Vec<Value> {
    pack[key].as_array().unwrap()
}

#[test]
fn check_passes_without_warnings() {
    let o = briefing(&["check", "--root", env!("CARGO_MANIFEST_DIR")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "check passed: 0 warning(s)\n");
}

#[test]
fn five_notes_each_with_its_article() {
    let (_dir, _out, pack) = build_shipped();
    let notes = list(&pack, "notes");
    assert_eq!(notes.len(), 5);
    for n in notes {
        assert!(n["source"].is_string(), "note {} has no source", n["slug"]);
        assert!(
            n["summary"].is_string(),
            "note {} has no summary",
            n["slug"]
        );
    }
}

#[test]
fn every_actor_is_mentioned_in_a_note() {
    let (_dir, _out, pack) = build_shipped();
    let mentioned: BTreeSet<&str> = list(&pack, "notes")
        .iter()
        .flat_map(|n| n["mentions"].as_array().unwrap())
        .map(|m| m["actor"].as_str().unwrap())
        .collect();
    let unmentioned: Vec<&str> = list(&pack, "actors")
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .filter(|id| !mentioned.contains(id))
        .collect();
    assert!(
        unmentioned.is_empty(),
        "actors no note mentions: {unmentioned:?}"
    );
}

#[test]
fn every_source_is_cited() {
    let (_dir, _out, pack) = build_shipped();
    let uncited: Vec<&str> = list(&pack, "sources")
        .iter()
        .filter(|s| s["cited_by"].as_array().unwrap().is_empty())
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(uncited.is_empty(), "sources nothing cites: {uncited:?}");
}

#[test]
fn the_chronology_holds_the_key_moments() {
    let (_dir, _out, pack) = build_shipped();
    let events = list(&pack, "events");
    assert!(events.len() >= 60, "only {} events", events.len());
    let has = |date: &str, actor: &str| {
        events.iter().any(|e| {
            e["date"].as_str().unwrap().contains(date)
                && e["actors"].as_array().unwrap().iter().any(|a| a == actor)
        })
    };
    for (date, actor, what) in [
        ("2022", "ukraine", "the Istanbul talks of 2022"),
        ("2025-05", "turkey", "the Istanbul talks of May 2025"),
        ("2025-08-15", "putin", "the Alaska meeting"),
        (
            "2025-09-04",
            "coalition-of-the-willing",
            "the Paris meeting",
        ),
        ("2025-09-07", "russia", "the air attack of 7 September"),
        ("2025-11-27", "grushko", "Grushko's statement"),
        (
            "2025-11-27",
            "turkish-defence-ministry",
            "Türkiye's statement",
        ),
        ("2025-12-17", "kremlin", "the Kremlin's shift"),
    ] {
        assert!(has(date, actor), "no event for {what} ({date}, {actor})");
    }
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert_eq!(dates.first().copied(), Some("1938"));
    assert!(dates.last().unwrap().starts_with("2025-12"));
}

#[test]
fn every_link_resolves_and_pages_exist() {
    let (_dir, out, pack) = build_shipped();
    assert_links_resolve(&out, "/");
    for a in list(&pack, "actors") {
        let page = out.join(format!("actors/{}/index.html", a["id"].as_str().unwrap()));
        assert!(Path::new(&page).is_file());
    }
    for p in [
        "pages/about/index.html",
        "pages/synthesis/index.html",
        "pages/method/index.html",
    ] {
        assert!(out.join(p).is_file(), "missing {p}");
    }
}
