//! Hostile and unlucky input: raw HTML made inert when the pack asks for it, the same
//! bytes whatever the number of threads, and a build killed at any moment leaves the
//! previous output complete.

mod common;

use common::*;
use std::fs;
use std::process::Command;

fn all_html(out: &std::path::Path) -> String {
    tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json") || p.ends_with(".xml"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn unsafe_html_false_makes_scripts_and_handlers_inert() {
    let (_dir, root) = copy_fixture("hostile");
    let out = build_ok(&root, &[]);
    let note = read(&out.join("notes/hostile/index.html"));
    assert!(
        note.contains("&lt;script&gt;alert(&#39;inline&#39;)&lt;/script&gt;")
            || note.contains("&lt;script&gt;alert('inline')&lt;/script&gt;"),
        "{note}"
    );
    let everything = all_html(&out);
    for bad in [
        "<script>alert",
        "<span onclick",
        "<div onmouseover",
        "<img src=x onerror",
        "<iframe",
    ] {
        assert!(!everything.contains(bad), "`{bad}` survived");
    }
    for url in attr_values(&everything, "href")
        .into_iter()
        .chain(attr_values(&everything, "src"))
    {
        let lower = url.to_ascii_lowercase();
        assert!(
            !lower.starts_with("javascript:") && !lower.starts_with("data:"),
            "a link to `{url}` survived"
        );
    }
    assert!(
        note.contains("href=\"https://example.org\""),
        "safe links must stay"
    );
}

#[test]
fn raw_html_passes_for_trusted_packs() {
    let (_dir, root) = copy_fixture("hostile");
    let site = root.join("content/site.yaml");
    fs::write(
        &site,
        read(&site).replace("unsafe_html: false", "unsafe_html: true"),
    )
    .unwrap();
    let out = build_ok(&root, &[]);
    let note = read(&out.join("notes/hostile/index.html"));
    assert!(note.contains("<span onclick=\"alert(2)\">a span</span>"));
    // Front matter is escaped either way.
    assert!(
        note.contains("<h1>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</h1>"),
        "{note}"
    );
}

#[test]
fn output_is_the_same_whatever_the_number_of_threads() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::tempdir().unwrap();
    let mut trees = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = dir.path().join(format!("site-{threads}"));
        let o = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["build", "--root", root, "--output", out.to_str().unwrap()])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        trees.push(tree(&out));
    }
    assert!(trees[0].len() > 100);
    assert!(
        trees[0] == trees[1] && trees[1] == trees[2],
        "builds differ with the number of threads"
    );
}

/// A pack big enough that a build takes a while.
fn big_pack(root: &std::path::Path, notes: usize) {
    let content = root.join("content");
    fs::create_dir_all(content.join("notes")).unwrap();
    fs::create_dir_all(content.join("actors")).unwrap();
    fs::write(content.join("site.yaml"), "title: Big\n").unwrap();
    fs::write(content.join("sources.yaml"), "src:\n  title: A source\n").unwrap();
    for a in 0..20 {
        fs::write(
            content.join(format!("actors/a{a}.md")),
            format!("---\nname: Actor {a}\n---\n"),
        )
        .unwrap();
    }
    let para = "Words about the talks and the ceasefire, ".repeat(40);
    for n in 0..notes {
        let text = format!(
            "---\ntitle: Note {n}\nsource: src\n---\n[[a{}]] said {para} [@src].\n\n- 2025-01-{:02}: [[a{}]] met [[a{}]]\n",
            n % 20,
            1 + n % 28,
            n % 7,
            n % 11
        );
        fs::write(content.join(format!("notes/n{n}.md")), text).unwrap();
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("pack");
    big_pack(&root, 1500);
    // Two builds, so that the killed ones start from a spare folder and update it.
    build_ok(&root, &[]);
    let started = std::time::Instant::now();
    let out = build_ok(&root, &[]);
    let took = started.elapsed();
    let before = tree(&out);
    // Change the pack, and build the changed pack elsewhere to know what a finished
    // build of it holds.
    fs::write(root.join("content/site.yaml"), "title: Big, changed\n").unwrap();
    let reference = dir.path().join("reference");
    let o = briefing(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        reference.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let after = tree(&reference);
    assert!(before != after);
    // Kill at moments spread over a whole build, writing phase included.
    for tenth in 1..=12u32 {
        let delay = took * tenth / 10;
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["build", "--root", root.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = tree(&out);
        let intact = now == before || now == after;
        assert!(intact, "killed at {delay:?}: the output is neither the previous build nor the new one ({} files)", now.len());
        if now == after {
            break;
        }
    }
    // The next build cleans up what killed ones left beside the output.
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success());
    let leftovers: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output") && n != ".output.spare")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    assert!(tree(&out) == after);
}

#[test]
fn a_document_naming_an_actor_many_times_does_not_swell_its_page() {
    let (_dir, root) = copy_fixture("basic");
    let body = "[[gloriana]] spoke again. ".repeat(100);
    fs::write(
        root.join("content/notes/talkative.md"),
        format!("---\ntitle: Talkative\n---\n{body}\n"),
    )
    .unwrap();
    let out = build_ok(&root, &[]);
    let page = read(&out.join("actors/gloriana/index.html"));
    let listed = page
        .matches("href=\"../../notes/talkative/#mention-")
        .count();
    assert_eq!(listed, 25, "places listed for one note");
    assert!(
        page.contains("… and 75 more in <a href=\"../../notes/talkative/\">Talkative</a>"),
        "no count of the rest"
    );
    assert!(page.contains("Talkative</a> <span class=\"count\">(100)</span>"));
}
