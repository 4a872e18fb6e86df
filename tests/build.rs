//! Builds the fixture pack and checks what a reader of the site would notice: the pages
//! exist, links and anchors resolve, back-references are complete, the chronology is in
//! order, and annotations render as they should.

mod common;

use common::*;
use serde_json::Value;
use std::fs;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    (dir, out)
}

fn pack(out: &std::path::Path) -> Value {
    serde_json::from_str(&read(&out.join("data/pack.json"))).unwrap()
}

#[test]
fn summary_line_counts_what_was_built() {
    let (_dir, root) = copy_fixture("basic");
    let o = briefing(&["build", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&o);
    assert!(
        line.starts_with("built 3 notes, 4 actors, 4 sources, 7 events -> "),
        "{line}"
    );
    assert!(line.trim_end().ends_with(" ms"), "{line}");
}

#[test]
fn every_page_of_the_url_scheme_exists() {
    let (_dir, out) = built();
    for page in [
        "index.html",
        "notes/talks-resume/index.html",
        "notes/crlf-note/index.html",
        "notes/bom-note/index.html",
        "actors/index.html",
        "actors/elphberg/index.html",
        "actors/ruritania/index.html",
        "chronology/index.html",
        "sources/index.html",
        "sources/alpha-2025/index.html",
        "sources/unused-source/index.html",
        "tags/index.html",
        "tags/talks/index.html",
        "tags/black-sea/index.html",
        "pages/about/index.html",
        "data/pack.json",
        "static/style.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_dir, out) = built();
    let n = assert_links_resolve(&out, "/");
    assert!(n > 200, "only {n} links checked");
}

#[test]
fn links_honour_a_base_url_with_a_path() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &["--base-url", "https://user.github.io/repo/"]);
    // Pages link relative to themselves, so the site reads the same from any folder.
    let home = read(&out.join("index.html"));
    assert!(home.contains("href=\"./static/style.css\""));
    let links = page_links(&out, "/repo/", "notes/talks-resume/index.html");
    assert!(links.contains(&"/repo/static/style.css".to_string()));
    assert!(links.contains(&"/repo/actors/elphberg/".to_string()));
    assert!(!links.iter().any(|h| h.starts_with("/actors")));
    assert_links_resolve(&out, "/repo/");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    assert!(!out.join("notes/draft-note").exists());
    let out = build_ok(&root, &["--drafts"]);
    assert!(out.join("notes/draft-note/index.html").is_file());
}

#[test]
fn a_tag_written_twice_is_listed_once() {
    let (_dir, root) = copy_fixture("basic");
    std::fs::write(
        root.join("content/notes/twice.md"),
        "---\ntitle: Twice\ntags: [Energy, grain, energy]\n---\nAbout [[elphberg]].\n",
    )
    .unwrap();
    let out = build_ok(&root, &[]);
    let note = read(&out.join("notes/twice/index.html"));
    assert_eq!(note.matches("tags/energy/").count(), 1, "{note}");
    assert_eq!(note.matches("tags/grain/").count(), 1, "{note}");
    let tag = read(&out.join("tags/energy/index.html"));
    assert_eq!(tag.matches("notes/twice/\"").count(), 1, "{tag}");
}

#[test]
fn mentions_link_to_actor_pages_and_back() {
    let (_dir, out) = built();
    let pack = pack(&out);
    let notes = pack["notes"].as_array().unwrap();
    let mut checked = 0;
    for note in notes {
        for m in note["mentions"].as_array().unwrap() {
            let actor_page = format!("actors/{}/index.html", m["actor"].as_str().unwrap());
            let place = format!(
                "{}#{}",
                note["url"].as_str().unwrap(),
                m["anchor"].as_str().unwrap()
            );
            assert!(
                page_links(&out, "/", &actor_page).contains(&place),
                "actor page lacks {place}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 16);
}

#[test]
fn mention_shows_name_or_label_and_its_sentence() {
    let (_dir, out) = built();
    let note = read(&out.join("notes/talks-resume/index.html"));
    assert!(note.contains(
        ">Rudolf Elphberg</a> met <a class=\"mention\" id=\"mention-2\" href=\"../../actors/gloriana/\""
    ));
    assert!(note.contains(">the Duchess</a>"));
    let actor = read(&out.join("actors/gloriana/index.html"));
    assert!(
        actor.contains("Rudolf Elphberg met the Duchess in Strelsau."),
        "context sentence missing"
    );
}

#[test]
fn citations_are_numbered_with_backlinks() {
    let (_dir, out) = built();
    let note = read(&out.join("notes/talks-resume/index.html"));
    // alpha-2025 is cited four times: one reference, backlinks a b c d.
    let refs = note
        .split("<li id=\"ref-1\">")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(refs.contains("<span class=\"visually-hidden\">Back to citations: </span>"));
    for (label, cite) in [("a", 1), ("b", 2), ("c", 5), ("d", 8)] {
        let backlink = format!("<a href=\"#cite-{cite}\">{label}</a>");
        assert!(refs.contains(&backlink), "{refs}");
    }
    assert!(note.contains("<span class=\"locator\">, p. 4</span>"));
    assert!(note.contains("<li id=\"ref-3\">"));
    assert!(!note.contains("<li id=\"ref-4\">"));
}

#[test]
fn source_pages_list_every_citing_place() {
    let (_dir, out) = built();
    let pack = pack(&out);
    for source in pack["sources"].as_array().unwrap() {
        let key = source["key"].as_str().unwrap();
        let file = format!("sources/{key}/index.html");
        let page = read(&out.join(&file));
        let links = page_links(&out, "/", &file);
        let cited = source["cited_by"].as_array().unwrap();
        for c in cited {
            assert!(
                links.contains(&c["url"].as_str().unwrap().to_string()),
                "{key}: {c}"
            );
        }
        assert!(
            page.contains(&format!("Cited by ({})", cited.len())),
            "{key}"
        );
    }
    let alpha = &pack["sources"].as_array().unwrap()[0];
    assert_eq!(alpha["key"], "alpha-2025");
    // Four in the note, one on the about page.
    assert_eq!(alpha["cited_by"].as_array().unwrap().len(), 5);
}

/// The dates of the fixture's events, in the chronology's order.
const CHRONOLOGY: [&str; 7] = [
    "2024-03-01",
    "2024-05..2024-06",
    "~2025",
    "2025-01",
    "2025-09",
    "2025-09-15",
    "2025-11-27",
];

#[test]
fn chronology_is_ordered_by_earliest_date_coarser_first() {
    let (_dir, out) = built();
    let page = read(&out.join("chronology/index.html"));
    let dates = attr_values(&page, "data-date");
    assert_eq!(dates, CHRONOLOGY);
    assert!(page.contains("<h3>May 2024</h3>"));
    assert!(page.contains("c. 2025"));
}

/// The fixture built with `page_size: N` in its `site.yaml`.
fn built_with_page_size(n: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, root) = copy_fixture("basic");
    set_page_size(&root, n);
    let out = build_ok(&root, &[]);
    (dir, out)
}

#[test]
fn a_chronology_longer_than_a_page_is_split_by_period() {
    let (_dir, out) = built_with_page_size(2);
    let index = read(&out.join("chronology/index.html"));
    assert!(!index.contains("event-row"), "the index lists no events");
    assert!(
        index.contains("7 events from all notes, earliest first, on 4 pages of at most 2 events")
    );
    // A year to a page, or its whole months when it is longer; every event on one page,
    // in order.
    let periods = [
        ("2024", "2024"),
        ("2025", "2025 (year only) – January 2025"),
        ("2025-09", "September 2025"),
        ("2025-11", "November 2025"),
    ];
    let mut dates = Vec::new();
    for (id, label) in periods {
        assert!(
            index.contains(&format!("<a href=\"../chronology/{id}/\">{label}</a>")),
            "the index links {id}"
        );
        let page = read(&out.join(format!("chronology/{id}/index.html")));
        assert!(
            page.contains(&format!("<h1>Chronology: {label}</h1>")),
            "{id}"
        );
        let rows = attr_values(&page, "data-date");
        assert!(!rows.is_empty() && rows.len() <= 2, "{id}: {rows:?}");
        dates.extend(rows);
    }
    assert_eq!(dates, CHRONOLOGY);
    let middle = read(&out.join("chronology/2025/index.html"));
    assert!(middle.contains("<a rel=\"prev\" href=\"../../chronology/2024/\">← 2024</a>"));
    assert!(
        middle.contains("<a rel=\"next\" href=\"../../chronology/2025-09/\">September 2025 →</a>")
    );
    // The timeline's bars lead to the page of their month, or down the same page.
    assert!(index.contains("<a href=\"../chronology/2025-09/#m2025-09\">"));
    assert!(
        middle.contains("<a href=\"#m2025\">"),
        "year-only events share January's bar"
    );
    // An actor's events are shown from the page of its first.
    let actor = read(&out.join("actors/gloriana/index.html"));
    assert!(actor.contains("href=\"../../chronology/2025-09/#actor=gloriana\""));
    assert!(read(&out.join("sitemap.xml")).contains("/chronology/2025-11/</loc>"));
    assert_links_resolve(&out, "/");
}

#[test]
fn a_month_longer_than_a_page_is_cut_into_parts() {
    let (_dir, out) = built_with_page_size(1);
    let first = read(&out.join("chronology/2025-09/index.html"));
    let second = read(&out.join("chronology/2025-09-p2/index.html"));
    assert!(first.contains("<h1>Chronology: September 2025 (1 of 2)</h1>"));
    assert_eq!(attr_values(&first, "data-date"), ["2025-09"]);
    assert_eq!(attr_values(&second, "data-date"), ["2025-09-15"]);
    assert!(
        second.contains("<a href=\"../../chronology/2025-09/#m2025-09\">"),
        "the month's bar leads to its first part"
    );
    assert_links_resolve(&out, "/");
}

/// The items of `section` (`notes/`, `sources/`) that the list starting at `list` in
/// `html` links to, in order.
fn listed(html: &str, list: &str, section: &str) -> Vec<String> {
    let at = html.find(list).expect("the list");
    let end = at + html[at..].find("</ul>").unwrap_or(html.len() - at);
    let end = end.min(at + html[at..].find("</ol>").unwrap_or(html.len() - at));
    let mut found: Vec<String> = Vec::new();
    for href in attr_values(&html[at..end], "href") {
        let mut rest = href.as_str();
        while let Some(r) = rest.strip_prefix("./").or(rest.strip_prefix("../")) {
            rest = r;
        }
        let slug = rest.strip_prefix(section).and_then(|r| r.strip_suffix('/'));
        if let Some(slug) = slug.filter(|s| !s.contains('/')) {
            if found.last().map(String::as_str) != Some(slug) {
                found.push(slug.to_string());
            }
        }
    }
    found
}

#[test]
fn the_notes_and_the_bibliography_go_on_over_numbered_pages() {
    let (_dir, out) = built_with_page_size(2);
    // The home page holds the two newest notes; the third is on page 2.
    let home = read(&out.join("index.html"));
    assert_eq!(
        listed(&home, "note-list", "notes/"),
        ["talks-resume", "crlf-note"]
    );
    assert!(home.contains("<a rel=\"next\" href=\"./page/2/\">Older notes →</a>"));
    let second = read(&out.join("page/2/index.html"));
    assert!(
        second.contains("<h2>Notes 3–3</h2>") && second.contains("Notes 3–3 of 3, newest first")
    );
    assert_eq!(listed(&second, "note-list", "notes/"), ["bom-note"]);
    assert!(second.contains("<a rel=\"prev\" href=\"../../#notes\">← Newer notes</a>"));
    // The bibliography, numbered on across its pages.
    let first = read(&out.join("sources/index.html"));
    let next = read(&out.join("sources/page/2/index.html"));
    let mut keys = listed(&first, "class=\"bibliography\"", "sources/");
    assert_eq!(keys.len(), 2);
    assert!(next.contains("<ol class=\"bibliography\" start=\"3\">"));
    keys.extend(listed(&next, "class=\"bibliography\"", "sources/"));
    assert_eq!(keys, ["alpha-2025", "beta-2024", "gamma", "unused-source"]);
    assert!(!out.join("sources/page/3").exists() && !out.join("page/3").exists());
    assert!(read(&out.join("sitemap.xml")).contains("/sources/page/2/</loc>"));
    assert_links_resolve(&out, "/");
}

#[test]
fn an_actors_mentions_and_events_go_on_over_pages() {
    let (_dir, out) = built_with_page_size(2);
    let first = read(&out.join("actors/elphberg/index.html"));
    let second = read(&out.join("actors/elphberg/mentions/2/index.html"));
    assert!(first.contains("<h2>Mentions (5)</h2>"));
    // A note's three mentions are not cut: they fill the first page past its size.
    let places = |html: &str| {
        let at = html.find("id=\"mentions\"").expect("mentions");
        listed(&html[at..], "<", "notes/")
    };
    assert_eq!(places(&first), ["talks-resume"]);
    assert_eq!(places(&second), ["bom-note"]);
    assert!(first.contains(
        "<a rel=\"next\" href=\"../../actors/elphberg/mentions/2/\">More mentions →</a>"
    ));
    assert!(
        second.contains("<h1>Rudolf Elphberg</h1>")
            && second.contains("<h2>Mentions 4–5 of 5</h2>")
    );
    assert!(!out.join("actors/elphberg/mentions/3").exists());
    // Events go on in the chronology's order.
    let actor = read(&out.join("actors/ruritania/index.html"));
    let more = read(&out.join("actors/ruritania/events/2/index.html"));
    let mut dates = attr_values(&actor[actor.find("id=\"events\"").unwrap()..], "data-date");
    dates.truncate(2);
    assert_eq!(dates, ["2024-03-01", "2024-05..2024-06"]);
    assert_eq!(attr_values(&more, "data-date"), ["2025-09"]);
    assert!(actor
        .contains("<a rel=\"next\" href=\"../../actors/ruritania/events/2/\">Later events →</a>"));
    assert!(more.contains(
        "<a rel=\"prev\" href=\"../../../../actors/ruritania/#events\">← Earlier events</a>"
    ));
    assert_links_resolve(&out, "/");
}

#[test]
fn a_tags_notes_go_on_over_pages() {
    let (_dir, out) = built_with_page_size(1);
    let first = read(&out.join("tags/talks/index.html"));
    let second = read(&out.join("tags/talks/page/2/index.html"));
    assert_eq!(listed(&first, "note-list", "notes/"), ["talks-resume"]);
    assert_eq!(listed(&second, "note-list", "notes/"), ["crlf-note"]);
    assert!(second.contains("<p class=\"lead\">Notes 2–2 of 2, newest first.</p>"));
    assert!(!out.join("tags/talks/page/3").exists());
    assert_links_resolve(&out, "/");
}

/// The levels of a page's headings (`<h1` .. `<h6`), in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(i, _)| {
            let level = *html.as_bytes().get(i + 2)?;
            (b'1'..=b'6').contains(&level).then_some(level - b'0')
        })
        .collect()
}

#[test]
fn tag_pages_go_down_one_heading_level_at_a_time() {
    let (_dir, out) = built();
    let (_split_dir, split) = built_with_page_size(1);
    for (page, count) in [
        (read(&out.join("tags/talks/index.html")), "<h2>2 notes</h2>"),
        (
            read(&split.join("tags/talks/page/2/index.html")),
            "<h2>Notes 2–2</h2>",
        ),
    ] {
        assert!(page.contains(count), "{page}");
        let levels = heading_levels(&page);
        assert_eq!(levels.first(), Some(&1), "{levels:?}");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "a heading level skipped: {levels:?}"
            );
        }
    }
}

#[test]
fn events_without_citations_fall_back_to_the_note_source() {
    let (_dir, out) = built();
    let pack = pack(&out);
    let event = pack["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"] == "2025-09")
        .unwrap();
    assert_eq!(event["citations"], serde_json::json!(["alpha-2025"]));
    assert_eq!(event["actors"], serde_json::json!(["ruritania"]));
    assert_eq!(event["text"], "Talks announced by Ruritania");
}

#[test]
fn actor_page_shows_events_quotes_affiliation_and_related() {
    let (_dir, out) = built();
    let page = read(&out.join("actors/elphberg/index.html"));
    assert!(page.contains("part of <a href=\"../../actors/ruritania/\">Ruritania</a>"));
    assert!(
        page.contains("<blockquote><p>We will talk again.</p>"),
        "quote missing"
    );
    assert!(page.contains("Events (2)"));
    assert!(
        page.contains("href=\"../../actors/gloriana/\">Gloriana XII</a>"),
        "related actor missing"
    );
    let ruritania = read(&out.join("actors/ruritania/index.html"));
    assert!(ruritania.contains("Members and affiliated actors"));
    assert!(ruritania.contains("href=\"../../actors/elphberg/\">Rudolf Elphberg</a>"));
}

#[test]
fn a_network_draws_the_closest_members_and_lists_them_all() {
    let (_dir, root) = copy_fixture("basic");
    let people = root.join("content/actors/people");
    // Thirty members of Ruritania; the last one is named beside it in a note.
    for i in 0..30 {
        fs::write(
            people.join(format!("courtier-{i:02}.md")),
            format!("---\nname: \"Courtier {i:02}\"\nkind: person\naffiliation: ruritania\n---\n"),
        )
        .unwrap();
    }
    let note = root.join("content/notes/2025/talks-resume.md");
    let text = read(&note) + "\n[[courtier-29]] advised [[ruritania]] on the talks.\n";
    fs::write(&note, text).unwrap();
    let out = build_ok(&root, &[]);
    let page = read(&out.join("actors/ruritania/index.html"));
    let (svg, rest) = page.split_once("</svg>").expect("a network picture");
    let drawn = svg.matches("<circle").count();
    assert!(drawn <= 12 + 1 + 8, "{drawn} actors drawn");
    assert!(
        svg.contains("Courtier 29"),
        "the member named with Ruritania is drawn"
    );
    assert!(
        rest.contains("; 21 more members listed below."),
        "caption: 31 members, 2 among the closest relations, 8 more drawn"
    );
    for i in 0..30 {
        assert!(
            rest.contains(&format!(">Courtier {i:02}</a>")),
            "member {i} listed"
        );
    }
}

#[test]
fn code_is_highlighted_and_never_annotated() {
    let (_dir, out) = built();
    let note = read(&out.join("notes/talks-resume/index.html"));
    assert!(note.contains("<pre class=\"highlight\"><code class=\"language-rust\">"));
    assert!(note.contains("<code>[[elphberg]] [@alpha-2025]</code>"));
    assert!(note.contains("nor an escaped [@alpha-2025]."));
    assert!(note.contains("name@example.com"));
}

#[test]
fn front_matter_is_escaped() {
    let (_dir, out) = built();
    let note = read(&out.join("notes/talks-resume/index.html"));
    assert!(note.contains("<h1>Talks &lt;resume&gt; in Strelsau</h1>"));
    assert!(!note.contains("<resume>"));
    let sources = read(&out.join("sources/index.html"));
    assert!(
        sources.contains("Alpha report: &lt;b&gt;talks&lt;&#x2F;b&gt; resume")
            || sources.contains("Alpha report: &lt;b&gt;talks&lt;/b&gt; resume")
    );
    let home = read(&out.join("index.html"));
    assert!(home.contains("Fixture &lt;Pack&gt; &amp; Co"));
}

#[test]
fn crlf_and_bom_files_are_read() {
    let (_dir, out) = built();
    let crlf = read(&out.join("notes/crlf-note/index.html"));
    assert!(crlf.contains("<h1>CRLF note</h1>"));
    assert!(crlf.contains("<li class=\"event\" id=\"event-1\"><time datetime=\"2024-03-01\""));
    let bom = read(&out.join("notes/bom-note/index.html"));
    assert!(bom.contains("<h1>BOM note</h1>"));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let (_dir, root) = copy_fixture("basic");
    let first = tree(&build_ok(&root, &[]));
    let second = tree(&build_ok(&root, &[]));
    assert_eq!(first, second);
}

#[test]
fn pack_json_exports_the_model() {
    let (_dir, out) = built();
    let pack = pack(&out);
    assert_eq!(pack["format"], 2);
    let note = &pack["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["slug"] == "talks-resume")
        .unwrap();
    assert_eq!(note["source"], "alpha-2025");
    assert_eq!(note["date"], "2025-09-15");
    assert_eq!(note["url"], "/notes/talks-resume/");
    assert!(
        note.get("body_html").is_none(),
        "the text is on the note's page"
    );
    assert_eq!(note["citations"].as_array().unwrap().len(), 8);
    let actor = pack["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "elphberg")
        .unwrap();
    assert_eq!(actor["affiliation"], "ruritania");
    let event = &pack["events"].as_array().unwrap()[0];
    for key in [
        "date",
        "precision",
        "text",
        "actors",
        "citations",
        "doc",
        "anchor",
    ] {
        assert!(event.get(key).is_some(), "event lacks {key}");
    }
    fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_rebuild_writes_only_the_files_that_changed() {
    let (_dir, root) = copy_fixture("basic");
    let out = build_ok(&root, &[]);
    let style = out.join("static/style.css");
    let written = fs::metadata(&style).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    build_ok(&root, &[]);
    let note = root.join("content/notes/2025/talks-resume.md");
    let text = read(&note);
    let changed = text.replace("resume talks.\"", "resume talks, changed.\"");
    assert_ne!(changed, text);
    fs::write(&note, changed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    build_ok(&root, &[]);
    // The third build starts from the first one's folder, kept beside the output: the
    // style sheet did not change, so it is the file the first build wrote.
    assert!(root.join(".output.spare").is_dir());
    assert_eq!(fs::metadata(&style).unwrap().modified().unwrap(), written);
    assert!(read(&out.join("notes/talks-resume/index.html")).contains("resume talks, changed."));
}

#[test]
fn search_keeps_the_words_of_adjacent_blocks_apart() {
    let (_dir, out) = built();
    let script = read(&out.join("data/search.js"));
    let json = script
        .strip_prefix("briefingData(\"search\",")
        .and_then(|s| s.strip_suffix(");\n"))
        .expect("the search index's wrapper");
    let index: Value = serde_json::from_str(json).unwrap();
    let docs = index["docs"].as_array().unwrap();
    let note = docs
        .iter()
        .position(|d| d[2] == "notes/talks-resume/")
        .unwrap() as u64;
    let terms: Vec<&str> = index["terms"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, ids)| ids.as_array().unwrap().iter().any(|i| *i == note))
        .map(|(t, _)| t.as_str())
        .collect();
    // A heading and its paragraph, table cells, a list item and the quote after the list.
    for word in [
        "summary", "rudolf", "party", "position", "events", "we", "an",
    ] {
        assert!(terms.contains(&word), "{word} not in {terms:?}");
    }
    for glued in [
        "summaryrudolf",
        "partypositionruritaniafor",
        "eventwe",
        "ruritaniaan",
    ] {
        assert!(!terms.contains(&glued), "{glued} in {terms:?}");
    }
}

#[test]
fn a_theme_replaces_the_templates_and_files_it_has_and_keeps_the_rest() {
    let (_dir, root) = copy_fixture("basic");
    theme_file(
        &root,
        "templates/source.html",
        "{% extends \"base.html\" %}\n{% block content %}<p class=\"mine\">{{ page.source.title }}, cited {{ page.cited }} time{{ page.cited | pluralize }}</p>{% set p = {\"number\": 1, \"of\": 1} %}{{<pager pager={p} label=\"Mine\" />}}{% endblock content %}\n",
    );
    theme_file(&root, "static/style.css", "body { color: teal }\n");
    let out = build_ok(&root, &[]);
    let source = read(&out.join("sources/alpha-2025/index.html"));
    assert!(
        source.contains(
            "<p class=\"mine\">Alpha report: &lt;b&gt;talks&lt;/b&gt; resume, cited 5 times</p>"
        ),
        "{source}"
    );
    // The default theme's components and base layout are still there to use.
    assert!(
        source.contains("<nav class=\"pager\" aria-label=\"Mine\">"),
        "{source}"
    );
    assert!(
        source.contains("<header class=\"site-header\">"),
        "{source}"
    );
    assert_eq!(
        read(&out.join("static/style.css")),
        "body { color: teal }\n"
    );
    // The templates the theme does not have are the default's.
    assert!(read(&out.join("notes/talks-resume/index.html")).contains("<article class=\"note\">"));
}
