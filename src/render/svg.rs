//! Pictures drawn at build time as inline SVG, so no chart library runs in the browser:
//! the chronology's timeline (events per month) and an actor's network (the actors it
//! is mentioned with, and its affiliation and members).

use super::html::escape;
use crate::date::month_name;
use std::f64::consts::PI;
use std::fmt::Write as _;

/// A bar of the timeline: a month (events known only to a year stand in its January),
/// the number of events, and the link to the section of the chronology that lists them
/// (`#m2025-09` on the same page).
pub struct Bar {
    pub year: u16,
    pub month: u8,
    pub count: usize,
    pub href: String,
}

/// How many years the timeline draws month by month; earlier events make one bar.
const YEARS: u16 = 6;

/// Events per month over the last [`YEARS`] years with events, one bar per month, each a
/// link to the section of the chronology that lists its events; events before those
/// years make a single bar at the start, so an old antecedent does not flatten the rest.
pub fn timeline(months: &[Bar]) -> String {
    let Some(last) = months.last() else {
        return String::new();
    };
    let from = months[0].year.max(last.year.saturating_sub(YEARS - 1));
    let earlier: usize = months
        .iter()
        .filter(|m| m.year < from)
        .map(|m| m.count)
        .sum();
    let shown: Vec<&Bar> = months.iter().filter(|m| m.year >= from).collect();
    let years = (last.year - from + 1) as f64;
    let (bar, gap, height, label) = (10.0, 2.0, 60.0, 16.0);
    let lead = if earlier > 0 { 4.0 * (bar + gap) } else { 0.0 };
    let width = lead + years * 12.0 * (bar + gap);
    let max = months
        .iter()
        .filter(|m| m.year >= from)
        .map(|m| m.count)
        .chain([earlier])
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width} {}\" aria-labelledby=\"timeline-title\">\
         <title id=\"timeline-title\">Events per month, {from}–{}</title>",
        height + label,
        last.year
    );
    let draw = |svg: &mut String, x: f64, count: usize, href: &str, what: &str| {
        let h = (count as f64 / max * (height - 4.0)).max(2.0);
        // A transparent column the full height of the chart makes even short bars easy to
        // point at or tap.
        let _ = write!(
            svg,
            "<a href=\"{}\"><title>{what}: {count} event{}</title>\
             <rect class=\"hit\" x=\"{}\" y=\"0\" width=\"{}\" height=\"{height}\" fill=\"transparent\"/>\
             <rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\" fill=\"currentColor\"/></a>",
            escape(href),
            if count == 1 { "" } else { "s" },
            x - gap / 2.0,
            bar + gap,
            height - h,
        );
    };
    if earlier > 0 {
        let first = &months[0];
        draw(
            &mut svg,
            0.0,
            earlier,
            &first.href,
            &format!("Before {from}"),
        );
        let _ = write!(
            svg,
            "<text class=\"year-label\" x=\"0\" y=\"{}\" fill=\"currentColor\" font-size=\"11\">earlier</text>",
            height + label - 3.0
        );
    }
    for (i, year) in (from..=last.year).enumerate() {
        let x = lead + i as f64 * 12.0 * (bar + gap);
        let _ = write!(
            svg,
            "<line class=\"year-rule\" x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{height}\" stroke=\"currentColor\" stroke-opacity=\"0.3\"/>\
             <text class=\"year-label\" x=\"{}\" y=\"{}\" fill=\"currentColor\" font-size=\"11\">{year}</text>",
            x + 2.0,
            height + label - 3.0
        );
    }
    for m in shown {
        let slot = (m.year - from) as f64 * 12.0 + (m.month as f64 - 1.0);
        draw(
            &mut svg,
            lead + slot * (bar + gap),
            m.count,
            &m.href,
            &format!("{} {}", month_name(m.month), m.year),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A node of an actor's network.
pub struct Node<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub kind: &'a str,
    /// Passages shared with the centre (0 for affiliation links only).
    pub weight: usize,
    /// Linked by affiliation (either way) rather than by co-mention alone.
    pub affiliated: bool,
}

/// The centre actor with its neighbours on a circle; line width grows with the number of
/// passages that mention both, dashed lines are affiliations.
pub fn network(centre: &str, kind: &str, nodes: &[Node]) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    let (w, h, r) = (760.0, 400.0, 150.0);
    let (cx, cy) = (w / 2.0, h / 2.0);
    let max = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1) as f64;
    let mut lines = String::new();
    let mut dots = String::new();
    for (i, n) in nodes.iter().enumerate() {
        let angle = 2.0 * PI * i as f64 / nodes.len() as f64 - PI / 2.0;
        let (x, y) = (cx + r * angle.cos(), cy + r * angle.sin());
        let stroke = 1.0 + 5.0 * n.weight as f64 / max;
        let class = if n.affiliated {
            "edge affiliation"
        } else {
            "edge"
        };
        let dash = if n.affiliated {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let _ = write!(
            lines,
            "<line class=\"{class}\" x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"currentColor\" stroke-opacity=\"0.35\" stroke-width=\"{stroke:.1}\"{dash}/>"
        );
        let anchor = if x < cx - 1.0 {
            "end"
        } else if x > cx + 1.0 {
            "start"
        } else {
            "middle"
        };
        let dx = if anchor == "end" {
            -10.0
        } else if anchor == "start" {
            10.0
        } else {
            0.0
        };
        let dy = if anchor == "middle" {
            if y < cy {
                -12.0
            } else {
                20.0
            }
        } else {
            4.0
        };
        let shared = match (n.weight, n.affiliated) {
            (0, _) => "affiliation".to_string(),
            (w, true) => format!(
                "affiliation; {w} shared passage{}",
                if w == 1 { "" } else { "s" }
            ),
            (w, false) => format!("{w} shared passage{}", if w == 1 { "" } else { "s" }),
        };
        let _ = write!(
            dots,
            "<a href=\"{}\"><circle class=\"node kind-{}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\" fill=\"currentColor\"><title>{} ({shared})</title></circle>\
             <text class=\"node-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"currentColor\" font-size=\"13\">{}</text></a>",
            escape(n.url),
            escape(n.kind),
            escape(n.name),
            x + dx,
            y + dy,
            escape(&label(n.name))
        );
    }
    format!(
        "<svg viewBox=\"0 0 {w} {h}\" aria-labelledby=\"network-title\">\
         <title id=\"network-title\">{} and the actors mentioned with it</title>{lines}\
         <circle class=\"node centre kind-{}\" cx=\"{cx}\" cy=\"{cy}\" r=\"11\" fill=\"currentColor\"/>\
         <text class=\"node-label centre\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" fill=\"currentColor\" font-size=\"14\" font-weight=\"bold\">{}</text>{dots}</svg>",
        escape(centre),
        escape(kind),
        cy + 28.0,
        escape(centre)
    )
}

/// A node's label, shortened so that it fits beside the circle.
fn label(name: &str) -> String {
    const MAX: usize = 26;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_has_a_linked_bar_per_month() {
        let bar = |year, month, count, href: &str| Bar {
            year,
            month,
            count,
            href: href.into(),
        };
        let svg = timeline(&[bar(2024, 5, 1, "#m2024-05"), bar(2025, 9, 4, "#m2025-09")]);
        assert!(svg.starts_with("<svg viewBox=\"0 0 288 76\""), "{svg}");
        let old = timeline(&[
            bar(1938, 1, 1, "#m1938"),
            bar(2025, 9, 4, "/c/2025-09/#m2025-09"),
        ]);
        assert!(old.contains("<title>Before 2020: 1 event</title>"), "{old}");
        assert!(old.contains(">2020</text>") && !old.contains(">1938</text>"));
        assert!(old.contains("<a href=\"/c/2025-09/#m2025-09\">"), "{old}");
        assert!(svg.contains("<a href=\"#m2025-09\">"));
        assert!(svg.contains("<title>September 2025: 4 events</title>"));
        assert!(svg.contains(">2024</text>") && svg.contains(">2025</text>"));
        assert_eq!(timeline(&[]), "");
    }

    #[test]
    fn network_links_every_neighbour() {
        let nodes = [
            Node {
                name: "A & B",
                url: "/actors/a/",
                kind: "state",
                weight: 3,
                affiliated: false,
            },
            Node {
                name: "C",
                url: "/actors/c/",
                kind: "person",
                weight: 0,
                affiliated: true,
            },
        ];
        let svg = network("X", "person", &nodes);
        assert!(svg.contains("<a href=\"/actors/a/\">") && svg.contains("<a href=\"/actors/c/\">"));
        assert!(svg.contains("A &amp; B (3 shared passages)"));
        assert!(svg.contains("class=\"edge affiliation\""));
        assert_eq!(network("X", "person", &[]), "");
    }
}
