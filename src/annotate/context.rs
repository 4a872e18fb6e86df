//! Context sentences keep a placeholder where a mention stands, because the actor's name
//! (or the mention's label) is chosen only when rendering. A placeholder is the mention's
//! index between two private-use characters, which Markdown text does not contain.

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The placeholder for mention `index`.
pub fn placeholder(index: usize) -> String {
    format!("{OPEN}{index}{CLOSE}")
}

/// `context` with each placeholder replaced by `name(index)`.
pub fn fill(context: &str, mut name: impl FnMut(usize) -> String) -> String {
    let mut out = String::with_capacity(context.len());
    let mut rest = context;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        match after
            .find(CLOSE)
            .and_then(|close| Some((close, after[..close].parse::<usize>().ok()?)))
        {
            Some((close, index)) => {
                out.push_str(&name(index));
                rest = &after[close + CLOSE.len_utf8()..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        let text = format!("{} met {}.", placeholder(0), placeholder(12));
        assert_eq!(fill(&text, |i| format!("<{i}>")), "<0> met <12>.");
    }

    #[test]
    fn stray_markers_are_dropped() {
        assert_eq!(fill("a\u{E000}b", |_| String::new()), "ab");
        assert_eq!(
            fill("a\u{E000}x\u{E001}b", |_| String::new()),
            "ax\u{E001}b"
        );
    }
}
