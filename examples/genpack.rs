//! Writes a synthetic briefing pack of any size, for benchmarks: deterministic for a given
//! seed. Shape per note: about 800 words, 20 mentions, 8 citations, 3 events and 1 quote;
//! 1 actor per 10 notes (at least 50) and 2 sources per note.
//!
//! cargo run --release --example genpack -- --notes 10000 --seed 1 DIR

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str, default: u64| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect("a number"))
    };
    let notes = value("--notes", 1000) as usize;
    let seed = value("--seed", 1);
    let dir = PathBuf::from(
        args.last()
            .filter(|a| !a.starts_with("--"))
            .expect("an output folder"),
    );
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
    for n in 0..notes {
        let text = note(&mut rng, n, actors, sources);
        let folder = content.join(format!("notes/{:03}", n / 1000));
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join(format!("note-{n}.md")), text).unwrap();
    }
    println!(
        "wrote {notes} notes, {actors} actors, {sources} sources to {}",
        dir.display()
    );
}

fn note(rng: &mut Rng, n: usize, actors: usize, sources: usize) -> String {
    let own = n * 2;
    let mut s = format!(
        "---\ntitle: \"Note {n}\"\nsource: src-{own}\ndate: {}-{:02}-{:02}\ntags: [tag-{}, tag-{}]\nsummary: \"Summary of note {n}.\"\n---\n",
        2020 + n % 6,
        1 + n % 12,
        1 + n % 28,
        n % 50,
        (n / 7) % 50
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
        if p % 3 == 0 {
            let _ = write!(s, " [@src-{}]", source(rng));
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
