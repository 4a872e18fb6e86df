//! Writes a synthetic briefing pack of any size, for benchmarks: deterministic for a given
//! seed. Shape per note: about 800 words, 20 mentions, 8 citations, 3 events and 1 quote;
//! 1 actor per 10 notes (at least 50) and 2 sources per note.
//!
//! With `--hugo HUGODIR` it also writes the same notes as a plain Hugo site, for comparison:
//! `config.toml` with `tags` and `actors` taxonomies, one Markdown file per note in
//! `content/notes/` (mentions become the actor's name, citations are dropped, the note's
//! distinct actors go in the `actors` front matter field) and minimal layouts.
//!
//! cargo run --release --example genpack -- --notes 10000 --seed 1 [--hugo HUGODIR] DIR

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// splitmix64: small, fast, good enough to vary synthetic text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "ceasefire",
    "talks",
    "delegation",
    "security",
    "guarantees",
    "minister",
    "statement",
    "border",
    "troops",
    "negotiations",
    "agreement",
    "sanctions",
    "energy",
    "trade",
    "drones",
    "corridor",
    "grain",
    "mediation",
    "summit",
    "coalition",
    "proposal",
    "withdrawal",
    "territory",
    "sovereignty",
    "reconstruction",
    "monitoring",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "on",
    "for",
    "with",
    "that",
    "as",
    "by",
    "after",
    "before",
    "while",
    "officials",
    "said",
    "reported",
    "argued",
    "warned",
    "agreed",
    "rejected",
    "signalled",
    "proposed",
];

fn main() {
    let (mut notes, mut seed, mut hugo, mut dir) = (1000, 1, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--notes" => notes = value().parse().expect("--notes: a number"),
            "--seed" => seed = value().parse().expect("--seed: a number"),
            "--hugo" => hugo = Some(PathBuf::from(value())),
            flag if flag.starts_with("--") => panic!("unknown option {flag}"),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.expect("an output folder");
    let actors = (notes / 10).max(50);
    let sources = notes * 2;
    let mut rng = Rng(seed);
    let content = dir.join("content");
    for sub in ["notes", "actors", "pages"] {
        fs::create_dir_all(content.join(sub)).unwrap();
    }
    fs::write(
        content.join("site.yaml"),
        format!("title: \"Synthetic pack ({notes} notes)\"\n"),
    )
    .unwrap();
    fs::write(
        content.join("pages/about.md"),
        "---\ntitle: About\n---\nA synthetic pack for benchmarks.\n",
    )
    .unwrap();
    let kinds = ["person", "state", "organization", "group"];
    for a in 0..actors {
        let affiliation = if a >= 10 && a % 3 == 0 {
            format!("affiliation: actor-{}\n", a % 10)
        } else {
            String::new()
        };
        let text = format!(
            "---\nname: \"Actor {a}\"\nkind: {}\naliases: [\"A{a}\"]\n{affiliation}role: \"Role {}\"\n---\nProfile of actor {a}.\n",
            kinds[a % 4],
            a % 17
        );
        fs::write(content.join(format!("actors/actor-{a}.md")), text).unwrap();
    }
    let mut bib = String::new();
    for s in 0..sources {
        let _ = write!(
            bib,
            "src-{s}:\n  title: \"Source {s} on {}\"\n  publisher: \"Publisher {}\"\n  date: {}-{:02}\n  kind: article\n",
            WORDS[s % 26],
            s % 40,
            2020 + s % 6,
            1 + s % 12
        );
    }
    fs::write(content.join("sources.yaml"), bib).unwrap();
    if let Some(hugo) = &hugo {
        hugo_site(hugo, notes);
    }
    for n in 0..notes {
        let text = note(&mut rng, n, actors, sources);
        let folder = content.join(format!("notes/{:03}", n / 1000));
        fs::create_dir_all(&folder).unwrap();
        if let Some(hugo) = &hugo {
            let file = hugo.join(format!("content/notes/note-{n}.md"));
            fs::write(file, hugo_note(&text)).unwrap();
        }
        fs::write(folder.join(format!("note-{n}.md")), text).unwrap();
    }
    println!(
        "wrote {notes} notes, {actors} actors, {sources} sources to {}",
        dir.display()
    );
    if let Some(hugo) = &hugo {
        println!(
            "wrote the same {notes} notes as a Hugo site to {}",
            hugo.display()
        );
    }
}

fn note(rng: &mut Rng, n: usize, actors: usize, sources: usize) -> String {
    let own = n * 2;
    let tag = n % 50;
    let other = match (n / 7) % 50 {
        same if same == tag => (same + 1) % 50,
        t => t,
    };
    let mut s = format!(
        "---\ntitle: \"Note {n}\"\nsource: src-{own}\ndate: {}-{:02}-{:02}\ntags: [tag-{tag}, tag-{other}]\nsummary: \"Summary of note {n}.\"\n---\n",
        2020 + n % 6,
        1 + n % 12,
        1 + n % 28,
    );
    let actor = |rng: &mut Rng| rng.below(actors);
    let source = |rng: &mut Rng| rng.below(sources);
    // 14 paragraphs of ~50 words, each with one mention; citations on 5 of them.
    for p in 0..14 {
        if p % 5 == 0 {
            let _ = write!(s, "## Section {p}\n\n");
        }
        for w in 0..50 {
            if w == 10 {
                let _ = write!(s, "[[actor-{}]] ", actor(rng));
            }
            s.push_str(WORDS[rng.below(WORDS.len())]);
            s.push(if w % 12 == 11 { '.' } else { ' ' });
            if w % 12 == 11 {
                s.push(' ');
            }
        }
        // The first cites the source after the note's own, so that every source is
        // cited (a pack with uncited sources prints a warning for each).
        match p {
            0 => {
                let _ = write!(s, " [@src-{}]", own + 1);
            }
            _ if p % 3 == 0 => {
                let _ = write!(s, " [@src-{}]", source(rng));
            }
            _ => {}
        }
        s.push_str(".\n\n");
    }
    s.push_str("## Events\n\n");
    for e in 0..3 {
        let _ = writeln!(
            s,
            "- {}-{:02}-{:02}: [[actor-{}]] and [[actor-{}]] meet on {} [@src-{}]",
            2020 + (n + e) % 6,
            1 + (n * 3 + e) % 12,
            1 + (n + e * 5) % 28,
            actor(rng),
            actor(rng),
            WORDS[rng.below(26)],
            source(rng)
        );
    }
    let _ = write!(
        s,
        "\n> We will not accept {} without {}.\n> — [[actor-{}]] [@src-{own}]\n\nClosing remarks by [[actor-{}]] [@src-{own}, p. 2].\n",
        WORDS[rng.below(26)],
        WORDS[rng.below(26)],
        actor(rng),
        actor(rng)
    );
    s
}

/// Writes a Hugo site's configuration, stylesheet and layouts (notes are added one by one).
fn hugo_site(root: &Path, notes: usize) {
    fs::create_dir_all(root.join("content/notes")).unwrap();
    fs::create_dir_all(root.join("layouts/_default")).unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    let config = format!(
        "baseURL = \"/\"\ntitle = \"Synthetic pack ({notes} notes)\"\n\n[taxonomies]\ntag = \"tags\"\nactor = \"actors\"\n"
    );
    fs::write(root.join("config.toml"), config).unwrap();
    fs::write(root.join("static/style.css"), HUGO_CSS).unwrap();
    for (name, text) in HUGO_LAYOUTS {
        fs::write(root.join("layouts/_default").join(name), text).unwrap();
    }
}

/// A briefing note as a plain Hugo note: the same front matter without `source` and with
/// the distinct actors the note mentions; in the body, `[[actor-12]]` becomes `Actor 12`
/// (the actor's name) and citations (`[@src-5]`, `[@src-5, p. 2]`) go with the space
/// before them.
fn hugo_note(text: &str) -> String {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("end of front matter");
    let mut actors: Vec<&str> = Vec::new();
    let mut plain = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('[') {
        let (before, from) = rest.split_at(at);
        if let Some(inner) = from.strip_prefix("[[") {
            let (inner, after) = inner.split_once("]]").expect("a closed mention");
            let (id, label) = inner.split_once('|').unwrap_or((inner, ""));
            if !actors.contains(&id) {
                actors.push(id);
            }
            plain.push_str(before);
            if label.is_empty() {
                plain.push_str(&actor_name(id));
            } else {
                plain.push_str(label);
            }
            rest = after;
        } else if let Some(inner) = from.strip_prefix("[@") {
            let (_, after) = inner.split_once(']').expect("a closed citation");
            plain.push_str(before.strip_suffix(' ').unwrap_or(before));
            rest = after;
        } else {
            plain.push_str(before);
            plain.push('[');
            rest = &from[1..];
        }
    }
    plain.push_str(rest);
    let mut out = String::from("---\n");
    for line in front.lines().filter(|l| !l.starts_with("source:")) {
        out.push_str(line);
        out.push('\n');
    }
    let _ = write!(out, "actors: [{}]\n---\n{plain}", actors.join(", "));
    out
}

/// The name genpack gives an actor: `actor-12` is "Actor 12".
fn actor_name(id: &str) -> String {
    match id.strip_prefix("actor-") {
        Some(n) => format!("Actor {n}"),
        None => id.to_string(),
    }
}

const HUGO_CSS: &str = "body { max-width: 48rem; margin: 0 auto; padding: 1rem; font-family: sans-serif; line-height: 1.5; }
header nav a { margin-right: 1rem; }
footer { margin-top: 2rem; color: #666; }
";

const HUGO_LAYOUTS: [(&str, &str); 4] = [
    (
        "baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header>
<nav>
<a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<a href="{{ "notes/" | relURL }}">Notes</a>
<a href="{{ "actors/" | relURL }}">Actors</a>
<a href="{{ "tags/" | relURL }}">Tags</a>
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"#,
    ),
    (
        "single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .GetTerms "tags" }}<p>Tags: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ with .GetTerms "actors" }}<p>Actors: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
"#,
    ),
    (
        "list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}
<li>
<a href="{{ .RelPermalink }}">{{ .Title }}</a>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary }}</p>
</li>
{{ end }}
</ul>
{{ end }}
"#,
    ),
    (
        "terms.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
"#,
    ),
];
